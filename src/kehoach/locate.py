"""Exact line spans for quotes: each fact's quote is looked up in the physical lines.

Extractors know roughly where a fact came from (a block, a heading, a table row); a
block of a reflowed crawl or a wrapped paragraph covers several lines, and a heading's
own span is its first line only. This pass finds the quote itself, so every span holds
its whole quote and no more. Whitespace, Markdown marks and table cell separators are
ignored in the comparison, as FORMAT.md allows quotes to differ in them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from kehoach.structure.lines import Line

_MARKS = "|*_\\"


def _bare(text: str) -> str:
    """The text without whitespace and the ignored marks. str.split and str.replace do
    this at a third of a regex substitution's cost; split's whitespace is regex's \\s
    and the separators \\x1c-\\x1f, which no plan's text holds."""
    text = "".join(text.split())
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


# How far past a span's last line a quote may run (a heading's span is its first line).
_SLACK = 60


@dataclass(frozen=True)
class Index:
    flat: str  # the text without ignored characters
    numbers: list[int]  # physical line numbers, in order
    offsets: list[int]  # offset in `flat` where each of those lines starts
    starts: dict[int, int]  # line number -> offset of its first character in `flat`

    def line_of(self, offset: int) -> int:
        return self.numbers[bisect_right(self.offsets, offset) - 1]


def index(lines: list[Line]) -> Index:
    # one substitution over all lines, parted by a character no rule removes
    # (a NUL inside a damaged file's line would split it: it reads as a space there)
    texts = (ln.text.replace("\x00", " ") if "\x00" in ln.text else ln.text for ln in lines)
    parts = _bare("\x00".join(texts)).split("\x00")
    offsets: list[int] = []
    pos = 0
    for part in parts:
        offsets.append(pos)
        pos += len(part)
    numbers = [ln.no for ln in lines]
    return Index("".join(parts), numbers, offsets, dict(zip(numbers, offsets, strict=True)))


def locate(ix: Index, quote: str, line_start: int, line_end: int) -> tuple[int, int] | None:
    """First and last line of `quote`: its first occurrence from `line_start` on (up to
    `_SLACK` lines after `line_end`), else the nearest one in the `_SLACK` lines before
    (a heading's run-on body knows only where it ended); None when it is not there."""
    q = _bare(quote)
    if not q or line_start not in ix.starts:
        return None
    lo = ix.starts[line_start]
    hi = ix.starts.get(max(line_end, line_start) + _SLACK + 1, len(ix.flat))
    at = ix.flat.find(q, lo, hi + len(q))
    if at < 0:
        back = ix.starts.get(max(1, line_start - _SLACK), 0)
        at = ix.flat.rfind(q, back, lo + len(q))
    if at < 0:
        return None
    return ix.line_of(at), ix.line_of(at + len(q) - 1)
