"""Training the finding classifier reproducibly, comparing it with baselines, and writing its card.

``train(data_dir, out_dir)`` reads ``articles.jsonl`` and ``labels/*.jsonl`` (sorted), builds the
training set (``pipeline.classify.corpus``), compares the cue lexicon, logistic regression and a
calibrated linear SVM with 5-fold cross-validation grouped by article and on a held-out 20% of
the articles, fits the best learner on every annotated article, and writes the model and
``MODEL_CARD.md``. The seed articles are never trained on; they are scored end to end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import underthesea
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, GroupShuffleSplit
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from pipeline.classify.corpus import LabelledArticle, TrainingSet, label_files, load_annotated, training_set
from pipeline.classify.cues import CueBaseline
from pipeline.classify.features import build_features
from pipeline.classify.predict import FindingClassifier
from pipeline.model import FINDING_LABELS, NOT_A_FINDING
from pipeline.nlp.findings import match_findings, segment_findings
from pipeline.nlp.text import normalize

#: every class the classifier predicts, in report order
CLASSES = (*FINDING_LABELS, NOT_A_FINDING)
MODEL_FILE = "findings.joblib"
CARD_FILE = "MODEL_CARD.md"
FOLDS = 5
HELD_OUT = 0.2
#: the linear SVM's calibration splits its training examples this many ways, each label in every part
CALIBRATION_FOLDS = 3


class TooFewArticles(ValueError):
    """The corpus reads fine but is too small to cross-validate: fewer articles than folds, one class,
    findings in a single article (a fold without it would learn "none" alone), or a label too rare in
    a split for the SVM's calibration.

    A data problem to report in a line (``giamsat train``), unlike a ``ValueError`` from a bug.
    """


#: a function of the random seed that returns an unfitted estimator
Learner = Callable[[int], BaseEstimator]


def _logistic_regression(seed: int) -> Pipeline:
    """Return the unfitted logistic-regression pipeline (its probabilities are the scores)."""
    clf = LogisticRegression(
        C=1.0, class_weight="balanced", solver="newton-cg", max_iter=1000, random_state=seed
    )
    return Pipeline([("features", build_features()), ("clf", clf)])


def _linear_svm(seed: int) -> Pipeline:
    """Return the unfitted linear SVM pipeline, calibrated (sigmoid, 3 folds) to give probabilities."""
    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=seed)
    return Pipeline(
        [("features", build_features()), ("clf", CalibratedClassifierCV(svm, cv=CALIBRATION_FOLDS))]
    )


def _cue_lexicon(seed: int) -> BaseEstimator:
    """Return the rule baseline (the seed is unused: the rules are fixed)."""
    return CueBaseline()


#: the compared learners; the cue lexicon is a baseline and never shipped
LEARNERS: dict[str, Learner] = {
    "cue lexicon": _cue_lexicon,
    "logistic regression": _logistic_regression,
    "linear SVM": _linear_svm,
}
SHIPPABLE = ("logistic regression", "linear SVM")
#: the fewest examples of each label a learner can be fitted on: the SVM's calibration splits them
_MIN_PER_LABEL: dict[Learner, int] = {_linear_svm: CALIBRATION_FOLDS}


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Return F1 per class and macro-F1 over the four classes and over the three finding labels."""
    per_class = f1_score(gold, pred, labels=list(CLASSES), average=None, zero_division=0)
    out = {label: round(float(f), 4) for label, f in zip(CLASSES, per_class, strict=True)}
    out["macro"] = round(float(np.mean(per_class)), 4)
    out["macro_findings"] = round(float(np.mean(per_class[: len(FINDING_LABELS)])), 4)
    return out


def cross_validated(make: Learner, data: TrainingSet, seed: int) -> dict[str, float]:
    """Return the scores of the learner ``make(seed)`` under cross-validation grouped by article."""
    folds = GroupKFold(n_splits=min(FOLDS, len(set(data.groups))))
    pred = [""] * len(data.labels)
    for train_idx, test_idx in folds.split(data.examples, data.labels, groups=data.groups):
        model = _fit(make, seed, [data.examples[i] for i in train_idx], [data.labels[i] for i in train_idx])
        for i, label in zip(test_idx, model.predict([data.examples[i] for i in test_idx]), strict=True):
            pred[i] = str(label)
    return scores(data.labels, pred)


def _fit(make: Learner, seed: int, examples: list, labels: list[str]) -> BaseEstimator:
    """Return ``make(seed)`` fitted on ``examples``, raising ``TooFewArticles`` when a split of the
    articles left a single label to learn, or a label with fewer examples than the learner needs
    (``_MIN_PER_LABEL``; both are scikit-learn ``ValueError``s deep inside the fit)."""
    counts = Counter(labels)
    if len(counts) < 2:
        raise TooFewArticles(
            "a split of the articles left a single label to train on; annotate more articles"
        )
    least = _MIN_PER_LABEL.get(make, 1)
    if scarce := sorted(label for label, n in counts.items() if n < least):
        raise TooFewArticles(
            f"a split of the articles left fewer than {least} examples of "
            f"{', '.join(scarce)} to train on; annotate more articles"
        )
    return make(seed).fit(examples, labels)


