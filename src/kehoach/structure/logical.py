"""Stage 2b: physical lines -> logical lines, whatever the copy's layout.

Later stages read one heading, paragraph or table row per line. Copies break lines in
other places, and this stage undoes that so that no later stage needs a mode per shape:

- a crawl of a legal-document website flattens the page: the title block runs onto two
  or three lines, every paragraph break is lost and the text is wrapped every ~90
  characters with the headings run inline. Its line breaks mean nothing, so each run of
  its lines becomes one logical line; the outline walker finds the headings inside it.
- Markdown saved from a web page wraps each paragraph over several lines (paragraphs are
  separated by blank lines) and lets bold and italic marks open on one line and close
  on another: the wrapped lines of a paragraph are joined.
- The same copies print tables one cell per line between lines holding only `|`: the
  rows are rebuilt (`| a | b | c |`); a two-column layout table (the title block, the
  signature) gives its cells as lines.

A joined line keeps where every piece came from (`Line.breaks`), so facts still point at
their physical lines. A copy whose line breaks are real passes through unchanged.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.structure.lines import Line, is_paged, join, opens_page
from kehoach.structure.trim import INLINE_TOP_HEADING, carried_type, patterns, signature_words
from kehoach.text import RULE_MARKS

_COLUMN_GAP = regex.compile(r"\S\s{3,}\S")


@cache
def _inline_heading() -> regex.Pattern[str]:
    """A top-level heading run into a sentence: '... như sau: I. MỤC ĐÍCH, YÊU CẦU'."""
    return regex.compile(
        INLINE_TOP_HEADING.pattern
        # or the rule under a title-block cell run on into the next cell
        + r"|\p{Lu}\s+["
        + RULE_MARKS
        + r"]{3,}\s+\p{Lu}"
    )


def logical_lines(lines: list[Line]) -> list[Line]:
    if is_reflowed(lines):
        joined = _join_runs(lines, lambda a, b: True)
        return [replace(piece, inline=True) for ln in joined for piece in _closing_pieces(ln)]
    soft = is_soft_wrapped(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end = _bar_table_end(lines, i)
        if end > i:
            out += _bar_table(lines[i:end])
            i = end
            continue
        j = i
        while j < len(lines) and _bar_table_end(lines, j) == j:
            j += 1
        out += _join_runs(lines[i:j], soft_break) if soft else lines[i:j]
        i = j
    return out


# A whole plan crawled as one flow runs its closing on after the last duty: '... theo quy
# định./. Nơi nhận: - Bộ Tư pháp (b/c); ... - Lưu: VT, NC. TM. ỦY BAN NHÂN DÂN KT. CHỦ
# TỊCH PHÓ CHỦ TỊCH Phạm Văn Thịnh PHỤ LỤC ...'. Each part goes on a line of its own, as
# the page printed them, so that the layout finds the recipients, the signature and the
# appendices.
_RECIPIENTS = regex.compile(r"(?<=[.;:]\s*)Nơi\s+nhận\s*:")


@cache
def _closing_cuts() -> regex.Pattern[str]:
    _, titles = signature_words()
    marks = "|".join(regex.escape(m.rstrip(". ")) for m in load("page")["mandates"])
    appendix = load("sections")["appendix_inline"]
    # a document carried after the signature: a Quyết định's plan ('... PHÓ CHỦ TỊCH Nguyễn
    # Thành Công KẾ HOẠCH XUẤT KHẨU ...')
    carried = carried_type()
    return regex.compile(
        r"(?:" + marks + r")\.\s+(?=\p{Lu}{2})"  # 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'
        r"|(?<=\p{Lu}{2,}\s+)" + titles + r"\b(?!\s+\p{Lu}{2})"
        r"|(?<=\p{Lu}{2,}\s+)(?=\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}(?:\s+(?:"
        + appendix
        + r"|"
        + carried
        + r"|\[\d)|$))"
        r"|(?<=\S\s+)(?:" + appendix + r")"
        r"|(?<=\p{Lu}\p{Ll}+\s+)"
        + carried
        + r"|(?<=\S\s+)\[\d{1,2}\]\s+(?=\S)"  # the page's footnotes: '[1] Xã Phú Mỡ, ...'
    )


# './.' ends a plan's body: what a crawl runs on after it is the closing (a copy that
# dropped the recipients: '... theo quy định./. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH ...').
_BODY_END = regex.compile(r"(?<=\./\.)\s+(?=\S)")


def _closing_pieces(ln: Line) -> list[Line]:
    """A reflowed line cut before its recipients, signature lines and appendices."""
    m = _RECIPIENTS.search(ln.text) if "Nơi" in ln.text else None
    if m is None:
        m = _BODY_END.search(ln.text) if "./." in ln.text else None
    if m is None:
        return [ln]
    cuts = [0, m.start()]
    cuts += [c.start() for c in _closing_cuts().finditer(ln.text, m.end())]
    cuts.append(len(ln.text))
    return [ln.piece(a, b) for a, b in itertools.pairwise(cuts) if ln.text[a:b].strip()]


# ---------------------------------------------------------------------------------------
# Shapes


def is_reflowed(lines: list[Line]) -> bool:
    """Is this a copy whose line breaks fall anywhere (a crawl)?

    Signs, any is enough: a top-level heading run into the middle of a line after the
    end of a sentence; the rule under a title-block cell with the next cell on the same
    line ('TỈNH AN GIANG ------- CỘNG HÒA'); or the title block's two columns (issuer and
    national motto) flattened onto one line without table cell marks.
    """
    p = patterns()
    inline_heading, motto, issuer = _inline_heading(), p.motto, p.issuer_head
    for ln in lines:
        t = ln.text
        if len(t) < 40 or "|" in t or _COLUMN_GAP.search(ln.raw.strip()):
            continue  # table cells, or columns laid out with spaces (PDF layout text)
        if inline_heading.search(t):
            return True
        m = motto.search(t)
        if m and m.start() > 0 and issuer.match(t):
            return True
    return False


# A line that goes on with the sentence before: lower case, or a number that is not a label.
_GOES_ON = regex.compile(r"^(?![a-zđ]\)\s)\p{Ll}|^\d+(?![.)]\s)[\d/.,-]*[^\d\s.)]")


def is_soft_wrapped(lines: list[Line]) -> bool:
    """Markdown from a web page: paragraphs wrapped over short runs of lines, a blank
    line between paragraphs. (Text from a PDF wraps too, but runs on without blank
    lines; there a break says nothing about where a paragraph ends.)"""
    breaks = soft = runs = 0
    prev = ""
    for ln in lines:
        t = ln.text
        if t and prev and t != "|" and prev != "|":
            breaks += 1
            soft += bool(_GOES_ON.match(t))
        elif not t and prev:
            runs += 1
        prev = t
    return soft >= 3 and soft >= 0.3 * breaks and breaks <= 6 * (runs + 1)


# ---------------------------------------------------------------------------------------
# Wrapped paragraphs

_BULLET = regex.compile(r"^[-+•*]\s+(?![\p{Ll}\d])\S")
_LABEL = regex.compile(
    r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]\s*[\"“(]?\p{Lu}|^(?:Điều|Mục|Chương)\s+\d"
)
# '3. 100% các xã ...': an item that opens with its figure, after a sentence that ended
_NUMBER_LABEL = regex.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]\s+\d")
_ENDED = regex.compile(r"[.;:]\s*$")
_LABEL_ONLY = regex.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\s*[.)]$")
_DASHES = regex.compile(r"^[" + RULE_MARKS + r".\s]{3,}$")


_SINGLE_STAR = regex.compile(r"(?<!\*)\*(?!\*)")


@dataclass
class _Para:
    """A paragraph being joined, with what `soft_break` asks of it kept up to date
    (so that joining n lines costs n steps, not n squared)."""

    lines: list[Line]
    text: str
    first_raw: str
    last_raw: str
    marks: int  # bold/italic marks opened and not closed, as parities (bit 0 bold, bit 1 italic)
    lower: bool  # some lower-case letter in the text
    upper: bool

    @classmethod
    def of(cls, ln: Line) -> _Para:
        p = cls([ln], ln.text, ln.raw.strip(), ln.raw.strip(), 0, False, False)
        p._count(ln)
        return p

    def add(self, ln: Line) -> None:
        self.lines.append(ln)
        self.text = f"{self.text} {ln.text}" if self.text and ln.text else self.text + ln.text
        self.last_raw = ln.raw.strip()
        self._count(ln)

    def _count(self, ln: Line) -> None:
        bold = ln.raw.count("**") + ln.raw.count("__")
        single = len(_SINGLE_STAR.findall(ln.raw))
        self.marks ^= (bold % 2) | ((single % 2) << 1)
        self.lower = self.lower or any(c.islower() for c in ln.text)
        self.upper = self.upper or any(c.isupper() for c in ln.text)

    def line(self) -> Line:
        return join(self.lines) if len(self.lines) > 1 else self.lines[0]


def soft_break(a: _Para, b: Line) -> bool:
    """Does line `b` go on with the paragraph `a` (the break is only a wrap)?"""
    t = b.text
    if t.startswith(("|", "#")) or a.text.startswith("|"):
        return False
    if a.marks:
        return True  # '**1.' / 'Sở Y tế:**', '*Hà Nội, ngày 17' / 'tháng 11 năm 2025*'
    if not t or not a.text or _DASHES.match(t) or _DASHES.match(a.text):
        return False
    if len(a.text) < 16 and _LABEL_ONLY.match(a.text):
        return True  # a heading's number on a line of its own
    p = patterns()
    if _BULLET.match(t) or _LABEL.match(t) or p.signature.match(t) or p.appendix.match(t):
        return False  # a bullet, a heading, a signature line, an appendix's heading
    if p.appendix.match(a.text):
        return False  # the appendix's title goes on a line of its own
    if (_NUMBER_LABEL.match(t) or opens_page(b)) and _ENDED.search(a.text):
        return False  # '3. 100% ...', or a new page's first line, after a sentence that ended
    if a.first_raw.startswith(("**", "__")) and a.last_raw.endswith(("**", "__")):
        return False  # a bold line of its own: a heading or a title block cell
    # 'PHÓ CHỦ TỊCH' / 'Nguyễn Văn A', 'KẾ HOẠCH' / 'Căn cứ ...' are separate lines
    return not (a.upper and not a.lower and not t.isupper())


def _page_break_after(lines: list[Line], k: int) -> bool:
    """The blank line at `k` only stands before a page break: the next line opens a page
    (pdftotext marks it with a form feed)."""
    return k + 1 < len(lines) and opens_page(lines[k + 1])


_UNFINISHED = regex.compile(r"[^.;:!?]\s*$")


def _inside_sentence(para: _Para, lines: list[Line], k: int) -> bool:
    """One blank line between a sentence's halves: '... của Ủy' / '' / 'ban nhân dân'."""
    return (
        k + 1 < len(lines)
        and lines[k + 1].text[:1].islower()
        and bool(_UNFINISHED.search(para.text))
    )


