"""Serve's HTTP side: the built output served on 127.0.0.1, each HTML response with the live-reload script
injected at response time (files on disk stay exactly what `sitegen build` writes), server-sent events that
tell open pages to reload or to show the editor's mistakes over the last good page, the warnings' panel, and
drafts marked (a banner on a draft's page, a label on every link to one). serve.py runs the watch and rebuild
loop that feeds it.
"""

from __future__ import annotations

import functools
import html
import json
import os
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sitegen.base import catalog
from sitegen.commands.drafts import draft_banner, draft_links

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
