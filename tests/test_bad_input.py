"""Bad input, each with a clear error and nothing lost; random input never raises."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cite.document import find_citations
from sitegen.pipeline.frontmatter import load_entry
from sitegen.pipeline.sources import Source, decode

GOOD = doc()
LEGACY = b"Ngh\xdf quy\xd5t s\xe8 04"  # an 8-bit TCVN3 file, as old Vietnamese Word setups saved them
CASES = [
    ("malformed-yaml", GOOD.replace("type: nghi-quyet", "type: nghi-quyet: sai"), "yaml-syntax", 3),
    ("wrong-type", GOOD.replace('title: "Về công tác tư tưởng"', "title: [1, 2]"), "string-type", 2),
    ("unknown-document-type", GOOD.replace("nghi-quyet", "nghi-quyet-x"), "unknown-type", 3),
    ("missing-date", GOOD.replace("date: 2021-03-06\n", ""), "missing", 2),
    ("impossible-date", GOOD.replace("2021-03-06", "2021-02-30"), "date-invalid", 6),
    ("never-closed", GOOD.replace("---\nNội dung.", "Nội dung."), "unclosed-frontmatter", 1),
    ("empty-file", "", "empty-file", 1),
    ("duplicate-key", GOOD.replace("date: 2021-03-06", "date: 2021-03-06\ndate: 2021-03-07"), "yaml-syntax",
     7),
]


@pytest.mark.parametrize("name, text, code, line", CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gets_its_error(name, text, code, line):
    entry, diagnostics = load_entry(Source("content/van-ban/x.md", text, "d", size=len(text.encode())),
                                    {"types": {"nghi-quyet": {}}})
    assert entry is None
    assert [(d.code, d.line) for d in diagnostics][:1] == [(code, line)], [d.format() for d in diagnostics]
    assert all(d.message and d.file == "content/van-ban/x.md" for d in diagnostics)


def test_bom_and_crlf_are_fine_and_non_utf8_is_an_error():
    text, error = decode(("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8"))
    assert error is None and text == GOOD
    text, error = decode(LEGACY)
    assert text is None and error


def build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site)],
                          capture_output=True,
                          text=True, timeout=300)


@pytest.mark.pagefind
def test_whole_site_table_errors_are_clear_and_output_kept(tmp_path: Path):
    site = make_site(tmp_path / "site", {"content/van-ban/ok.md": GOOD})
    assert build(site).returncode == 0
    before = tree_digest(site / "output")
    bad = {f"content/van-ban/{name}.md": text for name, text, _, _ in CASES}
    bad["content/van-ban/latin1.md"] = LEGACY
    bad["content/van-ban/huge.md"] = GOOD + "x" * 20_000_000
    bad["content/van-ban/same-url.md"] = GOOD
    crlf = ("\ufeff" + doc(number="05-CT/TW", type="nghi-quyet")).replace("\n", "\r\n")
    bad["content/van-ban/crlf-bom.md"] = crlf
    for rel, content in bad.items():
        path = site / rel
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for name in [c[0] for c in CASES] + ["latin1", "huge", "same-url"]:
        assert f"content/van-ban/{name}.md" in result.stderr, name
    assert "không phải văn bản UTF-8" in result.stderr and "tệp quá lớn" in result.stderr
    assert "trùng đường dẫn" in result.stderr and "crlf-bom" not in result.stderr
    assert tree_digest(site / "output") == before


@pytest.mark.slow
@pytest.mark.pagefind
def test_killed_build_leaves_the_previous_output_complete(tmp_path: Path):
    files = {f"content/van-ban/d{i}.md": doc(number=f"{i + 1}-NQ/TU", title=f"Văn bản {i}",
                                             body="Đoạn văn. " * 400)
             for i in range(400)}
    site = make_site(tmp_path / "site", files)
    assert build(site).returncode == 0
    old = tree_digest(site / "output")
    for i in range(400):
        (site / f"content/van-ban/d{i}.md").write_text(doc(number=f"{i + 1}-NQ/TU", title=f"Sửa {i}"),
                                                       encoding="utf-8")
    start = time.monotonic()
    timed = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "--out",
                            str(tmp_path / "timing")],
                           capture_output=True, timeout=300)
    duration = time.monotonic() - start
    assert timed.returncode == 0
    for fraction in (0.3, 0.6, 0.8, 0.95):
        proc = subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--site", str(site)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = tree_digest(site / "output")
        timing = tree_digest(tmp_path / "timing") | {".sitegen-output": now.get(".sitegen-output")}
        assert now in (old, timing)
    assert build(site).returncode == 0  # and the next build cleans up after the killed ones
    assert not [p for p in site.iterdir() if p.name.startswith(".output.")]


@pytest.mark.slow
@pytest.mark.pagefind
def test_leftovers_of_a_deletion_killed_halfway_are_cleaned_but_foreign_folders_kept(tmp_path: Path):
    """A deletion of an old tree deletes its marker last, so what a kill leaves is still recognisably ours
    (or empty); a folder without the marker and with content is not sitegen's and stays."""
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": GOOD})
    assert build(site).returncode == 0
    half = site / ".output.old-half1"
    (half / "van-ban").mkdir(parents=True)
    (half / ".sitegen-output").write_text("sitegen\naudience: public\n", encoding="utf-8")
    (half / "van-ban" / "index.html").write_text("x", encoding="utf-8")
    (site / ".output.old-empty2").mkdir()
    foreign = site / ".output.old-user3"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("của biên tập viên", encoding="utf-8")
    assert build(site).returncode == 0
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".output.")) == [".output.old-user3"]
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "của biên tập viên"


