"""Command line: wires the pipeline to files and the terminal; no parsing rules here."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from kehoach import __version__
from kehoach.model import Plan
from kehoach.outputs.io import (
    STRUCTURED_SUFFIXES,
    dump,
    load_plan,
    read_data,
    validation_problems,
    write_atomic,
)
from kehoach.pipeline import parse
from kehoach.read.load import TEXT_SUFFIXES, InputError, expand_inputs, load_bytes, load_path

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Turn Vietnamese plan documents (Kế hoạch, chương trình hành động) into structured "
        "data you can check against the text.\n\n"
        "Typical use:\n\n"
        "  kehoach parse plan.txt                  # YAML on stdout\n\n"
        "  kehoach parse data/raw -o data/structured\n\n"
        "  kehoach targets plan.txt --year 2030\n\n"
        "  kehoach assign plan.txt --agency 'so cong thuong'\n\n"
        "  kehoach diff plan-a.txt plan-b.yaml\n\n"
        "  kehoach validate data/structured/*.yaml"
    ),
)
err = Console(stderr=True)


class Format(StrEnum):
    yaml = "yaml"
    json = "json"


def _say(message: str) -> None:
    """One plain line on stderr (no wrapping, so that tools can grep it)."""
    print(f"kehoach: {message}", file=sys.stderr)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _say(message)
    return typer.Exit(code)


@app.command("parse")
def parse_cmd(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Plan files (.txt, .md, .html, .docx), directories of them, or - for standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write, or a directory for one file per plan (needed for several inputs).",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.yaml,
) -> None:
    """Parse plans: title block, section tree, targets, assignments, deadlines, citations.

    Each fact points back to its line in the source. Website chrome around the plan is
    dropped and listed under 'trimmed'. A file that cannot be read is reported on one
    line and skipped; the exit status is then 1.
    """
    stdin = [p for p in inputs if str(p) == "-"]
    if stdin and len(inputs) > 1:
        raise _fail("'-' (standard input) cannot be mixed with files")
    if stdin:
        try:
            plan = parse(load_bytes(sys.stdin.buffer.read(), "<stdin>"))
        except InputError as exc:
            raise _fail(str(exc)) from None
        _emit_one(plan, output, fmt)
        return
    try:
        files = expand_inputs(inputs)
    except InputError as exc:
        raise _fail(str(exc)) from None
    batch = len(files) > 1 or any(p.is_dir() for p in inputs)
    if not batch:
        try:
            plan = parse(load_path(files[0]))
        except InputError as exc:
            raise _fail(str(exc)) from None
        _emit_one(plan, output, fmt)
        return
    if output is None:
        raise _fail("several plans need -o DIR (one output file per plan)", 2)
    if output.exists() and not output.is_dir():
        raise _fail(f"{output}: exists and is not a directory", 2)
    _parse_batch(files, output, fmt)


def _emit_one(plan: Plan, output: Path | None, fmt: Format) -> None:
    text = dump(plan, fmt.value)
    if output is None:
        sys.stdout.write(text)
        return
    target = output
    if output.is_dir() or str(output).endswith(("/", "\\")):
        target = output / f"{Path(plan.source.path).stem or 'stdin'}.{fmt.value}"
    write_atomic(target, text)


def _parse_batch(files: list[Path], out_dir: Path, fmt: Format) -> None:
    from rich.progress import Progress

    failures = 0
    facts = 0
    warnings = 0
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("parsing", total=len(files))
        for path in files:
            try:
                plan = parse(load_path(path))
            except InputError as exc:
                _say(str(exc))
                failures += 1
            else:
                write_atomic(out_dir / f"{path.stem}.{fmt.value}", dump(plan, fmt.value))
                facts += _fact_count(plan)
                warnings += len(plan.warnings)
            progress.advance(task)
    ok = len(files) - failures
    _say(
        f"{len(files)} files, {ok} written to {out_dir}, {facts} facts, "
        f"{warnings} warnings, {failures} failed"
    )
    if failures:
        raise typer.Exit(1)


def _fact_count(plan: Plan) -> int:
    return (
        len(plan.walk())
        + len(plan.references)
        + len(plan.targets)
        + len(plan.assignments)
        + len(plan.deadlines)
    )


@app.command("summary")
def summary_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="Raw texts, structured YAML/JSON files, or directories of either.",
            show_default=False,
        ),
    ],
) -> None:
    """One row per plan: number, date, how many facts were found, and what to review.

    'placed' is the share of the text's lines that landed somewhere (a section, the
    preamble, the title block, signature, footnotes or trimmed chrome); 'review' says why
    a person should read the plan (lines placed nowhere, numbering out of sequence, an
    incomplete title block, unknown agency names)."""
    files = _plan_files(plans)
    table = Table(
        title="kehoach summary",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
    )
    table.add_column("plan", no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column("number", no_wrap=True, overflow="ellipsis", max_width=12)
    table.add_column("issued", no_wrap=True, min_width=10)
    for col in ("sec", "ref", "tgt", "asg", "ddl"):
        table.add_column(col, justify="right", no_wrap=True, min_width=3)
    table.add_column("check", no_wrap=True)
    to_review: list[str] = []
    failed = 0
    for f in files:
        try:
            plan = load_plan(f)
        except InputError as exc:
            _say(str(exc))
            failed += 1
            continue
        m, q = plan.metadata, plan.quality
        table.add_row(
            f.stem,
            m.number or "—",
            str(m.issued_date or "—"),
            str(len(plan.walk())),
            str(len(plan.references)),
            str(len(plan.targets)),
            str(len(plan.assignments)),
            str(len(plan.deadlines)),
            "review" if q and q.review else "ok",
        )
        if q and q.review:
            to_review.append(f"{f.stem}: {'; '.join(q.review)}")
    console = Console()
    console.print(table)
    for line in to_review:
        console.print(line, markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


class TargetFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"


def _plan_files(paths: list[Path]) -> list[Path]:
    """Files as given; directories give their raw (.txt, .md) and structured plans."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            suffixes = (*TEXT_SUFFIXES, *STRUCTURED_SUFFIXES)
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in suffixes)
            if not found:
                raise _fail(f"{p}: directory has no plans (.txt, .md, .html, .docx, .yaml, .json)")
            files += found
        else:
            files.append(p)
    return files


