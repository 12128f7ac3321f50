"""An amount of bytes in words a listener reads at a glance: "35 KB", "2.4 MB"."""

from __future__ import annotations

from lismoi.core.i18n import _


def amount(n: int) -> str:
    """``n`` bytes as "812 bytes", "35 KB" or "2.4 MB" (decimal units, as browsers show)."""
    if n < 1000:
        return _("{n} bytes").format(n=n)
    if n < 1_000_000:
        return _("{n} KB").format(n=n // 1000)
    return _("{n} MB").format(n=f"{n / 1_000_000:.1f}")
