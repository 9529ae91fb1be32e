"""Random and damaged input never gives a traceback, and time grows linearly with size.

Every reader (text, web page, Word, Word 97, PDF) and the whole pipeline get random
bytes, fixtures with bytes flipped, cut or spliced, and random plan-like text; each must
end in a plan or in one InputError line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.pipeline import parse
from kehoach.read.load import InputError, load_bytes

FIX = Path(__file__).resolve().parent / "fixtures" / "formats"
RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
SEEDS = {
    "txt": (RAW / "langson-244-KH-UBND-2024.txt").read_bytes(),
    "html": (FIX / "langson-244-KH-UBND-2024.html").read_bytes(),
    "docx": (FIX / "langson-244-KH-UBND-2024.docx").read_bytes(),
    "pdf": (FIX / "langson-244-KH-UBND-2024.pdf").read_bytes(),
}
if shutil.which("antiword") or shutil.which("catdoc"):
    SEEDS["doc"] = (FIX / "langson-244-KH-UBND-2024.doc").read_bytes()

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:-–+%/()|*#\n\t\u00a0“”"
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _survives(data: bytes, name: str) -> None:
    """Reading and parsing give a plan or one line naming the file, never a traceback."""
    try:
        parse(load_bytes(data, name))
    except InputError as exc:
        msg = str(exc)
        assert msg.startswith(f"{name}: ") and "\n" not in msg


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    _survives(data, "random.bin")


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "splice", "zero"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[pos : pos + draw(st.integers(1, 4096))]
        elif op == "splice":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            data[pos : pos + 512] = bytes(min(512, len(data) - pos))
    return kind, bytes(data)


@FUZZ
@given(damaged())
def test_damaged_files_of_every_format(case: tuple[str, bytes]) -> None:
    kind, data = case
    _survives(data, f"damaged.{kind}")


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=4000))
def test_random_text(text: str) -> None:
    _survives(text.encode("utf-8"), "random.txt")


LINES = [
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
    "Số: {n}/KH-UBND | Lạng Sơn, ngày {d} tháng {m} năm 20{y} |",
    "KẾ HOẠCH",
    "{r}. MỤC TIÊU",
    "{n}. Sở Tài chính",
    "{n}.{d}. Nhiệm vụ",
    "{a}) Đến năm 20{y}",
    "- Phấn đấu đến năm 20{y} đạt {n}% hộ có việc làm, tối thiểu {d}.{m}00 ha.",
    "- Chủ trì, phối hợp với Sở Nông nghiệp và Môi trường báo cáo trước ngày {d}/{m} hằng năm.",
    "| {n} | Trồng rừng | ha | {d}.000 | {m},5 |",
    "PHỤ LỤC {r}",
    "TM. ỦY BAN NHÂN DÂN",
    "Nơi nhận:",
    "",
]


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.sampled_from(LINES),
            st.integers(1, 999),
            st.integers(1, 31),
            st.integers(1, 12),
            st.integers(10, 40),
            st.sampled_from(["I", "II", "III", "IV", "V", "IX"]),
            st.sampled_from("abcdđeg"),
        ),
        max_size=200,
    )
)
def test_random_plans(rows: list[tuple[str, int, int, int, int, str, str]]) -> None:
    text = "\n".join(t.format(n=n, d=d, m=m, y=y, r=r, a=a) for t, n, d, m, y, r, a in rows)
    _survives(text.encode("utf-8"), "plan.txt")


def test_a_nul_inside_a_damaged_line_does_not_break_quote_location() -> None:
    """Found by test_damaged_files_of_every_format: the quote index joined lines with NUL."""
    data = SEEDS["txt"][:6000] + b"\x00" * 6 + "\nChịu trách nhiệm \x00\x00 chính".encode()
    assert parse(load_bytes(data, "x.txt")).sections
