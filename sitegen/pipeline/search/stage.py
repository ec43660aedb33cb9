"""The search stage: a Pagefind bundle per shard (shards.py), made again only for shards whose pages changed.

For each shard, a key digests what its bundle is made from (its pages' paths and what Pagefind reads of them);
a shard whose key is the one recorded for the bundle in the current output keeps that bundle (its files are
linked into the new output, like unchanged pages). The others are indexed in a staging folder beside the
output, each by its own Pagefind run (memory bounded by the shard's size; AT_ONCE runs at a time), and go into
write's atomic swap with everything else: a killed or failed build never leaves pages without their index, or
an index of other pages.

`pagefind/shards.json` lists the shards' folders for the search page, which merges them in the browser.
With more than one shard, each holds `dates.json` (fragment -> date key): a search sorted by date sorts the
merged results with it, since Pagefind sorts each bundle on its own.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.files import link_or_copy
from sitegen.pipeline.search import pagefind, shards
from sitegen.pipeline.search.shards import PageView, Shard

Progress = Callable[[str, int, int], None]
MANIFEST = "shards.json"
DATES = "dates.json"
# Pagefind runs at a time (at most one a core). One run keeps about one core busy (its indexing is mostly one
# thread: 0.98 cores over four shards of ~620 pages), and a shard's staging and dates.json are this process's
# work: two at a time fill the two cores of the machine measured (bench/README.md, session 15 `cold`). Each
# run holds its own shard's pages (~0.4 GB at 1,000).
AT_ONCE = 2


@dataclass
class SearchIndex:
    files: dict[str, Path] = field(default_factory=dict)  # output path -> bundle file, for write's copies
    shards: dict[str, Shard] = field(default_factory=dict)  # the bundles now published, for the next build
    pages: int = 0  # pages indexed this time
    kept: bool = False  # no shard changed: the whole bundle is the current one
    staging: Path | None = None  # to remove once written
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def settings() -> str:
    """What every bundle depends on besides its pages: Pagefind's version and how it is run."""
    return "|".join([str(pagefind.pagefind_version()), pagefind.LANGUAGE, ",".join(pagefind.EXCLUDE),
                     str(shards.SHARD_PAGES)])


def _stage(staging: Path, out: Path, members: list[str], files: Mapping[str, Path]) -> None:
    """The shard's pages in `staging`, hard-linked: from the files of the pages rendered anew (`files`),
    else from the output."""
    link_files({rel: files[rel] for rel in members if rel in files}, staging)
    link_pages(out, staging, [rel for rel in members if rel not in files])


def link_pages(source: Path, target: Path, paths: list[str]) -> None:
    """Hard-link `paths` (relative) from `source` into `target` (copied where links are not possible)."""
    link_files({rel: source / rel for rel in paths}, target)


def link_files(files: Mapping[str, Path], target: Path, prefix: str = "") -> None:
    """A folder of links: output path (under `prefix`) -> the file it is a link to (an empty folder for no
    files: a bundle whose every shard failed)."""
    target.mkdir(parents=True, exist_ok=True)
    for rel, path in files.items():
        dest = target / rel.removeprefix(prefix)
        dest.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(path, dest)


def _write_dates(bundle: Path, views: Mapping[str, PageView]) -> None:
    """fragment name -> date key of its page, for sorting merged results by date in the browser."""
    by_url = {pagefind.page_url(path): view.date for path, view in views.items()}
    dates = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        url = pagefind.fragment_url(fragment.read_bytes())
        dates[fragment.name.removesuffix(".pf_fragment")] = by_url.get(url, "")
    (bundle / DATES).write_text(json.dumps(dates, separators=(",", ":"), sort_keys=True), encoding="utf-8")


@dataclass
class Plan:
    """Which shards keep their bundle and which are made again."""

    pages: dict[str, PageView]  # every indexed page
    several: bool  # more than one shard: each gets dates.json
    kept: dict[str, Shard] = field(default_factory=dict)
    todo: list[tuple[str, list[str], str]] = field(default_factory=list)  # (shard, its pages, key)


