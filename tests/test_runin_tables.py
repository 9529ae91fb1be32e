"""Appendix tables a crawl of the whole plan ran into one flow of words: the rows come
back from the table's numbering, the cells from what each column holds."""

from __future__ import annotations

import textwrap

from conftest import parse_text

from kehoach.model import Plan

PLAN = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 980/KH-UBND
Nghệ An, ngày 18 tháng 11 năm 2025

KẾ HOẠCH
Triển khai thi hành Nghị định quy định chi tiết Luật Phòng thủ dân sự

I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm thống nhất trong triển khai thi hành Nghị định.

II. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành thực hiện nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn Đệ

PHỤ LỤC
DANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH
(Kèm theo Kế hoạch số 980/KH-UBND ngày 18 tháng 11 năm 2025 của UBND tỉnh Nghệ An)
"""

TASKS = [
    [
        "TT",
        "Nội dung thực hiện",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm dự kiến",
    ],
    ["I", "KIỆN TOÀN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ"],
    [
        "1",
        "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh; ban hành quy chế hoạt động (Điều 7, 8 Nghị định)",
        "Bộ CHQS tỉnh",
        "Các sở, ban, ngành",
        "Trước ngày 30/11/2025",
        "Quyết định của Chủ tịch UBND tỉnh",
    ],
    ["II", "TRIỂN KHAI VĂN BẢN QUY PHẠM PHÁP LUẬT"],
    [
        "1",
        "Rà soát danh mục công trình phòng thủ dân sự, báo cáo theo khoản 2 Điều 11 Nghị định",
        "Sở Xây dựng",
        "Cơ quan, địa phương liên quan",
        "Thường xuyên",
        "",
    ],
    [
        "2",
        "Hướng dẫn thanh toán chi phí khám bệnh, chữa bệnh trong phòng thủ dân sự",
        "Sở Y tế",
        "Sở Tài chính",
        "2025",
        "Văn bản hướng dẫn",
    ],
]


def _crawl(text: str) -> Plan:
    """A text as a crawl stores it: every line break lost, the flow wrapped every 90
    characters."""
    return parse_text("\r\n".join(textwrap.wrap(" ".join(text.split()), width=90)) + "\r\n")


def _crawled(rows: list[list[str]], text: str = PLAN) -> Plan:
    """The plan with its appendix table, crawled: the table's cells run on."""
    return _crawl(text + "\n".join(" ".join(r) for r in rows))


def test_a_task_table_run_into_the_flow_gives_its_rows_as_sections() -> None:
    plan = _crawled(TASKS)
    rows = {s.path: s.title for s in plan.walk() if s.path.startswith("PB01.")}
    assert list(rows) == ["PB01.I", "PB01.I.1", "PB01.II", "PB01.II.1", "PB01.II.2"]
    # 'Điều 7, 8 Nghị định' and 'khoản 2 Điều 11' are inside a cell, not rows of their own
    assert rows["PB01.I.1"].endswith("(Điều 7, 8 Nghị định)")
    assert rows["PB01.II.1"].endswith("theo khoản 2 Điều 11 Nghị định")


def test_its_cells_give_the_lead_the_partners_and_the_due_date() -> None:
    plan = _crawled(TASKS)
    # one assignment per agency and row group (FORMAT.md), its duties the rows it leads
    got = {(a.agency, a.section, tuple(a.partners), len(a.duties)) for a in plan.assignments}
    assert got == {
        ("Bộ Chỉ huy Quân sự tỉnh", "PB01.I", ("Các sở, ban, ngành",), 1),
        ("Sở Xây dựng", "PB01.II", (), 1),  # 'Cơ quan, địa phương liên quan' names no one
        ("Sở Y tế", "PB01.II", ("Sở Tài chính",), 1),
    }
    assert {(d.section, str(d.date)) for d in plan.deadlines} == {
        ("PB01.I.1", "2025-11-30"),
        ("PB01.II.2", "2025-12-31"),  # a year alone: by its end
    }


