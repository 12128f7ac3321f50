"""Export a whole article to an audio file (WAV, MP3, Ogg/Opus, FLAC) and subtitles.

The article is read sentence by sentence through the speech worker of each
voice's engine (espeak-ng, Piper: :class:`~lismoi.core.speech.pool.SpeechPool`),
with the voices and sentences of the reading policy (:mod:`lismoi.core.reading`,
the Player's too: each block in its own language's voice, split by its
language's rules), and written as it comes through soundfile (libsndfile:
MP3 and Opus encoders included in the wheel, so no external program). The
file takes the sample rate of the first sentence's voice (22,050 Hz for
espeak-ng and a medium Piper voice); a voice of another rate is resampled to
it with soxr, and Opus, which only takes 8-48 kHz rates in fixed steps, is
resampled to 48 kHz on the way. Each sentence's place in the audio is kept,
for SRT or LRC subtitles and for checking which voice read what.
"""

from __future__ import annotations

import contextlib
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lismoi.core.article import Article
from lismoi.core.errors import ExportCancelled, ExportError
from lismoi.core.i18n import _
from lismoi.core.reading import Reading, Span, VoiceChoices, sentence_spans
from lismoi.core.speech.engines import platform_engine
from lismoi.core.speech.pool import SpeechPool, default_pool
from lismoi.core.speech.worker import SpeechWorker
from lismoi.core.voices import get_profile

# extension -> (libsndfile format, subtype, fixed output rate or None)
FORMATS: dict[str, tuple[str, str, int | None]] = {
    ".wav": ("WAV", "PCM_16", None),
    ".flac": ("FLAC", "PCM_16", None),
    ".mp3": ("MP3", "MPEG_LAYER_III", None),
    ".ogg": ("OGG", "OPUS", 48000),
    ".opus": ("OGG", "OPUS", 48000),
    ".oga": ("OGG", "VORBIS", None),
}
SUBTITLE_FORMATS = (".srt", ".lrc")
PAUSE_BLOCK_MS = 450  # between paragraphs
PAUSE_HEADING_MS = 700  # after a title or heading


@dataclass(frozen=True)
class Segment:
    """One sentence in the exported audio."""

    block: int  # -1 for the title
    start: int  # char span in the block's text
    end: int
    text: str
    lang: str
    profile_id: str
    voice_id: str
    variant: str | None
    start_ms: float
    end_ms: float


@dataclass
class ExportResult:
    path: Path
    format: str
    sample_rate: int  # of the file
    duration_ms: float
    segments: list[Segment] = field(default_factory=list)
    subtitles: Path | None = None


Progress = Callable[[int, int], None]  # (characters done, characters in all)


def suggested_file_name(title: str | None, suffix: str = ".mp3", limit: int = 80) -> str:
    """A file name for an article's audio: its title, made safe for every file system.

    Only letters, digits, spaces and ``-_,'()`` are kept (no separators, no
    ``..``, no control or reserved characters), so a page's title can never
    point the save dialog outside the folder the listener chose, or yield a
    name Windows refuses.
    """
    text = unicodedata.normalize("NFC", title or "")
    text = "".join(c if c.isalnum() or c in " -_,'()" else " " for c in text)
    text = re.sub(r"\s+", " ", text).strip(" .-_,'")[:limit].rstrip(" .-_,'")
    if not text or text.upper().split(".")[0] in _RESERVED_WINDOWS_NAMES:
        text = _("article")
    return text + suffix


_RESERVED_WINDOWS_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                           *(f"LPT{i}" for i in range(1, 10))}


def audio_format(path: Path) -> tuple[str, str, int | None]:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ExportError(
            _("Unknown audio format {ext}: use {formats}.").format(
                ext=path.suffix or "''", formats=", ".join(sorted(FORMATS))
            )
        ) from None


