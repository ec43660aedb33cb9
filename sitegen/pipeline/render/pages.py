"""Pages: the site model -> one job per output file (a template and its context, or ready bytes).

Templates get a precomputed context; there is no template function that fetches arbitrary pages. Rendering
is pure apart from loading templates through Jinja's loader.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import jinja2
import jinja2.meta

from sitegen.base import catalog, folders
from sitegen.cite import graphsvg
from sitegen.cite.graph import Link
from sitegen.pipeline import status
from sitegen.pipeline.records import Article, Document, Item, Page, Site
from sitegen.pipeline.render import linked_data, paging
from sitegen.pipeline.render.digests import SHARED_KEYS, canonical_bytes
from sitegen.pipeline.render.env import shown_number
from sitegen.pipeline.render.graph_json import FILE as GRAPH_FILE
from sitegen.pipeline.render.graph_json import citations_json
from sitegen.pipeline.render.navigation import Crumb, outline, trail
from sitegen.pipeline.render.view import Card, View, card
from sitegen.pipeline.search import terms as search_terms


@functools.lru_cache(maxsize=1 << 16)  # asked for every output on each edit (specs): 13,268 at 10,000
def output_path(url: str) -> str:
    """ "/van-ban/a/" -> "van-ban/a/index.html"; "/feed.xml" -> "feed.xml"."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class TaxonomyRef:
    """A term's list pages name their taxonomy and term, not every term and item: the whole taxonomy in
    each page's context made page digests grow with the square of the site (2 GB pickled at 10,000)."""

    key: str
    label: str
    url: str


@dataclass(frozen=True)
class TermRef:
    slug: str
    label: str
    url: str
    count: int | None  # items listed under the term; None on numbered pages (render/paging.py: they show
    # nothing of the whole list, or every new item would change them all)


@dataclass(frozen=True)
class Job:
    """One output file: a template and its context, or ready bytes."""

    path: str
    template: str | None
    context: dict[str, Any]
    data: bytes | None = None
    shared: str = ""  # digest of the context entries every page shares (SHARED_KEYS), computed once

    def key(self, template_digests: dict[str, str]) -> str:
        """Digest of everything the output is made from: the template files it loads and its context."""
        h = hashlib.sha256(self.path.encode())
        if self.data is not None:
            h.update(self.data)
        else:
            h.update(template_digests[self.template or ""].encode())
            h.update(self.shared.encode())
            own = sorted((k, v) for k, v in self.context.items() if k not in SHARED_KEYS)
            h.update(canonical_bytes(own))
        return h.hexdigest()


TEMPLATES = ("home.html", "document.html", "stub.html", "article.html", "page.html", "list.html",
             "terms.html", "editions.html", "edition.html", "feed.xml", "404.html", "search.html",
             "robots.txt", "sitemap.xml")
# Which output a job makes: ("document", url), ("list", "documents", "3"), ("term", tax, slug, "1")…
Spec = tuple[str, ...]


