"""Assemble: validated entries -> the whole-site model (plain frozen data, built by pure functions).

Two passes, as MkDocs and Zola do: first every URL and the document registry from front-matter alone,
then the bodies (parsed once, cached by content hash: parse.py), whose citation and file-link placeholders
are filled from that registry. Pages refer to each other by URL. The records are in records.py. Citation
linking (every citation resolved to a page or a stub document, through cite/graph.py) is the second half.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.shared import Shared
from sitegen.base.vi import Collator, collapse_spaces, same_words_key, slugify
from sitegen.cite.graph import Graph, Link
from sitegen.cite.symbols import Symbol, parse_symbol
from sitegen.pipeline import assemble_edit, editions, linking, parse, schema, status
from sitegen.pipeline import taxonomies as taxonomy
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.parse import Memo
from sitegen.pipeline.records import Article, Change, Document, Item, Page, Signature, Site, Tag

PROVISIONAL = "-chua-co-so-"  # in the name `sitegen new` gives a document before it has a number
_PARTY_SYMBOL = re.compile(r"^\s*\d*[a-z]?\s*-\s*\w")
_TAGS, _SIGNATURES = Shared[Tag](), Shared[Signature]()  # one object each (30,115 tags: 27 distinct)
# A body's link to a page, (href, title): one object for every citation of that page, from every body (the
# kept bodies at 10,000 documents: 66,082 links, 3,766 distinct; their hrefs alike).
_LINKS = Shared[tuple[str, str | None]]()
# First URL segments sitegen generates itself; a plain page may not take them.
RESERVED_SECTIONS = frozenset({*folders.SECTIONS, "loai", "co-quan", "nam", "chu-de", "tim-kiem", "assets",
                               "pagefind"})


def _signature(signer: schema.Signer | None) -> Signature | None:
    return _SIGNATURES.one(Signature(signer.on_behalf, signer.position, signer.name)) if signer else None


def _system(number: str, symbol: Symbol | None) -> str:
    if symbol is not None:
        return "party" if symbol.system == "party" else "state"
    return "party" if _PARTY_SYMBOL.match(number) else "state"


def document_slug(label: str, number: str, year: int) -> str:
    """A document's page name from its type, number and year: "ke-hoach-45-kh-hu-2026"."""
    symbol = parse_symbol(number)
    return slugify(f"{label} {symbol.normalized if symbol else number} {year}")


def provisional_name(entry: Entry, config: SiteConfig) -> Diagnostic | None:
    """`sitegen new` names a document that has no number yet "<loại>-chua-co-so-…"; once the number is filled
    in, say which name the file should take (its page's name)."""
    meta = entry.meta
    # the type and the whole path first: a full assemble asks this of every entry (10,000 splits)
    if not isinstance(meta, schema.DocumentMeta) or PROVISIONAL not in entry.source:
        return None
    stem = entry.source.rsplit("/", 1)[-1].removesuffix(".md")
    if PROVISIONAL not in stem:
        return None
    symbol = parse_symbol(meta.number)
    if symbol is None or not symbol.number:
        return None
    name = document_slug(config.types[meta.type].label, meta.number, meta.date.year) + ".md"
    message = catalog.MSG["provisional_name"].format(name=stem + ".md", number=meta.number, expected=name)
    line = entry.key_lines.get(("number",), 1)
    return Diagnostic("warning", "provisional-name", entry.source, line, message, field="number")


def entry_url(entry: Entry, config: SiteConfig) -> str:
    meta = entry.meta
    stem = entry.source.removeprefix(folders.CONTENT + "/").removesuffix(".md")
    if isinstance(meta, schema.DocumentMeta):
        label = config.types[meta.type].label
        return f"/{folders.DOCUMENTS}/{meta.slug or document_slug(label, meta.number, meta.date.year)}/"
    if isinstance(meta, schema.ArticleMeta):
        return f"/{folders.ARTICLES}/{meta.slug or slugify(stem.rsplit('/', 1)[-1])}/"
    if isinstance(meta, schema.EditionMeta):
        return editions.edition_url(entry)
    if meta.slug:
        return f"/{meta.slug}/"
    return "/" + "/".join(slugify(part) for part in stem.split("/")) + "/"


def _tags(labels: Iterable[str]) -> tuple[Tag, ...]:
    seen: dict[str, Tag] = {}
    for label in labels:
        label = collapse_spaces(label)
        seen.setdefault(slugify(label), _TAGS.one(Tag(slugify(label), label)))
    return tuple(seen.values())


