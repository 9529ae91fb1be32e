"""Positioned words of printed pages -> text lines in reading order, with their pages.

PDF text layers and OCR both give words with boxes; this module turns them into the
lines the rest of the pipeline reads: one paragraph per line (wrapped lines joined), the
title block's and signature block's two columns as separate lines, tables as
'| a | b |' rows, page numbers and running headers dropped, and footnotes from the foot
of the pages gathered after the body as '[n] text' lines (their marks in the body become
'[n]', which the line cleaner drops).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.text import upper_ratio


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Table:
    """A ruled table found on a page: its box and the text of its cells, row by row."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    tables: list[Table] = field(default_factory=list)


@dataclass
class _Line:
    words: list[Word]
    page: int
    kind: str = "text"  # text | row | column
    text: str = ""

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)


@dataclass(frozen=True)
class _Rules:
    page_number: regex.Pattern[str]
    stamp: regex.Pattern[str]
    new_item: regex.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load("formats")["pages"]
    return _Rules(
        page_number=regex.compile(data["page_number"], regex.IGNORECASE),
        stamp=regex.compile("|".join(f"(?:{p})" for p in data["stamp"]), regex.IGNORECASE),
        new_item=regex.compile(data["new_item"]),
    )


def goes_on(text: str) -> bool:
    """A line that carries on the sentence of the line before: it starts in lower case
    and opens no item of its own ('a) ...', '- ...')."""
    return text[:1].islower() and not _rules().new_item.match(text)


def _group_lines(words: list[Word]) -> list[list[Word]]:
    """Words whose vertical middles are close form a line; superscripts stay with theirs."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.mid, w.x0)):
        if out:
            line = out[-1]
            first = line[0]
            tol = 0.45 * max(first.size, w.size)
            if w.mid - line[-1].mid < tol and w.mid - first.mid < 1.4 * tol:
                line.append(w)
                continue
        out.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in out]


def _line_text(words: list[Word]) -> str:
    """Words joined by spaces; a small raised number glued to a word is a footnote mark."""
    base = statistics.median(w.size for w in words)
    base_bottom = statistics.median(w.bottom for w in words)
    parts: list[str] = []
    prev: Word | None = None
    for w in words:
        raised = w.size < 0.8 * base and w.bottom < base_bottom - 0.2 * base
        glued = prev is not None and w.x0 - prev.x1 < 0.25 * base
        if glued and raised and parts and regex.fullmatch(r"\d{1,3}", w.text):
            parts[-1] += f"[{w.text}]"
            prev = w
            continue
        parts.append(w.text)
        prev = w
    return " ".join(parts)


def _wide(a: Word, b: Word, usual: float = 0.0) -> bool:
    """A gap no justified line has between words: a column gutter or a cell border. A
    justified line stretches all its gaps alike, so a gap must also stand out from the
    line's usual gap (`usual`, the median)."""
    return b.x0 - a.x1 > max(1.6 * max(a.size, b.size), 12.0, 3.0 * usual)


def _usual_gap(words: list[Word]) -> float:
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    return statistics.median(gaps) if len(gaps) >= 3 else 0.0


def _wide_gaps(words: list[Word]) -> list[tuple[float, float]]:
    usual = _usual_gap(words)
    return [(a.x1, b.x0) for a, b in itertools.pairwise(words) if _wide(a, b, usual)]


def _segments(words: list[Word]) -> list[list[Word]]:
    """A line cut where the gap between words is wide: columns or table cells."""
    segs: list[list[Word]] = [[words[0]]]
    usual = _usual_gap(words)
    for a, b in itertools.pairwise(words):
        if _wide(a, b, usual):
            segs.append([b])
        else:
            segs[-1].append(b)
    return segs


def _in_box(w: Word, t: Table) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, w.mid
    return t.x0 - 1 <= cx <= t.x1 + 1 and t.top - 1 <= cy <= t.bottom + 1


