"""PDF -> text lines with their pages, from the text layer and its geometry.

pdfplumber (MIT, on pdfminer.six) gives every word with its box and font size and finds
ruled tables; pypdfium2 (Apache-2.0/BSD), which pdfplumber already depends on, opens
the file first (fast refusal of encrypted or broken files, page count) and renders pages
for OCR. The layout rules (columns, page numbers, footnotes, joined lines) are in
layout.py and shared with OCR.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from kehoach.read.encodings import vietnamese_share
from kehoach.read.layout import Page, Table, Word, page_lines
from kehoach.text import join_wrapped

MAX_PAGES = 2000  # a plan has tens of pages; more is not a plan (or a hostile file)


class PdfError(Exception):
    """The PDF cannot be read; the message says why in a few words."""


class NoTextLayer(Exception):
    """The PDF has no usable text layer (scanned, or fonts that map to garbage)."""

    def __init__(self, reason: str, pages: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pages = pages


@dataclass(frozen=True)
class PdfText:
    lines: list[str]
    line_pages: list[int]
    pages: int


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]


def open_pdf(data: bytes) -> Any:
    """The document opened with pypdfium2; PdfError for encrypted or broken files."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise PdfError(
                "the PDF is encrypted (password-protected); remove the password first"
            ) from None
        why = str(exc).split(":")[-1].strip(" ).") or "damaged"
        raise PdfError(f"not a readable PDF ({why})") from None
    if len(doc) == 0:
        raise PdfError("the PDF has no pages")
    if len(doc) > MAX_PAGES:
        raise PdfError(f"the PDF has {len(doc)} pages, more than {MAX_PAGES}")
    return doc


def pdf_to_lines(data: bytes) -> PdfText:
    """Text lines of a PDF's text layer; NoTextLayer when there is none worth reading."""
    doc = open_pdf(data)
    count = len(doc)
    doc.close()
    pages = _pages(data)
    lines, line_pages = page_lines(pages)
    letters = sum(1 for ln in lines for c in ln if c.isalpha())
    if letters < 40 * count and letters < 400:
        raise NoTextLayer("a scanned PDF with no text layer", count)
    share = vietnamese_share(lines)
    if share < 0.55:
        raise NoTextLayer(
            f"a PDF whose text layer is garbled (only {share:.0%} of its words are Vietnamese)",
            count,
        )
    return PdfText(lines, line_pages, count)


def _pages(data: bytes) -> list[Page]:
    import pdfplumber

    out: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for k, pg in enumerate(pdf.pages, start=1):
                upright = pg.filter(
                    lambda o: o.get("object_type") != "char" or bool(o.get("upright"))
                )
                words = [
                    Word(
                        str(w["text"]),
                        float(w["x0"]),
                        float(w["x1"]),
                        float(w["top"]),
                        float(w["bottom"]),
                        float(w["size"]),
                    )
                    for w in upright.extract_words(
                        x_tolerance=1.5, keep_blank_chars=False, extra_attrs=["size"]
                    )
                ]
                tables = _tables(upright) if (pg.rects or pg.lines) else []
                out.append(Page(k, float(pg.width), float(pg.height), words, tables))
                pg.close()
    except PdfError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise PdfError(f"not a readable PDF ({type(exc).__name__})") from None
    return out


def _tables(page: Any) -> list[Table]:
    out: list[Table] = []
    for t in page.find_tables():
        grid = t.extract(x_tolerance=1.5)
        # a column no row has text in, and that some rows do not even have (a rule drawn
        # through only part of the table, such as a merged cell's edge): keeping it would
        # shift the cells of every row. An empty column of real cells ('Ghi chú') stays.
        width = max(map(len, grid), default=0)
        keep = [
            k
            for k in range(width)
            if any(k < len(r) and r[k] for r in grid)
            or all(k < len(r) and r[k] is not None for r in grid)
        ]
        rows = [[join_wrapped((r[k] or "").split("\n")) for k in keep if k < len(r)] for r in grid]
        filled = [r for r in rows if sum(1 for c in r if c) >= 2]
        if len(rows) < 2 or len(filled) < max(2, len(rows) // 2):
            # a box, underline or highlight around a paragraph, not a table: most rows
            # of a table have two cells or more with text
            continue
        x0, top, x1, bottom = t.bbox
        out.append(Table(float(x0), float(top), float(x1), float(bottom), rows))
    return out
