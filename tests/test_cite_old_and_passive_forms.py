"""Forms of real text the third collection of passages brought (tests/annotations/real/c.jsonl, development
passages; each case quotes its passage): old symbols without a year, ordinances, numbers written with a zero,
flattened headers, and passive verbs and titles that give a citation no relation."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sitegen.cite.document import find_citations
from sitegen.cite.symbols import parse_symbol
from sitegen.cli import cli
from sitegen.commands.cite import citation_records


def _records(text: str) -> dict[str, dict]:
    return {r["surface"]: r for r in citation_records(text)}


# c-001, c-004, c-002 (vbpl.vn's history tables)
HISTORY_20_CP = ("Lịch sử hiệu lực: Nghị định 20-CP\nNgày Trạng thái Văn bản nguồn Phần hết hiệu lực\n"
                 "01/03/1995 Văn bản được ban hành 20-CP\n17/11/1998 Văn bản hết hiệu lực 20-CP\n"
                 "17/11/1998 Bị thay thế 88/1998/NĐ-CP")
HISTORY_18_HDBT = ("Lịch sử hiệu lực: Nghị định 18-HĐBT\nNgày Trạng thái Văn bản nguồn Phần hết hiệu lực\n"
                   "17/01/1992 Văn bản được ban hành 18-HĐBT\n07/05/2002 Được bổ sung 48/2002/NĐ-CP\n"
                   "20/04/2006 Bị thay thế 32/2006/NĐ-CP")


def test_old_decree_symbols_without_a_year_are_citations_kept_as_issued():
    found = _records(HISTORY_20_CP)
    old = found["Nghị định 20-CP"]
    assert (old["symbol"], old["number"], old["type"]) == ("20-CP", "20-CP", "Nghị định")
    found = _records(HISTORY_18_HDBT)
    assert found["Nghị định 18-HĐBT"]["symbol"] == "18-HĐBT"
    # the hyphenated and the slashed spelling are one document ("Nghị định 20/CP" on another page)
    both = find_citations("Nghị định 20-CP và Nghị định 20/CP")
    assert [c.symbol.normalized for c in both if c.symbol] == ["20-CP", "20/CP"]
    assert len({c.symbol.key for c in both if c.symbol}) == 1
    # a type code after the hyphen is a truncated Party symbol, not an old decree's issuer ("05-CT"): a
    # citation only when a Party issuer phrase fixes its code (f-014, tests/test_cite_round_f_forms.py)
    assert [r["symbol"] for r in citation_records("Thực hiện Chỉ thị 05-CT của Ban Bí thư")] == ["05-CT/TW"]
    assert citation_records("Thực hiện Chỉ thị 05-CT và các văn bản khác") == []


def test_passive_verbs_of_history_tables_give_no_relation():
    found = _records(HISTORY_20_CP)
    assert found["88/1998/NĐ-CP"]["relation"] is None  # "Bị thay thế": replaced BY it
    found = _records(HISTORY_18_HDBT)
    assert found["48/2002/NĐ-CP"]["relation"] is None  # "Được bổ sung"
    assert found["32/2006/NĐ-CP"]["relation"] is None
    # c-046: "được sửa đổi, bổ sung bởi: 1. Nghị định …": both verbs are passive
    text = ("Nghị định\nsố 10/2016/NĐ-CP ngày 01 tháng 02 năm 2016 của Chính phủ quy định về cơ quan\nthuộc "
            "Chính phủ, có hiệu lực thi hành kể từ ngày 20 tháng 3 năm 2016, được sửa\nđổi, bổ sung bởi:\n1. "
            "Nghị\nđịnh số 47/2019/NĐ-CP ngày 05 tháng 6 năm 2019 của Chính phủ sửa đổi, bổ sung")
    found = _records(text)
    assert found["Nghị\nđịnh số 47/2019/NĐ-CP ngày 05 tháng 6 năm 2019"]["relation"] is None
    # an active verb still acts: c-016
    text = ("Quyết định này có hiệu lực thi hành kể từ 16 giờ 00 ngày 9 tháng 8 năm 2006 và thay "
            "thế Quyết định số 0747/2006/QĐ-BTM ngày 27/4/2006 của Bộ trưởng Bộ Thương mại:")
    assert _records(text)["Quyết định số 0747/2006/QĐ-BTM ngày 27/4/2006"]["relation"] == "thay-the"


def test_a_verb_that_opens_the_title_of_the_citation_before_is_not_the_texts_relation():
    # c-011: Nghị định 24/2006 amends Nghị định 57/2002; the text rests on both ("Căn cứ")
    text = ("Căn cứ Nghị định số 24/2006/NĐ-CP ngày 06 tháng 3 năm 2006 của Chính phủ sửa đổi, bổ "
            "sung một số điều của Nghị định số 57/2002/NĐ-CP ngày 03 tháng 6 năm 2002 của Chính phủ quy định "
            "chi tiết thi hành Pháp lệnh phí và lệ phí;")
    found = citation_records(text)
    assert [r["relation"] for r in found] == ["can-cu", None]


def test_numbers_written_with_a_leading_zero_keep_it():
    text = ("Quyết định này có hiệu lực thi hành kể từ 16 giờ 00 ngày 9 tháng 8 năm 2006 và thay "
            "thế Quyết định số 0747/2006/QĐ-BTM ngày 27/4/2006 của Bộ trưởng Bộ Thương mại:")
    [record] = citation_records(text)
    assert record["symbol"] == "0747/2006/QĐ-BTM"
    assert parse_symbol("0747/2006/QĐ-BTM").key == parse_symbol("747/2006/QĐ-BTM").key  # one document
    assert parse_symbol("4-NQ/TU").normalized == "04-NQ/TU"


def test_ordinances_with_their_code_are_citations():
    # c-011
    text = "Căn cứ Pháp lệnh Phí, lệ phí số 38/2001/PL-UBTVQH10 ngày 28 tháng 8 năm 2001;"
    [record] = citation_records(text)
    assert (record["symbol"], record["type"], record["date"], record["relation"]) == (
        "38/2001/PL-UBTVQH10", "Pháp lệnh", "2001-08-28", "can-cu")


def test_the_number_of_a_header_flattened_into_one_line_is_the_documents_own():
    # c-031 (a PDF's text on tailieu.vn): the title lines cite the hosted document, the header numbers it
    text = ("Nội dung Text: Quyết Định Số: 826/QĐ-TTg\n\n  1. THỦ TƯỚNG CHÍNH CỘNG HÒA XÃ HỘI CHỦ "
            "NGHĨA VIỆT PHỦ NAM ------- Độc lập – Tự do – Hạnh phúc -------------- Số: 826/QĐ-TTg "
            "Hà Nội, ngày 09 tháng 06 năm 2010 QUYẾT ĐỊNH VỀ VIỆC TỔ CHỨC KỶ NIỆM 95 NĂM NGÀY SINH")
    assert [r["surface"] for r in citation_records(text)] == ["Quyết Định Số: 826/QĐ-TTg"]


def test_cite_command_prints_every_form_with_its_keys_and_relation():
    """`sitegen cite -` on real passages (c-043, c-041, c-044, c-014, c-053): the variant "TƯ", a number
    without its code tied to its full form, a lower-case type word with an issuer, short forms, a
    legislature's term; one JSON line per citation with the keys of the README."""
    text = ("LTS: Ngày 14-5-2011, Bộ Chính trị ban hành Chỉ thị 03-CT/TƯ về tiếp tục đẩy mạnh việc học "
            "tập và làm theo tấm gương đạo đức Hồ Chí Minh.\n\n"
            "Nhân dịp Ban Bí thư Trung ương Đảng tổ chức Hội nghị toàn quốc sơ kết hai năm thực hiện Chỉ thị "
            "số 03 của Bộ Chính trị, Báo Nhân Dân xin giới thiệu một số tấm gương điển hình.\n\n"
            "giáo dục cho sinh viên theo tinh thần chỉ thị 03 của Bộ Chính trị.\n\n"
            "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23 tháng\n4 năm 2018 của Chính phủ về thực hiện cơ "
            "chế một cửa, Ủy ban nhân dân thành phố ban hành Kế hoạch triển\nkhai như sau:\n2.1. Thống "
            "nhất tiêu chí đánh giá, đảm bảo phù hợp với quy định tại Nghị định số 61/2018/NĐ-CP.\n\n"
            "theo quy định tại Điều 4 Nghị quyết số 76/2025/UBTVQH15.")
    result = CliRunner().invoke(cli, ["cite", "-"], input=text)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    keys = {"surface", "start", "end", "type", "number", "symbol", "date", "issuer", "relation", "title"}
    assert all(set(r) == keys for r in records)
    assert all(text[r["start"]:r["end"]] == r["surface"] for r in records)
    got = [(r["surface"], r["symbol"], r["type"], r["date"], r["issuer"], r["relation"]) for r in records]
    assert got == [
        ("Chỉ thị 03-CT/TƯ", "03-CT/TW", "Chỉ thị", None, "Bộ Chính trị", None),
        ("Chỉ thị số 03", "03-CT/TW", "Chỉ thị", None, "Bộ Chính trị", "thuc-hien"),
        ("chỉ thị 03", "03-CT/TW", "Chỉ thị", None, "Bộ Chính trị", None),
        ("Nghị định số 61/2018/NĐ-CP ngày 23 tháng\n4 năm 2018", "61/2018/NĐ-CP", "Nghị định", "2018-04-23",
         "Chính phủ", "thuc-hien"),
        ("Nghị định số 61/2018/NĐ-CP", "61/2018/NĐ-CP", "Nghị định", "2018-04-23", "Chính phủ", None),
        ("Nghị quyết số 76/2025/UBTVQH15", "76/2025/UBTVQH15", "Nghị quyết", None, None, None),
    ]


