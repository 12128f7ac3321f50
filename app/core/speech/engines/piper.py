"""Piper neural voices: espeak-ng's IPA -> the model's ids -> ONNX inference (onnxruntime).

The inference is our own code (:mod:`.piper_model`): ``piper-tts`` 1.3+ is
GPL-3 and the project is MIT, so it is never imported here (it is installed
for the benchmark only, as the anchor our speed is compared with). The
voices are found by :mod:`.piper_voices`.

- **Text.** espeak-ng (the system library, through ctypes) gives each
  clause's IPA in the voice's espeak language (``espeak.voice`` in its
  ``.onnx.json``); each clause gets its punctuation as a symbol (``,`` then a
  space, ``.``, ``?``...) as Piper does, and each sentence is one inference,
  peak-normalised as Piper does. Symbols missing from the model's map are
  dropped (:attr:`PiperEngine.dropped` counts them).
- **Rate.** ``length_scale`` = the voice's own x 175 / wpm (175 wpm = the
  voice's natural pace). **Pitch** is not a Piper control: ignored.
  **Volume** scales the normalised audio.
- **Phonemes** (accents): :meth:`phonemize` gives espeak-ng's *mnemonics*
  word by word, the notation the accent rules are written in;
  :meth:`synthesize_phonemes` turns them into IPA at this edge
  (:mod:`.ipa`): a word the accent left alone gets espeak-ng's own IPA of
  it, a rewritten one goes through the mnemonic -> IPA table.
- **Word timings: none.** A Piper model gives the audio only (joe's graph
  has one output, no phoneme durations), so ``EngineAudio.words`` is empty:
  nothing is invented; the reader highlights sentences only.
- **Models** load on first use (or on :meth:`load`), in the speech process,
  never on the caller's thread; the last few stay loaded.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence

from lismoi.core.i18n import _
from lismoi.core.paths import user_voices_dir
from lismoi.core.speech.engines import ipa
from lismoi.core.speech.engines.base import (
    BREAKS,
    EngineAudio,
    EngineVoices,
)
from lismoi.core.speech.engines.espeak import _pieces, align_words
from lismoi.core.speech.engines.espeak_phonemes import (
    IPA,
    MNEMONICS,
    SENTENCE_ENDS,
    EspeakPhonemizer,
)
from lismoi.core.speech.engines.piper_model import (
    PiperConfig,
    PiperModel,
    VoiceFileError,
    to_pcm,
)
from lismoi.core.speech.engines.piper_voices import VoiceFiles, discover, voice_list
from lismoi.core.speech.phonemes import PhonemeWord

log = logging.getLogger(__name__)

NATURAL_WPM = 175  # the rate at which length_scale is the voice's own
MAX_LOADED = 3  # models kept in memory (a document rarely needs more voices)
# The longest utterance given to the model at once, in characters of IPA
# (about 40 s of speech): memory grows with the utterance, so a text with no
# sentence end (10,000 characters, no full stop) is cut at clause, then word,
# boundaries past this length instead of becoming one huge inference.
MAX_UTTERANCE = 600


def bounded(utterances: list[str], limit: int = MAX_UTTERANCE) -> list[str]:
    """Each utterance longer than ``limit`` cut at its spaces (clause marks first)."""
    out: list[str] = []
    for text in utterances:
        while len(text) > limit:
            head = text[:limit]
            cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "))
            cut = cut + 1 if cut > limit // 2 else head.rfind(" ")
            if cut <= 0:
                cut = limit
            out.append(text[:cut].rstrip())
            text = text[cut:].lstrip()
        if text:
            out.append(text)
    return out


class PiperEngine:
    """Piper voices through onnxruntime, phonemes from espeak-ng."""

    name = "piper"
    takes_phonemes = True

    def __init__(self) -> None:
        self._phonemizer = EspeakPhonemizer()
        self._models: OrderedDict[str, PiperModel] = OrderedDict()
        self._configs: dict[str, PiperConfig] = {}
        self._ipa_of: dict[str, str] = {}  # mnemonic word -> espeak-ng's IPA (last phonemize)
        self.dropped: dict[str, int] = {}  # symbols the models did not know, and how often
        voices = discover()
        self._known: dict[str, VoiceFiles] = {v.id: v for v in voices}
        self.sample_rate = 22050
        for voice in voices:
            try:
                self.sample_rate = self._config(voice).sample_rate
                break
            except VoiceFileError:
                continue

    # ------------------------------------------------------------ voices

    def _files(self, voice_id: str) -> VoiceFiles:
        """The voice's files: looked up once (a scan of the installed packages costs
        tens of milliseconds), again only if they are gone or the id is unknown."""
        known = self._known.get(voice_id)
        if (known is not None and known.onnx.is_file() and known.config.is_file()
                and (known.source != "user" or known.onnx.parent.parent == user_voices_dir())):
            return known
        self._known = {v.id: v for v in discover()}
        if voice_id not in self._known:
            raise VoiceFileError(_("no Piper voice is called {voice!r}").format(voice=voice_id))
        return self._known[voice_id]

    def _config(self, voice: VoiceFiles) -> PiperConfig:
        key = f"{voice.id}\0{voice.config}"
        if key not in self._configs:
            self._configs[key] = PiperConfig.read(voice.config)
        return self._configs[key]

    def voices(self) -> EngineVoices:
        voices = discover()
        self._known = {v.id: v for v in voices}
        return voice_list(voices)

    def load(self, voice_id: str) -> PiperModel:
        """The voice's model, loaded now if it is not yet (:class:`VoiceFileError` if bad)."""
        model = self._models.get(voice_id)
        if model is not None:
            self._models.move_to_end(voice_id)
            return model
        files = self._files(voice_id)
        try:
            model = PiperModel(files.onnx, files.config)
        except VoiceFileError as exc:
            raise VoiceFileError(_("the voice {voice} cannot be used: {reason}").format(
                voice=voice_id, reason=exc)) from exc
        self._models[voice_id] = model
        while len(self._models) > MAX_LOADED:
            self._models.popitem(last=False)
        return model

    # ------------------------------------------------------------ text

    def _speak(self, model: PiperModel, sentences: list[str], wpm: int, volume: float) -> bytes:
        length_scale = model.config.length_scale * NATURAL_WPM / max(1, int(wpm))
        pcm = []
        for phonemes in sentences:
            ids, missing = model.ids(phonemes)
            for symbol in missing:
                self.dropped[symbol] = self.dropped.get(symbol, 0) + 1
            if len(ids) <= 3:  # BOS, pad, EOS: nothing to say
                continue
            audio = model.infer(ids, length_scale=length_scale)
            pcm.append(to_pcm(audio, volume))
        return b"".join(pcm)

    def sentences_ipa(self, text: str, voice_id: str) -> list[str]:
        """``text``'s IPA as the model reads it, one string per sentence."""
        config = self._config(self._files(voice_id))
        self._phonemizer.set_voice(config.espeak_voice)
        sentences: list[str] = []
        current = ""
        clauses = self._phonemizer.clauses(text, IPA)
        for i, clause in enumerate(clauses):
            phonemes = ipa.strip_language_switches(clause.phonemes).strip()
            mark = clause.terminator
            if not phonemes and not mark:
                continue
            current += phonemes + mark
            if mark in SENTENCE_ENDS:
                sentences.append(current)
                current = ""
            elif i + 1 < len(clauses):
                current += " "  # "," ";" ":" as Piper writes them, and a clause with no mark
        if current.strip():
            sentences.append(current.rstrip())
        return bounded(sentences)

    def synthesize(
        self,
        text: str,
        voice_id: str,
        *,
        variant: str | None = None,
        wpm: int = 175,
        pitch: int = 50,
        volume: float = 1.0,
    ) -> EngineAudio:
        model = self.load(voice_id)
        pcm = self._speak(model, self.sentences_ipa(text, voice_id), wpm, volume)
        return EngineAudio(pcm, model.sample_rate, ())  # no word timings (see above)

    # ------------------------------------------------------------ phonemes

    def phonemize(
        self, text: str, voice_id: str, variant: str | None = None
    ) -> list[PhonemeWord] | None:
        config = self._config(self._files(voice_id))
        self._phonemizer.set_voice(config.espeak_voice)
        self._remember_ipa(text)
        return align_words(text, self._pieces(text), self._pieces)

    def _pieces(self, text: str) -> list[str]:
        clauses = self._phonemizer.clauses(text, MNEMONICS)
        return _pieces([w for clause in clauses for w in clause.phonemes.split()])

    def _remember_ipa(self, text: str) -> None:
        """espeak-ng's IPA of each mnemonic word of ``text`` (kept for synthesize_phonemes)."""
        mnemonic = self._phonemizer.clauses(text, MNEMONICS)
        spoken = self._phonemizer.clauses(text, IPA)
        self._ipa_of = {}
        if len(mnemonic) != len(spoken):
            return
        for a, b in zip(mnemonic, spoken, strict=True):
            words_a, words_b = a.phonemes.split(), b.phonemes.split()
            if len(words_a) == len(words_b):
                self._ipa_of.update(zip(words_a, words_b, strict=True))

    def to_ipa(self, word: str, espeak_voice: str = "fr") -> str:
        """One word's mnemonics (several espeak words split by spaces) as IPA.

        A word espeak-ng phonemised (unchanged by the accent) gets its own
        IPA; a rewritten one the table's, with the symbols a French model
        never heard replaced (:data:`.ipa.FRENCH_SUBSTITUTES`).
        """
        french = espeak_voice.lower().startswith("fr")
        substitutes = ipa.FRENCH_SUBSTITUTES if french else None
        return " ".join(
            self._ipa_of.get(w) or ipa.mnemonics_to_ipa(w, substitutes=substitutes)
            for w in word.split()
        )

    def words_ipa(
        self, words: Sequence[str], voice_id: str, breaks: Sequence[str] | None = None
    ) -> list[str]:
        """Mnemonic words and their punctuation as the model reads them, one string a sentence."""
        espeak_voice = self._config(self._files(voice_id)).espeak_voice
        sentences: list[str] = []
        current: list[str] = []
        for i, word in enumerate(words):
            spoken = ipa.strip_language_switches(self.to_ipa(word, espeak_voice)).strip()
            mark = breaks[i] if breaks is not None and i < len(breaks) else ""
            mark = mark if mark in BREAKS else ""
            if spoken:
                current.append(spoken)
            if mark and current:
                current[-1] += mark
                if mark in SENTENCE_ENDS:
                    sentences.append(" ".join(current))
                    current = []
        if current:
            sentences.append(" ".join(current))
        return bounded(sentences)

    def synthesize_phonemes(
        self,
        words: Sequence[str],
        voice_id: str,
        *,
        variant: str | None = None,
        wpm: int = 175,
        pitch: int = 50,
        volume: float = 1.0,
        breaks: Sequence[str] | None = None,
    ) -> EngineAudio:
        model = self.load(voice_id)
        pcm = self._speak(model, self.words_ipa(words, voice_id, breaks), wpm, volume)
        return EngineAudio(pcm, model.sample_rate, ())  # no word timings (see above)
