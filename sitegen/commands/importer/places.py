"""Administrative units by name, on the map of a document's date (issue 14, class 10), from the official
lists of the General Statistics Office:
- before 1 July 2025: the 63 provinces and their districts (list of 2025-01-04, kept as generated data in
  data/districts-2025-01-04.json by tools/make_admin_maps.py);
- from 1 July 2025, when the district level was abolished and 63 provinces became 34: the 34 provinces and
  their communes, wards and special zones (xã, phường, đặc khu), as the package vietnam-provinces ships them.

`lookup(name, context, when)` answers which units a place name (the place on a header's date line) may be on
the map of the date `when` (a province's own name, "Hà Nam", counts as a unit too: provincial bodies write it
as their place): an exact match after NFC and tone-placement unification ("Hoà" = "Hòa"); failing that, a
match ignoring diacritics but not "đ" against "d", which is how a misspelling is repaired ("Hón Quản" ->
"Hớn Quản"). Names repeat across provinces ("Châu Thành" is in eleven): the candidates are narrowed to the
provinces that `context` (the document's own text) names. Whatever is left may still be several units, and
then nothing should be inferred from the name. Each list is read once, on first use (about 20 ms).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sitegen.base.provinces import after_reorganisation
from sitegen.base.vi import PartialDate, collapse_spaces, nfc, same_words, same_words_key, strip_marks

# Level words before a unit's name, in the data ("Huyện Tam Đường", "Đặc khu Phú Quốc") and in headers ("TP.
# Hồ Chí Minh").
_LEVEL_RE = re.compile(r"^(thành phố|thị xã|thị trấn|huyện|quận|tỉnh|xã|phường|đặc khu)\s+(.+)$",
                       re.IGNORECASE)
_QUERY_LEVEL_RE = re.compile(r"^(?:thành phố|thị xã|thị trấn|huyện|quận|xã|phường|đặc khu|tp\.|tx\.|tp|tx)"
                             r"\s*(?=\w)", re.IGNORECASE)
_BEFORE = Path(__file__).parent / "data" / "districts-2025-01-04.json"
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Unit:
    name: str  # "Tam Đường": traditional tone placement, without the level word
    # "huyện", "quận", "thị xã", "thành phố" on the map before 1 July 2025 (as in its list of 2025-01-04, not
    # necessarily at a document's date); "xã", "phường", "đặc khu" on the map after it
    level: str
    province: str  # "Lai Châu"
    province_level: str  # "tỉnh", or "thành phố" for a centrally-run city
    whole: bool = False  # the province itself, not one of its districts

    def describe(self) -> str:
        """ "huyện Tam Đường, tỉnh Lai Châu"; "tỉnh Hà Nam" for a whole province."""
        where = f"{self.province_level} {self.province}"
        return where if self.whole else f"{self.level} {self.name}, {where}"


@dataclass(frozen=True)
class Lookup:
    query: str
    units: tuple[Unit, ...] = ()  # the candidates left after narrowing by the context
    repaired: bool = False  # found only by ignoring diacritics: the query is misspelled
    among: tuple[str, ...] = ()  # when the context chose: every province that has a unit of this name

    @property
    def unit(self) -> Unit | None:
        return self.units[0] if len(self.units) == 1 else None

    @property
    def district(self) -> Unit | None:
        """The one candidate below the province (a district, or after 1 July 2025 a commune), if there is
        exactly one."""
        districts = [u for u in self.units if not u.whole]
        return districts[0] if len(districts) == 1 else None

    @property
    def provinces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u.province for u in self.units))

    @property
    def spelling(self) -> str | None:
        """The gazetteer's spelling of the name, when every candidate spells it the same way."""
        names = {u.name for u in self.units}
        return names.pop() if len(names) == 1 else None


def _split(full: str) -> tuple[str, str]:
    """ "Huyện Tam Đường" -> ("huyện", "Tam Đường"); "Tỉnh Hoà Bình" -> ("tỉnh", "Hòa Bình")."""
    text = same_words(full)
    m = _LEVEL_RE.match(text)
    return (m.group(1).lower(), m.group(2)) if m else ("", text)


def _fold(key: str) -> str:
    """A `same_words_key` without diacritics, "đ" kept apart from "d": "hớn quản" -> "hon quan"."""
    return "đ".join(strip_marks(part) for part in key.split("đ"))


Index = tuple[dict[str, tuple[Unit, ...]], dict[str, tuple[Unit, ...]], frozenset[str]]


@cache
def _index(after: bool) -> Index:
    """(exact key -> units, folded key -> units, province names) of one map, read once."""
    if after:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

        data, below = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8")), "wards"
    else:
        data, below = json.loads(_BEFORE.read_text(encoding="utf-8")), "districts"
    exact: defaultdict[str, list[Unit]] = defaultdict(list)
    loose: defaultdict[str, list[Unit]] = defaultdict(list)
    provinces = set()
    for province in data:
        province_level, province_name = _split(province["name"])
        if not province_level:  # the list after 2025 names provinces bare ("Ninh Bình")
            province_level = "thành phố" if "thành phố" in province["division_type"] else "tỉnh"
        provinces.add(province_name)
        units = [Unit(province_name, province_level, province_name, province_level, whole=True)]
        for district in province.get(below, ()):
            level, name = _split(district["name"])
            if level and not name[:1].isdigit():  # "Quận 1": named by a number, never a place on its own
                units.append(Unit(name, level, province_name, province_level))
        for unit in units:
            key = same_words_key(unit.name)
            exact[key].append(unit)
            loose[_fold(key)].append(unit)
    return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in loose.items()},
            frozenset(provinces))


When = PartialDate | date | None


def all_units(when: When = None) -> tuple[Unit, ...]:
    """Every unit of the map of `when` (None: the map before 1 July 2025)."""
    return tuple(u for units in _index(after_reorganisation(when))[0].values() for u in units)


def is_province(name: str, when: When = None) -> bool:
    """True for a province's name as the gazetteer spells it, level word dropped ("Lai Châu", "Hà Nội")."""
    return same_words(name) in _index(after_reorganisation(when))[2]


def _words(text: str) -> str:
    return " " + " ".join(_WORD_RE.findall(same_words_key(text))) + " "


def lookup(name: str | None, context: str = "", when: When = None) -> Lookup:
    """The units `name` may be on the map of the date `when` (None: before 1 July 2025); see the module's
    docstring."""
    query = collapse_spaces(nfc(name or ""))
    key = same_words_key(_QUERY_LEVEL_RE.sub("", query))
    if not key:
        return Lookup(query)
    exact, loose, _ = _index(after_reorganisation(when))
    units, repaired = exact.get(key, ()), False
    if not units:
        units, repaired = loose.get(_fold(key), ()), True
    if not units:
        return Lookup(query)
    among: tuple[str, ...] = ()
    everywhere = tuple(dict.fromkeys(u.province for u in units))
    if len(everywhere) > 1 and context:
        words = _words(context)
        named = {p for p in everywhere if _words(p) in words}
        if named:
            among, units = everywhere, tuple(u for u in units if u.province in named)
    return Lookup(query, units, repaired, among)
