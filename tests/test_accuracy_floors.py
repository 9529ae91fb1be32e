"""Accuracy on the annotated plans must not fall below what has been reached.

Floors are held per plan, not only in total, and only ever go up: a change that helps
one plan by hurting another fails here. `make eval` prints the same figures.
"""

from __future__ import annotations

import sys

import pytest
from conftest import GOLD, RAW, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from eval import HOLDOUT_RAW, Evaluation, evaluate, plan_figure, rendered, reshaped

KINDS = ("sections", "references", "targets", "assignments", "partners", "deadlines", "metadata")

# plan -> floors in KINDS order (F1; metadata: share of the 8 fields right)
FLOORS: dict[str, tuple[float, ...]] = {
    "angiang-838-KH-UBND-2019": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "dongnai-204-KH-UBND-2025": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "dongthap-1251-KH-UBND-2026": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "hanoi-149-KH-UBND-2025": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "hochiminh-174-KH-UBND-2025": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "langson-176-KH-UBND-2023": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "langson-244-KH-UBND-2024": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "langson-272-KH-UBND-2024": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    "laocai-134-KH-UBND-2026": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    # assignments 0.97: in III.2 (Kinh phí) "Căn cứ Kế hoạch hàng năm, các sở, ngành, địa
    # phương ... chủ động xây dựng dự toán" addresses the groups; this gold leaves them out,
    # dongthap-1251's gold counts the same construct in its Kinh phí (and laichau-7360's
    # hold-out too). The parser follows the majority; the gold is kept as given.
    "laocai-316-KH-UBND-2022": (1.00, 1.00, 1.00, 0.97, 1.00, 1.00, 1.00),
    # references 0.60: the gold misses the four documents footnote 1 cites (FORMAT.md counts
    # footnotes); the parser reports them. The gold is kept as given, the floor says why.
    "laocai-duthao-KH-UBND-2026": (1.00, 0.60, 1.00, 1.00, 1.00, 1.00, 1.00),
    "sonla-2954-QD-UBND-2025": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
}
# Per-plan mean over all annotated plans, per kind.
MEAN_FLOORS = (1.00, 0.96, 1.00, 0.99, 1.00, 1.00, 1.00)


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate(RAW, GOLD)


def test_every_annotated_plan_has_floors(evaluation: Evaluation) -> None:
    assert set(evaluation.per_plan) == set(FLOORS)


@pytest.mark.parametrize("plan", sorted(FLOORS))
def test_plan_floors(evaluation: Evaluation, plan: str) -> None:
    s = evaluation.per_plan[plan]
    below = {
        kind: round(plan_figure(s, kind), 3)
        for kind, floor in zip(KINDS, FLOORS[plan], strict=True)
        if plan_figure(s, kind) < floor - 1e-9
    }
    assert not below, below


def test_mean_floors(evaluation: Evaluation) -> None:
    for kind, floor in zip(KINDS, MEAN_FLOORS, strict=True):
        assert evaluation.mean(kind) >= floor - 1e-9, kind


# Hold-out: corpus plans (and three Word originals) annotated from FORMAT.md by readers who
# never saw the parser's output (tests/holdout; four web copies were annotated after their
# output had been read while working on targets, see README). Per-plan mean floors, in KINDS
# order. 114 plans since the 75 of the third to eighth blind batches joined: the assignments
# mean is lower than the 39 plans' (0.87) because the new crawls address groups the genre
# names in many ways, not because any plan fell. 215 plans since the eight web copies of
# batch 14 (the eighth session) joined: complete plans with task tables, scored blind at
# 0.97/1.00/0.76/0.75/0.66/0.68/0.98; they pull the targets, partners and deadlines means
# down from 0.96/0.96/0.99 on 207 plans, and no plan of the 207 fell. 223 plans since the
# eight Word plans of batch 15 (the ninth session) joined, scored blind at
# 0.83/0.96/0.88/0.33/0.85/0.84/1.00: four of them are a department's plans. 231 plans since
# the eight commune-level plans of batch 16 (the tenth session) joined, scored blind at
# 0.94/0.93/0.80/0.10/0.12/0.59/0.84 (plans of a commune's Fatherland Front, which give duties
# to the Front's own officers by office): they pull the assignments, partners and deadlines
# means down from 0.92/0.96/0.98 on 223 plans, and no plan of the 223 fell.
HOLDOUT_MEAN_FLOORS = (0.98, 0.99, 0.95, 0.90, 0.93, 0.97, 0.98)


