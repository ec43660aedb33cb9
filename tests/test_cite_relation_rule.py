"""Relation rule R (tests/annotations/real/RELATIONS.md): the relation is what the citing text does. A
verb in a topic phrase ("về thực hiện …") or in another document's name ("Chương trình hành động … thực
hiện …") gives none; a clause that opens with the verb still does. Each case quotes a development passage."""

from __future__ import annotations

from sitegen.commands.cite import citation_records

# a-020 (Báo Nghệ An)
A020 = ("Khẩn trương xây dựng kế hoạch và tổ chức thực hiện Nghị quyết 25-NQ/TƯ\n\n(Baonghean) - Ngày "
        "20/11/2013, Ban Chấp hành Đảng bộ tỉnh đã ban hành Chương trình hành động số 25-CTr/TƯ về thực hiện "
        "Nghị quyết 25-NQ/TƯ của Trung ương, trong đó có yêu cầu")
# e-008 (baomoi.com)
E008 = (
    "Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57\nBan Thường vụ Tỉnh ủy "
    "vừa ban hành Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính "
    "trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia. Nội dung "
    "chương trình hành động như sau:\nThực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị "
    "về đột phá phát triển khoa học")


def test_a_topic_phrase_ve_thuc_hien_gives_no_relation():
    relations = [r["relation"] for r in citation_records(A020) if r["symbol"] == "25-NQ/TW"]
    # the heading's "tổ chức thực hiện" acts on it; "Chương trình … về thực hiện" names the programme's topic
    assert relations == ["thuc-hien", None]


def test_a_verb_inside_an_action_programmes_name_gives_no_relation_but_an_opening_verb_does():
    relations = [r["relation"] for r in citation_records(E008)]
    assert relations == [None, None, "thuc-hien"]


def test_the_rule_does_not_reach_across_a_line():
    # the citing plan's own heading in capitals, its title on the next line (a-023)
    found = citation_records("KẾ HOẠCH\n\nTHỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16 THÁNG 7 NĂM 2021")
    assert [r["relation"] for r in found] == ["thuc-hien"]


def test_a_guiding_verb_in_a_cited_circulars_title_gives_the_decree_it_names_no_relation():
    # e-040 (phapluatcongdong.vn): Thông tư 01/2018 "hướng dẫn thi hành … Nghị định số 61/2018/NĐ-CP"
    text = (
        "Căn cứ Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ hướng dẫn "
        "thi hành một số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về "
        "thực hiện cơ chế một cửa;\nCăn cứ Quyết định số 600/QĐ-UBND ngày 04 tháng 3 năm 2020 của Chủ tịch "
        "UBND tỉnh về việc công bố thủ tục hành chính;")
    assert [r["relation"] for r in citation_records(text)] == ["can-cu", None, "can-cu"]


def test_a_verb_in_the_title_of_a_list_item_leaves_the_next_item_to_the_clause_verb():
    # a-023: "Thực hiện Chỉ thị số 19/CT-TTg … phát động thi đua thực hiện thắng lợi … và Kế hoạch số 16"
    text = (
        "Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua "
        "thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hằng năm và Kế hoạch số 16/KH-HĐTĐKT "
        "ngày 31/8/2021 của Hội đồng Thi đua - Khen thưởng Trung ương, Ủy ban nhân dân tỉnh ban hành")
    assert [r["relation"] for r in citation_records(text)] == ["thuc-hien", "thuc-hien"]


def test_a_verb_of_the_citing_sentence_after_a_citation_is_not_that_citations_title():
    # the sample site's Báo cáo 215-BC/HU: "Tiếp tục quán triệt Nghị quyết số 01-NQ/TU gắn với thực hiện Chỉ
    # thị số 12-CT/TU …" (the report acts on both); "Kế hoạch … về “thực hiện Nghị quyết …" (a quoted topic)
    found = citation_records(
        "Tiếp tục quán triệt Nghị quyết số 01-NQ/TU gắn với thực hiện Chỉ thị số 12-CT/TU, ngày 20/8/2019 "
        "của Ban Thường vụ Tỉnh ủy về xây dựng đời sống văn hóa ở cơ sở.")
    assert [r["relation"] for r in found] == ["thuc-hien", "thuc-hien"]
    quoted = citation_records(
        "Kế hoạch số 32a - KH/HU, ngày 12/6/2021 của Ban Thường vụ Huyện ủy về “thực hiện Nghị quyết số "
        "04-NQ/TU, ngày 6/3/2021 của Ban Thường vụ Tỉnh ủy về tăng cường”")
    assert [r["relation"] for r in quoted] == [None, None]
