"""Many plans at once: batch parsing, its cache, and the database `kehoach export` writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import RAW, ROOT, parse_text

from kehoach.datafiles import load
from kehoach.outputs.catalog import issuer_level, plan_id, province, province_2025
from kehoach.outputs.export import TABLES

TXT = sorted(RAW.glob("*.txt"))


def run(*args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


@pytest.fixture(scope="module")
def json_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 12 annotated plans parsed to JSON once for the tests of this file."""
    out = tmp_path_factory.mktemp("json")
    done = run("parse", str(RAW), "-o", str(out), "-f", "json", "-j", "2")
    assert done.returncode == 0, done.stderr
    return out


def expected_counts(json_dir: Path) -> dict[str, int]:
    """Rows each table must have: the facts in the JSON output, counted plainly."""
    counts = dict.fromkeys(TABLES, 0)
    for f in sorted(json_dir.glob("*.json")):
        plan = json.loads(f.read_text(encoding="utf-8"))
        stack = list(plan["sections"])
        while stack:
            s = stack.pop()
            counts["sections"] += 1
            stack += s["children"]
        counts["plans"] += 1
        for kind in ("targets", "assignments", "deadlines", "references"):
            counts[kind] += len(plan[kind])
        counts["duties"] += sum(len(a["duties"]) for a in plan["assignments"])
        counts["partners"] += sum(len(a["partners"]) for a in plan["assignments"])
    return counts


# --- batch parsing -------------------------------------------------------------------


