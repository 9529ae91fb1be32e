"""HTML page -> text with one block per line and table cells joined by ' | '.

Uses the standard library's tolerant HTMLParser: web copies of plans are simple block
markup (p, div, br, table), and the later stages only need lines in reading order.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}
_HTML_START = regex.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", regex.IGNORECASE
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _CELL:
            self.out.append(" | ")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(regex.sub(r"\s+", " ", data))


def html_to_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    parser.close()
    lines = [html.unescape(ln).strip() for ln in "".join(parser.out).split("\n")]
    return "\n".join(ln for ln in lines if ln) + "\n"
