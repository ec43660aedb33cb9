"""What a document's header implies but does not print: a misspelled place repaired, and the issuer, parent
and province worked out from the symbol's issuer code, the place (looked up in the gazetteer, places.py) and
the body's own words.

Only what follows without a doubt: one gazetteer unit (or one province), an issuer code of the table below,
and, for a people's committee, one level in the body's sentence "Ủy ban nhân dân huyện ban hành …" (not the
gazetteer's level: units change level, Kim Bảng was a huyện in 2022 and is a thị xã in the 2025 list). Every
value comes back with where it came from, for the report's "Cần kiểm tra".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitegen.base import catalog
from sitegen.base.provinces import after_reorganisation
from sitegen.base.vi import same_words_key
from sitegen.cite.identity import is_central, province_of
from sitegen.cite.symbols import Symbol

from .header import Header
from .places import Lookup, Unit, is_province, lookup

# Issuer code -> (issuer, parent). {place}: the district-level unit's name; {province}: the province's;
# {committee}: "Tỉnh ủy", or "Thành ủy" for a centrally-run city; {level}: "tỉnh" or "thành phố".
# Codes from document-symbols.md; tests check the names against cite.vocab.party_issuer_code.
_DISTRICT_PARENT = "Đảng bộ {level} {province}"
PARTY: dict[str, tuple[str, str | None]] = {
    "HU": ("Huyện ủy {place}", _DISTRICT_PARENT),
    "QU": ("Quận ủy {place}", _DISTRICT_PARENT),
    "TXU": ("Thị ủy {place}", _DISTRICT_PARENT),
    "ThU": ("Thành ủy {place}", _DISTRICT_PARENT),
    "TU": ("{committee} {province}", None),
    "BTGTU": ("Ban Tuyên giáo {committee} {province}", "{committee} {province}"),
    "BTCTU": ("Ban Tổ chức {committee} {province}", "{committee} {province}"),
    "BDVTU": ("Ban Dân vận {committee} {province}", "{committee} {province}"),
    "UBKTTU": ("Ủy ban Kiểm tra {committee} {province}", "{committee} {province}"),
    "VPTU": ("Văn phòng {committee} {province}", "{committee} {province}"),
}
# On the map after 1 July 2025 there are no districts: a commune's, ward's or special zone's committees, and
# the provincial ones as before.
PARTY_AFTER: dict[str, tuple[str, str | None]] = {
    "ĐU": ("Đảng ủy {unit_level} {place}", "Đảng bộ {level} {province}"),
    **{code: names for code, names in PARTY.items() if "{place}" not in names[0]},
}
STATE: dict[str, str] = {"UBND": "Ủy ban nhân dân"}  # + the level the body names, + the unit's name
# The body names its own people's committee as the subject of "ban hành", after a sentence or clause break
# ("…; UBND huyện ban hành kế hoạch"), never after "của" ("Kế hoạch … của UBND tỉnh ban hành …").
_SELF_RE = re.compile(r"(?:^|[.;:,])[ \t]*(?:(?:Ủy|Uỷ) ban nhân dân|UBND)[ \t]+"
                      r"(?P<level>huyện|quận|thị xã|thành phố|tỉnh|xã|phường|đặc khu)"
                      r"(?P<name>(?:[ \t]+\w+){0,4}?)"
                      r"[ \t]+(?:đã[ \t]+)?ban[ \t]+hành\b", re.MULTILINE)


@dataclass
class Inference:
    values: dict[str, str] = field(default_factory=dict)  # field -> value inferred (or place repaired)
    checks: list[str] = field(default_factory=list)  # report lines, "Cần kiểm tra"
    place_repaired: bool = False
    written_place: str | None = None  # the place as the export wrote it

    def apply(self, h: Header) -> None:
        """Put the repaired place and the inferred issuer and parent in `h` (the province is not a header
        field: read it from `values`)."""
        h.place = self.values.get("place", h.place)
        h.issuer = h.issuer or self.values.get("issuer")
        h.parent = h.parent or self.values.get("parent")

    def comment(self, key: str) -> str:
        """The front-matter comment for a field's value: empty for a value read from the export."""
        if key == "place" and self.place_repaired:
            return catalog.MSG["import_repaired_comment"].format(old=self.written_place)
        return catalog.MSG["import_inferred_comment"] if key in self.values else ""

    def shown(self, key: str, value: str) -> str:
        """A field's value as the report's "Tìm thấy" shows it."""
        if key == "place" and self.place_repaired:
            return catalog.MSG["import_repaired_value"].format(value=value, old=self.written_place)
        return catalog.MSG["import_inferred_value"].format(value=value) if key in self.values else value


