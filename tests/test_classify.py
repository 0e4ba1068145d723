"""Tests for pipeline.classify: cue baseline, training set, model bundle and the packaged model."""

from __future__ import annotations

import json
from pathlib import Path

import joblib
import pytest

from pipeline.classify.corpus import (
    CorpusError,
    LabelledArticle,
    article_examples,
    is_seed,
    load_annotated,
    shingles,
)
from pipeline.classify.cues import cue_counts, leadin_label, rule_label
from pipeline.classify.features import (
    NO_LEADIN,
    Example,
    context_features,
    examples_from_segments,
    leadin_texts,
)
from pipeline.classify.predict import BUNDLE_FORMAT, FindingClassifier, ModelError, ModelVersionError
from pipeline.classify.textcat import SpacyTextcat
from pipeline.classify.train import (
    LEARNERS,
    TooFewArticles,
    cross_validated,
    evaluate_seeds,
    scores,
    seed_pairs,
    train,
    training_data,
)
from pipeline.evaluate import annotator_agreement, corpus_findings, unmatched_findings
from pipeline.model import FINDING_LABELS
from pipeline.nlp.findings import segment_findings

ROOT = Path(__file__).resolve().parents[1]
FINDINGS = ROOT / "corpora" / "findings"


@pytest.fixture(scope="module")
def classifier() -> FindingClassifier:
    """Return the packaged model, loaded once for the module."""
    return FindingClassifier.load()


def test_cue_counts_match_whole_words_only() -> None:
    text = "tỷ lệ người dân sử dụng dịch vụ công mức độ 3, 4 còn thấp"
    assert cue_counts(text) == {"recommendation": 0, "shortcoming": 1, "strength": 0}
    assert cue_counts("chưa kịp thời")["shortcoming"] == 1
    assert cue_counts(None) == {"recommendation": 0, "shortcoming": 0, "strength": 0}


def test_a_leadin_announces_its_first_label_asking_before_lacking() -> None:
    assert leadin_label(
        "đoàn giám sát cũng chỉ ra một số vấn đề còn hạn chế, thiếu sót cần quan tâm như:"
    ) == ("shortcoming")
    assert leadin_label("yêu cầu cán bộ khắc phục những mặt còn hạn chế như:") == "recommendation"
    assert leadin_label("Một số hình ảnh của Đoàn giám sát:") is None


def test_rule_baseline_prefers_the_segments_own_cues_then_the_leadin() -> None:
    assert rule_label("Đoàn giám sát đã yêu cầu Cấp ủy khẩn trương xây dựng kế hoạch") == "recommendation"
    assert rule_label("một số quy trình nội bộ không còn phù hợp chưa được điều chỉnh") == "shortcoming"
    assert rule_label("Tỉ lệ thanh toán trực tuyến đạt và vượt chỉ tiêu giao.") == "strength"
    assert rule_label("Số lượng tin bài về mô hình", "còn hạn chế như:") == "shortcoming"
    assert rule_label("Tin liên quan") == "none"


def test_context_features_name_the_marker_leadin_and_first_word() -> None:
    example = Example("tăng cường công tác lãnh đạo", "thực hiện tốt một số nhiệm vụ sau:", "Một là,", 0.7)
    features = context_features(example)
    assert features["marker=word"] == 1.0
    assert features["leadin=recommendation"] == 1.0
    assert features["first=tăng_cường"] == 1.0
    assert features["position=2"] == 1.0
    assert features["cue=recommendation"] == 1.0


def test_examples_carry_their_neighbours_and_their_cues_are_features() -> None:
    segments = segment_findings(
        "Đoàn giám sát đã làm việc với UBND phường Thạch Bàn.\n"
        "Việc niêm yết thủ tục hành chính còn chậm, chưa kịp thời.\n"
        "Đoàn đề nghị phường khẩn trương khắc phục các hạn chế."
    )
    first, middle, last = examples_from_segments(segments)
    assert (first.before, first.after) == (None, middle.text)
    assert (middle.before, middle.after) == (first.text, last.text)
    features = context_features(middle)
    assert features["after:cue=recommendation"] == 1.0
    assert "before:cue=shortcoming" not in features
    assert leadin_texts([middle, Example("x", "Đoàn giám sát đề nghị:")]) == [
        NO_LEADIN,
        "đoàn giám_sát đề_nghị :",
    ]


