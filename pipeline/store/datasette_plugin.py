"""Datasette hooks for the archive: folding SQL functions, highlighted cells, and the article page.

The FTS5 indexes hold folded text (``pipeline.nlp.text.fold``), so queries must be folded the same way
before ``MATCH``: the canned queries in ``pipeline/data/datasette/metadata.yaml`` call ``giamsat_match``.
Highlights travel through SQL as the control characters ``search.OPEN``/``search.CLOSE`` and become
``<mark>`` only here, at rendering, after the text around them is escaped.
"""

from __future__ import annotations

import sqlite3

from datasette import Response, hookimpl
from datasette.utils.asgi import NotFound
from markupsafe import Markup, escape

from pipeline.nlp.text import fold
from pipeline.store.query import bare_place_name
from pipeline.store.search import CLOSE, OPEN, fts_query, unfold_highlight

#: The article page's route; ``?finding=ID`` marks that finding's span.
ARTICLE_PATH = "/-/article/{}"


def _match(text: str | None) -> str:
    """Return the FTS5 expression for a user's words, or ``'""'`` (matches nothing) when there are none."""
    return fts_query(text or "") or '""'


def _marked(original: str | None, highlighted_folded: str | None) -> str | None:
    """Return ``original`` carrying the OPEN/CLOSE marks FTS5 put into its folded twin (unmarked if none)."""
    if original is None or highlighted_folded is None:
        return original
    return unfold_highlight(original, highlighted_folded, OPEN, CLOSE)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Register the SQL functions the canned queries use: fold, place, match and mark."""
    conn.create_function("giamsat_fold", 1, lambda t: None if t is None else fold(t), deterministic=True)
    conn.create_function(
        "giamsat_place", 1, lambda t: None if t is None else bare_place_name(t), deterministic=True
    )
    conn.create_function("giamsat_match", 1, _match, deterministic=True)
    conn.create_function("giamsat_mark", 2, _marked, deterministic=True)


def marks_to_html(text: str) -> Markup:
    """Return ``text`` escaped, with OPEN/CLOSE turned into ``<mark>``/``</mark>``."""
    return Markup(str(escape(text)).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def article_url(datasette, document_id: int, finding_id: int | None = None) -> str:
    """Return the path of a document's page, pointing at one finding when given."""
    path = datasette.urls.path(ARTICLE_PATH.format(document_id))
    return path if finding_id is None else f"{path}?finding={finding_id}#finding"


@hookimpl
def render_cell(row, value, column: str, datasette) -> Markup | None:
    """Return HTML for highlighted text and for ``article`` cells (a link to the finding in its article).

    An ``article`` cell links only in rows that also carry the finding's ``id`` and ``document_id``,
    as the ``findings_browse`` view and the canned queries do.
    """
    if column == "article" and {"id", "document_id"} <= set(row.keys()):
        href = article_url(datasette, row["document_id"], row["id"])
        return Markup(f'<a href="{escape(href)}">{escape(value or "(untitled)")}</a>')
    if isinstance(value, str) and OPEN in value:
        return marks_to_html(value)
    return None


def finding_span(text: str, finding: dict) -> tuple[int, int] | None:
    """Return the finding's [start, stop) in the article, located by its text when no span was stored."""
    if finding["start"] is not None and finding["stop"] is not None:
        return finding["start"], finding["stop"]
    at = text.find(finding["text"])
    return None if at < 0 else (at, at + len(finding["text"]))


async def article_page(datasette, request) -> Response:
    """Return a document's page: its text with one finding's span marked, and the list of its findings."""
    db = datasette.get_database()
    document_id = int(request.url_vars["document_id"])
    document = (await db.execute("SELECT * FROM documents WHERE id = ?", [document_id])).first()
    if document is None:
        raise NotFound(f"No article {document_id}")
    rows = await db.execute(
        "SELECT id, position, label, score, text, start, stop FROM findings WHERE document_id = ? "
        "ORDER BY position",
        [document_id],
    )
    findings = [dict(r) for r in rows]
    chosen = next((f for f in findings if str(f["id"]) == request.args.get("finding")), None)
    text = document["text"]
    span = finding_span(text, chosen) if chosen else None
    parts = (text, None, "") if span is None else (text[: span[0]], text[span[0] : span[1]], text[span[1] :])
    sources = [
        r["source"]
        for r in await db.execute("SELECT source FROM sources WHERE document_id = ?", [document_id])
    ]
    for finding in findings:
        finding["url"] = article_url(datasette, document_id, finding["id"])
    return Response.html(
        await datasette.render_template(
            "giamsat_article.html",
            {
                "document": dict(document),
                "before": parts[0],
                "marked": parts[1],
                "after": parts[2],
                "chosen": chosen,
                "findings": findings,
                "sources": sources,
                "database": db.name,
            },
            request=request,
        )
    )


@hookimpl
def register_routes() -> list[tuple[str, object]]:
    """Return the article page's route."""
    return [(r"^" + ARTICLE_PATH.format(r"(?P<document_id>\d+)") + "$", article_page)]
