"""Tiny inline sites per test: make_site(tmp_path, {"content/a.md": "..."})."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import textwrap
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, never time: Hypothesis's default 200 ms deadline per example failed under a
# loaded shared machine (test_feed_order at 353 ms). Timing targets live in bench/.
settings.register_profile("sitegen", deadline=None)
settings.load_profile("sitegen")

REPO = Path(__file__).resolve().parent.parent
# System tools the tests drive, and the Debian package of each; `make deps` installs the missing ones.
SYSTEM_TOOLS = {"chromium": "chromium", "pdftotext": "poppler-utils", "pdffonts": "poppler-utils",
                "pdftoppm": "poppler-utils", "pdfimages": "poppler-utils", "java": "default-jre-headless"}


def require_tool(tool: str) -> str:
    """The path of a system tool a test drives. Missing, the test fails (never skips) with the command that
    installs it: tests do not install system packages themselves."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run `make deps` as root "
                    f"(or: apt-get install -y {SYSTEM_TOOLS[tool]})", pytrace=False)
    return path

SITE_YAML = """\
title: "Bản tin thử"
base_url: "https://bantin.example.vn"
per_page: 2
types:
  nghi-quyet: { label: "Nghị quyết", code: "NQ" }
  huong-dan: { label: "Hướng dẫn", code: "HD" }
  ke-hoach: { label: "Kế hoạch", code: "KH" }
  quyet-dinh: { label: "Quyết định", code: "QĐ" }
"""

DOC = """\
---
title: "{title}"
type: {type}
number: "{number}"
issuer: "{issuer}"
date: {date}
---
{body}
"""


def doc(title: str = "Về công tác tư tưởng", type: str = "nghi-quyet", number: str = "04-NQ/TU",
        issuer: str = "Tỉnh ủy Hà Nam", date: str = "2021-03-06", body: str = "Nội dung.") -> str:
    return DOC.format(title=title, type=type, number=number, issuer=issuer, date=date, body=body)


def make_site(root: Path, files: dict[str, str | bytes], site_yaml: str = SITE_YAML) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content,
                            encoding="utf-8")
    return root


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def all_text(folder: Path) -> dict[str, str]:
    """Every output file as text, decompressing gzip/zlib data (Pagefind's index files are gzipped)."""
    out = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for unpack in (gzip.decompress, zlib.decompress):
            try:
                data = unpack(data)
                break
            except (OSError, zlib.error, EOFError):
                continue
        out[path.relative_to(folder).as_posix()] = data.decode("utf-8", errors="replace")
    return out


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site, built once through the CLI for every test that only reads it."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("sample") / "output"
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(REPO), "--out",
                             str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", {})


def fail_pagefind(monkeypatch: pytest.MonkeyPatch, folder: Path,
                  words: str = "Error: service stopped") -> None:
    """From now on the Pagefind binary that runs is a real one that fails: it prints `words` and exits 1
    (PAGEFIND_BINARY_PATH is how Pagefind's own package lets a binary be chosen)."""
    binary = folder / "pagefind-failing"
    binary.write_text(f"#!/bin/sh\necho '{words}' >&2\nexit 1\n", encoding="utf-8")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The sample site is built once, with its search index: a test reading it runs Pagefind too."""
    for item in items:
        if "sample_output" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pagefind)


def growth(run: Callable[[str], object], chunk: str, small: int = 100_000, large: int = 1_000_000) -> float:
    """How many times longer `run` takes (CPU time) on `chunk` repeated to `large` characters than to `small`
    (the best of three runs, so that a busy moment does not make the small one look fast): about large /
    small (10) when it is linear, its square (100) when it is quadratic. A property of the algorithm, not of
    the machine: timing targets live in bench/."""

    def best(size: int, repeat: int = 3) -> float:
        text = chunk * (size // len(chunk))
        times = []
        for _ in range(repeat):
            started = time.process_time()
            run(text)
            times.append(time.process_time() - started)
        return min(times)

    best(small, 1)  # warm caches of compiled patterns and tables
    return best(large, 1) / max(best(small), 1e-3)
