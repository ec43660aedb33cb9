"""Assemble's second half: every citation of the site resolved to a page or a stub document (through
cite/graph.py), what each page brings to that graph (kept per page), the stubs' records, the graph's edges as
records. Pure functions over plain data; assemble.py calls them for a full assemble and assemble_edit.py for
an edit.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import chain

from sitegen.base import catalog, provinces
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import PartialDate, collapse_spaces, same_words_key, slugify
from sitegen.cite.detect import Citation
from sitegen.cite.graph import HIDDEN, Graph, Link, Run, Stub, build_graph, occurrences_of
from sitegen.cite.identity import (
    Identity,
    Occurrence,
    citation_scope,
    is_central,
    occurrence_identity,
    province_of,
)
from sitegen.cite.names import cited_as, issuer_with_place
from sitegen.cite.resolve import Ref
from sitegen.cite.stubs import StubInfo
from sitegen.cite.symbols import Symbol, parse_symbol
from sitegen.cite.vocab import TYPE_NAMES
from sitegen.pipeline import parse, schema
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.records import Change, Document, Edge


def edges(graph: Graph, derived: Derived) -> tuple[Edge, ...]:
    """The graph's edges as records, in its order, made again only for the runs of one citing page's edges
    that changed."""
    out: list[Edge] = []
    runs: dict[str, int] = {}
    for url, run in graph.runs:  # each the same object while the page's edges are the same
        out += _asked_run(url, run, runs, derived)
    return tuple(out)


def _asked_run(url: str, run: Run, runs: dict[str, int], derived: Derived) -> tuple[Edge, ...]:
    """The edges of `url`'s next run (`runs`: each page's runs so far), kept while the run is the same."""
    runs[url] = runs.get(url, -1) + 1
    return derived.get("edges", f"{url} {runs[url]}", (run,), _edge_run, run)


def edges_since(graph: Graph, was: Graph, had: tuple[Edge, ...], derived: Derived) -> tuple[Edge, ...]:
    """edges(graph) from `had`, the edges of the graph `was` that `graph` was made from: the runs of the pages
    it made again (`Since.shown`) asked as edges asks them, every other run's edges taken from `had` in
    blocks (the same runs, in the same order), without a get per citing page."""
    since = graph.since
    if since is None or since.stamp is not was.stamp:
        return edges(graph, derived)
    shown = since.shown
    spans: list[tuple[Run, int, int]] = []  # each run kept: (the run, its edges' span in `had`)
    at = 0
    for url, run in was.runs:
        if url not in shown:
            spans.append((run, at, at + len(run)))
        at += len(run)
    assert at == len(had)
    out: list[Edge] = []
    kept, runs = iter(spans), dict[str, int]()
    start = end = 0  # the span of `had` not yet taken
    for url, run in graph.runs:
        if url not in shown:
            same, a, b = next(kept)
            assert same is run
            if a != end:
                out += had[start:end]
                start = a
            end = b
            continue
        out += had[start:end]
        start = end = 0
        out += _asked_run(url, run, runs, derived)
    out += had[start:end]
    return tuple(out)


def _edge_run(pairs: tuple[tuple[Occurrence, str], ...]) -> tuple[Edge, ...]:
    return tuple(Edge(occ.source_url, target, sys.intern(collapse_spaces(occ.citation.text)), occ.sentence,
                      occ.source, occ.line, occ.relation) for occ, target in pairs)


def type_label(config: SiteConfig, key: str | None) -> str:
    """The site's name for a type, else the name the citation's type word gives ("Quy định"), else "Văn
    bản"."""
    if key in config.types:
        return config.types[key].label
    return TYPE_NAMES.get(key or "", catalog.UI["document"])


def entry_date(entry: Entry) -> PartialDate | None:
    return getattr(entry.meta, "date", None)


