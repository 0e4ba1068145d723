"""URLs and URL-list files as inputs: one polite fetch each, the crawler's article extraction."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.ingest.errors import IngestFailure
from pipeline.ingest.fetch import Fetcher
from pipeline.ingest.urls import is_url, load_url, load_url_list
from pipeline.model import RawDocument

ARTICLE = "/tin-tuc/kiem-tra-cong-tac-cai-cach-hanh-chinh-tai-cac-xa-huyen-phu-luong-1003.html"
TITLE = "Kiểm tra công tác Cải cách hành chính tại các xã trên địa bàn huyện Phú Lương"


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


def test_a_url_list_file(site, tmp_path):
    listing = tmp_path / "portal.urls"
    listing.write_text(f"# ward portal\n{site.base}{ARTICLE}\n\nnot a url\n", encoding="utf-8")
    items = list(load_url_list(listing, "portal.urls", _fetcher()))
    assert [type(i).__name__ for i in items] == ["RawDocument", "IngestFailure"]
    assert items[1] == IngestFailure("portal.urls:4", "not an http(s) URL: 'not a url'")


def test_extract_takes_a_url(site):
    result = CliRunner().invoke(main, ["extract", site.base + ARTICLE])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"] == site.base + ARTICLE
    assert record["published"] == "2020-08-13"
    assert [loc["name"] for loc in record["localities"]] == ["Phú Lương", "Đu", "Vô Tranh"]
