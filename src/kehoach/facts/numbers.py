"""Vietnamese number grammar: '10.000' is ten thousand, '6,0' is six, '45 nghìn' is 45000.

Finds quantities in running text: a number or a range ('6,0 - 7,0', 'từ 15 - 20',
'9.000-10.000', '1,5 ÷ 2'), a fraction of a whole ('06/07 nhóm'), scale words, and the
position of what follows so that a unit can be read there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from kehoach.datafiles import load

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class Quantity:
    start: int  # offset of the first digit (or of 'từ')
    end: int  # offset after the number, scale word and '%'
    value: float
    value_max: float | None
    percent: bool  # '%' or '‰' follows (see `sign`)
    fraction_of: float | None
    raw: str


def parse_number(raw: str) -> float:
    """'10.000' -> 10000, '6,0' -> 6.0, '1.234,5' -> 1234.5, '1.5' -> 1.5, '01' -> 1."""
    s = raw.strip()
    if "," in s:
        whole, _, frac = s.rpartition(",")
        return float(whole.replace(".", "") + "." + frac)
    if "." in s:
        head, *groups = s.split(".")
        if groups and all(len(g) == 3 for g in groups):
            return float(head + "".join(groups))
        return float(s)
    return float(s)


@dataclass(frozen=True)
class _Grammar:
    pattern: regex.Pattern[str]
    scales: dict[str, float]
    words: regex.Pattern[str]
    word_values: dict[str, float]
    word_after: regex.Pattern[str]  # a word a number word may follow, anywhere: a pre-check


@cache
def _grammar() -> _Grammar:
    data = load("targets")
    scales = {k: float(v) for k, v in data["scales"].items()}
    scale = "|".join(sorted((regex.escape(s) for s in scales), key=len, reverse=True))
    joiners = "|".join(regex.escape(j) for j in data["range_joiners"])
    pattern = regex.compile(
        r"(?<![\p{L}\d/.,])(?P<a>" + _NUM + r")(?:\s*(?P<sa>" + scale + r")(?!\p{L}))?"
        r"(?:\s*(?P<pa>[%‰]))?"
        r"(?:\s*(?:"
        + joiners
        + r")\s*(?P<b>"
        + _NUM
        + r")(?:\s*(?P<sb>"
        + scale
        + r")(?!\p{L}))?)?"
        r"(?:/(?P<of>\d{1,3})(?![\d/]))?"
        r"(?:\s*(?P<pb>[%‰]))?",
        regex.IGNORECASE,
    )
    word_values = {k: float(v) for k, v in data["word_numbers"].items()}
    words = regex.compile(
        r"(?<=(?:^|\s)(?:"
        + "|".join(regex.escape(w) for w in data["word_number_after"])
        + r")\s+)(?P<w>"
        + "|".join(regex.escape(w) for w in word_values)
        + r")(?=\s+\p{L})",
        regex.IGNORECASE,
    )
    word_after = regex.compile(
        "|".join(regex.escape(w) for w in data["word_number_after"]), regex.IGNORECASE
    )
    return _Grammar(pattern, scales, words, word_values, word_after)


_DIGIT = regex.compile(r"\d")


def may_hold_quantity(text: str) -> bool:
    """False when `quantities` is sure to find nothing: no digit and no word a number word
    follows. Cheap, for skipping text before the costly patterns."""
    return bool(_DIGIT.search(text)) or bool(_grammar().word_after.search(text))


def quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order: digits, and number words after a bound."""
    g = _grammar()
    out: list[Quantity] = []
    # every number holds a digit; every number word follows a word of `word_after`
    for m in g.pattern.finditer(text) if _DIGIT.search(text) else ():
        if m.group("b") and m.group("of"):
            continue
        try:
            a = parse_number(m.group("a")) * g.scales.get((m.group("sa") or "").lower(), 1.0)
            b = None
            if m.group("b"):
                b = parse_number(m.group("b")) * g.scales.get(
                    (m.group("sb") or m.group("sa") or "").lower(), 1.0
                )
        except ValueError:
            continue
        if b is not None and b <= a:
            # '15 - 6' is not a range: keep the first number only.
            out.append(
                Quantity(m.start(), m.end("a"), a, None, bool(m.group("pa")), None, m.group("a"))
            )
            continue
        of = float(m.group("of")) if m.group("of") else None
        out.append(
            Quantity(m.start(), m.end(), a, b, bool(m.group("pa") or m.group("pb")), of, m.group(0))
        )
    for m in g.words.finditer(text) if g.word_after.search(text) else ():
        value = g.word_values[m.group("w").lower()]
        out.append(Quantity(m.start(), m.end(), value, None, False, None, m.group(0)))
    return sorted(out, key=lambda q: q.start)
