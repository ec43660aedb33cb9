"""The map of a text's date (issue 14, class 10): provinces before and after 1 July 2025.

On that day 63 provinces became 34 (Nghị quyết 202/2025/QH15): 23 new provinces were each made of two or
three old ones and took one of their names ("Ninh Bình" = Hà Nam + Nam Định + Ninh Bình), the 11 others were
unchanged. A text is read with the map of its own date: "Tỉnh ủy" in a 2026 text of Ninh Bình is the merged
province, which this module calls "Ninh Bình (mới)" where it must be told apart from the old Ninh Bình;
"Tỉnh ủy Hà Nam" in a 2021 text, or in a 2026 one, is the old Hà Nam.

The data (data/provinces-2025.json) is generated from the General Statistics Office's lists by
tools/make_admin_maps.py.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from sitegen.base.vi import PartialDate, same_words

REORGANISED = date(2025, 7, 1)
NEW = " (mới)"  # the merged province that kept an old one's name, as the press writes it


@cache
def _data() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(new merged province -> its old provinces, old province -> the new one it is part of)."""
    raw = json.loads((Path(__file__).parent / "data" / "provinces-2025.json").read_text(encoding="utf-8"))
    merged = {name: tuple(parts) for name, parts in raw["merged"].items()}
    into = {part: name for name, parts in merged.items() for part in parts}
    return merged, into


def after_reorganisation(when: PartialDate | date | None) -> bool:
    """Whether a date falls under the two-level map (a year alone: 2026 and later; 2025 is before)."""
    if when is None:
        return False
    if isinstance(when, date):
        return when >= REORGANISED
    if when.month is None:
        return when.year > REORGANISED.year
    return (when.year, when.month, when.day or 1) >= (REORGANISED.year, REORGANISED.month, REORGANISED.day)


def straddles(when: PartialDate | date | None) -> bool:
    """A year alone that holds both maps: "(2025)"."""
    return isinstance(when, PartialDate) and when.month is None and when.year == REORGANISED.year


def scope(province: str, when: PartialDate | date | None) -> str:
    """The province a text (or a cited document) of date `when` means by the name `province`.

    After the reorganisation, a merged province's name is the new province ("Ninh Bình (mới)"), and the name
    of an old province that no longer exists ("Hà Nam") stays the old one; before it, names are the old
    provinces; in 2025 with no month, either ("Ninh Bình|Ninh Bình (mới)")."""
    if not province:
        return ""
    name = same_words(province).removesuffix(NEW)
    merged, _ = _data()
    if name in merged and straddles(when):
        return f"{name}|{name}{NEW}"
    if after_reorganisation(when) and name in merged:
        return name + NEW
    return name


@cache
def province_names() -> frozenset[str]:
    """Every province's name before and after the reorganisation ("An Giang", "Kiên Giang", "Huế"), and the
    old name of Huế, "Thừa Thiên Huế"."""
    raw = json.loads((Path(__file__).parent / "data" / "provinces-2025.json").read_text(encoding="utf-8"))
    merged, _ = _data()
    return frozenset({*merged, *(p for parts in merged.values() for p in parts), *raw["unchanged"],
                      "Thừa Thiên Huế"})


def parts_of(scope_name: str) -> tuple[str, ...]:
    """The old provinces a new merged province was made of ("Ninh Bình (mới)" -> Hà Nam, Nam Định, Ninh
    Bình); () for any other name."""
    if not scope_name.endswith(NEW):
        return ()
    return _data()[0].get(scope_name.removesuffix(NEW), ())


def new_province_of(old: str) -> str | None:
    """The province an old one was merged into ("Hà Nam" -> "Ninh Bình"), None if it was not merged."""
    return _data()[1].get(same_words(old))


def merged_into() -> dict[str, str]:
    """Every old province that became part of a merged one, and that province ("Hà Nam" -> "Ninh Bình",
    "Ninh Bình" -> "Ninh Bình")."""
    return dict(_data()[1])