def _plans(paths: list[Path]) -> list[Plan]:
    """Plans from raw texts or structured files (or directories of either), in order."""
    plans = []
    for f in _plan_files(paths):
        try:
            plans.append(load_plan(f))
        except InputError as exc:
            raise _fail(str(exc)) from None
    return plans


@app.command("targets")
def targets_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="Raw plan texts or YAML/JSON written by `kehoach parse` (same result either way).",
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Only targets tied to this year.")
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section", "-s", help="Only this section and its subsections, e.g. II.2 or PB01."
        ),
    ] = None,
    fmt: Annotated[
        TargetFormat,
        typer.Option("--format", "-f", help="table, json, csv (UTF-8 with BOM) or yaml."),
    ] = TargetFormat.table,
) -> None:
    """List numeric targets (chỉ tiêu) by year: indicator, value or range, unit, baseline.

    Values show their comparator: '≥ 70' is 'ít nhất / trên 70', '≈ 3' is 'khoảng 3',
    '6–7' a range. Targets the text ties to no year are listed last. Every target keeps
    its section path and source lines (in json, csv and yaml).
    """
    from kehoach.outputs.views import (
        as_json,
        as_yaml,
        target_records,
        target_rows,
        targets_csv,
        targets_table,
    )

    loaded = _plans(plans)
    rows = target_rows(loaded, year, section)
    if fmt is TargetFormat.json:
        sys.stdout.write(as_json(target_records(rows)))
    elif fmt is TargetFormat.yaml:
        sys.stdout.write(as_yaml(target_records(rows)))
    elif fmt is TargetFormat.csv:
        sys.stdout.write(targets_csv(rows))
    else:
        if not rows:
            _say("no targets match")
            return
        targets_table(rows, several=len(loaded) > 1, console=Console())


class AssignFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


@app.command("assign")
def assign_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="Raw plan texts or YAML/JSON written by `kehoach parse`.", show_default=False
        ),
    ],
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            "-a",
            help="An agency: full name, abbreviation or without diacritics ('so cong thuong', 'KHĐT').",
        ),
    ] = None,
    successors: Annotated[
        bool,
        typer.Option(
            "--successors/--no-successors",
            help="Also show what older plans gave the agency's predecessors (2025 reorganisation).",
        ),
    ] = True,
    fmt: Annotated[
        AssignFormat, typer.Option("--format", "-f", help="table, json or yaml.")
    ] = AssignFormat.table,
) -> None:
    """Show who must do what: one agency's duties, or a matrix of all agencies.

    With --agency: each duty with its role (lead where the agency is addressed, partner
    where another agency's block names it after 'phối hợp với'), plan, section, text,
    source lines and the deadlines that bind it. Without: agencies × top sections,
    'L' counts blocks the agency leads, 'p' blocks where it is a partner.
    """
    from kehoach.outputs.responsibility import duties_of, matrix, predecessors, resolve
    from kehoach.outputs.views import as_json, as_yaml, duties_table, matrix_table

    loaded = _plans(plans)
    if agency is None:
        agencies, tops, cells = matrix(loaded)
        if fmt is AssignFormat.table:
            matrix_table(agencies, tops, cells, Console())
        else:
            data = [
                {
                    "agency": a,
                    "sections": {
                        t: {"lead": cells[(a, t)][0], "partner": cells[(a, t)][1]}
                        for t in tops
                        if (a, t) in cells
                    },
                }
                for a in agencies
            ]
            sys.stdout.write(as_json(data) if fmt is AssignFormat.json else as_yaml(data))
        return
    found = resolve(agency, loaded)
    if found.name is None:
        hint = "; ".join(found.candidates) if found.candidates else "none"
        if found.ambiguous:
            raise _fail(f"{agency!r} fits several agencies: {hint}")
        raise _fail(f"no agency {agency!r} in the gazetteer or the plans; closest: {hint}")
    names = [found.name] + (predecessors(found.name) if successors else [])
    duties = duties_of(loaded, names)
    report: dict[str, Any] = {"agency": found.name, "also_as": names[1:], "duties": duties}
    if fmt is AssignFormat.json:
        sys.stdout.write(as_json(report))
    elif fmt is AssignFormat.yaml:
        sys.stdout.write(as_yaml(report))
    else:
        duties_table(report, several=len(loaded) > 1, console=Console())


