"""Turn one clean document into an ``Article``: every extractor, then the findings classifier.

This is the extraction step of fetch -> clean -> extract -> classify -> store. It is a pure
function of the document and the (already loaded) classifier, so batches can run it in workers.
"""

from __future__ import annotations

from pipeline.classify.predict import FindingClassifier
from pipeline.model import Article, DateMention, RawDocument
from pipeline.nlp.dates import extract_dates, publication_date
from pipeline.nlp.documents import extract_documents
from pipeline.nlp.findings import segment_findings
from pipeline.nlp.organizations import extract_organizations
from pipeline.nlp.people import extract_people
from pipeline.nlp.places import extract_localities
from pipeline.nlp.text import normalize

#: A title has at least this many words; shorter head lines are page debris ("tin mới nhất").
_MIN_TITLE_WORDS = 4


def detect_title(text: str, published: DateMention | None) -> str | None:
    """Return the headline of a plain-text article.

    Portals print the headline right above the publication line, so the last line before it wins;
    without a publication line, the first line long enough to be a headline.
    """
    head = text[: published.span[0]] if published and published.span else text
    lines = [line.strip() for line in head.splitlines() if len(line.split()) >= _MIN_TITLE_WORDS]
    if not lines:
        return None
    return lines[-1] if published and published.span else lines[0]


def analyze(doc: RawDocument, classifier: FindingClassifier) -> Article:
    """Return the article with every field extracted from ``doc`` and its findings classified."""
    text = normalize(doc.text)
    pub_mention = publication_date(text)
    published = doc.published or (pub_mention.value if pub_mention else None)
    title = normalize(doc.title) if doc.title else detect_title(text, pub_mention)
    hints = [h for h in (doc.url, doc.source) if h]
    people, authors = extract_people(text)
    return Article(
        source=doc.source,
        text=text,
        title=title,
        published=published,
        url=doc.url,
        dates=extract_dates(text, published=published),
        documents=extract_documents(text, published=published),
        localities=extract_localities(text, hints=hints),
        organizations=extract_organizations(text),
        people=people,
        authors=authors,
        findings=classifier.classify(segment_findings(text)),
    )
