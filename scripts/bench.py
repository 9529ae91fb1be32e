"""make bench: parse throughput and peak memory, reported as ratios measured in one run.

The baseline is a single `regex` pass that finds every number in the same text: a floor
for any parser that must at least look at every character.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import regex

from kehoach import text
from kehoach.facts import agencies, assignments, deadlines, references, targets
from kehoach.pipeline import parse, read_structure
from kehoach.read.load import load_bytes, load_path

ROOT = Path(__file__).resolve().parent.parent
NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")


def fresh() -> None:
    """Forget per-text memos, so that identical copies cost what a new document costs."""
    for fn in (text.key, text.ascii_key, references._find, agencies.repair):
        fn.cache_clear()


def _time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--copies", type=int, default=300, help="copies of the samples in the large set"
    )
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    samples = [(p.name, p.read_bytes()) for p in sorted((ROOT / "data/raw").glob("*.txt"))]
    large = [(f"{i}-{n}", b) for i in range(args.copies // len(samples) + 1) for n, b in samples][
        : args.copies
    ]

    def parse_all(docs: list[tuple[str, bytes]]) -> None:
        for name, data in docs:
            fresh()
            parse(load_bytes(data, name))

    def regex_all(docs: list[tuple[str, bytes]]) -> None:
        for _, data in docs:
            sum(1 for _ in NUMBER.finditer(data.decode("utf-8")))

    def parse_dir(folder: Path) -> None:
        for path in sorted(folder.iterdir()):
            fresh()
            parse(load_path(path))

    def regex_dir(folder: Path) -> None:
        for path in sorted(folder.iterdir()):
            sum(1 for _ in NUMBER.finditer(path.read_text(encoding="utf-8")))

    parse_all(samples)  # warm caches (data files, compiled patterns)
    print(f"{'set':<22} {'MB':>7} {'parse MB/s':>11} {'regex MB/s':>11} {'ratio':>7}")
    mb = sum(len(b) for _, b in samples) / 1e6
    tp = _time(lambda: parse_all(samples), args.repeat * 4)
    tr = _time(lambda: regex_all(samples), args.repeat * 4)
    print(f"{'5 samples':<22} {mb:7.2f} {mb / tp:11.2f} {mb / tr:11.1f} {tp / tr:6.0f}x")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in large:
            (folder / f"{name}").write_bytes(data)
        mb = sum(len(b) for _, b in large) / 1e6
        tp = _time(lambda: parse_dir(folder), args.repeat)
        tr = _time(lambda: regex_dir(folder), args.repeat)
        label = f"dir of {len(large)} copies"
        print(f"{label:<22} {mb:7.2f} {mb / tp:11.2f} {mb / tr:11.1f} {tp / tr:6.0f}x")
    # Share of parse time each fact extractor takes, measured on the same trees.
    docs = [load_bytes(b, n) for n, b in samples]
    structures = [read_structure(d) for d in docs]
    t_parse = _time(lambda: [(fresh(), parse(d)) for d in docs], args.repeat * 4)
    t_tree = _time(lambda: [(fresh(), read_structure(d)) for d in docs], args.repeat * 4)
    shares = []
    for name, fn in (
        ("targets", targets.extract),
        ("assignments", assignments.extract),
        ("deadlines", deadlines.extract),
    ):
        t = _time(lambda f=fn: [(fresh(), f(s.root)) for s in structures], args.repeat * 4)
        shares.append(f"{name} {t / t_parse:.0%}")
    print(f"of parse time: structure {t_tree / t_parse:.0%}, " + ", ".join(shares))
    tracemalloc.start()
    biggest = max(samples, key=lambda s: len(s[1]))
    parse(load_bytes(biggest[1], biggest[0]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"peak memory parsing the largest sample ({len(biggest[1]) / 1e3:.0f} kB): "
        f"{peak / 1e6:.1f} MB ({peak / len(biggest[1]):.0f}x its size)"
    )


if __name__ == "__main__":
    main()
