"""Query latency of the archive at scale: p50/p95 of the common findings queries on N generated findings.

    python benchmarks/bench_queries.py                       # 1,000,000 findings in a temporary file
    python benchmarks/bench_queries.py --findings 100000 --db bench.db   # keep it; reused next time

The archive is generated, not extracted: finding texts are real sentences of
``corpora/findings/articles.jsonl`` and ``corpora/samples/`` cut at a comma near their middle and
recombined (a head of one sentence, the tail of another); titles are the real articles' titles; each
article is placed in a commune of either era drawn from the gazetteer (``pipeline.gazetteer``), with its
district before 2025; dates run from 2015 to 2026; labels and document numbers are drawn at random.
Rows go in with bulk inserts through the project's schema (``pipeline.store.schema.open_db``, its FTS
triggers included); the queries run through ``pipeline.store.query.findings`` (``giamsat findings``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from pipeline.gazetteer import COMMUNE_LEVELS, load_gazetteer
from pipeline.nlp.text import fold, normalize
from pipeline.store.query import FindingQuery, findings
from pipeline.store.schema import open_db
from pipeline.store.tags import document_tags, finding_tags, place_tokens

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "corpora" / "findings" / "articles.jsonl"
SAMPLES = ROOT / "corpora" / "samples"

LABELS = ("strength", "shortcoming", "recommendation")
LABEL_WEIGHTS = (35, 40, 25)
#: (type code, issuer code, Party style) of generated document numbers.
DOCUMENT_KINDS = (
    ("QĐ", "QU", True),
    ("KH", "UBND", False),
    ("CTr", "QU", True),
    ("TB", "HU", True),
    ("KL", "UBKT", True),
    ("QĐ", "UBND", False),
    ("BC", "SNV", False),
)
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2026, 12, 31)
BATCH_DOCUMENTS = 2000

#: The queries measured, by name: the common questions users ask the archive.
QUERIES: dict[str, FindingQuery] = {
    "text": FindingQuery(q="thủ tục hành chính"),
    "text + province + label": FindingQuery(q="thủ tục hành chính", locality="Hà Nội", label="shortcoming"),
    "text + district + label": FindingQuery(
        q="thủ tục hành chính", locality="quận Long Biên", label="shortcoming"
    ),
    "rare text + province + label": FindingQuery(q="chậm muộn", locality="Hà Nội", label="shortcoming"),
    "label + date range": FindingQuery(label="recommendation", since="2020-01-01", until="2020-12-31"),
    "locality alone (province)": FindingQuery(locality="Hà Nội"),
    "locality alone (ward)": FindingQuery(locality="phường Thạch Bàn"),
    "document number": FindingQuery(document="983-QĐ/QU"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
Half = tuple[str, str]  # (text, folded text); fold keeps lengths, so halves fold once and concatenate


def source_texts() -> Iterator[str]:
    """Yield the normalised texts of the findings corpus and of the seed samples."""
    with ARTICLES.open(encoding="utf-8") as lines:
        for line in lines:
            yield normalize(json.loads(line)["text"])
    for path in sorted(SAMPLES.glob("*.txt")):
        yield normalize(path.read_text(encoding="utf-8"))


def clause_halves(texts: list[str]) -> tuple[list[Half], list[Half]]:
    """Return the heads and tails of sentences cut at the comma nearest their middle, each with its fold."""
    heads: dict[str, None] = {}
    tails: dict[str, None] = {}
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            sentence = sentence.strip().rstrip(".;!?")
            commas = [m.start() for m in re.finditer(", ", sentence)]
            if not 40 <= len(sentence) <= 300 or not commas:
                continue
            cut = min(commas, key=lambda i: abs(i - len(sentence) / 2))
            heads[sentence[:cut]] = None
            tails[sentence[cut + 2 :]] = None
    return [(h, fold(h)) for h in heads], [(t, fold(t)) for t in tails]


def titles(texts: list[str]) -> list[Half]:
    """Return the first line of each source text that reads like a headline, with its fold."""
    firsts = {
        line.strip() for text in texts for line in text.splitlines()[:3] if 30 <= len(line.strip()) <= 200
    }
    return [(t, fold(t)) for t in sorted(firsts)]


def document_number(rng: random.Random) -> dict:
    """Return a document_refs row (without document_id) for a random number in either writing style."""
    type_code, issuer, party = rng.choice(DOCUMENT_KINDS)
    number, year = rng.randint(1, 999), rng.randint(2015, 2026)
    text = f"{number}-{type_code}/{issuer}" if party else f"{number}/{type_code}-{issuer}"
    return {
        "text": text,
        "number": str(number),
        "type_code": type_code,
        "issuer_code": issuer,
        "year": year,
        "codes_folded": fold(f"{type_code} {issuer}"),
    }


def generate(db: sqlite_utils.Database, n_findings: int, seed: int = 1) -> None:
    """Fill an empty archive with ``n_findings`` findings in articles of 4 to 12 findings each."""
    rng = random.Random(seed)
    texts = list(source_texts())
    heads, tails = clause_halves(texts)
    headlines = titles(texts)
    gazetteer = load_gazetteer()
    communes = [u for u in gazetteer if u.level in COMMUNE_LEVELS]
    days = (LAST_DAY - FIRST_DAY).days
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")
    batch: dict[str, list[dict]] = {
        t: [] for t in ("documents", "sources", "findings", "localities", "organizations", "document_refs")
    }
    finding_id = document_id = 0
    while finding_id < n_findings:
        document_id += 1
        unit = rng.choice(communes)
        places = [unit] + [p for p in gazetteer.ancestors(unit) if p.parent_code is not None]
        where = ", ".join(f"{p.level} {p.name}" for p in places) + f", {unit.province_name}"
        title, title_folded = rng.choice(headlines)
        lead = f"Đoàn giám sát làm việc với Đảng ủy {where}."
        text, folded = f"{title}\n\n{lead}\n\n", f"{title_folded}\n\n{fold(lead)}\n\n"
        place_tags = document_tags(place_tokens(p.era, p.code, p.name) for p in places)
        for position in range(min(rng.randint(4, 12), n_findings - finding_id)):
            finding_id += 1
            (head, head_folded), (tail, tail_folded) = rng.choice(heads), rng.choice(tails)
            finding, finding_folded = f"{head}, {tail}", f"{head_folded}, {tail_folded}"
            label = rng.choices(LABELS, LABEL_WEIGHTS)[0]
            batch["findings"].append(
                {
                    "id": finding_id,
                    "document_id": document_id,
                    "position": position,
                    "text": finding,
                    "text_folded": finding_folded,
                    "label": label,
                    "score": round(rng.uniform(0.5, 1.0), 4),
                    "start": len(text),
                    "stop": len(text) + len(finding),
                    "tags": finding_tags(label, place_tags),
                }
            )
            text, folded = f"{text}{finding}. ", f"{folded}{finding_folded}. "
        day = (FIRST_DAY + timedelta(days=rng.randint(0, days))).isoformat()
        batch["documents"].append(
            {
                "id": document_id,
                "content_hash": f"bench{document_id}",
                "title": title,
                "published": day,
                "date": day,
                "text": text,
                "title_folded": title_folded,
                "text_folded": folded,
                "tags": place_tags,
                "extraction_version": "bench",
            }
        )
        batch["sources"].append({"source": f"bench/{document_id}", "document_id": document_id})
        for place in places:
            batch["localities"].append(
                {
                    "document_id": document_id,
                    "text": f"{place.level} {place.name}",
                    "name": place.name,
                    "name_folded": fold(place.name),
                    "level": place.level,
                    "province": place.province_name,
                    "era": place.era,
                    "code": place.code,
                }
            )
        body = f"Đảng ủy {unit.level} {unit.name}"
        batch["organizations"].append(
            {"document_id": document_id, "text": body, "name": body, "name_folded": fold(body)}
        )
        for _ in range(rng.randint(1, 2)):
            batch["document_refs"].append({"document_id": document_id, **document_number(rng)})
        if document_id % BATCH_DOCUMENTS == 0 or finding_id >= n_findings:
            insert(db, batch)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def insert(db: sqlite_utils.Database, batch: dict[str, list[dict]]) -> None:
    """Insert and clear a batch of rows per table, in one transaction (documents first, for foreign keys)."""
    with db.conn:
        for table, rows in batch.items():
            if rows:
                columns = list(rows[0])
                db.conn.executemany(
                    f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [[row[c] for c in columns] for row in rows],
                )
            rows.clear()


def latencies(db: sqlite_utils.Database, query: FindingQuery, runs: int) -> tuple[int, list[float]]:
    """Return the rows a query yields and its wall times in ms over ``runs`` runs after one warm-up run."""
    count = len(list(findings(db, query)))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        list(findings(db, query))
        times.append((time.perf_counter() - start) * 1000)
    return count, times


def percentile(times: list[float], p: int) -> float:
    """Return the p-th percentile of ``times`` (inclusive method, so it lies within the data)."""
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1]


def size_mb(path: Path) -> float:
    """Return the database's size on disk in MB, WAL and shared-memory files included."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the archive, then print a table of query latencies and the database size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=1_000_000, help="findings to generate")
    parser.add_argument(
        "--db", type=Path, help="archive file; reused when it exists (default: a temporary file)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--limit", type=int, default=20, help="findings per query, as one page (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp, "bench.db")
        fresh = not path.exists()
        db = open_db(str(path))
        if fresh:
            start = time.perf_counter()
            generate(db, args.findings, args.seed)
            print(f"generated {args.findings:,} findings in {time.perf_counter() - start:.0f} s")
        counts = {t: db[t].count for t in ("documents", "findings", "localities", "document_refs")}
        print(
            ", ".join(f"{n:,} {t}" for t, n in counts.items()) + f"; {size_mb(path):,.0f} MB on disk ({path})"
        )
        limit = args.limit or "none"
        print(f"{args.runs} runs per query after a warm-up, limit {limit}, {os.cpu_count()} CPUs\n")
        print(f"{'query':32} {'rows':>8} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
        for name, query in QUERIES.items():
            query.limit = args.limit or None
            count, times = latencies(db, query, args.runs)
            p50, p95 = percentile(times, 50), percentile(times, 95)
            print(f"{name:32} {count:>8,} {p50:>9.1f} {p95:>9.1f} {max(times):>9.1f}")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
