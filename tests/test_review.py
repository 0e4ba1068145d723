"""The review loop: least certain findings, export for Label Studio / doccano, corrections back into training."""

from __future__ import annotations

import json
import re
import shutil
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import pipeline
from pipeline.classify.corpus import article_examples, load_annotated, training_set
from pipeline.classify.review import (
    CHOICES,
    LS_FROM_NAME,
    LS_TO_NAME,
    REVIEW_FILE,
    ReviewError,
    ReviewImportError,
    SeedArticleWarning,
    config_path,
    decided_findings,
    export_for_annotation,
    import_corrections,
    least_certain,
)
from pipeline.store.schema import open_db

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpora" / "samples"
OTHER = {"id": "other/1", "source": "test", "title": "Khác", "text": "Đoàn kiểm tra đã làm việc tại xã."}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> str:
    """Return the path of an archive built from the seed articles (once for the module)."""
    path = str(tmp_path_factory.mktemp("archive") / "giamsat.db")
    report = pipeline.run([str(SAMPLES)], path)
    assert report.added == 5 and not report.failures
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Return a tiny findings corpus: one hand-annotated article in ``labels/batch1.jsonl``."""
    folder = tmp_path / "findings"
    (folder / "labels").mkdir(parents=True)
    (folder / "articles.jsonl").write_text(json.dumps(OTHER, ensure_ascii=False) + "\n", encoding="utf-8")
    batch = {"id": OTHER["id"], "annotator": "a", "findings": []}
    (folder / "labels" / "batch1.jsonl").write_text(json.dumps(batch) + "\n", encoding="utf-8")
    return folder


def _labelled(corpus: Path) -> dict[str, dict[str, str]]:
    """Return, per annotated article the loader keeps, the training label of each segment's text."""
    out = {}
    for article in load_annotated(corpus):
        examples, labels = article_examples(article)
        out[article.id] = {x.text: y for x, y in zip(examples, labels, strict=True)}
    return out


def _first_per_document(rows: list[dict], n: int) -> list[dict]:
    """Return ``n`` rows of ``rows`` from ``n`` different documents (lowest score first)."""
    picked, seen = [], set()
    for row in rows:
        if row["document_id"] not in seen:
            picked.append(row)
            seen.add(row["document_id"])
    return picked[:n]


# --- least_certain ---------------------------------------------------------------------------


def test_least_certain_lists_lowest_scores_first_with_context(archive):
    rows = least_certain(archive, limit=10)
    assert len(rows) == 10
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores)
    db = open_db(archive)
    lowest = next(db.query("SELECT min(score) AS s FROM findings"))["s"]
    assert scores[0] == lowest
    for row in rows:
        assert {"id", "document_id", "text", "label", "score", "leadin", "title", "context"} <= set(row)
        doc = db["documents"].get(row["document_id"])
        assert doc["text"][row["start"] : row["stop"]] == row["text"]
        assert row["text"] in row["context"] and len(row["context"]) > len(row["text"])
        assert row["title"] == doc["title"]
        assert row["model_version"] == doc["extraction_version"]


def test_least_certain_context_is_cut_at_sentence_or_word_ends(archive):
    db = open_db(archive)
    for row in least_certain(db, limit=30, context_chars=80):
        text = db["documents"].get(row["document_id"])["text"]
        core = row["context"].strip("…")
        assert core in text, row["context"]
        begin = text.index(core)
        # the context starts at the article's start, after a sentence end, or at a word start marked "…"
        assert begin == 0 or text[begin - 1] in " \n" or row["context"].startswith("…")


def test_least_certain_filters_by_label_and_rejects_unknown_labels(archive):
    rows = least_certain(archive, limit=100, label="recommendation")
    assert rows and {r["label"] for r in rows} == {"recommendation"}
    with pytest.raises(ReviewError, match="weakness"):
        least_certain(archive, label="weakness")


# --- export ----------------------------------------------------------------------------------


