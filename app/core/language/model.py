"""The language of every block, from langdetect's profiles and the document's context.

langdetect 1.0.9 supplies the n-gram profiles of its 55 languages and the way
text is turned into n-grams (URLs and e-mails dropped, Unicode folded, words
in capitals skipped; :func:`ngram_rows` does the same steps about three times
faster, and a test checks it against langdetect's own code). Instead of its
random sampler we compute the quantity that sampler estimates, exactly: the
naive Bayes log-likelihood of every n-gram of the text for each language.
That is deterministic without any seed, costs one numpy sum, is honest about
short texts (the sampler answers 0.99999 for "Oui." in Romanian) and is
*additive*: a document's evidence is the sum of its blocks', so the document
language costs nothing more. A mild prior (how common each language is on
the web) settles look-alikes: Dutch before Afrikaans, Russian before Bulgarian.

Context rules are in :mod:`lismoi.core.language.annotate`.

The profiles load once, lazily, under a lock (:func:`warm_up` does it from a
worker thread), from a matrix cached on disk after the first run
(:mod:`lismoi.core.language.profile_cache`); results are cached by text.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lismoi.core.language import profile_cache

if TYPE_CHECKING:
    import numpy as np

# langdetect's smoothing: each n-gram multiplies a language's probability by
# p(n-gram | language) + ALPHA / BASE_FREQ (Detector.ALPHA_DEFAULT, BASE_FREQ).
_SMOOTHING = 0.5 / 10000
# The 1-, 2- and 3-grams at each position overlap, so naive Bayes counts every
# letter about three times: dividing log-likelihoods by this keeps the
# reported confidence honest (e.g. "Oui." is not 99.99% anything).
TEMPERATURE = 3.0
# A block of at most this many words, or fewer letters, is "short".
SHORT_WORDS = 4
SHORT_LETTERS = 20
# Log-odds margins (after TEMPERATURE and priors) another language needs over
# the context language: small for long blocks, large ("very sure", odds of
# about 3000 to 1) for short ones. In bench/language.py no short block in its
# document's language reaches 5; two thirds of foreign 2-4-word blocks pass 8.
MARGIN_LONG = 2.0
MARGIN_SHORT = 8.0
# Log-prior bonus of the language the page declares, for the document language.
PAGE_PRIOR = 4.0
# How common each language is on the web (percent of sites, rounded from the
# W3Techs content-language survey, 2024); languages not listed count 0.02.
# Half its log is a prior: between look-alikes a reader of articles meets
# Dutch far more often than Afrikaans, Russian than Bulgarian. A rare language
# still wins with a sentence of evidence; see bench/language.py.
# fmt: off
WEB_SHARE: dict[str, float] = {
    "en": 49, "es": 6, "de": 5.6, "ja": 5, "fr": 4.4, "ru": 4, "pt": 3.8, "it": 2.6,
    "nl": 2, "pl": 1.7, "tr": 1.7, "zh-cn": 1.2, "fa": 1.2, "vi": 1, "cs": 0.9, "ko": 0.8,
    "id": 0.7, "uk": 0.6, "ar": 0.6, "hu": 0.5, "sv": 0.5, "ro": 0.5, "el": 0.4,
    "zh-tw": 0.3, "da": 0.3, "fi": 0.3, "sk": 0.3, "no": 0.3, "he": 0.2, "bg": 0.2,
    "th": 0.2, "hr": 0.1, "lt": 0.1, "sl": 0.1, "ca": 0.1, "et": 0.1, "lv": 0.1, "hi": 0.1,
}
# fmt: on
WEB_PRIOR_WEIGHT = 0.5
# langdetect reads at most this many characters of a text (Detector.max_text_length).
MAX_TEXT_LENGTH = 10000
# Texts whose scores are kept (one small vector each).
CACHE_SIZE = 8192

# langdetect codes that are not BCP 47 as they are.
_TO_BCP47 = {"zh-cn": "zh-CN", "zh-tw": "zh-TW"}
_FROM_BCP47 = {v.lower(): k for k, v in _TO_BCP47.items()}

_lock = threading.Lock()
_model_instance: _Model | None = None
_candidates: tuple[str, ...] | None = None  # None: every langdetect profile
load_count = 0  # how many times the profiles were read (tests check "once")


def to_bcp47(code: str) -> str:
    """langdetect's code -> BCP 47: ``"zh-cn"`` -> ``"zh-CN"``; others are already fine."""
    return _TO_BCP47.get(code, code)


