"""Review the findings the model is least sure of, in an annotation tool, and feed the corrections back.

The loop (``giamsat review``): ``least_certain`` lists the archive's findings with the lowest score
(the probability of the predicted label); ``export_for_annotation`` writes them for Label Studio
(JSON tasks with the prediction pre-filled, plus the labelling config) or doccano (text
classification JSONL, plus its label file); ``import_corrections`` reads the tool's export back and
records the corrected labels in the findings corpus (``labels/review.jsonl``), which ``giamsat
train`` reads with every other label file.

How a correction becomes training data (``pipeline.classify.corpus``): an annotated article's
segments that match one of its findings take that finding's label, every other segment is "none".
So a review line lists *all* the findings of its article:

- an article already annotated by hand starts from its hand annotation (the line that
  ``load_annotated`` would use), corrected;
- an article new to the corpus is added to ``articles.jsonl`` (``source`` "review") and starts
  from the archive's findings for it, marked ``"reviewed": false`` (the model's labels, kept so
  that training does not turn every unreviewed finding of the article into "none").

A reviewed finding carries ``"reviewed": true``. A correction to "none" removes the finding from
the line (so its segment is trained as "none") and is kept in the line's ``not_findings`` so the
decision is on record. The seed articles (the end-to-end test set, never trained on) are skipped,
and nothing is ever written under a ``gold`` folder.
"""

from __future__ import annotations

import json
import os
import re
import reprlib
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline.model import FINDING_LABELS, NOT_A_FINDING

#: the choices offered to the annotator, in the tools' display order
CHOICES = (*FINDING_LABELS, NOT_A_FINDING)
FORMATS = ("label-studio", "doccano")
#: the file the corrections go to, under ``<corpus>/labels/``
REVIEW_FILE = "review.jsonl"
#: ``source`` of an article added to the corpus from the archive
REVIEW_SOURCE = "review"
#: characters of the article shown on each side of a finding (cut back to a sentence or word)
CONTEXT_CHARS = 300
#: Label Studio control names (the config's ``Choices name`` and the ``Text name`` it labels)
LS_FROM_NAME = "label"
LS_TO_NAME = "text"
_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"”’)\]»]*\s+|\n+)")


class ReviewError(ValueError):
    """A review cannot be exported or imported (unknown format, bad target folder)."""


class ReviewImportError(ReviewError):
    """The annotated file is malformed or empty: bad JSON, unknown label, or a finding not in the archive."""


class SeedArticleWarning(UserWarning):
    """Corrections to a seed article were skipped: the seeds are the test set, never trained on."""


