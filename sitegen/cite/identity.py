"""Which document a citation names: identities, and how one group of citations resolves to documents or stubs
(the site's resolution, kept between builds: cite/resolve.py).

Identity of a document (document-symbols.md, "Uniqueness"): symbol key + date (or year) + scope, where scope
is "" for central issuers (TW, CP, TTg, ministries…) and the province for local ones (TU, HU, UBND…),
because "04-NQ/TU" exists in every province. A number without its code ("Công văn số 468 ngày 12/3/2023 của
UBND tỉnh") has the identity type + number + date or year + scope; it names a document when exactly one
document of the site (in content/, or cited in full elsewhere) fits it, else, with a year and a scope, a stub
of its own. A citation that cannot be tied to exactly one document is reported, never silently merged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.base import provinces
from sitegen.base.shared import Shared
from sitegen.base.vi import PartialDate, unify_tones
from sitegen.cite.detect import Citation
from sitegen.cite.issuers import level_of_code, level_of_phrase
from sitegen.cite.symbols import Symbol
from sitegen.cite.vocab import party_issuer_code

_PROVINCE = re.compile(r"(?<!\w)(?:tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|thành phố|tỉnh)\s+", re.IGNORECASE)
_CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})
_CENTRAL_STATE = frozenset({"CP", "TTG", "CTN", "VPCP", "VPQH", "TANDTC", "VKSNDTC", "KTNN", "BCT", "BBT"})
_LOCAL_MINISTRY_LIKE = frozenset({"BTGTU", "BTCTU", "BDVTU", "BCĐ"})
# Types only central bodies issue: a number of this type is central whoever is named.
_CENTRAL_TYPES = frozenset({"nghi-dinh", "thong-tu", "thong-tu-lien-tich", "luat", "phap-lenh"})


@lru_cache(maxsize=16384)  # pure, on short texts that repeat (issuers): 1 s of assemble at 10,000 documents
def province_of(*texts: str | None) -> str:
    """ "Đảng bộ tỉnh Hà Nam", "Tỉnh ủy Minh An", "UBND TỈNH HÀ NAM" -> "Hà Nam"; "" when no text names
    one."""
    for text in (t or "" for t in texts):
        for m in _PROVINCE.finditer(text):
            words: list[str] = []
            for word in text[m.end():m.end() + 160].split()[:6]:  # not the whole rest of a long text
                word = word.strip(",;.()")
                if word == "-" and words and words[-1] != "-":  # "Bà Rịa - Vũng Tàu"
                    words.append(word)
                    continue
                if not word or not word[0].isupper() or len(words) - words.count("-") >= 4:
                    break
                words.append(word)
            while words and words[-1] == "-":
                words.pop()
            name = " ".join(w.capitalize() for w in unify_tones(" ".join(words)).split())
            # "thành phố"/"Thành ủy" name a province only for a centrally-run city: "UBND thành phố Phủ Lý"
            # and "Thành ủy Phủ Lý" are a city of Hà Nam, whose province the next words or texts may name.
            if name and (not m.group(0).lower().startswith("thành") or name.casefold() in _CENTRAL_CITIES):
                return name
    return ""


def is_central(symbol: Symbol) -> bool:
    code = symbol.issuer_code.split("-")[0].upper()
    if symbol.system == "party":
        return code.endswith(("TW", "TƯ"))
    if code in _CENTRAL_STATE or code.startswith(("QH", "UBTVQH")):
        return True
    return code.startswith("B") and code not in _LOCAL_MINISTRY_LIKE and not code.endswith("TU")


def number_key(doc_type: str | None, number: str) -> str:
    """Identity key of a number without its code: "#cong-van:468"."""
    return f"#{doc_type or ''}:{number.lstrip('0') or '0'}"


@dataclass(frozen=True)
class Identity:
    key: str  # Symbol.key, or number_key() for a number without its code
    date: PartialDate | None  # None: cited with no date anywhere
    scope: str  # "" central or unknown; else the province ("Hà Nam")

    def compatible(self, other: Identity) -> bool:
        if self.key != other.key or not scopes_agree(self.scope, other.scope):
            return False
        return _dates_agree(self.date, other.date)


def scopes_agree(a: str, b: str) -> bool:
    """Provinces that may be the same: either unknown, equal, or one of the alternatives of the other
    ("Hà Nam|Nam Định|Ninh Bình": what "Tỉnh ủy" of a 2026 text of Ninh Bình means for a 2021 document)."""
    return not a or not b or a == b or bool(set(a.split("|")) & set(b.split("|")))


def citation_scope(c: Citation, citing_scope: str, citing_when: PartialDate | None) -> str:
    """The province a citation's document belongs to, read with the map of its date (base/provinces.py): a
    province its issuer phrase names, in the era of the cited date (else of the citing text's); else the
    citing text's own province, which for a document dated before the merger of that province may be any of
    the old ones ("Hà Nam|Nam Định|Ninh Bình")."""
    cited_when = citation_date(c) or citing_when
    named = province_of(c.issuer_phrase)
    if named:
        return provinces.scope(named, cited_when)
    parts = provinces.parts_of(citing_scope)
    if parts and provinces.straddles(cited_when):
        return "|".join((citing_scope, *parts))
    if parts and cited_when is not None and not provinces.after_reorganisation(cited_when):
        return "|".join(parts)
    return citing_scope


def _dates_agree(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    if a.year != b.year:
        return False
    if a.month is None or b.month is None:
        return True
    return a.month == b.month and (a.day is None or b.day is None or a.day == b.day)


def citation_date(c: Citation) -> PartialDate | None:
    if c.year is not None:
        return PartialDate(c.year, c.month, c.day if c.month else None)
    if c.symbol is not None and c.symbol.year is not None:
        return PartialDate(c.symbol.year)
    return None


@dataclass(frozen=True)
class Occurrence:
    """One citation in one source: where it is and what it says."""

    source: str  # citing file, for diagnostics
    source_url: str  # citing page
    line: int  # file line
    citation: Citation
    sentence: str
    scope: str  # province the citing text is in ("" when unknown)
    relation: str | None = None  # "thuc-hien", "can-cu"… (from the verb before it, or front-matter)
    sentence_id: tuple[int, int] = (0, 0)  # one sentence of a source is quoted once under a citation


@dataclass(frozen=True)
class Known:
    """A document a number without its code may name: in content/ (by URL) or a stub of full citations."""

    target: str | Identity
    identity: Identity
    doc_type: str | None
    symbol: Symbol


@dataclass
class Resolution:
    target: dict[int, str] = field(default_factory=dict)  # occurrence index -> target URL
    stubs: dict[Identity, list[int]] = field(default_factory=dict)  # stub identity -> occurrence indexes
    ambiguous: list[tuple[int, list[str]]] = field(default_factory=list)  # occurrence index, candidate URLs
    unresolved: list[int] = field(default_factory=list)  # numbers without code that name no document


_IDENTITIES = Shared[Identity]()  # the citations of one document name it by one object (66,082: 8,005)


def occurrence_identity(occ: Occurrence) -> Identity:
    c = occ.citation
    symbol = c.symbol
    date = citation_date(c)
    if symbol is None:
        central = c.doc_type in _CENTRAL_TYPES or level_of_phrase(c.issuer_phrase or "") == "central"
        return _IDENTITIES.one(Identity(number_key(c.doc_type, c.number), date, "" if central else occ.scope))
    if symbol.system == "legal" and symbol.year is not None:
        date = PartialDate(symbol.year)  # N/YYYY/TYPE-ISSUER is unique nationwide: the symbol's year rules
    return _IDENTITIES.one(Identity(symbol.key, date, "" if is_central(symbol) else occ.scope))


def _fits(c: Citation, ident: Identity, known: Known) -> bool:
    """Whether a number without its code can name a known document: same type and number, dates and
    provinces that agree, an issuer phrase that names the same body or at least the same level."""
    sym = known.symbol
    if known.doc_type != c.doc_type or (sym.number.lstrip("0") or "0") != (c.number.lstrip("0") or "0"):
        return False
    if not _dates_agree(ident.date, known.identity.date):
        return False
    if not scopes_agree(ident.scope, known.identity.scope):
        return False
    phrase = c.issuer_phrase
    if phrase and (code := party_issuer_code(phrase)) and sym.system == "party" and code != sym.issuer_code:
        return False
    level = level_of_phrase(phrase) if phrase else None
    return level is None or level_of_code(sym) in (None, level)



def resolve_symbols(docs: tuple[tuple[str, Identity], ...], idents: tuple[Identity, ...]) -> Resolution:
    """The citations of one symbol key (numbered 0…), against the content documents of that key."""
    local = Resolution()
    pending: list[tuple[int, Identity]] = []
    for pos, ident in enumerate(idents):
        matches = [url for url, doc in docs if doc.compatible(ident)]
        if len(matches) == 1:
            local.target[pos] = matches[0]
        elif len(matches) > 1:
            local.ambiguous.append((pos, matches))
        else:
            pending.append((pos, ident))
    _stub_identities(pending, local)
    return local


@dataclass
class Numbers:
    """What the numbers without code of one type and number name (numbered 0… within the group)."""

    named: dict[int, str] = field(default_factory=dict)  # -> a content document's URL
    attach: list[tuple[int, Identity]] = field(default_factory=list)  # -> a stub of full citations
    ambiguous: list[tuple[int, list[str]]] = field(default_factory=list)
    unresolved: list[int] = field(default_factory=list)
    made: Resolution = field(default_factory=Resolution)  # stubs of their own


def resolve_numbers(known: tuple[Known, ...], items: tuple[tuple[Citation, Identity], ...]) -> Numbers:
    """The numbers without code of one type and number, against the documents they may name (`known`: the
    site's documents and stubs of full citations of that type and number)."""
    out = Numbers()
    unnamed: list[tuple[int, Identity]] = []
    for pos, (citation, ident) in enumerate(items):
        fits = [k for k in known if _fits(citation, ident, k)]
        if len(fits) == 1:
            if isinstance(fits[0].target, str):
                out.named[pos] = fits[0].target
            else:
                out.attach.append((pos, fits[0].target))
        elif len(fits) > 1:
            out.ambiguous.append((pos, sorted(k.target for k in fits if isinstance(k.target, str))))
        elif ident.date is not None and (ident.scope or citation.issuer_phrase):
            unnamed.append((pos, ident))
        else:
            out.unresolved.append(pos)
    _stub_identities(unnamed, out.made)
    return out


def _stub_identities(pending: list[tuple[int, Identity]], result: Resolution) -> None:
    """Stubs, per key: the most precise dates define identities; a less precise or undated citation joins
    the one identity it is compatible with, and is ambiguous if there are several."""
    groups: dict[str, list[tuple[int, Identity]]] = defaultdict(list)
    for index, ident in pending:
        groups[ident.key].append((index, ident))
    for _, items in sorted(groups.items()):
        identities: list[Identity] = []
        for _, ident in sorted(items, key=lambda p: -_precision(p[1].date)):
            if ident.date is not None and not any(i.compatible(ident) for i in identities):
                identities.append(ident)
        for index, ident in items:
            candidates = [i for i in identities if i.compatible(ident)]
            if len(candidates) > 1:
                result.ambiguous.append((index, []))
                continue
            if not candidates:
                candidates = [Identity(ident.key, None, ident.scope)]
                identities.append(candidates[0])
            result.stubs.setdefault(candidates[0], []).append(index)


def _precision(date: PartialDate | None) -> int:
    if date is None:
        return 0
    return 1 + (date.month is not None) + (date.day is not None)
