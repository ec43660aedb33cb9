"""Editions (số bản tin): tables of contents in reading order, previous/next, back-links, and the mistakes an
editor can make in an edition file, reported at file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import doc, make_site

from sitegen.build import BuildOptions, build
from sitegen.pipeline import editions


def article(title: str, date: str = "2020-05-08", extra: str = "") -> str:
    return f"---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\nNội dung bài {title}.\n"


def edition(number: int, date: str, items: list[str], extra: str = "") -> str:
    listed = "".join(f"\n  - {item}" for item in items) or " []"
    return f"---\nnumber: {number}\ndate: {date}\n{extra}items:{listed}\n---\nLời giới thiệu số {number}.\n"


def sample(root: Path, **overrides: str) -> Path:
    files = {
        "content/van-ban/nq.md": doc(title="Về công tác tư tưởng", body="Nội dung nghị quyết."),
        "content/tin-bai/a.md": article("Hội nghị báo cáo viên quý II"),
        "content/tin-bai/b.md": article("Tuyên truyền bầu cử", "2020-04-01", "edition: 2020-so-03\n"),
        "content/tin-bai/c.md": article("Giao ban tuyên giáo", "2020-03-01", "edition: 2020-so-03\n"),
        "content/ban-tin/2020-so-03.md": edition(3, "2020-05-15", ["../tin-bai/a.md", "van-ban/nq.md"],
                                                 'quarter: 2\ntitle: "Chào mừng Đại hội"\n'),
        "content/ban-tin/2020-so-02.md": edition(2, "2020-03-20", ["/tin-bai/a/"]),
        "content/ban-tin/2019-so-12.md": edition(12, "2019-12-20", [], "month: 12\n"),
    }
    files.update(overrides)
    return make_site(root, files)


def main_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html.split('<main id="noi-dung"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    result = build(sample(tmp_path / "site"), BuildOptions(out=tmp_path / "out"))
    assert not result.failed(), [d.format() for d in result.diagnostics]
    return tmp_path / "out"


def test_edition_page_lists_items_in_order_then_those_naming_it_oldest_first(built: Path):
    html = main_of(built / "ban-tin/2020-so-03/index.html")
    titles = re.findall(r'<span class="toc-title">([^<]+)</span>', html)
    assert titles == ["Hội nghị báo cáo viên quý II", "Về công tác tư tưởng", "Giao ban tuyên giáo",
                      "Tuyên truyền bầu cử"]
    assert "Số 03 năm 2020" in html and "Chào mừng Đại hội" in html and "Quý II năm 2020" in html
    assert "Lời giới thiệu số 3." in html
    assert '<span class="toc-kind">Nghị quyết <span class="symbol">04-NQ/TU</span></span>' in html


def test_editions_link_to_the_previous_and_next_issue_across_years(built: Path):
    middle = main_of(built / "ban-tin/2020-so-02/index.html")
    assert re.search(r'<a rel="prev" href="/ban-tin/2019-so-12/">[^<]*Số 12 năm 2019</a>', middle)
    assert re.search(r'<a rel="next" href="/ban-tin/2020-so-03/">[^<]*Số 03 năm 2020', middle)
    assert 'rel="next"' not in main_of(built / "ban-tin/2020-so-03/index.html")
    assert 'rel="prev"' not in main_of(built / "ban-tin/2019-so-12/index.html")


def test_list_of_editions_groups_by_year_newest_first(built: Path):
    html = main_of(built / "ban-tin/index.html")
    assert re.findall(r'<h2 id="nam-(\d+)"', html) == ["2020", "2019"]
    assert re.findall(r'href="/ban-tin/([^/]+)/"', html) == ["2020-so-03", "2020-so-02", "2019-so-12"]
    assert "Tháng 12 năm 2019" in html and "4 bài" in html
    assert '<a href="/ban-tin/">Các số bản tin</a>' in (built / "index.html").read_text(encoding="utf-8")


def test_items_link_back_to_every_edition_they_appear_in(built: Path):
    html = (built / "tin-bai/a/index.html").read_text(encoding="utf-8")
    back = re.search(r'<p class="edition-backlink">(.*?)</p>', html).group(1)
    assert re.findall(r'href="(/ban-tin/[^"]+)"', back) == ["/ban-tin/2020-so-02/", "/ban-tin/2020-so-03/"]
    assert "(Chào mừng Đại hội)" in back
    document = (built / "van-ban/nghi-quyet-04-nq-tu-2021/index.html").read_text(encoding="utf-8")
    assert 'class="edition-backlink"' in document


def test_a_site_without_editions_has_no_editions_link_or_page(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/tin-bai/a.md": article("A")})
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    assert not (tmp_path / "out/ban-tin").exists()
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert ("/ban-tin/" not in home and
            "edition-backlink" not in (tmp_path / "out/tin-bai/a/index.html").read_text())


def messages(tmp_path: Path, **files: str) -> list[str]:
    result = build(sample(tmp_path / "site", **files), BuildOptions(out=tmp_path / "out", check_only=True))
    return [d.format() for d in result.diagnostics]


def test_missing_item_is_an_error_at_its_line(tmp_path: Path):
    items = ["../tin-bai/a.md", "tin-bai/khong-co.md"]
    found = messages(tmp_path, **{"content/ban-tin/2020-so-03.md": edition(3, "2020-05-15", items)})
    assert found == [("content/ban-tin/2020-so-03.md:6: lỗi: mục 'tin-bai/khong-co.md' trong 'items' "
                      "(mục lục): không có tệp content/tin-bai/khong-co.md")]


def test_item_outside_content_a_plain_page_or_twice(tmp_path: Path):
    files = {
        "content/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nX\n",
        "content/ban-tin/2020-so-03.md": edition(3, "2020-05-15", ["../../site.yaml.md", "/gioi-thieu/",
                                                                   "../tin-bai/a.md", "/tin-bai/a/"]),
    }
    found = messages(tmp_path, **files)
    assert found == [
        ("content/ban-tin/2020-so-03.md:5: lỗi: mục '../../site.yaml.md' trong 'items' (mục lục) trỏ ra "
         "ngoài thư mục content/"),
        ("content/ban-tin/2020-so-03.md:6: lỗi: mục '/gioi-thieu/' trong 'items' (mục lục) là trang thường; "
         "số bản tin chỉ gồm văn bản và tin bài"),
        ("content/ban-tin/2020-so-03.md:8: cảnh báo: mục '/tin-bai/a/' có hai lần trong 'items' (mục lục); "
         "chỉ giữ lần đầu"),
    ]


def test_draft_item_is_a_warning_and_left_out(tmp_path: Path):
    found = messages(tmp_path, **{"content/tin-bai/a.md": article("A", extra="draft: true\n")})
    assert found == [
        ("content/ban-tin/2020-so-02.md:5: cảnh báo: mục '/tin-bai/a/' trong 'items' (mục lục) là bản nháp "
         "nên chưa có trong số này"),
        ("content/ban-tin/2020-so-03.md:7: cảnh báo: mục '../tin-bai/a.md' trong 'items' (mục lục) là bản "
         "nháp nên chưa có trong số này"),
    ]


def test_unknown_edition_named_by_an_article_suggests_the_closest(tmp_path: Path):
    found = messages(tmp_path, **{"content/tin-bai/b.md": article("B", extra="edition: 2020-so-3\n")})
    assert found == [("content/tin-bai/b.md:4: lỗi: trường 'edition' (số bản tin): không có số bản tin "
                      "'2020-so-3' trong "
                     "content/ban-tin/ (ý bạn là '2020-so-03'?)")]


def test_two_files_with_one_number_and_year_and_both_quarter_and_month(tmp_path: Path):
    found = messages(tmp_path, **{
        "content/ban-tin/so-3-ban-sao.md": edition(3, "2020-06-01", []),
        "content/ban-tin/2019-so-12.md": edition(12, "2019-12-20", [], "quarter: 4\nmonth: 12\n"),
    })
    assert ("content/ban-tin/so-3-ban-sao.md:2: lỗi: số 03 năm 2020 trùng với content/ban-tin/2020-so-03.md"
            in found)
    assert any(m.startswith("content/ban-tin/2019-so-12.md:5: lỗi: trường 'month' (tháng)")
               and "'quarter'" in m for m in found)


def test_edition_file_schema_is_closed(tmp_path: Path):
    found = messages(tmp_path, **{"content/ban-tin/2019-so-12.md": "---\nnumber: 12\ndate: 2019-12-20\ntags: "
                                                                   "[A]\n---\n"})
    assert found == [("content/ban-tin/2019-so-12.md:4: lỗi: trường 'tags' không có trong lược đồ (các "
                      "trường hợp lệ: "
                     "number, year, quarter, month, date, title, summary, board, cover, cover_caption, "
                     "colophon, items, "
                     "slug, draft, audience, extra)")]


def test_public_site_leaves_out_internal_items_and_editions_without_a_trace(tmp_path: Path):
    site = sample(tmp_path / "site", **{
        "content/tin-bai/mat.md": article("Tin nội bộ mật", extra="audience: internal\n"),
        "content/ban-tin/2020-so-03.md": edition(3, "2020-05-15", ["../tin-bai/mat.md", "../tin-bai/a.md"]),
        "content/ban-tin/2020-so-04.md": edition(4, "2020-06-15", ["../tin-bai/a.md"],
                                                 "audience: internal\n"),
        "content/tin-bai/d.md": article("D", extra="edition: 2020-so-04\n"),
    })
    public = build(site, BuildOptions(out=tmp_path / "public"))
    assert not public.failed() and public.diagnostics == []
    html = (tmp_path / "public/ban-tin/2020-so-03/index.html").read_text(encoding="utf-8")
    assert "Tin nội bộ mật" not in html
    assert re.findall(r'class="toc-title">([^<]+)<', html) == ["Hội nghị báo cáo viên quý II",
                                                               "Giao ban tuyên giáo",
                                                               "Tuyên truyền bầu cử"]
    assert not (tmp_path / "public/ban-tin/2020-so-04").exists()
    assert "2020-so-04" not in "".join(p.read_text(encoding="utf-8")
                                       for p in (tmp_path / "public").rglob("*.html"))
    internal = build(site, BuildOptions(out=tmp_path / "internal", audience="internal"))
    assert not internal.failed()
    page = (tmp_path / "internal/ban-tin/2020-so-04/index.html").read_text(encoding="utf-8")
    assert "Lưu hành nội bộ" in page and 'content="noindex, nofollow"' in page


@pytest.mark.parametrize("item, expected", [
    ("../tin-bai/a.md", ("file", "content/tin-bai/a.md")),
    ("tin-bai/a.md", ("file", "content/tin-bai/a.md")),
    ("content/van-ban/b.md", ("file", "content/van-ban/b.md")),
    ("./a.md", ("file", "content/ban-tin/a.md")),
    ("/tin-bai/a/", ("url", "/tin-bai/a/")),
    ("tin-bai/a", ("url", "/tin-bai/a/")),
    ("../../etc/passwd.md", None),
])
def test_resolve_item_forms(item, expected):
    assert editions.resolve_item(item, "content/ban-tin/2020-so-03.md") == expected
