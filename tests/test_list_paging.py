"""List pages are numbered from the oldest (render/paging.py): a new or deleted document changes the pages
the design says and no others; every item is on exactly one page, newest first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build
from sitegen.pipeline.cache import BuildCache
from sitegen.pipeline.render import paging

# --- the cut, on plain lists ----------------------------------------------------------------------------


def pages_of(items: list[int], per_page: int) -> dict[str, tuple[paging.Pager, list[int]]]:
    """URL -> pager and items of every page of a newest-first list."""
    total = paging.page_count(len(items), per_page)
    out = {}
    for number in paging.numbers(len(items), per_page):
        start, end = paging.bounds(len(items), per_page, number)
        pager = paging.pager("/l/", number, total, ())
        out[pager.url] = (pager, items[start:end])
    return out


def read_in_order(pages: dict[str, tuple[paging.Pager, list[int]]]) -> list[int]:
    """What a reader sees following "older" from the list's own page; checks "newer" leads back."""
    url: str | None = "/l/"
    seen: list[int] = []
    previous = None
    while url is not None:
        pager, items = pages[url]
        assert pager.newer_url == previous
        seen += items
        previous, url = url, pager.older_url
    return seen


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=1, max_value=25))
def test_every_item_is_on_one_page_newest_first_and_pages_are_full(count: int, per_page: int):
    items = list(range(count, 0, -1))  # newest first: larger is newer
    pages = pages_of(items, per_page)
    assert read_in_order(pages) == items  # each once, newest first within and across pages
    own = pages["/l/"][1]
    assert len(own) == count if count < per_page else per_page <= len(own) < 2 * per_page
    for url, (pager, shown) in pages.items():
        if pager.number:
            assert len(shown) == per_page and url == f"/l/trang/{pager.number}/"
            # page k holds the k-th block counted from the oldest
            assert shown == sorted(range((pager.number - 1) * per_page + 1, pager.number * per_page + 1),
                                   reverse=True)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=12), st.data())
def test_a_new_item_changes_the_own_page_and_at_most_the_newest_numbered_pages(count: int, per_page: int,
                                                                                 data: st.DataObject):
    items = list(range(count, 0, -1))
    before = _shown(pages_of(items, per_page))
    after = _shown(pages_of([count + 1, *items], per_page))  # the newest item
    changed = {url for url in before if after.get(url) != before[url]} - {"/l/"}
    added = after.keys() - before.keys()
    newest = paging.page_count(count, per_page) - 1
    assert len(added) <= 1 and changed <= {f"/l/trang/{newest}/"}  # only when a block fills
    assert not changed or added == {f"/l/trang/{newest + 1}/"}
    if count:  # a deleted item changes only the pages from its own to the newest
        gone = data.draw(st.integers(min_value=0, max_value=count - 1))
        held = next(p.number for p, shown in pages_of(items, per_page).values() if items[gone] in shown)
        after = _shown(pages_of(items[:gone] + items[gone + 1:], per_page))
        limit = held or newest + 1
        if paging.page_count(count - 1, per_page) < paging.page_count(count, per_page):
            limit = min(limit, newest - 1)  # the newest block merges into the own page
        for url, shown in before.items():
            number = int(url.split("/")[-2]) if "trang" in url else 0
            if number and number < limit:
                assert after.get(url) == shown, (url, gone)


def _shown(pages: dict[str, tuple[paging.Pager, list[int]]]) -> dict[str, tuple[object, ...]]:
    """What each page shows: its items and its links."""
    return {url: (tuple(items), p.newer_url, p.older_url, p.newest_url, p.oldest_url)
            for url, (p, items) in pages.items()}


# --- two real builds ------------------------------------------------------------------------------------

TYPES = ["nghi-quyet", "huong-dan", "ke-hoach", "quyet-dinh"]
CODES = ["NQ/TU", "HD/TU", "KH/TU", "QĐ/TU"]
LIST = re.compile(r"^(?P<seq>(?:van-ban|tin-bai|loai/[^/]+|co-quan/[^/]+|nam/[^/]+|chu-de/[^/]+)/"
                  r"(?:duoc-dan/)?)(?:trang/(?P<n>\d+)/)?index\.html$")


