"""The print edition: a small edition rendered to PDF and read back with poppler (pdftotext, pdffonts,
pdfimages): order of the items, table-of-contents page numbers against the pages where items start, Vietnamese
text intact, the embedded font, "Lưu hành nội bộ" on every page. Pictures of the first pages are kept as a
test artefact."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, SITE_YAML, doc, make_site, require_tool

from sitegen.commands.print import footnotes_to_floats, print_edition, scope_ids

pytestmark = pytest.mark.pdf

POPPLER = ("pdftotext", "pdffonts", "pdftoppm", "pdfimages")
SENTENCE = ("Ở thôn Ỷ La, chị Hoàng Thị Thủy ẵm con đi bỏ phiếu sớm; những mô hình hay được nhân rộng khắp "
            "huyện "
            "Mỹ Đức, người người hưởng ứng, nhà nhà thi đua, không ai đứng ngoài cuộc.")
NOTE = "Nghị quyết này được quán triệt đến từng chi bộ trong quý III."
PARAGRAPH = ("Các cấp ủy, tổ chức đảng tiếp tục quán triệt sâu sắc chủ trương của Đảng, chính sách, pháp "
             "luật của Nhà nước; đổi mới nội dung, phương thức tuyên truyền, bảo đảm thiết thực, hiệu quả, "
             "gần dân, sát dân.")


def ensure_poppler() -> None:
    """poppler-utils reads the PDF back; missing, the tests fail with the command that installs it."""
    for tool in POPPLER:
        require_tool(tool)


def pages_of(pdf: Path) -> list[str]:
    """Text of each page, NFC, whitespace collapsed (line breaks fall anywhere in justified text)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [re.sub(r"\s+", " ", unicodedata.normalize("NFC", page)).strip() for page in text.split("\f")]
    return pages[:-1] if pages and not pages[-1] else pages


