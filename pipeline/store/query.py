"""Answer questions from the archive: findings by locality, label, date, body, person, document, text.

``giamsat findings`` and ``pipeline.store.query.findings`` are one code path: the CLI only formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import sqlite_utils

from pipeline.gazetteer import load_gazetteer
from pipeline.nlp.text import fold
from pipeline.store.search import CLOSE, OPEN, fts_query, unfold_highlight
from pipeline.store.tags import covering_tokens, label_token

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
    return load_gazetteer().related_codes(name)


def _locality_clause(name: str, params: list) -> str:
    """Return the SQL condition for documents that mention the locality or a unit inside it.

    Units resolved against the gazetteer match by (era, code); unresolved mentions by bare name, and
    by their province when the query covers a whole province (a dissolved district of it).
    """
    keys = sorted(locality_keys(name))
    by_era: dict[str, list[str]] = {}
    for era, code in keys:
        by_era.setdefault(era, []).append(code)
    gazetteer = load_gazetteer()
    provinces = sorted(
        {u.name for u in (gazetteer.unit(c, e) for e, c in keys) if u and u.parent_code is None}
    )
    params.append(bare_place_name(name))
    clauses = ["(name_folded = ? AND code IS NULL)"]
    if provinces:
        clauses.append(f"(code IS NULL AND province IN ({', '.join('?' for _ in provinces)}))")
        params.extend(provinces)
    for era, codes in by_era.items():  # one (era, code IN ...) per era, so the (era, code) index is used
        clauses.append(f"(era = ? AND code IN ({', '.join('?' for _ in codes)}))")
        params.extend([era, *codes])
    return f"d.id IN (SELECT document_id FROM localities WHERE {' OR '.join(clauses)})"


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
        where.append("+f.label = ?")  # unary + keeps the label index from driving (and sorting) the query
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
    """Yield findings matching the filters; with ``q``, the best text matches first.

    With ``q``, findings whose own text matches come first (by bm25), then the other findings of
    articles that match (by the article's bm25). The second search runs only when the first does
    not fill ``limit``; ``highlight`` carries a matching finding's text with the words in brackets.
    """
    query = query or FindingQuery(**filters)
    if not query.q:
        yield from _run(
            db,
            query,
            _SELECT + " FROM findings f JOIN documents d ON d.id = f.document_id",
            [],
            "d.date DESC, f.document_id, f.position",
            query.limit,
        )
        return
    match = fts_query(query.q)
    if match is None:
        return
    places = _place_filter(query)
    own_match = " AND ".join([f"text_folded : ({match})", *_label_filter(query), *places])
    own = _SELECT + (
        ", 0 AS via_document, highlight(findings_fts, 0, ?, ?) AS highlighted"
        " FROM findings_fts CROSS JOIN findings f ON f.id = findings_fts.rowid"
        " JOIN documents d ON d.id = f.document_id"
    )
    found = 0
    ranked = "bm25(findings_fts, 1.0, 0.0)"  # the tags column filters, it does not rank
    in_index = replace(query, label=None, locality=None)  # the MATCH already holds these two filters
    for row in _run(db, in_index, own, [OPEN, CLOSE], ranked, query.limit, match=("findings_fts", own_match)):
        found += 1
        yield row
    if query.limit and found >= query.limit:
        return
    via_article = _SELECT + (
        ", 1 AS via_document, NULL AS highlighted"
        " FROM documents_fts CROSS JOIN documents d ON d.id = documents_fts.rowid"
        " CROSS JOIN findings f ON f.document_id = d.id"
    )
    rest = query.limit - found if query.limit else None
    # the findings listed above: among this search's rows (same place and label) exactly those whose
    # own text matches; the own search's expression is the more selective way to say so
    exclude = ("f.id NOT IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?)", own_match)
    article_match = " AND ".join([f"{{title_folded text_folded}} : ({match})", *places])
    yield from _run(
        db,
        replace(query, locality=None),  # in the MATCH
        via_article,
        [],
        "bm25(documents_fts), f.document_id, f.position",
        rest,
        match=("documents_fts", article_match),
        extra=exclude,
    )


def _label_filter(query: FindingQuery) -> list[str]:
    """Return the FTS5 condition on the ``tags`` column for the label filter of ``query`` (findings only:
    documents carry no label).

    Tag conditions let the full-text index skip rows that fail the filters before anything is ranked,
    so the SQL conditions of ``_where`` for the same filters are left out of that search (the tags are
    written with the findings and localities, in the same transaction).
    """
    return [f'tags : "{label_token(query.label)}"'] if query.label else []


def _place_filter(query: FindingQuery) -> list[str]:
    """Return the FTS5 condition on the ``tags`` column for the place filter of ``query`` (see
    ``_label_filter``); the gazetteer lookup it needs is done once per query."""
    if not query.locality:
        return []
    tokens = covering_tokens(locality_keys(query.locality), bare_place_name(query.locality))
    return ["tags : (" + " OR ".join(f'"{t}"' for t in tokens) + ")"]


def _run(
    db: sqlite_utils.Database,
    query: FindingQuery,
    select: str,
    params: list,
    order: str,
    limit: int | None,
    match: tuple[str, str] | None = None,
    extra: tuple[str, str] | None = None,
) -> Iterator[dict]:
    """Yield the rows of one findings query: ``select`` with the filters, an FTS match and an order."""
    params = list(params)
    where = []
    if match:
        where.append(f"{match[0]} MATCH ?")
        params.append(match[1])
    if extra:
        where.append(extra[0])
        params.append(extra[1])
    where += _where(query, params)
    sql = select + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    for row in db.query(sql, params):
        highlighted = row.pop("highlighted", None)
        if "via_document" in row:
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
