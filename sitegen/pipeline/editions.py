"""Editions (số bản tin): edition records -> ordered tables of contents, previous/next, and back-links.

Pure: takes the loaded entries and the URLs the model gave them, returns plain data and diagnostics.
An edition lists its documents and articles in reading order (`items`); a document or article may instead
name its edition (`edition:`) and is then placed after the listed ones, oldest first. What the current
audience may not see (internal files in the public site) is left out silently: the check of the internal
site reports real mistakes, and a public page must not even hint at an internal title.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic, Severity
from sitegen.base.lazytext import LazyText
from sitegen.base.vi import PartialDate, slugify
from sitegen.pipeline import schema
from sitegen.pipeline.frontmatter import Entry

MEMBER_KINDS = (folders.DOCUMENTS, folders.ARTICLES)
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Member:
    """One line of the editorial board, as plain data (a pydantic model pickles a set: digests would vary)."""

    role: str
    name: str


@dataclass(frozen=True)
class EditionRef:
    """What a link to an edition shows: previous/next, and the back-link on an article page."""

    url: str
    name: str  # "Số 03 năm 2020"
    theme: str | None  # the issue's own title, if any


@dataclass(frozen=True)
class Edition(LazyText):  # its text read when first asked (base/lazytext.py)
    url: str
    source: str
    number: int
    year: int
    name: str  # "Số 03 năm 2020"
    title: str  # the name, and the theme after a colon when it has one (what lists and links show)
    theme: str | None
    period: str | None  # "Quý II năm 2020", "Tháng 5 năm 2020"
    date: PartialDate
    summary: str | None
    board: tuple[Member, ...]
    cover: str | None
    cover_caption: str | None
    colophon: str | None
    body_html: str
    items: tuple[str, ...]  # URLs of documents and articles, in reading order
    internal: bool = False
    prev: EditionRef | None = None  # the older edition
    next: EditionRef | None = None
    kind: str = folders.EDITIONS

    def ref(self) -> EditionRef:
        return EditionRef(self.url, self.name, self.theme)


@dataclass(frozen=True)
class Editions:
    editions: tuple[Edition, ...]  # oldest first
    back: dict[str, tuple[EditionRef, ...]]  # document or article URL -> the editions it appears in
    diagnostics: tuple[Diagnostic, ...]


def edition_slug(entry: Entry) -> str:
    stem = entry.source.rsplit("/", 1)[-1].removesuffix(".md")
    return getattr(entry.meta, "slug", None) or slugify(stem)


def edition_url(entry: Entry) -> str:
    return f"/{folders.EDITIONS}/{edition_slug(entry)}/"


def edition_name(number: int, year: int) -> str:
    return catalog.UI["edition_name"].format(number=number, year=year)


def resolve_item(item: str, source: str) -> tuple[str, str] | None:
    """An `items` entry -> ("file", "content/...md") or ("url", "/.../"); None when it leaves content/.

    Files: relative to the edition ("../tin-bai/a.md"), to content/ ("tin-bai/a.md"), or
    "content/tin-bai/a.md".
    """
    path = urlsplit(item.strip()).path
    if not path.endswith(".md"):
        return ("url", "/" + path.strip("/") + "/")
    if path.startswith(("./", "../")):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    else:
        content = folders.CONTENT + "/"
        target = posixpath.normpath(path if path.startswith(content) else content + path)
    return ("file", target) if target.startswith(folders.CONTENT + "/") else None


_NAMING = (schema.DocumentMeta, schema.ArticleMeta)  # the kinds whose front matter may name an edition


def assemble(claimed: Mapping[str, Entry], entries: Iterable[Entry], hidden: Iterable[Entry],
             url_of: Callable[[Entry], str], bodies: Mapping[str, str],
             internal: Callable[[Entry], bool]) -> Editions:
    """`claimed`: URL -> entry of everything on this site; `entries`: all loaded (drafts too); `hidden`: the
    other audience's entries; `bodies`: edition URL -> its rendered introduction."""
    diagnostics: list[Diagnostic] = []
    published: dict[str, Entry] = {}
    naming: list[tuple[str, Entry, PartialDate, str]] = []  # URL, entry, date, the edition it names
    for url, entry in claimed.items():  # one pass over every entry: a full assemble makes it at each edit
        meta = entry.meta
        if entry.kind == folders.EDITIONS:
            published[url] = entry
        elif isinstance(meta, _NAMING) and meta.edition:
            naming.append((url, entry, meta.date, meta.edition))
    slugs = {edition_slug(e): url for url, e in published.items()}
    named: dict[str, list[tuple[PartialDate, str]]] = {url: [] for url in published}
    unknown: list[tuple[Entry, str]] = []  # entries naming an edition this site does not publish
    for url, entry, date, edition in naming:
        if edition in slugs:
            named[slugs[edition]].append((date, url))
        else:
            unknown.append((entry, edition))
    # Passes over every entry, made only when an edition is published or named (a site without editions made
    # them on every full assemble: ~10 % of a citation edit's at 10,000 documents).
    needed = bool(published or unknown)
    by_source = {e.source: url for url, e in claimed.items()} if needed else {}
    unseen = [e for e in (*entries, *hidden) if e.source not in by_source] if needed else []
    # what members resolve against: drafts and the other audience's entries are quiet, drafts are said so
    quiet = {e.source for e in unseen} | {url_of(e) for e in unseen}
    draft = [e for e in entries if getattr(e.meta, "draft", False)] if published else []
    drafts = {e.source for e in draft} | {url_of(e) for e in draft}

    listed: dict[str, list[str]] = {url: [] for url in published}
    for url, entry in sorted(published.items(), key=lambda p: p[1].source):
        meta = entry.meta
        assert isinstance(meta, schema.EditionMeta)
        for index, item in enumerate(meta.items):
            line = entry.key_lines.get(("items", index), entry.key_lines.get(("items",), 1))
            target = _member(item, entry, claimed, by_source, quiet, drafts, line, diagnostics)
            if target is None:
                continue
            if target in listed[url]:
                message = catalog.MSG["edition_item_twice"].format(item=item)
                diagnostics.append(Diagnostic("warning", "edition-item-twice", entry.source, line, message,
                                              field="items"))
                continue
            listed[url].append(target)

    unseen_slugs = {edition_slug(e) for e in unseen if e.kind == folders.EDITIONS}  # a draft's, the other
    for entry, wanted in unknown:  # audience's: not unknown
        if wanted not in unseen_slugs:
            close = difflib.get_close_matches(wanted, list(slugs), n=1)
            diagnostics.append(Diagnostic(
                "error", "edition-unknown", entry.source, entry.key_lines.get(("edition",), 1),
                catalog.MSG["edition_unknown"].format(value=wanted), field="edition",
                hint=catalog.MSG["did_you_mean"].format(value=close[0]) if close else None,
            ))

    records: list[Edition] = []
    numbers: dict[tuple[int, int], str] = {}
    for url, entry in sorted(published.items(), key=lambda p: p[1].source):
        meta = entry.meta
        assert isinstance(meta, schema.EditionMeta)
        year = meta.year or meta.date.year
        if (year, meta.number) in numbers:
            message = catalog.MSG["edition_duplicate"].format(number=meta.number, year=year,
                                                              other=numbers[(year, meta.number)])
            diagnostics.append(Diagnostic("error", "edition-duplicate", entry.source,
                                          entry.key_lines.get(("number",), 1), message, field="number"))
            continue
        numbers[(year, meta.number)] = entry.source
        items = listed[url] + [u for _, u in sorted(named[url]) if u not in listed[url]]
        name = edition_name(meta.number, year)
        records.append(Edition(
            url=url, source=entry.source, number=meta.number, year=year, name=name,
            title=f"{name}: {meta.title}" if meta.title else name, theme=meta.title,
            period=_period(meta, year), date=meta.date, summary=meta.summary,
            board=tuple(Member(m.role, m.name) for m in meta.board),
            cover=meta.cover, cover_caption=meta.cover_caption, colophon=meta.colophon,
            body_html=bodies.get(url, ""),
            items=tuple(items), internal=internal(entry),
        ))
    return _link(records, diagnostics)


