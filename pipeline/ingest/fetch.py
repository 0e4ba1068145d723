"""Polite HTTP for the crawler: robots.txt, per-host delay and concurrency, retries, conditional requests.

Only the standard library (``urllib.request``, ``urllib.robotparser``). Every request to a host waits for
that host's slot: at most ``max_per_host`` requests at once and a start ``per_host_delay`` seconds (or the
robots.txt ``Crawl-delay``, or a ``Retry-After``, whichever is longer) after the previous start. Redirects
are followed by hand so that each hop is checked against robots.txt and rate-limited too.

Network trouble never raises: the ``FetchResult`` carries the status (None when no answer came) and a
one-line ``error``. robots.txt follows RFC 9309: a 4xx answer means no rules, a 5xx or no answer means
"do not crawl this host" (https://www.rfc-editor.org/rfc/rfc9309#section-2.3.1).
Proxies from the environment are not used: the crawler connects directly.
"""

from __future__ import annotations

import http.client
import math
import re
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from email.utils import parsedate_to_datetime
from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

#: The error of a result for a URL that robots.txt forbids (no request is sent).
DISALLOWED = "disallowed by robots.txt"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65536
_CRAWL_DELAY = re.compile(r"^(\s*crawl-delay\s*:\s*)(\d*\.\d+)", re.IGNORECASE)
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
#: One ";name=value" parameter of a Content-Type; a quoted value may hold a ";" (RFC 9110, section 5.6.6).
_PARAMETER = re.compile(r';\s*([^\s;=]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """Return a Content-Type's media type ("" when absent) and charset (None when absent), both lower-cased.

    The one reading of the header, shared by the check that a reply is a page at all and the charset the
    page is decoded with, so that the two never disagree about a header such as 'text/html; Charset="UTF-8"'.
    """
    media_type, _, parameters = (value or "").partition(";")
    charsets = [raw for name, raw in _PARAMETER.findall(";" + parameters) if name.lower() == "charset"]
    charset = charsets[0].strip().strip('"').strip().lower() if charsets else ""
    return media_type.strip().lower(), charset or None


@dataclass(frozen=True)
class FetchResult:
    """One fetch: the status of the last answer (None when none came), its headers and body, or why not.

    ``headers`` has lower-case names; ``elapsed`` is the whole fetch in seconds, waits and retries included.
    """

    url: str
    final_url: str
    status: int | None
    headers: Mapping[str, str]
    body: bytes
    elapsed: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Return True for a 2xx answer with its body read in full."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        """Return True when the server answered 304: the copy from the last fetch is still current."""
        return self.status == 304

    @property
    def media_type(self) -> str:
        """Return the media type the Content-Type header declares, lower-cased ("" without the header)."""
        return parse_content_type(self.headers.get("content-type"))[0]

    @property
    def charset(self) -> str | None:
        """Return the charset the Content-Type header declares, lower-cased, or None."""
        return parse_content_type(self.headers.get("content-type"))[1]


@dataclass
class _Answer:
    """What one request gave: status and headers, body, an error and whether trying again may help."""

    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None
    transient: bool = False


class _BodyRejected(ValueError):
    """A response body that is too large or cannot be decompressed."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect handler that hands 3xx answers back instead of following them."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's API
        """Return None so that urllib raises the 3xx as an HTTPError we read ourselves."""
        return None


class _Host:
    """One host's gate: a cap on concurrent requests, the earliest next start, and its robots.txt rules."""

    def __init__(self, delay: float, max_concurrent: int) -> None:
        """Store the host's delay; robots.txt is read on first use."""
        self.delay = delay
        self._slots = threading.Semaphore(max_concurrent)
        self._lock = threading.Lock()
        self._next_start = 0.0
        self.robots_lock = threading.Lock()
        self.robots: RobotFileParser | None = None
        self.robots_error: str | None = None

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the host's request slots, started no sooner than ``delay`` after the last start.

        The start is claimed when it happens, not booked ahead: a thread that wakes late pushes the next
        start back instead of leaving less than ``delay`` before it.
        """
        with self._slots:
            while True:
                with self._lock:
                    now = time.monotonic()
                    if now >= self._next_start:
                        self._next_start = now + self.delay
                        break
                    wait = self._next_start - now
                time.sleep(wait)
            yield

    def defer(self, seconds: float) -> None:
        """Push the host's next start at least ``seconds`` from now (a backoff or a Retry-After)."""
        with self._lock:
            self._next_start = max(self._next_start, time.monotonic() + seconds)


def _http_parts(url: str) -> SplitResult | None:
    """Return the parts of an http(s) URL with a host, or None for anything else (or a malformed URL)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:  # "http://[::1", "http://host:99999/"
        return None
    return parts if parts.scheme in ("http", "https") and parts.hostname else None


def whole_crawl_delays(lines: list[str]) -> list[str]:
    """Return robots.txt lines with a fractional Crawl-delay rounded up ("0.5" -> "1").

    ``urllib.robotparser`` reads only whole numbers and silently drops "Crawl-delay: 2.5"; rounding up
    keeps the host's wish and errs on the polite side.
    """
    return [
        _CRAWL_DELAY.sub(lambda m: m.group(1) + str(math.ceil(float(m.group(2)))), line) for line in lines
    ]


def retry_after_seconds(value: str | None) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date), or None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """A polite HTTP client: share one between threads so that the per-host limits hold across them."""

    def __init__(
        self,
        user_agent: str = "giamsat/0.1",
        per_host_delay: float = 1.0,
        max_per_host: int = 2,
        timeout: float = 20,
        retries: int = 3,
        backoff: float = 1.0,
        *,
        max_bytes: int = 10_000_000,
        max_redirects: int = 5,
        max_wait: float = 120.0,
    ) -> None:
        """Store the settings; ``max_wait`` caps a Retry-After the fetcher is willing to honour."""
        self.user_agent = user_agent
        self.per_host_delay = per_host_delay
        self.max_per_host = max_per_host
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_wait = max_wait
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """Return the page at ``url`` after redirects; a 304 when ``etag``/``last_modified`` still match."""
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        return self._follow(url, conditional, check_robots=True)

    def sitemaps(self, url: str) -> list[str]:
        """Return the Sitemap: lines of the robots.txt of ``url``'s host (read once, then cached)."""
        parts = _http_parts(url)
        if parts is None:
            return []
        rules = self._robots(parts.scheme, parts.netloc)
        return list(rules.site_maps() or []) if rules is not None else []

    def host_delay(self, url: str) -> float:
        """Return the seconds kept between two requests to ``url``'s host (robots.txt read if not yet)."""
        parts = _http_parts(url)
        if parts is None:
            return self.per_host_delay
        self._robots(parts.scheme, parts.netloc)
        return self._host(parts.netloc).delay

    def _host(self, netloc: str) -> _Host:
        """Return the gate for a host (scheme-independent), created on first use."""
        with self._hosts_lock:
            if netloc not in self._hosts:
                self._hosts[netloc] = _Host(self.per_host_delay, self.max_per_host)
            return self._hosts[netloc]

    def _robots(self, scheme: str, netloc: str) -> RobotFileParser | None:
        """Return the host's robots.txt rules, reading them on first use; None when the host is off limits."""
        host = self._host(netloc)
        with host.robots_lock:
            if host.robots is None and host.robots_error is None:
                self._read_robots(host, f"{scheme}://{netloc}/robots.txt")
            return host.robots

    def _read_robots(self, host: _Host, robots_url: str) -> None:
        """Fetch and parse robots.txt into ``host``: rules, Crawl-delay, or the reason the host is closed."""
        result = self._follow(robots_url, {}, check_robots=False)
        rules = RobotFileParser(robots_url)
        if result.ok:
            rules.parse(whole_crawl_delays(result.body.decode("utf-8", errors="replace").splitlines()))
        elif result.status is not None and 400 <= result.status < 500:
            rules.allow_all = True
        else:
            host.robots_error = f"robots.txt unreachable ({result.error}): host not crawled"
            return
        delay = rules.crawl_delay(self.user_agent)
        if delay is not None:
            host.delay = max(host.delay, float(delay))
            host.defer(host.delay)  # the robots.txt request itself was the last start
        host.robots = rules

    def _robots_verdict(self, scheme: str, netloc: str, url: str) -> str | None:
        """Return None when robots.txt lets us fetch ``url``, else the error to record."""
        rules = self._robots(scheme, netloc)
        if rules is None:
            return self._host(netloc).robots_error
        return None if rules.can_fetch(self.user_agent, url) else DISALLOWED

    def _follow(self, url: str, headers: dict[str, str], *, check_robots: bool) -> FetchResult:
        """Return the result of fetching ``url`` and following its redirects, each hop checked and gated."""
        started = time.monotonic()
        current = url
        for _ in range(self.max_redirects + 1):
            parts = _http_parts(current)
            if parts is None:
                return self._result(url, current, _Answer(None, error="not a valid http(s) URL"), started)
            if check_robots and (refusal := self._robots_verdict(parts.scheme, parts.netloc, current)):
                return self._result(url, current, _Answer(None, error=refusal), started)
            answer = self._attempts(self._host(parts.netloc), current, headers)
            location = answer.headers.get("location")
            if answer.status not in _REDIRECTS:
                return self._result(url, current, answer, started)
            if not location:
                answer.error = f"HTTP {answer.status} without a Location header"
                return self._result(url, current, answer, started)
            current = urljoin(current, location.strip())
        return self._result(
            url, current, _Answer(None, error=f"more than {self.max_redirects} redirects"), started
        )

    def _result(self, url: str, final_url: str, answer: _Answer, started: float) -> FetchResult:
        """Return the FetchResult for ``answer``, timed from ``started``."""
        return FetchResult(
            url=url,
            final_url=final_url,
            status=answer.status,
            headers=answer.headers,
            body=answer.body,
            elapsed=round(time.monotonic() - started, 4),
            error=answer.error,
        )

    def _attempts(self, host: _Host, url: str, headers: dict[str, str]) -> _Answer:
        """Return the first answer that is not transient, retrying 429/5xx/timeouts with backoff."""
        answer = _Answer(None)
        for attempt in range(self.retries + 1):
            with host.slot():
                answer = self._request(url, headers)
            wait = retry_after_seconds(answer.headers.get("retry-after")) if answer.transient else None
            if wait is not None and wait > self.max_wait:
                answer.error = f"{answer.error}; Retry-After {wait:.0f} s exceeds {self.max_wait:.0f} s"
                return answer
            if wait is not None:
                host.defer(wait)
            if not answer.transient or attempt == self.retries:
                break
            host.defer(max(wait or 0.0, self.backoff * 2**attempt))
        if answer.transient and self.retries:
            answer.error = f"{answer.error} (after {self.retries + 1} attempts)"
        return answer

    def _request(self, url: str, headers: dict[str, str]) -> _Answer:
        """Return one request's answer; network errors become an error string, marked transient or not."""
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": self.user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
                **headers,
            },
        )
        try:
            response = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:  # a 3xx, 4xx or 5xx answer: its headers and body still count
            response = exc
        except (http.client.HTTPException, OSError) as exc:
            return self._network_error(exc)
        except ValueError as exc:
            return _Answer(None, error=f"invalid URL: {exc}")
        try:
            with response:
                return self._answer(response.getcode(), response.headers, response)
        except (http.client.HTTPException, OSError) as exc:
            return self._network_error(exc)

    def _network_error(self, exc: http.client.HTTPException | OSError) -> _Answer:
        """Return the transient answer for a request that got no (complete) answer: a timeout, a reset."""
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            return _Answer(None, error=f"timed out after {self.timeout:g} s", transient=True)
        return _Answer(None, error=f"connection error: {reason}", transient=True)

    def _answer(self, status: int, message: Message, stream: http.client.HTTPResponse) -> _Answer:
        """Return the answer for a status line: body read (bounded, decompressed), error set for 4xx/5xx."""
        headers = {name.lower(): value for name, value in message.items()}
        transient = status == 429 or status >= 500
        error = f"HTTP {status}" if status >= 400 else None
        try:
            body = self._read_body(stream, headers)
        except _BodyRejected as exc:
            return _Answer(status, headers, b"", str(exc))
        return _Answer(status, headers, body, error, transient)

    def _read_body(self, stream: http.client.HTTPResponse, headers: dict[str, str]) -> bytes:
        """Return the body, decompressed; raise ``_BodyRejected`` past ``max_bytes`` or on a bad encoding."""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _BodyRejected(f"body larger than {self.max_bytes} bytes ({declared} declared)")
        data = self._read_bounded(stream)
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            return self._inflate(data, zlib.MAX_WBITS | 16, encoding)
        if encoding == "deflate":
            try:
                return self._inflate(data, zlib.MAX_WBITS, encoding)
            except _BodyRejected:  # some servers send raw deflate without the zlib header
                return self._inflate(data, -zlib.MAX_WBITS, encoding)
        return data

    def _read_bounded(self, stream: http.client.HTTPResponse) -> bytes:
        """Return the raw body; raise ``_BodyRejected`` past ``max_bytes`` or 3 × ``timeout`` seconds in all.

        The socket timeout bounds each read, not the whole body: a server that trickles bytes would
        otherwise hold a worker for ever.
        """
        deadline = time.monotonic() + 3 * self.timeout
        chunks: list[bytes] = []
        size = 0
        while chunk := stream.read(min(_CHUNK, self.max_bytes + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise _BodyRejected(f"body larger than {self.max_bytes} bytes")
            if time.monotonic() > deadline:
                raise _BodyRejected(f"body not received within {3 * self.timeout:g} s")
        return b"".join(chunks)

    def _inflate(self, data: bytes, wbits: int, encoding: str) -> bytes:
        """Return ``data`` decompressed, refusing output past ``max_bytes`` (a compression bomb)."""
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, self.max_bytes + 1)
        except zlib.error as exc:
            raise _BodyRejected(f"bad {encoding} body: {exc}") from exc
        if len(out) > self.max_bytes or inflater.unconsumed_tail:
            raise _BodyRejected(f"body larger than {self.max_bytes} bytes once decompressed")
        return out


__all__ = [
    "DISALLOWED",
    "FetchResult",
    "Fetcher",
    "parse_content_type",
    "retry_after_seconds",
    "whole_crawl_delays",
]
