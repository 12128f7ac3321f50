"""``lismoi voices [--format text|json]``: every profile and the voice it resolves to.

Text output is one line per profile: id, label, the voice (with the espeak
variant), "fallback" or "exact", and the reason in words. JSON output is one
array of objects with the same fields. Derived profiles (the languages other
than French) are listed after the four French ones; ``--french`` keeps only
those four.
"""

from __future__ import annotations

import argparse
import json
import sys

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _
from lismoi.core.voices import list_profiles, resolve


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_("output format (default: text)"),
    )
    parser.add_argument("--french", action="store_true", help=_("only the four French profiles"))


def run(args: argparse.Namespace) -> int:
    try:
        profiles = list_profiles()
        if args.french:
            profiles = [p for p in profiles if not p.derived]
        resolved = [resolve(p.id) for p in profiles]
    except LismoiError as exc:
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 1
    out = sys.stdout
    if args.format == "json":
        records = [
            {
                "profile": r.profile.id,
                "label": r.profile.label(),
                "lang": r.profile.lang,
                "region": r.profile.region,
                "gender": r.profile.gender,
                "derived": r.profile.derived,
                "engine": r.engine,
                "voice": r.voice_id,
                "variant": r.variant,
                "quality": r.quality,
                "fallback": r.fallback,
                "accent": r.accent,
                "reason": r.reason,
            }
            for r in resolved
        ]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max((len(r.profile.id) for r in resolved), default=10)
    voice_label = _("Voice:")
    for r in resolved:
        voice = r.voice_id + (f"+{r.variant}" if r.variant else "")
        status = (
            _("fallback") if r.fallback else _("accent") if r.quality == "accent" else _("exact")
        )
        out.write(
            f"{r.profile.id:<{width}}  {r.profile.label()}\n"
            f"{'':<{width}}  {voice_label} {voice} ({r.engine}) — {status}: {r.reason}\n"
        )
    return 0
