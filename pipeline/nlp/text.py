"""Vietnamese text normalisation, folding for search, and abbreviation lookup.

Every function here keeps the string's length, so character offsets found on the
normalised or folded text point at the same characters of the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.data import data_json

# Tone marks as combining characters (NFD): grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"

# "oa", "oe", "uy" ending a syllable carry the tone on the first vowel in the
# classic placement ("hòa", "khỏe", "thủy", "Ủy") that gazetteers, underthesea
# and most official text use; the "new" placement puts it on the second ("hoà",
# "Uỷ"). A following letter ("hoàng", "tuyến") means the mark is on the second
# vowel in both styles, and "qu" + "y" ("quý") is a consonant plus vowel.
# A letter or another combining mark (the breve of "ặ" in "hoặc") means the syllable goes on.
_SYLLABLE_END = r"(?![^\W\d_]|[\u0300-\u036f])"
_NEW_STYLE = re.compile(
    r"(?<![qQ])([oO])([aAeE])(["
    + _TONES
    + r"])"
    + _SYLLABLE_END
    + r"|(?<![qQ])([uU])([yY])(["
    + _TONES
    + r"])"
    + _SYLLABLE_END
)


def _move_tone(match: re.Match[str]) -> str:
    """Return the matched vowel pair with its tone moved onto the first vowel."""
    first, second, tone = (g for g in match.groups() if g is not None)
    return first + tone + second


def unify_tones(text: str) -> str:
    """Return ``text`` in NFC with the classic tone placement ("Uỷ" -> "Ủy", "hoà" -> "hòa")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(_move_tone, decomposed))


def normalize(text: str) -> str:
    """Return NFC text with unified tone placement and non-breaking spaces made plain.

    The result has the same length as ``unicodedata.normalize("NFC", text)``.
    """
    text = unify_tones(text)
    return text.replace("\u00a0", " ").replace("\u200b", " ").replace("\ufeff", " ")


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Return ``text`` lower-cased without diacritics; "đ" becomes "d" (it is a letter, not a mark).

    Length-preserving on NFC input, so offsets in the folded text map back.
    """
    out = []
    for ch in unicodedata.normalize("NFC", text).translate(_FOLD_TABLE):
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Return the abbreviation table (``pipeline/data/abbreviations.json``): short form -> full form."""
    return {k: v for k, v in data_json("abbreviations.json").items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Return the surnames in lower case, tones kept ("Trương", "Hầu" are surnames; "Trưởng", "Hậu" not).

    People read names by them; organisations stop a unit's own name before a person's.
    """
    return frozenset(s.lower() for s in data_json("person_surnames.json")["surnames"])


def expand_abbreviation(token: str) -> str:
    """Return the full form of an abbreviation ("QUV" -> "Quận ủy viên"), or ``token`` unchanged."""
    return abbreviations().get(token, token)
