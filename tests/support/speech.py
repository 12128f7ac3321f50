"""Real speech workers for the tests, each closed when its owner is done.

``WorkerFactory`` is what the ``speech_worker_factory`` fixture of
``tests/conftest.py`` yields; a module- or session-scoped fixture can use one
of its own the same way (``with WorkerFactory() as make: yield make()``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the app is imported late: tests/conftest.py sets the locale first
    from lismoi.core.speech.worker import SpeechWorker


class WorkerFactory:
    """``make(cls=SpeechWorker, start=True, **kwargs)`` builds a real worker.

    ``start`` waits until the speech process is up (about 0.2 s), so the first
    request of the test does not pay for it; ``cls`` is for fault-injecting
    subclasses. Every worker made is closed by :meth:`close` (process ended,
    pipes closed), including the ones a test already closed itself.
    """

    def __init__(self) -> None:
        self.made: list[SpeechWorker] = []

    def __call__(self, *, cls: type[SpeechWorker] | None = None, start: bool = True,
                 **kwargs: Any) -> SpeechWorker:  # fmt: skip
        if cls is None:
            from lismoi.core.speech.worker import SpeechWorker as cls
        worker = cls(**kwargs)
        self.made.append(worker)
        if start:
            worker.start()
        return worker

    def close(self) -> None:
        while self.made:
            self.made.pop().close()

    def __enter__(self) -> WorkerFactory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
