"""Forms of real text the fourth collection of passages brought (tests/annotations/real/d.jsonl, development
passages; each case quotes its passage): copies that lost their spaces or wrote "T.Ư", a Party code written
twice, capitals around the issuer, "ban hành ngày … của …", lists whose verb reaches past a renaming in
parentheses or a title, and the type a bare "số …" of a list takes from the item before it."""

from __future__ import annotations

from sitegen.commands.cite import citation_records


def _records(text: str) -> dict[str, dict]:
    return {r["surface"]: r for r in citation_records(text)}


def test_a_dotted_tu_after_the_slash_is_the_central_code():
    # d-013 (Báo Mới)
    text = ("LTS - Ngày 1-4, Bộ Chính trị đã ra Thông báo Kết luận số 234-TB/T.Ư Về \"Báo cáo Kiểm điểm tình "
            "hình thực hiện Nghị quyết Trung ương 2 (khóa VIII) Về khoa học công "
            "nghệ\". Chúng tôi xin trích đăng")
    found = _records(text)["Thông báo Kết luận số 234-TB/T.Ư"]
    assert (found["symbol"], found["type"]) == ("234-TB/TW", "Thông báo")


def test_a_line_that_lost_every_space_still_cites_with_its_date():
    # d-044 (a copy of 42/2011/QĐ-UBND of Tiền Giang)
    text = ("Căn cứ Nghị định số 09/2010/NĐ-CP ngày 08 tháng 02 năm 2010 của "
            "Chính phủ sửa đổi, bổ sung một số "
            "điều của Nghị định số 110/2004/NĐ-CP ngày08 tháng 4năm2004 của Chínhphủvề công tác vănthư;\n"
            "CăncứThôngtưsố01/2011/TT-BNVngày19tháng01năm2011của BộNội vụ hướng dẫn thểthứcvàkỹthuật "
            "trìnhbàyvăn bảnhành chính;\nXét đềnghịcủa Giámđốc Sở Nội vụ,")
    records = citation_records(text)
    glued = [r for r in records if r["symbol"] == "01/2011/TT-BNV"]
    assert len(glued) == 1
    assert (glued[0]["type"], glued[0]["date"], glued[0]["relation"]) == ("Thông tư", "2011-01-19", "can-cu")
    inner = [r for r in records if r["symbol"] == "110/2004/NĐ-CP"][0]
    assert inner["date"] == "2004-04-08"  # "ngày08 tháng 4năm2004"
    # a glued date needs its digits: "…TT-BNVngàyxx" is no symbol's end
    assert not [r for r in citation_records("số 01/2011/TT-BNVngàyhôm qua") if r["symbol"]]


def test_a_party_code_written_twice_keeps_the_date_issuer_and_title_after_it():
    # d-041 (252/KH-UBND of Hà Giang)
    text = ("a) Tổ chức quán triệt và thực hiện nghiêm túc, có hiệu quả Nghị quyết số 37-NQ/TW NQ/TW ngày "
            "24/12/2018 của Bộ Chính trị về việc sắp xếp các ĐVHC cấp huyện và cấp xã")
    found = citation_records(text)
    assert len(found) == 1
    r = found[0]
    assert (r["symbol"], r["date"], r["issuer"]) == ("37-NQ/TW", "2018-12-24", "Bộ Chính trị")
    assert r["title"] == "về việc sắp xếp các ĐVHC cấp huyện và cấp xã"
    # another code after the symbol is no repetition
    other = citation_records("Nghị quyết số 37-NQ/TW KL/TW ngày 24/12/2018 của Bộ Chính trị")
    assert other[0]["date"] is None


def test_an_issuer_between_type_words_and_so_is_read_in_capitals():
    # d-019 (a document list of huyện Bát Xát)
    text = ("QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 69/2008/QĐ-TTg NGÀY 28 THÁNG 5 "
            "NĂM 2008   (11/07/2012 )\n \n\n"
            "click chuột vào đây để tải tài liệu vềQD 164.doc")
    r = citation_records(text)[0]
    assert (r["symbol"], r["issuer"], r["date"]) == ("69/2008/QĐ-TTg", "THỦ TƯỚNG CHÍNH PHỦ", "2008-05-28")


def test_ban_hanh_ngay_after_a_symbol_gives_its_date_and_issuer_but_not_its_span():
    # d-028 (cuuchienbinh.vn)
    text = ("Điều 101 Nghị định 15/2020/NĐ-CP ban hành ngày 03/02/2020 của Chính "
            "phủ quy định mức phạt tiền từ "
            "10 đến 20 triệu đồng đối với hành vi lợi dụng mạng xã hội")
    r = citation_records(text)[0]
    assert (r["surface"], r["date"], r["issuer"]) == ("Nghị định 15/2020/NĐ-CP", "2020-02-03", "Chính phủ")
    # "được ban hành ngày …" is the sentence's verb, with a date of its own telling (a-058)
    passive = citation_records("Ngay sau khi Nghị quyết số 57-NQ/TW được ban hành ngày 22.12.2024, Chính phủ")
    assert passive[0]["date"] is None


