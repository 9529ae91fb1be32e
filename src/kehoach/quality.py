"""Self-check of one parse: did every line land somewhere, is the outline in sequence, is
the title block complete? A user with hundreds of plans reads `quality.review` to pick
the few that need a person's eyes; nothing here changes the facts.
"""

from __future__ import annotations

from collections import Counter

from kehoach.model import Plan, Quality, Section, Span
from kehoach.structure.lines import Line
from kehoach.structure.outline import roman_value

TITLE_FIELDS = ("doc_type", "number", "issuer", "place", "issued_date", "signer", "title")
# Fields a reader needs to cite the plan; their absence is worth a review.
_CORE_FIELDS = ("number", "issuer", "issued_date", "title")


def assess(
    plan: Plan, lines: list[Line], unknown_agencies: list[str], blank: list[str] | None = None
) -> Quality:
    """`lines` are the physical lines of the decoded text (before any joining)."""
    counted = [ln.no for ln in lines if ln.text.strip("| ")]  # a lone '|' is layout
    placed = _placed(plan)
    unplaced = [no for no in counted if no not in placed]
    body = _body_lines(plan)
    in_sections = {no for s in plan.sections for no in _range(s.span)}
    body_counted = [no for no in counted if no in body]
    metadata = plan.metadata.model_dump()
    missing = [f for f in TITLE_FIELDS if not metadata.get(f)]
    q = Quality(
        lines_accounted=_share(len(counted) - len(unplaced), len(counted)),
        unplaced=_spans(unplaced),
        body_lines_in_sections=_share(
            sum(1 for no in body_counted if no in in_sections), len(body_counted)
        ),
        outline_in_sequence=outline_in_sequence(plan.sections),
        title_fields=len(TITLE_FIELDS) - len(missing),
        title_fields_missing=missing,
        title_fields_blank=blank or [],
        facts_by_kind=_facts_by_kind(plan),
        unknown_agency_like=unknown_agencies,
    )
    q.review = _review(plan, q)
    return q


def _range(span: Span) -> range:
    return range(span.line_start, span.line_end + 1)


def _placed(plan: Plan) -> set[int]:
    spans: list[Span] = [s.span for s in plan.sections]
    spans += [b.span for b in plan.preamble] + [b.span for b in plan.footnotes]
    spans += plan.signatures
    spans += [Span(line_start=t.line_start, line_end=t.line_end) for t in plan.trimmed]
    if plan.title_block is not None:
        spans.append(plan.title_block)
    return {no for span in spans for no in _range(span)}


def _body_lines(plan: Plan) -> set[int]:
    spans = [b.span for b in plan.preamble] + [s.span for s in plan.sections]
    return {no for span in spans for no in _range(span)}


def _spans(numbers: list[int]) -> list[Span]:
    """Consecutive line numbers as spans: [3, 4, 5, 9] -> 3-5, 9-9."""
    out: list[Span] = []
    for no in numbers:
        if out and out[-1].line_end == no - 1:
            out[-1].line_end = no
        else:
            out.append(Span(line_start=no, line_end=no))
    return out


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def outline_in_sequence(sections: list[Section]) -> bool:
    """Top-level numbers go 1, 2, 3 ... (a number printed twice is the document's own);
    a plan split into parts (A., B.) restarts its Roman numbers in each part."""
    body = [s for s in sections if s.kind != "appendix" and s.style != "appendix"]
    if not body or body[0].style == "none":
        return False
    if all(s.style in ("part", "upper_letter") for s in body):
        return _in_sequence(body) and all(
            _in_sequence([c for c in s.children if c.style == "roman"]) for s in body
        )
    return _in_sequence(body)


def _number(s: Section) -> int | None:
    if s.style == "roman":
        return roman_value(s.label)
    if s.style == "upper_letter":
        return ord(s.label) - ord("A") + 1
    return int(s.label) if s.label.isdigit() else None


def _in_sequence(sections: list[Section]) -> bool:
    prev = 0
    for s in sections:
        n = _number(s)
        if n is None or n not in (prev, prev + 1):
            return False
        prev = n
    return True


def _facts_by_kind(plan: Plan) -> dict[str, dict[str, int]]:
    kind_of = {s.path: s.kind or "other" for s in plan.sections}
    counts: dict[str, Counter[str]] = {}

    def add(section: str, what: str) -> None:
        top = section.split(".")[0]
        kind = kind_of.get(top, "other")
        counts.setdefault(kind, Counter())[what] += 1

    for t in plan.targets:
        add(t.section, "targets")
    for a in plan.assignments:
        add(a.section, "assignments")
    for d in plan.deadlines:
        add(d.section, "deadlines")
    return {k: dict(sorted(c.items())) for k, c in sorted(counts.items())}


def _review(plan: Plan, q: Quality) -> list[str]:
    out: list[str] = []
    if q.unplaced:
        n = sum(s.line_end - s.line_start + 1 for s in q.unplaced)
        out.append(f"{n} line(s) placed nowhere")
    if not plan.sections or plan.sections[0].style == "none":
        out.append("no numbered headings found")
    elif not q.outline_in_sequence:
        out.append("top-level numbering out of sequence")
    core = [
        f for f in _CORE_FIELDS if f in q.title_fields_missing and f not in q.title_fields_blank
    ]
    if core:
        out.append("title block without " + ", ".join(core))
    if q.unknown_agency_like:
        names = q.unknown_agency_like
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        out.append(f"{len(names)} agency-like name(s) not in the gazetteer: {shown}")
    return out
