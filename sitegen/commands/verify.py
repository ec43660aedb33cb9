"""Guards: checks on a built output folder before it is published (`sitegen verify`).

They read only what the build wrote (plus site.yaml and content/ to say which file a page came from), so they
also catch what a site's own templates or static files break: a link that misses the base path, a page with
no text, a feed that is not XML. Files of the search stage (`pagefind/`) are link targets, never scanned.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar, Literal
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic, Severity
from sitegen.base.oserrors import describe
from sitegen.build import load_site, static_files
from sitegen.commands.verify_index import check_index
from sitegen.pipeline import assemble, sources, write
from sitegen.pipeline.cache import keep, load_kept
from sitegen.pipeline.config import SiteConfig, refused_link

SKIP_DIRS = ("pagefind/",)  # the search stage's index and UI: not pages, not ours to parse
LINK_ATTRS = {"a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
              "source": ("src",), "iframe": ("src",), "audio": ("src",), "video": ("src", "poster"),
              "track": ("src",), "embed": ("src",), "object": ("data",)}
XML_ROOTS = {"feed.xml": "{http://www.w3.org/2005/Atom}feed",
             "sitemap.xml": "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"}
INTERNAL_CLASS = "internal-banner"  # the "Lưu hành nội bộ" line of internal pages (base.html)


@dataclass(frozen=True)
class Ref:
    url: str
    line: int
    column: int
    cite: bool  # a citation link (class "cite"), made by the citation engine


@dataclass
class Page:
    refs: list[Ref] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    main_text: bool = False
    body_text: bool = False
    has_main: bool = False
    prose: int = 0  # how many Markdown body containers (class "prose") the page has
    prose_text: bool = False
    internal: bool = False
    indexed: bool = False  # carries data-pagefind-body: the search index must hold it


@dataclass
class _Region:
    tag: str
    kind: str  # "main", "body", "h1", "script", "style", "template", "prose", "banner"
    depth: int = 1  # open elements named `tag` since the region began


class _Scanner(HTMLParser):
    """Links, ids and where there is text. Regions are tracked by counting nested tags of the same name,
    which is exact for elements that are always closed (main, h1, div, p in the theme)."""

    REGION_TAGS: ClassVar[frozenset[str]] = frozenset({"main", "body", "h1", "script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[_Region] = []

    def _inside(self, kind: str) -> bool:
        return any(region.kind == kind for region in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if "data-pagefind-body" in values:
            self.page.indexed = True
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        line, column = self.getpos()
        for name in LINK_ATTRS.get(tag, ()):
            if values.get(name, "").strip():
                self.page.refs.append(Ref(values[name].strip(), line, column + 1,
                                          tag == "a" and "cite" in classes))
        for region in self.open:
            if region.tag == tag:
                region.depth += 1
        kind = tag if tag in self.REGION_TAGS else "prose" if "prose" in classes else \
            "banner" if INTERNAL_CLASS in classes else ""
        if kind == "main":
            self.page.has_main = True
        if kind == "prose":
            self.page.prose += 1
        if kind == "banner":
            self.page.internal = True
        if kind:
            self.open.append(_Region(tag, kind))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for region in self.open:
            if region.tag == tag:
                region.depth -= 1
        self.open = [region for region in self.open if region.depth > 0]

    def handle_data(self, data: str) -> None:
        if not data.strip() or any(self._inside(k) for k in ("script", "style", "template")):
            return
        if self._inside("body"):
            self.page.body_text = True
        if self._inside("main") and not self._inside("h1") and not self._inside("banner"):
            self.page.main_text = True
        if self._inside("prose"):
            self.page.prose_text = True


def scan_html(text: str) -> Page:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.page


def page_url(rel: str) -> str:
    """Output path -> site URL: "van-ban/a/index.html" -> "/van-ban/a/"."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel.removesuffix("index.html")
    return "/" + rel


@dataclass
class Context:
    out: Path
    files: set[str]  # every output file, "/"-separated, relative to out
    base_path: str  # "/" or "/bantin/"
    netloc: str  # the site's host, to tell its own absolute URLs from other sites'
    shown: str  # how diagnostics name the output folder ("output/")
    sources: dict[str, str] = field(default_factory=dict)  # URL -> content file
    body_lines: dict[str, int] = field(default_factory=dict)  # content file -> line of its body
    pages: dict[str, Page] = field(default_factory=dict)  # output path -> scan, filled by check_pages


@dataclass(frozen=True)
class Target:
    kind: Literal["external", "outside", "missing", "found"]
    file: str = ""  # the output file a found link leads to
    fragment: str = ""


