"""The write stage's pass in place (pipeline/write.py): the pages an edit renders wait in a staging folder as
flat files, not at their output paths, so the pass makes and deletes no folder there (~400 of them for an edit
in the middle of a list at 10,000 documents); pages so kept are still put at their paths when the output is
written whole, and a journal of before (its staged files at their output paths) is still finished."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest

from sitegen.build import BuildOptions, build
from sitegen.pipeline import write
from sitegen.pipeline.cache import BuildCache


def documents(count: int) -> dict[str, str | bytes]:
    return {f"content/van-ban/d{i:02}.md": doc(number=f"{i + 1}-NQ/TU", title=f"Văn bản {i}",
                                               date=f"2021-03-{i + 1:02}") for i in range(count)}


def test_a_page_leaving_the_middle_of_a_list_is_written_in_place_from_flat_staged_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site", documents(12))  # 2 a list page
    out, cache = tmp_path / "out", BuildCache()
    assert not build(site, BuildOptions(out=out, in_place=True), cache=cache).failed()
    staged: list[list[tuple[str, bool]]] = []  # (name, a folder?) in staging as the pass begins
    apply = write._apply

    def seen(out: Path, staging: Path, *args: object) -> None:
        staged.append(sorted((p.name, p.is_dir()) for p in staging.iterdir()))
        apply(out, staging, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(write, "_apply", seen)
    (site / "content/van-ban/d05.md").unlink()  # every newer list page shifts by one
    result = build(site, BuildOptions(out=out, in_place=True), cache=cache)
    assert not result.failed() and len(result.rendered) > 4
    assert len(staged) == 1
    assert [name for name, folder in staged[0] if folder] == []  # no folder made in staging
    assert len([name for name, _ in staged[0] if name.startswith(write.FLAT)]) == len(result.rendered)
    assert not list(tmp_path.glob(".out.*"))  # staging and journal gone
    full = tmp_path / "full"
    assert not build(site, BuildOptions(out=full, use_disk_cache=False)).failed()
    assert tree_digest(out) == tree_digest(full)


def test_flat_pages_written_whole_are_put_at_their_paths(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pages = write.Pages(out, "public", flat=True)
    pages.put("van-ban/a/index.html", b"a")
    pages.put("index.html", b"home")
    assert all(p.parent == pages.folder for p in pages.files.values())
    write.write_output(out, pages, {})
    assert {rel: (out / rel).read_bytes() for rel in tree_digest(out)} == {
        write.MARKER: b"sitegen\naudience: public\n", "van-ban/a/index.html": b"a", "index.html": b"home"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no folder of ours left beside


def test_a_journal_without_sources_finds_staged_files_at_their_output_paths(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write.write_output(out, None, {})
    pages = write.Pages(out, "public")  # at their paths, as every build before 2026-12-08 staged them
    pages.put("van-ban/a/index.html", b"a")
    journal = {"staging": pages.folder.name, "moves": ["van-ban/a/index.html"], "gone": []}
    (tmp_path / ".out.journal").write_text(json.dumps(journal), encoding="utf-8")
    assert write.recover(out) == {"van-ban/a/index.html"}
    assert (out / "van-ban/a/index.html").read_bytes() == b"a"
    assert not (tmp_path / ".out.journal").exists() and not pages.folder.exists()
