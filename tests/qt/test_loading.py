"""The loading bar during a slow download: bytes received shown, Cancel ends it.

The real Loader (a thread pool running the real loader) against the real
server on 127.0.0.1, wired to a real LoadingBar as the window wires them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from lismoi.qt.loading import Loader, LoadingBar

MS = 20000


def _wired(qtbot) -> tuple[Loader, LoadingBar]:
    loader = Loader()
    bar = LoadingBar()
    qtbot.addWidget(bar)
    loader.started.connect(lambda _token, what: bar.start(what))
    loader.progress.connect(bar.set_progress)
    bar.cancelRequested.connect(loader.cancel)
    loader.cancelled.connect(bar.stop)
    return loader, bar


def test_a_slow_download_shows_what_has_arrived_and_cancel_ends_it(qtbot, http_server):
    url = http_server.drip("/slow", every=0.05, length=100_000, first=b"<p>" + b"x" * 35_000)
    loader, bar = _wired(qtbot)
    bar.show()
    failed: list[object] = []
    loader.failed.connect(failed.append)
    with qtbot.waitSignal(loader.started, timeout=MS):
        loader.load(url)
    assert bar.isVisible()
    qtbot.waitUntil(lambda: bar.received.text().startswith("Received 35 KB of 100 KB"), timeout=MS)
    assert bar.received.isVisible() and bar.bar.maximum() == 1000
    assert 340 <= bar.bar.value() <= 360  # 35 % of the promised length
    with qtbot.waitSignal(loader.ended, timeout=MS):  # the download thread has stopped
        with qtbot.waitSignal(loader.cancelled, timeout=MS):
            qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
        assert not bar.isVisible() and not loader.busy
    assert failed == []  # a cancelled load is not an error to show
    assert loader.wait(5000)


def test_without_a_length_the_bar_says_what_has_arrived(qtbot):
    bar = LoadingBar()
    qtbot.addWidget(bar)
    bar.start("https://example.org/long-article")
    assert bar.label.text() == "Opening https://example.org/long-article…"
    bar.set_progress(812, -1)
    assert bar.received.text() == "Received 812 bytes…"
    assert bar.bar.maximum() == 0  # still busy: no fraction without a total
    bar.set_progress(2_400_000, -1)
    assert bar.received.text() == "Received 2.4 MB…"
    bar.start_text("Exporting…")  # the same bar for exports: no stale count
    assert bar.received.text() == "" and not bar.received.isVisible()
