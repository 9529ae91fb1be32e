"""Command line: wires the pipeline to files and the terminal; no parsing rules here."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from kehoach import __version__
from kehoach.errors import InputError
from kehoach.outputs.words import count

if TYPE_CHECKING:  # the heavy modules are imported by the commands that use them
    from rich.console import Console

    from kehoach.model import Plan
    from kehoach.read.load import Loaded

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "Turn Vietnamese plan documents (Kế hoạch, chương trình hành động) into structured "
        "data you can check against the text.\n\n"
        "Typical use:\n\n"
        "  kehoach parse plan.txt                  # YAML on stdout\n\n"
        "  kehoach parse data/raw -o data/structured  # all cores, cached\n\n"
        "  kehoach export data/raw -o plans.duckdb\n\n"
        "  kehoach targets plan.txt --year 2030\n\n"
        "  kehoach assign plan.txt --agency 'so cong thuong'\n\n"
        "  kehoach diff plan-a.txt plan-b.yaml\n\n"
        "  kehoach validate data/structured/*.yaml"
    ),
)


class _Command(TyperCommand):
    """Help as a user reads it: 'kehoach view [OPTIONS] PLAN...' rather than
    '{plans}...', and arguments listed by that name without '<list[Path]>'."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for p in self.get_params(ctx):
            if p.param_type_name == "argument":
                pieces.append(_arg_name(p) if p.required else f"[{_arg_name(p)}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        args = [
            (_arg_name(p), getattr(p, "help", None) or "")
            for p in params
            if p.param_type_name == "argument"
        ]
        opts = [
            rec
            for p in params
            if p.param_type_name == "option" and (rec := p.get_help_record(ctx)) is not None
        ]
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _arg_name(p: Any) -> str:
    return str(p.metavar or p.name.upper()) + ("..." if p.nargs != 1 else "")


