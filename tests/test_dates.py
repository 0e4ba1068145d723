"""Dates: the seeds' gold values, every documented form, roles, and numbers that are not dates.

Real sentences come from the seeds and from ../shared/corpora (the supervision-genre subset and the
Báo Mới 2017 subset), normalised as the pipeline hands them to the extractor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp.dates import extract_dates, parse_date_expression, publication_date
from pipeline.nlp.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "gold" / "seeds").glob("*.json"))


def _seed(path: Path) -> tuple[str, dict]:
    """Return a seed's normalised text and its gold annotation."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    return normalize((ROOT / gold["source"]).read_text(encoding="utf-8")), gold


def _found(text: str, published: str | None = None) -> list[tuple[str, str, str | None, str]]:
    """Return (text, value, end, role) of every date in ``text``."""
    return [(m.text, m.value, m.end, m.role) for m in extract_dates(normalize(text), published)]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_dates_match_gold(path):
    text, gold = _seed(path)
    found = extract_dates(text)
    assert {(m.value, m.end, m.role) for m in found} == {
        (d["value"], d["end"], d["role"]) for d in gold["dates"]
    }
    assert [m.text for m in found] == [d["text"] for d in gold["dates"]]
    for mention in found:
        assert mention.span and text[mention.span[0] : mention.span[1]] == mention.text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_publication_date(path):
    text, gold = _seed(path)
    mention = publication_date(text)
    assert (mention.value if mention else None) == gold["published"]
    if mention:
        assert mention.span and text[mention.span[0] : mention.span[1]] == mention.text


@pytest.mark.parametrize(
    ("expr", "hint", "expected"),
    [
        ("ngày 15/8/2019", None, ("2019-08-15", None)),
        ("Chiều ngày 26/5/2022", None, ("2022-05-26", None)),
        ("19/09/2019 | 11:24", None, ("2019-09-19", None)),
        ("13-08-2020 16:47", None, ("2020-08-13", None)),
        ("ngày 27.5.2015", None, ("2015-05-27", None)),
        ("ngày 22 tháng 02 năm 2024", None, ("2024-02-22", None)),
        ("ngày 10-11/5", 2018, ("2018-05-10", "2018-05-11")),
        ("ngày 12/8", 2020, ("2020-08-12", None)),
        ("sáng 8/2", 2017, ("2017-02-08", None)),
        ("từ ngày 28/8 đến ngày 2/9/2024", None, ("2024-08-28", "2024-09-02")),
        ("từ ngày 28/12 đến ngày 2/1/2025", None, ("2024-12-28", "2025-01-02")),
        ("ngày 20 và 21/8/2019", None, ("2019-08-20", "2019-08-21")),
        ("tháng 1/2017", None, ("2017-01-01", "2017-01-31")),
        ("tháng 2-2016", None, ("2016-02-01", "2016-02-29")),
        ("quý III/2024", None, ("2024-07-01", "2024-09-30")),
        ("quí 3-2017", None, ("2017-07-01", "2017-09-30")),
        ("6 tháng đầu năm 2024", None, ("2024-01-01", "2024-06-30")),
        ("6 tháng cuối năm 2017", None, ("2017-07-01", "2017-12-31")),
        ("Sáu tháng đầu năm", 2019, ("2019-01-01", "2019-06-30")),
        ("năm 2019", None, ("2019-01-01", "2019-12-31")),
        ("NĂM 2024", None, ("2024-01-01", "2024-12-31")),
        ("giai đoạn 2016 - 2020", None, ("2016-01-01", "2020-12-31")),
        ("Tết Nguyên đán 2017", None, ("2017-01-01", "2017-12-31")),
        ("Tết Đinh Dậu 2017", None, ("2017-01-01", "2017-12-31")),
    ],
)
def test_parse_date_expression(expr, hint, expected):
    assert parse_date_expression(normalize(expr), hint) == expected


