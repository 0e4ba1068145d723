"""Organisations: Party committees, people's committees, departments, delegations, by canonical name.

Driven by ``pipeline/data/org_lexicon.json``: a body's head ("UBND", "Đoàn giám sát", "sở") is
found in the text, then what follows it names whose body it is — a place ("UBND phường Thạch
Bàn, Gia Thụy" gives both wards' committees), a unit's name ("Thành ủy Phan Thiết"), a Party
committee ("Ban dân vận Tỉnh ủy"), any body ("Đoàn công tác của Ban Thường vụ Thành ủy") or a
branch ("Sở NV"). Canonical names expand abbreviations, fix the capitals of the body and write
place words in lower case ("Ủy ban nhân dân quận"). Generic references ("các Huyện ủy", "Trung
tâm hành chính công các cấp", "cấp ủy", "Bí thư tỉnh ủy, Thành ủy") are not organisations.

Heads listed before the one that names the place share it ("Công an, Thanh tra TP. HCM", "Chủ
tịch HĐND, Chủ tịch UBND thành phố Hà Nội, TP HCM" gives four bodies), and a body distributes
over a list of places ("đoàn đại biểu Quốc hội các tỉnh Bến Tre, Đồng Tháp").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import data_json
from pipeline.gazetteer import COMMUNE_LEVELS, LEVELS, load_gazetteer
from pipeline.model import Organization
from pipeline.nlp.places import PlaceMention, list_items, name_at, place_at, place_mentions
from pipeline.nlp.text import normalize, surnames

_GAP = re.compile(r"[ \t]+")
_OF_GAP = re.compile(r"[ \t]+(?:của[ \t]+)?")
# "các Huyện ủy", "5 đoàn kiểm tra", "153.493 đoàn thanh tra", "5 tổ chức Đảng ủy"; not a date's year
# ("ngày 8/4/2017 Đoàn kiểm tra", "ngày 30.6.2017 Đoàn …")
_GENERIC_BEFORE = re.compile(
    r"(?:^|[^\w])(?:các|những|mỗi|(?<!thứ[ \t])(?<!số[ \t])(?<![/.,–-])(?:\d{1,3}(?:[.,]\d{3})+|\d+)"
    r"(?:[ \t]+(?:tổ chức|cơ quan|đơn vị))?)[ \t]+$",
    re.IGNORECASE,
)
_LEVEL_WORDS = "|".join(sorted(LEVELS, key=len, reverse=True))
# "… các cấp", "phòng TNMT (của) các quận, huyện", "trưởng đoàn đại biểu Quốc hội của tỉnh, thành phố"
_GENERIC_AFTER = re.compile(
    r"[ \t]+(?:cấp\b|(?:của[ \t]+)?các[ \t]+(?:cấp|địa phương|"
    + _LEVEL_WORDS
    + r")(?![^\W_])|của[ \t]+(?:"
    + _LEVEL_WORDS
    + r")[ \t]*,[ \t]*(?:"
    + _LEVEL_WORDS
    + r")(?![^\W_]))",
    re.IGNORECASE,
)
# A bare level word followed by another: "UBND quận huyện", "chủ tịch UBND xã, phường, thị trấn".
_LEVEL_LIST = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:và[ \t]+)?)(?:"
    + "|".join(sorted(LEVELS, key=len, reverse=True))
    + r")(?![^\W_])",
    re.IGNORECASE,
)
# What may join the words of a branch's name where its canonical form has "và", "-", "," or "&":
# "Giáo dục và Đào tạo", "Giáo dục - đào tạo", "GD-ĐT", "Tài nguyên Môi trường".
_BRANCH_JOINT = re.compile(r"[ \t]*[-–,&][ \t]*|[ \t]+và[ \t]+")
_BRANCH_JOINT_ANY = r"(?:[ \t]*[-–,&][ \t]*|[ \t]+và[ \t]+|[ \t]+)"
_LIST_GAP = re.compile(r"[ \t]*,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+")
_SENTENCE_END = re.compile(r"[.!?;:\n]")
_COLON = re.compile(r"[ \t]*:[ \t]*")
#: "các" before a list of places that a body distributes over ("đoàn đại biểu Quốc hội các tỉnh A, B")
_MANY = re.compile(r"các[ \t]+")
#: an owner in brackets, after a unit's code: "Cơ quan Cảnh sát điều tra (C46, Bộ Công an)"
_BRACKET_OWNER = re.compile(r"[ \t]*\([ \t]*(?:thuộc[ \t]+)?(?:[A-ZĐ]{1,3}[ \t]?\d{1,3}[ \t]*[,;–-][ \t]*)?")
_BRACKET_CLOSE = re.compile(r"[ \t]*\)")
#: a proper name: capitalised syllables ("Nậm Cắn" in "Hải quan cửa khẩu Nậm Cắn")
_PROPER_SYLLABLE = re.compile(r"[^\W\d_][^\W_]*")
_MAX_PROPER = 4
#: a unit's own name ("Bảo tồn Di tích cố đô Huế", "II"): its syllables, the joints inside it
#: ("Kế hoạch, Tài chính và Tổng hợp"), a number that ends it ("Vụ II", "khu vực III") and the
#: code in brackets that may precede its owner ("Phòng An ninh chính trị nội bộ (PA 03) Công an tỉnh")
_NAME_SYLLABLE = re.compile(r"[^\W_]+")
_NAME_JOINT = re.compile(r"[ \t]*,[ \t]*|[ \t]+và[ \t]+|[ \t]*[-–][ \t]*")
#: words that make a head part of a title when they follow it ("Vụ trưởng", "Tổng Cục Phó")
_TITLE_WORDS = ("trưởng", "phó")
_ROMAN = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X)")
_UNIT_CODE = re.compile(r"[ \t]*\([ \t]*[A-ZĐ]{1,4}[ \t]?\d{0,3}[ \t]*\)")
_MAX_NAME = 12
_QUOTE = re.compile(r"[ \t]*[“\"«]")
#: Party committees named by level only, listed as kinds of committee ("Bí thư tỉnh ủy, Thành ủy")
_COMMITTEE_WORD = r"(?:tỉnh|thành|quận|huyện|thị)[ \t]+ủy"
_COMMITTEE_LIST_BEFORE = re.compile(_COMMITTEE_WORD + r"[ \t]*(?:,|và)[ \t]*$", re.IGNORECASE)
_COMMITTEE_LIST_AFTER = re.compile(r"[ \t]*(?:,|và)[ \t]*" + _COMMITTEE_WORD, re.IGNORECASE)
#: the words before a head, for a title repeated before the next head of a list
_WORDS_BEFORE = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]+[ \t]+){1,3})$")
#: how far back the patterns anchored at a head ("… $") look: a few words, never the whole text
_LOOKBACK = 80


@dataclass(frozen=True, slots=True)
class Body:
    """One lexicon entry: canonical name, how its owner may be written, and its behaviour flags."""

    name: str
    owner: tuple[str, ...] = ()
    owner_required: bool = False
    kind: str = ""
    level: str = ""
    lowercase: bool = False
    standalone: bool = True
    bare_commune: bool = False
    located: bool = False
    not_after: tuple[str, ...] = ()
    lowercase_owned: bool = False
    unit: bool = False
    free_name: bool = False


@dataclass(frozen=True, slots=True)
class OrgMatch:
    """A body found in the text: offsets, canonical name, the entry, and the body that owns it if any."""

    start: int
    end: int
    name: str
    body: Body
    owner: OrgMatch | None = None
    place: PlaceMention | None = None


def _phrases(forms: list[str]) -> str:
    """Return a regex alternation of ``forms``, longest first, their words parted by any run of blanks
    ("Ủy ban  kiểm tra" as scraped pages have it)."""
    return "|".join(r"[ \t]+".join(map(re.escape, f.split())) for f in sorted(forms, key=len, reverse=True))


def _alternation(forms: list[str]) -> re.Pattern[str]:
    """Return a case-insensitive pattern matching any of ``forms`` as whole words, longest first."""
    return re.compile(rf"(?<![^\W_])(?i:{_phrases(forms)})(?![^\W_])")


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern[str], dict[str, list[tuple[str, Body]]]]:
    """Return the pattern of every body's forms and, by lower-cased form, the (form, body) pairs."""
    by_form: dict[str, list[tuple[str, Body]]] = {}
    for entry in data_json("org_lexicon.json")["bodies"]:
        body = Body(**{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items() if k != "forms"})
        for form in entry["forms"]:
            by_form.setdefault(form.lower(), []).append((form, body))
    return _alternation(list(by_form)), by_form


