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


def user_data_dir() -> Path:
    """The per-user data folder (not created here): ``$LISMOI_DATA_DIR`` or the platform's.

    Downloaded voices live here (tests point the variable at a temp folder).
    """
    import os

    override = os.environ.get("LISMOI_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # imported late: most callers never need it

    return Path(platformdirs.user_data_dir("lismoi", appauthor=False))


def user_voices_dir() -> Path:
    """Installed natural voices: ``<user data>/voices/<id>/<id>.onnx`` and ``<id>.onnx.json``.

    A voice id is Piper's own (``fr_FR-siwis-medium``); the voice manager
    writes a folder only once every file in it is complete and verified.
    """
    return user_data_dir() / "voices"
