"""The section tree, one genre construct per test: Vietnamese text in, sections out."""

from __future__ import annotations

from conftest import parse_text

from kehoach.structure.outline import kind_of
from kehoach.structure.titles import split_title

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 1/KH-UBND\nX, ngày 1 tháng 2 năm 2024\nKẾ HOẠCH\nTHỰC HIỆN Y\n"


def paths(text: str) -> list[str]:
    return [s.path for s in parse_text(HEAD + text).walk()]


def titles(text: str) -> dict[str, str]:
    return {s.path: s.title for s in parse_text(HEAD + text).walk()}


def test_roman_arabic_decimal_and_letter_headings_nest() -> None:
    text = (
        "I. MỤC TIÊU\n1. Mục tiêu chung\nNội dung.\n2. Mục tiêu cụ thể\n2.1. Đến năm 2025\n"
        "a) Chỉ tiêu một\nb) Chỉ tiêu hai\n2.2. Đến năm 2030\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Việc một\n"
    )
    assert paths(text) == ["I", "I.1", "I.2", "I.2.1", "I.2.1.a", "I.2.1.b", "I.2.2", "II", "II.1"]


def test_a_decimal_heading_hangs_under_its_arabic_parent() -> None:
    text = (
        "III. NHIỆM VỤ\n1. Việc một\n2. Tăng cường nghiên cứu\n2.1. Tạo đột phá\n"
        "a) Sở Khoa học và Công nghệ\n"
    )
    assert paths(text)[-1] == "III.2.1.a"


def test_numbers_that_start_a_sentence_are_not_headings() -> None:
    text = (
        "I. MỤC TIÊU\n1. Mục tiêu chung\n2.000 ha rừng được trồng mới mỗi năm.\n"
        "15/6 hằng năm gửi báo cáo.\n06 tháng một lần tổ chức sơ kết.\n"
        "5. Số thứ tự này nhảy quá xa nên là một câu, không phải mục.\n"
    )
    assert paths(text) == ["I", "I.1"]


def test_an_excerpt_s_elision_lets_the_next_number_skip() -> None:
    # a web page quoting part of a plan marks what it leaves out with '...'
    text = (
        "I. MỤC ĐÍCH\n1. Mục đích chung.\n...\nIV. TỔ CHỨC THỰC HIỆN\n…\n"
        "5. Công đoàn cơ sở\n- Báo cáo kết quả.\n9. Số này nhảy, không có dấu lược bỏ.\n"
    )
    assert paths(text) == ["I", "I.1", "IV", "IV.5"]


def test_letters_may_skip_d_stroke_and_f_as_printed() -> None:
    text = "I. NHIỆM VỤ\n1. Việc\na) A\nb) B\nc) C\nd) D\ne) E\ng) G\n"
    assert paths(text)[-2:] == ["I.1.e", "I.1.g"]


def test_a_number_printed_twice_keeps_both() -> None:
    text = "I. MỤC TIÊU\nNội dung.\nII. NHIỆM VỤ\nNội dung.\nII. NHIỆM VỤ KHÁC\n1. Việc\n"
    assert paths(text) == ["I", "II", "II#2", "II#2.1"]


def test_heading_running_on_after_a_colon_keeps_its_head_as_title() -> None:
    t = titles(
        "I. NHIỆM VỤ\n1. Việc\nb) Sở Thông tin và Truyền thông: chỉ đạo các cơ quan báo chí.\n"
    )
    assert t["I.1.b"] == "Sở Thông tin và Truyền thông"


def test_title_is_agency_list_when_the_line_runs_straight_into_duties() -> None:
    assert (
        split_title(
            "Giao Sở Nông nghiệp và Phát triển nông thôn là cơ quan thường trực, giúp UBND tỉnh."
        )[0]
        == "Giao Sở Nông nghiệp và Phát triển nông thôn"
    )
    assert (
        split_title("Các sở, ban, ngành; UBND cấp huyện: tổ chức thực hiện.")[0]
        == "Các sở, ban, ngành; UBND cấp huyện"
    )
    assert (
        split_title("Phát huy vai trò của các tổ chức hội; phối hợp tổ chức các cuộc vận động.")[0]
        == "Phát huy vai trò của các tổ chức hội"
    )
    # heads of agencies who are to lead directly, and bodies a paragraph is for
    assert split_title(
        "Thủ trưởng các sở, ban, ngành và Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu "
        "trực tiếp lãnh đạo, chỉ đạo tổ chức triển khai thực hiện; tăng cường kiểm tra."
    )[0] == ("Thủ trưởng các sở, ban, ngành và Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu")
    assert split_title(
        "Đối với các cơ quan Trung ương đóng trên địa bàn tỉnh, thủ trưởng cơ quan, đơn vị bám "
        "sát chương trình hành động của bộ, ngành chủ quản tổ chức triển khai thực hiện."
    )[0] == ("Đối với các cơ quan Trung ương đóng trên địa bàn tỉnh")
    # ... but not a list that goes on after the comma
    assert split_title("Đối với các sở, ban, ngành, UBND các xã, phường:")[0] == (
        "Đối với các sở, ban, ngành, UBND các xã, phường"
    )


def test_a_colon_closing_a_title_sized_heading_wins_over_a_semicolon_before_it() -> None:
    assert split_title(
        "Giấy khen của Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND xã, phường: Các Sở, ban, "
        "ngành quy định số lượng khen thưởng theo thẩm quyền."
    ) == (
        "Giấy khen của Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND xã, phường",
        "Các Sở, ban, ngành quy định số lượng khen thưởng theo thẩm quyền.",
    )
    # a long sentence that ends in 'như:' is cut at its ';' all the same
    long = (
        "Bảo đảm tiến độ, chất lượng các dự án đầu tư kết cấu hạ tầng giao thông trọng điểm; "
        "triển khai các nhiệm vụ nhằm nâng cao điều kiện an toàn giao thông đối với kết cấu hạ "
        "tầng giao thông đang khai thác, như: rà soát, xử lý điểm đen."
    )
    assert split_title(long)[0] == (
        "Bảo đảm tiến độ, chất lượng các dự án đầu tư kết cấu hạ tầng giao thông trọng điểm"
    )


def test_a_reflowed_heading_goes_on_over_names_of_bodies_and_of_the_government() -> None:
    def title(heading: str) -> str:
        return split_title(heading, reflowed=True)[0]

    assert (
        title(
            "Tổ chức quán triệt, triển khai thực hiện nghiêm túc Chỉ thị số 23/CT-TTg của Thủ tướng "
            "Chính phủ; xác định công tác bảo đảm TTATGT là nhiệm vụ trọng tâm."
        )
        == "Tổ chức quán triệt, triển khai thực hiện nghiêm túc Chỉ thị số 23/CT-TTg của Thủ tướng Chính phủ"
    )
    assert title("Chỉ đạo lực lượng Thanh tra giao thông: - Tăng cường tuyên truyền") == (
        "Chỉ đạo lực lượng Thanh tra giao thông"
    )
    assert title(
        "Chỉ đạo Văn phòng Ban An toàn giao thông tỉnh đôn đốc, kiểm tra việc thực hiện kế hoạch."
    ).startswith("Chỉ đạo Văn phòng Ban An toàn giao thông tỉnh đôn đốc")
    # a capital after 'Yêu cầu' that names no body starts the run-on sentence
    assert (
        title("Yêu cầu Việc kiểm soát tải trọng phương tiện phải thực hiện chặt chẽ") == "Yêu cầu"
    )
    # a zone's name ('Khu công nghiệp', three words) is no new sentence either
    assert title(
        "Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp Phối hợp chặt chẽ"
    ) == ("Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp")