def plan(out: Path, views: Mapping[str, PageView | None], previous: Mapping[str, Shard]) -> Plan:
    """`views`: every output path -> what Pagefind reads of it (None: nothing); `previous`: the shards of the
    bundle in `out`."""
    pages = {path: view for path, view in views.items() if view is not None}
    groups: dict[str, list[str]] = {}
    for path, shard in shards.assign(pages).items():
        groups.setdefault(shard, []).append(path)
    result = Plan(pages, len(groups) > 1)
    common = f"{settings()}|{result.several}"
    for shard, members in sorted(groups.items()):
        key = shards.key(shard, {p: pages[p].digest for p in members}, common)
        last = previous.get(shard)
        if last is not None and last.key == key and _present(out, last.files):
            result.kept[shard] = last
        else:
            result.todo.append((shard, sorted(members), key))
    return result


def _present(out: Path, files: Iterable[str]) -> bool:
    """Is each of `files` (output paths) a file in `out`? One listing a folder, not a stat a file: a kept
    shard's ~640 files, 15 shards after an edit at 10,000 pages."""
    folders: dict[str, set[str]] = {}
    for rel in files:
        parent, _, name = rel.rpartition("/")
        folders.setdefault(parent, set()).add(name)
    for parent, names in folders.items():
        try:
            with os.scandir(out / parent) as entries:
                found = {entry.name for entry in entries if entry.name in names and entry.is_file()}
        except OSError:
            return False
        if len(found) != len(names):
            return False
    return True


def index_site(out: Path, views: Mapping[str, PageView | None], files: Mapping[str, Path],
               previous: Mapping[str, Shard], progress: Progress | None = None) -> SearchIndex:
    """The bundle for a site whose pages are `views`; `files` are the pages rendered anew (their files; the
    others are in `out`); `previous` the shards of the bundle in `out`."""
    if pagefind.pagefind_version() is None:
        return SearchIndex(diagnostics=[pagefind.warning(catalog.MSG["search_not_installed"])])
    return make(out, plan(out, views, previous), previous, files, out, progress)


def _index_shard(work: Path, shard: str, members: list[str], todo: Plan, files: Mapping[str, Path],
                 source: Path) -> tuple[int, float, float]:
    """One shard's bundle in `work`: its pages staged, Pagefind run over them, its dates.json; (pages
    indexed, seconds staging, seconds in Pagefind). Runs in a pool thread (`make`)."""
    site, bundle = work / f"site-{shard}", work / f"bundle-{shard}"
    start = time.perf_counter()
    _stage(site, source, members, files)
    staged = time.perf_counter()
    pages = pagefind.run_pagefind(site, bundle)
    if todo.several:
        _write_dates(bundle, {p: todo.pages[p] for p in members})
    return pages, staged - start, time.perf_counter() - staged


def make(out: Path, todo: Plan, previous: Mapping[str, Shard], files: Mapping[str, Path], source: Path,
         progress: Progress | None = None, staging: Path | None = None) -> SearchIndex:
    """Index the planned shards (pages from `files`, else from `source`), keep the others' bundles from
    `out`. `staging`: a work folder of the caller's (serve's), else one is made beside `out`.

    `AT_ONCE` shards are indexed at a time, each in a pool thread that stages its pages and waits on its
    Pagefind run; their outcomes are taken in the plan's order, so the bundle and the diagnostics do not
    depend on which run ends first."""
    result = SearchIndex(staging=staging, kept=not todo.todo)
    try:
        for shard, last in todo.kept.items():
            result.files |= {rel: out / rel for rel in last.files}
            result.shards[shard] = last
        if todo.todo:
            work = _staging(out, result)
            with ThreadPoolExecutor(max(1, min(AT_ONCE, os.cpu_count() or 1, len(todo.todo)))) as pool:
                runs = [pool.submit(_index_shard, work, shard, members, todo, files, source)
                        for shard, members, _ in todo.todo]
                try:
                    for done, ((shard, members, key), run) in enumerate(zip(todo.todo, runs, strict=True)):
                        if progress:
                            progress("search", done, len(todo.todo))
                        _outcome(out, work, result, previous, todo, (shard, members, key), run)
                except BaseException:
                    for run in runs:
                        run.cancel()  # those not started; a started run ends with its Pagefind
                    raise
    except BaseException:  # a bug of ours propagates: its staging folder goes with it
        if result.staging is not None and result.staging != staging:
            pagefind.remove_staging(result.staging)
        raise
    if progress and todo.todo:
        progress("search", len(todo.todo), len(todo.todo))
    if result.shards:
        result.files |= _manifest(out, result, [shards.folder(s) for s in sorted(result.shards)])
    return result