def _command(name: str, *examples: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A subcommand whose help ends with examples, kept as written ('\\b' stops the help
    formatter re-wrapping them)."""
    epilog = "Examples:\n\n\b\n" + "\n".join(f"  {ln}" for ln in examples)
    return app.command(name, cls=_Command, epilog=epilog)


class Format(StrEnum):
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"


@contextmanager
def _screen() -> Iterator[tuple[Console, bool]]:
    """Where tables go: the terminal, fitted to its width; or, piped or redirected
    (`full`), every cell whole on one line and no line ending in spaces."""
    from rich.console import Console

    if sys.stdout.isatty():
        yield Console(), False
        return
    import io

    buf = io.StringIO()
    yield Console(file=buf, width=100_000), True
    sys.stdout.write("".join(ln.rstrip() + "\n" for ln in buf.getvalue().splitlines()))


# The option of every command that reads folders of plans.
Recursive = Annotated[
    bool, typer.Option("--recursive", "-r", help="Read subfolders of directories too.")
]


def _say(message: str) -> None:
    """One plain line on stderr (no wrapping, so that tools can grep it)."""
    print(f"kehoach: {message}", file=sys.stderr)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _say(message)
    return typer.Exit(code)


def _why(exc: OSError) -> str:
    """'out/x: Permission denied' rather than a traceback."""
    return f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc.strerror or exc)


@_command(
    "parse",
    "kehoach parse plan.txt                      # YAML on stdout",
    "kehoach parse plan.docx -o plan.json",
    "kehoach parse data/raw -o data/structured   # one file per plan, cached",
)
def parse_cmd(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT",
            help="Plan files (.txt, .md, .html, .docx, .doc, .pdf), directories of them, or - for standard input.",
            show_default=False,
        ),
    ],
    output_arg: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="File to write (format from its extension: .yaml, .json, .jsonl), or a "
            "directory for one file per plan (needed for several inputs, except jsonl; "
            "end it with / to create it for one plan).",
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="yaml, json, or jsonl (one plan per line, for jq). Default: from -o, else yaml.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, metavar="N", help="Worker processes for a batch (0: all cores)."
        ),
    ] = 0,
    force: Annotated[
        bool, typer.Option("--force", help="Parse again plans the output folder's cache has.")
    ] = False,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Read subfolders of input directories too.")
    ] = False,
    ocr: Annotated[
        bool,
        typer.Option(
            "--ocr",
            help="Read scanned PDFs (no usable text layer) by OCR: needs Tesseract with "
            "Vietnamese (apt-get install tesseract-ocr tesseract-ocr-vie).",
        ),
    ] = False,
) -> None:
    """Parse plans: title block, section tree, targets, assignments, deadlines, citations.

    Each fact points back to its line in the source. Website chrome around the plan is
    dropped and listed under 'trimmed'. A file that cannot be read is reported on one
    line and skipped; the exit status is then 1. A batch into a folder runs on all cores
    and keeps a cache there (.kehoach-cache): plans whose bytes and parser are unchanged
    are not parsed again.
    """
    from kehoach.outputs.batch import cpu_count, discover

    # (kept as typed: a Path forgets the trailing '/' that asks for a directory)
    output = Path(output_arg) if output_arg else None
    to_dir = output_arg is not None and (
        Path(output_arg).is_dir() or output_arg.endswith(("/", os.sep))
    )
    suffix = output.suffix.lower() if output is not None else ""
    if suffix and not to_dir and output_arg != "-" and suffix not in _OUTPUT_SUFFIXES:
        raise _fail(
            f"{output}: unknown output type '{suffix}'; name a .yaml, .json or .jsonl "
            "file, or a directory (end it with /)",
            2,
        )
    fmt = fmt or _format_of(output)
    stdin = [p for p in inputs if str(p) == "-"]
    if stdin and len(inputs) > 1:
        raise _fail("'-' (standard input) cannot be mixed with files")
    if stdin:
        from kehoach.outputs.io import is_structured
        from kehoach.pipeline import parse
        from kehoach.read.load import load_bytes

        data = sys.stdin.buffer.read()
        if is_structured(data):
            raise _fail(
                "<stdin>: a structured plan already (YAML/JSON), not a plan document; "
                "read it with kehoach summary, targets, assign or validate"
            )
        try:
            plan = parse(_said(load_bytes(data, "<stdin>", ocr)))
        except InputError as exc:
            raise _fail(str(exc)) from None
        _emit_one(plan, output, fmt, to_dir)
        return
    try:
        found = discover(inputs, recursive=recursive)
    except InputError as exc:
        raise _fail(str(exc)) from None
    for note in found.notes:
        _say(note)
    files = [src for src, _ in found.files]
    jobs = jobs or cpu_count()
    if fmt is Format.jsonl:
        if output is not None and output.is_dir():
            raise _fail(f"{output}: is a directory; jsonl goes to one file or to stdout", 2)
        _parse_lines(files, output, jobs, ocr)
        return
    batch = len(files) > 1 or any(p.is_dir() for p in inputs)
    if not batch:
        from kehoach.pipeline import parse
        from kehoach.read.load import load_path

        try:
            plan = parse(_said(load_path(files[0], ocr)))
        except InputError as exc:
            raise _fail(str(exc)) from None
        _emit_one(plan, output, fmt, to_dir)
        return
    if output is None:
        raise _fail("several plans need -o DIR (one output file per plan) or -f jsonl", 2)
    if output.exists() and not output.is_dir():
        raise _fail(f"{output}: exists and is not a directory", 2)
    if not output.exists() and output.suffix.lower() in (".json", ".yaml", ".yml"):
        raise _fail(f"{output}: several plans need a directory, or one .jsonl file", 2)
    _parse_batch(found.files, output, fmt, jobs, force, ocr)


def _said(doc: Loaded) -> Loaded:
    """The text read, saying on stderr when it came from OCR (it may hold misreadings)."""
    if doc.encoding.endswith("+ocr"):
        _say(f"{doc.path}: {doc.warnings[0] if doc.warnings else 'text read by OCR'}")
    return doc


def _format_of(output: Path | None) -> Format:
    """Format named by the output file's extension ('-o x.json' means JSON); else YAML."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"json": Format.json, "jsonl": Format.jsonl, "ndjson": Format.jsonl}.get(
        suffix, Format.yaml
    )


