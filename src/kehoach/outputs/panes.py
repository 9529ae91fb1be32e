"""Parts of the review page that describe facts: detail panes, side pane, tabs, charts.

Everything here reads the JSON form of a plan defensively (fields may be missing or new)
and returns HTML text; the page itself is put together in page.py.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kehoach.model import Plan
from kehoach.outputs.place import KINDS, LISTS, Mark
from kehoach.outputs.responsibility import matrix
from kehoach.outputs.views import COMPARATOR_SIGN, vn_number

KIND_NAMES = {
    "target": ("Target", "chỉ tiêu"),
    "assignment": ("Assignment", "giao nhiệm vụ"),
    "deadline": ("Deadline", "thời hạn"),
    "reference": ("Reference", "văn bản dẫn chiếu"),
}
# One shape per kind, so that kinds differ by more than colour (see page.css).
KIND_ICONS = {"target": "▲", "assignment": "■", "deadline": "◆", "reference": "§"}
COMPARATOR_WORDS = {
    "eq": "equal to",
    "approx": "about (khoảng)",
    "min": "at least (ít nhất, trên)",
    "max": "at most (không quá, dưới)",
    "range": "range",
}
CHANGE_WORDS = {"increase": "increase (tăng, nâng lên)", "decrease": "decrease (giảm, hạ)"}
MONTHS = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"]
_QUOTE_SHOWN = 400  # characters of a quote repeated in the detail pane
_LINE_REF = re.compile(r"\blines? (\d+)(?:\s*[–-]\s*(\d+))?")


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


# ---------------------------------------------------------------- facts as text


def lines_text(span: Any) -> str:
    if not isinstance(span, Mapping):
        return ""
    a, b = span.get("line_start"), span.get("line_end")
    lines = f"{a}" if a == b else f"{a}–{b}"
    page = span.get("page")  # PDF input: the page the lines were printed on
    return f"{lines} (p. {page})" if page else lines


def value_text(t: Mapping[str, Any]) -> str:
    """'≥ 70', '≈ 3', '6–7' with the unit: a target's value as the reader says it."""
    try:
        value = vn_number(float(t["value"]))
    except (KeyError, TypeError, ValueError):
        return "?"
    if t.get("value_max") is not None:
        value = f"{value}–{vn_number(float(t['value_max']))}"
    else:
        value = COMPARATOR_SIGN.get(str(t.get("comparator")), "") + value
    unit = t.get("unit")
    return f"{value} {unit}" if unit else value


def due_text(d: Mapping[str, Any]) -> str:
    if d.get("date"):
        return str(d["date"])
    day, month = d.get("day"), d.get("month")
    if day and month:
        return f"{day}/{month}"
    if month:
        return f"tháng {month}"
    if d.get("recurrence") == "monthly":
        return f"ngày {day} hằng tháng" if day else "each month"
    return "no date"


def short(text: Any, n: int) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def row(label: str, value: str) -> str:
    return f"<dt>{esc(label)}</dt><dd>{value}</dd>"


_SHOWN_FIELDS = {
    "target": (
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "year",
        "baseline_year",
        "change",
        "section",
        "quote",
        "span",
    ),
    "assignment": ("agency", "as_written", "section", "duties", "partners"),
    "deadline": (
        "what",
        "to",
        "recurrence",
        "day",
        "month",
        "date",
        "section",
        "quote",
        "span",
    ),
    "reference": ("number", "doc_type", "date", "issuer", "quote", "span"),
}


def _extra(kind: str, fact: Mapping[str, Any]) -> str:
    """Fields this page does not know yet (the model grows): shown as they are."""
    out = []
    for k, v in fact.items():
        if k in _SHOWN_FIELDS[kind] or v in (None, [], {}, ""):
            continue
        shown = v if isinstance(v, str | int | float) else json.dumps(v, ensure_ascii=False)
        out.append(row(k, esc(shown)))
    return "".join(out)


