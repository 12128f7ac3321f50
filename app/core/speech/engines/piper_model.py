"""One Piper voice model: its ``.onnx.json`` read, its ids, ONNX inference (our own code).

A Piper model (VITS, exported to ONNX) takes:

- ``input``: int64 ``[1, n]``, the phoneme ids;
- ``input_lengths``: int64 ``[1]``, ``n``;
- ``scales``: float32 ``[3]``, ``[noise_scale, length_scale, noise_w]``;
- ``sid``: int64 ``[1]``, the speaker, for multi-speaker models only;

and gives ``output``, float32 ``[1, 1, 1, samples]`` in [-1, 1] at the
config's ``audio.sample_rate``. The ids follow Piper's conventions
(``piper/phoneme_ids.py`` in piper-tts, read, not imported: it is GPL-3):
BOS ``^`` then pad ``_``, each phoneme's ids followed by pad, then EOS ``$``;
a symbol missing from ``phoneme_id_map`` is dropped (and counted).

Piper gives no word timings: joe's graph has the one ``output`` (no
durations); :attr:`PiperModel.has_durations` says whether a model's does.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lismoi.core.errors import SpeechError
from lismoi.core.i18n import _

BOS, EOS, PAD = "^", "$", "_"


class VoiceFileError(SpeechError):
    """A voice's files are missing or unreadable; ``str()`` says which and why."""


@dataclass(frozen=True)
class PiperConfig:
    """What the engine needs from a voice's ``.onnx.json``."""

    sample_rate: int
    espeak_voice: str  # "en-us", "fr"
    language: str  # "en_US"
    phoneme_id_map: dict[str, tuple[int, ...]]
    num_speakers: int = 1
    noise_scale: float = 0.667
    length_scale: float = 1.0
    noise_w: float = 0.8
    quality: str | None = None
    dataset: str | None = None

    @classmethod
    def read(cls, path: Path) -> PiperConfig:
        """The config at ``path``; :class:`VoiceFileError` saying what is wrong."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise VoiceFileError(_("cannot read {name}: {reason}").format(
                name=path.name, reason=exc.strerror or exc)) from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VoiceFileError(
                _("{name} is not a valid voice description (JSON)").format(name=path.name)
            ) from exc
        try:
            if data.get("phoneme_type", "espeak") != "espeak":
                raise VoiceFileError(
                    _("{name}: phonemes of type {kind!r} are not supported").format(
                        name=path.name, kind=data["phoneme_type"])
                )
            id_map = {
                str(k): tuple(int(i) for i in v) for k, v in data["phoneme_id_map"].items()
            }
            for symbol in (BOS, EOS, PAD):
                if symbol not in id_map:
                    raise VoiceFileError(_("{name}: the phoneme map has no {symbol!r}").format(
                        name=path.name, symbol=symbol))
            inference = data.get("inference") or {}
            language = data.get("language") or {}
            return cls(
                sample_rate=int(data["audio"]["sample_rate"]),
                espeak_voice=str(data["espeak"]["voice"]),
                language=str(language.get("code") or data["espeak"]["voice"]),
                phoneme_id_map=id_map,
                num_speakers=int(data.get("num_speakers", 1)),
                noise_scale=float(inference.get("noise_scale", 0.667)),
                length_scale=float(inference.get("length_scale", 1.0)),
                noise_w=float(inference.get("noise_w", 0.8)),
                quality=(data.get("audio") or {}).get("quality"),
                dataset=data.get("dataset"),
            )
        except VoiceFileError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise VoiceFileError(
                _("{name} is not a Piper voice description (missing or bad {what})").format(
                    name=path.name, what=exc)
            ) from exc


def symbols(phonemes: str) -> list[str]:
    """A phoneme string as the model's symbols: Unicode code points after NFD.

    As Piper does: "ɛ̃" is "ɛ" + U+0303, each with an id of its own.
    """
    return list(unicodedata.normalize("NFD", phonemes))


def phoneme_ids(
    phonemes: Iterable[str], id_map: dict[str, tuple[int, ...]]
) -> tuple[list[int], list[str]]:
    """Piper's ids for ``phonemes`` (symbols), and the symbols the map did not have."""
    pad = id_map[PAD]
    ids: list[int] = [*id_map[BOS], *pad]
    missing: list[str] = []
    for symbol in phonemes:
        found = id_map.get(symbol)
        if found is None:
            missing.append(symbol)
            continue
        ids.extend(found)
        ids.extend(pad)
    ids.extend(id_map[EOS])
    return ids, missing