def test_a_bare_so_symbol_in_a_list_takes_the_type_of_the_item_before():
    # d-031 (30/2016/QĐ-UBND of Hải Dương)
    text = ("Căn cứ Luật Ngân sách nhà nước số 01/2002/QH11 ngày 16 tháng 12 năm "
            "2002; số 83/2015/QH13 ngày 25 "
            "tháng 6 năm 2015;")
    found = citation_records(text)
    assert [(r["symbol"], r["type"], r["relation"]) for r in found] == [
        ("01/2002/QH11", "Luật", "can-cu"), ("83/2015/QH13", "Luật", "can-cu")]
    # a symbol of another kind keeps its own (none)
    mixed = citation_records("Căn cứ Luật Đầu tư công số 49/2014/QH13; số 05/2015/NĐ-CP ngày 12/1/2015")
    assert mixed[1]["type"] == "Nghị định"


def test_a_renaming_in_parentheses_neither_ends_the_list_nor_joins_the_title():
    # d-041 (252/KH-UBND of Hà Giang)
    text = ("Thực hiện Kết luận số 48-KL/TW ngày 30 tháng 01 năm 2023 của Bộ Chính "
            "trị về tiếp tục thực hiện sắp "
            "xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 - 2030 (gọi "
            "tắt là Kết luận số 48-KL/TW), "
            "Nghị quyết số 35/2023/UBTVQH15 ngày 12 tháng 7 năm 2023 của Ủy ban "
            "Thường vụ Quốc hội về việc sắp xếp "
            "đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 - 2030 (gọi tắt là Nghị quyết số "
            "35/2023/UBTVQH15); Chỉ thị số 30- CT/TU ngày 07 tháng 8 năm 2023 của "
            "Ban Thường vụ Tỉnh ủy Hà Giang "
            "về tiếp tục thực hiện sắp xếp đơn vị hành chính cấp huyện, cấp xã trên địa bàn tỉnh Hà Giang.")
    found = {(r["surface"], r["start"]): r for r in citation_records(text)}
    full = [r for (s, _), r in found.items() if "ngày" in s]
    assert [r["symbol"] for r in full] == ["48-KL/TW", "35/2023/UBTVQH15", "30-CT/TU"]
    assert [r["relation"] for r in full] == ["thuc-hien"] * 3
    assert full[0]["title"] == ("về tiếp tục thực hiện sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn "
                                "2023 - 2030")
    # the renamed short form itself is no document the text acts on
    renamed = [r for (s, _), r in found.items() if s == "Kết luận số 48-KL/TW"]
    assert renamed and renamed[0]["relation"] is None


def test_a_clause_opening_verb_may_follow_adverbs():
    # d-017 (Yên Lạc, Vĩnh Phúc)
    text = ("Nghiêm túc thực hiện chỉ đạo của Thủ tướng Chính phủ Nguyễn Xuân "
            "Phúc tại Thông báo số 31/TB-VPCP "
            "ngày 25/2/2021 về phòng, chống dịch Covid-19, Chủ tịch UBND huyện vừa "
            "có công văn yêu cầu các cơ quan "
            "nâng cao mức cảnh báo; tiếp tục triển khai thực hiện nghiêm các chỉ "
            "đạo của Bộ Chính trị, Ban Bí "
            "thư, Chính phủ, Thủ tướng Chính phủ, Ban Thường vụ Tỉnh ủy và Văn bản "
            "số 614/UBND-VX1 ngày 28/01/2021, "
            "Thông báo số 31/TB-UBND ngày 02/02/2021 của UBND tỉnh về tăng cường công tác phòng, chống dịch.")
    assert [r["relation"] for r in citation_records(text)] == ["thuc-hien"] * 3
    # an adverb alone opens nothing: the verb still has to be there
    assert citation_records("Nghiêm túc chỉ đạo của Thủ tướng Chính phủ tại Thông báo số 31/TB-VPCP ngày "
                            "25/2/2021")[0]["relation"] is None


