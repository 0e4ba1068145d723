"""Fixtures shared by test modules: the test news portal served on 127.0.0.1 (see ``sitesrv``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sitesrv import Portal, SiteServer, serve_portal


@pytest.fixture(scope="module")
def portal() -> Iterator[Portal]:
    """Serve the test portal for the module."""
    with serve_portal() as served:
        yield served


@pytest.fixture()
def site(portal: Portal) -> SiteServer:
    """Return the portal's server, fresh for one test."""
    return portal.fresh()
