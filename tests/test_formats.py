"""Plans in the files users download: PDF, Word (.docx, .doc), web pages.

The renderings in fixtures/formats/ were made once from data/raw by
scripts/render_samples.py (LibreOffice); fixtures/formats/real/ holds copies of real
provincial files (see data/SOURCES.md, 'corpus/formats').
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RAW, ROOT, parsed

from kehoach.model import Plan
from kehoach.pipeline import parse
from kehoach.read.layout import Page, Word, page_lines
from kehoach.read.load import InputError, load_path
from kehoach.read.ocr import mend_marks

FIX = Path(__file__).resolve().parent / "fixtures" / "formats"
REAL = FIX / "real"
RENDERED = ["langson-244-KH-UBND-2024", "langson-272-KH-UBND-2024", "langson-176-KH-UBND-2023"]
HAS_DOC_TOOL = bool(shutil.which("antiword") or shutil.which("catdoc"))


def facts(plan: Plan) -> dict[str, list[tuple[object, ...]]]:
    """What a reader must not change: the outline and every fact, without line numbers."""
    return {
        "sections": [(s.path, s.title.lower()) for s in plan.walk()],
        "targets": [(t.section, t.indicator, t.value, t.unit, t.year) for t in plan.targets],
        "assignments": [
            (a.agency, a.section, len(a.duties), tuple(a.partners)) for a in plan.assignments
        ],
        "deadlines": [(d.section, d.recurrence, d.month, d.day, d.date) for d in plan.deadlines],
    }


@pytest.mark.parametrize("stem", RENDERED)
@pytest.mark.parametrize("ext", ["pdf", "docx", "html", "doc"])
def test_a_plan_printed_to_another_format_gives_the_same_plan(stem: str, ext: str) -> None:
    if ext == "doc" and not HAS_DOC_TOOL:
        pytest.skip("needs antiword or catdoc (apt-get install antiword) to read .doc")
    plan = parse(load_path(FIX / f"{stem}.{ext}"))
    text = parsed(stem)
    assert facts(plan) == facts(text)
    assert (plan.metadata.number, plan.metadata.issued_date, plan.metadata.issuer) == (
        text.metadata.number,
        text.metadata.issued_date,
        text.metadata.issuer,
    )


def _lines(path: Path) -> list[str]:
    return load_path(path).text.split("\n")


def test_pdf_drops_page_numbers_and_running_header_and_gathers_the_footnote() -> None:
    lines = _lines(FIX / "langson-244-KH-UBND-2024.pdf")
    # The running header 'Bản điện tử ...' and the footer page numbers are gone.
    assert not [ln for ln in lines if "Bản điện tử" in ln]
    assert "1" not in lines and "2" not in lines
    # The footnote mark stays glued as '[1]' (the line cleaner drops it), the note itself
    # comes after the body.
    body = next(ln for ln in lines if ln.startswith("Thực hiện Quyết định số 801"))
    assert "801/QĐ-TTg[1] ngày 07/7/2022" in body
    assert lines.index(body) < lines.index(
        "[1] Quyết định số 801/QĐ-TTg ngày 07/7/2022 của Thủ tướng Chính phủ."
    )


def test_pdf_joins_wrapped_lines_and_reads_the_title_block_as_two_columns() -> None:
    lines = _lines(FIX / "langson-272-KH-UBND-2024.pdf")
    raw = (RAW / "langson-272-KH-UBND-2024.txt").read_text(encoding="utf-8")
    long = next(ln for ln in raw.splitlines() if ln.startswith("Phát triển ngành nghề nông thôn"))
    assert long.strip() in lines  # printed over several lines, read as one
    head = lines[lines.index("ỦY BAN NHÂN DÂN") : lines.index("KẾ HOẠCH")]
    assert head == [
        "ỦY BAN NHÂN DÂN",
        "Số: 272/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Lạng Sơn, ngày 24 tháng 12 năm 2024",
    ]


def test_pdf_facts_carry_their_page() -> None:
    plan = parse(load_path(FIX / "langson-176-KH-UBND-2023.pdf"))
    assert plan.source.pages == 15 and plan.source.encoding == "pdf"
    pages = {t.span.page for t in plan.targets}
    assert None not in pages and len(pages) > 1
    first, last = plan.walk()[0], plan.walk()[-1]
    assert first.span.page == 1 and last.span.page is not None and last.span.page > 1
    # Text input has no pages: the field is left out of the output.
    assert "page" not in parsed("langson-176-KH-UBND-2023").targets[0].span.model_dump()


def test_word_numbering_comes_back_from_numbering_xml() -> None:
    plan = parse(load_path(REAL / "lamdong-x-KH-UBND-2025.docx"))
    # '1. Cải cách thể chế' is typed as 'Cải cách thể chế' with Word's list numbering.
    assert [(s.path, s.title) for s in plan.walk()][:3] == [
        ("I", "MỤC TIÊU, NHIỆM VỤ"),
        ("I.1", "Cải cách thể chế"),
        ("I.1.a", "Mục tiêu"),
    ]
    assert [s.path for s in plan.sections] == ["I", "II", "PB01"]


@pytest.mark.parametrize(
    ("name", "doc_type", "issuer", "signer", "tops"),
    [
        (
            "lamdong-x-KH-UBND-2025.docx",
            "Kế hoạch",
            "Ủy ban nhân dân tỉnh Lâm Đồng",
            "Nguyễn Ngọc Phúc",
            ["I", "II", "PB01"],
        ),
        (
            "lamdong-x-KH-UBND-2026-cchc.docx",
            "Kế hoạch",
            "Ủy ban nhân dân tỉnh Lâm Đồng",
            "Nguyễn Ngọc Phúc",
            ["I", "II", "III", "PB01"],
        ),
        (
            "lamdong-x-KH-UBND-2026-matuy.doc",
            "Kế hoạch",
            "Ủy ban nhân dân tỉnh Lâm Đồng",
            "Nguyễn Minh",
            ["I", "II", "III", "IV", "V"],
        ),
        (
            "lamdong-666-TTr-SNV-2025.pdf",
            "Tờ trình",
            "Sở Nội vụ tỉnh Lâm Đồng",
            "Trần Hữu Tuấn",
            ["1", "2"],
        ),
    ],
)
def test_real_files_give_their_title_block_and_outline(
    name: str, doc_type: str, issuer: str, signer: str, tops: list[str]
) -> None:
    if name.endswith(".doc") and not HAS_DOC_TOOL:
        pytest.skip("needs antiword or catdoc (apt-get install antiword) to read .doc")
    plan = parse(load_path(REAL / name))
    m = plan.metadata
    # Drafts sent for signature: number and day are left blank, so both are null.
    assert (m.doc_type, m.number, m.issued_date, m.issuer, m.signer) == (
        doc_type,
        None,
        None,
        issuer,
        signer,
    )
    assert [s.path for s in plan.sections] == tops


def test_signed_pdf_keeps_the_footnote_and_drops_the_signature_stamp() -> None:
    lines = _lines(REAL / "lamdong-666-TTr-SNV-2025.pdf")
    assert any(ln.startswith("[1] (1) Thuế tỉnh;") for ln in lines)
    assert any("địa phương[1] tham gia góp ý" in ln for ln in lines)
    assert lines[-2].startswith("[1]")  # after the signature block


def test_garbled_text_layer_is_refused_with_the_ocr_hint() -> None:
    with pytest.raises(InputError) as err:
        load_path(REAL / "laocai-1105-KH-DKT-2026.pdf")
    msg = str(err.value)
    assert "laocai-1105-KH-DKT-2026.pdf" in msg and "garbled" in msg and "--ocr" in msg
    assert "\n" not in msg


def test_scanned_pdf_is_refused_with_the_ocr_hint() -> None:
    with pytest.raises(InputError, match=r"scanned PDF with no text layer \(2 pages\).*--ocr"):
        load_path(REAL / "lamdong-91-TTr-CAT-2026-p2-3.pdf")


def _has_tesseract_vie() -> str | None:
    from kehoach.read.ocr import available

    return available()


def _scanned(stem: str) -> bytes:
    """The rendered PDF printed to page images and saved as an image-only PDF: a scan."""
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(FIX / f"{stem}.pdf")
    images = [pdf[k].render(scale=200 / 72, grayscale=True).to_pil() for k in range(len(pdf))]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return buf.getvalue()


def test_a_scanned_plan_is_refused_without_ocr_and_read_with_it() -> None:
    from kehoach.read.load import load_bytes

    data = _scanned("langson-244-KH-UBND-2024")
    with pytest.raises(InputError, match=r"^scan\.pdf: a scanned PDF .*kehoach parse --ocr"):
        load_bytes(data, "scan.pdf")
    missing = _has_tesseract_vie()
    if missing:
        pytest.skip(f"OCR not tested: {missing}")
    plan = parse(load_bytes(data, "scan.pdf", ocr=True))
    text = parsed("langson-244-KH-UBND-2024")
    assert plan.source.encoding == "pdf+ocr" and any("OCR" in w for w in plan.warnings)
    m, t = plan.metadata, text.metadata
    assert (m.number, m.issued_date, m.issuer, m.signer) == (
        t.number,
        t.issued_date,
        t.issuer,
        t.signer,
    )
    assert [s.path for s in plan.walk()] == [s.path for s in text.walk()]
    # OCR may misread a tone mark in a word, not the numbers and years of the targets.
    got = sorted((x.section, x.value, x.year) for x in plan.targets)
    assert got == sorted((x.section, x.value, x.year) for x in text.targets)


def _one_line_error(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as err:
        from kehoach.read.load import load_bytes

        load_bytes(data, name)
    msg = str(err.value)
    assert msg.startswith(f"{name}: ") and "\n" not in msg
    return msg


def test_an_encrypted_pdf_is_refused() -> None:
    data = (FIX / "encrypted.pdf").read_bytes()  # qpdf --encrypt secret owner 256
    assert "encrypted (password-protected)" in _one_line_error(data, "secret.pdf")


def test_a_truncated_pdf_is_refused() -> None:
    data = (FIX / "langson-244-KH-UBND-2024.pdf").read_bytes()
    assert "not a readable PDF" in _one_line_error(data[: len(data) // 2], "cut.pdf")


def _zip(parts: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked() -> None:
    bomb = _zip({"word/document.xml": b"<w:document>" + b" " * 80_000_000})
    assert len(bomb) < 200_000
    assert "zip bomb" in _one_line_error(bomb, "bomb.docx")


def test_a_docx_with_broken_xml_is_refused() -> None:
    broken = _zip({"word/document.xml": b"<w:document><w:body><w:p>"})
    assert "cannot be read: damaged XML" in _one_line_error(broken, "broken.docx")


def test_a_web_page_with_no_plan_is_refused() -> None:
    page = b"<!DOCTYPE html><html><body><nav>Trang ch\xe1\xbb\xa7</nav><p>Xin ch\xc3\xa0o</p></body></html>"
    assert "a web page with no plan in it" in _one_line_error(page, "home.html")


def test_web_page_chrome_is_left_out() -> None:
    text = load_path(FIX / "langson-272-KH-UBND-2024.html").text
    for chrome in ("Trang chủ", "Văn bản liên quan", "Giấy phép số 123", "Cổng thông tin"):
        assert chrome not in text
    assert "KẾ HOẠCH" in text.split("\n")


def test_the_format_is_told_by_the_bytes_not_the_name(tmp_path: Path) -> None:
    lying = tmp_path / "plan.txt"
    lying.write_bytes((FIX / "langson-244-KH-UBND-2024.pdf").read_bytes())
    assert load_path(lying).encoding == "pdf"


def test_doc_without_antiword_or_catdoc_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kehoach.read.doc as doc

    monkeypatch.setattr(doc.shutil, "which", lambda _name: None)
    data = (REAL / "lamdong-x-KH-UBND-2026-matuy.doc").read_bytes()
    assert "install antiword or catdoc" in _one_line_error(data, "old.doc")


def test_a_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "langson-244-KH-UBND-2024.docx", src / "good.docx")
    shutil.copy(FIX / "encrypted.pdf", src / "locked.pdf")
    (src / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kehoach", "parse", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["good.yaml"]
    said = [ln for ln in done.stderr.splitlines() if "locked.pdf" in ln or "bad.docx" in ln]
    assert len(said) == 2


def test_the_scanned_drug_control_plan_reads_as_its_word_97_copy_on_the_pages_it_holds() -> None:
    """Lâm Đồng's drug-control plan comes scanned (pages 2-3 of the Tờ trình that carries
    its draft) and as a Word 97 file: through OCR the scan gives the same outline, titles
    and targets on the pages it holds."""
    missing = _has_tesseract_vie()
    if missing or not (shutil.which("antiword") or shutil.which("catdoc")):
        pytest.skip(f"OCR or .doc reading not available: {missing or 'antiword'}")
    from kehoach.outputs.diff import similarity

    scan = parse(load_path(REAL / "lamdong-91-TTr-CAT-2026-p2-3.pdf", ocr=True))
    word = parse(load_path(REAL / "lamdong-x-KH-UBND-2026-matuy.doc"))
    titles = {s.path: s.title for s in word.walk()}
    held = [s for s in scan.walk()][:-1]  # the last heading is cut by the page's end
    assert [s.path for s in held] == ["I", "I.1", "I.2", "I.3", "I.4", "II", "III", "III.1"]
    for s in held:  # (OCR misreads a word or two; the draft words some titles on further)
        assert similarity(s.title[:80], titles[s.path][:80]) >= 0.7, (s.title, titles[s.path])
    facts = {(t.section, t.value, t.unit) for t in word.targets}
    assert {(t.section, t.value, t.unit) for t in scan.targets} <= facts
    assert len(scan.targets) == 3


@pytest.mark.parametrize("ext", ["pdf", "doc"])
def test_a_real_word_plan_printed_to_pdf_and_saved_as_word_97_gives_the_same_plan(
    ext: str,
) -> None:
    # Its task appendix is a ruled table that Word breaks across pages (rows 4 and 8 go on
    # at the top of the next page); its footnote sits at the foot of page 3.
    if ext == "doc" and not HAS_DOC_TOOL:
        pytest.skip("needs antiword or catdoc (apt-get install antiword) to read .doc")
    word = parse(load_path(RAW / "laocai-duthao-KH-UBND-2026.docx"))
    plan = parse(load_path(FIX / f"laocai-duthao-KH-UBND-2026.{ext}"))
    assert facts(plan) == facts(word)
    assert plan.metadata == word.metadata
    assert sorted(r.number for r in plan.references) == sorted(r.number for r in word.references)


def test_ocr_misreadings_that_are_sure_get_corrected() -> None:
    from kehoach.read.ocr import correct

    assert correct(
        [
            "TỈNH LÂM ĐÓNG",  # a province with a wrong mark
            "KẺ HOẠCH",  # a document type
            "Lâm Đồng. ngày 03 tháng 02 năm 2026",  # the date line's comma
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. CHỈ TIÊU",
            "II. GIẢI PHÁP THỰC HIỆN",  # 'III.' one stroke short
            "V. KINH PHÍ THỰC HIỆN",  # 'IV.' one stroke short
            "V. CHẾ ĐỘ BÁO CÁO",
            "Vl. TỔ CHỨC THỰC HIỆN",  # 'VI.' with its stroke read as 'l'
            "1. Các sở, ban, ngành",
        ]
    ) == [
        "TỈNH LÂM ĐỒNG",
        "KẾ HOẠCH",
        "Lâm Đồng, ngày 03 tháng 02 năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. CHỈ TIÊU",
        "III. GIẢI PHÁP THỰC HIỆN",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. CHẾ ĐỘ BÁO CÁO",
        "VI. TỔ CHỨC THỰC HIỆN",
        "1. Các sở, ban, ngành",
    ]
    # 'IH.' for 'II.' (the two strokes read as an H); '1.' alone stays an arabic number
    assert correct(["I. MỤC ĐÍCH", "IH. THỜI GIAN, ĐỊA ĐIỂM", "1. THỜI GIAN"]) == [
        "I. MỤC ĐÍCH",
        "II. THỜI GIAN, ĐỊA ĐIỂM",
        "1. THỜI GIAN",
    ]


def test_ocr_mends_a_province_s_name_only_where_it_is_capitalised() -> None:
    from kehoach.read.ocr import correct

    # 'báo cáo bằng văn bản' (report in writing) holds the letters of 'Cao Bằng'
    assert correct(["Chuẩn bị báo cáo bằng văn bản theo nội dung kiểm tra", "tỉnh Cao Bang"]) == [
        "Chuẩn bị báo cáo bằng văn bản theo nội dung kiểm tra",
        "tỉnh Cao Bằng",
    ]


def test_ocr_keeps_a_new_count_of_roman_headings() -> None:
    from kehoach.read.ocr import correct

    lines = ["IV. KINH PHÍ", "V. TỔ CHỨC THỰC HIỆN", "PHỤ LỤC", "I. CẢI CÁCH THỂ CHẾ", "II. ĐẦU TƯ"]
    assert correct(lines) == lines


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word(body: str, numbering: str = "") -> bytes:
    parts = {"word/document.xml": f"<w:document {_W}><w:body>{body}</w:body></w:document>"}
    if numbering:
        parts["word/numbering.xml"] = f"<w:numbering {_W}>{numbering}</w:numbering>"
    return _zip({k: v.encode("utf-8") for k, v in parts.items()})


def _read_word(body: str, numbering: str = "") -> list[str]:
    from kehoach.read.load import load_bytes

    return load_bytes(_word(body, numbering), "plan.docx").text.split("\n")[:-1]


def test_word_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    body = (
        "<w:p><w:r><w:t>Đến năm 2030 đạt </w:t></w:r>"
        '<w:del w:id="1"><w:r><w:delText>80%</w:delText></w:r></w:del>'
        '<w:ins w:id="2"><w:r><w:t>90%</w:t></w:r></w:ins>'
        "<w:r><w:t> hộ gia đình.</w:t></w:r></w:p>"
    )
    assert _read_word(body) == ["Đến năm 2030 đạt 90% hộ gia đình."]


def test_word_runs_in_old_vietnamese_fonts_are_converted() -> None:
    def run(font: str, text: str) -> str:
        return (
            f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>'
        )

    body = (
        f"<w:p>{run('.VnTimeH', 'kÕ ho¹ch')}</w:p>"  # the capitals font
        f"<w:p>{run('.VnTime', 'Ph¸t triÓn lµng nghÒ')}</w:p>"
        f"<w:p>{run('VNI-Times', 'Sôû Noâng nghieäp')}</w:p>"
    )
    from kehoach.read.load import load_bytes

    doc = load_bytes(_word(body), "old.docx")
    assert doc.text.split("\n")[:3] == ["KẾ HOẠCH", "Phát triển làng nghề", "Sở Nông nghiệp"]
    assert doc.encoding == "docx+tcvn3+tcvn3-caps+vni"


def test_word_list_numbers_follow_levels_and_restart() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )

    def p(level: int, text: str) -> str:
        return (
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        )

    body = "".join(
        [
            p(0, "MỤC TIÊU"),
            p(1, "Mục tiêu chung"),
            p(1, "Mục tiêu cụ thể"),
            p(2, "Đến năm 2025"),
            p(3, "Trồng mới 500 ha rừng."),
            p(2, "Đến năm 2030"),
            p(0, "NHIỆM VỤ"),
            p(1, "Sở Tài chính"),
        ]
    )
    assert _read_word(body, numbering) == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "2. Mục tiêu cụ thể",
        "a) Đến năm 2025",
        "- Trồng mới 500 ha rừng.",
        "b) Đến năm 2030",
        "II. NHIỆM VỤ",
        "1. Sở Tài chính",
    ]


def test_ocr_corrects_a_misread_document_type_and_a_specked_blank_day() -> None:
    from kehoach.read.ocr import correct

    assert correct(["KÉẺ HOẠCH", "Hà Nội, ngày — tháng 10 năm 2025", "Số: 1105⁄KH-ĐKT"]) == [
        "KẾ HOẠCH",
        "Hà Nội, ngày tháng 10 năm 2025",
        "Số: 1105/KH-ĐKT",
    ]


def test_a_docx_with_damaged_compressed_data_is_refused() -> None:
    import zipfile

    data = bytearray((FIX / "langson-244-KH-UBND-2024.docx").read_bytes())
    with zipfile.ZipFile(FIX / "langson-244-KH-UBND-2024.docx") as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 600] = bytes(600)  # the deflate stream is zeroed
    assert "damaged zip" in _one_line_error(bytes(data), "zeroed.docx")


def _printed(text: str, top: float, x0: float = 72.0) -> list[Word]:
    """A line set in 12-point type at `top`, its words 6 points per letter apart."""
    words, x = [], x0
    for w in text.split():
        words.append(Word(w, x, x + 6 * len(w), top, top + 12, 12.0))
        x += 6 * len(w) + 4
    return words


def test_a_body_item_at_the_top_of_two_pages_is_no_running_header() -> None:
    # 'c) Thời gian thực hiện: ...' closes two tasks that each end at a page's top; the
    # header 'Kế hoạch số 308/KH-UBND' stands there on every page and goes
    item = "c) Thời gian thực hiện: Hoàn thành trong năm 2025."
    pages = [
        Page(n, 595, 842, _printed("Kế hoạch số 308/KH-UBND", 30) + _printed(item, 50) + body)
        for n, body in (
            (1, _printed("a) Nhiệm vụ: triển khai nền tảng số dùng chung.", 200)),
            (2, _printed("a) Nhiệm vụ: bảo đảm an toàn thông tin mạng.", 200)),
            (3, _printed("a) Nhiệm vụ: đào tạo kỹ năng số cho cán bộ.", 200)),
        )
    ]
    lines, _ = page_lines(pages)
    assert lines.count(item) == 3
    assert not [ln for ln in lines if ln.startswith("Kế hoạch số")]


def test_ocr_marks_are_mended_where_the_genre_spells_a_pair_one_way() -> None:
    # Tesseract drops a hook or a tilde ('kiêm tra', 'câp tỉnh'); the plans in data/ spell
    # those pairs one way. A word the plans use often stays as read, and so does a name.
    assert mend_marks("Kiểm tra, kiêm soát công tác triên khai") == (
        "Kiểm tra, kiểm soát công tác triển khai"
    )
    assert mend_marks("KẾ HOẠCH KIÊM TRA") == "KẾ HOẠCH KIỂM TRA"
    assert mend_marks("UBND câp tỉnh, câp xã") == "UBND cấp tỉnh, cấp xã"
    assert mend_marks("tại xã Tà Năng, số 01 Hoàng Hoa Thám") == (
        "tại xã Tà Năng, số 01 Hoàng Hoa Thám"
    )
    assert mend_marks("Viện kiểm sát nhân dân tối cao") == "Viện kiểm sát nhân dân tối cao"


def test_ocr_vocabulary_is_current(tmp_path: Path) -> None:
    """src/kehoach/data/ocr_pairs.tsv is what scripts/ocr_vocabulary.py makes of data/."""
    fresh = tmp_path / "ocr_pairs.tsv"
    script = ROOT / "scripts" / "ocr_vocabulary.py"
    subprocess.run([sys.executable, str(script), "--out", str(fresh)], check=True, cwd=ROOT)
    stored = ROOT / "src" / "kehoach" / "data" / "ocr_pairs.tsv"
    assert fresh.read_bytes() == stored.read_bytes(), "run scripts/ocr_vocabulary.py"


def test_ocr_specks_in_document_numbers_and_dates_are_read_as_printed() -> None:
    from kehoach.read.ocr import correct

    line = (
        "Thực hiện Nghị quyết số 163/2024/QHI15 ngày 27 tháng l1 năm 2024 và Thông tư số "
        "24/2018/TT1-BCA; Luật số 05/2022/QH15, Quý I năm 2026"
    )
    assert correct([line]) == [
        "Thực hiện Nghị quyết số 163/2024/QH15 ngày 27 tháng 11 năm 2024 và Thông tư số "
        "24/2018/TT-BCA; Luật số 05/2022/QH15, Quý I năm 2026"
    ]


def test_word_numbers_a_tables_rows_from_empty_numbered_cells() -> None:
    # 'TT' column: each row's first cell is an empty paragraph that Word numbers itself
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>'
    )
    numbered = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr></w:p>'
    )

    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in cells) + "</w:tr>"

    def text(t: str) -> str:
        return f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"

    body = (
        "<w:tbl>"
        + row(text("TT"), text("Nhiệm vụ thực hiện"), text("Ghi chú"))
        + row(numbered, text("Rà soát hồ sơ học viên"), text(""))
        + row(numbered, text("Xây dựng bài kiểm tra"), text(""))
        + "</w:tbl>"
    )
    assert _read_word(body, numbering)[-3:] == [
        "| TT | Nhiệm vụ thực hiện | Ghi chú |",
        "| 1. | Rà soát hồ sơ học viên |  |",
        "| 2. | Xây dựng bài kiểm tra |  |",
    ]
