"""Appendix tables as web copies print them: one cell per line between '|' lines, a
header with merged cells, items printed with a dash, totals without a number."""

from __future__ import annotations

from conftest import parse_text

from kehoach.model import Plan
from kehoach.structure.tables import merged_header


def _bars(rows: list[list[str]]) -> str:
    """A table as Trafilatura prints it: every cell on its own line between '|' lines."""
    out: list[str] = []
    for row in rows:
        for cell in row:
            out += ["|", cell] if cell else ["|"]
        out.append("|")
    return "\n".join(out) + "\n"


def _appendix_rows(plan: Plan) -> dict[str, str]:
    """Path -> title of the first appendix's rows, in the plan's order."""
    return {s.path: s.title for s in plan.walk() if s.path.startswith("PB01.")}


HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 1/KH-UBND\n\n"
    "KẾ HOẠCH\nXuất khẩu\n\nI. MỤC TIÊU\nTăng xuất khẩu.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n"
    "Nguyễn Văn A\n\n"
)


def test_a_merged_period_header_gives_one_year_per_column() -> None:
    assert merged_header(
        [
            ["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"],
            ["Năm 2026", "Năm 2027"],
        ],
        6,
    ) == ["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "Năm 2026", "Năm 2027"]


def test_dash_items_of_a_row_give_targets_under_it_and_the_estimate_column_none() -> None:
    table = _bars(
        [
            ["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"],
            ["Năm 2026", "Năm 2027"],
            ["I", "CÂY CÔNG NGHIỆP", "", "", "", ""],
            ["1", "Cà phê", "", "", "", ""],
            ["-", "Diện tích", "Ha", "26.120", "27.000", "27.500"],
            ["-", "Sản lượng", "Tấn", "37.724", "39.800", "40.602"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC 01\n\nVÙNG NGUYÊN LIỆU\n\n" + table)
    got = sorted((t.section, t.indicator, t.year, t.value, t.unit) for t in plan.targets)
    assert got == [
        ("PB01.I.1", "Diện tích Cà phê", 2026, 27000.0, "Ha"),
        ("PB01.I.1", "Diện tích Cà phê", 2027, 27500.0, "Ha"),
        ("PB01.I.1", "Sản lượng Cà phê", 2026, 39800.0, "Tấn"),
        ("PB01.I.1", "Sản lượng Cà phê", 2027, 40602.0, "Tấn"),
    ]
    assert [s.path for s in plan.walk() if s.path.startswith("PB")] == [
        "PB01",
        "PB01.I",
        "PB01.I.1",
    ]


def test_sub_columns_carry_their_unit_and_scale_and_a_total_row_sits_at_the_table() -> None:
    table = _bars(
        [
            ["TT", "Sản phẩm", "Kế hoạch 2026", "Kế hoạch 2027"],
            ["Lượng (Tấn)", "Giá trị (Nghìn USD)", "Lượng (Tấn)", "Giá trị (Nghìn USD)"],
            ["", "1", "2", "3", "4", "5"],
            ["", "Tổng I + II", "", "240.000", "", "270.000"],
            ["I", "Mặt hàng nông sản", "", "235.000", "", "265.000"],
            ["1", "Xoài", "13.500", "7.000", "14.800", "7.800"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC 02\n\nDANH MỤC HÀNG HÓA\n\n" + table)
    got = sorted((t.section, t.year, t.value, t.unit) for t in plan.targets)
    assert got == [
        ("PB01", 2026, 240_000_000.0, "USD"),
        ("PB01", 2027, 270_000_000.0, "USD"),
        ("PB01.I", 2026, 235_000_000.0, "USD"),
        ("PB01.I", 2027, 265_000_000.0, "USD"),
        ("PB01.I.1", 2026, 13_500.0, "Tấn"),
        ("PB01.I.1", 2026, 7_000_000.0, "USD"),
        ("PB01.I.1", 2027, 14_800.0, "Tấn"),
        ("PB01.I.1", 2027, 7_800_000.0, "USD"),
    ]


def test_rows_numbered_with_decimals_and_letters_nest_and_keep_their_lead_agency() -> None:
    table = _bars(
        [
            ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
            ["I", "Hoàn thiện thể chế"],
            ["1.1", "Rà soát các quy định", "Sở Tư pháp", "Các sở, ban, ngành", "2026 - 2030"],
            ["1.2", "Xây dựng chính sách", "Sở Tài chính", "Sở Tư pháp", "2026"],
            ["1.2.1", "Chính sách thuế", "Thuế tỉnh", "Sở Tài chính", "2027"],
            ["a", "Thuế điện tử", "Thuế tỉnh", "Sở Tài chính", "2027"],
            ["II", "Phát triển hạ tầng"],
            ["2.1", "Hạ tầng bưu chính", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "2026"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n" + table)
    paths = list(_appendix_rows(plan))
    assert paths == [
        "PB01.I",
        "PB01.I.1.1",
        "PB01.I.1.2",
        "PB01.I.1.2.1",
        "PB01.I.1.2.1.a",
        "PB01.II",
        "PB01.II.2.1",
    ]
    assert ("Sở Khoa học và Công nghệ", "PB01.II") in [
        (a.agency, a.section) for a in plan.assignments
    ]
    assert ("PB01.I.1.2", "2026-12-31") in [(d.section, str(d.date)) for d in plan.deadlines]


def test_a_cost_table_lists_plain_numbers_under_a_multi_level_row() -> None:
    # a cost estimate numbers its groups '1', '1.1', '1.1.2' and the items of a group
    # '1', '2', ... again; then '1.2' goes back to its own level
    table = _bars(
        [
            ["TT", "Chỉ tiêu", "Số mẫu", "Đơn giá", "Thành tiền"],
            ["I", "Quan trắc môi trường", "", "", "1.364.329.243"],
            ["1", "Quan trắc thường xuyên", "", "", "1.311.038.946"],
            ["1.1", "Vùng nuôi tôm nước lợ", "", "", "428.418.252"],
            ["1.1.2", "Mẫu nước trong ao nuôi", "", "", "22.147.020"],
            ["1", "Nhiệt độ nước", "108", "95.614", "10.326.312"],
            ["2", "Oxy hòa tan", "108", "109.451", "11.820.708"],
            ["1.2", "Vùng nuôi tôm hùm lồng bè", "", "", "52.003.118"],
            ["2", "Quan trắc đột xuất", "", "", "53.290.297"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nDỰ TOÁN KINH PHÍ\n" + table)
    paths = list(_appendix_rows(plan))
    assert paths == [
        "PB01.I",
        "PB01.I.1",
        "PB01.I.1.1",
        "PB01.I.1.1.2",
        "PB01.I.1.1.2.1",
        "PB01.I.1.1.2.2",
        "PB01.I.1.2",
        "PB01.I.2",
    ]


def test_the_current_year_over_plan_and_estimate_columns_and_a_scaled_unit() -> None:
    # 'Năm hiện hành 2025' stands over 'Kế hoạch' and 'Ước thực hiện', the plan years follow;
    # 'Tỷ đồng' is multiplied in (FORMAT.md: plain values, units without scale words)
    table = _bars(
        [
            ["STT", "Nội dung", "Đơn vị tính", "Năm hiện hành 2025", "Năm 2026", "Năm 2027"],
            ["Kế hoạch", "Ước thực hiện"],
            ["1", "Tổng sản phẩm (GRDP)", "Tỷ đồng", "172.033", "172.033", "193.549", "218.628"],
            ["2", "Tốc độ tăng trưởng GRDP", "%", "8,00", "8,00", "10,00", "10,50"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nDỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI\n" + table)
    got = [(t.value, t.unit, t.year) for t in plan.targets if t.section.startswith("PB01")]
    assert (193549e9, "đồng", 2026) in got
    assert (218628e9, "đồng", 2027) in got
    assert (10.5, "%", 2027) in got
    assert not any(year == 2026 and value == 172033e9 for value, _, year in got)


def test_a_budget_appendix_holds_money_not_targets() -> None:
    table = _bars(
        [
            ["STT", "Nội dung", "Năm 2026", "Năm 2027", "Năm 2028"],
            ["I", "THU NỘI ĐỊA", "10.052.700", "11.300.000", "12.900.000"],
        ]
    )
    plan = parse_text(
        HEAD + "PHỤ LỤC\nBIỂU TỔNG HỢP DỰ TOÁN THU NSNN GIAI ĐOẠN 2026 – 2028\n" + table
    )
    assert [t for t in plan.targets if t.section.startswith("PB01")] == []


def test_a_group_row_whose_title_a_pdf_reader_put_in_a_later_cell_still_opens_the_group() -> None:
    # '| B |  | PHÁT TRIỂN ... |': the merged title cell split at a rule the reader saw in it
    rows = "\n".join(
        [
            "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |",
            "| A | PHÁT TRIỂN NỀN MÓNG |  |  |  |",
            "| I | Hoàn thiện thể chế |  |  |  |",
            "| 1.1 | Rà soát các quy định | Sở Tư pháp | Các sở, ban, ngành | 2026 - 2030 |",
            "| B |  | PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC |  |  |",
            "| I | Nông nghiệp số |  |  |  |",
            "| 1.1 | Sàn nông sản | Sở Nông nghiệp và Môi trường | Sở Công Thương | 2026 |",
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n" + rows + "\n")
    paths = _appendix_rows(plan)
    assert paths["PB01.B"] == "PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC"
    assert ("Sở Nông nghiệp và Môi trường", "PB01.B.I") in [
        (a.agency, a.section) for a in plan.assignments
    ]


def test_a_group_row_whose_number_and_title_share_one_cell_opens_the_group() -> None:
    # a web page prints the group row as one cell across the table, or in the title column
    across = "\n".join(
        [
            "| STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |",
            "| I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY |",
            "| 1 | Triển khai nền tảng đào tạo trực tuyến | Sở KH&CN | Các sở, ban, ngành | 2026 |",
            "| II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH |",
            "| 2 | Xây dựng Bộ tiêu chí đánh giá | Sở Nội vụ | Sở KH&CN | Quý IV/2025 |",
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n" + across + "\n")
    assert _appendix_rows(plan) == {
        "PB01.I": "NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY",
        "PB01.I.1": "Triển khai nền tảng đào tạo trực tuyến",
        "PB01.II": "HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH",
        "PB01.II.2": "Xây dựng Bộ tiêu chí đánh giá",
    }
    assert [(a.agency, a.section) for a in plan.assignments][-2:] == [
        ("Sở Khoa học và Công nghệ", "PB01.I"),
        ("Sở Nội vụ", "PB01.II"),
    ]
    in_title = "| TT | Chỉ tiêu | Chủ trì |\n|  | I. Kinh tế số |  |\n| 1 | Kinh tế số chiếm 45% GRDP | Sở Tài chính |\n"
    plan = parse_text(HEAD + "PHỤ LỤC\nPHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU\n" + in_title)
    assert list(_appendix_rows(plan)) == ["PB01.I", "PB01.I.1"]


def test_an_appendix_heading_s_horizon_is_its_rows_year_but_not_the_plan_s_period() -> None:
    rows = "| TT | Chỉ tiêu | Chủ trì |\n|  | I. Kinh tế số |  |\n| 1 | Kinh tế số chiếm 45% GRDP | Sở Tài chính |\n"
    horizon = parse_text(HEAD + "PHỤ LỤC\nPHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU ĐẾN NĂM 2030\n" + rows)
    period = parse_text(HEAD + "PHỤ LỤC\nPHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026\n" + rows)
    assert [(t.section, t.value, t.year) for t in horizon.targets] == [("PB01.I.1", 45, 2030)]
    assert [(t.section, t.value, t.year) for t in period.targets] == [("PB01.I.1", 45, None)]


def test_the_notes_under_an_appendix_table_are_the_appendix_s_own_text() -> None:
    rows = "| TT | Vị trí | X | Y |\n| 1 | Khu vực nuôi Hồ Cửa Đạt | 2200001 | 529312 |\n"
    note = (
        "\nGhi chú: - Vị trí lấy mẫu theo Hệ tọa độ VN-2000;\n\n- Có thể thay đổi vị trí lấy mẫu.\n"
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nVỊ TRÍ QUAN TRẮC\n" + rows + note)
    (appendix,) = [s for s in plan.sections if s.path == "PB01"]
    assert [b.text for b in appendix.body][-2:] == [
        "Ghi chú: - Vị trí lấy mẫu theo Hệ tọa độ VN-2000;",
        "- Có thể thay đổi vị trí lấy mẫu.",
    ]
    assert plan.quality.unplaced == []


class _Grid:
    """What pdfplumber's find_tables gives: a box and the cells, None where no cell is."""

    def __init__(self, rows: list[list[str | None]]) -> None:
        self.rows, self.bbox = rows, (0, 0, 100, 100)

    def extract(self, x_tolerance: float) -> list[list[str | None]]:
        return self.rows


def test_a_pdf_table_column_that_only_a_stray_rule_made_is_dropped() -> None:
    from kehoach.read.pdf import _tables

    class Page:
        def find_tables(self) -> list[_Grid]:
            return [
                _Grid(
                    [
                        ["1.1", "Kiện toàn Ban Chỉ đạo", None, "Sở Khoa học", "", "Quyết định"],
                        ["1.2", "Tổ công nghệ số", "", "Sở Khoa học", "", "Kế hoạch"],
                        ["1.3", "Hội nghị", None, "Sở Nội vụ", "", ""],
                    ]
                )
            ]

    (table,) = _tables(Page())
    # the third column never holds text and is missing from a row: a phantom; the fifth is
    # an empty column of real cells and stays
    assert table.rows[0] == ["1.1", "Kiện toàn Ban Chỉ đạo", "Sở Khoa học", "", "Quyết định"]


# pdftotext -layout of a ruled table: a row's cells wrap over lines around its number, rows
# stand apart by blank lines, a merged header's words run across two columns
LAYOUT_TABLE = """\
                                   Đơn vị    Năm hiện Năm        Năm       Năm
STT      Nội dung
                                   tính      hành 2025 2026      2027      2028

Kế
         Ước thực hiện
hoạch

1        2                         3         4         5         6         7         8

         Tổng sản phẩm trong
1        nước của địa phương       Tỷ đồng   172.033   172.033   193.549   218.628   247.907
         (GRDP) giá hiện hành

         Tốc độ tăng trưởng
2                                  %         8,00      8,00      10,00     10,00     10,50
         GRDP

3        Cơ cấu kinh tế

         - Thuế NK, thuế sản
         phẩm trừ trợ cấp sản      %                             4,31      4,19      4,07
         phẩm

[1] Số liệu ước theo Quyết định số 12/QĐ-UBND ngày 5/1/2025.
"""


def test_a_pdf_layout_table_is_read_by_its_columns() -> None:
    plan = parse_text(HEAD + "PHỤ LỤC\nDỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI\n\n" + LAYOUT_TABLE)
    titles = _appendix_rows(plan)
    assert titles == {
        "PB01.1": "Tổng sản phẩm trong nước của địa phương (GRDP) giá hiện hành",
        "PB01.2": "Tốc độ tăng trưởng GRDP",
        "PB01.3": "Cơ cấu kinh tế",
    }
    got = [(t.value, t.unit, t.year) for t in plan.targets if t.section.startswith("PB01")]
    assert (218628e9, "đồng", 2027) in got and (10.5, "%", 2028) in got
    assert (4.31, "%", 2026) in got  # the row's empty cells keep its values in their columns
    assert "12/QĐ-UBND" in [r.number for r in plan.references]  # the note under the table


def test_a_figure_with_thousands_groups_on_its_own_line_is_no_row_number() -> None:
    """PDF text sets each cell of a table on a line of its own; '10.307' there is a count
    of people, not row 10.307, even when a row's title follows it."""
    cells = [
        "STT", "Chỉ tiêu", "Đơn vị", "Năm 2025", "Năm 2026",
        "1", "Số người tham gia BHYT", "Người", "320.000", "330.000",
        "2", "Người thuộc hộ nghèo", "Người", "10.307",
        "+ Người dân tộc thiểu số", "10.307",
    ]  # fmt: skip
    plan = parse_text(HEAD + "PHỤ LỤC\nCHỈ TIÊU BẢO HIỂM Y TẾ\n\n" + "\n\n".join(cells) + "\n")
    assert list(_appendix_rows(plan)) == ["PB01.1", "PB01.2"]


def test_a_dash_item_of_a_table_flattened_one_cell_per_line_keeps_its_own_figures() -> None:
    """PDF text drops an item's empty number cell: '- Số giường bệnh' after the figures of
    the row above starts the item, and its figures go with it, one per year."""
    cells = [
        "STT", "Chỉ tiêu", "Đơn vị", "Năm 2026", "Năm 2027",
        "1", "Y tế", "",
        "- Số giường bệnh", "Giường", "7.060", "7.100",
        "- Số trạm y tế", "Trạm", "64", "64",
    ]  # fmt: skip
    plan = parse_text(HEAD + "PHỤ LỤC\nCHỈ TIÊU Y TẾ\n\n" + "\n\n".join(cells) + "\n")
    got = [(t.section, t.value, t.year, t.unit) for t in plan.targets if t.section != "I"]
    assert got == [
        ("PB01.1", 7060, 2026, "Giường"),
        ("PB01.1", 7100, 2027, "Giường"),
        ("PB01.1", 64, 2026, "Trạm"),
        ("PB01.1", 64, 2027, "Trạm"),
    ]


def test_a_cells_quote_keeps_the_row_title_as_printed() -> None:
    # the section title is tidied ('... làng nghề'), the quote stays verbatim ('làng nghề.')
    table = _bars(
        [
            ["TT", "Nội dung", "ĐVT", "Đến năm 2025", "Đến năm 2030"],
            ["1", "Xây dựng, phát triển nhãn hiệu sản phẩm làng nghề.", "NH", "2", "3"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC 01\n\nCHỈ TIÊU\n\n" + table)
    assert {s.title for s in plan.walk() if s.path == "PB01.1"} == {
        "Xây dựng, phát triển nhãn hiệu sản phẩm làng nghề"
    }
    assert [t.quote for t in plan.targets] == [
        "Xây dựng, phát triển nhãn hiệu sản phẩm làng nghề. | NH | 2",
        "Xây dựng, phát triển nhãn hiệu sản phẩm làng nghề. | NH | 2 | 3",
    ]


def test_a_row_number_printed_with_a_leading_zero_is_that_number() -> None:
    # '09' is row 9, as a heading '09.' is section 9
    table = _bars(
        [
            ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
            ["I", "Cải cách thể chế"],
            ["08", "Rà soát thủ tục", "Sở Tư pháp", "2026"],
            ["09", "Số hóa hồ sơ", "Sở Nội vụ", "2026"],
        ]
    )
    plan = parse_text(HEAD + "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n" + table)
    assert list(_appendix_rows(plan)) == ["PB01.I", "PB01.I.8", "PB01.I.9"]


def test_a_numbered_table_inside_a_section_gives_it_rows_and_their_leads() -> None:
    # a Word plan's table in the body: its rows are the section's rows, the responsibility
    # column leads them, at the section's path (FORMAT.md: the table's path)
    plan = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /KH-UBND\nKẾ HOẠCH\nTuyên truyền cải cách hành chính\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NỘI DUNG\n"
        "1. Tổ chức chương trình “Đối thoại về Cải cách hành chính”:\n"
        "Báo và Phát thanh, Truyền hình tỉnh tổ chức chương trình, gồm 3 chuyên mục sau:\n"
        "| TT | Nội dung | Trách nhiệm thực hiện | Thời gian (Năm 2026) |\n"
        "| 1 | Giải đáp vướng mắc về thủ tục đất đai | Lãnh đạo Sở Nông nghiệp và Môi trường "
        "| Tháng 3 |\n"
        "| 2 | Giải đáp vướng mắc về thủ tục xây dựng | Lãnh đạo Sở Xây dựng | Tháng 5 |\n"
        "| 3 | Giải đáp vướng mắc về thủ tục đầu tư | Lãnh đạo Sở Tài chính | Tháng 7 |\n"
        "2. Đăng tải tin, bài trên Cổng Thông tin điện tử tỉnh.\n"
    )
    rows = [(s.path, s.title) for s in plan.sections[1].children[0].children]
    assert rows == [
        ("II.1.1", "Giải đáp vướng mắc về thủ tục đất đai"),
        ("II.1.2", "Giải đáp vướng mắc về thủ tục xây dựng"),
        ("II.1.3", "Giải đáp vướng mắc về thủ tục đầu tư"),
    ]
    leads = [(a.agency, a.section) for a in plan.assignments if a.agency.startswith("Sở")]
    assert leads == [
        ("Sở Nông nghiệp và Môi trường", "II.1"),
        ("Sở Xây dựng", "II.1"),
        ("Sở Tài chính", "II.1"),
    ]