def _outcome(out: Path, work: Path, result: SearchIndex, previous: Mapping[str, Shard], todo: Plan,
             planned: tuple[str, list[str], str], run: Future[tuple[int, float, float]]) -> None:
    """A shard's run (`_index_shard` in `work`) taken into `result`: its bundle's files, or, when Pagefind
    failed, what `_failed` says."""
    shard, members, key = planned
    try:
        pages, staged, indexed = run.result()
    except pagefind.FAILURES as exc:  # a warning; a bug of ours propagates
        _failed(out, result, previous.get(shard), shard, set(todo.pages), exc)
        return
    result.pages += pages
    result.timings["stage"] = result.timings.get("stage", 0.0) + staged
    result.timings["pagefind"] = result.timings.get("pagefind", 0.0) + indexed
    published = pagefind.bundle_files(work / f"bundle-{shard}", f"{pagefind.BUNDLE}/{shards.folder(shard)}")
    result.files |= published
    result.shards[shard] = Shard(key, tuple(sorted(published)), tuple(members))


def _staging(out: Path, result: SearchIndex) -> Path:
    """The build's staging folder beside `out`, made on first use (marked as sitegen's)."""
    if result.staging is None:
        result.staging = out.parent / f".{out.name}{pagefind.STAGING_MARK}{secrets.token_hex(4)}"
        result.staging.mkdir(parents=True)
        (result.staging / pagefind.STAGING_MARKER).write_text("sitegen\n", encoding="utf-8")
    return result.staging


def _failed(out: Path, result: SearchIndex, last: Shard | None, shard: str, pages: set[str],
            exc: BaseException) -> None:
    """Pagefind failed on a shard: its last bundle stays if it holds no page that is gone (stale text
    is better than no search; an index of removed or now-internal pages is not), else the shard is left
    out. Either way the editor is told."""
    kept = {rel: out / rel for rel in last.files} if last is not None else {}
    gone = sorted(set(last.pages) - pages) if last is not None else []
    if last is not None and not gone and all(path.is_file() for path in kept.values()):
        result.files |= kept
        result.shards[shard] = last
        key = "search_kept_old"
    else:
        key = "search_dropped_old" if gone else "search_failed"
    message = catalog.MSG[key].format(detail=pagefind.describe(exc), count=len(gone),
                                      url=", ".join(pagefind.page_url(path) for path in gone[:3]))
    result.diagnostics.append(Diagnostic("warning", "search-index", pagefind.BUNDLE + "/", 0, message))


def _manifest(out: Path, result: SearchIndex, folders: list[str]) -> dict[str, Path]:
    """pagefind/shards.json, the list of bundles the search page merges: the current output's file when it
    says the same, else a new one."""
    text = json.dumps({"version": 1, "shards": folders}, separators=(",", ":"))
    rel = f"{pagefind.BUNDLE}/{MANIFEST}"
    try:
        if (out / rel).read_text(encoding="utf-8") == text:
            return {rel: out / rel}
    except OSError:
        pass
    path = _staging(out, result) / MANIFEST
    path.write_text(text, encoding="utf-8")
    return {rel: path}
