"""Speech audio out through QtMultimedia: a push-mode QAudioSink fed as PCM arrives.

:class:`AudioOutput` keeps one gapless stream of 16-bit mono PCM. Callers
append *segments* (one synthesised sentence each) tagged with anything they
like; each segment gets its place on the stream's timeline, counted in
frames from the moment the sink was started. The sink's own counter of
frames it has consumed (``processedUSecs``) tells which frame is being heard,
so the caller can turn "frame 52,000 is playing" into "sentence 3 is playing".

Why push mode with our own queue in front of the sink: the sink's ring
buffer is kept short (``BUFFER_MS``) and only filled from the queue as it
drains, so segments that have not reached the sink yet can still be taken
back (a rate or voice change applies from the next sentence), while stop
discards everything at once (``QAudioSink.reset``). Volume is applied by the
sink when it reads its ring buffer, so a change is heard at once.

Everything here runs on the thread that owns the object (the UI thread);
nothing blocks: writes are memory copies into the ring buffer.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices

from lismoi.core.i18n import _

BUFFER_MS = 400  # the sink's ring buffer: room for a busy event loop, small enough to retract
FEED_INTERVAL_MS = 10  # how often the queue tops up the ring buffer while audio is queued
BYTES_PER_FRAME = 2  # signed 16-bit, mono


@dataclass
class Segment:
    """A piece of PCM on the stream's timeline: frames [start, start + frames)."""

    tag: Any
    pcm: bytes
    start: int
    written: int = 0  # bytes already handed to the sink

    @property
    def frames(self) -> int:
        return len(self.pcm) // BYTES_PER_FRAME

    @property
    def end(self) -> int:
        return self.start + self.frames


def resample(pcm: bytes, from_rate: int, to_rate: int) -> bytes:
    """Linear resampling of s16le mono PCM (only used when voices differ in sample rate)."""
    if from_rate == to_rate or not pcm:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    count = max(1, int(round(len(samples) * to_rate / from_rate)))
    positions = np.linspace(0.0, len(samples) - 1, count)
    out = np.interp(positions, np.arange(len(samples)), samples)
    return np.clip(np.round(out), -32768, 32767).astype("<i2").tobytes()


def no_device_message() -> str | None:
    """A sentence for humans when this machine has no audio output, else None."""
    if QMediaDevices.audioOutputs():
        return None
    return _(
        "No audio output device was found, so the article cannot be played aloud. "
        "Check that a sound server (PulseAudio or PipeWire) is running; "
        "exporting to an audio file still works."
    )


