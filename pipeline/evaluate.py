"""Score the extractors against hand-annotated gold articles: precision, recall and F1 per field.

A gold file (``corpora/gold/**/*.json``) holds one article's expected output in the public JSON
contract plus ``source`` (the text file, relative to the repository root) or ``text``. Items are
compared as sets of keys per article (micro-averaged over articles); the keys are listed in
``FIELD_KEYS`` so the rules are visible in one place. The annotation guide is
``corpora/gold/GUIDE.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.analyze import analyze
from pipeline.classify.predict import FindingClassifier
from pipeline.gold import load_gold
from pipeline.model import FINDING_LABELS, Article
from pipeline.nlp.baseline import ner_names
from pipeline.nlp.findings import Segment, match_findings, segment_findings
from pipeline.nlp.text import fold
from pipeline.store.query import bare_place_name


@dataclass
class Score:
    """Counts for one field, with precision, recall and F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Return TP / (TP + FP), 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Return TP / (TP + FN), 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set, expected: set) -> None:
        """Count one article's predicted and expected keys."""
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)


def _keys(items: Iterable[dict], key: Callable[[dict], object]) -> set:
    """Return the set of comparison keys of ``items``."""
    return {key(item) for item in items}


def _titles(people: Iterable[dict]) -> set:
    """Return (person, title) pairs, folded."""
    return {(fold(p["name"]), fold(t)) for p in people for t in p.get("titles", [])}


FIELD_KEYS: dict[str, Callable[[dict], set]] = {
    "published": lambda a: {a["published"]} if a.get("published") else set(),
    "title": lambda a: {fold(a["title"]).strip()} if a.get("title") else set(),
    "dates": lambda a: _keys(a["dates"], lambda d: (d["value"], d["end"], d["role"])),
    "dates (value only)": lambda a: _keys(a["dates"], lambda d: (d["value"], d["end"])),
    "documents": lambda a: _keys(
        a["documents"], lambda d: (d["number"], d["type_code"], d["issuer_code"], d["year"], d["date"])
    ),
    "localities (name)": lambda a: _keys(a["localities"], lambda loc: bare_place_name(loc["name"])),
    "localities (name+level)": lambda a: _keys(
        a["localities"], lambda loc: (fold(loc["name"]), loc["level"])
    ),
    "localities (+province)": lambda a: _keys(
        a["localities"], lambda loc: (fold(loc["name"]), loc["level"], loc["province"])
    ),
    "organizations": lambda a: _keys(a["organizations"], lambda o: fold(o["name"])),
    "people (name)": lambda a: _keys(a["people"], lambda p: fold(p["name"])),
    "people (role)": lambda a: _keys(
        [p for p in a["people"] if p.get("role")], lambda p: (fold(p["name"]), p["role"])
    ),
    "people (titles)": lambda a: _titles(a["people"]),
    "authors": lambda a: {fold(x) for x in a.get("authors", [])},
}


def score_findings(predicted: list[dict], expected: list[dict], seg: Score, labelled: Score) -> None:
    """Count finding segmentation (overlap match) and labelled matches (same label too)."""
    pairs = match_findings([f["text"] for f in predicted], [f["text"] for f in expected])
    seg.tp += len(pairs)
    seg.fp += len(predicted) - len(pairs)
    seg.fn += len(expected) - len(pairs)
    same = sum(1 for i, j in pairs if predicted[i]["label"] == expected[j]["label"])
    labelled.tp += same
    labelled.fp += len(predicted) - same
    labelled.fn += len(expected) - same


def evaluate(gold_dir: Path, classifier: FindingClassifier | None = None) -> dict[str, Score]:
    """Return a ``Score`` per field over every gold article under ``gold_dir``."""
    classifier = classifier or FindingClassifier.load()
    scores = {name: Score() for name in FIELD_KEYS}
    scores["findings (segmentation)"] = Score()
    scores["findings (segment+label)"] = Score()
    for gold, doc in load_gold(gold_dir):
        predicted = analyze(doc, classifier).to_dict()
        for name, keys in FIELD_KEYS.items():
            scores[name].add(keys(predicted), keys(gold))
        score_findings(
            predicted["findings"],
            gold["findings"],
            scores["findings (segmentation)"],
            scores["findings (segment+label)"],
        )
    return scores


#: The fields underthesea's NER alone can be compared on: (field, NER entity type, key of one entity).
BASELINE_FIELDS = (("people (name)", "PER", fold), ("localities (name)", "LOC", bare_place_name))


def baseline(gold_dir: Path) -> dict[str, Score]:
    """Return underthesea NER's scores on the fields it can be compared on (names only, no levels)."""
    scores = {name: Score() for name, _, _ in BASELINE_FIELDS}
    for gold, doc in load_gold(gold_dir):
        for name, kind, key in BASELINE_FIELDS:
            predicted = {key(entity) for entity in ner_names(doc.text, kind)}
            scores[name].add(predicted, FIELD_KEYS[name](gold))
    return scores


#: the rows of ``corpus_findings``: every segment (the splitting's ceiling), the model's findings, labels too
CORPUS_ROWS = ("oracle (every segment)", "findings (segmentation)", "findings (segment+label)")