_OUTPUT_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".ndjson")


def _emit_one(plan: Plan, output: Path | None, fmt: Format, to_dir: bool = False) -> None:
    from kehoach.outputs.io import dump, write_atomic

    text = dump(plan, fmt.value)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    target = output
    if to_dir or output.is_dir():
        ext = "json" if fmt is Format.jsonl else fmt.value
        target = output / f"{Path(plan.source.path).stem or 'stdin'}.{ext}"
    write_atomic(target, text)


def _parse_lines(files: list[Path], output: Path | None, jobs: int, ocr: bool = False) -> None:
    """One plan per line, in input order, to stdout or one file (written whole or not at all)."""
    from kehoach.outputs.batch import pmap
    from kehoach.outputs.io import AtomicWriter, parse_line

    failures = 0
    try:
        with AtomicWriter(output) as out, _progress(len(files)) as advance:
            work = partial(parse_line, ocr=True) if ocr else parse_line
            for line, error in pmap(work, [str(f) for f in files], jobs):
                if line is not None:
                    out.write(line)
                else:
                    _say(str(error))
                    failures += 1
                advance(line)
    except BrokenPipeError:
        _closed_pipe()
    if len(files) > 1 or failures:
        written = count(len(files) - failures, "plans")
        _say(f"{count(len(files), 'files')}, {written} written, {failures} failed")
    if failures:
        raise typer.Exit(1)


