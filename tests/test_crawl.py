"""Tests for pipeline.ingest.crawl: a ward portal built from the seeds, and saved news pages, on 127.0.0.1."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils
from sitesrv import PORTAL as SITE
from sitesrv import Portal, Reply, SiteServer, generated_site, saved_pages, serving

from pipeline.ingest.crawl import Crawler, CrawlReport, crawl
from pipeline.ingest.errors import IngestFailure
from pipeline.ingest.fetch import DISALLOWED, Fetcher
from pipeline.ingest.sitemaps import BadSitemap, parse_sitemap
from pipeline.ingest.sites import ARTICLE, LISTING, extract_article, normalize_url, site_profile
from pipeline.paths import shared_corpora

ROOT = Path(__file__).resolve().parent.parent
CORPORA = shared_corpora()
SAVED = CORPORA / "html-vn-news-pages-2012-myfeed"
DELAY = 0.05

A1000 = "/tin-tuc/giam-sat-thuc-hien-chuong-trinh-02-ctr-qu-tai-phuong-thach-ban-va-gia-thuy-1000.html"
A1001 = "/tin-tuc/giam-sat-hoat-dong-cua-trung-tam-hanh-chinh-cong-cac-cap-1001.html"
A1002 = "/tin-tuc/thong-bao-ket-qua-giam-sat-chuyen-de-tai-phuong-dong-kinh-1002.html"
A1003 = "/tin-tuc/kiem-tra-cong-tac-cai-cach-hanh-chinh-tai-cac-xa-huyen-phu-luong-1003.html"
A1004 = "/tin-tuc/phuong-phu-tai-thuc-hien-cong-tac-kiem-tra-noi-bo-ve-cai-cach-hanh-chinh-nam-2024-1004.html"
GONE = "/tin-tuc/hoi-nghi-so-ket-cong-tac-kiem-tra-giam-sat-6-thang-dau-nam-999.html"
SLOW = "/tin-tuc/bao-cao-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2023-998.html"
ADMIN = "/admin/bao-cao-noi-bo-ve-kiem-tra-cong-vu-nam-2024.html"

#: (title, published) of the five articles, by path.
EXPECTED = {
    A1000: (
        "Giám sát công tác lãnh đạo, chỉ đạo và tổ chức thực hiện Chương trình 02-CTr/QU của Quận ủy "
        "năm 2019 tại 2 phường Thạch Bàn và Gia Thụy.",
        "2019-09-19",
    ),
    A1001: ("Giám sát hoạt động của Trung hành chính công các cấp", "2018-05-11"),
    A1002: (
        "Thông báo kết quả giám sát chuyên đề của BTV Thành uỷ đối với ĐU, Bí thư ĐU và Phó Bí thư "
        "ĐU-Chủ tịch UBND phường Đông Kinh, thành phố Lạng Sơn",
        "2022-06-30",
    ),
    A1003: ("Kiểm tra công tác Cải cách hành chính tại các xã trên địa bàn huyện Phú Lương", "2020-08-13"),
    A1004: ("PHƯỜNG PHÚ TÀI THỰC HIỆN CÔNG TÁC KIỂM TRA NỘI BỘ VỀ CẢI CÁCH HÀNH CHÍNH NĂM 2024", None),
}


def new_crawler(db: Path, **options: object) -> Crawler:
    """Return a crawler with test-sized delays and the test portal's profile mapped onto 127.0.0.1.

    One worker, so that the order of fetches (and what the server sees) is the same on every run.
    """
    fetcher = Fetcher(per_host_delay=DELAY, timeout=0.3, retries=2, backoff=0.01)
    profiles = {"127.0.0.1": site_profile("phutai-test.example.vn")}
    return Crawler(str(db), fetcher, profiles=profiles, workers=1, **options)


@dataclass
class Crawled:
    """A finished crawl of the test portal: the crawler, its report and what the server saw."""

    crawler: Crawler
    report: CrawlReport
    server: SiteServer
    db: Path


@pytest.fixture(scope="module")
def crawled(portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    """Return a full crawl of the test portal from its home page, done once for the module."""
    srv = portal.fresh()
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    crawler = new_crawler(db)
    assert crawler.add_seeds([srv.base + "/"]) == 1
    report = crawler.run(max_seconds=30)
    snapshot = SiteServer.__new__(SiteServer)  # keep this crawl's hits; later tests clear the live list
    snapshot.hits, snapshot.base = list(srv.hits), srv.base
    return Crawled(crawler, report, snapshot, db)


def fetch_rows(crawler: Crawler, path: str, base: str) -> list[dict]:
    """Return the fetch rows of one URL of the test server, oldest first."""
    return list(crawler.db["crawl_fetches"].rows_where("url = ?", [base + path], order_by="id"))


def test_crawl_finds_the_five_articles_with_titles_and_dates(crawled: Crawled) -> None:
    docs = {doc.source.removeprefix(crawled.server.base): doc for doc in crawled.crawler.documents()}
    assert {path: (d.title, d.published) for path, d in docs.items()} == EXPECTED
    assert crawled.report.documents == 5
    assert crawled.report.pending == 0
    assert crawled.report.stopped_by == "frontier empty"
    for doc in docs.values():
        assert doc.text.startswith(doc.title.replace("uỷ", "ủy"))  # the text is normalised, the title kept
        for debris in ("Thống kê truy cập", "Tin liên quan", "Lượt xem", "Quang Vinh muôn năm", "Đăng nhập"):
            assert debris not in doc.text
    assert docs[A1001].text.splitlines()[-3:] == [
        "Trước đó đoàn đã công tác đã làm việc tại TP Hạ Long, Cẩm Phả. Việc giám sát nhằm phát huy "
        "những ưu điểm, phát hiện những hạn chế, thiếu sót và nguyên nhân để kịp thời góp ý, uốn nắn, "
        "chấn chỉnh sửa chữa, đồng thời tham mưu, đề xuất, kiến nghị với tỉnh những giái pháp góp phần "
        "nâng cao hiệu quả quản trị và hành chính công, nhất là chỉ số PAPI của tỉnh Quảng Ninh.",
        "",
        "Nguyễn Hưng",
    ]
    assert docs[A1004].text.splitlines()[-1] == "Hùng Nguyễn"


def test_documents_can_be_stored_into_the_same_archive_while_iterating(crawled: Crawled) -> None:
    store = sqlite_utils.Database(crawled.db)  # another connection, as the store's
    for doc in crawled.crawler.documents():
        store["seen_in_test"].insert({"source": doc.source, "title": doc.title})  # commits at once
    assert store["seen_in_test"].count == 5
    store["seen_in_test"].drop()


def test_sitemap_only_article_is_found_through_robots_txt(crawled: Crawled) -> None:
    paths = [h.path for h in crawled.server.hits]
    assert paths[0] == "/robots.txt"
    assert paths.index("/sitemap.xml") < paths.index("/sitemap-tin-tuc.xml") < paths.index(A1004)
    row = crawled.crawler.db["crawl_frontier"].get(crawled.server.base + A1004)
    assert (row["kind"], row["found_on"]) == (ARTICLE, crawled.server.base + "/sitemap-tin-tuc.xml")


def test_links_to_other_hosts_are_not_followed(crawled: Crawled) -> None:
    frontier = [row["url"] for row in crawled.crawler.db["crawl_frontier"].rows]
    assert len(frontier) == 14
    assert all(url.startswith(crawled.server.base + "/") for url in frontier)  # not the localhost link


def test_admin_is_never_requested(crawled: Crawled) -> None:
    assert not [p for p in (h.path for h in crawled.server.hits) if p.startswith("/admin/")]
    (row,) = fetch_rows(crawled.crawler, ADMIN, crawled.server.base)
    assert (row["status"], row["error"]) == (None, DISALLOWED)
    assert crawled.report.disallowed == 1


def test_per_host_delay_is_respected(crawled: Crawled) -> None:
    times = [h.at for h in crawled.server.hits]
    # robots.txt, 3 listings, 2 sitemaps, 5 articles, 2 x 503, the 301, 404, 3 x timeout
    assert len(times) == 18
    # Arrival times on the server: a few milliseconds of jitter from the loopback connection.
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= DELAY - 0.01


def test_404_and_timeout_are_recorded_with_reasons(crawled: Crawled) -> None:
    base = crawled.server.base
    failures = {f.source.removeprefix(base): f.reason for f in crawled.report.failures}
    assert failures == {
        GONE: "HTTP 404",
        SLOW: "timed out after 0.3 s (after 3 attempts)",
        ADMIN: DISALLOWED,
    }
    assert [(r["status"], r["error"]) for r in fetch_rows(crawled.crawler, GONE, base)] == [(404, "HTTP 404")]
    frontier = crawled.crawler.db["crawl_frontier"]
    assert frontier.get(base + SLOW)["state"] == "failed"
    assert frontier.count_where("state = 'failed'") == 3


def test_redirect_is_followed_and_its_target_not_fetched_again(crawled: Crawled) -> None:
    base = crawled.server.base
    (row,) = fetch_rows(crawled.crawler, "/tin-cu.aspx?id=1001", base)
    assert (row["status"], row["final_url"]) == (200, base + A1001)
    assert [h.path for h in crawled.server.hits].count(A1001) == 1  # also linked directly from 1000
    assert fetch_rows(crawled.crawler, A1001, base) == []
    assert crawled.crawler.db["crawl_frontier"].get(base + A1001)["state"] == "done"
    assert crawled.crawler.db["crawl_documents"].get(base + A1001)["requested_url"] == row["url"]


def test_windows_1258_page_is_decoded(crawled: Crawled) -> None:
    (row,) = fetch_rows(crawled.crawler, A1003, crawled.server.base)
    assert row["bytes"] == 5728  # the UTF-8 file has 6,402: one byte a letter here, two with a tone mark
    doc = next(d for d in crawled.crawler.documents() if d.source.endswith(A1003))
    assert "Kiểm tra tại bộ phận một cửa xã Vô Tranh" in doc.text.splitlines()
    assert doc.text.splitlines()[-1] == "Đức Cường"


def test_503_twice_then_200(crawled: Crawled) -> None:
    statuses = [h.status for h in crawled.server.hits if h.path == A1002]
    assert statuses == [503, 503, 200]
    assert [r["status"] for r in fetch_rows(crawled.crawler, A1002, crawled.server.base)] == [200]


def test_resume_after_two_pages_fetches_nothing_twice(site: SiteServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    first = new_crawler(db)
    first.add_seeds([site.base + "/"])
    stopped = first.run(max_pages=2)
    assert (stopped.fetched, stopped.stopped_by) == (2, "max_pages")
    first_paths = site.paths()
    assert first_paths == ["/robots.txt", "/", "/tin-tuc/"]
    site.clear()
    resumed = new_crawler(db).run()  # a new process: nothing but the database carries over
    assert set(site.paths()).isdisjoint({"/", "/tin-tuc/"})
    assert resumed.documents == 5 and resumed.pending == 0
    fetched = [r["url"] for r in first.db["crawl_fetches"].rows]
    assert len(fetched) == len(set(fetched)) == 13


def test_recrawl_sends_validators_and_gets_304(crawled: Crawled, site: SiteServer, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    source, target = sqlite3.connect(crawled.db), sqlite3.connect(db)
    source.backup(target)  # a WAL archive is more than its main file: copy it through SQLite
    source.close()
    target.close()
    crawler = new_crawler(db)
    assert crawler.revisit() == 14
    report = crawler.run()
    (hit,) = [h for h in site.hits if h.path == A1000]
    (first, second) = fetch_rows(crawler, A1000, site.base)
    assert hit.headers["if-none-match"] == first["etag"]
    assert hit.headers["if-modified-since"] == first["last_modified"]
    assert (hit.status, second["status"], second["error"]) == (304, 304, None)
    # 3 listings, 2 sitemaps, 5 articles (1001 with the validators its 301 brought), the 301 itself
    assert report.not_modified == 11
    assert report.documents == 0
    assert report.started_at > crawled.report.started_at
    assert list(crawler.documents(since=report.started_at)) == []
    assert len(list(crawler.documents())) == 5


def test_a_page_is_recorded_whole_or_not_at_all(site: SiteServer, tmp_path: Path) -> None:
    crawler = new_crawler(tmp_path / "archive.db")
    crawler.add_seeds([site.base + A1000])

    def crash(*args: object) -> None:
        """Stand in for a process killed halfway through writing a page."""
        raise KeyboardInterrupt

    crawler._store_document = crash  # the fetch row is written first, then the article
    with pytest.raises(KeyboardInterrupt):
        crawler.run()
    assert crawler.db["crawl_fetches"].count == 0
    assert crawler.db["crawl_frontier"].get(site.base + A1000)["state"] == "pending"


def test_a_seed_that_moved_to_another_host_is_followed_there(site: SiteServer, tmp_path: Path) -> None:
    moved = SiteServer(lambda path, headers: Reply(301, {"Location": site.base + path}), lifetime=30).start()
    old_home = moved.base.replace("127.0.0.1", "localhost") + "/"  # another host name, still this machine
    try:
        crawler = new_crawler(tmp_path / "archive.db", use_sitemaps=False)
        crawler.profiles["localhost"] = site_profile("phutai-test.example.vn")
        crawler.add_seeds([old_home])
        report = crawler.run(max_pages=3)
    finally:
        moved.stop()
    assert crawler.allowed_hosts() == {"localhost", "127.0.0.1"}
    assert [h.path for h in moved.hits] == ["/robots.txt", "/"]
    # robots.txt twice (localhost's is redirected here, then this host's own), then the pages
    assert site.paths() == ["/robots.txt", "/robots.txt", "/", "/tin-tuc/", "/tin-tuc/?page=2"]
    assert report.failures == []


def test_max_seconds_stops_the_crawl(site: SiteServer, tmp_path: Path) -> None:
    crawler = new_crawler(tmp_path / "archive.db")
    crawler.add_seeds([site.base + "/"])
    report = crawler.run(max_seconds=0.12)
    assert report.stopped_by == "max_seconds"
    assert 1 <= report.fetched < 14 and report.pending > 0


def test_crawl_function_for_the_cli(site: SiteServer, tmp_path: Path) -> None:
    seeds = [site.base + A1003, "ubnd.example.vn/tin-tuc", "ftp://127.0.0.1/"]
    report = crawl(seeds, str(tmp_path / "archive.db"), max_pages=1, delay=DELAY)
    assert (report.fetched, report.documents, report.failed) == (1, 1, 2)
    assert report.failures == [
        IngestFailure("ubnd.example.vn/tin-tuc", "not a valid http(s) URL"),
        IngestFailure("ftp://127.0.0.1/", "not a valid http(s) URL"),
    ]
    assert site.paths() == ["/robots.txt", A1003]
    site.clear()
    again = crawl([site.base + A1003], str(tmp_path / "archive.db"), max_pages=1, delay=DELAY, revisit=True)
    assert (again.fetched, again.not_modified, again.documents) == (1, 1, 0)
    assert [h.status for h in site.hits] == [200, 304]  # robots.txt (a new fetcher), then the page


def test_a_sitemap_seed_is_read_as_a_sitemap(site: SiteServer, tmp_path: Path) -> None:
    crawler = new_crawler(tmp_path / "archive.db", max_depth=1)
    crawler.add_seeds([site.base + "/sitemap-tin-tuc.xml", site.base + "/robots.txt"])
    report = crawler.run()
    assert report.failures == [IngestFailure(site.base + ADMIN, DISALLOWED)]
    assert sorted(doc.source.removeprefix(site.base) for doc in crawler.documents()) == [A1000, A1004]
    kinds = {r["url"].removeprefix(site.base): r["kind"] for r in crawler.db["crawl_frontier"].rows}
    assert (kinds["/sitemap-tin-tuc.xml"], kinds["/robots.txt"], kinds["/sitemap.xml"]) == (
        "sitemap",
        "listing",  # text/plain: read as a page, it has no links
        "sitemap",  # named in robots.txt
    )


def test_replies_that_are_not_pages_fail_with_their_reasons_and_the_crawl_goes_on(tmp_path: Path) -> None:
    """A 200 carrying JSON or a PDF, or nothing, at an article's URL is a failed page, never an article."""
    api = "/tin-tuc/du-lieu-bai-viet-kiem-tra-cai-cach-hanh-chinh-2001.html"  # a portal's JSON API
    pdf = "/tin-tuc/ke-hoach-kiem-tra-cong-tac-cai-cach-hanh-chinh-2002.html"  # a PDF behind a page URL
    empty = "/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-sau-2003.html"
    html = {"Content-Type": "text/html; charset=utf-8"}
    links = "".join(f"<li><a href='{path}'>Bài viết</a></li>" for path in (A1000, api, pdf, empty, A1004))
    article = {"title": EXPECTED[A1000][0], "content": "Đoàn kiểm tra làm việc tại xã Vô Tranh. " * 20}
    replies = {
        "/": Reply(200, html, f"<html><body><ul>{links}</ul></body></html>".encode()),
        A1000: Reply(200, html, (SITE / A1000.lstrip("/")).read_bytes()),
        api: Reply(200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(article).encode()),
        pdf: Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n1 0 obj << /Title (Ke hoach) >>\n"),
        empty: Reply(200, html, b" \r\n "),
        A1004: Reply(200, html, (SITE / A1004.lstrip("/")).read_bytes()),
    }
    with serving(replies) as srv:
        crawler = new_crawler(tmp_path / "archive.db", use_sitemaps=False, max_depth=1)
        crawler.add_seeds([srv.base + "/"])
        report = crawler.run(max_seconds=30)
    assert srv.paths() == ["/robots.txt", "/", A1000, api, pdf, empty, A1004]  # robots.txt: 404, no rules
    assert report.failures == [
        IngestFailure(srv.base + api, "not an HTML page (application/json)"),
        IngestFailure(srv.base + pdf, "not an HTML page (application/pdf)"),
        IngestFailure(srv.base + empty, "empty page"),
    ]
    assert (report.fetched, report.documents, report.failed, report.pending) == (6, 2, 3, 0)
    assert sorted(doc.source.removeprefix(srv.base) for doc in crawler.documents()) == [A1000, A1004]
    for failure in report.failures:
        rows = fetch_rows(crawler, failure.source.removeprefix(srv.base), srv.base)
        assert [(r["status"], r["error"]) for r in rows] == [(200, failure.reason)]
        assert crawler.db["crawl_frontier"].get(failure.source)["state"] == "failed"


