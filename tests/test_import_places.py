"""The gazetteer (importer/places.py) and what the importer infers from it (importer/infer.py): a header
without issuer lines gets issuer, parent or province only when the place, the symbol's issuer code and the
body leave no doubt, and every inferred value is listed for the editor to check."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.base import yamldoc
from sitegen.base.vi import PartialDate, same_words_key, strip_marks
from sitegen.cite.vocab import party_issuer_code
from sitegen.commands.importer import convert
from sitegen.commands.importer.infer import PARTY
from sitegen.commands.importer.places import all_units, is_province, lookup
from sitegen.commands.importer.summary import report_lines
from sitegen.pipeline.config import load_config
from sitegen.pipeline.frontmatter import split_frontmatter

TYPES = dict(load_config(REPO)[0].types)  # type: ignore[union-attr]


# --- the gazetteer -----------------------------------------------------------------------------------


def test_exact_name_finds_the_district_and_its_province():
    found = lookup("Tam Đường")
    assert found.unit is not None and not found.repaired
    assert (found.unit.name, found.unit.level, found.unit.province, found.unit.province_level) == (
        "Tam Đường", "huyện", "Lai Châu", "tỉnh")
    assert found.unit.describe() == "huyện Tam Đường, tỉnh Lai Châu"


@pytest.mark.parametrize("written", ["Hoà Vang", "Hòa Vang", "HOÀ VANG", "huyện Hòa Vang", "  Hòa   Vang ",
                                     unicodedata.normalize("NFD", "Hoà Vang")])
def test_tone_placement_case_spacing_and_nfd_are_the_same_name(written):
    found = lookup(written)
    assert found.unit is not None and not found.repaired
    assert found.unit.name == "Hòa Vang" and found.unit.province == "Đà Nẵng"
    assert found.unit.province_level == "thành phố"  # a centrally-run city


def test_names_are_given_in_traditional_tone_placement():
    """The data writes "Tỉnh Hoà Bình"; the site writes "Hòa" (vi.unify_tones)."""
    assert lookup("Hoà Bình", "tỉnh Hoà Bình").provinces == ("Hòa Bình",)
    assert lookup("Hoà Bình", "tỉnh Hoà Bình").district.describe() == "thành phố Hòa Bình, tỉnh Hòa Bình"  # type: ignore[union-attr]
    assert is_province("Hoà Bình") and is_province("Hòa Bình")


def test_a_misspelled_name_is_repaired_from_the_diacritic_insensitive_match():
    found = lookup("Hón Quản")
    assert found.repaired and found.spelling == "Hớn Quản"
    assert found.unit is not None and found.unit.province == "Bình Phước"


def test_d_and_dj_are_different_letters():
    """ "Tam Dương" (Vĩnh Phúc) and "Tam Đường" (Lai Châu) differ only in marks and in đ/d."""
    assert lookup("Tam Duong").spelling == "Tam Dương"
    assert lookup("Tam Duong").unit.province == "Vĩnh Phúc"  # type: ignore[union-attr]
    assert lookup("Tam Đuong").spelling == "Tam Đường"
    assert lookup("Dak Song").units == ()  # "Đắk Song": no "d" stands for "đ"
    assert lookup("Đak Song").spelling == "Đắk Song"


def test_a_name_in_several_provinces_is_ambiguous():
    found = lookup("Châu Thành")
    assert found.unit is None and len(found.provinces) == 10 and found.spelling == "Châu Thành"


def test_the_context_narrows_by_the_provinces_it_names():
    found = lookup("Châu Thành", "Thực hiện Nghị quyết của Tỉnh ủy Bến Tre.")
    assert found.unit is not None and found.unit.province == "Bến Tre"
    assert len(found.among) == 10 and "Bến Tre" in found.among
    still = lookup("Châu Thành", "Tỉnh ủy Bến Tre và Tỉnh ủy Long An")
    assert still.unit is None and set(still.provinces) == {"Bến Tre", "Long An"}
    # A province only counts as a whole word: "Long An" is not named by "Long Anh".
    assert lookup("Châu Thành", "ông Long Anh").unit is None


def test_a_context_naming_no_candidate_changes_nothing():
    assert lookup("Châu Thành", "tỉnh Hà Nam").units == lookup("Châu Thành").units


def test_a_province_name_is_a_whole_province_unit():
    found = lookup("Hà Nam")
    assert found.provinces == ("Hà Nam",) and found.district is None and found.units[0].whole
    both = lookup("Lai Châu")  # the province, and its city of the same name
    assert both.provinces == ("Lai Châu",
                              ) and both.district is not None and both.district.level == "thành phố"


@pytest.mark.parametrize("name", ["", "   ", "Minh An", "Quận 1", "1", "ngày", "Hà Nội Hà Nội"])
def test_unknown_names_find_nothing(name):
    assert lookup(name).units == ()


def test_the_map_of_the_date_is_read_after_1_july_2025():
    """34 provinces and their communes, wards and special zones; no districts (issue 14, class 10)."""
    after = all_units(PartialDate(2025, 7, 1))
    assert sum(u.whole for u in after) == 34
    assert {u.level for u in after if not u.whole} == {"xã", "phường", "đặc khu"}
    assert lookup("Hoa Lư", when=PartialDate(2026)).unit.describe() == "phường Hoa Lư, tỉnh Ninh Bình"  # type: ignore[union-attr]
    assert not any(u.whole for u in lookup("Hà Nam", when=PartialDate(2026)).units)  # merged into Ninh Bình
    assert lookup("Hà Nam", when=PartialDate(2025, 6, 30)).provinces == ("Hà Nam",)
    assert lookup("Phủ Lý", when=PartialDate(2026)).unit.province == "Ninh Bình"  # type: ignore[union-attr]
    assert is_province("Hà Nam") and not is_province("Hà Nam", PartialDate(2026))


def test_the_gazetteer_is_the_2025_list_of_63_provinces():
    units = all_units()
    assert sum(u.whole for u in units) == 63
    assert 680 <= sum(not u.whole for u in units) <= 700
    assert any(u.name == "Kim Bảng" and u.level == "thị xã" for u in units)  # a huyện until 2024


_NAMES = sorted({u.name for u in all_units()})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_NAMES).flatmap(lambda name: st.sampled_from([
    name, name.upper(), strip_marks(name), unicodedata.normalize("NFD", name), name[:-1], "huyện " + name])) |
    st.text(max_size=40), st.text(max_size=80) | st.sampled_from(["tỉnh Bến Tre", "Long An, Tiền Giang", ""]))
@pytest.mark.slow
def test_lookup_never_raises_and_answers_only_gazetteer_units(name, context):
    known = set(all_units())
    found = lookup(name, context)
    assert set(found.units) <= known
    for unit in found.units:  # the name, maybe after a level word ("huyện X"), the same but for marks
        assert strip_marks(same_words_key(found.query)).endswith(strip_marks(same_words_key(unit.name)))
        assert found.repaired or same_words_key(found.query).endswith(same_words_key(unit.name))
    assert set(found.units) <= set(lookup(name).units)  # the context only narrows


# --- the issuer code table -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(PARTY))
def test_the_party_table_agrees_with_the_citation_vocabulary(code):
    """Where cite.vocab knows the phrase for a code ("huyện ủy" -> HU), the importer names that code."""
    issuer, _ = PARTY[code]
    phrase = issuer.format(place="", province="", committee="Tỉnh ủy").strip().lower()
    assert party_issuer_code(phrase) in (code, None)
    assert code in {"HU", "TU", "TXU", "BTGTU", "BTCTU"} or party_issuer_code(phrase) is None


# --- what the importer infers ------------------------------------------------------------------------


def _doc(place: str, number: str, body: str, head: str = "", year: int = 2024) -> bytes:
    return (f"{head}{place}, ngày 02 tháng 01 năm {year}\n\nSố: {number}\n\nKẾ HOẠCH\nVề việc tuyên "
            f"truyền\n\n{body}\n\n"
            "Nơi nhận:\n- Lưu.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nCao Trang Trọng\n").encode()


def _imported(place: str, number: str, body: str, head: str = "", year: int = 2024):
    imp = convert("kh.txt", _doc(place, number, body, head, year), TYPES)
    parts = split_frontmatter(imp.text)
    assert parts is not None
    data, _ = yamldoc.load(parts[0])
    report = report_lines(imp, "x.md")
    checks = report[report.index("  Cần kiểm tra:") + 1:] if "  Cần kiểm tra:" in report else []
    return data, checks, imp


def _fields(data: dict) -> dict:
    return {k: data[k] for k in ("issuer", "parent", "place", "province") if k in data}


@pytest.mark.parametrize("place, number, body, expected, year", [
    ("Tam Đường", "232-KH/HU", "Ban Thường vụ Huyện ủy ban hành.",
     {"issuer": "Huyện ủy Tam Đường", "parent": "Đảng bộ tỉnh Lai Châu", "place": "Tam Đường"}, 2024),
    ("Sóc Sơn", "5-KH/HU", "Nội dung.",
     {"issuer": "Huyện ủy Sóc Sơn", "parent": "Đảng bộ thành phố Hà Nội", "place": "Sóc Sơn"}, 2024),
    ("Hoàn Kiếm", "5-KH/QU", "Nội dung.",
     {"issuer": "Quận ủy Hoàn Kiếm", "parent": "Đảng bộ thành phố Hà Nội", "place": "Hoàn Kiếm"}, 2024),
    ("Phủ Lý", "5-NQ/TU", "Nội dung.", {"issuer": "Tỉnh ủy Hà Nam", "place": "Phủ Lý"}, 2024),
    ("Hà Nam", "5-NQ/TU", "Nội dung.", {"issuer": "Tỉnh ủy Hà Nam", "place": "Hà Nam"}, 2024),
    ("Hà Nội", "5-NQ/TU", "Nội dung.", {"issuer": "Thành ủy Hà Nội", "place": "Hà Nội"}, 2024),
    ("Lai Châu", "86-TB/BTGTU", "Nội dung.",
     {"issuer": "Ban Tuyên giáo Tỉnh ủy Lai Châu", "parent": "Tỉnh ủy Lai Châu", "place": "Lai Châu"}, 2024),
    # The level comes from the body, not from the 2025 list (where Kim Bảng is a thị xã).
    ("Kim Bảng", "5/KH-UBND", "Ủy ban nhân dân huyện ban hành kế hoạch như sau:",
     {"issuer": "Ủy ban nhân dân huyện Kim Bảng", "place": "Kim Bảng", "province": "Hà Nam"}, 2024),
    ("Kim Bảng", "5/KH-UBND",
     "Thực hiện Kế hoạch của UBND tỉnh ban hành ngày 1/1; UBND huyện Kim Bảng ban hành:",
     {"issuer": "Ủy ban nhân dân huyện Kim Bảng", "place": "Kim Bảng", "province": "Hà Nam"}, 2024),
    ("Phủ Lý", "5/KH-UBND", "UBND tỉnh ban hành kế hoạch.",
     {"issuer": "Ủy ban nhân dân tỉnh Hà Nam", "place": "Phủ Lý"}, 2024),
    ("Phủ Lý", "5/KH-UBND", "UBND thành phố ban hành kế hoạch.",
     {"issuer": "Ủy ban nhân dân thành phố Phủ Lý", "place": "Phủ Lý", "province": "Hà Nam"}, 2024),
    ("Châu Thành", "5-KH/HU", "Thực hiện chỉ đạo của Tỉnh ủy Bến Tre.",
     {"issuer": "Huyện ủy Châu Thành", "parent": "Đảng bộ tỉnh Bến Tre", "place": "Châu Thành"}, 2024),
    # documents of 2026, on the map after 1 July 2025: Phủ Lý is a ward of the merged Ninh Bình
    ("Phủ Lý", "5-NQ/TU", "Nội dung.", {"issuer": "Tỉnh ủy Ninh Bình", "place": "Phủ Lý"}, 2026),
    ("Hoa Lư", "5-NQ/ĐU", "Nội dung.",
     {"issuer": "Đảng ủy phường Hoa Lư", "parent": "Đảng bộ tỉnh Ninh Bình", "place": "Hoa Lư"}, 2026),
    ("Hoa Lư", "5/KH-UBND", "Ủy ban nhân dân phường ban hành kế hoạch như sau:",
     {"issuer": "Ủy ban nhân dân phường Hoa Lư", "place": "Hoa Lư", "province": "Ninh Bình"}, 2026),
], ids=["HU", "HU-city", "QU", "TU-capital", "TU-province", "TU-city", "BTGTU", "UBND-huyen", "UBND-not-cua",
        "UBND-tinh", "UBND-thanh-pho", "narrowed", "TU-2026", "DU-ward-2026", "UBND-ward-2026"])
def test_inferred_fields(place, number, body, expected, year):
    data, checks, imp = _imported(place, number, body, year=year)
    assert _fields(data) == expected
    assert imp.diagnostics == []
    for key, value in expected.items():
        if key != "place":
            assert any(line.startswith(f"    {_label(key)} '{value}': bản gốc không ghi; sitegen suy ra từ ")
                       for line in checks), (key, checks)
    assert f'issuer: "{expected["issuer"]}"  # sitegen suy ra' in imp.text


def _label(key: str) -> str:
    from sitegen.commands.importer import label

    return label("van-ban", key)


@pytest.mark.parametrize("body", [
    "Báo cáo kết quả về UBND huyện.",  # no sentence where the committee issues this
    # two levels
    "Thực hiện chỉ đạo của UBND tỉnh. UBND tỉnh ban hành quy định. UBND huyện ban hành kế hoạch.",
    "Thực hiện Kế hoạch của UBND tỉnh về việc ban hành quy chế.",  # "của": another body
    "Ủy ban nhân dân huyện Duy Tiên ban hành kế hoạch.",  # names another district
])
def test_people_committee_level_left_empty_when_the_body_does_not_settle_it(body):
    data, checks, imp = _imported("Kim Bảng", "5/KH-UBND", body)
    assert data["issuer"] == "" and data["province"] == "Hà Nam"
    assert any("nội dung không cho biết cấp nào" in line and "không suy ra cơ quan ban hành (issuer)" in line
               for line in checks)
    assert {d.field for d in imp.diagnostics} == {"issuer"}


def test_a_header_naming_the_province_is_not_overridden():
    head = "ĐẢNG BỘ TỈNH HÀ NAM\nHUYỆN ỦY KIM BẢNG\n\n"
    data, checks, _ = _imported("Kim Bảng", "5-KH/HU", "Nội dung.", head)
    assert _fields(data) == {"issuer": "Huyện ủy Kim Bảng", "parent": "Đảng bộ tỉnh Hà Nam",
                             "place": "Kim Bảng"}
    assert not any("suy ra" in line for line in checks)


def test_only_the_missing_parent_is_inferred_beside_a_printed_issuer():
    data, checks, imp = _imported("Kim Bảng", "5-KH/HU", "Nội dung.", "HUYỆN ỦY KIM BẢNG\n\n")
    assert data["parent"] == "Đảng bộ tỉnh Hà Nam" and data["issuer"] == "Huyện ủy Kim Bảng"
    assert 'issuer: "Huyện ủy Kim Bảng"\n' in imp.text  # printed: no "suy ra" comment
    assert [line for line in checks if "suy ra" in line][0].startswith("    cơ quan cấp trên (parent)")


def test_a_state_header_gets_its_province():
    data, checks, _ = _imported("Hớn Quản", "289/KH-UBND", "Nội dung.", "ỦY BAN NHÂN DÂN\nHUYỆN HỚN QUẢN\n\n")
    assert _fields(data) == {"issuer": "Ủy ban nhân dân huyện Hớn Quản", "place": "Hớn Quản",
                             "province": "Bình Phước"}


def test_central_issuers_get_nothing_from_the_place():
    data, checks, _ = _imported("Ba Đình", "19/CT-TTg", "Thủ tướng Chính phủ chỉ thị.")
    assert _fields(data) == {"issuer": "", "place": "Ba Đình"}
    assert not any("suy ra" in line for line in checks)


def test_an_ambiguous_repair_keeps_the_spelling_but_infers_nothing():
    data, checks, imp = _imported("Chau Thanh", "5/KH-UBND", "UBND huyện ban hành kế hoạch.")
    assert _fields(data) == {"issuer": "", "place": "Châu Thành"}
    assert imp.fixes.counts["fix_place"] == 1
    assert any(line.startswith("    nơi ban hành ghi 'Chau Thanh', đã sửa thành 'Châu Thành'")
               for line in checks)
    assert any("trùng tên nhiều đơn vị hành chính" in line and "không suy ra cơ quan ban hành (issuer) và "
                                                               "tỉnh, "
               "thành phố (province)" in line for line in checks)
