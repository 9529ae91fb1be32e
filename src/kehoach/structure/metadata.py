"""Title block -> metadata (doc type, number, issuer, place, date, signer, title).

The block comes pipe-joined on one line, one cell per line, or run into a reflowed
line; it is cut into cells at its fixed anchors (motto, 'Số:', the date line, the doc
type) so that every shape is read by the same rules.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import expand_acronyms, match_at
from kehoach.facts.references import normalise_number
from kehoach.structure.lines import Line, cells, clean
from kehoach.structure.trim import Layout, is_person_name, motto_words, patterns
from kehoach.text import (
    RULE_MARKS,
    ascii_key,
    key,
    sentence_case_name,
    squash,
    title_case,
    upper_ratio,
)

_SPACES = regex.compile(r"\s+")
_BEFORE_NAME = regex.compile(r"^(?:.*\s)?(?=\p{Lu})")
_UNIT_TAIL = regex.compile(r"(?:tỉnh|thành phố|huyện|quận|thị xã)\s.*$")
_DMY = regex.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass
class Head:
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    signer: str | None = None
    title: str | None = None
    body_start: int = 0  # index of the first line after the title block
    body_offset: int = 0  # where that line's body text starts (reflowed copies)
    number_seen: bool = False  # a 'Số:' line was printed, even if blank
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _HeadRules:
    date_line: regex.Pattern[str]
    doc_type: regex.Pattern[str]
    openers: tuple[str, ...]
    opener_inside: regex.Pattern[str]
    cities: frozenset[str]
    anchors: tuple[regex.Pattern[str], ...]  # in the order an alternation would try them
    date_anchor: regex.Pattern[str]


@cache
def _rules() -> _HeadRules:
    page = load("page")
    docs = load("documents")
    doc_types = sorted(page["doc_types"], key=len, reverse=True)
    doc_type = regex.compile(
        r"(?<!\p{L})(?:" + "|".join(regex.escape(d) for d in doc_types) + r")(?!\p{L})",
        regex.IGNORECASE,
    )
    # Where the title block's cells begin: the motto, 'Số:', a rule, the date line, the doc
    # type after the date's year. Each is searched on its own and the matches merged (see
    # _anchors): one alternation of them scans six times slower than its parts, and the
    # date line, costly to try at every capital letter, only around the word 'ngày'.
    anchors = (
        regex.compile(r"(?i:" + page["motto"] + r")"),
        regex.compile(r"(?<!\p{L})Số\s*:"),
        regex.compile(r"(?<!\S)[" + RULE_MARKS + r"]{3,}(?!\S)"),
        # (the year's digits are matched and dropped by \K, not looked behind for)
        regex.compile(
            r"\d\d\s+\K(?:" + "|".join(regex.escape(d) for d in doc_types) + r")(?=\s+\p{Lu}{2})"
        ),
    )
    return _HeadRules(
        date_line=regex.compile(page["date_line"], regex.IGNORECASE),
        doc_type=doc_type,
        openers=tuple(key(o) for o in docs["basis_openers"]),
        # a basis opener in capitals inside a title cell, a few words in ('... Căn cứ ...')
        opener_inside=regex.compile(
            r"(?<=\S.{10,}\s)(?:"
            + "|".join(
                regex.escape(o[:1].upper() + o[1:]).replace(r"\ ", r"\s+")
                for o in sorted(docs["basis_openers"], key=len, reverse=True)
            )
            + r")\s+(?=\S)"
        ),
        cities=frozenset(key(c) for c in page["cities"]),
        anchors=anchors,
        date_anchor=regex.compile(page["date_line"]),  # as printed: 'Hà Nội, ngày 17 ...'
    )


@dataclass
class _Cell:
    text: str
    index: int  # line index
    offset: int  # offset of the cell in the line's cleaned text


# A title block's anchors sit in the first lines of a crawl's joined text; past this many
# characters a cell is body text, not searched for anchors again.
_HEAD_SCAN = 1000


def _cells(lines: list[Line], start: int, end: int) -> Iterator[_Cell]:
    """The title block's cells, in order, cut at its anchors; made as they are read."""
    r = _rules()
    for i in range(start, end):
        text = lines[i].text
        if not text:
            continue
        pos = 0
        for part in text.split("|") if "|" in text else [text]:
            part_off = text.find(part, pos)
            pos = part_off + len(part)
            stripped = part.strip()
            if not stripped:
                continue
            base = part_off + (len(part) - len(part.lstrip()))
            found = _anchors(stripped)
            cuts = [0] + [m.start() for m in found if m.start() > 0] + [len(stripped)]
            # from the date line on, a cell also ends where an anchor ends
            date = r.date_line.search(stripped, 0, _HEAD_SCAN) if "ngày" in stripped else None
            if date is not None:
                cuts += [m.end() for m in found if date.end() <= m.end() < len(stripped)]
            cuts = sorted(set(cuts))
            for a, b in itertools.pairwise(cuts):
                piece = stripped[a:b].strip()
                if piece:
                    lead = len(stripped[a:b]) - len(stripped[a:b].lstrip())
                    yield _Cell(piece, i, base + a + lead)


