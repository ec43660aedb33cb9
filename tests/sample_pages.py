"""One page of each type in the repository's sample site, and a browser on it, for the reader-side tests
(accessibility, layout, typography, page weight)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from browser import chromium, served

# Page type -> a page of that type in the sample site (every template that renders a page a reader sees).
PAGE_TYPES = {
    "home": "",
    "document-party": "van-ban/huong-dan-12-hd-hu-2022/",
    "document-state": "van-ban/quyet-dinh-1086-qd-ubnd-2022/",
    "document-long": "van-ban/ke-hoach-232-kh-hu-2024/",
    "document-draft": "van-ban/ke-hoach-kh-ubnd-2023/",
    "stub": "van-ban/ke-hoach-289-kh-ubnd-2023-binh-phuoc/",
    "article": "tin-bai/ha-nam-no-luc-hoan-thanh-nhiem-vu-cong-tac-tuyen-giao-bon-thang-dau-nam-2020/",
    "page": "gioi-thieu/",
    "list-documents": "van-ban/",
    "list-articles": "tin-bai/",
    "terms": "co-quan/",
    "term-list": "loai/nghi-quyet/",
    "list-numbered": "van-ban/duoc-dan/trang/1/",
    "editions": "ban-tin/",
    "edition": "ban-tin/2020-so-03/",
    "search": "tim-kiem/",
    "not-found": "404.html",
}

DESKTOP = 1280
PHONE = 390


@contextmanager
def sample_browser(output: Path) -> Iterator[tuple[str, Any]]:
    """(root URL, Playwright Browser) on the built sample site served over HTTP."""
    with served(output) as root, chromium() as browser:
        yield root, browser


@contextmanager
def opened(browser: Any, url: str, width: int, height: int = 900) -> Iterator[Any]:
    """A page at `width` in a fresh context (empty cache), loaded, its fonts ready; closed after the block."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        yield page
    finally:
        context.close()
