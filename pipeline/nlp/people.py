"""Leaders (named officials with titles and their role in the event) and authors (bylines, photo credits).

A leader is a person's name next to a title: "đồng chí Đinh Thị Thu Hương - QUV, Phó Chủ tịch UBND Quận
làm trưởng đoàn" (titles after the name), "Phó Giám đốc Sở Nội vụ Ngô Anh Tuấn" (a title before it).
Names are runs of capitalised syllables opened by a known surname (``pipeline/data/person_surnames.json``);
a run after an honorific ("đồng chí", "ông") that opens with a rarer surname is accepted when
``underthesea.pos_tag`` tags it as one proper noun. Titles, roles and bodies: ``pipeline/data/titles.json``.
A former office keeps its "nguyên"; a title in brackets after "hiện là" is the person's too; offices of
companies and associations do not make a leader (corpora/gold/GUIDE.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from pipeline.data import data_json
from pipeline.gazetteer import load_gazetteer
from pipeline.model import Person
from pipeline.nlp.organizations import body_at, expand_branch_abbreviations
from pipeline.nlp.text import abbreviations, fold, surnames

#: a syllable or a single punctuation mark
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
#: what joins a name to its titles and titles to each other: punctuation, a bracket ("ông X (Chủ tịch UBND
#: quận Y)"), and "kiêm" between two offices ("Bí thư kiêm chủ tịch HĐND tỉnh Quảng Ninh")
_SEPARATORS = frozenset({",", "-", "–", "—", "(", "kiêm"})
#: the longest title head or role phrase, in syllables
_MAX_HEAD = 8
#: the most lower-case syllables allowed between a title's body and the name it precedes
_MAX_LOOSE = 4


@dataclass(frozen=True)
class _Tok:
    """One syllable or punctuation mark with its offsets; ``fold`` is its folded form."""

    text: str
    start: int
    end: int
    fold: str

    @property
    def lower(self) -> str:
        """Return the token in lower case (tones kept: "nhận" is not "nhân")."""
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        """Return whether the token is a word that starts with a capital and goes on in lower case."""
        return self.text[0].isupper() and (len(self.text) == 1 or self.text[1:].islower())


@dataclass
class _Title:
    """A title or role phrase found in the text, covering tokens ``[first, last)``."""

    first: int
    last: int
    text: str
    role: str | None
    body: str = ""


_NO_ROLE = _Title(0, 0, "", None)
#: the level of an administrative unit, to tell "phường 19, quận Bình Thạnh" (one address) from a list
_UNIT_RANK = {
    "xã": 1,
    "phường": 1,
    "thị trấn": 1,
    "huyện": 2,
    "quận": 2,
    "thị xã": 2,
    "thành phố": 3,
    "tỉnh": 4,
}


#: the levels whose units may be numbered ("quận 1", "phường 7"); "huyện 2 nhiệm kỳ" is a count
_NUMBERED_UNITS = frozenset({"quận", "phường"})


@lru_cache(maxsize=1)
def _former_compounds() -> frozenset[tuple[str, str]]:
    """Return the words whose compound with a ``former`` word is no such word ("sự cố", "củng cố")."""
    return frozenset(tuple(w.lower().split()) for w in data_json("titles.json")["former_compounds"])


@lru_cache(maxsize=1)
def _toned_heads() -> dict[tuple[str, ...], str]:
    """Return the heads that share their folded spelling with an earlier head (which ``_heads`` keys
    by it), by their lower-case words with tones: "thủ trưởng" is the Thủ trưởng of an investigating
    body, not a Thứ trưởng."""
    heads = data_json("titles.json")["heads"]
    firsts: dict[tuple[str, ...], str] = {}
    for head in heads:
        firsts.setdefault(tuple(fold(head).split()), head)
    return {tuple(head.lower().split()): head for head in heads if firsts[tuple(fold(head).split())] != head}


@lru_cache(maxsize=1)
def _heads() -> dict[tuple[str, ...], tuple[str, str | None]]:
    """Return folded head syllables -> (canonical head, role); abbreviations (QUV, PCT) map to expansions."""
    titles = data_json("titles.json")
    heads: dict[tuple[str, ...], tuple[str, str | None]] = {}
    for head in titles["heads"]:
        heads.setdefault(tuple(fold(head).split()), (head, None))
    heads.update({tuple(fold(k).split()): (k, role) for k, role in titles["roles"].items()})
    for short, full in abbreviations().items():
        expansion = heads.get(tuple(fold(full).split()))
        if expansion and " " not in short:
            heads[(fold(short),)] = (full, expansion[1])
    return heads


@lru_cache(maxsize=1)
def _head_abbreviations() -> dict[str, tuple[str, ...]]:
    """Return folded one-word title abbreviations -> folded syllables of their expansion ("gđ": giám đốc)."""
    shorts = data_json("titles.json")["abbreviations"]
    return {fold(k): tuple(fold(v).split()) for k, v in shorts.items() if k.isalpha()}


@lru_cache(maxsize=1)
def _tail_pairs() -> frozenset[tuple[str, str]]:
    """Return lower-case syllable pairs of the tail words and body names ("nhân dân", "tập đoàn")."""
    titles = data_json("titles.json")
    phrases = [p.lower().split() for p in titles["tail_words"] + titles["bodies"] + titles["company_bodies"]]
    return frozenset(pair for words in phrases for pair in zip(words, words[1:], strict=False))


@lru_cache(maxsize=1)
def _unit_endings() -> frozenset[str]:
    """Return the last syllable of each unit word ("tỉnh", "phố" of "thành phố", "trấn")."""
    return frozenset(w.split()[-1] for w in _words("unit_words"))


@lru_cache(maxsize=1)
def _tail_unigrams() -> frozenset[str]:
    """Return the one-syllable tail words ("tỉnh", "sở", "xã")."""
    return frozenset(w for w in data_json("titles.json")["tail_words"] if " " not in w)


@cache
def _words(key: str) -> frozenset[str]:
    """Return a lower-case word list of ``titles.json``."""
    return frozenset(w.lower() for w in data_json("titles.json")[key])


def _tokens(text: str) -> list[_Tok]:
    """Return the syllables and punctuation marks of ``text``."""
    folded = fold(text)
    return [_Tok(m.group(), m.start(), m.end(), folded[m.start() : m.end()]) for m in _TOKEN.finditer(text)]


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """Return whether two tokens are on one line, separated by spaces only."""
    return "\n" not in text[a.end : b.start]


def _runs(text: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Return ``[first, last)`` token ranges of capitalised words standing next to each other on one line."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        j = i
        while (
            j < len(toks)
            and toks[j].capitalised
            and (j == i or (_joined(text, toks[j - 1], toks[j]) and toks[j].start > toks[j - 1].end))
        ):
            j += 1
        if j > i:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _name_in_run(toks: list[_Tok], first: int, last: int) -> int | None:
    """Return where a person's name starts in a capitalised run ("Đà Nẵng Phan Thị Thúy Linh": at "Phan")."""
    places = _place_syllables(toks, first, last)
    for size in (range(2, 5), range(5, 6)):
        for i in range(first, last):
            if last - i in size and i not in places and toks[i].lower in surnames():
                return i
    return None


