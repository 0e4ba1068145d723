"""The underthesea-backed spaCy tokenizer keeps the seed text exactly; paragraph and sentence offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import pipeline.nlp.tokens as tokens
from pipeline.nlp.tokens import UndertheseaTokenizer, paragraphs, sentences, vietnamese, word_spans

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
SEEDS = {path.stem[:3]: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))}
NLP = vietnamese()


def lines_of(seed: str, *numbers: int) -> list[str]:
    """Return the given 1-based lines of a seed file, as written (no normalisation)."""
    lines = SEEDS[seed].split("\n")
    return [lines[n - 1] for n in numbers]


def test_blank_vietnamese_uses_underthesea_not_pyvi():
    assert isinstance(NLP.tokenizer, UndertheseaTokenizer)
    assert NLP.lang == "vi"
    assert NLP.config["nlp"]["tokenizer"] == {"@tokenizers": "giamsat.underthesea_tokenizer.v1"}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_doc_text_is_the_input_on_every_seed(seed):
    text = SEEDS[seed]
    doc = NLP(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    # newlines only ever sit in whitespace tokens: words never run across lines
    assert all(t.is_space for t in doc if "\n" in t.text)


def test_new_style_tone_marks_are_kept_and_names_are_one_token():
    (line,) = lines_of("002", 34)
    assert [t.text for t in NLP(line)] == ["Nguyễn Thị Hồng Thuý", "-", "Uỷ ban", "Kiểm tra", "Thành uỷ"]


def test_non_breaking_spaces_become_whitespace_tokens():
    (line,) = lines_of("002", 13)
    doc = NLP(line)
    assert [t.text for t in doc][:9] == [
        "\xa0 \xa0 \xa0 \xa0 \xa0 ",
        "Đ",
        "/",
        "c",
        "\xa0",
        "Nguyễn Thị Hồng Vân",
        ",",
        "Uỷ viên",
        "Ban",
    ]
    assert doc.text == line


def test_bracketed_time_zone_and_blank_lines():
    doc = NLP(SEEDS["001"][:92])
    assert [(t.text, t.whitespace_) for t in doc][6:20] == [
        ("cấp", ""),
        ("\n\n", ""),
        ("Thứ Sáu", ""),
        (",", " "),
        ("11/05/2018", ""),
        (",", " "),
        ("19", ""),
        (":", ""),
        ("50", " "),
        ("[GMT", ""),
        ("+", ""),
        ("7", ""),
        ("]", ""),
        ("\n", ""),
    ]


def test_stretch_that_cannot_be_aligned_is_split_on_whitespace(monkeypatch):
    line = "Uỷ ban nhân dân phường Thạch Bàn"
    monkeypatch.setattr(tokens, "word_tokenize", lambda text: ["Ủy ban", "XYZ", "Thạch Bàn"])
    assert [line[a:b] for a, b in word_spans(line)] == ["Uỷ ban", "nhân", "dân", "phường", "Thạch Bàn"]


def test_paragraphs_leave_out_blank_lines_and_surrounding_spaces():
    text = SEEDS["001"][:92]
    assert paragraphs(text) == [(0, 52), (54, 88), (89, 90), (91, 92)]
    assert text[54:88] == "Thứ Sáu, 11/05/2018, 19:50 [GMT+7]"


def test_sentences_split_inside_a_paragraph():
    (line,) = lines_of("002", 9)
    first, second = sentences(line)[:2]
    assert (
        line[slice(*first)]
        == "Thực hiện Chương trình kiểm tra, giám sát của Ban Thường vụ Thành uỷ năm 2022."
    )
    assert line[second[0] : second[0] + 22] == "Chiều ngày 26/5/2022, "


def test_pipeline_saves_and_loads_with_the_tokenizer(tmp_path):
    NLP.to_disk(tmp_path / "vi")
    loaded = spacy.load(tmp_path / "vi")
    (line,) = lines_of("002", 34)
    assert isinstance(loaded.tokenizer, UndertheseaTokenizer)
    assert [t.text for t in loaded(line)] == [t.text for t in NLP(line)]
