"""`sitegen new`: drafts with the type read from the title, file names after the page, and editions."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import SITE_YAML, make_site

from sitegen.base.vi import slugify
from sitegen.cli import cli
from sitegen.commands import new

YEAR = datetime.date.today().year
SITE = SITE_YAML + '  bao-cao: { label: "Báo cáo", code: "BC" }\norganisation: "Huyện ủy Kim Bảng"\n'


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", {}, site_yaml=SITE)


def made(result) -> Path:
    assert result.exit_code == 0, result.output
    return Path(result.output.split("Đã tạo ", 1)[1].split(" (bản nháp)", 1)[0])


@pytest.mark.parametrize("title, type_key, rest", [
    ("Báo cáo kết quả công tác tuyên giáo quý I", "bao-cao", "Kết quả công tác tuyên giáo quý I"),
    ("KẾ HOẠCH tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng", "ke-hoach",
     "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng"),
    ("Hướng dẫn: tổ chức hội nghị học tập", "huong-dan", "Tổ chức hội nghị học tập"),
    ("Nghị quyết về công tác tư tưởng", "nghi-quyet", "Về công tác tư tưởng"),
])
def test_the_type_comes_from_the_title_and_leaves_it(site: Path, title: str, type_key: str, rest: str):
    meta = front(made(invoke("new", "--site", str(site), "van-ban", title)))
    assert (meta["type"], meta["title"]) == (type_key, rest)
    assert meta["draft"] is True and meta["issuer"] == "Huyện ủy Kim Bảng"


def test_type_option_and_a_title_without_a_type(site: Path):
    meta = front(made(invoke("new", "--site", str(site), "van-ban", "Tổ chức học tập",
                             "--type", "huong-dan")))
    assert (meta["type"], meta["title"]) == ("huong-dan", "Tổ chức học tập")
    result = invoke("new", "--site", str(site), "van-ban", "Tổ chức học tập chuyên đề")
    assert result.exit_code == 2 and "--type" in result.output and "ke-hoach" in result.output
    result = invoke("new", "--site", str(site), "van-ban", "Kế hoạch", "--type", "ke-hoach-moi")
    assert result.exit_code == 2 and "ke-hoach-moi" in result.output


def test_a_document_with_its_number_is_named_after_its_page(site: Path):
    path = made(invoke("new", "--site", str(site), "van-ban", "Kế hoạch tuyên truyền",
                       "--number", "45-KH/HU"))
    assert path.name == f"ke-hoach-45-kh-hu-{YEAR}.md"
    meta = front(path)
    assert meta["number"] == "45-KH/HU" and meta["signer"] == {"on_behalf": "T/M Ban Thường vụ",
                                                              "position": "Bí thư", "name": ""}
    text = path.read_text(encoding="utf-8").replace("draft: true", "draft: false").replace(
        '  name: ""', '  name: "Nguyễn Văn A"')
    path.write_text(text, encoding="utf-8")
    assert invoke("check", "--site", str(site), "--strict").exit_code == 0
    assert invoke("build", "--site", str(site), "--no-search").exit_code == 0
    assert (site / f"output/van-ban/{path.stem}/index.html").is_file()  # the file's name is the page's


def test_before_its_number_a_document_has_a_provisional_name_that_check_asks_to_change(site: Path):
    path = made(invoke("new", "--site", str(site), "van-ban",
                       "Báo cáo kết quả công tác tuyên giáo quý I về chuyên đề học tập và làm theo"))
    assert path.name.startswith(f"bao-cao-chua-co-so-{YEAR}-ket-qua-cong-tac-tuyen-giao")
    words = path.stem.split(f"-{YEAR}-", 1)[1].split("-")
    title_words = slugify("kết quả công tác tuyên giáo quý I về chuyên đề học tập và làm theo").split("-")
    assert words == title_words[:len(words)]  # cut between words, never inside one
    assert words[-1] not in ("va", "ve", "cua")
    assert front(path)["number"] == "-BC/HU"  # a draft's blank number, as its header prints it
    text = path.read_text(encoding="utf-8").replace("draft: true", "draft: false").replace(
        '  name: ""', '  name: "Nguyễn Văn A"')
    path.write_text(text, encoding="utf-8")
    result = invoke("check", "--site", str(site), "--strict")
    assert result.exit_code == 0, result.output  # no number yet: the name is right for now
    path.write_text(text.replace('number: "-BC/HU"', 'number: "12-BC/HU"'), encoding="utf-8")
    result = invoke("check", "--site", str(site))
    assert result.exit_code == 0
    expected = f"bao-cao-12-bc-hu-{YEAR}.md"
    assert f"content/van-ban/{path.name}:6: cảnh báo:" in result.output  # the line of 'number'

    assert f"hãy đổi tên tệp thành {expected}" in result.output and "1 cảnh báo" in result.output
    path.rename(path.with_name(expected))
    assert "không có cảnh báo" in invoke("check", "--site", str(site), "--strict").output


def test_new_files_are_drafts_that_build_leaves_out_until_the_line_is_removed(site: Path):
    article = made(invoke("new", "--site", str(site), "tin-bai", "Hội nghị báo cáo viên quý I năm 2026"))
    assert article.name == "hoi-nghi-bao-cao-vien-quy-i-nam-2026.md"
    assert front(article)["draft"] is True
    check = invoke("check", "--site", str(site), "--strict")
    assert check.exit_code == 0, check.output
    assert invoke("build", "--site", str(site), "--no-search").exit_code == 0
    assert not (site / "output/tin-bai/hoi-nghi-bao-cao-vien-quy-i-nam-2026").exists()
    pages = (site / "output").rglob("*.html")
    assert not any("Nội dung bài viết" in p.read_text(encoding="utf-8") for p in pages)
    lines = article.read_text(encoding="utf-8").splitlines()
    article.write_text("\n".join(line for line in lines if not line.startswith("draft:")) + "\n",
                       encoding="utf-8")
    assert invoke("build", "--site", str(site), "--no-search").exit_code == 0
    assert (site / "output/tin-bai/hoi-nghi-bao-cao-vien-quy-i-nam-2026/index.html").is_file()


def test_a_long_article_title_is_cut_between_words():
    name = new.article_name("Hội nghị báo cáo viên quý I năm 2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy")
    stem = name.removesuffix(".md")
    assert len(stem) <= new.NAME_WORDS and stem.split("-")[-1] not in ("cua", "va")
    full = slugify("Hội nghị báo cáo viên quý I năm 2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy")
    assert full.startswith(stem + "-")


def test_new_edition_takes_the_next_number_of_the_year_and_publishes_once_filled(site: Path):
    first = made(invoke("new", "--site", str(site), "ban-tin"))
    assert first.name == f"{YEAR}-so-01.md"
    second = made(invoke("new", "--site", str(site), "ban-tin", "Chào mừng Đại hội"))
    assert second.name == f"{YEAR}-so-02.md"
    meta = front(second)
    assert (meta["number"], meta["title"], meta["draft"], meta["items"]) == (2, "Chào mừng Đại hội", True, [])
    assert made(invoke("new", "--site", str(site), "ban-tin", "--number", "7")).name == f"{YEAR}-so-07.md"
    assert invoke("new", "--site", str(site), "ban-tin", "--number", "bảy").exit_code == 2
    assert invoke("check", "--site", str(site), "--strict").exit_code == 0
    article = made(invoke("new", "--site", str(site), "tin-bai", "Tin một"))
    article.write_text(article.read_text(encoding="utf-8").replace("draft: true", "draft: false"),
                       encoding="utf-8")
    second.write_text(second.read_text(encoding="utf-8").replace("draft: true", "draft: false").replace(
        "items: []", f"items: [../tin-bai/{article.name}]"), encoding="utf-8")
    result = invoke("build", "--site", str(site), "--no-search")
    assert result.exit_code == 0, result.output
    page = (site / f"output/ban-tin/{YEAR}-so-02/index.html").read_text(encoding="utf-8")
    assert "Chào mừng Đại hội" in page and "Tin một" in page
    assert not (site / f"output/ban-tin/{YEAR}-so-01").exists()  # still a draft


def test_new_refuses_to_overwrite_and_needs_a_site(site: Path, tmp_path: Path):
    made(invoke("new", "--site", str(site), "tin-bai", "Tin một"))
    result = invoke("new", "--site", str(site), "tin-bai", "Tin một")
    assert result.exit_code == 2 and "không ghi đè" in result.output
    result = invoke("new", "--site", str(tmp_path / "khong-co"), "tin-bai", "Tin một")
    assert result.exit_code == 2 and "site.yaml" in result.output
    assert invoke("new", "--site", str(site), "tin-bai").exit_code == 2  # a title is needed
