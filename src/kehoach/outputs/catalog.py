"""A plan's place among many: stable id, province, province since the 2025 mergers, level.

These label rows when plans from many provinces and years are put side by side (`export`,
`targets`, `assign`); the knowledge is in data/provinces.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from kehoach.datafiles import load
from kehoach.model import Plan
from kehoach.text import key

_DASHES = regex.compile(r"\s*[-–—‐]\s*")


def plan_id(plan: Plan) -> str:
    """Stable across runs and machines: the first 16 hex digits of the input's sha256."""
    return plan.source.sha256[:16]


def _fold(s: str) -> str:
    return str(_DASHES.sub(" - ", key(s)))


@dataclass(frozen=True)
class _Places:
    names: dict[str, str]  # folded name or alias -> name before the mergers
    after: dict[str, str]  # name before -> unit after the mergers
    cities: frozenset[str]  # province-level cities, before and after
    prefixed: Any  # "tỉnh X" / "thành phố X" in running text
    alone: Any  # a place field that is just a name
    levels: list[tuple[str, Any]]
    codes: list[tuple[str, Any]]


@cache
def _places() -> _Places:
    data = load("provinces")
    names: dict[str, str] = {}
    after: dict[str, str] = {}
    cities: set[str] = set()
    for unit in data["after_2025"]:
        for old in unit["from"]:
            names[_fold(old)] = old
            after[old] = unit["name"]
        if unit.get("city"):
            cities.add(unit["name"])
    for alias, name in data["aliases"].items():
        names[_fold(alias)] = name
    after.update({a: after[n] for a, n in data["aliases"].items() if n in after})
    cities |= {"Hồ Chí Minh", "Cần Thơ", "Hải Phòng", "Đà Nẵng", "Hà Nội", "Huế"}
    alternation = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    prefixed = regex.compile(rf"{data['before_name']}(?P<n>{alternation})(?!\p{{L}})")
    alone = regex.compile(rf"^(?:{data['before_name']})?(?P<n>{alternation})$")
    levels = [(e["level"], regex.compile(e["pattern"])) for e in data["issuer_levels"]]
    codes = [(lv, regex.compile(p)) for lv, p in data["number_codes"].items()]
    return _Places(names, after, frozenset(cities), prefixed, alone, levels, codes)


def province(plan: Plan) -> str | None:
    """The province (before the mergers' renaming) the issuer belongs to, from the title block.

    Read from the issuer, the place of the date line, the title, then the opening
    paragraphs; a ministry's plan belongs to none.
    """
    if issuer_level(plan) == "ministry":
        return None
    pl = _places()
    m = plan.metadata
    if m.place and (hit := pl.alone.match(_fold(m.place))):
        return pl.names[hit.group("n")]
    for text in (m.issuer, m.title, *(b.text for b in plan.preamble[:3])):
        if text and (hit := pl.prefixed.search(_fold(text))):
            return pl.names[hit.group("n")]
    return None


def province_2025(name: str | None) -> str | None:
    """The unit a province belongs to since 1 July 2025 (Bình Định -> Gia Lai)."""
    return _places().after.get(name) if name else None


def issuer_level(plan: Plan) -> str | None:
    """ministry, province, department, district or commune; None when the text does not say.

    A people's committee or council named in the issuer line decides (it also tells a
    commune's from a province's); otherwise the code in the number ('.../KH-UBND',
    '.../KH-SNV', '.../KH-BYT') outranks an issuer line the title block reader got wrong.
    """
    pl = _places()
    by_name = None
    if plan.metadata.issuer:
        folded = _fold(plan.metadata.issuer)
        for level, pattern in pl.levels:
            if pattern.search(folded):
                town = level == "province" and _is_town(folded, pl)
                by_name = "district" if town else level
                break
    code = regex.split(r"[-/]", plan.metadata.number or "")[-1]
    by_code = next((lv for lv, p in pl.codes if code and p.match(code)), None)
    if by_name in ("province", "district", "commune"):  # a committee's head line is plain
        return by_name
    return by_code or by_name


def _is_town(issuer: str, pl: _Places) -> bool:
    """'UBND thành phố Lạng Sơn' or '... thành phố Bảo Lộc' is a provincial city (district
    level until 2025); 'UBND thành phố Hà Nội' and a bare 'UBND Thành phố' are provinces."""
    hit = regex.match(
        r"(?:ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd)\s+thành phố\s+(?P<rest>\p{L}[\p{L} ]*)",
        issuer,
    )
    if not hit or hit.group("rest").startswith("cộng hòa"):  # the motto run into the line
        return False
    found = pl.prefixed.match("thành phố " + hit.group("rest"))
    return not found or pl.names[found.group("n")] not in pl.cities