def test_label_studio_export_matches_its_labelling_config(archive, tmp_path):
    rows = least_certain(archive, limit=5)
    out = tmp_path / "review.json"
    assert export_for_annotation(rows, out) == 5
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["finding_id"] for t in tasks] == [r["id"] for r in rows]
    first = tasks[0]
    assert first["data"]["text"] == rows[0]["text"] and first["data"]["context"] == rows[0]["context"]
    assert first["data"]["document_id"] == rows[0]["document_id"]
    prediction = first["predictions"][0]
    assert prediction["score"] == rows[0]["score"] and prediction["model_version"]
    assert prediction["result"] == [
        {"from_name": "label", "to_name": "text", "type": "choices", "value": {"choices": [rows[0]["label"]]}}
    ]
    config = ET.fromstring(config_path(out, "label-studio").read_text(encoding="utf-8"))
    choices = config.find("Choices")
    assert choices.get("name") == LS_FROM_NAME and choices.get("toName") == LS_TO_NAME
    assert [c.get("value") for c in choices.findall("Choice")] == list(CHOICES)
    # every $variable of the config is in every task's data
    variables = {e.get("value")[1:] for e in config.iter() if (e.get("value") or "").startswith("$")}
    assert all(variables <= set(t["data"]) for t in tasks)
    assert LS_TO_NAME in {e.get("name") for e in config.iter("Text")}


def test_doccano_export_is_jsonl_with_label_lists(archive, tmp_path):
    rows = least_certain(archive, limit=3)
    out = tmp_path / "review.jsonl"
    assert export_for_annotation(rows, out, fmt="doccano") == 3
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["label"] for r in records] == [[r["label"]] for r in rows]
    assert records[0]["text"] == rows[0]["text"] and records[0]["finding_id"] == rows[0]["id"]
    labels = json.loads(config_path(out, "doccano").read_text(encoding="utf-8"))
    assert [label["text"] for label in labels] == list(CHOICES)
    with pytest.raises(ReviewError, match="prodigy"):
        export_for_annotation(rows, out, fmt="prodigy")


# --- round trips: export, annotate, import, the training loader sees it ----------------------


def _label_studio_annotated(export: Path, labels: dict[int, str]) -> Path:
    """Return a Label Studio JSON export of ``export`` where finding ``id`` got ``labels[id]``.

    Tasks get an id and annotations as Label Studio writes them; a cancelled annotation with
    another label is added to each, and tasks not in ``labels`` stay unannotated.
    """
    tasks = json.loads(export.read_text(encoding="utf-8"))
    for number, task in enumerate(tasks, 1):
        task["id"] = number
        label = labels.get(task["data"]["finding_id"])
        if label is None:
            task["annotations"] = []
            continue

        def result(choice: str) -> list[dict]:
            return [{"id": "x", "from_name": "label", "to_name": "text", "type": "choices",
                     "value": {"choices": [choice]}, "origin": "manual"}]  # fmt: skip

        task["annotations"] = [
            {"id": 1, "result": result(label), "was_cancelled": False, "created_at": "2025-01-02T10:00:00Z"},
            {
                "id": 2,
                "result": result("strength"),
                "was_cancelled": True,
                "created_at": "2025-01-03T10:00:00Z",
            },
        ]
    out = export.with_name("annotated.json")
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return out