@pytest.mark.parametrize(
    "expr",
    [
        "ngày 12/8",
        "ngày 31/2/2024",
        "ngày 5/13/2024",
        "3,4",
        "98,4%",
        "80%",
        "90 Ngày",
        "1,6%",
        "2019",
        "4.5",
    ],
)
def test_parse_date_expression_refuses(expr):
    assert parse_date_expression(expr) is None


@pytest.mark.parametrize(
    "text",
    [
        # seed 004 and 000: percentages, levels, counts
        "Tỉ lệ giải quyết hồ sơ đúng hạn và trước hạn là 98,4%; hồ sơ trễ hạn chiếm tỉ lệ 1,6%.",
        "tỉ lệ số hóa hồ sơ đạt chỉ tiêu trên giao (80%) theo kế hoạch “90 Ngày – Đêm số hóa hồ sơ”",
        "100% thủ tục hành chính thực hiện dịch vụ công trực tuyến mức độ 3,4 đều được giải quyết",
        # Báo Mới 2017: rankings, fractions and a street named after a date
        "chỉ số năng lực cạnh tranh cấp tỉnh (PCI) tăng 10 bậc, xếp 14/63 tỉnh, thành phố",
        "dãy núi Tam Đảo chiếm 1/4 diện tích của toàn tỉnh.",
        "nút giao Trần Thị Lý - đường 2/9.",
        # a document symbol with a year is not a date
        "Nghị định số 30/2020/NĐ-CP và Quyết định số 983, 984-QĐ/QU",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert _found(text, "2019-01-01") == []


def test_day_without_year_takes_the_published_year_or_is_skipped():
    text = "kiểm tra công vụ sau Tết Nguyên đán 2017, từ ngày 2/2 (tức mùng 6 Tết Nguyên đán) đến nay"
    assert _found(text) == [("Tết Nguyên đán 2017", "2017-01-01", "2017-12-31", "other")]
    assert _found(text, "2017-02-10")[1] == ("ngày 2/2", "2017-02-02", None, "event")


def test_publication_line_gives_the_year():
    text = "Kiểm tra công vụ\nThứ Sáu, 11/05/2018, 19:50 [GMT+7]\nSáng 8/2, đoàn kiểm tra đến làm việc."
    assert _found(text) == [
        ("11/05/2018", "2018-05-11", None, "published"),
        ("Sáng 8/2", "2018-02-08", None, "event"),
    ]


def test_published_argument_wins_over_the_line():
    text = "13-08-2020 16:47\n\nngày 12/8, Đoàn kiểm tra"
    assert _found(text, "2021-01-01")[1] == ("ngày 12/8", "2021-08-12", None, "event")


def test_a_date_in_a_sentence_is_not_a_publication_line():
    assert publication_date("Tiêu đề\nNgày 18/11/2016, Chính phủ ban hành Nghị quyết 100/NQ-CP.") is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Trong hai ngày 20 và 21/8/2019, tại thành phố Hà Giang, Hội Luật gia tỉnh Hà Giang đã tổ chức",
            None,
            [("ngày 20 và 21/8/2019", "2019-08-20", "2019-08-21", "event")],
        ),
        (
            "Kỳ họp HĐND TP Đà Nẵng diễn ra từ ngày 17 đến 19/12.",
            "2016-12-20",
            [("từ ngày 17 đến 19/12", "2016-12-17", "2016-12-19", "event")],
        ),
        (
            "triệu tập Đại hội đại biểu toàn quốc lần thứ 12 từ ngày 20/1 đến ngày 28/1/2016 tại Hà Nội",
            None,
            [("từ ngày 20/1 đến ngày 28/1/2016", "2016-01-20", "2016-01-28", "event")],
        ),
        (
            "trong các ngày 16-17/6 và 23-24/7, Uỷ ban kiểm tra Trung ương khoá 11 đã họp",
            "2017-07-30",
            [("ngày 16-17/6", "2017-06-16", "2017-06-17", "event")],
        ),
        (
            "Chiều ngày 8-1-2018, tại trụ sở Bưu điện TP. HCM đã diễn ra Lễ ký kết",
            None,
            [("Chiều ngày 8-1-2018", "2018-01-08", None, "event")],
        ),
        (
            "trên địa bàn TP Hà Nội, sáng 8/2, đoàn kiểm tra công vụ TP do Phó Giám đốc Sở Nội vụ",
            "2017-02-08",
            [("sáng 8/2", "2017-02-08", None, "event")],
        ),
        (
            "Ngày 24.10.2016 mở biển, lập tức nhận lãnh đòn choáng váng phủ đầu",
            None,
            [("Ngày 24.10.2016", "2016-10-24", None, "event")],
        ),
        (
            "Nhân kỷ niệm 44 năm Ngày giải phóng thành phố Đà Nẵng (29/3/1975 - 29/3/2019), Phó Thủ tướng",
            None,
            [("29/3/1975 - 29/3/2019", "1975-03-29", "2019-03-29", "event")],
        ),
        (
            "báo cáo kết quả về Uỷ ban Kiểm tra Tỉnh uỷ trước ngày 15/4/2019.",
            None,
            [("ngày 15/4/2019", "2019-04-15", None, "deadline")],
        ),
        (
            "chỉ tiêu về công tác cải cách hành chính từ nay đến ngày 15/9/2024, UBND phường",
            None,
            [("ngày 15/9/2024", "2024-09-15", None, "deadline")],
        ),
        (
            "còn nợ luỹ kế đến 31/12/2014 là 32,4 tỷ đồng",
            None,
            [("31/12/2014", "2014-12-31", None, "other")],
        ),
        (
            "Về kết quả thi hành án dân sự, tính từ ngày 1/10/2016 đến 30/6/2017, các cơ quan Thi hành án",
            None,
            [("từ ngày 1/10/2016 đến 30/6/2017", "2016-10-01", "2017-06-30", "other")],
        ),
        (
            "Sáu tháng đầu năm, 94 đảng viên ở Đà Nẵng bị kỷ luật, trong đó một người bị cách chức.",
            "2017-07-05",
            [("Sáu tháng đầu năm", "2017-01-01", "2017-06-30", "other")],
        ),
        (
            "Theo Thành uỷ Đà Nẵng, trong quý III và 9 tháng đầu năm, trên địa bàn thành phố",
            "2018-10-02",
            [
                ("quý III", "2018-07-01", "2018-09-30", "other"),
                ("9 tháng đầu năm", "2018-01-01", "2018-09-30", "other"),
            ],
        ),
        (
            "Nhờ đó, từ đầu nhiệm kỳ tới quý II/2018, chưa thấy có trường hợp nào",
            None,
            [("quý II/2018", "2018-04-01", "2018-06-30", "other")],
        ),
        (
            "Kế hoạch phát triển kinh tế - xã hội 5 năm 2016 – 2020; Nghị quyết số 64/NQ-CP ngày 22/7/2016",
            None,
            [
                ("năm 2016 – 2020", "2016-01-01", "2020-12-31", "other"),
                ("ngày 22/7/2016", "2016-07-22", None, "document"),
            ],
        ),
    ],
)
def test_real_sentences(text, published, expected):
    assert _found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Quyết định số 983, 984-QĐ/QU, ngày 15/8/2019 của Quận ủy", "document"),
        ("ban hành Kế hoạch số 22/KH-UBND ngày 22/02/2024 về kiểm tra công vụ", "document"),
        ("Kết luận số 24 ngày 5/6/2012 của Bộ Chính trị", "document"),
        ("đã ký Kết luận số 2405/KL-UBND, ngày 26/10/2018 về kết quả thanh tra", "document"),
        ("thực hiện Kế hoạch số 169/KH-UBND của UBND TP, ngày 2/2/2017 (tức mùng 6 Tết Đinh Dậu)", "event"),
        # "TP." before any city's name goes on to the issuer's date; before another word it ends a sentence
        ("theo Quyết định số 12/QĐ-UBND của UBND TP. Vinh ngày 3/4/2019 về việc", "document"),
        ("theo Quyết định số 12/QĐ-UBND của UBND TP. Sau đó ngày 3/4/2019 ông", "event"),
        ("Công văn số 45/UBND-KT gửi Công ty VTP. Ngày 3/4/2019 của Sở Xây dựng có văn bản", "event"),
        ("(dự kiến đến ngày 10/9/2024 hoàn thành 100% chỉ tiêu giao)", "deadline"),
        ("báo cáo chậm nhất ngày 20/9/2024", "deadline"),
        ("hạn chót ngày 1/10/2024", "deadline"),
        ("kết thúc vào ngày 05/8/2024 đối với các bộ phận", "event"),
        ("sổ tiếp công dân tính đến ngày 25/10/2016 chưa ghi", "other"),
        # dev6: a signature dates a document, numbered or not; a registration does not
        ("Quyết định trên do ông Trần Văn Dũng, Chủ tịch UBND huyện ký vào ngày 12/11/2018.", "document"),
        ("kế hoạch tuyển sinh do chính ông Ngô Hùng ký ngày 19-3-2019", "document"),
        ("theo Luật Phí ban hành ngày 25-11-2015", "document"),
        ("hộ ông A đăng ký ngày 5-3-2019", "event"),
        ("văn bản do ông Hùng kí ngày 19-3-2019", "document"),
        # dev6, dev8: "SN" is the year of birth; a target set "within" a year
        ("bị can Nguyễn Hữu Linh (SN 1958) trú quận Hải Châu", "other"),
        ("TP đặt mục tiêu trong năm 2019 đạt 80% tiến độ", "deadline"),
        ("bảo đảm mục tiêu tăng trưởng 7% trong năm 2019", "other"),
        # "kỳ" folds like "ký": a periodic report is no signature
        ("các đơn vị báo cáo định kỳ ngày 15/3/2019 về UBND", "event"),
        # a period of days is a period
        ("ở tỉnh Tuyên Quang giai đoạn từ 1-1-2017 đến 28-2-2019, Thanh tra Bộ phát hiện", "other"),
        ("lãnh đạo Sở Xây dựng (giai đoạn từ ngày 11/10/2010 đến 7/12/2015)", "other"),
        # dev10: a bound of a count, a birth (not "hi sinh"), a moment looked back at, "từ trước"
        # (since before, but "đầu tư trước" is a deadline)
        ("tính đến hết ngày 31/12/2015, có 5 hồ sơ trễ hạn", "other"),
        ("Tính đến hết tháng 10/2018, cả nước đã giảm 10 đầu mối", "other"),
        ("ông đã hi sinh vào ngày 14-6-1972 tại Quảng Trị", "event"),
        ("Chủ đầu tư trước ngày 30/9/2017 phải nộp hồ sơ", "deadline"),
        ("Vũ Đình Duy (Giới tính: Nam; Sinh ngày 26 tháng 9 năm 1975; Nơi sinh: Thái Nguyên)", "other"),
        ("vào thời điểm ngày 20/11/2008 thì có 10 trường hợp", "other"),
        ("giấy giới thiệu do ông Vỹ ký ban hành từ trước ngày 15/9/2016 cho nhiều đối tượng", "other"),
    ],
)
def test_roles(text, role):
    assert [m.role for m in extract_dates(normalize(text))] == [role]


