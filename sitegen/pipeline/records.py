"""The records of the site model: plain frozen data, built by model.assemble and read by render and above."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sitegen.base import folders
from sitegen.base.lazytext import LazyText
from sitegen.base.vi import PartialDate
from sitegen.cite.graph import Link
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.editions import Edition, EditionRef


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str


@dataclass(frozen=True)
class Signature:
    """The signature block, as plain data (a pydantic model pickles a set: page digests would vary)."""

    on_behalf: str | None
    position: str
    name: str


@dataclass(frozen=True)
class Change:
    """Another document replaces ("thay-the"), amends ("sua-doi") or abolishes ("bai-bo") this one."""

    kind: str
    by: str  # URL of the changing document


@dataclass(frozen=True)
class Document(LazyText):  # its text read when first asked (base/lazytext.py)
    url: str  # site-relative: "/van-ban/huong-dan-12-hd-hu-2022/"
    source: str
    title: str
    type: str
    type_label: str
    number: str
    system: str  # "party" | "state": which header layout and motto apply
    issuer: str
    issuer_slug: str
    parent: str | None
    place: str | None
    date: PartialDate | None  # None only for a stub cited without any date
    signer: Signature | None
    recipients: tuple[str, ...]
    tags: tuple[Tag, ...]
    summary: str | None
    body_html: str
    kind: str = folders.DOCUMENTS
    stub: bool = False  # cited but not in content/: the page shows what the citations tell
    internal: bool = False  # "Lưu hành nội bộ": only in the internal edition
    cites: tuple[Link, ...] = ()
    cited_by: tuple[Link, ...] = ()
    cited_as: str = ""  # a stub: what follows its type in its name ("04-NQ/TU của Tỉnh ủy Hà Nam, 2021")
    changed_by: tuple[Change, ...] = ()  # validity status: strongest change first (pipeline/status.py)

    @property
    def name(self) -> str:
        """What lists, links and search results call it when no trích yếu is known: "Nghị quyết 04-NQ/TU
        của Tỉnh ủy Hà Nam, 2021" (cite/names.py); "Nghị quyết 04-NQ/TU" for a document in content/."""
        return f"{self.type_label} {self.cited_as or self.number}"

    @property
    def name_tail(self) -> str:
        """The name after the type and number: " của Tỉnh ủy Hà Nam, 2021"."""
        return self.cited_as[len(self.number):] if self.cited_as.startswith(self.number) else ""


@dataclass(frozen=True)
class Article(LazyText):  # its text read when first asked (base/lazytext.py)
    url: str
    source: str
    title: str
    date: PartialDate
    author: str | None
    summary: str | None
    image: str | None
    image_caption: str | None
    tags: tuple[Tag, ...]
    body_html: str
    kind: str = folders.ARTICLES
    cites: tuple[Link, ...] = ()
    internal: bool = False


@dataclass(frozen=True)
class Page(LazyText):  # its text read when first asked (base/lazytext.py)
    url: str
    source: str
    title: str
    summary: str | None
    body_html: str
    kind: str = folders.PAGES
    cites: tuple[Link, ...] = ()
    internal: bool = False


Item = Document | Article | Page | Edition


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    url: str
    items: tuple[str, ...]  # URLs, newest first
    stubs: tuple[str, ...] = ()  # cited documents the bulletin does not publish, listed in their own group

    @property
    def count(self) -> int:
        """Pages the term leads to."""
        return len(self.items) + len(self.stubs)


@dataclass(frozen=True)
class Taxonomy:
    key: str  # "loai" | "co-quan" | "nam" | "chu-de"
    label: str
    url: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    documents: tuple[Document, ...]  # newest first
    articles: tuple[Article, ...]  # newest first
    pages: tuple[Page, ...]
    taxonomies: tuple[Taxonomy, ...]
    by_url: dict[str, Item] = field(repr=False)
    stubs: tuple[Document, ...] = ()  # cited documents not in content/, newest first (as lists show them)
    edges: tuple[Edge, ...] = ()  # the whole citation graph, for citations.json
    editions: tuple[Edition, ...] = ()  # numbered issues, oldest first
    # by item URL
    in_editions: dict[str, tuple[EditionRef, ...]] = field(default_factory=dict, repr=False)


class Edge(NamedTuple):
    """One citation of the graph as citations.json lists it. A tuple without a `__dict__`, as graph.Link:
    the base loads 66,082 of them at 10,000 documents, made in C rather than as an object and a dict each.
    Equal to a plain tuple of its fields: compare it only with other edges."""

    source: str  # citing URL
    target: str  # cited URL
    surface: str
    sentence: str
    file: str
    line: int
    relation: str | None
