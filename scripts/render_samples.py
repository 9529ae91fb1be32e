"""Render sample plans as the files users download: Word (.docx, .doc), PDF and a web page.

Run once by hand; the results are committed under tests/fixtures/formats/ so that the
tests (and CI) need no LibreOffice:

    .venv/bin/python scripts/render_samples.py        # needs soffice (LibreOffice)

Each text line becomes a justified, first-line-indented paragraph (so a PDF wraps it
over several printed lines), the title block a borderless two-column table, pipe rows a
ruled table; the Word file has a page-number footer and a running header, and one
paragraph carries a footnote. LibreOffice prints the .docx to PDF and saves it as
Word 97 (.doc). The web page wraps the body in a site's menu, related-document list
and footer.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import regex

from kehoach.structure.lines import clean

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
OUT = ROOT / "tests" / "fixtures" / "formats"
SAMPLES = [
    "langson-272-KH-UBND-2024",
    "langson-244-KH-UBND-2024",
    "langson-176-KH-UBND-2023",
]

_MOTTO = regex.compile(r"CỘNG HÒA XÃ HỘI|Độc lập\s*-\s*Tự do|^\s*-{3,}\s*$", regex.I)
_DATE = regex.compile(r"\p{Lu}[\p{L} ]+,\s*ngày\b", regex.I)
_DOCTYPE = regex.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH)$")
_ISSUER = regex.compile(r"^(?:ỦY BAN|UỶ BAN|UBND|SỞ|TỈNH|THÀNH PHỐ)|^Số\s*:")
FOOTNOTE = "Quyết định số 801/QĐ-TTg ngày 07/7/2022 của Thủ tướng Chính phủ."

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _run(text: str, bold: bool = False, sup: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ('<w:vertAlign w:val="superscript"/>' if sup else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, align: str = "both", indent: bool = True, bold: bool = False) -> str:
    ind = '<w:ind w:firstLine="567"/>' if indent else ""
    ppr = f'<w:pPr><w:jc w:val="{align}"/>{ind}<w:spacing w:after="60"/></w:pPr>'
    return f"<w:p>{ppr}{_run(text, bold)}</w:p>"


def _table(rows: list[list[str]], borders: bool, widths: list[int] | None = None) -> str:
    ncol = max(len(r) for r in rows)
    widths = widths or [9000 // ncol] * ncol
    b = "single" if borders else "nil"
    tbl_borders = "".join(
        f'<w:{e} w:val="{b}" w:sz="4" w:space="0" w:color="000000"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>{tbl_borders}'
        "</w:tblBorders></w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for r in rows:
        cells = r + [""] * (ncol - len(r))
        out.append("<w:tr>")
        for c, width in zip(cells, widths, strict=True):
            paras = "".join(
                _para(part, "center" if not borders else "left", False) for part in c.split("\n")
            )
            if not borders:  # the title block is printed in 12 pt
                paras = paras.replace("<w:r>", '<w:r><w:rPr><w:sz w:val="24"/></w:rPr>')
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paras}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _title_block(lines: list[str]) -> tuple[list[str], list[str]]:
    left: list[str] = []
    right: list[str] = []
    for ln in lines:
        for cell in [c.strip() for c in ln.strip().strip("|").split("|")] if "|" in ln else [ln]:
            if not cell or regex.fullmatch(r"-+", cell):
                continue
            (right if _MOTTO.search(cell) or _DATE.search(cell) else left).append(cell)
    return left, right


def body_xml(text: str, stem: str) -> str:
    lines = [clean(ln) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not regex.fullmatch(r"[-\s]*", ln)]
    parts: list[str] = []
    k = 0
    doc_type = next((i for i, ln in enumerate(lines) if _DOCTYPE.match(ln)), None)
    head = (
        next((i for i in range(doc_type) if _ISSUER.match(lines[i]) or "|" in lines[i]), None)
        if doc_type is not None
        else None
    )
    noted = False
    while k < len(lines):
        ln = lines[k]
        if head is not None and doc_type is not None and k == head:
            left, right = _title_block(lines[head:doc_type])
            rows = [["\n".join(left), "\n".join(right)]]
            parts.append(_table(rows, borders=False, widths=[3400, 6000]))
            k = doc_type
            continue
        if ln.startswith("|") or ln.count(" | ") >= 2:
            rows = []
            while k < len(lines) and (lines[k].startswith("|") or lines[k].count(" | ") >= 2):
                rows.append([c.strip() for c in lines[k].strip().strip("|").split("|")])
                k += 1
            parts.append(_table(rows, borders=True))
            continue
        if (doc_type is not None and k == doc_type) or (
            doc_type is not None and k == doc_type + 1 and ln.isupper()
        ):
            parts.append(_para(ln, "center", False, True))
        elif not noted and "801/QĐ-TTg" in ln:
            # One footnote, as Word prints it: a raised mark, the note at the page's foot.
            cut = ln.index("801/QĐ-TTg") + len("801/QĐ-TTg")
            parts.append(
                '<w:p><w:pPr><w:jc w:val="both"/><w:ind w:firstLine="567"/></w:pPr>'
                + _run(ln[:cut])
                + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>' + _run(ln[cut:]) + "</w:p>"
            )
            noted = True
        else:
            parts.append(_para(ln))
        k += 1
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
        '<w:footerReference w:type="default" r:id="rIdF"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" '
        'w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    return f"<w:document {W}><w:body>{''.join(parts)}{sect}</w:body></w:document>"


def write_docx(path: Path, text: str, stem: str) -> None:
    styles = (
        f"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/>'
        '<w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>'
    )
    header = (
        f'<w:hdr {W}><w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
        + _run(f"Bản điện tử {stem}")
        + "</w:p></w:hdr>"
    )
    footer = (
        f'<w:ftr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
    )
    notes = (
        f"<w:footnotes {W}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {escape(FOOTNOTE)}</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
        '<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
        "</Relationships>"
    )
    ctypes = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("[Content_Types].xml", ctypes),
            ("_rels/.rels", root_rels),
            ("word/document.xml", body_xml(text, stem)),
            ("word/styles.xml", styles),
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
            ("word/footnotes.xml", notes),
            ("word/_rels/document.xml.rels", rels),
        ):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, data, zipfile.ZIP_DEFLATED)


def write_html(path: Path, text: str) -> None:
    lines = [clean(ln) for ln in text.splitlines() if clean(ln)]
    body: list[str] = []
    rows: list[str] = []
    for ln in [*lines, ""]:
        if ln.startswith("|") or ln.count(" | ") >= 2:
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if rows:
            body.append("<table border='1'>" + "".join(rows) + "</table>")
            rows = []
        if ln:
            body.append(f"<p>{html.escape(ln)}</p>")
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Văn bản pháp luật</title>
<script>var menu = "Trang chủ";</script><style>p {{ margin: 0 }}</style></head>
<body>
<header class="site-header"><div class="logo">Cổng thông tin văn bản</div>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/vb">Văn bản mới</a></li>
<li><a href="/lh">Liên hệ</a></li></ul></nav></header>
<div class="breadcrumb">Trang chủ › Văn bản › Kế hoạch</div>
<main><article class="doc-content" id="toanvan">
{chr(10).join(body)}
</article></main>
<aside class="related"><h3>Văn bản liên quan</h3><ul>
<li><a href="/1">Quyết định 1058/QĐ-TTg năm 2023 phê duyệt Chiến lược</a></li>
<li><a href="/2">Kế hoạch 99/KH-UBND năm 2024 về chuyển đổi số</a></li></ul></aside>
<footer class="site-footer"><p>Bản quyền thuộc Cổng thông tin. Địa chỉ: 12 Lê Lợi.</p>
<p>Giấy phép số 123/GP-TTĐT.</p></footer>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


def _pdf_and_doc(soffice: str, docx: Path) -> None:
    """`docx` printed to PDF and saved as Word 97 by LibreOffice, next to it in OUT."""
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, ext in (("pdf:writer_pdf_Export", "pdf"), ("doc:MS Word 97", "doc")):
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    f"-env:UserInstallation=file://{tmp}/u",
                    "--convert-to",
                    fmt,
                    "--outdir",
                    tmp,
                    str(docx),
                ],
                check=True,
                capture_output=True,
            )
            shutil.copy(Path(tmp) / f"{docx.stem}.{ext}", OUT / f"{docx.stem}.{ext}")


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("render_samples: needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    OUT.mkdir(parents=True, exist_ok=True)
    for stem in SAMPLES:
        text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
        for old in OUT.glob(f"{stem}.*"):
            old.unlink()
        docx = OUT / f"{stem}.docx"
        write_docx(docx, text, stem)
        write_html(OUT / f"{stem}.html", text)
        _pdf_and_doc(soffice, docx)
        print(f"rendered {stem}: .docx .pdf .doc .html")
    # A real Word plan (title block and signature in tables, a footnote, a ruled task
    # table that Word breaks across pages) printed to PDF and saved as Word 97.
    for docx in sorted(RAW.glob("*.docx")):
        _pdf_and_doc(soffice, docx)
        print(f"rendered {docx.stem}: .pdf .doc")


if __name__ == "__main__":
    main()
