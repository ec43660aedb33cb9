"""A build killed (kill -9, a real process) at several moments of its write stage, which updates the output
in place: until the next build every file in the output is whole, the old one or the new one, and the next
build leaves exactly what a fresh full build of its sources makes: the edited ones, or the old ones when the
edit was undone meanwhile (then what the killed build renamed and added must go again)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest

SITEGEN = [sys.executable, "-m", "sitegen"]
COUNT = 300
ATTEMPTS = 3  # builds started per test: the kill must come at the moment, not after the build


def sources(title: str) -> dict[str, str]:
    return {f"content/van-ban/d{i}.md": doc(number=f"{i + 1}-NQ/TU", title=f"{title} {i}",
                                            body=f"Đoạn văn thứ {i}. " * 200) for i in range(COUNT)}


def build(site: Path, out: Path) -> None:
    done = subprocess.run([*SITEGEN, "build", "--site", str(site), "--out", str(out), "--no-search"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def edit(site: Path) -> None:
    """Every page changes (titles), one document goes and one comes."""
    for rel, text in sources("Đã sửa").items():
        (site / rel).write_text(text, encoding="utf-8")
    (site / "content/van-ban/d0.md").unlink()
    (site / "content/van-ban/moi.md").write_text(doc(number="999-NQ/TU", title="Văn bản mới"),
                                                 encoding="utf-8")


def staging(site: Path) -> bool:
    return any(site.glob(".output.new-*"))


def journal(site: Path) -> bool:
    return (site / ".output.journal").exists()


def renamed(site: Path) -> bool:  # the pass has begun: the new document's page is in place
    return journal(site) and any((site / "output/van-ban").glob("*999*/index.html"))


def deleted(site: Path) -> bool:  # the pass is over (the deleted document's page is gone), cache not saved
    return journal(site) and not any((site / "output/van-ban").glob("*-1-nq-tu-*/index.html"))


MOMENTS: dict[str, Callable[[Path], bool]] = {"staging": staging, "journal": journal, "renamed": renamed,
                                              "deleted": deleted}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """The site before the edit (built), and the outputs of fresh full builds before and after it."""
    root = tmp_path_factory.mktemp("killed")
    site = make_site(root / "site", sources("Văn bản số"))
    build(site, site / "output")
    old = tree_digest(site / "output")
    copy = root / "copy"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".sitegen-cache", "output"))
    edit(copy)
    build(copy, root / "new")
    return site, old, tree_digest(root / "new")


@pytest.mark.slow
@pytest.mark.parametrize("undone", [False, True], ids=["edit kept", "edit undone"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_build_killed_while_writing_leaves_whole_files_and_the_next_build_finishes(
        tmp_path: Path, fresh: tuple[Path, dict[str, str], dict[str, str]], moment: str, undone: bool):
    original, old, new = fresh
    for attempt in range(ATTEMPTS):  # a loaded machine may run the build past a moment between two polls
        site = tmp_path / f"site-{attempt}"
        shutil.copytree(original, site, ignore=shutil.ignore_patterns(".sitegen-cache", "output"))
        build(site, site / "output")  # here: the cache records this output folder
        edit(site)
        out, reached = site / "output", MOMENTS[moment]
        proc = subprocess.Popen([*SITEGEN, "build", "--site", str(site), "--no-search"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while not reached(site) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        if proc.poll() is None:
            break
    assert proc.poll() is None, f"the build ended before the moment '{moment}', {ATTEMPTS} times"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = tree_digest(out)
    torn = {rel for rel, sha in now.items() if sha not in (old.get(rel), new.get(rel))}
    assert not torn, f"files neither old nor new after a kill at '{moment}': {sorted(torn)[:5]}"
    assert now.get("index.html") in (old["index.html"], new["index.html"])
    if undone:
        (site / "content/van-ban/moi.md").unlink()
        for rel, text in sources("Văn bản số").items():
            (site / rel).write_text(text, encoding="utf-8")
    build(site, out)
    assert tree_digest(out) == (old if undone else new)
    assert [p.name for p in site.iterdir() if p.name.startswith(".output")] == []
