"""Assignments: which agency is told to do what, with whom (partners), per section.

An agency is the addressee of a block when it heads the block ('1. Sở Tài chính',
'b) Sở Y tế: ...', a heading whose name wraps onto the next line), opens one of its
paragraphs or bullets ('- Sở Y tế: ...', 'Sở X chủ trì, phối hợp với ... thực hiện:',
'Các sở, ban, ngành và UBND cấp xã nêu cao trách nhiệm ...'), is told by name ('Yêu cầu
các sở, ban, ngành ...', 'Ủy ban nhân dân tỉnh đề nghị ...'), is named in a field ('Cơ
quan thực hiện: X', 'Đơn vị chủ trì: X' / 'Đơn vị phối hợp: Y, Z'), or leads rows of an
appendix table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import (
    LOCAL_UNITS,
    AgencyMatch,
    comma_blind,
    departments_at,
    expand_written,
    gazetteer,
    is_group,
    leading_agencies,
    level_bodies,
    lkey,
    local_authorities_at,
    match_at,
    opens_duty,
    parents,
    strip_place,
)
from kehoach.structure.grid import column_roles
from kehoach.structure.outline import Block, Node, kind_of
from kehoach.structure.outline import rules as section_rules
from kehoach.structure.tables import continued_rows, table_rows
from kehoach.structure.titles import FOR_BODIES
from kehoach.text import key

# The body that issues a provincial plan, never its own addressee: the province's committee,
# or a centrally run city's ('Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành ...').
ISSUERS = frozenset(("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân Thành phố"))
# Section kinds whose sentences give duties: there an agency followed by any verb is told
# to act ('Sở Công Thương tổng hợp ...'); elsewhere only a colon or a leading verb
# ('chủ trì', 'phối hợp') makes it an addressee.
DUTY_KINDS = frozenset(("tasks", "implementation", "reporting", "funding", "purpose"))
# Kinds where groups are addressed mid-sentence ('..., các sở, ban, ngành ... báo cáo'):
# Tổ chức thực hiện and its reporting duties (FORMAT.md), not the funding procedure.
MID_SENTENCE_KINDS = frozenset(("implementation", "reporting"))
ALL_LEVELS = "Ủy ban nhân dân các cấp"  # the gazetteer's group for 'UBND các cấp'


@dataclass
class FoundAssignment:
    agency: str
    as_written: str
    section: str
    duties: list[Block] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)


class Add(Protocol):
    def __call__(
        self,
        agency: AgencyMatch,
        section: str,
        duties: list[Block],
        texts: list[str],
        keep_self: bool = False,
    ) -> None: ...


_LEAD_IN = regex.compile(r":\s*$")
# 'Cơ quan thực hiện:', 'Đơn vị chủ trì tham mưu thực hiện:', 'Cơ quan phối hợp:'
_FIELD = regex.compile(
    r"^(?P<label>(?:cơ quan|đơn vị)(?:\s*,\s*(?:đơn vị|địa phương))?\s+(?:chủ trì|thực hiện|phối hợp|đầu mối)"
    r"[^:]{0,40}?)\s*:\s*(?P<value>.*)$",
    regex.I,
)
_BARE_FIELD = regex.compile(
    r"^(?P<label>(?:chủ trì|phối hợp)(?:\s+thực hiện)?)\s*:\s*(?P<value>.+)$", regex.I
)
# A field set as a heading of its own ('b) Cơ quan thực hiện').
_FIELD_TITLE = regex.compile(
    r"^(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|phối hợp|đầu mối)(?:\s+(?:thực hiện|chính|tham mưu))*\s*$",
    regex.I,
)
_PHOI_HOP = regex.compile(
    r"(?<!\w)(?:phối hợp(?:\s*,\s*\w+(?:\s+\w+){0,3}\s+(?=với))?|cơ quan phối hợp\s*:)"
    r"(?:\s+chặt chẽ)?(?:\s+với)?\s*",
    regex.IGNORECASE,
)
_FILLER = regex.compile(
    r"\s*(?:[,;]|và|cùng|các|cơ quan|đơn vị|có liên quan|liên quan|địa phương|doanh nghiệp|hiệp hội|"
    r"cá nhân|chặt chẽ|với|của tỉnh|tỉnh|trên địa bàn|chính quyền|các cấp|khác|lực lượng(?: chức năng)?)(?!\w)",
    regex.IGNORECASE,
)
# 'Yêu cầu các sở ...', 'Ủy ban nhân dân tỉnh đề nghị ...': the body told by name.
_ADDRESSED = regex.compile(r"(?<!\w)(?:yêu cầu|đề nghị|giao)\s+(?!của\b|cho\b)", regex.IGNORECASE)
# A lead-in whose list of partners follows as bullets ('Chủ trì, phối hợp:').
_JOINT = regex.compile(r"phối hợp(?:\s+với)?\s*:?\s*$", regex.IGNORECASE)
_CLOSING = regex.compile(r"^\s*trên đây là\b", regex.IGNORECASE)
_REQUEST = regex.compile(r"\s*(?:yêu cầu|đề nghị)\s", regex.IGNORECASE)
_SENTENCE_END = regex.compile(r"[.;:](?:\s|$)")
_ENDS_STOP = regex.compile(r"[.;:]\s*$")
_ENDS_COLON_OR_STOP = regex.compile(r"[:.]\s*$")
_NOTE_END = regex.compile(r"\s*\([^()]*\)\s*[.:;]?\s*$")  # 'Sở X (cơ quan thường trực).'
_CAC = regex.compile(r"^(?:các|Các)\s+")
_SEMICOLON = regex.compile(r";\s*")
_NEXT_NAME = regex.compile(r"[,;]\s*|\s+và\s+|\s+")


@cache
def _vague() -> frozenset[str]:
    """Names never listed as partners: the vague ones, and groups flagged `never_partner`
    (the press: addressed, but 'phối hợp với các cơ quan báo, đài' names no one)."""
    data = load("agencies")
    never = [a for g in data["groups"] if g.get("never_partner") for a in g["aliases"]]
    return frozenset(comma_blind(v) for v in data["vague"] + never)


@cache
def _private_heads() -> regex.Pattern[str]:
    words = "|".join(regex.escape(key(w)) for w in load("agencies")["private_addressees"])
    return regex.compile(r"^(?:các\s+)?(?:" + words + r")(?!\w)")


def _field(text: str) -> tuple[str, str] | None:
    """('lead' | 'partner', value) of a field line ('Cơ quan thực hiện: Sở Y tế')."""
    text = text.strip()
    m = _FIELD.match(text) or _FIELD_TITLE.match(text)
    if not m:
        # 'Chủ trì thực hiện: Công an tỉnh, Sở Tư pháp' / 'Phối hợp: ...': a bare label is a
        # field only when agencies follow it ('Chủ trì: - Xây dựng kế hoạch ...' leads duties)
        m = _BARE_FIELD.match(text)
        if not m or not leading_agencies(m.group("value"))[1]:
            return None
    label = key(m.groupdict().get("label") or m.group(0))
    role = "partner" if "phối hợp" in label and "chủ trì" not in label else "lead"
    return role, (m.groupdict().get("value") or "").strip()


def addressees(text: str, verbs: bool = False) -> list[AgencyMatch]:
    """Agencies a line opens with, when a colon or a duty follows them ('Sở Y tế: ...',
    'Sở X chủ trì ...'; with `verbs`, any verb: 'Sở Công Thương tổng hợp ...')."""
    end, found = leading_agencies(text)
    if not found or text[end:].strip() in ("", ";", ".", ","):
        return []  # a name alone ('- Ủy ban nhân dân xã, phường;' in a list of award winners)
    follows = opens_duty(text[end:])
    if follows is None or (follows == "verb" and not verbs):
        return []
    return [a for a in found if a.name not in ISSUERS]


# a crawl may lose the space after the comma: 'Để thực hiện mục tiêu trên,các cơ quan ...'
# a comma, a ';', a bracket's end, or the 'thì' that turns from a condition to what follows
# ('Đối với người tự ứng cử thì Ủy ban bầu cử xã có trách nhiệm ...')
_CLAUSE_START = regex.compile(r"(?:,|;|\)|(?<=\p{L})\s+thì(?=\s))\s*(?=\p{L})")
_OBJECT_BEFORE = regex.compile(r"(?:với|cho|của|giao|chỉ đạo|phối hợp|và|đến|tới)\s*$", regex.I)
_GOVERNS = regex.compile(
    r"(?<!\w)(?:với|cho|của|giao|chỉ đạo|phối hợp|đôn đốc|hướng dẫn|kiểm tra|tham mưu|đến|tới)\s+",
    regex.I,
)


_OR_AND = regex.compile(r"^(?:hoặc|và)\s+")


def _inside_object_list(before: str) -> bool:
    """'Chủ trì, phối hợp với các sở, ban, ngành' + ', UBND các xã ...': the comma continues
    a list of objects, not a new clause with its own subject."""
    if _OBJECT_BEFORE.search(before):
        return True
    matches = list(_GOVERNS.finditer(before))
    if not matches:
        return False
    last = matches[-1]
    rest = before[last.end() :].rstrip(" ,")
    if comma_blind(rest) in _vague():
        return True  # 'Quán triệt đến các cấp' + ', các ngành, ...': vague, still the object
    end, found = leading_agencies(rest)
    return bool(found) and end >= len(rest) - 1


def clause_subjects(text: str, stop_only: bool = False) -> list[AgencyMatch]:
    """Agencies that are the subject of a later clause of a block's first sentence: 'Hằng
    năm, căn cứ ..., các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, phường cùng ... xây
    dựng kế hoạch'; 'Định kỳ ..., các sở, ban, ngành ... báo cáo ...'. With `stop_only`,
    only before a word that opens a duty for sure (agencies.yaml `duty_openers`)."""
    openers: list[int] = []
    if stop_only:
        openers = [m.start() for m in _any_duty_opener().finditer(lkey(text))]
        colon = _LEAD_IN_COLON.search(text)
        if colon:
            openers.append(colon.start())  # a lead-in's closing verb and colon
        if not openers:
            return []  # no such word anywhere: no comma need be tried
    for m in _CLAUSE_START.finditer(text):
        if stop_only and not any(m.end() < o <= m.end() + 300 for o in openers):
            continue  # no duty word within reach of this comma
        before = text[: m.start()]
        if _SENTENCE_END.search(before):
            return []
        last = _OR_AND.sub("", before.rsplit(",", 1)[-1].strip())  # ', hoặc Cục X, Bộ Y chỉ đạo'

        if _inside_object_list(before) or (last and _title_is_agencies(last)):
            continue
        end, found = leading_agencies(text[m.end() :])
        if not found:
            continue
        # a comma may part the subject from a sure duty word ('Ban Thường trực ... phường,
        # chịu trách nhiệm ...'; _duty_opener reads past it)
        after = text[m.end() + end :]
        if _duty_opener(after) or (not stop_only and opens_duty(after) is not None):
            return [a for a in found if a.name not in ISSUERS]
    return []


@cache
def _any_duty_opener() -> regex.Pattern[str]:
    words = "|".join(regex.escape(key(w)) for w in load("agencies")["duty_openers"])
    return regex.compile(r"(?<!\w)(?:" + words + r")(?!\w)")


_CLOSING_COLON = r":(?:\s*$|\s+[-–+•]\s)"  # ending the text, or before its first bullet
_LEAD_IN_COLON = regex.compile(_CLOSING_COLON)
_LEAD_IN_END = regex.compile(r"^\s*\p{Ll}[\p{L} ]{0,40}" + _CLOSING_COLON)


def _duty_opener(after: str) -> bool:
    """'chủ trì', 'phối hợp', 'có trách nhiệm' ... follow: the words before are the clause's
    subject, not a preposition's object or a list of channels. So does a verb that closes a
    lead-in ('Hằng năm, các phòng giáo dục và đào tạo, các cơ sở giáo dục hoàn thành:')."""
    # a comma may come first: 'Ban An toàn giao thông cấp huyện, tập trung thực hiện ...'
    return bool(_any_duty_opener().match(key(after[:40]).lstrip(" ,"))) or bool(
        _LEAD_IN_END.match(after)
    )


_ASSIGNS = regex.compile(r"(?<!\w)giao\s+(?!của\b|cho\b)", regex.IGNORECASE)


def mid_sentence(text: str, kind: str | None) -> list[AgencyMatch]:
    """Agencies a sentence addresses past its start. In Tổ chức thực hiện and reporting
    (FORMAT.md): any clause's subject and any body told by name ('yêu cầu', 'đề nghị',
    'giao'). In other duty sections only the unmistakable: 'giao Sở Y tế ...', a sentence
    that opens with the request ('... phục hồi kinh tế. Đề nghị các sở, ban, ngành khẩn
    trương thực hiện'), and a clause's subject that 'chủ trì' / 'phối hợp' follows ('Sau khi ..., UBND xã, phường
    phối hợp với ...')."""
    if kind in MID_SENTENCE_KINDS:
        found = clause_subjects(text)
        told = addressed(text)
    elif kind in DUTY_KINDS:
        found = clause_subjects(text, stop_only=True)
        told = addressed(text, _ASSIGNS, opening_requests=True)
    else:
        return []
    _extend_new(found, sentence_subjects(text))
    _extend_new(found, told)
    return found


def _extend_new(out: list[AgencyMatch], more: list[AgencyMatch]) -> None:
    """Append the bodies of `more` that `out` does not name yet, in order."""
    names = {o.name for o in out}
    for a in more:
        if a.name not in names:
            out.append(a)
            names.add(a.name)


# a full stop, not a ';' (a list of bodies may be parted by ';')
_NEXT_SENTENCE = regex.compile(r"\.\s+(?=\p{Lu})")


def sentence_subjects(text: str) -> list[AgencyMatch]:
    """Bodies that open a later sentence of a block with a sure duty word: '... phù hợp với
    đặc điểm của từng địa bàn. Chủ tịch Ủy ban nhân dân các cấp chịu trách nhiệm về ...'."""
    out: list[AgencyMatch] = []
    for m in _NEXT_SENTENCE.finditer(text):
        rest = text[m.end() :]
        end, found = leading_agencies(rest)
        if found and opens_duty(rest[end:]) == "stop":
            _extend_new(out, [a for a in found if a.name not in ISSUERS])
    return out


def addressed(
    text: str, verbs: regex.Pattern[str] = _ADDRESSED, opening_requests: bool = False
) -> list[AgencyMatch]:
    """Agencies told by name anywhere in a sentence: '..., Ủy ban nhân dân tỉnh yêu cầu các
    sở, ban, ngành và Ủy ban nhân dân các xã, phường căn cứ ...'. With `opening_requests`,
    also those after a 'Đề nghị' / 'Yêu cầu' that opens a sentence."""
    out: list[AgencyMatch] = []
    hits = list(verbs.finditer(text))
    if opening_requests:
        hits += [
            m
            for m in _ADDRESSED.finditer(text)
            if m.group(0)[:1] in "ĐđYy" and text[: m.start()].rstrip()[-1:] in ("", ".", ";")
        ]
    for m in hits:
        _, found = leading_agencies(text[m.end() :])
        _extend_new(out, [a for a in found if a.name not in ISSUERS])
    return out


def partners(text: str, exclude: set[str]) -> list[str]:
    """Canonical names after 'phối hợp (với)': agencies, not vague phrases or private parties."""
    out: list[str] = []
    vague = _vague()
    k = lkey(text)
    for m in _PHOI_HOP.finditer(text):
        pos = m.end()
        limit = min(len(text), pos + 300)
        while pos < limit:
            while pos < limit and text[pos].isspace():
                pos += 1
            end, listed = departments_at(text, pos, k)  # 'các Sở: Nội vụ, Giao thông vận tải'
            for a in listed:
                if a.name not in exclude and a.name not in out:
                    out.append(a.name)
            if listed:
                pos = end
                continue
            am = match_at(text, pos)
            if am is not None:
                if (
                    am.name not in exclude
                    and parents().get(am.name) not in exclude  # its own force
                    and am.name not in ISSUERS
                    and comma_blind(am.as_written) not in vague
                    and am.name not in out
                ):
                    out.append(am.name)
                pos = am.end
                continue
            fm = _FILLER.match(k, pos) or _NOTE.match(text, pos)
            if fm and fm.end() > pos:
                pos = fm.end()  # '..., Trung tâm Dịch vụ việc làm (Sở Nội vụ), Ủy ban ...'
                continue
            break
    return out


_NOTE = regex.compile(r"\([^()]{0,80}\)")


def _is_lead_in(block: Block) -> bool:
    return bool(_LEAD_IN.search(block.text)) and len(block.text.split()) < 30


def _duty_blocks(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind in ("paragraph", "bullet") and not _is_lead_in(b)]


def _title_is_agencies(title: str) -> bool:
    """The title is a list of agencies, perhaps with a note ('Sở X (cơ quan thường trực)')."""
    bare = _NOTE_END.sub("", title).rstrip(" .:;")
    end, found = leading_agencies(bare)
    return bool(found) and end >= len(bare) - 1


def _as_block(child: Node) -> Block:
    return Block("paragraph", child.heading, child.line_start, child.line_end)


def _heading_agencies(node: Node) -> tuple[list[AgencyMatch], int]:
    """Agencies a heading names, and how many of its first body paragraphs continue the
    heading ('2. Sở' / 'Nông nghiệp và Môi trường'; '8. Đề nghị' / 'Liên minh Hợp tác xã
    tỉnh, Hội Nông dân tỉnh'): a name wrapped or set on its own line. A name may also end
    inside a paragraph that goes on with duties ('Ngân hàng Nhà nước Việt' / 'Nam - Chi
    nhánh Khu vực II: Chủ trì ...'); that paragraph stays a duty."""
    text = node.title
    best: tuple[list[AgencyMatch], int] = ([], 0)
    if _title_is_agencies(text):
        best = (leading_agencies(text)[1], 0)
    elif (fm := FOR_BODIES.match(text)) and _title_is_agencies(text[fm.end() :]):
        # 'a) Đối với các sở, ban, ngành, UBND các xã, phường:' over the duties set for them
        return _not_issuers((leading_agencies(text[fm.end() :])[1], 0))
    if node.heading != node.title or _ENDS_STOP.search(node.heading):
        return _not_issuers(best)  # the heading ran on into body text, or ended
    for i, b in enumerate(node.body[:3]):
        if b.kind != "paragraph":
            break
        joined = f"{text} {b.text}"
        if len(b.text.split()) <= 25 and _title_is_agencies(joined):
            text = joined
            best = (leading_agencies(text)[1], i + 1)
            if _ENDS_COLON_OR_STOP.search(b.text):
                break
            continue
        end, found = leading_agencies(joined)
        if found and end > len(text) + 1 and opens_duty(joined[end:]) is not None:
            best = (found, i)
        break
    return _not_issuers(best)


def _not_issuers(
    found: tuple[list[AgencyMatch], int],
) -> tuple[list[AgencyMatch], int]:
    return [a for a in found[0] if a.name not in ISSUERS], found[1]


_VAGUE_PARTIES = regex.compile(r",\s*(?:cộng đồng|tổ chức|cá nhân|người dân|nhân dân)\b", regex.I)
# the law's stock tail for whoever else it concerns, after a named kind of party ('5. Các
# doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan'): the named kind is addressed
_RELATED_PARTIES = regex.compile(
    r",\s*(?:các\s+)?tổ\s+chức,\s*cá\s+nhân(?:\s+khác)?\s+(?:có\s+)?liên\s+quan$", regex.I
)


def _private_heading(title: str, alone: bool = False) -> AgencyMatch | None:
    """'Các chủ đầu tư dự án hạ tầng ...', 'Đề nghị các doanh nghiệp sản xuất ...': a heading
    of Tổ chức thực hiện that addresses private parties (never partners). `alone`: the
    heading is a line of its own over its duties, so it is all name, whatever words it
    holds ('Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp')."""
    g = gazetteer()
    k = lkey(title)
    am = g.addressing.match(k)
    start = am.end() if am else 0
    rest = title[start:].split(" (", 1)[0].strip().rstrip(" .:;")  # '... viễn thông (VNPT, ...)'
    rest = _RELATED_PARTIES.sub("", rest)
    longest = 30 if alone else 16
    if (
        not rest
        or ":" in rest
        or len(rest.split()) > longest
        or not _private_heads().match(lkey(rest))
    ):
        return None
    if _VAGUE_PARTIES.search(rest):
        return None  # 'Các doanh nghiệp, cộng đồng, tổ chức, cá nhân': everyone, no one
    words = key(rest).split(" ")
    stops = g.stops
    if not alone and any(
        w in stops or " ".join(words[i : i + 2]) in stops for i, w in enumerate(words)
    ):
        return None  # a sentence ('Các doanh nghiệp ... chủ động tham gia ...'), not a name
    name = expand_written(_CAC.sub("", rest))  # 'Các cơ sở sản xuất giống, NTTS thương phẩm'
    name = "Các " + name[:1].lower() + name[1:]
    return AgencyMatch(start, len(title), name, rest)


def _stands_alone(node: Node) -> bool:
    """A heading on a line of its own, its duties in the bullets below it."""
    return (
        node.heading == node.title
        and not _ENDS_STOP.search(node.heading)
        and bool(node.body)
        and all(b.kind == "bullet" for b in node.body)
    )


def _learned_pattern(names: list[str]) -> regex.Pattern[str] | None:
    """Private addressees named by a heading, to find again in the plan's bullets ('Chủ đầu
    tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp san tạo mặt bằng ...')."""
    if not names:
        return None
    alts = []
    for i, n in enumerate(names):
        body = regex.sub(r"^các\s+", "", key(n))
        words = [regex.escape(w) for w in regex.split(r"\s+", body)]
        alts.append(f"(?P<n{i}>" + r"\s*".join(words).replace(r"\,", r",") + ")")
    return regex.compile(r"^\s*(?:các\s+)?(?:" + "|".join(alts) + r")(?!\w)")


@dataclass
class _Plan:
    """What the walk needs to know about the whole plan."""

    add: Add
    kinds: dict[int, str | None]
    parents: dict[int, Node]
    tops: dict[int, Node]
    learned: list[str]
    learned_re: regex.Pattern[str] | None
    under_agency: dict[int, tuple[Node, list[AgencyMatch]]] = field(default_factory=dict)
    # nodes below an agency's heading -> that heading's node and agencies
    invited: set[int] = field(default_factory=set)  # nodes that list who attends a meeting

    def learned_at(self, text: str) -> AgencyMatch | None:
        if self.learned_re is None:
            return None
        m = self.learned_re.match(lkey(text))
        if not m:
            return None
        idx = int(str(m.lastgroup)[1:])  # the one named group that matched ('n0', 'n1' ...)
        return AgencyMatch(m.start(), m.end(), self.learned[idx], text[m.start() : m.end()])


def extract(root: Node) -> list[FoundAssignment]:
    found: dict[tuple[str, str], FoundAssignment] = {}

    local = _local_level(root)
    # 'UBND các cấp': each level of local authority the plan has
    levels = [local, "Ủy ban nhân dân cấp xã"] if local != "Ủy ban nhân dân cấp xã" else [local]

    def add(
        agency: AgencyMatch,
        section: str,
        duties: list[Block],
        texts: list[str],
        keep_self: bool = False,
    ) -> None:
        if key(agency.as_written) in _subject_only_words():
            agency = AgencyMatch(agency.start, agency.end, local, agency.as_written)
        if agency.name == ALL_LEVELS:
            for level in levels:
                add(
                    AgencyMatch(agency.start, agency.end, level, agency.as_written),
                    section,
                    duties,
                    texts,
                    keep_self,
                )
            return
        k = (agency.name, section)
        a = found.get(k)
        if a is None:
            a = found[k] = FoundAssignment(agency.name, agency.as_written.strip(), section)
        a.duties += [d for d in duties if d not in a.duties]
        keep_self = keep_self and is_group(agency.name)
        for p in partners(" ".join(texts), set() if keep_self else {agency.name}):
            for name in levels if p == ALL_LEVELS else [p]:
                if name not in a.partners and (keep_self or name != agency.name):
                    a.partners.append(name)

    _task_tables(root, add)
    plan = _survey(root, add)
    for node in root.walk():
        if node is root or node.style == "appendix" or id(node) in plan.invited:
            continue
        if node.style == "row":
            _table_group(node, add)
            continue
        _node(node, plan)
    return _own_items(_tidy(list(found.values())))


def _survey(root: Node, add: Add) -> _Plan:
    kinds: dict[int, str | None] = {}
    parents: dict[int, Node] = {}
    tops: dict[int, Node] = {}
    learned: list[str] = []
    invited: set[int] = set()

    def walk(node: Node, kind: str | None, top: Node | None) -> None:
        for child in node.children:
            parents[id(child)] = node
            if id(node) in invited or _lists_attendees(child.title):
                invited.add(id(child))
            t = top or child
            k = kind
            if top is None:
                k = child.kind if child.kind not in (None, "other") else kind_of(child.title)
            elif k != "implementation" and _names_implementation(child.title):
                k = "implementation"  # 'III. NHIỆM VỤ, GIẢI PHÁP, PHÂN CÔNG ...' / '2. Phân công trách nhiệm'
            kinds[id(child)] = k
            tops[id(child)] = t
            if k == "implementation" and child is not t:
                pm = _private_heading(child.title, _stands_alone(child))
                if pm and not _title_is_agencies(child.title) and pm.name not in learned:
                    learned.append(pm.name)
            walk(child, k, t)

    walk(root, None, None)
    return _Plan(add, kinds, parents, tops, learned, _learned_pattern(learned), invited=invited)


@cache
def _attendance_words() -> tuple[str, ...]:
    return tuple(key(w) for w in load("sections")["attendance"])


def _lists_attendees(title: str) -> bool:
    """'THÀNH PHẦN THAM DỰ HỘI NGHỊ', 'Thành phần': who attends, not who must act."""
    return key(title).startswith(_attendance_words())


def _names_implementation(title: str) -> bool:
    """A sub-heading that is itself the plan's division of duties ('Phân công trách
    nhiệm', 'Tổ chức thực hiện'), inside a section of another kind."""
    k = key(title)
    return len(k.split()) <= 8 and any(
        k.startswith(w)
        for kind, words in section_rules().kinds
        if kind == "implementation"
        for w in words
    )


def _node(node: Node, plan: _Plan) -> None:
    kind = plan.kinds.get(id(node))
    verbs = kind in DUTY_KINDS
    add = plan.add
    if _is_field_node(node):
        _field_headings(node, plan)
        return
    owner = plan.under_agency.get(id(node))
    if owner is not None and _JOINT.search(node.heading):
        # 'b) Chủ trì, phối hợp:' over '- Sở Tài chính ... tham mưu ...': the bodies named
        # in the bullets work with the agency of the block; they are its partners.
        for b in node.body:
            names = ", ".join(a.as_written for a in _agency_list(b.text, subjects=True))
            if names:
                for a in owner[1]:
                    add(a, owner[0].path, [], [f"phối hợp với {names}"])
        return
    heads, consumed = _heading_agencies(node)
    if not heads and kind == "implementation":
        pm = _private_heading(node.title, _stands_alone(node))
        if pm is not None:
            heads = [pm]
    if heads:
        body = node.body[consumed:]
        others = _others_in_block(node, body, heads, plan, verbs)
        duties = _duty_blocks(body) + [_as_block(c) for c in node.children]
        texts = (
            [node.heading] + [b.text for b in body if id(b) not in others] + _descendant_texts(node)
        )
        for a in heads:
            add(a, node.path, duties, texts)
        # a later sentence of the block may name other bodies with their own duty ('... Chủ
        # tịch Ủy ban nhân dân các cấp chịu trách nhiệm ...'): they join the block
        named = {h.name for h in heads}
        for b in body:
            for a in sentence_subjects(b.text):
                if a.name not in named:
                    add(a, node.path, [b], [])
        plan.under_agency.update((id(d), (node, heads)) for d in node.walk() if d is not node)
        return
    if node.heading and not node.heading.isupper():  # a heading in capitals names a topic
        heading = Block("paragraph", node.heading, node.line_start, node.line_end)
        subjects = addressees(node.heading, verbs) or _learned_subject(node.heading, plan)
        if not subjects and id(node) not in plan.under_agency:
            subjects = mid_sentence(node.heading, kind)
        for a in subjects:
            add(a, node.path, [heading], [node.heading])
    _body_addressees(node, node.body, plan, kind)


def _is_field_node(node: Node) -> bool:
    return not node.children and bool(_FIELD_TITLE.match(node.title))


def _field_headings(node: Node, plan: _Plan) -> None:
    """'a) Nhiệm vụ' / 'b) Cơ quan chủ trì' / 'c) Cơ quan phối hợp' / 'd) Thời gian': fields set
    as headings of their own belong together, to the task above them (the parent)."""
    parent = plan.parents.get(id(node))
    siblings = parent.children if parent is not None else [node]
    i = next(k for k, c in enumerate(siblings) if c is node)
    if i > 0 and _is_field_node(siblings[i - 1]):
        return  # read with the first field of the run
    blocks: list[Block] = []
    for sib in siblings[i:]:
        if not _is_field_node(sib):
            break
        fm = _field(sib.heading)
        assert fm is not None
        if fm[1] or not sib.body or _field(sib.body[0].text) is None:
            value = fm[1] or " ".join(b.text for b in sib.body)
            label = "Cơ quan phối hợp" if fm[0] == "partner" else "Cơ quan thực hiện"
            blocks.append(Block("paragraph", f"{label}: {value}", sib.line_start, sib.line_end))
        else:
            blocks += sib.body
    # the task: the body of an earlier 'Nhiệm vụ' / 'Nội dung' sibling, else the parent heading
    tasks = [b for sib in siblings[:i] for b in sib.body if not _is_field_node(sib)]
    heading = parent.heading if parent is not None and parent.heading else node.heading
    section = parent.path if parent is not None and parent.path else node.path
    mended, merged = _mend_fields(tasks + blocks)
    _fields(
        mended,
        section,
        Block("paragraph", heading, node.line_start, node.line_end),
        plan.add,
        merged,
    )


# 'a) Phân công thực hiện' over '- Đơn vị đầu mối trình: Cục X.' / '- Đơn vị phối hợp: ...'
_DIVISION_LABEL = regex.compile(
    r"^phân công(?:\s+(?:thực hiện|nhiệm vụ|trách nhiệm))?\s*:?\s*$", regex.I
)


def _fields_section(node: Node, plan: _Plan) -> str:
    """Where a block's fields belong: the block's own section, or the task above a lettered
    'Phân công thực hiện' item that only holds the task's fields (like 'b) Cơ quan thực
    hiện' set as a heading, FORMAT.md's reading in hanoi-308)."""
    parent = plan.parents.get(id(node))
    if (
        parent is not None
        and parent.path
        and not node.children
        and plan.tops.get(id(node)) is not node
        and _DIVISION_LABEL.match(node.title)
    ):
        return parent.path
    return node.path


def _learned_subject(text: str, plan: _Plan) -> list[AgencyMatch]:
    m = plan.learned_at(text)
    if m is None or opens_duty(text[m.end :]) is None:
        return []
    return [m]


def _descendant_texts(node: Node) -> list[str]:
    """Headings and bodies below an agency's heading (its lettered lead-ins 'a) Chủ trì, phối
    hợp với ...'), except blocks headed by another agency."""
    out: list[str] = []
    for child in node.children:
        if _title_is_agencies(child.title):
            continue
        out.append(child.heading)
        out += [b.text for b in child.body]
        out += _descendant_texts(child)
    return out


def _others_in_block(
    node: Node, body: list[Block], heads: list[AgencyMatch], plan: _Plan, verbs: bool
) -> set[int]:
    """Inside an agency's block, a bullet that opens with another agency as its subject
    ('Ủy ban nhân dân phường Yên Bái chủ trì ...') is that agency's own duty; one that hands
    work down ('Giao Chi cục ... là cơ quan đầu mối') is not."""
    names = {h.name for h in heads}
    used: set[int] = set()
    for b in body:
        if gazetteer().addressing.match(lkey(b.text)):
            continue
        for a in addressees(b.text, verbs):
            if a.name not in names:
                plan.add(a, node.path, [b], [b.text])
                used.add(id(b))
    return used


def _fields(blocks: list[Block], section: str, task: Block, add: Add, merged: set[int]) -> set[int]:
    """'Cơ quan thực hiện: X chủ trì, phối hợp với Y' / 'Cơ quan phối hợp: Y, Z': X leads the
    task(s) above the fields, Y and Z are its partners. `blocks` are mended (_mend_fields),
    `merged` the lines taken back into the line before. Returns the indices of field lines."""
    used: set[int] = set(merged)
    tasks: list[Block] = []
    leads: list[AgencyMatch] = []
    waiting: list[str] = []  # partner fields met before their lead field
    after_fields = False
    for i, b in enumerate(blocks):
        f = _field(b.text)
        if i in merged:
            continue
        if f is None:
            if after_fields:
                tasks, leads, after_fields = [], [], False
            tasks.append(b)
            continue
        used.add(i)
        after_fields = True
        role, value = f
        if role == "partner":
            text = f"phối hợp với {value}"
            if leads:
                for a in leads:
                    add(a, section, [], [text])
            else:
                waiting.append(text)
            continue
        # 'Sở X chủ trì ...; Sở Y và các sở, ban, ngành chủ động ...': each clause's subjects
        leads = []
        for clause in _SEMICOLON.split(value):
            leads += [
                a
                for a in _agency_list(clause, subjects=True)
                if a.name not in {x.name for x in leads}
            ]
        duties = _duty_blocks(tasks) or [task]
        # partners: the fields', and those the task itself says to work with ('Phối hợp với
        # Bộ Công an trong ...' in the task's text)
        for a in leads:
            add(a, section, duties, [value, *waiting, *(d.text for d in duties)])
        waiting = []
    return used


def _mend_fields(blocks: list[Block]) -> tuple[list[Block], set[int]]:
    """A field, or a bullet of names, whose last agency name was cut by a line taken for a
    bullet ('Cơ quan chủ trì: Đài Phát thanh' / '- Truyền hình Gia Lai, Báo Gia Lai'; '- Báo
    Bình Thuận, Đài Phát thanh' / '- Truyền hình Bình Thuận: ...'): the line goes back.
    Returns the mended blocks (same length) and the indices of lines taken back."""
    out = list(blocks)
    taken: set[int] = set()
    for i in range(1, len(out)):
        prev, b = out[i - 1], out[i]
        f = _field(prev.text)
        if (
            f is None
            and prev.kind == "bullet"
            and b.kind == "bullet"
            and _title_is_agencies(prev.text)
        ):
            f = ("lead", prev.text)  # '- Báo Bình Thuận, Đài Phát thanh' / '- Truyền hình ...:'
        if f is None or _field(b.text) is not None or not f[1] or _ENDS_STOP.search(prev.text):
            continue
        last = _agency_list(f[1])
        if not last:
            continue
        start = len(prev.text) - len(f[1]) + last[-1].start
        for glue in (" - ", " "):
            joined = prev.text + glue + b.text
            m = match_at(joined, start)
            if m is not None and m.end > len(prev.text) + len(glue):
                out[i - 1] = Block(prev.kind, joined, prev.line_start, b.line_end)
                taken.add(i)
                break
    return out, taken


def _body_addressees(node: Node, blocks: list[Block], plan: _Plan, kind: str | None) -> None:
    """Paragraphs and bullets that open with the agencies they address, name them after
    'yêu cầu' / 'đề nghị', or fill a 'Cơ quan thực hiện:' field."""
    verbs = kind in DUTY_KINDS
    task = Block("paragraph", node.heading, node.line_start, node.line_end)
    blocks, merged = _mend_fields(blocks)
    fields = _fields(blocks, _fields_section(node, plan), task, plan.add, merged)
    for i, b in enumerate(blocks):
        if i in fields or _continues(blocks, i):
            continue
        if _CLOSING.match(b.text):
            # 'Trên đây là Kế hoạch ..., yêu cầu các sở ...' closes the whole top section.
            top = plan.tops.get(id(node), node)
            for a in addressed(b.text):
                plan.add(a, top.path, [b], [])
            continue
        # The run-on of a reflowed heading may carry on its sentence ('... đề xuất gửi' / 'Sở
        # X tổng hợp ...'): only a colon or a leading 'chủ trì' makes it an addressee there.
        run_on = i == 0 and _runs_on(node, b)
        heads = (
            addressees(b.text, verbs and not run_on)
            or _learned_subject(b.text, plan)
            or _after_label(b.text, verbs and not run_on)
            or (_after_purpose(b.text) if verbs and not run_on else [])
        )
        if heads and _REQUEST.match(b.text):
            # 'Yêu cầu các sở ... triển khai thực hiện; đề nghị Ủy ban MTTQ ... phối hợp':
            # each body the request names, as in a closing 'Trên đây là ...' (a crawl parts
            # that sentence from it)
            _extend_new(heads, addressed(b.text))
        if not heads and b.kind in ("paragraph", "bullet"):
            # the rest of a reflowed heading's sentence has no subject of its own, but a later
            # sentence may ('... theo chức năng ... . Chủ tịch UBND các cấp chịu trách nhiệm')
            # (a text with no headings, a news summary a crawl ran into one paragraph, is read
            # as its paragraphs would be: a sentence opening with an agency and its duty)
            news = node.path == "0"
            heads = sentence_subjects(b.text) if run_on or news else mid_sentence(b.text, kind)
            owner = plan.under_agency.get(id(node))
            if not heads and verbs and owner is None and not leading_agencies(node.title)[1]:
                # (under an agency, a bracket names whom it works with or reports to)
                heads = bracketed_leads(b.text)
            if owner is not None:  # the block's own agency, named again, is no new addressee
                heads = [a for a in heads if a.name not in {h.name for h in owner[1]}]
        if not heads:
            continue
        if _is_lead_in(b) and (node.children or i + 1 < len(blocks)):
            # 'Sở X chủ trì, phối hợp với ... thực hiện:' leads what follows it.
            following = blocks[i + 1 :]
            stop = next(
                (
                    j
                    for j, f in enumerate(following)
                    if addressees(f.text, verbs) or _CLOSING.match(f.text)  # 'Trên đây là ...'
                ),
                len(following),
            )
            duties = _duty_blocks(following[:stop]) + [_as_block(c) for c in node.children]
            texts = [b.text] + [f.text for f in following[:stop]]
        else:
            duties, texts = [b], [b.text]
        for a in heads:
            plan.add(a, node.path, duties, texts)


_BRACKET = regex.compile(r"\(([^()]{3,200})\)")


def bracketed_leads(text: str) -> list[AgencyMatch]:
    """Who does an item, in brackets at its end, as a programme or a task list prints it:
    '(1) Tổ chức Hội nghị ... (Văn phòng Tỉnh ủy chủ trì, phối hợp với Công an tỉnh).',
    'Ổn định tổ chức (Văn phòng UBND tỉnh, Công an tỉnh).'"""
    out: list[AgencyMatch] = []
    for m in _BRACKET.finditer(text):
        after = text[m.end() : m.end() + 2].lstrip()
        if after[:1] not in ("", ".", ";", ":"):
            continue  # a name's note inside a sentence ('Trung tâm X (Sở Y), ...')
        inner = m.group(1)
        end, found = leading_agencies(inner)
        if not found or (inner[end:].strip(" ,.;") and opens_duty(inner[end:]) != "stop"):
            continue
        _extend_new(out, [a for a in found if a.name not in ISSUERS])
    return out


_LABEL = regex.compile(r"^[^:;.]{3,60}:\s*(?=\p{Lu})")


_PURPOSE = regex.compile(r"\s*(?:Để|Nhằm)\s", regex.IGNORECASE)
_CLAUSE_END = regex.compile(r"[,;]\s*")


def _after_purpose(text: str) -> list[AgencyMatch]:
    """'Để thực hiện được mục tiêu trên, các cơ quan thành viên Ban ATGT tỉnh, Ban ATGT các
    huyện cần tập trung thực hiện tốt các nhóm nhiệm vụ sau:': the bodies the sentence's
    main clause, after its purpose, sets to work (the issuer that adopts the plan is none)."""
    if not _PURPOSE.match(text):
        return []
    sentence = text.split(". ", 1)[0]
    lead_in = sentence.rstrip().endswith(":")
    for m in _CLAUSE_END.finditer(sentence):
        rest = sentence[m.end() :]
        found = addressees(rest, verbs=True)
        if not found and lead_in:
            # a lead-in to the tasks that follow names its bodies whatever their list's
            # tail ('Ban ATGT các huyện, thành phố Long Khánh và thành phố Biên Hòa cần ...')
            found = [a for a in leading_agencies(rest)[1] if a.name not in ISSUERS]
        if found:
            return found
    return []


def _after_label(text: str, verbs: bool) -> list[AgencyMatch]:
    """'Công tác tuyên truyền, giáo dục: Các Sở, ban, ngành phối hợp với ...': a topic label
    before the addressees."""
    m = _LABEL.match(text)
    if not m or leading_agencies(text)[1]:
        return []
    return addressees(text[m.end() :], verbs)


_UNFINISHED = regex.compile(r"[\p{L}\d,]\s*$")


def _continues(blocks: list[Block], i: int) -> bool:
    """A paragraph after a line that stops without a full stop carries on its sentence:
    its first words are not the sentence's subject."""
    return i > 0 and blocks[i].kind == "paragraph" and bool(_UNFINISHED.search(blocks[i - 1].text))


def _runs_on(node: Node, b: Block) -> bool:
    """The block is the rest of the node's heading line (a reflowed crawl)."""
    title = node.heading[: len(node.heading) - len(b.text)]
    if title.isupper() and b.text[:1].isupper():
        return False  # 'NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM Các Sở, ngành ...': a new sentence
    return (
        node.heading != b.text and node.heading.endswith(b.text) and bool(_UNFINISHED.search(title))
    )


def _table_group(node: Node, add: Add) -> None:
    """A group of table rows under an agency ('II | Sở Công thương') is its assignment."""
    if not node.children or not _title_is_agencies(node.title):
        return
    if any(c.children and _title_is_agencies(c.title) for c in node.children):
        return  # 'A | CÁC SỞ NGÀNH CỦA TỈNH' over 'I | Sở X', 'II | Sở Y': a heading of groups
    if all(_names_a_unit(c.title) for c in node.children):
        return  # 'II | Ủy ban nhân dân cấp xã' over '1 | Phường Bắc Gia Nghĩa': units, not duties
    _, heads = leading_agencies(node.title)
    rows = [Block("row", c.title, c.line_start, c.line_end) for c in node.children]
    for a in heads:
        if a.name not in ISSUERS:
            add(a, node.path, rows, [])


_LOCAL_UNIT = regex.compile(r"(?i:" + LOCAL_UNITS + r")\s+[\p{Lu}\d]")


def _names_a_unit(title: str) -> bool:
    """A row that names a body or a commune, not a task ('Sở Y tế', 'Phường Bắc Gia Nghĩa')."""
    return bool(_LOCAL_UNIT.match(title)) or _title_is_agencies(title)


def _task_tables(root: Node, add: Add) -> None:
    """Tables with a lead-agency column: each agency there leads the rows it is named in,
    at the row group's path (or the table's); the coordinating column gives partners, as
    written (a group named in both columns partners itself: the group's other members)."""
    for row, group, header in table_rows(root):
        roles = column_roles(header)
        if "lead" not in roles:
            continue
        for cells, line in continued_rows(row):
            lead = cells[roles["lead"]] if roles["lead"] < len(cells) else ""
            partner = (
                cells[roles["partner"]]
                if "partner" in roles and roles["partner"] < len(cells)
                else ""
            )
            duty = Block("row", row.title, line.line_start, line.line_end)
            # each ';' item of the cell on its own: a word that names no body ('Viện,
            # Trường; Sở, ban, ngành có liên quan') does not end the cell's list
            texts = [f"phối hợp với {item.strip()}." for item in partner.split(";") if item.strip()]
            for a in _agency_list(lead, lead=True):
                add(a, group.path, [duty], texts, keep_self=True)


def _agency_list(cell: str, subjects: bool = False, lead: bool = False) -> list[AgencyMatch]:
    """Every agency named in a table cell or a field ('Sở NN&PTNT; UBND các huyện'); with
    `subjects`, those before the clause's verb ('Sở X và cơ quan báo chí chủ động ...'); in a
    lead column, 'địa phương' after other bodies is the local authorities ('Các sở, ban,
    ngành, địa phương')."""
    out: list[AgencyMatch] = []
    pos = 0
    stops = gazetteer().stops
    while pos < len(cell):
        if subjects and out and opens_duty(cell[pos:]) == "stop" and cell[pos : pos + 1].isalpha():
            words = key(cell[pos:]).split(" ")
            if words[0] in stops or " ".join(words[:2]) in stops:
                break
        listed_end, listed = departments_at(cell, pos)
        if listed:  # 'Các Sở: Thông tin và Truyền thông, Tư pháp'
            _extend_new(out, [a for a in listed if a.name not in ISSUERS])
            pos = listed_end
            continue
        m = match_at(cell, pos)
        if m is None and lead and out:
            m = local_authorities_at(cell, pos)
        levels = level_bodies(cell, m) if m is not None else []
        if levels:  # 'Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã'
            _extend_new(out, levels)
            pos = levels[-1].end
            continue
        if m is not None:
            if (
                m.name not in ISSUERS
                and comma_blind(m.as_written) not in _vague()
                and m.name not in {o.name for o in out}
            ):
                out.append(m)
            pos = m.end
            continue
        nxt = _NEXT_NAME.search(cell, pos)
        if not nxt:
            break
        pos = nxt.end()
    return out


@cache
def _subject_only_words() -> frozenset[str]:
    return frozenset(key(w) for ws in load("agencies")["subject_only"].values() for w in ws)


_DISTRICTS = regex.compile(r"(?<!\w)(?:huyện|quận|thị xã)(?!\w)")
_COMMUNES = regex.compile(r"(?<!\w)(?:cấp xã|xã, phường|phường, xã|đặc khu)(?!\w)")


def _local_level(root: Node) -> str:
    """What 'các địa phương' means in this plan: the district level where the plan names
    districts; the communes where it names only communes (no districts after 1 July 2025);
    else the district level, the usual addressee before 2025."""
    # One text of all headings and bodies, a line each (no word above spans a line break),
    # in lower case: no word above holds a tone the key would move.
    k = "\n".join(t for n in root.walk() for t in (n.heading, *(b.text for b in n.body))).lower()
    if not _DISTRICTS.search(k) and _COMMUNES.search(k):
        return "Ủy ban nhân dân cấp xã"
    return "Ủy ban nhân dân cấp huyện"


_LETTER_ITEM = regex.compile(r"\.[a-zđ]$")


def _own_items(found: list[FoundAssignment]) -> list[FoundAssignment]:
    """A lettered item that names its block's own addressee again ('17. Ủy ban nhân dân các
    xã, phường' ... 'c) Chủ tịch Ủy ban nhân dân xã, phường chỉ đạo ...') is one of the
    block's duties, not a block of its own (FORMAT.md: one entry per agency heading a
    block)."""
    at = {(a.agency, a.section) for a in found}
    return [
        a
        for a in found
        if not (_LETTER_ITEM.search(a.section) and (a.agency, a.section.rsplit(".", 1)[0]) in at)
    ]


def _tidy(found: list[FoundAssignment]) -> list[FoundAssignment]:
    """One body written with and without its province ('Ban Quản lý các Khu công nghiệp
    tỉnh' / '... tỉnh Lào Cai') keeps the shorter name throughout the plan."""
    names = {a.agency for a in found} | {p for a in found for p in a.partners}
    rename = {n: s for n in names if (s := strip_place(n)) != n and s in names}
    if not rename:
        return found
    merged: dict[tuple[str, str], FoundAssignment] = {}
    for a in found:
        name = rename.get(a.agency, a.agency)
        ps = [rename.get(p, p) for p in a.partners]
        m = merged.get((name, a.section))
        if m is None:
            merged[(name, a.section)] = FoundAssignment(
                name, a.as_written, a.section, list(a.duties), list(dict.fromkeys(ps))
            )
        else:
            m.duties += [d for d in a.duties if d not in m.duties]
            m.partners += [p for p in ps if p not in m.partners]
    return list(merged.values())
