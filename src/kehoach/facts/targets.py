"""Targets (chỉ tiêu): quantities a plan commits to, with year, comparator, unit, baseline.

Works clause by clause over the section tree. Year comes from the target's own sentence,
else from the nearest heading that names one ('a) Đến năm 2025'), else from the table
column; a target the text ties to no year keeps year null.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import match_at
from kehoach.facts.numbers import Quantity, may_hold_quantity, quantities
from kehoach.facts.references import find as find_citations
from kehoach.spans import Covered
from kehoach.structure.grid import column_roles
from kehoach.structure.outline import Block, Node
from kehoach.structure.tables import row_cells, sub_rows
from kehoach.text import key


@dataclass
class Found:
    section: str
    year: int | None
    indicator: str
    comparator: str
    value: float
    value_max: float | None
    unit: str | None
    baseline_year: int | None
    change: str | None
    quote: str
    line_start: int
    line_end: int


@dataclass(frozen=True)
class _Rules:
    comparators: tuple[tuple[str, tuple[str, ...]], ...]
    after_min: tuple[str, ...]
    after_max: tuple[str, ...]
    units: regex.Pattern[str]
    per: regex.Pattern[str]
    not_units: frozenset[str]
    document_parts: regex.Pattern[str]
    period_units: frozenset[str]
    not_before: regex.Pattern[str]
    label_after: regex.Pattern[str]
    unit_stop: frozenset[str]
    max_unit_syllables: int
    bare_before: regex.Pattern[str]
    actual_before: regex.Pattern[str]
    condition_before: regex.Pattern[str]
    funding_before: regex.Pattern[str]
    bound_before: regex.Pattern[str]  # a bound or 'đạt' right before the number
    actual_sentence: regex.Pattern[str]
    score_clause: regex.Pattern[str]
    actual_columns: regex.Pattern[str]
    change_words: tuple[tuple[str, regex.Pattern[str]], ...]
    change_not: regex.Pattern[str]
    actual_sections: regex.Pattern[str]
    level_words: regex.Pattern[str]
    from_to: regex.Pattern[str]
    name_repeats: int
    year: regex.Pattern[str]
    baseline: regex.Pattern[str]
    skip_kinds: frozenset[str]
    money_appendix: regex.Pattern[str]


def _words(ws: list[str]) -> str:
    """Alternation of whole words, longest first."""
    return "|".join(regex.escape(key(w)) for w in sorted(ws, key=len, reverse=True))


def _ends_with(ws: list[str]) -> regex.Pattern[str]:
    return regex.compile(r"(?:^|[\s(])(?:" + _words(ws) + r")\s*:?\s*$")


def _anywhere(ws: list[str]) -> regex.Pattern[str]:
    return regex.compile(r"(?<!\p{L})(?:" + _words(ws) + r")(?!\p{L})")


@cache
def rules() -> _Rules:
    d = load("targets")
    unit_alt = _words(d["units"])
    unit_re = regex.compile(
        r"\s*(?P<u>(?:" + unit_alt + r")(?:\s*(?:,|hoặc)\s*(?:" + unit_alt + r"))*)(?!\p{L})"
        r"(?P<per>" + d["per"] + r"(?!\p{L}))?"
    )
    return _Rules(
        comparators=tuple((k, tuple(key(w) for w in v)) for k, v in d["comparators"].items()),
        after_min=tuple(key(w) for w in d["after_min"]),
        after_max=tuple(key(w) for w in d["after_max"]),
        units=unit_re,
        per=regex.compile(d["per"] + r"(?!\p{L})"),
        not_units=frozenset(key(u) for u in d["not_target_units"]),
        document_parts=regex.compile(
            r"^\s*(?:\p{L}+\s+){0,2}(?:" + _words(d["document_parts"]) + r")(?!\p{L})"
        ),
        period_units=frozenset(key(u) for u in d["period_units"]),
        not_before=_ends_with(d["not_target_before"]),
        label_after=regex.compile(d["label_after"]),
        unit_stop=frozenset(key(w) for w in d["unit_stop"]),
        max_unit_syllables=int(d["max_unit_syllables"]),
        bare_before=_ends_with(
            d["bare_value_before"] + [w for v in d["comparators"].values() for w in v]
        ),
        actual_before=_anywhere(d["actual_before"]),
        condition_before=_anywhere(d["condition_before"]),
        funding_before=_anywhere(d["funding_before"]),
        bound_before=_ends_with(d["comparators"]["min"] + d["comparators"]["max"] + ["đạt"]),
        actual_sentence=regex.compile(
            r"^[\s*_+•-]*(?:" + _words(d["actual_sentence"]) + r")(?!\p{L})"
        ),
        score_clause=regex.compile(d["score_clause"].strip()),
        actual_columns=_anywhere(d["actual_columns"]),
        change_words=tuple((k, _anywhere(v)) for k, v in d["change_words"].items()),
        change_not=_anywhere(d["change_not"]),
        actual_sections=regex.compile(r"^(?:" + _words(d["actual_sections"]) + r")(?!\p{L})"),
        level_words=_anywhere(d["level_words"]),
        from_to=regex.compile(d["from_to"]),
        name_repeats=int(d["name_repeats"]),
        year=regex.compile(d["year"], regex.IGNORECASE),
        baseline=regex.compile(d["baseline"], regex.IGNORECASE),
        skip_kinds=frozenset(d["skip_kinds"]),
        money_appendix=_anywhere(d["money_appendices"]),
    )


_ENDS_JOIN = regex.compile(r"(?:,|\bvà|\bhoặc)\s*$")
_JOINER = regex.compile(r"\s*(?:,|và|,\s*và|hoặc)\s*")
# The spaces after '.', '!', '?' before a capital, or after ':' before a dash. The mark is
# matched, not looked behind for (much faster to scan); the gap is the named group.
_SENTENCE = regex.compile(r"[.!?](?P<gap>\s+)(?=\p{Lu})|:(?P<dash>\s+)(?=-)")
_CLAUSE = regex.compile(r";")
_PERIOD = regex.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
_YEAR_LEAD = regex.compile(
    r"^(?:đến\s+(?:hết\s+)?|trong\s+|vào\s+)?năm\s+\d{4}\s*,?\s*", regex.IGNORECASE
)
_LEAD = regex.compile(
    r"^(?:[-+•]\s*)?(?:phấn đấu|phấn đấu đến năm \d{4},?|hàng năm|hằng năm|mỗi năm)?\s*",
    regex.IGNORECASE,
)

_YEAR_DIGITS = regex.compile(r"(?:19|20)\d\d")
_BARE_YEAR = regex.compile(r"\s*(?:19|20)\d\d\s*")
_PARENS_SPACE = regex.compile(r"[()\s]")
_QUANTITIES_ONLY = regex.compile(r"[\d.,%\s÷–-]+")
_SHORT_LABEL = regex.compile(r"[\p{L}/%]{1,8}")
_AIM_WORDS = regex.compile(r"phấn đấu|mục tiêu|kế hoạch|chỉ tiêu")
_MUST = regex.compile(r"(?<!\w)(?:phải|phấn đấu)(?!\w)")
_TIMES = regex.compile(r"\s*lần")
_LIST_SPLIT = regex.compile(r",\s*|\s+và\s+")
_SLASH_NUMBER = regex.compile(r"/\d|\s*/\s*\d{4}")
_DIGIT_END = regex.compile(r"\d[.,]?$")
_DATE_AND = regex.compile(r"\d{1,2}\s*/\s*\d{1,2}\s+và\s+$")
_FOUR_DIGITS = regex.compile(r"\d{4}\b")
_FORMULA_END = regex.compile(r"(?:[*×=]|(?<!\p{L})x)\s*$")
_PER_NUMBER = regex.compile(r"/\s*\d[\d.,]*")
_FROM_END = regex.compile(r"(?:^|\s)từ\s*$")
_DIGIT_OR_STOP = regex.compile(r"\d|[;,(]")
_LABEL_OPENING = regex.compile(r"[\s*_#>(\[+•-]*")
_OPEN_PAREN_END = regex.compile(r"\(\s*$")
_CLOSE_PAREN = regex.compile(r"\s*\)")
_LETTER_DASH_END = regex.compile(r"\p{L}-$")
_LETTERS = regex.compile(r"\p{L}+")
_PER_YEAR = regex.compile(r"\s*/\s*năm")
_SLASH = regex.compile(r"\s*/\s*")
_SYLLABLE = regex.compile(r"\s*(\p{Ll}+)(?!\p{L}|\d)")
_PUNCT = regex.compile(r"[,;:]")
_UP_DOWN = regex.compile(r"^\s*(?:trở lên|trở xuống)\s*")


_HORIZON = regex.compile(r"\bđến\s+(?:hết\s+)?năm\s+(?P<y>(?:19|20)\d\d)\b")


def _horizon_year(title: str) -> int | None:
    """The year a heading sets as its horizon ('... ĐẾN NĂM 2030'), not a period it names."""
    m = _HORIZON.search(key(title)) if _YEAR_DIGITS.search(title) else None
    return int(m.group("y")) if m else None


def heading_year(title: str) -> int | None:
    m = rules().year.search(title) if _YEAR_DIGITS.search(title) else None
    if not m:
        return None
    return int(m.group("y") or m.group("y2") or m.group("y3"))


def extract(root: Node, plan_year: int | None = None) -> list[Found]:
    """Targets of the tree; `plan_year` (the year of issue) marks earlier years as the past."""
    out: list[Found] = []
    for node, year_ctx, skip, header in _walk(root, None, False, []):
        if skip:
            continue
        if node.style == "row":
            out += _row_targets(node, header) or _task_row_targets(node, header, year_ctx)
            continue
        texts = (
            [Block("paragraph", node.title, node.line_start, _heading_end(node))]
            if node.title
            else []
        )
        found: list[Found] = []
        for b in texts + node.body:
            if b.kind == "row":
                continue
            found += _block_targets(b, node.path, year_ctx, plan_year)
        found += _body_table_targets(node)
        # a figure with no words of its own before or after it ('5.800 tỷ đồng') measures
        # what its section is about
        out += [replace(f, indicator=node.title) if not f.indicator else f for f in found]
    return out


def _task_row_targets(node: Node, header: list[str], year: int | None) -> list[Found]:
    """A task table's row ('Tổ chức tốt việc tiếp nhận ... đảm bảo 100% hồ sơ ... | Kết
    quả ...'): its task and product cells are sentences, read as the body's are; the lead,
    partner and due columns name agencies and dates."""
    if not column_roles(header) or not node.body:
        return []
    texts = [node.title] + [c for c in _plain(node, header) if c.strip()]
    block = node.body[0]
    return [
        t
        for text in texts
        for t in _block_targets(
            Block("paragraph", text, block.line_start, block.line_end), node.path, year
        )
    ]


def _heading_end(node: Node) -> int:
    """Last line of a heading that wraps: the line before its body or first child."""
    nexts = [b.line_start for b in node.body[:1]] + [c.line_start for c in node.children[:1]]
    end = min(nexts) - 1 if nexts else node.line_end
    return max(node.line_start, end)


_LABEL_CELL = regex.compile(r"^(?:[A-Z]|[IVX]{1,5}|\d{1,3}|[-+*–])\.?$")


def _body_table_targets(node: Node) -> list[Found]:
    """A table inside a section's text (not an appendix): its first row names the columns,
    each later row gives its targets at the section's own path. A second header row of
    years splits a period column ('GIAI ĐOẠN 2026 - 2030' over 'Năm 2026 ... Năm 2030');
    a row of column numbers (1 | 2 | 3 ...) is skipped; a '-' row under a group row
    ('1 | Cà Phê', '- | Diện tích | Ha | ...') names its indicator with the group's."""
    rows = [b for b in node.body if b.kind == "row"]
    if len(rows) < 2:
        return []
    header = rows[0].text.split(" | ")
    group = ""
    out: list[Found] = []
    for r in rows[1:]:
        cells = r.text.split(" | ")
        if _names_years(cells) and not any(quantities_only(c) for c in cells if c.strip()):
            header = _merge_header(header, cells) or cells
            continue
        if _column_numbers(cells):
            continue
        n_years = len(_columns(header).years)
        if n_years and not any(quantities(c) for c in cells) and _sub_columns(cells, n_years):
            header = [*header, *cells]  # 'Lượng (Tấn) | Giá trị (Nghìn USD)' under each year
            continue
        if len(cells) >= 2 and _LABEL_CELL.match(cells[0].strip()):
            title, rest = cells[1], cells[2:]
            head = header
        else:
            # a row without a number (a total) under a header that has the TT column
            title, rest = cells[0], cells[1:]
            head = header if _LEAD_HEAD.match(header[0].strip()) else ["TT", *header]
        if not any(quantities(c) for c in rest):
            group = title.strip()
            continue
        if cells[0].strip() in _SUB_ITEM and group:
            title = f"{title.strip()} {group}"  # '- Diện tích' under '1 | Cà Phê'
        row = Node(
            "row",
            10,
            "",
            node.path,
            title.strip(),
            title,
            r.line_start,
            r.line_end,
            body=[Block("row", " | ".join(rest), r.line_start, r.line_end)],
        )
        out += _row_targets(row, head)
    return out


