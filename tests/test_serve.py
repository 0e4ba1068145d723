"""Browsing the archive: the Datasette app in-process on an archive of real seed sentences."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pipeline.model import Article, Finding, Locality, Organization
from pipeline.store.schema import open_db
from pipeline.store.serve import datasette_app
from pipeline.store.write import write_article

# Seed 000 (Long Biên, Hà Nội) and seed 002 (Lạng Sơn), shortened to the sentences the findings come from.
TEXT_000 = (
    "Giám sát công tác lãnh đạo, chỉ đạo và tổ chức thực hiện Chương trình 02-CTr/QU của Quận ủy năm 2019 "
    "tại 2 phường Thạch Bàn và Gia Thụy.\n\nQua nghiên cứu hồ sơ, tài liệu, trực tiếp trao đổi tại hội nghị "
    "cho thấy, cơ bản Đảng ủy phường đã quan tâm lãnh đạo, chỉ đạo thực hiện Chương trình 02-CTr/QU.\n\n"
    "Tại buổi làm việc đoàn giám sát cũng chỉ ra một số vấn đề còn hạn chế, thiếu sót cần quan tâm như: "
    "Số lượng tin bài về mô hình tiếp nhận, trả kết quả giải quyết thủ tục hành chính thân thiện, gần dân "
    "còn hạn chế; một số quy trình nội bộ không còn phù hợp chưa được điều chỉnh."
)
TEXT_002 = (
    "Theo Thông báo kết quả giám sát, Đảng ủy phường Đông Kinh đã kịp thời lãnh đạo, chỉ đạo; thành lập và "
    "kiện toàn Ban Chỉ đạo."
)
STRENGTH_000 = "cơ bản Đảng ủy phường đã quan tâm lãnh đạo, chỉ đạo thực hiện Chương trình 02-CTr/QU"
SHORT_000 = (
    "Số lượng tin bài về mô hình tiếp nhận, trả kết quả giải quyết thủ tục hành chính thân thiện, gần dân "
    "còn hạn chế"
)
SHORT_000_B = "một số quy trình nội bộ không còn phù hợp chưa được điều chỉnh"
STRENGTH_002 = "Đảng ủy phường Đông Kinh đã kịp thời lãnh đạo, chỉ đạo"


def _finding(text: str, part: str, label: str) -> Finding:
    start = text.index(part)
    return Finding(part, label, 0.9, (start, start + len(part)))


def _articles() -> list[Article]:
    return [
        Article(
            source="corpora/samples/000.txt",
            text=TEXT_000,
            title=TEXT_000.splitlines()[0],
            published="2019-09-19",
            localities=[
                Locality("phường Thạch Bàn", "Thạch Bàn", "phường", "Hà Nội", "00148", era="legacy"),
                Locality("Gia Thụy", "Gia Thụy", "phường", "Hà Nội", "00133", era="legacy"),
            ],
            organizations=[Organization("Quận ủy", "Quận ủy")],
            findings=[
                _finding(TEXT_000, STRENGTH_000, "strength"),
                _finding(TEXT_000, SHORT_000, "shortcoming"),
                _finding(TEXT_000, SHORT_000_B, "shortcoming"),
            ],
        ),
        Article(
            source="corpora/samples/002.txt",
            text=TEXT_002,
            title="Thông báo kết quả giám sát <chuyên đề>",  # markup in data must come out escaped
            published="2022-06-30",
            localities=[
                Locality("phường Đông Kinh", "Đông Kinh", "phường", "Lạng Sơn", "05980", era="legacy")
            ],
            organizations=[Organization("Đảng ủy phường Đông Kinh", "Đảng ủy phường Đông Kinh")],
            findings=[_finding(TEXT_002, STRENGTH_002, "strength")],
        ),
    ]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("serve") / "archive.db")
    db = open_db(path)
    for i, article in enumerate(_articles()):
        write_article(db, article, content_hash=f"h{i}", extraction_version="v1")
    db.close()
    return datasette_app(path)


def get(app, path: str) -> httpx.Response:
    """Return the app's response to a GET, run in-process."""
    return asyncio.run(app.client.get(path))


