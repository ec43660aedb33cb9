"""The search index in shards: which bundle a page goes to, and that an edit re-indexes only the shards whose
pages Pagefind reads differently (counted, as Hugo's and Lektor's tests count what they rebuild)."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from conftest import doc, fail_pagefind, make_site, tree_digest

from sitegen import build as build_mod
from sitegen.build import BuildOptions
from sitegen.pipeline.search import pagefind, shards


def test_a_shard_splits_by_the_next_bit_of_its_pages_hashes_and_nowhere_else():
    paths = [f"van-ban/d{i}/index.html" for i in range(40)]
    assert set(shards.assign(paths, limit=40).values()) == {""}  # it fits: one bundle, at pagefind/
    split = shards.assign(paths, limit=10)
    sizes = {s: sum(1 for v in split.values() if v == s) for s in set(split.values())}
    assert all(0 < n <= 10 for n in sizes.values()) and len(sizes) >= 4
    assert all(s and set(s) <= {"0", "1"} for s in sizes)
    grown = shards.assign([*paths, "van-ban/moi/index.html"], limit=10)
    moved = {p for p in paths if grown[p] != split[p]}
    # a new page joins one shard: if that shard must split, its pages move into its two halves; no other moves
    assert all(grown[p].startswith(split[p]) for p in moved) and len({split[p] for p in moved}) <= 1
    assert shards.folder("") == "" and shards.folder("01") == "s01/"


def test_the_view_is_what_pagefind_reads():
    page = ('<html><body><nav><a href="/x/">Trang</a></nav><article class="vb" data-pagefind-body>'
            '<span data-pagefind-sort="date[data-date]" data-date="2021-03-06"></span>'
            '<article>inner</article><p>Theo <a class="cite" href="/van-ban/a/" '
            'title="Nghị quyết 04-NQ/TU: Về X">Nghị quyết 04</a>.</p>'
            '</article><aside>Được dẫn bởi</aside></body></html>').encode()
    seen = shards.view(page)
    assert seen is not None and seen.startswith(b'<article class="vb"') and seen.endswith(b"</article>")
    assert b"inner" in seen and b"Trang" not in seen and "Được dẫn".encode() not in seen
    assert b"href" not in seen and b"title=" not in seen and "Nghị quyết 04</a>".encode() in seen
    view = shards.page_view(page)
    assert view is not None and view.date == "2021-03-06"
    retitled = page.replace("Về X".encode(), "Về Y".encode()).replace(b"Trang", "Trang chủ".encode())
    assert shards.page_view(retitled) == view  # a cited title, the navigation: not indexed
    assert shards.page_view(page.replace(b"Theo", "Theo tinh thần".encode())) != view
    assert shards.view(b"<html><body><main>x</main></body></html>") is None


CITES = "Thực hiện Nghị quyết số 1-NQ/TU, ngày 6/3/2021."
FILES = {f"content/van-ban/d{i}.md": doc(title=f"Văn bản số {i}", number=f"{i + 1}-NQ/TU",
                                          body=f"Nội dung {i}. {CITES}") for i in range(12)}


def _build(site: Path) -> build_mod.BuildResult:
    with mock.patch.object(shards, "SHARD_PAGES", 4):
        result = build_mod.build(site, BuildOptions(search=True))
    assert not result.errors, [d.format() for d in result.errors]
    assert result.search is not None and not result.search.diagnostics
    return result


@pytest.mark.pagefind
def test_an_edit_reindexes_only_the_shard_of_the_page_it_changes(tmp_path: Path):
    site = make_site(tmp_path / "site", FILES)
    first = _build(site)
    assert first.search is not None and first.search.pages >= 12 and len(first.search.shards) >= 3
    folders = json.loads((site / "output/pagefind/shards.json").read_text(encoding="utf-8"))["shards"]
    assert folders == [shards.folder(s) for s in sorted(first.search.shards)]
    assert all((site / "output/pagefind" / f / "dates.json").is_file() for f in folders)
    assert (site / "output/pagefind" / folders[1] / "pagefind.js").is_file()

    again = _build(site)  # nothing changed: every bundle kept
    assert again.search is not None and again.search.pages == 0 and again.search.kept

    path = site / "content/van-ban/d3.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Nội dung 3.", "Nội dung ba."), encoding="utf-8")
    edited = _build(site)
    assert edited.search is not None and not edited.search.kept
    holding = next(s for s in edited.search.shards.values() if any("4-nq-tu" in p for p in s.pages))
    assert edited.search.pages == len(holding.pages) < 12  # that shard's pages, no other

    cited = site / "content/van-ban/d0.md"  # 1-NQ/TU: every other document cites it, its title in their links
    cited.write_text(cited.read_text(encoding="utf-8").replace("Văn bản số 0", "Tên mới"), encoding="utf-8")
    retitled = _build(site)
    assert retitled.search is not None and len(retitled.rendered) > 5  # the citers' pages were rendered
    assert retitled.search.pages < 12  # but only the shard of the retitled page was indexed

    fresh = tmp_path / "fresh"
    with mock.patch.object(shards, "SHARD_PAGES", 4):
        build_mod.build(site, BuildOptions(out=fresh, search=True, use_disk_cache=False))
    assert tree_digest(site / "output/pagefind") == tree_digest(fresh / "pagefind")  # as a fresh build


@pytest.mark.pagefind
def test_a_failed_shard_keeps_its_last_bundle_unless_it_holds_a_removed_page(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    site = make_site(tmp_path / "site", FILES)
    _build(site)
    before = tree_digest(site / "output/pagefind")
    (site / "content/van-ban/d5.md").write_text(FILES["content/van-ban/d5.md"].replace("Nội dung 5.", "Sửa."),
                                                encoding="utf-8")

    fail_pagefind(monkeypatch, tmp_path)
    kept = _build_failing(site)
    assert [d.code for d in kept.warnings] == ["search-index"]
    assert "lần dựng trước" in kept.warnings[0].message
    assert tree_digest(site / "output/pagefind") == before
    (site / "content/van-ban/d5.md").unlink()
    dropped = _build_failing(site)
    assert [d.code for d in dropped.warnings] == ["search-index"]
    assert "lần dựng trước" not in dropped.warnings[0].message
    held = {url for f in (site / "output/pagefind").rglob("*.pf_fragment")
            for url in [json.loads(pagefind_fragment(f))["url"]]}
    assert not any("6-nq-tu" in url for url in held)  # the removed page is in no bundle


def _build_failing(site: Path) -> build_mod.BuildResult:
    with mock.patch.object(shards, "SHARD_PAGES", 4):
        return build_mod.build(site, BuildOptions(search=True))


def pagefind_fragment(path: Path) -> bytes:
    import gzip

    return gzip.decompress(path.read_bytes()).removeprefix(pagefind.SIGNATURE)


def _serve_indexer(tmp_path: Path) -> tuple[object, list[str]]:
    """serve's background indexer after a first build of a small site, and what it says."""
    import threading

    from sitegen.commands.serve import LiveState, SearchIndexer
    from sitegen.pipeline.cache import BuildCache

    site, out, cache = make_site(tmp_path / "site", FILES), tmp_path / "out", BuildCache()
    build_mod.build(site, BuildOptions(out=out, keep_search=True, in_place=True), cache=cache)
    said: list[str] = []
    return SearchIndexer(out, threading.Lock(), LiveState(), said.append, cache), said


