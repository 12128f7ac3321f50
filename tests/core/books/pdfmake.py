"""A small PDF writer of our own, for documents the tests and benchmarks draw.

Qt's QPdfWriter cannot write a document outline (bookmarks) nor encrypt, so
the documents that need either are written here by hand: the PDF 1.4 syntax
of a text page is a few operators. Fonts are the standard 14 (Courier,
Helvetica), which every reader knows without embedding them: Courier's
fixed 0.6 em advance makes the layout computable without metrics.
Encryption is the standard security handler, revision 2 (RC4, 40-bit key).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

FONTS = {
    "F1": "Courier",
    "F2": "Courier-Bold",
    "F3": "Helvetica",
    "F4": "Helvetica-Bold",
}
PAGE_W, PAGE_H = 595, 842

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


@dataclass
class Run:
    """One line of text drawn at (x, y) from the page's bottom-left, in points."""

    x: float
    y: float
    text: str
    size: float = 10
    font: str = "F1"


@dataclass
class PdfSpec:
    pages: list[list[Run]] = field(default_factory=list)
    outline: list[tuple[str, int, int]] = field(default_factory=list)  # title, page, level
    user_password: str | None = None  # encrypt, with this password to open
    title: str | None = None


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _utf16(text: str) -> bytes:
    raw = b"\xfe\xff" + text.encode("utf-16-be")
    return b"<" + raw.hex().encode() + b">"


def write_pdf(spec: PdfSpec) -> bytes:
    """The bytes of a PDF holding ``spec``'s pages, outline and encryption."""
    objects: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}  # object number -> stream data (dict in objects)
    n_pages = len(spec.pages)
    # 1 catalog, 2 pages, 3..6 fonts, then pages and their contents, then outline.
    font_ids = {key: 3 + i for i, key in enumerate(FONTS)}
    first_page = 3 + len(FONTS)
    page_ids = [first_page + 2 * i for i in range(n_pages)]
    next_id = first_page + 2 * n_pages
    fonts = b" ".join(f"/{k} {font_ids[k]} 0 R".encode() for k in FONTS)
    for key, name in FONTS.items():
        objects[font_ids[key]] = (
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} "
            "/Encoding /WinAnsiEncoding >>".encode()
        )
    for i, runs in enumerate(spec.pages):
        pid, cid = page_ids[i], page_ids[i] + 1
        objects[pid] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] ".encode()
            + b"/Resources << /Font << "
            + fonts
            + f" >> >> /Contents {cid} 0 R >>".encode()
        )
        ops = []
        for r in runs:
            ops.append(
                f"BT /{r.font} {r.size:g} Tf {r.x:.2f} {r.y:.2f} Td ".encode()
                + _literal(r.text)
                + b" Tj ET"
            )
        streams[cid] = b"\n".join(ops)
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode()
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    strings: dict[int, list[tuple[str, bytes]]] = {}
    if spec.outline:
        root_id = next_id
        ids = [root_id + 1 + i for i in range(len(spec.outline))]
        next_id = root_id + 1 + len(spec.outline)
        parents: list[int] = []  # per item, its parent's object id
        stack: list[tuple[int, int]] = []  # (level, id)
        for item_id, (_t, _p, level) in zip(ids, spec.outline, strict=True):
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents.append(stack[-1][1] if stack else root_id)
            stack.append((level, item_id))
        children: dict[int, list[int]] = {}
        for item_id, parent in zip(ids, parents, strict=True):
            children.setdefault(parent, []).append(item_id)
        for idx, (item_id, (title, page, _level)) in enumerate(zip(ids, spec.outline, strict=True)):
            sib = children[parents[idx]]
            pos = sib.index(item_id)
            parts = [f"/Parent {parents[idx]} 0 R".encode()]
            if pos:
                parts.append(f"/Prev {sib[pos - 1]} 0 R".encode())
            if pos + 1 < len(sib):
                parts.append(f"/Next {sib[pos + 1]} 0 R".encode())
            kids_of = children.get(item_id)
            if kids_of:
                parts.append(
                    f"/First {kids_of[0]} 0 R /Last {kids_of[-1]} 0 R ".encode()
                    + f"/Count {len(kids_of)}".encode()
                )
            parts.append(f"/Dest [{page_ids[page]} 0 R /XYZ 0 {PAGE_H} 0]".encode())
            strings[item_id] = [("title", _utf16(title))]
            objects[item_id] = b"<< /Title @title@ " + b" ".join(parts) + b" >>"
        top = children[root_id]
        objects[root_id] = (
            f"<< /Type /Outlines /First {top[0]} 0 R /Last {top[-1]} 0 R "
            f"/Count {len(top)} >>".encode()
        )
        catalog += f" /Outlines {root_id} 0 R /PageMode /UseOutlines".encode()
    objects[1] = catalog + b" >>"
    info_id = None
    if spec.title:
        info_id = next_id
        next_id += 1
        strings[info_id] = [("title", _utf16(spec.title))]
        objects[info_id] = b"<< /Title @title@ >>"

    file_id = hashlib.md5(repr(spec.outline).encode() + str(n_pages).encode()).digest()
    key = None
    encrypt_id = None
    if spec.user_password is not None:
        encrypt_id = next_id
        next_id += 1
        owner = _padded("owner-" + spec.user_password)
        user = _padded(spec.user_password)
        o_entry = _rc4(hashlib.md5(owner).digest()[:5], user)
        perms = -4  # every permission bit set but the two reserved low ones
        key = hashlib.md5(
            user + o_entry + perms.to_bytes(4, "little", signed=True) + file_id
        ).digest()[:5]
        u_entry = _rc4(key, _PAD)
        objects[encrypt_id] = (
            f"<< /Filter /Standard /V 1 /R 2 /O <{o_entry.hex()}> /U <{u_entry.hex()}> "
            f"/P {perms} >>".encode()
        )

    def obj_key(num: int) -> bytes:
        assert key is not None
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in range(1, next_id):
        body = objects.get(num, b"")
        for name, value in strings.get(num, []):
            if key is not None and num != encrypt_id:
                raw = bytes.fromhex(value[1:-1].decode())
                value = b"<" + _rc4(obj_key(num), raw).hex().encode() + b">"
            body = body.replace(f"@{name}@".encode(), value)
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode()
        if num in streams:
            data = streams[num]
            if key is not None:
                data = _rc4(obj_key(num), data)
            out += f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
        else:
            out += body
        out += b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {next_id}\n0000000000 65535 f \n".encode()
    for num in range(1, next_id):
        out += f"{offsets[num]:010d} 00000 n \n".encode()
    trailer = f"<< /Size {next_id} /Root 1 0 R".encode()
    if info_id:
        trailer += f" /Info {info_id} 0 R".encode()
    if encrypt_id:
        trailer += f" /Encrypt {encrypt_id} 0 R".encode()
    trailer += b" /ID [<" + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] >>"
    out += b"trailer\n" + trailer + f"\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]
