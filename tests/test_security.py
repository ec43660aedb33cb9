"""Untrusted text: no markup, no scripts, no template evaluation, no path out of the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import doc, make_site

from sitegen.cli import cli

pytestmark = pytest.mark.pagefind


def build(site: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    return result.exit_code, result.output


def page(site: Path, rel: str = "van-ban/nghi-quyet-04-nq-tu-2021/index.html") -> str:
    return (site / "output" / rel).read_text(encoding="utf-8")


def test_raw_html_in_markdown_is_shown_as_text(tmp_path: Path):
    body = ('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<a '
            'href="javascript:alert(3)">x</a>\n\n'
            '[bấm](javascript:alert(4)) [dữ liệu](data:text/html;base64,PHNjcmlwdD4=) <iframe '
            'src="//evil"></iframe>\n')
    site = make_site(tmp_path, {"content/van-ban/a.md": doc(body=body)})
    assert build(site)[0] == 0
    html = page(site).split('class="vb-body prose">', 1)[1].split("</div>", 1)[0]
    assert ("<script" not in html and "<img" not in html and "<iframe" not in html and
            "<a href=\"javascript" not in html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html


def test_front_matter_values_are_always_escaped(tmp_path: Path):
    title = '<script>alert(1)</script> & \\"trích yếu\\"'
    site = make_site(tmp_path,
                     {"content/van-ban/a.md": doc(title=title, issuer='Tỉnh ủy <b onclick=\\"x\\">')})
    assert build(site)[0] == 0
    for html in (page(site), page(site, "van-ban/index.html"), page(site, "index.html")):
        assert "<script>alert" not in html and "<b onclick" not in html
    assert "&lt;script&gt;alert" in page(site)
    assert "<script>" not in (site / "output/feed.xml").read_text(encoding="utf-8")


def test_content_is_never_evaluated_as_a_template(tmp_path: Path):
    site = make_site(tmp_path,
                     {"content/van-ban/a.md": doc(title="{{ 7*7 }}",
                                                  body="{{ site.base_url }} {% raw %}x\n")})
    assert build(site)[0] == 0
    html = page(site)
    assert "{{ 7*7 }}" in html and "49" not in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "{{ site.base_url }}" in html


def test_slugs_cannot_leave_the_output_folder(tmp_path: Path):
    site = make_site(tmp_path / "site",
                     {"content/van-ban/a.md": doc().replace("date:", "slug: ../../../etc\ndate:", 1)})
    code, output = build(site)
    assert code == 1 and "'slug'" in output and "chữ thường không dấu" in output
    assert not (tmp_path / "etc").exists()


def test_file_names_with_dots_and_spaces_become_safe_urls(tmp_path: Path):
    site = make_site(tmp_path / "site",
                     {"content/tin-bai/Tin   Đặc biệt!..md": "---\ntitle: T\ndate: 2024-01-01\n---\nX\n"})
    assert build(site)[0] == 0
    assert (site / "output/tin-bai/tin-dac-biet/index.html").is_file()


def test_links_to_content_files_are_rewritten_and_links_outside_are_rejected(tmp_path: Path):
    body = "Xem [nghị quyết](nq.md#muc-1) và [tin](../tin-bai/t.md).\n"
    site = make_site(tmp_path / "site", {
        "content/van-ban/nq.md": doc(),
        "content/van-ban/hd.md": doc(title="HD", type="huong-dan", number="12-HD/HU", date="2022-01-01",
                                     body=body),
        "content/tin-bai/t.md": "---\ntitle: T\ndate: 2024-01-01\n---\nX\n",
    })
    assert build(site)[0] == 0
    html = page(site, "van-ban/huong-dan-12-hd-hu-2022/index.html")
    assert ('<a href="/van-ban/nghi-quyet-04-nq-tu-2021/#muc-1">nghị quyết</a>' in html and
            '<a href="/tin-bai/t/">tin</a>' in html)
    (site / "content/tin-bai/t.md").write_text("---\ntitle: T\ndate: 2024-01-01\n---\n[bí "
                                               "mật](../../../etc/passwd.md) [mất](khong-co.md)\n")
    code, output = build(site)
    assert code == 1
    where = "content/tin-bai/t.md:5: lỗi: liên kết"
    assert f"{where} '../../../etc/passwd.md' trỏ ra ngoài thư mục content/" in output
    assert f"{where} 'khong-co.md' tới tệp content/tin-bai/khong-co.md không có" in output


def test_html_comments_are_editors_notes_and_are_published_nowhere(tmp_path: Path):
    body = ("Đoạn một <!-- zqxnote1 ghi chú --> tiếp.\n\n<!-- zqxnote2\nnhiều dòng,\n\ncả dòng trống -->\n\n"
            "- ý <!-- zqxnote3 -->\n\nChưa đóng <!-- vẫn hiện\n\n`<!-- trong mã -->`\n")
    site = make_site(tmp_path, {"content/van-ban/a.md": doc(body=body)})
    assert build(site)[0] == 0
    html = page(site)
    assert "Đoạn một  tiếp." in html and "Chưa đóng &lt;!-- vẫn hiện" in html
    assert "<code>&lt;!-- trong mã --&gt;</code>" in html
    leaks = [p for p in (site / "output").rglob("*") if p.is_file() and b"zqxnote" in p.read_bytes()]
    assert leaks == []
