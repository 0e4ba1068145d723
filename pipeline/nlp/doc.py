"""The analysed article as a spaCy Doc: entity spans, findings spans, displaCy rendering, training data.

``to_doc`` puts what the extractors found onto the Doc, where spaCy's tools can use it: ``doc.ents``
holds DATE, DOC (document numbers), LOC, ORG and PER spans, ``doc.spans["findings"]`` the findings
(STRENGTH, SHORTCOMING, RECOMMENDATION, overlaps allowed), ``span._.value`` the ISO date or canonical
name and ``doc._.article_source`` where the text came from. ``gold_doc`` builds the same annotation
from a gold file's entries, which carry text but no offsets (``pipeline.gold`` exports them for
``spacy train``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from pipeline.model import FINDING_LABELS, Article, Span
from pipeline.nlp.text import fold
from pipeline.nlp.tokens import sentences, vietnamese

#: The span group that holds the findings.
FINDINGS_KEY = "findings"
#: displaCy colours per label.
COLORS = {
    "DATE": "#bfe1d9",
    "DOC": "#c887fb",
    "LOC": "#ff9561",
    "ORG": "#7aecec",
    "PER": "#aa9cfc",
    "STRENGTH": "#8fd18f",
    "SHORTCOMING": "#f28b82",
    "RECOMMENDATION": "#fdd663",
}

#: The span labels of the findings.
_FINDING_LABELS = frozenset(label.upper() for label in FINDING_LABELS)
#: A mention to put on the Doc: character span, label and the value for ``span._.value``.
Mention = tuple[Span, str, str | None]

# (Article field, label, value of an entry given as a dict). The order breaks ties between spans of
# the same length: an equal DATE or DOC span wins over a PER, a PER over a LOC, a LOC over an ORG.
_ENTITY_FIELDS: tuple[tuple[str, str, Callable[[dict[str, Any]], str | None]], ...] = (
    ("dates", "DATE", lambda d: f"{d['value']}/{d['end']}" if d.get("end") else d.get("value")),
    ("documents", "DOC", lambda d: d.get("number")),
    ("people", "PER", lambda d: d.get("name")),
    ("localities", "LOC", lambda d: f"{d['level']} {d['name']}" if d.get("level") else d.get("name")),
    ("organizations", "ORG", lambda d: d.get("name")),
)

Doc.set_extension("article_source", default=None, force=True)
Doc.set_extension("unlocated", default=None, force=True)
SpacySpan.set_extension("value", default=None, force=True)


def _surface(entry: dict[str, Any]) -> str:
    """Return the words to look for in the text: the entry's ``text``, or a person's ``name``."""
    return entry.get("text") or entry.get("name") or ""


def _find(text: str, folded: str, needle: str) -> list[Span]:
    """Return every span of ``needle`` in ``text`` not inside a longer word: exact matches, else folded ones.

    Any run of whitespace matches any other. ``folded`` is ``fold(text)`` (same length), so folded
    matches ("Thuý" for "Thúy") keep their offsets.
    """
    for haystack, sought in ((text, needle.strip()), (folded, fold(needle.strip()))):
        if not sought:
            return []
        left = r"(?<!\w)" if sought[0].isalnum() else ""
        right = r"(?!\w)" if sought[-1].isalnum() else ""
        pattern = left + r"\s+".join(map(re.escape, sought.split())) + right
        found = [m.span() for m in re.finditer(pattern, haystack)]
        if found:
            return found
    return []


def _merged(mentions: Iterable[Mention]) -> list[Mention]:
    """Return one mention per (span, label), the values of repeats joined ("983, 984" for a shared symbol)."""
    values: dict[tuple[Span, str], list[str]] = {}
    for span, label, value in mentions:
        seen = values.setdefault((span, label), [])
        if value and value not in seen:
            seen.append(value)
    return [(span, label, ", ".join(found) or None) for (span, label), found in values.items()]


def _snapped(doc: Doc, mention: Mention) -> SpacySpan | None:
    """Return the mention as a labelled Span widened to token boundaries, or None if it covers nothing."""
    (start, end), label, _ = mention
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _annotated(doc: Doc, entities: list[Mention], findings: list[Mention]) -> Doc:
    """Return ``doc`` with ``entities`` as ``doc.ents`` (the longest of overlapping ones) and the findings.

    Values are set after the overlaps are resolved: extension values are keyed by character offsets,
    so a dropped span with the same offsets as a kept one must not overwrite its value.
    """
    values = {}
    for mention in _merged(entities):
        span = _snapped(doc, mention)
        if span is not None:
            values[span.start, span.end, span.label_] = (span, mention[2])
    doc.ents = filter_spans([span for span, _ in values.values()])
    for ent in doc.ents:
        ent._.value = values[ent.start, ent.end, ent.label_][1]
    doc.spans[FINDINGS_KEY] = [s for s in (_snapped(doc, m) for m in findings) if s is not None]
    return doc


def _mark_sentences(doc: Doc) -> None:
    """Set ``is_sent_start`` from ``sentences``, so ``doc.sents`` follows paragraphs and sentence ends."""
    starts = {0}
    for start, end in sentences(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            starts.add(span.start)
    for token in doc:
        token.is_sent_start = token.i in starts


def _article_mentions(article: Article, folded: str) -> Iterator[Mention]:
    """Yield the extracted entities at their spans; a person also at every other mention of the name."""
    for field, label, value in _ENTITY_FIELDS:
        for entity in getattr(article, field):
            entry = asdict(entity)
            spans = [entity.span] if entity.span else []
            if label == "PER":
                spans += _find(article.text, folded, entity.name)
            yield from ((span, label, value(entry)) for span in spans)


def to_doc(article: Article, nlp: Language | None = None) -> Doc:
    """Return the article's text as a Doc carrying its entities (``doc.ents``) and findings (a span group).

    ``nlp`` defaults to ``vietnamese()``; any pipeline works whose tokenizer keeps the text as it is.
    """
    doc = (nlp or vietnamese())(article.text)
    doc._.article_source = article.source
    _mark_sentences(doc)
    findings = [(f.span, f.label.upper(), None) for f in article.findings if f.span]
    return _annotated(doc, list(_article_mentions(article, fold(article.text))), findings)


def render_html(article: Article) -> str:
    """Return a standalone HTML page: the title, the text with its entities marked, then the findings."""
    doc = to_doc(article)
    title = html.escape(article.title or article.source)
    doc.user_data["title"] = title  # displaCy prints the title as it is, unescaped
    page = displacy.render(doc, style="ent", page=True, options={"colors": COLORS})
    page = page.replace("<title>displaCy</title>", f'<meta charset="utf-8">\n<title>{title}</title>', 1)
    if not doc.spans[FINDINGS_KEY]:
        return page
    del doc.user_data["title"]
    findings = displacy.render(doc, style="span", options={"spans_key": FINDINGS_KEY, "colors": COLORS})
    section = f'<section class="findings">\n<h2>Findings</h2>\n{findings}\n</section>\n'
    return page.replace("</body>", section + "</body>", 1)


def gold_entries(gold: dict[str, Any]) -> Iterator[tuple[str, str, str | None]]:
    """Yield (label, words to look for, value) for each entry of a gold file, findings by their class."""
    for field, label, value in _ENTITY_FIELDS:
        for entry in gold.get(field, []):
            yield label, _surface(entry), value(entry)
    for entry in gold.get("findings", []):
        yield entry["label"].upper(), entry["text"], None


def gold_doc(gold: dict[str, Any], text: str, nlp: Language | None = None) -> Doc:
    """Return ``text`` as a Doc annotated from a gold file's entries, each located by search.

    Gold entries have text but no offsets, so every mention of each is found, exactly or else folded;
    the entries found nowhere are listed in ``doc._.unlocated`` as "LABEL: text".
    """
    doc = (nlp or vietnamese())(text)
    folded = fold(text)
    entities: list[Mention] = []
    findings: list[Mention] = []
    unlocated: list[str] = []
    for label, surface, value in gold_entries(gold):
        spans = _find(text, folded, surface)
        if not spans:
            unlocated.append(f"{label}: {surface}")
        into = findings if label in _FINDING_LABELS else entities
        into.extend((span, label, value) for span in spans)
    doc._.unlocated = unlocated
    return _annotated(doc, entities, findings)
