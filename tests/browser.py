"""Headless Chromium for the browser tests and the benchmark: Debian's `chromium`, driven by Playwright.

Browsers cannot be downloaded here (`playwright install` fails), so Playwright drives the system Chromium
through `executable_path`; the Playwright wheel ships its own driver. If /usr/bin/chromium is missing and we
are root, it is installed with apt-get (that is the test set-up, on a fresh CI machine too).
"""

from __future__ import annotations

import os
import shutil
import subprocess
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
    """The Chromium binary, installing Debian's package first if needed. Raises RuntimeError if impossible."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError(f"{CHROMIUM} is missing; install it with: apt-get install -y chromium")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError("apt-get install chromium failed:\n" + done.stderr[-2000:])
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
