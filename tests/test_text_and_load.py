"""Loading and text keys: encodings, normal forms and refusals."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from conftest import RAW, parse_text, parsed, sample_text

from kehoach.pipeline import parse
from kehoach.read.load import InputError, load_bytes
from kehoach.text import ascii_key, join_wrapped, key, sentence_case_name


def test_old_and_new_tone_placement_share_a_key() -> None:
    assert key("Văn hoá, thể thao") == key("Văn hóa, thể thao")
    assert key("THUỶ LỢI") == key("thủy lợi")
    assert key("quý") == "quý"  # 'qu' + y is not an old/new pair


def test_ascii_key_drops_diacritics() -> None:
    assert ascii_key("Sở Công Thương") == "so cong thuong"
    assert ascii_key("Đài Phát thanh") == "dai phat thanh"


def test_all_caps_agency_name_gets_official_capitals() -> None:
    assert (
        sentence_case_name("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        == "Sở Lao động - Thương binh và Xã hội"
    )
    assert sentence_case_name("ỦY BAN NHÂN DÂN") == "Ủy ban nhân dân"


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    da, db = a.model_dump(exclude={"source"}), b.model_dump(exclude={"source"})
    assert da == db


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-8-sig"])
def test_other_encodings_parse_like_the_original(encoding: str) -> None:
    text = sample_text("langson-272-KH-UBND-2024")
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    _same(parse(load_bytes(data, "x.txt")), parsed("langson-272-KH-UBND-2024"))


def test_nfd_crlf_and_no_break_spaces_parse_like_the_original() -> None:
    text = sample_text("laocai-316-KH-UBND-2022")
    variant = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    _same(parse(load_bytes(variant.encode(), "x.txt")), parsed("laocai-316-KH-UBND-2022"))


def test_no_break_spaces_inside_a_heading_do_not_matter() -> None:
    plain = parse_text("KẾ HOẠCH\nVỀ VIỆC X\nI. MỤC TIÊU\n1. Mục tiêu chung\nNội dung.\n")
    nbsp = parse_text(
        "KẾ HOẠCH\nVỀ VIỆC X\nI.\u00a0MỤC\u00a0TIÊU\n1.\u00a0Mục tiêu chung\nNội dung.\n"
    )
    assert [s.path for s in plain.walk()] == [s.path for s in nbsp.walk()] == ["I", "I.1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04rest", "ZIP archive"),
        (b"\x00\x01\x02\x03binary\x00\xff", "binary"),
        ("Kế hoạch".encode("cp1258", errors="ignore") + b"\xff\xfe\xfa", "not valid UTF-8"),
    ],
)
def test_bad_bytes_are_refused_with_one_line_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        load_bytes(data, "bad.txt")
    text = str(info.value)
    assert text.startswith("bad.txt: ") and message in text and "\n" not in text


def test_samples_are_bundled() -> None:
    assert len(list(RAW.glob("*.*"))) == 12


def _docx(paragraphs: list[str], table: list[list[str]]) -> bytes:
    """A minimal Word file: the paragraphs, then one table."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    def p(text: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    rows = "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in r) + "</w:tr>" for r in table)
    body = "".join(p(x) for x in paragraphs) + f"<w:tbl>{rows}</w:tbl>"
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
        '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_a_word_file_is_read_as_paragraphs_and_table_rows() -> None:
    data = _docx(
        [
            "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 7/KH-UBND",
            "Lạng Sơn, ngày 2 tháng 1 năm 2025",
            "KẾ HOẠCH",
            "PHÁT TRIỂN LÀNG NGHỀ",
            "Thực hiện Quyết định số 801/QĐ-TTg ngày 07/7/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành:",
            "I. MỤC TIÊU",
            "- Đến năm 2030 công nhận mới ít nhất 02 làng nghề.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hồ Tiến Thiệu",
            "PHỤ LỤC: CHỈ TIÊU",
        ],
        [["TT", "Nội dung", "ĐVT", "Đến năm 2025"], ["1", "Trồng rừng", "ha", "9.000"]],
    )
    plan = parse(load_bytes(data, "plan.docx"))
    assert (plan.metadata.number, plan.metadata.signer, plan.source.encoding) == (
        "7/KH-UBND",
        "Hồ Tiến Thiệu",
        "docx",
    )
    assert [(t.section, t.year, t.value) for t in plan.targets] == [
        ("I", 2030, 2),
        ("PB01.1", 2025, 9000),
    ]


def test_a_zip_that_is_not_a_word_file_is_refused() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(InputError, match="ZIP archive"):
        load_bytes(buf.getvalue(), "a.zip")


def test_a_date_a_narrow_cell_broke_inside_its_year_is_joined_again() -> None:
    # a 'Thời gian' column too narrow for '30/11/2025' breaks it; other lines keep a space
    assert join_wrapped(["Trước ngày", "30/11/20", "25"]) == "Trước ngày 30/11/2025"
    assert join_wrapped(["Hoàn thành", "15/12/", "2026"]) == "Hoàn thành 15/12/2026"
    assert join_wrapped(["Năm 2025", "2026"]) == "Năm 2025 2026"
    assert join_wrapped(["ngày 1/2/2025", "10 ngày"]) == "ngày 1/2/2025 10 ngày"
    assert join_wrapped(["Sở Giáo  dục và", "", "Đào tạo"]) == "Sở Giáo dục và Đào tạo"