def test_duplicates_keep_the_first_mention():
    text = "Chiều ngày 26/5/2022, tại phường. Chiều ngày 26/5/2022, tại phường. Hạn chót ngày 26/5/2022."
    assert [(m.text, m.role, m.span) for m in extract_dates(text)] == [
        ("Chiều ngày 26/5/2022", "event", (0, 20)),
        ("ngày 26/5/2022", "deadline", (77, 91)),
    ]


@pytest.fixture(scope="module")
def genre_dates(genre_texts: list[str]) -> list[tuple[str, list]]:
    """Return the dates of every genre-subset article (skipped when the shared corpora are absent)."""
    return [(text, extract_dates(text)) for text in genre_texts]


@pytest.mark.corpora
def test_genre_subset_dates_are_well_formed(genre_dates):
    assert len(genre_dates) == 122
    assert sum(len(found) for _, found in genre_dates) > 200
    for text, found in genre_dates:
        for mention in found:
            assert mention.span and text[mention.span[0] : mention.span[1]] == mention.text
            assert mention.end is None or mention.end > mention.value
            assert "%" not in text[mention.span[1] : mention.span[1] + 1]


def test_school_years_and_bracketed_document_dates() -> None:
    # National news (dev split): a school year is a span of years; a document's date may stand in brackets.
    assert _found("các khoản thu trong năm học 2017-2018 khiến phụ huynh bức xúc") == [
        ("năm học 2017-2018", "2017-01-01", "2018-12-31", "other")
    ]
    text = "liên quan kết luận thanh tra số 05 (ngày 21-2-2019) của Thanh tra TP tổ chức kiểm điểm"
    assert _found(text) == [("ngày 21-2-2019", "2019-02-21", None, "document")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thanh tra Bộ Nội vụ công bố sai phạm trong tuyển dụng công chức tại UBND tỉnh, từ tháng 1/2014 đến "
            "tháng 9/2016.",
            [("từ tháng 1/2014 đến tháng 9/2016", "2014-01-01", "2016-09-30", "other")],
        ),
        (
            "Theo nội dung vụ án, từ tháng 1 đến tháng 12-2015, lợi dụng nhiệm vụ được giao, bà Tâm đã nâng khống",
            [("từ tháng 1 đến tháng 12-2015", "2015-01-01", "2015-12-31", "other")],
        ),
        (
            "Đoàn kiểm tra làm việc tại huyện trong các tháng 11 đến tháng 2/2017.",
            [("tháng 11 đến tháng 2/2017", "2016-11-01", "2017-02-28", "other")],
        ),
        (
            "Số tiền thu sai trong tháng 7-8/2018 đã được hoàn trả.",
            [("tháng 7-8/2018", "2018-07-01", "2018-08-31", "other")],
        ),
        (
            "Ông làm Chủ nhiệm Văn phòng Chính phủ từ tháng 8/2007 đến năm 2011.",
            [("từ tháng 8/2007 đến năm 2011", "2007-08-01", "2011-12-31", "other")],
        ),
        (
            "Diện tích lúa vụ đông xuân 2016-2017 bị ảnh hưởng.",
            [("đông xuân 2016-2017", "2016-01-01", "2017-12-31", "other")],
        ),
    ],
)
def test_month_ranges_are_one_period(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trong hai năm 2017 và 2018 có hàng trăm trường hợp xây dựng sai phép bị phát hiện.",
            [
                ("năm 2017", "2017-01-01", "2017-12-31", "other"),
                ("2018", "2018-01-01", "2018-12-31", "other"),
            ],
        ),
        (
            "lạm thu tại trường trong suốt 2 năm học 2015-2016, 2016-2017.",
            [
                ("năm học 2015-2016", "2015-01-01", "2016-12-31", "other"),
                ("2016-2017", "2016-01-01", "2017-12-31", "other"),
            ],
        ),
        (
            "Xã đã thu sai từ năm 2016 đến năm 2018, theo kết luận thanh tra.",
            [("từ năm 2016 đến năm 2018", "2016-01-01", "2018-12-31", "other")],
        ),
        (
            "Ông Đinh Thế Huynh thôi giữ chức Chủ tịch Hội đồng Lý luận Trung ương nhiệm kỳ 2016-2021.",
            [("nhiệm kỳ 2016-2021", "2016-01-01", "2021-12-31", "other")],
        ),
        ("Trong năm 2019, 2.000 hộ dân được cấp giấy.", [("năm 2019", "2019-01-01", "2019-12-31", "other")]),
    ],
)
def test_year_lists_and_year_spans(text, expected):
    assert _found(text) == expected


