"""Title block and cited documents, in the shapes copies print them."""

from __future__ import annotations

from conftest import parse_text

from kehoach.facts.references import _citations, _rules, find, implements, normalise_number
from kehoach.text import key

BODY = "Thực hiện Quyết định số 1058/QĐ-TTg ngày 14/9/2023 của Thủ tướng Chính phủ, UBND tỉnh ban hành:\nI. MỤC TIÊU\nNội dung.\n"


def meta(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text).metadata


def test_pipe_joined_title_block() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 272/KH-UBND | Lạng Sơn, ngày 24 tháng 12 năm 2024 |\nKẾ HOẠCH\nTHỰC HIỆN CHIẾN LƯỢC X\n"
        + BODY
    )
    assert (m.doc_type, m.number, m.place, str(m.issued_date)) == (
        "Kế hoạch",
        "272/KH-UBND",
        "Lạng Sơn",
        "2024-12-24",
    )
    assert m.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"  # completed from the date line
    assert m.title == "THỰC HIỆN CHIẾN LƯỢC X"
    assert m.implements == ["1058/QĐ-TTg"]


def test_a_copy_that_lost_the_type_s_line_still_has_its_title() -> None:
    """Some legal sites print the title straight after the date row; the issuer's cell
    may stand on a line of its own above a lone '|'."""
    m = meta(
        "ỦY BAN NHÂN DÂN\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\nSố: 34/KH-UBND |\n"
        "Quảng Ngãi, ngày 23 tháng 02 năm 2023 |\n"
        "THỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ PHÒNG, CHỐNG THIÊN TAI QUỐC GIA\n" + BODY
    )
    assert (m.number, m.issuer) == ("34/KH-UBND", "Ủy ban nhân dân tỉnh Quảng Ngãi")
    assert m.title == "THỰC HIỆN CHƯƠNG TRÌNH TỔNG THỂ PHÒNG, CHỐNG THIÊN TAI QUỐC GIA"


def test_a_page_that_prints_its_line_breaks_escaped_is_read_as_lines() -> None:
    text = (
        "ỦY BAN NHÂN DÂN | \\r\\n CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | \\r\\n"
        "Số: 54/KH-UBND \\r\\n | \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2020 \\r\\n"
        "Thực hiện Quyết định số 1896/QĐ-TTg ngày 25/12/2019 của Thủ tướng Chính phủ\\r\\nUBND "
        "tỉnh ban hành Kế hoạch như sau:\\r\\n1. Mục tiêu chung\\r\\nCải thiện dinh dưỡng.\n"
    )
    plan = parse_text(text)
    assert (plan.metadata.number, str(plan.metadata.issued_date)) == ("54/KH-UBND", "2020-03-27")
    assert [s.title for s in plan.sections] == ["Mục tiêu chung"]


def test_a_number_printed_with_spaces_around_its_marks_is_read_whole() -> None:
    def title_block(number_line: str):  # type: ignore[no-untyped-def]
        return meta(
            "ỦY BAN NHÂN DÂN | CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "XÃ XUÂN TÍN | Độc lập - Tự do - Hạnh phúc |\n"
            f"{number_line} |\nXuân Tín, ngày 07 tháng 5 năm 2025 |\nKẾ HOẠCH\nPhòng, chống thiên tai\n"
            + BODY
        )

    m = title_block("Số: 36 /KH - UBND")
    assert m.number == "36/KH-UBND"
    assert m.issuer == "Ủy ban nhân dân xã Xuân Tín"  # the motto's mistyped tone is still the motto
    assert title_block("Số: 20a /KH-THTM").number == "20a/KH-THTM"


def test_the_title_ends_where_the_plan_s_first_part_begins() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1914/KH-UBND\n"
        "Hải Dương, ngày 05 tháng 6 năm 2023\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ TỈNH HẢI DƯƠNG NĂM 2023\n"
        "PHẦN I. KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2022\n" + BODY
    )
    assert m.title == "CHUYỂN ĐỔI SỐ TỈNH HẢI DƯƠNG NĂM 2023"


