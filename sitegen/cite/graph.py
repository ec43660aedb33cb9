"""The citation graph: which document each citation names (identity.py, resolve.py), stub records for
documents not in content/ (stubs.py), and both directions of every edge.

Pure functions over plain data. A relative issuer phrase ("của Ban Thường vụ Tỉnh ủy") means the citing
document's own province. A citation that cannot be tied to exactly one document is reported, never silently
merged.
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.shared import Shared
from sitegen.base.vi import PartialDate, collapse_spaces
from sitegen.cite.context import RawCitation
from sitegen.cite.identity import Identity, Occurrence, citation_scope, occurrence_identity
from sitegen.cite.resolve import PageKey, Ref, Resolved, changed_keys, ident_order, put, resolve
from sitegen.cite.stubs import StubInfo, StubMade, make_stubs
from sitegen.cite.symbols import Symbol

# Relations that change a document's force: only a document does that to another. An article's "… thay thế
# Nghị định số 110/2004/NĐ-CP" reports what some document did; it is read as a plain mention.
ACTS = frozenset({"thay-the", "sua-doi", "bai-bo"})

HIDDEN = "hidden:"  # URL prefix for documents of another edition: they resolve citations, never get a page


class Link(NamedTuple):
    """One edge as a page shows it: the other page, the sentences that cite, the stated relation. A tuple
    without a `__dict__`, not a dataclass: the base loads 132,140 of them at 10,000 documents, made in C
    rather than as an object and a dict each (unpickling 132,140 such objects: ~125 -> ~72 ms). Equal to a
    plain tuple of its fields: compare it only with other links."""

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
    kept: Kept | None = None  # what the next build starts from (build_graph's `last`)
    # this graph, as the one the next is made from names it (a new object when loaded: nothing to compare)
    stamp: object = field(default_factory=object, compare=False, repr=False)
    since: Since | None = field(default=None, compare=False, repr=False)  # None: made from nothing


@dataclass(frozen=True)
class Since:
    """What a graph made from the last one (build_graph's `last`) may show otherwise than it: the URLs whose
    body targets and links out were made again, those whose links in were; every other URL's are the last
    graph's, the same objects."""

    stamp: object  # the last graph's
    shown: frozenset[str]
    cited: frozenset[str]


@dataclass(frozen=True)
class Kept:
    """What build_graph keeps per page, per stub and per cited page, for the next build to update."""

    resolved: Resolved
    plain: frozenset[Ref]
    claimed: frozenset[str]
    doc_types: dict[str, str]
    urls: dict[PageKey, str]  # each citing page's URL
    targets: dict[PageKey, tuple[str | None, ...]]
    runs: dict[PageKey, Run]  # non-empty only
    warnings: dict[PageKey, tuple[Diagnostic, ...]]  # of each citation alone (non-empty only)
    into: dict[str, frozenset[PageKey]]  # cited URL -> the pages with an edge to it
    cited_pairs: dict[str, Run]  # cited URL -> its incoming edges, in the graph's order
    stubs: dict[Identity, StubMade]
    conflicts: dict[Identity, Diagnostic]  # a stub's citations disagree on its type
    crossed: bool  # a stub's URL was taken by a stub of another base (then all are placed again)
    duplicates: list[Diagnostic]


def build_graph(
    bodies: dict[str, list[Occurrence]], relations: dict[str, list[Occurrence]],
    documents: dict[str, Identity], doc_types: dict[str, str], claimed: set[str],
    label_of: Callable[[str | None], str],
    symbols: dict[str, Symbol] | None = None, plain: frozenset[Ref] = frozenset(),
    idents: dict[str, list[Identity]] | None = None, last: Graph | None = None,
) -> Graph:
    """Resolve occurrences, give every stub a stable URL, and derive both directions of every edge.
    `bodies`: each page's body citations, `relations`: each document's front-matter relations, as
    occurrences (the order of edges and diagnostics: every body, then every page's relations).
    `symbols`: each content document's symbol, so that numbers without their code can name it.
    `plain`: body occurrences (identity.Ref) that may not make a stub (the caller's limit): unless they name a
    document of the site, they stay plain text. `idents`: each body's occurrences' identities, when the
    caller keeps them. `last`: the last build's graph (made with the same `label_of`): only what the changed
    pages, documents and stubs reach is made again (cite/resolve.py; stubs placed again within their base;
    each page's targets, edges, links and warnings), the rest is the last build's, the same objects. Without
    it, the same steps from nothing: a full build."""
    before = last.kept if last is not None else None
    if before is not None and before.plain != plain:
        before = None  # the stub limit's reach changed: rare, all again
    if before is None:
        last = None
    old_pages = before.resolved.pages if before is not None else {}
    urls, pages = _pages(bodies, relations, idents, old_pages)
    described = {url: (doc_types.get(url), sym) for url, sym in (symbols or {}).items()}
    res, touched = resolve(pages, documents, described, before.resolved if before is not None else None)
    if before is not None and documents == before.resolved.documents:  # a dict: identity first, then values
        duplicates = before.duplicates
    elif before is not None:
        duplicates = _duplicates_since(documents, before.resolved.documents, before.duplicates)
    else:
        duplicates = _duplicate_documents(documents)
    stubs, conflicts, crossed = make_stubs(res, touched, pages, plain, claimed, label_of, before)
    stub_of = {ident: s[3] for ident, s in stubs.items()}
    again = _again(pages, old_pages, touched, res, stub_of, doc_types, before)
    per_page = _per_page(again, pages, res, plain, stub_of, doc_types, label_of, before)
    targets, runs, warnings, into, cited_again = per_page
    in_order = sorted(runs)  # of a sorted dict but for the runs that came (at its end): a pass, not a sort
    if in_order != list(runs):
        runs = {key: runs[key] for key in in_order}  # kept in the site's order for the next build's sort
    quoted = Shared[tuple[str, ...]]()  # a link out and the same edge's link in: one tuple of sentences
    graph_targets, cites, shown = _shown(again, urls, pages, targets, runs, last, before, quoted)
    cited_by, cited_pairs = _cited(cited_again, into, runs, last, before, quoted)
    since = Since(last.stamp, frozenset(shown), frozenset(cited_again)) if last is not None else None
    order = sorted(stubs, key=ident_order)
    had = {stub.info.identity: stub for stub in last.stubs} if last is not None else {}
    stub_list = []
    for ident in order:
        stub = Stub(stubs[ident][3], stubs[ident][1])
        old = had.get(ident)
        stub_list.append(old if old is not None and old == stub else stub)
    diagnostics = [*duplicates, *(conflicts[i] for i in order if i in conflicts)]
    diagnostics += _resolution_warnings(res, pages)
    diagnostics += chain.from_iterable(warnings[key] for key in sorted(warnings))
    kept = Kept(res, plain, frozenset(claimed), dict(doc_types), urls, targets, runs, warnings, into,
                cited_pairs, stubs, conflicts, crossed, duplicates)
    edges, run_list = edge_lists(kept)
    return Graph(targets=graph_targets, stubs=stub_list, cites=cites, cited_by=cited_by, edges=edges,
                 runs=run_list, diagnostics=diagnostics, kept=kept, since=since)


Pages = dict[PageKey, tuple[list[Occurrence], list[Identity]]]  # each citing page's occurrences, identities


def _pages(bodies: dict[str, list[Occurrence]], relations: dict[str, list[Occurrence]],
           idents: dict[str, list[Identity]] | None, old_pages: Pages) -> tuple[dict[PageKey, str], Pages]:
    """Each citing page's URL, and its occurrences with their identities: the last build's pair (the same
    object) while its occurrences are the same."""
    urls: dict[PageKey, str] = {}
    pages: Pages = {}
    for part, table in ((0, bodies), (1, relations)):
        for url, occs in table.items():
            if occs:
                key = (part, occs[0].source)
                urls[key] = url
                was = old_pages.get(key)
                if was is not None and (was[0] is occs or was[0] == occs):
                    pages[key] = was
                elif part == 0 and idents is not None:
                    pages[key] = (occs, idents[url])
                else:
                    pages[key] = (occs, [occurrence_identity(o) for o in occs])
    return urls, pages


def _again(pages: Pages, old_pages: Pages, touched: set[Ref], res: Resolved, stub_of: dict[Identity, str],
           doc_types: dict[str, str], before: Kept | None) -> set[PageKey]:
    """The pages whose targets, edges and warnings are made again: those that changed or went, and those an
    answer, a stub's URL or a cited page's type changed for."""
    again = {key for key, page in pages.items() if old_pages.get(key) is not page}
    again |= old_pages.keys() - pages.keys()
    again |= {(r[0], r[1]) for r in touched}
    old_urls = {ident: s[3] for ident, s in before.stubs.items()} if before is not None else {}
    for ident in {i for i in stub_of.keys() | old_urls.keys() if stub_of.get(i) != old_urls.get(i)}:
        for resolved in (res, *((before.resolved,) if before is not None else ())):
            for table in (resolved.members, resolved.attached):
                again.update((r[0], r[1]) for r in table.get(ident, ()))
    if before is not None and doc_types != before.doc_types:
        for url in doc_types.keys() | before.doc_types.keys():
            if doc_types.get(url) != before.doc_types.get(url):
                again |= before.into.get(url, frozenset())
    return again


PerPage = tuple[dict[PageKey, tuple[str | None, ...]], dict[PageKey, Run],
                dict[PageKey, tuple[Diagnostic, ...]], dict[str, frozenset[PageKey]], set[str]]


def _per_page(again: set[PageKey], pages: Pages, res: Resolved, plain: frozenset[Ref],
              stub_of: dict[Identity, str], doc_types: dict[str, str], label_of: Callable[[str | None], str],
              before: Kept | None) -> PerPage:
    """Each page's targets, run of edges and warnings, the links-in index (cited URL -> the pages with an edge
    to it), made again for the pages `again`; and the cited URLs whose incoming edges may have changed."""
    targets = dict(before.targets) if before is not None else {}
    runs = dict(before.runs) if before is not None else {}
    warnings = dict(before.warnings) if before is not None else {}
    into = dict(before.into) if before is not None else {}
    cited_again: set[str] = set()
    for key in again:
        page = pages.get(key)
        old_run = runs.get(key, ())
        run: Run = ()
        if page is None:
            targets.pop(key, None)
            runs.pop(key, None)
            warnings.pop(key, None)
        else:
            occs, answer = page[0], res.answer
            mine = tuple(_target_of(answer.get(ref), ref, plain, stub_of)
                         for ref in [(key[0], key[1], pos) for pos in range(len(occs))])
            then = targets.get(key)
            targets[key] = then if then is not None and then == mine else mine
            run = _edges(occs, targets[key])
            if run == old_run:
                run = old_run
            put(runs, key, run)
            put(warnings, key, tuple(_occurrence_warnings(occs, targets[key], doc_types, label_of)))
        if run is not old_run:
            gone, came = {u for _, u in old_run}, {u for _, u in run}
            for url in gone - came:
                put(into, url, into[url] - {key})
            for url in came - gone:
                into[url] = into.get(url, frozenset()) | {key}
            cited_again |= gone | came
    return targets, runs, warnings, into, cited_again


Shown = tuple[dict[str, tuple[str | None, ...]], dict[str, tuple[Link, ...]], set[str]]


def _shown(again: set[PageKey], urls: dict[PageKey, str], pages: Pages,
           targets: dict[PageKey, tuple[str | None, ...]], runs: dict[PageKey, Run], last: Graph | None,
           before: Kept | None, quoted: Shared[tuple[str, ...]]) -> Shown:
    """What each citing page shows, by URL: its body's targets and its links out (the last graph's objects
    while its runs are); and the URLs whose targets or links out were made again (every other URL's are the
    last graph's)."""
    graph_targets = dict(last.targets) if last is not None else {}
    cites = dict(last.cites) if last is not None else {}
    sources = {key[1] for key in again}
    shown: set[str] = set()
    for source in sources:  # first what the pages left, since another page may take a URL one had
        if before is not None and (gone_url := _url_of(before.urls, source)) is not None:
            graph_targets.pop(gone_url, None)
            cites.pop(gone_url, None)
            shown.add(gone_url)
    for source in sources:
        here = _url_of(urls, source)
        if here is None:
            continue
        shown.add(here)
        if (0, source) in pages:
            graph_targets[here] = targets[(0, source)]
        mine_runs = tuple(r for part in (0, 1) if (r := runs.get((part, source))))
        if not mine_runs:
            continue
        if last is not None and before is not None and _url_of(before.urls, source) == here \
                and here in last.cites:
            old_runs = tuple(r for part in (0, 1) if (r := before.runs.get((part, source))))
            if len(old_runs) == len(mine_runs) and all(map(operator.is_, old_runs, mine_runs)):
                cites[here] = last.cites[here]
                continue
        cites[here] = _links(tuple(chain.from_iterable(mine_runs)), True, quoted)
    return graph_targets, cites, shown


def _cited(cited_again: set[str], into: dict[str, frozenset[PageKey]], runs: dict[PageKey, Run],
           last: Graph | None, before: Kept | None, quoted: Shared[tuple[str, ...]],
           ) -> tuple[dict[str, tuple[Link, ...]], dict[str, Run]]:
    """The links into each cited page and its incoming edges in the graph's order, made again for the
    `cited_again` URLs."""
    cited_by = dict(last.cited_by) if last is not None else {}
    cited_pairs = dict(before.cited_pairs) if before is not None else {}
    for url in cited_again:
        pairs = tuple(pair for key in sorted(into.get(url, ())) for pair in runs[key] if pair[1] == url)
        if not pairs:
            cited_by.pop(url, None)
            cited_pairs.pop(url, None)
        elif cited_pairs.get(url) != pairs or url not in cited_by:
            cited_pairs[url] = pairs
            cited_by[url] = _links(pairs, False, quoted)
    return cited_by, cited_pairs


def _resolution_warnings(res: Resolved, pages: Pages) -> list[Diagnostic]:
    """Citations that name several documents, or none that a number without its code could be."""
    out = []
    for ref, candidates in res.ordered_ambiguous():
        occ = pages[(ref[0], ref[1])][0][ref[2]]
        out.append(_warn("citation-ambiguous", occ, catalog.MSG["cite_ambiguous"].format(
            surface=collapse_spaces(occ.citation.text), count=len(candidates) or 2)))
    for ref in res.ordered_unresolved():
        occ = pages[(ref[0], ref[1])][0][ref[2]]
        out.append(_warn("citation-unresolved", occ, catalog.MSG["cite_unresolved"].format(
            surface=collapse_spaces(occ.citation.text))))
    return out


def edge_lists(kept: Kept) -> tuple[list[tuple[Occurrence, str]], list[tuple[str, Run]]]:
    """The graph's edges and its runs of edges by citing page, in the site's order, from what it keeps per
    page (the build cache keeps only that: cache_graph.py)."""
    urls, runs = kept.urls, kept.runs
    run_list = [(urls[key], runs[key]) for key in sorted(runs)]  # build_graph keeps them sorted
    return list(chain.from_iterable(run for _, run in run_list)), run_list


def _url_of(urls: dict[PageKey, str], source: str) -> str | None:
    return urls.get((0, source)) or urls.get((1, source))


def _target_of(answer: str | Identity | None, ref: Ref, plain: frozenset[Ref],
               stub_of: dict[Identity, str]) -> str | None:
    if answer is None:
        return None
    if isinstance(answer, str):
        return None if answer.startswith(HIDDEN) else answer
    return None if ref in plain else stub_of.get(answer)


def _occurrence_warnings(occs: list[Occurrence], targets: tuple[str | None, ...], doc_types: dict[str, str],
                         label_of: Callable[[str | None], str]) -> Iterable[Diagnostic]:
    """What one page's citations report alone: a year that disagrees with the symbol's, a type that is not
    the cited document's."""
    for occ, cited in zip(occs, targets, strict=True):
        c = occ.citation
        if c.year_conflict and c.symbol is not None:
            yield _warn("citation-year-conflict", occ, catalog.MSG["cite_year_conflict"].format(
                surface=collapse_spaces(c.text), symbol_year=c.symbol.year, year=c.year))
        if cited in doc_types and c.doc_type and c.doc_type != doc_types[cited]:
            message = catalog.MSG["cite_type_mismatch"].format(surface=collapse_spaces(c.text),
                                                               cited=label_of(c.doc_type),
                                                               actual=label_of(doc_types[cited]))
            yield _warn("citation-type-conflict", occ, message)


def _edges(occs: list[Occurrence], targets: tuple[str | None, ...]) -> Run:
    return tuple((occ, url) for occ, url in zip(occs, targets, strict=True)
                 if url is not None and url != occ.source_url)


def occurrences_of(raws: list[RawCitation], source: str, source_url: str, body_line: int,
                   scope: str, acts: bool = True, when: PartialDate | None = None) -> list[Occurrence]:
    """Raw citations of one body placed in the site: file lines, and the province each one refers to (read
    with the map of its date, identity.citation_scope). `when`: the body's date. `acts`: the body is a
    document's, whose "thay thế", "sửa đổi", "bãi bỏ" are its own acts (ACTS)."""
    return [
        Occurrence(source=source, source_url=source_url, line=body_line + raw.line, citation=raw.citation,
                   sentence=raw.sentence, sentence_id=raw.sentence_id,
                   relation=raw.citation.relation if acts or raw.citation.relation not in ACTS else None,
                   scope=sys.intern(citation_scope(raw.citation, scope, when)))
        for raw in raws
    ]


def _warn(code: str, occ: Occurrence, message: str) -> Diagnostic:
    return Diagnostic("warning", code, occ.source, occ.line, message)


def _duplicate_documents(documents: dict[str, Identity]) -> list[Diagnostic]:
    seen: dict[Identity, str] = {}
    out = []
    for url, ident in sorted(documents.items()):
        if ident.date is not None and ident in seen:
            out.append(Diagnostic("warning", "duplicate-document", url, 0,
                                  catalog.MSG["duplicate_document"].format(url=url, other=seen[ident])))
        seen.setdefault(ident, url)
    return out


def _duplicates_since(documents: dict[str, Identity], was: dict[str, Identity],
                      had: list[Diagnostic]) -> list[Diagnostic]:
    """_duplicate_documents(documents) from `had`, those of the documents `was`: the warnings of the
    identities no document took or left are the same; those of the others are made again from their
    documents alone (found by symbol key, a pass without a call per document)."""
    moved = changed_keys(documents, was)
    idents = {ident for url in moved for ident in (documents.get(url), was.get(url)) if ident is not None}
    keys = {ident.key for ident in idents}
    again = {url: ident for url, ident in documents.items() if ident.key in keys and ident in idents}
    left = {url for url, ident in was.items() if ident.key in keys and ident in idents}
    kept = [d for d in had if d.file not in left and d.file not in again]
    return sorted([*kept, *_duplicate_documents(again)], key=lambda d: d.file)


def _links(pairs: tuple[tuple[Occurrence, str], ...], outgoing: bool,
           quoted: Shared[tuple[str, ...]]) -> tuple[Link, ...]:
    by_other: dict[str, list[Occurrence]] = {}
    for occ, url in pairs:
        by_other.setdefault(url if outgoing else occ.source_url, []).append(occ)
    links = []
    for there, occs in by_other.items():
        first = {(o.source, o.sentence_id): o.sentence for o in reversed(occs) if o.sentence}
        sentences = quoted.one(tuple(dict.fromkeys(first[(o.source, o.sentence_id)] for o in occs
                                                   if o.sentence)))
        # A relation declared in front-matter (no sentence) outranks one read from the opening.
        relation = next((o.relation for o in sorted(occs, key=lambda o: bool(o.sentence)) if o.relation),
                        None)
        links.append(Link(there, sentences, relation))
    return tuple(links if outgoing else sorted(links, key=lambda link: link.url))
