"""The crawler: a resumable frontier in SQLite, listing pages and sitemaps followed, articles extracted.

State lives in three tables of the archive file: ``crawl_frontier`` (every URL found, its kind and state),
``crawl_fetches`` (every fetch: status, time, content hash, error, ETag, Last-Modified) and
``crawl_documents`` (the article of each page, keyed by the URL it was finally fetched from). Each page's
results are written in one transaction, so a crawl that is killed resumes where it stopped and never
fetches a finished page again; ``Crawler.revisit`` queues finished pages once more, fetched with
If-None-Match/If-Modified-Since.

Which links are followed, and where an article's title, body and date are, is data: the site profiles of
``pipeline.ingest.sites`` (``extract_html`` does the rest).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import sqlite_utils

from pipeline.ingest.errors import IngestError, IngestFailure, NotText
from pipeline.ingest.fetch import DISALLOWED, Fetcher, FetchResult
from pipeline.ingest.sitemaps import parse_sitemap
from pipeline.ingest.sites import (
    ARTICLE,
    LISTING,
    SiteProfile,
    extract_article,
    host_of,
    normalize_url,
    page_links,
    page_text,
    parse_page,
    profile_for,
    site_profiles,
)
from pipeline.model import RawDocument

#: Kinds of frontier entries (listing pages and articles are told apart by the site profiles).
SITEMAP = "sitemap"
#: States of frontier entries.
PENDING, DONE, FAILED = "pending", "done", "failed"
_BATCH = 200
_SITEMAP_PATH = re.compile(r"\.xml(\.gz)?$", re.IGNORECASE)
_TABLES: dict[str, tuple[dict[str, type], dict[str, Any]]] = {
    "crawl_frontier": (
        {"url": str, "host": str, "kind": str, "depth": int, "state": str, "found_on": str, "added_at": str},
        {"pk": "url", "not_null": {"host", "kind", "depth", "state"}},
    ),
    "crawl_fetches": (
        {
            "id": int,
            "url": str,
            "final_url": str,
            "status": int,
            "fetched_at": str,
            "elapsed": float,
            "bytes": int,
            "content_hash": str,
            "error": str,
            "etag": str,
            "last_modified": str,
        },
        {"pk": "id"},
    ),
    "crawl_documents": (
        {
            "url": str,
            "requested_url": str,
            "canonical_url": str,
            "title": str,
            "published": str,
            "text": str,
            "content_hash": str,
            "fetched_at": str,
        },
        {"pk": "url", "not_null": {"text"}},
    ),
}


@dataclass(frozen=True)
class _Entry:
    """A frontier entry for a worker, with the validators of its last 200 (as URL or redirect target)."""

    url: str
    kind: str
    depth: int
    seed: bool = False
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class _Visit:
    """What a worker found at one entry: the fetch, links to queue, the article, sitemaps, an error."""

    entry: _Entry
    result: FetchResult
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, kind)
    document: RawDocument | None = None
    error: str | None = None


@dataclass
class CrawlReport:
    """What one ``Crawler.run`` did; ``started_at`` is the ``since`` for this run's ``documents``."""

    started_at: str
    seconds: float = 0.0
    fetched: int = 0
    documents: int = 0
    unchanged: int = 0
    not_modified: int = 0
    failed: int = 0
    disallowed: int = 0
    discovered: int = 0
    pending: int = 0
    stopped_by: str = "frontier empty"
    failures: list[IngestFailure] = field(default_factory=list)


