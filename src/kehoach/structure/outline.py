"""Stage 4: classified lines -> section tree.

A state object walks the lines once. One small rule per construct: a numbering style
(data/sections.yaml) opens a section when its label is the next one expected under the
open sections, so that numbers which merely start a sentence, list counts and dates do
not become headings. Copies that reflow the text into long lines with the headings run
inline are split at the same expected labels.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import regex

from kehoach.datafiles import load
from kehoach.facts.agencies import match_at
from kehoach.structure.lines import Line, cells, is_paged, opens_page
from kehoach.structure.titles import split_title
from kehoach.text import key


@dataclass
class Block:
    """A paragraph, bullet or table row of a section's own body."""

    kind: str  # paragraph | bullet | row
    text: str
    line_start: int
    line_end: int


@dataclass
class Node:
    style: str
    rank: int
    label: str
    path: str
    title: str
    heading: str  # the heading line's text after its number, in full
    line_start: int
    line_end: int
    number: int | None = None
    kind: str | None = None
    body: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    run_on: bool = False  # an appendix whose table a crawl ran into one flow of words
    table_header: list[str] | None = None  # a section whose body holds a numbered table

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class _Rules:
    styles: tuple[Style, ...]
    letters: tuple[str, ...]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]


@cache
def rules() -> _Rules:
    data = load("sections")
    styles = tuple(Style(s["name"], s["rank"], regex.compile(s["pattern"])) for s in data["styles"])
    kinds = tuple((k, tuple(key(w) for w in words)) for k, words in data["kinds"].items())
    return _Rules(styles, tuple(data["letters"]), kinds)


def kind_of(title: str) -> str:
    """Top-level section kind from its heading words: the earliest word wins."""
    k = key(title)
    best: tuple[int, int, str] | None = None
    for order, (kind, words) in enumerate(rules().kinds):
        for w in words:
            pos = k.find(w)
            if pos >= 0 and (best is None or (pos, order) < best[:2]):
                best = (pos, order, kind)
    return best[2] if best else "other"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _part_title(rest: str) -> bool:
    """'NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM ...': a top-level title in capitals that names a kind
    of section, so a Roman numeral one past the next (a part the crawl lost) opens it."""
    words = list(itertools.takewhile(lambda w: not any(c.islower() for c in w), rest.split()[:12]))
    return len(words) >= 2 and kind_of(" ".join(words)) not in ("other", "appendix")


