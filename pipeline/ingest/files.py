"""Documents from files and folders: .txt, .html/.htm, .jsonl, .pdf and .docx, cleaned and normalised.

``iter_documents`` streams: one file is read at a time and a bad input becomes an ``IngestFailure`` with a
one-line reason, never an exception, so a batch always runs to its end. URL lists are the crawler's job and
are not read here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from pipeline.ingest.clean import clean_text
from pipeline.ingest.encoding import decode_bytes, looks_binary
from pipeline.ingest.errors import EmptyInput, IngestError, IngestFailure, MissingInput, NotText
from pipeline.ingest.html import extract_html
from pipeline.ingest.urls import is_url, load_url, load_url_list
from pipeline.model import RawDocument

log = logging.getLogger(__name__)

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"


def _read_bytes(path: Path) -> bytes:
    """Return the file's bytes, or raise ``MissingInput``/``EmptyInput`` for a missing or blank file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise MissingInput("missing file") from exc
    except IsADirectoryError as exc:
        raise MissingInput("not a file") from exc
    except PermissionError as exc:
        raise MissingInput("file not readable (permission denied)") from exc
    if not data.strip():
        raise EmptyInput("empty file")
    return data


def _document(source: str, text: str, **fields: str | None) -> RawDocument:
    """Return a RawDocument with cleaned text, or raise ``EmptyInput`` when nothing is left after cleaning."""
    cleaned = clean_text(text)
    if not cleaned:
        raise EmptyInput("no text left after removing page debris")
    return RawDocument(source=source, text=cleaned, **fields)


def _text_file(path: Path, source: str) -> Iterator[RawDocument]:
    """Yield the plain-text file as one document (any known encoding, mojibake repaired)."""
    data = _read_bytes(path)
    if looks_binary(data):
        raise NotText("binary file (not text)")
    yield _document(source, decode_bytes(data))


def _html_file(path: Path, source: str) -> Iterator[RawDocument]:
    """Yield the saved web page's main text as one document (the charset comes from the page)."""
    data = _read_bytes(path)
    if looks_binary(data):
        raise NotText("binary file (not text)")
    yield replace(extract_html(data), source=source)


def _jsonl_file(path: Path, source: str) -> Iterator[RawDocument | IngestFailure]:
    """Yield one document per line (``text`` required; ``url``, ``title``, ``published`` optional).

    A bad line is one failure named ``file:line``; the other lines go on. The file is read line by line.
    """
    if not path.is_file():
        raise MissingInput("missing file")
    seen_any = False
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen_any = True
            where = f"{source}:{number}"
            try:
                yield _jsonl_record(raw, where)
            except IngestError as exc:
                yield IngestFailure(where, str(exc))
    if not seen_any:
        raise EmptyInput("empty file")


def _jsonl_record(raw: bytes, where: str) -> RawDocument:
    """Return the document on one JSONL line, or raise ``IngestError`` saying what is wrong with it."""
    try:
        record = json.loads(decode_bytes(raw))
    except json.JSONDecodeError as exc:
        raise NotText(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise NotText("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput("no 'text' field")
    optional = {
        k: record.get(k) if isinstance(record.get(k), str) else None for k in ("url", "title", "published")
    }
    return _document(
        record.get("source") if isinstance(record.get("source"), str) else where, text, **optional
    )


def _pdf_file(path: Path, source: str) -> Iterator[RawDocument]:
    """Yield the PDF's text layer (pages joined by blank lines) as one document."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = _read_bytes(path)
    if not data.startswith(_PDF_MAGIC):
        raise NotText("not a PDF file")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise NotText("PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise NotText(f"unreadable PDF ({type(exc).__name__})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise NotText("PDF has no text layer (scanned?)")
    yield _document(source, text)


def _docx_file(path: Path, source: str) -> Iterator[RawDocument]:
    """Yield the Word document's paragraphs and table cells as one document (core title kept)."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    data = _read_bytes(path)
    if not data.startswith(_ZIP_MAGIC):
        raise NotText("not a .docx file (Word 97-2003 .doc is not supported)")
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise NotText(f"unreadable .docx ({type(exc).__name__})") from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    title = document.core_properties.title or None
    yield _document(source, "\n\n".join(paragraphs), title=title)


def _url_list_file(path: Path, source: str) -> Iterator[RawDocument | IngestFailure]:
    """Yield the article of every URL a ``.urls`` file lists (``urls.load_url_list``)."""
    yield from load_url_list(_read_bytes(path), source)


_LOADERS: dict[str, Callable[[Path, str], Iterable[RawDocument | IngestFailure]]] = {
    ".txt": _text_file,
    ".html": _html_file,
    ".htm": _html_file,
    ".jsonl": _jsonl_file,
    ".pdf": _pdf_file,
    ".docx": _docx_file,
    ".urls": _url_list_file,
}
#: the file extensions ``iter_documents`` reads; anything else in a folder is skipped
KNOWN_EXTENSIONS = frozenset(_LOADERS)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Yield each path as given, a folder replaced by its files with known extensions (recursive, sorted)."""
    for given in paths:
        path = Path(given)
        if not is_url(str(given)) and path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.suffix.lower() in KNOWN_EXTENSIONS:
                    yield str(found)
        else:
            yield str(given)


def load_file(source: str) -> Iterator[RawDocument | IngestFailure]:
    """Yield the documents in one file (or at one URL), or one ``IngestFailure`` saying why it gave none."""
    if is_url(source):
        yield from load_url(source)
        return
    path = Path(source)
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        if not path.exists():
            yield IngestFailure(source, "missing file")
        else:
            yield IngestFailure(source, f"unsupported file type '{path.suffix or path.name}'")
        return
    try:
        yield from loader(path, source)
    except IngestError as exc:
        yield IngestFailure(source, str(exc))
    except OSError as exc:
        yield IngestFailure(source, f"cannot read file ({exc.strerror or type(exc).__name__})")


def iter_documents(paths: Iterable[str | Path]) -> Iterator[RawDocument | IngestFailure]:
    """Yield a cleaned, normalised RawDocument per input (a JSONL file gives one per line), or a failure.

    Folders are expanded recursively in sorted order, known extensions only. Never raises for a bad
    input: it yields ``IngestFailure(source, reason)``, ``source`` being the path as the user gave it.
    """
    for source in expand_paths(paths):
        for item in load_file(source):
            if isinstance(item, IngestFailure):
                log.info("skipped %s: %s", item.source, item.reason)
            yield item


__all__ = ["KNOWN_EXTENSIONS", "expand_paths", "iter_documents", "load_file"]
