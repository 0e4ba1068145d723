"""Answer questions from the archive: findings by locality, label, date, body, person, document, text.

``giamsat findings`` and ``pipeline.store.query.findings`` are one code path: the CLI only formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import sqlite_utils

from pipeline.nlp.text import fold
from pipeline.store.search import CLOSE, OPEN, fts_query, unfold_highlight

_LEVEL_WORDS = (
    "thanh pho",
    "thi xa",
    "thi tran",
    "dac khu",
    "tinh",
    "quan",
    "huyen",
    "phuong",
    "xa",
    "tp",
    "tx",
)
_CODE_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class FindingQuery:
    """The filters of a findings query; every one is optional and they combine with AND."""

    locality: str | None = None
    label: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    organization: str | None = None
    person: str | None = None
    document: str | None = None
    limit: int | None = None


def bare_place_name(name: str) -> str:
    """Return the folded place name without a leading level word ("phường Thạch Bàn" -> "thach ban")."""
    folded = fold(name).strip()
    for word in _LEVEL_WORDS:
        if folded.startswith(word + " ") or folded.startswith(word + ". "):
            return folded[len(word) :].lstrip(". ").strip()
    return folded


def locality_keys(name: str) -> set[tuple[str, str]]:
    """Return the (era, code) of the named unit, the units inside it, and its successors/predecessors."""
    from pipeline.gazetteer import load_gazetteer

    return load_gazetteer().related_codes(name)


def _locality_clause(name: str, params: list) -> str:
    """Return the SQL condition for documents that mention the locality or a unit inside it.

    Units resolved against the gazetteer match by (era, code); unresolved mentions by bare name.
    """
    keys = sorted(locality_keys(name))
    params.append(bare_place_name(name))
    clause = "name_folded = ? AND code IS NULL"
    if keys:
        clause += f" OR (era || ':' || code) IN ({', '.join('?' for _ in keys)})"
        params.extend(f"{era}:{code}" for era, code in keys)
    return f"d.id IN (SELECT document_id FROM localities WHERE {clause})"


def _document_clause(symbol: str, params: list) -> str:
    """Return the SQL condition for documents citing the number ("983-QĐ/QU", "22/KH-UBND")."""
    tokens = _CODE_TOKEN.findall(fold(symbol))
    numbers = [t for t in tokens if t.isdigit()]
    if not numbers:
        raise ValueError(f"no document number in {symbol!r}")
    codes = [t for t in tokens if not t.isdigit()]
    conditions = ["number = ?"]
    params.append(numbers[0])
    for code in codes:
        conditions.append("(' ' || codes_folded || ' ') LIKE ?")
        params.append(f"% {code} %")
    return f"d.id IN (SELECT document_id FROM document_refs WHERE {' AND '.join(conditions)})"


def _where(query: FindingQuery, params: list) -> list[str]:
    """Return the SQL conditions for the filters set in ``query``, appending their parameters."""
    where: list[str] = []
    if query.label:
        where.append("f.label = ?")
        params.append(query.label)
    if query.since:
        where.append("d.date >= ?")
        params.append(query.since)
    if query.until:
        where.append("d.date <= ?")
        params.append(query.until)
    if query.locality:
        where.append(_locality_clause(query.locality, params))
    if query.organization:
        where.append("d.id IN (SELECT document_id FROM organizations WHERE name_folded LIKE ?)")
        params.append(f"%{fold(query.organization)}%")
    if query.person:
        where.append("d.id IN (SELECT document_id FROM people WHERE name_folded LIKE ?)")
        params.append(f"%{fold(query.person)}%")
    if query.document:
        where.append(_document_clause(query.document, params))
    return where


_SELECT = """
SELECT f.id, f.document_id, f.label, f.score, f.text, f.start, f.stop,
       d.title, d.date, d.url,
       (SELECT min(source) FROM sources s WHERE s.document_id = d.id) AS source,
       (SELECT group_concat(DISTINCT l.name) FROM localities l WHERE l.document_id = d.id) AS localities
"""


def findings(db: sqlite_utils.Database, query: FindingQuery | None = None, **filters) -> Iterator[dict]:
    """Yield findings matching the filters, best text matches first when ``q`` is given.

    With ``q``, a finding matches when its own text matches (ranked first, by bm25) or when its
    article matches (ranked after, by the article's bm25); ``highlight`` then carries the finding
    text with the matched words in brackets.
    """
    query = query or FindingQuery(**filters)
    params: list = []
    match = fts_query(query.q) if query.q else None
    if query.q and match is None:
        return
    sql = _SELECT
    if match:
        sql += """, hits.via_document, hits.rank,
            (SELECT highlight(findings_fts, 0, ?, ?) FROM findings_fts WHERE rowid = f.id
                AND findings_fts MATCH ?) AS highlighted
        FROM (
            SELECT finding_id, min(via_document) AS via_document, min(rank) AS rank FROM (
                SELECT rowid AS finding_id, 0 AS via_document, bm25(findings_fts) AS rank
                FROM findings_fts WHERE findings_fts MATCH ?
                UNION ALL
                SELECT f2.id, 1, bm25(documents_fts) FROM documents_fts
                JOIN findings f2 ON f2.document_id = documents_fts.rowid WHERE documents_fts MATCH ?
            ) GROUP BY finding_id
        ) AS hits
        JOIN findings f ON f.id = hits.finding_id
        JOIN documents d ON d.id = f.document_id
        """
        params.extend([OPEN, CLOSE, match, match, match])
    else:
        sql += " FROM findings f JOIN documents d ON d.id = f.document_id"
    where = _where(query, params)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (
        " ORDER BY hits.via_document, hits.rank"
        if match
        else " ORDER BY d.date DESC, f.document_id, f.position"
    )
    if query.limit:
        sql += " LIMIT ?"
        params.append(query.limit)
    for row in db.query(sql, params):
        highlighted = row.pop("highlighted", None)
        row.pop("rank", None)
        if match:
            row["via_document"] = bool(row["via_document"])
            row["highlight"] = unfold_highlight(row["text"], highlighted) if highlighted else row["text"]
        yield row


def stats(db: sqlite_utils.Database, by: tuple[str, ...] = ("province", "year", "label")) -> list[dict]:
    """Return finding counts grouped by any of province, year and label."""
    columns = {
        "province": "(SELECT min(province) FROM localities l WHERE l.document_id = d.id)",
        "year": "substr(d.date, 1, 4)",
        "label": "f.label",
    }
    unknown = set(by) - columns.keys()
    if unknown:
        raise ValueError(f"cannot group by {', '.join(sorted(unknown))}; choose from {', '.join(columns)}")
    select = ", ".join(f"{columns[b]} AS {b}" for b in by)
    group = ", ".join(b for b in by)
    sql = (
        f"SELECT {select}, count(*) AS findings FROM findings f JOIN documents d ON d.id = f.document_id "
        f"GROUP BY {group} ORDER BY {group}"
    )
    return list(db.query(sql))


def summary(db: sqlite_utils.Database) -> dict:
    """Return archive totals: documents, findings per label, localities by name, failures."""
    labels = {
        r["label"]: r["n"] for r in db.query("SELECT label, count(*) AS n FROM findings GROUP BY label")
    }
    places = [
        r["place"]
        for r in db.query(
            "SELECT DISTINCT level || ' ' || name AS place FROM localities ORDER BY province, level, name"
        )
    ]
    return {
        "documents": db["documents"].count,
        "findings": labels,
        "localities": places,
        "failures": db["failures"].count,
    }