def test_one_cell_per_line_title_block() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nSố: 316/KH-UBND\n\nLào Cai, ngày 21 tháng 9 năm 2022\n\n"
        "KẾ HOẠCH\n\nTRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH\nBẢO TỒN LÀNG NGHỀ\n\n" + BODY
    )
    assert (m.number, m.issuer, str(m.issued_date)) == (
        "316/KH-UBND",
        "Ủy ban nhân dân tỉnh Lào Cai",
        "2022-09-21",
    )
    assert m.title == "TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH BẢO TỒN LÀNG NGHỀ"


def test_a_rule_drawn_with_a_word_processor_s_dashes_is_no_part_of_the_issuer() -> None:
    # Word turns '---' into an em dash: '———' under the issuer, run on to the next cell
    for rule in ("———", "——-", "–––", "___"):
        m = meta(
            f"ỦY BAN NHÂN DÂN TỈNH NGHỆ AN {rule} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 987/KH-UBND | Nghệ An, ngày 20 tháng 11 năm 2025 |\nKẾ HOẠCH\nPHÁT TRIỂN X\n"
            + BODY
        )
        assert m.issuer == "Ủy ban nhân dân tỉnh Nghệ An", rule


def test_a_motto_wrapped_in_a_narrow_column_is_no_part_of_the_issuer() -> None:
    tail = "Số: 980/KH-UBND\nNghệ An, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nTHỰC HIỆN X\n" + BODY
    stream = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM Độc lập - Tự do - Hạnh phúc\n\n"
    layout = (
        "ỦY BAN NHÂN DÂN            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT\n"
        "TỈNH HÀ NAM                NAM Độc lập - Tự do - Hạnh phúc\n\n"
    )
    assert meta(stream + tail).issuer == "Ủy ban nhân dân tỉnh Nghệ An"
    assert meta(layout + tail).issuer == "Ủy ban nhân dân tỉnh Hà Nam"
    # pdftotext reads the two narrow columns line by line: the motto's words interleave
    # with the issuer's, as a stream and as its layout
    interleaved = (
        "ỦY BAN NHÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nDÂN TỈNH NGHỆ VIỆT NAM Độc lập - Tự do - Hạnh\n"
        "AN\nphúc\n"
    )
    laid_out = (
        "ỦY BAN NHÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA\n"
        "DÂN TỈNH NGHỆ VIỆT NAM Độc lập - Tự do - Hạnh\nAN            phúc\n\n"
    )
    assert meta(interleaved + tail).issuer == "Ủy ban nhân dân tỉnh Nghệ An"
    assert meta(laid_out + tail).issuer == "Ủy ban nhân dân tỉnh Nghệ An"


def test_blank_number_and_missing_day_give_null() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN\nTỈNH X\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: /KH-UBND\n"
        "X, ngày    tháng 5 năm 2024\nKẾ HOẠCH\nVỀ VIỆC Y\n" + BODY
    )
    assert m.number is None and m.issued_date is None and m.place == "X"


def test_department_plan_issuer() -> None:
    m = meta(
        "UBND TỈNH LẠNG SƠN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-SGDĐT\nLạng Sơn, ngày 3 tháng 3 năm 2025\nKẾ HOẠCH\nVỀ VIỆC Y\n" + BODY
    )
    assert m.issuer == "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn"
    assert m.number == "12/KH-SGDĐT"
    # the provincial police under its ministry; a scan's speck after the cell is no part of it
    m = meta(
        "BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG _\nSố: 91/TTr-CAT-PC04\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA "
        "VIỆT NAM\nLâm Đồng, ngày 10 tháng 02 năm 2026\nTỜ TRÌNH\nVề việc ban hành kế hoạch\n"
        + BODY
    )
    assert (m.issuer, m.doc_type) == ("Công an tỉnh Lâm Đồng", "Tờ trình")


def test_a_team_a_department_set_up_is_the_issuer_named_with_its_decision() -> None:
    m = meta(
        "SỞ CÔNG THƯƠNG\nĐOÀN KIỂM TRA\nTHEO QUYẾT ĐỊNH\nSỐ 1050/QĐ-SCT\nSố: 1105/KH-ĐKT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\n"
        "Kiểm tra việc sử dụng vật liệu nổ công nghiệp\n" + BODY
    )
    assert (m.issuer, m.number) == (
        "Đoàn kiểm tra theo Quyết định số 1050/QĐ-SCT",
        "1105/KH-ĐKT",
    )


