"""Resource bombs meet limits no real bulletin reaches: each is a Vietnamese error or warning at file:line,
and each is checked in a real process under a memory limit (RLIMIT_AS) and a time limit.

The figures (seconds, peak resident memory) are printed with `-s`; the limits are the assertions.
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import doc, make_site

# Real bombs in child processes under memory limits: out of `make test-fast`, in `make test`.
pytestmark = pytest.mark.slow

MEMORY = 768 << 20  # address space for each run: sitegen itself needs ~300 MB of it
SITEGEN = [sys.executable, "-m", "sitegen"]


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


def limited(args: list[str], timeout: float = 120, memory: int = MEMORY) -> Run:
    """Run a command under an address-space limit; its exit code, output, wall time and peak RSS."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    streams: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda name, f: streams.__setitem__(name, f.read()), args=(name, f))
               for name, f in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    timer = threading.Timer(timeout, proc.kill)  # a bomb that is not stopped fails here, not hangs
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)  # reaped here, for its own resource usage
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    result = Run(proc.returncode, streams["out"].decode(errors="replace"),
                 streams["err"].decode(errors="replace"), time.monotonic() - start, usage.ru_maxrss / 1024)
    print(f"\n{' '.join(args[2:4])}: exit {result.code}, {result.seconds:.1f} s, "
          f"peak RSS {result.peak_mb:.0f} MB")
    assert result.code != -9, f"killed after {timeout} s"
    return result


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.err and "MemoryError" not in run.err, run.err[-2000:]


def billion_laughs(levels: int = 9) -> str:
    names = "abcdefghij"[:levels]
    rows = ['  a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    rows += [f"  {cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]"
             for prev, cur in zip(names, names[1:], strict=False)]
    return "extra:\n" + "\n".join(rows) + "\n"


def test_a_yaml_alias_bomb_is_an_error_at_its_line(tmp_path: Path):
    """Ten lines that expand to 9^9 values: was 6 GB and a MemoryError traceback."""
    bomb = doc().replace("date: 2021-03-06\n", "date: 2021-03-06\n" + billion_laughs())
    site = make_site(tmp_path / "site", {"content/van-ban/bom.md": bomb, "content/van-ban/a.md": doc(
        number="05-NQ/TU")})
    run = limited([*SITEGEN, "check", "--site", str(site)], timeout=60)
    no_traceback(run)
    assert run.code == 1
    line = next(line for line in run.err.splitlines() if line.startswith("content/van-ban/bom.md"))
    assert line.startswith("content/van-ban/bom.md:7: lỗi: front-matter vượt giới hạn:"), line
    assert "bí danh YAML" in line and "giới hạn 100.000" in line
    assert run.seconds < 60


def test_a_yaml_alias_bomb_in_site_yaml_and_a_recursive_alias_are_errors(tmp_path: Path):
    from conftest import SITE_YAML

    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc()},
                     site_yaml=SITE_YAML + billion_laughs())
    run = limited([*SITEGEN, "build", "--site", str(site)], timeout=60)
    no_traceback(run)
    assert run.code == 1 and "site.yaml:" in run.err and "bí danh YAML" in run.err
    looped = doc().replace("date: 2021-03-06\n", "date: 2021-03-06\nextra: &x {a: [1, *x]}\n")
    nested = doc().replace("date: 2021-03-06\n", "date: 2021-03-06\nextra:\n  a: " + "[" * 200 + "]" * 200
                           + "\n")
    site = make_site(tmp_path / "two", {"content/van-ban/vong.md": looped, "content/van-ban/sau.md": nested})
    run = limited([*SITEGEN, "check", "--site", str(site)], timeout=60)
    no_traceback(run)
    assert "content/van-ban/vong.md:7: lỗi:" in run.err and "điểm dừng" in run.err
    assert "content/van-ban/sau.md:7: lỗi:" in run.err and "lồng nhau 202 cấp, giới hạn 50" in run.err