_NGAY = regex.compile("ngày")


def _anchors(text: str) -> list[regex.Match[str]]:
    """Anchor matches in the first _HEAD_SCAN characters, left to right, none overlapping
    (as one alternation would give them; at the same start the cheaper anchor wins)."""
    r = _rules()
    found = [(m, k) for k, p in enumerate(r.anchors) for m in p.finditer(text, 0, _HEAD_SCAN)]
    last = len(r.anchors)
    for word in _NGAY.finditer(text, 0, _HEAD_SCAN):
        m = r.date_anchor.search(text, max(0, word.start() - 120), min(_HEAD_SCAN, word.end() + 40))
        if m is not None:
            found.append((m, last))
    found.sort(key=lambda mk: (mk[0].start(), mk[1]))
    out: list[regex.Match[str]] = []
    for m, _ in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


_DASHES = regex.compile(r"^[" + RULE_MARKS + r".\s]+$")


def _strip_motto(text: str, done: int) -> tuple[str, int]:
    """The cell without the motto's words, and how many of the motto's words are read after
    it. `done` words are read before: a run of the cell's words may go on from there (at
    either end, or inside: PDF text interleaves the issuer's column with the motto's), or
    be three words or more from anywhere in the motto ('Độc lập - Tự do - Hạnh' alone)."""
    motto = _bare_motto()
    words = text.split()
    keys = [ascii_key(w) or w for w in words]  # a mistyped tone is the motto ('CỘNG HÕA')

    def run(ks: list[str], at: int) -> int:
        """How many of `ks` (dashes read over) are the motto's words from `at` on."""
        n = 0
        for i, k in enumerate(ks):
            if k in ("-", "–"):
                continue
            if at + n >= len(motto) or k != motto[at + n]:
                return i if n else 0
            n += 1
        return len(ks)

    def found() -> tuple[int, int, int] | None:
        """(first word, words, motto words read) of the first run in the cell."""
        going_on = [done] if 0 < done < len(motto) else []
        for a, first in enumerate(keys):
            for at in going_on + [i for i, w in enumerate(motto) if w == first]:
                used = run(keys[a:], at)
                read = sum(1 for k in keys[a : a + used] if k not in ("-", "–"))
                if read and (0 < done == at or read >= 3):
                    return a, used, at + read
        return None

    while (hit := found()) is not None:
        a, used, done = hit
        del words[a : a + used], keys[a : a + used]
    return " ".join(words), done


@cache
def _bare_motto() -> tuple[str, ...]:
    return tuple(ascii_key(w) or w for w in motto_words())


