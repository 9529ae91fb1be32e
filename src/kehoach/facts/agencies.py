"""Agency names: a gazetteer (data/agencies.yaml) and a matcher over running text.

Matching works on a same-length key of the text (lower case, one tone placement), so a
match's offsets are offsets into the original string.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from kehoach.datafiles import load
from kehoach.text import fold_tones, key, squash


@dataclass(frozen=True)
class AgencyMatch:
    start: int
    end: int
    name: str  # canonical
    as_written: str
    known: bool = True  # False: a well-formed name ('Ban Quản lý dự án ...') not in the gazetteer


def lkey(s: str) -> str:
    """Same-length comparison key: offsets in the key are offsets in `s`. Memoised: the
    matchers call it on the same block at every position (a long line stays linear)."""
    return _short_key(s) if len(s) < _LONG else _long_key(s)


@lru_cache(maxsize=4096)
def _short_key(s: str) -> str:
    low = s.lower()
    return _unbracket(s, _fold_lower(low)) if len(low) == len(s) else low


# An acronym defined inside a name: 'Ban An toàn giao thông (ATGT) tỉnh', 'Ủy ban nhân dân
# (UBND) tỉnh'. The key reads it as spaces, so the name runs on over it.
_ACRONYM = regex.compile(r"(?<=\w )\(\p{Lu}{2,}[\p{Lu}&-]*\)(?= \w)")


def _unbracket(s: str, k: str) -> str:
    if "(" not in s:
        return k
    for m in _ACRONYM.finditer(s):  # same length: offsets hold
        k = k[: m.start()] + " " * len(m[0]) + k[m.end() :]
    return k


# Long texts are few but large: the last few are kept (a cache of thousands would hold
# hundreds of megabytes on a long paragraph). A heading that runs on into a reflowed
# paragraph is read again after each cut, each time a shorter tail of the same text: a
# tail's key is read off its parent's key.
_LONG = 256
_parents: deque[tuple[str, str, bool]] = deque(maxlen=8)  # text, key, tails may use it


def _long_key(s: str) -> str:
    recent = tuple(_parents)
    for parent, pkey, _ in recent:
        if parent is s or (len(parent) == len(s) and parent == s):
            return pkey
    for parent, pkey, tails in recent:
        if tails and len(parent) > len(s) and parent.endswith(s):
            out = _suffix_key(s, pkey[len(parent) - len(s) :])
            _parents.append((s, out, True))
            return out
    low = s.lower()
    if len(low) != len(s):
        _parents.append((s, low, False))
        return low
    out = _unbracket(s, _fold_lower(low))
    # a tail's key is its parent's only where lower case goes letter by letter: not with
    # a letter that lower-cases to two, nor with 'Σ' (its lower case depends on neighbours)
    _parents.append((s, out, "Σ" not in s))
    return out


@cache
def _lower_folds() -> tuple[regex.Pattern[str], dict[str, str]] | None:
    """text.fold_tones for lower-case text as one case-sensitive pattern and a table (fold_tones
    is case-insensitive, twice as slow to scan). The table is read off fold_tones itself:
    every two letters it changes, a carrier and a toned vowel; and the pattern is used only
    if fold_tones follows the same rule for each (not after 'q', not before a letter)."""
    latin = [chr(c) for c in (*range(0xE0, 0x1B1), *range(0x1EA0, 0x1EFA))]
    toned = [ch for ch in latin if ch.islower() and unicodedata.decomposition(ch)]
    carriers = "aeiouyăâêôơư"  # the vowels
    table = {p: f for c in carriers for v in toned if (f := fold_tones(p := c + v)) != p}
    for p, f in table.items():
        if (
            len(f) != 2
            or fold_tones("q" + p) != "q" + p
            or fold_tones(p + "a") != p + "a"
            or fold_tones("a" + p + " ") != "a" + f + " "
        ):
            return None
    alts = "|".join(regex.escape(p) for p in sorted(table))
    return regex.compile(r"(?<!q)(?:" + alts + r")(?!\p{L})"), table


def _fold_lower(low: str) -> str:
    """fold_tones(low) for a lower-case `low`."""
    fast = _lower_folds()
    if fast is None:
        return fold_tones(low)
    pattern, table = fast
    return str(pattern.sub(lambda m: table[m.group(0)], low))


def _suffix_key(s: str, tail: str) -> str:
    """The key of `s` from `tail`, the same characters' part of a longer text's key. They
    differ at most in the first two: there a tone fold depends on the letter before `s`
    ('q' blocks it) or spans it, and is redone from `s` alone. Further on every fold looks
    at the same letters, and lower case (Σ aside) is letter by letter."""
    return fold_tones(s[:4].lower())[:2] + tail[2:]


def _alias_pattern(alias: str, abbreviations: dict[str, str]) -> tuple[str, frozenset[str] | None]:
    """The alias's regex, and the literals one of which its match starts with (the first
    word's first _PREFIX characters, written out or abbreviated); None when it may start
    with a space or a separator."""
    k = key(alias)
    for short, full in sorted(abbreviations.items(), key=lambda kv: -len(kv[1])):
        k = k.replace(key(full), f"\x00{short}\x00")
    parts = regex.split("(\x00[^\x00]*\x00)", k)
    out: list[str] = []
    leads: list[str | None] = []  # per alternative of the first piece that is not empty
    for part in parts:
        if part.startswith("\x00"):
            short = part.strip("\x00")
            full = key(abbreviations[short])
            out.append("(?:" + _plain(full) + "|" + _plain(short) + ")")
            first = [_lead(full), _lead(short)]
        else:
            out.append(_plain(part))
            first = [_lead(part)]
        if out[-1] and not leads:
            leads = first
    pattern = "".join(out)
    # 'Ủy ban MTTQ tỉnh' is 'Ủy ban MTTQ Thành phố' in a centrally run city.
    if pattern.endswith("tỉnh"):
        pattern = pattern[: -len("tỉnh")] + "(?:tỉnh|thành\\s+phố)"
        if len(parts) == 1 and len(_tokens(k)) == 1:
            leads = [None]  # the one word itself has two forms
    if not leads or any(x is None for x in leads):
        return pattern, None
    return pattern, frozenset(x for x in leads if x is not None)


_PREFIX = 2  # characters of an alias's first word the gazetteer dispatches on


def _tokens(s: str) -> list[str]:
    return [t for t in regex.split(r"\s*([-–,&])\s*|\s+", s.strip()) if t]


def _lead(s: str) -> str | None:
    """The literal a match of _plain(s) starts with: its first word's first characters."""
    tokens = _tokens(s)
    if s[:1].isspace() or not tokens or tokens[0] in ("-", "–", ",", "&"):
        return None
    return tokens[0][:_PREFIX]


