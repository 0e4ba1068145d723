"""Plain dataclasses that carry one document from ingestion to the store.

Every extractor returns these, the store writes them, and ``Article.to_dict``
is the public JSON contract of ``giamsat extract`` (documented in README.md).
Character offsets (``span``) index into ``Article.text``; they are used by the
store and the UI but are not part of the JSON contract, so they are left out of
``to_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

#: The roles a date can play in an article.
DATE_ROLES = ("published", "event", "document", "deadline", "other")
#: The labels a finding can carry.
FINDING_LABELS = ("strength", "shortcoming", "recommendation")
#: The extra label the classifier predicts for a segment that assesses nothing.
NOT_A_FINDING = "none"

Span = tuple[int, int]


def _public(obj: Any) -> dict[str, Any]:
    """Return the dataclass as a dict without its ``span`` (offsets are internal)."""
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj) if f.name != "span"}


def _plain(value: Any) -> Any:
    """Return ``value`` with nested dataclasses and tuples made JSON-ready."""
    if hasattr(value, "__dataclass_fields__"):
        return _public(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass
class DateMention:
    """A date expression: ``value`` is ISO, ``end`` is set for ranges and periods."""

    text: str
    value: str
    end: str | None = None
    role: str = "other"
    span: Span | None = None


@dataclass
class DocumentRef:
    """One document number ("983-QĐ/QU"); a shared symbol yields one ref per number."""

    text: str
    number: str
    type_code: str | None = None
    type: str | None = None
    issuer_code: str | None = None
    year: int | None = None
    date: str | None = None
    span: Span | None = None


@dataclass
class Locality:
    """An administrative unit named in the text, resolved against the gazetteer when possible."""

    text: str
    name: str
    level: str
    province: str | None = None
    code: str | None = None
    span: Span | None = None
    #: the gazetteer era of ``code``: "legacy" (before 1 July 2025) or "2025"; codes repeat across eras
    era: str | None = None
    #: gazetteer codes of the candidates when the name is ambiguous and unresolved
    candidates: list[str] = field(default_factory=list)


@dataclass
class Organization:
    """A body (Party committee, people's committee, department, delegation) by canonical name."""

    text: str
    name: str
    span: Span | None = None


@dataclass
class Person:
    """A named official with titles and the role played in the reported event."""

    name: str
    titles: list[str] = field(default_factory=list)
    role: str | None = None
    span: Span | None = None


@dataclass
class Finding:
    """One assessed point: a strength, a shortcoming or a recommendation."""

    text: str
    label: str
    score: float
    span: Span | None = None
    #: the lead-in the point follows ("... hạn chế, thiếu sót cần quan tâm như:"), if any
    leadin: str | None = None


@dataclass
class Article:
    """A document with everything extracted from it."""

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    localities: list[Locality] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """Return the public JSON contract; the full text only when asked for."""
        out = {
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "dates": _plain(self.dates),
            "documents": _plain(self.documents),
            "localities": [
                {k: v for k, v in _public(loc).items() if k not in ("candidates", "era")}
                for loc in self.localities
            ],
            "organizations": _plain(self.organizations),
            "people": _plain(self.people),
            "authors": list(self.authors),
            "findings": [{k: v for k, v in _public(f).items() if k != "leadin"} for f in self.findings],
        }
        if self.url:
            out["url"] = self.url
        if with_text:
            out["text"] = self.text
        return out


@dataclass
class RawDocument:
    """A cleaned document as ingestion hands it to extraction."""

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    #: other places the same article was seen (filled by de-duplication)
    also_at: list[str] = field(default_factory=list)


__all__ = [
    "DATE_ROLES",
    "FINDING_LABELS",
    "NOT_A_FINDING",
    "Article",
    "DateMention",
    "DocumentRef",
    "Finding",
    "Locality",
    "Organization",
    "Person",
    "RawDocument",
]
