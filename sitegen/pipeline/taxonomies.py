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
from sitegen.base.vi import Collator, KeptSortKeys, sort_key
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


def stub_order(collator: Collator) -> Callable[[Document], tuple[Any, ...]]:
    """Sort key of stubs: newest first, then by type and number (a stub's title is often unknown)."""
    def key(stub: Document) -> tuple[Any, ...]:
        d = stub.date
        when = (1, 0, 0, 0) if d is None else (0, -d.year, -(d.month or 0), -(d.day or 0))
        return (*when, sort_key(collator, f"{stub.type_label} {stub.number}"), stub.url)

    return key


def by_title(collator: Collator) -> Callable[[Page], tuple[Any, ...]]:
    """Sort key of plain pages: title in Vietnamese order, then URL."""
    def key(page: Page) -> tuple[Any, ...]:
        return (sort_key(collator, page.title), page.url)

    return key


def stubs_newest_first(stubs: Iterable[Document], collator: Collator) -> list[Document]:
    """Stubs in list order (stub_order)."""
    return sorted(stubs, key=stub_order(collator))


def term_order(taxonomy: str, labels: Mapping[str, str], config: SiteConfig,
               collator: Collator) -> Callable[[str], Any]:
    """Sort key of a taxonomy's term slugs (`labels`: slug -> label): types in the site's configured order,
    issuers by name then slug, years newest first, topics by name."""
    if taxonomy == "loai":
        rank = {k: n for n, k in enumerate(config.types)}
        return rank.__getitem__
    if taxonomy == "co-quan":
        return lambda slug: (sort_key(collator, labels[slug]), slug)
    if taxonomy == "nam":
        return lambda year: -int(year)
    return lambda slug: sort_key(collator, labels[slug])


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
    type_order = sorted({*by_type, *stubs_by_type} & type_labels.keys(),
                        key=term_order("loai", type_labels, config, collator))
    issuer_order = sorted({*by_issuer, *stubs_by_issuer},
                          key=term_order("co-quan", issuers, config, collator))
    years = {*by_year, *stubs_by_year}
    year_order = sorted(years, key=term_order("nam", {}, config, collator))
    tag_order = sorted(by_tag, key=term_order("chu-de", tag_labels, config, collator))
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
              tuple(map(_page_facets, pages)), tuple(map(stub_facets, stubs)), issuers)
    records = (documents, articles, pages, stubs)
    orders, kept = derived.get("lists", "", facets, _ordered_from, derived.kept("lists", ""), facets, records,
                               config, collator, issuers)
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


def stub_facets(s: Document) -> tuple[Any, ...]:
    return (s.url, s.date, s.type_label, s.number, s.type, s.issuer_slug)


Orders = tuple[tuple[tuple[str, ...], ...], tuple[Taxonomy, ...]]
Records = tuple[list[Document], list[Article], list[Page], tuple[Document, ...]]


def _ordered_from(last: tuple[tuple[Any, ...], Orders] | None, facets: tuple[Any, ...], records: Records,
                  config: SiteConfig, collator: Collator, issuers: dict[str, str]) -> Orders:
    """`_ordered`, or, when few records came or went (a new or deleted file, the stubs it made or let go)
    since the `last` lists, those lists with the records that went taken out and those that came put in by
    a bisect with the same sort keys: the same lists, in O(the records that changed)."""
    if last is not None:
        stepped = _stepped(last, facets, records, config, collator, issuers)
        if stepped is not None:
            if isinstance(collator, KeptSortKeys):
                collator.still()  # the keys the lists were sorted with are still theirs
            return stepped
    return _ordered(*records, config, collator, issuers)


STEP_LIMIT = 64  # records that came or went beyond which the lists are sorted again


