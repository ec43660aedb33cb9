"""The build cache: results of pure stages keyed by content hash, kept in memory by `serve` and on disk
(`.sitegen-cache/`, git-ignored) between `sitegen build` runs.

Nothing here decides anything: sitegen.build asks "have I seen this input?" and the answer is a stored result
of the same function it would otherwise call. The cache is tagged with a digest of sitegen's own code, so
a new version of sitegen never reuses an old result.

On disk, an edition's cache is one SQLite database (`<audience>.sqlite`, the standard library's): one row
per loaded entry (by path and content digest), per parsed body (by content digest) and per value assemble
keeps (derived.py, by name and item), a row for the last site model, output records and assemble's per-page
state (assemble_edit.Assembled: so `sitegen build` takes serve's change-driven assemble), the citation graph
as rows of buckets (cache_graph.py: an edit writes the buckets it reached), and the small index (its maps,
by output and by source, as rows of buckets the same way, in a table of their own that a new base leaves:
cache_index.py).
A build writes only the rows whose object it made anew, deletes those no longer used, and writes the index
last, in one transaction: a build killed while saving leaves the last committed cache, never a mix. Objects
that several rows share (an entry a value was made from, a parse, a record the site model lists) are pickled
once, in their own row, and referred to from the others (pickle's persistent ids): loaded, they are the same
objects again, so derived.py and render/outputs.py still stop their comparisons at identity.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any, cast

from sitegen.base import catalog, folders, locks
from sitegen.base.confine import Refusal
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.files import replacing
from sitegen.base.oserrors import describe
from sitegen.pipeline import cache_base, cache_graph, cache_index
from sitegen.pipeline.assemble_edit import Assembled, Linked
from sitegen.pipeline.assets import Checked
from sitegen.pipeline.cache_rows import ROOT, Loader, dumps, refs
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.parse import Memo
from sitegen.pipeline.records import Site
from sitegen.pipeline.render.outputs import Outputs
from sitegen.pipeline.search.pagefind import BUNDLE
from sitegen.pipeline.search.shards import PageView, Shard
from sitegen.pipeline.sources import Known

_DB = "sqlite"


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
    inputs: str = ""  # digest of what the pages were made from (the build), and what their making reported:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    templates: dict[tuple[str, str],
                    tuple[str, ...]] = field(default_factory=dict)  # render/digests.template_digests
    sources: Known = field(default_factory=dict)  # sources.read_sources
    refused: list[tuple[str, Refusal]] | None = None  # what sources.refused_links found at the last build
    views: dict[str, PageView | None] = field(default_factory=dict)  # output path -> what Pagefind reads
    shards: dict[str, Shard] = field(default_factory=dict)  # the search bundle's shards in `output`
    site: Site | None = None  # the last build's site model, and what each output read of it
    outputs: Outputs | None = None  # (render/outputs.py)
    derived: Derived = field(default_factory=Derived)  # assemble's values (derived.py)
    checked: Checked = field(default_factory=Checked)  # what assets.check found (in memory only: serve's)
    base: str = ""  # the file of the heavy part's base (cache_base.py): its rows, changed by the database's
    delta: float = 0  # bytes of changed rows in the database since that base was written
    store: Path | None = None  # the database whose heavy part `loaded()` reads (entries ... outputs)
    rows: dict[str, object] = field(default_factory=dict)  # row key -> the object the cache holds for it
    used: dict[str, frozenset[str]] = field(default_factory=dict)  # a changed row -> the rows it refers to
    unreadable: str = ""  # why the disk cache could not be read (not saved): the build says it, clears it
    joined: cache_graph.Joined = field(default_factory=cache_graph.Joined)  # the graph's maps in `rows`
    index_rows: dict[str, object] = field(default_factory=dict)  # the index's maps as rows of buckets
    index_joined: cache_graph.Joined = field(default_factory=cache_graph.Joined)  # what those rows hold

    def loaded(self) -> BuildCache:
        """This cache with its heavy part in memory (a build with nothing changed never needs it): entries,
        parses, assemble's values, the last site model and what each output read of it."""
        if self.store is not None:
            try:
                self._restore(*_read(self.store, self.base))
            except _UNREADABLE as exc:
                damaged = self.store if isinstance(exc, sqlite3.Error) else self.store.parent / self.base
                self.unreadable = _why(exc, damaged)
                self.entries, self.memo, self.derived, self.rows, self.base = {}, Memo(), Derived(), {}, ""
                self.used, self.joined = {}, cache_graph.Joined()
                self.site = self.outputs = None
            self.store = None
        return self

    def _restore(self, base: dict[str, object], delta: dict[str, bytes]) -> None:
        loaded = Loader(base, delta)
        rows = loaded.all()
        root: Any = rows[ROOT]
        if root[0] != self.version:
            raise ValueError("another version")
        _, aliases, config, collator, outputs, assembled = root
        self.site = rows.get(_SITE)  # type: ignore[assignment]
        if outputs is not None:  # its records are rows of their own
            outputs = replace(outputs, records=_per_key(rows, "outputs"))
        self.outputs = outputs
        self.memo, self.derived = Memo(aliases=aliases), Derived()
        self.derived.config, self.derived.collator = config, collator
        # the rows of the last build's sources; the others (a last version of an edited file, kept as a row
        # while a kept value refers to it: _save) are loaded as objects, not as entries or parses
        live = {(path, src.digest) for path, (_, _, src) in self.sources.items()}
        digests = {sha for _, sha in live}
        for key, row in rows.items():
            kind, _, rest = key.partition(":")
            if kind == "e":
                path, _, sha = rest.partition("\0")
                if (path, sha) in live:
                    self.entries[(path, sha)] = row  # type: ignore[assignment]
            elif kind == "p" and rest in digests:
                self.memo.parsed[rest] = row  # type: ignore[assignment]
            elif kind == "d":
                name, _, item = rest.partition("\0")
                self.derived._values[(name, item)] = row  # type: ignore[assignment]
        if assembled is not None:
            linked, graph, self.joined = cache_graph.join(rows, assembled.linked)
            if graph is not None:  # the kept graph and the graph of `linked`: one object, as built
                self.derived._values[("graph", "")] = graph
            assembled = replace(assembled, claimed=_per_key(rows, "claimed"), parsed=_per_key(rows, "parsed"),
                                records=_per_key(rows, "records"), bodies=_per_key(rows, "bodies"),
                                linked=linked)
        self.derived.assembled = _assembled(assembled, self.derived)
        self.rows, self.used = rows, loaded.used

    def reset_for_config(self, config_key: str) -> None:
        """Validation depends on site.yaml (the type vocabulary): a new config invalidates loaded entries."""
        if config_key != self.config_key:
            self.entries.clear()
            self.config_key = config_key
            self.site = self.outputs = None
            self.derived = Derived()

    def prune(self, live_sources: set[tuple[str, str]], entries: list[Entry]) -> None:
        """Forget the entries, and the parses, of sources no longer there (`live_sources`: the build's, each
        in `entries` by now). None went when `entries` holds no more than those: no pass over every key
        (a template edit), and no parse is left without its source (a parse is kept by a live entry's
        digest, and the digests of live entries only grow while none goes)."""
        if len(self.entries) <= len(live_sources):
            return
        for key in self.entries.keys() - live_sources:  # in place: the few an edit left (a copy was ~10 ms)
            del self.entries[key]
        self.memo.prune(entries)

    def distrust(self, paths: set[str]) -> None:
        """A killed build renamed or deleted `paths` in the output: none of them is as the record says (made
        again if built, deleted if not), nor is the search bundle when it was among them."""
        self.written = {path: w for path, w in self.written.items() if path not in paths}
        self.copied |= paths
        if any(path.startswith(f"{BUNDLE}/") for path in paths):
            self.shards = {}

    def reusable(self, out: Path, path: str, sha: str) -> bool:
        """Does `out` still hold exactly the bytes we wrote for `path` (checked by stat, not by reading)?
        One `stat` an output is what notices a file edited in place or deleted by hand (nothing cheaper
        does: each page is a folder of its own, so folders' times cost as many calls); it costs ~3 µs, the
        `Path` it was called with cost twice that (0.11 -> 0.04 s for 13,268 outputs)."""
        known = self.written.get(path)
        if known is None or known.sha != sha or self.output != str(out):
            return False
        try:
            st = os.stat(f"{self.output}/{path}")
        except OSError:
            return False
        return st.st_size == known.size and st.st_mtime_ns == known.mtime_ns


