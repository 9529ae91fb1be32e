"""make corpus: parse every plan under data/corpus and check what can be checked without
a hand annotation, per shape (web Markdown, crawl) and in total.

Checks: the file parses; the title block is complete (number, issuer, date and title,
where the text prints them); the top-level outline is in sequence; every quote is
verbatim and inside its span; no target's value is a list label, a year or a document
number; every input line is accounted for; and agency-like names missing from the
gazetteer (grow data/agencies.yaml from these).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from kehoach.model import Plan
from kehoach.pipeline import parse
from kehoach.read.load import InputError, load_path
from kehoach.structure.lines import clean

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"

# What the head of a text shows it prints (first 2,000 characters).
_HAS_NUMBER = regex.compile(r"Số\s*:?\s*\d+\s*/")
_HAS_DATE = regex.compile(r"ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s*năm|[/.-]\d{1,2}[/.-])\s*\d{4}")
_HAS_ISSUER = regex.compile(r"(?:ỦY|UỶ) BAN NHÂN DÂN|^\W*(?:SỞ|BỘ|BAN|TỈNH ỦY|UBND)\b", regex.M)
_HAS_TITLE = regex.compile(
    r"(?<!\p{L})(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|ĐỀ ÁN)(?:\s*\*+)?(?:\s|$)(?!\s*(?:SỐ|số)\b)"
)
_LABEL_WORDS = r"(?:Chỉ tiêu|Mục tiêu|Nhiệm vụ|Hoạt động|Giải pháp|Bước|Điều|Khoản|Mục)"


@dataclass
class Shape:
    files: int = 0
    parsed: int = 0
    head_expected: int = 0
    head_complete: int = 0
    with_outline: int = 0
    outline_in_sequence: int = 0
    quotes: int = 0
    quotes_bad: int = 0
    targets: int = 0
    targets_bad: int = 0
    lines: int = 0
    lines_unplaced: int = 0
    files_unplaced: int = 0
    errors: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    out_of_sequence: list[str] = field(default_factory=list)
    bad_quotes: list[str] = field(default_factory=list)
    bad_targets: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    unknown: Counter[str] = field(default_factory=Counter)

    def add(self, other: Shape) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)


def _flat(text: str) -> str:
    """Whitespace, Markdown marks and cell separators out: how quotes are compared."""
    return regex.sub(r"[\s|*_\\]+", "", text)


def check(path: Path, s: Shape) -> None:
    s.files += 1
    try:
        plan = parse(load_path(path))
    except InputError as exc:
        s.errors.append(str(exc))
        return
    except Exception as exc:  # a crash is what this run is for: report it, go on
        s.errors.append(f"{path}: crash {type(exc).__name__}: {exc}")
        return
    s.parsed += 1
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
    text = text.replace("\r\n", "\n")
    _title_block(plan, text[:2000], path, s)
    _outline(plan, path, s)
    _quotes(plan, text.split("\n"), path, s)
    _targets(plan, path, s)
    q = plan.quality
    if q is not None:
        n = sum(sp.line_end - sp.line_start + 1 for sp in q.unplaced)
        s.lines += plan.source.lines
        s.lines_unplaced += n
        if n:
            s.files_unplaced += 1
            spans = ", ".join(f"{sp.line_start}-{sp.line_end}" for sp in q.unplaced[:4])
            s.unplaced.append(f"{path.name}: {n} line(s): {spans}")
        s.unknown.update(q.unknown_agency_like)


def _title_block(plan: Plan, head: str, path: Path, s: Shape) -> None:
    m = plan.metadata
    want = {
        "number": bool(_HAS_NUMBER.search(head)),
        "issuer": bool(_HAS_ISSUER.search(head)),
        "issued_date": bool(_HAS_DATE.search(head)),
        "title": bool(_HAS_TITLE.search(head)),
    }
    if not any(want.values()):
        return
    s.head_expected += 1
    missing = [f for f, expected in want.items() if expected and not getattr(m, f)]
    if missing:
        s.incomplete.append(f"{path.name}: no {', '.join(missing)}")
    else:
        s.head_complete += 1


def _outline(plan: Plan, path: Path, s: Shape) -> None:
    if not plan.sections or plan.sections[0].style == "none":
        return
    s.with_outline += 1
    if plan.quality is not None and plan.quality.outline_in_sequence:
        s.outline_in_sequence += 1
    else:
        top = " ".join(x.label for x in plan.sections if x.kind != "appendix")
        s.out_of_sequence.append(f"{path.name}: {top}")


def _quotes(plan: Plan, lines: list[str], path: Path, s: Shape) -> None:
    quoted = [(t.quote, t.span) for t in plan.targets]
    quoted += [(d.quote, d.span) for d in plan.deadlines]
    quoted += [(r.quote, r.span) for r in plan.references]
    for quote, span in quoted:
        s.quotes += 1
        held = _flat(" ".join(clean(x) for x in lines[span.line_start - 1 : span.line_end]))
        if _flat(clean(quote)) not in held:
            s.quotes_bad += 1
            s.bad_quotes.append(f"{path.name}:{span.line_start}-{span.line_end}: {quote[:80]!r}")


def _targets(plan: Plan, path: Path, s: Shape) -> None:
    for t in plan.targets:
        s.targets += 1
        why = _not_a_value(t.value, t.unit, t.quote)
        if why:
            s.targets_bad += 1
            s.bad_targets.append(f"{path.name}:{t.span.line_start}: {why}: {t.quote[:80]!r}")


def _not_a_value(value: float, unit: str | None, quote: str) -> str | None:
    """Why the target's value is not a value, judged from its quote: the number appears
    there only as a year, a list label or part of a document number."""
    if value != int(value):
        return None
    n = str(int(value))
    every = list(regex.finditer(rf"(?<![\d.,]){n}(?![\d.,]\d)", quote))
    if not every:
        return None
    if 1945 <= value <= 2100 and unit is None:
        return "a year"
    labels = regex.compile(rf"{_LABEL_WORDS}\s+0*{n}\b|\(0*{n}\)|^\s*0*{n}\s*[.)]\s")
    if all(_inside(m, labels, quote) for m in every):
        return "a list label"
    numbers = regex.compile(
        rf"(?<![\d.,]){n}\s*/\s*(?:\d{{4}}\s*/\s*)?\p{{Lu}}{{2,}}|(?<![\d.,]){n}-\p{{Lu}}{{2,}}"
    )
    if all(_inside(m, numbers, quote) for m in every):
        return "a document number"
    return None


def _inside(m: regex.Match[str], pattern: regex.Pattern[str], text: str) -> bool:
    """Is the number at `m` part of a match of `pattern`?"""
    return any(p.start() <= m.start() < p.end() for p in pattern.finditer(text))


def measure(paths: list[Path]) -> dict[str, Shape]:
    shapes: dict[str, Shape] = {}
    for path in paths:
        check(path, shapes.setdefault(path.parent.name, Shape()))
    total = Shape()
    for shape in shapes.values():
        total.add(shape)
    shapes["total"] = total
    return shapes


def corpus_files(root: Path = CORPUS) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".md") and p.parent != root)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "—"


def report(shapes: dict[str, Shape], verbose: bool = False) -> str:
    rows = [
        ("files parsed without error", lambda s: _pct(s.parsed, s.files)),
        ("title block complete", lambda s: _pct(s.head_complete, s.head_expected)),
        ("top-level outline in sequence", lambda s: _pct(s.outline_in_sequence, s.with_outline)),
        ("quotes verbatim inside their span", lambda s: _pct(s.quotes - s.quotes_bad, s.quotes)),
        ("targets that are labels/years/doc numbers", lambda s: f"{s.targets_bad}/{s.targets}"),
        ("input lines accounted for nowhere", lambda s: f"{s.lines_unplaced}/{s.lines}"),
        ("files with lines accounted for nowhere", lambda s: f"{s.files_unplaced}/{s.parsed}"),
        ("agency-like names not in the gazetteer", lambda s: str(len(s.unknown))),
    ]
    names = list(shapes)
    out = [f"{'':44}" + "".join(f"{n:>20}" for n in names)]
    for label, fn in rows:
        out.append(f"{label:44}" + "".join(f"{fn(shapes[n]):>20}" for n in names))
    total = shapes["total"]
    if total.unknown:
        common = ", ".join(f"{k} ({v})" for k, v in total.unknown.most_common(25))
        out += ["", f"most frequent unknown agency-like names: {common}"]
    if verbose:
        for title, items in (
            ("errors", total.errors),
            ("title block incomplete", total.incomplete),
            ("outline out of sequence", total.out_of_sequence),
            ("quotes not in their span", total.bad_quotes),
            ("targets that are not values", total.bad_targets),
            ("lines accounted for nowhere", total.unplaced),
        ):
            if items:
                out += ["", f"{title}:"] + [f"  {x}" for x in items]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path, help="files or folders (default data/corpus)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failed check")
    args = ap.parse_args()
    files: list[Path] = []
    for p in args.paths or [CORPUS]:
        files += corpus_files(p) if p.is_dir() else [p]
    print(report(measure(files), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