_BODIES = r"(?:(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)\b"  # who decides
_AUTHORITY = regex.compile(r"^" + _BODIES + r"|^CHỦ TỊCH (?:ỦY|UỶ) BAN")
_AUTHORITY_INSIDE = regex.compile(r"\s" + _BODIES)
_OPENING = regex.compile(
    r"^(?:[IVX]{1,5}\s*[.)]\s|[A-HJ-UWYZ]\.\s+\p{Lu}|\d{1,2}\.\s|[a-zđ]\)\s"
    # a part of the plan ('PHẦN I. KẾT QUẢ THỰC HIỆN ...', 'Phần thứ nhất')
    r"|(?i:phần|chương)\s+(?:[IVX]{1,5}|\d{1,2}|thứ\s+\p{L}+)(?:\s*[.:)-]|\s*$))"
)


def _is_opener(text: str) -> bool:
    if upper_ratio(text) > 0.7:  # an all-caps title may open with the same words
        return False
    k = key(" ".join(text.split(None, 8)[:8]))  # the openers are a few words long
    return any(k.startswith(o + " ") for o in _rules().openers)


def _upper_prefix(text: str) -> str:
    """The all-capitals run a reflowed title starts with ('THỰC HIỆN ... 2045 Thực hiện ...')."""
    words = text.split(" ")
    keep: list[str] = []
    for w in words:
        letters = [c for c in w if c.isalpha()]
        if letters and any(c.islower() for c in letters) and not any(c.isdigit() for c in w):
            break
        if len(keep) >= 3 and _ROMAN_HEADING.match(w):
            break  # '... TRÊN ĐỊA BÀN TỈNH HẢI DƯƠNG I. TÌNH HÌNH ...': the body's first heading
        keep.append(w)
    return " ".join(keep)


_ROMAN_HEADING = regex.compile(r"^[IVX]{1,4}\.$")
# A title block's cells are short: the longest title runs to some 400 characters.
_LONGEST_CELL = 600


def read_head(lines: list[Line], lay: Layout) -> Head:
    head = Head(body_start=lay.head_start)
    if not lay.has_title_block:
        _read_news(lines, lay, head)
    else:
        _read_block(lines, lay, head)
    _fill_from_site_box(lay, head)
    head.signer = head.signer or _signer(lines, lay) or _site(lay, "signer")
    return head