def _plain(s: str) -> str:
    """Regex for a key: any spacing between words and around '-', ',' and '&'; a comma may
    be missing or be 'và'."""
    tokens = regex.split(r"\s*([-–,&])\s*|\s+", s.strip())
    out: list[str] = []
    spaced = True  # the last piece takes the spacing after it
    for tok in tokens:
        if not tok:
            continue
        if tok in ("-", "–"):
            out.append(r"\s*[-–]\s*")
        elif tok == ",":
            # a copy may lose the comma of a list inside a name ('UBND các phường xã'), or
            # close the list with 'và' ('UBND các huyện, thị xã và thành phố')
            out.append(r"(?:\s*,\s*|\s+và\s+|\s*)")
        elif tok == "&":
            out.append(r"\s*&\s*")
        else:
            if not spaced:
                out.append(r"\s+")
            out.append(regex.escape(tok))
            spaced = False
            continue
        spaced = True
    lead = r"\s+" if s[:1].isspace() else ""
    trail = r"\s+" if s[-1:].isspace() and s.strip() else ""
    return lead + "".join(out) + trail


def _words(items: Iterable[str]) -> str:
    """Alternation of word sequences (keys), longest first, any spacing."""
    return "|".join(_plain(key(w)) for w in sorted(items, key=len, reverse=True))


def _branch(m: re.Match[str]) -> int:
    """Index of the alternative that matched, in a pattern of named groups 'a0', 'a1' ... with
    no other capturing group: the last group closed is that alternative (O(1), where scanning
    groupdict() costs one look per alias)."""
    return int(str(m.lastgroup)[1:])


@dataclass(frozen=True)
class Aliases:
    """The alternation of every alias (named groups 'a0', 'a1' ..., longest alias first),
    split by the literal an alias starts with: at a position only the aliases that can start
    there are tried, in the same order, so a match is the one the whole alternation gives."""

    by_prefix: dict[str, re.Pattern[str]]
    other: re.Pattern[str] | None  # aliases that may start with anything

    def match(self, k: str, pos: int) -> re.Match[str] | None:
        p = (
            self.by_prefix.get(k[pos : pos + _PREFIX])
            or self.by_prefix.get(k[pos : pos + 1])
            or self.other
        )
        return p.match(k, pos) if p is not None else None


def alternation(branches: Iterable[str]) -> re.Pattern[str]:
    """Whole-word alternation of alias branches. The standard `re` compiles these patterns
    (escaped words, spacing, named groups) three times faster than `regex`, and compiling
    them is a third of a batch's start-up; a key has no combining marks, where the two
    modules' word characters differ."""
    return re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)")


def _aliases(branches: list[tuple[str, frozenset[str] | None]]) -> Aliases:
    """Per literal P an alias may start with: the aliases that can match at a text starting
    with P. A two-letter P also takes the aliases whose first word is one letter long;
    a one-letter P is looked up only when no two-letter one matched."""
    prefixes = {p for _, leads in branches if leads for p in leads}

    def fits(leads: frozenset[str] | None, p: str) -> bool:
        return leads is None or any(x == p or (len(x) < len(p) and p[0] == x) for x in leads)

    by_prefix = {p: alternation(b for b, leads in branches if fits(leads, p)) for p in prefixes}
    rest = [b for b, leads in branches if leads is None]
    return Aliases(by_prefix, alternation(rest) if rest else None)


@dataclass(frozen=True)
class Gazetteer:
    aliases: Aliases
    branches: tuple[str, ...]  # the alias patterns, in the order they are tried
    names: tuple[str, ...]  # group index -> canonical name
    spellings: tuple[str, ...]  # group index -> the alias as the data file spells it
    keep: frozenset[str]  # canonical names replaced by the plan's own wording
    kept_groups: frozenset[str]  # groups named by what they are, kept as the plan words them
    fixed: frozenset[str]  # names FORMAT.md fixes for every province and city (groups, MTTQ)
    generic: regex.Pattern[str]
    head_starts: frozenset[str] | None  # first two letters of the name heads (None: any)
    stops: frozenset[str]
    addressing: regex.Pattern[str]
    subject_only: regex.Pattern[str]
    subject_names: tuple[str, ...]
    canonical: tuple[str, ...]  # every canonical name, for fuzzy repair
    vague_tail: regex.Pattern[str]
    not_duty_after: frozenset[str]
    not_agencies: regex.Pattern[str]
    central: frozenset[str]  # ministries and national bodies
    press: regex.Pattern[str]  # generic entries ('Báo' + the paper's own name)


