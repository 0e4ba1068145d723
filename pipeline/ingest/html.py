"""Main text and metadata from a news page: headline, publication date, canonical URL, paragraphs.

The main text comes from our own extractor (widgets removed, then the densest block of paragraphs, with the
lead and source line just outside it); trafilatura is the fallback when ours finds next to nothing and
trafilatura can be imported. The order follows ``benchmarks/bench_html_extraction.py``: on 15 real news pages
the built-in extractor scores mean token F1 0.997 against 0.82 for trafilatura's defaults (0.92 before the
caption-table, headline, lead and source-line rules, which were tuned on those same pages).
Metadata comes from the page's meta tags first (og:title, article:published_time, rel=canonical) with
fallbacks for portals that have none (the <h1>, the <title> without its site banner, a date in the page);
a heading next to the body that the title starts with is preferred as headline (no SEO suffix, no banner).
The text then goes through ``clean_text``, which drops the widgets any extractor leaks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from html import unescape
from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from pipeline.data import data_json
from pipeline.ingest.clean import clean_text, is_debris_line, tidy_line
from pipeline.ingest.encoding import declared_charset, decode_bytes
from pipeline.ingest.errors import EmptyInput, NotText
from pipeline.model import RawDocument
from pipeline.nlp.text import fold

log = logging.getLogger(__name__)

_BLOCK_TAGS = frozenset(
    (  # noqa: SIM905
        "p div h1 h2 h3 h4 h5 h6 li ul ol table tr td th "
        "blockquote section article figure figcaption dl dt dd pre center main"
    ).split()
)
_META_TITLE = ("og:title", "twitter:title", "dc.title", "title")
_META_DATE = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "article:modified_time",
    "lastmod",
)
_META_URL = ("og:url",)
# Dates as Vietnamese pages print them: 2012-12-25, 25/12/2012, 25-12-2012, 25.12.2012.
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_MIN_OWN_CHARS = 200  # below this the built-in extractor missed the article: ask trafilatura
_WRAPPER_TAGS = frozenset(("td", "th", "tr", "tbody", "thead", "table", "figure", "figcaption"))
_MAX_CAPTION_CHARS = 400  # a paragraph longer than this is body text, whatever table it sits in
_HEADINGS = ("h1", "h2", "h3")
_MAX_LEAD_REGION_CHARS = 800  # more text than this between headline and body: not the article's top matter
# A date line ("Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", "15:20 PM | 21/12/2012"), once folded: nothing else.
_DATE_LINE = re.compile(
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}[:h]\d{2}(?::\d{2})?|gmt|utc|\b[ap]m\b|[+-]\d+"
    r"|\bthu (?:hai|ba|tu|nam|sau|bay)\b|\bchu nhat\b|\bngay\b|\bcap nhat\b|\bluc\b"
)
# The source line after the body: "Theo K14", "Nguồn: TTXVN", "Theo Sầm Hoa (Vietnamnet/Reuters)".
_SOURCE_LINE = re.compile(r"(?:theo|nguồn(?: tin)?\s*:?)\s+\S.{0,100}", re.IGNORECASE)
_ATTRIBUTION_MARKERS = ("source", "nguon", "author", "tacgia", "tac-gia", "byline", "signature", "butdanh")
_LEAD_MARKERS = ("sapo", "lead", "summary", "description", "intro", "teaser", "tomtat", "chapeau", "excerpt")
# Link text of a reader prompt at the end of an article ("Chia sẻ bài viết của bạn ... tại đây").
_HERE_LINKS = frozenset(("tai day", "vao day", "bam vao day", "nhan vao day", "click here", "here"))


def _decode_page(page: str | bytes) -> str:
    """Return the page as text, honouring a <meta charset> and falling back to our own detection."""
    if isinstance(page, str):
        return page
    return decode_bytes(page, declared_charset(None, page))


_BLANK = re.compile(r"[ \t\r\n\ufeff]*")


def _holds_nothing(page: str) -> bool:
    """Return whether a page holds only white space, a byte-order mark, doctypes and closed comments.

    One pass from comment to comment: a regex over them backtracks on a page of unclosed ones."""
    pos = 0
    while True:
        pos = _BLANK.match(page, pos).end()
        if pos == len(page):
            return True
        if page.startswith("<!--", pos):
            close, width = page.find("-->", pos + 4), 3
        elif page[pos : pos + 9].lower() == "<!doctype":
            close, width = page.find(">", pos), 1
        else:
            return False
        if close < 0:
            return False
        pos = close + width


def _parse(page: str) -> _Element:
    """Return the parsed page; raise ``EmptyInput`` when it holds nothing (a site under maintenance
    sends a bare doctype or a comment) and ``NotText`` when it is not HTML at all."""
    try:
        return lxml_html.document_fromstring(page.encode("utf-8"), parser=_parser())
    except (ParserError, ValueError) as exc:
        if _holds_nothing(page):
            raise EmptyInput("empty page") from exc
        raise NotText("not an HTML page") from exc


@lru_cache(maxsize=1)
def _parser() -> lxml_html.HTMLParser:
    """Return an lxml HTML parser that reads UTF-8 and drops comments."""
    return lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)


def _meta(tree: _Element, names: tuple[str, ...]) -> str | None:
    """Return the content of the first <meta> (by name, property or itemprop) among ``names`` (in order)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or meta.get("datetime") or "").strip()
        if key in names and content and key not in found:
            found[key] = content
    return next((found[n] for n in names if n in found), None)


