"""What a reader meets on a page besides its text: validity status at the top and in lists and search filters,
breadcrumbs, a long document's table of contents and facts line, a draft's missing number, a cited document's
name instead of "(chưa rõ trích yếu)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SITE_YAML, doc, make_site

from sitegen.build import BuildOptions, build

OLD = doc(title="Về công tác tuyên truyền", type="quyet-dinh", number="10-QĐ/TU", issuer="Tỉnh ủy Hà Nam",
          date="2019-05-02", body="Nội dung.")
NEW = """---
title: "Về công tác tuyên truyền trong tình hình mới"
type: quyet-dinh
number: "25-QĐ/TU"
issuer: "Tỉnh ủy Hà Nam"
date: 2023-02-03
relations:
  - {type: thay-the, number: "10-QĐ/TU", date: 2019-05-02, issuer: "Tỉnh ủy Hà Nam"}
  - {type: bai-bo, number: "07-QĐ/TU", date: 2018, issuer: "Tỉnh ủy Hà Nam"}
---
## I. Mục đích

Nội dung.

## II. Nội dung

### 1. Tuyên truyền

Nội dung.

### 2. Kiểm tra

Nội dung.
"""
DRAFT = doc(title="Kế hoạch tuyên truyền", type="ke-hoach", number="/KH-UBND", issuer="UBND huyện Kim Bảng",
            date="2023", body="Nội dung.")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("readers") / "site",
                     {"content/van-ban/cu.md": OLD, "content/van-ban/moi.md": NEW,
                      "content/van-ban/du-thao.md": DRAFT},
                     SITE_YAML + 'province: "Hà Nam"\n')
    result = build(site, BuildOptions(search=False))
    assert not result.errors, [d.format() for d in result.diagnostics]
    return site / "output"


def page(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_replaced_document_says_so_at_the_top_with_the_link(out: Path):
    html = page(out, "/van-ban/quyet-dinh-10-qd-tu-2019/")
    notice = html.split('<main id="noi-dung"', 1)[1].split('class="vanban', 1)[0]
    assert 'class="status-notice status-thay-the" role="note"' in notice
    assert "Văn bản này đã được thay thế bởi" in notice
    assert 'href="/van-ban/quyet-dinh-25-qd-tu-2023/"' in notice
    assert 'data-f-tinh-trang="thay-the"' in html


def test_abolished_document_without_full_text_says_so_too(out: Path):
    html = page(out, "/van-ban/van-ban-07-qd-tu-2018-ha-nam/")
    assert "Văn bản này đã bị bãi bỏ bởi" in html and 'data-f-tinh-trang="bai-bo"' in html


def test_lists_mark_replaced_documents_and_search_can_filter_on_it(out: Path):
    listing = page(out, "/loai/quyet-dinh/")
    row = listing.split('href="/van-ban/quyet-dinh-10-qd-tu-2019/"', 1)[0].rsplit('<li class="item', 1)[1]
    assert '<span class="badge badge-status badge-thay-the">Đã được thay thế</span>' in row
    assert 'data-f-tinh-trang="khong"' in page(out, "/van-ban/quyet-dinh-25-qd-tu-2023/")
    search = page(out, "/tim-kiem/")
    select = search.split('id="loc-tinh-trang"', 1)[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)">', select)
    assert options == ["", "bai-bo", "thay-the", "khong"]


def test_every_page_below_home_has_breadcrumbs(out: Path):
    html = page(out, "/van-ban/quyet-dinh-25-qd-tu-2023/")
    crumbs = html.split('<nav class="breadcrumbs wrap"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">', crumbs) == ["/", "/van-ban/", "/loai/quyet-dinh/"]
    assert '<span aria-current="page">Quyết định <span class="nobr">25-QĐ/TU</span></span>' in crumbs
    assert '<nav class="breadcrumbs wrap"' not in (out / "index.html").read_text(encoding="utf-8")
    for url in ("/van-ban/", "/loai/", "/loai/quyet-dinh/", "/tim-kiem/", "/van-ban/ke-hoach-kh-ubnd-2023/"):
        assert '<nav class="breadcrumbs wrap"' in page(out, url), url


def test_long_document_has_a_table_of_contents_and_a_facts_line(out: Path):
    html = page(out, "/van-ban/quyet-dinh-25-qd-tu-2023/")
    side = html.split('<nav class="doc-toc-side"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'<a href="#([^"]+)">', side)
    assert anchors == ["i-muc-dich", "ii-noi-dung", "1-tuyen-truyen", "2-kiem-tra"]
    assert '<details class="doc-toc-top"' in html
    for anchor in ("i-muc-dich", "2-kiem-tra"):
        assert f'id="{anchor}"' in html
    facts = html.split('<p class="doc-facts"', 1)[1].split("</p>", 1)[0]
    assert "ngày 03 tháng 02 năm 2023" in facts and 'href="#ttvb"' in facts and 'id="ttvb"' in html
    assert '<nav class="doc-toc-side"' not in page(out, "/van-ban/quyet-dinh-10-qd-tu-2019/")  # short text


def test_a_draft_without_number_is_shown_as_such(out: Path):
    listing = page(out, "/van-ban/")
    row = listing.split('href="/van-ban/ke-hoach-kh-ubnd-2023/"', 1)[0].rsplit('<li class="item', 1)[1]
    assert '<span class="symbol">(chưa có số)</span>' in row and "/KH-UBND" not in row
    html = page(out, "/van-ban/ke-hoach-kh-ubnd-2023/")
    assert 'Số: <span class="nobr">/KH-UBND</span>' in html  # the paper header keeps its blank number


def test_cited_document_without_title_is_named_by_issuer_and_year_in_search(out: Path):
    html = page(out, "/van-ban/van-ban-07-qd-tu-2018-ha-nam/")
    title = re.search(r'data-m-title="([^"]*)"', html)
    assert title and "chưa rõ trích yếu" not in title.group(1)
    assert title.group(1).startswith("Văn bản 07-QĐ/TU") and title.group(1).endswith("2018")


def test_search_finds_what_citations_say_about_a_document_below_full_texts(sample_output: Path):
    """The sample site quotes plans 227, 280 and 312 in sentences about chuyển đổi số; a diacritic-free query
    finds them, names them without "(chưa rõ trích yếu)", and a stub found only through what citing
    sentences say (280: no trích yếu is known) ranks below the full text. Stubs whose trích yếu the
    citations give (227, 312: "… chuyển đổi số …") rank by that title, as full texts do."""
    pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    from browser import search
    from sample_pages import DESKTOP, opened, sample_browser

    with sample_browser(sample_output) as (root, browser), \
            opened(browser, root + "tim-kiem/", DESKTOP) as tab:
        results = search(tab, "ke hoach chuyen doi so")
    urls = [r["url"] for r in results]
    full, quoted_only = "/van-ban/ke-hoach-kh-ubnd-2023/", "/van-ban/ke-hoach-280-kh-ubnd-2022-binh-phuoc/"
    assert full in urls and quoted_only in urls, urls
    assert urls.index(full) < urls.index(quoted_only), urls
    titled = {"/van-ban/ke-hoach-227-kh-ubnd-2023-binh-phuoc/",
              "/van-ban/ke-hoach-312-kh-ubnd-2021-binh-phuoc/"}
    for stub in titled:
        assert stub in urls, urls
        assert "chuyển đổi số" in results[urls.index(stub)]["title"]
    assert "chuyển đổi số" not in results[urls.index(quoted_only)]["title"]
    assert not any("chưa rõ trích yếu" in r["title"] for r in results)
