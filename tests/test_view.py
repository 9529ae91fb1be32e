"""The review page (`kehoach view`): facts placed on the text, and the page in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import launch, why_no_browser
from conftest import RAW, ROOT

from kehoach.outputs.io import dump, write_atomic
from kehoach.outputs.page import build_page, load_for_view
from kehoach.outputs.panes import classify_lines, detail_html, targets_tab, value_text
from kehoach.outputs.place import LISTS, Mark, fold_key, nest, place
from kehoach.outputs.views import vn_number

PLANS = sorted(p for p in RAW.iterdir() if p.is_file())


def _plan(text: str, **facts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"sections": facts.pop("sections", []), **facts}


def _span(a: int, b: int | None = None) -> dict[str, int]:
    return {"line_start": a, "line_end": b or a}


def _placed(text: str, mark: Mark) -> str:
    return text[mark.start : mark.end]


# ---------------------------------------------------------------- placing facts


def test_a_quote_is_found_across_markdown_marks_and_a_line_break() -> None:
    text = (
        "II. MỤC TIÊU\n"
        "**3. **Phấn đấu giá trị hàng hóa tham gia xuất khẩu đạt\n"
        "**400 triệu USD** đến năm 2030."
    )
    quote = "Phấn đấu giá trị hàng hóa tham gia xuất khẩu đạt 400 triệu USD"
    [mark] = place(_plan(text, targets=[{"quote": quote, "span": _span(2, 3)}]), text)
    assert mark.status == "exact"
    assert _placed(text, mark) == (
        "Phấn đấu giá trị hàng hóa tham gia xuất khẩu đạt\n**400 triệu USD"
    )


def test_a_span_that_misses_the_quote_is_placed_near_it_and_reported() -> None:
    text = (
        "a) Triển khai dạy học 2 buổi/ngày theo lộ trình; tổ chức, thực hiện dạy học\n"
        "2 buổi/ngày ở các cơ sở giáo dục có đủ điều kiện về cơ sở vật chất.\n"
        "b) Nội dung và hình thức dạy học"
    )
    quote = "tổ chức, thực hiện dạy học 2 buổi/ngày ở các cơ sở giáo dục"
    [mark] = place(_plan(text, targets=[{"quote": quote, "span": _span(3)}]), text)
    assert mark.status == "near"
    assert "lines 1–2" in mark.note and "span says 3–3" in mark.note
    assert _placed(text, mark).startswith("tổ chức") and _placed(text, mark).endswith("giáo dục")


def test_a_table_row_quote_is_found_cell_by_cell() -> None:
    text = "| 1 |\nSở Khoa học và Công nghệ\n|\n2020\n|\n6\n|"
    quote = "Sở Khoa học và Công nghệ | 6"
    [mark] = place(_plan(text, targets=[{"quote": quote, "span": _span(1, 7)}]), text)
    assert mark.status == "exact"
    assert _placed(text, mark) == "Sở Khoa học và Công nghệ\n|\n2020\n|\n6"


def test_a_footnote_call_in_the_text_does_not_hide_the_quote() -> None:
    text = (
        "40 xã, phường đã được công bố tình huống khẩn cấp về thiên tai theo Quyết định\n"
        "số 02110/QĐ-UBND ngày 20/11/2025 của UBND tỉnh[1], là các địa bàn bị ngập sâu."
    )
    quote = "theo Quyết định số 02110/QĐ-UBND ngày 20/11/2025 của UBND tỉnh, là các địa bàn"
    [mark] = place(_plan(text, references=[{"quote": quote, "span": _span(1, 2)}]), text)
    assert mark.status == "exact" and _placed(text, mark).endswith("tỉnh[1], là các địa bàn")


def test_a_quote_not_in_the_text_still_gets_one_place_on_its_first_line() -> None:
    text = "III. NHIỆM VỤ\n\n   Nâng cao chất lượng nguồn nhân lực.  \nKhác."
    fact = {"quote": "Tỷ lệ lao động qua đào tạo đạt 70%", "span": _span(2, 3)}
    [mark] = place(_plan(text, targets=[fact]), text)
    assert mark.status == "unplaced"
    assert _placed(text, mark) == "Nâng cao chất lượng nguồn nhân lực."


def test_without_the_source_text_every_fact_is_missing_not_dropped() -> None:
    data = _plan("", references=[{"quote": "Quyết định số 1058/QĐ-TTg", "span": _span(6)}])
    [mark] = place(data, None)
    assert (mark.status, mark.start, mark.note) == ("missing", -1, "no source text")


def test_same_quote_twice_in_a_span_gives_two_places() -> None:
    text = "- Đạt 100% số xã.\n- Đạt 100% số xã."
    facts = [{"quote": "Đạt 100% số xã", "span": _span(1, 2)}] * 2
    a, b = place(_plan(text, targets=facts), text)
    assert a.start != b.start and _placed(text, a) == _placed(text, b)


def test_an_agency_is_placed_on_its_heading_or_in_its_duty() -> None:
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Ủy ban nhân dân các huyện, thành phố\n"
        "Chủ động bố trí kinh phí thực hiện.\n"
        "Yêu cầu các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố báo cáo hằng năm."
    )
    sections = [
        {
            "path": "V",
            "span": _span(1, 4),
            "children": [{"path": "V.1", "span": _span(2, 3), "children": []}],
        }
    ]
    name = "Ủy ban nhân dân các huyện, thành phố"
    assignments = [
        {"as_written": name, "section": "V.1", "duties": [{"span": _span(3)}]},
        {"as_written": name, "section": "V", "duties": [{"span": _span(4)}]},
        {"as_written": "các sở, ban, ngành", "section": "V", "duties": [{"span": _span(4)}]},
    ]
    heading, duty, group = place(_plan(text, sections=sections, assignments=assignments), text)
    assert text.count("\n", 0, heading.start) == 1 and _placed(text, heading) == name
    assert text.count("\n", 0, duty.start) == 3 and _placed(text, duty) == name
    assert _placed(text, group) == "các sở, ban, ngành"


def test_crossing_facts_are_widened_so_that_each_stays_one_element() -> None:
    marks = [Mark("deadline", 0, 10, 40, "exact"), Mark("assignment", 0, 30, 60, "exact")]
    outer, inner = nest(marks)
    assert (outer.start, outer.end, outer.depth) == (10, 60, 0)
    assert (inner.start, inner.end, inner.depth) == (30, 60, 1)


def test_fields_the_model_does_not_have_yet_still_show() -> None:
    target = {
        "indicator": "Tỷ lệ hộ nghèo",
        "comparator": "max",
        "value": 2.0,
        "unit": "%",
        "change": "decrease",
        "owner": "Sở Nông nghiệp và Môi trường",
        "quote": "Tỷ lệ hộ nghèo giảm còn dưới 2%",
        "span": {"line_start": 12, "line_end": 13, "page": 3},
    }
    shown = detail_html("target", target, None, {})
    assert "decrease (giảm" in shown and "12–13 (p. 3)" in shown
    assert "owner" in shown and "Sở Nông nghiệp và Môi trường" in shown
    assert "Change" in targets_tab({"targets": [target]})


def test_quote_keys_ignore_spacing_case_marks_and_dash_forms() -> None:
    assert fold_key("**Tăng  trưởng** 6,0 – 7,0%") == fold_key("tăng trưởng 6,0-7,0 %")


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ({"comparator": "min", "value": 70.0, "unit": "%"}, "≥ 70 %"),
        ({"comparator": "approx", "value": 10000.0, "unit": "lao động"}, "≈ 10.000 lao động"),
        ({"comparator": "range", "value": 6.0, "value_max": 7.5, "unit": "%/năm"}, "6–7,5 %/năm"),
        ({"comparator": "eq", "value": 2.0, "unit": "lần"}, "2 lần"),
    ],
)
def test_target_values_read_as_the_plans_write_them(target: dict[str, Any], shown: str) -> None:
    assert value_text(target) == shown


def test_lines_between_sections_that_no_section_holds_are_gaps() -> None:
    text = (
        "KẾ HOẠCH\n"
        "I. MỤC TIÊU\n"
        "Nâng cao chất lượng nguồn nhân lực.\n"
        "Căn cứ tình hình thực tế, các đơn vị chủ động triển khai.\n"
        "II. NHIỆM VỤ\n"
        "Tổ chức tuyên truyền.\n"
        "\n"
        "CHỦ TỊCH"
    )
    sections = [{"span": _span(2, 3)}, {"span": _span(5, 6)}]
    trimmed = [{**_span(8), "reason": "after the document (website chrome)"}]
    info = classify_lines({"sections": sections, "trimmed": trimmed}, text)
    assert info.kind == {4: "gap", 8: "trim"} and info.out == {1, 4}
    assert (info.in_sections, info.body) == (4, 5)
    # The plan's own self-check decides which lines are placed nowhere, when it has one.
    quality = {"unplaced": [_span(1)], "body_lines_in_sections": 0.8}
    info = classify_lines({"sections": sections, "trimmed": trimmed, "quality": quality}, text)
    assert info.kind == {1: "gap", 8: "trim"} and info.out == {1, 4}


def test_without_sections_no_body_line_is_in_a_section() -> None:
    info = classify_lines({"sections": [{"span": _span(0)}]}, "Dòng một.\nDòng hai.")
    assert (info.in_sections, info.body) == (0, 2)


# ---------------------------------------------------------------- the page as text


def _highlights(page: str) -> list[tuple[str, int]]:
    return [
        (k, int(i)) for k, i in re.findall(r'<mark [^>]*data-kind="(\w+)" data-index="(\d+)"', page)
    ]


def test_every_fact_has_exactly_one_highlight_in_the_html() -> None:
    plan, source = load_for_view(RAW / "langson-272-KH-UBND-2024.txt")
    page = build_page(plan, source).html
    found = sorted(_highlights(page))
    expected = sorted((k, i) for k, name in LISTS.items() for i in range(len(getattr(plan, name))))
    assert found == expected and len(found) == 28


def test_page_is_self_contained() -> None:
    plan, source = load_for_view(RAW / "hochiminh-174-KH-UBND-2025.md")
    page = build_page(plan, source).html
    assert '<meta charset="utf-8">' in page and "Ủy ban nhân dân" in page
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in page


def test_text_markup_is_escaped() -> None:
    text = "I. MỤC TIÊU\n1. Tỷ lệ <b>hộ nghèo</b> giảm còn dưới 2% & ổn định"
    from kehoach.pipeline import parse
    from kehoach.read.load import load_bytes

    plan = parse(load_bytes(text.encode(), "plan.txt"))
    from kehoach.outputs.page import Source

    page = build_page(plan, Source(text)).html
    assert "&lt;b&gt;hộ nghèo&lt;/b&gt;" in page and "<b>hộ nghèo" not in page


# ---------------------------------------------------------------- the command


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_view_writes_one_page_the_same_every_time(tmp_path: Path) -> None:
    plan = str(RAW / "langson-244-KH-UBND-2024.txt")
    out = run("view", plan, "-o", str(tmp_path / "p.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "244/KH-UBND" in page and 'id="L81"' in page
    run("view", plan, "-o", str(tmp_path / "again.html"))
    assert (tmp_path / "again.html").read_bytes() == (tmp_path / "p.html").read_bytes()


def test_view_reads_subfolders_with_recursive_as_it_says(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    (tree / "sub").mkdir(parents=True)
    shutil.copy(RAW / "langson-244-KH-UBND-2024.txt", tree)
    shutil.copy(RAW / "langson-272-KH-UBND-2024.txt", tree / "sub")
    flat = run("view", str(tree), "-o", str(tmp_path / "a"))
    assert "--recursive reads them" in flat.stderr
    deep = run("view", str(tree), "-o", str(tmp_path / "b"), "--recursive")
    assert deep.returncode == 0, deep.stderr
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "index.html",
        "langson-244-KH-UBND-2024.html",
        "langson-272-KH-UBND-2024.html",
    ]


def test_view_of_one_plan_into_a_folder_and_open_it(tmp_path: Path) -> None:
    opener = tmp_path / "browser.sh"
    opener.write_text(f'#!/bin/sh\necho "$1" > {tmp_path / "opened"}\n')
    opener.chmod(0o755)
    plan = RAW / "langson-244-KH-UBND-2024.txt"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kehoach",
            "view",
            str(plan),
            "-o",
            str(tmp_path / "site"),
            "--open",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BROWSER": str(opener)},
        check=False,
    )
    page = tmp_path / "site" / "langson-244-KH-UBND-2024.html"
    assert out.returncode == 0 and page.is_file(), out.stderr
    assert (tmp_path / "opened").read_text().strip() == page.resolve().as_uri()


def test_view_open_without_a_browser_says_where_the_page_is(tmp_path: Path) -> None:
    plan = str(RAW / "langson-244-KH-UBND-2024.txt")
    out = subprocess.run(
        [sys.executable, "-m", "kehoach", "view", plan, "-o", str(tmp_path / "p.html"), "--open"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BROWSER": str(tmp_path / "no-such-browser")},
        check=False,
    )
    assert out.returncode == 0 and (tmp_path / "p.html").is_file()
    assert f"no web browser found to open it; open {tmp_path / 'p.html'} yourself" in out.stderr


def test_view_of_a_parsed_plan_rereads_its_original(tmp_path: Path) -> None:
    src = RAW / "langson-272-KH-UBND-2024.txt"
    parsed = tmp_path / "272.yaml"
    assert run("parse", str(src), "-o", str(parsed)).returncode == 0
    out = run("view", str(parsed), "-o", str(tmp_path / "272.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "272.html").read_text(encoding="utf-8")
    assert 'id="L126"' in page and 'class="note"' not in page
    assert len(_highlights(page)) == 28


def test_view_of_a_parsed_plan_without_its_original_says_so(tmp_path: Path) -> None:
    plan, _ = load_for_view(RAW / "langson-272-KH-UBND-2024.txt")
    data = yaml.safe_load(dump(plan, "yaml"))
    data["source"]["path"] = "gone/plan.txt"
    parsed = tmp_path / "plan.yaml"
    parsed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = run("view", str(parsed), "-o", str(tmp_path / "plan.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert "original text gone/plan.txt not found" in page
    assert 'id="L1"' not in page and len(_highlights(page)) == 28


def test_view_finds_the_original_wherever_it_runs(tmp_path: Path) -> None:
    """parse ran in the project folder (source.path data/raw/x.txt); view runs elsewhere,
    on data/structured/x.yaml: the original is data/structured/../raw/x.txt."""
    name = "langson-272-KH-UBND-2024"
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / f"{name}.txt").write_bytes((RAW / f"{name}.txt").read_bytes())
    parsed = tmp_path / "data" / "structured" / f"{name}.yaml"
    done = run("parse", f"data/raw/{name}.txt", "-o", str(parsed), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = run("view", str(parsed), "-o", "x.html", cwd=elsewhere)
    assert out.returncode == 0 and out.stderr.splitlines() == ["kehoach: wrote x.html"]
    page = (elsewhere / "x.html").read_text(encoding="utf-8")
    assert 'id="L126"' in page and 'class="note"' not in page
    # beside the structured file, by name
    beside = tmp_path / "beside"
    beside.mkdir()
    (beside / f"{name}.yaml").write_bytes(parsed.read_bytes())
    (beside / f"{name}.txt").write_bytes((RAW / f"{name}.txt").read_bytes())
    out = run("view", str(beside / f"{name}.yaml"), "-o", "y.html", cwd=elsewhere)
    assert 'id="L126"' in (elsewhere / "y.html").read_text(encoding="utf-8")


def test_view_without_the_original_warns_on_one_line(tmp_path: Path) -> None:
    lone = tmp_path / "lone"
    lone.mkdir()
    parsed = lone / "p.yaml"
    assert (
        run("parse", str(RAW / "langson-272-KH-UBND-2024.txt"), "-o", str(parsed)).returncode == 0
    )
    data = yaml.safe_load(parsed.read_text(encoding="utf-8"))
    data["source"]["path"] = "gone/plan.txt"
    parsed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = run("view", str(parsed), "-o", "p.html", cwd=tmp_path)
    assert out.returncode == 0 and (tmp_path / "p.html").is_file()
    warning, wrote = out.stderr.splitlines()
    assert "p.yaml: original text gone/plan.txt not found" in warning
    assert wrote == "kehoach: wrote p.html"


def test_view_of_a_directory_writes_pages_and_an_index(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in PLANS[:2]:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = run("view", str(src), "-o", str(tmp_path / "site"))
    assert out.returncode == 1
    assert [ln for ln in out.stderr.splitlines() if "broken.txt" in ln] == [
        f"kehoach: {src / 'broken.txt'}: a PNG image, not a text file"
    ]
    written = sorted(p.name for p in (tmp_path / "site").iterdir())
    assert written == sorted(["index.html", *(f"{p.stem}.html" for p in PLANS[:2])])
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.stem}.html"' in index for p in PLANS[:2])
    assert "Lines accounted" in index, "the plans' self-check is on the index"
    page = (tmp_path / "site" / f"{PLANS[0].stem}.html").read_text(encoding="utf-8")
    assert "Plan self-check" in page and "Body lines in sections" in page


def test_view_of_bad_input_fails_on_one_line_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = run("view", str(bad), "-o", str(tmp_path / "x.html"))
    assert out.returncode == 1 and out.stderr.strip() == f"kehoach: {bad}: file is empty"
    assert not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------- in a real browser

NO_BROWSER = why_no_browser()
if NO_BROWSER:
    print(f"test_view: browser tests skip: {NO_BROWSER}", file=sys.stderr)
browser_only = pytest.mark.skipif(NO_BROWSER is not None, reason=NO_BROWSER or "")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = run("view", str(RAW), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


class Page:
    """A page open in Chromium, with every console error and page error collected."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, reduced_motion="reduce"
        )
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())

    def close(self) -> None:
        self.context.close()


