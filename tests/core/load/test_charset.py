"""Encodings decided like a browser: the charset set's floor, CJK, and lying labels."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

from lismoi.core.load import charset
from lismoi.core.load.detect import normalise_label, oddities, tld_hint
from lismoi.core.load.source import load
from tests.support.charset_set import pages

ROOT = Path(__file__).resolve().parents[3]

# Right on the charset set (174 pages) when this floor was set, 2026-12-01,
# with chardetng alone at 162 (files) and 166 (links) on the same bytes:
# `.venv/bin/python bench/charset.py`.
FLOOR_FILES = 166
FLOOR_LINKS = 170

FRENCH = (
    "<html><head><title>Réforme de l’école</title></head><body>"
    "<h1>Le ministère présente sa réforme</h1>"
    "<p>Le ministère de l’Éducation a présenté mardi une réforme très attendue des "
    "rythmes scolaires. Déjà, les élèves et leurs parents s’interrogent : « Qu’est-ce "
    "qui changera à la rentrée ? »</p>"
    "<p>Les enseignants, réunis en congrès à Besançon, ont salué un texte « équilibré », "
    "même s’ils regrettent qu’aucun moyen supplémentaire ne soit prévu. Déjà trois "
    "régions ont annoncé qu’elles financeraient des postes d’assistants.</p>"
    "</body></html>"
)


def _chardetng_right(tld: str | None) -> int:
    from chardetng_py import EncodingDetector

    right = 0
    for page in pages():
        detector = EncodingDetector()
        detector.feed(page.data, last=True)
        label = detector.guess(tld=tld and page.tld.encode(), allow_utf8=False)
        with contextlib.suppress(UnicodeDecodeError):
            right += page.data.decode(normalise_label(label)) == page.text
    return right


@pytest.mark.parametrize(("hint", "floor"), [(None, FLOOR_FILES), ("tld", FLOOR_LINKS)])
def test_the_charset_set_stays_above_its_floor_and_chardetng(hint, floor):
    wrong = [
        p.name
        for p in pages()
        if charset.decode(p.data, tld=p.tld if hint else None).text != p.text
    ]
    right = len(pages()) - len(wrong)
    assert right >= floor, wrong
    assert right >= _chardetng_right(hint), wrong


def test_the_set_is_what_it_claims():
    every = pages()
    assert len(every) >= 170
    assert len({p.encoding for p in every}) >= 29 and len({p.lang for p in every}) >= 35
    for p in every:
        assert not p.data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
        assert b"charset" not in p.data.lower()
        if p.encoding != "iso2022_jp":  # 7-bit by design
            assert not p.data.isascii(), p.name
        else:
            assert b"\x1b$B" in p.data


CJK = [p for p in pages() if p.lang in ("ja", "zh-CN", "zh-TW", "ko", "th")]


@pytest.mark.parametrize("page", CJK, ids=[p.name for p in CJK])
@pytest.mark.parametrize("hint", [False, True], ids=["file", "link"])
def test_cjk_and_thai_pages_of_every_size(page, hint):
    got = charset.decode(page.data, tld=page.tld if hint else None)
    assert got.origin == "detector"
    assert got.text == page.text


@pytest.mark.parametrize(
    ("text", "encoding", "words"),
    [
        (FRENCH, "cp1252", "Le ministère"),
        ("<p>Türkiye’de kadın hakları ve eğitim üzerine yeni bir çalışma yayımlandı; "
         "kadınların ve kızların okula erişimi ölçüldü.</p>", "cp1254", "kadın hakları"),
        ("<p>東京都は新しい図書館を開きました。多くの人が本を読みに来ています。</p>",
         "euc_jp", "東京都は新しい図書館"),
        ("<p>東京都は新しい図書館を開きました。多くの人が本を読みに来ています。</p>",
         "iso2022_jp", "多くの人が本を読みに"),
    ],
    ids=["french-1252", "turkish-1254", "euc-jp", "iso-2022-jp"],
)
def test_the_issues_undeclared_pages(text, encoding, words):
    got = charset.decode(text.encode(encoding))
    assert words in got.text
    assert got.text == text


def test_undeclared_french_through_lismoi_extract(tmp_path, http_server):
    """Done-when of issue 15: the command line prints the accents right."""
    page = tmp_path / "reforme.html"
    page.write_bytes(FRENCH.encode("cp1252"))
    url = http_server.page("/reforme", FRENCH.encode("cp1252"), content_type="text/html")
    for source in (str(page), url):
        out = subprocess.run(
            [sys.executable, "-m", "lismoi", "extract", source],
            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
        )
        assert out.returncode == 0, out.stderr
        assert "Le ministère de l’Éducation" in out.stdout
        assert "Déjà, les élèves" in out.stdout
        assert "ministčre" not in out.stdout and "Déją" not in out.stdout


@pytest.mark.parametrize(
    ("label", "encoding"),
    [("iso-8859-1", "cp1252"), ("windows-1252", "cp1252"), ("utf-8", "utf-8")],
)
def test_utf8_bytes_beat_a_legacy_label(label, encoding):
    # A server's default "iso-8859-1" in front of a UTF-8 page: the bytes win.
    got = charset.decode(FRENCH.encode("utf-8"), label)
    assert got.text == FRENCH and got.encoding == "utf-8"


def test_a_true_legacy_label_is_kept():
    got = charset.decode(FRENCH.encode("cp1252"), "iso-8859-1")
    assert (got.text, got.encoding, got.origin) == (FRENCH, "cp1252", "header")
    russian = "<p>Городская библиотека снова открывается на следующей неделе.</p>"
    got = charset.decode(russian.encode("koi8-r"), "koi8-r")
    assert got.text == russian and got.origin == "header"


def test_a_meta_that_lies_about_shift_jis_bytes():
    text = (
        '<html><head><meta charset="utf-8"></head><body>'
        "<p>市役所は月曜日、昨年の冬から閉館していた市立図書館が来週から再び開館すると発表しました。</p>"
        "</body></html>"
    )
    got = charset.decode(text.encode("shift_jis"))
    assert got.text == text and got.origin == "detector"


@pytest.mark.parametrize(
    ("label", "codec"),
    [("gb2312", "gb18030"), ("Shift_JIS", "cp932"), ("EUC-KR", "cp949"), ("big5", "big5hkscs"),
     ("ISO-8859-9", "cp1254"), ("tis-620", "cp874"), ("x-mac-cyrillic", "mac-cyrillic"),
     ("latin1", "cp1252"), ("no-such-thing", None)],
)
def test_whatwg_labels(label, codec):
    assert normalise_label(label) == codec


@pytest.mark.parametrize(
    ("host", "tld"),
    [("www.exemple.fr", "fr"), ("EXAMPLE.COM.", "com"), ("пример.рф", "xn--p1ai"),
     ("127.0.0.1", None), ("::1", None), (None, None), ("localhost", "localhost")],
)
def test_tld_hint(host, tld):
    assert tld_hint(host) == tld


def test_a_saved_page_gives_its_address_as_the_hint(tmp_path):
    """A Hungarian windows-1250 page alone reads as windows-1252 ("hétfõ"); saved
    as MHTML from a .hu address, the address's domain decides, as in Firefox."""
    hungarian = next(p for p in pages() if p.name == "hu-cp1250-short")
    assert charset.decode(hungarian.data).text != hungarian.text  # why the hint matters
    mhtml = (
        b"MIME-Version: 1.0\r\nSnapshot-Content-Location: https://www.pelda.hu/hirek\r\n"
        b'Content-Type: multipart/related; boundary="B"; type="text/html"\r\n\r\n'
        b"--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: binary\r\n"
        b"Content-Location: https://www.pelda.hu/hirek\r\n\r\n"
        + hungarian.data + b"\r\n--B--\r\n"
    )
    path = tmp_path / "hirek.mhtml"
    path.write_bytes(mhtml)
    assert load(str(path)).text.strip() == hungarian.text.strip()


