"""Forms of real text the third collection of passages brought (tests/annotations/real/c.jsonl, development
passages; each case quotes its passage): old symbols without a year, ordinances, numbers written with a zero,
flattened headers, and passive verbs and titles that give a citation no relation."""

from __future__ import annotations

from sitegen.cite.document import find_citations
from sitegen.cite.symbols import parse_symbol
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
    # a type code after the hyphen is a truncated Party symbol, not an old decree's issuer
    assert not any(r["symbol"] for r in citation_records("Thực hiện Chỉ thị 05-CT của Ban Bí thư"))


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
