"""Which document a citation names: identities, and the resolution of citations to documents or stubs.

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
from itertools import chain
from typing import Any

from sitegen.base import provinces
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


def occurrence_identity(occ: Occurrence) -> Identity:
    c = occ.citation
    symbol = c.symbol
    date = citation_date(c)
    if symbol is None:
        central = c.doc_type in _CENTRAL_TYPES or level_of_phrase(c.issuer_phrase or "") == "central"
        return Identity(number_key(c.doc_type, c.number), date, "" if central else occ.scope)
    if symbol.system == "legal" and symbol.year is not None:
        date = PartialDate(symbol.year)  # N/YYYY/TYPE-ISSUER is unique nationwide: the symbol's year rules
    return Identity(symbol.key, date, "" if is_central(symbol) else occ.scope)


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


Ref = tuple[int, str, int]  # (0: a body, 1: front-matter relations; citing file; position): the site's order
PageKey = tuple[int, str]  # (0 or 1, the citing file)
Answer = str | Identity  # a content document's URL, or a stub's identity


@dataclass(frozen=True)
class Resolved:
    """The resolution of every occurrence, kept between builds and updated from the changed pages: the
    citations grouped per symbol key and numbers without their code per type and number, each group's answer
    (numbered within the group), and what they give each occurrence (`answer`) and each stub (its citing
    occurrences). A full build is the same update from `Resolved()`."""

    pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]] = field(default_factory=dict)
    documents: dict[str, Identity] = field(default_factory=dict)
    described: dict[str, tuple[str | None, Symbol]] = field(default_factory=dict)
    docs_by_key: dict[str, tuple[tuple[str, Identity], ...]] = field(default_factory=dict)
    known_docs: dict[str, tuple[Known, ...]] = field(default_factory=dict)  # by number_key
    known_stubs: dict[str, tuple[Known, ...]] = field(default_factory=dict)  # by number_key
    symbol_groups: dict[str, tuple[Ref, ...]] = field(default_factory=dict)
    number_groups: dict[str, tuple[Ref, ...]] = field(default_factory=dict)
    symbols: dict[str, Resolution] = field(default_factory=dict)  # per symbol key
    numbers: dict[str, Numbers] = field(default_factory=dict)  # per number key
    answer: dict[Ref, Answer] = field(default_factory=dict)
    members: dict[Identity, tuple[Ref, ...]] = field(default_factory=dict)  # a stub's own group's citations
    attached: dict[Identity, tuple[Ref, ...]] = field(default_factory=dict)  # numbers read as that stub
    ambiguous: dict[tuple[int, str], tuple[list[tuple[Ref, list[str]]], list[tuple[Ref, list[str]]]]] = \
        field(default_factory=dict)  # (0 symbols / 1 numbers, key) -> (ambiguous, between stubs)
    unresolved: dict[str, tuple[Ref, ...]] = field(default_factory=dict)  # by number_key

    def ordered_ambiguous(self) -> list[tuple[Ref, list[str]]]:
        """Ambiguous occurrences in the order of a resolution of the whole site: those of symbols by
        occurrence, then those between stubs by key; then the same for numbers without their code."""
        out: list[tuple[Ref, list[str]]] = []
        for part in (0, 1):
            keys = sorted(k for k in self.ambiguous if k[0] == part)
            out += sorted(chain.from_iterable(self.ambiguous[k][0] for k in keys), key=_first)
            out += chain.from_iterable(self.ambiguous[k][1] for k in keys)
        return out

    def ordered_unresolved(self) -> list[Ref]:
        return sorted(chain.from_iterable(self.unresolved.values()))


def group_key(occ: Occurrence, ident: Identity) -> tuple[int, str]:
    """(0, symbol key) for a citation with its symbol, else (1, type and number)."""
    c = occ.citation
    return (1, number_key(c.doc_type, c.number)) if c.symbol is None else (0, ident.key)


def resolve(pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]], documents: dict[str, Identity],
            described: dict[str, tuple[str | None, Symbol]], last: Resolved | None = None,
            ) -> tuple[Resolved, set[Ref]]:
    """Tie each occurrence (`pages`: each page's occurrences and their identities, occurrence_identity) to
    a content document (by URL) or a stub identity. `described`: each content document's type and symbol,
    for numbers without their code. Citations are resolved per symbol key, and numbers without their code
    per type and number; from `last`, only the groups of the changed pages' old and new keys, of documents
    that came, went or changed, and of numbers whose candidate stubs changed are resolved again. Returns the
    resolution and the occurrences whose answer may have changed (every one of a changed group)."""
    last = last if last is not None else Resolved()
    old_pages = last.pages
    changed = [p for p, (occs, _) in pages.items() if (was := old_pages.get(p)) is None or was[0] is not occs]
    changed += [p for p in old_pages if p not in pages]
    moved: dict[tuple[int, str], tuple[set[Ref], list[Ref]]] = {}  # group -> (refs gone, refs come)
    for p in changed:
        for source, sign in ((old_pages.get(p), 0), (pages.get(p), 1)):
            if source is not None:
                for pos, (occ, ident) in enumerate(zip(source[0], source[1], strict=True)):
                    got = moved.setdefault(group_key(occ, ident), (set(), []))
                    ref = (p[0], p[1], pos)
                    if sign:
                        got[1].append(ref)
                    else:
                        got[0].add(ref)
    groups = {0: dict(last.symbol_groups), 1: dict(last.number_groups)}
    for (part, key), (gone, come) in moved.items():
        refs = tuple(sorted([r for r in groups[part].get(key, ()) if r not in gone] + come))
        if refs:
            groups[part][key] = refs
        else:
            groups[part].pop(key, None)
    dirty_symbols = {key for part, key in moved if not part}
    dirty_numbers = {key for part, key in moved if part}
    docs_by_key, known_docs = last.docs_by_key, last.known_docs
    if documents != last.documents or described != last.described:
        docs_by_key, known_docs = dict(docs_by_key), dict(known_docs)
        for url in documents.keys() | last.documents.keys() | described.keys() | last.described.keys():
            then, now = last.documents.get(url), documents.get(url)
            if then != now:
                for doc in (then, now):
                    if doc is not None:
                        dirty_symbols.add(doc.key)
                        docs = [d for d in docs_by_key.get(doc.key, ()) if d[0] != url]
                        if now is not None and now.key == doc.key:
                            docs.append((url, now))
                        _put(docs_by_key, doc.key, tuple(sorted(docs)))
            was_known = _known(url, last.documents, last.described)
            is_known = _known(url, documents, described)
            if was_known != is_known:
                for k in (was_known, is_known):
                    if k is not None:
                        nkey = _number_of(k)
                        dirty_numbers.add(nkey)
                        fits = [f for f in known_docs.get(nkey, ()) if f.target != url]
                        if is_known is not None and _number_of(is_known) == nkey:
                            fits.append(is_known)
                        _put(known_docs, nkey, tuple(sorted(fits, key=_target)))
    symbols, numbers = dict(last.symbols), dict(last.numbers)
    answer, members, attached = dict(last.answer), dict(last.members), dict(last.attached)
    ambiguous, unresolved = dict(last.ambiguous), dict(last.unresolved)
    known_stubs = dict(last.known_stubs)
    touched: set[Ref] = set()
    # what the dirty groups gave, taken back before any is resolved again (an occurrence may change group)
    for key in dirty_symbols:
        _take_back(last.symbol_groups.get(key, ()), symbols.pop(key, None), answer, members, touched)
        ambiguous.pop((0, key), None)
    for key in dirty_numbers:
        _take_back_numbers(key, last.number_groups.get(key, ()), numbers.pop(key, None), answer, members,
                           attached, unresolved, ambiguous, touched)
    for key in sorted(dirty_symbols):
        refs = groups[0].get(key, ())
        before_stubs = [k for k in known_stubs_of(last.symbols.get(key), last.symbol_groups.get(key, ()),
                                                 old_pages)]
        if not refs:
            now_stubs: list[Known] = []
        else:
            group = tuple(pages[(r[0], r[1])][1][r[2]] for r in refs)
            local = _resolve_symbols(docs_by_key.get(key, ()), group)
            symbols[key] = local
            for pos, url in local.target.items():
                answer[refs[pos]] = url
            for ident, positions in local.stubs.items():
                members[ident] = tuple(refs[pos] for pos in positions)
                for pos in positions:
                    answer[refs[pos]] = ident
            with_matches = [(refs[pos], m) for pos, m in local.ambiguous if m]
            between = [(refs[pos], m) for pos, m in local.ambiguous if not m]
            if with_matches or between:
                ambiguous[(0, key)] = (with_matches, between)
            touched.update(refs)
            now_stubs = known_stubs_of(local, refs, pages)
        if now_stubs != before_stubs:
            for k in (*before_stubs, *now_stubs):
                nkey = _number_of(k)
                if nkey not in dirty_numbers:
                    dirty_numbers.add(nkey)
                    _take_back_numbers(nkey, last.number_groups.get(nkey, ()), numbers.pop(nkey, None),
                                       answer, members, attached, unresolved, ambiguous, touched)
                fits = [f for f in known_stubs.get(nkey, ()) if f.identity.key != key]
                fits += [f for f in now_stubs if _number_of(f) == nkey]
                _put(known_stubs, nkey, tuple(sorted(fits, key=lambda f: ident_order(f.identity))))
    for key in sorted(dirty_numbers):
        refs = groups[1].get(key, ())
        if not refs:
            continue
        items = tuple((pages[(r[0], r[1])][0][r[2]].citation, pages[(r[0], r[1])][1][r[2]]) for r in refs)
        found = _resolve_numbers((*known_docs.get(key, ()), *known_stubs.get(key, ())), items)
        numbers[key] = found
        for pos, url in found.named.items():
            answer[refs[pos]] = url
        for pos, ident in found.attach:
            answer[refs[pos]] = ident
            attached[ident] = tuple(sorted((*attached.get(ident, ()), refs[pos])))
        for ident, positions in found.made.stubs.items():
            members[ident] = tuple(refs[pos] for pos in positions)
            for pos in positions:
                answer[refs[pos]] = ident
        named = [(refs[pos], m) for pos, m in found.ambiguous]
        between = [(refs[pos], m) for pos, m in found.made.ambiguous]
        if named or between:
            ambiguous[(1, key)] = (named, between)
        if found.unresolved:
            unresolved[key] = tuple(refs[pos] for pos in found.unresolved)
        touched.update(refs)
    return Resolved(
        pages=pages, documents=documents, described=described, docs_by_key=docs_by_key, known_docs=known_docs,
        known_stubs=known_stubs, symbol_groups=groups[0], number_groups=groups[1], symbols=symbols,
        numbers=numbers, answer=answer, members=members, attached=attached, ambiguous=ambiguous,
        unresolved=unresolved), touched


def _put(table: dict[str, Any], key: str, value: tuple[Any, ...]) -> None:
    if value:
        table[key] = value
    else:
        table.pop(key, None)


def _number_of(known: Known) -> str:
    return number_key(known.doc_type, known.symbol.number)


def _target(known: Known) -> str:
    assert isinstance(known.target, str)
    return known.target


def _known(url: str, documents: dict[str, Identity], described: dict[str, tuple[str | None, Symbol]],
           ) -> Known | None:
    """What a number without its code may name at `url`: a content document with its type and symbol."""
    if url not in documents or url not in described:
        return None
    doc_type, symbol = described[url]
    return Known(url, documents[url], doc_type, symbol)


def known_stubs_of(local: Resolution | None, refs: tuple[Ref, ...],
                   pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]]) -> list[Known]:
    """The stubs of one symbol key's group as numbers without their code may name them: the type its
    citations agree on, the symbol of the first."""
    out = []
    for stub, positions in (local.stubs.items() if local is not None else ()):
        citations = [pages[(refs[p][0], refs[p][1])][0][refs[p][2]].citation for p in positions]
        assert citations[0].symbol is not None
        types = {c.doc_type for c in citations} - {None}
        doc_type = types.pop() if len(types) == 1 else None
        out.append(Known(stub, stub, doc_type, citations[0].symbol))
    return out


def _take_back(refs: tuple[Ref, ...], local: Resolution | None, answer: dict[Ref, Answer],
               members: dict[Identity, tuple[Ref, ...]], touched: set[Ref]) -> None:
    if local is None:
        return
    for ref in refs:
        answer.pop(ref, None)
    for ident in local.stubs:
        members.pop(ident, None)
    touched.update(refs)


def _take_back_numbers(key: str, refs: tuple[Ref, ...], found: Numbers | None, answer: dict[Ref, Answer],
                       members: dict[Identity, tuple[Ref, ...]], attached: dict[Identity, tuple[Ref, ...]],
                       unresolved: dict[str, tuple[Ref, ...]], ambiguous: dict[Any, Any], touched: set[Ref],
                       ) -> None:
    unresolved.pop(key, None)
    ambiguous.pop((1, key), None)
    if found is None:
        return
    for ref in refs:
        answer.pop(ref, None)
    for pos, ident in found.attach:
        left = tuple(r for r in attached.get(ident, ()) if r != refs[pos])
        if left:
            attached[ident] = left
        else:
            attached.pop(ident, None)
    for ident in found.made.stubs:
        members.pop(ident, None)
    touched.update(refs)


def ident_order(ident: Identity) -> tuple[str, str, str]:
    """The order of stubs: by key, date, province."""
    return (ident.key, ident.date.iso() if ident.date else "", ident.scope)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _resolve_symbols(docs: tuple[tuple[str, Identity], ...], idents: tuple[Identity, ...]) -> Resolution:
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


def _resolve_numbers(known: tuple[Known, ...], items: tuple[tuple[Citation, Identity], ...]) -> Numbers:
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