def test_signer_from_signature_block_else_site_box() -> None:
    head = "ỦY BAN NHÂN DÂN\nTỈNH X\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/KH-UBND\nX, ngày 1 tháng 2 năm 2024\nKẾ HOẠCH\nVỀ Y\n"
    signed = meta(
        head
        + BODY
        + "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHoàng Quốc Khánh\n"
    )
    assert signed.signer == "Hoàng Quốc Khánh"
    boxed = meta(
        head
        + BODY
        + "| TM. ỦY BAN NHÂN DÂN |\n- Số hiệu: 5/KH-UBND\n- Người ký: Lương Trọng Quỳnh\n"
    )
    assert boxed.signer == "Lương Trọng Quỳnh"


def test_news_summary_without_title_block() -> None:
    m = meta(
        "Your Website Title\nTin tức\nỦy ban nhân dân tỉnh đã ban hành Kế hoạch về phát triển làng nghề "
        "tỉnh An Giang giai đoạn 2019 – 2020.\n\nNguồn Kế hoạch 838/KH-UBND\n"
    )
    assert (m.number, m.issuer, m.place, m.issued_date) == (
        "838/KH-UBND",
        "Ủy ban nhân dân tỉnh An Giang",
        None,
        None,
    )
    assert m.title == "Phát triển làng nghề tỉnh An Giang giai đoạn 2019 – 2020"


def test_reference_numbers_are_normalised() -> None:
    assert normalise_number("84- CTR/TU") == "84-CTr/TU"
    assert normalise_number("19- NQ/TW") == "19-NQ/TW"
    assert normalise_number("52/2018/nđ-cp") == "52/2018/NĐ-CP"
    assert normalise_number("1058/QĐ-TTG") == "1058/QĐ-TTg"


def test_type_words_are_read_before_the_number_however_spaced() -> None:
    text = (
        "Căn cứ Quyết định số: 12/2024/QĐ-UBND ngày 05/3/2024 và Nghị quyết    số   45/NQ-CP,"
        " Kế hoạch12/KH-UBND, quyết định\n\n  số :  7/KH-UBND; số 4/CT-TTg 2/CT-TTg3/CT"
    )
    found = [(c.number, c.doc_type) for c in find(text, 1, 1)]
    assert found[:3] == [
        ("12/2024/QĐ-UBND", "Quyết định"),
        ("45/NQ-CP", "Nghị quyết"),
        ("7/KH-UBND", "Quyết định"),  # 'Kế hoạch12/...': a number stuck to a word is none
    ]
    # the search that starts near each number finds what the whole pattern finds
    whole = [(m.span(), m.groupdict()) for m in _rules().pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _citations(text)] == whole
    assert len(whole) == 5


def test_the_front_s_circulars_and_joint_resolutions_are_cited() -> None:
    text = (
        "Căn cứ Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 26/9/2025 "
        "của Ủy ban Thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam; "
        "Thông tri số 04/TT-MTTW-BTT ngày 04/11/2025 của Ban Thường trực Ủy ban Trung ương MTTQ"
    )
    assert [(c.number, c.doc_type) for c in find(text, 1, 1)] == [
        ("102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", "Nghị quyết liên tịch"),
        ("04/TT-MTTW-BTT", "Thông tri"),  # not a Thông tư for its 'TT'
    ]


def test_references_are_deduplicated_with_type_date_and_issuer() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nVỀ Y\nI. NHIỆM VỤ\n"
        "- Thực hiện Nghị định số 52/2018/NĐ-CP ngày 12/5/2018 của Chính phủ về phát triển.\n"
        "- Theo Nghị định 52/2018/NĐ-CP và Chương trình hành động số 84- CTr/TU của Tỉnh ủy.\n"
        "- Tổng hợp 06/07 nhóm, ngày 15/6 và giai đoạn 2021-2030.\n"
    )
    refs = {r.number: r for r in plan.references}
    assert list(refs) == ["52/2018/NĐ-CP", "84-CTr/TU"]
    r = refs["52/2018/NĐ-CP"]
    assert (r.doc_type, str(r.date), r.issuer) == ("Nghị định", "2018-05-12", "Chính phủ")
    assert refs["84-CTr/TU"].doc_type == "Chương trình hành động"


