"""Bytes to Unicode for Vietnamese text: UTF-8/16, Windows-1258 and the legacy font encodings TCVN3 and VNI.

TCVN3 (ABC) and VNI are 8-bit encodings that any single-byte codec decodes "successfully" into mojibake
("Thùc hiÖn", "Thöïc hieän"), so no decoder error tells them apart. We decode the bytes every way we know and
keep the reading whose words look most like Vietnamese syllables (onset + nucleus + coda, one tone mark on a
vowel). The code tables are data: ``pipeline/data/tcvn3.json`` and ``pipeline/data/vni.json``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from pipeline.data import data_json
from pipeline.ingest.errors import NotText, UndecodableInput

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_VOWELS = frozenset("aeiouy")
_STOP_TONES = frozenset("\u0301\u0323")  # acute, dot below: the only tones after a final c, ch, p, t

# Vietnamese syllable shape, tone marks removed: onset, vowel nucleus, final consonant. The rare "oo"
# ("xoong", "soóc") is left out: it would make TCVN3 readings of VNI text ("Hoõm") look well formed.
_NUCLEI = (  # noqa: SIM905 - a table reads better as one string
    "iêu oai oao oay oeo uao uây uôi ươi ươu uya uyê uyu yêu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uă uâ ưa uê ui ưi uo uô uơ ươ ưu uy yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:" + "|".join(_NUCLEI) + r")"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD_SPLIT = re.compile(r"[\s\-/]+")
_EDGE_PUNCT = "!\"#$%&'()*+,.:;<=>?@[\\]^_`{|}~“”‘’–—…"

_BINARY_SAMPLE = 8192
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13}

# Names a page or a caller may declare for the legacy encodings we decode ourselves.
_LEGACY_NAMES = {
    "tcvn3": "tcvn3",
    "tcvn": "tcvn3",
    "abc": "tcvn3",
    "tcvn-5712": "tcvn3",
    "vn3": "tcvn3",
    "vni": "vni",
    "vni-windows": "vni",
}
# Declarations that say nothing useful: legacy Vietnamese pages declare these while using TCVN3/VNI fonts.
_WESTERN = frozenset({"latin_1", "iso8859_1", "iso8859_15", "cp1252", "ascii"})


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    """Return the TCVN3 byte -> letter table from ``pipeline/data/tcvn3.json``."""
    return {int(code, 16): letter for code, letter in data_json("tcvn3.json")["bytes"].items()}


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    """Return VNI byte sequences (as Windows-1252 characters) -> letter, from ``pipeline/data/vni.json``."""
    letters = data_json("vni.json")["letters"]
    return {_bytes_to_chars(bytes.fromhex(code)): letter for letter, code in letters.items()}


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    """Return a regex matching any VNI sequence, two-byte sequences first so a mark joins its base."""
    keys = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def _bytes_to_chars(data: bytes) -> str:
    """Return ``data`` read as Windows-1252, with its five undefined bytes read as Latin-1."""
    return "".join(
        chr(b) if b < 0x80 else bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
        for b in data
    )


def _chars_to_bytes(text: str) -> bytes | None:
    """Return the single bytes ``text`` came from if it was read as Windows-1252/Latin-1, else None."""
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def tcvn3_to_unicode(data: bytes) -> str:
    """Return TCVN3 (ABC) bytes as NFC Unicode; capitals written in a .VnTimeH font are restored."""
    table = _tcvn3_table()
    text = "".join(table.get(b) or _bytes_to_chars(bytes([b])) for b in data)
    return unicodedata.normalize("NFC", _restore_capitals(text))


def vni_to_unicode(data: bytes) -> str:
    """Return VNI-Windows bytes as NFC Unicode (a base byte and its mark byte become one letter)."""
    table = _vni_table()
    text = _vni_pattern().sub(lambda m: table[m.group(0)], _bytes_to_chars(data))
    return unicodedata.normalize("NFC", text)


def _restore_capitals(text: str) -> str:
    """Return ``text`` with lines and words written in capitals upper-cased.

    TCVN3 has no code for a toned capital: a heading in capitals uses the lower-case code in a capitals font,
    so "PH¦êNG" decodes to "PHƯờNG" and must become "PHƯỜNG". A line counts as capitals when its ASCII
    letters (4 or more) are all capitals; a word when it has 2 or more ASCII capitals and no small one.
    """

    def in_capitals(chunk: str, least: int) -> bool:
        letters = [c for c in chunk if c.isascii() and c.isalpha()]
        return len(letters) >= least and all(c.isupper() for c in letters)

    def fix_line(line: str) -> str:
        if in_capitals(line, 4):
            return line.upper()
        return re.sub(
            r"\S+", lambda m: m.group(0).upper() if in_capitals(m.group(0), 2) else m.group(0), line
        )

    return "\n".join(fix_line(line) for line in text.split("\n"))


def is_syllable(word: str) -> bool:
    """Return True when ``word`` is a well-formed Vietnamese syllable.

    One tone mark at most, on a vowel; a syllable closed by c, ch, p or t takes only the acute or dot-below
    tone ("thực", never "thùc").
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = []
    previous = ""
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tones.append(ch)
            if not (previous in _VOWELS or previous in _VOWEL_MARKS):
                return False
        previous = ch
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if tones and tones[0] not in _STOP_TONES and bare.endswith(("c", "ch", "p", "t")):
        return False
    return _SYLLABLE.fullmatch(bare) is not None