def test_a_reflowed_heading_goes_on_over_holidays_events_places_and_names_begun_before() -> None:
    def title(heading: str) -> str:
        return split_title(heading, reflowed=True)[0]

    # holidays, events and campaigns are capitalised inside a sentence
    assert title(
        "Kiềm chế tai nạn giao thông trong dịp Lễ, Tết Dương lịch và Tết Nguyên đán Tăng cường"
    ) == ("Kiềm chế tai nạn giao thông trong dịp Lễ, Tết Dương lịch và Tết Nguyên đán")
    assert title("Bám sát chủ đề Năm An toàn giao thông 2025 Triển khai") == (
        "Bám sát chủ đề Năm An toàn giao thông 2025"
    )
    assert title("Bảo đảm đi lại dịp Tết Nguyên đán Ất Tỵ và mùa Lễ hội Xuân 2025 Các sở") == (
        "Bảo đảm đi lại dịp Tết Nguyên đán Ất Tỵ và mùa Lễ hội Xuân 2025"
    )
    assert title("Phòng, chống dịch Covid-19 trong vận tải Các doanh nghiệp") == (
        "Phòng, chống dịch Covid-19 trong vận tải"
    )
    # a province's name, and the rest of a body's name begun before the capital
    assert title("Quán triệt Chỉ thị của Tỉnh ủy Lai Châu về giao thông Tổ chức") == (
        "Quán triệt Chỉ thị của Tỉnh ủy Lai Châu về giao thông"
    )
    assert title(
        "Trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể Xây dựng"
    ) == ("Trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể")


def test_a_reflowed_heading_goes_on_over_the_body_a_verb_takes_as_its_object() -> None:
    def title(heading: str) -> str:
        return split_title(heading, reflowed=True)[0]

    # 'phối hợp X', 'báo cáo X', 'tham mưu X': the body is the verb's object, not a subject
    assert title(
        "Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ "
        "Quốc phòng triển khai thực hiện Tiểu dự án 1: Mua sắm trang thiết bị"
    ) == (
        "Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ "
        "Quốc phòng triển khai thực hiện Tiểu dự án 1"
    )
    assert title(
        "Chủ động tham mưu cho Ủy ban nhân dân tỉnh thành lập Đoàn kiểm tra liên ngành để kiểm "
        "tra tải trọng phương tiện Tăng cường tuyên truyền."
    ).endswith("thành lập Đoàn kiểm tra liên ngành để kiểm tra tải trọng phương tiện")
    assert title(
        "Định kỳ báo cáo Sở Tài chính kết quả thực hiện trước ngày 15/12 hằng năm Sở Tài chính "
        "tổng hợp"
    ) == ("Định kỳ báo cáo Sở Tài chính kết quả thực hiện trước ngày 15/12 hằng năm")
    # the same body opening a sentence of its own still ends the title
    assert title("Tăng cường kiểm tra phòng, chống dịch Sở Y tế chủ trì") == (
        "Tăng cường kiểm tra phòng, chống dịch"
    )


def test_a_reflowed_heading_goes_on_after_words_that_cannot_end_a_sentence() -> None:
    def title(heading: str) -> str:
        return split_title(heading, reflowed=True)[0]

    assert title(
        "Bám sát nội dung chỉ đạo của Chính phủ, Ủy ban ATGT Quốc gia, các Bộ, ngành Trung ương "
        "để triển khai công tác bảo đảm an toàn giao thông Tăng cường tuyên truyền."
    ).endswith("các Bộ, ngành Trung ương để triển khai công tác bảo đảm an toàn giao thông")
    assert title(
        "Nâng cao vai trò của các thành viên Tiểu ban tuyên truyền pháp luật về giao thông Tổ "
        "chức các hoạt động."
    ) == ("Nâng cao vai trò của các thành viên Tiểu ban tuyên truyền pháp luật về giao thông")
    assert title(
        "Đảm bảo sự chỉ đạo thống nhất từ cấp Thành phố đến cấp cơ sở trong việc triển khai kế "
        "hoạch Tăng cường kiểm tra."
    ) == (
        "Đảm bảo sự chỉ đạo thống nhất từ cấp Thành phố đến cấp cơ sở trong việc triển khai kế "
        "hoạch"
    )
    assert title("Nhiệm vụ được giao tại khoản 4 Điều 57 Luật Đường bộ Tăng cường kiểm tra.") == (
        "Nhiệm vụ được giao tại khoản 4 Điều 57 Luật Đường bộ"
    )
    # a document number broken at its hyphen goes on
    assert title(
        "Quán triệt nghiêm túc Chỉ thị số 31/CT- TTg về giao thông Tăng cường kiểm tra."
    ) == ("Quán triệt nghiêm túc Chỉ thị số 31/CT- TTg về giao thông")
    # an inline list's item number opens an item
    assert title("Công tác quán triệt, triển khai (1) Tổ chức Hội nghị trực tuyến") == (
        "Công tác quán triệt, triển khai"
    )


def test_an_agency_heading_that_runs_on_after_a_colon_is_titled_up_to_the_colon() -> None:
    # FORMAT.md's colon rule comes before its agency-name rule
    assert split_title(
        "Ủy ban nhân dân các huyện, thành phố chủ trì: Phối hợp với Sở Giao thông vận tải"
    ) == ("Ủy ban nhân dân các huyện, thành phố chủ trì", "Phối hợp với Sở Giao thông vận tải")
    assert split_title(
        "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng: Phối hợp với cấp ủy"
    )[0] == ("Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng")
    # without a colon, the agency; a new sentence after it is no part of the title
    assert split_title("Sở Y tế chủ trì, phối hợp với các đơn vị triển khai thực hiện.")[0] == (
        "Sở Y tế"
    )
    assert split_title("Sở Nông nghiệp và Môi trường Chủ trì các nhiệm vụ: Xây dựng cơ chế")[0] == (
        "Sở Nông nghiệp và Môi trường"
    )


def test_a_heading_that_opens_with_bodies_named_by_what_they_are_is_titled_by_them() -> None:
    # 'the agency names where the line opens with them and runs straight into duties'
    assert split_title(
        "Các cơ quan, đơn vị, địa phương tổ chức quán triệt đến đội ngũ cán bộ, công chức, "
        "viên chức thuộc quyền quản lý."
    ) == (
        "Các cơ quan, đơn vị, địa phương",
        "tổ chức quán triệt đến đội ngũ cán bộ, công chức, viên chức thuộc quyền quản lý.",
    )
    assert split_title(
        "Từng cơ quan, đơn vị, địa phương theo chức năng, nhiệm vụ được giao rà soát lại các "
        "chương trình, kế hoạch về công tác bảo đảm TTATGT."
    )[0] == ("Từng cơ quan, đơn vị, địa phương")
    # a sentence about them keeps its first clause as the title
    assert split_title(
        "Các cấp chính quyền phải xác định bảo đảm trật tự, an toàn giao thông là một trong "
        "những động lực quan trọng để phát triển kinh tế - xã hội của địa phương."
    )[0].endswith("của địa phương")
    # a list that goes on with other parties, and a label, are left whole
    assert split_title(
        "Các doanh nghiệp, tổ chức kinh tế, cơ sở giáo dục bố trí kinh phí để thực hiện."
    )[0] == ("Các doanh nghiệp, tổ chức kinh tế, cơ sở giáo dục bố trí kinh phí để thực hiện")
    assert split_title("Các đơn vị thực hiện") == ("Các đơn vị thực hiện", "")