_CAPTURING = regex.compile(r"(?<!\\)(?:\\\\)*\((?!\?)")


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
    branches: list[tuple[str, frozenset[str] | None]] = []
    for i, (alias, _) in enumerate(entries):
        pattern, leads = _alias_pattern(alias, abbreviations)
        if _CAPTURING.search(pattern):  # checked on the text: compiling all costs 0.1 s
            raise ValueError(f"agency alias {alias!r} holds a capturing group (see _branch)")
        branches.append((f"(?P<a{i}>{pattern})", leads))
    heads = "|".join(
        regex.escape(h).replace(r"\ ", r"\s+") for h in sorted(data["name_heads"], key=len)[::-1]
    )
    # a unit numbered in its name ('Bộ Tư lệnh Vùng Cảnh sát biển 3', 'Quân khu 7', 'Ban Chỉ
    # đạo 138') keeps its number
    generic = regex.compile(
        r"(?<!\w)(?:" + heads + r")\s+\p{Lu}[\p{L}&]*(?:\s+(?:[\p{L}&]+|-|–))*"
        r"(?:\s+(?:\d{1,3}|[IVX]{1,5})(?![\w/]|[.,]\d))?"
    )
    starts = frozenset(h[:2] for h in data["name_heads"])
    # a head that does not open with two letters: no quick check
    head_starts = starts if all(len(h) == 2 and h.isalpha() for h in starts) else None
    stops = frozenset(key(s) for s in data["name_stops"])
    # ('Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, ...': a colon may follow)
    addressing = regex.compile(r"\s*(?:" + _words(data["addressing"]) + r")\s*:?\s+")
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
    kept_groups = frozenset(e["name"] for e in data["groups"] if e.get("keep_written"))
    fixed = frozenset(
        e["name"] for e in data["groups"] if not e.get("generic") and not e.get("keep_written")
    ) | frozenset(data.get("fixed_names", []))
    canonical = tuple(e["name"] for e in data["agencies"] + data["groups"] if not e.get("generic"))
    vague_tail = regex.compile(r"(?:" + "|".join(data["vague_tails"]) + r")(?!\w)")
    not_agencies = regex.compile(r"(?:" + _words(data["not_agencies"]) + r")(?!\w)")
    central = frozenset(e["name"] for e in data["agencies"] if e.get("level") == "central")
    return Gazetteer(
        _aliases(branches),
        tuple(b for b, _ in branches),
        names,
        tuple(alias for alias, _ in entries),
        keep,
        kept_groups,
        fixed,
        generic,
        head_starts,
        stops,
        addressing,
        subject_only,
        tuple(n for _, n in subj),
        canonical,
        vague_tail,
        frozenset(key(w) for w in data["not_duty_after"]),
        not_agencies,
        central,
        regex.compile(
            r"(?:"
            + "|".join(regex.escape(key(e["name"])) for e in data["agencies"] if e.get("generic"))
            + r")\s"
        ),
    )


@cache
def _group_names() -> frozenset[str]:
    return frozenset(e["name"] for e in load("agencies")["groups"])


_GROUP_WORDS = regex.compile(r"(?:^Các|\scác|\scấp)\s")


def is_group(name: str) -> bool:
    """A name for many bodies ('Các sở, ban, ngành', 'Ủy ban nhân dân cấp xã', 'Ban An toàn
    giao thông các huyện'), whose other members a member may work with; one body is never
    its own partner."""
    return name in _group_names() or _GROUP_WORDS.search(name) is not None


@cache
def parents() -> dict[str, str]:
    """Bodies that are part of another ('Cảnh sát giao thông' of 'Công an tỉnh'): agencies.yaml
    `part_of`."""
    return {e["name"]: e["part_of"] for e in load("agencies")["agencies"] if e.get("part_of")}


# after a dash, a post or a body, not the rest of a place's name ('UBND xã X - Trưởng Ban ...')
_NOT_PLACE = "(?:Trưởng|Phó|Chủ|Bí|Giám|Thành|Tổ|Đội|Ban|Sở|Phòng|Văn|Ủy|UBND|Công|Hội)(?!\\p{Ll})"
# 'UBND phường Lào Cai', 'Ủy ban nhân dân huyện Tràng Định', 'UBND Phường 3': one local authority.
# the units of local government ('xã', 'phường' ... 'đặc khu'), as a pattern's alternation
LOCAL_UNITS = r"xã|phường|thị trấn|huyện|quận|thị xã|thành phố|đặc khu"
_LOCAL = regex.compile(
    r"(?:(?i:Ủy ban nhân dân)|UBND)\s+(?P<unit>(?i:" + LOCAL_UNITS + r"))"
    # a place named with a dash keeps it ('phường Cam Ly - Đà Lạt', since the 2025 mergers)
    r"\s+(?P<place>(?:\p{Lu}\p{Ll}*|\d+)(?:(?:\s+|\s+[-–]\s+(?=\p{Lu}\p{Ll})(?!"
    + _NOT_PLACE
    + r"))(?:\p{Lu}\p{Ll}*|\d+))*)"
)