def test_own_number_and_site_related_lists_are_not_references() -> None:
    plan = parse_text(
        "- 1 Nghị quyết 19-NQ/TW năm 2022 về nông nghiệp\nỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 9/KH-UBND | X, ngày 1 tháng 2 năm 2024 |\nKẾ HOẠCH\nVỀ Y\n"
        + BODY
        + "Kèm theo Kế hoạch số 9/KH-UBND.\n| TM. ỦY BAN NHÂN DÂN |\n- 1 Nghị định 52/2018/NĐ-CP về phát triển\n"
    )
    assert [r.number for r in plan.references] == ["1058/QĐ-TTg"]
    assert [(t.line_start, t.line_end) for t in plan.trimmed] == [(1, 1), (11, 11)]


def test_implements_holds_head_documents_only() -> None:
    opening = (
        "Thực hiện Chương trình hành động số 84-CTr/TU ngày 09/5/2023 của Ban Chấp hành Đảng bộ tỉnh "
        "thực hiện Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng"
    )
    assert implements([opening], None) == ["84-CTr/TU"]
    two = "Căn cứ Nghị quyết số 19-NQ/TW và Quyết định số 150/QĐ-TTg ngày 28/1/2022 của Thủ tướng Chính phủ;"
    assert implements([two, "Xét Tờ trình số 12/TTr-SNN ngày 1/2/2023 của Sở X."], None) == [
        "19-NQ/TW",
        "150/QĐ-TTg",
    ]


def test_party_committee_programme() -> None:
    m = meta(
        "TỈNH ỦY LẠNG SƠN\n*\nSố 84-CTr/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLạng Sơn, ngày 09 tháng 5 năm 2023\n"
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\nTHỰC HIỆN NGHỊ QUYẾT SỐ 19-NQ/TW\n"
        "Thực hiện Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII, "
        "Ban Chấp hành Đảng bộ tỉnh xây dựng Chương trình hành động như sau:\nI. MỤC TIÊU\nNội dung.\n"
        "T/M BAN CHẤP HÀNH\nBÍ THƯ\n\nNguyễn Quốc Đoàn\n"
    )
    assert (m.doc_type, m.number, m.issuer, str(m.issued_date), m.signer) == (
        "Chương trình hành động",
        "84-CTr/TU",
        "Tỉnh ủy Lạng Sơn",
        "2023-05-09",
        "Nguyễn Quốc Đoàn",
    )
    assert m.implements == ["19-NQ/TW"]


def test_numeric_date_line() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\n"
        "Hà Giang, ngày 05/3/2024\nKẾ HOẠCH\nPHÁT TRIỂN DU LỊCH\n" + BODY
    )
    assert (m.place, str(m.issued_date), m.issuer) == (
        "Hà Giang",
        "2024-03-05",
        "Ủy ban nhân dân tỉnh Hà Giang",
    )


def test_a_saved_web_page_is_read_as_its_blocks() -> None:
    from conftest import ROOT

    from kehoach.pipeline import parse
    from kehoach.read.load import load_path

    plan = parse(load_path(ROOT / "tests" / "fixtures" / "plan-page.html"))
    m = plan.metadata
    assert (m.number, m.issuer, str(m.issued_date), m.signer) == (
        "272/KH-UBND",
        "Ủy ban nhân dân tỉnh Lạng Sơn",
        "2024-12-24",
        "Hồ Tiến Thiệu",
    )
    assert [s.path for s in plan.walk()] == ["I", "II", "II.1"]
    assert [(a.agency, a.partners) for a in plan.assignments] == [
        ("Sở Công Thương", ["Sở Tài chính"])
    ]
    assert plan.source.encoding == "utf-8+html" and "MỤC TIÊU" not in plan.preamble[0].text


def test_doc_type_and_title_in_sentence_case() -> None:
    m = meta(
        "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\n"
        "Yên Bái, ngày 5 tháng 3 năm 2024\n\nKế hoạch\nThực hiện Chiến lược phát triển du lịch tỉnh Yên Bái\n\n"
        + BODY
    )
    assert (m.doc_type, m.title, m.implements) == (
        "Kế hoạch",
        "Thực hiện Chiến lược phát triển du lịch tỉnh Yên Bái",
        ["1058/QĐ-TTg"],
    )


