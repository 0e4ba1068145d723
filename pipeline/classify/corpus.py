"""The training set: annotated articles (``corpora/findings``) turned into labelled examples.

Each annotated article is segmented; a segment that matches a gold finding (the word-overlap
rule of ``match_findings``) takes its label, every other segment is "none", and gold findings
that no segment matches are added as extra positive examples. A finding marked ``"reviewed":
false`` (a model label nobody checked, see ``checked_findings``) is neither: training and
evaluation (``pipeline.evaluate``) leave it and its segment out alike. Seed articles (the
end-to-end test set) are never used: an article that shares most of its text with a seed is left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pipeline.classify.features import Example, examples_from_segments
from pipeline.model import FINDING_LABELS, NOT_A_FINDING
from pipeline.nlp.findings import Segment, match_findings, segment_findings
from pipeline.nlp.text import fold

#: an article sharing this share of a seed's word 5-grams is treated as that seed
SEED_OVERLAP = 0.3


class CorpusError(ValueError):
    """The annotation files are malformed (bad JSON, unknown article, unknown label)."""


@dataclass
class LabelledArticle:
    """An annotated article: its text and its gold findings (dicts with text, label, leadin)."""

    id: str
    text: str
    findings: list[dict] = field(default_factory=list)


@dataclass
class TrainingSet:
    """Examples with their labels and the article each came from (the CV groups)."""

    examples: list[Example] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def read_jsonl(path: Path) -> list[dict]:
    """Return the records of a JSON-lines file, raising ``CorpusError`` with the line on bad JSON."""
    return parse_jsonl(path.read_text(encoding="utf-8"), path)


def parse_jsonl(text: str, source: Path | str) -> list[dict]:
    """Return the records of JSON-lines ``text`` read from ``source`` (named in a ``CorpusError``)."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise CorpusError(f"{source}:{number}: {err}") from err
    return records


def label_files(data_dir: Path) -> list[Path]:
    """Return the annotation files of ``data_dir`` (``labels/*.jsonl``), sorted by name."""
    return sorted((data_dir / "labels").glob("*.jsonl"))


def shingles(text: str) -> set[str]:
    """Return the folded word 5-grams of ``text`` (for telling a seed's copy from another article)."""
    words = re.findall(r"\w+", fold(text))
    return {" ".join(words[i : i + 5]) for i in range(max(len(words) - 4, 0))}


def is_seed(text: str, seeds: list[set[str]]) -> bool:
    """Return whether ``text`` shares most of a seed's 5-grams (``seeds``: each seed's ``shingles``).

    A seed republished by another portal differs in debris and small edits, so an exact hash would
    let it into training (or a review round) and leak the test set.
    """
    own = shingles(text)
    return any(seed and len(own & seed) / len(seed) >= SEED_OVERLAP for seed in seeds)


def check_labels(record: dict, path: Path) -> None:
    """Raise ``CorpusError`` naming ``path``, the article and the label when a finding of ``record``
    has a label the classifier does not know (or none): a typo would otherwise be scored or trained
    on as a class of its own, or fail later with a bare ``KeyError``.
    """
    bad = {f.get("label") for f in record.get("findings") or []} - set(FINDING_LABELS)
    if bad:
        raise CorpusError(f"{path}: article {record.get('id')}: unknown labels {sorted(map(str, bad))}")


def load_annotated(data_dir: Path, seed_texts: Iterable[str] = ()) -> list[LabelledArticle]:
    """Return the annotated articles of ``data_dir`` sorted by id, seeds left out.

    When an article is annotated twice, the later file (by name) wins.
    """
    texts = {r["id"]: r["text"] for r in read_jsonl(data_dir / "articles.jsonl")}
    findings: dict[str, list[dict]] = {}
    for path in label_files(data_dir):
        for record in read_jsonl(path):
            if record.get("id") not in texts:
                raise CorpusError(f"{path}: unknown article id {record.get('id')!r}")
            check_labels(record, path)
            findings[record["id"]] = record.get("findings") or []
    seeds = [shingles(t) for t in seed_texts]
    return [
        LabelledArticle(aid, texts[aid], findings[aid])
        for aid in sorted(findings)
        if not is_seed(texts[aid], seeds)
    ]


class Checked(NamedTuple):
    """An article's findings that a person checked, matched to its segments (see ``checked_findings``)."""

    #: the checked findings: the gold that training learns and evaluation scores
    findings: list[dict]
    #: ``(segment index, index in findings)`` pairs, by ``match_findings``
    matches: list[tuple[int, int]]
    #: the segments that match a finding nobody checked: neither that label nor "none"
    unchecked: set[int]


def checked_findings(segments: list[str], findings: list[dict]) -> Checked:
    """Return the ``findings`` a person checked and how the ``segments`` match them.

    ``segments`` are texts: an article's segments, or another reader's findings for it.

    A finding marked ``"reviewed": false`` is a model label kept in ``labels/review.jsonl`` only so
    that its segment is not taken for "none"; nobody checked it, so its segment is left out rather
    than taken for that label or for "none". Training and evaluation both go through here, so a
    score never counts as gold what training would not learn. The segments are matched against
    every finding at once, so a segment closer to an unchecked finding is not handed to a checked one.
    """
    pairs = match_findings(segments, [f["text"] for f in findings])
    index: dict[int, int] = {}
    for j, finding in enumerate(findings):
        if finding.get("reviewed") is not False:
            index[j] = len(index)
    return Checked(
        [findings[j] for j in index],
        [(i, index[j]) for i, j in pairs if j in index],
        {i for i, j in pairs if j not in index},
    )


def _paragraph_at(segments: list[Segment], offset: int) -> int:
    """Return the paragraph of the last segment starting at or before ``offset`` (0 if none)."""
    return max((s.paragraph for s in segments if s.span[0] <= offset), default=0)


def article_examples(article: LabelledArticle) -> tuple[list[Example], list[str]]:
    """Return the examples of one article and their labels (gold label of the matched segment, else none).

    Only checked findings count (``checked_findings``): a segment matching an unchecked one is no
    example at all, and an unchecked finding no segment matches is not added.
    """
    segments = segment_findings(article.text)
    examples = examples_from_segments(segments)
    labels = [NOT_A_FINDING] * len(segments)
    gold = checked_findings([s.text for s in segments], article.findings)
    for i, j in gold.matches:
        labels[i] = gold.findings[j]["label"]
    last = max((s.paragraph for s in segments), default=0) or 1
    matched = {j for _, j in gold.matches}
    for j, g in enumerate(gold.findings):
        if j not in matched:
            start = article.text.find(g["text"])
            position = _paragraph_at(segments, start) / last
            before = next((s.text for s in reversed(segments) if s.span[1] <= start), None)
            end = start + len(g["text"])
            after = next((s.text for s in segments if start >= 0 and s.span[0] >= end), None)
            examples.append(Example(g["text"], g.get("leadin"), None, position, before, after))
            labels.append(g["label"])
    kept = [i for i in range(len(examples)) if i not in gold.unchecked]
    return [examples[i] for i in kept], [labels[i] for i in kept]


def training_set(articles: Iterable[LabelledArticle]) -> TrainingSet:
    """Return the examples of all ``articles``, grouped by article id."""
    out = TrainingSet()
    for article in articles:
        examples, labels = article_examples(article)
        out.examples += examples
        out.labels += labels
        out.groups += [article.id] * len(examples)
    return out