class AudioOutput(QObject):
    """A gapless, pausable PCM stream into one QAudioSink."""

    errorOccurred = Signal(str)
    #: the first frames were handed to the sink since it was opened (benchmarks watch it)
    firstAudioWritten = Signal()
    #: a segment was queued (tests and benchmarks compare its PCM with what is heard)
    segmentQueued = Signal(object)

    def __init__(self, parent: QObject | None = None, device: QAudioDevice | None = None) -> None:
        super().__init__(parent)
        self._device = device
        self._sink: QAudioSink | None = None
        self._io: Any = None
        self._rate = 0
        self._volume = 1.0
        self._segments: deque[Segment] = deque()  # not yet fully handed to the sink
        self._queued_end = 0  # timeline frame where the next segment will start
        self._written = 0  # frames handed to the sink since it started
        self._paused = False
        self._feed_timer = QTimer(self)
        self._feed_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._feed_timer.setInterval(FEED_INTERVAL_MS)
        self._feed_timer.timeout.connect(self.feed)

    # ------------------------------------------------------------ state

    @property
    def sample_rate(self) -> int:
        return self._rate

    @property
    def is_open(self) -> bool:
        return self._sink is not None and self._io is not None

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def queued_end(self) -> int:
        """The frame where the last queued segment ends."""
        return self._queued_end

    @property
    def written_frames(self) -> int:
        return self._written

    def played_frames(self) -> int:
        """Frames the sink has consumed: what is being heard (within the device latency)."""
        if self._sink is None or not self._rate:
            return 0
        frames = (self._sink.processedUSecs() * self._rate + 500_000) // 1_000_000
        # processedUSecs is rounded down to a microsecond: allow for it at the end.
        return self._written if frames >= self._written - 2 else frames

    def frames_to_ms(self, frames: int) -> float:
        return frames * 1000.0 / self._rate if self._rate else 0.0

    def ms_to_frames(self, ms: float) -> int:
        return int(round(ms * self._rate / 1000.0))

    def drained(self) -> bool:
        """All queued audio has been consumed by the sink."""
        return not self._segments and self.played_frames() >= self._queued_end

    # ------------------------------------------------------------ opening

    def open(self, sample_rate: int) -> bool:
        """Start the sink at ``sample_rate``; False (and errorOccurred) if there is no output."""
        if self.is_open and sample_rate == self._rate:
            return True
        self.close()
        message = no_device_message()
        device = self._device or QMediaDevices.defaultAudioOutput()
        if message is None and device.isNull():
            message = no_device_message() or _("No audio output device is selected.")
        if message is not None:
            self.errorOccurred.emit(message)
            return False
        fmt = QAudioFormat()
        fmt.setSampleRate(sample_rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        sink = QAudioSink(device, fmt, self)
        sink.setBufferSize(BYTES_PER_FRAME * sample_rate * BUFFER_MS // 1000)
        sink.setVolume(self._volume)
        io = sink.start()
        if io is None or sink.error() in (QAudio.Error.OpenError, QAudio.Error.FatalError):
            sink.deleteLater()
            self.errorOccurred.emit(
                _("The audio output “{device}” could not be opened.").format(
                    device=device.description()
                )
            )
            return False
        sink.stateChanged.connect(self._on_sink_state)
        self._sink, self._io, self._rate = sink, io, sample_rate
        self._written = 0
        self._queued_end = 0
        self._paused = False
        return True

    def close(self) -> None:
        """Silence at once and forget everything queued."""
        self._feed_timer.stop()
        self._segments.clear()
        self._queued_end = 0
        self._written = 0
        self._paused = False
        sink, self._sink, self._io = self._sink, None, None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_sink_state)
            sink.reset()  # drops the ring buffer and corks the stream: silence now
            sink.deleteLater()

    def _on_sink_state(self, state: QAudio.State) -> None:
        sink = self._sink
        if sink is None:
            return
        if sink.error() in (QAudio.Error.FatalError, QAudio.Error.IOError, QAudio.Error.OpenError):
            self.errorOccurred.emit(
                _("The audio output stopped working ({error}).").format(error=sink.error().name)
            )

    # ------------------------------------------------------------ queue

    def enqueue(self, pcm: bytes, sample_rate: int, tag: Any = None) -> Segment:
        """Append PCM after everything queued; returns its segment (its place on the timeline)."""
        if not self.is_open:
            raise RuntimeError("AudioOutput.enqueue() before open()")
        pcm = resample(pcm, sample_rate, self._rate)
        pcm = pcm[: len(pcm) - len(pcm) % BYTES_PER_FRAME]
        segment = Segment(tag, pcm, self._queued_end)
        self._queued_end = segment.end
        self.segmentQueued.emit(segment)
        if pcm:
            self._segments.append(segment)
            self.feed()
        return segment

    def take_back_unwritten(self) -> list[Segment]:
        """Remove the queued segments the sink has not received a byte of (newest last)."""
        # Only the head of the queue can be partly written: take from the tail.
        taken: list[Segment] = []
        while self._segments and self._segments[-1].written == 0:
            taken.insert(0, self._segments.pop())
        if taken:
            self._queued_end = taken[0].start
        return taken

    def feed(self) -> None:
        """Top up the sink's ring buffer from the queue (called by a timer and on enqueue)."""
        sink, io = self._sink, self._io
        if sink is None or io is None:
            return
        free = sink.bytesFree()
        first = self._written == 0
        while self._segments and free >= BYTES_PER_FRAME:
            segment = self._segments[0]
            chunk = segment.pcm[segment.written : segment.written + free]
            chunk = chunk[: len(chunk) - len(chunk) % BYTES_PER_FRAME]
            count = io.write(chunk)
            if count <= 0:
                break
            count -= count % BYTES_PER_FRAME
            segment.written += count
            self._written += count // BYTES_PER_FRAME
            free -= count
            if segment.written >= len(segment.pcm):
                self._segments.popleft()
        if first and self._written:
            self.firstAudioWritten.emit()
        if self._segments and not self._feed_timer.isActive():
            self._feed_timer.start()
        elif not self._segments:
            self._feed_timer.stop()

    # ------------------------------------------------------------ transport

    def pause(self) -> None:
        if self._sink is not None and not self._paused:
            self._sink.suspend()  # corks the stream: what is buffered waits, nothing is lost
            self._paused = True

    def resume(self) -> None:
        if self._sink is not None and self._paused:
            self._sink.resume()
            self._paused = False
            self.feed()

    def set_volume(self, volume: float) -> None:
        self._volume = min(max(float(volume), 0.0), 1.0)
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    @property
    def volume(self) -> float:
        return self._volume
