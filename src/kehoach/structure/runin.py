"""A table a crawl ran into one flow of words -> its rows and cells.

A crawl of a whole plan loses every line break, so an appendix's task table reads 'STT
Nhiệm vụ Đơn vị thực hiện Đơn vị phối hợp Thời gian thực hiện Sản phẩm A PHÁT TRIỂN ... I
Hoàn thiện thể chế 1.1 Rà soát ... Sở Tư pháp Các sở, ban, ngành 2026 - 2030 Các cơ chế,
chính sách II Phát triển hạ tầng 2.1 ...'. The grammar of such a table is enough to read
it back:

- the header opens with the number column (`STT`, `TT`) and ends where the first row
  number stands before a capitalised word; the header's columns open with known words
  (sections.yaml `run_in_tables`);
- a row opens with the number that comes next in the table's numbering (A, B; I, II; 1,
  2; 1.1, 1.2; a, b), standing between words as a label, not a number inside a cell;
- a row's cells hold what their column says: agencies where the column names who leads
  or coordinates, a time where it says when, free text elsewhere. The row's task ends
  where the cells after it read as their columns say they should.

The rows then make the same Table a pipe-joined copy gives, so the appendix's sections,
assignments and deadlines come out as from any other shape.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import gazetteer, leading_agencies, lkey
from kehoach.structure.grid import Row, Table, column_roles, merged_header, width
from kehoach.structure.lines import Line
from kehoach.structure.outline import roman_value
from kehoach.text import key

_MIN_ROWS = 2
_HEADER_REACH = 1500  # the number column opens the header soon after the appendix's title

# A token that may number a row: a letter, a Roman numeral, a number or decimal, a small
# letter; it stands after a space and before a capitalised word.
_CANDIDATE = regex.compile(
    r"(?<=\s)(?P<l>[A-Z]|[IVX]{1,5}|\d{1,3}(?:\.\d{1,2}){0,3}|[a-eg-iklmnđ])[.)]?\s+(?=[\p{Lu}\"“])"
)
# the columns numbered under the header: '1 2 3 4 5 6 7 8', 'A B 1 2 3 4=3/2 5 6', '(1) (2)'
_NUMBER_TOKEN = r"\(?(?:[A-D]|\d{1,2}(?:=\d{1,2}/\d{1,2})?)\)?"
_COLUMN_NUMBERS = regex.compile(r"(?:\s" + _NUMBER_TOKEN + r"){3,}(?=\s|$)")
_WORD = regex.compile(r"\S+")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class _Grammar:
    number_column: regex.Pattern[str]
    columns: regex.Pattern[str]
    agency_columns: tuple[str, ...]
    times: regex.Pattern[str]
    cited_parts: frozenset[str]
    figure_columns: regex.Pattern[str]
    unit_column: regex.Pattern[str]
    units: frozenset[str]
    furniture: regex.Pattern[str]


@cache
def _grammar() -> _Grammar:
    data = load("sections")
    rt = data["run_in_tables"]
    cols = sorted(rt["columns"], key=len, reverse=True)
    return _Grammar(
        number_column=regex.compile(rt["number_column"]),
        columns=regex.compile(r"(?<!\p{L})(?:" + "|".join(map(regex.escape, cols)) + r")(?!\p{L})"),
        agency_columns=tuple(rt["agency_columns"]),
        times=regex.compile(
            r"(?:(?:" + "|".join(map(regex.escape, rt["time_openers"])) + r")\s+)*"
            r"(?:" + "|".join(rt["times"]) + r")(?!\p{L}|\d)"
        ),
        cited_parts=frozenset(rt["cited_parts"]),
        figure_columns=regex.compile(
            r"(?<!\p{L})(?:" + "|".join(rt["figure_columns"]) + r")(?!\p{L})"
        ),
        unit_column=regex.compile(
            r"(?:" + "|".join(map(regex.escape, rt["unit_columns"])) + r")\b"
        ),
        # the site's furniture, or the page's footnotes ('[1] Theo Quyết định ...')
        furniture=regex.compile(
            "|".join(regex.escape(w) for w in load("page")["chrome_inline"]) + r"|\[\d{1,2}\]\s"
        ),
        units=frozenset(
            key(f"{scale} {u}" if scale else u)
            for u in load("targets")["units"]
            for scale in ("", *load("targets")["scales"])
        ),
    )


def run_in_table(line: Line, start: int = 0) -> tuple[int, Table] | None:
    """The table run into `line` from `start` on: (offset of its header, the table); None
    when no header and at least two numbered rows can be read there."""
    g = _grammar()
    text = line.text
    hm = g.number_column.search(text, start, min(len(text), start + _HEADER_REACH))
    if hm is None:
        return None
    labels = _row_labels(text, hm.end())
    if len(labels) < _MIN_ROWS:
        return None
    header_text = text[hm.start() : labels[0][0]]
    totals = ""
    nm = _COLUMN_NUMBERS.search(header_text)
    if nm is not None:  # the header ends at its columns' numbers; a total may follow them
        header_text, totals = header_text[: nm.start()], header_text[nm.end() :].strip()
    header = _header_cells(header_text.strip())
    roles = _cell_kinds(header)
    if not roles:  # a table of figures: its columns open with years and measures too
        header = _header_cells(header_text.strip(), figures=True)
    unit = len(header) > 2 and bool(g.unit_column.match(key(header[2])))
    table = Table()
    if totals:
        at = hm.start() + nm.end()
        title, cells = _figures(totals, unit)
        table.totals.append(Row("", title, cells, *line.lines_of(at, labels[0][0])))
    ends = [p for p, _ in labels[1:]] + [_furniture(text, labels[-1][0])]
    for (pos, label), end in zip(labels, ends, strict=True):
        body_start = _CANDIDATE.match(text, pos).end()
        # (the last row's span keeps the furniture's lines: every line stays placed)
        first, last = line.lines_of(pos, end if end != ends[-1] else len(text))
        body = _without_header(text[body_start:end]).strip()
        if roles:
            table.rows.append(Row(label, *_row_cells(body, roles), first, last))
            continue
        # a row of figures; its items (printed with a dash or not) follow its own figures
        parts = _items(body) or [""]
        row = Row(label, *_figures(parts[0], unit), first, last)
        for part in parts[1:]:
            dash = _DASH.match(part)
            title, cells = _figures(part[dash.end() :] if dash else part, unit)
            row.subrows.append(Row("-" if dash else "", title, cells, first, last))
        table.rows.append(row)
    if not roles:
        table.header_rows = _header_rows(header)
        header = merged_header(table.header_rows, width(table))
    table.header = header
    return hm.start(), table


_DASH_ITEM = regex.compile(r"\s(?=[-–+•]\s+\p{Lu})")
_DASH = regex.compile(r"[-–+•]\s+")
_FIGURE = regex.compile(r"^(?:\d[\d.,]*(?:\s*[-–÷]\s*\d[\d.,]*)?%?|[-–x…]|\([\d.,]+\))$")


def _items(body: str) -> list[str]:
    """A row of figures and the items under it: a new item starts at a dash before a
    capitalised word, or at a word after two figures or more ('... Tỷ đồng 72.000 80.000
    Tỷ lệ so với GRDP % 42 41')."""
    out: list[str] = []
    for part in _DASH_ITEM.split(body):
        words = part.split(" ")
        start = run = 0
        for i, w in enumerate(words):
            if _FIGURE.match(w):
                run += 1
                continue
            if run >= 2 and w:
                out.append(" ".join(words[start:i]))
                start = i
            run = 0
        out.append(" ".join(words[start:]))
    return [p.strip() for p in out if p.strip()]


def _figures(text: str, unit: bool) -> tuple[str, list[str]]:
    """'Tốc độ tăng trưởng GRDP % 8,00 8,00 10,00' -> the row's name, then its cells (its
    unit first where the table has a unit column)."""
    words = text.split()
    k = len(words)
    while k > 0 and _FIGURE.match(words[k - 1]):
        k -= 1
    if k == len(words):
        return text.strip(), []
    figures = words[k:]
    name = words[:k]
    u = _unit_words(name) if unit else 0
    cells = ([" ".join(name[len(name) - u :])] if unit else []) + figures
    return " ".join(name[: len(name) - u]), cells


def _unit_words(name: list[str]) -> int:
    """How many of the last words of a row's name are its unit ('Tỷ đồng', '%')."""
    units = _grammar().units
    for n in (3, 2, 1):
        if len(name) > n and key(" ".join(name[-n:])) in units:
            return n
    # a code the list does not hold: 'DA/MH' (dự án/mô hình), 'NH' (nhãn hiệu), '%/năm'
    return 1 if len(name) > 1 and _UNIT_CODE.fullmatch(name[-1]) else 0


_UNIT_CODE = regex.compile(r"\p{Lu}{1,5}(?:/\p{Lu}{1,5})*|[\p{L}%]{1,8}/[\p{L}]{1,8}")


def _header_rows(header: list[str]) -> list[list[str]]:
    """A header printed on two rows ran into one. A period over its years ('GIAI ĐOẠN 2026
    - 2030 Năm 2026 ... Năm 2030') has the years below it; the cells after the last year
    cell that name no year ('Kế hoạch', 'Ước thực hiện') are below a year cell; measures
    repeated under every year ('Kế hoạch 2030 Lượng (Tấn) Giá trị (Nghìn USD) Lượng ...')
    are cells of their own."""
    header = [c for cell in header for c in _with_measures(cell)]
    for i, cell in enumerate(header):
        period = _PERIOD.search(cell)
        later = header[i + 1 :]
        if period and len(later) >= 2 and all(_inside(c, period) for c in later):
            return [header[: i + 1], later]
    years = [i for i, c in enumerate(header) if _YEAR.search(c)]
    if not years or years[-1] == len(header) - 1:
        return [header]
    if all(_MEASURE.fullmatch(c) for c in header[years[-1] + 1 :]):
        return [header]  # repeated measures: the targets reader pairs them with the years
    return [header[: years[-1] + 1], header[years[-1] + 1 :]]


_PERIOD = regex.compile(r"(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d)")
_MEASURE = regex.compile(r"\s*[^()]{1,60}?\s*\([^()]{1,30}\)\s*")


def _inside(cell: str, period: regex.Match[str]) -> bool:
    m = _YEAR.search(cell)
    return m is not None and int(period["a"]) <= int(m.group()) <= int(period["b"])


def _with_measures(cell: str) -> list[str]:
    """'Kế hoạch 2030 Lượng (Tấn) Giá trị (Nghìn USD)' -> the year's cell, then one cell
    per measure with its unit in brackets."""
    m = _YEAR.search(cell)
    if m is None or not cell[m.end() :].strip():
        return [cell]
    measures = [x.strip() for x in _MEASURE.findall(cell[m.end() :])]
    if not measures or "".join(measures).replace(" ", "") != cell[m.end() :].replace(" ", ""):
        return [cell]
    return [cell[: m.end()].strip(), *measures]


def _row_labels(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, label) of each row, in the order of the table's numbering."""
    state = _Numbering()
    out: list[tuple[int, str]] = []
    found = [m for m in _CANDIDATE.finditer(text, start) if not _inside_cell(text, m.start())]
    for i, m in enumerate(found):
        label = m.group("l")
        kind = state.kind(label)
        if kind is None and out and _resumes(label, found[i + 1 : i + 4]):
            kind = "number"  # a row the copy lost its number for ('… 3 pH ...'): go on
        if kind is None and out and _skipped_group(state, text, m):
            kind = "roman"  # groups the copy left out ('… VII DIỄN TẬP ...'): go on
        # (the first row's number stands before a word, not before the columns' own numbers)
        if (
            kind is None
            or (not out and not _opens_row(text, m))
            or _LABEL_WORD.match(text, m.end())
        ):
            continue
        state.take(label, kind)
        out.append((m.start(), label))
    return out


_HEADER_GAP = 30  # at most this many characters between the column names of a header


def _without_header(body: str) -> str:
    """A row's text without the table's header printed again after it (a web copy
    repeats it where the table goes on under a new part): three column names or more,
    close together, and what follows them."""
    g = _grammar()
    names = list(g.columns.finditer(lkey(body)))
    for i in range(len(names) - 2):
        close = all(names[j + 1].start() - names[j].end() <= _HEADER_GAP for j in range(i, i + 2))
        if close:
            head = body[: names[i].start()].rstrip()
            return str(regex.sub(r"(?:\s+(?:STT|TT|Nội dung|Nhiệm vụ))+$", "", head))
    return body


def _furniture(text: str, start: int) -> int:
    """Where the site's page furniture (page.yaml `chrome_inline`) or the page's footnotes
    a crawl ran on after the table's last row begin; the text's end when there are none."""
    m = _grammar().furniture.search(lkey(text), start)
    return m.start() if m else len(text)


def _resumes(label: str, after: list[regex.Match[str]]) -> bool:
    """A number out of turn that the next number goes on from (n, n+1)."""
    if not label.isdigit() or label == "1":
        return False
    numbers = [int(m.group("l")) for m in after if m.group("l").isdigit()]
    return numbers[:1] == [int(label) + 1]


def _skipped_group(state: _Numbering, text: str, m: regex.Match[str]) -> bool:
    """A later group's Roman number of two letters or more before a title in capitals."""
    value = roman_value(m.group("l"))
    nxt = _WORD.match(text, m.end())
    return (
        value is not None
        and len(m.group("l")) >= 2
        and value > (state.roman or 0) + 1
        and nxt is not None
        and len(nxt.group()) >= 2
        and nxt.group().isupper()
    )


def _opens_row(text: str, m: regex.Match[str]) -> bool:
    """The first row's number stands before a word, not before the next column number."""
    nxt = _WORD.match(text, m.end())
    return nxt is not None and len(regex.sub(r"\W", "", nxt.group())) >= 2


_RANGE_END = regex.compile(r"\d[-–]$")
# a row's title never opens with another row's number ('… 145.141 0 0 B CHI …', '… 2 3 II …')
_LABEL_WORD = regex.compile(r"(?:[A-Z]|[IVX]{1,5})(?!\S)")


def _inside_cell(text: str, pos: int) -> bool:
    """'khoản 2 Điều 11', 'Điều 7, 8 Nghị định': a number a cited part or a list holds."""
    before = text[max(0, pos - 30) : pos].rstrip()
    # ('… 7-8', a range; not the '-' an empty cell of figures prints before the next row)
    if before.endswith((",", "/", "(")) or _RANGE_END.search(before):
        return True
    words = before.split()
    # 'khoản 2', 'Điều 8'; not a header's last word in capitals ('HƯỚNG DẪN CHẤM ĐIỂM I ...')
    return bool(words) and key(words[-1]) in _grammar().cited_parts and not words[-1].isupper()


class _Numbering:
    """Which row numbers may come next: the next of any level open so far, or the first
    of a level below the last row (numbers restart under each group, or go on)."""

    def __init__(self) -> None:
        self.letter: str | None = None
        self.roman: int | None = None
        self.number: int | None = None
        self.decimal: list[int] | None = None
        self.small: str | None = None
        self.sublist = False
        self.last_kind = ""

    def kind(self, label: str) -> str | None:
        """The level `label` continues or opens, or None when it cannot come next."""
        if label.isdigit():
            n = int(label)
            if (
                (n == 1 and self.last_kind in ("", "letter", "roman", "decimal"))
                or (self.number is not None and n == self.number + 1)
                or (self.roman is not None and n == self.roman and self.last_kind == "roman")
                or (self.decimal is not None and n == self.decimal[0] + 1)
            ):
                return "number"
            return None
        if "." in label:
            parts = [int(p) for p in label.split(".")]
            d = self.decimal or []
            if parts[-1] != 1:  # the next of a level open so far
                depth = len(parts) - 1
                ok = len(d) > depth and parts[:-1] == d[:depth] and parts[-1] == d[depth] + 1
                return "decimal" if ok else None
            parents = [d, [d[0] + 1] if d else []]
            parents += [[v] for v in (self.number, self.roman) if v is not None]
            return "decimal" if parts[:-1] in parents else None
        if label in _SMALL:
            i = _SMALL.find(self.small) if self.small else -1
            if (i < 0 and label == "a" and self.last_kind in ("number", "decimal")) or (
                i >= 0 and label == _SMALL[i + 1 : i + 2]
            ):
                return "small"
            return None
        value = roman_value(label)
        if value is not None and value == (self.roman or 0) + 1:
            return "roman"
        if len(label) == 1:
            if self.letter is None:
                return "letter" if label == "A" and not self.last_kind else None
            return "letter" if ord(label) == ord(self.letter) + 1 else None
        return None

    def take(self, label: str, kind: str) -> None:
        after, self.last_kind = self.last_kind, kind
        # a group keeps the last number: some tables number their rows on across groups
        if kind in ("letter", "roman"):
            self.sublist = False
        if kind == "letter":
            self.letter, self.roman, self.decimal, self.small = label, None, None, None
        elif kind == "roman":
            self.roman, self.decimal, self.small = roman_value(label), None, None
        elif kind == "number":
            # '1.1.2 Mẫu nước trong ao nuôi 1 Nhiệt độ 2 Oxy ...': a plain list under a
            # decimal row keeps the decimal open
            self.sublist = self.sublist or (label == "1" and after == "decimal")
            self.number, self.small = int(label), None
            self.decimal = self.decimal if self.sublist else None
        elif kind == "decimal":
            self.decimal, self.small, self.sublist = [int(p) for p in label.split(".")], None, False
        else:
            self.small = label


_SMALL = "abcdđeghiklmn"


def _header_cells(text: str, figures: bool = False) -> list[str]:
    """'STT Nội dung Đơn vị thực hiện Đơn vị phối hợp Thời gian ...' -> one cell per
    column, cut where each known column opens (with `figures`, also each year's and
    measure's column of a table of figures)."""
    g = _grammar()
    k = lkey(text)
    number = g.number_column.match(text)
    start = number.end() if number else 0
    cuts = [m.start() for m in g.columns.finditer(k, start)]
    if figures:
        cuts = sorted({*cuts, *(m.start() for m in g.figure_columns.finditer(k, start))})
    # 'Cơ quan chủ trì' holds 'chủ trì': a cut inside a column's name is no new column
    cuts = [c for i, c in enumerate(cuts) if not any(c < e for e in _ends(g, k, cuts[:i]))]
    out = [text[:start].strip()] if number else []
    bounds = [start, *cuts, len(text)]
    out += [text[a:b].strip() for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
    return out


def _ends(g: _Grammar, k: str, cuts: list[int]) -> list[int]:
    return [m.end() for c in cuts if (m := g.columns.match(k, c))]


def _cell_kinds(header: list[str]) -> list[str]:
    """What each cell after the task holds: 'agency', 'time' or 'text'; [] for a table
    without a column of who acts (its rows keep their text as their title)."""
    roles = column_roles(header)
    if "lead" not in roles:
        return []
    g = _grammar()
    kinds = []
    for i, cell in enumerate(header[2:]):
        k = key(cell)
        if i == roles.get("due"):
            kinds.append("time")
        elif i in (roles.get("lead"), roles.get("partner")) or k.startswith(g.agency_columns):
            kinds.append("agency")
        else:
            kinds.append("text")
    return kinds


# The cells after a row's task are short: a lead, partners, a time, a product. They start
# within this many characters of the row's end, each at a capitalised word or a figure.
_CELLS_REACH = 3000
_LIST_REACH = 600  # a cell's list of agencies is shorter than this
_CELL_START = regex.compile(r"(?<=\s)[\p{Lu}\d]")


def _row_cells(body: str, kinds: list[str]) -> tuple[str, list[str]]:
    """The row's task, then one text per column after it. The task ends at the first word
    from which the columns after it read best: most cells holding what their column
    holds, the agencies of the column of who leads first."""
    row = _Cells(body, kinds)
    best: tuple[int, int, list[tuple[int, int]]] | None = None
    for p in row.starts:
        spans = row.parse(p, 0)
        if spans is None or spans[0][0] == spans[0][1]:
            continue  # no one leads from here
        score = sum(
            1 for (a, b), kind in zip(spans, kinds, strict=True) if a < b and kind != "text"
        )
        if best is None or score > best[0]:
            best = (score, p, spans)
    if best is None:
        return body, []
    _, p, spans = best
    return body[:p].strip(), [body[a:b].strip(" ;,") for a, b in spans]


class _Cells:
    """One row's text read as cells of given kinds, each reading from each place done once
    (a row's text stays linear to read however long its task)."""

    def __init__(self, body: str, kinds: list[str]) -> None:
        self.body, self.kinds, self.k = body, kinds, lkey(body)
        self.starts = [
            m.start() for m in _CELL_START.finditer(body, max(1, len(body) - _CELLS_REACH))
        ]
        self.memo: dict[tuple[int, int], list[tuple[int, int]] | None] = {}

    def parse(self, pos: int, i: int) -> list[tuple[int, int]] | None:
        """Spans of the cells of kinds[i:] from `pos` on, reaching the row's end; None when
        the text does not read so. An agency or time cell may be empty; a text cell ends
        where the next typed cell starts (the last one at the row's end)."""
        if (pos, i) not in self.memo:
            self.memo[(pos, i)] = self._parse(pos, i)
        return self.memo[(pos, i)]

    def _parse(self, pos: int, i: int) -> list[tuple[int, int]] | None:
        body = self.body
        if i == len(self.kinds):
            return [] if not body[pos:].strip() else None
        p = _skip_space(body, pos)
        if self.kinds[i] == "text":
            if i + 1 == len(self.kinds):
                return [(p, len(body))]
            for q in self.starts:
                if q <= p:
                    continue
                tail = self.parse(q, i + 1)
                if tail is not None and tail[0][0] < tail[0][1]:
                    return [(p, q), *tail]
            tail = self.parse(len(body), i + 1)
            return None if tail is None else [(p, len(body)), *tail]
        end = self._cell_end(p, self.kinds[i])
        if end is not None and end > p:
            tail = self.parse(end, i + 1)
            if tail is not None:
                return [(p, end), *tail]
        tail = self.parse(p, i + 1)  # the cell left empty
        return None if tail is None else [(p, p), *tail]

    def _cell_end(self, p: int, kind: str) -> int | None:
        body = self.body
        if p >= len(body):
            return None
        if kind == "time":
            m = _grammar().times.match(self.k, p)
            return m.end() if m and m.end() > p else None
        end, found = leading_agencies(body[p : p + _LIST_REACH])
        if found:
            return p + end
        vm = gazetteer().vague_tail.match(self.k, p)
        if vm and vm.end() > p and body[p].isupper():
            return int(vm.end())  # 'Cơ quan, địa phương liên quan': a cell naming no one
        return None


def _skip_space(body: str, p: int) -> int:
    while p < len(body) and body[p] in " ;,":
        p += 1
    return p
