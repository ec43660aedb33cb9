"""Symbol grammar, normalization and identity keys; Vietnamese dates."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.cite.dates import parse_vn_date
from sitegen.cite.shadow import Shadow, normalize_text
from sitegen.cite.symbols import parse_symbol


@pytest.mark.parametrize(
    ("text", "normalized", "key", "system", "type_code", "issuer", "year"),
    [
        ("04 - NQ/TU", "04-NQ/TU", "4-nq/tu", "party", "NQ", "TU", None),
        ("32a - KH/HU", "32a-KH/HU", "32a-kh/hu", "party", "KH", "HU", None),
        ("25 - HD/BTGTU", "25-HD/BTGTU", "25-hd/btgtu", "party", "HD", "BTGTU", None),
        ("1853- QĐ/BTGTW", "1853-QĐ/BTGTW", "1853-qđ/btgtw", "party", "QĐ", "BTGTW", None),
        ("01-KL/TW", "01-KL/TW", "1-kl/tw", "party", "KL", "TW", None),
        ("24-BS/UBKTTU", "24-BS/UBKTTU", "24-bs/ubkttu", "party", "BS", "UBKTTU", None),
        ("289/KH-UBND", "289/KH-UBND", "289/kh-ubnd", "state", "KH", "UBND", None),
        ("471/TTr-VHTT", "471/TTr-VHTT", "471/ttr-vhtt", "state", "TTr", "VHTT", None),
        ("238/UBND-KGVX", "238/UBND-KGVX", "238/ubnd-kgvx", "state", None, "UBND-KGVX", None),
        ("09/2017/NĐ-CP", "09/2017/NĐ-CP", "9/2017/nđ-cp", "legal", "NĐ", "CP", 2017),
        ("55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP", "55/2005/ttlt-bnv-vpcp", "legal", "TTLT",
         "BNV-VPCP", 2005),
        ("20/2023/QH15", "20/2023/QH15", "20/2023/qh15", "legal", None, "QH15", 2023),
        ("/KH-UBND", "/KH-UBND", "/kh-ubnd", "state", "KH", "UBND", None),
        ("-HD/HU", "-HD/HU", "-hd/hu", "party", "HD", "HU", None),
    ],
)
def test_parse_symbol_gives_canonical_parts(text, normalized, key, system, type_code, issuer, year):
    sym = parse_symbol(text)
    assert sym is not None
    assert (sym.normalized, sym.key, sym.system, sym.type_code, sym.issuer_code, sym.year) == (
        normalized, key, system, type_code, issuer, year)


def test_number_is_zero_padded_below_ten_and_key_drops_zeros():
    assert parse_symbol("4-NQ/TU").normalized == "04-NQ/TU"
    assert parse_symbol("004-NQ/TU").key == parse_symbol("04-NQ/TU").key == "4-nq/tu"
    assert parse_symbol("9/2017/NĐ-CP").normalized == "09/2017/NĐ-CP"


def test_family_follows_issuer_code_not_punctuation():
    assert parse_symbol("22/CT-TW").normalized == "22-CT/TW"
    assert parse_symbol("22/CT-TW").system == "party"
    assert parse_symbol("289-KH/UBND").normalized == "289/KH-UBND"


def test_all_caps_and_lookalike_letters_are_canonicalized():
    assert parse_symbol("19/CT-TTG").normalized == "19/CT-TTg"
    assert parse_symbol("09/2017/N\u00d0-CP").normalized == "09/2017/NĐ-CP"
    assert parse_symbol("12/TTR-VHTT").normalized == "12/TTr-VHTT"


@pytest.mark.parametrize(
    "variant",
    ["04-NQ/TU", "04 - NQ/TU", "04 – NQ/TU", "04\u00a0-\u00a0NQ/TU", "04—NQ / TU", "04 -\nNQ/TU",
     unicodedata.normalize("NFD", "04 - NQ/TU")],
)
def test_spacing_dash_and_space_variants_give_same_symbol(variant):
    assert parse_symbol(variant).normalized == "04-NQ/TU"


def test_spaces_inside_legal_symbol_are_tolerated():
    assert parse_symbol("44 /2005/QĐ-UBND").normalized == "44/2005/QĐ-UBND"


@pytest.mark.parametrize(
    "text",
    ["12/6/2021", "3/2/1930", "2020 – 2025", "09/2019", "I/2022", "18/18", "45.799/36.875", "bộ/ngành",
     "V/v", "T/M", "KT.", "COVID-19", "Covid -19", "TCVN 6909:2001", "CNH-HĐH", "VH – TT", "12-XX/TU",
     "12 - A/B", "", "  ", "số 04-NQ/TU"],
)
def test_non_symbols_are_rejected(text):
    assert parse_symbol(text) is None


def test_normalize_text_unifies_tone_placement_but_keeps_qu():
    assert normalize_text("Tỉnh uỷ") == "Tỉnh ủy"
    assert normalize_text("kế hoạch hoá") == "kế hoạch hóa"
    assert normalize_text("HUYỆN UỶ") == "HUYỆN ỦY"
    assert normalize_text("quý I") == "quý I"
    assert normalize_text("khuỷu") == "khuỷu"


def test_shadow_maps_offsets_back_to_nfd_original():
    original = unicodedata.normalize("NFD", "Tỉnh ủy 04-NQ/TU")
    shadow = Shadow(original)
    assert shadow.text == "Tỉnh ủy 04-NQ/TU"
    s = shadow.text.index("04")
    assert original[shadow.start(s):shadow.end(len(shadow.text))] == "04-NQ/TU"
    assert original[shadow.start(0):shadow.end(4)] == unicodedata.normalize("NFD", "Tỉnh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6/03/2021", (2021, 3, 6)),
        ("06-3-2021", (2021, 3, 6)),
        ("06 / 7 /2005", (2005, 7, 6)),
        ("06.3.2021", (2021, 3, 6)),
        ("06 tháng 3 năm 2021", (2021, 3, 6)),
        ("ngày 06 tháng 3 năm 2021", (2021, 3, 6)),
        ("NGÀY 06 THÁNG 3 NĂM 2021", (2021, 3, 6)),
        ("ngày 6/3/2021", (2021, 3, 6)),
        ("năm 2023", (2023, None, None)),
        ("ngày tháng năm 2023", (2023, None, None)),
        ("ngày ... tháng ... năm 2023", (2023, None, None)),
        ("29/2/2024", (2024, 2, 29)),
    ],
)
def test_parse_vn_date_reads_common_forms(text, expected):
    assert parse_vn_date(text) == expected


@pytest.mark.parametrize("text",
                         ["31/2/2020", "29/2/2023", "6/13/2021", "2020", "tháng 09/2019", "12/6", "abc"])
def test_parse_vn_date_rejects_non_dates(text):
    assert parse_vn_date(text) is None


# --- properties --------------------------------------------------------------------------------------

_PARTY_TYPES = ["NQ", "QĐ", "CT", "KL", "QC", "HD", "KH", "CTr", "TB", "BC", "TTr", "CV", "BS"]
_STATE_TYPES = ["NQ", "QĐ", "CT", "KH", "TB", "BC", "TTr", "QyĐ", "NĐ", "TT", "TTLT", "CĐ"]
_PARTY_ISSUERS = ["TW", "TU", "HU", "ĐU", "BTGTW", "BTGTU", "UBKTTU", "VPTW", "TƯ", "ThU"]
_STATE_ISSUERS = ["UBND", "CP", "TTg", "BNV", "VHTT", "HĐND", "SYT", "BNV-VPCP"]

_numbers = st.builds(
    lambda n, letter: f"{n:02d}{letter}", st.integers(0, 99999), st.sampled_from(["", "", "", "a", "b"])
)
_symbols = st.one_of(
    st.builds(lambda n, t, i: f"{n}-{t}/{i}", _numbers, st.sampled_from(_PARTY_TYPES),
              st.sampled_from(_PARTY_ISSUERS)),
    st.builds(lambda n, t, i: f"{n}/{t}-{i}", _numbers, st.sampled_from(_STATE_TYPES),
              st.sampled_from(_STATE_ISSUERS)),
    st.builds(lambda n, y, t, i: f"{n}/{y}/{t}-{i}", _numbers, st.integers(1945, 2099),
              st.sampled_from(_STATE_TYPES), st.sampled_from(_STATE_ISSUERS)),
    st.builds(lambda n, i: f"{n}/UBND-{i}", _numbers, st.sampled_from(["KGVX", "NC", "KT", "TH"])),
)


@given(_symbols)
def test_parse_symbol_round_trips_through_normalized(text):
    sym = parse_symbol(text)
    assert sym is not None
    assert parse_symbol(sym.normalized) == sym


@given(_symbols, st.data())
def test_spacing_variants_of_a_symbol_give_the_same_key(text, data):
    def respace(sep: str) -> str:
        dash = data.draw(st.sampled_from(["-", "–", "—"])) if sep == "-" else sep
        return data.draw(st.sampled_from(["", " ", "\u00a0"])) + dash + data.draw(st.sampled_from(["", " "]))

    variant = "".join(respace(ch) if ch in "-/" else ch for ch in text)
    assert parse_symbol(variant).key == parse_symbol(text).key