def roman_value(label: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(label.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if total > 0 and to_roman(total) == label.upper() else None


def to_roman(n: int) -> str:
    out = ""
    for v, s in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


# Sentence and heading ends, checked on the last character only: a paragraph that grows
# line by line must not be searched from its start at every line.
_TERMINAL = ".:;!?…"
_HEAD_END = ".:!?…"


@cache
def _dash_compounds() -> tuple[tuple[str, str], ...]:
    """(what a line ends with, what the next line opens with after its dash) for each
    place a dash compound can break ('chính trị' / '- xã hội'): sections.yaml."""
    out = []
    for term in load("sections")["dash_compounds"]:
        parts = [" ".join(p.lower().split()) for p in term.split(" - ")]
        out += [(" - ".join(parts[:i]), " - ".join(parts[i:])) for i in range(1, len(parts))]
    return tuple(out)


_DASH_OPEN = regex.compile(r"[-–]\s*")


def _dash_goes_on(before: str, line: str) -> bool:
    """'... các tổ chức chính trị' / '- xã hội, các xã ...': the dash line is the rest of a
    dash compound the PDF reader broke, not a bullet."""
    m = _DASH_OPEN.match(line)
    if not m:
        return False
    prev = " ".join(before.lower().split())
    rest = " ".join(line[m.end() :].lower().split())
    for head, tail in _dash_compounds():
        if (
            prev.endswith(head)
            and not prev[-len(head) - 1 : -len(head)].isalpha()
            and rest.startswith(tail)
            and not rest[len(tail) : len(tail) + 1].isalpha()
        ):
            return True
    return False


def _ends(text: str, marks: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in marks


def _broken_word(text: str) -> bool:
    """'Nghị định số 52/2018/NĐ-' cut at its hyphen: the next line goes on with the word."""
    return len(text) >= 2 and text[-1] in "-/" and text[-2].isalnum()


# ---------------------------------------------------------------------------------------
# The walk


# '...' alone on a line: a quoted excerpt leaves out what stood there (a legal Q&A page
# quoting 'V. TỔ CHỨC THỰC HIỆN' / '...' / '5. Công đoàn cơ sở')
_ELISION = regex.compile(r"^[\[(]?(?:\.\s*){3,}[\])]?$|^[\[(]?…[\])]?$")
_PAGE_NUMBER = regex.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$")
_BULLET = regex.compile(r"^(?P<mark>[-+•–*●○▪])\s*(?P<text>\S.*)$")
# The space before the label is matched and dropped (\\K), not looked behind for: the
# engine then skips to the next space instead of trying the label at every character.
_INLINE = regex.compile(
    r"\s\K"
    r"(?P<label>[IVX]{1,5} ?\.|\d{1,2}(?:\.\d{1,2}){0,3}(?: ?\.)?|[a-zđ][.)])"
    r"(?=(?:(?<=[.)])\s*|\s+)(?:[\p{Lu}\"“«]|\d{1,3}(?:[.,]\d+)?\s*%))"
)


@cache
def _name_head() -> regex.Pattern[str]:
    """Words that open an agency's name (agencies.yaml name_heads, and the committees)."""
    heads = sorted({*load("agencies")["name_heads"], "Ủy ban", "UBND"}, key=len, reverse=True)
    return regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, heads)) + r")\s")


_SENTENCE_END = regex.compile(r"[.;:!?]\s*$")


@cache
def _numbered_noun() -> regex.Pattern[str]:
    """A noun a number names an item of, opening its clause just before the number
    (sections.yaml): '1.2. Mục tiêu 2. Lĩnh vực ...'. Ending a heading's title it is no
    label ('IV. Phân công nhiệm vụ 1. Ban An toàn giao thông tỉnh', 'II. NHIỆM VỤ, GIẢI
    PHÁP 1. Thủ trưởng ...')."""
    words = load("sections")["numbered_nouns"]
    nouns = "|".join(regex.escape(w[:1].upper() + w[1:]).replace(r"\ ", r"\s+") for w in words)
    return regex.compile(r"(?:^|(?<=[.:;)]\s{1,3}))(?:" + nouns + r")\s+$")


@cache
def _inline_address() -> regex.Pattern[str]:
    """Where a crawl's run-on text starts a paragraph of its own: a sentence that addresses
    agencies ('Yêu cầu các sở ...'), one that closes the section ('Trên đây là ...',
    'Trong quá trình thực hiện ...'; sections.yaml closing_openers), a task's field."""
    closing = "|".join(
        regex.escape(w).replace(r"\ ", r"\s+") for w in load("sections")["closing_openers"]
    )
    return regex.compile(
        r"[.!?]\s+\K(?=(?:Yêu cầu|Giao|Đề nghị)\s+\S"
        r"|(?i:" + closing + r")\b"
        # a task's fields run on after its text: '... yêu cầu nhiệm vụ. Đơn vị chủ trì thực
        # hiện: Các Sở, ngành ... Đơn vị phối hợp: Sở Nội vụ. Thời gian thực hiện: ...'
        r"|(?:Đơn vị|Cơ quan) (?:chủ trì|thực hiện|phối hợp)[^:.;]{0,30}:"
        r"|Thời (?:gian|hạn) (?:thực hiện|hoàn thành)[^:.;]{0,20}:)"
    )


