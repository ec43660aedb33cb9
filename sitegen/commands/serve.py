"""Serve mode: the built output on 127.0.0.1, rebuilt on every save, with live reload.

- A watchdog observer feeds a debounced rebuild loop; rebuilds reuse `build()` with an in-memory cache.
- The HTTP side (serve_http.py) injects the live-reload script into each HTML response at response time
  (files on disk stay exactly what `sitegen build` writes) and tells open pages, by server-sent events, to
  reload or to show the editor's mistakes (file:line, in Vietnamese) over the last good page; warnings are
  listed in a corner of every page, as in the terminal.
- Drafts are previewed: serve builds them (into its own folder, never output/, which stays what `sitegen
  build` and CI publish); the HTTP side marks them (a banner on a draft's page, a label on every link).
- The search index is made again in the background after a rebuild (SearchIndexer), and citations.json (the
  whole graph, which no page reads) is written after the reload (build.write_deferred)."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from sitegen.base import catalog, folders
from sitegen.base.oserrors import describe
from sitegen.commands.serve_http import LiveState, make_server
from sitegen.pipeline.cache import BuildCache

WATCHED = (folders.CONTENT, folders.TEMPLATES, folders.STATIC, folders.SITE_CONFIG)


class Debounced:
    """Runs `action` on its own thread once a burst of `request()`s has been quiet for `quiet` seconds."""

    def __init__(self, action: Callable[[], None], quiet: float, name: str) -> None:
        self.action, self.quiet = action, quiet
        self.wanted = threading.Event()
        self.last_request = 0.0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def request(self) -> None:
        self.last_request = time.monotonic()
        self.wanted.set()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()

    def _loop(self) -> None:
        while not self.stopped.is_set():
            if not self.wanted.wait(timeout=0.5):
                continue
            while time.monotonic() - self.last_request < self.quiet and not self.stopped.is_set():
                time.sleep(self.quiet / 4)
            self.wanted.clear()
            self.action()


def _outside_content(rel: str) -> bool:
    return rel.split("/")[0] in (folders.TEMPLATES, folders.STATIC)


class Rebuilder(Debounced):
    """Debounced rebuilds on file events: a burst of saves gives one build once it settles."""

    def __init__(self, site_dir: Path, rebuild: Callable[[], None], quiet: float = 0.15) -> None:
        super().__init__(rebuild, quiet, "sitegen-rebuild")
        self.site_dir = site_dir.resolve()
        self.lock = threading.Lock()
        self.changed: set[str] | None = None  # site paths changed since the last take(); None: not known

    def relevant(self, path: str) -> str | None:
        """The site path ("content/a.md") of a watched file, else None; a link's own path, never its target's
        (a link made to a file outside the site is named, so the build reports it: sources.refused_links)."""
        given = Path(path)
        try:
            rel = (given.parent.resolve() / given.name).relative_to(self.site_dir)
        except ValueError:
            return None
        parts = rel.parts
        return rel.as_posix() if parts and parts[0] in WATCHED else None

    def notify(self, *paths: str, folder: bool = False) -> None:
        """Files (or a folder) changed: a rebuild, told which paths."""
        found = [rel for p in paths if p and (rel := self.relevant(p)) is not None]
        if not found:
            return
        with self.lock:
            # A folder under templates/ or static/ (one made or removed): nothing but refused_links reads
            # `changed` there (both folders are listed by every build), and it walks only that folder. One
            # under content/ may hold files no event names: every file is looked at.
            if self.changed is not None and (not folder or all(_outside_content(rel) for rel in found)):
                self.changed.update(found)
            else:
                self.changed = None
        self.request()

    def lost(self) -> None:
        """A build took the changed paths but did not finish: the next looks at every file."""
        with self.lock:
            self.changed = None

    def take(self) -> frozenset[str] | None:
        """The paths changed since the last take (None: unknown, every file is looked at); from now on,
        changes are counted again."""
        with self.lock:
            changed, self.changed = self.changed, set()
        return frozenset(changed) if changed is not None else None


def watch(site_dir: Path, rebuilder: Rebuilder) -> Any:
    """Start a watchdog observer; returns it to stop later.

    The watched folders are observed recursively (new sub-folders included); the site folder itself only at
    its top level, for site.yaml and for a content/, templates/ or static/ folder created later. The output
    folder is never watched.
    """
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    observer = Observer()
    scheduled: dict[str, tuple[Any, tuple[int, int]]] = {}  # folder name -> its watch, the folder's identity

    class _Events(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            ensure_folders()
            # A folder's "modified" only says entries came or went, each with its own event.
            if event.is_directory and event.event_type == "modified":
                return
            rebuilder.notify(str(event.src_path), str(getattr(event, "dest_path", "") or ""),
                             folder=event.is_directory)

    handler = _Events()

    def ensure_folders() -> None:
        """Watch each folder that is there; a folder removed (its watch ended with it) or made anew (another
        inode: removed and made again between two events) is watched again when it is next there."""
        for name in WATCHED[:-1]:
            try:
                stat = (site_dir / name).stat()
                identity = (stat.st_dev, stat.st_ino) if S_ISDIR(stat.st_mode) else None
            except OSError:  # not there, or not ours to look into: not watched (as Path.is_dir says)
                identity = None
            last = scheduled.get(name)
            if last is not None and last[1] != identity:
                observer.unschedule(last[0])  # its emitter stopped when the folder went; the same path
                del scheduled[name]  # scheduled again would find that stopped one, not a new one
            if identity is not None and name not in scheduled:
                scheduled[name] = (observer.schedule(handler, str(site_dir / name), recursive=True), identity)

    observer.schedule(handler, str(site_dir), recursive=False)
    ensure_folders()
    observer.start()
    return observer


def keep_heap() -> None:
    """After serve's first build: what it made (entries, parses, the site model) lives as long as serve,
    mostly unchanged. The garbage collector's full passes walk every live object, seconds at 10,000 documents
    at random moments of later rebuilds; frozen, these objects are left out of its passes (they are still
    freed when nothing refers to them, unless they sit in a reference cycle)."""
    gc.collect()
    gc.freeze()


def run(site_dir: Path, out: Path, port: int, echo: Callable[[str], None], build_first: bool = True,
        ready: Callable[[ThreadingHTTPServer], None] | None = None, audience: str = "public") -> None:
    """Build, serve, watch and rebuild until interrupted. A failing build never stops the server."""
    from sitegen.build import BuildOptions, Deferred, build, write_deferred
    from sitegen.pipeline.cache import BuildCache
    from sitegen.pipeline.config import load_config
    from sitegen.pipeline.write import OutputError

    cache = BuildCache()
    live = LiveState()
    lock = threading.Lock()
    indexer = SearchIndexer(out, lock, live, echo, cache)
    deferred = Deferred()  # citations.json, the sitemap: written after the reload (write_later)

    def write_later() -> None:
        with lock:
            try:
                write_deferred(out, cache, deferred, audience)
            except OutputError as exc:  # the next build says it too, and writes it (its record: old bytes)
                echo(f"{catalog.MSG['report_error']}: {exc}")
            except OSError as exc:
                echo(f"{catalog.MSG['report_error']}: {describe(exc)}")

    writer = Debounced(write_later, 0.0, "sitegen-deferred")

    watching: list[Rebuilder] = []  # once the watcher runs, it says which files changed
    built: list[bool] = []  # a first build succeeded: its heap is kept out of the collector's passes

    def rebuild() -> None:
        with lock:
            start = time.perf_counter()
            changed = watching[0].take() if watching else None
            done = False
            try:
                result = build(site_dir, BuildOptions(out=out, audience=audience, keep_search=True,
                                                      in_place=True, drafts=True, changed=changed,
                                                      trust_output=True, deferred=deferred), cache=cache)
                done = True
            except OutputError as exc:
                echo(f"{catalog.MSG['report_error']}: {exc}")
                live.publish([str(exc)])
                return
            except OSError as exc:
                echo(f"{catalog.MSG['report_error']}: {describe(exc)}")
                live.publish([describe(exc)])
                return
            finally:
                if not done and watching:
                    watching[0].lost()
            for d in result.diagnostics:
                echo(d.format())
            errors = [d.format() for d in result.errors]
            warnings = [d.format() for d in result.warnings]
            if not errors:
                echo(catalog.MSG["rebuilt"].format(rendered=len(result.rendered),
                                                   seconds=time.perf_counter() - start))
            if not errors and not built:
                built.append(True)
                keep_heap()
            if not errors and any(p.endswith(".html") for p in result.files):
                indexer.request()  # before the reload, so a reloaded search page already says it is stale
            live.publish(errors, None if errors else result.drafts, warnings)
            if deferred.outputs:
                writer.request()  # after the reload: the page an editor looks at never waits for it

    if build_first:
        rebuild()
    cfg, _ = load_config(site_dir)
    server = make_server(out, port=port, live=live, base_path=cfg.base_path if cfg else "/")
    rebuilder = Rebuilder(site_dir, rebuild)
    observer = watch(site_dir, rebuilder)
    watching.append(rebuilder)  # its first take() is None: what changed before it watched is not known
    rebuilder.start()
    indexer.start()
    writer.start()
    if deferred.outputs:
        writer.request()
    if build_first:
        indexer.request()
    host, bound = server.server_address[:2]
    assert isinstance(host, str)
    echo(catalog.MSG["serving"].format(out=out, url=f"http://{host}:{bound}{cfg.base_path if cfg else '/'}"))
    echo(catalog.MSG["watching"])
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        rebuilder.stop()
        indexer.stop()
        writer.stop()
        write_later()  # what the last rebuild left, before serve exits
        observer.stop()
        live.close()
        server.server_close()


class SearchIndexer(Debounced):
    """Re-indexes search in the background once a burst of edits settles; a page reload never waits for it.

    Under the build lock it only links a snapshot of the pages it needs (fast) and later swaps the new index
    in; Pagefind itself runs outside the lock, so saves keep rebuilding while it works. Only the shards whose
    pages changed are indexed again (pipeline/search/stage.py).
    """

    def __init__(self, out: Path, lock: threading.Lock, live: LiveState, echo: Callable[[str], None],
                 cache: BuildCache, settle: float = 1.0) -> None:
        super().__init__(self._index, settle, "sitegen-search")
        self.out, self.lock, self.live, self.echo = out.absolute(), lock, live, echo
        self.cache = cache  # serve's build cache: what each page holds for the index, the shards made

    def request(self) -> None:
        self.live.set_search_stale(True)
        super().request()

    def _index(self) -> None:
        self._index_once()
        if not self.wanted.is_set():
            self.live.set_search_stale(False)

    def _index_once(self) -> None:
        """Make again the shards whose pages changed: which ones, and a snapshot of their pages (hard links),
        under the build lock; Pagefind outside it; the new bundle swapped in under the lock, unless newer
        pages wait (their turn comes next)."""
        from sitegen.pipeline import write
        from sitegen.pipeline.search import pagefind, stage

        try:
            with pagefind.scratch(self.out) as work:
                with self.lock:
                    previous = dict(self.cache.shards)
                    views = {p: self.cache.views.get(p) for p in self.cache.pages}
                    todo = stage.plan(self.out, views, previous)
                    wanted = [p for _, pages, _ in todo.todo for p in pages]
                    stage.link_pages(self.out, work / "pages", wanted)
                if not todo.todo:
                    return
                start = time.perf_counter()
                index = stage.make(self.out, todo, previous, {}, work / "pages", staging=work / "stage")
                for d in index.diagnostics:
                    self.echo(d.format())
                with self.lock:
                    if not self.wanted.is_set():
                        stage.link_files(index.files, work / "bundle", pagefind.BUNDLE + "/")
                        write.replace_folder(self.out, pagefind.BUNDLE, work / "bundle")
                        self.cache.shards = dict(index.shards)
            seconds = time.perf_counter() - start
            self.echo(catalog.MSG["search_indexed"].format(pages=index.pages, seconds=seconds))
        except pagefind.FAILURES as exc:  # Pagefind's own failure: the search warning, pages still served
            self.echo(f"{catalog.MSG['report_warning']}: {catalog.MSG['search_failed'].format(detail=exc)}")
        except Exception as exc:  # noqa: BLE001 - a bug of sitegen's, said as one; serve keeps serving the pages
            said = catalog.MSG["search_internal"].format(detail=f"{type(exc).__name__}: {exc}")
            self.echo(f"{catalog.MSG['report_error']}: {said}")
