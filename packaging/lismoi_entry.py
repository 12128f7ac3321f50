"""Entry point of the PyInstaller bundle: the ``lismoi`` command, plus ``-m MODULE``.

A frozen app has no interpreter to run ``python -m ...``, but the speech
worker starts its engine as ``[sys.executable, "-m", "lismoi.core.speech.server"]``
(a separate process, see app/core/speech/worker.py). In the bundle
``sys.executable`` is this program, so it understands ``-m MODULE`` itself and
runs that module as ``__main__``, exactly as the interpreter would.
"""

from __future__ import annotations

import runpy
import sys


def _main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0
    from lismoi.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