def test_the_last_heading_of_a_text_cut_short_is_titled_as_a_sentence() -> None:
    # a crawl cut at a length stops inside its last heading: the cut, not the heading, ends it
    body = (
        "I. MỤC TIÊU\n1. Kéo giảm tai nạn giao thông.\n"
        "2. Tập trung giải quyết từ 8-10 điểm ùn tắc giao thông; không để xảy ra tình trạng ùn "
        "tắc kéo dài trên 30\nphút; kịp thời xử lý những điểm có nguy cơ phát sinh"
    )
    last = parse_text(HEAD + body).sections[0].children[-1]
    assert last.title == "Tập trung giải quyết từ 8-10 điểm ùn tắc giao thông"
    assert last.body[0].text.startswith("không để xảy ra tình trạng ùn tắc")
    # the same heading where the text goes on to its signature is a title in full
    signed = parse_text(HEAD + body + "\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n")
    assert signed.sections[0].children[-1].title.endswith("những điểm có nguy cơ phát sinh")


def test_a_heading_without_full_stop_keeps_a_semicolon() -> None:
    assert (
        split_title("Tăng cường nghiên cứu, chuyển đổi số; đào tạo nhân lực trong nông nghiệp")[0]
        == "Tăng cường nghiên cứu, chuyển đổi số; đào tạo nhân lực trong nông nghiệp"
    )


def test_an_ellipsis_inside_a_heading_is_no_full_stop() -> None:
    title, body = split_title(
        "Triển khai cụ thể đến tận xã, phường, thôn, làng, xóm... đồng bộ các giải pháp, "
        "không phô trương hình thức. Các sở chủ động thực hiện."
    )
    assert title == (
        "Triển khai cụ thể đến tận xã, phường, thôn, làng, xóm... đồng bộ các giải pháp, "
        "không phô trương hình thức"
    )
    assert body == "Các sở chủ động thực hiện."


def test_a_title_drops_its_footnote_mark_and_the_space_before_a_comma() -> None:
    assert split_title("Quán triệt các chỉ đạo về bảo đảm TTATGT [1] , gắn với tuyên truyền")[
        0
    ] == ("Quán triệt các chỉ đạo về bảo đảm TTATGT, gắn với tuyên truyền")


def test_top_level_kinds_come_from_heading_words() -> None:
    assert kind_of("MỤC ĐÍCH, YÊU CẦU") == "purpose"
    assert kind_of("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU") == "tasks"
    assert kind_of("NHIỆM VỤ VÀ GIẢI PHÁP") == "tasks"
    assert kind_of("GIẢI PHÁP THỰC HIỆN") == "tasks"
    assert kind_of("NGUỒN KINH PHÍ THỰC HIỆN") == "funding"
    assert kind_of("KINH PHÍ THỰC HIỆN") == "funding"
    assert kind_of("TỔ CHỨC THỰC HIỆN") == "implementation"
    assert kind_of("CHẾ ĐỘ BÁO CÁO") == "reporting"
    assert kind_of("Mục tiêu") == "objectives"
    assert kind_of("NỘI DUNG") == "tasks"
    assert kind_of("ĐỊNH HƯỚNG PHÁT TRIỂN") == "other"
    assert kind_of("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU".lower().replace("ụ", "ụ")) == "tasks"


def test_text_without_numbered_headings_is_one_pseudo_section() -> None:
    plan = parse_text(
        "Your Website Title\nTỉnh ban hành Kế hoạch về phát triển làng nghề.\n\nNội dung thứ hai.\n"
    )
    (only,) = plan.sections
    assert (only.path, only.title, only.kind) == ("0", "(body)", "other")
    assert len(only.body) == 2


def test_pdf_line_breaks_and_page_numbers_are_absorbed() -> None:
    text = (
        "I. MỤC TIÊU\n1. Mục tiêu chung\nPhát triển ngành nghề nông thôn nhằm phát huy\n"
        "tiềm năng của khu vực nông thôn.\n\n12\n\n2. Mục tiêu đến năm\n2030 và tầm nhìn\n"
    )
    plan = parse_text(HEAD + text)
    sec = {s.path: s for s in plan.walk()}
    assert list(sec) == ["I", "I.1", "I.2"]
    assert sec["I.1"].body[0].text.endswith("tiềm năng của khu vực nông thôn.")
    assert sec["I.1"].body[0].span.line_end == sec["I.1"].body[0].span.line_start + 1


def test_reflowed_crawl_splits_headings_run_inline() -> None:
    line = (
        "Thực hiện Quyết định số 1/QĐ-TTg, UBND tỉnh ban hành kế hoạch như sau: I. MỤC ĐÍCH, YÊU CẦU "
        "1. Mục đích Nâng cao nhận thức. 2. Yêu cầu - Bám sát. - Sở Lao động - Thương binh và Xã hội "
        "phối hợp với Đài Phát thanh - Truyền hình tỉnh. II. MỤC TIÊU 1. Mục tiêu chung Phát triển. "
        + "Nội dung dài. "
        * 30
    )
    plan = parse_text(HEAD + line + "\n")
    sec = {s.path: s for s in plan.walk()}
    assert list(sec) == ["I", "I.1", "I.2", "II", "II.1"]
    assert sec["I.1"].title == "Mục đích"
    assert sec["II.1"].title == "Mục tiêu chung"
    assert [b.text for b in sec["I.2"].body] == [
        "Bám sát.",
        "Sở Lao động - Thương binh và Xã hội phối hợp với Đài Phát thanh - Truyền hình tỉnh.",
    ]


def test_a_crawl_that_sets_a_space_before_the_numbers_period_still_splits() -> None:
    line = (
        "UBND tỉnh ban hành Kế hoạch triển khai thực hiện như sau: I. MỤC ĐÍCH, YÊU CẦU 1 . Tổ "
        "chức quán triệt, triển khai thực hiện nghiêm túc Chỉ thị. 2 . Tập trung chỉ đạo quyết "
        "liệt. II . NHIỆM VỤ TRỌNG TÂM 1 . Phổ biến rộng rãi nội dung Chỉ thị. " + "Nội dung. " * 30
    )
    plan = parse_text(HEAD + line + "\n")
    assert [s.path for s in plan.walk()] == ["I", "I.1", "I.2", "II", "II.1"]
    assert plan.sections[0].title == "MỤC ĐÍCH, YÊU CẦU"


def test_a_crawl_s_title_in_capitals_keeps_the_dash_between_its_words() -> None:
    # 'MỤC ĐÍCH - YÊU CẦU', 'KINH TẾ - XÃ HỘI': no bullet; a bullet opens in sentence case
    line = (
        "UBND thành phố ban hành Kế hoạch như sau: I. MỤC ĐÍCH - YÊU CẦU 1. Mục đích Nâng cao "
        "nhận thức. II. TÌNH HÌNH KINH TẾ - XÃ HỘI - Tăng trưởng khá. " + "Nội dung. " * 30
    )
    plan = parse_text(HEAD + line + "\n")
    assert [s.title for s in plan.sections] == ["MỤC ĐÍCH - YÊU CẦU", "TÌNH HÌNH KINH TẾ - XÃ HỘI"]
    assert plan.sections[1].body[0].text.startswith("Tăng trưởng khá.")