def test_serve_says_a_pagefind_failure_as_the_search_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    indexer, said = _serve_indexer(tmp_path)
    fail_pagefind(monkeypatch, tmp_path, "Error: service stopped")
    indexer._index_once()  # type: ignore[attr-defined]
    warned = [line for line in said if "cảnh báo: không lập được chỉ mục tìm kiếm" in line]
    assert len(warned) == 1 and "service stopped" in warned[0]  # Pagefind's own words, said once
    assert not [line for line in said if line.startswith("lỗi:") or ": lỗi:" in line]  # nothing else failed
    assert not list((tmp_path / "out").glob(".pagefind*"))  # no half-swapped bundle left in the output


def test_a_bundle_that_cannot_be_swapped_in_leaves_the_last_one_served(tmp_path: Path):
    from sitegen.pipeline import write

    out = make_site(tmp_path / "site", FILES) / "output"
    build_mod.build(out.parent, BuildOptions(out=out, search=False))
    (out / "pagefind").mkdir()
    (out / "pagefind/pagefind.js").write_text("last", encoding="utf-8")
    with pytest.raises(OSError):
        write.replace_folder(out, "pagefind", tmp_path / "missing-bundle")
    assert (out / "pagefind/pagefind.js").read_text(encoding="utf-8") == "last"
    assert not list(out.glob(".pagefind*"))


