"""Parse: one configured markdown-it-py parser, and every body parsed once. Raw HTML is off: content is text.

A body is parsed and rendered ONCE into HTML with placeholders where links depend on the rest of the site
(citations, links to other content files); `fill` puts the final links in by substitution. So the cache
keeps strings, not token trees, and an edit elsewhere never re-renders this body's Markdown. The `Memo` keeps
parses by content hash (worker processes when many) for the alias table every parse depends on.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from sitegen.base import children, folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.lazytext import LazyText, peek
from sitegen.base.vi import slugify
from sitegen.cite.aliases import AliasTable, build_table
from sitegen.cite.context import RawCitation, collect_raw
from sitegen.cite.nobreak import nobreak_plugin
from sitegen.cite.plugin import ENV_KEY, LINE_KEY, citations_plugin
from sitegen.pipeline import schema
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.frontmatter import Entry

FILE_LINKS_KEY = "sitegen_file_links"  # env at render time: {href as written: URL}


def make_parser(aliases: AliasTable | None = None) -> MarkdownIt:
    """`aliases`: named forms of documents the citation plugin marks (site.yaml and front-matter
    `aliases`)."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(comments_plugin)
    _guard_nesting(md)
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify, permalink=False)
    md.use(citations_plugin, aliases=aliases)
    md.use(nobreak_plugin)
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    plugin_open, plugin_close = renderer.rules["cite_open"], renderer.rules["cite_close"]

    # Rendering without the site (tests, tools): the plugin's own links; with it, placeholders.
    def cite_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                  env: MutableMapping[str, Any]) -> str:
        if _PLACEHOLDERS not in env:
            return str(plugin_open(tokens, idx, options, env))
        return f"{_CITE_OPEN}{env[_PLACEHOLDERS][0][id(tokens[idx].meta['citation'])]}{_CITE_MID}"

    def cite_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: MutableMapping[str, Any]) -> str:
        return str(plugin_close(tokens, idx, options, env)) if _PLACEHOLDERS not in env else _CITE_CLOSE

    md.add_render_rule("cite_open", cite_open)
    md.add_render_rule("cite_close", cite_close)
    md.add_render_rule("link_open", _render_link_open)
    return md


# Placeholders: control characters never survive into text (sources.decode removes them).
_CITE_OPEN, _CITE_MID, _CITE_CLOSE, _FILE_OPEN, _FILE_CLOSE = "\x00", "\x01", "\x02", "\x03", "\x04"
_CITE_RE = re.compile("\x00(\\d+)\x01(.*?)\x02", re.S)
_FILE_RE = re.compile("\x03(\\d+)\x04")


@dataclass(frozen=True)
class Parsed(LazyText):  # its text read when first asked (base/lazytext.py)
    """One body, parsed and rendered once: HTML with link placeholders, and what those links are."""

    html: str
    citations: tuple[RawCitation, ...]
    file_links: tuple[tuple[str, int], ...]  # (href as written, 0-based body line), placeholder order
    failure: tuple[int, str] | None = None  # (0-based body line, what failed): a bug, reported as an error
    lost_line: int | None = None  # 0-based body line from which text nested too deep was left out
    images: tuple[tuple[str, int], ...] = ()  # (src as written, 0-based body line) of every image


def parse_body(md: MarkdownIt, text: str) -> Parsed:
    env: dict[str, Any] = {}
    try:
        tokens = md.parse(text, env)
    except Exception as exc:  # noqa: BLE001 -- a bug in a plugin (the citation detector): an error naming the
        # file and line (assemble reports it and the build fails), never a traceback, never text left unlinked
        return Parsed("", (), (), (env.get(LINE_KEY) or 0, f"{type(exc).__name__}: {exc}"))
    links = tuple(file_links(tokens))
    index = {id(c): i for i, c in enumerate(env.get(ENV_KEY, ()))}
    env[_PLACEHOLDERS] = (index, {href: n for n, (href, _) in enumerate(links)})
    html = md.renderer.render(tokens, md.options, env)
    return Parsed(html, tuple(collect_raw(tokens)), links, lost_line=env.get(_LOST),
                  images=tuple(_images(tokens)))


MAX_NESTING = 100  # markdown-it's levels (each list level takes two): ~48 levels of lists or quotes; the
# commonmark preset's 20 cut a 12-level list at its 10th level. Deeper, markdown-it leaves the rest out
# (Python's recursion must stay bounded): the first line it leaves out is recorded for a warning.
_LOST = "sitegen_lost_line"


def _guard_nesting(md: MarkdownIt) -> None:
    md.options["maxNesting"] = MAX_NESTING
    tokenize = md.block.tokenize

    def guarded(state: StateBlock, start: int, end: int) -> None:
        if state.level >= MAX_NESTING and _LOST not in state.env:
            line = state.skipEmptyLines(start)  # what markdown-it's tokenize is about to drop
            if line < end and state.sCount[line] >= state.blkIndent:
                state.env[_LOST] = line
        tokenize(state, start, end)

    setattr(md.block, "tokenize", guarded)  # noqa: B010 - this parser's own instance, not the class


