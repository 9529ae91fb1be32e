"""HTML page -> the document's text: one block per line, tables as '| a | b |' rows.

Pages of legal-document websites and provincial portals wrap the document in menus,
breadcrumbs, related-document lists and footers. The page is parsed into a small tree
(standard library HTMLParser, tolerant of broken markup); chrome elements are dropped by
tag and by class/id (data/formats.yaml, 'html'); the document body is the element a
site rule names, else the deepest element that still holds most of the page's
non-link text. A layout table holding the title or signature block gives its columns
one after the other; other tables give pipe rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

import regex

from kehoach.datafiles import load

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "section", "article", "main", "header", "footer", "blockquote", "pre", "hr", "dt", "dd",
    "dl", "center", "form", "fieldset", "address", "figure", "figcaption", "caption", "tbody",
    "thead", "tfoot",
}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "select", "button"}
_HTML_START = regex.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    regex.IGNORECASE | regex.DOTALL,
)
MAX_DEPTH = 400  # deeper nesting is flattened (hostile or broken pages)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4000]))


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)
    parent: _Node | None = None


@dataclass(frozen=True)
class _Rules:
    chrome_tags: frozenset[str]
    chrome: regex.Pattern[str]
    body: regex.Pattern[str]
    layout_table: regex.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load("formats")["html"]
    return _Rules(
        chrome_tags=frozenset(data["chrome_tags"]),
        chrome=regex.compile(data["chrome"], regex.IGNORECASE),
        body=regex.compile(data["body"], regex.IGNORECASE),
        layout_table=regex.compile(data["layout_table"], regex.IGNORECASE),
    )


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.cur = self.root
        self.depth = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        node = _Node(tag, {k: v or "" for k, v in attrs}, parent=self.cur)
        self.cur.children.append(node)
        if tag not in _VOID and self.depth < MAX_DEPTH:
            self.cur = node
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP or self.skip:
            return
        self.cur.children.append(_Node(tag, {k: v or "" for k, v in attrs}, parent=self.cur))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in _VOID:
            return
        node: _Node | None = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            # Close it and every element left open inside it.
            while self.cur is not node.parent and self.cur.parent is not None:
                self.cur = self.cur.parent
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and data:
            self.cur.children.append(data)


def _is_chrome(node: _Node, rules: _Rules) -> bool:
    if node.tag in rules.chrome_tags:
        return True
    names = " ".join((node.attrs.get("class", ""), node.attrs.get("id", ""))).strip()
    return bool(names) and bool(rules.chrome.search(names))


def _prune(node: _Node, rules: _Rules) -> None:
    node.children = [c for c in node.children if isinstance(c, str) or not _is_chrome(c, rules)]
    for c in node.children:
        if isinstance(c, _Node):
            _prune(c, rules)


def _text_len(node: _Node, counts: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(all text, text inside links) of an element, memoised per node."""
    total = links = 0
    stack: list[tuple[_Node | str, bool]] = [(node, False)]
    while stack:
        item, in_link = stack.pop()
        if isinstance(item, str):
            n = len(item.strip())
            total += n
            links += n if in_link else 0
        else:
            inside = in_link or item.tag == "a"
            stack.extend((c, inside) for c in item.children)
    counts[id(node)] = (total, links)
    return total, links


def _body(root: _Node, rules: _Rules) -> _Node:
    """The element holding the document: a site rule's element, else the deepest one
    that keeps 70% of the page's non-link text."""
    nodes: list[_Node] = []
    stack = [root]
    while stack:
        n = stack.pop()
        nodes.append(n)
        stack.extend(c for c in n.children if isinstance(c, _Node))
    counts: dict[int, tuple[int, int]] = {}
    total, links = _text_len(root, counts)
    own = total - links
    for n in nodes:
        names = " ".join((n.attrs.get("class", ""), n.attrs.get("id", "")))
        if names.strip() and rules.body.search(names):
            t, lk = _text_len(n, counts)
            if t - lk >= max(200, 0.3 * own):
                return n
    best = root
    best_depth = 0
    for n in nodes:
        if n.tag not in ("div", "article", "main", "section", "td", "body", "form", "center"):
            continue
        t, lk = counts.get(id(n)) or _text_len(n, counts)
        if t - lk >= 0.7 * own and lk <= 0.3 * max(t, 1):
            depth = 0
            p = n.parent
            while p is not None:
                depth += 1
                p = p.parent
            if depth > best_depth:
                best, best_depth = n, depth
    return best


def _cell_lines(cell: _Node) -> list[str]:
    out: list[str] = []
    _render(cell, out)
    return [" ".join(ln.split()) for ln in "".join(out).split("\n") if ln.strip()]


def _table(node: _Node, out: list[str], rules: _Rules) -> None:
    rows: list[list[_Node]] = []
    stack: list[_Node] = [node]
    while stack:
        n = stack.pop(0)
        for c in n.children:
            if isinstance(c, _Node):
                if c.tag == "tr":
                    rows.append(
                        [d for d in c.children if isinstance(d, _Node) and d.tag in ("td", "th")]
                    )
                elif c.tag in ("tbody", "thead", "tfoot"):
                    stack.append(c)
    cells = [[_cell_lines(c) for c in r] for r in rows]
    ncol = max((len(r) for r in cells), default=0)
    flat = [ln for r in cells for c in r for ln in c]
    out.append("\n")
    if ncol <= 3 and len(rows) <= 4 and any(rules.layout_table.search(ln) for ln in flat):
        for k in range(ncol):
            for r in cells:
                if k < len(r):
                    out.extend(f"{ln}\n" for ln in r[k])
        return
    for r in cells:
        if any(r):
            out.append("| " + " | ".join(" ".join(c) for c in r) + " |\n")


def _render(node: _Node, out: list[str], depth: int = 0) -> None:
    rules = _rules()
    for c in node.children:
        if isinstance(c, str):
            out.append(regex.sub(r"\s+", " ", c))
            continue
        if c.tag == "table" and depth < MAX_DEPTH:
            _table(c, out, rules)
            continue
        if c.tag in _BLOCK:
            out.append("\n")
        if depth < MAX_DEPTH:
            _render(c, out, depth + 1)
        if c.tag in _BLOCK:
            out.append("\n")


def has_plan(text: str) -> bool:
    """Whether a page's text holds a plan at all (see 'plan_marker' in formats.yaml)."""
    marker = regex.compile(load("formats")["html"]["plan_marker"], regex.MULTILINE)
    return bool(marker.search(text))


def html_to_text(page: str) -> str:
    """The document's text: blocks as lines, chrome around it left out."""
    tree = _Tree()
    tree.feed(page)
    tree.close()
    rules = _rules()
    _prune(tree.root, rules)
    body = _body(tree.root, rules)
    out: list[str] = []
    _render(body, out)
    lines = [ln.strip() for ln in "".join(out).split("\n")]
    return "\n".join(ln for ln in lines if ln) + "\n"
