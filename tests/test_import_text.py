"""Repairs of exported text and the casing of header lines (sitegen.commands.importer.text, .casing)."""

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.commands.importer.casing import authority_case, organ_case, person_case
from sitegen.commands.importer.text import (
    Fixes,
    letters_of,
    repair_line,
    repair_text,
    strip_emphasis,
    unwrap_emphasis,
)

# Text built from what exports are made of: Vietnamese letters (both normal forms), spaces of every
# kind, asterisks, digits, punctuation, line breaks.
_PIECES = st.sampled_from([
    "Số", " ", "  ", "\u00a0", "\u202f", "\t", "*", "**", "12", "08", "-", "/", "HD", "HU", "ngày",
    "Tỉnh ủy", unicodedata.normalize("NFD", "Tỉnh ủy"), "\n", "\r\n", "\u200b", "\u00ad", "a", "đ", ".", "“",
    "\u0301", "e", "x",
])
_EXPORT_TEXT = st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=80)


@pytest.mark.slow
@settings(max_examples=300)
@given(_EXPORT_TEXT)
def test_repair_is_idempotent(text):
    once = repair_text(text)
    assert repair_text(once) == once


@pytest.mark.slow
@settings(max_examples=300)
@given(_EXPORT_TEXT)
@example("*12a*\u0301")  # found by Hypothesis: the asterisk's removal joined the mark onto the "a"
def test_repair_never_loses_a_letter_or_digit(text):
    assert letters_of(repair_text(text)) == letters_of(text.replace("\u00ad", "").replace("\u200b", ""))


@given(st.text(max_size=60))
def test_repair_line_is_idempotent(line):
    line = line.replace("\n", " ")
    once = repair_line(line)
    assert repair_line(once) == once


def test_stray_asterisks_around_numbers_are_removed():
    fixes = Fixes()
    assert repair_text("Số *12** - HD/HU", fixes) == "Số 12 - HD/HU"
    assert repair_text("Kim Bảng, ngày *08* tháng 03 năm 2022") == "Kim Bảng, ngày 08 tháng 03 năm 2022"
    assert fixes.counts["fix_asterisks"] == 1


def test_real_emphasis_is_kept():
    text = "(*Hoàn thành trong quý I/2022*) và **T/M BAN THƯỜNG VỤ**"
    assert repair_text(text) == text


def test_nbsp_and_space_runs_become_one_space():
    fixes = Fixes()
    assert repair_text("tổ chức \u00a0Hội nghị”.\u00a0\u00a0\u00a0 Tham mưu  ",
                       fixes) == "tổ chức Hội nghị”. Tham mưu"
    assert fixes.counts["fix_nbsp"] == 4


def test_nfd_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Huyện ủy Kim Bảng")
    fixes = Fixes()
    assert repair_text(nfd, fixes) == "Huyện ủy Kim Bảng"
    assert fixes.counts["fix_nfc"] == 1


def test_indentation_and_line_structure_are_kept():
    assert repair_text("a\r\n  - b\u00a0 c\r\n\r\nd") == "a\n  - b c\n\nd"


def test_emphasis_helpers():
    assert unwrap_emphasis("**1. Mục đích**") == "1. Mục đích"
    assert unwrap_emphasis("1. Văn bản *(khóa XIII)*") == "1. Văn bản *(khóa XIII)*"
    assert strip_emphasis("**T/M BAN THƯỜNG VỤ") == "T/M BAN THƯỜNG VỤ"
    assert strip_emphasis("PHÓ BÍ THƯ**") == "PHÓ BÍ THƯ"


def test_header_capitals_to_running_text():
    assert organ_case("ĐẢNG BỘ TỈNH HÀ NAM") == "Đảng bộ tỉnh Hà Nam"
    assert organ_case("HUYỆN ỦY KIM BẢNG") == "Huyện ủy Kim Bảng"
    assert organ_case("HUYỆN UỶ KIM BẢNG") == "Huyện ủy Kim Bảng"
    assert organ_case("ỦY BAN NHÂN DÂN HUYỆN HỚN QUẢN") == "Ủy ban nhân dân huyện Hớn Quản"
    assert organ_case("BAN TUYÊN GIÁO TỈNH ỦY") == "Ban Tuyên giáo Tỉnh ủy"
    assert organ_case("UBND TỈNH BÌNH PHƯỚC") == "UBND tỉnh Bình Phước"
    assert organ_case("SỞ NỘI VỤ") == "Sở Nội vụ"
    assert organ_case("Huyện ủy Kim Bảng") == "Huyện ủy Kim Bảng"  # already in running text
    assert organ_case("PHÓ BÍ THƯ") == "Phó Bí thư"
    assert organ_case("PHÓ CHỦ TỊCH") == "Phó Chủ tịch"
    assert authority_case("T/M BAN THƯỜNG VỤ") == "T/M Ban Thường vụ"
    assert authority_case("KT. CHỦ TỊCH") == "KT. Chủ tịch"
    assert authority_case("TM. ỦY BAN NHÂN DÂN") == "TM. Ủy ban nhân dân"
    assert person_case("NGUYỄN MẠNH TUẤN") == "Nguyễn Mạnh Tuấn"
    assert person_case("Cao Trang Trọng") == "Cao Trang Trọng"


@given(st.text(alphabet="ĐẢNGBỘTỈNHÀAMUYỆỦKIMẢ ", max_size=40))
def test_casing_keeps_the_letters(text):
    assert letters_of(organ_case(text).casefold()) == letters_of(" ".join(text.split()).casefold())
