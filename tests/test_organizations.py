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
