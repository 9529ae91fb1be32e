"""Scanned PDF -> text lines through Tesseract OCR with Vietnamese data.

Pages are rendered with pypdfium2 and read by the `tesseract` program (Debian:
tesseract-ocr, tesseract-ocr-vie); its TSV output gives every word with its box, so the
same layout rules as for a text layer (layout.py) put the words into lines, columns,
paragraphs and footnotes.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import statistics
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from typing import Any

import regex

from kehoach.datafiles import load
from kehoach.read.layout import Page, Word, page_lines
from kehoach.text import ascii_key, key, upper_ratio

DPI = 300
TIMEOUT = 180  # seconds per page
MIN_CONFIDENCE = 10.0  # Tesseract's word confidence (0-100); below is speckle, not a word


class OcrError(Exception):
    """OCR cannot run or failed; the message says what is missing."""


def available() -> str | None:
    """Why OCR cannot run here, or None when Tesseract with Vietnamese is installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        done = subprocess.run(
            [exe, "--list-langs"], capture_output=True, timeout=30, check=False, text=True
        )
    except (OSError, subprocess.TimeoutExpired):
        return "Tesseract does not run"
    if "vie" not in done.stdout.split():
        return "Tesseract has no Vietnamese data (apt-get install tesseract-ocr-vie)"
    return None


