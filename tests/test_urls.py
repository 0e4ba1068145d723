"""URLs and URL-list files as inputs: one polite fetch each, the crawler's article extraction."""

from __future__ import annotations

import codecs
import json

import pytest
from click.testing import CliRunner
from sitesrv import PORTAL, Reply, serving

from pipeline.cli import main
from pipeline.ingest.encoding import encode_cp1258
from pipeline.ingest.errors import IngestFailure
from pipeline.ingest.fetch import Fetcher
from pipeline.ingest.files import iter_documents
from pipeline.ingest.sites import profile_for, site_profile
from pipeline.ingest.urls import is_url, load_url, load_url_list
from pipeline.model import RawDocument

ARTICLE = "/tin-tuc/kiem-tra-cong-tac-cai-cach-hanh-chinh-tai-cac-xa-huyen-phu-luong-1003.html"
TITLE = "Kiểm tra công tác Cải cách hành chính tại các xã trên địa bàn huyện Phú Lương"
MOVED = "/tin-cu.aspx?id=1001"  # the portal answers 301 to the article below, which has no canonical link
MOVED_TO = "/tin-tuc/giam-sat-hoat-dong-cua-trung-tam-hanh-chinh-cong-cac-cap-1001.html"


def _fetcher() -> Fetcher:
    return Fetcher(per_host_delay=0.02, timeout=0.5, retries=1, backoff=0.01)


def test_is_url():
    assert is_url("https://ubnd.example.vn/tin-tuc/1.html") and is_url("HTTP://x.vn")
    assert not is_url("corpora/samples/000.txt")


def test_an_article_url_gives_its_cleaned_article(site):
    [doc] = load_url(site.base + ARTICLE, _fetcher())
    assert isinstance(doc, RawDocument)
    assert doc.source == site.base + ARTICLE
    assert doc.title == TITLE
    assert doc.published == "2020-08-13"
    assert "Thống kê truy cập" not in doc.text and "xã Vô Tranh" in doc.text


def test_a_dead_url_is_a_failure_with_its_reason(site):
    [failure] = load_url(site.base + "/tin-tuc/khong-co-trang-nay-404.html", _fetcher())
    assert failure == IngestFailure(site.base + "/tin-tuc/khong-co-trang-nay-404.html", "HTTP 404")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (
            "application/json; charset=utf-8",
            json.dumps({"title": TITLE, "content": "Đoàn kiểm tra làm việc tại xã Vô Tranh. " * 20}).encode(),
        ),
        ("application/pdf", b"%PDF-1.4\n1 0 obj << /Title (Bao cao giam sat) >> endobj\n"),
    ],
    ids=["json", "pdf"],
)
def test_a_200_reply_that_is_not_html_is_a_failure_with_its_type(content_type: str, body: bytes):
    """A portal's JSON API or a PDF answering 200 is refused as the crawler refuses it, not stored as an article."""
    with serving({"/api/tin-tuc/1003": Reply(200, {"Content-Type": content_type}, body)}) as server:
        url = server.base + "/api/tin-tuc/1003"
        items = list(load_url(url, _fetcher()))
    assert items == [IngestFailure(url, f"not an HTML page ({content_type.split(';')[0]})")]


def test_the_canonical_url_the_page_declares_is_kept(site):
    """The page's <link rel=canonical> is its URL; the fetched URL (after redirects) stands in only without one."""
    canonical = "https://phutai-test.example.vn" + MOVED_TO
    page = (PORTAL / MOVED_TO.lstrip("/")).read_bytes()
    page = page.replace(b"</head>", f'<link rel="canonical" href="{canonical}"></head>'.encode(), 1)
    with serving({MOVED_TO: Reply(200, {"Content-Type": "text/html; charset=utf-8"}, page)}) as server:
        [declared] = load_url(server.base + MOVED_TO, _fetcher())
    assert isinstance(declared, RawDocument)
    assert (declared.source, declared.url) == (server.base + MOVED_TO, canonical)
    [moved] = load_url(site.base + MOVED, _fetcher())
    assert isinstance(moved, RawDocument)
    assert (moved.source, moved.url) == (site.base + MOVED, site.base + MOVED_TO)


def test_profile_for_picks_the_host_profile():
    """URL inputs and the crawler share one lookup: the host's profile ("www." ignored), else the default."""
    host = site_profile("phutai-test.example.vn")
    assert profile_for("https://www.phutai-test.example.vn/tin-tuc/bai-1003.html") == host
    assert profile_for("https://ubnd.example.vn/tin-tuc/bai-1.html") == site_profile()
    assert profile_for("http://127.0.0.1:8080/tin-tuc/bai.html", {"127.0.0.1": host}) == host


def test_a_url_list_file(site, tmp_path):
    listing = tmp_path / "portal.urls"
    listing.write_text(f"# ward portal\n{site.base}{ARTICLE}\n\nnot a url\n", encoding="utf-8")
    items = list(load_url_list(listing.read_bytes(), "portal.urls", _fetcher()))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestFailure"]
    assert items[1] == IngestFailure("portal.urls:4", "not an http(s) URL: 'not a url'")


def test_a_url_list_with_a_utf8_bom_reads_its_first_url(site, tmp_path):
    """Windows editors save lists with a BOM; read as plain UTF-8 it glued itself to the first URL."""
    listing = tmp_path / "bom.urls"
    listing.write_bytes(codecs.BOM_UTF8 + f"{site.base}{ARTICLE}\r\n".encode())
    [doc] = load_url_list(listing.read_bytes(), "bom.urls", _fetcher())
    assert isinstance(doc, RawDocument) and doc.title == TITLE


def test_a_windows_1258_url_list_is_decoded_like_other_text_files(tmp_path):
    """A list saved in Windows-1258 is read, not a UnicodeDecodeError: its lines come out as Vietnamese."""
    listing = tmp_path / "cp1258.urls"
    listing.write_bytes(encode_cp1258("# Danh sách bài báo của phường\nkhông phải địa chỉ\n"))
    assert list(iter_documents([listing])) == [
        IngestFailure(f"{listing}:2", "not an http(s) URL: 'không phải địa chỉ'")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "# Liste des pages à vérifier\nhttps://x.vn/a.html\n".encode("latin-1"),
            "not valid text in any known encoding",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (not text)"),
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (
            b"# to do: add the ward portal\n\n# nothing yet\n",
            "no URL in the file (only blank lines and comments)",
        ),
    ],
    ids=["latin-1", "binary", "empty", "blank", "comments-only"],
)
def test_a_bad_url_list_is_one_recorded_failure(tmp_path, content: bytes, reason: str):
    """Undecodable, binary or URL-less lists fail like any other bad file: one failure, no exception."""
    listing = tmp_path / "bad.urls"
    listing.write_bytes(content)
    assert list(iter_documents([listing])) == [IngestFailure(str(listing), reason)]


def test_a_missing_url_list_is_a_missing_file_like_any_other_input(tmp_path):
    """Read by the same reader as every file: "missing file", not an OS error's wording."""
    listing = tmp_path / "gone.urls"
    assert list(iter_documents([listing])) == [IngestFailure(str(listing), "missing file")]


def test_extract_takes_a_url(site):
    result = CliRunner().invoke(main, ["extract", site.base + ARTICLE])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"] == site.base + ARTICLE
    assert record["published"] == "2020-08-13"
    assert [loc["name"] for loc in record["localities"]] == ["Phú Lương", "Đu", "Vô Tranh"]
