"""Appendix tables -> sections and rows.

Tables come pipe-joined ('| 1 | Đào tạo nghề | Lớp | 6 | 10 |') or flattened one cell
per line (PDF and some web copies, empty cells printed as a no-break space). Both are
read into rows: a row starts at a TT label (A, I, 1) followed by a text cell.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.structure.grid import Row, Table, column_roles, merged_header, width
from kehoach.structure.lines import Line, cells, join, opens_page
from kehoach.structure.outline import Block, Node, Walker, finish, roman_value
from kehoach.structure.runin import run_in_table
from kehoach.structure.titles import split_title
from kehoach.structure.trim import caption_of, patterns
from kehoach.text import RULE_MARKS, join_wrapped, key

_WORDY = regex.compile(r"\p{L}{2,}")
_NUM_MARKS = regex.compile(r"[()*\s]")
_ATTACHED = regex.compile(r"^\(?(?:Kèm theo|Ban hành kèm)", regex.IGNORECASE)
_LABELLED = regex.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[A-ZĐ])\s*[.)]\s")
_DASH_ITEM = regex.compile(r"^[-+–•]\s*(?P<t>.*)$")

# A row's number: a group letter, a Roman numeral, a number, a decimal ('1.1', '5.1.1') or a
# lower-case letter ('a', 'đ') under a numbered row. A part of three digits after a dot is a
# thousands group ('10.307', '3.100.000'): a quantity, as PDF text sets a cell of figures on
# a line of its own.
_LABEL = regex.compile(
    r"^(?P<l>[A-HJ-UWYZ]|[IVX]{1,5}|\d{1,3}(?:\.\d{1,2}){0,4}|[a-eg-iklmnđ])[.)]?$"
)
_NUMERIC = regex.compile(r"^[\d.,%\s÷–-]+(?:%|/năm)?$")
# a group's number and title in one cell: a group letter or a Roman numeral, then capitals
_GROUP_IN_ONE_CELL = regex.compile(r"^(?P<l>[A-HJ-UWYZ]|[IVX]{1,5})[.)]\s+(?P<t>\p{Lu}.*)$")


# A row printed with a dash or plus instead of a number: an item of the row above it.
_SUB_LABEL = regex.compile(r"^[-+–•]$")


def _label_rank(label: str) -> int:
    """Depth of a row's number: group letters 0, Roman 1, numbers 2, each decimal part one
    more ('1.1' 3, '1.1.1' 4), lower-case letters below them all."""
    if roman_value(label) is not None and label not in ("C", "D", "L"):
        return 1
    if label.replace(".", "").isdigit():
        return 2 + label.count(".")
    if label.islower():
        return 7
    return 0


def _is_text_cell(text: str) -> bool:
    return (
        bool(text)
        and bool(_WORDY.search(text))
        and not _NUMERIC.match(text)
        and not _LABEL.match(text)
    )


_COLUMN_GAP = regex.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")


def read_table(lines: list[Line]) -> Table | None:
    """Rows of a pipe-joined, PDF layout, space-aligned or flattened table; None when the
    lines read as prose."""
    text_lines = [ln for ln in lines if ln.text]
    pipe_rows = [ln for ln in text_lines if ln.text.count("|") >= 2]
    if len(pipe_rows) >= 2:
        return _pipe_table(pipe_rows)
    laid_out = layout_rows(lines)
    if laid_out is not None:
        return _pipe_table(laid_out)
    spaced = [ln for ln in text_lines if len(_COLUMN_GAP.findall(ln.raw.strip())) >= 2]
    # A table flattened one cell per line shows bare labels and numbers on lines of their own.
    bare_cells = sum(1 for ln in text_lines if _LABEL.match(ln.text) or _NUMERIC.match(ln.text))
    if not text_lines or (
        bare_cells < 0.3 * len(text_lines) and len(spaced) < 0.5 * len(text_lines)
    ):
        return None
    if len(spaced) >= 2 and len(spaced) >= len(text_lines) // 2:
        # columns kept apart by runs of spaces: read them as cells
        as_pipes = [
            replace(ln, text="| " + _COLUMN_GAP.sub(" | ", ln.raw.strip()) + " |") for ln in spaced
        ]
        return _pipe_table(as_pipes)
    return _flat_table(lines)


# ---------------------------------------------------------------------------------------
# Tables in PDF layout text (pdftotext -layout): a row's cells wrap over several lines,
# rows stand apart by blank lines, columns by runs of spaces.

_NOTE = regex.compile(r"^\[\d{1,2}\]\s")
_SEGMENT = regex.compile(r"\S+(?: \S+)*")  # text between runs of two spaces or more


def _segments(raw: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SEGMENT.finditer(raw.replace("\f", " "))]


def _printed(block: list[Line]) -> list[list[tuple[int, str]]]:
    """The segments of each printed line of a block (a logical line may join several)."""
    return [_segments(raw) for ln in block for raw in ln.raw.split("\n") if raw.strip()]


def _page_groups(lines: list[Line]) -> list[list[list[Line]]]:
    """Row blocks (runs of lines between blank lines), grouped by page: pdftotext moves
    the left margin from page to page, so columns line up only within one."""
    pages: list[list[list[Line]]] = [[]]
    block: list[Line] = []
    for ln in lines:
        if opens_page(ln) or "\n\f" in ln.raw:  # (a joined line may hold the break)
            if block:
                pages[-1].append(block)
                block = []
            pages.append([])
        if ln.raw.strip():
            block.append(ln)
        elif block:
            pages[-1].append(block)
            block = []
    if block:
        pages[-1].append(block)
    return [p for p in pages if p]


def _anchors(printed: list[list[tuple[int, str]]], header: int) -> list[int]:
    """Where a page's columns start: the places where many printed lines start a segment
    (a column's cells are set flush left under each other; the words inside a cell are
    not, so they make no peak). The first `header` lines count twice: the header names
    every column, even one few rows of the page fill."""
    starts = Counter(x for segs in printed for x, _ in segs)
    starts.update(x for segs in printed[:header] for x, _ in segs)
    floor = 3
    peaks = sorted((x for x, n in starts.items() if n >= floor), key=lambda x: -starts[x])
    anchors: list[int] = []
    for x in peaks:  # the strongest of starts within three characters of each other
        if all(abs(x - a) > 3 for a in anchors):
            anchors.append(x)
    return sorted(anchors)


def _aligned(printed: list[list[tuple[int, str]]], anchors: list[int]) -> bool:
    """Most segments start under a column (a table), not anywhere (justified prose, whose
    widened spaces cut its lines into segments too)."""
    starts = [x for segs in printed for x, _ in segs]
    near = sum(1 for x in starts if any(abs(x - a) <= 2 for a in anchors))
    return near >= 0.8 * len(starts)


def _row_cells(block: list[Line], anchors: list[int]) -> list[str]:
    """A row's cells: each printed line cut where the page's columns begin (at the space
    nearest that point: a wrapped cell may run up to the next column with one space
    between, and a header's words too: 'Năm hiện Năm' over two columns)."""
    cells: list[list[str]] = [[] for _ in anchors]
    for ln in block:
        for raw in ln.raw.replace("\f", " ").split("\n"):
            cuts = [0]
            for a in anchors[1:]:
                near = [x for x in range(a - 3, a + 3) if 0 < x < len(raw) and raw[x] == " "]
                cuts.append(min(near, key=lambda x: abs(x - a)) if near else a)
            cuts.append(len(raw))
            for k in range(len(anchors)):
                piece = raw[cuts[k] : cuts[k + 1]].strip()
                if piece:
                    cells[k].append(piece)
    return [join_wrapped(c) for c in cells]


def layout_rows(lines: list[Line]) -> list[Line] | None:
    """A PDF layout table as pipe-joined rows, one per block, its cells placed under the
    columns of its page; None when the lines do not read as such a table (too few rows
    with three cells or more)."""
    # the table opens with the first block laid out in columns (the header), after the
    # appendix's centred title lines
    first = next(
        (i for i, ln in enumerate(lines) if any(len(p) >= 2 for p in _printed([ln]))), None
    )
    if first is None:
        return None
    while first > 0 and lines[first - 1].raw.strip():
        first -= 1
    # the page's footnotes under the table ('[2] Cụ thể: ...') are no rows of it
    last = next((i for i in range(first, len(lines)) if _NOTE.match(lines[i].text)), len(lines))
    grid: list[tuple[Line, list[str]]] = []
    before: list[int] = []
    for blocks in _page_groups(lines[first:last]):
        printed = [segs for block in blocks for segs in _printed(block)]
        anchors = _anchors(printed, len(_printed(blocks[0])))
        if len(anchors) < 3 or not _aligned(printed, anchors):
            # a page with too few rows to show its columns: those of the page before
            if len(before) < 3 or not _aligned(printed, before):
                return None
            anchors = before
        before = anchors
        page = [_row_cells(block, anchors) for block in blocks]
        # a column no row of the page fills: an anchor that only a header word made
        used = [k for k in range(len(anchors)) if any(r[k] for r in page)]
        grid += [(join(b), [r[k] for k in used]) for b, r in zip(blocks, page, strict=True)]
    wide = sum(1 for _, cells in grid if sum(1 for c in cells if c) >= 3)
    if wide < 3 or wide < len(grid) // 3:
        return None
    return [replace(ln, text="| " + " | ".join(cells) + " |") for ln, cells in grid]


def _pipe_table(lines: list[Line]) -> Table:
    table = Table()
    for ln in lines:
        raw_cells = [c.strip() for c in ln.text.strip().strip("|").split("|")]
        if not any(raw_cells):
            continue
        only = [c for c in raw_cells[:2] if c] if not any(raw_cells[2:]) else []
        gm = _GROUP_IN_ONE_CELL.match(only[0]) if len(only) == 1 else None
        if gm and _is_text_cell(gm.group("t")):
            # '| I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY |', '|  | I. Kinh tế số |  |': a
            # group row's number and title in one cell, across the table or in the title column
            raw_cells = [gm.group("l"), gm.group("t")]
        m = _LABEL.match(raw_cells[0])
        filled = [c for c in raw_cells[1:] if c]
        if m and len(filled) == 1 and not raw_cells[1] and _is_text_cell(filled[0]):
            # '| B |  | PHÁT TRIỂN KINH TẾ SỐ ... |': a group row whose title cell spans the
            # columns, split by a PDF reader at a line it saw in the merged cell
            raw_cells = [raw_cells[0], filled[0]]
        titled = len(raw_cells) > 1 and _is_text_cell(raw_cells[1])
        if m and titled:
            table.rows.append(Row(m.group("l"), raw_cells[1], raw_cells[2:], ln.no, ln.end))
        elif table.rows and titled and _SUB_LABEL.match(raw_cells[0]):
            sub = Row(raw_cells[0], raw_cells[1], raw_cells[2:], ln.no, ln.end)
            table.rows[-1].subrows.append(sub)
            table.rows[-1].line_end = ln.end
        elif not table.rows and _numbering(raw_cells):
            continue  # the row that numbers the columns: (1) (2) (3) ...
        elif titled and not raw_cells[0]:
            # a row without a number: the table's total ('Tổng I + II', 'Tổng cộng'), or
            # an item of the row above it
            row = Row("", raw_cells[1], raw_cells[2:], ln.no, ln.end)
            if table.rows and not _total_row().match(key(raw_cells[1])):
                table.rows[-1].subrows.append(row)
            else:
                table.totals.append(row)
        elif not table.rows:
            table.header_rows.append([c for c in raw_cells if c])
        elif _merged_below(raw_cells, table.rows[-1]):
            # '|  |  | Kế hoạch tự kiểm tra ... | Trong tháng 01/2026 | Các cơ quan ... |': the
            # number and task cells merged down from the row above; its other cells are its own
            row = Row("", "", raw_cells[2:], ln.no, ln.end)
            table.rows[-1].subrows.append(row)
            table.rows[-1].line_end = ln.end
        elif table.rows:
            table.rows[-1].cells.extend(raw_cells)
            table.rows[-1].line_end = ln.end
    table.header = merged_header(table.header_rows, width(table))
    return table


def _merged_below(raw_cells: list[str], above: Row) -> bool:
    """A full-width line with its number and title cells empty: the rest of a row whose
    first cells Word merged over two lines (not a wrapped row's overflow, which is short)."""
    return (
        len(raw_cells) >= 4
        and not raw_cells[0]
        and not raw_cells[1]
        and len(raw_cells) == 2 + len(above.cells)
        and sum(1 for c in raw_cells[2:] if c) >= 2
    )


def continued_rows(node: Node) -> list[tuple[list[str], Block]]:
    """The cells of a table row, then those of the lines merged below it (see _merged_below),
    each with its block: every line a task table gives a lead, a due date and partners on."""
    out = [(row_cells(node), node.body[0])] if node.body and node.body[0].kind == "row" else []
    for block in node.body[1:]:
        if block.kind == "row" and block.text.startswith(" | "):
            out.append((block.text.split(" | ")[1:], block))
    return out


@cache
def _total_row() -> regex.Pattern[str]:
    words = load("sections")["table_totals"]
    return regex.compile(r"^(?:" + "|".join(regex.escape(key(w)) for w in words) + r")\b")


def _numbering(cells: list[str]) -> bool:
    """'| | 1 | 2 | 3 |' or '(1) (2) (3)': the columns numbered under the header."""
    nums = [_NUM_MARKS.sub("", c) for c in cells if c.strip()]
    return (
        len(nums) >= 3
        and all(n.isdigit() for n in nums)
        and [int(n) for n in nums] == list(range(int(nums[0]), int(nums[0]) + len(nums)))
    )


def _flat_table(lines: list[Line]) -> Table:
    cells_: list[tuple[str, int]] = []
    for ln in lines:
        if ln.text:
            cells_.append((ln.text, ln.no))
        elif ln.empty_cell:
            cells_.append(("", ln.no))
    table = Table()
    i = 0
    while i < len(cells_):
        text, no = cells_[i]
        m = _LABEL.match(text)
        nxt = cells_[i + 1][0] if i + 1 < len(cells_) else ""
        if m and _is_text_cell(nxt):
            table.rows.append(Row(m.group("l"), nxt, [], no, cells_[i + 1][1]))
            i += 2
            continue
        if table.rows and _DASH_ITEM.match(text) and _is_text_cell(text):
            # '- Số giáo viên', '+ Học sinh bán trú': an item of the row above, its cells
            # follow (its empty number cell left no line of its own)
            table.rows[-1].subrows.append(Row("", text, [], no, no))
            table.rows[-1].line_end = no
        elif table.rows:
            row = table.rows[-1]
            owner = row.subrows[-1] if row.subrows else row
            owner.cells.append(text)
            owner.line_end = row.line_end = no
        elif text:
            table.header.append(text)
        i += 1
    return table


def _form_label(lines: list[Line], start: int, end: int) -> int | None:
    """The first form's label under a bare caption (trim.caption_of), past the caption's note."""
    j = start + 1
    while j < end and (not lines[j].text or _ATTACHED.match(lines[j].text.strip())):
        j += 1
    m = patterns().appendix.match(cells(lines[j].text)[0]) if j < end else None
    return j if m and m.group("label") and caption_of(lines, start, j) else None


def _past_own_title_block(lines: list[Line], j: int, end: int) -> int:
    """Past the title block a form carries ('(1)……' / '-------' / 'CỘNG HÒA XÃ HỘI ...' /
    'Độc lập - Tự do - Hạnh phúc' / '….., ngày … tháng …'): its title comes after it."""
    p = patterns()
    motto = next((k for k in range(j, min(end, j + 8)) if p.motto.search(lines[k].text)), None)
    if motto is None:
        return j
    k = motto + 1
    while k < end and (
        not lines[k].text
        or p.motto.search(lines[k].text)
        or not lines[k].text.strip(RULE_MARKS + " ")
        or ("ngày" in lines[k].text and not lines[k].text.isupper())
    ):
        k += 1
    return k


def appendix_nodes(lines: list[Line], start: int, end: int, number: int) -> Node:
    """The appendix starting at lines[start] as a section PBnn with its own tree."""
    p = patterns()
    head = lines[start]
    m = p.appendix.match(cells(head.text)[0])
    form = _form_label(lines, start, end) if m and not m.group("label") else None
    caption: list[Line] = []
    if form is not None:  # a caption over forms ('PHỤ LỤC' / 'ban hành kèm theo ...'):
        caption = [ln for ln in lines[start:form] if ln.text]  # the appendix is its first
        start, head = form, lines[form]  # form, the caption its opening words
        m = p.appendix.match(cells(head.text)[0])
    # no 'PHỤ LỤC' label: the heading is the attachment's title itself
    rest = (m.group("rest") or "").strip() if m else cells(head.text)[0].strip()
    j = start + 1
    if not rest:
        while j < end and not lines[j].text:
            j += 1
        j = _past_own_title_block(lines, j, end)
        title_lines: list[str] = []
        while j < end and lines[j].text.isupper():
            t = lines[j].text.strip()
            if title_lines and ("|" in t or _LABELLED.match(t) or _ATTACHED.match(t)):
                break  # a table, a numbered heading, the note: the title has ended
            title_lines.append(t)
            j += 1
        rest = " ".join(title_lines)
    title, _ = split_title(rest) if rest else ("", "")
    path = f"PB{number:02d}"
    node = Node("appendix", 0, path, path, title or rest, rest, head.no, head.no, kind="appendix")
    if caption:
        node.line_start = caption[0].no
        node.body += [Block("paragraph", ln.text, ln.no, ln.end) for ln in caption]
    body = [ln for ln in lines[j:end] if not _ATTACHED.match(ln.text)]
    table = read_table(body)
    if table is None and (run_in := _run_in(head, body)) is not None:
        heading, table = run_in
        node.title = split_title(heading)[0] if heading else node.title
        node.heading = heading or node.heading
    if table is not None:
        _table_tree(node, table)
        node.body += _notes_under(body)
    else:
        # a crawl of the whole plan runs an appendix's table into its flow of words: its
        # rows and columns are lost, its numbers no longer stand in their cells
        node.run_on = head.inline or any(ln.inline for ln in body)
        walker = Walker()
        walker.root = node
        walker.stack = [node]
        walker.seen_heading = True
        for ln in body:
            walker.feed(ln)
        for sub in node.walk():
            if sub is not node:
                sub.kind = None  # kinds belong to the plan's top-level sections only
    finish(node)
    return node


@cache
def _note_opener() -> regex.Pattern[str]:
    words = load("sections")["table_notes"]
    return regex.compile(r"^[\s*(]*(?:" + "|".join(map(regex.escape, words)) + r")\b", regex.I)


def _notes_under(body: list[Line]) -> list[Block]:
    """The notes under a pipe table ('Ghi chú: - Vị trí lấy mẫu theo Hệ tọa độ VN-2000;'
    and the lines after it): the appendix's own text, from the note's opening word on."""
    rows = [ln.no for ln in body if ln.text.count("|") >= 2]
    after = [ln for ln in body if rows and ln.no > max(rows) and ln.text]
    start = next((i for i, ln in enumerate(after) if _note_opener().match(ln.text)), None)
    if start is None:
        return []
    return [Block("paragraph", ln.text, ln.no, ln.end) for ln in after[start:]]


def _run_in(head: Line, body: list[Line]) -> tuple[str, Table] | None:
    """A table a crawl ran into the appendix's heading and the words after it: (the
    heading's text before the table, the table); None when none is there."""
    if not (head.inline or any(ln.inline for ln in body)):
        return None
    flow = join([head, *body]) if body else head
    m = patterns().appendix.match(flow.text)
    start = m.start("rest") if m and m.group("rest") else 0
    found = run_in_table(flow, start)
    if found is None:
        return None
    at, table = found
    return flow.text[start:at].strip(), table


def _sub_block(row: Row) -> Block:
    text = " | ".join([f"{row.label} {row.title}".strip(), *row.cells])
    return Block("row", text, row.line_start, row.line_end)


def _table_tree(node: Node, table: Table) -> None:
    if table.header:
        node.body.append(Block("row", " | ".join(table.header), node.line_start, node.line_start))
    for total in table.totals:
        node.body.append(_sub_block(total))
    stack: list[tuple[float, Node]] = [(-1, node)]
    for row in table.rows:
        rank: float = _label_rank(row.label)
        owner = _sublist_owner(stack, row.label)
        if owner is not None:
            while stack[-1][1] is not owner:
                stack.pop()
            rank = stack[-1][0] + 0.5
        while stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1]
        siblings = {c.path.rsplit(".", 1)[-1] for c in parent.children}
        # '1.1.1' under '1.1' is its '1'; a decimal under a group keeps its parts ('I.1.1')
        label = row.label.removeprefix(parent.label + ".") if parent.label else row.label
        label = label.rsplit(".", 1)[-1] if label != row.label else label
        if label.replace(".", "").isdigit() and "" not in label.split("."):
            label = ".".join(str(int(p)) for p in label.split("."))  # '09' is row 9, as '09.' is
        k = 2
        while label in siblings:
            label = f"{row.label}#{k}"
            k += 1
        title = row.title.strip().rstrip(".;:").strip()
        child = Node(
            "row",
            10 + int(rank),
            row.label,
            f"{parent.path}.{label}",
            title,
            row.title,
            row.line_start,
            row.line_end,
        )
        child.body.append(Block("row", " | ".join(row.cells), row.line_start, row.line_end))
        child.body += [_sub_block(sub) for sub in row.subrows]
        parent.children.append(child)
        stack.append((rank, child))