def entry_scope(entry: Entry, config: SiteConfig) -> str:
    """Province a text is written in, on the map of its date ("Ninh Bình (mới)" in 2026, base/provinces.py):
    relative issuer phrases ("Tỉnh ủy", "UBND tỉnh") point there."""
    meta = entry.meta
    found = ""
    if isinstance(meta, schema.DocumentMeta):
        found = province_of(meta.province and f"tỉnh {meta.province}", meta.parent, meta.issuer)
    elif isinstance(meta, schema.ArticleMeta) and meta.province:
        found = province_of(f"tỉnh {meta.province}")
    found = found or province_of(config.province and f"tỉnh {config.province}")
    return provinces.scope(found, entry_date(entry))


def citation_graph(claimed: dict[str, Entry], parsed: dict[str, parse.Parsed], config: SiteConfig,
         diagnostics: list[Diagnostic], hidden: Iterable[Entry], derived: Derived | None = None,
         linkages: dict[str, Linkage] | None = None) -> tuple[Graph, dict[str, Symbol]]:
    """Resolve every citation of the site. Returns the graph and each document's parsed symbol. `linkages`:
    filled with what each page brought (linkage)."""
    occurrences: list[Occurrence] = []
    identities: dict[str, Identity] = {}
    doc_types: dict[str, str] = {}
    symbols: dict[str, Symbol] = {}
    first: dict[str, int] = {}
    bodies: dict[str, list[Occurrence]] = {}  # URL -> its body's citations
    relations: dict[str, list[Occurrence]] = {}  # document URL -> its front-matter relations
    derived = derived if derived is not None else Derived()
    idents: dict[str, list[Identity]] = {}
    for url, entry in claimed.items():
        first[url] = len(occurrences)
        brought = derived.get("linkage", url, (entry, parsed[url]), linkage, entry, parsed[url], url, config)
        if linkages is not None:
            linkages[url] = brought
        found, found_idents, document = brought
        occurrences += found
        bodies[url] = found
        idents[url] = found_idents
        if document is None:
            continue
        meta = entry.meta
        assert isinstance(meta, schema.DocumentMeta)
        symbol, its_declared, identity = document
        if symbol is None:
            message = catalog.MSG["bad_symbol"].format(value=meta.number)
            diagnostics.append(Diagnostic("warning", "bad-symbol", entry.source, 1, message, field="number"))
            continue
        assert identity is not None
        symbols[url] = symbol
        doc_types[url] = meta.type
        relations[url] = its_declared
        identities[url] = identity

    for entry in hidden:
        meta = entry.meta
        if isinstance(meta, schema.DocumentMeta) and (symbol := parse_symbol(meta.number)) is not None:
            date = PartialDate(symbol.year) if symbol.system == "legal" and symbol.year else meta.date
            scope = "" if is_central(symbol) else entry_scope(entry, config)
            identities[HIDDEN + entry.source] = Identity(symbol.key, date, scope)

    # only a file with more citations than the limit can cite more unknown documents than it
    crowded = [range(at, at + len(bodies[url])) for url, at in first.items()
               if len(bodies[url]) > MAX_STUBS_PER_SOURCE]
    plain = _over_stub_limit(occurrences, identities, diagnostics, crowded)
    made = (bodies, relations, identities, doc_types, set(claimed), symbols, plain)
    graph = _resolved(made, idents, config, derived)
    diagnostics += graph.diagnostics
    return graph, symbols


GraphInputs = tuple[dict[str, list[Occurrence]], dict[str, list[Occurrence]], dict[str, Identity],
                    dict[str, str], set[str], dict[str, Symbol], frozenset[Ref]]


def _resolved(made: GraphInputs, idents: dict[str, list[Identity]], config: SiteConfig,
              derived: Derived) -> Graph:
    """build_graph of `made` (bodies, relations, identities, types, URLs, symbols, plain), kept, from the last
    build's graph."""
    last = derived.kept("graph", "")
    bodies, relations, identities, doc_types, claimed, symbols, plain = made
    return derived.get("graph", "", made, build_graph, bodies, relations, identities, doc_types, claimed,
                       lambda key: type_label(config, key), symbols, plain, idents,
                       last[1] if last is not None else None)


