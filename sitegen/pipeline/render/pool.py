"""Rendering many pages at once: forked worker processes that inherit the site model."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence

from sitegen.pipeline.render.pages import Job, Renderer

PARALLEL_MIN = 200  # below this, forking workers costs more than it saves
_FORKED: list[tuple[Renderer, Sequence[Job]]] = []  # what forked workers inherit instead of a pickled copy


def _render_in_worker(index: int) -> bytes:
    renderer, jobs = _FORKED[0]
    return renderer.render(jobs[index])


def render_many(renderer: Renderer, jobs: Sequence[Job], workers: int) -> list[bytes]:
    """The jobs' bytes, in order: across forked processes when there are many, each inheriting the site
    model (only the bytes travel back). Forking is safe only while this process runs one thread (serve's
    first build has its watcher running: it renders here)."""
    if (workers > 1 and len(jobs) >= PARALLEL_MIN and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods()):
        _FORKED[:] = [(renderer, jobs)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return pool.map(_render_in_worker, range(len(jobs)),
                                chunksize=max(1, len(jobs) // (workers * 8)))
        except Exception:  # noqa: BLE001, S110 -- a template error: render here, where it raises with its frames
            pass
        finally:
            _FORKED.clear()
    return [renderer.render(job) for job in jobs]
