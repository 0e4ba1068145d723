"""Main-text extraction on real news pages: token precision/recall/F1 against hand-made gold, and speed.

    python benchmarks/bench_html_extraction.py

Compares ``pipeline.ingest.html.extract_html`` with trafilatura's defaults and BeautifulSoup's get_text on the
pages listed in ``corpora/html_gold`` (see its README). Pages come from ``$GIAMSAT_CORPORA`` (default
``../shared/corpora``); the script exits with a message when they are absent. Tokens are words of the folded
text (no accents, lower case), counted as a multiset.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from lxml import html as lxml_html

from pipeline.ingest.html import _trafilatura, block_paragraphs, extract_html
from pipeline.nlp.text import fold
from pipeline.paths import shared_corpora

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "html_gold"
CORPORA = shared_corpora()


def gold_text(spec: dict, page: bytes) -> str:
    """Return the gold main text a spec selects from its page, or raise ValueError if it no longer matches."""
    tree = lxml_html.document_fromstring(page)
    for element in list(tree.iter("script", "style", "noscript")):
        element.drop_tree()
    paragraphs = list(block_paragraphs(tree.xpath(spec["container"])[0]))
    head = [tree.xpath(spec["headline"])[0].text_content().strip()] if spec["headline"] else []
    text = "\n\n".join(head + [paragraphs[i] for i in spec["paragraphs"]])
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != spec["sha256"]:
        raise ValueError(f"gold for {spec['page']} no longer matches its page")
    return text


def tokens(text: str) -> Counter[str]:
    """Return the multiset of folded word tokens."""
    return Counter(fold(text).split()) if text else Counter()


def prf(found: str, gold: str) -> tuple[float, float, float]:
    """Return token precision, recall and F1 of ``found`` against ``gold``."""
    got, want = tokens(found), tokens(gold)
    common = sum((got & want).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(want.values()))
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def systems() -> dict[str, Callable[[bytes], str]]:
    """Return the extractors to compare, by name (trafilatura only when it can be imported)."""
    out: dict[str, Callable[[bytes], str]] = {
        "extract_html": lambda page: extract_html(page).text,
        "bs4 get_text": lambda page: BeautifulSoup(page, "lxml").get_text("\n"),
    }
    engine = _trafilatura()
    if engine is not None:
        out["trafilatura"] = lambda page: engine.extract(page.decode("utf-8")) or ""
    return out


def main() -> int:
    """Print a table of per-page and mean P/R/F1 and the time per page for each system."""
    specs = sorted(GOLD.glob("*.json"))
    if not (CORPORA / "html-vn-news-pages-2012-myfeed").is_dir():
        print(f"pages not found under {CORPORA} (set GIAMSAT_CORPORA); nothing to measure")
        return 1
    compared = systems()
    if "trafilatura" not in compared:
        print("trafilatura cannot be imported here: extract_html runs its built-in extractor only\n")
    totals: dict[str, list[tuple[float, float, float]]] = {name: [] for name in compared}
    seconds: dict[str, float] = dict.fromkeys(compared, 0.0)
    print(f"{'page':<12}" + "".join(f"{name:>26}" for name in compared))
    for path in specs:
        spec = json.loads(path.read_text(encoding="utf-8"))
        page = (CORPORA / spec["page"]).read_bytes()
        gold = gold_text(spec, page)
        row = f"{path.stem:<12}"
        for name, extract in compared.items():
            start = time.perf_counter()
            found = extract(page)
            seconds[name] += time.perf_counter() - start
            scores = prf(found, gold)
            totals[name].append(scores)
            row += "{:>26}".format("P {:.2f} R {:.2f} F {:.2f}".format(*scores))
        print(row)
    print(
        f"{'mean':<12}"
        + "".join(
            "{:>26}".format(
                "P {:.2f} R {:.2f} F {:.2f}".format(
                    *(sum(s[i] for s in totals[n]) / len(specs) for i in range(3))
                )
            )
            for n in compared
        )
    )
    print(f"{'ms/page':<12}" + "".join(f"{1000 * seconds[n] / len(specs):>26.1f}" for n in compared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
