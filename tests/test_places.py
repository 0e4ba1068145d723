"""Tests for pipeline.nlp.places: level word + name, lists, committees, resolution by context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp.places import extract_localities, hinted_provinces
from pipeline.nlp.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))


def _fields(text: str, hints: tuple[str, ...] = ()) -> list[tuple]:
    """Return (text, name, level, province, code) of each locality of ``text``."""
    return [(x.text, x.name, x.level, x.province, x.code) for x in extract_localities(text, hints)]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_localities_match_gold(path: Path) -> None:
    text = normalize(path.read_text(encoding="utf-8"))
    gold = json.loads((ROOT / "corpora" / "gold" / "seeds" / f"{path.stem}.json").read_text(encoding="utf-8"))
    got = [
        {k: v for k, v in vars(x).items() if k not in ("span", "candidates", "era")}
        for x in extract_localities(text)
    ]
    assert got == gold["localities"]
    assert {x.era for x in extract_localities(text)} == {"legacy"}


def test_spans_point_at_the_text() -> None:
    text = "Đoàn giám sát tại TT hành chính công huyện Bình Liêu và TP Hạ Long, Cẩm Phả."
    assert [text[s:e] for s, e in (x.span for x in extract_localities(text))] == [
        "huyện Bình Liêu",
        "TP Hạ Long",
        "Cẩm Phả",
    ]


def test_list_distributes_the_level() -> None:
    text = "tại 2 phường Thạch Bàn và Gia Thụy."
    assert _fields(text) == [
        ("phường Thạch Bàn", "Thạch Bàn", "phường", "Hà Nội", "00148"),
        ("Gia Thụy", "Gia Thụy", "phường", "Hà Nội", "00130"),
    ]


def test_enclosing_unit_after_a_comma_is_not_a_sibling() -> None:
    # the province says which huyện Phước Long; written without its level, it is no locality itself
    text = "Nguyên Bí thư, Chủ tịch huyện Phước Long, Bạc Liêu còn thế chấp tài sản"
    assert _fields(text) == [("huyện Phước Long", "Phước Long", "huyện", "Bạc Liêu", "957")]
    # written with its level elsewhere, it is one
    assert _fields(text + " ở tỉnh Bạc Liêu")[1] == ("tỉnh Bạc Liêu", "Bạc Liêu", "tỉnh", "Bạc Liêu", "95")


def test_abbreviations_and_aliases() -> None:
    text = "Người dân làm thủ tục tại UBND quận 10, TP. HCM; UBND TP Hạ Long"
    assert [(x.name, x.level, x.code) for x in extract_localities(text)] == [
        ("10", "quận", "771"),
        ("Hồ Chí Minh", "thành phố", "79"),
        ("Hạ Long", "thành phố", "193"),
    ]


def test_committees_name_places() -> None:
    text = "Thành ủy Phan Thiết và Huyện ủy Hàm Thuận Bắc đã kiểm tra Đảng ủy phường Phú Tài"
    assert [(x.text, x.level, x.code) for x in extract_localities(text)] == [
        ("Thành ủy Phan Thiết", "thành phố", "593"),
        ("Huyện ủy Hàm Thuận Bắc", "huyện", "597"),
        ("phường Phú Tài", "phường", "22927"),
    ]


def test_words_that_are_not_places() -> None:
    text = "giám sát và phản biện xã hội; TT hành chính công; phường hướng dẫn; chính quyền các cấp"
    assert extract_localities(text) == []


def test_ambiguous_name_is_left_with_candidates() -> None:
    [vo_tranh] = extract_localities("Đoàn đã kiểm tra tại xã Vô Tranh.")
    assert (vo_tranh.province, vo_tranh.code, vo_tranh.candidates) == (
        None,
        None,
        ["05647", "07489", "08131"],
    )


def test_hints_resolve_an_ambiguous_name() -> None:
    [vo_tranh] = extract_localities(
        "Đoàn đã kiểm tra tại xã Vô Tranh.", hints=["https://thainguyen.gov.vn/tin"]
    )
    assert (vo_tranh.province, vo_tranh.code, vo_tranh.candidates) == ("Thái Nguyên", "05647", [])
    assert hinted_provinces(["quangninh.gov.vn", "www.example.com"]) == {"Quảng Ninh"}
    # hosts keep a highland "k" that name keys read as "c"
    assert hinted_provinces(["daklak.gov.vn", "daknong.gov.vn"]) == {"Đắk Lắk", "Đắk Nông"}


def test_other_places_resolve_an_ambiguous_name() -> None:
    text = "tại Đảng ủy phường Đông kinh, thành phố Lạng Sơn"
    assert _fields(text) == [
        ("phường Đông kinh", "Đông Kinh", "phường", "Lạng Sơn", "05980"),
        ("thành phố Lạng Sơn", "Lạng Sơn", "thành phố", "Lạng Sơn", "178"),
    ]


def test_genre_corpus_resolves_most_localities(genre_texts: list[str]) -> None:
    found = [x for text in genre_texts for x in extract_localities(text)]
    assert len(found) >= 200
    # units dissolved before 2025 ("quận 2") and units named at an old level have a province, no code
    assert sum(1 for x in found if x.province) / len(found) > 0.98
    assert sum(1 for x in found if x.code) / len(found) > 0.9


def test_a_unit_that_changed_level_keeps_the_written_level_without_a_code() -> None:
    # "huyện An Dương" (a quận since 2025) and "huyện Thủy Nguyên" (a thành phố since 2025) in a 2017 article.
    text = (
        "Chủ tịch UBND huyện An Dương, TP Hải Phòng; UBND huyện Thủy Nguyên, TP Hải Phòng cũng ra quyết định"
    )
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [
        ("An Dương", "huyện", "Hải Phòng", None),
        ("Hải Phòng", "thành phố", "Hải Phòng", "31"),
        ("Thủy Nguyên", "huyện", "Hải Phòng", None),
    ]


def test_towns_that_became_cities_and_numbers_after_thanh_pho() -> None:
    # Findings corpus: thị xã of 2017 that are thành phố in the gazetteer; "thành phố 6 tháng" is no unit.
    text = "tập trung tại thị xã Tân Uyên, thị xã Thuận An; kinh tế thành phố 6 tháng đầu năm; Đề án “Thành phố 4 an”"
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [("Tân Uyên", "thị xã", "Bình Dương", None), ("Thuận An", "thị xã", "Bình Dương", None)]


def test_units_the_gazetteer_tells_apart_by_a_bracketed_level() -> None:
    # The package's data writes "Kỳ Anh (Huyện)" and "Kỳ Anh (Thị xã)"; articles write the level in front.
    text = "UBND huyện Kỳ Anh và thị xã Kỳ Anh, tỉnh Hà Tĩnh; thị trấn Đầm Hà, huyện Đầm Hà, Quảng Ninh"
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [
        ("Kỳ Anh", "huyện", "Hà Tĩnh", "447"),
        ("Kỳ Anh", "thị xã", "Hà Tĩnh", "449"),
        ("Hà Tĩnh", "tỉnh", "Hà Tĩnh", "42"),
        ("Đầm Hà", "thị trấn", "Quảng Ninh", "06895"),
        ("Đầm Hà", "huyện", "Quảng Ninh", "200"),
    ]


def test_units_dissolved_before_2025_keep_their_name_and_get_their_province() -> None:
    text = (
        "Đoàn giám sát của HĐND tỉnh Thừa Thiên Huế làm việc tại huyện Nam Đông; UBND quận 2 và Q. 9 (TP.HCM); "
        "huyện Hoành Bồ sáp nhập vào TP Hạ Long"
    )
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [
        ("Thừa Thiên Huế", "tỉnh", "Huế", None),
        ("Nam Đông", "huyện", "Huế", None),
        ("2", "quận", "Hồ Chí Minh", None),
        ("9", "quận", "Hồ Chí Minh", None),
        ("Hồ Chí Minh", "thành phố", "Hồ Chí Minh", "79"),
        ("Hoành Bồ", "huyện", "Quảng Ninh", None),
        ("Hạ Long", "thành phố", "Quảng Ninh", "193"),
    ]


def test_communes_merged_before_2025_get_their_province_or_stay_open() -> None:
    # phường An Cư (Cần Thơ) was merged in 2020; "phường Văn Miếu" was a ward of Hà Nội and of Nam Định
    merged = extract_localities("UBND phường An Cư báo cáo đoàn kiểm tra.")
    assert [(loc.name, loc.level, loc.province, loc.code) for loc in merged] == [
        ("An Cư", "phường", "Cần Thơ", None)
    ]
    (alone,) = extract_localities("Đoàn kiểm tra làm việc tại phường Văn Miếu.")
    assert (alone.name, alone.province) == ("Văn Miếu", None)
    assert len(alone.candidates) == 2  # never guessed silently: the districts of both provinces
    placed = extract_localities("Đoàn kiểm tra làm việc tại phường Văn Miếu, quận Đống Đa.")
    assert [(loc.name, loc.level, loc.province) for loc in placed] == [
        ("Văn Miếu", "phường", "Hà Nội"),
        ("Đống Đa", "quận", "Hà Nội"),
    ]
    # review: a longer dissolved name must be written in full, capitalised and with its marks
    for text, name in (
        ("UBND xã Ba chưa thực hiện", "Ba"),
        ("xã Long Thành bắc cầu", "Long Thành"),
        ("phường Hòa Thuận đông người", "Hòa Thuận"),
    ):
        assert [loc.name for loc in extract_localities(text)] == [name]
    # dev9: a merged ward is no shorter ward of today's list ("Hòa Thuận Đông" is no "Hòa Thuận")
    listed = extract_localities("đơn vị bầu cử số 2 (phường Hòa Thuận Đông, phường Bình Thuận) TP. Đà Nẵng")
    assert [(loc.name, loc.level, loc.province) for loc in listed][:2] == [
        ("Hòa Thuận Đông", "phường", "Đà Nẵng"),
        ("Bình Thuận", "phường", "Đà Nẵng"),
    ]


def test_older_spellings_and_level_phrases() -> None:
    text = (
        "Ngành nông nghiệp tỉnh Thừa Thiên - Huế; UBND tỉnh Bắc Cạn; chính quyền huyện đảo Phú Quốc; "
        "huyện Tân Thành (nay là thị xã Phú Mỹ)"
    )
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [
        ("Thừa Thiên Huế", "tỉnh", "Huế", None),  # the table's name, not the dashed spelling
        ("Bắc Kạn", "tỉnh", "Bắc Kạn", "06"),
        ("Phú Quốc", "huyện", "Kiên Giang", None),  # a thành phố in the pre-2025 list
        ("Tân Thành", "huyện", "Bà Rịa - Vũng Tàu", None),  # not huyện Tân Thạnh (Long An)
        ("Phú Mỹ", "thị xã", "Bà Rịa - Vũng Tàu", None),
    ]


def test_typographic_dashes_and_apostrophes_in_names() -> None:
    text = "Tỉnh ủy Bà Rịa - Vũng Tàu; tỉnh Bà Rịa – Vũng Tàu; huyện Ia H’Drai"
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [
        ("Bà Rịa - Vũng Tàu", "tỉnh", "Bà Rịa - Vũng Tàu", "77"),
        ("Ia H'Drai", "huyện", "Kon Tum", "618"),
    ]


def test_an_enclosing_province_after_a_name_picks_its_unit() -> None:
    # Bến Tre, Đồng Tháp and Sóc Trăng each have a huyện Châu Thành; "…Châu Thành, Sóc Trăng" says which.
    text = "các tỉnh Bến Tre, Đồng Tháp, Cần Thơ; UBND huyện Châu Thành và Huyện ủy Châu Thành, Sóc Trăng"
    found = [(loc.name, loc.level, loc.province, loc.code) for loc in extract_localities(text)]
    assert found == [
        ("Bến Tre", "tỉnh", "Bến Tre", "83"),
        ("Đồng Tháp", "tỉnh", "Đồng Tháp", "87"),
        ("Cần Thơ", "tỉnh", "Cần Thơ", None),  # a thành phố, in a list the article heads with "tỉnh"
        ("Châu Thành", "huyện", "Sóc Trăng", "942"),
    ]


def test_a_level_heading_a_range_gives_both_ends() -> None:
    text = "Mưa lớn ở các tỉnh từ Bình Định đến Cà Mau; các huyện từ Vạn Ninh đến Cam Lâm; tỉnh từ lâu đã"
    found = [(loc.text, loc.name, loc.level, loc.province) for loc in extract_localities(text)]
    assert found == [
        ("Bình Định", "Bình Định", "tỉnh", "Bình Định"),
        ("Cà Mau", "Cà Mau", "tỉnh", "Cà Mau"),
        ("Vạn Ninh", "Vạn Ninh", "huyện", "Khánh Hòa"),
        ("Cam Lâm", "Cam Lâm", "huyện", "Khánh Hòa"),
    ]


def test_a_name_at_another_level_or_dissolved_is_taken_only_where_the_article_points_to_it() -> None:
    # huyện Phong Điền (Huế) became a thị xã; Cần Thơ still has a huyện Phong Điền
    enclosed = "trú xã Phong Xuân, huyện Phong Điền, tỉnh Thừa Thiên - Huế"
    assert [(loc.name, loc.province) for loc in extract_localities(enclosed)][1] == ("Phong Điền", "Huế")
    assert [(loc.province, loc.code) for loc in extract_localities("UBND huyện Phong Điền họp.")] == [
        ("Cần Thơ", "926")
    ]
    # xã Quế Tân of Quế Võ (Bắc Ninh) was merged; Quảng Nam still has one
    nearby = "Theo báo cáo của huyện Quế Võ gửi UBND tỉnh Bắc Ninh, xã Quế Tân có 13-15 tàu."
    assert [(loc.name, loc.province, loc.code) for loc in extract_localities(nearby)][-1] == (
        "Quế Tân",
        "Bắc Ninh",
        None,
    )
    assert [(loc.province, loc.code) for loc in extract_localities("xã Quế Tân có 13-15 tàu.")] == [
        ("Quảng Nam", "20758")
    ]
    # the dissolved unit is first named as a list item, and its dissolution read from a later mention
    listed = "tại các xã Việt Hùng, Quế Tân của thị xã Quế Võ, tỉnh Bắc Ninh. Đoàn đến xã Quế Tân."
    assert [(loc.name, loc.level, loc.province) for loc in extract_localities(listed)][1] == (
        "Quế Tân",
        "xã",
        "Bắc Ninh",
    )


def test_spaced_apostrophes_and_glued_syllables_take_the_gazetteer_name() -> None:
    # dev4: sites space the apostrophe ("Đăk G ’ Long") or glue two syllables ("EaPô")
    text = "nguyên phó chủ tịch UBND huyện Đăk G ’ Long; chủ tịch UBND xã EaPô, huyện Cư Jút"
    assert [(x.name, x.level, x.province) for x in extract_localities(text)] == [
        ("Đăk Glong", "huyện", "Đắk Nông"),
        ("Ea Pô", "xã", "Đắk Nông"),
        ("Cư Jút", "huyện", "Đắk Nông"),
    ]


def test_highland_syllables_in_any_spelling_and_kontum() -> None:
    # dev7: "Đăk Nông" for the table's "Đắk Nông", "Krông Buk (Đăk Lăk)", "Đăk Đoa" for "Đak Đoa"
    text = "Chủ tịch UBND tỉnh Đăk Nông; xã Cư Né, huyện Krông Buk (Đăk Lăk); huyện Đăk Đoa; tỉnh Kontum"
    assert [(x.name, x.level, x.province, x.code) for x in extract_localities(text)] == [
        ("Đắk Nông", "tỉnh", "Đắk Nông", "67"),
        ("Cư Né", "xã", "Đắk Lắk", "24307"),
        ("Krông Búk", "huyện", "Đắk Lắk", "649"),
        ("Đak Đoa", "huyện", "Gia Lai", "626"),
        ("Kon Tum", "tỉnh", "Kon Tum", "62"),
    ]
    # dev9: a highland syllable's final "k" stands for the table's "c" ("Krông Pắk", "Đắc Lắc")
    text = "UBND huyện Krông Pắk, tỉnh Đắc Lắc"
    assert [(x.name, x.level, x.province, x.code) for x in extract_localities(text)] == [
        ("Krông Pắc", "huyện", "Đắk Lắk", "654"),
        ("Đắk Lắk", "tỉnh", "Đắk Lắk", "66"),
    ]
    # a marked Vietnamese syllable still needs its marks: "Đảng" is not xã Dang
    assert extract_localities("Đảng ủy xã Đảng") == []


def test_a_district_printed_without_its_last_syllable() -> None:
    text = "gửi thông báo đến UBND phường Khuê Mỹ, UBND quận Ngũ Hành, để chính quyền địa phương"
    assert _fields(text)[1] == ("quận Ngũ Hành", "Ngũ Hành Sơn", "quận", "Đà Nẵng", "494")
    # one syllable completes nothing (not Sóc Sơn), and a name several units complete stays unread
    # (Hàm Thuận Bắc and Hàm Thuận Nam)
    assert extract_localities("huyện Sóc mới") == []
    assert extract_localities("huyện Hàm Thuận mới") == []


def test_a_level_word_opens_a_list_with_nhu_or_a_colon() -> None:
    text = "kiểm tra 9 xã như Minh Phú, Minh Trí, Hiền Ninh, Phù Linh... của huyện Sóc Sơn"
    assert [(x.name, x.level) for x in extract_localities(text)] == [
        ("Minh Phú", "xã"),
        ("Minh Trí", "xã"),
        ("Hiền Ninh", "xã"),
        ("Phù Linh", "xã"),
        ("Sóc Sơn", "huyện"),
    ]
    text = "nằm trên địa bàn 5 phường: Phú Thượng, Nhật Tân, Tứ Liên, Quảng An và Yên Phụ."
    assert len(extract_localities(text)) == 5


def test_an_abbreviation_split_from_its_name_by_a_line_break() -> None:
    text = "(phường Quan Hoa, quận Cầu Giấy, TP.\nHà Nội) tồn tại"
    assert _fields(text)[-1] == ("TP.\nHà Nội", "Hà Nội", "thành phố", "Hà Nội", "01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev8: a counted level before a bracketed list distributes over it
        (
            "trên địa bàn 10 xã (Minh Trí, Minh Phú, Phù Linh) và thị trấn Sóc Sơn, huyện Sóc Sơn",
            [
                ("Minh Trí", "xã", "Hà Nội"),
                ("Minh Phú", "xã", "Hà Nội"),
                ("Phù Linh", "xã", "Hà Nội"),
                ("Sóc Sơn", "thị trấn", "Hà Nội"),
                ("Sóc Sơn", "huyện", "Hà Nội"),
            ],
        ),
        # a name the gazetteer lacks is not the shorter one it starts with ("xã Thanh")
        ("tại thôn Lộng, xã Thanh Nông, huyện Lạc Thủy (Hòa Bình)", [("Lạc Thủy", "huyện", "Hòa Bình")]),
        # a number continues only a list of numbers
        (
            "từ quận Long Biên vào quận Hoàn Kiếm, 1 ôtô mất lái",
            [("Long Biên", "quận", "Hà Nội"), ("Hoàn Kiếm", "quận", "Hà Nội")],
        ),
        (
            "các quận 3, 5 của TP.HCM",
            [
                ("3", "quận", "Hồ Chí Minh"),
                ("5", "quận", "Hồ Chí Minh"),
                ("Hồ Chí Minh", "thành phố", "Hồ Chí Minh"),
            ],
        ),
        # a caption's credit after the name is no part of it
        ("trưởng đoàn đại biểu Quốc hội tỉnh Lai Châu - Ảnh: Quochoi.vn", [("Lai Châu", "tỉnh", "Lai Châu")]),
        ("Chủ tịch UBND tỉnh Thanh Hóa Ảnh: Lê Hoàng.", [("Thanh Hóa", "tỉnh", "Thanh Hóa")]),
    ],
)
def test_bracketed_lists_and_names_longer_than_the_gazetteer_s(text: str, expected: list[tuple]) -> None:
    assert [(x.name, x.level, x.province) for x in extract_localities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review: a rank, an abbreviation or a number after a name is no part of it
        ("Giám đốc Công an tỉnh Nghệ An Đại tá Nguyễn Hữu Cầu cho biết", [("Nghệ An", "tỉnh")]),
        ("Trưởng Công an xã Thanh Bình Thượng tá Lê Văn An", [("Thanh Bình", "xã")]),
        ("tại huyện Sóc Sơn TP.Hà Nội", [("Sóc Sơn", "huyện"), ("Hà Nội", "thành phố")]),
        ("phường Bến Nghé Q1", [("Bến Nghé", "phường")]),
        ("tại huyện Sóc Sơn 30 hộ", [("Sóc Sơn", "huyện")]),
        # a bracket after a bare district word names its province, not a district
        ("Chủ tịch UBND một huyện (Thanh Hóa) cho biết", []),
    ],
)
def test_what_follows_a_name_does_not_undo_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(x.name, x.level) for x in extract_localities(text)] == expected
