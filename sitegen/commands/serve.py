"""Serve mode: the built output on 127.0.0.1, rebuilt on every save, with live reload.

- A watchdog observer feeds a debounced rebuild loop; rebuilds reuse `build()` with an in-memory cache.
- Each HTML response gets the live-reload script injected here, at response time: files on disk stay
  exactly what `sitegen build` writes.
- Server-sent events tell open pages to reload, or to show the editor's mistakes (file:line, in Vietnamese)
  over the last good page; fixing the file reloads the page. Warnings (a citation that names no one
  document, a year that contradicts the symbol…) are listed in a corner of every page, as in the terminal.
- Drafts are previewed: serve builds them (into its own folder, never output/, which stays what `sitegen
  build` and CI publish), and marks them at response time: a banner on a draft's page, a label on every
  link to one.
"""

from __future__ import annotations

import functools
import gc
import html
import json
import os
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sitegen.base import catalog, folders
from sitegen.base.oserrors import describe
from sitegen.commands.drafts import draft_banner, draft_links
from sitegen.pipeline.cache import BuildCache

LIVE_PREFIX = "/__sitegen/"
MAX_URL = 2048  # longer than any address of a site sitegen builds


_SCRIPT_TAG = b'<script src="/__sitegen/live.js"></script>'
_LIVE_JS = (Path(__file__).parents[1] / "theme" / "live.js").read_bytes()


class LiveState:
    """What the builder last produced, shared with request threads."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.version = 0  # bumps on any change below: wakes the event streams
        self.builds = 0  # bumps on each finished build
        self.errors: list[str] = []  # formatted diagnostics; empty when the last build succeeded
        self.warnings: list[str] = []  # the last build's warnings (citations that name no one document…)
        self.closed = False
        self.search_stale = False  # pages newer than the search index (re-indexing in the background)
        self.drafts: dict[str, str] = {}  # URL -> source file of each draft in the preview

    def set_search_stale(self, stale: bool) -> None:
        with self.cond:
            if stale != self.search_stale:
                self.search_stale = stale
                self.version += 1
                self.cond.notify_all()

    def publish(self, errors: list[str], drafts: dict[str, str] | None = None,
                warnings: list[str] | None = None) -> None:
        with self.cond:
            self.version += 1
            self.builds += 1
            self.errors = list(errors)
            self.warnings = list(warnings or [])
            if drafts is not None:
                self.drafts = dict(drafts)
            self.cond.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str]]:
        with self.cond:
            if self.version == seen and not self.closed:
                self.cond.wait(timeout)
            return self.version, list(self.errors)

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()


def warning_panel(warnings: list[str]) -> bytes:
    """The last build's warnings, over the page but not over its text: a corner panel the editor can fold."""
    items = "".join(f"<li><code>{html.escape(w)}</code></li>" for w in warnings)
    title = catalog.UI["live_warnings_title"].format(count=len(warnings))
    style = ("position:fixed;right:0;bottom:0;z-index:99998;max-width:min(40rem,100vw);max-height:45vh;"
             "overflow:auto;margin:0;padding:.5rem 1rem;background:#fff8e1;color:#3d2f00;"
             "border:2px solid #d9a400;font:15px/1.45 system-ui,sans-serif")
    return (
        f'<aside id="sitegen-warnings" role="status" aria-live="polite" style="{style}">'
        f"<details open><summary><strong>{html.escape(title)}</strong> "
        f"{html.escape(catalog.UI['live_warnings_text'])}</summary><ul>{items}</ul></details></aside>"
    ).encode()


def error_overlay(errors: list[str]) -> bytes:
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    return (
        '<div id="sitegen-errors" role="alert" style="position:fixed;inset:0;z-index:99999;overflow:auto;'
        "background:rgba(40,0,0,.93);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem\">"
        f"<h2 style=\"margin-top:0\">{html.escape(catalog.UI['live_error_title'])}</h2>"
        f"<p>{html.escape(catalog.UI['live_error_text'])}</p><ul>{items}</ul></div>"
    ).encode()


