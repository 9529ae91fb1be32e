"""Plans as tables for SQL, dataframes and spreadsheets: one row per fact, joined by plan_id.

`rows` flattens one plan; the writers stream those rows into DuckDB, SQLite, Excel or a
folder of Parquet files (a batch of rows at a time, so memory stays flat); `read_plans`
turns a database back into plans for `kehoach targets` and `assign`. The file formats are
written by their own libraries (duckdb, pyarrow, xlsxwriter, sqlite3), never by hand.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

import regex
from pydantic import BaseModel

from kehoach.errors import InputError
from kehoach.model import (
    Assignment,
    Deadline,
    Duty,
    Metadata,
    Plan,
    Reference,
    Section,
    Source,
    Span,
    Target,
)
from kehoach.outputs.catalog import issuer_level, plan_id, province, province_2025
from kehoach.outputs.io import file_mode, make_folder, named, umask

Row = tuple[Any, ...]

_SPAN = [("line_start", "int"), ("line_end", "int")]
_KINDS: dict[Any, str] = {str: "text", int: "int", float: "float", bool: "bool", dt.date: "date"}


def _columns(model: type[BaseModel], rename: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """A fact model's fields as typed columns (its span apart), so new fields are exported."""
    out = []
    for name, info in model.model_fields.items():
        if name == "span":
            continue
        kinds = {_kind(a) for a in _arms(info.annotation)} - {"null"}
        if len(kinds) != 1 or "?" in kinds:
            raise TypeError(f"{model.__name__}.{name}: no column type for {info.annotation}")
        out.append(((rename or {}).get(name, name), kinds.pop()))
    return out


def _arms(annotation: Any) -> tuple[Any, ...]:
    """The types of a union, or the type itself."""
    if get_origin(annotation) in (Union, UnionType):
        return get_args(annotation)
    return (annotation,)


def _kind(annotation: Any) -> str:
    if annotation is type(None):
        return "null"
    if get_origin(annotation) is Literal:
        return "text"
    return _KINDS.get(annotation, "?")