_INLINE_BULLET = regex.compile(r"\s(?P<mark>[-+•])\s+(?=\p{Lu})")
# '... Chỉ thị số 23 - CT/TW': a document number a crawl spaced out, and 'Quý I - II/2023':
# a span of quarters; not bullets
_DASHED_NUMBER = regex.compile(r"\d\s[-–]\s+\p{Lu}[\p{Lu}Đ]*/|[IV]\s[-–]\s+[IV]+/\d")
# 'KINH TẾ - XÃ HỘI', 'TÀI CHÍNH - NSNN': a dash joining words inside a title in capitals,
# not a bullet (a bullet opens in sentence case: 'I. MỤC TIÊU - Phấn đấu ...')
_CAPITALS_DASH = regex.compile(r"(?<=\p{Lu}{2})\s[-–]\s+\p{Lu}{2}")
_REFLOW_HINT = regex.compile(r"[.:;]\s+(?:I|II|III|IV|V|VI)\.\s+\p{Lu}\p{Lu}")


_GLUED_MARK = regex.compile(r"(?<=\p{Ll})(?<!\b(?:k?m|cm|dm|co))(\d{1,2})(?=[\s,.;:)]|$)")
_FOOTNOTE_LINE = regex.compile(r"^(?:(?P<b>\[\d{1,2}\])|(?P<n>\d{1,2}))\s+(?=\p{Lu})")


