"""The browsing lists: documents by type, issuer and year, everything by topic (plain data, pure functions).

Cited documents the bulletin does not publish (stubs) are listed too, in each term's own group after the
documents with full text, so every document page can be found by browsing and each term's count is the number
of pages it leads to. A stub joins an issuer's list only when its citations name the issuer (a province alone
is not one).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sitegen.base import catalog
from sitegen.base.vi import Collator, sort_key
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.records import Article, Document, Item, Page, Site, Taxonomy, Term


def newest_first(collator: Collator) -> Callable[[Any], tuple[Any, ...]]:
    """Sort key: newest date first (undated last), then title in Vietnamese order, then URL."""
    def key(item: Any) -> tuple[Any, ...]:
        d = item.date
        if d is None:
            return (1, 0, 0, 0, sort_key(collator, item.title), item.url)
        return (0, -d.year, -(d.month or 0), -(d.day or 0), sort_key(collator, item.title), item.url)

    return key


def stubs_newest_first(stubs: Iterable[Document], collator: Collator) -> list[Document]:
    """Stubs in list order: newest first, then by type and number (a stub's title is often unknown)."""
    def key(stub: Document) -> tuple[Any, ...]:
        d = stub.date
        when = (1, 0, 0, 0) if d is None else (0, -d.year, -(d.month or 0), -(d.day or 0))
        return (*when, sort_key(collator, f"{stub.type_label} {stub.number}"), stub.url)

    return sorted(stubs, key=key)


def _group(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """slug -> its URLs, each once, in first-seen order."""
    out: dict[str, dict[str, None]] = {}
    for slug, url in pairs:
        out.setdefault(slug, {})[url] = None
    return {slug: list(urls) for slug, urls in out.items()}


def taxonomies(documents: list[Document], articles: list[Article], stubs: list[Document], config: SiteConfig,
               collator: Collator, issuers: dict[str, str]) -> tuple[Taxonomy, ...]:
    """`documents`, `articles` newest first; `stubs` in list order; `issuers`: issuer slug -> label."""
    dated: list[Document | Article] = [*documents, *articles]
    dated.sort(key=newest_first(collator))
    by_type = _group((d.type, d.url) for d in documents)
    stubs_by_type = _group((s.type, s.url) for s in stubs)
    by_issuer = _group((d.issuer_slug, d.url) for d in documents)
    stubs_by_issuer = _group((s.issuer_slug, s.url) for s in stubs if s.issuer_slug)
    by_year = _group((str(i.date.year), i.url) for i in dated if i.date is not None)
    stubs_by_year = _group((str(s.date.year), s.url) for s in stubs if s.date is not None)
    tag_labels: dict[str, str] = {}
    for item in dated:
        for tag in item.tags:
            tag_labels.setdefault(tag.slug, tag.label)
    by_tag = _group((tag.slug, item.url) for item in dated for tag in item.tags)

    def terms(key: str, full: dict[str, list[str]], cited: dict[str, list[str]], labels: dict[str, str],
              order: list[str]) -> tuple[Term, ...]:
        return tuple(Term(slug, labels[slug], f"/{key}/{slug}/", tuple(full.get(slug, ())),
                          tuple(cited.get(slug, ()))) for slug in order)

    type_labels = {k: v.label for k, v in config.types.items()}
    type_order = [t for t in config.types if t in by_type or t in stubs_by_type]
    issuer_slugs = {*by_issuer, *stubs_by_issuer}
    issuer_order = sorted(issuer_slugs, key=lambda s: (sort_key(collator, issuers[s]), s))
    years = {*by_year, *stubs_by_year}
    year_order = sorted(years, key=int, reverse=True)
    tag_order = sorted(by_tag, key=lambda s: sort_key(collator, tag_labels[s]))
    ui = catalog.UI
    return (
        Taxonomy("loai", ui["by_type"], "/loai/",
                 terms("loai", by_type, stubs_by_type, type_labels, type_order)),
        Taxonomy("co-quan", ui["by_issuer"], "/co-quan/",
                 terms("co-quan", by_issuer, stubs_by_issuer, issuers, issuer_order)),
        Taxonomy("nam", ui["by_year"], "/nam/", terms("nam", by_year, stubs_by_year, {y: y for y in years},
                                                      year_order)),
        Taxonomy("chu-de", ui["by_tag"], "/chu-de/", terms("chu-de", by_tag, {}, tag_labels, tag_order)),
    )


Lists = tuple[list[Document], list[Article], list[Page], list[Document], tuple[Taxonomy, ...]]


def lists(documents: list[Document], articles: list[Article], pages: list[Page], stubs: Iterable[Document],
          config: SiteConfig, collator: Collator, issuers: dict[str, str], derived: Derived) -> Lists:
    """The records in list order and the browsing lists. Their order and terms are kept while the fields
    they are made from are the same (an edit of a body, a citation, a summary keeps them): what is kept is the
    order of URLs, so the lists hold this build's records."""
    stubs = tuple(stubs)
    facets = (tuple(map(_document_facets, documents)), tuple(map(_article_facets, articles)),
              tuple(map(_page_facets, pages)),
              tuple((s.url, s.date, s.type_label, s.number, s.type, s.issuer_slug) for s in stubs), issuers)
    orders, kept = derived.get("lists", "", facets, _ordered, documents, articles, pages, stubs, config,
                               collator, issuers)
    docs, arts = {d.url: d for d in documents}, {a.url: a for a in articles}
    plain, cited = {p.url: p for p in pages}, {s.url: s for s in stubs}
    return ([docs[u] for u in orders[0]], [arts[u] for u in orders[1]], [plain[u] for u in orders[2]],
            [cited[u] for u in orders[3]], kept)


def _document_facets(d: Document) -> tuple[Any, ...]:
    return (d.url, d.date, d.title, d.type, d.issuer_slug, d.tags)


def _article_facets(a: Article) -> tuple[Any, ...]:
    return (a.url, a.date, a.title, a.tags)


def _page_facets(p: Page) -> tuple[Any, ...]:
    return (p.url, p.title)


def _ordered(documents: list[Document], articles: list[Article], pages: list[Page],
             stubs: tuple[Document, ...], config: SiteConfig, collator: Collator, issuers: dict[str, str],
             ) -> tuple[tuple[tuple[str, ...], ...], tuple[Taxonomy, ...]]:
    """The URLs of documents, articles, pages and stubs in list order, and the browsing lists."""
    newest = newest_first(collator)
    documents = sorted(documents, key=newest)
    articles = sorted(articles, key=newest)
    pages = sorted(pages, key=lambda p: (sort_key(collator, p.title), p.url))
    listed_stubs = stubs_newest_first(stubs, collator)
    terms = taxonomies(documents, articles, listed_stubs, config, collator, issuers)
    orders = tuple(tuple(r.url for r in records) for records in (documents, articles, pages, listed_stubs))
    return orders, terms


def resorted(site: Site, moved: Mapping[str, Item], collator: Collator, derived: Derived) -> Site:
    """`site` with the `moved` records (already in its lists, their type, issuer, date and tags as before:
    only a title changed) each moved to where the lists' sort puts it, by a bisect with the same key as
    `lists`, not a sort of every item. Lists and terms where nothing moved stay the same objects. What
    `lists` keeps is updated to match (the next full assemble finds the lists kept, not sorted again)."""
    out = _resorted(site, moved, collator)
    kept = derived.kept("lists", "")
    if kept is not None and kept[1][1] is site.taxonomies:  # kept from the model `site` was made from
        docs, arts, pages, stubs, issuers = kept[0]
        facets = (_facets(docs, moved, _document_facets), _facets(arts, moved, _article_facets),
                  _facets(pages, moved, _page_facets), stubs, issuers)
        orders = tuple(tuple(r.url for r in records)
                       for records in (out.documents, out.articles, out.pages, out.stubs))
        derived.put("lists", "", facets, (orders, out.taxonomies))
    return out


def _facets(kept: tuple[tuple[Any, ...], ...], moved: Mapping[str, Any],
            facets: Callable[[Any], tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(facets(moved[f[0]]) if f[0] in moved else f for f in kept)


def _resorted(site: Site, moved: Mapping[str, Item], collator: Collator) -> Site:
    newest = newest_first(collator)

    def by_title(page: Page) -> tuple[Any, ...]:
        return (sort_key(collator, page.title), page.url)

    def dated(url: str) -> tuple[Any, ...]:
        return newest(site.by_url[url])

    changed: dict[str, Any] = {}
    for name, key in (("documents", newest), ("articles", newest), ("pages", by_title)):
        records: tuple[Any, ...] = getattr(site, name)
        if any(r.url in moved for r in records):
            order = _moved(records, [r for r in records if r.url in moved], key)
            if order != records:
                changed[name] = order
    taxonomies = []
    for tax in site.taxonomies:
        terms = tuple(_term_moved(term, moved, dated) for term in tax.terms)
        same = all(a is b for a, b in zip(terms, tax.terms, strict=True))
        taxonomies.append(tax if same else replace(tax, terms=terms))
    if any(a is not b for a, b in zip(taxonomies, site.taxonomies, strict=True)):
        changed["taxonomies"] = tuple(taxonomies)
    return replace(site, **changed) if changed else site


def _moved(order: Sequence[Any], moving: Sequence[Any], key: Callable[[Any], Any]) -> tuple[Any, ...]:
    """`order` (sorted by `key` but for `moving`) sorted: each of `moving` taken out, put back by bisect."""
    taken = {id(m) for m in moving}
    out = [x for x in order if id(x) not in taken]
    for item in moving:
        out.insert(bisect_left(out, key(item), key=key), item)
    return tuple(out)


def _term_moved(term: Term, moved: Mapping[str, Item], key: Callable[[str], Any]) -> Term:
    """`term` with the moved records among its items re-placed (its membership is the term's own: a title
    changes no term a record is in)."""
    moving = [u for u in term.items if u in moved]
    if not moving:
        return term
    items = _moved(term.items, moving, key)
    return term if items == term.items else replace(term, items=items)
