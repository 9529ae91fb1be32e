"""Heading titles: where a numbered heading's title ends and its run-on body begins.

FORMAT.md's rule: the part before a colon; else the agency names a line opens with when it
runs straight into duties; else the text up to the first ';' or '.' of a heading that runs
on as a sentence. A reflowed crawl loses the line break after a title, so there the title
ends where a new sentence starts.
"""

from __future__ import annotations

import itertools
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import gazetteer, leading_agencies, match_at
from kehoach.text import key

_PAREN = regex.compile(r"\([^()]{1,80}\)")
_UPPER_RUN = regex.compile(r"(?:[\p{Lu}\d][\p{Lu}\d,./-]*\s+)+(?=\p{Lu}\p{Ll})")
_TWO_CAPS = regex.compile(r"\p{Lu}{2}")

_TERMINAL = tuple(".:;!?…")  # a heading that ends its sentence
_CUT = regex.compile(r":|;|\.(?=\s|$)(?<!\d\.)(?<!\.\.)")  # an ellipsis ends no sentence
_TRAILER = regex.compile(r"[\s./:;,]+$")
_TO_CLOSING_COLON = regex.compile(r",[^.;:]{1,60}:\s*$")
_COLON_IN_SENTENCE = regex.compile(r"(?:[^:.]|\.(?!\s|$)|(?<=\d)\.)*\K:")


def split_title(rest: str, reflowed: bool = False, cut_short: bool = False) -> tuple[str, str]:
    """Heading text -> (title, run-on body) following FORMAT.md's title rule; the title
    without footnote marks ('TTATGT [1]') and with no space before its punctuation.
    `cut_short`: the text stops inside this heading (a crawl cut at a length), so its end
    is not its own and it runs on as a sentence."""
    title, body = _split_title(rest, reflowed, cut_short)
    return _SPACE_BEFORE_MARK.sub(r"\1", _FOOTNOTE_MARK.sub("", title)).strip(), body


# a member's seat after the body he heads, up to the colon ('Đồng chí Trưởng Ban xây dựng
# Đảng - Trưởng Tiểu ban: ...'): part of the title, as what comes before a colon is
_ROLE = regex.compile(r"[-–]\s*\p{Lu}[^\s.;:()]*(?:\s+[^\s.;:()]+){0,7}\s*:")
# a colon that closes the heading's first clause, within a title's length
_CLAUSE_COLON = regex.compile(r"[^.;:()]{1,100}:")
_FOOTNOTE_MARK = regex.compile(r"\s*\[\d{1,2}\]")
_SPACE_BEFORE_MARK = regex.compile(r"\s+([,;])")


def _split_title(rest: str, reflowed: bool, cut_short: bool) -> tuple[str, str]:
    rest = rest.strip()
    for_bodies = _for_bodies(rest)
    if for_bodies is not None:
        return for_bodies
    # 'Đối với Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị - xã hội - Tổ chức ...':
    # the bodies after 'Đối với' end the title as a list of addressees does
    fm = FOR_BODIES.match(rest)
    lead = fm.end() if fm else 0
    end, found = leading_agencies(rest[lead:])
    end += lead if found else 0
    # a heading in capitals names a topic whatever bodies it opens with ('ĐOÀN KIỂM TRA,
    # ĐƠN VỊ ĐƯỢC KIỂM TRA, THỜI GIAN KIỂM TRA'): no duty is ever set in capitals
    if found and not (rest[end:].strip() and rest.isupper()):
        after = rest[end:].lstrip()
        paren = _PAREN.match(after)
        if paren:
            # 'Sở X (cơ quan thường trực): ...' keeps its parenthesis in the title
            end = len(rest) - len(after) + paren.end()
            after = rest[end:].lstrip()
        stop = (
            not after
            or after[0] in ":;.(-–"
            or starts_with_stop(after)
            # 'Sở Tài chính, trên cơ sở đề xuất của ..., chủ trì tổng hợp ...', but not a
            # short phrase up to the heading's closing colon ('Các đoàn thể, tổ chức xã hội:')
            or (
                after[0] == ","
                and starts_with_stop(after[1:].lstrip())
                and not _TO_CLOSING_COLON.match(after)
            )
            or (reflowed and after[:1].isupper())
        )
        if stop:
            colon = _CLAUSE_COLON.match(after)
            if colon and (after[:1].islower() or _ROLE.match(after)):
                # 'Sở Tài chính chủ trì, phối hợp các sở, ban, ngành: ...': FORMAT.md's colon
                # rule comes before its agency-name rule
                at = len(rest) - len(after) + colon.end() - 1
                return rest[:at].strip(), rest[at + 1 :].strip()
            body = after[1:].strip() if after[:1] in (":", ";", ".", "-", "–") else after
            return rest[:end].strip(), body
    elif (addressed := _addressees_run_on(rest)) is not None:
        return addressed
    m = _CUT.search(rest)
    if m and m.group(0) == ";":
        # 'Giấy khen của Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND xã: Các Sở ...': a
        # colon before the first full stop ends the title, whatever ';' comes before it, as
        # long as what it closes is title-sized (a long sentence ', như:' is cut at its ';').
        colon = _COLON_IN_SENTENCE.match(rest, m.end(), min(len(rest), 160))
        if colon:
            m = colon
    if reflowed:
        # A crawl ran the body into the heading: it ends where a new sentence begins.
        start = _sentence_start(rest, m.start() if m else len(rest))
        if start is not None:
            return _TRAILER.sub("", rest[:start]).strip(), rest[start:].strip()
    # A heading that ends without a full stop is a title in full, even with a ';' inside;
    # one that runs on as a sentence is cut at its first ':', ';' or '.'.
    ended = cut_short or rest.rstrip()[-1:] in _TERMINAL
    if m and (m.group(0) == ":" or ended or len(rest) > 250):
        return _TRAILER.sub("", rest[: m.start()]).strip(), rest[m.end() :].strip()
    return _TRAILER.sub("", rest).strip(), ""