def numbered(tree: dict[str, str]) -> dict[str, dict[int, str]]:
    """List sequence -> page number (0: its own page) -> digest."""
    out: dict[str, dict[int, str]] = {}
    for path, sha in tree.items():
        m = LIST.match(path)
        if m:
            out.setdefault(m["seq"], {})[int(m["n"] or 0)] = sha
    return out


def document(i: int, body: str = "Nội dung.") -> str:
    return doc(title=f"Văn bản số {i}", type=TYPES[i % 4], number=f"{i}-{CODES[i % 4]}",
               issuer="Tỉnh ủy Hà Nam" if i % 3 else "Huyện ủy Kim Bảng",
               date=f"{2010 + i // 4}-0{1 + i % 4}-1{i % 10}", body=body)


def archive(root: Path) -> Path:
    """17 documents, 2 a page, some citing documents the site does not hold (stubs, paged apart)."""
    files = {f"content/van-ban/d{i:02}.md": document(i) for i in range(17)}
    for i, cited in ((3, "Chỉ thị số 05-CT/TW, ngày 1/2/2008"), (8, "Quyết định số 7-QĐ/TU, ngày 2/3/2007"),
                     (11, "Chỉ thị số 09-CT/TW, ngày 5/6/2005")):
        files[f"content/van-ban/d{i:02}.md"] = document(i, f"Thực hiện {cited}.")
    return make_site(root, files)


def built(site: Path, out: Path) -> dict[str, dict[int, str]]:
    result = build(site, BuildOptions(out=out, use_disk_cache=False))
    assert not result.failed(), [d.format() for d in result.diagnostics]
    return numbered(tree_digest(out))


def test_a_new_document_changes_only_its_lists_own_pages_and_the_newest_numbered_ones(tmp_path: Path):
    site = archive(tmp_path / "site")
    before = built(site, tmp_path / "a")
    assert len(before["van-ban/"]) >= 5 and len(before["van-ban/duoc-dan/"]) >= 1  # numbered pages to keep
    (site / "content/van-ban/new.md").write_text(document(17), encoding="utf-8")
    after = built(site, tmp_path / "b")
    assert after["van-ban/"][0] != before["van-ban/"][0]  # the newest page shows it
    for seq, pages in after.items():
        old = before.get(seq, {})
        newest = max(old, default=0)
        changed = {n for n in pages.keys() & old.keys() if n and pages[n] != old[n]}
        added = pages.keys() - old.keys()
        # a block filled: the new newest numbered page, and the "newer" link of the one before it
        assert changed <= {newest} and added <= {newest + 1}, (seq, changed, added)
        assert not changed or added == {newest + 1}, seq
    untouched = [seq for seq in after if seq.startswith(("co-quan/", "loai/", "nam/"))
                 and after[seq] == before.get(seq)]
    assert untouched  # lists the new document is not on stay byte for byte


def test_a_deleted_document_changes_the_pages_from_its_own_to_the_newest(tmp_path: Path):
    site = archive(tmp_path / "site")
    before = built(site, tmp_path / "a")
    folder = tmp_path / "a" / "van-ban"
    html = {n: (folder / (f"trang/{n}/" if n else "") / "index.html").read_text("utf-8")
            for n in before["van-ban/"]}
    gone = "/van-ban/nghi-quyet-04-nq-tu-2011/"  # the 5th oldest: numbered page 3 of 2 a page
    held = next(n for n, text in html.items() if f'href="{gone}"' in text)
    assert held == 3
    (site / "content/van-ban/d04.md").unlink()
    after = built(site, tmp_path / "b")["van-ban/"]
    assert [n for n in before["van-ban/"] if n and after.get(n) == before["van-ban/"][n]] == [1, 2]
    assert after[0] != before["van-ban/"][0]