_COLLECT = """() => [...document.querySelectorAll('[data-kind][data-index]')].map(e => [
  e.dataset.kind, Number(e.dataset.index), e.textContent, e.tagName, [...e.classList]])"""


@browser_only
@pytest.mark.parametrize("plan_file", PLANS, ids=lambda p: p.stem)
def test_page_in_browser_has_one_highlight_per_fact(
    plan_file: Path, site: Path, browser: Any
) -> None:
    plan, source = load_for_view(plan_file)
    data = plan.model_dump(mode="json")
    marks = {(m.kind, m.index): m for m in place(data, source.text)}
    view = Page(browser, site / f"{plan_file.stem}.html")
    try:
        found = view.page.evaluate(_COLLECT)
        seen = [(k, i) for k, i, *_ in found]
        assert sorted(seen) == sorted(marks), "one highlight per fact, no more"
        for kind, index, content, tag, classes in found:
            fact = data[LISTS[kind]][index]
            assert tag == "MARK"
            if marks[(kind, index)].status in ("unplaced", "missing"):
                assert "s-unplaced" in classes or "s-missing" in classes
                continue
            want = fact.get("as_written") if kind == "assignment" else fact["quote"]
            pieces = [fold_key(p) for p in str(want).split("|") if fold_key(p)]
            got = fold_key(content)
            at = 0
            for piece in pieces:
                at = got.find(piece, at)
                assert at >= 0, f"{kind} {index}: {piece!r} not inside its highlight"
                at += len(piece)
        ids = view.page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), "ids are unique"
        assert view.errors == []
    finally:
        view.close()