@dataclass(frozen=True)
class _Unit:
    """A run of text read in one voice: the title, or a block with something to say."""

    block: int  # -1 for the title
    text: str
    lang: str
    kind: str
    spans: list[Span]


def _reading(article: Article, voice: str | None) -> Reading:
    """The reading policy with the export's one choice: ``voice`` for its language."""
    if not voice:
        return Reading(article, VoiceChoices())
    chosen = get_profile(voice)  # KeyError for an unknown profile
    # The pick reads its language, region and all; other languages get a
    # voice of the same gender.
    choices = VoiceChoices(chosen.gender)
    choices.choose(chosen.lang, chosen.id)
    return Reading(article, choices)


def _units(reading: Reading) -> list[_Unit]:
    """What is read, in order: the title (in the article's locale), then the blocks."""
    article = reading.article
    assert article is not None
    units: list[_Unit] = []
    title_spans = sentence_spans(article.title or "", reading.main_lang)
    if title_spans:
        units.append(_Unit(-1, article.title, reading.main_lang, "heading", title_spans))
    for i, block in enumerate(article.blocks):
        spans = reading.spans(i)  # split by the block's own language, as the Player does
        if spans:
            units.append(_Unit(i, block.text, reading.lang(i), block.kind, spans))
    return units


class _Writer:
    """The audio file, opened at the first sentence's rate; everything after resampled to it."""

    def __init__(self, path: Path, fmt: str, subtype: str, fixed_rate: int | None) -> None:
        self.path, self.fmt, self.subtype, self.fixed_rate = path, fmt, subtype, fixed_rate
        self.rate = 0  # the stream's rate (the first sentence's), 0 until then
        self._sink = None
        self._resampler = None

    def open(self, rate: int) -> None:
        import soundfile

        self.rate = rate
        file_rate = self.fixed_rate or rate
        self._sink = soundfile.SoundFile(self.path, "w", samplerate=file_rate, channels=1,
                                         format=self.fmt, subtype=self.subtype)
        if file_rate != rate:
            import soxr

            self._resampler = soxr.ResampleStream(rate, file_rate, 1, dtype="float32")

    @property
    def file_rate(self) -> int:
        return self.fixed_rate or self.rate

    def write(self, samples: np.ndarray, rate: int, last: bool = False) -> float:
        """Append 16-bit ``samples`` at ``rate``; their duration in the stream, in ms."""
        if self._sink is None:
            self.open(rate)
        if rate != self.rate and samples.size:
            import soxr

            samples = soxr.resample(samples, rate, self.rate)
        data = samples.astype(np.float32) / 32768.0
        if self._resampler is not None:
            data = self._resampler.resample_chunk(data, last=last)
        if data.size:
            self._sink.write(data)
        return samples.size / self.rate * 1000.0

    def silence(self, ms: float) -> float:
        return self.write(np.zeros(int(self.rate * ms / 1000), dtype=np.int16), self.rate)

    def close(self) -> None:
        if self._sink is not None:
            self.write(np.zeros(0, dtype=np.int16), self.rate, last=True)
            self._sink.close()
            self._sink = None


def _workers(worker: SpeechWorker | SpeechPool | None):
    """engine name -> the worker speaking it: a worker given speaks its engine, a pool the rest."""
    if isinstance(worker, SpeechPool):
        return worker.worker
    pool = default_pool()
    if worker is None:
        return pool.worker
    own = worker.engine_name or platform_engine()
    return lambda engine: worker if engine == own else pool.worker(engine)


