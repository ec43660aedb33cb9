"""Layout of the sample site in headless Chromium, measured rather than looked at: nothing wider than a phone,
every menu item reachable without sideways scrolling, content clear of the header and footer, the citation
picture replaced by its lists on phones, contents links that look like links, and a printed page that says
where it came from and which page it is."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool
from sample_pages import DESKTOP, PAGE_TYPES, PHONE, opened, sample_browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Iterator[tuple[str, Any]]:
    with sample_browser(sample_output) as served:
        yield served


OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 0.5 && getComputedStyle(e).position !== 'fixed';
    });
    return {scroll: document.documentElement.scrollWidth, width,
            wide: wide.slice(0, 5).map(e => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 40)}`)};
}"""


@pytest.mark.parametrize("width", [320, 390, 768])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_fits_the_screen_width(site: tuple[str, Any], kind: str, width: int):
    root, browser = site
    with opened(browser, root + PAGE_TYPES[kind], width) as page:
        found = page.evaluate(OVERFLOWING)
        assert found["scroll"] <= found["width"] and found["wide"] == [], found


@pytest.mark.parametrize("width", [320, PHONE, 768, DESKTOP])
def test_every_menu_item_is_on_screen_without_scrolling(site: tuple[str, Any], width: int):
    root, browser = site
    with opened(browser, root + PAGE_TYPES["document-party"], width) as page:
        items = page.eval_on_selector_all(
            ".mainnav a", "links => links.map(a => { const r = a.getBoundingClientRect(); "
                          "return [a.textContent, r.left, r.right, r.width]; })")
        assert len(items) >= 8
        for label, left, right, w in items:
            assert w > 0 and left >= 0 and right <= width, (label, left, right)
        nav = page.eval_on_selector(".mainnav ul", "ul => [ul.scrollWidth, ul.clientWidth]")
        assert nav[0] <= nav[1]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", ["home", "document-party", "list-documents", "article"])
def test_content_keeps_clear_of_header_and_footer(site: tuple[str, Any], kind: str, width: int):
    root, browser = site
    with opened(browser, root + PAGE_TYPES[kind], width) as page:
        gaps = page.evaluate("""() => {
            const main = document.querySelector('main'), style = getComputedStyle(main);
            const header = document.querySelector('.masthead').getBoundingClientRect();
            const footer = document.querySelector('.sitefoot').getBoundingClientRect();
            const shown = [...main.querySelectorAll('*')].filter(e => e.getClientRects().length
                && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.visually-hidden, .skip'));
            const top = Math.min(...shown.map(e => e.getBoundingClientRect().top));
            const bottom = Math.max(...shown.map(e => e.getBoundingClientRect().bottom));
            return [parseFloat(style.paddingTop), parseFloat(style.paddingBottom),
                    top - header.bottom, footer.top - bottom];
        }""")
        padding_top, padding_bottom, above, below = gaps
        assert padding_top >= 16 and padding_bottom >= 16, gaps
        assert above >= 12 and below >= 12, gaps


def test_phone_shows_citation_lists_instead_of_the_picture(site: tuple[str, Any]):
    root, browser = site
    for width, picture_shown in [(PHONE, False), (DESKTOP, True)]:
        with opened(browser, root + PAGE_TYPES["document-long"], width) as page:
            assert page.locator("figure.graph").count() == 1
            assert page.locator("figure.graph").is_visible() is picture_shown
            assert page.locator(".citation-list a").first.is_visible()


def test_edition_contents_links_look_like_links(site: tuple[str, Any]):
    root, browser = site
    with opened(browser, root + PAGE_TYPES["edition"], DESKTOP) as page:
        looks = page.eval_on_selector_all(".toc .toc-title", """titles => titles.map(t => {
            const s = getComputedStyle(t);
            const body = getComputedStyle(document.querySelector('.edition .lead, .prose p'));
            return [s.textDecorationLine, s.color, body.color]; })""")
        assert looks
        for line, color, text_color in looks:
            assert "underline" in line and color != text_color, (line, color, text_color)


@pytest.mark.pdf
def test_printed_page_has_its_address_and_page_numbers(site: tuple[str, Any], tmp_path: Path):
    pdftotext = require_tool("pdftotext")
    root, browser = site
    with opened(browser, root + PAGE_TYPES["document-long"], DESKTOP) as page:
        page.emulate_media(media="print")
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf))
    read = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = read.stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    assert len(pages) >= 2
    address = "https://bantin.example.vn/" + PAGE_TYPES["document-long"]
    for number, sheet in enumerate(pages, start=1):
        assert address in sheet, f"page {number} has no address"
        assert f"Trang {number}/{len(pages)}" in sheet, f"page {number} has no page number"
