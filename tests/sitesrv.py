"""A test web server on 127.0.0.1 that logs every request: a fixture site, generated pages, or saved pages.

The server listens on port 0 (a free port), answers from a thread, and shuts itself down after
``lifetime`` seconds whatever the test does. Handlers that sleep (a page that times out) are bounded too.
"""

from __future__ import annotations

import csv
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.ingest.encoding import encode_cp1258

LAST_MODIFIED = "Wed, 21 Sep 2022 08:00:00 GMT"
_TYPES = {".html": "text/html", ".xml": "application/xml", ".txt": "text/plain"}


@dataclass
class Reply:
    """An answer: status, headers, body, and seconds to sleep before sending it."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    sleep: float = 0.0


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it: arrival time (monotonic), path with query, headers, status."""

    at: float
    path: str
    headers: Mapping[str, str]
    status: int


App = Callable[[str, Mapping[str, str]], Reply]


class SiteServer:
    """A ThreadingHTTPServer on 127.0.0.1 answering with ``app`` and recording hits."""

    def __init__(self, app: App, lifetime: float = 300.0) -> None:
        """Bind a free port on 127.0.0.1; ``start`` serves."""
        self.app = app
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = _TimedServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    def start(self) -> SiteServer:
        """Serve from a daemon thread until ``stop`` or the lifetime runs out; return self."""
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._timer.cancel()
        self._server.shutdown()
        self._server.server_close()

    def record(self, hit: Hit) -> None:
        """Append a hit (thread-safe)."""
        with self._lock:
            self.hits.append(hit)

    def paths(self) -> list[str]:
        """Return the requested paths in arrival order."""
        with self._lock:
            return [h.path for h in self.hits]

    def clear(self) -> None:
        """Forget the hits so far."""
        with self._lock:
            self.hits.clear()


