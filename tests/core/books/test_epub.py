"""EPUB books we build as zips: spine order, chapters from the nav document
or the NCX, languages, footnote markers, and every kind of bad book."""

from __future__ import annotations

import io
import zipfile

import pytest

from lismoi.core.books import read_book
from lismoi.core.errors import ExtractionError, LoadError, TooLargeError, UnsupportedContentError
from lismoi.core.load.source import load
from tests.core.books.epubmake import Book, Doc, build, sample


def _read(tmp_path, data: bytes, name: str = "book.epub"):
    path = tmp_path / name
    path.write_bytes(data)
    doc = load(str(path))
    return read_book(doc)


@pytest.mark.parametrize("version", [2, 3])
def test_chapters_come_from_the_table_of_contents(tmp_path, version):
    article = _read(tmp_path, build(sample(version)))
    assert article.title == "A Book of Our Own"
    assert article.byline == "Claire Martin"
    assert [(c.title, c.level) for c in article.chapters] == [
        ("The Departure", 1),
        ("Le Retour", 1),
        ("Sur la route", 2),
    ]
    # Each chapter starts at its heading (the section at its own <h2>, found by its id).
    for chapter in article.chapters:
        block = article.blocks[chapter.first_block]
        assert (block.kind, block.text) == ("heading", chapter.title)
    assert article.chapters[1].lang == "fr"
    texts = [b.text for b in article.blocks]
    assert "Contents" not in texts  # the nav document is chrome, not text
    # Reading order is the spine's.
    assert texts.index("The Departure") < texts.index("Le Retour") < texts.index("Sur la route")


def test_lang_attributes_reach_the_blocks(tmp_path):
    article = _read(tmp_path, build(sample(3)))
    by_text = {b.text: b for b in article.blocks}
    # The book is English: its own documents give no per-block hint; the French
    # chapter's blocks carry "fr", and the English paragraph inside it "en".
    assert by_text["The Departure"].lang_hint is None
    assert by_text["Ils revinrent au printemps, fatigués mais heureux."].lang_hint == "fr"
    assert by_text["A sentence in English in the middle of French."].lang_hint == "en"
    assert article.hints.html_lang == "en"


def test_footnote_markers_are_not_read_and_notes_are(tmp_path):
    texts = [b.text for b in _read(tmp_path, build(sample(3))).blocks]
    assert "The travellers left at dawn, long before the town woke." in texts
    assert "Nobody saw them go, and nobody asked." in texts
    assert "They carried letters for the mayor." in texts
    # The notes themselves are kept (the aside one after its chapter's text).
    assert "Except the baker." in texts
    assert "3. Sealed ones." in texts
    assert texts.index("Except the baker.") > texts.index("They carried letters for the mayor.")


def test_notes_between_paragraphs_are_read_after_the_chapter(tmp_path):
    # An EPUB 2 book marks no note as a note: the paragraph a marker points to is
    # one, read after the text rather than between two of its paragraphs. A
    # marker pointing at a section with a heading is a cross-reference, not a note.
    body = (
        "<h1>Chapitre</h1>"
        '<p>Il partit<a href="#n1">[1]</a> à l’aube.</p>'
        '<p id="n1">1. Un mardi, selon sa sœur.</p>'
        '<p>Il revint le soir<sup><a href="#s2">2</a></sup>.</p>'
        '<div id="s2"><h2>Le soir</h2><p>La suite du récit.</p></div>'
    )
    book = Book(docs=[Doc("c.xhtml", body, title="Chapitre")], version=2, lang="fr")
    texts = [b.text for b in _read(tmp_path, build(book)).blocks]
    assert texts == ["Chapitre", "Il partit à l’aube.", "Il revint le soir.",
                     "Le soir", "La suite du récit.", "1. Un mardi, selon sa sœur."]


def test_a_book_without_table_of_contents_gets_a_chapter_per_titled_document(tmp_path):
    book = sample(2)
    book.toc = []
    article = _read(tmp_path, build(book))
    assert [c.title for c in article.chapters] == ["The Departure", "Le Retour"]


def test_scripts_and_styles_are_never_text(tmp_path):
    body = (
        "<script>alert('owned')</script><style>p{}</style>"
        "<p>Only this is read.</p><noscript>Enable JS</noscript>"
    )
    book = Book(docs=[Doc("a.xhtml", body)])
    texts = [b.text for b in _read(tmp_path, build(book)).blocks]
    assert texts == ["Only this is read."]


def test_external_and_expanding_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    head = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
    )
    body = (
        "<p>Before &xxe; after.</p><p>Laugh &d; done.</p><p>A&nbsp;space and &eacute;t&eacute;.</p>"
    )
    book = Book(docs=[Doc("a.xhtml", body, head=head)])
    texts = [b.text for b in _read(tmp_path, build(book)).blocks]
    assert "SECRET" not in " ".join(texts)
    assert "aaaa" not in " ".join(texts)
    assert texts[0].startswith("Before") and texts[0].endswith("after.")
    assert texts[2] == "A space and été."  # HTML's named entities still work


