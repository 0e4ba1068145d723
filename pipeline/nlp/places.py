"""Localities: administrative units named in the text, resolved against the gazetteer.

A locality is a level word or its abbreviation followed by a proper name ("phường Thạch Bàn",
"TP Hạ Long", "PHƯỜNG PHÚ TÀI"), a Party committee that names its place ("Thành ủy Phan Thiết"),
or a name continuing a list after one of these ("phường Thạch Bàn, Gia Thụy" -> two phường). The
name must exist in the gazetteer at that level, which is what keeps "xã hội" or "TT hành chính
công" out. Each name is resolved to one unit when the gazetteer has one of that name and level, or
when the article's other places (or a site's host, "thainguyen.gov.vn") pick one of several;
otherwise the candidates are kept and the province and code stay empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from urllib.parse import urlparse

from pipeline.data import data_json
from pipeline.gazetteer import COMMUNE_LEVELS, LEGACY, Unit, load_gazetteer, name_key, same_spelling, spelling
from pipeline.model import Locality
from pipeline.nlp.text import fold, normalize

#: A name is at most this many syllables ("Phan Rang - Tháp Chàm" is four).
MAX_SYLLABLES = 6

#: "H'Drai" is one syllable, and so is "G ’ Long" where a site spaced the apostrophe
_SYLLABLE = re.compile(r"[^\W_]+(?:[ \t]?['’‘][ \t]?[^\W_]+)*")
_GAP = re.compile(r"[ \t]*[-–][ \t]*|[ \t]+")  # the dash first: "Bà Rịa - Vũng Tàu" is one name
#: the words that open each end of a range a level word heads: "các tỉnh từ Bình Định đến Cà Mau"
_RANGE_GAPS = tuple(re.compile(rf"[ \t]+{word}[ \t]+") for word in ("từ", "đến"))
_LIST_SEPARATOR = re.compile(r"[ \t]*,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+")
#: level words that name only a district, whose unit may have changed level since ("thành phố" is also a province)
_DISTRICT_WORDS = ("quận", "huyện", "thị xã")
_HOST = re.compile(r"(?<![\w.])(?:[a-z0-9-]+\.)+gov\.vn\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place in the text: offsets, level, the name as written (None after a bare level word), candidates."""

    start: int
    end: int
    level: str
    name: str | None
    units: tuple[Unit, ...]
    #: the name is that of a unit dissolved before 2025; ``units`` are those that took it over
    former: bool = False
    #: written without its level word, after a unit it encloses ("huyện Vạn Ninh, Khánh Hòa"): it tells
    #: which unit the list means, but is no locality of its own
    unlabelled: bool = False
    #: units the name may also mean, taken only where the article's places point to them: the same
    #: name at another district level ("huyện Phong Điền" of Huế, a thị xã since 2025), or with
    #: ``secondary_former`` the units that took over a dissolved unit of that name (xã Quế Tân)
    secondary: tuple[Unit, ...] = ()
    secondary_former: bool = False


