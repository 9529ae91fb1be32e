"""Accuracy on the five samples must not fall below what has been reached (floors only go up)."""

from __future__ import annotations

import sys

from conftest import GOLD, RAW, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from eval import evaluate

FLOORS = {
    "sections": 1.0,
    "references": 1.0,
    "targets": 1.0,
    "assignments": 1.0,
    "partners": 1.0,
    "deadlines": 1.0,
}
# Among matched targets: share with the right comparator, unit, section, baseline year.
TARGET_ATTRS = {"comparator": 1.0, "unit": 1.0, "section": 1.0, "baseline_year": 1.0}


def test_accuracy_floors() -> None:
    s = evaluate(RAW, GOLD)
    for kind, floor in FLOORS.items():
        assert s.count(kind).f1 >= floor, (kind, s.count(kind))
    assert s.metadata_right / s.metadata_total >= 1.0
    assert s.titles_right == s.titles_total
    assert s.kinds_right == s.kinds_total
    for attr, floor in TARGET_ATTRS.items():
        assert s.target_attrs[attr] / s.target_pairs >= floor, attr