def _join_runs(lines: list[Line], soft: Callable[[_Para, Line], bool]) -> list[Line]:
    """Join consecutive lines while `soft(a, b)` says b goes on with a; blank lines
    (nothing but spaces) part paragraphs, except in pdftotext's output where one stands
    before a page break or inside a sentence (wider line spacing)."""
    out: list[Line] = []
    para: _Para | None = None
    paged = is_paged(lines)
    for k, ln in enumerate(lines):
        blank = not ln.raw.strip()
        if (
            blank
            and para is not None
            and (_page_break_after(lines, k) or (paged and _inside_sentence(para, lines, k)))
        ):
            para.add(ln)  # pdftotext: a page break, or a wider line spacing, mid-sentence
            continue
        if para is not None and not blank and soft(para, ln):
            para.add(ln)
            continue
        if para is not None:
            out.append(para.line())
        para = None if blank else _Para.of(ln)
        if blank:
            out.append(ln)
    if para is not None:
        out.append(para.line())
    return out


# ---------------------------------------------------------------------------------------
# Tables printed one cell per line between '|' lines


def _is_bar(ln: Line) -> bool:
    return ln.raw.strip() == "|"


# A cell of more lines than this is not a table cell but text the page put in a table
# (a whole plan inside a layout cell): the table ends before it.
_CELL_LINES = 12


