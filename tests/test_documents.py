"""Document numbers: the seeds' gold values, both symbol shapes, words without symbols, and non-documents.

Real sentences come from the seeds and from ../shared/corpora (the supervision-genre subset and the
Báo Mới 2017 subset), normalised as the pipeline hands them to the extractor.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from pipeline.nlp.dates import extract_dates
from pipeline.nlp.documents import extract_documents
from pipeline.nlp.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "gold" / "seeds").glob("*.json"))

#: (text, number, type_code, type, issuer_code, year, date)
Row = tuple[str, str, str | None, str | None, str | None, int | None, str | None]


def _rows(text: str, published: str | None = None) -> list[Row]:
    """Return every document ref of ``text`` as a tuple of its public fields."""
    return [
        (d.text, d.number, d.type_code, d.type, d.issuer_code, d.year, d.date)
        for d in extract_documents(normalize(text), published)
    ]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_documents_match_gold(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = normalize((ROOT / gold["source"]).read_text(encoding="utf-8"))
    found = extract_documents(text)
    assert [{k: v for k, v in asdict(d).items() if k != "span"} for d in found] == gold["documents"]
    for ref in found:
        assert ref.span and text[ref.span[0] : ref.span[1]] == ref.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 000: a shared symbol, then the same program twice more, once glued
        (
            "Chương trình 02-CTr/QU. Thực hiện Quyết định số 983, 984-QĐ/QU, ngày 15/8/2019 của Quận ủy, "
            "giám sát Chương trình số 02-CTr/QU. Đoàn giám sát CTr02-CTr/QU:",
            [
                ("Chương trình 02-CTr/QU", "02", "CTr", "Chương trình", "QU", None, None),
                ("Quyết định số 983, 984-QĐ/QU", "983", "QĐ", "Quyết định", "QU", 2019, "2019-08-15"),
                ("Quyết định số 983, 984-QĐ/QU", "984", "QĐ", "Quyết định", "QU", 2019, "2019-08-15"),
            ],
        ),
        (
            "Đoàn giám sát CTr02-CTr/QU",
            [("CTr02-CTr/QU", "02", "CTr", "Chương trình", "QU", None, None)],
        ),
        # a later mention's date fills the first one's
        (
            "Kế hoạch 22/KH-UBND được triển khai. Kế hoạch số 22/KH-UBND ngày 22/02/2024 về kiểm tra",
            [("Kế hoạch 22/KH-UBND", "22", "KH", "Kế hoạch", "UBND", 2024, "2024-02-22")],
        ),
        (
            "Căn cứ Nghị quyết số 202/2025/QH15 và Luật số 72/2025/QH15",
            [
                ("Nghị quyết số 202/2025/QH15", "202", "NQ", "Nghị quyết", "QH15", 2025, None),
                ("Luật số 72/2025/QH15", "72", None, "Luật", "QH15", 2025, None),
            ],
        ),
        (
            "Số: 30/2018/QĐ-UBND",
            [("30/2018/QĐ-UBND", "30", "QĐ", "Quyết định", "UBND", 2018, None)],
        ),
        (
            "theo Nghị định 30/2020/ND-CP",
            [("Nghị định 30/2020/ND-CP", "30", "NĐ", "Nghị định", "CP", 2020, None)],
        ),
        (
            "Tờ trình số 1494/TTr-SNV ngày 3/4/2024; Công văn 123/UBND-VP",
            [
                ("Tờ trình số 1494/TTr-SNV", "1494", "TTr", "Tờ trình", "SNV", 2024, "2024-04-03"),
                ("Công văn 123/UBND-VP", "123", "CV", "Công văn", "UBND", None, None),
            ],
        ),
        (
            "Hướng dẫn 36-HD/VPTW; Nghị quyết 15-NQ/TW; Thông tri số 02-TT/TU; Quyết định số 111-QĐ/BDV",
            [
                ("Hướng dẫn 36-HD/VPTW", "36", "HD", "Hướng dẫn", "VPTW", None, None),
                ("Nghị quyết 15-NQ/TW", "15", "NQ", "Nghị quyết", "TW", None, None),
                ("Thông tri số 02-TT/TU", "02", "TT", "Thông tri", "TU", None, None),
                ("Quyết định số 111-QĐ/BDV", "111", "QĐ", "Quyết định", "BDV", None, None),
            ],
        ),
        (
            "Kết luận số 24 ngày 5/6/2012 của Bộ Chính trị",
            [("Kết luận số 24", "24", "KL", "Kết luận", None, 2012, "2012-06-05")],
        ),
        (
            "Quyết định 07 của UBND TP",
            [("Quyết định 07", "07", "QĐ", "Quyết định", None, None, None)],
        ),
        (
            "Quyết định số 5/Qđ-Ubnd",
            [("Quyết định số 5/Qđ-Ubnd", "5", "QĐ", "Quyết định", "UBND", None, None)],
        ),
    ],
)
def test_forms(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thực hiện Nghị quyết số 63/NQ-CP ngày 22/7/2016 của Chính phủ ban hành Chương trình hành động",
            [("Nghị quyết số 63/NQ-CP", "63", "NQ", "Nghị quyết", "CP", 2016, "2016-07-22")],
        ),
        (
            "được thể hiện rõ trong Chỉ thị 56-CT/TW, Kết luận số 19-KL/TW, Chỉ thị số 08/CT-TTg và "
            "Thông báo số 50-TB/TW của Ban Bí thư",
            [
                ("Chỉ thị 56-CT/TW", "56", "CT", "Chỉ thị", "TW", None, None),
                ("Kết luận số 19-KL/TW", "19", "KL", "Kết luận", "TW", None, None),
                ("Chỉ thị số 08/CT-TTg", "08", "CT", "Chỉ thị", "TTg", None, None),
                ("Thông báo số 50-TB/TW", "50", "TB", "Thông báo", "TW", None, None),
            ],
        ),
        (
            "ngày 22/4/2016, Huyện ủy Thanh Trì có Nghị quyết số 07 - NQ/HU về “Tăng cường sự lãnh đạo",
            [("Nghị quyết số 07 - NQ/HU", "07", "NQ", "Nghị quyết", "HU", None, None)],
        ),
        (
            "Hai năm trước, khi Chỉ thị 40 – CT/TW của Ban Bí thư về tăng cường sự lãnh đạo của Đảng",
            [("Chỉ thị 40 – CT/TW", "40", "CT", "Chỉ thị", "TW", None, None)],
        ),
        (
            "Chủ tịch UBND tỉnh Thanh Hoá vừa ký Văn bản số 3276/UBND – KSTTCNC gửi các sở ngành cấp tỉnh",
            [("Văn bản số 3276/UBND – KSTTCNC", "3276", "CV", "Công văn", "UBND", None, None)],
        ),
        (
            "Chủ tịch Uỷ ban Nhân dân tỉnh Gia Lai đã ký Kết luận số 2405/KL-UBND, ngày 26/10/2018 về",
            [("Kết luận số 2405/KL-UBND", "2405", "KL", "Kết luận", "UBND", 2018, "2018-10-26")],
        ),
        (
            "(theo Công văn số: 2230/UBND-KTN, ngày 27.5.2015) là mong muốn của chính quyền địa phương",
            [("Công văn số: 2230/UBND-KTN", "2230", "CV", "Công văn", "UBND", 2015, "2015-05-27")],
        ),
        (
            "thực hiện Kế hoạch số 169/KH-UBND của UBND TP, ngày 2-2 (tức mùng 6 Tết Đinh Dậu), đoàn",
            [("Kế hoạch số 169/KH-UBND", "169", "KH", "Kế hoạch", "UBND", None, None)],
        ),
        (
            "Ngoài ra, theo Quyết định 1001 của UBND tỉnh Đồng Tháp quy định về quản lý khu vực cấm",
            [("Quyết định 1001", "1001", "QĐ", "Quyết định", None, None, None)],
        ),
        (
            "cần áp dụng hình thức kỷ luật theo Quy định số 181-QĐ/TW, ngày 30-3-2013 của Bộ Chính trị",
            [("Quy định số 181-QĐ/TW", "181", "QĐi", "Quy định", "TW", 2013, "2013-03-30")],
        ),
        (
            "Thực hiện Nghị quyết số 19/2016/QH14 ngày 28/7/2016 về thành lập Đoàn giám sát",
            [("Nghị quyết số 19/2016/QH14", "19", "NQ", "Nghị quyết", "QH14", 2016, "2016-07-28")],
        ),
        (
            "Sở Địa chính (nay là Sở Tài nguyên và Môi trường) có Tờ trình số 338/TT-ĐC đề nghị UBND tỉnh",
            [("Tờ trình số 338/TT-ĐC", "338", "TTr", "Tờ trình", "ĐC", None, None)],
        ),
        # dev10: a Party personnel decision keeps its code, a permit's code carries its field, a slash
        # parts a type from its issuer, a type glued to a mixed-case issuer, a subject between the
        # word and "số", a list sharing its word, a year after the symbol, an issuer written with
        # "TP." or as a place before the date
        (
            "công bố Quyết định số 476-QĐNS/TW về việc thành lập Đoàn kiểm tra",
            [("Quyết định số 476-QĐNS/TW", "476", "QĐNS", "Quyết định", "TW", None, None)],
        ),
        (
            "theo nội dung Giấy phép xây dựng số 101/GPXD công trình khách sạn",
            [("Giấy phép xây dựng số 101/GPXD", "101", "GP", "Giấy phép", None, None, None)],
        ),
        (
            "triển khai Chỉ thị số 20/CT/TTG của Thủ tướng; Sau khi đề án 125/QĐTTg được phê duyệt",
            [
                ("Chỉ thị số 20/CT/TTG", "20", "CT", "Chỉ thị", "TTg", None, None),
                ("đề án 125/QĐTTg", "125", "QĐ", "Quyết định", "TTg", None, None),
            ],
        ),
        (
            "cơ quan Cảnh sát điều tra Quyết định khởi tố vụ án hình sự số 32/C46-P12. Tại Giấy giới "
            "thiệu số 45/TCMT-GGT và số 46/TCMT-GGT, do ông",
            [
                (
                    "Quyết định khởi tố vụ án hình sự số 32/C46-P12",
                    "32",
                    "QĐ",
                    "Quyết định",
                    "C46",
                    None,
                    None,
                ),
                ("Giấy giới thiệu số 45/TCMT-GGT", "45", "GGT", "Giấy giới thiệu", "TCMT", None, None),
                ("46/TCMT-GGT", "46", "GGT", "Giấy giới thiệu", "TCMT", None, None),
            ],
        ),
        (
            # a document's word right before a one-code symbol makes it one, as "số" does; a joint
            # circular lists all its issuers
            "theo văn bản 1026/PGDĐT và thông tư liên tịch 11/2015/TTLT-BGD-BNV hướng dẫn",
            [
                ("văn bản 1026/PGDĐT", "1026", "CV", "Công văn", "PGDĐT", None, None),
                (
                    "thông tư liên tịch 11/2015/TTLT-BGD-BNV",
                    "11",
                    "TTLT",
                    "Thông tư liên tịch",
                    "BGD-BNV",
                    2015,
                    None,
                ),
            ],
        ),
        (
            # a subject right before "số" stays the subject ("xử phạt"), "số" is never read as one of its words
            "bị phạt theo Quyết định xử phạt số 32/QĐ ngày 5/3/2024; chỉ có một hợp đồng thuê nhà vắng chủ "
            "số 482/NC giữa hai bên",
            [
                ("Quyết định xử phạt số 32/QĐ", "32", "QĐ", "Quyết định", None, 2024, "2024-03-05"),
                ("hợp đồng thuê nhà vắng chủ số 482/NC", "482", "HĐ", "Hợp đồng", "NC", None, None),
            ],
        ),
        (
            "theo Quy định 47-QĐ/TW và 102-QĐ/TW; Quy định số 12/QĐ của Đảng ủy; Tờ trình số 45/TT gửi",
            [
                ("Quy định 47-QĐ/TW", "47", "QĐi", "Quy định", "TW", None, None),
                ("102-QĐ/TW", "102", "QĐi", "Quy định", "TW", None, None),
                ("Quy định số 12/QĐ", "12", "QĐi", "Quy định", None, None, None),
                ("Tờ trình số 45/TT", "45", "TTr", "Tờ trình", None, None, None),
            ],
        ),
        (
            "thực hiện nghị quyết 04-NQ/TU năm 2011, rồi nghị quyết số 04-NQ/TU năm 2016 thay thế",
            [
                ("nghị quyết 04-NQ/TU", "04", "NQ", "Nghị quyết", "TU", 2011, None),
                ("nghị quyết số 04-NQ/TU", "04", "NQ", "Nghị quyết", "TU", 2016, None),
            ],
        ),
        (
            "căn cứ quyết định số 33/2016/QĐ-UBND của UBND TP. HCM ngày 6-9-2016. Tại Kết luận kiểm tra "
            "số 639/KL-UBND của quận Thủ Đức ngày 7/12/2012 thì",
            [
                ("quyết định số 33/2016/QĐ-UBND", "33", "QĐ", "Quyết định", "UBND", 2016, "2016-09-06"),
                ("Kết luận kiểm tra số 639/KL-UBND", "639", "KL", "Kết luận", "UBND", 2012, "2012-12-07"),
            ],
        ),
        (
            "UBMTTQVN tỉnh ký Chương trình số 04/CTPH-HLG-UBMTTQ-STP để triển khai thực hiện đề án",
            [
                (
                    "Chương trình số 04/CTPH-HLG-UBMTTQ-STP",
                    "04",
                    "CTPH",
                    "Chương trình phối hợp",
                    "HLG",
                    None,
                    None,
                )
            ],
        ),
        (
            "dựa trên tinh thần Quyết định số 218 ngày 12-12-2013 của Bộ Chính trị ban hành quy định",
            [("Quyết định số 218", "218", "QĐ", "Quyết định", None, 2013, "2013-12-12")],
        ),
    ],
)
def test_real_sentences(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # seed 000 and 004: counts, levels and a year are not documents
        "thực hiện quy trình công việc nội bộ đối với 02 Đảng ủy phường và các đồng chí Bí thư Đảng ủy",
        "Tổ kiểm tra đã tổ chức kiểm tra 04 đợt về công tác cải cách hành chính tại phường",
        "dịch vụ công trực tuyến mức độ 3,4 đều được giải quyết trước thời hạn",
        "số 02 Đảng ủy phường; liên hệ số điện thoại 0912.345.678",
        # genre subset: a five-year plan, a range of dates, list numbering
        "về Kế hoạch phát triển kinh tế - xã hội 5 năm 2016 – 2020",
        "trong các ngày 16-17/6 và 23-24/7, Ủy ban kiểm tra Trung ương",
        "Kế hoạch 2017 của UBND thành phố",
        "2 - Tuy nhiên, hoàn thiện thể chế kinh tế thị trường",
        # a hundred-day plan and a lower-case count
        "triển khai kế hoạch 100 ngày đêm cao điểm",
        "sau khi có quyết định 3 năm liền",
    ],
)
def test_not_documents(text):
    assert _rows(text) == []


@pytest.fixture(scope="module")
def genre_refs(genre_texts: list[str]) -> list[tuple[str, list]]:
    """Return the document refs of every genre-subset article (skipped when the corpora are absent)."""
    return [(text, extract_documents(text)) for text in genre_texts]


@pytest.mark.corpora
def test_genre_subset_refs_are_well_formed(genre_refs):
    refs = [(text, ref) for text, found in genre_refs for ref in found]
    assert len(refs) >= 35
    for text, ref in refs:
        assert ref.span and text[ref.span[0] : ref.span[1]] == ref.text
        assert ref.text.endswith(ref.number) or re.search(r"[A-ZĐ]\w*$", ref.text)
        assert not re.fullmatch(r"(19|20)\d\d", ref.number)
        assert ref.type is not None


@pytest.mark.parametrize(
    "text, expected",
    [
        # national news (dev split, findings corpus): lower-case words, glued followers, shared numbers
        (
            "cụ thể là chỉ thị 06 ngày 7-8-2017 của UBND tỉnh Đắk Nông về chấn chỉnh công tác thu",
            [("chỉ thị 06", "06", "CT", "Chỉ thị", None, 2017, "2017-08-07")],
        ),
        (
            "liên quan kết luận thanh tra số 05 (ngày 21-2-2019) của Thanh tra TP tổ chức kiểm điểm",
            [("kết luận thanh tra số 05", "05", "KL", "Kết luận", None, 2019, "2019-02-21")],
        ),
        (
            "thực hiện theo nghị định 64 của Chính phủ",
            [("nghị định 64", "64", "NĐ", "Nghị định", None, None, None)],
        ),
        (
            "thực hiện Quy định số 181của Bộ Chính trị về xử lý kỷ luật",
            [("Quy định số 181", "181", "QĐi", "Quy định", None, None, None)],
        ),
        (
            "UBND tỉnh ban hành Quyết định 935, 936 ngày 5/3/2019 về việc thu hồi đất",
            [
                ("Quyết định 935, 936", "935", "QĐ", "Quyết định", None, 2019, "2019-03-05"),
                ("Quyết định 935, 936", "936", "QĐ", "Quyết định", None, 2019, "2019-03-05"),
            ],
        ),
        (
            "bám sát mục tiêu, nhất là Nghị quyết 01, 02 để thúc đẩy xử lý",
            [
                ("Nghị quyết 01, 02", "01", "NQ", "Nghị quyết", None, None, None),
                ("Nghị quyết 01, 02", "02", "NQ", "Nghị quyết", None, None, None),
            ],
        ),
        (
            "xây dựng theo nghị quyết số 13 Ban Chấp hành Trung ương Đảng về hạ tầng",
            [("nghị quyết số 13", "13", "NQ", "Nghị quyết", None, None, None)],
        ),
        # a type glued to a known issuer in an undated symbol (dev5)
        (
            "UBND huyện đã ra Quyết định số 207/QĐUB về việc đình chỉ công tác",
            [("Quyết định số 207/QĐUB", "207", "QĐ", "Quyết định", "UB", None, None)],
        ),
        (
            "theo Quyết định 15/QĐUBND ngày 2/3/2019 của huyện",
            [("Quyết định 15/QĐUBND", "15", "QĐ", "Quyết định", "UBND", 2019, "2019-03-02")],
        ),
        # a known issuer is never split; a dated glued type splits with a second code too
        (
            "Công văn số 1234/TTCP về việc",
            [("Công văn số 1234/TTCP", "1234", "CV", "Công văn", "TTCP", None, None)],
        ),
        (
            "Quyết định số 12/2019/QĐUB-TC về việc",
            [("Quyết định số 12/2019/QĐUB-TC", "12", "QĐ", "Quyết định", "UB", 2019, None)],
        ),
        (
            "theo Báo cáo số 1140/BC VPCP của Văn phòng Chính phủ",
            [("Báo cáo số 1140/BC VPCP", "1140", "BC", "Báo cáo", "VPCP", None, None)],
        ),
        (
            "Giám đốc sở đã ra công văn số 1168/STNMT-QLD ngày 9/2/2017 gửi UBND quận Gò Vấp. "
            "Tại công văn 1168, lãnh đạo sở yêu cầu",
            [("công văn số 1168/STNMT-QLD", "1168", "CV", "Công văn", "STNMT", 2017, "2017-02-09")],
        ),
        (
            "theo Nghị định 46/2010 của Chính phủ quy định về thôi việc",
            [("Nghị định 46/2010", "46", "NĐ", "Nghị định", None, 2010, None)],
        ),
        (
            "thực hiện Nghị quyết số 33 về văn hóa; sau 15 năm thực hiện Nghị quyết 33/NQ-TƯ",
            [("Nghị quyết số 33", "33", "NQ", "Nghị quyết", "TƯ", None, None)],
        ),
    ],
)
def test_national_news_forms(text, expected):
    assert _rows(text) == expected


def test_issuer_only_symbol_after_a_document_word_and_so() -> None:
    refs = extract_documents(
        "Văn phòng UBND TP. HCM vừa có văn bản số 7059/VP gửi Công an; tỷ lệ 24/7 và số 3/HĐ"
    )
    assert [(r.number, r.type_code, r.issuer_code) for r in refs] == [("7059", "CV", "VP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev5: "Văn bản" names no type, so its number is a công văn, with or without a symbol
        ("theo Văn bản 2103/2009 của Thủ tướng Chính phủ", [("2103", "CV", "Công văn", None, 2009)]),
        ("Văn bản hợp nhất số 01/VBHN-BXD", [("01", "VBHN", "Văn bản hợp nhất", "BXD", None)]),
        # dev5: "gồm" may follow a bare number
        ("quản lý 3/5 bệnh viện theo Đề án 125 gồm Bệnh viện Nhi đồng", [("125", "ĐA", "Đề án", None, None)]),
    ],
)
def test_van_ban_numbers_and_gom_after_a_bare_number(text, expected):
    assert [
        (d.number, d.type_code, d.type, d.issuer_code, d.year) for d in extract_documents(text)
    ] == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # dev8: the date after the title, the issuer after the date
        (
            "Theo quyết định số 1107/QĐ-UBND phê duyệt cho vay dự án thí điểm chuỗi liên kết sản xuất, chế "
            "biến và tiêu thụ cá tra ngày 18.7.2014 của UBND tỉnh An Giang, đơn vị được chọn.",
            "2014-07-18",
        ),
        # the issuer before the date
        ("Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 5/6/2019 nêu rõ.", "2019-06-05"),
        # a later day in the sentence is not the document's without an issuer around it
        ("Quyết định số 12/QĐ-UBND giao đoàn làm việc ngày 5/6/2019 với xã.", None),
        ("Quyết định số 12/QĐ-UBND của UBND tỉnh, ngày 5/6/2019 đoàn làm việc.", None),
        # review: an issuer in full; a second document, or the one named last, owns the date; the issuer
        # alone stands between number and date; a clause after a comma is no title
        (
            "số 1107/QĐ-UBND phê duyệt quy hoạch ngày 18.7.2014 của Ủy ban nhân dân tỉnh An Giang",
            "2014-07-18",
        ),
        ("Công văn số 123/UBND-KT và văn bản ngày 5/6/2019 của Sở Tài chính", None),
        ("Quyết định số 5/QĐ-UBND sửa đổi Quyết định ngày 5/6/2019 của UBND tỉnh", None),
        ("Quyết định số 12/QĐ-UBND của UBND tỉnh giao đoàn làm việc ngày 5/6/2019 với xã.", None),
        ("Theo QĐ số 5/QĐ-UBND giao Sở Tài chính chủ trì, đoàn làm việc ngày 5/6/2019 của Sở.", None),
    ],
)
def test_a_date_after_the_title_or_issuer_is_the_documents(text: str, date: str | None) -> None:
    assert [row[-1] for row in _rows(text)] == [date]
    role = "document" if date else "event"
    assert [m.role for m in extract_dates(normalize(text))] == [role]


def test_a_subject_before_so_stops_at_a_clause_or_a_paper_of_its_own() -> None:
    # review: the number belongs to the declaration or the certificate, not to the report or decision
    # (a state symbol without a type code is a công văn)
    for text in (
        "Báo cáo cho biết tại tờ khai số 12/HQ-XNK hàng hóa",
        "Quyết định thu hồi giấy chứng nhận số 123/GCN-STNMT",
    ):
        assert [ref.type_code for ref in extract_documents(text)] == ["CV"]


def test_a_city_abbreviation_ending_a_sentence_gives_no_date() -> None:
    # review: "TP." closes the sentence; the next sentence's day is not the decision's
    text = "theo Quyết định số 12/QĐ-UBND của UBND TP. Ngày 6-9-2016, Sở Xây dựng đã kiểm tra"
    assert [(ref.number, ref.date) for ref in extract_documents(text)] == [("12", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev10: "số" makes a bare number a document's whatever lower-case word follows
        ("Công văn số 7836 giao Sở Tài chính chủ trì", [("7836", "CV", None)]),
        ("Thanh tra bộ đã có kết luận số 39 chỉ ra nhiều sai phạm", [("39", "KL", None)]),
        # ... but a capitalised word (Vietnamese capitals too) or a street's word makes it an address
        ("sai phạm xảy ra tại dự án số 15 Thi Sách", []),
        ("thu hồi dự án số 28 Điện Biên Phủ và dự án số 15 Đinh Tiên Hoàng", []),
        ("dự án số 15 đường Thi Sách, dự án số 12 phố Hàng Bài", []),
        # a paper between word and "số" does not hide a type code in the symbol
        ("Quyết định rút hồ sơ thi hành án số 31/QĐ ngày 14/9/2018", [("31", "QĐ", 2018)]),
        # a clinic or a stall is a paper too: its own number, unless the code is the word's type
        ("Quyết định xử phạt phòng khám số 12/QĐ ngày 5/6/2019", [("12", "QĐ", 2019)]),
        ("Kế hoạch kiểm tra kiốt số 12/A tại chợ", []),
        # ... but a clause, a sentence's end or a form in between does: the number is the paper's
        ("kết luận ông A đã ký khống vào phiếu thu số 12/KL", []),
        ("ban hành Kết luận. Phiếu số 12/KL", []),
        ("gửi báo cáo theo mẫu số 02/BC", []),
        # a year after a comma opens the next clause: it is not the directive's
        ("Thực hiện Chỉ thị số 05-CT/TW, năm 2017 Đảng ủy đã tổ chức nhiều hoạt động", [("05", "CT", None)]),
    ],
)
def test_so_before_a_number_and_a_year_after_a_comma(text: str, expected: list[tuple]) -> None:
    assert [(d.number, d.type_code, d.year) for d in extract_documents(text)] == expected