def test_undeclared_cyrillic_over_http(http_server):
    page = next(p for p in pages() if p.name == "ru-koi8-r-medium")
    url = http_server.page("/ru", page.data, content_type="text/html")
    doc = load(url)
    assert doc.text == page.text and doc.charset in ("koi8-r", "koi8-u")  # KOI8-U holds KOI8-R


def test_oddities_sees_what_a_wrong_sibling_makes():
    assert oddities("une œuvre") < oddities("une ½uvre")
    assert oddities("Мэрия сообщила") < oddities("ЊэриЯ сообщила")
    assert oddities("Urząd\x9c") >= 10


def test_a_stray_byte_in_a_windows_page_keeps_its_label_as_in_browsers():
    # 0x81 is unassigned in windows-1252: Python fails, WHATWG gives U+0081.
    data = FRENCH.encode("cp1252").replace(b"</p>", b"\x81</p>", 1)
    declared = charset.decode(data, "windows-1252")
    assert (declared.encoding, declared.origin) == ("cp1252", "header")
    assert "Le ministère" in declared.text and "\x81" in declared.text
    undeclared = charset.decode(data)
    assert undeclared.encoding == "cp1252" and "Déjà, les élèves" in undeclared.text


def test_the_pages_language_stands_in_for_a_missing_domain(tmp_path, http_server):
    hungarian = next(p for p in pages() if p.name == "hu-cp1250-long")
    assert charset.decode(hungarian.data).text != hungarian.text  # alone: windows-1252
    tagged = hungarian.data.replace(b"<html>", b'<html lang="hu">', 1)
    assert charset.decode(tagged).text == tagged.decode("cp1250")
    english = hungarian.data.replace(b"<html>", b'<html lang="en">', 1)
    assert charset.decode(english).text != english.decode("cp1250")  # English tells nothing
    # A link without a country (127.0.0.1 here) and a Content-Language header.
    url = http_server.page("/hu", hungarian.data, "text/html", headers={"Content-Language": "hu"})
    assert load(url).text == hungarian.text


@pytest.mark.parametrize(
    ("lang", "tld"),
    [("hu", "hu"), ("pt-BR", "br"), ("zh-Hant", "tw"), ("zh_TW", "tw"), ("cs", "cz"),
     ("en-GB", None), ("en", None), ("x-klingon", None), ("", None), ("fr, en", "fr")],
)
def test_language_hint(lang, tld):
    from lismoi.core.load.detect import language_hint

    assert language_hint(lang) == tld
