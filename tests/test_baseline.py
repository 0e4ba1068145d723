"""The underthesea NER baseline: what it tags on a seed (its weaknesses are the point of the comparison)."""

from __future__ import annotations

from pathlib import Path

from pipeline.nlp.baseline import ner_names
from pipeline.nlp.text import normalize

SEED_002 = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "002_0cfd6314571e04eb.txt"


def test_person_baseline_keeps_what_ner_tags_as_person() -> None:
    names = ner_names(normalize(SEED_002.read_text(encoding="utf-8")), "PER")
    assert "Nguyễn Thị Hồng Thúy" in names and "MTTQ" in names


def test_location_baseline_tags_the_ward() -> None:
    names = ner_names(normalize(SEED_002.read_text(encoding="utf-8")), "LOC")
    assert any("Đông Kinh" in name for name in names)
