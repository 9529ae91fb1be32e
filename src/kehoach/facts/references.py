"""Cited documents: every legal document the plan's text names by its number.

Also decides `implements`: the head documents of the opening 'Thực hiện ...' /
'Căn cứ ...' paragraph, not the documents those in turn implement.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

import regex

from kehoach.datafiles import load
from kehoach.text import key, sentence_case_name, squash


@dataclass
class Citation:
    number: str  # normalised
    doc_type: str | None
    date: str | None
    issuer: str | None
    quote: str
    line_start: int
    line_end: int
    start: int  # offsets in the text searched
    end: int  # end of the citation's tail (date, issuer)
    type_start: int  # where its type word starts (or the number, without one)


@dataclass(frozen=True)
class _RefRules:
    pattern: regex.Pattern[str]
    number: regex.Pattern[str]  # the number alone, without the type words before it
    type_reach: int  # at least the length of the longest type word
    type_by_word: dict[str, str]
    type_by_code: dict[str, str]
    mixed: dict[str, str]
    openers: tuple[str, ...]
    not_basis: regex.Pattern[str]  # a proposal or a report the plan answers: no basis
    basis_link: regex.Pattern[str]
    issuer_codes: frozenset[str]  # upper case


@cache
def _rules() -> _RefRules:
    docs = load("documents")
    words: dict[str, str] = {}
    codes: dict[str, str] = {}
    for t in docs["types"]:
        for w in t["words"]:
            words[key(w)] = t["name"]
        for c in t["codes"]:
            codes[c.upper()] = t["name"]
    word_alt = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    number = (
        # a firm may number a letter by its day and month ('21.4/GĐN', '13.4/2026/ĐN-VL')
        r"(?<![\d/\p{L}])(?P<num>\d{1,5}(?:\.\d{1,2})?(?:\s*/\s*\d{4})?\s*[-/]\s*\p{Lu}[\p{L}\d&]*"
        r"(?:\s*[-/]\s*[\p{Lu}\d][\p{L}\d&]*)*)(?![\p{L}\d])"
    )
    pattern = regex.compile(
        r"(?:(?P<type>(?i:" + word_alt + r"))\s+(?:(?i:số)\s*:?\s*)?)?" + number
    )
    mixed = {m.upper(): m for m in docs["mixed_case_parts"]}
    return _RefRules(
        pattern,
        regex.compile(number),
        2 * max(map(len, words)),
        words,
        codes,
        mixed,
        tuple(key(o) for o in docs["basis_openers"]),
        regex.compile(
            r"(?<!\w)(?:"
            + "|".join(map(regex.escape, sorted(docs["not_basis"], key=len, reverse=True)))
            + r")(?!\w)",
            regex.I,
        ),
        regex.compile(
            r"\s(?:và|cùng)\s+(?:" + "|".join(docs["basis_links"]) + r")\b[^;]*\btại\s*$",
            regex.IGNORECASE,
        ),
        frozenset(c.upper() for c in docs["issuer_codes"]),
    )


_SPACE = regex.compile(r"\s+")
_PART = regex.compile(r"([-/])")
_PART_SEP = regex.compile(r"[-/]")
_LETTER = regex.compile(r"\p{L}")


@lru_cache(maxsize=4096)
def normalise_number(raw: str) -> str:
    """'84- CTR/TU' -> '84-CTr/TU'; spaces out, codes in their proper case."""
    s = _SPACE.sub("", raw)
    mixed = _rules().mixed
    parts = _PART.split(s)
    return "".join(
        p if p in "-/" else mixed.get(p.upper(), p.upper() if _LETTER.search(p) else p)
        for p in parts
    )


def unglued(number: str) -> str:
    """pdftotext drops the hyphen of a number broken at a line's end ('Quyết định số
    10/2024/QĐ-' / 'UBND ...' -> '10/2024/QĐUBND'): a last code that opens with a type's
    code and goes on with another code ('QĐUBND', 'CTTTg', 'NQCP') is parted again. Only
    for text pdftotext gave: elsewhere such a number is printed so, and kept as printed."""
    head, slash, last = number.rpartition("/")
    codes = _rules().type_by_code
    if not slash or "-" in last or _type_from_code(number):  # '02-KH/BCĐTW' has its type
        return number
    for code in sorted(codes, key=len, reverse=True):
        rest = last[len(code) :]
        if last.upper().startswith(code) and rest.upper() in _rules().issuer_codes:
            return normalise_number(f"{head}/{last[: len(code)]}-{rest}")
    return number


def _type_from_code(number: str) -> str | None:
    """'12/QĐ-TTg' -> Quyết định; a legislature's term after its code counts as the code
    ('35/2024/QH15' -> Luật)."""
    codes = _rules().type_by_code
    parts = _PART_SEP.split(number)
    for part in parts[1:]:
        code = part.upper()
        if code in codes:
            return codes[code]
        if _TERM.search(code) and _TERM.sub("", code) in codes:
            return codes[_TERM.sub("", code)]
    return None


_TERM = regex.compile(r"(?<=\p{L})\d{1,2}$")  # 'QH15', 'QH14


_DATE = regex.compile(
    r"\s*,?\s*(?i:ngày)\s+(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?i:tháng)\s+(?P<m2>\d{1,2})\s+(?i:năm)\s+(?P<y2>\d{4}))"
)
# The issuer ends before the words that go on to the document's subject or the sentence
# ('... của Chính phủ có hiệu lực', '... của UBND tỉnh Sửa đổi ...', 'CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ').
_ISSUER = regex.compile(
    r"\s*,?\s*(?i:của)\s+(?P<iss>\p{Lu}[^,;.:()]{1,90}?)"
    r"(?=\s+(?i:về|phê duyệt|thực hiện|ban hành|quy định|hướng dẫn|triển khai|sửa đổi|bổ sung|tại|trên|"
    r"đối với|với|nhằm|để|có|đã|được|là|khoảng|ngày|sau|đến|giai đoạn)\b"
    r"|\s+và\s+(?:các\s+)?(?:Kế hoạch|Quyết định|Nghị|Chương trình|Chỉ thị|Thông)\b|\s*\(|\s*[,;.:(]|\s*$)"
)


@cache
def _issuer_names() -> dict[str, str]:
    return {key(n): n for n in load("documents")["issuer_names"]}


def _proper_issuer(caps: str) -> str:
    """'THỦ TƯỚNG CHÍNH PHỦ' -> 'Thủ tướng Chính phủ'."""
    return _issuer_names().get(key(caps)) or sentence_case_name(caps)


def _date_of(dm: regex.Match[str]) -> str | None:
    d, mo, y = (
        dm.group("d") or dm.group("d2"),
        dm.group("m") or dm.group("m2"),
        dm.group("y") or dm.group("y2"),
    )
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


_LEAD = regex.compile(r"\s*,?\s*")


def _word_follows(text: str, pos: int, word: str) -> bool:
    """`word` starts after the spaces and comma at `pos`, where _DATE ('ngày') and _ISSUER
    ('của') need it. Checked first: the regex engine looks for that word ahead of `pos`
    before it tries either pattern, over the whole rest of a long text."""
    lead = _LEAD.match(text, pos)
    at = lead.end() if lead else pos
    return text.startswith(word, at) or text[at : at + len(word)].lower() == word


_HAS_NUMBER = regex.compile(r"\d\s*[-/]\s*(?:\d{4}\s*/\s*)?\p{Lu}")


def find(text: str, line_start: int, line_end: int) -> list[Citation]:
    """Citations in `text`; the same text is read once (extractors ask for it again), unless
    it is longer than _CACHED characters (the cache would grow with such texts, and reading
    one again costs no more than the first time)."""
    found = _find_cached(text) if len(text) <= _CACHED else _find(text)
    return [replace(c, line_start=line_start, line_end=line_end) for c in found]


_CACHED = 4096


@lru_cache(maxsize=2048)
def _find_cached(text: str) -> tuple[Citation, ...]:
    return _find(text)


def _find(text: str) -> tuple[Citation, ...]:
    if not _HAS_NUMBER.search(text):
        return ()
    return tuple(_scan(text, 0, 0))


# What may stand between a type word and its number ('Quyết định số: 12/...'), read backwards.
_GAP_BEFORE = regex.compile(r"(?:[\s:]|(?i:số))*", regex.REVERSE)


def _citations(text: str) -> Iterator[regex.Match[str]]:
    """The matches of the citation pattern, as its finditer gives them, without trying its
    type words at every position: each match holds a number, and its type word ends before
    the gap (spaces, 'số', ':') that precedes that number, so the search for the whole pattern
    starts at most the longest type word before that gap (a number is no part of a type
    word or a gap, so no match can start earlier)."""
    r = _rules()
    pos = 0
    while (nm := r.number.search(text, pos)) is not None:
        gap = _GAP_BEFORE.match(text, pos, nm.start())
        floor = gap.start() if gap is not None else nm.start()
        m = r.pattern.search(text, max(pos, floor - r.type_reach))
        if m is None:  # cannot happen: the number alone matches
            return
        yield m
        pos = m.end()


def _scan(text: str, line_start: int, line_end: int) -> list[Citation]:
    r = _rules()
    out: list[Citation] = []
    for m in _citations(text):
        number = normalise_number(m.group("num"))
        doc_type = r.type_by_word.get(key(m.group("type"))) if m.group("type") else None
        doc_type = doc_type or _type_from_code(number)
        if doc_type is None:
            continue
        tail = m.end()
        when = None
        dm = _DATE.match(text, tail) if _word_follows(text, tail, "ngày") else None
        if dm:
            when = _date_of(dm)
            tail = dm.end()
        issuer = None
        im = _ISSUER.match(text, tail) if _word_follows(text, tail, "của") else None
        if im:
            issuer = squash(im.group("iss"))
            issuer = _proper_issuer(issuer) if issuer.isupper() else issuer
            tail = im.end("iss")
            dm = (
                _DATE.match(text, tail)
                if when is None and _word_follows(text, tail, "ngày")
                else None
            )
            if dm:  # '... của Thủ tướng Chính phủ ngày 31/3/2022'
                when = _date_of(dm)
                tail = dm.end()
        out.append(
            Citation(
                number,
                doc_type,
                when,
                issuer,
                squash(text[m.start() : tail]),
                line_start,
                line_end,
                m.start("num"),
                tail,
                m.start(),
            )
        )
    return out


def collect(
    chunks: Iterable[tuple[str, int, int]], own_number: str | None, pdftotext: bool = False
) -> list[Citation]:
    """One entry per distinct number, in order of first citation; missing facts filled later.
    `pdftotext`: the text is pdftotext's, whose glued codes are parted (see `unglued`)."""
    own = normalise_number(own_number) if own_number else None
    seen: dict[str, Citation] = {}
    for text, a, b in chunks:
        for c in find(text, a, b):
            if pdftotext and (number := unglued(c.number)) != c.number:
                c = replace(c, number=number, doc_type=c.doc_type or _type_from_code(number))
            k = c.number.lower()
            if own and k == own.lower():
                continue
            if k not in seen:
                seen[k] = c
            else:
                first = seen[k]
                first.date = first.date or c.date
                first.issuer = first.issuer or c.issuer
    return list(seen.values())