@contextmanager
def _progress(total: int, label: str = "parsing") -> Iterator[Callable[[object], None]]:
    """A bar with files/s and time left on a terminal; nothing otherwise."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]} files/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, rate="–")
        t0 = time.monotonic()

        def advance(_: object) -> None:
            bar.advance(task)
            done = bar.tasks[0].completed
            elapsed = time.monotonic() - t0
            bar.update(task, rate=f"{done / elapsed:.1f}" if elapsed > 0 else "–")

        yield advance


def _parse_batch(
    files: list[tuple[Path, PurePath]],
    out_dir: Path,
    fmt: Format,
    jobs: int,
    force: bool,
    ocr: bool = False,
) -> None:
    from kehoach.outputs.batch import Done, parse_to_folder
    from kehoach.outputs.io import make_folder

    try:
        make_folder(out_dir)
    except OSError as exc:
        raise _fail(f"{out_dir}: cannot write ({_why(exc)})", 2) from None
    t0 = time.monotonic()
    with _progress(len(files)) as advance:

        def done(d: Done) -> None:
            if d.error:
                _say(d.error)
            advance(d)

        try:
            tally = parse_to_folder(files, out_dir, fmt.value, jobs, force, done, ocr)
        except InputError as exc:
            raise _fail(str(exc), 2) from None
    secs = time.monotonic() - t0
    cached = f" ({tally.cached} unchanged, from cache)" if tally.cached else ""
    workers = min(jobs, tally.files)
    _say(
        f"{count(tally.files, 'files')}, {tally.written} written to {out_dir}{cached}, "
        f"{count(tally.facts, 'facts')}, {count(tally.warnings, 'warnings')}, "
        f"{tally.failed} failed; {secs:.1f} s, "
        f"{tally.files / secs if secs else 0:.0f} files/s, {workers} worker"
        + ("s" if workers > 1 else "")
    )
    if tally.stale:
        shown = ", ".join(tally.stale[:3]) + (", …" if len(tally.stale) > 3 else "")
        _say(
            f"{out_dir}: {count(len(tally.stale), 'earlier outputs')} of these plans kept under "
            f"another name ({shown}); delete {'it' if len(tally.stale) == 1 else 'them'}, "
            "or parse into a fresh folder"
        )
    if tally.failed:
        raise typer.Exit(1)


class SummaryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@_command(
    "summary",
    "kehoach summary data/structured",
    "kehoach summary plans.duckdb -f csv > plans.csv",
)
def summary_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN",
            help="Raw texts, structured YAML/JSON files, directories of either, or a database "
            "written by `kehoach export`.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        SummaryFormat,
        typer.Option("--format", "-f", help="table, csv (UTF-8 with BOM) or json."),
    ] = SummaryFormat.table,
    recursive: Recursive = False,
) -> None:
    """One row per plan: number, date, province, how many facts were found, what to review.

    'check' is 'review' when a person should read the plan; the reasons follow the table
    (lines placed nowhere, numbering out of sequence, an incomplete title block, unknown
    agency names). 'file' is the name of the plan's source file (its path is 'source' in
    csv and json), 'number' the plan's number (272/KH-UBND). On a terminal long titles
    are cut to fit, and province and title are left out below 110 columns so that the
    counts stay readable; piped or redirected, the table keeps every column whole.
    """
    from kehoach.outputs.views import as_json, records_csv, summary_table

    failed: list[str] = []
    records = list(_summaries(plans, recursive, failed))
    if fmt is SummaryFormat.json:
        sys.stdout.write(as_json(records))
    elif fmt is SummaryFormat.csv:
        sys.stdout.write(records_csv(records))
    elif records:  # no table of nothing: the failures said why
        with _screen() as (console, full):
            summary_table(records, full, console)
    if failed:
        raise typer.Exit(1)


def _summaries(paths: list[Path], recursive: bool, failed: list[str]) -> Iterator[dict[str, Any]]:
    """Summary rows: a database's from its plans table (counts and review reasons kept
    there), other inputs' from their plans; each plan once."""
    from kehoach.outputs.export import is_database, summaries
    from kehoach.outputs.views import summary_record

    seen: dict[str, str] = {}
    for p in paths:
        if is_database(p):
            try:
                rows = summaries(p)
            except InputError as exc:
                raise _fail(str(exc)) from None
            yield from (r for r in rows if _first(r["plan_id"], str(p), seen))
            continue
        yield from (summary_record(plan) for plan in _each_plan([p], recursive, failed, seen))


@_command(
    "export",
    "kehoach export data/raw -o plans.duckdb",
    "kehoach export data/structured -r -o plans.parquet",
)
def export_cmd(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT",
            help="Plan files (text, Markdown, web page, Word, PDF), YAML/JSON written by `kehoach parse`, or directories of them.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="plans.duckdb, plans.sqlite, plans.xlsx, or plans.parquet (a folder, one "
            "file per table).",
            show_default=False,
        ),
    ],
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, metavar="N", help="Worker processes (0: all cores)."),
    ] = 0,
    recursive: Recursive = False,
) -> None:
    """Put many plans into one database: a table per kind of fact, joined by plan_id.

    Tables: plans (one row per plan: number, issuer and its level, province and the province
    it belongs to since the 1 July 2025 mergers, title, counts), sections, targets,
    assignments, duties, partners, deadlines, references: one row per fact with its plan_id,
    number within the plan (n), section path, source lines and quote. A plan given twice
    (same bytes) is written once.

    The file is written, replacing any earlier one, when at least one plan was read; an
    input that cannot be read is reported on one line and left out, and the exit status is
    then 1. When no plan can be read, nothing is written (an earlier file is kept).
    """
    from kehoach.outputs.batch import cpu_count, discover, pmap
    from kehoach.outputs.export import Writer, format_of, plan_rows
    from kehoach.read.load import STRUCTURED_SUFFIXES, TEXT_SUFFIXES

    try:
        format_of(output)
    except InputError as exc:
        raise _fail(str(exc), 2) from None
    try:
        found = discover(inputs, (*TEXT_SUFFIXES, *STRUCTURED_SUFFIXES), recursive)
    except InputError as exc:
        raise _fail(str(exc)) from None
    for note in found.notes:
        _say(note)
    files = [str(f) for f, _ in found.files]
    seen: dict[str, str] = {}
    failures = 0
    try:
        with Writer(output) as db, _progress(len(files), "exporting") as advance:
            for src, got in zip(files, pmap(plan_rows, files, jobs or cpu_count()), strict=True):
                advance(src)
                if isinstance(got, str):
                    _say(got)
                    failures += 1
                    continue
                pid = got["plans"][0][0]
                if pid in seen:
                    _say(f"{src}: the same plan as {seen[pid]}; written once")
                    continue
                seen[pid] = src
                db.add(got)
            if not seen:  # leaving by an exception discards the database being built
                raise _fail(f"no plan could be read, {failures} failed; {output} not written")
    except InputError as exc:
        raise _fail(str(exc), 2) from None
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({_why(exc)})") from None
    counts = ", ".join(count(n, name) for name, n in db.counts.items())
    _say(f"wrote {output}: {counts}; {failures} failed")
    if failures:
        raise typer.Exit(1)


class TargetFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    yaml = "yaml"


def _plan_files(paths: list[Path], recursive: bool = False) -> list[Path]:
    """Files as given; directories give their raw and structured plans (others reported)."""
    from kehoach.outputs.batch import discover
    from kehoach.read.load import STRUCTURED_SUFFIXES, TEXT_SUFFIXES

    try:
        found = discover(paths, (*TEXT_SUFFIXES, *STRUCTURED_SUFFIXES), recursive)
    except InputError as exc:
        raise _fail(str(exc)) from None
    for note in found.notes:
        _say(note)
    return [f for f, _ in found.files]


def _each_plan(
    paths: list[Path],
    recursive: bool = False,
    failed: list[str] | None = None,
    seen: dict[str, str] | None = None,
) -> Iterator[Plan]:
    """Plans from raw texts, structured files, directories of either, export databases,
    or standard input ('-'). A plan given twice (the same bytes: a raw text and the YAML
    parsed from it) comes once.

    An unreadable input stops the command (exit 1), or, given a `failed` list, is reported,
    added to it, and skipped.
    """
    from kehoach.outputs.catalog import plan_id
    from kehoach.outputs.export import is_database, read_plans
    from kehoach.outputs.io import load_plan

    seen = {} if seen is None else seen
    for p in paths:
        if is_database(p):
            try:
                plans = read_plans(p)
            except InputError as exc:
                raise _fail(str(exc)) from None
            yield from (plan for plan in plans if _first(plan_id(plan), str(p), seen))
            continue
        for f in [p] if str(p) == "-" else _plan_files([p], recursive):
            try:
                plan = _stdin_plan() if str(f) == "-" else load_plan(f)
            except InputError as exc:
                if failed is None:
                    raise _fail(str(exc)) from None
                _say(str(exc))
                failed.append(str(f))
                continue
            if _first(plan_id(plan), str(f), seen):
                yield plan


def _first(pid: str, where: str, seen: dict[str, str]) -> bool:
    """True the first time a plan (by the sha256 of its source) is met."""
    if pid in seen:
        _say(f"{where}: the same plan as {seen[pid]}; listed once")
        return False
    seen[pid] = where
    return True


def _stdin_plan() -> Plan:
    """The plan on standard input: a text to parse, or the YAML/JSON `parse` wrote."""
    from kehoach.outputs.io import plan_from_bytes

    return plan_from_bytes(sys.stdin.buffer.read())