def export_article(
    article: Article,
    out: str | Path,
    *,
    voice: str | None = None,
    rate: float = 1.0,
    subtitles: str | Path | None = None,
    worker: SpeechWorker | SpeechPool | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportResult:
    """Read ``article`` into ``out`` (format by extension); optionally SRT/LRC subtitles.

    ``worker``: a pool (one speech process per engine), or one worker for
    its engine's voices (the others from the shared pool); None: the shared
    pool. ``cancel``, once set, stops the export after the sentence being
    synthesised: :class:`ExportCancelled` is raised and no file is left
    behind (``out`` is only written by renaming a finished temporary file).
    """
    import soundfile

    out = Path(out)
    fmt, subtype, fixed_rate = audio_format(out)
    sub_path = Path(subtitles) if subtitles else None
    if sub_path is not None and sub_path.suffix.lower() not in SUBTITLE_FORMATS:
        raise ExportError(
            _("Unknown subtitle format {ext}: use .srt or .lrc.").format(ext=sub_path.suffix)
        )
    workers = _workers(worker)
    reading = _reading(article, voice)
    units = _units(reading)
    total = sum(len(unit.text) for unit in units) or 1

    segments: list[Segment] = []
    position_ms = 0.0
    done = 0
    tmp = out.with_name(out.name + ".part")
    writer = _Writer(tmp, fmt, subtype, fixed_rate)
    try:
        try:
            for unit in units:
                index, text = unit.block, unit.text
                resolved = reading.title_voice() if index < 0 else reading.voice(index)
                speaker = workers(resolved.engine)
                for start, end in unit.spans:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled(_("The export was cancelled."))
                    synthesis = speaker.synthesize(text[start:end], resolved, rate=rate)
                    samples = np.frombuffer(synthesis.pcm, dtype="<i2")
                    duration = writer.write(samples, synthesis.sample_rate)
                    segments.append(
                        Segment(
                            block=index,
                            start=start,
                            end=end,
                            text=text[start:end],
                            lang=unit.lang,
                            profile_id=resolved.profile.id,
                            voice_id=synthesis.voice_id,
                            variant=synthesis.variant,
                            start_ms=position_ms,
                            end_ms=position_ms + duration,
                        )
                    )
                    position_ms += duration
                    done += end - start
                    if progress is not None:
                        progress(min(done, total), total)
                pause_ms = PAUSE_HEADING_MS if unit.kind == "heading" else PAUSE_BLOCK_MS
                if writer.rate:
                    position_ms += writer.silence(pause_ms)
            if not writer.rate:  # nothing was said: an empty file at the platform voice's rate
                writer.open(workers(platform_engine()).sample_rate)
        finally:
            writer.close()
        tmp.replace(out)
    except (OSError, RuntimeError, soundfile.LibsndfileError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(_("Could not write {path}: {error}").format(path=out, error=exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if progress is not None:
        progress(total, total)
    result = ExportResult(out, out.suffix.lower().lstrip("."), writer.file_rate, position_ms,
                          segments)
    if sub_path is not None:
        write_subtitles(segments, sub_path)
        result.subtitles = sub_path
    return result


def _srt_time(ms: float) -> str:
    ms = int(round(ms))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def _lrc_time(ms: float) -> str:
    cs = int(round(ms / 10))
    m, cs = divmod(cs, 6000)
    s, cs = divmod(cs, 100)
    return f"[{m:02d}:{s:02d}.{cs:02d}]"


def subtitles_text(segments: list[Segment], fmt: str) -> str:
    """SRT ("srt") or LRC ("lrc") text for ``segments``."""
    lines: list[str] = []
    if fmt == "lrc":
        for seg in segments:
            lines.append(_lrc_time(seg.start_ms) + " ".join(seg.text.split()))
        return "\n".join(lines) + "\n"
    for n, seg in enumerate(segments, 1):
        lines += [
            str(n),
            f"{_srt_time(seg.start_ms)} --> {_srt_time(seg.end_ms)}",
            " ".join(seg.text.split()),
            "",
        ]
    return "\n".join(lines)


def write_subtitles(segments: list[Segment], path: Path) -> None:
    fmt = path.suffix.lower().lstrip(".")
    try:
        path.write_text(subtitles_text(segments, fmt), encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            _("Could not write {path}: {error}").format(path=path, error=exc)
        ) from exc
