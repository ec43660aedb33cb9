"""Progress of a long build: bars on a terminal (a real pseudo-terminal), plain lines in a log (a pipe),
nothing with --quiet, nothing for a short build."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import doc, make_site

from sitegen.base import catalog
from sitegen.progress import MIN_SOURCES, StageProgress

LABELS = [catalog.MSG[f"progress_{stage}"] for stage in ("load", "parse", "assemble", "render", "write")]


def _long_site(root: Path, count: int = MIN_SOURCES) -> Path:
    files = {f"content/van-ban/d{i}.md": doc(title=f"Văn bản {i}", number=f"{i}-NQ/TU", body=f"Nội dung {i}.")
             for i in range(count)}
    return make_site(root, files)


def _command(site: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sitegen", "build", "--site", str(site), "--no-search", *extra]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _long_site(tmp_path_factory.mktemp("long") / "site")


def test_a_log_gets_one_plain_line_per_stage(long_site: Path, tmp_path: Path):
    done = subprocess.run(_command(long_site, "--out", str(tmp_path / "out")), capture_output=True, text=True,
                          timeout=300, check=True)
    lines = done.stderr.splitlines()
    assert f"{LABELS[0]}: {MIN_SOURCES}/{MIN_SOURCES}, " in done.stderr
    for label in LABELS:  # each stage once when it ends, with its time
        assert sum(line.startswith(label + ":") and line.endswith(" giây") for line in lines) == 1, label
    assert "\x1b" not in done.stderr + done.stdout and "\r" not in done.stderr  # no terminal codes in a log
    assert "Đã dựng" in done.stdout


def test_a_terminal_gets_a_bar_per_stage(long_site: Path, tmp_path: Path):
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen(_command(long_site, "--out", str(tmp_path / "out")), stdin=child, stdout=child,
                            stderr=child, close_fds=True, env=env)
    os.close(child)
    shown = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the build closed the terminal
            break
        if not data:
            break
        shown += data
    os.close(main)
    assert proc.wait(timeout=300) == 0
    text = shown.decode("utf-8")
    assert "\x1b[" in text and "━" in text  # drawn and redrawn in place
    for label in LABELS:
        assert label in text
    assert f"{MIN_SOURCES}/{MIN_SOURCES}" in text and "Đã dựng" in text
    assert f"{LABELS[0]}: " not in text  # the plain lines are for logs


def test_quiet_prints_nothing_when_all_goes_well(long_site: Path, tmp_path: Path):
    done = subprocess.run(_command(long_site, "--out", str(tmp_path / "out"), "--quiet"), capture_output=True,
                          text=True, timeout=300, check=True)
    assert done.stdout == "" and done.stderr == ""
    assert (tmp_path / "out/index.html").is_file()


def test_quiet_still_prints_errors(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(date="2021-13-45")})
    done = subprocess.run(_command(site, "--quiet"), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "a.md:" in done.stderr and "'date'" in done.stderr


def test_a_short_build_shows_no_progress(tmp_path: Path):
    site = _long_site(tmp_path / "site", 3)
    done = subprocess.run(_command(site), capture_output=True, text=True, timeout=300, check=True)
    assert not any(done.stderr.startswith(label) for label in LABELS) and done.stderr == ""


def test_bars_leave_the_build_one_thread_so_render_workers_can_fork():
    main, child = pty.openpty()
    stream = io.TextIOWrapper(io.FileIO(child, "w"), encoding="utf-8")
    try:
        before = threading.active_count()
        with StageProgress(stream) as progress:
            assert progress.mode == "bar"
            progress("load", MIN_SOURCES, MIN_SOURCES)
            progress("render", 1, 2)
            assert threading.active_count() == before  # render/pool.py forks only with one thread
    finally:
        stream.close()
        os.close(main)
