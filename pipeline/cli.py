"""The ``giamsat`` command line: each command is a thin shell over the Python API."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.paths import REPO_ROOT

BUNDLED_SAMPLES = REPO_ROOT / "corpora" / "samples"
DEFAULT_DB = "giamsat.db"

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite archive.",
)


def _error(message: str) -> None:
    """Print a one-line error to standard error."""
    click.echo(f"giamsat: error: {message}", err=True)


def _load_classifier(model: str | None):
    """Return the findings classifier, or exit with a clear message when it cannot be loaded."""
    from pipeline.classify.predict import FindingClassifier, ModelError

    try:
        return FindingClassifier.load(model)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="giamsat")
def main() -> None:
    """giamsat: a searchable archive of Vietnamese supervision and inspection outcomes."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
@click.option("--with-text", is_flag=True, help="Include each document's cleaned text.")
@click.option("--model", default=None, help="Findings model file (default: the bundled one).")
def extract(paths: tuple[str, ...], fmt: str, output, with_text: bool, model: str | None) -> None:
    """Extract dates, documents, places, bodies, people and findings from files or folders.

    Writes one JSON object per document; bad inputs are reported on standard error, the rest are
    still processed, and the exit code is 1 when anything failed.
    """
    from pipeline.batch import analyze_documents
    from pipeline.ingest.errors import IngestFailure

    classifier = _load_classifier(model)
    failed = 0
    collected = []
    for item in analyze_documents(paths, classifier):
        if isinstance(item, IngestFailure):
            failed += 1
            _error(f"{item.source}: {item.reason}")
            continue
        record = item.to_dict(with_text=with_text)
        if fmt == "jsonl":
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
            output.flush()
        else:
            collected.append(record)
    if fmt == "json":
        output.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    if failed:
        sys.exit(1)


def _report_batch(report, db_path: str) -> None:
    """Print a batch's failures (standard error) and the archive's summary; exit 1 if anything failed."""
    from pipeline.store.query import summary
    from pipeline.store.schema import open_db

    for failure in report.failures:
        _error(f"{failure.source}: {failure.reason}")
    totals = summary(open_db(db_path))
    click.echo(
        f"{report.processed} documents read ({report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.duplicates} duplicates), {len(report.failures)} failed"
    )
    labels = ", ".join(f"{n} {label}" for label, n in sorted(totals["findings"].items())) or "none"
    click.echo(f"archive {db_path}: {totals['documents']} documents; findings: {labels}")
    click.echo(f"localities: {', '.join(totals['localities']) or 'none'}")
    if report.failures:
        sys.exit(1)


def _progress(quiet: bool):
    """Return a per-document progress printer for standard error, or None when quiet."""
    return None if quiet else (lambda source, outcome: click.echo(f"{outcome:>9}  {source}", err=True))


@main.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--model", default=None, help="Findings model file (default: the bundled one).")
@click.option("-q", "--quiet", is_flag=True, help="Only print the summary.")
def run(paths: tuple[str, ...], db_path: str, model: str | None, quiet: bool) -> None:
    """Ingest, extract, classify and store PATHS (default: the bundled samples) into the archive."""
    from pipeline.batch import run as run_batch

    if not paths and not BUNDLED_SAMPLES.is_dir():
        raise click.ClickException(
            "no bundled samples next to this installation: name the files or folders to run on"
        )
    sources = list(paths) or [str(BUNDLED_SAMPLES)]
    report = run_batch(sources, db_path, classifier=_load_classifier(model), on_progress=_progress(quiet))
    _report_batch(report, db_path)


