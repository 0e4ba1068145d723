"""Tests for pipeline.nlp.people: leaders, titles, roles and authors on the seeds' own sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp.people import extract_people
from pipeline.nlp.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))


def _gold(seed: Path) -> dict:
    """Return the gold annotation of a seed article."""
    return json.loads((ROOT / "corpora" / "gold" / "seeds" / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple]:
    """Return extract_people on every seed's whole normalised text, debris included."""
    return {seed.stem: extract_people(normalize(seed.read_text(encoding="utf-8"))) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_leaders_match_gold(seed: Path, extracted: dict[str, tuple]) -> None:
    leaders, _ = extracted[seed.stem]
    got = [{"name": p.name, "titles": p.titles, "role": p.role} for p in leaders]
    assert got == _gold(seed)["people"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_authors_match_gold(seed: Path, extracted: dict[str, tuple]) -> None:
    assert extracted[seed.stem][1] == _gold(seed)["authors"]


def test_span_points_at_the_name() -> None:
    text = normalize(
        "Đoàn giám sát do đồng chí Đinh Thị Thu Hương - QUV, Phó Chủ tịch UBND Quận làm trưởng đoàn"
    )
    (person,), _ = extract_people(text)
    assert text[slice(*person.span)] == "Đinh Thị Thu Hương"


def test_title_before_the_name() -> None:
    (person,), _ = extract_people("Phó Giám đốc Sở Nội vụ Ngô Anh Tuấn cho biết")
    assert (person.name, person.titles, person.role) == ("Ngô Anh Tuấn", ["Phó Giám đốc Sở Nội vụ"], None)


def test_place_before_the_name_stays_in_the_title() -> None:
    (person,), _ = extract_people("Chủ tịch UBND phường Dịch Vọng Hậu Nguyễn Quang Thắng.")
    assert (person.name, person.titles) == (
        "Nguyễn Quang Thắng",
        ["Chủ tịch Ủy ban nhân dân phường Dịch Vọng Hậu"],
    )


def test_honorific_and_two_titles() -> None:
    (person,), _ = extract_people("ông Vương Đình Huệ, Ủy viên Bộ Chính trị, Phó Thủ tướng")
    assert person.titles == ["Ủy viên Bộ Chính trị", "Phó Thủ tướng"]


def test_chairing_sets_the_role() -> None:
    (person,), _ = extract_people("Đồng chí Nguyễn Văn Hiển, Phó Giám đốc Sở Nội vụ chủ trì hội nghị.")
    assert person.role == "Chủ trì"


def test_speaking_sets_no_role() -> None:
    text = normalize(
        "Đ/c Nguyễn Thị Hồng Vân, Uỷ viên Ban Thường vụ, Phó Chủ tịch UBND thành phố phát biểu tại Hội nghị"
    )
    (person,), _ = extract_people(text)
    assert (person.titles, person.role) == (
        ["Ủy viên Ban Thường vụ", "Phó Chủ tịch Ủy ban nhân dân thành phố"],
        None,
    )


def test_citizen_without_title_is_no_leader() -> None:
    leaders, _ = extract_people("Ông Nguyễn Văn Thạch, một người dân lâu năm ở Thủ Thiêm, cho biết")
    assert leaders == []


def test_province_is_no_name() -> None:
    leaders, _ = extract_people("Giám đốc Sở Nội vụ Thái Nguyên cho biết")
    assert leaders == []


def test_photo_credit_is_an_author_not_a_leader() -> None:
    text = (
        "Thủ tướng Nguyễn Xuân Phúc phát biểu tại hội nghị ngày 5-1 - Ảnh: QUANG ĐỊNH.\nẢnh: Đinh Tuấn/TTXVN"
    )
    leaders, authors = extract_people(text)
    assert ([p.name for p in leaders], authors) == (["Nguyễn Xuân Phúc"], ["Quang Định", "Đinh Tuấn"])


def test_source_site_and_agency_are_no_authors() -> None:
    _, authors = extract_people("Đoàn giám sát làm việc tại huyện.\n\nThainguyen.gov.vn\n\nTheo TTXVN\n")
    assert authors == []


def test_genre_corpus_caption(genre_texts: list[str]) -> None:
    text = next(t for t in genre_texts if "Tòng Thị Phóng" in t)
    leaders, _ = extract_people(text)
    person = next(p for p in leaders if p.name == "Tòng Thị Phóng")
    assert person.titles == ["Phó Chủ tịch thường trực Quốc hội"]


def _leader(text: str, name: str) -> tuple[list[str], str | None]:
    """Return the titles and role of the leader called ``name`` in ``text``."""
    leaders, _ = extract_people(normalize(text))
    person = next(p for p in leaders if p.name == name)
    return person.titles, person.role


def test_title_in_brackets_after_the_name() -> None:
    # National news (dev split): the office in brackets, a rank before the name.
    text = "ông Đỗ Viết Bình (Chủ tịch UBND quận Ba Đình) cho biết"
    assert _leader(text, "Đỗ Viết Bình") == (["Chủ tịch Ủy ban nhân dân quận Ba Đình"], None)
    text = "Theo thượng tá Đỗ Văn Kháng (Trưởng Phòng Cảnh sát PCCC huyện Bình Chánh), chi nhánh này"
    assert _leader(text, "Đỗ Văn Kháng") == (
        ["Thượng tá", "Trưởng phòng Cảnh sát Phòng cháy chữa cháy huyện Bình Chánh"],
        None,
    )


def test_province_between_title_and_name_is_not_part_of_the_name() -> None:
    text = "Ngày 2/6, Phó Chủ tịch UBND tỉnh Tây Ninh Trần Văn Chiến đã ký Quyết định xử phạt"
    assert _leader(text, "Trần Văn Chiến") == (["Phó Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh"], None)


def test_titles_run_over_lower_case_bodies_and_abbreviated_places() -> None:
    text = "Cùng ngày, ông Hà Anh Tuấn, Trưởng phòng quản lý đô thị quận Đống Đa cho biết"
    assert _leader(text, "Hà Anh Tuấn") == (["Trưởng phòng quản lý đô thị quận Đống Đa"], None)
    text = "Ông Nguyễn Văn Toàn - giám đốc Sở GD-ĐT tỉnh Đắk Nông - cho biết"
    assert _leader(text, "Nguyễn Văn Toàn") == (["Giám đốc Sở Giáo dục và Đào tạo tỉnh Đắk Nông"], None)
    text = "Giám đốc Sở Xây dựng TP. HCM Trần Trọng Tuấn nói như vậy"
    assert _leader(text, "Trần Trọng Tuấn") == (["Giám đốc Sở Xây dựng thành phố Hồ Chí Minh"], None)


@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        # a verb after a place's name or a unit word is no body word, though "thông tin", "chỉ đạo"
        # are pairs of bodies' names ("Sở Thông tin và Truyền thông")
        (
            "Ông Nguyễn Tiến Hải, Chủ tịch UBND tỉnh Cà Mau thông tin thêm về vụ việc.",
            "Nguyễn Tiến Hải",
            ["Chủ tịch Ủy ban nhân dân tỉnh Cà Mau"],
        ),
        (
            "Ông Nguyễn Văn Dũng, Chủ tịch UBND huyện chỉ đạo xử lý dứt điểm.",
            "Nguyễn Văn Dũng",
            ["Chủ tịch Ủy ban nhân dân huyện"],
        ),
        # ... while a body's own word still takes them on
        (
            "Ông Phan Công Bằng, Giám đốc Khu quản lý giao thông đô thị cho biết.",
            "Phan Công Bằng",
            ["Giám đốc Khu quản lý giao thông đô thị"],
        ),
        # a pair that is a unit word goes on after a name
        (
            "Ông Nguyễn Văn An, Chủ tịch UBND xã Tân Phú thành phố Đồng Xoài cho biết.",
            "Nguyễn Văn An",
            ["Chủ tịch Ủy ban nhân dân xã Tân Phú thành phố Đồng Xoài"],
        ),
        # "công an" is a body word, after a "thường trực" that keeps the body from being found whole
        (
            "Đại tá Lê Văn Tuyến, Phó Giám đốc thường trực Công an tỉnh Nghệ An cho biết.",
            "Lê Văn Tuyến",
            ["Đại tá", "Phó Giám đốc thường trực Công an tỉnh Nghệ An"],
        ),
    ],
)
def test_a_title_ends_before_a_verb_and_goes_on_over_body_words(
    text: str, name: str, titles: list[str]
) -> None:
    assert _leader(text, name) == (titles, None)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # a branch abbreviated any way is written as the organisation lexicon names the department
        (
            "Ông Hoàng Tiến Đức, Giám đốc Sở GD & ĐT tỉnh Sơn La cho biết.",
            "Hoàng Tiến Đức",
            "Giám đốc Sở Giáo dục và Đào tạo tỉnh Sơn La",
        ),
        (
            "Ông Nguyễn Xuân Cường, Bộ trưởng Bộ NN-PTNT cho biết.",
            "Nguyễn Xuân Cường",
            "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn",
        ),
        (
            "Ông Đào Thái Phúc, Giám đốc KBNN Hà Nội cho biết.",
            "Đào Thái Phúc",
            "Giám đốc Kho bạc Nhà nước Hà Nội",
        ),
    ],
)
def test_abbreviated_branches_in_titles_are_expanded(text: str, name: str, title: str) -> None:
    assert _leader(text, name) == ([title], None)