def test_parallel_batch_is_byte_identical_and_the_cache_skips_unchanged_plans(
    tmp_path: Path,
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("parse", str(RAW), "-o", str(one), "-j", "1").returncode == 0
    first = run("parse", str(RAW), "-o", str(two), "-j", "2")
    assert first.returncode == 0
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    again = run("parse", str(RAW), "-o", str(two), "-j", "2")
    assert "12 written" in again.stderr and "12 unchanged, from cache" in again.stderr
    facts = re.compile(r"\d+ facts")  # the same count, read from the cache
    assert facts.findall(again.stderr) == facts.findall(first.stderr)
    forced = run("parse", str(RAW), "-o", str(two), "--force")
    assert "from cache" not in forced.stderr


def test_a_changed_plan_is_parsed_again(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for p in TXT[:2]:
        shutil.copy(p, src / p.name)
    run("parse", str(src), "-o", str(out))
    (src / TXT[0].name).write_text(
        TXT[0].read_text(encoding="utf-8") + "\n- Sở Y tế: chủ trì.\n", encoding="utf-8"
    )
    again = run("parse", str(src), "-o", str(out))
    assert "2 written" in again.stderr and "1 unchanged, from cache" in again.stderr
    # an output edited or emptied since is written again, not taken as done
    edited = out / f"{TXT[1].stem}.yaml"
    good = edited.read_bytes()
    edited.write_text("junk\n", encoding="utf-8")
    third = run("parse", str(src), "-o", str(out))
    assert "1 unchanged, from cache" in third.stderr and edited.read_bytes() == good


def test_same_stem_in_other_formats_does_not_overwrite(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "langson-272-KH-UBND-2024.txt", src / "plan.txt")
    shutil.copy(RAW / "hochiminh-174-KH-UBND-2025.md", src / "plan.md")
    shutil.copy(RAW / "laocai-duthao-KH-UBND-2026.docx", src / "plan.docx")
    shutil.copy(RAW / "langson-244-KH-UBND-2024.txt", src / "other.txt")
    done = run("parse", str(src), "-o", str(tmp_path / "out"))
    assert "4 files, 4 written" in done.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name[0] != ".")
    assert written == ["other.yaml", "plan.docx.yaml", "plan.md.yaml", "plan.txt.yaml"]
    numbers = {
        yaml.safe_load((tmp_path / "out" / n).read_text(encoding="utf-8"))["metadata"]["number"]
        for n in written
    }
    assert {"272/KH-UBND", "174/KH-UBND", "244/KH-UBND"} <= numbers


def test_output_format_follows_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    assert run("parse", str(TXT[0]), "-o", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == "1"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_outputs_are_created_with_the_users_umask(tmp_path: Path, umask: int, mode: int) -> None:
    single, folder = tmp_path / "plan.yaml", tmp_path / "out"
    run("parse", str(TXT[0]), "-o", str(single), umask=umask)
    run("parse", *map(str, TXT[:2]), "-o", str(folder), umask=umask)
    run("export", str(TXT[0]), "-o", str(tmp_path / "p.sqlite"), umask=umask)
    for f in [single, tmp_path / "p.sqlite", *folder.iterdir()]:
        assert f.stat().st_mode & 0o777 == mode, f


def test_other_files_and_subfolders_are_reported_and_recursive_reads_them(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "2024").mkdir(parents=True)
    shutil.copy(TXT[0], src / TXT[0].name)
    shutil.copy(TXT[1], src / "2024" / TXT[1].name)
    (src / "table.xlsx").write_bytes(b"PK\x03\x04")  # PDF and Word files are plans now
    (src / ".DS_Store").write_bytes(b"\0")
    flat = run("parse", str(src), "-o", str(tmp_path / "flat"))
    assert "skipped 1 file of another type (1 .xlsx)" in flat.stderr
    assert "skipped 1 subfolder (2024); --recursive reads them" in flat.stderr
    assert "1 file, 1 written" in flat.stderr
    deep = run("parse", str(src), "-o", str(tmp_path / "deep"), "--recursive")
    assert "2 files, 2 written" in deep.stderr and "subfolders" not in deep.stderr
    assert (tmp_path / "deep" / "2024" / f"{TXT[1].stem}.yaml").exists()
    only_sub = run("parse", str(tmp_path / "in" / ".."), "-o", str(tmp_path / "x"))
    assert only_sub.returncode == 1


def test_jsonl_gives_one_plan_per_line_in_input_order(tmp_path: Path) -> None:
    done = run("parse", *map(str, TXT[:3]), "-f", "jsonl", "-j", "2")
    lines = done.stdout.splitlines()
    assert [json.loads(ln)["source"]["path"] for ln in lines] == [str(p) for p in TXT[:3]]
    target = tmp_path / "plans.jsonl"
    assert run("parse", str(RAW), "-o", str(target)).returncode == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 12
    one_file = run("parse", str(RAW), "-o", str(tmp_path / "plans.json"))
    assert one_file.returncode == 2 and "need a directory, or one .jsonl file" in one_file.stderr
    into_dir = run("parse", str(RAW), "-f", "jsonl", "-o", str(tmp_path))
    assert into_dir.returncode == 2 and "is a directory" in into_dir.stderr
    # a reader that stops early ('| head -1') has what it wanted: exit 0, nothing said
    piped = subprocess.run(
        f"{sys.executable} -m kehoach parse {RAW} -f jsonl -j 1 | head -c 100 > /dev/null;"
        " echo ${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert piped.stdout.strip() == "0" and piped.stderr == ""


def test_validate_reads_a_directory_and_schema_goes_where_asked(
    tmp_path: Path, json_dir: Path
) -> None:
    assert run("validate", str(json_dir)).returncode == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.json").write_text('{"schema_version": "1"}', encoding="utf-8")
    out = run("validate", str(bad))
    assert out.returncode == 1 and "x.json: source: Field required" in out.stdout
    target = tmp_path / "deep" / "plan.schema.json"
    assert run("schema", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Plan"
    assert json.loads(run("schema", "-o", "-").stdout)["title"] == "Plan"
    # without -o it prints, and writes nothing where the user stands
    printed = subprocess.run(
        [sys.executable, "-m", "kehoach", "schema"], capture_output=True, text=True, cwd=tmp_path
    )
    assert json.loads(printed.stdout)["title"] == "Plan" and not (tmp_path / "schemas").exists()


def test_summary_formats_keep_full_titles(json_dir: Path) -> None:
    records = json.loads(run("summary", str(json_dir), "-f", "json").stdout)
    assert len(records) == 12
    long_title = max((r["title"] or "" for r in records), key=len)
    assert len(long_title) > 100
    table = run("summary", str(json_dir)).stdout  # piped: not a terminal
    assert long_title in table
    csv_out = run("summary", str(json_dir), "-f", "csv").stdout
    assert csv_out.startswith("\ufeffplan_id,source,number,province,place,")
    assert len(csv_out.splitlines()) == 13
    # 'number' is the plan's number in the csv and the table alike; the table's 'file' is
    # the source's name
    assert table.splitlines()[0].split()[:2] == ["file", "number"]  # no title line
    row = next(r for r in records if r["number"] == "272/KH-UBND")
    assert any(
        ln.split()[:2] == ["langson-272-KH-UBND-2024", "272/KH-UBND"] for ln in table.splitlines()
    )
    assert row["source"].endswith("langson-272-KH-UBND-2024.txt")


def test_every_target_and_duty_row_says_which_plan(json_dir: Path) -> None:
    rows = json.loads(run("targets", str(json_dir), "-f", "json").stdout)
    assert rows and all(r["plan_id"] and r["source"] for r in rows)
    assert {r["province"] for r in rows} >= {"Lạng Sơn", "Lào Cai", "Sơn La"}
    duties = json.loads(run("assign", str(json_dir), "-a", "so cong thuong", "-f", "json").stdout)
    assert all(d["plan_id"] and d["source"] and d["province"] for d in duties["duties"])


# --- provinces and issuers -----------------------------------------------------------


def test_provinces_file_maps_63_units_onto_34() -> None:
    data = load("provinces")
    units = data["after_2025"]
    before = [old for u in units for old in u["from"]]
    assert len(units) == 34 and len(before) == len(set(before)) == 63
    assert sum(1 for u in units if u.get("city")) == 6
    assert "202/2025/QH15" in data["legal_basis"]
    assert {province_2025(p) for p in load("page")["provinces"]} <= {u["name"] for u in units}


@pytest.mark.parametrize(
    ("head", "level", "where", "after"),
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH", "province", "Bình Định", "Gia Lai"),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "province", "Hồ Chí Minh", "Hồ Chí Minh"),
        ("UBND TỈNH HÀ GIANG", "province", "Hà Giang", "Tuyên Quang"),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LẠNG SƠN", "district", "Lạng Sơn", "Lạng Sơn"),
        ("ỦY BAN NHÂN DÂN\nHUYỆN BẮC SƠN", "district", None, None),
        ("ỦY BAN NHÂN DÂN\nXÃ TÂN THÀNH", "commune", None, None),
        ("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ", "department", "Lâm Đồng", "Lâm Đồng"),
        ("BỘ Y TẾ", "ministry", None, None),
    ],
)
def test_issuer_level_and_province_from_the_title_block(
    head: str, level: str, where: str | None, after: str | None
) -> None:
    number = "Số: 12/KH-SNV" if level == "department" else "Số: 12/KH-UBND"
    if level == "ministry":
        number = "Số: 12/KH-BYT"
    plan = parse_text(
        f"{head}\n{number}\n\nKẾ HOẠCH\nPhát triển làng nghề\n\nI. MỤC ĐÍCH\n1. Bảo tồn nghề.\n"
    )
    assert issuer_level(plan) == level
    assert province(plan) == where and province_2025(where) == after
    assert len(plan_id(plan)) == 16


# --- the database ---------------------------------------------------------------------


def table_counts(path: Path) -> dict[str, int]:
    if path.suffix == ".duckdb":
        import duckdb

        with duckdb.connect(str(path), read_only=True) as con:
            return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}  # type: ignore[index]
    if path.suffix == ".sqlite":
        with sqlite3.connect(path) as con:
            return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return {t: pq.read_metadata(path / f"{t}.parquet").num_rows for t in TABLES}
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    return {t: sum(1 for _ in book[t].iter_rows()) - 1 for t in TABLES}


@pytest.mark.parametrize("name", ["plans.duckdb", "plans.sqlite", "plans.parquet", "plans.xlsx"])
def test_export_row_counts_equal_the_json_output(tmp_path: Path, json_dir: Path, name: str) -> None:
    target = tmp_path / name
    done = run("export", str(json_dir), "-o", str(target), "-j", "2")
    assert done.returncode == 0, done.stderr
    counts = table_counts(target)
    assert counts == expected_counts(json_dir)
    assert counts["targets"] > 100 and counts["duties"] > 100
    again = run("export", str(json_dir), "-o", str(target))  # replaces the earlier one
    assert again.returncode == 0 and table_counts(target) == counts


def test_export_from_raw_texts_equals_export_from_json(tmp_path: Path, json_dir: Path) -> None:
    run("export", str(RAW), "-o", str(tmp_path / "raw.sqlite"))
    run("export", str(json_dir), "-o", str(tmp_path / "json.sqlite"))
    with (
        sqlite3.connect(tmp_path / "raw.sqlite") as a,
        sqlite3.connect(tmp_path / "json.sqlite") as b,
    ):
        for t in TABLES:
            if t == "plans":
                q = 'SELECT * FROM "plans"'
                ra = [r[:1] + r[2:] for r in a.execute(q)]  # the source path differs
                rb = [r[:1] + r[2:] for r in b.execute(q)]
            else:
                ra = list(a.execute(f'SELECT * FROM "{t}"'))
                rb = list(b.execute(f'SELECT * FROM "{t}"'))
            assert ra == rb, t


def test_targets_and_assign_read_the_database_like_the_plans(
    tmp_path: Path, json_dir: Path
) -> None:
    commands = (("targets", "-f", "json"), ("assign", "-a", "so tai chinh", "-f", "json"))
    from_files = {args: run(args[0], str(json_dir), *args[1:]).stdout for args in commands}
    for name in ("p.duckdb", "p.sqlite", "p.parquet"):
        db = tmp_path / name
        run("export", str(json_dir), "-o", str(db))
        for args in commands:
            from_db = run(args[0], str(db), *args[1:])
            assert from_db.returncode == 0 and from_db.stdout == from_files[args], (name, args)


def test_summary_of_a_database_keeps_the_review_reasons(tmp_path: Path, json_dir: Path) -> None:
    """The plans table keeps the self-check: a database summarises as the plans do."""
    from_files = {
        f: run("summary", str(json_dir), "-f", f).stdout for f in ("table", "csv", "json")
    }
    assert sum(r["check"] == "review" for r in json.loads(from_files["json"])) >= 3
    for name in ("p.duckdb", "p.sqlite", "p.parquet"):
        db = tmp_path / name
        run("export", str(json_dir), "-o", str(db))
        for fmt, expected in from_files.items():
            from_db = run("summary", str(db), "-f", fmt)
            assert from_db.returncode == 0 and from_db.stdout == expected, (name, fmt)


def test_a_plan_given_twice_is_written_once(tmp_path: Path) -> None:
    done = run("export", str(TXT[0]), str(TXT[0]), "-o", str(tmp_path / "p.sqlite"))
    assert "written once" in done.stderr and "1 plan," in done.stderr


def test_a_bad_file_is_reported_and_the_others_are_exported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    done = run("export", str(bad), str(TXT[0]), "-o", str(tmp_path / "p.xlsx"))
    assert done.returncode == 1 and "bad.txt: a PNG image" in done.stderr
    assert table_counts(tmp_path / "p.xlsx")["plans"] == 1
    unknown = run("export", str(TXT[0]), "-o", str(tmp_path / "p.csv"))
    assert unknown.returncode == 2 and "unknown database type" in unknown.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "p.xlsx"]


def test_export_replaces_its_own_database_but_never_someone_else_s(tmp_path: Path) -> None:
    import duckdb

    theirs = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(theirs)) as con:
        con.execute("CREATE TABLE important (a INTEGER)")
    mine = tmp_path / "mine.sqlite"
    other = sqlite3.connect(mine)
    other.execute("CREATE TABLE important (a INTEGER)")
    other.commit()
    other.close()
    (tmp_path / "notes.duckdb").write_text("not a database")
    for name, why in (
        ("theirs.duckdb", "holds other tables (important)"),
        ("mine.sqlite", "holds other tables (important)"),
        ("notes.duckdb", "is not a DuckDB database"),
    ):
        done = run("export", str(TXT[0]), "-o", str(tmp_path / name))
        assert done.returncode == 2 and f"{name}: exists and {why}; not replaced" in done.stderr
    with duckdb.connect(str(theirs), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM important").fetchone() == (0,)
    # a database export wrote is replaced by the next export
    ours = tmp_path / "ours.duckdb"
    assert run("export", str(TXT[0]), "-o", str(ours)).returncode == 0
    assert run("export", str(TXT[0]), str(TXT[1]), "-o", str(ours)).returncode == 0
    assert table_counts(ours)["plans"] == 2


def test_no_plan_read_writes_no_database(tmp_path: Path) -> None:
    for name in ("e.duckdb", "e.parquet"):
        done = run("export", str(tmp_path / "no-such"), "-o", str(tmp_path / name))
        assert done.returncode == 1 and f"{name} not written" in done.stderr
    assert list(tmp_path.iterdir()) == []
    help_text = " ".join(run("export", "--help").stdout.split())
    assert "at least one plan was read" in help_text and "nothing is written" in help_text


def test_readme_queries_give_the_output_it_shows(tmp_path: Path, json_dir: Path) -> None:
    import duckdb

    sys.path.insert(0, str(ROOT / "scripts"))
    from readme_queries import BLOCK, README, updated

    db = tmp_path / "plans.duckdb"
    assert run("export", str(json_dir), "-o", str(db)).returncode == 0
    text = README.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) == 4
    with duckdb.connect(str(db), read_only=True) as con:
        assert updated(text, con) == text, "the parser changed: run make readme"


