"""Page weight budgets, measured as a reader's browser loads the sample site with an empty cache: every byte
the page fetches (HTML, styles, fonts, scripts, images, search index), uncompressed as sitegen's server sends
it.

- a document page, fonts included: at most 150 KB (the fonts are subset to the Vietnamese repertoire,
  tools/subset_fonts.py);
- the search page up to its first results: at most 250 KB."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import search
from sample_pages import DESKTOP, PAGE_TYPES, sample_browser

pytestmark = pytest.mark.browser

DOCUMENT_BUDGET = 150_000
FIRST_SEARCH_BUDGET = 250_000


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Iterator[tuple[str, Any]]:
    with sample_browser(sample_output) as served:
        yield served


def full_text_documents(output: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(output)) + "/" for p in (output / "van-ban").glob("*/index.html")
                  if 'class="vanban vanban-' in p.read_text(encoding="utf-8"))


class Fetched:
    """Every response a page receives, with its body's size."""

    def __init__(self, page: Any) -> None:
        self.sizes: dict[str, int] = {}
        page.on("requestfinished", self.record)

    def record(self, request: Any) -> None:
        response = request.response()
        if response is not None:
            self.sizes[request.url] = len(response.body())

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def largest(self) -> list[tuple[str, int]]:
        return sorted(self.sizes.items(), key=lambda kv: -kv[1])[:8]


def test_every_document_page_weighs_at_most_150_kb_with_its_fonts(site: tuple[str, Any], sample_output: Path):
    root, browser = site
    documents = full_text_documents(sample_output)
    assert len(documents) >= 5
    for url in documents:
        context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
        page = context.new_page()
        fetched = Fetched(page)
        page.goto(root + url, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        context.close()
        assert any(u.endswith(".woff2") for u in fetched.sizes), "the page's fonts were not loaded"
        assert fetched.total <= DOCUMENT_BUDGET, (url, fetched.total, fetched.largest())


def test_first_search_weighs_at_most_250_kb(site: tuple[str, Any]):
    root, browser = site
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    fetched = Fetched(page)
    page.goto(root + PAGE_TYPES["search"], wait_until="load")
    assert search(page, "ke hoach chuyen doi so")
    page.wait_for_load_state("networkidle")
    context.close()
    assert any("pagefind" in u for u in fetched.sizes)
    assert fetched.total <= FIRST_SEARCH_BUDGET, (fetched.total, fetched.largest())