# Columns of each table and their type (text, int, float, bool, date). Every table but
# `plans` starts with plan_id and the fact's number within the plan (n, from 1, document
# order). Targets, deadlines and references take their columns from the models.
TABLES: dict[str, list[tuple[str, str]]] = {
    "plans": [
        ("plan_id", "text"),
        ("source", "text"),
        ("sha256", "text"),
        ("encoding", "text"),
        ("lines", "int"),
        ("pages", "int"),
        ("doc_type", "text"),
        ("number", "text"),
        ("issuer", "text"),
        ("issuer_level", "text"),
        ("place", "text"),
        ("province", "text"),
        ("province_2025", "text"),
        ("issued_date", "date"),
        ("signer", "text"),
        ("title", "text"),
        ("implements", "text"),
        ("sections", "int"),
        ("targets", "int"),
        ("assignments", "int"),
        ("duties", "int"),
        ("partners", "int"),
        ("deadlines", "int"),
        ("references", "int"),
        ("warnings", "int"),
        ("lines_placed", "float"),
        ("review", "text"),
    ],
    "sections": [
        ("plan_id", "text"),
        ("n", "int"),
        ("path", "text"),
        ("parent", "text"),
        ("depth", "int"),
        ("label", "text"),
        ("title", "text"),
        ("kind", "text"),
        ("top_kind", "text"),
        ("style", "text"),
        ("heading", "text"),
        ("line_start", "int"),
        ("line_end", "int"),
    ],
    "targets": [("plan_id", "text"), ("n", "int"), *_columns(Target), *_SPAN],
    "assignments": [
        ("plan_id", "text"),
        ("n", "int"),
        ("agency", "text"),
        ("as_written", "text"),
        ("section", "text"),
        ("duties", "int"),
        ("partners", "int"),
        ("quote", "text"),
        ("line_start", "int"),
        ("line_end", "int"),
    ],
    "duties": [
        ("plan_id", "text"),
        ("assignment", "int"),
        ("n", "int"),
        ("agency", "text"),
        ("section", "text"),
        ("quote", "text"),
        ("line_start", "int"),
        ("line_end", "int"),
    ],
    "partners": [
        ("plan_id", "text"),
        ("assignment", "int"),
        ("n", "int"),
        ("agency", "text"),
        ("section", "text"),
        ("partner", "text"),
    ],
    "deadlines": [
        ("plan_id", "text"),
        ("n", "int"),
        *_columns(Deadline, {"to": "to_agency"}),  # 'to' is an SQL keyword
        *_SPAN,
    ],
    "references": [("plan_id", "text"), ("n", "int"), *_columns(Reference), *_SPAN],
}
FORMATS = {
    ".duckdb": "duckdb",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
_SQL = {"text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE"}
_BATCH = 5000  # rows held per table before they are written


def format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown database type; use .duckdb, .parquet, .sqlite or .xlsx")
    return fmt


def _row(table: str, **values: Any) -> Row:
    """Values in the table's column order; a column missing here is a bug, not a null."""
    return tuple(values[c] for c, _ in TABLES[table])


def _spanned(span: Span | None) -> dict[str, int | None]:
    return {
        "line_start": span.line_start if span else None,
        "line_end": span.line_end if span else None,
    }


def rows(plan: Plan) -> dict[str, list[Row]]:
    """One plan as rows of every table, in document order."""
    pid = plan_id(plan)
    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    for n, (sec, parent, top_kind, depth) in enumerate(_walk(plan.sections), start=1):
        fields = sec.model_dump(include={"path", "label", "title", "kind", "style", "heading"})
        out["sections"].append(
            _row(
                "sections",
                plan_id=pid,
                n=n,
                parent=parent,
                depth=depth,
                top_kind=top_kind,
                **fields,
                **_spanned(sec.span),
            )
        )
    for n, t in enumerate(plan.targets, start=1):
        out["targets"].append(
            _row("targets", plan_id=pid, n=n, **t.model_dump(exclude={"span"}), **_spanned(t.span))
        )
    for n, a in enumerate(plan.assignments, start=1):
        first = a.duties[0].span if a.duties else None
        last = a.duties[-1].span if a.duties else None
        out["assignments"].append(
            _row(
                "assignments",
                plan_id=pid,
                n=n,
                agency=a.agency,
                as_written=a.as_written,
                section=a.section,
                duties=len(a.duties),
                partners=len(a.partners),
                quote=a.as_written,
                line_start=first.line_start if first else None,
                line_end=last.line_end if last else None,
            )
        )
        for k, d in enumerate(a.duties, start=1):
            out["duties"].append(
                _row(
                    "duties",
                    plan_id=pid,
                    assignment=n,
                    n=k,
                    agency=a.agency,
                    section=a.section,
                    quote=d.text,
                    **_spanned(d.span),
                )
            )
        for k, partner in enumerate(a.partners, start=1):
            out["partners"].append(
                _row(
                    "partners",
                    plan_id=pid,
                    assignment=n,
                    n=k,
                    agency=a.agency,
                    section=a.section,
                    partner=partner,
                )
            )
    for n, dl in enumerate(plan.deadlines, start=1):
        out["deadlines"].append(
            _row(
                "deadlines",
                plan_id=pid,
                n=n,
                to_agency=dl.to,
                **dl.model_dump(exclude={"span", "to"}),
                **_spanned(dl.span),
            )
        )
    for n, r in enumerate(plan.references, start=1):
        out["references"].append(
            _row(
                "references", plan_id=pid, n=n, **r.model_dump(exclude={"span"}), **_spanned(r.span)
            )
        )
    m = plan.metadata
    prov = province(plan)
    out["plans"].append(
        _row(
            "plans",
            plan_id=pid,
            source=plan.source.path,
            sha256=plan.source.sha256,
            encoding=plan.source.encoding,
            lines=plan.source.lines,
            pages=plan.source.pages,
            **m.model_dump(exclude={"implements"}),
            implements="; ".join(m.implements),
            issuer_level=issuer_level(plan),
            province=prov,
            province_2025=province_2025(prov),
            warnings=len(plan.warnings),
            lines_placed=plan.quality.lines_accounted if plan.quality else None,
            review="; ".join(plan.quality.review) if plan.quality and plan.quality.review else None,
            **{name: len(out[name]) for name in TABLES if name != "plans"},
        )
    )
    return out


def _walk(sections: list[Section]) -> Iterator[tuple[Section, str | None, str | None, int]]:
    """(section, parent path, top-level kind, depth) in document order."""
    stack: list[tuple[Section, str | None, str | None, int]] = [
        (s, None, s.kind, 1) for s in reversed(sections)
    ]
    while stack:
        sec, parent, top, depth = stack.pop()
        yield sec, parent, top, depth
        stack.extend((c, sec.path, top, depth + 1) for c in reversed(sec.children))


def plan_rows(path: str) -> dict[str, list[Row]] | str:
    """Worker: a raw or structured plan's rows, or the one-line error."""
    from kehoach.outputs.io import load_plan

    try:
        return rows(load_plan(Path(path)))
    except InputError as exc:
        return str(exc)


class Writer:
    """Rows in, one database out: buffered per table, written whole or not at all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fmt = format_of(path)
        _check_replaceable(path, self.fmt)
        self.counts = dict.fromkeys(TABLES, 0)
        self._buffers: dict[str, list[Row]] = {name: [] for name in TABLES}
        make_folder(path.parent)
        try:
            self._tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
        except OSError as exc:
            raise named(exc, path) from None
        self._sink: Any = None

    def __enter__(self) -> Writer:
        target = self._tmp / self.path.name
        if self.fmt == "duckdb":
            import duckdb

            self._sink = duckdb.connect(str(target))
            for name, cols in TABLES.items():
                self._sink.execute(_ddl(name, cols))
        elif self.fmt == "sqlite":
            self._sink = sqlite3.connect(target)
            for name, cols in TABLES.items():
                self._sink.execute(_ddl(name, cols, sqlite=True))
        elif self.fmt == "xlsx":
            self._sink = _Excel(target)
        else:
            target.mkdir()
            self._sink = _Parquet(target)
        return self

    def add(self, plan_rows: dict[str, list[Row]]) -> None:
        for name, got in plan_rows.items():
            buf = self._buffers[name]
            buf.extend(got)
            self.counts[name] += len(got)
            if len(buf) >= _BATCH:
                self._flush(name)

    def _flush(self, name: str) -> None:
        buf = self._buffers[name]
        if not buf:
            return
        if self.fmt == "duckdb":
            self._sink.register("batch", _arrow(name, buf))
            self._sink.execute(f'INSERT INTO "{name}" SELECT * FROM batch')
            self._sink.unregister("batch")
        elif self.fmt == "sqlite":
            marks = ", ".join("?" for _ in TABLES[name])
            self._sink.executemany(
                f'INSERT INTO "{name}" VALUES ({marks})', [_sqlite_row(r) for r in buf]
            )
        else:
            self._sink.add(name, buf)
        buf.clear()

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        try:
            if isinstance(exc, _database_errors()):  # a full disk, while adding rows
                raise InputError(f"{self.path}: cannot write ({_first_line(exc)})") from None
            if kind is None:
                for name in TABLES:
                    self._flush(name)
                if self.fmt == "sqlite":
                    self._sink.commit()
            if self._sink is not None:
                self._sink.close()
            if kind is None:
                _publish(self._tmp / self.path.name, self.path)
        except OSError as exc:
            raise named(exc, self.path) from None
        except _database_errors() as exc:  # a full disk, while finishing the file
            raise InputError(f"{self.path}: cannot write ({_first_line(exc)})") from None
        finally:
            shutil.rmtree(self._tmp, ignore_errors=True)


def _database_errors() -> tuple[type[BaseException], ...]:
    """The database engines' own errors (DuckDB's only if it is loaded)."""
    duck = sys.modules.get("duckdb")
    return (sqlite3.Error,) + ((duck.Error,) if duck is not None else ())


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _table_names(path: Path, fmt: str) -> set[str]:
    """The tables (or sheets) of an existing database file."""
    if fmt == "duckdb":
        import duckdb

        with duckdb.connect(str(path), read_only=True) as duck:
            found = duck.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        return {str(r[0]) for r in found}
    if fmt == "sqlite":
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            con.close()
        return {str(r[0]) for r in rows}
    with zipfile.ZipFile(path) as book:  # a workbook: its sheets are listed in workbook.xml
        listing = book.read("xl/workbook.xml").decode("utf-8")
    return set(_SHEET_NAME.findall(listing))


_SHEET_NAME = regex.compile(r'<sheet\b[^>]*\bname="([^"]*)"')


def _check_replaceable(path: Path, fmt: str) -> None:
    """An existing file is replaced only when `export` could have written it: a database
    holding other tables, or a file that is no such database, is someone else's."""
    if fmt == "parquet" or not path.is_file():
        return  # (a Parquet folder is checked when it is replaced)
    try:
        names = _table_names(path, fmt)
    except Exception:  # any reader's error means: no database export could have written
        kind = {"duckdb": "a DuckDB database", "sqlite": "an SQLite database"}.get(
            fmt, "a workbook"
        )
        raise InputError(f"{path}: exists and is not {kind}; not replaced") from None
    other = sorted(names - set(TABLES))
    if other:
        raise InputError(
            f"{path}: exists and holds other tables ({', '.join(other[:5])}); not replaced"
        )