def test_a_crawl_that_loses_the_space_after_a_number_or_letters_with_a_period() -> None:
    line = (
        "UBND tỉnh ban hành Kế hoạch thực hiện như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích a. Nâng "
        "cao hiệu lực quản lý nhà nước. b. Giảm tai nạn giao thông từ 5-10%. II. NHIỆM VỤ TRỌNG "
        "TÂM Để thực hiện mục tiêu trên,các cơ quan thành viên Ban An toàn giao thông tỉnh cần "
        "thực hiện các nhiệm vụ sau: 1.Nâng cao hiệu quả tuyên truyền. 2. Nâng cao chất lượng "
        "quản lý. " + "Nội dung. " * 30
    )
    plan = parse_text(HEAD + line + "\n")
    assert [s.path for s in plan.walk()] == ["I", "I.1", "I.1.a", "I.1.b", "II", "II.1", "II.2"]
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Các cơ quan thành viên Ban An toàn giao thông tỉnh", "II")
    ]


def test_every_section_keeps_its_span_and_body_lines() -> None:
    plan = parse_text(HEAD + "I. MỤC TIÊU\n- Một.\n- Hai.\nII. NHIỆM VỤ\nBa.\n")
    first = plan.sections[0]
    assert (first.span.line_start, first.span.line_end) == (7, 9)
    assert [(b.kind, b.text, b.span.line_start) for b in first.body] == [
        ("bullet", "Một.", 8),
        ("bullet", "Hai.", 9),
    ]


def test_all_caps_heading_wrapped_onto_a_second_line() -> None:
    t = titles("I. MỤC TIÊU\nNội dung.\nII. NHIỆM VỤ, GIẢI PHÁP\nCHỦ YẾU\n1. Việc một\n")
    assert t["II"] == "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU" and "II.1" in t


def test_appendix_is_found_without_a_signature_block() -> None:
    plan = parse_text(
        HEAD + "I. MỤC TIÊU\nNội dung dài dòng của mục tiêu chung được trình bày ở đây.\n\n"
        "PHỤ LỤC I\nCHỈ TIÊU CHỦ YẾU\n(Kèm theo Kế hoạch số 1/KH-UBND)\n"
        "| TT | Chỉ tiêu | ĐVT | Năm 2025 |\n| 1 | Tỷ lệ che phủ rừng | % | 65 |\n"
    )
    assert [(s.path, s.kind) for s in plan.sections] == [("I", "objectives"), ("PB01", "appendix")]
    assert [(t.section, t.year, t.value, t.unit) for t in plan.targets] == [
        ("PB01.1", 2025, 65, "%")
    ]


def test_plan_in_lettered_parts_above_roman_sections() -> None:
    plan = parse_text(
        HEAD + "A. KẾT QUẢ THỰC HIỆN NĂM 2024\nI. KẾT QUẢ ĐẠT ĐƯỢC\n1. Về công nghiệp\nNội dung.\n"
        "B. NHIỆM VỤ NĂM 2025\nI. MỤC TIÊU\n- Chỉ số sản xuất công nghiệp tăng 8%.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Quản lý công nghiệp\n- Theo dõi.\n"
        "C. Thuế suất 5% cho hàng hóa nhập khẩu.\n"
    )
    sec = {s.path: s for s in plan.walk()}
    assert list(sec) == ["A", "A.I", "A.I.1", "B", "B.I", "B.II", "B.II.1"]
    assert (sec["B.I"].kind, sec["B.II"].kind) == ("objectives", "implementation")


def test_page_number_between_the_halves_of_a_sentence() -> None:
    plan = parse_text(
        HEAD + "I. MỤC TIÊU\n- Tỷ lệ che phủ rừng của tỉnh đến năm 2030 đạt\n7\n67%.\n"
    )
    (t,) = plan.targets
    assert (t.value, t.unit, t.year) == (67, "%", 2030)
    assert plan.sections[0].body[0].text == "Tỷ lệ che phủ rừng của tỉnh đến năm 2030 đạt 67%."


def test_a_page_break_between_blank_lines_inside_a_list_of_names() -> None:
    # the page number stands between blank lines, the second half opens with a name
    plan = parse_text(
        HEAD + "I. TỔ CHỨC THỰC HIỆN\n- Mặt trận Tổ quốc, Đoàn\n\n9\n\n"
        "Thanh niên, Hội Phụ nữ hỗ trợ người dân khắc phục hậu quả.\n\n"
        "- Sở Y tế hướng dẫn phòng dịch.\n"
    )
    assert [b.text for b in plan.sections[0].body] == [
        "Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ hỗ trợ người dân khắc phục hậu quả.",
        "Sở Y tế hướng dẫn phòng dịch.",
    ]
    # ... and inside a heading that wraps
    plan = parse_text(HEAD + "I. MỤC ĐÍCH,\n\n2\n\nYÊU CẦU\n1. Mục đích\nPhát huy sức mạnh.\n")
    assert plan.sections[0].title == "MỤC ĐÍCH, YÊU CẦU"


def test_page_foot_footnote_gives_a_reference_only() -> None:
    plan = parse_text(
        HEAD
        + "I. MỤC TIÊU\n- Thực hiện chỉ đạo của Tỉnh ủy1, trồng 500 ha rừng; năng suất 12 m3/ha.\n"
        "1 Quyết định số 123/QĐ-UBND ngày 5/1/2024 của Ủy ban nhân dân tỉnh.\n"
        "II. NHIỆM VỤ\n- Trồng rừng.\n"
    )
    assert [s.path for s in plan.walk()] == ["I", "II"]
    assert [t.value for t in plan.targets] == [500, 12]
    assert [r.number for r in plan.references] == ["123/QĐ-UBND"]
    assert all("Quyết định" not in b.text for s in plan.walk() for b in s.body)


def test_footnotes_gathered_after_the_signature_keep_their_wrapped_lines() -> None:
    # PDF text wraps a long note over several lines; each line goes on with the one before
    plan = parse_text(
        HEAD + "I. MỤC TIÊU\nPhát triển dân số[1] bền vững trên địa bàn tỉnh cho đủ dài.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n"
        "[1] Chương trình số 30-CTr/TU ngày 29/12/2017 của Thành ủy thực hiện Nghị quyết số\n"
        "21-NQ/TW; Kế hoạch số 75/KH-UBND ngày 09/7/2018 của UBND tỉnh về việc thực hiện\n"
        "Nghị quyết số 137/NQ-CP ngày 31/12/2017 của Chính phủ.\n"
        "Văn bản liên quan\n"
    )
    assert [r.number for r in plan.references] == [
        "30-CTr/TU",
        "21-NQ/TW",
        "75/KH-UBND",
        "137/NQ-CP",
    ]
    (note,) = plan.footnotes
    assert (note.span.line_start, note.span.line_end) == (13, 15)
    assert note.text.endswith("của Chính phủ.")


def test_a_footnote_goes_on_past_a_semicolon_and_a_page_break() -> None:
    # a note that cites one document after another parts them with ';' at a line's end,
    # and pdftotext ends a page inside it with a blank line
    plan = parse_text(
        HEAD + "I. MỤC TIÊU\nPhát triển dân số[1] bền vững trên địa bàn tỉnh cho đủ dài.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n"
        "[1] Quyết định số 1579/QĐ-TTg ngày 13/10/2020 của Thủ tướng Chính phủ về việc phê\n"
        "duyệt Chương trình chăm sóc sức khỏe người cao tuổi đến năm 2030;\n"
        "Quyết định số 1745/QĐ-TTg ngày 15/8/2025 của Thủ tướng Chính phủ về việc ban hành\n\n"
        "\fKế hoạch thực hiện Kết luận số 149-KL/TW ngày 10/4/2025 của Bộ Chính trị.\n"
    )
    assert [r.number for r in plan.references] == ["1579/QĐ-TTg", "1745/QĐ-TTg", "149-KL/TW"]
    (note,) = plan.footnotes
    assert note.text.endswith("của Bộ Chính trị.")


