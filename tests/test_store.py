"""The archive: schema, idempotent writes, re-extraction, failures, folded full-text search, filters."""

from __future__ import annotations

import pytest
import sqlite_utils

from pipeline.model import Article, DateMention, DocumentRef, Finding, Locality, Organization, Person
from pipeline.store.query import FindingQuery, bare_place_name, findings, stats, summary
from pipeline.store.schema import SCHEMA_VERSION, open_db
from pipeline.store.search import fts_query
from pipeline.store.write import WriteStatus, known_sources, record_failure, write_article

SEED_000 = (
    "Giám sát công tác lãnh đạo, chỉ đạo và tổ chức thực hiện Chương trình 02-CTr/QU của Quận ủy năm 2019 "
    "tại 2 phường Thạch Bàn và Gia Thụy.\n\nTại buổi làm việc đoàn giám sát cũng chỉ ra một số vấn đề còn "
    "hạn chế, thiếu sót cần quan tâm như: Số lượng tin bài về mô hình tiếp nhận, trả kết quả giải quyết thủ "
    "tục hành chính thân thiện, gần dân còn hạn chế; một số quy trình nội bộ không còn phù hợp chưa được "
    "điều chỉnh."
)
SEED_002 = (
    "Theo Thông báo kết quả giám sát, Đảng ủy phường Đông Kinh đã kịp thời lãnh đạo, chỉ đạo; thành lập và "
    "kiện toàn Ban Chỉ đạo."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _article_000() -> Article:
    text = SEED_000
    f1 = (
        "Số lượng tin bài về mô hình tiếp nhận, trả kết quả giải quyết thủ tục hành chính thân thiện, "
        "gần dân còn hạn chế"
    )
    f2 = "một số quy trình nội bộ không còn phù hợp chưa được điều chỉnh"
    return Article(
        source="corpora/samples/000.txt",
        text=text,
        title=text.splitlines()[0],
        published="2019-09-19",
        dates=[DateMention("19/09/2019", "2019-09-19", role="published")],
        documents=[
            DocumentRef("Quyết định số 983, 984-QĐ/QU", "983", "QĐ", "Quyết định", "QU", 2019, "2019-08-15"),
            DocumentRef("Quyết định số 983, 984-QĐ/QU", "984", "QĐ", "Quyết định", "QU", 2019, "2019-08-15"),
        ],
        localities=[Locality("phường Thạch Bàn", "Thạch Bàn", "phường", "Hà Nội", "00148", era="legacy")],
        organizations=[Organization("Quận ủy", "Quận ủy")],
        people=[Person("Đinh Thị Thu Hương", ["Quận ủy viên"], "Trưởng đoàn")],
        findings=[
            Finding(f1, "shortcoming", 0.91, _span(text, f1)),
            Finding(f2, "shortcoming", 0.88, _span(text, f2)),
        ],
    )


def _article_002() -> Article:
    text = SEED_002
    f1 = "thành lập và kiện toàn Ban Chỉ đạo"
    return Article(
        source="corpora/samples/002.txt",
        text=text,
        title="Thông báo kết quả giám sát",
        published="2022-06-30",
        localities=[
            Locality("phường Đông Kinh", "Đông Kinh", "phường", "Lạng Sơn", "05980", era="legacy"),
            Locality("xã Vô Tranh", "Vô Tranh", "xã", None, None, candidates=["05647", "07489", "08131"]),
        ],
        findings=[Finding(f1, "strength", 0.8, _span(text, f1))],
    )


@pytest.fixture
def db(tmp_path):
    database = open_db(str(tmp_path / "archive.db"))
    write_article(database, _article_000(), content_hash="h000", extraction_version="v1")
    write_article(database, _article_002(), content_hash="h002", extraction_version="v1")
    return database


def test_schema_has_foreign_keys_wal_and_fts(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"documents_fts", "findings_fts"} <= set(db.table_names())
    assert db["findings"].foreign_keys[0].other_table == "documents"


def test_rewriting_same_content_and_version_changes_nothing(db):
    before = db["findings"].count
    doc_id, status = write_article(db, _article_000(), content_hash="h000", extraction_version="v1")
    assert status is WriteStatus.UNCHANGED
    assert db["findings"].count == before
    assert db["documents"].count == 2
    assert doc_id == 1


def test_new_extraction_version_replaces_derived_rows_and_keeps_document(db):
    article = _article_000()
    article.findings = article.findings[:1]
    doc_id, status = write_article(db, article, content_hash="h000", extraction_version="v2")
    assert status is WriteStatus.UPDATED
    rows = list(db["findings"].rows_where("document_id = ?", [doc_id]))
    assert len(rows) == 1
    assert db["documents"].get(doc_id)["extraction_version"] == "v2"


def test_failed_write_leaves_archive_unchanged(db):
    article = _article_000()
    article.findings[0].score = "not a number"  # round() fails inside the transaction
    with pytest.raises(TypeError):
        write_article(db, article, content_hash="h000", extraction_version="v3")
    assert db["documents"].get(1)["extraction_version"] == "v1"
    assert db["findings"].count == 3


def test_failures_are_recorded_and_cleared_by_success(db):
    record_failure(db, "corpora/samples/000.txt", "empty file")
    assert db["failures"].get("corpora/samples/000.txt")["reason"] == "empty file"
    write_article(db, _article_000(), content_hash="h000", extraction_version="v1")
    assert db["failures"].count == 0
    assert "corpora/samples/000.txt" in known_sources(db)


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("thach ban", {1, 2}),  # via the article title, both findings of seed 000
        ("dong kinh", {3}),  # "đ" folds to "d"
        ("ĐÔNG KINH", {3}),
        ("quy trinh noi bo", {1, 2}),  # the article matches too
        ("không có từ này", set()),
    ],
)
def test_full_text_search_ignores_diacritics_case_and_d(db, query, expected_ids):
    assert {row["id"] for row in findings(db, q=query)} == expected_ids


