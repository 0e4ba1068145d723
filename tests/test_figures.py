"""Tests for pipeline.nlp.figures: percentages and counts with what they measure, on the seeds' sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp.figures import Figure, extract_figures
from pipeline.nlp.text import normalize

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


def _seed(prefix: str) -> str:
    """Return a seed article's whole normalised text."""
    return normalize(next(SAMPLES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_004() -> list[Figure]:
    """Return the figures of seed 004, debris included."""
    return extract_figures(_seed("004"))


def _plain(figures: list[Figure]) -> list[tuple[str, float, str, str]]:
    """Return figures as (text, value, unit, measure) tuples."""
    return [(f.text, f.value, f.unit, f.measure) for f in figures]


def test_rate_measures_the_clause_before_it(seed_004: list[Figure]) -> None:
    measure = "Tỉ lệ giải quyết hồ sơ tại Bộ phận Một cửa đạt yêu cầu giải quyết đúng hạn và trước hạn"
    assert ("98,4%", 98.4, "%", measure) in _plain(seed_004)


def test_share_after_chiem_ti_le(seed_004: list[Figure]) -> None:
    assert ("1,6%", 1.6, "%", "hồ sơ trễ hạn") in _plain(seed_004)


def test_span_points_at_the_figure(seed_004: list[Figure]) -> None:
    text = _seed("004")
    assert all(text[slice(*f.span)] == f.text for f in seed_004 if f.span)


def test_dates_and_document_numbers_are_no_figures(seed_004: list[Figure]) -> None:
    assert [f.text for f in seed_004] == ["04", "98,4%", "1,6%", "100%", "80%"]


def test_counts_measure_the_noun_phrase_after_them() -> None:
    text = (
        "Tính đến thời điểm này đã giải quyết được 393 thủ tục hành chính thuộc thẩm quyền cấp huyện "
        "và giải quyết 907 thủ tục của các cơ quan ngành dọc, "
        "đưa 359 thủ tục hành chính trên 18 lĩnh vực vào giải quyết"
    )
    assert _plain(extract_figures(text)) == [
        ("393", 393.0, "count", "thủ tục hành chính"),
        ("907", 907.0, "count", "thủ tục"),
        ("359", 359.0, "count", "thủ tục hành chính"),
        ("18", 18.0, "count", "lĩnh vực"),
    ]


def test_service_level_is_no_figure() -> None:
    text = "100% thủ tục hành chính thực hiện dịch vụ công trực tuyến mức độ 3,4 đều được giải quyết"
    assert _plain(extract_figures(text)) == [("100%", 100.0, "%", "thủ tục hành chính")]


def test_thousands_and_money() -> None:
    text = "Tổng công ty thu về 1.200 tỷ đồng, tiếp nhận 1.000 hồ sơ."
    assert _plain(extract_figures(text)) == [
        ("1.200 tỷ đồng", 1.2e12, "VND", "Tổng công ty thu về"),
        ("1.000", 1000.0, "count", "hồ sơ"),
    ]


def test_page_counters_are_no_figures() -> None:
    assert extract_figures("Ngày đăng 19/09/2019 | 11:24  | Lượt xem: 342") == []
