"""What every stage of a build shares: its result, its timing, its progress."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.base.diagnostics import Diagnostic
from sitegen.pipeline import write
from sitegen.pipeline.cache import BuildCache
from sitegen.pipeline.render import graph_json
from sitegen.pipeline.search import stage

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # pages rendered anew: their files, until written
    timings: dict[str, float] = field(default_factory=dict)
    sources: int = 0
    written: bool = False
    rendered: list[str] = field(default_factory=list)  # outputs rendered this time (the rest were reused)
    contexts: list[str] = field(default_factory=list)  # outputs whose context and digest were made again
    outputs: list[str] = field(default_factory=list)  # every output path of the site
    search: stage.SearchIndex | None = None  # the search stage's outcome, when it ran
    drafts: dict[str, str] = field(default_factory=dict)  # URL -> source of each draft built (serve only)
    notices: list[str] = field(default_factory=list)  # about the machine, not the content: never fail
    verbose: list[str] = field(default_factory=list)  # about the machine, said with -v only
    pages: write.Pages | None = field(default=None, repr=False)  # where `files` are, beside the output

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


@contextmanager
def timed(result: BuildResult, name: str, progress: Progress | None = None) -> Iterator[None]:
    if progress is not None:
        progress(name, 0, 0)  # started; a counted stage tells its size when it knows it
    start = time.perf_counter()
    try:
        yield
    finally:
        result.timings[name] = result.timings.get(name, 0.0) + time.perf_counter() - start


def in_place(cache: BuildCache, target: Path) -> bool:
    """Does the write stage update `target` in place, file by file (the output the cache's record describes),
    rather than write it whole?"""
    return cache.output == str(target) and bool(cache.written)


def pages_for(cache: BuildCache, target: Path, audience: str) -> write.Pages:
    """The folder the pages a build renders go to: flat when the write stage will update the output in place
    (`in_place`), at their paths when it writes it whole."""
    return write.Pages(target, audience, flat=in_place(cache, target))


def counted(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """`progress` for one stage's (done, total)."""
    return None if progress is None else lambda done, total: progress(stage, done, total)


Reusable = Callable[[Path, str, str], bool]  # (output folder, path, sha): does the folder hold those bytes?


# serve's: outputs no page reads, made again when many are: the whole graph (34 MB at 10,000 documents), and
# the sitemap, made again whenever a page comes or goes (a pass over every document and output: ~60-120 ms at
# 10,000 documents of each new or deleted file, before the reload)
DEFERRED = (graph_json.FILE, "sitemap.xml")


@dataclass
class Deferred:
    """serve's outputs written after the live-reload event (build.write_deferred), not by the build: what
    the last builds left to write. The output record still describes the file on disk until it is written."""

    renderer: object | None = None  # the last build's render/pages.Renderer, whose site the files must show
    outputs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> spec: those out of date
    paths: list[str] = field(default_factory=list)  # every output path of the renderer's build (the sitemap)
