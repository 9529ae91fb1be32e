"""Logical lines: every copy's layout becomes one heading, paragraph or table row per line,
and every piece still points at the physical lines it came from."""

from __future__ import annotations

from conftest import parse_text

from kehoach.structure.lines import split_lines
from kehoach.structure.logical import is_reflowed, is_soft_wrapped, logical_lines

CRAWL = (
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI ------- CỘNG HÒA XÃ HỘI\r\n"
    "  CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- Số: 149/KH-UBND Hà Nội, ngày 28\r\n"
    "  tháng 5 năm 2025 KẾ HOẠCH PHÁT TRIỂN XE BUÝT ĐIỆN TRÊN ĐỊA BÀN THÀNH PHỐ Căn cứ Quyết\r\n"
    "định số 6004/QĐ-UBND ngày 18/11/2024 của UBND Thành phố, UBND Thành phố ban hành Kế hoạch\r\n"
    "như sau: I. MỤC ĐÍCH,\r\n"
    "YÊU CẦU 1. Tổ chức triển khai có hiệu quả lộ trình chuyển đổi xe buýt điện. 2. Hoàn\r\n"
    "thành việc chuyển đổi chậm nhất vào năm 2030. II. NHIỆM VỤ 1. Sở Xây dựng chủ trì\r\n"
)


def test_a_crawl_wrapped_every_90_characters_reads_like_the_clean_text() -> None:
    plan = parse_text(CRAWL.replace("\r\n", "\n"))
    m = plan.metadata
    assert (m.number, m.issuer, m.place, str(m.issued_date)) == (
        "149/KH-UBND",
        "Ủy ban nhân dân thành phố Hà Nội",
        "Hà Nội",
        "2025-05-28",
    )
    assert m.title == "PHÁT TRIỂN XE BUÝT ĐIỆN TRÊN ĐỊA BÀN THÀNH PHỐ"
    assert [(s.path, s.title) for s in plan.walk()] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"),
        ("I.1", "Tổ chức triển khai có hiệu quả lộ trình chuyển đổi xe buýt điện"),
        ("I.2", "Hoàn thành việc chuyển đổi chậm nhất vào năm 2030"),
        ("II", "NHIỆM VỤ"),
        ("II.1", "Sở Xây dựng"),
    ]
    # each section still points at the physical lines its heading sits on
    spans = {s.path: (s.span.line_start, s.span.line_end) for s in plan.walk()}
    assert spans["I"][0] == 5 and spans["I.2"][0] == 6 and spans["II"][0] == 7


def test_only_copies_with_meaningless_breaks_are_joined() -> None:
    assert is_reflowed(split_lines(CRAWL.replace("\r\n", "\n")))
    clean = "KẾ HOẠCH\nPhát triển xe buýt\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
    lines = split_lines(clean)
    assert not is_reflowed(lines) and logical_lines(lines) == lines
    # PDF layout text prints the two header columns on one line, apart by spaces
    layout = "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    assert not is_reflowed(split_lines(layout))


WEB = """\
Căn cứ Nghị quyết số
202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về việc sắp xếp đơn vị hành
chính cấp tỉnh;

**1.
Sở Y tế:**

- Chủ trì, phối hợp với Sở Tài chính tổ chức triển khai kế hoạch trên địa bàn
Thành phố.

- Hướng dẫn các cơ sở y tế thực hiện các nội dung của kế
hoạch.

Trong đó, phát triển kinh tế
- xã hội của tỉnh.
"""


def test_web_markdown_paragraphs_wrapped_over_lines_are_joined() -> None:
    lines = split_lines(WEB)
    assert is_soft_wrapped(lines)
    got = [(ln.no, ln.end, ln.text) for ln in logical_lines(lines) if ln.text]
    assert got == [
        (
            1,
            3,
            "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về "
            "việc sắp xếp đơn vị hành chính cấp tỉnh;",
        ),
        (5, 6, "1. Sở Y tế:"),
        (
            8,
            9,
            "- Chủ trì, phối hợp với Sở Tài chính tổ chức triển khai kế hoạch trên địa bàn "
            "Thành phố.",
        ),
        (11, 12, "- Hướng dẫn các cơ sở y tế thực hiện các nội dung của kế hoạch."),
        (14, 15, "Trong đó, phát triển kinh tế - xã hội của tỉnh."),
    ]