def _text_of(element: _Element) -> str:
    """Return the element's text with spaces collapsed."""
    return tidy_line(element.text_content())


def strip_site_banner(title: str, site: str | None = None) -> str:
    """Return a <title> without the site's name ("Chốt lịch nghỉ Tết - Dân trí" -> "Chốt lịch nghỉ Tết").

    The title is split at the separators in ``boilerplate.json``; parts naming the site are dropped and the
    longest remaining part is the headline.
    """
    parts = [title]
    for separator in boilerplate_html()["title_separators"]:
        parts = [piece for part in parts for piece in part.split(separator)]
    parts = [p.strip() for p in parts if p.strip()]
    if site:
        parts = [p for p in parts if site.lower() not in p.lower()] or parts
    return max(parts, key=len) if parts else title.strip()


def boilerplate_html() -> dict[str, list[str]]:
    """Return the HTML part of ``boilerplate.json`` (tags to drop, widget markers, title separators)."""
    return data_json("boilerplate.json")["html"]


def find_title(tree: _Element) -> str | None:
    """Return the headline: og:title or title meta, else the first <h1>, else <title> without the banner."""
    site = _meta(tree, ("og:site_name", "application-name"))
    meta_title = _meta(tree, _META_TITLE)
    if meta_title:
        return strip_site_banner(tidy_line(unescape(meta_title)), site)
    for h1 in tree.iter("h1"):
        text = _text_of(h1)
        if len(text.split()) >= 3:
            return text
    title = tree.find(".//title")
    if title is not None and _text_of(title):
        return strip_site_banner(_text_of(title), site)
    return None


def _iso(text: str) -> str | None:
    """Return the first valid date in ``text`` as ISO YYYY-MM-DD (ISO or day/month/year forms), or None."""
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_DMY_DATE, (2, 1, 0))):
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                return date(int(groups[order[0]]), int(groups[order[1]]), int(groups[order[2]])).isoformat()
            except ValueError:
                continue
    return None


def find_published(tree: _Element) -> str | None:
    """Return the publication date as ISO: a date meta tag, a <time datetime>, else a date near the top.

    "Near the top" is the text before the main paragraphs' first 2,000 characters: portals print the date
    under the headline ("Ngày đăng 19/09/2019 | 11:24"). None when the page shows no date.
    """
    meta = _meta(tree, _META_DATE)
    if meta and (found := _iso(meta)):
        return found
    for time in tree.iter("time"):
        if found := _iso(time.get("datetime") or _text_of(time)):
            return found
    body = tree.find("body")
    return _iso(_text_of(body)[:2000]) if body is not None else None


