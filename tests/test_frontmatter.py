"""Front-matter validation: every mistake names file:line, the field and what was expected, in Vietnamese."""

import unicodedata

from sitegen.pipeline.frontmatter import load_entry
from sitegen.pipeline.sources import Source, decode

CONTEXT = {"types": {"nghi-quyet": {}, "huong-dan": {}}}
GOOD = """---
title: Về công tác tư tưởng
type: nghi-quyet
number: 04-NQ/TU
issuer: Tỉnh ủy Hà Nam
date: 2021-03-06
signer:
  on_behalf: T/M Ban Thường vụ
  position: Bí thư
  name: Nguyễn Văn A
---
Nội dung.
"""


def load(text, path="content/van-ban/a.md"):
    return load_entry(Source(path, text, "digest"), CONTEXT)


def only(diagnostics):
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    return diagnostics[0]


def test_valid_document_loads_with_body_line():
    entry, diagnostics = load(GOOD)
    assert diagnostics == []
    assert entry.meta.number == "04-NQ/TU" and entry.meta.signer.name == "Nguyễn Văn A"
    assert entry.body == "Nội dung.\n" and entry.body_line == 12


def test_missing_title_names_the_field():
    d = only(load(GOOD.replace("title: Về công tác tư tưởng\n", ""))[1])
    assert d.field == "title" and d.file == "content/van-ban/a.md" and d.line == 2
    assert "thiếu trường bắt buộc 'title'" in d.message and "trích yếu" in d.message


def test_unknown_type_points_at_its_line_with_a_suggestion():
    d = only(load(GOOD.replace("type: nghi-quyet", "type: nghi-quyt"))[1])
    assert (d.line, d.field) == (3, "type")
    assert "không có trong danh mục" in d.message and "nghi-quyet" in d.message


def test_impossible_date_is_rejected_with_its_line():
    d = only(load(GOOD.replace("2021-03-06", "2022-13-45"))[1])
    assert (d.line, d.field) == (6, "date")
    assert "2022-13-45" in d.message and "không có thật" in d.message


def test_badly_formed_date_says_which_forms_are_accepted():
    d = only(load(GOOD.replace("2021-03-06", "6 tháng 3"))[1])
    assert "YYYY-MM-DD" in d.message and "DD/MM/YYYY" in d.message


def test_vietnamese_and_year_only_dates_are_accepted():
    assert load(GOOD.replace("2021-03-06", "06/03/2021"))[0].meta.date.iso() == "2021-03-06"
    assert load(GOOD.replace("2021-03-06", "2023"))[0].meta.date.iso() == "2023"


def test_bad_yaml_gives_the_file_line():
    d = only(load(GOOD.replace("type: nghi-quyet", "type: [nghi-quyet"))[1])
    assert d.code == "yaml-syntax" and d.line >= 3 and "YAML" in d.message


def test_unknown_key_suggests_the_closest_field():
    diagnostics = load(GOOD.replace("  position:", "  positon:"))[1]
    unknown = [d for d in diagnostics if d.code == "extra-forbidden"]
    assert len(unknown) == 1
    assert unknown[0].line == 9 and unknown[0].field == "signer.positon" and "position" in unknown[0].hint


def test_reserved_key_is_explained():
    d = only(load(GOOD.replace("date: 2021-03-06", "date: 2021-03-06\nurl: /x/"))[1])
    assert d.field == "url" and d.line == 7 and "tự tính" in d.message


def test_missing_frontmatter_and_unclosed_frontmatter():
    assert only(load("Chỉ có nội dung.\n")[1]).code == "no-frontmatter"
    assert only(load("---\ntitle: x\n")[1]).code == "unclosed-frontmatter"


def test_messages_format_as_file_line():
    d = only(load(GOOD.replace("2021-03-06", "2022-13-45"))[1])
    assert d.format().startswith("content/van-ban/a.md:6: lỗi: ")


def test_nfd_bytes_are_normalized_to_nfc():
    text, error = decode(unicodedata.normalize("NFD", GOOD).encode("utf-8"))
    assert error is None and text == GOOD
    entry, _ = load(text)
    assert entry.meta.issuer == "Tỉnh ủy Hà Nam"


def test_article_and_page_kinds_follow_the_folder():
    article = "---\ntitle: Tin\ndate: 2020-05-08\nauthor: Giao Tuyến\n---\nBài.\n"
    entry, diagnostics = load(article, "content/tin-bai/t.md")
    assert diagnostics == [] and entry.kind == "tin-bai" and entry.meta.author == "Giao Tuyến"
    entry, diagnostics = load("---\ntitle: Giới thiệu\n---\nX\n", "content/gioi-thieu.md")
    assert diagnostics == [] and entry.kind == "trang"


def test_unclosed_quote_points_at_its_own_line_and_says_it_is_not_closed():
    """Left open, the quote runs on until the next value's opening quote closes it; the parser then fails a
    line or more later with 'indentation'. The editor's mistake is on the line of the quote."""
    text = GOOD.replace("title: Về công tác tư tưởng", 'title: "Về công tác tư tưởng').replace(
        "number: 04-NQ/TU", 'number: "04-NQ/TU"')
    d = only(load(text)[1])
    assert (d.code, d.line) == ("yaml-syntax", 2)
    assert 'ngoặc kép (") nhưng không đóng trên dòng này' in d.message and "thụt lề" not in d.message
    single = GOOD.replace("  position: Bí thư", "  position: 'Bí thư").replace("  name: Nguyễn Văn A",
                                                                               "  name: 'Nguyễn Văn A'")
    d = only(load(single)[1])
    assert d.line == 9 and "dấu nháy (')" in d.message
    never_closed = GOOD.replace("issuer: Tỉnh ủy Hà Nam", 'issuer: "Tỉnh ủy Hà Nam')
    d = only(load(never_closed)[1])
    assert d.line == 5 and "không đóng trên dòng này" in d.message


def test_a_closed_quote_over_two_lines_is_still_valid_yaml():
    entry, diagnostics = load(GOOD.replace("title: Về công tác tư tưởng", 'title: "Về công tác\n  tư tưởng"'))
    assert diagnostics == [] and entry.meta.title == "Về công tác tư tưởng"