@_command(
    "targets",
    "kehoach targets plan.txt --year 2030",
    "kehoach targets data/structured --section II -f csv > chi-tieu.csv",
    "kehoach targets plans.duckdb -y 2025 -f json",
)
def targets_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN",
            help="Plan files (text, Markdown, web page, Word, PDF), YAML/JSON written by `kehoach parse`, or a database written by "
            "`kehoach export` (same result either way).",
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", metavar="YEAR", help="Only targets tied to this year."),
    ] = None,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            metavar="PATH",
            help="Only this section and its subsections, e.g. II.2 or PB01.",
        ),
    ] = None,
    fmt: Annotated[
        TargetFormat,
        typer.Option("--format", "-f", help="table, json, csv (UTF-8 with BOM) or yaml."),
    ] = TargetFormat.table,
    recursive: Recursive = False,
) -> None:
    """List numeric targets (chỉ tiêu) by year: indicator, value or range, unit, baseline.

    Values show their comparator: '≥ 70' is 'ít nhất / trên 70', '≈ 3' is 'khoảng 3',
    '6–7' a range. Targets the text ties to no year are listed last. Every target keeps
    its section path and source lines (in json, csv and yaml).
    """
    from kehoach.outputs.views import (
        as_json,
        as_yaml,
        in_section,
        target_records,
        target_rows,
        targets_csv,
        targets_table,
    )

    loaded = list(_each_plan(plans, recursive))
    if section is not None and not any(
        in_section(s.path, section) for p in loaded for s in p.walk()
    ):
        raise _fail(f"no section {section} in {count(len(loaded), 'plans')}")
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
        with _screen() as (console, full):
            targets_table(rows, len(loaded) > 1, console, full)


class AssignFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


@_command(
    "assign",
    "kehoach assign plan.txt --agency 'so cong thuong'",
    "kehoach assign plan.txt           # agencies x sections of the plan",
    "kehoach assign data/structured    # agencies x kinds of section, all plans",
)
def assign_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN",
            help="Plan files (text, Markdown, web page, Word, PDF), YAML/JSON written by `kehoach parse`, or an export database.",
            show_default=False,
        ),
    ],
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            "-a",
            metavar="NAME",
            help="An agency: full name, abbreviation or without diacritics ('so cong thuong', 'KHĐT').",
        ),
    ] = None,
    successors: Annotated[
        bool,
        typer.Option(
            "--successors/--no-successors",
            help="Also show what older plans gave the agency's predecessors (2025 "
            "reorganisation), when a plan is from after it or the plans know only the old names.",
        ),
    ] = True,
    fmt: Annotated[
        AssignFormat, typer.Option("--format", "-f", help="table, json or yaml.")
    ] = AssignFormat.table,
    recursive: Recursive = False,
) -> None:
    """Show who must do what: one agency's duties, or a matrix of all agencies.

    With --agency: each duty with its role (lead where the agency is addressed, partner
    where another agency's block names it after 'phối hợp với'), plan, section, text,
    source lines and the deadlines that bind it. Without: a matrix, 'L' counting blocks
    the agency leads, 'p' blocks where it is a partner; for one plan its columns are the
    plan's top-level sections (I, II, ...), for several the kind of top-level section
    (purpose, objectives, tasks, funding, implementation, reporting, appendix, other),
    with the number of plans that name the agency.

    Exit status: 0 when the agency is known (in the plans or the gazetteer), even with no
    duties in these plans; 1 when it is not (the closest names are printed), or when an
    input cannot be read.
    """
    from kehoach.outputs.responsibility import duties_of, names_to_follow, resolve
    from kehoach.outputs.views import as_json, as_yaml, duties_table

    loaded = list(_each_plan(plans, recursive))
    if agency is None:
        _assign_matrix(loaded, fmt)
        return
    found = resolve(agency, loaded)
    if found.name is None:
        hint = "; ".join(found.candidates) if found.candidates else "none"
        if found.ambiguous:
            raise _fail(f"{agency!r} fits several agencies: {hint}")
        raise _fail(f"no agency {agency!r} in the gazetteer or the plans; closest: {hint}")
    names = names_to_follow(found.name, loaded) if successors else [found.name]
    duties = duties_of(loaded, names)
    report: dict[str, Any] = {"agency": found.name, "also_as": names[1:], "duties": duties}
    if fmt is AssignFormat.json:
        sys.stdout.write(as_json(report))
    elif fmt is AssignFormat.yaml:
        sys.stdout.write(as_yaml(report))
    else:
        with _screen() as (console, full):
            duties_table(report, len(loaded) > 1, console, full)


