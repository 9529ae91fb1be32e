"""Compare two plans: metadata, structure, targets, agencies, deadlines, references.

Alignment is by meaning, not numbering: sections by kind and title similarity, targets
by indicator similarity with unit and year, agencies by canonical name, deadlines by
recurrence and date, references by number. Similarity is the Jaccard overlap of the
word sets of the two texts after folding diacritics and tone marks and dropping
function words (data/diff.yaml).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import regex

from kehoach.datafiles import load
from kehoach.model import Plan, Section, Target
from kehoach.text import ascii_key

T = TypeVar("T")
DEFAULT_THRESHOLD = 0.4
PARTS = ("metadata", "sections", "targets", "agencies", "deadlines", "references")


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(load("diff")["stop_words"])


def words(text: str | None) -> frozenset[str]:
    return frozenset(
        w for w in regex.findall(r"[a-z0-9%]+", ascii_key(text or "")) if w not in _stop_words()
    )


def similarity(a: str | None, b: str | None) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def align(
    a: Sequence[T], b: Sequence[T], score: Callable[[T, T], float], threshold: float
) -> tuple[list[tuple[T, T, float]], list[T], list[T]]:
    """One-to-one pairs, best first, whose score reaches the threshold; the rest one-sided."""
    cands = sorted(
        ((score(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for s, i, j in cands:
        if s < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, s))
    pairs.sort(key=lambda p: (p[0], p[1]))
    return (
        [(a[i], b[j], s) for i, j, s in pairs],
        [x for i, x in enumerate(a) if i not in used_a],
        [y for j, y in enumerate(b) if j not in used_b],
    )


# ---------------------------------------------------------------------------------------


def _target_text(t: Target) -> str:
    return f"{t.indicator} {t.unit or ''}"


def target_score(x: Target, y: Target) -> float:
    if x.year != y.year:
        return 0.0
    s = similarity(_target_text(x), _target_text(y))
    if (x.unit or "").lower() == (y.unit or "").lower():
        s = min(1.0, s + 0.05)
    return s


def _same_target(x: Target, y: Target) -> bool:
    return (x.value, x.value_max, x.comparator, x.unit, x.baseline_year, x.change) == (
        y.value,
        y.value_max,
        y.comparator,
        y.unit,
        y.baseline_year,
        y.change,
    )


def _target_view(t: Target) -> dict[str, Any]:
    return {
        "section": t.section,
        "year": t.year,
        "indicator": t.indicator,
        "comparator": t.comparator,
        "value": t.value,
        "value_max": t.value_max,
        "unit": t.unit,
        "baseline_year": t.baseline_year,
        "change": t.change,
        "line": t.span.line_start,
    }


def _section_list(plan: Plan) -> list[tuple[Section, str | None]]:
    out: list[tuple[Section, str | None]] = []
    for top in plan.sections:
        stack = [top]
        while stack:
            s = stack.pop()
            if s.style != "row":
                out.append((s, top.kind))
            stack.extend(reversed(s.children))
    return out


def section_score(x: tuple[Section, str | None], y: tuple[Section, str | None]) -> float:
    (sx, kx), (sy, ky) = x, y
    if kx != ky:
        return 0.0
    top_x, top_y = "." not in sx.path, "." not in sy.path
    if top_x != top_y:
        return 0.0
    return 1.0 if top_x else similarity(sx.title, sy.title)


@dataclass
class Diff:
    data: dict[str, Any]
    differs: bool


def compare(
    a: Plan, b: Plan, threshold: float = DEFAULT_THRESHOLD, only: str | None = None
) -> Diff:
    parts = [only] if only else list(PARTS)
    data: dict[str, Any] = {"a": _label(a), "b": _label(b), "threshold": threshold}
    differs = False
    if "metadata" in parts:
        ma, mb = a.metadata.model_dump(mode="json"), b.metadata.model_dump(mode="json")
        changed = {k: [ma[k], mb[k]] for k in ma if ma[k] != mb[k]}
        data["metadata"] = changed
        differs |= bool(changed)
    if "sections" in parts:
        pairs, oa, ob = align(_section_list(a), _section_list(b), section_score, threshold)
        data["sections"] = {
            "matched": [
                {
                    "a": x.path,
                    "b": y.path,
                    "title_a": x.title,
                    "title_b": y.title,
                    "similarity": round(s, 3),
                }
                for (x, _), (y, _), s in pairs
            ],
            "only_a": [{"path": x.path, "title": x.title} for x, _ in oa],
            "only_b": [{"path": y.path, "title": y.title} for y, _ in ob],
        }
        differs |= bool(oa or ob)
    if "targets" in parts:
        pairs_t, ta, tb = align(a.targets, b.targets, target_score, threshold)
        matched = []
        for x, y, s in pairs_t:
            same = _same_target(x, y)
            differs |= not same
            matched.append(
                {
                    "year": x.year,
                    "similarity": round(s, 3),
                    "same": same,
                    # (no difference between figures of different units: 1 nghề vs 13 làng nghề)
                    "difference": None
                    if same or x.value_max or y.value_max or (x.unit or "") != (y.unit or "")
                    else y.value - x.value,
                    "a": _target_view(x),
                    "b": _target_view(y),
                }
            )
        data["targets"] = {
            "matched": matched,
            "only_a": [_target_view(t) for t in ta],
            "only_b": [_target_view(t) for t in tb],
        }
        differs |= bool(ta or tb)
    if "agencies" in parts:
        ag_a = list(dict.fromkeys(x.agency for x in a.assignments))
        ag_b = list(dict.fromkeys(x.agency for x in b.assignments))
        data["agencies"] = {
            "both": [x for x in ag_a if x in ag_b],
            "only_a": [x for x in ag_a if x not in ag_b],
            "only_b": [x for x in ag_b if x not in ag_a],
        }
        differs |= bool(data["agencies"]["only_a"] or data["agencies"]["only_b"])
    if "deadlines" in parts:

        def dkey(d: Any) -> tuple[Any, ...]:
            return (d.recurrence, d.month, d.day, str(d.date) if d.date else None)

        ka = [dkey(d) for d in a.deadlines]
        kb = [dkey(d) for d in b.deadlines]
        view = [{"recurrence": k[0], "month": k[1], "day": k[2], "date": k[3]} for k in ka]
        view_b = [{"recurrence": k[0], "month": k[1], "day": k[2], "date": k[3]} for k in kb]
        data["deadlines"] = {
            "both": [v for v, k in zip(view, ka, strict=True) if k in kb],
            "only_a": [v for v, k in zip(view, ka, strict=True) if k not in kb],
            "only_b": [v for v, k in zip(view_b, kb, strict=True) if k not in ka],
        }
        differs |= bool(data["deadlines"]["only_a"] or data["deadlines"]["only_b"])
    if "references" in parts:
        ra = {r.number: r for r in a.references}
        rb = {r.number: r for r in b.references}
        data["references"] = {
            "common": [n for n in ra if n in rb],
            "only_a": [n for n in ra if n not in rb],
            "only_b": [n for n in rb if n not in ra],
        }
        differs |= bool(data["references"]["only_a"] or data["references"]["only_b"])
    return Diff(data, differs)


def _label(p: Plan) -> dict[str, Any]:
    m = p.metadata
    return {
        "path": p.source.path,
        "number": m.number,
        "place": m.place,
        "issued_date": str(m.issued_date) if m.issued_date else None,
    }
