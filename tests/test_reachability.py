"""Every page of the sample site can be reached from the home page by following links, and every list says
how many pages it leads to, truly: the count a type list shows is the number of document pages of that type,
cited documents without full text included (they are listed in their own group)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from conftest import make_site

from sitegen.build import BuildOptions, build

ORIGIN = "https://bantin.example.vn"


class Links(HTMLParser):
    """The targets of a page's links (<a href>), and the text inside chosen elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def page_file(output: Path, href: str, base: str = "/") -> Path | None:
    """The output file a site-internal link opens, or None for an outside link."""
    href = urldefrag(href)[0]
    if href.startswith(ORIGIN):
        href = href[len(ORIGIN):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith(base):
        return None
    path = parts.path[len(base):]
    target = output / path / "index.html" if path == "" or path.endswith("/") else output / path
    return target if target.suffix == ".html" else None


def reachable(output: Path) -> set[Path]:
    seen, todo = set(), [output / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        todo += [t for t in (page_file(output, h) for h in parser.hrefs) if t is not None and t not in seen]
    return seen


def test_every_page_is_reachable_from_home_by_links(sample_output: Path):
    pages = {p for p in sample_output.rglob("*.html") if p.name != "404.html" and "pagefind" not in p.parts}
    unreached = sorted(str(p.relative_to(sample_output)) for p in pages - reachable(sample_output))
    assert unreached == []


def test_a_page_only_a_citation_leads_to_is_reachable_through_the_lists(tmp_path: Path):
    """A stub, reachable only by its citation before lists showed stubs: now also by type, issuer, year."""
    body = "Thực hiện Nghị quyết số 05-NQ/TW ngày 01/11/2016 của Ban Chấp hành Trung ương."
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc_text(body)})
    result = build(site, BuildOptions(search=False))
    assert not result.errors
    out = site / "output"
    stub = out / "van-ban" / "nghi-quyet-05-nq-tw-2016" / "index.html"
    assert stub.is_file()
    for listing in ("van-ban/duoc-dan", "loai/nghi-quyet", "nam/2016", "co-quan/ban-chap-hanh-trung-uong"):
        html = (out / listing / "index.html").read_text(encoding="utf-8")
        assert 'href="/van-ban/nghi-quyet-05-nq-tw-2016/"' in html, listing
    # the documents list has a document with full text: its stubs are a group of their own, one link away
    html = (out / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert "Văn bản được dẫn, chưa đăng toàn văn" in html and 'href="/van-ban/duoc-dan/"' in html


def doc_text(body: str) -> str:
    from conftest import doc

    return doc(title="Về công tác tư tưởng", type="ke-hoach", number="12-KH/TU", issuer="Tỉnh ủy Hà Nam",
               date="2022-03-08", body=body)


# --- counts -------------------------------------------------------------------------------------------

COUNT = re.compile(r'<p class="list-info">(\d+) (?:mục|văn bản được dẫn)')
ITEM_LINK = re.compile(r'<a class="item-title" href="([^"]+)"')
OLDER = re.compile(r'<a rel="next" href="([^"]+)"')
TYPE_OF_DOCUMENT = re.compile(r'<span class="vb-type">([^<]+)</span>')
TYPE_OF_STUB = re.compile(r'<article class="vanban-stub"[^>]*>.*?<span class="badge">([^<]+)</span>', re.S)


def listed(output: Path, first: Path) -> tuple[int, list[str]]:
    """A list's stated count and every item it links to, through all its pages."""
    html = first.read_text(encoding="utf-8")
    match = COUNT.search(html)
    assert match, first
    urls: list[str] = []
    page: Path | None = first
    while page is not None:  # the pager's "older" links: newest to oldest, then the stub group
        html = page.read_text(encoding="utf-8")
        urls += ITEM_LINK.findall(html)
        older = OLDER.search(html)
        page = output / older.group(1).strip("/") / "index.html" if older else None
    return int(match.group(1)), urls


def document_pages(output: Path) -> dict[str, str]:
    """URL -> type label of every document page, with or without full text."""
    types = {}
    for page in (output / "van-ban").glob("*/index.html"):
        if page.parent.name == "duoc-dan":  # the stub group's list, not a document
            continue
        html = page.read_text(encoding="utf-8")
        found = TYPE_OF_DOCUMENT.search(html) or TYPE_OF_STUB.search(html)
        assert found, page
        types["/" + str(page.parent.relative_to(output)) + "/"] = found.group(1)
    return types


def test_all_documents_list_counts_every_document_page(sample_output: Path):
    count, urls = listed(sample_output, sample_output / "van-ban" / "index.html")
    pages = document_pages(sample_output)
    assert count == len(urls) == len(set(urls)) == len(pages)
    assert set(urls) == set(pages)


def test_type_lists_count_the_pages_of_their_type(sample_output: Path):
    per_type = Counter(document_pages(sample_output).values())
    terms = (sample_output / "loai" / "index.html").read_text(encoding="utf-8")
    listed_types = re.findall(r'<li><a href="/loai/([^/]+)/">([^<]+)</a> <span class="count">(\d+)', terms)
    assert listed_types
    for slug, label, stated in listed_types:
        count, urls = listed(sample_output, sample_output / "loai" / slug / "index.html")
        assert int(stated) == count == len(set(urls)) == per_type[label], label
    assert sum(int(n) for _, _, n in listed_types) == sum(per_type.values())


@pytest.mark.parametrize("taxonomy", ["co-quan", "nam", "chu-de"])
def test_term_lists_link_as_many_pages_as_they_say(sample_output: Path, taxonomy: str):
    terms = (sample_output / taxonomy / "index.html").read_text(encoding="utf-8")
    pattern = rf'<li><a href="/{taxonomy}/([^/]+)/">[^<]+</a> <span class="count">(\d+)'
    listed_terms = re.findall(pattern, terms)
    assert listed_terms
    for slug, stated in listed_terms:
        count, urls = listed(sample_output, sample_output / taxonomy / slug / "index.html")
        assert int(stated) == count == len(urls) == len(set(urls)), slug
