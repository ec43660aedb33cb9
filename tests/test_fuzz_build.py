"""The whole build, in-process, on generated front-matter and bodies: it never raises, never writes outside
its output folder, and leaves the previous output byte for byte as it was whenever it fails."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import doc, make_site, tree_digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build

pytestmark = pytest.mark.slow

KEYS = ["title", "type", "number", "issuer", "parent", "place", "date", "signer", "recipients", "tags",
        "summary", "relations", "province", "audience", "slug", "edition", "draft", "extra", "aliases",
        "author", "image", "image_caption", "url", "cited_by", "sắc lệnh"]
WORDS = ["Nghị quyết số 04-NQ/TU", "ngày 6/3/2021", "Kế hoạch 289/KH-UBND", "Chỉ thị 05", "Tỉnh ủy",
         "Nghị định 09/2017/NĐ-CP", "[xem](../van-ban/a.md)", "[ngoài](../../../etc/passwd)",
         "![ảnh](/x.jpg)", "<script>alert(1)</script>", "<!-- ghi chú -->", "<!--", "{{ 7*7 }}",
         "{% raw %}", "[^1]", "[^1]: chú", "| a | b |\n|---|---|\n| 1 | 2 |", "```\nmã\n```", "\x00",
         "\x1b[31m", "\ufeff", "Tỉnh uỷ", "đ", "…", "javascript:alert(1)", "../../..", "/etc/passwd", "%00",
         "\u202e", "e\u0301", "---", "..."]
SCALARS = st.one_of(st.text(max_size=40), st.integers(), st.booleans(), st.none(),
                    st.sampled_from(["2021-03-06", "06/03/2021", "2021-02-30", "public", "internal",
                                     "nghi-quyet", "04-NQ/TU", "/KH-UBND", "huong-dan", "../../etc",
                                     "x" * 300]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from([*KEYS, "x", "y"]), inner, max_size=4)),
    max_leaves=12)
FRONT = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=10).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)),
    st.text(max_size=200),  # anything between the two '---' lines, YAML or not
    st.sampled_from(["a: &x [1, *x]\n", "a: [[[[[[[[[[\n", "title: 'chưa đóng\n", "\tkey: tab\n", ": :\n"]),
)
LINE = st.one_of(st.sampled_from(WORDS), st.text(max_size=30),
                 st.tuples(st.integers(0, 30), st.sampled_from(["- ", "1. ", "> ", "#", "    "]),
                           st.sampled_from(WORDS)).map(lambda t: "  " * t[0] + t[1] + t[2]))
BODY = st.lists(LINE, max_size=25).map("\n".join)
PLACE = st.sampled_from(["content/van-ban/x.md", "content/tin-bai/x.md", "content/x.md",
                         "content/ban-tin/2020-so-01.md", "content/van-ban/a.md"])


@pytest.fixture(scope="module")
def baseline() -> Path:
    """A good site and its output, built once; each example copies it."""
    root = Path(tempfile.mkdtemp(prefix="sitegen-fuzz-"))
    site = make_site(root / "site", {"content/van-ban/a.md": doc(body="Thực hiện Nghị quyết số 04-NQ/TU.")})
    assert not build(site, BuildOptions()).failed()
    yield site
    shutil.rmtree(root, ignore_errors=True)


def listing(folder: Path, skip: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_relative_to(skip)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(front=FRONT, body=BODY, place=PLACE, strict=st.booleans())
def test_any_file_builds_or_fails_cleanly(baseline: Path, front: str, body: str, place: str, strict: bool):
    root = Path(tempfile.mkdtemp(prefix="sitegen-fuzz-"))
    try:
        site = root / "site"
        shutil.copytree(baseline, site, symlinks=True)
        out = site / "output"
        before = tree_digest(out)
        (site / place).parent.mkdir(parents=True, exist_ok=True)
        (site / place).write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")
        around = listing(root, out)
        result = build(site, BuildOptions(strict=strict))  # any exception fails the test
        written = listing(root, out) - around
        cache = "site/.sitegen-cache"
        kept = (f"{cache}/public-base-", f"{cache}/templates/")  # its rows, the templates compiled
        assert {p for p in written if not p.startswith(kept)} <= {
            cache, f"{cache}/public.sqlite", f"{cache}/templates"}, written
        if result.failed(strict):
            assert not result.written and tree_digest(out) == before
            assert all(d.file and d.message for d in result.errors)
        else:
            assert result.written and (out / "index.html").is_file()
            assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    finally:
        shutil.rmtree(root, ignore_errors=True)