class Renderer:
    def __init__(self, site: Site, env: jinja2.Environment, audience: str = "public",
                 cards: Callable[[str], Card] | None = None) -> None:
        """`env` (render/env.py) is used as it is: its filters already follow the site's base URL. `cards`:
        the cards of items (kept by render/outputs.py between builds), else made from the site."""
        self.site = site
        self.env = env
        self.audience = audience  # the edition: robots.txt of the internal one turns every robot away
        config = site.config
        self.common = {
            "site": config,
            "ui": catalog.UI,
            "nav": [
                (catalog.UI["documents"], f"/{folders.DOCUMENTS}/"),
                (catalog.UI["articles"], f"/{folders.ARTICLES}/"),
                *([(catalog.UI["editions"], f"/{folders.EDITIONS}/")] if site.editions else []),
                *((t.label, t.url) for t in site.taxonomies),
                *((p.title, p.url) for p in site.pages),
            ],
        }
        assert set(self.common) == SHARED_KEYS
        self.shared = hashlib.sha256(repr(sorted(self.common.items())).encode()).hexdigest()
        self.view = View(site, cards or (lambda url: card(site.by_url[url])))
        self.ld = linked_data.LinkedData(config, self.view.card)

    def page(self, template: str, url: str, title: str, crumbs: tuple[Crumb, ...] = (),
             ld: linked_data.Node | None = None, **context: Any) -> Job:
        """A page's job. HTML pages get their breadcrumbs (`crumbs`, from home to the page) and JSON-LD: `ld`,
        or a WebPage node, with the BreadcrumbList."""
        assert not SHARED_KEYS & context.keys(), "a page may not override the shared context"
        assert template in TEMPLATES, template  # the render stage digests these templates, no others
        if template.endswith(".html"):
            nodes = [ld or self.ld.web_page(url, title), *([self.ld.breadcrumbs(crumbs)] if crumbs else [])]
            context = {"crumbs": crumbs, "jsonld": linked_data.script(nodes), **context}
        return Job(output_path(url), template, {**self.common, "url": url, "title": title, **context},
                   shared=self.shared)

    def render(self, job: Job) -> bytes:
        if job.data is not None:
            return job.data
        assert job.template is not None
        return self.env.get_template(job.template).render(**job.context).encode("utf-8")

    def items(self, urls: Sequence[str]) -> list[Card]:
        return [self.view.card(u) for u in urls]

    # --- which outputs the site has -----------------------------------------------------------------
    def specs(self) -> dict[str, Spec]:
        """Output path -> which output it is: every file of the site (not tracked: the caller keeps this)."""
        site, per_page = self.site, self.site.config.per_page
        out: dict[str, Spec] = {}

        def listing(spec: Spec, base: str, full: int, stubs: int) -> None:
            """A list's pages (render/paging.py): its documents' and, apart, its stubs'."""
            parts = [("full", full, base)] if full or not stubs else []  # stubs alone: at the list's URL
            parts += [("stubs", stubs, paging.stub_base(base, full))] if stubs else []
            for part, count, at in parts:
                for number in paging.numbers(count, per_page):
                    out[output_path(paging.url_of(at, number))] = (*spec, part, str(number))

        out["index.html"] = ("home",)
        for doc in (*site.documents, *site.stubs):
            out[output_path(doc.url)] = ("document", doc.url)
        for art in site.articles:
            out[output_path(art.url)] = ("article", art.url)
        for pg in site.pages:
            out[output_path(pg.url)] = ("page", pg.url)
        listing(("list", "documents"), f"/{folders.DOCUMENTS}/", len(site.documents), len(site.stubs))
        listing(("list", "articles"), f"/{folders.ARTICLES}/", len(site.articles), 0)
        if site.editions:
            out[output_path(f"/{folders.EDITIONS}/")] = ("editions",)
            for ed in site.editions:
                out[output_path(ed.url)] = ("edition", ed.url)
        for tax in site.taxonomies:
            out[output_path(tax.url)] = ("terms", tax.key)
            for term in tax.terms:
                listing(("term", tax.key, term.slug), term.url, len(term.items), len(term.stubs))
        out |= {"feed.xml": ("feed",), "404.html": ("404",), "tim-kiem/index.html": ("search",),
                GRAPH_FILE: ("citations",), "robots.txt": ("robots",), "sitemap.xml": ("sitemap",)}
        return out

    def build(self, spec: Spec, paths: Sequence[str] = ()) -> tuple[Job, frozenset[tuple[str, ...]]]:
        """One output's job, and the facts its context was made from. `paths`: every output path (the
        sitemap lists the pages)."""
        self.view.reads = set()
        kind, *args = spec
        job = getattr(self, f"_{kind}")(*args) if kind != "sitemap" else self._sitemap(paths)
        return job, frozenset(self.view.reads)

    def jobs(self) -> list[Job]:
        """Every output's job (a full build's; builds that keep render/outputs.py's record ask for some)."""
        specs = self.specs()
        return [self.build(spec, list(specs))[0] for _, spec in sorted(specs.items())]

    # --- one output each ----------------------------------------------------------------------------
    def _home(self) -> Job:
        view, cfg = self.view, self.site.config
        latest = cfg.home_latest
        documents = [view.card(u) for u in view.order("documents")[:latest]]
        articles = [view.card(u) for u in view.order("articles")[:latest]]
        return self.page("home.html", "/", cfg.title, ld=self.ld.site(), documents=documents,
                         articles=articles, taxonomies=view.taxonomies(), description=cfg.subtitle)

    def _article(self, url: str) -> Job:
        ui, art = catalog.UI, self.view.item(url)
        assert isinstance(art, Article)
        editions = self.view.in_editions(url)
        crumbs = trail((ui["articles"], f"/{folders.ARTICLES}/"), (art.title, art.url))
        ld = self.ld.news_article(art, editions)
        return self.page("article.html", art.url, art.title, crumbs, ld, article=art,
                         description=art.summary or "", internal=art.internal, editions=editions,
                         **self.links(art))

    def _page(self, url: str) -> Job:
        pg = self.view.item(url)
        assert isinstance(pg, Page)
        return self.page("page.html", pg.url, pg.title, trail((pg.title, pg.url)), page=pg,
                         description=pg.summary or "", internal=pg.internal)

    def _list(self, kind: str, part: str, number: str) -> Job:
        ui, view, n = catalog.UI, self.view, int(number)
        if kind == "documents":
            steps, title = ((ui["documents"], f"/{folders.DOCUMENTS}/"),), ui["all_documents"]
            full, stubs = (view.order("documents"), view.order("stubs")) if not n else (
                view.urls("documents"), view.urls("stubs"))
        else:
            steps, title = ((ui["articles"], f"/{folders.ARTICLES}/"),), ui["all_articles"]
            full, stubs = view.order("articles") if not n else view.urls("articles"), ()
        return self.list_page(("list", kind), steps, title, full, stubs, part, n)

    def _term(self, key: str, slug: str, part: str, number: str) -> Job:
        n = int(number)
        tax, term = self.view.find_term(key, slug) if n else self.view.term(key, slug)
        count = term.count if url_is_list_own(n, part, term.items) else None
        return self.list_page(("term", key, slug), ((tax.label, tax.url), (term.label, term.url)),
                              f"{tax.label}: {term.label}", term.items, term.stubs, part, n,
                              taxonomy=TaxonomyRef(tax.key, tax.label, tax.url),
                              term=TermRef(term.slug, term.label, term.url, count))

    def _terms(self, key: str) -> Job:
        tax = self.view.taxonomy(key)
        return self.page("terms.html", tax.url, tax.label, trail((tax.label, tax.url)),
                         self.ld.web_page(tax.url, tax.label, "CollectionPage"), taxonomy=tax, description="")

    def _feed(self) -> Job:
        cfg = self.site.config
        dated: list[Document | Article] = [*_newest(self.view.listed("documents"), cfg.feed_size),
                                           *_newest(self.view.listed("articles"), cfg.feed_size)]
        dated = sorted(dated, key=lambda i: (i.date, i.url), reverse=True)[: cfg.feed_size]
        return self.page("feed.xml", "/feed.xml", cfg.title, entries=[self.view.card(d.url) for d in dated],
                         updated=_updated(dated))

    def _404(self) -> Job:
        ui = catalog.UI
        title = ui["not_found_title"]
        return self.page("404.html", "/404.html", title, trail((title, "/404.html")), description="")

    def _search(self) -> Job:
        return self.search_page()

    def _citations(self) -> Job:
        self.view.note(("graph",))  # the model's fact for the edges and what citations.json says of documents
        return Job(GRAPH_FILE, None, {}, citations_json(self.site))

    def _robots(self) -> Job:
        return self.page("robots.txt", "/robots.txt", "", internal_edition=self.audience == "internal")

    def _sitemap(self, paths: Sequence[str]) -> Job:
        self.view.note(("pageset",))  # which pages there are
        self.view.note(("dates",))  # the dates of dated pages (lastmod): read below from the site, untracked
        pages = sorted(p for p in paths if p.endswith(".html") and p != "404.html")
        return self.page("sitemap.xml", "/sitemap.xml", "", paths=pages, lastmod=self.lastmod())
    def _editions(self) -> Job:
        """/ban-tin/: every edition, by year, newest first."""
        ui = catalog.UI
        newest = [replace(e, body_html="") for e in reversed(self.view.editions())]  # lists: no introductions
        years = [(year, [e for e in newest if e.year == year])
                 for year in sorted({e.year for e in newest}, reverse=True)]
        editions_url = f"/{folders.EDITIONS}/"
        return self.page("editions.html", editions_url, ui["editions"], trail((ui["editions"], editions_url)),
                         self.ld.web_page(editions_url, ui["editions"], "CollectionPage"), years=years,
                         description="")

    def _edition(self, url: str) -> Job:
        """An edition's page: its contents."""
        ui = catalog.UI
        ed = next(e for e in self.view.editions() if e.url == url)
        editions_url = f"/{folders.EDITIONS}/"
        crumbs = trail((ui["editions"], editions_url), (ed.name, ed.url))
        return self.page("edition.html", ed.url, ed.title, crumbs, self.ld.publication_issue(ed), edition=ed,
                         entries=self.items(ed.items),
                         description=ed.summary or f"{self.site.config.title} {ed.name}",
                         internal=ed.internal)

    def links(self, item: Item) -> dict[str, Any]:
        """Both directions of an item's citations, resolved to the pages they point at, and the picture."""
        cites = [(self.view.card(link.url), link) for link in getattr(item, "cites", ())]
        cited_by = [(self.view.card(link.url), link) for link in getattr(item, "cited_by", ())]
        graph = None
        if isinstance(item, Document) and (cites or cited_by):
            graph = graphsvg.graph_svg(
                self.node(item), [self.node(i, link) for i, link in cited_by],
                [self.node(i, link) for i, link in cites],
                catalog.UI["graph_more"],
            )
        changes = [(c.kind, self.view.card(c.by)) for c in getattr(item, "changed_by", ())]
        return {"cites": cites, "cited_by": cited_by, "graph": graph, "changes": changes}

    def node(self, item: Item | Card, link: Link | None = None) -> graphsvg.Node:
        base = self.site.config.base_path
        if isinstance(item, (Document, Card)) and item.kind == folders.DOCUMENTS:
            label = f"{item.type_label} {shown_number(item.number)}"
            title = f"{label}: {item.title}" if item.title else label
        else:
            label = title = item.title
        return graphsvg.Node(label, base + item.url.lstrip("/"), title, link.relation if link else None)

    def list_page(self, key: tuple[str, ...], steps: tuple[tuple[str, str], ...], title: str,
                  full: Sequence[str], stubs: Sequence[str], part: str, number: int, **context: Any) -> Job:
        """A page of a list (`key`: its name in the page's facts) whose own page is at the last of `steps`
        (the trail below home), cut as render/paging.py says: `part` "full" (documents with full text,
        articles) or "stubs" (cited documents without full text, paged apart), `number` 0 for the newest page,
        else counted from the oldest. The own page reads the whole list (its count); a numbered page reads
        its block and the cards on it, and its context holds nothing else of the list."""
        ui, per_page = catalog.UI, self.site.config.per_page
        base = steps[-1][1]
        at = paging.stub_base(base, len(full))
        if part == "full":
            urls, home, before, after = full, base, None, at if stubs else None
        else:
            oldest = paging.url_of(base, 1 if paging.page_count(len(full), per_page) > 1 else 0)
            urls, home, before, after = stubs, at, oldest if full else None, None
            if at != base:
                steps, title = (*steps, (ui["stub_group"], at)), f"{title} — {ui['stub_group']}"
        if number:
            shown = self.view.block(key, full, stubs, part, number).items
            counts: dict[str, Any] = {}
        else:
            start, end = paging.bounds(len(urls), per_page, 0)
            shown = tuple(urls[start:end])
            counts = {"full": len(full), "stubs": len(stubs), "stub_url": at} if part == "full" else {
                "stubs": len(stubs)}  # the stub group's own page: not the documents' count
        pager = paging.pager(home, number, paging.page_count(len(urls), per_page), tuple(self.items(shown)),
                             before if not number else None, after)
        more = ((f"{ui['page']} {number}", pager.url),) if number else ()
        heading = f"{title} — {ui['page']} {number}" if number else title
        return self.page("list.html", pager.url, heading, trail(*steps, *more),
                         self.ld.web_page(pager.url, heading, "CollectionPage"), pager=pager, heading=title,
                         description="", part=part, **counts, **context)

    def _document(self, url: str) -> Job:
        """A document's page (or a cited document's, when the bulletin does not publish it)."""
        doc = self.view.item(url)
        assert isinstance(doc, Document)
        ui, editions = catalog.UI, self.view.in_editions(doc.url)
        short = f"{doc.type_label} {shown_number(doc.number)}"
        typed = ((doc.type_label, f"/loai/{doc.type}/"),) if doc.type in self.site.config.types else ()
        crumbs = trail((ui["documents"], f"/{folders.DOCUMENTS}/"), *typed, (short, doc.url))
        name = document_name(doc)
        ld = self.ld.legislation(doc, name, editions)
        if doc.stub:
            quoted = tuple(dict.fromkeys(s for link in doc.cited_by for s in link.sentences))
            title = short if doc.title else name
            return self.page("stub.html", doc.url, title, crumbs, ld, doc=doc, name=name, quoted=quoted,
                             description=_describe(doc), **self.links(doc))
        return self.page("document.html", doc.url, doc.title, crumbs, ld, doc=doc, description=_describe(doc),
                         internal=doc.internal, editions=editions, toc=outline(doc.body_html),
                         **self.links(doc))

    def search_page(self) -> Job:
        """/tim-kiem/: filter choices (value, label) come from the model, so listing them costs no
        download."""
        _site, ui, view = self.site, catalog.UI, self.view
        terms = {tax.key: [(t.slug, t.label) for t in tax.terms] for tax in view.taxonomies()}
        types = dict(terms.get("loai", []))
        types.update((s.type, s.type_label) for s in view.listed("stubs") if s.type and s.type not in types)
        if view.listed("articles"):
            types[folders.ARTICLES] = ui["articles"]
        stub_years = (str(s.date.year) for s in view.listed("stubs") if s.date)
        years = sorted({*dict(terms.get("nam", [])), *stub_years},
                       reverse=True)
        filters = [("loai", ui["by_type"], list(types.items())),
                   ("co-quan", ui["by_issuer"], terms.get("co-quan", [])),
                   ("nam", ui["by_year"], [(y, y) for y in years])]
        found = {status.status(d.changed_by) for d in (*view.listed("documents"), *view.listed("stubs"))}
        kinds = [k for k in status.KINDS if k in found] + [status.UNCHANGED]
        filters.append(("tinh-trang", ui["by_status"], [(k, ui[f"status_{k}"]) for k in kinds]))
        strings: dict[str, object] = {k.removeprefix("search_"): v for k, v in ui.items()
                                      if k.startswith("search_")}
        strings |= search_terms.lexicon_for_browser()
        return self.page("search.html", "/tim-kiem/", ui["search"], trail((ui["search"], "/tim-kiem/")),
                         self.ld.web_page("/tim-kiem/", ui["search"], "SearchResultsPage"),
                         description=ui["search_intro"],
                         filters=filters,
                         strings=strings)

    def lastmod(self) -> dict[str, str]:
        """Sitemap <lastmod> from content dates only (never the clock), for full dates; by path, as the
        sitemap lists them: the job's key digests the dict's order, and the model's order of documents (by
        title among equal dates) is no input of the sitemap, which a title edit does not make again."""
        dated: tuple[Document | Article, ...] = (*self.site.documents, *self.site.articles)
        return dict(sorted((output_path(item.url), item.date.iso()) for item in dated
                           if item.date is not None and item.date.day is not None))



