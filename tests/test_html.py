"""Tests for pipeline.ingest.html: a portal page around seed 003, and the real 2012 news pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.errors import EmptyInput
from pipeline.ingest.html import extract_html, strip_site_banner
from pipeline.paths import shared_corpora

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PORTAL = FIXTURES / "html" / "portal_seed003.html"
CORPORA = shared_corpora()
PAGES = CORPORA / "html-vn-news-pages-2012-myfeed"


def test_portal_page_gives_the_seed_article_without_debris() -> None:
    doc = extract_html(PORTAL.read_bytes(), url="https://phuluong.example.vn/x")
    expected = (FIXTURES / "clean" / "003_971c450b2f52bb86.txt").read_text(encoding="utf-8").rstrip("\n")
    assert doc.text == expected
    assert doc.title == "Kiểm tra công tác Cải cách hành chính tại các xã trên địa bàn huyện Phú Lương"
    assert doc.published == "2020-08-13"
    assert doc.url == "https://phuluong.example.vn/tin-tuc/kiem-tra-cchc-2020.html"
    for debris in ("Tin liên quan", "Thăm dò", "Thống kê truy cập", "Trang chủ", "Bản quyền", "Đăng nhập"):
        assert debris not in doc.text


def test_page_as_str_and_bytes_agree() -> None:
    assert extract_html(PORTAL.read_text(encoding="utf-8")) == extract_html(PORTAL.read_bytes())


def test_headline_fallback_without_meta() -> None:
    page = (
        "<html><head><title>Tin tức | Cổng TTĐT phường Phú Tài</title></head><body>"
        "<p>Trang chủ</p><div><p>"
        + "Tổ kiểm tra đã tổ chức kiểm tra 04 đợt về công tác cải cách hành chính. " * 4
        + "</p></div></body></html>"
    )
    doc = extract_html(page)
    assert doc.title == "Cổng TTĐT phường Phú Tài" or doc.title == "Tin tức"
    assert doc.published is None
    assert "04 đợt" in doc.text


def test_strip_site_banner() -> None:
    assert (
        strip_site_banner("Chốt lịch nghỉ lễ Tết 2013 của công chức - Dân trí", "Dân trí")
        == "Chốt lịch nghỉ lễ Tết 2013 của công chức"
    )
    assert (
        strip_site_banner("Báo Mới | Giám sát bộ phận một cửa tại huyện Bình Liêu")
        == "Giám sát bộ phận một cửa tại huyện Bình Liêu"
    )


def test_legacy_encoded_page_is_decoded() -> None:
    page = PORTAL.read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    import sys

    sys.path.insert(0, str(FIXTURES))
    from pipeline.ingest.encoding import encode_cp1258

    doc = extract_html(encode_cp1258(page))
    assert doc.title == "Kiểm tra công tác Cải cách hành chính tại các xã trên địa bàn huyện Phú Lương"


def test_page_without_text_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        extract_html("<html><body><ul class='menu'><li><a href='/'>Trang chủ</a></li></ul></body></html>")


@pytest.mark.corpora
@pytest.mark.skipif(not PAGES.is_dir(), reason=f"shared corpus not found at {PAGES} (set GIAMSAT_CORPORA)")
def test_real_page_dantri() -> None:
    doc = extract_html((PAGES / "dantri1.html").read_bytes())
    assert doc.title == "Chốt lịch nghỉ lễ Tết 2013 của công chức, viên chức"
    assert doc.published == "2012-12-25"
    assert "nghỉ Tết Dương lịch" in doc.text
    assert "Thống kê" not in doc.text and "Đăng nhập" not in doc.text
