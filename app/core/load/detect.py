"""Guess the legacy encoding of bytes that do not say theirs, as a browser does.

The guess is Firefox's own detector, chardetng (``chardetng-py``), given the
top-level domain of the page's address as Firefox gives it (a ``.pl`` page is
more likely ISO-8859-2, a ``.jp`` one Shift_JIS). A file has no domain and
``.com`` names no country: there the page's language (``<html lang>``,
Content-Language) stands in for it, as the country that wrote it. Measured
on the charset set (``bench/charset.py``), chardetng is right far more often
than charset-normalizer, whose scores were no help as a second opinion.

One check is added on top: chardetng chooses between code pages of one
script that differ only in a few bytes (ISO-8859-2 and windows-1250,
windows-1252 and ISO-8859-15, windows-1251 and Mac Cyrillic), and it does
not guess some of them at all. Each of these is decoded, and one replaces
the detector's choice only when its text is plainly better formed: fewer C1
control characters (never in real text), fewer symbols glued to letters
("½uvre" for "œuvre") and fewer capitals inside lower-case words ("ЊэриЯ").
charset-normalizer remains for bytes the guess cannot decode.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# WHATWG labels (what chardetng answers and pages declare) that Python knows
# under another name, or whose WHATWG decoder is a superset: the "gbk" label
# is decoded as GB18030, "euc-kr" as windows-949, "shift_jis" as windows-31J.
WHATWG = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-user-defined": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "l5": "cp1254",
    "windows-874": "cp874",
    "dos-874": "cp874",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "iso-8859-8-i": "iso8859-8",
    "logical": "iso8859-8",
    "visual": "iso8859-8",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "x-euc-jp": "euc_jp",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-ir-58": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601-1989": "cp949",
    "ksc5601": "cp949",
    "korean": "cp949",
    "windows-949": "cp949",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "macintosh": "mac-roman",
    "ibm866": "cp866",
    "koi8": "koi8-r",
    "koi8-ru": "koi8-u",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
}

# The code pages a guess may be confused with: same script, a few bytes apart.
_SIBLINGS = {
    "cp1252": ("iso8859-15",),
    "iso8859-15": ("cp1252",),
    "iso8859-2": ("cp1250",),
    "cp1250": ("iso8859-2",),
    "iso8859-4": ("cp1257", "iso8859-13"),
    "iso8859-13": ("cp1257",),
    "cp1257": ("iso8859-13",),
    "iso8859-5": ("cp1251",),
    "cp1251": ("mac-cyrillic",),
    "mac-cyrillic": ("cp1251",),
    "iso8859-7": ("cp1253",),
    "cp1253": ("iso8859-7",),
    "iso8859-8": ("cp1255",),
    "cp1255": ("iso8859-8",),
    "iso8859-6": ("cp1256",),
    "cp1256": ("iso8859-6",),
}
_TLD = re.compile(r"^[a-z0-9-]{1,63}$")
# Where there is no domain (a file) or it says nothing of a country (.com),
# the page's language stands in for it: the country whose legacy encoding
# that language was written in (chardetng's hint is a TLD, not a language).
_GENERIC = frozenset(("com", "org", "net", "info", "biz", "edu", "gov", "int", "mil", "io", "eu"))
_LANG_TLD = {
    "fr": "fr", "de": "de", "es": "es", "pt": "pt", "it": "it", "nl": "nl", "sv": "se",
    "da": "dk", "nb": "no", "nn": "no", "no": "no", "fi": "fi", "is": "is", "ca": "cat",
    "pl": "pl", "cs": "cz", "sk": "sk", "hu": "hu", "ro": "ro", "hr": "hr", "sl": "si",
    "bs": "ba", "sq": "al", "ru": "ru", "uk": "ua", "be": "by", "bg": "bg", "sr": "rs",
    "mk": "mk", "kk": "kz", "el": "gr", "tr": "tr", "az": "az", "he": "il", "iw": "il",
    "yi": "il", "ar": "eg", "fa": "ir", "ur": "pk", "lt": "lt", "lv": "lv", "et": "ee",
    "vi": "vn", "th": "th", "ja": "jp", "zh": "cn", "ko": "kr",
}
_SCRIPT_TLD = {"hant": "tw", "hans": "cn"}
_LIMIT = 200_000  # bytes enough for the detector; a 20 MB page need not be read twice
_SCORED = 50_000  # characters enough to compare two decodings (a loop in Python)


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for an encoding label (WHATWG meaning), or None."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def tld_hint(host: str | None) -> str | None:
    """The top-level domain chardetng wants ("fr", "xn--p1ai"), or None
    (no host, an IP address, or a name it would reject)."""
    if not host:
        return None
    host = host.strip(".").lower()
    label = host.rsplit(".", 1)[-1]
    if label.isdigit() or ":" in host:  # 192.168.0.1, [::1]
        return None
    try:
        label = label.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    # chardetng panics on a dot, upper case or non-ASCII: never pass one.
    return label if _TLD.match(label) else None


def language_hint(lang: str | None) -> str | None:
    """A TLD for chardetng from a language tag: the region when there is one
    ("pt-BR" -> "br"), else the language's country ("hu" -> "hu"); None for
    English, spoken everywhere, and for what is not a tag."""
    if not lang:
        return None
    parts = lang.split(",")[0].strip().lower().replace("_", "-").split("-")
    if not parts[0].isalpha() or parts[0] == "en":
        return None
    for sub in parts[1:]:
        if sub in _SCRIPT_TLD:
            return _SCRIPT_TLD[sub]
        if len(sub) == 2 and sub.isalpha():
            return sub
    return _LANG_TLD.get(parts[0])


# The windows code pages leave a few bytes of 0x80-0x9F unassigned, where
# Python fails and the WHATWG decoders give the C1 control of the same number
# (a stray 0x81 in a windows-1252 page does not make browsers drop the label).
_C1_HOLES = frozenset(
    ("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1257", "cp1258", "cp874")
)


def _c1_holes(err: UnicodeError) -> tuple[str, int]:
    if isinstance(err, UnicodeDecodeError):
        bad = err.object[err.start : err.end]
        if len(bad) == 1 and 0x80 <= bad[0] <= 0x9F:
            return chr(bad[0]), err.end
    raise err


codecs.register_error("lismoi-c1-holes", _c1_holes)


def errors_for(encoding: str) -> str:
    """The error handler that decodes ``encoding`` as WHATWG does, else "strict"."""
    return "lismoi-c1-holes" if encoding in _C1_HOLES else "strict"


def strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded as a browser would, or None where it would fail."""
    try:
        return data.decode(encoding, errors_for(encoding))
    except (UnicodeDecodeError, LookupError):
        return None