def test_an_inner_verb_reaches_the_next_items_of_its_list():
    # d-002 (Báo Bình Thuận)
    text = ("Tại hội nghị, lãnh đạo Đảng ủy Khối đã quán triệt các nội dung Nghị "
            "quyết số 18 - NQ/TW “Một số vấn "
            "đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị "
            "tinh gọn, hoạt động hiệu lực, "
            "hiệu quả”; Nghị quyết số 19 - NQ/TW “Tiếp tục đổi mới hệ thống tổ "
            "chức và quản lý”; Nghị quyết số "
            "20 - NQ/TW “Công tác dân số trong tình hình mới”. Hội nghị cũng đã "
            "triển khai chuyên đề năm 2018")
    assert [r["relation"] for r in citation_records(text)] == ["thuc-hien"] * 3
    # a document of another kind after the separator is not an item of that list
    other = citation_records("Hội nghị đã quán triệt Nghị quyết số 04-NQ/TU; "
                             "Quyết định số 15-QĐ/TU về kiện toàn")
    assert [r["relation"] for r in other] == ["thuc-hien", None]
    # a verb in the trích yếu of a cited plan is what the plan does (rule R, RELATIONS.md): no relation
    plan = citation_records("Ban Thường vụ đã ban hành Kế hoạch số 12-KH/TU thực hiện "
                            "Nghị quyết số 04-NQ/TU; "
                            "Quyết định số 15-QĐ/TU về kiện toàn")
    assert [r["relation"] for r in plan] == [None, None, None]


def test_a_title_follows_a_short_name_in_parentheses():
    # d-047 (a university's news page)
    text = ("Ngày 05/3/2020, Chính phủ đã ban hành Nghị định 30/2020/NĐ-CP (Nghị "
            "định 30) về công tác văn thư "
            "thay thế Nghị định 110/2004/NĐ-CP quy định về công tác văn thư.")
    first = citation_records(text)[0]
    assert (first["symbol"], first["title"]) == ("30/2020/NĐ-CP", "về công tác văn thư")


def test_a_title_opening_verb_is_read_across_a_copys_line_break():
    # c-013: "… Nghị quyết số 26/2022/UBTVQH15 … của Ủy\nban Thường vụ Quốc hội sửa đổi, bổ sung một số điều
    # của Nghị quyết số 1210/2016/UBTVQH13": the amendment is what 26/2022 does, the text cites both as bases
    text = ("Căn cứ Nghị quyết số 26/2022/UBTVQH15 ngày 21 tháng 9 năm 2022 của "
            "Ủy\nban Thường vụ Quốc hội sửa "
            "đổi, bổ sung một số điều của Nghị quyết số 1210/2016/UBTVQH13 ngày 25 "
            "tháng 5 năm 2016 về phân loại "
            "đô thị;")
    assert [r["relation"] for r in citation_records(text)] == ["can-cu", None]


def test_lower_case_issuer_phrases_are_read_whole():
    # d-052 and d-053: b-005 and b-035 lower-cased whole (no real lower-cased page with these phrases was
    # found)
    text = ("thực hiện nghị quyết số 09/nq-cp ngày 02/02/2023 của chính phủ, chương trình số 37-ctr/tu "
            "ngày 17/11/2022 của ban chấp hành đảng bộ tỉnh, kế hoạch số 125-kh/tu ngày 05/12/2022 của ban "
            "thường vụ tỉnh ủy về triển khai thực hiện nghị quyết số 20-nq/tw ngày 16/6/2022")
    found = {r["symbol"]: r for r in citation_records(text)}
    assert found["37-CTr/TU"]["issuer"] == "ban chấp hành đảng bộ tỉnh"
    assert found["125-KH/TU"]["issuer"] == "ban thường vụ tỉnh ủy"
    assert found["125-KH/TU"]["title"].startswith("về triển khai thực hiện nghị quyết số 20-nq/tw")
    text = ("căn cứ nghị quyết số 09-nq/tu ngày 27 tháng 6 năm 2012 của ban chấp hành đảng bộ tỉnh an giang "
            "về việc phát triển nông nghiệp ứng dụng công nghệ cao tỉnh an giang giai đoạn 2015-2020;\n\n"
            "căn cứ quyết định số 2163/qđ-ubnd ngày 29 tháng 11 năm 2012 của ubnd tỉnh an giang về việc ban "
            "hành kế hoạch")
    found = {r["symbol"]: r for r in citation_records(text)}
    assert found["09-NQ/TU"]["issuer"] == "ban chấp hành đảng bộ tỉnh an giang"
    assert found["2163/QĐ-UBND"]["issuer"] == "ubnd tỉnh an giang"
    assert found["2163/QĐ-UBND"]["title"] == "về việc ban hành kế hoạch"
    # a province's name with a hyphen; a word after "tỉnh" that names no province ends the phrase
    assert citation_records("quyết định số 12/qđ-ubnd của ubnd tỉnh bà rịa - vũng tàu về việc")[0][
        "issuer"] == "ubnd tỉnh bà rịa - vũng tàu"
    assert citation_records("công văn số 5/ubnd-vx của ubnd tỉnh đã nêu")[0]["issuer"] == "ubnd tỉnh"
