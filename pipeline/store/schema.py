"""The archive's SQLite schema, created and migrated by code (no hand steps).

One ``documents`` row per distinct article (keyed by content hash); ``sources`` records every place
it was seen; derived rows (findings, dates, references, localities, organisations, people) hang off
the document and are replaced as a block when the extraction version changes. Text columns that
users search have a ``*_folded`` twin (lower case, no diacritics, "đ" -> "d") indexed by FTS5,
because SQLite's ``remove_diacritics`` leaves "đ" alone.
"""

from __future__ import annotations

import sqlite_utils

#: Bump when the table layout changes; ``migrate`` brings older files up to date.
#: 2: documents.tags and findings.tags (place and label tokens, see ``pipeline.store.tags``) in the FTS.
SCHEMA_VERSION = 2

_TABLES: dict[str, tuple[dict[str, type], dict]] = {
    "documents": (
        {
            "id": int,
            "content_hash": str,
            "title": str,
            "published": str,
            "date": str,
            "url": str,
            "text": str,
            "title_folded": str,
            "text_folded": str,
            "tags": str,
            "extraction_version": str,
            "added_at": str,
        },
        {"pk": "id", "not_null": {"content_hash", "text"}},
    ),
    "sources": (
        {"source": str, "document_id": int, "seen_at": str},
        {"pk": "source", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "findings": (
        {
            "id": int,
            "document_id": int,
            "position": int,
            "text": str,
            "text_folded": str,
            "label": str,
            "score": float,
            "start": int,
            "stop": int,
            "leadin": str,
            "tags": str,
        },
        {"pk": "id", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "dates": (
        {"id": int, "document_id": int, "text": str, "value": str, "end": str, "role": str, "start": int},
        {"pk": "id", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "document_refs": (
        {
            "id": int,
            "document_id": int,
            "text": str,
            "number": str,
            "type_code": str,
            "type": str,
            "issuer_code": str,
            "year": int,
            "date": str,
            "codes_folded": str,
        },
        {"pk": "id", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "localities": (
        {
            "id": int,
            "document_id": int,
            "text": str,
            "name": str,
            "name_folded": str,
            "level": str,
            "province": str,
            "era": str,
            "code": str,
        },
        {"pk": "id", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "organizations": (
        {"id": int, "document_id": int, "text": str, "name": str, "name_folded": str},
        {"pk": "id", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "people": (
        {"id": int, "document_id": int, "name": str, "name_folded": str, "role": str, "titles": str},
        {"pk": "id", "foreign_keys": [("document_id", "documents", "id")]},
    ),
    "failures": (
        {"source": str, "reason": str, "at": str},
        {"pk": "source"},
    ),
    "meta": ({"key": str, "value": str}, {"pk": "key"}),
}

#: Tables whose rows are derived from a document by extraction (replaced on re-extraction).
DERIVED_TABLES = ("findings", "dates", "document_refs", "localities", "organizations", "people")

_INDEXES: list[tuple[str, list[str], bool]] = [
    ("documents", ["content_hash"], True),
    ("documents", ["date"], False),
    ("findings", ["document_id"], False),
    ("findings", ["label"], False),
    ("dates", ["document_id"], False),
    ("document_refs", ["document_id"], False),
    ("document_refs", ["number", "type_code"], False),
    ("localities", ["document_id"], False),
    ("localities", ["era", "code"], False),
    ("localities", ["name_folded"], False),
    ("localities", ["province"], False),
    ("organizations", ["document_id"], False),
    ("organizations", ["name_folded"], False),
    ("people", ["document_id"], False),
    ("people", ["name_folded"], False),
    ("sources", ["document_id"], False),
]

_FTS: dict[str, list[str]] = {
    "documents": ["title_folded", "text_folded", "tags"],
    "findings": ["text_folded", "tags"],
}


def open_db(path: str) -> sqlite_utils.Database:
    """Return the archive at ``path`` with the schema ensured, foreign keys on and WAL mode."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        db.enable_wal()
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes and full-text indexes, upgrade older layouts; record the version."""
    for name, (columns, options) in _TABLES.items():
        if not db[name].exists():
            db[name].create(columns, **options)
    if any("tags" not in db[table].columns_dict for table in _TAGGED):
        _add_tags(db)
    for table, columns, unique in _INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    for table, columns in _FTS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


_TAGGED = ("documents", "findings")


def _add_tags(db: sqlite_utils.Database) -> None:
    """Upgrade a version-1 archive: compute the ``tags`` columns and drop the full-text indexes that
    lack them (``migrate`` rebuilds and fills those)."""
    from pipeline.store.tags import document_tags, finding_tags, place_tokens

    with db.atomic():
        places: dict[int, list[list[str]]] = {}
        for row in db["localities"].rows:
            places.setdefault(row["document_id"], []).append(
                place_tokens(row["era"], row["code"], row["name"], row["province"])
            )
        tags = {doc_id: document_tags(lists) for doc_id, lists in places.items()}
        if "tags" not in db["documents"].columns_dict:
            db["documents"].add_column("tags", str)
            for (doc_id,) in db.execute("SELECT id FROM documents").fetchall():
                db.execute("UPDATE documents SET tags = ? WHERE id = ?", [tags.get(doc_id, ""), doc_id])
        if "tags" not in db["findings"].columns_dict:
            db["findings"].add_column("tags", str)
            for row in db.query("SELECT id, document_id, label FROM findings"):
                value = finding_tags(row["label"], tags.get(row["document_id"], ""))
                db.execute("UPDATE findings SET tags = ? WHERE id = ?", [value, row["id"]])
        for table in _TAGGED:
            if db[f"{table}_fts"].exists():
                db[table].disable_fts()
