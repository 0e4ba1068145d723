"""Tests for pipeline.nlp.people: leaders, titles, roles and authors on the seeds' own sentences."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.nlp.people import extract_people
from pipeline.nlp.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))
CORPORA = Path(os.environ.get("GIAMSAT_CORPORA", ROOT.parent / "shared" / "corpora"))


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


GENRE = CORPORA / "vi-news-supervision-genre-subset" / "supervision_genre.jsonl"


@pytest.mark.skipif(not GENRE.is_file(), reason="set GIAMSAT_CORPORA to the shared corpora to run this")
def test_genre_corpus_caption() -> None:
    rows = [json.loads(line) for line in GENRE.read_text(encoding="utf-8").splitlines()]
    text = normalize(next(r["text"] for r in rows if "Tòng Thị Phóng" in r["text"]))
    leaders, _ = extract_people(text)
    person = next(p for p in leaders if p.name == "Tòng Thị Phóng")
    assert person.titles == ["Phó Chủ tịch thường trực Quốc hội"]
