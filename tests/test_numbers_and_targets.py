"""Targets from Vietnamese sentences: the number grammar, comparators, units, years."""

from __future__ import annotations

import pytest
from conftest import parse_text

from kehoach.facts.numbers import may_hold_quantity, parse_number, quantities

HEAD = "KẾ HOẠCH\nVỀ VIỆC X\nI. MỤC TIÊU\n"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("10.000", 10000),
        ("6,0", 6.0),
        ("1.234,5", 1234.5),
        ("01", 1),
        ("07", 7),
        ("1.5", 1.5),
        ("450.000", 450000),
    ],
)
def test_vietnamese_numbers(raw: str, value: float) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("đạt khoảng 6,0 - 7,0%/năm", 6.0, 7.0),
        ("từ 15 - 20 hợp tác xã", 15, 20),
        ("16 - 17%", 16, 17),
        ("tăng 1- 1,5 lần", 1, 1.5),
        ("khoảng 9.000-10.000 ha/năm", 9000, 10000),
        ("đạt trên 18-20m3/ha/năm", 18, 20),
        ("1- 1.5", 1, 1.5),
        ("giảm 1,5 ÷ 2%/năm", 1.5, 2),
        ("45 nghìn lao động", 45000, None),
        ("5 triệu con/năm", 5_000_000, None),
        ("200 triệu USD/năm", 200_000_000, None),
        ("1,2 tỷ đồng", 1_200_000_000, None),
        ("Chè 1.500ha", 1500, None),
    ],
)
def test_quantities(text: str, value: float, value_max: float | None) -> None:
    (q,) = quantities(text)
    assert (q.value, q.value_max) == (value, value_max)


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("Tổ chức tuyên truyền sâu rộng trong cán bộ, đảng viên", False),
        ("Mỗi xã có ít nhất một mô hình", True),  # a number word after a bound
        ("Tối thiểu hai lớp tập huấn", True),
        ("đạt 95% số hộ", True),
        ("Đến năm 2030", True),
    ],
)
def test_the_quick_check_never_misses_a_quantity(text: str, holds: bool) -> None:
    """The pre-check that lets the extractors skip text agrees with the grammar."""
    assert may_hold_quantity(text) == holds
    assert bool(quantities(text)) == holds


def targets(text: str):  # type: ignore[no-untyped-def]
    return parse_text(HEAD + text).targets


def one(text: str):  # type: ignore[no-untyped-def]
    (t,) = targets(text)
    return t


def test_range_wins_over_approx() -> None:
    t = one("- Tốc độ tăng trưởng của nhóm ngành nghề nông thôn đạt khoảng 6,0 - 7,0%/năm.\n")
    assert (t.comparator, t.value, t.value_max, t.unit) == ("range", 6.0, 7.0, "%/năm")
    assert t.indicator == "Tốc độ tăng trưởng của nhóm ngành nghề nông thôn"


def test_relative_target_has_unit_lan_and_baseline() -> None:
    t = one("- Thu nhập bình quân lao động gấp 2 lần so với năm 2020.\n")
    assert (t.value, t.unit, t.baseline_year, t.comparator) == (2, "lần", 2020, "eq")


@pytest.mark.parametrize(
    ("sentence", "comparator"),
    [
        ("Giá trị xuất khẩu đạt trên 200 triệu USD/năm.", "min"),
        ("Có ít nhất 02 huyện đạt chuẩn.", "min"),
        ("Tỷ lệ hộ nghèo dưới 3%.", "max"),
        ("Tỷ lệ hộ nghèo không quá 3%.", "max"),
        ("Đàn lợn bình quân khoảng 450.000 con/năm.", "approx"),
        ("Tỷ lệ sản phẩm ứng dụng công nghệ cao đạt khoảng trên 8,0%.", "min"),
        ("Thành lập 15 tổ hợp tác trở lên.", "min"),
        ("Tỷ lệ lao động qua đào tạo là 76%.", "eq"),
    ],
)
def test_comparator_words(sentence: str, comparator: str) -> None:
    assert one(sentence + "\n").comparator == comparator