def resolve(ctx: Context, href: str, from_url: str) -> Target:
    """Where a link from the page at `from_url` leads in the output folder."""
    parts = urlsplit(href)
    if (parts.scheme and parts.scheme not in ("http", "https")) or (parts.netloc
                                                                    and parts.netloc != ctx.netloc):
        return Target("external")  # mailto:, tel:, other sites
    path = parts.path or ctx.base_path.rstrip("/") + from_url
    if not path.startswith("/"):
        joined = posixpath.join(posixpath.dirname(ctx.base_path.rstrip("/") + from_url), path)
        path = posixpath.normpath(joined) + ("/" if path.endswith("/") else "")
    if not path.startswith(ctx.base_path) and path + "/" != ctx.base_path:
        return Target("outside", fragment=parts.fragment)  # our host, outside the site's base path
    rel = unquote(path[len(ctx.base_path):])
    for candidate in (rel + "index.html" if rel.endswith("/") or not rel else rel, rel + "/index.html"):
        if candidate in ctx.files:
            return Target("found", candidate, parts.fragment)
    return Target("missing", fragment=parts.fragment)


def _diag(severity: Severity, code: str, file: str, line: int, message: str, hint: str | None = None,
          column: int = 0) -> Diagnostic:
    return Diagnostic(severity, code, file, line, message, hint=hint, column=column)


def _link_problem(ctx: Context, target: Target, href: str, cite: bool) -> tuple[str, str] | None:
    """(code, message) for a link that does not lead to a file of the site, else None."""
    if target.kind == "outside":
        return "link-outside-base", catalog.MSG["guard_outside_base"].format(href=href, base=ctx.base_path)
    if target.kind == "missing":
        code, key = ("broken-citation", "guard_broken_cite") if cite else ("broken-link", "guard_broken_link")
        return code, catalog.MSG[key].format(href=href)
    return None


def check_pages(ctx: Context, audience: str, known: dict[str, Page] | None = None
                ) -> tuple[list[Diagnostic], dict[str, Page]]:
    """Diagnostics of every page, and the scans by content digest (`known` ones are not parsed again:
    parsing is most of verify's time, and a rebuild leaves most pages byte-identical)."""
    known = known or {}
    scans: dict[str, Page] = {}
    pages: dict[str, Page] = {}
    diagnostics: list[Diagnostic] = []
    for rel in sorted(ctx.files):
        if rel.endswith(".html") and not rel.startswith(SKIP_DIRS):
            data = (ctx.out / rel).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            page = scans.get(digest) or known.get(digest) or scan_html(data.decode("utf-8", errors="replace"))
            pages[rel] = scans[digest] = page
            diagnostics += _empty_page(ctx, rel, pages[rel], not data.strip())
            if audience == "public" and pages[rel].internal:
                diagnostics.append(_diag("error", "internal-in-public", ctx.shown + rel, 0,
                                         catalog.MSG["guard_internal_page"]))
    ctx.pages = pages
    for rel, page in pages.items():
        url = page_url(rel)
        for ref in page.refs:
            target = resolve(ctx, ref.url, url)
            problem = _link_problem(ctx, target, ref.url, ref.cite)
            if problem:
                code, message = problem
                diagnostics.append(_diag("error", code, ctx.shown + rel, ref.line, message,
                                         _from_hint(ctx, url),
                                         ref.column))
            elif (target.fragment and target.file in pages
                  and unquote(target.fragment) not in pages[target.file].ids):
                message = catalog.MSG["guard_broken_anchor"].format(href=ref.url,
                                                                    anchor=unquote(target.fragment))
                diagnostics.append(_diag("warning", "broken-anchor", ctx.shown + rel, ref.line, message,
                                         _from_hint(ctx, url), ref.column))
    return diagnostics, scans


def _from_hint(ctx: Context, url: str) -> str | None:
    source = ctx.sources.get(url)
    return catalog.MSG["guard_from_source"].format(source=source) if source else None


def _empty_page(ctx: Context, rel: str, page: Page, blank: bool) -> list[Diagnostic]:
    url = page_url(rel)
    source = ctx.sources.get(url)
    no_body = bool(page.prose) and not page.prose_text
    if no_body and source and not blank:  # the editor's file has no body text: point at it
        line = max(1, ctx.body_lines.get(source, 2) - 1)  # the closing '---': the body goes below it
        return [_diag("error", "empty-body", source, line, catalog.MSG["guard_empty_body"].format(url=url))]
    if blank or (page.has_main and not page.main_text) or (not page.has_main and not page.body_text):
        return [_diag("error", "empty-page", ctx.shown + rel, 0,
                      catalog.MSG["guard_empty_page"].format(url=url),
                      _from_hint(ctx, url))]
    if no_body:
        return [_diag("error", "empty-body", ctx.shown + rel, 0,
                      catalog.MSG["guard_empty_body"].format(url=url))]
    return []


