"""Rendering many pages at once: forked worker processes that inherit the site model, and make each output's
job (its context and digest) from its spec themselves, so this process never holds every page's context."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sitegen.base import children, lazytext
from sitegen.pipeline.render.pages import Job, Renderer, Spec
from sitegen.pipeline.search.shards import PageView, page_view

PARALLEL_MIN = 200  # below this, forking workers costs more than it saves
COLLECTED_MIN = 1000  # outputs made here from which the cycles their making leaves are collected as it goes
COLLECT_EVERY = 32  # outputs made here between two collections of the youngest generation


@dataclass(frozen=True)
class Rendered:
    """A page's bytes with what later stages ask of them, computed where the page was rendered."""

    data: bytes
    sha: str
    view: PageView | None  # what Pagefind indexes of the page (search/shards.py)


@dataclass(frozen=True)
class Made:
    """An output made from its spec: its job's digest, the facts its context read, its template, and its
    page (None when `Task.unchanged` said the output file already holds what this digest makes)."""

    key: str
    reads: frozenset[tuple[str, ...]]
    template: str | None
    page: Rendered | None


@dataclass(frozen=True)
class Task:
    """What the workers need to make outputs from their specs (inherited by fork, never pickled)."""

    renderer: Renderer
    specs: Sequence[Spec]
    paths: Sequence[str]  # every output path of the site (the sitemap lists them)
    templates: dict[str, str]  # template -> digest (render/digests.template_digests)
    unchanged: Callable[[str, str], bool]  # (output path, job digest): keep the output file as it is?


_FORKED: list[Task] = []  # what forked workers inherit instead of a pickled copy


def _rendered(renderer: Renderer, job: Job) -> Rendered:
    data = renderer.render(job)
    view = page_view(data) if job.path.endswith(".html") else None
    return Rendered(data, hashlib.sha256(data).hexdigest(), view)


def _made(task: Task, index: int) -> Made:
    with lazytext.transient():  # the texts this output reads go back to their places once it is made
        job, reads = task.renderer.build(task.specs[index], task.paths)
        key = job.key(task.templates)
        page = None if task.unchanged(job.path, key) else _rendered(task.renderer, job)
        return Made(key, reads, job.template, page)


def _start_worker(parent: int) -> None:
    """A render worker's start: it dies with its parent (base/children.py), and it collects its own cycles.
    The build pauses Python's collector (build/__init__.py), and the workers inherit the pause: the cycles
    each page's making leaves were never collected (~20 KB a page: 901 -> 806 MiB at 10,000 documents).
    What it inherited is frozen first (`gc.freeze`: out of every collection, so none writes to the pages it
    shares with its parent); only what the worker makes is collected."""
    children.die_with_parent(parent)
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _make_in_worker(index: int) -> Made:
    return _made(_FORKED[0], index)


def forks(workers: int, total: int) -> bool:
    """Whether make_many renders `total` outputs in forked workers: many of them, more than one worker, and
    this process runs one thread (serve's watcher thread keeps its renders here), where fork exists."""
    return (workers > 1 and total >= PARALLEL_MIN and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def make_many(task: Task, workers: int, progress: Callable[[int, int], None] | None = None) -> Iterator[Made]:
    """Each spec's output, in order, one at a time as they come (the caller writes each page and lets it go:
    a build never holds every page's bytes, nor every context): across forked processes when there are
    many, each inheriting the site model (only digests, facts and bytes travel back). Forking is safe only
    while this process runs one thread (serve's first build has its watcher running: it renders here).
    `progress` is told (done, total) as outputs come. An output that fails in a worker is made again here,
    with the rest, where it raises with its template's frames.

    Made here, many outputs (serve's first build and a template edit: its watcher thread keeps them here)
    left their cycles (~30 KB an output) in the heap while the build pauses the collector: 450 -> 1,041 MiB
    over serve's first build at 10,000 documents, its peak. The youngest generation is collected every
    `COLLECT_EVERY` outputs instead: the first collection moves what the build made before to the next
    generation (one pass over it), each later one walks only what the last outputs left."""
    done, total = 0, len(task.specs)
    if forks(workers, total):
        _FORKED[:] = [task]
        try:
            with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker,
                                                          initargs=(os.getpid(),)) as pool:
                for made in pool.imap(_make_in_worker, range(total),
                                      chunksize=max(1, total // (workers * 8))):
                    done += 1
                    if progress is not None:
                        progress(done, total)
                    yield made
        except Exception:  # noqa: BLE001, S110 -- a template error: render here, where it raises with its frames
            pass
        finally:
            _FORKED.clear()
    collect = not gc.isenabled() and total - done >= COLLECTED_MIN
    for index in range(done, total):
        made = _made(task, index)
        if collect and (index - done) % COLLECT_EVERY == COLLECT_EVERY - 1:
            gc.collect(0)  # this output's cycles (see below)
        if progress is not None:
            progress(index + 1, total)
        yield made
