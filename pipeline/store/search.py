"""Diacritic-insensitive full-text search: query building and highlighting over folded columns.

The FTS5 index holds folded text (``pipeline.nlp.text.fold``), which has the same length as the
original, so a highlight found in the folded text maps back to the same characters of the original.
"""

from __future__ import annotations

import re

from pipeline.nlp.text import fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
OPEN, CLOSE = "\x02", "\x03"


def fts_query(text: str) -> str | None:
    """Return an FTS5 MATCH expression requiring every word of ``text`` (folded), or None if it has none."""
    words = _WORD.findall(fold(text))
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words)


def unfold_highlight(
    original: str, highlighted_folded: str, open_mark: str = "[", close_mark: str = "]"
) -> str:
    """Return ``original`` with the marks that FTS5 ``highlight()`` put into its folded twin.

    ``highlighted_folded`` is the folded text with OPEN/CLOSE control characters around matches.
    """
    out: list[str] = []
    i = 0
    for ch in highlighted_folded:
        if ch == OPEN:
            out.append(open_mark)
        elif ch == CLOSE:
            out.append(close_mark)
        else:
            out.append(original[i] if i < len(original) else ch)
            i += 1
    return "".join(out)