def test_bounds_of_a_period_are_other_and_a_document_year_is_the_document_date():
    text = (
        "các trường hợp chuyển nhượng đất bằng giấy tay từ ngày 1-7-2004 đến trước ngày 1-1-2008 sẽ được cấp "
        "giấy. Tuy nhiên, việc cấp giấy cho nhà xây sai phép sau ngày 1-5-2009 lại bị vướng mắc, nay quyết định "
        "60 năm 2017 không quy định."
    )
    assert _found(text) == [
        ("từ ngày 1-7-2004 đến trước ngày 1-1-2008", "2004-07-01", "2008-01-01", "other"),
        ("ngày 1-5-2009", "2009-05-01", None, "other"),
        ("năm 2017", "2017-01-01", "2017-12-31", "document"),
    ]


def test_a_word_that_folds_like_sau_is_no_cue_and_a_headline_is_its_own_sentence():
    text = "Leo lên cây tràm trốn cá sấu\nNgày 27/4/2021, anh Trực vẫn còn bàng hoàng khi kể lại."
    assert _found(text) == [("Ngày 27/4/2021", "2021-04-27", None, "event")]


def test_a_month_after_a_deadline_cue_is_a_deadline():
    text = "Bí thư đề nghị, trước tháng 6-2018 UBND TP phải trình đề xuất. Tháng 6-2018 phải trình xong."
    assert _found(text) == [
        ("tháng 6-2018", "2018-06-01", "2018-06-30", "deadline"),
        ("Tháng 6-2018", "2018-06-01", "2018-06-30", "other"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev4: a month written without "tháng" after a preposition
        (
            "Tuy nhiên, đến 11/2018, đơn vị thi công mới thực hiện.",
            [("11/2018", "2018-11-01", "2018-11-30", "other")],
        ),
        ("Chậm nhất trước 6/2019 phải xong.", [("6/2019", "2019-06-01", "2019-06-30", "deadline")]),
        # the same shape after a document word is a number, not a month
        ("Quyết định số 11/2018 của UBND tỉnh.", []),
        # dev4: from a year to a month is one span
        (
            "tồn tại từ cuối năm 2015 đến tháng 9/2016 nhưng chưa bị xử lý",
            [("từ cuối năm 2015 đến tháng 9/2016", "2015-01-01", "2016-09-30", "other")],
        ),
    ],
)
def test_months_without_thang_and_year_to_month_spans(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Theo nội dung đơn yêu cầu ngày 11/5/2019 của bà H., giáo viên đã phát hiện.",
        "Theo Kết luận của Ủy ban Kiểm tra Trung ương công bố ngày 18/9/2017, ông A đã vi phạm.",
        # a clause that is only a document's name, its issuer right after the date
        "Thế nhưng, kết luận ngày 22-6-2012 của Thanh tra Chính phủ xác định Ban Quản lý sai phạm.",
        "Thông báo kết luận ngày 12/5/2019 của UBKT Tỉnh ủy nêu rõ ông A vi phạm.",
        "Tại dự án, căn cứ thỏa thuận nguyên tắc ký kết giữa UBND TP Đà Nẵng với Công ty D ngày 16-11-2006.",
    ],
)
def test_a_day_in_a_clause_citing_an_unnumbered_document_is_its_date(text):
    assert [role for *_, role in _found(text)] == ["document"]


