"""Who must do what: an agency's duties across plans, and the agencies × sections matrix.

Agency names given by a user are resolved tolerant of case, diacritics, abbreviations and
small typos; the 2025 reorganisation (data/agencies.yaml) maps successors to the names
older plans used.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import match_at
from kehoach.model import Assignment, Deadline, Duty, Plan, SectionKind
from kehoach.outputs.views import plan_columns
from kehoach.text import ascii_key


@dataclass
class Resolution:
    name: str | None
    candidates: list[str] = field(default_factory=list)  # closest names when unresolved
    ambiguous: bool = False  # the query fits several names equally well


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


def names_to_follow(name: str, plans: list[Plan]) -> list[str]:
    """The agency and the names it had before the 2025 reorganisation, when those matter:
    a plan of these was issued since (its duties go on from the old names' duties), or the
    plans only know the agency by its old names. In plans all issued before, 'Sở Nội vụ'
    is Sở Nội vụ, not also the Sở Lao động - Thương binh và Xã hội it later absorbed."""
    since = str(load("agencies")["reorganisation"]["date"])
    after = any(p.metadata.issued_date and str(p.metadata.issued_date) >= since for p in plans)
    if after or name not in known_names(plans):
        return [name, *predecessors(name)]
    return [name]


def known_names(plans: list[Plan]) -> list[str]:
    names: list[str] = []
    for p in plans:
        for a in p.assignments:
            for n in [a.agency, *a.partners]:
                if n not in names:
                    names.append(n)
    return names


@dataclass(frozen=True)
class _Name:
    """A name a user may mean: its canonical form and the word sequences that spell it."""

    name: str
    spellings: tuple[tuple[str, ...], ...]
    codes: frozenset[str]
    order: int  # place in the gazetteer: earlier is the more common reading
    current: bool  # not renamed in the 2025 reorganisation


def _words(text: str) -> tuple[str, ...]:
    """ASCII words of a name, abbreviations spelt out ('UBND cấp xã' -> uy ban nhan dan cap xa)."""
    abbreviations = {
        ascii_key(k): ascii_key(v) for k, v in load("agencies")["abbreviations"].items()
    }
    out: list[str] = []
    for w in regex.split(r"[\s,;.()\-–/]+", ascii_key(text)):
        if not w:
            continue
        out += abbreviations.get(w, w).split()
    return tuple(out)


def _code(text: str) -> str:
    """'SGDĐT', 'S.GD&ĐT', 'sgddt' -> 'SGDDT'."""
    return str(regex.sub(r"[^A-Z0-9]", "", ascii_key(text).upper()))


@cache
def _gazetteer_names() -> tuple[_Name, ...]:
    data = load("agencies")
    out: list[_Name] = []
    for i, e in enumerate(data["agencies"] + data["groups"]):
        if e.get("generic"):
            continue
        spellings = {_words(a) for a in [e["name"], *e.get("aliases", [])]}
        codes = {_code(c) for c in e.get("abbr", [])}
        out.append(
            _Name(e["name"], tuple(sorted(spellings)), frozenset(codes), i, not e.get("until"))
        )
    return tuple(out)


@cache
def _heads() -> frozenset[str]:
    """First words of agency names ('so', 'bo', 'ban', 'uy'): a query that opens with one
    means a name that opens with it ('bo tai chinh' is never 'Sở Tài chính')."""
    heads = {_words(h)[0] for h in load("agencies")["name_heads"]}
    return frozenset(heads | {"uy", "cac"})


@cache
def _place_words() -> frozenset[str]:
    return frozenset(w for p in load("agencies")["query_place_words"] for w in _words(p))


def _osa(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions ('ngihep' -> 'nghiep' is one edit)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _typos(word: str, target: str) -> int | None:
    """Edits between a typed word and a name's word, if within one typo (two for words of
    eight letters or more); None when too far."""
    d = _osa(word, target)
    return d if d <= (2 if len(target) >= 8 else 1) else None


def _align(query: tuple[str, ...], name: tuple[str, ...]) -> tuple[int, int] | None:
    """(typos, name words left over) when the query spells the name's first words, a
    word at a time, with 'và' optional and two name words typed as one ('yte'); None when
    it does not."""
    best: tuple[int, int] | None = None

    def walk(qi: int, ni: int, cost: int) -> None:
        nonlocal best
        if qi == len(query):
            rest = sum(1 for w in name[ni:] if w != "va")
            if best is None or (cost, rest) < best:
                best = (cost, rest)
            return
        if ni == len(name):
            return
        if name[ni] == "va":
            walk(qi, ni + 1, cost)
        for span in (1, 2):
            if ni + span > len(name):
                break
            t = _typos(query[qi], "".join(name[ni : ni + span]))
            if t is not None:
                walk(qi + 1, ni + span, cost + t)

    walk(0, 0, 0)
    return best


def resolve(query: str, plans: list[Plan]) -> Resolution:
    """Canonical agency for what a user typed: 'so cong thuong', 'so nong ngiep' (a typo a
    word), 'KHĐT', 'SGDĐT' / 'SYT' (S + department code), 'BYT', 'Sở NN&PTNT'.

    Names in the given plans come before the gazetteer's; among equals the current name
    (after the 2025 reorganisation) is taken, as its predecessors are followed anyway.
    """
    in_plans = known_names(plans)
    names = list(_gazetteer_names())
    known = {n.name for n in names}
    names += [
        _Name(n, (_words(n),), frozenset(), len(names) + i, True)
        for i, n in enumerate(in_plans)
        if n not in known
    ]
    words = _words(query)
    if not words:
        return Resolution(None, [])
    by_code = _by_code(query, names)
    if by_code is not None:
        return Resolution(by_code)
    m = match_at(query.strip())
    if m is not None and m.known and m.end >= len(query.strip()) - 1:
        return Resolution(m.name)
    head = words[0] if words[0] in _heads() else None
    scored = _scored(words, names, head, in_plans)
    if not scored and head is not None:
        # a first word that is also a name's head ('cong' of 'Công an') may start the name
        # proper: 'cong thuong' is Sở/Bộ Công Thương
        head, scored = None, _scored(words, names, None, in_plans)
    if all(w in _heads() for w in words):
        scored = []  # 'so', 'ban': only the kind of body, no name
    return _pick(scored, query, names, head)


def _scored(
    words: tuple[str, ...], names: list[_Name], head: str | None, in_plans: list[str]
) -> list[tuple[tuple[int, int, int, int], _Name]]:
    """Names the words fit (their head word first when `head`), best first once sorted."""
    scored: list[tuple[tuple[int, int, int, int], _Name]] = []
    heads = _heads()
    for n in names:
        fits = [
            a
            for sp in n.spellings
            if (head is None or sp[:1] == (head,)) and (a := _align(words, sp)) is not None
        ]
        if not fits and head is None:
            # the name without its head word ('nong nghiep' for Sở Nông nghiệp ...)
            fits = [
                a
                for sp in n.spellings
                if sp[:1] and sp[0] in heads and (a := _align(words, sp[1:])) is not None
            ]
        if not fits:
            if head is not None:
                continue
            # words from inside the name, spelt exactly ('xuc tien' for Trung tâm Xúc tiến
            # Đầu tư ..., 'thanh nien' for Đoàn Thanh niên ...)
            inside = [r for sp in n.spellings if (r := _inside(words, sp)) is not None]
            if inside:
                scored.append(((0, n.name not in in_plans, min(inside), not n.current), n))
            continue
        typos = min(f[0] for f in fits)
        # words left over are counted on the full name ('Ban Quản lý các KCN' is short
        # only in writing)
        full = _align(words, _words(n.name))
        rest = full[1] if full is not None else min(f[1] for f in fits)
        if rest > len(words) + 1 and len(words) < 3:
            continue  # 'so' alone, 'cong' alone: too little of the name
        scored.append(((typos, n.name not in in_plans, rest, not n.current), n))
    return scored


def _inside(words: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    """Name words left over when `words` run, exactly and in order, inside `name` (not at
    its start, which _align reads); None when they do not or are only kinds of body."""
    if all(w in _heads() or w in _place_words() for w in words):
        return None
    n = len(words)
    for i in range(1, len(name) - n + 1):
        if name[i : i + n] == words:
            return sum(1 for w in name if w != "va") - n
    return None


# the level a body serves, at the end of its name: 'Công an tỉnh', 'Công an xã'
_LEVEL_TAIL = regex.compile(r"\s+(?:tỉnh|thành phố|xã|phường)$")


def _pick(
    scored: list[tuple[tuple[int, int, int, int], _Name]],
    query: str,
    names: list[_Name],
    head: str | None,
) -> Resolution:
    """The single best reading, or none with the closest names. A name spelt in full beats
    names the query only begins; among names it only begins ('so nong'), one is taken only
    when the others are its predecessors (Sở Nông nghiệp và Phát triển nông thôn ->
    Sở Nông nghiệp và Môi trường)."""
    scored.sort(key=lambda s: (s[0], s[1].order))
    if not scored:
        return Resolution(None, _closest(query, [n.name for n in names], head, []))
    top = [n for k, n in scored if k[:2] == scored[0][0][:2]]
    full = [n for k, n in scored if k[:3] == (*scored[0][0][:2], 0)]
    if len({n.name for n in full}) == 1:
        return Resolution(full[0].name)
    if len({_LEVEL_TAIL.sub("", n.name) for n in top}) == 1:
        return Resolution(top[0].name)  # 'cong an': the province's body before a commune's
    if not full:
        current = [n for n in top if n.current]
        chain = {n.name for n in top} - {current[0].name} if len(current) == 1 else None
        if len(top) == 1 or (chain is not None and chain <= set(predecessors(current[0].name))):
            return Resolution((current or top)[0].name)
    return Resolution(None, _closest(query, [n.name for n in names], head, full or top), True)


def _by_code(query: str, names: list[_Name]) -> str | None:
    """'KHĐT', 'TNMT' (a department's code), 'SYT' / 'SGDĐT' (Sở + code), 'BYT' (Bộ + code)."""
    code = _code(query)
    if not code or " " in query.strip() or len(code) > 8:
        return None
    hits = [n.name for n in names if code in n.codes]
    prefixes = load("agencies")["query_prefixes"]
    if not hits and code[:1] in prefixes:
        head = prefixes[code[:1]]
        for n in names:
            if code[1:] in n.codes and n.name.startswith("Sở "):
                target = f"{head} {n.name[3:]}"
                if any(x.name == target for x in names):
                    hits.append(target)
    return hits[0] if len(set(hits)) == 1 else None


def _closest(query: str, pool: list[str], head: str | None, fits: list[_Name]) -> list[str]:
    """The names nearest what was typed: those that fitted equally well first, then by
    similarity of the whole string, names with the typed head word first."""
    if fits:
        return [n.name for n in fits[:6]]
    q = ascii_key(query)
    scored = sorted(
        (
            (
                head is not None and _words(n)[:1] != (head,),
                -difflib.SequenceMatcher(None, q, ascii_key(n)).ratio(),
                n,
            )
            for n in dict.fromkeys(pool)
        ),
    )
    return [n for _, _, n in scored[:5]]


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
        label = plan_columns(plan)
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


@dataclass
class KindMatrix:
    """Agencies × top-level section kinds across plans: what 'IV' means differs from plan
    to plan, what a section is for (tasks, implementation ...) does not."""

    agencies: list[str]  # most blocks first
    kinds: list[str]  # in the order of SectionKind, those that occur
    cells: dict[tuple[str, str], tuple[int, int]]  # (agency, kind) -> (lead, partner)
    plans: dict[str, int]  # agency -> plans that name it


def matrix_by_kind(plans: list[Plan]) -> KindMatrix:
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    named: dict[str, set[int]] = {}
    for i, plan in enumerate(plans):
        kind_of = {s.path: s.kind or "other" for s in plan.sections}
        for a in plan.assignments:
            kind = kind_of.get(a.section.split(".")[0], "other")
            for name, lead in [(a.agency, 1), *((p, 0) for p in a.partners)]:
                n_lead, n_part = cells.get((name, kind), (0, 0))
                cells[(name, kind)] = (n_lead + lead, n_part + 1 - lead)
                named.setdefault(name, set()).add(i)
    blocks = dict.fromkeys(named, 0)
    for (agency, _), (n_lead, n_part) in cells.items():
        blocks[agency] += n_lead + n_part
    present = {k for _, k in cells}
    return KindMatrix(
        agencies=sorted(named, key=lambda a: (-len(named[a]), -blocks[a], a)),
        kinds=[k for k in get_args(SectionKind) if k in present],
        cells=cells,
        plans={a: len(p) for a, p in named.items()},
    )


def short_name(name: str, fits: Callable[[str], bool]) -> str:
    """The name, or a shorter spelling that `fits`: the gazetteer's abbreviations put back
    ('Ủy ban nhân dân' -> 'UBND'), then its aliases that open with the same word, shortest
    first; else the shortest of these, for the caller to cut."""
    if fits(name):
        return name
    candidates = [_abbreviated(name)]
    head = name.split()[0]
    for e in load("agencies")["agencies"] + load("agencies")["groups"]:
        if e["name"] == name:
            aliases = [a for a in e.get("aliases", []) if a.split()[:1] == [head]]
            candidates += sorted(aliases, key=len)
    for c in candidates:
        if fits(c):
            return c
    return min(candidates, key=len)


def _abbreviated(name: str) -> str:
    """'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh' -> 'Ủy ban MTTQ Việt Nam tỉnh'."""
    out = name
    for short, full in load("agencies")["abbreviations"].items():
        if short.isalpha():
            out = regex.sub(rf"(?i)\b{regex.escape(full)}\b", short.upper(), out)
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
