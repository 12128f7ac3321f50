"""The disk cache of langdetect's profiles: same model as reading the profiles, never stale."""

from __future__ import annotations

import numpy as np
import pytest

from lismoi.core.language import model as language
from lismoi.core.language import profile_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LISMOI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


CODES = ("de", "en", "fr")


def _fresh():
    # The first read fills the cache; the second reads only from it.
    first = language._load(CODES)
    second = language._load(CODES)
    return first, second


def test_the_cached_model_is_the_model_read_from_the_profiles(cache) -> None:
    first, second = _fresh()
    assert len(list(cache.glob("langdetect-*.npz"))) == 1
    assert second.codes == first.codes
    assert second.index == first.index
    assert np.array_equal(second.logp, first.logp) and second.logp.dtype == np.float32
    assert np.array_equal(second.prior, first.prior)


def test_a_damaged_cache_file_is_read_from_the_profiles_again(cache) -> None:
    first, _second = _fresh()
    (path,) = cache.glob("langdetect-*.npz")
    path.write_bytes(b"PK\x03\x04 not a zip at all")
    again = language._load(CODES)
    assert again.index == first.index and np.array_equal(again.logp, first.logp)
    # ... and the damaged file was replaced by a good one.
    assert profile_cache.read(path, CODES) is not None


def test_other_languages_or_changed_profiles_use_another_file(cache, tmp_path) -> None:
    directory = language.profiles_directory()
    path = profile_cache.cache_path(directory, CODES, language._SMOOTHING)
    assert profile_cache.cache_path(directory, ("en", "fr"), language._SMOOTHING) != path
    assert profile_cache.cache_path(directory, CODES, 0.1) != path
    # A copy of the profiles with one file touched stands for an upgraded langdetect.
    copy = tmp_path / "profiles"
    copy.mkdir()
    for code in CODES:
        (copy / code).write_bytes((directory / code).read_bytes())
    before = profile_cache.cache_path(copy, CODES, language._SMOOTHING)
    (copy / "fr").write_bytes((directory / "fr").read_bytes() + b" ")
    assert profile_cache.cache_path(copy, CODES, language._SMOOTHING) != before


def test_a_file_for_other_languages_is_not_taken(cache) -> None:
    first, _second = _fresh()
    (path,) = cache.glob("langdetect-*.npz")
    assert profile_cache.read(path, ("de", "en", "es")) is None
    assert profile_cache.read(path, CODES) is not None


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("LISMOI_CACHE_DIR", str(blocker / "cache"))
    model = language._load(CODES)
    assert model.logp.shape == (len(model.index), len(CODES))
