"""The build cache: results of pure stages keyed by content hash, kept in memory by `serve` and on disk
(`.sitegen-cache/`, git-ignored) between `sitegen build` runs.

Nothing here decides anything: build.py asks "have I seen this input?" and the answer is a stored result
of the same function it would otherwise call. The cache is tagged with a digest of sitegen's own code, so
a new version of sitegen never reuses an old result.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from sitegen.base import folders, locks
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.files import replacing
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.parse import Memo
from sitegen.pipeline.records import Site
from sitegen.pipeline.render.outputs import Outputs
from sitegen.pipeline.search.pagefind import BUNDLE
from sitegen.pipeline.search.shards import PageView, Shard
from sitegen.pipeline.sources import Known

_FILE = "build.pickle"


_LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "pyicu", "pyyaml", "pydantic")


@functools.cache
def code_version() -> str:
    """Digest of the package's Python sources (templates are tracked per page, not here), once per process:
    the code that runs is the code imported when it started."""
    h = hashlib.sha256(sys.version.encode())
    for lib in _LIBRARIES:  # what parses and renders: a new version may give other bytes
        h.update(f"{lib}={metadata.version(lib)};".encode())
    root = Path(__file__).parents[1]  # the sitegen package
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


@dataclass
class Written:
    sha: str
    size: int
    mtime_ns: int


@dataclass
class BuildCache:
    version: str = field(default_factory=code_version)
    config_key: str = ""
    entries: dict[tuple[str, str], tuple[Entry | None, list[Diagnostic]]] = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # output path -> (job key, sha of bytes)
    output: str = ""  # the folder `written` describes
    written: dict[str, Written] = field(default_factory=dict)
    copied: set[str] = field(default_factory=set)  # static files and search bundle in `output`
    inputs: str = ""  # digest of what the pages were made from (build.py), and what their making reported:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    templates: dict[tuple[str, str],
                    tuple[str, ...]] = field(default_factory=dict)  # render/digests.template_digests
    sources: Known = field(default_factory=dict)  # sources.read_sources
    views: dict[str, PageView | None] = field(default_factory=dict)  # output path -> what Pagefind reads
    shards: dict[str, Shard] = field(default_factory=dict)  # the search bundle's shards in `output`
    site: Site | None = None  # the last build's site model, and what each output read of it
    outputs: Outputs | None = None  # (render/outputs.py)
    derived: Derived = field(default_factory=Derived)  # assemble's values (derived.py)
    heavy: Path | None = None  # entries, memo, derived, site, outputs still on disk, read by `loaded()`

    def loaded(self) -> BuildCache:
        """This cache with its heavy part in memory (a build with nothing changed never needs it): entries,
        parses, assemble's values, the last site model and what each output read of it. They are written
        together, in one pickle, so the values still refer to the same entry and parse objects."""
        if self.heavy is not None:
            try:
                with self.heavy.open("rb") as f:
                    version, *heavy = pickle.load(f)  # noqa: S301 - written by sitegen
                if version == self.version:
                    self.entries, self.memo, self.derived, self.site, self.outputs = heavy
            except _UNREADABLE:
                pass
            self.heavy = None
        return self

    def reset_for_config(self, config_key: str) -> None:
        """Validation depends on site.yaml (the type vocabulary): a new config invalidates loaded entries."""
        if config_key != self.config_key:
            self.entries.clear()
            self.config_key = config_key
            self.site = self.outputs = None
            self.derived = Derived()

    def prune(self, live_sources: set[tuple[str, str]], entries: list[Entry]) -> None:
        self.entries = {k: v for k, v in self.entries.items() if k in live_sources}
        self.memo.prune(entries)

    def distrust(self, paths: set[str]) -> None:
        """A killed build renamed or deleted `paths` in the output: none of them is as the record says (made
        again if built, deleted if not), nor is the search bundle when it was among them."""
        self.written = {path: w for path, w in self.written.items() if path not in paths}
        self.copied |= paths
        if any(path.startswith(f"{BUNDLE}/") for path in paths):
            self.shards = {}

    def reusable(self, out: Path, path: str, sha: str) -> bool:
        """Does `out` still hold exactly the bytes we wrote for `path` (checked by stat, not by reading)?"""
        known = self.written.get(path)
        if self.output != str(out) or known is None or known.sha != sha:
            return False
        try:
            st = os.stat(out / path)
        except OSError:
            return False
        return st.st_size == known.size and st.st_mtime_ns == known.mtime_ns


_UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError)
_HEAVY = ("entries", "memo", "heavy", "site", "outputs", "derived")


def _paths(site_dir: Path, audience: str) -> tuple[Path, Path]:
    folder = site_dir / folders.CACHE
    return folder / f"{audience}-index.pickle", folder / f"{audience}-{_FILE}"


@contextmanager
def cache_lock(site_dir: Path, audience: str, waiting: locks.Waiting | None = None) -> Iterator[None]:
    """One build at a time reads and writes an edition's cache (raises OSError if the folder cannot be
    made)."""
    folder = site_dir / folders.CACHE
    folder.mkdir(exist_ok=True)
    with locks.exclusive(folder / f"{audience}.lock", waiting):
        yield


def load_cache(site_dir: Path, audience: str) -> BuildCache:
    """The small index (what was built from what, where); entries and parsed bodies stay on disk until
    `BuildCache.loaded()`: a warm build with nothing changed reads a few MB, not hundreds."""
    index, heavy = _paths(site_dir, audience)
    try:
        with index.open("rb") as f:
            state = pickle.load(f)  # noqa: S301 - written by sitegen
        if not isinstance(state, dict) or state.get("version") != code_version():
            return BuildCache()
        return BuildCache(**state, heavy=heavy)
    except _UNREADABLE:
        return BuildCache()


def save_cache(site_dir: Path, cache: BuildCache, audience: str) -> None:
    """The index always; the heavy part when this build had it in memory. Each part is content-addressed,
    and an output is kept only if its file is as the index says it was written (`reusable`), so an index and a
    heavy file of different builds are still right together."""
    index, heavy = _paths(site_dir, audience)
    index.parent.mkdir(exist_ok=True)
    state = {k: v for k, v in cache.__dict__.items() if k not in _HEAVY}
    state["sources"] = {rel: (stat, when, replace(src, text=None))  # texts are in `entries`
                        for rel, (stat, when, src) in cache.sources.items()}
    if cache.heavy is None:
        _dump(heavy, (cache.version, cache.entries, cache.memo, cache.derived, cache.site, cache.outputs))
    _dump(index, state)


def _dump(path: Path, data: Any) -> None:
    with replacing(path) as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)


def load_kept(site_dir: Path, name: str) -> Any:
    """What a command (verify) kept in the cache folder under `name` with this code version; None if
    nothing usable is there."""
    try:
        with (site_dir / folders.CACHE / name).open("rb") as f:
            version, value = pickle.load(f)  # noqa: S301 - written by sitegen
    except _UNREADABLE:
        return None
    return value if version == code_version() else None


def keep(site_dir: Path, name: str, value: Any) -> None:
    """Keep `value` in the cache folder under `name`; a read-only checkout only loses the speed-up."""
    with suppress(OSError):
        _dump(site_dir / folders.CACHE / name, (code_version(), value))


def digest(data: Any) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()
