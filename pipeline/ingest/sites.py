"""Site profiles: which links of a host are listings or articles, and where an article's parts are.

A profile is data, one small file per host under ``pipeline/data/sites/``, laid over
``default.json`` (the generic profile every host gets). Profiles are shared by the crawler (which
links to follow) and by single URL inputs (``pipeline.ingest.urls``): both find a page's profile with
``profile_for``, accept a reply with ``page_text`` and extract it with ``extract_article``, the
profile's selectors first and ``extract_html`` for the rest, so a URL reads the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache, lru_cache
from html import escape
from importlib import resources
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, XPathError, _Element

from pipeline.data import data_json
from pipeline.ingest.encoding import declared_charset, decode_bytes
from pipeline.ingest.errors import EmptyInput, NotText
from pipeline.ingest.fetch import FetchResult
from pipeline.ingest.html import extract_html, find_url
from pipeline.model import RawDocument

#: What a followed link is: a listing page (links to articles and further listings) or an article.
LISTING, ARTICLE = "listing", "article"
#: Media types read as pages: HTML, and also plain text or no type at all, which some portals send for HTML.
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", ""})


def _matches(patterns: tuple[re.Pattern[str], ...], url: str) -> bool:
    """Return True when a pattern matches the URL's path with its query ("/tin-tuc/?page=2")."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return any(p.search(target) for p in patterns)


@dataclass(frozen=True)
class SiteProfile:
    """How to crawl one host: which links are listings or articles, and where an article's parts are."""

    host: str
    ignore_patterns: tuple[re.Pattern[str], ...] = ()
    listing_patterns: tuple[re.Pattern[str], ...] = ()
    article_patterns: tuple[re.Pattern[str], ...] = ()
    pagination_text: re.Pattern[str] | None = None
    title_xpath: str | None = None
    body_xpath: str | None = None
    date_xpath: str | None = None
    date_pattern: re.Pattern[str] | None = None
    date_format: str | None = None

    def classify(self, url: str, text: str = "") -> str | None:
        """Return LISTING or ARTICLE for a link (its URL and text) on this host, or None to leave it."""
        if self.ignores(url):
            return None
        if _matches(self.listing_patterns, url):
            return LISTING
        if _matches(self.article_patterns, url):
            return ARTICLE
        if self.pagination_text is not None and self.pagination_text.fullmatch(text.strip().lower()):
            return LISTING
        return None

    def ignores(self, url: str) -> bool:
        """Return True for a URL never to follow (a login, search or tag page, a file that is not a page)."""
        return _matches(self.ignore_patterns, url)

    @property
    def has_selectors(self) -> bool:
        """Return True when the profile says where an article's title, body or date is."""
        return bool(self.title_xpath or self.body_xpath or self.date_xpath)


def _read_profile(name: str) -> dict[str, Any]:
    """Return a profile file of ``pipeline/data/sites`` as a dict without its ``_comment`` keys."""
    return {k: v for k, v in data_json(f"sites/{name}.json").items() if not k.startswith("_")}


def _compile(fields: dict[str, Any]) -> SiteProfile:
    """Return the SiteProfile for raw profile fields (patterns compiled, case-insensitive)."""

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        """Return the compiled list under ``key`` (empty when absent)."""
        return tuple(re.compile(p, re.IGNORECASE) for p in fields.get(key) or ())

    def pattern(key: str) -> re.Pattern[str] | None:
        """Return the compiled pattern under ``key``, or None when absent."""
        return re.compile(fields[key], re.IGNORECASE) if fields.get(key) else None

    return SiteProfile(
        host=fields["host"],
        ignore_patterns=patterns("ignore_patterns"),
        listing_patterns=patterns("listing_patterns"),
        article_patterns=patterns("article_patterns"),
        pagination_text=pattern("pagination_text"),
        title_xpath=fields.get("title_xpath"),
        body_xpath=fields.get("body_xpath"),
        date_xpath=fields.get("date_xpath"),
        date_pattern=pattern("date_pattern"),
        date_format=fields.get("date_format"),
    )


@cache
def site_profile(name: str = "default") -> SiteProfile:
    """Return the profile ``pipeline/data/sites/<name>.json`` laid over ``default.json``, key by key."""
    fields = _read_profile("default")
    if name != "default":
        fields.update(_read_profile(name))
    return _compile(fields)


@lru_cache(maxsize=1)
def site_profiles() -> dict[str, SiteProfile]:
    """Return every packaged host profile by host name (the default profile is not among them)."""
    folder = resources.files("pipeline.data").joinpath("sites")
    names = [f.name.removesuffix(".json") for f in folder.iterdir() if f.name.endswith(".json")]
    profiles = [site_profile(n) for n in sorted(names) if n != "default"]
    return {p.host: p for p in profiles}