def _ddl(name: str, cols: list[tuple[str, str]], sqlite: bool = False) -> str:
    types = (
        {"text": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER", "date": "TEXT"}
        if sqlite
        else _SQL
    )
    body = ", ".join(f'"{c}" {types[t]}' for c, t in cols)
    return f'CREATE TABLE "{name}" ({body})'


def _sqlite_row(row: Row) -> Row:
    return tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)


def _arrow(name: str, buf: list[Row]) -> Any:
    import pyarrow as pa

    types = {
        "text": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    cols = TABLES[name]
    schema = pa.schema([(c, types[t]) for c, t in cols])
    return pa.Table.from_arrays(
        [pa.array([r[i] for r in buf], type=schema.field(i).type) for i in range(len(cols))],
        schema=schema,
    )


class _Parquet:
    """One Parquet file per table in a folder; each flush is one row group."""

    def __init__(self, folder: Path) -> None:
        import pyarrow.parquet as pq

        self.folder = folder
        self.writers = {
            name: pq.ParquetWriter(folder / f"{name}.parquet", _arrow(name, []).schema)
            for name in TABLES
        }

    def add(self, name: str, buf: list[Row]) -> None:
        self.writers[name].write_table(_arrow(name, buf))

    def close(self) -> None:
        for w in self.writers.values():
            w.close()


class _Excel:
    """One sheet per table, written row by row (xlsxwriter's constant-memory mode)."""

    LIMIT = 32767  # characters a cell holds

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            str(path), {"constant_memory": True, "strings_to_numbers": False}
        )
        self.book.set_properties({"created": dt.datetime(2000, 1, 1)})  # same bytes each run
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        bold = self.book.add_format({"bold": True})
        self.sheets = {}
        self.next_row = {}
        for name, cols in TABLES.items():
            sheet = self.book.add_worksheet(name)
            sheet.write_row(0, 0, [c for c, _ in cols], bold)
            sheet.freeze_panes(1, 0)
            self.sheets[name] = sheet
            self.next_row[name] = 1

    def add(self, name: str, buf: list[Row]) -> None:
        sheet = self.sheets[name]
        for row in buf:
            r = self.next_row[name]
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, dt.date):
                    sheet.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), self.date)
                elif isinstance(v, bool):
                    sheet.write_boolean(r, c, v)
                elif isinstance(v, str):
                    sheet.write_string(
                        r, c, v if len(v) <= self.LIMIT else v[: self.LIMIT - 1] + "…"
                    )
                else:
                    sheet.write_number(r, c, v)
            self.next_row[name] = r + 1

    def close(self) -> None:
        self.book.close()


