"""Generated bad input (hypothesis): damaged pages, odd encodings, hostile text.

Bounded example counts keep this under a minute on two cores; ``bench/fuzz.py``
runs the same strategies for as long as you like. Deadlines are off (a shared
two-core machine is noisy); hangs are caught by pytest-timeout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lismoi.core.extract import extract_html
from lismoi.core.language import annotate, detect
from lismoi.core.pipeline import article_from_text, read_article
from lismoi.core.speech.normalize import prepare
from lismoi.core.speech.sentences import split_sentences
from tests.hardening.outcome import check_article, check_languages, ends_well, is_html
from tests.hardening.strategies import files, pages, speech_texts, text_runs
from tests.hardening.tally import TALLY

# No shrinking in the suite: a failure is reported as found (bench/fuzz.py saves
# failing files to replay); LISMOI_SHRINK=1 turns shrinking back on.
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate] + (
    [Phase.shrink] if os.environ.get("LISMOI_SHRINK") else []
)
FAST = settings(
    max_examples=40,
    deadline=None,
    phases=_PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("generated")


@pytest.mark.slow
@FAST
@given(case=files())
def test_generated_files_through_the_whole_pipeline(case_dir, case):
    suffix, data = case
    path = case_dir / f"case{suffix}"
    path.write_bytes(data)
    with TALLY.trial("generated:file"):
        ends_well(lambda: read_article(str(path)), html=is_html(path))


@pytest.mark.slow
@settings(FAST, max_examples=60)
@given(pages())
def test_generated_pages_extract_without_script_text(page):
    with TALLY.trial("generated:page"):
        article = extract_html(page, url="https://example.org/a")
        check_article(article)
        if article.blocks:
            annotate(article)
            check_languages(article)


@FAST
@given(text_runs)
def test_generated_pasted_text(text):
    with TALLY.trial("generated:text"):
        ends_well(lambda: article_from_text(text))
        tag, confidence = detect(text)
        assert tag is None or isinstance(tag, str)
        assert 0.0 <= confidence <= 1.0


@settings(FAST, max_examples=100)
@given(speech_texts, st.sampled_from(["fr", "en", "ar", "he", "ja", "xx"]))
def test_sentences_and_preparation_of_hostile_text(text, lang):
    with TALLY.trial("generated:speech-text"):
        spans = split_sentences(text, lang)
        last = 0
        for start, end in spans:
            assert last <= start < end <= len(text), (spans, len(text))
            last = end
        prep = prepare(text, lang)
        assert len(prep.starts) == len(prep.ends) == len(prep.text)
        assert all(0 <= s <= len(text) and 0 <= e <= len(text) for s, e in
                   zip(prep.starts, prep.ends, strict=True))
