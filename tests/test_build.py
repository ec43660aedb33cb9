"""Whole builds of tiny sites through the CLI, as an editor or CI runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import doc, make_site, tree_digest

from sitegen.cli import cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def good_site(tmp_path: Path) -> Path:
    return make_site(
        tmp_path / "site",
        {
            "content/van-ban/nq.md": doc(),
            "content/van-ban/hd.md": doc(title="Triển khai Nghị quyết", type="huong-dan", number="12-HD/HU",
                                         issuer="Huyện ủy Kim Bảng", date="2022-03-08"),
            "content/van-ban/kh.md": doc(title="Kế hoạch tuyên truyền", type="ke-hoach", number="289/KH-UBND",
                                         issuer="Ủy ban nhân dân tỉnh Bình Phước", date="2023-09-12"),
            "content/tin-bai/tin.md": "---\ntitle: Hà Nam nỗ lực\ndate: 2020-05-08\ntags: [Tuyên "
                                      "giáo]\n---\nBài.\n",
            "content/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nBản tin thử.\n",
        },
    )


@pytest.mark.pagefind
def test_build_writes_every_kind_of_page(good_site: Path):
    # a fourth document: 4 documents, 2 a page: the list's own page (the newest 2) and trang/1/ (the oldest)
    fourth = doc(title="Quyết định", type="quyet-dinh", number="05-QĐ/TU", date="2019-01-02")
    (good_site / "content/van-ban/ch.md").write_text(fourth, encoding="utf-8")
    result = run("build", "--site", str(good_site))
    assert result.returncode == 0, result.stderr
    out = good_site / "output"
    for rel in ["index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "assets/style.css",
                "van-ban/nghi-quyet-04-nq-tu-2021/index.html", "van-ban/ke-hoach-289-kh-ubnd-2023/index.html",
                "tin-bai/tin/index.html", "gioi-thieu/index.html", "van-ban/index.html",
                "van-ban/trang/1/index.html",
                "loai/index.html", "loai/huong-dan/index.html", "co-quan/huyen-uy-kim-bang/index.html",
                "nam/2021/index.html", "chu-de/tuyen-giao/index.html"]:
        assert (out / rel).is_file(), rel
    assert "Đã dựng" in result.stdout


@pytest.mark.parametrize(
    "broken, field, line",
    [
        (doc().replace("type: nghi-quyet\n", "type: [nghi-quyet\n"), None, 3),
        (doc().replace('title: "Về công tác tư tưởng"\n', ""), "title", 2),
        (doc(type="nghi-quyt"), "type", 3),
        (doc(date="2022-13-45"), "date", 6),
    ],
    ids=["bad-yaml", "missing-title", "unknown-type", "impossible-date"],
)
@pytest.mark.pagefind
def test_broken_file_fails_with_file_line_and_leaves_output_unchanged(good_site: Path, broken: str,
                                                                      field, line):
    assert run("build", "--site", str(good_site)).returncode == 0
    before = tree_digest(good_site / "output")
    (good_site / "content/van-ban/broken.md").write_text(broken, encoding="utf-8")
    result = run("build", "--site", str(good_site))
    assert result.returncode == 1
    assert f"content/van-ban/broken.md:{line}: lỗi:" in result.stderr, result.stderr
    if field:
        assert f"'{field}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(good_site / "output") == before


@pytest.mark.pagefind
def test_two_builds_are_byte_identical(good_site: Path, tmp_path: Path):
    assert run("build", "--site", str(good_site), "--out", str(tmp_path / "a")).returncode == 0
    assert run("build", "--site", str(good_site), "--out", str(tmp_path / "b")).returncode == 0
    a, b = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert a == b and len(a) > 20


@pytest.mark.pagefind
def test_site_template_overrides_the_theme(good_site: Path):
    (good_site / "templates").mkdir()
    (good_site / "templates/page.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>GHI ĐÈ {{ page.title }}</h1>{% endblock %}',
        encoding="utf-8"
    )
    assert run("build", "--site", str(good_site)).returncode == 0
    html = (good_site / "output/gioi-thieu/index.html").read_text(encoding="utf-8")
    assert "<h1>GHI ĐÈ Giới thiệu</h1>" in html
    assert 'lang="vi"' in html  # base.html still comes from the theme


@pytest.mark.pagefind
def test_template_error_names_the_template_file_and_line(good_site: Path):
    (good_site / "templates").mkdir()
    (good_site / "templates/page.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{{ "
                                                   "page.title }\n{% endblock %}")
    result = run("build", "--site", str(good_site))
    assert result.returncode == 1
    assert "templates/page.html:3" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.pagefind
def test_static_files_are_copied(good_site: Path):
    (good_site / "static/images").mkdir(parents=True)
    (good_site / "static/images/a.jpg").write_bytes(b"\xff\xd8jpeg")
    assert run("build", "--site", str(good_site)).returncode == 0
    assert (good_site / "output/images/a.jpg").read_bytes() == b"\xff\xd8jpeg"


def test_check_validates_without_writing(good_site: Path):
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "--site", str(good_site)])
    assert result.exit_code == 0, result.output
    assert not (good_site / "output").exists()
    (good_site / "content/van-ban/x.md").write_text(doc(date="2021-02-30"), encoding="utf-8")
    result = runner.invoke(cli, ["check", "--site", str(good_site)])
    assert result.exit_code == 1 and "content/van-ban/x.md:6" in result.output


@pytest.mark.pagefind
def test_build_refuses_to_replace_a_folder_it_did_not_create(good_site: Path, tmp_path: Path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_bytes(b"precious")
    result = run("build", "--site", str(good_site), "--out", str(foreign))
    assert result.returncode == 2 and "không do sitegen tạo" in result.stderr
    assert (foreign / "thesis.docx").read_bytes() == b"precious"


@pytest.mark.pagefind
def test_rebuild_removes_pages_of_deleted_files(good_site: Path):
    assert run("build", "--site", str(good_site)).returncode == 0
    (good_site / "content/gioi-thieu.md").unlink()
    assert run("build", "--site", str(good_site)).returncode == 0
    assert not (good_site / "output/gioi-thieu").exists()


@pytest.mark.pagefind
def test_two_sources_claiming_one_url_is_an_error(good_site: Path):
    (good_site / "content/van-ban/copy.md").write_text(doc(), encoding="utf-8")
    result = run("build", "--site", str(good_site))
    assert result.returncode == 1 and "trùng đường dẫn" in result.stderr


def test_new_writes_a_file_that_checks_after_filling(good_site: Path):
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "--site", str(good_site), "tin-bai", "Hội nghị báo cáo viên quý I"])
    assert result.exit_code == 0, result.output
    path = good_site / "content/tin-bai/hoi-nghi-bao-cao-vien-quy-i.md"
    assert path.is_file()
    assert runner.invoke(cli, ["check", "--site", str(good_site)]).exit_code == 0
    result = runner.invoke(cli, ["new", "--site", str(good_site), "van-ban", "Kế hoạch tuyên truyền"])
    assert result.exit_code == 0
    result = runner.invoke(cli, ["check", "--site", str(good_site)])
    assert result.exit_code == 1  # number, issuer and signer are left for the editor to fill
    assert ("'number'" in result.output and "'issuer'" in result.output and
            "không được để trống" in result.output)


def test_schema_export_lists_the_site_types(good_site: Path):
    import json

    result = CliRunner().invoke(cli, ["schema", "--site", str(good_site)])
    schema = json.loads(result.output)
    doc_schema = next(s for s in schema["anyOf"] if s["title"] == "Văn bản")
    assert doc_schema["properties"]["type"]["enum"] == ["nghi-quyet", "huong-dan", "ke-hoach", "quyet-dinh"]
    assert doc_schema["additionalProperties"] is False
    assert set(doc_schema["required"]) == {"title", "type", "number", "issuer", "date"}


def test_help_is_available_for_every_command():
    runner = CliRunner()
    for command in ["build", "check", "serve", "new", "schema"]:
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "--site" in result.output


def test_ui_catalog_keys_do_not_shadow_dict_methods():
    from sitegen.base.catalog import UI

    assert not [key for key in UI if hasattr(dict, key)]


@pytest.mark.pagefind
def test_plain_page_cannot_take_a_generated_section(good_site: Path):
    (good_site / "content/loai.md").write_text("---\ntitle: Loại\n---\nX\n", encoding="utf-8")
    result = run("build", "--site", str(good_site))
    assert result.returncode == 1 and "content/loai.md:1" in result.stderr and "slug" in result.stderr


WARNED = doc(title="Về công tác tư tưởng", number="05-NQ/TU",
             body="Căn cứ Nghị định số 09/2017/NĐ-CP, ngày 09/2/2021 của Chính phủ.")  # 2017 vs 2021


def test_check_ends_with_the_count_of_warnings_as_well_as_errors(good_site: Path):
    (good_site / "content/van-ban/canh-bao.md").write_text(WARNED, encoding="utf-8")
    result = run("check", "--site", str(good_site))
    assert result.returncode == 0
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Kiểm tra xong ") and "không có lỗi, 1 cảnh báo" in last, result.stdout
    assert "năm 2017 nhưng ngày ghi năm 2021" in result.stderr  # the warning itself, above the count
    strict = run("check", "--site", str(good_site), "--strict")
    assert strict.returncode == 1 and "0 lỗi, 1 cảnh báo" in strict.stderr
    (good_site / "content/van-ban/canh-bao.md").unlink()
    assert "không có lỗi, không có cảnh báo" in run("check", "--site", str(good_site)).stdout


def test_stage_timings_only_with_verbose_even_when_a_strict_build_fails(good_site: Path):
    (good_site / "content/van-ban/canh-bao.md").write_text(WARNED, encoding="utf-8")
    failed = run("build", "--site", str(good_site), "--strict", "--no-search")
    assert failed.returncode == 1 and "Dựng trang thất bại" in failed.stderr
    assert " ms" not in failed.stderr + failed.stdout and "assemble" not in failed.stderr
    verbose = run("build", "--site", str(good_site), "--strict", "--no-search", "-v")
    assert verbose.returncode == 1 and "assemble" in verbose.stderr and " ms" in verbose.stderr


def test_source_texts_are_not_held_after_load_and_an_edit_still_builds(tmp_path: Path):
    from sitegen.build import BuildOptions, build
    from sitegen.pipeline.cache import BuildCache

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(body="Nội dung cũ."),
                                         "content/van-ban/b.md": doc(number="05-NQ/TU")})
    cache = BuildCache()
    options = BuildOptions(out=tmp_path / "out", in_place=True)
    assert not build(site, options, cache=cache).failed()
    assert cache.sources and all(src.text is None for _, _, src in cache.sources.values())  # in the entries
    (site / "content/van-ban/a.md").write_text(doc(body="Nội dung mới."), encoding="utf-8")
    assert not build(site, options, cache=cache).failed()
    page = next((tmp_path / "out/van-ban").glob("nghi-quyet-04*/index.html")).read_text(encoding="utf-8")
    assert "Nội dung mới." in page and all(src.text is None for _, _, src in cache.sources.values())


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_paused_for_a_build_and_left_as_it_was(good_site: Path, tmp_path: Path,
                                                                         enabled: bool):
    """A build's objects mostly live to its end: the cyclic collector is paused while it runs (its passes
    over them were a fifth of a cold build's CPU at 10,000 documents) and left as the caller had it."""
    import gc

    from sitegen.build import BuildOptions, build

    during: set[tuple[str, bool]] = set()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        result = build(good_site, BuildOptions(out=tmp_path / "out",
                                               progress=lambda stage, done, total: during.add(
                                                   (stage, gc.isenabled()))))
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert not result.errors and (tmp_path / "out/index.html").is_file()
    assert {stage for stage, _ in during} >= {"load", "parse", "render"}
    assert not any(on for _, on in during)
    assert after is enabled


