"""End to end on the five seed articles: every field of ``giamsat extract`` against the hand annotations.

The gold files (corpora/gold/seeds/*.json) were written by reading the articles; each test below
compares one field for every seed, so a regression names the field and the article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.evaluate import FIELD_KEYS, Score, score_findings

ROOT = Path(__file__).resolve().parent.parent
GOLD = {
    p.stem: json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((ROOT / "corpora/gold/seeds").glob("*.json"))
}


@pytest.fixture(scope="module")
def articles():
    return {stem: extract(ROOT / gold["source"]) for stem, gold in GOLD.items()}


@pytest.fixture(scope="module")
def predicted(articles) -> dict[str, dict]:
    return {stem: article.to_dict() for stem, article in articles.items()}


def test_five_seeds_are_annotated():
    assert len(GOLD) == 5


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_title_and_publication_date(predicted, stem):
    assert predicted[stem]["title"] == GOLD[stem]["title"]
    assert predicted[stem]["published"] == GOLD[stem]["published"]


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_dates(predicted, stem):
    got = [(d["value"], d["end"], d["role"]) for d in predicted[stem]["dates"]]
    want = [(d["value"], d["end"], d["role"]) for d in GOLD[stem]["dates"]]
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_documents(predicted, stem):
    fields = ("number", "type_code", "type", "issuer_code", "year", "date")
    got = [tuple(d[f] for f in fields) for d in predicted[stem]["documents"]]
    want = [tuple(d[f] for f in fields) for d in GOLD[stem]["documents"]]
    assert got == want


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_localities(predicted, stem):
    fields = ("name", "level", "province", "code")
    got = [tuple(d[f] for f in fields) for d in predicted[stem]["localities"]]
    want = [tuple(d[f] for f in fields) for d in GOLD[stem]["localities"]]
    assert got == want


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_organizations(predicted, stem):
    keys = FIELD_KEYS["organizations"]
    assert keys(predicted[stem]) == keys(GOLD[stem])


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_people_and_authors(predicted, stem):
    assert predicted[stem]["people"] == GOLD[stem]["people"]
    assert predicted[stem]["authors"] == GOLD[stem]["authors"]


def test_findings_segmentation_and_labels(predicted):
    """Findings are model output: the floor below is what the shipped model reaches (README, eval)."""
    seg, labelled = Score(), Score()
    for stem, gold in GOLD.items():
        score_findings(predicted[stem]["findings"], gold["findings"], seg, labelled)
    assert seg.f1 >= 0.80, f"segmentation F1 {seg.f1:.3f}"
    assert labelled.f1 >= 0.60, f"segment+label F1 {labelled.f1:.3f}"


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_findings_carry_labels_scores_and_offsets(articles, stem):
    article = articles[stem]
    assert article.findings
    for finding in article.findings:
        assert finding.label in ("strength", "shortcoming", "recommendation")
        assert 0.0 < finding.score <= 1.0
        start, stop = finding.span
        assert article.text[start:stop] == finding.text