_SUB_ITEM = frozenset({"-", "+", "*", "–"})


def _merge_header(header: list[str], cells: list[str]) -> list[str] | None:
    """A header row of single years under a period cell: the years take that cell's place."""
    periods = [i for i, c in enumerate(header) if _PERIOD.search(c)]
    years = [c for c in cells if c.strip()]
    if len(periods) != 1 or not years:
        return None
    if not all(len(_YEAR_DIGITS.findall(c)) == 1 for c in years):
        return None
    i = periods[0]
    return [*header[:i], *cells, *header[i + 1 :]]


def _column_numbers(cells: list[str]) -> bool:
    """'1 | 2 | 3 | ... | 11' (or '(1) | (2) ...'): the columns' numbers, not a row."""
    nums = [_PARENS_SPACE.sub("", c) for c in cells if c.strip()]
    if len(nums) < 3 or not all(n.isdigit() for n in nums):
        return False
    first = int(nums[0])
    return [int(n) for n in nums] == list(range(first, first + len(nums)))


def _names_years(cells: list[str]) -> bool:
    return any(_YEAR_DIGITS.search(c) and not quantities_only(c) for c in cells)


def quantities_only(cell: str) -> bool:
    """A cell that is just a number ('2025' as a value), not a label ('Đến năm 2025')."""
    return bool(_QUANTITIES_ONLY.fullmatch(cell))