def test_profile_selectors_win_over_guesses() -> None:
    page = (SITE / A1004.lstrip("/")).read_text(encoding="utf-8")
    generic = extract_article(page, "http://127.0.0.1" + A1004, site_profile())
    profiled = extract_article(page, "http://127.0.0.1" + A1004, site_profile("phutai-test.example.vn"))
    assert generic.published == "2024-02-22"  # the first date in the body: a guess
    assert profiled.published is None  # the profile's date element is absent: no date
    assert profiled.title == EXPECTED[A1004][0]


def test_generic_profile_classifies_links() -> None:
    generic = site_profile()
    cases = {
        "http://ubnd.example.vn/": LISTING,
        "http://ubnd.example.vn/tin-tuc/?page=2": LISTING,
        "http://ubnd.example.vn/chuyen-muc/cai-cach-hanh-chinh": LISTING,
        "http://ubnd.example.vn/tin-tuc/trang-3.html": LISTING,
        "http://ubnd.example.vn/tin-tuc/kiem-tra-cong-vu-tai-ubnd-xa-yen-ninh.html": ARTICLE,
        "http://ubnd.example.vn/Pages/tin-tuc.aspx?ItemID=4521": ARTICLE,
        "http://ubnd.example.vn/tin-tuc-su-kien/-/asset_publisher/Ab3d/content/kiem-tra-cchc-tai-xa-vo-tranh": ARTICLE,
        "http://ubnd.example.vn/tag/cai-cach-hanh-chinh-cap-xa-nam-2024": None,
        "http://ubnd.example.vn/dang-nhap.aspx": None,
        "http://ubnd.example.vn/van-ban/ke-hoach-22-kh-ubnd-nam-2024.pdf": None,
        "http://ubnd.example.vn/gioi-thieu": None,
    }
    assert {url: generic.classify(url) for url in cases} == cases
    assert generic.classify("http://ubnd.example.vn/danh-sach.aspx?cat=7&p=x", "Trang 2") == LISTING