def test_a_sentence_goes_on_over_pdftotext_s_page_break() -> None:
    # pdftotext ends a page with a blank line and opens the next with a form feed
    plan = parse_text(
        HEAD + "I. NHIỆM VỤ\n1. Tuyên truyền, phổ biến nội dung Luật.\n"
        "- Cơ quan thực hiện: Sở Tư pháp; Sở Văn hóa, Thể thao và Du lịch; Báo\n\n"
        "\fvà Phát thanh, Truyền hình tỉnh.\n- Cơ quan phối hợp: Các sở, ngành.\n"
    )
    (task,) = plan.sections[0].children
    assert task.body[0].text.endswith("Báo và Phát thanh, Truyền hình tỉnh.")
    assert [a.agency for a in plan.assignments][-1] == "Báo và Phát thanh, Truyền hình tỉnh"


def test_a_dash_compound_broken_at_its_dash_is_no_bullet_in_pdf_text() -> None:
    # the PDF reader broke 'chính trị - xã hội' at the dash: '- xã hội' opens the next line
    plan = parse_text(
        HEAD + "I. NỘI DUNG ĐỢT THI ĐUA\n"
        "Để toàn dân đồng lòng, thi đua hành động, thực hiện thắng lợi các nhiệm vụ, hướng\n"
        "tới Đại hội lần thứ XIV của Đảng thành công; các sở, ban, ngành, Ủy ban Mặt trận Tổ\n"
        "quốc tỉnh, các tổ chức chính trị\n"
        "- xã hội, các xã, phường triển khai Đợt thi đua với tinh thần quyết tâm cao, hành\n"
        "động quyết liệt, tập trung thi đua thực hiện các nội dung chủ yếu sau:\n"
        "1. Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế\n"
        "- xã hội năm 2025.\n"
        "- Hoàn thành các chỉ tiêu đề ra.\n\n\fII. TỔ CHỨC THỰC HIỆN\n- Giao Sở Nội vụ.\n"
    )
    top = plan.sections[0]
    assert [b.kind for b in top.body] == ["paragraph"]
    assert "các tổ chức chính trị - xã hội, các xã, phường triển khai" in top.body[0].text
    assert (
        top.children[0].title
        == "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2025"
    )
    assert [b.text for b in top.children[0].body] == ["Hoàn thành các chỉ tiêu đề ra."]
    assert "Các tổ chức chính trị - xã hội" in [a.agency for a in plan.assignments]


def test_one_blank_line_inside_a_sentence_of_pdftotext_output_is_only_line_spacing() -> None:
    # pdftotext (its pages open with a form feed) may keep a wider line spacing as a blank
    # line: between some lines (stream text) or between all of them (layout text)
    lines = [
        "I. YÊU CẦU",
        "- Bảo đảm sự chỉ đạo, điều hành thống nhất của Ủy",
        "ban nhân dân tỉnh; sự phối hợp chặt chẽ giữa các sở, ban, ngành.",
        "Các sở, ban, ngành triển khai thực hiện.",
    ]
    stream = "\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:])
    layout = "\n\n".join(lines)
    for body in (stream, layout):
        plan = parse_text(HEAD + body + "\n\n\fII. NHIỆM VỤ\n- Trồng rừng.\n")
        texts = [b.text for b in plan.sections[0].body]
        assert texts == [
            "Bảo đảm sự chỉ đạo, điều hành thống nhất của Ủy ban nhân dân tỉnh; sự phối hợp "
            "chặt chẽ giữa các sở, ban, ngành.",
            "Các sở, ban, ngành triển khai thực hiện.",
        ]
    # without pages (a web copy) a blank line always ends a paragraph
    plan = parse_text(HEAD + "I. YÊU CẦU\n- Bảo đảm của Ủy\n\nban nhân dân tỉnh.\n")
    assert len(plan.sections[0].body) == 2


def test_an_appendix_number_and_its_title_on_one_line_open_the_appendix() -> None:
    plan = parse_text(
        HEAD + "I. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\n"
        "Mẫu biểu số 01 DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI\n| 1 | Dân số | Người | 2.150 |\n"
        "Mẫu biểu số 02\nBIỂU TỔNG HỢP DỰ TOÁN THU NSNN\n| I | THU NỘI ĐỊA | 4.800 |\n"
    )
    assert [(s.path, s.title) for s in plan.sections[1:]] == [
        ("PB01", "DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI"),
        ("PB02", "BIỂU TỔNG HỢP DỰ TOÁN THU NSNN"),
    ]


def test_a_pdf_heading_line_that_stops_at_a_comma_goes_on() -> None:
    plan = parse_text(
        HEAD + "III. NHIỆM VỤ\n1. Tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật\n"
        "về phòng, chống tội phạm và tệ nạn xã hội; nâng cao nhận thức của cán bộ, đảng viên\n"
        "và nhân dân về công tác bảo vệ an ninh trật tự trên địa bàn tỉnh trong tình hình\n"
        "mới, gắn với phong trào toàn dân bảo vệ an ninh Tổ quốc.\n"
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Căn cứ Kế hoạch này, các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc đóng\n"
        "trên địa bàn,\n"
        "Ủy ban nhân dân xã, phường xây dựng kế hoạch hoặc văn bản triển khai thực hiện gửi\n"
        "về Công an tỉnh để theo dõi. Thực hiện chế độ báo cáo theo định kỳ.\n"
        "2. Công an tỉnh chủ trì theo dõi, đôn đốc.\n"
    )
    assert {(a.agency, a.section) for a in plan.assignments} >= {
        ("Các sở, ban, ngành", "IV.1"),
        ("Các tổ chức chính trị - xã hội", "IV.1"),
        ("Ủy ban nhân dân cấp xã", "IV.1"),
    }


def test_agency_heading_keeps_its_parenthesis() -> None:
    assert split_title("Sở Nông nghiệp và PTNT (cơ quan thường trực): chủ trì theo dõi.") == (
        "Sở Nông nghiệp và PTNT (cơ quan thường trực)",
        "chủ trì theo dõi.",
    )


def test_prose_appendix_keeps_its_headings() -> None:
    plan = parse_text(
        HEAD + "I. MỤC TIÊU\nNội dung chung của kế hoạch được trình bày ở đây cho đủ dài dòng.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\nPHỤ LỤC I\nNHIỆM VỤ CỤ THỂ CỦA CÁC SỞ, NGÀNH\n"
        "I. SỞ TÀI CHÍNH\n1. Bố trí kinh phí thực hiện.\n2. Hướng dẫn thanh quyết toán.\nII. SỞ Y TẾ\n"
        "1. Khám sàng lọc cho 5.000 người.\n"
    )
    sec = {s.path: s for s in plan.walk()}
    assert list(sec) == ["I", "PB01", "PB01.I", "PB01.I.1", "PB01.I.2", "PB01.II", "PB01.II.1"]
    assert sec["PB01"].kind == "appendix" and sec["PB01.I"].kind is None
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Sở Tài chính", "PB01.I"),
        ("Sở Y tế", "PB01.II"),
    ]