def _soft_logical(text: str) -> list[str]:
    """The logical lines of a text that must read as soft-wrapped (blank lines part it)."""
    lines = split_lines(text)
    assert is_soft_wrapped(lines)
    return [ln.text for ln in logical_lines(lines) if ln.text]


def test_an_item_that_opens_with_its_figure_after_a_page_break_is_not_joined() -> None:
    # pdftotext -layout: a blank line between paragraphs, except where a page broke
    text = (
        "II. MỤC TIÊU CHỦ YẾU\n\n"
        "1. 100% cán bộ, công chức xây dựng chính sách, pháp luật có trình độ đại học\n"
        "luật trở lên.\n\n"
        "2. 100% các Sở, ngành bố trí công chức làm công tác xây dựng pháp luật; bố trí người\n"
        "làm công tác pháp chế đảm bảo điều kiện, tiêu chuẩn theo quy định.\n"
        "\f3. 100% các xã, phường bố trí công chức xây dựng chính sách, pháp luật đảm bảo\n"
        "số lượng đáp ứng yêu cầu nhiệm vụ.\n\n"
        "4. Có ít nhất 10% cán bộ từ nguồn thu hút, tuyển dụng người có tài năng.\n"
        "\fĐơn vị thực hiện: Các Sở, ngành, UBND cấp xã.\n"
    )
    got = _soft_logical(text)
    assert [t[:8] for t in got if t[:1].isdigit()] == [
        "1. 100% ",
        "2. 100% ",
        "3. 100% ",
        "4. Có ít",
    ]
    # a new page's first line after a sentence that ended starts anew too
    assert got[-1] == "Đơn vị thực hiện: Các Sở, ngành, UBND cấp xã."


def test_a_signature_and_an_appendix_heading_are_never_joined_to_their_neighbours() -> None:
    # pdftotext: a blank line between blocks, none between the signer and the appendix
    text = (
        "- Triệt để tiết kiệm ngân sách nhà nước, kiểm soát chặt chẽ\ndự toán chi thường xuyên.\n\n"
        "- Tiếp tục bố trí dự toán chi tạo nguồn thực hiện chính sách cải cách\ntiền lương.\n\n"
        "Trên đây là Kế hoạch tài chính\ncủa tỉnh.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n"
        "PHÓ CHỦ TỊCH\nLâm Văn Bi\nMẫu biểu số 01\nDỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI\n"
        "(Kèm theo Kế hoạch số 0204/KH-UBND ngày 24/11/2025)\n\nSTT\n\nNội dung\n\n"
        "Một đoạn văn được ngắt\ndòng giữa câu.\n"
    )
    got = _soft_logical(text)
    assert got[6:9] == ["Lâm Văn Bi", "Mẫu biểu số 01", "DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI"]
    assert got[-1] == "Một đoạn văn được ngắt dòng giữa câu."
    plan = parse_text("KẾ HOẠCH\nTài chính\n\nI. MỤC TIÊU\n" + text)
    assert plan.metadata.signer == "Lâm Văn Bi"
    assert [s.path for s in plan.sections] == ["I", "PB01"]


TABLE = """\
|
**TT**
|
**Chỉ tiêu**
|
**ĐVT**
|
**GIAI ĐOẠN 2026 - 2030**
|
|
**Năm 2026**
|
**Năm 2027**
|
|
**I**
|
**CÂY CÔNG NGHIỆP**
|
|
|
|
|
-
|
Diện tích cà phê
|
Ha
|
27.000
|
27.500
|
"""