_UNREADABLE = (OSError, sqlite3.Error, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError,
               ValueError, KeyError, IndexError, RecursionError)
_HEAVY = ("entries", "memo", "store", "rows", "used", "site", "outputs", "derived", "unreadable", "joined",
          "index_rows", "index_joined", "checked")
_INDEX = "index"
_CONTENT = ("e:", "p:")  # rows keyed by content: entries, parses


def _why(exc: BaseException, path: Path) -> str:
    """Why a cache file could not be read, in Vietnamese: the operating system's error, or a damaged file."""
    if isinstance(exc, OSError):
        return describe(exc, path)
    return catalog.MSG["cache_damaged"].format(path=path, detail=f"{type(exc).__name__}: {exc}"[:200])


def _path(site_dir: Path, audience: str) -> Path:
    return site_dir / folders.CACHE / f"{audience}.{_DB}"


@contextmanager
def cache_lock(site_dir: Path, audience: str, waiting: locks.Waiting | None = None) -> Iterator[None]:
    """One build at a time reads and writes an edition's cache (raises OSError if the folder cannot be
    made)."""
    folder = site_dir / folders.CACHE
    folder.mkdir(exist_ok=True)
    with locks.exclusive(folder / f"{audience}.lock", waiting):
        yield


def compiled_templates(site_dir: Path) -> Path | None:
    """Where Jinja keeps the templates it compiled, between builds (render/env.py), or None if the folder
    cannot be made: a build then compiles them, as it would anyway."""
    folder = site_dir / folders.CACHE / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
    cache_index.create(db)
    return db


