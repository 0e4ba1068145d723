"""Normalisation keeps offsets, unifies tone placement, and folding maps "đ" to "d"."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.nlp.text import expand_abbreviation, fold, normalize, unify_tones


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban Kiểm tra Thành uỷ", "Ủy ban Kiểm tra Thành ủy"),
        ("hoà giải", "hòa giải"),
        ("Nguyễn Thị Hồng Thuý", "Nguyễn Thị Hồng Thúy"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        # a following letter keeps the mark on the second vowel in both styles
        ("Hoàng Văn Thụ", "Hoàng Văn Thụ"),
        ("tuyến", "tuyến"),
        # "qu" is a consonant: "quý", "quả" are already right
        ("quý III/2024", "quý III/2024"),
        ("hiệu quả", "hiệu quả"),
        # a second combining mark (the breve) means the syllable goes on
        ("hoặc", "hoặc"),
        ("ngoặt", "ngoặt"),
    ],
)
def test_unify_tones(raw, expected):
    assert unify_tones(raw) == expected


def test_normalize_composes_and_keeps_length():
    decomposed = unicodedata.normalize("NFD", "Đảng uỷ phường Đông kinh\u00a0và UBND")
    result = normalize(decomposed)
    assert result == "Đảng ủy phường Đông kinh và UBND"
    assert len(result) == len(unicodedata.normalize("NFC", decomposed))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thạch Bàn", "thach ban"),
        ("Đông Kinh", "dong kinh"),
        ("đồng chí ĐINH", "dong chi dinh"),
        ("Quyết định số 983-QĐ/QU", "quyet dinh so 983-qd/qu"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_abbreviations():
    assert expand_abbreviation("QUV") == "Quận ủy viên"
    assert expand_abbreviation("UBND") == "Ủy ban nhân dân"
    assert expand_abbreviation("Hà Nội") == "Hà Nội"
