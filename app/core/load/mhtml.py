"""Read a saved "single file" web page (MHTML, .mht/.mhtml).

An MHTML file is a MIME message: the page is the ``text/html`` part (the one
the root ``Content-Location`` names, else the first), encoded as
quoted-printable or base64, with its charset on the part's header. The
standard library's e-mail parser does the MIME work.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass

from lismoi.core.errors import UnsupportedContentError
from lismoi.core.i18n import _


@dataclass
class MhtmlPage:
    html: bytes
    charset: str | None
    url: str | None


def read_mhtml(data: bytes) -> MhtmlPage:
    """The HTML part of an MHTML archive, still as bytes (decoded later)."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    root_location = msg.get("Snapshot-Content-Location") or msg.get("Content-Location")
    html_parts = [
        p for p in msg.walk() if p.get_content_type() in ("text/html", "application/xhtml+xml")
    ]
    if not html_parts:
        raise UnsupportedContentError(_("This saved page (MHTML) holds no web page to read."))
    part = next(
        (p for p in html_parts if root_location and p.get("Content-Location") == root_location),
        html_parts[0],
    )
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(part.get_payload()).encode("utf-8", "replace")
    return MhtmlPage(
        html=payload,
        charset=part.get_content_charset(),
        url=part.get("Content-Location") or root_location,
    )