# --- HTML comments: editors' notes, never published ------------------------------------------------
# Raw HTML is off (it is shown as text), so markdown-it would print a comment. A comment on lines of its
# own (a block) or inside a paragraph is dropped; one that is never closed stays as text.

_CLOSE = "sitegen_comment_close"


def _closing(env: MutableMapping[str, Any], src: str, start: int) -> int:
    """Position of the first "-->" at or after `start` in `src`, or -1. Searches are remembered, so many
    openers before one closer (or none) cost one pass, not one pass each."""
    known = env.get(_CLOSE)
    if known is not None and known[0] is src and known[1] <= start and (known[2] == -1 or start <= known[2]):
        return int(known[2])
    found = src.find("-->", start)
    env[_CLOSE] = (src, start, found)
    return found


def _comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    pos = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("<!--", pos):
        return False
    close = _closing(state.env, state.src, pos + 4)
    if close == -1:
        return False
    line = bisect_left(state.eMarks, close + 3, start, end)  # the line the comment ends on
    if line >= end or state.src[close + 3:state.eMarks[line]].strip():
        return False  # text after the comment on its last line: a paragraph, the inline rule drops it
    if not silent:
        state.line = line + 1
    return True


def _comment_inline(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("<!--", state.pos):
        return False
    close = _closing(state.env, state.src, state.pos + 4)
    if close == -1 or close + 3 > state.posMax:
        return False
    state.pos = close + 3
    return True


def comments_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "sitegen_comment", _comment_block,
                          {"alt": ["reference", "blockquote", "list"]})  # in a paragraph: inline
    md.inline.ruler.before("text", "sitegen_comment", _comment_inline)


def fill(parsed: Parsed, citation_links: list[tuple[str, str | None] | None],
         file_urls: dict[str, str]) -> str:
    """Final HTML: each citation becomes a link (href, title) or stays text; file links get their URLs."""
    def cite(m: re.Match[str]) -> str:
        target = citation_links[int(m.group(1))]
        if target is None:
            return m.group(2)
        href, title = target
        return f'<a class="cite" href="{escape(href)}" title="{escape(title)}">{m.group(2)}</a>'

    def file(m: re.Match[str]) -> str:
        href = parsed.file_links[int(m.group(1))][0]
        url = file_urls.get(href)
        if url is None:
            return str(escape(href))
        fragment = urlsplit(href).fragment
        return str(escape(url + (f"#{fragment}" if fragment else "")))

    html = peek(parsed, "html")  # a parse spilled after the parse stage stays spilled (build/spill.parses)
    html = _CITE_RE.sub(cite, html) if parsed.citations else html
    return _FILE_RE.sub(file, html) if parsed.file_links else html


_PLACEHOLDERS = "sitegen_placeholders"


def parse(md: MarkdownIt, text: str) -> tuple[list[Token], dict[str, Any]]:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    return tokens, env