def assemble(entries: list[Entry], config: SiteConfig, collator: Collator,
             memo: Memo | None = None, hidden: Iterable[Entry] = (),
             drafts: bool = False, derived: Derived | None = None,
             named: parse.Named | None = None) -> tuple[Site, list[Diagnostic]]:
    """`hidden`: documents of another edition; citations of them are recognised and left unlinked.
    `drafts`: build drafts like any other entry (serve's preview); otherwise they are left out. `named`:
    parse.alias_table(entries, config), when the caller made it for its parse stage (a scan of every entry,
    not made twice). `derived`:
    the values of the last build (serve's), computed again only where their inputs changed (derived.py);
    when only bodies or fields such as a title changed and the citations read as before, only the edited
    items and the pages citing a retitled one are made again (assemble_edit.py)."""
    memo = memo if memo is not None else Memo()
    derived = derived if derived is not None else Derived()
    derived.begin(config)
    hidden = tuple(hidden)
    last = derived.assembled
    edited = assemble_edit.edited_pages(last, entries, hidden, drafts)
    if last is not None and edited is not None:
        made = assemble_edit.reassemble(
            last, edited, entries, memo, derived, page_record=page_record,
            linkage=lambda e, p, url: derived.get("linkage", url, (e, p), linking.linkage, e, p, url, config),
            title_of=lambda e, symbol: linking.link_title(config, e, symbol),
            resort=lambda site, moved: taxonomy.resorted(site, moved, collator, derived),
            recite=assemble_edit.Recite(
                regraph=lambda graph, recited, linkages: linking.recited_graph(graph, recited, linkages,
                                                                               config, derived),
                validity=lambda graph, claimed: validity(graph, claimed, derived),
                stub_record=stub_record(config, derived),
                stub_title=lambda stub: linking.stub_title(config, stub.info),
                edges=lambda graph, was, had: linking.edges_since(graph, was, had, derived)),
            url_of=urls(config, derived))
        if made is not None:
            derived.end(partial=True)  # what was not asked is still the last build's, and still true
            derived.assembled = made
            return made.site, made.diagnostics()
    derived.assembled = None
    made = _assemble(entries, config, collator, memo, hidden, drafts, derived, last,
                     named if named is not None else parse.alias_table(entries, config))
    derived.end()
    derived.assembled = made
    return made.site, made.diagnostics()


