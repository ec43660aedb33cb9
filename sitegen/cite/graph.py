"""The citation graph: which document each citation names (identity.py), stub records for documents not in
content/, and both directions of every edge.

Pure functions over plain data. A relative issuer phrase ("của Ban Thường vụ Tỉnh ủy") means the citing
document's own province. A citation that cannot be tied to exactly one document is reported, never silently
merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import PartialDate, collapse_spaces, slugify
from sitegen.cite.context import RawCitation
from sitegen.cite.identity import Identity, Keep, Occurrence, citation_scope, compute, resolve
from sitegen.cite.symbols import Symbol

# Relations that change a document's force: only a document does that to another. An article's "… thay thế
# Nghị định số 110/2004/NĐ-CP" reports what some document did; it is read as a plain mention.
ACTS = frozenset({"thay-the", "sua-doi", "bai-bo"})

@dataclass(frozen=True)
class StubInfo:
    identity: Identity
    symbol: Symbol | None  # None: cited by its number only ("Công văn số 468 ngày 12/3/2023 của UBND tỉnh")
    number: str  # "04", "468"
    doc_type: str | None  # vocabulary key, when the citations agree on one
    types_seen: tuple[str, ...]
    issuer_phrase: str | None
    title: str | None

    @property
    def label(self) -> str:
        """The symbol, or "số 468" for a document cited by its number only."""
        return self.symbol.normalized if self.symbol else f"số {self.number}"


def trich_yeu(title: str) -> str:
    """A title as cited ("về đột phá …", "“Đẩy mạnh …”", "VỀ VIỆC …") as a stub shows it: no quotation
    marks, sentence case, first letter in capitals."""
    title = collapse_spaces(title).strip(" ,;:.“”\"'")
    if title.isupper():
        title = title.lower()
    return title[:1].upper() + title[1:]


def stub_info(identity: Identity, occurrences: Iterable[Occurrence]) -> StubInfo:
    occs = list(occurrences)
    types = Counter(o.citation.doc_type for o in occs if o.citation.doc_type)
    issuers = Counter(collapse_spaces(o.citation.issuer_phrase) for o in occs if o.citation.issuer_phrase)
    # A title in capitals ("VỀ VIỆC …" of a heading) only when no citation writes it in running text.
    cited = [o.citation.title for o in occs if o.citation.title]
    titles = Counter(trich_yeu(t) for t in cited if not t.isupper()) or Counter(trich_yeu(t) for t in cited)
    first = sorted(occs, key=lambda o: (o.citation.short, o.source, o.line))[0].citation
    return StubInfo(
        identity=identity,
        symbol=first.symbol,
        number=first.symbol.number if first.symbol else first.number,
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


Run = tuple[tuple[Occurrence, str], ...]  # one page's edges (of its body, or of its relations), in its order


@dataclass
class Graph:
    # citing URL -> the cited page of each citation of its body, in text order (None: plain text); the
    # same tuple object as the last build's while they are the same (kept per page): compared by identity
    targets: dict[str, tuple[str | None, ...]]
    stubs: list[Stub]
    cites: dict[str, tuple[Link, ...]]  # citing URL -> outgoing links, in text order
    cited_by: dict[str, tuple[Link, ...]]  # cited URL -> incoming links, by citing URL
    edges: list[tuple[Occurrence, str]]  # every resolved occurrence with its target URL
    runs: list[tuple[str, Run]]  # the edges by citing page (its body's, then its relations'), the same order
    diagnostics: list[Diagnostic]


def build_graph(
    bodies: dict[str, list[Occurrence]], relations: dict[str, list[Occurrence]],
    documents: dict[str, Identity], doc_types: dict[str, str], claimed: set[str],
    label_of: Callable[[str | None], str],
    symbols: dict[str, Symbol] | None = None, plain: frozenset[int] = frozenset(),
    idents: list[Identity] | None = None, keep: Keep = compute,
) -> Graph:
    """Resolve occurrences, give every stub a stable URL, and derive both directions of every edge.
    `bodies`: each page's body citations, `relations`: each document's front-matter relations, as
    occurrences; numbered in the order of every body, then every page's relations (the order of edges and
    diagnostics), and each page's targets from its own first citation.
    `symbols`: each content document's symbol, so that numbers without their code can name it.
    `plain`: occurrences that may not make a stub (the caller's limit): unless they name a document of the
    site, they stay plain text. `idents`: each occurrence's identity, when the caller keeps them. `keep` may
    keep what is made per group (a symbol key's resolution, a stub, a page's targets, edges and links) while
    its inputs are the same (identity.Keep)."""
    pages = [*bodies.items(), *relations.items()]
    occurrences = list(chain.from_iterable(occs for _, occs in pages))
    diagnostics = list(keep("duplicate-documents", "", (documents,), _duplicate_documents, documents))
    described = {url: (doc_types.get(url), sym) for url, sym in (symbols or {}).items()}
    res = resolve(occurrences, documents, described, idents, keep)
    for ident in [i for i, indexes in res.stubs.items() if plain.intersection(indexes)]:
        res.stubs[ident] = [i for i in res.stubs[ident] if i not in plain]
        if not res.stubs[ident]:
            del res.stubs[ident]
    # A citation of a document left out of this edition stays plain text: no link, no stub, no edge.
    target = {i: url for i, url in res.target.items() if not url.startswith(HIDDEN)}
    stubs: list[Stub] = []
    taken = set(claimed)
    for ident, indexes in sorted(res.stubs.items(), key=lambda kv: _ident_order(kv[0])):
        citing = tuple(occurrences[i] for i in indexes)
        name = repr(ident)
        info = keep("stub-info", name, (ident, citing), stub_info, ident, citing)
        url = _stub_url(keep("stub-base", name, (info,), _stub_base, info, label_of), info, taken)
        taken.add(url)
        stubs.append(Stub(url, info))
        for i in indexes:
            target[i] = url
        if len(info.types_seen) > 1:
            first = occurrences[min(indexes)]
            message = catalog.MSG["cite_type_conflict"].format(
                symbol=info.label, types=", ".join(label_of(t) for t in info.types_seen))
            diagnostics.append(_warn("citation-type-conflict", first, message))
    for index, candidates in res.ambiguous:
        occ = occurrences[index]
        diagnostics.append(_warn("citation-ambiguous", occ, catalog.MSG["cite_ambiguous"].format(
            surface=collapse_spaces(occ.citation.text), count=len(candidates) or 2)))
    for index in res.unresolved:
        occ = occurrences[index]
        diagnostics.append(_warn("citation-unresolved", occ, catalog.MSG["cite_unresolved"].format(
            surface=collapse_spaces(occ.citation.text))))
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
    targets, runs = _runs(pages, len(bodies), target, keep)
    edges = list(chain.from_iterable(run for _, run in runs))
    return Graph(
        targets=targets, stubs=stubs, cites=_outgoing(runs, keep), cited_by=_group(edges, False, keep),
        edges=edges, runs=runs, diagnostics=diagnostics,
    )


def _runs(pages: list[tuple[str, list[Occurrence]]], body_count: int, target: dict[int, str], keep: Keep,
          ) -> tuple[dict[str, tuple[str | None, ...]], list[tuple[str, Run]]]:
    """Each page's targets (of its body: the first `body_count` pages) and its runs of edges, in the site's
    numbering, each kept per page: the same objects while its occurrences and targets are the same."""
    targets: dict[str, tuple[str | None, ...]] = {}
    runs: list[tuple[str, Run]] = []
    at = 0
    for n, (url, occs) in enumerate(pages):
        if not occs:
            continue
        body = n < body_count
        mine = tuple(map(target.get, range(at, at + len(occs))))
        at += len(occs)
        mine = keep("targets" if body else "relation-targets", url, (mine,), _same, mine)
        if body:
            targets[url] = mine
        run = keep("page-edges" if body else "relation-edges", url, (occs, mine), _edges, occs, mine)
        if run:
            runs.append((url, run))
    return targets, runs


def _same(value: tuple[str | None, ...]) -> tuple[str | None, ...]:
    return value


def _edges(occs: list[Occurrence], targets: tuple[str | None, ...]) -> Run:
    return tuple((occ, url) for occ, url in zip(occs, targets, strict=True)
                 if url is not None and url != occ.source_url)


def _outgoing(runs: list[tuple[str, Run]], keep: Keep) -> dict[str, tuple[Link, ...]]:
    """Each page's links out, in text order (its body's, then its relations'), made again only for the pages
    whose runs of edges changed."""
    by_page: dict[str, list[Run]] = {}
    for url, run in runs:
        by_page.setdefault(url, []).append(run)
    return {url: keep("cites", url, tuple(mine), _links, tuple(chain.from_iterable(mine)), True)
            for url, mine in by_page.items()}


def occurrences_of(raws: list[RawCitation], source: str, source_url: str, body_line: int,
                   scope: str, acts: bool = True, when: PartialDate | None = None) -> list[Occurrence]:
    """Raw citations of one body placed in the site: file lines, and the province each one refers to (read
    with the map of its date, identity.citation_scope). `when`: the body's date. `acts`: the body is a
    document's, whose "thay thế", "sửa đổi", "bãi bỏ" are its own acts (ACTS)."""
    return [
        Occurrence(source=source, source_url=source_url, line=body_line + raw.line, citation=raw.citation,
                   sentence=raw.sentence, sentence_id=raw.sentence_id,
                   relation=raw.citation.relation if acts or raw.citation.relation not in ACTS else None,
                   scope=citation_scope(raw.citation, scope, when))
        for raw in raws
    ]


def _warn(code: str, occ: Occurrence, message: str) -> Diagnostic:
    return Diagnostic("warning", code, occ.source, occ.line, message)


def _ident_order(ident: Identity) -> tuple[str, str, str]:
    return (ident.key, ident.date.iso() if ident.date else "", ident.scope)


def _stub_base(info: StubInfo, label_of: Callable[[str | None], str]) -> str:
    year = info.identity.date.year if info.identity.date else None
    return slugify(f"{label_of(info.doc_type)} {info.label} {year or ''}")


def _stub_url(base: str, info: StubInfo, taken: set[str]) -> str:
    ident = info.identity
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


def _group(edges: list[tuple[Occurrence, str]], outgoing: bool, keep: Keep = compute,
           ) -> dict[str, tuple[Link, ...]]:
    """Each page's links (outgoing: those it makes, in text order; else those made to it, by citing URL),
    made again only for the pages whose edges changed."""
    grouped: dict[str, list[tuple[Occurrence, str]]] = defaultdict(list)
    for pair in edges:
        grouped[pair[0].source_url if outgoing else pair[1]].append(pair)
    name = "cites" if outgoing else "cited-by"
    return {here: keep(name, here, (run,), _links, run, outgoing)
            for here, pairs in grouped.items() for run in [tuple(pairs)]}


def _links(pairs: tuple[tuple[Occurrence, str], ...], outgoing: bool) -> tuple[Link, ...]:
    by_other: dict[str, list[Occurrence]] = {}
    for occ, url in pairs:
        by_other.setdefault(url if outgoing else occ.source_url, []).append(occ)
    links = []
    for there, occs in by_other.items():
        quoted = {(o.source, o.sentence_id): o.sentence for o in reversed(occs) if o.sentence}
        sentences = tuple(dict.fromkeys(quoted[(o.source, o.sentence_id)] for o in occs if o.sentence))
        # A relation declared in front-matter (no sentence) outranks one read from the opening.
        relation = next((o.relation for o in sorted(occs, key=lambda o: bool(o.sentence)) if o.relation),
                        None)
        links.append(Link(there, sentences, relation))
    return tuple(links if outgoing else sorted(links, key=lambda link: link.url))
