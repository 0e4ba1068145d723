"""Tests for pipeline.ingest.encoding: every encoding round-trips the seed articles."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest.encoding import (
    decode_bytes,
    encode_cp1258,
    is_syllable,
    repair_mojibake,
    tcvn3_to_unicode,
    vietnamese_score,
    vni_to_unicode,
)
from pipeline.ingest.errors import IngestError, NotText, UndecodableInput

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
from make_fixtures import encode_tcvn3, encode_vni  # noqa: E402

SEEDS = sorted((ROOT / "corpora" / "samples").glob("*.txt"))
SNIPPET = unicodedata.normalize("NFC", SEEDS[0].read_text(encoding="utf-8")).split("\n\n")[2]


def _seed(path: Path) -> str:
    """Return a seed as NFC text."""
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("encode", [encode_cp1258, encode_tcvn3, encode_vni], ids=["cp1258", "tcvn3", "vni"])
def test_legacy_encodings_round_trip_every_seed(seed: Path, encode) -> None:
    text = _seed(seed)
    assert decode_bytes(encode(text)) == text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_utf8_and_utf16_with_and_without_bom(seed: Path) -> None:
    text = _seed(seed)
    for data in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("utf-16")):
        assert decode_bytes(data) == text


def test_tcvn3_table_values_from_the_standard() -> None:
    # "Thực hiện" and "Đảng ủy phường" typed in ABC: 0xF9 ự, 0xD6 ệ, 0xA7 Đ, 0xB6 ả, 0xF1 ủ, 0xAD ư, 0xEA ờ.
    assert tcvn3_to_unicode(b"Th\xf9c hi\xd6n") == "Thực hiện"
    assert tcvn3_to_unicode(b"\xa7\xb6ng \xf1y ph\xad\xeang") == "Đảng ủy phường"


def test_tcvn3_capitals_font_is_restored() -> None:
    assert tcvn3_to_unicode("PH¦êNG PHó TµI".encode("cp1252")) == "PHƯỜNG PHÚ TÀI"


def test_vni_table_values() -> None:
    # "Thực hiện": ö ï = ự, e ä = ệ; "Đảng": Ñ a û.
    assert vni_to_unicode("Thöïc hieän Ñaûng".encode("cp1252")) == "Thực hiện Đảng"


def test_declared_legacy_encoding_is_trusted() -> None:
    assert decode_bytes(encode_vni(SNIPPET), declared="VNI") == SNIPPET
    assert decode_bytes(encode_tcvn3(SNIPPET), declared="tcvn3") == SNIPPET
    assert decode_bytes(encode_cp1258(SNIPPET), declared="windows-1258") == SNIPPET


def test_declared_latin1_is_ignored_for_legacy_vietnamese() -> None:
    assert decode_bytes(encode_tcvn3(SNIPPET), declared="iso-8859-1") == SNIPPET


def test_fixture_files_decode() -> None:
    for name in ("cp1258", "tcvn3", "vni", "utf16", "utf8bom"):
        assert decode_bytes((FIXTURES / "encodings" / f"seed000_{name}.txt").read_bytes()) == SNIPPET


def test_non_vietnamese_bytes_are_undecodable() -> None:
    with pytest.raises(UndecodableInput, match="not valid text in any known encoding"):
        decode_bytes((FIXTURES / "encodings" / "japanese_shift_jis.txt").read_bytes())


def test_binary_is_not_text() -> None:
    with pytest.raises(NotText):
        decode_bytes((FIXTURES / "bad" / "image.txt").read_bytes())
    assert issubclass(NotText, IngestError) and issubclass(UndecodableInput, IngestError)


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Thá»±c hiá»‡n Quyáº¿t Ä‘á»‹nh", "Thực hiện Quyết định"),
        ("Thùc hiÖn QuyÕt ®Þnh", "Thực hiện Quyết định"),
        ("Thöïc hieän Quyeát ñònh", "Thực hiện Quyết định"),
    ],
    ids=["utf8-as-cp1252", "tcvn3-as-latin", "vni-as-cp1252"],
)
def test_repair_mojibake(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == fixed


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_repair_mojibake_leaves_good_text_alone(seed: Path) -> None:
    text = _seed(seed)
    assert repair_mojibake(text) == text


def test_repair_keeps_good_lines_beside_broken_ones() -> None:
    mixed = "Giám sát công tác\nThùc hiÖn QuyÕt ®Þnh sè 983"
    assert repair_mojibake(mixed) == "Giám sát công tác\nThực hiện Quyết định số 983"


def test_syllable_shape() -> None:
    assert all(is_syllable(w) for w in ("người", "nghiêng", "khuyết", "Quận", "giữa", "ủy", "Đảng"))
    assert not any(is_syllable(w) for w in ("thùc", "hiÖn", "h¸t", "aỡm", "giaỡm"))
    assert vietnamese_score("Thực hiện UBND 2019") == 2
