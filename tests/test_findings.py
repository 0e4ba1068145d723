"""Tests for pipeline.nlp.findings: segmentation rules of corpora/findings/GUIDE.md and matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp.findings import Segment, match_findings, overlap, segment_findings
from pipeline.nlp.text import normalize

SAMPLES = Path(__file__).resolve().parents[1] / "corpora" / "samples"


def texts(text: str) -> list[str]:
    """Return the texts of the segments of ``text``."""
    return [s.text for s in segment_findings(text)]


def test_semicolons_split_points_and_the_introduction_goes_to_the_leadin() -> None:
    text = (
        "Theo Thông báo kết quả giám sát, Đảng ủy phường Đông Kinh đã kịp thời lãnh đạo, chỉ đạo; "
        "thành lập và kiện toàn Ban Chỉ đạo; phân công nhiệm vụ cụ thể cho các thành viên."
    )
    segments = segment_findings(text)
    assert [s.text for s in segments] == [
        "Đảng ủy phường Đông Kinh đã kịp thời lãnh đạo, chỉ đạo",
        "thành lập và kiện toàn Ban Chỉ đạo",
        "phân công nhiệm vụ cụ thể cho các thành viên.",
    ]
    assert segments[0].leadin == "Theo Thông báo kết quả giám sát"
    assert segments[1].leadin is None


def test_spans_index_the_text_given() -> None:
    text = "tin mới nhất\n\nQua nghiên cứu hồ sơ cho thấy, cơ bản Đảng ủy phường đã quan tâm lãnh đạo."
    for segment in segment_findings(text):
        assert text[segment.span[0] : segment.span[1]] == segment.text
    assert segment_findings(text)[1] == Segment(
        "cơ bản Đảng ủy phường đã quan tâm lãnh đạo.", (45, 88), "Qua nghiên cứu hồ sơ cho thấy", 1, None
    )


def test_short_noun_phrases_after_a_semicolon_stay_with_their_item() -> None:
    text = (
        "Bốn là, nâng cao hiệu quả hoạt động của Tổ dân phố; Ban Thanh tra nhân dân; "
        "Ban giám sát đầu tư của cộng đồng."
    )
    [segment] = segment_findings(text)
    assert segment.text == (
        "nâng cao hiệu quả hoạt động của Tổ dân phố; Ban Thanh tra nhân dân; "
        "Ban giám sát đầu tư của cộng đồng."
    )
    assert segment.marker == "Bốn là,"


def test_a_leadin_ending_in_a_colon_is_kept_apart_and_only_its_own_part_is_a_leadin() -> None:
    text = (
        "UBND phường đã yêu cầu cán bộ, công chức phường cần phát huy hơn nữa những kết quả đã đạt được; "
        "khắc phục những mặt còn hạn chế như: Tiếp tục tổ chức tuyên truyền rộng rãi trên các phương tiện "
        "truyền thông; trên Trang Thông tin điện tử của phường; "
        "in ấn tờ rơi tuyên truyền với hình thức phong phú."
    )
    segments = segment_findings(text)
    assert [(s.text, s.leadin) for s in segments] == [
        (
            "UBND phường đã yêu cầu cán bộ, công chức phường cần phát huy hơn nữa những kết quả đã đạt được",
            None,
        ),
        (
            "Tiếp tục tổ chức tuyên truyền rộng rãi trên các phương tiện truyền thông; "
            "trên Trang Thông tin điện tử của phường",
            "khắc phục những mặt còn hạn chế như:",
        ),
        ("in ấn tờ rơi tuyên truyền với hình thức phong phú.", "khắc phục những mặt còn hạn chế như:"),
    ]


def test_a_colon_before_a_bare_list_of_names_keeps_the_point_whole() -> None:
    text = (
        "Ông Trương Quang Nghĩa đề nghị đôn đốc tiến độ công tác chuẩn bị đầu tư các dự án: "
        "Làng đại học Đà Nẵng, di dời ga đường sắt, cảng Liên Chiểu."
    )
    [segment] = segment_findings(text)
    assert (segment.text, segment.leadin) == (text, None)


def test_a_colon_before_a_clause_or_after_a_verb_of_saying_is_still_a_leadin() -> None:
    points = segment_findings(
        "Đoàn giám sát chỉ ra một số hạn chế như: việc niêm yết thủ tục hành chính còn chậm."
    )
    assert [(s.text, s.leadin) for s in points] == [
        ("việc niêm yết thủ tục hành chính còn chậm.", "Đoàn giám sát chỉ ra một số hạn chế như:")
    ]
    quoted = segment_findings(
        "Bà Tâm nói: Hoạt động làm hàng giả rất tinh vi, luôn lợi dụng kẽ hở pháp luật."
    )
    assert [(s.text, s.leadin) for s in quoted] == [
        ("Hoạt động làm hàng giả rất tinh vi, luôn lợi dụng kẽ hở pháp luật.", "Bà Tâm nói:")
    ]


def test_a_colon_before_a_number_passes_no_leadin_to_the_next_paragraph() -> None:
    text = (
        "Ngày đăng 19/09/2019 | 11:24 | Lượt xem: 342\n"
        "Thực hiện Quyết định số 983-QĐ/QU, Đoàn giám sát đã tiến hành giám sát tại phường Thạch Bàn."
    )
    [segment] = segment_findings(text)
    assert segment.text.startswith("Thực hiện Quyết định") and segment.leadin is None


def test_a_paragraph_ending_in_a_leadin_passes_it_to_the_numbered_items() -> None:
    text = (
        "Đồng chí Nguyễn Thị Hồng Vân đã đề nghị Đảng ủy thực hiện tốt một số nhiệm vụ sau:\n\n"
        "Một là, tăng cường công tác lãnh đạo, chỉ đạo.\n"
        "Hai là, quan tâm đầu tư cơ sở vật chất.\n"
        "Nguyễn Thị Hồng Thúy - Ủy ban Kiểm tra Thành ủy"
    )
    segments = segment_findings(text)
    leadin = "Đồng chí Nguyễn Thị Hồng Vân đã đề nghị Đảng ủy thực hiện tốt một số nhiệm vụ sau:"
    assert [(s.text, s.leadin, s.marker, s.paragraph) for s in segments] == [
        ("tăng cường công tác lãnh đạo, chỉ đạo.", leadin, "Một là,", 1),
        ("quan tâm đầu tư cơ sở vật chất.", leadin, "Hai là,", 2),
        ("Nguyễn Thị Hồng Thúy - Ủy ban Kiểm tra Thành ủy", None, None, 3),
    ]


def test_sentences_split_after_a_glued_full_stop_and_an_ellipsis() -> None:
    text = (
        "Tỉ lệ đúng hạn là 98,4%; hồ sơ trễ hạn chiếm tỉ lệ 1,6%.Tỉ lệ thanh toán trực tuyến đạt chỉ tiêu. "
        "Có việc chưa thường xuyên họp giữa các bộ phận… Đoàn giám sát đã yêu cầu khắc phục ngay các hạn chế."
    )
    assert texts(text) == [
        "Tỉ lệ đúng hạn là 98,4%",
        "hồ sơ trễ hạn chiếm tỉ lệ 1,6%.",
        "Tỉ lệ thanh toán trực tuyến đạt chỉ tiêu.",
        "Có việc chưa thường xuyên họp giữa các bộ phận…",
        "Đoàn giám sát đã yêu cầu khắc phục ngay các hạn chế.",
    ]


def test_abbreviations_and_decimals_do_not_end_a_sentence() -> None:
    text = "UBND TP. HCM có 3.4 nghìn hồ sơ trễ hạn tại Q. 2 trong năm."
    assert texts(text) == [text]


def test_praise_followed_by_a_request_is_split_at_the_request() -> None:
    text = (
        "Đoàn giám sát đánh giá cao công tác giải quyết thủ tục hành chính tại địa phương "
        "và đề nghị thời gian tới, huyện cần tiếp tục tổ chức các lớp tập huấn cho cán bộ."
    )
    assert texts(text) == [
        "Đoàn giám sát đánh giá cao công tác giải quyết thủ tục hành chính tại địa phương",
        "đề nghị thời gian tới, huyện cần tiếp tục tổ chức các lớp tập huấn cho cán bộ.",
    ]


def test_no_split_when_the_first_clause_already_asks() -> None:
    text = (
        "hồ sơ trễ hạn đều có tham mưu lãnh đạo UBND phường ban hành văn bản đề nghị "
        "cơ quan cấp trên trả lời nguyên nhân hồ sơ bị trễ hạn và yêu cầu thời gian giải quyết."
    )
    assert texts(text) == [text]


def test_a_weekday_before_a_date_is_not_an_ordinal_marker() -> None:
    assert segment_findings("Thứ Sáu, 11/05/2018, 19:50 [GMT+7]")[0].marker is None
    assert segment_findings("Thứ sáu, tăng cường công tác kiểm tra.")[0].marker == "Thứ sáu,"


def test_very_short_lines_are_skipped() -> None:
    assert texts("Đăng nhập\n\nLượt xem: 342\n\nTin liên quan") == ["Tin liên quan"]


def test_every_gold_finding_of_the_seeds_is_a_segment() -> None:
    from json import loads

    for sample in sorted(SAMPLES.glob("*.txt")):
        gold_path = SAMPLES.parent / "gold" / "seeds" / f"{sample.stem}.json"
        gold = [f["text"] for f in loads(gold_path.read_text(encoding="utf-8"))["findings"]]
        segments = texts(normalize(sample.read_text(encoding="utf-8")))
        assert len(match_findings(segments, gold)) == len(gold), sample.name


def test_overlap_ignores_punctuation_case_and_tone_placement() -> None:
    assert overlap("Hồ sơ trễ hạn chiếm tỉ lệ 1,6%.", "hồ sơ trễ hạn chiếm tỉ lệ 1,6%") == 1.0
    assert overlap("bổ sung hoặc bãi bỏ", "bổ sung họăc bãi bỏ") == 1.0
    assert overlap("a b c d", "a b") == 0.5
    assert overlap("", "") == 0.0


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        (
            ["thành lập và kiện toàn Ban Chỉ đạo", "tin mới nhất"],
            ["thành lập và kiện toàn Ban Chỉ đạo"],
            [(0, 0)],
        ),
        (["a b c d e f"], ["a b c", "d e f"], [(0, 0)]),
        (["a b", "a b c"], ["a b c"], [(1, 0)]),
        (["a b c d e"], ["x y z"], []),
    ],
)
def test_match_findings_is_one_to_one_with_the_half_overlap_rule(
    pred: list[str], gold: list[str], expected: list[tuple[int, int]]
) -> None:
    assert match_findings(pred, gold) == expected