def _leaf(page: Any, kind: str) -> int | None:
    """Index of a highlight of this kind with no other highlight inside it (a real click
    on it cannot land on another one)."""
    return page.evaluate(
        """kind => { const e = [...document.querySelectorAll(`mark.hl[data-kind="${kind}"]`)]
           .find(m => !m.querySelector('mark.hl') && m.closest('#text'));
           return e ? Number(e.dataset.index) : null; }""",
        kind,
    )


@browser_only
@pytest.mark.parametrize("plan_file", PLANS, ids=lambda p: p.stem)
def test_clicking_a_highlight_shows_its_value(plan_file: Path, site: Path, browser: Any) -> None:
    plan, _ = load_for_view(plan_file)
    view = Page(browser, site / f"{plan_file.stem}.html")
    try:
        page = view.page
        for kind, name in LISTS.items():
            if not getattr(plan, name):
                continue
            index = _leaf(page, kind)
            if index is not None:
                page.click(f"#{kind}-{index}")
            else:  # every one holds another highlight: click on the element itself
                index = 0
                page.dispatch_event(f"#{kind}-0", "click")
            detail = " ".join(page.inner_text("#detail-body").split())
            assert page.get_attribute("#detail-body", "data-shows") == f"{kind}-{index}"
            fact = getattr(plan, name)[index]
            if kind == "target":
                assert " ".join(fact.indicator.split()) in detail
                assert vn_number(fact.value) in detail
            elif kind == "assignment":
                assert fact.agency in detail
            elif kind == "deadline":
                assert fact.recurrence in detail
            else:
                assert fact.number in detail
            assert "sel" in (page.get_attribute(f"#{kind}-{index}", "class") or "")
        assert view.errors == []
    finally:
        view.close()


