"""Québécois French (fr-CA) pronunciation rules over espeak-ng's French phonemes.

The input is what ``espeak-ng -v fr -x`` prints for each word (``p@t'it``);
the output is what espeak-ng 1.51's French phoneme table reads back between
``[[ ]]``. That table has no [ʊ], no [ɑ], no closer or fronted nasal vowels
and no non-syllabic vowels, so part of the accent is an approximation: each
rule says below what espeak-ng renders and what it only approximates. Every
mnemonic written here was checked with ``espeak-ng -v fr -q -x "[[...]]"``
(an unknown mnemonic truncates the rest of the input).

Formants quoted are measured here (LPC on espeak-ng 1.51's own synthesis of
the vowel between [b]s, male voice): French ``u`` 305/789 Hz (F1/F2), ``o``
395/729, ``O`` 513/879, ``a`` 826/1308, ``V`` 622/1266, ``i`` 325/2243, ``I``
380/1920, ``y`` 284/1692, ``Y`` 412/1509; espeak-ng's English [ʊ] 399/897,
German [ʊ] 353/932 and English [ɑ] 785/1065 are not in the French table.

The rules, each a named unit that can be switched off (``QuebecFrench(rules=
...)``) for listening comparisons:

``affrication``
    /t d/ -> [ts dz] before /i y j ɥ/: tu ``tsy``, dire ``dz'ir``, petit
    ``p@ts'i``, canadien ``kanadzj'E~``, tuile ``tsy'il``; not tant, dent, tôt
    (and so not before a nasal vowel). **Rendered**: ``ts`` and ``dz`` are
    espeak-ng phonemes (about 100 ms longer than [t d] before the vowel).
``laxing``
    /i y u/ -> [ɪ ʏ ʊ] in the word's final syllable when it is closed by a
    pronounced consonant other than /ʁ v z ʒ/ (which lengthen instead):
    petite ``p@ts'It``, musique ``myz'Ik``, route ``r'Ot``, une ``Yn``; not
    rire, ruse, rouge, livre, nor an open syllable (tu, petit). [ɪ] is
    **rendered** (``I``, espeak-ng's English [ɪ], 380/1920 Hz). [ʏ] is
    **approximated** by ``Y`` (the French table's /ø/, 412/1509 Hz, next to
    [ʏ]'s F1 raised from [y]'s 284 Hz). [ʊ] is **approximated** by ``O``
    (/ɔ/): Québécois [ʊ] lies near F1 400-420, F2 1000 Hz (lowered and
    centralised from [u]); in Bark the nearest French vowel to it is ``O``
    (1.2 Bark) before ``u`` (1.7, i.e. no change) and ``o`` (1.8). So route is
    heard near "rotte": the laxing is audible, at the cost of a vowel quality
    that is a little too open.
``diphthongs``
    Long vowels diphthongise in the stressed, closed, final syllable:
    /ɛː/ (an ``E`` closed by /ʁ v z ʒ/, or written ê/aî: fête, père, rêve,
    chaise, maître, crème) -> [aɛ̯]; /ɑː/ (espeak-ng's long ``a:``, pâte, âme) ->
    [ɑʊ̯]; /oː/ (``o``, côte, jaune, pauvre; and ``O`` before /z/, which
    espeak-ng gives rose and chose but French does not have) -> [oʊ̯]. **Approximated**: espeak
    has no non-syllabic vowel, and two vowels would make two syllables, so the
    offglide is the glide ``j`` or ``w`` (one syllable, about 45 ms longer):
    fête ``f'ajt`` ([aɪ̯], the usual Québécois "faïte"), pâte ``p'awt``, côte
    ``k'owt``. /ɑ/ stays apart from /a/: espeak-ng already gives pâte ``a:``
    and patte ``a``; pâte becomes ``p'awt``, patte stays ``p'at``. /øː/
    (jeûne, creuse) -> [øʏ̯] and /ɔʁ/ (fort) -> [ɑɔ̯] are **not rendered**:
    there is no front rounded glide, nor a way to start an [ɔ] lower.
``final_a``
    Word-final stressed /a/ -> [ɑ] (Canada, là, chat, trois). **Approximated**
    as ``a:``, the way espeak-ng renders French /ɑ/ (pâte ``p'a:t``): the
    French table has no back [ɑ], and its ``a`` (826/1308 Hz) is already the
    nearest to espeak-ng's own [ɑ] (1.3 Bark; ``V`` 1.6, ``O`` 2.4), so what
    changes is the length and the /ɑ/ category, not the quality.

Nasal vowels (/ɛ̃/ closer [ẽ], /ɑ̃/ fronted [ã], /ɔ̃/ closer [õ]) are **left
unchanged**: the French table has three nasal qualities (``E~`` and ``W~``
share one), none closer than ``E~`` or ``O~`` and none front and open but
``E~`` itself, so fronting /ɑ̃/ would merge vent with vin; no sequence of
accepted phonemes gives a nasal vowel in between.

Function words: espeak-ng gives them no stress mark (``dy-``, ``il``, ``yn``).
Affrication and laxing are segmental in Québécois, they apply in any word
whose segments make the context ("du" [dzy], "tu" [tsy], "il" [ɪl], "une"
[ʏn]); the diphthongs and final [ɑ] need a stressed (long) vowel, so only
stressed syllables (``'`` or ``,``) get them ("la" stays [la], "là" becomes [lɑ]).
Only the word's own phonemes are read: no rule crosses a word boundary.
Stress marks stay where espeak-ng put them.

**On a Piper French voice** the same rules run on the same mnemonics (the
Piper engine phonemises with espeak-ng too); the engine turns the result
into IPA (:mod:`lismoi.core.speech.engines.ipa`, checked word by word
against espeak-ng's own IPA). A French Piper model was trained on espeak-ng's
French IPA, so it has heard only those symbols: every rule's output is among
them except the laxing of /i/ ([ɪ]), which is left out there (/i/ stays
[i]); [ʏ ʊ ɑ] are not used either, though Piper's symbol map has them, for
the same reason: the approximations above are kept. No French Piper voice
could be listened to while writing this (none can be downloaded here): the
output phonemes are tested, the sound is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lismoi.core.speech.phonemes import PhonemeWord

__all__ = ["RULES", "QuebecFrench", "tokenize"]

# The rules, in the order they apply.
RULES: tuple[str, ...] = ("affrication", "laxing", "diphthongs", "final_a")

# espeak-ng 1.51's mnemonics for French (its "fr" table and the "consonants",
# "base1" and "base" tables it includes), read from phontab; the tokenizer
# takes the longest match, a character outside them is a token of its own.
_INVENTORY = (  # noqa: SIM905 (a table, easier to read as text)
    "#cFR #X1 _:: _;_ _X1 _^_ dZ; l/2 l/3 r/2 tS; #@ #a #e #i #l #o #r #u %% '! '' "
    '** ,, @- A~ E- E~ I2 J^ L/ N- O~ Q" Q^ R2 R3 S; W2 W~ Z; _! _: _| a# a- c2 dZ '
    'd[ dz e- j. j/ k# k- kh l# l- l. l/ l^ m- n- n. n2 n^ oU p- p2 ph r" r- r. r/ '
    "r2 s. s2 s; t# t- t2 t3 tS t[ ts u: v# w/ y- z. z2 z3 z; || % ' * , - 1 : ; = ? "
    "@ B C D E I J L N O Q R S T V W X Y Z _ a b c d e f g h i j k l m n o p q r s t "
    "u v w x y z "
).split()
_LONGEST = max(len(m) for m in _INVENTORY)
_KNOWN = frozenset(_INVENTORY)

_STRESS = frozenset({"'", ",", "%", "=", "''", ",,", "'!", "%%"})
_VOWELS = frozenset(
    {
        "@",
        "@-",
        "a",
        "a-",
        "a#",
        "e",
        "e-",
        "E",
        "E-",
        "i",
        "I",
        "I2",
        "o",
        "O",
        "oU",
        "u",
        "u:",
        "y",
        "y-",
        "W",
        "W2",
        "Y",
        "V",
        "A~",
        "E~",
        "W~",
        "O~",
    }
)
# Written before another vowel these are the glides [j ɥ w] (tuile ``ty'il``).
_GLIDE_BEFORE_VOWEL = frozenset({"i", "y", "u"})
# Silent unless a vowel follows (liaison): they do not close a syllable.
_LIAISON = frozenset({"t2", "t3", "z2", "z3", "p2", "n2", "r2"})
# Not sounds: length, pauses, syllable and word marks.
_MARKS = frozenset({":", ";", "-", "||", "_", "_:", "_::", "_!", "_|", "_;_", "_^_"})

# affrication: /t d/ (liaison t too) before /i y j ɥ/ (and the lax [ɪ]).
_AFFRICATE = {"t": "ts", "t2": "ts", "t3": "ts", "d": "dz"}
_HIGH_FRONT = frozenset({"i", "I", "I2", "y", "y-", "j", "j/", "j."})
# laxing: /i y u/ -> [ɪ ʏ ʊ] ~ I, Y, O (see the module docstring).
_LAX = {"i": "I", "y": "Y", "y-": "Y", "u": "O", "u:": "O"}
# Consonants that lengthen the vowel before them: no laxing, long /ɛː/.
_LENGTHENING = frozenset({"r", "r/", "r/2", "R", "R2", "R3", "v", "z", "Z"})
# diphthongs: the long vowel's nucleus -> vowel + glide (one syllable).
_DIPHTHONG_E = "aj"  # /ɛː/ -> [aɛ̯] ~ [aɪ̯]
_DIPHTHONG_A = "aw"  # /ɑː/ -> [ɑʊ̯] ~ [aʊ̯]
_DIPHTHONG_O = "ow"  # /oː/ -> [oʊ̯]
# Spellings of a historically long /ɛː/ that no consonant explains (fête).
# "-ème" (crème, problème, thème) is long /ɛː/ in Québécois too.
_LONG_E_SPELLINGS = ("ê", "aî", "eî", "ème")
# final_a: [ɑ] ~ espeak-ng's /ɑ/, the long a.
_BACK_A = "a:"


def tokenize(phonemes: str) -> list[str]:
    """espeak-ng mnemonics split into phonemes and marks ("".join gives it back)."""
    tokens: list[str] = []
    i = 0
    while i < len(phonemes):
        for size in range(min(_LONGEST, len(phonemes) - i), 0, -1):
            if phonemes[i : i + size] in _KNOWN or size == 1:
                tokens.append(phonemes[i : i + size])
                i += size
                break
    return tokens


def _is_segment(token: str) -> bool:
    return token not in _STRESS and token not in _MARKS and not token.isspace()


def _next_segment(tokens: list[str], i: int) -> int | None:
    """Index of the first sound after tokens[i] (stress and marks skipped)."""
    for j in range(i + 1, len(tokens)):
        if _is_segment(tokens[j]):
            return j
    return None


def _nuclei(tokens: list[str]) -> list[int]:
    """Indices of the syllable nuclei: the vowels, glides written i/y/u excepted."""
    found = []
    for i, token in enumerate(tokens):
        if token not in _VOWELS:
            continue
        if token in _GLIDE_BEFORE_VOWEL:
            after = _next_segment(tokens, i)
            if after is not None and tokens[after] in _VOWELS:
                continue
        found.append(i)
    return found


class _FinalSyllable:
    """The word's last syllable: its nucleus, stress, length mark and coda."""

    def __init__(self, tokens: list[str], nuclei: list[int]) -> None:
        self.nucleus = nuclei[-1]
        previous = nuclei[-2] if len(nuclei) > 1 else -1
        onset = range(previous + 1, self.nucleus)
        # Primary or secondary: in running text espeak-ng gives some content
        # words only a secondary stress (voilà ``vwal,a``); "%" is unstressed.
        self.stressed = any(tokens[k] in ("'", "''", "'!", ",", ",,") for k in onset)
        after = self.nucleus + 1
        self.long_mark = after < len(tokens) and tokens[after] == ":"
        # The sounded consonants after the nucleus (liaison consonants are
        # silent at the end of a word, so they do not close the syllable).
        self.coda = [
            k
            for k in range(after, len(tokens))
            if _is_segment(tokens[k]) and tokens[k] not in _LIAISON
        ]
        self.closed = bool(self.coda)
        self.lengthened = self.closed and tokens[self.coda[0]] in _LENGTHENING