def _plain(row: Node, header: list[str]) -> list[str]:
    """A row's cells outside a task table's lead, partner and due columns: a due cell
    ('Trong năm 2026') does not make the row one that names the columns' years."""
    roles = set(column_roles(header).values())
    return [c for i, c in enumerate(row_cells(row)) if i not in roles]


def _walk(
    node: Node, year: int | None, skip: bool, header: list[str]
) -> Iterator[tuple[Node, int | None, bool, list[str]]]:
    for child in node.children:
        # An appendix's heading restates the plan's own period ('PHÂN CÔNG NHIỆM VỤ ... NĂM
        # 2026'), which ties no target to a year (FORMAT.md); its columns name the years. A
        # horizon it sets is a heading's year all the same ('PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU
        # ... ĐẾN NĂM 2030', as 'a) Đến năm 2025' in FORMAT.md).
        appendix = child.style == "appendix"
        y = (_horizon_year(child.title) if appendix else heading_year(child.title)) or year
        s = skip or (child.kind in rules().skip_kinds)
        if child.style == "appendix":
            # a table's figures are targets in their cells (FORMAT.md); run into a crawl's
            # flow of words, they are no longer tied to a row and a year
            s = s or child.run_on or bool(rules().money_appendix.search(key(child.title)))
        if child.style not in ("row", "appendix"):
            # 'Hiện trạng', 'Kết quả thực hiện năm 2024': the past, not commitments
            s = s or bool(rules().actual_sections.match(key(child.title)))
        h = header
        if child.style == "appendix" or (
            child.style == "row" and _names_years(_plain(child, header))
        ):
            h = row_cells(child) or header
            # A row that only names the columns (years, sub-columns) holds no target itself.
            yield child, y, True if child.style == "row" else s, h
        else:
            yield child, y, s, h
        yield from _walk(child, y, s, h)


# ---------------------------------------------------------------------------------------


# 'Đơn vị phối hợp: Bộ Công an, ..., Sở Y tế 63 tỉnh, thành phố': a field that names who
# does a task commits to no quantity.
_WHO_FIELD = regex.compile(
    r"^\s*(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|phối hợp|đầu mối)[^:]{0,40}:", regex.I
)