class _XmlLinks:
    """Parse one XML file with expat: well-formedness with line numbers, the root element, and the URLs
    of sitemap <loc> and Atom <link href> elements."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.urls: list[tuple[str, int]] = []
        self._text: list[str] | None = None
        self._line = 0
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._data

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = "{" + name if "}" in name else name
        if self.root is None:
            self.root = tag
        local = tag.rsplit("}", 1)[-1]
        if local == "link" and attrs.get("href"):
            self.urls.append((attrs["href"], self.parser.CurrentLineNumber))
        if local == "loc":
            self._text, self._line = [], self.parser.CurrentLineNumber

    def _end(self, name: str) -> None:
        if self._text is not None:
            self.urls.append(("".join(self._text).strip(), self._line))
            self._text = None

    def _data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def check_data_files(ctx: Context) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for rel in sorted(ctx.files):
        if rel.startswith(SKIP_DIRS) or not rel.endswith((".json", ".xml")):
            continue
        data = (ctx.out / rel).read_bytes()
        where = ctx.shown + rel
        if rel.endswith(".json"):
            try:
                json.loads(data)
            except ValueError as exc:
                diagnostics.append(_diag("error", "bad-json", where, getattr(exc, "lineno", 0),
                                         catalog.MSG["guard_bad_json"].format(detail=exc)))
        if not rel.endswith(".xml"):
            continue
        xml = _XmlLinks()
        try:
            xml.parser.Parse(data, True)
        except expat.ExpatError as exc:
            message = catalog.MSG["guard_bad_xml"].format(detail=expat.ErrorString(exc.code))
            diagnostics.append(_diag("error", "bad-xml", where, exc.lineno, message, column=exc.offset + 1))
            continue
        expected = XML_ROOTS.get(rel)
        if expected and xml.root != expected:
            message = catalog.MSG["guard_xml_root"].format(found=xml.root, expected=expected)
            diagnostics.append(_diag("error", "bad-xml-root", where, 1, message))
        for url, line in xml.urls:
            problem = _link_problem(ctx, resolve(ctx, url, "/"), url, cite=False)
            if problem:
                diagnostics.append(_diag("error", problem[0], where, line, problem[1]))
    return diagnostics


def check_claims(ctx: Context, site_dir: Path, claims: dict[str, list[str]]) -> list[Diagnostic]:
    """Two sources, one URL: two content files (the model's own error, seen again here), or a file from
    static/ that a generated page replaced (the build copies static files first, pages win)."""
    diagnostics = []
    for url, owners in sorted(claims.items()):
        for other in owners[1:]:
            message = catalog.MSG["url_conflict"].format(url=url, other=owners[0])
            diagnostics.append(_diag("error", "url-conflict", other, 1, message))
    static = site_dir / folders.STATIC
    for rel, path in static_files(site_dir).items():
        if not path.is_relative_to(static) or rel not in ctx.files:
            continue
        built = ctx.out / rel
        if built.stat().st_size != path.stat().st_size or built.read_bytes() != path.read_bytes():
            file = path.relative_to(site_dir).as_posix()
            message = catalog.MSG["guard_static_shadowed"].format(url="/" + rel)
            diagnostics.append(_diag("error", "static-shadowed", file, 0, message))
    return diagnostics


def source_claims(site_dir: Path, cfg: SiteConfig,
                  audience: str) -> tuple[dict[str, list[str]], dict[str, int]]:
    """URL -> the content files that claim it, in the given edition, from front-matter alone (as the model's
    first pass does); and each file's body line. Files with errors are `check`'s business and left out."""
    claims: dict[str, list[str]] = {}
    body_lines: dict[str, int] = {}
    for entry in load_site(site_dir, audience).shown:
        if getattr(entry.meta, "draft", False):
            continue
        claims.setdefault(assemble.entry_url(entry, cfg), []).append(entry.source)
        body_lines[entry.source] = entry.body_line
    return claims, body_lines


def output_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != write.MARKER}


def shown_folder(out: Path, site_dir: Path) -> str:
    try:
        return out.resolve().relative_to(site_dir.resolve()).as_posix() + "/"
    except ValueError:
        return out.resolve().as_posix() + "/"


def verify(out: Path, site_dir: Path, cfg: SiteConfig, audience: str,
           use_cache: bool = True, notices: list[str] | None = None) -> list[Diagnostic]:
    """Every guard on a built folder; diagnostics sorted by file and line. Page scans are kept in
    .sitegen-cache/ (by content digest), so verifying after an incremental build parses only new pages;
    when they cannot be kept, `notices` says so."""
    claims, body_lines = source_claims(site_dir, cfg, audience)
    parts = urlsplit(cfg.base_url)
    ctx = Context(out, output_files(out), cfg.base_path, parts.netloc, shown_folder(out, site_dir),
                  {url: owners[0] for url, owners in claims.items()}, body_lines)
    cache_name = f"{audience}-verify.pickle"
    known = load_kept(site_dir, cache_name) if use_cache else None
    diagnostics, scans = check_pages(ctx, audience, known if isinstance(known, dict) else None)
    if use_cache:
        try:
            keep(site_dir, cache_name, scans)
        except OSError as exc:
            (notices if notices is not None else []).append(
                catalog.MSG["cache_not_kept"].format(reason=describe(exc)))
    diagnostics += check_data_files(ctx) + check_claims(ctx, site_dir, claims)
    diagnostics += [refused_link(site_dir, rel, why) for rel, why in sources.refused_links(site_dir)]
    diagnostics += check_index(out, ctx.shown, {rel: (page.indexed, page.internal)
                                                for rel, page in ctx.pages.items()}, audience)
    return sorted(diagnostics, key=Diagnostic.sort_key)


def count_pages(files: Iterable[str]) -> int:
    return sum(1 for rel in files if rel.endswith(".html") and not rel.startswith(SKIP_DIRS))