def line_link(span: Any) -> str:
    if not isinstance(span, Mapping):
        return ""
    return f'<a href="#L{esc(span.get("line_start"))}" class="goto">{esc(lines_text(span))}</a>'


def detail_html(
    kind: str, fact: Mapping[str, Any], mark: Mark | None, titles: Mapping[str, str]
) -> str:
    """The structured value of one fact, as the detail pane shows it."""
    sec = str(fact.get("section") or "")
    section = esc(sec) + (f" — {esc(titles[sec])}" if sec in titles else "")
    rows: list[str] = []
    if kind == "target":
        comparator = str(fact.get("comparator"))
        rows += [
            row("Indicator", esc(fact.get("indicator"))),
            row("Value", f'<strong class="value">{esc(value_text(fact))}</strong>'),
            row("Comparator", esc(COMPARATOR_WORDS.get(comparator, comparator))),
            row("Year", esc(fact.get("year") or "—")),
        ]
        if fact.get("change"):
            change = str(fact["change"])
            rows.append(row("Change", esc(CHANGE_WORDS.get(change, change))))
        if fact.get("baseline_year"):
            rows.append(row("Compared with", esc(fact["baseline_year"])))
    elif kind == "assignment":
        rows += [
            row("Agency", f"<strong>{esc(fact.get('agency'))}</strong>"),
            row("As written", esc(fact.get("as_written"))),
        ]
        partners = fact.get("partners") or []
        rows.append(
            row(
                "Partners",
                "<ul>" + "".join(f"<li>{esc(p)}</li>" for p in partners) + "</ul>"
                if partners
                else "—",
            )
        )
        duties = fact.get("duties") or []
        items = "".join(
            f"<li>{line_link(d.get('span'))} {esc(short(d.get('text'), 160))}</li>" for d in duties
        )
        rows.append(row(f"Duties ({len(duties)})", f"<ol>{items}</ol>" if items else "—"))
    elif kind == "deadline":
        rows += [
            row("Due", f'<strong class="value">{esc(due_text(fact))}</strong>'),
            row("Recurrence", esc(fact.get("recurrence"))),
            row("What", esc(fact.get("what") or "—")),
            row("To", esc(fact.get("to") or "—")),
        ]
    else:
        rows += [
            row("Number", f"<strong>{esc(fact.get('number'))}</strong>"),
            row("Type", esc(fact.get("doc_type") or "—")),
            row("Date", esc(fact.get("date") or "—")),
            row("Issuer", esc(fact.get("issuer") or "—")),
        ]
    if kind != "reference":
        rows.append(row("Section", section))
    rows.append(_extra(kind, fact))
    if kind != "assignment":
        rows.append(row("Lines", line_link(fact.get("span"))))
        rows.append(row("Quote", f"<q>{esc(short(fact.get('quote'), _QUOTE_SHOWN))}</q>"))
    if mark and mark.status != "exact":
        rows.append(row("Placement", f'<span class="warn">{esc(status_text(mark))}</span>'))
    name, vn = KIND_NAMES[kind]
    icon = KIND_ICONS[kind]
    index = mark.index if mark else 0
    return (
        f'<h3 class="k-{kind}"><span aria-hidden="true">{icon}</span> {name} '
        f'<span class="vn">({vn})</span> <span class="num">#{index}</span></h3>'
        f"<dl>{''.join(rows)}</dl>"
    )


def status_text(mark: Mark) -> str:
    return {
        "exact": "placed",
        "near": f"placed outside its span ({mark.note})",
        "unplaced": f"not placed ({mark.note}); shown on its span's first line",
        "missing": f"not placed ({mark.note})",
    }[mark.status]


# ---------------------------------------------------------------- line classes


