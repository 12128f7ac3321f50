"""Hypothesis strategies for broken pages, odd encodings and hostile text.

Shared by the hardening tests (a bounded number of examples) and
``bench/fuzz.py`` (long runs). Pages are built from a small HTML grammar
(real tags, attributes that matter to extraction, text in several scripts
with control characters, NUL bytes, emoji and right-to-left runs), then
damaged: cut short, close tags dropped, encodings mixed, wrapped in a broken
MHTML envelope or gzip. Every generated page carries ``SCRIPT_MARK`` only
inside ``<script>`` / event handlers, so a test can check it is never read.
"""

from __future__ import annotations

import base64
import gzip
import quopri

from hypothesis import strategies as st

SCRIPT_MARK = "SCRIPTMARKQX"  # must never reach an article block

_TAG_NAMES = (
    "p div span section article main h1 h2 h3 h4 li ul ol table tr td th pre code blockquote "
    "a em strong br figure figcaption header footer aside nav form b i q sup sub time address "
    "details summary center font marquee"
)
TAGS = _TAG_NAMES.split()
DANGEROUS = ("script", "style", "iframe", "noscript", "template", "svg", "object", "textarea")
ATTRS = ("class", "id", "lang", "xml:lang", "dir", "style", "hidden", "href", "rel", "datetime")
# Bidi controls and invisible characters are written as escapes, never raw, in source.
WORDS = [
    *"Les élèves ont présenté leur projet à l’école « très réussi » , . ; : ! ? …".split(),  # noqa: SIM905
    *"The quick brown fox jumps over the lazy dog . Der Bär läuft über die Straße .".split(),  # noqa: SIM905
    *"Москва столица России . 東京は日本の首都です 。 مرحبا بالعالم هذا نص عربي .".split(),  # noqa: SIM905
    *"שלום עולם זה טקסט בעברית . &amp; &nbsp; &#0; &#x110000; &lt;script&gt;".split(),  # noqa: SIM905
    *"M. Dr. 3,14 1er 2e XIV 10 000 € 1 000 000 $".split(),  # noqa: SIM905
    "\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1eb\U0001f1f7",
    "\u202e", "\u202d", "\u200f", "\u200e", "\u200b", "\u00ad", "\ufeff",
]
CONTROL = "".join(chr(c) for c in (0, 1, 7, 8, 11, 12, 27, 127)) + "\x85\u2028\u2029\r\t\n"

words = st.sampled_from(WORDS)
odd_chars = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.text(
    alphabet=CONTROL, min_size=1, max_size=4
)
text_runs = st.lists(words | odd_chars, min_size=1, max_size=30).map(" ".join)


def _attr(name: str, value: str) -> str:
    return f' {name}="{value}"'


attributes = st.lists(
    st.tuples(
        st.sampled_from(ATTRS),
        st.sampled_from(
            ["fr", "fr-CA", "en", "ar", "he", "rtl", "x", "display:none", "content", "byline",
             "sidebar", "nav", "", "javascript:alert(1)", "file:///etc/passwd", '"><b>x</b>']
        ),
    ),
    max_size=3,
).map(lambda pairs: "".join(_attr(k, v) for k, v in pairs))

handlers = st.sampled_from(["onclick", "onload", "onerror", "onmouseover"]).map(
    lambda h: f' {h}="document.write(\'{SCRIPT_MARK}\')"'
)


def _element(children: list[str], tag: str, attrs: str, handler: str, closed: bool) -> str:
    inner = "".join(children)
    # The handler comes first: an attribute value that breaks out of its quotes
    # ('"><b>x</b>') turns what follows into page text, as it would in a browser.
    return f"<{tag}{handler}{attrs}>{inner}" + (f"</{tag}>" if closed else "")


FALLBACK_MARK = "FALLBACKMARKQX"  # inside iframe/noscript/...: should not be read, not checked here


