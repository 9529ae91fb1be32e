"""Agency names: a gazetteer (data/agencies.yaml) and a matcher over running text.

Matching works on a same-length key of the text (lower case, one tone placement), so a
match's offsets are offsets into the original string.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.text import fold_tones, key


@dataclass(frozen=True)
class AgencyMatch:
    start: int
    end: int
    name: str  # canonical
    as_written: str


def lkey(s: str) -> str:
    """Same-length comparison key: offsets in the key are offsets in `s`."""
    out = fold_tones(s.lower())
    return out if len(out) == len(s) else s.lower()


def _alias_pattern(alias: str, abbreviations: dict[str, str]) -> str:
    k = key(alias)
    for short, full in sorted(abbreviations.items(), key=lambda kv: -len(kv[1])):
        k = k.replace(key(full), f"\x00{short}\x00")
    parts = regex.split("(\x00[^\x00]*\x00)", k)
    out: list[str] = []
    for part in parts:
        if part.startswith("\x00"):
            short = part.strip("\x00")
            full = key(abbreviations[short])
            out.append("(?:" + _plain(full) + "|" + _plain(short) + ")")
        else:
            out.append(_plain(part))
    return "".join(out)


def _plain(s: str) -> str:
    """Regex for a key: any spacing between words and around '-', ',' and '&'."""
    tokens = regex.split(r"\s*([-–,&])\s*|\s+", s.strip())
    out: list[str] = []
    for tok in tokens:
        if tok is None or tok == "":
            continue
        if tok in ("-", "–"):
            out.append(r"\s*[-–]\s*")
        elif tok in (",", "&"):
            out.append(r"\s*" + regex.escape(tok) + r"\s*")
        else:
            if out and not out[-1].endswith(r"\s*"):
                out.append(r"\s+")
            out.append(regex.escape(tok))
    lead = r"\s+" if s[:1].isspace() else ""
    trail = r"\s+" if s[-1:].isspace() and s.strip() else ""
    return lead + "".join(out) + trail


@dataclass(frozen=True)
class Gazetteer:
    pattern: regex.Pattern[str]
    names: tuple[str, ...]  # group index -> canonical name
    keep: frozenset[str]  # canonical names replaced by the plan's own wording
    generic: regex.Pattern[str]
    stops: frozenset[str]
    addressing: regex.Pattern[str]
    subject_only: regex.Pattern[str]
    subject_names: tuple[str, ...]
    canonical: tuple[str, ...]  # every canonical name, for fuzzy repair


@cache
def gazetteer() -> Gazetteer:
    data = load("agencies")
    abbreviations: dict[str, str] = data["abbreviations"]
    entries: list[tuple[str, str]] = []
    for entry in data["agencies"] + data["groups"]:
        if entry.get("generic"):
            continue
        for alias in [entry["name"], *entry.get("aliases", [])]:
            entries.append((alias, entry["name"]))
    # Longest alias first: regex alternation takes the first branch that matches.
    entries.sort(key=lambda e: -len(key(e[0])))
    names = tuple(name for _, name in entries)
    branches = [
        f"(?P<a{i}>{_alias_pattern(alias, abbreviations)})" for i, (alias, _) in enumerate(entries)
    ]
    pattern = regex.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)")
    generic = regex.compile(
        r"(?<!\w)(?:Sở|Ban|Văn phòng|Chi cục|Trung tâm|Báo|Đài|Hội|Liên minh|Ngân hàng|Bộ|Cục|"
        r"Công an|Kho bạc|Quỹ|Bảo hiểm xã hội|Liên đoàn|Viện|Trường)\s+\p{Lu}[\p{L}&]*"
        r"(?:\s+(?:[\p{L}&]+|-|–))*"
    )
    stops = frozenset(key(s) for s in data["name_stops"])
    addressing = regex.compile(
        r"^\s*(?:" + "|".join(regex.escape(key(a)) for a in data["addressing"]) + r")\s+"
    )
    subj: list[tuple[str, str]] = sorted(
        ((alias, name) for name, aliases in data["subject_only"].items() for alias in aliases),
        key=lambda e: -len(e[0]),
    )
    subject_only = regex.compile(
        r"(?:"
        + "|".join(f"(?P<s{i}>{_plain(key(a))})" for i, (a, _) in enumerate(subj))
        + r")(?!\w)"
    )
    keep = frozenset(e["name"] for e in data["agencies"] if e.get("keep_written"))
    canonical = tuple(e["name"] for e in data["agencies"] + data["groups"] if not e.get("generic"))
    return Gazetteer(
        pattern,
        names,
        keep,
        generic,
        stops,
        addressing,
        subject_only,
        tuple(n for _, n in subj),
        canonical,
    )


def match_at(text: str, pos: int = 0) -> AgencyMatch | None:
    """The agency named at text[pos:], gazetteer first, then a well-formed 'Sở X' name."""
    g = gazetteer()
    k = lkey(text)
    m = g.pattern.match(k, pos)
    if m:
        idx = next(int(name[1:]) for name, val in m.groupdict().items() if val is not None)
        end = _place_tail(text, m.end())
        written = text[m.start() : end]
        name = g.names[idx]
        return AgencyMatch(
            m.start(), end, _written_name(written) if name in g.keep else name, written
        )
    gm = g.generic.match(text, pos)
    if not gm:
        return None
    end = _trim_generic(text, gm.start(), gm.end(), g.stops)
    written = text[gm.start() : end]
    return AgencyMatch(gm.start(), end, repair(written) or written, written)


@cache
def _place_tail_re() -> regex.Pattern[str]:
    names = sorted(load("page")["provinces"], key=len, reverse=True)
    return regex.compile(r"\s+(?:" + "|".join(_plain(key(n)) for n in names) + r")(?!\w)")


def _place_tail(text: str, end: int) -> int:
    """'... chi nhánh tỉnh' + ' Lạng Sơn': a province name after a final 'tỉnh' belongs to it."""
    if regex.search(r"(?:tỉnh|thành phố)$", text[:end], regex.IGNORECASE):
        m = _place_tail_re().match(lkey(text), end)
        if m:
            return int(m.end())
    return end


def _written_name(written: str) -> str:
    """A body kept as written: leading 'các' dropped, first letter capitalised."""
    w = regex.sub(r"^(?:các|Các)\s+", "", written.strip())
    return str(w[:1].upper() + w[1:])


@cache
def repair(written: str) -> str | None:
    """Canonical name for a name that lost characters in scraping ('Sở Văn hóa và Th thao').

    A bounded-edit match (regex fuzzy matching, at most 1 error per 8 characters) against
    the gazetteer's canonical names that start with the same word.
    """
    g = gazetteer()
    k = key(written)
    head = k.split(" ", 1)[0]
    best: tuple[int, str] | None = None
    for name in g.canonical:
        nk = key(name)
        if nk.split(" ", 1)[0] != head or abs(len(nk) - len(k)) > max(2, len(nk) // 8):
            continue
        m = regex.fullmatch(
            f"(?:{regex.escape(nk)}){{e<={max(1, len(nk) // 8)}}}", k, flags=regex.BESTMATCH
        )
        if m:
            cost = sum(m.fuzzy_counts)
            if best is None or cost < best[0]:
                best = (cost, name)
    return best[1] if best else None


def _trim_generic(text: str, start: int, end: int, stops: frozenset[str]) -> int:
    """Cut a generic name before the first verb-like stop word or another agency."""
    words = list(regex.finditer(r"\S+", text[start:end]))
    keep_end = words[1].end() if len(words) > 1 else words[0].end()
    for i in range(2, len(words)):
        w = key(words[i].group(0))
        two = key(" ".join(x.group(0) for x in words[i : i + 2]))
        if (
            w in stops
            or two in stops
            or (
                w == "và"
                and i + 1 < len(words)
                and regex.match(r"\p{Lu}", words[i + 1].group(0))
                and words[i + 1].group(0) in {"Sở", "Ban", "Ủy", "UBND", "Văn", "Báo", "Đài"}
            )
        ):
            break
        keep_end = words[i].end()
    return start + int(keep_end)


_SEP = regex.compile(r"\s*(?:,\s*và|;|,|và)\s*")


def leading_agencies(text: str) -> tuple[int, list[AgencyMatch]]:
    """Agencies a heading opens with ('Giao Sở X', 'Các sở, ban, ngành; UBND cấp huyện').

    Returns the end offset of the list and its members; (0, []) when the text does not
    open with an agency.
    """
    g = gazetteer()
    pos = 0
    am = g.addressing.match(lkey(text))
    if am:
        pos = am.end()
    found: list[AgencyMatch] = []
    end = 0
    while True:
        m = match_at(text, pos)
        if m is None and found:
            sm = g.subject_only.match(lkey(text), pos)
            if sm:
                idx = next(int(n[1:]) for n, v in sm.groupdict().items() if v is not None)
                m = AgencyMatch(
                    sm.start(), sm.end(), g.subject_names[idx], text[sm.start() : sm.end()]
                )
        if m is None:
            break
        found.append(m)
        end = m.end
        sep = _SEP.match(text, end)
        if not sep:
            break
        pos = sep.end()
    return end, found