def ocr_pdf(data: bytes) -> tuple[list[str], list[int], int]:
    """(lines, page of each line, pages) of a scanned PDF."""
    missing = available()
    if missing:
        raise OcrError(missing)
    from kehoach.read.pdf import open_pdf

    doc = open_pdf(data)
    count = len(doc)
    with tempfile.TemporaryDirectory() as tmp:
        images: list[tuple[int, str, float, float]] = []
        for k in range(count):
            page = doc[k]
            width, height = page.get_size()
            img = _without_seal(page.render(scale=DPI / 72).to_pil())
            path = os.path.join(tmp, f"p{k + 1}.png")
            img.save(path)
            images.append((k + 1, path, float(width), float(height)))
            page.close()
        doc.close()
        workers = max(1, min(len(images), (os.cpu_count() or 1)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pages = list(pool.map(lambda im: _ocr_page(*im), images))
    lines, line_pages = page_lines(pages)
    return correct(lines), line_pages, count


@cache
def _known() -> tuple[dict[str, str], dict[str, str], list[tuple[regex.Pattern[str], str]]]:
    """Fixed lines and province names by their key without marks, and the replacements."""
    data = load("formats")["ocr"]
    page = load("page")
    fixed = {_bare(t): t for t in [*data["fixed_lines"], *page["doc_types"]]}
    provinces = {_bare(p): p for p in page["provinces"]}
    subs = [(regex.compile(p), r) for p, r in data["replace"]]
    return fixed, provinces, subs


def _bare(s: str) -> str:
    return str(regex.sub(r"[^a-z0-9]+", "", ascii_key(s)))


_WORD = regex.compile(r"\p{L}+")


def correct(lines: list[str]) -> list[str]:
    """OCR text with the misreadings fixed that can be fixed for sure: fixed lines and
    province names with wrong marks, the date line's punctuation, a Roman numeral of a
    top heading read one stroke short or long ('II.' for 'III.' after 'II.')."""
    fixed, provinces, subs = _known()
    out: list[str] = []
    roman = 0
    for line in lines:
        text = line
        want = _fixed(text, fixed)
        if want is not None:
            text = want.upper() if text.isupper() and not want.isupper() else want
        text = _provinces(text, provinces)
        for pattern, repl in subs:
            text = pattern.sub(repl, text)
        text, roman = _roman(text, roman)
        out.append(mend_marks(text))
    return out


@cache
def _pairs() -> tuple[dict[str, tuple[str, frozenset[str]]], dict[str, int]]:
    """data/ocr_pairs.tsv (scripts/ocr_vocabulary.py): each pair of syllables without
    marks -> its usual spelling in the genre and the other spellings seen; and how often
    the plans use each syllable."""
    text = resources.files("kehoach").joinpath("data", "ocr_pairs.tsv").read_text("utf-8")
    lines = text.splitlines()
    counts = {w: int(n) for w, n in (x.rsplit(":", 1) for x in lines[0].split("\t")[1].split())}
    pairs = {}
    for line in lines[1:]:
        bare, usual, others = line.split("\t")
        pairs[bare] = (usual, frozenset(others.split("|")) if others else frozenset())
    return pairs, counts


# A syllable the plans use this many times less than the usual spelling is OCR's misreading.
_RARER = 50


def mend_marks(line: str) -> str:
    """OCR's marks mended where the genre leaves no doubt: a pair of syllables the plans
    always spell one way ('kiểm tra'), read another way that they never use, through a
    syllable they use far less ('kiêm'). A capitalised word inside a line in small
    letters is a name ('xã Tà Năng') and stays as read."""
    pairs, counts = _pairs()
    words = list(_WORD.finditer(line))
    upper = line.isupper()
    new: dict[int, tuple[int, str]] = {}
    for m1, m2 in itertools.pairwise(words):
        if line[m1.end() : m2.start()] != " ":
            continue
        a, b = key(m1.group()), key(m2.group())
        got = pairs.get(f"{ascii_key(a)} {ascii_key(b)}")
        if got is None or f"{a} {b}" == got[0] or f"{a} {b}" in got[1]:
            continue
        changes = {}
        for m, was, usual in zip((m1, m2), (a, b), got[0].split(" "), strict=True):
            if was == usual:
                continue
            name = m.group()[:1].isupper() and not upper and m.start() > 0
            if name or counts.get(was, 0) * _RARER > counts.get(usual, 0):
                break
            changes[m.start()] = (m.end(), _cased(m.group(), usual))
        else:
            new.update(changes)
    for start in sorted(new, reverse=True):
        end, word = new[start]
        line = line[:start] + word + line[end:]
    return line


def _cased(was: str, word: str) -> str:
    if was.isupper() and len(was) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if was[:1].isupper() else word


def _fixed(text: str, fixed: dict[str, str]) -> str | None:
    """The fixed line this line is, but for marks, punctuation and one letter OCR added,
    lost or changed ('KÉẺ HOẠCH')."""
    if len(text) > 60:
        return None
    bare = _bare(text)
    if bare in fixed:
        return fixed[bare]
    if len(bare) < 6:
        return None
    near = [v for k, v in fixed.items() if abs(len(k) - len(bare)) <= 1 and _one_edit(k, bare)]
    return near[0] if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _provinces(text: str, provinces: dict[str, str]) -> str:
    words = list(_WORD.finditer(text))
    k = 0
    parts: list[str] = []
    last = 0
    while k < len(words):
        for n in (4, 3, 2):
            span = words[k : k + n]
            if len(span) < n:
                continue
            a, b = span[0].start(), span[-1].end()
            if not all(w.group(0)[:1].isupper() for w in span):
                continue  # a name is capitalised: 'báo cáo bằng văn bản' is no 'Cao Bằng'
            name = provinces.get(_bare(text[a:b]))
            if name is not None and text[a:b] != name:
                parts += [text[last:a], name.upper() if text[a:b].isupper() else name]
                last, k = b, k + n
                break
        else:
            k += 1
    return "".join(parts) + text[last:]


_ROMAN_HEAD = regex.compile(r"^(?P<r>[IVXLHl1|]{1,6})\.(?=\s*\p{Lu}{2})")
# Glyphs OCR reads for the stroke 'I' beside a true numeral ('IH.' for 'II.', 'Il.', 'I1.')
_STROKES = str.maketrans("Hl1|", "IIII")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
           "XIII", "XIV", "XV"]  # fmt: skip


def _roman(text: str, last: int) -> tuple[str, int]:
    """Top headings count I, II, III ...: a numeral one stroke away from the next one
    ('II' for 'III', 'V' for 'IV') is the next one; another numeral starts a new count
    (an appendix's own 'I.')."""
    m = _ROMAN_HEAD.match(text)
    if not m or upper_ratio(text) < 0.7:
        return text, last
    got = m.group("r")
    if not set(got) & set("IVXL"):
        return text, last  # '1.', 'H.': an arabic number or a letter, never a numeral
    got = got.translate(_STROKES)  # 'IH' is 'II' (a numeral as printed stays)
    value = _ROMANS.index(got) + 1 if got in _ROMANS else 0
    if value == last + 1:
        return got + text[m.end("r") :], value
    if last >= len(_ROMANS):
        return text, value or last
    want = _ROMANS[last]
    if got == want or _one_stroke(want, got):
        return want + text[m.end("r") :], last + 1
    return text, value or last


def _one_stroke(a: str, b: str) -> bool:
    """One 'I' stroke more or less ('III'/'II', 'IV'/'V'): what OCR loses or adds."""
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(
        long[k] == "I" and long[:k] + long[k + 1 :] == short for k in range(len(long))
    )


def _without_seal(img: Any) -> Any:
    """The page in grey with red and blue ink (the seal, the signature, a 'SAO Y' stamp
    printed over the text) turned white: Tesseract then sees only the black type."""
    from PIL import ImageChops

    rgb = img.convert("RGB")
    r, g, b = rgb.split()
    red = ImageChops.subtract(r, g).point(lambda v: 255 if v > 50 else 0)
    blue = ImageChops.subtract(b, r).point(lambda v: 255 if v > 50 else 0)
    ink = ImageChops.lighter(red, blue)
    grey = rgb.convert("L")
    return ImageChops.lighter(grey, ink)


def _ocr_page(number: int, path: str, width: float, height: float) -> Page:
    try:
        done = subprocess.run(
            ["tesseract", path, "stdout", "-l", "vie", "--psm", "3", "tsv"],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise OcrError(f"Tesseract took more than {TIMEOUT} s on page {number}") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"Tesseract failed on page {number} ({why[-1] if why else '?'})")
    return Page(number, width, height, tsv_words(done.stdout.decode("utf-8", "replace")))


def tsv_words(tsv: str, scale: float = 72 / DPI) -> list[Word]:
    """Words of Tesseract's TSV, in PDF points. A word's size is its line's height, so
    that words of one line share it as printed words share their font size."""
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    line_height: dict[tuple[str, str, str, str], float] = {}
    for r in rows:
        if r.get("level") == "4":
            key = (r["page_num"], r["block_num"], r["par_num"], r["line_num"])
            line_height[key] = float(r["height"]) * scale
    heights = list(line_height.values())
    typical = statistics.median(heights) if heights else 12.0
    words: list[Word] = []
    for r in rows:
        if r.get("level") != "5" or not (r.get("text") or "").strip():
            continue
        try:
            conf = float(r["conf"])
        except (TypeError, ValueError):
            continue
        if conf < MIN_CONFIDENCE:
            continue
        key = (r["page_num"], r["block_num"], r["par_num"], r["line_num"])
        h = line_height.get(key, typical)
        size = typical if abs(h - typical) < 0.25 * typical else h
        x, y = float(r["left"]) * scale, float(r["top"]) * scale
        w, hh = float(r["width"]) * scale, float(r["height"]) * scale
        words.append(Word(r["text"].strip(), x, x + w, y, y + hh, size / 1.2))
    return words
