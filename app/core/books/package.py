"""An EPUB's package: container.xml, the OPF (metadata, manifest, spine),
its table of contents (EPUB 3 nav document, else EPUB 2 NCX) and its DRM.

Everything here is XML read with :mod:`.xmlsafe`; a name that points outside
the archive is dropped (:func:`.archive.resolve`).
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass, field

from lismoi.core.errors import LoadError, UnsupportedContentError
from lismoi.core.i18n import _

from . import xmlsafe
from .archive import Archive, resolve
from .xmlsafe import local

log = logging.getLogger(__name__)

# Font obfuscation (IDPF's and Adobe's) hides embedded fonts, not the text: a
# book that only uses it is not protected.
_FONT_OBFUSCATION = frozenset(
    ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
)
_CONTENT_TYPES = frozenset(("application/xhtml+xml", "text/html", "application/xml"))


@dataclass
class TocEntry:
    title: str
    target: str  # archive name of the document
    fragment: str | None
    level: int


@dataclass
class Package:
    title: str = ""
    language: str | None = None
    creator: str | None = None
    date: str | None = None
    spine: list[str] = field(default_factory=list)  # archive names, reading order
    toc: list[TocEntry] = field(default_factory=list)
    nav: str | None = None  # the EPUB 3 nav document (chrome: not read as text)


def not_an_epub() -> LoadError:
    return LoadError(
        _("This file is not an EPUB book that Lis-moi can read (it has no package document).")
    )


def check_drm(archive: Archive) -> None:
    """Refuse a book protected by DRM, in words the listener can act on."""
    if archive.has("META-INF/rights.xml") or archive.has("META-INF/license.lcpl"):
        raise _drm_error(archive)
    data = archive.read("META-INF/encryption.xml")
    if not data:
        return
    root = xmlsafe.parse(data)
    if root is None:
        raise _drm_error(archive)
    for el in root.iter():
        if local(el.tag) == "EncryptionMethod" and el.get("Algorithm") not in _FONT_OBFUSCATION:
            raise _drm_error(archive)


def _drm_error(archive: Archive) -> UnsupportedContentError:
    if archive.has("META-INF/license.lcpl"):
        scheme = "Readium LCP"
    elif archive.has("META-INF/rights.xml"):
        scheme = "Adobe DRM"
    else:
        scheme = _("DRM")
    return UnsupportedContentError(
        _(
            "This book is protected by {scheme}: Lis-moi cannot read it. "
            "Open it in the reading app it was bought for."
        ).format(scheme=scheme)
    )


def read_package(archive: Archive) -> Package:
    opf_name = _rootfile(archive)
    data = archive.read(opf_name) if opf_name else None
    root = xmlsafe.parse(data) if data else None
    if root is None:
        raise not_an_epub()
    pkg = Package()
    manifest: dict[str, tuple[str, str, str]] = {}  # id -> (name, media type, properties)
    spine_ids: list[str] = []
    ncx_id = None
    for el in root.iter():
        name = local(el.tag)
        if name == "title" and not pkg.title:
            pkg.title = " ".join((el.text or "").split())
        elif name == "language" and not pkg.language:
            pkg.language = (el.text or "").strip() or None
        elif name == "creator" and not pkg.creator:
            pkg.creator = " ".join((el.text or "").split()) or None
        elif name == "date" and not pkg.date:
            pkg.date = (el.text or "").strip() or None
        elif name == "item":
            target = resolve(opf_name, el.get("href") or "")
            if target is None:
                log.info("manifest item outside the archive dropped: %r", el.get("href"))
                continue
            manifest[el.get("id") or ""] = (
                target,
                (el.get("media-type") or "").lower(),
                el.get("properties") or "",
            )
        elif name == "spine":
            ncx_id = el.get("toc")
        elif name == "itemref":
            spine_ids.append(el.get("idref") or "")
    for idref in spine_ids:
        item = manifest.get(idref)
        if item is not None and (item[1] in _CONTENT_TYPES or item[0].endswith(("html", "htm"))):
            pkg.spine.append(item[0])
    for target, _media, props in manifest.values():
        if "nav" in props.split():
            pkg.nav = target
    if pkg.nav is not None:
        pkg.toc = _nav_toc(archive, pkg.nav)
    if not pkg.toc:
        ncx = manifest.get(ncx_id or "")
        if ncx is None:
            ncx = next((m for m in manifest.values() if m[1] == "application/x-dtbncx+xml"), None)
        if ncx is not None:
            pkg.toc = _ncx_toc(archive, ncx[0])
    return pkg


def _rootfile(archive: Archive) -> str | None:
    data = archive.read("META-INF/container.xml")
    root = xmlsafe.parse(data) if data else None
    if root is not None:
        for el in root.iter():
            if local(el.tag) == "rootfile":
                path = el.get("full-path") or ""
                media = el.get("media-type") or "application/oebps-package+xml"
                if path and media == "application/oebps-package+xml":
                    return resolve("", path)
    # No container: the first package document in the archive, as readers do.
    opfs = sorted(n for n in archive.infos if n.lower().endswith(".opf"))
    return opfs[0] if opfs else None


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _nav_toc(archive: Archive, nav: str) -> list[TocEntry]:
    data = archive.read(nav)
    root = xmlsafe.parse(data, html_entities=True) if data else None
    if root is None:
        return []
    toc_nav = None
    for el in root.iter():
        if local(el.tag) == "nav":
            kind = el.get("{http://www.idpf.org/2007/ops}type") or el.get("epub:type") or ""
            if "toc" in kind.split() or el.get("role") == "doc-toc":
                toc_nav = el
                break
            toc_nav = toc_nav if toc_nav is not None else el
    if toc_nav is None:
        return []
    out: list[TocEntry] = []

    def walk(ol, level: int) -> None:
        for li in ol:
            if local(li.tag) != "li":
                continue
            for child in li:
                tag = local(child.tag)
                if tag in ("a", "span"):
                    _add(out, nav, child.get("href") or "", _text(child), level)
                elif tag == "ol":
                    walk(child, level + 1)

    for child in toc_nav:
        if local(child.tag) == "ol":
            walk(child, 1)
    return out


def _ncx_toc(archive: Archive, ncx: str) -> list[TocEntry]:
    data = archive.read(ncx)
    root = xmlsafe.parse(data) if data else None
    if root is None:
        return []
    out: list[TocEntry] = []

    def walk(parent, level: int) -> None:
        for point in parent:
            if local(point.tag) != "navPoint":
                continue
            title, src = "", ""
            for child in point:
                tag = local(child.tag)
                if tag == "navLabel":
                    title = _text(child)
                elif tag == "content":
                    src = child.get("src") or ""
            _add(out, ncx, src, title, level)
            walk(point, level + 1)

    for el in root.iter():
        if local(el.tag) == "navMap":
            walk(el, 1)
            break
    return out


def _add(out: list[TocEntry], base: str, href: str, title: str, level: int) -> None:
    if not href or not title:
        return
    target = resolve(base, href)
    if target is None:
        log.info("table of contents entry outside the archive dropped: %r", href)
        return
    fragment = href.split("#", 1)[1] if "#" in href else None
    out.append(
        TocEntry(title=title, target=posixpath.normpath(target), fragment=fragment, level=level)
    )
