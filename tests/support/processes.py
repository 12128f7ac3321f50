"""Child processes that a test cannot leak.

``with child([...], stdout=subprocess.PIPE) as proc:`` is ``subprocess.Popen``
whose exit kills the process if it still runs (a test that fails half-way
must not leave a saver looping for ever, nor hang in ``wait()``), reaps it and
closes its pipes: an unclosed pipe is a ResourceWarning, which fails the test.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def child(args: list[str], **kwargs: Any) -> Iterator[subprocess.Popen[Any]]:
    with subprocess.Popen(args, **kwargs) as proc:  # __exit__ closes the pipes and waits
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
