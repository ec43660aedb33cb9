"""The checks that keep the code honest, run with the suite: import-linter's contracts (pyproject.toml:
layers, stage order, independent commands, who touches the output folder), ruff's rules, mypy --strict."""

import ast
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


# What may change files: write.py (the output folder), pagefind.py (its staging folder), cache.py (the cache
# folder), base/files.py (the helpers they use), and the commands that write what they are asked to (new,
# init, import, print, deploy; cli's `schema --out`). Import contracts cannot see a method call, so the
# modules that read the output folder or build it are checked here for the calls that write.
READ_ONLY = ["build", "commands/serve.py", "commands/verify.py", "pipeline/sources.py",
             "pipeline/frontmatter.py", "pipeline/parse.py", "pipeline/assemble.py", "pipeline/records.py",
             "pipeline/editions.py", "pipeline/render", "pipeline/search/terms.py", "cite", "base/vi.py"]
WRITING_METHODS = {"write_bytes", "write_text", "mkdir", "unlink", "rmdir", "rename", "touch", "symlink_to",
                   "hardlink_to", "chmod", "link", "remove", "makedirs", "rmtree", "copyfile", "copy2",
                   "move"}


def _writes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in WRITING_METHODS:
            found.append(f"{path.name}:{node.lineno} .{f.attr}()")
        elif isinstance(f, ast.Attribute) and f.attr == "replace" and isinstance(f.value, ast.Name) \
                and f.value.id == "os":
            found.append(f"{path.name}:{node.lineno} os.replace()")
        elif isinstance(f, (ast.Name, ast.Attribute)) and getattr(f, "id", getattr(f, "attr", "")) == "open":
            modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
            modes += [k.value.value for k in node.keywords
                      if k.arg == "mode" and isinstance(k.value, ast.Constant)]
            if any(isinstance(m, str) and set(m) & set("wax+") for m in modes):
                found.append(f"{path.name}:{node.lineno} open({modes[0]!r})")
    return found


def test_only_write_touches_the_output_folder():
    package = REPO / "sitegen"
    files = [p for rel in READ_ONLY for p in ([package / rel] if rel.endswith(".py")
                                              else sorted((package / rel).rglob("*.py")))]
    assert len(files) > 20
    assert [w for path in files for w in _writes(path)] == []