def find_url(tree: _Element, url: str | None) -> str | None:
    """Return the canonical URL (<link rel=canonical>, og:url) or the URL the page was fetched from.

    A relative canonical ("/tin-tuc/...") is resolved against ``url`` when the page has one (a saved
    file has none and keeps the path as written); one that cannot be parsed ("http://[bad") gives
    way to ``url``, so a site's broken tag never stops a crawl.
    """
    declared = next(
        (
            link.get("href").strip()
            for link in tree.iter("link")
            if (link.get("rel") or "").lower() == "canonical" and link.get("href")
        ),
        None,
    ) or _meta(tree, _META_URL)
    if not declared or not url:
        return declared or url
    try:
        return urljoin(url, declared)
    except ValueError:
        return url


def drop_widgets(tree: _Element) -> None:
    """Remove scripts, navigation and widget elements (by tag, or by a widget marker in class/id) in place.

    An element holding half of the page's text or more is kept whatever its class says: a marker such as
    "header" inside a wrapper's class must not take the article with it.
    """
    rules = boilerplate_html()
    for element in list(tree.iter(*rules["drop_tags"])):
        if element.getparent() is not None:
            element.drop_tree()
    body = tree.find("body")
    total = len(_text_of(body if body is not None else tree)) or 1
    markers = rules["widget_markers"]
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in ("html", "body"):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if any(marker in names for marker in markers) and len(_text_of(element)) / total < 0.5:
            element.drop_tree()


def _link_density(element: _Element) -> float:
    """Return the share of the element's text that sits inside links."""
    text = len(_text_of(element)) or 1
    return sum(len(_text_of(a)) for a in element.iter("a")) / text


def _paragraph_text(element: _Element) -> str:
    """Return the text a paragraph-like element holds itself: all of it for a <p> or a block without
    block children ("<div><span>text</span></div>"), else only its direct text and its children's tails."""
    if element.tag == "p" or not any(
        isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in element.iterdescendants()
    ):
        return _text_of(element)
    return tidy_line(" ".join([element.text or ""] + [child.tail or "" for child in element]))


def _caption_wrapper(
    element: _Element,
    text: str,
    lengths: dict[_Element, int],
    siblings: dict[tuple[_Element, str], int],
) -> _Element:
    """Return the small <table>/<figure> that holds nothing but ``element``'s text when it has sibling
    tables/figures (one photo caption per table, a gallery of figures), else ``element`` itself.

    ``lengths`` (text length per element) and ``siblings`` (count of non-empty children of one tag per
    parent) are caches the caller keeps for one unchanged tree: every caption of a gallery asks about the
    same parent and the same enclosing cells, and reading their text again for each caption made a page
    with n captioned tables take n² time (800 tables: 2.7 s, 3,200: 45 s).
    """
    if len(text) > _MAX_CAPTION_CHARS:
        return element

    def length(node: _Element) -> int:
        if node not in lengths:
            lengths[node] = len(_text_of(node))
        return lengths[node]

    wrapper, node = element, element.getparent()
    while node is not None and node.tag in _WRAPPER_TAGS and length(node) == length(element):
        if node.tag in ("table", "figure"):
            wrapper = node
        node = node.getparent()
    parent = wrapper.getparent()
    if wrapper is element or parent is None:
        return element
    key = (parent, wrapper.tag)
    if key not in siblings:
        siblings[key] = sum(1 for s in parent if s.tag == wrapper.tag and _text_of(s))
    return wrapper if siblings[key] >= 2 else element


def main_block(tree: _Element) -> _Element | None:
    """Return the element whose paragraphs hold the most text (links discounted): the article body.

    Each paragraph-like element (<p>, or a <div>/<td> with its own text) gives its text length to its parent
    and half to its grandparent, so the container of the article's paragraphs scores highest. A paragraph
    alone in a small table or figure among sibling ones (photo captions, one table each) counts as that
    table or figure, so the scores reach the container they share. The tree is not changed here, so the
    text lengths and sibling counts the caption rule reads are cached for this call only (linear time).
    """
    scores: dict[_Element, float] = {}
    lengths: dict[_Element, int] = {}
    siblings: dict[tuple[_Element, str], int] = {}
    for element in tree.iter("p", "div", "td", "pre", "blockquote", "figcaption"):
        text = _paragraph_text(element)
        if len(text) < 25 or _link_density(element) > 0.5:
            continue
        weight = len(text) + 10 * text.count(",")
        parent = _caption_wrapper(element, text, lengths, siblings).getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + weight
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0.0) + weight / 2
    return max(scores, key=lambda e: scores[e]) if scores else None


