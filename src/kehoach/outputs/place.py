"""Where each fact sits in the source text: character ranges for the review page.

A fact carries a line span and a verbatim quote. The quote is looked for inside the span's
lines with a tolerant comparison (no whitespace, no Markdown marks, case folded, one form
of quotes and dashes), because copies of a plan differ exactly there. A quote found just
outside its span is placed but reported; one found nowhere is put on its span's first line
and reported as not placed, so that every fact still has exactly one place on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

KINDS = ("target", "assignment", "deadline", "reference")
LISTS = {"target": "targets", "assignment": "assignments", "deadline": "deadlines"}
LISTS["reference"] = "references"

# Characters a copy may add or drop around the same words: Markdown emphasis, headings,
# block quotes, table bars, escapes, zero-width and byte-order marks.
_DROP = frozenset("*_`#>|\\~\u200b\u200c\u200d\ufeff")
_SAME = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
    }
)
# How far around its span a quote is still looked for (a span that holds only one line of a
# wrapped quote): a few lines, and one more per this many characters of quote.
_NEAR = 3
Taken = set[tuple[int, int]]  # ranges already given to a fact of the same kind
_CHARS_PER_LINE = 40


@dataclass
class Mark:
    """One fact's place: [start, end) in the text, or no place at all (start == end == -1)."""

    kind: str
    index: int
    start: int
    end: int
    status: str  # "exact" | "near" (outside its span) | "unplaced" (span's first line) | "missing"
    note: str = ""
    depth: int = 0  # how many other facts enclose this one (set by nest)


@dataclass
class Folded:
    """The text without the characters copies disagree on, with a map back to offsets."""

    text: str
    key: str
    offsets: list[int]  # offsets[i]: position in text of key[i]
    line_starts: list[int]  # position in text where each line (0-based) starts
    line_keys: list[int] = field(default_factory=list)  # index in key where each line starts


_UNSEEN = re.compile(r"[\s" + re.escape("".join(sorted(_DROP))) + "]+")
# Footnote calls a web copy keeps and a quote leaves out: 'Tỉnh ủy[1]', '[^2]'.
_FOOTNOTE = re.compile(r"\[\^?\d{1,3}\]")


def fold_key(s: str) -> str:
    """The comparison key of a quote (the same, char by char, as fold_text's key)."""
    return _UNSEEN.sub("", _FOOTNOTE.sub("", s)).translate(_SAME).lower()


def _fold_char(c: str) -> str:
    return c.translate(_SAME).lower()


def fold_text(text: str) -> Folded:
    key: list[str] = []
    offsets: list[int] = []
    line_starts = [0]
    line_keys = [0]
    calls = {i for m in _FOOTNOTE.finditer(text) for i in range(m.start(), m.end())}
    for i, c in enumerate(text):
        if c == "\n":
            line_starts.append(i + 1)
            line_keys.append(len(key))
            continue
        if c.isspace() or c in _DROP or i in calls:
            continue
        for f in _fold_char(c):
            key.append(f)
            offsets.append(i)
    return Folded(text, "".join(key), offsets, line_starts, line_keys)


def _line_range(doc: Folded, first: int, last: int) -> tuple[int, int]:
    """Key indexes covering 1-based lines first..last (clamped to the text)."""
    n = len(doc.line_starts)
    first = max(1, first)
    last = min(n, last)
    if first > last:
        return 0, 0
    end = doc.line_keys[last] if last < n else len(doc.key)
    return doc.line_keys[first - 1], end


@lru_cache(maxsize=4096)
def _pieces(quote: str) -> list[str]:
    """A table row's quote joins its cells with '|'; the cells are looked for in order."""
    return [k for part in quote.split("|") if (k := fold_key(part))]


def _find(
    doc: Folded, pieces: list[str], lines: tuple[int, int], taken: Taken
) -> tuple[int, int] | None:
    """First occurrence of the pieces, in order, within the lines; one not yet taken by a
    fact of the same kind is preferred."""
    if not pieces:
        return None
    lo, hi = _line_range(doc, *lines)
    first: tuple[int, int] | None = None
    pos = doc.key.find(pieces[0], lo, hi)
    while pos != -1:
        end = pos + len(pieces[0])
        for piece in pieces[1:]:
            at = doc.key.find(piece, end, hi)
            if at == -1:
                return first
            end = at + len(piece)
        where = (doc.offsets[pos], doc.offsets[end - 1] + 1)
        if where not in taken:
            return where
        first = first or where
        pos = doc.key.find(pieces[0], pos + 1, hi)
    return first


def _line_text(doc: Folded, line: int) -> tuple[int, int] | None:
    """The visible part of a 1-based line (without surrounding blanks), if it has any."""
    if not 1 <= line <= len(doc.line_starts):
        return None
    start = doc.line_starts[line - 1]
    end = doc.line_starts[line] - 1 if line < len(doc.line_starts) else len(doc.text)
    chunk = doc.text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + lead + len(stripped)


