"""giamsat: a searchable archive of Vietnamese supervision and inspection outcomes.

The public API mirrors the command line:

- ``extract(text_or_path)`` -> ``Article`` (``giamsat extract``)
- ``run(paths, db_path)`` -> ``RunReport`` (``giamsat run``)
- ``findings(db, locality=..., label=..., q=...)`` (``giamsat findings``)
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path  # noqa: E402


def extract(source: str | Path, *, classifier=None):
    """Return the ``Article`` extracted from a file path or from a string of article text."""
    from pipeline.analyze import analyze
    from pipeline.classify.predict import FindingClassifier
    from pipeline.ingest.clean import clean_text
    from pipeline.ingest.errors import IngestError
    from pipeline.ingest.files import iter_documents
    from pipeline.model import RawDocument

    classifier = classifier or FindingClassifier.load()
    if isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and Path(source).is_file()
    ):
        item = next(iter(iter_documents([source])))
        if not isinstance(item, RawDocument):
            raise IngestError(f"{item.source}: {item.reason}")
        return analyze(item, classifier)
    return analyze(RawDocument(source="<text>", text=clean_text(str(source))), classifier)


def run(paths, db_path: str = "giamsat.db", **kwargs):
    """Ingest, extract, classify and store ``paths`` into ``db_path``; return the batch report."""
    from pipeline.batch import run as run_batch

    return run_batch(paths, db_path, **kwargs)


def findings(db, **filters):
    """Yield findings from an archive (a path or a ``sqlite_utils.Database``) matching ``filters``."""
    from pipeline.store.query import findings as query_findings
    from pipeline.store.schema import open_db

    database = open_db(str(db)) if isinstance(db, (str, Path)) else db
    return query_findings(database, **filters)
