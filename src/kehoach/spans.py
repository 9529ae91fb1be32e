"""Sets of character ranges with a fast membership test."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Covered:
    """Positions covered by any of some [start, end) ranges, tested in O(log n): a long
    line citing thousands of documents stays linear to read."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._ends = list(itertools.accumulate((b for _, b in ordered), max))

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and self._ends[k] > pos

    def __bool__(self) -> bool:
        return bool(self._starts)