def test_failed_render_leaves_output_and_no_pages_beside_it(good_site: Path):
    """Pages are written beside the output as they are rendered; a build that fails keeps none of them."""
    from sitegen.build import BuildOptions, build

    out = good_site / "output"
    assert not build(good_site, BuildOptions(out=out)).errors
    before = tree_digest(out)
    (good_site / "templates").mkdir()
    (good_site / "templates/page.html").write_text("{% extends 'base.html' %}\n{% block main %}\n"
                                                   "{{ page.title.no_such.field }}\n{% endblock %}")
    result = build(good_site, BuildOptions(out=out))
    assert [d.code for d in result.errors] == ["template"] and not result.written
    assert tree_digest(out) == before
    assert sorted(p.name for p in good_site.iterdir() if p.name.startswith(".output")) == []


def test_pages_made_in_forked_workers_equal_those_made_in_process(good_site: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path):
    """Render workers make each output's context and digest from its spec: the same pages and the same
    record of what each read as one process makes; a build that makes every job again
    renders none whose digest is the last one's."""
    from sitegen import build as build_mod
    from sitegen.pipeline.cache import BuildCache
    from sitegen.pipeline.render import pool

    made = {}
    for name, parallel_min in (("forked", 1), ("in-process", 10**9)):
        monkeypatch.setattr(pool, "PARALLEL_MIN", parallel_min)
        monkeypatch.setattr(build_mod.os, "cpu_count", lambda: 2)
        cache = BuildCache()
        out = tmp_path / name
        result = build_mod.build(good_site, build_mod.BuildOptions(out=out, use_disk_cache=False), cache)
        assert not result.errors and result.rendered
        assert cache.outputs is not None
        records = {path: (r.facts, r.template, r.key, r.sha) for path, r in cache.outputs.records.items()}
        made[name] = (tree_digest(out), records)
        cache.site, cache.inputs = None, ""  # every output's job made again: the same digests, no render
        again = build_mod.build(good_site, build_mod.BuildOptions(out=out, use_disk_cache=False), cache)
        assert sorted(again.contexts) == sorted(records) and again.rendered == []
        assert tree_digest(out) == made[name][0]
    assert made["forked"] == made["in-process"]