class QuebecFrench:
    """Québécois French (fr-CA) rules over espeak-ng French phonemes."""

    name = "fr-CA"

    def __init__(self, rules: Iterable[str] = RULES) -> None:
        enabled = frozenset(rules)
        unknown = enabled - set(RULES)
        if unknown:
            raise ValueError(f"unknown fr-CA rules: {sorted(unknown)}; known: {list(RULES)}")
        self.rules = enabled

    def __repr__(self) -> str:
        return f"QuebecFrench(rules={tuple(r for r in RULES if r in self.rules)!r})"

    def apply(self, words: Sequence[PhonemeWord]) -> list[str]:
        """The Québécois phonemes of each word, in order."""
        return [self.word(w.phonemes, w.text) for w in words]

    def word(self, phonemes: str, text: str = "") -> str:
        """One word's phonemes rewritten (``text`` as written: ê marks a long /ɛː/)."""
        tokens = tokenize(phonemes)
        if "affrication" in self.rules:
            _affricate(tokens)
        nuclei = _nuclei(tokens)
        if nuclei:
            final = _FinalSyllable(tokens, nuclei)
            # Each rule below changes the final nucleus, and at most one of
            # them applies: laxing takes /i y u/, the others /ɛ ɑ o a/.
            if "laxing" in self.rules:
                _lax(tokens, final)
            if "diphthongs" in self.rules:
                _diphthongise(tokens, final, text.lower())
            if "final_a" in self.rules:
                _back_final_a(tokens, final)
        return "".join(tokens)


