"""Old Vietnamese encodings: TCVN3 (ABC, .VnTime), VNI (VNI-Times) and Windows-1258."""

from __future__ import annotations

import pytest
from conftest import RAW, parsed
from test_formats import facts

from kehoach.pipeline import parse
from kehoach.read.encodings import from_unicode, to_unicode
from kehoach.read.load import load_bytes

STEM = "langson-272-KH-UBND-2024"


@pytest.mark.parametrize(
    ("encoded", "enc", "text"),
    [
        ("KÕ ho¹ch", "tcvn3", "Kế hoạch"),
        ("KÕ HO¹CH", "tcvn3", "KẾ HOẠCH"),  # the capitals font prints lowercase codes
        ("Lµo Cai, ngµy 21 th¸ng 9", "tcvn3", "Lào Cai, ngày 21 tháng 9"),
        ("§Èy m¹nh ph¸t triÓn", "tcvn3", "Đẩy mạnh phát triển"),
        ("Keá hoaïch", "vni", "Kế hoạch"),
        ("KEÁ HOAÏCH", "vni", "KẾ HOẠCH"),
        (
            "Sôû Noâng nghieäp vaø Phaùt trieån noâng thoân",
            "vni",
            "Sở Nông nghiệp và Phát triển nông thôn",
        ),
    ],
)
def test_old_encodings_read_as_unicode(encoded: str, enc: str, text: str) -> None:
    assert to_unicode(encoded, enc) == text


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258"])
def test_an_old_encoding_copy_of_a_sample_parses_like_the_original(enc: str) -> None:
    data = from_unicode((RAW / f"{STEM}.txt").read_text(encoding="utf-8"), enc)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = load_bytes(data, "old.txt")
    assert doc.encoding == enc
    assert facts(parse(doc)) == facts(parsed(STEM))
    m = parse(doc).metadata
    assert (m.number, m.issued_date) == ("272/KH-UBND", parsed(STEM).metadata.issued_date)


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_old_encoding_pasted_into_a_unicode_file_is_converted(enc: str) -> None:
    shown = from_unicode((RAW / f"{STEM}.txt").read_text(encoding="utf-8"), enc).decode("cp1252")
    doc = load_bytes(shown.encode("utf-8"), "pasted.txt")
    assert doc.encoding == f"utf-8+{enc}"
    assert facts(parse(doc)) == facts(parsed(STEM))


def test_unicode_text_is_left_alone() -> None:
    doc = load_bytes((RAW / f"{STEM}.txt").read_bytes(), "plan.txt")
    assert doc.encoding == "utf-8"
