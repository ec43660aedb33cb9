"""Citations in the slugs and tags a site lower-cases and strips of diacritics and separators, and issuer
names a copy breaks across a line (development passages of tests/annotations/real/e.jsonl and c.jsonl, each
quoted): the words after the number spell the year, the type code and the issuer; a page that lower-cases all
but "Đ" still writes a symbol; a name reads on across a line and stops at the next line's sentence."""

from __future__ import annotations

from sitegen.commands.cite import citation_records


def _one(text: str) -> dict:
    found = citation_records(text)
    assert len(found) == 1, found
    return found[0]


def test_a_slug_spells_the_year_type_code_and_issuer_of_a_symbol():
    # e-020 (hoatieu.vn), e-019 (bnews.vn), e-005 (hoatieu.vn)
    assert _one("phap luat nghi dinh 103 2012 nd cp")["symbol"] == "103/2012/NĐ-CP"
    assert _one("nghi dinh so 138 2020 nd cp")["symbol"] == "138/2020/NĐ-CP"
    found = _one("download phap luat quyet dinh 03 2013 qd ubnd cua ubnd tinh quang binh")
    assert (found["surface"], found["symbol"], found["type"]) == (
        "quyet dinh 03 2013 qd ubnd", "03/2013/QĐ-UBND", "Quyết định")


def test_a_slug_carries_the_date_and_issuer_written_after_it():
    # b-056 (bnews.vn tag), e-005
    found = _one("quyet dinh so 15 2020 qd ttg ngay 24 thang 4 nam 2020")
    assert (found["symbol"], found["date"]) == ("15/2020/QĐ-TTg", "2020-04-24")
    assert _one("quyet dinh 03 2013 qd ubnd cua ubnd tinh quang binh")["issuer"] == "ubnd tinh quang binh"


def test_a_slug_without_a_code_is_a_truncated_symbol_with_its_year():
    # e-017 (hoatieu.vn)
    found = citation_records("phap luat da co nghi dinh 123 2020 ve hoa don thay the nghi dinh 51 2010")
    assert [(r["number"], r["symbol"], r["date"]) for r in found] == [
        ("123", None, "2020"), ("51", None, "2010")]


def test_slug_words_after_a_number_of_another_type_or_in_capitals_are_no_symbol():
    assert citation_records("bao cao 6 2021 ve tinh hinh") == []
    assert citation_records("Báo cáo 6 tháng đầu năm 2021") == []


def test_a_lower_cased_page_that_leaves_d_in_capitals_still_writes_a_symbol():
    # e-004 (hoatieu.vn search page)
    found = _one("quyết định 15-2012-qĐ-ubnd")
    assert (found["symbol"], found["type"]) == ("15/2012/QĐ-UBND", "Quyết định")


def test_issuer_names_read_on_across_a_line_and_stop_at_the_next_sentence():
    # e-014 (thuviennhadat.vn: a name broken by a line), c-016 (Bộ Thương mại), c-026 (a new line's sentence)
    found = _one("Căn cứ Thông tư liên tịch\nsố 11/2004/TTLT-BNN-BNV ngày 02/4/2004 của Bộ Nông nghiệp và "
                 "Phát triển nông\nthôn và Bộ Nội vụ hướng dẫn chức năng")
    assert found["issuer"] == "Bộ Nông nghiệp và Phát triển nông thôn và Bộ Nội vụ"
    assert _one("Quyết định số 0747/2006/QĐ-BTM ngày 27/4/2006 của Bộ trưởng Bộ Thương mại:")["issuer"] == (
        "Bộ trưởng Bộ Thương mại")
    assert _one("Chỉ thị số 05-CT/TW của Bộ Chính trị\nCác lãnh đạo, học trò xuất sắc")["issuer"] == (
        "Bộ Chính trị")


def test_a_bare_year_right_after_a_symbol_in_a_list_title_is_its_year():
    # e-053 (lingo.vn): "Quyết định 439/QĐ-TTg 2023 BCĐ quản lý …"; a range is not a year
    assert _one("Quyết định 439/QĐ-TTg 2023 BCĐ quản lý vị trí việc làm")["date"] == "2023"
    assert _one("Kế hoạch số 45-KH/TU 2021 - 2025")["date"] is None
    assert _one("Kế hoạch số 45-KH/TU, 2021 về")["date"] is None