def _member(item: str, edition: Entry, claimed: Mapping[str, Entry], by_source: Mapping[str, str],
            quiet: set[str], drafts: set[str], line: int, diagnostics: list[Diagnostic]) -> str | None:
    """URL of the document or article an `items` entry names, or None (with a diagnostic when it is a
    mistake)."""
    resolved = resolve_item(item, edition.source)
    severity: Severity
    if resolved is None:
        code, severity = "edition-item-outside", "error"
        message = catalog.MSG["edition_item_outside"].format(item=item)
    else:
        how, target = resolved
        url = by_source.get(target) if how == "file" else (target if target in claimed else None)
        if url is not None and claimed[url].kind in MEMBER_KINDS:
            return url
        if url is not None:
            code, severity = "edition-item-page", "error"
            message = catalog.MSG["edition_item_page"].format(item=item)
        elif target in drafts:
            code, severity = "edition-item-draft", "warning"
            message = catalog.MSG["edition_item_draft"].format(item=item)
        elif target in quiet:
            return None  # the other audience's file: not on this site, and nothing to say about it here
        else:
            message = catalog.MSG["edition_item_missing"].format(item=item, target=target)
            code, severity = "edition-item-missing", "error"
    diagnostics.append(Diagnostic(severity, code, edition.source, line, message, field="items"))
    return None


def _period(meta: schema.EditionMeta, year: int) -> str | None:
    if meta.quarter is not None:
        return catalog.UI["edition_quarter"].format(quarter=_ROMAN[meta.quarter - 1], year=year)
    if meta.month is not None:
        return catalog.UI["edition_month"].format(month=meta.month, year=year)
    return None


def _link(records: list[Edition], diagnostics: list[Diagnostic]) -> Editions:
    """Order by year and number; give each its neighbours and each member its editions."""
    ordered = sorted(records, key=lambda e: (e.year, e.number, e.url))
    linked = []
    for index, ed in enumerate(ordered):
        prev = ordered[index - 1].ref() if index > 0 else None
        nxt = ordered[index + 1].ref() if index + 1 < len(ordered) else None
        linked.append(replace(ed, prev=prev, next=nxt))
    back: dict[str, list[EditionRef]] = {}
    for ed in linked:
        for url in ed.items:
            back.setdefault(url, []).append(ed.ref())
    return Editions(tuple(linked), {url: tuple(refs) for url, refs in back.items()}, tuple(diagnostics))
