"""The print edition: `sitegen print EDITION` -> a PDF booklet, laid out by WeasyPrint from the site's
templates.

print.html makes the cover and the table of contents (page numbers by CSS `target-counter`) and renders each
document and article with document.html and article.html themselves: this module swaps "base.html" for a frame
that keeps only their main block, so there is no second template set to keep in step. Styles are style.css
(its @media print rules also serve a reader printing one page from a browser) plus the booklet rules of
print.css. The font is the theme's Noto Serif (SIL OFL): the latin and vietnamese subsets of
@fontsource/noto-serif 5.3.0, merged with fontTools into one file per style, because WeasyPrint names embedded
fonts by family and style, so two unicode-range files of one family overwrite each other's glyphs; then
subset to the Vietnamese repertoire (tools/subset_fonts.py), the same files the web pages load.
Nothing is fetched from the network: the site's own URLs map to the theme's and the site's static files.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import make_collator
from sitegen.build import load_site, split_edition
from sitegen.pipeline import assemble, editions
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.records import Item, Site
from sitegen.pipeline.render.env import THEME_STATIC, make_environment
from sitegen.pipeline.render.pages import Renderer
from sitegen.pipeline.render.view import Card, card

# stands in for base.html: an item's page without the site around it
_FRAME = "{% block main %}{% endblock %}"


class PrintUnavailable(Exception):
    """WeasyPrint or its system libraries (pango) cannot be loaded."""


@dataclass
class PrintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    out: Path | None = None
    name: str = ""  # "Số 03 năm 2020"
    pages: int = 0
    size: str = ""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@dataclass(frozen=True)
class PrintEntry:
    card: Card  # what the table of contents shows
    item: Item  # the document or article, in full


class UnknownEdition(LookupError):
    def __init__(self, wanted: str, known: list[str]) -> None:
        super().__init__(wanted)
        self.wanted, self.known = wanted, known


def find_edition(entries: list[Entry], wanted: str) -> Entry | None:
    """An edition by its slug ("2020-so-03"), URL ("/ban-tin/2020-so-03/") or file
    ("content/ban-tin/2020-so-03.md")."""
    key = wanted.strip().replace("\\", "/")
    for entry in entries:
        if entry.kind != folders.EDITIONS:
            continue
        if key.endswith(".md"):
            if (entry.source == key or key.endswith("/" + entry.source)
                    or f"{folders.CONTENT}/{key}" == entry.source):
                return entry
        elif key.strip("/").removeprefix(folders.EDITIONS + "/") == editions.edition_slug(entry):
            return entry
    return None




def default_pdf(site_dir: Path, slug: str) -> Path:
    """ban-in/ban-tin-2020-so-03.pdf in the site folder: not in the site root, where git would pick it up,
    nor in output/, which every build replaces whole."""
    return site_dir / folders.PRINTS / f"ban-tin-{slug}.pdf"


def print_edition(site_dir: Path, wanted: str, out: Path | None = None,
                  size: str | None = None) -> PrintResult:
    """Load and check the site, then lay the edition out as a PDF. Content problems come back as diagnostics;
    an unknown edition raises UnknownEdition, a missing WeasyPrint PrintUnavailable, a write failure
    OSError."""
    result = PrintResult()
    loaded = load_site(site_dir, "internal")  # every entry: the edition decides which of them it prints
    result.diagnostics += loaded.diagnostics
    cfg, entries = loaded.config, loaded.entries
    if cfg is None:
        return result
    chosen = find_edition(entries, wanted)
    if chosen is None:
        known = sorted(editions.edition_slug(e) for e in entries if e.kind == folders.EDITIONS)
        raise UnknownEdition(wanted, known)
    if getattr(chosen.meta, "draft", False):  # a proof of an issue still being prepared
        proof = Entry(chosen.kind, chosen.source, chosen.meta.model_copy(update={"draft": False}),
                      chosen.body,
                      chosen.body_line, chosen.digest, chosen.key_lines)
        entries = [proof if e is chosen else e for e in entries]
        chosen = proof
    # A public edition prints what the public site shows; an internal one prints everything.
    shown, hidden = split_edition(entries, cfg, cfg.audience_of(chosen.meta.audience))
    site, diagnostics = assemble.assemble(shown, cfg, make_collator(), hidden=hidden)
    result.diagnostics += diagnostics
    if result.errors:
        return result
    edition = next(e for e in site.editions if e.source == chosen.source)
    result.size = (size or cfg.print_size).upper()
    result.name = edition.title
    html = render_html(site, edition, make_environment(site_dir / folders.TEMPLATES, cfg), result.size)
    target = out if out is not None else default_pdf(site_dir, editions.edition_slug(chosen))
    result.pages, problems = write_pdf(html, target, cfg.origin + cfg.base_path, site_dir)
    result.diagnostics += [Diagnostic("warning", "print-resource", chosen.source, 0,
                                      catalog.MSG["print_resource"].format(detail=p)) for p in problems]
    result.out = target
    return result


def render_html(site: Site, edition: editions.Edition, env: jinja2.Environment, size: str) -> str:
    """The print edition's HTML. `env` is this print's own (make_environment): its base template and one
    filter are changed here."""
    renderer = Renderer(site, env)
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"base.html": _FRAME}), env.loader])
    # the page's own rendered (escaped) HTML, rearranged: no new text enters it
    env.filters["print_scope"] = lambda html, scope: Markup(  # noqa: S704
        scope_ids(footnotes_to_floats(str(html)), scope))
    entries = [PrintEntry(card(site.by_url[url]), site.by_url[url]) for url in edition.items]
    return env.get_template("print.html").render(
        **renderer.common, url=edition.url, title=edition.title, edition=edition, entries=entries,
        print_size=size,
    )


_ID = re.compile(r'\b(id|aria-labelledby|aria-describedby)="([^"]+)"')
_HREF = re.compile(r'\bhref="#([^"]+)"')


def scope_ids(html: str, scope: str) -> str:
    """Prefix ids and in-page links, so that the footnotes and headings of two items never collide."""
    html = _ID.sub(lambda m: f'{m[1]}="{scope}-{m[2]}"', html)
    return _HREF.sub(lambda m: f'href="#{scope}-{m[1]}"', html)


_NOTES = re.compile(r'<hr class="footnotes-sep"\s*/?>\s*<section class="footnotes">.*?</section>\s*',
                    re.DOTALL)
_NOTE = re.compile(r'<li id="(fn\d+)" class="footnote-item">(.*?)</li>', re.DOTALL)
_BACKREF = re.compile(r'\s*<a href="#fnref[^"]*" class="footnote-backref">.*?</a>', re.DOTALL)
_BLOCK = re.compile(r"<(ul|ol|table|blockquote|pre|h\d)\b")


def footnotes_to_floats(html: str) -> str:
    """The Markdown footnote list -> notes at the foot of the page where they are called (CSS float:
    footnote). A note holding lists or tables stays in the list at the end, as on the web page."""
    found = _NOTES.search(html)
    if found is None:
        return html
    notes = {}
    for note_id, body in _NOTE.findall(found[0]):
        body = _BACKREF.sub("", body).strip()
        if _BLOCK.search(body):
            return html
        body = re.sub(r"</p>\s*<p>", "<br>", body).removeprefix("<p>").removesuffix("</p>")
        notes[note_id] = body
    html = html[: found.start()] + html[found.end():]
    for note_id, body in notes.items():
        call = re.compile(rf'<sup class="footnote-ref"><a href="#{note_id}" id="fnref\d+">\[\d+\]</a></sup>')
        if (first := call.search(html)) is not None:
            html = f'{html[: first.start()]}<span class="print-footnote">{body}</span>{html[first.end():]}'
        html = re.sub(rf'<sup class="footnote-ref"><a href="#{note_id}" id="fnref[\d:]+">(\[\d+\])</a></sup>',
                      r"<sup>\1</sup>", html)  # a second call of the same note: its number only
    return html


def write_pdf(html: str, target: Path, root_url: str, site_dir: Path) -> tuple[int, list[str]]:
    """Lay out and write the PDF; return its page count and the resources that could not be loaded."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango or harfbuzz missing from the system
        raise PrintUnavailable(str(exc)) from None
    fetcher = _site_fetcher(weasyprint, root_url, site_dir)
    with _captured_log() as messages:
        document = weasyprint.HTML(string=html, base_url=root_url, url_fetcher=fetcher).render()
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target)
    problems = []
    for message in messages:  # "Failed to load image at 'https://…/images/a.jpg': FileNotFoundError: …"
        if message.startswith(("Failed to load", "Error fetching")):
            found = re.search(r"[a-z]+:[^\s'\"]+", message)
            url = found[0].rstrip(":") if found else message
            problems.append(unquote(urlsplit(url).path) if url.startswith(root_url) else url)
    return len(document.pages), problems


