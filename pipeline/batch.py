"""The main job: ingest, extract, classify and store a batch of inputs, resumably.

One broken input never stops a batch: it becomes a row in ``failures`` with its reason, and the
next run retries it. An input whose content is already stored under the current extraction version
is not analysed again, so a killed batch resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from pipeline import __version__
from pipeline.analyze import analyze
from pipeline.classify.predict import FindingClassifier
from pipeline.ingest.dedup import Deduplicator, content_hash
from pipeline.ingest.errors import IngestFailure
from pipeline.ingest.files import iter_documents
from pipeline.model import Article, RawDocument
from pipeline.store.schema import open_db
from pipeline.store.write import WriteStatus, add_source, record_failure, write_article

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    """What a batch did: counts by outcome and the failures with their reasons."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def processed(self) -> int:
        """Return how many inputs were read successfully."""
        return self.added + self.updated + self.unchanged + self.duplicates


def extraction_version(classifier: FindingClassifier) -> str:
    """Return the version stamped on derived rows: the package and the model that produced them.

    The model is identified by a digest of its training record without the date (seed, learner,
    versions, data counts), so a model retrained on other data changes the version and a re-run
    re-extracts, while an identical rebuild does not.
    """
    record = {k: v for k, v in classifier.info.items() if k != "date"}
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()
    return f"giamsat-{__version__}+model-{digest[:12]}"


def analyze_documents(
    paths: Iterable[str | Path], classifier: FindingClassifier
) -> Iterable[Article | IngestFailure]:
    """Yield an analysed article, or the failure that stopped it, for every input under ``paths``."""
    for item in iter_documents(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        try:
            yield analyze(item, classifier)
        except Exception as exc:  # one bad document must not stop the batch; the reason is kept
            log.exception("extraction failed for %s", item.source)
            yield IngestFailure(item.source, f"extraction failed: {type(exc).__name__}: {exc}")


def run(
    paths: Iterable[str | Path],
    db_path: str,
    classifier: FindingClassifier | None = None,
    on_progress: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Ingest, extract, classify and store everything under ``paths`` into the archive at ``db_path``."""
    return run_documents(iter_documents(paths), db_path, classifier, on_progress)


def run_documents(
    items: Iterable[RawDocument | IngestFailure],
    db_path: str,
    classifier: FindingClassifier | None = None,
    on_progress: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Extract, classify and store already ingested documents (from files or a crawl) into ``db_path``."""
    classifier = classifier or FindingClassifier.load()
    version = extraction_version(classifier)
    db = open_db(db_path)
    report = RunReport()
    dedup = Deduplicator()
    for item in items:
        outcome = _process(db, item, classifier, version, dedup, report)
        if on_progress:
            on_progress(item.source, outcome)
    return report


def _process(
    db: Database,
    item: RawDocument | IngestFailure,
    classifier: FindingClassifier,
    version: str,
    dedup: Deduplicator,
    report: RunReport,
) -> str:
    """Store one ingested item (or its failure) and return a one-word outcome for progress output."""
    if isinstance(item, IngestFailure):
        record_failure(db, item.source, item.reason)
        report.failures.append(item)
        return "failed"
    original = dedup.find(item)
    if original is not None:
        dedup.add(item)
        add_source(db, item.source, content_hash(original.text))
        report.duplicates += 1
        return "duplicate"
    dedup.add(item)
    digest = content_hash(item.text)
    try:
        if _already_stored(db, digest, version):
            article = Article(source=item.source, text=item.text)
        else:
            article = analyze(item, classifier)
        _, status = write_article(db, article, content_hash=digest, extraction_version=version)
    except Exception as exc:  # one bad document must not stop the batch; the reason is kept
        log.exception("processing failed for %s", item.source)
        failure = IngestFailure(item.source, f"extraction failed: {type(exc).__name__}: {exc}")
        record_failure(db, failure.source, failure.reason)
        report.failures.append(failure)
        return "failed"
    setattr(report, status.value, getattr(report, status.value) + 1)
    return status.value


def _already_stored(db: Database, digest: str, version: str) -> bool:
    """Return whether this content is stored under the current extraction version (nothing to redo)."""
    rows = db.query(
        "SELECT 1 FROM documents WHERE content_hash = ? AND extraction_version = ? LIMIT 1", [digest, version]
    )
    return next(iter(rows), None) is not None


__all__ = ["RunReport", "WriteStatus", "analyze_documents", "extraction_version", "run", "run_documents"]
