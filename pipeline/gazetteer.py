"""Vietnamese administrative units of both eras, read from the ``vietnamadminunits`` package's data.

The package (MIT) ships ``data/dataset.db`` with two tables — ``admin_units_legacy`` (63 provinces,
696 districts, 10,035 communes as they stood before 1 July 2025, with the statistics office's codes)
and ``admin_units`` (34 provinces and 3,321 communes from 1 July 2025, codes of Quyết định
19/2025/QĐ-TTg) — and ``data/converter_2025.json``, the old → new mapping. This module reads those
files read-only (never the package's address parser) into a small in-memory index.

Codes of the two eras overlap for different units ("00004" is phường Trúc Bạch before and phường
Ba Đình after), so a unit's key is ``(era, code)``; ``Unit.code`` is the code of its own era.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.data import data_json
from pipeline.nlp.text import fold

LEGACY = "legacy"
CURRENT = "2025"
ERAS = (LEGACY, CURRENT)

#: Level words as written in full, lower case; "thành phố" covers both province- and district-level cities.
LEVELS = ("tỉnh", "thành phố", "quận", "huyện", "thị xã", "phường", "xã", "thị trấn", "đặc khu")
PROVINCE_LEVELS = ("tỉnh", "thành phố")
COMMUNE_LEVELS = ("phường", "xã", "thị trấn", "đặc khu")

Key = tuple[str, str]

_LEADING_LEVEL = re.compile(r"^(" + "|".join(sorted(LEVELS, key=len, reverse=True)) + r")\s+", re.IGNORECASE)
_TRAILING_LEVEL = re.compile(r"\s*\((" + "|".join(LEVELS) + r")\)$", re.IGNORECASE)


class GazetteerError(Exception):
    """The package's data files are missing or not in the expected shape."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one era; ``province_name`` is the short name ("Hà Nội")."""

    code: str
    name: str
    level: str
    era: str
    parent_code: str | None
    province_code: str
    province_name: str

    @property
    def key(self) -> Key:
        """Return ``(era, code)``, the unit's identity (codes alone repeat across eras)."""
        return (self.era, self.code)


#: an apostrophe inside a name, with the blanks some sites put around it ("Đăk G ’ Long")
_APOSTROPHE = re.compile(r"[ \t]*['’‘][ \t]*")


def _part_glued(name: str) -> str:
    """Return ``name`` with a space before a capital glued to a lower-case letter ("EaPô" -> "Ea Pô")."""
    return "".join(
        f" {char}" if i and char.isupper() and name[i - 1].islower() else char for i, char in enumerate(name)
    )


def spelling(name: str) -> str:
    """Return a name as written, tone marks kept, in the form names are compared in: lower case,
    single-spaced, dashes plain and spaced, apostrophes dropped with their blanks, glued syllables parted.

    So "Đăk G ’ Long" is spelled like "Đăk Glong", "Ia H’Drai" like "Ia H'Drai", "EaPô" like "Ea Pô".
    A syllable ending in "k" is no Vietnamese syllable but a Central Highlands word whose marks are
    written every way (the gazetteer itself has Đăk, Đắk and Đak; articles write "Đăk Lăk", "Krông
    Buk"): it is compared folded, so "Đăk Nông" is spelled like "Đắk Nông".
    """
    parted = _part_glued(_APOSTROPHE.sub("", plain_punctuation(name)))
    words = parted.lower().replace("-", " - ").split()
    return " ".join(fold(word) if word.endswith("k") else word for word in words)


#: the final "k" of a highland syllable, also written "c" ("Krông Pắk" for the table's Krông Pắc)
_HIGHLAND_FINAL = re.compile(r"k\b")


def name_key(name: str) -> str:
    """Return a name as matched: its ``spelling`` folded ("Lãng Sơn" and "Lạng Sơn" share one key), a
    final "k" read as "c"."""
    return _HIGHLAND_FINAL.sub("c", fold(spelling(name)))


def same_spelling(written: str, name: str) -> bool:
    """Return whether ``written`` spells ``name`` with its tone marks ("Lạng Sơn", not "Lãng Sơn").

    A highland syllable (one ending in "k" on either side, see ``spelling``) only has to share its
    key, so "Krông Pắk" spells Krông Pắc.
    """
    ours, theirs = spelling(written).split(), spelling(name).split()
    return len(ours) == len(theirs) and all(
        a == b or ("k" in (a[-1], b[-1]) and name_key(a) == name_key(b))
        for a, b in zip(ours, theirs, strict=True)
    )


_PLAIN_PUNCTUATION = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'"})


def plain_punctuation(name: str) -> str:
    """Return ``name`` with typographic dashes and apostrophes made plain, as the gazetteer writes them."""
    return name.translate(_PLAIN_PUNCTUATION)