def _read_block(lines: list[Line], lay: Layout, head: Head) -> None:
    p = patterns()
    r = _rules()
    limit = min(lay.body_end, lay.head_start + 80)
    issuer_parts: list[str] = []
    title_parts: list[str] = []
    phase = "header"
    head.body_start = lay.head_start
    stop_cell: _Cell | None = None
    motto_read = 0  # words of the motto read so far
    for cell in _cells(lines, lay.head_start, limit):
        t = cell.text
        if phase == "header":
            if _DASHES.match(t):
                continue
            # the motto, whole, cut ('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT' / 'NAM Độc lập ...')
            # or interleaved with the issuer's lines: only what is not the motto is read
            t, motto_read = _strip_motto(t, motto_read)
            if not t or p.motto.search(t):
                continue
            nm = p.number_line.match(t)
            if nm and issuer_parts and _NAMED_BY_DECISION.search(issuer_parts[-1]):
                # 'ĐOÀN KIỂM TRA' / 'THEO QUYẾT ĐỊNH' / 'SỐ 1050/QĐ-SCT': the decision that set
                # the issuing team up is part of its name, not the plan's number
                issuer_parts.append(t)
                continue
            if nm:
                head.number_seen = True
                head.number = _number(nm.group("v"))
                t = t[nm.end() :].strip()
                if not t:
                    continue
            dm = r.date_line.search(t)
            if dm:
                _read_date(dm, head)
                continue
            dt = r.doc_type.fullmatch(t.strip(" .:"))
            if dt:
                head.doc_type = sentence_case_name(dt.group(0))
                phase = "title"
                continue
            joined = _type_and_title(t)
            if joined is not None:
                # 'KẾ HOẠCH V/V HỖ TRỢ ... Căn cứ ...': the type and the title in one cell;
                # the title is read from the rest of it below
                head.doc_type, t = joined
                cell = _Cell(t, cell.index, cell.offset + len(cell.text) - len(t))
            elif not _title_without_type(t, head):  # (a copy that lost the type's line)
                if _is_opener(t) or _OPENING.match(t) or _past_head(t, head):
                    # (past the number and date, a cell longer than any title block's is the
                    # body, whatever it opens with: better a plan without its type than one
                    # without its body; before them it may be a site's chrome run in)
                    stop_cell = cell
                    break
                if t.isupper() or p.issuer_head.match(t):
                    issuer_parts.append(t)
                elif tail := _issuer_tail(t):
                    issuer_parts.append(tail)  # a site's text run onto the issuer (a crawl)
                continue
            phase = "title"
        # title phase
        if _OPENING.match(t) or _DASHES.match(t):
            if _OPENING.match(t):
                stop_cell = cell
                break
            continue
        if t.startswith("("):
            continue
        if not title_parts:
            prefix = _upper_prefix(t)
            if prefix != t and (len(prefix) >= 8 or (prefix and len(t) > _LONGEST_CELL)):
                # A reflowed copy runs the all-capitals title into the opening paragraph.
                title_parts.append(prefix)
                stop_cell = _Cell(
                    t[len(prefix) :].strip(), cell.index, cell.offset + len(prefix) + 1
                )
                break
            om = _rules().opener_inside.search(t)
            if om is not None:
                # ... and a title in small letters into its basis ('Tổ chức dạy học 2
                # buổi/ngày ... Căn cứ Chỉ thị số 17/CT-TTg ...'): the basis opens the body,
                # or the body that decides does ('... 2026 - 2030 ỦY BAN NHÂN DÂN TỈNH SƠN LA
                # Căn cứ ...', a Quyết định)
                am = _AUTHORITY_INSIDE.search(t, 0, om.start())
                cut = am.start() + 1 if am else om.start()
                title_parts.append(t[:cut].strip())
                stop_cell = _Cell(t[cut:], cell.index, cell.offset + cut)
                break
            title_parts.append(t)
            continue
        first_upper = upper_ratio(title_parts[0]) > 0.7
        if _AUTHORITY.match(t):
            # 'ỦY BAN NHÂN DÂN TỈNH SƠN LA' above a Quyết định's 'Căn cứ ...': who decides,
            # not the title going on
            stop_cell = cell
            break
        if first_upper and upper_ratio(t) > 0.7 and not _is_opener(t):
            title_parts.append(t)
            continue
        if not first_upper and t[:1].islower():
            title_parts.append(t)  # a sentence-case title wrapped onto the next line
            continue
        stop_cell = cell
        break
    if stop_cell is not None:
        head.body_start = stop_cell.index
        head.body_offset = stop_cell.offset
    else:
        head.body_start = limit
    if not head.number_seen:
        head.warnings.append("no number line ('Số: ...') in the title block")
    head.title = squash(" ".join(title_parts)) or None
    head.issuer = _issuer(issuer_parts)


def _issuer_tail(text: str) -> str | None:
    """The issuer in capitals that closes a cell in small letters: a crawl runs the site's
    own text or a note into it ('[Bản trích chữ ...] ỦY BAN NHÂN DÂN')."""
    head = patterns().issuer_head
    for m in _WORD_START.finditer(text):
        tail = text[m.start() :]
        if head.match(tail) and tail.isupper():
            return tail
    return None


_WORD_START = regex.compile(r"(?<=\s)(?=\p{Lu})")


def _type_and_title(text: str) -> tuple[str, str] | None:
    """(doc type, the rest) of a cell that runs the type into a capitals title."""
    m = _rules().doc_type.match(text)
    if m is None or text[m.end() : m.end() + 1] != " ":
        return None
    rest = text[m.end() :].lstrip()
    # a title in capitals, or one in small letters that runs on into the plan's basis ('KẾ
    # HOẠCH Tổ chức dạy học 2 buổi/ngày ... Căn cứ Chỉ thị số 17/CT-TTg ...', a crawl)
    titled = upper_ratio(rest[:60]) > 0.7 or (
        rest[:1].isupper() and _rules().opener_inside.search(rest) is not None
    )
    if not titled or not text.endswith(rest):
        return None
    return sentence_case_name(m.group(0)), rest


