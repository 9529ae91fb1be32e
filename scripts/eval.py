"""make eval: parse the annotated plans and score them against tests/gold.

Prints one row per plan (F1 per kind of fact, share of metadata fields right), the
per-plan mean (the figure the project's goals are stated in) and the micro average
(precision, recall and F1 summed over all plans), as tests/gold/FORMAT.md defines them.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from kehoach.pipeline import parse
from kehoach.read.load import load_path
from kehoach.scoring import Score, score_plan

ROOT = Path(__file__).resolve().parent.parent
# The hold-out's sources: corpus plans, and the Word originals kept as test fixtures.
HOLDOUT_RAW = [ROOT / "data/corpus", ROOT / "tests/fixtures/formats/real"]
KINDS = ("sections", "references", "targets", "assignments", "partners", "deadlines")
SHORT = {"sections": "sect", "references": "refs", "targets": "targ", "assignments": "asg"}
SHORT |= {"partners": "part", "deadlines": "dead", "metadata": "meta"}


@dataclass
class Evaluation:
    per_plan: dict[str, Score]
    total: Score

    def mean(self, kind: str) -> float:
        """Per-plan mean F1 of one kind ('metadata' gives the mean share of fields right)."""
        scores = list(self.per_plan.values())
        return sum(plan_figure(s, kind) for s in scores) / max(1, len(scores))


def plan_figure(s: Score, kind: str) -> float:
    if kind == "metadata":
        return s.metadata_right / max(1, s.metadata_total)
    return s.count(kind).f1


def evaluate(raw_dir: Path | list[Path], gold_dir: Path) -> Evaluation:
    """Score every gold file in `gold_dir` against the parse of its source, looked up by
    name in the raw folders (and their subfolders)."""
    dirs = [raw_dir] if isinstance(raw_dir, Path) else raw_dir
    per_plan: dict[str, Score] = {}
    total = Score()
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        raw = next(
            (p for d in dirs for p in [d / gold["source"], *d.rglob(gold["source"])] if p.exists()),
            dirs[0] / gold["source"],
        )
        s = score_plan(gold, parse(load_path(raw)), gold_path.stem)
        per_plan[gold_path.stem] = s
        total.add(s)
    return Evaluation(per_plan, total)


def reshaped(gold_dir: Path, web_dir: Path) -> dict[str, Evaluation]:
    """The hold-out's web copies scored as loaded and re-shaped (scripts/reshape.py)."""
    from reshape import SHAPES

    from kehoach.read.load import load_bytes

    out = {name: Evaluation({}, Score()) for name in ("web copy", *SHAPES)}
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        src = web_dir / gold["source"]
        if not src.exists():
            continue
        doc = load_path(src)
        plans = {"web copy": parse(doc)}
        for name, shape in SHAPES.items():
            plans[name] = parse(load_bytes(shape(doc.text).encode(), f"{src.stem}.txt"))
        for name, plan in plans.items():
            s = score_plan(gold, plan, gold_path.stem)
            out[name].per_plan[gold_path.stem] = s
            out[name].total.add(s)
    return out


def rendered(gold_dir: Path, rendered_dir: Path) -> dict[str, Evaluation]:
    """The hold-out's web copies as rendered to DOCX, PDF and PDF text (scripts/render.py)."""
    from render import SHAPES

    out = {name: Evaluation({}, Score()) for name in SHAPES}
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        stem = Path(gold["source"]).stem
        for name, ext in SHAPES.items():
            src = rendered_dir / name / f"{stem}{ext}"
            if src.exists():
                s = score_plan(gold, parse(load_path(src)), gold_path.stem)
                out[name].per_plan[gold_path.stem] = s
                out[name].total.add(s)
    return out


def reshaped_report(evs: dict[str, Evaluation], what: str = "web copies") -> str:
    cols = (*KINDS, "metadata")
    n = len(next(iter(evs.values())).per_plan)
    out = [f"{f'{n} {what}, per-plan mean':<32}" + "".join(f"{SHORT[k]:>6}" for k in cols)]
    for name, ev in evs.items():
        out.append(f"{'  as ' + name:<32}" + "".join(f"{ev.mean(k):6.2f}" for k in cols))
    return "\n".join(out)


def report(ev: Evaluation, verbose: bool = False) -> str:
    cols = (*KINDS, "metadata")
    out = [f"{'plan (F1 per kind)':<32}" + "".join(f"{SHORT[k]:>6}" for k in cols)]
    for name, s in ev.per_plan.items():
        out.append(f"{name[:32]:<32}" + "".join(f"{plan_figure(s, k):6.2f}" for k in cols))
    out.append(f"{'per-plan mean':<32}" + "".join(f"{ev.mean(k):6.2f}" for k in cols))
    s = ev.total
    out += ["", f"{'micro average':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for kind in KINDS:
        c = s.count(kind)
        out.append(
            f"{kind:<12} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}"
        )
    out.append(
        f"metadata fields right: {s.metadata_right}/{s.metadata_total} "
        f"({s.metadata_right / max(1, s.metadata_total):.1%})"
    )
    out.append(
        f"section titles right:  {s.titles_right}/{s.titles_total}; "
        f"top-level kinds right: {s.kinds_right}/{s.kinds_total}"
    )
    if s.target_pairs:
        parts = ", ".join(
            f"{k} {v / s.target_pairs:.1%}" for k, v in sorted(s.target_attrs.items())
        )
        out.append(f"matched targets ({s.target_pairs}): {parts}")
    if verbose:
        out += ["  " + m for m in s.misses]
    return "\n".join(out)


def floors(ev: Evaluation) -> str:
    """The figures as Python literals for tests/test_accuracy_floors.py (rounded down)."""

    def down(x: float) -> str:
        return f"{math.floor(x * 100 + 1e-9) / 100:.2f}"

    cols = (*KINDS, "metadata")
    rows = [
        f'    "{name}": (' + ", ".join(down(plan_figure(s, k)) for k in cols) + "),"
        for name, s in ev.per_plan.items()
    ]
    return "\n".join([*rows, "MEAN_FLOORS = (" + ", ".join(down(ev.mean(k)) for k in cols) + ")"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", type=Path, action="append", help="folder of sources (repeatable)")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests/gold")
    ap.add_argument(
        "--holdout",
        action="store_true",
        help="score the hold-out plans (tests/holdout: corpus plans annotated without the parser)",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--floors", action="store_true", help="print the floors for the tests")
    ap.add_argument(
        "--reshaped",
        action="store_true",
        help="score the hold-out's web copies, and the 12 annotated plans, also as PDF text and "
        "as a crawl of the whole plan",
    )
    ap.add_argument(
        "--rendered",
        action="store_true",
        help="score the hold-out's web copies rendered to DOCX, PDF and PDF text (tests/rendered)",
    )
    args = ap.parse_args()
    if args.rendered:
        evs = rendered(ROOT / "tests/holdout", ROOT / "tests/rendered")
        if args.verbose:
            for name, ev in evs.items():
                print(f"== {name}\n" + report(ev, verbose=True))
        print(reshaped_report(evs))
        return 0
    if args.reshaped:
        print(reshaped_report(reshaped(ROOT / "tests/holdout", ROOT / "data/corpus/web")))
        print(reshaped_report(reshaped(ROOT / "tests/gold", ROOT / "data/raw"), "annotated plans"))
        return 0
    if args.holdout:
        args.gold, args.raw = ROOT / "tests/holdout", args.raw or HOLDOUT_RAW
    ev = evaluate(args.raw or [ROOT / "data/raw"], args.gold)
    print(floors(ev) if args.floors else report(ev, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