def test_normalize_url() -> None:
    assert normalize_url("../tin-tuc/a.html#binh-luan", "HTTP://UBND.Example.vn:80/x/y/") == (
        "http://ubnd.example.vn/x/tin-tuc/a.html"
    )
    assert normalize_url("https://ubnd.example.vn:8443") == "https://ubnd.example.vn:8443/"
    assert normalize_url("mailto:vanphong@example.vn") is None
    assert normalize_url("javascript:void(0)") is None
    assert normalize_url("http://[::1") is None


def test_sitemaps_parse_indexes_gzip_and_text() -> None:
    xml = (SITE / "sitemap-tin-tuc.xml").read_bytes().replace(b"{base}", b"http://127.0.0.1:8000")
    parsed = parse_sitemap(xml)
    assert parsed.pages[0] == "http://127.0.0.1:8000" + A1000
    assert len(parsed.pages) == 4 and parsed.sitemaps == []  # the <image:loc> is not a page
    index = parse_sitemap(
        (SITE / "sitemap.xml").read_bytes().replace(b"{base}", b""), "http://127.0.0.1:8000/"
    )
    assert index.sitemaps == ["http://127.0.0.1:8000/sitemap-tin-tuc.xml"] and index.pages == []
    assert parse_sitemap(b"http://a.example.vn/1\n\nhttp://a.example.vn/2\n").pages == [
        "http://a.example.vn/1",
        "http://a.example.vn/2",
    ]
    with pytest.raises(BadSitemap):
        parse_sitemap(b"\x1f\x8bnot really gzip")
    with pytest.raises(BadSitemap):
        parse_sitemap("Sơ đồ cổng thông tin".encode())


