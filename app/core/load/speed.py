"""A download's low-speed limit, as curl's ``--speed-limit`` / ``--speed-time``.

Too few bytes over the last ``window`` seconds ends a download: a server that
drips a few bytes a second never trips a read timeout, and the listener would
otherwise wait for the total deadline. Used by the page loader
(:mod:`.fetch`) and the voice installer, each with its own message.
"""

from __future__ import annotations

import time
from collections import deque


class SpeedCheck:
    """Bytes over the last ``window`` seconds; ``limit`` <= 0 checks nothing."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        start = time.monotonic()
        self._samples: deque[tuple[float, int]] = deque([(start, 0)])

    def too_slow(self, total_bytes: int) -> int | None:
        """After a read (``total_bytes`` so far): the bytes of the last window if too few.

        None while the download keeps the pace, or before a whole window has passed.
        """
        if self.limit <= 0:
            return None
        now = time.monotonic()
        samples = self._samples
        samples.append((now, total_bytes))
        # Keep one sample at or before the window's start: the count since then.
        while len(samples) > 2 and samples[1][0] <= now - self.window:
            samples.popleft()
        since, then = samples[0]
        if now - since < self.window:  # not a whole window yet
            return None
        got = total_bytes - then
        return got if got < self.limit * (now - since) else None
