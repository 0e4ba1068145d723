"""Filter tokens indexed next to each finding's text, so a text query filters inside FTS5.

A text query with a label and a place ("thủ tục hành chính" among shortcomings in Hà Nội) is fast
only if the full-text index itself skips the findings that fail the filters; ranking every text
hit first and filtering afterwards costs hundreds of milliseconds on a million findings. So each
finding carries, in its FTS ``tags`` column, one token for its label and one for every gazetteer
unit its article names *and every unit above it*: a query for a province or a district then needs
only the tokens of the units it names, not of everything inside them. Documents carry the place
tokens too, for the search of findings through their article's text.

Tokens are letters and digits only (the FTS tokenizer splits on "_"): ``labelshortcoming``,
``ulegacy00148`` (a unit: era + code), ``nthachban`` (a place the gazetteer could not resolve).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.gazetteer import LEGACY, Unit, load_gazetteer
from pipeline.nlp.text import fold

_NOT_TOKEN = re.compile(r"[^0-9a-z]+")


def label_token(label: str) -> str:
    """Return the token of a finding label."""
    return "label" + label


def unit_token(era: str, code: str) -> str:
    """Return the token of a gazetteer unit."""
    return _NOT_TOKEN.sub("", f"u{era}{code}".lower())


def name_token(bare_name: str) -> str:
    """Return the token of a place known only by name (folded, without its level word)."""
    return "n" + _NOT_TOKEN.sub("", fold(bare_name))


def place_tokens(era: str | None, code: str | None, bare_name: str, province: str | None = None) -> list[str]:
    """Return the tokens a mention of a place gives its article: the unit and its ancestors, or its name.

    A place known by name only but placed in a province (a dissolved "huyện Hoành Bồ", a "quận Thủ
    Đức" written at its old level) also gets its province's token, so a query for the province finds it.
    """
    gazetteer = load_gazetteer()
    unit = gazetteer.unit(code, era) if code and era else None
    if unit is None:
        return [name_token(bare_name), *(unit_token(u.era, u.code) for u in province_units(province))]
    return [unit_token(u.era, u.code) for u in (unit, *gazetteer.ancestors(unit))]


def province_units(province: str | None) -> list[Unit]:
    """Return the legacy province called ``province`` (a locality's short province name), if any."""
    if not province:
        return []
    return [u for u in load_gazetteer().find(province, era=LEGACY) if u.parent_code is None]


def document_tags(place_token_lists: Iterable[list[str]]) -> str:
    """Return a document's ``tags`` column: the tokens of every place it names, each once."""
    return " ".join(dict.fromkeys(t for tokens in place_token_lists for t in tokens))


def locality_tags(localities: Iterable[tuple[str | None, str | None, str, str | None]]) -> str:
    """Return a document's ``tags`` column from its localities' (era, code, bare name, province), in
    the order it names them.

    Writing an article and upgrading a stored archive both call this, so an upgraded archive's tags
    are exactly those a fresh write would give it.
    """
    return document_tags(place_tokens(*locality) for locality in localities)


def finding_tags(label: str, document_tags: str) -> str:
    """Return a finding's ``tags`` column: its label token, then its document's place tokens."""
    return f"{label_token(label)} {document_tags}".rstrip()


def covering_tokens(keys: Iterable[tuple[str, str]], bare_name: str) -> list[str]:
    """Return the fewest unit tokens that match every finding filed under any of ``keys``.

    A unit whose ancestor is also among ``keys`` needs no token of its own (its findings carry the
    ancestor's token too). The name token catches mentions the gazetteer could not resolve.
    """
    gazetteer = load_gazetteer()
    units: dict[tuple[str, str], Unit] = {}
    for era, code in keys:
        unit = gazetteer.unit(code, era)
        if unit is not None:
            units[unit.key] = unit
    top = [u for u in units.values() if not any(a.key in units for a in gazetteer.ancestors(u))]
    return [*(unit_token(u.era, u.code) for u in top), name_token(bare_name)]