def test_several_targets_in_one_sentence_share_the_comparator() -> None:
    ts = targets(
        "- Khôi phục, bảo tồn được ít nhất 11 làng nghề, 21 nghề truyền thống và 13 làng nghề truyền thống.\n"
    )
    assert [(t.value, t.unit, t.comparator) for t in ts] == [
        (11, "làng nghề", "min"),
        (21, "nghề truyền thống", "min"),
        (13, "làng nghề truyền thống", "min"),
    ]
    assert all(t.indicator.startswith("Khôi phục, bảo tồn") for t in ts)


def test_year_from_sentence_then_heading() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\na) Đến năm 2025\n- Tỷ lệ che phủ rừng đạt 65%.\n"
        "- Phấn đấu đến năm 2030 trồng 10.000 ha rừng.\nII. NHIỆM VỤ\n"
        "- Duy trì vùng Hồi 35.000 ha; đến năm 2030 xây dựng từ 30 - 40 cơ sở; xây dựng 01 đơn vị cấp huyện.\n"
    )
    assert [(t.section, t.value, t.year) for t in plan.targets] == [
        ("I.a", 65, 2025),
        ("I.a", 10000, 2030),
        ("II", 35000, None),
        ("II", 30, 2030),
        ("II", 1, 2030),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Thực hiện Nghị định số 52/2018/NĐ-CP ngày 12/5/2018 của Chính phủ.",
        "Giai đoạn 2021 - 2025 và tầm nhìn đến năm 2045.",
        "Định kỳ 06 tháng báo cáo kết quả.",
        "Có 125 sản phẩm đạt từ 3 sao trở lên.",  # the 3 sao is a qualifier
        "Rà soát lại 3 loại rừng.",
        "Báo cáo trước ngày 15/6 hằng năm (15/12).",
        "Theo Điều 3 của Quyết định.",
    ],
)
def test_not_targets(sentence: str) -> None:
    assert [t.value for t in targets(sentence + "\n")] in ([], [125])


def test_funding_amounts_are_not_targets() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\n- Trồng 100 ha rừng.\nII. KINH PHÍ THỰC HIỆN\n- Tổng kinh phí 1,2 tỷ đồng.\n"
    )
    assert [t.value for t in plan.targets] == [100]


def test_appendix_table_cell_per_line() -> None:
    text = (
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ BIỂU 01: CHỈ TIÊU\n\n"
        "TT\n\nNội dung\n\nĐVT\n\nĐến năm 2025\n\nĐến năm 2030\n\n"
        "I\n\nSở Công thương\n\n\u00a0\n\n\u00a0\n\n\u00a0\n\n"
        "1\n\nĐào tạo nghề\n\nLớp\n\n6\n\n10\n\n2\n\nTốc độ tăng giá trị sản xuất\n\n%/năm\n\n8 - 10%\n"
    )
    plan = parse_text(text)
    got = [(t.section, t.year, t.value, t.value_max, t.unit) for t in plan.targets]
    assert got == [
        ("PB01.I.1", 2025, 6, None, "Lớp"),
        ("PB01.I.1", 2030, 10, None, "Lớp"),
        ("PB01.I.2", 2025, 8, 10, "%/năm"),
    ]


def test_pipe_table_with_sub_columns() -> None:
    text = (
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC I: CHỈ TIÊU\n"
        "| TT | Nội dung | ĐVT | Đến năm 2025 | Đến năm 2030 |\n"
        "| B | CÁC HUYỆN | | Đến năm 2025 | Đến năm 2030 | LN | NTT | LN | NTT |\n"
        "| 1 | Công nhận mới | | 5 | 6 | 5 | 1 |\n"
    )
    plan = parse_text(text)
    assert [(t.year, t.value, t.unit) for t in plan.targets] == [
        (2025, 5, "LN"),
        (2025, 6, "NTT"),
        (2030, 5, "LN"),
        (2030, 1, "NTT"),
    ]


def test_one_number_shared_by_two_indicators_gives_two_targets() -> None:
    ts = targets("- Tỷ lệ hộ nghèo và tỷ lệ hộ cận nghèo giảm 1,5 ÷ 2%/năm.\n")
    assert [(t.indicator, t.value, t.value_max, t.unit) for t in ts] == [
        ("Tỷ lệ hộ nghèo", 1.5, 2, "%/năm"),
        ("tỷ lệ hộ cận nghèo", 1.5, 2, "%/năm"),
    ]


def test_ages_are_qualifiers_and_rates_keep_their_base() -> None:
    (t,) = targets("- Tỷ lệ huy động trẻ em 5 tuổi ra lớp đạt 99,5%.\n")
    assert (t.value, t.indicator) == (99.5, "Tỷ lệ huy động trẻ em 5 tuổi ra lớp")
    (g,) = targets("- Số giường bệnh đạt 32 giường/vạn dân.\n")
    assert (g.value, g.unit) == (32, "giường/vạn dân")
    (m,) = targets("- Giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống dưới 12‰.\n")
    assert (m.value, m.unit, m.comparator) == (12, "‰", "max")


def test_table_with_actual_and_period_columns() -> None:
    text = (
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC: CHỈ TIÊU CHỦ YẾU\n"
        "| STT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2020 | Giai đoạn 2021-2025 | Mục tiêu năm 2030 | Ghi chú |\n"
        "| 1 | Tỷ lệ che phủ rừng | % | 60 | 65 | 67 | |\n"
        "| 2 | Số xã đạt chuẩn nông thôn mới | xã | 50 | 80 | 120 | Tăng |\n"
    )
    plan = parse_text(text)
    assert [(t.section, t.year, t.value, t.unit) for t in plan.targets] == [
        ("PB01.1", 2025, 65, "%"),
        ("PB01.1", 2030, 67, "%"),
        ("PB01.2", 2025, 80, "xã"),
        ("PB01.2", 2030, 120, "xã"),
    ]


def test_space_aligned_table_from_pdf_layout() -> None:
    text = (
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC: CHỈ TIÊU CHỦ YẾU\n"
        "TT    Chỉ tiêu                          ĐVT     Năm 2025    Năm 2030\n"
        "1     Tỷ lệ che phủ rừng                %       65          67\n"
        "2     Trồng rừng mới                    ha      9.000       10.000\n"
    )
    plan = parse_text(text)
    assert [(t.section, t.year, t.value, t.unit) for t in plan.targets] == [
        ("PB01.1", 2025, 65, "%"),
        ("PB01.1", 2030, 67, "%"),
        ("PB01.2", 2025, 9000, "ha"),
        ("PB01.2", 2030, 10000, "ha"),
    ]


def test_indicator_table_inside_the_objectives() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\n2. Chỉ tiêu chủ yếu\n"
        "| Chỉ tiêu | ĐVT | Năm 2025 | Năm 2030 |\n|---|---|---|---|\n"
        "| Tỷ lệ che phủ rừng | % | 65 | 67 |\n| Trồng rừng mới | ha/năm | 9.000 | 10.000 |\n"
    )
    assert [(t.section, t.year, t.value, t.unit, t.indicator) for t in plan.targets] == [
        ("I.2", 2025, 65, "%", "Tỷ lệ che phủ rừng"),
        ("I.2", 2030, 67, "%", "Tỷ lệ che phủ rừng"),
        ("I.2", 2025, 9000, "ha/năm", "Trồng rừng mới"),
        ("I.2", 2030, 10000, "ha/năm", "Trồng rừng mới"),
    ]


def test_indicators_for_elided_and_added_items() -> None:
    ts = targets(
        "- Phấn đấu đến năm 2025 có 35% dân số có hồ sơ sức khỏe điện tử; đến năm 2030 đạt 90%.\n"
        "- Xây dựng 15 km đường giao thông nông thôn và 03 cầu dân sinh.\n"
    )
    assert [(t.year, t.value, t.unit, t.indicator) for t in ts] == [
        (2025, 35, "%", "dân số có hồ sơ sức khỏe điện tử"),
        (2030, 90, "%", "dân số có hồ sơ sức khỏe điện tử"),
        (None, 15, "km đường", "Xây dựng km đường giao thông nông thôn"),
        (None, 3, "cầu", "Xây dựng cầu dân sinh"),
    ]


def test_an_indicator_leaves_no_bracket_open_and_falls_back_on_its_section() -> None:
    ts = parse_text(
        "KẾ HOẠCH\nVỀ VIỆC X\nI. MỤC TIÊU\n1. Vốn đầu tư hạ tầng\n"
        "- Hoàn thiện hạ tầng các khu công nghiệp: Tằng Loỏng (70 tỷ đồng), phía Nam (68 tỷ "
        "đồng).\n- 5.800 tỷ đồng.\n"
    ).targets
    assert [(t.value, t.indicator) for t in ts] == [
        (70e9, "Tằng Loỏng"),
        (68e9, "phía Nam"),
        (5800e9, "Vốn đầu tư hạ tầng"),
    ]
    # a rate per woman or per girls born keeps its whole noun
    ts = targets(
        "- Tổng tỷ suất sinh đạt 2,1 con/phụ nữ; tỷ số giới tính khi sinh dưới 109 bé trai/100 "
        "bé gái.\n"
    )
    assert [t.unit for t in ts] == ["con/phụ nữ", "bé trai/100 bé gái"]
    # 'trở lên' says who is counted; the 'lên' of 'nâng lên' before a figure is dropped
    ts = targets("- Tỷ lệ người từ 65 tuổi trở lên đạt khoảng 12%.\n")
    assert [t.indicator for t in ts] == ["Tỷ lệ người từ 65 tuổi trở lên"]


# --- What is not a target: labels, names, actual figures, scoring scales ----------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # list labels number items like section numbers
        ("- Chỉ tiêu 1: Năm 2025 đạt 60% các cơ quan có lãnh đạo chủ chốt là nữ.", [60]),
        ("(2) Ít nhất 85% người hưởng trợ cấp xã hội mở tài khoản ngân hàng.", [85]),
        ("- Mục tiêu 2: Giảm tỷ trọng lao động nữ làm nông nghiệp xuống dưới 30%.", [30]),
        ("- Buổi 1: Tổ chức dạy học nội dung Chương trình giáo dục phổ thông.", []),
        ("- Nhóm 1: 40 xã, phường bị ngập sâu.", [40]),
        # numbers inside names
        ("- Triển khai mạng 5G trên địa bàn tỉnh.", []),
        ("- Phòng, chống dịch Covid-19 trong trường học.", []),
        ("- Áp dụng TCVN 14423:2025 về trạm sạc.", []),
        ("- Nắm bắt cơ hội của cách mạng công nghiệp 4.0 và chuyển đổi số.", []),
        ("- Đầu tư đường Vành đai 4 vùng Thủ đô.", []),
        ("- Quán triệt Chỉ thị 11 của Ban Thường vụ Tỉnh ủy.", []),
        ("- Dự án đường nối từ IC 18 đường cao tốc đến Quốc lộ 4E.", []),
        ("- Cứu trợ theo phương châm “4 tại chỗ”.", []),
        ("- Giảm tai nạn giao thông trên cả 3 tiêu chí.", []),
        ("- Triển khai đồng bộ 8 nhóm nhiệm vụ, giải pháp.", []),
        # ... but a share of them is an aim
        ("- 100% mục tiêu, nhiệm vụ đề ra theo kế hoạch được hoàn thành.", [100]),
        ("- 80% các biểu mẫu báo cáo định kỳ được tạo từ e-form.", [80]),
        ("- Ôn tập cho học sinh thi tuyển sinh vào lớp 10.", []),
        # actual or estimated figures, conditions, scoring scales
        ("- Thu ngân sách ước đạt 92,44% dự toán.", []),
        ("- Hiện nay, toàn tỉnh có 87 trạm BTS 5G.", []),
        ("- Tỷ lệ hộ nghèo đã đạt 3,5%, phấn đấu đến năm 2030 còn dưới 1%.", [1]),
        ("- Nếu đạt 100% cộng 05 điểm, không đạt 100% không cộng điểm.", []),
        ("- Từ 88 - 90% cộng 02 điểm.", []),
        ("- Đối với một số ngành đặc thù có tỷ lệ nữ thấp dưới 30% có thể điều chỉnh.", []),
        # the count of criteria qualifies the measure; the share is one target per criterion
        (
            "- Kéo giảm tai nạn giao thông tối thiểu 5% trên 3 tiêu chí số vụ, số người chết "
            "và số người bị thương.",
            [5, 5, 5],
        ),
        # ... also when the year it is due by closes the list of criteria
        (
            "- Phấn đấu kéo giảm tai nạn giao thông ít nhất 05% trên cả 03 tiêu chí về số vụ, số "
            "người chết và số người bị thương trong năm 2025.",
            [5, 5, 5],
        ),
        # ... and when the cause closes it ('do tai nạn giao thông (TNGT)')
        (
            "- Phấn đấu giảm từ 5% ÷ 10% trên cả 3 tiêu chí về số vụ, số người chết và số "
            "người bị thương do tai nạn giao thông (TNGT) so với năm 2016.",
            [5, 5, 5],
        ),
        # a field that names who does the task
        ("- Đơn vị phối hợp: Bộ Công an, Sở Y tế 63 tỉnh, thành phố.", []),
        ("- Tỷ lệ = b/a * 100%.", []),
        ("- Giảm tỷ suất sinh từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ.", [18]),
        # spans of time are periods or deadlines, unless a bound makes them a norm
        ("- Báo cáo kết quả trong thời hạn 10 ngày làm việc.", []),
        ("- Tổ chức dạy học 2 buổi/ngày ở các cơ sở đủ điều kiện.", []),
    ],
)
def test_what_is_not_a_target(text: str, values: list[float]) -> None:
    assert [t.value for t in targets(text + "\n")] == values


def test_numbers_in_a_past_section_are_not_targets() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ X\nI. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2024\n- Trồng mới 9.000 ha rừng.\n"
        "II. MỤC TIÊU\n- Trồng mới 10.000 ha rừng.\n"
    )
    assert [t.value for t in plan.targets] == [10000]


def test_an_overview_or_the_achievements_report_the_past() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ X\nI. KHÁI QUÁT TÌNH HÌNH KINH TẾ - XÃ HỘI CỦA XÃ\n- Tổng số dân là 4650 khẩu.\n"
        "II. THÀNH TỰU\n- Tỷ lệ học sinh THCS tăng từ 52,94% lên 84,78%.\n"
        "III. MỤC TIÊU\n- Giảm 5-10% số trường hợp mắc bệnh truyền nhiễm.\n"
    )
    assert [(t.value, t.value_max, t.unit) for t in plan.targets] == [(5, 10, "%")]
    (t,) = targets("- Mỗi xã chọn không quá 01 trường hợp đề nghị khen thưởng.\n")
    assert (t.comparator, t.value, t.unit) == ("max", 1, "trường hợp")  # not a school


def test_norms_with_a_bound_are_targets() -> None:
    ts = targets(
        "- Thực hiện dạy học 2 buổi/ngày, mỗi ngày bố trí không quá 7 tiết học, mỗi tiết học"
        " 35 phút; bố trí thời khóa biểu tối thiểu 5 ngày/tuần, tối đa là 11 buổi/tuần.\n"
    )
    assert [(t.value, t.comparator, t.unit) for t in ts] == [
        (7, "max", "tiết học"),
        (5, "min", "ngày/tuần"),
        (11, "max", "buổi/tuần"),
    ]


def test_counted_unit_from_the_noun_after_the_number() -> None:
    (t,) = targets("- Lắp đặt mới 15 trạm sạc xe điện tại các khu đô thị.\n")
    assert (t.value, t.unit) == (15, "trạm sạc")
    (m,) = targets("- Mỗi năm đấu giá từ 05 mỏ khoáng sản trở lên.\n")
    assert (m.value, m.unit, m.comparator) == (5, "mỏ", "min")


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("- Giảm 50% số cặp tảo hôn.", "decrease"),
        ("- Số vụ phạm tội ma túy được phát hiện tăng trên 03% mỗi năm.", "increase"),
        ("- Tốc độ tăng bình quân 05%/năm.", "increase"),
        ("- Giảm tỷ trọng lao động nữ làm nông nghiệp xuống dưới 30%.", None),
        ("- Tăng tỷ lệ lao động nữ làm công hưởng lương đạt 50%.", None),
        ("- Tăng cường kiểm tra 100% cơ sở kinh doanh.", None),
        ("- Tỷ lệ che phủ rừng đạt 65%.", None),
        ("- Rút ngắn 30% thời gian giải quyết thủ tục hành chính.", "decrease"),
    ],
)
def test_change_or_level(text: str, change: str | None) -> None:
    assert one(text + "\n").change == change


def test_a_year_in_a_cited_date_ties_no_target() -> None:
    (t,) = targets(
        "- Khen thưởng theo Quyết định số 10/2024/QĐ-UBND ngày 13 tháng 6 năm 2024"
        " (tỷ lệ không quá 10% tập thể).\n"
    )
    assert (t.value, t.year, t.comparator) == (10, None, "max")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("- Có ít nhất một cơ sở y tế cung cấp dịch vụ thí điểm.", [1]),
        ("- 80% nạn nhân được tiếp cận ít nhất một trong các dịch vụ hỗ trợ cơ bản.", [80]),
        ("- Chỉ đạo các trường hoàn thành chỉ tiêu 100% giáo viên được tập huấn.", [100]),
        ("- Hưởng ứng phong trào “Cán bộ 3 gương mẫu, lái xe 3 an toàn”.", []),
        ("- Dự kiến kinh phí thực hiện khoảng 10% kinh phí quan trắc thường xuyên.", []),
        # the second of two dates is a date too
        ("- Định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo kết quả thực hiện.", []),
        # a share the money must reach is an aim all the same
        ("- Kinh phí chi cho nghiên cứu phát triển (R&D)/GRDP tối thiểu 2%.", [2]),
        ("- Tỷ trọng kinh phí từ xã hội trên kinh phí chi cho R&D đạt trên 60%.", [60]),
    ],
)
def test_number_words_quotes_and_money_for_the_work(text: str, values: list[float]) -> None:
    assert [t.value for t in targets(text + "\n")] == values


def test_years_before_the_plan_are_the_past() -> None:
    plan = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 12/KH-UBND\nX, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nVỀ X\n"
        "I. MỤC TIÊU\n- Đến hết năm 2020 mạng lưới đường bộ dài 6.498 km.\n"
        "- Trong 03 năm (2020-2022) toàn tỉnh xảy ra 25 vụ tai nạn, giảm 17 vụ so với"
        " cùng kỳ 03 năm (2017-2019).\n"
        "- Đến năm 2025 nhựa hóa 95% đường huyện.\n- Giai đoạn 2021 - 2025 trồng 500 ha rừng.\n"
    )
    assert [(t.value, t.year) for t in plan.targets] == [(95, 2025), (500, None)]


def test_table_with_two_header_rows_groups_and_measures_per_year() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ X\nI. MỤC TIÊU\n2. Chỉ tiêu chủ yếu\n"
        "| TT | Chỉ tiêu | ĐVT | ƯTH Năm 2025 | GIAI ĐOẠN 2026 - 2027 |\n|---|---|---|---|---|\n"
        "| Năm 2026 | Năm 2027 |\n"
        "| I | CÂY CÔNG NGHIỆP |\n| 1 | Cà Phê |\n"
        "| - | Diện tích | Ha | 26.120 | 27.000 | 27.500 |\n"
        "3. Xuất khẩu\n"
        "| TT | Sản phẩm | Kế hoạch 2026 | Kế hoạch 2027 |\n|---|---|---|---|\n"
        "| Lượng (Tấn) | Giá trị (Nghìn USD) | Lượng (Tấn) | Giá trị (Nghìn USD) |\n"
        "| 1 | 2 | 3 | 4 | 5 | 6 |\n"
        "| 1 | Xoài | 13.500 | 7.000 | 14.800 | 7.800 |\n"
        "| 2 | Mặt hàng khác | 235.000 | 265.000 |\n"
    )
    got = [(t.section, t.year, t.value, t.unit, t.indicator) for t in plan.targets]
    assert got == [
        ("I.2", 2026, 27000, "Ha", "Diện tích Cà Phê"),
        ("I.2", 2027, 27500, "Ha", "Diện tích Cà Phê"),
        ("I.3", 2026, 13500, "Tấn", "Xoài - Lượng"),
        ("I.3", 2026, 7_000_000, "USD", "Xoài - Giá trị"),
        ("I.3", 2027, 14800, "Tấn", "Xoài - Lượng"),
        ("I.3", 2027, 7_800_000, "USD", "Xoài - Giá trị"),
    ]


def test_one_number_over_the_criteria_named_after_it_gives_one_target_each() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông\n\nI. MỤC TIÊU\n"
        "1. Kiềm chế và kéo giảm tai nạn giao thông từ 5% đến 10% trên cả 3 tiêu chí về số vụ, "
        "số người chết, số người bị thương so với năm 2023.\n"
    )
    got = [(t.indicator, t.value, t.value_max, t.baseline_year) for t in plan.targets]
    assert got == [
        ("Kiềm chế và kéo giảm tai nạn giao thông về số vụ", 5.0, 10.0, 2023),
        ("Kiềm chế và kéo giảm tai nạn giao thông về số người chết", 5.0, 10.0, 2023),
        ("Kiềm chế và kéo giảm tai nạn giao thông về số người bị thương", 5.0, 10.0, 2023),
    ]


def test_the_criteria_may_follow_without_their_count() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông\n\nI. MỤC TIÊU\n"
        "1. Hàng năm giảm tai nạn giao thông từ 5-10% cả về số vụ, số người chết và số người bị "
        "thương.\n"
    )
    assert [t.indicator for t in plan.targets] == [
        "giảm tai nạn giao thông về số vụ",
        "giảm tai nạn giao thông về số người chết",
        "giảm tai nạn giao thông về số người bị thương",
    ]


@pytest.mark.parametrize(
    ("sentence", "indicators"),
    [
        (
            "Giảm tai nạn giao thông từ 5-10% số vụ, số người chết, số người bị thương so với "
            "năm 2019.",
            [
                "Giảm tai nạn giao thông về số vụ",
                "Giảm tai nạn giao thông về số người chết",
                "Giảm tai nạn giao thông về số người bị thương",
            ],
        ),
        (  # a short last item shares its 'số người'; a clause that is no count ends the list
            "Phấn đấu giảm tối thiểu 5% số vụ (TNGT), số người chết và bị thương và không để "
            "xảy ra ùn tắc giao thông.",
            ["số vụ", "số người chết", "số người bị thương"],
        ),
        ("Giảm 20% vụ ùn tắc giao thông.", ["Giảm vụ ùn tắc giao thông"]),
    ],
)
def test_a_share_of_the_counts_listed_right_after_it_gives_one_target_each(
    sentence: str, indicators: list[str]
) -> None:
    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông\n\nI. MỤC TIÊU\n1. " + sentence + "\n"
    )
    assert [t.indicator for t in plan.targets] == indicators


def test_a_number_in_a_name_before_a_verb_has_no_unit_and_is_no_target() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nKiểm soát tải trọng xe\n\nI. NHIỆM VỤ\n"
        "1. Phối hợp với Văn phòng Quản lý đường bộ 1.3 thực hiện kiểm tra tải trọng phương tiện.\n"
    )
    assert plan.targets == []


def test_an_optional_gold_target_takes_only_what_no_required_one_claims() -> None:
    from kehoach.scoring import score_plan

    plan = parse_text(
        "KẾ HOẠCH\nXây dựng xã không ma túy năm 2026\n\nI. MỤC TIÊU\n"
        "1. Phấn đấu ít nhất 40% xã, phường không ma túy trong năm 2026.\n"
    )
    gold = {
        "targets": [
            # the preamble restates it: a reader may or may not count it
            {"section": "0", "value": 40, "year": 2026, "optional": True},
            {"section": "I.1", "value": 40, "year": 2026, "comparator": "min", "unit": "%"},
        ]
    }
    count = score_plan(gold, plan).counts["targets"]
    assert (count.tp, count.fp, count.fn) == (1, 0, 0)


def test_a_past_year_in_a_condition_does_not_date_or_drop_the_aim() -> None:
    plan = parse_text(
        "ỦY BAN AN TOÀN GIAO THÔNG QUỐC GIA\nSố: 14/KH-UBATGTQG\nHà Nội, ngày 5 tháng 1 năm "
        "2015\nKẾ HOẠCH\nNăm an toàn giao thông 2015\nI. MỤC ĐÍCH\n1. Giảm từ 5% đến 10% so "
        "với năm 2014 về số vụ, số người chết, số người bị thương do tai nạn giao thông. Các địa "
        "phương có số người chết năm 2014 tăng phải giảm tối thiểu 10% số vụ, số người chết. "
        "Các địa phương có tai nạn tăng trong năm 2014, phấn đấu giảm tối thiểu 10% trong năm "
        "2015.\n2. Giảm tai nạn giao thông từ 5-10% về số vụ, số người chết so với cùng kỳ năm "
        "2014.\n"
    )
    got = [(t.value, t.value_max, t.year, t.baseline_year) for t in plan.targets]
    assert got == [
        (5, 10, None, 2014),
        (5, 10, None, 2014),
        (5, 10, None, 2014),
        (10, None, None, None),
        (10, None, None, None),
        (10, None, 2015, None),
        (5, 10, None, 2014),
        (5, 10, None, 2014),
    ]


def test_a_rate_each_year_has_no_year_even_when_the_sentence_goes_on_to_one() -> None:
    ts = targets(
        "- Phấn đấu giảm số thương vong do tai nạn giao thông mỗi năm từ 5% đến 10%, hướng tới "
        "năm 2030 giảm ít nhất 50% số người bị chết do tai nạn giao thông so với năm 2020.\n"
    )
    assert [(t.value, t.value_max, t.year) for t in ts] == [(5, 10, None), (50, None, 2030)]
    # 'hàng năm' that qualifies another clause leaves the number its year
    ts = targets("- Theo lộ trình thực hiện hàng năm, phấn đấu đạt 20% xã trong năm 2025.\n")
    assert [(t.value, t.year) for t in ts] == [(20, 2025)]


def test_a_completion_quarter_dates_the_target() -> None:
    ts = targets(
        "- Đảm bảo 100% các lái xe được tuyên truyền pháp luật về an toàn giao thông (hoàn "
        "thành trong Quý II/2025).\n"
    )
    assert [(t.value, t.year) for t in ts] == [(100, 2025)]


def test_an_indicator_is_not_a_dangling_preposition_or_the_item_before() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nPhòng, chống ma túy\nI. MỤC TIÊU\n"
        "1. Đến năm 2030, phấn đấu tuyên truyền cho người học tại 100% nhà trường và trên 70% "
        "người lao động tại các khu công nghiệp.\n"
        "2. Phấn đấu trợ giúp pháp lý cho 100% số người vi phạm pháp luật liên quan đến ma túy.\n"
    )
    got = [(t.value, t.indicator) for t in plan.targets]
    assert got == [
        (100.0, "tuyên truyền cho người học tại nhà trường"),
        (70.0, "người lao động tại các khu công nghiệp"),
        (100.0, "trợ giúp pháp lý cho số người vi phạm pháp luật liên quan đến ma túy"),
    ]


def test_a_number_that_bounds_who_a_rule_is_for_is_its_scope_not_a_target() -> None:
    got = targets(
        "- Đối với thôn có dưới 100 cử tri: Phải tổ chức hội nghị toàn thể cử tri và bảo đảm "
        "có trên 50% tổng số cử tri tham dự.\n"
        "- Đối với thôn có từ 100 cử tri trở lên: Có thể tổ chức hội nghị đại diện, bảo đảm ít "
        "nhất 55 cử tri tham dự.\n"
    )
    # the 100 voters say which villages; the shares and counts the rule requires are targets
    assert [(t.value, t.comparator) for t in got] == [(50.0, "min"), (55.0, "min")]