def _split_level(name: str) -> tuple[str, str | None]:
    """Return a place name without its leading level word, and that level ("huyện Bình Liêu" ->
    ("Bình Liêu", "huyện")); a name without one comes back whole, with None."""
    name = name.strip()
    match = _LEADING_LEVEL.match(name)
    return (name[match.end() :], match.group(1).lower()) if match else (name, None)


def _short_name(short: str, level: str) -> str:
    """Return a unit's short name without a leading level word ("Phường 1" -> "1") or a trailing one.

    Where a district holds two units of one name, the package tells them apart by a level in brackets
    ("Kỳ Anh (Huyện)", "Kỳ Anh (Thị xã)"); running text writes the level in front ("huyện Kỳ Anh"), and
    the unit's own level already tells the two apart here.
    """
    short = _TRAILING_LEVEL.sub("", short)
    match = _LEADING_LEVEL.match(short)
    return short[match.end() :] if match and fold(match.group(1)) == fold(level) else short


class Gazetteer:
    """An index of ``Unit`` rows by key, by folded name, by parent, and across the 2025 reform."""

    def __init__(self, units: Iterable[Unit], successors: Iterable[tuple[Key, Key]]) -> None:
        """Index ``units`` and the legacy → 2025 ``successors`` pairs."""
        self._units: dict[Key, Unit] = {}
        self._by_name: dict[str, list[Unit]] = defaultdict(list)
        self._aliases: set[str] = set()
        self._former: dict[tuple[str, str], list[Unit]] = {}
        self._former_names: dict[tuple[str, str], str] = {}
        self._children: dict[Key, list[Unit]] = defaultdict(list)
        for unit in units:
            self._units[unit.key] = unit
            self._by_name[name_key(unit.name)].append(unit)
        for unit in self._units.values():
            if unit.parent_code is not None:
                self._children[(unit.era, unit.parent_code)].append(unit)
        self._successors: dict[Key, list[Unit]] = defaultdict(list)
        self._predecessors: dict[Key, list[Unit]] = defaultdict(list)
        for old, new in sorted(set(successors)):
            self._successors[old].append(self._units[new])
            self._predecessors[new].append(self._units[old])

    def __len__(self) -> int:
        """Return the number of units of both eras."""
        return len(self._units)

    def __iter__(self) -> Iterator[Unit]:
        """Yield every unit."""
        return iter(self._units.values())

    def add_alias(self, alias: str, unit: Unit) -> None:
        """Make ``find(alias)`` return ``unit`` too ("HCM" for Hồ Chí Minh), once even where the alias
        folds like the unit's own name."""
        key = name_key(alias)
        if unit not in self._by_name[key]:
            self._by_name[key].append(unit)
        self._aliases.add(key)

    def is_alias(self, name: str) -> bool:
        """Return whether ``name`` is a registered short name rather than a unit's own name."""
        return name_key(name) in self._aliases

    def add_former(self, name: str, level: str, became: list[Unit], written: str | None = None) -> None:
        """Record a unit dissolved before the 2025 list ("huyện Hoành Bồ") and the units that took it over.

        ``written`` is another spelling articles use for ``name`` ("Thừa Thiên - Huế"). Names of former
        communes repeat across provinces: each call adds its successors to the name's.
        """
        key = (name_key(written or name), level)
        known = self._former.setdefault(key, [])
        known.extend(u for u in became if u not in known)
        self._former_names[key] = name

    def former(self, name: str, level: str) -> list[Unit]:
        """Return the units that took over the dissolved unit ``level`` ``name``, or [] if there was none."""
        return list(self._former.get((name_key(name), level), ()))

    def former_name(self, name: str, level: str) -> str:
        """Return the recorded name of the dissolved unit written ``name`` ("Thừa Thiên - Huế" gives
        "Thừa Thiên Huế"), or ``name`` itself when none is recorded."""
        return self._former_names.get((name_key(name), level), name)

    def find(self, name: str, level: str | None = None, era: str | None = None) -> list[Unit]:
        """Return the units called ``name`` (folded match), optionally of one level and era."""
        return [
            u
            for u in self._by_name.get(name_key(name), ())
            if (level is None or u.level == level) and (era is None or u.era == era)
        ]

    def has_name(self, name: str) -> bool:
        """Return whether any unit of any level or era is called ``name``."""
        return name_key(name) in self._by_name

    def unit(self, code: str, era: str = LEGACY) -> Unit | None:
        """Return the unit with this code in this era, or None."""
        return self._units.get((era, code))

    def parent(self, unit: Unit) -> Unit | None:
        """Return the unit directly above ``unit`` (None for a province)."""
        return None if unit.parent_code is None else self._units[(unit.era, unit.parent_code)]

    def ancestors(self, unit: Unit) -> list[Unit]:
        """Return the units above ``unit``, nearest first (district, then province)."""
        out = []
        parent = self.parent(unit)
        while parent is not None:
            out.append(parent)
            parent = self.parent(parent)
        return out

    def children(self, unit: Unit) -> list[Unit]:
        """Return the units directly below ``unit``."""
        return list(self._children.get(unit.key, ()))

    def descendants(self, unit: Unit) -> list[Unit]:
        """Return every unit below ``unit``, at all levels, parents before their children."""
        out: list[Unit] = []
        stack = list(reversed(self._children.get(unit.key, ())))
        while stack:
            child = stack.pop()
            out.append(child)
            stack.extend(reversed(self._children.get(child.key, ())))
        return out

    def successors(self, unit: Unit) -> list[Unit]:
        """Return the 2025 units that absorbed a legacy unit (a district: those of its communes)."""
        if unit.era != LEGACY:
            return []
        if unit.level in COMMUNE_LEVELS or unit.parent_code is None:
            return list(self._successors.get(unit.key, ()))
        return _unique(s for c in self.children(unit) for s in self._successors.get(c.key, ()))

    def predecessors(self, unit: Unit) -> list[Unit]:
        """Return the legacy units that a 2025 unit absorbed (whole or in part)."""
        return list(self._predecessors.get(unit.key, ())) if unit.era == CURRENT else []

    def related_codes(self, name: str) -> set[Key]:
        """Return every ``(era, code)`` a query for a place should cover.

        That is the units called ``name`` (a leading level word, "huyện Bình Liêu", narrows the level)
        or that took over a dissolved unit of that name ("Hoành Bồ" gives Hạ Long),
        everything inside them, the units of the other era they became or came from, and everything
        inside those: "Quảng Ninh" gives both eras' province, its districts and communes.
        """
        bare, level = _split_level(name)
        named = self.find(bare, level=level) + [
            unit
            for former_level in ([level] if level else LEVELS)
            for unit in self.former(bare, former_level)
        ]
        inside = _unique(u for unit in named for u in (unit, *self.descendants(unit)))
        across = _unique(o for u in inside for o in (*self.successors(u), *self.predecessors(u)))
        return {u.key for u in inside} | {u.key for o in across for u in (o, *self.descendants(o))}