def file_link_path(href: str) -> str | None:
    """The file a relative link names ("../a.md#muc" -> "../a.md"), or None for URLs and anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    return path if path.endswith(".md") else None


def _images(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    return [(str(child.attrGet("src") or ""), tok.map[0] if tok.map else 0)
            for tok in tokens if tok.type == "inline" and tok.children
            for child in tok.children if child.type == "image"]


def file_links(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    """(href, 0-based body line) of every link to a Markdown file."""
    found = []
    for tok in tokens:
        if tok.type != "inline" or not tok.children:
            continue
        for child in tok.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if file_link_path(href) is not None:
                    found.append((href, tok.map[0] if tok.map else 0))
    return found


def resolve_file_link(source: str, href: str) -> str | None:
    """Site-relative path of the file `href` names from `source` ("content/van-ban/a.md"); None if outside."""
    path = file_link_path(href)
    assert path is not None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return target if target.startswith(folders.CONTENT + "/") else None


def _render_link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: MutableMapping[str, Any]) -> str:
    tok = tokens[idx]
    href = str(tok.attrGet("href") or "")
    if _PLACEHOLDERS in env and href in env[_PLACEHOLDERS][1]:
        tok = tok.copy()
        tok.attrs = dict(tok.attrs)
        tok.attrSet("href", f"{_FILE_OPEN}{env[_PLACEHOLDERS][1][href]}{_FILE_CLOSE}")
        return self.renderToken([tok], 0, options, env)
    mapping = env.get(FILE_LINKS_KEY)
    if mapping and href in mapping:
        tok = tok.copy()  # tokens are cached across builds: never mutate them
        tok.attrs = dict(tok.attrs)
        fragment = urlsplit(href).fragment
        tok.attrSet("href", mapping[href] + (f"#{fragment}" if fragment else ""))
        return self.renderToken([tok], 0, options, env)
    return self.renderToken(tokens, idx, options, env)


PARALLEL_MIN = 64  # below this, starting worker processes costs more than it saves
SPILL_EVERY = 1000  # parses given to parse_many's `spill` at a time
_WORKER_PARSER: list[Any] = []  # [(alias table, parser)]


def _parse_in_worker(body: bytes, aliases: AliasTable) -> Parsed:
    if not _WORKER_PARSER or _WORKER_PARSER[0][0] != aliases:
        _WORKER_PARSER[:] = [(aliases, make_parser(aliases))]
    return parse_body(_WORKER_PARSER[0][1], body.decode("utf-8", "surrogatepass"))


@dataclass
class Memo:
    """Parsed bodies keyed by content hash; the caller keeps it across builds (serve: in memory)."""

    parsed: dict[str, Parsed] = field(default_factory=dict)
    aliases: AliasTable = field(default_factory=AliasTable)  # what every parse in `parsed` was made with

    def use_aliases(self, table: AliasTable) -> None:
        """A parse depends on the alias table (named forms become citations): a new table forgets them all."""
        if table != self.aliases:
            self.parsed.clear()
            self.aliases = table

    def parse(self, md: Any, entry: Entry) -> Parsed:
        if entry.digest not in self.parsed:
            if entry.body is None:  # dropped only once kept here, under the same table of named forms
                raise RuntimeError(f"{entry.source}: body dropped before it was parsed")
            self.parsed[entry.digest] = parse_body(md, entry.body)
        return self.parsed[entry.digest]

    def parse_many(self, entries: Iterable[Entry], workers: int,
                   progress: Callable[[int, int], None] | None = None,
                   read: Callable[[Entry], str] | None = None,
                   spill: Callable[[list[Parsed]], None] | None = None) -> None:
        """Parse every body not yet known, across `workers` processes when there are many; `progress` is
        told (done, total) as bodies come back. `read`: the body of an entry that let it go
        (Entry.drop_body), from its file. `spill`: given the parses made, `SPILL_EVERY` at a time as they
        come (build/spill.py writes their HTML out of the heap)."""
        todo: dict[str, str] = {}
        for e in entries:
            if e.digest in self.parsed:
                continue
            body = e.body
            if body is None:
                if read is None:
                    raise RuntimeError(f"{e.source}: body dropped, and no way to read it again")
                body = read(e)
            todo[e.digest] = body
        if workers > 1 and len(todo) >= PARALLEL_MIN:
            with ProcessPoolExecutor(workers, initializer=children.die_with_parent,
                                     initargs=(children.forked_parent(),)) as pool:
                # Bodies go as UTF-8 bytes: pickling a str attaches its UTF-8 form to it for good (CPython
                # caches it), 1.5 bytes a character of Vietnamese beside the 2 the text takes.
                texts = (body.encode("utf-8", "surrogatepass") for body in todo.values())
                parsed = pool.map(_parse_in_worker, texts, repeat(self.aliases),
                                  chunksize=max(1, len(todo) // (workers * 8)))
                self._keep(zip(todo, parsed, strict=True), len(todo), progress, spill)
        else:
            md = make_parser(self.aliases)
            self._keep(((digest, parse_body(md, body)) for digest, body in todo.items()), len(todo), progress,
                       spill)

    def _keep(self, parsed: Iterable[tuple[str, Parsed]], total: int,
              progress: Callable[[int, int], None] | None,
              spill: Callable[[list[Parsed]], None] | None) -> None:
        made: list[Parsed] = []
        for done, (digest, body) in enumerate(parsed, 1):
            self.parsed[digest] = body
            if spill is not None:
                made.append(body)
                if len(made) == SPILL_EVERY:
                    spill(made)
                    made = []
            if progress is not None:
                progress(done, total)

    def prune(self, entries: Iterable[Entry]) -> None:
        """Forget what no current source needs (deleted or edited files)."""
        live = {e.digest for e in entries}
        for digest in self.parsed.keys() - live:  # in place: the few an edit left, not a copy of every parse
            del self.parsed[digest]


Named = tuple[AliasTable, list[Diagnostic]]  # alias_table's: the table and what it dropped


def alias_table(entries: Iterable[Entry], config: SiteConfig) -> Named:
    """Named forms of documents: site.yaml `aliases`, then each document's front-matter `aliases`."""
    named = sorted(((e.source, e.meta) for e in entries if isinstance(e.meta, schema.DocumentMeta)
                    and e.meta.aliases and not e.meta.draft), key=lambda pair: pair[0])  # the few named
    docs = [(source, meta.aliases, meta.number, (meta.date.year, meta.date.month, meta.date.day), meta.type)
            for source, meta in named]
    table, dropped = build_table(config.aliases, docs)
    return table, [Diagnostic("warning", "alias-conflict", source, 1, message) for source, message in dropped]
