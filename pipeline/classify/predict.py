"""Labelling segments as findings with the trained classifier (``models/findings/``).

The model is saved as a bundle with the scikit-learn version that trained it; loading it under
another version fails with ``ModelVersionError`` rather than risking silently wrong scores.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.pipeline import Pipeline

from pipeline.classify.features import Example, examples_from_segments
from pipeline.model import FINDING_LABELS, Finding
from pipeline.nlp.findings import Segment
from pipeline.paths import REPO_ROOT

#: where the shipped model is looked for, first match wins: a source checkout or editable install
#: (``models/findings/``), then a wheel install (``<prefix>/share/giamsat/models/findings/``)
MODEL_LOCATIONS = (
    REPO_ROOT / "models" / "findings" / "findings.joblib",
    Path(sys.prefix) / "share" / "giamsat" / "models" / "findings" / "findings.joblib",
)


def default_model() -> Path:
    """Return the model to load when none is named: ``$GIAMSAT_MODEL``, else the shipped one."""
    if os.environ.get("GIAMSAT_MODEL"):
        return Path(os.environ["GIAMSAT_MODEL"])
    return next((p for p in MODEL_LOCATIONS if p.is_file()), MODEL_LOCATIONS[0])


#: bumped when the bundle's layout changes
BUNDLE_FORMAT = 1


class ModelError(RuntimeError):
    """A model file cannot be used: missing, not a findings bundle, or of another version."""


class ModelVersionError(ModelError):
    """The model was saved by another scikit-learn version (or bundle format) than the one running."""


class FindingClassifier:
    """A trained pipeline that labels segments strength, shortcoming, recommendation or none."""

    def __init__(self, pipeline: Pipeline, info: dict[str, Any] | None = None) -> None:
        self.pipeline = pipeline
        self.info = dict(info or {})

    @classmethod
    def load(cls, path: str | Path | None = None) -> FindingClassifier:
        """Return the classifier saved at ``path`` (None: the packaged default model)."""
        path = Path(path) if path is not None else default_model()
        if not path.is_file():
            raise ModelError(f"no findings model at {path}; build one with `giamsat train`")
        bundle = joblib.load(path)
        if not isinstance(bundle, dict) or "pipeline" not in bundle:
            raise ModelError(f"{path} is not a findings model bundle")
        saved = (bundle.get("format"), bundle.get("sklearn_version"))
        if saved != (BUNDLE_FORMAT, sklearn.__version__):
            raise ModelVersionError(
                f"{path} was saved with scikit-learn {saved[1]} (bundle format {saved[0]}), but scikit-learn "
                f"{sklearn.__version__} (format {BUNDLE_FORMAT}) is running: retrain it with `giamsat train`"
            )
        return cls(bundle["pipeline"], bundle.get("info"))

    def save(self, path: str | Path) -> Path:
        """Return ``path`` after writing the bundle there (pipeline, versions and training info)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        bundle = {
            "format": BUNDLE_FORMAT,
            "sklearn_version": sklearn.__version__,
            "pipeline": self.pipeline,
            "info": self.info,
        }
        joblib.dump(bundle, path, compress=3)
        return path

    def probabilities(self, examples: Sequence[Example]) -> tuple[list[str], np.ndarray]:
        """Return the class names and each example's calibrated probability for each class."""
        if not examples:
            return [str(c) for c in self.pipeline.classes_], np.zeros((0, len(self.pipeline.classes_)))
        return [str(c) for c in self.pipeline.classes_], self.pipeline.predict_proba(list(examples))

    def classify(self, segments: list[Segment]) -> list[Finding]:
        """Return the segments predicted as findings, labelled, with the probability of their label."""
        classes, proba = self.probabilities(examples_from_segments(segments))
        findings = []
        for segment, row in zip(segments, proba, strict=True):
            best = int(np.argmax(row))
            if classes[best] in FINDING_LABELS:
                findings.append(
                    Finding(
                        segment.text, classes[best], round(float(row[best]), 4), segment.span, segment.leadin
                    )
                )
        return findings
