"""Assemble driven by the changed items, for the most common edits: a body changed, or front-matter fields
that neither move the page nor change what it brings to the citation graph (title, summary…), the citations
it makes reading as before.

A full assemble (assemble.py) ends with an `Assembled`: its inputs (the entries, the other edition's, drafts
or not) and what it made from them, per page (parse, what the page brings to the citation graph, record,
what its body reports) and for the whole site (the graph and what is made from it, the lists, the model).
The next assemble compares its entries with those (by identity: an unchanged file gives the same entry) and,
when every other input is the same and each edited page still brings the graph what it brought, makes again
only the edited pages' records, with the same functions (`page_record`, `_linkage`), and puts them in the
last model's place: O(the edit), not O(the site). A new title reaches the pages that cite the edited one (the
graph's `cited_by` names them: their links show it), and a record whose title moved is moved in each list
it is in by a bisect with the lists' own sort key (taxonomies.resorted). An edited body that cites
otherwise, while no stub comes or goes, makes the citation graph from the last one with the edited pages'
occurrences (linking.recited_graph: the same build_graph, without citation_graph's pass over every page),
and again only the records the graph says moved (`Since`: links out, links in; changes; a stub's title).
Anything else (another front-matter field, a stub that comes or goes, a file added or removed, an edition's
text) is a full assemble, whose per-page values are kept (derived.py). Both give the same model: the
property test (tests/test_incremental.py) builds each edit both ways.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any, TypeVar, cast

from sitegen.base import folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.cite.aliases import AliasTable
from sitegen.cite.graph import Graph, Link, Stub
from sitegen.cite.symbols import Symbol
from sitegen.pipeline import parse
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.parse import Memo
from sitegen.pipeline.records import Article, Change, Document, Edge, Item, Page, Site
from sitegen.pipeline.taxonomies import stub_facets

T = TypeVar("T", Document, Article, Page)
# Front-matter fields a page's URL, its lists' membership, its graph contribution, editions and the alias
# table never read: only its record, its link title and (title) its place in a sorted list.
FREE = frozenset({"title", "summary", "author", "image", "image_caption", "signer", "recipients", "place"})


@dataclass(frozen=True)
class Linked:
    """What a page's record is made from besides its own entry and parse: the resolved citation graph and
    what is read from it."""

    config: SiteConfig
    graph: Graph
    symbols: dict[str, Symbol]  # document URL -> its parsed symbol
    titles: dict[str, str | None]  # URL -> the title of links to it
    by_source: dict[str, str]  # content file -> its page's URL
    changed: dict[str, tuple[Change, ...]]  # URL -> what changes it (validity status)


@dataclass(frozen=True)
class Assembled:
    """One assemble: its inputs, and what it made, per page and for the site."""

    entries: list[Entry]
    hidden: tuple[Entry, ...]
    drafts: bool
    claimed: dict[str, Entry]  # URL -> the entry built there
    parsed: dict[str, parse.Parsed]
    linkages: dict[str, Any]  # URL -> what the page brings to the citation graph (assemble._linkage)
    linked: Linked
    records: dict[str, Item | None]  # URL -> the page's record (None: an edition's, made by editions.py)
    site: Site
    site_diagnostics: list[Diagnostic]  # of URLs, aliases, citations, editions
    bodies: dict[str, list[Diagnostic]]  # URL -> what its body reports
    aliases: AliasTable
    graph_at: int  # where the graph's diagnostics start in site_diagnostics

    def diagnostics(self) -> list[Diagnostic]:
        return [*self.site_diagnostics, *chain.from_iterable(self.bodies.values())]


def edited_pages(last: Assembled | None, entries: list[Entry], hidden: tuple[Entry, ...],
                 drafts: bool) -> list[tuple[str, Entry]] | None:
    """(URL, new entry) of each built page whose body or FREE front-matter fields alone changed since `last`;
    None when anything else did (a file added, removed or renamed, other front-matter, an edition, the other
    edition's files)."""
    if last is None or drafts != last.drafts or len(entries) != len(last.entries) or \
            len(hidden) != len(last.hidden):
        return None
    if not all(new is old or new == old for new, old in zip(hidden, last.hidden, strict=True)):
        return None
    edited = []
    for new, old in zip(entries, last.entries, strict=True):
        if new is old or new == old:
            continue
        if (new.source != old.source or new.kind != old.kind or not _free_change(new, old)
                or new.body_line != old.body_line or new.key_lines != old.key_lines
                or new.kind == folders.EDITIONS):
            return None
        url = last.linked.by_source.get(new.source)
        if url is not None:  # else a draft left out of this build: its body shows nowhere
            edited.append((url, new))
    return edited


def _free_change(new: Entry, old: Entry) -> bool:
    """The two front-matters are equal but for FREE fields."""
    if new.meta == old.meta:
        return True
    if type(new.meta) is not type(old.meta):
        return False
    a, b = vars(new.meta), vars(old.meta)
    return a.keys() == b.keys() and all(a[k] == b[k] for k in a if k not in FREE)


Linkage = Callable[[Entry, parse.Parsed, str], Any]  # (entry, parse, URL) -> assemble._linkage's value
Regraph = Callable[[Graph, dict[str, Any], dict[str, Any]], Graph | None]  # linking.recited_graph
Validity = Callable[[Graph, dict[str, Entry]], dict[str, tuple[Change, ...]]]  # assemble.validity
StubRecord = Callable[[Stub, tuple[Link, ...], tuple[Change, ...]], Document]  # linking.stub_document, kept
StubTitle = Callable[[Stub], str]  # linking.stub_title
Edges = Callable[[Graph, Graph, tuple[Edge, ...]], tuple[Edge, ...]]  # linking.edges_since
PageRecord = Callable[[Linked, str, Entry, parse.Parsed, Derived],
                      tuple[Item | None, str, list[Diagnostic]]]  # assemble.page_record
TitleOf = Callable[[Entry, Symbol | None], str | None]  # assemble.link_title
Resort = Callable[[Site, dict[str, Item]], Site]  # taxonomies.resorted


@dataclass(frozen=True)
class Recite:
    """The steps a citation edit takes besides a body or title edit's (the same functions as a full
    assemble's)."""

    regraph: Regraph
    validity: Validity
    stub_record: StubRecord
    stub_title: StubTitle
    edges: Edges


def reassemble(last: Assembled, edited: list[tuple[str, Entry]], entries: list[Entry], memo: Memo,
               derived: Derived, linkage: Linkage, page_record: PageRecord, title_of: TitleOf,
               resort: Resort, recite: Recite, url_of: Callable[[Entry], str]) -> Assembled | None:
    """The model of `entries`, from `last` and the `edited` pages made again (and the pages citing one whose
    link title changed); when an edited body cites otherwise, the graph made again from the last one and the
    pages and stubs whose links, links in or changes moved (_recited). None when an edited page's document
    brings the graph another symbol, relation or identity, a stub came or went or moved in its lists, or an
    edition's record would change (a full assemble is needed)."""
    if memo.aliases is not last.aliases and memo.aliases != last.aliases:
        return None  # the parses were made with another table of named forms
    md = None
    parsed, linkages = dict(last.parsed), dict(last.linkages)
    recited: dict[str, Any] = {}
    for url, entry in edited:
        if url_of(entry) != url:  # asked, as a full assemble asks it: the kept URL's input is this entry
            return None
        if entry.digest not in memo.parsed and md is None:
            md = parse.make_parser(last.aliases)
        parsed[url] = memo.parse(md, entry)
        linkages[url] = linkage(entry, parsed[url], url)
        if linkages[url] != last.linkages[url]:
            if linkages[url][2] != last.linkages[url][2]:
                return None  # the document's own part: its symbol, relations, identity
            recited[url] = linkages[url]
    claimed, records, bodies = dict(last.claimed), dict(last.records), dict(last.bodies)
    claimed.update(edited)
    linked, remake = last.linked, dict.fromkeys(url for url, _ in edited)
    stubs: dict[str, Item] = {}
    site_diagnostics = last.site_diagnostics
    if recited:
        made = _recited(last, recited, linkages, claimed, recite)
        if made is None:
            return None
        linked, again, stubs, site_diagnostics = made
        remake.update(dict.fromkeys(sorted(again)))
    titles = {}
    for url, entry in edited:
        title = title_of(entry, linked.symbols.get(url))
        if title != linked.titles[url]:
            titles[url] = title
    if titles:  # the pages citing a retitled one show its new title in their links
        linked = replace(linked, titles={**linked.titles, **titles})
        for url in titles:
            for link in linked.graph.cited_by.get(url, ()):
                if claimed[link.url].kind == folders.EDITIONS:
                    return None  # an edition's introduction: its record is made by editions.assemble
                remake.setdefault(link.url)
    fresh: dict[str, Item] = {}
    for url in remake:
        record, _, bodies[url] = page_record(linked, url, claimed[url], parsed[url], derived)
        assert record is not None  # editions are never edited pages, nor (above) remade citers
        records[url] = fresh[url] = record
    site = last.site
    if fresh or stubs:
        by_url = dict(site.by_url)
        by_url.update(fresh)
        by_url.update(stubs)
        site = replace(site, documents=_swap(site.documents, fresh), articles=_swap(site.articles, fresh),
                       pages=_swap(site.pages, fresh), stubs=_swap(site.stubs, stubs), by_url=by_url)
        moved = {url: fresh[url] for url, _ in edited
                 if cast(Any, fresh[url]).title != cast(Any, last.records[url]).title}
        if moved:
            site = resort(site, moved)
    if recited:
        site = replace(site, edges=recite.edges(linked.graph, last.linked.graph, last.site.edges))
    return replace(last, entries=list(entries), claimed=claimed, parsed=parsed, linkages=linkages,
                   linked=linked, records=records, site=site, bodies=bodies,
                   site_diagnostics=site_diagnostics)


def _recited(last: Assembled, recited: dict[str, Any], linkages: dict[str, Any], claimed: dict[str, Entry],
             recite: Recite) -> tuple[Linked, set[str], dict[str, Item], list[Diagnostic]] | None:
    """After the `recited` pages' bodies cite otherwise: the graph made from the last one, what is read from
    it, the pages whose records read what it made again (their links out, links in, changes, a stub's title
    they link to), the stubs' records made again, and the site's diagnostics with the graph's. The
    complement of assemble_edit.kept_pages, from what the graph says it made again (`Since`) instead of a
    pass over every page. None when a stub came or went, or moved in its lists, or an edition's record
    would be made again."""
    before = last.linked
    graph = recite.regraph(before.graph, recited, linkages)
    if graph is None or graph.since is None or graph.since.stamp is not before.graph.stamp:
        return None
    had = {stub.url: stub for stub in before.graph.stubs}
    if len(graph.stubs) != len(had) or any(stub.url not in had for stub in graph.stubs):
        return None  # a stub came or went: the lists change (a full assemble)
    changed = recite.validity(graph, claimed)
    again = set(graph.since.shown) | graph.since.cited
    if changed is not before.changed:
        again.update(url for url in changed.keys() | before.changed.keys()
                     if changed.get(url) != before.changed.get(url))
    titles = before.titles
    retitled = {stub.url: title for stub in graph.stubs if stub is not had[stub.url]
                and (title := recite.stub_title(stub)) != titles[stub.url]}
    if retitled:  # the pages linking to a stub show its title
        titles = {**titles, **retitled}
        again.update(link.url for url in retitled for link in graph.cited_by.get(url, ()))
    stubs: dict[str, Item] = {}
    for stub in graph.stubs:
        if stub.url in again or stub is not had[stub.url]:
            record = recite.stub_record(stub, graph.cited_by.get(stub.url, ()), changed.get(stub.url, ()))
            old = cast(Document, last.site.by_url[stub.url])
            if record is not old:
                if stub_facets(record) != stub_facets(old) or record.issuer != old.issuer:
                    return None  # its place in the lists, or an issuer's name, may move
                stubs[stub.url] = record
    again &= claimed.keys()
    if any(claimed[url].kind == folders.EDITIONS for url in again):
        return None  # an edition's record is made by editions.assemble
    at, diagnostics = last.graph_at, last.site_diagnostics
    diagnostics = [*diagnostics[:at], *graph.diagnostics, *diagnostics[at + len(before.graph.diagnostics):]]
    return replace(before, graph=graph, titles=titles, changed=changed), again, stubs, diagnostics


def _swap(records: tuple[T, ...], fresh: dict[str, Item]) -> tuple[T, ...]:
    """`records` in their order, each edited one replaced by its new record."""
    return tuple(cast(T, fresh.get(r.url, r)) for r in records)


def kept_pages(last: Assembled | None, claimed: dict[str, Entry], parsed: dict[str, parse.Parsed],
               linked: Linked) -> set[str]:
    """The URLs whose record, body and body diagnostics (page_record) the last assemble made from the same
    inputs, so they are the last ones: the same entry and parse (then the same symbol and link title: both
    are read from them alone), the same links out and in (kept per page by the graph: the same objects while
    a page's edges are the same), the same changes to it, the same target and title for each of its
    citations, and (when a URL moved or a file came or went) the same file links. Only what may have changed
    is compared: the pages whose entry or parse is not the last one's, the URLs the graph made again (`Since`)
    and the changes status made again; the rest is not made again (a full assemble without `last`)."""
    if last is None:
        return set()
    before = last.linked
    if before.config is not linked.config and before.config != linked.config:
        return set()
    kept = {url for url, entry in claimed.items()
            if last.claimed.get(url) is entry and last.parsed.get(url) is parsed[url]
            and entry.kind != folders.EDITIONS}  # an edition's body is read by editions.assemble
    # a title is made from its page's entry and symbol (linking.link_title), or a stub's: only those of the
    # pages not kept above, of the stubs and of the URLs gone can differ
    now_titles, then_titles = linked.titles, before.titles
    retitled = {url for url in (now_titles.keys() - kept) | (then_titles.keys() - now_titles.keys())
                if now_titles.get(url) != then_titles.get(url)}
    new, old = linked.graph, before.graph
    shown, cited = _again_since(new, old)
    # each page's targets, in the order of its citations: the same tuple while they are the same (the graph
    # keeps them per page), equal ones after a cache load
    kept.difference_update([url for url in shown if new.cites.get(url) is not old.cites.get(url)
                            or _moved(new.targets.get(url, ()), old.targets.get(url, ()))])
    kept.difference_update([url for url in cited if new.cited_by.get(url) is not old.cited_by.get(url)])
    kept.difference_update(url for url in linked.changed.keys() | before.changed.keys()
                           if linked.changed.get(url) != before.changed.get(url))
    if linked.by_source != before.by_source:  # a page's file links may name a file that came, went or moved
        kept.difference_update([url for url in kept if parsed[url].file_links])
    if retitled:
        targets = new.targets
        kept.difference_update([url for url in kept if not retitled.isdisjoint(targets.get(url, ()))])
    return kept


def _again_since(new: Graph, old: Graph) -> tuple[Iterable[str], Iterable[str]]:
    """The URLs whose targets or links out, and those whose links in, may differ between the graphs `old` and
    `new`: none when they are one; those build_graph made again when it made `new` from `old`; else every
    URL of either."""
    if new is old:
        return (), ()
    if new.since is not None and new.since.stamp is old.stamp:
        return new.since.shown, new.since.cited
    return new.cites.keys() | old.cites.keys() | new.targets.keys() | old.targets.keys(), \
        new.cited_by.keys() | old.cited_by.keys()


def _moved(now: tuple[str | None, ...], then: tuple[str | None, ...]) -> bool:
    return now is not then and now != then