@main.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@click.option("--max-pages", type=int, help="Stop after fetching this many pages (resume later).")
@click.option("--max-seconds", type=float, help="Stop after this many seconds (resume later).")
@click.option("--delay", default=1.0, show_default=True, help="Seconds between requests to one host.")
@click.option("--allow-host", "allow_hosts", multiple=True, help="Also follow links to this host.")
@click.option("--model", default=None, help="Findings model file (default: the bundled one).")
@click.option("-q", "--quiet", is_flag=True, help="Only print the summaries.")
def crawl(
    urls: tuple[str, ...],
    db_path: str,
    max_pages: int | None,
    max_seconds: float | None,
    delay: float,
    allow_hosts: tuple[str, ...],
    model: str | None,
    quiet: bool,
) -> None:
    """Crawl news portals politely from seed URLs, then analyse and store the articles fetched.

    robots.txt is respected, requests to one host are spaced by --delay, failures are retried with
    backoff; the frontier lives in the archive, so an interrupted crawl resumes where it stopped.
    """
    from pipeline.batch import run_documents
    from pipeline.ingest.crawl import Crawler
    from pipeline.ingest.crawl import crawl as crawl_sites
    from pipeline.ingest.fetch import Fetcher

    classifier = _load_classifier(model)
    crawled = crawl_sites(
        list(urls),
        db_path,
        max_pages=max_pages,
        delay=delay,
        allow_hosts=list(allow_hosts) or None,
        max_seconds=max_seconds,
    )
    click.echo(
        f"crawl: {crawled.fetched} pages fetched, {crawled.documents} articles, {crawled.not_modified} not "
        f"modified, {crawled.failed} failed, {crawled.pending} pending ({crawled.stopped_by})"
    )
    documents = Crawler(db_path, Fetcher(per_host_delay=delay)).documents()
    report = run_documents(documents, db_path, classifier, on_progress=_progress(quiet))
    report.failures[:0] = crawled.failures
    _report_batch(report, db_path)


def _format_rows(rows: list[dict], fmt: str, columns: list[str]) -> str:
    """Return rows as an aligned table, JSON or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    if not rows:
        return "(no results)"
    cells = [[str(row.get(c) if row.get(c) is not None else "") for c in columns] for row in rows]
    widths = [min(max(len(c), *(len(r[i]) for r in cells)), 40) for i, c in enumerate(columns)]
    widths[-1] = max(len(columns[-1]), max(len(r[-1]) for r in cells))
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    for r in cells:
        lines.append("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    return "\n".join(lines)


@main.command()
@db_option
@click.option("--locality", help='A place; a province includes its districts and communes ("Quảng Ninh").')
@click.option("--label", type=click.Choice(["strength", "shortcoming", "recommendation"]))
@click.option("--since", help="Earliest document date, YYYY-MM-DD.")
@click.option("--until", help="Latest document date, YYYY-MM-DD.")
@click.option("--q", "q", help='Full-text query, diacritics optional ("thach ban").')
@click.option("--organization", help="A body named in the article (Sở Nội vụ).")
@click.option("--person", help="A person named in the article.")
@click.option("--document", help="A document number cited (983-QĐ/QU, 22/KH-UBND).")
@click.option("--limit", type=int, help="At most this many findings.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
def findings(db_path: str, fmt: str, **filters) -> None:
    """List findings from the archive, filtered by place, label, date, body, person, document, text."""
    from pipeline.store.query import FindingQuery
    from pipeline.store.query import findings as query_findings
    from pipeline.store.schema import open_db

    if not Path(db_path).exists():
        raise click.ClickException(f"no archive at {db_path}: run 'giamsat run' first")
    try:
        rows = list(query_findings(open_db(db_path), FindingQuery(**filters)))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "table":
        for row in rows:
            row["text"] = row.get("highlight", row["text"])
            row["score"] = f"{row['score']:.2f}"
    columns = ["id", "date", "label", "score", "localities", "text"]
    if fmt != "table":
        columns = ["id", "document_id", "date", "label", "score", "localities", "source", "title", "text"]
    click.echo(_format_rows(rows, fmt, columns))


@main.command()
@db_option
@click.option(
    "--by", default="province,year,label", show_default=True, help="Group by these, comma-separated."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
def stats(db_path: str, by: str, fmt: str) -> None:
    """Count findings grouped by province, year and label."""
    from pipeline.store.query import stats as query_stats
    from pipeline.store.schema import open_db

    groups = tuple(g.strip() for g in by.split(",") if g.strip())
    try:
        rows = query_stats(open_db(db_path), groups)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(_format_rows(rows, fmt, [*groups, "findings"]))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--html", "html_out", type=click.Path(dir_okay=False), help="Write a standalone HTML page here."
)
@click.option("--model", default=None, help="Findings model file (default: the bundled one).")
def show(path: str, html_out: str | None, model: str | None) -> None:
    """Show one article's entities and findings: as text, or highlighted in an HTML page (displaCy)."""
    from pipeline import extract as extract_article
    from pipeline.ingest.errors import IngestError
    from pipeline.nlp.doc import FINDINGS_KEY, render_html, to_doc

    try:
        article = extract_article(path, classifier=_load_classifier(model))
    except IngestError as exc:
        raise click.ClickException(str(exc)) from exc
    if html_out:
        Path(html_out).write_text(render_html(article), encoding="utf-8")
        click.echo(f"wrote {html_out}", err=True)
        return
    doc = to_doc(article)
    click.echo(f"{article.title or '(no title)'}  [{article.published or 'no publication date'}]")
    for span in [*doc.ents, *doc.spans[FINDINGS_KEY]]:
        value = f"  -> {span._.value}" if span._.value and span._.value != span.text else ""
        click.echo(f"{span.start_char:>6}-{span.end_char:<6} {span.label_:<14} {span.text}{value}")