def _is_link_list(element: _Element) -> bool:
    """Return True for a block that is mostly links (a related-news list, a tag cloud)."""
    return any(True for _ in element.iter("a")) and _link_density(element) > 0.6


def block_paragraphs(element: _Element) -> Iterator[str]:
    """Yield the element's text one paragraph at a time: block elements and <br> end a paragraph."""
    for kind, text, _ in _walk(element):
        if kind == "text":
            yield text


def _walk(element: _Element, marks: frozenset[_Element] = frozenset()) -> Iterator[tuple[str, str, _Element]]:
    """Yield the element's paragraphs in order as ("text", paragraph, innermost block holding it), with
    ("links", "", list) where a link list is left out and ("enter"/"leave", "", mark) around each mark."""
    buffer: list[str] = []
    stack = [element]

    def flush() -> Iterator[tuple[str, str, _Element]]:
        text = tidy_line(" ".join(buffer))
        buffer.clear()
        if text:
            yield "text", text, stack[-1]

    def walk(node: _Element) -> Iterator[tuple[str, str, _Element]]:
        if not isinstance(node.tag, str):
            return
        is_block = node.tag in _BLOCK_TAGS
        marked = node in marks
        if marked:
            yield from flush()
            yield "enter", "", node
        if is_block and node is not element and _is_link_list(node):
            yield from flush()
            yield "links", "", node
        else:
            if is_block or node.tag == "br":
                yield from flush()
            if is_block:
                stack.append(node)
            if node.text and node.tag != "br":
                buffer.append(node.text)
            for child in node:
                yield from walk(child)
                if child.tail:
                    buffer.append(child.tail)
            if is_block:
                yield from flush()
                stack.pop()
        if marked:
            yield from flush()
            yield "leave", "", node

    yield from walk(element)
    yield from flush()


def _is_date_line(text: str) -> bool:
    """Return True for a line that only gives a date or time ("Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)")."""
    folded = fold(text)
    rest = _DATE_LINE.sub(" ", folded)
    return rest != folded and not any(ch.isalnum() for ch in rest)


def _is_name_line(text: str) -> bool:
    """Return True for a short line of capitalised words or initials: a byline ("K. Miên", "H.V.",
    "Quang Phong - Tùng Nguyên"). A line in capitals ("GỬI PHẢN HỒI") is a widget label, not a name."""
    words = text.split()
    return (
        len(text) <= 40
        and 1 <= len(words) <= 6
        and any(ch.isalpha() for ch in text)
        and all(
            w in ("-", "&", ",", "và") or ("." in w and len(w) <= 4) or (w[0].isupper() and not w.isupper())
            for w in words
        )
    )


def _marked(element: _Element, markers: tuple[str, ...], up: int = 0) -> bool:
    """Return True when the element or one of its ``up`` nearest ancestors has a marker in its class or id."""
    node: _Element | None = element
    for _ in range(up + 1):
        if node is None:
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if any(marker in names for marker in markers):
            return True
        node = node.getparent()
    return False


def _ancestors(element: _Element) -> list[_Element]:
    """Return the element and its ancestors, nearest first."""
    return [element, *element.iterancestors()]


