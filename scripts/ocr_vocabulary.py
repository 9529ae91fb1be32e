"""Build src/kehoach/data/ocr_pairs.tsv: the genre's word pairs, for mending OCR's marks.

Tesseract reads the marks of Vietnamese badly: 'kiêm tra' for 'kiểm tra', 'câp tỉnh' for
'cấp tỉnh', 'triên khai' for 'triển khai'. The plans in this repository (data/corpus and
data/raw) show how the genre spells each pair of syllables; where one spelling of a pair
is nearly the only one (three times or more, four in five), OCR's other spelling of it is
mended, if the plans use its syllable fifty times less than the usual one (see
kehoach.read.ocr.mend_marks).

Run it again when the corpus grows: `python scripts/ocr_vocabulary.py`.
Output: a first line '#counts\\t<syllable>:<times the plans use it> ...', then one line
per pair, '<pair without marks>\\t<the usual spelling>\\t<other spellings seen,
|-separated>', sorted.
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter, defaultdict
from pathlib import Path

import regex

from kehoach.read.load import load_path
from kehoach.text import ascii_key, key

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "kehoach" / "data" / "ocr_pairs.tsv"
SOURCES = [
    ROOT / "data" / "corpus" / "web",
    ROOT / "data" / "corpus" / "crawl",
    ROOT / "data" / "raw",
]
WORD = regex.compile(r"\p{L}+")
MIN_COUNT = 3  # a pair the plans use this often ...
MIN_SHARE = 0.8  # ... in this share of its spellings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=OUT, help="where to write (default: %(default)s)")
    out = ap.parse_args().out
    pairs: Counter[tuple[str, str]] = Counter()
    words: Counter[str] = Counter()
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".md", ".txt"):
                continue
            syllables = [key(w) for w in WORD.findall(load_path(path).text)]
            words.update(syllables)
            pairs.update(itertools.pairwise(syllables))
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), n in pairs.items():
        spellings[f"{ascii_key(a)} {ascii_key(b)}"][f"{a} {b}"] += n
    lines = []
    for bare, seen in spellings.items():
        (usual, n), *_ = seen.most_common()
        if n >= MIN_COUNT and n >= MIN_SHARE * sum(seen.values()):
            others = "|".join(sorted(s for s in seen if s != usual))
            lines.append(f"{bare}\t{usual}\t{others}")
    counts = " ".join(f"{w}:{n}" for w, n in sorted(words.items()))
    out.write_text(f"#counts\t{counts}\n" + "\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{out}: {len(lines)} pairs, {len(words)} syllables")


if __name__ == "__main__":
    main()