def _unit_word_before(toks: list[_Tok], i: int) -> str | None:
    """Return the level written right before token ``i`` ("tỉnh", "thành phố" for "TP"), or None."""
    units = _words("unit_words")
    for n in (2, 1):
        words = " ".join(t.lower for t in toks[i - n : i]) if i >= n else ""
        if words in units or words == "tp":
            return "thành phố" if words == "tp" else words
        if words in _committee_levels():  # "Tỉnh ủy Lai Châu": the committee names its place's level
            return _committee_levels()[words]
    return None


@lru_cache(maxsize=1)
def _committee_levels() -> dict[str, str]:
    """Return the level each Party committee names ("tỉnh ủy" -> "tỉnh"), from the place extractor's table."""
    return {k.lower(): v for k, v in data_json("place_levels.json")["committees"].items()}


def _place_syllables(toks: list[_Tok], first: int, last: int) -> set[int]:
    """Return the token indexes inside a known not-a-name ("Hà Giang") in a run, except at its start.

    After a level word the longest name of two syllables or more that the gazetteer holds at that level
    and that opens the run is a place as a whole ("UBND tỉnh Tây Ninh Trần Văn Chiến": "Tây Ninh"), so
    the name is looked for after it ("UBND huyện Phan Thành Đông" stays a name: "Phan" is one syllable);
    without a level word, so is a province's name ("Sở Tài chính Đắk Nông Nguyễn Tấn Bi": "Nông" is
    also a surname).
    """
    words = [t.lower for t in toks[first:last]]
    covered: set[int] = set()
    level = _unit_word_before(toks, first)
    gazetteer = load_gazetteer()
    # without a level word only a province counts, and not after an honorific ("ông Hà Nam Văn Trung")
    sizes = range(last - first - 2, 1, -1) if level is not None or not _honorific_before(toks, first) else ()
    for size in sizes:
        found = gazetteer.find(" ".join(t.text for t in toks[first : first + size]), level)
        if any(level is not None or u.parent_code is None for u in found):
            covered.update(range(first, first + size))
            break
    for place in _words("not_names"):
        size = len(place.split())
        for i in range(len(words) - size + 1):
            if " ".join(words[i : i + size]) == place:
                covered.update(range(first + i + 1, first + i + size))
    return covered