@main.command(name="export-spacy")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
def export_spacy(gold_dir: str, out: str) -> None:
    """Export gold annotations as spaCy training data (a DocBin file for `spacy train`)."""
    from pipeline.gold import export_training_data

    click.echo(f"{export_training_data(Path(gold_dir), Path(out))} documents written to {out}")


@main.command()
@click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(exists=True, dir_okay=False)
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
def serve(db_path: str, host: str, port: int) -> None:
    """Browse the archive in a web browser (Datasette): facets, folded search, findings in context."""
    from pipeline.store.serve import serve as serve_archive

    click.echo(f"serving {db_path} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    serve_archive(db_path, host=host, port=port)


@main.command()
@db_option
@click.option("--limit", default=50, show_default=True, help="How many findings to list or export.")
@click.option("--label", type=click.Choice(["strength", "shortcoming", "recommendation"]))
@click.option(
    "--export", "export_to", type=click.Path(dir_okay=False), help="Write them for an annotation tool."
)
@click.option("--format", "fmt", type=click.Choice(["label-studio", "doccano"]), default="label-studio")
@click.option(
    "--import", "import_from", type=click.Path(exists=True, dir_okay=False), help="Read corrections."
)
@click.option(
    "--corpus",
    default=str(REPO_ROOT / "corpora" / "findings"),
    show_default="corpora/findings",
    type=click.Path(),
)
@click.option(
    "--include-reviewed",
    is_flag=True,
    help="Also list findings the corpus already settles (reviewed, by hand).",
)
def review(
    db_path: str,
    limit: int,
    label: str | None,
    export_to: str | None,
    fmt: str,
    import_from: str | None,
    corpus: str,
    include_reviewed: bool,
) -> None:
    """List the findings the model is least sure about; export them for correction; import the corrections.

    Corrections go into the findings corpus (labels/review.jsonl); `giamsat train` then learns from them.
    Findings reviewed in an earlier round (or in an article annotated by hand) are not listed again.
    """
    from pipeline.classify.corpus import CorpusError
    from pipeline.classify.review import (
        ReviewError,
        decided_findings,
        export_for_annotation,
        import_corrections,
        least_certain,
    )

    if import_from and not Path(corpus).is_dir():
        # only a corpus that exists has its seed articles (samples/ beside it) to leave out; listing
        # works without one (nothing reviewed yet), as in an install that ships no corpora
        raise click.BadParameter(f"no findings corpus folder at {corpus}", param_hint="'--corpus'")
    try:
        if import_from:
            count = import_corrections(Path(import_from), db_path, Path(corpus))
            click.echo(
                f"{count} reviewed findings recorded in {corpus}/labels/review.jsonl; run 'giamsat train'"
            )
            return
        skip = set() if include_reviewed else decided_findings(db_path, Path(corpus))
        rows = least_certain(db_path, limit=limit, label=label, skip=skip)
    except (ReviewError, CorpusError) as exc:
        raise click.ClickException(str(exc)) from exc
    if export_to:
        count = export_for_annotation(rows, Path(export_to), fmt)
        click.echo(f"{count} findings written to {export_to} ({fmt})")
        return
    for row in rows:
        row["score"] = f"{row['score']:.2f}"
    click.echo(_format_rows(rows, "table", ["id", "score", "label", "text"]))


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    default=str(REPO_ROOT / "corpora" / "gold" / "seeds"),
    show_default="corpora/gold/seeds",
    type=click.Path(exists=True, file_okay=False),
)
@click.option("--model", default=None, help="Findings model file (default: the bundled one).")
@click.option("--baseline", is_flag=True, help="Also score underthesea's NER alone on people and places.")
@click.option(
    "--findings-corpus",
    default=None,
    type=click.Path(exists=True, file_okay=False),
    help="Score finding segmentation on this annotated findings corpus (corpora/findings) instead; "
    "without --model each article is labelled by a model trained on the other folds.",
)
@click.option(
    "--second",
    default=None,
    type=click.Path(exists=True, dir_okay=False),
    help="With --findings-corpus: score this second annotation of some of its articles "
    "(corpora/findings/agreement/second.jsonl) instead of a model: the readers' agreement.",
)
def evaluate_command(
    gold_dir: str, model: str | None, baseline: bool, findings_corpus: str | None, second: str | None
) -> None:
    """Print precision, recall and F1 per field against hand-annotated gold articles."""
    from pipeline.classify.corpus import CorpusError
    from pipeline.classify.train import TooFewArticles
    from pipeline.evaluate import annotator_agreement, corpus_findings, evaluate, format_scores
    from pipeline.evaluate import baseline as baseline_scores

    if second and not findings_corpus:
        raise click.UsageError("--second needs --findings-corpus (the corpus it is compared with)")
    if findings_corpus:
        classifier = _load_classifier(model) if model and not second else None
        try:
            if second:
                scores = annotator_agreement(Path(findings_corpus), Path(second))
            else:
                scores = corpus_findings(Path(findings_corpus), classifier)
        except (CorpusError, TooFewArticles) as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(format_scores(scores))
        return
    click.echo(format_scores(evaluate(Path(gold_dir), _load_classifier(model))))
    if baseline:
        click.echo("\nbaseline: underthesea ner alone")
        click.echo(format_scores(baseline_scores(Path(gold_dir))))


@main.command()
@click.option(
    "--data", "data_dir", default=str(REPO_ROOT / "corpora" / "findings"), show_default="corpora/findings"
)
@click.option(
    "--out", "out_dir", default=str(REPO_ROOT / "models" / "findings"), show_default="models/findings"
)
@click.option("--seed", default=0, show_default=True)
@click.option(
    "--compare", is_flag=True, help="Only compare the learners (cross-validation, held-out); write nothing."
)
def train(data_dir: str, out_dir: str, seed: int, compare: bool) -> None:
    """Retrain the findings classifier from the annotated corpus and write its model card."""
    from pipeline.classify.corpus import CorpusError
    from pipeline.classify.train import TooFewArticles
    from pipeline.classify.train import train as train_model

    try:
        train_model(Path(data_dir), Path(out_dir), seed=seed, save=not compare)
    except (CorpusError, TooFewArticles) as exc:  # bad data, not a bug: one line, no traceback
        raise click.ClickException(str(exc)) from exc


if __name__ == "__main__":  # pragma: no cover
    main()
