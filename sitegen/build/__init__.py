"""Build: one readable sequence of named, timed stages.

config -> sources -> load -> parse -> assemble -> render -> search -> write. Any error stops the build before
write, so the previous output stays as it was. The search stage indexes the rendered pages in a staging
folder, and its bundle goes into write's pass with everything else (see pipeline/search/pagefind.py): the
output is updated in place, file by file, under a journal that the next build finishes if this one is killed
(pipeline/write.py). The render stage is in render.py; what every stage shares (the result, timing,
progress) in stages.py.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

import icu

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.oserrors import describe
from sitegen.build import spill
from sitegen.build.render import made_here, output_record, render_stage
from sitegen.build.stages import BuildResult as BuildResult  # the result of build(), for its callers
from sitegen.build.stages import Deferred as Deferred  # serve's outputs written after the reload
from sitegen.build.stages import Progress, Reusable, counted, in_place, pages_for, timed
from sitegen.pipeline import assemble, assets, frontmatter, parse, sources, write
from sitegen.pipeline import config as config_mod
from sitegen.pipeline.cache import BuildCache, Written, cache_lock, compiled_templates, load_cache, save_cache
from sitegen.pipeline.cache import digest as cache_digest
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.render.digests import templates_digest
from sitegen.pipeline.render.env import THEME_STATIC
from sitegen.pipeline.search import pagefind, stage


def static_files(site_dir: Path) -> dict[str, Path]:
    """Theme assets under assets/, then the site's static/ folder at the root (overriding on clashes)."""
    copies = {f"assets/{p.relative_to(THEME_STATIC).as_posix()}": p for p in THEME_STATIC.rglob("*")
              if p.is_file()}
    for rel in sources.static_files(site_dir):  # never through a link that sources.refused_links reports
        copies[rel.removeprefix(folders.STATIC + "/")] = site_dir / rel
    return dict(sorted(copies.items()))


AUDIENCES = ("public", "internal")