def _honorific_size(toks: list[_Tok], i: int) -> int:
    """Return the token count of "đồng chí", "đ/c", "ông" or "bà" right before token ``i`` (0 if none)."""
    for n in (3, 2, 1):
        if i >= n and " ".join(t.lower for t in toks[i - n : i]).replace(" / ", "/") in _words("honorifics"):
            return n
    return 0


def _honorific_before(toks: list[_Tok], i: int) -> bool:
    """Return whether "đồng chí", "đ/c", "ông" or "bà" stands right before token ``i``."""
    return _honorific_size(toks, i) > 0


def _is_proper_noun(text: str, toks: list[_Tok], first: int, last: int) -> bool:
    """Return whether underthesea tags the syllables ``[first, last)`` as one proper noun (Np)."""
    from underthesea import pos_tag

    line_start = text.rfind("\n", 0, toks[first].start) + 1
    line_end = text.find("\n", toks[last - 1].end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    wanted = fold(text[toks[first].start : toks[last - 1].end])
    return any(tag == "Np" and fold(word) == wanted for word, tag in pos_tag(line))


def _names(text: str, toks: list[_Tok]) -> dict[int, int]:
    """Return person names as ``{first token: end token}``; "quận Lê Chân" (after a unit word) is a place."""
    units = _words("unit_words")
    names: dict[int, int] = {}
    for first, last in _runs(text, toks):
        start = _name_in_run(toks, first, last)
        if start is None and _honorific_before(toks, first) and 2 <= last - first <= 4:
            start = first if _is_proper_noun(text, toks, first, last) else None
        if start is None:
            continue
        name = " ".join(t.lower for t in toks[start:last])
        after_unit = start > 0 and toks[start - 1].lower in units
        if name in _words("not_names") or (after_unit and last - start < 3):
            continue
        names[start] = last
    return names


def _head_at(toks: list[_Tok], i: int) -> tuple[int, str, str | None] | None:
    """Return (token count, canonical head, role) of the longest title head or role phrase at ``i``."""
    heads = _heads()
    shorts = _head_abbreviations()
    for n in range(min(_MAX_HEAD, len(toks) - i), 0, -1):
        key = tuple(word for t in toks[i : i + n] for word in shorts.get(t.fold, (t.fold,)))
        if (
            key in heads
            and all(toks[k].start > toks[k - 1].end for k in range(i + 1, i + n))
            and not _cased_apart(toks, i, n, heads[key][0])
        ):
            head, role = heads[key]
            return n, _toned_heads().get(tuple(t.lower for t in toks[i : i + n]), head), role
    return None


def _cased_apart(toks: list[_Tok], i: int, n: int, canonical: str) -> bool:
    """Return whether the ``n`` words at ``i`` that spell a head are cased as a word and a further head:
    "chức vụ Phó Trưởng ban" is no "Vụ phó", while "trưởng Ban Tuyên giáo" is the "Trưởng ban".
    """
    words = canonical.split()
    if len(words) != n or toks[i].capitalised:
        return False
    return any(
        toks[k].capitalised and not w[0].isupper() and _head_at(toks, k) is not None
        for k, w in zip(range(i + 1, i + n), words[1:], strict=True)
    )


def _tail_end(text: str, toks: list[_Tok], i: int, names: dict[int, int]) -> int:
    """Return the end token of a title's body ("UBND tỉnh Quảng Ninh") from ``i``, stopping before a name."""
    j = i
    while j < len(toks) and j not in names and _joined(text, toks[j - 1], toks[j]):
        if (place_end := _hyphenated_place_end(toks, j)) is not None:
            j = place_end
        elif _in_tail(toks, j):
            j += 1
        else:
            break
    return j


def _hyphenated_place_end(toks: list[_Tok], j: int) -> int | None:
    """Return the end token of a place named with a dash at ``j`` ("Bà Rịa - Vũng Tàu"), or None."""
    if toks[j].text not in {"-", "–"} or j == 0:
        return None
    gazetteer = load_gazetteer()
    for before in (1, 2, 3):
        for after in (1, 2, 3):
            first, end = j - before, j + 1 + after
            if (
                first < 0
                or end > len(toks)
                or not all(t.capitalised for t in toks[first:j] + toks[j + 1 : end])
            ):
                continue
            left = " ".join(t.text for t in toks[first:j])
            if gazetteer.has_name(f"{left} - {' '.join(t.text for t in toks[j + 1 : end])}"):
                return end
    return None


def _in_tail(toks: list[_Tok], j: int) -> bool:
    """Return whether token ``j`` goes on a title's body: a capital, a body word, "và" before a capital,
    a unit's number."""
    tok = toks[j]
    if tok.text == "." and toks[j - 1].text in {"TP", "Tp"} and tok.start == toks[j - 1].end:
        return True
    if tok.text.isdigit():  # a numbered unit: "phó chủ tịch quận 1", "Chủ tịch phường 7"
        return toks[j - 1].lower in _NUMBERED_UNITS
    if not tok.text[0].isalpha() or (tok.lower in _words("stop_words") and not tok.capitalised):
        return False
    if tok.lower == "và":
        return j + 1 < len(toks) and toks[j + 1].text[0].isupper()
    after = (toks[j - 1].lower, tok.lower) in _tail_pairs()
    return tok.text[0].isupper() or tok.lower in _tail_unigrams() or after or _opens_pair(toks, j)


def _opens_pair(toks: list[_Tok], j: int) -> bool:
    """Return whether token ``j`` starts a tail pair that goes on a title's body here.

    After a body's word it does ("phòng kế hoạch", "Khu quản lý"); after a name of two capitals or
    more, or a lower-case unit word, the pair is a verb ("UBND tỉnh Cà Mau thông tin", "UBND huyện
    chỉ đạo"), unless it is a unit word itself ("xã Tân Phú thành phố Đồng Xoài").
    """
    if j + 1 >= len(toks) or (toks[j].lower, toks[j + 1].lower) not in _tail_pairs():
        return False
    if f"{toks[j].lower} {toks[j + 1].lower}" in _words("unit_words"):
        return True
    previous = toks[j - 1]
    named = previous.capitalised and j >= 2 and toks[j - 2].capitalised
    return not named and not (not previous.capitalised and previous.lower in _unit_endings())


def _loose_end(text: str, toks: list[_Tok], j: int, names: dict[int, int]) -> int:
    """Return the name token reached from ``j`` over a few lower-case words ("Sở kế hoạch"), or ``j``."""
    for k in range(j, min(j + _MAX_LOOSE + 1, len(toks))):
        if k in names:
            return k
        tok = toks[k]
        stop = tok.lower in _words("stop_words") or tok.lower in _words("honorifics")
        if not tok.text.isalpha() or stop or not _joined(text, toks[k - 1], tok):
            break
        if tok.text[0].isupper():
            k2 = _tail_end(text, toks, k, names)
            return k2 if k2 in names else j
    return j


def _titles(text: str, toks: list[_Tok], names: dict[int, int]) -> dict[int, _Title]:
    """Return title and role phrases keyed by their first token."""
    found: dict[int, _Title] = {}
    i = 0
    while i < len(toks):
        head = None if i in names else _head_at(toks, i)
        if head is None:
            i += 1
            continue
        size, canonical, role = head
        end = i + size
        named = _body_end(text, toks, i, size, names)
        if role is not None and named is not None and not named[1]:
            # "Trưởng Đoàn đại biểu Quốc hội TP Đà Nẵng": the head of a body, not a role in the event
            role, end = None, named[0]
            canonical, size = " ".join(text[toks[i].start : toks[end - 1].end].split()), end - i
        if role is None:
            end = max(_tail_end(text, toks, end, names), named[0] if named else end)
            end = _higher_units_end(text, toks, i, end, names)
            end = _loose_end(text, toks, end, names)
        body = " ".join(text[toks[i + size].start : toks[end - 1].end].split()) if end > i + size else ""
        body = _BRACKETED_OWNER.sub(r"\1", body)
        title = _TERM.sub("", _canonical_title(f"{canonical} {body}".strip()))
        first = i
        if (
            role is None
            and i > 0
            and toks[i - 1].text in _words("former")
            and _joined(text, toks[i - 1], toks[i])
            and not (i > 1 and (toks[i - 2].lower, toks[i - 1].lower) in _former_compounds())
        ):
            first, title = i - 1, f"{toks[i - 1].text} {title}"  # "nguyên Phó Chủ tịch UBND tỉnh Hậu Giang"
        found[first] = _Title(first, end, title, role, body)
        i = end
    return found


#: brackets inside a title's body, dropped around their words: a body's owner ("Cục ... (Bộ Tài
#: nguyên)" gives "Cục ... Bộ Tài nguyên"), whatever the brackets hold
_BRACKETED_OWNER = re.compile(r"\(\s*([^()]+?)\s*\)")
#: a term of office closing a title: "Tổng Bí thư khóa XI", "Đại biểu Quốc hội khóa" (before "12, 13")
_TERM = re.compile(r"\s+khóa(?:\s+[IVXLC]+)?$", re.IGNORECASE)


def _unit_at(toks: list[_Tok], k: int) -> tuple[str, int] | None:
    """Return (level, token count) of the unit word at ``k`` ("quận", "thành phố"), or None."""
    for n in (2, 1):
        words = " ".join(t.lower for t in toks[k : k + n])
        if len(toks[k : k + n]) == n and words in _UNIT_RANK:
            return words, n
    return None


def _higher_units_end(text: str, toks: list[_Tok], i: int, end: int, names: dict[int, int]) -> int:
    """Return the end of a title's body taken on over ", <higher level> <name>" ("phường 19, quận Bình Thạnh").

    A unit of a higher level than the title's last one completes its address; one of the same level
    ("xã A, xã B") starts a list, and the title stops before it.
    """
    while end + 2 < len(toks) and toks[end].text == ",":
        last = max(
            (_UNIT_RANK[u[0]] for k in range(i, end) if (u := _unit_at(toks, k)) is not None), default=None
        )
        unit = _unit_at(toks, end + 1)
        if last is None or unit is None or _UNIT_RANK[unit[0]] <= last:
            break
        k = end + 1 + unit[1]
        if k >= len(toks) or k in names or not _joined(text, toks[k - 1], toks[k]):
            break
        if toks[k].text.isdigit():
            end = k + 1
        elif toks[k].capitalised:
            end = _tail_end(text, toks, k, names)
        else:
            break
    return end


def _body_end(
    text: str, toks: list[_Tok], i: int, size: int, names: dict[int, int]
) -> tuple[int, bool] | None:
    """Return the token end of a body named by a head's last word or right after it, and if it is a delegation.

    "Trưởng phòng quản lý đô thị quận Đống Đa" (the body starts at the head's "phòng"), "Giám đốc Sở
    GD-ĐT tỉnh Đắk Nông" (after the head). The body never runs into a name.
    """
    best: tuple[int, bool] | None = None
    for k in (i + size - 1, i + size):
        if k >= len(toks) or (k > i and not _joined(text, toks[k - 1], toks[k])):
            continue
        found = body_at(text, toks[k].start)
        if found is None:
            continue
        end = k
        while end < len(toks) and toks[end].end <= found[0] and end not in names:
            end += 1
        if end > i + size and (best is None or end > best[0]):
            best = (end, found[1])
    return best


@lru_cache(maxsize=1)
def _title_rewrites() -> tuple[
    list[tuple[re.Pattern[str], str]], re.Pattern[str], list[tuple[re.Pattern[str], str]]
]:
    """Return, compiled once, what ``_canonical_title`` rewrites: abbreviations (longest first) with their
    expansions, the unit words, and the bodies with their canonical capitalisation."""
    titles = data_json("titles.json")
    shorts = {**abbreviations(), **titles["abbreviations"]}
    expansions = [
        (re.compile(rf"(?<![\w/&-]){re.escape(short)}(?![\w/&-])"), full)
        for short, full in sorted(shorts.items(), key=lambda kv: -len(kv[0]))
        if short.isupper() or short in titles["abbreviations"]
    ]
    units = "|".join(sorted(titles["unit_words"], key=len, reverse=True))
    unit = re.compile(rf"(?<=\s)({units})(?!\s+ủy)(?!\w)", re.IGNORECASE)
    bodies = [
        (re.compile(rf"(?<!\w){re.escape(body)}(?!\w)", re.IGNORECASE), body) for body in titles["bodies"]
    ]
    return expansions, unit, bodies


def _canonical_title(title: str) -> str:
    """Return ``title`` with abbreviations expanded (branches as the organisation lexicon writes them:
    "Sở GD & ĐT" -> "Sở Giáo dục và Đào tạo"), unit words in lower case, bodies capitalised."""
    expansions, unit, bodies = _title_rewrites()
    title = expand_branch_abbreviations(title)
    for pattern, full in expansions:
        title = pattern.sub(full, title)
    title = unit.sub(lambda m: m.group(1).lower(), title)
    for pattern, body in bodies:
        title = pattern.sub(body, title)
    return title


def _titles_after(toks: list[_Tok], i: int, titles: dict[int, _Title], names: dict[int, int]) -> list[_Title]:
    """Return the titles and roles after a name ending at token ``i`` ("- QUV, PCT làm trưởng đoàn").

    A title that runs into the next name (", Trưởng ban Tổ chức Trung ương Phạm Minh Chính") is that name's.
    """
    found: list[_Title] = []
    while i < len(toks):
        i = _after_age(toks, i)
        if toks[i].text in _SEPARATORS and i + 1 < len(toks) and toks[i + 1].lower == "làm":
            i += 1  # "… trưởng Ban Nội chính trung ương - làm trưởng đoàn"
        if toks[i].text == "," and i + 1 < len(toks) and toks[i + 1].text == "(":
            i += 1  # "ông Lê Văn Toàn, (Chủ tịch UBND xã Xuân Bái)"
        if toks[i].lower in _words("auxiliaries") and titles.get(i + 1, _NO_ROLE).role:
            i += 1  # "… Phó Chủ tịch UBND TP. HCM đã chủ trì cuộc họp"
        link = _office_link(toks, i + 1) if toks[i].text in _SEPARATORS else _office_link(toks, i)
        if link and toks[i].text in _SEPARATORS:
            i += link  # "- Bộ trưởng (hiện là Chánh văn phòng Trung ương Đảng)"
        elif link:
            i += link - 1  # "ông Trần Quốc Vượng giữ chức Thường trực Ban bí thư"
        joined = (
            bool(link)
            or toks[i].text in _SEPARATORS
            or (toks[i].lower == "làm" and titles.get(i + 1, _NO_ROLE).role)
        )
        if joined and i + 1 in titles:
            title = titles[i + 1]
        elif i in titles and titles[i].role:
            title = titles[i]
        else:
            break
        if title.last in names:
            break
        found.append(title)
        i = title.last
    return found


def _after_age(toks: list[_Tok], i: int) -> int:
    """Return where titles go on after an age put before them ("Võ Thị Minh Tâm (46 tuổi, nguyên …"), or ``i``."""
    age = toks[i : i + 4]
    if len(age) == 4 and age[0].text in {"(", ","} and age[1].text.isdigit() and age[2].lower == "tuổi":
        return i + 3 if age[3].text in {",", ";"} else i
    return i


def _office_link(toks: list[_Tok], i: int) -> int:
    """Return the token count of an office link at ``i`` ("hiện là", "giữ chức"), 0 when there is none."""
    for link in sorted(_words("office_links"), key=len, reverse=True):
        words = link.split()
        if [t.lower for t in toks[i : i + len(words)]] == words:
            return len(words)
    return 0


def _title_end_before(text: str, toks: list[_Tok], i: int) -> int:
    """Return where a title written before the name at token ``i`` ends: right before it, or before
    an honorific ("Phó Chủ tịch UBND TP ông Lê Thanh Liêm") or capitalised words in brackets, mostly a
    place ("Chủ tịch UBND huyện Thọ Xuân (Thanh Hóa) Lê Đình Hải"), that stand between them on the
    same line."""
    end = i - _honorific_size(toks, i)
    if end == 0 or not _joined(text, toks[end - 1], toks[i]):
        return i
    if toks[end - 1].text == ")":
        opening = next((k for k in range(end - 2, max(end - 8, 0) - 1, -1) if toks[k].text == "("), None)
        if opening is not None and all(t.capitalised for t in toks[opening + 1 : end - 1]):
            return opening
    return end


def _titles_before(text: str, toks: list[_Tok], i: int, by_end: dict[int, _Title]) -> list[_Title]:
    """Return the titles right before a name starting at token ``i`` ("Bí thư Tỉnh ủy, Chủ tịch tỉnh X").

    A role written as the name's office ("Trưởng đoàn Nguyễn Thị Kim Anh") is both its title and its role.
    """
    found: list[_Title] = []
    title = by_end.get(_title_end_before(text, toks, i))
    if title is not None and title.role is not None:
        found.append(replace(title, role=None))
    while title is not None:
        found.insert(0, title)
        first = title.first
        title = by_end.get(first - 1) if first > 0 and toks[first - 1].text in _SEPARATORS else None
    return found


def _merge_titles(old: list[str], new: list[str]) -> list[str]:
    """Return ``old`` with ``new`` merged in, a fuller title replacing the one it extends."""
    merged = list(old)
    for title in new:
        key = fold(title)
        if any(fold(t).startswith(key) for t in merged):
            continue
        shorter = [k for k, t in enumerate(merged) if key.startswith(fold(t))]
        if shorter:
            merged[shorter[0]] = title
        else:
            merged.append(title)
    return merged


@lru_cache(maxsize=1)
def _company_bodies() -> tuple[str, ...]:
    """Return the folded names of companies' and associations' bodies ("tap doan", "hiep hoi")."""
    return tuple(fold(b) for b in data_json("titles.json")["company_bodies"])


def _company_title(title: _Title) -> bool:
    """Return whether a title is a company's or an association's office ("chủ tịch Tập đoàn Keppel Land")."""
    body = fold(title.body)
    return any(body == b or body.startswith(b + " ") for b in _company_bodies())


def _is_leader(toks: list[_Tok], first: int, last: int, name: str, found: list[_Title]) -> bool:
    """Return whether a name with these titles is a leader: a title, and a full name; or only a role,
    with an honorific and three syllables or more.

    A two-syllable name needs an honorific ("ông Trương Đạt") or an office right before it with nothing
    after but punctuation ("Thượng tướng Lương Cường - Phó chủ nhiệm …"; not "Phó chủ nhiệm Đoàn Luật sư",
    a body), and must not be a place's name unless a title follows it too ("Đại tá Hoàng Long, trưởng
    Công an TP Huế").
    """
    if not any(t.role is None for t in found):
        # a full name with only a role ("do bà Nguyễn Thị Hồng Lam làm trưởng đoàn") leads in that role;
        # a member's role makes no leader
        leading = any((t.role or "").lower() not in _words("member_roles") for t in found)
        return leading and last - first >= 3 and _honorific_before(toks, first)
    if last - first >= 3 or _honorific_before(toks, first):
        return True
    before = next((t for t in found if t.last == first), None)
    closed = last == len(toks) or not toks[last].text[0].isalnum()
    titled_after = any(t.first > last and t.role is None for t in found)
    place = load_gazetteer().has_name(name)
    return before is not None and not before.body and closed and (titled_after or not place)


def _named_bodies(toks: list[_Tok], names: dict[int, int], titles: dict[int, _Title]) -> set[int]:
    """Return the two-syllable names that end a title's body: a school or street named after a person.

    "hiệu trưởng Trường tiểu học Đặng Cương" (no honorific, right after the body): the name is the
    body's, and the title goes to the person before it.
    """
    ends = {t.last for t in titles.values() if t.role is None and t.body}
    return {
        first
        for first, last in names.items()
        if last - first == 2 and first in ends and not _honorific_before(toks, first)
    }


def _leaders(text: str) -> list[Person]:
    """Return named officials with titles, one per folded name, in order of first mention."""
    toks = _tokens(text)
    names = _names(text, toks)
    titles = _titles(text, toks, names)
    if inside := _named_bodies(toks, names, titles):
        names = {first: last for first, last in names.items() if first not in inside}
        titles = _titles(text, toks, names)
    by_end = {t.last: t for t in titles.values()}
    people: dict[str, Person] = {}
    for first, last in names.items():
        after = _titles_after(toks, last, titles, names)
        found = [t for t in _titles_before(text, toks, first, by_end) + after if not _company_title(t)]
        name = " ".join(text[toks[first].start : toks[last - 1].end].split())
        if not _is_leader(toks, first, last, name, found):
            continue
        person = people.setdefault(fold(name), Person(name, span=(toks[first].start, toks[last - 1].end)))
        person.role = person.role or next((t.role for t in found if t.role), None)
        offices = [t.text for t in found if t.role is None]
        if not offices and not person.titles:
            offices = [t.role for t in found if t.role][:1]  # the role is the only office written
        person.titles = _merge_titles(person.titles, offices)
    return _short_names_merged(list(people.values()))


def _short_names_merged(people: list[Person]) -> list[Person]:
    """Return ``people`` with a person named by the end of one other's full name merged into that person.

    Articles name a person in full once and by the last syllables elsewhere ("bà Mỹ Thanh" in the
    headline, "bà Phan Thị Mỹ Thanh" in the text): one person, under the full name, placed at the
    first mention. A short name that ends several full names is left alone.
    """
    out = list(people)
    for short in people:
        words = fold(short.name).split()
        if len(words) > 2:
            continue
        fuller = [
            p
            for p in out
            if len(p.name.split()) > len(words) and fold(p.name).split()[-len(words) :] == words
        ]
        if len(fuller) != 1:
            continue
        full = fuller[0]
        full.titles = _merge_titles(short.titles, full.titles)
        full.role = full.role or short.role
        at = min(out.index(short), out.index(full))
        out.remove(short)
        out.remove(full)
        out.insert(at, full)
    return out


#: a byline: 2-5 capitalised (or upper-case) syllables, then maybe " - body", "/AGENCY" or "(AGENCY)"
_BYLINE = re.compile(r"((?:[^\W\d_][^\W\d_]*[^\S\n]+){1,4}[^\W\d_]+)\.?(?:[^\S\n]*(?:[-–/(]).*)?")
#: a photo credit: "Ảnh: Đinh Tuấn/TTXVN", "Ảnh Ngọc Thắng.", "Ảnh minh họa: Nguyễn Đông"
_CREDIT = re.compile(
    r"\bẢnh(?:[^\S\n]+minh[^\S\n]+họa)?[^\S\n]*:?[^\S\n]*((?:[^\W\d_]+[^\S\n]+){1,4}[^\W\d_]+)(?!\w|\.\w)"
)
#: a further author on a byline line: " - Đoàn Loan"
_CO_AUTHOR = re.compile(r"[^\S\n]*[-–][^\S\n]*((?:[^\W\d_]+[^\S\n]+){1,4}[^\W\d_]+)\.?(?=[^\S\n]*(?:[-–]|$))")
#: how many non-empty lines at the end of an article may hold its byline
_BYLINE_LINES = 12
#: a byline closing the last paragraph with its news agency: "... và xã hội. Trần Tĩnh (TTXVN)"
_CLOSING_BYLINE = re.compile(
    r"(?<=[.!?”\"])[^\S\n]+((?:[^\W\d_]+[^\S\n]+){1,3}[^\W\d_]+)[^\S\n]*\([A-ZĐ][A-ZĐ+/]+\)\s*$"
)


def _as_name(words: str, *, alone: bool = False) -> str | None:
    """Return ``words`` as a person's name if every syllable is capitalised (or all in capitals).

    A name that is also a district's ("Hoàng Mai", ``not_names``) is a person's only on a line of its
    own (``alone``), where a district would not stand; a province's name never is.
    """
    syllables = words.split()
    if any(words.lower().startswith(w + " ") for w in _words("byline_not_first")):
        return None
    if not (words.isupper() or all(s[0].isupper() and s[1:].islower() for s in syllables)):
        return None
    place = words.lower() in _words("not_names")
    if place and alone:  # a district's name; a province's, or a place the gazetteer lacks, stays one
        found = load_gazetteer().find(words)
        place = not found or any(unit.parent_code is None for unit in found)
    if any(len(s) == 1 for s in syllables) or place:
        return None
    return " ".join(s.capitalize() for s in syllables) if words.isupper() else " ".join(syllables)


def _bylines(text: str) -> list[tuple[str, int, int]]:
    """Return (name, start, end) of byline lines among the last lines of ``text``, and of a byline with
    its agency closing the last line ("... xã hội. Trần Tĩnh (TTXVN)")."""
    found = []
    offset = len(text)
    lines = text.splitlines(keepends=True)
    seen = 0
    for line in reversed(lines):
        offset -= len(line)
        if not line.strip():
            continue
        seen += 1
        if seen > _BYLINE_LINES:
            break
        match = _BYLINE.fullmatch(line.strip())
        name = _as_name(match.group(1), alone=match.group(1) == line.strip()) if match else None
        if match is None and seen == 1 and (match := _CLOSING_BYLINE.search(line)):
            name = _as_name(match.group(1))
        if name:
            start = offset + line.index(match.group(1))
            found.insert(0, (name, start, start + len(match.group(1))))
            found[1:1] = _co_authors(line, offset, start + len(match.group(1)) - offset)
    return found


def _co_authors(line: str, offset: int, pos: int) -> list[tuple[str, int, int]]:
    """Return the further names of a byline after dashes ("Võ Hải - Đoàn Loan"), stopping at anything else."""
    found = []
    while match := _CO_AUTHOR.match(line, pos):
        name = _as_name(match.group(1))
        if name is None:
            break
        found.append((name, offset + match.start(1), offset + match.end(1)))
        pos = match.end(1)
    return found


def _authors(text: str) -> list[tuple[str, int, int]]:
    """Return (name, start, end) of bylines and photo credits in order of appearance."""
    credits = [(_as_name(m.group(1)), m.start(1), m.end(1)) for m in _CREDIT.finditer(text)]
    found = sorted([c for c in credits if c[0]] + _bylines(text), key=lambda a: a[1])
    return [(str(name), start, end) for name, start, end in found]


def extract_people(text: str) -> tuple[list[Person], list[str]]:
    """Return (leaders, authors): officials with titles and role; the article's bylines and photo credits."""
    authors = list(dict.fromkeys(name for name, _, _ in _authors(text)))
    folded = {fold(a) for a in authors}
    return [p for p in _leaders(text) if fold(p.name) not in folded], authors