def test_a_comma_ends_the_clause_that_cites_a_document():
    text = "Theo kế hoạch, ngày 5/6/2019 đoàn làm việc với UBND huyện."
    assert [role for *_, role in _found(text)] == ["event"]


@pytest.mark.parametrize(
    "text",
    [
        "Thông báo ngày 12/5/2019, UBND tỉnh cho biết đã xử lý.",  # "thông báo" the verb, no issuer
        "Kết luận ngày 12/5/2019 tại hội nghị, ông A nói rõ.",  # no issuer after the date
        # the words after the document's word are a verb; a plan's span is its period
        "Dự án khởi công ngày 5/6/2019 của Tập đoàn Vingroup có tổng vốn 100 tỷ đồng.",
        "Chương trình diễn ra ngày 5/6/2019 của Hội Nông dân tỉnh thu hút 500 người.",
        "Kế hoạch từ ngày 1/6/2019 đến ngày 30/6/2019 của UBND huyện đã được triển khai.",
        "Chương trình ngày 20/11/2019 của Trường THCS Lê Lợi có nhiều tiết mục văn nghệ.",
    ],
)
def test_a_document_word_alone_before_a_day_needs_its_issuer_after(text):
    assert [role for *_, role in _found(text)] == ["event"]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # dev5: a target period is a time limit
        ("Phấn đấu quý 1-2020 khởi công dự án A; quý 4-2020 khởi công dự án B.", ["deadline", "deadline"]),
        ("để dự án hoàn thành đúng tiến độ vào cuối năm 2020, ông Phong cho biết", ["deadline"]),
        (
            "Dự án khởi công vào tháng 8-2012, dự kiến hoàn thành, vận hành vào năm 2020.",
            ["other", "deadline"],
        ),
        ("Hà Nội yêu cầu UBND quận Tây Hồ trong quý I/2017, chấm dứt hoàn toàn hoạt động", ["deadline"]),
        # dev6: a promise sets a target, even one made before
        ("chủ dự án đã cam kết sẽ giao nhà theo từng lốc vào tháng 12-2018", ["deadline"]),
        ("Ông Tuấn cam kết trong năm 2018 sẽ bố trí đầy đủ nhân lực", ["deadline"]),
        # dev7: a goal "up to" a year, the last month of a time limit, "at the latest up to" a day
        ("Chương trình này có mục tiêu đến năm 2020 giảm từ 3 - 5% tổng số vụ", ["deadline"]),
        ("phê duyệt và hạn cuối cùng để thực hiện là hết tháng 6-2017.", ["deadline"]),
        ("Chậm nhất đến 31-12-2019 các trạm BOT phải chuyển sang thu phí tự động", ["deadline"]),
        # a result, not a target; a year's growth goal is the year
        ("bảo đảm mục tiêu tăng trưởng 7% trong năm 2019, diễn ra ngày 18-3", ["other"]),
        ("Kè biển dài 2,4 km, được hoàn thành vào tháng 9-2016.", ["other"]),
        ("Năm 2018, huyện đã hoàn thành 5 xã, năm 2019 có thêm 3 xã.", ["other", "other"]),
        ("giao UBND huyện xử lý các công trình vi phạm trong năm 2017, 2018", ["other", "other"]),
    ],
)
def test_target_periods_are_deadlines(text, roles):
    assert [role for *_, role in _found(text)] == roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Từ 1997 đến 2003, ông là giảng viên.", [("Từ 1997 đến 2003", "1997-01-01", "2003-12-31", "other")]),
        (
            "cấp phép trong giai đoạn từ năm 2003 đến hết năm 2016.",
            [("từ năm 2003 đến hết năm 2016", "2003-01-01", "2016-12-31", "other")],
        ),
        # a bound that is no year (19xx, 20xx) makes no span; a price between two years would
        ("giá từ 2000 đến 2500 đồng", []),
        ("các thời kỳ 2006-2018", [("thời kỳ 2006-2018", "2006-01-01", "2018-12-31", "other")]),
    ],
)
def test_spans_of_years_opened_by_tu(text, expected):
    assert _found(text) == expected


def test_a_bracketed_day_after_an_unnumbered_document_is_its_date():
    text = "Theo đó, quyết định thanh tra (ngày 15-12-2017) giao đoàn kiểm tra."
    assert _found(text) == [("ngày 15-12-2017", "2017-12-15", None, "document")]


def test_a_quotation_may_open_a_clause_that_cites_a_document():
    text = 'Công văn viết: " Thực hiện công văn ngày 27-4-2017 của Ban Tổ chức Tỉnh ủy về việc xác định.'
    assert _found(text) == [("ngày 27-4-2017", "2017-04-27", None, "document")]


def test_a_range_of_days_after_ngay_tu():
    # dev7: "trong các ngày từ 10-13/7/2017"
    assert _found("vận hành hồ chứa trong các ngày từ 10-13/7/2017, mực nước giảm")[0][1:3] == (
        "2017-07-10",
        "2017-07-13",
    )