def _page_items(page: Page) -> list[tuple[float, list[str], str, list[Word]]]:
    """(top, texts, kind, words) in reading order: lines, two-column bands, table rows."""
    rules = _rules()
    words = [w for w in page.words if w.text.strip()]
    free = [w for w in words if not any(_in_box(w, t) for t in page.tables)]
    items: list[tuple[float, list[str], str, list[Word]]] = []
    lines = _group_lines(free)
    i = 0
    while i < len(lines):
        line = lines[i]
        text = _line_text(line)
        if rules.stamp.search(text):
            i += 1
            continue
        segs = _segments(line)
        head = page.number == 1 and not any(k == "text" for _, _, k, _ in items)
        # Two columns side by side: each holds a few words ('ỦY BAN NHÂN DÂN' | 'CỘNG HÒA
        # ...', 'Nơi nhận:' | 'KT. CHỦ TỊCH'); a lone word at each end is a stretched line.
        paired = len(segs) == 2 and min(len(s) for s in segs) >= 2
        if paired or (len(segs) >= 2 and head):
            j, left, right = _band(lines, i)
            texts = [t for t in left + right if t]
            items.append((min(w.top for w in line), texts, "column", line))
            i = j
            continue
        if len(segs) >= 3 and (_is_row(lines, i - 1) or _is_row(lines, i + 1)):
            # a table drawn without lines: rows of cells apart, one under another
            cells = [_line_text(s) for s in segs]
            items.append((min(w.top for w in line), ["| " + " | ".join(cells) + " |"], "row", line))
        else:
            # one line with wide gaps alone is text: blanks left in a draft's form
            # ('Kế hoạch số:      /KH-UBND ngày     tháng')
            items.append((min(w.top for w in line), [text], "text", line))
        i += 1
    for t in page.tables:
        rows = ["| " + " | ".join(c for c in r) + " |" for r in t.rows if any(r)]
        if rows:
            box = [Word("", t.x0, t.x1, t.top, t.bottom, 0.0)]
            items.append((t.top, rows, "row", box))
    items.sort(key=lambda it: it[0])
    return items


def _is_row(lines: list[list[Word]], i: int) -> bool:
    return 0 <= i < len(lines) and len(_segments(lines[i])) >= 3


def _band(lines: list[list[Word]], i: int) -> tuple[int, list[str], list[str]]:
    """Two columns side by side (title block, signature block) from line i on: the
    left column's lines, then the right column's. Ends at a line crossing the gutter."""
    first = lines[i]
    lo, hi = max(
        _wide_gaps(first),
        key=lambda g: g[1] - g[0],
    )
    left: list[str] = [_line_text([w for w in first if w.x1 <= lo])]
    right: list[str] = [_line_text([w for w in first if w.x0 >= hi])]
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if _rules().stamp.search(_line_text(line)):
            j += 1
            continue
        gaps = _wide_gaps(line)
        fit = [(a, b) for a, b in gaps if a < hi and b > lo]
        if fit:
            a, b = max(fit, key=lambda g: min(g[1], hi) - max(g[0], lo))
            lo, hi = max(lo, a), min(hi, b)
            left.append(_line_text([w for w in line if w.x1 <= lo + 0.5]))
            right.append(_line_text([w for w in line if w.x0 >= hi - 0.5]))
        elif line[-1].x1 <= hi and not gaps:
            left.append(_line_text(line))
        elif line[0].x0 >= lo and not gaps:
            right.append(_line_text(line))
        else:
            break
        j += 1
    return j, left, right


def _margins(items: list[tuple[float, list[str], str, list[Word]]]) -> tuple[float, float]:
    xs0 = [round(min(w.x0 for w in ws)) for _, _, k, ws in items if k == "text"]
    xs1 = [max(w.x1 for w in ws) for _, _, k, ws in items if k == "text"]
    if not xs0:
        return 0.0, 0.0
    left = float(Counter(xs0).most_common(1)[0][0])
    right = sorted(xs1)[int(0.9 * (len(xs1) - 1))]
    return left, right