def _assign_matrix(loaded: list[Plan], fmt: AssignFormat) -> None:
    """One plan: agencies × its top-level sections. Several: agencies × what the sections
    are for (a path such as 'IV' means something else in each plan)."""
    from kehoach.outputs.responsibility import matrix, matrix_by_kind
    from kehoach.outputs.views import as_json, as_yaml, kind_matrix_table, matrix_table

    if fmt is AssignFormat.table and not any(p.assignments for p in loaded):
        if len(loaded) == 1:
            p = loaded[0]
            print(f"{p.source.path}: the plan assigns no duties to any agency")
        else:
            print(f"none of the {len(loaded)} plans assigns duties to an agency")
        return
    data: list[dict[str, Any]]
    if len(loaded) == 1:
        agencies, tops, cells = matrix(loaded)
        if fmt is AssignFormat.table:
            with _screen() as (console, full):
                matrix_table(agencies, tops, cells, console, full)
            return
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
    else:
        m = matrix_by_kind(loaded)
        if fmt is AssignFormat.table:
            with _screen() as (console, full):
                kind_matrix_table(m, len(loaded), console, full)
            return
        data = [
            {
                "agency": a,
                "plans": m.plans[a],
                "kinds": {
                    k: {"lead": m.cells[(a, k)][0], "partner": m.cells[(a, k)][1]}
                    for k in m.kinds
                    if (a, k) in m.cells
                },
            }
            for a in m.agencies
        ]
    sys.stdout.write(as_json(data) if fmt is AssignFormat.json else as_yaml(data))


class DiffPart(StrEnum):
    metadata = "metadata"
    sections = "sections"
    targets = "targets"
    agencies = "agencies"
    deadlines = "deadlines"
    references = "references"


@_command(
    "diff",
    "kehoach diff plan-a.txt plan-b.yaml",
    "kehoach diff a.txt b.txt --only targets -f json",
)
def diff_cmd(
    plan_a: Annotated[
        Path,
        typer.Argument(
            help="First plan: a plan file (text, Markdown, web page, Word, PDF) or its YAML/JSON.",
            show_default=False,
        ),
    ],
    plan_b: Annotated[Path, typer.Argument(help="Second plan.", show_default=False)],
    only: Annotated[DiffPart | None, typer.Option("--only", help="Show one part only.")] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            "-t",
            metavar="SHARE",
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
    from kehoach.outputs.io import load_plan
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
        with _screen() as (console, full):
            diff_view(result.data, result.differs, console, full)
    raise typer.Exit(1 if result.differs else 0)


@_command(
    "view",
    "kehoach view plan.txt                   # writes plan.html here",
    "kehoach view data/structured/x.yaml -o x.html --open",
    "kehoach view data/raw -o site/          # a page per plan and index.html",
)
def view_cmd(
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN",
            help="A plan (raw or YAML/JSON from `parse`), several, or directories of them.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="HTML file for one plan (default: NAME.html in the current folder, NAME "
            "being the input's name without its extension); a directory for several plans "
            "(a page each and index.html).",
        ),
    ] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
    recursive: Recursive = False,
) -> None:
    """Write a review page: the plan's text with every fact highlighted, click for its value.

    One self-contained HTML file (no network needed): line-numbered text, section tree,
    counts and quality, targets by year, agencies × sections, deadlines timeline. For a
    directory or several plans, one page each and index.html linking them, in the folder
    given with -o.

    Without -o, one plan's page is written as NAME.html in the current folder (NAME: the
    input's file name without its extension; stdin.html for '-', standard input).
    """
    from kehoach.outputs.page import write_one, write_site

    if any(str(p) == "-" for p in plans) and len(plans) > 1:
        raise _fail("'-' (standard input) cannot be mixed with files", 2)
    files = plans if str(plans[0]) == "-" else _plan_files(plans, recursive)
    single = len(files) == 1 and not any(p.is_dir() for p in plans)
    if not single and (
        output is None
        or (output.exists() and not output.is_dir())
        or (not output.exists() and output.suffix.lower() in (".html", ".htm"))
    ):
        raise _fail("several plans need -o DIR (one page per plan and index.html)", 2)
    try:
        page, failed, notes = write_one(files[0], output) if single else write_site(files, output)
    except InputError as exc:
        raise _fail(str(exc)) from None
    for line in [*failed, *notes]:
        _say(line)
    _say(f"wrote {page}")
    if open_:
        import webbrowser

        if not webbrowser.open(page.resolve().as_uri()):
            _say(f"no web browser found to open it; open {page.resolve()} yourself")
    if failed:
        raise typer.Exit(1)