def test_finding_text_matches_rank_before_article_matches(db):
    rows = list(findings(db, q="quy trinh noi bo"))
    assert [(r["id"], r["via_document"]) for r in rows] == [(2, False), (1, True)]
    assert rows[0]["highlight"] == "một số [quy] [trình] [nội] [bộ] không còn phù hợp chưa được điều chỉnh"


def test_filters_combine(db):
    assert [r["id"] for r in findings(db, label="strength")] == [3]
    assert {r["id"] for r in findings(db, since="2020-01-01")} == {3}
    assert {r["id"] for r in findings(db, until="2019-12-31")} == {1, 2}
    assert {r["id"] for r in findings(db, person="dinh thi thu huong")} == {1, 2}
    assert {r["id"] for r in findings(db, organization="Quận ủy", label="shortcoming")} == {1, 2}
    assert list(findings(db, organization="Quận ủy", label="strength")) == []
    assert [r["id"] for r in findings(db, FindingQuery(label="shortcoming", limit=1))] == [1]


@pytest.mark.parametrize(
    ("symbol", "expected"), [("984-QĐ/QU", {1, 2}), ("983 qd qu", {1, 2}), ("70/QĐ-UBND", set())]
)
def test_document_number_filter(db, symbol, expected):
    assert {r["id"] for r in findings(db, document=symbol)} == expected


def test_document_filter_without_number_is_an_error(db):
    with pytest.raises(ValueError, match="no document number"):
        list(findings(db, document="QĐ/QU"))


@pytest.mark.parametrize(
    ("locality", "expected"),
    [
        ("Hà Nội", {1, 2}),  # a province includes its wards
        ("quận Long Biên", {1, 2}),  # a district includes its wards
        ("phường Thạch Bàn", {1, 2}),
        ("Long Biên", {1, 2}),  # Thạch Bàn became part of the 2025 phường Long Biên: the old unit finds it
        ("Lạng Sơn", {3}),
        ("Quảng Ninh", set()),
        ("Vô Tranh", {3}),  # an unresolved mention still matches by name
    ],
)
def test_locality_filter_covers_units_inside_and_across_eras(db, locality, expected):
    assert {r["id"] for r in findings(db, locality=locality)} == expected


