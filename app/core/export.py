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


# --- A book: one file per chapter, a playlist, subtitles per chapter ---------


@dataclass
class ChapterExport:
    """One chapter's audio file (and its subtitles) in a per-chapter export."""

    title: str
    result: ExportResult


@dataclass
class BookExport:
    folder: Path
    playlist: Path
    chapters: list[ChapterExport] = field(default_factory=list)

    @property
    def duration_ms(self) -> float:
        return sum(c.result.duration_ms for c in self.chapters)


ChapterStart = Callable[[int, int, str], None]  # (chapter number from 1, chapters, title)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def chapter_parts(article: Article) -> list[tuple[str, Article]]:
    """The article cut into the files of a per-chapter export, in order:
    (the chapter's title, the part to read).

    A file is a top-level chapter with its sections (the entries of a deeper
    level go into their chapter's file: a listener skips chapters, not
    sub-sections). Text before the first chapter (a preface without an entry)
    is a file of its own under the book's title; an article without chapters
    is one part. Each part's title is read first unless its first block is
    already the chapter's heading (it would be said twice).
    """
    chapters = article.chapters
    top = min((c.level for c in chapters), default=1)
    starts = [(c.first_block, c.title) for c in chapters if c.level == top]
    starts = [s for s in starts if s[0] < len(article.blocks)]
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, article.title))
    parts: list[tuple[str, Article]] = []
    for n, (first, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(article.blocks)
        blocks = article.blocks[first:end]
        if not blocks:
            continue  # two entries pointing at the same block: the later one has the text
        spoken = "" if blocks[0].kind == "heading" and _same_words(blocks[0].text, title) else title
        part = Article(title=spoken, blocks=blocks, byline=article.byline, date=article.date,
                       source=article.source, url=article.url, locale=article.locale,
                       hints=article.hints)
        parts.append((title or article.title, part))
    return parts


def chapter_file_name(number: int, width: int, title: str, suffix: str) -> str:
    """``"01 - The Departure.mp3"``: the number keeps the files in reading
    order in any file manager, the title made safe as :func:`suggested_file_name`."""
    if not any(c.isalnum() for c in title):
        title = _("Chapter {n}").format(n=number)
    return f"{number:0{width}d} - " + suggested_file_name(title, suffix, limit=72)


def playlist_text(book_title: str, entries: list[tuple[str, float, str]]) -> str:
    """An extended M3U playlist: (file name relative to the playlist, ms, title)."""
    lines = ["#EXTM3U", f"#PLAYLIST:{' '.join(book_title.split())}"]
    for name, duration_ms, title in entries:
        lines.append(f"#EXTINF:{int(round(duration_ms / 1000))},{' '.join(title.split())}")
        lines.append(name)
    return "\n".join(lines) + "\n"


def export_chapters(
    article: Article,
    folder: str | Path,
    *,
    audio: str = ".mp3",
    subtitles: str | None = None,
    voice: str | None = None,
    rate: float = 1.0,
    worker: SpeechWorker | SpeechPool | None = None,
    progress: Progress | None = None,
    on_chapter: ChapterStart | None = None,
    cancel: threading.Event | None = None,
) -> BookExport:
    """Read each chapter of ``article`` into a file of its own in ``folder``.

    ``audio`` is the format's extension (".mp3"...), ``subtitles`` ".srt",
    ".lrc" or None. The files are named by :func:`chapter_file_name`; an M3U
    playlist named after the book lists them with their durations. Each
    file is written under a temporary name and renamed when finished (as
    :func:`export_article` does), so a cancel (``cancel`` set, or Ctrl-C)
    leaves the chapters already done and nothing of the one being read; the
    playlist is written last, only when every chapter is there.
    ``on_chapter`` is told each chapter as it starts; ``progress`` counts the
    characters of the chapter being read.
    """
    from lismoi.core.atomic import replaced_atomically

    folder = Path(folder)
    suffix = audio if audio.startswith(".") else "." + audio
    audio_format(Path("x" + suffix))  # an unknown format is said before any work
    sub_suffix = None
    if subtitles:
        sub_suffix = subtitles if subtitles.startswith(".") else "." + subtitles
        if sub_suffix.lower() not in SUBTITLE_FORMATS:
            raise ExportError(
                _("Unknown subtitle format {ext}: use .srt or .lrc.").format(ext=sub_suffix)
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            _("Could not write {path}: {error}").format(path=folder, error=exc)
        ) from exc
    parts = chapter_parts(article)
    width = max(2, len(str(len(parts))))
    book = BookExport(folder, folder / suggested_file_name(article.title, ".m3u"))
    for number, (title, part) in enumerate(parts, 1):
        if on_chapter is not None:
            on_chapter(number, len(parts), title)
        name = chapter_file_name(number, width, title, suffix)
        out = folder / name
        sub = out.with_suffix(sub_suffix) if sub_suffix else None
        result = export_article(part, out, voice=voice, rate=rate, subtitles=sub,
                                worker=worker, progress=progress, cancel=cancel)
        book.chapters.append(ChapterExport(title, result))
    text = playlist_text(article.title, [(c.result.path.name, c.result.duration_ms, c.title)
                                         for c in book.chapters])
    try:
        with replaced_atomically(book.playlist) as f:
            f.write(text.encode("utf-8"))
    except OSError as exc:
        raise ExportError(
            _("Could not write {path}: {error}").format(path=book.playlist, error=exc)
        ) from exc
    return book
