"""underthesea's NER alone, as the baseline the extractors are measured against (``giamsat eval --baseline``).

It is weak on this genre (it tags "đồng chí X" as a place and "QĐ", "MTTQ" as people), which is why
the extractors are rule- and gazetteer-based; keeping it runnable shows by how much.
"""

from __future__ import annotations


def ner_names(text: str, kind: str) -> list[str]:
    """Return the distinct entities of type ``kind`` ("PER", "LOC", "ORG") that underthesea's ``ner`` finds.

    Text is tagged line by line: underthesea merges tokens across newlines.
    """
    from underthesea import ner

    names: list[str] = []
    for line in filter(str.strip, text.splitlines()):
        current: list[str] = []
        for word, _, _, label in [*ner(line), ("", "", "", "O")]:
            if label == f"I-{kind}" and current:
                current.append(word)
                continue
            if current:
                names.append(" ".join(current))
            current = [word] if label == f"B-{kind}" else []
    return list(dict.fromkeys(names))
