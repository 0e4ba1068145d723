"""Tests for pipeline.ingest.dedup: the same seed on two portals is one document seen in two places."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest.clean import clean_text
from pipeline.ingest.dedup import Deduplicator, content_hash, hamming, simhash, unique
from pipeline.ingest.html import extract_html
from pipeline.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))
PORTAL = ROOT / "tests" / "fixtures" / "html" / "portal_seed003.html"


def _doc(path: Path) -> RawDocument:
    """Return a seed as a cleaned document."""
    return RawDocument(source=str(path), text=clean_text(path.read_text(encoding="utf-8")))


def test_content_hash_ignores_case_accents_and_spacing() -> None:
    assert content_hash("Giám sát  công tác\n") == content_hash("giam sat cong tac")
    assert content_hash("Giám sát") != content_hash("Kiểm tra")


def test_simhash_is_64_bit_and_stable() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    assert simhash(text) == simhash(text)
    assert 0 <= simhash(text) < 2**64


def test_same_article_on_two_portals_is_a_near_duplicate() -> None:
    plain = _doc(SEEDS[3])
    portal = extract_html(PORTAL.read_bytes(), url="https://phuluong.example.vn/x")
    debris = RawDocument(source="portal-b", text=plain.text + "\n\nTheo Báo Thái Nguyên\n\nLượt xem 1234 lần")
    dedup = Deduplicator()
    assert dedup.add(plain) is plain
    assert dedup.add(portal) is None
    assert dedup.add(debris) is None
    assert plain.also_at == [portal.source, "portal-b"]


def test_different_articles_are_far_apart() -> None:
    prints = [simhash(_doc(p).text) for p in SEEDS]
    assert min(hamming(a, b) for i, a in enumerate(prints) for b in prints[i + 1 :]) > 3
    assert len(list(unique(_doc(p) for p in SEEDS))) == len(SEEDS)


def test_exact_copy_is_dropped() -> None:
    first, copy = _doc(SEEDS[1]), RawDocument(source="copy.txt", text=_doc(SEEDS[1]).text.upper())
    assert list(unique([first, copy])) == [first]
    assert first.also_at == ["copy.txt"]