def test_laws_dispatches_and_joint_rules_are_typed_by_their_codes() -> None:
    text = (
        "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024; các Công "
        "điện: số 007/CĐ-UBND ngày 17/11/2025 và số 223/CĐ-TTg; Phương án số 02600/PA-UBND; "
        "Quy chế phối hợp số 49/QCPH-UBND-UBMT-HCTĐ ngày 24/01/2025."
    )
    assert [(c.number, c.doc_type) for c in find(text, 1, 1)] == [
        ("36/2024/QH15", "Luật"),  # the code carries the legislature's term
        ("007/CĐ-UBND", "Công điện"),
        ("223/CĐ-TTg", "Công điện"),
        ("02600/PA-UBND", "Phương án"),
        ("49/QCPH-UBND-UBMT-HCTĐ", "Quy chế"),
    ]


def test_implements_reads_a_basis_after_a_preamble_and_documents_listed_after_descriptions() -> (
    None
):
    assert implements(
        [
            "Để tiếp tục duy trì kết quả đạt được; thực hiện Chỉ thị số 23-CT/TW ngày 25/5/2023 "
            "của Ban Bí thư, Chỉ thị số 10/CT-TTg ngày 19/4/2023 của Thủ tướng Chính phủ; Kế "
            "hoạch số 182-KH/TU của Tỉnh ủy, UBND tỉnh ban hành Kế hoạch như sau:"
        ],
        None,
    ) == ["23-CT/TW", "10/CT-TTg", "182-KH/TU"]
    assert implements(
        [
            "Thực hiện Nghị định số 10/2020/NĐ-CP ngày 17/01/2020 của Chính phủ quy định về kinh "
            "doanh và điều kiện kinh doanh vận tải bằng xe ô tô, Nghị định số 41/2024/NĐ-CP ngày "
            "16/4/2024 của Chính phủ; Nhằm tiếp tục thực hiện Kế hoạch số 21/KH-UBND về việc "
            "triển khai Chỉ thị số 33/CT-TTg."
        ],
        None,
    ) == ["10/2020/NĐ-CP", "41/2024/NĐ-CP", "21/KH-UBND"]


def test_implements_from_a_purpose_clause_and_never_from_the_report_answered() -> None:
    # no 'Thực hiện' / 'Căn cứ': the purpose clause before the enacting formula is the basis
    assert implements(
        [
            "Trong những năm qua, công tác bảo đảm TTATGT được quan tâm. Để tiếp tục làm tốt "
            "công tác tuyên truyền và thực hiện có hiệu quả Chỉ thị số 10/CT-TTg ngày 19 tháng 4 "
            "năm 2023 của Thủ tướng Chính phủ; Ủy ban nhân dân thành phố ban hành Kế hoạch."
        ],
        None,
    ) == ["10/CT-TTg"]
    # the report or proposal a plan answers is not what it implements
    assert implements(
        [
            "Căn cứ Chỉ thị số 31/CT-TTg ngày 21/12/2023 của Thủ tướng Chính phủ; Xét báo cáo "
            "đề xuất của Ban An toàn giao thông tỉnh tại văn bản số 10/BATGT tỉnh ngày "
            "12/01/2024, Ủy ban nhân dân tỉnh ban hành Kế hoạch."
        ],
        None,
    ) == ["31/CT-TTg"]


def test_a_crawl_s_spaced_document_number_is_not_cut_as_a_bullet() -> None:
    plan = parse_text(
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
        "Tự do - Hạnh phúc --------------- Số: 89/KH-UBND Hà Nội, ngày 1 tháng 4 năm 2024 KẾ "
        "HOẠCH THỰC HIỆN CHỈ THỊ SỐ 23-CT/TW Thực hiện Chỉ thị số 23-CT/TW ngày 25/5/2023 "
        "của Ban Bí thư (sau đây gọi tắt là Chỉ thị số 23 - CT/TW) ; Nghị quyết số 149/NQ-CP "
        "ngày 21/9/2023 của Chính phủ; Ủy ban nhân dân thành phố ban hành Kế hoạch thực hiện như "
        "sau: I. MỤC ĐÍCH, YÊU CẦU 1. Nâng cao nhận thức. " + "Nội dung. " * 30 + "\n"
    )
    assert plan.metadata.implements == ["23-CT/TW", "149/NQ-CP"]


