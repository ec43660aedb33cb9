"""Nothing outside the site folder is read or published: real symbolic links in content/, static/, templates/
and site.yaml, to /etc/passwd, /proc/self/environ (with a secret planted in the build's environment) and to
files and folders beside the site, are each an error naming the link; links that stay inside are followed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SITE_YAML, all_text, doc, make_site, tree_digest

SITEGEN = [sys.executable, "-m", "sitegen"]
PLANTED = "zqxplantedenvsecret"  # in the build's environment, so /proc/self/environ carries it
OUTSIDE = "zqxoutsidetext"  # in every file beside the site

pytestmark = [pytest.mark.pagefind]


def run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SITEGEN_TEST_TOKEN=PLANTED)
    return subprocess.run([*SITEGEN, *args, "--site", str(site)], capture_output=True, text=True, timeout=300,
                          env=env)


def outside_files(root: Path) -> Path:
    beside = root / "beside"
    (beside / "folder").mkdir(parents=True)
    (beside / "doc.md").write_text(doc(title=f"Văn bản {OUTSIDE}", number="09-NQ/TU", body=OUTSIDE),
                                   encoding="utf-8")
    (beside / "folder/note.md").write_text(f"---\ntitle: {OUTSIDE}\n---\n{OUTSIDE}\n", encoding="utf-8")
    (beside / "folder/a.txt").write_text(OUTSIDE, encoding="utf-8")
    (beside / "base.html").write_text(f"<html>{OUTSIDE}</html>", encoding="utf-8")
    return beside


LINKS = {  # link in the site -> its target ("beside/..." is a folder next to the site)
    "static/passwd.txt": "/etc/passwd",
    "static/env.txt": "/proc/self/environ",
    "templates/robots.txt": "/etc/passwd",
    "templates/base.html": "beside/base.html",
    "content/van-ban/ngoai.md": "beside/doc.md",
    "content/thu-muc": "beside/folder",
    "static/thu-muc": "beside/folder",
}


def test_links_out_of_the_site_are_errors_and_nothing_of_theirs_is_published(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    beside = outside_files(tmp_path)
    assert run(site, "build").returncode == 0
    before = tree_digest(site / "output")
    for link, target in LINKS.items():
        (site / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(beside / target.removeprefix("beside/") if target.startswith("beside/") else target,
                   site / link)
    for command in ("check", "build"):
        result = run(site, command)
        assert result.returncode == 1, result.stderr
        for link in LINKS:
            assert f"{link}: lỗi: '{link}' là liên kết tới" in result.stderr, (link, result.stderr)
        assert "nằm ngoài thư mục bản tin" in result.stderr
    assert tree_digest(site / "output") == before
    texts = all_text(site / "output")
    assert not [f for f, t in texts.items() if PLANTED in t or OUTSIDE in t or "root:x:0:0" in t]


def test_a_linked_site_yaml_from_outside_is_refused_unread(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    outside = tmp_path / "beside.yaml"
    outside.write_text(SITE_YAML.replace("Bản tin thử", OUTSIDE), encoding="utf-8")
    (site / "site.yaml").unlink()
    os.symlink(outside, site / "site.yaml")
    result = run(site, "build")
    assert result.returncode == 1 and "site.yaml: lỗi: 'site.yaml' là liên kết tới" in result.stderr
    assert not (site / "output").exists()


def test_links_that_stay_inside_the_site_are_followed(tmp_path: Path):
    site = make_site(tmp_path / "site", {
        "content/van-ban/a.md": doc(),
        "kho/tin.md": "---\ntitle: Tin trong kho\ndate: 2024-01-01\n---\nzqxinsidearticle\n",
        "kho/anh/logo.txt": "zqxinsidelogo",
        "kho/mau/robots.txt": "User-agent: *\nDisallow: /zqxinsiderobots/\n",
    })
    (site / "content/tin-bai").mkdir(parents=True)
    os.symlink("../../kho/tin.md", site / "content/tin-bai/tin.md")
    (site / "static").mkdir()
    os.symlink("../kho/anh", site / "static/anh")
    (site / "templates").mkdir()
    os.symlink(site / "kho/mau/robots.txt", site / "templates/robots.txt")
    os.symlink("..", site / "kho/anh/vong")  # a loop (anh/vong/anh/vong/…): each folder walked once
    result = run(site, "build")
    assert result.returncode == 0, result.stderr
    out = site / "output"
    assert "zqxinsidearticle" in (out / "tin-bai/tin/index.html").read_text(encoding="utf-8")
    assert (out / "anh/logo.txt").read_text(encoding="utf-8") == "zqxinsidelogo"
    assert "zqxinsiderobots" in (out / "robots.txt").read_text(encoding="utf-8")
    assert (out / "anh/vong/anh/logo.txt").is_file() is False and (out / "anh/vong/tin.md").is_file()


@pytest.mark.parametrize("command", ["build", "verify"])
def test_verify_reports_links_out_of_the_site_too(tmp_path: Path, command: str):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    assert run(site, "build").returncode == 0
    os.symlink("/etc/passwd", site / "content/van-ban/mat-khau.md")
    result = run(site, command)
    assert result.returncode == 1 and "content/van-ban/mat-khau.md: lỗi:" in result.stderr


def test_static_and_template_links_may_not_reach_the_sources_or_a_built_folder(tmp_path: Path):
    """Inside the site, but static/ is copied as it is: a link to content/ would publish every source file,
    internal ones included, and one to output-noi-bo/ the whole internal edition."""
    site = make_site(tmp_path / "site", {
        "content/van-ban/a.md": doc(),
        "content/van-ban/mat.md": doc(title="Mật zqxinternalsource", number="07-NQ/TU").replace(
            "\n---\n", "\naudience: internal\n---\n", 1),
    })
    assert run(site, "build", "--audience", "internal").returncode == 0
    links = {"static/nguon": "../content", "static/goc": "..", "static/noi-bo": "../output-noi-bo",
             "templates/robots.txt": "../content/van-ban/mat.md", "static/git": "../.git"}
    (site / ".git").mkdir()
    (site / ".git/config").write_text("[core]\n", encoding="utf-8")
    (site / "static").mkdir()
    (site / "templates").mkdir()
    for link, target in links.items():
        os.symlink(target, site / link)
    result = run(site, "build")
    assert result.returncode == 1
    for link in links:
        assert f"{link}: lỗi: '{link}' dẫn tới" in result.stderr, (link, result.stderr)
    assert not (site / "output").exists()


def test_check_reports_images_no_build_would_publish_at_their_lines(tmp_path: Path):
    body = ("Ảnh có: ![a](/images/co.jpg) và ![b](../../images/co.jpg)\n\n"
            "![thiếu](/images/khong-co.jpg)\n\n![ngoài](../../../../etc/passwd)\n\n"
            "![mạng](https://example.vn/a.png) ![theme](/assets/style.css)\n")
    site = make_site(tmp_path / "site", {
        "content/van-ban/a.md": doc(body=body),
        "content/tin-bai/t.md": "---\ntitle: Tin\ndate: 2024-01-01\nimage: /images/bia.jpg\n---\nX\n",
        "static/images/co.jpg": b"\xff\xd8jpeg",
    })
    result = run(site, "check")
    assert result.returncode == 1
    errors = sorted(line.split(": lỗi: ")[0] + " " + line.split("'")[1]
                    for line in result.stderr.splitlines() if ": lỗi: " in line)
    assert errors == ["content/tin-bai/t.md:4 /images/bia.jpg",
                      "content/van-ban/a.md:10 /images/khong-co.jpg",
                      "content/van-ban/a.md:12 ../../../../etc/passwd"], result.stderr


def _until(done: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the watcher never said so"
        time.sleep(0.02)


def test_serve_reports_a_link_made_while_it_runs_as_a_full_build_does(tmp_path: Path):
    """serve's builds walk the site's folders for links only when a path its watcher names is a link or a
    folder, or was a refused link (sources.refused_links): a link made to a file outside the site is named
    by its own path (not its target's, which is outside and would be dropped), reported as long as it is
    there, and no longer once removed; each build's diagnostics are a full build's."""
    from sitegen.build import BuildOptions, build
    from sitegen.commands.serve import Rebuilder, watch
    from sitegen.pipeline.cache import BuildCache

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    rebuilder, cache = Rebuilder(site, lambda: None), BuildCache()
    observer = watch(site, rebuilder)

    def rebuild() -> list[str]:
        options = BuildOptions(out=tmp_path / "serve", in_place=True, trust_output=True,
                               changed=rebuilder.take())
        served = [d.format() for d in build(site, options, cache=cache).diagnostics]
        full = build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False))
        assert served == [d.format() for d in full.diagnostics]
        return served

    def changed(rel: str) -> bool:
        with rebuilder.lock:
            return rebuilder.changed is not None and rel in rebuilder.changed

    link, rel = site / "content/van-ban/mat-khau.md", "content/van-ban/mat-khau.md"
    try:
        assert rebuild() == []
        os.symlink("/etc/passwd", link)
        _until(lambda: changed(rel))
        assert [d for d in rebuild() if rel in d and "lỗi" in d]
        (site / "content/van-ban/a.md").write_text(doc(body="Sửa."), encoding="utf-8")
        _until(lambda: changed("content/van-ban/a.md"))
        assert [d for d in rebuild() if rel in d and "lỗi" in d]  # still there: still reported
        link.unlink()
        _until(lambda: changed(rel))
        assert rebuild() == []
    finally:
        observer.stop()


def test_refused_links_told_what_changed_walks_when_a_folder_becomes_a_built_one(tmp_path: Path):
    """A build into a folder of static/ makes it one sitegen built (its marker): refused from then on, which
    serve's build learns from the marker's path alone (no folder event: the folder was there)."""
    from sitegen.pipeline import sources

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(), "static/x/a.txt": "a"})
    last = sources.refused_links(site)
    assert last == []
    (site / "static/x/.sitegen-output").write_text("", encoding="utf-8")
    assert sources.refused_links(site, last, frozenset({"content/van-ban/a.md"})) is last  # told of no link
    marker = frozenset({"static/x/.sitegen-output"})
    assert sources.refused_links(site, last, marker) == [("static/x", "sources")]


def test_refused_links_told_of_a_template_folder_walks_that_folder_alone_and_finds_what_a_walk_finds(
        tmp_path: Path):
    """A folder made under templates/ (serve's watcher names it, not what it holds): the folder is walked for
    links, and the other folders' refusals are the last walk's; the result is what a walk of every folder
    finds."""
    from sitegen.pipeline import sources

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    os.symlink("/etc/passwd", site / "content/van-ban/mat-khau.md")
    last = sources.refused_links(site)
    assert [rel for rel, _ in last] == ["content/van-ban/mat-khau.md"]
    (site / "templates/con").mkdir(parents=True)
    os.symlink("../../content", site / "templates/con/nguon")
    found = sources.refused_links(site, last, frozenset({"templates/con"}))
    assert [rel for rel, _ in found] == ["content/van-ban/mat-khau.md", "templates/con/nguon"]
    assert found == sources.refused_links(site)
    removed = frozenset({"templates/con/nguon"})
    os.unlink(site / "templates/con/nguon")
    assert [rel for rel, _ in sources.refused_links(site, found, removed)] == ["content/van-ban/mat-khau.md"]


def test_serve_takes_a_folder_under_templates_or_static_as_a_path_and_one_under_content_as_unknown(
        tmp_path: Path):
    """serve's watcher: a folder made or removed under templates/ or static/ is one more changed path (both
    folders are listed by every build); one under content/ may hold files no event names, so every file is
    looked at (None)."""
    from sitegen.commands.serve import Rebuilder

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    rebuilder = Rebuilder(site, lambda: None)
    rebuilder.take()
    rebuilder.notify(str(site / "templates"), folder=True)
    rebuilder.notify(str(site / "static/anh"), folder=True)
    assert rebuilder.take() == frozenset({"templates", "static/anh"})
    rebuilder.notify(str(site / "templates/con"), folder=True)
    rebuilder.notify(str(site / "content/van-ban/cu"), folder=True)
    assert rebuilder.take() is None
    rebuilder.notify(str(site / "content"), folder=True)
    assert rebuilder.take() is None
