"""Paragraphs, sentences and words as character offsets, and the underthesea-backed spaCy tokenizer.

underthesea segments Vietnamese words ("Ủy ban", "thủ tục hành chính") but rewrites its input while
doing so: it moves tone marks ("Uỷ" -> "Ủy", "Thuý" -> "Thúy"), inserts spaces ("[GMT" -> "[ GMT") and
joins lines. spaCy needs tokens that are exact slices of the text, so each paragraph (line) is segmented
on its own and the words are aligned back to the original characters with accents, case and whitespace
ignored (``pipeline.nlp.text.fold``); a stretch that cannot be aligned is split on whitespace instead.

``spacy.blank("vi")`` tokenises with pyvi; ``vietnamese()`` is the same blank pipeline with this
tokenizer, registered as ``giamsat.underthesea_tokenizer.v1`` so a saved pipeline's config names it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab
from underthesea import sent_tokenize, word_tokenize

from pipeline.model import Span
from pipeline.nlp.text import fold

#: A paragraph: a line, without the whitespace around it.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
#: What is left of a stretch underthesea's words do not cover: whitespace-separated chunks.
_CHUNK = re.compile(r"\S+")
#: The name of the tokenizer in spaCy's registry (``[nlp.tokenizer]`` in a pipeline's config).
TOKENIZER_NAME = "giamsat.underthesea_tokenizer.v1"


def paragraphs(text: str) -> list[Span]:
    """Return the spans of the non-blank lines of ``text`` (its paragraphs), surrounding spaces left out."""
    return [match.span() for match in _PARAGRAPH.finditer(text)]


def sentences(text: str) -> list[Span]:
    """Return the sentence spans of ``text``: underthesea's sentences, found back inside each paragraph.

    A sentence never crosses a line. Should underthesea return a sentence that is not a slice of the
    paragraph, the rest of the paragraph is one sentence.
    """
    spans = []
    for start, end in paragraphs(text):
        pos = start
        for sentence in sent_tokenize(text[start:end]):
            found = text.find(sentence, pos, end)
            if found < 0:
                break
            spans.append((found, found + len(sentence)))
            pos = found + len(sentence)
        spans.extend(match.span() for match in _PARAGRAPH.finditer(text, pos, end))
    return spans


def _skipped(ch: str) -> bool:
    """Return whether alignment ignores ``ch``: whitespace (underthesea adds and drops it) or a lone mark."""
    return ch.isspace() or unicodedata.combining(ch) != 0


def _folded(text: str) -> str:
    """Return ``text`` folded with one character per character, so offsets hold even on non-NFC input."""
    if unicodedata.is_normalized("NFC", text):
        return fold(text)
    return "".join(fold(ch)[:1] for ch in text)


def _aligned(line: str, words: list[str]) -> list[Span]:
    """Return the spans in ``line`` of the ``words`` whose letters line up with its letters, in order.

    Letters are compared folded, whitespace ignored. When the words spell the line exactly (the usual
    case) each word takes the next letters; otherwise a diff aligns what it can and a word that is not
    matched letter for letter, contiguously, gets no span.
    """
    folded = _folded(line)
    positions = [i for i, ch in enumerate(folded) if not _skipped(ch)]
    letters = "".join(folded[i] for i in positions)
    keys = ["".join(ch for ch in fold(word) if not _skipped(ch)) for word in words]
    joined = "".join(keys)
    if joined == letters:
        target = list(range(len(joined)))
    else:
        target = [-1] * len(joined)
        for a, b, size in SequenceMatcher(None, letters, joined, autojunk=False).get_matching_blocks():
            target[b : b + size] = range(a, a + size)
    spans = []
    first = 0
    for key in keys:
        last = first + len(key) - 1
        if key and min(target[first : last + 1]) >= 0 and target[last] - target[first] == last - first:
            spans.append((positions[target[first]], positions[target[last]] + 1))
        first = last + 1
    return spans


def _filled(line: str, spans: list[Span]) -> list[Span]:
    """Return ``spans`` with the whitespace-separated chunks of the stretches between them added, in order."""
    out = []
    pos = 0
    for start, end in [*spans, (len(line), len(line))]:
        out.extend(match.span() for match in _CHUNK.finditer(line, pos, start))
        if end > start:
            out.append((start, end))
        pos = end
    return out


def word_spans(text: str) -> list[Span]:
    """Return the spans of the words of ``text``: underthesea's segmentation, paragraph by paragraph."""
    spans = []
    for start, end in paragraphs(text):
        line = text[start:end]
        spans.extend((start + a, start + b) for a, b in _filled(line, _aligned(line, word_tokenize(line))))
    return spans


def _words_and_spaces(text: str, spans: list[Span]) -> tuple[list[str], list[bool]]:
    """Return spaCy's ``words`` and ``spaces`` for ``text`` cut at ``spans``; other whitespace is tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[pos:start]
        if words and gap.startswith(" "):
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    return words, spaces


class UndertheseaTokenizer:
    """A spaCy tokenizer whose tokens are underthesea's words, exact slices of the text."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Return the Doc of ``text``, one token per word; ``doc.text == text``, whitespace included."""
        words, spaces = _words_and_spaces(text, word_spans(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **kwargs: Any) -> bytes:
        """Return no bytes: the tokenizer has no state (underthesea's models ship in its wheel)."""
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> UndertheseaTokenizer:
        """Return ``self``: there is no state to restore."""
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        """Write nothing: ``Language.to_disk`` asks every tokenizer to save itself, this one has no state."""

    def from_disk(self, path: str | Path, **kwargs: Any) -> UndertheseaTokenizer:
        """Return ``self``: there is no state to load."""
        return self


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    """Return the builder spaCy calls with the pipeline to make its tokenizer (referenced by configs)."""

    def make(nlp: Language) -> UndertheseaTokenizer:
        """Return a tokenizer over the pipeline's vocabulary."""
        return UndertheseaTokenizer(nlp.vocab)

    return make


@lru_cache(maxsize=1)
def vietnamese() -> Language:
    """Return the blank Vietnamese pipeline with the underthesea tokenizer, built once (no pyvi needed)."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
