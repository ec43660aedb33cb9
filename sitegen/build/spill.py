"""Texts out of the build's heap (pipeline/cache_base.spill): the parses' HTML right after the parse stage,
and the parses' and records' texts before the render workers fork. Each object then holds its text's place in
a temporary file (base/lazytext.py) and reads it when asked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from sitegen.base import catalog, folders, lazytext
from sitegen.base.oserrors import describe
from sitegen.build.stages import BuildResult
from sitegen.pipeline import cache_base
from sitegen.pipeline.cache import BuildCache
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.parse import Parsed
from sitegen.pipeline.records import Site
from sitegen.pipeline.render.pool import PARALLEL_MIN


def parses(result: BuildResult, site_dir: Path, cache: BuildCache,
           made: Iterable[Parsed] | None = None) -> None:
    """The HTML of the parses `made` written out, when there are as many as the render workers' threshold;
    assemble fills each body's links from its place (parse.fill), leaving it there. The parse stage gives
    its parses 1,000 at a time as they come from its workers (parse.SPILL_EVERY), and after it the rest
    (`made` None: every parse whose HTML is in the heap). Held to the end of the stage, the HTML (~0.26 GB at
    10,000 documents) was a cold build's peak there: 821 -> 546 MiB."""
    parsed = cache.memo.parsed.values() if made is None else made
    fresh = [p for p in parsed if lazytext.is_loaded(p, "html")]
    if len(fresh) >= PARALLEL_MIN:
        _spill(result, site_dir, fresh, cache.derived)


def before_fork(result: BuildResult, site_dir: Path, cache: BuildCache, site: Site) -> None:
    """Before the render workers fork: the texts of the parses, of the site's records and of those the kept
    values hold (the same records, mostly), so neither this process nor the workers hold them."""
    _spill(result, site_dir, _texts(cache, site), cache.derived)


def _texts(cache: BuildCache, site: Site) -> Iterator[object]:
    yield from cache.memo.parsed.values()
    yield from chain(site.by_url.values(), site.stubs, site.editions)
    yield from cache.derived.held()


def _spill(result: BuildResult, site_dir: Path, objects: Iterable[object], derived: Derived) -> None:
    """cache_base.spill into the site's .sitegen-cache/ (else the system's temporary folder); said with -v
    when its file could not be made (the texts then stay in this process: the same pages, more memory)."""
    folder = site_dir / folders.CACHE
    failed = cache_base.spill(folder if folder.is_dir() else None, objects, derived)
    if failed is not None:
        reason = describe(failed, failed.filename)
        result.verbose.append(catalog.MSG["texts_not_spilled"].format(reason=reason))