def url_is_list_own(number: int, part: str, full: Sequence[str]) -> bool:
    """Whether a list page is at the list's own URL (its newest page; the stubs' when it has no other)."""
    return not number and (part == "full" or not full)


def document_name(doc: Document) -> str:
    """ "Kế hoạch 289/KH-UBND: trích yếu"; without a known title, what identifies the document: its issuer
    and year ("Nghị quyết 04-NQ/TU của Ban Thường vụ Tỉnh ủy (Hà Nam), 2021"), never "(chưa rõ trích yếu)"."""
    head = f"{doc.type_label} {shown_number(doc.number)}"
    if doc.title:
        return f"{head}: {doc.title}"
    return head + doc.name_tail  # a stub's issuer and year (cite/names.py), "" for a document of content/


def _describe(doc: Document) -> str:
    if doc.summary:
        return doc.summary
    text = catalog.UI["document_numbered"].format(type=doc.type_label, number=shown_number(doc.number))
    if doc.issuer:
        text += " " + catalog.UI["issued_by"].format(issuer=doc.issuer)
    return f"{text}: {doc.title}" if doc.title else text


def _newest(items: Sequence[Document | Article], size: int) -> Sequence[Document | Article]:
    """Of a list newest first (by date), the items that can be among the `size` newest by date and URL: the
    first `size` and those dated as the last of them (their order among themselves is by title)."""
    if len(items) <= size:
        return items
    if size <= 0:
        return ()
    end, last = size, items[size - 1].date
    while end < len(items) and items[end].date == last:
        end += 1
    return items[:end]


def _updated(entries: Sequence[Document | Article]) -> str:
    dates = [e.date for e in entries if e.date is not None]
    return max(dates).rfc3339() if dates else "2000-01-01T00:00:00+07:00"