def _title_without_type(text: str, head: Head) -> bool:
    """Past the number and the date, a line in capitals that names no body is the title:
    some copies drop the 'KẾ HOẠCH' line ('Số: 34/KH-UBND | Quảng Ngãi, ngày ...' /
    'THỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ ...')."""
    return (
        head.number_seen
        and head.place is not None
        and text.isupper()
        and len(text.split()) >= 4
        and not patterns().issuer_head.match(text)
    )


def _past_head(text: str, head: Head) -> bool:
    return len(text) > _LONGEST_CELL and head.number_seen and head.issued_date is not None


def _number(raw: str) -> str | None:
    v = _SPACES.sub("", raw).strip(".,;")
    if not v or v.startswith("/") or not v[:1].isdigit():
        return None
    return str(v)


def _read_date(m: regex.Match[str], head: Head) -> None:
    place = squash(m.group("place")).strip(" ,.")
    place = _BEFORE_NAME.sub("", place) if place and not place[0].isupper() else place
    head.place = title_case(place) if place.isupper() else place or None
    try:
        head.issued_date = date(
            int(m.group("year").replace(" ", "")), int(m.group("month")), int(m.group("day"))
        ).isoformat()
    except (TypeError, ValueError):
        head.issued_date = None


_UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_UNIT_BEFORE = {u: regex.compile(r"(?<!\p{L})" + u + r"\s+(?=\S)") for u in _UNITS}
_UNIT_WORD = {u: regex.compile(r"(?<!\p{L})" + u + r"(?!\p{L})") for u in _UNITS}


_STRAY_MARKS = regex.compile(r"(?:\s+[" + RULE_MARKS + r".]+)+\s*$|^[/\\|]+\s*")


def _issuer(parts: list[str]) -> str | None:
    # rule marks and scan specks left at a cell's end ('CÔNG AN TỈNH _', 'SỞ Y TẾ -'), a
    # stray slash at its start ('/ỦY BAN MTTQ VIỆT NAM')
    parts = [p for x in parts if (p := _STRAY_MARKS.sub("", squash(x)))]
    if not parts:
        return None
    organs = tuple(o.upper() for o in load("page")["issuer_organs"])
    if len(parts) > 1 and parts[-1].upper().startswith(organs):
        # a standing board or subcommittee: the part, then the body it is part of
        whole = _issuer_name(parts[:-1])
        return _spelt_out(f"{normalise_body_name(parts[-1])} {whole}".strip())
    name = _issuer_name(parts)
    return _spelt_out(name) if name else name


def _spelt_out(name: str) -> str:
    """The issuer's acronyms spelt out, in any case the capitals were lowered to ('Ủy ban
    mttq việt nam xã X' -> 'Ủy ban Mặt trận Tổ quốc Việt Nam xã X')."""
    return str(_VIET_NAM.sub("Việt Nam", expand_acronyms(name)))


_VIET_NAM = regex.compile(r"(?i)(?<!\p{L})việt nam(?!\p{L})")