def rows(app, path: str, **params) -> list[dict]:
    """Return the rows of a table or canned query as JSON objects."""
    response = get(app, f"{path}.json?" + str(httpx.QueryParams({**params, "_shape": "array"})))
    assert response.status_code == 200, response.text
    return response.json()


def facet(data: dict, name: str) -> dict:
    """Return a facet's counts by value from a table's JSON."""
    return {r["value"]: r["count"] for r in data["facet_results"][name]["results"]}


def test_findings_are_faceted_by_label_province_year_and_body(app):
    data = get(app, "/archive/findings_browse.json").json()
    assert facet(data, "label") == {"strength": 2, "shortcoming": 2}
    assert facet(data, "province") == {"Hà Nội": 3, "Lạng Sơn": 1}
    assert facet(data, "year") == {"2019": 3, "2022": 1}
    assert facet(data, "body") == {"Quận ủy": 3, "Đảng ủy phường Đông Kinh": 1}


def test_a_facet_filters_findings(app):
    found = rows(app, "/archive/findings_browse", province__arraycontains="Lạng Sơn")
    assert [(r["id"], r["finding"]) for r in found] == [(4, STRENGTH_002)]
    assert [r["id"] for r in rows(app, "/archive/findings_browse", label="shortcoming", _sort="id")] == [2, 3]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("thach ban", [(1, 1), (2, 1), (3, 1)]),  # via the article's title; (id, via_article)
        ("dong kinh", [(4, 0)]),  # "đ" folds to "d"; the finding itself matches
        ("ĐÔNG kinh", [(4, 0)]),
        ("quy trinh noi bo", [(3, 0), (1, 1), (2, 1)]),  # own text first, then the rest of its article
        ("không có từ này", []),
        ("", []),  # no words: nothing, not an FTS5 syntax error
        ('"dong', [(4, 0)]),  # quotes cannot break the MATCH expression
    ],
)
def test_search_folds_the_query_like_the_index(app, q, expected):
    found = rows(app, "/archive/search_findings", q=q)
    assert [(r["id"], r["via_article"]) for r in found] == expected


def test_search_page_highlights_words_and_links_each_finding_to_its_article(app):
    html = get(app, "/archive/search_findings?q=dong+kinh").text
    assert "Đảng ủy phường <mark>Đông</mark> <mark>Kinh</mark> đã kịp thời lãnh đạo, chỉ đạo" in html
    assert '<a href="/-/article/2?finding=4#finding">Thông báo kết quả giám sát &lt;chuyên đề&gt;</a>' in html


def test_browse_page_links_each_finding_to_its_article(app):
    html = get(app, "/archive/findings_browse?label=shortcoming").text
    assert '<a href="/-/article/1?finding=2#finding">Giám sát công tác lãnh đạo' in html


@pytest.mark.parametrize(
    ("locality", "label", "expected"),
    [
        ("Hà Nội", "", [1, 2, 3]),  # a province covers the wards named in it
        ("ha noi", "shortcoming", [2, 3]),
        ("phường Thạch Bàn", "", [1, 2, 3]),
        ("Gia Thụy", "strength", [1]),
        ("dong kinh", "", [4]),
        ("Lạng Sơn", "", [4]),
        ("Quảng Ninh", "", []),
    ],
)
def test_findings_for_a_locality(app, locality, label, expected):
    found = rows(app, "/archive/findings_for_locality", locality=locality, label=label)
    assert [r["id"] for r in found] == expected


def test_shortcomings_by_province(app):
    assert rows(app, "/archive/shortcomings_by_province") == [
        {"province": "Hà Nội", "shortcomings": 2, "articles": 1}
    ]


def test_article_page_marks_the_finding_span(app):
    response = get(app, "/-/article/1?finding=3")
    assert response.status_code == 200
    assert f'<mark id="finding" data-finding="3">{SHORT_000_B}</mark>.</div>' in response.text
    assert "Finding 3 of 3" in response.text
    assert response.text.count("<mark") == 1


def test_article_page_escapes_text_and_marks_nothing_without_a_finding(app):
    response = get(app, "/-/article/2")
    assert "<title>Thông báo kết quả giám sát &lt;chuyên đề&gt;</title>" in response.text
    assert "<mark" not in response.text


def test_unknown_article_is_not_found(app):
    assert get(app, "/-/article/99").status_code == 404