@pytest.mark.parametrize("stem", ["langson-176-KH-UBND-2023", "sonla-2954-QD-UBND-2025"])
def test_libyaml_writes_the_same_bytes_as_pure_python(stem: str) -> None:
    from kehoach.outputs.io import dump
    from kehoach.pipeline import parse
    from kehoach.read.load import load_path

    plan = parse(load_path(next(RAW.glob(f"{stem}.*"))))
    pure = yaml.dump(
        plan.model_dump(mode="json"),
        Dumper=yaml.SafeDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    assert yaml.__with_libyaml__ and dump(plan, "yaml") == pure


def test_every_field_of_the_models_has_a_column_or_a_table() -> None:
    """A field added to the output models must reach the database (or be left out here)."""
    from kehoach.model import Assignment, Metadata, Section, Source

    elsewhere = {"span", "body", "children", "duties", "partners"}  # spans, own tables, text
    for model, table, renamed in (
        (Section, "sections", {}),
        (Assignment, "assignments", {}),
        (Metadata, "plans", {}),
        (Source, "plans", {"path": "source"}),
    ):
        columns = {c for c, _ in TABLES[table]}
        fields = {renamed.get(f, f) for f in model.model_fields} - elsewhere
        assert fields <= columns, (model.__name__, fields - columns)


def test_a_write_error_names_the_output_not_the_temporary_file(tmp_path: Path) -> None:
    long = tmp_path / ("x" * 250 + ".yaml")  # fits; the temporary name beside it does not
    done = run("parse", str(TXT[0]), "-o", str(long))
    assert done.returncode == 1 and f"({long}: File name too long)" in done.stderr
    assert ".tmp" not in done.stderr and list(tmp_path.iterdir()) == []
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    schema = run("schema", "-o", str(blocker / "s.json"))
    assert schema.returncode == 1 and "File exists" not in schema.stderr
    assert schema.stderr == f"kehoach: {blocker}/s.json: cannot write ({blocker}: not a folder)\n"


def test_an_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    for args, code in (
        (("parse", str(TXT[0]), "-o", str(blocker / "x.yaml")), 1),
        (("parse", str(RAW), "-o", str(blocker / "out")), 2),
        (("export", str(TXT[0]), "-o", str(blocker / "p.sqlite")), 1),
    ):
        done = run(*args)
        assert done.returncode == code and "cannot write" in done.stderr, args
        assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, args


def test_outputs_an_earlier_run_wrote_for_the_same_plans_under_another_name_are_reported(
    tmp_path: Path,
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW / "langson-272-KH-UBND-2024.txt", src / "plan.txt")
    shutil.copy(RAW / "langson-244-KH-UBND-2024.txt", src / "other.txt")
    assert "earlier output" not in run("parse", str(src), "-o", str(out)).stderr
    # the same plans again as JSON: the YAML files stay, and the user is told
    again = run("parse", str(src), "-o", str(out), "-f", "json")
    assert again.returncode == 0
    assert "2 earlier outputs of these plans kept under another name" in again.stderr
    assert "other.yaml, plan.yaml" in again.stderr and (out / "plan.yaml").exists()