_ROW_NUMBER_HEAD = regex.compile(r"^(?:stt|tt|số\s+tt)\.?$", regex.IGNORECASE)


def body_tables(root: Node, lines: list[Line]) -> None:
    """A task table inside a section ('a) Tổ chức chương trình ...:' over '| TT | Nội dung |
    Trách nhiệm thực hiện | Thời gian |'): its numbered rows are the section's own rows, as
    an appendix table's are (PB01.1 ...), at the section's path ('III.1.a.1'), and its
    header names their columns. Only a section without numbered children of its own, and
    only a table whose header numbers its rows ('TT', 'STT') and names who leads them."""
    by_no = {ln.no: ln for ln in lines}
    for node in list(root.walk()):
        if node.style in ("root", "row", "appendix", "none") or node.children:
            continue
        rows = [b for b in node.body if b.kind == "row"]
        if len(rows) < 3 or not _ROW_NUMBER_HEAD.match(rows[0].text.split(" | ")[0].strip()):
            continue
        first, last = rows[0].line_start, rows[-1].line_end
        if any(b.kind != "row" and first <= b.line_start <= last for b in node.body):
            continue  # prose between the rows: not one table
        table = read_table([by_no[n] for n in range(first, last + 1) if n in by_no])
        if table is None or len(table.rows) < 2 or table.totals:
            continue
        if "lead" not in column_roles(table.header):
            continue  # a table of figures: its cells are read as targets where they stand
        node.body = [b for b in node.body if b.kind != "row"]
        node.table_header = list(table.header)
        _table_tree(node, table)