def from_bcp47(tag: str) -> str:
    """BCP 47 -> langdetect's code: ``"zh-CN"`` -> ``"zh-cn"``, ``"fr-CA"`` -> ``"fr"``."""
    low = tag.strip().replace("_", "-").lower()
    return _FROM_BCP47.get(low, low.split("-")[0])


def profiles_directory() -> Path:
    """Where langdetect keeps its language profiles."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return Path(PROFILES_DIRECTORY)


def available_languages() -> list[str]:
    """Every language langdetect has a profile for, as BCP 47 tags."""
    return sorted(to_bcp47(p.name) for p in profiles_directory().iterdir() if p.is_file())


def set_candidates(languages: Iterable[str] | None) -> None:
    """Restrict detection to these languages (BCP 47 or langdetect codes); None = all.

    Fewer candidates is faster and avoids look-alikes you never read (a French
    heading taken for Croatian). The profiles reload on next use.
    """
    global _candidates, _model_instance
    chosen = None
    if languages is not None:
        known = {p.name for p in profiles_directory().iterdir()}
        chosen = tuple(sorted({from_bcp47(t) for t in languages}))
        unknown = [c for c in chosen if c not in known]
        if unknown or len(chosen) < 2:
            raise ValueError(f"langdetect needs at least two known languages; unknown: {unknown}")
    with _lock:
        if chosen != _candidates:
            _candidates = chosen
            _model_instance = None
            _scores_for.cache_clear()  # its keys hold the old profiles alive


def candidates() -> list[str]:
    """The languages detection chooses from, as BCP 47 tags."""
    return [to_bcp47(c) for c in _model().codes]


def warm_up() -> None:
    """Load the profiles now (about half a second): call it from a worker thread."""
    _model()


@dataclass(frozen=True, eq=False)
class _Model:
    """langdetect's profiles as a matrix of log-probabilities (n-grams x languages)."""

    codes: tuple[str, ...]
    index: dict[str, int]  # n-gram -> row
    logp: np.ndarray  # float32, rows x languages
    prior: np.ndarray  # log-prior per language (WEB_SHARE)

    @property
    def word_lang_prob_map(self) -> dict[str, int]:
        # What langdetect's Detector reads from a factory; it only tests
        # membership while extracting n-grams, so our index serves (the tests
        # compare ngram_rows with langdetect's own extraction this way).
        return self.index

    langlist = property(lambda self: list(self.codes))
    seed = 0


def _load(codes: Sequence[str] | None) -> _Model:
    """Read the chosen profiles; same probabilities as DetectorFactory.add_profile."""
    import numpy as np

    directory = profiles_directory()
    if codes is None:
        codes = sorted(p.name for p in directory.iterdir() if p.is_file())
    prior = WEB_PRIOR_WEIGHT * np.log([WEB_SHARE.get(c, 0.02) for c in codes])
    cache = profile_cache.cache_path(directory, codes, _SMOOTHING)
    cached = profile_cache.read(cache, codes)
    if cached is not None:
        index, logp = cached
        return _Model(codes=tuple(codes), index=index, logp=logp, prior=prior)
    index: dict[str, int] = {}
    add = index.setdefault
    entries = []  # (rows, probabilities) per language
    for code in codes:
        profile = json.loads((directory / code).read_text(encoding="utf-8"))
        freq: dict[str, int] = profile["freq"]
        n = len(freq)
        # Every stored n-gram has 1 to 3 characters (langdetect's N_GRAM).
        rows = np.fromiter((add(g, len(index)) for g in freq), dtype=np.int64, count=n)
        counts = np.fromiter(freq.values(), dtype=np.float64, count=n)
        lengths = np.fromiter(map(len, freq), dtype=np.int64, count=n)
        totals = np.asarray(profile["n_words"], dtype=np.float64)[lengths - 1]
        entries.append((rows, counts / totals))
    logp = np.full((len(index), len(codes)), np.log(_SMOOTHING), dtype=np.float32)
    for column, (rows, prob) in enumerate(entries):
        logp[rows, column] = np.log(prob + _SMOOTHING)
    profile_cache.write(cache, codes, index, logp)
    return _Model(codes=tuple(codes), index=index, logp=logp, prior=prior)