def is_wrapped(lines: list[Line]) -> bool:
    """PDF text: many lines stop mid-sentence and the next goes on in lower case."""
    texts = [ln.text for ln in lines]
    breaks = sum(
        1
        for a, b in itertools.pairwise(texts)
        if a and b and not _ends(a, _TERMINAL) and b[:1].islower()
    )
    return breaks >= max(3, len([t for t in texts if t]) // 20)


def is_reflowed(lines: list[Line]) -> bool:
    """A crawl that ran the headings into long lines."""
    return any(ln.inline or (len(ln.text) > 300 and _REFLOW_HINT.search(ln.text)) for ln in lines)


@dataclass
class _Candidate:
    style: Style
    label: str
    rest: str
    parent: Node
    number: int | None
    path_label: str


def _last_child(parent: Node, style: str) -> Node | None:
    """The parent's last child of a numbering style (searched from the end)."""
    return next((c for c in reversed(parent.children) if c.style == style), None)


class Walker:
    """Builds the tree; `feed` takes one physical line at a time."""

    def __init__(self, reflowed: bool = False, wrapped: bool = False, paged: bool = False) -> None:
        self.wrapped = wrapped  # PDF text: lines break anywhere inside paragraphs
        self.paged = paged  # pdftotext's output: its blank lines may only be wider spacing
        self.gap_after = -10  # the text line a single blank line followed (paged text)
        self.markers: set[int] = set()  # footnote numbers glued to words so far ('Tỉnh ủy1')
        self.footnotes: list[Block] = []
        self.root = Node("root", -1, "", "", "", "", 0, 0)
        self.stack: list[Node] = [self.root]
        self.preamble: list[Block] = []
        self.reflowed = reflowed
        self.last_no = -10  # line number of the last text fed
        self.text_no = -10  # ... not reset by a blank line
        self.over_page = False  # blank lines around a page number hold no paragraph break
        self.held_heading: Node | None = None  # the open heading a blank line closed
        self.open_heading: Node | None = None  # a heading whose title may wrap
        self.seen_heading = False
        self.line = Line(0, "", "", False)  # the logical line being read
        self.labels: dict[int, dict[str, int]] = {}  # per parent: times each label was used
        self.elided = False  # the last text line was an elision ('...'): numbers may skip

    # -- headings -------------------------------------------------------------------------

    def candidate(self, text: str, strict: bool, gap: bool = False) -> _Candidate | None:
        """The heading `text` opens, if its label is one expected here. `gap`: a crawl's
        inline label after a full stop may skip one number the source lost."""
        for style in rules().styles:
            m = style.pattern.match(text)
            if not m:
                continue
            cand = self._check(style, m.group("label"), m.group("rest") or "", strict, gap)
            if cand:
                return cand
        return None

    def _check(
        self, style: Style, label: str, rest: str, strict: bool, gap: bool = False
    ) -> _Candidate | None:
        if not rest or not (rest[0].isupper() or rest[0] in '"“«(' or rest[0].isdigit()):
            return None
        parent_i = len(self.stack) - 1
        while self.stack[parent_i].rank >= style.rank:
            parent_i -= 1
        parent = self.stack[parent_i]
        last = _last_child(parent, style.name)
        name = style.name
        if name in ("roman", "part"):
            value = roman_value(label) if name == "roman" else None
            if name == "roman" and value is None:
                return None
            if (
                strict
                and value is not None
                and not (
                    (last is None and value == 1)
                    # a plan whose unnumbered opening stands for its 'I.' ('... như sau: II.
                    # MỤC ĐÍCH, YÊU CẦU 1. ...')
                    or (gap and last is None and value == 2 and _part_title(rest))
                    or (last is not None and last.number == value - 1)
                    or (gap and last is not None and last.number == value - 2 and _part_title(rest))
                    # the same numeral printed twice ('IV. ... IV. PHÂN CÔNG NHIỆM VỤ')
                    or (gap and last is not None and last.number == value and _part_title(rest))
                    or self._after_elision(value, last)
                )
            ):
                return None
            return _Candidate(style, label, rest, parent, value, label)
        if name in ("arabic", "paren_number"):
            n = int(label)
            if not self._next_number(n, last, strict, rest, gap) and not self._after_elision(
                n, last
            ):
                return None
            return _Candidate(style, label, rest, parent, n, str(n))
        if name == "decimal":
            parts = [int(x) for x in label.split(".")]
            owner = self._decimal_owner(parts[:-1])
            if owner is None:
                return None
            if not self._next_number(parts[-1], _last_child(owner, "decimal"), strict, rest):
                return None
            return _Candidate(style, label, rest, owner, parts[-1], str(parts[-1]))
        if name == "upper_letter":
            idx = ord(label) - ord("A")
            prev_idx = ord(last.label) - ord("A") if last is not None else -1
            if idx != prev_idx + 1:
                return None
            return _Candidate(style, label, rest, parent, idx, label)
        if name == "letter":
            letters = rules().letters
            idx = letters.index(label)
            if last is None:
                ok = idx <= 1
            else:
                step = idx - letters.index(last.label)
                ok = 1 <= step <= (2 if strict else 3)
            return _Candidate(style, label, rest, parent, idx, label) if ok else None
        return None

    def _after_elision(self, n: int, last: Node | None) -> bool:
        """Past a '...' that leaves items out, the next number is any higher one."""
        return self.elided and n > ((last.number or 0) if last is not None else 0)

    @staticmethod
    def _next_number(n: int, last: Node | None, strict: bool, rest: str, gap: bool = False) -> bool:
        if last is None or last.number is None:
            return n <= 2 if not strict else n == 1
        if n == last.number + 1 or (gap and n == last.number + 2 and len(rest) > 40):
            return True
        return (
            not strict
            and n in (last.number, last.number + 2)
            and rest[:1].isupper()
            and len(rest) < 300
        )

    def _decimal_owner(self, prefix: list[int]) -> Node | None:
        for node in reversed(self.stack):
            chain = self._number_chain(node)
            if chain == prefix:
                return node
        return None

    def _number_chain(self, node: Node) -> list[int]:
        chain: list[int] = []
        for n in self.stack:
            if n.style in ("arabic", "decimal") and n.number is not None:
                chain.append(n.number)
            if n is node:
                return chain if n.style in ("arabic", "decimal") else []
        return []

    def open(
        self, cand: _Candidate, heading: str, no: int, end: int | None = None, defer: bool = False
    ) -> Node:
        """Open the heading `cand`; with `defer` its title is left for `_retitle` (a crawl's
        heading runs on into the rest of the text until the next split is found)."""
        parent = cand.parent
        while self.stack[-1] is not parent:
            self.stack.pop()
        base = cand.path_label
        # A number printed again at the same level gets '#2', '#3' ... (counted per parent,
        # so that a text with 100,000 headings stays linear).
        seen = self.labels.setdefault(id(parent), {})
        k = seen.get(base, 0) + 1
        seen[base] = k
        label = base if k == 1 else f"{base}#{k}"
        path = f"{parent.path}.{label}" if parent.path else label
        title, body = ("", "") if defer else split_title(heading, reflowed=self.reflowed)
        node = Node(
            cand.style.name,
            cand.style.rank,
            cand.label,
            path,
            title,
            heading,
            no,
            no if end is None else end,
            number=cand.number,
        )
        if not defer and self._top(parent):
            node.kind = kind_of(title)
        parent.children.append(node)
        self.stack.append(node)
        if body:
            node.body.append(Block("paragraph", body, no, no if end is None else end))
        # A heading may wrap onto the next line unless it ended its sentence.
        self.open_heading = node if not body and not _ends(heading, _HEAD_END) else None
        self.seen_heading = True
        return node

    # -- text -----------------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        text = line.text
        if not text:
            if self.over_page:
                self.last_no = line.no
                return
            self.gap_after = self.last_no if self.paged and self.last_no == line.no - 1 else -10
            self.last_no = -10
            self.held_heading, self.open_heading = self.open_heading, None
            return
        if self._footnote(text, line.no):
            return
        self.markers.update(int(m) for m in _GLUED_MARK.findall(text))
        if _PAGE_NUMBER.match(text):
            if line.no - self.text_no <= 3:
                # a page break inside a sentence, blank lines around its number: the halves
                # still join ('- Mặt trận Tổ quốc, Đoàn' / '9' / 'Thanh niên, Hội Phụ nữ ...')
                self.last_no = line.no
                self.over_page = True
                self.open_heading = self.held_heading  # 'I. MỤC ĐÍCH,' / '2' / 'YÊU CẦU'
            return
        if opens_page(line) and 0 < line.no - self.text_no <= 3:
            # pdftotext opens each page with a form feed, a blank line before it: a page
            # break, not a paragraph's end
            self.last_no = line.no - 1
            self.over_page = True
            self.open_heading = self.held_heading
        if self.gap_after == line.no - 2 and text[:1].islower():
            # one blank line inside a sentence ('... của Ủy' / '' / 'ban nhân dân tỉnh'):
            # pdftotext -layout keeps a wider line spacing as a blank line
            self.last_no = line.no - 1
            self.open_heading = self.held_heading
        self.gap_after = -10
        crossed, self.over_page = self.over_page, False
        self.held_heading = None
        adjacent = line.no == self.last_no + 1
        self.last_no = line.end
        self.text_no = line.end
        self.line = line
        if self.reflowed:
            self._feed_reflowed()
        elif not (adjacent and (self._continues(text) or (crossed and self._over_page(text)))):
            self._segment(0, first=True)
        self.elided = bool(_ELISION.match(text))

    def _footnote(self, text: str, no: int) -> bool:
        """A page-foot footnote ('1 Quyết định số ...' after 'Tỉnh ủy1'): kept for the
        references, never a section, target or duty."""
        m = _FOOTNOTE_LINE.match(text)
        if not m or not (m.group("b") or int(m.group("n")) in self.markers):
            return False
        self.footnotes.append(Block("paragraph", text, no, no))
        return True

    def _feed_reflowed(self) -> None:
        """Line breaks in a reflowed crawl fall anywhere: text up to the next heading or
        bullet continues what came before."""
        text = self.line.text
        if self.candidate(text, strict=True) or not (self.preamble or self.seen_heading):
            self._segment(0, first=False)
            return
        cut = self._inline_split(text)
        stop = cut if cut is not None else len(text)
        prefix = text[:stop].strip()
        end = self.line.line_at(max(0, stop - 1))
        node = self.stack[-1]
        if self.seen_heading and not node.body and node is not self.root:
            self._retitle(node, f"{node.heading} {prefix}", node.line_start, end)
        else:
            target = node.body if self.seen_heading else self.preamble
            target[-1].text += " " + prefix
            target[-1].line_end = end
        node.line_end = max(node.line_end, end)
        if cut is not None:
            self._segment(cut, first=False)

    def _over_page(self, text: str) -> bool:
        """Past a page break, a sentence left unfinished goes on, whatever case its next
        word has; a heading or a bullet starts anew."""
        if self.open_heading is not None or self.candidate(text, strict=False):
            return False
        target = self.stack[-1].body if self.seen_heading else self.preamble
        last = target[-1] if target else None
        if last is None or last.kind == "row" or _ends(last.text, _TERMINAL) or _BULLET.match(text):
            return False
        last.text += " " + text
        last.line_end = self.last_no
        return True

    def _continues(self, text: str) -> bool:
        """A line broken mid-sentence (PDF text) continues the previous one."""
        upper_wrap = (
            self.open_heading is not None
            and self.open_heading.style in ("roman", "part")
            and self.open_heading.heading.isupper()
            and text.isupper()
            and len(text) < 80
        )
        if self.candidate(text, strict=False):
            return False
        target = self.stack[-1].body if self.seen_heading else self.preamble
        last = target[-1] if target and self.open_heading is None else None
        if last is not None and last.kind != "row" and _broken_word(last.text):
            # 'Nghị định số 52/2018/NĐ-' + 'CP ngày ...': a number or word cut at its hyphen
            last.text += text
            last.line_end = self.last_no
            return True
        wrapped_on = self.wrapped and not _BULLET.match(text) and text.count("|") < 2
        lower = text[:1].islower() or text[:1].isdigit()  # '67%.' after '... đạt' goes on
        if self.wrapped and not lower:
            # 'các tổ chức chính trị' / '- xã hội, ...': a dash compound broken at its dash
            node = self.open_heading
            before = node.heading if node is not None else last.text if last is not None else ""
            lower = _dash_goes_on(before, text)
        # PDF text: a heading's line that stops at a comma goes on, whatever case comes next
        # ('1. Căn cứ ..., cơ quan ngành dọc đóng trên địa bàn,' / 'Ủy ban nhân dân xã ...')
        comma = (
            wrapped_on and self.open_heading is not None and self.open_heading.heading.endswith(",")
        )
        if not (lower or upper_wrap or comma or (wrapped_on and last is not None)):
            return False
        if self.open_heading is not None:
            node = self.open_heading
            node.heading += " " + text
            node.title, body = split_title(node.heading)
            if body:
                node.body.append(Block("paragraph", body, self.last_no, self.last_no))
                self.open_heading = None
            return True
        if last is not None and not _ends(last.text, _TERMINAL) and last.kind != "row":
            last.text += " " + text
            last.line_end = self.last_no
            return True
        return False

    def _segment(self, pos: int, first: bool) -> None:
        """Headings, bullets and paragraphs of the current line from offset `pos` on."""
        full = self.line.text
        while pos < len(full):
            text = full[pos:]
            after_stop = bool(_SENTENCE_END.search(full, max(0, pos - 16), pos))
            cand = self.candidate(text, strict=not first and self.reflowed, gap=after_stop)
            first = False
            head_pos = pos + len(text) - len(cand.rest) if cand else pos
            head_text = full[head_pos:]
            no = self.line.line_at(pos)
            node = self.open(cand, cand.rest, no, defer=self.reflowed) if cand else None
            # The split is searched after the heading is open: what may follow depends on it.
            cut = self._inline_split(head_text) if self.reflowed else None
            stop = head_pos + cut if cut is not None else len(full)
            piece = full[head_pos:stop].strip()
            end = self.line.lines_of(pos, stop)[1]
            if node is not None:
                node.line_end = end
                if cut is not None or self.reflowed:
                    self._retitle(node, piece if cut is not None else node.heading, no, end)
                elif node.body:
                    node.body[0].line_end = end
            elif piece:
                self._add_block(piece, no, end)
            self.stack[-1].line_end = max(self.stack[-1].line_end, end)
            if stop <= pos:
                break
            pos = stop + len(full[stop:]) - len(full[stop:].lstrip())

    def _top(self, parent: Node) -> bool:
        """Top-level sections, and the sections of a plan split into parts (A., B.)."""
        return parent is self.root or parent.style in ("part", "upper_letter")

    def _retitle(self, node: Node, heading: str, no: int, end: int) -> None:
        node.heading = heading
        node.title, body = split_title(heading, reflowed=self.reflowed)
        if node.kind is None and len(self.stack) > 1 and self._top(self.stack[-2]):
            node.kind = kind_of(node.title)
        node.body = [Block("paragraph", body, no, end)] if body else []
        self.open_heading = None

    def _inline_split(self, text: str) -> int | None:
        """Offset of the first inline heading or bullet acceptable after the current state."""
        best: int | None = None
        for m in _INLINE.finditer(text):
            label = m.group("label").rstrip(". ")
            if (
                label.isdigit()  # a plain number: '1. Mục tiêu 1.1. ...' opens a child
                and _numbered_noun().search(text, max(0, m.start() - 16), m.start())
            ):
                continue  # 'Mục tiêu 2. Lĩnh vực ...': the item's name, not a heading
            after = m.end()
            while after < len(text) and text[after].isspace():
                after += 1
            probe = f"{m.group('label')} {text[after : after + 200]}"
            after_stop = bool(_SENTENCE_END.search(text, max(0, m.start() - 16), m.start()))
            if self.candidate(probe, strict=True, gap=after_stop):
                best = m.start("label")
                break
        # a bullet after the heading found would not be used: the scan stops a little
        # past it (a bullet's mark and spaces) instead of running to the text's end
        for m in _INLINE_BULLET.finditer(text, 1, len(text) if best is None else best + 40):
            if best is not None and m.start() >= best:
                break
            if (
                self._inside_name(text, m.start())
                or _DASHED_NUMBER.match(text, m.start() - 1)
                or _CAPITALS_DASH.match(text, m.start())
            ):
                continue
            best = int(m.start() + 1)
            break
        # A sentence that addresses agencies ('Yêu cầu các sở ...') opens a new paragraph.
        am = _inline_address().search(text, 1, len(text) if best is None else best)
        if am and (best is None or am.start() < best):
            best = am.start()
        return best

    @staticmethod
    def _inside_name(text: str, pos: int) -> bool:
        """' - ' inside an agency name ('Sở Lao động - Thương binh và Xã hội')."""
        window_start = max(0, pos - 40)
        for m in _name_head().finditer(text, window_start, pos):
            am = match_at(text, m.start())
            if am and am.end > pos + 2:
                return True
        return False

    def _add_block(self, text: str, no: int, end: int) -> None:
        bm = _BULLET.match(text)
        if bm:
            block = Block("bullet", bm.group("text"), no, end)
        elif text.count("|") >= 2:
            block = Block("row", " | ".join(cells(text)), no, end)
        else:
            block = Block("paragraph", text, no, end)
        self.open_heading = None
        if self.seen_heading:
            self.stack[-1].body.append(block)
        else:
            self.preamble.append(block)


def reattach_trailing(node: Node) -> None:
    """Paragraphs after the last numbered child's own text belong to the parent (FORMAT.md):
    '12. UBND các huyện' - bullets - then 'Yêu cầu các sở, ban, ngành ...' closes section V.
    In flat text the child's end shows as its bullets ending, or as a closing paragraph
    ('Yêu cầu ...', 'Trên đây là ...'; data/sections.yaml closing_openers). A field of the
    item ('Đơn vị chủ trì: ...', 'Thời gian: ...') stays with it."""
    for child in node.children:
        reattach_trailing(child)
    if node.style == "root" or not node.children:
        return
    last = node.children[-1]
    if last.style in ("row", "appendix"):
        return
    if last.children:
        # a closing paragraph moved up to the last child from its own last child ('V.10.e'
        # then 'Ủy ban nhân dân tỉnh giao ...') closes this section too: it goes on up
        after = last.children[-1].line_start
        tail = len(last.body)
        while tail and last.body[tail - 1].line_start > after and _closes(last.body[tail - 1].text):
            tail -= 1
        node.body.extend(last.body[tail:])
        del last.body[tail:]
        return
    body = last.body
    closing = next(
        (i for i, b in enumerate(body) if b.kind == "paragraph" and _closes(b.text)), None
    )
    bullets = [i for i, b in enumerate(body) if b.kind == "bullet"]
    # (a closing paragraph first in the body closes the section only when the item's own
    # text ran on its heading line: '3. Thủ trưởng các sở ... chịu trách nhiệm ...')
    runs_on = len(last.heading) > len(last.title) + 15 or _ends(last.heading, ".")
    cut = closing if closing is not None and (closing > 0 or runs_on) else None
    if cut is None and bullets and bullets[-1] < len(body) - 1:
        cut = bullets[-1] + 1
    if cut is None:
        return
    trailing = body[cut:]
    if all(b.kind == "paragraph" and not _FIELD.match(b.text) for b in trailing):
        del body[cut:]
        node.body.extend(trailing)


# 'Đơn vị chủ trì: ...', 'Cơ quan phối hợp: ...', 'Thời gian thực hiện: ...'
_FIELD = regex.compile(
    r"^(?:cơ quan|đơn vị|thời gian|thời hạn|kinh phí|sản phẩm)[^:]{0,40}:", regex.IGNORECASE
)


@cache
def _closing() -> regex.Pattern[str]:
    words = load("sections")["closing_openers"]
    return regex.compile(r"^(?:" + "|".join(regex.escape(key(w)) for w in words) + r")\b")


def _closes(text: str) -> bool:
    return bool(_closing().match(key(" ".join(text.split(None, 8)[:8]))))


def finish(root: Node) -> None:
    """Spans: a section runs from its heading to the last line of its subtree."""
    for node in reversed(list(root.walk())):
        ends = (
            [node.line_end] + [b.line_end for b in node.body] + [c.line_end for c in node.children]
        )
        node.line_end = max(ends)


def build(
    lines: list[Line], reflowed: bool | None = None, cut_short: bool = False
) -> tuple[Node, list[Block], list[Block]]:
    """Section tree, preamble blocks and page-foot footnotes of the body lines (in order).
    `cut_short`: the text stops mid-plan (a crawl cut at a length)."""
    walker = Walker(
        is_reflowed(lines) if reflowed is None else reflowed, is_wrapped(lines), is_paged(lines)
    )
    for line in lines:
        walker.feed(line)
    root = walker.root
    if not root.children:
        # No numbered headings (a news summary): one pseudo-section holds the text.
        blocks = walker.preamble
        start = blocks[0].line_start if blocks else 0
        end = blocks[-1].line_end if blocks else 0
        root.children.append(
            Node("none", 0, "0", "0", "(body)", "", start, end, kind="other", body=blocks)
        )
        walker.preamble = []
    if cut_short:
        _retitle_cut_heading(root, walker.reflowed)
    reattach_trailing(root)
    finish(root)
    return root, walker.preamble, walker.footnotes


def _retitle_cut_heading(root: Node, reflowed: bool) -> None:
    """The last heading of a text cut short, with nothing after it: the cut, not the
    heading, ended it ('3. Tập trung giải quyết 8-10 điểm ùn tắc; không để ... phát sinh'),
    so its title ends at its first ';' or '.' as a heading that runs on as a sentence."""
    node = root
    while node.children:
        node = node.children[-1]
    if node is root or node.body or node.style == "none":
        return
    title, body = split_title(node.heading, reflowed=reflowed, cut_short=True)
    if body:
        node.title = title
        node.body.append(Block("paragraph", body, node.line_start, node.line_end))