def search_notice() -> bytes:
    return ('<p id="sitegen-search-stale" role="status" '
            'style="position:fixed;bottom:0;left:0;right:0;z-index:9999;'
            'margin:0;padding:.6rem 1rem;background:#fff7e0;border-top:1px solid #f0d58a;font:15px '
            'system-ui,sans-serif">'
            f"{html.escape(catalog.UI['search_stale'])}</p>").encode()


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/xml; charset=utf-8",
                      ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                      ".js": "text/javascript; charset=utf-8", ".json": "application/json",
                      ".pf_meta": "application/octet-stream", ".pagefind": "application/octet-stream"}

    def __init__(self, *args: Any, live: LiveState | None, base_path: str, **kwargs: Any) -> None:
        self.live = live
        self.base_path = base_path
        super().__init__(*args, **kwargs)

    def parse_request(self) -> bool:
        """Refuse, before any file is looked up, what no page of the site can have: an over-long address
        (a file name that long is an OS error) or a NUL byte (a ValueError in every os call)."""
        if not super().parse_request():
            return False
        if len(self.path) > MAX_URL:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG, explain=catalog.MSG["serve_url_too_long"])
            return False
        if "\0" in unquote(self.path):
            self.send_error(HTTPStatus.BAD_REQUEST, explain=catalog.MSG["serve_bad_url"])
            return False
        return True

    def translate_path(self, path: str) -> str:
        # Serve the site under its base path ("/bantin/") as it will be published.
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return super().translate_path(path)

    def do_GET(self) -> None:
        if self.live is not None and self.path.startswith(LIVE_PREFIX):
            return self._live()
        if self.live is not None and self._is_html():
            return self._html()
        return super().do_GET()

    def _is_html(self) -> bool:
        target = Path(self.translate_path(self.path.split("?", 1)[0]))
        return target.suffix == ".html" or (os.path.isdir(target) and os.path.isfile(target / "index.html"))

    def _html(self) -> None:
        target = Path(self.translate_path(self.path.split("?", 1)[0]))
        if os.path.isdir(target):  # os.path: False, never an error, for a name the file system refuses
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # let the base class redirect to the slash form
            target = target / "index.html"
        try:
            body = target.read_bytes()
        except OSError:
            return self.send_error(HTTPStatus.NOT_FOUND)
        self._send_page(HTTPStatus.OK, body)

    def _send_page(self, status: int, body: bytes) -> None:
        assert self.live is not None
        inject = draft_links(list(self.live.drafts), self.base_path) + _SCRIPT_TAG
        if self.live.errors:
            inject = error_overlay(self.live.errors) + inject
        elif self.live.warnings:
            inject = warning_panel(self.live.warnings) + inject
        if self.live.search_stale and self.path.split("?", 1)[0].rstrip("/").endswith("/tim-kiem"):
            inject = search_notice() + inject
        marker = body.rfind(b"</body>")
        body = body[:marker] + inject + body[marker:] if marker >= 0 else body + inject
        source = self.live.drafts.get(self._site_path())
        if source is not None:
            opened = body.find(b">", body.find(b"<body")) + 1
            body = body[:opened] + draft_banner(source) + body[opened:]
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _site_path(self) -> str:
        """The requested page as a site URL ("/van-ban/a/"), without the base path and query."""
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return path.removesuffix("index.html")

    def _live(self) -> None:
        assert self.live is not None
        route = self.path[len(LIVE_PREFIX):].split("?", 1)[0]
        if route == "live.js":
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(_LIVE_JS)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(_LIVE_JS)
            return
        if route != "events":
            return self.send_error(HTTPStatus.NOT_FOUND)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.live.version
        try:
            self.wfile.write(f"event: hello\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            builds, stale = self.live.builds, self.live.search_stale
            while not self.live.closed:
                version, errors = self.live.wait(seen, timeout=15)
                if version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                seen = version
                if self.live.search_stale != stale:
                    # The index caught up (or fell behind): tell the search page, no reload needed.
                    stale = self.live.search_stale
                    payload = json.dumps({"stale": stale, "notice": search_notice().decode("utf-8")},
                                         ensure_ascii=False)
                    self.wfile.write(f"event: search\ndata: {payload}\n\n".encode())
                if self.live.builds != builds:
                    builds = self.live.builds
                    event = "errors" if errors else "reload"
                    overlay = error_overlay(errors).decode("utf-8") if errors else ""
                    payload = json.dumps({"version": version, "errors": errors, "overlay": overlay},
                                         ensure_ascii=False)
                    self.wfile.write(f"event: {event}\ndata: {payload}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            if self.live is not None:
                return self._send_page(code, body)
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # editors watch the build, not access logs
        pass


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, live: LiveState | None = None,
                base_path: str = "/") -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(directory), live=live, base_path=base_path)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


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


class Rebuilder(Debounced):
    """Debounced rebuilds on file events: a burst of saves gives one build once it settles."""

    def __init__(self, site_dir: Path, rebuild: Callable[[], None], quiet: float = 0.15) -> None:
        super().__init__(rebuild, quiet, "sitegen-rebuild")
        self.site_dir = site_dir.resolve()
        self.lock = threading.Lock()
        self.changed: set[str] | None = None  # site paths changed since the last take(); None: not known

    def relevant(self, path: str) -> str | None:
        """The site path ("content/a.md") of a watched file, else None."""
        try:
            rel = Path(path).resolve().relative_to(self.site_dir)
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
            if self.changed is not None and not folder:
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
    scheduled: set[str] = set()

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
        for name in WATCHED[:-1]:
            folder = site_dir / name
            if name not in scheduled and folder.is_dir():
                scheduled.add(name)
                observer.schedule(handler, str(folder), recursive=True)

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
    from sitegen.build import BuildOptions, build
    from sitegen.pipeline.cache import BuildCache
    from sitegen.pipeline.config import load_config
    from sitegen.pipeline.write import OutputError

    cache = BuildCache()
    live = LiveState()
    lock = threading.Lock()
    indexer = SearchIndexer(out, lock, live, echo, cache)

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
                                                      trust_output=True), cache=cache)
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

    if build_first:
        rebuild()
    cfg, _ = load_config(site_dir)
    server = make_server(out, port=port, live=live, base_path=cfg.base_path if cfg else "/")
    rebuilder = Rebuilder(site_dir, rebuild)
    observer = watch(site_dir, rebuilder)
    watching.append(rebuilder)  # its first take() is None: what changed before it watched is not known
    rebuilder.start()
    indexer.start()
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
