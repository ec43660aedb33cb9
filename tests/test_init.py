"""`sitegen init`: a new bulletin that checks strictly and builds, without overwriting anything."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sitegen.cite.symbols import parse_symbol
from sitegen.cli import cli
from sitegen.commands import init

BIN = Path(sys.executable).parent


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_acceptance_init_then_check_strict_then_build(tmp_path: Path):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    script = f"sitegen init {tmp_path}/x && cd {tmp_path}/x && sitegen check --strict && sitegen build"
    result = subprocess.run(["bash", "-ec", script], check=False, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "x/output/index.html").is_file()
    assert "Traceback" not in result.stderr


def test_site_yaml_carries_the_organisation_and_its_province(tmp_path: Path):
    result = invoke("init", str(tmp_path / "s"), "--name", "Ban Tuyên giáo Tỉnh ủy Bình Phước",
                    "--province", "Bình Phước", "--base-url", "https://btg.example.vn/ban-tin/")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((tmp_path / "s/site.yaml").read_text(encoding="utf-8"))
    assert config["organisation"] == "Ban Tuyên giáo Tỉnh ủy Bình Phước"
    assert config["title"] == "Bản tin Ban Tuyên giáo Tỉnh ủy Bình Phước"
    assert config["province"] == "Bình Phước"
    assert config["base_url"] == "https://btg.example.vn/ban-tin/"
    assert "ke-hoach" in config["types"] and "nghi-quyet" in config["types"]
    assert "sitegen check --strict" in result.output
    assert invoke("check", "--site", str(tmp_path / "s"), "--strict").exit_code == 0


@pytest.mark.parametrize("name, province", [
    (None, None),
    (None, "Hà Giang"),
    ("Ủy ban nhân dân huyện Kim Bảng", "Hà Nam"),
    ('Ban Tuyên giáo "Thành ủy" Hà Nội: số 1, #2', "Hà Nội"),
], ids=["defaults", "province-only", "state-body", "quotes-and-colons"])
def test_every_variant_checks_strictly_and_links_its_example_citation(tmp_path: Path, name, province):
    args = ["init", str(tmp_path / "s")]
    args += ["--name", name] if name else []
    args += ["--province", province] if province else []
    assert invoke(*args).exit_code == 0
    site = tmp_path / "s"
    result = invoke("check", "--site", str(site), "--strict")
    assert result.exit_code == 0, result.output
    assert invoke("build", "--site", str(site), "--no-search").exit_code == 0
    article = (site / "output/tin-bai/ra-mat-ban-tin/index.html").read_text(encoding="utf-8")
    assert 'class="cite" href="/van-ban/ke-hoach-01-' in article  # the example citation finds the example


def test_default_name_comes_from_the_province():
    files = init.scaffold(None, "Lào Cai", "none", "https://x.example.vn/", datetime.date(2025, 1, 6))
    assert 'organisation: "Ban Tuyên giáo Tỉnh ủy Lào Cai"' in files["site.yaml"]
    assert set(files) == {"site.yaml", "content/van-ban/ke-hoach-01-kh-btgtu-2025.md",
                          "content/tin-bai/ra-mat-ban-tin.md", "content/gioi-thieu.md"}


def test_example_numbers_are_valid_symbols():
    for name in ("Ban Tuyên giáo Tỉnh ủy", "UBND tỉnh Hà Nam"):
        files = init.example_files(name, "", datetime.date(2025, 1, 6))
        number = next(line for text in files.values() for line in text.splitlines()
                      if line.startswith("number:"))
        assert parse_symbol(yaml.safe_load(number)["number"]) is not None


@pytest.mark.parametrize("ci, path",
                         [("github", ".github/workflows/ban-tin.yml"), ("gitlab", ".gitlab-ci.yml")])
def test_ci_file_is_written_and_only_the_chosen_one(tmp_path: Path, ci: str, path: str):
    assert invoke("init", str(tmp_path / "s"), "--ci", ci).exit_code == 0
    assert (tmp_path / "s" / path).is_file()
    other = {".github/workflows/ban-tin.yml", ".gitlab-ci.yml"} - {path}
    assert not any((tmp_path / "s" / p).exists() for p in other)
    assert invoke("init", str(tmp_path / "t"), "--ci", "none").exit_code == 0
    assert not (tmp_path / "t/.github").exists() and not (tmp_path / "t/.gitlab-ci.yml").exists()


def test_gitignore_lists_what_sitegen_writes_and_keeps_existing_lines(tmp_path: Path):
    site = tmp_path / "clone"
    site.mkdir()
    (site / ".gitignore").write_text("*.docx\noutput\n", encoding="utf-8")
    (site / "README.md").write_text("kho mới\n", encoding="utf-8")
    assert invoke("init", str(site)).exit_code == 0
    lines = (site / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["*.docx", "output"]
    for entry in ("output-noi-bo/", ".sitegen-cache/", "_site/", "public/"):
        assert lines.count(entry) == 1
    assert "output/" not in lines  # already ignored as "output"
    assert (site / "README.md").read_text(encoding="utf-8") == "kho mới\n"


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path):
    site = tmp_path / "s"
    site.mkdir()
    (site / "site.yaml").write_text("title: cũ\n", encoding="utf-8")
    result = invoke("init", str(site))
    assert result.exit_code == 2
    assert "site.yaml" in result.output and "không ghi đè" in result.output
    assert (site / "site.yaml").read_text(encoding="utf-8") == "title: cũ\n"
    assert not (site / "content").exists() and not (site / ".gitignore").exists()


def test_bad_base_url_and_file_target_are_usage_errors(tmp_path: Path):
    result = invoke("init", str(tmp_path / "s"), "--base-url", "bantin.example.vn")
    assert result.exit_code == 2 and "base_url" in result.output and not (tmp_path / "s").exists()
    (tmp_path / "f").write_text("x")
    result = invoke("init", str(tmp_path / "f"))
    assert result.exit_code == 2 and "không phải là thư mục" in result.output