def _masked(text: str) -> str:
    return str(regex.sub(r"\d+", "#", text)).strip().lower()


def page_lines(pages: list[Page]) -> tuple[list[str], list[int]]:
    """Text lines of the pages in reading order, and the page each line starts on."""
    rules = _rules()
    all_sizes = [w.size for p in pages for w in p.words for _ in w.text]
    body_size = Counter(round(s) for s in all_sizes).most_common(1)[0][0] if all_sizes else 12.0
    per_page = [_page_items(p) for p in pages]
    # Running headers and footers: the same words (numbers aside) at a page's edge on
    # several pages.
    edge: Counter[str] = Counter()
    for p, items in zip(pages, per_page, strict=True):
        seen = {_masked(t[0]) for top, t, k, ws in items if _at_edge(p, ws) and len(t) == 1}
        edge.update(seen)
    repeated = {t for t, n in edge.items() if n >= 2 and n >= len(pages) // 2}

    out: list[tuple[str, int]] = []
    notes: list[tuple[str, int]] = []
    prev: _Prev | None = None
    for p, items in zip(pages, per_page, strict=True):
        left, right = _margins(items)
        body = [it for it in items if not _dropped(p, it, repeated, rules)]
        cut = _footnote_start(p, body, body_size)
        for top, texts, kind, ws in body[:cut]:
            if kind == "row" and out and prev is not None and prev.page != p.number:
                joined = row_goes_on(out[-1][0], texts[0])
                if joined is not None:
                    # A table row that Word broke across the page: its tail goes back in.
                    out[-1] = (joined, out[-1][1])
                    texts = texts[1:]
            size = statistics.median(w.size for w in ws) if kind == "text" else 0.0
            here = _Prev(
                kind,
                min(w.x0 for w in ws),
                max(w.x1 for w in ws),
                top,
                max(w.bottom for w in ws),
                size,
                left,
                right,
                p.number,
            )
            if (
                kind == "text"
                and prev is not None
                and prev.kind == "text"
                and out
                and (_continues(prev, here, texts[0], rules) or _centred(prev, here, texts[0]))
                and not _heading_then_text(out[-1][0], texts[0])
            ):
                out[-1] = (out[-1][0] + " " + texts[0], out[-1][1])
            else:
                out.extend((t, p.number) for t in texts)
            prev = here
        for _top, texts, _kind, ws in body[cut:]:
            text = " ".join(texts)
            m = regex.match(r"^(?:\[(\d{1,3})\]|(\d{1,3})(?!\d))\s*(.*)$", text)
            if m and (m.group(1) or m.group(2)):
                notes.append((f"[{m.group(1) or m.group(2)}] {m.group(3)}".strip(), p.number))
            elif notes:
                notes[-1] = (notes[-1][0] + " " + text, notes[-1][1])
            del ws
    out += notes
    return [t for t, _ in out], [n for _, n in out]


def _at_edge(p: Page, ws: list[Word]) -> bool:
    top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
    return bottom < 0.09 * p.height or top > 0.93 * p.height


def _dropped(
    p: Page,
    item: tuple[float, list[str], str, list[Word]],
    repeated: set[str],
    rules: _Rules,
) -> bool:
    """Page numbers and running headers/footers at a page's top or bottom edge."""
    _top, texts, kind, ws = item
    if len(texts) != 1 or kind == "row":
        return False
    top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
    in_margin = bottom < 0.12 * p.height or top > 0.88 * p.height
    if in_margin and rules.page_number.match(texts[0].strip()):
        return True
    # an item of the body ('c) Thời gian thực hiện: Hoàn thành trong năm 2025.') may come
    # back at the top of two pages; a running header or footer never opens with a label
    return _at_edge(p, ws) and _masked(texts[0]) in repeated and not _ITEM.match(texts[0])


_ITEM = regex.compile(r"^\s*(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.\s|[IVX]{1,5}\.\s|[-+•]\s)")


def _footnote_start(
    p: Page, items: list[tuple[float, list[str], str, list[Word]]], body_size: float
) -> int:
    """Index of the first footnote line at the foot of the page (len(items) if none):
    smaller print below the body, opening with a number."""
    cut = len(items)
    for k in range(len(items) - 1, -1, -1):
        _top, _texts, kind, ws = items[k]
        size = statistics.median(w.size for w in ws)
        if kind != "text" or size >= 0.88 * body_size or min(w.top for w in ws) < 0.4 * p.height:
            break
        cut = k
    while cut < len(items):
        first = items[cut][1][0]
        if regex.match(r"^(?:\[\d{1,3}\]|\d{1,3}(?!\d)\s*\S)", first):
            return cut
        cut += 1
    return cut


@dataclass(frozen=True)
class _Prev:
    """Where a printed line sits, to tell whether the next one continues it."""

    kind: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    left: float  # the page's text margins
    right: float
    page: int


def _continues(prev: _Prev, line: _Prev, text: str, rules: _Rules) -> bool:
    """A line wrapped inside a paragraph: the previous line ran to the right margin,
    this one starts at the left margin without a gap, and opens no new item."""
    if not line.size or not prev.size or abs(line.size - prev.size) > 0.15 * prev.size:
        return False
    if prev.x1 < prev.right - 2.5 * prev.size:
        return False
    if line.x0 > line.left + 0.6 * line.size:
        return False
    if prev.page == line.page and line.top - prev.bottom > 0.9 * line.size:
        return False
    return not rules.new_item.match(text)


def row_goes_on(last: str, first: str) -> str | None:
    """The row `last` with the cells of `first` added, when `first` is its tail carried to
    the next page (same cells, an empty number cell, text going on mid-sentence)."""
    if not (last.startswith("|") and first.startswith("|")):
        return None
    a = [c.strip() for c in last.strip().strip("|").split("|")]
    b = [c.strip() for c in first.strip().strip("|").split("|")]
    if len(a) != len(b) or b[0] or not any(b):
        return None
    for x, y in zip(a, b, strict=True):
        # each carried cell goes on in lower case, or its first half ended mid-sentence
        if y and not goes_on(y) and (not x or x.endswith((".", ";", ":", "!", "?", ")"))):
            return None
        if y and (upper_ratio(y) > 0.8 or regex.fullmatch(r"\(\d{1,2}\)", y)):
            return None  # a group row in capitals, a row of column numbers ('(1)', '(2)')

    cells = [f"{x} {y}".strip() for x, y in zip(a, b, strict=True)]
    return "| " + " | ".join(cells) + " |"


def _heading_then_text(prev: str, text: str) -> bool:
    """A heading in capitals is not continued by a line in small letters ('PHỤ LỤC ...'
    then '(Kèm theo Kế hoạch số ...)')."""
    return upper_ratio(prev) > 0.8 and upper_ratio(text) < 0.5


def _centred(prev: _Prev, line: _Prev, text: str) -> bool:
    """A centred title wrapped onto a second centred line that goes on in lower case
    ('Về việc trình ký dự thảo Kế hoạch ...' / 'năm 2026 tỉnh Lâm Đồng')."""
    if prev.page != line.page or not goes_on(text):
        return False
    if not line.size or abs(line.size - prev.size) > 0.15 * prev.size:
        return False
    mid, width = (line.left + line.right) / 2, line.right - line.left
    for ln in (prev, line):
        if abs((ln.x0 + ln.x1) / 2 - mid) > 0.05 * width or ln.x0 < ln.left + ln.size:
            return False
    return line.top - prev.bottom < 0.9 * line.size