def vietnamese_score(text: str) -> int:
    """Return (well-formed − malformed) count of the words that carry non-ASCII characters.

    ASCII words and words with digits say nothing about the encoding and are not counted.
    """
    score = 0
    for token in _WORD_SPLIT.split(text):
        word = token.strip(_EDGE_PUNCT)
        if not word or word.isascii() or any(c.isdigit() for c in word):
            continue
        score += 1 if is_syllable(word) else -1
    return score


def looks_binary(data: bytes) -> bool:
    """Return True when the start of ``data`` holds NUL or many control bytes (an image, an archive)."""
    sample = data[:_BINARY_SAMPLE]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    return bool(sample) and sum(b in _CONTROL_BYTES for b in sample) / len(sample) > 0.05


def _cp1258(data: bytes) -> str:
    """Return Windows-1258 bytes as NFC (its tone marks are separate combining characters)."""
    return unicodedata.normalize("NFC", data.decode("cp1258"))


def encode_cp1258(text: str) -> bytes:
    """Return ``text`` as Windows-1258 writes it: precomposed where the code page has the letter,
    else base letter + combining tone mark (the inverse of reading it; used for fixtures and tests)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
            out += (base + "".join(c for c in parts if c in _TONE_MARKS)).encode("cp1258")
    return bytes(out)


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": _cp1258,
    "tcvn3": tcvn3_to_unicode,
    "vni": vni_to_unicode,
}


def _python_codec(name: str | None) -> str | None:
    """Return Python's canonical name for a declared charset, our own name for TCVN3/VNI, or None."""
    if not name:
        return None
    key = name.strip().lower()
    if key in _LEGACY_NAMES:
        return _LEGACY_NAMES[key]
    try:
        return codecs.lookup(key).name.replace("-", "_")
    except LookupError:
        return None


