"""Fixtures shared by test modules: the test news portal served on 127.0.0.1 (see ``sitesrv``)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sitesrv import Portal, SiteServer, serve_portal

from pipeline.nlp.text import normalize
from pipeline.paths import shared_corpora


@pytest.fixture(scope="module")
def portal() -> Iterator[Portal]:
    """Serve the test portal for the module."""
    with serve_portal() as served:
        yield served


@pytest.fixture()
def site(portal: Portal) -> SiteServer:
    """Return the portal's server, fresh for one test."""
    return portal.fresh()


@pytest.fixture(scope="session")
def genre_texts() -> list[str]:
    """Return the normalised texts of the shared supervision-genre subset (skip when it is absent)."""
    path = shared_corpora() / "vi-news-supervision-genre-subset" / "supervision_genre.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found; set GIAMSAT_CORPORA to the shared corpora folder")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [normalize(json.loads(line)["text"]) for line in lines if line.strip()]
