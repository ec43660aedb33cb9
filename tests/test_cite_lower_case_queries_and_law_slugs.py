"""Forms of real text the seventh collection of passages brought (tests/annotations/real/g.jsonl, development
passages; each case quotes its passage): a lower-cased query that glued its number, year and both codes, a
slug that names a law before "so N YYYY qhNN", and a lower-cased interview's "nghị quyết 18/2017" whose issuer
fixes a Party symbol."""

from __future__ import annotations

from sitegen.commands.cite import citation_records


def _fields(text: str, *keys: str) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in citation_records(text)]


def test_a_query_that_glued_number_year_and_codes_is_a_citation():
    # g-008 (123doc.org search title): the query alone on its line is not a header's "Thông tư số:" label
    assert _fields("thông tư số 021999ttbkh", "surface", "symbol", "number", "type") == [
        ("thông tư số 021999ttbkh", "02/1999/TT-BKH", "02", "Thông tư")]
    # without a year the letters are no codes; a header's label still numbers the document itself
    assert citation_records("thông tư số 02ttbkh") == []
    assert citation_records("mã số 123456abcd") == []
    assert citation_records("Thông tư số: 01/2011/TT-BNV") == []
    assert citation_records("số: 186/qđ-ubnd") == []


def test_a_slug_that_names_a_law_before_its_symbol():
    # g-013 (hoatieu.vn download path): the law's name stands between the type word and "so"
    slug = "download phap luat luat ban hanh van ban quy pham phap luat 2015 so 80 2015 qh13"
    assert _fields(slug, "symbol", "number", "type") == [("80/2015/QH13", "80", "Luật")]
    # only in a slug (lower case, no diacritics), and only with the legislature's code
    assert citation_records("Luật Ban hành văn bản quy phạm pháp luật 2015 so 80 2015 qh13") == []
    assert citation_records("luat dat dai 2024 so 31 2024 ab") == []


def test_a_party_resolution_named_by_number_and_year_keeps_the_year():
    # g-020 (Tuổi Trẻ interview, lower case): "của Trung ương" fixes 18-NQ/TW, "/2017" is its year
    text = ("* Nhìn lại 7 năm thực hiện nghị quyết 18/2017 của Trung ương về sắp xếp tổ chức bộ máy, cá nhân "
            "ông nhìn nhận thế nào về kết quả đạt được và những điều cần rút ra?\n\n- Qua 7 năm thực hiện "
            "nghị quyết 18, bước đầu tạo chuyển biến tích cực trong đổi mới, sắp xếp tổ chức bộ máy")
    assert _fields(text, "symbol", "date", "issuer", "relation") == [
        ("18-NQ/TW", "2017", "Trung ương", "thuc-hien"), ("18-NQ/TW", "2017", "Trung ương", "thuc-hien")]


def test_a_tag_of_a_truncated_legal_symbol_in_lower_case_is_a_citation():
    # g-053 (asadona.com tag page): no "số", but a legal normative type with its symbol's year
    assert _fields("nghị định 209/2013", "symbol", "number", "type", "date") == [
        (None, "209/2013", "Nghị định", "2013")]
    # other types and bare numbers in lower case still need "số" or a fuller citation
    assert citation_records("báo cáo 6/2021") == []
    assert citation_records("nghị định 209 mới") == []


def test_a_plan_of_action_named_inside_a_line_gives_no_relation():
    # g-043 (Thanh tra tỉnh Lào Cai): rule R (c), the verb names the plan; the sentence's own "Thực hiện" acts
    text = ("Triển khai kế hoạch hành động thực hiện Nghị quyết số 57-NQ/TW và phát động phong trào "
            "“Bình dân học vụ số”\nSáng ngày 21/5/2025, Tỉnh ủy Lào Cai tổ chức Hội nghị triển khai "
            "kế hoạch hành động thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và phát động phong "
            "trào “Bình dân học vụ số” – một sáng kiến mang tính đột phá nhằm phổ cập kỹ năng số cho "
            "toàn dân. Hội nghị được tổ chức trực tuyến, kết nối từ điểm cầu cấp tỉnh đến các huyện, "
            "thị xã, thành phố.\nPhát động phong trào \"Bình dân học vụ số\" của tỉnh Lào Cai\nThực hiện "
            "Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về phát triển khoa học - công "
            "nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Ban Thường vụ Tỉnh ủy Lào Cai đã ban "
            "hành Kế hoạch hành động số 334-KH/TU ngày 25/4/2025")
    assert _fields(text, "symbol", "relation") == [
        ("57-NQ/TW", None), ("57-NQ/TW", None), ("57-NQ/TW", "thuc-hien"), ("334-KH/TU", None)]
    # a plan's own title line opens with its name: the plan implements the resolution
    assert _fields("KẾ HOẠCH HÀNH ĐỘNG THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW", "relation") == [("thuc-hien",)]


def test_a_bare_number_before_a_bare_symbol_shares_its_code():
    # g-056 (Thành ủy TP.HCM's news, copied on toanthua.com): "số 2522, 2523/UBND - VX", and the list (after
    # "và các") shares the issuer written after its last item
    text = ("Cụ thể, đối với khung giờ từ 6 giờ đến 18 giờ hàng ngày, tiếp tục kiểm soát việc di chuyển "
            "trên địa bàn TP của các nhóm đối tượng được phép hoạt động theo chỉ đạo tại Công văn số 2468/ "
            "UBND - VX ngày 23/7/2021 và các Công văn số 2522, 2523/UBND - VX ngày 28/7/2021 của UBND TP.")
    assert _fields(text, "symbol", "number", "date", "issuer") == [
        ("2468/UBND-VX", "2468/ UBND - VX", "2021-07-23", "UBND TP"),
        ("2522/UBND-VX", "2522", "2021-07-28", "UBND TP"),
        ("2523/UBND-VX", "2523/UBND - VX", "2021-07-28", "UBND TP")]
    # a number that is no document's stays out ("Khoản 5, …"); a typed symbol keeps its own code
    assert _fields("theo Khoản 5, 2523/UBND-VX của UBND TP", "symbol") == [("2523/UBND-VX",)]
    assert _fields("Công văn số 12, Kế hoạch số 13/KH-UBND", "symbol") == [(None,), ("13/KH-UBND",)]


def test_a_query_that_glued_a_decrees_number_to_its_year():
    # g-068 (tailieunhanh.com search title): "632021" is 63/2021, printed with the number it starts with
    text = "\"nghị định số 632021\" trang 6 - tải miễn phí từ tailieunhanh"
    assert _fields(text, "surface", "symbol", "number", "type", "date") == [
        ("nghị định số 632021", None, "63", "Nghị định", "2021")]
    # only after a legal normative type and "số", in lower case, ending in a year
    assert citation_records("công văn số 632021") == []
    assert citation_records("Nghị định số 632021") == []
    assert citation_records("nghị định số 1234567") == []