def test_head_of_a_body_is_a_title_not_a_role() -> None:
    text = "ông Trương Quang Nghĩa - Bí thư Thành ủy, Trưởng Đoàn đại biểu Quốc hội TP Đà Nẵng, cho biết"
    assert _leader(text, "Trương Quang Nghĩa") == (
        ["Bí thư Thành ủy", "Trưởng Đoàn đại biểu Quốc hội thành phố Đà Nẵng"],
        None,
    )


def test_roles_after_a_dash_or_an_auxiliary() -> None:
    text = (
        "đoàn kiểm tra do ông Phan Đình Trạc - bí thư Trung ương Đảng, trưởng Ban Nội chính trung ương - "
        "làm trưởng đoàn đã làm việc"
    )
    assert _leader(text, "Phan Đình Trạc")[1] == "Trưởng đoàn"
    text = "ông Lê Văn Khoa, Phó Chủ tịch UBND Tp. Hồ Chí Minh đã dẫn đầu Đoàn kiểm tra liên ngành thành phố"
    assert _leader(text, "Lê Văn Khoa") == (
        ["Phó Chủ tịch Ủy ban nhân dân thành phố Hồ Chí Minh"],
        "Trưởng đoàn",
    )


def test_delegates_ranks_and_principals_are_officials() -> None:
    leaders, _ = extract_people(
        normalize(
            "đại biểu Bùi Thị Thơ thuộc tổ đại biểu huyện Tiên Yên; trong lễ tang Đại tướng Lê Đức Anh; "
            "ông Nguyễn Hữu Đạt, hiệu trưởng Trường THCS Minh Tân, để làm rõ"
        )
    )
    assert [(p.name, p.titles) for p in leaders] == [
        ("Bùi Thị Thơ", ["Đại biểu"]),
        ("Lê Đức Anh", ["Đại tướng"]),
        ("Nguyễn Hữu Đạt", ["Hiệu trưởng Trường THCS Minh Tân"]),
    ]


