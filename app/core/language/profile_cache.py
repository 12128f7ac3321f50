"""A disk cache of langdetect's profiles as arrays, so the second start is fast.

Reading langdetect's 55 JSON profiles into a matrix costs about 0.2 s of
Python work (0.3 s at startup, where it competes for the interpreter with
the window being built); reading the same matrix back from one ``.npz`` file
costs about 0.03 s. The cache is only an optimisation: any problem reading or
writing it (no cache folder, a damaged or foreign file, a full disk) means the
profiles are read from langdetect as before, and nothing is reported.

A cache file is named by a digest of everything its content depends on: this
format, the chosen languages, the smoothing, and each profile file's size and
modification time. An upgrade of langdetect or another choice of languages
therefore never reads a stale matrix; it writes a new file beside the old.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lismoi.core.atomic import replaced_atomically

if TYPE_CHECKING:
    import numpy as np

FORMAT = 1
# n-grams hold 1 to 3 letters of normalised text, never NUL: a safe separator.
_SEPARATOR = "\x00"


def cache_dir() -> Path:
    """Where cached data goes: ``$LISMOI_CACHE_DIR``, else the platform's cache folder."""
    override = os.environ.get("LISMOI_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("lismoi", appauthor=False))


def cache_path(directory: Path, codes: Sequence[str], smoothing: float) -> Path:
    """The cache file for these profiles (see the module docstring for the key)."""
    digest = hashlib.sha256(f"{FORMAT}|{smoothing!r}".encode())
    for code in codes:
        st = (directory / code).stat()
        digest.update(f"|{code}:{st.st_size}:{st.st_mtime_ns}".encode())
    return cache_dir() / f"langdetect-{digest.hexdigest()[:20]}.npz"


def read(path: Path, codes: Sequence[str]) -> tuple[dict[str, int], np.ndarray] | None:
    """(n-gram -> row, log-probabilities) from ``path``, or None when unusable."""
    import numpy as np

    try:
        # Our own file object: np.load leaks the one it opens when the zip is damaged.
        with open(path, "rb") as file, np.load(file, allow_pickle=False) as data:
            stored_codes = [str(c) for c in data["codes"]]
            grams = str(data["grams"][()]).split(_SEPARATOR)
            logp = data["logp"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None  # absent, damaged or foreign: read the profiles instead
    if stored_codes != list(codes) or logp.shape != (len(grams), len(codes)):
        return None
    if logp.dtype != np.float32:
        return None
    return dict(zip(grams, range(len(grams)), strict=True)), logp


def write(path: Path, codes: Sequence[str], index: dict[str, int], logp: np.ndarray) -> None:
    """Store the matrix atomically (a reader never sees half a file); errors are ignored."""
    import numpy as np

    grams = sorted(index, key=index.__getitem__)
    if any(_SEPARATOR in g for g in grams):
        return  # cannot happen with langdetect's profiles; never write a file we misread
    with contextlib.suppress(OSError), replaced_atomically(path) as out:
        np.savez(out, codes=np.array(list(codes)), grams=np.array(_SEPARATOR.join(grams)),
                 logp=logp)