def test_a_new_stub_leaves_the_documents_pages_alone(tmp_path: Path):
    site = archive(tmp_path / "site")
    before = built(site, tmp_path / "a")
    (site / "content/van-ban/d05.md").write_text(document(5, "Theo Chỉ thị số 01-CT/TW, ngày 1/1/2004."),
                                                 encoding="utf-8")
    after = built(site, tmp_path / "b")
    assert after["van-ban/duoc-dan/"] != before["van-ban/duoc-dan/"]
    numbered = {n: sha for n, sha in before["van-ban/"].items() if n}
    assert {n: sha for n, sha in after["van-ban/"].items() if n} == numbered


def test_the_pager_reads_newest_to_oldest_then_the_stub_group(tmp_path: Path):
    site = archive(tmp_path / "site")
    out = tmp_path / "out"
    built(site, out)
    url: str | None = "/van-ban/"
    seen, titles = [], []
    while url:
        html = (out / url.lstrip("/") / "index.html").read_text("utf-8")
        seen += re.findall(r'<a class="item-title" href="([^"]+)"', html)
        titles.append(re.search(r"<title>([^<]*)</title>", html)[1])
        found = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = found[1] if found else None
    documents = [u for u in seen if "/van-ban/" in u]
    assert len(seen) == len(set(seen)) == 17 + 3 + 0 * len(documents)
    assert titles[1].startswith("Tất cả văn bản — Trang 7")  # 17 documents: the own page and 1 … 7
    assert "Văn bản được dẫn" in titles[-1]
    html = (out / "van-ban/trang/7/index.html").read_text("utf-8")
    assert '<a rel="prev" href="/van-ban/">' in html and "Trang 7" in html and "17 mục" not in html


def test_serve_renders_only_the_list_pages_a_new_document_changes(tmp_path: Path):
    """serve's rebuild (the cache in memory): of a list's numbered pages, only a new newest one and the one
    before it are made again, and the output is what a full build makes."""
    site = archive(tmp_path / "site")
    cache = BuildCache()
    assert not build(site, BuildOptions(out=tmp_path / "inc"), cache=cache).failed()
    before = numbered(tree_digest(tmp_path / "inc"))
    (site / "content/van-ban/new.md").write_text(document(17), encoding="utf-8")
    again = build(site, BuildOptions(out=tmp_path / "inc"), cache=cache)
    rendered = numbered({path: "" for path in again.rendered})
    assert {"van-ban/", "loai/huong-dan/", "nam/2014/", "co-quan/tinh-uy-ha-nam/"} <= rendered.keys()
    for seq, pages in rendered.items():
        newest = max(before.get(seq, {0: ""}))
        assert pages.keys() - {0} <= {newest, newest + 1}, seq
    # Tỉnh ủy Hà Nam: 11 documents -> 12, 2 a page: the newest block filled
    assert rendered["co-quan/tinh-uy-ha-nam/"].keys() == {0, 4, 5}
    assert rendered["van-ban/"].keys() == {0, 7, 8}  # 17 -> 18 documents: the same
    assert built(site, tmp_path / "full") == numbered(tree_digest(tmp_path / "inc"))


@pytest.mark.browser
def test_a_reader_pages_through_a_list_and_back(sample_output: Path):
    """In Chromium, from the documents list: "Cũ hơn" until the last page (the stub group's oldest), each
    document page once; then "Mới hơn" back to where it began."""
    from browser import chromium, served

    with served(sample_output) as root, chromium() as browser:
        page = browser.new_page()
        page.goto(root + "van-ban/")
        seen, visited = [], []
        while True:
            visited.append(page.url)
            seen += page.eval_on_selector_all("main .item-title", "links => links.map(a => a.pathname)")
            older = page.query_selector("nav.pager a[rel=next]")
            if older is None:
                break
            older.click()
            page.wait_for_load_state()
        documents = {f"/{p.parent.relative_to(sample_output).as_posix()}/"
                     for p in (sample_output / "van-ban").glob("*/index.html") if p.parent.name != "duoc-dan"}
        assert len(seen) == len(set(seen)) and set(seen) == documents
        assert len(visited) >= 3 and visited[-1].endswith("/van-ban/duoc-dan/trang/1/")
        for expected in reversed(visited[:-1]):
            page.click("nav.pager a[rel=prev]")
            page.wait_for_load_state()
            assert page.url == expected
        assert page.query_selector("nav.pager a[rel=prev]") is None  # the list's own page: the newest