def _site_fetcher(weasyprint: Any, root_url: str, site_dir: Path) -> Any:
    """Serve the site's own URLs from disk: /assets/… from the site's static/assets/ or the theme, the rest
    from static/. Data URIs pass; anything else is refused (a print run never goes to the network)."""
    theme, static = THEME_STATIC.resolve(), (site_dir / folders.STATIC).resolve()

    def local(path: str) -> Path | None:
        candidates = [(static, static / path)]
        if path.startswith("assets/"):
            candidates.append((theme, theme / path.removeprefix("assets/")))
        for folder, file in candidates:
            file = file.resolve()
            if file.is_relative_to(folder) and file.is_file():
                return file
        return None

    class SiteFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]  # WeasyPrint: no type information
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(root_url):
                file = local(unquote(urlsplit(url).path)[len(urlsplit(root_url).path):])
                if file is None:
                    raise FileNotFoundError(url)
                mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                return weasyprint.urls.URLFetcherResponse(url, file.read_bytes(), {"Content-Type": mime})
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"{url}: not a file of this site")

    return SiteFetcher()


@contextmanager
def _captured_log() -> Iterator[list[str]]:
    """Collect what WeasyPrint and fontTools log (unsupported CSS, missing images) instead of printing it."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
        lg.setLevel(logging.WARNING)
    try:
        yield messages
    finally:
        for lg, (propagate, level) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.propagate = propagate
            lg.setLevel(level)
