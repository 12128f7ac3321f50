"""The Player: reads an Article aloud and says, through signals, what is being heard.

The window only talks to this QObject (no widgets here). How it works:

* A *session* is a run of sentences: one block (``play_block``) or from a
  block to the end (``play_all``). Each sentence is an *item* ``(block, n)``.
* A background thread (:class:`_Synthesizer`) asks the speech worker process
  for one sentence at a time, keeping ``AHEAD`` sentences queued beyond the
  one being heard, so sentences and paragraphs follow with no added gap.
* Audio goes to :class:`~lismoi.qt.audio.AudioOutput`, one segment per
  sentence. Each segment carries its events (block, sentence and word
  starts) at frame offsets; a timer compares them with the frames the sink
  has consumed and emits them when they are *heard*.
* A change of rate or voice takes back the queued sentences the sink has not
  received yet and synthesises them again, so it is heard from the next
  sentence. Stop resets the sink (silence at once) and forgets the queue;
  results of older requests are recognised by a job number and dropped.

Faults: no audio device -> ``errorOccurred`` at play() and nothing starts
(exporting does not need a device). The worker restarts itself and retries a
request once when its process dies, so reading goes on from the same
sentence. A block whose sentence cannot be spoken is reported and skipped.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioDevice

from lismoi.core.article import Article
from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _
from lismoi.core.speech.sentences import split_sentences
from lismoi.core.speech.worker import SpeechWorker, Synthesis
from lismoi.core.voices import ResolvedVoice, profile_for, resolve
from lismoi.qt.audio import AudioOutput, Segment, no_device_message

AHEAD = 3  # sentences synthesised and queued beyond the one being heard
TICK_MS = 20  # how often heard events are checked
RATE_MIN, RATE_MAX = 0.5, 3.0
DEFAULT_PROFILE = "fr-FR-female"
CACHE_SIZE = 32  # recent syntheses kept, so "next sentence" and replays start at once

Item = tuple[int, int]  # (block index, sentence index in the block)


# ---------------------------------------------------------------- synthesis thread


@dataclass
class _Job:
    id: int
    kind: str  # "synth" | "warm"
    text: str = ""
    voice: tuple[str, str | None] = ("", None)  # (block language, the user's profile or None)
    rate: float = 1.0
    voices: tuple[tuple[str, str | None], ...] = ()


class _Bridge(QObject):
    """Carries results from the synthesis thread to the UI thread (queued signal)."""

    done = Signal(int, object)


class _Synthesizer:
    """One thread calling SpeechWorker.synthesize; holds at most one waiting job.

    A new job replaces a waiting one (the Player only wants the latest); a job
    already running finishes and its result is dropped by the Player if stale.
    """

    def __init__(self, worker: SpeechWorker, voices: _VoiceCache) -> None:
        self._worker = worker
        self._voices = voices
        self.bridge = _Bridge()
        self._cond = threading.Condition()
        self._job: _Job | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="lismoi-synth", daemon=True)
        self._thread.start()

    def submit(self, job: _Job) -> None:
        with self._cond:
            self._job = job
            self._cond.notify()

    def cancel(self) -> None:
        with self._cond:
            self._job = None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._job = None
            self._cond.notify()
        self._thread.join(timeout=15)

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._job is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                job, self._job = self._job, None
            result: Any
            try:
                if job.kind == "warm":
                    self._worker.start()
                    for lang, choice in job.voices:
                        self._voices.for_block(lang, choice)
                    result = None
                else:
                    voice = self._voices.for_block(*job.voice)
                    result = self._worker.synthesize(job.text, voice, rate=job.rate)
            except LismoiError as exc:
                result = exc
            except Exception as exc:  # noqa: BLE001 - reported to the user, never lost
                result = LismoiError(str(exc) or type(exc).__name__)
            with contextlib.suppress(RuntimeError):  # the bridge was deleted at exit
                self.bridge.done.emit(job.id, result)


class _VoiceCache:
    """Which installed voice reads a block, resolved once per (language, choice).

    Resolution asks the speech engine for its voice list the first time, so
    the Player does it in the synthesis thread (a warm-up job on set_article).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voices: dict[tuple[str, str | None], ResolvedVoice] = {}

    def for_block(self, lang: str, choice: str | None) -> ResolvedVoice:
        key = (lang.casefold(), choice)
        with self._lock:
            voice = self._voices.get(key)
            if voice is None:
                voice = self._voices[key] = self._resolve(lang, choice)
            return voice

    @staticmethod
    def _resolve(lang: str, choice: str | None) -> ResolvedVoice:
        candidates = [choice] if choice else []
        with contextlib.suppress(KeyError, ValueError):
            candidates.append(profile_for(lang))
        candidates.append(DEFAULT_PROFILE)
        error: Exception | None = None
        for profile_id in candidates:
            if not profile_id:
                continue
            try:
                return resolve(profile_id)
            except KeyError as exc:  # an unknown profile id: try the next candidate
                error = exc
        message = _("No voice can read this language ({lang}).").format(lang=lang)
        raise LismoiError(message) from error


