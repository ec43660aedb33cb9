"""Forms of real text the sixth collection of passages brought (tests/annotations/real/f.jsonl, development
passages; each case quotes its passage): a PDF copy that lost its hyphens, search queries that lost their
slashes, a title line's dash, a truncated Party symbol its issuer fixes, "ban hành ngày" after the issuer, a
tag page's capital, type words whose name is another document's, a meeting's name, a heading glued to the next
sentence and a copy's line break inside a trích yếu."""

from __future__ import annotations

from sitegen.commands.cite import citation_records


def _fields(text: str, *keys: str) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in citation_records(text)]


def test_a_copy_that_lost_its_hyphens_still_writes_symbols_and_dates():
    # f-011 (123docz, a PDF of Quyết định 1961/QĐ-UBND of Kiên Giang)
    text = ("Căn cứ Nghị quyết số 30c/NQCP ngày 08 tháng 11 năm 2011 của Chính phủ ban hành Chương \n"
            "trình Tổng thể cải cách hành chính nhà nước giai đoạn 20112020;\n"
            "Căn cứ Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018 Chính phủ về thực hiện cơ chế \n"
            "một cửa, cơ chế một cửa liên thông trong giải quyết thủ tục hành chính;\n"
            "Căn cứ Thông tư số 01/2018/TTVPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ \n"
            "hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018  \n"
            "của Chính phủ về thực hiện cơ chế một cửa")
    assert _fields(text, "symbol", "type", "date") == [
        ("30c/NQ-CP", "Nghị quyết", "2011-11-08"), ("61/2018/NĐ-CP", "Nghị định", "2018-04-23"),
        ("01/2018/TT-VPCP", "Thông tư", "2018-11-23"), ("61/2018/NĐ-CP", "Nghị định", "2018-04-23")]
    # the glued codes are capitals a copy wrote: words in lower case and other letters are not
    assert citation_records("Căn cứ mã số 61/2018/NDcp") == []


def test_a_query_that_lost_its_slashes_is_read_in_lower_case():
    # f-044, f-045 (tailieunhanh.com search titles), e-034 (a công văn: its codes after "công văn số" only)
    assert _fields("\"nghị định 072021nđ cp\" trang 15 - tải miễn phí từ tailieunhanh", "symbol", "type") == [
        ("07/2021/NĐ-CP", "Nghị định")]
    query = "\"công văn số 4021vpcp cn\" trang 8 - tải miễn phí từ tailieunhanh"
    assert _fields(query, "symbol", "type") == [("4021/VPCP-CN", "Công văn")]
    assert citation_records("công văn 2021abc de") == []
    assert citation_records("Nghị định 072021NĐ CP") == []  # capitals: not a lower-cased query


def test_a_title_lines_spaced_dash_ends_the_number():
    # f-059 (antv.gov.vn): the bare form before the full one; a range or a glued hyphen is still no number
    text = ("Quy định 22 - điểm tựa cho những nhân tố dám đội phá vì lợi ích chung\n\n(ANTV) -Ngày "
            "28/7/2021, Tổng Bí thư Nguyễn Phú Trọng đã ký Quy định số 22-QĐ/TW về công tác kiểm tra, giám "
            "sát và kỷ luật của Đảng.")
    assert _fields(text, "surface", "symbol") == [
        ("Quy định 22", "22-QĐ/TW"), ("Quy định số 22-QĐ/TW", "22-QĐ/TW")]
    assert citation_records("Kế hoạch 5 - 10 năm") == []
    assert citation_records("Quy định 22-điểm") == []


def test_a_truncated_party_symbol_is_a_citation_when_its_issuer_fixes_the_code():
    # f-014 (Báo Kon Tum)
    text = ("Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp, tiến tới Đại hội "
            "XIII của Đảng; Thông báo Kết luận số 159-TB của Bộ Chính trị về việc thảo luận các văn kiện")
    assert _fields(text, "surface", "symbol", "type", "relation") == [
        ("Chỉ thị số 35-CT/TW", "35-CT/TW", "Chỉ thị", "thuc-hien"),
        ("Thông báo Kết luận số 159-TB", "159-TB/TW", "Thông báo", "thuc-hien")]