def load_cache(site_dir: Path, audience: str) -> BuildCache:
    """The small index (what was built from what, where: its maps joined from their buckets); entries and
    parsed bodies stay on disk until `BuildCache.loaded()`: a warm build with nothing changed reads a few
    MB, not hundreds."""
    path = _path(site_dir, audience)
    if not path.is_file():
        return BuildCache()
    try:
        with closing(sqlite3.connect(path)) as db:
            found = db.execute("SELECT data FROM items WHERE key = ?", (_INDEX,)).fetchone()
            if found is None:  # the first save was killed before it committed: nothing was kept
                return BuildCache()
            state = pickle.loads(found[0])  # noqa: S301 - written by sitegen
            if not isinstance(state, dict):
                raise ValueError("no index")
            if state.get("version") != code_version():
                return BuildCache()  # another sitegen wrote it: its results are not reused, as intended
            rows, joined = cache_index.read(db, state)
        return BuildCache(**state, store=path, index_rows=rows, index_joined=joined)
    except _UNREADABLE as exc:
        return BuildCache(unreadable=_why(exc, path))


def save_cache(site_dir: Path, cache: BuildCache, audience: str) -> None:
    """The rows this build made anew (and the index, last), in one transaction; rows no longer used go.
    An output is kept only if its file is as the index says it was written (`reusable`)."""
    path = _path(site_dir, audience)
    path.parent.mkdir(exist_ok=True)
    state = {k: v for k, v in cache.__dict__.items() if k not in _HEAVY}
    state["sources"] = sources = dict(cache.sources)
    for rel, (stat, when, src) in sources.items():
        if src.text is not None:  # texts are in `entries`; the others stay the same objects (cache_index.put)
            sources[rel] = (stat, when, replace(src, text=None))
    for legacy in (f"{audience}-index.pickle", f"{audience}-build.pickle"):  # the format before this one
        (path.parent / legacy).unlink(missing_ok=True)
    if cache.store is None and not cache.base:
        # every row is written anew (no cache was read, or it could not be): a database that could not be
        # read is replaced, not written into, and with it a journal SQLite would otherwise roll back into it
        for stale in (path, *(path.with_name(path.name + tail) for tail in ("-journal", "-wal", "-shm"))):
            stale.unlink(missing_ok=True)
        cache.index_rows, cache.index_joined = {}, cache_graph.Joined()  # none of its rows is there now
    try:
        _save(path, cache, state)
    except sqlite3.Error as exc:  # a full disk, a broken file: said as the operating system's errors are
        raise OSError(None, str(exc), str(path)) from exc


