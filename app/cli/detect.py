"""``lismoi detect [TEXT...] [--lines]``: the language of each text, as JSON Lines.

Each text gives one line ``{"text", "lang", "confidence"}`` (``lang`` is a BCP
47 tag or null when the text has no letters to go on). Texts come from the
arguments; with ``--lines`` every line of standard input is one text (one
output line per input line, empty lines included, so outputs line up);
otherwise standard input is read whole as one text. Input is processed as it
arrives and the output flushed after each chunk read, so a pipe of tens of
thousands of lines streams, and an interactive caller gets its answer at once.
Each text is judged on its own: no document context (see ``lismoi extract``).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from lismoi.core import language
from lismoi.core.i18n import _

CHUNK = 1 << 16


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("texts", nargs="*", metavar="TEXT", help=_("texts to identify"))
    parser.add_argument(
        "--lines", action="store_true", help=_("read one text per line from standard input")
    )
    parser.add_argument(
        "--candidates",
        metavar="LANGS",
        help=_("comma-separated languages to choose from, e.g. fr,en,de (default: all 55)"),
    )


def run(args: argparse.Namespace) -> int:
    if args.candidates:
        try:
            language.set_candidates(c for c in args.candidates.split(",") if c.strip())
        except ValueError as exc:
            print(_("lismoi detect: {error}").format(error=exc), file=sys.stderr)
            return 2
    out = sys.stdout.buffer
    if args.texts:
        _write(out, args.texts)
    elif args.lines:
        for batch in _line_batches(sys.stdin.buffer):
            _write(out, batch)
    else:
        if sys.stdin.isatty():
            print(_("lismoi detect: give a TEXT, or pipe text into it"), file=sys.stderr)
            return 2
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        _write(out, [text.removesuffix("\n").removesuffix("\r")])
    return 0


def _write(out: BinaryIO, texts: Iterable[str]) -> None:
    records = []
    for text in texts:
        lang, confidence = language.detect(text)
        record = {"text": text, "lang": lang, "confidence": round(confidence, 4)}
        records.append(json.dumps(record, ensure_ascii=False) + "\n")
    out.write("".join(records).encode("utf-8"))
    out.flush()


def _line_batches(stream: BinaryIO) -> Iterator[list[str]]:
    """The complete lines of each chunk as it arrives (the last one even without "\\n")."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    while True:
        # read1 returns what is available now (one system call at most): a
        # pipe streams in 64 KiB chunks, an interactive writer line by line.
        chunk = stream.read1(CHUNK)
        pending += decoder.decode(chunk, final=not chunk)
        *lines, pending = pending.split("\n")
        if lines:
            yield [line.removesuffix("\r") for line in lines]
        if not chunk:
            if pending:
                yield [pending.removesuffix("\r")]
            return