@cache
def _central_cities() -> frozenset[str]:
    return frozenset(key(c) for c in load("page")["cities"])


_CITY_ISSUER = regex.compile(r"(?:ủy ban nhân dân|ubnd)\s+thành\s+phố\s+(?P<city>.+)$")


def of_central_city(issuer: str | None) -> bool:
    """Is the plan a centrally run city's ('Ủy ban nhân dân thành phố Cần Thơ')?"""
    m = _CITY_ISSUER.match(key(issuer or ""))
    return m is not None and m.group("city") in _central_cities()


def city_body(name: str) -> str:
    """A centrally run city's own body, named as the city names it: 'Công an tỉnh' is
    'Công an Thành phố', 'Ban Tuyên giáo và Dân vận Tỉnh ủy' is '... Thành ủy' (a bare
    'lực lượng Công an' in Cần Thơ's plan is the city's police); FORMAT.md keeps the
    Front's key for every province and city."""
    if name in gazetteer().fixed:
        return name
    if name.endswith(" tỉnh"):
        return name[: -len("tỉnh")] + "Thành phố"
    if name.endswith(" Tỉnh ủy"):
        return name[: -len("Tỉnh ủy")] + "Thành ủy"
    return name


# a commune's own bodies: the issuer ends with the commune ('Ủy ban nhân dân xã Lương Minh',
# 'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường Bắc Cam Ranh')
_COMMUNE_ISSUER = regex.compile(
    r"(?<!\p{L})(?<!(?i:thị)\s)(?P<unit>xã|phường|thị trấn|đặc khu)"  # a 'thị xã' is a district's level
    r"\s+(?P<place>\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*)$"
)


def commune_body(issuer: str | None) -> Callable[..., str] | None:
    """For a commune's plan, how it names its own bodies: without the commune's name, as a
    province's plan names its bodies without the province's ('Ủy ban nhân dân xã Lương
    Minh' is the Ủy ban nhân dân xã); a body written bare ('MTTQ', 'Công an') that the
    gazetteer keys to the province is the commune's. None for any other plan."""
    m = _COMMUNE_ISSUER.search(issuer or "")
    if m is None:
        return None
    unit: str = m.group("unit")
    own = f" {unit} {m.group('place')}"

    def name(canonical: str, written: str = "") -> str:
        if canonical.endswith(own):
            return canonical[: -len(own)] + f" {unit}"
        if written and canonical.endswith(" tỉnh") and "tỉnh" not in written.lower():
            return canonical[: -len("tỉnh")] + unit
        return canonical

    return name


def _local(text: str, pos: int) -> AgencyMatch | None:
    two = text[pos : pos + 2]
    if two != "UB" and two.lower() != "ủy":
        return None  # _LOCAL opens with 'Ủy ban nhân dân' (any case) or 'UBND'
    m = _LOCAL.match(text, pos)
    if not m or key(m.group("place")) in _central_cities():
        return None
    name = f"Ủy ban nhân dân {m.group('unit').lower()} {m.group('place')}"
    return AgencyMatch(m.start(), m.end(), name, m.group(0))


def _may_name(g: Gazetteer, text: str, k: str, pos: int) -> bool:
    """False when match_at(text, pos) is sure to find nothing: no alias, local authority
    ('Ủy ban nhân dân ...', 'UBND ...') or name head can start there."""
    a = g.aliases
    two = text[pos : pos + 2]
    return (
        a.other is not None
        or k[pos : pos + _PREFIX] in a.by_prefix
        or k[pos : pos + 1] in a.by_prefix
        or two == "UB"
        or two.lower() == "ủy"
        or g.head_starts is None
        or two in g.head_starts
    )


def match_at(text: str, pos: int = 0) -> AgencyMatch | None:
    """The agency named at text[pos:]: gazetteer, a named local authority, else a
    well-formed name that opens with an agency word ('Sở X', 'Ban Quản lý ...').

    Cached for texts up to _CACHED characters: lists, headings and duties are read at the
    same positions by several readers (a longer text is rare, and would fill memory)."""
    return _match_at_cached(text, pos) if len(text) <= _CACHED else _match_at(text, pos)


_CACHED = 2048


@lru_cache(maxsize=8192)
def _match_at_cached(text: str, pos: int) -> AgencyMatch | None:
    return _match_at(text, pos)