def corpus_findings(
    data_dir: Path, classifier: FindingClassifier | None = None, folds: int = 5, seed: int = 0
) -> dict[str, Score]:
    """Return segmentation scores of ``segment_findings`` on the annotated findings corpus ``data_dir``.

    The oracle row keeps every segment (unlabelled), so its recall is what the splitting allows
    whatever the classifier does. The other rows keep the segments the classifier calls findings;
    with no ``classifier`` each article is labelled by a model trained on the other folds
    (``folds``-fold split by article; logistic regression, the learner the shipped model card names),
    so the corpus is not scored by a model that saw it. Seed articles are left out as in training,
    and so are model labels nobody checked (``checked_findings``): neither they nor the segments
    matching them are scored.
    """
    from pipeline.classify.corpus import checked_findings, load_annotated, training_set
    from pipeline.classify.train import LEARNERS, fold_models, seeds_beside

    articles = load_annotated(data_dir, [text for text, _ in seeds_beside(data_dir)])
    if classifier is not None:
        models = {a.id: classifier for a in articles}
    else:
        models = fold_models(articles, LEARNERS["logistic regression"], training_set, folds, seed)
    scores = {name: Score() for name in CORPUS_ROWS}
    for article in articles:
        segments = segment_findings(article.text)
        gold = checked_findings([s.text for s in segments], article.findings)
        kept = [s for i, s in enumerate(segments) if i not in gold.unchecked]
        every = [{"text": s.text, "label": None} for s in kept]
        score_findings(every, gold.findings, scores[CORPUS_ROWS[0]], Score())
        spans = {s.span for s in kept}
        found = [
            {"text": f.text, "label": f.label}
            for f in models[article.id].classify(segments)  # every segment: they are each other's context
            if f.span in spans
        ]
        score_findings(found, gold.findings, scores[CORPUS_ROWS[1]], scores[CORPUS_ROWS[2]])
    return scores


def annotator_agreement(data_dir: Path, second: Path) -> dict[str, Score]:
    """Return how far a second annotator's findings (``second``, one ``labels/*.jsonl`` line per
    article) agree with the corpus ``data_dir``, scored like a model's: segmentation, segment and
    label, then segment and label per class.

    The agreement of two readers applying the same guide is the ceiling a classifier can be asked
    to reach; the corpus is the reference, so precision is the second reader's. Its model labels
    nobody checked are no reference (``checked_findings``, as in training): neither they nor the
    second reader's findings matching them are scored. Seed articles are left out of the corpus as
    in training, so a second reading of one is a ``CorpusError`` (an article not annotated), as is a
    label the corpus loader would refuse.
    """
    from pipeline.classify.corpus import (
        CorpusError,
        check_labels,
        checked_findings,
        load_annotated,
        read_jsonl,
    )
    from pipeline.classify.train import seeds_beside

    articles = {a.id: a for a in load_annotated(data_dir, [text for text, _ in seeds_beside(data_dir)])}
    rows = [CORPUS_ROWS[1], CORPUS_ROWS[2], *(f"  {label}" for label in FINDING_LABELS)]
    scores = {name: Score() for name in rows}
    for record in read_jsonl(second):
        if record.get("id") not in articles:
            raise CorpusError(f"{second}: article {record.get('id')!r} is not annotated in {data_dir}")
        check_labels(record, second)
        reading = record.get("findings") or []
        gold = checked_findings([f["text"] for f in reading], articles[record["id"]].findings)
        found = [f for i, f in enumerate(reading) if i not in gold.unchecked]
        score_findings(found, gold.findings, scores[rows[0]], scores[rows[1]])
        for label in FINDING_LABELS:
            mine = [f for f in found if f["label"] == label]
            theirs = [g for g in gold.findings if g["label"] == label]
            score_findings(mine, theirs, scores[f"  {label}"], Score())
    return scores


def unmatched_findings(text: str, gold: list[dict]) -> list[tuple[dict, list[Segment]]]:
    """Return the gold findings no segment of ``text`` matches, each with the segments it overlaps.

    For reading the splitting's errors: one long overlapping segment means a missing split, several
    short ones a split too many.
    """
    segments = segment_findings(text)
    matched = {j for _, j in match_findings([s.text for s in segments], [g["text"] for g in gold])}
    out = []
    for j, g in enumerate(gold):
        if j in matched:
            continue
        start = text.find(g["text"])
        end = start + len(g["text"])
        touching = [s for s in segments if start >= 0 and s.span[0] < end and s.span[1] > start]
        out.append((g, touching))
    return out


def format_scores(scores: dict[str, Score]) -> str:
    """Return the scores as an aligned text table."""
    width = max(len(name) for name in scores)
    lines = [f"{'field':<{width}}  {'P':>6} {'R':>6} {'F1':>6}  {'TP':>5} {'FP':>5} {'FN':>5}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<{width}}  {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:5d} {s.fp:5d} {s.fn:5d}"
        )
    return "\n".join(lines)


def article_keys(article: Article) -> dict[str, set]:
    """Return the comparison keys of every field for one analysed article (used by tests)."""
    data = article.to_dict()
    return {name: keys(data) for name, keys in FIELD_KEYS.items()}
