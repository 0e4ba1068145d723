"""End to end: serve an archive on 127.0.0.1, search it with headless Chromium, open the article.

The archive holds seed 000 as annotated in ``corpora/gold/seeds``. Chromium is driven without a driver
(``--dump-dom`` and ``--screenshot``), step by step through the links the pages expose. Skipped when no
``chromium`` binary is installed (Debian package ``chromium``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.model import Article, Finding, Locality, Organization
from pipeline.nlp.text import fold, normalize
from pipeline.store.schema import open_db
from pipeline.store.write import write_article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "gold" / "seeds" / "000_644511fd9a9480fe.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SERVE = "import sys; from pipeline.store.serve import serve; serve(sys.argv[1], port=int(sys.argv[2]))"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")


def seed_article() -> Article:
    """Return seed 000 as its gold annotation describes it, findings located in the text.

    Findings are located by their folded text (same length as the original), so a gold string written
    with an older tone placement ("họăc") still finds its words ("hoặc"); the article's own text is kept.
    """
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    text = normalize((ROOT / gold["source"]).read_text(encoding="utf-8"))
    findings = []
    for f in gold["findings"]:
        start = fold(text).index(fold(f["text"]))
        span = (start, start + len(f["text"]))
        findings.append(Finding(text[span[0] : span[1]], f["label"], 1.0, span))
    return Article(
        source=gold["source"],
        text=text,
        title=gold["title"],
        published=gold["published"],
        localities=[Locality(**loc) for loc in gold["localities"]],
        organizations=[Organization(**o) for o in gold["organizations"]],
        findings=findings,
    )


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Yield the base URL of the archive served by ``serve`` in a subprocess."""
    path = tmp_path_factory.mktemp("browser") / "archive.db"
    db = open_db(str(path))
    write_article(db, seed_article(), content_hash="seed000", extraction_version="gold")
    db.close()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(path), str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def chromium(profile: Path, *args: str) -> str:
    """Return the stdout of one headless Chromium run (fresh profile, no network but 127.0.0.1)."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def screenshot(profile: Path, url: str, png: Path) -> Path:
    """Return ``png`` after saving a 1280×1600 screenshot of ``url`` into it."""
    chromium(profile, f"--screenshot={png}", "--window-size=1280,1600", url)
    assert png.stat().st_size > 10_000
    print(f"screenshot: {png}")
    return png


def test_search_then_open_the_article_with_the_finding_highlighted(server, tmp_path):
    profile = tmp_path / "profile"
    search_url = f"{server}/archive/search_findings?q=thach+ban"
    results = chromium(profile, "--dump-dom", search_url)
    screenshot(profile, search_url, tmp_path / "1-search.png")

    # The place is named in the title, not in the findings: every finding of the article is a hit,
    # each linking to its span in the article.
    links = re.findall(r'<a href="(/-/article/1\?finding=(\d+)#finding)">', results)
    assert len(links) == len(seed_article().findings) == 8
    first_link, first_id = links[0]
    row = re.search(r"<tr>.*?" + re.escape(first_link) + ".*?</tr>", results, re.S).group(0)
    label = re.search(r'class="col-label[^"]*">\s*(\w+)', row).group(1)

    article_url = server + html.unescape(first_link)
    page = chromium(profile, "--dump-dom", article_url)
    screenshot(profile, article_url, tmp_path / "2-article.png")
    marked = re.findall(r'<mark id="finding" data-finding="(\d+)">(.*?)</mark>', page, re.S)
    article = seed_article()
    finding = next(f for f in article.findings if html.escape(f.text, quote=False) == marked[0][1])
    assert marked == [(first_id, html.escape(finding.text, quote=False))]
    assert finding.label == label
    assert f"<title>{html.escape(article.title, quote=False)}</title>" in page
