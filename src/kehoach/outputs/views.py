"""Terminal and file views of extracted facts (tables, CSV, JSON); no parsing here."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import yaml
from rich import box
from rich.console import Console, RenderableType
from rich.style import StyleType
from rich.table import Table
from rich.text import Text

from kehoach.model import Plan, Target

if TYPE_CHECKING:
    from kehoach.outputs.responsibility import KindMatrix

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same bytes, faster
COMPARATOR_SIGN = {"eq": "", "approx": "≈ ", "min": "≥ ", "max": "≤ ", "range": ""}


def vn_number(v: float | None) -> str:
    """10000 -> '10.000', 63.5 -> '63,5': numbers as the documents print them."""
    if v is None:
        return ""
    if float(v).is_integer():
        return f"{int(v):,}".replace(",", ".")
    whole, frac = f"{v:.6f}".rstrip("0").split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def target_value(t: Target) -> str:
    """'≥ 70', '6–7'; a change reads with its direction: '+10', '−1,5–2'."""
    sign = {"increase": "+", "decrease": "−"}.get(t.change or "", "")
    if t.value_max is not None:
        return f"{sign}{vn_number(t.value)}–{vn_number(t.value_max)}"
    return COMPARATOR_SIGN[t.comparator] + sign + vn_number(t.value)


def plan_label(plan: Plan) -> str:
    """'272/KH-UBND (Lạng Sơn)': the number and province, else the file name."""
    return row_label(plan_columns(plan))


def row_label(rec: dict[str, Any]) -> str:
    """The plan a row comes from, from the columns `plan_columns` gives it."""
    name = rec["number"] or PurePath(rec["source"]).name
    where = rec["province"] or rec["place"]
    return f"{name} ({where})" if where else name


def plan_columns(plan: Plan) -> dict[str, Any]:
    """What tells one plan's rows from another's: id, source file, number, province.
    `number` is the plan's number (272/KH-UBND); tables call the source's name `file`."""
    from kehoach.outputs.catalog import plan_id, province

    return {
        "plan_id": plan_id(plan),
        "source": plan.source.path,
        "number": plan.metadata.number,
        "province": province(plan),
        "place": plan.metadata.place,
    }


def target_rows(
    plans: Iterable[Plan], year: int | None, section: str | None
) -> list[tuple[Plan, Target]]:
    rows = []
    for plan in plans:
        for t in plan.targets:
            if year is not None and t.year != year:
                continue
            if section and not in_section(t.section, section):
                continue
            rows.append((plan, t))
    return rows


def in_section(path: str, section: str) -> bool:
    """'II.2.b' is in 'II' and in 'ii' (paths are typed as they come to mind)."""
    path, section = path.casefold(), section.casefold()
    return path == section or path.startswith(section + ".")


def target_records(rows: list[tuple[Plan, Target]]) -> list[dict[str, Any]]:
    out = []
    for plan, t in rows:
        rec = plan_columns(plan)
        rec.update(t.model_dump(mode="json"))
        out.append(rec)
    return out


def targets_table(
    rows: list[tuple[Plan, Target]], several: bool, console: Console, full: bool = False
) -> None:
    years = sorted({t.year for _, t in rows}, key=lambda y: (y is None, y or 0))
    for y in years:
        table = new_table(f"Năm {y}" if y else "Không gắn với năm", full)
        if several:  # number, then province
            add_column(table, "plan", full, max_width=13, overflow="fold")
        add_column(table, "indicator", full, ratio=1, min_width=24, overflow="fold")
        add_column(table, "value", full, justify="right", no_wrap=True)
        add_column(table, "unit", full, max_width=14, overflow="fold")
        add_column(table, "base", full, no_wrap=True)
        add_column(table, "section", full, no_wrap=True)
        for plan, t in rows:
            if t.year != y:
                continue
            cells = [
                t.indicator,
                target_value(t),
                t.unit or "",
                str(t.baseline_year or ""),
                t.section,
            ]
            table.add_row(*([plan_label(plan)] if several else []), *cells)
        console.print(table)


def targets_csv(rows: list[tuple[Plan, Target]]) -> str:
    """UTF-8 with BOM, so that Excel opens Vietnamese text correctly."""
    buf = io.StringIO()
    fields = [
        "plan_id",
        "source",
        "number",
        "province",
        "place",
        "section",
        "year",
        "indicator",
        "comparator",
        "value",
        "value_max",
        "unit",
        "baseline_year",
        "change",
        "quote",
        "line_start",
        "line_end",
    ]
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for rec in target_records(rows):
        rec["line_start"], rec["line_end"] = rec["span"]["line_start"], rec["span"]["line_end"]
        w.writerow(rec)
    return "\ufeff" + buf.getvalue()


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_yaml(data: Any) -> str:
    out: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return out


class PlainTable(Table):
    """A table whose cells are text as written: '[lead: Sở Tài chính]' is no rich markup."""

    def add_row(
        self,
        *renderables: RenderableType | None,
        style: StyleType | None = None,
        end_section: bool = False,
    ) -> None:
        cells = [Text(r) if isinstance(r, str) else r for r in renderables]
        super().add_row(*cells, style=style, end_section=end_section)


def new_table(title: str, full: bool) -> Table:
    """A table that fits the terminal's width, or (full: piped or redirected) keeps every
    cell whole on one line, as wide as its content and no wider."""
    return PlainTable(
        title=Text(title) if title else None,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
        show_edge=False,
        expand=not full,
    )


def add_column(table: Table, name: str, full: bool, **style: Any) -> None:
    """On a terminal the column takes `style` (a share of the width, wrapping); off one it
    is whole: no wrapping, no width limit, nothing cut."""
    if full:
        table.add_column(name, no_wrap=True, justify=style.get("justify", "left"))
    else:
        table.add_column(name, **style)


def duties_table(data: dict[str, Any], several: bool, console: Console, full: bool = False) -> None:
    title = data["agency"] + (
        f"  (also as: {', '.join(data['also_as'])})" if data["also_as"] else ""
    )
    table = new_table(title, full)
    # on a narrow terminal the due dates go under their duty: a column of their own would
    # leave the duty a few words a line
    narrow = not full and console.width < 100
    add_column(table, "role", full, no_wrap=True)
    if several:
        add_column(table, "plan", full, max_width=13, overflow="fold")
    add_column(table, "section", full, no_wrap=True)
    add_column(table, "duty", full, ratio=1, overflow="fold")
    if not narrow:
        add_column(table, "due", full, max_width=18, overflow="fold")
    for d in data["duties"]:
        due = ", ".join(_due(x) for x in d["deadlines"])
        notes = []
        if d["role"] == "partner":
            notes.append(f"lead: {d['lead']}")
        if d["agency_as_named"] != data["agency"]:
            notes.append(f"as {d['agency_as_named']}")
        body = d["text"] if len(d["text"]) <= 240 else d["text"][:239].rstrip() + "…"
        text = (f"[{'; '.join(notes)}] " if notes else "") + body
        if narrow and due:
            text += f"\ndue: {due}"
        row = [d["role"], *([row_label(d)] if several else []), d["section"], text]
        table.add_row(*row, *([] if narrow else [due]))
    if not data["duties"]:
        console.print(f"{data['agency']}: no duties in these plans")
        return
    console.print(table)


def _due(d: dict[str, Any]) -> str:
    if d["date"]:
        return str(d["date"])
    day = f"{d['day']}/{d['month']}" if d["month"] else f"ngày {d['day']}"
    return f"{day} ({d['recurrence']})"


def matrix_table(
    agencies: list[str],
    tops: list[str],
    cells: dict[tuple[str, str], tuple[int, int]],
    console: Console,
    full: bool = False,
) -> None:
    """One plan: agencies × its top-level sections (paths mean something within a plan)."""
    rows = [(a, [_lead_partner(cells.get((a, t), (0, 0))) for t in tops]) for a in agencies]
    _matrix("Responsibility matrix (L lead, p partner)", tops, rows, console, full)


def kind_matrix_table(m: KindMatrix, n_plans: int, console: Console, full: bool = False) -> None:
    """Several plans: agencies × top-level section kinds, and how many plans name each."""
    rows = [
        (a, [str(m.plans[a]), *(_lead_partner(m.cells.get((a, k), (0, 0))) for k in m.kinds)])
        for a in m.agencies
    ]
    title = (
        f"Responsibility matrix of {n_plans} plans: blocks by kind of top-level section "
        "(L lead, p partner)"
    )
    headers = ["plans", *m.kinds]
    shorts = ["plans", *(_KIND_SHORT.get(k, k) for k in m.kinds)]
    if not full and _width(headers, rows) + 24 > console.width:  # short headers, a legend
        title += "; " + ", ".join(f"{_KIND_SHORT[k]} {k}" for k in m.kinds if k in _KIND_SHORT)
        headers = shorts
    _matrix(title, headers, rows, console, full)


_KIND_SHORT = {
    "purpose": "purp",
    "objectives": "obj",
    "funding": "fund",
    "implementation": "impl",
    "reporting": "rep",
    "appendix": "app",
}


def _lead_partner(counts: tuple[int, int]) -> str:
    lead, part = counts
    return " ".join(x for x in (f"{lead}L" if lead else "", f"{part}p" if part else "") if x)


def _width(headers: list[str], rows: list[tuple[str, list[str]]]) -> int:
    """Columns the count columns take, with the padding and rule between columns."""
    return sum(
        max([len(h), *(len(cells[i]) for _, cells in rows)]) + 3 for i, h in enumerate(headers)
    )


def _matrix(
    title: str,
    headers: list[str],
    rows: list[tuple[str, list[str]]],
    console: Console,
    full: bool,
) -> None:
    """Agency names whole when piped; on a terminal in at most two lines of what the count
    columns leave (a shorter spelling from the gazetteer, or cut, when they do not fit)."""
    console.print(Text(title))
    table = new_table("", True)
    table.add_column("agency", no_wrap=True)
    for h in headers:
        table.add_column(h, justify="center", no_wrap=True)
    longest = max((len(a) for a, _ in rows), default=6)
    width = max(16, min(longest, console.width - _width(headers, rows)))
    for agency, cells in rows:
        table.add_row(agency if full else _two_lines(agency, width), *cells)
    console.print(table)


def _two_lines(name: str, width: int) -> str:
    import textwrap

    from kehoach.outputs.responsibility import short_name

    got = short_name(name, lambda s: len(textwrap.wrap(s, width)) <= 2)
    lines = textwrap.wrap(got, width)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1].rstrip() + "…"]
    return "\n".join(lines)


def _tv(t: dict[str, Any]) -> str:
    sign = COMPARATOR_SIGN[t["comparator"]]
    if t["value_max"] is not None:
        v = f"{vn_number(t['value'])}–{vn_number(t['value_max'])}"
    else:
        v = sign + vn_number(t["value"])
    return f"{v} {t['unit'] or ''}".strip()


def diff_view(data: dict[str, Any], differs: bool, console: Console, full: bool = False) -> None:
    a, b = data["a"], data["b"]
    console.print(
        f"A: {a['number'] or a['path']} ({a['place'] or '?'}, {a['issued_date'] or '?'})   "
        f"B: {b['number'] or b['path']} ({b['place'] or '?'}, {b['issued_date'] or '?'})",
        markup=False,
        highlight=False,
    )
    if not differs:
        console.print("No differences.")
        return

    def table(title: str, *cols: str) -> Table:
        t = new_table(title, full)
        for c in cols:
            ratio = 2 if c in ("indicator", "A", "B", "title") else None
            add_column(t, c, full, overflow="fold", ratio=ratio)
        return t

    def show(t: Table) -> None:
        """The title on a line of its own (a narrow table would wrap it), then the table
        when it has rows: 'Deadlines: 0 in both' needs no empty table under it."""
        console.print(t.title or "", markup=False, highlight=False)
        t.title = None
        if t.row_count:
            console.print(t)

    if data.get("metadata"):
        t = table("Metadata", "field", "A", "B")
        for k, (va, vb) in data["metadata"].items():
            t.add_row(k, str(va), str(vb))
        show(t)
    if "sections" in data:
        s = data["sections"]
        t = table(f"Structure: {len(s['matched'])} sections aligned", "side", "path", "title")
        for side, key_ in (("only A", "only_a"), ("only B", "only_b")):
            shallow = [x for x in s[key_] if x["path"].count(".") <= 1]
            for x in shallow:
                t.add_row(side, x["path"], x["title"])
            deeper = [x["path"] for x in s[key_] if x["path"].count(".") > 1]
            if deeper:
                listed = ", ".join(deeper[:6]) + (", …" if len(deeper) > 6 else "")
                t.add_row(side, "…", f"{len(deeper)} deeper sections: {listed}")
        show(t)
    if "targets" in data:
        tg = data["targets"]
        years = sorted(
            {m["year"] for m in tg["matched"]} | {x["year"] for x in tg["only_a"] + tg["only_b"]},
            key=lambda y: (y is None, y or 0),
        )
        for y in years:
            t = table(f"Targets {y or '(no year)'}", "indicator", "A", "B", "Δ")
            for m in tg["matched"]:
                if m["year"] == y:
                    delta = (
                        "="
                        if m["same"]
                        else (vn_number(m["difference"]) if m["difference"] is not None else "≠")
                    )
                    t.add_row(m["a"]["indicator"], _tv(m["a"]), _tv(m["b"]), delta)
            for x in tg["only_a"]:
                if x["year"] == y:
                    t.add_row(x["indicator"], _tv(x), "—", "only A")
            for x in tg["only_b"]:
                if x["year"] == y:
                    t.add_row(x["indicator"], "—", _tv(x), "only B")
            show(t)
    for part, title in (("agencies", "Agencies"), ("references", "Documents cited")):
        if part in data:
            p = data[part]
            both = p.get("both", p.get("common", []))
            t = table(f"{title}: {len(both)} in both", "only A", "only B")
            for i in range(max(len(p["only_a"]), len(p["only_b"]))):
                t.add_row(
                    p["only_a"][i] if i < len(p["only_a"]) else "",
                    p["only_b"][i] if i < len(p["only_b"]) else "",
                )
            show(t)
            if part == "references" and both:
                console.print("In both: " + ", ".join(both), markup=False, highlight=False)
    if "deadlines" in data:
        d = data["deadlines"]

        def fmt(x: dict[str, Any]) -> str:
            return _due(x)

        t = table(f"Deadlines: {len(d['both'])} in both", "only A", "only B")
        for i in range(max(len(d["only_a"]), len(d["only_b"]))):
            t.add_row(
                fmt(d["only_a"][i]) if i < len(d["only_a"]) else "",
                fmt(d["only_b"][i]) if i < len(d["only_b"]) else "",
            )
        show(t)


def summary_record(plan: Plan) -> dict[str, Any]:
    """One plan in a line: who, when, where, and how many facts of each kind."""
    from kehoach.outputs.catalog import issuer_level

    m = plan.metadata
    return summary_of(
        plan_columns(plan),
        {
            "doc_type": m.doc_type,
            "issued_date": m.issued_date,
            "issuer_level": issuer_level(plan),
            "title": m.title,
            "sections": len(plan.walk()),
            "references": len(plan.references),
            "targets": len(plan.targets),
            "assignments": len(plan.assignments),
            "deadlines": len(plan.deadlines),
            "warnings": len(plan.warnings),
            "review": "; ".join(plan.quality.review) if plan.quality else "",
        },
    )


def summary_of(columns: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """A summary row from a plan's columns and counts, whether they come from the plan
    itself or from the `plans` table of a database (which keeps counts, not the facts)."""
    from kehoach.outputs.catalog import province_2025

    rec = dict(columns)
    review = facts["review"] or ""
    rec.update(
        {
            "doc_type": facts["doc_type"],
            "issued_date": str(facts["issued_date"]) if facts["issued_date"] else None,
            "issuer_level": facts["issuer_level"],
            "province_2025": province_2025(rec["province"]),
            "title": facts["title"],
            **{k: int(facts[k]) for k in SUMMARY_COUNTS},
            "warnings": int(facts["warnings"]),
            "check": "review" if review else "ok",
            "review": review,
        }
    )
    return rec


SUMMARY_COUNTS = ("sections", "references", "targets", "assignments", "deadlines")


def records_csv(records: list[dict[str, Any]]) -> str:
    """UTF-8 with BOM, so that Excel opens Vietnamese text correctly."""
    buf = io.StringIO()
    if records:
        w = csv.DictWriter(buf, fieldnames=list(records[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(records)
    return "\ufeff" + buf.getvalue()


def file_labels(sources: list[str]) -> list[str]:
    """A short name per source file: its stem; its name where two stems clash ('plan.html',
    'plan.pdf'); its path where two names clash."""
    stems = Counter(PurePath(s).stem for s in sources)
    names = Counter(PurePath(s).name for s in sources)
    return [
        PurePath(s).stem
        if stems[PurePath(s).stem] == 1
        else (PurePath(s).name if names[PurePath(s).name] == 1 else s)
        for s in sources
    ]


def summary_table(records: list[dict[str, Any]], full: bool, console: Console) -> None:
    """One row per plan, then why each plan marked 'review' needs a person.

    Off a terminal (full) every column is whole; on one, titles are cut to fit, and
    province and title are left out below 110 columns so that the counts stay readable.
    """
    table = PlainTable(
        title=None if full else "kehoach summary",  # piped: rows only
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
    )
    wide = full or console.width >= 110

    def column(name: str, width: int | None = None, right: bool = False) -> None:
        if full or width is None:
            table.add_column(name, no_wrap=True, justify="right" if right else "left")
        else:
            table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width)

    counts = ("sections", "references", "targets", "assignments", "deadlines")
    labels = file_labels([r["source"] for r in records])
    # below 110 columns the file name takes what the counts leave (about 60 columns)
    column("file", 24 if wide else max(21, console.width - 62))
    column("number", 12)
    column("issued")
    if wide:
        column("province", 11)
    for col in ("sec", "ref", "tgt", "asg", "ddl"):
        column(col, right=True)
    column("check")
    if full:
        table.add_column("title", no_wrap=True)
    elif wide:
        table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1)  # what is left
        table.expand = True
    for r, label in zip(records, labels, strict=True):
        table.add_row(
            label,
            r["number"] or "—",
            r["issued_date"] or "—",
            *([r["province"] or "—"] if wide else []),
            *(str(r[k]) for k in counts),
            r["check"],
            *([r["title"] or "—"] if wide else []),
        )
    console.print(table, crop=not full, soft_wrap=full)
    for r, label in zip(records, labels, strict=True):
        if r["review"]:
            line = f"{label}: {r['review']}"
            console.print(line, markup=False, highlight=False, crop=not full, soft_wrap=full)
