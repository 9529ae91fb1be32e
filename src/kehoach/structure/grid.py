"""A table's rows and header, as every reader of a table gives them.

Pipe-joined, PDF layout, flattened and run-in tables (tables.py, runin.py) are all read
into a Table; its header tells which column holds what (years, a lead, a due date).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from kehoach.datafiles import load
from kehoach.text import key

_YEAR = regex.compile(r"(?:19|20)\d\d")


@dataclass
class Row:
    label: str
    title: str
    cells: list[str]  # the cells after the title, empty cells kept as ""
    line_start: int
    line_end: int
    subrows: list[Row] = field(default_factory=list)  # '- Diện tích | Ha | ...' under it


@dataclass
class Table:
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    header_rows: list[list[str]] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)  # unnumbered rows above the first group


def width(table: Table) -> int:
    """Columns of the body: label, title and the cells of its rows (the commonest count)."""
    rows = [row for group in table.rows for row in (group, *group.subrows)]
    counts = Counter(2 + len(r.cells) for r in rows if r.cells)
    return counts.most_common(1)[0][0] if counts else 0


def merged_header(rows: list[list[str]], width: int) -> list[str]:
    """The header's cells, one per column where it can be told.

    A header printed on two rows has merged cells: the last k cells of its first row
    each stand over an equal share of the second row ('GIAI ĐOẠN 2026 - 2030' over
    'Năm 2026' ... 'Năm 2030'; 'Kế hoạch 2026' over 'Lượng', 'Giá trị'). When the
    cells below name the years, they replace the merged cell; otherwise both rows are
    kept in order, the years first and their repeated sub-columns after.
    """
    flat = [c for r in rows for c in r]
    if len(rows) != 2 or not width:
        return flat
    top, below = rows
    split = _split_current_year(top, below, width)
    if split is not None:
        return split
    for k in range(1, len(top) + 1):
        if len(top) - k + len(below) == width and len(below) % k == 0:
            if all(_YEAR.search(c) for c in below):
                return top[: len(top) - k] + below
            return flat
    return flat


def _split_current_year(top: list[str], below: list[str], width: int) -> list[str] | None:
    """'Năm hiện hành 2025' over 'Kế hoạch', 'Ước thực hiện', then 'Năm 2026' ... 'Năm
    2028': the first year's cell, followed by other years, stands over the second row's
    sub-columns; each keeps the year ('Năm hiện hành 2025 Ước thực hiện')."""
    if len(top) - 1 + len(below) != width or len(below) < 2 or any(_YEAR.search(c) for c in below):
        return None
    i = next((j for j, c in enumerate(top) if _YEAR.search(c)), None)
    if i is None or not any(_YEAR.search(c) for c in top[i + 1 :]):
        return None
    return top[:i] + [f"{top[i]} {sub}" for sub in below] + top[i + 1 :]


# Column roles in task tables ("Danh mục nhiệm vụ"): which header words mark them.
_ROLES = {
    "lead": regex.compile(
        r"chủ trì|cơ quan thực hiện|đơn vị thực hiện|cơ quan thực hiện chính|đơn vị chủ trì"
        r"|trách nhiệm thực hiện",
        regex.I,
    ),
    "partner": regex.compile(r"phối hợp", regex.I),
    "due": regex.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", regex.I),
}


@lru_cache(maxsize=1)
def _schedule_columns() -> tuple[str, ...]:
    return tuple(key(w) for w in load("deadlines")["schedule_columns"])


def column_roles(header: list[str]) -> dict[str, int]:
    """Index, among a row's cells after its label and title, of the lead/partner/due columns."""
    return dict(_column_roles(tuple(header)))


@lru_cache(maxsize=256)
def _column_roles(header: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Every row of a table asks for its header's roles (targets, deadlines, assignments)."""
    if len(header) < 3:
        return ()
    out: dict[str, int] = {}
    for i, cell in enumerate(header[2:]):
        for role in ("partner", "lead", "due"):
            if (
                role not in out
                and _ROLES[role].search(cell)
                and not (role == "lead" and _ROLES["due"].search(cell))
                and not (role == "due" and key(cell).startswith(_schedule_columns()))
            ):
                out[role] = i
                break
    return tuple(out.items())
