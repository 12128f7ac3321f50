"""Play all with the speech worker hung (SIGSTOP): reading goes on from the same sentence.

The playback helper's test kills the worker (SIGKILL) during Play all; a
process that hangs is the other engine fault, noticed only by the request
timeout. Every sentence must still be heard once, in order, with no error.
"""

from __future__ import annotations

import os
import signal

from lismoi.core.article import Article, Block
from lismoi.core.speech.worker import SpeechWorker

TIMEOUT_MS = 120_000


def test_worker_hung_during_play_all_goes_on_from_the_same_sentence(qtbot, pulse_sink, tally):
    from lismoi.qt.player import Player

    worker = SpeechWorker()
    player = Player(worker=worker, device=pulse_sink.qt_device())
    paragraphs = [
        f"Voici le paragraphe numéro {n}. Il contient une phrase. Puis une autre encore."
        for n in range(1, 9)
    ]
    article = Article(title="Essai", locale="fr-FR",
                      blocks=[Block("paragraph", t, lang="fr-FR") for t in paragraphs])
    heard: list[tuple[int, int, int]] = []
    errors: list[str] = []
    player.sentenceStarted.connect(lambda b, s, e: heard.append((b, s, e)))
    player.errorOccurred.connect(errors.append)
    try:
        player.set_article(article)
        player.set_rate(2.0)
        expected = [(b, s, e) for b in range(len(paragraphs)) for s, e in player.reading.spans(b)]
        with tally.trial("player:worker-hung", fault=True):
            with qtbot.waitSignal(player.sentenceStarted, timeout=TIMEOUT_MS,
                                  check_params_cb=lambda *a: len(heard) >= 2):
                player.play_all()
            old_pid = worker.pid
            assert old_pid is not None
            os.kill(old_pid, signal.SIGSTOP)
            with qtbot.waitSignal(player.finished, timeout=TIMEOUT_MS):
                pass
            assert heard == expected  # none lost, none repeated, in order
            assert errors == []
            assert worker.pid not in (None, old_pid)
            assert worker.restarts >= 1
    finally:
        player.close()
        worker.close()