def test_paths_leaving_the_archive_are_refused(tmp_path):
    book = sample(3)
    book.toc.append(("Outside", "../../outside.xhtml", 1))
    data = build(book)
    # A member named to escape (as a zip slip would), listed in the manifest.
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("../outside.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'><body>"
                                       "<p>ESCAPED TEXT</p></body></html>")  # fmt: skip
        opf = z.read("OEBPS/content.opf").decode()
    opf = opf.replace(
        "</manifest>",
        '<item id="x" href="../../outside.xhtml" media-type="application/xhtml+xml"/></manifest>',
    ).replace("</spine>", '<itemref idref="x"/></spine>')
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(rebuilt, "w") as dst:
        for info in src.infolist():
            if info.filename != "OEBPS/content.opf":
                dst.writestr(info, src.read(info.filename))
        dst.writestr("OEBPS/content.opf", opf)
    article = _read(tmp_path, rebuilt.getvalue())
    assert "ESCAPED TEXT" not in [b.text for b in article.blocks]
    assert "Outside" not in [c.title for c in article.chapters]
    assert len(article.chapters) == 3
    assert not (tmp_path.parent / "outside.xhtml").exists()  # nothing is ever extracted


ADEPT = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
 <enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
 <enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData>
 </enc:EncryptedData></encryption>"""
FONTS_ONLY = ADEPT.replace(
    "http://www.w3.org/2001/04/xmlenc#aes128-cbc", "http://www.idpf.org/2008/embedding"
).replace("OEBPS/ch1.xhtml", "OEBPS/font.otf")


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"META-INF/encryption.xml": ADEPT, "META-INF/rights.xml": "<rights/>"}, "Adobe DRM"),
        ({"META-INF/encryption.xml": ADEPT, "META-INF/license.lcpl": "{}"}, "Readium LCP"),
        ({"META-INF/encryption.xml": ADEPT}, "protected by DRM"),
    ],
)
def test_drm_gets_a_clear_message(tmp_path, extra, words):
    book = sample(3)
    book.extra = {k: v.encode() for k, v in extra.items()}
    with pytest.raises(UnsupportedContentError, match=words):
        _read(tmp_path, build(book))


def test_font_obfuscation_is_not_drm(tmp_path):
    book = sample(3)
    book.extra = {"META-INF/encryption.xml": FONTS_ONLY.encode()}
    assert _read(tmp_path, build(book)).chapters


def _flag_encrypted(data: bytes, member: str) -> bytes:
    """Set the "encrypted" bit of ``member`` in its local header and its central
    directory entry, as a zip tool does (zipfile cannot write encrypted zips)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    out[info.header_offset + 6] |= 0x1
    name = member.encode()
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        if out[at + 46 : at + 46 + len(name)] == name:
            out[at + 8] |= 0x1
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_a_password_protected_member_is_named(tmp_path):
    data = _flag_encrypted(build(sample(3)), "OEBPS/ch1.xhtml")
    with pytest.raises(UnsupportedContentError, match="password-protected"):
        _read(tmp_path, data)


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    book = sample(3)
    book.extra = {"OEBPS/huge.xhtml": b"\0" * 60_000_000}  # deflates ~1000:1
    data = build(book)
    assert len(data) < 1_000_000
    with pytest.raises(TooLargeError, match="zip bomb"):
        _read(tmp_path, data)


@pytest.mark.parametrize("cut", [100, 0.5, -30])
def test_a_truncated_book_is_named_damaged(tmp_path, cut):
    data = build(sample(3))
    end = int(len(data) * cut) if isinstance(cut, float) else cut
    with pytest.raises(LoadError, match="damaged"):
        _read(tmp_path, data[:end])


def test_a_zip_that_is_no_book(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(LoadError, match="not an EPUB"):
        _read(tmp_path, buf.getvalue())


def test_an_unnamed_zip_is_still_refused_as_a_zip(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    path = tmp_path / "archive.html"
    path.write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedContentError):
        load(str(path))


def test_the_first_document_is_ready_before_the_rest_is_read(tmp_path):
    from lismoi.core.books import article_parts

    path = tmp_path / "book.epub"
    path.write_bytes(build(sample(3)))
    parts = article_parts(load(str(path)))
    first = next(parts)
    assert first.blocks[0].text == "The Departure"
    assert "Le Retour" not in [b.text for b in first.blocks]
    assert [c.title for c in first.chapters] == ["The Departure"]
    *_, whole = parts
    assert whole is first and len(whole.chapters) == 3


def test_spine_documents_that_are_not_text(tmp_path):
    # Garbled bytes (as content encrypted without an encryption.xml) and an
    # SVG page: the first is named encrypted, the second is no text.
    garbled = sample(3)
    garbled.extra = {}
    data = build(garbled)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.endswith(("ch1.xhtml", "ch2.xhtml")):
                body = bytes((b * 7 + 3) % 256 for b in body)
            dst.writestr(info, body)
    with pytest.raises(UnsupportedContentError, match="encrypted or damaged"):
        _read(tmp_path, out.getvalue())
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Picture</text></svg>'
    book = Book(docs=[Doc("p1.xhtml", "", raw=svg)], toc=[])
    with pytest.raises(ExtractionError, match="no text"):
        _read(tmp_path, build(book))
