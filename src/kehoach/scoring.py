"""Scores parser output against hand annotations (tests/gold/FORMAT.md, 'How output is scored')."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import regex

from kehoach.model import Plan
from kehoach.text import key

METADATA_FIELDS = (
    "doc_type",
    "number",
    "issuer",
    "place",
    "issued_date",
    "signer",
    "title",
    "implements",
)


def norm(s: Any) -> str:
    """NFC, lower case, one tone placement, collapsed spaces, trimmed punctuation."""
    if s is None:
        return ""
    return key(str(s)).strip(" .,;:!?/\"'()")


def _expand(s: str) -> str:
    s = norm(s)
    s = regex.sub(r"^(?:giao|đề nghị)\s+", "", s)
    s = regex.sub(r"(?<!\w)ubnd(?!\w)", "ủy ban nhân dân", s)
    s = regex.sub(r"(?<!\w)ptnt(?!\w)", "phát triển nông thôn", s)
    return s.replace("&", " và ").replace("  ", " ")


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Count) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    counts: dict[str, Count] = field(default_factory=dict)
    metadata_right: int = 0
    metadata_total: int = 0
    titles_right: int = 0
    titles_total: int = 0
    kinds_right: int = 0
    kinds_total: int = 0
    target_attrs: Counter[str] = field(default_factory=Counter)
    target_pairs: int = 0
    misses: list[str] = field(default_factory=list)

    def count(self, kind: str) -> Count:
        return self.counts.setdefault(kind, Count())

    def add(self, other: Score) -> None:
        for k, c in other.counts.items():
            self.count(k).add(c)
        self.metadata_right += other.metadata_right
        self.metadata_total += other.metadata_total
        self.titles_right += other.titles_right
        self.titles_total += other.titles_total
        self.kinds_right += other.kinds_right
        self.kinds_total += other.kinds_total
        self.target_attrs.update(other.target_attrs)
        self.target_pairs += other.target_pairs
        self.misses.extend(other.misses)


def _title_match(gold: str | None, got: str | None) -> bool:
    g, o = norm(gold), norm(got)
    if not g or not o:
        return g == o
    if g.startswith(o) or o.startswith(g):
        return True
    gw, ow = g.split(), set(o.split())
    return sum(1 for w in gw if w in ow) >= 0.8 * len(gw)


def _metadata(gold: dict[str, Any], plan: Plan, score: Score, name: str) -> None:
    got = plan.metadata.model_dump(mode="json")
    for f in METADATA_FIELDS:
        g, o = gold.get(f), got.get(f)
        if f == "implements":
            ok = {norm(x).replace(" ", "") for x in g or []} == {
                norm(x).replace(" ", "") for x in o or []
            }
        elif f == "title":
            ok = _title_match(g, o)
        elif f == "issuer":
            ok = _expand(g or "") == _expand(o or "")
        else:
            ok = norm(g) == norm(o)
        score.metadata_total += 1
        score.metadata_right += ok
        if not ok:
            score.misses.append(f"{name}: metadata.{f}: gold {g!r}, got {o!r}")


def _set_count(gold: Counter[Any], got: Counter[Any]) -> Count:
    tp = sum((gold & got).values())
    return Count(tp, sum(got.values()) - tp, sum(gold.values()) - tp)


def score_plan(gold: dict[str, Any], plan: Plan, name: str = "") -> Score:
    s = Score()
    _metadata(gold.get("metadata") or {}, plan, s, name)

    got_sections = {sec.path: sec for sec in plan.walk()}
    gold_sections = {g["path"]: g for g in gold.get("sections") or []}
    s.counts["sections"] = _set_count(Counter(list(gold_sections)), Counter(list(got_sections)))
    for path in sorted(set(gold_sections) - set(got_sections)):
        s.misses.append(f"{name}: section {path} missing")
    for path in sorted(set(got_sections) - set(gold_sections)):
        s.misses.append(f"{name}: section {path} not in gold")
    for path, g in gold_sections.items():
        if path in got_sections:
            s.titles_total += 1
            if norm(g["title"]) == norm(got_sections[path].title):
                s.titles_right += 1
            else:
                s.misses.append(
                    f"{name}: title {path}: gold {g['title']!r}, got {got_sections[path].title!r}"
                )
            if "kind" in g:
                s.kinds_total += 1
                s.kinds_right += g["kind"] == got_sections[path].kind

    gold_refs = Counter(
        {norm(r["number"]).replace(" ", ""): 1 for r in gold.get("references") or []}
    )
    got_refs = Counter({norm(r.number).replace(" ", ""): 1 for r in plan.references})
    s.counts["references"] = _set_count(gold_refs, got_refs)
    for r in sorted(set(gold_refs) - set(got_refs)):
        s.misses.append(f"{name}: reference {r} missing")
    for r in sorted(set(got_refs) - set(gold_refs)):
        s.misses.append(f"{name}: reference {r} not in gold")

    _targets(gold.get("targets") or [], plan, s, name)

    gold_asg = Counter((_expand(a["agency"]), a["section"]) for a in gold.get("assignments") or [])
    got_asg = Counter((_expand(a.agency), a.section) for a in plan.assignments)
    s.counts["assignments"] = _set_count(gold_asg, got_asg)
    gold_par = Counter(
        (_expand(a["agency"]), a["section"], _expand(p))
        for a in gold.get("assignments") or []
        for p in a.get("partners") or []
    )
    got_par = Counter(
        (_expand(a.agency), a.section, _expand(p)) for a in plan.assignments for p in a.partners
    )
    s.counts["partners"] = _set_count(gold_par, got_par)
    for kind, g_, o_ in (("assignment", gold_asg, got_asg), ("partner", gold_par, got_par)):
        for k in sorted(set(g_) - set(o_)):
            s.misses.append(f"{name}: {kind} {k} missing")
        for k in sorted(set(o_) - set(g_)):
            s.misses.append(f"{name}: {kind} {k} not in gold")

    def dl(d: Any) -> tuple[Any, ...]:
        get = d.get if isinstance(d, dict) else (lambda k: getattr(d, k))
        date = get("date")
        return (get("recurrence"), get("month"), get("day"), str(date) if date else None)

    gold_dl = Counter(dl(d) for d in gold.get("deadlines") or [])
    got_dl = Counter(dl(d) for d in plan.deadlines)
    s.counts["deadlines"] = _set_count(gold_dl, got_dl)
    for k, n in sorted((gold_dl - got_dl).items(), key=str):
        s.misses.append(f"{name}: deadline {k} missing" + (f" x{n}" if n > 1 else ""))
    for k, n in sorted((got_dl - gold_dl).items(), key=str):
        s.misses.append(f"{name}: deadline {k} not in gold" + (f" x{n}" if n > 1 else ""))
    return s


def _num(x: Any) -> float | None:
    return None if x is None else round(float(x), 6)


def _targets(gold: list[dict[str, Any]], plan: Plan, s: Score, name: str) -> None:
    got = list(plan.targets)
    used: set[int] = set()
    count = Count()
    # Optional entries only absorb what no required entry claims: matched first, an optional
    # '40% in the preamble' would take the output a required one in III.2.1 needs.
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        gk = (_num(g.get("value")), _num(g.get("value_max")), g.get("year"))
        cands = [
            i
            for i, t in enumerate(got)
            if i not in used and (_num(t.value), _num(t.value_max), t.year) == gk
        ]
        if not cands:
            if not g.get("optional"):
                count.fn += 1
                s.misses.append(f"{name}: target {gk} in {g.get('section')} missing")
            continue
        cands.sort(key=lambda i: got[i].section != g.get("section"))
        i = cands[0]
        used.add(i)
        if g.get("optional"):
            continue
        count.tp += 1
        t = got[i]
        s.target_pairs += 1
        s.target_attrs["comparator"] += t.comparator == g.get("comparator")
        s.target_attrs["unit"] += norm(t.unit) == norm(g.get("unit"))
        s.target_attrs["section"] += t.section == g.get("section")
        s.target_attrs["baseline_year"] += t.baseline_year == g.get("baseline_year")
    count.fp = len(got) - len(used)
    for i, t in enumerate(got):
        if i not in used:
            key_ = (_num(t.value), _num(t.value_max), t.year)
            s.misses.append(f"{name}: target {key_} in {t.section} not in gold: {t.quote[:80]}")
    s.counts["targets"] = count
