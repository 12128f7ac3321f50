"""EPUB books of our own, built as zips in the tests (EPUB 2 with an NCX,
EPUB 3 with a nav document), and the bad ones: DRM, zip bomb, paths that
leave the archive, external entities, a truncated archive."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from html import escape

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


@dataclass
class Doc:
    name: str  # path under OEBPS/
    body: str  # XHTML body content
    lang: str | None = None
    title: str = ""
    head: str = ""  # raw text before <html> (a DOCTYPE with entities...)
    raw: str | None = None  # the whole file as is, instead of an XHTML page


@dataclass
class Book:
    title: str = "A Book of Our Own"
    lang: str = "en"
    docs: list[Doc] = field(default_factory=list)
    toc: list[tuple[str, str, int]] = field(default_factory=list)  # title, href, level
    version: int = 3
    extra: dict[str, bytes] = field(default_factory=dict)  # more archive members
    nav_in_spine: bool = True


def xhtml(doc: Doc) -> str:
    lang = f' xml:lang="{doc.lang}" lang="{doc.lang}"' if doc.lang else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doc.head}'
        f'<html xmlns="http://www.w3.org/1999/xhtml" '
        f'xmlns:epub="http://www.idpf.org/2007/ops"{lang}>'
        f"<head><title>{escape(doc.title)}</title></head><body>{doc.body}</body></html>"
    )


def _nav(book: Book) -> str:
    # Nested <ol> from the levels.
    out, depth = [], 0
    for title, href, level in book.toc:
        while depth < level:
            out.append("<ol>")
            depth += 1
        while depth > level:
            out.append("</li></ol>")
            depth -= 1
        if out and out[-1] not in ("<ol>",):
            out.append("</li>")
        out.append(f'<li><a href="{href}">{escape(title)}</a>')
    while depth:
        out.append("</li></ol>")
        depth -= 1
    body = f'<nav epub:type="toc" id="toc"><h1>Contents</h1>{"".join(out)}</nav>'
    return xhtml(Doc("nav.xhtml", body, title="Contents"))


def _ncx(book: Book) -> str:
    points, stack = [], []
    for n, (title, href, level) in enumerate(book.toc, start=1):
        while len(stack) >= level:
            points.append("</navPoint>")
            stack.pop()
        points.append(
            f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{escape(title)}</text>'
            f'</navLabel><content src="{href}"/>'
        )
        stack.append(n)
    points += ["</navPoint>"] * len(stack)
    return (
        '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
        f"<head/><docTitle><text>{escape(book.title)}</text></docTitle>"
        f"<navMap>{''.join(points)}</navMap></ncx>"
    )


def build(book: Book, *, opf_path: str = "OEBPS/content.opf") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        z.writestr("META-INF/container.xml", CONTAINER.format(opf=opf_path), zipfile.ZIP_DEFLATED)
        items, refs = [], []
        for i, doc in enumerate(book.docs):
            items.append(f'<item id="d{i}" href="{doc.name}" media-type="application/xhtml+xml"/>')
            refs.append(f'<itemref idref="d{i}"/>')
            page = doc.raw if doc.raw is not None else xhtml(doc)
            z.writestr(f"OEBPS/{doc.name}", page, zipfile.ZIP_DEFLATED)
        spine_attr = ""
        if book.version == 3:
            items.append(
                '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                'properties="nav"/>'
            )
            if book.nav_in_spine:
                refs.insert(0, '<itemref idref="nav"/>')
            z.writestr("OEBPS/nav.xhtml", _nav(book), zipfile.ZIP_DEFLATED)
        else:
            items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
            spine_attr = ' toc="ncx"'
            z.writestr("OEBPS/toc.ncx", _ncx(book), zipfile.ZIP_DEFLATED)
        opf = (
            f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
            f'version="{book.version}.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(book.title)}</dc:title><dc:language>{book.lang}</dc:language>"
            '<dc:creator>Claire Martin</dc:creator><dc:identifier id="id">x</dc:identifier>'
            f"</metadata><manifest>{''.join(items)}</manifest>"
            f"<spine{spine_attr}>{''.join(refs)}</spine></package>"
        )
        z.writestr(opf_path, opf, zipfile.ZIP_DEFLATED)
        for name, data in book.extra.items():
            z.writestr(name, data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def sample(version: int = 3) -> Book:
    """Two chapters (the second in French, with a section inside), footnotes."""
    docs = [
        Doc(
            "ch1.xhtml",
            '<h1 id="c1">The Departure</h1>'
            "<p>The travellers left at dawn, long before the town woke"
            '<a epub:type="noteref" href="notes.xhtml#n1"><sup>1</sup></a>.</p>'
            '<p>Nobody saw them go<sup><a href="#fn2">2</a></sup>, and '
            '<span epub:type="pagebreak" id="p12" role="doc-pagebreak">12</span>nobody asked.</p>'
            '<p>They carried letters<a href="#fn3">[3]</a> for the mayor.</p>'
            '<aside epub:type="footnote" id="fn2"><p>Except the baker.</p></aside>'
            '<p id="fn3">3. Sealed ones. <a href="#r3">↩</a></p>',
            title="The Departure",
        ),
        Doc(
            "ch2.xhtml",
            "<h1>Le Retour</h1><p>Ils revinrent au printemps, fatigués mais heureux.</p>"
            '<h2 id="s2">Sur la route</h2><p>La route était longue et le vent froid.</p>'
            '<p xml:lang="en">A sentence in English in the middle of French.</p>',
            lang="fr",
            title="Le Retour",
        ),
    ]
    return Book(
        docs=docs,
        version=version,
        toc=[
            ("The Departure", "ch1.xhtml", 1),
            ("Le Retour", "ch2.xhtml", 1),
            ("Sur la route", "ch2.xhtml#s2", 2),
        ],
    )
