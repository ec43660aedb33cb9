"""Accessibility of the sample site as a reader meets it: axe-core's WCAG 2.1 A and AA rules on every page
type, at desktop and phone widths, in headless Chromium. Any violation fails, with what and where.

axe-core is vendored under tests/vendor/axe-core/ (see its README for why and how to update)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import search
from sample_pages import DESKTOP, PAGE_TYPES, PHONE, opened, sample_browser

pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'")

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Iterator[tuple[str, Any]]:
    with sample_browser(sample_output) as served:
        yield served


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now, one line each: rule, impact, elements."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => `${v.id} (${v.impact}): ${v.help} -- ` +
                  v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))""",
        WCAG_21_AA,
    )
    return list(found)


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_has_no_wcag_violation(site: tuple[str, Any], kind: str, width: int):
    root, browser = site
    with opened(browser, root + PAGE_TYPES[kind], width) as page:
        assert axe_violations(page) == []


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_results_have_no_wcag_violation(site: tuple[str, Any], width: int):
    root, browser = site
    with opened(browser, root + PAGE_TYPES["search"], width) as page:
        assert search(page, "ke hoach"), "the sample site has plans to find"
        assert axe_violations(page) == []


def test_axe_reports_a_violation_it_is_given(site: tuple[str, Any]):
    """The harness itself: a page with an unlabelled image link must fail, or a green run means nothing."""
    root, browser = site
    with opened(browser, root, DESKTOP) as page:
        page.evaluate("""() => { const a = document.createElement('a'); a.href = '/';
                                 a.innerHTML = '<img src="x.png">';
                                 document.querySelector('main').append(a); }""")
        assert any(v.startswith(("link-name", "image-alt")) for v in axe_violations(page))
