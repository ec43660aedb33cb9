"""Public and internal editions: nothing internal reaches the public build, in any file or form."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SITE_YAML, all_text, doc, make_site

from sitegen.cli import cli

MARKERS = {f: f"zqx{f}marker" for f in
           ["title", "issuer", "parent", "place", "onbehalf", "position", "name", "recipient", "tag",
            "summary",
            "body", "extra", "arttitle", "artbody", "author", "caption", "pagetitle", "pagebody"]}
M = MARKERS

INTERNAL_DOC = f"""---
title: "Trích yếu {M['title']}"
type: nghi-quyet
number: "991-NQ/TU"
issuer: "Tỉnh ủy {M['issuer']}"
parent: "Đảng bộ {M['parent']}"
place: "{M['place']}"
date: 2022-02-01
audience: internal
signer:
  on_behalf: "T/M {M['onbehalf']}"
  position: "{M['position']}"
  name: "{M['name']}"
recipients: ["{M['recipient']}"]
tags: ["{M['tag']}"]
summary: "{M['summary']}"
extra: {{ note: "{M['extra']}" }}
---
Nội dung mật {M['body']}. Xem Nghị quyết số 04-NQ/TU, ngày 6/3/2021.
"""

CITED_INTERNAL = doc(title="Tiêu đề nội bộ được dẫn zqxcitedtitle", number="777-NQ/TU", date="2022-02-01",
                     body="Nội dung zqxcitedbody.").replace("---\n", "---\naudience: internal\n", 1)

PUBLIC_CITING = doc(title="Văn bản công khai", type="huong-dan", number="12-HD/HU",
                    issuer="Huyện ủy Kim Bảng",
                    date="2022-03-08", body="Thực hiện Nghị quyết số 777-NQ/TU, ngày 01/02/2022 của Ban "
                                            "Thường vụ Tỉnh ủy.\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", {
        "content/van-ban/cong-khai.md": PUBLIC_CITING,
        "content/van-ban/nq04.md": doc(),
        "content/van-ban/noi-bo.md": INTERNAL_DOC,
        "content/van-ban/duoc-dan.md": CITED_INTERNAL,
        "content/tin-bai/noi-bo.md": f"---\ntitle: {M['arttitle']}\ndate: 2022-05-01\nauthor: {M['author']}\n"
                                      f"image_caption: {M['caption']}\naudience: "
                                      f"internal\n---\n{M['artbody']}\n",
        "content/trang-noi-bo.md": f"---\ntitle: {M['pagetitle']}\naudience: internal\n---\n"
                                   f"{M['pagebody']}\n",
    }, site_yaml=SITE_YAML + 'province: "Hà Nam"\n')


@pytest.mark.pagefind
def test_public_edition_leaks_no_internal_marker_anywhere(site: Path):
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    texts = all_text(site / "output")
    assert len(texts) > 15
    secrets = [*MARKERS.values(), "991-NQ/TU", "zqxcitedtitle", "zqxcitedbody"]
    leaks = [(f, m) for f, t in texts.items() for m in secrets if m in t]
    assert leaks == [], f"internal material in the public edition: {leaks}"
    if (site / "output/pagefind").is_dir():
        assert any(f.startswith("pagefind/") for f in texts)


@pytest.mark.pagefind
def test_public_citation_of_an_internal_document_is_plain_text(site: Path):
    CliRunner().invoke(cli, ["build", "--site", str(site)])
    html = (site / "output/van-ban/huong-dan-12-hd-hu-2022/index.html").read_text(encoding="utf-8")
    # not split by a link
    assert ('Thực hiện Nghị quyết số <span class="nobr">777-NQ/TU</span>, ngày 01/02/2022 của Ban Thường vụ '
            'Tỉnh ủy.') in html
    assert "nghi-quyet-777" not in html
    assert not list((site / "output/van-ban").glob("nghi-quyet-777*"))  # no page, not even a stub


@pytest.mark.pagefind
def test_internal_edition_has_everything_marked_and_not_indexed_by_robots(site: Path):
    result = CliRunner().invoke(cli, ["build", "--site", str(site), "--audience", "internal"])
    assert result.exit_code == 0, result.output
    out = site / "output-noi-bo"
    html = (out / "van-ban/nghi-quyet-991-nq-tu-2022/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert '<p class="internal-banner">Lưu hành nội bộ</p>' in html and M["body"] in html
    public_doc = (out / "van-ban/huong-dan-12-hd-hu-2022/index.html").read_text(encoding="utf-8")
    assert "internal-banner" not in public_doc and 'href="/van-ban/nghi-quyet-777-nq-tu-2022/"' in public_doc
    assert (out / ".sitegen-output").read_text().splitlines()[1] == "audience: internal"
    assert not (site / "output").exists()  # the editions never share a folder


@pytest.mark.pagefind
def test_default_audience_comes_from_site_yaml(site: Path):
    (site / "site.yaml").write_text(SITE_YAML + "default_audience: internal\n", encoding="utf-8")
    (site / "content/van-ban/nq04.md").write_text(doc(title="Không ghi audience zqxdefault"),
                                                  encoding="utf-8")
    CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert not any("zqxdefault" in t for t in all_text(site / "output").values())


@pytest.mark.pagefind
def test_an_edition_never_replaces_the_other_editions_folder(site: Path):
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--site", str(site)]).exit_code == 0
    before = sorted(p.relative_to(site).as_posix() for p in (site / "output").rglob("*"))
    result = runner.invoke(cli, ["build", "--site", str(site), "--audience", "internal", "--out",
                                 str(site / "output")])
    assert result.exit_code == 2
    said = f"thư mục xuất {site / 'output'} đang chứa bản công khai; sitegen không ghi bản nội bộ"
    assert said in result.output
    assert sorted(p.relative_to(site).as_posix() for p in (site / "output").rglob("*")) == before
    assert runner.invoke(cli, ["build", "--site", str(site), "--audience", "internal"]).exit_code == 0
    result = runner.invoke(cli, ["build", "--site", str(site), "--out", str(site / "output-noi-bo")])
    assert result.exit_code == 2 and "đang chứa bản nội bộ" in result.output
    assert M["body"] in all_text(site / "output-noi-bo")["van-ban/nghi-quyet-991-nq-tu-2022/index.html"]


@pytest.mark.pagefind
def test_robots_txt_turns_every_robot_away_from_the_internal_edition(site: Path):
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--site", str(site), "--audience", "internal"]).exit_code == 0
    assert (site / "output-noi-bo/robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert runner.invoke(cli, ["build", "--site", str(site)]).exit_code == 0
    assert (site / "output/robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://bantin.example.vn/sitemap.xml\n")