def held_out(make: Learner, data: TrainingSet, seed: int) -> dict[str, float]:
    """Return the scores of the learner ``make(seed)`` trained on 80% of the articles, tested on the rest."""
    split = GroupShuffleSplit(n_splits=1, test_size=HELD_OUT, random_state=seed)
    train_idx, test_idx = next(split.split(data.examples, data.labels, groups=data.groups))
    model = _fit(make, seed, [data.examples[i] for i in train_idx], [data.labels[i] for i in train_idx])
    pred = model.predict([data.examples[i] for i in test_idx])
    return scores([data.labels[i] for i in test_idx], [str(p) for p in pred])


def fold_models(
    articles: list[LabelledArticle],
    make: Learner,
    examples_of: Callable[[list[LabelledArticle]], TrainingSet],
    folds: int = FOLDS,
    seed: int = 0,
) -> dict[str, FindingClassifier]:
    """Return, for each article id, the classifier ``make(seed)`` trained on the folds without it.

    The folds are ``GroupKFold``'s over the articles (as in ``cross_validated``), so each article
    is scored by a model that never saw it.
    """
    ids = [a.id for a in articles]
    out: dict[str, FindingClassifier] = {}
    for train_idx, test_idx in GroupKFold(n_splits=min(folds, len(ids))).split(ids, groups=ids):
        data = examples_of([articles[i] for i in train_idx])
        model = FindingClassifier(_fit(make, seed, data.examples, data.labels))
        out.update((ids[i], model) for i in test_idx)
    return out


def _prf(matched: int, predicted: int, gold: int) -> dict[str, float]:
    """Return precision, recall and F1 from counts."""
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
    }


def seed_pairs(samples_dir: Path, gold_dir: Path) -> list[tuple[str, list[dict]]]:
    """Return each seed's normalised text with its gold findings, sorted by file name."""
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        sample = samples_dir / f"{gold_path.stem}.txt"
        if sample.is_file():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            pairs.append((normalize(sample.read_text(encoding="utf-8")), gold.get("findings", [])))
    return pairs


def evaluate_seeds(classifier: FindingClassifier, pairs: list[tuple[str, list[dict]]]) -> dict[str, Any]:
    """Return end-to-end scores on the seeds: finding segmentation P/R/F1 and label F1 per label.

    A predicted finding matches a gold one by ``match_findings``; it is right for a label when
    both carry that label. Also returns the seconds spent per article (segment and classify).
    """
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    for text, gold in pairs:
        found = classifier.classify(segment_findings(text))
        matches = match_findings([f.text for f in found], [g["text"] for g in gold])
        counts["matched"] += len(matches)
        counts["predicted"] += len(found)
        counts["gold"] += len(gold)
        for label in FINDING_LABELS:
            counts[f"pred:{label}"] += sum(f.label == label for f in found)
            counts[f"gold:{label}"] += sum(g["label"] == label for g in gold)
            counts[f"right:{label}"] += sum(found[i].label == gold[j]["label"] == label for i, j in matches)
    elapsed = time.perf_counter() - start
    labels = {
        label: _prf(counts[f"right:{label}"], counts[f"pred:{label}"], counts[f"gold:{label}"])["f1"]
        for label in FINDING_LABELS
    }
    return {
        "articles": len(pairs),
        "segmentation": _prf(counts["matched"], counts["predicted"], counts["gold"]),
        "labels": labels | {"macro": round(float(np.mean(list(labels.values()))), 4)},
        "seconds_per_article": round(elapsed / max(len(pairs), 1), 4),
    }