@browser_only
def test_section_tree_scrolls_the_text_to_the_section(site: Path, browser: Any) -> None:
    view = Page(browser, site / "langson-176-KH-UBND-2023.html")
    try:
        page = view.page
        links = page.locator("#side a.sec")
        last = links.nth(links.count() - 1)
        line = last.get_attribute("data-line")
        assert page.evaluate("window.scrollY") == 0
        last.click()
        box = page.evaluate(f"document.getElementById('L{line}').getBoundingClientRect().top")
        assert 0 <= box <= 900 and page.evaluate("window.scrollY") > 500
        page.click("#tab-targets")
        assert page.is_hidden("#panel-text")
        page.locator("#side a.sec").first.click()
        assert page.is_visible("#panel-text"), "a section link brings the text back"
        assert view.errors == []
    finally:
        view.close()


@browser_only
def test_tabs_table_sort_and_filter(site: Path, browser: Any) -> None:
    view = Page(browser, site / "langson-176-KH-UBND-2023.html")
    try:
        page = view.page
        page.focus("#tab-text")
        page.keyboard.press("ArrowRight")
        assert page.get_attribute("#tab-targets", "aria-selected") == "true"
        assert page.is_visible("#t-targets") and page.is_hidden("#panel-text")
        rows = "#t-targets tbody tr:not([hidden])"
        total = page.locator(rows).count()
        page.fill("#panel-targets input.filter", "2030")
        assert 0 < page.locator(rows).count() < total
        page.fill("#panel-targets input.filter", "")
        page.click("#t-targets th:nth-child(4) button")
        values = page.eval_on_selector_all(
            "#t-targets tbody tr td:nth-child(4)", "tds => tds.map(t => Number(t.dataset.v))"
        )
        assert values == sorted(values)
        page.click("#panel-targets a.goto >> nth=0")
        assert page.is_visible("#panel-text") and page.inner_text("#detail-body")
        page.focus("#reference-0")
        page.keyboard.press("Enter")
        assert page.get_attribute("#detail-body", "data-shows") == "reference-0"
        page.evaluate("document.activeElement.blur()")
        page.click("#tab-targets")
        page.keyboard.press("j")  # steps on from the selected reference, back in the text
        after = page.get_attribute("#detail-body", "data-shows")
        assert page.is_visible("#panel-text") and after not in ("reference-0", None)
        page.keyboard.press("k")
        assert page.get_attribute("#detail-body", "data-shows") == "reference-0"
        assert page.locator("svg.chart rect.bar").count() >= 1
        assert view.errors == []
    finally:
        view.close()