def recited_graph(last: Graph, recited: dict[str, Linkage], linkages: dict[str, Linkage], config: SiteConfig,
                  derived: Derived) -> Graph | None:
    """The graph after the bodies of the `recited` pages (URL -> its new linkage, its document's part the
    last one's) cite otherwise and nothing else changed: the `last` graph's inputs with those pages'
    occurrences, through the same build_graph from `last`, without a pass over every page (citation_graph's).
    `linkages`: every page's. None when the last inputs are not kept with `last`, or when a page is or was
    over the stub limit (its occurrences decide which stay plain text): a full assemble."""
    kept = derived.kept("graph", "")
    if kept is None or kept[1] is not last:
        return None
    bodies, relations, identities, doc_types, claimed, symbols, plain = kept[0]
    if any(len(found) > MAX_STUBS_PER_SOURCE or len(bodies[url]) > MAX_STUBS_PER_SOURCE
           for url, (found, _, _) in recited.items()):
        return None
    bodies = {**bodies, **{url: found for url, (found, _, _) in recited.items()}}
    idents = {url: found_idents for url, (_, found_idents, _) in linkages.items()}
    return _resolved((bodies, relations, identities, doc_types, claimed, symbols, plain), idents, config,
                     derived)


Linkage = tuple[list[Occurrence], list[Identity],
                tuple[Symbol | None, list[Occurrence], Identity | None] | None]


def linkage(entry: Entry, parsed: parse.Parsed, url: str, config: SiteConfig) -> Linkage:
    """What one page brings to the citation graph, from its entry and parse alone (kept per page as one
    value): its body's occurrences and their identities; for a document, its parsed symbol (None: not a
    symbol), its front-matter relations as occurrences and its own identity."""
    scope = entry_scope(entry, config)
    found = _occurrences(entry, parsed, url, scope)
    meta = entry.meta
    if not isinstance(meta, schema.DocumentMeta):
        return found, _identities(found), None
    symbol = parse_symbol(meta.number)
    if symbol is None:
        return found, _identities(found), (None, [], None)
    declared = _declared_relations(meta, entry, url, scope)
    return found, _identities(found), (symbol, declared, _identity(symbol, meta.date, scope))


def _identity(symbol: Symbol, date: PartialDate | None, scope: str) -> Identity:
    """A content document's identity: its symbol, date (a legal symbol's year) and province."""
    date = PartialDate(symbol.year) if symbol.system == "legal" and symbol.year else date
    return Identity(symbol.key, date, "" if is_central(symbol) else scope)


def _identities(occurrences: list[Occurrence]) -> list[Identity]:
    return [occurrence_identity(occ) for occ in occurrences]


def _occurrences(entry: Entry, parsed: parse.Parsed, url: str, scope: str) -> list[Occurrence]:
    return occurrences_of(list(parsed.citations), entry.source, url, entry.body_line, scope,
                          acts=isinstance(entry.meta, schema.DocumentMeta), when=entry_date(entry))


MAX_STUBS_PER_SOURCE = 1_000  # documents one file may cite that the site does not hold; a long list of
# repealed documents cites a few hundred. Beyond it each citation would make a page: a pasted list of 100,000
# numbers made 100,000 pages.


