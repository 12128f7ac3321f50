"""``lismoi export SOURCE -o OUT [--voice PROFILE] [--rate R] [--subtitles FILE]``.

Reads the article at SOURCE (file or URL) into an audio file whose format
follows OUT's extension (.wav, .mp3, .ogg/.opus, .oga, .flac); each block is
read in the voice of its language. ``--subtitles`` writes SRT or LRC (by
extension) from the sentence timings. A progress bar shows on a terminal.
"""

from __future__ import annotations

import argparse
import sys

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help=_("a file or http(s) URL"))
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help=_("audio file to write: .wav, .mp3, .ogg (Opus), .opus, .oga (Vorbis), .flac"),
    )
    parser.add_argument(
        "--voice",
        metavar="PROFILE",
        help=_("voice profile for the article's language, e.g. fr-CA-male (see 'lismoi voices')"),
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=1.0,
        help=_("speed as a multiple of the voice's normal rate, 0.5 to 3 (default: 1)"),
    )
    parser.add_argument(
        "--subtitles", metavar="FILE", help=_("also write subtitles (.srt or .lrc)")
    )
    parser.add_argument("--lang", help=_("read as this locale, e.g. fr-CA (overrides detection)"))
    parser.add_argument(
        "--no-progress", action="store_true", help=_("no progress bar even on a terminal")
    )


def run(args: argparse.Namespace) -> int:
    from lismoi.core.export import export_article
    from lismoi.core.pipeline import read_article

    if not 0.5 <= args.rate <= 3.0:
        print(_("lismoi: --rate must be between 0.5 and 3."), file=sys.stderr)
        return 2
    bar = None
    try:
        article = read_article(args.source, lang=args.lang)
        progress = None
        if not args.no_progress and sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=1, unit=_("char"), unit_scale=True, desc=_("Reading"), leave=False)

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

        result = export_article(
            article,
            args.output,
            voice=args.voice,
            rate=args.rate,
            subtitles=args.subtitles,
            progress=progress,
        )
    except KeyError as exc:
        print(
            _("lismoi: no voice profile {name}; see 'lismoi voices'.").format(name=exc.args[0]),
            file=sys.stderr,
        )
        return 2
    except LismoiError as exc:
        print(_("lismoi: {error}").format(error=exc), file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
    voices_used = sorted({s.profile_id for s in result.segments})
    print(
        _("{path}: {seconds:.1f} s, {n} sentences, voices: {voices}").format(
            path=result.path,
            seconds=result.duration_ms / 1000,
            n=len(result.segments),
            voices=", ".join(voices_used),
        )
    )
    if result.subtitles:
        print(_("subtitles: {path}").format(path=result.subtitles))
    return 0
