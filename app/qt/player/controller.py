"""The Player: reads an Article aloud and says, through signals, what is being heard.

The window only talks to this QObject (no widgets here). How its parts fit
(the reading policy, the synthesis thread, the clause cut and the prefetch,
the timeline of what is heard, rate changes, faults): docs/architecture.md,
"The Player, step by step".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioDevice

from lismoi.core.article import Article
from lismoi.core.i18n import _
from lismoi.core.reading import Cursor, Position, Reading, VoiceChoices
from lismoi.core.reading.clauses import first_cut
from lismoi.core.speech.pool import SpeechPool, default_pool
from lismoi.core.speech.worker import RATE_MAX, RATE_MIN, SpeechWorker, Synthesis
from lismoi.core.voices import ResolvedVoice
from lismoi.qt.audio import AudioOutput, no_device_message
from lismoi.qt.player.cache import PieceCache, Prefetch, SynthKey
from lismoi.qt.player.state import PlaybackState
from lismoi.qt.player.synthesis import EngineWorkers, SynthesisService
from lismoi.qt.player.timeline import Event, Kind, Timeline

AHEAD = 3  # sentences synthesised and queued beyond the one being heard
TICK_MS = 20  # how often heard events are checked


class Player(QObject):
    """Plays an Article sentence by sentence; signals follow what is heard."""

    stateChanged = Signal(str)  # a PlaybackState's value
    blockStarted = Signal(int)  # block
    sentenceStarted = Signal(int, int, int)  # block, start, end (text offsets)
    wordStarted = Signal(int, int, int)  # block, start, end
    positionChanged = Signal(int, int)  # block, ms heard in it
    finished = Signal()  # play_all reached the end
    errorOccurred = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        worker: SpeechWorker | None = None,
        *,
        pool: SpeechPool | None = None,
        device: QAudioDevice | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool or default_pool()  # shared with the voice list: one Piper model
        self._workers = EngineWorkers(self._pool, worker)
        self._choices = VoiceChoices()  # the listener's voices, kept from article to article
        self._synth = SynthesisService(self._workers, self._choices, self)
        queued = Qt.ConnectionType.QueuedConnection  # the service emits from its thread
        self._synth.synthesized.connect(self._on_synthesized, queued)
        self._synth.failed.connect(self._on_failed, queued)
        self._synth.warmed.connect(self._try_prefetch, queued)
        self._prefetch = Prefetch(self._synth)  # the first piece at the caret, made ahead
        self._audio = AudioOutput(self, device)
        self._audio.errorOccurred.connect(self._on_audio_error)
        no_device_message()  # connects Qt to the sound server now, not at the first play()

        self._reading = Reading(None, self._choices)
        self._cursor = Cursor(self._reading)
        self._rate = 1.0
        self._state = PlaybackState.STOPPED
        self._step = False  # sentence by sentence: pause after each one
        self._step_paused = False  # the pause is that mode's, at a sentence's end
        self._cache = PieceCache()
        # the session
        self._tail: Position | None = None  # next sentence to give to the sink
        self._tail_from = 0  # ...from this character of it (> 0: the rest after a cut)
        self.clause_split = True  # cut a slow voice's first sentence (the bench turns it off)
        self._pending: int | None = None  # the request we wait for
        self._pending_key: SynthKey | None = None
        self._timeline = Timeline()
        self._session = 0  # counts resets: events of an older session are not announced
        self._heard: Position | None = None
        self._given: Position | None = None  # the last whole sentence given to the sink
        self._growing = False  # more blocks are coming (a book still loading)
        self._block_frame = 0  # timeline frame where the heard block started
        self._last_position: tuple[int, int] | None = None

        self._tick = QTimer(self, interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._on_tick)

    # ------------------------------------------------------------ properties

    @property
    def state(self) -> PlaybackState:
        return self._state

    @property
    def reading(self) -> Reading:
        """The article as read: languages, voices and sentence spans of its blocks."""
        return self._reading

    @property
    def current_block(self) -> int:
        return self._cursor.position.block

    @property
    def current_sentence(self) -> tuple[int, int] | None:
        """The span of the sentence heard last in this session (None before the first)."""
        return self._reading.span(self._heard) if self._heard is not None else None

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def sentence_by_sentence(self) -> bool:
        return self._step

    @property
    def paused_at_sentence_end(self) -> bool:
        """Paused by sentence-by-sentence mode (not by the listener)."""
        return self._state is PlaybackState.PAUSED and self._step_paused

    @property
    def volume(self) -> float:
        return self._audio.volume

    @property
    def worker(self) -> SpeechWorker:  # the platform engine's (espeak-ng's on Linux)
        return self._workers.platform

    def synthesis_speed(self, engine: str) -> float | None:
        """ms of synthesis per character measured for ``engine`` (None: not yet; warm-up does)."""
        return self._synth.ms_per_char(engine)

    @property
    def audio(self) -> AudioOutput:
        """The output (benchmarks and tests watch its signals)."""
        return self._audio

    # ------------------------------------------------------------ article and voices

    def set_article(self, article: Article) -> None:
        """Read ``article`` from now on (stops what is playing)."""
        self.stop()
        self._reading = Reading(article, self._choices)
        self._cursor = Cursor(self._reading)
        self._cache.clear()
        self._prefetch.forget()
        self._heard = None
        self._growing = False
        # Warm up off the UI thread: start the engine, resolve the voices in use.
        self._synth.warm_up(self._reading.voice_keys())

    def set_growing(self, growing: bool) -> None:
        """A book still loading: at the end of its blocks, wait for more (grew())."""
        self._growing = growing
        if not growing and self._state is PlaybackState.PLAYING and self._tail is None:
            self._on_tick()  # waiting at the end: finish now

    def grew(self, start: int) -> None:
        """Blocks from ``start`` were added to the article: read on into them."""
        if self._pending is None:  # the service's one waiting slot: never over a sentence
            keys = (self._reading.voice_key(b) for b in range(start, self._reading.block_count))
            self._synth.warm_up(tuple(dict.fromkeys(keys)))
        if self._state is not PlaybackState.STOPPED and self._tail is None and self._given:
            self._tail, self._tail_from = self._cursor.after(self._given), 0  # one block: None
            self._pump()

    def set_voice(self, lang_tag: str, profile_id: str) -> None:
        """Read blocks in ``lang_tag`` ("fr-CA", or "fr" for all French) with ``profile_id``."""
        self._choices.choose(lang_tag, profile_id)
        self._settings_changed()

    def voices_changed(self) -> None:
        """The installed voices changed: resolve again, heard from the next sentence."""
        self._choices.forget_resolved()
        self._cache.clear()
        self._prefetch.forget()
        self._settings_changed()

    def voice_for_block(self, index: int) -> ResolvedVoice:
        """The voice that reads block ``index`` (asks the engines once, before the warm-up)."""
        return self._reading.voice(index)

    def sentence_at(self, block: int, char: int) -> int:
        """The index of the sentence of ``block`` that holds text offset ``char``."""
        return self._reading.sentence_at(block, char)

    # ------------------------------------------------------------ transport

    def prefetch(self, block: int, char: int = 0) -> None:
        """While stopped, make the first sound Play would give from (block, char) now
        (the focused caret's; a slow voice only, after the warm-up timed it)."""
        self._prefetch.target = (block, char)
        self._try_prefetch()

    def _try_prefetch(self) -> None:
        if self._state is PlaybackState.STOPPED and self._reading.article is not None:
            self._prefetch.plan(self._reading, self._first_cut, self._synth_key, self._cache,
                                self._rate)

    def play_block(self, index: int) -> None:
        """Read block ``index`` and stop."""
        self._start(index, one_block=True)

    def play_all(self, from_block: int = 0, from_char: int = 0) -> None:
        """Read from block ``from_block`` to the end; ``from_char`` (a text offset,
        as ``sentenceStarted`` gives) starts at the sentence holding it."""
        self._start(from_block, one_block=False, at=self._reading.holding(from_block, from_char))

    def pause(self) -> None:
        if self._state is not PlaybackState.PLAYING:
            return
        self._audio.pause()
        self._tick.stop()
        self._set_state(PlaybackState.PAUSED)

    def resume(self) -> None:
        if self._state is not PlaybackState.PAUSED:
            return
        self._audio.resume()
        self._set_state(PlaybackState.PLAYING)
        self._tick.start()
        self._pump()

    def toggle_pause(self) -> None:
        if self._state is PlaybackState.PLAYING:
            self.pause()
        elif self._state is PlaybackState.PAUSED:
            self.resume()

    def stop(self) -> None:
        """Silence at once and forget the queue."""
        self._reset_session()
        self._set_state(PlaybackState.STOPPED)

    def next_sentence(self) -> None:
        self._jump(self._cursor.next_sentence())

    def previous_sentence(self) -> None:
        self._jump(self._cursor.previous_sentence())

    def next_block(self) -> None:
        self._jump(self._cursor.next_block())

    def previous_block(self) -> None:
        self._jump(self._cursor.previous_block())

    def replay_sentence(self) -> None:
        """Hear the sentence being read again, now, from its start (even from a pause)."""
        target = self._cursor.position
        if self._reading.span(target) is None:
            return
        stopped = self._state is PlaybackState.STOPPED
        self._start(target.block, one_block=not stopped and self._cursor.one_block, at=target)

    def set_sentence_by_sentence(self, on: bool) -> None:
        """Pause after each sentence (a learner repeats it, then Space goes on)."""
        on = bool(on)
        if on != self._step:
            self._step = on
            self._settings_changed()

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
        """Stop and end the synthesis thread (speech processes are the pool's or the caller's)."""
        self.stop()
        self._synth.close()

    # ------------------------------------------------------------ sessions

    def _start(
        self, block: int, *, one_block: bool, at: Position | None = None, paused: bool = False
    ) -> None:
        if self._reading.article is None or not 0 <= block < self._reading.block_count:
            return
        message = no_device_message()
        if message is not None:
            self.stop()
            self.errorOccurred.emit(message)
            return
        self._reset_session()
        self._tail = self._cursor.start(block, one_block=one_block, at=at)
        if self._tail is None:  # nothing to say in these blocks
            self._finish()
            return
        self._set_state(PlaybackState.PAUSED if paused else PlaybackState.PLAYING)
        if not paused:
            self._tick.start()
        self._pump()

    def _reset_session(self) -> None:
        self._session += 1
        self._tick.stop()
        self._audio.close()  # QAudioSink.reset(): silence now
        self._synth.cancel()
        self._pending = None  # so the result of any request still running is dropped
        self._timeline.clear()
        self._tail = None
        self._tail_from = 0
        self._heard = None
        self._given = None
        self._last_position = None

    def _jump(self, target: Position | None) -> None:
        if target is None:
            return
        if self._state is PlaybackState.STOPPED:
            self._cursor.position = target
            return
        paused = self._state is PlaybackState.PAUSED
        self._start(target.block, one_block=self._cursor.one_block, at=target, paused=paused)

    def _finish(self) -> None:
        one_block = self._cursor.one_block
        self._reset_session()
        self._set_state(PlaybackState.STOPPED)
        if not one_block:
            self.finished.emit()

    def _set_state(self, state: PlaybackState) -> None:
        if state is not PlaybackState.PAUSED:
            self._step_paused = False
        if state is PlaybackState.STOPPED:
            self._cursor.end_session()  # moves when stopped range over the whole article
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state.value)

    # ------------------------------------------------------------ the pipeline

    def _synth_key(self, item: Position, start: int = 0, end: int | None = None) -> SynthKey:
        return (item, start, end, self._reading.voice_key(item.block), self._rate)

    def _first_cut(self, item: Position) -> int | None:
        """Where to cut sentence ``item`` so its first sound comes sooner (None: whole)."""
        voice = self._choices.peek(self._reading.voice_key(item.block))
        if voice is None or not self.clause_split:
            return None  # not resolved yet: no speed to go by
        return first_cut(self._reading.text(item), self._synth.ms_per_char(voice.engine))

    def _pump(self) -> None:
        """Queue the next sentences while fewer than AHEAD are waiting to be heard."""
        while (
            self._state is not PlaybackState.STOPPED
            and self._pending is None
            and self._tail is not None
            # The rest of a cut sentence always follows at once: it is the sentence.
            and (len(self._timeline) <= (0 if self._step else AHEAD) or self._tail_from > 0)
        ):
            item, start, end = self._tail, self._tail_from, None
            if start == 0 and not len(self._timeline) and self._synth_key(item) not in self._cache:
                end = self._first_cut(item)  # nothing plays meanwhile: the listener waits
            key = self._synth_key(item, start, end)
            cached = self._cache.get(key)
            if cached is not None:
                self._append(item, cached, start, end)
                continue
            self._pending_key = key
            prefetched = self._prefetch.in_flight_for(key)
            if prefetched is not None:
                self._pending = prefetched  # being made already: wait for it
                continue
            self._prefetch.forget()  # another start: it would only delay this one
            text = self._reading.text(item)[start:end]
            self._pending = self._synth.synthesize(text, key[3], self._rate)

    @Slot(int, Synthesis)
    def _on_synthesized(self, request: int, synthesis: Synthesis) -> None:
        prefetched = self._prefetch.done(request)
        if prefetched is not None:
            self._cache.store(prefetched, synthesis)  # Play there starts from the cache
        if request != self._pending or self._tail is None or self._pending_key is None:
            return  # stale: stopped, jumped or settings changed since
        self._pending = None
        key = self._pending_key
        self._cache.store(key, synthesis)
        self._append(self._tail, synthesis, key[1], key[2])
        self._pump()

    @Slot(int, str)
    def _on_failed(self, request: int, message: str) -> None:
        self._prefetch.done(request)  # a failed prefetch: Play asks again, and says it
        if request != self._pending or self._tail is None:
            return
        self._pending = None
        self._skip_block(self._tail, message)
        self._pump()

    def _skip_block(self, item: Position, error: str) -> None:
        block = item.block
        self.errorOccurred.emit(
            _("Paragraph {number} could not be spoken and was skipped: {error}").format(
                number=block + 1, error=error
            )
        )
        self._tail = self._cursor.first(block + 1)
        self._tail_from = 0
        self._given = Position(block, max(len(self._reading.spans(block)) - 1, 0))  # for grew()
        if self._tail is None and not len(self._timeline) and self._audio.drained() \
                and not self._growing:
            self._finish()

    def _append(
        self, item: Position, synthesis: Synthesis, start: int = 0, end: int | None = None
    ) -> None:
        """Give the sink sentence ``item``'s piece [start, end) (end None: to its end)."""
        audio = self._audio
        if not audio.is_open:
            if not audio.open(synthesis.sample_rate):
                self._reset_session()
                self._set_state(PlaybackState.STOPPED)
                return
            if self._state is PlaybackState.PAUSED:
                audio.pause()
        segment = audio.enqueue(synthesis.pcm, synthesis.sample_rate, item)
        span = self._reading.span(item)
        assert span is not None  # _tail only ever holds a sentence of the article
        self._timeline.add(item, segment, span, synthesis.words, audio.ms_to_frames,
                           offset=start)
        if end is None:
            self._given = item
            self._tail, self._tail_from = self._cursor.after(item), 0
        else:
            self._tail_from = end

    def _settings_changed(self) -> None:
        """Rate or voice changed: take back the sentences not yet given to the sink."""
        if self._state is PlaybackState.STOPPED:
            self._try_prefetch()  # in the new voice or rate
            return
        taken = self._audio.take_back_unwritten() if self._audio.is_open else []
        if taken:
            first = self._timeline.take_back(taken[0].start)
            if first is not None:
                self._tail, self._tail_from = first
        if self._pending is not None:
            self._synth.cancel()
            self._pending = None
        # A "block" event marks the next sentence if it opens a block the sink has not had.
        last = self._timeline.last_item
        if last is None and self._tail is not None:
            last = self._cursor.before(self._tail)
        self._timeline.last_block = last.block if last is not None else -1
        self._pump()

    # ------------------------------------------------------------ what is heard

    def _on_tick(self) -> None:
        if self._state is not PlaybackState.PLAYING or not self._audio.is_open:
            return
        played = self._audio.played_frames()
        session = self._session
        for event in self._timeline.due(played):
            self._emit(event)
            if self._session != session or self._state is not PlaybackState.PLAYING:
                return  # a listener's slot stopped, paused or jumped: the rest is stale
        if self._heard is not None:
            ms = int(self._audio.frames_to_ms(max(played - self._block_frame, 0)))
            position = (self._heard.block, ms)
            if position != self._last_position:
                self._last_position = position
                self.positionChanged.emit(*position)
        if self._timeline.all_heard(played):
            if self._tail is None and self._pending is None:
                if not (self._growing and not self._cursor.one_block):
                    self._finish()
                return  # else at the end of what is loaded: grew() goes on
            self._timeline.drop_heard_last()
            if self._step and self._tail is not None and self._tail_from == 0:
                self._step_paused = True
                self.pause()  # the sentence is over: wait for Space (resume) or a replay
                return
        self._pump()

    def _emit(self, event: Event) -> None:
        if event.kind is Kind.BLOCK:
            self._block_frame = event.frame
            self.blockStarted.emit(*event.args)
        elif event.kind is Kind.SENTENCE:
            self._heard = self._cursor.position = event.item
            self.sentenceStarted.emit(*event.args)
        else:
            self.wordStarted.emit(*event.args)

    def _on_audio_error(self, message: str) -> None:
        # The output failed (no device, the sound server went away): nothing more can
        # be heard, so stop rather than wait for audio that will never play.
        if self._state is not PlaybackState.STOPPED:
            self.stop()
        self.errorOccurred.emit(message)