def _stepped(last: tuple[tuple[Any, ...], Orders], facets: tuple[Any, ...], records: Records,
             config: SiteConfig, collator: Collator, issuers: dict[str, str]) -> Orders | None:
    """The lists of `records` from the `last` ones, or None when a sort is the way (many records changed,
    an issuer's name changed, a topic's name or its place among topics could differ)."""
    (orders, taxes), old_issuers = last[1], last[0][4]
    if any(old_issuers[slug] != label for slug, label in issuers.items() if slug in old_issuers):
        return None
    went: list[set[str]] = []
    came: list[set[str]] = []
    for old, new in zip(last[0][:4], facets[:4], strict=True):
        if old is new:
            went.append(set())
            came.append(set())
            continue
        # by URL (one record each): a record whose list fields changed goes, and comes again
        before, now = {f[0]: f for f in old}, {f[0]: f for f in new}
        went.append({url for url, f in before.items() if now.get(url) != f})
        came.append({url for url, f in now.items() if before.get(url) != f})
        if sum(map(len, went)) + sum(map(len, came)) > STEP_LIMIT:
            return None
    if not any(went) and not any(came):
        return None  # the same lists: kept by the caller's Derived (only issuers differ, for no term)
    newest = newest_first(collator)
    groups: list[dict[str, Any]] = [{r.url: r for r in group} for group in records]
    docs, arts, plain, cited = groups

    def dated_key(url: str) -> tuple[Any, ...]:
        return newest(docs.get(url) or arts[url])

    page_order, stubs_order = by_title(collator), stub_order(collator)

    def page_key(url: str) -> tuple[Any, ...]:
        return page_order(plain[url])

    def stub_key(url: str) -> tuple[Any, ...]:
        return stubs_order(cited[url])

    keys = (dated_key, dated_key, page_key, stub_key)
    new_orders = tuple(_step(order, gone, come, key) if gone or come else order
                       for order, gone, come, key in zip(orders, went, came, keys, strict=True))
    gone_terms = _memberships(went, last[0][:4])  # taxonomy -> (URL, slug, label, a stub) of each term
    come_terms = _memberships(came, facets[:4])
    type_labels = {k: v.label for k, v in config.types.items()}
    out = []
    for tax in taxes:
        if tax.key not in gone_terms and tax.key not in come_terms:
            out.append(tax)
            continue
        terms = {t.slug: t for t in tax.terms}
        for url, slug, _, stub in gone_terms.get(tax.key, ()):
            if slug in terms:
                term = terms[slug]
                terms[slug] = replace(term, stubs=tuple(u for u in term.stubs if u != url)) if stub else \
                    replace(term, items=tuple(u for u in term.items if u != url))
        for url, slug, label, stub in come_terms.get(tax.key, ()):
            if tax.key == "loai":
                if slug not in type_labels:
                    continue  # a type the site does not configure: in no list
                label = type_labels[slug]
            elif tax.key == "co-quan":
                label = issuers[slug]
            term = terms.get(slug) or Term(slug, label, f"/{tax.key}/{slug}/", (), ())
            terms[slug] = replace(term, stubs=_step(term.stubs, set(), {url}, stub_key)) if stub else \
                replace(term, items=_step(term.items, set(), {url}, dated_key))
        listed = [t for t in terms.values() if t.items or t.stubs]
        labels: Mapping[str, str] = issuers
        if tax.key == "chu-de":  # a topic's name is that of its newest item's tag; topics by name
            for term in listed:
                newest_item = docs.get(term.items[0]) or arts[term.items[0]]
                if next(t.label for t in newest_item.tags if t.slug == term.slug) != term.label:
                    return None  # another name now: a sort decides the topics' order
            names = [sort_key(collator, t.label) for t in listed]
            if len(set(names)) != len(names):
                return None  # topics of the same sort key: their order is the sort's first-seen one
            labels = {t.slug: t.label for t in listed}
        slug_key = term_order(tax.key, labels, config, collator)
        listed.sort(key=lambda t: slug_key(t.slug))
        out.append(replace(tax, terms=tuple(listed)))
    return new_orders, tuple(out)


def _ordered(documents: list[Document], articles: list[Article], pages: list[Page],
             stubs: tuple[Document, ...], config: SiteConfig, collator: Collator, issuers: dict[str, str],
             ) -> tuple[tuple[tuple[str, ...], ...], tuple[Taxonomy, ...]]:
    """The URLs of documents, articles, pages and stubs in list order, and the browsing lists."""
    newest = newest_first(collator)
    documents = sorted(documents, key=newest)
    articles = sorted(articles, key=newest)
    pages = sorted(pages, key=by_title(collator))
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

    def dated(url: str) -> tuple[Any, ...]:
        return newest(site.by_url[url])

    changed: dict[str, Any] = {}
    for name, key in (("documents", newest), ("articles", newest), ("pages", by_title(collator))):
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


def _step(order: tuple[str, ...], gone: set[str], come: set[str],
          key: Callable[[str], Any]) -> tuple[str, ...]:
    """`order` (sorted by `key`) without `gone`, with `come` put in by bisect."""
    out = [u for u in order if u not in gone] if gone else list(order)
    for url in sorted(come):
        out.insert(bisect_left(out, key(url), key=key), url)
    return tuple(out)


def _memberships(urls: list[set[str]], facets: tuple[tuple[tuple[Any, ...], ...], ...],
                 ) -> dict[str, list[tuple[str, str, str, bool]]]:
    """Taxonomy key -> (URL, term slug, term label, in the term's stubs) of each of `urls` (by list:
    documents, articles, pages, stubs), read from their list facets."""
    out: dict[str, list[tuple[str, str, str, bool]]] = {}

    def add(key: str, url: str, slug: str, label: str, stub: bool) -> None:
        out.setdefault(key, []).append((url, slug, label, stub))

    for n, (wanted, group) in enumerate(zip(urls, facets, strict=True)):
        if not wanted or n == 2:  # pages are in no term
            continue
        for f in group:
            url = f[0]
            if url not in wanted:
                continue
            if n == 0:  # _document_facets: url, date, title, type, issuer slug, tags
                date, tags = f[1], f[5]
                add("loai", url, f[3], "", False)
                add("co-quan", url, f[4], "", False)
            elif n == 1:  # _article_facets: url, date, title, tags
                date, tags = f[1], f[3]
            else:  # stub_facets: url, date, type label, number, type, issuer slug
                date, tags = f[1], ()
                add("loai", url, f[4], "", True)
                if f[5]:
                    add("co-quan", url, f[5], "", True)
            if date is not None:
                add("nam", url, str(date.year), str(date.year), n == 3)
            for tag in tags:
                add("chu-de", url, tag.slug, tag.label, False)
    return out