def test_type_codes_that_lost_their_d_with_stroke_are_read_as_written_with_it():
    # b-106 (an OCR copy of a Đồng Nai decision): "ND-CP", "QD-TTg"; a unit's "ND" stays
    text = ("Can cri Nghi dinh sO 04/2008/ND-CP ngdy 11/01/2008 crla Chinh phri vi sua\n\n"
            "Cdn ct euyiit dinh s6 418/QD-TTg ngdy l1l4l20l2 ciaThittuong Chinh phti phe")
    got = [(r["symbol"], r["type"]) for r in citation_records(text)]
    assert got == [("04/2008/NĐ-CP", "Nghị định"), ("418/QĐ-TTg", "Quyết định")]
    unit = citation_records("Thực hiện Công văn số 5/UBND-ND của UBND tỉnh.")
    assert [r["symbol"] for r in unit] == ["05/UBND-ND"]


def test_a_word_glued_to_a_code_in_capitals_ends_the_symbol():
    # the brief's "TWngày" of PDF text, on c-037's sentence as a PDF line join glues it
    text = ("Thực hiện Chỉ thị số 10-CT/TWngày 15/12/2016 của Ban Bí thư Trung ương Đảng về tăng cường sự "
            "lãnh đạo của Đảng, Tỉnh ủy Lào Cai đã ban hành Kế hoạch số 69-KH/TUngày 17/3/2017.")
    got = [(r["surface"], r["symbol"], r["date"]) for r in citation_records(text)]
    assert got == [("Chỉ thị số 10-CT/TWngày 15/12/2016", "10-CT/TW", "2016-12-15"),
                   ("Kế hoạch số 69-KH/TUngày 17/3/2017", "69-KH/TU", "2017-03-17")]
    assert citation_records("mã số 5-AB/CDngày") == []  # not a known type code: not a symbol


def test_a_cong_van_in_lower_case_is_a_citation_after_its_type_words_and_so():
    # c-028 as a page that lower-cases everything writes it; without "công văn số" nothing vouches for it
    text = ("tiêu hủy tài liệu hết giá trị được quy định cụ thể tại công văn số 879/vtltnn-nvđp ngày 19 "
            "tháng 12 năm 2006 của cục văn thư và lưu trữ nhà nước. mã hồ sơ 879/vtltnn-nvđp.")
    [record] = citation_records(text)
    assert (record["symbol"], record["number"], record["type"], record["date"]) == (
        "879/VTLTNN-NVĐP", "879/vtltnn-nvđp", "Công văn", "2006-12-19")