def _now() -> str:
    """Return the current UTC time as ISO 8601 with microseconds (sortable, used for ``since``)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Crawler:
    """A resumable crawl of a few hosts into the crawl tables of an SQLite archive.

    ``allow_hosts`` defaults to the hosts of the seeds (of this run and earlier ones); ``profiles`` maps a
    host name to its SiteProfile (default: the packaged ones); links more than ``max_depth`` hops from a
    seed are not queued (a listing's pagination is no hop); ``workers`` threads fetch at once (the
    Fetcher keeps each host polite). Sitemaps named in robots.txt (else ``/sitemap.xml``) are read when
    ``use_sitemaps`` is on.
    """

    def __init__(
        self,
        db_path: str,
        fetcher: Fetcher,
        *,
        allow_hosts: Iterable[str] | None = None,
        profiles: Mapping[str, SiteProfile] | None = None,
        max_depth: int = 20,
        use_sitemaps: bool = True,
        workers: int = 4,
    ) -> None:
        """Open the archive (in WAL mode) and create the crawl tables if missing."""
        self.db = sqlite_utils.Database(db_path)
        if db_path != ":memory:":
            self.db.enable_wal()  # as the store does: readers never block the writer
        self.fetcher = fetcher
        self.allow_hosts = {h.lower().removeprefix("www.") for h in allow_hosts} if allow_hosts else None
        self.profiles = dict(site_profiles() if profiles is None else profiles)
        self.max_depth = max_depth
        self.use_sitemaps = use_sitemaps
        self.workers = max(1, workers)
        for name, (columns, options) in _TABLES.items():
            self.db[name].create(columns, **options, if_not_exists=True)
        self.db["crawl_frontier"].create_index(["state", "depth"], if_not_exists=True)
        self.db["crawl_fetches"].create_index(["url"], if_not_exists=True)
        self.db["crawl_fetches"].create_index(["final_url"], if_not_exists=True)

    def profile(self, url: str) -> SiteProfile:
        """Return the profile for ``url``'s host among this crawl's profiles, or the default profile."""
        return profile_for(url, self.profiles)

    def allowed_hosts(self) -> set[str]:
        """Return the hosts whose links are followed: ``allow_hosts``, else the hosts of all seeds so far."""
        if self.allow_hosts is not None:
            return self.allow_hosts
        rows = self.db.query("SELECT DISTINCT host FROM crawl_frontier WHERE found_on IS NULL")
        return {row["host"] for row in rows}

    def add_seeds(self, urls: Iterable[str]) -> int:
        """Queue start URLs (a sitemap, an article or else a listing); return how many are new."""
        entries = []
        for raw in urls:
            url = normalize_url(raw)
            if url:
                is_sitemap = _SITEMAP_PATH.search(urlsplit(url).path)
                kind = SITEMAP if is_sitemap else self.profile(url).classify(url) or LISTING
                entries.append((url, kind, None))
        with self.db.atomic():
            return self._queue(entries, depth=0)

    def _queue(self, entries: Iterable[tuple[str, str, str | None]], depth: int) -> int:
        """Insert (url, kind, found_on) entries not yet in the frontier; return how many were new."""
        rows = [
            (url, host_of(url), kind, depth, PENDING, found_on, _now()) for url, kind, found_on in entries
        ]
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO crawl_frontier (url, host, kind, depth, state, found_on, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return self.db.conn.total_changes - before

    def revisit(self) -> int:
        """Queue every finished page again (a re-crawl; validators make it cheap); return how many."""
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE crawl_frontier SET state = ? WHERE state IN (?, ?)", [PENDING, DONE, FAILED]
            )
        return cursor.rowcount

    def pending(self) -> int:
        """Return how many frontier entries wait to be fetched."""
        return self.db["crawl_frontier"].count_where("state = ?", [PENDING])

    def run(self, max_pages: int | None = None, max_seconds: float | None = None) -> CrawlReport:
        """Fetch pending entries until none is left, ``max_pages`` were fetched or ``max_seconds`` passed.

        In-flight fetches finish after a limit is reached; nothing is fetched twice within a run.
        """
        report = CrawlReport(started_at=_now())
        started = time.monotonic()
        hosts_seen: set[str] = set()
        in_flight: dict[Future[_Visit], _Entry] = {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="crawl") as pool:
            while True:
                room = self.workers - len(in_flight)
                if max_pages is not None:
                    room = min(room, max_pages - report.fetched - len(in_flight))
                if max_seconds is not None and time.monotonic() - started >= max_seconds:
                    report.stopped_by, room = "max_seconds", 0
                for entry in self._next_entries(room, {e.url for e in in_flight.values()}):
                    first_contact = host_of(entry.url) not in hosts_seen
                    hosts_seen.add(host_of(entry.url))
                    in_flight[pool.submit(self._visit, entry, first_contact)] = entry
                if not in_flight:
                    break
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    del in_flight[future]
                    self._record(future.result(), report)
        if max_pages is not None and report.fetched >= max_pages and self.pending():
            report.stopped_by = "max_pages"
        report.pending = self.pending()
        report.seconds = round(time.monotonic() - started, 3)
        return report

    def _next_entries(self, room: int, busy: set[str]) -> list[_Entry]:
        """Return up to ``room`` pending entries not in flight: nearest the seeds first, then oldest."""
        if room <= 0:
            return []
        rows = self.db.query(
            """
            SELECT f.url, f.kind, f.depth, f.found_on IS NULL AS seed, x.etag, x.last_modified
            FROM crawl_frontier f
            LEFT JOIN crawl_fetches x ON x.id = (
                SELECT max(id) FROM crawl_fetches WHERE status = 200 AND (url = f.url OR final_url = f.url))
            WHERE f.state = ? ORDER BY f.depth, f.rowid LIMIT ?
            """,
            [PENDING, room + len(busy)],
        )
        entries = [_Entry(**row) for row in rows if row["url"] not in busy]
        return entries[:room]

    def _visit(self, entry: _Entry, first_contact: bool) -> _Visit:
        """Return what fetching one entry found (runs in a worker thread; touches no database)."""
        result = self.fetcher.fetch(entry.url, entry.etag, entry.last_modified)
        visit = _Visit(entry, result)
        if first_contact and self.use_sitemaps and result.status is not None:  # the host answers
            sitemaps = self.fetcher.sitemaps(entry.url) or [urljoin(entry.url, "/sitemap.xml")]
            visit.links += [(url, SITEMAP) for url in map(normalize_url, sitemaps) if url]
        if not result.ok:
            return visit
        try:
            if entry.kind == SITEMAP:
                self._read_sitemap(visit)
            else:
                self._read_page(visit)
        except IngestError as exc:
            visit.error = str(exc)
        return visit

    def _read_sitemap(self, visit: _Visit) -> None:
        """Add a sitemap's pages (classified; an unclassified page counts as an article) and sub-sitemaps."""
        sitemap = parse_sitemap(visit.result.body, visit.result.final_url)
        for url in filter(None, map(normalize_url, sitemap.pages)):
            profile = self.profile(url)
            if not profile.ignores(url):
                visit.links.append((url, profile.classify(url) or ARTICLE))
        visit.links += [(url, SITEMAP) for url in filter(None, map(normalize_url, sitemap.sitemaps))]

    def _read_page(self, visit: _Visit) -> None:
        """Decode an HTML page, collect its listing and article links, and extract it if it is an article.

        Raises ``IngestError`` (``page_text``'s for a reply that is not a page), which ``_visit`` records.
        """
        result = visit.result
        page = page_text(result)
        tree = parse_page(page)
        if tree is None:
            raise NotText("not an HTML page")
        for url, text in page_links(tree, result.final_url):
            kind = self.profile(url).classify(url, text)
            if kind:
                visit.links.append((url, kind))
        if visit.entry.kind == ARTICLE:
            visit.document = extract_article(page, result.final_url, self.profile(result.final_url))

    def _record(self, visit: _Visit, report: CrawlReport) -> None:
        """Write one visit in a single transaction: the fetch, the article, new links, the entry's state."""
        result, entry = visit.result, visit.entry
        digest = hashlib.sha256(result.body).hexdigest() if result.ok else None
        error = result.error or visit.error
        fetched_at = _now()
        report.fetched += 1
        with self.db.atomic():
            self.db["crawl_fetches"].insert(
                {
                    "url": entry.url,
                    "final_url": result.final_url,
                    "status": result.status,
                    "fetched_at": fetched_at,
                    "elapsed": result.elapsed,
                    "bytes": len(result.body),
                    "content_hash": digest,
                    "error": error,
                    "etag": result.headers.get("etag"),
                    "last_modified": result.headers.get("last-modified"),
                }
            )
            if visit.document is not None:
                self._store_document(visit, digest, fetched_at, report)
            if result.ok and result.final_url != entry.url:  # a seed's target is a seed: its host is allowed
                self._queue([(result.final_url, entry.kind, None if entry.seed else entry.url)], entry.depth)
                self._set_state(result.final_url, DONE)
            hosts = self.allowed_hosts()
            links = [(u, k, entry.url) for u, k in visit.links if host_of(u) in hosts]
            sitemaps = [link for link in links if link[1] == SITEMAP]
            for kind in (LISTING, ARTICLE):
                depth = self._depth(entry, kind)
                if depth <= self.max_depth:
                    report.discovered += self._queue([lk for lk in links if lk[1] == kind], depth)
            report.discovered += self._queue(sitemaps, entry.depth if entry.kind == SITEMAP else 1)
            self._set_state(entry.url, FAILED if error else DONE)
        if result.not_modified:
            report.not_modified += 1
        if error:
            report.failed += 1
            report.disallowed += error == DISALLOWED
            report.failures.append(IngestFailure(entry.url, error))

    def _store_document(self, visit: _Visit, digest: str | None, when: str, report: CrawlReport) -> None:
        """Upsert the visit's article by its final URL; the same page again counts as unchanged."""
        table = self.db["crawl_documents"]
        url = visit.result.final_url
        previous = next(table.rows_where("url = ?", [url], select="content_hash"), None)
        if previous and previous["content_hash"] == digest:
            report.unchanged += 1
            return
        doc = visit.document
        table.upsert(
            {
                "url": url,
                "requested_url": visit.entry.url,
                "canonical_url": doc.url,
                "title": doc.title,
                "published": doc.published,
                "text": doc.text,
                "content_hash": digest,
                "fetched_at": when,
            },
            pk="url",
        )
        report.documents += 1

    @staticmethod
    def _depth(entry: _Entry, kind: str) -> int:
        """Return the depth of a link of ``kind`` found at ``entry``; a listing's own pages keep its depth.

        So a category paginated over 500 pages is crawled in full, while chains of related-news links
        stop at ``max_depth``.
        """
        return entry.depth if entry.kind == kind == LISTING else entry.depth + 1

    def _set_state(self, url: str, state: str) -> None:
        """Set a frontier entry's state."""
        self.db.execute("UPDATE crawl_frontier SET state = ? WHERE url = ?", [state, url])

    def documents(self, since: str | None = None) -> Iterator[RawDocument]:
        """Yield the crawled articles (those stored at or after ``since``, an ISO time, when given).

        Rows are read a batch at a time with no cursor left open between batches, so the consumer may
        write to the same archive (the store) while iterating.
        """
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT rowid, url, text, title, published, canonical_url FROM crawl_documents "
                "WHERE rowid > ? AND fetched_at >= ? ORDER BY rowid LIMIT ?",
                [last, since or "", _BATCH],
            ).fetchall()
            for last, url, text, title, published, canonical in rows:  # noqa: B007 - last is the key
                yield RawDocument(
                    source=url, text=text, title=title, published=published, url=canonical or url
                )
            if len(rows) < _BATCH:
                return


def crawl(
    seeds: list[str],
    db_path: str,
    *,
    max_pages: int | None = None,
    delay: float = 1.0,
    allow_hosts: list[str] | None = None,
    max_seconds: float | None = None,
    revisit: bool = False,
) -> CrawlReport:
    """Return the report of crawling from ``seeds`` into ``db_path`` (resuming any crawl already there).

    ``revisit`` queues the pages finished by earlier crawls again first: a re-crawl, cheap where the
    server answers 304 to the validators kept from the last fetch. A seed that is not a valid http(s)
    URL is reported among the failures; the others are crawled.
    Raises ``sqlite3.Error`` when the archive cannot be opened.
    """
    crawler = Crawler(db_path, Fetcher(per_host_delay=delay), allow_hosts=allow_hosts)
    if revisit:
        crawler.revisit()
    crawler.add_seeds(seeds)
    report = crawler.run(max_pages=max_pages, max_seconds=max_seconds)
    rejected = [
        IngestFailure(seed, "not a valid http(s) URL") for seed in seeds if normalize_url(seed) is None
    ]
    report.failures[:0] = rejected
    report.failed += len(rejected)
    return report


__all__ = ["SITEMAP", "CrawlReport", "Crawler", "crawl"]