def _sublist_owner(stack: list[tuple[float, Node]], label: str) -> Node | None:
    """A cost table's plain list under a multi-level row: '1.1.2 Mẫu nước trong ao nuôi'
    then '1 Nhiệt độ nước', '2 Oxy hòa tan', ... A '1' that would repeat its level's '1'
    opens the list under the deepest such row, and the numbers after it go on there."""
    if not label.isdigit():
        return None
    deep = next((n for r, n in reversed(stack) if r >= 3 and "." in n.label), None)
    if deep is None:
        return None
    mine = [c for c in deep.children if c.label.isdigit()]
    if mine:
        return deep if int(mine[-1].label) == int(label) - 1 else None
    level = next(n for r, n in reversed(stack) if r < 2)
    repeats = any(c.label == label for c in level.children)
    return deep if label == "1" and repeats else None


def row_cells(node: Node) -> list[str]:
    return node.body[0].text.split(" | ") if node.body and node.body[0].kind == "row" else []


def sub_rows(node: Node) -> list[tuple[str, list[str], Block]]:
    """A table row's items, printed with a dash ('- Diện tích | Ha | 26.120 ...') or
    without a number ('Tỷ lệ so với GRDP | % | 42 ...'): (their title, their cells after
    it, their block)."""
    out: list[tuple[str, list[str], Block]] = []
    for block in node.body[1:]:
        if block.kind != "row" or block.text.startswith(" | "):
            continue  # a line merged below the row (continued_rows) has no title
        title, *cells = block.text.split(" | ")
        m = _DASH_ITEM.match(title)
        out.append((m.group("t") if m else title, cells, block))
    return out


def table_rows(root: Node) -> list[tuple[Node, Node, list[str]]]:
    """(row, its parent group or table, header cells) for every table row under appendices."""
    out: list[tuple[Node, Node, list[str]]] = []

    def walk(node: Node, header: list[str]) -> None:
        for child in node.children:
            h = header
            if child.style == "appendix":
                h = row_cells(child)
            elif child.table_header is not None:
                h = child.table_header
            if child.style == "row":
                out.append((child, node, h))
            walk(child, h)

    walk(root, [])
    return out
