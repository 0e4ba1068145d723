"""Tests for pipeline.nlp.organizations: canonical names, owners, lists, generic references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp.organizations import extract_organizations
from pipeline.nlp.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))


def _names(text: str) -> list[str]:
    """Return the canonical names of the organisations of ``text``."""
    return [o.name for o in extract_organizations(normalize(text))]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_organizations_match_gold_names(path: Path) -> None:
    gold = json.loads((ROOT / "corpora" / "gold" / "seeds" / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert set(_names(path.read_text(encoding="utf-8"))) == {o["name"] for o in gold["organizations"]}


def test_abbreviations_expand_and_places_are_lower_case() -> None:
    text = "Đoàn giám sát do đồng chí Đinh Thị Thu Hương - QUV, Phó Chủ tịch UBND Quận làm trưởng đoàn"
    assert _names(text) == ["Đoàn giám sát", "Ủy ban nhân dân quận"]


def test_a_place_list_names_each_committee() -> None:
    orgs = extract_organizations("đồng chí Phó Bí thư – Chủ tịch UBND phường Thạch Bàn, Gia Thụy.")
    assert [(o.text, o.name) for o in orgs] == [
        ("UBND phường Thạch Bàn", "Ủy ban nhân dân phường Thạch Bàn"),
        ("Gia Thụy", "Ủy ban nhân dân phường Gia Thụy"),
    ]


def test_delegation_with_its_owner() -> None:
    text = "ngày 10-11/5, Đoàn giám sát Ban dân vận Tỉnh ủy tổ chức giám sát. Đoàn giám sát đánh giá cao"
    assert _names(text) == ["Đoàn giám sát Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]
    text = "đoàn công tác của Ban Thường vụ Thành uỷ do đồng chí Nguyễn Thị Hồng Vân làm Trưởng Đoàn"
    assert _names(text) == ["Đoàn công tác Ban Thường vụ Thành ủy", "Ban Thường vụ Thành ủy"]


def test_departments_are_capitalised_canonically() -> None:
    assert _names("do đồng chí Nguyễn Văn Hiển, Phó Giám đốc sở Nội Vụ làm Trưởng đoàn") == ["Sở Nội vụ"]
    assert _names("Sở NV phối hợp với Sở TN&MT và Bộ Nội vụ") == [
        "Sở Nội vụ",
        "Sở Tài nguyên và Môi trường",
        "Bộ Nội vụ",
    ]


def test_centre_written_with_tt() -> None:
    text = "Đoàn giám sát tại TT hành chính công huyện Bình Liêu"
    assert _names(text) == ["Đoàn giám sát", "Trung tâm hành chính công huyện Bình Liêu"]


def test_bare_party_committee_takes_its_commune() -> None:
    text = "Đối với xã Vô Tranh, Đảng uỷ, UBND xã đã ban hành các văn bản chỉ đạo"
    assert _names(text) == ["Đảng ủy xã Vô Tranh", "Ủy ban nhân dân xã"]
    title = "giám sát chuyên đề của BTV Thành uỷ đối với ĐU, Bí thư ĐU-Chủ tịch UBND phường Đông Kinh"
    assert _names(title) == [
        "Ban Thường vụ Thành ủy",
        "Đảng ủy phường Đông Kinh",
        "Ủy ban nhân dân phường Đông Kinh",
    ]


def test_generic_references_are_not_organisations() -> None:
    text = (
        "Hoạt động của UBKT các Huyện ủy, Thành ủy, Đảng ủy trực thuộc. Giám sát Trung tâm hành chính công "
        "các cấp; cấp ủy, chính quyền và các đơn vị; bộ phận một cửa; Uỷ viên Ban Thường vụ, Phó Chủ tịch"
    )
    assert _names(text) == []


def test_document_symbols_are_not_organisations() -> None:
    assert _names("Quyết định số 111-QĐ/BDV và Nghị quyết 15-NQ/TW, Quyết định 20-QĐ/ĐU") == []


def test_spans_point_at_the_text() -> None:
    text = normalize("Thực hiện Kế hoạch của UBND tỉnh, Đoàn kiểm tra thực hiện công tác CCHC của tỉnh")
    assert [(text[s:e], o.text) for o, (s, e) in ((o, o.span) for o in extract_organizations(text))] == [
        ("UBND tỉnh", "UBND tỉnh"),
        ("Đoàn kiểm tra", "Đoàn kiểm tra"),
    ]


def test_branch_joints_and_the_place_after_a_department() -> None:
    # National news (dev split): branch names written with "-", a space or an abbreviation, and the
    # department's place after the branch.
    text = (
        "Sở Nội vụ TP. HCM đề nghị; vi phạm hợp đồng thuê đất với Sở Tài nguyên - môi trường tỉnh Kiên Giang. "
        "Giám đốc Sở Xây dựng Hà Nội Lê Văn Dục; theo quy định của Bộ GD-ĐT; chất vấn lãnh đạo Sở Lao động "
        "Thương binh Xã hội; ông Bùi Thế Hiệp, trưởng Phòng giáo dục - đào tạo huyện Thủy Nguyên"
    )
    assert _names(text) == [
        "Sở Nội vụ thành phố Hồ Chí Minh",
        "Sở Tài nguyên và Môi trường tỉnh Kiên Giang",
        "Sở Xây dựng Hà Nội",
        "Bộ Giáo dục và Đào tạo",
        "Sở Lao động - Thương binh và Xã hội",
        "Phòng Giáo dục và Đào tạo huyện Thủy Nguyên",
    ]


def test_national_bodies_and_owned_units() -> None:
    text = (
        "công thư gửi: Ủy ban Kiểm tra Trung ương; Văn phòng Trung ương Đảng; Văn phòng Chủ tịch nước; Ủy ban "
        "Trung ương Mặt trận Tổ quốc Việt Nam; Ban Tiếp công dân Trung ương. Đoàn kiểm tra do ông Phan Đình "
        "Trạc - trưởng Ban Nội chính trung ương; quy định của Ban Chấp hành T.Ư Đảng khóa XII; Đảng ủy Quân sự "
        "tỉnh Đồng Nai. Thanh tra Sở Xây dựng; Thường trực HĐND TP Hà Nội; Cục Thuế TP; Cơ quan An ninh "
        "điều tra Bộ Công an; Công an huyện Bình Chánh; Cảnh sát PCCC huyện Bình Chánh."
    )
    assert _names(text) == [
        "Ủy ban Kiểm tra Trung ương",
        "Văn phòng Trung ương Đảng",
        "Văn phòng Chủ tịch nước",
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "Ban Tiếp công dân Trung ương",
        "Đoàn kiểm tra",
        "Ban Nội chính Trung ương",
        "Ban Chấp hành Trung ương",
        "Đảng ủy Quân sự tỉnh Đồng Nai",
        "Thanh tra Sở Xây dựng",
        "Thường trực Hội đồng nhân dân thành phố Hà Nội",
        "Cục Thuế thành phố",
        "Cơ quan An ninh điều tra Bộ Công an",
        "Công an huyện Bình Chánh",
        "Cảnh sát Phòng cháy chữa cháy huyện Bình Chánh",
    ]


def test_delegation_of_parliament_is_not_parliament() -> None:
    text = "Tại cuộc làm việc với Đoàn đại biểu Quốc hội Hà Nội; Trưởng Đoàn đại biểu Quốc hội TP Đà Nẵng"
    assert _names(text) == ["Đoàn đại biểu Quốc hội Hà Nội", "Đoàn đại biểu Quốc hội thành phố Đà Nẵng"]


def test_counted_and_level_list_bodies_are_generic() -> None:
    text = (
        "thành phố sẽ thành lập 5 đoàn kiểm tra; duy trì hoạt động của 8 tổ công tác liên ngành; 98 cán bộ là "
        "chủ tịch, phó chủ tịch UBND xã, phường, thị trấn; UBND quận huyện; chủ tịch UBND cấp phường, xã"
    )
    assert _names(text) == []
    assert _names("phiên khai mạc kỳ họp thứ 3 HĐND TP Hà Nội") == ["Hội đồng nhân dân thành phố Hà Nội"]


def test_title_words_keep_their_committee() -> None:
    text = "ông Dương Thành Thị (Phó Bí thư Thường trực Quận ủy, Chủ tịch HĐND quận Liên Chiểu)"
    assert _names(text) == ["Quận ủy", "Hội đồng nhân dân quận Liên Chiểu"]


def test_an_enclosing_province_in_a_list_is_not_another_committee() -> None:
    text = "lãnh đạo UBND huyện Tương Dương, Nghệ An vừa gửi thư xin lỗi"
    assert _names(text) == ["Ủy ban nhân dân huyện Tương Dương"]


def test_parliament_committees_courts_and_party_delegations() -> None:
    # Findings corpus (national news): bodies of the National Assembly, the courts, Party boards.
    text = (
        "Hội đồng Dân tộc, Ủy ban Tư pháp thẩm tra; báo cáo của Tòa án nhân dân tối cao, Viện Kiểm sát nhân "
        "dân tối cao; xét xử tại Tòa án nhân dân tỉnh Đồng Nai; Ban cán sự đảng Bộ Giao thông vận tải; "
        "Ban Kinh tế Trung ương; Văn phòng Đăng ký đất đai quận Tân Phú"
    )
    assert _names(text) == [
        "Hội đồng Dân tộc",
        "Ủy ban Tư pháp",
        "Tòa án nhân dân tối cao",
        "Viện Kiểm sát nhân dân tối cao",
        "Tòa án nhân dân tỉnh Đồng Nai",
        "Ban cán sự đảng Bộ Giao thông vận tải",
        "Ban Kinh tế Trung ương",
        "Văn phòng Đăng ký đất đai quận Tân Phú",
    ]


def test_short_province_names_expand_and_title_words_do_not_open_bodies() -> None:
    text = "kỳ họp HĐND TPHCM; tại trụ sở Công an xã Tân Nhuận Đông; Phó Thủ tướng Thường trực Chính phủ"
    assert _names(text) == [
        "Hội đồng nhân dân thành phố Hồ Chí Minh",
        "Công an xã Tân Nhuận Đông",
        "Chính phủ",
    ]


def test_heads_listed_before_a_place_share_it() -> None:
    text = "Văn phòng UBND TP. HCM vừa có văn bản gửi Công an, Thanh tra TP. HCM và các sở, ngành liên quan"
    assert _names(text) == [
        "Văn phòng Ủy ban nhân dân thành phố Hồ Chí Minh",
        "Công an thành phố Hồ Chí Minh",
        "Thanh tra thành phố Hồ Chí Minh",
    ]
    assert _names("đã yêu cầu Công an, Thanh tra Thành phố làm rõ sai phạm") == [
        "Công an thành phố",
        "Thanh tra thành phố",
    ]
    # a title repeated before each head, and a list of places with their level written again
    text = "Bộ Chính trị quyết định Chủ tịch Hội đồng nhân dân, Chủ tịch Ủy ban nhân dân thành phố Hà Nội, TP HCM."
    assert _names(text) == [
        "Bộ Chính trị",
        "Hội đồng nhân dân thành phố Hà Nội",
        "Hội đồng nhân dân thành phố Hồ Chí Minh",
        "Ủy ban nhân dân thành phố Hà Nội",
        "Ủy ban nhân dân thành phố Hồ Chí Minh",
    ]
    # the province after a city of it encloses it: not another committee
    assert _names("Chủ tịch UBND thành phố Thủ Đức, TP HCM cho biết") == ["Ủy ban nhân dân thành phố Thủ Đức"]


def test_a_body_distributes_over_a_list_after_cac() -> None:
    text = "Các xe biển số xanh thuộc đoàn đại biểu Quốc hội các tỉnh Bến Tre, Đồng Tháp, Bạc Liêu."
    assert _names(text) == [
        "Đoàn đại biểu Quốc hội tỉnh Bến Tre",
        "Đoàn đại biểu Quốc hội tỉnh Đồng Tháp",
        "Đoàn đại biểu Quốc hội tỉnh Bạc Liêu",
    ]
    # a category of bodies is generic: "(của) các quận", "của tỉnh, thành phố"
    text = "đại diện phòng TNMT của các quận, huyện; trưởng đoàn đại biểu Quốc hội của tỉnh, thành phố"
    assert _names(text) == []


def test_lower_case_bodies_with_their_owner() -> None:
    text = (
        "Ông Nguyễn Hoàng Anh, nguyên Bí thư tỉnh ủy Cao Bằng; bà Trương Thị Mai - Trưởng ban Dân vận Trung "
        "ương; kỳ họp hội đồng nhân dân huyện Tương Dương; yêu cầu thanh tra tỉnh chuyển hồ sơ; cán bộ công "
        "an phường Tam Bình; trưởng đoàn đại biểu Quốc hội tỉnh Lai Châu"
    )
    assert _names(text) == [
        "Tỉnh ủy Cao Bằng",
        "Ban Dân vận Trung ương",
        "Hội đồng nhân dân huyện Tương Dương",
        "Thanh tra tỉnh",
        "Công an phường Tam Bình",
        "Đoàn đại biểu Quốc hội tỉnh Lai Châu",
    ]
    # without their owner, lower-case words are generic references
    assert (
        _names("Bí thư tỉnh ủy chỉ đạo; chuyển hồ sơ cho cơ quan cảnh sát điều tra; đoàn đã thanh tra") == []
    )
    # a lower-case committee is still the owner of a board
    assert _names("Ban thường vụ quận ủy đã kiểm điểm") == ["Ban Thường vụ Quận ủy"]


def test_investigation_bodies_courts_and_procuracies() -> None:
    text = (
        "ngày 25.4, cơ quan CSĐT Công an TP. Kon Tum đã khởi tố vụ án. Ngày 9.6, liên ngành cơ quan CSĐT, "
        "VKSND và Tòa án đã thống nhất đình chỉ. Cơ quan Cảnh sát điều tra (C46, Bộ Công an) khởi tố; "
        "Viện KSND TP Cần Thơ đã phê chuẩn"
    )
    assert _names(text) == [
        "Cơ quan Cảnh sát điều tra Công an thành phố Kon Tum",
        "Cơ quan Cảnh sát điều tra",
        "Viện Kiểm sát nhân dân",
        "Tòa án",
        "Cơ quan Cảnh sát điều tra Bộ Công an",
        "Viện Kiểm sát nhân dân thành phố Cần Thơ",
    ]


def test_units_of_a_department_and_their_owner() -> None:
    text = (
        "ông Diệp Xuân Vinh – Phó Chi cục trưởng Chi cục Quản lý đất đai và ông Cao Minh Phương – Trưởng "
        "phòng Tài nguyên nước; Phó phòng khoáng sản; Chánh VP UBND tỉnh Kon Tum; chuyên viên Văn phòng Sở; "
        "Đoàn kiểm tra của Phòng Cảnh sát môi trường Công an tỉnh Tây Ninh; Chi cục Kiểm lâm Sở NN&PTNT tỉnh Lâm Đồng"
    )
    assert _names(text) == [
        "Chi cục Quản lý đất đai",
        "Phòng Tài nguyên nước",
        "Phòng Khoáng sản",
        "Văn phòng Ủy ban nhân dân tỉnh Kon Tum",
        "Văn phòng Sở",
        "Đoàn kiểm tra Phòng Cảnh sát phòng chống tội phạm về môi trường Công an tỉnh Tây Ninh",
        "Phòng Cảnh sát phòng chống tội phạm về môi trường Công an tỉnh Tây Ninh",
        "Chi cục Kiểm lâm Sở Nông nghiệp và Phát triển nông thôn tỉnh Lâm Đồng",
    ]


def test_party_boards_written_short_and_national_bodies() -> None:
    text = (
        "Thường vụ Tỉnh ủy đã thống nhất; xe của Đảng ủy Dân chính đảng tỉnh Sóc Trăng; Ủy viên Quân ủy Trung "
        "ương, Ủy viên Đảng ủy Công an Trung ương, Chủ nhiệm Tổng cục Chính trị Quân đội nhân dân Việt Nam; "
        "Chủ tịch Hội đồng Lý luận Trung ương; Ban chỉ đạo Trung ương về phòng, chống tham nhũng; trụ sở Ban "
        "chỉ đạo Tây Nam bộ; Ủy ban quản lý vốn nhà nước tại doanh nghiệp; Bí thư Đảng đoàn"
    )
    assert _names(text) == [
        "Ban Thường vụ Tỉnh ủy",
        "Đảng ủy Dân chính Đảng tỉnh Sóc Trăng",
        "Quân ủy Trung ương",
        "Đảng ủy Công an Trung ương",
        "Tổng cục Chính trị Quân đội nhân dân Việt Nam",
        "Hội đồng Lý luận Trung ương",
        "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng",
        "Ban Chỉ đạo Tây Nam Bộ",
        "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
        "Đảng đoàn",
    ]


def test_named_teams_checkpoints_and_former_districts() -> None:
    text = (
        "BĐBP phối hợp với Hải quan cửa khẩu Nậm Cắn kiểm tra xe khách; Đội thanh tra địa bàn quận 9 lập biên "
        "bản; Ban thường vụ Quận ủy Thủ Đức kỷ luật; Đoàn kiểm tra liên ngành thành phố kiểm tra mặt đường"
    )
    assert _names(text) == [
        "Hải quan cửa khẩu Nậm Cắn",
        "Đội Thanh tra địa bàn quận 9",
        "Ban Thường vụ Quận ủy Thủ Đức",
        "Đoàn kiểm tra liên ngành thành phố",
    ]


def test_categories_counts_and_bonds_are_not_bodies() -> None:
    text = (
        "Bộ Chính trị quyết định Bí thư tỉnh ủy, Thành ủy, đảng ủy khối trực thuộc Trung ương. Cơ quan này phê "
        "bình 5 tổ chức Đảng ủy các đơn vị; vốn trái phiếu Chính phủ"
    )
    assert _names(text) == ["Bộ Chính trị"]
    # a year ending a date is not a count; a number with a thousands separator is
    assert _names("ngày 8/4/2017 Đoàn kiểm tra tiến hành kiểm tra xe") == ["Đoàn kiểm tra"]
    assert _names("ngày 30.6.2017 Đoàn kiểm tra làm việc với UBND tỉnh") == [
        "Đoàn kiểm tra",
        "Ủy ban nhân dân tỉnh",
    ]
    assert _names("cả nước đã thành lập 153.493 đoàn thanh tra, kiểm tra liên ngành") == []


def test_agencies_boards_and_committees_of_the_dev3_split() -> None:
    text = (
        "Tổng cục Thủy lợi yêu cầu Sở Nông nghiệp và PTNT, Chi cục Thủy sản và Chi cục Chăn nuôi và Thú y; "
        "BQL KKT Dung Quất; Ban Quản lý các khu công nghiệp tỉnh Quảng Nam; Ban Chỉ huy phòng chống thiên tai "
        "và tìm kiếm cứu nạn tỉnh Điện Biên; ủy viên Ủy ban Kinh tế - Ngân sách; tổ đại biểu Quốc hội"
    )
    assert _names(text) == [
        "Tổng cục Thủy lợi",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Chi cục Thủy sản",
        "Chi cục Chăn nuôi và Thú y",
        "Ban Quản lý Khu kinh tế Dung Quất",
        "Ban Quản lý các khu công nghiệp tỉnh Quảng Nam",
        "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh Điện Biên",
        "Ủy ban Kinh tế và Ngân sách",
        "Tổ đại biểu Quốc hội",
    ]


def test_owners_written_with_their_level_and_doubled_spaces() -> None:
    assert _names("Ủy ban Kiểm tra Quận ủy quận 1 và Chủ nhiệm Ủy ban  kiểm tra huyện ủy Nông Cống") == [
        "Ủy ban Kiểm tra Quận ủy quận 1",
        "Ủy ban Kiểm tra Huyện ủy Nông Cống",
    ]
    # a delegation takes a named place after "của", not a bare level word (that one is the bare delegation)
    assert _names("Đoàn kiểm tra của quận 7 đã làm việc") == ["Đoàn kiểm tra quận 7"]
    assert _names("để phục vụ đoàn kiểm tra của tỉnh.") == ["Đoàn kiểm tra"]


def test_units_of_departments_the_front_with_its_country_and_a_committee_named_by_its_place() -> None:
    assert _names("Ủy ban Mặt trận Tổ quốc Việt Nam TP. HCM; Ủy ban MTTQ quận 3") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hồ Chí Minh",
        "Ủy ban Mặt trận Tổ quốc quận 3",
    ]
    assert _names("ông Huấn, Chi cục trưởng chi cục Kiểm lâm Hà Tĩnh") == ["Chi cục Kiểm lâm Hà Tĩnh"]
    assert _names("Phòng LĐTB & XH huyện Nga Sơn xác định") == [
        "Phòng Lao động - Thương binh và Xã hội huyện Nga Sơn"
    ]
    assert _names("Trạm Chăn nuôi và Thú y thị xã Sông Cầu khuyến cáo") == [
        "Trạm Chăn nuôi và Thú y thị xã Sông Cầu"
    ]
    assert _names("Cục Đường thủy nội địa cho rằng") == ["Cục Đường thủy nội địa"]
    assert _names("Ngày 7/11, Ủy ban Kiểm tra huyện Đức Thọ cho biết") == ["Ủy ban Kiểm tra huyện Đức Thọ"]
    # lower case only with its owner: a bare "đội thanh tra địa bàn" is generic
    assert _names("đội Thanh tra xây dựng quận Cầu Giấy kiểm tra; đội thanh tra địa bàn bị kỷ luật") == [
        "Đội Thanh tra xây dựng quận Cầu Giấy"
    ]


def test_named_branches_after_cac_and_a_head_that_opens_a_list() -> None:
    # dev5: "các Bộ" with each ministry named is no generic reference
    text = "chỉ đạo các Bộ Kế hoạch và đầu tư, Bộ Giao thông vận tải, Bộ Xây dựng thực hiện"
    assert _names(text) == ["Bộ Kế hoạch và Đầu tư", "Bộ Giao thông vận tải", "Bộ Xây dựng"]
    text = "phối hợp với các Bộ: Tài nguyên & Môi trường, Nông nghiệp & Phát triển nông thôn, Xây dựng."
    assert _names(text) == [
        "Bộ Tài nguyên và Môi trường",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ Xây dựng",
    ]
    assert _names("các Bộ, ngành và địa phương") == []


def test_state_bank_and_cultural_heritage_department() -> None:
    assert _names("Ngân hàng Nhà nước và Cục Di sản văn hóa") == ["Ngân hàng Nhà nước", "Cục Di sản văn hóa"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a centre's own name runs until the verb that follows it
        (
            "chủ dự án là Trung tâm Bảo tồn Di tích cố đô Huế có những giải pháp",
            ["Trung tâm Bảo tồn Di tích cố đô Huế"],
        ),
        (
            "Trung tâm Tần số vô tuyến điện khu vực III sẽ cho lắp",
            ["Trung tâm Tần số vô tuyến điện khu vực III"],
        ),
        ("Trung tâm Xúc tiến đầu tư TP cho biết", ["Trung tâm Xúc tiến đầu tư thành phố"]),
        # a level word inside the name is no place
        ("Trung tâm Hỗ trợ xã hội TP HCM cho biết", ["Trung tâm Hỗ trợ xã hội thành phố Hồ Chí Minh"]),
        # numbered departments, and their owner after a space or an alias in brackets
        ("Thanh tra Chính phủ giao Vụ I thực hiện", ["Thanh tra Chính phủ", "Vụ I"]),
        ("Vụ II Thanh tra Chính phủ được giao", ["Vụ II Thanh tra Chính phủ"]),
        (
            "Vụ Thanh tra khối nội chính (Vụ II) Thanh tra Chính phủ làm trưởng đoàn",
            ["Vụ Thanh tra khối nội chính Thanh tra Chính phủ"],
        ),
        ("Vụ Kế hoạch, Tài chính và Tổng hợp đã", ["Vụ Kế hoạch, Tài chính và Tổng hợp"]),
        # an owner marked by a comma or brackets after a name in lower case
        (
            "trưởng Phòng quản lý hạ tầng giao thông, Sở GTVT Nghệ An cho biết",
            ["Phòng quản lý hạ tầng giao thông Sở Giao thông vận tải Nghệ An"],
        ),
        (
            "phòng quy hoạch giao đất (Sở Tài nguyên và Môi trường Hà Tĩnh)",
            ["Phòng quy hoạch giao đất Sở Tài nguyên và Môi trường Hà Tĩnh"],
        ),
        (
            "trưởng Phòng an ninh chính trị nội bộ (PA 03) Công an tỉnh Sơn La",
            ["Phòng an ninh chính trị nội bộ Công an tỉnh Sơn La"],
        ),
        # a steering board's programme, its owner after "của"; a joint that runs into the sentence is cut
        (
            "Ban Chỉ đạo cải cách hành chính của Chính phủ cũng yêu cầu",
            ["Ban Chỉ đạo cải cách hành chính Chính phủ"],
        ),
        (
            "Ban chỉ đạo chương trình nông thôn mới của xã đã chọn",
            ["Ban Chỉ đạo chương trình nông thôn mới xã"],
        ),
        ("họp Ban chỉ đạo nông thôn mới và cùng với các tổ chức", ["Ban Chỉ đạo nông thôn mới"]),
        # not names: a common noun after the head, a name going on in quotes, "cơ sở"
        ("Vụ việc xảy ra cách đây đã 3 năm", []),
        ("công tác phòng chống tham nhũng của UBND tỉnh", ["Ủy ban nhân dân tỉnh"]),
        ("Ban Chỉ đạo mô hình “Chính quyền thân thiện” còn lúng túng", ["Ban Chỉ đạo"]),
        ("các cơ sở giáo dục công lập", []),
        ("Vụ TP. Đà Nẵng lấy sân Chi Lăng", []),
        # a title is no name; the body after it is
        (
            "ông Nguyễn Văn A, Vụ trưởng Vụ Tổ chức cán bộ (Thanh tra Chính phủ)",
            ["Vụ Tổ chức cán bộ Thanh tra Chính phủ"],
        ),
        ("Bí thư Đảng ủy, Tổng Cục Trưởng Tổng cục Chính trị", ["Đảng ủy", "Tổng cục Chính trị"]),
        # dev7: a figure starts no name; a title ends one; the country closes a national body's name
        ("Vụ 111 biệt thự xây ' lụi ': Kiểm tra toàn diện", []),
        ("vi phạm tại Tổng cục Cảnh sát, bí thư chi bộ là ông A", ["Tổng cục Cảnh sát"]),
        (
            "làm việc với Tổng cục Địa chất và khoáng sản Việt Nam ngày 5-3",
            ["Tổng cục Địa chất và khoáng sản Việt Nam"],
        ),
        ("gửi Tổng Cục đường bộ Việt Nam xem xét", ["Tổng cục đường bộ Việt Nam"]),
    ],
)
def test_a_unit_is_named_by_its_own_name(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev7: a ministry in lower case before a branch with a capital, the body it owns too
        (
            "vụ án Thanh tra bộ Xây dựng nhận hối lộ; Chánh Văn phòng bộ Công an",
            ["Thanh tra Bộ Xây dựng", "Văn phòng Bộ Công an"],
        ),
        # a civil servant of a branch is no ministry, in any case
        ("cán bộ Công an xã; toàn bộ Tài chính; cán bộ công an", ["Công an xã"]),
        ("Bộ Công nghiệp nặng (nay là Bộ Công thương) cấp phép", ["Bộ Công nghiệp nặng", "Bộ Công Thương"]),
        (
            "tổ kiểm tra liên ngành do Thanh tra TP. HCM chủ trì",
            ["Tổ kiểm tra liên ngành", "Thanh tra thành phố Hồ Chí Minh"],
        ),
        ("Phòng Văn hóa Thông tin huyện Đồng Văn", ["Phòng Văn hóa và Thông tin huyện Đồng Văn"]),
        # the government in lower case, not an NGO or a bond
        (
            "phi chính phủ; xây dựng chính phủ điện tử; cuộc họp chính phủ; Thanh tra chính phủ, trái phiếu chính phủ",
            ["Chính phủ", "Thanh tra Chính phủ"],
        ),
    ],
)
def test_ministries_in_lower_case_and_branches_of_the_dev7_split(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đoàn công tác làm việc tại Hà Nội Bộ Công an đề nghị", ["Đoàn công tác", "Bộ Công an"]),
        ("bảo vệ chính trị nội Bộ Công an tỉnh", ["Công an tỉnh"]),
        ("Phát hành Trái phiếu Chính phủ năm 2020", []),
    ],
)
def test_title_words_match_whole_and_not_as_a_name_end(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev6: an office named inside a title, in lower case before its owner
        ("ông Tôn Quang Hoàng, phó chánh văn phòng UBND tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("khi ghi chép nội dung cuộc họp của chánh văn phòng Huyện ủy.", ["Văn phòng Huyện ủy"]),
        # dev7: the joint office of a district's council and committee, forest rangers, a central bank branch
        (
            "cán bộ thuộc Văn phòng HĐND-UBND huyện này",
            ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"],
        ),
        ("Các đơn vị gồm Đội quy tắc đô thị, Văn phòng quận Liên Chiểu cũng", ["Văn phòng quận Liên Chiểu"]),
        ("bàn giao lại cho Hạt Kiểm lâm Liên Chiểu. Từ khi", ["Hạt Kiểm lâm Liên Chiểu"]),
        ("Ngân hàng Nhà nước chi nhánh tỉnh Kon Tum chỉ đạo", ["Ngân hàng Nhà nước chi nhánh tỉnh Kon Tum"]),
        # dev8: a Party committee of a department, traffic inspectors, the state treasury, rangers
        (
            "vào tháng 9-2017 Đảng ủy Sở GTVT TP Cần Thơ đã triển khai",
            ["Đảng ủy Sở Giao thông vận tải thành phố Cần Thơ"],
        ),
        (
            "gồm đội TTGT Bình Thủy, Đội TTGT quận Cái Răng",
            ["Đội Thanh tra giao thông Bình Thủy", "Đội Thanh tra giao thông quận Cái Răng"],
        ),
        ("giao Sở Tài chính, kho bạc nhà nước khẩn trương", ["Sở Tài chính", "Kho bạc Nhà nước"]),
        ("thay Hạt trưởng hạt Kiểm lâm huyện này. Hạt Kiểm lâm đã", ["Hạt Kiểm lâm huyện", "Hạt Kiểm lâm"]),
        # review: a person's name after a body is no owner; a province without its level word owns
        ("Hạt trưởng Hạt Kiểm lâm Trần Văn Nam cho biết", ["Hạt Kiểm lâm"]),
        ("Đội trưởng Đội TTGT Bình Thủy Lê Văn Bình", ["Đội Thanh tra giao thông Bình Thủy"]),
        ("NHNN chi nhánh Đà Nẵng cho biết", ["Ngân hàng Nhà nước chi nhánh Đà Nẵng"]),
        ("ông A, Chánh Thanh tra giao thông", []),
        # an office without an owner is no body
        ("làm việc tại văn phòng công ty", []),
        # dev9: port authorities
        ("Cảng vụ Đà Nẵng cũng đã lắp đặt loa. Giám đốc Cảng vụ cho biết", ["Cảng vụ Đà Nẵng", "Cảng vụ"]),
        # dev10: the Party committees of a bloc of agencies, a committee's executive board, and
        # "Cơ quan điều tra" as CQĐT or with its owner (the generic words stay out)
        (
            "Đảng ủy Khối các cơ quan tỉnh Quảng Trị vừa kỷ luật. Ban Thường vụ Đảng ủy Khối các cơ quan "
            "tỉnh nhận thấy, không có ý kiến hiệp y của Đảng ủy Khối",
            [
                "Đảng ủy Khối các cơ quan tỉnh Quảng Trị",
                "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
                "Đảng ủy Khối",
            ],
        ),
        ("45 thành viên ban Chấp hành Thành ủy Đà Nẵng có mặt", ["Ban Chấp hành Thành ủy Đà Nẵng"]),
        (
            "kiến nghị CQĐT xem xét; cơ quan điều tra Công an tỉnh Hòa Bình đã; Cơ quan điều tra, truy tố, xét "
            "xử cần phối hợp",
            ["Cơ quan điều tra", "Cơ quan điều tra Công an tỉnh Hòa Bình"],
        ),
    ],
)
def test_offices_rangers_and_bank_branches(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev8, dev9: a Party committee shares the place a list of bodies ends with, at its own level
        (
            "Chiều 5/6, Tỉnh ủy, UBND tỉnh Thanh Hóa tổ chức hội nghị",
            ["Tỉnh ủy tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh Thanh Hóa"],
        ),
        (
            "Quận ủy, UBND, MTTQ quận 2 đã họp",
            ["Quận ủy quận 2", "Ủy ban nhân dân quận 2", "Mặt trận Tổ quốc quận 2"],
        ),
        (
            "trong đơn gửi Thành ủy, UBND TP HCM",
            ["Thành ủy thành phố Hồ Chí Minh", "Ủy ban nhân dân thành phố Hồ Chí Minh"],
        ),
        # not a place of another level, nor a place without its name
        ("Tỉnh ủy, UBND huyện Thọ Xuân họp", ["Tỉnh ủy", "Ủy ban nhân dân huyện Thọ Xuân"]),
        ("Huyện ủy, UBND huyện đã họp", ["Huyện ủy", "Ủy ban nhân dân huyện"]),
        # nor each place of a list
        (
            "Tỉnh ủy, UBND các tỉnh Thanh Hóa và Nghệ An họp",
            ["Tỉnh ủy", "Ủy ban nhân dân tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh Nghệ An"],
        ),
    ],
)
def test_a_party_committee_shares_the_place_of_a_list(text: str, expected: list[str]) -> None:
    assert _names(text) == expected
