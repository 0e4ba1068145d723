"""The archive's SQLite schema, created and migrated by code (no hand steps).

One ``documents`` row per distinct article (keyed by content hash); ``sources`` records every place
it was seen; derived rows (findings, dates, references, localities, organisations, people) hang off
the document and are replaced as a block when the extraction version changes. Text columns that
users search have a ``*_folded`` twin (lower case, no diacritics, "đ" -> "d") indexed by FTS5,
because SQLite's ``remove_diacritics`` leaves "đ" alone.
"""

from __future__ import annotations

import sqlite_utils

#: Bump when the table layout or a stored derived value changes; ``migrate`` brings older files up to date.
#: 2: documents.tags and findings.tags (place and label tokens, see ``pipeline.store.tags``) in the FTS.
#: 3: a place known only by name also carries its province's token in those tags.
SCHEMA_VERSION = 3
#: the last version whose tags rules changed: an older archive has its tags recomputed
_TAGS_CHANGED_IN = 3

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
    """Create missing tables, indexes and full-text indexes, upgrade older layouts; record the version.

    The version is recorded last, so an upgrade cut short is simply redone on the next open.
    """
    for name, (columns, options) in _TABLES.items():
        if not db[name].exists():
            db[name].create(columns, **options)
    if _stored_version(db) < _TAGS_CHANGED_IN:  # the version is recorded last: a cut-short upgrade is older
        _retag(db)
    for table, columns, unique in _INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    for table, columns in _FTS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


_TAGGED = ("documents", "findings")


def _stored_version(db: sqlite_utils.Database) -> int:
    """Return the schema version the archive was last opened with (0 for a file that records none)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _retag(db: sqlite_utils.Database) -> None:
    """Upgrade an archive older than this code's tags: add any missing ``tags`` column, recompute
    every document's and finding's tags from the stored localities as a fresh write would, and drop
    the full-text indexes (``migrate`` rebuilds and fills them).

    Tags are stored, not derived at query time, so an archive written before the tag rules changed
    (version 2 gave a place known only by name no province token) would keep its old tokens, and a
    query for such a province would find those findings only through their article's text. Every row
    is kept and recomputing twice gives the same tags.
    """
    from pipeline.store.tags import finding_tags

    with db.atomic():
        for table in _TAGGED:
            db[table].disable_fts()  # first, so the updates below fire no full-text triggers
            if "tags" not in db[table].columns_dict:
                db[table].add_column("tags", str)
        tags = _stored_document_tags(db)
        db.conn.executemany("UPDATE documents SET tags = ? WHERE id = ?", [(t, i) for i, t in tags.items()])
        rows = db.execute("SELECT id, document_id, label FROM findings").fetchall()
        db.conn.executemany(
            "UPDATE findings SET tags = ? WHERE id = ?",
            [(finding_tags(label, tags.get(doc_id, "")), id_) for id_, doc_id, label in rows],
        )


def _stored_document_tags(db: sqlite_utils.Database) -> dict[int, str]:
    """Return every stored document's tags, computed from its localities in the order it names them."""
    from pipeline.store.tags import locality_tags

    named: dict[int, list[tuple]] = {}
    for doc_id, *locality in db.execute(
        "SELECT document_id, era, code, name, province FROM localities ORDER BY id"
    ):
        named.setdefault(doc_id, []).append(tuple(locality))
    return {
        doc_id: locality_tags(named.get(doc_id, [])) for (doc_id,) in db.execute("SELECT id FROM documents")
    }
