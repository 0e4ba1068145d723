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


def _page(title: str, body: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


CAPTIONS = [
    "Nhiều người không thể nhận ra hoa hậu khi cô xuất hiện trong đêm chung kết năm nay tại Las Vegas.",
    "Hình ảnh mới của cô rất khác so với những đêm trước đó, mái tóc vừa cắt ngắn không hợp.",
    "Năm ngoái, cô từng gây bất ngờ khi đăng quang, vượt qua rất nhiều nhan sắc nổi trội khác.",
    "Cô xinh tươi xuất hiện trong buổi đấu giá tranh từ thiện cùng các thí sinh của cuộc thi.",
]


def test_photo_captions_in_tables_of_their_own_are_one_body() -> None:
    tables = "".join(
        f"<table class='showborder'><tr><td><img src='{i}.jpg'></td></tr><tr><td class='Image'>{c}</td></tr>"
        "</table>"
        for i, c in enumerate(CAPTIONS)
    )
    body = (
        "<div class='nav'><a href='/'>Trang chủ</a> <a href='/sao'>Hậu trường</a></div>"
        "<div class='detail'><h1>Hoa hậu gây sốc với hình ảnh mới</h1>"
        "<h2 class='Lead'>Người đẹp gây thất vọng với vẻ ngoài già và kém duyên khi xuất hiện trong đêm chung kết.</h2>"
        f"{tables}<p><strong>H.V.</strong></p></div>"
        "<div class='other'><ul><li><a href='/1'>Tin khác một</a></li><li><a href='/2'>Tin khác hai</a></li></ul></div>"
    )
    doc = extract_html(_page("Hoa hậu gây sốc với hình ảnh mới: Tin, Video clip", body))
    assert doc.title == "Hoa hậu gây sốc với hình ảnh mới"
    assert "vẻ ngoài già và kém duyên" in doc.text
    assert all(caption in doc.text for caption in CAPTIONS)
    assert doc.text.endswith("H.V.")
    assert "Tin khác" not in doc.text


def _gallery(count: int) -> str:
    """Return a page whose body is ``count`` photo captions, one small table each."""
    tables = "".join(
        f"<table><tr><td><img src='{i}.jpg'></td></tr><tr><td>{CAPTIONS[i % len(CAPTIONS)]}</td></tr></table>"
        for i in range(count)
    )
    return _page("Ảnh", f"<div class='detail'>{tables}</div>")


def test_caption_tables_are_read_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each caption used to re-read every sibling table's text (800 tables: 2.7 s); count the reads instead
    of timing them, so the test is exact on any machine: four times the tables, about four times the reads."""
    from lxml import html as lxml_html

    from pipeline.ingest import html

    reads = 0
    text_of = html._text_of

    def counting(element):  # noqa: ANN001, ANN202 - a spy with the wrapped function's signature
        nonlocal reads
        reads += 1
        return text_of(element)

    monkeypatch.setattr(html, "_text_of", counting)
    counts = []
    for tables in (100, 400):
        tree = lxml_html.document_fromstring(_gallery(tables))
        reads = 0
        block = html.main_block(tree)
        assert block is not None and block.get("class") == "detail"
        counts.append(reads)
    assert counts[1] < 5 * counts[0], counts


BODY = "".join(
    f"<p>{s}</p>"
    for s in (
        "Có khoảng 30.000 cư dân tại một khu phố buồn tẻ của thủ đô, còn được biết tới với cái tên Làng Thi cử.",
        "Giới trẻ không dễ gì tìm được một công việc ổn định, đặc biệt là những người tốt nghiệp các trường nhỏ.",
        "Nhiều người đã ở đây nhiều năm, học mười lăm tiếng mỗi ngày trong những căn phòng chỉ vài mét vuông.",
    )
)
LEAD = "(GD) - Làng Thi cử là nơi các sinh viên đổ xô tới ôn luyện trước kỳ thi tuyển công chức tại Seoul."


def test_lead_and_source_line_outside_the_body_block_are_kept() -> None:
    body = (
        "<div class='box'><div class='top'><h1 class='title'>Đột nhập lò luyện thi công chức</h1>"
        "<div class='publication_date'>Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)</div>"
        f"<div class='head-noidung'>{LEAD}</div></div>"
        f"<div class='container'><div class='text'><div>{BODY}</div></div>"
        "<div class='nguontin'>Theo Sầm Hoa (Vietnamnet)<div class='rate'>(6816 bình chọn, 9/10 điểm)</div></div>"
        "</div></div><h3>Tin cùng mục</h3><ul><li><a href='/x'>Bài khác</a></li></ul>"
    )
    doc = extract_html(_page("Đột nhập lò luyện thi công chức-lo luyen thi cong chuc", body))
    assert doc.title == "Đột nhập lò luyện thi công chức"  # the <h1>, not the <title> with its SEO suffix
    assert doc.published == "2012-12-24"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:2] == ["Đột nhập lò luyện thi công chức", LEAD]
    assert paragraphs[-1] == "Theo Sầm Hoa (Vietnamnet)"
    assert "GMT" not in doc.text and "bình chọn" not in doc.text and "Tin cùng mục" not in doc.text


def test_byline_and_marked_lead_next_to_the_body() -> None:
    body = (
        "<div class='main'><span class='timer'>Thứ Hai, 24/12/2012 15:02</span>"
        f"<p class='sapo'>{LEAD}</p><div class='content'>{BODY}</div><div>K. Miên</div>"
        "<div class='label'><span>GỬI PHẢN HỒI</span></div></div>"
    )
    doc = extract_html(_page("Tin tức", body))
    assert LEAD in doc.text
    assert doc.text.endswith("K. Miên")
    assert "GỬI PHẢN HỒI" not in doc.text and "15:02" not in doc.text


def test_headline_next_to_the_body_beats_the_site_banner_h1() -> None:
    body = (
        "<div id='logo'><h1>Trang thông tin dành cho giới trẻ - VnExpress iOne</h1></div>"
        "<div class='crumb'><h2>Ảnh</h2></div>"
        f"<div class='dtContent'><h3 class='Title'>Những người khổ hạnh vì bệnh lạ</h3>{BODY}</div>"
    )
    title = "Những người khổ hạnh vì bệnh lạ - Ảnh | Trang thông tin dành cho giới trẻ - VnExpress iOne"
    doc = extract_html(_page(title, body))
    assert doc.title == "Những người khổ hạnh vì bệnh lạ"
    assert doc.text.startswith("Những người khổ hạnh vì bệnh lạ\n\n")
    assert "VnExpress iOne" not in doc.text


HEADLINE = "Đoàn giám sát làm việc tại xã Phú Đô"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (  # a section label under the headline, the last part of the <title>
            f"{HEADLINE} - Tin tức sự kiện",
            f"<div class='detail'><h1>{HEADLINE}</h1><h2>Tin tức sự kiện</h2>{BODY}</div>",
        ),
        (  # a breadcrumb heading above a headline that is no heading, a middle part of the <title>
            f"{HEADLINE} - Tin tức sự kiện - UBND xã Phú Đô",
            f"<div class='crumb'><h2>Tin tức sự kiện</h2></div>"
            f"<div class='detail'><div class='title'>{HEADLINE}</div>{BODY}</div>",
        ),
    ],
    ids=["label-at-the-end", "breadcrumb-in-the-middle"],
)
def test_breadcrumb_heading_inside_the_title_is_not_the_headline(title: str, body: str) -> None:
    """A heading whose text the <title> only ends with or holds in its middle is a section label, not the
    headline: it used to replace the headline because the <title> contained it."""
    doc = extract_html(_page(title, body))
    assert doc.title == HEADLINE
    assert doc.text.startswith(f"{HEADLINE}\n\n")


def test_headline_heading_after_the_site_name_in_the_title() -> None:
    """A <title> that opens with the site's name still names the heading as the headline, so the lead
    between the headline and the body is kept."""
    lead = "<p class='sapo'>Chiều 5/3, đoàn giám sát của HĐND huyện làm việc với xã.</p>"
    body = f"<div class='detail'><h1>{HEADLINE}</h1>{lead}{BODY}</div>"
    doc = extract_html(_page(f"Cổng thông tin điện tử huyện Thanh Trì | {HEADLINE}", body))
    assert doc.title == HEADLINE
    assert doc.text.startswith(f"{HEADLINE}\n\nChiều 5/3, đoàn giám sát")


def test_forum_line_under_the_headline_and_reader_prompt_are_left_out() -> None:
    body = (
        "<div class='titleBar'><h1>[Vui vẻ] Chuyện giữa 2 người trên Facebook</h1>"
        "<p class='muted'>Thảo luận trong '<a href='/f'>Dịch vụ trực tuyến</a>' bắt đầu bởi "
        "<a href='/m'>cuLong</a>, <a href='/t'>14/12/12</a>.</p></div>"
        f"<div class='post'>{BODY}<p>Chia sẻ bài viết của bạn về môi trường <a href='/contact'>tại đây</a>.</p></div>"
    )
    doc = extract_html(_page("[Vui vẻ] Chuyện giữa 2 người trên Facebook | Tinhte.vn", body))
    assert doc.title == "[Vui vẻ] Chuyện giữa 2 người trên Facebook"
    assert "Thảo luận" not in doc.text
    assert "Chia sẻ bài viết" not in doc.text
    assert doc.text.endswith("chỉ vài mét vuông.")


@pytest.mark.corpora
@pytest.mark.skipif(not PAGES.is_dir(), reason=f"shared corpus not found at {PAGES} (set GIAMSAT_CORPORA)")
def test_real_page_captions_in_tables_ngoisao() -> None:
    doc = extract_html((PAGES / "ngoisao1.html").read_bytes())
    assert doc.title == "Hoa hậu Hoàn vũ 2011 gây sốc với hình ảnh xấu xí"
    assert "Leila Lopes gây thất vọng" in doc.text  # the lead
    assert "Kiểu tóc này khiến cô trông rất sang trọng" in doc.text  # the last caption
    assert "Tin liên quan" not in doc.text and "Xem tiếp" not in doc.text


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "<link rel='canonical' href='/tin-tuc/giam-sat-1001.html'>",
            "https://ubnd.example.vn/tin-tuc/giam-sat-1001.html",
        ),
        ("<meta property='og:url' content='bai-viet.html'>", "https://ubnd.example.vn/tin/bai-viet.html"),
        ("<link rel='canonical' href='https://khac.example.vn/a.html'>", "https://khac.example.vn/a.html"),
        ("", "https://ubnd.example.vn/tin/trang.aspx?id=1"),
        # a canonical no URL parser reads is the site's mistake: the page keeps the URL it came from
        ("<link rel='canonical' href='http://[bad'>", "https://ubnd.example.vn/tin/trang.aspx?id=1"),
    ],
)
def test_a_relative_canonical_url_is_resolved_against_the_page_s(link: str, expected: str) -> None:
    page = _page(HEADLINE, f"<div class='detail'><h1>{HEADLINE}</h1>{BODY}</div>").replace(
        "</head>", f"{link}</head>"
    )
    assert extract_html(page, url="https://ubnd.example.vn/tin/trang.aspx?id=1").url == expected