COMPACT = 0.25  # the changed rows are written into a new base once they weigh this much of it


def _save(path: Path, cache: BuildCache, state: dict[str, Any]) -> None:
    """The heavy part, when in memory: its rows made anew (or deleted) since the base, or, when those weigh
    COMPACT of the base (or there is none), a new base; then the index. One transaction commits both; a
    new base file is written before it, and the one it replaces deleted after."""
    with closing(_open(path)) as db, db:
        if cache.store is None:  # the heavy part is in memory: what changed of it
            rows, joined = _rows(cache)
            with cache_graph.hollow(joined):  # the graph pickled as its skeleton and buckets
                if cache.base:
                    shared, types = refs(rows)
                    last, used = cache.rows, cache.used
                    changed = {k for k, obj in rows.items() if last.get(k) is not obj}
                    # A kept value the build did not ask again can still hold an entry or a parse no longer
                    # used (the last version of an edited file) and refer to its row: those rows stay,
                    # content-addressed and unused, until the next base, which holds only what is used.
                    gone = {k for k in last.keys() - rows.keys() if not k.startswith(_CONTENT)}
                    # A changed row that is not made anew but refers to a row made anew or gone (a kept
                    # value not asked again, whose inputs hold the last build's record of a page) is written
                    # again: loaded, a reference gives the object the row held when it was written, or none.
                    # Rows of the base refer to none (one pickle), so only the changed rows' references are
                    # followed.
                    moved = changed | gone
                    again = {k for k, refers in used.items()
                             if k in rows and k not in changed and refers & moved}
                    made = [(k, dumps(rows[k], shared, types, k, used, rows)) for k in (*changed, *again)]
                    for k in gone:
                        used.pop(k, None)
                    db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?)",
                                   made + [(k, b"") for k in gone])
                    cache.delta = db.execute("SELECT total(length(data)) FROM items WHERE key != ?",
                                             (_INDEX,)).fetchone()[0]
                if not cache.base or cache.delta > COMPACT * _base_size(path.parent / cache.base):
                    cache.base, cache.delta = cache_base.write(path.parent, path.stem, rows), 0
                    db.execute("DELETE FROM items WHERE key != ?", (_INDEX,))
                    cache.used = {}  # one pickle: no row refers to another
            cache.rows, cache.joined = rows, joined
        state |= {"base": cache.base, "delta": cache.delta}
        index, mapped = cache_index.put(state, cache.index_rows, cache.index_joined)  # its maps, by buckets
        cache_index.write(db, index, cache.index_rows)
        db.execute("INSERT OR REPLACE INTO items VALUES (?, ?)", (_INDEX, dumps(state, {}, set(), _INDEX)))
    cache.index_rows, cache.index_joined = index, mapped
    for stale in path.parent.glob(f"{path.stem}-base-*"):  # bases the index no longer names, and their texts
        if stale.stem != Path(cache.base).stem:
            stale.unlink(missing_ok=True)


def _base_size(base: Path) -> int:
    """Bytes of a base: its pickle and its texts (the changed rows hold their texts inline)."""
    size = 0
    for path in (base, cache_base.texts_of(base)):
        with suppress(OSError):  # gone: nothing to count
            size += path.stat().st_size
    return size