def _alternation(forms: Iterable[str]) -> str:
    """Return ``forms`` as a regex alternation, longest first, a form ending in a letter or digit on a
    word boundary."""
    return "|".join(
        re.escape(f) + (r"(?![^\W_])" if f[-1].isalnum() else "")
        for f in sorted(forms, key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def _triggers() -> re.Pattern[str]:
    """Return the pattern of the words that introduce a place name, by kind (committee, word, abbr)."""
    table = data_json("place_levels.json")
    return re.compile(
        r"(?<![^\W_])(?:"
        rf"(?P<committee>(?i:{_alternation(table['committees'])}))"
        rf"|(?P<word>(?i:{_alternation(table['words'])}))"
        rf"|(?P<abbr>{_alternation(table['abbreviations'])})"
        r")"
    )


def _trigger_level(match: re.Match[str]) -> str:
    """Return the level a matched trigger introduces."""
    kind = match.lastgroup or ""
    table = data_json("place_levels.json")
    if kind == "abbr":
        return table["abbreviations"][match.group()]
    wanted = match.group().lower()
    return next(level for form, level in table[kind + "s"].items() if form.lower() == wanted)


def _syllables(text: str, pos: int) -> list[tuple[int, int]]:
    """Return the spans of up to ``MAX_SYLLABLES`` syllables from ``pos`` joined by spaces or hyphens."""
    spans: list[tuple[int, int]] = []
    while len(spans) < MAX_SYLLABLES and (syllable := _SYLLABLE.match(text, pos)):
        spans.append(syllable.span())
        gap = _GAP.match(text, syllable.end())
        if gap is None:
            break
        pos = gap.end()
    return spans


def _capitalised(word: str) -> bool:
    """Return whether a syllable can start or continue a proper name (capital letter or digit)."""
    return word[:1].isupper() or word[:1].isdigit()


def _capitalised_run(text: str, spans: list[tuple[int, int]]) -> int:
    """Return how many syllables of ``spans`` are capitalised before the first that is not."""
    return next((i for i, (s, e) in enumerate(spans) if not _capitalised(text[s:e])), len(spans))


def _prefer(units: list[Unit], written: str) -> tuple[Unit, ...]:
    """Return the units spelled as written, tone marks and all ("Lạng Sơn", not "Lãng Sơn"), legacy first.

    The gazetteer matches folded names; running text keeps its marks, so a folded-only match
    ("Đảng" for xã Dang) is a different word.
    """
    exact = [u for u in units if same_spelling(written, u.name) or load_gazetteer().is_alias(written)]
    return tuple([u for u in exact if u.era == LEGACY] or exact)


def _name_at(text: str, pos: int, keep: Callable[[Unit], bool]) -> tuple[int, tuple[Unit, ...]] | None:
    """Return the end of the longest gazetteer name at ``pos`` with the units ``keep`` accepts.

    Capitalised syllables are tried first, longest first; lower-case continuations ("Đông kinh")
    only when the capitalised run names nothing. The first syllable must be capitalised. A name that
    leaves a single capitalised word of its run behind is part of a longer name the gazetteer lacks
    ("xã Thanh Nông" is no xã Thanh), unless ``_left_behind`` finds that word standing apart.
    """
    spans = _syllables(text, pos)
    if not spans or not _capitalised(text[spans[0][0] : spans[0][1]]):
        return None
    run = _capitalised_run(text, spans)
    gazetteer = load_gazetteer()
    run_closed = run < len(spans) or len(spans) < MAX_SYLLABLES
    for size in (*range(run, 0, -1), *range(len(spans), run, -1)):
        if size == run - 1 and run_closed and _left_behind(text, spans[size - 1][1], spans[size]):
            continue
        end = spans[size - 1][1]
        units = _prefer([u for u in gazetteer.find(text[pos:end]) if keep(u)], text[pos:end])
        if units:
            return end, units
    return None


def _left_behind(text: str, end: int, syllable: tuple[int, int]) -> bool:
    """Return whether the capitalised ``syllable`` after a name ending at ``end`` continues that name:
    a word (a capital, then lower case: not "TP", "Q1", "30") joined by spaces alone (not "Lai Châu -
    Ảnh"), no label (not "Thanh Hóa Ảnh: Lê Hoàng"), no title's first word ("Nghệ An Đại tá ...")
    and no place of its own."""
    word = text[syllable[0] : syllable[1]]
    if not (word[:1].isupper() and word[1:].islower()) or text[syllable[1] : syllable[1] + 1] == ":":
        return False
    joined = not text[end : syllable[0]].strip()
    return joined and word.lower() not in _title_openers() and not load_gazetteer().has_name(word)


@lru_cache(maxsize=1)
def _title_openers() -> frozenset[str]:
    """Return the first words of the offices and ranks that may follow a place ("Đại" of "Đại tá")."""
    return frozenset(head.split()[0].lower() for head in data_json("titles.json")["heads"])


def _former_at(text: str, pos: int, level: str) -> tuple[int, tuple[Unit, ...]] | None:
    """Return the end of a dissolved unit of ``level`` named at ``pos`` ("quận 9", "huyện Hoành Bồ") and the
    units that took it over, longest name first."""
    spans = _syllables(text, pos)
    if not spans or not _capitalised(text[spans[0][0] : spans[0][1]]):
        return None
    for size in range(len(spans), 0, -1):
        end = spans[size - 1][1]
        became = load_gazetteer().former(text[pos:end], level)
        if became:
            return end, tuple(became)
    return None


def _spelled_former(text: str, pos: int, end: int, level: str) -> bool:
    """Return whether the dissolved unit's name over ``[pos, end)`` is capitalised and spelled with its
    recorded marks ("Hòa Thuận Đông", not "Hòa Thuận đông người")."""
    written = text[pos:end]
    return all(map(_capitalised, written.split())) and same_spelling(
        written, load_gazetteer().former_name(written, level)
    )


@cache
def _names_at_level(level: str) -> dict[str, tuple[Unit, ...]]:
    """Return the legacy units of a district or province ``level`` by the key of their name."""
    found: dict[str, list[Unit]] = {}
    for unit in load_gazetteer():
        if unit.era == LEGACY and unit.level == level:
            found.setdefault(name_key(unit.name), []).append(unit)
    return {key: tuple(units) for key, units in found.items()}


def _truncated_at(text: str, pos: int, level: str) -> tuple[int, tuple[Unit, ...]] | None:
    """Return the end of a district or province name printed without its last syllable ("quận Ngũ
    Hành" for Ngũ Hành Sơn) and its unit, when exactly one unit of ``level`` completes it.

    At least two capitalised syllables are needed, so "huyện Long" completes nothing; communes are
    left out, their names repeat too often.
    """
    if level not in (*_DISTRICT_WORDS, "thành phố", "tỉnh"):
        return None
    spans = _syllables(text, pos)
    run = _capitalised_run(text, spans)
    if run < 2:
        return None
    end = spans[run - 1][1]
    written = name_key(text[pos:end])
    completions = [
        units
        for key, units in _names_at_level(level).items()
        if key.startswith(written + " ") and " " not in key[len(written) + 1 :]
    ]
    return (end, completions[0]) if len(completions) == 1 and len(completions[0]) == 1 else None


def _at_level(level: str) -> Callable[[Unit], bool]:
    """Return a predicate accepting units of ``level``."""
    return lambda unit: unit.level == level


def _other_district_level(level: str) -> Callable[[Unit], bool]:
    """Return a predicate accepting district units of another level with a proper (not numbered) name.

    Districts change level while keeping their name ("huyện Phú Quốc" became a thành phố in 2021,
    "huyện An Dương" a quận in 2025); the gazetteer holds them at their last level only. Communes are
    left out: their names repeat too often to guess the unit from the name alone.
    """
    return lambda unit: (
        unit.level != level
        and unit.parent_code is not None
        and unit.level not in COMMUNE_LEVELS
        and not unit.name.isdigit()
    )


def _among(keys: set[tuple[str, str]]) -> Callable[[Unit], bool]:
    """Return a predicate accepting the units whose key is in ``keys``."""
    return lambda unit: unit.key in keys


def _named_mention(text: str, start: int, pos: int, level: str) -> PlaceMention | None:
    """Return the place of ``level`` whose name is written at ``pos`` (its phrase starting at ``start``).

    The name is looked up at that level; for a district also at another level ("huyện Phú Quốc",
    now a thành phố) and among the units dissolved before 2025 ("huyện Hoành Bồ"), either kept as
    secondary units where the name also exists at the level; else as a district or province name
    missing its last syllable ("quận Ngũ Hành"). The longest of these readings is taken.
    """
    same = _name_at(text, pos, _at_level(level))
    other = _name_at(text, pos, _other_district_level(level)) if level in _DISTRICT_WORDS else None
    former = _former_at(text, pos, level)
    if former and same and former[0] > same[0] and not _spelled_former(text, pos, former[0], level):
        former = None  # "xã Ba chưa thực hiện" is no "Ba Chùa": a longer dissolved name is written in full
    # the longest reading wins ("phường Hòa Thuận Đông", merged in 2019, is no phường Hòa Thuận), so
    # the readings left all end where ``same`` does
    longest = max((found[0] for found in (same, other, former) if found), default=0)
    same, other, former = (
        found if found and found[0] == longest else None for found in (same, other, former)
    )
    if same is not None:
        also, was_former = next(((alt[1], alt is former) for alt in (other, former) if alt), ((), False))
        return PlaceMention(
            start, same[0], level, text[pos : same[0]], same[1], secondary=also, secondary_former=was_former
        )
    if other is not None:
        return PlaceMention(start, other[0], level, text[pos : other[0]], other[1])
    if former is not None:
        return PlaceMention(start, former[0], level, text[pos : former[0]], former[1], former=True)
    cut = _truncated_at(text, pos, level)
    return None if cut is None else PlaceMention(start, cut[0], level, text[pos : cut[0]], cut[1])


#: the gap after a level word or abbreviation; an abbreviation's full stop may end a line ("TP.\nHà Nội")
_DOT_GAP = re.compile(r"[ \t]*\n?[ \t]*")
_WORD_GAP = re.compile(r"[ \t]+")


def _trigger_mention(text: str, match: re.Match[str], bare: bool) -> PlaceMention | None:
    """Return the place a trigger introduces: with its name, or (if ``bare``) the level alone."""
    level = _trigger_level(match)
    gap = (_DOT_GAP if match.group().endswith(".") else _WORD_GAP).match(text, match.end())
    if gap is not None and (named := _named_mention(text, match.start(), gap.end(), level)):
        return named
    alone = match.lastgroup == "word" or (
        match.lastgroup == "abbr" and match.group() in data_json("place_levels.json")["alone"]
    )
    return PlaceMention(match.start(), match.end(), level, None, ()) if bare and alone else None


def place_at(text: str, pos: int) -> PlaceMention | None:
    """Return the place phrase starting at ``pos`` ("phường Thạch Bàn", a bare "phường", "TP"), if any.

    Party committees ("Thành ủy") are left to the organisation extractor.
    """
    match = _triggers().match(text, pos)
    if match is None or match.lastgroup == "committee":
        return None
    return _trigger_mention(text, match, bare=True)


def name_at(text: str, pos: int, level: str) -> PlaceMention | None:
    """Return the name of a unit of ``level`` starting at ``pos`` ("Phan Thiết" after "Thành ủy").

    Looked up as a level word's name is (``_named_mention``): the mention may be a unit dissolved
    before 2025 (``former``, its ``units`` those that took it over) or a name missing its last syllable.
    """
    return _named_mention(text, pos, pos, level)


def _headed_name_at(text: str, pos: int, level: str) -> PlaceMention | None:
    """Return the name at ``pos`` of a unit that a plural level word heads, at that level.

    "các tỉnh Bến Tre, Bạc Liêu, Cần Thơ": the level heads the list, so Cần Thơ (a thành phố)
    is taken as a province there.
    """
    item = name_at(text, pos, level)
    if item is None and level == "tỉnh":
        found = _name_at(text, pos, lambda unit: unit.parent_code is None)
        item = found and PlaceMention(pos, found[0], level, text[pos : found[0]], found[1])
    return item


def _range_ends(text: str, match: re.Match[str]) -> list[PlaceMention]:
    """Return both ends of a range a level word heads ("các tỉnh từ Bình Định đến Cà Mau"), or nothing.

    Units between the ends are not named, so they are not localities; the ends are.
    """
    level = _trigger_level(match)
    ends: list[PlaceMention] = []
    pos = match.end()
    for opening in _RANGE_GAPS:
        gap = opening.match(text, pos)
        end = gap and _headed_name_at(text, gap.end(), level)
        if not end:
            return []
        ends.append(end)
        pos = end.end
    return ends


@lru_cache(maxsize=1)
def _list_opener() -> re.Pattern[str]:
    """Return the pattern of the words that open a level word's list: "như", "gồm", a colon."""
    return re.compile(rf"[ \t]*(?i:{_alternation(data_json('place_levels.json')['list_openers'])})[ \t]*")


def _opened_list(text: str, match: re.Match[str]) -> list[PlaceMention]:
    """Return the names of a list a level word opens with "như", "gồm", a colon or a bracket, each at
    that level.

    "9 xã như Minh Phú, Minh Trí, Hiền Ninh": the level word names no unit itself, it heads the list.
    A bracket after a level below the province that names a province ("một huyện (Thanh Hóa)") says
    where, and opens no list.
    """
    opener = _list_opener().match(text, match.end())
    level = _trigger_level(match)
    first = opener and _headed_name_at(text, opener.end(), level)
    if not first:
        return []
    bracket = "(" in opener.group() and level != "tỉnh"
    if bracket and any(u.parent_code is None for u in load_gazetteer().find(first.name or "")):
        return []
    return _narrowed([first, *list_items(text, first)])


def list_items(text: str, previous: PlaceMention) -> list[PlaceMention]:
    """Return the names continuing a list after ``previous`` ("…Thạch Bàn, Gia Thụy"), each at its level.

    A name that is a unit enclosing the previous one ("huyện Bình Liêu, Quảng Ninh") is taken as
    that unit and ends the list; a name after which a level word follows is left to that word.
    """
    gazetteer = load_gazetteer()
    items: list[PlaceMention] = []
    while (separator := _LIST_SEPARATOR.match(text, previous.end)) and not _triggers().match(
        text, separator.end()
    ):
        start = separator.end()
        enclosing = {a.key for u in previous.units for a in gazetteer.ancestors(u)}
        found = _name_at(text, start, _among(enclosing))
        if found is not None:
            level = found[1][0].level
            items.append(
                PlaceMention(start, found[0], level, text[start : found[0]], found[1], unlabelled=True)
            )
            break
        item = _headed_name_at(text, start, previous.level)
        # a number continues only a list of numbers ("quận 3, 5"; not "vào quận Hoàn Kiếm, 1 ôtô")
        if item is None or ((item.name or "").isdigit() and not (previous.name or "").isdigit()):
            break
        items.append(item)
        previous = item
    return items


def place_mentions(text: str) -> list[PlaceMention]:
    """Return every named place in ``text`` in order, list continuations included."""
    out: list[PlaceMention] = []
    for match in _triggers().finditer(text):
        if out and match.start() < out[-1].end:
            continue
        mention = _trigger_mention(text, match, bare=False)
        if mention is not None:
            out.extend(_narrowed([mention, *list_items(text, mention)]))
        elif match.lastgroup != "committee":
            out.extend(_range_ends(text, match) or _opened_list(text, match))
    return out


def _inside(units: tuple[Unit, ...], outer: set[tuple[str, str]]) -> tuple[Unit, ...]:
    """Return the units that lie inside one of the units keyed ``outer``."""
    gazetteer = load_gazetteer()
    return tuple(u for u in units if any(a.key in outer for a in gazetteer.ancestors(u)))


def _narrowed(group: list[PlaceMention]) -> list[PlaceMention]:
    """Return a list of mentions with each name that an enclosing unit follows narrowed to the units inside it.

    "huyện Châu Thành, Sóc Trăng": of the many huyện Châu Thành, only Sóc Trăng's is meant.
    """
    out = list(group)
    for i in range(1, len(out)):
        outer = {u.key for u in out[i].units}
        named = out[i - 1]
        if inside := _inside(named.units, outer):
            if len(inside) < len(named.units):
                out[i - 1] = replace(named, units=inside)
        elif inside := _inside(named.secondary, outer):
            # "huyện Phong Điền, tỉnh Thừa Thiên - Huế": only the other-level unit lies in that province
            out[i - 1] = replace(named, units=inside, secondary=(), former=named.secondary_former)
    return out


@lru_cache(maxsize=1)
def _provinces_by_host_label() -> dict[str, tuple[str, ...]]:
    """Return province names by their host-name spelling ("thainguyen" -> ("Thái Nguyên",))."""
    labels: dict[str, set[str]] = {}
    for unit in load_gazetteer():
        if unit.parent_code is None:
            # hosts keep a final "k" ("daklak.gov.vn"), which name keys read as "c"
            labels.setdefault(fold(spelling(unit.name)).replace(" ", "").replace("-", ""), set()).add(
                unit.name
            )
    return {label: tuple(sorted(names)) for label, names in labels.items()}


def hinted_provinces(hints: Iterable[str]) -> set[str]:
    """Return the provinces that sources' hosts name ("thainguyen.gov.vn", "https://www.quangninh.gov.vn/…")."""
    table = _provinces_by_host_label()
    out: set[str] = set()
    for hint in hints:
        host = urlparse(hint).hostname if "://" in hint else hint.split("/")[0]
        for label in (host or "").lower().split("."):
            out.update(table.get(label, ()))
    return out


def _score(unit: Unit, near: set[tuple[str, str]], provinces: set[str]) -> int:
    """Return how the article's other places support ``unit``: 2 same district or inside, 1 same province."""
    gazetteer = load_gazetteer()
    if unit.key in near or any(a.key in near for a in gazetteer.ancestors(unit) if a.parent_code):
        return 2
    return 1 if unit.province_name in provinces else 0


def _supported(
    units: tuple[Unit, ...], near: set[tuple[str, str]], provinces: set[str], least: int
) -> Unit | None:
    """Return the one unit of ``units`` the article's places support best, with a score of at least ``least``."""
    scores = [_score(u, near, provinces) for u in units]
    best = max(scores, default=0)
    return units[scores.index(best)] if best >= least and scores.count(best) == 1 else None


def _pick(
    units: tuple[Unit, ...], secondary: tuple[Unit, ...], near: set[tuple[str, str]], provinces: set[str]
) -> Unit | None:
    """Return the unit the article's places single out: a secondary one only on district-level
    support (score 2) that no single usual unit has alone (a tie among usual units leaves it to the
    secondary one), else the best-supported usual unit."""
    if _supported(units, near, provinces, 2) is None and (other := _supported(secondary, near, provinces, 2)):
        return other
    return _supported(units, near, provinces, 1)


def _resolve(
    candidates: dict[tuple[str, str], tuple[Unit, ...]],
    hints: set[str],
    secondary: dict[tuple[str, str], tuple[Unit, ...]],
) -> dict[tuple[str, str], Unit]:
    """Return the chosen unit per (name, level): unique ones, then those the chosen ones single out.

    A name with secondary units (another level, a dissolved unit) takes one of them only when a
    place of the same district supports it and none supports the usual units; otherwise a lone
    usual unit is taken once nothing else can be settled.
    """
    gazetteer = load_gazetteer()
    chosen = {
        key: units[0] for key, units in candidates.items() if len(units) == 1 and not secondary.get(key)
    }
    while True:
        near = {u.key for c in chosen.values() for u in (c, *gazetteer.ancestors(c))}
        provinces = hints | {c.province_name for c in chosen.values()}
        open_keys = [key for key in candidates if key not in chosen]
        settled = {
            key: unit
            for key in open_keys
            if (unit := _pick(candidates[key], secondary.get(key, ()), near, provinces))
        }
        if not settled:
            settled = {key: candidates[key][0] for key in open_keys if len(candidates[key]) == 1}
        if not settled:
            return chosen
        chosen.update(settled)


def extract_localities(text: str, hints: Sequence[str] = ()) -> list[Locality]:
    """Return the localities of ``text`` in order of first mention, one per (name, level).

    ``hints`` are the source's URL or host; hosts written in the text ("Thainguyen.gov.vn") count too.
    Offsets index ``text``, which must be NFC (``pipeline.nlp.text.normalize`` keeps its length).
    """
    work = normalize(text)
    first: dict[tuple[str, str], PlaceMention] = {}
    candidates: dict[tuple[str, str], tuple[Unit, ...]] = {}
    for mention in place_mentions(work):
        key = (name_key(mention.name or ""), mention.level)
        if key not in first or (first[key].unlabelled and not mention.unlabelled):
            # the secondary units of any mention count, with whether they are dissolved ones
            kept = first.get(key)
            first[key] = mention if kept is None or mention.secondary else _with_secondary(mention, kept)
        elif mention.secondary and not first[key].secondary:
            first[key] = _with_secondary(first[key], mention)
        shared = tuple(u for u in candidates.get(key, mention.units) if u in mention.units)
        candidates[key] = shared or candidates.get(key, mention.units)
    secondary = {key: mention.secondary for key, mention in first.items() if mention.secondary}
    chosen = _resolve(candidates, hinted_provinces([*hints, *_HOST.findall(work)]), secondary)
    return [
        _locality(text, mention, chosen.get(key), candidates[key])
        for key, mention in first.items()
        if not mention.unlabelled
    ]


def _with_secondary(mention: PlaceMention, source: PlaceMention) -> PlaceMention:
    """Return ``mention`` with the secondary units of ``source`` and whether they are dissolved units."""
    return replace(mention, secondary=source.secondary, secondary_former=source.secondary_former)


def _locality(text: str, mention: PlaceMention, unit: Unit | None, candidates: tuple[Unit, ...]) -> Locality:
    """Return the ``Locality`` of a mention: resolved to ``unit``, or listing the candidates' codes.

    A dissolved unit keeps its name (as the table of former units spells it) and gets the province
    of the units that took it over (the one the article's other places point to, when its name was
    used in several provinces); it has no code in a gazetteer that no longer lists it.
    """
    if mention.former or (mention.secondary_former and unit in mention.secondary):
        provinces = {u.province_name for u in ([unit] if unit else candidates)}
        province = provinces.pop() if len(provinces) == 1 else None
        return Locality(
            text=text[mention.start : mention.end],
            name=load_gazetteer().former_name(mention.name or "", mention.level),
            level=mention.level,
            province=province,
            code=None,
            era=None,
            span=(mention.start, mention.end),
            candidates=[] if province else [u.code for u in candidates],
        )
    return Locality(
        text=text[mention.start : mention.end],
        name=(unit or candidates[0]).name,
        level=mention.level,
        province=unit.province_name if unit else None,
        code=unit.code if unit and unit.level == mention.level else None,
        era=unit.era if unit and unit.level == mention.level else None,
        span=(mention.start, mention.end),
        candidates=[] if unit else [u.code for u in candidates],
    )


__all__ = [
    "PlaceMention",
    "extract_localities",
    "hinted_provinces",
    "list_items",
    "name_at",
    "place_at",
    "place_mentions",
]
