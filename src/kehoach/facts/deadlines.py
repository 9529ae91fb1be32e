"""Deadlines: one-off and recurring dates by which something is due, with what and to whom."""

from __future__ import annotations

import calendar
import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import match_at
from kehoach.facts.references import find as find_citations
from kehoach.spans import Covered
from kehoach.structure.grid import column_roles
from kehoach.structure.outline import Block, Node
from kehoach.structure.tables import continued_rows, table_rows
from kehoach.text import key


@dataclass
class FoundDeadline:
    section: str
    what: str
    to: str | None
    recurrence: str
    month: int | None
    day: int | None
    date: str | None
    quote: str
    line_start: int
    line_end: int


# 'ngày 15 tháng 11', 'ngày 20/6', 'ngày 30/6/2025', '(15/6)'
_DAY_MONTH = regex.compile(
    r"(?:ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+|/)\s*(?P<m>\d{1,2})(?:\s*(?:năm\s+|/)\s*(?P<y>\d{4}))?"
    r"|\((?P<pd>\d{1,2})\s*/\s*(?P<pm>\d{1,2})\)"
    # 'trước 15/11 hằng năm', 'chậm nhất 30/6/2025' (no 'ngày'); the second of two dates,
    # 'trước ngày 01/6 và 15/11 hằng năm'
    r"|(?<=(?:trước|chậm nhất|hạn|\d{1,2}\s*/\s*\d{1,2}\s+và)\s+)(?P<pd2>\d{1,2})\s*/\s*(?P<pm2>\d{1,2})(?:\s*/\s*(?P<py2>\d{4}))?(?![\d/]))",
    regex.IGNORECASE,
)
# 'ngày 20 hằng tháng', 'trước ngày 05 của tháng liền kề' (a monthly report due the month
# after), 'ngày 15 của tháng cuối quý'
_MONTHLY_DAY = regex.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+(?:của\s+)?(?:(?:hằng|hàng|mỗi)\s+tháng|tháng\s+(?:liền\s+kề|tiếp\s+theo)"
    r"|(?P<q>tháng\s+(?:cuối|đầu|thứ\s+\w+)\s+(?:của\s+)?(?:mỗi\s+|hằng\s+|hàng\s+)?quý))",
    regex.IGNORECASE,
)
# 'Ban hành kế hoạch trong tháng 01 hằng năm', 'Tháng 12 hằng năm': a month each year
_YEARLY_MONTH = regex.compile(
    r"(?<!ngày\s+\d{1,2}\s+|/)tháng\s+(?P<m>\d{1,2})\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm",
    regex.IGNORECASE,
)
# 'Quý IV/2025', 'quý I - II/2026', 'Quí IV-2025', 'quý 3 năm 2026': the quarter a period ends
_QUARTER = (
    r"(?P<kind>quý|quí)\s+(?:(?:I{1,3}|IV|[1-4])\s*[-–]\s*)?(?P<q>I{1,3}|IV|[1-4])"
    r"\s*(?:/|[-–]\s*(?=\d{4})|năm\s+)\s*(?P<qy>\d{4})"
)
_PERIOD = regex.compile(
    r"(?:" + _QUARTER + r"|tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)\s*(?P<my>\d{4})"
    r"|(?:trong|vào|chậm nhất|hoàn thành (?:trong|chậm nhất)?)\s+năm\s+(?P<y>\d{4})"
    # 'trước năm 2030' is due by the end of 2029
    r"|(?:hoàn thành\s+)?trước\s+năm\s+(?P<yb>\d{4})"
    # 'sơ kết 5 năm (năm 2025)', 'tổng kết (năm 2030)'
    r"|(?<=(?:sơ kết|tổng kết)[^.;]{0,30}?)\(\s*năm\s+(?P<y2>\d{4})\s*\))",
    regex.IGNORECASE,
)
_ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4}
# What existed before a year is no deadline ('còn tồn tại trước năm 2025').
_EXISTING = regex.compile(r"tồn tại|có từ|phát sinh|xảy ra", regex.IGNORECASE)
# The spaces after '.', '!', '?', ';' before a capital (the mark is matched, not looked
# behind for: much faster to scan).
_SENTENCE = regex.compile(r"[.!?;](\s+)(?=\p{Lu})")
_TO = regex.compile(r"(?:gửi(?:\s+về)?|về|qua|cho|báo cáo)\s+", regex.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    recurrence: tuple[tuple[str, tuple[str, ...]], ...]
    due: tuple[str, ...]
    actions: regex.Pattern[str]
    tentative: tuple[str, ...]
    observed: regex.Pattern[str]  # 'Ngày Môi trường thế giới ' before an event's '(05/6)'
    span_start: regex.Pattern[str]  # 'từ ngày ' before a span's first date
    firm: regex.Pattern[str]  # 'chậm nhất': a limit, even after 'dự kiến'


@cache
def rules() -> _Rules:
    d = load("deadlines")
    actions = regex.compile(
        r"(?<!\w)(?:" + "|".join(regex.escape(key(a)) for a in d["actions"]) + r")(?!\w)"
    )
    return _Rules(
        tuple((k, tuple(key(w) for w in v)) for k, v in d["recurrence"].items()),
        tuple(key(w) for w in d["due_words"]),
        actions,
        tuple(key(w) for w in (*d["tentative"], *d["data_period"])),
        regex.compile(
            r"(?<![\p{L}])(?:" + "|".join(map(regex.escape, d["observances"])) + r")"
            r"\s+\p{Lu}[^,;:()]{1,60}\s$"
        ),
        regex.compile(
            r"(?<!\w)(?:" + "|".join(regex.escape(key(w)) for w in d["span_start"]) + r")\s*$"
        ),
        regex.compile(
            r"(?<!\w)(?:" + "|".join(regex.escape(key(w)) for w in d["firm"]) + r")(?!\w)"
        ),
    )


# A due-date cell: 'Quý II/2025', 'Năm 2026', '2026', '30/6/2025', 'Xong trong tháng 5/2026',
# 'Hoàn thành trước ngày 30/6/2025'; or a longer cell that ends with its due phrase
# ('Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày 01/01/2030').
_DUE_CELL = regex.compile(
    r"(?:^(?:(?:hoàn thành|xong|thực hiện)\s+)?|(?:xong|hoàn thành)\s+(?=trước|trong|chậm nhất))"
    r"(?:trước\s+|trong\s+|chậm nhất\s+|vào\s+)?(?:"
    + _QUARTER
    + r"|tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)\s*(?P<my>\d{4})"
    r"|(?:năm\s+)?(?P<y>(?:19|20)\d{2})"  # 'Năm 2026', or the bare year a due column holds
    r"|(?:ngày\s+)?(?P<d>\d{1,2})/(?P<dm>\d{1,2})/(?P<dy>\d{4}))\s*$",
    regex.IGNORECASE,
)


def _due_date(m: regex.Match[str]) -> str | None:
    """The date a due cell names: its day, or the end of its month, quarter or year."""
    if not m.group("d"):
        return _period_end(m)
    try:
        return date(int(m.group("dy")), int(m.group("dm")), int(m.group("d"))).isoformat()
    except ValueError:
        return None


def _table_deadlines(root: Node) -> list[FoundDeadline]:
    """Task tables with a due-date column ('Quý II/2025', 'Năm 2026', '30/6/2025')."""
    out: list[FoundDeadline] = []
    for row, _, header in table_rows(root):
        roles = column_roles(header)
        if "due" not in roles:
            continue
        for cells, line in continued_rows(row):
            if roles["due"] < len(cells):
                out += _due_cell(row, cells, roles, line)
    return out


def _due_cell(
    row: Node, cells: list[str], roles: dict[str, int], line: Block
) -> list[FoundDeadline]:
    cell = cells[roles["due"]].strip().rstrip(".;")
    m = _DUE_CELL.search(cell)
    when = _due_date(m) if m else None
    if when is None:
        # 'Ban hành kế hoạch trong tháng 01/2026, tổ chức kiểm tra chậm nhất trong tháng
        # 6/2026', 'Trước ngày 05 của tháng liền kề': every date of a due cell is due.
        block = Block("paragraph", cell, line.line_start, line.line_end)
        found = _from_block(block, row.path, due_cell=True)
        return [dataclasses.replace(d, what=row.title[:120]) for d in found]
    # verbatim: the row's cells from the lead column through the due column
    first = roles["lead"] if "lead" in roles and roles["lead"] < roles["due"] else roles["due"]
    quote = " | ".join(c.strip() for c in cells[first : roles["due"] + 1])
    return [_once(row.path, row.title, when, quote, line)]


def _once(section: str, what: str, when: str, quote: str, line: Block) -> FoundDeadline:
    """A one-off due date read off a due cell or field: for the task named `what`."""
    return FoundDeadline(
        section, what[:120], None, "once", None, None, when, quote, line.line_start, line.line_end
    )


def extract(root: Node) -> list[FoundDeadline]:
    out: list[FoundDeadline] = _table_deadlines(root)
    parents = {id(c): n for n in root.walk() for c in n.children}
    for node in root.walk():
        if node is root or node.style in ("row", "appendix"):
            continue
        heading = Block("paragraph", node.heading, node.line_start, node.line_start)
        # 'c) Thời gian thực hiện: Quý IV năm 2024.': the field of the task above it
        if field := _due_field(heading, parents.get(id(node), node), node.path):
            out.append(field)
            continue
        for b in [Block("paragraph", node.title, node.line_start, node.line_start), *node.body]:
            field = _due_field(b, node, node.path)
            out += [field] if field else _from_block(b, node.path)
    return out


# 'Thời gian thực hiện: Tháng 12/2025', 'Thời hạn hoàn thành: Quý IV năm 2024': the due
# field of a task, read as a due column's cell is.
_DUE_FIELD = regex.compile(
    r"^(?:thời\s+gian\s+(?:thực\s+hiện|hoàn\s+thành)|thời\s+hạn(?:\s+hoàn\s+thành)?"
    r"|tiến\s+độ(?:\s+(?:thực\s+hiện|hoàn\s+thành))?)\s*:\s*(?P<v>.+?)[.;]?$",
    regex.IGNORECASE,
)


def _due_field(block: Block, task: Node, section: str) -> FoundDeadline | None:
    m = _DUE_FIELD.match(block.text.strip())
    due = _DUE_CELL.search(m.group("v").strip()) if m else None
    when = _due_date(due) if due else None
    if when is None:
        return None
    return _once(section, task.title, when, block.text.strip(), block)


# Every date and period above holds a digit: text without one holds no deadline.
_DIGIT = regex.compile(r"\d")


def _from_block(block: Block, section: str, due_cell: bool = False) -> list[FoundDeadline]:
    """Dates in a paragraph that something is due by. In a due column's cell every date is."""
    text = block.text
    if not _DIGIT.search(text):
        return []
    cited = Covered((c.type_start, c.end) for c in find_citations(text, 0, 0))
    out: list[FoundDeadline] = []
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        if not _DIGIT.search(sentence):
            continue
        low = key(sentence)
        if len(low) != len(sentence):
            low = sentence.lower()
        # words each pattern needs, looked up before it runs (they are case-insensitive)
        lower = sentence.lower()
        planned = [low.find(w) for w in rules().tentative if w in low]
        planned_span = range(0)  # offsets of times that are planned, not due
        if planned and not due_cell:
            # a time after 'dự kiến' is when something is to take place, not a due date; one
            # after 'tính từ ngày' bounds a report's figures; a firm limit after it is due
            # all the same ('Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 ...)')
            cut = min(planned)
            firm = rules().firm.search(low, cut)
            if firm is None:
                sentence, low, lower = sentence[:cut], low[:cut], lower[:cut]
            else:
                planned_span = range(cut, firm.start())
        has_day = "ngày" in lower
        for m in _MONTHLY_DAY.finditer(sentence) if has_day else ():
            if m.start() in planned_span:
                continue
            rec = "quarterly" if m.group("q") else "monthly"
            out.append(
                _make(section, sentence, m.start(), rec, None, int(m.group("d")), None, block)
            )
        dates: list[tuple[int, int]] = []
        for m in _DAY_MONTH.finditer(sentence) if has_day or "/" in sentence else ():
            dates.append((m.start(), m.end()))
            if s_start + m.start() in cited or _MONTHLY_DAY.match(sentence, m.start()):
                continue
            if m.start() in planned_span:
                continue
            if (
                sentence[m.start()] == "("
                and rules().observed.search(sentence, max(0, m.start() - 70), m.start())
            ) or _DAY_NAMED.search(sentence, max(0, m.start() - 8), m.end() + 1):
                continue  # 'Ngày Môi trường thế giới (05/6)', '“Ngày 10/10”': an event's day
            day = int(m.group("d") or m.group("pd") or m.group("pd2"))
            month = int(m.group("m") or m.group("pm") or m.group("pm2"))
            year = m.group("y") or m.group("py2")
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            if year:
                if not due_cell and not _due_before(low, m.start() + 1):
                    continue
                if rules().span_start.search(low, max(0, m.start() - 12), m.start()):
                    continue  # '(trong khoảng thời gian) từ ngày 01/12/2025 đến ...': a start
                try:
                    when = date(int(year), month, day).isoformat()
                except ValueError:
                    continue
                out.append(_make(section, sentence, m.start(), "once", None, None, when, block))
                continue
            recurrence = _recurrence(low, m.start(), m.end())
            if recurrence is None:
                continue
            out.append(_make(section, sentence, m.start(), recurrence, month, day, None, block))
        for m in _YEARLY_MONTH.finditer(sentence) if "tháng" in lower else ():
            if any(a < m.end() and m.start() < b for a, b in dates):
                continue  # the month of 'ngày 15 tháng 12 hằng năm', read above
            if m.start() in planned_span:
                continue
            if due_cell or _due_before(low, m.start() + 1):
                month = int(m.group("m"))
                if 1 <= month <= 12:
                    out.append(
                        _make(section, sentence, m.start(), "yearly", month, None, None, block)
                    )
        periods = "quý" in lower or "tháng" in lower or "năm" in lower
        for m in _PERIOD.finditer(sentence) if periods else ():
            due = due_cell or _due_before(low, m.end()) or _time_of_clause(sentence, m)
            if s_start + m.start() in cited or not due:
                continue
            if m.start() in planned_span:
                continue
            if any(a < m.end() and m.start() < b for a, b in dates):
                continue  # 'tháng 12 năm 2025' inside 'ngày 16 tháng 12 năm 2025'
            if (
                (m.group("y") or m.group("y2") or m.group("yb"))
                and not due_cell
                and not _action_without_target(sentence, m)
            ):
                continue
            if m.group("yb") and _EXISTING.search(sentence, max(0, m.start() - 20), m.start()):
                continue  # 'các trường hợp vi phạm còn tồn tại trước năm 2024': the past
            out.append(
                _make(section, sentence, m.start(), "once", None, None, _period_end(m), block)
            )
    return out


_DAY_NAMED = regex.compile(r"[“\"]\s*Ngày\s+\d{1,2}/\d{1,2}[”\"]")  # '“Ngày 10/10”': a day's name
_YEAR_OR_SPAN = regex.compile(r"(?:19|20)\d\d|\d+\s*(?:năm|tháng|ngày)\b")
_TARGET_VALUE = regex.compile(r"\d\s*%|(?<![\p{Lu}][\p{Ll}]*\s)\b\d+(?:[.,]\d+)?\s+\p{Ll}")


def _action_without_target(sentence: str, m: regex.Match[str]) -> bool:
    """'trong năm 2027' is a deadline for an action, not for a target value ('đạt 100%');
    a number in a name ('Vành đai 4') or a count of time does not make a target."""
    others = _YEAR_OR_SPAN.sub("", sentence[: m.start()] + sentence[m.end() :])
    if _TARGET_VALUE.search(others):
        return False
    # the action is in the year's own clause: '... tổ chức triển khai ... cả năm 2024; phục
    # vụ ... các kỳ nghỉ lễ khác trong năm 2024' gives no deadline
    clause = sentence[sentence.rfind(";", 0, m.start()) + 1 : _clause_end(sentence, m.end())]
    low = key(clause)
    return bool(rules().actions.search(low if len(low) == len(clause) else clause.lower()))


def _clause_end(sentence: str, pos: int) -> int:
    end = sentence.find(";", pos)
    return len(sentence) if end < 0 else end


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE.finditer(text):
        spans.append((start, m.start(1)))
        start = m.end(1)
    spans.append((start, len(text)))
    return spans


@cache
def _recurrence_patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    return tuple(
        (kind, regex.compile(r"(?<!\w)(?:" + "|".join(regex.escape(w) for w in words) + r")(?!\w)"))
        for kind, words in rules().recurrence
    )


def _recurrence(low: str, start: int, end: int) -> str | None:
    """The nearest recurrence word before the date decides, else the first after it
    ('06 tháng (trước ngày 20 tháng 6 và ngày 20 tháng 12 hàng năm)' is twice semiannual;
    '6 tháng (trước ngày 16/6), tổng kết năm (trước ngày 20/11)' ends yearly)."""
    best: tuple[int, str] | None = None
    for kind, pattern in _recurrence_patterns():
        for m in pattern.finditer(low[:start]):
            if best is None or m.start() > best[0]:
                best = (m.start(), kind)
    if best:
        return best[1]
    after = low[end : end + 60]
    for kind, pattern in _recurrence_patterns():
        if pattern.search(after):
            return kind
    return None


# what may stand before a sentence's opening time: a list mark, a label's colon
_LEAD_MARKS = regex.compile(r"[\s\-+•*:]*")


def _time_of_clause(sentence: str, m: regex.Match[str]) -> bool:
    """'Quý I/2027, các cơ quan, đơn vị đánh giá kết quả ...', 'Tháng 12/2026, Sở Nội vụ
    tổng hợp ...': a period that opens the sentence before a comma is when its action is
    done, as 'trong Quý I/2027' is; not a past one's ('Tháng 6/2024, tỉnh đã ban hành ...')."""
    return (
        bool(_LEAD_MARKS.fullmatch(sentence[: m.start()]))
        and sentence[m.end() : m.end() + 2].lstrip().startswith(",")
        and not _PAST.search(sentence, m.end())
    )


_PAST = regex.compile(r"(?<!\w)(?:đã|vừa qua)(?!\w)")


def _due_before(low: str, start: int) -> bool:
    window = low[max(0, start - 40) : start]
    return any(w in window for w in rules().due)


def _period_end(m: regex.Match[str]) -> str:
    if m.group("kind"):
        q = m.group("q")
        quarter = int(q) if q.isdigit() else _ROMAN_Q[q.upper()]
        year, month = int(m.group("qy")), quarter * 3
    elif m.group("m"):
        year, month = int(m.group("my")), int(m.group("m"))
    elif m.groupdict().get("yb"):
        year, month = int(m.group("yb")) - 1, 12
    else:
        year, month = int(m.group("y") or m.group("y2")), 12
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


_WHAT_END = regex.compile(r"\s+(?:về|gửi|trước|cho|qua|để)\s+|[,;(]")


def _make(
    section: str,
    sentence: str,
    pos: int,
    recurrence: str,
    month: int | None,
    day: int | None,
    when: str | None,
    block: Block,
) -> FoundDeadline:
    low = key(sentence)
    acts = list(rules().actions.finditer(low if len(low) == len(sentence) else sentence.lower()))
    what = ""
    if acts:
        a = _action_for(sentence, acts, pos)
        phrase = _WHAT_END.split(sentence[a.start() :], maxsplit=1)[0]
        what = " ".join(phrase.split()[:8])
    to = None
    for tm in _TO.finditer(sentence):
        am = match_at(sentence, tm.end())
        if am is not None:
            to = am.name
            break
    quote = _quote(sentence, pos)
    return FoundDeadline(
        section, what, to, recurrence, month, day, when, quote, block.line_start, block.line_end
    )


_CLAUSE_BREAK = regex.compile(r"[;)]|,\s")


def _action_for(sentence: str, acts: list[regex.Match[str]], pos: int) -> regex.Match[str]:
    """The action a date is for: one just before it in its own clause ('tổng kết năm
    (trước ngày 20/11 hàng năm)'), else the sentence's reporting verb ('Định kỳ hàng tháng
    (trước ngày 16 hàng tháng), ... gửi báo cáo về Sở ...'), else the nearest action."""
    same_clause = [
        a
        for a in acts
        if a.start() < pos
        and pos - a.start() <= 80
        and not _CLAUSE_BREAK.search(sentence, a.end(), pos)
    ]
    if same_clause:
        return same_clause[0]  # 'báo cáo kết quả thực hiện gửi về Sở ... trước ngày 20
    for verb in ("báo cáo", "gửi"):
        reporting = [a for a in acts if a.group(0) == verb]
        before = [a for a in reporting if a.start() < pos]
        if before:  # 'tổng hợp báo cáo Tỉnh ủy ... 6 tháng (trước ngày 18/5) ... báo cáo đột xuất'
            return before[-1]
        if reporting:
            return min(reporting, key=lambda x: abs(x.start() - pos))
    return min(acts, key=lambda x: abs(x.start() - pos))


_QUOTE_STOP = regex.compile(r"[;.](?=\s|$)|\)")


def _quote(sentence: str, pos: int) -> str:
    """The words around a date: up to 120 characters before it and 60 after, cut at word
    boundaries (and at the end of the clause after the date), never inside a word."""
    start = max(0, pos - 120)
    if start > 0:
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < pos else start
    end = min(len(sentence), pos + 60)
    stop = _QUOTE_STOP.search(sentence[pos:end])
    if stop:
        end = pos + stop.end()
    elif end < len(sentence):
        space = sentence.rfind(" ", pos, end)
        end = space if space > pos else end
    return sentence[start:end].strip(" ,")