@dataclass
class Lines:
    """What each source line is: trimmed chrome, outside every section, placed nowhere."""

    count: int
    kind: dict[int, str] = field(default_factory=dict)  # line -> trim|gap
    out: set[int] = field(default_factory=set)  # kept, non-blank lines in no section
    trim_reason: dict[int, str] = field(default_factory=dict)
    duty: set[int] = field(default_factory=set)
    warn: dict[int, str] = field(default_factory=dict)
    body: int = 0  # non-blank, kept lines from the first section on (all, without sections)
    in_sections: int = 0


def walk(sections: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    stack = list(reversed(list(sections)))
    while stack:
        s = stack.pop()
        out.append(s)
        stack.extend(reversed(list(s.get("children") or [])))
    return out


def _range(span: Any) -> range:
    if not isinstance(span, Mapping):
        return range(0)
    try:
        return range(int(span["line_start"]), int(span["line_end"]) + 1)
    except (KeyError, TypeError, ValueError):
        return range(0)


def _spans_lines(spans: Any, count: int) -> set[int]:
    out: set[int] = set()
    for span in spans if isinstance(spans, list) else [spans]:
        out.update(n for n in _range(span) if 1 <= n <= count)
    return out


def classify_lines(data: Mapping[str, Any], text: str) -> Lines:
    """Marks per line. With the plan's `quality` block, lines it accounts for nowhere are
    the gaps; without it, lines between the first and last section that no section holds."""
    lines = text.split("\n")
    out = Lines(len(lines))
    for t in data.get("trimmed") or []:
        for n in _range(t):
            out.kind[n] = "trim"
            out.trim_reason[n] = str(t.get("reason") or "")
    covered: set[int] = set()
    for s in data.get("sections") or []:
        covered |= _spans_lines(s.get("span"), len(lines))
    first = min(covered, default=len(lines) + 1)
    last = max(covered, default=0)
    quality = data.get("quality") if isinstance(data.get("quality"), Mapping) else None
    nowhere = _spans_lines(quality.get("unplaced") or [], len(lines)) if quality else set()
    for n, line in enumerate(lines, 1):
        if n in out.kind or not line.strip():
            continue
        if n >= first or not covered:
            out.body += 1  # from the first section to the end (signature lines included)
            out.in_sections += n in covered
        if n in covered:
            continue
        out.out.add(n)
        if quality is not None:
            if n in nowhere:
                out.kind[n] = "gap"
        elif first < n < last:
            out.kind[n] = "gap"
    for a in data.get("assignments") or []:
        for d in a.get("duties") or []:
            out.duty.update(_range(d.get("span")))
    for w in data.get("warnings") or []:
        for m in _LINE_REF.finditer(str(w)):
            a = int(m.group(1))
            for n in range(a, int(m.group(2) or a) + 1):
                out.warn[n] = str(w)
    return out


# ---------------------------------------------------------------- panes and tabs


def section_titles(data: Mapping[str, Any]) -> dict[str, str]:
    return {str(s.get("path")): str(s.get("title") or "") for s in walk(data.get("sections") or [])}


def tree_html(data: Mapping[str, Any]) -> str:
    per: Counter[tuple[str, str]] = Counter()
    for kind in KINDS:
        for f in data.get(LISTS[kind]) or []:
            per[(str(f.get("section")), kind)] += 1

    def items(sections: Iterable[Mapping[str, Any]]) -> str:
        out = []
        for s in sections:
            path = str(s.get("path"))
            span = s.get("span") or {}
            badges = "".join(
                f'<span class="badge k-{k}" title="{per[(path, k)]} {KIND_NAMES[k][0].lower()}s">'
                f'<span aria-hidden="true">{KIND_ICONS[k]}</span>{per[(path, k)]}</span>'
                for k in KINDS
                if per[(path, k)]
            )
            kind = f' <span class="skind">{esc(s["kind"])}</span>' if s.get("kind") else ""
            children = s.get("children") or []
            sub = f"<ul>{items(children)}</ul>" if children else ""
            out.append(
                f'<li><a href="#L{esc(span.get("line_start"))}" class="sec" '
                f'data-line="{esc(span.get("line_start"))}"><span class="path">{esc(path)}</span> '
                f"{esc(short(s.get('title'), 80))}</a>{kind}{badges}{sub}</li>"
            )
        return "".join(out)

    body = items(data.get("sections") or [])
    return f'<ul class="tree">{body}</ul>' if body else "<p>No sections found.</p>"


def _figures(rows: Iterable[tuple[str, Any]]) -> str:
    return "<dl class='figs'>" + "".join(row(k, esc(v)) for k, v in rows) + "</dl>"


def flat_quality(q: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """A block of figures as label/value pairs (nested blocks joined with '.')."""
    if isinstance(q, Mapping):
        out: list[tuple[str, Any]] = []
        for k, v in q.items():
            out += flat_quality(v, f"{prefix}{k}.")
        return out
    if isinstance(q, list):
        return [(prefix.rstrip("."), ", ".join(str(x) for x in q) or "—")]
    if isinstance(q, float):
        return [(prefix.rstrip("."), f"{q:.3g}")]
    return [(prefix.rstrip("."), q)]


def share(v: Any) -> str:
    return f"{100 * v:.0f}%" if isinstance(v, int | float) else "—"


def _span_links(spans: Any) -> str:
    links = [
        f'<a href="#L{esc(s.get("line_start"))}" class="goto">{esc(lines_text(s))}</a>'
        for s in spans or []
        if isinstance(s, Mapping)
    ]
    return ", ".join(links) or "none"


def _items(values: Any) -> str:
    if not values:
        return "none"
    return "<ul>" + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ul>"


def quality_html(q: Mapping[str, Any]) -> str:
    """The plan's self-check (`quality`), the figures it is known to carry first."""
    rows: list[str] = []
    shown: dict[str, tuple[str, Callable[[Any], str]]] = {
        "lines_accounted": ("Lines accounted for", lambda v: esc(share(v))),
        "unplaced": ("Lines placed nowhere", _span_links),
        "body_lines_in_sections": ("Body lines in sections", lambda v: esc(share(v))),
        "outline_in_sequence": (
            "Top-level numbering in sequence",
            lambda v: "yes" if v else '<span class="bad">no</span>',
        ),
        "title_fields": (
            "Title-block fields",
            lambda v: (
                f"{esc(v)} of 7"
                + (
                    f" (no {esc(', '.join(q['title_fields_missing']))})"
                    if q.get("title_fields_missing")
                    else ""
                )
                + (
                    f"; left blank in the text: {esc(', '.join(q['title_fields_blank']))}"
                    if q.get("title_fields_blank")
                    else ""
                )
            ),
        ),
    }
    for key, (label, fmt) in shown.items():
        if key in q:
            rows.append(row(label, fmt(q[key])))
    kinds = q.get("facts_by_kind")
    if isinstance(kinds, Mapping) and kinds:
        text = [
            f"{k}: " + ", ".join(f"{n} {what}" for what, n in v.items())
            for k, v in kinds.items()
            if isinstance(v, Mapping)
        ]
        rows.append(
            f'<dt class="wide">Facts per section kind</dt><dd class="wide">{_items(text)}</dd>'
        )
    for key, label in (
        ("unknown_agency_like", "Agency-like names not known"),
        ("review", "Review"),
    ):
        if q.get(key):
            rows.append(f'<dt class="wide">{label}</dt><dd class="wide">{_items(q[key])}</dd>')
    known = {*shown, "title_fields_missing", "title_fields_blank", "facts_by_kind"}
    known |= {"unknown_agency_like", "review"}
    rest = {k: v for k, v in q.items() if k not in known}
    rows += [row(k, esc(v)) for k, v in flat_quality(rest)]
    return "<dl class='figs'>" + "".join(rows) + "</dl>"


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "—"


@dataclass
class Figures:
    """Counts and checks shown in the side pane and on the index page."""

    counts: dict[str, int]
    placed: int
    near: int
    unplaced: int
    body: int
    in_sections: int
    gaps: int

    @property
    def facts(self) -> int:
        return self.placed + self.near + self.unplaced


def figures(data: Mapping[str, Any], marks: Sequence[Mark], info: Lines | None) -> Figures:
    status = Counter(m.status for m in marks)
    return Figures(
        counts={
            "sections": len(walk(data.get("sections") or [])),
            **{LISTS[k]: len(data.get(LISTS[k]) or []) for k in KINDS},
            "duties": sum(len(a.get("duties") or []) for a in data.get("assignments") or []),
            "warnings": len(data.get("warnings") or []),
        },
        placed=status["exact"],
        near=status["near"],
        unplaced=status["unplaced"] + status["missing"],
        body=info.body if info else 0,
        in_sections=info.in_sections if info else 0,
        gaps=sum(1 for k in info.kind.values() if k == "gap") if info else 0,
    )


def side_html(data: Mapping[str, Any], fig: Figures) -> str:
    c = fig.counts
    counts = "".join(
        f'<li><span class="chip k-{k}"><span aria-hidden="true">{KIND_ICONS[k]}</span></span>'
        f"{KIND_NAMES[k][0]}s <b>{c[LISTS[k]]}</b></li>"
        for k in KINDS
    )
    checks = [
        ("Facts placed on their span", f"{fig.placed} of {fig.facts}"),
        ("Placed outside their span", fig.near),
        ("Not placed", fig.unplaced),
        ("Warnings", c["warnings"]),
    ]
    quality = data.get("quality")
    if isinstance(quality, Mapping) and quality:
        plan_q = f"<h3>Plan self-check</h3>{quality_html(quality)}"
    else:
        checks.insert(
            3,
            (
                "Body lines in sections",
                f"{fig.in_sections} of {fig.body} ({pct(fig.in_sections, fig.body)})",
            ),
        )
        plan_q = "<p class='muted'>The plan carries no quality block.</p>"
    legend = "".join(
        f'<li><mark class="hl k-{k} legend">{KIND_NAMES[k][0]}</mark> {KIND_NAMES[k][1]}</li>'
        for k in KINDS
    )
    return f"""
<section aria-labelledby="h-counts"><h2 id="h-counts">Counts</h2>
<ul class="counts"><li>Sections <b>{c["sections"]}</b></li>{counts}
<li>Duties <b>{c["duties"]}</b></li></ul></section>
<section aria-labelledby="h-quality"><h2 id="h-quality">Quality</h2>{_figures(checks)}{plan_q}</section>
<section aria-labelledby="h-legend"><h2 id="h-legend">Legend</h2><ul class="legend">{legend}
<li><mark class="hl k-target s-near legend">dashed box</mark> placed outside its span</li>
<li><mark class="hl k-target s-unplaced legend">red box</mark> quote not found</li>
<li><span class="gut g-out"></span> text in no section</li>
<li><span class="z z-gap legend">hatched</span> text placed nowhere</li>
<li><span class="z z-trim legend">grey</span> dropped as chrome</li>
<li><span class="gut g-duty"></span> duty lines <span class="gut g-warn"></span> warning</li>
</ul></section>
<section aria-labelledby="h-tree" class="treebox"><h2 id="h-tree">Sections</h2>{tree_html(data)}</section>"""


def _svg_bars(counts: Sequence[tuple[str, int]], title: str) -> str:
    """A small bar chart (inline SVG): one bar per label, its count on top."""
    if not counts:
        return ""
    top = max(n for _, n in counts) or 1
    bar, gap, height = 36, 14, 120
    width = len(counts) * (bar + gap) + gap
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="chart-t" width="{width}" '
        f'height="{height + 40}" viewBox="0 0 {width} {height + 40}">'
        f'<title id="chart-t">{esc(title)}</title>'
    ]
    for i, (label, n) in enumerate(counts):
        h = round(height * n / top)
        x = gap + i * (bar + gap)
        y = height - h + 16
        parts.append(
            f'<g><title>{esc(label)}: {n}</title><rect class="bar" x="{x}" y="{y}" '
            f'width="{bar}" height="{h}"/><text x="{x + bar / 2}" y="{y - 4}" '
            f'text-anchor="middle">{n}</text><text x="{x + bar / 2}" y="{height + 32}" '
            f'text-anchor="middle" class="lbl">{esc(label)}</text></g>'
        )
    parts.append(f'<line class="axis" x1="0" x2="{width}" y1="{height + 16}" y2="{height + 16}"/>')
    return "".join(parts) + "</svg>"


def th(label: str, sort: str = "text") -> str:
    return (
        f'<th scope="col" aria-sort="none"><button type="button" class="sort" '
        f'data-sort="{sort}">{esc(label)}</button></th>'
    )


def goto(kind: str, i: int, label: str) -> str:
    return f'<a href="#{kind}-{i}" class="goto" data-goto="{kind}-{i}">{esc(label)}</a>'


def targets_tab(data: Mapping[str, Any]) -> str:
    targets = list(data.get("targets") or [])
    if not targets:
        return "<p>No targets found.</p>"
    years = Counter(t.get("year") for t in targets)
    order = sorted(years, key=lambda y: (y is None, y or 0))
    chart = _svg_bars([(str(y) if y else "no year", years[y]) for y in order], "Targets per year")
    ranked = sorted(
        range(len(targets)),
        key=lambda i: (targets[i].get("year") is None, targets[i].get("year") or 0, i),
    )
    with_change = any(t.get("change") for t in targets)  # a field newer plans carry
    rows = []
    for i in ranked:
        t = targets[i]
        change = f"<td>{esc(t.get('change') or '')}</td>" if with_change else ""
        try:
            num = float(t.get("value") or 0)
        except (TypeError, ValueError):
            num = 0.0
        span = t.get("span") or {}
        rows.append(
            f'<tr data-i="{i}"><td data-v="{i}">{goto("target", i, str(i))}</td>'
            f'<td data-v="{t.get("year") or 0}">{esc(t.get("year") or "—")}</td>'
            f"<td>{esc(t.get('indicator'))}</td>"
            f'<td data-v="{num}" class="num">{esc(value_text(t))}</td>{change}'
            f"<td>{esc(t.get('baseline_year') or '')}</td>"
            f"<td>{esc(t.get('section'))}</td>"
            f'<td data-v="{esc(span.get("line_start"))}">{esc(lines_text(span))}</td></tr>'
        )
    head = "".join(
        [
            th("#", "num"),
            th("Year", "num"),
            th("Indicator"),
            th("Value", "num"),
            *([th("Change")] if with_change else []),
            th("Base year"),
            th("Section"),
            th("Lines", "num"),
        ]
    )
    return f"""<figure class="chartbox">{chart}<figcaption>Targets per year</figcaption></figure>
<p><label>Filter targets <input type="search" class="filter" data-table="t-targets"
 placeholder="chỉ tiêu, năm, đơn vị…"></label> <span class="shown" aria-live="polite"></span></p>
<div class="scrollx"><table id="t-targets" class="data"><caption>Targets by year</caption>
<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>"""


def assignments_tab(plan: Plan, data: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    assignments = list(data.get("assignments") or [])
    if not assignments:
        return "<p>No assignments found.</p>"
    agencies, tops, cells = matrix([plan])
    head = "".join(f'<th scope="col" title="{esc(titles.get(t, ""))}">{esc(t)}</th>' for t in tops)
    rows = []
    for a in agencies:
        tds = []
        for t in tops:
            lead, partner = cells.get((a, t), (0, 0))
            bits = [f"L{lead}" if lead else "", f"p{partner}" if partner else ""]
            label = f"{a} in {t}: leads {lead}, partner in {partner}"
            tds.append(
                f'<td class="{"lead" if lead else "part" if partner else ""}" '
                f'aria-label="{esc(label)}">{" ".join(b for b in bits if b)}</td>'
            )
        rows.append(f'<tr><th scope="row">{esc(a)}</th>{"".join(tds)}</tr>')
    listing = "".join(
        f"<li>{goto('assignment', i, str(a.get('agency')))} <span class='muted'>"
        f"{esc(a.get('section'))} · {len(a.get('duties') or [])} duties"
        f"{' · with ' + esc(', '.join(a.get('partners') or [])) if a.get('partners') else ''}"
        f"</span></li>"
        for i, a in enumerate(assignments)
    )
    return f"""<p>Agencies × top sections, as <code>kehoach assign</code> counts them:
<b>L</b> blocks the agency leads, <b>p</b> blocks where it is a partner.</p>
<div class="scrollx"><table class="matrix"><caption>Agencies × sections</caption>
<thead><tr><th scope="col">Agency</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>
<h3>Assignments</h3><ol start="0" class="facts">{listing}</ol>"""


def _months(d: Mapping[str, Any]) -> list[tuple[int, int]]:
    """(month, day) points a deadline falls on within a year."""
    month, day = d.get("month"), d.get("day") or 15
    if d.get("date"):
        parts = str(d["date"]).split("-")
        return [(int(parts[1]), int(parts[2]))]
    rec = d.get("recurrence")
    if rec == "monthly":
        return [(m, day) for m in range(1, 13)]
    if not month:
        return []
    step = {"quarterly": 3, "semiannual": 6}.get(str(rec))
    if step:
        return sorted(((month - 1 + k) % 12 + 1, day) for k in range(0, 12, step))
    return [(int(month), int(day))]


def deadlines_tab(data: Mapping[str, Any]) -> str:
    deadlines = list(data.get("deadlines") or [])
    if not deadlines:
        return "<p>No deadlines found.</p>"
    left, width, row = 230, 480, 30
    height = row * len(deadlines) + 40
    parts = [
        f'<svg class="timeline" role="img" aria-labelledby="tl-t" width="100%" '
        f'style="max-width: {left + width + 10}px" viewBox="0 0 {left + width + 10} {height}">'
        f'<title id="tl-t">Deadlines over the months of a year</title>'
    ]
    for m in range(12):
        x = left + m * width / 12
        parts.append(
            f'<line class="grid" x1="{x}" x2="{x}" y1="20" y2="{height - 10}"/>'
            f'<text x="{x + width / 24}" y="14" text-anchor="middle" class="lbl">{MONTHS[m]}</text>'
        )
    for i, d in enumerate(deadlines):
        y = 30 + i * row
        label = (
            f"{due_text(d)} · {d.get('recurrence')} · {short(d.get('what') or d.get('quote'), 30)}"
        )
        parts.append(
            f'<a href="#deadline-{i}" class="goto" data-goto="deadline-{i}"><g>'
            f"<title>{esc(short(d.get('quote'), 200))}</title>"
            f'<text x="0" y="{y + 14}" class="row">{esc(short(label, 40))}</text>'
        )
        points = _months(d)
        if not points:
            parts.append(
                f'<rect class="band" x="{left}" y="{y + 4}" width="{width}" height="{row - 10}"/>'
            )
        for month, day in points:
            x = left + (month - 1 + (min(day, 30) - 1) / 30) * width / 12
            cy = y + row / 2 - 2
            shape = (
                f'<circle class="dot" cx="{x:.1f}" cy="{cy}" r="6"/>'
                if d.get("recurrence") == "once"
                else f'<path class="dia" d="M{x:.1f} {cy - 7} l7 7 l-7 7 l-7 -7 z"/>'
            )
            parts.append(shape)
        parts.append("</g></a>")
    parts.append("</svg>")
    listing = "".join(
        f"<li>{goto('deadline', i, due_text(d))} <span class='muted'>{esc(d.get('recurrence'))}"
        f" · {esc(d.get('section'))}</span> {esc(short(d.get('quote'), 160))}</li>"
        for i, d in enumerate(deadlines)
    )
    return f"""<p>Circles fall once; diamonds recur (yearly, every half-year, quarter or month);
a band is a deadline without a day or month.</p>
<div class="scrollx">{"".join(parts)}</div><h3>Deadlines</h3><ol start="0" class="facts">{listing}</ol>"""


def references_tab(data: Mapping[str, Any]) -> str:
    refs = list(data.get("references") or [])
    if not refs:
        return "<p>No references found.</p>"
    rows = "".join(
        f"<tr><td>{goto('reference', i, str(r.get('number')))}</td><td>{esc(r.get('doc_type') or '')}</td>"
        f"<td>{esc(r.get('date') or '')}</td><td>{esc(r.get('issuer') or '')}</td>"
        f'<td data-v="{esc((r.get("span") or {}).get("line_start"))}">{esc(lines_text(r.get("span")))}</td></tr>'
        for i, r in enumerate(refs)
    )
    head = "".join([th("Number"), th("Type"), th("Date"), th("Issuer"), th("Lines", "num")])
    return f"""<div class="scrollx"><table class="data"><caption>Cited documents</caption>
<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"""


def problems_tab(
    data: Mapping[str, Any], marks: Sequence[Mark], info: Lines | None, labels: Mapping[str, str]
) -> str:
    warn = "".join(f"<li>{esc(w)}</li>" for w in data.get("warnings") or [])
    odd = "".join(
        f"<li>{goto(m.kind, m.index, labels[f'{m.kind}-{m.index}'])} — {esc(status_text(m))}</li>"
        for m in marks
        if m.status in ("near", "unplaced")
    )
    gaps = ""
    if info:
        runs: list[tuple[int, int]] = []
        for n in sorted(k for k, v in info.kind.items() if v == "gap"):
            if runs and runs[-1][1] == n - 1:
                runs[-1] = (runs[-1][0], n)
            else:
                runs.append((n, n))
        gaps = "".join(
            f'<li><a href="#L{a}" class="goto">lines {a}{"–" + str(b) if b > a else ""}</a></li>'
            for a, b in runs
        )
    nowhere = (
        "Lines the plan's self-check accounts for nowhere (no section, preamble, title block, "
        "signature or footnote)."
        if isinstance(data.get("quality"), Mapping)
        else "Lines between the first and the last section that no section holds."
    )
    trimmed = "".join(
        f'<li><a href="#L{esc(t.get("line_start"))}" class="goto">lines {esc(lines_text(t))}</a> '
        f"{esc(t.get('reason'))}</li>"
        for t in data.get("trimmed") or []
    )
    return f"""<h3>Warnings</h3>{f"<ul>{warn}</ul>" if warn else "<p>None.</p>"}
<h3>Facts not placed on their span</h3>{f"<ul>{odd}</ul>" if odd else "<p>None: every quote was found in its span.</p>"}
<h3>Text placed nowhere</h3><p class="muted">{esc(nowhere)}</p>{f"<ul>{gaps}</ul>" if gaps else "<p>None.</p>"}
<h3>Dropped as website chrome</h3>{f"<ul>{trimmed}</ul>" if trimmed else "<p>Nothing.</p>"}"""


def fact_label(kind: str, fact: Mapping[str, Any]) -> str:
    """A short line naming a fact (tooltips and lists)."""
    if kind == "target":
        return f"{short(fact.get('indicator'), 60)}: {value_text(fact)}" + (
            f" ({fact['year']})" if fact.get("year") else ""
        )
    if kind == "assignment":
        return str(fact.get("agency"))
    if kind == "deadline":
        return f"{due_text(fact)} ({fact.get('recurrence')})"
    return str(fact.get("number"))
