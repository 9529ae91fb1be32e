"""Assignments: which agency is told to do what, with whom (partners), per section.

An agency is the addressee of a block when it heads the block ('1. Sở Tài chính',
'b) Sở Y tế: ...'), opens one of its paragraphs or bullets ('- Sở Y tế: ...',
'Yêu cầu các sở, ban, ngành ... báo cáo'), or leads it ('Sở X chủ trì, phối hợp với ...
thực hiện:' over lettered items), or heads a group of rows in an appendix table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import AgencyMatch, leading_agencies, lkey, match_at
from kehoach.structure.outline import Block, Node
from kehoach.structure.tables import column_roles, row_cells, table_rows
from kehoach.structure.titles import starts_with_stop
from kehoach.text import key

ISSUERS = frozenset(("Ủy ban nhân dân tỉnh",))


@dataclass
class FoundAssignment:
    agency: str
    as_written: str
    section: str
    duties: list[Block] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)


_LEAD_IN = regex.compile(r":\s*$")
_LEAD_LABEL = regex.compile(
    r"^(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện(?:\s+chính)?)\s*:\s*(.+)$", regex.I
)
_PARTNER_LABEL = regex.compile(r"^(?:cơ quan|đơn vị)\s+phối hợp\s*:\s*(.+)$", regex.I)
_PHOI_HOP = regex.compile(
    r"(?<!\w)(?:phối hợp|cơ quan phối hợp\s*:)(?:\s+chặt chẽ)?(?:\s+với)?\s*", regex.IGNORECASE
)
_FILLER = regex.compile(
    r"\s*(?:[,;]|và|cùng|các|cơ quan|đơn vị|có liên quan|liên quan|địa phương|doanh nghiệp|hiệp hội|"
    r"cá nhân|chặt chẽ|với|của tỉnh|tỉnh|trên địa bàn|chính quyền|các cấp)(?!\w)",
    regex.IGNORECASE,
)


def _vague() -> frozenset[str]:
    return frozenset(key(v) for v in load("agencies")["vague"])


def addressees(text: str) -> list[AgencyMatch]:
    """Agencies a line opens with, when a duty or a colon follows them."""
    end, found = leading_agencies(text)
    if not found:
        return []
    after = text[end:].lstrip()
    if after and after[0] not in ":;.(-–" and not starts_with_stop(after):
        return []
    return [a for a in found if a.name not in ISSUERS]


_SUBJECT_VERBS = regex.compile(
    r"\s*(?:chủ động|căn cứ|có trách nhiệm|định kỳ)(?!\w)", regex.IGNORECASE
)
_CLAUSE_START = regex.compile(r",\s+(?=\p{L})")


def clause_subjects(text: str) -> list[AgencyMatch]:
    """Agencies that are the subject of a later clause: '..., các sở, ban, ngành, UBND các
    huyện, thành phố và cơ quan, đơn vị liên quan chủ động đề xuất ...'."""
    for m in _CLAUSE_START.finditer(text):
        before = text[: m.start()]
        if match_at(before, max(0, len(before) - 60)) or regex.search(
            r"(?:với|cho|của|giao|chỉ đạo)\s*$", before
        ):
            continue
        end, found = leading_agencies(text[m.end() :])
        if not found:
            continue
        rest = text[m.end() + end :]
        tail = regex.sub(
            r"^(?:\s*(?:,|và)?\s*(?:các\s+)?(?:cơ quan|đơn vị|liên quan|có liên quan))+", "", rest
        )
        if _SUBJECT_VERBS.match(tail):
            return found
    return []


def partners(text: str, exclude: set[str]) -> list[str]:
    """Canonical names after 'phối hợp (với)': agencies, not vague phrases or private parties."""
    out: list[str] = []
    vague = _vague()
    for m in _PHOI_HOP.finditer(text):
        pos = m.end()
        limit = min(len(text), pos + 300)
        while pos < limit:
            while pos < limit and text[pos].isspace():
                pos += 1
            am = match_at(text, pos)
            if am is not None:
                if (
                    am.name not in exclude
                    and key(am.as_written) not in vague
                    and am.name not in out
                ):
                    out.append(am.name)
                pos = am.end
                continue
            fm = _FILLER.match(lkey(text), pos)
            if fm and fm.end() > pos:
                pos = fm.end()
                continue
            break
    return out


def _is_lead_in(block: Block) -> bool:
    return bool(_LEAD_IN.search(block.text)) and len(block.text.split()) < 30


def _duty_blocks(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind in ("paragraph", "bullet") and not _is_lead_in(b)]


