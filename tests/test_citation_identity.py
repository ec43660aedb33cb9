"""Which document a citation names on a site: short forms, numbers without their code, years that decide.

Tiny sites built through the CLI; the links each page gets and the warnings `sitegen check` prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import SITE_YAML, make_site

from sitegen.cli import cli

NINH_BINH = SITE_YAML + 'province: "Ninh Bình"\n'
LAI_CHAU = SITE_YAML + 'province: "Lai Châu"\n'
FULL_2026 = "Nghị quyết số 09-NQ/TU, ngày 15/3/2026 của Ban Thường vụ Tỉnh ủy"


def article(body: str, date: str = "2026-04-01") -> str:
    return f"---\ntitle: Tin\ndate: {date}\n---\n{body}\n"


def links(site: Path, page: str) -> list[tuple[str, str]]:
    html = (site / "output" / page / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<a class="cite" href="([^"]+)"[^>]*>(.*?)</a>', html)


def build(site: Path) -> str:
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert result.exit_code == 0, result.output
    return result.output


# --- issue 14, point 6: two documents share a symbol in different years ----------------------------------

def _four_files() -> dict[str, str]:
    return {
        f"content/tin-bai/tin-{n}.md": article(
            f"Thực hiện {FULL_2026} về chuyển đổi số.\n\nKết quả thực hiện Nghị quyết 09-NQ/TU tốt. "
            f"Sơ kết Nghị quyết 09 vào quý II.")
        for n in range(4)
    }


def test_short_forms_keep_naming_their_document_when_another_year_of_the_symbol_is_cited(tmp_path: Path):
    """Lai Châu was not merged in 2025: its 09-NQ/TU of 2021 and of 2026 share symbol and province, and only
    the date the short forms inherit tells them apart."""
    files = _four_files()
    older = article("Năm 2021, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 09-NQ/TU, ngày 10/5/2021 về du "
                    "lịch.", date="2021-06-01")
    for round, extra in enumerate(({}, {"content/tin-bai/cu.md": older})):
        site = make_site(tmp_path / str(round), files | extra, LAI_CHAU)
        assert "cảnh báo" not in build(site)
        for n in range(4):
            assert [href for href, _ in links(site, f"tin-bai/tin-{n}")] == [
                "/van-ban/nghi-quyet-09-nq-tu-2026-lai-chau/"] * 3
        result = CliRunner().invoke(cli, ["check", "--site", str(site), "--strict"])
        assert result.exit_code == 0, result.output
    assert [href for href, _ in links(site, "tin-bai/cu")] == ["/van-ban/nghi-quyet-09-nq-tu-2021-lai-chau/"]


def test_the_advice_of_the_ambiguity_warning_works(tmp_path: Path):
    """An undated citation of a symbol two documents of the province share is reported; "năm 2026" or
    "(2026)" settles it."""
    files = _four_files() | {
        "content/tin-bai/cu.md": article("Theo Nghị quyết số 09-NQ/TU, ngày 10/9/2025 của Tỉnh ủy.",
                                         "2025-10-01"),
        "content/tin-bai/mo-ho.md": article("Bàn về Nghị quyết số 09-NQ/TU của Ban Thường vụ Tỉnh ủy."),
    }
    site = make_site(tmp_path / "a", files, NINH_BINH)
    result = CliRunner().invoke(cli, ["check", "--site", str(site)])
    warning = next(line for line in result.output.splitlines() if "mo-ho.md" in line)
    assert "ứng với 2 văn bản" in warning and "năm 2026" in warning and "(2026)" in warning
    files["content/tin-bai/mo-ho.md"] = article(
        "Bàn về Nghị quyết số 09-NQ/TU năm 2026 của Ban Thường vụ Tỉnh ủy; Nghị quyết 09-NQ/TU (2025) thì "
        "khác; còn Nghị quyết 09-NQ/TU của Tỉnh ủy (2026) là văn bản mới.")
    site = make_site(tmp_path / "b", files, NINH_BINH)
    assert "cảnh báo" not in build(site)
    assert [href for href, _ in links(site, "tin-bai/mo-ho")] == [
        "/van-ban/nghi-quyet-09-nq-tu-2026-ninh-binh-moi/",
        "/van-ban/nghi-quyet-09-nq-tu-2025-ninh-binh-moi/",
        "/van-ban/nghi-quyet-09-nq-tu-2026-ninh-binh-moi/"]


# --- numbers without their code (class 2) ------------------------------------------------------------

def test_a_number_without_code_names_the_one_document_that_fits(tmp_path: Path):
    site = make_site(tmp_path, {
        "content/tin-bai/day-du.md": article(
            "Bộ Chính trị ban hành Chỉ thị số 35-CT/TW ngày 30/5/2019 về đại hội đảng bộ các cấp."),
        "content/tin-bai/ngan.md": article("Tỉnh ủy chỉ đạo thực hiện hiệu quả Chỉ thị số 35; tốt."),
        "content/tin-bai/cong-van.md": article(
            "Thực hiện Công văn số 468 ngày 12/3/2023 của UBND tỉnh, huyện đã kiện toàn đài truyền thanh.",
            "2023-04-01"),
    }, NINH_BINH)
    output = build(site)
    assert "cảnh báo" not in output, output
    assert links(site, "tin-bai/ngan") == [("/van-ban/chi-thi-35-ct-tw-2019/", "Chỉ thị số 35")]
    (href, surface), = links(site, "tin-bai/cong-van")
    assert surface == "Công văn số 468 ngày 12/3/2023"
    stub = (site / "output" / href.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "Công văn số 468 của UBND tỉnh Ninh Bình, 2023" in stub


def test_a_number_without_code_that_names_nothing_is_reported_and_left_as_text(tmp_path: Path):
    site = make_site(tmp_path, {
        "content/tin-bai/a.md": article("Các cán bộ nghỉ hưu trước tuổi theo Nghị định 178 của Chính phủ."),
    }, NINH_BINH)
    result = CliRunner().invoke(cli, ["build", "--site", str(site)])
    assert "content/tin-bai/a.md:5: cảnh báo: trích dẫn 'Nghị định 178'" in result.output
    assert "năm và cơ quan ban hành" in result.output
    assert links(site, "tin-bai/a") == []


# --- class 10: a text is read with the map of its own date ----------------------------------------------

def test_a_text_is_read_with_the_administrative_map_of_its_date(tmp_path: Path):
    """Ninh Bình of 2026 is the province made of Hà Nam, Nam Định and Ninh Bình on 1 July 2025: its
    "Tỉnh ủy" is not the old Ninh Bình's, and "Tỉnh ủy Hà Nam (2021)" in it reaches the 2021 page."""
    from conftest import doc

    site = make_site(tmp_path, {
        "content/van-ban/nq-ha-nam.md": doc(number="04-NQ/TU", issuer="Tỉnh ủy Hà Nam", date="2021-03-06"),
        "content/tin-bai/2026.md": article(
            "Tiếp tục thực hiện Nghị quyết 04-NQ/TU của Tỉnh ủy Hà Nam (2021) về công tác tư tưởng.\n\n"
            "Năm nay Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 04-NQ/TU, ngày 02/3/2026 về chuyển đổi số. "
            "Nghị quyết 04-NQ/TU của Tỉnh ủy đang được triển khai."),
        "content/tin-bai/2021.md": article(
            "Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 04-NQ/TU ngày 10/5/2021 về du lịch.", "2021-06-01"),
    }, NINH_BINH)
    assert "cảnh báo" not in build(site)
    assert [href for href, _ in links(site, "tin-bai/2026")] == [
        "/van-ban/nghi-quyet-04-nq-tu-2021/", "/van-ban/nghi-quyet-04-nq-tu-2026-ninh-binh-moi/",
        "/van-ban/nghi-quyet-04-nq-tu-2026-ninh-binh-moi/"]
    assert [href for href, _ in links(site, "tin-bai/2021")] == [
        "/van-ban/nghi-quyet-04-nq-tu-2021-ninh-binh/"]
    new = (site / "output/van-ban/nghi-quyet-04-nq-tu-2026-ninh-binh-moi/index.html").read_text()
    assert "Tỉnh ủy Ninh Bình (mới)" in new