def default_output(site_dir: Path, audience: str) -> Path:
    """The two editions never share a folder: output/ for the public one, output-noi-bo/ for the internal."""
    return site_dir / folders.OUTPUT[audience]


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs: which edition, into which folder, what it checks and what it skips."""

    out: Path | None = None  # default_output(site_dir, audience) when None
    audience: str = "public"  # "public" or "internal" (AUDIENCES)
    strict: bool = False  # warnings fail the build
    check_only: bool = False  # load, assemble and render, write nothing (`sitegen check`)
    search: bool = False  # run the search stage (Pagefind)
    keep_search: bool = False  # serve: keep the last index; it is re-made in the background
    in_place: bool = False  # serve's: the output is updated file by file (every build does, once a record of
    # the output folder is in its cache; the first build into a folder writes it whole)
    use_disk_cache: bool = True  # read and write .sitegen-cache/ (when no cache is passed in)
    progress: Progress | None = None
    drafts: bool = False  # serve's preview: build drafts too, and list them in the result to be marked
    waiting: Callable[[str], None] | None = None  # told why, when another build holds the output or cache
    # serve: the site paths its watcher saw change since the last build (None: every source is looked at)
    changed: frozenset[str] | None = None
    trust_output: bool = False  # serve: the output folder is its own; what it wrote is not stat'ed again
    # serve: outputs no page reads (stages.DEFERRED) left out of date by the build, for write_deferred after
    # the reload; kept here between builds
    deferred: Deferred | None = None


def build(site_dir: Path, options: BuildOptions | None = None,
          cache: BuildCache | None = None) -> BuildResult:
    """Build the site. With a cache (kept by `serve`, or loaded from .sitegen-cache/), only changed sources
    are parsed again and only outputs whose inputs changed are rendered again: the result is the same
    bytes.

    A build that writes holds a lock on its output folder, then on its disk cache (always in that order):
    a second build on either waits, after telling `options.waiting` why."""
    with _collector_paused():
        return _build_locked(site_dir, options or BuildOptions(), cache)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the build, as it was before it after. A cold build makes
    millions of objects that live to its end (parsed bodies, the site model, records); each full collection
    walked them all again, and a forked render worker's first one wrote to every page it shares with this
    process (copy on write): at 10,000 documents the build took 21 % less CPU without it (bench/README.md)
    and the same peak memory. Forked workers inherit the pause; the cycles a build leaves (few: the same
    peak RSS) go at the first collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_locked(site_dir: Path, opts: BuildOptions, cache: BuildCache | None) -> BuildResult:
    if opts.check_only:
        return _build(site_dir, opts, cache, disk=False)
    target = (opts.out if opts.out is not None else default_output(site_dir, opts.audience)).absolute()

    def told(key: str, path: Path) -> Callable[[str], None]:
        def tell(pid: str) -> None:
            if opts.waiting is not None:
                opts.waiting(catalog.MSG[key].format(path=path, pid=pid or "?"))
        return tell

    write.check_output(target, opts.audience)  # before anything: this edition, and a folder it may replace
    write.check_replaceable(target)
    with write.output_lock(target, told("lock_wait_output", target)):
        touched = write.recover(target)  # a pass in place that a killed build left unfinished
        disk, notices = cache is None and opts.use_disk_cache, list[str]()
        with ExitStack() as stack:
            if disk:
                try:
                    stack.enter_context(cache_lock(site_dir, opts.audience,
                                                   told("lock_wait_cache", site_dir / folders.CACHE)))
                except OSError as exc:  # a read-only site folder: build without the disk cache, and say so
                    disk = False
                    notices.append(catalog.MSG["cache_not_saved"].format(reason=describe(exc)))
            result = _build(site_dir, opts, cache, disk, touched)
            result.notices[:0] = notices
            return result


def _build(site_dir: Path, opts: BuildOptions, cache: BuildCache | None, disk: bool,
           touched: set[str] | None = None) -> BuildResult:
    result = BuildResult()
    try:
        return _build_pages(result, site_dir, opts, cache, disk, touched)
    finally:  # the pages rendered, unless the write stage took them (a build that stopped before)
        if result.pages is not None:
            result.pages.discard()


def _build_pages(result: BuildResult, site_dir: Path, opts: BuildOptions, cache: BuildCache | None,
                 disk: bool, touched: set[str] | None = None) -> BuildResult:
    out, audience, strict, check_only = opts.out, opts.audience, opts.strict, opts.check_only
    search, progress = opts.search, opts.progress
    if cache is None:
        with timed(result, "cache_load"):
            cache = load_cache(site_dir, audience) if disk else BuildCache()
        _unreadable(result, cache)
    if touched:  # what the killed build renamed or deleted: made again, deleted unless built
        cache.distrust(touched)
    with timed(result, "config"):
        cfg, diags = config_mod.load_config(site_dir)
        result.diagnostics += diags
    if cfg is None:
        return result
    cache.refused = sources.refused_links(site_dir, cache.refused, opts.changed)
    result.diagnostics += [config_mod.refused_link(site_dir, rel, why) for rel, why in cache.refused]
    with timed(result, "sources"):
        srcs = sources.read_sources(site_dir, cache.sources, opts.changed)
        result.sources = len(srcs)
    target = (out if out is not None else default_output(site_dir, audience)).absolute()
    # Everything the pages are made from (sources, site.yaml, templates; sitegen's code and libraries are the
    # cache's version): when none of it changed and the output still holds the last build's pages, loading,
    # parsing, assembling and rendering would give the same bytes and warnings again (a warm build's case).
    config_key = cache_digest(cfg)
    templates_key = templates_digest(site_dir / folders.TEMPLATES)
    published = static_files(site_dir)  # what images may show (assets.check): a file added or gone is seen
    inputs = cache_digest((config_key, audience, opts.drafts, icu.ICU_VERSION, _sources_key(srcs),
                           templates_key, list(published)))
    configured = len(result.diagnostics)
    reusable = _trusted(cache, target) if opts.trust_output else cache.reusable
    skipped = not check_only and inputs == cache.inputs and _output_intact(cache, target, reusable)
    if skipped:
        result.diagnostics += cache.diagnostics
        reuse, result.outputs = set(cache.pages), sorted(cache.pages)
    else:
        with timed(result, "cache_load"):
            cache.loaded()
        _unreadable(result, cache)
        made = _pages(result, cfg, config_key, srcs, cache, site_dir, None if check_only else target, opts,
                      templates_key, reusable, published, compiled_templates(site_dir) if disk else None)
        if made is None:
            return _sorted(result)
        reuse = made
    if result.failed(strict) or check_only:
        return _sorted(result)
    pages_made = len(result.diagnostics)  # what the pages reported: a warm build reports it again
    copies = dict(published)
    if opts.keep_search and not search:
        # serve: keep the last index and re-index in the background, so pages never wait for Pagefind.
        copies |= pagefind.current_bundle(target) or {}
    try:
        if search:
            with timed(result, "search", progress):
                result.search = _search(target, result, cache, progress)
                copies |= result.search.files
            if result.failed(strict):
                return _sorted(result)
        with timed(result, "write", progress):
            stats = None
            if result.pages is None:  # nothing rendered anew
                result.pages = pages_for(cache, target, audience)
            # The output the record describes is updated in place, file by file; any other is written whole.
            if in_place(cache, target):
                stats = write.update_output(target, result.pages, copies, reuse,
                                            cache.written.keys() | cache.copied, audience)
                if stats is not None:  # the record follows what the pass wrote and deleted, in O(changes)
                    written = cache.written
                    for path in written.keys() - reuse:
                        del written[path]
            if stats is None:
                stats = write.write_output(target, result.pages, copies, reuse, audience)
                written = {}
            written.update({path: Written(cache.pages[path][1], *stats[path]) for path in stats})
            result.written = True
            result.notices += [catalog.MSG["output_leftover"].format(path=p) for p in write.leftovers(target)]
    finally:
        if result.search is not None and result.search.staging is not None:
            pagefind.remove_staging(result.search.staging)
    cache.output = str(target)
    cache.written = written
    cache.inputs, cache.diagnostics = inputs, result.diagnostics[configured:pages_made]
    cache.copied = {path for path in copies if path not in written}
    if result.search is not None:
        cache.shards = dict(result.search.shards)
    elif not opts.keep_search:
        cache.shards = {}  # the output holds no search bundle now
    if disk:
        try:
            with timed(result, "cache_save"):
                save_cache(site_dir, cache, audience)
        except OSError as exc:  # the output is written; the next build finishes the journal and redoes more
            result.notices.append(catalog.MSG["cache_not_saved"].format(reason=describe(exc)))
            return _sorted(result)
    write.finish(target)  # the journal of the pass in place goes once the cache records its outcome
    return _sorted(result)


def write_deferred(out: Path, cache: BuildCache, deferred: Deferred, audience: str = "public") -> list[str]:
    """serve, after the live-reload event: the outputs its builds left out of date (BuildOptions.deferred),
    made from the last build's site and written in place as a build writes them; their records follow.
    The caller holds serve's build lock (no build runs meanwhile); the paths written."""
    from sitegen.pipeline.render.pages import Renderer

    renderer, outputs = deferred.renderer, dict(deferred.outputs)
    if not outputs or cache.outputs is None or cache.output != str(out.absolute()):
        return []
    assert isinstance(renderer, Renderer)
    target = out.absolute()
    with write.output_lock(target):
        touched = write.recover(target)
        if touched:
            cache.distrust(touched)
        pages = write.Pages(target, audience, flat=True)  # for update_output
        try:
            made = {}
            for path, one in made_here(renderer, outputs, cache.outputs.templates, deferred.paths):
                assert one.page is not None
                made[path] = output_record(one)
                pages.put(path, one.page.data)
            previous = cache.written.keys() | cache.copied
            stats = write.update_output(target, pages, {}, previous - made.keys(), previous, audience)
            if stats is None:
                return []
        finally:
            pages.discard()
        for path, record in made.items():
            cache.outputs.keep(path, record)
            cache.pages[path] = (record.key, record.sha)
            cache.written[path] = Written(record.sha, *stats[path])
        deferred.renderer, deferred.outputs, deferred.paths = None, {}, []
        write.finish(target)
    return sorted(made)


