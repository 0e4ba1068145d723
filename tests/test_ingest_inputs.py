"""Odd inputs at the edge of ingestion: bodies that are not pages, odd charsets, legacy lists, bad hosts.

Each case goes through the real code: real bytes, real files in ``tmp_path`` and the real HTTP server of
``sitesrv`` on 127.0.0.1. Each test checks what a user needs: no exception escapes, every input gives a
document or one failure with a clear reason, and no document is lost or stored as mojibake.
"""

from __future__ import annotations

import codecs
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitesrv import Reply, serving

from pipeline.ingest.encoding import encode_cp1258
from pipeline.ingest.errors import IngestFailure
from pipeline.ingest.fetch import Fetcher
from pipeline.ingest.files import iter_documents
from pipeline.ingest.urls import load_url, load_url_list
from pipeline.model import RawDocument

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from make_fixtures import encode_tcvn3, encode_vni  # noqa: E402

TITLE = "Kiểm tra công tác cải cách hành chính tại thị trấn Đu"
PARAGRAPHS = (
    "Đoàn kiểm tra đề nghị, trong thời gian tới thị trấn Đu cần khắc phục ngay những hạn chế trong công tác "
    "cải cách hành chính, tập trung đẩy nhanh quá trình giải quyết thủ tục cho tổ chức và công dân.",
    "Ủy ban nhân dân thị trấn tiếp thu ý kiến của đoàn, giao bộ phận một cửa rà soát toàn bộ hồ sơ tồn đọng "
    "và báo cáo kết quả về huyện trước ngày cuối tháng.",
)
JA_TITLE = "東京都の行政改革について"
JA_PARAGRAPHS = (
    "東京都は行政手続きの簡素化を進めており、住民サービスの向上を目指しています。" * 3,
    "区役所の窓口では、申請書類の電子化と待ち時間の短縮に取り組んでいます。" * 3,
)
HTML = {"Content-Type": "text/html"}
HTML_UTF8 = {"Content-Type": "text/html; charset=utf-8"}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb0043000806060706050806070707090908")
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00;"


def _fetcher() -> Fetcher:
    """Return a fetcher with test-sized delays: no per-host wait, a 0.3 s timeout, no retries."""
    return Fetcher(per_host_delay=0.0, timeout=0.3, retries=0, backoff=0.0)


