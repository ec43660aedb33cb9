"""Named forms: documents cited by a name instead of a number ("Nghị quyết Trung ương 4 (khóa XII)").

`site.yaml` (`aliases: {name: "SYMBOL [DATE]"}`) and a document's front-matter (`aliases: [name, …]`) map
names to a document. The plugin marks each name found in a text as a Citation of that document (its symbol
and date), so the citation graph links it like any other citation. Matching ignores case, spacing,
parentheses, commas and tone placement: "nghị quyết Trung ương 4, khoá XII" is the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sitegen.base import folders

from .dates import DateTuple, parse_vn_date
from .detect import Citation, doc_type_of
from .shadow import Shadow, normalize_text
from .symbols import Symbol, parse_symbol
from .vocab import TYPE_WORDS

# Shown as "trường 'aliases.<name>' (…): <this>" by the config validation.
BAD_TARGET = ("'{value}' không đúng dạng 'SỐ KÝ HIỆU [NGÀY]' (ví dụ \"04-NQ/TW 2016-10-30\", "
              "\"09/2017/NĐ-CP\", \"04-NQ/TU 6/3/2021\")")
CONFLICT = "tên gọi '{name}' đã chỉ văn bản {kept}; bỏ qua {dropped}"

_PUNCT = re.compile(r"[()\[\],;:.\"“”'‘’-]+")
_SEP = r"[ ()\[\],;:.\"“”'‘’-]{1,6}"  # never a newline: the shadow keeps paragraph breaks as "\n"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TARGET = re.compile(r"(?P<sym>.+?)(?:[ ,]+(?:(?i:ngày) "
                     r"*)?(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}))?")


@dataclass(frozen=True)
class AliasTarget:
    symbol: str  # normalized: "04-NQ/TW"
    date: DateTuple | None  # (year, month, day), or None when only the symbol is given
    doc_type: str | None  # vocabulary key ("nghi-quyet"), when known


@dataclass(frozen=True)
class AliasTable:
    """Name key -> target, sorted by key. Hashable and comparable: part of what a cached parse depends on."""

    names: tuple[tuple[str, AliasTarget], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names)

    def get(self, key: str) -> AliasTarget | None:
        return _index(self.names).get(key)


@lru_cache(maxsize=32)
def _index(names: tuple[tuple[str, AliasTarget], ...]) -> dict[str, AliasTarget]:
    return dict(names)


def alias_key(name: str) -> str:
    """"Nghị quyết Trung ương 4 (khoá XII)" -> "nghị quyết trung ương 4 khóa xii"."""
    return " ".join(_PUNCT.sub(" ", normalize_text(name).lower()).split())


def parse_target(value: str) -> tuple[Symbol, DateTuple | None] | None:
    """ "04-NQ/TW 2016-10-30", "04-NQ/TU, ngày 6/3/2021", "09/2017/NĐ-CP" -> (symbol, date); None if
    malformed."""
    m = _TARGET.fullmatch(" ".join(normalize_text(value).split()))
    if not m or (symbol := parse_symbol(m.group("sym").strip(" ,"))) is None:
        return None
    text = m.group("date")
    if text is None:
        return symbol, None
    if iso := _ISO.fullmatch(text):
        date = parse_vn_date(f"{iso[3]}/{iso[2]}/{iso[1]}")
    elif _YEAR.fullmatch(text):
        date = (int(text), None, None)
    else:
        date = parse_vn_date(text)
    return (symbol, date) if date else None


def _type_of_name(key: str) -> str | None:
    words = key.split()
    for n in (4, 3, 2, 1):
        if (found := TYPE_WORDS.get(" ".join(words[:n]))) is not None:
            return found
    return None


def build_table(
    site: Mapping[str, str],
    documents: Iterable[tuple[str, Iterable[str], str, DateTuple | None, str | None]],
) -> tuple[AliasTable, list[tuple[str, str]]]:
    """The table from site.yaml's mapping and each document's (source, names, number, date, type key).

    site.yaml wins, then documents in the order given. Returns the table and (source, message) for every
    name dropped because another target already holds it.
    """
    table: dict[str, AliasTarget] = {}
    owner: dict[str, str] = {}
    dropped: list[tuple[str, str]] = []

    def add(source: str, name: str, target: AliasTarget) -> None:
        key = alias_key(name)
        if not key:
            return
        if key in table and table[key] != target:
            kept = f"{table[key].symbol} ({owner[key]})"
            dropped.append((source, CONFLICT.format(name=name, kept=kept, dropped=target.symbol)))
            return
        table.setdefault(key, target)
        owner.setdefault(key, source)

    for name, value in site.items():
        if (parsed := parse_target(value)) is not None:
            sym, when = parsed
            add(folders.SITE_CONFIG, name,
                AliasTarget(sym.normalized, when, _type_of_name(alias_key(name)) or doc_type_of(sym)))
    for source, names, number, date, doc_type in documents:
        if (own := parse_symbol(number)) is not None:
            for name in names:
                add(source, name, AliasTarget(own.normalized, date, doc_type))
    return AliasTable(tuple(sorted(table.items()))), dropped


@lru_cache(maxsize=32)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alts = [_SEP.join(re.escape(w) for w in key.split()) for key in sorted(keys, key=len, reverse=True)]
    first = "".join(sorted({c for key in keys for c in (key[0], key[0].upper())}))
    return re.compile(f"(?=[{re.escape(first)}])(?<!\\w)(?:{'|'.join(alts)})(?!\\w)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _symbol(normalized: str) -> Symbol | None:
    return parse_symbol(normalized)


def find_aliases(text: str, table: AliasTable, taken: Sequence[Citation] = ()) -> list[Citation]:
    """Citations of the table's names in `text` (offsets into `text`), leaving out any that overlap
    `taken`."""
    if not table:
        return []
    shadow = Shadow(text)
    t = shadow.text
    out: list[Citation] = []
    for m in _pattern(tuple(k for k, _ in table.names)).finditer(t):
        s, e = m.start(), m.end()
        if m.group().count("(") > m.group().count(")"):  # "… 4 (khóa XII)": the closing parenthesis too
            close = re.match(r" {0,2}\)", t[e:e + 3])
            e += close.end() if close else 0
        target = table.get(alias_key(m.group()))
        symbol = _symbol(target.symbol) if target else None
        if target is None or symbol is None:
            continue
        start, end = shadow.start(s), shadow.end(e)
        if any(c.start < end and start < c.end for c in taken):
            continue
        year, month, day = target.date if target.date else (None, None, None)
        out.append(Citation(start, end, text[start:end], symbol, target.doc_type, year, month, day, None,
                            False, False))
    return out


def with_aliases(text: str, found: list[Citation], table: AliasTable) -> list[Citation]:
    """`found` plus the alias citations that do not overlap it, in text order."""
    named = find_aliases(text, table, found)
    return sorted(found + named, key=lambda c: c.start) if named else found
