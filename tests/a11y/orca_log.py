"""What Orca said, read from its debug log (``SPEECH OUTPUT: '...'`` lines).

Orca 43 writes every utterance to its debug file before it hands it to a
synthesiser (orca/speech.py): ``HH:MM:SS.ffffff - SPEECH OUTPUT: 'text'``
followed by the voice. :class:`OrcaLog` reads the file as it grows; a mark
(:meth:`mark`) starts a step, and :meth:`wait_for` waits until Orca has said
something matching since that mark.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

SPEECH = re.compile(r"SPEECH OUTPUT: '(.*?)'\s*(?:voice=\w+)?\s*[\[{]")
# Keys Orca echoes as it hears them ("tab ", "left shift "): not what the app made it say.
KEY_ECHO = re.compile(r"^(left |right )?(shift|control|alt|tab|escape|space|return|f\d+|"
                      r"down|up|left|right|h|home|end|super|insert)\s?$", re.IGNORECASE)


@dataclass
class OrcaLog:
    path: Path
    _offset: int = 0
    said: list[str] = field(default_factory=list)  # everything, in order
    _mark: int = 0

    def _read(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb") as f:
            f.seek(self._offset)
            data = f.read()
        # Only whole lines: the last one may still be being written.
        end = data.rfind(b"\n") + 1
        self._offset += end
        for line in data[:end].decode("utf-8", errors="replace").splitlines():
            m = SPEECH.search(line)
            if m:
                self.said.append(m.group(1))

    def mark(self) -> None:
        """Start a step: what Orca says from now on is the step's."""
        self._read()
        self._mark = len(self.said)

    def since_mark(self, *, echoes: bool = False) -> list[str]:
        self._read()
        out = self.said[self._mark:]
        return out if echoes else [s for s in out if not KEY_ECHO.match(s)]

    def wait_for(self, pattern: str, timeout: float = 20.0, *, echoes: bool = False) -> str:
        """The first utterance since the mark matching ``pattern`` (a regex); waits for it.

        Orca's echo of the keys typed ("left control") is skipped unless ``echoes``.
        """
        rx = re.compile(pattern, re.IGNORECASE)
        deadline = time.monotonic() + timeout
        while True:
            for said in self.since_mark(echoes=echoes):
                if rx.search(said):
                    return said
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"Orca did not say /{pattern}/ within {timeout:.0f} s; it said: "
                    f"{self.since_mark(echoes=True)!r}")
            time.sleep(0.1)

    def settle(self, quiet: float = 1.0, timeout: float = 20.0) -> list[str]:
        """What Orca said since the mark, once it has said something and then been
        silent for ``quiet`` seconds (key echoes left out)."""
        deadline = time.monotonic() + timeout
        while not self.since_mark() and time.monotonic() < deadline:
            time.sleep(0.1)
        count, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = len(self.since_mark(echoes=True))
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
            time.sleep(0.1)
        return self.since_mark()
