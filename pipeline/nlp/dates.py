"""Dates in Vietnamese news: days, ranges, months, quarters, years and the publication line.

Every expression is found by a small grammar whose words come from ``pipeline/data/date_cues.json``,
then read into ISO values with plain ``datetime`` (``dateparser.search_dates`` turns "3,4" and "98,4%"
into dates, see docs/dependencies.md). A day written without a year takes the publication year, and is
dropped when the article has none. Roles come mostly from the words just before the date: a time
limit or a target (``deadline``), the date of a cited document (``document``: after its number, in a
clause citing it, after a signature), a dated action (``event``), the rest (``other``: years, periods,
"tính đến ..." counts).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache

from pipeline.data import data_json
from pipeline.model import DateMention, Span
from pipeline.nlp.text import fold

#: (value, end) in ISO; end is None for a single day.
Value = tuple[str, str | None]

_YEAR = r"(?:19|20)\d\d"
_DAY_OR_MONTH = r"\d{1,2}"
# Not inside a word or a number ("CTr02", "1.700", "15/2014/TT").
_START = r"(?<![\w/.,-])"
_STOP = r"(?![^\W_]|[/.,-]?\d)"
# What may follow a date on a publication line: "| 11:24", ", 19:50 [GMT+7]", " 16:47".
_TIME = (
    r"[ \t]*(?:[,|\-–][ \t]*)?(?:\d{1,2}[:h]\d\d(?::\d\d)?[ \t]*(?:AM|PM|SA|CH)?)?[ \t]*"
    r"(?:\(?\[?GMT[ \t]*[+-][ \t]*\d{1,2}(?::?\d\d)?\]?\)?)?"
)


def _words(words: list[str]) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any blank."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


def _numeric(tag: str) -> str:
    """Return the regex of a numeric day ("15/8/2019", "30-06-2022", "12/8"), its groups suffixed ``tag``."""
    return (
        rf"(?P<d{tag}>{_DAY_OR_MONTH})(?P<s{tag}>[/.-])(?P<m{tag}>{_DAY_OR_MONTH})"
        rf"(?:(?P=s{tag})(?P<y{tag}>{_YEAR}))?"
    )


def _cue() -> str:
    """Return the regex of the words that may open a day: "Chiều ngày", "ngày", "sáng nay,", "hôm"."""
    parts = _words(data_json("date_cues.json")["parts_of_day"]["words"])
    return rf"(?P<cue>(?:(?:{parts})(?:\s+nay)?,?\s+)?ngày\s+|(?:{parts})(?:\s+nay)?,?\s+)"


def _year_of(groups: dict[str, str | None], key: str, hint: int | None) -> int | None:
    """Return the year written in group ``key``, else ``hint``."""
    return int(groups[key]) if groups.get(key) else hint


def _day(year: int | None, month: int | str, day: int | str) -> date | None:
    """Return the calendar day, or None when it does not exist (or the year is unknown)."""
    if year is None:
        return None
    try:
        return date(year, int(month), int(day))
    except ValueError:
        return None


def _iso(start: date | None, end: date | None = None) -> Value | None:
    """Return (value, end) in ISO for a day or a well-ordered span, None when either end is missing."""
    if start is None or (end is not None and end < start):
        return None
    if end is None or end == start:
        return start.isoformat(), None
    return start.isoformat(), end.isoformat()


def _month_span(year: int | None, first: int, last: int) -> Value | None:
    """Return the span from the first day of month ``first`` to the last day of month ``last``."""
    if year is None or not 1 <= first <= last <= 12:
        return None
    return _iso(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def _numeric_ok(groups: dict[str, str | None], tag: str) -> bool:
    """Return whether a numeric day is well-formed: a dot separates only a full date ("27.5.2015")."""
    return groups[f"s{tag}"] != "." or groups[f"y{tag}"] is not None


def _parse_single(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the value of one numeric day ("ngày 15/8/2019", "sáng 8/2")."""
    if not _numeric_ok(groups, "1"):
        return None
    return _iso(_day(_year_of(groups, "y1", hint), groups["m1"], groups["d1"]))


