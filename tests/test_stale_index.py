"""The search index is published with its pages: it never holds a page the build removed or left out of its
edition, however the index is made (kept, incremental, rebuilt), and `verify` checks it against the pages.

Pagefind fails here for real: PAGEFIND_BINARY_PATH names a program that exits at once, as a crashed or
missing binary would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import all_text, doc, make_site, tree_digest

SITEGEN = [sys.executable, "-m", "sitegen"]
MARKER = "zqxbimatnoidung"  # the text of the page that becomes internal
PAGE = "content/bi-mat.md"
DOCUMENT = "content/van-ban/nq.md"

pytestmark = [pytest.mark.pagefind]


def run(site: Path, *args: str, broken_pagefind: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if broken_pagefind:
        env["PAGEFIND_BINARY_PATH"] = shutil.which("false") or "/bin/false"
    return subprocess.run([*SITEGEN, *args, "--site", str(site)], capture_output=True, text=True, timeout=300,
                          env=env)


def leaks(out: Path) -> list[str]:
    return [name for name, text in all_text(out).items() if MARKER in text]


def two_page_site(root: Path, where: str) -> Path:
    """A public document and one more public file (`where`) whose body is the secret."""
    files = {DOCUMENT: doc(body="Nội dung công khai.")}
    if where == PAGE:
        files[PAGE] = f"---\ntitle: Ghi chú\n---\nĐoạn {MARKER}.\n"
    else:
        files[where] = doc(title="Văn bản hai", number="05-NQ/TU", body=f"Đoạn {MARKER}.")
    return make_site(root, files)


def make_internal(site: Path, rel: str) -> None:
    path = site / rel  # the closing '---' of the front-matter is the first one after a line break
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\naudience: internal\n---\n", 1),
                    encoding="utf-8")


def test_a_page_made_internal_leaves_the_index_when_it_is_the_only_change(tmp_path: Path):
    """A plain page is listed nowhere: making it internal changes no other page, only the set of pages."""
    site = two_page_site(tmp_path / "site", PAGE)
    assert run(site, "build").returncode == 0
    assert any(name.startswith("pagefind/") for name in leaks(site / "output"))  # indexed, so the test bites
    make_internal(site, PAGE)
    result = run(site, "build")
    assert result.returncode == 0, result.stderr
    assert leaks(site / "output") == []
    assert run(site, "verify").returncode == 0


def test_when_pagefind_fails_an_index_holding_a_page_made_internal_is_not_published(tmp_path: Path):
    site = two_page_site(tmp_path / "site", "content/van-ban/hai.md")
    assert run(site, "build").returncode == 0
    assert leaks(site / "output")
    make_internal(site, "content/van-ban/hai.md")
    result = run(site, "build", broken_pagefind=True)
    assert result.returncode == 0, result.stderr  # a warning: the pages are right, search is off
    assert "không được giữ" in result.stderr and "/van-ban/nghi-quyet-05-nq-tu-2021/" in result.stderr
    assert leaks(site / "output") == [] and not (site / "output/pagefind").exists()
    verify = run(site, "verify")
    assert verify.returncode == 0, verify.stderr


def test_under_strict_the_dropped_index_fails_the_build_and_keeps_the_last_output(tmp_path: Path):
    site = two_page_site(tmp_path / "site", "content/van-ban/hai.md")
    assert run(site, "build").returncode == 0
    before = tree_digest(site / "output")
    make_internal(site, "content/van-ban/hai.md")
    result = run(site, "build", "--strict", broken_pagefind=True)
    assert result.returncode == 1 and "không được giữ" in result.stderr
    assert tree_digest(site / "output") == before  # the old, consistent output: its pages and its index


def test_when_pagefind_fails_an_index_of_the_same_pages_is_kept(tmp_path: Path):
    site = two_page_site(tmp_path / "site", "content/van-ban/hai.md")
    first = run(site, "build")
    assert first.returncode == 0 and not first.stderr, first.stderr  # a bundle to keep
    bundle = tree_digest(site / "output/pagefind")
    (site / DOCUMENT).write_text(doc(body="Nội dung đã sửa."), encoding="utf-8")
    result = run(site, "build", broken_pagefind=True)
    assert result.returncode == 0 and "giữ chỉ mục của lần dựng trước" in result.stderr
    assert tree_digest(site / "output/pagefind") == bundle
    assert run(site, "verify").returncode == 0


def test_verify_refuses_an_index_that_holds_a_page_not_in_the_folder(tmp_path: Path):
    site = two_page_site(tmp_path / "site", "content/van-ban/hai.md")
    assert run(site, "build").returncode == 0
    old = tmp_path / "old-bundle"
    shutil.copytree(site / "output/pagefind", old)
    make_internal(site, "content/van-ban/hai.md")
    assert run(site, "build", "--no-search").returncode == 0
    shutil.copytree(old, site / "output/pagefind")  # a stale index put back by hand, or by another tool
    result = run(site, "verify")
    assert result.returncode == 1
    assert "search-index-stale" not in result.stderr  # the message is Vietnamese, the code is for JSON
    assert "chỉ mục tìm kiếm còn chứa 1 trang" in result.stderr
    assert "/van-ban/nghi-quyet-05-nq-tu-2021/" in result.stderr


def test_verify_refuses_internal_pages_in_a_public_index_and_warns_of_missing_pages(tmp_path: Path):
    site = two_page_site(tmp_path / "site", "content/van-ban/hai.md")
    make_internal(site, "content/van-ban/hai.md")
    assert run(site, "build").returncode == 0
    assert run(site, "build", "--audience", "internal").returncode == 0
    public, internal = site / "output", site / "output-noi-bo"
    page = "van-ban/nghi-quyet-05-nq-tu-2021/index.html"
    (public / page).parent.mkdir(parents=True)
    shutil.copyfile(internal / page, public / page)
    shutil.rmtree(public / "pagefind")
    shutil.copytree(internal / "pagefind", public / "pagefind")
    result = run(site, "verify")
    assert result.returncode == 1 and "chứa 1 trang 'Lưu hành nội bộ'" in result.stderr
    fragments = sorted((internal / "pagefind/fragment").iterdir())
    fragments[0].unlink()  # an index cut short (two builds at once did this before the lock)
    result = run(site, "verify", "--audience", "internal")
    assert result.returncode == 0 and "chỉ mục tìm kiếm thiếu 1 trang" in result.stderr
    assert run(site, "verify", "--audience", "internal", "--strict").returncode == 1


def test_a_failing_pagefind_is_one_warning_per_build_in_vietnamese(tmp_path: Path):
    site = two_page_site(tmp_path / "site", "content/van-ban/hai.md")
    for _ in range(3):  # the warm builds say it again, once: a warning is never cached and repeated
        result = run(site, "build", broken_pagefind=True)
        assert result.returncode == 0
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("pagefind/: cảnh báo: không lập được chỉ mục"), lines