def test_ban_hanh_ngay_after_the_issuer_phrase_is_the_date_and_no_part_of_the_name():
    # f-034 (Viện KSND Bình Định): a dotted date
    found = citation_records("Đó là nội dung Chỉ thị số 02-CT/TU của Ban Thường vụ Tỉnh ủy ban hành ngày "
                             "14.12.2020. Theo đó, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng")
    assert [(r["symbol"], r["date"], r["issuer"]) for r in found] == [
        ("02-CT/TU", "2020-12-14", "Ban Thường vụ Tỉnh ủy")]


def test_a_tag_page_that_capitalizes_its_first_letter_is_still_a_slug():
    # f-046 (banker.vn tag)
    assert _fields("Nghi dinh 115 2020 nd cp", "symbol", "date") == [("115/2020/NĐ-CP", None)]


def test_type_words_whose_name_ends_in_another_documents_so_are_not_the_symbols_type():
    # f-052 (Nghị quyết 39/NQ-HĐND Quảng Nam): "… Luật Đầu tư công và số 161/2016/NĐ-CP …" is a decree
    text = ("Căn cứ các Nghị định của Chính phủ: số 136/2015/NĐ-CP ngày 31 tháng 12 năm 2015 của Chính phủ "
            "về hướng dẫn thi hành một số điều của Luật Đầu tư công và số 161/2016/NĐ-CP ngày 02 tháng 12 "
            "năm 2016 của Chính phủ về cơ chế đặc thù;")
    assert _fields(text, "symbol", "type") == [
        ("136/2015/NĐ-CP", "Nghị định"), ("161/2016/NĐ-CP", "Nghị định")]
    # a law's name before its own symbol is still its type
    assert _fields("Căn cứ Luật Đầu tư công số 39/2019/QH14", "type") == [("Luật",)]


def test_a_meetings_name_gives_no_relation():
    # f-001 (Cư Kuin, Đắk Lắk), f-004 (Châu Phú, An Giang): rule R (c), "Hội nghị giao ban việc thực hiện …"
    heading = "HỘI NGHỊ QUÁN TRIỆT VÀ TRIỂN KHAI NGHỊ QUYẾT SỐ 06-NQ/TW CỦA BỘ CHÍNH TRỊ"
    body = ("Ngày 18/5/2022, Bộ Chính trị tổ chức Hội nghị trực tuyến toàn quốc quán triệt và triển khai "
            "thực hiện Nghị quyết số 06-NQ/TW ngày 24/1/2022.")
    title = ("Châu Phú: Hội nghị toàn quốc quán triệt, triển khai thực hiện Nghị quyết 06-NQ/TW ngày "
             "24/01/2022")
    for text in (heading, body, title):
        assert _fields(text, "relation") == [(None,)], text
    # the citing text's own verb still gives one
    assert _fields("Hội nghị đã quán triệt Nghị quyết số 04-NQ/TU", "relation") == [("thuc-hien",)]
    assert _fields("Triển khai thực hiện Nghị quyết 06-NQ/TW của Bộ Chính trị đây sẽ là định hướng",
                   "relation") == [("thuc-hien",)]


def test_a_heading_glued_to_the_next_sentence_ends_the_issuer_name():
    # f-031 (z76.vn)
    text = ("HỘI NGHỊ QUÁN TRIỆT NGHỊ QUYẾT 23-NQ/TW CỦA BỘ CHÍNH TRỊCăn cứ vào hướng dẫn của Cục Chính "
            "trị, Tổng cục CNQP về việc tổ chức học tập")
    assert _fields(text, "symbol", "issuer") == [("23-NQ/TW", "BỘ CHÍNH TRỊ")]


def test_a_copys_line_break_inside_a_trich_yeu_keeps_its_verb_the_cited_documents():
    # f-011: "… của Văn phòng Chính phủ \nhướng dẫn thi hành … Nghị định số 61/2018/NĐCP": the circular
    # guides the decree (rule R c); a line that opens after ";" still governs
    text = ("Căn cứ Thông tư số 01/2018/TTVPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ \n"
            "hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018  \n"
            "của Chính phủ về thực hiện cơ chế một cửa")
    assert _fields(text, "relation") == [("can-cu",), (None,)]
    assert _fields("căn cứ luật tổ chức;\ncăn cứ nghị định số 30/2020/nđ-cp ngày 5/3/2020", "relation") == [
        ("can-cu",)]
