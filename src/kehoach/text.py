"""Text keys for matching: one tone-mark placement, case folded, optional ASCII fold.

The original text is never changed by these functions; they produce comparison keys.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex
from unidecode import unidecode

# Old-style ("hoá", "thuỷ") and new-style ("hóa", "thủy") tone placement differ only in
# open syllables ending in oa/oe/uy; both are folded to the new style.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_CARRIER = {"a": "o", "e": "o", "y": "u"}
_TONE_OF = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot


def _build_tone_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for vowel, toned in _TONED.items():
        carrier = _CARRIER[vowel]
        for i, ch in enumerate(toned):
            new_carrier = unicodedata.normalize("NFC", carrier + _TONE_OF[i])
            mapping[carrier + ch] = new_carrier + vowel
    return mapping


_TONE_MAP = _build_tone_map()
_TONE_RE = regex.compile(
    "(?<!q)(?:" + "|".join(sorted(_TONE_MAP, key=len, reverse=True)) + ")(?!\\p{L})",
    regex.IGNORECASE,
)
# The same on lower-case text, without case folding (keys are made from lower case).
_TONE_LOWER = regex.compile(
    "(?<!q)(?:" + "|".join(sorted(_TONE_MAP, key=len, reverse=True)) + ")(?!\\p{L})"
)
# The marks a rule under a title-block cell is drawn with: hyphens, or the dashes a word
# processor turns them into ('———'), underscores, equals signs.
RULE_MARKS = r"\-_=*~\u2012\u2013\u2014\u2015"
_SPACE_RE = regex.compile(r"[\s\u00a0\u200b\ufeff]+")
# Characters str.split() and the pattern above disagree on: only then is the pattern needed.
_ODD_SPACE = regex.compile(r"[\x1c-\x1f\u200b\ufeff]")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold_tones(s: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to the first vowel (hoá -> hóa)."""

    def repl(m: regex.Match[str]) -> str:
        found = m.group(0)
        low = found.lower()
        out = _TONE_MAP[low]
        return (
            out.upper()
            if found.isupper()
            else (out[0].upper() + out[1:] if found[0].isupper() else out)
        )

    return str(_TONE_RE.sub(repl, s))


def squash(s: str) -> str:
    """Collapse all whitespace (including no-break spaces) to single spaces and strip."""
    if _ODD_SPACE.search(s):
        return str(_SPACE_RE.sub(" ", s)).strip()
    return " ".join(s.split())


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """Comparison key: NFC, lower case, one tone placement, single spaces, 'đ' kept."""
    return squash(_TONE_LOWER.sub(lambda m: _TONE_MAP[m.group(0)], nfc(s).lower()))


@lru_cache(maxsize=65536)
def ascii_key(s: str) -> str:
    """Key without diacritics ('Sở Công Thương' -> 'so cong thuong')."""
    return squash(unidecode(key(s).replace("đ", "d")))


def upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


def sentence_case_name(s: str) -> str:
    """'ỦY BAN NHÂN DÂN' -> 'Ủy ban nhân dân'; capitals kept after 'và', '-', ','.

    Vietnamese official names capitalise the first word of each coordinated part
    ('Sở Lao động - Thương binh và Xã hội'); this reproduces that for all-caps headers.
    """
    words = squash(s).split(" ")
    out: list[str] = []
    cap_next = True
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low[:1].upper() + low[1:] if cap_next else low)
        cap_next = low in {"và", "-", "–"} or w.endswith(",") or (i == 0 and low in _BODY_WORDS)
    return " ".join(out)


# A department name's first word after these is capitalised: 'Sở Tài chính', 'Bộ Y tế'.
_BODY_WORDS = {"sở", "bộ", "ban", "cục", "báo", "đài", "hội", "trường"}


def title_case(s: str) -> str:
    """'LẠNG SƠN' -> 'Lạng Sơn' (place and person names)."""
    return " ".join(w[:1].upper() + w[1:].lower() if w else w for w in squash(s).split(" "))


# A date a narrow table cell broke inside its year ('Trước ngày 30/11/20' / '25', '15/12/' /
# '2026').
_DATE_HEAD = regex.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(\d{0,3})$")
_DATE_TAIL = regex.compile(r"^(\d{1,4})(?![\d/])")


def join_wrapped(parts: list[str]) -> str:
    """A cell's lines as one text: one space where each line broke, none inside a date
    the break cut ('30/11/20' + '25' is '30/11/2025': its year has four digits)."""
    out = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        head = _DATE_HEAD.search(out) if out[-1:].isdigit() or out.endswith("/") else None
        tail = _DATE_TAIL.match(part) if head is not None else None
        if head is not None and tail is not None and len(head.group(1) + tail.group(1)) == 4:
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out
