"""Single article URLs and URL-list files (``.urls``: one URL a line) as inputs of ``extract`` and ``run``.

Each URL is fetched once, politely (robots.txt, the per-host delay, retries: ``Fetcher``), and its
reply goes through the same checks and article extraction as a crawl (``page_text``: an HTML page;
``profile_for``: the host's site profile; ``extract_article``). To follow listing pages and sitemaps,
use the crawler instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from pipeline.ingest.encoding import decode_bytes
from pipeline.ingest.errors import EmptyInput, IngestError, IngestFailure
from pipeline.ingest.fetch import Fetcher
from pipeline.ingest.sites import extract_article, page_text, profile_for
from pipeline.model import RawDocument

_SCHEMES = ("http://", "https://")


def is_url(source: str) -> bool:
    """Return whether an input names a web page rather than a file."""
    return source.lower().startswith(_SCHEMES)


@lru_cache(maxsize=1)
def _fetcher() -> Fetcher:
    """Return the one fetcher all URL inputs share, so the per-host delay holds across them."""
    return Fetcher()


def load_url(url: str, fetcher: Fetcher | None = None) -> Iterator[RawDocument | IngestFailure]:
    """Yield the article at ``url``, or the failure (network, HTTP status, not an HTML page, no article).

    The article's ``source`` is ``url`` as given; its ``url`` is the page's canonical URL as the crawler
    stores it: the one the page declares, else the URL it was finally fetched from (after redirects).
    """
    result = (fetcher or _fetcher()).fetch(url)
    if result.error or not result.ok:
        yield IngestFailure(url, result.error or f"HTTP {result.status}")
        return
    try:
        page = page_text(result)
        document = extract_article(page, result.final_url, profile_for(result.final_url))
    except IngestError as exc:
        yield IngestFailure(url, str(exc))
        return
    yield replace(document, source=url)


def load_url_list(
    data: bytes, source: str, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | IngestFailure]:
    """Yield the article of every URL listed in the bytes of a ``.urls`` file (blank lines and ``#``
    comments skipped); the file is read by ``files``, like every other input.

    The list is decoded like every other text input (``decode_bytes``: a UTF-8 BOM, Windows-1258, TCVN3,
    VNI), so a list saved by a Windows editor reads its first URL, and bytes that are not text in any
    encoding raise ``IngestError``, which ``iter_documents`` records as a failure: a bare
    ``UnicodeDecodeError`` would escape it and stop the batch. A file that lists no URL at all raises
    ``EmptyInput``, as an empty file of any other kind does, rather than silently giving nothing.
    """
    listed = False
    for number, line in enumerate(decode_bytes(data).splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        listed = True
        if not is_url(entry):
            yield IngestFailure(f"{source}:{number}", f"not an http(s) URL: {entry!r}")
            continue
        yield from load_url(entry, fetcher)
    if not listed:
        raise EmptyInput("no URL in the file (only blank lines and comments)")
