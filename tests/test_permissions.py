"""Real permissions and a real full disk: an output folder this account cannot replace is refused before
anything is written, a leftover it cannot delete never blocks a later build, and every such error is said in
Vietnamese with the path and what to do, never as Python's English errno text.

Builds run as the account nobody (tests/unprivileged.py), since root's writes pass every permission check,
with sitegen imported from a copy of the package that nobody can read (the checkout may sit in a folder
private to root, as a fresh clone in a `mktemp -d` folder does), and without search: Pagefind's binary sits
in the virtual environment, which nobody may not reach either; what these tests check (the output folder)
is decided before the search stage runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest

NOBODY = 65534
HERE = Path(__file__).parent
ENGLISH = ("Errno", "Permission denied", "No space left", "Read-only file system", "Traceback")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                 reason="needs root to hand folders to the account nobody")]


@pytest.fixture(scope="module")
def package() -> Iterator[Path]:
    """A copy of the sitegen package in a folder every account can read."""
    root = Path(tempfile.mkdtemp(prefix="sitegen-package-"))
    os.chmod(root, 0o755)  # noqa: S103 - the account nobody must read the package
    shutil.copytree(HERE.parent / "sitegen", root / "sitegen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for path in [root, *root.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def site() -> Iterator[Path]:
    """A site owned by nobody, in a folder nobody can reach (pytest's tmp_path is private to root)."""
    root = Path(tempfile.mkdtemp(prefix="sitegen-perm-"))
    os.chmod(root, 0o755)  # noqa: S103 - the account nobody must reach the site
    folder = make_site(root / "site", {"content/van-ban/a.md": doc()})
    chown_tree(folder, NOBODY)
    yield folder
    shutil.rmtree(root, ignore_errors=True)


def chown_tree(folder: Path, uid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, uid, uid)


def as_nobody(package: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(HERE / "unprivileged.py"), str(package), str(site / "site.yaml"),
               str(site / "content/van-ban/a.md"), *args, "--site", str(site), "--no-search"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd="/",
                          env=dict(os.environ, HOME=str(site.parent)))


def beside(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith(".output"))


def edit(site: Path) -> None:
    page = site / "content/van-ban/a.md"
    page.write_text(doc(body="Nội dung đã sửa."), encoding="utf-8")


def test_an_output_folder_with_a_subfolder_of_another_account_is_refused_before_writing(
        package: Path, site: Path):
    assert as_nobody(package, site, "build").returncode == 0
    foreign = site / "output/van-ban"  # as left by a build run once with sudo
    chown_tree(foreign, 0)
    edit(site)
    before = tree_digest(site / "output")
    result = as_nobody(package, site, "build")
    assert result.returncode == 2, result.stderr
    assert f"không thay được thư mục xuất {site / 'output'}" in result.stderr
    assert f"tài khoản nobody không có quyền ghi vào {foreign}" in result.stderr and "chown" in result.stderr
    assert not any(word in result.stderr for word in ENGLISH), result.stderr
    assert tree_digest(site / "output") == before and beside(site) == []
    chown_tree(foreign, NOBODY)  # the administrator gives the folder back: the next build just works
    result = as_nobody(package, site, "build")
    assert result.returncode == 0, result.stderr
    assert "Nội dung đã sửa" in next((site / "output/van-ban").glob("*/index.html")).read_text("utf-8")
    assert beside(site) == []


def test_a_read_only_output_folder_and_a_read_only_parent_are_refused(package: Path, site: Path):
    assert as_nobody(package, site, "build").returncode == 0
    before = tree_digest(site / "output")
    edit(site)
    os.chmod(site / "output", 0o555)  # noqa: S103 - read-only, on purpose
    result = as_nobody(package, site, "build")
    assert result.returncode == 2 and f"không có quyền ghi vào {site / 'output'}." in result.stderr
    assert tree_digest(site / "output") == before and beside(site) == []
    os.chmod(site / "output", 0o755)  # noqa: S103
    parent = site / "khong-ghi-duoc"
    parent.mkdir(mode=0o555)
    result = as_nobody(package, site, "build", "--out", str(parent / "out"))
    assert result.returncode == 2 and f"không có quyền ghi vào {parent}." in result.stderr
    assert not any(word in result.stderr for word in ENGLISH), result.stderr


def test_a_leftover_this_account_cannot_delete_never_blocks_a_build(package: Path, site: Path):
    assert as_nobody(package, site, "build").returncode == 0
    stuck = site / ".output.old-stuck"  # a tree of ours that a build could not delete
    (stuck / "van-ban/x").mkdir(parents=True)
    (stuck / ".sitegen-output").write_text("sitegen\naudience: public\n", encoding="utf-8")
    (stuck / "van-ban/x/index.html").write_text("cũ", encoding="utf-8")
    chown_tree(stuck, NOBODY)
    chown_tree(stuck / "van-ban", 0)
    for _ in range(2):  # and again: it is reported each time, never in the way
        edit(site)
        result = as_nobody(package, site, "build")
        assert result.returncode == 0, result.stderr
        assert f"cảnh báo: không xóa được thư mục cũ {stuck}" in result.stderr
        assert beside(site) == [".output.old-stuck"]
    chown_tree(stuck, NOBODY)
    assert as_nobody(package, site, "build").returncode == 0 and beside(site) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB file system (tmpfs): writing more fills the disk."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_is_said_in_vietnamese_and_the_last_output_stays(tmp_path: Path, small_disk: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    out = small_disk / "output"
    run = [sys.executable, "-m", "sitegen", "build", "--site", str(site), "--out", str(out), "--no-search"]
    assert subprocess.run(run, capture_output=True, timeout=300).returncode == 0
    before = tree_digest(out)
    (site / "static").mkdir()
    (site / "static/tai-lieu.bin").write_bytes(os.urandom(1_500_000))  # more than the disk holds
    result = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "ổ đĩa đã đầy khi ghi" in result.stderr and str(small_disk) in result.stderr
    assert "Thư mục xuất giữ nguyên như lần dựng trước" in result.stderr
    assert not any(word in result.stderr for word in ENGLISH), result.stderr
    assert tree_digest(out) == before and sorted(p.name for p in small_disk.iterdir()) == ["output"]
