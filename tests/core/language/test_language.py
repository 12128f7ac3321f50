"""Per-block language detection with document context (lismoi.core.language)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lismoi.core.article import Article, Block, LangHints
from lismoi.core.language import annotate, detect
from lismoi.core.language import model as language

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"

FR_1 = (
    "Le conseil municipal a voté hier soir le budget de l’année prochaine après plus de "
    "quatre heures de débat, et la majorité a défendu une hausse des dépenses d’entretien."
)
FR_2 = (
    "Il pleuvait depuis le matin quand nous sommes arrivés au village, et seul le café de "
    "la place gardait sa porte ouverte."
)
FR_3 = (
    "Les chercheurs ont suivi pendant dix ans près de deux mille enfants nés dans la même "
    "région, et leurs résultats sont nets."
)
EN_1 = (
    "Most people who are affected by automated decisions never learn that a machine was "
    "involved, and we believe that this has to change."
)
EN_2 = (
    "Trust is not something you can add at the end of a project; it has to be designed in "
    "from the very first day."
)


def _article(*blocks: Block | str, hints: LangHints | None = None, url: str | None = None):
    made = [b if isinstance(b, Block) else Block(kind="paragraph", text=b) for b in blocks]
    return Article(title="", blocks=made, hints=hints or LangHints(), url=url)


def _langs(article: Article) -> list[str | None]:
    return [b.lang for b in article.blocks]


@pytest.fixture(autouse=True)
def _all_candidates():
    language.set_candidates(None)
    yield
    language.set_candidates(None)


# --- codes and detection on its own -------------------------------------------------


def test_langdetect_codes_map_to_bcp47():
    assert language.to_bcp47("zh-cn") == "zh-CN"
    assert language.to_bcp47("zh-tw") == "zh-TW"
    assert language.to_bcp47("fr") == "fr"
    assert language.from_bcp47("zh-CN") == "zh-cn"
    assert language.from_bcp47("fr-CA") == "fr"
    assert language.from_bcp47("EN_gb") == "en"
    assert "zh-CN" in language.available_languages()
    assert len(language.available_languages()) == 55


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (FR_1, "fr"),
        (EN_1, "en"),
        ("Der Zug um acht Uhr ist wegen einer Signalstörung ausgefallen.", "de"),
        ("El tren de las ocho fue cancelado por una avería en la señalización.", "es"),
        ("Поезд в восемь часов отменили из-за неисправности сигнализации.", "ru"),
        ("这是一个用简体中文写的句子，用来测试语言识别。", "zh-CN"),
    ],
)
def test_detect_sentences(text, lang):
    tag, confidence = detect(text)
    assert tag == lang
    assert 0.9 < confidence <= 1.0


def test_detect_traditional_chinese():
    # The scripts share most characters: right, without much confidence.
    tag, confidence = detect("這是一個用繁體中文寫的句子，用來測試語言識別。")
    assert tag == "zh-TW"
    assert confidence > 0.5


@pytest.mark.parametrize("text", ["", "   ", "12 345", "— !", "https://example.org/a-b"])
def test_detect_nothing_to_go_on(text):
    assert detect(text) == (None, 0.0)


def test_short_text_alone_is_not_claimed_certain():
    _tag, confidence = detect("Oui.")
    assert confidence < 0.9


def test_detection_is_deterministic():
    first = [detect(t) for t in ("Oui.", "Ça va", FR_1, "Lire aussi")]
    for _ in range(5):
        language._scores_for.cache_clear()
        assert [detect(t) for t in ("Oui.", "Ça va", FR_1, "Lire aussi")] == first


def _langdetect_rows(text: str) -> list[int]:
    """langdetect's own normalisation and n-gram extraction, as rows of our index."""
    from langdetect.detector import Detector

    model = language._model()
    detector = Detector(model)
    detector.append(text)
    detector.cleaning_text()
    return [model.index[g] for g in detector._extract_ngrams()]


@pytest.mark.parametrize(
    "text",
    [
        FR_1,
        EN_1 + " NASA and the UN. ABC def GHi jKL aB A",
        "  Mail me at a.b@example.com or see https://x.org/a?b=c now  ",
        "Tiếng Việt có dấu, e\u0301te\u0301",
        "日本語のテキストとカタカナ, 中文 and 한국어",
        "mixed Latin и кириллица text, Ελληνικά",
        "«Bonjour» — dit-il… 50°C\u00a0!",
        "x",
    ],
)
def test_ngram_extraction_matches_langdetect(text):
    assert language.ngram_rows(text, language._model().index) == _langdetect_rows(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("abcdeéèçABCDÉ  .,'-’«»") + list("абвгдАБВ") + ["日", "本", "ア", "\u0301", "ệ"]
        ),
        max_size=60,
    )
)
def test_ngram_extraction_matches_langdetect_on_any_text(text):
    assert language.ngram_rows(text, language._model().index) == _langdetect_rows(text)