def _sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table(rows: dict[str, dict[str, float]]) -> list[str]:
    """Return a Markdown table of scores, one row per learner."""
    head = ["learner", *CLASSES, "macro-F1 (4)", "macro-F1 (findings)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, s in rows.items():
        cells = [f"{s[c]:.3f}" for c in (*CLASSES, "macro", "macro_findings")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def model_card(report: dict[str, Any]) -> str:
    """Return the model card (Markdown) for a training report."""
    versions = report["versions"]
    lines = [
        "# Findings classifier",
        "",
        "Labels a segment of a supervision article (from `pipeline.nlp.findings.segment_findings`) as",
        "strength, shortcoming, recommendation or none. Built by `pipeline.classify.train.train`",
        "(`giamsat train`); rebuilt identically from the same files and seed.",
        "",
        f"- date: {report['date']}",
        f"- learner: {report['learner']} (seed {report['seed']})",
        f"- scikit-learn {versions['scikit-learn']}, underthesea {versions['underthesea']}",
        f"- model file: `{MODEL_FILE}`, {report['model_bytes'] / 1e6:.2f} MB",
        f"- annotated articles: {report['articles']} (seed articles never used)",
        f"- examples: {report['examples']}",
        "- examples per label: " + ", ".join(f"{k} {v}" for k, v in report["label_counts"].items()),
        "",
        "## Data files",
        "",
        *(f"- `{name}` sha256 `{digest}`" for name, digest in report["data_files"].items()),
        "",
        f"## Cross-validation ({FOLDS} folds grouped by article), F1",
        "",
        *table(report["cv"]),
        "",
        f"## Held-out articles ({HELD_OUT:.0%}, split by article, seed {report['seed']}), F1",
        "",
        *table(report["held_out"]),
        "",
        "## Seed articles, end to end (segmentation, then this model)",
        "",
    ]
    seeds = report.get("seeds")
    if seeds:
        seg, lab = seeds["segmentation"], seeds["labels"]
        lines += [
            "- segmentation (predicted findings vs gold, word overlap ≥ half the longer):"
            f" precision {seg['precision']:.3f}, recall {seg['recall']:.3f}, F1 {seg['f1']:.3f}",
            "- label F1: " + ", ".join(f"{k} {v:.3f}" for k, v in lab.items()),
            f"- time per article (segment and classify): {seeds['seconds_per_article'] * 1000:.0f} ms",
        ]
    else:
        lines.append("- seed articles not found: not scored")
    return "\n".join(lines) + "\n"


def seeds_beside(data_dir: Path) -> list[tuple[str, list[dict]]]:
    """Return the seed articles with their gold, from ``data_dir/../samples`` and ``../gold/seeds``."""
    return seed_pairs(data_dir.parent / "samples", data_dir.parent / "gold" / "seeds")


def training_data(data_dir: Path, pairs: list[tuple[str, list[dict]]] | None = None) -> TrainingSet:
    """Return the training set of ``data_dir``, the seed articles (``pairs``, default: beside it) left out.

    Raises ``CorpusError`` for malformed annotation files and ``TooFewArticles`` for a corpus too
    small to cross-validate.
    """
    pairs = seeds_beside(data_dir) if pairs is None else pairs
    data = training_set(load_annotated(data_dir, [text for text, _ in pairs]))
    articles = len(set(data.groups))
    with_findings = len(
        {g for g, label in zip(data.groups, data.labels, strict=True) if label != NOT_A_FINDING}
    )
    if len(set(data.labels)) < 2 or articles < FOLDS or with_findings < 2:
        raise TooFewArticles(
            f"too few annotated articles in {data_dir} to train ({articles}, {with_findings} with findings)"
        )
    return data


def train(data_dir: Path, out_dir: Path, seed: int = 0, save: bool = True) -> dict:
    """Return the training report after writing the model and its card to ``out_dir``.

    ``data_dir`` holds ``articles.jsonl`` and ``labels/*.jsonl``; the seed texts are looked up in
    ``data_dir/../samples`` with their gold in ``data_dir/../gold/seeds`` and excluded from training.
    With ``save`` false the learners are only compared (cross-validation and held-out articles):
    no final model is fitted and nothing is written.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    pairs = seeds_beside(data_dir)
    data = training_data(data_dir, pairs)
    cv = {name: cross_validated(make, data, seed) for name, make in LEARNERS.items()}
    held = {name: held_out(make, data, seed) for name, make in LEARNERS.items()}
    best = max(SHIPPABLE, key=lambda name: (cv[name]["macro"], name))
    counts = Counter(data.labels)
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "seed": seed,
        "learner": best,
        "versions": {"scikit-learn": sklearn.__version__, "underthesea": underthesea.__version__},
        "articles": len(set(data.groups)),
        "examples": len(data.labels),
        "label_counts": {label: counts[label] for label in CLASSES},
        "data_files": {
            p.relative_to(data_dir).as_posix(): _sha256(p)
            for p in [data_dir / "articles.jsonl", *label_files(data_dir)]
        },
        "cv": cv,
        "held_out": held,
    }
    tables = ["cross-validation (macro-F1 per class):", *table(cv), "held-out:", *table(held)]
    if not save:
        print("\n".join(tables))
        return report
    classifier = FindingClassifier(LEARNERS[best](seed).fit(data.examples, data.labels), {})
    if pairs:
        report["seeds"] = evaluate_seeds(classifier, pairs)
    classifier.info = {
        k: report[k] for k in ("date", "seed", "learner", "versions", "articles", "label_counts")
    }
    report["model_bytes"] = classifier.save(out_dir / MODEL_FILE).stat().st_size
    (out_dir / CARD_FILE).write_text(model_card(report), encoding="utf-8")
    print("\n".join(tables))
    return report