def _branch_regex(form: str) -> str:
    """Return a regex for a branch form whose joints ("và", "-", ",", "&") may be written any of those ways."""
    parts = _BRANCH_JOINT.split(form)
    return _BRANCH_JOINT_ANY.join(r"[ \t]+".join(map(re.escape, part.split())) for part in parts)


@lru_cache(maxsize=1)
def _departments() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """Return (form, pattern, canonical name) per branch form ("Nội vụ", "NV", "GD&ĐT"); abbreviations
    keep their case."""
    out = []
    for name, forms in data_json("org_lexicon.json")["departments"].items():
        for form in forms:
            flags = "" if _abbreviation(form) else "i"
            out.append((form, re.compile(rf"(?<![^\W_])(?{flags}:{_branch_regex(form)})(?![^\W_])"), name))
    return tuple(out)


@lru_cache(maxsize=1)
def _branch_abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Return (pattern, canonical name) per abbreviated branch form of ``_departments``, longest first
    ("NN&PTNT" before "NN&MT"), its joints written any way ("GD & ĐT", "GD-ĐT")."""
    abbreviated = [entry for entry in _departments() if _abbreviation(entry[0])]
    return tuple((pattern, name) for form, pattern, name in sorted(abbreviated, key=lambda e: -len(e[0])))


def expand_branch_abbreviations(text: str) -> str:
    """Return ``text`` with each abbreviated branch written as its department's name, as organisation
    names are ("Giám đốc Sở GD & ĐT" -> "Giám đốc Sở Giáo dục và Đào tạo")."""
    for pattern, name in _branch_abbreviations():
        text = pattern.sub(name, text)
    return text


def _abbreviation(form: str) -> bool:
    """Return whether a form is an abbreviation, written all in capitals ("UBND", "ĐU", "TN&MT")."""
    return form == form.upper()


def _written_right(form: str, written: str, lowercase: bool) -> bool:
    """Return whether ``written`` is an acceptable spelling of ``form`` (see the lexicon's comment)."""
    if _abbreviation(form):
        return written == form
    return lowercase or written[:1].isupper()


def _head_at(text: str, pos: int) -> tuple[int, Body, bool] | None:
    """Return the end and entry of the body head written at ``pos``, and whether it needs its owner.

    A head written in lower case where its entry wants a capital is still a head when the entry is
    ``lowercase_owned`` and its owner follows ("tỉnh ủy Cao Bằng", "ban Tổ chức Trung ương").
    """
    pattern, by_form = _heads()
    match = pattern.match(text, pos)
    if match is None:
        return None
    candidates = by_form[" ".join(match.group().split()).lower()]
    for form, body in candidates:
        if _written_right(form, match.group(), body.lowercase):
            return match.end(), body, body.owner_required
    for form, body in candidates:
        if body.lowercase_owned and not _abbreviation(form):
            return match.end(), body, True
    return None


def _place_name(place: PlaceMention) -> str:
    """Return a place as it ends a body's name: the level word, and the unit's name if given.

    A unit dissolved since keeps its name as written ("Đội Thanh tra địa bàn quận 9").
    """
    return place.level if place.name is None else f"{place.level} {_unit_name(place)}"


def _unit_name(place: PlaceMention) -> str:
    """Return a named place's unit name: the gazetteer's, or as written for a unit dissolved since."""
    return place.name if place.former and place.name else place.units[0].name


def _department_at(text: str, pos: int) -> tuple[int, str] | None:
    """Return the end and canonical name of the longest branch written at ``pos`` ("Nội Vụ" -> "Nội vụ")."""
    found = [(m.end(), name) for _, pattern, name in _departments() if (m := pattern.match(text, pos))]
    return max(found, key=lambda f: f[0], default=None)


def _province_at(text: str, pos: int) -> PlaceMention | None:
    """Return a province named without its level word at ``pos`` ("Hà Nội" in "Sở Xây dựng Hà Nội")."""
    for level in ("thành phố", "tỉnh"):
        place = name_at(text, pos, level)
        if place is not None and any(u.parent_code is None for u in place.units):
            return place
    return None


def _province_name(place: PlaceMention) -> str:
    """Return a province as it ends a body's name: as written, or in full for a short form ("TPHCM")."""
    written = place.name or ""
    if load_gazetteer().is_alias(written):
        return f"{place.units[0].level} {place.units[0].name}"
    return written


def _located(text: str, match: OrgMatch) -> OrgMatch:
    """Return a body extended by the place written after its branch ("Sở Xây dựng TP. HCM", "… Hà Nội").

    A ``unit`` (a department's office, a police unit) may instead be followed by the body it belongs
    to ("Phòng Cảnh sát môi trường Công an tỉnh Tây Ninh", "Chi cục Kiểm lâm Sở NN&PTNT").
    """
    gap = _GAP.match(text, match.end)
    if gap is None:
        return match
    if match.body.unit and (owner := _org_at(text, gap.end())) is not None and owner.name != owner.body.name:
        return OrgMatch(match.start, owner.end, f"{match.name} {owner.name}", match.body, owner=owner)
    if (place := place_at(text, gap.end())) is not None:
        return OrgMatch(match.start, place.end, f"{match.name} {_place_name(place)}", match.body, place=place)
    if (place := _province_at(text, gap.end())) is not None:
        return OrgMatch(
            match.start, place.end, f"{match.name} {_province_name(place)}", match.body, place=place
        )
    return match


def _listed_place_at(text: str, pos: int) -> PlaceMention | None:
    """Return a place at ``pos``, also a list introduced by "các" ("các tỉnh Bến Tre, Đồng Tháp")."""
    if (place := place_at(text, pos)) is not None:
        return place
    many = _MANY.match(text, pos)
    place = place_at(text, many.end()) if many else None
    if place is not None and place.name is not None and list_items(text, place):
        return PlaceMention(pos, place.end, place.level, place.name, place.units, place.former)
    return None


def _proper_at(text: str, pos: int) -> int | None:
    """Return the end of the proper name (capitalised syllables, at most four) written at ``pos``.

    It stops before a person's name, a surname with two more capitalised syllables ("Hạt Kiểm lâm
    Trần Văn Nam cho biết": the body is "Hạt Kiểm lâm", Trần Văn Nam its head).
    """
    spans: list[tuple[int, int]] = []
    while len(spans) < _MAX_PROPER + 2:
        syllable = _PROPER_SYLLABLE.match(text, pos)
        if syllable is None or not syllable.group()[:1].isupper():
            break
        spans.append(syllable.span())
        gap = _GAP.match(text, syllable.end())
        if gap is None:
            break
        pos = gap.end()
    for k in range(len(spans) - 2):
        if text[spans[k][0] : spans[k][1]].lower() in surnames():
            return spans[k - 1][1] if k else None
    return spans[min(len(spans), _MAX_PROPER) - 1][1] if spans else None


@lru_cache(maxsize=1)
def _name_stops() -> re.Pattern[str]:
    """Return the pattern of the words that end a unit's own name (the lexicon's ``name_stops``).

    They are matched as written, in lower case: a capitalised word belongs to the name ("Xử lý").
    """
    return re.compile(rf"(?:{_phrases(data_json('org_lexicon.json')['name_stops'])})(?![^\W_])")


def _owner_after(text: str, end: int, marked_only: bool) -> OrgMatch | PlaceMention | None:
    """Return the owner written after a unit's name: in brackets, after a code or a comma, else after a space.

    "(Sở TN&MT Hà Tĩnh)", "(PA 03) Công an tỉnh Sơn La", "(Vụ II) Thanh tra Chính phủ", ", Sở GTVT
    Nghệ An" mark the owner; a body or a place after a space or "của" ("Vụ II Thanh tra Chính phủ",
    "của xã") is taken unless ``marked_only``.
    """
    code = _UNIT_CODE.match(text, end)
    code_end = code.end() if code else None
    if code is None and (owner := _bracketed_owner(text, end)) is not None:
        if "named" not in owner.body.owner:
            return owner
        code_end = owner.end  # the unit's other name in brackets: "(Vụ II)"
    for gap in (_GAP.match(text, code_end) if code_end is not None else None, _LIST_GAP.match(text, end)):
        owner = _org_at(text, gap.end()) if gap is not None and "và" not in gap.group() else None
        if (
            owner is not None
            and owner.body.standalone
            and (owner.name != owner.body.name or not owner.body.owner)
        ):
            return owner
    gap = _OF_GAP.match(text, end)
    if marked_only or gap is None:
        return None
    owner = _org_at(text, gap.end())
    if owner is not None and owner.body.standalone:
        return owner
    place = place_at(text, gap.end())
    # a level word inside a name ("Trung tâm Hỗ trợ xã hội") is no place; "… đầu tư TP cho biết" is
    after = _GAP.match(text, place.end) if place is not None and place.name is None else None
    if after and _NAME_SYLLABLE.match(text, after.end()) and not _name_stops().match(text, after.end()):
        return None
    return place


def _named(text: str, start: int, pos: int, body: Body) -> OrgMatch | None:
    """Return the unit whose own name is written at ``pos`` after its head, with its place or owner.

    The name runs over syllables until a word that follows a subject (``name_stops``: "sẽ", "có",
    "yêu cầu") or a title ("bí thư"), a Roman numeral ("Vụ II"), punctuation, the country that closes a
    national body's name ("... Việt Nam", owner or none), or what owns it: a place ("Trung tâm Xúc tiến
    đầu tư TP") or a body ("Phòng Quy hoạch giao đất (Sở TN&MT Hà Tĩnh)", "Ban Chỉ đạo cải cách
    hành chính của Chính phủ"), which ends it. A comma or "và" before a word in lower case holds
    only if the name does not run on into the sentence ("Ban chỉ đạo nông thôn mới và cùng với ...").
    A name starting in lower case needs its owner unless the body is ``free_name``; after a head
    written in lower case ("phòng quy hoạch ..."), an owner marked by brackets or a comma.
    """
    stops = _name_stops()
    marked_only = text[start].islower()
    first = _NAME_SYLLABLE.match(text, pos)
    # no name starts with a place or a figure: "Vụ TP. Đà Nẵng lấy sân" and "Vụ 111 biệt thự" are cases
    # nor with a title word in capitals: "Tổng Cục Trưởng Tổng cục Chính trị" is a title
    if (
        first is None
        or first.group().isdigit()
        or first.group().lower() in _TITLE_WORDS
        or stops.match(text, pos)
        or place_at(text, pos)
    ):
        return None
    needs_owner = marked_only or (first.group().islower() and not body.free_name)
    end = pos
    cut: int | None = None  # the end before a joint that may not belong to the name
    ran_on = closed = False
    owner: OrgMatch | PlaceMention | None = None
    cur = pos
    for _ in range(_MAX_NAME):
        word = _NAME_SYLLABLE.match(text, cur)
        if word is None or stops.match(text, cur):
            ran_on = word is not None
            break
        end = word.end()
        # the country closes a national body's name ("Tổng cục Địa chất và khoáng sản Việt Nam ngày 5-3")
        if closed := text.endswith("Việt Nam", pos, end):
            break
        if (owner := _owner_after(text, end, marked_only)) is not None or _ROMAN.fullmatch(word.group()):
            break
        if (joint := _NAME_JOINT.match(text, end)) is not None:
            after = _NAME_SYLLABLE.match(text, joint.end())
            if after is None or place_at(text, joint.end()) or _head_at(text, joint.end()):
                break
            if cut is None and after.group().islower():
                cut = end
            cur = joint.end()
        elif (gap := _GAP.match(text, end)) is not None:
            cur = gap.end()
        else:
            break
    else:
        return None
    if owner is None:
        # a name going on in quotes ("Ban Chỉ đạo mô hình “Chính quyền thân thiện”") is not read
        if (needs_owner and not closed) or _QUOTE.match(text, end):
            return None
        end = cut if ran_on and cut is not None else end
    name = f"{body.name} {' '.join(text[pos:end].split())}"
    if owner is None:
        return OrgMatch(start, end, name, body)
    owned = owner.name if isinstance(owner, OrgMatch) else _place_name(owner)
    return OrgMatch(start, owner.end, f"{name} {owned}", body)


def _bracketed_owner(text: str, end: int) -> OrgMatch | None:
    """Return the owner written in brackets after a body, after a unit code ("(C46, Bộ Công an)")."""
    bracket = _BRACKET_OWNER.match(text, end)
    if bracket is None:
        return None
    owner = _org_at(text, bracket.end())
    close = _BRACKET_CLOSE.match(text, owner.end) if owner is not None else None
    if owner is None or close is None:
        return None
    return OrgMatch(owner.start, close.end(), owner.name, owner.body, owner.owner, owner.place)


def _branch_written_right(text: str, start: int, pos: int, body: Body) -> bool:
    """Return whether the branch at ``pos`` can name the body whose head starts at ``start``.

    A head that wants a capital but is written in lower case ("Thanh tra bộ Xây dựng") takes only a
    branch written with one: "cán bộ công an xã" is a civil servant, not the ministry.
    """
    return body.lowercase or not text[start].islower() or text[pos].isupper()


def _owned(text: str, start: int, end: int, body: Body) -> OrgMatch | None:
    """Return the body with the first owner its entry allows written after ``end``, or None."""
    if "org" in body.owner and (owner := _bracketed_owner(text, end)) is not None:
        return OrgMatch(start, owner.end, f"{body.name} {owner.name}", body, owner=owner)
    gap = (_OF_GAP if "org" in body.owner else _GAP).match(text, end)
    if gap is None:
        return None
    pos = gap.end()
    for kind in body.owner:
        if kind == "place" and (place := _listed_place_at(text, pos)):
            return OrgMatch(start, place.end, f"{body.name} {_place_name(place)}", body, place=place)
        if kind == "named_place" and (place := place_at(text, pos)) and place.name is not None:
            return OrgMatch(start, place.end, f"{body.name} {_place_name(place)}", body, place=place)
        if kind == "level" and (place := place_at(text, pos)) and place.name is None:
            return OrgMatch(start, place.end, f"{body.name} {place.level}", body, place=place)
        if kind == "name" and (place := name_at(text, pos, body.level)):
            return OrgMatch(start, place.end, f"{body.name} {_unit_name(place)}", body, place=place)
        if kind == "proper" and (proper := _proper_at(text, pos)) is not None:
            return OrgMatch(start, proper, f"{body.name} {text[pos:proper]}", body)
        if kind == "province" and (place := _province_at(text, pos)):
            return OrgMatch(start, place.end, f"{body.name} {_province_name(place)}", body, place=place)
        if kind in ("committee", "org") and (owner := _org_at(text, pos, committee_only=kind == "committee")):
            return OrgMatch(start, owner.end, f"{body.name} {owner.name}", body, owner=owner)
        if (
            kind == "department"
            and (department := _department_at(text, pos))
            and _branch_written_right(text, start, pos, body)
        ):
            match = OrgMatch(start, department[0], f"{body.name} {department[1]}", body)
            return _located(text, match) if body.located else match
        if kind == "named" and (named := _named(text, start, pos, body)) is not None:
            return named
    return None


def _org_at(text: str, pos: int, committee_only: bool = False) -> OrgMatch | None:
    """Return the body written at ``pos`` with its owner, if the lexicon knows it."""
    head = _head_at(text, pos)
    if head is None or (committee_only and head[1].kind != "committee"):
        return None
    end, body, owner_required = head
    owned = _owned(text, pos, end, body) if body.owner else None
    # a committee in lower case is still the owner it names ("Ban thường vụ quận ủy")
    if owned is not None or (owner_required and not (committee_only and body.lowercase_owned)):
        return owned
    return OrgMatch(pos, end, body.name, body)


def _names_a_branch(match: OrgMatch) -> bool:
    """Return whether a department-like head was written with its branch ("Bộ Xây dựng", not "Bộ")."""
    return "department" in match.body.owner and match.name != match.body.name


def _branch_list(text: str, start: int) -> list[OrgMatch]:
    """Return one body per branch of a list a head opens ("các Bộ: Tài nguyên & Môi trường, Xây dựng").

    The head is written once, with a colon, and each branch after it is that head's body.
    """
    head = _head_at(text, start)
    if head is None or "department" not in head[1].owner:
        return []
    end, body, _ = head
    colon = _COLON.match(text, end)
    out: list[OrgMatch] = []
    pos = colon.end() if colon else -1
    while pos >= 0 and (branch := _department_at(text, pos)):
        out.append(OrgMatch(start if not out else pos, branch[0], f"{body.name} {branch[1]}", body))
        gap = _LIST_GAP.match(text, branch[0])
        pos = gap.end() if gap else -1
    return out


def _generic(text: str, match: OrgMatch, previous_generic_end: int | None) -> bool:
    """Return whether a body is named generically ("các Huyện ủy, Thành ủy", "… các cấp", "UBND quận huyện")."""
    if _GENERIC_AFTER.match(text, match.end):
        return True
    # "các Bộ Kế hoạch và Đầu tư, Bộ Xây dựng" names its ministries; "các Bộ, ngành" names none
    if _GENERIC_BEFORE.search(text, max(0, match.start - _LOOKBACK), match.start) and not _names_a_branch(
        match
    ):
        return True
    if (
        match.body.level
        and match.name == match.body.name
        and (
            _COMMITTEE_LIST_BEFORE.search(text, max(0, match.start - _LOOKBACK), match.start)
            or _COMMITTEE_LIST_AFTER.match(text, match.end)
        )
    ):
        return True
    if match.place is not None and match.place.name is None and _LEVEL_LIST.match(text, match.end):
        return True
    if previous_generic_end is None:
        return False
    gap = _LIST_GAP.match(text, previous_generic_end)
    return gap is not None and gap.end() == match.start


def _after_title_word(text: str, start: int, body: Body) -> bool:
    """Return whether a head continues a title rather than naming a body ("Phó Bí thư Thường trực Quận ủy").

    A word is matched whole and in any case, except that a word listed in lower case ("nội" of "nội
    bộ") does not match as the end of a proper name: "Hà Nội Bộ Công an" names the ministry.
    """
    before = text[max(0, start - 40) : start].rstrip()
    for word in body.not_after:
        written, rest = before[-len(word) :], before[: -len(word)]
        if rest[-1:].isalpha() or written.lower() != word.lower():
            continue
        previous = rest.split()[-1:]
        if not (word.islower() and written != word and previous and previous[0][0].isupper()):
            return True
    return False


def _in_symbol(text: str, start: int) -> bool:
    """Return whether a head is part of a document symbol ("15-QĐ/ĐU", "NQ/TW")."""
    return start > 0 and text[start - 1] in "/-"


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """Return the bounds of the sentence (or line) around ``pos``."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)
    end = _SENTENCE_END.search(text, pos)
    return start, end.start() if end else len(text)


def _nearest_commune(text: str, match: OrgMatch, places: list[PlaceMention]) -> str | None:
    """Return the commune named nearest a body in its sentence ("phường Đông Kinh"), or None."""
    start, end = _sentence(text, match.start)
    near = [p for p in places if p.level in COMMUNE_LEVELS and start <= p.start and p.end <= end]
    if not near:
        return None
    return _place_name(min(near, key=lambda p: abs(p.start - match.start)))


def _place_list(text: str, first: PlaceMention) -> list[PlaceMention]:
    """Return the places listed after ``first`` at its level: bare names ("Thạch Bàn, Gia Thụy") or
    with the level written again ("thành phố Hà Nội, TP HCM")."""
    out: list[PlaceMention] = []
    previous = first
    while True:
        items = []
        for item in list_items(text, previous):
            if item.level != first.level:
                return out + items
            items.append(item)
        out += items
        previous = items[-1] if items else previous
        gap = _LIST_GAP.match(text, previous.end)
        place = place_at(text, gap.end()) if gap else None
        if (
            place is None
            or place.name is None
            or place.level != first.level
            or _encloses(place, previous)
            or _head_at(text, gap.end())
        ):
            return out
        out.append(place)
        previous = place


def _encloses(outer: PlaceMention, inner: PlaceMention) -> bool:
    """Return whether ``outer`` names a unit enclosing ``inner`` ("thành phố Thủ Đức, TP HCM")."""
    keys = {u.key for u in outer.units}
    return any(a.key in keys for u in inner.units for a in load_gazetteer().ancestors(u))


def _expanded(text: str, match: OrgMatch) -> list[Organization]:
    """Return a body's organisations: itself, one per further place of a list, a delegation's owner."""
    out = [Organization(text[match.start : match.end], match.name, (match.start, match.end))]
    if match.place is not None and match.place.name is not None and match.body.owner[:1] == ("place",):
        for item in _place_list(text, match.place):
            name = f"{match.body.name} {_place_name(item)}"
            out.append(Organization(text[item.start : item.end], name, (item.start, item.end)))
    if match.owner is not None and match.body.kind == "delegation" and match.owner.body.standalone:
        owner = match.owner
        out.append(Organization(text[owner.start : owner.end], owner.name, (owner.start, owner.end)))
    return out


def _repeated_title(text: str, start: int, pos: int) -> int:
    """Return ``pos`` past the title that also precedes the head at ``start`` ("Chủ tịch HĐND, Chủ tịch UBND")."""
    words = _WORDS_BEFORE.search(text, max(0, start - _LOOKBACK), start)
    if words is None:
        return pos
    title = words.group(1).split()
    for size in range(min(len(title), 3), 0, -1):
        again = re.compile(r"[ \t]+".join(map(re.escape, title[-size:])) + r"[ \t]+", re.IGNORECASE)
        if (found := again.match(text, pos)) is not None:
            return found.end()
    return pos


def _shared_owner(text: str, start: int, end: int) -> OrgMatch | None:
    """Return the next body of a list of heads that names its place ("Công an, Thanh tra TP. HCM")."""
    gap = _LIST_GAP.match(text, end)
    if gap is None:
        return None
    pos = _repeated_title(text, start, gap.end())
    head = _head_at(text, pos)
    if head is None:
        return None
    match = _org_at(text, pos)
    if match is not None and match.place is not None and match.body.owner[:1] == ("place",):
        return match
    if match is None or match.name == match.body.name:
        return _shared_owner(text, pos, head[0])
    return None


def _distributed(text: str, start: int) -> OrgMatch | None:
    """Return a body written bare before a list of bodies with the place the list ends with, or None.

    A Party committee takes the place only at its own level, written as the list writes it ("Tỉnh ủy,
    UBND tỉnh Thanh Hóa" gives Tỉnh ủy tỉnh Thanh Hóa, "Quận ủy, UBND, MTTQ quận 2" Quận ủy quận 2).
    """
    head = _head_at(text, start)
    if head is None or head[1].owner[:1] not in (("place",), ("name",)) or not head[1].standalone:
        return None
    end, body, _ = head
    if body.bare_commune:  # a bare "Đảng ủy" takes its commune by its own rule (see ``_resolve_bare``)
        return None
    shared = _shared_owner(text, start, end)
    if shared is None or shared.place is None or not shared.name.startswith(shared.body.name + " "):
        return None
    place = shared.place
    # a committee of one place: not of another level, nor of each of a list ("các tỉnh A và B")
    if body.owner[0] == "name" and (
        place.name is None or place.level != body.level or list_items(text, place)
    ):
        return None
    owner = shared.name[len(shared.body.name) + 1 :]
    return OrgMatch(start, end, f"{body.name} {owner}", body, place=shared.place)


def _matches(text: str) -> list[OrgMatch]:
    """Return the bodies named in ``text``, in order, without generic ones and document symbols."""
    pattern, _ = _heads()
    out: list[OrgMatch] = []
    generic_end: int | None = None
    pos = 0
    while head := pattern.search(text, pos):
        match = _org_at(text, head.start())
        if match is None and (branches := _branch_list(text, head.start())):
            out.extend(branches)
            pos = branches[-1].end
            continue
        if match is None or match.name == match.body.name:
            match = _distributed(text, head.start()) or match
        if (
            match is None
            or _in_symbol(text, head.start())
            or _after_title_word(text, head.start(), match.body)
        ):
            pos = head.end()
            continue
        pos = match.end
        if _generic(text, match, generic_end):
            generic_end = match.end
            continue
        generic_end = None
        if match.body.standalone:
            out.append(match)
    return out


def _resolve_bare(text: str, matches: list[OrgMatch]) -> list[OrgMatch]:
    """Return ``matches`` with each bare "Đảng ủy" given its commune (see the lexicon's ``bare_commune``)."""
    places = place_mentions(text)
    last_named: str | None = None
    out = []
    for match in matches:
        if match.body.bare_commune and match.name == match.body.name:
            commune = _nearest_commune(text, match, places)
            name = f"{match.body.name} {commune}" if commune else last_named or match.name
            match = OrgMatch(match.start, match.end, name, match.body)
        elif match.body.bare_commune and match.place is not None and match.place.name is not None:
            last_named = match.name
        out.append(match)
    return out


def _without_bare_delegations(orgs: list[Organization], delegations: set[str]) -> list[Organization]:
    """Return ``orgs`` less bare delegations ("Đoàn giám sát") also named with their owner."""
    owned = {d for d in delegations if any(o.name.startswith(d + " ") for o in orgs)}
    return [o for o in orgs if o.name not in owned]


def extract_organizations(text: str) -> list[Organization]:
    """Return the organisations named in ``text``, one per canonical name, in order of first mention.

    Offsets index ``text``, which must be NFC (``pipeline.nlp.text.normalize`` keeps its length).
    """
    text = normalize(text)
    matches = _resolve_bare(text, _matches(text))
    orgs: dict[str, Organization] = {}
    for match in matches:
        for org in _expanded(text, match):
            orgs.setdefault(org.name, org)
    delegations = {m.body.name for m in matches if m.body.kind == "delegation"}
    return _without_bare_delegations(list(orgs.values()), delegations)


def body_at(text: str, pos: int) -> tuple[int, bool] | None:
    """Return the end of the body named at ``pos`` with its owner and whether it is a delegation, or None.

    Used by the people extractor to let a title run over a body written partly in lower case
    ("Trưởng phòng quản lý đô thị quận Đống Đa", "Giám đốc Sở GD-ĐT tỉnh Đắk Nông").
    """
    match = _org_at(text, pos)
    if match is None or not match.body.standalone:
        return None
    return match.end, match.body.kind == "delegation"


__all__ = ["body_at", "extract_organizations"]
