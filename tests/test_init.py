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

from sitegen.base.provinces import merged_into
from sitegen.base.vi import slugify
from sitegen.cite.symbols import parse_symbol
from sitegen.cli import cli
from sitegen.commands import ci_templates, init, levels, provenance

BIN = Path(sys.executable).parent


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.pagefind
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


def test_default_name_is_the_provincial_board_of_today():
    """Since 1 July 2025 the provincial Ban Tuyên giáo and Ban Dân vận are one board."""
    files = init.scaffold(None, "Lào Cai", "none", "https://x.example.vn/", datetime.date(2026, 1, 6))
    assert 'organisation: "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai"' in files["site.yaml"]
    assert set(files) == {"site.yaml", "content/van-ban/ke-hoach-01-kh-btgdvtu-2026.md",
                          "content/tin-bai/ra-mat-ban-tin.md", "content/gioi-thieu.md"}


def _example(files: dict[str, str]) -> dict:
    text = next(text for path, text in files.items() if path.startswith("content/van-ban/"))
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("name, level, number, signer", [
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình", "tinh", "01-KH/BTGDVTU", "Trưởng ban"),
    ("Tỉnh ủy Tuyên Quang", "tinh", "01-KH/TU", "Bí thư"),
    ("Ủy ban nhân dân tỉnh Gia Lai", "tinh", "01/KH-UBND", "Chủ tịch"),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai", "tinh", "01/KH-SVHTTDL", "Giám đốc"),
    ("Đảng ủy xã Kim Bình", "xa", "01-KH/ĐU", "Bí thư"),
    ("Đảng ủy phường Hoàn Kiếm", "xa", "01-KH/ĐU", "Bí thư"),
    ("Đảng ủy đặc khu Phú Quốc", "xa", "01-KH/ĐU", "Bí thư"),
    ("Ủy ban nhân dân xã Kim Bình", "xa", "01/KH-UBND", "Chủ tịch"),
    ("Huyện ủy Kim Bảng", "huyen", "01-KH/HU", "Bí thư"),
    ("Ban Tuyên giáo Huyện ủy Tam Đường", "huyen", "01-KH/BTGHU", "Trưởng ban"),
    ("Quận ủy Ba Đình", "huyen", "01-KH/QU", "Bí thư"),
], ids=lambda value: slugify(value) if isinstance(value, str) and "/" in value else None)
def test_example_number_and_signer_fit_the_level_read_from_the_name(name, level, number, signer):
    assert levels.level_of(name) == level
    meta = _example(init.scaffold(name, "", "none", "https://x.example.vn/", datetime.date(2026, 3, 2)))
    assert meta["number"] == number and meta["issuer"] == name and meta["signer"]["position"] == signer
    assert parse_symbol(number) is not None and parse_symbol(number).normalized == number
    # A district's example is dated while districts existed (they were abolished on 1 July 2025).
    assert str(meta["date"]) == ("2025-06-30" if level == "huyen" else "2026-03-02")


def test_level_option_overrides_the_name_and_district_bulletins_date_their_example_before_july_2025(
        tmp_path: Path):
    result = invoke("init", str(tmp_path / "s"), "--name", "Ban Tuyên giáo", "--province", "Hà Nam",
                    "--level", "huyen")
    assert result.exit_code == 0, result.output
    [document] = (tmp_path / "s/content/van-ban").glob("*.md")
    assert document.name.startswith("ke-hoach-01-kh-btghu-")
    example = _example({"content/van-ban/x.md": document.read_text(encoding="utf-8")})
    assert str(example["date"]) <= "2025-06-30"
    assert "Ninh Bình" not in result.output  # Hà Nam existed then: nothing to point out
    assert invoke("check", "--site", str(tmp_path / "s"), "--strict").exit_code == 0
    assert invoke("init", str(tmp_path / "t"), "--level", "tinh-cu").exit_code == 2


def test_a_province_merged_in_2025_is_pointed_out_for_a_bulletin_of_today(tmp_path: Path):
    result = invoke("init", str(tmp_path / "s"), "--province", "Hà Nam")
    assert result.exit_code == 0
    assert "từ 1/7/2025 tỉnh Hà Nam là một phần của tỉnh Ninh Bình" in result.output
    result = invoke("init", str(tmp_path / "t"), "--province", "Ninh Bình")
    assert "1/7/2025" not in result.output
    assert levels.province_now("Bà Rịa - Vũng Tàu") == "Hồ Chí Minh"
    assert levels.province_now("ha giang") == "Tuyên Quang" and levels.province_now("Huế") is None
    assert levels.province_now("Ninh Bình") is None  # it kept its name: the merged province is Ninh Bình
    assert len({levels.province_now(old) for old in merged_into()} - {None}) == 23  # + 11 unchanged = 34


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
    for entry in ("output-noi-bo/", ".sitegen-cache/", "_site/", "public/", "ban-in/"):
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


def test_init_says_which_sitegen_the_ci_installs_and_the_one_line_to_change(tmp_path: Path):
    """The suite runs sitegen from an editable checkout: the CI file cannot install that, so init says so
    and names the SITEGEN_PACKAGE line of the file it wrote."""
    found = provenance.provenance()
    assert found.kind == "editable"
    result = invoke("init", str(tmp_path / "s"))
    assert result.exit_code == 0
    workflow = (tmp_path / "s/.github/workflows/ban-tin.yml").read_text(encoding="utf-8")
    line, text = ci_templates.package_line(workflow)
    assert text == f'SITEGEN_PACKAGE: "{found.requirement}"'
    assert workflow.splitlines()[line - 1].strip() == text
    assert f"dòng {line} của .github/workflows/ban-tin.yml: {text}" in result.output
    assert "mã nguồn trên máy" in result.output
    if found.repository is None:  # the canonical address is not filled in yet: init says so
        assert ".invalid" in text and "chưa có địa chỉ kho mã nguồn của sitegen" in result.output