def test_a_closing_paragraph_belongs_to_the_section_not_its_last_item() -> None:
    from conftest import parse_text

    plan = parse_text(
        "V. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\nBố trí kinh phí thực hiện.\n"
        "2. Các cơ sở đào tạo\nMở thêm chuyên ngành đào tạo về chuyển đổi số.\n"
        "Phối hợp với các Viện nghiên cứu phát triển công nghệ mới.\n"
        "Yêu cầu các sở, ban, ngành căn cứ nhiệm vụ được phân công triển khai thực hiện.\n"
    )
    v = plan.sections[0]
    assert [b.text[:9] for b in v.children[-1].body] == ["Mở thêm c", "Phối hợp "]
    assert [b.text[:9] for b in v.body] == ["Yêu cầu c"]


def test_an_items_fields_after_its_bullets_stay_with_it() -> None:
    from conftest import parse_text

    plan = parse_text(
        "II. NHIỆM VỤ\n1. Hoàn thiện thể chế\n- Rà soát văn bản.\n- Sửa đổi quy định.\n"
        "Đơn vị chủ trì: Sở Tư pháp.\nThời gian thực hiện: Quý II/2026.\n"
    )
    item = plan.sections[0].children[0]
    assert [b.text for b in item.body][-2:] == [
        "Đơn vị chủ trì: Sở Tư pháp.",
        "Thời gian thực hiện: Quý II/2026.",
    ]


def test_a_crawl_opens_the_numeral_its_text_skips_to_and_the_title_stops_at_the_first_heading() -> (
    None
):
    from conftest import parse_text

    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 165/KH-UBND Kon Tum, ngày 15 tháng 1 năm 2024 KẾ\r\n"
        "HOẠCH BẢO ĐẢM TRẬT TỰ, AN TOÀN GIAO THÔNG NĂM 2024 TRÊN ĐỊA BÀN TỈNH I. MỤC ĐÍCH, YÊU\r\n"
        "CẦU 1. Mục đích - Nâng cao nhận thức của người tham gia giao thông về chấp hành pháp\r\n"
        "luật. 2. Yêu cầu - Các cơ quan triển khai nghiêm túc, hiệu quả các nhiệm vụ được giao\r\n"
        "trong kế hoạch này. III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM Để thực hiện được mục tiêu trên,\r\n"
        "các đơn vị cần tập trung. 1. Nâng cao hiệu lực, hiệu quả công tác lãnh đạo, chỉ đạo của\r\n"
        "các cấp. 2. Tham gia xây dựng, hoàn thiện thể chế, cơ chế, chính sách pháp luật về\r\n"
        "trật tự, an toàn giao thông.\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.title == "BẢO ĐẢM TRẬT TỰ, AN TOÀN GIAO THÔNG NĂM 2024 TRÊN ĐỊA BÀN TỈNH"
    assert [s.path for s in plan.walk()] == ["I", "I.1", "I.2", "III", "III.1", "III.2"]
    assert not plan.quality.outline_in_sequence  # the gap is flagged for review


def test_a_whole_plan_crawled_as_one_flow_with_its_type_run_into_a_v_v_title() -> None:
    # the type and the title in one cell ('KẾ HOẠCH V/V ...'), the first heading 'II.' (the
    # opening paragraphs stand for the unnumbered 'I.')
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 0130/KH-UBND Đắk Lắk, ngày 21 tháng 11 năm 2025 KẾ\r\n"
        "HOẠCH V/V KHẮC PHỤC MÔI TRƯỜNG SAU LỤT BÃO Từ ngày 17 đến ngày 20 tháng 11 năm 2025\r\n"
        "tỉnh Đắk Lắk hứng chịu đợt mưa lớn lịch sử. UBND tỉnh ban hành kế hoạch như sau: II.\r\n"
        "MỤC ĐÍCH, YÊU CẦU 1. Mục đích Chủ động khắc phục môi trường. 2. Yêu cầu Triển khai\r\n"
        "kịp thời. III. NHIỆM VỤ, GIẢI PHÁP 1. Vệ sinh môi trường Thu gom rác thải.\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.doc_type == "Kế hoạch"
    assert plan.metadata.title == "V/V KHẮC PHỤC MÔI TRƯỜNG SAU LỤT BÃO"
    assert [s.path for s in plan.walk()] == ["II", "II.1", "II.2", "III", "III.1"]


def test_a_whole_plan_crawled_as_one_flow_ends_with_its_recipients_and_signature() -> None:
    # the closing runs on after the last duty; a numeral printed twice opens its section
    # again; an inline item may open with its share ('1. 100% ...')
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025 KẾ\r\n"
        "HOẠCH NÂNG CAO NĂNG LỰC CÁN BỘ Thực hiện Kế hoạch số 24/KH-UBND của UBND tỉnh, UBND tỉnh\r\n"
        "ban hành Kế hoạch như sau: I. MỤC TIÊU CHỦ YẾU 1. 100% công chức có trình độ đại học\r\n"
        "Luật. 2. Mỗi năm tổ chức 02 lớp bồi dưỡng. II. NHIỆM VỤ, GIẢI PHÁP 1. Rà soát đội ngũ\r\n"
        "công chức. II. TỔ CHỨC THỰC HIỆN 1. Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan triển\r\n"
        "khai thực hiện Kế hoạch này[1]./. Nơi nhận: - Bộ Tư pháp (b/c); - TT Tỉnh ủy; - Lưu: VT,\r\n"
        "NC. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phạm Văn Thịnh [1] Theo Quyết định số\r\n"
        "1437/QĐ-UBND ngày 30/10/2025 của UBND tỉnh.\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.signer == "Phạm Văn Thịnh"
    assert [s.path for s in plan.walk()] == ["I", "I.1", "I.2", "II", "II.1", "II#2", "II#2.1"]
    assert [(a.agency, a.section) for a in plan.assignments] == [("Sở Tư pháp", "II#2.1")]
    assert "1437/QĐ-UBND" in [r.number for r in plan.references]


def test_a_crawl_without_recipients_ends_its_body_at_the_closing_mark() -> None:
    # a copy that dropped 'Nơi nhận': after './.' come the signature and the site's box
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 272/KH-UBND Lạng Sơn, ngày 20 tháng 12 năm 2024 KẾ\r\n"
        "HOẠCH PHÁT TRIỂN NGÀNH NGHỀ NÔNG THÔN Thực hiện Nghị định số 52/2018/NĐ-CP, UBND tỉnh\r\n"
        "ban hành Kế hoạch như sau: I. MỤC TIÊU 1. Phát triển làng nghề. II. TỔ CHỨC THỰC HIỆN 1.\r\n"
        "Sở Tài chính - Bố trí kinh phí thực hiện. 2. Ủy ban nhân dân các huyện, thành phố - Tổ\r\n"
        "chức triển khai Kế hoạch. Yêu cầu các sở, ban, ngành báo cáo kết quả thực hiện theo quy\r\n"
        "định./. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lương Trọng Quỳnh Ngày hiệu lực:\r\n"
        "24/12/2024 Tình trạng hiệu lực: Kiểm tra - 1 Kế hoạch 244/KH-UBND năm 2024 thực hiện\r\n"
    )
    plan = parse_text(crawl)
    last = plan.sections[-1].children[-1]
    assert last.body[-1].text == "Tổ chức triển khai Kế hoạch."
    # the closing paragraph stays the section's own, its bodies addressed there
    assert ("Các sở, ban, ngành", "II") in [(a.agency, a.section) for a in plan.assignments]
    signed = crawl.split(" Ngày hiệu lực")[0] + "\r\n"
    assert parse_text(signed).metadata.signer == "Lương Trọng Quỳnh"