def _block_targets(
    block: Block, section: str, heading_year_: int | None, plan_year: int | None = None
) -> list[Found]:
    text = block.text
    if not may_hold_quantity(text) or _WHO_FIELD.match(text):
        return []
    cited = Covered((c.type_start, c.end) for c in find_citations(text, 0, 0))
    out: list[Found] = []
    for s_start, s_end in _spans(text, _SENTENCE):
        sentence = text[s_start:s_end]
        if not may_hold_quantity(sentence):
            continue  # no number in it: no target
        # every year and period holds a year's digits
        dated = _YEAR_DIGITS.search(sentence) is not None
        if rules().actual_sentence.match(key(sentence)) and not _AIM_WORDS.search(key(sentence)):
            continue  # 'Hiện nay, ...', 'Dự báo ...': the present or a forecast
        # a year inside a cited document's date ('Quyết định số ... năm 2024') ties no target
        years = [
            (m.start(), int(m.group("y") or m.group("y2") or m.group("y3")))
            for m in (rules().year.finditer(sentence) if dated else ())
            if s_start + m.start() not in cited
        ]
        # periods the sentence speaks of, by their end year ('Trong 03 năm (2020-2022) ...');
        # a period compared against ('so với cùng kỳ 2017-2019') is a baseline, not the time
        periods = [
            (m.start(), int(m.group(2)))
            for m in (_PERIOD.finditer(sentence) if dated else ())
            if "so với" not in key(sentence[max(0, m.start() - 30) : m.start()])
            and s_start + m.start() not in cited
        ]
        for c_start, c_end in _spans(sentence, _CLAUSE):
            clause = sentence[c_start:c_end]
            if rules().score_clause.search(key(clause)):
                continue  # a scoring scale: conditions and points, not commitments
            prev: tuple[Quantity, int, str] | None = None
            prev_head = ""
            runs: list[list[tuple[int, str, str | None, int]]] = []
            for q in quantities(clause):
                abs_start = s_start + c_start + q.start
                if abs_start in cited:
                    continue
                found = _target(clause, q, prev)
                prev_end = prev[1] if prev else 0
                if found is None:
                    continue
                pos = c_start + q.start
                own_year = _sentence_year(years, pos, c_start, c_end)
                latest = max(
                    (m for m in (_last_before(years, pos), _last_before(periods, pos)) if m),
                    default=None,
                )
                before = _last_before(years, pos)
                if (
                    plan_year
                    and own_year
                    and own_year < plan_year
                    and (not before or _MUST.search(clause, before[0], pos))
                ):
                    # a past year after the number, or before a 'phải' that turns to the aim,
                    # names a condition, not when the aim is due ('giảm tối thiểu 5% ...: đối
                    # với các địa phương có số người chết năm 2014 tăng phải giảm tối thiểu
                    # 10%'): the target stands, with the year after it if any ('... tăng trong
                    # năm 2021, phấn đấu giảm tối thiểu 10% trong năm 2022')
                    own_year = _next_year(years, pos, c_end, since=plan_year)
                    latest = None
                if plan_year and any(y < plan_year for y in (own_year, latest and latest[1]) if y):
                    continue  # 'đến hết năm 2020 có 6.498 km', 'Trong 03 năm (2020-2022)': the past
                comparator, unit, unit_end = found.comparator, found.unit, found.unit_end
                joined = prev is not None and _JOINER.fullmatch(clause[prev_end : q.start])
                # '15 km đường ... và 03 cầu': an item added with 'và' shares the first head
                shares_head = prev is not None and _ENDS_JOIN.search(clause[prev_end : q.start])
                head = prev_head if joined or shares_head else indicator_head(clause, q, prev_end)
                prev, prev_head = (q, unit_end, comparator), head
                if not joined:
                    runs.append([])
                runs[-1].append((len(out), head, unit, unit_end))
                year = own_year or heading_year_
                near = max(0, q.start - 30, clause.rfind(",", 0, q.start) + 1)
                if _YEARLY.search(clause, near, q.start):
                    # a rate each year ('giảm ... mỗi năm từ 5% đến 10%, hướng tới năm 2030
                    # giảm ít nhất 50%'): no one year, whatever year the sentence goes on to
                    year = None
                baseline = _baseline(clause[q.end :])
                if unit is None and baseline is not None and _TIMES.match(clause, q.end):
                    unit = "lần"
                out.append(
                    Found(
                        section=section,
                        year=year,
                        indicator=_indicator(clause, head, unit, unit_end),
                        comparator=comparator,
                        value=q.value,
                        value_max=q.value_max,
                        unit=unit,
                        baseline_year=baseline,
                        change=found.change,
                        quote=clause.strip(" ,.;:"),
                        line_start=block.line_start,
                        line_end=block.line_end,
                    )
                )
            _share_tails(out, clause, runs)
    return _elided(_split_criteria(_split_shared(out)))


# 'giảm 5-10% tai nạn giao thông trên cả 3 tiêu chí về số vụ, số người chết, số người bị
# thương': one target per criterion named after the number.
_BY_YEAR_TEXT = r"(?:\b(?:trong|đến|vào)\s+)?\bnăm\s+\d{4}"
_CRITERIA = regex.compile(
    r"(?:(?:0?(?P<n>[2-9])|(?P<w>hai|ba|bốn|năm))\s+tiêu\s+chí\s*(?:về|là|gồm|:)?"
    # or without the count: '... từ 5-10% cả về số vụ, số người chết và số người bị thương'
    r"|\bcả\s+về(?=\s+số\s))"
    r"\s*\(?\s*(?P<list>[^():;.]+?)\s*(?:\)|\bso\s+với\b|[:;.]|$"
    # '... số người bị thương do tai nạn giao thông (TNGT) so với ...': the cause ends it
    r"|\bdo\s+tai\s+nạn\b"
    # '... và số người bị thương trong năm 2025': the year the list is due by ends it
    r"|" + _BY_YEAR_TEXT + ")",
    regex.IGNORECASE,
)
_COUNT_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5}