def _publish(built: Path, path: Path) -> None:
    """Put the finished file (or Parquet folder) in place of any earlier one."""
    if built.is_dir():
        for f in built.iterdir():
            os.chmod(f, file_mode())
        os.chmod(built, 0o777 & ~umask())
        if path.exists():
            stale = (
                [f.name for f in path.iterdir() if f.suffix != ".parquet"] if path.is_dir() else []
            )
            if not path.is_dir() or stale:
                raise InputError(
                    f"{path}: exists and is not a folder of Parquet tables; not replaced"
                )
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(built, path)
            shutil.rmtree(old, ignore_errors=True)
            return
        os.replace(built, path)
        return
    os.chmod(built, file_mode())
    os.replace(built, path)


def read_plans(path: Path) -> list[Plan]:
    """Plans back from a database `export` wrote: facts and outline, without body text."""
    tables = _read_tables(path)
    by_plan: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name in TABLES:
        if name == "plans":
            continue
        for rec in sorted(
            tables[name], key=lambda r: (r["plan_id"], r.get("assignment") or 0, r["n"])
        ):
            by_plan.setdefault(rec["plan_id"], {}).setdefault(name, []).append(rec)
    return [_plan(p, by_plan.get(p["plan_id"], {})) for p in tables["plans"]]


