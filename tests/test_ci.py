"""CI: report formats, exit codes, and the workflow templates run step by step on a scaffolded site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import REPO, doc, make_site

from sitegen import report
from sitegen.base.diagnostics import Diagnostic
from sitegen.commands import ci_templates, provenance

BIN = Path(sys.executable).parent
SITEGEN = str(BIN / "sitegen")
BROKEN = doc(date="2022-13-45")  # line 6: an impossible date


def sitegen(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SITEGEN, *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=180,
                          env={**os.environ, **(env or {})})


def scaffold(tmp_path: Path, ci: str = "github") -> Path:
    site = tmp_path / "ban-tin"
    result = sitegen("init", str(site), "--name", "Ban Tuyên giáo Tỉnh ủy Hà Nam", "--province", "Hà Nam",
                     "--ci", ci, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return site


# --- formats ---------------------------------------------------------------------------------------------

def test_github_escaping_follows_actions_core():
    assert report.escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert report.escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"


def test_github_annotation_for_an_error_with_line_and_column():
    d = Diagnostic("error", "date-invalid", "content/a,b:c.md", 6, "ngày\n'x' 100%", field="date", column=3,
                   hint="gợi ý")
    assert report.github_line(d, prefix="site/") == (
        "::error file=site/content/a%2Cb%3Ac.md,line=6,col=3,title=sitegen date-invalid::"
        "ngày%0A'x' 100%25 (gợi ý)")


def test_warning_is_an_error_annotation_under_strict_and_whole_file_has_no_line():
    d = Diagnostic("warning", "cite-ambiguous", "content/a.md", 0, "mơ hồ")
    assert report.github_line(d) == "::warning file=content/a.md,title=sitegen cite-ambiguous::mơ hồ"
    strict = report.github_line(d, strict=True)
    assert strict.startswith("::error file=content/a.md,title=") and "--strict" in strict


def test_content_text_cannot_inject_a_workflow_command():
    d = Diagnostic("error", "x", "content/a.md", 1, "a\n::add-mask::secret\n::error::fake")
    line = report.github_line(d)
    assert "\n" not in line and line.startswith("::error ")  # one command; no line can start with '::'
    assert line.endswith("::a%0A::add-mask::secret%0A::error::fake")


def test_check_format_github_prints_an_annotation_with_file_and_line(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/hong.md": BROKEN})
    summary = tmp_path / "summary.md"
    result = sitegen("check", "--format", "github", cwd=site, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert re.search(r"^::error file=content/van-ban/hong\.md,line=6,title=sitegen [\w-]+::.*2022-13-45",
                     result.stdout, re.MULTILINE), result.stdout
    assert "Traceback" not in result.stderr
    assert "| `content/van-ban/hong.md` | 6 | lỗi |" in summary.read_text(encoding="utf-8")


def test_annotation_paths_are_relative_to_the_working_directory(tmp_path: Path):
    make_site(tmp_path / "repo/ban-tin", {"content/van-ban/hong.md": BROKEN})
    result = sitegen("check", "--site", "ban-tin", "--format", "github", cwd=tmp_path / "repo")
    assert result.returncode == 1
    assert "::error file=ban-tin/content/van-ban/hong.md,line=6," in result.stdout


def test_check_format_json_is_the_only_thing_on_stdout(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/hong.md": BROKEN, "content/van-ban/nq.md": doc()})
    result = sitegen("check", "--format", "json", cwd=site)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["command"] == "check" and data["ok"] is False and data["exit_code"] == 1
    assert data["errors"] == 1 and data["files"] == 2
    [d] = data["diagnostics"]
    assert (d["file"], d["line"], d["field"], d["severity"]) == (
        "content/van-ban/hong.md", 6, "date", "error")


def test_build_format_json_reports_success(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/nq.md": doc()})
    result = sitegen("build", "--no-search", "--format", "json", cwd=site)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["pages"] > 5 and data["diagnostics"] == []


def test_environment_error_is_exit_2_and_an_annotation(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/nq.md": doc()})
    (site / "output").mkdir()
    (site / "output/luan-van.docx").write_bytes(b"x")
    result = sitegen("build", "--format", "github", cwd=site)
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=sitegen output-not-ours::")
    assert "không do sitegen tạo" in result.stderr and "Traceback" not in result.stderr


def test_help_documents_exit_codes_and_commands(tmp_path: Path):
    text = sitegen("--help", cwd=tmp_path).stdout
    assert "Mã thoát" in text and "0  thành công" in text and "2  sai cách gọi" in text
    for command in ("init", "verify", "deploy"):
        assert command in text
    assert "human|github|json" in sitegen("check", "--help", cwd=tmp_path).stdout


# --- templates ---------------------------------------------------------------------------------------------

def test_example_files_are_the_templates_for_the_tagged_release_and_init_pins_the_running_sitegen(
        tmp_path: Path):
    release = provenance.provenance().release
    assert (REPO / "examples/ci/github-pages.yml").read_text(encoding="utf-8") == \
        ci_templates.github_pages(release), \
        "examples/ci/ and sitegen/commands/ci_templates.py differ: regenerate examples/ci/ (README: Releases)"
    assert (REPO / "examples/ci/gitlab-ci.yml").read_text(encoding="utf-8") == ci_templates.gitlab_ci(release)
    written = (scaffold(tmp_path) / ".github/workflows/ban-tin.yml").read_text(encoding="utf-8")
    assert written == ci_templates.github_pages(provenance.provenance().requirement)
    (tmp_path / "g").mkdir()
    gitlab = (scaffold(tmp_path / "g", ci="gitlab") / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(gitlab)["variables"]["SITEGEN_PACKAGE"] == provenance.provenance().requirement


def test_github_workflow_checks_every_push_and_publishes_only_the_default_branch():
    workflow = yaml.safe_load(ci_templates.github_pages("sitegen @ git+https://x.example/s@v1"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] is None, "no branch filter: a repository whose branch is not 'main' publishes too"
    assert "pull_request" in triggers
    publish = "github.ref_name == github.event.repository.default_branch"
    assert publish in workflow["env"]["PUBLISH"] and publish in workflow["jobs"]["pages"]["if"]
    assert "'main'" not in ci_templates.github_pages("x") and "[main]" not in ci_templates.github_pages("x")
    assert workflow["env"]["SITEGEN_PACKAGE"] == "sitegen @ git+https://x.example/s@v1"


def _steps(workflow: dict) -> list[dict]:
    return workflow["jobs"]["build"]["steps"]


def test_github_workflow_runs_the_steps_in_order():
    workflow = yaml.safe_load(ci_templates.github_pages("sitegen @ git+https://x.example/s@v1"))
    runs = [step.get("run", "") for step in _steps(workflow)]
    order = ["pip install", "sitegen check --strict --format github",
             "sitegen build --strict --format github",
             "sitegen verify", "sitegen deploy"]
    positions = [next(i for i, run in enumerate(runs) if key in run) for key in order]
    assert positions == sorted(positions)
    uses = [step["uses"] for step in _steps(workflow) if "uses" in step]
    assert all(re.fullmatch(r"actions/[\w-]+@v\d+", u) for u in uses)
    cache = next(step for step in _steps(workflow)
                 if ".sitegen-cache" in str(step.get("with", {}).get("path")))
    assert cache["uses"].startswith("actions/cache@")
    assert workflow["jobs"]["pages"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert all("${{" not in run for run in runs), "expressions go through env:, never into scripts"
    assert all("pip install sitegen" not in run for run in runs)  # that PyPI name is another project


class Runner:
    """Runs a GitHub Actions job's `run:` steps here, in order, the way the hosted runner does: bash -eo
    pipefail per step, env from workflow, job and step, `if:` conditions, $GITHUB_ENV carried over."""

    # apt-get with sudo: the machine running the tests has ICU already
    SKIP: ClassVar[set[str]] = {"system-deps"}
    REPLACE: ClassVar[dict[str, str]] = {"install": "sitegen --version"}  # installed in the test's own venv

    def __init__(self, workflow: dict, job: str, cwd: Path, expressions: dict[str, str],
                 machine: dict[str, str] | None = None) -> None:
        """`machine`: the runner's environment (PATH with its Python first, HOME); by default this test
        process's, with the suite's sitegen on PATH."""
        self.workflow, self.job, self.cwd, self.expressions = workflow, job, cwd, expressions
        self.home = cwd.parent / "home"
        self.home.mkdir(exist_ok=True)
        self.github_env = cwd.parent / "github_env"
        self.summary = cwd.parent / "step_summary.md"
        self.github_env.write_text("")
        base = machine if machine is not None else {
            **os.environ, "HOME": str(self.home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
        self.env = {**base, "GITHUB_ENV": str(self.github_env), "GITHUB_STEP_SUMMARY": str(self.summary),
                    "CI": "true"}
        for scope in (workflow.get("env", {}), workflow["jobs"][job].get("env", {})):
            self.env.update(self.substitute(scope))

    def substitute(self, values: dict) -> dict[str, str]:
        def expr(match: re.Match[str]) -> str:
            key = match.group(1).strip()
            assert key in self.expressions, f"the test does not know ${{{{ {key} }}}}: add it to its table"
            return self.expressions[key]
        return {name: re.sub(r"\$\{\{(.+?)\}\}", expr, str(value)) for name, value in values.items()}

    def condition(self, text: str, env: dict[str, str]) -> bool:
        python = re.sub(r"env\.(\w+)", lambda m: repr(env.get(m.group(1), "")), text)
        python = python.replace("&&", " and ").replace("||", " or ")
        return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - the workflow's own simple conditions

    def run(self) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
        done = []
        for step in self.workflow["jobs"][self.job]["steps"]:
            if "uses" in step or step.get("id") in self.SKIP:
                continue
            env = {**self.env, **self.substitute(step.get("env", {}))}
            if "if" in step and not self.condition(step["if"], env):
                continue
            script = self.REPLACE.get(step.get("id", ""), step["run"])
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                    check=False, cwd=self.cwd, env=env, capture_output=True, text=True,
                                    timeout=300)
            done.append((step["name"], result))
            for line in self.github_env.read_text().splitlines():
                name, _, value = line.partition("=")
                self.env[name] = value
            if result.returncode != 0:
                break  # a failed step stops the job
        return done


def _expressions(deploy: str = "", internal: str = "") -> dict[str, str]:
    return {
        "vars.SITEGEN_DEPLOY_TARGET": deploy,
        "vars.SITEGEN_INTERNAL_TARGET": internal,
        "github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch":
            "true",
        "secrets.SSH_PRIVATE_KEY": "",
        "secrets.SSH_KNOWN_HOSTS": "",
    }


def _workflow(site: Path) -> dict:
    return yaml.safe_load((site / ".github/workflows/ban-tin.yml").read_text(encoding="utf-8"))


@pytest.mark.pagefind
@pytest.mark.slow
def test_workflow_steps_publish_a_scaffolded_site_for_pages(tmp_path: Path):
    site = scaffold(tmp_path)
    done = Runner(_workflow(site), "build", site, _expressions()).run()
    for name, result in done:
        assert result.returncode == 0, f"{name}: {result.stdout}\n{result.stderr}"
    names = [name for name, _ in done]
    assert names == ["Cài sitegen", "Kiểm tra nội dung", "Dựng bản công khai", "Kiểm tra trước khi xuất bản",
                     "Chuẩn bị cho GitHub Pages"]
    assert (site / "_site/index.html").is_file() and (site / "_site/feed.xml").is_file()
    assert "audience: public" in (site / "_site/.sitegen-output").read_text()


@pytest.mark.pagefind
@pytest.mark.slow
def test_workflow_steps_deploy_both_editions_to_their_targets(tmp_path: Path):
    site = scaffold(tmp_path)
    (site / "content/van-ban/mat.md").write_text(doc(title="Tài liệu zqxmat", number="991-NQ/TU").replace(
        "date:", "audience: internal\ndate:"), encoding="utf-8")
    public, internal = tmp_path / "www/public", tmp_path / "www/noi-bo"
    done = Runner(_workflow(site), "build", site, _expressions(str(public), str(internal))).run()
    for name, result in done:
        assert result.returncode == 0, f"{name}: {result.stdout}\n{result.stderr}"
    assert "Dựng bản nội bộ" in [name for name, _ in done]
    assert not (site / "_site").exists()
    leaked = [p for p in public.rglob("*") if p.is_file() and b"zqxmat" in p.read_bytes()]
    assert leaked == [] and (public / "index.html").is_file()
    assert any(b"zqxmat" in p.read_bytes() for p in internal.rglob("*.html"))
    assert "audience: internal" in (internal / ".sitegen-output").read_text()


@pytest.mark.slow
def test_workflow_stops_at_check_with_an_annotation_for_a_broken_file(tmp_path: Path):
    site = scaffold(tmp_path)
    article = site / "content/tin-bai/ra-mat-ban-tin.md"
    text = article.read_text(encoding="utf-8")
    line = text.splitlines().index(next(row for row in text.splitlines() if row.startswith("date:"))) + 1
    article.write_text(re.sub(r"(?m)^date: .*$", "date: 2024-02-30", text), encoding="utf-8")
    done = Runner(_workflow(site), "build", site, _expressions()).run()
    name, result = done[-1]
    assert name == "Kiểm tra nội dung" and result.returncode == 1
    assert f"::error file=content/tin-bai/ra-mat-ban-tin.md,line={line},title=sitegen" in result.stdout
    assert not (site / "output").exists() and not (site / "_site").exists()


@pytest.mark.pagefind
@pytest.mark.slow
def test_gitlab_pages_job_runs_here(tmp_path: Path):
    site = scaffold(tmp_path, ci="gitlab")
    pipeline = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    template = pipeline[".sitegen"]
    assert any(".sitegen-cache/" in entry["paths"] for entry in template["cache"])
    assert any("pip install" in line for line in template["before_script"])
    pages = pipeline["pages"]
    assert pages["artifacts"]["paths"] == ["public"] and pages["extends"] == ".sitegen"
    script = "\n".join(pages["script"])
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "CI_PROJECT_DIR": str(site)}
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", script], check=False, cwd=site, env=env,
                            capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "public/index.html").is_file()
    server = "\n".join(pipeline["may-chu"]["script"])
    assert ("--internal-target" in server and
            'sitegen deploy --out output --to "$SITEGEN_DEPLOY_TARGET"' in server)


@pytest.mark.parametrize("name", ["github-pages.yml", "gitlab-ci.yml"])
def test_templates_say_how_sitegen_is_installed(name: str):
    text = (REPO / "examples/ci" / name).read_text(encoding="utf-8")
    line, package = ci_templates.package_line(text)
    assert package == f'SITEGEN_PACKAGE: "{provenance.provenance().release}"'
    assert "git+https://" in package and "PyPI" in text and "sitegen init" in text
