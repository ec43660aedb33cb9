"""Search end to end: the fixture site of test_search.py, built with its index, served on 127.0.0.1 and
searched in headless Chromium by typing into the search page as a reader does."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from browser import chromium, search, served
from test_search import ARTICLE_URL, BC15, HD12, KH289, NQ04, NQ05, QD04, STUB_32A, TB86, build_search_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Any]:
    out = build_search_site(tmp_path_factory.mktemp("search-browser") / "site")
    with served(out) as root:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.root = root  # type: ignore[attr-defined]
        page.goto(root + "tim-kiem/")
        yield page
        assert errors == []


@pytest.mark.parametrize("query, first", [
    ("Nghi quyet 04", NQ04),
    ("NGHỊ QUYẾT 04", NQ04),
    ("nghị quyet 04", NQ04),
    ("dang bo", BC15),
    ("Đảng bộ", BC15),
    ("chuyen doi so", NQ05),
    ("Chuyển đổi số", NQ05),
    ("04-NQ/TU", NQ04),
    ("4-NQ/TU", NQ04),
    ("04/QĐ-UBND", QD04),
    ("04/QD-UBND", QD04),
    ("4/qd-ubnd", QD04),
    ("289/KH-UBND", KH289),
    ("32a-KH/HU", STUB_32A),
    ("thuong truc tinh uy ket luan", TB86),
])
def test_query_puts_the_expected_page_first(page: Any, query: str, first: str):
    results = search(page, query)
    assert results, f"nothing found for {query!r}"
    assert results[0]["url"] == first, [r["url"] for r in results]


def test_issuer_words_without_diacritics_find_that_issuer(page: Any):
    results = search(page, "tinh uy ha nam")
    assert results[0]["url"] in {NQ04, NQ05} and "Tỉnh ủy Hà Nam" in results[0]["meta"]


def test_old_and_new_tone_placement_find_each_other(page: Any):
    old_style = search(page, "Tỉnh uỷ")  # the bulletin writes "Tỉnh ủy"
    new_style = search(page, "Tỉnh ủy")
    assert [r["url"] for r in old_style] == [r["url"] for r in new_style]
    assert "Tỉnh ủy" in old_style[0]["title"]
    assert ARTICLE_URL in [r["url"] for r in old_style]  # the article writes "Tỉnh uỷ"


def test_bare_type_and_issuer_prefers_those_documents(page: Any):
    urls = [r["url"] for r in search(page, "NQ/TU")]
    assert set(urls[:2]) == {NQ04, NQ05}


def test_results_show_type_symbol_date_issuer_and_a_highlighted_excerpt(page: Any):
    top = search(page, "dang bo")[0]
    assert top["meta"].split() == ["Báo", "cáo", "15-BC/ĐUK", "·", "15/12/2023", "·", "Đảng", "ủy", "Khối",
                                   "các", "cơ", "quan", "tỉnh"]
    assert top["title"] == "Kết quả lãnh đạo của Đảng bộ Khối năm 2023"
    assert "<mark>Đảng</mark> <mark>bộ</mark>" in top["excerpt"]
    symbol = search(page, "4-NQ/TU")[0]
    assert "<mark>" in symbol["excerpt"] or symbol["excerpt"]
    assert page.text_content("#search-status").startswith("Tìm thấy")


def test_a_word_only_in_the_footer_finds_nothing(page: Any):
    assert search(page, "Zqxchânđếfooter") == []
    assert page.text_content("#search-status").startswith("Không tìm thấy")


def test_filters_by_type_issuer_and_year(page: Any):
    page.goto(page.root + "tim-kiem/")
    page.select_option("#loc-loai", "nghi-quyet")
    assert {r["url"] for r in search(page, "tinh uy")} == {NQ04, NQ05}
    page.select_option("#loc-loai", "")
    page.select_option("#loc-nam", "2022")
    assert {r["url"] for r in search(page, "nghi quyet")} == {HD12, QD04, ARTICLE_URL}
    page.select_option("#loc-nam", "")
    page.select_option("#loc-co-quan", "huyen-uy-kim-bang")
    assert [r["url"] for r in search(page, "nghi quyet")] == [HD12]
    page.select_option("#loc-co-quan", "")


def test_sort_by_date_and_filter_without_words(page: Any):
    page.goto(page.root + "tim-kiem/")
    page.select_option("#loc-loai", "nghi-quyet")
    page.select_option("#sap-xep", "moi")
    assert [r["url"] for r in search(page, "")] == [NQ05, NQ04]  # a filter alone lists its documents
    page.select_option("#sap-xep", "cu")
    assert [r["url"] for r in search(page, "tinh")] == [NQ04, NQ05]
    page.select_option("#sap-xep", "")
    page.select_option("#loc-loai", "")
    assert "sap-xep" not in page.url


def test_the_header_box_on_every_page_leads_to_the_results(page: Any):
    page.goto(page.root + "van-ban/")
    page.fill("#sitesearch-q", "dang bo")
    page.press("#sitesearch-q", "Enter")
    page.wait_for_function("document.getElementById('tim-kiem')?.dataset.shown === 'dang bo'")
    assert page.url.endswith("/tim-kiem/?q=dang+bo")
    assert page.eval_on_selector("#search-results a", "a => new URL(a.href).pathname") == BC15


@pytest.mark.parametrize("typed, pause", [
    ("nghi quy", 1200),  # inside "nghị quyết", its last word cut short
    ("Ủy ban", 1200),  # inside "ủy ban nhân dân"
    ("uy ban nhan dan tinh", 1200),  # a whole phrase, then the start of "tỉnh ủy"
    ("uy ban nhan dan", 300),  # a whole phrase: its key is searched
    ("nghi quyet 04", 300),
    ("289/KH-UBND", 300),  # a symbol
])
def test_a_pause_inside_a_lexicon_phrase_waits_longer_and_still_searches(page: Any, typed: str, pause: int):
    """A pause after "uy ban nh…" would search the genre's most common words alone: one large index chunk per
    word and shard (megabytes at 10,000 pages), where the phrase's key costs ~10 KB a shard. The search page
    waits longer inside a phrase, and searches what was typed all the same."""
    page.goto(page.root + "tim-kiem/")
    page.locator("#q").press_sequentially(typed, delay=5)
    assert page.eval_on_selector("#tim-kiem", "form => form.dataset.pause") == str(pause)
    page.wait_for_function("q => document.getElementById('tim-kiem').dataset.shown === q", arg=typed,
                           timeout=15_000)


def test_results_fit_a_phone_screen(page: Any):
    page.set_viewport_size({"width": 390, "height": 844})
    search(page, "tinh uy ha nam")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    if os.environ.get("SEARCH_SCREENSHOT"):
        page.screenshot(path=os.environ["SEARCH_SCREENSHOT"], full_page=False)
    page.set_viewport_size({"width": 1100, "height": 900})


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Any]:
    """The same site with its index split into shards of 4 pages, merged by the search page in the browser,
    as a bulletin of thousands of documents is (shards of at most 1,250 pages)."""
    out = build_search_site(tmp_path_factory.mktemp("search-shards") / "site", shard_pages=4)
    assert len(json.loads((out / "pagefind/shards.json").read_text(encoding="utf-8"))["shards"]) > 2
    with served(out) as root:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(root + "tim-kiem/")
        yield page
        assert errors == []


def every_result(page: Any, query: str) -> list[dict[str, str]]:
    """All results of a query, "more" pressed until none are left."""
    search(page, query)
    while page.is_visible("#search-more"):
        count = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=count)
    return page.eval_on_selector_all("#search-results > li", """items => items.map(li => ({
        url: new URL(li.querySelector('a').href).pathname,
        date: li.querySelector('.search-date')?.textContent ?? ''}))""")


SHARD_QUERIES = ["Nghi quyet 04", "dang bo", "chuyen doi so", "04-NQ/TU", "4/qd-ubnd", "32a-KH/HU",
                 "thuong truc tinh uy ket luan", "tinh uy ha nam", "Tỉnh uỷ", "NQ/TU", "nghi quyet", "tinh",
                 "Zqxchânđếfooter"]


def test_a_sharded_index_finds_the_same_pages(page: Any, sharded: Any):
    """Each shard ranks with its own term statistics (close to the whole site's when shards hold hundreds
    of pages, not 4: near ties may swap, bench/README.md), but every query finds exactly the same pages."""
    for query in SHARD_QUERIES:
        one = {r["url"] for r in every_result(page, query)}
        assert {r["url"] for r in every_result(sharded, query)} == one, query


@pytest.mark.parametrize("order", ["moi", "cu"])
def test_a_sharded_index_sorts_by_date_across_shards(page: Any, sharded: Any, order: str):
    """Pagefind sorts each bundle on its own; the page sorts the merged results by date itself."""
    for view in (page, sharded):
        view.select_option("#sap-xep", order)
    try:
        for query in ("", "tinh", "nghi quyet", "dang bo"):
            if not query:
                for view in (page, sharded):
                    view.select_option("#loc-loai", "nghi-quyet")
            one, split = every_result(page, query), every_result(sharded, query)
            assert [r["date"] for r in split] == [r["date"] for r in one], query
            assert sorted(r["url"] for r in split) == sorted(r["url"] for r in one), query
            assert len(split) > 1, query
            for view in (page, sharded):
                view.select_option("#loc-loai", "")
    finally:
        for view in (page, sharded):
            view.select_option("#sap-xep", "")