class DiffPart(StrEnum):
    metadata = "metadata"
    sections = "sections"
    targets = "targets"
    agencies = "agencies"
    deadlines = "deadlines"
    references = "references"


@app.command("diff")
def diff_cmd(
    plan_a: Annotated[
        Path,
        typer.Argument(help="First plan: raw text or structured YAML/JSON.", show_default=False),
    ],
    plan_b: Annotated[Path, typer.Argument(help="Second plan.", show_default=False)],
    only: Annotated[DiffPart | None, typer.Option("--only", help="Show one part only.")] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            "-t",
            min=0.0,
            max=1.0,
            help="Least similarity for two targets (or section titles) to be aligned.",
        ),
    ] = 0.4,
    fmt: Annotated[
        AssignFormat, typer.Option("--format", "-f", help="table, json or yaml.")
    ] = AssignFormat.table,
) -> None:
    """Compare two plans side by side (two provinces implementing one decision, or a revision).

    Sections align by kind and title, targets by indicator, unit and year, agencies by
    canonical name, deadlines by recurrence and date, references by number. Similarity is
    the Jaccard overlap of the two texts' word sets after folding diacritics and tone
    marks and dropping function words; pairs at or above --threshold (default 0.4) align,
    best first, one to one. Exit status as diff(1): 0 no differences, 1 differences,
    2 trouble.
    """
    from kehoach.outputs.diff import compare
    from kehoach.outputs.views import as_json, as_yaml, diff_view

    try:
        a, b = load_plan(plan_a), load_plan(plan_b)
    except InputError as exc:
        raise _fail(str(exc), 2) from None
    result = compare(a, b, threshold, only.value if only else None)
    if fmt is AssignFormat.json:
        sys.stdout.write(as_json({**result.data, "differs": result.differs}))
    elif fmt is AssignFormat.yaml:
        sys.stdout.write(as_yaml({**result.data, "differs": result.differs}))
    else:
        diff_view(result.data, result.differs, Console())
    raise typer.Exit(1 if result.differs else 0)


@app.command("view")
def view_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            help="A plan (raw or YAML/JSON from `parse`), several, or directories of them.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="HTML file for one plan; a directory (with index.html) for more."
        ),
    ] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
) -> None:
    """Write a review page: the plan's text with every fact highlighted, click for its value.

    One self-contained HTML file (no network needed): line-numbered text, section tree,
    counts and quality, targets by year, agencies × sections, deadlines timeline. For a
    directory or several plans, one page each and index.html linking them.
    """
    from kehoach.outputs.page import write_one, write_site

    files = _plan_files(plans)
    single = len(files) == 1 and not any(p.is_dir() for p in plans)
    if not single and (output is None or (output.exists() and not output.is_dir())):
        raise _fail("several plans need -o DIR (one page per plan and index.html)", 2)
    try:
        page, failed = write_one(files[0], output) if single else write_site(files, output)
    except InputError as exc:
        raise _fail(str(exc)) from None
    for line in failed:
        _say(line)
    _say(f"wrote {page}")
    if open_:
        import webbrowser

        webbrowser.open(page.resolve().as_uri())
    if failed:
        raise typer.Exit(1)


@app.command("schema")
def schema_cmd(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the JSON Schema.")
    ] = Path("schemas/plan.schema.json"),
) -> None:
    """Write the JSON Schema of the output (from the pydantic models)."""
    write_atomic(output, schema_text())
    _say(f"wrote {output}")


def schema_text() -> str:
    return json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@app.command("validate")
def validate_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Structured YAML or JSON files.", show_default=False)
    ],
) -> None:
    """Check structured files against the models.

    Exit 0 when all are valid, 1 with one 'file: field.path: message' line per problem,
    2 when a file cannot be read. YAML is read with a safe loader: tags such as
    !!python/object are refused, never run.
    """
    status = 0
    for f in files:
        try:
            data = read_data(f)
        except InputError as exc:
            print(f"{exc}", file=sys.stderr)
            status = 2
            continue
        except ValueError as exc:
            print(f"{f}: {exc}")
            status = max(status, 1)
            continue
        problems = validation_problems(data)
        for p in problems:
            print(f"{f}: {p}")
        if problems:
            status = max(status, 1)
    raise typer.Exit(status)


def version_callback(value: bool) -> None:
    if value:
        print(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """kehoach: structured data from Vietnamese plan documents."""


def main() -> None:
    app()