def docx_bytes(document_xml: bytes | None = None, stream_mb: int = 0) -> bytes:
    """A real .docx made by python-docx, its main part replaced (`document_xml`), left out (None and no
    stream), or replaced by `stream_mb` MB of paragraphs written through deflate (a zip bomb)."""
    import docx

    base = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Kế hoạch tuyên truyền.")
    document.save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                           compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
            elif document_xml is not None:
                target.writestr(info.filename, document_xml)
            elif stream_mb:
                head, tail = source.read(info).split(b"<w:body>")
                paragraph = b"<w:p><w:r><w:t>ha ha ha ha ha ha ha</w:t></w:r></w:p>" * 1000
                with target.open(info.filename, "w", force_zip64=True) as part:
                    part.write(head + b"<w:body>")
                    for _ in range(stream_mb * (1 << 20) // len(paragraph)):
                        part.write(paragraph)
                    part.write(tail)
    return out.getvalue()


def test_a_docx_zip_bomb_is_refused_in_bounded_memory(tmp_path: Path):
    """256 MB of XML in ~0.3 MB of zip: python-docx and lxml would hold gigabytes."""
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(docx_bytes(stream_mb=256))
    assert bomb.stat().st_size < 2 << 20
    run = limited([*SITEGEN, "import", str(bomb), "--out", str(tmp_path / "out")], timeout=60)
    no_traceback(run)
    assert run.code == 1
    assert "bom.docx: không nhập được: tệp Word hỏng hoặc không phải .docx: tệp .docx giải nén ra quá lớn" \
        in run.err and "word/document.xml: 256 MB, giới hạn 32 MB" in run.err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_docx_without_its_main_part_is_a_vietnamese_error(tmp_path: Path):
    broken = tmp_path / "thieu.docx"
    broken.write_bytes(docx_bytes())
    run = limited([*SITEGEN, "import", str(broken), "--out", str(tmp_path / "out")], timeout=60)
    no_traceback(run)
    assert run.code == 1 and "AttributeError" not in run.err and "KeyError" not in run.err
    assert "thiếu phần nội dung chính (word/document.xml)" in run.err


def test_one_file_citing_thousands_of_unknown_documents_makes_a_bounded_number_of_pages(tmp_path: Path):
    from sitegen.pipeline.linking import MAX_STUBS_PER_SOURCE

    count = 3 * MAX_STUBS_PER_SOURCE
    body = "\n".join(f"Kế hoạch {i + 1}/KH-UBND." for i in range(count))
    site = make_site(tmp_path / "site", {"content/van-ban/danh-sach.md": doc(body=body)})
    run = limited([*SITEGEN, "build", "--site", str(site), "--no-search"], timeout=300)
    no_traceback(run)
    assert run.code == 0, run.err[-2000:]
    line = 8 + MAX_STUBS_PER_SOURCE  # the first citation past the limit (the first one is on line 8)
    assert (f"content/van-ban/danh-sach.md:{line}: cảnh báo: tệp dẫn hơn {MAX_STUBS_PER_SOURCE} văn bản "
            f"không có trong bản tin; từ đây, {count - MAX_STUBS_PER_SOURCE} văn bản") in run.err
    stubs = [p for p in (site / "output/van-ban").iterdir() if p.name.startswith("ke-hoach-")]
    assert len(stubs) == MAX_STUBS_PER_SOURCE
    page = (site / "output/van-ban/nghi-quyet-04-nq-tu-2021/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)  # symbols sit in no-break spans
    assert page.count('class="cite"') == MAX_STUBS_PER_SOURCE and f"Kế hoạch {count}/KH-UBND" in text


@pytest.mark.pagefind
@pytest.mark.parametrize("levels", [12, 30])
def test_a_list_nested_deeper_than_any_document_loses_no_text(tmp_path: Path, levels: int):
    body = "\n".join("  " * depth + f"- mức {depth + 1} zqxmuc{depth + 1}" for depth in range(levels))
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(body=body)})
    run = limited([*SITEGEN, "build", "--site", str(site)], timeout=120)
    no_traceback(run)
    assert run.code == 0, run.err
    page = (site / "output/van-ban/nghi-quyet-04-nq-tu-2021/index.html").read_text(encoding="utf-8")
    assert all(f"zqxmuc{depth + 1}" in page for depth in range(levels))
    assert page.count("<ul>") == levels


def test_a_list_nested_beyond_the_limit_is_reported_at_the_line_where_text_is_left_out(tmp_path: Path):
    body = "\n".join("  " * depth + f"- mức {depth + 1}" for depth in range(80))
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": doc(body=body)})
    run = limited([*SITEGEN, "check", "--site", str(site)], timeout=120)
    no_traceback(run)
    assert run.code == 0
    lines = [line for line in run.err.splitlines() if line.startswith("content/van-ban/a.md:")]
    assert len(lines) == 1 and "cảnh báo: danh sách hoặc đoạn trích lồng nhau sâu hơn" in lines[0]
    lost = int(lines[0].split(":")[1])
    assert 7 + 40 < lost < 7 + 80  # a line of the body (which starts on line 8), past the 40th level
    run = limited([*SITEGEN, "check", "--site", str(site), "--strict"], timeout=120)
    assert run.code == 1