def test_a_row_whose_number_the_copy_lost_does_not_stop_the_table() -> None:
    rows = [r[:] for r in TASKS]
    rows.append(["3", "pH (Quan trắc ngoài hiện trường) Sở Y tế", "", "", "2025", ""])
    rows += [["4", "Tổ chức diễn tập phòng thủ dân sự", "Sở Nội vụ", "", "2026", ""]]
    rows += [["5", "Tổng kết thi hành Nghị định", "Sở Tư pháp", "", "2027", ""]]
    # '3 pH' opens with a small letter, so it reads as part of row 2; rows 4 and 5 go on
    plan = _crawled(rows)
    paths = [s.path for s in plan.walk() if s.path.startswith("PB01.II.")]
    assert paths == ["PB01.II.1", "PB01.II.2", "PB01.II.4", "PB01.II.5"]


FIGURES = [
    [
        "STT",
        "Nội dung",
        "Đơn vị tính",
        "Năm hiện hành 2025",
        "Năm 2026",
        "Năm 2027",
        "Kế hoạch",
        "Ước thực hiện",
        "1 2 3 4 5 6 7",
    ],
    [
        "1",
        "Tổng sản phẩm trong nước của địa phương (GRDP)",
        "Tỷ đồng",
        "172.033",
        "172.033",
        "193.549",
        "218.628",
    ],
    ["2", "Vốn đầu tư phát triển toàn xã hội", "Tỷ đồng", "72.000", "72.000", "80.000", "90.000"],
    ["", "Tỷ lệ so với GRDP", "%", "42", "42", "41", "41"],
    ["3", "Cơ cấu kinh tế"],
    ["-", "Nông, lâm nghiệp, thủy sản", "%", "34,48", "34,48", "33,31", "31,76"],
]


def test_a_table_of_figures_gives_one_target_per_year_and_none_for_the_estimate() -> None:
    plan = _crawled(FIGURES)
    got = sorted((t.section, t.indicator, t.year, t.value, t.unit) for t in plan.targets)
    assert got == [
        ("PB01.1", "Tổng sản phẩm trong nước của địa phương (GRDP)", 2025, 172033e9, "đồng"),
        ("PB01.1", "Tổng sản phẩm trong nước của địa phương (GRDP)", 2026, 193549e9, "đồng"),
        ("PB01.1", "Tổng sản phẩm trong nước của địa phương (GRDP)", 2027, 218628e9, "đồng"),
        ("PB01.2", "Tỷ lệ so với GRDP Vốn đầu tư phát triển toàn xã hội", 2025, 42.0, "%"),
        ("PB01.2", "Tỷ lệ so với GRDP Vốn đầu tư phát triển toàn xã hội", 2026, 41.0, "%"),
        ("PB01.2", "Tỷ lệ so với GRDP Vốn đầu tư phát triển toàn xã hội", 2027, 41.0, "%"),
        ("PB01.2", "Vốn đầu tư phát triển toàn xã hội", 2025, 72000e9, "đồng"),
        ("PB01.2", "Vốn đầu tư phát triển toàn xã hội", 2026, 80000e9, "đồng"),
        ("PB01.2", "Vốn đầu tư phát triển toàn xã hội", 2027, 90000e9, "đồng"),
        ("PB01.3", "Nông, lâm nghiệp, thủy sản Cơ cấu kinh tế", 2025, 34.48, "%"),
        ("PB01.3", "Nông, lâm nghiệp, thủy sản Cơ cấu kinh tế", 2026, 33.31, "%"),
        ("PB01.3", "Nông, lâm nghiệp, thủy sản Cơ cấu kinh tế", 2027, 31.76, "%"),
    ]


