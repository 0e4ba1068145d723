"""The analysed article as a spaCy Doc: entity and findings spans, the displaCy page, training data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.tokens import DocBin

from pipeline import extract
from pipeline.gold import export_training_data
from pipeline.model import Article, Locality, Organization, Person
from pipeline.nlp.doc import FINDINGS_KEY, gold_doc, render_html, to_doc
from pipeline.nlp.text import normalize
from pipeline.nlp.tokens import vietnamese

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "corpora" / "samples" / "000_644511fd9a9480fe.txt"
# Two real sentences of seed 002 that name the same official.
VAN = normalize(
    "Đ/c Nguyễn Thị Hồng Vân, Uỷ viên Ban Thường vụ, Phó Chủ tịch UBND thành phố phát biểu tại Hội nghị\n"
    "Phát biểu tại hội nghị đồng chí Nguyễn Thị Hồng Vân, Uỷ viên Ban Thường vụ Thành uỷ"
)


@pytest.fixture(scope="module")
def article() -> Article:
    return extract(SEED_000)


@pytest.fixture(scope="module")
def doc(article):
    return to_doc(article)


@pytest.fixture(scope="module")
def page(article) -> str:
    return render_html(article)


def test_doc_text_is_the_article_text(article, doc):
    assert doc.text == article.text
    assert doc._.article_source == str(SEED_000)


@pytest.mark.parametrize(
    ("label", "text", "start", "value"),
    [
        ("DATE", "ngày 15/8/2019", 207, "2019-08-15"),
        ("DATE", "năm 2019", 92, "2019-01-01/2019-12-31"),
        ("DOC", "Quyết định số 983, 984-QĐ/QU", 177, "983, 984"),
        ("LOC", "phường Thạch Bàn", 107, "phường Thạch Bàn"),
        ("PER", "Đinh Thị Thu Hương", 277, "Đinh Thị Thu Hương"),
        ("ORG", "UBND Quận", 316, "Ủy ban nhân dân quận"),
    ],
)
def test_seed_000_entities_at_their_offsets(doc, label, text, start, value):
    found = {(e.label_, e.start_char, e.end_char): e for e in doc.ents}
    ent = found[label, start, start + len(text)]
    assert ent.text == text
    assert ent._.value == value


def test_findings_are_a_span_group_with_their_labels(article, doc):
    group = doc.spans[FINDINGS_KEY]
    assert [(s.label_, s.text) for s in group] == [(f.label.upper(), f.text) for f in article.findings]
    assert len(group) >= 8  # seed 000 has 8 gold findings; the model may add a false one, not drop spans


def test_every_mention_of_a_person_and_the_longer_of_overlapping_spans():
    first = VAN.index("Nguyễn Thị Hồng Vân")
    org = VAN.index("UBND thành phố")
    place = VAN.index("thành phố")
    doc = to_doc(
        Article(
            source="seed 002",
            text=VAN,
            people=[Person(name="Nguyễn Thị Hồng Vân", span=(first, first + 19))],
            organizations=[
                Organization(text="UBND thành phố", name="Ủy ban nhân dân thành phố", span=(org, org + 14))
            ],
            localities=[Locality(text="thành phố", name="", level="thành phố", span=(place, place + 9))],
        )
    )
    assert [(e.label_, e.text, e.start_char) for e in doc.ents] == [
        ("PER", "Nguyễn Thị Hồng Vân", 4),
        ("ORG", "UBND thành phố", 61),
        ("PER", "Nguyễn Thị Hồng Vân", 131),
    ]


def test_sentences_follow_lines(doc):
    assert next(iter(doc.sents)).text.startswith("Giám sát công tác lãnh đạo")
    assert all("\n" not in s.text.strip() for s in doc.sents)


def test_page_is_standalone_with_marks_per_label(article, page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    assert f"<title>{article.title}</title>" in page
    for label in ("DATE", "DOC", "LOC", "ORG", "PER"):
        assert re.search(r"<mark [^>]*>[^<]*<span [^>]*>" + label + "</span>", page), label


def test_page_shows_every_finding(doc, page):
    section = page[page.index('<section class="findings">') :]
    labels = re.findall(r">\s*(STRENGTH|SHORTCOMING|RECOMMENDATION)\s*<", section)
    assert labels == [s.label_ for s in doc.spans[FINDINGS_KEY]]
    # displaCy prints each token apart, the label after a finding's first token
    shown = " ".join(re.sub(r"<[^>]+>|STRENGTH|SHORTCOMING|RECOMMENDATION", " ", section).split())
    for span in doc.spans[FINDINGS_KEY]:
        assert " ".join(t.text for t in span) in shown


def test_gold_entries_located_exactly_then_folded():
    text = "Nguyễn Thị Hồng Thuý - Uỷ ban Kiểm tra Thành uỷ"  # seed 002 as printed, not normalised
    gold = {
        "people": [{"name": "Nguyễn Thị Hồng Thúy"}],
        "organizations": [{"text": "Ủy ban Kiểm tra Thành ủy"}, {"text": "Quận ủy"}],
    }
    doc = gold_doc(gold, text, vietnamese())
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("PER", "Nguyễn Thị Hồng Thuý"),
        ("ORG", "Uỷ ban Kiểm tra Thành uỷ"),
    ]
    assert doc._.unlocated == ["ORG: Quận ủy"]


def test_exported_seeds_round_trip(tmp_path):
    out = tmp_path / "seeds.spacy"
    assert export_training_data(ROOT / "corpora" / "gold" / "seeds", out) == 5
    docs = list(DocBin().from_disk(out).get_docs(vietnamese().vocab))
    assert [len(d.ents) for d in docs] == [24, 12, 31, 21, 20]
    assert [len(d.spans[FINDINGS_KEY]) for d in docs] == [8, 5, 27, 6, 19]
    assert all(not d._.unlocated for d in docs)
    first = docs[0]
    assert first._.article_source == "corpora/samples/000_644511fd9a9480fe.txt"
    assert ("PER", "Đinh Thị Thu Hương", 277) in {(e.label_, e.text, e.start_char) for e in first.ents}
    assert [e._.value for e in first.ents if e.start_char == 127] == ["phường Gia Thụy"]
