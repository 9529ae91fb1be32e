"""Old Vietnamese encodings -> Unicode: TCVN3 (ABC), VNI and Windows-1258.

Plans typed before about 2010 used 8-bit fonts: copied out they read 'KÕ ho¹ch' (TCVN3)
or 'Keá hoaïch' (VNI). The code tables are data (data/encodings.yaml). Which encoding a
text is in is decided by the share of real Vietnamese syllables each reading gives.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from kehoach.datafiles import load

ENCODINGS = ("tcvn3", "vni", "cp1258")


@dataclass(frozen=True)
class _Table:
    decode: dict[str, str]  # code -> letter
    encode: dict[str, str]  # letter -> code
    pattern: regex.Pattern[str]  # codes, longest first


@cache
def _table(enc: str) -> _Table:
    pairs: dict[str, str] = load("encodings")[enc]
    decode = {code: uni for uni, code in pairs.items()}
    if enc == "vni":
        # A mark typed in the other case than its letter still marks it; the letter's case wins.
        for code, uni in list(decode.items()):
            if len(code) == 2:
                for mark in {code[1].lower(), code[1].upper()}:
                    key = code[0] + mark
                    decode.setdefault(key, uni.upper() if code[0].isupper() else uni.lower())
    keys = sorted(decode, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(k) for k in keys))
    return _Table(decode, pairs, pattern)


@cache
def _fonts() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    f = load("encodings")["fonts"]
    return (
        regex.compile(f["tcvn3"], regex.IGNORECASE),
        regex.compile(f["tcvn3_capitals"]),
        regex.compile(f["vni"], regex.IGNORECASE),
    )


def font_encoding(font: str | None) -> str | None:
    """'tcvn3', 'tcvn3-caps' or 'vni' for a run in an old Vietnamese font, else None."""
    if not font:
        return None
    tcvn3, caps, vni = _fonts()
    if tcvn3.search(font):
        return "tcvn3-caps" if caps.search(font) else "tcvn3"
    if vni.search(font):
        return "vni"
    return None


def to_unicode(text: str, enc: str) -> str:
    """Text read as Windows-1252 characters (or Windows-1258 bytes as Latin-1) in `enc`."""
    if enc == "cp1258":
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return text
        return unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    if enc == "tcvn3-caps":
        return _tcvn3(text).upper()
    if enc == "tcvn3":
        return _tcvn3(text)
    table = _table("vni")
    return str(table.pattern.sub(lambda m: table.decode[m.group()], text))


_TCVN3_WORD = regex.compile(r"[\p{L}\u00a1-\u00ff]+")
_SENTENCE_START = regex.compile(r"(?:^|\n|[.!?:]\s+|^\s+)\s*$")


def _tcvn3(text: str) -> str:
    """Codes to letters, then case: the capitals font prints lowercase codes as capitals, so
    a converted letter in a word of capitals ('HO¹CH') or beside one ('KÕ HO¹CH') is one."""
    table = _table("tcvn3")
    words = list(_TCVN3_WORD.finditer(text))

    def caps(word: str) -> bool | None:
        letters = [c for c in word if c.isascii() and c.isalpha()]
        if any(c.islower() for c in letters):
            return False
        return True if len(letters) >= 2 else None

    verdicts = [caps(m.group()) for m in words]
    out: list[str] = []
    last = 0
    for k, m in enumerate(words):
        verdict = verdicts[k]
        if verdict is None:
            verdict = any(verdicts[j] for j in (k - 1, k + 1) if 0 <= j < len(words))
        converted = table.pattern.sub(lambda c: table.decode[c.group()], m.group())
        before = text[last : m.start()]
        out.append(before)
        if verdict:
            converted = converted.upper()
        elif m.group()[0] in table.decode and _SENTENCE_START.search(text, 0, m.start()):
            converted = converted[0].upper() + converted[1:]  # sentence case lost with the font
        out.append(converted)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def from_unicode(text: str, enc: str) -> bytes:
    """Unicode text as bytes in an old encoding (the tests make old copies of samples)."""
    text = unicodedata.normalize("NFC", text)
    if enc == "cp1258":
        out = bytearray()
        for ch in text:
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:
                # A toned letter: its base letter (â, ê, ơ ...) and the tone as a combining mark.
                decomposed = unicodedata.normalize("NFD", ch)
                tones = "".join(c for c in decomposed if c in _TONES)
                base = unicodedata.normalize(
                    "NFC", "".join(c for c in decomposed if c not in _TONES)
                )
                try:
                    out += (base + tones).encode("cp1258")
                except UnicodeEncodeError:
                    out += b"?"
        return bytes(out)
    table = _table(enc)
    chars: list[str] = []
    for ch in text:
        code = table.encode.get(ch)
        if code is None and enc == "tcvn3" and ch.lower() in table.encode:
            code = table.encode[ch.lower()]  # a toned capital: the lowercase code
        chars.append(code if code is not None else ch)
    return "".join(chars).encode("cp1252", errors="replace")


_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Latin-1 characters that are no Vietnamese letter ('¹', 'µ', '¸', 'ø', 'û', 'ï', '®' ...):
# the codes of TCVN3 and VNI shown as Windows-1252.
_FOREIGN = regex.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)


_LETTER = regex.compile(r"\p{L}")  # what str.isalpha() counts


def looks_legacy(text: str) -> bool:
    """Enough characters of old-encoding codes that no Vietnamese text has that the text
    may be TCVN3 or VNI shown as Windows-1252."""
    sample = text[:50_000]
    foreign = len(_FOREIGN.findall(sample))
    if not foreign:
        return False  # (most texts: no letter need be counted)
    letters = len(_LETTER.findall(sample))
    return letters > 0 and foreign > 0.01 * letters


def best_reading(text: str, share: float) -> tuple[str, str] | None:
    """(converted text, encoding) when an old encoding reads as Vietnamese clearly better
    than the text as it is (its Vietnamese share `share`), else None."""
    best: tuple[float, str, str] | None = None
    for enc in ENCODINGS:
        got = to_unicode(text, enc)
        s = vietnamese_share(got.splitlines())
        if s > share + 0.1 and s >= 0.6 and (best is None or s > best[0]):
            best = (s, got, enc)
    return None if best is None else (best[1], best[2])


@cache
def _syllable() -> regex.Pattern[str]:
    return regex.compile(load("formats")["vietnamese_syllable"], regex.IGNORECASE)


def vietnamese_share(lines: list[str]) -> float:
    """Share of the words (letters only, two to eight) that are Vietnamese syllables: a
    PDF text layer whose fonts map to garbage ('.ӂ +2Ҥ&+' for 'KẾ HOẠCH') or an old
    encoding read as Unicode ('KÕ ho¹ch') scores low, plain Vietnamese above 0.9."""
    words = [
        w for ln in lines[:400] for w in regex.findall(r"[^\s\d\p{P}\p{S}]{2,}", ln) if len(w) < 9
    ]
    if not words:
        return 0.0
    good = sum(1 for w in words if _syllable().fullmatch(w))
    return good / len(words)


def read_bytes(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of bytes that are not UTF-8, when an old Vietnamese encoding reads
    them as Vietnamese; None otherwise."""
    best: tuple[float, str, str] | None = None
    shown = data.decode("cp1252", errors="replace")
    for enc in ENCODINGS:
        if enc == "cp1258":
            got = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
        else:
            got = to_unicode(shown, enc)
        s = vietnamese_share(got.splitlines())
        if s >= 0.6 and (best is None or s > best[0]):
            best = (s, got, enc)
    return None if best is None else (best[1], best[2])
