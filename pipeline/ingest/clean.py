"""Page debris out, article text kept: widgets, counters, related-news lists, banners, repeated paragraphs.

What counts as debris is data (``pipeline/data/boilerplate.json``); this module only applies it.
Cleaning works line by line and keeps headings, captions, the byline and dates: a line is dropped only
when it is nothing but debris, and widget text inside a line ("| Lượt xem: 342") is cut out while the rest stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import data_json
from pipeline.nlp.text import normalize

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_PUNCT_ONLY = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[.!?…:;]$")


@dataclass(frozen=True)
class Boilerplate:
    """The debris rules read from ``boilerplate.json``, compiled."""

    lines: frozenset[str]
    line_patterns: tuple[re.Pattern[str], ...]
    fragments: tuple[re.Pattern[str], ...]
    counter_headings: frozenset[str]
    counter_line: re.Pattern[str]
    link_headings: frozenset[str]
    max_link_chars: int
    slogan_separator: re.Pattern[str]


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    """Return the debris rules from ``pipeline/data/boilerplate.json`` (read once)."""
    raw = data_json("boilerplate.json")
    blocks = raw["blocks"]
    return Boilerplate(
        lines=frozenset(_key(line) for line in raw["lines"]),
        line_patterns=tuple(re.compile(normalize(p)) for p in raw["line_patterns"]),
        fragments=tuple(re.compile(normalize(p), re.IGNORECASE) for p in raw["fragments"]),
        counter_headings=frozenset(_key(h) for h in blocks["counters"]["headings"]),
        counter_line=re.compile(normalize(blocks["counters"]["block_line"])),
        link_headings=frozenset(_key(h) for h in blocks["links"]["headings"]),
        max_link_chars=int(blocks["links"]["max_link_chars"]),
        slogan_separator=re.compile(raw["slogan_banner"]["separator"]),
    )


def _key(line: str) -> str:
    """Return the form a line is compared in: normalised, lower-cased, spaces collapsed, no trailing colon."""
    return _SPACES.sub(" ", normalize(line)).strip().rstrip(":").strip().lower()


def tidy_line(line: str) -> str:
    """Return ``line`` with runs of spaces (NBSP, tabs, zero-width) made one space and ends trimmed."""
    return _SPACES.sub(" ", line).strip()


def strip_widget_fragments(line: str) -> str:
    """Return ``line`` without widget text ("| Lượt xem: 342"), keeping the rest (a date, a byline).

    "Ngày đăng 19/09/2019 | 11:24 | Lượt xem: 342" -> "Ngày đăng 19/09/2019 | 11:24".
    """
    stripped = line
    for pattern in boilerplate().fragments:
        stripped = pattern.sub("", stripped)
    if stripped == line:
        return line
    return stripped.strip().strip("|").strip()


def is_slogan_banner(line: str) -> bool:
    """Return True when the line repeats its segments (slogans separated by wide gaps) at least twice each."""
    segments = [_key(s) for s in boilerplate().slogan_separator.split(line.strip()) if s.strip()]
    return len(segments) >= 2 and all(segments.count(s) >= 2 for s in segments)


def is_debris_line(line: str) -> bool:
    """Return True for a line that is only debris: a widget label, a link item ("» Tin khác"), punctuation."""
    key = _key(line)
    rules = boilerplate()
    return bool(key) and (
        key in rules.lines
        or _PUNCT_ONLY.fullmatch(key) is not None
        or any(p.match(key) for p in rules.line_patterns)
    )


def _looks_like_link(line: str) -> bool:
    """Return True for a short line without a sentence ending: a headline in a list of links."""
    text = line.strip()
    return len(text) <= boilerplate().max_link_chars and not _SENTENCE_END.search(text)


def drop_blocks(lines: Iterable[str]) -> Iterator[str]:
    """Yield the lines without visitor-counter blocks and related-news link lists (heading and items).

    A block starts at a heading line ("Thống kê truy cập", "Tin liên quan") and runs while the lines are
    counters ("Hôm nay: 1") or headlines; blank lines inside it go with it. The first line that is neither
    ends the block and is kept.
    """
    rules = boilerplate()
    in_block: re.Pattern[str] | None = None
    links = False
    for line in lines:
        key = _key(line)
        if key in rules.counter_headings:
            in_block, links = rules.counter_line, False
            continue
        if key in rules.link_headings:
            in_block, links = None, True
            continue
        if not key and (in_block or links):
            continue
        if in_block is not None and in_block.match(tidy_line(line)):
            continue
        if links and _looks_like_link(line):
            continue
        in_block, links = None, False
        yield line


def drop_repeated(lines: Iterable[str], min_chars: int = 20) -> Iterator[str]:
    """Yield the lines without exact repeats of an earlier paragraph (tidied; short ones may repeat)."""
    seen: set[str] = set()
    for line in lines:
        key = tidy_line(line)
        if len(key) >= min_chars:
            if key in seen:
                continue
            seen.add(key)
        yield line


def join_paragraphs(lines: Iterable[str]) -> str:
    """Return the lines joined by newlines, runs of blank lines made one, none at the ends."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def clean_lines(lines: Iterable[str]) -> Iterator[str]:
    """Yield the tidied lines that are not debris (blank lines kept as "", to mark paragraph breaks).

    Slogan banners are found before tidying: the wide gaps between their slogans are what marks them.
    """
    tidied = (
        "" if is_slogan_banner(line) else tidy_line(strip_widget_fragments(normalize(line))) for line in lines
    )
    kept = (line for line in drop_blocks(tidied) if not is_debris_line(line))
    yield from drop_repeated(kept)


def clean_text(text: str) -> str:
    """Return ``text`` normalised and without page debris, paragraphs separated by one blank line at most."""
    return join_paragraphs(clean_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


__all__ = [
    "boilerplate",
    "clean_lines",
    "clean_text",
    "drop_blocks",
    "drop_repeated",
    "is_debris_line",
    "is_slogan_banner",
    "join_paragraphs",
    "strip_widget_fragments",
    "tidy_line",
]
