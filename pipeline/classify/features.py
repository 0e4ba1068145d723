"""Features of a segment for the finding classifier: words, characters and context.

Words come from underthesea's word segmentation ("đánh_giá cao"), cached because it is the
costly step; characters catch spelling variants and glued words ("gửiThư"); the lead-in's own
words ("đoàn giám_sát đề_nghị :") are a vocabulary of their own; the context is the lead-in's
cue, the segment's own cues (``pipeline/data/cues.json``), the cues of the segments just before
and after it (a point among points), the item marker and the position in the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from underthesea import word_tokenize

from pipeline.classify.cues import cue_counts, leadin_label
from pipeline.nlp.findings import Segment

#: feature budget: keeps the saved model small (a few MB) and the vocabulary to what recurs
MAX_WORD_FEATURES = 20_000
MAX_CHAR_FEATURES = 30_000


@dataclass(frozen=True)
class Example:
    """What the classifier sees of a segment: its text and the context it was found in."""

    text: str
    leadin: str | None = None
    marker: str | None = None
    #: where the segment lies in the article, 0 (first paragraph) to 1 (last)
    position: float = 0.0
    #: the text of the segments just before and just after it in the article, if any
    before: str | None = None
    after: str | None = None


def examples_from_segments(segments: Sequence[Segment]) -> list[Example]:
    """Return one example per segment, its position relative to the article's last segment."""
    last = max((s.paragraph for s in segments), default=0) or 1
    texts = [None, *(s.text for s in segments), None]
    return [
        Example(s.text, s.leadin, s.marker, s.paragraph / last, texts[i], texts[i + 2])
        for i, s in enumerate(segments)
    ]


@lru_cache(maxsize=100_000)
def word_segmented(text: str) -> str:
    """Return ``text`` lower-cased with its multi-syllable words joined by "_" (underthesea)."""
    return word_tokenize(text, format="text").lower()


def segmented_texts(examples: Sequence[Example]) -> list[str]:
    """Return the word-segmented text of each example (input of the word n-grams)."""
    return [word_segmented(x.text) for x in examples]


def lowered_texts(examples: Sequence[Example]) -> list[str]:
    """Return the lower-cased text of each example (input of the character n-grams)."""
    return [x.text.lower() for x in examples]


#: the lead-in word of an example without one: with two such examples the lead-in vocabulary is not
#: empty, as it was for a corpus where no two lead-ins share a word (the vectorizer failed)
NO_LEADIN = "__none__"


def leadin_texts(examples: Sequence[Example]) -> list[str]:
    """Return the word-segmented lead-in of each example (``NO_LEADIN`` without one; input of the
    lead-in words)."""
    return [word_segmented(x.leadin) if x.leadin else NO_LEADIN for x in examples]


def _marker_kind(marker: str | None) -> str:
    """Return the kind of an item marker: "none", "word" ("Hai là,"), "number" ("2.") or "bullet"."""
    if marker is None:
        return "none"
    if "là" in marker.lower():
        return "word"
    return "number" if re.match(r"\w", marker) else "bullet"


def context_features(example: Example) -> dict[str, float]:
    """Return the context features of one example: cues, marker, position, length and first word.

    The cues are the segment's own, its lead-in's and those of the segments before and after it.
    The first word tells a bare imperative ("tăng_cường ...", "quan_tâm ...") from a report.
    """
    features: dict[str, float] = {
        f"marker={_marker_kind(example.marker)}": 1.0,
        f"position={min(int(example.position * 4), 3)}": 1.0,
        "has_leadin": float(example.leadin is not None),
        "has_figure": float(bool(re.search(r"\d", example.text))),
    }
    words = len(example.text.split())
    features[f"length={next(b for b in (5, 10, 20, 40, 10**6) if words <= b)}"] = 1.0
    for label, count in cue_counts(example.text).items():
        features[f"cue={label}"] = float(min(count, 3))
    features[f"leadin={leadin_label(example.leadin)}"] = 1.0
    for side, text in (("before", example.before), ("after", example.after)):
        for label, count in cue_counts(text).items():
            if count:
                features[f"{side}:cue={label}"] = 1.0
    first = word_segmented(example.text).split(maxsplit=1)
    features[f"first={first[0] if first else ''}"] = 1.0
    return features


def context_dicts(examples: Sequence[Example]) -> list[dict[str, float]]:
    """Return the context features of each example (input of the ``DictVectorizer``)."""
    return [context_features(x) for x in examples]


def build_features() -> FeatureUnion:
    """Return the unfitted feature extractor: word 1-2-grams, character 2-4-grams, lead-in words and context."""
    words = TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=2,
        max_features=MAX_WORD_FEATURES,
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w+\b",
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=MAX_CHAR_FEATURES, sublinear_tf=True
    )
    return FeatureUnion(
        [
            ("words", Pipeline([("select", FunctionTransformer(segmented_texts)), ("tfidf", words)])),
            ("chars", Pipeline([("select", FunctionTransformer(lowered_texts)), ("tfidf", chars)])),
            (
                "leadin",
                Pipeline(
                    [
                        ("select", FunctionTransformer(leadin_texts)),
                        (
                            "tfidf",
                            TfidfVectorizer(
                                min_df=2, max_features=2000, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
                            ),
                        ),
                    ]
                ),
            ),
            (
                "context",
                Pipeline([("select", FunctionTransformer(context_dicts)), ("dict", DictVectorizer())]),
            ),
        ]
    )
