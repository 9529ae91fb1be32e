"""Who must do what: an agency's duties across plans, and the agencies × sections matrix.

Agency names given by a user are resolved tolerant of case, diacritics, abbreviations and
small typos; the 2025 reorganisation (data/agencies.yaml) maps successors to the names
older plans used.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kehoach.datafiles import load
from kehoach.facts.agencies import match_at
from kehoach.model import Assignment, Deadline, Duty, Plan
from kehoach.text import ascii_key


@dataclass
class Resolution:
    name: str | None
    candidates: list[str] = field(default_factory=list)  # closest names when unresolved


@cache
def successor_of() -> dict[str, str]:
    return {e["name"]: e["successor"] for e in load("agencies")["agencies"] if e.get("successor")}


def predecessors(name: str) -> list[str]:
    """Names that became `name` in the reorganisation (transitively)."""
    succ = successor_of()
    out: list[str] = []
    frontier = [name]
    while frontier:
        cur = frontier.pop()
        for old, new in sorted(succ.items()):
            if new == cur and old not in out:
                out.append(old)
                frontier.append(old)
    return out


def known_names(plans: list[Plan]) -> list[str]:
    names: list[str] = []
    for p in plans:
        for a in p.assignments:
            for n in [a.agency, *a.partners]:
                if n not in names:
                    names.append(n)
    return names


def resolve(query: str, plans: list[Plan]) -> Resolution:
    """Canonical agency for what a user typed: 'so cong thuong', 'KHĐT', 'Sở NN&PTNT'."""
    in_plans = known_names(plans)
    entries = load("agencies")["agencies"] + load("agencies")["groups"]
    gazetteer = [e["name"] for e in entries if not e.get("generic")]
    by_abbr = {ascii_key(a): e["name"] for e in entries for a in e.get("abbr", [])}
    if ascii_key(query) in by_abbr:  # 'KHĐT', 'TNMT', 'NN&PTNT'
        return Resolution(by_abbr[ascii_key(query)])
    for text in (query, f"Sở {query}"):
        m = match_at(text.strip())
        if m and m.end >= len(text.strip()) - 1:
            return Resolution(m.name)
    q = ascii_key(query)
    for pool in (in_plans, gazetteer):
        exact = [n for n in pool if ascii_key(n) == q]
        if exact:
            return Resolution(exact[0])
        prefix = [n for n in pool if ascii_key(n).startswith(q) or f" {q}" in f" {ascii_key(n)}"]
        if len(prefix) == 1:
            return Resolution(prefix[0])
        if len(prefix) > 1:
            return Resolution(None, prefix[:8])
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, q, ascii_key(n)).ratio(), n)
            for n in set(in_plans + gazetteer)
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= 0.85 and (len(scored) == 1 or scored[0][0] - scored[1][0] > 0.05):
        return Resolution(scored[0][1])
    return Resolution(None, [n for _, n in scored[:6]])


def _binds(deadline: Deadline, section: str, duty: Duty | None) -> bool:
    """A deadline binds a duty when it is set for the duty's section (or one above it), or
    stands in the duty's own lines (a task table row's due cell)."""
    if section == deadline.section or section.startswith(deadline.section + "."):
        return True
    return duty is not None and (
        duty.span.line_start <= deadline.span.line_start <= duty.span.line_end
    )


def duties_of(plans: list[Plan], names: list[str]) -> list[dict[str, Any]]:
    """Every duty of the agencies `names`: as lead (addressed) and as partner."""
    out: list[dict[str, Any]] = []
    for plan in plans:
        label = {"plan": plan.metadata.number, "place": plan.metadata.place}
        for a in plan.assignments:
            lead = a.agency in names
            partner = not lead and any(p in names for p in a.partners)
            if not (lead or partner):
                continue
            duties: list[Duty | None] = list(a.duties) or [None]
            for d in duties:
                binding = [
                    dl.model_dump(mode="json") for dl in plan.deadlines if _binds(dl, a.section, d)
                ]
                out.append(
                    {
                        "role": "lead" if lead else "partner",
                        **label,
                        "section": a.section,
                        "agency_as_named": a.agency
                        if lead
                        else next(p for p in a.partners if p in names),
                        "lead": a.agency,
                        "text": d.text if d else a.as_written,
                        "span": d.span.model_dump() if d else None,
                        "deadlines": binding,
                    }
                )
    return out


def matrix(
    plans: list[Plan],
) -> tuple[list[str], list[str], dict[tuple[str, str], tuple[int, int]]]:
    """Agencies × top-level sections: (lead count, partner count) per cell."""
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    agencies: list[str] = []
    tops: list[str] = []

    def bump(agency: str, a: Assignment, lead: bool) -> None:
        top = a.section.split(".")[0]
        if top not in tops:
            tops.append(top)
        if agency not in agencies:
            agencies.append(agency)
        n_lead, n_part = cells.get((agency, top), (0, 0))
        cells[(agency, top)] = (n_lead + lead, n_part + (not lead))

    for plan in plans:
        for a in plan.assignments:
            bump(a.agency, a, True)
            for p in a.partners:
                bump(p, a, False)
    return agencies, tops, cells