def _match_at(text: str, pos: int) -> AgencyMatch | None:
    g = gazetteer()
    k = lkey(text)
    if not _may_name(g, text, k, pos):
        return None
    m = g.aliases.match(k, pos)
    local = _local(text, pos)
    if m and not (local and local.end > m.end()):
        idx = _branch(m)
        end = _place_tail(text, m.end())
        written = text[m.start() : end]
        lm = _UNIT_LIST_PLACE.search(k, m.start(), end)
        if lm:  # read over, not part of the name
            written = text[m.start() : lm.start()]
        name = g.names[idx]
        if name in g.keep or name in g.kept_groups:
            # kept as written, with the commas a copy dropped ('các cơ quan thông tấn báo chí')
            spelled = g.spellings[idx]
            own = text[m.start() : m.end()]
            kept = spelled + text[m.end() : end] if _commas_only(spelled, own) else written
            if own != spelled and own.lower() == spelled.lower() and written.startswith(own):
                # a capital the heading's style gave a word ('Báo và Phát Thanh, Truyền hình
                # tỉnh'): one body, one spelling
                kept = spelled + written[len(own) :]
            if name in g.keep:
                name = _written_name(kept)
            else:
                name = "Các " + expand_written(_CAC.sub("", kept.strip()))  # 'cơ quan ngành dọc'

        elif name.endswith(" tỉnh") and _CITY_END.search(lkey(written)):
            name = city_body(name)  # a centrally run city's body: 'Công an Thành phố
        return _of_every_province(text, k, AgencyMatch(m.start(), end, name, written))
    if local:
        return local
    # a generic name opens with one of the name heads, as written
    gm = (
        g.generic.match(text, pos)
        if g.head_starts is None or text[pos : pos + 2] in g.head_starts
        else None
    )
    if not gm or g.not_agencies.match(k, pos):
        return None
    end = _place_tail(text, _trim_generic(text, gm.start(), gm.end(), g.stops))
    written = text[gm.start() : end]
    fixed = repair(written)
    # a name is capitalised as a name ('phòng Kinh tế' mid-sentence is Phòng Kinh tế), its
    # abbreviations spelt out ('Ban Thường trực Ủy ban MTTQ xã')
    named = fixed or _capital(expand_written(written))
    found = AgencyMatch(gm.start(), end, named, written, known=fixed is not None)
    return _of_every_province(text, k, found)


# a national plan's addressees: 'Sở Y tế các tỉnh, thành phố trực thuộc trung ương'
_EVERY_PROVINCE = regex.compile(
    r"\s+các\s+tỉnh,\s*thành\s+phố(?:\s+trực\s+thuộc\s+(?:trung\s+ương|tw))?(?!\w)"
)


def _of_every_province(text: str, k: str, m: AgencyMatch) -> AgencyMatch:
    """A provincial body named for every province ('Sở Y tế các tỉnh, thành phố', 'Trung
    tâm cấp cứu các tỉnh, thành phố'): a group, named so, not the one body."""
    pm = _EVERY_PROVINCE.match(k, m.end)
    if pm is None or m.name.startswith(("Bộ ", "Các ", "Ủy ban nhân dân các")):
        return m
    base = m.name.removesuffix(" tỉnh").removesuffix(" Thành phố")
    return AgencyMatch(m.start, pm.end(), f"{base} các tỉnh, thành phố", text[m.start : pm.end()])


def comma_blind(name: str) -> str:
    """Comparison key without commas: a copy may drop one ('các Bộ ngành')."""
    return " ".join(key(name).replace(",", " ").split())


def _commas_only(spelled: str, written: str) -> bool:
    """The alias and the text differ only in commas the text left out."""
    if "," not in spelled or spelled.count(",") <= written.count(","):
        return False
    return comma_blind(spelled) == comma_blind(written)


@cache
def _place_re() -> regex.Pattern[str]:
    names = load("page")["provinces"]
    return regex.compile(r"\s+(?:" + _words(names) + r")(?!\w)")


_AREA_NUMBER = regex.compile(r"\s+(?:\d{1,2}|[IVX]{1,4})(?:\.\d{1,2})?(?!\w)")
_UNIT_TAIL = regex.compile(r"\s+(?:tỉnh|thành\s+phố)(?!\w)")
_SPACES = regex.compile(r"\s+")


def _unit_follows(k: str, pos: int) -> bool:
    """'tỉnh' or 'thành' starts after the spaces at `pos`. Checked before _UNIT_TAIL: the
    regex engine would look for those words over the whole rest of the text first."""
    sm = _SPACES.match(k, pos)
    return sm is not None and k.startswith(("tỉnh", "thành"), sm.end())


# read backwards from the end of a name: a search for '...$' would scan the text before it
_ENDS_WITH_UNIT = regex.compile(r"(?:tỉnh|thành\s+phố)\n?", regex.REVERSE)


def _place_tail(text: str, end: int) -> int:
    """'Công an' + ' tỉnh' + ' Lào Cai': the province a name is followed by belongs to it."""
    k = lkey(text)
    if not _ENDS_WITH_UNIT.match(k, 0, end):
        um = _UNIT_TAIL.match(k, end) if _unit_follows(k, end) else None
        if um:
            end = um.end()
    pm = _place_re().match(k, end)
    if pm:
        return int(pm.end())
    # 'Ngân hàng Nhà nước chi nhánh Khu vực' + ' II', 'Khu Quản lý đường bộ' + ' III'
    km = _AREA_NUMBER.match(text, end) if k.endswith(("khu vực", "đường bộ"), 0, end) else None
    return int(km.end()) if km else end


_CAC = regex.compile(r"^(?:các|Các)\s+")
# '... các huyện, thành phố' + ' Nam Định': the city of that name is one of the list, not
# the province the list belongs to
_UNIT_LIST_PLACE = regex.compile(r"các\s+(?:huyện|quận|xã)[^.;:]{0,40},\s*thành\s+phố\K\s+\S")
_CITY_END = regex.compile(r"thành\s+phố\s*$")
_WORD = regex.compile(r"\S+")


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def _written_name(written: str) -> str:
    """A body kept as written: leading 'các' dropped, abbreviations spelled out, first
    letter capitalised."""
    w = expand_written(_CAC.sub("", written.strip()))
    return str(w[:1].upper() + w[1:])


