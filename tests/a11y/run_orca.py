"""Run the installed Orca with its debug log written line by line.

Orca 43 opens ``--debug-file`` with Python's default buffering (8 KiB
blocks), so what it said last sits in the buffer while it is quiet, and a
check reading the file waits for nothing. This starts ``/usr/bin/orca``
unchanged, in the same interpreter (Debian's python3, where its modules are),
with that one file opened line-buffered.

Usage: ``/usr/bin/python3 run_orca.py DEBUG_FILE ORCA_ARGUMENTS...``
"""

import builtins
import runpy
import sys

ORCA = "/usr/bin/orca"
debug_file = sys.argv[1]
_open = builtins.open


def _line_buffered(file, mode="r", *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    if file == debug_file and "w" in mode and not args and "buffering" not in kwargs:
        kwargs["buffering"] = 1
    return _open(file, mode, *args, **kwargs)


builtins.open = _line_buffered
sys.argv = [ORCA, "--debug-file", debug_file, *sys.argv[2:]]
runpy.run_path(ORCA, run_name="__main__")