class _TimedServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that notes when each connection was accepted, before a thread is started."""

    daemon_threads = True

    def __init__(self, *args: Any) -> None:
        """Bind as ThreadingHTTPServer does."""
        super().__init__(*args)
        self.accepted: dict[object, float] = {}

    def process_request(self, request: Any, client_address: Any) -> None:
        """Note the accept time (the request's arrival, free of thread start-up jitter), then serve."""
        self.accepted[request] = time.monotonic()
        super().process_request(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Hands each GET to the server's app, logs it, and writes the reply (a closed client is fine)."""

    site: SiteServer
    server: _TimedServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """Answer one GET."""
        headers = {k.lower(): v for k, v in self.headers.items()}
        arrived = self.server.accepted.pop(self.request, time.monotonic())
        reply = self.site.app(self.path, headers)
        self.site.record(Hit(arrived, self.path, headers, reply.status))
        time.sleep(min(reply.sleep, 5.0))
        try:
            self.send_response(reply.status)
            for name, value in {**reply.headers, "Content-Length": str(len(reply.body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        """Log nothing: the hits are the log."""


class StaticSite:
    """The app for a fixture folder: files by path, special routes from its ``routes.json``."""

    def __init__(self, root: Path) -> None:
        """Read the routes; ``base`` must be set before serving (it fills ``{base}`` in .txt/.xml)."""
        self.root = root
        self.routes = json.loads((root / "routes.json").read_text(encoding="utf-8"))
        self.base = ""
        self.failures: dict[str, int] = {}

    def reset(self) -> None:
        """Make the flaky pages fail again from the start."""
        self.failures.clear()

    def __call__(self, path: str, headers: Mapping[str, str]) -> Reply:
        """Return the reply for ``path``: a route's behaviour, else the file, else 404."""
        route = self.routes.get(path, {})
        if "location" in route:
            return Reply(route["status"], {"Location": route["location"]})
        if route.get("fail_first", 0) > self.failures.get(path, 0):
            self.failures[path] = self.failures.get(path, 0) + 1
            return Reply(route["fail_status"], {"Retry-After": "0"}, b"Service Unavailable")
        file = self.root / route.get("file", urlsplit(path).path.lstrip("/"))
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file() or file.name == "routes.json":
            missing = "<h1>Không tìm thấy trang</h1>".encode()
            return Reply(404, {"Content-Type": "text/html; charset=utf-8"}, missing)
        body = file.read_bytes()
        if file.suffix in (".txt", ".xml"):
            body = body.replace(b"{base}", self.base.encode())
        charset = route.get("charset", "utf-8")
        if charset != "utf-8":
            body = encode_cp1258(body.decode("utf-8"))
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        common = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if headers.get("if-none-match") == etag or headers.get("if-modified-since") == LAST_MODIFIED:
            return Reply(304, common, sleep=route.get("sleep", 0.0))
        content_type = f"{_TYPES.get(file.suffix, 'application/octet-stream')}; charset={charset}"
        return Reply(200, {**common, "Content-Type": content_type}, body, route.get("sleep", 0.0))


#: The test portal built from the seed articles.
PORTAL = Path(__file__).resolve().parent / "fixtures" / "site"


@dataclass
class Portal:
    """The test portal being served: the server and the app behind it."""

    server: SiteServer
    app: StaticSite

    def fresh(self) -> SiteServer:
        """Return the server with its hits forgotten and its flaky pages failing again from the start."""
        self.server.clear()
        self.app.reset()
        return self.server


@contextmanager
def serving(
    routes: Mapping[str, Reply | Callable[[Mapping[str, str]], Reply]], lifetime: float = 60
) -> Iterator[SiteServer]:
    """Serve ``routes`` (path -> a reply, or a function of the request headers giving one) on a fresh
    port for the block; 404 elsewhere, robots.txt included (no rules)."""

    def app(path: str, headers: Mapping[str, str]) -> Reply:
        route = routes.get(path, Reply(404))
        return route if isinstance(route, Reply) else route(headers)

    server = SiteServer(app, lifetime=lifetime).start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def serve_portal() -> Iterator[Portal]:
    """Serve ``tests/fixtures/site`` on 127.0.0.1 for the duration of the block."""
    app = StaticSite(PORTAL)
    server = SiteServer(app, lifetime=120)
    app.base = server.base
    server.start()
    try:
        yield Portal(server, app)
    finally:
        server.stop()


def generated_site(articles: int, per_page: int = 10) -> App:
    """Return an app serving a portal of ``articles`` generated articles over paginated listings."""
    pages = (articles + per_page - 1) // per_page
    paragraph = (
        "Đoàn kiểm tra đề nghị, trong thời gian tới thị trấn Đu cần khắc phục ngay những hạn chế trong "
        "công tác CCHC, tập trung đẩy nhanh quá trình giải quyết TTHC cho tổ chức và công dân."
    )

    def page(title: str, body: str) -> bytes:
        """Return a generated page: menu, ``body``, footer."""
        return (
            f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<ul class='menu'><li><a href='/'>Trang chủ</a></li>"
            "<li><a href='/tin-tuc/'>Tin tức</a></li></ul>"
            f"{body}<div class='footer'>Thống kê truy cập</div></body></html>"
        ).encode()

    def app(path: str, headers: Mapping[str, str]) -> Reply:
        """Return robots.txt, a listing page, an article, or 404."""
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return Reply(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /admin/\n")
        if path in ("/", "/tin-tuc/") or path.startswith("/tin-tuc/?page="):
            number = int(path.rsplit("=", 1)[1]) if "=" in path else 1
            if not 1 <= number <= pages:
                return Reply(404, html, b"")
            first = (number - 1) * per_page
            links = "".join(
                f"<li><a href='{_generated_path(i)}'>Bài {i}</a></li>"
                for i in range(first, min(first + per_page, articles))
            )
            more = f"<a href='/tin-tuc/?page={number + 1}'>Trang {number + 1}</a>" if number < pages else ""
            return Reply(200, html, page("Tin tức", f"<ul>{links}</ul>{more}"))
        number = path.rsplit("-", 1)[-1].removesuffix(".html")
        if path.startswith("/tin-tuc/kiem-tra-") and number.isdigit() and int(number) - 10000 < articles:
            title = f"Kiểm tra cải cách hành chính tại xã số {int(number) - 10000}"
            body = f"<h1>{title}</h1>" + f"<p>{paragraph}</p>" * 3
            return Reply(200, html, page(title, body))
        return Reply(404, html, b"")

    return app


def _generated_path(number: int) -> str:
    """Return the path of generated article ``number``."""
    return f"/tin-tuc/kiem-tra-cai-cach-hanh-chinh-tai-xa-so-{number}-{10000 + number}.html"


def saved_pages(folder: Path) -> tuple[App, dict[str, str]]:
    """Return an app serving saved pages at /<original host><original path>, and file name -> that path.

    The pages and their original URLs are read from the folder's ``urls.tsv``.
    """
    with (folder / "urls.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    paths = {}
    for row in rows:
        parts = urlsplit(row["original_url"])
        paths[row["file"]] = f"/{parts.hostname}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    files = {path: folder / name for name, path in paths.items()}

    def app(path: str, headers: Mapping[str, str]) -> Reply:
        """Return the saved page at its original path, or 404."""
        file = files.get(path)
        if file is None:
            return Reply(404, {"Content-Type": "text/plain"}, b"")
        return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, file.read_bytes())

    return app, {row["file"]: paths[row["file"]] for row in rows if row["kind"] == "article"}
