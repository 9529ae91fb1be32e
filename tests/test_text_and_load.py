"""Loading and text keys: encodings, normal forms and refusals."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from conftest import RAW, parse_text, parsed, sample_text

from kehoach.load import InputError, load_bytes
from kehoach.pipeline import parse
from kehoach.text import ascii_key, key, sentence_case_name


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
        (b"PK\x03\x04rest", "Word"),
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
    assert len(list(RAW.glob("*.txt"))) == 5
