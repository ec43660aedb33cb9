"""Live reload in a real browser: a reader's page follows the editor's saves, mistakes and fixes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from conftest import doc, make_site
from test_serve import Served

pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'")

PAGE = "/van-ban/nghi-quyet-04-nq-tu-2021/"
TITLE = "document.querySelector('.vb-trichyeu').textContent"


def wait_title(page: Any, text: str) -> None:
    page.wait_for_function(f"t => {TITLE} === t", arg=text, timeout=20_000)


def test_open_page_follows_edits_errors_and_fixes(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/nq.md": doc(title="Tiêu đề ban đầu")})
    served = Served(site)
    try:
        with chromium() as browser:
            page = browser.new_page()
            page.goto(served.url + PAGE)
            wait_title(page, "Tiêu đề ban đầu")
            page.evaluate("window.__notReloaded = true")

            (site / "content/van-ban/nq.md").write_text(doc(title="Tiêu đề đã sửa"), encoding="utf-8")
            wait_title(page, "Tiêu đề đã sửa")  # no page.reload(): the page reloaded itself
            assert page.evaluate("window.__notReloaded === undefined")

            (site / "content/van-ban/nq.md").write_text(doc(title="Tiêu đề đã sửa", date="2021-02-30"),
                                                        encoding="utf-8")
            page.wait_for_selector("#sitegen-errors", timeout=20_000)
            overlay = page.inner_text("#sitegen-errors")
            assert "content/van-ban/nq.md:6" in overlay and "'date'" in overlay and "không có thật" in overlay
            assert page.evaluate(TITLE) == "Tiêu đề đã sửa"  # the last good page stays underneath

            (site / "content/van-ban/nq.md").write_text(doc(title="Tiêu đề sau khi sửa lỗi"),
                                                        encoding="utf-8")
            wait_title(page, "Tiêu đề sau khi sửa lỗi")
            assert page.query_selector("#sitegen-errors") is None
    finally:
        served.stop()