@browser_only
def test_page_is_usable_on_a_phone(site: Path, browser: Any) -> None:
    view = Page(browser, site / "langson-272-KH-UBND-2024.html", width=390)
    try:
        page = view.page
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "no sideways scrolling"
        assert page.is_hidden("#detail")
        page.click("#target-0")
        assert page.is_visible("#detail") and "Target" in page.inner_text("#detail-body")
        page.keyboard.press("Escape")
        assert page.is_hidden("#detail")
        assert view.errors == []
    finally:
        view.close()


@browser_only
def test_index_links_every_plan(site: Path, browser: Any) -> None:
    view = Page(browser, site / "index.html")
    try:
        page = view.page
        hrefs = page.eval_on_selector_all(
            "#plans tbody a", "as => as.map(a => a.getAttribute('href'))"
        )
        assert sorted(hrefs) == sorted(f"{p.stem}.html" for p in PLANS)
        assert all((site / h).is_file() for h in hrefs)
        page.click("#plans th:nth-child(7) button")
        page.click("#plans th:nth-child(7) button")
        counts = page.eval_on_selector_all(
            "#plans tbody tr td:nth-child(7)", "tds => tds.map(t => Number(t.dataset.v))"
        )
        assert counts == sorted(counts, reverse=True) and counts[0] > 0
        page.click(f"#plans a[href='{PLANS[0].stem}.html']")
        assert page.url.endswith(f"{PLANS[0].stem}.html")
        page.click("a.back")
        assert page.url.endswith("index.html")
        assert view.errors == []
    finally:
        view.close()


def test_written_pages_are_readable_by_others_as_open_would_make_them(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "site" / "index.html", "<!doctype html>")
    finally:
        os.umask(mask)
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o644


def test_a_plan_read_by_ocr_has_its_text_read_by_ocr_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 'parse --ocr scan.pdf -o scan.json' then 'view scan.json': the page needs the text the
    # line numbers refer to, which only OCR gives for a scanned PDF
    from kehoach.outputs import page as page_module
    from kehoach.pipeline import parse
    from kehoach.read.load import load_path

    plan = parse(load_path(RAW / "langson-272-KH-UBND-2024.txt"))
    plan.source.encoding = "pdf+ocr"
    plan.source.path = str(tmp_path / "scan.pdf")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 scanned")
    asked: list[bool] = []

    def fake_load(path: Path, ocr: bool = False) -> Any:
        asked.append(ocr)
        return load_path(RAW / "langson-272-KH-UBND-2024.txt")

    monkeypatch.setattr(page_module, "load_path", fake_load)
    source = page_module.source_for(plan, tmp_path / "scan.json")
    assert asked and all(asked) and source.text is not None
