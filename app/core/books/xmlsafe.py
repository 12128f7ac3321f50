"""One hardened lxml parser for every XML file inside a book.

No entity is resolved (an XHTML file declaring ``<!ENTITY x SYSTEM
"file:///etc/passwd">`` gets nothing), no DTD is loaded, nothing is fetched
from the network, and libxml2's limits on depth and text size stay on
(``huge_tree`` off), so a hostile file costs bounded time and memory.
``recover`` keeps what can be read of a file that is not well-formed.
"""

from __future__ import annotations

import re

from lxml import etree

_HTML_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))


def parser(recover: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
    )


def _numeric(match: re.Match[bytes]) -> bytes:
    from html.entities import name2codepoint

    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    code = name2codepoint.get(name.decode("ascii"))
    # An entity that is not HTML's (declared in the file's own DTD): dropped.
    return f"&#{code};".encode() if code is not None else b""


def parse(data: bytes, *, html_entities: bool = False) -> etree._Element | None:
    """The root element of ``data``, or None when nothing can be read.

    ``html_entities``: XHTML books use ``&nbsp;`` and friends without
    declaring them (the XHTML DTD is never loaded): they become numeric
    references first, so "1&nbsp;000" keeps its space.
    """
    if html_entities:
        data = _HTML_ENTITY.sub(_numeric, data)
    try:
        root = etree.fromstring(data, parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local(tag: object) -> str:
    """The local name of an element's tag ("{ns}p" -> "p"); "" for entities, comments."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
