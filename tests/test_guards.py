"""Guards before publishing (`sitegen verify`) and the deploy step that refuses the internal edition."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SITE_YAML, doc, make_site

from sitegen.cli import cli
from sitegen.commands import deploy
from sitegen.commands import verify as verify_mod

ARTICLE = ("---\ntitle: Hội nghị báo cáo viên\ndate: 2024-03-01\n---\nTheo Nghị quyết số 04-NQ/TU, ngày "
           "6/3/2021.\n")
PAGE = "---\ntitle: Giới thiệu\n---\nBản tin thử.\n"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", {"content/van-ban/nq.md": doc(), "content/tin-bai/hn.md": ARTICLE,
                                         "content/gioi-thieu.md": PAGE})


def build(site: Path, *args: str) -> Path:
    result = invoke("build", "--site", str(site), "--no-search", *args)
    assert result.exit_code == 0, result.output
    return site / ("output-noi-bo" if "internal" in args else "output")


def verify(site: Path, *args: str):
    return invoke("verify", "--site", str(site), *args)


def test_a_clean_build_passes_every_guard(site: Path):
    build(site)
    result = verify(site, "--strict")
    assert result.exit_code == 0, result.output
    assert "không có lỗi" in result.output


def test_guards_ignore_what_the_search_stage_writes(site: Path):
    out = build(site)
    (out / "pagefind").mkdir()
    (out / "pagefind/pagefind.js").write_text("export {}")
    (out / "pagefind/broken.html").write_text("<a href='/nowhere/'>")
    (out / "pagefind/x.xml").write_text("<not xml")
    assert verify(site, "--strict").exit_code == 0
    # but the index itself is read: its pages must be the folder's (tests/test_stale_index.py)
    (out / "pagefind/fragment.pf_fragment").write_bytes(b"\x1f\x8b\x00binary")
    result = verify(site)
    assert result.exit_code == 1 and "chỉ mục tìm kiếm hỏng" in result.output


def test_broken_template_link_names_the_output_file_line_and_source(site: Path):
    (site / "templates").mkdir()
    (site / "templates/page.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>\n'
        '<div class="prose">{{ page.body_html|safe }}</div>\n<p><a href="{{ \'/khong-co/\'|url }}">x</a></p>'
        '{% endblock %}', encoding="utf-8")
    out = build(site)
    line = next(i for i, text in enumerate((out / "gioi-thieu/index.html").read_text().splitlines(), 1)
                if "/khong-co/" in text)
    result = verify(site, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    [d] = data["diagnostics"]
    assert (d["code"], d["file"], d["line"]) == ("broken-link", "output/gioi-thieu/index.html", line)
    assert "content/gioi-thieu.md" in d["hint"]


def test_links_must_stay_under_the_base_path(tmp_path: Path):
    site = make_site(tmp_path / "s", {"content/gioi-thieu.md": PAGE},
                     SITE_YAML.replace("https://bantin.example.vn", "https://user.github.io/bantin/"))
    (site / "templates").mkdir()
    (site / "templates/page.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1><p>Chữ.</p>'
        '<a href="/van-ban/">quên bộ lọc url</a><a href="https://user.github.io/khac/">kho khác</a>'
        '<a href="https://example.org/x">ngoài</a><a href="mailto:a@b.vn">thư</a>{% endblock %}')
    build(site)
    result = verify(site)
    assert result.exit_code == 1
    assert result.output.count("nằm ngoài đường dẫn gốc '/bantin/'") == 2
    assert "example.org" not in result.output and "mailto" not in result.output


def test_broken_citation_link_is_reported_as_such(site: Path):
    out = build(site)
    assert 'class="cite"' in (out / "tin-bai/hn/index.html").read_text()
    for page in (out / "van-ban").glob("nghi-quyet-04-nq-tu-2021*/index.html"):
        page.unlink()
    result = verify(site)
    assert result.exit_code == 1 and "liên kết trích dẫn" in result.output
    assert "output/tin-bai/hn/index.html:" in result.output
    assert "sitemap.xml" in result.output  # the sitemap lists the page that is gone


def test_a_missing_anchor_is_a_warning_that_strict_refuses(site: Path):
    (site / "content/gioi-thieu.md").write_text(PAGE + "\n[mục](#khong-co)\n", encoding="utf-8")
    build(site)
    assert verify(site).exit_code == 0
    result = verify(site, "--strict")
    assert result.exit_code == 1 and "không có mục '#khong-co'" in result.output


def test_a_file_with_no_body_is_an_empty_page_pointing_at_the_file(site: Path):
    (site / "content/trong.md").write_text("---\ntitle: Trang trống\n---\n\n", encoding="utf-8")
    build(site)
    result = verify(site)
    assert result.exit_code == 1
    assert "content/trong.md:3: lỗi: trang /trong/ không có nội dung" in result.output


def test_a_template_that_renders_nothing_is_an_empty_page(site: Path):
    (site / "templates").mkdir()
    (site / "templates/page.html").write_text('{% extends "base.html" %}{% block main %}<h1>{{ page.title '
                                              '}}</h1>'
                                              '{% endblock %}')
    build(site)
    result = verify(site)
    assert result.exit_code == 1
    assert "output/gioi-thieu/index.html: lỗi: trang /gioi-thieu/ không có nội dung" in result.output


def test_feed_and_sitemap_must_be_well_formed_xml(site: Path):
    (site / "templates").mkdir()
    (site / "templates/feed.xml").write_text('<?xml version="1.0" encoding="utf-8"?>\n<feed>\n<title>a & '
                                             'b</title>'
                                             '\n</feed>\n')
    (site / "templates/sitemap.xml").write_text('<?xml version="1.0" encoding="utf-8"?>\n<urls></urls>\n')
    build(site)
    result = verify(site)
    assert result.exit_code == 1
    assert "output/feed.xml:3: lỗi: tệp không phải XML hợp lệ" in result.output
    assert "output/sitemap.xml:1: lỗi: phần tử gốc là urls" in result.output


def test_two_sources_one_url_are_reported(site: Path):
    out = build(site)
    (site / "content/van-ban/ban-sao.md").write_text(doc(), encoding="utf-8")  # same type, number, year
    result = verify(site, "--format", "json")
    codes = {(d["code"], d["file"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("url-conflict", "content/van-ban/nq.md") in codes and result.exit_code == 1
    assert (out / "index.html").is_file()


def test_a_static_file_replaced_by_a_page_is_reported(site: Path):
    (site / "static/gioi-thieu").mkdir(parents=True)
    (site / "static/gioi-thieu/index.html").write_text("<p>tệp tĩnh</p>")
    (site / "static/logo.txt").write_text("logo")
    build(site)
    result = verify(site)
    assert result.exit_code == 1
    assert ("static/gioi-thieu/index.html: lỗi: tệp tĩnh này trùng đường dẫn '/gioi-thieu/index.html'"
            in result.output)
    assert "logo.txt" not in result.output


def test_an_internal_page_inside_a_public_folder_is_refused(site: Path):
    out = build(site)
    page = out / "gioi-thieu/index.html"
    page.write_text(page.read_text().replace("<main", '<main><p class="internal-banner">Lưu hành nội bộ</p',
                                             1))
    result = verify(site)
    assert result.exit_code == 1 and "Lưu hành nội bộ" in result.output


def test_verify_checks_the_edition_and_the_folder(site: Path, tmp_path: Path):
    assert verify(site).exit_code == 2  # nothing built yet
    build(site, "--audience", "internal")
    result = verify(site, "--out", str(site / "output-noi-bo"))
    assert result.exit_code == 2 and "là bản nội bộ, không phải bản công khai" in result.output
    assert verify(site, "--audience", "internal", "--strict").exit_code == 0
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    assert verify(site, "--out", str(foreign)).exit_code == 2


def test_verify_parses_again_only_the_pages_that_changed(site: Path, monkeypatch: pytest.MonkeyPatch):
    out = build(site)
    assert verify(site).exit_code == 0
    parsed: list[str] = []
    scan = verify_mod.scan_html
    monkeypatch.setattr(verify_mod, "scan_html", lambda text: parsed.append(text) or scan(text))
    assert verify(site).exit_code == 0 and parsed == []
    page = out / "gioi-thieu/index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="/khong-co/">x</a></main>'))
    result = verify(site)
    assert result.exit_code == 1 and "'/khong-co/'" in result.output and len(parsed) == 1


def test_scan_finds_links_ids_and_text():
    page = verify_mod.scan_html('<body><main id="m"><h1>T</h1><div class="prose"><p>x <a class="cite" '
                                'href="/a/">a</a>'
                            '</p></div><img src="/i.png"><script src="/s.js">var t = '
                            '"text";</script></main></body>')
    assert [(r.url, r.cite) for r in page.refs] == [("/a/", True), ("/i.png", False), ("/s.js", False)]
    assert page.ids == {"m"} and page.main_text and page.prose == 1 and page.prose_text
    empty = verify_mod.scan_html('<body><main><h1>T</h1><div '
                                 'class="prose">\n</div><script>x</script></main></body>')
    assert not empty.main_text and not empty.prose_text


# --- deploy ----------------------------------------------------------------------------------------------

def test_deploy_refuses_the_internal_edition_for_a_public_target(site: Path, tmp_path: Path):
    internal = build(site, "--audience", "internal")
    target = tmp_path / "www"
    result = invoke("deploy", "--site", str(site), "--out", str(internal), "--to", str(target))
    assert result.exit_code == 2 and "NỘI BỘ" in result.output and not target.exists()
    result = invoke("deploy", "--site", str(site), "--out", str(internal), "--to",
                    "u@may-chu:/var/www/bantin")
    assert result.exit_code == 2 and "NỘI BỘ" in result.output
    result = invoke("deploy", "--site", str(site), "--to", str(target), "--internal-target")
    assert result.exit_code == 0, result.output  # default folder for an internal target: output-noi-bo/
    assert "audience: internal" in (target / ".sitegen-output").read_text()


def test_deploy_copies_the_public_edition_and_replaces_only_its_own_folder(site: Path, tmp_path: Path):
    out = build(site)
    target = tmp_path / "www"
    result = invoke("deploy", "--site", str(site), "--to", str(target))
    assert result.exit_code == 0, result.output
    assert verify_mod.output_files(target) == verify_mod.output_files(out)
    (target / "stale.html").write_text("old")
    assert invoke("deploy", "--site", str(site), "--to", str(target)).exit_code == 0
    assert not (target / "stale.html").exists()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "luan-van.docx").write_bytes(b"quan trong")
    result = invoke("deploy", "--site", str(site), "--to", str(foreign))
    assert result.exit_code == 2 and (foreign / "luan-van.docx").read_bytes() == b"quan trong"
    assert invoke("deploy", "--site", str(site), "--to", str(out / "con")).exit_code == 2


def test_deploy_refuses_a_folder_sitegen_did_not_build(tmp_path: Path):
    (tmp_path / "thu-muc").mkdir()
    result = invoke("deploy", "--out", str(tmp_path / "thu-muc"), "--to", str(tmp_path / "www"))
    assert result.exit_code == 2 and ".sitegen-output" in result.output


@pytest.fixture
def fake_rsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `rsync` on PATH that records its arguments (and fails when asked to)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "rsync.log"
    script = bin_dir / "rsync"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\n[ -z "$RSYNC_FAIL" ] || exit 23\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


def test_deploy_over_rsync_mirrors_the_folder(site: Path, fake_rsync: Path, monkeypatch: pytest.MonkeyPatch):
    out = build(site)
    result = invoke("deploy", "--site", str(site), "--to", "bantin@may-chu.example.vn:/var/www/bantin")
    assert result.exit_code == 0, result.output
    args = fake_rsync.read_text().splitlines()
    assert "--delete" in args and "--archive" in args
    assert args[-2:] == [f"{out}/", "bantin@may-chu.example.vn:/var/www/bantin/"]
    monkeypatch.setenv("RSYNC_FAIL", "1")
    result = invoke("deploy", "--site", str(site), "--to", "bantin@may-chu.example.vn:/var/www/bantin")
    assert result.exit_code == 2 and "mã 23" in result.output


@pytest.mark.parametrize("target", ["u@may-chu:", "u@may-chu:/", "may-chu:~", "rsync://may-chu/"])
def test_deploy_refuses_a_remote_root_or_home(site: Path, fake_rsync: Path, target: str):
    build(site)
    result = invoke("deploy", "--site", str(site), "--to", target)
    assert result.exit_code == 2 and "không dùng được" in result.output
    assert not fake_rsync.exists()


def test_remote_targets_are_told_from_local_folders():
    assert deploy.is_remote("u@host:/var/www") and deploy.is_remote("host:www") and deploy.is_remote("rsync://h/m")
    assert (not deploy.is_remote("/var/www") and not deploy.is_remote("./a:b") and
            not deploy.is_remote("C:\\www"))
