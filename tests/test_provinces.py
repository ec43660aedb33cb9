"""The map of a date (base/provinces.py): which province a name means before and after 1 July 2025."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.base import provinces
from sitegen.base.vi import PartialDate


@pytest.mark.parametrize(("when", "after"), [
    (PartialDate(2025, 6, 30), False), (PartialDate(2025, 7, 1), True), (PartialDate(2025, 7), True),
    (PartialDate(2025), False), (PartialDate(2026), True), (date(2025, 7, 1), True), (None, False),
])
def test_the_two_level_map_starts_on_1_july_2025(when, after):
    assert provinces.after_reorganisation(when) is after


def test_a_merged_province_is_told_apart_from_the_old_one_of_its_name():
    assert provinces.scope("Ninh Bình", PartialDate(2021, 3, 6)) == "Ninh Bình"
    assert provinces.scope("Ninh Bình", PartialDate(2026, 3, 15)) == "Ninh Bình (mới)"
    assert provinces.scope("Ninh Bình", PartialDate(2025)) == "Ninh Bình|Ninh Bình (mới)"
    assert provinces.scope("Hà Nam", PartialDate(2026)) == "Hà Nam"  # an old province stays itself
    assert provinces.scope("Lai Châu", PartialDate(2026)) == "Lai Châu"  # unchanged on 1 July 2025
    assert provinces.scope("Hoà Bình", PartialDate(2021)) == "Hòa Bình"


def test_the_mergers_are_those_of_the_resolution():
    """Nghị quyết 202/2025/QH15: 23 new provinces of two or three old ones, 11 unchanged."""
    assert provinces.parts_of("Ninh Bình (mới)") == ("Hà Nam", "Nam Định", "Ninh Bình")
    assert provinces.parts_of("Ninh Bình") == ()
    assert provinces.new_province_of("Bà Rịa - Vũng Tàu") == "Hồ Chí Minh"
    assert provinces.new_province_of("Hà Giang") == "Tuyên Quang"
    assert provinces.new_province_of("Lai Châu") is None
    merged, into = provinces._data()
    assert len(merged) == 23 and len(into) == 52 and all(2 <= len(p) <= 3 for p in merged.values())