def test_holdout_mean_floors() -> None:
    ev = evaluate(HOLDOUT_RAW, ROOT / "tests" / "holdout")
    assert len(ev.per_plan) == 231
    for kind, floor in zip(KINDS, HOLDOUT_MEAN_FLOORS, strict=True):
        assert ev.mean(kind) >= floor - 1e-9, kind


# Per-plan means of the hold-out's web copies re-shaped as PDF text and as a crawl of the
# whole plan (scripts/reshape.py): the same facts, whatever copy the user has. 30 web copies
# since batch 14 joined (22 before: 0.94/0.99/0.86/0.91/0.83/0.95/0.98 as PDF text,
# 0.93/0.99/0.84/0.89/0.86/1.00/0.97 as a crawl).
RESHAPED_MEAN_FLOORS = {
    "pdf text": (0.94, 0.99, 0.85, 0.90, 0.80, 0.89, 0.98),
    "crawl": (0.94, 0.99, 0.84, 0.89, 0.83, 0.93, 0.97),
}


def _hold_shape_floors(
    evs: dict[str, Evaluation], floors: dict[str, tuple[float, ...]], plans: int
) -> None:
    for shape, floors_ in floors.items():
        assert len(evs[shape].per_plan) == plans
        for kind, floor in zip(KINDS, floors_, strict=True):
            assert evs[shape].mean(kind) >= floor - 1e-9, (shape, kind)


def test_reshaped_mean_floors() -> None:
    evs = reshaped(ROOT / "tests/holdout", ROOT / "data/corpus/web")
    _hold_shape_floors(evs, RESHAPED_MEAN_FLOORS, 30)


# The 12 annotated plans re-shaped the same way (their own shapes score 1.00 or near it).
RESHAPED_GOLD_MEAN_FLOORS = {
    "pdf text": (0.97, 0.96, 0.92, 0.98, 0.97, 0.95, 0.98),
    "crawl": (0.99, 0.96, 0.95, 0.99, 1.00, 0.98, 0.96),
}


def test_reshaped_annotated_plans_mean_floors() -> None:
    evs = reshaped(ROOT / "tests/gold", ROOT / "data/raw")
    for shape, floors_ in RESHAPED_GOLD_MEAN_FLOORS.items():
        assert len(evs[shape].per_plan) == 12
        for kind, floor in zip(KINDS, floors_, strict=True):
            assert evs[shape].mean(kind) >= floor - 1e-9, (shape, kind)


# The same 22 web copies rendered by LibreOffice and pdftotext (scripts/render.py): the files
# users download, read from tests/rendered (the tests need none of those tools).
RENDERED_MEAN_FLOORS = {
    "docx": (0.97, 0.98, 0.84, 0.95, 0.87, 0.99, 0.98),
    "pdf": (0.97, 0.96, 0.84, 0.94, 0.86, 0.98, 0.98),
    "pdftotext": (0.92, 0.97, 0.79, 0.90, 0.81, 0.90, 0.98),
    "pdftotext-layout": (0.96, 0.97, 0.87, 0.92, 0.84, 0.95, 0.98),
}


def test_rendered_mean_floors() -> None:
    _hold_shape_floors(
        rendered(ROOT / "tests/holdout", ROOT / "tests/rendered"), RENDERED_MEAN_FLOORS, 22
    )
