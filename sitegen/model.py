"""Assemble: validated entries -> the whole-site model (plain frozen data, built by pure functions).

Two passes, as MkDocs and Zola do: first every URL and the document registry from front-matter alone,
then Markdown bodies, rendered with a resolver built from that registry. Pages refer to each other by URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import icu

from sitegen import catalog, markdown, schema
from sitegen.config import SiteConfig
from sitegen.diagnostics import Diagnostic
from sitegen.load import Entry
from sitegen.vi import PartialDate, collapse_spaces, same_words_key, slugify, sort_key

_PARTY_SYMBOL = re.compile(r"^\s*\d*[a-z]?\s*-\s*\w")
# First URL segments sitegen generates itself; a plain page may not take them.
RESERVED_SECTIONS = frozenset({"van-ban", "tin-bai", "loai", "co-quan", "nam", "chu-de", "tim-kiem", "assets", "pagefind"})


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str


@dataclass(frozen=True)
class Document:
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
    date: PartialDate
    signer: schema.Signer | None
    recipients: tuple[str, ...]
    tags: tuple[Tag, ...]
    summary: str | None
    body_html: str
    kind: str = "van-ban"


@dataclass(frozen=True)
class Article:
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
    kind: str = "tin-bai"


@dataclass(frozen=True)
class Page:
    url: str
    source: str
    title: str
    summary: str | None
    body_html: str
    kind: str = "trang"


Item = Document | Article | Page


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    url: str
    items: tuple[str, ...]  # URLs, newest first


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


def _system(number: str) -> str:
    return "party" if _PARTY_SYMBOL.match(number) else "state"


def entry_url(entry: Entry, config: SiteConfig) -> str:
    meta = entry.meta
    stem = entry.source.removeprefix("content/").removesuffix(".md")
    if isinstance(meta, schema.DocumentMeta):
        label = config.types[meta.type].label
        slug = meta.slug or slugify(f"{label} {meta.number} {meta.date.year}")
        return f"/van-ban/{slug}/"
    if isinstance(meta, schema.ArticleMeta):
        return f"/tin-bai/{meta.slug or slugify(stem.rsplit('/', 1)[-1])}/"
    if meta.slug:
        return f"/{meta.slug}/"
    return "/" + "/".join(slugify(part) for part in stem.split("/")) + "/"


def _tags(labels: Iterable[str]) -> tuple[Tag, ...]:
    seen: dict[str, Tag] = {}
    for label in labels:
        label = collapse_spaces(label)
        seen.setdefault(slugify(label), Tag(slugify(label), label))
    return tuple(seen.values())


def _newest_first(collator: icu.Collator) -> Callable[[Any], tuple[Any, ...]]:
    def key(item: Any) -> tuple[Any, ...]:
        d = item.date
        return (-d.year, -(d.month or 0), -(d.day or 0), sort_key(collator, item.title), item.url)

    return key


def assemble(entries: list[Entry], config: SiteConfig, collator: icu.Collator) -> tuple[Site, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    # Pass 1: URLs from front-matter alone.
    claimed: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.source):
        if getattr(entry.meta, "draft", False):
            continue
        url = entry_url(entry, config)
        if entry.kind == "trang" and url.strip("/").split("/")[0] in RESERVED_SECTIONS:
            message = catalog.MSG["reserved_url"].format(url=url)
            diagnostics.append(Diagnostic("error", "reserved-url", entry.source, 1, message))
            continue
        if url in claimed:
            message = catalog.MSG["url_conflict"].format(url=url, other=claimed[url].source)
            diagnostics.append(Diagnostic("error", "url-conflict", entry.source, 1, message))
            continue
        claimed[url] = entry
    # Pass 2: bodies.
    md = markdown.make_parser()
    documents, articles, pages = [], [], []
    issuer_labels: dict[str, str] = {}
    for url, entry in claimed.items():
        tokens, env = markdown.parse(md, entry.body)
        body_html = markdown.render(md, tokens, env)
        meta = entry.meta
        if isinstance(meta, schema.DocumentMeta):
            issuer = collapse_spaces(meta.issuer)
            issuer_slug = slugify(same_words_key(issuer))
            issuer_labels.setdefault(issuer_slug, issuer)
            documents.append(
                Document(
                    url=url, source=entry.source, title=meta.title, type=meta.type,
                    type_label=config.types[meta.type].label, number=meta.number, system=_system(meta.number),
                    issuer=issuer, issuer_slug=issuer_slug, parent=meta.parent, place=meta.place, date=meta.date,
                    signer=meta.signer, recipients=meta.recipients, tags=_tags(meta.tags), summary=meta.summary,
                    body_html=body_html,
                )
            )
        elif isinstance(meta, schema.ArticleMeta):
            articles.append(
                Article(
                    url=url, source=entry.source, title=meta.title, date=meta.date, author=meta.author,
                    summary=meta.summary, image=meta.image, image_caption=meta.image_caption,
                    tags=_tags(meta.tags), body_html=body_html,
                )
            )
        else:
            pages.append(Page(url=url, source=entry.source, title=meta.title, summary=meta.summary, body_html=body_html))
    newest = _newest_first(collator)
    documents.sort(key=newest)
    articles.sort(key=newest)
    pages.sort(key=lambda p: (sort_key(collator, p.title), p.url))
    taxonomies = _taxonomies(documents, articles, config, collator, issuer_labels)
    by_url: dict[str, Item] = {item.url: item for item in (*documents, *articles, *pages)}
    site = Site(config, tuple(documents), tuple(articles), tuple(pages), taxonomies, by_url)
    return site, diagnostics


def _taxonomies(
    documents: list[Document], articles: list[Article], config: SiteConfig, collator: icu.Collator, issuers: dict[str, str]
) -> tuple[Taxonomy, ...]:
    def group(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for slug, url in pairs:
            if url not in out.setdefault(slug, []):
                out[slug].append(url)
        return out

    dated = sorted([*documents, *articles], key=_newest_first(collator))
    by_type = group((d.type, d.url) for d in documents)
    by_issuer = group((d.issuer_slug, d.url) for d in documents)
    by_year = group((str(i.date.year), i.url) for i in dated)
    tag_labels: dict[str, str] = {}
    for item in dated:
        for tag in item.tags:
            tag_labels.setdefault(tag.slug, tag.label)
    by_tag = group((tag.slug, item.url) for item in dated for tag in item.tags)

    def terms(key: str, groups: dict[str, list[str]], labels: dict[str, str], order: list[str]) -> tuple[Term, ...]:
        return tuple(Term(slug, labels[slug], f"/{key}/{slug}/", tuple(groups[slug])) for slug in order)

    type_order = [t for t in config.types if t in by_type]
    type_labels = {k: v.label for k, v in config.types.items()}
    issuer_order = sorted(by_issuer, key=lambda s: sort_key(collator, issuers[s]))
    year_order = sorted(by_year, key=int, reverse=True)
    tag_order = sorted(by_tag, key=lambda s: sort_key(collator, tag_labels[s]))
    ui = catalog.UI
    return (
        Taxonomy("loai", ui["by_type"], "/loai/", terms("loai", by_type, type_labels, type_order)),
        Taxonomy("co-quan", ui["by_issuer"], "/co-quan/", terms("co-quan", by_issuer, issuers, issuer_order)),
        Taxonomy("nam", ui["by_year"], "/nam/", terms("nam", by_year, {y: y for y in by_year}, year_order)),
        Taxonomy("chu-de", ui["by_tag"], "/chu-de/", terms("chu-de", by_tag, tag_labels, tag_order)),
    )