def test_captions_and_source_lines_are_no_bylines_and_co_authors_are() -> None:
    text = (
        "Ông Nguyễn Đức Chung, Chủ tịch UBND TP Hà Nội, cho biết.\n"
        "Võ Hải - Đoàn Loan\n\n\n"
        "Ông Trần Đăng Hải - Chánh Thanh tra giao thông (Sở Giao thông vận tải Hà Nội) - Ảnh: CTV\n"
        "Theo Chinhphu\n"
    )
    _, authors = extract_people(normalize(text))
    assert authors == ["Võ Hải", "Đoàn Loan"]


def test_kiem_joins_two_offices() -> None:
    text = "ông Nguyễn Văn Đọc, Bí thư kiêm chủ tịch HĐND tỉnh Quảng Ninh, quán triệt trong buổi chất vấn"
    assert _leader(text, "Nguyễn Văn Đọc") == (["Bí thư", "Chủ tịch Hội đồng nhân dân tỉnh Quảng Ninh"], None)


def test_a_one_syllable_place_name_does_not_eat_the_surname() -> None:
    text = "Chủ tịch UBND huyện Phan Thành Đông cho vay 1,4 tỷ đồng"
    assert _leader(text, "Phan Thành Đông") == (["Chủ tịch Ủy ban nhân dân huyện"], None)


