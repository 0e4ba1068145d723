"""The giamsat command line end to end: extract, run (idempotent, resumable), findings, stats, eval."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store.schema import open_db

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def archive(tmp_path_factory, runner) -> str:
    db = str(tmp_path_factory.mktemp("archive") / "giamsat.db")
    result = runner.invoke(main, ["run", "--quiet", "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_extract_writes_one_json_object_per_seed(runner):
    result = runner.invoke(main, ["extract", *map(str, SEEDS)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in SEEDS]
    assert set(records[0]) == {
        "source", "title", "published", "dates", "documents", "localities",
        "organizations", "people", "authors", "findings",
    }  # fmt: skip
    first = records[0]
    assert first["published"] == "2019-09-19"
    assert [d["number"] for d in first["documents"]] == ["02", "983", "984"]
    assert {f["label"] for f in first["findings"]} == {"strength", "shortcoming", "recommendation"}


def test_extract_json_format_and_output_file(runner, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(main, ["extract", "--format", "json", "-o", str(out), str(SAMPLES)])
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 5
    assert records[4]["published"] is None  # seed 004 prints no publication date


def test_bad_inputs_are_one_line_errors_and_the_rest_is_processed(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    not_text = tmp_path / "shift_jis.txt"
    not_text.write_bytes("監査の結果、いくつかの欠点が見つかりました。".encode("shift_jis") * 20)
    missing = tmp_path / "missing.txt"
    args = [str(SEEDS[0]), str(missing), str(empty), str(binary), str(not_text), str(SEEDS[1])]
    result = runner.invoke(main, ["extract", *args])
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        str(SEEDS[0]),
        str(SEEDS[1]),
    ]
    errors = result.stderr.splitlines()
    assert len(errors) == 4
    for path, line in zip([missing, empty, binary, not_text], errors, strict=True):
        assert line.startswith(f"giamsat: error: {path}: ")


def test_run_summarises_and_is_idempotent(runner, archive):
    db = open_db(archive)
    assert db["documents"].count == 5
    per_label = "SELECT label, count(*) n FROM findings GROUP BY label"
    counts = {r["label"]: r["n"] for r in db.query(per_label)}
    again = runner.invoke(main, ["run", "--db", archive])
    assert again.exit_code == 0, again.output
    assert "5 documents read (0 added, 0 updated, 5 unchanged, 0 duplicates), 0 failed" in again.stdout
    assert {
        r["label"]: r["n"] for r in db.query("SELECT label, count(*) n FROM findings GROUP BY label")
    } == counts
    assert "phường Thạch Bàn" in again.stdout


def test_run_records_failures_and_resumes(runner, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEEDS[2], folder / "a.txt")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = str(tmp_path / "resume.db")
    first = runner.invoke(main, ["run", "--quiet", "--db", db, str(folder)])
    assert first.exit_code == 1
    assert "giamsat: error:" in first.stderr and "b.txt" in first.stderr
    archive = open_db(db)
    assert [r["source"] for r in archive["failures"].rows] == [str(folder / "b.txt")]
    (folder / "b.txt").write_text(SEEDS[3].read_text(encoding="utf-8"), encoding="utf-8")
    second = runner.invoke(main, ["run", "--quiet", "--db", db, str(folder)])
    assert second.exit_code == 0, second.output
    assert "(1 added, 0 updated, 1 unchanged" in second.stdout
    assert archive["failures"].count == 0


@pytest.mark.parametrize(("query", "title_word"), [("thach ban", "Thạch Bàn"), ("dong kinh", "Đông Kinh")])
def test_findings_full_text_is_diacritic_insensitive(runner, archive, query, title_word):
    result = runner.invoke(main, ["findings", "--db", archive, "--q", query, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert all(title_word in row["title"] for row in rows)


def test_findings_by_province_includes_wards(runner, archive):
    result = runner.invoke(
        main,
        ["findings", "--db", archive, "--locality", "Hà Nội", "--label", "shortcoming", "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "id,document_id,date,label,score,localities,source,title,text"
    assert len(lines) > 1
    assert all(",shortcoming," in line for line in lines[1:])
    assert all("000_644511fd9a9480fe" in line for line in lines[1:])


def test_findings_table_and_document_filter(runner, archive):
    result = runner.invoke(main, ["findings", "--db", archive, "--document", "22/KH-UBND"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["id", "date", "label", "score", "localities", "text"]
    assert "Phú Tài" in result.stdout


def test_findings_without_archive_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["findings", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "run 'giamsat run' first" in result.output


def test_stats_groups_by_province(runner, archive):
    result = runner.invoke(main, ["stats", "--db", archive, "--by", "province", "--format", "json"])
    assert result.exit_code == 0, result.output
    provinces = {row["province"] for row in json.loads(result.stdout)}
    assert provinces == {"Hà Nội", "Quảng Ninh", "Lạng Sơn", "Thái Nguyên", "Bình Thuận"}


def test_eval_prints_precision_recall_f1_per_field(runner):
    result = runner.invoke(main, ["eval"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["field", "P", "R", "F1", "TP", "FP", "FN"]
    fields = {row.rsplit(None, 6)[0] for row in rows}
    assert {
        "dates",
        "documents",
        "localities (name+level)",
        "people (name)",
        "findings (segmentation)",
    } <= fields


def test_eval_scores_the_bundled_second_reading_and_needs_its_corpus(runner):
    second = str(ROOT / "corpora" / "findings" / "agreement" / "second.jsonl")
    result = runner.invoke(main, ["eval", "--second", second])
    assert result.exit_code == 2 and "--findings-corpus" in result.output
    result = runner.invoke(
        main, ["eval", "--findings-corpus", str(ROOT / "corpora" / "findings"), "--second", second]
    )
    assert result.exit_code == 0, result.output
    rows = {row.rsplit(None, 6)[0].strip(): row.split()[-6:] for row in result.stdout.splitlines()[1:]}
    assert set(rows) == {
        "findings (segmentation)",
        "findings (segment+label)",
        "strength",
        "shortcoming",
        "recommendation",
    }
    tp, fp, fn = map(int, rows["findings (segmentation)"][3:])
    assert tp + fp == sum(
        len(json.loads(line)["findings"]) for line in Path(second).read_text(encoding="utf-8").splitlines()
    )


def test_a_broken_findings_corpus_or_second_reading_is_a_clear_error(runner, tmp_path):
    corpus = tmp_path / "findings"
    (corpus / "labels").mkdir(parents=True)
    (corpus / "articles.jsonl").write_text('{"id": "a", "text": "Xã còn chậm."}\n', encoding="utf-8")
    (corpus / "labels" / "a.jsonl").write_text('{"id": "a", "findings": []}\n{"id": \n', encoding="utf-8")
    for args in (["train", "--data", str(corpus), "--compare"], ["eval", "--findings-corpus", str(corpus)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1 and "a.jsonl:2" in result.output, result.output
    (corpus / "labels" / "a.jsonl").write_text('{"id": "a", "findings": []}\n', encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", "--findings-corpus", str(corpus), "--second", str(second)])
    assert result.exit_code == 1 and "second.jsonl:1" in result.output, result.output
    second.write_text(
        '{"id": "a", "findings": [{"text": "Xã còn chậm.", "label": "weakness"}]}\n', encoding="utf-8"
    )
    result = runner.invoke(main, ["eval", "--findings-corpus", str(corpus), "--second", str(second)])
    assert result.exit_code == 1 and "article a: unknown labels ['weakness']" in result.output, result.output


def test_train_reports_bad_data_in_a_line_but_lets_a_bug_through(runner, tmp_path, monkeypatch):
    corpus = tmp_path / "findings"
    (corpus / "labels").mkdir(parents=True)
    (corpus / "articles.jsonl").write_text('{"id": "a", "text": "Xã còn chậm."}\n', encoding="utf-8")
    (corpus / "labels" / "a.jsonl").write_text('{"id": "a", "findings": []}\n', encoding="utf-8")
    args = ["train", "--data", str(corpus), "--compare"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "too few annotated articles" in result.output, result.output

    def bug(*args, **kwargs):
        raise ValueError("a bug, not bad data")

    monkeypatch.setattr("pipeline.classify.train.train", bug)
    result = runner.invoke(main, args)
    assert isinstance(result.exception, ValueError) and "a bug" not in result.output


def test_the_same_article_on_two_portals_is_stored_once_with_both_sources(runner, tmp_path):
    folder = tmp_path / "portals"
    folder.mkdir()
    text = SEEDS[3].read_text(encoding="utf-8")
    (folder / "portal_a.txt").write_text(text, encoding="utf-8")
    (folder / "portal_b.txt").write_text(
        "Trang chủ\nĐăng nhập\n\n" + text + "\nTin liên quan\n", encoding="utf-8"
    )
    db = str(tmp_path / "dedup.db")
    result = runner.invoke(main, ["run", "--quiet", "--db", db, str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 added, 0 updated, 0 unchanged, 1 duplicates" in result.stdout
    archive = open_db(db)
    assert archive["documents"].count == 1
    assert sorted(r["source"] for r in archive["sources"].rows) == [
        str(folder / "portal_a.txt"),
        str(folder / "portal_b.txt"),
    ]


def test_show_lists_entities_and_writes_an_html_page(runner, tmp_path):
    seed = str(SEEDS[3])
    result = runner.invoke(main, ["show", seed])
    assert result.exit_code == 0, result.output
    assert "PER            Nguyễn Văn Hiển" in result.stdout
    assert "LOC            xã Vô Tranh" in result.stdout
    page = tmp_path / "show.html"
    result = runner.invoke(main, ["show", seed, "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").count("<mark") >= 10


def test_export_spacy_writes_a_docbin(runner, tmp_path):
    out = tmp_path / "seeds.spacy"
    result = runner.invoke(main, ["export-spacy", str(ROOT / "corpora" / "gold" / "seeds"), str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 documents written")
    assert out.stat().st_size > 0


def test_crawl_stores_the_portal_articles_and_resumes(runner, tmp_path):
    from sitesrv import serve_portal

    db = str(tmp_path / "crawl.db")
    with serve_portal() as portal:
        args = ["crawl", "--quiet", "--db", db, "--delay", "0.02", f"{portal.server.base}/"]
        first = runner.invoke(main, [*args, "--max-pages", "3"])
        assert "pending (max_pages)" in first.stdout, first.output
        second = runner.invoke(main, args)
    archive = open_db(db)
    titles = {row["title"] for row in archive["documents"].rows}
    assert "Kiểm tra công tác Cải cách hành chính tại các xã trên địa bàn huyện Phú Lương" in titles
    assert archive["documents"].count >= 5
    assert second.exit_code == 1  # the portal's dead and slow pages are reported, the rest is stored
    assert "giamsat: error: http://127.0.0.1" in second.stderr
    found = runner.invoke(main, ["findings", "--db", db, "--locality", "Thái Nguyên", "--format", "json"])
    assert json.loads(found.stdout)


def test_review_lists_and_exports_the_least_certain_findings(runner, archive, tmp_path):
    result = runner.invoke(main, ["review", "--db", archive, "--limit", "3"])
    assert result.exit_code == 0, result.output
    scores = [float(line.split()[1]) for line in result.stdout.splitlines()[1:]]
    assert len(scores) == 3 and scores == sorted(scores)
    out = tmp_path / "tasks.json"
    result = runner.invoke(main, ["review", "--db", archive, "--limit", "3", "--export", str(out)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert (tmp_path / "tasks.label_config.xml").is_file()


def test_a_findings_corpus_too_small_to_fold_is_a_clear_error(runner, tmp_path):
    # the one article with findings leaves the other folds only "none" to learn
    corpus = tmp_path / "findings"
    (corpus / "labels").mkdir(parents=True)
    finding = {"text": "Công tác cải cách hành chính còn chậm.", "label": "shortcoming"}
    articles = [{"id": f"a{i}", "text": f"Xã số {i} đã họp. {finding['text']}"} for i in range(6)]
    labels = [{"id": a["id"], "findings": [finding] if a["id"] == "a0" else []} for a in articles]
    for name, records in (("articles.jsonl", articles), ("labels/a.jsonl", labels)):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        (corpus / name).write_text(lines, encoding="utf-8")
    result = runner.invoke(main, ["eval", "--findings-corpus", str(corpus)])
    assert result.exit_code == 1 and "single label" in result.output, result.output