def _issuer_name(parts: list[str]) -> str | None:
    if not parts:
        return None
    # A department under its province prints the province first: the department issues.
    # ('BỘ CÔNG AN' / 'CÔNG AN TỈNH': the provincial police under its ministry)
    body_words = (
        "SỞ",
        "BAN",
        "VĂN PHÒNG",
        "CHI CỤC",
        "CỤC",
        "TRUNG TÂM",
        "BỘ",
        "CÔNG AN",
        "THANH TRA",
        "KHO BẠC",
        "BẢO HIỂM XÃ HỘI",
    )
    single = match_at(parts[0]) if len(parts) == 1 else None
    if single and single.end >= len(parts[0].rstrip()) and parts[0].upper().startswith(body_words):
        return single.name  # 'SỞ CÔNG THƯƠNG' -> 'Sở Công Thương'
    if (
        len(parts) > 2
        and parts[1].upper().startswith(_TEAMS)
        and parts[0].upper().startswith(body_words)
    ):
        # 'SỞ CÔNG THƯƠNG' / 'ĐOÀN KIỂM TRA' / 'THEO QUYẾT ĐỊNH' / 'SỐ 1050/QĐ-SCT': a team a
        # body set up issues, named with the decision that set it up
        team = " ".join(parts[1:])
        cited = _SET_UP_BY.search(team)
        if cited is None:
            return normalise_body_name(team)
        number = f" số {normalise_number(cited.group('n'))}" if cited.group("n") else ""
        return f"{normalise_body_name(team[: cited.start()])} theo Quyết định{number}"
    if len(parts) > 1 and parts[-1].upper().startswith((*body_words, *_TEAMS)):
        dept = parts[-1]
        m = match_at(dept)
        name = m.name if m and m.end >= len(dept.rstrip()) else normalise_body_name(dept)
        if m and len(dept.split()) > len(m.name.split()):
            name = normalise_body_name(dept)  # 'CÔNG AN TỈNH LÂM ĐỒNG' keeps its province
        parent = normalise_body_name(" ".join(parts[:-1]))
        unit = _UNIT_TAIL.search(parent)
        return f"{name} {unit.group(0)}" if unit and unit.group(0) not in name else name
    text = " ".join(parts)
    text = regex.sub(
        r"^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)",
        "ỦY BAN NHÂN DÂN",
        text,
        flags=regex.IGNORECASE,
    )
    return normalise_body_name(text)


_PARTY = regex.compile(r"^(TỈNH|THÀNH|HUYỆN|QUẬN|ĐẢNG)\s+(ỦY|UỶ)\s+(.*)$", regex.IGNORECASE)
# teams and councils a body sets up, which issue plans of their own
_TEAMS = ("ĐOÀN KIỂM TRA", "ĐOÀN CÔNG TÁC", "ĐOÀN THANH TRA", "TỔ CÔNG TÁC", "HỘI ĐỒNG")
_NAMED_BY_DECISION = regex.compile(r"(?i)(?:^|\s)(?:theo\s+)?quyết\s+định\s*$")
_SET_UP_BY = regex.compile(r"(?i)\s+theo\s+quyết\s+định(?:\s+số\s*:?\s*(?P<n>\d[\w/.-]*))?.*$")