def test_abbreviated_heads_and_a_role_in_brackets() -> None:
    # Báo Mới 2017 (dev2): "Phó GĐ", "Chánh VP", the role of the trip in brackets.
    text = (
        "ông Trương Đạt – Phó GĐ Sở TNMT (Trưởng đoàn đi công tác hôm xảy ra vụ việc) là cán bộ thuộc Ban "
        "Thường vụ Tỉnh ủy quản lý. Ông Bùi Thanh Bình – Chánh VP UBND tỉnh Kon Tum cho biết"
    )
    assert _leader(text, "Trương Đạt") == (["Phó Giám đốc Sở Tài nguyên và Môi trường"], "Trưởng đoàn")
    assert _leader(text, "Bùi Thanh Bình") == (["Chánh Văn phòng Ủy ban nhân dân tỉnh Kon Tum"], None)


def test_department_heads_with_lower_case_fields() -> None:
    text = (
        "Hai người trực tiếp đánh nhau là ông Diệp Xuân Vinh – Phó Chi cục trưởng Chi cục Quản lý đất đai và "
        "ông Cao Minh Phương – Trưởng phòng Tài nguyên nước. Kỷ luật khiển trách ông Huỳnh Thức Viên – Chi cục "
        "trưởng Chi cục Bảo vệ môi trường, ông Phan Thanh Đào – Phó phòng Kế hoạch Tài chính và các ông Nguyễn "
        "Cường – Phó phòng khoáng sản, Cao Ngọc Cương – Chuyên viên."
    )
    leaders, _ = extract_people(normalize(text))
    assert [(p.name, p.titles) for p in leaders] == [
        ("Diệp Xuân Vinh", ["Phó Chi cục trưởng Chi cục Quản lý đất đai"]),
        ("Cao Minh Phương", ["Trưởng phòng Tài nguyên nước"]),
        ("Huỳnh Thức Viên", ["Chi cục trưởng Chi cục Bảo vệ môi trường"]),
        ("Phan Thanh Đào", ["Phó phòng Kế hoạch Tài chính"]),
        ("Nguyễn Cường", ["Phó phòng khoáng sản"]),
    ]


def test_former_offices_ages_and_full_addresses() -> None:
    text = "ông Trịnh Xuân Thanh (nguyên Phó chủ tịch UBND tỉnh Hậu Giang) chạy trốn"
    assert _leader(text, "Trịnh Xuân Thanh") == (["nguyên Phó Chủ tịch Ủy ban nhân dân tỉnh Hậu Giang"], None)
    text = "tuyên phạt bị cáo Võ Thị Minh Tâm (46 tuổi, nguyên kế toán trưởng UBND phường 19, quận Bình Thạnh) 4 năm"
    assert _leader(text, "Võ Thị Minh Tâm") == (
        ["nguyên Kế toán trưởng Ủy ban nhân dân phường 19, quận Bình Thạnh"],
        None,
    )


def test_current_office_in_brackets_rank_and_term_of_office() -> None:
    text = (
        "Trung ương đã bầu ông Nguyễn Phú Trọng - Tổng bí thư khóa XI, tái cử Tổng bí thư khóa XII; bầu 3 người "
        "vào Ban bí thư là: Thượng tướng Lương Cường - Phó chủ nhiệm Tổng cục chính trị Quân đội nhân dân Việt "
        "Nam (hiện là Chủ nhiệm Tổng cục); ông Nguyễn Hòa Bình, Viện trưởng Viện Kiểm sát nhân dân Tối cao "
        "(hiện là Chánh án Tòa án nhân dân Tối cao)."
    )
    assert _leader(text, "Nguyễn Phú Trọng") == (["Tổng Bí thư"], None)
    assert _leader(text, "Lương Cường") == (
        ["Thượng tướng", "Phó Chủ nhiệm Tổng cục chính trị Quân đội nhân dân Việt Nam", "Chủ nhiệm Tổng cục"],
        None,
    )
    assert _leader(text, "Nguyễn Hòa Bình")[0] == [
        "Viện trưởng Viện Kiểm sát nhân dân Tối cao",
        "Chánh án Tòa án nhân dân Tối cao",
    ]


