"""The README's "Xuất bản" section followed word by word on a fresh machine: every `sh` block, in order, in a
new HOME with only Python and git — pipx, sitegen installed by pipx from a VCS checkout standing in for the
canonical address, init, new, check, build, git push — then the steps of the workflow `init` wrote, parsed
from its YAML and run in order on a clone of what was pushed, with sitegen installed the way the workflow
installs it into a fresh venv; and the published folder.

Slow (two installs of sitegen and its dependencies); pip's download cache is shared with this machine's so
the packages are not fetched again. Needs PyPI (for pipx and the dependencies) like `make .venv`.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import REPO
from test_ci import Runner, _expressions

from sitegen.commands import provenance

pytestmark = pytest.mark.slow

SECTION = "## Xuất bản"
GITHUB_REMOTE = "https://github.com/ten-tai-khoan/bantin.git"


def section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None,
        timeout: int = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def sitegen_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as it is (tracked files and new ones git does not ignore), committed to a repository of
    its own and tagged v<version> as a release is: it stands in for the canonical address."""
    repo = tmp_path_factory.mktemp("canonical") / "sitegen"
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO).stdout
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            (repo / rel).write_bytes(source.read_bytes())
    git = ["git", "-c", "user.name=sitegen", "-c", "user.email=sitegen@example.invalid"]
    run([*git, "init", "-q", "-b", "main"], repo)
    run([*git, "add", "-A"], repo)
    run([*git, "commit", "-q", "-m", "release"], repo)
    run([*git, "tag", f"v{provenance.provenance().version}"], repo)
    return repo, run(["git", "rev-parse", "HEAD"], repo).stdout.strip()


def fresh_machine(root: Path) -> dict[str, str]:
    """HOME of its own, PATH with Python 3.11 (no virtual environment, no sitegen, no pipx) and the system's
    tools; ~/.local/bin first, as `pipx ensurepath` leaves it for the next terminal."""
    home, tools = root / "home", root / "python"
    home.mkdir()
    tools.mkdir()
    python = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    (tools / "python3").symlink_to(python)
    (tools / "python").symlink_to(python)
    path = os.pathsep.join([str(home / ".local/bin"), str(tools), "/usr/local/bin", "/usr/bin", "/bin"])
    cache = Path(os.environ.get("PIP_CACHE_DIR") or Path.home() / ".cache/pip")
    return {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8", "PIP_CACHE_DIR": str(cache),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "GIT_CONFIG_NOSYSTEM": "1"}


def follow_prose(text: str, site: Path) -> None:
    """What the section asks the editor to do by hand between two commands, done as it says."""
    said = " ".join(text.split())
    for step in ("điền họ tên người ký", "xóa dòng `draft: true`", "xóa hai tệp minh họa"):
        assert step in said
    [document] = site.glob("content/van-ban/ke-hoach-45-*.md")
    body = document.read_text(encoding="utf-8")
    body = re.sub(r'(?m)^  name: ""', '  name: "Nguyễn Văn A"', body)
    body = re.sub(r"(?m)^draft: true.*\n", "", body)
    body += "\n## I. Mục đích, yêu cầu\n\nTuyên truyền sâu rộng truyền thống vẻ vang của Đảng.\n"
    document.write_text(body, encoding="utf-8")
    examples = [*site.glob("content/van-ban/ke-hoach-01-*.md"), site / "content/tin-bai/ra-mat-ban-tin.md"]
    for example in examples:
        assert "minh họa do `sitegen init` tạo" in example.read_text(encoding="utf-8")
        example.unlink()


def test_readme_publishing_section_on_a_fresh_machine(tmp_path: Path, sitegen_repository: tuple[Path, str]):
    canonical, commit = sitegen_repository
    found = provenance.provenance()
    text = section()
    blocks = shell_blocks(text)
    install = f'pipx install "{found.release}"'
    assert install in blocks[1], "the README installs the release tag of the address in pyproject.toml"
    assert any(GITHUB_REMOTE in block for block in blocks)
    machine = fresh_machine(tmp_path)
    github = tmp_path / "github/bantin.git"  # the empty repository made on GitHub
    run(["git", "init", "-q", "--bare", "-b", "main", str(github)], tmp_path)
    work = tmp_path / "may-bien-tap"
    work.mkdir()
    cwd_file = tmp_path / "cwd"
    cwd_file.write_text(str(work))
    outputs = []
    for block in blocks:
        script = block.replace(f"git+{found.address}@", f"git+file://{canonical}@").replace(
            GITHUB_REMOTE, f"file://{github}")
        cwd = Path(cwd_file.read_text().strip())
        bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", f'{script}\npwd > "{cwd_file}"']
        done = run(bash, cwd, machine)
        outputs.append(done.stdout + done.stderr)
        if "sitegen new van-ban" in block:
            follow_prose(text, Path(cwd_file.read_text().strip()))
    site = work / "bantin"
    year = datetime.date.today().year
    assert (site / f"output/van-ban/ke-hoach-45-kh-btgdvtu-{year}/index.html").is_file()
    said = "\n".join(outputs)
    assert "một địa chỉ chỉ có trên máy này" in said  # init knows it was installed from file://

    # GitHub Actions: a checkout of what was pushed, Python set up, then the workflow's own steps.
    checkout = tmp_path / "runner/work/bantin"
    checkout.parent.mkdir(parents=True)
    run(["git", "clone", "-q", str(github), str(checkout)], tmp_path, machine)
    workflow = yaml.safe_load((checkout / ".github/workflows/ban-tin.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["SITEGEN_PACKAGE"] == f"sitegen @ git+file://localhost{canonical}@{commit}"
    python = tmp_path / "runner/python"  # actions/setup-python: a Python of its own, first on PATH
    run(["python3", "-m", "venv", str(python)], tmp_path, machine)
    runner_env = {**machine, "HOME": str(tmp_path / "runner/home"),
                  "PATH": f"{python / 'bin'}{os.pathsep}{machine['PATH']}"}

    class Actions(Runner):
        REPLACE: ClassVar[dict[str, str]] = {}  # the install step runs as written

    done = Actions(workflow, "build", checkout, _expressions(), runner_env).run()
    for name, result in done:
        assert result.returncode == 0, f"{name}: {result.stdout}\n{result.stderr}"
    assert [name for name, _ in done] == ["Cài sitegen", "Kiểm tra nội dung", "Dựng bản công khai",
                                          "Kiểm tra trước khi xuất bản", "Chuẩn bị cho GitHub Pages"]
    installed = run([str(python / "bin/python"), "-c",
                     "from importlib.metadata import distribution as d; "
                     "print(d('sitegen').read_text('direct_url.json'))"], tmp_path, runner_env).stdout
    assert json.loads(installed)["vcs_info"]["commit_id"] == commit  # the very sitegen that ran init

    published = checkout / "_site"
    assert "audience: public" in (published / ".sitegen-output").read_text(encoding="utf-8")
    page = (published / f"van-ban/ke-hoach-45-kh-btgdvtu-{year}/index.html").read_text(encoding="utf-8")
    assert "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng" in page and "Nguyễn Văn A" in page
    assert "45-KH/BTGDVTU" in page
    assert (published / "index.html").is_file() and (published / "feed.xml").is_file()
    assert not (published / "tin-bai/ra-mat-ban-tin").exists()  # the examples were deleted
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://ten-tai-khoan.github.io/bantin/" in sitemap