def test_serve_says_a_bug_in_its_indexer_as_an_error_of_sitegen_not_as_pagefinds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from sitegen.pipeline.search import stage

    def buggy(*args: object, **kwargs: object) -> object:
        raise TypeError("a bug of sitegen's")

    indexer, said = _serve_indexer(tmp_path)
    monkeypatch.setattr(stage, "make", buggy)
    indexer._index_once()  # type: ignore[attr-defined]  # serve keeps running: the thread is not killed
    assert said and said[-1].startswith("lỗi: lỗi của sitegen khi lập chỉ mục tìm kiếm")
    assert "TypeError: a bug of sitegen's" in said[-1] and "Pagefind" not in said[-1]


@pytest.mark.pagefind
def test_serve_reindexes_in_the_background_only_the_shards_that_changed(tmp_path: Path):
    import threading

    from sitegen.commands.serve import LiveState, SearchIndexer
    from sitegen.pipeline.cache import BuildCache

    site, out, cache = make_site(tmp_path / "site", FILES), tmp_path / "out", BuildCache()
    said: list[str] = []
    indexer = SearchIndexer(out, threading.Lock(), LiveState(), said.append, cache)
    with mock.patch.object(shards, "SHARD_PAGES", 4):
        build_mod.build(site, BuildOptions(out=out, keep_search=True, in_place=True), cache=cache)
        indexer._index_once()
        made = dict(cache.shards)
        assert len(made) >= 3 and (out / "pagefind/shards.json").is_file() and "12 trang" in said[-1]
        path = site / "content/van-ban/d7.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Nội dung 7.", "Bảy."), encoding="utf-8")
        build_mod.build(site, BuildOptions(out=out, keep_search=True, in_place=True), cache=cache)
        indexer._index_once()
    changed = [s for s in cache.shards if cache.shards[s] != made[s]]
    assert len(changed) == 1 and f"{len(cache.shards[changed[0]].pages)} trang" in said[-1]
    fresh = tmp_path / "fresh"
    with mock.patch.object(shards, "SHARD_PAGES", 4):
        build_mod.build(site, BuildOptions(out=fresh, search=True, use_disk_cache=False))
    assert tree_digest(out / "pagefind") == tree_digest(fresh / "pagefind")