def _prefix(data: bytes, encoding: str, final: bool) -> str | None:
    """Strict decoding of ``data``, which may end inside a character unless ``final``."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors_for(encoding))
        return decoder.decode(data, final=final)
    except (UnicodeDecodeError, LookupError):
        return None


_SYMBOLS = frozenset(("So", "Sc", "Sk", "No", "Co"))


def oddities(text: str) -> int:
    """How badly formed ``text`` looks: C1 controls count ten; a symbol glued
    to a letter and a capital after a lower-case letter one each."""
    bad = 0
    prev_cat = "Zs"
    for ch in text:
        cat = unicodedata.category(ch)
        if "\x80" <= ch <= "\x9f":
            bad += 10
        elif (
            (cat in _SYMBOLS and prev_cat[0] == "L")
            or (cat[0] == "L" and prev_cat in _SYMBOLS)
            or (cat == "Lu" and prev_cat == "Ll")
        ):
            bad += 1
        prev_cat = cat
    return bad


def _chardetng(data: bytes, tld: str | None) -> str:
    from chardetng_py import EncodingDetector  # a compiled module: loaded only when needed

    detector = EncodingDetector()
    detector.feed(data, last=True)
    hint = tld.encode("ascii") if tld and _TLD.match(tld) else None
    return detector.guess(tld=hint, allow_utf8=False)


def _normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return normalise_label(best.encoding) if best is not None else None


def guess(data: bytes, tld: str | None = None, lang: str | None = None) -> tuple[str, str]:
    """(codec, text) for undeclared, non-UTF-8 bytes; ``tld`` from the address,
    ``lang`` the page's language tag (used when the domain tells no country)."""
    sample = data[:_LIMIT]
    whole = len(sample) == len(data)
    if tld is None or tld in _GENERIC:
        tld = language_hint(lang) or tld
    first = normalise_label(_chardetng(sample, tld)) or "cp1252"
    best: tuple[int, str] | None = None
    for enc in (first, *_SIBLINGS.get(first, ())):
        text = _prefix(sample, enc, whole)
        if text is None:
            continue
        score = oddities(text[:_SCORED])
        if best is None or score < best[0]:  # a tie keeps the detector's choice
            best = (score, enc)
    if best is None:
        alt = _normalizer(sample)
        enc = alt if alt and _prefix(sample, alt, whole) is not None else first
    else:
        enc = best[1]
    text = strict(data, enc)
    return (enc, text) if text is not None else (enc, data.decode(enc, "replace"))