def test_a_citation_s_issuer_ends_before_the_sentence_goes_on_and_capitals_are_read_too() -> None:
    def read(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(c.number, c.date, c.issuer) for c in find(text, 1, 1)]

    assert read("Nghị định số 10/2020/NĐ-CP của Chính phủ có hiệu lực thi hành đã tạo") == [
        ("10/2020/NĐ-CP", None, "Chính phủ")
    ]
    assert read("Quyết định số 1/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022 về việc") == [
        ("1/QĐ-TTg", "2022-03-31", "Thủ tướng Chính phủ")
    ]
    assert read(
        "THỰC HIỆN CHỈ THỊ SỐ 23/CT-TTG NGÀY 26 THÁNG 7 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ"
    ) == [("23/CT-TTg", "2024-07-26", "Thủ tướng Chính phủ")]


def test_a_crawl_s_title_in_small_letters_stops_where_its_basis_begins() -> None:
    crawl = (
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP Số: /KH-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập -\r\n"
        "Tự do - Hạnh phúc Đồng Tháp, ngày tháng năm 2026 KẾ HOẠCH Tổ chức dạy học 2 buổi/ngày đối\r\n"
        "với cơ sở giáo dục phổ thông trên địa bàn tỉnh Đồng Tháp Căn cứ Chỉ thị số 17/CT-TTg ngày\r\n"
        "06/6/2025 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau: I. MỤC ĐÍCH, YÊU\r\n"
        "CẦU 1. Mục đích - Tổ chức thực hiện nghiêm túc Chỉ thị số 17/CT-TTg. II. NỘI DUNG 1. Dạy\r\n"
        "học 2 buổi/ngày bảo đảm mỗi ngày không quá 7 tiết học.\r\n"
    )
    plan = parse_text(crawl)
    assert plan.metadata.doc_type == "Kế hoạch"
    assert plan.metadata.title == (
        "Tổ chức dạy học 2 buổi/ngày đối với cơ sở giáo dục phổ thông trên địa bàn tỉnh Đồng Tháp"
    )
    assert plan.metadata.implements == ["17/CT-TTg"]
    assert [s.path for s in plan.walk()] == ["I", "I.1", "II", "II.1"]


def test_the_issuer_closing_a_cell_of_other_text_is_the_issuer() -> None:
    # a crawl runs a note (or a site's text) onto the issuer's capitals
    crawl = (
        "[Bản trích chữ tự động bằng pdftotext từ KH-134.pdf — 10 trang.] ỦY BAN NHÂN DÂN TỈNH\r\n"
        "LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 134/KH-UBND\r\n"
        "Lào Cai, ngày 26 tháng 3 năm 2026 KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 34-NQ/TU Thực hiện\r\n"
        "Nghị quyết số 34-NQ/TU, UBND tỉnh ban hành Kế hoạch như sau: I. MỤC TIÊU 1. Tăng thu.\r\n"
    )
    assert meta(crawl).issuer == "Ủy ban nhân dân tỉnh Lào Cai"


def test_a_proposal_named_after_the_basis_in_one_clause_leaves_the_basis() -> None:
    # '..., theo đề nghị của Sở ... tại Công văn số ...': the proposal is no basis, but the
    # decision the same clause opens with still is
    opening = (
        "Thực hiện Quyết định số 1044/QĐ-TTg ngày 26/9/2024 của Thủ tướng Chính phủ về việc "
        "ban hành Kế hoạch triển khai thi hành Luật Đường bộ, theo đề nghị của Sở Giao thông "
        "vận tải tại Công văn số 3628/SGTVT-VP ngày 15/10/2024, Ủy ban nhân dân tỉnh ban hành "
        "Kế hoạch như sau:"
    )
    assert implements([opening], None) == ["1044/QĐ-TTg"]


def test_heads_named_again_in_brackets_and_a_list_of_numbers_under_one_type() -> None:
    # a head's short name in brackets is no break in the list of heads
    opening = (
        "Thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ "
        "trương đầu tư Chương trình (Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP ngày "
        "13/3/2025 của Chính phủ về ban hành Kế hoạch triển khai Nghị quyết số 163/2024/QH15 "
        "(Nghị quyết số 50/NQ-CP) và Quyết định số 7619/QĐ-BCA ngày 08/9/2025 của Bộ trưởng Bộ "
        "Công an, Ủy ban nhân dân tỉnh ban hành Kế hoạch."
    )
    assert implements([opening], None) == ["163/2024/QH15", "50/NQ-CP", "7619/QĐ-BCA"]
    # 'các Chỉ thị: số 33/CT-TTg ..., số 10/CT-TTg ...': one type word over both numbers
    opening = (
        "Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại các Chỉ thị: số 33/CT-TTg ngày 21 "
        "tháng 7 năm 2017 về tăng cường công tác quản lý hành lang an toàn đường bộ, số "
        "10/CT-TTg ngày 19 tháng 4 năm 2023 về tăng cường công tác bảo đảm trật tự, an toàn giao "
        "thông đường bộ."
    )
    assert implements([opening], None) == ["33/CT-TTg", "10/CT-TTg"]


