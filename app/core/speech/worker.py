"""SpeechWorker: the speech engine in its own process, started once, reused, restarted.

The engine (espeak-ng through pyttsx3 by default; see engines/) can hang or
crash on odd input and espeak-ng can be initialised only once per process, so
it runs in a child process (``python -m lismoi.core.speech.server``: a fresh
interpreter, no inherited Qt or threads, and unlike multiprocessing's 'spawn'
it never re-imports the caller's __main__ script) and talks over the child's
stdin/stdout (see protocol.py). A request that gets no answer within its
timeout, or whose process died, kills the process, starts a fresh one and is
tried once more; a second failure raises SpeechError.

``synthesize`` prepares the text for listening (abbreviations, numbers,
markup; see normalize.py), sends the prepared text, and maps the engine's word
events back to offsets in the text the caller passed in.

A voice with an ``accent`` ("fr-CA") on an engine that takes phonemes goes
through the phoneme stage instead: the prepared text is phonemised by the
engine (each word with its place in the text), the accent rewrites each
word's phonemes, and the engine speaks the new phonemes; word events name
word indexes, mapped back to the caller's text the same way. When the engine
cannot phonemise a sentence with confidence (or has no such accent), the
sentence is spoken as text: the listener hears it unaccented, never wrong.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable
from typing import IO, Any, Protocol

from lismoi.core.errors import SpeechError
from lismoi.core.i18n import _
from lismoi.core.speech.engines.base import EngineVoices, InstalledVoice
from lismoi.core.speech.normalize import prepare
from lismoi.core.speech.phonemes import Accent, PhonemeWord
from lismoi.core.speech.protocol import read_frame, write_frame
from lismoi.core.speech.timings import (  # noqa: F401 - Synthesis, WordTiming: the API
    Synthesis,
    WordTiming,
    clause_breaks,
    text_timings,
    word_spans,
)

log = logging.getLogger(__name__)


class SpeakingVoice(Protocol):
    """What synthesis needs of a voice (a resolved profile is one).

    A protocol, not :class:`lismoi.core.voices.ResolvedVoice`: voices sit above
    speech in the layers (they ask the engine for its voice list).

    Optional: ``accent`` (``str | None``), the name of the accent whose rules
    rewrite the phonemes ("fr-CA"), read with ``getattr(voice, "accent",
    None)`` so a voice without it speaks as before.
    """

    @property
    def voice_id(self) -> str: ...
    @property
    def variant(self) -> str | None: ...
    @property
    def lang(self) -> str: ...
    @property
    def rate_wpm(self) -> int: ...
    @property
    def pitch(self) -> int: ...


RATE_MIN, RATE_MAX = 0.5, 3.0
START_TIMEOUT = 30.0  # a cold start imports pyttsx3 and loads espeak-ng's data


class SpeechWorker:
    """One engine process; thread-safe, one request at a time.

    ``engine_name`` picks the engine by its registry name (see engines/);
    None is this platform's. An unknown name fails at start with SpeechError.
    ``accents`` finds an accent by name, raising KeyError for an unknown one
    (default: :func:`lismoi.core.speech.accents.get_accent`).
    """

    def __init__(
        self,
        engine_name: str | None = None,
        *,
        accents: Callable[[str], Accent] | None = None,
    ) -> None:
        self.engine_name = engine_name
        self._find_accent = accents or _default_accent
        self._accents: dict[str, Accent | None] = {}
        self._takes_phonemes = False
        self._lock = threading.RLock()
        self._process: subprocess.Popen[bytes] | None = None
        self._replies: queue.SimpleQueue[Any] | None = None
        self._engine = ""
        self._loaded: set[tuple[int | None, str]] = set()  # (process, voice) loaded there
        self._sample_rate = 0
        self._pid: int | None = None
        self.restarts = 0  # how many times a dead or hung process was replaced
        # Set while a request is with the process (tests kill it at that moment).
        self.in_flight = threading.Event()

    # ------------------------------------------------------------ lifecycle

    @property
    def pid(self) -> int | None:
        return self._pid

    @property
    def engine(self) -> str:
        self.start()
        return self._engine

    @property
    def sample_rate(self) -> int:
        self.start()
        return self._sample_rate

    @property
    def takes_phonemes(self) -> bool:
        """True if the engine can phonemise and speak phonemes (accents apply)."""
        self.start()
        return self._takes_phonemes

    def start(self) -> None:
        """Start the process and load the engine (no-op if it is running)."""
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                return
            if self._process is not None:
                # It died between requests (killed, crashed): replaced here
                # before anyone asked, but replaced all the same.
                self.restarts += 1
            self._spawn()

    def is_running(self) -> bool:
        """True if the process is up (no start, no request)."""
        process = self._process
        return process is not None and process.poll() is None

    def _spawn(self) -> None:
        self._kill()
        # The child imports `lismoi` as this process did (installed, or
        # editable: the name maps onto app/ only through the installed finder).
        env = dict(os.environ)
        env.setdefault("PYTHONIOENCODING", "utf-8")
        debug = bool(os.environ.get("LISMOI_DEBUG"))
        command = [sys.executable, "-m", "lismoi.core.speech.server"]
        if self.engine_name:
            command += ["--engine", self.engine_name]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # espeak-ng chatters on stderr (e.g. about absent MBROLA voices).
            stderr=None if debug else subprocess.DEVNULL,
            env=env,
            bufsize=0,
        )
        replies: queue.SimpleQueue[Any] = queue.SimpleQueue()
        reader = threading.Thread(
            target=_read_replies,
            args=(process.stdout, replies),
            name="lismoi-speech-reader",
            daemon=True,
        )
        reader.start()
        self._process, self._replies = process, replies
        try:
            reply = self._receive(START_TIMEOUT)
        except SpeechError:
            self._kill()
            raise
        if reply[0] != "ready":
            self._kill()
            message = _("The speech engine could not start: {error}")
            raise SpeechError(message.format(error=reply[1]))
        self._engine, self._sample_rate, self._pid = reply[1], reply[2], reply[3]
        self._takes_phonemes = bool(reply[4]) if len(reply) > 4 else False
        _running.add(self)

    def _kill(self) -> None:
        process = self._process
        self._process = self._replies = None
        self._pid = None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()

    def close(self) -> None:
        """Stop the process (it is started again on the next request)."""
        with self._lock:
            process = self._process
            if process is not None and process.poll() is None and process.stdin is not None:
                with contextlib.suppress(OSError):
                    write_frame(process.stdin, ("quit",))
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=2)
            self._kill()

    def __enter__(self) -> SpeechWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ protocol

    def _receive(self, timeout: float) -> tuple[Any, ...]:
        replies = self._replies
        assert replies is not None
        try:
            reply = replies.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            raise SpeechError(
                _("The speech engine did not answer within {seconds:g} s.").format(seconds=timeout)
            ) from None
        if reply is None:  # the reader saw the end of the pipe: the process died
            raise SpeechError(_("The speech engine stopped unexpectedly."))
        return reply

    def _request(self, request: tuple[Any, ...], timeout: float) -> tuple[Any, ...]:
        """Send one request; on a dead or hung process restart it and retry once."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    self.start()
                    assert self._process is not None and self._process.stdin is not None
                    try:
                        write_frame(self._process.stdin, request)
                    except OSError as exc:
                        raise SpeechError(_("The speech engine stopped unexpectedly.")) from exc
                    self.in_flight.set()
                    try:
                        reply = self._receive(timeout)
                    finally:
                        self.in_flight.clear()
                except SpeechError:
                    self._kill()
                    self.restarts += 1
                    if attempt == 2:
                        raise
                    continue
                if reply[0] == "error":
                    raise SpeechError(_("The speech engine failed: {error}").format(error=reply[1]))
                return reply
        raise AssertionError("unreachable")

    # ------------------------------------------------------------ requests

    def installed_voices(self) -> EngineVoices:
        """The engine's name, voices and (espeak) variants."""
        engine, voices, variants = self._request(("voices",), START_TIMEOUT)[1:4]
        return EngineVoices(
            engine=engine,
            voices=tuple(
                InstalledVoice(
                    id=v["id"],
                    name=v["name"],
                    languages=tuple(v["languages"]),
                    gender=v["gender"],
                )
                for v in voices
            ),
            variants=tuple(variants),
        )

    def ping(self, timeout: float = 5.0) -> bool:
        try:
            self._request(("ping",), timeout)
        except SpeechError:
            return False
        return True

    def load_voice(self, voice_id: str, *, timeout: float = START_TIMEOUT) -> None:
        """Have the engine load ``voice_id`` now (a Piper model: about a second, cold).

        Blocking: call it off the UI thread. Engines with nothing to load
        answer at once; a voice that cannot be loaded raises SpeechError.
        """
        self._request(("load", voice_id), timeout)

    def _ensure_loaded(self, voice_id: str) -> None:
        """A voice's first sentence in this process: its model is loaded first.

        Under the start timeout: a cold Piper model takes a second or more (far
        more on a loaded machine), which must not eat the sentence's own
        timeout. espeak-ng has nothing to load and answers at once.
        """
        if (self._pid, voice_id) in self._loaded:
            return
        self.load_voice(voice_id)
        self._loaded.add((self._pid, voice_id))

    def phonemize(
        self, text: str, voice_id: str, variant: str | None = None, *, timeout: float = 10.0
    ) -> list[PhonemeWord] | None:
        """The engine's phonemes of ``text``, word by word; None if it cannot say."""
        found = self._request(("phonemize", text, voice_id, variant), timeout)[1]
        if not found:
            return None
        return [PhonemeWord(str(t), int(s), int(e), str(p)) for t, s, e, p in found]

    def synthesize(
        self,
        text: str,
        voice: SpeakingVoice,
        *,
        rate: float = 1.0,
        pitch: float | None = None,
        volume: float = 1.0,
        timeout: float = 10.0,
        prepared: bool = True,
    ) -> Synthesis:
        """Speak ``text`` (one sentence or a short block) with ``voice``; blocking.

        ``rate`` multiplies the profile's words per minute (clamped to 0.5..3);
        ``pitch`` is on espeak's 0-99 scale (None: the profile's); ``prepared``
        False sends the text to the engine as is.
        """
        if prepared:
            prep = prepare(text, voice.lang)
            spoken, starts, ends = prep.text, prep.starts, prep.ends
        else:
            spoken, starts, ends = text, None, None
        if not spoken.strip():
            return Synthesis(b"", self.sample_rate, [], voice.voice_id, voice.variant)
        self._ensure_loaded(voice.voice_id)
        rate = min(max(float(rate), RATE_MIN), RATE_MAX)
        wpm = int(round(voice.rate_wpm * rate))
        pitch_value = int(round(voice.pitch if pitch is None else pitch))
        settings = (voice.voice_id, voice.variant, wpm, pitch_value, float(volume))
        accent = self._accent(getattr(voice, "accent", None))
        if accent is not None:
            accented = self._synthesize_accented(spoken, accent, settings, timeout)
            if accented is not None:
                pcm, sample_rate, spans = accented
                words = text_timings(spans, starts, ends)
                return Synthesis(pcm, int(sample_rate), words, voice.voice_id, voice.variant)
        pcm, sample_rate, raw_words = self._request(("synth", spoken, *settings), timeout)[1:4]
        words = text_timings(word_spans(spoken, raw_words), starts, ends)
        return Synthesis(pcm, int(sample_rate), words, voice.voice_id, voice.variant)

    def _accent(self, name: str | None) -> Accent | None:
        """The accent called ``name``, if any and if the engine takes phonemes."""
        if not name or not self.takes_phonemes:
            return None
        if name not in self._accents:
            try:
                self._accents[name] = self._find_accent(name)
            except (KeyError, ImportError):
                log.debug("no accent %r: speaking without it", name)
                self._accents[name] = None
        return self._accents[name]

    def _synthesize_accented(
        self,
        spoken: str,
        accent: Accent,
        settings: tuple[str, str | None, int, int, float],
        timeout: float,
    ) -> tuple[bytes, int, list[tuple[int, int, float]]] | None:
        """The phoneme stage: PCM, rate and word spans in ``spoken``; None: use the text."""
        voice_id, variant = settings[0], settings[1]
        try:
            words = self.phonemize(spoken, voice_id, variant, timeout=timeout)
        except SpeechError:
            if not self.is_running():
                raise  # the process is gone twice over: the text path would fail too
            words = None
        if not words:
            return None
        try:
            phonemes = [str(p) for p in accent.apply(words)]
        except Exception:  # a rule's bug must not silence the sentence
            log.exception("accent %r failed on %r: speaking without it", accent.name, spoken)
            return None
        if len(phonemes) != len(words):
            log.debug("accent %r gave %d words for %d", accent.name, len(phonemes), len(words))
            return None
        breaks = clause_breaks(spoken, words)
        pcm, sample_rate, events = self._request(
            ("synth_phonemes", phonemes, *settings, breaks), timeout
        )[1:4]
        spans = []
        for index, ms in events:
            if 0 <= index < len(words):
                spans.append((words[index].start, words[index].end, float(ms)))
        return pcm, int(sample_rate), spans


def _default_accent(name: str) -> Accent:
    """lismoi.core.speech.accents.get_accent, imported when first needed."""
    from lismoi.core.speech.accents import get_accent

    return get_accent(name)


def _read_replies(stream: IO[bytes] | None, replies: queue.SimpleQueue[Any]) -> None:
    """Move the child's answers into a queue; None marks the end (the process died)."""
    try:
        while stream is not None:
            message = read_frame(stream)
            if message is None:
                break
            replies.put(message)
    except (OSError, ValueError, EOFError):
        pass
    finally:
        replies.put(None)


_default: SpeechWorker | None = None
_default_lock = threading.Lock()
_running: weakref.WeakSet[SpeechWorker] = weakref.WeakSet()


def running_worker() -> SpeechWorker:
    """A worker whose process is already up (the player's, say), else the shared one.

    Used to ask for the voice list without starting a second engine process.
    """
    for worker in list(_running):
        if worker.is_running():
            return worker
    return default_worker()


def default_worker() -> SpeechWorker:
    """A worker shared by whoever has no worker of their own (closed at exit)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SpeechWorker()
            atexit.register(_default.close)
        return _default
