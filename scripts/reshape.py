"""The hold-out's web copies re-shaped as other copies of the same plan would show them.

Users download a plan as a web page, as the signed PDF, or as a crawl; the hold-out's
annotations fit all three, since they score facts, not lines. Two shapes are made here
from a web copy's decoded text, deterministically:

- `pdf_text`: what a PDF reader gives: Markdown marks gone, every paragraph wrapped at
  88 characters, a page number between paragraphs every 40 lines;
- `crawl`: what a crawler stores for a whole plan (not cut at 5,000 characters): every
  line break lost, the text rewrapped at 90 characters with CRLF, table cells run in.
"""

from __future__ import annotations

import textwrap

import regex

_MARKS = regex.compile(r"\*\*|(?<!\w)\*(?!\s)|(?<=\S)\*(?!\w)")
_ALL_MARKS = regex.compile(r"\*|\|")
_SPACES = regex.compile(r"\s+")


def pdf_text(text: str) -> str:
    out: list[str] = []
    for n, line in enumerate(text.split("\n")):
        line = _MARKS.sub("", line).strip()
        if line.startswith("|") or set(line) <= set("|- "):
            line = line.strip("| ")
        out.extend(textwrap.wrap(line, width=88, break_long_words=False) or [""])
        if n % 40 == 39:
            out += ["", str(n // 40 + 2), ""]
    return "\n".join(out)


def crawl(text: str) -> str:
    flat = " ".join(line.strip() for line in text.split("\n") if line.strip())
    flat = _SPACES.sub(" ", _ALL_MARKS.sub(" ", flat))
    return "\r\n".join(textwrap.wrap(flat, width=90, break_long_words=False)) + "\r\n"


SHAPES = {"pdf text": pdf_text, "crawl": crawl}
