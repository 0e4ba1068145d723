"""Tests for pipeline.ingest.files: every loader on the fixtures, and every bad input as a failure."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline.ingest.errors import IngestFailure
from pipeline.ingest.files import iter_documents
from pipeline.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests") / "fixtures"
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _one(path: str | Path) -> RawDocument | IngestFailure:
    """Return the single item a path yields."""
    items = list(iter_documents([path]))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("tests/fixtures/nope.txt", "missing file"),
        ("tests/fixtures/bad/empty.txt", "empty file"),
        ("tests/fixtures/bad/blank.txt", "empty file"),
        ("tests/fixtures/bad/image.txt", "binary file (not text)"),
        ("tests/fixtures/encodings/japanese_shift_jis.txt", "not valid text in any known encoding"),
        ("tests/fixtures/bad/scanned.pdf", "PDF has no text layer (scanned?)"),
        ("tests/fixtures/bad/fake.pdf", "not a PDF file"),
        ("tests/fixtures/bad/old_word.docx", "not a .docx file (Word 97-2003 .doc is not supported)"),
        ("tests/fixtures/bad/only_debris.txt", "no text left after removing page debris"),
        ("tests/fixtures/make_fixtures.py", "unsupported file type '.py'"),
    ],
)
def test_bad_input_is_a_failure_with_a_reason(path: str, reason: str) -> None:
    assert _one(path) == IngestFailure(path, reason)


def test_source_is_the_path_as_given() -> None:
    doc = _one("tests/fixtures/../fixtures/encodings/seed000_vni.txt")
    assert doc.source == "tests/fixtures/../fixtures/encodings/seed000_vni.txt"


@pytest.mark.parametrize("name", ["cp1258", "tcvn3", "vni", "utf16", "utf8bom"])
def test_encoded_text_files(name: str) -> None:
    doc = _one(FIXTURES / "encodings" / f"seed000_{name}.txt")
    assert doc.text.startswith("Thực hiện Quyết định số 983, 984-QĐ/QU, ngày 15/8/2019 của Quận ủy")


def test_seeds_are_cleaned() -> None:
    docs = list(iter_documents([ROOT / "corpora" / "samples"]))
    assert [Path(d.source).name for d in docs] == [p.name for p in SEEDS]
    assert docs[3].text == (ROOT / FIXTURES / "clean" / SEEDS[3].name).read_text(encoding="utf-8").rstrip(
        "\n"
    )


def test_jsonl_bad_lines_fail_alone() -> None:
    items = list(iter_documents([FIXTURES / "docs" / "articles.jsonl"]))
    path = str(FIXTURES / "docs" / "articles.jsonl")
    assert [type(i).__name__ for i in items] == [
        "RawDocument",
        "IngestFailure",
        "IngestFailure",
        "RawDocument",
    ]
    assert items[0].url == "https://thainguyen.example.vn/a/1" and items[0].published == "2020-08-13"
    assert "Tin liên quan" not in items[0].text and "Đăng nhập" not in items[0].text
    assert items[1].source == f"{path}:2" and items[1].reason.startswith("not valid JSON")
    assert items[2] == IngestFailure(f"{path}:3", "no 'text' field")


def test_docx_report() -> None:
    doc = _one(FIXTURES / "docs" / "seed004_report.docx")
    assert doc.title == "PHƯỜNG PHÚ TÀI THỰC HIỆN CÔNG TÁC KIỂM TRA NỘI BỘ VỀ CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert "Kế hoạch số 22/KH-UBND ngày 22/02/2024" in doc.text
    assert "Tỉ lệ đúng hạn | 98,4%" in doc.text


def test_pdf_report() -> None:
    doc = _one(FIXTURES / "docs" / "seed001_report.pdf")
    assert doc.text.startswith("Giám sát hoạt động của Trung hành chính công các cấp")
    assert "Quyết định số 111-QĐ/BDV" in doc.text


def test_html_file() -> None:
    doc = _one(FIXTURES / "html" / "portal_seed003.html")
    assert doc.source == str(FIXTURES / "html" / "portal_seed003.html")
    assert doc.published == "2020-08-13"


def test_folder_is_expanded_sorted_and_streams() -> None:
    items = iter_documents([FIXTURES])
    first = next(items)
    assert first.source == str(FIXTURES / "bad" / "blank.txt")
    assert not any(str(i.source).endswith(".py") for i in items)


def test_speed_on_seeds() -> None:
    start = time.perf_counter()
    docs = list(iter_documents([ROOT / "corpora" / "samples"] * 4))
    rate = len(docs) / (time.perf_counter() - start)
    assert len(docs) == 20 and rate > 20, f"{rate:.0f} documents/s"
