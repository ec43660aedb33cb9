"""What each output file was made from, kept between builds, and which outputs a new site model makes stale.

Render builds an output's context through a view of the site that records each fact it reads (as Lektor
records an artifact's dependencies): the item it shows, the cards of the items it lists or links, the order of
a list, a term, a taxonomy's terms, the editions, the citation graph, the set of pages. `changes` compares the
last site model with the new one fact by fact; the outputs that read a fact that changed are stale, and only
they get a context, a digest and, when the digest moved, a render. A card changes only when what lists show of
an item changes, so a body edit leaves every list, link and feed alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitegen.base.shared import Shared
from sitegen.pipeline.records import Article, Document, Site
from sitegen.pipeline.render import paging

Fact = tuple[str, ...]
_FACTS = Shared[Fact]()


def shared_facts(facts: frozenset[Fact]) -> frozenset[Fact]:
    """`facts` made of the objects other records hold for them (base/shared.py): the 13,268 records of
    10,000 documents read 264,000 facts, 33,000 of them distinct."""
    return frozenset(map(_FACTS.one, facts))


@dataclass
class Record:
    """One output as last made: the facts it read, its template, its job's digest and its bytes' digest."""

    facts: frozenset[Fact]
    template: str | None
    key: str
    sha: str


@dataclass
class Outputs:
    records: dict[str, Record] = field(default_factory=dict)  # output path -> how it was made
    shared: str = ""  # digest of the context every page shares
    templates: dict[str, str] = field(default_factory=dict)  # template -> digest of it and what it loads
    # which output each path is (Renderer.specs) and the paths sorted, as the last render made them; in
    # memory only (build/render.py's _specs): the disk cache keeps None
    specs: tuple[dict[str, tuple[str, ...]], list[str]] | None = field(default=None, compare=False,
                                                                        repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "specs": None}

    def stale(
        self, paths: Iterable[str], facts: set[Fact], shared: str, templates: dict[str, str]
    ) -> set[str]:
        """Of the outputs the site has now (`paths`), those to make again: new ones, those that read a fact
        that changed, and all when the shared context did; those of a template that changed. One pass over
        the records (`isdisjoint` walks the smaller set: the few facts that changed): ~9 ms at 13,268
        outputs (17 ms for 100 facts), where an index of readers cost 0.24 s to build (each CLI build, its
        records loaded from disk) and upkeep on each `keep` (serve)."""
        paths = set(paths)
        if shared != self.shared:
            return paths
        out = paths - self.records.keys()
        out |= {p for p, r in self.records.items() if not r.facts.isdisjoint(facts)} & paths
        changed = {t for t, d in templates.items() if self.templates.get(t) != d}
        if changed:
            out |= {p for p in paths - out if self.records[p].template in changed}
        return out

    def keep(self, path: str, record: Record) -> None:
        """`record` for `path`; made again the same, the last object stays (the disk cache keeps its row)."""
        if self.records.get(path) != record:
            self.records[path] = record

    def forget(self, paths: Iterable[str]) -> None:
        """Outputs the site no longer has."""
        for path in paths:
            self.records.pop(path, None)


def changes(old: Site, new: Site, card_of: Callable[[Any], Any]) -> set[Fact]:
    """The facts (render/pages.py's View) whose value differs between two site models. Unchanged records are
    often the same objects (the comparisons then stop at identity); what is read of each record (its date,
    its line of citations.json) is compared only for the records that differ, so an edit of one body costs
    a pass of identity checks, not a comparison of the whole site."""
    out: set[Fact] = set()
    differs: list[str] = []  # URLs whose record is new, gone or not equal
    old_item = old.by_url.get
    # the new model's URLs, then those gone: no set of every URL (13,000 at 10,000 documents) on each edit
    for url, after in new.by_url.items():
        before = old_item(url)
        if before is after or before == after:
            continue
        differs.append(url)
        out.add(("item", url))
        if before is None or card_of(before) != card_of(after):
            out.add(("card", url))
    for url in old.by_url.keys() - new.by_url.keys():
        differs.append(url)
        out.update((("item", url), ("card", url)))
    kinds = ("documents", "articles", "stubs", "pages")
    for kind in kinds:
        was, now = getattr(old, kind), getattr(new, kind)
        if was != now:
            out.add(("list", kind))
            if [r.url for r in was] != [r.url for r in now]:
                out.add(("order", kind))
    per_page = new.config.per_page  # a change of it changes the shared context: every page is made again
    if out & {("order", "documents"), ("order", "stubs")}:
        out |= _blocks(("block", "list", "documents"), per_page, _urls(old.documents), _urls(old.stubs),
                       _urls(new.documents), _urls(new.stubs))
    if ("order", "articles") in out:
        out |= _blocks(("block", "list", "articles"), per_page, _urls(old.articles), (),
                       _urls(new.articles), ())
    # Every document and article is in by_url: their dates differ only where a record does.
    if any(_date(old.by_url.get(url)) != _date(new.by_url.get(url)) for url in differs):
        out.add(("dates",))
    if old.taxonomies is not new.taxonomies:
        taxonomies = {t.key: t for t in old.taxonomies}
        for tax in new.taxonomies:
            was = taxonomies.pop(tax.key, None)
            if was == tax:
                continue
            out.add(("taxonomy", tax.key))
            terms = {t.slug: t for t in was.terms} if was is not None else {}
            for term in tax.terms:
                last = terms.pop(term.slug, None)
                if last != term:
                    out.add(("term", tax.key, term.slug))
                    key = ("block", "term", tax.key, term.slug)
                    if last is None or last.label != term.label or was is None or was.label != tax.label:
                        out |= _blocks(key, per_page, (), (), term.items, term.stubs)  # all: their headings
                    else:
                        out |= _blocks(key, per_page, last.items, last.stubs, term.items, term.stubs)
            out |= {("term", tax.key, slug) for slug in terms}
        out |= {("taxonomy", key) for key in taxonomies}
    if old.editions != new.editions:
        out.add(("editions",))
    if old.in_editions is not new.in_editions:
        for url in old.in_editions.keys() | new.in_editions.keys():
            if old.in_editions.get(url) != new.in_editions.get(url):
                out.add(("backrefs", url))
    # citations.json's lines follow the documents, then the stubs, in list order.
    if old.edges != new.edges or ("order", "documents") in out or ("order", "stubs") in out or any(
            _graph_line(old.by_url.get(url)) != _graph_line(new.by_url.get(url)) for url in differs):
        out.add(("graph",))
    return out


def _date(item: Any) -> Any:
    """What `_dates` of the site model held for an item: an article's or a document's date (not a stub's)."""
    if isinstance(item, Article) or (isinstance(item, Document) and not item.stub):
        return ("dated", item.date)
    return None


def _urls(records: Sequence[Any]) -> tuple[str, ...]:
    return tuple(r.url for r in records)


def _blocks(key: Fact, per_page: int, was_full: Sequence[str], was_stubs: Sequence[str],
            full: Sequence[str], stubs: Sequence[str]) -> set[Fact]:
    """The facts of a list's numbered pages (render/paging.py) whose block differs: with pages numbered from
    the oldest, a new item at the head changes none or the newest."""
    was, now = paging.blocks(was_full, was_stubs, per_page), paging.blocks(full, stubs, per_page)
    return {(*key, *page) for page in was.keys() | now.keys() if was.get(page) != now.get(page)}


def _graph_line(item: Any) -> tuple[Any, ...] | None:
    """What citations.json says of a document or stub."""
    if not isinstance(item, Document):
        return None
    return (item.url, item.type_label, item.number, item.date, item.issuer, item.title, item.stub)