def _page(title: str = TITLE, paragraphs: tuple[str, ...] = PARAGRAPHS, head: str = "") -> str:
    """Return a news page: ``head`` (a <meta> charset, say), the title, a headline and the paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head>{head}<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def _read_as(document: RawDocument | IngestFailure, title: str, paragraph: str) -> None:
    """Assert that ``document`` is a document with ``title`` whose text holds ``paragraph`` intact."""
    assert isinstance(document, RawDocument), document
    assert document.title == title
    assert paragraph in document.text


def _shift_jis(text: str) -> bytes:
    """Return ``text`` in Shift-JIS."""
    return text.encode("shift_jis")


# 1. A body the HTML parser cannot read, sent as text/html.


def test_a_text_html_body_the_parser_cannot_read_is_one_failure() -> None:
    """A server that sends its PHP source instead of running it says text/html, but lxml finds no element
    in it: the user must get one "not an HTML page" failure, not an lxml ParserError out of the batch."""
    body = b"<?php include 'header.php'; echo $noi_dung; ?>\n"
    with serving({"/tin-tuc/bai.php": Reply(200, HTML_UTF8, body)}) as server:
        url = server.base + "/tin-tuc/bai.php"
        items = list(load_url(url, _fetcher()))
    assert items == [IngestFailure(url, "not an HTML page")]


@pytest.mark.parametrize(
    "body",
    [codecs.BOM_UTF8 + b"\r\n  \r\n", b"<!DOCTYPE html>\n", b"<!-- Trang dang bao tri -->\n"],
    ids=["bom-only", "doctype-only", "comment-only"],
)
def test_an_html_reply_with_no_content_is_reported_as_empty(body: bytes) -> None:
    """A CMS under maintenance answers 200 text/html with nothing but a BOM, a doctype or a comment. The
    reply is HTML, it is just empty: "not an HTML page" would send the user looking for a wrong
    Content-Type or a binary body; it gets the reason a truly empty body gets."""
    with serving({"/tin-tuc/bai.html": Reply(200, HTML_UTF8, body)}) as server:
        url = server.base + "/tin-tuc/bai.html"
        [failure] = load_url(url, _fetcher())
    assert isinstance(failure, IngestFailure) and failure.source == url
    assert failure.reason in ("empty page", "no main text in the page")


def test_a_page_opening_with_many_comments_is_read(tmp_path: Path) -> None:
    """Templates open pages with dozens of comments. The first check for an empty page was one regex
    over comments and white space that backtracked without end on such a page; the page is an article."""
    saved = tmp_path / "nhieu-chu-thich.html"
    saved.write_text("<!-- khối quảng cáo -->\n" * 200 + _page(), encoding="utf-8")
    [document] = iter_documents([saved])
    _read_as(document, TITLE, PARAGRAPHS[0])


def test_a_page_of_unclosed_comments_is_not_a_page(tmp_path: Path) -> None:
    """Only a page lxml cannot parse is checked for holding nothing; that check reads each comment once
    (a regex over comments took seconds on a page of unclosed ones)."""
    saved = tmp_path / "hong.html"
    saved.write_text("<!-- a " * 20000, encoding="utf-8")
    assert list(iter_documents([saved])) == [IngestFailure(str(saved), "not an HTML page")]


@pytest.mark.parametrize(
    ("content_type", "body", "title", "paragraph"),
    [
        # a <meta> naming UTF-16 is read as UTF-8, as a browser reads it
        ("text/html", _page(head='<meta charset="utf-16">').encode(), TITLE, PARAGRAPHS[0]),
        # an old declaration inside a comment is no declaration (Latin-2 would read any byte)
        (
            "text/html",
            _page(head='<!-- <meta charset="iso-8859-2"> --><meta charset="utf-8">').encode(),
            TITLE,
            PARAGRAPHS[0],
        ),
        # a header naming no usable charset leaves the choice to the <meta>
        (
            "text/html; charset=undefined",
            _shift_jis(_page(JA_TITLE, JA_PARAGRAPHS, '<meta charset="shift_jis">')),
            JA_TITLE,
            JA_PARAGRAPHS[0],
        ),
    ],
    ids=["meta-utf16", "meta-in-comment", "header-unusable"],
)
def test_a_fetched_page_reads_its_meta_as_a_browser_does(
    content_type: str, body: bytes, title: str, paragraph: str
) -> None:
    body += b" " * (len(body) % 2)  # an even length, which UTF-16 would decode into other letters
    with serving({"/tin-tuc/bai.html": Reply(200, {"Content-Type": content_type}, body)}) as server:
        [document] = load_url(server.base + "/tin-tuc/bai.html", _fetcher())
    _read_as(document, title, paragraph)


# 2. A binary body sent as text/html.


@pytest.mark.parametrize("body", [PNG, JPEG, GIF], ids=["png", "jpeg", "gif"])
def test_a_binary_body_sent_as_text_html_is_refused_as_binary(body: bytes) -> None:
    """A misconfigured server sends an image with Content-Type text/html. The type check lets it through,
    so the body itself must be refused, with a reason that says it is binary, and never be decoded into
    a page of mojibake that ends up in the archive."""
    with serving({"/tin-tuc/anh.html": Reply(200, HTML, body)}) as server:
        url = server.base + "/tin-tuc/anh.html"
        items = list(load_url(url, _fetcher()))
    assert items == [IngestFailure(url, "binary file (not text)")]


# 3. A Shift-JIS page: not Vietnamese, and no encoding ingestion guesses.


def test_an_undeclared_shift_jis_page_is_refused_with_a_reason(tmp_path: Path) -> None:
    """With no charset declared anywhere, Shift-JIS is not an encoding ingestion guesses (UTF-8, then the
    Vietnamese 8-bit ones): the page must be one clear failure, fetched or saved, not Japanese read as
    Windows-1258 mojibake and stored as a Vietnamese article."""
    body = _shift_jis(_page(JA_TITLE, JA_PARAGRAPHS))
    saved = tmp_path / "trang-nhat.html"
    saved.write_bytes(body)
    with serving({"/ja/gyosei.html": Reply(200, HTML, body)}) as server:
        url = server.base + "/ja/gyosei.html"
        fetched = list(load_url(url, _fetcher()))
    assert fetched == [IngestFailure(url, "not valid text in any known encoding")]
    assert list(iter_documents([saved])) == [
        IngestFailure(str(saved), "not valid text in any known encoding")
    ]


def test_a_meta_declared_shift_jis_page_reads_the_same_fetched_or_saved(tmp_path: Path) -> None:
    """The page names its encoding in <meta http-equiv>, as most old portals do, and the server sends a
    bare text/html. One page reads the same whichever way it came: saved to a file or fetched, its
    <meta> names the encoding (it was read for files only, and a fetched page was "not valid text")."""
    head = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    body = _shift_jis(_page(JA_TITLE, JA_PARAGRAPHS, head))
    saved = tmp_path / "trang-nhat.html"
    saved.write_bytes(body)
    [from_file] = iter_documents([saved])
    _read_as(from_file, JA_TITLE, JA_PARAGRAPHS[0])
    with serving({"/ja/gyosei.html": Reply(200, HTML, body)}) as server:
        [from_url] = load_url(server.base + "/ja/gyosei.html", _fetcher())
    _read_as(from_url, JA_TITLE, JA_PARAGRAPHS[0])


# 4. Unusual charset forms in Content-Type and <meta>.


@pytest.mark.parametrize(
    ("content_type", "body", "title", "paragraph"),
    [
        ('text/html; charset="UTF-8"', _page().encode(), TITLE, PARAGRAPHS[0]),
        ("TEXT/HTML; CHARSET=WINDOWS-1258", encode_cp1258(_page()), TITLE, PARAGRAPHS[0]),
        ("text/html; charset=utf8", _page().encode(), TITLE, PARAGRAPHS[0]),
        ("text/html; charset=x-khong-co-bang-ma-nay", encode_cp1258(_page()), TITLE, PARAGRAPHS[0]),
        ("text/html; charset=TCVN3", encode_tcvn3(_page()), TITLE, PARAGRAPHS[0]),
        (
            'Text/HTML; Charset="SHIFT_JIS"',
            _shift_jis(_page(JA_TITLE, JA_PARAGRAPHS)),
            JA_TITLE,
            JA_PARAGRAPHS[0],
        ),
    ],
    ids=["quoted", "upper-case", "utf8-alias", "unknown-name", "tcvn3-name", "quoted-shift-jis"],
)
def test_unusual_charset_forms_in_content_type_are_read(
    content_type: str, body: bytes, title: str, paragraph: str
) -> None:
    """Servers write the charset every way: quoted, in capitals, "utf8" without the dash, a name nobody
    knows. Each page must come out as the right text: a known name honoured (the quoted Shift-JIS one
    proves it, since undeclared Shift-JIS is refused), an unknown one ignored in favour of detection."""
    body += b" " * (len(body) % 2)  # an even length, which UTF-16 would decode into other letters
    with serving({"/tin-tuc/bai.html": Reply(200, {"Content-Type": content_type}, body)}) as server:
        [document] = load_url(server.base + "/tin-tuc/bai.html", _fetcher())
    _read_as(document, title, paragraph)


@pytest.mark.parametrize(
    ("head", "encode", "title", "paragraphs"),
    [
        ('<meta charset="UTF8">', str.encode, TITLE, PARAGRAPHS),
        (
            '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; CHARSET=WINDOWS-1258">',
            encode_cp1258,
            TITLE,
            PARAGRAPHS,
        ),
        ("<meta charset='VNI-Windows'>", encode_vni, TITLE, PARAGRAPHS),
        ('<meta charset="x-khong-co-bang-ma-nay">', encode_tcvn3, TITLE, PARAGRAPHS),
        (
            "<meta http-equiv=Content-Type content='text/html; charset=\"Shift_JIS\"'>",
            _shift_jis,
            JA_TITLE,
            JA_PARAGRAPHS,
        ),
    ],
    ids=["utf8-alias", "upper-case-http-equiv", "single-quoted-vni", "unknown-name", "quoted-shift-jis"],
)
def test_unusual_meta_charset_forms_in_a_saved_page_are_read(
    tmp_path: Path,
    head: str,
    encode: Callable[[str], bytes],
    title: str,
    paragraphs: tuple[str, ...],
) -> None:
    """A saved page carries its charset in a <meta>, written in every style over the years: the charset
    must be found whatever the case and quoting (the quoted Shift-JIS one proves it is read), and an
    unknown name must fall back to detection."""
    saved = tmp_path / "bai.html"
    saved.write_bytes(encode(_page(title, paragraphs, head)))
    [document] = iter_documents([saved])
    _read_as(document, title, paragraphs[0])


@pytest.mark.parametrize("charset", ["undefined", "base64"])
def test_a_charset_naming_no_text_codec_does_not_escape_load_url(charset: str) -> None:
    """'charset=undefined' is what a Node.js server writes when its charset variable is unset; Python has
    a codec of that name (and of 'base64', 'zip', 'hex', 'rot13') that cannot decode text. An unknown
    name like 'x-khong-co-bang-ma-nay' is ignored and the page read by detection: these are too, instead
    of raising through ``load_url`` (and the crawler, which shares ``page_text``)."""
    content_type = {"Content-Type": f"text/html; charset={charset}"}
    with serving({"/tin-tuc/bai.html": Reply(200, content_type, _page().encode())}) as server:
        items = list(load_url(server.base + "/tin-tuc/bai.html", _fetcher()))
    assert len(items) == 1
    _read_as(items[0], TITLE, PARAGRAPHS[0])


def test_a_saved_page_with_meta_charset_undefined_does_not_stop_the_batch(tmp_path: Path) -> None:
    """``iter_documents`` promises a batch always runs to its end. A page saved from a site whose template
    printed charset="undefined" does not end the batch with a UnicodeError: it is read by detection, and
    the next file in the folder is still read."""
    (tmp_path / "a-trang-loi.html").write_bytes(_page(head='<meta charset="undefined">').encode())
    (tmp_path / "b-ghi-chu.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert len(items) == 2
    _read_as(items[0], TITLE, PARAGRAPHS[0])
    assert isinstance(items[1], RawDocument) and PARAGRAPHS[1] in items[1].text


@pytest.mark.parametrize("encode", [str.encode, encode_cp1258], ids=["utf-8-body", "windows-1258-body"])
def test_a_declared_latin9_charset_does_not_turn_vietnamese_into_mojibake(
    encode: Callable[[str], bytes],
) -> None:
    """A declared ISO-8859-1 or Windows-1252 is ignored because legacy Vietnamese pages declare a Western
    charset they do not use; ISO-8859-15 is the same Western declaration. Trusted, it stored "cáº£i
    cÃ¡ch" (UTF-8 body) or "KiêÒm tra" (Windows-1258 body) as the article."""
    content_type = {"Content-Type": "text/html; charset=ISO-8859-15"}
    with serving({"/tin-tuc/bai.html": Reply(200, content_type, encode(_page()))}) as server:
        [document] = load_url(server.base + "/tin-tuc/bai.html", _fetcher())
    _read_as(document, TITLE, PARAGRAPHS[0])


