"""Real processes: two builds on one output folder take turns; a killed build leaves no child running.

Both rules are stated on what an outsider sees (exit codes, the files, the process table), not on how the
search stage or the render pool is built, so a new search stage has to keep them true.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest

SITEGEN = [sys.executable, "-m", "sitegen"]

pytestmark = [pytest.mark.pagefind]


def many_documents(root: Path, count: int) -> Path:
    files = {f"content/van-ban/d{i}.md": doc(number=f"{i + 1}-NQ/TU", title=f"Văn bản số {i}",
                                             body=f"Đoạn văn thứ {i}, về công tác tư tưởng. " * 60)
             for i in range(count)}
    return make_site(root, files)


def run_build(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SITEGEN, "build", "--site", str(site), *extra], capture_output=True, text=True,
                          timeout=600)


def indexed_pages(out: Path) -> int:
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.slow
def test_two_builds_on_one_output_folder_take_turns_and_leave_one_whole_output(tmp_path: Path):
    site = many_documents(tmp_path / "site", 150)
    out = site / "output"
    first = subprocess.Popen([*SITEGEN, "build", "--site", str(site)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    wait_for(lambda: (site / ".output.lock").exists() or first.poll() is not None, 60, "the first build")
    second = subprocess.Popen([*SITEGEN, "build", "--site", str(site)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=600), *p.communicate()) for p in (first, second)]
    assert [code for code, _, _ in results] == [0, 0], results
    assert "đang được một lần dựng khác ghi" in results[1][2] and f"tiến trình {first.pid}" in results[1][2]
    assert indexed_pages(out) == 150  # the index holds every page: neither build cut the other's short
    assert not [p.name for p in site.iterdir() if p.name.startswith(".output")]
    whole = tree_digest(out)
    third = run_build(site)
    assert third.returncode == 0 and "không trang nào thay đổi" in third.stdout + third.stderr
    assert tree_digest(out) == whole
    verify = subprocess.run([*SITEGEN, "verify", "--site", str(site)], capture_output=True, text=True,
                            timeout=300)
    assert verify.returncode == 0, verify.stderr


def test_a_build_waits_for_the_lock_and_touches_nothing_meanwhile(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()})
    assert run_build(site).returncode == 0
    before = tree_digest(site / "output")
    (site / "content/van-ban/a.md").write_text(doc(title="Đã sửa"), encoding="utf-8")
    lock = os.open(site / ".output.lock", os.O_RDWR | os.O_CREAT, 0o644)
    said: queue.Queue[str] = queue.Queue()
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.write(lock, b"4242\n")
        waiting = subprocess.Popen([*SITEGEN, "build", "--site", str(site)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        assert waiting.stderr is not None
        threading.Thread(target=lambda: [said.put(line) for line in waiting.stderr], daemon=True).start()
        first = said.get(timeout=120)  # it says it waits, and for whom, before it waits
        assert "đang được một lần dựng khác ghi (tiến trình 4242)" in first, first
        time.sleep(1)
        assert waiting.poll() is None
        assert tree_digest(site / "output") == before
        assert not [p for p in site.iterdir() if p.name.startswith(".output.") and p.name != ".output.lock"]
    finally:
        os.unlink(site / ".output.lock")
        os.close(lock)
    assert waiting.wait(timeout=120) == 0
    assert "Đã sửa" in next((site / "output/van-ban").glob("*/index.html")).read_text(encoding="utf-8")


def test_two_builds_sharing_one_cache_take_turns(tmp_path: Path):
    site = many_documents(tmp_path / "site", 40)
    procs = [subprocess.Popen([*SITEGEN, "build", "--site", str(site), "--out", str(tmp_path / name),
                               "--no-search"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    kept = sorted(p.name for p in (site / ".sitegen-cache").iterdir())
    assert len(kept) == 4 and kept[0].startswith("public-base-") and kept[0].endswith(".pickle"), kept
    assert kept[1] == kept[0].replace(".pickle", ".texts"), kept  # the base's texts, beside it
    assert kept[2:] == ["public.sqlite", "templates"], kept  # the rows, and the templates compiled


# --- a killed build leaves no child behind -----------------------------------------------------------

def session_members(session: int) -> dict[int, str]:
    """Live processes (zombies hold nothing) of a session: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session and fields[0] != "Z":
            found[int(entry.name)] = cmdline
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stage", ["parse and render workers", "search"])
def test_killing_a_build_kills_its_children(tmp_path: Path, stage: str):
    """The workers wait on a queue forever once orphaned; Pagefind runs as long as its shard takes (here a
    stand-in that never ends, through PAGEFIND_BINARY_PATH: a real process, as slow as a large shard)."""
    site = many_documents(tmp_path / "site", 250)  # enough pages for the parse and render pools
    env = dict(os.environ)
    if stage == "search":
        slow = tmp_path / "pagefind"
        slow.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
        slow.chmod(0o755)
        env["PAGEFIND_BINARY_PATH"] = str(slow)
    proc = subprocess.Popen([*SITEGEN, "build", "--site", str(site)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, env=env)  # its session: ours

    def children() -> dict[int, str]:
        members = session_members(proc.pid)
        members.pop(proc.pid, None)
        mark = "sleep 600" if stage == "search" else "-m sitegen"  # the stand-in, or forked workers
        return {pid: cmd for pid, cmd in members.items() if mark in cmd}

    try:
        wait_for(lambda: bool(children()) or proc.poll() is not None, 240, stage)
        assert proc.poll() is None, "the build ended before its children could be seen"
        seen = children()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while session_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = session_members(proc.pid)
        assert survivors == {}, f"outlived the build: {survivors} (seen {seen})"
    finally:
        for pid in session_members(proc.pid):
            os.kill(pid, signal.SIGKILL)
    result = run_build(site)  # and the next build starts from a clean state
    assert result.returncode == 0, result.stderr
    assert indexed_pages(site / "output") == 250
