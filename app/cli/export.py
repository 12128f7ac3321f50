"""``lismoi export SOURCE -o OUT [--voice PROFILE] [--rate R] [--subtitles FILE]``.

Reads the article at SOURCE (file or URL) into an audio file whose format
follows OUT's extension (.wav, .mp3, .ogg/.opus, .oga, .flac); each block is
read in the voice of its language. ``--subtitles`` writes SRT or LRC (by
extension) from the sentence timings. A progress bar shows on a terminal.

An OUT that is an existing folder or ends with "/" asks for one file per
chapter (a book: EPUB, PDF with an outline) in that folder, in ``--format``,
with an M3U playlist and, with ``--subtitles srt|lrc``, subtitles per chapter.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help=_("a file or http(s) URL"))
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help=_(
            "audio file to write: .wav, .mp3, .ogg (Opus), .opus, .oga (Vorbis), .flac; "
            "or a folder (an existing one, or a path ending with /): one file per chapter "
            "there, with an M3U playlist"
        ),
    )
    parser.add_argument(
        "--format",
        choices=("mp3", "ogg", "opus", "oga", "flac", "wav"),
        help=_("audio format of the chapter files when OUT is a folder (default: mp3)"),
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
        "--subtitles",
        metavar="FILE",
        help=_(
            "also write subtitles (.srt or .lrc); when OUT is a folder, srt or lrc: "
            "one subtitle file beside each chapter's audio"
        ),
    )
    parser.add_argument("--lang", help=_("read as this locale, e.g. fr-CA (overrides detection)"))
    parser.add_argument(
        "--no-progress", action="store_true", help=_("no progress bar even on a terminal")
    )


def per_chapter(output: str) -> bool:
    """An OUT naming a folder: an existing one, or a path ending with a separator."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def run(args: argparse.Namespace) -> int:
    from lismoi.core.export import export_article
    from lismoi.core.pipeline import read_article

    if not 0.5 <= args.rate <= 3.0:
        print(_("lismoi: --rate must be between 0.5 and 3."), file=sys.stderr)
        return 2
    folder = per_chapter(args.output)
    if args.format and not folder and Path(args.output).suffix.lower() != "." + args.format:
        print(
            _("lismoi: --format is for a folder OUT; a file's format is its extension."),
            file=sys.stderr,
        )
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

        if folder:
            return _export_chapters(args, article, bar, progress)
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


def _export_chapters(args: argparse.Namespace, article, bar, progress) -> int:
    """One file per chapter in the folder OUT, a playlist, subtitles per chapter."""
    from lismoi.core.export import export_chapters

    subtitles = None
    if args.subtitles:
        # "srt", ".srt" or "book.srt": the format is what counts, the names are the chapters'.
        subtitles = Path(args.subtitles).suffix or "." + args.subtitles.lstrip(".")

    def on_chapter(number: int, count: int, title: str) -> None:
        if bar is not None:
            bar.reset()
            bar.set_description(f"{number}/{count} {title[:40]}")

    book = export_chapters(
        article,
        args.output,
        audio="." + (args.format or "mp3"),
        subtitles=subtitles,
        voice=args.voice,
        rate=args.rate,
        progress=progress,
        on_chapter=on_chapter,
    )
    if bar is not None:
        bar.close()
    for chapter in book.chapters:
        result = chapter.result
        print(
            _("{path}: {seconds:.1f} s, {n} sentences").format(
                path=result.path, seconds=result.duration_ms / 1000, n=len(result.segments)
            )
        )
        if result.subtitles:
            print(_("subtitles: {path}").format(path=result.subtitles))
    print(
        _("playlist: {path} ({n} chapters, {seconds:.1f} s)").format(
            path=book.playlist, n=len(book.chapters), seconds=book.duration_ms / 1000
        )
    )
    return 0