def _read(path: Path, base: str) -> tuple[dict[str, object], dict[str, bytes]]:
    rows = cache_base.read(path.parent / base)
    with closing(sqlite3.connect(path)) as db:
        return rows, dict(db.execute("SELECT key, data FROM items WHERE key != ?", (_INDEX,)))


_SITE = "site"  # the last site model
PER_PAGE = ("claimed", "parsed", "records", "bodies")  # assemble_edit.Assembled's maps by URL


def _rows(cache: BuildCache) -> tuple[dict[str, object], cache_graph.Joined]:
    """Row key -> the object it holds, for the heavy part of `cache`, and which maps of the citation graph
    its buckets hold. The maps by page (each output's record, assemble's per-page state) are a row per key,
    and the order of their keys a row, the citation graph's maps rows of buckets (cache_graph.py), so that a
    save after one edit writes the rows of what it made anew, not the maps whole (19 MB at 10,000 documents,
    and the graph's ~46 MB)."""
    rows: dict[str, object] = {f"e:{path}\0{sha}": value for (path, sha), value in cache.entries.items()}
    rows |= {f"p:{sha}": parsed for sha, parsed in cache.memo.parsed.items()}
    rows |= {f"d:{name}\0{item}": kept for (name, item), kept in cache.derived._values.items()}
    assembled, outputs = cache.derived.assembled, cache.outputs
    joined = cache_graph.Joined()
    if assembled is not None:  # its per-page linkages are kept values already: found there again on load
        for name in PER_PAGE:
            _put_per_key(rows, cache.rows, name, getattr(assembled, name))
        joined = cache_graph.put(rows, cache.rows, cache.joined, assembled.linked)
        assembled = replace(assembled, claimed={}, parsed={}, records={}, bodies={}, linkages={},
                            linked=cast(Linked, rows[cache_graph.LINKED]))
    if outputs is not None:
        _put_per_key(rows, cache.rows, "outputs", outputs.records)
        outputs = replace(outputs, records={})
    if cache.site is not None:
        rows[_SITE] = cache.site
    root = (cache.version, cache.memo.aliases, cache.derived.config, cache.derived.collator, outputs,
            assembled)
    return rows | {ROOT: root}, joined


def _put_per_key(rows: dict[str, object], last: dict[str, object], name: str, values: dict[str, Any]) -> None:
    """A map's values as rows `a:<name>\0<key>` (outputs' as `o:<key>`), its keys' order as the row
    `k:<name>`: the last one's object when the keys are the same, so that it is not written again."""
    prefix = "o:" if name == "outputs" else f"a:{name}\0"
    if name == "bodies":  # a full assemble lists each body's diagnostics anew: an equal list keeps its row
        rows |= {prefix + key: kept if (kept := last.get(prefix + key)) == value else value
                 for key, value in values.items()}
    else:
        rows |= {prefix + key: value for key, value in values.items()}
    order, kept = tuple(values), last.get(f"k:{name}")
    rows[f"k:{name}"] = kept if kept == order else order


def _per_key(rows: dict[str, object], name: str) -> dict[str, Any]:
    """The map `_put_per_key` kept as rows, in its order."""
    prefix = "o:" if name == "outputs" else f"a:{name}\0"
    order: Any = rows[f"k:{name}"]
    return {key: rows[prefix + key] for key in order}


def _assembled(kept: Assembled | None, derived: Derived) -> Assembled | None:
    """The last assemble as `_rows` kept it, with each page's linkage taken back from the kept values (the
    same objects); None, so a full assemble, if one is missing."""
    if kept is None:
        return None
    linkages = {}
    for url in kept.claimed:
        value = derived._values.get(("linkage", url))
        if value is None:
            return None
        linkages[url] = value[1]
    return replace(kept, linkages=linkages)


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
    """Keep `value` in the cache folder under `name` (raises OSError when it cannot: the caller warns)."""
    with replacing(site_dir / folders.CACHE / name) as f:
        pickle.dump((code_version(), value), f, protocol=pickle.HIGHEST_PROTOCOL)


def digest(data: Any) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()
