"""Citation linking: every citation of the site resolved to a page or a stub, file links, link titles."""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.base import catalog
from sitegen.cite import graph as citegraph
from sitegen.pipeline import parse as markdown
from sitegen.pipeline import schema
from sitegen.cite.detect import Citation
from sitegen.cite.symbols import Symbol, parse_symbol
from sitegen.cite.vocab import TYPE_NAMES
from sitegen.cite.graph import Identity, Link
from sitegen.pipeline.config import SiteConfig
from sitegen.base.diagnostics import Diagnostic
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.records import Document
from sitegen.base.vi import PartialDate, slugify


def type_label(config: SiteConfig, key: str | None) -> str:
    """The site's name for a type, else the name the citation's type word gives ("Quy định"), else "Văn bản"."""
    if key in config.types:
        return config.types[key].label
    return TYPE_NAMES.get(key or "", catalog.UI["document"])


def entry_scope(entry: Entry, config: SiteConfig) -> str:
    """Province a text is written in: relative issuer phrases ("Tỉnh ủy", "UBND tỉnh") point there."""
    meta = entry.meta
    if isinstance(meta, schema.DocumentMeta):
        found = citegraph.province_of(meta.province and f"tỉnh {meta.province}", meta.parent, meta.issuer)
        if found:
            return found
    elif isinstance(meta, schema.ArticleMeta) and meta.province:
        return citegraph.province_of(f"tỉnh {meta.province}")
    return citegraph.province_of(config.province and f"tỉnh {config.province}")


def link(claimed: dict[str, Entry], parsed: dict[str, markdown.Parsed], config: SiteConfig,
         diagnostics: list[Diagnostic], hidden: Iterable[Entry]
         ) -> tuple[citegraph.Graph, dict[str, Symbol], dict[str, int]]:
    """Resolve every citation of the site. Returns the graph, each document's parsed symbol, and for each
    page the index of its first body citation in the graph's occurrence numbering."""
    occurrences: list[citegraph.Occurrence] = []
    identities: dict[str, Identity] = {}
    doc_types: dict[str, str] = {}
    symbols: dict[str, Symbol] = {}
    first: dict[str, int] = {}
    declared: list[citegraph.Occurrence] = []
    for url, entry in claimed.items():
        scope = entry_scope(entry, config)
        first[url] = len(occurrences)
        occurrences += citegraph.occurrences_of(list(parsed[url].citations), entry.source, url, entry.body_line, scope)
        meta = entry.meta
        if isinstance(meta, schema.DocumentMeta):
            symbol = parse_symbol(meta.number)
            if symbol is None:
                diagnostics.append(Diagnostic("warning", "bad-symbol", entry.source, 1,
                                              catalog.MSG["bad_symbol"].format(value=meta.number), field="number"))
                continue
            symbols[url] = symbol
            doc_types[url] = meta.type
            declared += _declared_relations(meta, entry, url, scope)
            date = PartialDate(symbol.year) if symbol.system == "legal" and symbol.year else meta.date
            identities[url] = Identity(symbol.key, date, "" if citegraph.is_central(symbol) else scope)

    for entry in hidden:
        meta = entry.meta
        if isinstance(meta, schema.DocumentMeta) and (symbol := parse_symbol(meta.number)) is not None:
            date = PartialDate(symbol.year) if symbol.system == "legal" and symbol.year else meta.date
            scope = "" if citegraph.is_central(symbol) else entry_scope(entry, config)
            identities[citegraph.HIDDEN + entry.source] = Identity(symbol.key, date, scope)

    graph = citegraph.build_graph(occurrences + declared, identities, doc_types, set(claimed),
                                  lambda key: type_label(config, key))
    diagnostics += graph.diagnostics
    return graph, symbols, first


def file_links(entry: Entry, parsed: markdown.Parsed, by_source: dict[str, str], base: str,
               diagnostics: list[Diagnostic]) -> dict[str, str]:
    """Links to other content files -> their page URLs; a link outside content/ or to no file is an error."""
    mapping = {}
    for href, line in parsed.file_links:
        target = markdown.resolve_file_link(entry.source, href)
        if target is None:
            message = catalog.MSG["link_outside"].format(href=href)
        elif target not in by_source:
            message = catalog.MSG["link_missing"].format(href=href, target=target)
        else:
            mapping[href] = base + by_source[target].lstrip("/")
            continue
        diagnostics.append(Diagnostic("error", "bad-link", entry.source, entry.body_line + line, message))
    return mapping


def _declared_relations(meta: schema.DocumentMeta, entry: Entry, url: str, scope: str) -> list[citegraph.Occurrence]:
    """Front-matter `relations` as occurrences without a sentence, so they resolve like citations."""
    found = []
    for rel in meta.relations:
        date = rel.date
        citation = Citation(
            start=0, end=0, text=rel.number, symbol=parse_symbol(rel.number), doc_type=None,
            year=date.year if date else None, month=date.month if date else None, day=date.day if date else None,
            issuer_phrase=rel.issuer, short=False, year_conflict=False,
        )
        found.append(citegraph.Occurrence(
            source=entry.source, source_url=url, line=1, citation=citation, sentence="", quoted_title=None,
            scope=citegraph.province_of(rel.issuer) or scope, relation=schema.RELATION_LABELS[rel.type],
        ))
    return found


def link_title(config: SiteConfig, entry: Entry, symbol: Symbol | None) -> str:
    meta = entry.meta
    if isinstance(meta, schema.DocumentMeta):
        number = symbol.normalized if symbol else meta.number
        return f"{config.types[meta.type].label} {number}: {meta.title}"
    return meta.title


def stub_title(config: SiteConfig, info: citegraph.StubInfo) -> str:
    label = type_label(config, info.doc_type)
    head = f"{label} {info.symbol.normalized}"
    return f"{head}: {info.title}" if info.title else f"{head} ({catalog.UI['stub_short']})"


def _cited_issuer(info: citegraph.StubInfo) -> str:
    """ "Ban Thường vụ Tỉnh ủy (Hà Nam)": the phrase as cited, with the province it was resolved to."""
    phrase, scope = info.issuer_phrase or "", info.identity.scope
    if scope and slugify(scope) not in slugify(phrase):
        return f"{phrase} ({scope})" if phrase else scope
    return phrase


def stub_document(config: SiteConfig, stub: citegraph.Stub, cited_by: tuple[Link, ...]) -> Document:
    info = stub.info
    doc_type = info.doc_type if info.doc_type in config.types else ""
    return Document(
        url=stub.url, source="", title=info.title or "", type=doc_type,
        type_label=type_label(config, info.doc_type),
        number=info.symbol.normalized, system="party" if info.symbol.system == "party" else "state",
        issuer=_cited_issuer(info), issuer_slug="", parent=None, place=None,
        date=info.identity.date, signer=None, recipients=(), tags=(), summary=None, body_html="",
        stub=True, cited_by=cited_by,
    )