@cache
def _written_expansions() -> tuple[regex.Pattern[str], dict[str, str]]:
    table: dict[str, str] = load("agencies")["written_expansions"]
    longest_first = sorted(table, key=len, reverse=True)  # 'UBMTTQ xã' before 'UBMTTQ'
    return (
        regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, longest_first)) + r")(?!\w)"),
        table,
    )


@cache
def _acronyms() -> tuple[regex.Pattern[str], dict[str, str]]:
    table = {k.lower(): v for k, v in load("agencies")["written_expansions"].items() if k.isupper()}
    return regex.compile(r"(?i)(?<!\w)(?:" + "|".join(map(regex.escape, table)) + r")(?!\w)"), table


def expand_acronyms(name: str) -> str:
    """expand_written's acronyms in any case, for a name whose capitals were lowered ('Ủy ban
    mttq việt nam xã X', a title block's capitals in sentence case)."""
    pattern, table = _acronyms()
    return str(pattern.sub(lambda m: table[m.group(0).lower()], name))


def expand_written(name: str) -> str:
    """Abbreviations spelled out; an acronym defined inside the name dropped."""
    if "(" in name:
        name = _ACRONYM.sub("", name).replace("  ", " ")
    pattern, table = _written_expansions()
    return str(pattern.sub(lambda m: table[m.group(0)], name))


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


# After the unit of a local government a name goes on only with the place's own name
# ('Ủy ban MTTQ Việt Nam xã Lương Minh', 'UBND Phường 3'), never with a word in small letters
# ('... xã tiến hành', '... phường thành lập đoàn'); 'xã hội' and 'hợp tác xã' are no unit.
_UNIT_WORDS = regex.compile(r"(?:tỉnh|" + LOCAL_UNITS + r")$")


def _after_unit(words: list[regex.Match[str]], i: int) -> bool:
    before = " ".join(w.group(0) for w in words[max(0, i - 2) : i])
    if not _UNIT_WORDS.search(before):
        return False
    if before.endswith(" xã") and (
        before.endswith("hợp tác xã") or key(words[i].group(0)) == "hội"
    ):
        return False
    return not words[i].group(0)[:1].isdigit()


def _trim_generic(text: str, start: int, end: int, stops: frozenset[str]) -> int:
    """Cut a generic name before the first verb-like stop word or another agency."""
    words = list(_WORD.finditer(text[start:end]))
    keep_end = words[1].end() if len(words) > 1 else words[0].end()
    for i in range(2, len(words)):
        w = key(words[i].group(0))
        two = key(" ".join(x.group(0) for x in words[i : i + 2]))
        verb = not words[i].group(0)[:1].isupper()  # 'Văn phòng Quản lý đường bộ': a name
        if verb and _after_unit(words, i):
            break  # 'Ban Thường trực Ủy ban MTTQ xã' + ' tiến hành ...'
        if (verb and (w in stops or two in stops)) or (
            w == "và"
            and i + 1 < len(words)
            and words[i + 1].group(0) in {"Sở", "Ban", "Ủy", "UBND", "Văn", "Báo", "Đài", "các"}
        ):
            break
        keep_end = words[i].end()
    return start + int(keep_end)


# ('Các sở, ban, ngành đoàn thể và ...': the mass organisations follow without a comma)
_SEP = regex.compile(
    r"\s*(?:,\s*và|;|,|và|cùng(?:\s+với)?)\s*|\s+(?=(?:các\s+)?[đĐ]oàn\s+thể(?!\w))"
)
# 'có liên quan', 'thuộc tỉnh' after a list member
_RELATED = regex.compile(
    r"\s+(?:(?:có\s+)?liên\s+quan|cấp\s+tỉnh|(?:trực\s+)?thuộc\s+(?:tỉnh|thành\s+phố|(?:ủy ban nhân dân|ubnd)\s+(?:tỉnh|thành\s+phố))"
    r"|trên\s+địa\s+bàn(?:\s+(?:tỉnh|thành\s+phố))?|của\s+(?:tỉnh|thành\s+phố)|chức\s+năng"
    # 'Các sở, ban, ngành, đoàn thể là thành viên Ban An toàn giao thông tỉnh; UBND ...'
    r"|(?:có\s+lãnh\s+đạo\s+)?là\s+(?:cơ\s+quan\s+)?(?:thành\s+viên|ủy\s+viên)\s+(?:của\s+)?(?:ủy\s+)?ban\s+(?:an\s+toàn\s+giao\s+thông|atgt)"
    r"(?:\s+(?:tỉnh|thành\s+phố|quốc\s+gia))?)(?!\w)"
)


def _skip_addressing(k: str, pos: int) -> int:
    """Past 'Yêu cầu', 'Thủ trưởng', 'Đề nghị Giám đốc' ... before an addressee."""
    while m := gazetteer().addressing.match(k, pos):
        pos = int(m.end())
    return pos


def leading_agencies(text: str) -> tuple[int, list[AgencyMatch]]:
    """Agencies a heading opens with ('Giao Sở X', 'Các sở, ban, ngành; UBND cấp huyện',
    'Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh').

    Vague members ('và các cơ quan, đơn vị có liên quan') are read over: they extend the
    list but name no one. Returns the end offset of the list and its members; (0, []) when
    the text does not open with an agency.
    """
    end, found = _leading_cached(text) if len(text) <= _CACHED else _leading_agencies(text)
    return end, list(found)