def test_a_table_printed_one_cell_per_line_is_rebuilt_into_rows() -> None:
    rows = [ln for ln in logical_lines(split_lines(TABLE)) if ln.text]
    assert [r.text for r in rows] == [
        "| TT | Chỉ tiêu | ĐVT | GIAI ĐOẠN 2026 - 2030 |",
        "| Năm 2026 | Năm 2027 |",
        "| I | CÂY CÔNG NGHIỆP | | | |",
        "| - | Diện tích cà phê | Ha | 27.000 | 27.500 |",
    ]
    # every line of the table belongs to exactly one row, and a cell maps to its line
    covered = [n for r in rows for n in range(r.no, r.end + 1)]
    assert covered == list(range(1, len(TABLE.splitlines()) + 1))
    last = rows[-1]
    assert last.line_at(last.text.index("27.500")) == TABLE.splitlines().index("27.500") + 1


def test_a_two_column_layout_table_gives_its_cells_as_lines() -> None:
    head = (
        "|\n**ỦY BAN NHÂN\nDÂN **\nTHÀNH PHỐ HỒ CHÍ MINH\n--------\n|\n**CỘNG HÒA XÃ\n"
        "HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\n"
        "Số: 174/KH-UBND\n|\n*Thành phố Hồ\nChí Minh, ngày 18 tháng 11 năm 2025*\n|\n"
    )
    texts = [ln.text for ln in logical_lines(split_lines(head)) if ln.text]
    assert texts == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HỒ CHÍ MINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 174/KH-UBND",
        "Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025",
    ]


def _cells(rows: list[list[str]]) -> str:
    """A table as a web page prints it: each cell between '|' lines, rows parted by '|'."""
    return "".join("|\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in row) for row in rows)


def test_a_signature_table_that_runs_on_into_the_appendix_ends_before_it() -> None:
    text = (
        "|\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Đệ\n|\n"
        "** **\n**PHỤ LỤC**\nDANH MỤC NHIỆM VỤ\n*(Kèm theo Kế hoạch số 980/KH-UBND)*\n"
        + _cells(
            [
                ["**TT**", "**Nội dung**", "**Cơ quan chủ trì**"],
                ["1", "Tổ chức lại Ban", "Sở Tài chính"],
            ]
        )
    )
    texts = [ln.text for ln in logical_lines(split_lines(text)) if ln.text]
    assert texts[texts.index("PHỤ LỤC") - 1] == "Nguyễn Văn Đệ"
    assert texts[texts.index("PHỤ LỤC") :] == [
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ",
        "(Kèm theo Kế hoạch số 980/KH-UBND)",
        "| TT | Nội dung | Cơ quan chủ trì |",
        "| 1 | Tổ chức lại Ban | Sở Tài chính |",
    ]


def test_a_task_table_with_empty_cells_and_merged_group_rows_keeps_its_rows() -> None:
    header = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm"]
    text = _cells(
        [
            header,
            ["II", "TRIỂN KHAI VĂN BẢN"],
            [
                "1",
                "Triển khai nội dung chi",
                "Sở Tài chính",
                "Cơ quan liên quan",
                "Thường xuyên",
                "",
            ],
            ["2", "Triển khai khi có sửa đổi", "Sở Tài chính", "Cơ quan liên quan", "2025", ""],
            ["3", "Hướng dẫn thống kê", "Sở Y tế", "", "2025", "Văn bản"],
            ["VII", "DIỄN TẬP"],
            ["1", "Diễn tập các cấp", "Bộ CHQS tỉnh", "Cơ quan liên quan", "2026", ""],
        ]
    )
    rows = [ln.text for ln in logical_lines(split_lines(text)) if ln.text]
    assert [r.split(" | ")[0] for r in rows] == [
        "| TT",
        "| II",
        "| 1",
        "| 2",
        "| 3",
        "| VII",
        "| 1",
    ]
    assert rows[2].startswith("| 1 | Triển khai nội dung chi | Sở Tài chính |")