def test_unmatched_gold_findings_get_the_neighbouring_segments() -> None:
    article = LabelledArticle(
        "a2",
        "Đoàn giám sát đã làm việc với UBND phường.\n"
        "Xã chưa niêm yết đầy đủ các thủ tục hành chính tại bộ phận một cửa.\n"
        "Đoàn đề nghị xã khắc phục ngay.",
        [{"text": "chưa niêm yết đầy đủ", "label": "shortcoming"}],
    )
    examples, labels = article_examples(article)
    assert labels[-1] == "shortcoming"
    assert (examples[-1].before, examples[-1].after) == (
        "Đoàn giám sát đã làm việc với UBND phường.",
        "Đoàn đề nghị xã khắc phục ngay.",
    )


def test_matched_segments_take_the_gold_label_and_unmatched_gold_is_added() -> None:
    article = LabelledArticle(
        "a1",
        "Tin liên quan\nĐoàn kiểm tra đề nghị xã cần lưu ý trong việc bố trí không gian tại bộ phận 1 cửa.",
        [
            {
                "text": "Đoàn kiểm tra đề nghị xã cần lưu ý trong việc bố trí không gian",
                "label": "recommendation",
            },
            {"text": "các TTHC được niêm yết công khai", "label": "strength", "leadin": None},
        ],
    )
    examples, labels = article_examples(article)
    assert [(e.text, label) for e, label in zip(examples, labels, strict=True)] == [
        ("Tin liên quan", "none"),
        (
            "Đoàn kiểm tra đề nghị xã cần lưu ý trong việc bố trí không gian tại bộ phận 1 cửa.",
            "recommendation",
        ),
        ("các TTHC được niêm yết công khai", "strength"),
    ]


def _write_corpus(folder: Path, articles: list[dict], labels: list[dict]) -> Path:
    """Return ``folder`` after writing a small findings corpus (articles.jsonl, labels/a.jsonl) there."""
    (folder / "labels").mkdir(parents=True)
    lines = "\n".join(json.dumps(a, ensure_ascii=False) for a in articles)
    (folder / "articles.jsonl").write_text(lines + "\n", encoding="utf-8")
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in labels)
    (folder / "labels" / "a.jsonl").write_text(lines + "\n", encoding="utf-8")
    return folder


def test_seed_articles_are_never_loaded_for_training(tmp_path: Path) -> None:
    seed_text, _ = seed_pairs(ROOT / "corpora" / "samples", ROOT / "corpora" / "gold" / "seeds")[1]
    articles = [
        {"id": "copy", "text": seed_text},
        {"id": "other", "text": "Đoàn kiểm tra đã làm việc tại xã."},
    ]
    labels = [{"id": "copy", "findings": []}, {"id": "other", "findings": []}]
    folder = _write_corpus(tmp_path / "findings", articles, labels)
    assert [a.id for a in load_annotated(folder, [seed_text])] == ["other"]


def test_a_seed_copy_is_told_by_its_shingles() -> None:
    seed_text, _ = seed_pairs(ROOT / "corpora" / "samples", ROOT / "corpora" / "gold" / "seeds")[1]
    seeds = [shingles(seed_text)]
    assert is_seed(f"Trang chủ\nĐăng nhập\n{seed_text}\nTin liên quan", seeds)
    assert not is_seed("Đoàn kiểm tra đã làm việc tại xã.", seeds)


def test_no_training_article_is_a_held_out_article() -> None:
    # batches 7 to 9 are the development splits' articles; the held-out split must stay unseen
    training = [json.loads(line) for line in (FINDINGS / "articles.jsonl").open(encoding="utf-8")]
    held_out = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "corpora" / "gold" / "heldout").glob("*.json"))
    ]
    assert held_out and {a["id"] for a in training}.isdisjoint(a["id"] for a in held_out)
    held_out_shingles = [shingles(a["text"]) for a in held_out]
    assert not [a["id"] for a in training if is_seed(a["text"], held_out_shingles)]


def test_no_development_gold_article_is_a_copy_of_a_held_out_one() -> None:
    """Rules are tuned on the development splits: a near-copy of a held-out article there would tune
    them on the test set (``dev/`` held one, dropped)."""
    gold = ROOT / "corpora" / "gold"
    held_out = [
        shingles(json.loads(p.read_text(encoding="utf-8"))["text"]) for p in (gold / "heldout").glob("*.json")
    ]
    development = sorted(gold.glob("dev*/*.json"))
    assert held_out and development
    assert not [
        p.name for p in development if is_seed(json.loads(p.read_text(encoding="utf-8"))["text"], held_out)
    ]


