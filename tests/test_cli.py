"""The command line as a user meets it: outputs, errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import RAW, ROOT

from kehoach.cli import schema_text

SAMPLE = RAW / "langson-272-KH-UBND-2024.txt"


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def test_parse_prints_yaml_and_json() -> None:
    out = run("parse", str(SAMPLE))
    assert out.returncode == 0
    data = yaml.safe_load(out.stdout)
    assert data["metadata"]["number"] == "272/KH-UBND"
    js = json.loads(run("parse", str(SAMPLE), "--format", "json").stdout)
    assert js["sections"][0]["path"] == "I" and js["schema_version"] == "1"


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    run("parse", str(SAMPLE), "-o", str(a))
    run("parse", str(SAMPLE), "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_stdin_input() -> None:
    out = run("parse", "-", "--format", "json", stdin=SAMPLE.read_bytes())
    assert out.returncode == 0 and json.loads(out.stdout)["source"]["path"] == "<stdin>"


def test_parse_refuses_a_structured_plan_it_would_misread_as_text(tmp_path: Path) -> None:
    structured = ROOT / "data" / "structured" / "langson-244-KH-UBND-2024.yaml"
    for out in (
        run("parse", str(structured), "-f", "json"),
        run("parse", "-", stdin=structured.read_bytes()),
    ):
        assert out.returncode == 1 and out.stdout == ""
        assert "a structured plan already (YAML/JSON)" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_summary_tells_plans_of_one_stem_apart(tmp_path: Path) -> None:
    from kehoach.outputs.views import file_labels

    assert file_labels(["a/plan.html", "a/plan.pdf", "b/x.txt"]) == ["plan.html", "plan.pdf", "x"]
    assert file_labels(["a/plan.txt", "b/plan.txt"]) == ["a/plan.txt", "b/plan.txt"]
    (tmp_path / "plan.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "plan.md").write_bytes((RAW / "langson-244-KH-UBND-2024.txt").read_bytes())
    out = run("summary", str(tmp_path / "plan.txt"), str(tmp_path / "plan.md"))
    rows = [ln.split()[:2] for ln in out.stdout.splitlines() if "/KH-UBND" in ln]
    assert rows == [["plan.txt", "272/KH-UBND"], ["plan.md", "244/KH-UBND"]]


def test_directory_batch_writes_one_file_per_plan(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(RAW.glob("*.txt"))[:3]:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = run("parse", str(src), "-o", str(tmp_path / "out"))
    assert out.returncode == 1
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert written == sorted(p.stem + ".yaml" for p in sorted(RAW.glob("*.txt"))[:3])
    lines = out.stderr.strip().splitlines()
    assert any("broken.txt: a PNG image" in ln for ln in lines)
    assert "4 files, 3 written" in lines[-1] and "1 failed" in lines[-1]


def test_several_inputs_need_an_output_directory() -> None:
    out = run("parse", str(SAMPLE), str(RAW / "langson-244-KH-UBND-2024.txt"))
    assert out.returncode == 2 and "-o DIR" in out.stderr


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
    ],
)
def test_bad_input_gets_one_line_and_no_output_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    target = tmp_path / "out.yaml"
    out = run("parse", str(bad), "-o", str(target))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and message in out.stderr and str(bad) in out.stderr
    assert "Traceback" not in out.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == [bad]


def _database(path: Path) -> Path:
    if path.suffix == ".duckdb":
        import duckdb

        with duckdb.connect(str(path)) as con:
            con.execute("CREATE TABLE plans (plan_id VARCHAR)")
    else:
        import sqlite3

        with sqlite3.connect(path) as con:
            con.execute("CREATE TABLE plans (plan_id TEXT)")
        con.close()
    return path


@pytest.mark.parametrize("name", ["plans.duckdb", "plans.sqlite"])
def test_a_database_given_as_a_plan_is_named_as_one(tmp_path: Path, name: str) -> None:
    db = _database(tmp_path / name)
    for args in (
        ("parse", str(db)),
        ("view", str(db), "-o", str(tmp_path / "x.html")),
        ("diff", str(db), str(SAMPLE)),
    ):
        out = run(*args)
        assert out.returncode in (1, 2) and "UTF-16" not in out.stderr, args
        assert (
            f"{name}: a {'DuckDB' if 'duck' in name else 'SQLite'} database, not a plan"
            in out.stderr
        )
        assert "'kehoach targets', 'assign' and 'summary'" in out.stderr
    assert not (tmp_path / "x.html").exists()


def test_a_word_file_cut_short_is_called_a_damaged_word_file(tmp_path: Path) -> None:
    whole = (ROOT / "tests" / "fixtures" / "formats" / "langson-244-KH-UBND-2024.docx").read_bytes()
    for size in (len(whole) // 2, 400):
        cut = tmp_path / "cut.docx"
        cut.write_bytes(whole[:size])
        out = run("parse", str(cut))
        assert out.returncode == 1 and "cut.docx: a damaged Word file (.docx)" in out.stderr


def test_missing_path_and_directory_without_texts(tmp_path: Path) -> None:
    missing = run("parse", str(tmp_path / "nope.txt"))
    assert (
        missing.returncode == 1
        and "no such file" in missing.stderr
        and "Traceback" not in missing.stderr
    )
    empty = run("parse", str(tmp_path), "-o", str(tmp_path / "o"))
    assert empty.returncode == 1 and "no plan files (.txt, .md" in empty.stderr


def test_validate_accepts_what_parse_writes(tmp_path: Path) -> None:
    out = run("parse", str(RAW), "-o", str(tmp_path))
    assert out.returncode == 0
    files = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    assert len(files) == 12
    ok = run("validate", *files)
    assert ok.returncode == 0 and ok.stdout == "12 files valid\n"
    js = tmp_path / "one.json"
    run("parse", str(SAMPLE), "-f", "json", "-o", str(js))
    assert run("validate", str(js)).returncode == 0


def test_validate_names_the_path_of_a_wrong_typed_field(tmp_path: Path) -> None:
    data = yaml.safe_load(run("parse", str(SAMPLE)).stdout)
    data["sections"][1]["span"]["line_start"] = "thirteen"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = run("validate", str(bad))
    assert out.returncode == 1
    assert f"{bad}: sections.1.span.line_start:" in out.stdout


def test_validate_names_the_field_of_an_unquoted_impossible_date(tmp_path: Path) -> None:
    text = run("parse", str(SAMPLE)).stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("issued_date: '2024-12-24'", "issued_date: 2024-13-01"), "utf-8")
    out = run("validate", str(bad))
    assert out.returncode == 1 and out.stdout.startswith(f"{bad}: metadata.issued_date: ")
    assert "month" in out.stdout


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("broken.yaml", "a: b: c\n  - x\n", "not valid YAML: mapping values are not allowed"),
        ("broken.json", '{"a": \n', "not valid JSON: Expecting value (line 2, column 1)"),
    ],
)
def test_validate_a_file_that_is_not_yaml_or_json_is_one_line_and_exit_2(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = run("validate", str(tmp_path / name))
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and f"{name}: {problem}" in out.stderr


def test_validate_refuses_python_tags_without_running_them(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    out = run("validate", str(evil))
    assert out.returncode == 1 and "refused YAML tag" in out.stdout
    assert not marker.exists()


def test_validate_unreadable_file_exits_2(tmp_path: Path) -> None:
    out = run("validate", str(tmp_path / "missing.yaml"))
    assert out.returncode == 2 and "no such file" in out.stderr


def test_schema_in_repo_is_current() -> None:
    stored = (ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
    assert stored == schema_text(), "schemas/ is stale: run `make schema`"


def test_help_teaches() -> None:
    out = run("parse", "--help")
    assert out.returncode == 0 and "standard input" in out.stdout and "-o" in out.stdout


COMMANDS = ["parse", "summary", "export", "targets", "assign", "diff", "view", "schema", "validate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples_and_a_plain_usage_line(command: str) -> None:
    out = run(command, "-h")
    assert out.returncode == 0 and out.stdout == run(command, "--help").stdout
    usage, help_text = out.stdout.splitlines()[0], out.stdout
    assert f"kehoach {command} [OPTIONS]" in usage and "{" not in usage
    examples = help_text.split("Examples:")[1].strip().splitlines()
    assert 1 <= len(examples) <= 3 and all(
        e.strip().startswith(f"kehoach {command}") for e in examples
    )
    assert "<int range>" not in help_text and "<list[Path]>" not in help_text


def test_view_help_says_where_the_page_goes_without_o() -> None:
    text = " ".join(run("view", "--help").stdout.split())
    assert "Without -o, one plan's page is written as NAME.html in the current folder" in text


def test_summary_reads_raw_and_structured_and_lists_a_plan_once(tmp_path: Path) -> None:
    run("parse", str(SAMPLE), "-o", str(tmp_path / "p.yaml"))
    out = run("summary", str(SAMPLE), str(tmp_path / "p.yaml"))
    assert out.returncode == 0 and out.stdout.count("272/KH-UBND") == 1
    # piped, the table is its header and rows: no title line for a script to skip
    assert out.stdout.split()[0] == "file"
    assert out.stderr == f"kehoach: {tmp_path / 'p.yaml'}: the same plan as {SAMPLE}; listed once\n"
    targets = json.loads(run("targets", str(tmp_path / "p.yaml"), str(SAMPLE), "-f", "json").stdout)
    assert targets == json.loads(run("targets", str(SAMPLE), "-f", "json").stdout)


def test_summary_of_nothing_readable_is_an_error_line_not_an_empty_table() -> None:
    out = run("summary", "/no/such")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == "kehoach: /no/such: no such file\n"


def test_targets_summary_and_view_read_standard_input(tmp_path: Path) -> None:
    text = SAMPLE.read_bytes()
    from_file = run("targets", str(SAMPLE), "-f", "json").stdout
    piped = run("targets", "-", "-f", "json", stdin=text).stdout
    strip = lambda out: [{k: v for k, v in t.items() if k != "source"} for t in json.loads(out)]  # noqa: E731
    assert strip(piped) == strip(from_file) and strip(piped)
    structured = run("parse", str(SAMPLE)).stdout.encode()
    summary = json.loads(run("summary", "-", "-f", "json", stdin=structured).stdout)
    assert [r["number"] for r in summary] == ["272/KH-UBND"]
    out = run("view", "-", stdin=text, cwd=tmp_path)
    assert out.returncode == 0 and (tmp_path / "stdin.html").is_file()


def test_targets_by_year_lists_that_year_only() -> None:
    stem = RAW / "langson-176-KH-UBND-2023.txt"
    data = json.loads(run("targets", str(stem), "--year", "2030", "-f", "json").stdout)
    assert data and {t["year"] for t in data} == {2030}
    assert {t["number"] for t in data} == {"176/KH-UBND"} and {t["place"] for t in data} == {
        "Lạng Sơn"
    }
    everything = json.loads(run("targets", str(stem), "-f", "json").stdout)
    assert len(data) == sum(1 for t in everything if t["year"] == 2030)
    table = run("targets", str(stem), "--year", "2030")
    assert table.returncode == 0 and "Năm 2030" in table.stdout and "Năm 2025" not in table.stdout


def test_piped_tables_keep_each_row_on_one_line_without_trailing_spaces() -> None:
    rows = json.loads(run("targets", str(RAW), "--year", "2030", "-f", "json").stdout)
    out = run("targets", str(RAW), "--year", "2030").stdout
    lines = out.splitlines()
    assert len(lines) == len(rows) + 3  # title, header, rule
    assert not [ln for ln in lines if ln.endswith(" ")]
    assert all(r["indicator"] in out for r in rows)
    partner = run("assign", str(RAW / "langson-176-KH-UBND-2023.txt"), "-a", "so cong thuong")
    assert "[lead: Sở Nông nghiệp và Phát triển nông thôn] Phối hợp" in partner.stdout


def test_tables_on_a_terminal_fit_its_width() -> None:
    import io

    from rich.console import Console

    from kehoach.outputs.io import load_plan
    from kehoach.outputs.views import target_rows, targets_table

    buf = io.StringIO()
    plans = [load_plan(RAW / "langson-176-KH-UBND-2023.txt"), load_plan(SAMPLE)]
    targets_table(target_rows(plans, 2030, None), True, Console(file=buf, width=80), False)
    lines = buf.getvalue().splitlines()
    assert len(lines) > 20 and max(len(ln) for ln in lines) <= 80


def test_targets_from_raw_and_structured_agree(tmp_path: Path) -> None:
    structured = tmp_path / "p.yaml"
    run("parse", str(SAMPLE), "-o", str(structured))
    a = run("targets", str(SAMPLE), "-f", "json").stdout
    b = run("targets", str(structured), "-f", "json").stdout
    assert a == b and json.loads(a)


def test_targets_csv_opens_in_excel_and_section_filter() -> None:
    out = run(
        "targets", str(RAW / "laocai-316-KH-UBND-2022.txt"), "--section", "PB01.B", "-f", "csv"
    ).stdout
    assert out.startswith("\ufeffplan_id,source,number,province,place,section,year")
    rows = out.strip().splitlines()[1:]
    assert rows and all(",PB01.B." in r for r in rows)
    typed = run(
        "targets", str(RAW / "laocai-316-KH-UBND-2022.txt"), "--section", "pb01.b", "-f", "csv"
    ).stdout
    assert typed == out  # paths are matched whatever their case


def test_assign_lists_every_block_of_an_agency_as_lead_and_partner() -> None:
    plan = RAW / "langson-176-KH-UBND-2023.txt"
    data = json.loads(run("assign", str(plan), "--agency", "so nong nghiep", "-f", "json").stdout)
    assert data["agency"] == "Sở Nông nghiệp và Phát triển nông thôn"
    lead = {d["section"] for d in data["duties"] if d["role"] == "lead"}
    partner = {d["section"] for d in data["duties"] if d["role"] == "partner"}
    assert {
        "III.3.b",
        "III.4",
        "III.5.c",
        "III.6.a",
        "III.7.a",
        "III.8.1.b",
        "III.8.2.b",
        "III.9.a",
        "IV.2",
    } == lead
    assert "III.8.2.a" in partner
    assert all(d["span"]["line_start"] > 0 for d in data["duties"])


def test_assign_follows_successors_and_marks_the_name_used() -> None:
    plan = RAW / "langson-272-KH-UBND-2024.txt"
    data = json.loads(
        run("assign", str(plan), "--agency", "Sở Nông nghiệp và Môi trường", "-f", "json").stdout
    )
    used = {d["agency_as_named"] for d in data["duties"]}
    assert used == {"Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"}
    none = json.loads(
        run(
            "assign",
            str(plan),
            "--agency",
            "Sở Nông nghiệp và Môi trường",
            "--no-successors",
            "-f",
            "json",
        ).stdout
    )
    assert none["duties"] == []
    deadline = next(d for d in data["duties"] if d["section"] == "V.1")
    assert deadline["deadlines"][0]["month"] == 11


def test_assign_unknown_agency_suggests_and_fails() -> None:
    out = run("assign", str(SAMPLE), "--agency", "so zzz khong co")
    assert out.returncode == 1 and "closest:" in out.stderr and "Traceback" not in out.stderr


def test_assign_matrix_without_agency() -> None:
    out = run("assign", str(SAMPLE))
    assert out.returncode == 0 and "Sở Công Thương" in out.stdout and "1L" in out.stdout


def test_assign_on_a_plan_that_assigns_nothing_says_so_in_one_line() -> None:
    out = run("assign", str(RAW / "dongnai-204-KH-UBND-2025.txt"))
    assert out.returncode == 0
    assert out.stdout.splitlines() == [
        f"{RAW / 'dongnai-204-KH-UBND-2025.txt'}: the plan assigns no duties to any agency"
    ]


def test_matrix_of_several_plans_counts_by_what_the_sections_are_for(tmp_path: Path) -> None:
    """'IV' is the tasks of one plan and the implementation of another: across plans the
    columns are the kinds of top-level section."""
    plans = [RAW / "langson-176-KH-UBND-2023.txt", RAW / "laocai-134-KH-UBND-2026.txt"]
    rows = json.loads(run("assign", *map(str, plans), "-f", "json").stdout)
    kinds = {k for r in rows for k in r["kinds"]}
    assert (
        kinds
        <= {
            "purpose",
            "objectives",
            "tasks",
            "funding",
            "implementation",
            "reporting",
            "appendix",
            "other",
        }
        and {"tasks", "implementation"} <= kinds
    )
    parsed = [json.loads(run("parse", str(p), "-f", "json").stdout) for p in plans]
    leads = sum(v["lead"] for r in rows for v in r["kinds"].values())
    assert leads == sum(len(p["assignments"]) for p in parsed)
    both = {r["agency"]: r["plans"] for r in rows}
    assert both["Sở Công Thương"] == 2
    table = run("assign", *map(str, plans)).stdout
    header = table.splitlines()[1].split()
    assert header[:2] == ["agency", "plans"] and "IV" not in header and "tasks" in header
    one = run("assign", str(plans[0])).stdout.splitlines()[1].split()
    assert one == ["agency", "III", "IV"]  # one plan: its own sections


def test_agency_names_take_two_lines_at_most_on_a_narrow_terminal() -> None:
    import io

    from rich.console import Console

    from kehoach.outputs.io import load_plan
    from kehoach.outputs.responsibility import matrix_by_kind
    from kehoach.outputs.views import kind_matrix_table

    plans = [load_plan(p) for p in sorted(RAW.glob("*.txt"))]
    buf = io.StringIO()
    kind_matrix_table(matrix_by_kind(plans), len(plans), Console(file=buf, width=80), False)
    body = buf.getvalue().splitlines()
    body = body[body.index(next(ln for ln in body if ln.startswith("───"))) + 1 :]
    starts = [i for i, ln in enumerate(body) if any(c.isdigit() for c in ln)]
    assert max(len(ln) for ln in body) <= 80
    assert all(b - a <= 2 for a, b in zip(starts, [*starts[1:], len(body)], strict=True))


@pytest.mark.parametrize(
    ("typed", "agency"),
    [
        ("so nong ngiep", "Sở Nông nghiệp và Phát triển nông thôn"),  # a typo, the plan's name
        ("so tai chin", "Sở Tài chính"),
        ("SYT", "Sở Y tế"),
        ("STC", "Sở Tài chính"),
        ("SGDĐT", "Sở Giáo dục và Đào tạo"),
        ("SGDDT", "Sở Giáo dục và Đào tạo"),
        ("SNV", "Sở Nội vụ"),
        ("SKHCN", "Sở Khoa học và Công nghệ"),
        ("bo tai chinh", "Bộ Tài chính"),  # a ministry, never the province's Sở Tài chính
    ],
)
def test_assign_finds_what_users_type(typed: str, agency: str) -> None:
    plan = RAW / "langson-176-KH-UBND-2023.txt"
    out = run("assign", str(plan), "--agency", typed, "-f", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["agency"] == agency
    if typed == "bo tai chinh":
        assert data["duties"] == []
    if typed == "so nong ngiep":
        assert {d["section"] for d in data["duties"] if d["role"] == "lead"} >= {"III.4", "IV.2"}


def test_assign_name_known_nowhere_fails_with_the_closest_names() -> None:
    out = run("assign", str(SAMPLE), "--agency", "Sở Bay Vũ Trụ")
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 1 and out.stdout == ""
    assert len(lines) == 1 and "Sở Bay Vũ Trụ" in lines[0] and "closest: Sở " in lines[0]


def test_assign_ambiguous_name_lists_the_names_it_fits() -> None:
    out = run("assign", str(SAMPLE), "--agency", "ban quan ly")
    assert out.returncode == 1
    assert "fits several agencies" in out.stderr and "Ban Quản lý Khu kinh tế tỉnh" in out.stderr


def test_output_ending_in_a_slash_is_a_folder_and_an_unknown_extension_is_refused(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "new"
    out = run("parse", str(SAMPLE), "-o", f"{folder}/")
    assert out.returncode == 0 and (folder / f"{SAMPLE.stem}.yaml").is_file()
    csv = tmp_path / "plan.csv"
    out = run("parse", str(SAMPLE), "-o", str(csv))
    assert out.returncode == 2 and not csv.exists()
    assert "plan.csv: unknown output type '.csv'" in out.stderr


def test_targets_of_a_section_no_plan_has_is_an_error() -> None:
    out = run("targets", str(SAMPLE), "--section", "IX")
    assert out.returncode == 1 and "no section IX in 1 plan" in out.stderr


def test_targets_and_assign_read_subfolders_when_asked(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    assert "--recursive" in run("targets", str(tmp_path)).stderr
    assert run("targets", str(tmp_path), "-r").returncode == 0
    assert run("assign", str(tmp_path), "-r").returncode == 0


def test_validate_a_plan_text_says_to_parse_it_first() -> None:
    out = run("validate", str(SAMPLE))
    assert out.returncode == 2
    assert out.stderr.startswith(f"kehoach: {SAMPLE}: a plan's text, not a structured plan")


def test_a_pdf_that_is_neither_pdf_nor_text_says_so(tmp_path: Path) -> None:
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(bytes(range(256)) * 8)
    out = run("parse", str(fake))
    assert out.returncode == 1 and "plan.pdf: not a PDF file" in out.stderr


def test_view_of_several_plans_into_an_html_name_asks_for_a_folder(tmp_path: Path) -> None:
    page = tmp_path / "one.html"
    out = run("view", str(RAW), "-o", str(page))
    assert out.returncode == 2 and not page.exists()
    assert "several plans need -o DIR" in out.stderr


def test_assign_on_a_narrow_terminal_puts_due_dates_under_their_duty() -> None:
    import io

    from rich.console import Console

    from kehoach.outputs.views import duties_table

    data = json.loads(run("assign", str(RAW), "-a", "SCT", "-f", "json").stdout)
    shown = {}
    for width in (80, 160):
        console = Console(width=width, file=io.StringIO(), color_system=None)
        duties_table(data, True, console)
        shown[width] = console.file.getvalue()  # type: ignore[attr-defined]
    assert "due:" in shown[80] and " due " not in shown[80].splitlines()[1]
    assert " due" in shown[160].splitlines()[1] and "due:" not in shown[160]
    # the duty column gets the room: fewer lines for the same duties
    assert len(shown[80].splitlines()) < 300


def test_assign_on_plans_before_the_2025_reorganisation_keeps_a_body_to_itself() -> None:
    # in a 2023 plan Sở Nội vụ is Sở Nội vụ; the Sở Lao động - Thương binh và Xã hội it
    # absorbed in 2025 joins it only where a plan from after the change is read too
    old = RAW / "langson-176-KH-UBND-2023.txt"
    alone = json.loads(run("assign", str(old), "-a", "so noi vu", "-f", "json").stdout)
    assert alone["also_as"] == []
    with_new = json.loads(run("assign", str(RAW), "-a", "so noi vu", "-f", "json").stdout)
    assert "Sở Lao động - Thương binh và Xã hội" in with_new["also_as"]