def extract(root: Node) -> list[FoundAssignment]:
    found: dict[tuple[str, str], FoundAssignment] = {}

    def add(agency: AgencyMatch, section: str, duties: list[Block], texts: list[str]) -> None:
        k = (agency.name, section)
        a = found.get(k)
        if a is None:
            a = found[k] = FoundAssignment(agency.name, agency.as_written.strip(), section)
        a.duties += [d for d in duties if d not in a.duties]
        for p in partners(" ".join(texts), {agency.name}):
            if p not in a.partners:
                a.partners.append(p)

    _task_tables(root, add)
    kinds: dict[int, str | None] = {}

    def inherit(node: Node, kind: str | None) -> None:
        for child in node.children:
            k = child.kind or kind
            kinds[id(child)] = k
            inherit(child, k)

    inherit(root, None)
    for node in root.walk():
        if node is root or node.style == "appendix":
            continue
        mid_sentence = kinds.get(id(node)) in ("implementation", "reporting")
        if node.style == "row":
            _table_group(node, add)
            continue
        heads = addressees(node.title) if _title_is_agencies(node.title) else []
        if heads:
            duties = _duty_blocks(node.body) + [_as_block(c) for c in node.children]
            texts = [node.heading] + [b.text for b in node.body]
            for a in heads:
                add(a, node.path, duties, texts)
            continue
        if mid_sentence and node.heading:
            subjects = clause_subjects(node.heading)
            for a in subjects:
                add(
                    a,
                    node.path,
                    [Block("paragraph", node.heading, node.line_start, node.line_end)],
                    [node.heading],
                )
        _body_addressees(node, add, mid_sentence)
    return list(found.values())


def _title_is_agencies(title: str) -> bool:
    """The title is a list of agencies, perhaps with a note ('Sở X (cơ quan thường trực)')."""
    bare = regex.sub(r"\s*\([^()]*\)\s*$", "", title).rstrip(" .:;")
    end, found = leading_agencies(bare)
    return bool(found) and end >= len(bare) - 1


def _as_block(child: Node) -> Block:
    return Block("paragraph", child.heading, child.line_start, child.line_end)


def _body_addressees(node: Node, add, mid_sentence: bool) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs and bullets that open with the agencies they address."""
    blocks = node.body
    coordinating = " ".join(
        f"phối hợp với {m.group(1)}" for b in blocks if (m := _PARTNER_LABEL.match(b.text))
    )
    for b in blocks:
        lm = _LEAD_LABEL.match(b.text)
        if lm:
            # 'Cơ quan thực hiện: X' / 'Cơ quan phối hợp: Y, Z'
            for a in _agency_list(lm.group(1)):
                task = Block("paragraph", node.heading, node.line_start, node.line_end)
                add(a, node.path, [task], [coordinating])
    for i, b in enumerate(blocks):
        if _LEAD_LABEL.match(b.text) or _PARTNER_LABEL.match(b.text):
            continue
        heads = addressees(b.text)
        if not heads and b.kind == "paragraph" and mid_sentence:
            # In Tổ chức thực hiện, groups addressed mid-sentence are addressees too.
            heads = clause_subjects(b.text)
        if not heads:
            continue
        if _is_lead_in(b) and (node.children or i + 1 < len(blocks)):
            # 'Sở X chủ trì, phối hợp với ... thực hiện:' leads what follows it.
            following = blocks[i + 1 :]
            stop = next((j for j, f in enumerate(following) if addressees(f.text)), len(following))
            duties = _duty_blocks(following[:stop]) + [_as_block(c) for c in node.children]
            texts = [b.text] + [f.text for f in following[:stop]]
        else:
            duties, texts = [b], [b.text]
        for a in heads:
            add(a, node.path, duties, texts)


def _table_group(node: Node, add) -> None:  # type: ignore[no-untyped-def]
    """A group of table rows under an agency ('II | Sở Công thương') is its assignment."""
    if not node.children or not _title_is_agencies(node.title):
        return
    _, heads = leading_agencies(node.title)
    rows = [Block("row", c.title, c.line_start, c.line_end) for c in node.children]
    for a in heads:
        add(a, node.path, rows, [])


def _task_tables(root: Node, add) -> None:  # type: ignore[no-untyped-def]
    """Tables with a lead-agency column: each agency there leads the rows it is named in,
    at the row group's path (or the table's); the coordinating column gives partners."""
    for row, group, header in table_rows(root):
        roles = column_roles(header)
        if "lead" not in roles:
            continue
        cells = row_cells(row)
        lead = cells[roles["lead"]] if roles["lead"] < len(cells) else ""
        partner = (
            cells[roles["partner"]] if "partner" in roles and roles["partner"] < len(cells) else ""
        )
        duty = Block("row", row.title, row.line_start, row.line_end)
        for a in _agency_list(lead):
            add(a, group.path, [duty], [f"phối hợp với {partner}"] if partner else [])


def _agency_list(cell: str) -> list[AgencyMatch]:
    """Every agency named in a table cell ('Sở NN&PTNT; UBND các huyện')."""
    out: list[AgencyMatch] = []
    pos = 0
    while pos < len(cell):
        m = match_at(cell, pos)
        if m is not None:
            if m.name not in ISSUERS and key(m.as_written) not in _vague():
                out.append(m)
            pos = m.end
            continue
        nxt = regex.search(r"[,;]\s*|\s+và\s+|\s+", cell[pos:])
        if not nxt:
            break
        pos += nxt.end()
    return out
