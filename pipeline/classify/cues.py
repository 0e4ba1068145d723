"""The cue lexicon (``pipeline/data/cues.json``): cue counts for features, and a rule baseline.

The baseline labels a segment by its own cues, asking first (recommendation), then lacking
(shortcoming), then achieving (strength); a segment without cues takes its lead-in's label.
It is what the trained classifier is compared with, and the lexicon's counts are features of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from pipeline.data import data_json
from pipeline.model import FINDING_LABELS, NOT_A_FINDING
from pipeline.nlp.text import normalize

if TYPE_CHECKING:
    from pipeline.classify.features import Example

#: the order in which the baseline tries the labels: asking outweighs lacking outweighs achieving
RULE_ORDER = ("recommendation", "shortcoming", "strength")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, list[str]]]:
    """Return the cue lexicon as ``{"segment"|"leadin": {label: [cue, ...]}}``."""
    return {k: v for k, v in data_json("cues.json").items() if not k.startswith("_")}


@lru_cache(maxsize=2)
def _patterns(where: str) -> dict[str, re.Pattern[str]]:
    """Return one whole-word pattern per label for the cues of ``where`` ("segment" or "leadin")."""
    out = {}
    for label, cues in _lexicon()[where].items():
        words = sorted((re.escape(normalize(c).lower()) for c in cues), key=len, reverse=True)
        out[label] = re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)")
    return out


def cue_counts(text: str | None, where: str = "segment") -> dict[str, int]:
    """Return how many cues of each label ``text`` holds (0 for every label when it is None)."""
    lowered = (text or "").lower()
    return {label: len(p.findall(lowered)) for label, p in _patterns(where).items()}


def first_label(counts: dict[str, int]) -> str | None:
    """Return the first label in ``RULE_ORDER`` that has a cue in ``counts``, or None."""
    return next((label for label in RULE_ORDER if counts[label]), None)


def leadin_label(leadin: str | None) -> str | None:
    """Return the label a lead-in announces ("... còn hạn chế như:" -> shortcoming), or None."""
    return first_label(cue_counts(leadin, "leadin"))


def rule_label(text: str, leadin: str | None = None) -> str:
    """Return the baseline's label: the segment's first cued label, else its lead-in's, else none."""
    return first_label(cue_counts(text)) or leadin_label(leadin) or NOT_A_FINDING


class CueBaseline(ClassifierMixin, BaseEstimator):
    """The cue lexicon as a scikit-learn classifier, so it runs through the same evaluation."""

    def fit(self, X: Sequence[Example], y: Sequence[str]) -> CueBaseline:
        """Return self; the rules learn nothing, ``classes_`` is set for scikit-learn's scorers."""
        self.classes_ = np.array(sorted({*FINDING_LABELS, NOT_A_FINDING}))
        return self

    def predict(self, X: Sequence[Example]) -> np.ndarray:
        """Return the rule label of each example."""
        return np.array([rule_label(x.text, x.leadin) for x in X])
