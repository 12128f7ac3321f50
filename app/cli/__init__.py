"""The ``lismoi`` command: the window by default, sub-commands for the pipeline.

``lismoi`` opens the window, ``lismoi SOURCE`` opens it on a file or URL, and
``lismoi extract|detect|voices|export ...`` run one stage of the pipeline
without Qt. Each sub-command lives in its own module (``lismoi.cli.<name>``) with
``add_arguments(parser)`` and ``run(args) -> int``; it is imported only when
used, so ``lismoi detect`` never pays for Qt or the speech engine.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from lismoi import __version__
from lismoi.core.i18n import N_, _

# name -> (module, one-line help). Kept as data so --help needs no imports.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("lismoi.cli.extract", N_("print the cleaned article of each SOURCE")),
    "detect": ("lismoi.cli.detect", N_("print the language of each text")),
    "voices": ("lismoi.cli.voices", N_("list the voice profiles and the voices they use")),
    "export": ("lismoi.cli.export", N_("read an article into an audio file")),
}


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lismoi",
        description=_("Lis-moi reads articles aloud, offline."),
        epilog=_("Commands: ")
        + "; ".join(f"lismoi {name} — {_(help_)}" for name, (_mod, help_) in COMMANDS.items())
        + ". "
        + _("Run 'lismoi COMMAND --help' for details."),
    )
    parser.add_argument("--version", action="version", version=f"lismoi {__version__}")
    parser.add_argument("source", nargs="?", help=_("a file or http(s) URL to open"))
    parser.add_argument("--lang", help=_("read the article as this locale (e.g. fr-CA)"))
    parser.add_argument(
        "--ui-lang", help=_("language of the interface (en, fr); default: the system's")
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lismoi`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        name = args_list[0]
        module_name, help_ = COMMANDS[name]
        module = importlib.import_module(module_name)
        parser = argparse.ArgumentParser(prog=f"lismoi {name}", description=_(help_))
        module.add_arguments(parser)
        args = parser.parse_args(args_list[1:])
        try:
            return int(module.run(args))
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # `lismoi extract ... | head` closes our stdout early: not an error.
            return 0
        except Exception as exc:  # a bug of ours: one line, the traceback on request
            if os.environ.get("LISMOI_DEBUG"):
                raise
            print(
                _(
                    "lismoi: unexpected error ({error}). Run with LISMOI_DEBUG=1 for details."
                ).format(error=f"{type(exc).__name__}: {exc}"),
                file=sys.stderr,
            )
            return 2
    args = _window_parser().parse_args(args_list)
    from lismoi.qt.main import run_window  # Qt is imported only for the window

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