def test_a_crawl_s_signer_is_read_before_an_appendix_named_mau_bieu() -> None:
    # the closing runs on into the first appendix, here a 'Mẫu biểu số 01' form
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH CÀ MAU ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 0204/KH-UBND Cà Mau, ngày 24 tháng 11 năm 2025 KẾ\r\n"
        "HOẠCH TÀI CHÍNH 03 NĂM Thực hiện Thông tư số 69/2017/TT-BTC, UBND tỉnh ban hành Kế hoạch\r\n"
        "như sau: I. MỤC TIÊU 1. Tăng thu ngân sách. II. TỔ CHỨC THỰC HIỆN 1. Sở Tài chính chủ\r\n"
        "trì tổng hợp./. Nơi nhận: - Bộ Tài chính (b/c); - Lưu: VT. TM. ỦY BAN NHÂN DÂN KT. CHỦ\r\n"
        "TỊCH PHÓ CHỦ TỊCH Lâm Văn Bi Mẫu biểu số 01 DỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI STT\r\n"
        "Chỉ tiêu Đơn vị 1 Tổng sản phẩm Tỷ đồng 100\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.signer == "Lâm Văn Bi"
    assert [s.path for s in plan.walk()][:4] == ["I", "I.1", "II", "II.1"]


def test_a_crawl_s_unnumbered_appendix_with_its_title_and_note_run_on_is_kept() -> None:
    # 'PHỤ LỤC DANH MỤC ... (Kèm theo Kế hoạch số ...) STT ...' on one line: an appendix
    # heading, not a mention of one, and not website chrome after the document
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 179/KH-UBND Đồng Nai, ngày 18 tháng 11 năm 2025 KẾ\r\n"
        "HOẠCH PHÁT TRIỂN KINH TẾ SỐ Thực hiện Nghị quyết số 57-NQ/TW, UBND tỉnh ban hành Kế\r\n"
        "hoạch như sau: I. MỤC TIÊU 1. Phát triển kinh tế số. II. TỔ CHỨC THỰC HIỆN 1. Sở Khoa\r\n"
        "học và Công nghệ chủ trì./. Nơi nhận: - Bộ Khoa học và Công nghệ; - Lưu: VT. TM. ỦY\r\n"
        "BAN NHÂN DÂN CHỦ TỊCH Võ Tấn Đức PHỤ LỤC DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM (Kèm theo Kế\r\n"
        "hoạch số 179/KH-UBND ngày 18 tháng 11 năm 2025) STT Nhiệm vụ 1 Triển khai Kế hoạch thực\r\n"
        "hiện Quyết định số 1968/QĐ-TTg ngày 22/11/2021 của Thủ tướng Chính phủ\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.signer == "Võ Tấn Đức"
    assert [s.path for s in plan.sections] == ["I", "II", "PB01"]
    assert "1968/QĐ-TTg" in [r.number for r in plan.references]
    assert plan.trimmed == []
    # a table run into the flow of words: its figures are tied to no row and no year
    numbered = crawl.split("PHỤ LỤC")[0] + (
        "PHỤ LỤC I VỊ TRÍ QUAN TRẮC MÔI TRƯỜNG (Kèm theo Kế hoạch số 179/KH-UBND ngày 18\r\n"
        "tháng 11 năm 2025) TT Tên điểm Ghi chú 1 Xuân Lộc Vùng nuôi có diện tích từ 10 ha trở\r\n"
        "lên đối với nuôi thâm canh 2 Xuân Cảnh tỷ lệ đạt 90%\r\n"
    )
    plan = parse_text(numbered)
    assert [s.path for s in plan.sections] == ["I", "II", "PB01"]
    assert [t.value for t in plan.targets if t.section.startswith("PB")] == []


def test_a_crawled_quyet_dinh_goes_on_with_the_plan_it_carries() -> None:
    # the signer's name runs straight into the carried plan's type and title in capitals
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do -\r\n"
        "Hạnh phúc --------------- Số: 2954/QĐ-UBND Sơn La, ngày 20 tháng 11 năm 2025 QUYẾT ĐỊNH\r\n"
        "Ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030 ỦY BAN\r\n"
        "NHÂN DÂN TỈNH SƠN LA Căn cứ Luật Tổ chức chính quyền địa phương năm 2025; QUYẾT ĐỊNH: Điều\r\n"
        "1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu. Điều 2. Quyết định có hiệu lực.\r\n"
        "Nơi nhận: - Bộ Công Thương (b/c); - Lưu: VT. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ\r\n"
        "TỊCH Nguyễn Thành Công KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 -\r\n"
        "2030 Triển khai thực hiện các mục tiêu phát triển kinh tế. I. MỤC ĐÍCH, YÊU CẦU 1. Mục\r\n"
        "đích: Đẩy mạnh xuất khẩu. II. MỤC TIÊU 1. Kim ngạch xuất khẩu đến năm 2030 đạt 300 triệu\r\n"
        "USD.\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.signer == "Nguyễn Thành Công"
    # the title ends where the body that decides is named ('ỦY BAN NHÂN DÂN TỈNH SƠN LA')
    assert plan.metadata.title == (
        "Ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030"
    )
    assert [s.path for s in plan.sections][-2:] == ["I", "II"]
    assert [(t.value, t.year) for t in plan.targets] == [(300_000_000, 2030)]


def test_a_crawl_s_numbered_objective_is_a_name_not_a_heading() -> None:
    # 'Mục tiêu 2.' names the objective its heading opens with; under 'Phân công nhiệm vụ'
    # or a capitals title, a number after the last word still opens a heading
    crawl = (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập\r\n"
        "- Tự do - Hạnh phúc --------------- Số: 174/KH-UBND Thành phố Hồ Chí Minh, ngày 18 tháng\r\n"
        "11 năm 2025 KẾ HOẠCH THỰC HIỆN MỤC TIÊU BÌNH ĐẲNG GIỚI Thực hiện Nghị quyết số\r\n"
        "28/NQ-CP, UBND Thành phố ban hành Kế hoạch như sau: I. MỤC TIÊU 1. Mục tiêu cụ thể 1.1.\r\n"
        "Mục tiêu 1. Lĩnh vực chính trị: tỷ lệ nữ đạt 60%. 1.2. Mục tiêu 2. Lĩnh vực kinh tế, lao\r\n"
        "động a) Lĩnh vực lao động: tăng tỷ lệ lao động nữ đạt 50%. II. PHÂN CÔNG NHIỆM VỤ 1. Sở\r\n"
        "Nội vụ chủ trì, theo dõi. 2. Sở Tài chính bố trí kinh phí.\r\n"
    )
    paths = {s.path: s.title for s in parse_text(crawl).walk()}
    assert list(paths) == ["I", "I.1", "I.1.1", "I.1.2", "I.1.2.a", "II", "II.1", "II.2"]
    assert paths["I.1.2"].startswith("Mục tiêu 2")