def test_bare_place_name_strips_level_words():
    assert bare_place_name("phường Thạch Bàn") == "thach ban"
    assert bare_place_name("TP. Hạ Long") == "ha long"
    assert bare_place_name("Quảng Ninh") == "quang ninh"


def test_fts_query_quotes_folded_words():
    assert fts_query('Đông "Kinh"') == '"dong" "kinh"'
    assert fts_query("  ...  ") is None


def test_stats_and_summary(db):
    rows = stats(db, ("label",))
    assert rows == [{"label": "shortcoming", "findings": 2}, {"label": "strength", "findings": 1}]
    with pytest.raises(ValueError, match="cannot group by"):
        stats(db, ("colour",))
    totals = summary(db)
    assert totals["documents"] == 2
    assert totals["findings"] == {"shortcoming": 2, "strength": 1}
    assert totals["localities"] == ["xã Vô Tranh", "phường Thạch Bàn", "phường Đông Kinh"]


def test_findings_carry_label_and_place_tokens(db):
    tags = {row["id"]: row["tags"].split() for row in db["findings"].rows}
    assert tags[1] == ["labelshortcoming", "ulegacy00148", "ulegacy004", "ulegacy01"]
    assert tags[3] == ["labelstrength", "ulegacy05980", "ulegacy178", "ulegacy20", "nvotranh"]


def test_text_filters_run_inside_the_full_text_index(db):
    # the label and the place are FTS5 conditions on the tags column; results equal the SQL filters'
    def own_matches(**filters):
        return [r["id"] for r in findings(db, **filters) if not r["via_document"]]

    assert own_matches(q="han che", label="shortcoming", locality="Hà Nội") == [1]
    assert own_matches(q="han che", label="strength", locality="Hà Nội") == []
    assert own_matches(q="kien toan", locality="xã Vô Tranh") == [3]