def test_after_load_the_source_list_and_the_cache_share_one_record_without_the_text(tmp_path: Path):
    """load_entries drops the text of the sources this build read, once each (serve5's 48e439a made two
    copies of each: one for the list, one for cache.sources), and leaves the records it did not read alone."""
    from sitegen.build import load_entries
    from sitegen.pipeline import config as config_mod
    from sitegen.pipeline import sources
    from sitegen.pipeline.cache import BuildCache

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(body="Nội dung cũ."),
                                         "content/van-ban/b.md": doc(number="05-NQ/TU")})
    cfg, _ = config_mod.load_config(site)
    assert cfg is not None
    cache = BuildCache()
    srcs = sources.read_sources(site, cache.sources)
    load_entries(site, srcs, cfg, cache)
    assert all(src.text is None and cache.sources[src.path][2] is src for src in srcs)
    (site / "content/van-ban/a.md").write_text(doc(body="Nội dung mới."), encoding="utf-8")
    again = sources.read_sources(site, cache.sources, frozenset({"content/van-ban/a.md"}))
    untouched = [src for src in again if src.path != "content/van-ban/a.md"]
    assert [src.text is not None for src in again] == [src.path == "content/van-ban/a.md" for src in again]
    entries, _ = load_entries(site, again, cfg, cache)
    assert any("Nội dung mới." in (e.body or "") for e in entries)
    assert all(src.text is None and cache.sources[src.path][2] is src for src in again)
    others = [src for src in again if src.path != "content/van-ban/a.md"]
    assert all(a is b for a, b in zip(others, untouched, strict=True))