def _headline_element(tree: _Element, block: _Element, titles: tuple[str, ...]) -> _Element | None:
    """Return the <h1>-<h3> nearest before the body whose text the page's title or title meta starts with.

    Headings are read up to the body's first long paragraph, so a headline at the top of the body block
    counts; a site banner <h1> or a section name further up loses to the headline next to the body. The
    title, or its longest part ("Báo X | headline"), must start with the heading, not merely contain it:
    a breadcrumb or section label ("Tin tức sự kiện") is also a part of the title ("Đoàn giám sát làm
    việc tại xã X - Tin tức sự kiện"), and taking it would lose the headline. A label that opens the
    title ("Tin tức sự kiện - headline") still passes; no page seen so far writes one.
    """
    tidy = [tidy_line(unescape(t)) for t in titles if t]
    folded_titles = [fold(t) for title in tidy for t in (title, strip_site_banner(title))]
    if not folded_titles:
        return None
    inside = False
    found: _Element | None = None
    block_ancestors = set(_ancestors(block))
    for element in tree.iter():
        if element is block:
            inside = True
        if not isinstance(element.tag, str) or element in block_ancestors:
            continue
        if element.tag in _HEADINGS:
            text = _text_of(element)
            folded = fold(text)
            if len(text.split()) >= 3 and any(title.startswith(folded) for title in folded_titles):
                found = element
        elif inside and element.tag in ("p", "div", "td") and len(_paragraph_text(element)) >= 80:
            break
    return found


def _lowest_common_ancestor(first: _Element, second: _Element) -> _Element | None:
    """Return the nearest element holding both."""
    seconds = set(_ancestors(second))
    return next((a for a in _ancestors(first) if a in seconds), None)


def _top_matter(headline: _Element | None, block: _Element) -> list[str]:
    """Return the lead (sapo) and source line between the headline and the body block.

    Kept: paragraphs of 40 characters or more with few links (a lead, a long caption) and source lines
    ("Theo Ngoisao | 25/12/2012"); left out: date lines, link lists, widget lines, names and short labels.
    Nothing is taken when more than three paragraphs or 800 characters qualify: a summary box or another
    article's text, or a heading that is not this body's headline.
    """
    if headline is None or headline in set(_ancestors(block)) or block in set(_ancestors(headline)):
        return []
    root = _lowest_common_ancestor(headline, block)
    if root is None:
        return []
    found: list[str] = []
    collecting = False
    for kind, text, holder in _walk(root, frozenset((headline, block))):
        if kind == "leave" and holder is headline:
            collecting = True
        elif kind == "enter" and holder is block:
            break
        elif kind == "text" and collecting and not _is_date_line(text) and not is_debris_line(text):
            lead = len(text) >= 40 and _link_density(holder) <= 0.2
            if lead or _SOURCE_LINE.match(text):
                found.append(text)
    if len(found) > 3 or sum(len(t) for t in found) > _MAX_LEAD_REGION_CHARS:
        return []
    return found


def _enclosing(element: _Element, levels: int) -> _Element:
    """Return the ancestor ``levels`` up from ``element`` (or the root, if the tree is shallower)."""
    for _ in range(levels):
        parent = element.getparent()
        if parent is None:
            break
        element = parent
    return element


def _lead_before(block: _Element) -> list[str]:
    """Return the paragraph just before the body block when its class or id marks it as the lead."""
    root = _enclosing(block, 3)
    last: tuple[str, _Element] | None = None
    for kind, text, holder in _walk(root, frozenset((block,))):
        if kind == "enter" and holder is block:
            break
        if kind == "text":
            last = (text, holder)
        elif kind == "links":
            last = None
    if last and len(last[0]) >= 40 and _marked(last[1], _LEAD_MARKERS, up=1):
        return [last[0]]
    return []


def _attribution_after(block: _Element) -> list[str]:
    """Return the source or byline lines right after the body block ("Theo K14", "K. Miên"), at most two:
    the first lines after it, while they are a source line, a name, or marked as source/author."""
    root = _enclosing(block, 3)
    found: list[str] = []
    after = False
    for kind, text, holder in _walk(root, frozenset((block,))):
        if kind == "leave" and holder is block:
            after = True
            continue
        if not after or kind == "enter" or kind == "leave":
            continue
        if kind == "links" or holder.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or is_debris_line(text):
            break
        if (
            not (
                _SOURCE_LINE.fullmatch(text)
                or _is_name_line(text)
                or _marked(holder, _ATTRIBUTION_MARKERS, up=0)
            )
            or _link_density(holder) > 0.5
            or len(text) > 120
        ):
            break
        found.append(text)
        if len(found) == 2:
            break
    return found


