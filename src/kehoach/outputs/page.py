"""The review page: one self-contained HTML file per plan, its facts marked on its text.

A reviewer checks extraction by reading the source with every fact highlighted where its
span and quote point, and sees at a glance what was missed (text in no section, facts
that could not be placed). Everything is inline (CSS, script, SVG charts): the file works
offline and from any folder. The page is built from the JSON form of the plan, read
defensively, so that fields added to the model later still show.
"""

from __future__ import annotations

import bisect
import html
import itertools
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kehoach.model import Plan
from kehoach.outputs.panes import (
    KIND_NAMES,
    Figures,
    Lines,
    assignments_tab,
    classify_lines,
    deadlines_tab,
    detail_html,
    esc,
    fact_label,
    figures,
    problems_tab,
    references_tab,
    section_titles,
    share,
    short,
    side_html,
    targets_tab,
    th,
)
from kehoach.outputs.place import KINDS, LISTS, Mark, nest, place
from kehoach.read.load import InputError, load_bytes, load_path


@cache
def asset(name: str) -> str:
    return resources.files("kehoach.outputs").joinpath("assets", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- source text


@dataclass
class Source:
    """The text line numbers refer to, or why there is none."""

    text: str | None
    note: str = ""


def source_for(plan: Plan, given: Path, text: str | None = None) -> Source:
    """The plan's text: given (a raw input just parsed), or re-read from `source.path`.

    A structured file names its original relative to where `parse` ran, which need not be
    where `view` runs: see `source_candidates`. A copy with the plan's sha256 is taken
    first; a changed original is used but flagged.
    """
    if text is not None:
        return Source(text)
    changed: tuple[Path, str] | None = None
    unread = ""
    # a plan `parse --ocr` read from a scanned PDF: its text is the OCR's again
    ocr = plan.source.encoding.endswith("+ocr")
    for candidate in source_candidates(plan.source.path, given):
        try:
            loaded = load_path(candidate, ocr=ocr)
        except InputError as exc:
            unread = unread or f"original text cannot be read: {exc}"
            continue
        if loaded.sha256 == plan.source.sha256:
            return Source(loaded.text)
        changed = changed or (candidate, loaded.text)
    if unread and changed is None:
        return Source(None, unread)
    if changed is not None:
        return Source(
            changed[1], f"{changed[0]} has changed since it was parsed: highlights may be off"
        )
    return Source(
        None,
        f"original text {plan.source.path} not found (looked from the current folder, "
        f"from {given.parent} and the folders above it, and beside it): facts shown without it",
    )


def source_candidates(recorded: str, given: Path) -> list[Path]:
    """Where the original of a structured file may be: `recorded` as it is (from the
    current folder, or absolute); then from the structured file's folder and each folder
    above it, the recorded path and its tails ('data/raw/x.txt', 'raw/x.txt': a file
    written to data/structured finds data/raw/x.txt); then its name beside the file."""
    src = Path(recorded)
    parts = src.parts[1:] if src.is_absolute() else src.parts
    tails = [Path(*parts[k:]) for k in range(len(parts) - 1)]
    here = given.absolute().parent
    tries = [src, *(folder / tail for folder in (here, *here.parents) for tail in tails)]
    tries.append(here / src.name)
    out: list[Path] = []
    seen: set[Path] = set()
    for t in tries:
        if t.is_file() and (key := t.resolve()) not in seen:
            seen.add(key)
            out.append(t)
    return out


# ---------------------------------------------------------------- the marked-up text


_ZONE_TITLES = {
    "trim": "dropped as website chrome",
    "gap": "text placed nowhere: in no section, preamble, title block or signature",
}


def _zones(info: Lines, line_starts: Sequence[int], size: int) -> list[tuple[int, int, str]]:
    """Runs of trimmed lines and of lines in no section, as character ranges."""
    zones: list[tuple[int, int, str]] = []
    n = 1
    while n <= info.count:
        kind = info.kind.get(n)
        if kind not in _ZONE_TITLES:
            n += 1
            continue
        m = n
        while m + 1 <= info.count and info.kind.get(m + 1) == kind:
            m += 1
        start = line_starts[n - 1]
        end = line_starts[m] - 1 if m < len(line_starts) else size
        if end > start:
            title = info.trim_reason.get(n, "") if kind == "trim" else _ZONE_TITLES[kind]
            zones.append((start, end, f'class="z z-{kind}" title="{esc(title)}"'))
        n = m + 1
    return zones


def _split(zones: list[tuple[int, int, str]], cuts: list[int]) -> list[tuple[int, int, str]]:
    """Zones cut wherever a fact starts or ends inside them: the pieces then nest."""
    out = []
    for start, end, attrs in zones:
        lo = bisect.bisect_right(cuts, start)
        hi = bisect.bisect_left(cuts, end)
        points = [start, *cuts[lo:hi], end]
        out += [(a, b, attrs) for a, b in itertools.pairwise(points) if b > a]
    return out


def _mark_attrs(m: Mark, label: str) -> str:
    classes = f"hl k-{m.kind} d{min(m.depth, 3)}"
    if m.status != "exact":
        classes += f" s-{m.status}"
    return (
        f'id="{m.kind}-{m.index}" class="{classes}" data-kind="{m.kind}" '
        f'data-index="{m.index}" tabindex="0" role="button" title="{esc(label)}"'
    )


def _gutter(n: int, info: Lines) -> str:
    classes = ["ln"]
    if n in info.kind:
        classes.append(f"g-{info.kind[n]}")
    elif n in info.out:
        classes.append("g-out")
    if n in info.duty:
        classes.append("g-duty")
    if n in info.warn:
        classes.append("g-warn")
    return f'<span class="{" ".join(classes)}" id="L{n}" data-n="{n}" aria-hidden="true"></span>'


def text_html(text: str, marks: Sequence[Mark], labels: Mapping[str, str], info: Lines) -> str:
    """The source with one <mark> per placed fact and a gutter marker at each line start."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    placed = nest(marks)
    cuts = sorted({m.start for m in placed} | {m.end for m in placed})
    ranges: list[tuple[int, int, int, str, str]] = []
    for m in placed:
        ranges.append((m.start, m.end, 0, "mark", _mark_attrs(m, labels[f"{m.kind}-{m.index}"])))
    for start, end, attrs in _split(_zones(info, line_starts, len(text)), cuts):
        ranges.append((start, end, 1, "span", attrs))
    ranges.sort(key=lambda r: (r[0], -r[1], r[2]))
    opens: dict[int, list[tuple[int, str, str]]] = {}
    for start, end, _, tag, attrs in ranges:
        opens.setdefault(start, []).append((end, tag, attrs))
    line_at = {p: n for n, p in enumerate(line_starts, 1)}
    points = sorted(set(opens) | {r[1] for r in ranges} | set(line_starts) | {len(text)})
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    for p in points:
        if p > pos:
            out.append(html.escape(text[pos:p], quote=False))
            pos = p
        while stack and stack[-1][0] <= p:
            out.append(f"</{stack.pop()[1]}>")
        if p in line_at:
            out.append(_gutter(line_at[p], info))
        for end, tag, attrs in opens.get(p, []):
            out.append(f"<{tag} {attrs}>")
            stack.append((end, tag))
    while stack:
        out.append(f"</{stack.pop()[1]}>")
    return "".join(out)


# ---------------------------------------------------------------- the page


def _metadata_line(m: Mapping[str, Any]) -> str:
    bits = [
        ("Số", m.get("number")),
        ("Cơ quan", m.get("issuer")),
        ("Ngày", m.get("issued_date")),
        ("Nơi", m.get("place")),
        ("Người ký", m.get("signer")),
    ]
    return " · ".join(f"<span><b>{k}</b> {esc(v)}</span>" for k, v in bits if v)


def plan_title(data: Mapping[str, Any]) -> str:
    m = data.get("metadata") or {}
    head = " ".join(str(x) for x in (m.get("doc_type"), m.get("number")) if x)
    return short(f"{head}: {m.get('title')}" if m.get("title") else head or "Plan", 140)


@dataclass
class Built:
    html: str
    figures: Figures


def build_page(plan: Plan, source: Source, index_href: str | None = None) -> Built:
    """The whole page for one plan."""
    data = plan.model_dump(mode="json")
    marks = place(data, source.text)
    titles = section_titles(data)
    labels = {
        f"{k}-{i}": f"{KIND_NAMES[k][0]} {i}: {fact_label(k, f)}"
        for k in KINDS
        for i, f in enumerate(data.get(LISTS[k]) or [])
    }
    by_id = {f"{m.kind}-{m.index}": m for m in marks}
    info = classify_lines(data, source.text) if source.text is not None else None
    fig = figures(data, marks, info)
    details = {
        LISTS[k]: [
            detail_html(k, f, by_id.get(f"{k}-{i}"), titles)
            for i, f in enumerate(data.get(LISTS[k]) or [])
        ]
        for k in KINDS
    }
    missing = [m for m in marks if m.status == "missing"]
    missing_html = ""
    if missing:
        items = "".join(
            f"<li><mark {_mark_attrs(m, labels[f'{m.kind}-{m.index}'])}>"
            f"{esc(short(_fact(data, m).get('quote') or _fact(data, m).get('as_written'), 300))}"
            f"</mark> <span class='muted'>{esc(m.note)}</span></li>"
            for m in missing
        )
        missing_html = (
            f'<section class="missing"><h3>Facts with no place in the text ({len(missing)})</h3>'
            f"<ul>{items}</ul></section>"
        )
    if source.text is not None and info is not None:
        body = f'<div id="text" class="src" tabindex="-1">{text_html(source.text, marks, labels, info)}</div>'
    else:
        body = ""
    note = f'<p class="note" role="status">{esc(source.note)}</p>' if source.note else ""
    c = fig.counts
    tabs = [
        ("text", "Text", "", f"{note}{missing_html}{body}"),
        ("targets", "Targets", c["targets"], targets_tab(data)),
        ("assignments", "Assignments", c["assignments"], assignments_tab(plan, data, titles)),
        ("deadlines", "Deadlines", c["deadlines"], deadlines_tab(data)),
        ("references", "References", c["references"], references_tab(data)),
        (
            "problems",
            "Problems",
            fig.near + fig.unplaced + c["warnings"] + fig.gaps,
            problems_tab(data, marks, info, labels),
        ),
    ]
    tablist = "".join(
        f'<button type="button" role="tab" id="tab-{key}" aria-controls="panel-{key}" '
        f'aria-selected="{"true" if n == 0 else "false"}" tabindex="{0 if n == 0 else -1}">'
        f"{label}{f' <span class=cnt>{count}</span>' if count != '' else ''}</button>"
        for n, (key, label, count, _) in enumerate(tabs)
    )
    panels = "".join(
        f'<section role="tabpanel" id="panel-{key}" aria-labelledby="tab-{key}" tabindex="0"'
        f"{' hidden' if n else ''}>{content}</section>"
        for n, (key, _, _, content) in enumerate(tabs)
    )
    payload = json.dumps(details, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    back = f'<a href="{esc(index_href)}" class="back">← All plans</a>' if index_href else ""
    meta = data.get("metadata") or {}
    src = data.get("source") or {}
    title = plan_title(data)
    page = f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kehoach view">
<title>{esc(title)}</title>
<style>{asset("page.css")}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the text</a>
<header class="top">
{back}
<h1>{esc(title)}</h1>
<p class="meta">{_metadata_line(meta)}</p>
<p class="meta muted">Source <code>{esc(src.get("path"))}</code> · {esc(src.get("lines"))} lines · {esc(src.get("encoding"))}</p>
</header>
<div class="layout">
<nav id="side" aria-label="Outline, counts and quality">{side_html(data, fig)}</nav>
<main id="main" tabindex="-1">
<div role="tablist" aria-label="Views of the plan">{tablist}</div>
{panels}
</main>
<aside id="detail" aria-label="Selected fact"><div id="detail-body" aria-live="polite">
<p class="muted">Click or press Enter on a highlighted passage to see what was extracted;
<kbd>j</kbd> and <kbd>k</kbd> step to the next and previous one.</p>
</div><button type="button" id="detail-close" class="close" aria-label="Close details">×</button></aside>
</div>
<script type="application/json" id="kh-details">{payload}</script>
<script>{asset("page.js")}</script>
</body>
</html>
"""
    return Built(page, fig)


def _fact(data: Mapping[str, Any], m: Mark) -> Mapping[str, Any]:
    fact: Mapping[str, Any] = data[LISTS[m.kind]][m.index]
    return fact


# ---------------------------------------------------------------- the index


INDEX_COUNTS = ("sections", "targets", "assignments", "deadlines", "references", "warnings")


def _share_cell(v: Any) -> str:
    num = v if isinstance(v, int | float) else -1
    return f'<td class="num" data-v="{num:.4f}">{share(v)}</td>'


@dataclass
class IndexRow:
    page: str  # file name of the plan's page
    data: Mapping[str, Any]
    figures: Figures


def build_index(rows: Sequence[IndexRow], failed: Sequence[str] = ()) -> str:
    """One row per plan, sortable, linking to the plan pages."""
    with_quality = any(isinstance(r.data.get("quality"), Mapping) for r in rows)
    body = []
    for r in rows:
        m = r.data.get("metadata") or {}
        f = r.figures
        c = f.counts
        q = r.data.get("quality")
        q = q if isinstance(q, Mapping) else {}
        in_sections = q.get("body_lines_in_sections", f.in_sections / f.body if f.body else None)
        cells = [
            f'<td class="plan"><a href="{esc(r.page)}">{esc(Path(r.page).stem)}</a></td>',
            f"<td>{esc(m.get('number') or '—')}</td>",
            f"<td>{esc(short(m.get('issuer'), 60) or '—')}</td>",
            f"<td>{esc(m.get('issued_date') or '—')}</td>",
            f"<td>{esc(short(m.get('title'), 120))}</td>",
            *(f'<td class="num" data-v="{c[k]}">{c[k]}</td>' for k in INDEX_COUNTS),
            f'<td class="num" data-v="{f.placed}">{f.placed}/{f.facts}</td>',
            _share_cell(in_sections),
        ]
        if with_quality:
            order = q.get("outline_in_sequence")
            cells += [
                _share_cell(q.get("lines_accounted")),
                f'<td data-v="{int(bool(order))}">'
                + ("—" if order is None else "yes" if order else '<span class="bad">no</span>')
                + "</td>",
                f"<td>{esc('; '.join(str(x) for x in q.get('review') or []))}</td>",
            ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(
        [
            th("Plan"),
            th("Number"),
            th("Issuer"),
            th("Date"),
            th("Title"),
            th("Sec", "num"),
            th("Targets", "num"),
            th("Assign.", "num"),
            th("Deadl.", "num"),
            th("Refs", "num"),
            th("Warn.", "num"),
            th("Placed", "num"),
            th("In sections", "num"),
            *(
                [th("Lines accounted", "num"), th("Outline in order", "num"), th("Review")]
                if with_quality
                else []
            ),
        ]
    )
    fails = (
        "<h2>Could not be read</h2><ul>" + "".join(f"<li>{esc(x)}</li>" for x in failed) + "</ul>"
        if failed
        else ""
    )
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kehoach view">
<title>kehoach: {len(rows)} plans</title>
<style>{asset("page.css")}</style>
</head>
<body class="index">
<a class="skip" href="#plans">Skip to the list</a>
<header class="top"><h1>{len(rows)} plans</h1>
<p class="muted">One row per plan; click a column to sort, a plan to open its review page.
<b>Placed</b>: facts whose quote was found on their lines. <b>In sections</b>: body lines
inside the section tree. <b>Lines accounted</b>, <b>outline in order</b> and <b>review</b>
come from each plan's self-check.</p></header>
<main id="main">
<p><label>Filter plans <input type="search" class="filter" data-table="plans"></label>
<span class="shown" aria-live="polite"></span></p>
<div class="scrollx"><table id="plans" class="data"><caption>Plans</caption>
<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>
{fails}
</main>
<script>{asset("page.js")}</script>
</body>
</html>
"""


# ---------------------------------------------------------------- files


def load_for_view(path: Path) -> tuple[Plan, Source]:
    """A plan and its text from a raw input (parsed now) or a structured file; '-' is
    standard input, either of them."""
    from kehoach.outputs.io import is_structured, load_plan, plan_from_bytes
    from kehoach.pipeline import parse
    from kehoach.read.load import STRUCTURED_SUFFIXES

    if str(path) == "-":
        data = sys.stdin.buffer.read()
        if is_structured(data):
            plan = plan_from_bytes(data)
            return plan, source_for(plan, Path("-"))
        loaded = load_bytes(data, "<stdin>")
        return parse(loaded), Source(loaded.text)
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        plan = load_plan(path)
        return plan, source_for(plan, path)
    loaded = load_path(path)
    return parse(loaded), Source(loaded.text)


def page_names(files: Sequence[Path]) -> list[str]:
    """One page name per input: its stem, with the suffix added where two stems clash."""
    stems = Counter(f.stem for f in files)
    names = [
        f"{f.stem}.html" if stems[f.stem] == 1 else f"{f.stem}-{f.suffix.lstrip('.')}.html"
        for f in files
    ]
    seen: Counter[str] = Counter()
    out = []
    for n in names:
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n[:-5]}-{seen[n]}.html")
    return out


def write_one(path: Path, output: Path | None) -> tuple[Path, list[str], list[str]]:
    """One plan's page: to `output` if it names an .html file, else into that folder (the
    current one without -o). Returns the page, failures (none) and warnings."""
    from kehoach.outputs.io import write_atomic

    plan, source = load_for_view(path)
    stem = "stdin" if str(path) == "-" else path.stem
    page = output or Path(f"{stem}.html")
    if page.is_dir() or page.suffix.lower() not in (".html", ".htm"):
        page = page / f"{stem}.html"  # -o site/ : a folder
    write_atomic(page, build_page(plan, source).html)
    return page, [], [f"{path}: {source.note}"] if source.note else []


def write_site(files: Sequence[Path], out_dir: Path | None) -> tuple[Path, list[str], list[str]]:
    """One page per plan and index.html in `out_dir`; one line per unreadable file and
    per page written without its original text."""
    from kehoach.outputs.io import write_atomic

    out_dir = out_dir or Path("site")
    rows: list[IndexRow] = []
    failed: list[str] = []
    notes: list[str] = []
    for path, name in zip(files, page_names(files), strict=True):
        try:
            plan, source = load_for_view(path)
        except InputError as exc:
            failed.append(str(exc))
            continue
        if source.note:
            notes.append(f"{path}: {source.note}")
        built = build_page(plan, source, index_href="index.html")
        write_atomic(out_dir / name, built.html)
        rows.append(IndexRow(name, plan.model_dump(mode="json"), built.figures))
    write_atomic(out_dir / "index.html", build_index(rows, failed))
    return out_dir / "index.html", failed, notes