def fonts_of(pdf: Path) -> list[tuple[str, str]]:
    """(name, embedded) of every font in the PDF."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(line.split()[0], line.split()[-5]) for line in out.splitlines()[2:] if line.strip()]


def toc_and_starts(pages: list[str], titles: list[str]) -> tuple[list[int], list[int]]:
    """Page numbers the table of contents gives, and the first page after it on which each title appears."""
    toc = next(i for i, page in enumerate(pages) if "MỤC LỤC" in page)
    numbers = [int(n) for n in re.findall(r"(?:\.\s*){3,}(\d+)", pages[toc])]
    starts = [next(i + 1 for i in range(toc + 1, len(pages)) if " ".join(title.split()[:6]) in pages[i])
              for title in titles]
    return numbers, starts


def cover_png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (300, 200), (165, 17, 27)).save(out, "PNG")
    return out.getvalue()


def article(title: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2021-05-10\nauthor: "Thu Hằng"\n{extra}---\n{body}\n'


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    ensure_poppler()
    root = tmp_path_factory.mktemp("print")
    long_body = "\n\n".join(f"Đoạn {i}: {PARAGRAPH}" for i in range(1, 15)) + f"\n\n{SENTENCE}\n"
    footnoted = f"## I. Mục đích\n\n{PARAGRAPH}[^1]\n\n## II. Nội dung\n\n{PARAGRAPH}\n\n[^1]: {NOTE}\n"
    files = {
        "content/tin-bai/hoi-nghi.md": article("Hội nghị báo cáo viên quý II năm 2021", long_body),
        "content/van-ban/nq.md": doc(title="Về tăng cường công tác tư tưởng trong tình hình mới",
                                     body=footnoted),
        "content/tin-bai/bau-cu.md": article("Tuyên truyền bầu cử đại biểu Quốc hội khóa XV", PARAGRAPH,
                                             "edition: 2021-so-05\n"),
        "content/ban-tin/2021-so-05.md": (
            "---\nnumber: 5\nmonth: 5\ndate: 2021-05-20\ntitle: \"Đẩy mạnh công tác tuyên giáo\"\naudience: "
            "internal\n"
            "cover: /images/bia.png\n"
            "board:\n  - {role: \"Chịu trách nhiệm xuất bản\", name: \"Nguyễn Văn An\"}\n"
            "items:\n  - ../tin-bai/hoi-nghi.md\n  - ../van-ban/nq.md\n---\nLời giới thiệu.\n"
        ),
    }
    site = make_site(root / "site", {**files, "static/images/bia.png": cover_png()},
                     SITE_YAML + "print_size: A5\n")
    result = print_edition(site, "2021-so-05", root / "so-05.pdf")
    assert not result.errors, [d.format() for d in result.diagnostics]
    assert result.size == "A5" and result.pages >= 6
    titles = ["Hội nghị báo cáo viên quý II năm 2021", "Về tăng cường công tác tư tưởng trong tình hình mới",
              "Tuyên truyền bầu cử đại biểu Quốc hội khóa XV"]
    return root / "so-05.pdf", titles


def test_items_come_in_edition_order_and_the_contents_give_the_pages_they_start_on(booklet):
    pdf, titles = booklet
    pages = pages_of(pdf)
    numbers, starts = toc_and_starts(pages, titles)
    assert numbers == starts, (numbers, starts)
    assert starts == sorted(starts) and len(set(starts)) == 3
    # the long article runs over a page, so the numbers are not trivially 3, 4, 5
    assert starts[1] - starts[0] >= 2


def test_vietnamese_text_comes_out_intact_in_the_embedded_font(booklet):
    pdf, _ = booklet
    text = " ".join(pages_of(pdf))
    assert SENTENCE in text
    fonts = fonts_of(pdf)
    assert fonts and all("Noto-Serif" in name and embedded == "yes" for name, embedded in fonts), fonts


def test_internal_edition_says_so_on_every_page_with_running_headers(booklet):
    pdf, _ = booklet
    pages = pages_of(pdf)
    assert all("LƯU HÀNH NỘI BỘ" in page.upper() for page in pages)
    assert "Bản tin thử · Số 05 năm 2021" not in pages[0]  # no running header on the cover
    assert all("Bản tin thử · Số 05 năm 2021" in page for page in pages[1:])
    assert "Tháng 5 năm 2021" in pages[0] and "Đẩy mạnh công tác tuyên giáo" in pages[0]


def test_document_keeps_its_official_form_and_footnotes_sit_on_their_page(booklet):
    pdf, titles = booklet
    pages = pages_of(pdf)
    _, starts = toc_and_starts(pages, titles)
    first = pages[starts[1] - 1]
    for part in ("TỈNH ỦY HÀ NAM", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 04-NQ/TU", "ngày 06 tháng 3 năm 2021",
                 "NGHỊ QUYẾT"):
        assert part in first, part
    assert NOTE in first and "↩" not in " ".join(pages)


def test_cover_image_is_on_the_cover_and_a_missing_one_is_a_warning(booklet, tmp_path: Path):
    pdf, _ = booklet
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout
    assert [line.split()[0] for line in listing.splitlines()[2:]] == ["1"]
    site = make_site(tmp_path / "site", {
        "content/tin-bai/a.md": article("A", PARAGRAPH),
        "content/ban-tin/2021-so-01.md": "---\nnumber: 1\ndate: 2021-01-10\ncover: "
                                         "/images/khong-co.png\nitems: [../tin-bai/a.md]\n---\n",
    })
    result = print_edition(site, "content/ban-tin/2021-so-01.md", tmp_path / "a.pdf", "a4")
    assert result.size == "A4" and result.pages == 3
    assert [d.format() for d in result.diagnostics] == [
        ("content/ban-tin/2021-so-01.md: cảnh báo: bản in thiếu tệp /images/khong-co.png: không có trong "
         "static/ của bản tin "
        "(ảnh) hoặc trong giao diện")]


def test_first_pages_are_kept_as_pictures(booklet):
    pdf, _ = booklet
    prefix = pdf.parent / "trang"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "4", str(pdf), str(prefix)], check=True)
    pictures = sorted(pdf.parent.glob("trang-*.png"))
    assert len(pictures) == 4 and all(p.stat().st_size > 2000 for p in pictures)
    print("pictures of the first pages:", *pictures, sep="\n  ")


def test_sample_edition_prints_from_the_command_line(tmp_path: Path):
    ensure_poppler()
    pdf = tmp_path / "mau.pdf"
    done = subprocess.run([sys.executable, "-m", "sitegen", "print", "2024-so-01", "--site", str(REPO),
                           "--out", str(pdf)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Đã in Số 01 năm 2024" in done.stdout and "Traceback" not in done.stderr
    pages = pages_of(pdf)
    titles = ["Thực hiện công tác lý luận chính trị năm 2024",
              "Sơ kết 3 năm thực hiện Nghị quyết số 01-NQ/TU, ngày 15/3/2021",
              "Đông Thành sơ kết 3 năm thực hiện Nghị quyết 01-NQ/TU"]
    numbers, starts = toc_and_starts(pages, titles)
    assert numbers == starts and len(set(starts)) == 3
    assert not any("LƯU HÀNH NỘI BỘ" in page.upper() for page in pages)  # a public edition


def test_unknown_edition_and_content_errors_are_messages_not_tracebacks(tmp_path: Path):
    site = make_site(tmp_path / "site", {
        "content/ban-tin/2021-so-01.md": "---\nnumber: 1\ndate: 2021-01-10\nitems: "
                                         "[../tin-bai/khong-co.md]\n---\n",
    })
    run = [sys.executable, "-m", "sitegen", "print", "--site", str(site)]
    unknown = subprocess.run([*run, "2021-so-9"], capture_output=True, text=True, timeout=60, check=False)
    assert unknown.returncode == 2
    assert unknown.stderr == "lỗi: không có số bản tin '2021-so-9'; các số hiện có: 2021-so-01\n"
    broken = subprocess.run([*run, "2021-so-01", "--out", str(tmp_path / "x.pdf")], capture_output=True,
                            text=True,
                            timeout=60, check=False)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "content/ban-tin/2021-so-01.md:4: lỗi: mục '../tin-bai/khong-co.md'" in broken.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_footnote_list_becomes_notes_at_their_calls_and_ids_are_scoped():
    html = ('<h2 id="i-muc">I.</h2><p>Câu<sup class="footnote-ref"><a href="#fn1" '
            'id="fnref1">[1]</a></sup>.</p>\n'
            '<hr class="footnotes-sep" />\n<section class="footnotes">\n<ol class="footnotes-list">\n'
            '<li id="fn1" class="footnote-item"><p>Chú <em>thích</em>. <a href="#fnref1" '
            'class="footnote-backref">↩︎</a></p>\n'
            '</li>\n</ol>\n</section>\n')
    assert footnotes_to_floats(html) == ('<h2 id="i-muc">I.</h2><p>Câu<span class="print-footnote">Chú '
                                         '<em>thích</em>.'
                                         '</span>.</p>\n')
    assert scope_ids('<h2 id="a">x</h2><a href="#a">y</a><a href="/b/#c">z</a>', "muc-2") == \
        '<h2 id="muc-2-a">x</h2><a href="#muc-2-a">y</a><a href="/b/#c">z</a>'


def test_without_out_the_pdf_goes_to_ban_in_in_the_site_folder_which_init_ignores(tmp_path: Path):
    site = make_site(tmp_path / "site", {
        "content/tin-bai/a.md": "---\ntitle: Tin một\ndate: 2021-01-05\n---\nNội dung.\n",
        "content/ban-tin/2021-so-01.md": "---\nnumber: 1\ndate: 2021-01-10\nitems: [../tin-bai/a.md]\n---\n",
    })
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, "-m", "sitegen", "print", "2021-so-01", "--site", str(site)],
                          cwd=elsewhere, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    pdf = site / "ban-in/ban-tin-2021-so-01.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-") and str(pdf) in done.stdout  # and it says where
    assert list(elsewhere.iterdir()) == [] and not (site / "output").exists()
    from sitegen.commands import init

    assert "ban-in/" in init.IGNORED
