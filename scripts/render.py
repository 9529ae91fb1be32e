"""The hold-out's web copies rendered as the files users download: DOCX, PDF, PDF text.

`scripts/reshape.py` imitates other shapes in Python; this renders them with the tools
that make them in real life, so that tables come out as a word processor and a PDF
reader lay them out:

- the web copy's logical lines (kehoach's own reading: paragraphs, tables as rows of
  cells) are written as HTML with real tables;
- LibreOffice turns the HTML into DOCX (tables with their borders and column widths, as
  Word prints them), then the DOCX into PDF;
- poppler's pdftotext gives the PDF's text twice: as a stream (`pdftotext`) and with
  its columns laid out (`pdftotext -layout`), the two kinds of PDF text users paste.

    python scripts/render.py OUT       # needs soffice and pdftotext on PATH

The results are kept in tests/rendered/ (made once; the tests read them and need none of
these tools). `make eval` scores them against the hold-out's annotations.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kehoach.read.load import load_path
from kehoach.structure.lines import split_lines
from kehoach.structure.logical import logical_lines

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {"docx": ".docx", "pdf": ".pdf", "pdftotext": ".txt", "pdftotext-layout": ".txt"}


def as_html(path: Path) -> str:
    """A web copy as HTML: one <p> per logical line, one <table> per run of rows."""
    lines = logical_lines(split_lines(load_path(path).text))
    out = ['<html><head><meta charset="utf-8"></head><body>']
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            grid = [r + [""] * (width - len(r)) for r in rows]
            # columns as wide as their text needs, as a drafter sets them (a number column
            # narrow, the task column wide); without widths every column gets the same
            need = [max(4, *(min(len(r[k]), 80) for r in grid)) for k in range(width)]
            share = [round(100 * n / sum(need)) for n in need]
            out.append('<table border="1" width="100%">')
            for i, r in enumerate(grid):
                tds = (
                    f'<td width="{share[k]}%">{html.escape(c)}</td>'
                    if i == 0
                    else f"<td>{html.escape(c)}</td>"
                    for k, c in enumerate(r)
                )
                out.append("<tr>" + "".join(tds) + "</tr>")
            out.append("</table>")
            rows.clear()

    for ln in lines:
        t = ln.text.strip()
        if t.startswith("|") and t.endswith("|") and t.count("|") >= 2:
            rows.append([c.strip() for c in t.strip("|").split("|")])
            continue
        flush()
        if t:
            out.append(f"<p>{html.escape(t)}</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def render(sources: list[Path], out: Path) -> None:
    for shape in SHAPES:
        (out / shape).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for src in sources:
            page = Path(tmp) / f"{src.stem}.html"
            page.write_text(as_html(src), encoding="utf-8")
            pages.append(str(page))
        docs = [str(out / "docx" / f"{src.stem}.docx") for src in sources]
        for fmt, shape, inputs in (("docx:MS Word 2007 XML", "docx", pages), ("pdf", "pdf", docs)):
            subprocess.run(
                ["soffice", "--headless", "--convert-to", fmt, "--outdir", out / shape, *inputs],
                check=True,
                capture_output=True,
            )
    for pdf in sorted((out / "pdf").glob("*.pdf")):
        txt = f"{pdf.stem}.txt"
        subprocess.run(["pdftotext", pdf, out / "pdftotext" / txt], check=True)
        subprocess.run(["pdftotext", "-layout", pdf, out / "pdftotext-layout" / txt], check=True)


def main() -> int:
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    if missing or len(sys.argv) != 2:
        print(__doc__ if not missing else f"render.py: not on PATH: {', '.join(missing)}")
        return 1
    render(sorted((ROOT / "data/corpus/web").glob("*.md")), Path(sys.argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
