"""The checks that keep the code honest, run with the suite: import-linter's contracts (pyproject.toml:
layers, stage order, independent commands, who touches the output folder), ruff's rules, mypy --strict."""

import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def test_no_stage_reaches_back():
    result = subprocess.run([str(BIN / "lint-imports"), "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing():
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO,  # [tool.mypy]: strict, on sitegen/
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
