"""Cut what is never read out of the raw HTML string, before any tree is built.

Most bytes of a modern page are script, style, SVG, JSON blobs and comments;
building BeautifulSoup objects for them costs more than the whole extraction.
They are cut from the string (regular expressions and ``str.find``, in C).
The ``<head>`` is cut too once :mod:`.metadata` has read it, along with
elements that never hold article text (navigation, form controls, media,
asides and footers).

Each element is cut from its opening tag to the first matching closing tag;
a never-closed one loses only its opening tag, except code and fallback
(script, style, iframe, ...) and comments, which run to the end as in a
browser. Work stays linear on hostile input: a closing tag
that is missing once is not searched for again.
"""

from __future__ import annotations

import re

_CONTAINERS = (
    "script",
    "style",
    "svg",
    "noscript",
    "template",
    "iframe",
    "object",
    "math",
    "select",
    "button",
    "textarea",
    "video",
    "audio",
    "canvas",
    "map",
    "picture",
    "nav",
    "dialog",
    "aside",
    "footer",
)
# Elements whose content is code or fallback, never shown as text: cut to the
# end of the page when their closing tag is missing.
_NEVER_SHOWN = frozenset(
    {"script", "style", "noscript", "template", "iframe", "textarea", "svg", "object", "math"}
)
_OPEN = re.compile(rf"<({'|'.join(_CONTAINERS)})\b[^>]*>|<!--|<!\[CDATA\[", re.I)
_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in _CONTAINERS}
# Void elements that carry no text.
_VOID = re.compile(r"<(?:link|meta|input|img|source|track|embed|param|col|area|wbr)\b[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>.*?</head\s*>", re.S | re.I)
_BODY_START = re.compile(r"<body\b[^>]*>", re.I)


def split_head(html: str) -> tuple[str, str]:
    """(head, rest): the ``<head>`` element's text and the page without it."""
    m = _HEAD.search(html, 0, 400_000)
    if m is None:
        body = _BODY_START.search(html)
        if body is None:
            return "", html
        return html[: body.start()], html[body.start() :]
    return m.group(0), html[: m.start()] + html[m.end() :]


def prune(html: str) -> str:
    """The page minus script, style, SVG, comments, media and other non-text."""
    out: list[str] = []
    pos = 0
    missing: set[str] = set()  # closing tags known to be absent after some point
    while True:
        m = _OPEN.search(html, pos)
        if m is None:
            break
        out.append(html[pos : m.start()])
        out.append(" ")
        name = m.group(1)
        if name is None:  # a comment or CDATA section
            end_mark = "-->" if m.group(0) == "<!--" else "]]>"
            end = html.find(end_mark, m.end())
            pos = len(html) if end < 0 else end + len(end_mark)
            continue
        name = name.lower()
        close = None if name in missing else _CLOSE[name].search(html, m.end())
        if close is None:
            if name in _NEVER_SHOWN:
                # A page cut short inside a script (a truncated download, a
                # page saved mid-load): all that follows is code, as a
                # browser would treat it. Never read it aloud.
                pos = len(html)
                break
            missing.add(name)
            pos = m.end()  # never closed: drop the opening tag only
        else:
            pos = close.end()
    out.append(html[pos:])
    return _VOID.sub(" ", "".join(out))


# Wrappers that templates forget to close. Thousands left open nest every
# later element one level deeper, and BeautifulSoup's tree building is
# quadratic in depth (24,000 unclosed <div>s: two minutes).
_WRAPPERS = ("div", "span", "font", "section")
_UNCLOSED_LIMIT = 1000


def flatten_unclosed(html: str) -> str:
    """Drop the wrapper tags of a page that leaves more than 1,000 of them open.

    Such a page has no structure left to score anyway; each ``<div>`` becomes
    a paragraph break so its text still comes out as separate blocks.
    """
    lower = html.lower()
    for name in _WRAPPERS:
        opened = lower.count(f"<{name}")
        if opened - lower.count(f"</{name}") > _UNCLOSED_LIMIT:
            breaker = "<p>" if name in ("div", "section") else " "
            html = re.sub(rf"<{name}\b[^>]*>", breaker, html, flags=re.I)
            html = re.sub(rf"</{name}\s*>", " ", html, flags=re.I)
    return html