def test_bodies_with_lower_case_words_and_party_groups() -> None:
    text = (
        "ông Trần Thanh Mẫn - Ủy viên Trung ương Đảng, Bí thư Đảng đoàn, Chủ tịch Ủy ban Trung ương Mặt trận Tổ "
        "quốc Việt Nam; ông Nguyễn Xuân Thắng - Ủy viên Trung ương Đảng, Giám đốc Học viện Chính trị quốc gia Hồ "
        "Chí Minh. Ông Đinh Thế Huynh - Ủy viên Bộ Chính trị, Chủ tịch Hội đồng Lý luận Trung ương nhiệm kỳ "
        "2016-2021. Ông Trần Quốc Vượng giữ chức Thường trực Ban bí thư."
    )
    assert _leader(text, "Trần Thanh Mẫn")[0] == [
        "Ủy viên Trung ương Đảng",
        "Bí thư Đảng đoàn",
        "Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    ]
    assert _leader(text, "Nguyễn Xuân Thắng")[0][1] == "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"
    assert _leader(text, "Đinh Thế Huynh")[0] == [
        "Ủy viên Bộ Chính trị",
        "Chủ tịch Hội đồng Lý luận Trung ương",
    ]
    assert _leader(text, "Trần Quốc Vượng")[0] == ["Thường trực Ban Bí thư"]


def test_party_committee_place_and_dashed_province_before_the_name() -> None:
    text = "Bí thư Tỉnh ủy Lai Châu Giàng Páo Mỷ nói."
    assert _leader(text, "Giàng Páo Mỷ") == (["Bí thư Tỉnh ủy Lai Châu"], None)
    text = "ông Nguyễn Hồng Lĩnh, Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu, cho biết"
    assert _leader(text, "Nguyễn Hồng Lĩnh") == (["Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu"], None)
    text = "bà Hồ Thị Cẩm Đào - trưởng Ban Dân vận, trưởng đoàn đại biểu Quốc hội tỉnh Sóc Trăng."
    assert _leader(text, "Hồ Thị Cẩm Đào") == (
        ["Trưởng Ban Dân vận", "Trưởng Đoàn đại biểu Quốc hội tỉnh Sóc Trăng"],
        None,
    )


def test_company_and_association_executives_are_no_leaders() -> None:
    text = (
        "ông Lê Hoàng Châu - Chủ tịch Hiệp hội Bất động sản TP. HCM - cho biết; ông Linson Lim (chủ tịch Tập đoàn "
        "Keppel Land) mong muốn; ông Trần Việt Thắng, Phó Chủ tịch HĐQT Forimex; ông Nguyễn Thành Phong, Chủ "
        "tịch UBND TP. HCM, phát biểu."
    )
    leaders, _ = extract_people(normalize(text))
    assert [p.name for p in leaders] == ["Nguyễn Thành Phong"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two-syllable names need an office right before them and no body after
        (
            "bà Lê Thị Thu Thủy - hiệu trưởng Trường tiểu học Đặng Cương - để tập trung làm rõ; Phó chủ nhiệm "
            "Đoàn Luật sư TPHCM phát biểu; Ủy viên Đoàn Mặt trận Dân tộc giải phóng; Thủ tướng Phạm Minh chính "
            "và người đồng cấp. Thượng tướng Lương Cường - Phó chủ nhiệm Tổng cục chính trị; Giám đốc Sở Y tế "
            "Ninh Bình.",
            [
                ("Lê Thị Thu Thủy", ["Hiệu trưởng Trường tiểu học Đặng Cương"]),
                ("Lương Cường", ["Thượng tướng", "Phó Chủ nhiệm Tổng cục chính trị"]),
            ],
        ),
        # dev7: a staff post after a rank, a commune health station's head, the surname "Tất", "TP.HCM"
        (
            "thượng tướng Nguyễn Phương Nam - phó tham mưu trưởng Quân đội nhân dân Việt Nam - đã dẫn đầu "
            "đoàn; Bùi Đức Hoan, Trạm trưởng Trạm Y tế xã Gia Xuân; Phó Bí thư Thường trực Thành ủy TP.HCM "
            "Tất Thành Cang cho biết.",
            [
                ("Nguyễn Phương Nam", ["Thượng tướng", "Phó Tham mưu trưởng Quân đội nhân dân Việt Nam"]),
                ("Bùi Đức Hoan", ["Trạm trưởng Trạm Y tế xã Gia Xuân"]),
                ("Tất Thành Cang", ["Phó Bí thư Thường trực Thành ủy thành phố Hồ Chí Minh"]),
            ],
        ),
        # dev8: an honorific or a bracketed province between title and name, "," before a bracketed
        # title, traffic inspectors and forest rangers, a province before the name, a name that is a place
        (
            "do Phó Chủ tịch thường trực UBND TP ông Lê Thanh Liêm kí. Chủ tịch UBND huyện Thọ Xuân "
            "(Thanh Hóa) Lê Đình Hải vừa ký; ông Lê Văn Toàn, (Chủ tịch UBND xã Xuân Bái) bị cảnh cáo. "
            "Công an đã bắt Bùi Văn Minh, phó chánh TTGT để điều tra. Thay thế ông Nguyễn Long Sơn, Hạt "
            "trưởng hạt Kiểm lâm huyện này. Giám đốc Sở Tài chính Đắk Nông Nguyễn Tấn Bi cho biết. Chiều "
            "8-10, Đại tá Hoàng Long, trưởng Công an TP Huế, cho biết.",
            [
                ("Lê Thanh Liêm", ["Phó Chủ tịch thường trực Ủy ban nhân dân thành phố"]),
                ("Lê Đình Hải", ["Chủ tịch Ủy ban nhân dân huyện Thọ Xuân"]),
                ("Lê Văn Toàn", ["Chủ tịch Ủy ban nhân dân xã Xuân Bái"]),
                ("Bùi Văn Minh", ["Phó Chánh Thanh tra giao thông"]),
                ("Nguyễn Long Sơn", ["Hạt trưởng Hạt Kiểm lâm huyện"]),
                ("Nguyễn Tấn Bi", ["Giám đốc Sở Tài chính Đắk Nông"]),
                ("Hoàng Long", ["Đại tá", "Trưởng Công an thành phố Huế"]),
            ],
        ),
        # dev9: a numbered unit in a title, a hospital's name, the late holder of an office, and words
        # that spell a head only across two phrases ("chức vụ Phó Trưởng ban" is no "Vụ phó")
        (
            "Đội do phó chủ tịch quận 1 TP. HCM Đoàn Ngọc Hải chỉ huy. Ông Nguyễn Xuân Trực - giám đốc Bệnh "
            "viện Y học cổ truyền Hải Dương do để xảy ra sai phạm. Con trai cố Bí thư Thành ủy Đà Nẵng "
            "Nguyễn Bá Thanh. Bà Trần Thị Lan giữ chức vụ Phó Trưởng ban Dân vận Thành ủy.",
            [
                ("Đoàn Ngọc Hải", ["Phó Chủ tịch quận 1 thành phố Hồ Chí Minh"]),
                ("Nguyễn Xuân Trực", ["Giám đốc Bệnh viện Y học cổ truyền Hải Dương"]),
                ("Nguyễn Bá Thanh", ["cố Bí thư Thành ủy Đà Nẵng"]),
                ("Trần Thị Lan", ["Phó Trưởng Ban Dân vận Thành ủy"]),
            ],
        ),
        # review: "cố" inside a word, a count after a unit that is never numbered
        (
            "Sau sự cố Giám đốc Công an tỉnh Nguyễn Văn Cường cho biết. Ông Lê Văn Ba, Chủ tịch UBND huyện "
            "2 nhiệm kỳ qua.",
            [
                ("Nguyễn Văn Cường", ["Giám đốc Công an tỉnh"]),
                ("Lê Văn Ba", ["Chủ tịch Ủy ban nhân dân huyện"]),
            ],
        ),
        (
            "Ông Trần Văn Nam, vụ phó Vụ Tổ chức cán bộ, cho biết.",
            [("Trần Văn Nam", ["Vụ phó Vụ Tổ chức cán bộ"])],
        ),
        # dev9: a youth union's committee in a title, and a body's owner in brackets unbracketed
        (
            "Năm 2012, ông Nguyễn Bá Cảnh giữ chức vụ Bí thư Thành đoàn Đà Nẵng. Đoàn do ông Nguyễn Thượng "
            "Hiền - Cục trưởng Cục quản lý chất thải và cải thiện môi trường (Bộ Tài nguyên) dẫn đầu.",
            [
                ("Nguyễn Bá Cảnh", ["Bí thư Thành đoàn Đà Nẵng"]),
                (
                    "Nguyễn Thượng Hiền",
                    ["Cục trưởng Cục quản lý chất thải và cải thiện môi trường Bộ Tài nguyên"],
                ),
            ],
        ),
        # "Thủ trưởng" folds like "Thứ trưởng" but keeps its own tone
        (
            "Đại tá Trần Phước Hương, Thủ trưởng cơ quan Cảnh sát điều tra Công an quận Hải Châu cho biết. "
            "Thứ trưởng Bộ Nội vụ Nguyễn Trọng Thừa ký.",
            [
                (
                    "Trần Phước Hương",
                    ["Đại tá", "Thủ trưởng cơ quan Cảnh sát điều tra Công an quận Hải Châu"],
                ),
                ("Nguyễn Trọng Thừa", ["Thứ trưởng Bộ Nội vụ"]),
            ],
        ),
        # a title on the line above (a headline) is not the title of the name that opens the next one
        ("giữ chức Phó chủ tịch\n\nÔng Đặng Việt Dũng được giới thiệu trở lại.", []),
    ],
)
def test_leaders_and_their_titles(text: str, expected: list[tuple[str, list[str]]]) -> None:
    leaders, _ = extract_people(normalize(text))
    assert [(p.name, p.titles) for p in leaders] == expected


