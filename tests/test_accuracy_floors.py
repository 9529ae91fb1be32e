"""Accuracy on the five samples must not fall below what has been reached (floors only go up)."""

from __future__ import annotations

import sys

from conftest import GOLD, RAW, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from eval import evaluate

FLOORS = {"sections": 1.0, "references": 1.0}


def test_accuracy_floors() -> None:
    s = evaluate(RAW, GOLD)
    for kind, floor in FLOORS.items():
        assert s.count(kind).f1 >= floor, (kind, s.count(kind))
    assert s.metadata_right / s.metadata_total >= 1.0
    assert s.titles_right == s.titles_total
    assert s.kinds_right == s.kinds_total