def _bar_table_end(lines: list[Line], i: int) -> int:
    """End of a one-cell-per-line table starting at lines[i] (i itself when none does)."""
    if i >= len(lines) or not _is_bar(lines[i]):
        return i
    last_bar, bars, run = i, 0, 0
    for j in range(i, len(lines)):
        if not lines[j].raw.strip():
            break
        if _is_bar(lines[j]):
            last_bar, bars, run = j, bars + 1, 0
            continue
        run += 1
        if run > _CELL_LINES or _opens_appendix(lines[j]):
            break
    return last_bar + 1 if bars >= 2 else i


def _opens_appendix(ln: Line) -> bool:
    """'**PHỤ LỤC**' in capitals: an appendix starts here, in whatever cell the page put
    it (a table that runs on from the signature block into the appendix ends before it)."""
    t = ln.text.strip("| ")
    return t[:1] == "P" and t.split(":")[0].isupper() and bool(patterns().appendix.match(t))


def _slots(lines: list[Line]) -> list[tuple[int, bool]]:
    """Each cell as (index of its opening '|' line, whether it holds text)."""
    out: list[tuple[int, bool]] = []
    for i, ln in enumerate(lines[:-1]):
        if _is_bar(ln):
            out.append((i, False))
        elif ln.text:
            out[-1] = (out[-1][0], True)
    return out


