"""Tests for pipeline.ingest.fetch against real HTTP servers on 127.0.0.1 (tests/sitesrv.py)."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Mapping

import pytest
from sitesrv import LAST_MODIFIED, Reply, SiteServer, serving

from pipeline.ingest.fetch import (
    DISALLOWED,
    Fetcher,
    FetchResult,
    parse_content_type,
    retry_after_seconds,
    whole_crawl_delays,
)

ARTICLE = "/tin-tuc/giam-sat-thuc-hien-chuong-trinh-02-ctr-qu-tai-phuong-thach-ban-va-gia-thuy-1000.html"
FLAKY = "/tin-tuc/thong-bao-ket-qua-giam-sat-chuyen-de-tai-phuong-dong-kinh-1002.html"
SLOW = "/tin-tuc/bao-cao-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2023-998.html"
A1001 = "/tin-tuc/giam-sat-hoat-dong-cua-trung-tam-hanh-chinh-cong-cac-cap-1001.html"
ADMIN = "/admin/bao-cao-noi-bo-ve-kiem-tra-cong-vu-nam-2024.html"


def quick_fetcher(**overrides: float) -> Fetcher:
    """Return a fetcher with test-sized delays and timeouts."""
    settings = {"per_host_delay": 0.02, "timeout": 0.3, "retries": 2, "backoff": 0.01} | overrides
    return Fetcher(**settings)


def test_page_is_fetched_with_validators(site: SiteServer) -> None:
    result = quick_fetcher().fetch(site.base + ARTICLE)
    assert result.ok and result.status == 200 and result.error is None
    assert result.final_url == site.base + ARTICLE
    assert result.headers["last-modified"] == LAST_MODIFIED
    assert result.charset == "utf-8"
    assert "Thạch Bàn và Gia Thụy".encode() in result.body
    assert site.paths() == ["/robots.txt", ARTICLE]
    assert site.hits[1].headers["user-agent"] == "giamsat/0.1"


def test_robots_txt_disallows_without_a_request_and_is_read_once(site: SiteServer) -> None:
    fetcher = quick_fetcher()
    refused = fetcher.fetch(site.base + ADMIN)
    assert (refused.status, refused.error, refused.body) == (None, DISALLOWED, b"")
    fetcher.fetch(site.base + ARTICLE)
    assert site.paths() == ["/robots.txt", ARTICLE]
    assert fetcher.sitemaps(site.base + "/") == [site.base + "/sitemap.xml"]


def test_404_is_not_retried_and_timeout_is(site: SiteServer) -> None:
    fetcher = quick_fetcher()
    missing = fetcher.fetch(site.base + "/khong-co-trang-nay.html")
    assert (missing.status, missing.error, missing.ok) == (404, "HTTP 404", False)
    slow = fetcher.fetch(site.base + SLOW)
    assert (slow.status, slow.error) == (None, "timed out after 0.3 s (after 3 attempts)")
    assert site.paths().count("/khong-co-trang-nay.html") == 1
    assert site.paths().count(SLOW) == 3


def test_redirect_is_followed_and_recorded(site: SiteServer) -> None:
    result = quick_fetcher().fetch(site.base + "/tin-cu.aspx?id=1001")
    assert result.status == 200
    assert result.final_url == site.base + A1001
    assert site.paths()[1:] == ["/tin-cu.aspx?id=1001", A1001]


def test_503_twice_then_200_with_backoff(site: SiteServer) -> None:
    result = quick_fetcher(backoff=0.1).fetch(site.base + FLAKY)
    assert result.ok
    statuses = [h.status for h in site.hits if h.path == FLAKY]
    assert statuses == [503, 503, 200]
    times = [h.at for h in site.hits if h.path == FLAKY]
    assert times[1] - times[0] >= 0.09  # backoff 0.1 s, then 0.2 s
    assert times[2] - times[1] >= 0.19


def test_retries_give_up_with_the_last_status(site: SiteServer) -> None:
    result = quick_fetcher(retries=1).fetch(site.base + FLAKY)
    assert (result.status, result.error) == (503, "HTTP 503 (after 2 attempts)")


def test_conditional_requests_get_304(site: SiteServer) -> None:
    fetcher = quick_fetcher()
    first = fetcher.fetch(site.base + ARTICLE)
    again = fetcher.fetch(site.base + ARTICLE, etag=first.headers["etag"])
    assert (again.status, again.not_modified, again.ok, again.error) == (304, True, False, None)
    assert again.body == b""
    assert site.hits[-1].headers["if-none-match"] == first.headers["etag"]
    by_date = fetcher.fetch(site.base + ARTICLE, last_modified=LAST_MODIFIED)
    assert by_date.not_modified
    assert site.hits[-1].headers["if-modified-since"] == LAST_MODIFIED


def test_per_host_delay_holds_across_threads(site: SiteServer) -> None:
    fetcher = quick_fetcher(per_host_delay=0.1, max_per_host=2)
    threads = [threading.Thread(target=fetcher.fetch, args=(site.base + ARTICLE,)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    times = [h.at for h in site.hits]
    assert len(times) == 6  # robots.txt + 5
    # Arrival times on the server: a few milliseconds of jitter from the loopback connection.
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.09


def test_crawl_delay_and_retry_after_slow_a_host_down() -> None:
    calls: list[int] = []

    def busy(headers: Mapping[str, str]) -> Reply:
        """Return 429 with Retry-After the first time, then the page."""
        calls.append(1)
        return Reply(429, {"Retry-After": "1"}) if len(calls) == 1 else Reply(200, {}, b"ok")

    routes = {"/robots.txt": lambda h: Reply(200, {}, b"User-agent: *\nCrawl-delay: 1\n"), "/busy": busy}
    with serving(routes) as srv:
        result = quick_fetcher(backoff=0.01).fetch(srv.base + "/busy")
        times = [h.at for h in srv.hits]
    assert result.ok and result.body == b"ok"
    assert [h.path for h in srv.hits] == ["/robots.txt", "/busy", "/busy"]
    assert times[1] - times[0] >= 0.98  # Crawl-delay: 1
    assert times[2] - times[1] >= 0.98  # Retry-After: 1 (the backoff alone is 0.01 s)


def test_fractional_crawl_delay_is_rounded_up() -> None:
    assert whole_crawl_delays(["User-agent: *", "Crawl-delay: 2.5", "crawl-delay:.2", "Crawl-delay: 3"]) == [
        "User-agent: *",
        "Crawl-delay: 3",
        "crawl-delay:1",
        "Crawl-delay: 3",
    ]
    robots = b"User-agent: giamsat\nCrawl-delay: 2.5\n\nUser-agent: *\nDisallow: /\n"
    with serving({"/robots.txt": lambda h: Reply(200, {}, robots)}) as srv:
        fetcher = quick_fetcher()
        assert fetcher.host_delay(srv.base + "/tin-tuc/") == 3.0
        assert fetcher.host_delay("http://[::1") == 0.02  # not a URL: the default delay
        assert [h.path for h in srv.hits] == ["/robots.txt"]


def test_gzip_bodies_are_inflated_within_the_size_limit() -> None:
    page = "<p>Tỉ lệ giải quyết hồ sơ đúng hạn là 98,4%</p>".encode()
    routes = {
        "/gzip": lambda h: Reply(200, {"Content-Encoding": "gzip"}, gzip.compress(page)),
        "/bomb": lambda h: Reply(200, {"Content-Encoding": "gzip"}, gzip.compress(b"0" * 200_000)),
        "/big": lambda h: Reply(200, {}, b"x" * 5000),
        "/bad": lambda h: Reply(200, {"Content-Encoding": "gzip"}, b"not gzip at all"),
    }
    fetcher = Fetcher(per_host_delay=0, timeout=1, retries=0, max_bytes=4096)
    with serving(routes) as srv:
        assert fetcher.fetch(srv.base + "/gzip").body == page
        assert srv.hits[-1].headers["accept-encoding"] == "gzip, deflate"
        bomb = fetcher.fetch(srv.base + "/bomb")
        big = fetcher.fetch(srv.base + "/big")
        bad = fetcher.fetch(srv.base + "/bad")
    assert (bomb.status, bomb.body, bomb.error) == (200, b"", "body larger than 4096 bytes once decompressed")
    assert (big.body, big.error) == (b"", "body larger than 4096 bytes (5000 declared)")
    assert bad.error is not None and bad.error.startswith("bad gzip body:")


def test_robots_txt_server_error_closes_the_host_and_404_opens_it() -> None:
    with serving({"/robots.txt": lambda h: Reply(500), "/a": lambda h: Reply(200, {}, b"a")}) as srv:
        closed = Fetcher(per_host_delay=0, retries=0).fetch(srv.base + "/a")
        paths = [h.path for h in srv.hits]
    assert closed.error == "robots.txt unreachable (HTTP 500): host not crawled"
    assert paths == ["/robots.txt"]
    with serving({"/a": lambda h: Reply(200, {}, b"a")}) as srv:
        assert Fetcher(per_host_delay=0, retries=0).fetch(srv.base + "/a").body == b"a"


def test_redirect_loops_and_missing_locations_are_errors() -> None:
    routes = {
        "/loop": lambda h: Reply(302, {"Location": "/loop"}),
        "/nowhere": lambda h: Reply(301),
    }
    with serving(routes) as srv:
        fetcher = Fetcher(per_host_delay=0, retries=0, max_redirects=3)
        loop = fetcher.fetch(srv.base + "/loop")
        nowhere = fetcher.fetch(srv.base + "/nowhere")
        hits = [h.path for h in srv.hits]
    assert loop.error == "more than 3 redirects"
    assert hits.count("/loop") == 4
    assert (nowhere.status, nowhere.error) == (301, "HTTP 301 without a Location header")


def test_network_trouble_never_raises() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the fetch: nothing listens there
    fetcher = Fetcher(per_host_delay=0, retries=1, backoff=0.01)
    refused = fetcher.fetch(f"http://127.0.0.1:{port}/tin-tuc/")
    assert refused.status is None
    assert refused.error is not None and refused.error.startswith("robots.txt unreachable (connection error:")
    assert fetcher.fetch("ftp://127.0.0.1/x").error == "not a valid http(s) URL"
    assert fetcher.fetch("khong-phai-url").error == "not a valid http(s) URL"
    assert fetcher.fetch("http://[::1/tin-tuc").error == "not a valid http(s) URL"
    assert fetcher.fetch("http://127.0.0.1:99999/").error == "not a valid http(s) URL"


def test_retry_after_values() -> None:
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("sớm thôi") is None
    assert retry_after_seconds(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ("", None)),
        ("", ("", None)),
        ("text/html", ("text/html", None)),
        ("TEXT/HTML", ("text/html", None)),
        ("text/html; charset=utf-8", ("text/html", "utf-8")),
        ('text/html; Charset="UTF-8"', ("text/html", "utf-8")),
        ("  Text/HTML ;  charset = windows-1258 ; q=1", ("text/html", "windows-1258")),
        ("text/html; format=flowed; CHARSET=ISO-8859-1", ("text/html", "iso-8859-1")),
        ('application/json; note="a;b"; charset="utf-8"', ("application/json", "utf-8")),
        ('text/html; note="charset=koi8-r; x"; charset=utf-8', ("text/html", "utf-8")),
        ("text/html; flowed; charset=utf-8", ("text/html", "utf-8")),
        ("text/html; charset=", ("text/html", None)),
        ('text/html; charset=""', ("text/html", None)),
        ("text/html; charset=utf-8; charset=tcvn3", ("text/html", "utf-8")),
    ],
    ids=[
        "no header",
        "empty",
        "bare",
        "upper-case type",
        "plain",
        "quoted and capitalised",
        "extra spaces",
        "charset not first",
        "quoted semicolon before it",
        "charset inside a quoted value",
        "parameter without a value",
        "empty charset",
        "empty quoted charset",
        "first charset wins",
    ],
)
def test_content_type_is_read_into_media_type_and_charset(
    value: str | None, expected: tuple[str, str | None]
) -> None:
    assert parse_content_type(value) == expected


def test_fetch_result_reads_its_content_type_header() -> None:
    def result(headers: dict[str, str]) -> FetchResult:
        """Return a 200 result with ``headers``."""
        return FetchResult("http://127.0.0.1/", "http://127.0.0.1/", 200, headers, b"", 0.0)

    declared = result({"content-type": 'Text/HTML; Charset="Windows-1258"'})
    assert (declared.media_type, declared.charset) == ("text/html", "windows-1258")
    assert (result({}).media_type, result({}).charset) == ("", None)