@pytest.mark.corpora
@pytest.mark.skipif(not SAVED.is_dir(), reason=f"saved news pages not found at {SAVED} (set GIAMSAT_CORPORA)")
def test_saved_news_pages_are_extracted(tmp_path: Path) -> None:
    app, articles = saved_pages(SAVED)
    srv = SiteServer(app, lifetime=60).start()
    try:
        fetcher = Fetcher(per_host_delay=0.0, timeout=2, retries=0)
        crawler = Crawler(str(tmp_path / "archive.db"), fetcher, use_sitemaps=False, max_depth=0)
        seeds = [srv.base + path for path in articles.values()]
        assert all(crawler.profile(url).classify(url) == ARTICLE for url in seeds)
        crawler.add_seeds(seeds)
        report = crawler.run(max_seconds=60)
    finally:
        srv.stop()
    assert (report.fetched, report.failures) == (14, [])
    docs = list(crawler.documents())
    assert len(docs) == 14
    for doc in docs:
        assert doc.title and len(doc.text) > 200, doc.source


@pytest.mark.slow
def test_soak_500_generated_articles(tmp_path: Path) -> None:
    srv = SiteServer(generated_site(500), lifetime=300).start()
    try:
        crawler = Crawler(str(tmp_path / "archive.db"), Fetcher(per_host_delay=0.0, timeout=2, retries=1))
        crawler.add_seeds([srv.base + "/"])
        started = time.monotonic()
        report = crawler.run(max_seconds=240)
        seconds = time.monotonic() - started
    finally:
        srv.stop()
    assert report.failures == [IngestFailure(srv.base + "/sitemap.xml", "HTTP 404")]  # no sitemap here
    assert (report.documents, report.pending) == (500, 0)
    paths = srv.paths()
    # robots.txt, the guessed /sitemap.xml, "/" and "/tin-tuc/" (both page 1), pages 2-50, 500 articles
    assert len(paths) == len(set(paths)) == 2 + 2 + 49 + 500
    print(f"soak: {report.fetched} pages in {seconds:.1f} s ({report.fetched / seconds:.0f} pages/s)")