def test_label_studio_round_trip_reaches_the_training_set(archive, corpus, tmp_path):
    rows = _first_per_document(least_certain(archive, limit=200), 2)
    relabel, reject = rows
    new_label = next(c for c in CHOICES[:3] if c != relabel["label"])
    export = tmp_path / "review.json"
    export_for_annotation(rows, export)
    annotated = _label_studio_annotated(export, {relabel["id"]: new_label, reject["id"]: "none"})
    batch_before = (corpus / "labels" / "batch1.jsonl").read_bytes()

    assert import_corrections(annotated, archive, corpus) == 2

    assert (corpus / "labels" / "batch1.jsonl").read_bytes() == batch_before
    articles = [
        json.loads(line) for line in (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    db = open_db(archive)
    added = {a["id"]: a for a in articles[1:]}
    assert len(added) == 2 and {a["source"] for a in added.values()} == {"review"}
    assert {a["text"] for a in added.values()} == {
        db["documents"].get(r["document_id"])["text"] for r in rows
    }
    assert {a["title"] for a in added.values()} == {r["title"] for r in rows}

    labelled = _labelled(corpus)
    assert set(labelled) == {OTHER["id"], *added}
    by_text = {text: label for article in labelled.values() for text, label in article.items()}
    assert by_text[relabel["text"]] == new_label
    assert by_text[reject["text"]] == "none"
    # the unchecked findings of a reviewed article are no examples at all: neither their model label nor "none"
    others = list(db.query("SELECT text, label FROM findings WHERE document_id = ? AND id != ?",
                           [relabel["document_id"], relabel["id"]]))  # fmt: skip
    assert others and not any(o["text"] in by_text for o in others)
    # and the examples the trainer builds carry the corrected labels
    data = training_set(load_annotated(corpus))
    assert (relabel["text"], new_label) in {
        (x.text, y) for x, y in zip(data.examples, data.labels, strict=True)
    }

    review = [json.loads(line) for line in (corpus / "labels" / REVIEW_FILE).read_text().splitlines()]
    assert len(review) == 2
    reviewed = [f for line in review for f in line["findings"] if f.get("reviewed")]
    assert [(f["text"], f["label"]) for f in reviewed] == [(relabel["text"], new_label)]
    assert [f["text"] for line in review for f in line["not_findings"]] == [reject["text"]]
    for line in review:
        article = added[line["id"]]
        assert all(f["text"] in article["text"] for f in line["findings"])


def test_doccano_round_trip_merges_with_earlier_reviews(archive, corpus, tmp_path):
    row = least_certain(archive, limit=1)[0]
    sibling = next(
        r
        for r in least_certain(archive, limit=500)
        if r["document_id"] == row["document_id"] and r["id"] != row["id"]
    )
    export = tmp_path / "review.jsonl"
    export_for_annotation([row, sibling], export, fmt="doccano")

    def annotate(labels: list[list[str]], nested: bool) -> Path:
        """Return doccano's export with ``labels``: its own ids, metadata flat or under ``meta``."""
        out = tmp_path / "doccano-export.jsonl"
        lines = []
        for number, (record, label) in enumerate(zip(map(json.loads, export.open()), labels, strict=True), 1):
            meta = {k: v for k, v in record.items() if k not in ("text", "label")}
            base = {"id": 100 + number, "text": record["text"], "label": label, "Comments": []}
            lines.append(json.dumps(base | ({"meta": meta} if nested else meta), ensure_ascii=False))
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return out

    # first pass: the row is not a finding, the sibling left unannotated
    assert import_corrections(annotate([["none"], []], nested=False), archive, corpus) == 1
    labels = _labelled(corpus)
    (article_id,) = set(labels) - {OTHER["id"]}
    assert labels[article_id][row["text"]] == "none"
    # second pass on the same article: the annotator changes their mind, and confirms the sibling
    assert (
        import_corrections(annotate([["shortcoming"], [sibling["label"]]], nested=True), archive, corpus) == 2
    )
    review = [json.loads(line) for line in (corpus / "labels" / REVIEW_FILE).read_text().splitlines()]
    assert [line["id"] for line in review] == [article_id]  # merged, not duplicated
    assert review[0]["not_findings"] == []
    labels = _labelled(corpus)
    assert labels[article_id][row["text"]] == "shortcoming"
    assert labels[article_id][sibling["text"]] == sibling["label"]
    articles = (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(articles) == 2  # the article was added once


def test_corrections_to_a_hand_annotated_article_start_from_its_annotation(archive, corpus):
    db = open_db(archive)
    row = least_certain(db, limit=1)[0]
    doc = db["documents"].get(row["document_id"])
    gold = [f for f in db["findings"].rows_where("document_id = ?", [doc["id"]]) if f["id"] != row["id"]][:2]
    hand = {"id": "hand/1", "source": "test", "title": doc["title"], "text": doc["text"]}
    with (corpus / "articles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(hand, ensure_ascii=False) + "\n")
    hand_labels = [
        {"text": row["text"], "label": "strength", "leadin": None},
        *({"text": f["text"], "label": f["label"], "leadin": f["leadin"]} for f in gold),
    ]
    with (corpus / "labels" / "batch1.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(
            json.dumps({"id": "hand/1", "annotator": "a", "findings": hand_labels}, ensure_ascii=False) + "\n"
        )
    export = corpus.parent / "one.jsonl"
    export.write_text(
        json.dumps({"text": row["text"], "label": ["recommendation"], "document_id": doc["id"]}) + "\n"
    )

    assert import_corrections(export, db, corpus) == 1

    assert len((corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 2  # no copy added
    review = [json.loads(line) for line in (corpus / "labels" / REVIEW_FILE).read_text().splitlines()]
    assert [line["id"] for line in review] == ["hand/1"]
    assert len(review[0]["findings"]) == 3  # the hand annotation, corrected, not the model's findings
    labels = _labelled(corpus)["hand/1"]
    assert labels[row["text"]] == "recommendation"
    assert all(labels[f["text"]] == f["label"] for f in gold)


def test_the_next_round_leaves_out_what_was_already_reviewed(archive, corpus, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    db = open_db(archive)
    relabel, reject = _first_per_document(least_certain(db, limit=200), 2)
    export = tmp_path / "round1.jsonl"
    export_for_annotation([relabel, reject], export, fmt="doccano")
    lines = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    lines[0]["label"], lines[1]["label"] = ["strength"], ["none"]
    export.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    assert import_corrections(export, db, corpus) == 2
    # a third article annotated by hand: every sentence of it is settled
    third = next(
        r
        for r in least_certain(db, limit=500)
        if r["document_id"] not in {relabel["document_id"], reject["document_id"]}
    )
    hand = {
        "id": "hand/2",
        "source": "test",
        "title": "",
        "text": db["documents"].get(third["document_id"])["text"],
    }
    with (corpus / "articles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(hand, ensure_ascii=False) + "\n")
    with (corpus / "labels" / "batch1.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "hand/2", "annotator": "a", "findings": []}) + "\n")

    decided = decided_findings(db, corpus)

    hand_ids = {r["id"] for r in db["findings"].rows_where("document_id = ?", [third["document_id"]])}
    assert {relabel["id"], reject["id"]} | hand_ids == decided
    left = least_certain(db, limit=500, skip=decided)
    assert not {r["id"] for r in left} & decided
    # the other findings of the reviewed articles (model labels nobody checked) are still offered
    assert any(r["document_id"] == relabel["document_id"] for r in left)
    assert len(left) == db["findings"].count - len(decided)
    out = CliRunner().invoke(main, ["review", "--db", archive, "--corpus", str(corpus), "--limit", "500"])
    assert out.exit_code == 0, out.output
    assert relabel["text"][:40] not in out.output
    every = CliRunner().invoke(
        main, ["review", "--db", archive, "--corpus", str(corpus), "--limit", "500", "--include-reviewed"]
    )
    assert every.output.count("\n") > out.output.count("\n")


# --- what is refused -------------------------------------------------------------------------


def test_seed_articles_are_skipped_with_a_warning(archive, corpus, tmp_path):
    seed = sorted(SAMPLES.glob("*.txt"))[0]
    (tmp_path / "samples").mkdir()
    shutil.copy(seed, tmp_path / "samples")
    shutil.copytree(ROOT / "corpora" / "gold" / "seeds", tmp_path / "gold" / "seeds")
    db = open_db(archive)
    doc_id = next(db.query("SELECT document_id FROM sources WHERE source LIKE ?", [f"%{seed.name}"]))[
        "document_id"
    ]
    row = next(r for r in least_certain(db, limit=500) if r["document_id"] == doc_id)
    export = tmp_path / "seed.jsonl"
    export_for_annotation([row], export, fmt="doccano")
    with pytest.warns(SeedArticleWarning):
        assert import_corrections(export, db, corpus) == 0
    assert not (corpus / "labels" / REVIEW_FILE).exists()
    assert len((corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_bad_exports_change_nothing(archive, corpus, tmp_path):
    row = least_certain(archive, limit=1)[0]
    export = tmp_path / "bad.jsonl"
    good = {"text": row["text"], "label": ["none"], "document_id": row["document_id"]}
    choice = {"from_name": "label", "to_name": "text", "type": "choices", "value": {"choices": ["none"]}}
    task = {"data": good, "annotations": [{"result": [choice]}]}  # Label Studio's JSON export
    first = json.dumps(good) + "\n"
    cases = [
        ("unknown label", {**good, "label": ["weakness"]}),
        ("not in the archive", {**good, "document_id": 10_000}),
        ("is not in document", {**good, "text": "một câu không có trong bài"}),
        ("one label expected", {**good, "label": ["none", "strength"]}),
        ("task 2: document_id 'abc' is not a number", {**good, "document_id": "abc"}),
        ("task 2: document_id 1.5 is not a number", {**good, "document_id": 1.5}),
        ("task 2: a label is a string or a list of them, not 5", {**good, "label": 5}),
        ("task 2: annotations are a list, not 5", {**task, "annotations": 5}),
        (
            "task 2: an annotation's result is a list of objects",
            {**task, "annotations": [{"result": ["none"]}]},
        ),
        ("task 2: leadin 5 is not text", {**good, "leadin": 5}),
        # whole files, not a record after a good one
        (f"{export}:2: ", first + '{"text": "x", "label": \n'),
        (f"{export}:3: ", "[\n" + json.dumps(good) + ",\n{]\n"),
        (f"no corrections in {export}", ""),
        (f"no corrections in {export}", "\n  \n"),
        (f"no corrections in {export}", "[]\n"),
    ]
    for message, content in cases:
        if isinstance(content, dict):
            content = first + json.dumps(content, ensure_ascii=False) + "\n"
        export.write_text(content, encoding="utf-8")
        with pytest.raises(ReviewImportError, match=re.escape(message)) as err:
            import_corrections(export, archive, corpus)
        assert str(export) in str(err.value)
        assert not (corpus / "labels" / REVIEW_FILE).exists(), message
    assert not (corpus / "labels" / REVIEW_FILE).exists()
    assert len((corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    # what the bad cases were made from is a valid export: the good line and the Label Studio task
    export.write_text(first + json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_corrections(export, archive, corpus) == 1


def test_an_empty_export_is_a_clear_error(archive, corpus, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    export = tmp_path / "empty.json"
    export.write_text("", encoding="utf-8")
    out = CliRunner().invoke(
        main, ["review", "--db", archive, "--corpus", str(corpus), "--import", str(export)]
    )
    assert out.exit_code == 1
    assert f"no corrections in {export}" in out.output and "Traceback" not in out.output
    assert not (corpus / "labels" / REVIEW_FILE).exists()


def test_importing_into_a_missing_corpus_is_a_usage_error(archive, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    row = least_certain(archive, limit=1)[0]
    export = tmp_path / "one.jsonl"
    export.write_text(
        json.dumps({"text": row["text"], "label": ["none"], "document_id": row["document_id"]}) + "\n"
    )
    missing = tmp_path / "typo" / "findings"
    args = ["review", "--db", archive, "--corpus", str(missing)]
    out = CliRunner().invoke(main, [*args, "--import", str(export)])
    assert out.exit_code == 2 and "--corpus" in out.output, out.output
    assert not missing.exists()
    # listing needs no corpus: nothing has been reviewed yet
    assert CliRunner().invoke(main, [*args, "--limit", "1"]).exit_code == 0


def test_evaluation_scores_only_what_a_person_checked(archive, corpus, tmp_path):
    from pipeline.classify.predict import FindingClassifier
    from pipeline.evaluate import corpus_findings

    row = least_certain(archive, limit=1)[0]
    new_label = next(c for c in CHOICES[:3] if c != row["label"])
    export = tmp_path / "one.jsonl"
    export.write_text(
        json.dumps({"text": row["text"], "label": [new_label], "document_id": row["document_id"]}) + "\n"
    )
    assert import_corrections(export, archive, corpus) == 1
    (line,) = (corpus / "labels" / REVIEW_FILE).read_text(encoding="utf-8").splitlines()
    assert any(f.get("reviewed") is False for f in json.loads(line)["findings"])  # model labels kept

    scores = corpus_findings(corpus, FindingClassifier.load())

    for score in scores.values():
        assert score.tp + score.fn == 1, vars(score)  # the one reviewed finding is all the gold
    oracle = scores["oracle (every segment)"]
    assert oracle.tp + oracle.fp == len(training_set(load_annotated(corpus)).examples)


def test_a_doccano_export_with_a_byte_order_mark_is_read(archive, corpus, tmp_path):
    row = least_certain(archive, limit=1)[0]
    export = tmp_path / "bom.jsonl"
    record = {"text": row["text"], "label": ["none"], "document_id": str(row["document_id"])}
    export.write_text("\ufeff" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_corrections(export, archive, corpus) == 1
    (line,) = (corpus / "labels" / REVIEW_FILE).read_text(encoding="utf-8").splitlines()
    assert [f["text"] for f in json.loads(line)["not_findings"]] == [row["text"]]


def test_corrections_never_go_into_the_gold_annotations(archive, tmp_path):
    row = least_certain(archive, limit=1)[0]
    export = tmp_path / "one.jsonl"
    export.write_text(
        json.dumps({"text": row["text"], "label": ["none"], "document_id": row["document_id"]}) + "\n"
    )
    with pytest.raises(ReviewError, match="gold"):
        import_corrections(export, archive, tmp_path / "gold" / "seeds")
    assert not (tmp_path / "gold").exists()


def test_a_malformed_corpus_line_is_a_clear_error_and_changes_nothing(archive, corpus):
    from click.testing import CliRunner

    from pipeline.cli import main

    with (corpus / "articles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "text": \n')
    before = (corpus / "articles.jsonl").read_bytes()
    out = CliRunner().invoke(main, ["review", "--db", archive, "--corpus", str(corpus)])
    assert out.exit_code == 1
    assert "articles.jsonl:2" in out.output and "Traceback" not in out.output
    assert (corpus / "articles.jsonl").read_bytes() == before


def test_unannotated_tasks_are_not_corrections(archive, corpus, tmp_path):
    rows = least_certain(archive, limit=3)
    export = tmp_path / "review.json"
    export_for_annotation(rows, export)
    annotated = _label_studio_annotated(export, {})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert import_corrections(annotated, archive, corpus) == 0
    assert not (corpus / "labels" / REVIEW_FILE).exists()


def test_a_label_file_after_review_jsonl_is_reported(archive, corpus, tmp_path):
    row = least_certain(archive, limit=1)[0]
    export = tmp_path / "one.jsonl"
    export.write_text(
        json.dumps({"text": row["text"], "label": ["none"], "document_id": row["document_id"]}) + "\n"
    )
    import_corrections(export, archive, corpus)
    (line,) = (corpus / "labels" / REVIEW_FILE).read_text(encoding="utf-8").splitlines()
    (corpus / "labels" / "z-later.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="z-later.jsonl"):
        import_corrections(export, archive, corpus)


def test_unreviewed_model_labels_are_not_trained_on() -> None:
    from pipeline.classify.corpus import LabelledArticle, article_examples

    text = (
        "Đoàn giám sát đánh giá cao công tác cải cách hành chính của phường.\n\n"
        "Việc niêm yết công khai thủ tục hành chính còn chậm."
    )
    findings = [
        {"text": "Đoàn giám sát đánh giá cao công tác cải cách hành chính của phường.", "label": "strength"},
        {
            "text": "Việc niêm yết công khai thủ tục hành chính còn chậm.",
            "label": "shortcoming",
            "reviewed": False,
        },
    ]
    examples, labels = article_examples(LabelledArticle("a", text, findings))
    assert labels == ["strength"]
    assert [e.text for e in examples] == [findings[0]["text"]]


def test_a_correction_never_relabels_another_sentence_that_shares_its_words():
    from pipeline.classify.review import _apply

    other = "thực hiện có hiệu quả Đề án cải cách thủ tục hành chính theo cơ chế một cửa."
    corrected = (
        "Phát huy có hiệu quả việc thực hiện giải quyết hồ sơ hành chính theo cơ chế “một cửa” ở phường."
    )
    article = f"Tổ chức rà soát quy trình; {other} {corrected}"
    record = {"findings": [{"text": other, "label": "recommendation", "reviewed": False}], "not_findings": []}
    _apply(record, {"text": corrected, "label": "shortcoming", "leadin": None}, article)
    assert [(f["text"], f["label"]) for f in record["findings"]] == [
        (other, "recommendation"),
        (corrected, "shortcoming"),
    ]
    # a correction of a slightly different cut of the same sentence still replaces it
    _apply(record, {"text": other.rstrip("."), "label": "strength", "leadin": None}, article)
    assert [f["label"] for f in record["findings"]] == ["strength", "shortcoming"]
