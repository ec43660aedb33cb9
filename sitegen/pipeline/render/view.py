"""What an output reads of the site model: `View` notes every fact a page's context is made from (the item it
shows, the cards it lists or links, a list's order, a term…), so render/outputs.py can make the page again
when, and only when, one of them changes. A `Card` is what lists, links and feeds show of an item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sitegen.base.vi import PartialDate
from sitegen.pipeline import status
from sitegen.pipeline.editions import Edition, EditionRef
from sitegen.pipeline.records import Article, Document, Edge, Item, Site, Taxonomy, Term
from sitegen.pipeline.render import paging


@dataclass(frozen=True)
class Card:
    """What a list, a link or a feed shows of a page: no body, so a body edit leaves lists untouched."""

    kind: str
    url: str
    title: str
    summary: str | None = None
    type_label: str = ""
    number: str = ""
    issuer: str = ""
    date: PartialDate | None = None
    author: str | None = None
    stub: bool = False
    tags: tuple[Any, ...] = ()
    internal: bool = False
    name_tail: str = ""  # a stub without trích yếu: its name after type and number (records.Document)
    status: str | None = None  # "thay-the", "sua-doi", "bai-bo": the strongest change (pipeline/status.py)


def card(item: Item) -> Card:
    if isinstance(item, Document):
        return Card(item.kind, item.url, item.title, item.summary, item.type_label, item.number, item.issuer,
                    item.date, None, item.stub, item.tags, item.internal, item.name_tail,
                    status.status(item.changed_by))
    if isinstance(item, Article):
        return Card(item.kind, item.url, item.title, item.summary, date=item.date, author=item.author,
                    tags=item.tags,
                    internal=item.internal)
    return Card(item.kind, item.url, item.title, item.summary, internal=item.internal)


class View:
    """The site as an output's builder sees it: every read is noted (`reads`), so the output can be made
    again when, and only when, something it read changes (render/outputs.py)."""

    def __init__(self, site: Site, cards: Callable[[str], Card]) -> None:
        self.site, self.card_of = site, cards
        self.reads: set[tuple[str, ...]] = set()
        self.config = site.config
        self._orders: dict[str, tuple[str, ...]] = {}

    def item(self, url: str) -> Item:
        self.reads.add(("item", url))
        return self.site.by_url[url]

    def card(self, url: str) -> Card:
        self.reads.add(("card", url))
        return self.card_of(url)

    def order(self, kind: str) -> tuple[str, ...]:
        """ "documents", "articles", "stubs", "pages": the URLs, in list order (a list page reads the cards
        it shows, not every record)."""
        self.reads.add(("order", kind))
        return self.urls(kind)  # made once per build: each of 400 list pages asked for 10,000 URLs

    def block(self, key: tuple[str, ...], full: Sequence[str], stubs: Sequence[str], part: str,
              number: int) -> paging.Block:
        """A numbered page of a list (render/paging.py) reads its block only, noted as ("block", *key, part,
        number): render/outputs.py compares the same value, so a new item at the list's head leaves the page
        alone. `full`, `stubs`: the list's URLs, got without a note (`urls`, `find_term`)."""
        self.reads.add(("block", *key, part, str(number)))
        return paging.block(full, stubs, part, number, self.config.per_page)

    def urls(self, kind: str) -> tuple[str, ...]:
        """`order(kind)` without a note: for `block` alone."""
        urls = self._orders.get(kind)
        if urls is None:
            urls = self._orders[kind] = tuple(r.url for r in self._kind(kind))
        return urls

    def listed(self, kind: str) -> tuple[Any, ...]:
        """The records of `order(kind)`, whole: an output that reads them is made again when any changes."""
        self.reads.add(("list", kind))
        return self._kind(kind)

    def _kind(self, kind: str) -> tuple[Any, ...]:
        return {"documents": self.site.documents, "articles": self.site.articles, "stubs": self.site.stubs,
                "pages": self.site.pages}[kind]

    def taxonomy(self, key: str) -> Taxonomy:
        self.reads.add(("taxonomy", key))
        return next(t for t in self.site.taxonomies if t.key == key)

    def taxonomies(self) -> tuple[Taxonomy, ...]:
        self.reads.update(("taxonomy", t.key) for t in self.site.taxonomies)
        return self.site.taxonomies

    def term(self, tax: str, slug: str) -> tuple[Taxonomy, Term]:
        self.reads.add(("term", tax, slug))
        return self.find_term(tax, slug)

    def find_term(self, tax: str, slug: str) -> tuple[Taxonomy, Term]:
        """`term` without a note: for `block` alone (render/outputs.py marks the blocks of a term whose label
        changed)."""
        taxonomy = next(t for t in self.site.taxonomies if t.key == tax)
        return taxonomy, next(t for t in taxonomy.terms if t.slug == slug)

    def editions(self) -> tuple[Edition, ...]:
        self.reads.add(("editions",))
        return self.site.editions

    def in_editions(self, url: str) -> tuple[EditionRef, ...]:
        self.reads.add(("backrefs", url))
        return self.site.in_editions.get(url, ())

    def edges(self) -> tuple[Edge, ...]:
        self.reads.add(("graph",))
        return self.site.edges

    def note(self, fact: tuple[str, ...]) -> None:
        self.reads.add(fact)