def test_a_person_named_by_the_end_of_a_full_name_is_the_same_person() -> None:
    text = (
        "Bà Mỹ Thanh: Ngày nào còn làm đại biểu\n\nChiều 2-5, bà Phan Thị Mỹ Thanh - phó bí thư Tỉnh ủy, "
        "trưởng Đoàn đại biểu Quốc hội tỉnh Đồng Nai - chính thức tâm sự."
    )
    people, _ = extract_people(normalize(text))
    assert [p.name for p in people] == ["Phan Thị Mỹ Thanh"]
    # a short name that ends two full names stays apart
    from pipeline.model import Person
    from pipeline.nlp.people import _short_names_merged

    people = [Person("Mỹ Thanh"), Person("Phan Thị Mỹ Thanh"), Person("Lê Thị Mỹ Thanh")]
    assert [p.name for p in _short_names_merged(people)] == [
        "Mỹ Thanh",
        "Phan Thị Mỹ Thanh",
        "Lê Thị Mỹ Thanh",
    ]


def test_an_illustration_credit_is_an_author() -> None:
    # dev7: "Ảnh minh họa: Nguyễn Đông" under a photo
    assert extract_people("Xe khách rách bươm sau tai nạn.\nẢnh minh họa: Nguyễn Đông")[1] == ["Nguyễn Đông"]


