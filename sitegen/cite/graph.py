"""The citation graph: which document each citation names, stub records for documents not in content/.

Pure functions over plain data. Identity of a document (document-symbols.md, "Uniqueness"):
  symbol key + date (or year) + scope, where scope is "" for central issuers (TW, CP, TTg, ministries…)
  and the province for local ones (TU, HU, UBND…), because "04-NQ/TU" exists in every province.
A relative issuer phrase ("của Ban Thường vụ Tỉnh ủy") means the citing document's own province.
A citation that cannot be tied to exactly one document is reported, never silently merged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import PartialDate, collapse_spaces, slugify, unify_tones
from sitegen.cite.context import RawCitation
from sitegen.cite.detect import Citation
from sitegen.cite.symbols import Symbol

_PROVINCE = re.compile(r"(?<!\w)(?:tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|thành phố|tỉnh)\s+", re.IGNORECASE)
_CENTRAL_CITIES = frozenset({"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"})
_CENTRAL_STATE = frozenset({"CP", "TTG", "CTN", "VPCP", "VPQH", "TANDTC", "VKSNDTC", "KTNN", "BCT", "BBT"})
_LOCAL_MINISTRY_LIKE = frozenset({"BTGTU", "BTCTU", "BDVTU", "BCĐ"})


@lru_cache(maxsize=16384)  # pure, on short texts that repeat (issuers): 1 s of assemble at 10,000 documents
def province_of(*texts: str | None) -> str:
    """ "Đảng bộ tỉnh Hà Nam", "Tỉnh ủy Minh An", "UBND TỈNH HÀ NAM" -> "Hà Nam"; "" when no text names
    one."""
    for text in (t or "" for t in texts):
        for m in _PROVINCE.finditer(text):
            words = []
            for word in text[m.end():m.end() + 160].split()[:4]:  # not the whole rest of a long text
                word = word.strip(",;.()")
                if not word or not word[0].isupper():
                    break
                words.append(word)
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


@dataclass(frozen=True)
class Identity:
    key: str  # Symbol.key
    date: PartialDate | None  # None: cited with no date anywhere
    scope: str  # "" central or unknown; else the province ("Hà Nam")

    def compatible(self, other: Identity) -> bool:
        if self.key != other.key:
            return False
        if self.scope and other.scope and self.scope != other.scope:
            return False
        return _dates_agree(self.date, other.date)


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
    quoted_title: str | None
    scope: str  # province the citing text is in ("" when unknown)
    relation: str | None = None  # "thực hiện", "căn cứ"… when the opening states it


@dataclass
class Resolution:
    target: dict[int, str] = field(default_factory=dict)  # id(occurrence) index -> target URL
    stubs: dict[Identity, list[int]] = field(default_factory=dict)  # stub identity -> occurrence indexes
    ambiguous: list[tuple[int, list[str]]] = field(default_factory=list)  # occurrence index, candidate URLs


def occurrence_identity(occ: Occurrence) -> Identity:
    symbol = occ.citation.symbol
    assert symbol is not None
    date = citation_date(occ.citation)
    if symbol.system == "legal" and symbol.year is not None:
        date = PartialDate(symbol.year)  # N/YYYY/TYPE-ISSUER is unique nationwide: the symbol's year rules
    return Identity(symbol.key, date, "" if is_central(symbol) else occ.scope)


def resolve(occurrences: list[Occurrence], documents: dict[str, Identity]) -> Resolution:
    """Tie each occurrence to a content document (by URL) or to a stub identity."""
    result = Resolution()
    by_key: dict[str, list[tuple[str, Identity]]] = defaultdict(list)
    for url, ident in sorted(documents.items()):
        by_key[ident.key].append((url, ident))
    pending: list[tuple[int, Identity]] = []
    for index, occ in enumerate(occurrences):
        ident = occurrence_identity(occ)
        matches = [url for url, doc in by_key.get(ident.key, []) if doc.compatible(ident)]
        if len(matches) == 1:
            result.target[index] = matches[0]
        elif len(matches) > 1:
            result.ambiguous.append((index, matches))
        else:
            pending.append((index, ident))
    # Stubs, per symbol key: the most precise dates define identities; a less precise or undated citation
    # joins the one identity it is compatible with, and is ambiguous if there are several.
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
    return result


def _precision(date: PartialDate | None) -> int:
    if date is None:
        return 0
    return 1 + (date.month is not None) + (date.day is not None)


@dataclass(frozen=True)
class StubInfo:
    identity: Identity
    symbol: Symbol
    doc_type: str | None  # vocabulary key, when the citations agree on one
    types_seen: tuple[str, ...]
    issuer_phrase: str | None
    title: str | None


def stub_info(identity: Identity, occurrences: Iterable[Occurrence]) -> StubInfo:
    occs = list(occurrences)
    types = Counter(o.citation.doc_type for o in occs if o.citation.doc_type)
    issuers = Counter(collapse_spaces(o.citation.issuer_phrase) for o in occs if o.citation.issuer_phrase)
    titles = Counter(o.quoted_title for o in occs if o.quoted_title)
    symbol = next(o.citation.symbol for o in sorted(occs, key=lambda o: (o.citation.short, o.source, o.line)))
    assert symbol is not None
    return StubInfo(
        identity=identity,
        symbol=symbol,
        doc_type=types.most_common(1)[0][0] if types else None,
        types_seen=tuple(sorted(types)),
        issuer_phrase=issuers.most_common(1)[0][0] if issuers else None,
        title=_first_most_common(titles),
    )


def _first_most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    best = max(counter.values())
    return sorted(k for k, v in counter.items() if v == best)[0]


HIDDEN = "hidden:"  # URL prefix for documents of another edition: they resolve citations, never get a page


@dataclass(frozen=True)
class Link:
    """One edge as a page shows it: the other page, the sentences that cite, the stated relation."""

    url: str
    sentences: tuple[str, ...]
    relation: str | None


@dataclass(frozen=True)
class Stub:
    url: str
    info: StubInfo


@dataclass
class Graph:
    target_of: dict[int, str]  # occurrence index -> URL of the cited page
    stubs: list[Stub]
    cites: dict[str, tuple[Link, ...]]  # citing URL -> outgoing links, in text order
    cited_by: dict[str, tuple[Link, ...]]  # cited URL -> incoming links, by citing URL
    edges: list[tuple[Occurrence, str]]  # every resolved occurrence with its target URL
    diagnostics: list[Diagnostic]


def build_graph(
    occurrences: list[Occurrence], documents: dict[str, Identity], doc_types: dict[str, str],
    claimed: set[str], label_of: Callable[[str | None], str],
) -> Graph:
    """Resolve occurrences, give every stub a stable URL, and derive both directions of every edge."""
    diagnostics = _duplicate_documents(documents)
    res = resolve(occurrences, documents)
    # A citation of a document left out of this edition stays plain text: no link, no stub, no edge.
    target = {i: url for i, url in res.target.items() if not url.startswith(HIDDEN)}
    stubs: list[Stub] = []
    taken = set(claimed)
    for ident, indexes in sorted(res.stubs.items(), key=lambda kv: _ident_order(kv[0])):
        info = stub_info(ident, (occurrences[i] for i in indexes))
        url = _stub_url(info, label_of, taken)
        taken.add(url)
        stubs.append(Stub(url, info))
        for i in indexes:
            target[i] = url
        if len(info.types_seen) > 1:
            first = occurrences[min(indexes)]
            message = catalog.MSG["cite_type_conflict"].format(
                symbol=info.symbol.normalized, types=", ".join(label_of(t) for t in info.types_seen))
            diagnostics.append(_warn("citation-type-conflict", first, message))
    for index, candidates in res.ambiguous:
        occ = occurrences[index]
        diagnostics.append(_warn("citation-ambiguous", occ, catalog.MSG["cite_ambiguous"].format(
            surface=collapse_spaces(occ.citation.text), count=len(candidates) or 2)))
    for index, occ in enumerate(occurrences):
        c = occ.citation
        if c.year_conflict and c.symbol is not None:
            diagnostics.append(_warn("citation-year-conflict", occ, catalog.MSG["cite_year_conflict"].format(
                surface=collapse_spaces(c.text), symbol_year=c.symbol.year, year=c.year)))
        cited = target.get(index)
        if cited in doc_types and c.doc_type and c.doc_type != doc_types[cited]:
            message = catalog.MSG["cite_type_mismatch"].format(surface=collapse_spaces(c.text),
                                                               cited=label_of(c.doc_type),
                                                               actual=label_of(doc_types[cited]))
            diagnostics.append(_warn("citation-type-conflict", occ, message))
    edges = [(occurrences[i], url) for i, url in sorted(target.items()) if url != occurrences[i].source_url]
    return Graph(
        target_of=target,
        stubs=stubs, cites=_group(edges, outgoing=True), cited_by=_group(edges, outgoing=False),
        edges=edges, diagnostics=diagnostics,
    )


def occurrences_of(raws: list[RawCitation], source: str, source_url: str, body_line: int,
                   scope: str) -> list[Occurrence]:
    """Raw citations of one body placed in the site: file lines, and the province each one refers to."""
    return [
        Occurrence(source=source, source_url=source_url, line=body_line + raw.line, citation=raw.citation,
                   sentence=raw.sentence, quoted_title=raw.quoted_title, relation=raw.relation,
                   scope=province_of(raw.citation.issuer_phrase) or scope)
        for raw in raws
    ]


def _warn(code: str, occ: Occurrence, message: str) -> Diagnostic:
    return Diagnostic("warning", code, occ.source, occ.line, message)


def _ident_order(ident: Identity) -> tuple[str, str, str]:
    return (ident.key, ident.date.iso() if ident.date else "", ident.scope)


def _stub_url(info: StubInfo, label_of: Callable[[str | None], str], taken: set[str]) -> str:
    ident = info.identity
    year = ident.date.year if ident.date else None
    base = slugify(f"{label_of(info.doc_type)} {info.symbol.normalized} {year or ''}")
    # Local documents always carry their province, so a URL does not move when another province's
    # document with the same symbol is cited later.
    scope = slugify(ident.scope)
    for suffix in (scope, f"{scope}-{ident.date.iso() if ident.date else 'khong-ro-ngay'}"):
        url = f"/van-ban/{base}{'-' + suffix.strip('-') if suffix.strip('-') else ''}/"
        if url not in taken:
            return url
    n = 2
    while f"/van-ban/{base}-{n}/" in taken:
        n += 1
    return f"/van-ban/{base}-{n}/"


def _duplicate_documents(documents: dict[str, Identity]) -> list[Diagnostic]:
    seen: dict[Identity, str] = {}
    out = []
    for url, ident in sorted(documents.items()):
        if ident.date is not None and ident in seen:
            out.append(Diagnostic("warning", "duplicate-document", url, 0,
                                  catalog.MSG["duplicate_document"].format(url=url, other=seen[ident])))
        seen.setdefault(ident, url)
    return out


def _group(edges: list[tuple[Occurrence, str]], outgoing: bool) -> dict[str, tuple[Link, ...]]:
    grouped: dict[str, dict[str, list[Occurrence]]] = defaultdict(dict)
    for occ, url in edges:
        here, there = (occ.source_url, url) if outgoing else (url, occ.source_url)
        grouped[here].setdefault(there, []).append(occ)
    out: dict[str, tuple[Link, ...]] = {}
    for here, by_other in grouped.items():
        links = []
        for there, occs in by_other.items():
            sentences = tuple(dict.fromkeys(o.sentence for o in occs if o.sentence))
            # A relation declared in front-matter (no sentence) outranks one read from the opening.
            relation = next((o.relation for o in sorted(occs, key=lambda o: bool(o.sentence)) if o.relation),
                            None)
            links.append(Link(there, sentences, relation))
        out[here] = tuple(links if outgoing else sorted(links, key=lambda link: link.url))
    return out