def test_a_header_ending_in_a_word_that_also_cites_a_part_still_lets_the_first_group_open() -> None:
    # 'ĐIỂM' (points) closes the header in capitals; 'điểm a', 'khoản 2' in a cell cite parts
    rows = [
        ["STT", "TIÊU CHÍ THI ĐUA", "ĐIỂM CHUẨN", "HƯỚNG DẪN CHẤM ĐIỂM"],
        ["I", "NHÓM XÃ, PHƯỜNG", "115"],
        ["1", "Tỷ lệ người hưởng trợ cấp được tuyên truyền theo điểm a khoản 2 Điều 5", "20"],
        ["2", "Tỷ lệ người hưởng trợ cấp mở tài khoản", "40"],
    ]
    plan = _crawled(rows)
    assert [s.path for s in plan.walk() if s.path.startswith("PB01.")] == [
        "PB01.I",
        "PB01.I.1",
        "PB01.I.2",
    ]


DECISION = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 2954/QĐ-UBND
Sơn La, ngày 20 tháng 11 năm 2025

QUYẾT ĐỊNH
Ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030

ỦY BAN NHÂN DÂN TỈNH SƠN LA

Căn cứ Luật Tổ chức chính quyền địa phương;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm hàng hóa.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Thành Công

KẾ HOẠCH
XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 - 2030

I. MỤC TIÊU
Tăng giá trị xuất khẩu nông sản.

II. TỔ CHỨC THỰC HIỆN
Sở Công Thương chủ trì triển khai Kế hoạch.

