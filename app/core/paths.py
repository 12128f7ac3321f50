"""Where the data files are: voice profiles, samples, styles, icons.

In a checkout (and an editable install) they are the top-level ``voices/``
and ``resources/`` folders; in a wheel or a bundle the build copies them to
``lismoi/_data/``. Code asks here and never builds these paths itself.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # .../app
_BUNDLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parent


def _data_root() -> Path:
    return _BUNDLED if (_BUNDLED / "voices").is_dir() else _CHECKOUT


DATA_ROOT = _data_root()
VOICES_DIR = DATA_ROOT / "voices"
RESOURCES_DIR = DATA_ROOT / "resources"
SAMPLES_DIR = RESOURCES_DIR / "samples"
STYLES_DIR = RESOURCES_DIR / "styles"
ICONS_DIR = RESOURCES_DIR / "icons"