def _parse_day_range(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of days sharing a month ("ngày 10-11/5", "từ ngày 4 đến 7-12")."""
    if not _numeric_ok(groups, "1"):
        return None
    year = _year_of(groups, "y1", hint)
    return _iso(_day(year, groups["m1"], groups["d0"]), _day(year, groups["m1"], groups["d1"]))


def _parse_span(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span between two days ("ngày 28/8 đến ngày 2/9/2024").

    A side written without a year takes the other's (the year before or after when the span crosses
    New Year), else the hint.
    """
    if not (_numeric_ok(groups, "1") and _numeric_ok(groups, "2")):
        return None
    if groups["y1"] and not groups["y2"]:
        start = _day(int(groups["y1"]), groups["m1"], groups["d1"])
        end = start and _day(start.year, groups["m2"], groups["d2"])
        if start and end and end < start:
            end = _day(start.year + 1, groups["m2"], groups["d2"])
        return _iso(start, end)
    end = _day(_year_of(groups, "y2", hint), groups["m2"], groups["d2"])
    if end is None:
        return None
    start = _day(_year_of(groups, "y1", end.year), groups["m1"], groups["d1"])
    if start is not None and start > end and not groups["y1"]:
        start = _day(end.year - 1, groups["m1"], groups["d1"])
    return _iso(start, end)


def _parse_long_day(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the value of "ngày 22 tháng 02 năm 2024"."""
    return _iso(_day(_year_of(groups, "ly", hint), groups["lm"], groups["ld"]))


def _parse_month(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of "tháng 1/2017" (the whole month)."""
    month = int(groups["mm"])
    return _month_span(int(groups["my"]), month, month)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _parse_month_range(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of "từ tháng 1/2014 đến tháng 9/2016", "từ tháng 1 đến tháng 12-2015" or "từ
    tháng 8/2007 đến năm 2011".

    The first month written without a year takes the last one's (the year before when it is a later
    month: "tháng 11 đến tháng 2/2017").
    """
    if groups["ry3"]:  # "từ tháng 8/2007 đến năm 2011": to the end of that year
        first, year = int(groups["rm1"]), int(groups["ry3"])
        start_year = int(groups["ry1"]) if groups["ry1"] else None
        if not 1 <= first <= 12 or start_year is None or start_year > year:
            return None
        return _iso(date(start_year, first, 1), date(year, 12, 31))
    first, last, year = int(groups["rm1"]), int(groups["rm2"]), int(groups["ry2"])
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    start_year = int(groups["ry1"]) if groups["ry1"] else (year - 1 if first > last else year)
    return _iso(date(start_year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def _parse_year_to_month(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of "từ cuối năm 2015 đến tháng 9/2016": from 1 January of the year to the month's end."""
    first, month, year = int(groups["ty"]), int(groups["mm"]), int(groups["my"])
    if not 1 <= month <= 12 or first > year:
        return None
    return _iso(date(first, 1, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _parse_quarter(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of "quý III/2024" (three months)."""
    numeral = groups["q"].lower()
    quarter = int(numeral) if numeral.isdigit() else _ROMAN[numeral]
    return _month_span(_year_of(groups, "qy", hint), 3 * quarter - 2, 3 * quarter)


def _parse_months_of_year(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of "6 tháng đầu năm 2024" (first six months) or "6 tháng cuối năm" (last six)."""
    count_word = " ".join(groups["n"].lower().split())
    number_words = data_json("date_cues.json")["number_words"]
    count = int(count_word) if count_word.isdigit() else number_words.get(count_word, 0)
    year = int(groups["ny"]) if groups["ny"] and groups["ny"].isdigit() else hint
    if not 1 <= count <= 12:
        return None
    if fold(groups["half"]) == "dau":
        return _month_span(year, 1, count)
    return _month_span(year, 13 - count, 12)


def _parse_years(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the span of "năm 2019" (the whole year) or "giai đoạn 2016 - 2020" (all the years)."""
    first = int(groups["yy"])
    last = int(groups["yy2"]) if groups.get("yy2") else first
    return _iso(date(first, 1, 1), date(last, 12, 31))


def _parse_festival(groups: dict[str, str | None], hint: int | None) -> Value | None:
    """Return the year of "Tết Nguyên đán 2017" as the year period (a hint, not a day)."""
    year = int(groups["fy"])
    return _iso(date(year, 1, 1), date(year, 12, 31))


#: kind -> (reader, whether the value is a day or days, as opposed to a period)
_READERS: dict[str, tuple[Callable[[dict[str, str | None], int | None], Value | None], bool]] = {
    "single": (_parse_single, True),
    "day_range": (_parse_day_range, True),
    "span": (_parse_span, True),
    "long_day": (_parse_long_day, True),
    "month_range": (_parse_month_range, False),
    "year_to_month": (_parse_year_to_month, False),
    "month": (_parse_month, False),
    "bare_month": (_parse_month, False),
    "quarter": (_parse_quarter, False),
    "months_of_year": (_parse_months_of_year, False),
    "years": (_parse_years, False),
    "year_span": (_parse_years, False),
    "birth_year": (_parse_years, False),
    "festival": (_parse_festival, False),
}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """Return one compiled pattern per kind of date expression, built from the cue table."""
    cues = data_json("date_cues.json")
    cue = _cue()
    link = r"\s*(?:[-–]|(?:đến|tới)(?:\s+trước)?)\s*"
    month_year = r"\s*(?:[/-]\s*|\s+năm\s+)"
    numbers = _words([w for w in cues["number_words"] if not w.startswith("_")])
    festival = cues["festivals"]
    lunar = rf"(?:{_words(festival['can'])})\s+(?:{_words(festival['chi'])})"
    # Fixed-width look-behinds, one per word: the word is context, not part of the date.
    bare_month = "(?:" + "|".join(rf"(?<={re.escape(w)}\s)" for w in cues["bare_month"]["words"]) + ")"
    sources = {
        "span": rf"(?:từ\s+)?{cue}?{_numeric('1')}{link}(?:ngày\s+)?{_numeric('2')}",
        "day_range": (
            rf"(?:từ\s+)?{cue}(?:từ\s+)?(?P<d0>{_DAY_OR_MONTH})\s*(?:[-–]|đến|tới|và)\s*(?:ngày\s+)?{_numeric('1')}"
        ),
        "single": rf"{cue}?{_numeric('1')}",
        "long_day": (
            rf"{cue}?(?<=ngày\s)(?P<ld>{_DAY_OR_MONTH})\s+tháng\s+(?P<lm>{_DAY_OR_MONTH})"
            rf"(?:\s*(?:năm\s+|[/,-]\s*)(?P<ly>{_YEAR}))?"
        ),
        "month_range": (
            rf"(?:từ\s+)?tháng\s+(?P<rm1>{_DAY_OR_MONTH})(?:{month_year}(?P<ry1>{_YEAR}))?"
            rf"\s*(?:[-–]|đến|tới)\s*(?:(?:tháng\s+)?(?P<rm2>{_DAY_OR_MONTH}){month_year}(?P<ry2>{_YEAR})"
            rf"|năm\s+(?P<ry3>{_YEAR}))"
        ),
        "year_to_month": (
            rf"từ\s+(?:(?:{_words(cues['period_edges']['words'])})\s+)?năm\s+(?P<ty>{_YEAR})\s*(?:đến|tới)\s*"
            rf"(?:tháng\s+)?(?P<mm>{_DAY_OR_MONTH}){month_year}(?P<my>{_YEAR})"
        ),
        "month": rf"tháng\s+(?P<mm>{_DAY_OR_MONTH}){month_year}(?P<my>{_YEAR})",
        "bare_month": rf"{bare_month}(?P<mm>{_DAY_OR_MONTH})[/-](?P<my>{_YEAR})",
        "quarter": rf"qu[ýí]\s+(?P<q>iv|i{{1,3}}|[1-4])(?:\s*(?:[/-]\s*|\s+năm\s+)(?P<qy>{_YEAR}))?",
        "months_of_year": (
            rf"(?P<n>\d{{1,2}}|{numbers})\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<ny>{_YEAR}|nay))?"
        ),
        "years": (
            rf"(?:năm|{_words(cues['period_words']['words'])})\s+(?P<yy>{_YEAR})"
            rf"(?:\s*(?:[-–]|đến|tới)\s*(?:hết\s+)?(?:năm\s+)?(?P<yy2>{_YEAR}))?"
        ),
        # "từ 1997 đến 2003", "từ năm 2003 đến hết năm 2016": "từ" opens a span even without "năm"
        "year_span": (
            rf"từ\s+(?:năm\s+)?(?P<yy>{_YEAR})\s*(?:đến|tới)\s*(?:hết\s+)?(?:năm\s+)?(?P<yy2>{_YEAR})"
        ),
        # "Nguyễn Hữu Linh (SN 1958)": "SN" is "sinh năm", the year of birth
        "birth_year": rf"(?-i:SN):?\s*(?P<yy>{_YEAR})",
        "festival": (
            rf"(?:{_words(festival['heads'])})(?:\s+(?:{_words(festival['names'])}|{lunar}))?"
            rf"\s+(?:năm\s+)?(?P<fy>{_YEAR})"
        ),
    }
    return {kind: re.compile(_START + src + _STOP, re.IGNORECASE) for kind, src in sources.items()}


_DAY_KINDS = tuple(kind for kind, (_, is_day) in _READERS.items() if is_day)


def _is_day(kind: str) -> bool:
    """Return whether expressions of ``kind`` name days (not months, quarters or years)."""
    return _READERS[kind][1]


def _read(kind: str, match: re.Match[str], hint: int | None, *, scanning: bool) -> Value | None:
    """Return the value of a matched expression; when scanning, a day without a year needs a cue word."""
    groups = match.groupdict()
    if scanning and _is_day(kind) and not groups.get("cue"):
        written_years = [groups.get(key) for key in ("y1", "y2", "ly")]
        if not any(written_years):
            return None
    return _READERS[kind][0](groups, hint)


def parse_date_expression(expr: str, year_hint: int | None = None) -> tuple[str, str | None] | None:
    """Return (value, end) in ISO for one date expression ("ngày 15/8/2019", "quý III/2024"), or None.

    A day or quarter without a year takes ``year_hint``; without one it gives None. A trailing time
    ("13-08-2020 16:47", "19/09/2019 | 11:24") is ignored.
    """
    expr = re.sub(_TIME + "$", "", expr.strip())
    for kind, pattern in _patterns().items():
        match = pattern.fullmatch(expr)
        if match:
            value = _read(kind, match, year_hint, scanning=False)
            if value:
                return value
    return None


#: a further year or span of years after a list's first ("năm 2016, 2017", "năm 2017 và 2018",
#: "năm học 2015-2016, 2016-2017"): a comma or "và", then the year(s)
_MORE_YEARS = re.compile(
    rf"\s*(?:,|và)\s*(?P<yy>{_YEAR})(?:\s*[-–]\s*(?P<yy2>{_YEAR}))?{_STOP}", re.IGNORECASE
)


def _more_years(text: str, match: re.Match[str]) -> Iterator[tuple[int, int, str, Value]]:
    """Yield the further years of a list that a "năm ..." expression opens, each as its own date."""
    pos = match.end()
    while more := _MORE_YEARS.match(text, pos):
        value = _parse_years(more.groupdict(), None)
        if value:
            yield more.start("yy"), more.end(), "years", value
        pos = more.end()


def _candidates(text: str, hint: int | None) -> Iterator[tuple[int, int, str, Value]]:
    """Yield (start, end, kind, value) for every readable date expression, overlapping ones included."""
    for kind, pattern in _patterns().items():
        for match in pattern.finditer(text):
            value = _read(kind, match, hint, scanning=True)
            if value:
                yield match.start(), match.end(), kind, value
                if kind == "years":
                    yield from _more_years(text, match)


def _expressions(text: str, hint: int | None) -> list[tuple[int, int, str, Value]]:
    """Return the date expressions of ``text`` in order, the longest winning where they overlap."""
    chosen: list[tuple[int, int, str, Value]] = []
    for cand in sorted(_candidates(text, hint), key=lambda c: (c[0], -c[1])):
        if not chosen or cand[0] >= chosen[-1][1]:
            chosen.append(cand)
    return chosen


@lru_cache(maxsize=1)
def _publication_pattern() -> re.Pattern[str]:
    """Return the pattern of a publication line: label, weekday, full date, time, zone, counters."""
    line = data_json("date_cues.json")["publication_line"]
    return re.compile(
        rf"[ \t]*(?:(?:{_words(line['labels'])})\s*:?\s*)?(?:(?:{_words(line['weekdays'])})\s*,?\s*)?"
        rf"(?:\d{{1,2}}[:h]\d\d\s*[,|-]?\s*)?"
        rf"(?P<date>\d{{1,2}}(?P<s>[/.-])\d{{1,2}}(?P=s){_YEAR}){_TIME}[ \t]*(?:\|.*)?",
        re.IGNORECASE,
    )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) for the non-empty lines of ``text``."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            yield offset, line.rstrip("\r\n")
        offset += len(line)


def publication_date(text: str) -> DateMention | None:
    """Return the date of the publication line near the top ("Ngày đăng 19/09/2019 | 11:24"), or None.

    The line holds a full date and nothing else but a label, a weekday, a time and page counters; an
    article without one (seed 004) has no publication date rather than a guessed one.
    """
    pattern = _publication_pattern()
    for number, (offset, line) in enumerate(_lines(text)):
        if number >= data_json("date_cues.json")["publication_line"]["max_lines"]:
            break
        match = pattern.fullmatch(line)
        value = match and parse_date_expression(match["date"])
        if value:
            start, end = offset + match.start("date"), offset + match.end("date")
            return DateMention(text=text[start:end], value=value[0], role="published", span=(start, end))
    return None


def _date_expression_after(text: str, pos: int) -> Span | None:
    """Return the span of a "ngày ..." expression that follows ``pos`` directly (after an optional comma
    or bracket): the first thing ``document_date_after`` looks for."""
    rest = re.compile(r"[ \t]*[,(]?[ \t]*").match(text, pos)
    start = rest.end() if rest else pos
    if text[start : start + 4].lower() != "ngày":
        return None
    ends = [m.end() for kind in _DAY_KINDS if (m := _patterns()[kind].match(text, start))]
    return (start, max(ends)) if ends else None


#: the words between a document's number and its date when its title or issuer comes first: no
#: figure, no sentence or clause break but commas (a title lists: "sản xuất, chế biến và tiêu thụ"),
#: and no full stop but that of a city's abbreviation before a word ("của UBND TP. HCM ngày
#: 6-9-2016"; ``_city_dots_named`` then checks that a city's name follows it)
_TITLE_THEN_DAY = re.compile(
    r"[ \t]+(?=[^\W\d_])(?:[^\d.;:!?\n\"“”()]|(?<=\bTP)\.(?=[ \t]*[^\W\d_])){1,160}?(?=\bngày\s)",
    re.IGNORECASE,
)
_CITY_DOT = re.compile(r"\bTP\.", re.IGNORECASE)
_ISSUER_AFTER = re.compile(r"[ \t]+của[ \t]+")


def _issuer_follows(text: str, end: int) -> bool:
    """Return whether "của" and a capitalised issuer follow a date ending at ``end`` ("... của UBND")."""
    after = _ISSUER_AFTER.match(text, end)
    return after is not None and text[after.end() : after.end() + 1].isupper()


def document_date_after(text: str, pos: int) -> Span | None:
    """Return the span of the date of a document whose number ends at ``pos``, or None.

    The date follows the number directly (``_date_expression_after``), or after the document's title or
    issuer: "quyết định số 1107/QĐ-UBND phê duyệt ... ngày 18.7.2014 của UBND tỉnh" (the issuer after
    the date shows it is the document's), "Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 5/6/2019" (the
    issuer alone between them). The words between name no second document ("và văn bản ngày ...",
    "sửa đổi Quyết định ngày ..."), and a comma in them only parts a list ("sản xuất, chế biến và tiêu
    thụ"): "giao Sở chủ trì, đoàn làm việc ngày ..." is a clause of its own.
    """
    if (direct := _date_expression_after(text, pos)) is not None:
        return direct
    between = _TITLE_THEN_DAY.match(text, pos)
    found = _date_expression_after(text, between.end()) if between else None
    if between is None or found is None or not _city_dots_named(text, pos, between.end()):
        return None
    words = between.group()
    issuer = _ISSUER_AFTER.match(words)
    if issuer is not None:
        return found if _names_an_issuer(text, pos + issuer.end(), between.end()) else None
    folded = fold(words).rstrip()
    for kind in _document_word().finditer(folded):
        # a second document ("Công văn số 123/UBND-KT và văn bản ngày ..."), or the date of the
        # document named last ("sửa đổi Quyết định ngày ...")
        if re.search(r"(?:\bva|,)\s*$", folded[: kind.start()]) or kind.end() == len(folded):
            return None
    if "," in words and " va " not in folded[folded.rindex(",") :]:
        return None
    return found if _issuer_follows(text, found[1]) else None


def _city_dots_named(text: str, start: int, end: int) -> bool:
    """Return whether every "TP." of ``text[start:end]`` is a city's abbreviation before its name ("TP.
    Vinh", "TP. HCM"); in "của UBND TP. Sau đó, ngày ..." the full stop ends a sentence."""
    from pipeline.nlp.places import place_at

    for dot in _CITY_DOT.finditer(text, start, end):
        place = place_at(text, dot.start())
        if place is None or place.name is None:
            return False
    return True


def _names_an_issuer(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` is one issuer and nothing more: a body with its owner ("UBND
    tỉnh"), or a place standing for its government ("của quận Thủ Đức ngày 7/12/2012")."""
    from pipeline.nlp.organizations import body_at
    from pipeline.nlp.places import place_at

    found = body_at(text, start)
    place = place_at(text, start)
    ends = [found[0] if found else None, place.end if place and place.name else None]
    return any(stop is not None and not text[stop:end].strip() for stop in ends)


def publication_year(text: str, published: str | None = None) -> int | None:
    """Return the year that days written without one take: ``published``'s, else the publication line's."""
    found = published or (mention.value if (mention := publication_date(text)) else None)
    return int(found[:4]) if found and found[:4].isdigit() else None


def _context_before(text: str, start: int, *, folded: bool = True) -> str:
    """Return the words just before ``start`` within its sentence and line, without trailing commas.

    Folded unless ``folded`` is false (then in lower case, tones kept).
    """
    window = text[max(0, start - 60) : start]
    window = re.split(r"[.;!?]\s|\n", window)[-1]
    return (fold(window) if folded else window.lower()).rstrip(" ,:\t")


@lru_cache(maxsize=1)
def _role_cues() -> dict[str, re.Pattern[str]]:
    """Return the cue patterns read at the end of the words before a date (``date_cues.json``, roles).

    "deadline", "as_of" and "birth" match the folded context; "after" and "signed" keep the tones ("sau" folds
    like "sáu", "ký" like "kỳ"); "period" holds the words that open a span of days ("giai đoạn từ ...
    đến ...").
    """
    roles = data_json("date_cues.json")["roles"]
    not_birth = "".join(rf"(?<!{re.escape(fold(word))}\s)" for word in roles["birth_not_after"])
    patterns = {
        role: re.compile(rf"(?<![^\W\d_]){exclude}(?:{_words([fold(w) for w in roles[role]])})$")
        for role, exclude in (("deadline", ""), ("as_of", ""), ("birth", not_birth))
    }
    patterns["after"] = re.compile(rf"(?<![^\W\d_])(?:{_words(roles['after'])})$")
    not_after = "".join(rf"(?<!{re.escape(word)}\s)" for word in roles["signed_not_after"])
    patterns["signed"] = re.compile(rf"(?<![^\W\d_]){not_after}(?:{_words(roles['signed'])})$")
    periods = [fold(w) for w in data_json("date_cues.json")["period_words"]["words"]]
    patterns["period"] = re.compile(rf"(?<![^\W\d_])(?:{_words(periods)})$")
    return patterns


@lru_cache(maxsize=1)
def _target_cues() -> dict[str, re.Pattern[str]]:
    """Return the patterns that tell a target period ("Phấn đấu quý 1-2020 khởi công"), on folded text."""
    roles = data_json("date_cues.json")["roles"]

    def any_of(key: str) -> str:
        return _words([fold(w) for w in roles[key]])

    edge = rf"(?:\s*(?:{_words([fold(w) for w in data_json('date_cues.json')['period_edges']['words']])}))?"
    # "đã hoàn thành trong năm 2018", "được hoàn thành vào tháng 9-2016" report a result, no target
    target = rf"(?<![^\W\d_])(?:(?<!da\s)(?<!duoc\s)(?:{any_of('target')})|{any_of('promise')})(?![^\W\d_])"
    return {
        "sentence": re.compile(target),
        # the target word or a link just before, or nothing (the period opens a clause after ";")
        "close": re.compile(rf"(?:(?<![^\W\d_])(?:{any_of('target')}|{any_of('target_links')})|^){edge}$"),
        "order": re.compile(rf"(?<![^\W\d_])(?:{any_of('orders')})(?![^\W\d_])"),
        "within": re.compile(rf"(?<![^\W\d_])trong{edge}$"),
    }


def _is_target(text: str, start: int, end: int) -> bool:
    """Return whether the period over ``[start, end)`` is a time limit set for an action.

    Its sentence (a semicolon does not end it: "Phấn đấu quý 1-2020 ...; quý 4-2020 ...") sets a
    target and the period follows the target word or a link ("vào cuối năm 2020"); or an order puts
    the action after it ("yêu cầu UBND quận trong quý I/2017, chấm dứt ...").
    """
    window = text[max(0, start - 200) : start]
    sentence = fold(re.split(r"[.!?]\s|\n", window)[-1])
    close = _context_before(text, start)
    cues = _target_cues()
    if cues["sentence"].search(sentence) and cues["close"].search(close):
        return True
    action_after = re.match(r"\s*(?:,(?!\s*\d)|phải\b)", text[end : end + 8])  # not "năm 2017, 2018"
    return bool(cues["order"].search(sentence) and cues["within"].search(close) and action_after)


@lru_cache(maxsize=1)
def _document_kinds() -> list[str]:
    """Return the words that name a document type, folded (the table lives with the documents)."""
    from pipeline.nlp.documents import document_words

    return [fold(w) for w in document_words()]


@lru_cache(maxsize=1)
def _document_word() -> re.Pattern[str]:
    """Return the pattern of a whole document word in folded text ("quyet dinh", "van ban")."""
    return re.compile(rf"(?<![^\W\d_])(?:{_words(_document_kinds())})(?![^\W\d_])")


@lru_cache(maxsize=1)
def _document_clause() -> re.Pattern[str]:
    """Return the pattern of a folded clause opened by "theo", "căn cứ", ... and a document word."""
    cues = data_json("date_cues.json")["document_clause"]
    folded = {key: [fold(w) for w in cues[key]] for key in ("openers", "fillers", "words")}
    kinds = _document_kinds() + folded["words"]
    return re.compile(
        rf"^(?:{_words(folded['openers'])})\s+(?:(?:{_words(folded['fillers'])})\s+)?"
        rf"(?:{_words(kinds)})(?![^\W\d_])"
    )


@lru_cache(maxsize=1)
def _bracketed_after_document() -> re.Pattern[str]:
    """Return the pattern of a document word, up to two lower-case words and an opening bracket, folded."""
    kinds = _words(_document_kinds())
    return re.compile(rf"(?<![^\W\d_])(?:{kinds})(?:\s+[^\W\d_]+){{0,2}}\s*\(\s*$")


@lru_cache(maxsize=1)
def _named_document() -> re.Pattern[str]:
    """Return the pattern of a folded clause that is only a document's name: one or two document words
    ("ket luan", "thong bao ket luan"; not "du an khoi cong", where the words after it are a verb).
    The words of ``date_cues.json``'s ``not_named`` ("chương trình", "dự án") name events as often."""
    events = {fold(w) for w in data_json("date_cues.json")["document_clause"]["not_named"]}
    kinds = _words([kind for kind in _document_kinds() if kind not in events])
    return re.compile(rf"^(?:{kinds})(?:\s+(?:{kinds}))?$")


def _clause_before(text: str, start: int) -> str:
    """Return the folded clause ending at ``start``; a quotation may open it ('Công văn viết: " Thực
    hiện công văn ngày 27-4-2017 ...')."""
    clause = re.split(r"[,;:(!?]|\.\s|\n", text[max(0, start - 160) : start])[-1]
    return fold(clause).strip().strip("\"“”'‘’«»").strip()


def _in_document_clause(text: str, start: int) -> bool:
    """Return whether the clause ending at ``start`` cites a document ("Theo Kết luận ... ngày"), or
    the date is bracketed right after one ("quyết định thanh tra (ngày 15-12-2017)")."""
    if _bracketed_after_document().search(fold(text[max(0, start - 160) : start])):
        return True
    return bool(_document_clause().match(_clause_before(text, start)))


def _names_its_document(text: str, start: int, end: int) -> bool:
    """Return whether a day dates the document its clause names, its issuer right after the day:
    "Thông báo kết luận ngày 12/5/2019 của UBKT Tỉnh ủy" (a span after a plan's name is its period)."""
    return _issuer_follows(text, end) and bool(_named_document().match(_clause_before(text, start)))


#: the periods that may be a target: a month, a quarter, one year (not a span of years)
_TARGET_KINDS = ("month", "bare_month", "quarter", "years")


def _role(text: str, start: int, end: int, kind: str, document_starts: set[int], single_period: bool) -> str:
    """Return the role of a date over ``[start, end)``: deadline, document, event or other.

    A year right after a document's number ("quyết định 60 năm 2017") is that document's date. A
    month after a deadline cue is a deadline, and so is a month, quarter or year that a target sets
    (``_is_target``: "Phấn đấu quý 1-2020 khởi công"); other months, quarters, years and periods are
    "other". Days: a span closed by "đến trước" ("từ ngày 1-7-2004 đến trước ngày 1-1-2008") or
    opened by a period word ("giai đoạn từ ...") bounds a period ("other"); otherwise the words
    before it (a span's opening "từ" read with them: "tính từ ngày 1/10/2016 đến ...") decide, in
    this order: a point of reference (a bound of a count "tính đến", a birth "sinh", the start of an
    open period "sau", "từ trước") is "other"; then a deadline; then a document's date (after its
    number, in a clause citing it, or after a signature); any other day is an event.
    """
    if kind == "years" and start in document_starts:
        return "document"
    if kind in ("month", "bare_month") and _role_cues()["deadline"].search(_context_before(text, start)):
        return "deadline"  # "trước tháng 6-2018 UBND TP phải trình"
    if kind in _TARGET_KINDS and single_period and _is_target(text, start, end):
        return "deadline"
    if not _is_day(kind):
        return "other"
    if kind == "span" and re.search(r"(?:đến|tới)\s+trước", text[start:end], re.IGNORECASE):
        return "other"
    if kind == "span" and _role_cues()["period"].search(_context_before(text, start)):
        return "other"  # "giai đoạn từ 1-1-2017 đến 28-2-2019"
    opening = re.match(r"từ\s+", text[start : start + 8], re.IGNORECASE)
    before = start + (opening.end() if opening else 0)
    context = _context_before(text, before)
    reference = _role_cues()["as_of"].search(context) or _role_cues()["birth"].search(context)
    if reference or _role_cues()["after"].search(_context_before(text, start, folded=False)):
        return "other"
    if _role_cues()["deadline"].search(context):
        return "deadline"
    signed = _role_cues()["signed"].search(_context_before(text, before, folded=False))
    if start in document_starts or _in_document_clause(text, start) or signed:
        return "document"
    if kind in ("single", "long_day") and _names_its_document(text, start, end):
        return "document"
    return "event"


#: the year of a document written after its number: "quyết định 60 năm 2017"
_DOCUMENT_YEAR = re.compile(rf"[ \t]*(?=năm\s+(?P<year>{_YEAR}){_STOP})", re.IGNORECASE)


def document_year_after(text: str, pos: int) -> int | None:
    """Return the year written right after a document's number ending at ``pos`` ("nghị quyết
    04-NQ/TU năm 2011", "Kết luận thanh tra số 26/TTTP-KTI năm 2014"), or None."""
    found = _DOCUMENT_YEAR.match(text, pos)
    return int(found["year"]) if found else None


def _document_date_starts(text: str) -> set[int]:
    """Return where the dates of cited documents start ("Kế hoạch số 22/KH-UBND ngày 22/02/2024").

    The date is the one ``document_date_after`` finds (right after the number, or after the document's
    title or issuer), or a "năm ..." right after the number ("quyết định 60 năm 2017"). Imported here
    because documents.py reads its dates with this module's grammar.
    """
    from pipeline.nlp.documents import mention_ends

    starts = set()
    for end in mention_ends(text):
        found = document_date_after(text, end)
        year = _DOCUMENT_YEAR.match(text, end)
        if found:
            starts.add(found[0])
        elif year:
            starts.add(year.end())
    return starts


def extract_dates(text: str, published: str | None = None) -> list[DateMention]:
    """Return every date expression of ``text`` in order, deduplicated on (value, end, role).

    ``published`` (ISO) gives the year of days written without one; without it the publication
    line's year is used, and without that such days are skipped.
    """
    hint = publication_year(text, published)
    pub = publication_date(text)
    document_starts = _document_date_starts(text)
    mentions: list[DateMention] = [pub] if pub else []
    for start, end, kind, (value, until) in _expressions(text, hint):
        if pub and pub.span and start < pub.span[1] and end > pub.span[0]:
            continue
        role = _role(text, start, end, kind, document_starts, until is None or value[:4] == until[:4])
        mentions.append(DateMention(text[start:end], value, until, role, (start, end)))
    mentions.sort(key=lambda m: m.span or (0, 0))
    seen: set[tuple[str, str | None, str]] = set()
    unique = []
    for mention in mentions:
        key = (mention.value, mention.end, mention.role)
        if key not in seen:
            seen.add(key)
            unique.append(mention)
    return unique


__all__ = [
    "document_date_after",
    "document_year_after",
    "extract_dates",
    "parse_date_expression",
    "publication_date",
    "publication_year",
]
