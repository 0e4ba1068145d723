"""Exact and near-duplicate documents: the same article republished by several portals.

``content_hash`` catches byte-for-byte copies after folding and whitespace collapsing; ``simhash``
(Charikar's 64-bit fingerprint over word shingles) catches copies that differ in debris or small edits.
Shingles are word pairs: on seed-sized articles (300-1,000 words) pairs kept a copy with a byline and a
counter added within 2 bits, while 3-word shingles put it at 4, past the default threshold of 3.
``Deduplicator`` keeps the first copy and records where the others were seen in its ``also_at``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from pipeline.model import RawDocument
from pipeline.nlp.text import fold

_WORD = re.compile(r"\w+")
_BITS = 64
_MASK = (1 << _BITS) - 1


def _canonical(text: str) -> str:
    """Return ``text`` folded (no accents, lower case) with whitespace collapsed: the form hashes compare."""
    return " ".join(fold(text).split())


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the folded, whitespace-collapsed text (equal for exact copies)."""
    return hashlib.sha256(_canonical(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = 2) -> Iterator[str]:
    """Yield the word ``size``-grams of the folded text (the whole text when it is shorter)."""
    words = _WORD.findall(fold(text))
    if len(words) <= size:
        if words:
            yield " ".join(words)
        return
    for start in range(len(words) - size + 1):
        yield " ".join(words[start : start + size])


def _hash64(token: str) -> int:
    """Return a stable 64-bit hash of a token (the first 8 bytes of its BLAKE2b digest)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str) -> int:
    """Return the 64-bit simhash of the text's word 2-shingles: similar texts differ in few bits."""
    weights = [0] * _BITS
    for shingle in shingles(text):
        value = _hash64(shingle)
        for bit in range(_BITS):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(_BITS) if weights[bit] > 0) & _MASK


def hamming(a: int, b: int) -> int:
    """Return the number of bits in which two fingerprints differ."""
    return (a ^ b).bit_count()


class Deduplicator:
    """Keeps the first of each set of duplicate documents and notes where the others were seen.

    Near-duplicate lookup splits each fingerprint into ``max_distance + 1`` bands: two fingerprints within
    ``max_distance`` bits agree on at least one band (pigeonhole), so only documents sharing a band are
    compared.
    """

    __slots__ = ("max_distance", "_exact", "_kept", "_bands")

    def __init__(self, max_distance: int = 3) -> None:
        """Store the Hamming distance at or below which two documents are near duplicates."""
        self.max_distance = max_distance
        self._exact: dict[str, RawDocument] = {}
        self._kept: list[tuple[int, RawDocument]] = []
        self._bands: dict[tuple[int, int], list[int]] = {}

    def _band_keys(self, fingerprint: int) -> Iterator[tuple[int, int]]:
        """Yield (band number, band bits) for the fingerprint's ``max_distance + 1`` bands."""
        count = self.max_distance + 1
        width = -(-_BITS // count)
        for band in range(count):
            yield band, fingerprint >> (band * width) & ((1 << width) - 1)

    def find(self, doc: RawDocument) -> RawDocument | None:
        """Return the kept document that ``doc`` duplicates (exactly or nearly), or None."""
        if (kept := self._exact.get(content_hash(doc.text))) is not None:
            return kept
        fingerprint = simhash(doc.text)
        for key in self._band_keys(fingerprint):
            for index in self._bands.get(key, ()):
                other, kept = self._kept[index]
                if hamming(fingerprint, other) <= self.max_distance:
                    return kept
        return None

    def add(self, doc: RawDocument) -> RawDocument | None:
        """Return ``doc`` when it is new; None for a duplicate (its source joins the kept ``also_at``)."""
        kept = self.find(doc)
        if kept is not None:
            for place in (doc.source, *doc.also_at):
                if place != kept.source and place not in kept.also_at:
                    kept.also_at.append(place)
            return None
        fingerprint = simhash(doc.text)
        self._exact[content_hash(doc.text)] = doc
        self._kept.append((fingerprint, doc))
        for key in self._band_keys(fingerprint):
            self._bands.setdefault(key, []).append(len(self._kept) - 1)
        return doc


def unique(docs: Iterable[RawDocument], max_distance: int = 3) -> Iterator[RawDocument]:
    """Yield the documents that are not duplicates of an earlier one (streaming; ``also_at`` set in place)."""
    dedup = Deduplicator(max_distance)
    for doc in docs:
        if dedup.add(doc) is not None:
            yield doc


__all__ = ["Deduplicator", "content_hash", "hamming", "shingles", "simhash", "unique"]