# 5. A .urls list saved in UTF-16, TCVN3 or VNI, with Vietnamese comments.


def _utf16_le_bom(text: str) -> bytes:
    """Return ``text`` as Windows Notepad saves "Unicode": UTF-16 little-endian after its BOM."""
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def _utf16_be_bom(text: str) -> bytes:
    """Return ``text`` as UTF-16 big-endian after its BOM."""
    return codecs.BOM_UTF16_BE + text.encode("utf-16-be")


@pytest.mark.parametrize(
    "encode",
    [_utf16_le_bom, _utf16_be_bom, encode_tcvn3, encode_vni],
    ids=["utf-16-le-bom", "utf-16-be-bom", "tcvn3", "vni"],
)
def test_a_url_list_in_utf16_or_a_legacy_encoding_reads_every_url(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    """Lists of portal URLs are kept by officials in Notepad ("Unicode" = UTF-16) or in old Vietnamese
    font encodings, with notes in Vietnamese. Every URL must be read, and a line that is not a URL must
    be named as the user wrote it (decoded, not as mojibake), so the file is clearly read as text."""
    page = _page().encode()
    routes = {
        "/tin-tuc/bai-1.html": Reply(200, HTML_UTF8, page),
        "/tin-tuc/bai-2.html": Reply(200, HTML_UTF8, page),
    }
    with serving(routes) as server:
        first, second = server.base + "/tin-tuc/bai-1.html", server.base + "/tin-tuc/bai-2.html"
        lines = [
            "# Danh sách bài báo của phường Thạch Bàn cần giám sát",
            first,
            "# Ghi chú: kiểm tra lại từng đường dẫn trước khi chạy",
            second,
            "trang chủ phường",
        ]
        listing = tmp_path / "phuong.urls"
        listing.write_bytes(encode("\r\n".join(lines) + "\r\n"))
        items = list(load_url_list(listing.read_bytes(), str(listing), _fetcher()))
    assert [item.source for item in items] == [first, second, f"{listing}:5"]
    assert isinstance(items[0], RawDocument) and isinstance(items[1], RawDocument)
    assert items[2] == IngestFailure(f"{listing}:5", "not an http(s) URL: 'trang chủ phường'")


# 6. A reply with no Content-Type at all.


@pytest.mark.parametrize("encode", [str.encode, encode_cp1258], ids=["utf-8", "windows-1258"])
def test_a_reply_without_content_type_is_read_as_a_page(encode: Callable[[str], bytes]) -> None:
    """Old portals send articles with no Content-Type header. ``page_text`` accepts a missing type on
    purpose; the page must then be decoded by detection alone and give its article, not be refused."""
    with serving({"/tin-tuc/bai.html": Reply(200, {}, encode(_page()))}) as server:
        url = server.base + "/tin-tuc/bai.html"
        probe = _fetcher().fetch(url)
        [document] = load_url(url, _fetcher())
    assert probe.ok and "content-type" not in probe.headers and probe.media_type == ""
    _read_as(document, TITLE, PARAGRAPHS[0])
    assert isinstance(document, RawDocument) and document.source == url


def test_a_binary_reply_without_content_type_is_refused() -> None:
    """Without a Content-Type nothing stops an image before decoding: the body check must refuse it."""
    with serving({"/tin-tuc/anh": Reply(200, {}, PNG)}) as server:
        url = server.base + "/tin-tuc/anh"
        items = list(load_url(url, _fetcher()))
    assert items == [IngestFailure(url, "binary file (not text)")]


# 7. A host that refuses connections and one that answers too slowly, inside a .urls list.


def test_unreachable_and_slow_urls_in_a_list_fail_alone(tmp_path: Path) -> None:
    """One dead host or one stalled page must not cost the rest of the list: each bad URL is one failure
    with its reason (connection refused, timed out), the good URLs before and after are still read, and
    nothing is raised. The fetcher's 0.3 s timeout keeps the stalled page from holding the batch."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead_port = sock.getsockname()[1]  # closed again before the fetch: nothing listens there
    page = _page().encode()
    routes = {
        "/tin-tuc/bai-1.html": Reply(200, HTML_UTF8, page),
        "/tin-tuc/cham.html": Reply(200, HTML_UTF8, page, sleep=1.5),
        "/tin-tuc/bai-2.html": Reply(200, HTML_UTF8, page),
    }
    with serving(routes) as server:
        first, slow, last = (server.base + p for p in routes)
        dead = f"http://127.0.0.1:{dead_port}/tin-tuc/bai-3.html"
        listing = tmp_path / "hon-hop.urls"
        listing.write_text(
            f"# Trang tốt, trang chết, trang chậm\n{first}\n{dead}\n{slow}\n{last}\n", encoding="utf-8"
        )
        started = time.monotonic()
        items = list(load_url_list(listing.read_bytes(), str(listing), _fetcher()))
        elapsed = time.monotonic() - started
    assert [item.source for item in items] == [first, dead, slow, last]
    assert isinstance(items[0], RawDocument) and isinstance(items[3], RawDocument)
    refused, timed_out = items[1], items[2]
    assert isinstance(refused, IngestFailure)
    assert refused.reason.startswith("robots.txt unreachable (connection error:")
    assert refused.reason.endswith("host not crawled")
    assert timed_out == IngestFailure(slow, "timed out after 0.3 s")
    assert elapsed < 1.5  # the stalled page was given up on, not waited for
