"""Stage 2: text -> lines. Each line keeps its number and gets a cleaned form.

Cleaning removes what a copy adds around the words (Markdown marks, no-break spaces,
escapes) so that later rules see the same thing in a web copy, a PDF copy or Markdown.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

import regex

_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = regex.compile(r"^\s{0,3}>\s?")
_MD_ESCAPE = regex.compile(r"\\([\\.\-()*_#+!\[\]`|])")
_MD_STRONG = regex.compile(r"\*\*|__")
_MD_EM = regex.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w])_(?=\S)|(?<=\S)_(?!\w)")
_MD_TABLE_RULE = regex.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_MD_MARKS_ONLY = regex.compile(r"^[\s*_]+$")  # '** **', '* *': emphasis around nothing
_SPACES = regex.compile(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+")
_HTML_BREAK = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
_HTML_TAG = regex.compile(r"</?[a-zA-Z][^<>]*>")
_FOOTNOTE_MARK = regex.compile(r"(?<=\p{L})\[\d{1,2}\]")


@dataclass(slots=True)
class Line:
    """One logical line: a physical line, or several joined (a crawl wrapped mid-sentence).
    Not changed once made (dataclasses.replace makes a new one); not frozen, as a frozen
    dataclass costs four times as much to make, and a plan has tens of thousands of lines.

    `breaks` holds the offsets in `text` where each further physical line begins, so any
    piece of a joined line still maps back to the lines it came from.
    """

    no: int  # 1-based number of its first line in the decoded text
    raw: str  # the line as it is in the text
    text: str  # cleaned
    empty_cell: bool  # only no-break or other spaces: an empty table cell in flattened tables
    breaks: tuple[int, ...] = ()
    inline: bool = False  # a reflowed crawl's text: headings may run inside the line

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def end(self) -> int:
        """Number of its last physical line."""
        return self.no + len(self.breaks)

    def line_at(self, offset: int) -> int:
        """Physical line number of the character at `offset` in `text`."""
        return self.no + bisect_right(self.breaks, offset)

    def lines_of(self, start: int, stop: int) -> tuple[int, int]:
        """First and last physical line of text[start:stop]."""
        return self.line_at(start), self.line_at(max(start, stop - 1))

    def piece(self, start: int, stop: int) -> Line:
        """text[start:stop], stripped, still mapped to its physical lines."""
        part = self.tail(start) if start else self
        cut = stop - (len(self.text) - len(part.text)) if start else stop
        text = part.text[:cut].rstrip()
        return replace(
            part, text=text, raw=text, breaks=tuple(b for b in part.breaks if b < len(text))
        )

    def tail(self, offset: int) -> Line:
        """The line from `offset` on, stripped, still mapped to its physical lines."""
        rest = self.text[offset:]
        offset += len(rest) - len(rest.lstrip())
        no = self.line_at(offset)
        breaks = tuple(b - offset for b in self.breaks if b > offset)
        return replace(self, no=no, text=self.text[offset:].strip(), breaks=breaks)


def join(lines: list[Line]) -> Line:
    """Consecutive lines as one logical line (one space where each break was).

    A line with no text (a table's cell mark) still counts: the joined line spans it.
    """
    text, breaks = "", []
    for k, ln in enumerate(lines):
        if k:
            if text and ln.text:
                text += " "
            breaks.append(len(text))
        breaks += [len(text) + b for b in ln.breaks]
        text += ln.text
    return Line(lines[0].no, "\n".join(ln.raw for ln in lines), text, False, tuple(breaks))


# Any character one of the rules below would change; most lines of a plan have none.
# (the two runs, '  ' and '---', are looked for apart: one alternation with the class
# scanned several times slower)
_MARKUP = regex.compile(r"[|<#>\\*_\[\t\u00a0\u2007\u202f\u200b\ufeff]")


_ODD_SPACES = ("\t", "\u00a0", "\u2007", "\u202f", "\u200b", "\ufeff")


def clean(raw: str) -> str:
    """Markdown marks, escapes, footnote markers and odd spaces out; one space between words.

    Each rule runs only on a line holding the character it needs: a web copy's lines have
    one kind of mark or two ('**', '|'), and nine substitutions per line were a tenth of
    the parse."""
    if not _MARKUP.search(raw) and "  " not in raw and "---" not in raw:
        return raw.strip()
    s = raw
    if ("-" in s and _MD_TABLE_RULE.match(s.strip())) or (
        ("*" in s or "_" in s) and _MD_MARKS_ONLY.match(s)
    ):
        return ""
    if "<" in s:
        s = _HTML_TAG.sub("", _HTML_BREAK.sub(" | ", s))
    if "#" in s:
        s = _MD_HEADING.sub("", s)
    if ">" in s:
        s = _MD_QUOTE.sub("", s)
    if "\\" in s:
        s = _MD_ESCAPE.sub(_unescape, s)
    if "**" in s or "__" in s:
        s = _MD_STRONG.sub("", s)
    if "*" in s or "_" in s:
        s = _MD_EM.sub("", s)
    if "[" in s:
        s = _FOOTNOTE_MARK.sub("", s)
    if "  " in s or any(c in s for c in _ODD_SPACES):
        s = _SPACES.sub(" ", s)
    return str(s).strip()


def _unescape(m: regex.Match[str]) -> str:
    return str(m.group(1))


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    for i, raw in enumerate(text.split("\n"), start=1):
        cleaned = clean(raw)
        out.append(
            Line(
                no=i,
                raw=raw,
                text=cleaned,
                empty_cell=bool(raw) and not cleaned and bool(raw.strip(" \t")),
            )
        )
    return out


def opens_page(line: Line) -> bool:
    """pdftotext starts each page after the first with a form feed."""
    return line.raw.startswith("\f")


def is_paged(lines: list[Line]) -> bool:
    """pdftotext's output: pages after the first open with a form feed."""
    return any(opens_page(ln) for ln in lines)


def cells(text: str) -> list[str]:
    """Cells of a pipe-joined row ('| A | B |' -> ['A', 'B']); one cell for other text."""
    if "|" not in text:
        return [text]
    parts = [p.strip() for p in text.strip().strip("|").split("|")]
    return [p for p in parts if p]