@lru_cache(maxsize=4096)
def _leading_cached(text: str) -> tuple[int, tuple[AgencyMatch, ...]]:
    """A heading is read when its title is cut and again by the extractors."""
    return _leading_agencies(text)


def local_authorities_at(text: str, pos: int, k: str | None = None) -> AgencyMatch | None:
    """'địa phương' after other addressees ('Các sở, ban, ngành, địa phương căn cứ ...'):
    the local authorities, unless a vague list goes on ('các địa phương, đơn vị có liên
    quan'). `k` is lkey(text), when the caller has it."""
    g = gazetteer()
    k = lkey(text) if k is None else k
    sm = g.subject_only.match(k, pos)
    if not sm:
        return None
    vm = g.vague_tail.match(k, pos)
    if vm and vm.end() > sm.end() and _ANY_RELATED.search(vm.group()):
        return None  # '... các địa phương, đơn vị có liên quan': whoever it concerns
    return AgencyMatch(
        sm.start(), sm.end(), g.subject_names[_branch(sm)], text[sm.start() : sm.end()]
    )


_DEPARTMENTS = regex.compile(r"(?:các\s+)?sở\s*:\s*")
_DEPARTMENT_SEP = regex.compile(r"\s*,\s*|\s+và\s+")


def departments_at(text: str, pos: int, k: str | None = None) -> tuple[int, list[AgencyMatch]]:
    """'Các Sở: Thông tin và Truyền thông, Tư pháp': each named department, the list's
    end; (pos, []) when no such list starts at `pos`."""
    k = lkey(text) if k is None else k
    dm = _DEPARTMENTS.match(k, pos)
    if dm is None:
        return pos, []
    found: list[AgencyMatch] = []
    end = p = dm.end()
    while p < len(text):
        probe = "Sở " + text[p : p + 120]
        m = match_at(probe, 0)
        if m is None or not m.known or m.end <= 3:
            break
        found.append(AgencyMatch(p, p + m.end - 3, m.name, text[pos : p + m.end - 3]))
        end = p + m.end - 3
        sep = _DEPARTMENT_SEP.match(text, end)
        if sep is None:
            break
        p = sep.end()
    if not found:
        return pos, []
    written = text[pos:end]
    return end, [AgencyMatch(a.start, a.end, a.name, written) for a in found]


_ANY_RELATED = regex.compile(r"(?<!\w)(?:liên\s+quan|khác)(?!\w)")
_LISTED_LOCALITIES = regex.compile(r",\s*(?:các\s+)?địa\s+phương$")
_HEADS_OF = regex.compile(r"(?<!\w)(?:thủ\s+trưởng|người\s+đứng\s+đầu)\s+các\s")


def _listed_localities(text: str, k: str, vm: regex.Match[str]) -> AgencyMatch | None:
    """'Thủ trưởng các cơ quan, đơn vị, địa phương tiếp tục ...': the offices and units are
    nobody in particular, but the head of a locality is its People's Committee's chair, so
    the localities that close the list are the local authorities. Without the heads ('Các
    cơ quan, đơn vị, địa phương căn cứ ...') the list stays vague, as annotators read it."""
    lm = _LISTED_LOCALITIES.search(k, vm.start(), vm.end())
    if lm is None or not _HEADS_OF.search(k, 0, vm.start() + 20):
        return None
    return local_authorities_at(text, lm.end() - len("địa phương"), k)


def _leading_agencies(text: str) -> tuple[int, tuple[AgencyMatch, ...]]:
    g = gazetteer()
    k = lkey(text)
    pos = _skip_addressing(k, 0)
    found: list[AgencyMatch] = []
    end = 0
    while True:
        listed_end, listed = departments_at(text, pos, k)
        m = None if listed else match_at(text, pos)
        vm = None if listed else g.vague_tail.match(k, pos)
        if m is None and not listed and (found or k.startswith("từng", pos)):
            # 'Từng địa phương phải có kế hoạch ...': each locality, alone, is named too
            m = local_authorities_at(text, pos, k)
        if listed:  # 'Các Sở: Thông tin và Truyền thông, Tư pháp'
            found += listed
            end = listed_end
        elif m is not None:
            named = named_units(text, m) or level_bodies(text, m)
            found += named or [m]
            end = named[-1].end if named else m.end
        elif vm and vm.end() > pos:
            end = int(vm.end())
            if lm := _listed_localities(text, k, vm):
                found.append(lm)
        else:
            break
        rm = _RELATED.match(k, end)
        if rm:
            end = int(rm.end())
        sep = _SEP.match(text, end)
        if not sep:
            break
        pos = _skip_addressing(k, sep.end())
    return (end, tuple(found)) if found else (0, ())


_LEVEL = r"(?:huyện|quận|thị xã|thành phố|xã|phường|thị trấn)"
_UNIT_NAME = r"\p{Lu}[\p{L}']*(?:\s+\p{Lu}[\p{L}']*){0,3}"
# 'Ban An toàn giao thông các huyện' + ' Si Ma Cai, Bảo Yên, thị xã Sa Pa'; 'Ủy ban nhân dân
# các xã' + ': Gia Thuận, Tân Điền, Gò Công Đông'
_LEVEL_LIST = regex.compile(r"(?P<base>.+?)\s+các\s+(?P<level>" + _LEVEL + r")$")
_NAMED_UNITS = regex.compile(
    r"\s*:?\s*(?P<first>" + _UNIT_NAME + r")"
    r"(?P<more>(?:\s*,\s*|\s+và\s+)(?:" + _LEVEL + r"\s+)?" + _UNIT_NAME + r")+"
)
_NAMED_UNIT = regex.compile(r"(?:(?P<level>" + _LEVEL + r")\s+)?(?P<name>" + _UNIT_NAME + r")")


