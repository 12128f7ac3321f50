"""espeak-ng mnemonics -> IPA, for engines that read IPA (Piper).

The phoneme stage and its accent rules are written over espeak-ng's ASCII
mnemonics (see :mod:`lismoi.core.speech.phonemes`): one notation for every
engine, and the Québécois rules stay the ones tuned and listened to on
espeak-ng. An IPA engine converts at its own edge. A word the accent did not
change is given espeak-ng's own IPA of it (the Piper engine keeps it from the
phonemiser); only a rewritten word goes through :data:`FRENCH` below.

:data:`FRENCH` holds espeak-ng 1.51's French mnemonics and the IPA its
phoneme table writes for each (``espeak-ng -v fr -q --ipa "[[bXb]]"`` for
each mnemonic X of :mod:`lismoi.core.speech.accents.quebec`'s inventory,
the automatic stress of a lone vowel removed), plus the two sequences the
Québécois rules write that espeak-ng's French never does: the diphthong
offglides ``aj aw ow`` stay two symbols (Piper's models know ``j`` and
``w``), and ``I`` is [ɪ]. tests/core/speech/test_piper_ipa.py checks the
table against espeak-ng's IPA of French words.
"""

from __future__ import annotations

import re

from lismoi.core.speech.accents.quebec import tokenize

# Not sounds in IPA: pauses, syllable and word marks, unstressed marks. The
# liaison consonants (t2, z2...) are sounded in a mnemonic word only where
# espeak-ng kept them, so they map to their consonant.
FRENCH: dict[str, str] = {
    "'": "ˈ", ",": "ˌ", "''": "ˈ", "'!": "ˈ", ",,": "ˌ", "%": "", "%%": "", "=": "",
    ":": "ː", ";": "", "-": "-", "_": "", "_:": "", "_::": "", "_!": "", "_|": "",
    "_;_": "", "_^_": "", "_X1": "", "||": "", "*": "ɾ", "**": "ɾ",
    "@": "ə", "@-": "ə-", "a": "a", "a-": "a-", "a#": "ɐ", "e": "e", "e-": "e-",
    "E": "ɛ", "E-": "ɛ-", "i": "i", "I": "ɪ", "I2": "ɪ", "o": "o", "O": "ɔ", "oU": "əʊ",
    "u": "u", "u:": "uː", "y": "y", "y-": "y-", "W": "œ", "W2": "œ", "Y": "ø", "V": "ʌ",
    "A~": "ɑ̃", "E~": "ɛ̃", "W~": "œ̃", "O~": "ɔ̃",
    "b": "b", "B": "β", "c": "c", "c2": "c", "C": "ç", "d": "d", "d[": "d̪", "D": "ð",
    "dZ": "dʒ", "dZ;": "dʑ", "dz": "dz", "f": "f", "g": "ɡ", "h": "h", "j": "j", "j.": "y",
    "j/": "j", "J": "ɟ", "J^": "ʝ", "k": "k", "k#": "k", "k-": "k", "kh": "kh", "l": "l",
    "l#": "ɬ", "l-": "l̩", "l.": "ɭ", "l/": "l", "l/2": "l", "l/3": "l", "l^": "ʎ", "L": "ɫ",
    "L/": "ɫ", "m": "m", "m-": "m̩", "n": "n", "n-": "n̩", "n.": "ɳ", "n2": "n", "n^": "ɲ",
    "N": "ŋ", "N-": "ŋ̩", "p": "p", "p-": "p", "p2": "p", "ph": "ph", "q": "q", "Q": "ɣ",
    "Q\"": "ʁ", "Q^": "ɣ", "r": "ʁ", "r-": "r̩", "r.": "r", "r/": "ʁ", "r/2": "ʁ", "r2": "ʁ",
    "r\"": "ʀ", "R": "r", "R2": "r", "R3": "r", "s": "s", "s.": "ʂ", "s2": "s", "s;": "ʂ",
    "S": "ʃ", "S;": "ɕ", "t": "t", "t#": "tʰ", "t-": "t", "t2": "t", "t3": "t", "t[": "t̪",
    "tS": "tʃ", "tS;": "tɕ", "ts": "ts", "T": "θ", "v": "v", "v#": "ʋ", "w": "w", "w/": "w",
    "x": "x", "X": "χ", "#X1": "χ", "z": "z", "z.": "ʐ", "z2": "z", "z3": "z", "z;": "ʑ",
    "Z": "ʒ", "Z;": "ʑ", "?": "ʔ", "1": "",
}

# What a French Piper model has heard: the symbols (NFD code points) of
# espeak-ng 1.51's French IPA, which those models were trained on, measured
# over the paragraphs of resources/samples/prison-telephones.html and the
# accent's example sentence (tests/core/speech/test_piper_ipa.py measures it
# again). Piper's phoneme map has ids for every IPA symbol, but a symbol the
# French training data never had keeps an untrained embedding.
FRENCH_HEARD = frozenset("-abdefijklmnopstuvwyzøœɑɔəɛɡɲʁʃʒˈˌː\u0303")

# What the Québécois rules write that a French model never heard, and what
# it is given instead. Only the laxing of /i/ ([ɪ], petite, musique) is
# outside FRENCH_HEARD: on a Piper voice it is left out (/i/ stays [i]).
# Every other rule's output is French sounds: [ts dz] (t s d z), ʏ ~ ø and
# ʊ ~ ɔ (the espeak-ng approximations, kept: the true [ʏ ʊ] are as unheard
# as [ɪ]), the offglides j w, and aː.
FRENCH_SUBSTITUTES: dict[str, str] = {"ɪ": "i"}

_SWITCH = re.compile(r"\([^)]*\)")  # "(en)" ... "(fr)": espeak-ng's language switches


def strip_language_switches(phonemes: str) -> str:
    """espeak-ng's ``(en)``/``(fr)`` markers removed, as Piper does."""
    return _SWITCH.sub("", phonemes)


def mnemonics_to_ipa(
    phonemes: str, table: dict[str, str] = FRENCH, substitutes: dict[str, str] | None = None
) -> str:
    """One word's mnemonics as IPA; a mnemonic the table lacks is left out.

    ``substitutes`` replaces IPA symbols the voice never heard (see
    :data:`FRENCH_SUBSTITUTES`).
    """
    text = "".join(table.get(token, "") for token in tokenize(strip_language_switches(phonemes)))
    for old, new in (substitutes or {}).items():
        text = text.replace(old, new)
    return text