def normalise_body_name(text: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN' -> 'Ủy ban nhân dân tỉnh Lạng Sơn';
    'TỈNH ỦY LẠNG SƠN' -> 'Tỉnh ủy Lạng Sơn'."""
    text = squash(text)
    party = _PARTY.match(text)
    if party:
        name = party.group(3)
        return f"{party.group(1).capitalize()} ủy {title_case(name) if name.isupper() else name}".strip()
    k = key(text)
    for unit in sorted(_UNITS, key=len, reverse=True):
        m = _UNIT_BEFORE[unit].search(k)
        if m:
            body = text[: m.start()].strip()
            name = text[m.end() :].strip()
            body_txt = sentence_case_name(body) if body.isupper() else body
            name_txt = title_case(name) if name.isupper() else name
            return f"{body_txt} {unit} {name_txt}".strip()
    return sentence_case_name(text) if text.isupper() else text


def complete_issuer(issuer: str | None, place_hint: str | None) -> str | None:
    """'Ủy ban nhân dân' + 'Lạng Sơn' -> 'Ủy ban nhân dân tỉnh Lạng Sơn'."""
    if issuer is None or place_hint is None:
        return issuer
    if key(issuer) not in ("ủy ban nhân dân", "hội đồng nhân dân"):
        return issuer  # a national body ('Ủy ban An toàn giao thông Quốc gia') has no unit
    if any(_UNIT_WORD[u].search(key(issuer)) for u in _UNITS):
        return issuer
    hint = squash(place_hint)
    hk = key(hint)
    if not any(hk.startswith(u + " ") for u in _UNITS):
        unit = "thành phố" if hk in _rules().cities else "tỉnh"
        hint = f"{unit} {hint}"
    return normalise_body_name(f"{issuer} {hint}")


def _fill_from_site_box(lay: Layout, head: Head) -> None:
    box = lay.site_box
    if head.issuer is not None and "issuer" in box:
        head.issuer = complete_issuer(head.issuer, box["issuer"])
    if head.issuer is not None and head.place:
        head.issuer = complete_issuer(head.issuer, head.place)
    if head.doc_type is None and box.get("doc_type") and key(box["doc_type"]) != "văn bản khác":
        head.doc_type = box["doc_type"]
    if head.issued_date is None and head.place is None and "issued_date" in box:
        dm = _DMY.match(box["issued_date"])
        if dm and lay.has_title_block:
            with contextlib.suppress(ValueError):
                head.issued_date = date(int(dm[3]), int(dm[2]), int(dm[1])).isoformat()
    if head.number is None and lay.has_title_block and "number" in box and not head.number_seen:
        head.number = _number(box["number"])


def _site(lay: Layout, name: str) -> str | None:
    v = lay.site_box.get(name)
    return squash(v) if v else None


# Columns laid out with spaces (PDF layout text): 'Nơi nhận ...      Nguyễn Văn A'.
_COLUMNS = regex.compile(r"(?<=\S)\s{3,}(?=\S)")


def _signer(lines: list[Line], lay: Layout) -> str | None:
    p = patterns()
    # The first signature signs the document whose number the title block gives (a
    # Quyết định carrying its plan signs before the plan).
    for sig in lay.signatures:
        for j in range(sig.start, sig.end):
            c = [part for raw in _COLUMNS.split(lines[j].raw.strip()) for part in cells(raw)]
            for cell in reversed(c):
                cell = squash(clean(cell))
                if is_person_name(cell) and not p.signature.match(cell):
                    return squash(cell)
    return None


_NEWS_TITLE = regex.compile(
    r"ban hành\s+(?P<type>Kế hoạch|Chương trình hành động|Chương trình|Đề án)"
    r"(?:\s+số\s+\S+)?\s+(?:về\s+(?:việc\s+)?)?(?P<title>[^.;]+)",
    regex.IGNORECASE,
)
_NEWS_NUMBER = regex.compile(
    r"(?:Kế hoạch|Chương trình|Quyết định)\s+(?:số\s+)?(?P<n>\d+/[\w\p{L}]+(?:-[\w\p{L}]+)*)"
)
_NEWS_ISSUER = regex.compile(
    r"(?P<body>Ủy ban nhân dân|UBND)\s+(?P<unit>tỉnh|thành phố|huyện)(?P<name>(?:\s+\p{Lu}[\p{L}]*)*)"
)
_PLACE_IN_TITLE = regex.compile(
    r"(?P<unit>tỉnh|thành phố|huyện)\s+(?P<name>\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*)"
)


def _read_news(lines: list[Line], lay: Layout, head: Head) -> None:
    """A text without a title block (a news summary of a plan)."""
    body = [ln.text for ln in lines[lay.head_start : lay.body_end] if ln.text]
    text = " ".join(body)
    m = _NEWS_TITLE.search(text)
    if m:
        title = squash(m.group("title"))
        head.title = title[:1].upper() + title[1:]
        head.doc_type = sentence_case_name(m.group("type"))
    nm = _NEWS_NUMBER.search(text)
    if nm:
        head.number = nm.group("n")
    im = _NEWS_ISSUER.search(text)
    if im:
        name = squash(im.group("name"))
        if not name and head.title:
            pm = _PLACE_IN_TITLE.search(head.title)
            if pm and pm.group("unit") == im.group("unit"):
                name = pm.group("name")
        head.issuer = f"Ủy ban nhân dân {im.group('unit')} {name}".strip()
    head.warnings.append("no title block: metadata read from running text")
