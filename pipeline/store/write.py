"""Write analysed articles into the archive, idempotently and one transaction per article."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum

import sqlite_utils

from pipeline.model import Article
from pipeline.nlp.text import fold
from pipeline.store.schema import DERIVED_TABLES
from pipeline.store.tags import finding_tags, locality_tags


class WriteStatus(StrEnum):
    """What ``write_article`` did with an article."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def _now() -> str:
    """Return the current UTC time as an ISO string (for audit columns)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _document_date(article: Article) -> str | None:
    """Return the date a document is filed under: its publication date, else its latest dated event."""
    if article.published:
        return article.published
    dated = [d.value for d in article.dates if d.role in ("event", "document")]
    return max(dated) if dated else None


def _document_tags(article: Article) -> str:
    """Return the place tokens of everything the article names (see ``pipeline.store.tags``)."""
    return locality_tags((loc.era, loc.code, loc.name, loc.province) for loc in article.localities)


def _derived_rows(article: Article, document_id: int, tags: str) -> dict[str, list[dict]]:
    """Return the rows of every derived table for one article; ``tags`` are its place tokens."""

    def start(span: tuple[int, int] | None) -> int | None:
        return span[0] if span else None

    return {
        "findings": [
            {
                "document_id": document_id,
                "position": i,
                "text": f.text,
                "text_folded": fold(f.text),
                "label": f.label,
                "score": round(f.score, 4),
                "start": start(f.span),
                "stop": f.span[1] if f.span else None,
                "leadin": f.leadin,
                "tags": finding_tags(f.label, tags),
            }
            for i, f in enumerate(article.findings)
        ],
        "dates": [
            {
                "document_id": document_id,
                "text": d.text,
                "value": d.value,
                "end": d.end,
                "role": d.role,
                "start": start(d.span),
            }
            for d in article.dates
        ],
        "document_refs": [
            {
                "document_id": document_id,
                "text": r.text,
                "number": r.number,
                "type_code": r.type_code,
                "type": r.type,
                "issuer_code": r.issuer_code,
                "year": r.year,
                "date": r.date,
                "codes_folded": fold(f"{r.type_code or ''} {r.issuer_code or ''}"),
            }
            for r in article.documents
        ],
        "localities": [
            {
                "document_id": document_id,
                "text": loc.text,
                "name": loc.name,
                "name_folded": fold(loc.name),
                "level": loc.level,
                "province": loc.province,
                "era": loc.era,
                "code": loc.code,
            }
            for loc in article.localities
        ],
        "organizations": [
            {"document_id": document_id, "text": o.text, "name": o.name, "name_folded": fold(o.name)}
            for o in article.organizations
        ],
        "people": [
            {
                "document_id": document_id,
                "name": p.name,
                "name_folded": fold(p.name),
                "role": p.role,
                "titles": json.dumps(p.titles, ensure_ascii=False),
            }
            for p in article.people
        ],
    }


def _upsert_source(db: sqlite_utils.Database, source: str, document_id: int) -> None:
    """Record that ``source`` holds document ``document_id`` and clear any failure recorded for it."""
    db["sources"].upsert({"source": source, "document_id": document_id, "seen_at": _now()}, pk="source")
    db["failures"].delete_where("source = ?", [source])


def write_article(
    db: sqlite_utils.Database,
    article: Article,
    *,
    content_hash: str,
    extraction_version: str,
    sources: list[str] | None = None,
) -> tuple[int, WriteStatus]:
    """Store ``article`` and return (document id, what happened).

    The same content with the same extraction version changes nothing; a new extraction version
    replaces the derived rows and keeps the document. Everything happens in one transaction
    (sqlite-utils' ``atomic``; its own writes nest as savepoints), so a failure leaves the archive as
    it was.
    """
    with db.atomic():
        existing = next(
            db["documents"].rows_where("content_hash = ?", [content_hash], select="id, extraction_version"),
            None,
        )
        if existing and existing["extraction_version"] == extraction_version:
            document_id, status = existing["id"], WriteStatus.UNCHANGED
        else:
            tags = _document_tags(article)
            record = {
                "content_hash": content_hash,
                "title": article.title,
                "published": article.published,
                "date": _document_date(article),
                "url": article.url,
                "text": article.text,
                "title_folded": fold(article.title or ""),
                "text_folded": fold(article.text),
                "tags": tags,
                "extraction_version": extraction_version,
            }
            if existing:
                document_id, status = existing["id"], WriteStatus.UPDATED
                db["documents"].update(document_id, record)
                for table in DERIVED_TABLES:
                    db[table].delete_where("document_id = ?", [document_id])
            else:
                record["added_at"] = _now()
                document_id, status = db["documents"].insert(record).last_pk, WriteStatus.ADDED
            for table, rows in _derived_rows(article, document_id, tags).items():
                if rows:
                    db[table].insert_all(rows)
        for source in sources or [article.source]:
            _upsert_source(db, source, document_id)
    return document_id, status


def add_source(db: sqlite_utils.Database, source: str, content_hash: str) -> bool:
    """Record ``source`` as another place the stored document with ``content_hash`` was seen.

    Returns False when no such document is stored (its own write failed), so nothing is recorded.
    """
    with db.atomic():
        row = next(db["documents"].rows_where("content_hash = ?", [content_hash], select="id"), None)
        if row is None:
            return False
        _upsert_source(db, source, row["id"])
    return True


def record_failure(db: sqlite_utils.Database, source: str, reason: str) -> None:
    """Record that ``source`` could not be processed, and why (a later success clears it)."""
    db["failures"].upsert({"source": source, "reason": reason, "at": _now()}, pk="source")


def known_sources(db: sqlite_utils.Database) -> set[str]:
    """Return the sources already stored, so a resumed batch can skip them."""
    return {row["source"] for row in db["sources"].rows}
