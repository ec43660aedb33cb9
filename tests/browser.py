"""Headless Chromium for the browser tests and the benchmark: Debian's `chromium`, driven by Playwright.

Browsers cannot be downloaded here (`playwright install` fails), so Playwright drives the system Chromium
through `executable_path`; the Playwright wheel ships its own driver. `make deps` installs Debian's chromium
when it is missing; a test never installs it itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitegen.commands.serve import make_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def ensure_chromium() -> Path:
    """The Chromium binary. Raises RuntimeError naming the command that installs it when it is missing."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make deps` as root "
                           "(or: apt-get install -y chromium)")
    return CHROMIUM


@contextmanager
def served(directory: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 (a free port) while the block runs; yields the root URL."""
    server = make_server(directory, port=0, base_path=base_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright Browser); Playwright gives it a fresh temporary profile."""
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def search(page: Any, query: str, timeout_ms: int = 15_000) -> list[dict[str, str]]:
    """Type `query` into the search page's box as a reader does, wait for its results, return them in
    order."""
    box = page.locator("#q")
    box.fill("")
    box.press_sequentially(query, delay=5)
    box.press("Enter")
    page.wait_for_function("q => document.getElementById('tim-kiem').dataset.shown === q", arg=query,
                           timeout=timeout_ms)
    return page.eval_on_selector_all(
        "#search-results > li",
        """items => items.map(li => ({
            url: new URL(li.querySelector('a').href).pathname,
            title: li.querySelector('a').textContent,
            meta: li.querySelector('.search-meta').textContent,
            excerpt: li.querySelector('.search-excerpt').innerHTML,
        }))""",
    )