def _affricate(tokens: list[str]) -> None:
    """/t d/ -> ts dz before /i y j ɥ/ (stress marks in between stay)."""
    for i, token in enumerate(tokens):
        if token in _AFFRICATE:
            after = _next_segment(tokens, i)
            if after is not None and tokens[after] in _HIGH_FRONT:
                tokens[i] = _AFFRICATE[token]


def _lax(tokens: list[str], final: _FinalSyllable) -> None:
    """/i y u/ -> I Y O in a final syllable closed by other than /ʁ v z ʒ/."""
    vowel = tokens[final.nucleus]
    if vowel in _LAX and final.closed and not final.lengthened:
        tokens[final.nucleus] = _LAX[vowel]
        if final.long_mark:
            tokens[final.nucleus + 1] = ""


def _diphthongise(tokens: list[str], final: _FinalSyllable, text: str) -> None:
    """Long /ɛː ɑː oː/ of a stressed closed final syllable -> aj, aw, ow."""
    if not (final.stressed and final.closed):
        return
    vowel = tokens[final.nucleus]
    if vowel == "E" and (final.lengthened or any(s in text for s in _LONG_E_SPELLINGS)):
        new = _DIPHTHONG_E
    elif vowel == "a" and final.long_mark:  # espeak-ng's /ɑ/ (pâte), not /a/ (patte)
        new = _DIPHTHONG_A
    elif vowel == "o":  # /o/ in a closed syllable is long (côte, jaune)
        new = _DIPHTHONG_O
    elif vowel == "O" and tokens[final.coda[0]] == "z":
        # French has no /ɔ/ before /z/: espeak-ng's rose ``r'Oz`` is /roːz/.
        new = _DIPHTHONG_O
    else:
        return
    tokens[final.nucleus] = new
    if final.long_mark:
        tokens[final.nucleus + 1] = ""


def _back_final_a(tokens: list[str], final: _FinalSyllable) -> None:
    """Word-final stressed /a/ -> a: (espeak-ng's /ɑ/)."""
    if final.stressed and not final.closed and tokens[final.nucleus] == "a" and not final.long_mark:
        tokens[final.nucleus] = _BACK_A