def infer(h: Header, symbol: Symbol | None, body: str, labels: dict[str, str]) -> Inference:
    """What to set in the header (place, issuer, parent) and the province, with report lines. `body` is
    the document's text; `labels` the report's names of the fields ("cơ quan ban hành (issuer)")."""
    msg, out = catalog.MSG, Inference(written_place=h.place)
    if not h.place:
        return out
    # The map of the document's date: districts before 1 July 2025, communes and 34 provinces after it.
    when, party = h.date, PARTY_AFTER if after_reorganisation(h.date) else PARTY
    found = lookup(h.place, " ".join(x for x in (h.parent, h.issuer, body) if x), when)
    if found.repaired and found.spelling:
        out.values["place"], out.place_repaired = found.spelling, True
        out.checks.append(msg["import_place_repaired"].format(old=h.place, new=found.spelling,
                                                              unit=_where(found)))
    if symbol is None or is_central(symbol):
        return out
    place = out.values.get("place", h.place)
    code = symbol.issuer_code.split("-")[0]
    wanted = [key for key, missing in (("issuer", not h.issuer and (code in party or code in STATE)),
                                       ("parent", not h.parent and party.get(code, ("", None))[1]))
              if missing]
    named = province_of(h.parent, h.issuer)
    if not (named and is_province(named, when)) and code not in party:
        wanted.append("province")
    if len(found.provinces) != 1:
        if found.units and wanted:
            out.checks.append(msg["import_place_ambiguous"].format(
                place=place, provinces=", ".join(found.provinces), fields=_and(labels[k] for k in wanted)))
        elif wanted and wanted != ["province"]:
            out.checks.append(msg["import_place_unknown"].format(
                place=place, fields=_and(labels[k] for k in wanted if k != "province")))
        return out
    province, province_level = found.provinces[0], found.units[0].province_level
    source_place = msg["import_source_place"].format(place=place, unit=_where(found))
    if found.among:
        source_place += msg["import_source_narrowed"].format(count=len(found.among),
                                                             provinces=", ".join(found.among))
    if "issuer" in wanted:
        issuer, sources = _issuer(code, found, body, party)
        if issuer is None:
            out.checks.append(sources[0].format(code=code, number=symbol.normalized, place=place,
                                                provinces=province, fields=labels["issuer"]))
        else:
            out.values["issuer"] = issuer
            source_code = msg["import_source_code"].format(code=code, number=symbol.normalized)
            out.checks.append(_inferred(labels["issuer"], issuer, [source_code, *sources, source_place]))
    if "parent" in wanted:
        out.values["parent"] = _fill(party[code][1] or "", None, province, province_level)
        out.checks.append(_inferred(labels["parent"], out.values["parent"], [source_place]))
    # The province where the site would not read it from parent or issuer (model.entry_scope); a header
    # that names a province itself wins over the gazetteer.
    named = province_of(out.values.get("parent", h.parent), out.values.get("issuer", h.issuer))
    if named != province and not (named and is_province(named, when)):
        out.values["province"] = province
        out.checks.append(_inferred(labels["province"], province, [source_place]))
    return out


def _issuer(code: str, found: Lookup, body: str,
            party: dict[str, tuple[str, str | None]]) -> tuple[str | None, list[str]]:
    """(issuer, its sources besides the code and the place), or (None, [the report line's template]).
    `found` has candidates in one province only."""
    msg, unit = catalog.MSG, found.district
    province, province_level = found.provinces[0], found.units[0].province_level
    # No district of that name (a province's own name), or several in the province:
    why = msg["import_place_ambiguous" if any(not u.whole for u in found.units) else "import_place_unknown"]
    if code in party:
        template = party[code][0]
        if "{place}" in template and unit is None:
            return None, [why]
        return _fill(template, unit, province, province_level), []
    city = province_level == "thành phố" and any(u.whole for u in found.units) and unit is None

    def own(level: str, name: str) -> bool:  # a committee named in full must be this place's
        want = province if level == "tỉnh" or (level == "thành phố" and city) else unit.name if unit else ""
        return not name or same_words_key(name) == same_words_key(want)

    levels = {level: phrase for level, name, phrase in _self_levels(body) if own(level, name)}
    if len(levels) != 1:
        return None, [msg["import_level_unclear"]]
    level, phrase = next(iter(levels.items()))
    source = [msg["import_source_level"].format(phrase=phrase)]
    if level == "tỉnh":
        if province_level != "tỉnh":
            return None, [msg["import_level_unclear"]]
        return f"{STATE[code]} tỉnh {province}", source
    if level == "thành phố" and city:
        return f"{STATE[code]} thành phố {province}", source
    if unit is None:
        return None, [why]
    return f"{STATE[code]} {level} {unit.name}", source


def _self_levels(body: str) -> list[tuple[str, str, str]]:
    """(level, name or "", phrase as written) of each sentence where a people's committee issues this."""
    out = []
    for m in _SELF_RE.finditer(body):
        name = m.group("name").strip()
        if all(w[0].isupper() for w in name.split()):
            out.append((m.group("level"), name, m.group(0).lstrip(".;:, \t")))
    return out


def _fill(template: str, unit: Unit | None, province: str, province_level: str) -> str:
    city = province_level == "thành phố"
    return template.format(place=unit.name if unit else "", province=province, level=province_level,
                           committee="Thành ủy" if city else "Tỉnh ủy", unit_level=unit.level if unit else "")


def _where(found: Lookup) -> str:
    """ "huyện Tam Đường, tỉnh Lai Châu" for the report; how many units bear the name when several do."""
    unit = found.unit or found.district
    if unit is not None:
        return unit.describe()
    if len(found.provinces) == 1:
        return f"{found.units[0].province_level} {found.provinces[0]}"
    return catalog.MSG["import_place_many"].format(count=len(found.units))


def _and(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def _inferred(label: str, value: str, sources: list[str]) -> str:
    return catalog.MSG["import_inferred"].format(label=label, value=value, sources=_and(sources))
