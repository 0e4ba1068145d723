"""Splitting an article into candidate findings, and matching findings by word overlap.

The rules are those of ``corpora/findings/GUIDE.md`` ("Segmentation"): paragraphs, then
sentences, then the points of a sentence (split on ";" unless a part only continues the
previous item, and where a clause with another label starts: "... và đề nghị ..."). Lead-ins
ending in ":" and introductory clauses ("Qua nghiên cứu hồ sơ ... cho thấy,") go to
``Segment.leadin``; item markers ("Hai là,", "1.", "-") go to ``Segment.marker``. Deciding
which segments are findings is the classifier's job (``pipeline.classify``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import data_json
from pipeline.model import Span
from pipeline.nlp.text import fold

#: characters that end a sentence (a run of them, with closing quotes, is one end)
_SENTENCE_END = re.compile(r"(?:[.!?]|…)+[\"”’)\]»]*")
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+")
_TRIM_LEFT = " \t,;:.-–—…"
_TRIM_RIGHT = " \t,;:-–—"
_QUOTES = "\"“”‘’'«"


@dataclass(frozen=True)
class Segment:
    """A candidate finding: its text, where it lies, and the context it was found in."""

    text: str
    span: Span
    #: the lead-in the point follows ("... hạn chế, thiếu sót cần quan tâm như:"), if any
    leadin: str | None = None
    #: index of the paragraph (non-empty line) the segment lies in
    paragraph: int = 0
    #: the item marker left out of the text ("Hai là,", "1.", "-"), if any
    marker: str | None = None


def _alternation(phrases: list[str]) -> str:
    """Return a regex alternation of ``phrases``, longest first so that none hides a longer one."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern[str]:
    """Return the pattern of an item marker at the start of a line or sentence."""
    table = data_json("finding_segmentation.json")
    bullets = "".join(re.escape(b) for b in table["bullets"])
    numbered = _alternation(table["numbered_words"])
    ordinal = _alternation(table["ordinal_words"])
    return re.compile(
        rf"\s*(?:(?:{numbered})\s+là\s*[,:.]?|(?:{ordinal})\s*[,:](?!\s*\d)|(?:\d{{1,2}}|[IVX]{{1,4}})\s*[.)]|[a-zđ]\)|[{bullets}])(?=\s|$)\s*",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _clause_split_pattern() -> re.Pattern[str]:
    """Return the pattern of a conjunction followed by a clause with another label ("và đề nghị")."""
    pairs = data_json("finding_segmentation.json")["clause_splits"]
    boundary = r"(?<!\w)"  # before a conjunction, not before a comma
    alts = "|".join(
        rf"{boundary if a[0].isalpha() else ''}{_alternation([a])}\s+(?=(?:{_alternation([b])})(?!\w))"
        for a, b in pairs
    )
    return re.compile(alts, re.IGNORECASE)


@lru_cache(maxsize=1)
def _asking_pattern() -> re.Pattern[str]:
    """Return the pattern of a word that asks something of the unit ("đề nghị", "yêu cầu")."""
    return re.compile(
        rf"(?<!\w)(?:{_alternation(data_json('finding_segmentation.json')['asking_words'])})(?!\w)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _intro_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of an introductory clause's first words and of its closing phrase."""
    table = data_json("finding_segmentation.json")
    opener = re.compile(rf"(?:{_alternation(table['intro_openers'])})\s", re.IGNORECASE)
    closer = re.compile(rf"(?<!\w)(?:{_alternation(table['intro_closers'])})(?!\w)", re.IGNORECASE)
    return opener, closer


def _count_words(text: str) -> int:
    """Return the number of alphabetic words in ``text`` (numbers and punctuation do not count)."""
    return len(_WORD.findall(text))


def _trim(text: str, start: int, end: int) -> Span:
    """Return ``(start, end)`` narrowed past surrounding spaces and dangling separators."""
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    return start, end


def _paragraphs(text: str) -> Iterator[Span]:
    """Yield the spans of the non-empty lines (the paragraphs) of ``text``."""
    for match in re.finditer(r"[^\n]+", text):
        if _WORD.search(match.group()):
            yield match.span()


def _marker(text: str, start: int, end: int) -> tuple[str | None, int]:
    """Return the item marker opening ``text[start:end]`` (or None) and where the item's text starts."""
    match = _marker_pattern().match(text, start, end)
    if match is None or not _WORD.search(text, match.end(), end):
        return None, start
    return match.group().strip(), match.end()


def _ends_sentence(text: str, punct: re.Match[str], end: int) -> bool:
    """Return whether the punctuation run ``punct`` ends a sentence of ``text[:end]``."""
    after = punct.end()
    before = text[: punct.start()].rsplit(None, 1)[-1] if text[: punct.start()].strip() else ""
    if punct.group().startswith(".") and before in data_json("finding_segmentation.json")["not_sentence_end"]:
        return False
    if after >= end:
        return True
    if text[after].isspace():
        rest = text[after:end].lstrip()
        return bool(rest) and (
            rest[0].isupper()
            or rest[0].isdigit()
            or rest[0] in '"“‘(«' + "".join(data_json("finding_segmentation.json")["bullets"])
        )
    # glued sentences: "1,6%.Tỉ lệ", but not "T.Ư" or "3.4"
    prev = text[punct.start() - 1] if punct.start() else ""
    return (
        not prev.isupper()
        and after + 1 < end
        and text[after].isupper()
        and text[after + 1].isalpha()
        and text[after + 1].islower()
    )


def _sentences(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield the sentence spans of the paragraph ``text[start:end]``.

    A rule-based splitter rather than underthesea's ``sent_tokenize``: that one joins lines and
    keeps "chậm muộn… Đoàn giám sát" as one sentence.
    """
    begin = start
    for punct in _SENTENCE_END.finditer(text, start, end):
        if _ends_sentence(text, punct, end):
            yield begin, punct.end()
            begin = punct.end()
    if _WORD.search(text, begin, end):
        yield begin, end


def _lists_names(text: str, colon: int, end: int) -> bool:
    """Return whether the rest of a sentence after a colon only lists names, so the colon opens no points.

    "... thuộc 3 lĩnh vực: Đất đai, tài chính - kế hoạch, tư pháp hộ tịch." is one point: the list
    has no ";" between items, no predicate ("còn", "chưa", "đã", ...) and is no quotation, and the
    colon follows no verb of saying ("bà Vân nói:") or credit ("- Ảnh:"), which stay lead-ins.
    """
    rest = text[colon:end].strip()
    if (
        not _WORD.search(rest)
        or ";" in rest
        or rest[0] in _QUOTES
        or _leadin_head().search(text, 0, colon - 1)
    ):
        return False
    predicates = data_json("finding_segmentation.json")["predicates"]
    return not any(w.lower() in predicates for w in _TOKEN.findall(rest))


@lru_cache(maxsize=1)
def _leadin_head() -> re.Pattern[str]:
    """Return the pattern of a word that makes the colon after it a lead-in ("bà Vân nói:", "Ảnh:")."""
    return re.compile(
        rf"(?<!\w)(?:{_alternation(data_json('finding_segmentation.json')['leadin_heads'])})\s*$",
        re.IGNORECASE,
    )


def _leadin(text: str, start: int, end: int) -> tuple[Span, int] | None:
    """Return the span of the lead-in ending in ":" in a sentence and where its points start, if any.

    The lead-in is the last ";"-part before the colon ("...; khắc phục những mặt còn hạn chế như:"):
    the parts before it are points of their own.
    """
    for match in re.finditer(r":(?=\s|$)", text[start:end]):
        colon = start + match.end()
        if re.search(r"\d\s*:\s*\d", text[colon - 2 : colon + 2]) or _lists_names(text, colon, end):
            continue
        head_start = max(start, text.rfind(";", start, colon) + 1)
        head_start, head_end = _trim(text, head_start, colon)
        if _count_words(text[head_start:head_end]) < 2:
            return None
        return (head_start, head_end + 1), colon
    return None


def _is_fragment(part: str) -> bool:
    """Return whether a ";"-separated part only continues the previous item (a short noun phrase)."""
    table = data_json("finding_segmentation.json")
    words = part.split()
    if not words or _count_words(part) > table["fragment_max_words"]:
        return False
    if any(w.lower() in table["predicates"] for w in words):
        return False
    first = words[0]
    return first[0].isupper() or first.lower() in table["fragment_starts"] or _count_words(part) <= 3


def _parts(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield the spans of the ";"-separated points of ``text[start:end]``, fragments kept with their item."""
    cuts = [start + m.start() for m in re.finditer(";", text[start:end])]
    pieces = zip([start, *(c + 1 for c in cuts)], [*cuts, end], strict=True)
    merged: list[Span] = []
    for a, b in pieces:
        if merged and _is_fragment(text[a:b].strip()):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    yield from merged


def _clauses(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield ``text[start:end]`` split where a clause with another label starts ("... và đề nghị ...").

    No split when the first clause already asks something ("văn bản đề nghị ... và yêu cầu ...") or
    when too little follows to be a point of its own.
    """
    table = data_json("finding_segmentation.json")
    pattern = _clause_split_pattern()
    begin = start
    for match in pattern.finditer(text, start, end):
        before, after = text[begin : match.start()], text[match.end() : end]
        asks = _asking_pattern().search(before)
        if _count_words(before) >= 4 and _count_words(after) >= table["clause_min_words"] and not asks:
            yield begin, match.start()
            begin = match.end()
    yield begin, end


def _intro(text: str, start: int, end: int) -> int:
    """Return where the point starts once an introductory clause ("Qua ... cho thấy,") is left out."""
    table = data_json("finding_segmentation.json")
    opener, closer = _intro_patterns()
    limit = table["intro_max_words"]
    found = closer.search(text, start, end)
    if found and _count_words(text[start : found.start()]) <= limit:
        cut = found.end()
    elif opener.match(text, start, end):
        comma = re.compile(r",\s+(?=[^\W\d_])").finditer(text, start, end)
        cut = next((m.end() for m in comma if text[m.end()].isupper()), start)
        if _count_words(text[start:cut]) > limit:
            cut = start
    else:
        cut = start
    return cut if _count_words(text[cut:end]) >= table["min_words"] + 1 else start


def _points(text: str, start: int, end: int) -> Iterator[tuple[Span, str | None]]:
    """Yield each point of a sentence body with the introductory clause left out of it, if any."""
    for part_start, part_end in _parts(text, start, end):
        for a, b in _clauses(text, part_start, part_end):
            a, b = _trim(text, a, b)
            cut = _intro(text, a, b)
            intro = text[a:cut].strip(_TRIM_LEFT) or None
            yield _trim(text, cut, b), intro


def _segments(
    text: str, start: int, end: int, leadin: str | None, paragraph: int, marker: str | None
) -> list[Segment]:
    """Return the segments of the points in ``text[start:end]``, dropping those too short to assess."""
    min_words = data_json("finding_segmentation.json")["min_words"]
    return [
        Segment(text[a:b], (a, b), leadin or intro, paragraph, marker)
        for (a, b), intro in _points(text, start, end)
        if _count_words(text[a:b]) >= min_words
    ]


@dataclass
class _Context:
    """What a sentence inherits from the sentences before it: lead-in, marker and their age."""

    leadin: str | None = None
    marker: str | None = None
    leadin_age: int = 0
    marker_age: int = 0

    def next_sentence(self, limit: int) -> None:
        """Age the inherited lead-in and marker by one sentence, dropping those older than ``limit``."""
        self.leadin_age += 1
        self.marker_age += 1
        if self.leadin_age > limit:
            self.leadin = None
        if self.marker_age > limit:
            self.marker = None


def _paragraph(text: str, span: Span, index: int, carried: str | None) -> tuple[list[Segment], str | None]:
    """Return the segments of one paragraph and the lead-in it leaves open for the next ("... sau:").

    A lead-in or marker holds for the next few sentences of its paragraph (``carry_sentences``):
    some sources put a whole article on one line.
    """
    limit = data_json("finding_segmentation.json")["carry_sentences"]
    marker, body = _marker(text, *span)
    context = _Context(carried, marker)
    left_open: str | None = None
    segments: list[Segment] = []
    for s_start, s_end in _sentences(text, body, span[1]):
        inner, s_start = _marker(text, s_start, s_end)
        if inner:
            context.marker, context.marker_age = inner, 0
        found = _leadin(text, s_start, s_end)
        if found is not None:
            (h_start, h_end), after = found
            segments += _segments(text, s_start, h_start, context.leadin, index, context.marker)
            context.leadin, context.leadin_age, s_start = text[h_start:h_end], 0, after
            left_open = None if _TOKEN.search(text, s_start, s_end) else context.leadin
        segments += _segments(text, s_start, s_end, context.leadin, index, context.marker)
        context.next_sentence(limit)
    return segments, left_open


def segment_findings(text: str) -> list[Segment]:
    """Return the candidate findings of ``text`` in reading order, with lead-ins and markers set apart.

    A paragraph ending in a lead-in ("... nhiệm vụ sau:") passes it to the next paragraph, and on
    to the items after it while they carry a marker ("Hai là,", "-").
    """
    segments: list[Segment] = []
    carried: str | None = None
    fresh = False  # whether ``carried`` was left open by the paragraph just before
    for index, span in enumerate(_paragraphs(text)):
        marked = _marker(text, *span)[0] is not None
        found, left_open = _paragraph(text, span, index, carried if marked or fresh else None)
        segments += found
        if left_open:
            carried, fresh = left_open, True
        else:
            carried, fresh = (carried if marked else None), False
    return segments


def _words(text: str) -> Counter[str]:
    """Return the folded words of ``text`` as a multiset (punctuation and tone marks ignored)."""
    return Counter(_TOKEN.findall(fold(text)))


def overlap(pred: str, gold: str) -> float:
    """Return the shared words of two findings as a share of the longer one's words (0 to 1)."""
    p, g = _words(pred), _words(gold)
    longer = max(sum(p.values()), sum(g.values()))
    return sum((p & g).values()) / longer if longer else 0.0


def match_findings(pred: list[str], gold: list[str], threshold: float = 0.5) -> list[tuple[int, int]]:
    """Return one-to-one ``(pred index, gold index)`` pairs whose word overlap covers half the longer text.

    Pairs are taken greedily, best overlap first (ties by position), so each finding matches once.
    """
    pairs = sorted(
        (
            (-score, i, j)
            for i, p in enumerate(pred)
            for j, g in enumerate(gold)
            if (score := overlap(p, g)) >= threshold
        )
    )
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            matches.append((i, j))
    return sorted(matches)