# ---------------------------------------------------------------- the queue


@dataclass
class _Queued:
    """A sentence whose audio is in the AudioOutput, with its heard events."""

    item: Item
    segment: Segment
    events: deque[tuple[int, str, tuple[int, ...]]] = field(default_factory=deque)  # frame, kind


class Player(QObject):
    """Plays an Article sentence by sentence; signals follow what is heard."""

    stateChanged = Signal(str)
    blockStarted = Signal(int)
    sentenceStarted = Signal(int, int, int)
    wordStarted = Signal(int, int, int)
    positionChanged = Signal(int, int)
    finished = Signal()
    errorOccurred = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        worker: SpeechWorker | None = None,
        *,
        device: QAudioDevice | None = None,
    ) -> None:
        super().__init__(parent)
        self._own_worker = worker is None
        self._worker = worker or SpeechWorker()
        self._voices = _VoiceCache()
        self._synth = _Synthesizer(self._worker, self._voices)
        self._synth.bridge.done.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self._audio = AudioOutput(self, device)
        self._audio.errorOccurred.connect(self._on_audio_error)
        no_device_message()  # connects Qt to the sound server now, not at the first play()

        self._article: Article | None = None
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._choice: dict[str, str] = {}  # lang tag (case-folded) -> profile id
        self._rate = 1.0
        self._state = "stopped"
        self._step = False  # sentence by sentence: pause after each one
        self._step_paused = False  # the pause is that mode's, at a sentence's end
        self._cache: OrderedDict[tuple[Any, ...], Synthesis] = OrderedDict()

        # session
        self._mode = "all"
        self._last_block = -1
        self._tail: Item | None = None  # next sentence to append to the audio queue
        self._job_id = 0
        self._pending: int | None = None  # the job we wait for
        self._pending_key: tuple[Any, ...] = ()
        self._queued: deque[_Queued] = deque()
        self._heard: Item | None = None
        self._cursor: Item = (0, 0)
        self._last_enqueued_block = -1
        self._block_frame = 0  # timeline frame where the heard block started
        self._last_position: tuple[int, int] | None = None

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._on_tick)

    # ------------------------------------------------------------ properties

    @property
    def state(self) -> str:
        return self._state

    @property
    def current_block(self) -> int:
        return (self._heard or self._cursor)[0]

    @property
    def current_sentence(self) -> tuple[int, int] | None:
        item = self._heard
        if item is None:
            return None
        spans = self._spans(item[0])
        return spans[item[1]] if item[1] < len(spans) else None

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def sentence_by_sentence(self) -> bool:
        return self._step

    @property
    def paused_at_sentence_end(self) -> bool:
        """Paused by sentence-by-sentence mode (not by the listener)."""
        return self._state == "paused" and self._step_paused

    @property
    def volume(self) -> float:
        return self._audio.volume

    @property
    def worker(self) -> SpeechWorker:
        return self._worker

    @property
    def audio(self) -> AudioOutput:
        """The output (benchmarks and tests watch its signals)."""
        return self._audio

    # ------------------------------------------------------------ article and voices

    def set_article(self, article: Article) -> None:
        """Read ``article`` from now on (stops what is playing)."""
        self.stop()
        self._article = article
        self._sentences.clear()
        self._cache.clear()
        self._cursor = (0, 0)
        self._heard = None
        voices = tuple(dict.fromkeys(self._voice_key(i) for i in range(len(article.blocks))))
        # Warm up off the UI thread: start the engine, resolve the voices in use.
        self._synth.submit(_Job(self._next_job_id(), "warm", voices=voices))

    def set_voice(self, lang_tag: str, profile_id: str) -> None:
        """Read blocks in ``lang_tag`` ("fr-CA", or "fr" for all French) with ``profile_id``."""
        self._choice[lang_tag.casefold()] = profile_id
        self._settings_changed()

    def voice_for_block(self, index: int) -> ResolvedVoice:
        """The installed voice that reads block ``index``.

        The first call for a language may ask the engine for its voices (a
        fraction of a second); after set_article's warm-up it is immediate.
        """
        return self._voices.for_block(*self._voice_key(index))

    def _block_lang(self, index: int) -> str:
        article = self._article
        if article is None or not 0 <= index < len(article.blocks):
            return "fr-FR"
        block = article.blocks[index]
        return block.lang or block.lang_hint or article.locale or "fr-FR"

    def _voice_key(self, index: int) -> tuple[str, str | None]:
        """(block language, the profile the user chose for it or None = automatic)."""
        tag = self._block_lang(index)
        # A choice for "fr" covers "fr-FR" and "fr-CA"; one for "fr-CA" wins over it.
        for key in (tag.casefold(), tag.split("-")[0].casefold()):
            if key in self._choice:
                return tag, self._choice[key]
        return tag, None

    # ------------------------------------------------------------ sentences

    def _spans(self, block: int) -> list[tuple[int, int]]:
        spans = self._sentences.get(block)
        if spans is None:
            article = self._article
            text = article.blocks[block].text if article else ""
            if not text.strip():
                spans = []
            else:
                spans = [
                    (s, e)
                    for s, e in split_sentences(text, self._block_lang(block))
                    if text[s:e].strip()
                ] or [(0, len(text))]
            self._sentences[block] = spans
        return spans

    def _block_count(self) -> int:
        return len(self._article.blocks) if self._article else 0

    def _first_item(self, block: int, last: int | None = None) -> Item | None:
        last = self._block_count() - 1 if last is None else last
        for b in range(max(block, 0), last + 1):
            if self._spans(b):
                return (b, 0)
        return None

    def _next_item(self, item: Item) -> Item | None:
        """The sentence after ``item`` in this session (in the article when stopped)."""
        b, i = item
        if i + 1 < len(self._spans(b)):
            return (b, i + 1)
        last = self._last_block if self._state != "stopped" else None
        return self._first_item(b + 1, last)

    def _previous_item(self, item: Item) -> Item | None:
        b, i = item
        if i > 0:
            return (b, i - 1)
        for pb in range(b - 1, -1, -1):
            spans = self._spans(pb)
            if spans:
                return (pb, len(spans) - 1)
        return None

    # ------------------------------------------------------------ transport

    def play_block(self, index: int) -> None:
        """Read block ``index`` and stop."""
        self._start(index, "block")

    def play_all(self, from_block: int = 0, from_char: int = 0) -> None:
        """Read from block ``from_block`` to the end of the article.

        ``from_char`` (a text offset in that block, as ``sentenceStarted``
        gives) starts at the sentence holding it: resuming where the listener
        stopped, not at the top of a long paragraph.
        """
        item = None
        if from_char > 0 and 0 <= from_block < self._block_count() and self._spans(from_block):
            item = (from_block, self.sentence_at(from_block, from_char))
        self._start(from_block, "all", item=item)

    def sentence_at(self, block: int, char: int) -> int:
        """The index of the sentence of ``block`` that holds text offset ``char``."""
        starts = [i for i, (s, _e) in enumerate(self._spans(block)) if s <= char]
        return starts[-1] if starts else 0

    def _start(self, block: int, mode: str, *, item: Item | None = None, paused: bool = False):
        if self._article is None or not 0 <= block < self._block_count():
            return
        message = no_device_message()
        if message is not None:
            self.stop()
            self.errorOccurred.emit(message)
            return
        self._reset_session()
        self._mode = mode
        self._last_block = block if mode == "block" else self._block_count() - 1
        self._tail = item or self._first_item(block, self._last_block)
        self._cursor = self._tail or (block, 0)
        if self._tail is None:  # nothing to say in these blocks
            self._finish()
            return
        self._set_state("paused" if paused else "playing")
        if not paused:
            self._tick.start()
        self._pump()

    def pause(self) -> None:
        if self._state != "playing":
            return
        self._audio.pause()
        self._tick.stop()
        self._set_state("paused")

    def resume(self) -> None:
        if self._state != "paused":
            return
        self._audio.resume()
        self._set_state("playing")
        self._tick.start()
        self._pump()

    def toggle_pause(self) -> None:
        if self._state == "playing":
            self.pause()
        elif self._state == "paused":
            self.resume()

    def stop(self) -> None:
        """Silence at once and forget the queue."""
        self._reset_session()
        self._set_state("stopped")

    def _reset_session(self) -> None:
        self._tick.stop()
        self._audio.close()  # QAudioSink.reset(): silence now
        self._synth.cancel()
        self._pending = None
        self._job_id += 1  # results of older jobs are dropped
        self._queued.clear()
        self._tail = None
        if self._heard is not None:
            self._cursor = self._heard
        self._heard = None
        self._last_enqueued_block = -1
        self._last_position = None

    def _jump(self, target: Item | None) -> None:
        if target is None:
            return
        if self._state == "stopped":
            self._cursor = target
            return
        self._start(target[0], self._mode, item=target, paused=self._state == "paused")

    def _where(self) -> Item:
        return self._heard or self._cursor

    def next_sentence(self) -> None:
        if self._state != "stopped" and self._mode == "block":
            self._last_block = self._where()[0]
        self._jump(self._next_item(self._where()))

    def previous_sentence(self) -> None:
        self._jump(self._previous_item(self._where()))

    def replay_sentence(self) -> None:
        """Hear the sentence being read (or the last one heard) again, now, from its start.

        Unlike the other jumps it plays even from a pause: repeating is what a
        learner paused for.
        """
        if self._article is None:
            return
        target = self._where()
        if not 0 <= target[0] < self._block_count() or target[1] >= len(self._spans(target[0])):
            return
        self._start(target[0], self._mode if self._state != "stopped" else "all", item=target)

    def set_sentence_by_sentence(self, on: bool) -> None:
        """Pause after each sentence (a language learner repeats it, then Space goes on).

        Only the sentence being heard is given to the sink, so the pause falls
        exactly at its end; the next one, synthesised in milliseconds, starts
        at resume. Turned on while reading, it takes back what was queued
        beyond the sink's buffer, and pauses at the end of what is in it.
        """
        on = bool(on)
        if on != self._step:
            self._step = on
            self._settings_changed()

    def next_block(self) -> None:
        target = self._first_item(self._where()[0] + 1)
        if target is not None and self._mode == "block":
            self._last_block = target[0]
        self._jump(target)

    def previous_block(self) -> None:
        b = self._where()[0]
        target = None
        for pb in range(b - 1, -1, -1):
            if self._spans(pb):
                target = (pb, 0)
                break
        if target is not None and self._mode == "block":
            self._last_block = target[0]
        self._jump(target)

    def set_rate(self, rate: float) -> None:
        """Words-per-minute multiple (0.5..3.0), heard from the next sentence."""
        rate = min(max(float(rate), RATE_MIN), RATE_MAX)
        if rate != self._rate:
            self._rate = rate
            self._settings_changed()

    def set_volume(self, volume: float) -> None:
        """0..1, heard at once."""
        self._audio.set_volume(volume)

    def close(self) -> None:
        """Stop, end the synthesis thread and the worker process if we started it."""
        self.stop()
        self._synth.close()
        if self._own_worker:
            self._worker.close()

    # ------------------------------------------------------------ the pipeline

    def _next_job_id(self) -> int:
        self._job_id += 1
        return self._job_id

    def _synth_key(self, item: Item) -> tuple[Item, tuple[str, str | None], float]:
        return (item, self._voice_key(item[0]), self._rate)

    def _pump(self) -> None:
        """Queue the next sentences while fewer than AHEAD are waiting to be heard."""
        while (
            self._state != "stopped"
            and self._pending is None
            and self._tail is not None
            and len(self._queued) <= (0 if self._step else AHEAD)
        ):
            item = self._tail
            cached = self._cache.get(self._synth_key(item))
            if cached is not None:
                self._append(item, cached)
                continue
            b, i = item
            s, e = self._spans(b)[i]
            assert self._article is not None
            job = _Job(
                self._next_job_id(),
                "synth",
                text=self._article.blocks[b].text[s:e],
                voice=self._voice_key(b),
                rate=self._rate,
            )
            self._pending = job.id
            self._pending_key = self._synth_key(item)
            self._synth.submit(job)

    @Slot(int, object)
    def _on_result(self, job_id: int, result: object) -> None:
        if job_id != self._pending or self._tail is None:
            return  # stale: stopped, jumped or settings changed since
        self._pending = None
        item = self._tail
        if isinstance(result, Synthesis):
            self._cache[self._pending_key] = result
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            self._append(item, result)
        else:
            self._skip_block(item, result)
        self._pump()

    def _skip_block(self, item: Item, error: object) -> None:
        block = item[0]
        self.errorOccurred.emit(
            _("Paragraph {number} could not be spoken and was skipped: {error}").format(
                number=block + 1, error=error
            )
        )
        self._tail = self._first_item(block + 1, self._last_block)
        if self._tail is None and not self._queued and self._audio.drained():
            self._finish()

    def _append(self, item: Item, synthesis: Synthesis) -> None:
        audio = self._audio
        if not audio.is_open:
            if not audio.open(synthesis.sample_rate):
                self._reset_session()
                self._set_state("stopped")
                return
            if self._state == "paused":
                audio.pause()
        segment = audio.enqueue(synthesis.pcm, synthesis.sample_rate, item)
        b, i = item
        s, e = self._spans(b)[i]
        queued = _Queued(item, segment)
        if b != self._last_enqueued_block:
            queued.events.append((segment.start, "block", (b,)))
            self._last_enqueued_block = b
        queued.events.append((segment.start, "sentence", (b, s, e)))
        for word in synthesis.words:
            frame = segment.start + min(audio.ms_to_frames(word.audio_ms), segment.frames)
            queued.events.append((frame, "word", (b, s + word.start, s + word.end)))
        self._queued.append(queued)
        self._tail = self._next_item(item)

    def _settings_changed(self) -> None:
        """Rate or voice changed: take back the sentences not yet given to the sink."""
        if self._state == "stopped":
            return
        taken = self._audio.take_back_unwritten() if self._audio.is_open else []
        if taken:
            cut = taken[0].start
            while self._queued and self._queued[-1].segment.start >= cut:
                removed = self._queued.pop()
                self._tail = removed.item
        if self._pending is not None:
            self._synth.cancel()
            self._pending = None
            self._job_id += 1
        previous = self._previous_item(self._tail) if self._tail else None
        self._last_enqueued_block = (
            self._queued[-1].item[0] if self._queued else previous[0] if previous else -1
        )
        self._pump()

    # ------------------------------------------------------------ what is heard

    def _on_tick(self) -> None:
        if self._state != "playing" or not self._audio.is_open:
            return
        played = self._audio.played_frames()
        while self._queued:
            head = self._queued[0]
            while head.events and head.events[0][0] <= played:
                frame, kind, args = head.events.popleft()
                self._emit_event(head.item, kind, args, frame)
            if head.segment.end <= played and not head.events and len(self._queued) > 1:
                self._queued.popleft()  # heard to the end, and the next one has begun
                continue
            break
        if self._heard is not None:
            ms = int(self._audio.frames_to_ms(max(played - self._block_frame, 0)))
            position = (self._heard[0], ms)
            if position != self._last_position:
                self._last_position = position
                self.positionChanged.emit(*position)
        if self._queued and self._queued[-1].segment.end <= played and not self._queued[-1].events:
            if self._tail is None and self._pending is None:
                self._finish()
                return
            if len(self._queued) == 1:
                self._queued.popleft()
            if self._step and self._tail is not None:
                self._step_paused = True
                self.pause()  # the sentence is over: wait for Space (resume) or a replay
                return
        self._pump()

    def _emit_event(self, item: Item, kind: str, args: tuple[int, ...], frame: int) -> None:
        if kind == "block":
            self._block_frame = frame
            self.blockStarted.emit(args[0])
        elif kind == "sentence":
            self._heard = self._cursor = item
            self.sentenceStarted.emit(*args)
        else:
            self.wordStarted.emit(*args)

    def _finish(self) -> None:
        mode = self._mode
        self._reset_session()
        self._set_state("stopped")
        if mode == "all":
            self.finished.emit()

    def _on_audio_error(self, message: str) -> None:
        # The output failed (no device, the sound server went away): nothing more can
        # be heard, so stop rather than wait for audio that will never play.
        if self._state != "stopped":
            self.stop()
        self.errorOccurred.emit(message)

    def _set_state(self, state: str) -> None:
        if state != "paused":
            self._step_paused = False
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)