PHỤ LỤC 01
ĐỊNH HƯỚNG PHÁT TRIỂN VÙNG NGUYÊN LIỆU NÔNG SẢN
(Ban hành kèm theo Quyết định số 2954/QĐ-UBND ngày 20/11/2025 của UBND tỉnh Sơn La)
TT Chỉ tiêu ĐVT ƯTH Năm 2025 GIAI ĐOẠN 2026 - 2030 Năm 2026 Năm 2027
I CÂY CÔNG NGHIỆP
1 Cà phê - Diện tích Ha 26.120 27.000 27.500 - Sản lượng cà phê nhân Tấn 37.724 39.800 40.602
2 Chè - Diện tích Ha 6.132 6.500 6.700
"""


def test_a_decisions_plan_crawled_keeps_its_appendix_and_the_years_under_its_period() -> None:
    # the appendix follows the carried plan, whose headings the crawl ran inline; its note
    # '(Ban hành kèm theo ...)' is no mention of an appendix; 'GIAI ĐOẠN 2026 - 2030' stands
    # over the years; the estimate 'ƯTH Năm 2025' gives no target
    plan = _crawl(DECISION)
    got = sorted((t.section, t.indicator, t.year, t.value, t.unit) for t in plan.targets)
    assert got == [
        ("PB01.I.1", "Diện tích Cà phê", 2026, 27000.0, "Ha"),
        ("PB01.I.1", "Diện tích Cà phê", 2027, 27500.0, "Ha"),
        ("PB01.I.1", "Sản lượng cà phê nhân Cà phê", 2026, 39800.0, "Tấn"),
        ("PB01.I.1", "Sản lượng cà phê nhân Cà phê", 2027, 40602.0, "Tấn"),
        ("PB01.I.2", "Diện tích Chè", 2026, 6500.0, "Ha"),
        ("PB01.I.2", "Diện tích Chè", 2027, 6700.0, "Ha"),
    ]


def test_an_appendix_headed_in_sentence_case_after_the_signer_and_a_time_that_opens_with_xong() -> (
    None
):
    # '... PHÓ CHỦ TỊCH Nguyễn Văn Đệ Phụ lục MỘT SỐ NHIỆM VỤ ...': the signer's name ends
    # before the appendix, whose heading is in sentence case before its title in capitals
    text = PLAN.replace("PHỤ LỤC\nDANH MỤC NHIỆM VỤ", "Phụ lục\nMỘT SỐ NHIỆM VỤ")
    rows = [
        ["TT", "Tên nhiệm vụ", "Sở, ngành chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
        [
            "1",
            "Tổ chức quán triệt Chỉ thị về khoáng sản",
            "Sở Nông nghiệp và Môi trường",
            "Các Sở, ban, ngành",
            "Xong trong Quý II/2026",
        ],
        ["2", "Xử lý dứt điểm khai thác khoáng sản trái phép", "Công an tỉnh", "", "Hàng năm"],
    ]
    plan = _crawled(rows, text)
    assert plan.metadata.signer == "Nguyễn Văn Đệ"
    assert [s.path for s in plan.walk() if s.path.startswith("PB01")] == [
        "PB01",
        "PB01.1",
        "PB01.2",
    ]
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [("PB01.1", "2026-06-30")]


def test_a_long_task_and_the_sites_furniture_after_the_last_row_leave_the_cells_readable() -> None:
    # the cells are read from the row's end (make bench shows the time stays linear), and
    # the site's furniture a crawl runs on after the table is no part of its last row
    task = " ".join(["Tổ chức tuyên truyền phổ biến pháp luật về giao thông cho người dân"] * 60)
    rows = [
        ["TT", "Nội dung", "Cơ quan chủ trì", "Sản phẩm", "Thời gian thực hiện"],
        ["1", task, "Sở Y tế", "Báo cáo", "2026"],
        ["2", "Tổng kết thực hiện", "Sở Tài chính", "Báo cáo", "2027"],
        ["Văn bản liên quan Ban hành: 04/09/2025 Hiệu lực: Đã biết Sở Tư pháp 2029"],
    ]
    plan = _crawled(rows)
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Sở Y tế", "PB01"),
        ("Sở Tài chính", "PB01"),
    ]
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [
        ("PB01.1", "2026-12-31"),
        ("PB01.2", "2027-12-31"),
    ]


def test_an_empty_cell_of_figures_or_a_zero_before_a_group_letter_leave_the_numbering_alone() -> (
    None
):
    # '- -' are empty cells, not a range before the next row's number; the '0' that ends a
    # row before 'B' is a figure, not a row of its own
    rows = [
        ["STT", "Nội dung", "Năm 2026", "Năm 2027"],
        ["A", "TỔNG CHI NGÂN SÁCH", "100", "0"],
        ["B", "KẾ HOẠCH VAY"],
        ["1", "Trái phiếu chính quyền địa phương", "-", "-"],
        ["2", "Vay lại từ nguồn vay nước ngoài", "5", "6"],
    ]
    plan = _crawled(rows)
    assert [s.path for s in plan.walk() if s.path.startswith("PB01.")] == [
        "PB01.A",
        "PB01.B",
        "PB01.B.1",
        "PB01.B.2",
    ]


def test_years_headed_den_nam_and_a_unit_the_list_does_not_hold() -> None:
    rows = [
        ["TT", "Nội dung", "ĐVT", "Đến năm 2025", "Đến năm 2030"],
        ["I", "Sở Khoa học và Công nghệ"],
        ["1", "Dự án ứng dụng khoa học vào sản xuất", "DA/MH", "2", "3"],
        ["2", "Đào tạo nghề", "Lớp", "6", "10"],
    ]
    plan = _crawled(rows)
    got = sorted((t.section, t.indicator, t.year, t.value, t.unit) for t in plan.targets)
    assert got == [
        ("PB01.I.1", "Dự án ứng dụng khoa học vào sản xuất", 2025, 2.0, "DA/MH"),
        ("PB01.I.1", "Dự án ứng dụng khoa học vào sản xuất", 2030, 3.0, "DA/MH"),
        ("PB01.I.2", "Đào tạo nghề", 2025, 6.0, "Lớp"),
        ("PB01.I.2", "Đào tạo nghề", 2030, 10.0, "Lớp"),
    ]