@pytest.mark.slow
def test_a_killed_crawl_resumes_without_fetching_finished_pages(tmp_path: Path) -> None:
    srv = SiteServer(generated_site(200), lifetime=120).start()
    db = tmp_path / "archive.db"
    script = (
        "import sys; from pipeline.ingest.crawl import crawl; crawl([sys.argv[1]], sys.argv[2], delay=0.05)"
    )
    try:
        child = subprocess.Popen([sys.executable, "-c", script, srv.base + "/", str(db)], cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(srv.paths()) < 40:
            time.sleep(0.1)
        child.kill()  # SIGKILL: no clean-up of any kind
        child.wait(10)
        done_before = sqlite_utils.Database(db)["crawl_fetches"].count
        report = crawl([srv.base + "/"], str(db), delay=0.0, max_seconds=120)
    finally:
        srv.stop()
    assert done_before >= 30 and report.pending == 0
    fetched = [row["url"] for row in sqlite_utils.Database(db)["crawl_fetches"].rows]
    assert len(fetched) == len(set(fetched))  # no finished page was fetched again
    counts = Counter(srv.paths())
    again = [path for path, n in counts.items() if n > 1 and path != "/robots.txt"]
    assert len(again) <= 4  # only requests in flight at the kill (4 workers) are sent twice
    assert sqlite_utils.Database(db)["crawl_documents"].count == 200
