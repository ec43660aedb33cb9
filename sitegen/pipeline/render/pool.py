"""Rendering many pages at once: forked worker processes that inherit the site model."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sitegen.base import children
from sitegen.pipeline.render.pages import Job, Renderer
from sitegen.pipeline.search.shards import PageView, page_view

PARALLEL_MIN = 200  # below this, forking workers costs more than it saves
_FORKED: list[tuple[Renderer, Sequence[Job]]] = []  # what forked workers inherit instead of a pickled copy


@dataclass(frozen=True)
class Rendered:
    """A page's bytes with what later stages ask of them, computed where the page was rendered."""

    data: bytes
    sha: str
    view: PageView | None  # what Pagefind indexes of the page (search/shards.py)


def _rendered(renderer: Renderer, job: Job) -> Rendered:
    data = renderer.render(job)
    view = page_view(data) if job.path.endswith(".html") else None
    return Rendered(data, hashlib.sha256(data).hexdigest(), view)


def _render_in_worker(index: int) -> Rendered:
    renderer, jobs = _FORKED[0]
    return _rendered(renderer, jobs[index])


def render_many(renderer: Renderer, jobs: Sequence[Job], workers: int,
                progress: Callable[[int, int], None] | None = None) -> Iterator[Rendered]:
    """The jobs' bytes, in order, one page at a time as they come (the caller writes each and lets it go:
    a build never holds every page's bytes): across forked processes when there are many, each inheriting
    the site model (only the bytes travel back). Forking is safe only while this process runs one thread
    (serve's first build has its watcher running: it renders here). `progress` is told (done, total) as
    pages come. A job that fails in a worker is rendered again here, with the rest, where it raises with its
    template's frames."""
    done = 0
    if (workers > 1 and len(jobs) >= PARALLEL_MIN and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods()):
        _FORKED[:] = [(renderer, jobs)]
        try:
            with multiprocessing.get_context("fork").Pool(workers, initializer=children.die_with_parent,
                                                          initargs=(os.getpid(),)) as pool:
                for page in pool.imap(_render_in_worker, range(len(jobs)),
                                      chunksize=max(1, len(jobs) // (workers * 8))):
                    done += 1
                    if progress is not None:
                        progress(done, len(jobs))
                    yield page
        except Exception:  # noqa: BLE001, S110 -- a template error: render here, where it raises with its frames
            pass
        finally:
            _FORKED.clear()
    for job in jobs[done:]:
        done += 1
        page = _rendered(renderer, job)
        if progress is not None:
            progress(done, len(jobs))
        yield page
