"""Tests for pipeline.gazetteer: units of both eras, lookups by folded name, the 2025 mapping."""

from __future__ import annotations

import pytest

from pipeline.gazetteer import CURRENT, LEGACY, Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """Return the gazetteer, built once for the module."""
    return load_gazetteer()


def test_counts_per_era_and_level(gazetteer: Gazetteer) -> None:
    units = list(gazetteer)
    legacy_provinces = [u for u in units if u.era == LEGACY and u.parent_code is None]
    current_provinces = [u for u in units if u.era == CURRENT and u.parent_code is None]
    legacy_communes = [u for u in units if u.era == LEGACY and u.level in ("phường", "xã", "thị trấn")]
    assert (len(legacy_provinces), len(current_provinces)) == (63, 34)
    assert len(legacy_communes) == 10035
    assert len([u for u in units if u.era == CURRENT and u.parent_code is not None]) == 3321


def test_find_matches_folded_names(gazetteer: Gazetteer) -> None:
    expected = [("05980", "phường", LEGACY, "Lạng Sơn"), ("12748", "xã", LEGACY, "Thái Bình")]
    for query in ("Đông Kinh", "Đông kinh", "dong kinh"):
        found = gazetteer.find(query, era=LEGACY)
        assert [(u.code, u.level, u.era, u.province_name) for u in found] == expected


def test_find_filters_level_and_era(gazetteer: Gazetteer) -> None:
    assert [u.code for u in gazetteer.find("Vô Tranh", level="xã", era=LEGACY)] == ["05647", "07489", "08131"]
    assert [u.code for u in gazetteer.find("Vô Tranh", era=CURRENT)] == ["05641"]
    assert [(u.code, u.level) for u in gazetteer.find("Lạng Sơn", level="thành phố")] == [
        ("178", "thành phố")
    ]


def test_numbered_wards_and_aliases(gazetteer: Gazetteer) -> None:
    assert [u.code for u in gazetteer.find("10", level="quận")] == ["771"]
    assert {(u.era, u.code) for u in gazetteer.find("HCM")} == {(LEGACY, "79"), (CURRENT, "79")}


def test_unit_and_ancestors(gazetteer: Gazetteer) -> None:
    unit = gazetteer.unit("05647")
    assert unit is not None and (unit.name, unit.level, unit.parent_code) == ("Vô Tranh", "xã", "168")
    assert [(a.name, a.level) for a in gazetteer.ancestors(unit)] == [
        ("Phú Lương", "huyện"),
        ("Thái Nguyên", "tỉnh"),
    ]
    assert gazetteer.unit("05647", CURRENT) is None
    assert gazetteer.unit("00004", CURRENT).name != gazetteer.unit("00004", LEGACY).name


def test_descendants_cover_all_levels(gazetteer: Gazetteer) -> None:
    quang_ninh = gazetteer.unit("22")
    below = gazetteer.descendants(quang_ninh)
    assert {u.level for u in below} == {"thành phố", "thị xã", "huyện", "phường", "xã", "thị trấn"}
    assert gazetteer.unit("198") in below and gazetteer.unit("06793", LEGACY) in below


def test_successors_and_predecessors(gazetteer: Gazetteer) -> None:
    vo_tranh = gazetteer.unit("05647")
    [successor] = gazetteer.successors(vo_tranh)
    assert (successor.era, successor.code, successor.name) == (CURRENT, "05641", "Vô Tranh")
    assert [u.name for u in gazetteer.predecessors(successor)] == [
        "Phú Đô",
        "Tức Tranh",
        "Vô Tranh",
        "Cổ Lũng",
    ]
    assert [u.code for u in gazetteer.successors(gazetteer.unit("20"))] == ["20"]
    assert gazetteer.successors(successor) == []


def test_related_codes_span_both_eras(gazetteer: Gazetteer) -> None:
    codes = gazetteer.related_codes("tỉnh Quảng Ninh")
    assert {(LEGACY, "22"), (LEGACY, "198"), (CURRENT, "22")} <= codes
    assert {era for era, _ in codes} == {LEGACY, CURRENT}
    assert (LEGACY, "456") not in codes  # huyện Quảng Ninh of Quảng Bình, excluded by the level word
    assert (LEGACY, "456") in gazetteer.related_codes("Quảng Ninh")
    district = gazetteer.related_codes("huyện Phú Lương")
    assert {(LEGACY, "168"), (LEGACY, "05647"), (CURRENT, "05641")} <= district
    assert not any(code == "19" for _, code in district)


def test_former_communes_keep_every_province_their_name_was_used_in(gazetteer: Gazetteer) -> None:
    became = gazetteer.former("Văn Miếu", "phường")
    assert {(u.province_name, u.name) for u in became} == {("Hà Nội", "Đống Đa"), ("Nam Định", "Nam Định")}
    # a successor named with its level where two districts of the province share the name
    assert [(u.level, u.name) for u in gazetteer.former("Kỳ Nam", "xã")] == [("thị xã", "Kỳ Anh")]
