"""Live reload in a real browser: a reader's page follows the editor's saves, mistakes and fixes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from conftest import SITE_YAML, doc, make_site
from test_serve import Served

pytestmark = pytest.mark.browser

PAGE = "/van-ban/nghi-quyet-04-nq-tu-2021/"
TITLE = "document.querySelector('.vb-trichyeu').textContent"


@contextmanager
def served_page(site: Path) -> Iterator[tuple[Served, Any]]:
    """`sitegen serve` on `site` and a fresh Chromium page; both stopped afterwards."""
    served = Served(site)
    try:
        with chromium() as browser:
            yield served, browser.new_page()
    finally:
        served.stop()


def wait_title(page: Any, text: str) -> None:
    page.wait_for_function(f"t => {TITLE} === t", arg=text, timeout=20_000)


def test_open_page_follows_edits_errors_and_fixes(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/nq.md": doc(title="Tiêu đề ban đầu")})
    with served_page(site) as (served, page):
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


DRAFT = """\
---
draft: true
title: "Hội nghị báo cáo viên quý I"
date: 2021-04-02
---
Nội dung bài còn đang viết.
"""


def test_drafts_are_previewed_marked_and_left_out_of_the_build(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/nq.md": doc(),
                                         "content/tin-bai/hoi-nghi.md": DRAFT})
    with served_page(site) as (served, page):
        page.goto(served.url + "/tin-bai/hoi-nghi/")
        banner = page.locator("#sitegen-draft")
        assert banner.is_visible()
        text = banner.inner_text()
        assert "Bản nháp" in text and "content/tin-bai/hoi-nghi.md" in text and "draft: true" in text
        assert page.evaluate("document.querySelector('#sitegen-draft').getBoundingClientRect().top") == 0

        page.goto(served.url + "/tin-bai/")
        link = page.locator('main a[href="/tin-bai/hoi-nghi/"]').first
        assert "Bản nháp" in link.evaluate("a => getComputedStyle(a, '::after').content")
        page.goto(served.url + "/")
        draft_link = page.locator('main a[href="/tin-bai/hoi-nghi/"]').first
        assert "Bản nháp" in draft_link.evaluate("a => getComputedStyle(a, '::after').content")
        published = page.locator(f'main a[href="{PAGE}"]').first
        assert published.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
        page.goto(served.url + PAGE)
        assert page.locator("#sitegen-draft").count() == 0  # a published page carries no banner

        # Publishing: remove the line, and the page is no longer a draft (the open page follows).
        page.goto(served.url + "/tin-bai/hoi-nghi/")
        page.evaluate("window.__notReloaded = true")
        (site / "content/tin-bai/hoi-nghi.md").write_text(DRAFT.replace("draft: true\n", ""),
                                                          encoding="utf-8")
        page.wait_for_function("window.__notReloaded === undefined", timeout=20_000)
        page.wait_for_load_state()
        assert page.locator("#sitegen-draft").count() == 0
    assert not (site / "output").exists(), "serve previews in its own folder; output/ is only ever a build"


AMBIGUOUS = """\
---
title: "Sơ kết công tác tuyên giáo"
date: 2026-04-01
---
Theo Nghị quyết số 09-NQ/TU, ngày 15/3/2026 của Tỉnh ủy và Nghị quyết số 09-NQ/TU, ngày 10/9/2025 của Tỉnh ủy.

Một lần nữa Nghị quyết số 09-NQ/TU của Tỉnh ủy.

Nghỉ hưu theo Nghị định 178. Nghị định số 09/2017/NĐ-CP, ngày 09/2/2021 của Chính phủ.
"""


def test_citation_warnings_show_over_the_page_and_go_when_fixed(tmp_path: Path):
    """Ambiguous, unresolved and year-mismatched citations are listed in the browser as in the terminal,
    in a corner that leaves the page readable."""
    site = make_site(tmp_path / "site", {"content/tin-bai/so-ket.md": AMBIGUOUS},
                     site_yaml=SITE_YAML + 'province: "Lai Châu"\n')
    with served_page(site) as (served, page):
        page.goto(served.url + "/tin-bai/so-ket/")
        panel = page.locator("#sitegen-warnings")
        assert panel.is_visible()
        text = panel.inner_text()
        assert "Cảnh báo (3)" in text
        assert ("content/tin-bai/so-ket.md:7: cảnh báo: trích dẫn 'Nghị quyết số 09-NQ/TU' ứng với 2 văn "
                "bản") in text
        assert "content/tin-bai/so-ket.md:9: cảnh báo: trích dẫn 'Nghị định 178'" in text
        assert "số ký hiệu ghi năm 2017 nhưng ngày ghi năm 2021" in text
        # the page stays readable: its title is not under the panel
        assert page.evaluate("""() => { const h = document.querySelector('h1').getBoundingClientRect();
            const at = document.elementFromPoint(h.left + 5, h.top + h.height / 2);
            return at !== null && at.closest('h1') !== null; }""")

        fixed = (AMBIGUOUS.replace("09-NQ/TU của Tỉnh ủy.", "09-NQ/TU năm 2026 của Tỉnh ủy.")
                 .replace("Nghị định 178", "Nghị định số 178/2024/NĐ-CP")
                 .replace("ngày 09/2/2021", "ngày 17/02/2017"))
        (site / "content/tin-bai/so-ket.md").write_text(fixed, encoding="utf-8")
        page.wait_for_function("() => document.getElementById('sitegen-warnings') === null",
                               timeout=30_000)
        assert page.locator("h1").inner_text() == "Sơ kết công tác tuyên giáo"