def test_split_edition_asks_the_config_once_per_declared_audience(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    """Each entry goes where config.audience_of says, asked once per declared value (None, "public",
    "internal"), not once per entry: 10,000 calls on serve's every edit at 10,000 documents."""
    from sitegen.build import load_site, split_edition
    from sitegen.pipeline.config import SiteConfig

    internal = doc(number="06-NQ/TU").replace("---\n", "---\naudience: internal\n", 1)
    public = doc(number="07-NQ/TU").replace("---\n", "---\naudience: public\n", 1)
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(), "content/van-ban/b.md": internal,
                                         "content/van-ban/c.md": public,
                                         "content/van-ban/d.md": doc(number="08-NQ/TU"),
                                         "content/van-ban/e.md": internal.replace("06-NQ", "09-NQ")})
    loaded = load_site(site, "public")
    assert loaded.config is not None and len(loaded.entries) == 5
    asked: list[str | None] = []
    real = SiteConfig.audience_of

    def counted(self: SiteConfig, declared: str | None) -> str:
        asked.append(declared)
        return real(self, declared)
    monkeypatch.setattr(SiteConfig, "audience_of", counted)
    shown, hidden = split_edition(loaded.entries, loaded.config, "public")
    assert sorted(e.source for e in hidden) == ["content/van-ban/b.md", "content/van-ban/e.md"]
    assert [e.source for e in shown] == [e.source for e in loaded.entries if e not in hidden]  # in order
    assert len(shown) == 3
    assert sorted(asked, key=str) == sorted([None, "public", "internal"], key=str)
    asked.clear()
    assert split_edition(loaded.entries, loaded.config, "internal") == (loaded.entries, [])
    assert asked == []