def _over_stub_limit(occurrences: list[Occurrence], identities: dict[str, Identity],
                     diagnostics: list[Diagnostic], crowded: list[range]) -> frozenset[Ref]:
    """Occurrences that would make a stub page beyond MAX_STUBS_PER_SOURCE distinct documents cited by one
    file: they stay plain text, and the file gets one warning, at the first of them. `crowded`: the ranges
    of `occurrences` of the files with more citations than the limit (no other file can pass it)."""
    if not crowded:
        return frozenset()
    known = {ident.key for ident in identities.values()}
    plain: dict[str, dict[int, str]] = {}  # source -> occurrence index -> the unknown document it cites
    seen: dict[str, set[str]] = {}
    refs: list[Ref] = []
    for index, at in chain.from_iterable(((i, span.start) for i in span) for span in crowded):  # in order
        occ = occurrences[index]
        symbol = occ.citation.symbol
        if symbol is None or symbol.key in known:
            continue
        keys = seen.setdefault(occ.source, set())
        if symbol.key in keys or len(keys) < MAX_STUBS_PER_SOURCE:
            keys.add(symbol.key)
        else:
            plain.setdefault(occ.source, {})[index] = symbol.key
            refs.append((0, occ.source, index - at))
    for source, over in plain.items():
        message = catalog.MSG["stub_limit"].format(limit=MAX_STUBS_PER_SOURCE, more=len(set(over.values())))
        diagnostics.append(Diagnostic("warning", "stub-limit", source, occurrences[min(over)].line, message))
    return frozenset(refs)


def _declared_relations(meta: schema.DocumentMeta, entry: Entry, url: str, scope: str) -> list[Occurrence]:
    """Front-matter `relations` as occurrences without a sentence, so they resolve like citations."""
    found = []
    for rel in meta.relations:
        date = rel.date
        symbol = parse_symbol(rel.number)
        citation = Citation(
            start=0, end=0, text=rel.number, symbol=symbol, doc_type=None,
            year=date.year if date else None, month=date.month if date else None,
            day=date.day if date else None,
            issuer_phrase=rel.issuer, short=False, year_conflict=False,
            number=symbol.number if symbol else "",
        )
        found.append(Occurrence(
            source=entry.source, source_url=url, line=1, citation=citation, sentence="",
            scope=citation_scope(citation, scope, meta.date), relation=rel.type,
        ))
    return found


def link_title(config: SiteConfig, entry: Entry, symbol: Symbol | None) -> str | None:
    meta = entry.meta
    if isinstance(meta, schema.DocumentMeta):
        number = symbol.normalized if symbol else meta.number
        return f"{config.types[meta.type].label} {number}: {meta.title}"
    return meta.title


def _stub_issuer(info: StubInfo) -> str:
    """ "Ban Thường vụ Tỉnh ủy Hà Nam": the phrase as cited, with the province it was resolved to."""
    return issuer_with_place(info.issuer_phrase, info.identity.scope,
                             info.symbol.issuer_code if info.symbol else None)


def stub_cited_as(info: StubInfo) -> str:
    """ "04-NQ/TU của Tỉnh ủy Hà Nam, 2021": a stub's name after its type (names.py)."""
    year = info.identity.date.year if info.identity.date else None
    return cited_as(info.label, _stub_issuer(info), year)


def stub_title(config: SiteConfig, info: StubInfo) -> str:
    """The title of links to a stub: its trích yếu when cited, else what is known of it."""
    label = type_label(config, info.doc_type)
    if info.title:
        return f"{label} {info.label}: {info.title}"
    return f"{label} {stub_cited_as(info)}"


def stub_document(config: SiteConfig, stub: Stub, cited_by: tuple[Link, ...],
                  changed_by: tuple[Change, ...] = ()) -> Document:
    info = stub.info
    doc_type = info.doc_type if info.doc_type in config.types else ""
    system = "party" if info.symbol and info.symbol.system == "party" else "state"
    issuer = _stub_issuer(info)
    return Document(
        url=stub.url, source="", title=info.title or "", type=doc_type,
        type_label=type_label(config, info.doc_type),
        number=info.label, system=system,
        # an issuer list shows a stub when its citations name an issuer (not a province alone)
        issuer=issuer, issuer_slug=slugify(same_words_key(issuer)) if info.issuer_phrase else "",
        parent=None, place=None,
        date=info.identity.date, signer=None, recipients=(), tags=(), summary=None, body_html="",
        stub=True, cited_by=cited_by, cited_as=stub_cited_as(info), changed_by=changed_by,
    )