def test_results_are_cached_by_text():
    language._scores_for.cache_clear()
    detect(FR_2)
    detect(FR_2)
    info = language._scores_for.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_profiles_load_lazily_once_across_threads():
    # A fresh interpreter: importing loads nothing; eight threads racing to
    # detect load the profiles exactly once.
    code = textwrap.dedent(
        """
        import sys, threading
        from lismoi.core.language import model as language
        assert "langdetect" not in sys.modules and language.load_count == 0
        barrier = threading.Barrier(8)
        results = []
        def work():
            barrier.wait()
            results.append(language.detect("Le chat dort sur le canapé du salon."))
        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        language.warm_up()
        print(language.load_count, len(set(results)), results[0][0])
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["1", "1", "fr"]


def test_candidates_are_configurable():
    language.set_candidates(["fr", "en-GB"])
    assert language.candidates() == ["en", "fr"]
    tag, _ = detect("Der Zug um acht Uhr ist wegen einer Signalstörung ausgefallen.")
    assert tag in ("fr", "en")
    language.set_candidates(["fr", "zh-CN"])
    assert language.candidates() == ["fr", "zh-CN"]
    with pytest.raises(ValueError):
        language.set_candidates(["fr", "klingon"])
    with pytest.raises(ValueError):
        language.set_candidates(["fr"])
    language.set_candidates(None)
    assert len(language.candidates()) == 55


# --- blocks in context ----------------------------------------------------------------


def test_english_quote_in_french_article_is_detected():
    article = _article(FR_1, FR_2, Block(kind="quote", text=EN_1), FR_3)
    annotate(article)
    assert article.locale == "fr-FR"
    assert _langs(article) == ["fr-FR", "fr-FR", "en", "fr-FR"]


@pytest.mark.parametrize(
    "short",
    [
        "Oui.",
        "Conclusion",
        "Julien Lefèvre",
        "Tout va bien.",
        "Lire aussi",
        "En bref",
        "Photo d’illustration",
        "Merci beaucoup !",
        "12 mars 2025",
        "Ça va",
    ],
)
def test_short_blocks_inherit_the_document_language(short):
    article = _article(FR_1, Block(kind="heading", text=short, level=2), FR_2, short, FR_3)
    annotate(article)
    assert _langs(article) == ["fr-FR"] * 5


def test_short_block_between_foreign_blocks_takes_their_language():
    article = _article(FR_1, FR_2, EN_1, "Thank you.", EN_2, FR_3)
    annotate(article)
    assert _langs(article) == ["fr-FR", "fr-FR", "en", "en", "en", "fr-FR"]


def test_run_of_foreign_list_items_is_judged_together():
    items = ["Read the report", "Share your views", "Join the debate"]
    blocks = [Block(kind="list_item", text=t) for t in items]
    article = _article(FR_1, *blocks, FR_2)
    annotate(article)
    assert _langs(article) == ["fr-FR", "en", "en", "en", "fr-FR"]


def test_run_of_names_keeps_the_document_language():
    names = ["Jean Dupont", "Marie Curie", "Paul Martin", "Anne Girard"]
    article = _article(FR_1, *[Block(kind="list_item", text=t) for t in names], FR_2)
    annotate(article)
    assert _langs(article) == ["fr-FR"] * 6


def test_heading_of_a_foreign_section_takes_its_language():
    article = _article(FR_1, FR_2, Block(kind="heading", text="Key points", level=2), EN_1, EN_2)
    annotate(article)
    assert _langs(article)[2] == "en"


def test_heading_of_a_mixed_section_stays_in_the_document_language():
    article = _article(FR_1, Block(kind="heading", text="En bref", level=2), EN_1, FR_2, FR_3)
    annotate(article)
    assert _langs(article) == ["fr-FR", "fr-FR", "en", "fr-FR", "fr-FR"]


def test_short_block_in_another_script_is_detected():
    article = _article(FR_1, FR_2, "Спасибо большое!", FR_3)
    annotate(article)
    assert _langs(article)[2] == "ru"


def test_element_lang_wins_for_its_block():
    article = _article(FR_1, Block(kind="quote", text=FR_2, lang_hint="en-GB"), FR_3)
    annotate(article)
    assert _langs(article) == ["fr-FR", "en-GB", "fr-FR"]


def test_lang_copied_from_the_page_does_not_stop_detection():
    # Extraction may copy <html lang> (or a wrapper's lang) onto every block.
    blocks = [Block(kind="paragraph", text=t, lang_hint="fr") for t in (FR_1, EN_1, FR_2, FR_3)]
    article = _article(*blocks, hints=LangHints(html_lang="fr"))
    annotate(article)
    assert _langs(article) == ["fr-FR", "en", "fr-FR", "fr-FR"]
    wrapper = [Block(kind="paragraph", text=t, lang_hint="fr-CA") for t in (FR_1, EN_1, FR_2)]
    article = _article(*wrapper, FR_3)
    annotate(article)
    assert _langs(article) == ["fr-CA", "en-CA", "fr-CA", "fr-CA"]


def test_code_blocks_take_the_document_language():
    article = _article(FR_1, Block(kind="code", text="for item in items: print(item)"), FR_2)
    annotate(article)
    assert _langs(article) == ["fr-FR", "fr-FR", "fr-FR"]


def test_blocks_without_letters_take_the_context():
    article = _article(FR_1, "2025", "— * —", FR_2)
    annotate(article)
    assert _langs(article) == ["fr-FR"] * 4


def test_english_document_with_french_quote():
    article = _article(EN_1, Block(kind="quote", text=FR_1), "Her publisher agrees.", EN_2)
    annotate(article)
    assert article.locale == "en"
    assert _langs(article) == ["en", "fr-FR", "en", "en"]


def test_text_wins_over_a_wrong_html_lang():
    article = _article(FR_1, FR_2, FR_3, hints=LangHints(html_lang="en"))
    annotate(article)
    assert article.locale == "fr-FR"


def test_page_hint_decides_when_the_text_cannot():
    article = _article("Oui.", hints=LangHints(html_lang="fr-CA"))
    annotate(article)
    assert article.locale == "fr-CA"
    assert _langs(article) == ["fr-CA"]
    empty = _article(hints=LangHints(html_lang="de"))
    annotate(empty)
    assert empty.locale == "de"
    nothing = _article()
    annotate(nothing)
    assert nothing.locale is None


# --- locales through annotate ---------------------------------------------------------


@pytest.mark.parametrize(
    ("hints", "url", "locale"),
    [
        (LangHints(), None, "fr-FR"),
        (LangHints(html_lang="fr-CA"), None, "fr-CA"),
        (LangHints(og_locale="fr_CA"), None, "fr-CA"),
        (LangHints(content_language="fr-CA"), None, "fr-CA"),
        (LangHints(html_lang="fr"), "https://www.lapresse.ca/a", "fr-CA"),
        (LangHints(), "https://www.ville.quebec.qc.ca/", "fr-CA"),
        (LangHints(), "https://www.lesoir.be/x", "fr-BE"),
        (LangHints(), "https://www.letemps.ch/x", "fr-CH"),
        (LangHints(html_lang="fr-FR"), "https://www.site.ca/", "fr-FR"),
    ],
)
def test_document_locale_from_hints_and_domain(hints, url, locale):
    article = _article(FR_1, FR_2, hints=hints, url=url)
    annotate(article)
    assert article.locale == locale
    assert _langs(article) == [locale, locale]


def test_english_on_a_british_domain():
    article = _article(EN_1, EN_2, url="https://www.bbc.co.uk/news/1")
    annotate(article)
    assert article.locale == "en-GB"


def test_override_wins_for_the_document_language_only():
    hints = LangHints(html_lang="fr-FR", og_locale="fr_FR")
    article = _article(FR_1, EN_1, "Oui.", FR_2, hints=hints, url="https://www.lemonde.fr/")
    annotate(article, override="fr-CA")
    assert article.locale == "fr-CA"
    langs = _langs(article)
    assert langs[0] == langs[2] == langs[3] == "fr-CA"
    assert langs[1].startswith("en")


def test_override_in_another_language_reads_the_document_in_it():
    article = _article(FR_1, FR_2)
    annotate(article, override="en_US")
    assert article.locale == "en-US"
    assert _langs(article) == ["en-US", "en-US"]


def test_annotate_from_worker_threads_agrees_with_the_main_thread():
    def make():
        return _article(FR_1, "Oui.", EN_1, FR_2, hints=LangHints(html_lang="fr"))

    expected = make()
    annotate(expected)
    results: list[list[str | None]] = []

    def work():
        article = make()
        annotate(article)
        results.append(_langs(article))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [_langs(expected)] * 6


# --- the mixed sample, through extraction ---------------------------------------------


def test_mixed_sample_english_paragraphs_are_english_the_rest_french():
    from lismoi.core.extract import extract_html

    html = (SAMPLES / "ia-citations-anglais.html").read_text(encoding="utf-8")
    article = extract_html(html)
    annotate(article)
    english = [b for b in article.blocks if b.lang != "fr-FR"]
    assert article.locale == "fr-FR"
    assert [b.text[:25] for b in english] == [
        "Most people who are affec",
        "“Trust is not something y",
        "The question is no longer",
    ]
    assert all(b.lang.startswith("en") for b in english)
    # At least one of them carries no lang attribute: detection found it.
    assert any(b.lang_hint is None for b in english)
    assert len(article.blocks) - len(english) >= 8


def test_samples_through_the_pipeline_with_and_without_override():
    from lismoi.core.pipeline import read_article

    mixed = read_article(str(SAMPLES / "ia-citations-anglais.html"), lang="fr-CA")
    assert mixed.locale == "fr-CA"
    assert {b.lang for b in mixed.blocks} == {"fr-CA", "en-CA"}
    assert sum(b.lang == "en-CA" for b in mixed.blocks) == 3
    french = read_article(str(SAMPLES / "prison-telephones.html"))
    assert french.locale == "fr-FR"
    assert {b.lang for b in french.blocks} == {"fr-FR"}