@cache
def _addressee_words() -> tuple[
    regex.Pattern[str], tuple[str, ...], frozenset[str], frozenset[str]
]:
    """sections.yaml `addressee_titles`: the opening ('Các cơ quan', 'Từng đơn vị') and the
    first letters it may have, the words a list of such bodies is made of, and the stops
    that are no duty's verb."""
    data = load("sections")["addressee_titles"]
    nouns = sorted((key(n) for n in data["nouns"]), key=len, reverse=True)
    opening = regex.compile(
        r"(?:các|từng)\s+(?:" + "|".join(regex.escape(n) for n in nouns) + r")(?!\w)"
    )
    words = frozenset(w for n in [*nouns, *data["also"]] for w in key(n).split())
    words |= {"các", "và", "từng"}
    starts = tuple(sorted({f"{d} {n[0]}" for d in ("các", "từng") for n in data["nouns"]}))
    return opening, starts, words, frozenset(key(w) for w in data["not_verbs"])


def _addressees_run_on(rest: str) -> tuple[str, str] | None:
    """'Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch ...': bodies named by what they
    are, then their duties; the title ends before the first word that is not a body's."""
    opening, starts, body_words, not_verbs = _addressee_words()
    if not rest[:8].lower().startswith(starts) or not opening.match(key(rest[:40])):
        return None  # (a quick look before the key of a heading that may run on for pages)
    prev = ""
    for w in _WORD.finditer(rest):
        word = key(w.group(0)).rstrip(",")
        if word in body_words and not w.group(0).endswith((".", ";", ":")):
            prev = w.group(0)
            continue
        after = rest[w.start() :]
        if (
            prev.endswith(",")  # the list goes on with others ('Các doanh nghiệp, tổ chức ...')
            or word in not_verbs
            or not starts_with_stop(after)
            or len(after.split()) < 5
        ):
            return None  # a sentence about them, or a label ('Các đơn vị thực hiện')
        return _TRAILER.sub("", rest[: w.start()]).strip(), after.strip()
    return None


FOR_BODIES = regex.compile(r"(?i:đối với)\s+")  # 'Đối với các sở, ban, ngành: ...'


def _for_bodies(rest: str) -> tuple[str, str] | None:
    """'g) Đối với các cơ quan Trung ương đóng trên địa bàn tỉnh, thủ trưởng cơ quan ...
    bám sát ...': the bodies a paragraph is for, then a clause of duties after a comma."""
    fm = FOR_BODIES.match(rest)
    if not fm:
        return None
    found = leading_agencies(rest[fm.end() :])[1]
    end = found[-1].end if found else 0  # not over a vague tail ('..., thủ trưởng cơ quan')
    after = rest[fm.end() + end :]
    if not found or not after.startswith(",") or _TO_CLOSING_COLON.match(after):
        return None
    clause = after[1:].lstrip()
    if leading_agencies(clause)[1] or len(clause.split()) < 4:
        return None  # the list goes on ('Đối với các sở, ban, ngành, UBND các xã')
    return rest[: fm.end() + end].strip(), clause


