"""Text prepared for listening, with a map back to the original characters.

What a reader sees is not what a listener should hear: « M. Dupont » is
"Monsieur Dupont", « XXe siècle » is "vingtième siècle", a URL spelt out
letter by letter is noise, and « * # | → » are not words. Each rule rewrites
matches of a pattern; the result keeps, for every character, the span of the
original text it came from (``starts``/``ends``), so the engine's word events
still highlight the right words in the article.

Markup-like text is never interpreted: the worker calls espeak-ng without
its SSML and phoneme flags (so « <break time="9s"/> » and « [[h@l'oU]] »
are plain text to it), and here tags, wiki brackets and templates are removed
so that they are not read out as symbols either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Prepared:
    """``text`` to speak; ``starts[i]``/``ends[i]``: source span of ``text[i]``."""

    text: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, text: str) -> Prepared:
        return cls(text, list(range(len(text))), list(range(1, len(text) + 1)))


def _apply(prep: Prepared, pattern: re.Pattern[str], repl: Replacement) -> Prepared:
    text = prep.text
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in pattern.finditer(text):
        a, b = match.span()
        if a == b:
            continue
        new = repl(match) if callable(repl) else match.expand(repl)
        if new == match.group(0):
            continue
        out.append(text[pos:a])
        starts.extend(prep.starts[pos:a])
        ends.extend(prep.ends[pos:a])
        src_start, src_end = prep.starts[a], prep.ends[b - 1]
        out.append(new)
        starts.extend([src_start] * len(new))
        ends.extend([src_end] * len(new))
        pos = b
    if pos == 0:
        return prep
    out.append(text[pos:])
    starts.extend(prep.starts[pos:])
    ends.extend(prep.ends[pos:])
    return Prepared("".join(out), starts, ends)


# ------------------------------------------------------------ numbers

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Up to 39 in I, V, X: enough for centuries and kings, and it cannot eat "Le",
# "Ce", "CD" or "MD". Never a lone "I" (the English pronoun).
_ROMAN_RE = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_REGNAL = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]+) (?=[IVX]{2,}\b)(" + _ROMAN_RE + r")\b(?![\w'’])")


def roman_to_int(numeral: str) -> int:
    """ "XIV" -> 14 (no validation beyond the regex that found it)."""
    total = 0
    values = [_ROMAN[c] for c in numeral.upper()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


# ------------------------------------------------------------ shared rules

_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,400})?/?>", re.S)
_WIKI = re.compile(r"\[\[|\]\]|\{\{|\}\}")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?)\]'’]", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Decoration and symbols read as noise ("astérisque", "barre verticale" ...).
_NOISE = re.compile(
    r"[*#_|~^\\•◦▪▫►▶◀→←↑↓⇒⇐↔★☆✓✔✗✘♦♣♠♥§¶†‡❖➜➔⟶⟵■□●○◆◇]+"
    r"|[-=]{3,}"
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+"
)
_SLASH = re.compile(r"(?<=[^\W\d])/(?=[^\W\d])")  # "et/ou" -> "et ou"; 3/4 stays


def _url_words(dot: str) -> Callable[[re.Match[str]], str]:
    def speak(match: re.Match[str]) -> str:
        url = re.sub(r"^(?:https?|ftp)://", "", match.group(0), flags=re.IGNORECASE)
        host = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        host = re.sub(r"^www\.", "", host, flags=re.IGNORECASE).split(":", 1)[0]
        # The site says where the link goes; the path is noise for a listener.
        return " " + f" {dot} ".join(p for p in host.split(".") if p) + " "

    return speak


def _email_words(at: str, dot: str) -> Callable[[re.Match[str]], str]:
    def speak(match: re.Match[str]) -> str:
        user, domain = match.group(0).split("@", 1)
        user = re.sub(r"[._+-]+", " ", user)
        return f" {user} {at} " + f" {dot} ".join(domain.split(".")) + " "

    return speak


def _regnal(match: re.Match[str]) -> str:
    return f"{match.group(1)} {roman_to_int(match.group(2))}"


# ------------------------------------------------------------ French

# espeak-ng reads "21ème" well but "19ème" as "dix-neuf-ième": spell the tens
# before a 9 ourselves ("dix-neuvième").
_FR_TENS = {
    0: "",
    10: "dix-",
    20: "vingt-",
    30: "trente-",
    40: "quarante-",
    50: "cinquante-",
    60: "soixante-",
    70: "soixante-dix-",
    80: "quatre-vingt-",
    90: "quatre-vingt-dix-",
}


def _fr_hours(hours: str) -> str:
    return "une heure" if int(hours) == 1 else f"{int(hours)} heures"


def _fr_ordinal(n: int) -> str:
    if n == 1:
        return "premier"
    if n % 10 == 9 and n < 100:
        return _FR_TENS[n - 9] + "neuvième"
    return f"{n}ème"


_FR_RULES: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"\bav\.\s?J\.?-C\.?"), "avant Jésus-Christ"),
    (re.compile(r"\bapr\.\s?J\.?-C\.?"), "après Jésus-Christ"),
    (re.compile(r"\bJ\.-C\.?"), "Jésus-Christ"),
    (re.compile(r"\bc\.-à-d\.?"), "c'est-à-dire"),
    (re.compile(r"\bp\.\s?ex\."), "par exemple"),
    (re.compile(r"\bMM\.(?=\s)"), "Messieurs"),
    (re.compile(r"\bM\.(?=\s?[A-ZÀ-Ý])"), "Monsieur"),
    (re.compile(r"\bMmes\b\.?"), "Mesdames"),
    (re.compile(r"\bMme\b\.?"), "Madame"),
    (re.compile(r"\bMlles\b\.?"), "Mesdemoiselles"),
    (re.compile(r"\bMlle\b\.?"), "Mademoiselle"),
    (re.compile(r"\bMgr\b\.?"), "Monseigneur"),
    (re.compile(r"\bDr\b\.?(?=\s?[A-ZÀ-Ý])"), "Docteur"),
    (re.compile(r"\bPr\b\.?(?=\s?[A-ZÀ-Ý])"), "Professeur"),
    (re.compile(r"\bMe\b\.?(?=\s[A-ZÀ-Ý])"), "Maître"),
    (re.compile(r"\bSte\b\.?(?=[\s-][A-ZÀ-Ý])"), "Sainte"),
    (re.compile(r"\bSt\b\.?(?=[\s-][A-ZÀ-Ý])"), "Saint"),
    (re.compile(r"\b[nN]°\s?|\b[nN]o\.?\s(?=\d)"), "numéro "),
    (re.compile(r"\betc\b"), "et cetera"),
    (re.compile(r"\bcf\.\s?"), "voir "),
    (re.compile(r"\benv\.(?=\s\d)"), "environ"),
    (re.compile(r"\bkm/h\b"), "kilomètres heure"),
    # « 14 h 30 » is read "quatorze ache trente" otherwise.
    (re.compile(r"\b(\d{1,2}) ?h ?(\d{2})\b"), lambda m: f"{_fr_hours(m.group(1))} {m.group(2)}"),
    (re.compile(r"\b(\d{1,2}) ?h\b(?![\w'’])"), lambda m: _fr_hours(m.group(1))),
    (re.compile(r"\s&\s"), " et "),
    # Ordinals and centuries: espeak-ng reads "21ème" right but not "21e" or "XXe".
    (re.compile(r"\b1er\b|\bIer\b"), "premier"),
    (re.compile(r"\b1(?:re|ère)\b|\bIre\b"), "première"),
    (re.compile(r"\b2nde?\b"), lambda m: "seconde" if m.group(0).endswith("e") else "second"),
    (
        re.compile(r"\b(\d+)(?:e|è|ème|eme)(s?)\b"),
        lambda m: _fr_ordinal(int(m.group(1))) + m.group(2),
    ),
    (
        re.compile(rf"\b(?=[IVX])({_ROMAN_RE})(?:e|è|ème|eme)(s?)\b"),
        lambda m: _fr_ordinal(roman_to_int(m.group(1))) + m.group(2) if m.group(1) else m.group(0),
    ),
    # Regnal numbers: « Louis XIV » is "Louis quatorze", not "quatorze romain".
    (_REGNAL, _regnal),
]

# ------------------------------------------------------------ English

_EN_RULES: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"\bMr\b\.?"), "Mister"),
    (re.compile(r"\bMrs\b\.?"), "Missus"),
    (re.compile(r"\bMs\b\.?(?=\s[A-Z])"), "Miz"),
    (re.compile(r"\bDr\b\.?(?=\s?[A-Z])"), "Doctor"),
    (re.compile(r"\bProf\b\.?(?=\s?[A-Z])"), "Professor"),
    (re.compile(r"\bSt\b\.?(?=\s[A-Z])"), "Saint"),
    (re.compile(r"\b[Nn]o\.\s?(?=\d)|\b[Nn]os\.\s?(?=\d)|#(?=\d)"), "number "),
    (re.compile(r"\be\.\s?g\.(?:,)?"), "for example,"),
    (re.compile(r"\bi\.\s?e\.(?:,)?"), "that is,"),
    (re.compile(r"\betc\b"), "et cetera"),
    (re.compile(r"\bvs\b\.?"), "versus"),
    (re.compile(r"\bmph\b"), "miles per hour"),
    (re.compile(r"\s&\s"), " and "),
    (_REGNAL, _regnal),
]

_WORDS = {
    "fr": {"dot": "point", "at": "arobase", "slash": "barre"},
    "en": {"dot": "dot", "at": "at", "slash": "slash"},
}


def prepare(text: str, lang: str = "fr") -> Prepared:
    """``text`` rewritten for the ear in language ``lang`` ("fr", "fr-CA", "en", ...)."""
    base = (lang or "").split("-")[0].split("_")[0].lower()
    words = _WORDS.get(base, _WORDS["en"])
    prep = Prepared.identity(text)
    prep = _apply(prep, _TAG, " ")
    prep = _apply(prep, _WIKI, " ")
    prep = _apply(prep, _EMAIL, _email_words(words["at"], words["dot"]))
    prep = _apply(prep, _URL, _url_words(words["dot"]))
    rules = _FR_RULES if base == "fr" else _EN_RULES if base == "en" else []
    for pattern, repl in rules:
        prep = _apply(prep, pattern, repl)
    if base not in ("fr", "en"):
        # Regnal numbers are cardinal in most languages we may meet.
        prep = _apply(prep, _REGNAL, _regnal)
    prep = _apply(prep, _NOISE, " ")
    prep = _apply(prep, _SLASH, " ")
    return prep


def prepare_text(text: str, lang: str = "fr") -> str:
    """Only the text of :func:`prepare` (for the CLI and tests)."""
    return prepare(text, lang).text
