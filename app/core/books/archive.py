"""A zip archive read with limits: the container of an EPUB.

Nothing is ever extracted to disk: members are read into memory by name, so
a path like ``../../etc/passwd`` escapes nothing, and a reference that points
outside the archive's root is refused (:func:`resolve`). A zip bomb is
refused from the central directory's sizes before anything is unpacked, and
every read is capped again, since those sizes can lie.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from urllib.parse import unquote

from lismoi.core.errors import LoadError, TooLargeError, UnsupportedContentError
from lismoi.core.i18n import _

# A 1 MB-of-text book unpacks to ~3 MB of XHTML; images are never read.
MAX_MEMBER = 16_000_000  # one XHTML/XML file (a whole novel in one file is ~2 MB)
MAX_TOTAL = 256_000_000  # everything the archive says it holds
MAX_READ = 128_000_000  # what we actually unpack, all files together
MAX_RATIO = 200  # text deflates ~4:1; a bomb 1000:1
MAX_MEMBERS = 20_000


def damaged() -> LoadError:
    return LoadError(
        _("This EPUB book is damaged (its zip archive is truncated or corrupt): it cannot be read.")
    )


def bomb() -> TooLargeError:
    return TooLargeError(
        _("This EPUB book unpacks to far more than it holds (a “zip bomb”): it was not opened.")
    )


class Archive:
    """The members of an EPUB's zip, read by name within the limits above."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
            raise damaged() from None
        if len(infos) > MAX_MEMBERS:
            raise bomb()
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL:
            raise bomb()
        for info in infos:
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise bomb()
        # Names as written (a folder entry ends in "/"); lookups are case-exact
        # as in every reading system, with a case-insensitive fallback.
        self.infos = {i.filename: i for i in infos if not i.is_dir()}
        self._folded = {name.casefold(): name for name in self.infos}
        self.read_so_far = 0

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return self._name(name) is not None

    def _name(self, name: str) -> str | None:
        if name in self.infos:
            return name
        return self._folded.get(name.casefold())

    def encrypted(self, name: str) -> bool:
        """Is this member encrypted with a zip password (flag bit 0)?"""
        real = self._name(name)
        return real is not None and bool(self.infos[real].flag_bits & 0x1)

    def read(self, name: str) -> bytes | None:
        """The bytes of ``name``, None if there is no such member."""
        real = self._name(name)
        if real is None:
            return None
        if self.infos[real].flag_bits & 0x1:
            raise UnsupportedContentError(
                _("This EPUB book is password-protected (encrypted): Lis-moi cannot read it.")
            )
        cap = min(MAX_MEMBER, MAX_READ - self.read_so_far)
        try:
            with self.zip.open(real) as f:
                data = f.read(cap + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            raise damaged() from None
        except NotImplementedError:  # a compression method zipfile lacks (deflate64...)
            raise damaged() from None
        if len(data) > cap:
            raise bomb()
        self.read_so_far += len(data)
        return data


def resolve(base: str, href: str) -> str | None:
    """The archive name ``href`` points to from the file ``base``; None when it
    leaves the archive (``../`` above the root, an absolute path, a URL)."""
    href = href.split("#", 1)[0]
    if not href:
        return base
    if "://" in href or href.startswith(("/", "\\")) or ":" in href.split("/", 1)[0]:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined
