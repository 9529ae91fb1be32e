"""Who must do what, with whom, by when: Vietnamese blocks in, assignments and deadlines out."""

from __future__ import annotations

import pytest
import regex
from conftest import SAMPLES, parse_text, sample_text

from kehoach.facts.agencies import (
    alternation,
    gazetteer,
    leading_agencies,
    lkey,
    repair,
    unknown_agency_like,
)
from kehoach.facts.assignments import addressees, partners
from kehoach.outputs.responsibility import predecessors, resolve
from kehoach.text import fold_tones

HEAD = "KẾ HOẠCH\nVỀ VIỆC X\n"


def assignments(text: str) -> list[tuple[str, str, list[str]]]:
    return [(a.agency, a.section, a.partners) for a in parse_text(HEAD + text).assignments]


def test_an_inspection_plan_s_team_is_given_duties_by_name() -> None:
    got = assignments(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Yêu cầu\n- Đoàn kiểm tra trực tiếp kiểm tra tại hiện trường, "
        "đồng thời làm việc với Chủ tịch UBND cấp huyện để nghe báo cáo tình hình.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện "
        "nghiêm túc Kế hoạch và nhiệm vụ được phân công.\n"
    )
    assert [(a, s) for a, s, _ in got] == [("Đoàn kiểm tra", "I.1"), ("Đoàn kiểm tra", "II.1")]


def test_a_centrally_run_city_s_bodies_are_named_for_the_city() -> None:
    plan = parse_text(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 153/KH-UBND\nCần Thơ, ngày 17 tháng 11 năm 2025\n"
        "KẾ HOẠCH\nPhòng, chống ma túy\nI. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n"
        "Chủ trì, phối hợp với lực lượng Công an tổ chức cai nghiện.\n"
        "2. Đề nghị Ban Tuyên giáo và Dân vận Thành ủy\nChỉ đạo công tác tuyên truyền.\n"
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố\nVận động Nhân dân tham gia.\n"
    )
    got = [(a.agency, a.partners) for a in plan.assignments]
    assert got == [
        ("Sở Y tế", ["Công an Thành phố"]),
        ("Ban Tuyên giáo và Dân vận Thành ủy", []),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", []),  # FORMAT.md's one key for the Front
    ]


def test_the_issuer_s_closing_after_lettered_items_closes_the_whole_section() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Giáo dục và Đào tạo\nChủ trì triển khai Chương trình.\n"
        "2. Ủy ban nhân dân các xã, phường\na) Xây dựng kế hoạch thực hiện.\n"
        "b) Hằng năm, tổ chức kiểm tra, đánh giá tình hình thực hiện.\n"
        "Ủy ban nhân dân tỉnh giao Giám đốc các sở, Thủ trưởng các ban, ngành, đoàn thể cấp tỉnh "
        "và Chủ tịch Ủy ban nhân dân các xã, phường triển khai thực hiện đúng quy định./.\n"
    )
    assert [(a, s) for a, s, _ in got if s == "I"] == [
        ("Các sở, ban, ngành", "I"),
        ("Các tổ chức chính trị - xã hội", "I"),
        ("Ủy ban nhân dân cấp xã", "I"),
    ]
    # a centrally run city's committee closing its plan is no addressee either
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\nChủ trì thực hiện.\n"
        "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành Thành phố, UBND phường, xã nghiêm "
        "túc triển khai thực hiện./.\n"
    )
    assert sorted((a, s) for a, s, _ in got if s == "I") == [
        ("Các sở, ban, ngành", "I"),
        ("Ủy ban nhân dân cấp xã", "I"),
    ]


def test_fish_farms_addressed_by_an_aquaculture_plan() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\n- Chủ trì tổ chức quan trắc.\n"
        "2. Các cơ sở nuôi trồng thủy sản:\nTheo dõi, giám sát môi trường tại cơ sở nuôi.\n"
        "3. Các cơ sở sản xuất giống, NTTS thương phẩm:\n- Giám sát chất lượng nước cấp.\n"
    )
    assert [a for a, _, _ in got] == [
        "Sở Nông nghiệp và Môi trường",
        "Các cơ sở nuôi trồng thủy sản",
        "Các cơ sở sản xuất giống, nuôi trồng thủy sản thương phẩm",
    ]


def test_a_request_heading_may_put_a_colon_before_the_bodies_it_names() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh\n"
        "a) Tuyên truyền, vận động hội viên.\n"
        "b) Phối hợp với Sở Khoa học và Công nghệ thực hiện đánh giá hiện trạng.\n"
    )
    assert got == [
        ("Hiệp hội Doanh nghiệp tỉnh", "I.1", ["Sở Khoa học và Công nghệ"]),
        ("Hội Nông dân tỉnh", "I.1", ["Sở Khoa học và Công nghệ"]),
    ]


def test_a_lettered_item_naming_its_block_s_own_addressee_is_one_of_its_duties() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các xã, phường\n"
        "a) Xây dựng kế hoạch phòng, chống ma túy trên địa bàn.\n"
        "b) Chủ tịch Ủy ban nhân dân xã, phường chỉ đạo lực lượng Công an xã thực hiện.\n"
        "2. Các doanh nghiệp công nghệ số\na) Các doanh nghiệp viễn thông ưu tiên đầu tư hạ tầng.\n"
        "b) Các doanh nghiệp công nghệ số chủ động tham gia triển khai Kế hoạch.\n"
    )
    assert [(a, s) for a, s, _ in got] == [
        ("Ủy ban nhân dân cấp xã", "I.1"),
        ("Các doanh nghiệp công nghệ số", "I.2"),
    ]


def test_numbered_block_in_implementation_with_partners() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và PTNT\n"
        "- Chủ trì, phối hợp với các sở, ngành liên quan, UBND các huyện, thành phố triển khai.\n"
        "- Phối hợp với các cơ quan liên quan kiểm tra.\n2. Sở Tài chính\nBố trí kinh phí.\n"
    )
    assert got == [
        (
            "Sở Nông nghiệp và Phát triển nông thôn",
            "I.1",
            ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"],
        ),
        ("Sở Tài chính", "I.2", []),
    ]


def test_lettered_item_with_colon_and_heading_naming_two_agencies() -> None:
    got = assignments(
        "I. NHIỆM VỤ\n1. Tuyên truyền\nb) Sở Thông tin và Truyền thông: chỉ đạo các cơ quan báo chí.\n"
        "c) Sở Tài chính, Sở Kế hoạch và Đầu tư: bố trí vốn.\n"
    )
    assert [(a, s) for a, s, _ in got] == [
        ("Sở Thông tin và Truyền thông", "I.1.b"),
        ("Sở Tài chính", "I.1.c"),
        ("Sở Kế hoạch và Đầu tư", "I.1.c"),
    ]


def test_lead_sentence_over_lettered_items() -> None:
    plan = parse_text(
        HEAD
        + "I. NHIỆM VỤ\n1. Phát triển nông nghiệp\nSở Nông nghiệp và Phát triển nông thôn chủ trì, "
        "phối hợp với các ngành, UBND các huyện, thành phố thực hiện:\na) Việc một.\nb) Việc hai.\n"
    )
    (a,) = plan.assignments
    assert (a.section, len(a.duties), a.partners) == (
        "I.1",
        2,
        ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"],
    )


def test_bullet_opening_with_an_agency_outside_implementation() -> None:
    got = assignments(
        "I. NHIỆM VỤ\n1. Y tế cơ sở\n- Sở Y tế: nâng cao chất lượng y tế cấp xã.\n- Nâng cao nhận thức.\n"
    )
    assert got == [("Sở Y tế", "I.1", [])]


def test_closing_paragraph_addressed_to_groups_belongs_to_the_section() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương\n- Hướng dẫn.\n2. UBND các huyện, thành phố\n- Triển khai.\n"
        "Yêu cầu các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ tình hình thực tế "
        "triển khai thực hiện.\n"
    )
    assert ("Các sở, ban, ngành", "I", []) in got and ("Ủy ban nhân dân cấp huyện", "I", []) in got


def test_sub_unit_given_a_duty_inside_a_block_is_not_its_own_assignment() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Phát triển nông thôn\n"
        "- Giao Chi cục Phát triển nông thôn là cơ quan đầu mối chủ trì.\n"
    )
    assert [a for a, _, _ in got] == ["Sở Nông nghiệp và Phát triển nông thôn"]


def test_bodies_directed_are_not_partners_and_vague_ones_are_dropped() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Lao động - Thương binh và Xã hội\n"
        "Phối hợp với Sở Nông nghiệp và Phát triển nông thôn chỉ đạo các cơ sở giáo dục nghề nghiệp "
        "xây dựng chương trình; phối hợp các địa phương thiết lập thị trường.\n"
    )
    assert got == [
        ("Sở Lao động - Thương binh và Xã hội", "I.1", ["Sở Nông nghiệp và Phát triển nông thôn"])
    ]


def test_agency_names_tolerate_spelling_and_lost_characters() -> None:
    assert repair("Sở Văn hóa và Th thao") == "Sở Văn hóa và Thể thao"
    for written, canonical in [
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở Lao động Thương binh và xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("UBND các huyện, thị xã, thành phố", "Ủy ban nhân dân cấp huyện"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ]:
        (m,) = leading_agencies(written)[1]
        assert m.name == canonical, written


def test_user_queries_resolve_and_successors_follow_the_2025_reorganisation() -> None:
    assert resolve("so cong thuong", []).name == "Sở Công Thương"
    assert resolve("KHĐT", []).name == "Sở Kế hoạch và Đầu tư"
    assert resolve("Sở NN&PTNT", []).name == "Sở Nông nghiệp và Phát triển nông thôn"
    assert resolve("so tai chinhh", []).name == "Sở Tài chính"
    assert set(predecessors("Sở Nông nghiệp và Môi trường")) == {
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tài nguyên và Môi trường",
    }
    assert "Sở Kế hoạch và Đầu tư" in predecessors("Sở Tài chính")
    assert resolve("xyz qwerty", []).name is None
    # one typo a word; a name only begun resolves when the other readings are predecessors
    assert resolve("so nong ngiep", []).name == "Sở Nông nghiệp và Môi trường"
    assert resolve("so xay dugn", []).name == "Sở Xây dựng"
    assert resolve("so yte", []).name == "Sở Y tế"
    assert resolve("bo tai chin", []).name == "Bộ Tài chính"
    assert resolve("so van hoa", []).ambiguous
    assert resolve("so", []).name is None
    # typed without its head word: the department and the ministry both fit, so the user
    # is shown both rather than the closest spellings of other bodies
    tai_chinh = resolve("tai chinh", [])
    assert tai_chinh.ambiguous and {"Sở Tài chính", "Bộ Tài chính"} <= set(tai_chinh.candidates)
    # a first word that also heads other names ('Công an') may start the name proper
    cong_thuong = resolve("cong thuong", [])
    assert cong_thuong.ambiguous
    assert {"Sở Công Thương", "Bộ Công Thương"} <= set(cong_thuong.candidates)
    assert resolve("cong an", []).name == "Công an tỉnh"
    # the province's body before a commune's of the same name, unless the level is typed
    assert resolve("cong an xa", []).name == "Công an xã"


def test_words_from_inside_a_name_find_the_body_a_plan_names() -> None:
    plan = parse_text(
        HEAD
        + "I. TỔ CHỨC THỰC HIỆN\n"
        + "1. Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch: tổ chức hội chợ.\n"
        + "2. Liên minh Hợp tác xã tỉnh: hỗ trợ các hợp tác xã.\n"
        + "3. Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh: vận động đoàn viên.\n"
    )
    # 'xuc tien' once read as 'Chi cục ...' with a typo in each word
    assert resolve("Xúc tiến", [plan]).name == "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"
    assert resolve("hop tac xa", [plan]).name == "Liên minh Hợp tác xã tỉnh"
    assert resolve("Thanh niên", [plan]).name == "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"
    # words that only say where find no name inside a longer one
    assert resolve("xã", [plan]).name != "Liên minh Hợp tác xã tỉnh"
    assert resolve("cấp tỉnh", [plan]).name is None


def deadlines(text: str) -> list[tuple[str, int | None, int | None, str | None, str | None]]:
    plan = parse_text(HEAD + "I. TỔ CHỨC THỰC HIỆN\n" + text + "\n")
    return [
        (d.recurrence, d.month, d.day, str(d.date) if d.date else None, d.to)
        for d in plan.deadlines
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Định kỳ hằng năm báo cáo kết quả thực hiện về Sở Nông nghiệp và Phát triển nông thôn trước ngày 15 tháng 11.",
            [("yearly", 11, 15, None, "Sở Nông nghiệp và Phát triển nông thôn")],
        ),
        (
            "Định kỳ đánh giá kết quả thực hiện 06 tháng (trước ngày 20 tháng 6 và ngày 20 tháng 12 hàng năm) "
            "gửi về Sở Tài chính.",
            [
                ("semiannual", 6, 20, None, "Sở Tài chính"),
                ("semiannual", 12, 20, None, "Sở Tài chính"),
            ],
        ),
        (
            "Định kỳ 6 tháng (15/6), hàng năm (15/12) báo cáo tình hình.",
            [("semiannual", 6, 15, None, None), ("yearly", 12, 15, None, None)],
        ),
        ("Báo cáo trước ngày 20 hằng tháng.", [("monthly", None, 20, None, None)]),
        ("Hoàn thành trước ngày 30/6/2025.", [("once", None, None, "2025-06-30", None)]),
        ("Hoàn thành chậm nhất năm 2028.", [("once", None, None, "2028-12-31", None)]),
        ("Trình UBND tỉnh trong quý III năm 2027.", [("once", None, None, "2027-09-30", None)]),
        ("Định kỳ hằng năm báo cáo theo quy định.", []),
        ("Thực hiện Quyết định số 12/QĐ-UBND ngày 10 tháng 10 năm 2022 của UBND tỉnh.", []),
        ("Trong thời hạn 10 ngày kể từ khi nhận được.", []),
    ],
)
def test_deadlines(
    text: str, want: list[tuple[str, int | None, int | None, str | None, str | None]]
) -> None:
    assert deadlines(text) == want


def test_a_target_year_is_not_a_deadline() -> None:
    assert deadlines("Phấn đấu trong năm 2025 có 100% xã đạt chuẩn.") == []
    assert deadlines("Hoàn thành việc xây dựng đề án trong năm 2027.") == [
        ("once", None, None, "2027-12-31", None)
    ]
    assert deadlines("Giải quyết dứt điểm tình trạng xe chở quá tải trong năm 2019.") == [
        ("once", None, None, "2019-12-31", None)
    ]
    # the action is in another clause than the year: a period, not a due date
    assert (
        deadlines(
            "Tổ chức triển khai các giải pháp ngay từ tháng đầu năm 2024; phục vụ tốt nhu cầu "
            "đi lại, nhất là trong dịp Tết và các kỳ nghỉ lễ khác trong năm 2024."
        )
        == []
    )


def test_quarterly_day_and_report_recipient() -> None:
    assert deadlines(
        "Các cơ quan báo cáo định kỳ hằng quý (trước ngày 20 của tháng cuối quý) về Sở Tài chính."
    ) == [("quarterly", None, 20, None, "Sở Tài chính")]
    assert deadlines("Sở Y tế báo cáo UBND tỉnh trước ngày 30/11 hằng năm.") == [
        ("yearly", 11, 30, None, "Ủy ban nhân dân tỉnh")
    ]


def test_labelled_lead_and_partner_lines() -> None:
    plan = parse_text(
        HEAD + "I. NHIỆM VỤ\n1. Xây dựng cơ sở dữ liệu làng nghề\n"
        "- Cơ quan thực hiện: Sở Nông nghiệp và Phát triển nông thôn.\n"
        "- Cơ quan phối hợp: Sở Tài chính, UBND các huyện, thành phố.\n"
    )
    (a,) = plan.assignments
    assert (a.agency, a.section, a.partners) == (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "I.1",
        ["Sở Tài chính", "Ủy ban nhân dân cấp huyện"],
    )
    assert a.duties[0].text.startswith("Xây dựng cơ sở dữ liệu")


TASK_TABLE = (
    HEAD + "I. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n"
    "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
    "| I | NHÓM NHIỆM VỤ VỀ THỂ CHẾ | | | |\n"
    "| 1 | Xây dựng đề án | Sở NN&PTNT | Sở Tài chính, UBND các huyện, thành phố | Quý II/2025 |\n"
    "| 2 | Rà soát cơ chế hỗ trợ | Sở Tài chính | Sở NN&PTNT | Năm 2026 |\n"
    "| 3 | Tuyên truyền | Sở Thông tin và Truyền thông; Báo Lạng Sơn | Các sở, ngành | Hằng năm |\n"
)


def test_task_table_with_lead_partner_and_due_columns() -> None:
    plan = parse_text(TASK_TABLE)
    got = [(a.agency, a.section, a.partners, len(a.duties)) for a in plan.assignments]
    assert got == [
        (
            "Sở Nông nghiệp và Phát triển nông thôn",
            "PB01.I",
            ["Sở Tài chính", "Ủy ban nhân dân cấp huyện"],
            1,
        ),
        ("Sở Tài chính", "PB01.I", ["Sở Nông nghiệp và Phát triển nông thôn"], 1),
        ("Sở Thông tin và Truyền thông", "PB01.I", ["Các sở, ban, ngành"], 1),
        ("Báo Lạng Sơn", "PB01.I", ["Các sở, ban, ngành"], 1),
    ]
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [
        ("PB01.I.1", "2025-06-30"),
        ("PB01.I.2", "2026-12-31"),
    ]


def test_a_body_in_both_columns_of_a_row_is_not_its_own_partner_but_a_group_is() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nPhòng thủ dân sự năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ban, ngành triển khai theo Phụ lục.\n\nPHỤ LỤC\nPHÂN CÔNG NHIỆM VỤ\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
        "| I | Tài chính |  |  |  |\n"
        "| 1 | Thành lập Quỹ Phòng thủ dân sự cấp tỉnh | Sở Tài chính "
        "| Sở Tài chính và cơ quan, địa phương liên quan | 2026 |\n"
        "| 2 | Rà soát quy chế phối hợp | Các sở, ban, ngành | Các sở, ban, ngành | 2026 |\n"
    )
    got = {a.agency: a.partners for a in plan.assignments if a.section.startswith("PB01")}
    assert got == {"Sở Tài chính": [], "Các sở, ban, ngành": ["Các sở, ban, ngành"]}


def test_a_partner_cell_is_read_item_by_item() -> None:
    # 'Viện, Trường' names no body of the gazetteer; the bodies after it are partners still
    plan = parse_text(
        "KẾ HOẠCH\nĐổi mới công nghệ\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ban, ngành triển khai theo Phụ lục.\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
        "| I | Nông nghiệp |  |  |  |\n"
        "| 1 | Triển khai công nghệ cao trong trồng trọt | Sở Nông nghiệp và Môi trường "
        "| Viện, Trường; Sở, ban, ngành có liên quan | 2025 - 2035 |\n"
    )
    got = [(a.agency, a.partners) for a in plan.assignments if a.section.startswith("PB01")]
    assert got == [("Sở Nông nghiệp và Môi trường", ["Các sở, ban, ngành"])]


def test_two_days_a_year_and_a_quarter_spelled_qui() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nChuyển đổi số\n\nI. TỔ CHỨC THỰC HIỆN\n1. Các sở, ban, ngành định kỳ trước "
        "ngày 01/6 và 15/11 hằng năm báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ.\n"
        "\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Xây dựng Bộ tiêu chí đánh giá | Sở KH&CN | Các sở, ban, ngành | Quí IV-2025 |\n"
    )
    got = {
        (d.section, d.recurrence, d.month, d.day, d.date and str(d.date)) for d in plan.deadlines
    }
    assert got == {
        ("I.1", "yearly", 6, 1, None),
        ("I.1", "yearly", 11, 15, None),
        ("PB01.1", "once", None, None, "2025-12-31"),
    }


def test_a_monitoring_plan_s_sampling_times_are_no_due_dates() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nQuan trắc môi trường\n\nI. NỘI DUNG\n1. Môi trường nước cấp: quan trắc với tần "
        "suất 02 lần/năm; thời gian quan trắc vào tháng 4 và tháng 8 năm 2026.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường báo cáo UBND tỉnh trước ngày "
        "15/12/2026.\n"
    )
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [("II.1", "2026-12-15")]


def test_due_cells_that_say_more_than_a_date_and_a_row_merged_over_two_lines() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ban, ngành triển khai theo Phụ lục.\n\nPHỤ LỤC\nPHÂN CÔNG NHIỆM VỤ\n"
        "| STT | Nhiệm vụ | Sản phẩm | Thời gian hoàn thành | Chủ trì thực hiện | Phối hợp |\n"
        "| I | Công tác chỉ đạo, điều hành |  |  |  |  |\n"
        "| 1 | Tham mưu ban hành Kế hoạch kiểm tra năm 2026 | Kế hoạch kiểm tra của tỉnh "
        "| Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện | Sở Nội vụ |  |\n"
        "|  |  | Kế hoạch tự kiểm tra của cơ quan, đơn vị | Ban hành kế hoạch trong tháng "
        "01/2026, tổ chức kiểm tra chậm nhất trong tháng 6/2026 | Sở Tư pháp | Sở Nội vụ |\n"
        "| 2 | Công bố chỉ số cải cách hành chính hằng tháng | Kết quả công bố "
        "| Trước ngày 05 của tháng liền kề | Sở Nội vụ | Sở Tư pháp |\n"
        "| 3 | Công bố danh mục văn bản hết hiệu lực | Danh mục "
        "| Trước ngày 31/01 năm liền kề | Sở Tư pháp |  |\n"
        "| 4 | Rà soát công trình phòng thủ dân sự | Báo cáo | Tháng 12 hằng năm | Sở Xây dựng |  |\n"
    )
    got = [
        (d.section, d.recurrence, d.month, d.day, d.date and str(d.date)) for d in plan.deadlines
    ]
    assert got == [
        ("PB01.I.1", "once", None, None, "2026-01-31"),
        ("PB01.I.1", "once", None, None, "2026-01-31"),
        ("PB01.I.1", "once", None, None, "2026-06-30"),
        ("PB01.I.2", "monthly", None, 5, None),
        ("PB01.I.3", "yearly", 1, 31, None),
        ("PB01.I.4", "yearly", 12, None, None),
    ]
    # the merged line names its own lead and partner
    asg = {(a.agency, tuple(a.partners)) for a in plan.assignments if a.section == "PB01.I"}
    assert ("Sở Tư pháp", ("Sở Nội vụ",)) in asg


def test_a_ministry_task_with_its_division_of_work_and_a_span_of_quarters() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông năm 2023\n\nII. NHIỆM VỤ\n"
        "1. Nâng cấp dữ liệu khám sức khỏe người điều khiển phương tiện giao thông\n"
        "a) Phân công thực hiện\n- Đơn vị đầu mối trình: Cục Quản lý Khám, chữa bệnh.\n"
        "- Đơn vị phối hợp: Cục Công nghệ thông tin; Bảo hiểm xã hội Việt Nam.\n"
        "b) Thời gian thực hiện: Quý I - II/2023\nc) Sản phẩm: Phần mềm được nâng cấp.\n"
    )
    # the division of work is the task's: the assignment sits at the task (as 'b) Cơ quan
    # thực hiện' set as a heading does)
    assert [(a.agency, a.section, a.partners) for a in plan.assignments] == [
        (
            "Cục Quản lý Khám, chữa bệnh",
            "II.1",
            ["Cục Công nghệ thông tin", "Bảo hiểm xã hội Việt Nam"],
        )
    ]
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [("II.1.b", "2023-06-30")]


def test_a_task_tables_text_cells_hold_targets_its_agency_cells_do_not() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ban, ngành triển khai theo Phụ lục.\n\nPHỤ LỤC\n"
        "PHÂN CÔNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026\n"
        "| STT | Nhiệm vụ | Sản phẩm | Thời gian hoàn thành | Chủ trì thực hiện | Phối hợp |\n"
        "| I | Cải cách thủ tục hành chính |  |  |  |  |\n"
        "| 1 | Tổ chức tiếp nhận hồ sơ theo cơ chế một cửa, đảm bảo 100% hồ sơ được cập nhật "
        "trên Hệ thống | Tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80% | Trong năm 2026 "
        "| Văn phòng UBND tỉnh | Sở Khoa học và Công nghệ |\n"
        "| 2 | Rà soát văn bản | Văn bản của Trưởng Ban Chỉ huy Phòng thủ dân 1 sự cấp tỉnh "
        "| Trong năm 2026 | Sở Tư pháp |  |\n"
    )
    # the appendix's heading restates the plan's own year: it ties no target to a year
    assert [(t.section, t.value, t.comparator, t.year) for t in plan.targets] == [
        ("PB01.I.1", 100, "eq", None),
        ("PB01.I.1", 80, "min", None),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Báo cáo kết quả về Sở Tài chính trước 15/11 hằng năm.",
            [("yearly", 11, 15, None, "Sở Tài chính")],
        ),
        ("Hoàn thành chậm nhất 30/6/2025.", [("once", None, None, "2025-06-30", None)]),
        (
            "Tổ chức sơ kết vào năm 2025, tổng kết vào năm 2030.",
            [("once", None, None, "2025-12-31", None), ("once", None, None, "2030-12-31", None)],
        ),
        (
            "Tổ chức sơ kết 5 năm (năm 2025) và tổng kết (năm 2030) việc thực hiện.",
            [("once", None, None, "2025-12-31", None), ("once", None, None, "2030-12-31", None)],
        ),
    ],
)
def test_more_deadline_phrasings(
    text: str, want: list[tuple[str, int | None, int | None, str | None, str | None]]
) -> None:
    assert deadlines(text) == want


def test_agency_heading_with_a_note_in_parentheses() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và PTNT (cơ quan thường trực)\n- Theo dõi, tổng hợp.\n"
    )
    assert got == [("Sở Nông nghiệp và Phát triển nông thôn", "I.1", [])]


def test_agency_name_wrapped_onto_the_next_line_of_its_heading() -> None:
    got = assignments(
        "V. TỔ CHỨC THỰC HIỆN\n1. Sở\nCông Thương\n- Hướng dẫn, kiểm tra.\n2. Đề nghị\n"
        "Liên minh Hợp tác xã tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, Hội nông dân tỉnh\n- Tuyên truyền.\n"
    )
    assert [(a, s) for a, s, _ in got] == [
        ("Sở Công Thương", "V.1"),
        ("Liên minh Hợp tác xã tỉnh", "V.2"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "V.2"),
        ("Hội Nông dân tỉnh", "V.2"),  # 'Hội nông dân tỉnh' as the gazetteer spells it
    ]


def test_heads_of_agencies_and_a_vague_tail_in_headings() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; Chủ tịch Ủy ban "
        "nhân dân các xã, phường:\n- Khẩn trương ổn định bộ máy.\n"
        "2. Các sở, ban, ngành và các đơn vị khác có liên quan\nPhối hợp chặt chẽ với các cơ quan chủ trì.\n"
    )
    assert [(a, s) for a, s, _ in got] == [
        ("Các sở, ban, ngành", "I.1"),
        ("Ủy ban nhân dân cấp xã", "I.1"),
        ("Các sở, ban, ngành", "I.2"),
    ]


def test_field_lines_lead_and_partners_in_a_city_plan() -> None:
    got = assignments(
        "I. NỘI DUNG HOẠT ĐỘNG\n1. Hoạt động 1\n- Nội dung: Triển khai Tháng hành động.\n"
        "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, "
        "Ủy ban nhân dân phường, xã, đặc khu, báo, đài và các đơn vị có liên quan.\n"
    )
    assert got == [
        (
            "Sở Nội vụ",
            "I.1",
            ["Các sở, ban, ngành", "Các tổ chức chính trị - xã hội", "Ủy ban nhân dân cấp xã"],
        )
    ]


def test_a_field_set_as_a_lettered_heading_belongs_to_the_task_above_it() -> None:
    got = assignments(
        "I. NHIỆM VỤ\n1. Về dữ liệu\na) Nhiệm vụ\nRà soát, hoàn thiện Chiến lược dữ liệu.\n"
        "b) Cơ quan thực hiện\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Đơn vị phối hợp: Các Sở, ban, ngành.\nc) Thời gian thực hiện\nHoàn thành trong năm 2025.\n"
    )
    assert got == [("Sở Khoa học và Công nghệ", "I.1", ["Các sở, ban, ngành"])]


def test_subjects_with_any_verb_in_task_sections_but_not_reports_on_the_past() -> None:
    got = assignments(
        "II. NỘI DUNG\n1. Phát triển khu công nghiệp\n"
        "- Ban Quản lý Khu kinh tế và Ban Quản lý các Khu công nghiệp tỉnh đầu tư hạ tầng kỹ thuật.\n"
        "- UBND phường Lào Cai chủ trì, phối hợp với Sở Xây dựng thực hiện công tác GPMB.\n"
        "- Sở Y tế đã tổ chức tập huấn.\n"
    )
    assert got == [
        ("Ban Quản lý Khu kinh tế", "II.1", []),
        ("Ban Quản lý các Khu công nghiệp tỉnh", "II.1", []),
        ("Ủy ban nhân dân phường Lào Cai", "II.1", ["Sở Xây dựng"]),
    ]


def test_purpose_section_counts_bodies_that_open_an_item_with_their_duty() -> None:
    # FORMAT.md: outside Tổ chức thực hiện, a paragraph that opens with an agency followed
    # by its duties is an assignment at the enclosing section; an item naming none is not.
    got = assignments(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\n2. Sở Y tế đầu tư trang thiết bị hiện đại.\n"
        "3. Yêu cầu Thủ trưởng các sở, ban, ngành Thành phố và người đứng đầu các địa phương, đơn vị "
        "có liên quan phải nâng cao trách nhiệm.\n"
    )
    assert got == [("Sở Y tế", "I.2", []), ("Các sở, ban, ngành", "I.3", [])]


def test_reporting_groups_mid_sentence_and_the_closing_paragraph() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Giáo dục và Đào tạo\n- Chủ trì triển khai.\n2. Chế độ báo cáo\n"
        "Định kỳ hoặc đột xuất (khi có yêu cầu), các sở, ban, ngành tỉnh có liên quan và Ủy ban nhân "
        "dân các xã, phường báo cáo kết quả về Sở Giáo dục và Đào tạo.\n"
        "Trên đây là Kế hoạch triển khai, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tỉnh và Ủy "
        "ban nhân dân các xã, phường căn cứ Kế hoạch triển khai thực hiện.\n"
    )
    # the closing 'Trên đây là ...' addresses the whole section I, not its last item I.2
    assert sorted((a, s) for a, s, _ in got) == sorted(
        [
            ("Sở Giáo dục và Đào tạo", "I.1"),
            ("Các sở, ban, ngành", "I.2"),
            ("Ủy ban nhân dân cấp xã", "I.2"),
            ("Các sở, ban, ngành", "I"),
            ("Ủy ban nhân dân cấp xã", "I"),
        ]
    )


def test_named_ward_in_a_group_block_private_heading_and_local_authorities() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân cấp xã\n- Chủ trì giải phóng mặt bằng.\n"
        "- Ủy ban nhân dân phường Yên Bái chủ trì phối hợp với Ủy ban nhân dân phường Văn Phú xây "
        "dựng phương án di dời.\n2. Các chủ đầu tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp\n"
        "- Thu hút nhà đầu tư.\n3. Các Sở, ngành, địa phương định kỳ hàng năm báo cáo Ủy ban nhân dân tỉnh.\n"
    )
    assert got == [
        ("Ủy ban nhân dân phường Yên Bái", "I.1", ["Ủy ban nhân dân phường Văn Phú"]),
        ("Ủy ban nhân dân cấp xã", "I.1", []),
        ("Các chủ đầu tư dự án hạ tầng kỹ thuật khu, cụm công nghiệp", "I.2", []),
        ("Các sở, ban, ngành", "I.3", []),
        ("Ủy ban nhân dân cấp xã", "I.3", []),
    ]


def test_a_private_heading_over_its_duties_is_all_name_whatever_words_it_holds() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp\n"
        "- Phối hợp chặt chẽ với Sở Khoa học và Công nghệ.\n- Tạo điều kiện về mặt bằng.\n"
        "2. Các doanh nghiệp thứ cấp đang hoạt động trong khu công nghiệp\n- Chủ động phối hợp.\n"
        "3. Các doanh nghiệp chủ động tham gia triển khai kế hoạch trong khu công nghiệp.\n"
    )
    assert got == [
        (
            "Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp",
            "I.1",
            ["Sở Khoa học và Công nghệ"],
        ),
        ("Các doanh nghiệp thứ cấp đang hoạt động trong khu công nghiệp", "I.2", []),
    ]  # a sentence that only opens with the firms ('3. Các doanh nghiệp chủ động ...') is no name


def test_an_office_holder_answers_for_the_body_he_heads() -> None:
    """'Đồng chí Giám đốc Sở Y tế', 'Trưởng Ban ...', 'Phó Trưởng phòng ...': the duty is
    the body's; a seat on the plan's committee after a dash stays in the title."""
    text = (
        "I. TỔ CHỨC THỰC HIỆN\n1. Đồng chí Giám đốc Sở Y tế chịu trách nhiệm chỉ đạo thực hiện.\n"
        "2. Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung.\n"
        "3. Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực: Trực "
        "tiếp chỉ đạo chuẩn bị.\n"
    )
    assert assignments(text) == [
        ("Sở Y tế", "I.1", []),
        ("Ban Xây dựng Đảng", "I.2", []),
        ("Phòng Văn hóa - Xã hội", "I.3", []),
    ]
    titles = {s.path: s.title for s in parse_text(HEAD + text).walk()}
    assert titles["I.2"] == "Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban"
    assert titles["I.3"] == (
        "Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực"
    )


def test_whoever_else_it_concerns_closes_a_list_of_addressees_without_naming_one() -> None:
    """'tổ chức, cá nhân có liên quan', the law's stock tail, ends a heading or a list; a
    list that a preposition governs ('Quán triệt đến các cấp, các ngành ...') is no subject."""
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan\n"
        "- Tuân thủ các quy định về cấp phép.\n- Bảo đảm kinh phí.\n"
        "2. Sở Y tế, các tổ chức, cá nhân có liên quan\n- Triển khai thực hiện.\n"
        "3. Quán triệt sâu rộng đến các cấp, các ngành, các địa phương và các tổ chức, cá nhân "
        "liên quan cần nghiêm túc thực hiện Chỉ thị số 23/CT-TTg.\n"
    )
    assert got == [
        ("Các doanh nghiệp viễn thông", "I.1", []),
        ("Sở Y tế", "I.2", []),
    ]


def test_local_authorities_are_districts_where_the_plan_names_districts() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. UBND các huyện, thành phố\n- Triển khai.\n"
        "2. Các sở, ban, ngành, địa phương định kỳ báo cáo kết quả.\n"
    )
    assert ("Ủy ban nhân dân cấp huyện", "I.2", []) in got


def test_unknown_agency_like_names_are_listed_once_and_sorted() -> None:
    texts = [
        "Bệnh viện Đa khoa tỉnh chủ trì, phối hợp với Sở Y tế.",
        "Chi cục Kiểm lâm hướng dẫn; Bệnh viện Đa khoa tỉnh thực hiện.",
        "Căn cứ Quyết định của Bộ Chính trị và Ban Bí thư, Công an tỉnh và Báo Lạng Sơn triển khai.",
    ]
    assert unknown_agency_like(texts) == [
        "Bệnh viện Đa khoa tỉnh",
        "Chi cục Kiểm lâm",
    ]


def test_the_gazetteer_split_by_first_letters_finds_what_the_whole_list_finds() -> None:
    """Only the aliases that can start at a word are tried there: same match, same alias."""
    whole = alternation(gazetteer().branches)
    text = lkey(
        "Giao Sở Tài chính, Sở Kế hoạch và Đầu tư, UBND các huyện, thành phố; Ủy ban MTTQ "
        "Việt Nam tỉnh, Ban Dân tộc, Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh, Liên đoàn Lao "
        "động tỉnh, Hội Liên hiệp Phụ nữ tỉnh, các sở, ban, ngành; Văn phòng UBND tỉnh, "
        "Ngân hàng Nhà nước chi nhánh tỉnh, Báo và Phát thanh, Truyền hình tỉnh; Đài PT-TH."
    )
    found = 0
    for pos in range(len(text)):
        a, b = gazetteer().aliases.match(text, pos), whole.match(text, pos)
        assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), text[pos:]
        found += a is not None
    assert found >= 12


def test_the_key_of_a_tail_read_off_a_longer_text_is_its_own_key() -> None:
    """A heading cut again and again is keyed from its longer self: same key as computed
    afresh, also where a tone fold meets the cut ('Quý', 'hoà', 'Thuỷ')."""
    text = (
        "Giao Sở Tài chính chủ trì, phối hợp với Quỹ Đầu tư, Ban Quản lý dự án hoà giải "
        "Thuỷ lợi QUÝ IV, xoè, loà: " * 12
    )
    lkey(text)
    for cut in range(1, 120):
        tail = text[cut:]
        assert lkey(tail) == fold_tones(tail.lower()), tail[:12]


def _acronyms_blank(text: str) -> str:
    """An acronym defined inside a name, '(ATGT)' in 'Ban An toàn giao thông (ATGT) tỉnh',
    is spaces in the agency key: the name runs on over it."""
    return regex.sub(r"(?<=\w )\(\p{Lu}{2,}[\p{Lu}&-]*\)(?= \w)", lambda m: " " * len(m[0]), text)


def test_an_acronym_inside_a_name_is_read_over() -> None:
    assert lkey("Ban An toàn giao thông (ATGT) tỉnh") == "ban an toàn giao thông        tỉnh"
    assert lkey("Sở Y tế (SYT).") == "sở y tế (syt)."  # closing the name, it stays


def test_the_agency_key_folds_tones_as_the_text_key_does() -> None:
    """lkey folds lower-case text with its own table: the same as text.fold_tones, line by
    line over the sample plans and on the spellings that fold or must not."""
    lines = [line for stem in SAMPLES for line in sample_text(stem).splitlines()]
    lines += ["Quỳ Hợp, Quý IV, hoà HOÀ hOÀ, Thuỷ, KHOẺ, oà. uỷ! qoà xoèo loà1 hoà_"]
    folded = 0
    for line in lines:
        assert lkey(line) == fold_tones(_acronyms_blank(line).lower()), line
        folded += lkey(line) != line.lower()
    assert folded >= 10


def test_task_table_due_cells_in_words_bind_the_row_they_stand_in() -> None:
    from kehoach.outputs.responsibility import duties_of

    plan = parse_text(
        HEAD + "I. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC\nMỘT SỐ NHIỆM VỤ TRỌNG TÂM\n"
        "| TT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp thực hiện | Thời gian thực hiện |\n"
        "| 1 | Quán triệt Chỉ thị | Các Sở, ban, ngành; UBND các xã, phường | Các Sở, ban, ngành và "
        "các cơ quan, đơn vị, địa phương liên quan | Xong trong Quý II/2026 |\n"
        "| 2 | Lắp đặt hệ thống giám sát | Sở Nông nghiệp và Môi trường | Thuế tỉnh | Hoàn thành đầu "
        "tư, lắp đặt và vận hành xong trước ngày 01/01/2030 |\n"
        "| 3 | Kiểm tra thường xuyên | Sở Nông nghiệp và Môi trường | Các Sở, ngành | Hằng năm |\n"
    )
    got = [(a.agency, a.section, a.partners, len(a.duties)) for a in plan.assignments]
    assert got == [
        ("Các sở, ban, ngành", "PB01", ["Các sở, ban, ngành"], 1),
        ("Ủy ban nhân dân cấp xã", "PB01", ["Các sở, ban, ngành"], 1),
        ("Sở Nông nghiệp và Môi trường", "PB01", ["Thuế tỉnh", "Các sở, ban, ngành"], 2),
    ]
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [
        ("PB01.1", "2026-06-30"),
        ("PB01.2", "2030-01-01"),
    ]
    rows = duties_of([plan], ["Sở Nông nghiệp và Môi trường"])
    assert [[dl["date"] for dl in r["deadlines"]] for r in rows] == [["2030-01-01"], []]


def test_fields_set_as_lettered_headings_pair_lead_and_partners() -> None:
    got = assignments(
        "II. NHIỆM VỤ\n1. Tổ chức hội nghị quán triệt Luật Đường bộ\na) Cơ quan chủ trì\n"
        "Sở Giao thông vận tải tham mưu Ủy ban nhân dân tỉnh chỉ đạo, thực hiện.\nb) Cơ quan phối hợp\n"
        "Các sở, ban, ngành của tỉnh; Ủy ban nhân dân huyện, thị xã, thành phố.\n"
        "c) Thời gian thực hiện\nQuý IV năm 2024 và các năm tiếp theo.\n"
    )
    assert got == [
        ("Sở Giao thông vận tải", "II.1", ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"])
    ]


def test_a_name_cut_by_a_dash_taken_for_a_bullet_goes_back_into_its_field() -> None:
    got = assignments(
        "II. NHIỆM VỤ\n1. Tuyên truyền Luật Đường bộ\n- Cơ quan chủ trì: Đài Phát thanh\n"
        "- Truyền hình Gia Lai, Báo Gia Lai.\n- Cơ quan phối hợp: Sở Giao thông vận tải.\n"
    )
    assert got == [
        ("Đài Phát thanh - Truyền hình Gia Lai", "II.1", ["Sở Giao thông vận tải"]),
        ("Báo Gia Lai", "II.1", ["Sở Giao thông vận tải"]),
    ]


def test_bodies_listed_under_a_joint_lead_in_are_partners_of_the_block() -> None:
    got = assignments(
        "III. TỔ CHỨC THỰC HIỆN\n1. Công an tỉnh\na) Chủ trì tham mưu thực hiện Chương trình.\n"
        "b) Chủ trì, phối hợp:\n- Sở Tài chính và các đơn vị có liên quan tham mưu bố trí ngân sách.\n"
        "- Sở Xây dựng, Sở Sây dựng và các đơn vị có liên quan rà soát cơ sở vật chất.\n"
    )
    assert got == [("Công an tỉnh", "III.1", ["Sở Tài chính", "Sở Xây dựng"])]


def test_a_centrally_run_citys_body_keeps_thanh_pho_but_the_front_keeps_its_fixed_name() -> None:
    from kehoach.facts.agencies import match_at

    police = match_at("Công an Thành phố chủ trì")
    front = match_at("Ủy ban MTTQ Việt Nam Thành phố phối hợp")
    assert police is not None and police.name == "Công an Thành phố"
    assert front is not None and front.name == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    province = match_at("Công an tỉnh chủ trì")
    assert province is not None and province.name == "Công an tỉnh"


def test_before_a_year_is_due_by_the_end_of_the_year_before_and_the_past_is_no_deadline() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông\n\nI. NHIỆM VỤ\n"
        "1. Hoàn thành việc xóa bỏ lối đi tự mở qua đường sắt trước năm 2030.\n"
        "2. Tổ chức cưỡng chế, giải tỏa triệt để các trường hợp vi phạm hành lang an toàn "
        "đường bộ còn tồn tại trước năm 2024.\n"
    )
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [("I.1", "2029-12-31")]


def test_a_time_something_is_planned_to_take_place_is_no_deadline() -> None:
    assert (
        deadlines(
            "Thời gian kiểm tra: Dự kiến trong tháng 01/2024, lịch cụ thể sẽ có thông báo sau."
        )
        == []
    )
    assert (
        deadlines(
            "Đợt 01 dự kiến: Cao điểm tập trung trong 10 ngày làm việc (từ ngày 20 tháng 11 năm "
            "2025 đến ngày 03 tháng 12 năm 2025)."
        )
        == []
    )
    # a limit after the planned day is due all the same
    assert deadlines(
        "- Thời gian: Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử)."
    ) == [("once", None, None, "2025-12-10", None)]
    # a due date before 'dự kiến' in the sentence still is one
    assert deadlines(
        "Các sở báo cáo trước ngày 30/6/2025; hội nghị sơ kết dự kiến vào tháng 7/2025."
    ) == [("once", None, None, "2025-06-30", None)]


def test_the_first_date_of_a_span_is_when_work_starts_not_when_it_is_due() -> None:
    assert (
        deadlines("+ Đợt 1: Trong khoảng thời gian từ ngày 01/12/2025 đến ngày 14/12/2025.") == []
    )
    assert (
        deadlines(
            "* Thời gian thực hiện: Trong khoảng thời gian từ ngày 17/12/2025 đến 17 giờ 00, "
            "ngày 01/02/2026."
        )
        == []
    )
    # a due date in a span's sentence still is one
    assert deadlines(
        "Giám sát trong thời gian từ ngày 05/3/2026; báo cáo kết quả trước ngày 20/3/2026."
    ) == [("once", None, None, "2026-03-20", None)]


def test_a_deadline_is_for_the_action_in_its_own_clause_else_the_report() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nPhát triển công nghiệp\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "1. Các sở, ngành định kỳ hàng tháng (trước ngày 16 hàng tháng), tổng kết năm "
        "(trước ngày 20/11 hàng năm) hoặc khi có yêu cầu báo cáo tình hình thực hiện "
        "Kế hoạch, gửi Sở Công Thương tổng hợp.\n"
        "2. Các đơn vị báo cáo kết quả thực hiện gửi về Sở Công Thương trước ngày 20 "
        "hàng tháng để tổng hợp báo cáo.\n"
    )
    assert [(d.recurrence, d.what) for d in plan.deadlines] == [
        ("monthly", "báo cáo tình hình thực hiện Kế hoạch"),
        ("yearly", "tổng kết năm"),
        ("monthly", "báo cáo kết quả thực hiện"),
    ]


def test_groups_named_by_where_they_stand_are_kept_as_written() -> None:
    found = addressees(
        "Các cơ quan Đảng trực thuộc Tỉnh ủy; các cơ quan Trung ương đóng trên địa bàn tỉnh; "
        "các sở, ban, ngành, Mặt trận Tổ quốc, các hội, đoàn thể; UBND các xã, phường và các "
        "doanh nghiệp trong khối thi đua tỉnh xác định đây là nhiệm vụ trọng tâm",
        verbs=True,
    )
    assert [a.name for a in found] == [
        "Các cơ quan Đảng trực thuộc Tỉnh ủy",
        "Các cơ quan Trung ương đóng trên địa bàn tỉnh",
        "Các sở, ban, ngành",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Các tổ chức chính trị - xã hội",
        "Ủy ban nhân dân cấp xã",
    ]
    assert [
        a.name for a in addressees("cơ quan ngành dọc đóng trên địa bàn: xây dựng kế hoạch")
    ] == ["Các cơ quan ngành dọc đóng trên địa bàn"]


def test_a_list_closed_by_bodies_and_organisations_concerned_still_reaches_its_colon() -> None:
    found = addressees(
        "Các Sở, ban, ngành, UBND xã, phường và các cơ quan, tổ chức có liên quan: căn cứ"
    )
    assert [a.name for a in found] == ["Các sở, ban, ngành", "Ủy ban nhân dân cấp xã"]
    # 'tổ chức' after a space is the verb, not one more vague body
    found = addressees("Các cấp, các ngành, đơn vị, địa phương tổ chức khắc phục những tồn tại")
    assert [a.name for a in found] == ["Các sở, ban, ngành"]


def test_a_division_of_duties_inside_a_tasks_section_reads_groups_mid_sentence() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nPhòng, chống ma túy\n\nI. NHIỆM VỤ, GIẢI PHÁP, PHÂN CÔNG TRÁCH NHIỆM\n"
        "1. Nhiệm vụ chung\nTăng cường công tác tuyên truyền.\n"
        "2. Phân công trách nhiệm\n"
        "Căn cứ Kế hoạch này, các Sở, ban, ngành, đoàn thể tổ chức quán triệt, triển khai "
        "thực hiện nghiêm túc.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Các sở, ban, ngành", "I.2"),
        ("Các tổ chức chính trị - xã hội", "I.2"),
    ]


def test_bare_lead_and_partner_labels_are_fields_when_agencies_follow() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông năm 2020\n\nII. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Tiếp tục hoàn thiện hệ thống văn bản quy phạm pháp luật về bảo đảm TTATGT.\n"
        "- Chủ trì thực hiện: Công an tỉnh, Sở Tư pháp\n"
        "- Đơn vị phối hợp: Các sở, ban, ngành; UBND các cấp; các cơ quan báo, đài.\n"
        "2. Đẩy mạnh tuyên truyền.\n"
        "- Chủ trì: Ban ATGT tỉnh\n"
    )
    assert [(a.agency, a.section, a.partners) for a in plan.assignments] == [
        (
            "Công an tỉnh",
            "II.1",
            ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp xã"],
        ),
        (
            "Sở Tư pháp",
            "II.1",
            ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp xã"],
        ),
        ("Ban An toàn giao thông tỉnh", "II.2", []),
    ]


def test_people_s_committees_at_all_levels_are_each_level_the_plan_has() -> None:
    from conftest import parse_text

    before = parse_text(
        "KẾ HOẠCH\nNăm An toàn giao thông 2024\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "1. Các sở, ban, ngành, đoàn thể và UBND các cấp xây dựng kế hoạch triển khai.\n"
        "2. UBND các huyện, thành phố chỉ đạo UBND các xã thực hiện.\n"
    )
    assert sorted({a.agency for a in before.assignments}) == [
        "Các sở, ban, ngành",
        "Các tổ chức chính trị - xã hội",
        "Ủy ban nhân dân cấp huyện",
        "Ủy ban nhân dân cấp xã",
    ]
    after = parse_text(  # no districts after 1 July 2025: only the communes
        "KẾ HOẠCH\nNăm An toàn giao thông 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "1. Các sở, ban, ngành và UBND các cấp xây dựng kế hoạch triển khai.\n"
        "2. UBND các xã, phường tổ chức thực hiện.\n"
    )
    assert sorted({a.agency for a in after.assignments}) == [
        "Các sở, ban, ngành",
        "Ủy ban nhân dân cấp xã",
    ]


def test_a_bare_year_in_a_due_column_is_due_by_the_end_of_that_year() -> None:
    plan = parse_text(
        TASK_TABLE + "| 4 | Hướng dẫn thống kê | Sở Y tế | Cơ quan liên quan | 2027 |\n"
        "| 5 | Diễn tập | Sở Y tế | Cơ quan liên quan | Thường xuyên |\n"
    )
    assert [(d.section, str(d.date)) for d in plan.deadlines] == [
        ("PB01.I.1", "2025-06-30"),
        ("PB01.I.2", "2026-12-31"),
        ("PB01.I.4", "2027-12-31"),
    ]


def test_outside_implementation_only_giao_or_a_sure_duty_word_makes_a_mid_sentence_addressee() -> (
    None
):
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nThi đua chi trả không dùng tiền mặt\n\nI. NỘI DUNG THI ĐUA\n"
        "1. Trên cơ sở kết quả thực hiện các chỉ tiêu, giao Sở Y tế thành lập đoàn kiểm tra.\n"
        "2. Chi trả trợ cấp: Sau khi mở tài khoản, Ủy ban nhân dân xã, phường phối hợp với "
        "các tổ chức chi trả ký kết hợp đồng.\n"
        "3. Đổi mới phương thức chỉ đạo của các cấp, các ngành trong công tác bảo đảm an toàn.\n"
        "4. Tuyên truyền trên các phương tiện thông tin đại chúng, Báo Cần Thơ; mạng xã hội.\n"
        "II. KINH PHÍ THỰC HIỆN\n- Từ ngân sách tỉnh theo phân cấp.\n"
        "Xử lý dịch bệnh là nhiệm vụ cấp bách, Sở Y tế đề nghị Bộ Y tế hỗ trợ. Đề nghị các "
        "sở, ban, ngành khẩn trương thực hiện đúng chức năng được giao.\n"
    )
    # A request that opens a sentence is the plan's own; one in the middle of a clause
    # ('Sở Y tế đề nghị Bộ Y tế') describes a step.
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Sở Y tế", "I.1"),
        ("Ủy ban nhân dân cấp xã", "I.2"),
        ("Các sở, ban, ngành", "II"),
    ]


def test_labels_dash_split_names_and_lists_of_names_alone() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông\n\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Phân công thực hiện\n"
        "- Công tác tuyên truyền, giáo dục: Các Sở, ban, ngành phối hợp với các đoàn thể tổ "
        "chức tuyên truyền.\n"
        "- Báo Bình Thuận, Đài Phát thanh\n"
        "- Truyền hình Bình Thuận: Đẩy mạnh thông tin, tuyên truyền.\n"
        "- Các sở, ban, ngành, địa phương trên địa bàn tỉnh tổ chức quán triệt cho cán bộ.\n"
        "2. Tập thể được khen thưởng\n"
        "- Ủy ban nhân dân xã, phường trên địa bàn tỉnh;\n"
        "3. Các doanh nghiệp viễn thông (VNPT, Viettel và doanh nghiệp khác)\n"
        "- Bảo đảm thông tin liên lạc thông suốt.\n"
        "4. Doanh nghiệp, cộng đồng, tổ chức, cá nhân\n"
        "- Chủ động phòng tránh.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Các sở, ban, ngành", "II.1"),
        ("Báo Bình Thuận", "II.1"),
        ("Đài Phát thanh - Truyền hình Bình Thuận", "II.1"),
        ("Ủy ban nhân dân cấp xã", "II.1"),  # 'địa phương': the plan names communes only
        ("Các doanh nghiệp viễn thông", "II.3"),
    ]


def test_a_note_in_parentheses_does_not_end_a_list_of_partners() -> None:
    from kehoach.facts.assignments import partners

    assert partners(
        "Cơ quan phối hợp: Bảo hiểm xã hội Thành phố, Trung tâm Dịch vụ việc làm Thành phố "
        "(Sở Nội vụ), Ủy ban nhân dân xã, phường, đặc khu và các cơ quan liên quan.",
        set(),
    ) == [
        "Bảo hiểm xã hội Thành phố",
        "Trung tâm Dịch vụ việc làm Thành phố",
        "Ủy ban nhân dân cấp xã",
    ]


def test_a_due_field_of_a_task_is_a_deadline_and_a_slash_joins_commune_levels() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nPhổ biến pháp luật\n\nI. NHIỆM VỤ\n1. Tuyên truyền Luật\n"
        "- Đơn vị chủ trì: Sở Tư pháp.\n- Thời gian thực hiện: Tháng 12/2025.\n"
        "2. Tập huấn chuyên sâu\na) Đơn vị chủ trì: Sở Nội vụ.\n"
        "b) Thời gian thực hiện: Quý IV năm 2024.\n"
        "3. Hội nghị\n- Thời gian thực hiện: Thường xuyên.\n"
        "4. UBND các xã/phường: tổ chức thực hiện tại địa phương.\n"
    )
    assert [(d.section, d.what, str(d.date)) for d in plan.deadlines] == [
        ("I.1", "Tuyên truyền Luật", "2025-12-31"),
        ("I.2.b", "Tập huấn chuyên sâu", "2024-12-31"),
    ]
    assert ("Ủy ban nhân dân cấp xã", "I.4") in [(a.agency, a.section) for a in plan.assignments]


def test_organisations_and_mass_bodies_of_the_province_in_a_list_before_a_duty_word() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nBảo đảm trật tự an toàn giao thông\n\nI. NHIỆM VỤ TRỌNG TÂM\n"
        "Để thực hiện được mục tiêu trên, các sở, ban, ngành, tổ chức, đoàn thể của tỉnh và UBND "
        "các huyện, thị xã, thành phố cần gắn chặt công tác bảo đảm trật tự ATGT với phòng dịch.\n"
        "1. Tiếp tục triển khai thực hiện quyết liệt các giải pháp.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Các sở, ban, ngành", "I"),
        ("Các tổ chức chính trị - xã hội", "I"),
        ("Ủy ban nhân dân cấp huyện", "I"),
    ]


def test_a_heading_for_a_group_of_bodies_addresses_them_but_a_rule_about_them_does_not() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nPhát động phong trào thi đua\n\nI. NỘI DUNG THI ĐUA\n"
        "a) Đối với các sở, ban, ngành, UBND các xã, phường:\n"
        "- Hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2025.\n"
        "b) Xếp hạng thi đua\n"
        "- Đối với các xã, phường: Nếu có từ 02 địa phương có tổng số điểm bằng nhau thì xét "
        "số tài khoản mở mới.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Các sở, ban, ngành", "I.a"),
        ("Ủy ban nhân dân cấp xã", "I.a"),
    ]


def test_a_task_that_says_whom_to_work_with_gives_its_fields_lead_those_partners() -> None:
    from conftest import parse_text

    plan = parse_text(
        "KẾ HOẠCH\nChuyển đổi số\n\nII. NHIỆM VỤ\n1. Hoàn thiện Chiến lược dữ liệu\n"
        "a) Nội dung: Phối hợp với Bộ Công an rà soát, hoàn thiện Chiến lược dữ liệu.\n"
        "b) Cơ quan thực hiện:\n- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Đơn vị phối hợp: Các Sở, ban, ngành.\n"
    )
    assert [(a.agency, a.partners) for a in plan.assignments] == [
        ("Sở Khoa học và Công nghệ", ["Bộ Công an", "Các sở, ban, ngành"])
    ]


def test_forces_before_a_partner_are_read_over_and_grassroots_government_is_the_communes() -> None:
    from kehoach.facts.assignments import partners

    assert partners(
        "Phối hợp các lực lượng và UBND các xã, phường huy động ca nô, xuồng máy.", set()
    ) == ["Ủy ban nhân dân cấp xã"]
    assert partners("Phối hợp chính quyền cơ sở bảo đảm an toàn điện.", set()) == [
        "Ủy ban nhân dân cấp xã"
    ]


def test_in_a_lead_column_dia_phuong_after_other_bodies_is_the_local_authorities() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "Các sở, ban, ngành và UBND các xã, phường triển khai theo Phụ lục.\n\nPHỤ LỤC\n"
        "PHÂN CÔNG NHIỆM VỤ\n"
        "| STT | Nhiệm vụ | Thời gian hoàn thành | Chủ trì thực hiện | Phối hợp |\n"
        "| I | Cải cách thủ tục hành chính |  |  |  |\n"
        "| 1 | Công khai kết quả đánh giá Bộ chỉ số | Định kỳ hằng tháng "
        "| Các sở, ban, ngành, địa phương | Văn phòng UBND tỉnh |\n"
    )
    assert [(a.agency, a.as_written) for a in plan.assignments if a.section == "PB01.I"] == [
        ("Các sở, ban, ngành", "Các sở, ban, ngành"),
        ("Ủy ban nhân dân cấp xã", "địa phương"),
    ]


# How the genre names who must act: a block in, (agency, section, partners) out.
WHO_ACTS = [
    # a tasks section's lead-in names the member bodies and the district boards; the member
    # bodies are also named by their heads' seats; 'hội đoàn thể' are the mass organisations
    (
        "III. NHIỆM VỤ TRỌNG TÂM\nĐể thực hiện được mục tiêu trên, các cơ quan thành viên của "
        "Ban ATGT tỉnh và Ban ATGT các địa phương cần tập trung thực hiện tốt các nhiệm vụ sau:\n"
        "1. Tăng cường tuyên truyền.\n2. Tổ chức tuần tra.\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác cơ quan có lãnh đạo là thành viên Ban An toàn giao thông "
        "tỉnh và Ban An toàn giao thông huyện, thành phố phải nêu cao tinh thần trách nhiệm.\n"
        "Các sở, ban, ngành, tổ chức, hội đoàn thể của tỉnh cần gắn chặt công tác bảo đảm ATGT.\n",
        [
            ("Các cơ quan thành viên Ban An toàn giao thông tỉnh", "III", []),
            ("Ban An toàn giao thông các địa phương", "III", []),
            ("Các cơ quan thành viên Ban An toàn giao thông tỉnh", "IV", []),
            ("Ban An toàn giao thông huyện, thành phố", "IV", []),
            ("Các sở, ban, ngành", "IV", []),
            ("Các tổ chức chính trị - xã hội", "IV", []),
        ],
    ),
    # standing councils whose names hold words that end unknown names ('phối hợp')
    (
        "II. NHIỆM VỤ\n1. Tổ chức hội nghị phổ biến Luật Đường bộ.\n"
        "- Cơ quan chủ trì: Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh; Sở Giao thông "
        "vận tải.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Hội đồng Thi đua - Khen thưởng các cấp: theo dõi, đánh giá.\n",
        [
            ("Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh", "II.1", []),
            ("Sở Giao thông vận tải", "II.1", []),
            ("Hội đồng Thi đua - Khen thưởng các cấp", "III.1", []),
        ],
    ),
    # the road authority's offices keep their numerals; a duty after a comma
    (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Giao thông vận tải, Khu Quản lý đường bộ III (Văn phòng "
        "Quản lý đường bộ III.4): Kiểm tra, rà soát mốc lộ giới.\n2. Ủy ban nhân dân các huyện: "
        "phối hợp với Văn phòng Quản lý đường bộ 1.3 xử lý vi phạm.\n"
        "3. Các sở, ngành, tập trung thực hiện tốt các nhiệm vụ.\n",
        [
            ("Sở Giao thông vận tải", "III.1", []),
            ("Khu Quản lý đường bộ III", "III.1", []),
            ("Ủy ban nhân dân cấp huyện", "III.2", ["Văn phòng Quản lý đường bộ 1.3"]),
            ("Các sở, ban, ngành", "III.3", []),
        ],
    ),
    # a group's seat on the board is read over: the names after it are addressees too
    (
        "II. TỔ CHỨC THỰC HIỆN\n1. Các sở, ban, ngành, đoàn thể là thành viên Ban An toàn giao "
        "thông tỉnh; Ủy ban nhân dân huyện, thành phố chủ động xây dựng kế hoạch cụ thể.\n"
        "2. Các Sở, ban, ngành có Lãnh đạo là ủy viên Ban An toàn giao thông tỉnh và Ban An toàn "
        "giao thông cấp huyện: xây dựng kế hoạch.\n",
        [
            ("Các sở, ban, ngành", "II.1", []),
            ("Các tổ chức chính trị - xã hội", "II.1", []),
            ("Ủy ban nhân dân cấp huyện", "II.1", []),
            ("Các sở, ban, ngành", "II.2", []),
            ("Ban An toàn giao thông cấp huyện", "II.2", []),
        ],
    ),
    # government at every level is read over; the Party committees are a group of their own
    (
        "III. NHIỆM VỤ\n1. Công tác tham mưu\n- Các sở, ban, ngành, chính quyền các cấp, các tổ "
        "chức chính trị - xã hội tổ chức phổ biến, quán triệt sâu rộng.\n"
        "2. Công tác chỉ đạo\n- Các cấp ủy Đảng, người đứng đầu các sở, ngành, địa phương theo "
        "chức năng, nhiệm vụ được giao chỉ đạo xây dựng, rà soát lại các chương trình.\n",
        [
            ("Các sở, ban, ngành", "III.1", []),
            ("Các tổ chức chính trị - xã hội", "III.1", []),
            ("Các cấp ủy Đảng", "III.2", []),
            ("Các sở, ban, ngành", "III.2", []),
            ("Ủy ban nhân dân cấp huyện", "III.2", []),
        ],
    ),
    # a later sentence of the block that opens with other bodies and a sure duty word
    (
        "II. NHIỆM VỤ\n1. Các sở, ngành, địa phương theo chức năng, nhiệm vụ rà soát lại các "
        "chương trình, kế hoạch; xác định rõ trách nhiệm phù hợp với từng địa bàn. Chủ tịch Ủy "
        "ban nhân dân các cấp chịu trách nhiệm về công tác bảo đảm trật tự, an toàn giao thông. "
        "Ủy ban nhân dân các huyện; Ban An toàn giao thông tỉnh phối hợp.\n",
        [
            ("Các sở, ban, ngành", "II.1", []),
            ("Ủy ban nhân dân cấp huyện", "II.1", []),
            ("Ủy ban nhân dân cấp xã", "II.1", []),
            ("Ban An toàn giao thông tỉnh", "II.1", []),
        ],
    ),
    # the heads of offices, units and localities: the localities' heads are the district
    # committees' chairs; offices and units alone, or without their heads, name nobody
    (
        "II. NHIỆM VỤ TRỌNG TÂM\n1. Thủ trưởng các cơ quan, đơn vị, địa phương tiếp tục cụ thể "
        "hóa các giải pháp quản lý vận tải.\n2. Các cơ quan, đơn vị, địa phương căn cứ kế hoạch "
        "triển khai.\n3. Thủ trưởng các cơ quan, ban ngành, các tổ chức chính trị - xã hội, Chủ "
        "tịch Ủy ban nhân dân các huyện tiếp tục quán triệt.\n",
        [
            ("Ủy ban nhân dân cấp huyện", "II.1", []),
            ("Các sở, ban, ngành", "II.3", []),
            ("Các tổ chức chính trị - xã hội", "II.3", []),
            ("Ủy ban nhân dân cấp huyện", "II.3", []),
        ],
    ),
    # the departments 'thuộc Ủy ban nhân dân Thành phố'; 'Trong quá trình thực hiện ...' closes
    # Tổ chức thực hiện, not its last item
    (
        "II. NHIỆM VỤ\n1. Xây dựng văn bản\nSở, ban, ngành thuộc Ủy ban nhân dân Thành phố có "
        "trách nhiệm rà soát.\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\nTheo dõi, đôn đốc.\n"
        "Trong quá trình thực hiện Kế hoạch, nếu có khó khăn, vướng mắc đề nghị các Sở, ban, "
        "ngành, UBND xã, phường kịp thời phản ánh về Sở Nội vụ.\n",
        [
            ("Các sở, ban, ngành", "II.1", []),
            ("Ủy ban nhân dân cấp xã", "III", []),
            ("Các sở, ban, ngành", "III", []),
            ("Sở Nội vụ", "III.1", []),
        ],
    ),
    # an acronym defined inside a name is read over; a seat on the board, abbreviated or
    # national, qualifies the bodies before it; the grassroots authorities are the communes
    (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Các sở, ban, ngành; Ban An toàn giao thông (ATGT) tỉnh; UBND các "
        "huyện phải có cách làm mới.\n2. Các sở, ngành, đoàn thể là cơ quan thành viên Ban ATGT "
        "tỉnh và các địa phương xây dựng kế hoạch.\n3. Các bộ, ngành, đoàn thể có lãnh đạo là "
        "thành viên Ủy ban An toàn giao thông (ATGT) Quốc gia và Ban ATGT tỉnh, thành phố trực "
        "thuộc Trung ương xây dựng kế hoạch hoạt động.\n4. Các sở, "
        "ngành có lãnh đạo là thành viên Ban ATGT tỉnh, các tổ chức chính quyền cơ sở bố trí "
        "ngân sách.\n",
        [
            ("Các sở, ban, ngành", "I.1", []),
            ("Ban An toàn giao thông tỉnh", "I.1", []),
            ("Ủy ban nhân dân cấp huyện", "I.1", []),
            ("Các sở, ban, ngành", "I.2", []),
            ("Các tổ chức chính trị - xã hội", "I.2", []),
            ("Ủy ban nhân dân cấp huyện", "I.2", []),
            ("Các bộ, ngành", "I.3", []),
            ("Các tổ chức chính trị - xã hội", "I.3", []),
            ("Ban An toàn giao thông các tỉnh, thành phố trực thuộc Trung ương", "I.3", []),
            ("Các sở, ban, ngành", "I.4", []),
            ("Ủy ban nhân dân cấp xã", "I.4", []),
        ],
    ),
    # a copy that drops the comma inside a name: still the name, spelled with its comma
    (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính: chủ trì, phối hợp với UBND các phường xã, các Bộ "
        "ngành triển khai.\n2. Các cơ quan thông tấn báo chí: tuyên truyền.\n",
        [
            ("Sở Tài chính", "III.1", ["Ủy ban nhân dân cấp xã"]),
            ("Các cơ quan thông tấn, báo chí", "III.2", []),
        ],
    ),
    # 'các huyện, thành phố Nam Định': the districts and the city of that name, not a
    # province the list belongs to
    (
        "III. NHIỆM VỤ\nCác cơ quan thành viên của Ban An toàn giao thông tỉnh, Ban An toàn "
        "giao thông các huyện, thành phố Nam Định cần tập trung thực hiện các nhiệm vụ sau:\n"
        "1. Tuyên truyền.\n",
        [
            ("Các cơ quan thành viên Ban An toàn giao thông tỉnh", "III", []),
            ("Ban An toàn giao thông các huyện, thành phố", "III", []),
        ],
    ),
    # each locality, named alone, is the local authorities; government 'các cấp' is not
    (
        "II. NHIỆM VỤ\n1. Kiểm soát nồng độ cồn. Từng địa phương phải có kế hoạch cụ thể để "
        "kiểm soát.\n2. Các cơ quan, ban, ngành, chính quyền địa phương các cấp phải xác định "
        "công tác này là nhiệm vụ trọng tâm.\n",
        [("Ủy ban nhân dân cấp huyện", "II.1", []), ("Các sở, ban, ngành", "II.2", [])],
    ),
    # a programme's items name who does them in brackets at their end; under an agency's
    # heading, a bracket names only those it reports to
    (
        "II. NỘI DUNG\n1. Chương trình hội nghị\n- Ổn định tổ chức (Văn phòng UBND tỉnh, Công an "
        "tỉnh).\n- Chiếu phóng sự về tình hình trật tự, an toàn giao thông (Công an tỉnh chủ trì, "
        "phối hợp với Sở Giao thông vận tải).\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế: Tổng hợp báo "
        "cáo gửi các Cục chức năng (Cục Y tế dự phòng; Cục An toàn thực phẩm).\n",
        [
            ("Văn phòng Ủy ban nhân dân tỉnh", "II.1", []),
            ("Công an tỉnh", "II.1", ["Sở Giao thông vận tải"]),
            ("Sở Y tế", "III.1", []),
        ],
    ),
    # a lead-in after a time phrase, closed by its verb and a colon, names who must reach
    # what follows
    (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Chỉ tiêu\nHằng năm, các Phòng Giáo dục và Đào tạo, các cơ sở "
        "giáo dục trên địa bàn toàn tỉnh hoàn thành:\n- 100% học sinh được học pháp luật.\n",
        [
            ("Các Phòng Giáo dục và Đào tạo", "I.1", []),
            ("Các cơ sở giáo dục", "I.1", []),
        ],
    ),
    # 'Các Sở: X, Y' names each department
    (
        "II. NHIỆM VỤ\n1. Đổi mới công tác tuyên truyền\n- Chủ trì thực hiện: Ban ATGT tỉnh; "
        "Các Sở: Thông tin và Truyền thông, Tư pháp.\n- Đơn vị phối hợp: UBND các huyện.\n",
        [
            ("Ban An toàn giao thông tỉnh", "II.1", ["Ủy ban nhân dân cấp huyện"]),
            ("Sở Thông tin và Truyền thông", "II.1", ["Ủy ban nhân dân cấp huyện"]),
            ("Sở Tư pháp", "II.1", ["Ủy ban nhân dân cấp huyện"]),
        ],
    ),
    # a clause after ';' has subjects of its own; 'địa phương' in a list that goes on with
    # offices and units (but not '... có liên quan') is the local authorities
    (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Chỉ đạo triển khai đồng bộ từ tỉnh đến cấp huyện, "
        "cấp xã; các ngành, địa phương, cơ quan, đơn vị xây dựng kế hoạch triển khai cụ thể.\n"
        "- Các ngành, địa phương, đơn vị có liên quan tổ chức quán triệt.\n",
        [
            ("Các sở, ban, ngành", "I.1", []),
            ("Ủy ban nhân dân cấp huyện", "I.1", []),
        ],
    ),
    # the police force as a partner is the provincial police
    (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Giáo dục và Đào tạo: Xây dựng quy chế phối hợp với lực "
        "lượng Công an, chính quyền địa phương, các tổ chức chính trị - xã hội và gia đình.\n",
        [("Sở Giáo dục và Đào tạo", "III.1", ["Công an tỉnh", "Các tổ chức chính trị - xã hội"])],
    ),
]


@pytest.mark.parametrize(("text", "want"), WHO_ACTS)
def test_who_acts(text: str, want: list[tuple[str, str, list[str]]]) -> None:
    assert assignments(text) == want


def test_a_crawl_s_capitals_heading_then_the_bodies_that_carry_it_out() -> None:
    # the text run on after a title in capitals is a sentence of its own: its subjects act
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự"
        " do - Hạnh phúc --------------- Số: 182/KH-UBND Vĩnh Phúc, ngày 5 tháng 8 năm 2024 KẾ\r\n"
        "HOẠCH TRIỂN KHAI CHỈ THỊ SỐ 23/CT-TTG Thực hiện Chỉ thị số 23/CT-TTg, UBND tỉnh ban hành\r\n"
        "như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Nâng cao ý thức chấp hành pháp luật. II. NHIỆM VỤ, GIẢI\r\n"
        "PHÁP TRỌNG TÂM Các Sở, ngành và chính quyền địa phương theo thẩm quyền được giao, tăng\r\n"
        "cường quản lý nhà nước về vận tải. 1. Tăng cường tuyên truyền pháp luật về giao thông.\r\n"
    )
    plan = parse_text(crawl)
    assert [(a.agency, a.section) for a in plan.assignments] == [("Các sở, ban, ngành", "II")]


def test_a_news_summary_run_into_one_paragraph_still_names_who_acts() -> None:
    # a crawl of a news item: its paragraphs run together; a sentence that opens with the
    # agency and its duty gives it, as the paragraph would
    text = (
        "Ủy ban nhân dân tỉnh đã ban hành Kế hoạch về phát triển làng nghề tỉnh An Giang giai "
        "đoạn 2019 – 2020. Theo đó, nội dung Kế hoạch bao gồm tổ chức 04 lớp đào tạo. Sở Nông "
        "nghiệp và Phát triển nông thôn hướng dẫn, tổ chức thực hiện kế hoạch. Nguồn Kế hoạch "
        "838/KH-UBND\n"
    )
    plan = parse_text(text)
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", "0")
    ]


def test_a_list_of_addressees_without_its_commas_and_a_member_group_without_its_cac() -> None:
    # 'ngành đoàn thể' with no comma between: two groups; 'Chủ tịch Ủy ban nhân dân các cấp'
    # is every level's committee; 'cơ quan thành viên Ban ...' later in a list is that group
    found = addressees(
        "Các sở, ban, ngành đoàn thể và Chủ tịch Ủy ban nhân dân các cấp phải xác định công tác "
        "bảo đảm trật tự, an toàn giao thông là nhiệm vụ trọng tâm."
    )
    assert [a.name for a in found] == [
        "Các sở, ban, ngành",
        "Các tổ chức chính trị - xã hội",
        "Ủy ban nhân dân các cấp",
    ]
    found = addressees(
        "Các sở, ngành, đoàn thể, cơ quan thành viên Ban An toàn giao thông tỉnh và Ủy ban nhân "
        "dân các huyện, thành phố xây dựng kế hoạch hoạt động."
    )
    assert [a.name for a in found] == [
        "Các sở, ban, ngành",
        "Các tổ chức chính trị - xã hội",
        "Các cơ quan thành viên Ban An toàn giao thông tỉnh",
        "Ủy ban nhân dân cấp huyện",
    ]
    # a body 'chức năng' qualifies is still a member of the list
    found = addressees("Các sở, ngành chức năng, UBND các huyện, thành, thị phải tổ chức kiểm tra.")
    assert [a.name for a in found] == ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện"]


def test_a_national_plan_addresses_a_provincial_body_of_every_province_as_a_group() -> None:
    found = addressees("Sở Y tế các tỉnh, thành phố trực thuộc trung ương: - Chỉ đạo các cơ sở.")
    assert [(a.name, a.as_written) for a in found] == [
        ("Sở Y tế các tỉnh, thành phố", "Sở Y tế các tỉnh, thành phố trực thuộc trung ương")
    ]
    found = addressees("UBND các tỉnh, thành phố trực thuộc Trung ương chỉ đạo thực hiện.", True)
    assert [a.name for a in found] == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_partner_field_naming_departments_after_cac_so_lists_each() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Kiện toàn Ban An toàn giao thông tỉnh\n"
        "- Chủ trì thực hiện: Ban An toàn giao thông tỉnh.\n"
        "- Đơn vị phối hợp: Các Sở: Nội vụ, Giao thông vận tải; UBND các huyện, thị xã, thành phố.\n"
    )
    assert got == [
        (
            "Ban An toàn giao thông tỉnh",
            "I.1",
            ["Sở Nội vụ", "Sở Giao thông vận tải", "Ủy ban nhân dân cấp huyện"],
        )
    ]


def test_a_body_of_every_unit_of_a_level_then_named_gives_one_body_each() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông\n"
        "- Xây dựng kế hoạch cụ thể hóa các nhiệm vụ.\n"
        "2. Báo cáo\n- Ban An toàn giao thông các huyện Si Ma Cai, Bảo Yên, thị xã Sa Pa: Đánh giá "
        "kết quả công tác bảo đảm an toàn giao thông.\n"
        "- Ủy ban nhân dân các xã, phường: báo cáo kết quả.\n"
    )
    assert [(a, s) for a, s, _ in got] == [
        ("Ủy ban nhân dân xã Gia Thuận", "I.1"),
        ("Ủy ban nhân dân xã Tân Điền", "I.1"),
        ("Ủy ban nhân dân xã Gò Công Đông", "I.1"),
        ("Ban An toàn giao thông huyện Si Ma Cai", "I.2"),
        ("Ban An toàn giao thông huyện Bảo Yên", "I.2"),
        ("Ban An toàn giao thông thị xã Sa Pa", "I.2"),
        ("Ủy ban nhân dân cấp xã", "I.2"),  # a level named by its kinds only: the group
    ]


def test_a_request_names_every_body_it_tells_after_a_semicolon() -> None:
    # a crawl parts 'Trên đây là Kế hoạch ...' from the request that follows it
    got = assignments(
        "I. CHẾ ĐỘ BÁO CÁO\n1. Các sở gửi báo cáo trước ngày 20 hằng tháng.\n"
        "Trên đây là Kế hoạch phát triển công nghiệp năm 2026.\n\n"
        "Yêu cầu các sở, ban, ngành của tỉnh, Ủy ban nhân dân các phường, xã triển khai thực "
        "hiện; đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội "
        "tỉnh phối hợp thực hiện./.\n"
    )
    at_top = {a for a, section, _ in got if section == "I"}
    assert at_top == {
        "Các sở, ban, ngành",
        "Ủy ban nhân dân cấp xã",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Các tổ chức chính trị - xã hội",
    }


def test_a_list_inside_a_name_may_close_with_va() -> None:
    found = leading_agencies("UBND các huyện, thị xã và thành phố căn cứ chức năng")[1]
    assert [(a.name, a.as_written) for a in found] == [
        ("Ủy ban nhân dân cấp huyện", "UBND các huyện, thị xã và thành phố")
    ]
    # a name with 'và' of its own is unchanged
    assert leading_agencies("Sở Văn hóa, Thể thao và Du lịch chủ trì")[1][0].name == (
        "Sở Văn hóa, Thể thao và Du lịch"
    )


def test_a_purpose_clause_leads_in_to_the_tasks_of_the_bodies_after_it() -> None:
    got = assignments(
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "Để thực hiện được các mục tiêu nêu trên, các cơ quan là Ủy viên Ban ATGT tỉnh, Ban ATGT "
        "các huyện, thành phố Long Khánh và thành phố Biên Hòa cần tập trung thực hiện tốt các "
        "nhiệm vụ sau:\n1. Tăng cường tuyên truyền.\n2. Xử lý vi phạm.\n"
    )
    assert {(a, s) for a, s, _ in got} == {
        ("Các cơ quan thành viên Ban An toàn giao thông tỉnh", "II"),
        ("Ban An toàn giao thông các huyện, thành phố", "II"),
    }
    # the issuer that adopts the plan sets no one to work
    assert (
        assignments(
            "I. MỤC TIÊU\nĐể nâng cao hiệu quả công tác, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
            "như sau:\n1. Giảm tai nạn giao thông.\n"
        )
        == []
    )


def test_the_health_sector_s_facilities_are_groups() -> None:
    found = leading_agencies(
        "Bệnh viện, Viện có giường bệnh trực thuộc Bộ, Y tế Ngành và các cơ sở khám bệnh, "
        "chữa bệnh xây dựng kế hoạch"
    )[1]
    assert [a.name for a in found] == [
        "Bệnh viện, Viện có giường bệnh trực thuộc Bộ, Y tế Ngành",
        "Các cơ sở khám bệnh, chữa bệnh",
    ]


def test_the_traffic_forces_are_named_bodies() -> None:
    found = leading_agencies(
        "Các lực lượng Cảnh sát giao thông, Thanh tra giao thông thực hiện công tác kiểm soát"
    )[1]
    assert [a.name for a in found] == ["Cảnh sát giao thông", "Thanh tra giao thông"]
    # the police's national department keeps its own name
    assert leading_agencies("Cục Cảnh sát giao thông chủ trì")[1][0].name == (
        "Cục Cảnh sát giao thông"
    )
    # the police's own force is not its partner; another body's partner it is
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n1. Công an tỉnh: tăng cường tuần tra, phối hợp với Cảnh sát giao "
        "thông xử lý vi phạm.\n2. Sở Giao thông vận tải: phối hợp với Cảnh sát giao thông kiểm "
        "soát tải trọng xe.\n"
    )
    assert got == [
        ("Công an tỉnh", "I.1", []),
        ("Sở Giao thông vận tải", "I.2", ["Cảnh sát giao thông"]),
    ]


def test_a_report_s_data_period_and_an_observance_s_day_are_no_deadlines() -> None:
    got = deadlines(
        "Các đơn vị định kỳ hàng năm báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường "
        "chậm nhất ngày 17 tháng 12. Thời gian báo cáo định kỳ hàng năm tính từ ngày 15 tháng "
        "12 năm trước kỳ báo cáo đến ngày 14 tháng 12 của kỳ báo cáo.\n"
        "- Tuyên truyền cao điểm hàng năm: Ngày Môi trường thế giới (05/6), Ngày Đại dương thế "
        "giới (08/6); định kỳ 6 tháng (15/6), hàng năm (15/12) báo cáo Sở Nông nghiệp.\n"
        "- Hằng năm tổ chức các sự kiện chào mừng Ngày chuyển đổi số quốc gia “Ngày 10/10”.\n"
    )
    assert [(r, m, d) for r, m, d, _, _ in got] == [
        ("yearly", 12, 17),
        ("semiannual", 6, 15),
        ("yearly", 12, 15),
    ]


def test_a_body_named_once_for_two_levels_is_one_body_at_each() -> None:
    want = ["Ban Chỉ huy Phòng thủ dân sự tỉnh", "Ban Chỉ huy Phòng thủ dân sự cấp xã"]
    found = leading_agencies("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã chủ trì thực hiện")
    assert [a.name for a in found[1]] == want
    table = (
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
        "| 1 | Quy định chế độ trực | Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã | 2025 |\n"
        "| 2 | Rà soát kế hoạch | Sở Xây dựng | 2025 |\n"
    )
    head = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 9/KH-UBND\nKẾ HOẠCH\nThử\nI. MỤC TIÊU\nThử.\n"
    agencies = [a.agency for a in parse_text(head + table).assignments]
    assert agencies[:2] == want


SCT_HEAD = (
    "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: /KH-SCT\nLào Cai, ngày tháng 5 năm 2026\n"
    "KẾ HOẠCH\nKiểm tra kỹ thuật an toàn vật liệu nổ công nghiệp\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm an toàn.\nII. NỘI DUNG\nKiểm tra theo quy định.\n"
)


def test_a_departments_own_division_is_given_its_duties() -> None:
    # a Sở's plan gives its work to its divisions, written in lower case in mid-sentence
    plan = parse_text(
        SCT_HEAD + "III. TỔ CHỨC THỰC HIỆN\n"
        "Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc:\n"
        "1. Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng liên quan.\n"
        "2. Chuẩn bị các điều kiện cần thiết khác để tổ chức kiểm tra.\n"
    )
    assert [(a.agency, a.as_written, a.section, len(a.duties)) for a in plan.assignments] == [
        ("Phòng Quản lý Công nghiệp", "phòng Quản lý Công nghiệp", "III", 2)
    ]
    # a commune's division the gazetteer does not know is still a body, named as a name
    found = leading_agencies("phòng Nông nghiệp và Dịch vụ xã chủ trì thực hiện")
    assert [(a.name, a.known) for a in found[1]] == [("Phòng Nông nghiệp và Dịch vụ xã", False)]


def test_who_attends_a_conference_is_invited_not_assigned() -> None:
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nTổng kết công tác năm 2023.\n"
        "II. THÀNH PHẦN THAM DỰ HỘI NGHỊ\n"
        "1. Đại biểu dự Hội nghị tại phòng họp trực tuyến UBND tỉnh, kính mời:\n"
        "- Đại diện lãnh đạo: Sở Y tế, Văn phòng Ban An toàn giao thông tỉnh; các phòng "
        "chức năng của Công an tỉnh.\n"
        "2. Thành phần: - Chủ trì: Thường trực UBND tỉnh. - Lãnh đạo Sở Tài chính.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì chuẩn bị báo cáo tổng kết.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [("Sở Y tế", "III.1")]


def test_the_merged_media_house_written_with_the_old_stations_word_is_the_same_body() -> None:
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì theo dõi.\n"
        "2. Báo và Đài Phát thanh, Truyền hình Lâm Đồng tăng cường công tác tuyên truyền phong "
        "trào thi đua đẩy mạnh CCHC trên địa bàn tỉnh năm 2026.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments][1:] == [
        ("Báo và Phát thanh, Truyền hình Lâm Đồng", "II.2")
    ]
    assert plan.sections[1].children[1].title == "Báo và Đài Phát thanh, Truyền hình Lâm Đồng"


def test_a_heading_in_capitals_names_a_topic_and_the_issuer_gives_the_duty_below_it() -> None:
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nNâng cao.\n"
        "II. ĐOÀN KIỂM TRA, ĐƠN VỊ ĐƯỢC KIỂM TRA, THỜI GIAN KIỂM TRA\n"
        "1. Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì phối hợp với các ngành có liên quan tổ "
        "chức kiểm tra công tác cải cách hành chính tại các cơ quan, địa phương.\n"
        "2. Thời gian kiểm tra tại các cơ quan, địa phương: Theo Phụ lục I.\n"
    )
    assert plan.sections[1].title == "ĐOÀN KIỂM TRA, ĐƠN VỊ ĐƯỢC KIỂM TRA, THỜI GIAN KIỂM TRA"
    assert [(a.agency, a.section, a.partners) for a in plan.assignments] == [
        ("Sở Nội vụ", "II.1", ["Các sở, ban, ngành"])
    ]


def test_a_unit_numbered_in_its_name_keeps_its_number() -> None:
    found = leading_agencies("Đề nghị Bộ Tư lệnh Vùng Cảnh sát biển 3, Công an tỉnh phối hợp")[1]
    assert [a.name for a in found] == ["Bộ Tư lệnh Vùng Cảnh sát biển 3", "Công an tỉnh"]
    # a figure after a name is no part of it
    assert [a.name for a in leading_agencies("Trung tâm Y tế 1.200 lượt khám")[1]] == [
        "Trung tâm Y tế"
    ]


def test_a_period_opening_the_sentence_is_when_its_action_is_due() -> None:
    got = deadlines(
        "Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện phong trào "
        "thi đua và xét khen thưởng.\n"
        "- Tháng 12/2026, Sở Nội vụ tổng hợp kết quả.\n"
        "- Thời gian thi đua: Phong trào thi đua trong năm 2026 và tính đến hết ngày "
        "31/12/2026.\n"
        "- Tháng 6/2024, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 12/KH-UBND.\n"
    )
    assert [(r, d) for r, _, _, d, _ in got] == [("once", "2027-03-31"), ("once", "2026-12-31")]


def test_universities_and_research_institutes_are_public_partners_named_as_written() -> None:
    # FORMAT.md: partners are public bodies, schools among them
    assert partners(
        "Chủ trì, phối hợp với các viện nghiên cứu triển khai các chương trình.", set()
    ) == ["Các viện nghiên cứu"]
    found = leading_agencies("Các trường đại học, cao đẳng trên địa bàn tỉnh chủ động đào tạo")[1]
    assert [a.name for a in found] == ["Các trường đại học, cao đẳng trên địa bàn tỉnh"]


def test_a_heading_naming_the_press_stationed_in_the_province_is_all_addressees() -> None:
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\nTheo dõi.\n"
        "2. Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn\n"
        "Chủ trì, phối hợp chặt chẽ với Sở Khoa học và Công nghệ, các sở, ngành triển khai "
        "tuyên truyền thường xuyên về nội dung Kế hoạch.\n"
    )
    got = [(a.agency, a.partners) for a in plan.assignments if a.section == "II.2"]
    partners_ = ["Sở Khoa học và Công nghệ", "Các sở, ban, ngành"]
    assert got == [
        ("Báo và Phát thanh, Truyền hình tỉnh", partners_),
        ("Các cơ quan báo chí đóng trên địa bàn", partners_),
    ]


def test_one_body_kept_as_written_has_one_spelling_whatever_its_capitals() -> None:
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì theo dõi.\n"
        "2. Báo và Phát Thanh, Truyền hình tỉnh tăng cường tuyên truyền.\n"
        "3. Báo và Phát thanh, Truyền hình tỉnh đăng tải tin, bài.\n"
    )
    assert [a.agency for a in plan.assignments][1:] == ["Báo và Phát thanh, Truyền hình tỉnh"] * 2


def test_the_plans_closing_sentence_is_no_duty_of_the_last_addressee() -> None:
    plan = parse_text(
        SCT_HEAD + "III. TỔ CHỨC THỰC HIỆN\n"
        "Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc:\n"
        "1. Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng liên quan.\n"
        "2. Chuẩn bị các điều kiện cần thiết khác để tổ chức kiểm tra.\n"
        "Trên đây là Kế hoạch kiểm tra của Sở Công Thương tỉnh Lào Cai, đề nghị các tổ chức, "
        "cá nhân liên quan phối hợp, triển khai thực hiện./.\n"
    )
    assert [[d.text[:9] for d in a.duties] for a in plan.assignments] == [
        ["Tổ chức k", "Chuẩn bị "]
    ]


def test_a_table_of_the_units_to_be_inspected_gives_no_duties() -> None:
    # an inspection plan's schedule: its groups list bodies and communes, not tasks
    plan = parse_text(
        HEAD + "I. MỤC ĐÍCH\nKiểm tra.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì kiểm tra.\n"
        "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHồ Văn Mười\n\n"
        "PHỤ LỤC I\nTHỜI GIAN, ĐƠN VỊ ĐƯỢC KIỂM TRA\n"
        "| STT | Đơn vị được kiểm tra | Thời gian kiểm tra |\n"
        "| I | Cơ quan chuyên môn cấp tỉnh |  |\n| 1 | Sở Xây dựng | Tháng 7/2026 |\n"
        "| 2 | Sở Y tế | Tháng 8/2026 |\n"
        "| II | Ủy ban nhân dân cấp xã |  |\n| 1 | Phường Bắc Gia Nghĩa | Tháng 3/2026 |\n"
        "| 2 | Phường 2 Bảo Lộc | Tháng 9/2026 |\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [("Sở Nội vụ", "II.1")]


COMMUNE_FRONT = (
    "ỦY BAN MTTQ VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
    "XÃ LƯƠNG MINH | Độc lập - Tự do - Hạnh phúc |\n"
    "BAN THƯỜNG TRỰC | |\n"
    "Số: 16/KH-MTTQ-BTT | Lương Minh, ngày 18 tháng 11 năm 2025 |\n"
    "KẾ HOẠCH\nKiểm tra, giám sát công tác bầu cử\n"
)


def test_a_commune_s_plan_names_its_own_bodies_without_the_commune() -> None:
    plan = parse_text(
        COMMUNE_FRONT
        + "I. NỘI DUNG\n"
        + "1. Ban Thường trực Ủy ban MTTQ xã tiến hành kiểm tra công tác bầu cử tại các thôn.\n"
        + "2. Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh chủ trì, phối hợp với "
        + "UBND xã Lương Minh tổ chức hội nghị.\n"
        + "3. Ban Công tác Mặt trận ở các thôn tuyên truyền, vận động cử tri.\n"
        + "4. MTTQ chủ trì hiệp thương giới thiệu người ứng cử.\n"
    )
    got = [(a.agency, a.section, a.partners) for a in plan.assignments]
    front = "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    # the name ends at the commune's unit ('xã' + ' tiến hành' is no name); MTTQ spelt out
    assert (front, "I.1", []) in got
    # the commune's own name dropped, as a province's plan drops the province's
    assert (front, "I.2", ["Ủy ban nhân dân xã"]) in got
    # the Front's boards in the villages: one group
    assert ("Ban Công tác Mặt trận các thôn", "I.3", []) in got
    # a bare 'MTTQ' in a commune's plan is the commune's Front, not the province's
    assert ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "I.4", []) in got


def test_a_province_s_plan_keeps_the_commune_a_body_belongs_to() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. UBND xã Lương Minh chủ trì tổ chức hội nghị.\n"
        "2. Ủy ban MTTQ tỉnh chủ trì giám sát.\n"
    )
    assert [(a, s) for a, s, _ in got] == [
        ("Ủy ban nhân dân xã Lương Minh", "I.1"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "I.2"),
    ]


def test_a_commune_s_bodies_named_bare_with_their_unit_are_bodies() -> None:
    plan = parse_text(
        COMMUNE_FRONT
        + "II. NỘI DUNG\n"
        + "1. Nội dung: Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh phối hợp với UBND xã "
        + "tổ chức hội nghị lấy ý kiến cử tri.\n"
        + "2. Công an xã chủ trì bảo đảm an ninh, trật tự tại hội nghị.\n"
        + "3. Đề nghị Văn phòng HĐND&UBND xã bố trí hội trường.\n"
    )
    got = [(a.agency, a.section, a.partners) for a in plan.assignments]
    assert got == [
        ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã", "II.1", ["Ủy ban nhân dân xã"]),
        ("Công an xã", "II.2", []),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "II.3", []),
    ]


def test_a_ward_named_with_a_dash_keeps_the_whole_name() -> None:
    got = assignments(
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. UBND phường Cam Ly - Đà Lạt chủ trì giải đáp vướng mắc về thủ tục hành chính.\n"
        "2. UBND xã Lương Minh - Trưởng Ban Chỉ đạo chủ trì tổ chức hội nghị.\n"
    )
    # since the 2025 mergers a ward may carry its old city's name; a post after a dash is
    # no part of the commune's name
    assert [(a, s) for a, s, _ in got] == [
        ("Ủy ban nhân dân phường Cam Ly - Đà Lạt", "I.1"),
        ("Ủy ban nhân dân xã Lương Minh", "I.2"),
    ]


def test_the_front_s_member_organisations_of_a_commune_are_the_mass_organisations() -> None:
    plan = parse_text(
        COMMUNE_FRONT
        + "V. TỔ CHỨC THỰC HIỆN\n"
        + "1. Các tổ chức thành viên của MTTQ Việt Nam phường tham gia giám sát theo kế hoạch.\n"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Các tổ chức chính trị - xã hội", "V.1")
    ]


def test_a_body_after_an_opening_clause_or_a_condition_is_the_one_told() -> None:
    plan = parse_text(
        COMMUNE_FRONT
        + "V. TỔ CHỨC THỰC HIỆN\n"
        + "1. Kết thúc cuộc bầu cử, Ban Thường trực Ủy ban MTTQ Việt Nam phường, chịu trách "
        + "nhiệm tổng hợp kết quả giám sát.\n"
        + "2. Đối với người tự ứng cử thì Ủy ban bầu cử xã có trách nhiệm phối hợp với Ủy ban "
        + "nhân dân xã xác minh.\n"
    )
    assert [(a.agency, a.section, a.partners) for a in plan.assignments] == [
        ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường", "V.1", []),
        ("Ủy ban bầu cử xã", "V.2", ["Ủy ban nhân dân xã"]),
    ]


def test_a_district_town_s_plan_is_no_commune_s() -> None:
    from kehoach.facts.agencies import commune_body

    # a 'thị xã' ranks with a district: its bodies are not renamed as a commune's
    assert commune_body("Ủy ban nhân dân thị xã Sơn Tây") is None
    name = commune_body("Ủy ban nhân dân xã Lương Minh")
    assert name is not None and name("Ủy ban nhân dân xã Lương Minh") == "Ủy ban nhân dân xã"