def _unreadable(result: BuildResult, cache: BuildCache) -> None:
    """A disk cache that could not be read is never taken silently for an empty one: the build says so."""
    if cache.unreadable:
        result.notices.append(catalog.MSG["cache_unreadable"].format(reason=cache.unreadable))
        cache.unreadable = ""


def load_entries(site_dir: Path, srcs: list[sources.Source], cfg: SiteConfig, cache: BuildCache | None = None,
                 progress: Progress | None = None) -> tuple[list[Entry], list[Diagnostic]]:
    """The load stage: each source -> one validated Entry, or diagnostics; `cache` keeps them by content."""
    cache = cache if cache is not None else BuildCache()
    entries, keys, diagnostics = [], set(), []
    read: list[int] = []  # the places in `srcs` of the sources that hold a text (read by this build)
    context = {"types": cfg.types}
    for index, src in enumerate(srcs, 1):
        if src.text is not None:
            read.append(index - 1)
        key = (src.path, src.digest)
        if key not in cache.entries:  # a record from the disk cache has no text: read it
            src = sources.full(site_dir, src)
            key = (src.path, src.digest)
            cache.entries.setdefault(key, frontmatter.load_entry(src, context))
        keys.add(key)
        entry, diags = cache.entries[key]
        diagnostics += diags
        if entry is not None:
            entries.append(entry)
        if progress:
            progress("load", index, len(srcs))
    cache.prune(keys, entries)
    # Each text is in its entry now (the body) or in its diagnostics: the records keep path, digest and stat,
    # as in the disk cache. Held to the end of the build they were 240 MB at 10,000 documents (2 bytes a
    # character); a source whose entry is gone is read again (sources.full).
    # Only those read by this build hold a text (cache.sources keeps the same objects): the records of the
    # others are left alone, not looked at again on each edit (noted in the loop above: no second and third
    # pass over the 10,000 records). The list and cache.sources then share one record without the text.
    for place in read:
        src = srcs[place]
        bare = srcs[place] = replace(src, text=None)
        kept = cache.sources.get(src.path)
        if kept is not None and kept[2] is src:
            cache.sources[src.path] = (kept[0], kept[1], bare)
    return entries, diagnostics


