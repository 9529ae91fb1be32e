"""Stage 3: find the document inside a downloaded page.

A copy saved from a website carries banners, a metadata box and lists of related
documents around the plan. The plan runs from its title block to its signature block;
appendices (PHỤ LỤC, PHỤ BIỂU) after the signature belong to it. Everything else is
reported as trimmed, and the site's metadata box is kept as hints for missing metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.structure.lines import Line, cells, opens_page
from kehoach.text import RULE_MARKS, key

_FOOTNOTE = regex.compile(r"^\[\d{1,2}\]\s*\S")
_RULE = regex.compile(r"[" + RULE_MARKS + r"\s]+")
# 'Phụ lục kèm theo Kế hoạch này' mentions an appendix; '(Kèm theo Kế hoạch số ...)' in
# brackets ('(Ban hành kèm theo ...)' too) is the note under an appendix's own heading (a
# crawl runs it onto the heading).
_ATTACHED = regex.compile(r"(?<!\(\s*)(?<!\(\s*ban\s+hành\s+)kèm theo", regex.IGNORECASE)


@dataclass(frozen=True)
class Range:
    start: int  # index into lines (0-based, inclusive)
    end: int  # exclusive
    reason: str


@dataclass
class Layout:
    head_start: int  # first line of the title block
    body_end: int  # first line after the body (signature or cut)
    signatures: list[Range] = field(default_factory=list)
    appendices: list[Range] = field(default_factory=list)
    footnotes: list[Range] = field(default_factory=list)
    trimmed: list[Range] = field(default_factory=list)
    site_box: dict[str, str] = field(default_factory=dict)
    truncated: bool = False
    has_title_block: bool = True


@dataclass(frozen=True)
class _Patterns:
    chrome: regex.Pattern[str]
    site_box: dict[str, regex.Pattern[str]]
    truncation: regex.Pattern[str]
    motto: regex.Pattern[str]
    issuer_head: regex.Pattern[str]
    number_line: regex.Pattern[str]
    signature: regex.Pattern[str]
    signer_skip: regex.Pattern[str]
    appendix: regex.Pattern[str]
    doc_types: frozenset[str]


@cache
def signature_words() -> tuple[str, str]:
    """The signature block's mandates ('TM.', 'KT.', 'Q. ') and signer's titles ('(PHÓ)
    CHỦ TỊCH'), as two alternations from page.yaml."""
    page = load("page")
    mandates = "|".join(regex.escape(m).replace("\\ ", r"\s") for m in page["mandates"])
    titles = "|".join(regex.escape(t) for t in page["signer_titles"])
    return mandates, r"(?:PHÓ\s+)?(?:" + titles + ")"


@cache
def patterns() -> _Patterns:
    page = load("page")
    sections = load("sections")
    return _Patterns(
        chrome=regex.compile("|".join(f"(?:{p})" for p in page["chrome"]), regex.IGNORECASE),
        site_box={k: regex.compile(v, regex.IGNORECASE) for k, v in page["site_box"].items()},
        truncation=regex.compile(page["truncation"], regex.IGNORECASE),
        motto=regex.compile(page["motto"], regex.IGNORECASE),
        issuer_head=regex.compile(page["issuer_head"]),
        number_line=regex.compile(page["number_line"], regex.IGNORECASE),
        signature=regex.compile(r"^(?:\|\s*)?(?:{}|{}\b|Nơi nhận\s*:)".format(*signature_words())),
        signer_skip=regex.compile(page["signer_skip"], regex.IGNORECASE),
        appendix=regex.compile(sections["appendix"]),
        doc_types=frozenset(page["doc_types"]),
    )


_NAME = regex.compile(r"^(?:\p{Lu}[\p{Ll}]*\s+){1,5}\p{Lu}[\p{Ll}]*$")
_HEADING_START = regex.compile(r"^(?:[IVX]{1,5}\s*[.)]|\d{1,2}\s*\.(?!\d)|[a-zđ]\))\s*\S")


def is_person_name(text: str) -> bool:
    """'Hoàng Quốc Khánh' yes; 'PHÓ CHỦ TỊCH', 'Lưu: VT' no."""
    t = text.strip().strip("|").strip()
    return bool(_NAME.match(t)) and not t.isupper()


# Website chrome is short lines (a menu item, a footer's 'Chịu trách nhiệm chính: ...');
# a plan's own paragraph may use the same words ('... chịu trách nhiệm chính và ...').
_CHROME_MAX = 160


def is_chrome(line: Line) -> bool:
    t = line.text
    return bool(t) and len(t) <= _CHROME_MAX and bool(patterns().chrome.search(t))


def first_cell(line: Line) -> str:
    c = cells(line.text)
    return c[0] if c else ""


def layout(lines: list[Line]) -> Layout:
    p = patterns()
    n = len(lines)
    front_end = _front_matter_end(lines)
    head = _find_head(lines, front_end)
    has_title_block = head is not None
    if head is None:
        head = next(
            (i for i in range(front_end, n) if lines[i].text and not is_chrome(lines[i])), n
        )
    # Signature blocks: each starts at a signature line; the last one ends the body.
    signatures: list[Range] = []
    i = head
    body_end = n
    truncated = False
    while i < n:
        line = lines[i]
        if line.text and p.truncation.match(line.text):
            truncated = True
            body_end = i
            break
        if (
            line.text
            # (a crawl's body is one long line: its closing is cut into lines of its own)
            and (i > head + 3 or (line.inline and i > head))
            and p.signature.match(first_cell(line))
            and _after_body(lines, head, i)
        ):
            end = _signature_end(lines, i)
            signatures.append(Range(i, end, "signature"))
            i = end
            if not _more_body(lines, i):
                body_end = signatures[-1].start
                break
            continue
        if line.text and is_chrome(line) and i > head and _chrome_run(lines, i):
            body_end = i
            break
        i += 1
    if signatures and body_end == n and not _more_body(lines, signatures[-1].end):
        body_end = signatures[-1].start
    last_signed = signatures[-1].end if signatures else head + 1
    if body_end > last_signed and _has_heading(lines, last_signed, body_end):
        # Text after the last signature block, or none at all (a web copy that lost it,
        # a Quyết định whose plan follows its signature unsigned): an appendix heading in
        # capitals still starts the appendices.
        body_end = next(
            (j for j in range(last_signed, body_end) if _appendix_start(lines, j)), body_end
        )
    tail_start = signatures[-1].end if signatures and body_end == signatures[-1].start else body_end
    appendices = _appendices(lines, tail_start) if not truncated else []
    footnotes = _footnotes(lines, tail_start, appendices)
    kept = [(head, body_end)] + [(s.start, s.end) for s in signatures if s.start >= body_end]
    kept += [(a.start, a.end) for a in appendices]
    kept += [(f.start, f.end) for f in footnotes]
    trimmed = _trimmed(lines, kept, head)
    site_box = _site_box(lines, head, body_end)
    return Layout(
        head,
        body_end,
        signatures,
        appendices,
        footnotes,
        trimmed,
        site_box,
        truncated,
        has_title_block,
    )


_SENTENCE_END = regex.compile(r"[.;:!?…)\]”\"'*]\s*$")


def cut_short(lay: Layout, body: list[Line]) -> bool:
    """The text stops mid-plan: a '[...]' mark, or no signature and a last line that ends
    in mid-sentence (a crawl cut at a length: '... những điểm có nguy cơ phát sinh')."""
    last = next((ln.text for ln in reversed(body) if ln.text.strip()), "")
    return lay.truncated or (not lay.signatures and bool(last) and not _SENTENCE_END.search(last))


def _front_matter_end(lines: list[Line]) -> int:
    if lines and lines[0].raw.strip() == "---":
        for j in range(1, min(len(lines), 60)):
            if lines[j].raw.strip() in ("---", "..."):
                return j + 1
    return 0


@cache
def motto_words() -> tuple[str, ...]:
    """The state's motto, word by word, as keys (data/page.yaml motto_words)."""
    return tuple(key(load("page")["motto_words"]).replace("-", " ").split())


def _header_line(text: str) -> bool:
    """A line of the title block's header: capitals (the issuer), perhaps interleaved with
    the motto's words, as PDF text reads the two columns line by line ('DÂN TỈNH NGHỆ VIỆT
    NAM Độc lập - Tự do - Hạnh', 'phúc')."""
    if text.isupper() and len(text) < 80:
        return True
    words = [w for w in text.split() if w not in ("-", "–")]
    return 0 < len(words) <= 16 and all(w.isupper() or key(w) in motto_words() for w in words)


def _find_head(lines: list[Line], start: int) -> int | None:
    """Index of the title block's first line, or None for a text without one."""
    p = patterns()
    limit = min(len(lines), start + 400)
    anchor = None
    for i in range(start, limit):
        t = lines[i].text
        if not t or is_chrome(lines[i]):
            continue
        if p.motto.search(t) or (p.number_line.match(first_cell(lines[i])) and "/" in t):
            anchor = i
            break
        if t.strip("| ") in p.doc_types:
            anchor = i
            break
    if anchor is None:
        return None
    # Walk back over the issuer header lines ("ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN").
    i = anchor
    j = anchor - 1
    steps = 0
    while j >= start and steps < 6:
        t = lines[j].text.strip("| ")  # a lone '|' parts a table's cells, like a blank line
        if t and (
            p.issuer_head.match(first_cell(lines[j])) or _header_line(t) or _RULE.fullmatch(t)
        ):
            i = j
        elif t:
            break
        j -= 1
        steps += 1 if t else 0  # blank lines between header cells do not count
    if p.issuer_head.match(first_cell(lines[anchor])):
        i = min(i, anchor)
    return i


def _after_body(lines: list[Line], head: int, i: int) -> bool:
    """A signature line counts once some heading or paragraph has come before it."""
    return any(
        _HEADING_START.match(lines[j].text)
        or (len(lines[j].text) > 60 and not lines[j].text.isupper())
        for j in range(head, i)
    )


def _signature_end(lines: list[Line], start: int) -> int:
    p = patterns()
    n = len(lines)
    j = start
    seen_name = False
    while j < n:
        t = lines[j].text
        c = first_cell(lines[j])
        if not t:
            j += 1
            continue
        if is_chrome(lines[j]) or p.appendix.match(c) or (_HEADING_START.match(t) and len(t) > 60):
            break
        if seen_name and not (p.signature.match(c) or p.signer_skip.match(c)):
            break
        if is_person_name(c):
            seen_name = True
        elif len(t) > 220 and j > start:  # (a crawl's recipients are one long line)
            break
        j += 1
    return j


def _more_body(lines: list[Line], i: int) -> bool:
    """After a signature: does a further plan follow (a Quyết định carrying its plan)?"""
    p = patterns()
    for j in range(i, min(len(lines), i + 40)):
        t = lines[j].text
        if not t:
            continue
        if is_chrome(lines[j]) or p.appendix.match(first_cell(lines[j])):
            return False
        if t.strip("| ") in p.doc_types or p.motto.search(t) or _carried_title(t):
            return True
    return False


def _carried_title(text: str) -> bool:
    """'KẾ HOẠCH XUẤT KHẨU SẢN PHẨM ...': a document's type and title in capitals on one line,
    as a crawl runs the plan a Quyết định carries after its signature."""
    m = _doc_type_start().match(text)
    return m is not None and text[: m.end() + 40].isupper()


@cache
def carried_type() -> str:
    """A document's type in capitals before its title in capitals ('KẾ HOẠCH XUẤT KHẨU'), as
    a regex: what opens a document carried after a signature."""
    types = "|".join(regex.escape(d).replace(r"\ ", r"\s+") for d in load("page")["doc_types"])
    return r"(?:" + types + r")(?=\s+\p{Lu}{2})"


@cache
def _doc_type_start() -> regex.Pattern[str]:
    return regex.compile(carried_type() + r"\s+")


# A footnote that cites several documents parts them with ';' and goes on past it.
_ENDS_SENTENCE = regex.compile(r"[.!?)]\s*$")


def _footnotes(lines: list[Line], start: int, appendices: list[Range]) -> list[Range]:
    """Footnotes gathered after the document ('[1] Chương trình số ...'). A PDF's text wraps
    one over several lines: a line that goes on with an unfinished one is the footnote's,
    also past a blank line when it opens in lower case or opens a page (pdftotext's page
    break inside the note)."""
    starts = {a.start for a in appendices}
    out: list[Range] = []
    j, n = start, len(lines)
    while j < n:
        if not _FOOTNOTE.match(lines[j].text):
            j += 1
            continue
        k = end = j + 1
        while (
            k < n
            and k not in starts
            and not _FOOTNOTE.match(lines[k].text)
            and not is_chrome(lines[k])
            and not _ENDS_SENTENCE.search(lines[end - 1].text)
        ):
            if lines[k].text:
                end = k + 1
            elif not (k + 1 < n and (lines[k + 1].text[:1].islower() or opens_page(lines[k + 1]))):
                break
            k += 1
        out.append(Range(j, end, "footnote"))
        j = end
    return out


def _chrome_run(lines: list[Line], i: int) -> bool:
    """Chrome inside the page ends the body only if no body heading follows soon."""
    for j in range(i + 1, min(len(lines), i + 8)):
        if lines[j].text and _HEADING_START.match(lines[j].text) and len(lines[j].text) > 12:
            return False
    return True


def _has_heading(lines: list[Line], head: int, end: int) -> bool:
    """Some body (a numbered heading) comes after the title block; in a crawl, inside its
    flow ('... như sau: I. MỤC TIÊU ...')."""
    return any(
        _HEADING_START.match(lines[j].text)
        or (lines[j].inline and INLINE_TOP_HEADING.search(lines[j].text))
        for j in range(head, end)
    )


# a top-level heading run into a sentence: '... như sau: I. MỤC ĐÍCH, YÊU CẦU'
INLINE_TOP_HEADING = regex.compile(r"[.:;,]\s+(?:I|II|III|IV|V|VI)\s*\.\s+\p{Lu}\p{Lu}")


def _appendix_start(lines: list[Line], j: int, capitals: bool = True) -> bool:
    """An appendix heading ('PHỤ LỤC I', 'PHỤ BIỂU 01: ...'), not a mention of one;
    without a signature before it, only one printed in capitals counts."""
    t = first_cell(lines[j])
    m = patterns().appendix.match(t) if t else None
    if m is None:
        return False
    # a crawl runs the appendix's table on after its heading: a mention is near the start,
    # and only the heading's opening words need be in capitals
    inline = lines[j].inline
    if _ATTACHED.search(lines[j].text, 0, 100 if inline else None):
        return False
    opening = t[: m.end("label")] if inline and m.group("label") else t.split(":")[0]
    return not capitals or opening.isupper()


def _ends_appendix(lines: list[Line], j: int) -> bool:
    """Chrome; or, right after a table's last row, the site's long page title ('Kế hoạch
    980/KH-UBND năm 2025 thực hiện Quyết định ...'), which a short-line rule would miss."""
    if is_chrome(lines[j]):
        return True
    t = lines[j].text
    return (
        j > 0
        and lines[j - 1].text.count("|") >= 2
        and "|" not in t
        and bool(patterns().chrome.search(t))
    )


# the note under an attached document's title: '(Kèm theo Kế hoạch số .../KH-SCT ...)'
_ATTACHED_NOTE = regex.compile(r"^[*_]*\(\s*(?:kèm theo|ban hành kèm)", regex.IGNORECASE)
# a caption's note, bracketed or not ('ban hành kèm theo Kế hoạch ...')
_CAPTION_NOTE = regex.compile(r"^[*_]*\(?\s*(?:kèm theo|ban hành kèm)", regex.IGNORECASE)


def caption_of(lines: list[Line], label: int, nxt: int) -> bool:
    """lines[label] is a bare appendix label whose lines up to `nxt`, the next appendix's
    label, are only its note ('ban hành kèm theo ...') or blank."""
    m = patterns().appendix.match(first_cell(lines[label]))
    if m is None or m.group("label") or (m.group("rest") or "").strip():
        return False
    between = [ln.text for ln in lines[label + 1 : nxt] if ln.text]
    return len(between) <= 2 and all(_CAPTION_NOTE.match(t) for t in between)


def _titled_attachment(lines: list[Line], j: int) -> bool:
    """An attachment after the signature that has a title in capitals and the note
    '(Kèm theo Kế hoạch số ...)' under it but no 'PHỤ LỤC' label ('PHÂN CÔNG NHIỆM VỤ
    CỦA TỔ CÔNG TÁC ...' / '(Kèm theo Kế hoạch số /KH-SCT ...)'): an appendix too."""
    t = first_cell(lines[j])
    if not t or "|" in lines[j].text or not t.isupper() or len(t.split()) < 3:
        return False
    # the lines above, page numbers left out: the second line of a title, or the title
    # under 'PHỤ LỤC', 'Mẫu biểu' (a PDF may print the page number between them)
    above = [first_cell(ln) for ln in lines[max(0, j - 6) : j] if ln.text and not ln.text.isdigit()]
    if above and (above[-1].isupper() or any(patterns().appendix.match(a) for a in above[-2:])):
        return False
    for k in range(j + 1, min(len(lines), j + 4)):
        nxt = lines[k].text
        if _ATTACHED_NOTE.match(nxt):
            return True
        if nxt and not nxt.isupper():
            return False
    return False


def _appendices(lines: list[Line], start: int) -> list[Range]:
    starts = [
        j
        for j in range(start, len(lines))
        if _appendix_start(lines, j, capitals=False) or _titled_attachment(lines, j)
    ]
    # a bare 'PHỤ LỤC' with only its note under it captions the forms that follow ('PHỤ LỤC'
    # / 'ban hành kèm theo Kế hoạch ...' / 'Mẫu số 01/HNCT' ...): the forms are the
    # appendices, the caption opens the first (tables.appendix_nodes reads it so)
    starts = [s for k, s in enumerate(starts) if not (k and caption_of(lines, starts[k - 1], s))]
    out: list[Range] = []
    for k, s in enumerate(starts):
        limit = starts[k + 1] if k + 1 < len(starts) else len(lines)
        end = next((j for j in range(s + 1, limit) if _ends_appendix(lines, j)), limit)
        out.append(Range(s, end, "appendix"))
    return out


def _trimmed(lines: list[Line], kept: list[tuple[int, int]], head: int) -> list[Range]:
    keep = [False] * len(lines)
    for a, b in kept:
        for j in range(a, b):
            keep[j] = True
    out: list[Range] = []
    j = 0
    while j < len(lines):
        if keep[j] or not lines[j].text:
            j += 1
            continue
        k = j
        while k < len(lines) and not keep[k]:
            k += 1
        end = k
        while end > j and not lines[end - 1].text:
            end -= 1
        reason = (
            "before the title block (website chrome)"
            if j < head
            else "after the document (website chrome)"
        )
        out.append(Range(j, end, reason))
        j = k
    return out


def _site_box(lines: list[Line], head: int, body_end: int) -> dict[str, str]:
    """Site metadata ('Số hiệu', 'Người ký' ...) read from outside the body only."""
    p = patterns()
    box: dict[str, str] = {}
    for j, line in enumerate(lines):
        if head <= j < body_end or not line.text:
            continue
        for field_name, pat in p.site_box.items():
            if field_name in box:
                continue
            m = pat.match(line.text)
            if m and m.group("v").strip(" .:") and not m.group("v").startswith("Đang cập nhật"):
                box[field_name] = m.group("v").strip()
    return box