def _unique(units: Iterable[Unit]) -> list[Unit]:
    """Return ``units`` without repeats, in first-seen order."""
    return list({u.key: u for u in units}.values())


def _package_file(name: str) -> Path:
    """Return a data file of the installed ``vietnamadminunits`` package.

    The package is located, not imported: its ``__init__`` loads its address parser's tables
    (tens of MB) that the gazetteer does not use.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError("the vietnamadminunits package is not installed")
    path = Path(next(iter(spec.submodule_search_locations)), "data", name)
    if not path.is_file():
        raise GazetteerError(f"vietnamadminunits has no data/{name}")
    return path


_PROVINCE_COLUMNS = "province, provinceShort, provinceCode, provinceKey"
_LEGACY_SQL = (
    f"SELECT {_PROVINCE_COLUMNS}, districtType, districtShort, districtCode, districtKey,"
    " wardType, wardShort, wardCode, wardKey FROM admin_units_legacy"
)
_CURRENT_SQL = f"SELECT {_PROVINCE_COLUMNS}, wardType, wardShort, wardCode, wardKey FROM admin_units"


def _rows(sql: str) -> list[sqlite3.Row]:
    """Return the rows of a query on the package's ``dataset.db``, opened read-only."""
    with closing(sqlite3.connect(f"{_package_file('dataset.db').as_uri()}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        return db.execute(sql).fetchall()


def _province_level(full_name: str) -> str:
    """Return "thành phố" for a centrally-run city ("Thành phố Hà Nội"), else "tỉnh"."""
    return "thành phố" if full_name.lower().startswith("thành phố") else "tỉnh"


def _province(row: sqlite3.Row, era: str) -> Unit:
    """Return the province of a row."""
    code, short = row["provinceCode"], row["provinceShort"]
    return Unit(code, short, _province_level(row["province"]), era, None, code, short)


def _unit(row: sqlite3.Row, kind: str, parent_code: str, province: Unit) -> Unit:
    """Return the district or ward (``kind``) of a row of the package's table, in ``province``'s era."""
    level = row[f"{kind}Type"].lower()
    short = _short_name(row[f"{kind}Short"], level)
    return Unit(row[f"{kind}Code"], short, level, province.era, parent_code, province.code, province.name)


def _legacy_units() -> tuple[list[Unit], dict[str, Key]]:
    """Return the legacy units and a map from the converter's "province_district_ward" keys to them."""
    units: dict[Key, Unit] = {}
    by_path: dict[str, Key] = {}
    for row in _rows(_LEGACY_SQL):
        province = _province(row, LEGACY)
        units[province.key] = province
        by_path[row["provinceKey"]] = province.key
        district = _unit(row, "district", province.code, province)
        units[district.key] = district
        if row["wardCode"] is None:  # island districts without communes
            continue
        ward = _unit(row, "ward", district.code, province)
        units[ward.key] = ward
        by_path["_".join((row["provinceKey"], row["districtKey"], row["wardKey"]))] = ward.key
    return list(units.values()), by_path


def _current_units() -> tuple[list[Unit], dict[tuple[str, str], Key]]:
    """Return the 2025 units and a map from (province key, ward key) to them."""
    units: dict[Key, Unit] = {}
    by_path: dict[tuple[str, str], Key] = {}
    for row in _rows(_CURRENT_SQL):
        province = _province(row, CURRENT)
        units[province.key] = province
        by_path[(row["provinceKey"], "")] = province.key
        ward = _unit(row, "ward", province.code, province)
        units[ward.key] = ward
        by_path[(row["provinceKey"], row["wardKey"])] = ward.key
    return list(units.values()), by_path


def _successor_pairs(old: dict[str, Key], new: dict[tuple[str, str], Key]) -> Iterator[tuple[Key, Key]]:
    """Yield (legacy key, 2025 key) pairs from ``converter_2025.json``.

    Its ``DICT_PROVINCE`` maps each new province to the old ones; ``DICT_PROVINCE_WARD_NO_DIVIDED``
    maps each new commune to the old communes merged whole into it; ``DICT_PROVINCE_WARD_DIVIDED``
    maps each old commune split between several new ones to those. A few keys in the file do not
    name any unit (a typo such as "xãcẩmgiàng"); they are skipped.
    """
    data = json.loads(_package_file("converter_2025.json").read_text(encoding="utf-8"))
    for new_province, old_provinces in data["DICT_PROVINCE"].items():
        for old_province in old_provinces:
            yield old[old_province], new[(new_province, "")]
    for new_province, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_paths in wards.items():
            for path in old_paths:
                if path in old and (new_province, new_ward) in new:
                    yield old[path], new[(new_province, new_ward)]
    for new_province, splits in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for path, targets in splits.items():
            for target in targets:
                if path in old and (new_province, target["newWardKey"]) in new:
                    yield old[path], new[(new_province, target["newWardKey"])]


def _aliases(gazetteer: Gazetteer) -> Iterator[tuple[str, Unit]]:
    """Yield (alias, province) pairs from ``pipeline/data/place_aliases.json`` ("HCM" -> Hồ Chí Minh)."""
    for alias, name in data_json("place_aliases.json")["provinces"].items():
        for unit in gazetteer.find(name):
            if unit.parent_code is None:
                yield alias, unit


#: the tables of units gone before the 2025 list: provinces and districts, then communes
FORMER_TABLES = ("former_units.json", "former_communes.json")


def _former_units(gazetteer: Gazetteer) -> Iterator[tuple[str, str, list[Unit], str | None]]:
    """Yield (name, level, successors, written) from the ``FORMER_TABLES`` ("Hoành Bồ" -> [Hạ Long]).

    A row's other spellings (``written``) are yielded with the row's name, each on its own.

    Successors are legacy units of the same province: the province itself for a "tỉnh", districts
    otherwise, named with their level where two districts share a name ("thị xã Kỳ Anh"). A
    successor the gazetteer lacks is an error in the table, not something to skip.
    """
    rows = [row for name in FORMER_TABLES for row in data_json(name)["units"]]
    for row in rows:
        province_level = row["level"] == "tỉnh"
        became = [
            unit
            for name, level in map(_split_level, row["became"])
            for unit in gazetteer.find(name, level, LEGACY)
            if unit.province_name == row["province"]
            and unit.level not in COMMUNE_LEVELS
            and (unit.parent_code is None) == province_level
        ]
        if len(became) != len(row["became"]):
            raise GazetteerError(
                f"former unit {row['level']} {row['name']}: successors {row['became']} not found"
            )
        for written in (None, *row.get("written", ())):
            yield row["name"], row["level"], became, written


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer of both eras, built once per process (about a second)."""
    legacy, old_paths = _legacy_units()
    current, new_paths = _current_units()
    gazetteer = Gazetteer([*legacy, *current], _successor_pairs(old_paths, new_paths))
    for alias, unit in _aliases(gazetteer):
        gazetteer.add_alias(alias, unit)
    for name, level, became, written in _former_units(gazetteer):
        gazetteer.add_former(name, level, became, written)
    return gazetteer


__all__ = [
    "COMMUNE_LEVELS",
    "CURRENT",
    "ERAS",
    "LEGACY",
    "LEVELS",
    "PROVINCE_LEVELS",
    "Gazetteer",
    "GazetteerError",
    "Unit",
    "load_gazetteer",
    "name_key",
    "same_spelling",
    "spelling",
    "plain_punctuation",
]
