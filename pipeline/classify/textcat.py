"""A spaCy ``textcat`` comparison for the finding classifier (not shipped; reported beside it).

spaCy's bag-of-words text classifier (``TextCatBOW``, word 1-2-grams) on the same
underthesea-segmented words, wrapped as a scikit-learn estimator so that it runs through the
same grouped cross-validation and held-out split as the other learners.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from sklearn.base import BaseEstimator, ClassifierMixin
from spacy.training import Example as SpacyExample

from pipeline.classify.features import Example, segmented_texts
from pipeline.classify.train import cross_validated, held_out, table, training_data


class SpacyTextcat(ClassifierMixin, BaseEstimator):
    """spaCy's exclusive-class bag-of-words ``textcat`` on word-segmented text."""

    def __init__(self, epochs: int = 8, ngram_size: int = 2, batch_size: int = 32, seed: int = 0) -> None:
        self.epochs = epochs
        self.ngram_size = ngram_size
        self.batch_size = batch_size
        self.seed = seed

    def fit(self, X: Sequence[Example], y: Sequence[str]) -> SpacyTextcat:
        """Return self after training a blank multi-language pipeline's ``textcat`` for ``epochs``."""
        spacy.util.fix_random_seed(self.seed)
        self.classes_ = np.array(sorted(set(y)))
        config = {
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": self.ngram_size,
                "no_output_layer": False,
            }
        }
        self.nlp_ = spacy.blank("xx")
        textcat = self.nlp_.add_pipe("textcat", config=config)
        for label in self.classes_:
            textcat.add_label(str(label))
        examples = [
            SpacyExample.from_dict(
                self.nlp_.make_doc(text), {"cats": {str(c): float(c == label) for c in self.classes_}}
            )
            for text, label in zip(segmented_texts(X), y, strict=True)
        ]
        optimizer = self.nlp_.initialize(lambda: examples)
        order = random.Random(self.seed)
        for _ in range(self.epochs):
            order.shuffle(examples)
            for start in range(0, len(examples), self.batch_size):
                self.nlp_.update(examples[start : start + self.batch_size], sgd=optimizer, drop=0.0)
        return self

    def predict_proba(self, X: Sequence[Example]) -> np.ndarray:
        """Return each example's probability for each class in ``classes_``."""
        docs = self.nlp_.pipe(segmented_texts(X))
        return np.array([[doc.cats[str(c)] for c in self.classes_] for doc in docs])

    def predict(self, X: Sequence[Example]) -> np.ndarray:
        """Return the most probable class of each example."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def _textcat(seed: int) -> SpacyTextcat:
    """Return an unfitted ``SpacyTextcat`` with its default settings and the given seed."""
    return SpacyTextcat(seed=seed)


def compare_textcat(data_dir: Path, seed: int = 0) -> dict[str, Any]:
    """Return (and print) the spaCy textcat's grouped cross-validation and held-out F1 on ``data_dir``."""
    data = training_data(Path(data_dir))
    result = {"cv": cross_validated(_textcat, data, seed), "held_out": held_out(_textcat, data, seed)}
    rows = {"spaCy textcat, cross-validation": result["cv"], "spaCy textcat, held-out": result["held_out"]}
    print("\n".join(table(rows)))
    return result