def summaries(path: Path) -> list[dict[str, Any]]:
    """The `kehoach summary` rows of a database's plans, from its `plans` table alone: it
    keeps each plan's counts, warnings and review reasons (the facts hold no quality)."""
    from kehoach.outputs.views import summary_of

    out = []
    for p in _read_tables(path, ["plans"])["plans"]:
        columns = {
            "plan_id": p["plan_id"],
            "source": p["source"],
            "number": p["number"],
            "province": p["province"],
            "place": p["place"],
        }
        out.append(summary_of(columns, p))
    return out


def is_database(path: Path) -> bool:
    return path.suffix.lower() in FORMATS and (path.is_file() or (path / "plans.parquet").is_file())


def _read_tables(
    path: Path, names: Iterable[str] = tuple(TABLES)
) -> dict[str, list[dict[str, Any]]]:
    fmt = format_of(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            for name in names:
                out[name] = pq.read_table(path / f"{name}.parquet").to_pylist()
            return out
        if fmt == "xlsx":
            raise InputError(
                f"{path}: spreadsheets are for people; read the .duckdb, .sqlite or .parquet"
            )
        if fmt == "duckdb":
            import duckdb

            con: Any = duckdb.connect(str(path), read_only=True)
        else:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        with con:
            for name in names:
                cur = con.execute(f'SELECT * FROM "{name}"')
                cols = [d[0] for d in cur.description]
                out[name] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    except InputError:
        raise
    except Exception as exc:  # each library has its own errors for a file that is not its own
        raise InputError(f"{path}: not a kehoach database ({str(exc).splitlines()[0]})") from None
    return out


def _fields(
    model: type[BaseModel], row: dict[str, Any], rename: dict[str, str] | None = None
) -> dict[str, Any]:
    """A row's values for the model's fields (span apart), under their column names."""
    return {f: row[(rename or {}).get(f, f)] for f in model.model_fields if f != "span"}


def _span(r: dict[str, Any]) -> Span:
    return Span(line_start=r["line_start"], line_end=r["line_end"])


def _plan(p: dict[str, Any], facts: dict[str, list[dict[str, Any]]]) -> Plan:
    sections: list[Section] = []
    by_path: dict[str, Section] = {}
    for r in facts.get("sections", []):
        sec = Section(
            path=r["path"],
            label=r["label"],
            title=r["title"],
            kind=r["kind"],
            style=r["style"],
            heading=r["heading"],
            span=_span(r),
        )
        by_path[sec.path] = sec
        (by_path[r["parent"]].children if r["parent"] else sections).append(sec)
    duties: dict[int, list[Duty]] = {}
    for r in facts.get("duties", []):
        duties.setdefault(r["assignment"], []).append(Duty(text=r["quote"], span=_span(r)))
    partners: dict[int, list[str]] = {}
    for r in facts.get("partners", []):
        partners.setdefault(r["assignment"], []).append(r["partner"])
    return Plan(
        source=Source(
            path=p["source"],
            sha256=p["sha256"],
            encoding=p["encoding"],
            lines=p["lines"],
            pages=p.get("pages"),
        ),
        metadata=Metadata(
            doc_type=p["doc_type"],
            number=p["number"],
            issuer=p["issuer"],
            place=p["place"],
            issued_date=p["issued_date"],
            signer=p["signer"],
            title=p["title"],
            implements=p["implements"].split("; ") if p["implements"] else [],
        ),
        sections=sections,
        targets=[Target(**_fields(Target, r), span=_span(r)) for r in facts.get("targets", [])],
        assignments=[
            Assignment(
                agency=r["agency"],
                as_written=r["as_written"],
                section=r["section"],
                duties=duties.get(r["n"], []),
                partners=partners.get(r["n"], []),
            )
            for r in facts.get("assignments", [])
        ],
        deadlines=[
            Deadline(**_fields(Deadline, r, {"to": "to_agency"}), span=_span(r))
            for r in facts.get("deadlines", [])
        ],
        references=[
            Reference(**_fields(Reference, r), span=_span(r)) for r in facts.get("references", [])
        ],
    )
