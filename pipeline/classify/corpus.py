"""The training set: annotated articles (``corpora/findings``) turned into labelled examples.

Each annotated article is segmented; a segment that matches a gold finding (the word-overlap
rule of ``match_findings``) takes its label, every other segment is "none", and gold findings
that no segment matches are added as extra positive examples. Seed articles (the end-to-end
test set) are never used: an article that shares most of its text with a seed is left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

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


def _shingles(text: str) -> set[str]:
    """Return the folded word 5-grams of ``text`` (for telling a seed's copy from another article)."""
    words = re.findall(r"\w+", fold(text))
    return {" ".join(words[i : i + 5]) for i in range(max(len(words) - 4, 0))}


def _is_seed(text: str, seeds: list[set[str]]) -> bool:
    """Return whether ``text`` shares most of a seed's 5-grams."""
    own = _shingles(text)
    return any(seed and len(own & seed) / len(seed) >= SEED_OVERLAP for seed in seeds)


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
            bad = {f.get("label") for f in record.get("findings") or []} - set(FINDING_LABELS)
            if bad:
                raise CorpusError(f"{path}: article {record['id']}: unknown labels {sorted(map(str, bad))}")
            findings[record["id"]] = record.get("findings") or []
    seeds = [_shingles(t) for t in seed_texts]
    return [
        LabelledArticle(aid, texts[aid], findings[aid])
        for aid in sorted(findings)
        if not _is_seed(texts[aid], seeds)
    ]


def _paragraph_at(segments: list[Segment], offset: int) -> int:
    """Return the paragraph of the last segment starting at or before ``offset`` (0 if none)."""
    return max((s.paragraph for s in segments if s.span[0] <= offset), default=0)


def article_examples(article: LabelledArticle) -> tuple[list[Example], list[str]]:
    """Return the examples of one article and their labels (gold label of the matched segment, else none).

    A finding marked ``"reviewed": false`` (a model label kept in ``labels/review.jsonl`` only so
    that its segment is not taken for "none") is no training example at all: nobody checked it.
    """
    segments = segment_findings(article.text)
    examples = examples_from_segments(segments)
    labels = [NOT_A_FINDING] * len(segments)
    gold = article.findings
    matches = match_findings([s.text for s in segments], [g["text"] for g in gold])
    unchecked = {i for i, j in matches if gold[j].get("reviewed") is False}
    for i, j in matches:
        labels[i] = gold[j]["label"]
    last = max((s.paragraph for s in segments), default=0) or 1
    matched = {j for _, j in matches}
    for j, g in enumerate(gold):
        if j not in matched and g.get("reviewed") is not False:
            start = article.text.find(g["text"])
            position = _paragraph_at(segments, start) / last
            before = next((s.text for s in reversed(segments) if s.span[1] <= start), None)
            end = start + len(g["text"])
            after = next((s.text for s in segments if start >= 0 and s.span[0] >= end), None)
            examples.append(Example(g["text"], g.get("leadin"), None, position, before, after))
            labels.append(g["label"])
    kept = [i for i in range(len(examples)) if i not in unchecked]
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