def split_edition(entries: list[Entry], cfg: SiteConfig, audience: str) -> tuple[list[Entry], list[Entry]]:
    """The entries of the `audience` edition, and those it leaves out. The public edition leaves internal
    material out before anything is built from it; what cites it is told only that it exists (so the citation
    stays plain text), never what it says. The internal edition holds everything."""
    if audience == "internal":
        return list(entries), []
    shown: list[Entry] = []
    hidden: list[Entry] = []
    public: dict[str | None, bool] = {}  # declared audience -> in the public edition? (a few, asked once)
    for e in entries:
        declared = e.meta.audience
        verdict = public.get(declared)
        if verdict is None:
            verdict = public[declared] = cfg.audience_of(declared) == "public"
        (shown if verdict else hidden).append(e)
    return shown, hidden


@dataclass
class LoadedSite:
    config: SiteConfig | None
    entries: list[Entry]  # every entry that loaded, of both editions
    shown: list[Entry]  # those of the edition asked for
    hidden: list[Entry]  # those it leaves out
    diagnostics: list[Diagnostic]


def load_site(site_dir: Path, audience: str) -> LoadedSite:
    """config -> sources -> load -> the edition's entries: where print and verify start. A build runs the
    same functions as stages, with its cache, and stops before load when nothing changed."""
    cfg, diagnostics = config_mod.load_config(site_dir)
    if cfg is None:
        return LoadedSite(None, [], [], [], diagnostics)
    entries, loaded = load_entries(site_dir, sources.read_sources(site_dir), cfg)
    return LoadedSite(cfg, entries, *split_edition(entries, cfg, audience), diagnostics + loaded)


