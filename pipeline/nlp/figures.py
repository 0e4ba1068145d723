"""Percentages, counts and amounts with what they measure ("Tỉ lệ giải quyết hồ sơ ... là 98,4%").

Vietnamese writes decimals with "," and thousands with "." ("1.000", "98,4"). A percentage measures the clause
before it when a link word joins them ("... là 98,4%", "chiếm tỉ lệ 1,6%"), else the noun phrase after it
("100% thủ tục hành chính"); a count measures the noun phrase after it, found with ``underthesea.pos_tag``.
Service levels ("mức độ 3,4"), dates, times and document numbers are not figures. Vocabulary:
``pipeline/data/figures.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import data_json
from pipeline.model import Span

#: a number ("393", "1.000", "98,4") not glued to a date, a time, a code or another number
_NUMBER = re.compile(r"(?<![\w/.:,-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w/:]|[.,-]\d)")
#: where a clause starts, looking back from a number
_CLAUSE_START = re.compile(r"[.;:!?\n](?!\d)")
#: the longest noun phrase kept as a count's measure, in words
_MAX_NOUN_WORDS = 4
_NOUN_TAGS = frozenset({"N", "Nc", "Np", "Ny"})


@dataclass
class Figure:
    """A number in the text with its unit ("%", "count", "VND") and what it measures."""

    text: str
    value: float
    unit: str
    measure: str
    span: Span | None = None


@lru_cache(maxsize=1)
def _unit_pattern() -> re.Pattern[str]:
    """Return a pattern for a unit right after a number, longest unit first."""
    units = sorted(data_json("figures.json")["units"], key=len, reverse=True)
    return re.compile(r"[^\S\n]*(" + "|".join(map(re.escape, units)) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _ends_with_link() -> re.Pattern[str]:
    """Return a pattern for the link words ("là", "chiếm gần", "đạt tỷ lệ") at the end of a clause."""
    links = "|".join(map(re.escape, sorted(data_json("figures.json")["links"], key=len, reverse=True)))
    return re.compile(rf"(?:\s+|^)(?:(?:{links})\s*)+$", re.IGNORECASE)


def _ends_with_word(text: str, words: list[str]) -> bool:
    """Return whether ``text`` ends with one of ``words`` as whole words."""
    lower = text.rstrip().lower()
    return any(lower == w or lower.endswith(" " + w) for w in words)


def _value(integer: str, decimals: str | None) -> float:
    """Return the number written with "." thousands and "," decimals as a float."""
    return float(integer.replace(".", "") + ("." + decimals if decimals else ""))


def _noun_phrase(text: str) -> str:
    """Return the noun phrase that opens ``text`` ("thủ tục hành chính thuộc ..." -> "thủ tục hành chính")."""
    from underthesea import pos_tag

    words: list[str] = []
    for word, tag in pos_tag(text):
        if tag not in _NOUN_TAGS or len(words) == _MAX_NOUN_WORDS or (words and tag == "Np"):
            break
        words.append(word)
    return " ".join(words)


def _measure_before(text: str, start: int) -> tuple[str, bool]:
    """Return (clause measured by the number at ``start``, whether a link word joined them)."""
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, start)), default=0)
    clause = text[clause_start:start].rstrip(" \t(")
    link = _ends_with_link().search(clause)
    measured = clause[: link.start()] if link else clause
    ratio = max((measured.lower().rfind(w) for w in data_json("figures.json")["ratio_words"]), default=-1)
    if ratio < 0:
        ratio = measured.rfind(",") + 1
    return " ".join(measured[ratio:].split()), link is not None


def _figure(text: str, match: re.Match[str]) -> Figure | None:
    """Return the figure a number starts, or None for levels, dates, codes and bare numbers."""
    vocab = data_json("figures.json")
    if _ends_with_word(text[max(0, match.start() - 20) : match.start()], vocab["not_after"]):
        return None
    unit_match = _unit_pattern().match(text, match.end())
    end = unit_match.end() if unit_match else match.end()
    rest = text[end : end + 80].split("\n")[0]
    value = _value(*match.groups())
    if unit_match:
        unit, factor = vocab["units"][unit_match.group(1).lower()]
        value *= factor
        measure, linked = _measure_before(text, match.start())
        if not linked and unit == "%":
            measure = _noun_phrase(rest) or measure
    else:
        unit, measure = "count", _noun_phrase(rest)
        first = measure.split(" ")[0].lower() if measure else ""
        if not measure or first in vocab["time_nouns"]:
            return None
    return Figure(text[match.start() : end], value, unit, measure, (match.start(), end))


def extract_figures(text: str) -> list[Figure]:
    """Return percentages, counts and amounts with what they measure, in order of appearance."""
    figures = (_figure(text, m) for m in _NUMBER.finditer(text))
    return [f for f in figures if f is not None]
