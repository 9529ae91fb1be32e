"""Self-checks: every line of a plan lands somewhere, quotes sit inside their spans, and
the corpus of unannotated real plans holds its floors (`make corpus`)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, parse_text, parsed

sys.path.insert(0, str(ROOT / "scripts"))
from corpus import Shape, corpus_files, measure

from kehoach.structure.lines import split_lines
from kehoach.structure.trim import is_chrome


def test_every_line_of_the_samples_is_accounted_for(sample: str) -> None:
    plan = parsed(sample)
    q = plan.quality
    assert q is not None and q.lines_accounted == 1.0 and q.unplaced == []
    # a news summary of a plan (angiang-838) has no numbered headings to be in sequence
    assert q.outline_in_sequence == (plan.sections[0].style != "none")


def test_quality_says_what_to_review() -> None:
    plan = parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "KẾ HOẠCH\nPhát triển làng nghề\n\nI. MỤC ĐÍCH\nNâng cao thu nhập.\n"
        "III. TỔ CHỨC THỰC HIỆN\nSở Công Thương chủ trì.\n"
    )
    q = plan.quality
    assert q is not None
    assert not q.outline_in_sequence  # II is missing
    assert "top-level numbering out of sequence" in q.review
    assert any(r.startswith("title block without number") for r in q.review)
    assert q.title_fields_missing == ["number", "place", "issued_date", "signer"]


def test_the_review_names_the_agency_like_names_it_does_not_know() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nPhát triển\nI. TỔ CHỨC THỰC HIỆN\n1. Trung tâm Điều hành Thông minh IOC "
        "chủ trì triển khai.\n"
    )
    q = plan.quality
    assert q is not None
    assert (
        "1 agency-like name(s) not in the gazetteer: Trung tâm Điều hành Thông minh IOC" in q.review
    )


def test_a_quote_is_placed_on_the_lines_that_hold_it() -> None:
    plan = parse_text(
        "KẾ HOẠCH\nPhát triển\n\nI. MỤC TIÊU\n1. Đến năm 2030, tỷ lệ hộ nghèo\ngiảm xuống dưới "
        "2%; có 15 làng\nnghề được công nhận.\n"
    )
    spans = {t.value: (t.span.line_start, t.span.line_end) for t in plan.targets}
    assert spans[2.0] == (5, 6)
    assert spans[15.0] == (6, 7)


def test_a_plan_paragraph_is_never_website_chrome() -> None:
    footer = split_lines("Chịu trách nhiệm chính: Nguyễn Văn A")[0]
    body = split_lines(
        "Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm chính và sẽ bị xem xét, "
        "xử lý trách nhiệm nếu để tình hình mất an toàn giao thông diễn biến phức tạp trên "
        "địa bàn; định kỳ báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh."
    )[0]
    assert is_chrome(footer) and not is_chrome(body)
    # a site box prints its keys capitalised; a PDF line may end a sentence with the words
    box = split_lines("Lĩnh vực: Thương mại\nLĩnh vựcThương mại\nCập nhật")
    wrapped = split_lines("lĩnh vực.\ncập nhật\nngười ký")
    assert all(is_chrome(ln) for ln in box) and not any(is_chrome(ln) for ln in wrapped)


# Floors on data/corpus (make corpus); they only go up.
@pytest.fixture(scope="module")
def corpus() -> dict[str, Shape]:
    return measure(corpus_files())


def test_every_corpus_plan_parses(corpus: dict[str, Shape]) -> None:
    total = corpus["total"]
    assert total.files == 212 and total.parsed == 212, total.errors


def test_corpus_title_blocks_and_outlines(corpus: dict[str, Shape]) -> None:
    total = corpus["total"]
    assert total.head_complete / total.head_expected >= 0.995, total.incomplete
    # 0.96: the eight plans out of sequence all skip a numeral in their text (a crawl that
    # lost 'II.', a web copy that starts at 'II.'); the parser opens the section the text
    # names rather than folding it into the one before, and flags the gap for review.
    assert total.outline_in_sequence / total.with_outline >= 0.96, total.out_of_sequence


def test_corpus_quotes_are_verbatim_inside_their_spans(corpus: dict[str, Shape]) -> None:
    assert corpus["total"].quotes_bad == 0, corpus["total"].bad_quotes[:10]


def test_corpus_lines_are_accounted_for(corpus: dict[str, Shape]) -> None:
    total = corpus["total"]
    assert total.lines_unplaced == 0, total.unplaced
    assert corpus["crawl"].lines_unplaced == 0


def test_corpus_targets_that_are_not_values(corpus: dict[str, Shape]) -> None:
    assert corpus["total"].targets_bad == 0, corpus["total"].bad_targets[:10]


def test_corpus_agency_like_names_the_gazetteer_does_not_know(corpus: dict[str, Shape]) -> None:
    # a ceiling that only goes down: each name make corpus lists is a body to add to
    # agencies.yaml, or a cut the matcher should not make ('Sở Giao thông vận'). 28 since the
    # eight web copies of batch 14 joined (25 on the 204 plans before): thanhhoa-235 names the
    # communes it samples ('Trường Giang - xã Trường Văn'), read as schools' names.
    assert len(corpus["total"].unknown) <= 28, corpus["total"].unknown.most_common(30)