@cache
def _cut_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """sections.yaml `run_on_titles`: capitalised names that start no sentence, words after
    which a capital is a name, words after which a capital goes on if an agency starts there."""
    data = load("sections")["run_on_titles"]
    return (
        frozenset(key(w) for w in data["names"]),
        frozenset(key(w) for w in data["before_name"]),
        frozenset(key(w) for w in data["before_agency"]),
    )


@cache
def _lunar_years() -> frozenset[str]:
    """A lunar year's names ('ất tỵ'): each stem with each branch (sections.yaml)."""
    data = load("sections")["run_on_titles"]
    return frozenset(key(f"{s} {b}") for s in data["year_stems"] for b in data["year_branches"])


_WORD = regex.compile(r"\S+")
_ITEM_LABEL = regex.compile(r"\(\d{1,2}\)")  # an inline list's item number: '(1)', '(2)'

_CLOSERS = ",;:.”\"')"


@cache
def _places() -> regex.Pattern[str]:
    """The provinces' names (page.yaml)."""
    names = sorted(load("page")["provinces"], key=len, reverse=True)
    return regex.compile(r"(?:" + "|".join(map(regex.escape, names)) + r")(?!\w)")


def _sentence_start(text: str, limit: int) -> int | None:
    """Offset where a run-on body starts inside a reflowed heading, before `limit`."""
    upper = _upper_title_end(text)
    if upper is not None:
        return upper
    names, before_name, before_agency = _cut_words()
    words = list(_WORD.finditer(text, 0, limit))
    inside = 0  # end of an agency's name read over ('Văn phòng Ban An toàn giao thông')
    for i, (prev, m) in enumerate(itertools.pairwise(words)):
        if m.start() < inside:
            continue
        w = m.group(0)
        if not (w[:1].isupper() and any(c.islower() for c in w[1:])):
            continue  # only a capitalised word can start a sentence
        p = prev.group(0)
        if _ITEM_LABEL.fullmatch(p) and i > 0:
            return int(prev.start())  # 'Mục đích (1) Tổ chức quán triệt ...': an item opens
        if not (p[:1].islower() or p[:1].isdigit()) or p.endswith((",", ";", "-")):
            continue  # ('Chỉ thị số 31/CT-' / 'TTg': a number broken at its hyphen)
        if key(p) in before_name or key(w.rstrip(_CLOSERS)) in names:
            continue  # ('Đảng, chính quyền', 'Lễ, Tết', 'dịch Covid-19”')
        if key(p) in before_agency and (agency := match_at(text, m.start())) is not None:
            inside = agency.end
            continue
        if _places().match(text, m.start()):
            continue  # a province's name goes on a name ('Tỉnh ủy Lai Châu', 'Thủ đô Hà Nội')
        # the word goes on a body's name begun before it ('chính quyền, Mặt trận Tổ quốc',
        # 'Hội đồng Nhân dân Thành phố', 'Ủy ban An toàn giao thông Quốc gia')
        begun = [
            a.end
            for q in words[max(0, i - 5) : i + 1]
            if q.group(0)[:1].isupper() and (a := match_at(text, q.start())) is not None
        ]
        if begun and max(begun) > m.start():
            inside = max(begun)
            continue
        two = f"{w} {_next_word(text, m.end()).rstrip(',;:.')}"  # 'Chính phủ;'
        if text[m.end() : m.end() + 1] == " " and (key(two) in names or key(two) in _lunar_years()):
            continue
        three = text[m.start() : m.start() + 40].split()[:3]  # 'Khu công nghiệp'
        if len(three) == 3 and key(" ".join(three).rstrip(",;:.")) in names:
            continue
        return int(m.start())
    return None


def _next_word(text: str, space: int) -> str:
    """The word after the space at `space` (up to the next space)."""
    j = text.find(" ", space + 1)
    return text[space + 1 : j if j >= 0 else len(text)]


def _upper_title_end(text: str) -> int | None:
    """End of an all-capitals title followed by ordinary text ('MỤC TIÊU Phát triển ...')."""
    m = _UPPER_RUN.match(text)
    if m and len(m.group(0).strip()) >= 4 and _TWO_CAPS.search(m.group(0)):
        return int(m.end())
    return None


def starts_with_stop(text: str) -> bool:
    """Does `text` open with a verb-like word that ends an agency name ('chủ trì', 'là')?"""
    words = [w.strip(",;:.") for w in key(" ".join(text.split(None, 4)[:4])).split(" ")]
    stops = gazetteer().stops
    return bool(words) and any(" ".join(words[:n]) in stops for n in (1, 2, 3))
