"""Citation detection on plain text: the seed documents, what must not match, variants, short forms,
properties, and linear time on adversarial input."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import growth
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.cite import slugs
from sitegen.cite.around import _BASE_TYPES, TYPE_RE
from sitegen.cite.detect import TYPE_WORDS, forget_scans, scan
from sitegen.cite.document import find_citations, find_in_texts

SEEDS = Path(__file__).parent / "annotations" / "texts"  # copies of shared/seeds/, as seed_<name>

# What each seed cites, in order: (text, symbol, doc type, date, issuer phrase, short). A short form's date
# and issuer are those of the document's fuller citation of the same symbol (document.py, issue 14 point 6).
# "232 - KH/HU" in 004 is the document's own header number ("Số 232 - KH/HU"), found as a bare symbol.
SEED_EXPECTED: dict[str, list[tuple[str, str, str | None, str | None, str | None, bool]]] = {
    "000_08a83ab0ac304033.txt": [
        ('Nghị quyết số 04 - NQ/TU, ngày 6/03/2021', "04-NQ/TU",
          'nghi-quyet', "2021-03-06", 'Ban Thường vụ Tỉnh ủy', False),
        ('Nghị quyết số 04 - NQ/TU, ngày 06/03/2021', "04-NQ/TU",
          'nghi-quyet', "2021-03-06", 'Ban Thường vụ Tỉnh ủy', False),
        ('Kế hoạch số 32a - KH/HU, ngày 12/6/2021', "32a-KH/HU",
          'ke-hoach', "2021-06-12", 'Ban Thường vụ Huyện ủy', False),
        ('Nghị quyết số 04-NQ/TU, ngày 6/3/2021', "04-NQ/TU",
          'nghi-quyet', "2021-03-06", 'Ban Thường vụ Tỉnh ủy', False),
        ('Hướng dẫn số 25 - HD/BTGTU, ngày 24/01/2022', "25-HD/BTGTU",
          'huong-dan', "2022-01-24", 'Ban Tuyên giáo Tỉnh ủy', False),
        ('Nghị quyết số 04-NQ/TU, ngày 06/3/2021', "04-NQ/TU",
          'nghi-quyet', "2021-03-06", 'Ban Thường vụ Tỉnh ủy', False),
        ('Nghị quyết số 04-NQ/TU, ngày 6/03/2021', "04-NQ/TU",
          'nghi-quyet', "2021-03-06", 'Ban Thường vụ Tỉnh ủy', False),
        ("Nghị quyết 04-NQ/TU", "04-NQ/TU",
          "nghi-quyet", "2021-03-06", "Ban Thường vụ Tỉnh ủy", True),
        ('Quyết định 238-QĐ/TW, ngày 30/9/2020', "238-QĐ/TW",
          'quyet-dinh', "2020-09-30", 'Ban Bí thư Trung ương Đảng', False),
        ('Chỉ thị số 18-CT/TU, ngày 06/4/2018', "18-CT/TU",
          'chi-thi', "2018-04-06", 'Ban Thường vụ Tỉnh ủy', False),
        ('Chỉ thị số 07-CT/HU, ngày 03/5/2018', "07-CT/HU",
          'chi-thi', "2018-05-03", 'Ban Thường vụ Huyện ủy', False),
        ('Nghị quyết 32-NQ/TW, ngày 26/5/2014', "32-NQ/TW",
          'nghi-quyet', "2014-05-26", 'Bộ Chính trị', False),
        ('Nghị quyết số 29-NQ/TW, ngày 04/11/2013', "29-NQ/TW",
          'nghi-quyet', "2013-11-04", 'Ban Chấp hành Trung ương', False),
        ('Kết luận số 51-KL/TW, ngày 30/5/2019', "51-KL/TW", 'ket-luan', "2019-05-30", 'Ban Bí thư', False),
        ("Nghị quyết 29-NQ/TW, ngày 04/11/2013", "29-NQ/TW",
          "nghi-quyet", "2013-11-04", "Ban Chấp hành Trung ương", False),
        ('Quyết định 1853- QĐ/BTGTW, ngày 04/3/2010', "1853-QĐ/BTGTW",
          'quyet-dinh', "2010-03-04", 'Ban Tuyên giáo Trung ương', False),
        ('Quyết định số 883-QĐ/BTGTW, ngày 24/11/2021', "883-QĐ/BTGTW",
          'quyet-dinh', "2021-11-24", 'Ban Tuyên giáo Trung ương', False),
        ("Quyết định số 238-QĐ/TW", "238-QĐ/TW",
          "quyet-dinh", "2020-09-30", "Ban Bí thư", True),
        ('Quyết định số 238-QĐ/TW, ngày 30/9/2020', "238-QĐ/TW",
          'quyet-dinh', "2020-09-30", 'Ban Bí thư', False),
        ('Quyết định 238-QĐ/TW, ngày 30/9/2020', "238-QĐ/TW",
          'quyet-dinh', "2020-09-30", 'Ban Bí thư', False),
        ('Chỉ thị số 30- CT/TW, ngày 25/12/2013', "30-CT/TW", 'chi-thi', "2013-12-25", 'Bộ Chính trị', False),
        ('Nghị định số 09/2017/NĐ-CP, ngày 09/2/2021', "09/2017/NĐ-CP",
          'nghi-dinh', "2021-02-09", 'Chính phủ', False),
        ('Chỉ thị số 07-CT/TW, ngày 05/9/2016', "07-CT/TW", 'chi-thi', "2016-09-05", 'Ban Bí thư', False),
        ('Nghị quyết số 04 - NQ/TU, ngày 6/03/2021', "04-NQ/TU",
          'nghi-quyet', "2021-03-06", 'Ban Thường vụ Tỉnh ủy', False),
    ],
    "002_e613c2c544e83cb0.txt": [
        ('Kế hoạch số 289/KH-UBND ngày 12/9/2023', "289/KH-UBND",
          'ke-hoach', "2023-09-12", 'UBND tỉnh', False),
        ('Tờ trình số 471/TTr-VHTT ngày 3/10/2023', "471/TTr-VHTT", 'to-trinh', "2023-10-03", None, False),
        ("Kết luận số 01-KL/TW", "01-KL/TW",
          "ket-luan", "2021-05-18", "Bộ Chính trị", False),
        ('Chỉ thị số 05-CT/TW', "05-CT/TW", 'chi-thi', None, 'Bộ Chính trị', False),
        ('Quy định số 114-QĐ/TW ngày 11/7/2023', "114-QĐ/TW",
          'quy-dinh', "2023-07-11", 'Ban Chấp hành Trung ương', False),
        ('Kế hoạch số 48- KH/TU ngày 08/11/2021', "48-KH/TU",
          'ke-hoach', "2021-11-08", 'Ban Thường vụ Tỉnh ủy', False),
        ('Kết luận số 01-KL/TW ngày 18/5/2021', "01-KL/TW", 'ket-luan', "2021-05-18", 'Bộ Chính trị', False),
        ("Chỉ thị số 05-CT/TW", "05-CT/TW",
          "chi-thi", None, "Bộ Chính trị", True),
        ('Kế hoạch số 312/KH-UBND ngày 13/10/2021', "312/KH-UBND",
          'ke-hoach', "2021-10-13", 'UBND tỉnh', False),
        ('Nghị quyết số 04-NQ/TU ngày 08/5/2021', "04-NQ/TU",
          'nghi-quyet', "2021-05-08", 'Ban Chấp hành Đảng bộ tỉnh', False),
        ('Kế hoạch số 280/KH-UBND ngày 30/9/2022', "280/KH-UBND",
          'ke-hoach', "2022-09-30", 'UBND tỉnh', False),
        ('Quyết định số 1812/QĐ-UBND ngày 04/11/2022', "1812/QĐ-UBND",
          'quyet-dinh', "2022-11-04", 'UBND tỉnh', False),
        ('Kế hoạch số 227/KH-UBND ngày 08/9/2023', "227/KH-UBND",
          'ke-hoach', "2023-09-08", 'UBND huyện', False),
        ('Nghị quyết số 16-NQ/TW ngày 01/8/2007', "16-NQ/TW",
          'nghi-quyet', "2007-08-01", 'Ban Chấp hành Trung ương', False),
        ('Chỉ thị số 46-CT/TW ngày 27/7/2010', "46-CT/TW", 'chi-thi', "2010-07-27", 'Ban Bí thư', False),
        ('Kết luận số 94- KL/TW ngày 28/3/2014', "94-KL/TW", 'ket-luan', "2014-03-28", 'Bộ Chính trị', False),
    ],
    "003_facbec4f888b1542.txt": [
        ('Nghị quyết số 52-NQ/TW, ngày 27/9/2019', "52-NQ/TW",
          'nghi-quyet', "2019-09-27", 'Bộ Chính trị', False),
        ('Quyết định số 244-QĐ/TU', "244-QĐ/TU", 'quyet-dinh', None, 'Ban Thường vụ Tỉnh ủy', False),
        ('Nghị quyết 18-NQ/TW', "18-NQ/TW", 'nghi-quyet', None, None, False),
        ('Báo cáo số 610-BC/BTGTU, ngày 07/01/2020', "610-BC/BTGTU", 'bao-cao', "2020-01-07", None, False),
        ('Quy định 285-QĐ/TW, ngày 25/4/2015', "285-QĐ/TW", 'quy-dinh', "2015-04-25", 'Bộ Chính trị', False),
        ("Chỉ thị 05", "05-CT/TW",
          "chi-thi", None, "Bộ Chính trị", True),
        ('Chỉ thị 05', "05-CT/TW", 'chi-thi', None, 'Bộ Chính trị', True),
        ("Chỉ thị 05", "05-CT/TW",
          "chi-thi", None, "Bộ Chính trị", True),
        ('Nghị quyết số 55-NQ/TW, ngày 11/02/2020', "55-NQ/TW",
          'nghi-quyet', "2020-02-11", 'Bộ Chính trị', False),
        ("Chỉ thị 05", "05-CT/TW",
          "chi-thi", None, "Bộ Chính trị", True),
        ('Kế hoạch số 150-KH/TU, ngày 16/3/2020', "150-KH/TU",
          'ke-hoach', "2020-03-16", 'Ban Thường vụ Tỉnh ủy', False),
        ('Chỉ thị số 49-CT/TW, ngày 21/02/2005', "49-CT/TW", 'chi-thi', "2005-02-21", 'Ban Bí thư', False),
        ('Thông báo Kết luận số 26-TB/TW, ngày 9/5/2011', "26-TB/TW", 'thong-bao', "2011-05-09", None, False),
        ('Chỉ thị số 17-CT/TU, ngày 12/7/2010', "17-CT/TU",
          'chi-thi', "2010-07-12", 'Ban Thường vụ Tỉnh ủy', False),
        ('Chỉ thị 05', "05-CT/TW", 'chi-thi', None, 'Bộ Chính trị', True),
    ],
    "004_2f731f111e68ef86.txt": [
        ('232 - KH/HU', "232-KH/HU", 'ke-hoach', None, None, False),
        ('Hướng dẫn số 140-HD/BTGTU, ngày 22/11/2023', "140-HD/BTGTU",
          'huong-dan', "2023-11-22", 'Ban Tuyên giáo Tỉnh ủy', False),
        ('Kết luận số 01-KL/TW, ngày 18/5/2021', "01-KL/TW", 'ket-luan', "2021-05-18", 'Bộ Chính trị', False),
        ('Chỉ thị số 05-CT/TW', "05-CT/TW", 'chi-thi', None, None, False),
        ("Kết luận số 01-KL/TW", "01-KL/TW",
          "ket-luan", "2021-05-18", "Bộ Chính trị", True),
        ("Kết luận số 01-KL/TW", "01-KL/TW",
          "ket-luan", "2021-05-18", "Bộ Chính trị", True),
        ("Kết luận số 01-KL/TW", "01-KL/TW",
          "ket-luan", "2021-05-18", "Bộ Chính trị", True),
        ('kế hoạch số 122-KH/HU, ngày 25/4/2022', "122-KH/HU", 'ke-hoach', "2022-04-25", None, False),
        ('kế hoạch số 187-KH/HU, ngày 07/6/2023', "187-KH/HU", 'ke-hoach', "2023-06-07", None, False),
        ('Quy định số 285-QĐ/TW, ngày 25/4/2015', "285-QĐ/TW",
          'quy-dinh', "2015-04-25", 'Bộ Chính trị', False),
        ('Hướng dẫn số 55-HD/BTGTW, ngày 21/12/2017', "55-HD/BTGTW", 'huong-dan', "2017-12-21", None, False),
        ('Hướng dẫn số 02-HD/TW, ngày 08/02/2018', "02-HD/TW",
          'huong-dan', "2018-02-08", 'Ban Bí thư', False),
        ('Chỉ thị số 23-CT/TW, ngày 09/02/2018', "23-CT/TW", 'chi-thi', "2018-02-09", 'Ban Bí thư', False),
        ('Nghị quyết số 37-NQ/TW ngày 09/10/2014', "37-NQ/TW",
          'nghi-quyet', "2014-10-09", 'Bộ Chính trị', False),
        ('Kết luận số 94-KL/TW ngày 28/3/2014', "94-KL/TW", 'ket-luan', "2014-03-28", 'Ban Bí thư', False),
        ('Nghị quyết số 35-NQ/TW, ngày 22/10/2018', "35-NQ/TW",
          'nghi-quyet', "2018-10-22", 'Bộ Chính trị', False),
        ("Nghị quyết số 35-NQ/TW", "35-NQ/TW",
          "nghi-quyet", "2018-10-22", "Bộ Chính trị", True),
        ('Quy định 164-QĐ/TW ngày 01/02/2013', "164-QĐ/TW", 'quy-dinh', "2013-02-01", 'Bộ Chính trị', False),
        ('Quy định số 208-QĐ/TW, ngày 08/11/2019', "208-QĐ/TW",
          'quy-dinh', "2019-11-08", 'Ban Bí thư', False),
        ("Quy định số 208-QĐ/TW", "208-QĐ/TW",
          "quy-dinh", "2019-11-08", "Ban Bí thư", True),
        ('Chỉ thị số 20-CT/TW, ngày 18/01/2018', "20-CT/TW", 'chi-thi', "2018-01-18", 'Ban Bí thư', False),
        ("Chỉ thị số 20-CT/TW", "20-CT/TW",
          "chi-thi", "2018-01-18", "Ban Bí thư", True),
        ('Quyết định số 2448-QĐ/BTGTW, ngày 26/5/2023', "2448-QĐ/BTGTW",
          'quyet-dinh', "2023-05-26", 'Ban Tuyên giáo Trung ương', False),
        ("Kết luận 01-KL/TW", "01-KL/TW",
          "ket-luan", "2021-05-18", "Bộ Chính trị", True),
        ("Kết luận số 01-KL/TW", "01-KL/TW",
          "ket-luan", "2021-05-18", "Bộ Chính trị", True),
        ('Chỉ thị số 05-CT/TW', "05-CT/TW", 'chi-thi', None, None, True),
    ],
}


def _row(c):
    date = f"{c.year:04d}-{c.month:02d}-{c.day:02d}" if c.day else None
    return (c.text, c.symbol.normalized, c.doc_type, date, c.issuer_phrase, c.short)


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_documents_yield_exactly_the_annotated_citations(name):
    text = (SEEDS / f"seed_{name}").read_text(encoding="utf-8")
    found = find_citations(text)
    assert [_row(c) for c in found] == SEED_EXPECTED[name]
    assert all(text[c.start:c.end] == c.text for c in found)


# --- the seed forms, inline (no corpus needed) -------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "surface", "symbol", "doc_type", "date", "issuer"),
    [
        ("triển khai, thực hiện Nghị quyết số 04 - NQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy “về tăng",
         "Nghị quyết số 04 - NQ/TU, ngày 6/03/2021", "04-NQ/TU", "nghi-quyet", (2021, 3, 6),
         "Ban Thường vụ Tỉnh ủy"),
        ("Kế hoạch số 32a - KH/HU, ngày 12/6/2021 của Ban Thường vụ Huyện ủy về “thực hiện",
         "Kế hoạch số 32a - KH/HU, ngày 12/6/2021", "32a-KH/HU", "ke-hoach", (2021, 6, 12),
         "Ban Thường vụ Huyện ủy"),
        ("và Hướng dẫn số 25 - HD/BTGTU, ngày 24/01/2022 của Ban Tuyên giáo Tỉnh ủy về",
         "Hướng dẫn số 25 - HD/BTGTU, ngày 24/01/2022", "25-HD/BTGTU", "huong-dan", (2022, 1, 24),
         "Ban Tuyên giáo Tỉnh ủy"),
        ("Cụ thể hóa Quyết định 1853- QĐ/BTGTW, ngày 04/3/2010 và",
         "Quyết định 1853- QĐ/BTGTW, ngày 04/3/2010",
         "1853-QĐ/BTGTW", "quyet-dinh", (2010, 3, 4), None),
        ("Tiếp tục chỉ đạo Chỉ thị số 30- CT/TW, ngày 25/12/2013 của Bộ Chính trị về phát triển",
         "Chỉ thị số 30- CT/TW, ngày 25/12/2013", "30-CT/TW", "chi-thi", (2013, 12, 25), "Bộ Chính trị"),
        ("Tổng kết Kết luận số 94- KL/TW ngày 28/3/2014 của Bộ Chính trị (khóa XI) về",
         "Kết luận số 94- KL/TW ngày 28/3/2014", "94-KL/TW", "ket-luan", (2014, 3, 28), "Bộ Chính trị"),
        ("trong Kế hoạch số 48- KH/TU ngày 08/11/2021 của Ban Thường vụ Tỉnh ủy về",
         "Kế hoạch số 48- KH/TU ngày 08/11/2021", "48-KH/TU", "ke-hoach", (2021, 11, 8),
         "Ban Thường vụ Tỉnh ủy"),
        ("Thực hiện Kế hoạch số 289/KH-UBND ngày 12/9/2023 của UBND tỉnh về việc nâng cao",
         "Kế hoạch số 289/KH-UBND ngày 12/9/2023", "289/KH-UBND", "ke-hoach", (2023, 9, 12), "UBND tỉnh"),
        ("Xét đề nghị của Trưởng phòng VH – TT huyện tại Tờ trình số 471/TTr-VHTT ngày 3/10/2023;",
         "Tờ trình số 471/TTr-VHTT ngày 3/10/2023", "471/TTr-VHTT", "to-trinh", (2023, 10, 3), None),
        ("Báo cáo số 610-BC/BTGTU, ngày 07/01/2020 về hoạt động", "Báo cáo số 610-BC/BTGTU, ngày 07/01/2020",
         "610-BC/BTGTU", "bao-cao", (2020, 1, 7), None),
        ("tổng kết Thông báo Kết luận số 26-TB/TW, ngày 9/5/2011 “về xây dựng",
         "Thông báo Kết luận số 26-TB/TW, ngày 9/5/2011", "26-TB/TW", "thong-bao", (2011, 5, 9), None),
        ("(theo kế hoạch số 122-KH/HU, ngày 25/4/2022);", "kế hoạch số 122-KH/HU, ngày 25/4/2022",
         "122-KH/HU", "ke-hoach", (2022, 4, 25), None),
        ("theo Quyết định số 244-QĐ/TU của Ban Thường vụ Tỉnh uỷ; quán triệt", "Quyết định số 244-QĐ/TU",
         "244-QĐ/TU", "quyet-dinh", None, "Ban Thường vụ Tỉnh ủy"),
        ("theo Quy định 164-QĐ/TW ngày 01/02/2013 của Bộ Chính trị;", "Quy định 164-QĐ/TW ngày 01/02/2013",
         "164-QĐ/TW", "quy-dinh", (2013, 2, 1), "Bộ Chính trị"),
        ("theo tinh thần Nghị quyết 18-NQ/TW. Thông báo", "Nghị quyết 18-NQ/TW", "18-NQ/TW", "nghi-quyet",
         None, None),
        (("của Ban Bí thư Trung ương Đảng theo Quyết định 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư Trung "
          "ương "
          "Đảng."), "Quyết định 238-QĐ/TW, ngày 30/9/2020", "238-QĐ/TW", "quyet-dinh", (2020, 9, 30),
         "Ban Bí thư Trung ương Đảng"),
        ("Kế hoạch số 312/KH-UBND ngày 13/10/2021 của UBND tỉnh ban hành Kế hoạch",
         "Kế hoạch số 312/KH-UBND ngày 13/10/2021", "312/KH-UBND", "ke-hoach", (2021, 10, 13), "UBND tỉnh"),
        ("Nghị quyết số 04-NQ/TU ngày 08/5/2021 của Ban Chấp hành Đảng bộ tỉnh về chuyển đổi số",
         "Nghị quyết số 04-NQ/TU ngày 08/5/2021", "04-NQ/TU", "nghi-quyet", (2021, 5, 8),
         "Ban Chấp hành Đảng bộ tỉnh"),
        ("2. Thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục",
         "Kết luận số 01-KL/TW, ngày 18/5/2021", "01-KL/TW", "ket-luan", (2021, 5, 18), "Bộ Chính trị"),
    ],
)
def test_seed_citation_forms_are_found_with_symbol_type_date_and_issuer(
    sentence, surface, symbol, doc_type, date, issuer
):
    (c,) = find_citations(sentence)
    assert (c.text, c.symbol.normalized, c.doc_type, c.issuer_phrase) == (surface, symbol, doc_type, issuer)
    assert ((c.year, c.month, c.day) if c.year else None) == date
    assert sentence[c.start:c.end] == surface
    assert not c.short and not c.year_conflict


def test_legal_symbol_year_differing_from_written_date_is_flagged_not_rejected():
    (c,) = find_citations("Chỉ đạo thực hiện tốt Nghị định số 09/2017/NĐ-CP, ngày 09/2/2021 của Chính phủ "
                          "quy định")
    assert c.symbol.normalized == "09/2017/NĐ-CP" and c.symbol.year == 2017
    assert (c.year, c.month, c.day, c.issuer_phrase) == (2021, 2, 9, "Chính phủ")
    assert c.year_conflict
    (ok,) = find_citations("Nghị định số 09/2017/NĐ-CP ngày 17/02/2017")
    assert not ok.year_conflict


@pytest.mark.parametrize(
    "text",
    ["12/6/2021", "Kỷ niệm (3/2/1930 – 3/2/2020);", "nhiệm kỳ 2020 – 2025", "giai đoạn 2023 - 2025",
     "giai đoạn 2020-2025", "từ tháng 09/2019", "Hoàn thành trong quý I/2022", "đạt 18/18 chỉ tiêu",
     "45.799/36.875", "các bộ/ngành", "V/v", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "dịch COVID-19",
     "dịch viêm đường hô hấp cấp covid -19...", "TCVN 6909:2001", "yêu cầu CNH-HĐH", "Trưởng phòng VH – TT",
     "Nghị quyết là cơ sở", "Kế hoạch hóa gia đình", "Nghị quyết Trung ương 4 (khóa XI, XII)",
     "Kết luận Hội nghị Trung ương 4 khóa XIII", "Đại hội đại biểu toàn quốc lần thứ XIII",
     "Đại hội Đảng toàn quốc lần thứ XIII", "Số: /KH-UBND", "Hón Quản, ngày tháng năm 2023",
     "Kế hoạch 5 năm", "báo cáo 6 tháng đầu năm", "Ban Chỉ đạo 35 tỉnh", "Lớp 12 - A/B", "24/7",
     "trước ngày 15/12 hàng năm", "Chỉ thị 05 là", "Chương trình 135", "Lưu: VPHU.",
     "Kế hoạch 5 năm 2021 - 2025", "báo cáo 6 tuần", "Kế hoạch 12 tháng"],
)
def test_non_citations_are_not_matched(text):
    assert find_citations(text) == []


def test_symbol_without_type_words_gets_doc_type_from_code_when_unambiguous():
    (kl,) = find_citations("thực hiện 01-KL/TW ngay")
    assert (kl.text, kl.doc_type) == ("01-KL/TW", "ket-luan")
    (qd,) = find_citations("theo 12-QĐ/TU")
    assert qd.doc_type is None  # Party QĐ is both quyết định and quy định
    (state_qd,) = find_citations("theo 1812/QĐ-UBND")
    assert state_qd.doc_type == "quyet-dinh"
    (cv,) = find_citations("văn bản số 238/UBND-KGVX")
    assert (cv.symbol.type_code, cv.doc_type) == (None, "cong-van")


def test_type_comes_from_words_not_code():
    assert find_citations("Quy định số 285-QĐ/TW")[0].doc_type == "quy-dinh"
    assert find_citations("Quyết định số 285-QĐ/TW")[0].doc_type == "quyet-dinh"
    assert set(TYPE_WORDS.values()) >= {"nghi-quyet", "thong-tu-lien-tich", "phap-lenh", "cong-dien"}


@pytest.mark.parametrize(
    ("text", "surface", "symbol"),
    [
        ("CHỈ THỊ SỐ 19/CT-TTG của Thủ tướng", "CHỈ THỊ SỐ 19/CT-TTG", "19/CT-TTg"),
        ("theo Quyết định số31-QĐ/TW", "Quyết định số31-QĐ/TW", "31-QĐ/TW"),
        ("Quyết định số 44 /2005/QĐ-UBND ngày 01-10-1997", "Quyết định số 44 /2005/QĐ-UBND ngày 01-10-1997",
         "44/2005/QĐ-UBND"),
        ("Chỉ thị số 22/CT-TW của Ban Bí thư", "Chỉ thị số 22/CT-TW", "22-CT/TW"),
        ("Nghị định số 09/2017/N\u00d0-CP", "Nghị định số 09/2017/N\u00d0-CP", "09/2017/NĐ-CP"),
        ("Luật Báo chí số 103/2016/QH13", "Luật Báo chí số 103/2016/QH13", "103/2016/QH13"),
        ("Nghị quyết của Bộ Chính trị số 52-NQ/TW", "Nghị quyết của Bộ Chính trị số 52-NQ/TW", "52-NQ/TW"),
        ("Nghị quyết số 04 -\nNQ/TU, ngày\n6/03/2021", "Nghị quyết số 04 -\nNQ/TU, ngày\n6/03/2021",
         "04-NQ/TU"),
        ("Kế hoạch số 12-KH/HU ngày 06 tháng 3 năm 2021", "Kế hoạch số 12-KH/HU ngày 06 tháng 3 năm 2021",
         "12-KH/HU"),
    ],
)
def test_texts_in_the_wild_are_matched(text, surface, symbol):
    (c,) = find_citations(text)
    assert (c.text, c.symbol.normalized) == (surface, symbol)


def test_issuer_written_before_the_symbol_is_kept():
    (c,) = find_citations("Nghị quyết của Bộ Chính trị số 52-NQ/TW")
    assert (c.doc_type, c.issuer_phrase) == ("nghi-quyet", "Bộ Chính trị")


def test_year_after_symbol_without_ngay_is_not_its_date():
    (c,) = find_citations("Kế hoạch thực hiện Kết luận số 01-KL/TW năm 2024 của Huyện ủy")
    assert (c.text, c.year, c.issuer_phrase) == ("Kết luận số 01-KL/TW", None, None)


def test_issuer_of_another_level_is_not_attached():
    # "của Huyện ủy" issues the plan, not the central resolution.
    (c,) = find_citations("và Kế hoạch thực hiện Nghị quyết số 35-NQ/TW của Huyện ủy.")
    assert c.issuer_phrase is None


def test_list_of_citations_shares_the_issuer_phrase():
    a, b = find_citations(
        "Quyết định 1853- QĐ/BTGTW, ngày 04/3/2010 và Quyết định số 883-QĐ/BTGTW, ngày 24/11/2021 của Ban "
        "Tuyên giáo Trung ương thành quy chế")
    assert a.issuer_phrase == b.issuer_phrase == "Ban Tuyên giáo Trung ương"


def test_draft_blank_date_gives_year_only():
    (c,) = find_citations("Kế hoạch số 12-KH/HU ngày   tháng   năm 2023")
    assert (c.year, c.month, c.day) == (2023, None, None)


@pytest.mark.parametrize(
    ("text", "surface", "symbol", "issuer"),
    [
        ("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương về nêu gương",
         "Quy định số 08-QĐi/TW ngày 25/10/2018", "08-QĐi/TW", "Ban Chấp hành Trung ương"),
        ("theo Công văn số 52/VHTT ngày 02/01/2024.", "Công văn số 52/VHTT ngày 02/01/2024", "52/VHTT", None),
        ("Nghị định 64/CP ngày 27/9/1993 của Chính phủ", "Nghị định 64/CP ngày 27/9/1993", "64/CP",
         "Chính phủ"),
        ("Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP ngày 06/5/2005 của Bộ Nội vụ và Văn phòng Chính phủ;",
         "Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP ngày 06/5/2005", "55/2005/TTLT-BNV-VPCP",
         "Bộ Nội vụ và Văn phòng Chính phủ"),
        ("Thông tư số 01/2011/TT-BNV của Bộ Thông tin và Truyền thông về", "Thông tư số 01/2011/TT-BNV",
         "01/2011/TT-BNV", "Bộ Thông tin và Truyền thông"),
        (("Nghị quyết số 18-NQ/TW ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng "
          "khóa XIII"),
         "Nghị quyết số 18-NQ/TW ngày 16/6/2022", "18-NQ/TW",
         "Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng"),
    ],
)
def test_codes_single_code_symbols_and_longer_issuer_names(text, surface, symbol, issuer):
    (c,) = find_citations(text)
    assert (c.text, c.symbol.normalized, c.issuer_phrase) == (surface, symbol, issuer)


def test_joint_issuers_only_for_joint_documents():
    (c,) = find_citations("Chỉ thị số 07-CT/TW ngày 05/9/2016 của Ban Bí thư và Ban Thường vụ Tỉnh ủy đã chỉ "
                          "đạo")
    assert c.issuer_phrase == "Ban Bí thư"


def test_number_only_form_with_a_commune_party_committee_infers_the_symbol():
    (c,) = find_citations("thực hiện Nghị quyết 31 của Đảng ủy xã Khánh Hòa về phát triển kinh tế")
    assert (c.symbol.normalized, c.issuer_phrase) == ("31-NQ/ĐU", "Đảng ủy xã Khánh Hòa")
    # a state issuer fixes no code: a citation without a symbol, named by type, number and issuer
    (c,) = find_citations("Quyết định số 12 của Chủ tịch UBND huyện")
    assert (c.symbol, c.number, c.doc_type, c.issuer_phrase) == (
        None, "12", "quyet-dinh", "Chủ tịch UBND huyện")
    (c,) = find_citations("Chỉ thị 05 của Ban Thường vụ")
    assert (c.symbol, c.number, c.issuer_phrase) == (None, "05", "Ban Thường vụ")


def test_bare_symbols_after_one_type_word_share_type_date_and_issuer():
    cites = find_citations("các Nghị quyết số 04-NQ/TU, 05-NQ/TU và 06-NQ/TU ngày 08/5/2021 của Ban Chấp "
                           "hành Đảng bộ tỉnh")
    assert [(c.symbol.normalized, c.doc_type, c.year, c.month, c.day, c.issuer_phrase) for c in cites] == [
        (f"0{n}-NQ/TU", "nghi-quyet", 2021, 5, 8, "Ban Chấp hành Đảng bộ tỉnh") for n in (4, 5, 6)]
    # a typed item keeps its own (missing) date: only the issuer phrase is shared
    a, b = find_citations("Chỉ thị số 05-CT/TW, Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị")
    assert (a.year, a.issuer_phrase, b.year) == (None, "Bộ Chính trị", 2021)


def test_old_people_committee_code_shares_the_issuer_of_the_new_one():
    a, b = find_citations("Quyết định số 44/2005/QĐ-UBND ngày 06/7/2005 và Quyết định số 1200/QĐ-UB ngày "
                          "01-10-1997 "
                          "của UBND tỉnh;")
    assert a.issuer_phrase == b.issuer_phrase == "UBND tỉnh" and (b.year, b.month, b.day) == (1997, 10, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("triển khai Kế hoạch\n\nsố 12-KH/TU ngày 1/2/2020", ("12-KH/TU ngày 1/2/2020", "ke-hoach", 2020, None)),
    ("Kế hoạch 12-KH/TU\n\nngày 1/2/2020 của Tỉnh ủy", ("Kế hoạch 12-KH/TU", "ke-hoach", None, None)),
    ("sơ kết Chỉ thị 05\n\nNgày 12/5/2021, theo Chỉ thị số 05-CT/TW", ("Chỉ thị 05", "chi-thi", None, None)),
])
def test_nothing_is_read_across_a_blank_line(text, expected):
    c = find_citations(text)[0]
    assert (c.text, c.doc_type, c.year, c.issuer_phrase) == expected


# --- variants and offsets ----------------------------------------------------------------------------

BASE = "Thực hiện Nghị quyết số 04 - NQ/TU, ngày 6/03/2021 của Ban Thường vụ Tỉnh ủy về"


@pytest.mark.parametrize(
    "variant",
    [BASE, unicodedata.normalize("NFD", BASE), BASE.replace(" ", "\u00a0"), BASE.replace(" - ", " – "),
     BASE.replace("Tỉnh ủy", "Tỉnh uỷ"), BASE.replace(", ", ",\n"), BASE.replace(" - ", "\u2014"),
     unicodedata.normalize("NFD", BASE.replace("ủy", "uỷ").replace(" ", "\u202f"))],
)
def test_nfd_nbsp_dashes_and_tone_placement_give_the_same_result(variant):
    (c,) = find_citations(variant)
    assert variant[c.start:c.end] == c.text
    surface = " ".join(unicodedata.normalize("NFC", c.text).split())
    assert surface.replace("—", " - ").replace("–", "-") == "Nghị quyết số 04 - NQ/TU, ngày 6/03/2021"
    assert (c.symbol.key, c.doc_type, c.year, c.month, c.day, c.issuer_phrase) == (
        "4-nq/tu", "nghi-quyet", 2021, 3, 6, "Ban Thường vụ Tỉnh ủy")


# --- short forms -------------------------------------------------------------------------------------

def test_short_form_after_full_citation_is_resolved():
    full, short = find_citations("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị. Kết quả thực hiện Chỉ thị "
                                 "05 tốt.")
    assert not full.short
    assert (short.text, short.symbol.normalized, short.doc_type, short.short) == (
        "Chỉ thị 05", "05-CT/TW", "chi-thi", True)


def test_repeated_full_symbol_without_date_is_short():
    cites = find_citations(
        "Nghị quyết số 04-NQ/TU, ngày 6/3/2021 của Ban Thường vụ Tỉnh ủy (sau đây viết tắt là Nghị quyết "
        "04-NQ/TU)")
    assert [c.short for c in cites] == [False, True]
    assert cites[1].text == "Nghị quyết 04-NQ/TU"


def test_short_form_resolves_across_the_texts_of_one_document():
    (full,), (c,) = find_in_texts(["Chỉ thị số 05-CT/TW ngày 15/5/2016.", "Sơ kết Chỉ thị 05."])
    assert full.short is False
    assert c.short and c.symbol.normalized == "05-CT/TW" and (c.year, c.month, c.day) == (2016, 5, 15)
    assert find_citations("Sơ kết Chỉ thị 05.") == []  # standalone: nothing says which it is


def test_short_form_before_its_full_citation_in_same_text_is_resolved():
    cites = find_citations("Về Chỉ thị 05, tốt. Sau đó Chỉ thị 05 của Bộ Chính trị được sơ kết.")
    assert [c.symbol.normalized for c in cites] == ["05-CT/TW", "05-CT/TW"]
    assert cites[1].issuer_phrase == "Bộ Chính trị"


def test_ambiguous_short_form_keeps_no_symbol():
    text = "Nghị quyết số 04-NQ/TU và Nghị quyết số 04-NQ/HU. Thực hiện Nghị quyết 04 tốt."
    cites = find_citations(text)
    assert [c.symbol.normalized if c.symbol else None for c in cites] == ["04-NQ/TU", "04-NQ/HU", None]
    assert (cites[2].text, cites[2].number, cites[2].doc_type) == ("Nghị quyết 04", "04", "nghi-quyet")


def test_lower_case_number_only_form_needs_so():
    texts = ["Báo cáo số 06-BC/HU ngày 1/2/2020", "báo cáo 6 tuần", "báo cáo số 6 nêu"]
    full, weeks, short = find_in_texts(texts)
    assert weeks == []
    assert short[0].symbol.normalized == "06-BC/HU"


# --- properties --------------------------------------------------------------------------------------

FRAGMENTS = [
    "Nghị quyết", "nghị quyết", "Chỉ thị", "Quyết định", "Kế hoạch", " số ", "số", "Số:", " ", "\u00a0", "\n",
    "-", "–", "/", " - ", "04", "5", "32a", "2021", "2017", "NQ", "QĐ", "TU", "TW", "KH", "UBND", "CP", "NĐ",
    "TTr", "ngày", " tháng ", " năm ", "6/03/2021", ", ", "của", " Ban Thường vụ Tỉnh ủy", " Bộ Chính trị",
    "UBND tỉnh", "uỷ", "\u0301", "\u0323", "e", "ò", "(", ")", "“", ".", "COVID-19", "quý I/2022", "*", "Ð",
]


def _check_spans(text: str) -> None:
    cites = find_citations(text)
    prev = 0
    for c in cites:
        assert 0 <= prev <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.symbol is not None or c.number
        prev = c.end


@given(st.text())
def test_arbitrary_text_never_raises_and_spans_are_sorted_disjoint_in_bounds(text):
    _check_spans(text)


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_citation_like_text_never_raises_and_spans_are_sorted_disjoint_in_bounds(text):
    _check_spans(text)


@pytest.mark.slow
@settings(max_examples=200)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_nfd_input_finds_the_same_citations_as_nfc(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)

    def summary(t: str) -> list[tuple]:
        return [(c.symbol.key if c.symbol else c.number, c.doc_type, c.year, c.month, c.day, c.issuer_phrase,
                 c.short,
                 unicodedata.normalize("NFC", c.text)) for c in find_citations(t)]

    assert summary(nfd) == summary(nfc)


def test_titles_looked_up_in_the_texts_clause_ends_are_those_searched_one_by_one():
    """Scan reads every trích yếu from the text's clause ends found once (clauses.TitleEnds: linear time on
    dense citations); the same titles as searching the words after each citation (seeds, development
    passages of the real corpus)."""
    from test_cite_real import is_heldout, load_passages

    from sitegen.cite.clauses import title_after
    from sitegen.cite.detect import _issuer_end

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts += [p["text"] for p in load_passages() if not is_heldout(p)]
    titles = 0
    for text in texts:
        s = scan(unicodedata.normalize("NFC", text))
        for c in s.cands:
            one_by_one = title_after(s.shadow.nfc, s.shadow.base, _issuer_end(s.shadow, c))
            assert s.title(c) == one_by_one, (text[:60], c.start)
            titles += one_by_one is not None
    assert titles > 300


# --- linear time -------------------------------------------------------------------------------------

MB = 1_000_000
# Each case is a chunk repeated: the test compares 100 KB with 1 MB of it, bench/cite_bench.py times 1 MB.
ADVERSARIAL_CHUNKS = {
    "dash chain": "1-",
    "type words": "Nghị quyết số ",
    "slashes": "/ ",
    "digit run": "1234567890",
    "spaced symbols": "1 - NQ / TU - ",
    "dense citations": "Nghị quyết số 1-NQ/TW, ngày 1/1/2020 của Bộ Chính trị ",
    "short forms": "Chỉ thị 05 ",
    "issuer words": "của Ban Bí thư ",
    "mixed separators": "Số 1/2/3/4-5-6 / - KH - ",
    "nfd": unicodedata.normalize("NFD", BASE + " "),
    "blank lines": "Kế hoạch số\n \n1-KH/TU ngày\n\n",
    "single codes": "Công văn số 1/AB Nghị định 2/CP ",
    # issue 14's forms: numbers without code, lower case, years, verbs, quotes, scrambled tone marks
    "numbers and years": "nghị quyết số 1 năm 2019 của bộ chính trị, Nghị định 30/2020 ",
    "verbs and clauses": "Căn cứ Nghị quyết 5; thực hiện, triển khai, sửa đổi, bãi bỏ; ",
    "quotes": "Nghị quyết số 1-NQ/TW “về ",
    "scrambled marks": "Nghị qưỹết số 60-NQ/TƯ ngàỷ 12/4/2025 củà Bạn Chấp hành Trũng ương ",
    # the forms of real text (issue 14's corpus): glued words, old symbols, lists, capitals
    "glued and old": "TWngày số60-KL/TW Nghị định 196-CP 152/1998/QĐ-UB Chỉ thị 15-CT/TW ",
    "numbered lists": "1. Nghị định số 99/2021; 2. Quyết định số 12/QĐ-UBND; bãi bỏ ",
    "capitals": "KẾT LUẬN 83-KL/TW CỦA BỘ CHÍNH TRỊ VỀ ",
    # lower-case queries and slugs (g.jsonl): a law named before "so", glued years and codes, shared codes
    "queries and slugs": "luat so 80 2015 qh13 nghị định số 632021 thông tư số 021999ttbkh số 1, 2/KH-UB ",
}
ADVERSARIAL = {name: chunk * (MB // len(chunk)) for name, chunk in ADVERSARIAL_CHUNKS.items()}


def _detect(text: str) -> None:
    forget_scans()  # a cold scan each run
    find_citations(text)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL_CHUNKS))
def test_detection_grows_linearly_from_100_kb_to_1_mb_of_adversarial_input(name):
    # Ten times the text takes about ten times as long; 30 leaves room for a loaded machine, while
    # quadratic work (catastrophic backtracking, a rescan per match) would take about a hundred times.
    # The time itself is a benchmark's figure (bench/cite_bench.py), not a test's.
    assert growth(_detect, ADVERSARIAL_CHUNKS[name]) < 30


def test_citation_init_takes_every_field_with_its_default():
    """Citation's __init__ is written out for speed: it must stay the dataclass's own, field for field."""
    import dataclasses
    import inspect

    from sitegen.cite.detect import Citation

    params = list(inspect.signature(Citation.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Citation)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        default = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert p.default == default, f.name
    made = Citation(**{f.name: i for i, f in enumerate(fields)})
    assert dataclasses.astuple(made) == tuple(range(len(fields)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 1  # type: ignore[misc]


def _type_re_as_one_alternation() -> re.Pattern[str]:
    """TYPE_RE as it was written before its branches were split by first letter: a look-ahead on the first
    letters, then every type word in one case-insensitive alternation, longest first."""
    words = sorted(_BASE_TYPES, key=len, reverse=True)
    alternation = "|".join(" {1,3}".join(map(re.escape, w.split())) for w in words)
    first = "".join(sorted({c for w in words for c in (w[0], w[0].upper())}))
    return re.compile(f"(?=[{first}])(?<![\\w])(?i:{alternation})(?!\\w)")



_TYPE_PIECES = [*sorted(_BASE_TYPES), *(w.upper() for w in sorted(_BASE_TYPES)),
                "số", "so", "1", "04", " ", "  ", "\n", "-", "/", "x", "K", "\u212a", "_", "đ", "Nghị quyết",
                "ban", "c"]
_TYPE_TEXT = st.lists(st.sampled_from(_TYPE_PIECES), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TYPE_TEXT, st.integers(0, 60), st.integers(0, 60))
def test_type_words_split_by_first_letter_match_as_one_alternation(text, lo, hi):
    """TYPE_RE's branches start with a first letter as written (the engine skips the other positions) and
    check the letter before after it: the same matches as one alternation behind a look-ahead, over the whole
    text, from a position, in a window (where slugs and words_before read it), and followed by a number (the
    typed numbers)."""
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    one = _type_re_as_one_alternation()
    number = " {1,3}\\d"
    followed = re.compile(one.pattern + number), re.compile(TYPE_RE.pattern + number)
    for old, new in ((one, TYPE_RE), followed):
        assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]
        assert [m.span() for m in old.finditer(text, lo, hi)] == [
            m.span() for m in new.finditer(text, lo, hi)]
        found, now = old.match(text, lo), new.match(text, lo)
        assert (found and found.span()) == (now and now.span())


# The slug and glued-query patterns as they were written, with a look-ahead and a look-behind before the first
# character, and as they are (slugs.py).
_SLUG_PATTERNS = [
    (r"(?=\d)(?<!\w)(?P<digits>\d{1,9})"
     r"(?:(?P<code>[a-z]{2,6}) (?P<iss>[a-z]{2,8})|(?P<codes>[a-z]{4,12}))(?![\w/-])", slugs._GLUED_RE),
    (r"(?=[lpn])(?<![\w])(?P<tw>luat|phap lenh|nghi quyet)(?: [a-z0-9]{1,12}){0,16}? so (?P<num>\d{1,4})"
     r" (?P<year>(?:19|20)\d\d) (?P<law>(?:ubtv)?qh\d{1,2})(?![\w])", slugs._LAW_SLUG_RE),
    (r"(?=\d)(?<!\w)(?P<num>\d{1,3})(?P<year>(?:19[4-9]|20[0-4])\d)(?![\w/.,-]\w)", slugs._GLUED_YEAR_RE),
]
_SLUG_PIECES = ["1", "07", "2021", "1999", "632021", "nd", "cp", "vpcp", "ttbkh", "qh13", "ubtvqh", "luat",
                "phap lenh", "nghi quyet", "so", "x", "a1", " ", "-", "/", ".", "\n", "_"]
_SLUG_TEXT = st.lists(st.sampled_from(_SLUG_PIECES), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_SLUG_TEXT, st.integers(0, 80))
def test_slug_patterns_starting_with_their_first_character_match_as_before(text, lo):
    for before, now in _SLUG_PATTERNS:
        old = re.compile(before)
        assert [(m.span(), m.groups()) for m in old.finditer(text)] == [
            (m.span(), m.groups()) for m in now.finditer(text)]
        assert [m.span() for m in old.finditer(text, min(lo, len(text)))] == [
            m.span() for m in now.finditer(text, min(lo, len(text)))]