def test_a_version_1_archive_is_upgraded_in_place(tmp_path):
    path = str(tmp_path / "old.db")
    old = open_db(path)
    write_article(old, _article_000(), content_hash="h000", extraction_version="v1")
    for table, columns in (("findings", ["text_folded"]), ("documents", ["title_folded", "text_folded"])):
        old[table].disable_fts()  # rebuild the version-1 layout: no tags columns, text-only indexes
        old.execute(f"ALTER TABLE {table} DROP COLUMN tags")
        old[table].enable_fts(columns, tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    old["meta"].upsert({"key": "schema_version", "value": "1"}, pk="key")
    old.conn.close()
    upgraded = open_db(path)
    assert upgraded["documents"].get(1)["tags"] == "ulegacy00148 ulegacy004 ulegacy01"
    assert upgraded["findings"].get(2)["tags"] == "labelshortcoming ulegacy00148 ulegacy004 ulegacy01"
    rows = findings(upgraded, q="quy trinh", label="shortcoming", locality="Long Biên")
    assert [r["id"] for r in rows if not r["via_document"]] == [2]


def _article_hoanh_bo() -> Article:
    """An article whose only place, "huyện Hoành Bồ" (merged into Hạ Long in 2019), has no code."""
    text = "Đoàn giám sát làm việc tại huyện Hoành Bồ. Công tác cải cách hành chính còn hạn chế."
    point = "Công tác cải cách hành chính còn hạn chế"
    return Article(
        source="hoanh-bo.txt",
        text=text,
        title="Giám sát tại Hoành Bồ",
        published="2018-05-02",
        localities=[Locality("huyện Hoành Bồ", "Hoành Bồ", "huyện", "Quảng Ninh", None)],
        findings=[Finding(point, "shortcoming", 0.9, _span(text, point))],
    )


def test_a_province_query_finds_a_dissolved_district_of_it(tmp_path):
    # Hoành Bồ has only its province: both query paths (SQL filter alone, and filter inside the
    # full-text index) must still file it under Quảng Ninh.
    archive = open_db(str(tmp_path / "a.db"))
    write_article(archive, _article_hoanh_bo(), content_hash="hb", extraction_version="v1")
    for query in ({}, {"q": "cai cach", "label": "shortcoming"}):
        for place in ("Quảng Ninh", "Hoành Bồ"):
            rows = list(findings(archive, locality=place, **query))
            assert len(rows) == 1
            if "q" in query:  # found by its own text and tags, not only through the article's search
                assert rows[0]["via_document"] is False
        assert list(findings(archive, locality="Lạng Sơn", **query)) == []


def _write_all(path: str) -> sqlite_utils.Database:
    """Return a fresh archive at ``path`` holding the three test articles."""
    archive = open_db(path)
    for article, content_hash in (
        (_article_000(), "h000"),
        (_article_002(), "h002"),
        (_article_hoanh_bo(), "hb"),
    ):
        write_article(archive, article, content_hash=content_hash, extraction_version="v1")
    return archive


def _tags_and_counts(archive: sqlite_utils.Database) -> tuple[dict, dict, dict]:
    """Return the archive's document and finding tags by id, and the row count of every table and
    full-text index (not of the indexes' own storage tables, whose layout a rebuild may change)."""
    return (
        {row["id"]: row["tags"] for row in archive["documents"].rows},
        {row["id"]: row["tags"] for row in archive["findings"].rows},
        {table: archive[table].count for table in archive.table_names() if "_fts_" not in table},
    )


def _mark_version(path: str, version: str) -> None:
    """Record ``version`` as the archive's schema version, without opening it through ``open_db``."""
    archive = sqlite_utils.Database(path)
    with archive.conn:
        archive.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
    archive.conn.close()


def _as_version_2(path: str) -> None:
    """Give the Hoành Bồ article and finding (id 3 and 4) the tags version 2 wrote, without the province
    token (the full-text triggers index them), and record version 2."""
    archive = sqlite_utils.Database(path)
    with archive.conn:
        archive.execute("UPDATE documents SET tags = 'nhoanhbo' WHERE id = 3")
        archive.execute("UPDATE findings SET tags = 'labelshortcoming nhoanhbo' WHERE id = 4")
    archive.conn.close()
    _mark_version(path, "2")


def _own_province_matches(archive: sqlite_utils.Database) -> list[tuple[int, str]]:
    """Return (id, highlight) of the findings a Quảng Ninh text query finds by their own text and tags."""
    rows = findings(archive, q="cai cach", label="shortcoming", locality="Quảng Ninh")
    return [(r["id"], r["highlight"]) for r in rows if not r["via_document"]]


def test_a_version_2_archive_gets_the_province_tags_of_a_fresh_write(tmp_path):
    expected = _tags_and_counts(_write_all(str(tmp_path / "fresh.db")))
    assert expected[1][4] == "labelshortcoming nhoanhbo ulegacy22"
    path = str(tmp_path / "old.db")
    _write_all(path).conn.close()
    _as_version_2(path)
    assert _own_province_matches(sqlite_utils.Database(path)) == []  # found only through the article
    upgraded = open_db(path)
    assert _tags_and_counts(upgraded) == expected
    assert _own_province_matches(upgraded) == [(4, "Công tác [cải] [cách] hành chính còn hạn chế")]
    assert upgraded["meta"].get("schema_version")["value"] == str(SCHEMA_VERSION)


def test_upgrading_twice_changes_nothing(tmp_path):
    path = str(tmp_path / "old.db")
    _write_all(path).conn.close()
    _as_version_2(path)
    once = open_db(path)
    after_once = (_tags_and_counts(once), _own_province_matches(once))
    once.conn.close()
    _mark_version(path, "2")  # the upgrade runs again on an archive it already upgraded
    twice = open_db(path)
    assert (_tags_and_counts(twice), _own_province_matches(twice)) == after_once