@_command(
    "schema",
    "kehoach schema | jq .properties",
    "kehoach schema -o schemas/plan.schema.json     # the copy this repository keeps",
)
def schema_cmd(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="File to write the JSON Schema to (default: standard output).",
        ),
    ] = None,
) -> None:
    """Print (or write) the JSON Schema of the output, made from the pydantic models."""
    if output is None or str(output) == "-":
        sys.stdout.write(schema_text())
        return
    from kehoach.outputs.io import write_atomic

    try:
        write_atomic(output, schema_text())
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({_why(exc)})") from None
    _say(f"wrote {output}")


def schema_text() -> str:
    import json

    from kehoach.model import Plan

    return json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@_command(
    "validate",
    "kehoach validate data/structured",
    "kehoach validate plan.yaml other.json",
)
def validate_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="Structured YAML or JSON files, or directories of them.",
            show_default=False,
        ),
    ],
    recursive: Recursive = False,
) -> None:
    """Check structured files against the models.

    Exit 0 and one line 'N files valid' when all are valid; 1 with one 'file: field.path:
    message' line per problem; 2 when a file cannot be read (missing, or not YAML or JSON
    at all: one line on stderr). YAML is read with a safe loader: tags such as
    !!python/object are refused, never run.
    """
    from kehoach.outputs.batch import discover
    from kehoach.outputs.io import read_data, validation_problems
    from kehoach.read.load import STRUCTURED_SUFFIXES, TEXT_SUFFIXES

    try:
        found = discover(files, STRUCTURED_SUFFIXES, recursive)
    except InputError as exc:
        raise _fail(str(exc), 2) from None
    for note in found.notes:
        _say(note)
    status = 0
    for f, _ in found.files:
        if f.suffix.lower() not in STRUCTURED_SUFFIXES and f.suffix.lower() in TEXT_SUFFIXES:
            _say(f"{f}: a plan's text, not a structured plan; parse it first: kehoach parse {f}")
            status = 2
            continue
        try:
            data = read_data(f)
        except InputError as exc:
            _say(str(exc))
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
    if status == 0:
        n = len(found.files)
        print(f"{n} file{'s' if n != 1 else ''} valid")
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


def _closed_pipe() -> NoReturn:
    """The reader went away ('kehoach parse DIR -f jsonl | head -1'): it has what it
    wanted; exit 0 as every other command does, with nothing more on the closed pipe."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(0)


def main() -> None:
    try:
        app()
    except OSError as exc:  # an output that cannot be written: one line, not a traceback
        _say(f"cannot write ({_why(exc)})")
        sys.exit(1)
