"""The speech worker process: one engine, answering requests (never import elsewhere).

The process is ``python -m lismoi.core.speech.server [--engine NAME]``,
started by :class:`lismoi.core.speech.worker.SpeechWorker`; it builds the
engine (this platform's, or the one named: see :mod:`.engines`), then answers
the requests of :mod:`.protocol` on its stdin/stdout until "quit" or the end
of its stdin. Everything engine-specific is behind
:class:`~lismoi.core.speech.engines.base.SpeechEngine`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Any

from lismoi.core.errors import LismoiError
from lismoi.core.speech.engines import make_engine
from lismoi.core.speech.engines.base import EngineVoices, PhonemeEngine, SpeechEngine
from lismoi.core.speech.protocol import Channel


def _silence_stdout() -> None:
    """Send fd 1 to the null device: nothing the engine prints may reach our stdout."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError):
        os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do


def _voice_dicts(voices: EngineVoices) -> list[dict[str, Any]]:
    """The voice list as plain dicts: the wire carries no classes (see protocol.py)."""
    return [
        {"id": v.id, "name": v.name, "languages": list(v.languages), "gender": v.gender}
        for v in voices.voices
    ]


def _answer(engine: SpeechEngine, request: tuple[Any, ...]) -> tuple[Any, ...]:
    kind = request[0]
    if kind == "ping":
        return ("ok",)
    if kind == "voices":
        voices = engine.voices()
        return ("ok", voices.engine, _voice_dicts(voices), list(voices.variants),
                engine.sample_rate)
    if kind == "synth":
        _, text, voice_id, variant, wpm, pitch, volume = request
        audio = engine.synthesize(
            text, voice_id, variant=variant, wpm=wpm, pitch=pitch, volume=volume
        )
        words = [(int(pos), int(length), float(ms)) for pos, length, ms in audio.words]
        return ("ok", audio.pcm, audio.sample_rate, words)
    if kind == "load":  # load a voice now (a model), so the first sentence is not slowed
        load = getattr(engine, "load", None)
        if load is not None:
            load(request[1])
        return ("ok",)
    if kind == "phonemize":
        _, text, voice_id, variant = request
        if not isinstance(engine, PhonemeEngine) or not engine.takes_phonemes:
            return ("ok", None)  # no phonemes here: the worker speaks the text
        found = engine.phonemize(text, voice_id, variant)
        if found is None:
            return ("ok", None)
        return ("ok", [(w.text, int(w.start), int(w.end), w.phonemes) for w in found])
    if kind == "synth_phonemes":
        _, phonemes, voice_id, variant, wpm, pitch, volume, *rest = request
        if not isinstance(engine, PhonemeEngine) or not engine.takes_phonemes:
            return ("error", f"the {engine.name} engine does not take phonemes")
        audio = engine.synthesize_phonemes(
            [str(p) for p in phonemes], voice_id, variant=variant, wpm=wpm, pitch=pitch,
            volume=volume, breaks=[str(b) for b in rest[0]] if rest and rest[0] else None,
        )
        words = [(int(pos), float(ms)) for pos, _length, ms in audio.words]
        return ("ok", audio.pcm, audio.sample_rate, words)
    return ("error", f"unknown request {kind!r}")


def serve(channel: Channel, engine_name: str | None = None) -> None:
    """The worker process's main loop: answer requests until "quit" or EOF."""
    try:
        engine = make_engine(engine_name)
    except Exception as exc:  # the parent reports it as a SpeechError
        channel.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    takes_phonemes = bool(getattr(engine, "takes_phonemes", False))
    channel.send(("ready", engine.name, engine.sample_rate, os.getpid(), takes_phonemes))
    while True:
        try:
            request = channel.recv()
        except (EOFError, OSError):
            return
        if request[0] == "quit":
            return
        try:
            channel.send(_answer(engine, request))
        except (EOFError, OSError):
            return
        except Exception as exc:
            # Our own errors are sentences for a person; anything else keeps its type.
            text = str(exc) if isinstance(exc, LismoiError) else f"{type(exc).__name__}: {exc}"
            try:
                channel.send(("error", text))
            except OSError:
                return


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m lismoi.core.speech.server`` (started by SpeechWorker)."""
    parser = argparse.ArgumentParser(prog="python -m lismoi.core.speech.server")
    parser.add_argument("--engine", help="the engine to speak with (default: this platform's)")
    args = parser.parse_args(argv)
    # The protocol owns the real stdout; fd 1 then goes to the null device so
    # nothing the engine prints ("Audio saved to ...", C-level chatter) can
    # corrupt it or reach the user's terminal.
    protocol_out = os.fdopen(os.dup(1), "wb", buffering=0)
    _silence_stdout()
    serve(Channel(sys.stdin.buffer, protocol_out), args.engine)


if __name__ == "__main__":
    main()
