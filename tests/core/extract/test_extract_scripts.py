"""Every script: pages in Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Hebrew, Arabic.

``tests/fixtures/scripts/`` holds one page per script, written for these
tests (``make_pages.py`` says how), with the exact blocks a listener should
hear. Their paragraphs are short, as these languages write them: before
lengths were counted in Latin-equivalent characters, the spaceless pages
lost their first paragraphs as "labels" and a Thai notice lost everything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lismoi.core.extract import extract_html
from lismoi.core.extract.script import count_commas, ends_sentence, weight, word_count

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scripts"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def test_every_script_has_a_page():
    specs = [json.loads((FIXTURES / f"{n}.expected.json").read_text("utf-8")) for n in PAGES]
    langs = {spec["lang"] for spec in specs}
    assert {"zh-CN", "ja", "th", "lo", "km", "my", "he", "ar"} <= langs


@pytest.mark.parametrize("name", PAGES)
def test_page_gives_exactly_its_story(name):
    page = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = extract_html(page, f"https://example.invalid/{name}")
    got = [
        {"kind": b.kind, "text": b.text, **({"level": b.level} if b.level else {})}
        for b in article.blocks
    ]
    # Exactly the story, in document order (right-to-left pages included):
    # no navigation, share bar, comments, "most read" list or footer.
    assert got == expected["blocks"]
    assert article.title == expected["title"]
    assert article.hints.html_lang == expected["lang"]


def test_a_thai_notice_of_short_paragraphs_is_read():
    page = (
        '<html lang="th"><body><div class="notice">'
        "<p>เปิดร้านใหม่แล้ววันนี้</p><p>เชิญทุกท่านแวะมาชิม</p><p>ลดราคาครึ่งหนึ่ง</p>"
        "</div></body></html>"
    )
    assert [b.text for b in extract_html(page).blocks] == [
        "เปิดร้านใหม่แล้ววันนี้",
        "เชิญทุกท่านแวะมาชิม",
        "ลดราคาครึ่งหนึ่ง",
    ]


def test_a_short_chinese_notice_is_read_whole():
    page = "<div><p>明天停水。</p><p>请提前储水。</p><p>给您带来不便，敬请谅解。</p></div>"
    assert [b.text for b in extract_html(page).blocks] == [
        "明天停水。",
        "请提前储水。",
        "给您带来不便，敬请谅解。",
    ]


def test_a_chinese_site_name_is_cut_from_the_title():
    page = (
        "<html><head><title>今年首场寒潮周末抵达 气温将骤降十度 - 江城晚报</title></head>"
        "<body><p>记者昨天从市气象台获悉，今年首场寒潮将于本周六夜间抵达我市。</p></body></html>"
    )
    assert extract_html(page).title == "今年首场寒潮周末抵达 气温将骤降十度"


def test_lengths_are_latin_equivalent():
    assert weight("hello") == 5
    assert weight("élan") == 4
    assert weight("明天停水。") == 4 * 3 + 1  # four Han characters and a full stop
    assert weight("ひらがなカタカナ") == 8 * 3
    assert weight("ตลาดน้ำ") == len("ตลาดน้ำ")  # Thai code points are about Latin letters


def test_words_are_counted_where_there_are_no_spaces():
    assert word_count("three small words") == 3
    assert word_count("明天停水。") == 4
    assert word_count("เปิดร้านใหม่แล้ววันนี้") == 5  # 22 code points, about five words
    assert word_count("新电脑 DeepMind") == 4  # three Han characters and one spaced word


def test_sentence_ends_and_commas_in_every_script():
    for text in ("Done.", "明天停水。", "本当？", "هل ستزورونها؟", "ပြီးပြီ။", "រួចហើយ។", "«Fini.»"):
        assert ends_sentence(text), text
    assert not ends_sentence("Social")
    assert count_commas("a, b，c、d، e") == 4
    assert count_commas("天气，很好。") == 2  # the CJK full stop separates like a comma
