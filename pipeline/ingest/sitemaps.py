"""Page and sitemap URLs from a sitemap: XML ``urlset`` or ``sitemapindex``, gzipped or not, or plain text.

Follows the sitemaps.org protocol (https://www.sitemaps.org/protocol.html): at most 50,000 URLs and 50 MB
uncompressed per file. The XML parser resolves no entities and opens no network connection.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from pipeline.ingest.errors import IngestError

#: Limits from the protocol: URLs per file and bytes once decompressed.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class BadSitemap(IngestError):
    """A sitemap that is neither XML nor a list of URLs, or a gzip file that does not decompress."""


@dataclass(frozen=True)
class Sitemap:
    """What one sitemap file lists: pages, and further sitemaps (a sitemap index)."""

    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _gunzip(data: bytes) -> bytes:
    """Return gzipped ``data`` decompressed (at most ``MAX_BYTES``), or ``data`` when it is not gzipped."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, MAX_BYTES + 1)
    except zlib.error as exc:
        raise BadSitemap(f"gzipped sitemap does not decompress: {exc}") from exc
    if len(out) > MAX_BYTES:
        raise BadSitemap(f"sitemap larger than {MAX_BYTES} bytes once decompressed")
    return out


def _local_name(tag: object) -> str:
    """Return an element's tag without its namespace ("{http://...}loc" -> "loc"); "" for comments."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_sitemap(data: bytes, base_url: str | None = None) -> Sitemap:
    """Return the page and sitemap URLs a sitemap lists, made absolute against ``base_url``.

    A text sitemap (one URL a line) is read too. Raises ``BadSitemap`` when the file is neither.
    """
    data = _gunzip(data)
    if data.lstrip()[:1] != b"<":
        lines = data.decode("utf-8", errors="replace").splitlines()
        pages = [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
        if not pages and data.strip():
            raise BadSitemap("not a sitemap: neither XML nor a list of URLs")
        return Sitemap(pages=pages[:MAX_URLS])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise BadSitemap(f"sitemap XML does not parse: {exc}") from exc
    if root is None:
        raise BadSitemap("sitemap XML is empty")
    found = Sitemap()
    for loc in root.iter():
        if _local_name(loc.tag) != "loc" or not (loc.text or "").strip():
            continue
        parent = loc.getparent()
        kind = _local_name(parent.tag) if parent is not None else ""
        target = {"url": found.pages, "sitemap": found.sitemaps}.get(kind)  # not <image:loc>, <video:loc>
        if target is not None and len(target) < MAX_URLS:
            target.append(urljoin(base_url or "", loc.text.strip()))
    return found


__all__ = ["MAX_BYTES", "MAX_URLS", "BadSitemap", "Sitemap", "parse_sitemap"]
