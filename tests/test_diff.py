"""kehoach diff: two plans side by side."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import RAW, parsed
from test_cli import run

from kehoach.outputs.diff import compare, similarity

A = RAW / "langson-244-KH-UBND-2024.txt"
B = RAW / "laocai-316-KH-UBND-2022.txt"


def test_similarity_ignores_diacritics_tone_placement_and_function_words() -> None:
    assert (
        similarity("Phát triển làng nghề gắn với du lịch", "phat trien lang nghe gan voi du lich")
        == 1.0
    )
    assert similarity("văn hoá", "văn hóa") == 1.0
    assert similarity("Tỷ lệ che phủ rừng", "Trồng rừng mới") < 0.4


def test_two_provinces_implementing_one_decision_align_their_targets() -> None:
    d = compare(parsed("langson-244-KH-UBND-2024"), parsed("laocai-316-KH-UBND-2022"))
    pairs = {
        (m["year"], m["a"]["indicator"].lower()[:25], m["b"]["section"])
        for m in d.data["targets"]["matched"]
    }

    def aligned(year: int, a_words: str, b_words: str) -> bool:
        return any(
            m["year"] == year
            and a_words in m["a"]["indicator"].lower()
            and b_words in m["b"]["indicator"].lower()
            for m in d.data["targets"]["matched"]
        )

    for year in (2025, 2030):
        assert aligned(year, "khôi phục, bảo tồn", "khôi phục, bảo tồn"), pairs  # crafts restored
        assert aligned(year, "công nhận", "công nhận"), pairs  # villages recognised
        assert aligned(year, "gắn với du lịch", "gắn với du lịch"), pairs  # linked with tourism
    assert aligned(2025, "bảo vệ môi trường", "bảo vệ môi trường")  # households meeting rules
    assert aligned(2030, "hoạt động có hiệu quả", "hoạt động có hiệu quả")
    assert d.data["targets"]["only_b"] and d.differs
    assert d.data["references"]["common"] == ["801/QĐ-TTg"]


def test_cli_diff_of_two_provinces() -> None:
    out = run("diff", str(A), str(B))
    assert out.returncode == 1 and "Targets 2025" in out.stdout and "801/QĐ-TTg" in out.stdout


def test_a_plan_against_itself_has_no_differences(tmp_path: Path) -> None:
    structured = tmp_path / "a.yaml"
    run("parse", str(A), "-o", str(structured))
    out = run("diff", str(A), str(structured))
    assert out.returncode == 0 and "No differences" in out.stdout


def _one_value_changed(tmp_path: Path) -> tuple[Path, Path]:
    """A plan's YAML and a copy of it with one target's value changed (10000 -> 12000)."""
    original = tmp_path / "a.yaml"
    run("parse", str(RAW / "langson-272-KH-UBND-2024.txt"), "-o", str(original))
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    data["targets"][2]["value"] = 12000.0
    changed = tmp_path / "b.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return original, changed


def test_one_changed_value_shows_exactly_that_change(tmp_path: Path) -> None:
    original, changed = _one_value_changed(tmp_path)
    out = run("diff", str(original), str(changed), "-f", "json")
    assert out.returncode == 1
    d = json.loads(out.stdout)
    changes = [m for m in d["targets"]["matched"] if not m["same"]]
    assert len(changes) == 1 and changes[0]["difference"] == 2000.0
    assert not d["targets"]["only_a"] and not d["targets"]["only_b"]
    assert d["metadata"] == {}
    for part in ("sections", "agencies", "deadlines", "references"):
        assert not d[part]["only_a"] and not d[part]["only_b"], part


def test_figures_of_different_units_have_no_difference(tmp_path: Path) -> None:
    original = tmp_path / "a.yaml"
    run("parse", str(RAW / "langson-272-KH-UBND-2024.txt"), "-o", str(original))
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    data["targets"][2]["value"] = 12000.0
    data["targets"][2]["unit"] = "hộ"
    changed = tmp_path / "b.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    d = json.loads(run("diff", str(original), str(changed), "-f", "json").stdout)
    changes = [m for m in d["targets"]["matched"] if not m["same"]]
    assert len(changes) == 1 and changes[0]["difference"] is None


def test_only_and_threshold_options(tmp_path: Path) -> None:
    out = run("diff", str(A), str(B), "--only", "references", "-f", "json")
    d = json.loads(out.stdout)
    assert set(d) >= {"references"} and "targets" not in d
    strict = json.loads(
        run("diff", str(A), str(B), "--only", "targets", "-t", "0.99", "-f", "json").stdout
    )
    loose = json.loads(
        run("diff", str(A), str(B), "--only", "targets", "-t", "0.3", "-f", "json").stdout
    )
    assert len(strict["targets"]["matched"]) < len(loose["targets"]["matched"])


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    out = run("diff", str(A), str(tmp_path / "missing.txt"))
    assert out.returncode == 2 and "no such file" in out.stderr


def test_a_part_with_nothing_on_either_side_is_its_title_line_alone(tmp_path: Path) -> None:
    original, changed = _one_value_changed(tmp_path)
    lines = run("diff", str(original), str(changed)).stdout.splitlines()
    both = [ln for ln in lines if ln.startswith("Deadlines:")]
    assert len(both) == 1 and both[0].endswith("in both")  # one line, not wrapped
    after = lines[lines.index(both[0]) + 1 :]
    assert not after or not after[0].startswith("only A")  # no empty table under it