def test_a_byline_named_like_a_district_or_closing_the_last_paragraph() -> None:
    # dev9, dev10: "Hoàng Mai" alone on a line is the byline, not the district; an agency's byline
    # may close the last paragraph; a province alone on a line and a district in a sentence are no
    # authors
    assert extract_people("Ông A làm việc.\nHoàng Mai\n\nHiện trường vụ cháy.")[1] == ["Hoàng Mai"]
    closing = "Ông Quân bị kỷ luật vì gây dư luận không tốt trong cán bộ và xã hội. Trần Tĩnh (TTXVN)"
    assert extract_people(closing)[1] == ["Trần Tĩnh"]
    assert extract_people("Ông B nói.\nHà Nội")[1] == []
    assert extract_people("Ông B nói.\nHoàng Mai (Hà Nội)")[1] == []
    assert extract_people("Ông B nói.\nViệt Nam")[1] == []


def test_a_full_name_with_only_a_head_role_is_listed_in_that_role() -> None:
    # dev10: "do bà X làm trưởng đoàn" with no other office; a member, a two-syllable name or a name
    # without an honorific is not listed
    leaders, _ = extract_people(
        "Đoàn thanh tra của Bảo hiểm xã hội tỉnh do bà Nguyễn Thị Hồng Lam làm trưởng đoàn."
    )
    assert [(p.name, p.titles, p.role) for p in leaders] == [
        ("Nguyễn Thị Hồng Lam", ["Trưởng đoàn"], "Trưởng đoàn")
    ]
    for text in (
        "Đoàn do Lê Văn Tám làm trưởng đoàn.",
        "Đoàn do ông Lê Tám làm trưởng đoàn.",
        "Bà Nguyễn Thị Hồng Lam, thành viên đoàn giám sát.",
    ):
        assert extract_people(text)[0] == []


def test_a_role_written_as_the_office_before_a_name_is_title_and_role() -> None:
    # dev7: "Trưởng đoàn Nguyễn Thị Kim Anh" (the inspection team's head, named by that office)
    leaders, _ = extract_people("Cùng ngày, Trưởng đoàn Nguyễn Thị Kim Anh cũng đã bị bắt quả tang.")
    assert [(p.name, p.titles, p.role) for p in leaders] == [
        ("Nguyễn Thị Kim Anh", ["Trưởng đoàn"], "Trưởng đoàn")
    ]
