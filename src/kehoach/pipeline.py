"""The whole parse: text -> lines -> layout -> title block + tree -> facts -> Plan.

Each stage lives in its own module; this one only wires them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from pydantic import BaseModel

from kehoach.errors import InputError
from kehoach.facts import references as refs
from kehoach.facts.agencies import (
    city_body,
    commune_body,
    of_central_city,
    unknown_agency_like,
)
from kehoach.facts.assignments import extract as extract_assignments
from kehoach.facts.deadlines import extract as extract_deadlines
from kehoach.facts.targets import extract as extract_targets
from kehoach.locate import Index, index, locate
from kehoach.model import (
    Assignment,
    Block,
    Deadline,
    Duty,
    Metadata,
    Plan,
    Reference,
    Section,
    Source,
    Span,
    Target,
    Trimmed,
)
from kehoach.quality import assess
from kehoach.read.load import Loaded
from kehoach.structure.lines import Line, is_paged, join, split_lines
from kehoach.structure.logical import logical_lines
from kehoach.structure.metadata import Head, read_head
from kehoach.structure.outline import Block as RawBlock
from kehoach.structure.outline import Node, build
from kehoach.structure.tables import appendix_nodes, body_tables
from kehoach.structure.trim import Layout, Range, cut_short, layout


@dataclass
class Structure:
    """What the structural stages produce; the fact extractors read it."""

    lines: list[Line]
    layout: Layout
    head: Head
    root: Node
    preamble: list[RawBlock]
    footnotes: list[RawBlock]
    physical: list[Line]  # the decoded text's lines, before any joining


def read_structure(doc: Loaded) -> Structure:
    """Stages up to the section tree: lines, layout, title block, tree with appendices."""
    physical = split_lines(doc.text)
    lines = logical_lines(physical)
    lay = layout(lines)
    head = read_head(lines, lay)
    skip = {i for s in lay.signatures for i in range(s.start, s.end)}
    body: list[Line] = []
    for i in range(head.body_start, lay.body_end):
        if i in skip:
            continue
        line = lines[i]
        if i == head.body_start and head.body_offset:
            line = line.tail(head.body_offset)
        body.append(line)
    root, preamble, footnotes = build(body, cut_short=cut_short(lay, body))
    body_tables(root, body)
    for k, app in enumerate(lay.appendices, start=1):
        root.children.append(appendix_nodes(lines, app.start, app.end, k))
    return Structure(lines, lay, head, root, preamble, footnotes, physical)


def parse(doc: Loaded) -> Plan:
    """The plan in a decoded text; InputError when the text holds none."""
    st = read_structure(doc)
    lines, lay, head, root, preamble = st.lines, st.layout, st.head, st.root, st.preamble
    if not lay.has_title_block and root.children[0].style == "none" and not head.doc_type:
        # no title block, no numbered heading, no plan named ('ban hành Kế hoạch ...')
        raise InputError(
            f"{doc.path}: no plan in this text (no title block, no numbered headings, "
            "no plan named in it)"
        )
    sections = [_section(n) for n in root.children]

    title_block = _title_block(st)
    chunks: list[tuple[str, int, int]] = []
    if head.title and title_block is not None:
        chunks.append((head.title, title_block.line_start, title_block.line_end))
    chunks += [(b.text, b.line_start, b.line_end) for b in preamble]
    for node in root.walk():
        if node is not root:
            chunks.append((node.heading, node.line_start, node.line_start))
            chunks += [(b.text, b.line_start, b.line_end) for b in node.body]
    chunks += [(_joined(lines, f), lines[f.start].no, lines[f.end - 1].end) for f in lay.footnotes]
    chunks += [(b.text, b.line_start, b.line_end) for b in st.footnotes]
    # pdftotext's pages open with a form feed; it drops a hyphen at a line's end
    pdftotext = is_paged(st.physical)
    cited = refs.collect(chunks, head.number, pdftotext)
    plan_year = int(head.issued_date[:4]) if head.issued_date else None
    targets = [Target(**_spanned(t)) for t in extract_targets(root, plan_year)]
    commune = commune_body(head.issuer)
    named = city_body if of_central_city(head.issuer) else commune or _same
    assignments = _merged(
        [
            Assignment(
                **{
                    **_spanned(a),
                    "agency": commune(a.agency, a.as_written) if commune else named(a.agency),
                    "partners": list(dict.fromkeys(named(p) for p in a.partners)),
                    "duties": [Duty(**_spanned(d, drop=("kind",))) for d in a.duties],
                }
            )
            for a in extract_assignments(root)
        ]
    )
    deadlines = [
        Deadline(**{**_spanned(d), "to": d.to and named(d.to)}) for d in extract_deadlines(root)
    ]
    implements = refs.implements([b.text for b in preamble], head.title, pdftotext)

    warnings = list(head.warnings)
    if lay.truncated:
        warnings.append(
            f"text is cut short at line {lines[lay.body_end].no}: later sections are missing"
        )
    if not lay.signatures and lay.has_title_block and not lay.truncated:
        warnings.append("no signature block found")
    metadata = Metadata(
        doc_type=head.doc_type,
        number=head.number,
        issuer=head.issuer,
        place=head.place,
        issued_date=head.issued_date,
        signer=head.signer,
        title=head.title,
        implements=implements,
    )
    warnings += doc.warnings
    plan = Plan(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            encoding=doc.encoding,
            lines=lines[-1].end if lines else 0,
            pages=doc.pages,
        ),
        metadata=metadata,
        sections=sections,
        targets=targets,
        assignments=assignments,
        deadlines=deadlines,
        references=[Reference(**_spanned(c, drop=("start", "end", "type_start"))) for c in cited],
        preamble=[_block(b) for b in preamble],
        trimmed=[
            Trimmed(line_start=lines[t.start].no, line_end=lines[t.end - 1].end, reason=t.reason)
            for t in lay.trimmed
        ],
        title_block=title_block,
        signatures=[
            Span(line_start=lines[s.start].no, line_end=lines[s.end - 1].end)
            for s in lay.signatures
        ],
        footnotes=[
            Block(
                kind="paragraph",
                text=_joined(lines, f),
                span=_span(lines[f.start].no, lines[f.end - 1].end),
            )
            for f in lay.footnotes
        ]
        + [_block(b) for b in st.footnotes],
        warnings=warnings,
    )
    _place_quotes(plan, index(st.physical))
    blank = ["number"] if head.number_seen and not head.number else []
    blank += ["issued_date"] if head.place and not head.issued_date else []
    texts = [
        t for n in root.walk() if n is not root for t in (n.heading, *(b.text for b in n.body))
    ]
    plan.quality = assess(plan, st.physical, unknown_agency_like(texts), blank)
    if plan.quality.unplaced:
        where = ", ".join(
            f"{s.line_start}" if s.line_start == s.line_end else f"{s.line_start}-{s.line_end}"
            for s in plan.quality.unplaced[:5]
        )
        more = " ..." if len(plan.quality.unplaced) > 5 else ""
        plan.warnings.append(f"lines placed in no part of the plan: {where}{more}")
    if doc.line_pages:
        _add_pages(plan, doc.line_pages)
    return plan


def _place_quotes(plan: Plan, ix: Index) -> None:
    """Every quoted fact spans exactly the lines that hold its quote."""

    def place(quote: str, span: Span) -> Span:
        found = locate(ix, quote, span.line_start, span.line_end)
        return span if found is None else _span(*found)

    for t in plan.targets:
        t.span = place(t.quote, t.span)
    for d in plan.deadlines:
        d.span = place(d.quote, d.span)
    for r in plan.references:
        r.span = place(r.quote, r.span)
    for a in plan.assignments:
        for duty in a.duties:
            duty.span = place(duty.text, duty.span)


def _title_block(st: Structure) -> Span | None:
    """Lines of the title block: from its first line to the line where the body starts."""
    lines, lay, head = st.lines, st.layout, st.head
    if not lay.has_title_block or lay.head_start >= len(lines):
        return None
    first = lines[lay.head_start]
    if head.body_start > lay.head_start:
        last = lines[min(head.body_start, len(lines)) - 1].end
    else:
        last = first.line_at(head.body_offset)
    return _span(first.no, max(first.no, last))


def _joined(lines: list[Line], r: Range) -> str:
    """A footnote's text, wrapped over several lines in PDF text."""
    return join(lines[r.start : r.end]).text