def test_a_crawl_s_closing_paragraph_and_a_for_bodies_heading() -> None:
    # 'Trong quá trình thực hiện ...' closes Tổ chức thực hiện, not its last item; the
    # bodies after 'Đối với' are the heading's title, the dash after them starts its text
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 982/KH-UBND Nghệ An, ngày 1 tháng 11 năm 2025 KẾ\r\n"
        "HOẠCH PHÁT ĐỘNG THI ĐUA NĂM 2025 Thực hiện Chỉ thị số 41/CT-TTg, UBND tỉnh ban hành như sau: I.\r\n"
        "NHIỆM VỤ 1. Đối với Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị - xã hội -\r\n"
        "Tổ chức sâu rộng các phong trào thi đua yêu nước. II. TỔ CHỨC THỰC HIỆN 1. Sở Nội vụ\r\n"
        "hướng dẫn, theo dõi. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc đề nghị các\r\n"
        "sở, ban, ngành kịp thời phản ánh về Sở Nội vụ.\r\n"
    )
    plan = parse_text(crawl)
    sec = {s.path: s for s in plan.walk()}
    assert (
        sec["I.1"].title == "Đối với Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị - xã hội"
    )
    assert [(a.agency, a.section) for a in plan.assignments] == [
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "I.1"),
        ("Các tổ chức chính trị - xã hội", "I.1"),
        ("Các sở, ban, ngành", "II"),
        ("Sở Nội vụ", "II.1"),
    ]


def test_a_crawl_with_a_short_title_still_has_its_body() -> None:
    # 'KẾ HOẠCH THI ĐUA Thực hiện ...': a capitals title shorter than most; the cell that
    # runs on to the end of the plan is the body, not the title
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do"
        " - Hạnh phúc --------------- Số: 982/KH-UBND Nghệ An, ngày 1 tháng 11 năm 2025 KẾ\r\n"
        "HOẠCH THI ĐUA Thực hiện Chỉ thị số 41/CT-TTg, UBND tỉnh ban hành Kế hoạch như sau: I.\r\n"
        "NHIỆM VỤ 1. Phát động phong trào thi đua. " + "Nội dung của phong trào. " * 30 + "\r\n"
        "II. TỔ CHỨC THỰC HIỆN 1. Sở Nội vụ hướng dẫn, theo dõi.\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.title == "THI ĐUA"
    assert [s.path for s in plan.walk()] == ["I", "I.1", "II", "II.1"]


def test_a_crawl_s_title_goes_on_over_the_body_that_does_a_task() -> None:
    # 'do' (by) before a capital: the name of whoever leads is inside the title's sentence
    assert (
        split_title(
            "Tổ chức triển khai các nhiệm vụ do Bộ Công an chủ trì theo chức năng được giao: Dự án "
            "1 về phòng ngừa tội phạm.",
            reflowed=True,
        )[0]
        == "Tổ chức triển khai các nhiệm vụ do Bộ Công an chủ trì theo chức năng được giao"
    )


def test_an_attachment_titled_without_phu_luc_is_an_appendix() -> None:
    # the note '(Kèm theo Kế hoạch số ...)' under a title in capitals attaches it to the plan
    plan = parse_text(
        "SỞ CÔNG THƯƠNG\nSố: /KH-SCT\nLào Cai, ngày tháng 4 năm 2026\nKẾ HOẠCH\nKiểm tra an toàn\n"
        "I. MỤC ĐÍCH\nBảo đảm an toàn.\nII. TỔ CHỨC THỰC HIỆN\nGiao phòng Quản lý Công nghiệp "
        "thực hiện./.\nNơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHoàng Văn Thuân\n\n"
        "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA\n"
        "(Kèm theo Kế hoạch số /KH-SCT ngày /4/2026 của Sở Công Thương)\n"
        "| TT | Nhiệm vụ thực hiện | Người thực hiện |\n"
        "| 1. | Rà soát hồ sơ học viên | Đỗ Mạnh Cường |\n"
        "| 2. | Xây dựng bài kiểm tra | Vũ Việt Linh |\n"
    )
    appendix = [(s.path, s.title, s.kind) for s in plan.sections if s.path.startswith("PB")]
    assert appendix == [("PB01", "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA", "appendix")]
    assert [c.path for c in plan.sections[-1].children] == ["PB01.1", "PB01.2"]


def test_the_title_under_a_labelled_appendix_opens_no_second_one() -> None:
    plan = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 204/KH-UBND\nKẾ HOẠCH\nPhát triển\nI. MỤC TIÊU\nTăng.\n"
        "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLâm Văn Bi\n\n"
        "Mẫu biểu số 01\nDỰ BÁO MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU\n"
        "(Kèm theo Kế hoạch số 0204/KH-UBND ngày 24/11/2025)\n"
        "| STT | Chỉ tiêu | Năm 2026 |\n| 1 | Tốc độ tăng trưởng (%) | 8 |\n"
    )
    assert [s.path for s in plan.sections if s.path.startswith("PB")] == ["PB01"]


def test_forms_under_one_caption_are_the_appendices_each_titled_below_its_own_head() -> None:
    # 'PHỤ LỤC' with only its note captions the forms; each form ('Mẫu số 01/HNCT') carries
    # its own small title block, and its title in capitals comes after it
    plan = parse_text(
        "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nSố: /KH-MTTQ-BTT\n"
        "Lương Minh, ngày 25 tháng 11 năm 2025\nKẾ HOẠCH\nTổ chức các hội nghị hiệp thương\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm dân chủ.\nII. TỔ CHỨC THỰC HIỆN\nCác thôn thực hiện./.\n"
        "Nơi nhận:\n- Lưu: VT.\nTM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\nLan Thị Vân\n\n"
        "PHỤ LỤC\nban hành kèm theo Kế hoạch tổ chức các hội nghị hiệp thương\n"
        "Mẫu số 01/HNCT\n(1)………..\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\n"
        "BIÊN BẢN HỘI NGHỊ CỬ TRI NƠI CÔNG TÁC\nLẤY Ý KIẾN NHẬN XÉT ĐỐI VỚI NGƯỜI ỨNG CỬ\n"
        "Hồi….. giờ…… ngày….. tháng…… năm……, tại (2) ……, đã tiến hành hội nghị cử tri.\n"
        "1. Thành phần hội nghị gồm:\n2. Họ và tên người ứng cử:\n\n"
        "Mẫu số 06/BBKP\n(1)………..\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n….., ngày….. tháng….. năm……\n\n"
        "BIÊN BẢN KIỂM PHIẾU\n1. Tổng số cử tri:\n"
    )
    appendix = [(s.path, s.title) for s in plan.sections if s.path.startswith("PB")]
    assert appendix == [
        ("PB01", "BIÊN BẢN HỘI NGHỊ CỬ TRI NƠI CÔNG TÁC LẤY Ý KIẾN NHẬN XÉT ĐỐI VỚI NGƯỜI ỨNG CỬ"),
        ("PB02", "BIÊN BẢN KIỂM PHIẾU"),
    ]
    assert [c.path for c in plan.sections[-2].children] == ["PB01.1", "PB01.2"]
    assert not plan.quality.unplaced  # the caption is the first form's opening words


def test_an_appendix_title_on_two_lines_is_one_title_and_a_heading_under_it_stays() -> None:
    plan = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 980/KH-UBND\nKẾ HOẠCH\nThi hành Luật\n"
        "I. MỤC TIÊU\nBảo đảm.\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Hồng Vinh\n\n"
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH\n"
        "CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG THỦ DÂN SỰ\n"
        "I. NHIỆM VỤ CHUNG\nRà soát văn bản.\n"
    )
    appendix = [s for s in plan.sections if s.path.startswith("PB")]
    assert appendix[0].title == (
        "DANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT "
        "PHÒNG THỦ DÂN SỰ"
    )
    assert [(c.path, c.title) for c in appendix[0].children] == [("PB01.I", "NHIỆM VỤ CHUNG")]
