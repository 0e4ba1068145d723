"""Gold annotation files (``corpora/gold/**/*.json``): loading them, and exporting them as spaCy data.

The format and the annotation rules are in ``corpora/gold/GUIDE.md``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from spacy.tokens import DocBin

from pipeline.ingest.files import iter_documents
from pipeline.model import RawDocument
from pipeline.nlp.doc import gold_doc, gold_entries
from pipeline.nlp.text import normalize
from pipeline.nlp.tokens import vietnamese
from pipeline.paths import REPO_ROOT

log = logging.getLogger(__name__)


def load_gold(gold_dir: Path) -> list[tuple[dict, RawDocument]]:
    """Return (gold annotation, document to analyse) pairs for every gold file under ``gold_dir``."""
    pairs = []
    for path in sorted(gold_dir.rglob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "text" in gold:
            doc = RawDocument(source=gold.get("source", str(path)), text=gold["text"], url=gold.get("url"))
        else:
            item = next(iter(iter_documents([REPO_ROOT / gold["source"]])))
            if not isinstance(item, RawDocument):
                raise ValueError(f"gold source {gold['source']} cannot be read: {item.reason}")
            doc = item
        pairs.append((gold, doc))
    return pairs


def training_examples(gold_dir: Path) -> DocBin:
    """Return spaCy training data: a Doc per gold file under ``gold_dir``, annotated from its entries.

    The text is the one ``analyze`` sees (the loaded document, normalised). Entries that cannot be
    located are logged with their count and kept in each Doc's ``doc._.unlocated``.
    """
    nlp = vietnamese()
    docs = DocBin(store_user_data=True)
    entries = missing = 0
    for gold, raw in load_gold(gold_dir):
        doc = gold_doc(gold, normalize(raw.text), nlp)
        doc._.article_source = gold.get("source") or gold.get("id")
        entries += sum(1 for _ in gold_entries(gold))
        missing += len(doc._.unlocated)
        for entry in doc._.unlocated:
            log.info("%s: not located: %s", doc._.article_source, entry)
        docs.add(doc)
    if missing:
        log.warning("%d of %d gold entries could not be located in their text", missing, entries)
    return docs


def export_training_data(gold_dir: Path, out: Path) -> int:
    """Write the gold articles under ``gold_dir`` to ``out`` as a spaCy DocBin; return the number of docs."""
    docs = training_examples(gold_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(out)
    return len(docs)