def _span(start: int, end: int) -> Span:
    return Span(line_start=start, line_end=end)


def _add_pages(obj: BaseModel, pages: tuple[int, ...]) -> None:
    """Every span gets the page its first line came from (files with pages only)."""
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Span):
                if 1 <= item.line_start <= len(pages):
                    item.page = pages[item.line_start - 1]
            elif isinstance(item, BaseModel):
                _add_pages(item, pages)


def _same(name: str) -> str:
    return name


def _merged(assignments: list[Assignment]) -> list[Assignment]:
    """One entry per agency and section: a commune's plan may write its own body with and
    without the commune's name in one block ('Ban Thường trực Ủy ban MTTQ xã', '... xã
    Lương Minh'), one body once renamed."""
    seen: dict[tuple[str, str], Assignment] = {}
    out: list[Assignment] = []
    for a in assignments:
        first = seen.get((a.agency, a.section))
        if first is None:
            seen[(a.agency, a.section)] = a
            out.append(a)
            continue
        first.duties += [d for d in a.duties if d not in first.duties]
        first.partners += [p for p in a.partners if p not in first.partners]
    return out


def _spanned(found: Any, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A stage's dataclass as model fields: its line range becomes a `span`."""
    data = {f.name: getattr(found, f.name) for f in fields(found) if f.name not in drop}
    start, end = data.pop("line_start", None), data.pop("line_end", None)
    if start is not None:
        data["span"] = Span(line_start=start, line_end=end)
    return data


def _block(b: RawBlock) -> Block:
    return Block(**_spanned(b))


def _section(n: Node) -> Section:
    return Section(
        path=n.path,
        label=n.label,
        title=n.title,
        kind=n.kind,
        style=n.style,
        heading=n.heading,
        span=Span(line_start=n.line_start, line_end=n.line_end),
        body=[_block(b) for b in n.body],
        children=[_section(c) for c in n.children],
    )