def session_options(threads: int | None = None) -> Any:
    """onnxruntime options for this machine: all graph optimisations, ``threads`` intra-op.

    Default threads: the CPUs this process may use (2 here), one inter-op
    thread and sequential execution (the graph is one chain; more threads
    only compete with the audio and the window). ``LISMOI_PIPER_THREADS``
    overrides it for measurements.
    """
    import onnxruntime

    if threads is None:
        env = os.environ.get("LISMOI_PIPER_THREADS", "")
        threads = int(env) if env.isdigit() and int(env) > 0 else _cpus()
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # The memory pattern plans (and keeps) one block per input shape: each
    # sentence is a new length, so with the arena it kept the speech process
    # at +440 MB after the English sample; without it, and with the arena
    # shrunk after each run, +110-150 MB, about 7 % slower (docs/benchmarks.md).
    options.enable_mem_pattern = os.environ.get("LISMOI_PIPER_ARENA") == "keep"
    options.log_severity_level = 3  # errors only: warnings would reach stderr
    return options


def run_options() -> Any:
    """Each inference gives its arena memory back when it ends (``LISMOI_PIPER_ARENA=keep``: not).

    onnxruntime's CPU arena keeps the peak of the longest sentence so far, per
    loaded voice (hundreds of MB for a long sentence): shrinking it after each
    run keeps a loaded voice at about its weights, and the peak is transient.
    """
    import onnxruntime

    options = onnxruntime.RunOptions()
    if os.environ.get("LISMOI_PIPER_ARENA") != "keep":
        options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    return options


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class PiperModel:
    """A loaded voice: the ONNX session and its config (load once, reuse)."""

    def __init__(self, onnx_path: Path, config_path: Path, *, threads: int | None = None):
        import onnxruntime

        self.config = PiperConfig.read(config_path)
        if not onnx_path.is_file():
            raise VoiceFileError(_("{name} is missing").format(name=onnx_path.name))
        try:
            self._session = onnxruntime.InferenceSession(
                str(onnx_path), sess_options=session_options(threads),
                providers=["CPUExecutionProvider"],
            )
        except Exception as exc:  # onnxruntime raises its own classes, with C++ text
            raise VoiceFileError(
                _("{name} is not a usable voice model").format(name=onnx_path.name)
            ) from exc
        inputs = {i.name for i in self._session.get_inputs()}
        missing = {"input", "input_lengths", "scales"} - inputs
        if missing:
            raise VoiceFileError(_("{name} is not a Piper model (no input {what!r})").format(
                name=onnx_path.name, what=sorted(missing)[0]))
        self._has_sid = "sid" in inputs
        self._run_options = run_options()
        self.has_durations = len(self._session.get_outputs()) > 1
        self.sample_rate = self.config.sample_rate

    def ids(self, phonemes: str) -> tuple[list[int], list[str]]:
        """The ids of one utterance's IPA (words split by spaces), and the dropped symbols."""
        return phoneme_ids(symbols(phonemes), self.config.phoneme_id_map)

    def infer(self, ids: Sequence[int], *, length_scale: float | None = None,
              speaker: int = 0) -> np.ndarray:
        """The model's float audio for ``ids`` (one utterance), unnormalised."""
        config = self.config
        scales = np.array(
            [config.noise_scale,
             config.length_scale if length_scale is None else length_scale,
             config.noise_w],
            dtype=np.float32,
        )
        feed: dict[str, np.ndarray] = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": scales,
        }
        if self._has_sid:
            feed["sid"] = np.array([speaker], dtype=np.int64)
        output = self._session.run(
            ["output"] if self.has_durations else None, feed, run_options=self._run_options
        )
        return np.asarray(output[0], dtype=np.float32).reshape(-1)


def to_pcm(audio: np.ndarray, volume: float = 1.0) -> bytes:
    """Float audio -> s16le, peak-normalised as Piper does, then scaled by ``volume``."""
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if peak < 1e-8:
        return np.zeros(audio.shape, dtype=np.int16).tobytes()
    scaled = audio * (max(0.0, volume) / peak)
    return (np.clip(scaled, -1.0, 1.0) * 32767.0).astype(np.int16).tobytes()