def _split_criteria(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in found:
        low = f.quote.lower()  # _CRITERIA needs 'tiêu chí' or 'cả về': looked up first
        m = _CRITERIA.search(f.quote) if "tiêu" in low or "cả" in low else None
        items = [i.strip() for i in _LIST_SPLIT.split(m.group("list") if m else "") if i.strip()]
        n = (
            int(m.group("n"))
            if m and m.group("n")
            else _COUNT_WORDS.get(key(m.group("w") or "") if m else "", 0)
        )
        if not n and len(items) >= 2 and all(key(i).startswith("số ") for i in items):
            n = len(items)  # counted by the list itself: each item a 'số ...'
        if m and len(items) == n and all(len(i.split()) <= 6 for i in items):
            out += [replace(f, indicator=f"{f.indicator} về {item}") for item in items]
        elif len(counted := _counts_after_share(f)) >= 2:
            # 'Giảm số vụ tai nạn' + 'số người chết': the indicator read off the words around
            # the number may hold the first count itself
            at = f.indicator.lower().find(counted[0].lower())
            base = f.indicator[:at] if at >= 0 else f"{f.indicator} về "
            out += [replace(f, indicator=f"{base}{item}".strip()) for item in counted]
        else:
            out.append(f)
    return out


# '... giảm từ 5-10% số vụ, số người chết, số người bị thương so với năm 2019', '... 5-10% về
# số vụ ...', '... 5% đến 10% so với năm 2014 về số vụ ...'
_SHARE_OF_COUNTS = regex.compile(
    r"%(?:\s+so\s+với\s+[^;:.%]{0,30}?\d{4})?\s+(?:(?:cả\s+)?về\s+)?(?P<list>số\s[^;:.]+)"
)
_PAREN = regex.compile(r"\s*\([^()]*\)")


def _counts_after_share(f: Found) -> list[str]:
    """The counts a share applies to, listed right after it ('số vụ, số người chết, số
    người bị thương'), up to the first item that is not a count ('và không để ...'); a
    short last item shares the 'số' before it ('số người chết và bị thương')."""
    if "%" not in f.quote:
        return []
    m = next(
        (m for m in _SHARE_OF_COUNTS.finditer(f.quote) if _ends_in_value(f.quote[: m.start()], f)),
        None,
    )
    if not m:
        return []
    parts = [p.strip() for p in _LIST_SPLIT.split(_PAREN.sub("", m.group("list")))]
    items: list[str] = []
    for item in parts:
        # 'số người bị thương do tai nạn giao thông so với ...': the count, not its cause
        item = _DO_CAUSE.split(_SO_VOI.split(item, maxsplit=1)[0], maxsplit=1)[0]
        item = _BY_YEAR.split(item, maxsplit=1)[0]
        if key(item).startswith("số ") and len(item.split()) <= 6:
            items.append(item)
        elif items and len(item.split()) <= 2 and key(items[-1]).startswith("số người"):
            items.append(f"số người {item}")  # 'số người chết và bị thương'
            break
        else:
            break
    return items


_SO_VOI = regex.compile(r"\s+so\s+với\s")
_BY_YEAR = regex.compile(r"\s+" + _BY_YEAR_TEXT)
_DO_CAUSE = regex.compile(r"\s+do\s")
_NUMBER_END = regex.compile(r"(\d+(?:[.,]\d+)*)\s*$")


def _ends_in_value(text: str, f: Found) -> bool:
    """The text ends with the target's own number (its upper bound for a range)."""
    m = _NUMBER_END.search(text)
    if not m:
        return False
    try:
        number = float(m.group(1).replace(".", "").replace(",", "."))
    except ValueError:
        return False
    return number in (f.value, f.value_max)


def _elided(found: list[Found]) -> list[Found]:
    """'... có 35% dân số có hồ sơ sức khỏe điện tử; đến năm 2030 đạt 90%': a clause that
    names no indicator of its own repeats the previous one's."""
    for prev, f in itertools.pairwise(found):
        if not f.indicator.strip() and prev.indicator:
            f.indicator = prev.indicator
    return found


def _split_shared(found: list[Found]) -> list[Found]:
    """'Tỷ lệ hộ nghèo và tỷ lệ hộ cận nghèo giảm 1,5 ÷ 2%/năm': one target per indicator."""
    out: list[Found] = []
    for f in found:
        parts = [p.strip() for p in _LIST_SPLIT.split(f.indicator) if p.strip()]
        firsts = {key(" ".join(p.split()[:2])) for p in parts} | {key(p.split()[0]) for p in parts}
        nouns = _indicator_nouns()
        same_start = (
            len(parts) >= 2
            and all(any(key(p).startswith(n + " ") for n in nouns) for p in parts)
            and len({next(n for n in nouns if key(p).startswith(n + " ")) for p in parts}) == 1
        )
        if same_start and firsts:
            out += [replace(f, indicator=p) for p in parts]
        else:
            out.append(f)
    return out


@cache
def _indicator_nouns() -> tuple[str, ...]:
    return tuple(
        sorted((key(n) for n in load("targets")["indicator_nouns"]), key=len, reverse=True)
    )


def _share_tails(
    out: list[Found], clause: str, runs: list[list[tuple[int, str, str | None, int]]]
) -> None:
    """'4 làng nghề, 2 làng nghề truyền thống gắn với du lịch': the qualifier after the
    last item of an enumeration applies to every item of it."""
    for run in runs:
        if len(run) < 2:
            continue
        _, last_head, _, last_end = run[-1]
        shared = _tail(clause, last_head, last_end)
        for idx, head, unit, unit_end in run[:-1]:
            if shared and not _tail(clause, head, unit_end):
                out[idx].indicator = _indicator(clause, head, unit, unit_end, shared)


def _spans(text: str, sep: regex.Pattern[str]) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in sep.finditer(text):
        gap = m.span(m.lastgroup) if m.lastgroup else m.span()  # the separator proper
        out.append((start, gap[0]))
        start = gap[1]
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _next_year(years: list[tuple[int, int]], pos: int, end: int, since: int = 0) -> int | None:
    """The first year after `pos` and before `end` that is not before `since`."""
    for at, year in years[bisect.bisect_right(years, (pos, 1 << 30)) :]:
        if at >= end:
            return None
        if year >= since:
            return year
    return None


_YEARLY = regex.compile(
    r"(?<!\w)(?:mỗi|hằng|hàng)\s+năm(?!\s+(?:19|20)\d\d)(?!\w)", regex.IGNORECASE
)


def _last_before(found: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The last (position, year) before `pos`; `found` is in text order (bisect keeps a
    long sentence with many years linear)."""
    k = bisect.bisect_left(found, (pos, -1))
    return found[k - 1] if k else None


def _sentence_year(years: list[tuple[int, int]], pos: int, c_start: int, c_end: int) -> int | None:
    before = _last_before(years, pos)
    if before is not None:
        return before[1]
    return _next_year(years, pos, c_end)


def _baseline(after: str) -> int | None:
    m = rules().baseline.search(after[:80])
    return int(m.group("y")) if m else None


@dataclass(frozen=True)
class _Reading:
    comparator: str
    unit: str | None
    unit_end: int  # offset in the clause after the unit (or the number)
    change: str | None


def _last_digit(text: str) -> int:
    return max(text.rfind(d) for d in "0123456789")


def _target(clause: str, q: Quantity, prev: tuple[Quantity, int, str] | None) -> _Reading | None:
    """How a quantity reads as a target, or None when it is a label, a name, a date, an
    actual figure, a condition or a qualifier."""
    r = rules()
    raw_before = clause[: q.start]
    after = clause[q.end :]
    if _SLASH_NUMBER.match(after) or _DIGIT_END.search(raw_before.rstrip()[-2:] or " "):
        return None
    if q.fraction_of is not None and q.fraction_of <= 12 and _DATE_AND.search(raw_before):
        return None  # the second of two dates: 'trước ngày 01/6 và 15/11 hằng năm'

    if (
        not q.percent
        and _is_year(q.value)
        and (q.value_max is None or _is_year(q.value_max))
        and _FOUR_DIGITS.match(q.raw)
    ):
        return None  # a year or a period ('giai đoạn 2021 - 2025')
    before = key(clause[max(0, q.start - 40) : q.start])  # keys made once the cheap tests pass
    if (not q.percent and r.not_before.search(before)) or _is_label(raw_before, after):
        return None  # 'Điều 3', 'Chỉ tiêu 1:' ('chỉ tiêu 100% cán bộ' is a share all the same)
    if _in_name(raw_before, after):
        return None
    if _FORMULA_END.search(raw_before):
        return None  # a formula: 'Tỷ lệ = b/a * 100%'
    since_prev = key(clause[prev[1] if prev else 0 : q.start])
    # a condition binds the number after it, not one after a number in between ('Đối với
    # thôn có dưới 100 cử tri: ... bảo đảm có trên 50% ...')
    since_number = key(raw_before[_last_digit(raw_before) + 1 :]) if prev is None else since_prev
    if _actual(since_prev) or r.condition_before.search(since_number):
        return None
    if r.funding_before.search(since_prev) and not (q.percent and r.bound_before.search(before)):
        # money for the work: funding, not an aim; but a share the money must reach is one
        # ('Kinh phí chi cho nghiên cứu phát triển (R&D)/GRDP tối thiểu 2%')
        return None
    unit, unit_end, derived = _unit(after, q)
    unit_end += q.end
    # what is counted: a derived noun phrase by its first syllable ('loại rừng', 'ngày làm')
    head_unit = key(unit.split("/")[0]) if unit else ""
    if derived:
        if head_unit in r.not_units or _footnote_in_name(raw_before, after, q):
            return None
        head_unit = head_unit.split()[0]
    if head_unit in r.not_units or (not q.percent and r.document_parts.match(key(after))):
        # a qualifier ('3 sao'), or the plan counting its own parts ('8 nhóm nhiệm vụ'); a
        # share of them is an aim all the same ('100% mục tiêu, nhiệm vụ ... được hoàn thành')
        return None
    if unit is None and q.raw.isalpha():
        return None  # 'ít nhất một trong các dịch vụ': a number word counts only a noun
    if unit is None and not q.percent and not r.bare_before.search(before):
        return None  # a bare number after a noun names or numbers something ('Chỉ thị 11')
    if q.fraction_of is not None and unit is None:
        return None  # '(15/6)' is a day and month, '06/07 nhóm' a part of a whole
    rest = _PER_NUMBER.sub("/N", clause[unit_end:])  # '/1.000 phụ nữ' is a rate
    if _FROM_END.search(before) and r.from_to.match(rest):
        return None  # 'giảm từ 23 ... xuống 18': the starting point
    # 'từ 05 mỏ khoáng sản ... trở lên': with 'từ' the bound may close the whole noun phrase
    span = 80 if _FROM_END.search(before) else 12
    comparator = _comparator(
        before, key(_DIGIT_OR_STOP.split(clause[unit_end:], maxsplit=1)[0][:span]), q
    )
    joined = prev is not None and _JOINER.fullmatch(clause[prev[1] : q.start])
    if joined and prev is not None and comparator == "eq" and prev[2] in ("min", "max", "approx"):
        comparator = prev[2]
    if head_unit in r.period_units and comparator not in ("min", "max"):
        return None  # a span of time ('trong 10 ngày'); a norm only with a bound
    return _Reading(comparator, unit, unit_end, _change(since_prev))


def _is_label(raw_before: str, after: str) -> bool:
    """'1.', '12.', '(3)', 'Mục 2:' opening a block or clause: a list label."""
    opens = _LABEL_OPENING.fullmatch(raw_before) is not None
    if opens and rules().label_after.match(after):
        return True
    return bool(_OPEN_PAREN_END.search(raw_before) and _CLOSE_PAREN.match(after))


def _in_name(raw_before: str, after: str) -> bool:
    """'Covid-19', '5G', 'Quốc lộ 4E', '19h00': digits stuck to letters are part of a name,
    unless the letters are a unit ('1.500ha', '2,6km'); a number inside quotation marks
    belongs to a title or slogan ('“Cán bộ 3 gương mẫu, ... lái xe 3 an toàn”')."""
    if _LETTER_DASH_END.search(raw_before):
        return True
    if raw_before.count("“") > raw_before.count("”") and "”" in after:
        return True
    if raw_before.count('"') % 2 == 1 and '"' in after:
        return True
    stuck = _LETTERS.match(after)
    if not stuck:
        return False
    um = rules().units.match(key(after))
    return not (um and um.start("u") == 0 and um.end("u") >= len(stuck.group(0)))


_CAPITAL_WORD = regex.compile(r"(?<!\S)\p{Lu}")


def _footnote_in_name(raw_before: str, after: str, q: Quantity) -> bool:
    """'Ban Chỉ huy Phòng thủ dân 1 sự cấp tỉnh': a small number that, taken out, mends an
    agency's name is a footnote mark copied into the text, not a count of 'sự cấp'."""
    if not (q.raw.isdigit() and len(q.raw) <= 2):
        return False
    head = raw_before[-80:].rstrip()
    joined = f"{head} {after.lstrip()[:60]}"
    for m in _CAPITAL_WORD.finditer(head):
        am = match_at(joined, m.start())
        if am is not None and am.end > len(head) + 1:
            return True
    return False


def _actual(window: str) -> bool:
    """'ước đạt 92,44%', 'đã đạt 80%', 'hiện có 50 xã': a figure reached, not one to reach.
    The word must lead up to the number (a few words, no ':' between): 'các vùng hiện có
    gồm: vùng Hồi 35.000 ha' names existing areas to keep."""
    found = list(rules().actual_before.finditer(window))
    if not found:
        return False
    rest = window[found[-1].end() :]
    return ":" not in rest and len(rest.split()) <= 5


def _change(window: str) -> str | None:
    """'tăng 10%' asks for a change; 'tăng ... đạt 50%' and 'giảm ... xuống 3%' set a level."""
    best: tuple[int, str] | None = None
    window = rules().change_not.sub(lambda m: "_" * len(m.group(0)), window)
    for kind, pattern in rules().change_words:
        for m in pattern.finditer(window):
            if best is None or m.start() > best[0]:
                best = (m.end(), kind)
    if best is None or rules().level_words.search(window[best[0] :]):
        return None
    return best[1]


def _unit(after: str, q: Quantity) -> tuple[str | None, int, bool]:
    """The measure or counted thing after a number, and its end (offset in `after`).

    Known units first ('ha', 'làng nghề truyền thống', '%/năm'); else the noun the grammar
    puts after a number: up to two syllables before a preposition, verb or punctuation
    ('15 trạm sạc', '05 mỏ'), with a rate after it ('2 buổi/ngày').
    """
    r = rules()
    if q.percent:
        sign = "‰" if "‰" in q.raw else "%"
        per = _PER_YEAR.match(after)
        return (f"{sign}/năm", per.end(), False) if per else (sign, 0, False)
    um = (
        r.units.match(key(after)) if len(key(after)) == len(after) else r.units.match(after.lower())
    )
    if um:
        unit = after[um.start("u") : um.end("per") if um.group("per") else um.end("u")].strip()
        end = um.end("per") if um.group("per") else um.end("u")
        return _SLASH.sub("/", unit), end, False
    end = 0
    n = 0
    for m in _SYLLABLE.finditer(after):
        if m.start() != end or key(m.group(1)) in r.unit_stop or n == r.max_unit_syllables:
            break
        end, n = m.end(), n + 1
    if not n:
        return None, 0, False
    per = r.per.match(after, end)
    if per:
        end = per.end()
    return _SLASH.sub("/", after[:end].strip()), end, True


def _is_year(v: float) -> bool:
    return v.is_integer() and 1945 <= v <= 2100


@cache
def _comparator_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """Per kind: one of its words ends the window, or only a verb such as 'đạt' follows."""
    return tuple(
        (
            kind,
            regex.compile(
                r"(?:^|\s)(?:" + "|".join(regex.escape(w) for w in ws) + r")"
                r"(?:\s+(?:đạt|là|có|được|bằng|mức))?$"
            ),
        )
        for kind, ws in rules().comparators
    )


def _comparator(before: str, after: str, q: Quantity) -> str:
    if q.value_max is not None:
        return "range"
    tail = " ".join(before.split()[-4:])
    found = {kind for kind, pattern in _comparator_patterns() if pattern.search(tail)}
    if any(a in after for a in rules().after_min):
        found.add("min")
    if any(a in after for a in rules().after_max):
        found.add("max")
    for kind in ("min", "max", "approx"):
        if kind in found:
            return kind
    return "eq"


_FILLER = regex.compile(
    r"^(?:[,;]\s*|và(?:\s+|$)|hoặc(?:\s+|$)|trong đó\s*,?\s*|phấn đấu\s+|hàng năm\s+|hằng năm\s+)+",
    regex.IGNORECASE,
)
_TRAIL = regex.compile(
    r"(?:\s+(?:đạt|là|có|được|chiếm|khoảng|trên|dưới|ít nhất|tối thiểu|tối đa|không quá|hơn|"
    r"bình quân|từ|gấp|tăng|giảm|phấn đấu|với diện tích|diện tích|còn"
    r"|(?<!trở\s)xuống|(?<!trở\s)lên))+\s*$",  # ('65 tuổi trở lên' is who is counted)
    regex.IGNORECASE,
)


_MEASURES = frozenset(
    ("%", "%/năm", "‰", "ha", "km", "m", "m2", "m3", "tấn", "tạ", "kg", "lần", "usd", "đồng")
)


def indicator_head(clause: str, q: Quantity, prev_end: int) -> str:
    """The phrase before the number that names what is measured."""
    before = clause[prev_end : q.start]
    if prev_end:
        before = _PUNCT.split(before)[-1]
    elif ":" in before and len(before.rsplit(":", 1)[1].split()) >= 2:
        before = before.rsplit(":", 1)[1]  # 'gồm: xây dựng vùng sản xuất rau ... 5.000 ha'
    head = str(_YEAR_LEAD.sub("", before.strip()))
    for _ in range(3):
        head = _YEAR_LEAD.sub("", head)
        head = _TRAIL.sub("", head).strip(" ,:")
        head = _FILLER.sub("", _LEAD.sub("", head)).strip(" ,:")
        head = _LEAD_COMPARATOR.sub("", head).strip(" ,:")
        head = _LABEL_LEAD.sub("", head)
    return head


# '(1) 100% số người ...': an item label is no part of the indicator
_LABEL_LEAD = regex.compile(r"^(?:\(\s*\d{1,2}\s*\)|\d{1,2}[.)]|[a-zđ]\))\s*")
_LEAD_COMPARATOR = regex.compile(
    r"^(?:có\s+)?(?:trên|dưới|khoảng|ít nhất|tối thiểu|tối đa|hơn|đạt|có)$", regex.IGNORECASE
)


_TAIL_STOP_SOURCE = (
    r"[;(]|,\s*(?=(?:\p{L}+\s+){0,6}\d)"
    r"|\s+(?:và|hoặc)\s+(?=(?:(?:trên|dưới|khoảng|ít nhất|tối thiểu|tối đa|hơn|đạt)\s+)?\d)"
    r"|\s+và\s+(?=(?:đến|trong|vào)\s+năm)"  # '... và đến năm 2030 ...' starts another item
)
_TAIL_STOP = regex.compile(_TAIL_STOP_SOURCE)
_TAIL_STOP_HEAD = regex.compile(_TAIL_STOP_SOURCE + "|,")  # with a head, any comma ends it


def _tail(clause: str, head: str, unit_end: int) -> str:
    """What qualifies the counted thing after the number, up to the next item."""
    rest = clause[unit_end:]
    tail = (_TAIL_STOP_HEAD if head else _TAIL_STOP).split(rest, maxsplit=1)[0]
    return str(_UP_DOWN.sub("", tail)).strip(" .,")


def _indicator(
    clause: str, head: str, unit: str | None, unit_end: int, tail: str | None = None
) -> str:
    """Head, the counted thing, and what qualifies it after the number."""
    tail = _tail(clause, head, unit_end) if tail is None else tail
    if tail and _ENDS_AND.search(head):
        head = ""  # '... tại 100% nhà trường và' before 'trên 70% người lao động': the item before
    # A counted thing reads into the indicator; a measure or a rate ('giường/vạn dân') does not.
    counted = unit if unit and "/" not in unit and key(unit) not in _MEASURES else ""
    if counted:
        parts = [head, counted, tail]
    elif _ENDS_OPEN.search(head) and tail:
        parts = [head, tail]  # 'trợ giúp pháp lý cho' + '100% số người vi phạm ...'
    elif (len(head.split()) >= 3 and not key(head).startswith(("hoàn thành", "đạt"))) or not tail:
        parts = [head]
    else:
        parts = [head, tail]  # 'Hoàn thành 80% khối lượng công việc': the % is of what follows
    text = " ".join(p for p in parts if p and not _CONNECTIVE.fullmatch(p))
    # 'Tằng Loỏng (70 tỷ đồng)': no bracket or colon left open at the end
    return text[:300].rstrip(" ,:;(–-")


# a head that ends on 'và' belongs to the item before the number; one that ends on a
# preposition names what is measured only with the words after the number
_ENDS_AND = regex.compile(r"(?:^|\s)(?:và|hoặc)$")
_ENDS_OPEN = regex.compile(r"(?:^|\s)(?:cho|tại|với|của|về|đối với|ở)$")


# what only leads on to a list ('1.280 tỷ đồng, bao gồm: ...') names nothing measured
_CONNECTIVE = regex.compile(r"(?i:bao gồm|gồm|trong đó|cụ thể|như sau)\s*:?")


# ---------------------------------------------------------------------------------------
# Appendix tables


_UNIT_HEAD = regex.compile(r"^(?:đvt|đơn vị(?: tính)?)$", regex.IGNORECASE)
_LEAD_HEAD = regex.compile(r"^(?:s?tt|số thứ tự)$", regex.IGNORECASE)


@dataclass(frozen=True)
class _Columns:
    unit: bool  # a unit (ĐVT) cell comes first in each row
    years: tuple[int | None, ...]  # per value column: its year; None when not a target
    subs: tuple[str, ...]  # sub-columns repeated under every year (LN, NTT ...)


def _columns(header: list[str]) -> _Columns:
    """Read a table header: unit column, the year of each value column, sub-columns.

    Columns of actual or base values ('Thực hiện năm 2020', 'Hiện trạng') keep their
    place but give no target; a period column ('Giai đoạn 2021-2025') takes its end year.
    """
    cells = list(header)
    if len(cells) >= 2 and _LEAD_HEAD.match(cells[0].strip()):
        cells = cells[2:]
    unit = bool(cells) and (not cells[0].strip() or bool(_UNIT_HEAD.match(cells[0].strip())))
    if unit:
        cells = cells[1:]
    years: list[int | None] = []
    rest = 0
    for i, c in enumerate(cells):
        found = _YEAR_DIGITS.findall(c)
        bare_year = bool(_BARE_YEAR.fullmatch(c))
        if not found or (quantities_only(c) and not bare_year):
            rest = i
            break
        years.append(None if rules().actual_columns.search(key(c)) else int(found[-1]))
        rest = i + 1
    subs = _sub_columns(cells[rest:], len(years)) if years else []
    return _Columns(unit, tuple(years), tuple(subs))


def _row_targets(node: Node, header: list[str]) -> list[Found]:
    """One target per numeric cell: the row's indicator and unit, the column's year; the
    row's dash items ('- Diện tích | Ha | ...') each with their own indicator."""
    cols = _columns(header)
    if not any(cols.years) or not node.body:
        return []
    # the quote opens with the title as printed ('... làng nghề. | NH | 2'), not as tidied
    printed = node.heading.strip() or node.title
    out = _cells_targets(node, node.title, printed, row_cells(node), node.body[0], cols)
    for title, cells, block in sub_rows(node):
        out += _cells_targets(node, f"{title} {node.title}", title, cells, block, cols)
    return out


def _cells_targets(
    node: Node, indicator: str, title: str, cells: list[str], block: Block, cols: _Columns
) -> list[Found]:
    """Targets of one printed row: `title` as printed, `indicator` with its group's name."""
    if not cells:
        return []
    unit_cell, unit_scale = _scaled_unit(cells[0].strip() if cols.unit else "")
    values = cells[1:] if cols.unit else cells
    n = len(cols.years)
    slots: list[tuple[int | None, str | None]]
    if cols.subs and len(values) == n * len(cols.subs):
        k = len(cols.subs)
        slots = [(cols.years[i // k], cols.subs[i % k]) for i in range(len(values))]
    elif len(cols.subs) > 1 and any(_SUB_LABEL.fullmatch(c) for c in cols.subs):
        return []  # one cell per year under several measures: which measure is not said
    elif len(values) >= n:
        # one cell per column; later cells belong to other columns ('Ghi chú')
        slots = [(y, None) for y in cols.years]
    else:
        while values and not values[-1].strip():
            values.pop()
        targets = [y for y in cols.years if y is not None]
        slots = [(targets[min(i, len(targets) - 1)], None) for i in range(len(values))]
    baseline = _baseline(indicator)
    out: list[Found] = []
    lead = 1 if cols.unit else 0
    for i, ((year, sub), cell) in enumerate(zip(slots, values, strict=False)):
        qs = quantities(cell.strip())
        if year is None or not qs:
            continue
        q = qs[0]
        percent = q.percent and key(unit_cell) not in ("%", "%/năm")
        name, sub_unit, scale = _sub_unit(sub) if sub else ("", "", unit_scale)
        out.append(
            Found(
                section=node.path,
                year=year,
                indicator=f"{indicator} - {name}" if name else indicator,
                comparator="range" if q.value_max is not None else "eq",
                value=q.value * scale,
                value_max=q.value_max * scale if q.value_max is not None else None,
                unit="%" if percent else (unit_cell or sub_unit or None),
                baseline_year=baseline,
                change=None,
                # the row as printed up to this cell, so that the quote stands in the text
                quote=" | ".join([title, *(c.strip() for c in cells[: lead + i + 1] if c.strip())]),
                line_start=block.line_start,
                line_end=block.line_end,
            )
        )
    return out


# 'Lượng (Tấn)', 'Giá trị tham gia xuất khẩu (Nghìn USD)': a measure with its unit
_SUB_LABEL = regex.compile(r"\s*(?P<name>[\p{L} ,]{1,60}?)\s*\((?P<unit>[\p{L} /%]{1,20})\)\s*")


@cache
def _scales() -> dict[str, float]:
    return {key(k): float(v) for k, v in load("targets")["scales"].items()}


def _scaled_unit(unit: str) -> tuple[str, float]:
    """A unit column's 'Tỷ đồng', 'Triệu USD': the unit and the scale to multiply in
    (FORMAT.md: values are plain numbers, units without scale words)."""
    words = unit.split()
    if len(words) > 1 and key(words[0]) in _scales():
        return " ".join(words[1:]), _scales()[key(words[0])]
    return unit, 1.0


def _sub_unit(sub: str) -> tuple[str, str, float]:
    """'Giá trị ... (Nghìn USD)' -> ('Giá trị ...', 'USD', 1000): name, unit, scale."""
    m = _SUB_LABEL.fullmatch(sub)
    if not m:
        return "", sub, 1.0
    return (m.group("name"), *_scaled_unit(m.group("unit").strip()))


def _sub_columns(cells: list[str], n_years: int) -> list[str]:
    """Labels repeated under every year column ('LN NTT LNTT LN NTT LNTT' -> LN, NTT, LNTT;
    'Lượng (Tấn) | Giá trị (Nghìn USD)' under each 'Kế hoạch 2026' ...)."""
    subs = [
        c.strip()
        for c in cells
        if c.strip() and (_SHORT_LABEL.fullmatch(c.strip()) or _SUB_LABEL.fullmatch(c))
    ]
    if subs and len(subs) % n_years == 0:
        k = len(subs) // n_years
        if subs[:k] * n_years == subs and all(len(c) <= 80 for c in subs[:k]):
            return subs[:k]
    return []
