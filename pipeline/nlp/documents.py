"""Document numbers ("số và ký hiệu") cited in the text: "Quyết định số 983, 984-QĐ/QU, ngày 15/8/2019".

Two symbol shapes (docs/domain.md): the state's ``NUMBER[/YEAR]/TYPE-ISSUER[-UNIT]`` ("22/KH-UBND",
"30/2020/NĐ-CP", "202/2025/QH15", "123/UBND-VP") and the Party's ``NUMBER-TYPE/ISSUER`` ("983-QĐ/QU").
A document may also be named by its word and number alone ("Kết luận số 24 ngày 5/6/2012"). Type codes,
the words that name them and known issuers live in ``pipeline/data/document_types.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from pipeline.data import data_json
from pipeline.model import DocumentRef
from pipeline.nlp.dates import (
    document_date_after,
    document_year_after,
    parse_date_expression,
    publication_year,
)

_SPACE = r"[ \t]?"
_HYPHEN = r"[-–]"
# A code as written in a symbol: "QĐ", "UBND", "QH15", "TTg", "CTr", "QLĐTư"; not a word such as "Chủ".
_CODE = r"[A-ZĐƯ][A-Za-zĐđƯư0-9]*(?![^\W_])"
# After a spaced hyphen only an upper-case code, so "QĐ-UBND - Thanh Hóa" stops at "UBND".
_UPPER_CODE = r"[A-ZĐƯ][A-ZĐƯ0-9]*(?![^\W_])"
# Codes joined by hyphens, spaced hyphens, or a space before an upper-case code ("1140/BC VPCP").
_CODES = (
    rf"{_CODE}(?:{_HYPHEN}{_CODE}|[ \t]{_HYPHEN}[ \t]?{_UPPER_CODE}|{_HYPHEN}[ \t]{_UPPER_CODE}"
    rf"|[ \t](?=[A-ZĐ]{{2}}){_UPPER_CODE})*"
)
_CODE_JOINT = rf"{_SPACE}{_HYPHEN}{_SPACE}|[ \t]"
_YEAR = r"(?:19|20)\d\d"
_NUMBER = r"\d{1,5}"
_ALONE = r"(?<![\w./,-])"
#: at most this many words of a subject between a document's word and "số"
_MAX_SUBJECT_WORDS = 6
#: a lower-case letter, Vietnamese ones included (a range such as "à-ỹ" also holds capitals: "Đ", "Ạ")
_LOWER = (
    "["
    + "".join(
        ch
        for ch in map(chr, [*range(0x61, 0x7B), *range(0xE0, 0x250), *range(0x1EA0, 0x1EFA)])
        if ch.islower()
    )
    + "]"
)


def _public(section: dict[str, Any]) -> dict[str, Any]:
    """Return a table section without its ``_comment`` keys."""
    return {k: v for k, v in section.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _codes_by_lower() -> dict[str, str]:
    """Return type codes keyed by their lower case, aliases ("ND" for "NĐ") included."""
    table = data_json("document_types.json")
    codes = {code.lower(): code for code in _public(table["types"])}
    codes.update({alias.lower(): code for alias, code in _public(table["aliases"]).items()})
    return codes


def _type_code(written: str) -> str | None:
    """Return the type code ``written`` stands for ("qđ" -> "QĐ", "ND" -> "NĐ"), or None if it is none."""
    if written in data_json("document_types.json")["types"]:
        return written
    return _codes_by_lower().get(written.lower())


def _type_name(code: str, party: bool) -> str | None:
    """Return the full name of a type code; "TT" is a Thông tri in a Party symbol, a Thông tư otherwise."""
    table = data_json("document_types.json")
    party_types = _public(table["party_types"])
    return party_types[code] if party and code in party_types else table["types"].get(code)


def _word_picks(code: str | None, word_type: str | None) -> bool:
    """Tell whether the word before a symbol names one of the types its shared code stands for ("QĐ"
    in "Quy định số 181-QĐ/TW" is a Quy định); a code of one type never is."""
    return word_type is not None and word_type in data_json("document_types.json")["shared_codes"].get(
        code or "", ()
    )


@lru_cache(maxsize=1)
def _issuers_by_lower() -> dict[str, str]:
    """Return the known issuer codes by their lower-case form."""
    return {code.lower(): code for code in _public(data_json("document_types.json")["issuers"])}


def _issuer(written: str) -> str:
    """Return an issuer code in its usual case ("Ubnd" -> "UBND", "TTG" -> "TTg"), else as written."""
    return _issuers_by_lower().get(written.lower(), written)


def _split_glued(code: str, *, known: bool = False) -> tuple[str, str] | None:
    """Return (type, issuer) for a type glued to its issuer ("NĐCP", "QĐUB", "QĐTTg"), or None.

    In a dated symbol any capitals may be the issuer; without a year ("207/QĐUB") only a ``known``
    issuer makes the code a glued pair rather than an issuer of its own.
    """
    if known and code.lower() in _issuers_by_lower():
        return None  # "1234/TTCP" is Thanh tra Chính phủ's, not a Thông tư of CP
    for size in range(len(code) - 2, 0, -1):
        type_code, tail = _type_code(code[:size]), code[size:]
        issuer = tail.lower() in _issuers_by_lower()
        if type_code and (tail.isupper() or issuer) and (not known or issuer):
            return type_code, tail
    return None


def document_words() -> list[str]:
    """Return the words that name a document type ("Quyết định", "Kết luận", "Văn bản").

    Dates read them too: a day in a clause opened by "Theo Kết luận ..." is that document's date.
    """
    return list(_public(data_json("document_types.json")["words"]))


def _words_regex(words: list[str]) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any blank."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


@lru_cache(maxsize=1)
def _symbol_pattern() -> re.Pattern[str]:
    """Return the pattern of a Party or state symbol, a number ending the list it may close."""
    party = (
        rf"(?:(?<![^\W_])(?P<glue>[A-ZĐ][A-Za-zĐđ]*)|{_ALONE})(?P<pnum>{_NUMBER}){_SPACE}{_HYPHEN}{_SPACE}"
        rf"(?P<ptype>{_CODE}){_SPACE}/{_SPACE}(?P<pissuer>{_CODES})"
    )
    state = (
        rf"{_ALONE}(?P<snum>{_NUMBER}){_SPACE}/{_SPACE}"
        rf"(?:(?P<year>{_YEAR}){_SPACE}/{_SPACE})?(?P<codes>{_CODES})(?:/(?P<slashed>{_CODE}))?"
    )
    return re.compile(rf"{party}|{state}")


@lru_cache(maxsize=1)
def _lead_pattern() -> re.Pattern[str]:
    """Return the pattern of what may lead a symbol: "Quyết định số 983, " (word, "số", shared numbers)."""
    words = _words_regex(document_words())
    # the document's subject may stand between its word and "số": "Quyết định khởi tố vụ án hình sự
    # số 32/C46-P12", "Kết luận thanh tra số 26/TTTP-KTI" (lower-case words, none a document word or
    # one of ``subject_stops`` or ``papers``: "Báo cáo cho biết tại tờ khai số 12/HQ-XNK" is the
    # declaration's number)
    table = data_json("document_types.json")
    subject = _subject(_words_regex([*document_words(), *table["subject_stops"], *table["papers"]]))
    return re.compile(
        rf"(?:(?<![^\W\d_])(?P<word>{words})\s+(?:{subject}(?=số\b))?)?(?:(?P<so>số)\s*:?\s*)?"
        rf"(?P<numbers>(?:{_NUMBER}\s*(?:,|và)\s*)*)$",
        re.IGNORECASE,
    )


def _subject(stops: str) -> str:
    """Return the pattern of a document's subject: one to ``_MAX_SUBJECT_WORDS`` lower-case words, none
    of them one of ``stops`` (an alternation)."""
    return rf"(?:(?!(?:{stops})\b)(?-i:{_LOWER}+)\s+){{1,{_MAX_SUBJECT_WORDS}}}"


@lru_cache(maxsize=1)
def _paper_lead_pattern() -> re.Pattern[str]:
    """Return the pattern of a document's word whose subject holds a paper, right before "số":
    "Quyết định rút hồ sơ thi hành án số" (no clause word, no other document's word in between)."""
    table = data_json("document_types.json")
    words = _words_regex(document_words())
    subject = _subject(_words_regex([*document_words(), *table["subject_stops"]]))
    papers = _words_regex(table["papers"])
    return re.compile(
        rf"(?<![^\W\d_])(?P<word>{words})\s+(?=(?:\S+\s+)*?(?-i:{papers})\s){subject}số\s*:?\s*$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _bare_pattern() -> re.Pattern[str]:
    """Return the pattern of a document named by word and number alone ("Kết luận số 24 ngày ...").

    The number may carry its year without type or issuer ("Nghị định 46/2010 của Chính phủ"). After
    "số" any lower-case word but an address's may follow it ("Công văn số 7836 giao Sở Tài chính"):
    "số" makes it a number; a capitalised word or a street's makes it an address ("dự án số 15 Thi
    Sách", "dự án số 15 đường Thi Sách").
    """
    bare = data_json("document_types.json")["bare_number"]
    words = _words_regex(document_words())
    followers = _followers()
    return re.compile(
        rf"(?<![^\W\d_])(?P<word>(?i:{words}))\s+(?:(?P<so>(?i:số))\s*:?\s*)?"
        rf"(?:(?P<num>\d{{{bare['min_digits']},5}})|(?P<ynum>\d{{1,5}})/(?P<nyear>{_YEAR}))"
        rf"(?=(?i:{followers})(?![^\W_])|{_BARE_END.format(followers=followers, year='?P<year>')}"
        rf"|(?(so)\s+(?!(?:{_words_regex(bare['address_words'])})\b)(?-i:{_LOWER})|(?!)))"
    )


def _followers() -> str:
    """Return the alternation of words that may follow a bare number: followers, and "ngày" before a day."""
    bare = data_json("document_types.json")["bare_number"]
    dated = "|".join(rf"{w}(?=\s*\d)" for w in map(re.escape, bare["dated_followers"]))
    return f"{_words_regex(bare['followers'])}|{dated}"


#: what may follow a bare document number: punctuation, the end, a follower word, or its year
#: (``{year}``: a named group where the year is read, a plain one where it is only looked at)
_BARE_END = (
    r"(?![\w/–-]|[.,]\d)(?=\s*(?:[,.;:)\]”\"(]|$)|\s+(?i:{followers})(?![^\W_])"
    r"|\s+năm\s+({year}" + _YEAR + r")(?!\s*[-–]\s*\d))"
)


@lru_cache(maxsize=1)
def _more_numbers() -> re.Pattern[str]:
    """Return the pattern of a further number sharing a bare document's word ("Quyết định 935, 936")."""
    followers = _followers()
    end = _BARE_END.format(followers=followers, year="?:")
    min_digits = data_json("document_types.json")["bare_number"]["min_digits"]
    return re.compile(rf"\s*(?:,|và)\s*(?P<num>\d{{{min_digits},5}})(?={end})")


def _word_code(word: str | None) -> tuple[str | None, str | None]:
    """Return (type code, type name) given by the word before a number ("Thông tri" -> TT, Thông tri)."""
    if not word:
        return None, None
    table = data_json("document_types.json")
    words = {w.lower(): (w, code) for w, code in _public(table["words"]).items()}
    canonical, code = words[" ".join(word.lower().split())]
    names = {*table["types"].values(), *_public(table["party_types"]).values()}
    if code:
        return code, canonical if canonical in names else _type_name(code, party=False)
    return None, canonical if canonical in table["coded_elsewhere"]["words"] else None


def _read_party(match: re.Match[str]) -> tuple[str, str | None, str | None, None] | None:
    """Return (number, type code, issuer, year) of "983-QĐ/QU" or "CTr02-CTr/QU"; None if not a symbol."""
    code = _type_code(match["ptype"])
    glue = match["glue"]
    if code is None or (glue and _type_code(glue) != code):
        return None
    issuer = re.split(rf"{_SPACE}{_HYPHEN}{_SPACE}", match["pissuer"])[0]
    return match["pnum"], code, _issuer(issuer), None


def _read_state(match: re.Match[str]) -> tuple[str, str | None, str | None, int | None] | None:
    """Return (number, type code, issuer, year) of "22/KH-UBND", "30/2020/NĐ-CP", "202/2025/QH15", or a
    type and issuer parted by a slash ("20/CT/TTg"); None where the codes make no symbol."""
    codes = re.split(_CODE_JOINT, match["codes"])
    year = int(match["year"]) if match["year"] else None
    code = _type_code(codes[0])
    if code and len(codes) == 1 and match["slashed"]:
        return match["snum"], code, _issuer(match["slashed"]), year  # "20/CT/TTg", "1143/QĐ/TTg"
    if code:
        if len(codes) == 1 and year is None:
            return None
        joint = code in data_json("document_types.json")["joint_types"]["codes"]
        issuers = [_issuer(c) for c in codes[1 : None if joint else 2]]
        return match["snum"], code, "-".join(issuers) or None, year
    glued = _split_glued(codes[0], known=year is None) if len(codes) == 1 or year is not None else None
    if glued:
        return match["snum"], glued[0], _issuer(glued[1]), year
    if year is None and len(codes) < 2:
        return None
    return match["snum"], None, _issuer(codes[0]), year


def _read_named_code(
    text: str, match: re.Match[str], lead: re.Match[str] | None
) -> tuple[str, str | None, str | None, None] | None:
    """Return (number, type, issuer, None) of a one-code symbol after a word, "số" or both: the word's
    own type ("Giấy phép xây dựng số 101/GPXD") or an issuer ("văn bản số 7059/VP", "văn bản
    1026/PGDĐT", "công văn số 159/TB").

    Alone, "N/CODE" is too loose to be a symbol; a document's word or "số" right before it makes it
    one. A paper between them ("Quyết định rút hồ sơ số 31/QĐ") parts the word from "số", so there the
    symbol is the word's when its code is the word's type.
    """
    if lead is None or not (lead["so"] or lead["word"]) or not re.fullmatch(_CODE, match["codes"]):
        return None
    code = _type_code(match["codes"])
    if not lead["word"]:
        paper = _paper_lead_pattern().search(text, max(0, match.start() - 80), match.start())
        return (
            (match["snum"], code, None, None)
            if code and paper and _word_code(paper["word"])[0] == code
            else None
        )
    word_code, word_type = _word_code(lead["word"])
    if code is not None and (code == word_code or _word_picks(code, word_type)):
        return match["snum"], code, None, None  # "Quy định số 12/QĐ" is the word's own type
    return match["snum"], None, _issuer(match["codes"]), None


def _dated(ref: DocumentRef, text: str, hint: int | None) -> DocumentRef:
    """Return ``ref`` with its date (``document_date_after``), and its year when the symbol has none: the
    date's, or a "năm ..." written right after it."""
    found = document_date_after(text, ref.span[1]) if ref.span else None
    value = found and parse_date_expression(text[found[0] : found[1]], ref.year or hint)
    if not value:
        year = document_year_after(text, ref.span[1]) if ref.span and ref.year is None else None
        return replace(ref, year=year) if year else ref  # "nghị quyết 04-NQ/TU năm 2011"
    return replace(ref, date=value[0], year=ref.year or int(value[0][:4]))


def _symbol_refs(text: str) -> Iterator[DocumentRef]:
    """Yield one ref per number of every symbol, its text running from the word that names it.

    A symbol listed after another with "và" or "," (maybe "và số") shares its word: "Giấy giới thiệu
    số 45/TCMT-GGT và số 46/TCMT-GGT" are two Giấy giới thiệu, "Quy định 47-QĐ/TW và 102-QĐ/TW" two
    Quy định.
    """
    previous: tuple[int, str | None] = (-1, None)
    for match in _symbol_pattern().finditer(text):
        party = match["pnum"] is not None
        lead = _lead_pattern().search(text, max(0, match.start() - 80), match.start())
        read = _read_party(match) if party else _read_state(match) or _read_named_code(text, match, lead)
        if read is None:
            continue
        number, code, issuer, year = read
        word = lead["word"] if lead else None
        if not word and re.fullmatch(r"\s*(?:,|và)\s*(?:số\s*)?", text[previous[0] : match.start()]):
            word = previous[1]
        previous = (match.end(), word)
        word_code, word_type = _word_code(word)
        numbers = re.findall(r"\d+", lead["numbers"]) if lead and (lead["word"] or lead["so"]) else []
        if lead and lead["word"]:
            start = lead.start("word")
        else:
            start = lead.start("numbers") if lead and numbers else match.start()
        if code is None:
            code = word_code or (
                data_json("document_types.json")["untyped_symbol"]["code"] if year is None else None
            )
        if _word_picks(code, word_type):
            code, name = word_code, word_type  # "Quy định số 181-QĐ/TW" is QĐi
        else:
            name = _type_name(code, party) if code else word_type
        for each in [*numbers, number]:
            yield DocumentRef(
                text[start : match.end()], each, code, name, issuer, year, span=(start, match.end())
            )


def _bare_refs(text: str) -> Iterator[DocumentRef]:
    """Yield refs named by word and number alone: "Kết luận số 24", "Quyết định 07"."""
    for match in _bare_pattern().finditer(text):
        if match["num"] and re.fullmatch(_YEAR, match["num"]):
            continue
        code, name = _word_code(match["word"])
        written_year = match["nyear"] or match["year"]
        year = int(written_year) if written_year else None
        numbers, end = [match["num"] or match["ynum"]], match.end()
        while more := _more_numbers().match(text, end):
            numbers.append(more["num"])
            end = more.end()
        for number in numbers:
            yield DocumentRef(
                text[match.start() : end], number, code, name, None, year, span=(match.start(), end)
            )


def _undated_mentions(text: str) -> list[DocumentRef]:
    """Return every document mention in order, before de-duplication, without dates."""
    symbols = list(_symbol_refs(text))
    taken = [ref.span for ref in symbols if ref.span]
    bare = [
        ref
        for ref in _bare_refs(text)
        if ref.span and not any(s < ref.span[1] and ref.span[0] < e for s, e in taken)
    ]
    return sorted(symbols + bare, key=lambda r: r.span or (0, 0))


def mention_ends(text: str) -> list[int]:
    """Return where each document mention ends: where ``dates`` looks for the document's own date."""
    return [ref.span[1] for ref in _undated_mentions(text) if ref.span]


def reference_mentions(text: str, published: str | None = None) -> list[DocumentRef]:
    """Return every document mention in order, before de-duplication, each with its own date."""
    hint = publication_year(text, published)
    return [_dated(ref, text, hint) for ref in _undated_mentions(text)]


def _same(first: DocumentRef, later: DocumentRef) -> bool:
    """Return whether two mentions cite one document: same number and type, issuers and years not in conflict.

    A mention without a symbol has no issuer and is the document cited with one ("công văn số
    1168/STNMT-QLD ngày 9/2/2017 …" then "Tại công văn 1168, …").
    """
    if (first.number, first.type_code) != (later.number, later.type_code):
        return False
    if first.issuer_code and later.issuer_code and first.issuer_code != later.issuer_code:
        return False
    return first.year is None or later.year is None or first.year == later.year


def extract_documents(text: str, published: str | None = None) -> list[DocumentRef]:
    """Return one ref per document number, in order; a later mention's date, year and issuer fill the first's."""
    unique: list[DocumentRef] = []
    for ref in reference_mentions(text, published):
        index = next((i for i, kept in enumerate(unique) if _same(kept, ref)), None)
        if index is None:
            unique.append(ref)
            continue
        kept = unique[index]
        unique[index] = replace(
            kept,
            date=kept.date or ref.date,
            year=kept.year or ref.year,
            issuer_code=kept.issuer_code or ref.issuer_code,
        )
    return unique


__all__ = ["document_words", "extract_documents", "mention_ends", "reference_mentions"]