def _fallback(doc: Folded, first: int, last: int) -> tuple[int, int] | None:
    for line in range(first, max(first, last) + 1):
        where = _line_text(doc, line)
        if where:
            return where
    return None


def _span(obj: Mapping[str, Any]) -> tuple[int, int] | None:
    span = obj.get("span")
    if not isinstance(span, Mapping):
        return None
    try:
        return int(span["line_start"]), int(span["line_end"])
    except (KeyError, TypeError, ValueError):
        return None


def _section_spans(sections: Iterable[Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    stack = list(sections)
    while stack:
        s = stack.pop()
        span = _span(s)
        if span and isinstance(s.get("path"), str):
            out[s["path"]] = span
        stack.extend(s.get("children") or [])
    return out


def _quoted(
    doc: Folded | None, kind: str, index: int, fact: Mapping[str, Any], taken: Taken
) -> Mark:
    """A target, deadline or reference: its quote within its span, or near it."""
    span = _span(fact)
    if doc is None or span is None:
        return Mark(kind, index, -1, -1, "missing", "no source text" if doc is None else "no span")
    pieces = _pieces(str(fact.get("quote") or ""))
    first, last = span
    where = _find(doc, pieces, (first, last), taken)
    if where:
        return Mark(kind, index, *where, "exact")
    reach = _NEAR + sum(map(len, pieces)) // _CHARS_PER_LINE
    where = _find(doc, pieces, (first - reach, last + reach), taken)
    if where:
        line = doc.text.count("\n", 0, where[0]) + 1
        end = doc.text.count("\n", 0, where[1]) + 1
        note = f"quote is on lines {line}–{end}, span says {first}–{last}"
        return Mark(kind, index, *where, "near", note)
    return _unplaced(doc, kind, index, first, last, "quote not found in its span")


def _unplaced(doc: Folded, kind: str, index: int, first: int, last: int, why: str) -> Mark:
    where = _fallback(doc, first, last)
    if where is None:
        return Mark(kind, index, -1, -1, "missing", f"{why}; lines {first}–{last} are empty")
    return Mark(kind, index, *where, "unplaced", why)


def _assignment(
    doc: Folded | None,
    index: int,
    fact: Mapping[str, Any],
    sections: Mapping[str, tuple[int, int]],
    taken: Taken,
) -> Mark:
    """An agency as written: in its section's heading line, else in its duties, else anywhere
    in its section."""
    if doc is None:
        return Mark("assignment", index, -1, -1, "missing", "no source text")
    name = [fold_key(str(fact.get("as_written") or fact.get("agency") or ""))]
    section = sections.get(str(fact.get("section")))
    duties = [s for d in fact.get("duties") or [] if (s := _span(d))]
    windows: list[tuple[int, int]] = []
    if section:
        windows.append((section[0], section[0]))
    windows += duties
    if section:
        windows.append(section)
    for window in windows:
        where = _find(doc, name, window, taken)
        if where:
            return Mark("assignment", index, *where, "exact")
    if not windows:
        return Mark("assignment", index, -1, -1, "missing", "no section or duty lines")
    first, last = duties[0] if duties else windows[0]
    return _unplaced(doc, "assignment", index, first, last, "agency name not found")


def place(data: Mapping[str, Any], text: str | None) -> list[Mark]:
    """One mark per fact of the plan (`data` as in the JSON output), in list order per kind."""
    doc = fold_text(text) if text is not None else None
    sections = _section_spans(data.get("sections") or [])
    marks: list[Mark] = []
    for kind in KINDS:
        taken: Taken = set()
        for i, fact in enumerate(data.get(LISTS[kind]) or []):
            if kind == "assignment":
                mark = _assignment(doc, i, fact, sections, taken)
            else:
                mark = _quoted(doc, kind, i, fact, taken)
            taken.add((mark.start, mark.end))
            marks.append(mark)
    return marks


def nest(marks: Sequence[Mark]) -> list[Mark]:
    """Marks that are placed, widened where two cross so that each one is a single element.

    When a mark starts inside another and ends after it, the enclosing one is stretched to
    the later end: it then still holds its own text and the other mark whole.
    """
    placed = [m for m in marks if m.start >= 0]
    changed = True
    while changed:
        changed = False
        placed.sort(key=lambda m: (m.start, -m.end, KINDS.index(m.kind), m.index))
        stack: list[Mark] = []
        for m in placed:
            while stack and stack[-1].end <= m.start:
                stack.pop()
            for open_mark in stack:
                if open_mark.end < m.end:
                    open_mark.end = m.end
                    changed = True
            m.depth = len(stack)
            stack.append(m)
    return placed