def profile_for(url: str, profiles: Mapping[str, SiteProfile] | None = None) -> SiteProfile:
    """Return the profile of ``url``'s host among ``profiles`` (default: the packaged ones), else the default.

    The one lookup the crawler (with its own mapping) and single URL inputs share, so that a page gets the
    same selectors whichever way it was fetched.
    """
    known = site_profiles() if profiles is None else profiles
    return known.get(host_of(url)) or site_profile()


def page_text(result: FetchResult) -> str:
    """Return the decoded page of a 2xx reply, refusing a reply that is not an HTML page.

    The Content-Type is checked before the body is decoded, so that a 200 carrying JSON, an image or a PDF
    is never stored as an article, whether it came from the crawler or a single URL.
    Without a usable charset in the header the page's own <meta> names it (``declared_charset``). Raises
    ``NotText`` for a non-HTML type (named in the reason), ``EmptyInput`` for an empty body, and
    ``decode_bytes``'s errors for bytes that are not text.
    """
    if result.media_type not in _PAGE_TYPES:
        raise NotText(f"not an HTML page ({result.media_type})")
    if not result.body.strip():
        raise EmptyInput("empty page")
    return decode_bytes(result.body, declared_charset(result.charset, result.body))


def normalize_url(url: str, base: str | None = None) -> str | None:
    """Return ``url`` made absolute, fragment dropped, scheme and host lower-cased; None if not http(s)."""
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    netloc = parts.hostname.lower()
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """Return the host name of ``url`` without "www." (the key for allowed hosts and profiles)."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def page_links(tree: _Element, base_url: str) -> Iterator[tuple[str, str]]:
    """Yield (absolute URL, link text) for each <a href> and <link rel=next>, <base href> honoured."""
    base = next((b.get("href") for b in tree.iter("base") if b.get("href")), None)
    base_url = urljoin(base_url, base) if base else base_url
    for element in tree.iter("a", "link"):
        href = element.get("href")
        if not href or (element.tag == "link" and (element.get("rel") or "").lower() != "next"):
            continue
        url = normalize_url(href, base_url)
        if url:
            yield url, " ".join(element.text_content().split()) if element.tag == "a" else ""


def parse_page(page: str) -> _Element | None:
    """Return the parsed HTML page, or None when it is not HTML (an XML declaration is fine)."""
    try:
        return lxml_html.document_fromstring(page.encode("utf-8"), parser=_utf8_parser())
    except (ParserError, ValueError):
        return None


@lru_cache(maxsize=1)
def _utf8_parser() -> lxml_html.HTMLParser:
    """Return an lxml HTML parser reading UTF-8 bytes (str input with an XML declaration is refused)."""
    return lxml_html.HTMLParser(encoding="utf-8")


def _select(tree: _Element, xpath: str | None) -> list[Any]:
    """Return the matches of a profile's XPath (elements or strings); [] for none or a broken expression."""
    if not xpath:
        return []
    try:
        found = tree.xpath(xpath)
    except XPathError:
        return []
    return found if isinstance(found, list) else [found]


def _first_text(tree: _Element, xpath: str | None) -> str | None:
    """Return the text of the first match of ``xpath`` (an element or a string), spaces collapsed."""
    for item in _select(tree, xpath):
        text = item.text_content() if isinstance(item, _Element) else str(item)
        if " ".join(text.split()):
            return " ".join(text.split())
    return None


def _profile_date(tree: _Element, profile: SiteProfile) -> str | None:
    """Return the ISO date the profile's date selector, pattern and format read, or None."""
    text = _first_text(tree, profile.date_xpath)
    if not text or not profile.date_format:
        return None
    match = profile.date_pattern.search(text) if profile.date_pattern else None
    try:
        return datetime.strptime(match.group(0) if match else text, profile.date_format).date().isoformat()
    except ValueError:
        return None


def extract_article(page: str, url: str, profile: SiteProfile) -> RawDocument:
    """Return the article of a decoded page: the profile's selectors first, ``extract_html`` for the rest.

    With a body selector only that element goes to ``extract_html`` (under the selected title); with a
    date selector the date is the one it reads, or None, never a date guessed from the body.
    Raises ``IngestError`` subclasses as ``extract_html`` does.
    """
    tree = parse_page(page) if profile.has_selectors else None
    if tree is None:
        return extract_html(page, url)
    title = _first_text(tree, profile.title_xpath)
    body = _select(tree, profile.body_xpath)
    if body and isinstance(body[0], _Element):
        heading = f"<h1>{escape(title)}</h1>" if title else ""
        fragment = lxml_html.tostring(body[0], encoding="unicode")
        doc = extract_html(f"<html><body>{heading}{fragment}</body></html>", url)
    else:
        doc = extract_html(page, url)
    published = _profile_date(tree, profile) if profile.date_xpath else doc.published
    return replace(doc, title=title or doc.title, published=published, url=find_url(tree, url))