def test_no_article_is_annotated_twice_under_two_ids() -> None:
    """Two ids of one text (nine in ten 5-grams shared both ways) would sit in two folds: the model
    would be scored on an article it saw. Stories of one event told twice are two articles."""
    training = [json.loads(line) for line in (FINDINGS / "articles.jsonl").open(encoding="utf-8")]
    seen: list[tuple[str, set[str]]] = []
    twice = []
    for article in training:
        own = shingles(article["text"])
        twice += [
            (first, article["id"])
            for first, other in seen
            if own and other and len(own & other) >= 0.9 * max(len(own), len(other))
        ]
        seen.append((article["id"], own))
    assert not twice


def test_unknown_labels_are_rejected(tmp_path: Path) -> None:
    articles = [{"id": "x", "text": "Xã còn chậm."}]
    labels = [{"id": "x", "findings": [{"text": "Xã còn chậm.", "label": "weakness"}]}]
    folder = _write_corpus(tmp_path / "findings", articles, labels)
    with pytest.raises(CorpusError, match="weakness"):
        load_annotated(folder)


def test_scores_give_f1_per_class_and_macro() -> None:
    result = scores(
        ["strength", "none", "shortcoming", "recommendation"], ["strength", "none", "none", "recommendation"]
    )
    assert result["strength"] == 1.0
    assert result["shortcoming"] == 0.0
    assert result["none"] == pytest.approx(0.6667)
    assert result["macro_findings"] == pytest.approx(0.6667)


def test_packaged_model_labels_clear_cases(classifier: FindingClassifier) -> None:
    text = (
        "Thứ Sáu, 11/05/2018, 19:50 [GMT+7]\n"
        "Việc triển khai thực hiện của Ban Chỉ đạo có lúc còn lúng túng, "
        "chưa đảm bảo thực hiện được tất cả các nội dung.\n"
        "Đoàn giám sát đã yêu cầu Cấp ủy đơn vị được giám sát khẩn trương xây dựng kế hoạch tiến độ sửa chữa "
        "khắc phục ngay các hạn chế được chỉ ra."
    )
    segments = segment_findings(text)
    findings = classifier.classify(segments)
    assert [f.label for f in findings] == ["shortcoming", "recommendation"]
    assert [f.span for f in findings] == [s.span for s in segments[1:]]
    assert all(0.5 < f.score <= 1.0 for f in findings)


def test_classify_returns_only_findings_with_their_leadin(classifier: FindingClassifier) -> None:
    seed_text, _ = seed_pairs(ROOT / "corpora" / "samples", ROOT / "corpora" / "gold" / "seeds")[2]
    findings = classifier.classify(segment_findings(seed_text))
    assert findings and {f.label for f in findings} <= set(FINDING_LABELS)
    assert all(seed_text[f.span[0] : f.span[1]] == f.text for f in findings)
    assert any(f.leadin and f.leadin.endswith("đó là:") for f in findings)
    assert classifier.classify([]) == []


def test_packaged_model_scores_the_seeds_end_to_end(classifier: FindingClassifier) -> None:
    pairs = seed_pairs(ROOT / "corpora" / "samples", ROOT / "corpora" / "gold" / "seeds")
    result = evaluate_seeds(classifier, pairs)
    assert result["articles"] == 5
    assert result["segmentation"]["f1"] >= 0.7
    assert result["labels"]["macro"] >= 0.5


def test_a_model_saved_by_another_scikit_learn_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "model.joblib"
    joblib.dump({"format": BUNDLE_FORMAT, "sklearn_version": "0.24.2", "pipeline": None}, path)
    with pytest.raises(ModelVersionError, match=r"saved with scikit-learn 0\.24\.2"):
        FindingClassifier.load(path)


def test_save_then_load_gives_the_same_labels(tmp_path: Path, classifier: FindingClassifier) -> None:
    segments = segment_findings("Hồ sơ trễ hạn chiếm tỉ lệ 1,6%. Đoàn đề nghị xã khắc phục ngay hạn chế.")
    again = FindingClassifier.load(classifier.save(tmp_path / "model.joblib"))
    assert again.classify(segments) == classifier.classify(segments)