def _rows(slots: list[tuple[int, bool]], labels: set[int]) -> list[tuple[int, int]]:
    """Rows as (first slot, slot after the last).

    The closing mark of one row and the opening mark of the next leave an empty slot
    between rows, but so does an empty cell. Body rows all have the table's width n, so
    the body is the longest tail of the slots that splits into rows of n cells parted
    by empty slots; the header rows above it (merged cells make them narrower) end at
    empty slots.
    """
    m = len(slots)
    starts = [0] + [k + 1 for k in range(min(m, 80)) if not slots[k][1]]
    # a row is no wider than the widest run of filled cells and a column or two that are
    # empty all the way down: a wider 'regular' split is a coincidence of empty cells
    widest = max((b - a for a, b in _head_rows(slots, m)), default=0) + 2
    for h in starts:
        for n in range(1, min(m - h, widest) + 1):
            count, rest = divmod(m - h + 1, n + 1)
            if rest or count < 2:
                continue
            if all(not slots[h + r * (n + 1) - 1][1] for r in range(1, count)):
                return _head_rows(slots, h) + [
                    (h + r * (n + 1), h + r * (n + 1) + n) for r in range(count)
                ]
    return _mixed_rows(slots, labels)


_ROW_LABEL = regex.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]{1,5}|[a-zđ]|[-+–])\.?$")


def _labels(lines: list[Line], slots: list[tuple[int, bool]]) -> set[int]:
    """Slots whose cell is a row number or letter ('1.1.1', 'II', 'a', '-'): a row starts there."""
    out: set[int] = set()
    for k, (i, filled) in enumerate(slots):
        if filled:
            cell = " ".join(ln.text for ln in lines[i + 1 : i + 3] if not _is_bar(ln))
            if _ROW_LABEL.match(cell.strip("*_ ")):
                out.add(k)
    return out


def _mixed_rows(slots: list[tuple[int, bool]], labels: set[int]) -> list[tuple[int, int]]:
    """Rows of a table whose body mixes full rows, some with empty cells, and merged group
    rows ('| II | TRIỂN KHAI ... |'): the widest run of filled cells is the full row (a
    header may be narrower: 'Vị trí' merged over 'X', 'Y'); a row is full when an empty
    slot closes it after n cells and the next row opens with text, and no empty slot
    inside it is followed by a row number; else it ends at its first empty slot."""
    head = _head_rows(slots, len(slots))
    if not head:
        return head
    n = max(b - a for a, b in head)
    rows: list[tuple[int, int]] = []
    k, m = 0, len(slots)
    while k < m:
        if not slots[k][1]:
            k += 1
            continue
        full = (
            k + n < m
            and not slots[k + n][1]
            and (k + n + 1 >= m or slots[k + n + 1][1])
            and not any(not slots[j][1] and j + 1 in labels for j in range(k, k + n))
        )
        end = k + n if full else next((j for j in range(k, m) if not slots[j][1]), m)
        rows.append((k, end))
        k = end + 1
    return rows


def _head_rows(slots: list[tuple[int, bool]], stop: int) -> list[tuple[int, int]]:
    rows: list[tuple[int, int]] = []
    start = 0
    for k in range(stop):
        if not slots[k][1]:
            if k > start:
                rows.append((start, k))
            start = k + 1
    if stop > start:
        rows.append((start, stop))
    return rows


def _blank(ln: Line) -> Line:
    return Line(ln.no, ln.raw, "", False)


def _cover(pieces: list[Line], part: list[Line]) -> list[Line]:
    """Extend each piece over the marks and emphasis-only lines up to the next piece, so
    that every line of `part` belongs to one piece."""
    out: list[Line] = []
    for k, piece in enumerate(pieces):
        stop = pieces[k + 1].no if k + 1 < len(pieces) else part[-1].no + 1
        before = [_blank(ln) for ln in part if ln.no < piece.no] if k == 0 else []
        after = [_blank(ln) for ln in part if piece.end < ln.no < stop]
        out.append(join([*before, piece, *after]) if before or after else piece)
    return out


def _bar_table(lines: list[Line]) -> list[Line]:
    """Rows as pipe-joined lines; a two-column layout table's cells as lines of text."""
    slots = _slots(lines)
    rows = _rows(slots, _labels(lines, slots))
    bars = [i for i, _ in slots] + [len(lines) - 1]
    # every line of the table belongs to one output line: a row runs from its opening
    # mark to its closing mark; marks between rows go with the row before
    edges = [bars[a] for a, _ in rows] + [len(lines)]
    edges[0] = 0
    if max((b - a for a, b in rows), default=0) > 2:
        return [join(lines[edges[k] : edges[k + 1]]) for k in range(len(rows))]
    out: list[Line] = []
    for k, (a, b) in enumerate(rows):
        cell_edges = [edges[k], *bars[a + 1 : b], edges[k + 1]]
        for c in range(len(cell_edges) - 1):
            part = lines[cell_edges[c] : cell_edges[c + 1]]
            joined = _join_runs([ln for ln in part if not _is_bar(ln)], soft_break)
            pieces = [p for p in joined if p.text]
            if not pieces:
                if out:
                    out[-1] = join([out[-1], *map(_blank, part)])
                continue
            out += _cover(pieces, part)
    return out or [join([_blank(ln) for ln in lines])]
