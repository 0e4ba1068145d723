"""Tests for pipeline.ingest.clean: each seed against its hand-written expected text, and each rule alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.clean import (
    clean_text,
    drop_blocks,
    drop_repeated,
    is_debris_line,
    is_slogan_banner,
    strip_widget_fragments,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))
EXPECTED = ROOT / "tests" / "fixtures" / "clean"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_cleans_to_hand_written_text(seed: Path) -> None:
    expected = (EXPECTED / seed.name).read_text(encoding="utf-8").rstrip("\n")
    assert clean_text(seed.read_text(encoding="utf-8")) == expected


def test_date_is_kept_when_view_counter_is_cut() -> None:
    assert (
        strip_widget_fragments("Ngày đăng 19/09/2019 | 11:24  | Lượt xem: 342")
        == "Ngày đăng 19/09/2019 | 11:24"
    )
    assert strip_widget_fragments("Lượt xem: 342") == ""
    assert strip_widget_fragments("Số lượt xem của đoàn giám sát") == "Số lượt xem của đoàn giám sát"


@pytest.mark.parametrize(
    "line",
    [
        "tin mới nhất",
        "Đăng nhập",
        "Truy cập nội dung luôn",
        "image banner",
        "anh tin bai",
        ".",
        " . ",
        "» Tin khác về cải cách hành chính",
    ],
)
def test_widget_lines_are_debris(line: str) -> None:
    assert is_debris_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Đức Cường",
        "Thainguyen.gov.vn",
        "13-08-2020 16:47",
        "Kiểm tra tại bộ phận 1 cửa thị trấn Đu",
        "Tin liên quan đến vụ việc đã được báo cáo.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_debris_line(line)


def test_slogan_banner() -> None:
    banner = "Đảng Cộng sản Việt Nam muôn năm     Tuyệt đối trung thành     " * 3
    assert is_slogan_banner(banner)
    assert not is_slogan_banner("Đảng Cộng sản Việt Nam muôn năm     Tuyệt đối trung thành")


def test_counter_block_and_related_links_are_dropped_but_text_after_them_stays() -> None:
    lines = [
        "Bài viết.",
        "Thống kê truy cập",
        "  • Hôm nay: 1",
        "• Tổng lượt truy cập: 1",
        "Tin liên quan",
        "Hội nghị triển khai nhiệm vụ năm 2020",
        "",
        "Phú Lương nâng cao chỉ số hài lòng",
        "Đoàn kiểm tra đề nghị xã khắc phục hạn chế trong thời gian tới.",
    ]
    assert list(drop_blocks(lines)) == [
        "Bài viết.",
        "Đoàn kiểm tra đề nghị xã khắc phục hạn chế trong thời gian tới.",
    ]


def test_repeated_paragraph_with_other_indentation_is_dropped() -> None:
    para = "Thực hiện Chương trình kiểm tra, giám sát của Ban Thường vụ Thành ủy năm 2022."
    assert list(drop_repeated([para, "", "   " + para, "Ảnh", "Ảnh"])) == [para, "", "Ảnh", "Ảnh"]


def test_blank_runs_become_one_paragraph_break() -> None:
    assert clean_text("\n\nMột.\n\n\n \u00a0\n\nHai.  \n\n") == "Một.\n\nHai."