def test_missing_or_foreign_model_files_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no findings model"):
        FindingClassifier.load(tmp_path / "absent.joblib")
    joblib.dump([1, 2, 3], tmp_path / "other.joblib")
    with pytest.raises(ModelError, match="not a findings model bundle"):
        FindingClassifier.load(tmp_path / "other.joblib")


def _first_five_articles(folder: Path) -> tuple[Path, list[dict], list[dict]]:
    """Write a findings corpus of the first five annotated articles (by id) holding every label to
    ``folder``, so that each class has examples enough for a linear SVM's calibration.

    Return the folder, the articles and their label records.
    """
    records = [
        json.loads(line) for line in (FINDINGS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    labelled = {}
    for path in sorted((FINDINGS / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            labelled[json.loads(line)["id"]] = json.loads(line)
    rich = [
        i for i in sorted(labelled) if {f["label"] for f in labelled[i]["findings"]} == set(FINDING_LABELS)
    ]
    ids = rich[:5]
    chosen, labels = [r for r in records if r["id"] in ids], [labelled[i] for i in ids]
    return _write_corpus(folder, chosen, labels), chosen, labels


def test_training_is_reproducible_and_writes_a_card(tmp_path: Path) -> None:
    folder, records, _ = _first_five_articles(tmp_path / "findings")
    first = train(folder, tmp_path / "one", seed=0)
    second = train(folder, tmp_path / "two", seed=0)
    assert first["cv"] == second["cv"] and first["held_out"] == second["held_out"]
    assert first["articles"] == 5 and "seeds" not in first
    card = (tmp_path / "one" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "`labels/a.jsonl` sha256" in card and "logistic regression" in card
    one = FindingClassifier.load(tmp_path / "one" / "findings.joblib")
    two = FindingClassifier.load(tmp_path / "two" / "findings.joblib")
    segments = segment_findings(records[0]["text"])
    assert one.classify(segments) == two.classify(segments)


def test_spacy_textcat_learns_and_returns_probabilities() -> None:
    examples = [
        Example("Đoàn giám sát đề nghị huyện tăng cường kiểm tra."),
        Example("Đoàn kiểm tra yêu cầu xã khắc phục ngay hạn chế."),
        Example("Việc niêm yết thủ tục hành chính còn chậm."),
        Example("Hồ sơ trễ hạn còn nhiều, chưa kịp thời."),
    ]
    labels = ["recommendation", "recommendation", "shortcoming", "shortcoming"]
    model = SpacyTextcat(epochs=10, seed=0).fit(examples, labels)
    proba = model.predict_proba([Example("Đoàn giám sát đề nghị xã khắc phục ngay.")])
    assert list(model.classes_) == ["recommendation", "shortcoming"]
    assert proba.sum() == pytest.approx(1.0)
    assert list(model.predict(examples)) == labels


def test_corpus_findings_tell_the_splitting_from_the_classifier(
    tmp_path: Path, classifier: FindingClassifier
) -> None:
    text = (
        "Đoàn kiểm tra đã làm việc tại UBND xã Cổ Bi.\n"
        "Bộ phận một cửa đã niêm yết công khai đầy đủ các thủ tục hành chính.\n"
        "Theo bà Châu, dư luận rất đồng tình chủ trương này nhưng cách làm còn thiếu kiên quyết, chưa đồng bộ."
    )
    gold = [
        {"text": "Bộ phận một cửa đã niêm yết công khai đầy đủ các thủ tục hành chính.", "label": "strength"},
        {"text": "dư luận rất đồng tình chủ trương này", "label": "strength"},
    ]
    folder = _write_corpus(
        tmp_path / "findings", [{"id": "a", "text": text}], [{"id": "a", "findings": gold}]
    )
    scores = corpus_findings(folder, classifier)
    oracle = scores["oracle (every segment)"]
    assert (oracle.tp, oracle.fn) == (1, 1)  # the second point is not split off its sentence
    found = scores["findings (segmentation)"]
    assert found.tp + found.fn == 2 and found.tp <= oracle.tp
    [(missed, touching)] = unmatched_findings(text, gold)
    assert missed is gold[1] and [s.text for s in touching] == [text.splitlines()[2]]


def test_corpus_findings_without_a_model_score_each_article_by_the_other_folds(tmp_path: Path) -> None:
    folder, _, labels = _first_five_articles(tmp_path / "findings")
    crossed = corpus_findings(folder)
    again = corpus_findings(folder)
    assert [vars(s) for s in crossed.values()] == [vars(s) for s in again.values()]
    gold = sum(len(label["findings"]) for label in labels)
    for score in crossed.values():
        assert score.tp + score.fn == gold
    assert crossed["findings (segmentation)"].tp <= crossed["oracle (every segment)"].tp


_READ_TWICE = "Xã còn chậm trả hồ sơ. Bộ phận một cửa niêm yết đủ thủ tục. Đề nghị xã khắc phục ngay."


def _second_reading(tmp_path: Path, gold: list[dict], second: list[dict]) -> tuple[Path, Path]:
    """Write a one-article corpus of ``_READ_TWICE`` with ``gold`` and a second reading ``second``."""
    folder = _write_corpus(
        tmp_path / "findings", [{"id": "a", "text": _READ_TWICE}], [{"id": "a", "findings": gold}]
    )
    path = tmp_path / "second.jsonl"
    path.write_text(json.dumps({"id": "a", "findings": second}, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder, path


def test_a_second_reader_is_scored_against_the_corpus_per_label(tmp_path: Path) -> None:
    gold = [
        {"text": "Xã còn chậm trả hồ sơ.", "label": "shortcoming"},
        {"text": "Bộ phận một cửa niêm yết đủ thủ tục.", "label": "strength"},
        {"text": "Đề nghị xã khắc phục ngay.", "label": "recommendation"},
    ]
    second = [
        {"text": "Xã còn chậm trả hồ sơ.", "label": "shortcoming"},
        {"text": "Bộ phận một cửa niêm yết đủ thủ tục.", "label": "recommendation"},
    ]
    folder, path = _second_reading(tmp_path, gold, second)
    scores = annotator_agreement(folder, path)
    seg, labelled = scores["findings (segmentation)"], scores["findings (segment+label)"]
    assert (seg.tp, seg.fp, seg.fn) == (2, 0, 1)
    assert (labelled.tp, labelled.fp, labelled.fn) == (1, 1, 2)
    assert scores["  shortcoming"].f1 == 1.0
    assert (scores["  strength"].tp, scores["  recommendation"].fp) == (0, 1)
    path.write_text(json.dumps({"id": "b", "findings": []}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'b'"):
        annotator_agreement(folder, path)


def test_corpus_findings_leave_out_model_labels_nobody_checked(
    tmp_path: Path, classifier: FindingClassifier
) -> None:
    lines = [
        "Đoàn kiểm tra đã làm việc tại UBND xã Cổ Bi.",
        "Bộ phận một cửa đã niêm yết công khai đầy đủ các thủ tục hành chính.",
        "Việc giải quyết hồ sơ của người dân còn chậm, chưa kịp thời.",
    ]
    text = "\n".join(lines)
    assert [s.text for s in segment_findings(text)] == lines
    gold = [
        {"text": lines[1], "label": "strength", "reviewed": True},
        {"text": lines[2], "label": "shortcoming", "reviewed": False},  # a model label kept by review
    ]
    folder = _write_corpus(
        tmp_path / "findings", [{"id": "a", "text": text}], [{"id": "a", "findings": gold}]
    )
    scores = corpus_findings(folder, classifier)
    # the unchecked sentence is neither gold nor a wrong guess: out of every row, as out of training
    examples, _ = article_examples(LabelledArticle("a", text, gold))
    oracle = scores["oracle (every segment)"]
    assert (oracle.tp, oracle.fp, oracle.fn) == (1, 1, 0)
    assert oracle.tp + oracle.fp == len(examples)
    predicted = [f for f in classifier.classify(segment_findings(text)) if f.text != lines[2]]
    for name in ("findings (segmentation)", "findings (segment+label)"):
        assert scores[name].tp + scores[name].fn == 1
        assert scores[name].tp + scores[name].fp == len(predicted)


def test_a_second_reading_is_not_scored_against_model_labels_nobody_checked(tmp_path: Path) -> None:
    gold = [
        {"text": "Xã còn chậm trả hồ sơ.", "label": "shortcoming"},
        {"text": "Bộ phận một cửa niêm yết đủ thủ tục.", "label": "strength", "reviewed": True},
        {"text": "Đề nghị xã khắc phục ngay.", "label": "recommendation", "reviewed": False},
    ]
    second = [
        {"text": "Xã còn chậm trả hồ sơ.", "label": "shortcoming"},
        {"text": "Đề nghị xã khắc phục ngay.", "label": "strength"},
    ]
    folder, path = _second_reading(tmp_path, gold, second)
    scores = annotator_agreement(folder, path)
    seg, labelled = scores["findings (segmentation)"], scores["findings (segment+label)"]
    assert (seg.tp, seg.fp, seg.fn) == (1, 0, 1)
    assert (labelled.tp, labelled.fp, labelled.fn) == (1, 0, 1)
    # the unchecked recommendation is on neither side, right or wrong
    assert vars(scores["  recommendation"]) == {"tp": 0, "fp": 0, "fn": 0}
    assert vars(scores["  strength"]) == {"tp": 0, "fp": 0, "fn": 1}


@pytest.mark.parametrize(("finding", "named"), [({"label": "weakness"}, "'weakness'"), ({}, "'None'")])
def test_a_second_reading_with_an_unknown_label_is_a_corpus_error(
    tmp_path: Path, finding: dict, named: str
) -> None:
    text = "Xã còn chậm trả hồ sơ."
    folder, path = _second_reading(
        tmp_path, [{"text": text, "label": "shortcoming"}], [{"text": text, **finding}]
    )
    with pytest.raises(CorpusError, match=rf"second\.jsonl: article a: unknown labels \[{named}\]"):
        annotator_agreement(folder, path)


def test_a_corpus_without_lead_ins_trains(tmp_path: Path) -> None:
    """No lead-in anywhere: the lead-in words still have a vocabulary (an empty one is a ValueError)."""
    articles = [
        {"id": f"a{i}", "text": f"Xã số {i} đã họp. Hồ sơ còn chậm. Đề nghị xã khắc phục. Xã đã làm tốt."}
        for i in range(6)
    ]
    findings = [
        {"text": "Hồ sơ còn chậm.", "label": "shortcoming"},
        {"text": "Đề nghị xã khắc phục.", "label": "recommendation"},
        {"text": "Xã đã làm tốt.", "label": "strength"},
    ]
    folder = _write_corpus(
        tmp_path / "findings", articles, [{"id": a["id"], "findings": findings} for a in articles]
    )
    report = train(folder, tmp_path / "model", save=False)
    assert report["articles"] == 6 and report["cv"]["logistic regression"]["macro"] > 0


def test_a_label_too_scarce_for_the_svm_calibration_is_reported_as_too_few(tmp_path: Path) -> None:
    """Two strengths in the whole corpus: the calibrated SVM cannot split them three ways, and
    scikit-learn's ValueError is reported as a corpus too small instead."""
    articles = [
        {
            "id": f"a{i}",
            "text": f"Xã số {i} đã họp. Công tác cải cách hành chính còn chậm. Đoàn đề nghị:\n- Xã khắc phục.",
        }
        for i in range(6)
    ]
    findings = [
        {"text": "Công tác cải cách hành chính còn chậm.", "label": "shortcoming"},
        {"text": "Xã khắc phục.", "label": "recommendation", "leadin": "Đoàn đề nghị:"},
    ]
    strength = [{"text": f"Xã số {i} đã họp.", "label": "strength"} for i in (0, 1)]
    labels = [
        {"id": a["id"], "findings": findings + (strength[i : i + 1] if i < 2 else [])}
        for i, a in enumerate(articles)
    ]
    folder = _write_corpus(tmp_path / "findings", articles, labels)
    with pytest.raises(TooFewArticles, match="fewer than 3 examples of strength"):
        train(folder, tmp_path / "model", save=False)
    # logistic regression has no calibration to split: it is fitted on the same folds, no TooFewArticles
    cross_validated(LEARNERS["logistic regression"], training_data(folder, pairs=[]), 0)


def test_findings_in_a_single_article_are_too_few_to_cross_validate(tmp_path: Path) -> None:
    """A fold without the one article that has findings would learn "none" alone, and scikit-learn
    would fail inside cross-validation; the corpus is reported as too small instead."""
    articles = [
        {"id": f"a{i}", "text": f"Xã số {i} đã họp. Công tác cải cách hành chính còn chậm."} for i in range(6)
    ]
    findings = [{"text": "Công tác cải cách hành chính còn chậm.", "label": "shortcoming"}]
    labels = [{"id": a["id"], "findings": findings if a["id"] == "a0" else []} for a in articles]
    folder = _write_corpus(tmp_path / "findings", articles, labels)
    with pytest.raises(TooFewArticles, match="1 with findings"):
        training_data(folder, pairs=[])