def named_units(text: str, m: AgencyMatch) -> list[AgencyMatch]:
    """A body of every unit of a level, the units then named: one body each ('Ban An toàn
    giao thông các huyện Si Ma Cai, Bảo Yên, thị xã Sa Pa' -> 'Ban An toàn giao thông huyện
    Si Ma Cai', ..., 'Ban An toàn giao thông thị xã Sa Pa'); [] when no names follow."""
    lm = _LEVEL_LIST.match(m.as_written.strip())
    nm = _NAMED_UNITS.match(text, m.end) if lm else None
    if lm is None or nm is None:
        return []
    base = expand_written(lm.group("base"))
    out: list[AgencyMatch] = []
    for part in regex.split(r"\s*,\s*|\s+và\s+", text[nm.start("first") : nm.end()]):
        um = _NAMED_UNIT.fullmatch(part.strip())
        if um is None:
            return []
        level = um.group("level") or lm.group("level")
        name = f"{base} {level} {um.group('name')}"
        out.append(AgencyMatch(m.start, nm.end(), name, text[m.start : nm.end()]))
    return out


_LEVELS = regex.compile(
    r"\s+cấp\s+(?:tỉnh|huyện|xã)(?:\s*(?:,|và)\s*cấp\s+(?:tỉnh|huyện|xã))+(?!\w)", regex.IGNORECASE
)
_ONE_LEVEL = regex.compile(r"cấp\s+(tỉnh|huyện|xã)", regex.IGNORECASE)


def level_bodies(text: str, m: AgencyMatch) -> list[AgencyMatch]:
    """A body named once for several levels: one body each ('Ban Chỉ huy Phòng thủ dân sự
    cấp tỉnh, cấp xã' -> 'Ban Chỉ huy Phòng thủ dân sự tỉnh', '... cấp xã'); [] otherwise."""
    lm = _LEVELS.match(text, m.end)
    if lm is None:
        return []
    base = squash(text[m.start : m.end])
    out: list[AgencyMatch] = []
    for written in _ONE_LEVEL.findall(lm.group(0)):
        level = written.lower()
        own = f"{base} {'tỉnh' if level == 'tỉnh' else 'cấp ' + level}"
        known = match_at(own, 0)
        name = known.name if known is not None and known.end >= len(own) else own
        out.append(AgencyMatch(m.start, lm.end(), name, text[m.start : lm.end()]))
    return out


def opens_duty(after: str) -> str | None:
    """What follows a list of agencies: 'stop' (a colon or a verb that ends a name: 'chủ
    trì', 'phối hợp'), 'verb' (a lower-case word that can start a duty: 'đầu tư', 'gửi'),
    or None (a name, a possessive, a report on the past: 'Sở Y tế đã ...')."""
    after = after.lstrip()
    if not after or after[0] in ":;.(-–":
        return "stop"
    words = [w.strip(",;:.") for w in key(after).split(" ")]
    g = gazetteer()
    if any(" ".join(words[:n]) in g.stops for n in (1, 2, 3)):  # 'chịu trách nhiệm'
        return "stop"
    if words[0] in g.not_duty_after or " ".join(words[:2]) in g.not_duty_after:
        return None
    if after[0].islower() and after[0].isalpha():
        return "verb"
    return None


_HEAD_WORD = regex.compile(r"(?<![\w/])(?=\p{Lu})")


def unknown_agency_like(texts: Iterable[str]) -> list[str]:
    """Names that look like agencies ('Ban Quản lý dự án đầu tư xây dựng tỉnh') but that
    the gazetteer does not know: what data/agencies.yaml should learn next. Sorted, once
    each."""
    g = gazetteer()
    out: set[str] = set()
    for text in texts:
        if not g.generic.search(text):
            continue  # only a generic name (a name head and capitals) can be an unknown one
        k = lkey(text)
        pos = 0  # read on after the last name found
        for hm in _HEAD_WORD.finditer(text):
            start = hm.start()
            if start < pos or not _may_name(g, text, k, start):
                continue
            m = match_at(text, start)
            if m is None or g.not_agencies.match(k, start):
                continue
            if not m.known and not g.press.match(k, start):
                name = _TRAILING_PUNCT.sub("", m.as_written)
                if len(name.split()) >= 2:
                    out.add(name)
            pos = max(m.end, start + 1)
    return sorted(out, key=lambda s: (key(s), s))


_TRAILING_PUNCT = regex.compile(r"[\s,;:.\-–]+$")


def strip_place(name: str) -> str:
    """A name without the province's name after its 'tỉnh' ('Ban Quản lý các Khu công
    nghiệp tỉnh Lào Cai' -> '... tỉnh'); unchanged when it has none."""
    m = regex.compile(r"(?<=\s(?:tỉnh|thành\s+phố))" + _place_re().pattern + "$").search(lkey(name))
    return name[: m.start()] if m else name