def test_an_unclosed_quote_after_a_lone_carriage_return_is_a_diagnostic():
    """YAML counts a lone \\r as a line break: the quote's line is found by the same count (it was looked up
    in the text split at \\n only, and raised IndexError: Hypothesis's example)."""
    entry, diags = load_entry(Source("content/van-ban/x.md", "---\n\r'\n---\n", "d", size=8), {"types": {}})
    assert entry is None and [d.line for d in diags] == [3]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text())
def test_front_matter_loader_never_raises(text):
    load_entry(Source("content/van-ban/x.md", text, "d", size=len(text)), {"types": {"nghi-quyet": {}}})
    load_entry(Source("content/van-ban/x.md", "---\n" + text + "\n---\n", "d", size=len(text)), {"types": {}})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789-/ .,:NQĐTUHKBCGtháng năm ngàyốsố\n\u00a0–")),
               max_size=300))
@pytest.mark.slow
def test_citation_detector_never_raises_on_symbol_like_noise(text):
    for c in find_citations(text):
        assert 0 <= c.start < c.end <= len(text)


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_a_file_that_is_not_utf8_is_named_with_its_line_and_what_to_do(tmp_path: Path, encoding: str):
    text = doc(body="Dòng một.\nDòng hai có chữ Việt: Tỉnh ủy Hà Nam.") if encoding == "cp1258" else \
        doc(body="Dòng một.\nDòng hai: café déjà vu.")
    site = make_site(tmp_path / "site", {"content/van-ban/a.md": text.encode(encoding, errors="replace")})
    result = build(site)
    assert result.returncode == 1
    bad = next(n for n, line in enumerate(text.split("\n"), 1)
               if line.encode(encoding, "replace") != line.encode())
    assert f"content/van-ban/a.md:{bad}: lỗi: tệp không phải văn bản UTF-8 (từ dòng này)" in result.stderr
    assert "Unikey" in result.stderr and "position" not in result.stderr and "codec" not in result.stderr


def test_every_operating_system_error_is_said_in_vietnamese_with_its_path():
    import errno

    from sitegen.base.oserrors import describe

    for code in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG,
                 errno.ENOENT, errno.ENOTEMPTY, errno.EBUSY, errno.ENAMETOOLONG, errno.EMFILE, errno.ENOTDIR,
                 errno.EISDIR, errno.ELOOP, errno.EIO):
        said = describe(OSError(code, os.strerror(code), "/srv/bantin/output/van-ban"))
        assert "/srv/bantin/output/van-ban" in said and os.strerror(code) not in said, said
        assert "hãy" in said  # and what to do
    assert "/a → /b" in describe(OSError(errno.ENOSPC, "No space left on device", "/a", None, "/b"))