def _model() -> _Model:
    """The loaded profiles; the first caller loads them, the others wait."""
    global _model_instance, load_count
    model = _model_instance
    if model is not None:
        return model
    with _lock:
        if _model_instance is None:
            _model_instance = _load(_candidates)
            load_count += 1
        return _model_instance


class _Normalizer(dict):
    """A str.translate table: each character through langdetect's NGram.normalize, memoised."""

    def __missing__(self, code: int) -> str:
        from langdetect.utils.ngram import NGram

        value = NGram.normalize(chr(code))
        self[code] = value  # a single dict store: safe between threads
        return value


_NORMALIZER = _Normalizer()
_SPACE_RUN = re.compile(" {2,}")
_ASCII_LETTERISH = re.compile("[A-z]")  # langdetect's 'A' <= ch <= 'z'
# langdetect's "non-Latin": everything from U+0300 up. (It means to leave out Latin
# Extended Additional, but compares the block number with a name: never equal.)
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")


def ngram_rows(text: str, index: dict[str, int]) -> list[int]:
    """The rows (in ``index``) of every n-gram langdetect 1.0.9 would extract from ``text``.

    The same steps as ``Detector.append``, ``cleaning_text`` and
    ``_extract_ngrams`` (URLs and e-mails dropped, Vietnamese folded, runs of
    spaces collapsed, Latin dropped from mostly non-Latin text, every
    character through ``NGram.normalize``, words in capitals skipped), written
    per word instead of per character with method calls: about three times
    faster. A test checks it against langdetect's own code on real text.
    """
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    text = Detector.URL_RE.sub(" ", text)
    text = Detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)
    text = _SPACE_RUN.sub(" ", text[:MAX_TEXT_LENGTH])
    if 2 * len(_ASCII_LETTERISH.findall(text)) < len(_NON_LATIN.findall(text)):
        text = _ASCII_LETTERISH.sub("", text)
    words = text.translate(_NORMALIZER).split(" ")
    rows: list[int] = []
    add = rows.append
    get = index.get
    last = len(words) - 1
    for w, word in enumerate(words):
        if not word:
            continue
        padded = " " + word + " "
        capital = previous_upper = False
        for end, ch in enumerate(word, start=2):
            upper = ch.isupper()
            if not upper:
                capital = False
            elif previous_upper:
                capital = True  # a second capital in a row: the word is skipped from here
            previous_upper = upper
            if capital:
                continue
            for start in (end - 1, end - 2, end - 3):
                if start < 0:
                    break
                row = get(padded[start:end])
                if row is not None:
                    add(row)
        if w < last:  # the space after the word closes it: " ab", "b " grams
            end = len(word) + 2
            for start in (end - 2, end - 3):
                if start < 0:
                    break
                row = get(padded[start:end])
                if row is not None:
                    add(row)
    return rows


@lru_cache(maxsize=CACHE_SIZE)
def _scores_for(model: _Model, text: str) -> tuple[np.ndarray, int] | None:
    """Summed log-likelihoods of the text's n-grams per language, and their count."""
    rows = ngram_rows(text, model.index)
    if not rows:
        return None
    scores = model.logp.take(rows, axis=0).sum(axis=0, dtype="float64")
    scores.flags.writeable = False  # shared through the cache
    return scores, len(rows)


def _evidence(model: _Model, scores: np.ndarray) -> np.ndarray:
    """Log-posterior (unnormalised) per language: tempered likelihood plus the web prior."""
    return scores / TEMPERATURE + model.prior


def _posterior(logit: np.ndarray) -> np.ndarray:
    import numpy as np

    logit = logit - logit.max()
    weights = np.exp(logit)
    return weights / weights.sum()


def detect(text: str) -> tuple[str | None, float]:
    """The language of ``text`` on its own: (BCP 47 tag or None, confidence 0..1).

    No context: a two-word text gets a modest confidence. None when the text
    has nothing to go on (digits, punctuation, empty).
    """
    model = _model()
    found = _scores_for(model, text)
    if found is None:
        return None, 0.0
    posterior = _posterior(_evidence(model, found[0]))
    best = int(posterior.argmax())
    return to_bcp47(model.codes[best]), float(posterior[best])


def is_short(text: str) -> bool:
    """Too short to trust on its own: few words or few letters."""
    return len(text.split()) <= SHORT_WORDS or sum(c.isalpha() for c in text) < SHORT_LETTERS