def _pages(result: BuildResult, cfg: SiteConfig, config_key: str, srcs: list[sources.Source],
           cache: BuildCache, site_dir: Path, target: Path | None, opts: BuildOptions,
           templates_key: str, reusable: Reusable, published: dict[str, Path],
           compiled: Path | None = None) -> set[str] | None:
    """load -> parse -> assemble -> render, each reusing the cache; the paths whose output file can be kept,
    or None when the build failed. `published`: the static files (static_files), what images may show."""
    cache.reset_for_config(config_key)
    with timed(result, "load", opts.progress):
        entries, diagnostics = load_entries(site_dir, srcs, cfg, cache, opts.progress)
        result.diagnostics += diagnostics
    shown, hidden = split_edition(entries, cfg, opts.audience)
    with timed(result, "parse", opts.progress):
        named = parse.alias_table(shown, cfg)  # named forms: parses depend on them (assemble reports them)
        cache.memo.use_aliases(named[0])
        try:
            cache.memo.parse_many(shown, workers=os.cpu_count() or 1,
                                  progress=counted(opts.progress, "parse"),
                                  read=lambda entry: _body_again(site_dir, entry),
                                  spill=lambda made: spill.parses(result, site_dir, cache, made))
        except frontmatter.ChangedWhileBuilding as exc:
            message = catalog.MSG["changed_while_building"]
            result.diagnostics.append(Diagnostic("error", "changed-while-building", exc.source, 1, message))
            return None
        parsed = cache.memo.parsed
        for entry in shown:  # parsed and kept by digest: the Markdown goes (read again if ever needed)
            if entry.body is not None and entry.digest in parsed:  # those read by this build
                entry.drop_body()
        spill.parses(result, site_dir, cache)  # their HTML out of the heap: assemble reads each once
    with timed(result, "assemble", opts.progress):
        derived = cache.derived
        site, diags = assemble.assemble(shown, cfg, derived.collator, cache.memo, hidden=hidden,
                                        drafts=opts.drafts, derived=derived, named=named)
        result.diagnostics += diags
        if opts.drafts:
            result.drafts = {assemble.urls(cfg, derived)(e): e.source for e in shown
                             if getattr(e.meta, "draft", False)}
        parsed = cache.memo.parsed
        url_of = assemble.urls(cfg, derived)
        result.diagnostics += assets.check(
            shown, lambda e: parsed[e.digest].images if e.digest in parsed else (), url_of, cfg,
            published, opts.drafts, cache.checked, cache.memo.aliases)
    if result.failed(opts.strict):
        return None
    return render_stage(result, site, site_dir, cache, target, templates_key, opts.audience, reusable,
                        opts.progress, compiled, opts.deferred)


def _body_again(site_dir: Path, entry: Entry) -> str:
    """The body of an entry that let it go (Entry.drop_body), read again from its file."""
    src = sources.read_source(site_dir, entry.source)
    return frontmatter.body_of(src.text, entry, src.digest)


def _sources_key(srcs: list[sources.Source]) -> str:
    """A digest of the sources by path and content, for the build's inputs: one string hashed, where the
    `repr` of 10,000 (path, digest) pairs took ~8 ms of each edit at 10,000 documents (a path holds no NUL,
    a digest is hex: the joined string names the pairs unambiguously)."""
    joined = "\0".join(chain.from_iterable((s.path, s.digest) for s in srcs))
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def _trusted(cache: BuildCache, target: Path) -> Reusable:
    """cache.reusable for serve, whose output folder is its own: what it wrote is there, without a stat.
    Asked for every output of each edit (13,268 at 10,000 documents), about `target` mostly: its path is
    made a string once."""
    named = str(target)

    def reusable(out: Path, path: str, sha: str) -> bool:
        known = cache.written.get(path)
        kept = known is not None and known.sha == sha
        return kept and cache.output == (named if out is target else str(out))
    return reusable


def _output_intact(cache: BuildCache, target: Path, reusable: Reusable) -> bool:
    """Does `target` still hold every page the last build wrote there, unchanged (by stat)?"""
    return bool(cache.pages) and all(reusable(target, path, sha) for path, (_, sha) in cache.pages.items())


def _search(target: Path, result: BuildResult, cache: BuildCache,
            progress: Progress | None) -> stage.SearchIndex:
    """The search stage; staging folders left by killed builds go first. Shards of the current bundle are
    kept only if the output is the one the cache describes."""
    pagefind.remove_stale_staging(target)
    previous = cache.shards if cache.output == str(target) else {}
    index = stage.index_site(target, {p: cache.views.get(p) for p in result.outputs}, result.files, previous,
                             progress)
    result.diagnostics += index.diagnostics
    return index


def _sorted(result: BuildResult) -> BuildResult:
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
