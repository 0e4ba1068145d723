"""Browse the archive in a web browser: a Datasette app configured by the project (``giamsat serve``).

What it adds to plain Datasette: the ``findings_browse`` view (each finding with its article's year,
provinces and bodies, faceted), canned queries whose full-text search folds the query like the index
(``pipeline/data/datasette/metadata.yaml``), and an article page marking one finding's span
(``pipeline/store/datasette_plugin.py``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import sqlite_utils
import uvicorn
import yaml
from datasette.app import Datasette
from datasette.plugins import pm

from pipeline.store import datasette_plugin
from pipeline.store.schema import open_db

#: Datasette's query time limit raised from 1 s: on a million findings a search for a common phrase or the
#: count by province takes 0.5–1.5 s on two cores (benchmarks/README.md). Facets keep their 200 ms limit
#: and are left out, as timed out, on archives that large.
SETTINGS = {"sql_time_limit_ms": 5000}

#: The database key used in ``metadata.yaml``; the real key is the archive's file name.
_METADATA_DATABASE = "archive"

# A finding with the facets users filter by. An article can name several provinces and bodies, so
# ``province`` and ``body`` are JSON arrays (Datasette's array facets) rather than one arbitrary pick.
_BROWSE_VIEW = """
SELECT f.id, f.document_id, f.label, f.text AS finding, f.score, d.title AS article, d.date,
       substr(d.date, 1, 4) AS year,
       (SELECT json_group_array(DISTINCT l.province) FROM localities l
         WHERE l.document_id = f.document_id AND l.province IS NOT NULL) AS province,
       (SELECT json_group_array(DISTINCT o.name) FROM organizations o
         WHERE o.document_id = f.document_id) AS body
FROM findings f JOIN documents d ON d.id = f.document_id
"""


def ensure_views(db: sqlite_utils.Database) -> None:
    """Create (or bring up to date) the views the browsing pages read; the store's tables are untouched."""
    db.create_view("findings_browse", _BROWSE_VIEW.strip(), replace=True)


def _datasette_files() -> Path:
    """Return the folder holding the Datasette metadata and templates."""
    return Path(str(resources.files("pipeline.data").joinpath("datasette")))


def metadata(database: str) -> dict:
    """Return the Datasette metadata with the archive's block filed under ``database``."""
    meta = yaml.safe_load((_datasette_files() / "metadata.yaml").read_text(encoding="utf-8"))
    meta["databases"] = {database: meta["databases"].pop(_METADATA_DATABASE)}
    return meta


def datasette_app(db_path: str) -> Datasette:
    """Return a Datasette instance serving the archive at ``db_path`` with the project's configuration.

    The schema and views are ensured first (Datasette itself opens the file read-only).
    """
    db = open_db(db_path)
    ensure_views(db)
    db.close()
    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="giamsat")
    return Datasette(
        [db_path],
        metadata=metadata(Path(db_path).stem),
        template_dir=str(_datasette_files() / "templates"),
        settings=SETTINGS,
    )


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the archive on ``host:port`` until interrupted."""
    uvicorn.run(datasette_app(db_path).app(), host=host, port=port)