def _squeezed(text: str) -> str:
    """Return the text without any whitespace (to compare texts joined with and without spaces)."""
    return "".join(text.split())


def _is_reader_prompt(paragraph: str, block: _Element) -> bool:
    """Return True for a short closing line that sends the reader elsewhere through a "here" link
    ("Chia sẻ bài viết của bạn về sự tàn phá môi trường tại đây.")."""
    if len(paragraph) > 160:
        return False
    for link in block.iter("a"):
        if fold(_text_of(link)).strip(" .:!") in _HERE_LINKS:
            holder = next((a for a in link.iterancestors() if a.tag in _BLOCK_TAGS), None)
            if (
                holder is not None
                and holder is not block
                and _squeezed(_text_of(holder)) == _squeezed(paragraph)
            ):
                return True
    return False


def _own_article(tree: _Element, titles: tuple[str, ...] = ()) -> tuple[str, _Element | None]:
    """Return the main text by our own rule and the headline element found next to it (or None).

    The body is the densest block's paragraphs (link lists and a closing reader prompt left out); the
    lead and source line that sit just outside it are added: the paragraphs between the headline and
    the body, else a paragraph marked as lead just before it, and the source/byline lines right after it.
    """
    block = main_block(tree)
    if block is None:
        return "", None
    paragraphs = [p for p in block_paragraphs(block) if len(p) > 3]
    while paragraphs and _is_reader_prompt(paragraphs[-1], block):
        paragraphs.pop()
    headline = _headline_element(tree, block, titles)
    before = _top_matter(headline, block) or _lead_before(block)
    after = _attribution_after(block)
    return "\n\n".join(before + paragraphs + after), headline


@lru_cache(maxsize=1)
def _trafilatura():  # noqa: ANN202 - the module or None
    """Return the trafilatura module, or None (logged once) when it cannot be imported here."""
    try:
        import trafilatura
    except ImportError as exc:
        log.warning("trafilatura unavailable (%s); using the built-in main-text extractor", exc)
        return None
    return trafilatura


def engine_main_text(tree: _Element, url: str | None) -> str | None:
    """Return trafilatura's main text (a blank line between paragraphs), or None if unavailable."""
    engine = _trafilatura()
    if engine is None:
        return None
    text = engine.extract(tree, url=url, include_comments=False, include_tables=True, deduplicate=True)
    return "\n\n".join(line for line in (text or "").split("\n") if line.strip()) or None


def _with_headline(text: str, title: str | None) -> str:
    """Return the text with the headline as first paragraph (as in the seeds) unless already there."""
    if not title or tidy_line(text[: len(title) + 20]).startswith(title):
        return text
    return f"{title}\n\n{text}"


def extract_html(html: str | bytes, url: str | None = None) -> RawDocument:
    """Return the page's cleaned main text, headline, ISO publication date and canonical URL.

    Raises ``NotText`` for a page that is not HTML and ``EmptyInput`` for one without main text.
    """
    tree = _parse(_decode_page(html))
    title = find_title(tree)
    page_title = tree.find(".//title")
    titles = (_meta(tree, _META_TITLE) or "", page_title.text_content() if page_title is not None else "")
    published = find_published(tree)
    canonical = find_url(tree, url)
    drop_widgets(tree)
    body, headline = _own_article(tree, titles)
    if headline is not None:
        title = _text_of(headline)
    if len(body) < _MIN_OWN_CHARS:
        engine = engine_main_text(tree, canonical)
        body = engine if engine and len(engine) > len(body) else body
    text = clean_text(_with_headline(body, title))
    if not text:
        raise EmptyInput("no main text in the page")
    return RawDocument(
        source=url or canonical or "<html>", text=text, title=title, published=published, url=canonical
    )


__all__ = [
    "block_paragraphs",
    "drop_widgets",
    "engine_main_text",
    "extract_html",
    "find_published",
    "find_title",
    "find_url",
    "main_block",
    "strip_site_banner",
]