def _assemble(entries: list[Entry], config: SiteConfig, collator: Collator, memo: Memo,
              hidden: tuple[Entry, ...], drafts: bool, derived: Derived,
              last: assemble_edit.Assembled | None, named: parse.Named) -> assemble_edit.Assembled:
    """The whole model. `last`: the last assemble (under the same configuration); the records of pages whose
    every input is the same (assemble_edit.kept_pages) are taken from it instead of made again. `named`:
    the table of named forms and its diagnostics (parse.alias_table)."""
    diagnostics: list[Diagnostic] = []  # of the site; those of each body are kept per page, below
    url_of = urls(config, derived)
    # Pass 1: URLs from front-matter alone.
    claimed: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.source):
        draft = getattr(entry.meta, "draft", False)
        if draft and not drafts:
            continue
        url = url_of(entry)
        if not draft and (renamed := provisional_name(entry, config)) is not None:
            diagnostics.append(renamed)
        if entry.kind == folders.PAGES and url.strip("/").split("/")[0] in RESERVED_SECTIONS:
            message = catalog.MSG["reserved_url"].format(url=url)
            diagnostics.append(Diagnostic("error", "reserved-url", entry.source, 1, message))
            continue
        if url in claimed:
            message = catalog.MSG["url_conflict"].format(url=url, other=claimed[url].source)
            diagnostics.append(Diagnostic("error", "url-conflict", entry.source, 1, message))
            continue
        claimed[url] = entry
    # Pass 2: parse every body once; the citation plugin marks what each cites.
    aliases, alias_diagnostics = named
    diagnostics += alias_diagnostics
    memo.use_aliases(aliases)
    md = None if all(e.digest in memo.parsed for e in claimed.values()) else parse.make_parser(aliases)
    parsed = {url: memo.parse(md, entry) for url, entry in claimed.items()}
    linkages: dict[str, linking.Linkage] = {}
    graph, symbols = linking.citation_graph(claimed, parsed, config, diagnostics, hidden, derived,
                                                   linkages)
    graph_at = len(diagnostics) - len(graph.diagnostics)  # citation_graph ends with the graph's
    titles = link_titles(claimed, symbols, config, last)
    titles.update({stub.url: linking.stub_title(config, stub.info) for stub in graph.stubs})
    by_source = {entry.source: url for url, entry in claimed.items()}
    changed = validity(graph, claimed, derived)
    linked = assemble_edit.Linked(config, graph, symbols, titles, by_source, changed)
    # Pass 3: render bodies with links, build the records.
    documents, articles, pages = [], [], []
    edition_bodies: dict[str, str] = {}
    issuer_labels: dict[str, str] = {}
    bodies: dict[str, list[Diagnostic]] = {}
    records: dict[str, Item | None] = {}
    kept = assemble_edit.kept_pages(last, claimed, parsed, linked)
    for url, entry in claimed.items():
        if url in kept:
            assert last is not None
            record, body_html, bodies[url] = last.records[url], "", last.bodies[url]
            derived.still("body", url)
            derived.still("record", url)
        else:
            record, body_html, bodies[url] = page_record(linked, url, entry, parsed[url], derived)
        records[url] = record
        if isinstance(record, Document):
            issuer_labels.setdefault(record.issuer_slug, record.issuer)
            documents.append(record)
        elif isinstance(record, Article):
            articles.append(record)
        elif isinstance(entry.meta, schema.EditionMeta):
            edition_bodies[url] = body_html  # the records come from editions.assemble, below
        else:
            assert isinstance(record, Page)
            pages.append(record)
    stub_of = stub_record(config, derived)
    stubs = tuple(stub_of(stub, graph.cited_by.get(stub.url, ()), changed.get(stub.url, ()))
                  for stub in graph.stubs)
    for stub in stubs:
        if stub.issuer_slug:
            issuer_labels.setdefault(stub.issuer_slug, stub.issuer)
    documents, articles, pages, listed_stubs, taxonomies = taxonomy.lists(documents, articles, pages, stubs,
                                                                          config, collator, issuer_labels,
                                                                          derived)
    issues = editions.assemble(claimed, entries, hidden, url_of, edition_bodies,
                               lambda e: config.audience_of(e.meta.audience) == "internal")
    diagnostics += issues.diagnostics
    items: tuple[Item, ...] = (*documents, *articles, *pages, *stubs, *issues.editions)
    by_url: dict[str, Item] = {item.url: item for item in items}
    edges = linking.edges(graph, derived)
    site = Site(config, tuple(documents), tuple(articles), tuple(pages), taxonomies, by_url,
                tuple(listed_stubs), edges, issues.editions, issues.back)
    return assemble_edit.Assembled(list(entries), hidden, drafts, claimed, parsed, linkages, linked, records,
                                   site, diagnostics, bodies, aliases, graph_at)


def stub_record(config: SiteConfig, derived: Derived) -> assemble_edit.StubRecord:
    """linking.stub_document, kept per stub."""
    return lambda stub, cited_by, changed: derived.get("stub", stub.url, (stub, cited_by, changed),
                                                       linking.stub_document, config, stub, cited_by, changed)


def link_titles(claimed: dict[str, Entry], symbols: dict[str, Symbol], config: SiteConfig,
                last: assemble_edit.Assembled | None) -> dict[str, str | None]:
    """The title of links to each page (linking.link_title): the last assemble's (under the same
    configuration) where the page's entry and symbol are its objects."""
    if last is None:
        return {url: linking.link_title(config, entry, symbols.get(url)) for url, entry in claimed.items()}
    was, was_symbols, was_titles = last.claimed, last.linked.symbols, last.linked.titles
    return {url: was_titles[url] if was.get(url) is entry and was_symbols.get(url) is symbol
            else linking.link_title(config, entry, symbol)
            for url, entry in claimed.items() for symbol in (symbols.get(url),)}


def validity(graph: Graph, claimed: dict[str, Entry], derived: Derived) -> dict[str, tuple[Change, ...]]:
    """Each page's changes (status.changes), from the last build's where it kept them: only the runs of edges
    the graph made again are read, and only the pages those cite or cited get their changes made again."""
    assert graph.kept is not None  # build_graph's graphs keep what the next build starts from
    full_texts = {url for url, entry in claimed.items() if isinstance(entry.meta, schema.DocumentMeta)}
    last = derived.kept("changes", "")
    made = status.changes(graph.kept.runs, graph.kept.into, full_texts,
                          (last[0][0].kept.runs, last[1]) if last is not None else None)
    if last is None or last[0][0] is not graph or last[1] is not made:
        derived.put("changes", "", (graph,), made)  # with the graph it was made from: the next `last`
    else:
        derived.still("changes", "")
    return made.of


