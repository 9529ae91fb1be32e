"""make eval: parse the bundled samples and score them against tests/gold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from kehoach.load import load_path
from kehoach.pipeline import parse
from kehoach.scoring import Score, score_plan

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("sections", "references", "targets", "assignments", "partners", "deadlines")


def evaluate(raw_dir: Path, gold_dir: Path) -> Score:
    total = Score()
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        raw = raw_dir / gold["source"]
        total.add(score_plan(gold, parse(load_path(raw)), gold_path.stem))
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", type=Path, default=ROOT / "data/raw")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests/gold")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    s = evaluate(args.raw, args.gold)
    print(f"{'kind':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for kind in KINDS:
        c = s.count(kind)
        print(
            f"{kind:<12} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}"
        )
    print(
        f"metadata fields right: {s.metadata_right}/{s.metadata_total} "
        f"({s.metadata_right / max(1, s.metadata_total):.1%})"
    )
    print(
        f"section titles right:  {s.titles_right}/{s.titles_total}; "
        f"top-level kinds right: {s.kinds_right}/{s.kinds_total}"
    )
    if s.target_pairs:
        parts = ", ".join(
            f"{k} {v / s.target_pairs:.1%}" for k, v in sorted(s.target_attrs.items())
        )
        print(f"matched targets ({s.target_pairs}): {parts}")
    if args.verbose:
        for m in s.misses:
            print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