def _dangerous(tag: str) -> str:
    mark = SCRIPT_MARK if tag in ("script", "style") else FALLBACK_MARK
    return f"<{tag}>document.write('{mark}'); var s = '<p>{mark}</p>';</{tag}>"


dangerous = st.sampled_from(DANGEROUS).map(_dangerous)

fragments = st.recursive(
    text_runs | dangerous,
    lambda inner: st.builds(
        _element,
        st.lists(inner, max_size=6),
        st.sampled_from(TAGS),
        attributes,
        st.just("") | handlers,
        st.booleans(),
    ),
    max_leaves=40,
)


@st.composite
def pages(draw) -> str:
    """A whole page as text: maybe a head with metadata, a body, then damage."""
    head = draw(
        st.sampled_from(
            [
                "",
                "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Titre</title>"
                "</head>",
                "<html><head><meta http-equiv='refresh' content='0;url=file:///etc/passwd'>"
                "<base href='file:///etc/'><title>x</title></head>",
                "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><head>",
                "<html><head><meta charset='shift_jis'><meta property='og:locale' content='fr_CA'>",
                "<!-- unclosed comment ",
            ]
        )
    )
    body = "".join(draw(st.lists(fragments, min_size=1, max_size=8)))
    page = f"{head}<body>{body}</body></html>"
    if draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]  # truncated anywhere
    return page


ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16", "utf-16-be", "shift_jis", "koi8-r", "gb18030")


@st.composite
def encoded(draw, text: str) -> bytes:
    """``text`` as bytes: one encoding, or pieces in different ones (a mixed page)."""
    if draw(st.booleans()):
        return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")
    cut = draw(st.integers(0, len(text)))
    a, b = draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(ENCODINGS))
    data = text[:cut].encode(a, "replace") + text[cut:].encode(b, "replace")
    if draw(st.booleans()):
        # A UTF-8 BOM that lies about half the page. (A UTF-16 BOM before ASCII
        # markup turns the markup into noise, in browsers too: script tags are
        # garbled and their text can surface; no reader can do better.)
        data = b"\xef\xbb\xbf" + data
    return data


def mhtml(html: bytes, *, encoding: str, boundary: str = "----=_Part_0") -> bytes:
    """A single-file page (MHTML) holding ``html`` as its root part."""
    if encoding == "base64":
        body = base64.encodebytes(html)
    elif encoding == "quoted-printable":
        body = quopri.encodestring(html)
    else:
        body = html
    return (
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/a\r\n"
        b"Subject: page\r\nMIME-Version: 1.0\r\n"
        + f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        "Content-Location: https://example.org/a\r\n\r\n".encode()
        + body
        + f"\r\n--{boundary}--\r\n".encode()
    )


SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".md", ".mhtml", ".html.gz", "")


@st.composite
def files(draw) -> tuple[str, bytes]:
    """(file name suffix, bytes): a damaged page, MHTML, gzip, binary or nothing."""
    kind = draw(st.sampled_from(["page", "page", "page", "mhtml", "binary", "text", "gzip"]))
    suffix = draw(st.sampled_from(SUFFIXES))
    if kind == "binary":
        return suffix, draw(st.binary(max_size=3000))
    text = draw(pages()) if kind != "text" else draw(text_runs)
    data = draw(encoded(text))
    if kind == "mhtml":
        data = mhtml(data, encoding=draw(st.sampled_from(["base64", "quoted-printable", "8bit"])))
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
        return draw(st.sampled_from([".mhtml", ".mht", ".html"])), data
    if kind == "gzip":
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]  # a damaged archive
        return ".html.gz", data
    return suffix, data


speech_texts = st.lists(
    words | odd_chars | st.sampled_from(["😀😀😀", "مرحبا", "שלום", "\x00", "\x1b[31m", "<ssml/>",
                                          "[[a]]", "&#0;", "\ud7ff", "\U0010ffff"]),
    min_size=1,
    max_size=20,
).map(" ".join)