def _database(db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    """Return the archive ``db`` as a database (a path is opened, and migrated, like ``pipeline.findings``)."""
    if isinstance(db, (str, Path)):
        from pipeline.store.schema import open_db

        return open_db(str(db))
    return db


def _context(window: str, offset: int, length: int, at_start: bool, at_end: bool) -> str:
    """Return ``window`` around ``window[offset:offset + length]`` cut back to whole sentences.

    ``at_start``/``at_end`` say whether the window reaches the article's start or end. Where no
    whole sentence fits on a side, the cut falls between words and is marked with "…".
    """
    before, after = window[:offset], window[offset + length :]
    if not at_start:
        first = _SENTENCE_END.search(before)
        if first and before[first.end() :].strip():
            before = before[first.end() :]
        else:
            space = before.find(" ")
            before = "…" + before[space + 1 :] if space >= 0 else "…"
    if not at_end:
        ends = [m for m in _SENTENCE_END.finditer(after) if after[: m.start()].strip()]
        if ends:
            after = after[: ends[-1].start()] + ends[-1].group().rstrip()
        else:
            space = after.rfind(" ")
            after = (after[:space] if space > 0 else "") + "…"
    return (before + window[offset : offset + length] + after).strip()


def decided_findings(db: str | Path | sqlite_utils.Database, corpus_dir: Path) -> set[int]:
    """Return the ids of the archive's findings whose label the findings corpus already settles.

    A review round should show what nobody has checked yet. An article annotated by hand settles
    every sentence of it (what is not annotated there is "none"), so all its findings are decided; a
    review line that still keeps model labels (``"reviewed": false``, an article new to the corpus)
    settles only its reviewed findings and its ``not_findings``. Archive documents are matched to
    corpus articles by content hash.
    """
    from pipeline.ingest.dedup import content_hash

    database = _database(db)
    articles = {content_hash(a["text"]): a for a in _jsonl(Path(corpus_dir) / "articles.jsonl")}
    annotations = _current_annotations(Path(corpus_dir))
    decided: set[int] = set()
    documents = database.query(
        "SELECT id, content_hash FROM documents WHERE content_hash IN (SELECT value FROM json_each(?))",
        [json.dumps([h for h, a in articles.items() if a["id"] in annotations])],
    )
    for doc in list(documents):
        article = articles[doc["content_hash"]]
        _, record = annotations[article["id"]]
        findings = record.get("findings") or []
        settled = [f for f in findings if f.get("reviewed") is not False] + (record.get("not_findings") or [])
        whole = all(f.get("reviewed") is not False for f in findings)
        for finding in database.query("SELECT id, text FROM findings WHERE document_id = ?", [doc["id"]]):
            if whole or _find(settled, finding["text"], article["text"]) is not None:
                decided.add(finding["id"])
    return decided


def least_certain(
    db: str | Path | sqlite_utils.Database,
    limit: int = 50,
    label: str | None = None,
    *,
    context_chars: int = CONTEXT_CHARS,
    skip: Iterable[int] = (),
) -> list[dict]:
    """Return the archive's findings the model is least sure of, lowest score first (ties by id).

    Each row: ``id``, ``document_id``, ``text``, ``label``, ``score``, ``leadin``, ``title``,
    ``start``, ``stop``, ``context`` (the finding with up to ``context_chars`` characters of its
    article on each side, cut at a sentence or word end) and ``model_version`` (the extraction
    version that produced it). ``label`` keeps only findings predicted with that label; the
    findings whose ids are in ``skip`` (``decided_findings``: already reviewed) are left out.
    """
    if label is not None and label not in FINDING_LABELS:
        raise ReviewError(f"unknown label {label!r}: expected one of {', '.join(FINDING_LABELS)}")
    database = _database(db)
    conditions = ["f.id NOT IN (SELECT value FROM json_each(:skip))"]
    params = {"limit": int(limit), "w": int(context_chars), "skip": json.dumps(sorted(skip))}
    if label is not None:
        conditions.append("f.label = :label")
        params["label"] = label
    where = "WHERE " + " AND ".join(conditions)
    # the span's start, else where the text first occurs (older rows without offsets); 0-based
    begin = "COALESCE(f.start, instr(d.text, f.text) - 1)"
    sql = f"""
        SELECT f.id, f.document_id, f.text, f.label, f.score, f.leadin, d.title,
               {begin} AS start, COALESCE(f.stop, {begin} + length(f.text)) AS stop,
               d.extraction_version AS model_version, length(d.text) AS doc_length,
               max({begin} - :w, 0) AS window_start,
               substr(d.text, max({begin} - :w, 0) + 1, {begin} - max({begin} - :w, 0) + length(f.text) + :w)
                   AS window
        FROM findings f JOIN documents d ON d.id = f.document_id
        {where}
        ORDER BY f.score ASC, f.id ASC
        LIMIT :limit
    """
    rows = []
    for row in database.query(sql, params):
        window, window_start, doc_length = row.pop("window"), row.pop("window_start"), row.pop("doc_length")
        if row["start"] is None or row["start"] < 0:
            row["start"] = row["stop"] = None
            row["context"] = row["text"]
        else:
            offset = row["start"] - window_start
            length = row["stop"] - row["start"]
            at_end = window_start + len(window) >= doc_length
            row["context"] = _context(window, offset, length, window_start == 0, at_end)
        rows.append(row)
    return rows


def label_studio_config() -> str:
    """Return the Label Studio labelling config (XML) that matches the exported tasks."""
    choices = "\n".join(f'    <Choice value="{c}"/>' for c in CHOICES)
    return (
        "<View>\n"
        '  <Header value="$title"/>\n'
        '  <Text name="context" value="$context"/>\n'
        '  <Header value="Lead-in" size="6"/>\n'
        '  <Text name="leadin" value="$leadin"/>\n'
        '  <Header value="Finding" size="6"/>\n'
        f'  <Text name="{LS_TO_NAME}" value="$text"/>\n'
        f'  <Choices name="{LS_FROM_NAME}" toName="{LS_TO_NAME}" choice="single" showInline="true">\n'
        f"{choices}\n"
        "  </Choices>\n"
        "</View>\n"
    )


def doccano_labels() -> list[dict]:
    """Return doccano's label file for the choices (Project > Labels > Import)."""
    colors = {"strength": "#2E7D32", "shortcoming": "#C62828", "recommendation": "#1565C0", "none": "#757575"}
    keys = {"strength": "s", "shortcoming": "h", "recommendation": "r", "none": "n"}
    return [
        {
            "text": c,
            "prefix_key": None,
            "suffix_key": keys[c],
            "background_color": colors[c],
            "text_color": "#ffffff",
        }
        for c in CHOICES
    ]


def _meta(row: dict) -> dict:
    """Return what travels with a finding through the tool and identifies it on the way back."""
    return {
        "finding_id": row["id"],
        "document_id": row["document_id"],
        "title": row.get("title") or "",
        "leadin": row.get("leadin") or "",
        "context": row.get("context") or row["text"],
        "predicted": row["label"],
        "score": row["score"],
    }


def label_studio_task(row: dict) -> dict:
    """Return one Label Studio task (JSON import) for a finding, its predicted label pre-filled."""
    result = {
        "from_name": LS_FROM_NAME,
        "to_name": LS_TO_NAME,
        "type": "choices",
        "value": {"choices": [row["label"]]},
    }
    return {
        "data": {"text": row["text"], **_meta(row)},
        "predictions": [
            {
                "model_version": row.get("model_version") or "giamsat",
                "score": row["score"],
                "result": [result],
            }
        ],
    }


def doccano_record(row: dict) -> dict:
    """Return one doccano text-classification record (JSONL import) for a finding, its label pre-filled."""
    return {"text": row["text"], "label": [row["label"]], **_meta(row)}


def _write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def config_path(out: Path, fmt: str) -> Path:
    """Return where the tool's label set is written beside an export ``out``."""
    out = Path(out)
    if fmt == "label-studio":
        return out.with_name(f"{out.stem}.label_config.xml")
    return out.with_name(f"{out.stem}.labels.json")


def export_for_annotation(rows: Iterable[dict], out: Path, fmt: str = "label-studio") -> int:
    """Return how many findings were written to ``out`` for annotation, in ``fmt``.

    "label-studio": a JSON list of tasks (data and a prediction) for Label Studio's import, with
    the labelling config beside it (``<stem>.label_config.xml``). "doccano": JSON lines for a
    doccano text-classification project, with its label file beside it (``<stem>.labels.json``).
    """
    if fmt not in FORMATS:
        raise ReviewError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out = Path(out)
    rows = list(rows)
    if fmt == "label-studio":
        tasks = [label_studio_task(r) for r in rows]
        _write_text(out, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
        _write_text(config_path(out, fmt), label_studio_config())
    else:
        lines = [json.dumps(doccano_record(r), ensure_ascii=False) for r in rows]
        _write_text(out, "".join(line + "\n" for line in lines))
        _write_text(config_path(out, fmt), json.dumps(doccano_labels(), ensure_ascii=False, indent=1) + "\n")
    return len(rows)


# --- reading the annotated export back -------------------------------------------------------


def _records(path: Path) -> list[dict]:
    """Return the records of an export: a JSON list (Label Studio) or JSON lines (doccano).

    Bad JSON raises ``ReviewImportError`` naming the file and line; so does an export with no
    task at all (an empty file or list), which is more likely the wrong file than a finished review.
    """
    from pipeline.classify.corpus import CorpusError, parse_jsonl

    raw = Path(path).read_text(encoding="utf-8-sig")  # Windows tools may write a byte-order mark
    if raw.lstrip().startswith("["):
        try:
            records = json.loads(raw)
        except json.JSONDecodeError as err:
            raise ReviewImportError(f"{path}:{err.lineno}: {err}") from err
    else:
        try:
            records = parse_jsonl(raw, path)
        except CorpusError as err:
            raise ReviewImportError(str(err)) from err
    if not records:
        raise ReviewImportError(f"no corrections in {path}: the export is empty")
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise ReviewImportError(f"{path}: task {number}: expected JSON objects, one per task")
    return records


def _choices(value: Any, where: str) -> list[str]:
    """Return the labels of a label field: a string, a list, or Label Studio's ``{"choices": [...]}``."""
    if isinstance(value, dict):
        value = value.get("choices")
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    raise ReviewImportError(f"{where}: a label is a string or a list of them, not {reprlib.repr(value)}")


def _label_studio_choices(task: dict, where: str) -> list[str] | None:
    """Return the choices of a Label Studio task's latest kept annotation, or None when it has none."""
    kept = task.get("annotations") or task.get("completions") or []
    if not isinstance(kept, list):
        raise ReviewImportError(f"{where}: annotations are a list, not {reprlib.repr(kept)}")
    annotations = [
        (str(a.get("updated_at") or a.get("created_at") or ""), i, a)
        for i, a in enumerate(kept)
        if isinstance(a, dict) and not a.get("was_cancelled")
    ]
    if not annotations:
        return None
    result = max(annotations, key=lambda t: t[:2])[2].get("result") or []
    if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
        raise ReviewImportError(
            f"{where}: an annotation's result is a list of objects, not {reprlib.repr(result)}"
        )
    results = [r for r in result if r.get("type") == "choices"]
    named = [r for r in results if r.get("from_name") == LS_FROM_NAME] or results
    return _choices(named[0].get("value"), where) if named else None


def _document_id(value: Any, where: str) -> int:
    """Return a correction's ``document_id`` as a number (a number in a string is one too)."""
    if not isinstance(value, bool) and not (isinstance(value, float) and not value.is_integer()):
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            pass
    raise ReviewImportError(
        f"{where}: document_id {reprlib.repr(value)} is not a number (not a giamsat review export?)"
    )


def read_corrections(path: Path) -> list[dict]:
    """Return the annotated findings of an export: ``finding_id``, ``document_id``, ``text``, ``label``.

    Reads Label Studio's JSON export (``annotations[].result[].value.choices``, the latest
    annotation that was not cancelled), its JSON-MIN export, and doccano's JSONL export
    (``label``, metadata at the top level or under ``meta``). Tasks nobody annotated are left
    out; when a finding is annotated twice, the later task wins.
    """
    found: dict[tuple[int, str], dict] = {}
    for number, record in enumerate(_records(path), 1):
        where = f"{path}: task {number}"
        if isinstance(record.get("data"), dict):  # Label Studio's JSON export
            data, labels = record["data"], _label_studio_choices(record, where)
        else:  # doccano's JSONL, or Label Studio's JSON-MIN: the data's fields at the top level
            data = {**(record.get("meta") if isinstance(record.get("meta"), dict) else {}), **record}
            labels = _choices(data.get("label", data.get("labels")), where)
        if not labels:
            continue
        if len(labels) > 1:
            raise ReviewImportError(f"{where}: one label expected, got {labels}")
        if labels[0] not in CHOICES:
            raise ReviewImportError(
                f"{where}: unknown label {labels[0]!r} (expected one of {', '.join(CHOICES)})"
            )
        text = data.get("text")
        if not isinstance(text, str) or data.get("document_id") is None:
            raise ReviewImportError(f"{where}: no finding text or document_id (not a giamsat review export?)")
        leadin = data.get("leadin") or None
        if leadin is not None and not isinstance(leadin, str):
            raise ReviewImportError(f"{where}: leadin {reprlib.repr(leadin)} is not text")
        item = {
            "finding_id": data.get("finding_id"),
            "document_id": _document_id(data["document_id"], where),
            "text": text,
            "label": labels[0],
            "leadin": leadin,
        }
        found[(item["document_id"], text)] = item
    return list(found.values())


# --- writing corrections into the findings corpus --------------------------------------------


def _jsonl(path: Path) -> list[dict]:
    """Return the records of a corpus JSON-lines file ([] when it does not exist yet).

    A malformed line raises ``CorpusError`` naming the file and line, as ``giamsat train`` does.
    """
    from pipeline.classify.corpus import read_jsonl

    return read_jsonl(path) if path.is_file() else []


def _current_annotations(corpus_dir: Path) -> dict[str, tuple[str, dict]]:
    """Return, per article id, the label file and record that training uses (the last file by name wins)."""
    from pipeline.classify.corpus import label_files

    return {
        record.get("id"): (path.name, record) for path in label_files(corpus_dir) for record in _jsonl(path)
    }


def _verbatim(text: str, article: str) -> str | None:
    """Return ``text`` if it occurs in ``article``, else the article's segment it best matches, else None."""
    if text in article:
        return text
    from pipeline.nlp.findings import match_findings, segment_findings

    segments = [s.text for s in segment_findings(article)]
    pairs = match_findings([text], segments)
    return segments[pairs[0][1]] if pairs else None


def _find(items: list[dict], text: str, article: str) -> int | None:
    """Return the index of the item with ``text``, else of the one it overlaps by half (``match_findings``).

    Only an item lying over the same characters of ``article`` can be the same finding: two
    sentences sharing most of their words ("thực hiện có hiệu quả ... theo cơ chế một cửa") are not.
    """
    for i, item in enumerate(items):
        if item["text"] == text:
            return i
    from pipeline.nlp.findings import match_findings

    start = article.find(text)
    end = start + len(text)
    near = [
        i
        for i, item in enumerate(items)
        if (at := article.find(item["text"])) >= 0
        and start >= 0
        and at < end
        and start < at + len(item["text"])
    ]
    pairs = match_findings([text], [items[i]["text"] for i in near])
    return near[pairs[0][1]] if pairs else None


def _apply(record: dict, correction: dict, article: str) -> None:
    """Record one reviewed label in an article's label record (findings and ``not_findings``)."""
    findings, rejected = record["findings"], record["not_findings"]
    text, label = correction["text"], correction["label"]
    stale = _find(rejected, text, article)
    if stale is not None:
        rejected.pop(stale)
    index = _find(findings, text, article)
    if label == NOT_A_FINDING:
        if index is not None:
            findings.pop(index)
        rejected.append({"text": text, "leadin": correction["leadin"]})
    elif index is not None:
        findings[index] = {**findings[index], "label": label, "reviewed": True}
    else:
        findings.append({"text": text, "label": label, "leadin": correction["leadin"], "reviewed": True})


def _seed_texts(corpus_dir: Path) -> list[str]:
    """Return the seed articles' texts that training leaves out (``samples/`` beside the corpus)."""
    from pipeline.classify.train import seeds_beside

    return [text for text, _ in seeds_beside(corpus_dir)]


def import_corrections(
    path: Path,
    db: str | Path | sqlite_utils.Database,
    corpus_dir: Path,
    *,
    annotator: str = "review",
) -> int:
    """Return how many reviewed findings from the export at ``path`` were recorded in ``corpus_dir``.

    Every correction is checked against the archive ``db`` before anything is written (a
    malformed file raises ``ReviewImportError`` and changes nothing). Each reviewed article gets
    one line in ``labels/review.jsonl`` (merged with its line there, if any); an article new to the
    corpus is appended to ``articles.jsonl``. Corrections to seed articles are skipped with a
    ``SeedArticleWarning``.
    """
    from pipeline.classify.corpus import is_seed, shingles
    from pipeline.ingest.dedup import content_hash

    corpus_dir = Path(corpus_dir)
    if "gold" in corpus_dir.resolve().parts:
        raise ReviewError(f"{corpus_dir}: corrections never go into the gold annotations")
    database = _database(db)
    corrections = read_corrections(Path(path))
    by_document: dict[int, list[dict]] = {}
    documents: dict[int, dict] = {}
    for c in corrections:
        doc = documents.get(c["document_id"]) or next(
            database["documents"].rows_where(
                "id = ?", [c["document_id"]], select="id, title, text, content_hash"
            ),
            None,
        )
        if doc is None:
            raise ReviewImportError(f"{path}: document {c['document_id']} is not in the archive")
        if c["text"] not in doc["text"]:
            raise ReviewImportError(f"{path}: finding {c['text'][:60]!r} is not in document {doc['id']}")
        documents[doc["id"]] = doc
        by_document.setdefault(doc["id"], []).append(c)

    seeds = [shingles(t) for t in _seed_texts(corpus_dir)]
    articles_path, review_path = corpus_dir / "articles.jsonl", corpus_dir / "labels" / REVIEW_FILE
    articles = _jsonl(articles_path)
    by_hash = {content_hash(a["text"]): a for a in articles}
    lines = _jsonl(review_path)
    line_of = {r.get("id"): i for i, r in enumerate(lines)}
    annotations = _current_annotations(corpus_dir)
    new_articles: list[dict] = []
    recorded, skipped, shadowed = 0, [], []
    for document_id, items in by_document.items():
        doc = documents[document_id]
        if is_seed(doc["text"], seeds):
            skipped.append(document_id)
            continue
        article = by_hash.get(doc["content_hash"]) or by_hash.get(content_hash(doc["text"]))
        if article is None:
            article = {"id": f"review/{doc['content_hash'][:16]}", "source": REVIEW_SOURCE}
            article |= {"title": doc["title"], "text": doc["text"]}
            by_hash[doc["content_hash"]] = article
            new_articles.append(article)
        source, current = annotations.get(article["id"], (None, None))
        if source is not None and source > REVIEW_FILE:
            shadowed.append(f"{article['id']} ({source})")
        if current is None:  # new to the corpus: start from the archive's (unreviewed) findings
            rows = database.query(
                "SELECT text, label, leadin FROM findings WHERE document_id = ? ORDER BY position, id",
                [document_id],
            )
            unreviewed = [
                {**r, "text": _verbatim(r["text"], article["text"]), "reviewed": False} for r in rows
            ]
            current = {"findings": [f for f in unreviewed if f["text"] is not None]}
        record = {
            "id": article["id"],
            "annotator": annotator,
            "findings": [dict(f) for f in current.get("findings") or []],
            "not_findings": [dict(f) for f in current.get("not_findings") or []],
        }
        for c in items:
            text = _verbatim(c["text"], article["text"])
            if text is None:
                raise ReviewImportError(
                    f"{path}: finding {c['text'][:60]!r} is not in corpus article {article['id']}"
                )
            _apply(record, {**c, "text": text}, article["text"])
            recorded += 1
        record["findings"].sort(key=lambda f: max(article["text"].find(f["text"]), 0))
        if article["id"] in line_of:
            lines[line_of[article["id"]]] = record
        else:
            line_of[article["id"]] = len(lines)
            lines.append(record)

    if skipped:
        warnings.warn(
            f"corrections to seed articles skipped (the test set, never trained on): documents {skipped}",
            SeedArticleWarning,
            stacklevel=2,
        )
    if shadowed:
        warnings.warn(
            f"label files after {REVIEW_FILE} annotate these articles again and win in training: {shadowed}",
            stacklevel=2,
        )
    if new_articles:
        existing = articles_path.read_text(encoding="utf-8") if articles_path.is_file() else ""
        if existing and not existing.endswith("\n"):
            existing += "\n"
        added = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in new_articles)
        _write_text(articles_path, existing + added)
    if recorded:
        _write_text(review_path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))
    return recorded
