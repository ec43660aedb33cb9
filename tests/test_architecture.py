"""The import-linter contracts (pyproject.toml [tool.importlinter]): layers, stage order, independent commands."""

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_no_stage_reaches_back():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
