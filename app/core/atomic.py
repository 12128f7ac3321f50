"""Writing a file so that a reader sees the old one or the new one, whole, never half.

The content goes to a temporary file in the same folder (named
``.NAME.<random>.tmp``, so :func:`lismoi.core.settings.remove_stale_temporaries`
can recognise the leftover of a killed process), which then replaces the
target with ``os.replace``. ``durable=True`` also flushes the file and the
folder to the disk, so a power cut cannot undo the rename (settings need it;
a cache that can be rebuilt does not).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def replaced_atomically(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write; on leaving the block it becomes ``path``.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to the disk; best effort.

    Some platforms and file systems cannot open a folder for this: then nothing.
    """
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