def _best_legacy_reading(data: bytes) -> str:
    """Return the 8-bit reading of ``data`` with most Vietnamese-looking words, or raise UndecodableInput."""
    best: tuple[int, str] | None = None
    for decode in _LEGACY_DECODERS.values():
        try:
            text = decode(data)
        except UnicodeDecodeError:
            continue
        score = vietnamese_score(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is None or best[0] <= 0:
        raise UndecodableInput("not valid text in any known encoding")
    return best[1]


#: the charset a page names in its own <meta> ("<meta charset=utf-8>", "content='text/html; charset=...'")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
#: what hides a <meta> from a browser: a comment or a script
_HIDDEN = re.compile(rb"<!--.*?(?:-->|$)|<script\b.*?(?:</script>|$)", re.IGNORECASE | re.DOTALL)


def declared_charset(header: str | None, page: bytes) -> str | None:
    """Return the charset to decode a page with: the HTTP header's when it names a usable one, else
    the page's own <meta> in its first 4 KB (outside comments and scripts), as a browser reads it.

    A <meta> naming UTF-16 or UTF-32 is read as UTF-8 (the bytes that carry the tag are ASCII); a
    header naming no text codec or a Western charset (see ``decode_bytes``) leaves the choice to the
    <meta>.
    """
    codec = _python_codec(header)
    if codec and codec not in _WESTERN and _is_text_codec(codec):
        return header
    match = _META_CHARSET.search(_HIDDEN.sub(b"", page[:4096]))
    if match is None:
        return header
    name = match.group(1).decode("ascii")
    return "utf-8" if name.lower().replace("-", "").startswith(("utf16", "utf32")) else name


def _is_text_codec(codec: str) -> bool:
    """Return whether a codec reads bytes into text (not "undefined", "base64", "rot13")."""
    if codec in _LEGACY_DECODERS:
        return True
    try:
        b"x".decode(codec)
    except (UnicodeError, LookupError):
        return False
    return True


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Return ``data`` as NFC Unicode: BOMs, the declared charset, UTF-8, then the Vietnamese 8-bit encodings.

    A declared TCVN3/VNI/Windows-1258 is trusted; a declared Latin-1/Latin-9/Windows-1252 is ignored
    (legacy pages declare it while using TCVN3 or VNI fonts), and so is a name of no text codec. Valid
    UTF-8 that still carries mojibake is repaired. Raises ``NotText`` for binary data and
    ``UndecodableInput`` when no reading looks like Vietnamese.
    """
    if looks_binary(data):
        raise NotText("binary file (not text)")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return unicodedata.normalize("NFC", data.decode(codec))
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"invalid {codec.upper()} after its byte-order mark") from exc
    codec = _python_codec(declared)
    if codec in _LEGACY_DECODERS:
        try:
            return _LEGACY_DECODERS[codec](data)
        except UnicodeDecodeError:
            pass
    elif codec and codec not in _WESTERN and codec != "utf_8":
        try:
            return unicodedata.normalize("NFC", data.decode(codec))
        except (UnicodeError, LookupError):
            pass  # not this charset, or a codec of no text ("charset=undefined", "base64"): detect
    try:
        return repair_mojibake(unicodedata.normalize("NFC", data.decode("utf-8")))
    except UnicodeDecodeError:
        return _best_legacy_reading(data)


# A UTF-8 lead byte read as Windows-1252/Latin-1, followed by continuation bytes read the same way.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_UTF8_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]+")


def _undo_utf8_as_cp1252(match: re.Match[str]) -> str:
    """Return the matched run decoded as the UTF-8 it was, or unchanged when it is not UTF-8."""
    raw = _chars_to_bytes(match.group(0))
    if raw is None:
        return match.group(0)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def _legacy_readings(line: str) -> dict[str, str]:
    """Return the TCVN3 and VNI readings of a line that came from single bytes, or {} when it did not."""
    raw = _chars_to_bytes(line)
    if raw is None or raw.isascii():
        return {}
    return {"tcvn3": tcvn3_to_unicode(raw), "vni": vni_to_unicode(raw)}


def repair_mojibake(text: str) -> str:
    """Return ``text`` with UTF-8-read-as-Windows-1252 runs and TCVN3/VNI-read-as-Latin lines turned back.

    "Thá»±c hiá»‡n" -> "Thực hiện"; "Thùc hiÖn" (TCVN3) and "Thöïc hieän" (VNI) -> "Thực hiện". One legacy
    encoding is chosen for the whole text (the one that gains most well-formed words), then applied to each
    line whose score it raises; lines that are already good Vietnamese stay as they are.
    """
    lines = _UTF8_MOJIBAKE.sub(_undo_utf8_as_cp1252, text).split("\n")
    scores = [vietnamese_score(line) for line in lines]
    readings = [_legacy_readings(line) for line in lines]
    gains = {
        name: sum(max(0, vietnamese_score(r[name]) - s) for r, s in zip(readings, scores, strict=True) if r)
        for name in ("tcvn3", "vni")
    }
    name = max(gains, key=lambda n: gains[n])
    if gains[name] > 0:
        lines = [
            r[name] if r and vietnamese_score(r[name]) > s else line
            for line, r, s in zip(lines, readings, scores, strict=True)
        ]
    return unicodedata.normalize("NFC", "\n".join(lines))


__all__ = [
    "encode_cp1258",
    "decode_bytes",
    "is_syllable",
    "looks_binary",
    "repair_mojibake",
    "tcvn3_to_unicode",
    "vietnamese_score",
    "vni_to_unicode",
]