_BASIS_CLAUSE = regex.compile(r";|\.\s+(?=\p{Lu})")
_BETWEEN = regex.compile(r"^[\s,]*(?:và|cùng)?[\s,]*$")


def implements(opening: Iterable[str], title: str | None, pdftotext: bool = False) -> list[str]:
    """Head documents of the opening 'Thực hiện ...' / 'Căn cứ ...' paragraphs."""
    heads = _implements(opening, title)
    return list(dict.fromkeys(map(unglued, heads))) if pdftotext else heads


def _implements(opening: Iterable[str], title: str | None) -> list[str]:
    r = _rules()
    heads: list[str] = []
    texts = [clauses for t in opening if (clauses := _basis_clauses(t))]
    if not texts and title:
        texts = [list(_BASIS_CLAUSE.split(title))]
    for clauses in texts:
        for clause in clauses:
            # '..., theo đề nghị của Sở X tại Công văn số ...': the proposal and what
            # follows it are no basis; the documents before it still are
            nb = r.not_basis.search(clause)
            clause = clause[: nb.start()] if nb else clause
            cites = find(clause, 0, 0)
            prev_end: int | None = None
            for c in cites:
                if c.number in heads:
                    # a head named again: its short name in brackets ('(Nghị quyết số
                    # 163/2024/QH15)'), or inside the next head's description
                    continue
                # A later document is a head when joined to the previous head by 'và' or a
                # comma, right after it or after its description ('Nghị định số 10/2020/
                # NĐ-CP ... quy định về kinh doanh vận tải, Nghị định số 41/2024/NĐ-CP');
                # one named inside a description ('... về việc thực hiện Chỉ thị 10') is not.
                between = clause[prev_end : c.type_start] if prev_end is not None else ""
                if prev_end is not None and not (
                    _BETWEEN.match(between)
                    or r.basis_link.search(between)
                    # 'các Chỉ thị: số 33/CT-TTg ngày ..., số 10/CT-TTg ...': one type, a list
                    or (
                        (c.type_start < c.start or between.rstrip().endswith("số"))
                        and _NEXT_HEAD.search(between)
                    )
                ):
                    break
                if c.number not in heads:
                    heads.append(c.number)
                prev_end = c.end
    return heads


_NEXT_HEAD = regex.compile(r"(?:,|\svà)\s*(?:số\s*)?$")


def _basis_clauses(text: str) -> list[str]:
    """The clauses of an opening paragraph from the first that opens with 'Thực hiện',
    'Căn cứ', 'Nhằm tiếp tục thực hiện' ...: 'Để tiếp tục duy trì ...; thực hiện Chỉ thị
    số 23-CT/TW ...' gives its second clause on."""
    openers = _rules().openers
    clauses: list[str] = _BASIS_CLAUSE.split(text)
    for i, clause in enumerate(clauses):
        k = key(clause.strip())
        if any(k.startswith(o + " ") for o in openers):
            return clauses[i:]
    for i, clause in enumerate(clauses):
        # 'Để tiếp tục làm tốt công tác ... và thực hiện có hiệu quả Chỉ thị số 10/CT-TTg ...;
        # Ủy ban nhân dân thành phố ban hành Kế hoạch': a purpose clause that names the
        # documents it serves is the basis when no 'Thực hiện' / 'Căn cứ' clause is given.
        if key(clause.strip()).startswith("để ") and find(clause, 0, 0):
            return clauses[i:]
    return []