def test_pdftotext_s_dropped_hyphen_is_restored_only_in_its_text() -> None:
    # pdftotext drops the hyphen of a number broken at a line's end: 'QĐ-' / 'UBND' gives
    # 'QĐUBND'; its pages after the first open with a form feed
    body = (
        "KẾ HOẠCH\nVỀ Y\n\nThực hiện Chỉ thị số 28/CTTTg ngày 18/9/2025 của Thủ tướng Chính phủ.\n"
        "I. NHIỆM VỤ\n- Theo Quyết định số 10/2024/QĐUBND, Nghị quyết số 48/NQCP và Kế hoạch số"
        " 02-KH/BCĐTW.\n\n\f- Rà soát theo Chỉ thị 27/CTTg.\n"
    )
    plan = parse_text(body)
    assert [r.number for r in plan.references] == [
        "28/CT-TTg",
        "10/2024/QĐ-UBND",
        "48/NQ-CP",
        "02-KH/BCĐTW",  # its type is before the slash
        "27/CTTG",  # 'Tg' is no issuer's code: a misprint, kept as printed
    ]
    assert plan.references[1].doc_type == "Quyết định"
    assert plan.metadata.implements == ["28/CT-TTg"]
    # without the form feed the text is no pdftotext's: the numbers stay as printed
    plan = parse_text(body.replace("\f", ""))
    assert [r.number for r in plan.references][:3] == ["28/CTTTG", "10/2024/QĐUBND", "48/NQCP"]


def test_a_firms_letter_numbered_by_its_day_and_month_is_cited_whole() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nKiểm tra an toàn\nXét đề nghị của Công ty cổ phần Kim Thành tại văn bản số "
        "21.4/GĐN ngày 21/4/2026; Công ty TNHH Việt Long tại Văn bản số 13.4/2026/ĐN-VL ngày "
        "13/4/2026.\nI. NỘI DUNG\nKiểm tra theo quy định.\n"
    )
    assert [r.number for r in plan.references] == ["21.4/GĐN", "13.4/2026/ĐN-VL"]


def test_a_standing_board_or_subcommittee_issues_with_its_whole_body_s_name() -> None:
    # a commune Front's standing board: the board, then the committee above it, spelt out
    front = meta(
        "ỦY BAN MTTQ VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "XÃ LƯƠNG MINH | Độc lập - Tự do - Hạnh phúc |\n"
        "BAN THƯỜNG TRỰC | |\n"
        "Số: 16/KH-MTTQ-BTT | Lương Minh, ngày 18 tháng 11 năm 2025 |\n"
        "KẾ HOẠCH\nThực hiện công tác bầu cử\n" + BODY
    )
    assert front.issuer == "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh"
    # a subcommittee of a commune's election committee
    sub = meta(
        "ỦY BAN BẦU CỬ XÃ PHỐ BẢNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT | Độc lập - Tự do - Hạnh phúc |\n"
        "Số: 01/KH-TBTTKT | Phố Bảng, ngày 10 tháng 12 năm 2025 |\n"
        "KẾ HOẠCH\nTuyên truyền bầu cử\n" + BODY
    )
    assert sub.issuer is not None
    assert key(sub.issuer) == key(
        "Tiểu ban thông tin, tuyên truyền, khánh tiết Ủy ban bầu cử xã Phố Bảng"
    )
    # a department under its province is still the department
    dept = meta(
        "UBND TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "SỞ CÔNG THƯƠNG | Độc lập - Tự do - Hạnh phúc |\n"
        "Số: 2242/KH-SCT | Lào Cai, ngày 23 tháng 4 năm 2026 |\n"
        "KẾ HOẠCH\nKiểm tra\n" + BODY
    )
    assert dept.issuer == "Sở Công Thương tỉnh Lào Cai"