def page_record(linked: assemble_edit.Linked, url: str, entry: Entry, parsed: parse.Parsed,
                derived: Derived) -> tuple[Item | None, str, list[Diagnostic]]:
    """One page of content/: its record (None for an edition's), its body's HTML with its links, and what its
    body reports (a citation failure, nesting cut, links to no file)."""
    diagnostics: list[Diagnostic] = []
    if parsed.failure is not None:
        line, detail = parsed.failure
        message = catalog.MSG["cite_failure"].format(detail=detail)
        diagnostics.append(Diagnostic("error", "citation-failure", entry.source, entry.body_line + line,
                                      message))
    if (lost := parsed.lost_line) is not None:
        message = catalog.MSG["nesting_lost"].format(levels=parse.MAX_NESTING // 2)
        diagnostics.append(Diagnostic("warning", "nesting-lost", entry.source, entry.body_line + lost,
                                      message))
    config, graph = linked.config, linked.graph
    file_urls = file_links(entry, parsed, linked.by_source, config.base_path, diagnostics)
    links = citation_links(linked, url, len(parsed.citations))
    body_html = derived.get("body", url, (parsed, links, file_urls), parse.fill, parsed, links, file_urls)
    made = (entry, body_html, graph.cites.get(url, ()), graph.cited_by.get(url, ()),
            linked.changed.get(url, ()), linked.symbols.get(url))
    return derived.get("record", url, made, _record, config, url, *made), body_html, diagnostics


def citation_links(linked: assemble_edit.Linked, url: str, count: int) -> list[tuple[str, str | None] | None]:
    """(href, title) of each of the `count` citations in the body of `url`, or None where it stays plain
    text."""
    out: list[tuple[str, str | None] | None] = []
    base, titles = linked.config.base_path, linked.titles
    targets = linked.graph.targets.get(url, ())
    assert len(targets) == count
    for target in targets:
        out.append(_LINKS.one((base + target.lstrip("/"), titles[target])) if target else None)
    return out


def _record(config: SiteConfig, url: str, entry: Entry, body_html: str, cites: tuple[Link, ...],
            cited_by: tuple[Link, ...], changed_by: tuple[Change, ...], symbol: Symbol | None) -> Item | None:
    """The record of a page of content/ (None for an edition's: editions.assemble makes those)."""
    meta = entry.meta
    internal = config.audience_of(meta.audience) == "internal"
    if isinstance(meta, schema.DocumentMeta):
        issuer = collapse_spaces(meta.issuer)
        return Document(
            url=url, source=entry.source, title=meta.title, type=meta.type,
            type_label=config.types[meta.type].label,
            number=symbol.normalized if symbol else meta.number,
            system=_system(meta.number, symbol), issuer=issuer, issuer_slug=slugify(same_words_key(issuer)),
            parent=meta.parent,
            place=meta.place, date=meta.date, signer=_signature(meta.signer),
            recipients=meta.recipients,
            tags=_tags(meta.tags), summary=meta.summary, body_html=body_html, cites=cites,
            cited_by=cited_by, internal=internal, changed_by=changed_by,
        )
    if isinstance(meta, schema.ArticleMeta):
        return Article(
            url=url, source=entry.source, title=meta.title, date=meta.date, author=meta.author,
            summary=meta.summary, image=meta.image, image_caption=meta.image_caption,
            tags=_tags(meta.tags), body_html=body_html, cites=cites, internal=internal,
        )
    if isinstance(meta, schema.EditionMeta):
        return None
    return Page(url=url, source=entry.source, title=meta.title, summary=meta.summary,
                body_html=body_html, cites=cites, internal=internal)


def urls(config: SiteConfig, derived: Derived) -> Callable[[Entry], str]:
    """entry_url, kept per entry."""
    return lambda e: derived.get("url", e.source, (e,), entry_url, e, config)


def file_links(entry: Entry, parsed: parse.Parsed, by_source: dict[str, str], base: str,
               diagnostics: list[Diagnostic]) -> dict[str, str]:
    """Links to other content files -> their page URLs; a link outside content/ or to no file is an error."""
    mapping = {}
    for href, line in parsed.file_links:
        target = parse.resolve_file_link(entry.source, href)
        if target is None:
            message = catalog.MSG["link_outside"].format(href=href)
        elif target not in by_source:
            message = catalog.MSG["link_missing"].format(href=href, target=target)
        else:
            mapping[href] = base + by_source[target].lstrip("/")
            continue
        diagnostics.append(Diagnostic("error", "bad-link", entry.source, entry.body_line + line, message))
    return mapping