def test_shards_are_indexed_two_at_a_time_and_taken_in_the_plans_order(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """Pagefind runs over two shards at a time (stage.AT_ONCE: one run leaves a core idle); what each made is
    taken in the plan's order whichever run ends first, so the bundle and the warnings do not depend on
    timing."""
    import threading

    from sitegen.pipeline.search import stage

    out = tmp_path / "out"
    views: dict[str, shards.PageView | None] = {}
    for i in range(12):
        rel = f"van-ban/d{i}/index.html"
        (out / rel).parent.mkdir(parents=True)
        (out / rel).write_text(f"<p>{i}</p>", encoding="utf-8")
        views[rel] = shards.PageView(f"digest {i}", "2021")
    with mock.patch.object(shards, "SHARD_PAGES", 4):
        plan = stage.plan(out, views, {})
    order = [f"site-{shard}" for shard, _, _ in plan.todo]
    assert len(order) >= 3
    lock, running, most, ended = threading.Lock(), [0], [0], []
    first_started, second_ended = threading.Event(), threading.Event()

    def run(site: Path, bundle: Path) -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        if site.name == order[0]:
            first_started.set()
            second_ended.wait(10)  # the first shard's run ends after the second's: only if they overlap
        elif site.name == order[1]:
            first_started.wait(10)  # not over before the first has begun
        (bundle / "fragment").mkdir(parents=True)
        (bundle / "pagefind-entry.json").write_text("{}", encoding="utf-8")
        with lock:
            running[0] -= 1
            ended.append(site.name)
        if site.name == order[1]:
            second_ended.set()
        if site.name in (order[0], order[2]):
            raise pagefind.PagefindError(f"failed over {site.name}")
        return sum(1 for _ in site.rglob("*.html"))

    monkeypatch.setattr(pagefind, "run_pagefind", run)
    result = stage.make(out, plan, {}, {}, out)
    # two at a time: the first planned run ended after the second (the third, started when the second ended,
    # may end before the first records its end)
    assert most[0] == 2 and ended.index(order[1]) < ended.index(order[0])
    assert [shard for shard, _, _ in plan.todo if f"site-{shard}" not in order[0:3:2]] == list(result.shards)
    assert [order[0] in d.message for d in result.diagnostics] == [True, False]  # the plan's order
    assert order[2] in result.diagnostics[1].message
    assert result.pages == sum(len(members) for shard, members, _ in plan.todo
                               if f"site-{shard}" not in order[0:3:2])


def _bits_as_text(path: str) -> str:
    """The shard rule as first written: a page's hash bits as a text of 0s and 1s."""
    import hashlib

    return "".join(f"{byte:08b}" for byte in hashlib.sha256(path.encode()).digest()[:4])


def test_the_shard_of_a_page_is_the_prefix_of_its_hash_bits():
    paths = [f"van-ban/d{i}/index.html" for i in range(300)]
    for limit in (1, 7, 40, 299, 300):
        for path, shard in shards.assign(paths, limit).items():
            assert _bits_as_text(path).startswith(shard)
        sizes: dict[str, int] = {}
        for shard in shards.assign(paths, limit).values():
            sizes[shard] = sizes.get(shard, 0) + 1
        # each shard fits, and is the half of a split that had to happen (its parent held more than the limit)
        assert all(n <= limit for n in sizes.values())
        assert all(sum(n for s, n in sizes.items() if s.startswith(shard[:-1])) > limit
                   for shard in sizes if shard)


def _fragment(record: bytes) -> bytes:
    import gzip

    return gzip.compress(pagefind.SIGNATURE + record, mtime=0)


def test_a_fragments_url_is_read_from_its_first_bytes_or_else_from_the_whole_record():
    import zlib

    long_text = "".join(f"từ {i} " for i in range(20_000))
    first = json.dumps({"url": '/van-ban/"a"\\b/', "content": long_text}, ensure_ascii=False).encode()
    assert pagefind.fragment_url(_fragment(first)) == '/van-ban/"a"\\b/'
    escaped = json.dumps({"url": "/tìm-kiếm/", "content": "x"}).encode()  # \u escapes
    assert pagefind.fragment_url(_fragment(escaped)) == "/tìm-kiếm/"
    later = json.dumps({"content": long_text, "url": "/van-ban/c/"}).encode()  # not first: the whole record
    assert pagefind.fragment_url(_fragment(later)) == "/van-ban/c/"
    assert pagefind.fragment_url(_fragment(b'{"content":"x"}')) == ""
    with pytest.raises(OSError):  # not gzip: the error reading the whole record gives, as before
        pagefind.fragment_url(b"pagefind_dcd{}")
    with pytest.raises((EOFError, zlib.error)):
        pagefind.fragment_url(_fragment(first)[:40])  # cut short


def test_pagefinds_binary_is_found_without_importing_its_python_api(tmp_path: Path):
    """`pagefind.service` imports asyncio and the API's client (35-70 ms of a one-shard build)."""
    import os
    import subprocess
    import sys

    code = ("import sys; from sitegen.pipeline.search import pagefind; found = pagefind.executable(); "
            "print(found is not None and found.is_file(), 'pagefind.service' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != "PAGEFIND_BINARY_PATH"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["True", "False"]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=env | {"PAGEFIND_BINARY_PATH": str(tmp_path / "named")})
    assert done.stdout.split() == ["False", "False"]  # the variable names it, as for Pagefind's own lookup


def test_a_bundles_files_are_listed_in_paths_order_and_a_kept_shard_needs_each_of_them(tmp_path: Path):
    from sitegen.pipeline.search import stage

    bundle = tmp_path / "pagefind"
    for rel in ("pagefind.js", "pagefind-ui.js", "fragment/vi_1.pf_fragment", "fragment-x/a",
                "index/vi_2.pf_index", "playground/index.html", "a/b/c.txt"):
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_text(rel, encoding="utf-8")
    rels = {p: p.relative_to(bundle).as_posix() for p in sorted(bundle.rglob("*"))}  # the former listing
    expected = {f"pagefind/{rel}": p for p, rel in rels.items()
                if p.is_file() and not rel.startswith(("pagefind-ui.", "playground/"))}
    listed = pagefind.bundle_files(bundle)
    assert list(listed.items()) == list(expected.items())
    assert stage._present(tmp_path, listed)
    (bundle / "index/vi_2.pf_index").unlink()
    (bundle / "index/vi_2.pf_index").mkdir()  # a folder where a file was: not a file
    assert not stage._present(tmp_path, listed)
    assert not stage._present(tmp_path, ["pagefind/gone/x"])
