"""The disk cache between `sitegen build` runs: one row per entry, parse and kept value, so a build writes
the rows it made anew and deletes those no longer used; loaded again, objects the rows share are the same
objects."""

from __future__ import annotations

import operator
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import doc, make_site, tree_digest

from sitegen.base import catalog, lazytext
from sitegen.base.shared import Shared
from sitegen.build import BuildOptions, build
from sitegen.pipeline import cache, cache_graph, cache_rows, sources
from sitegen.pipeline.records import Tag
from sitegen.pipeline.render import graph_json

FILES = {f"content/van-ban/d{i}.md": doc(number=f"{i + 1}-NQ/TU", title=f"Văn bản {i}",
                                         body=f"Thực hiện Nghị quyết số {i + 2}-NQ/TU. Đoạn {i}.")
         for i in range(6)}


def delta(site: Path) -> dict[str, bytes]:
    """The rows made anew since the base, b"" for those deleted since."""
    with sqlite3.connect(site / ".sitegen-cache/public.sqlite") as db:
        return dict(db.execute("SELECT key, data FROM items WHERE key != 'index'"))


def bases(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / ".sitegen-cache").glob("public-base-*.pickle")}


def edit(site: Path) -> None:
    (site / "content/van-ban/d3.md").write_text(doc(number="4-NQ/TU", title="Văn bản 3",
                                                    body="Nội dung mới của văn bản."), encoding="utf-8")


def test_a_build_after_one_edit_writes_only_the_rows_of_what_it_made_anew(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache, "COMPACT", 100.0)  # the base stays: what one edit writes is the delta
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    base = bases(site)
    assert len(base) == 1 and delta(site) == {}
    graph = cache.load_cache(site, "public").loaded().derived._values[("graph", "")][1]
    group = next(key for key in graph.kept.resolved.symbol_groups if key.startswith("5-nq/tu"))
    edit(site)
    assert not build(site, options).failed()
    assert bases(site) == base  # not written again
    changed = delta(site)
    entry = next(k for k in changed if k.startswith("e:content/van-ban/d3.md") and changed[k])
    parse = "p:" + entry.split("\0")[1]
    # the edited file's entry and parse are new rows, the old ones stay until the next base (a kept value not
    # asked again may refer to them: the test below); of the kept values, of assemble's per-page state and of
    # the outputs' records, only those of the edited document, of the one it no longer cites (5-NQ/TU) and
    # the graph's are new, with the site model and the root (a few objects' skeleton); their bodies'
    # diagnostics are equal (none): those rows stay. Of the citation graph (cache_graph.py), its skeleton
    # rows (linked, d:graph) and only the buckets of the edited page's source and URL, of the URL it no
    # longer cites and of its group change: the edited page's body citations (none now) are written, the
    # other buckets held only what the edited page brought, gone now
    edited, uncited = "/van-ban/nghi-quyet-04-nq-tu-2021/", "/van-ban/nghi-quyet-05-nq-tu-2021/"
    assert {k for k, data in changed.items() if data and not k.startswith(("d:", "o:", "g:"))} == {
        entry, parse, "root", "site", "linked", f"a:records\0{uncited}",
        *(f"a:{name}\0{edited}" for name in ("claimed", "parsed", "records"))}
    assert {k for k, data in changed.items() if data and k.startswith("g:")} == {
        f"g:in0\0{cache_graph.bucket(edited)}"}  # the graph's input: each page's body citations
    reached = {cache_graph.bucket(key) for key in (edited, uncited, "content/van-ban/d3.md", group)}
    gone = {k for k, data in changed.items() if not data and k.startswith("g:")}
    assert {k.split("\0")[0] for k in gone} == {
        "g:graph.cited_by", "g:graph.cites", "g:graph.targets", "g:kept.cited_pairs", "g:kept.into",
        "g:kept.runs", "g:kept.targets", "g:kept.urls", "g:resolved.answer", "g:resolved.pages",
        "g:resolved.symbol_groups", "g:resolved.symbols"}
    assert {int(k.split("\0")[1]) for k in gone} <= reached
    assert {k for k, data in changed.items() if data and k.startswith("o:")} == {
        f"o:{url.lstrip('/')}index.html" for url in (edited, uncited)} | {"o:citations.json"}
    assert [k for k, data in changed.items() if not data and k.startswith(("e:", "p:"))] == []
    others = ("d0.md", "d1.md", "d2.md", "d4.md", "d5.md", *(f"{n}-nq-tu" for n in ("01", "02", "03", "06")),
              *(f"\0{n}-nq/tu" for n in (1, 2, 3, 6)))
    assert not [k for k in changed if any(other in k for other in others)]
    assert any("05-nq-tu" in k or "5-nq/tu" in k for k in changed)  # what it cited before


def test_the_citation_graph_is_written_by_the_buckets_an_edit_changed_and_loads_as_it_was_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The citation graph (the kept value `d:graph` and assemble's `Linked`) is kept as skeletons and buckets
    (cache_graph.py): a body edit writes none of them, a title edit the titles' bucket of the retitled page
    (and Linked's skeleton), a citation edit the buckets it reaches (and the skeletons); loaded, the graph
    is one object for both (and for status's changes, which refer to it), equal to the one the build held,
    and each build's output is a build's without the cache."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    path = site / "content/van-ban/d2.md"
    url = "/van-ban/nghi-quyet-03-nq-tu-2021/"

    def graph_rows() -> set[str]:
        return {k for k, data in delta(site).items() if k.startswith(("g:", "d:graph", "linked"))}

    def same_as_a_fresh_build(name: str) -> None:
        assert not build(site, BuildOptions(out=tmp_path / name, use_disk_cache=False)).failed()
        assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / name)

    def write(title: str, body: str) -> None:
        path.write_text(doc(number="3-NQ/TU", title=title, body=body), encoding="utf-8")

    write("Văn bản 2", "Thực hiện Nghị quyết số 4-NQ/TU. Đoạn mới.")
    assert not build(site, options).failed()
    assert graph_rows() == set()  # a body edit
    same_as_a_fresh_build("body")
    write("Văn bản hai", "Thực hiện Nghị quyết số 4-NQ/TU. Đoạn mới.")
    assert not build(site, options).failed()
    assert graph_rows() == {"linked", f"g:linked.titles\0{cache_graph.bucket(url)}"}  # a title edit
    same_as_a_fresh_build("title")
    write("Văn bản hai", "Thực hiện Nghị quyết số 4-NQ/TU. Căn cứ Nghị quyết số 6-NQ/TU.")
    assert not build(site, options).failed()
    written, page = graph_rows(), cache_graph.bucket("content/van-ban/d2.md")
    assert {"linked", "d:graph\0", f"g:resolved.pages\0{page}"} <= written
    buckets = {k for k in cache.load_cache(site, "public").loaded().rows if k.startswith("g:")}
    assert len(written) < len(buckets)
    same_as_a_fresh_build("citation")
    loaded = cache.load_cache(site, "public").loaded()
    linked = loaded.derived.assembled.linked  # type: ignore[union-attr]
    assert loaded.derived._values[("graph", "")][1] is linked.graph
    assert loaded.derived._values[("changes", "")][0][0] is linked.graph  # status's: refers to it
    kept = cache.BuildCache()
    assert not build(site, BuildOptions(out=tmp_path / "again", use_disk_cache=False), cache=kept).failed()
    built = kept.derived.assembled.linked  # type: ignore[union-attr]
    assert linked == built
    assert linked.graph.edges == built.graph.edges and linked.graph.runs == built.graph.runs


def index_maps(site: Path) -> dict[str, bytes]:
    """The rows of the index's maps (cache.py: by buckets, in a table of their own)."""
    with sqlite3.connect(site / ".sitegen-cache/public.sqlite") as db:
        return dict(db.execute("SELECT key, data FROM index_maps"))


def test_the_index_maps_are_written_by_the_buckets_an_edit_changed(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch):
    """The index's maps (what each output was made from and where it was written, the sources, what search
    reads of each page) are rows of buckets (cache_graph.put_map, as the citation graph's): a body edit
    writes the buckets of the outputs it changed and of its source, no other; loaded, the maps are a fresh
    build's."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)
    monkeypatch.setattr(sources, "_SETTLED_NS", 0)  # the files were written just now: not read again
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    before, rows = cache.load_cache(site, "public"), index_maps(site)
    assert {"pages", "written", "sources", "views"} <= {k.split("\0")[0] for k in rows}
    edit(site)
    assert not build(site, options).failed()
    after, now = cache.load_cache(site, "public"), index_maps(site)
    made = {p for p in after.pages.keys() | before.pages.keys() if after.pages.get(p) != before.pages.get(p)}
    assert "van-ban/nghi-quyet-04-nq-tu-2021/index.html" in made
    changed = {k for k in now.keys() | rows.keys() if now.get(k) != rows.get(k)}
    source = "content/van-ban/d3.md"
    assert f"sources\0{cache_graph.bucket(source)}" in changed
    assert {k.split("\0")[0] for k in changed} <= {"pages", "written", "sources", "views"}
    assert {int(k.split("\0")[1]) for k in changed} <= {cache_graph.bucket(p) for p in (*made, source)}
    assert len(changed) < len(now)
    kept = cache.BuildCache()
    assert not build(site, BuildOptions(out=tmp_path / "fresh", use_disk_cache=False), cache=kept).failed()
    assert after.pages == kept.pages and after.views == kept.views
    assert after.written.keys() == kept.written.keys() and after.sources.keys() == kept.sources.keys()
    assert [after.written[p].sha for p in after.written] == [kept.written[p].sha for p in after.written]


class _Stopped(Exception):
    pass


def test_a_save_stopped_before_its_index_leaves_the_last_index_and_maps(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    """The index's maps, the changed rows and the index are written in one transaction: a save stopped before
    the index is written (a kill, a full disk) leaves the last committed maps beside the last index; the
    next build reads them and gives a fresh build's bytes."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    rows, pages = index_maps(site), cache.load_cache(site, "public").pages
    edit(site)
    dumps = cache.dumps

    def stopped(obj: object, refs: dict[int, cache_rows.Ref], types: set[type], own: str,
                used: dict[str, frozenset[str]] | None = None,
                rows: dict[str, object] | None = None) -> bytes:
        if own == "index":  # after the maps' rows and the changed rows
            raise _Stopped
        return dumps(obj, refs, types, own, used, rows)

    monkeypatch.setattr(cache, "dumps", stopped)
    with pytest.raises(_Stopped):
        build(site, options)
    monkeypatch.setattr(cache, "dumps", dumps)
    assert index_maps(site) == rows and cache.load_cache(site, "public").pages == pages
    result = build(site, options)
    assert not result.failed() and result.notices == []
    assert not build(site, BuildOptions(out=tmp_path / "fresh", use_disk_cache=False)).failed()
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "fresh")


def test_a_build_from_joined_maps_in_another_order_gives_the_same_pages_warnings_and_job_keys(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A map kept by buckets (cache_graph.join_map: the citation graph's, the index's) is loaded with its
    keys in the order of its buckets, not the build's: nothing may depend on that order. With every joined
    map reversed, a body, a title and a citation edit give the pages and warnings of a build without the
    cache, and the job keys (digests of what each page is made from) of the same edits with the maps as
    joined."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)
    join_map = cache_graph.join_map

    def reversed_map(rows: dict[str, object], joined: cache_graph.Joined, name: str) -> dict[object, object]:
        values = dict(reversed(join_map(rows, joined, name).items()))
        joined.maps[name] = values
        return values

    edits = (("body", "Văn bản 2", "Thực hiện Nghị quyết số 4-NQ/TU. Đoạn mới."),
             ("title", "Văn bản hai", "Thực hiện Nghị quyết số 4-NQ/TU. Đoạn mới."),
             ("citation", "Văn bản hai", "Thực hiện Nghị quyết số 4-NQ/TU. Căn cứ Nghị quyết số 9-NQ/TU và "
                                         "Chỉ thị số 5-NQ/TU."))

    def job_keys(run: str) -> list[dict[str, str]]:
        site = make_site(tmp_path / run / "site", FILES)
        options = BuildOptions(out=tmp_path / run / "out")
        assert not build(site, options).failed()
        path = site / "content/van-ban/d2.md"
        keys = []
        for name, title, body in edits:
            path.write_text(doc(number="3-NQ/TU", title=title, body=body), encoding="utf-8")
            built = build(site, options)
            assert not built.failed() and len(built.rendered) < len(built.outputs)  # from the cache
            fresh = build(site, BuildOptions(out=tmp_path / run / name, use_disk_cache=False))
            assert tree_digest(tmp_path / run / "out") == tree_digest(tmp_path / run / name), name
            assert built.diagnostics == fresh.diagnostics, name
            keys.append({path: key for path, (key, _) in cache.load_cache(site, "public").pages.items()})
        return keys

    joined = job_keys("joined")
    monkeypatch.setattr(cache_graph, "join_map", reversed_map)
    assert job_keys("reversed") == joined


def test_a_file_edited_again_and_again_leaves_a_cache_the_next_build_reads(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    """A kept value that an edit does not ask again (a document's URL after a body edit) still holds the
    entry it was made from: the entry's row stays until the next base, so the cache stays readable and every
    build takes the cached path (no warning, no build from scratch), with the bytes of a fresh build."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)  # the changed rows stay in the database, beside the base
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    d1, d3, d4 = (site / f"content/van-ban/d{i}.md" for i in (1, 3, 4))
    cites = "Thực hiện Nghị quyết số {}-NQ/TU. Đoạn {}."
    edits = [(d3, doc(number="4-NQ/TU", title="Văn bản 3", body="Nội dung mới một.")),
             (d3, doc(number="4-NQ/TU", title="Văn bản 3", body="Nội dung mới hai.")),
             (d1, doc(number="2-NQ/TU", title="Trích yếu mới", body=cites.format(3, 1))),
             (d4, doc(number="5-NQ/TU", title="Văn bản 4", body=cites.format(1, 4))),
             (d3, doc(number="4-NQ/TU", title="Văn bản 3", body="Nội dung mới ba.")),
             (d1, doc(number="2-NQ/TU", title="Trích yếu khác", body=cites.format(3, 1)))]
    for path, text in edits:
        path.write_text(text, encoding="utf-8")
        result = build(site, options)
        assert not result.failed() and result.notices == [], (path.name, result.notices)
        assert len(result.rendered) < len(result.outputs)  # the cached path, not a build from scratch
    assert not build(site, BuildOptions(out=tmp_path / "fresh", use_disk_cache=False)).failed()
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "fresh")


def test_the_changed_rows_are_folded_into_a_new_base_when_they_weigh_enough(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache, "COMPACT", 0.0)
    site = make_site(tmp_path / "site", FILES)
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    first = bases(site)
    edit(site)
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    assert len(bases(site)) == 1 and bases(site).keys() != first.keys() and delta(site) == {}


def test_loaded_rows_share_objects_as_the_build_that_saved_them(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache, "COMPACT", 100.0)
    site = make_site(tmp_path / "site", FILES)
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    edit(site)  # some rows from the base, some from the delta
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    assert delta(site)
    kept_cache = cache.load_cache(site, "public").loaded()
    assert kept_cache.site is not None and kept_cache.outputs is not None and len(kept_cache.entries) == 6
    kept = kept_cache.derived._values
    for record in kept_cache.site.documents:
        assert record is kept[("record", record.url)][1]  # the site model lists the kept records themselves
    for (path, _), (entry, _) in kept_cache.entries.items():
        assert entry is not None
        assert kept[("url", path)][0][0] is entry  # a kept value's input is the entry the cache holds
        parsed = kept_cache.memo.parsed[entry.digest]
        assert any(inputs[0] is parsed for (name, _), (inputs, *_) in kept.items() if name == "body")


def test_equal_values_the_records_hold_are_one_object_in_the_loaded_cache(tmp_path: Path):
    """Each object of the base costs its load: the facts outputs read, the entries' front-matter paths, a
    link's sentences out and in, the empty set of keys asked, the citing texts' province are each one
    object, not a copy per record (base/shared.py)."""
    site = make_site(tmp_path / "site", FILES)
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    kept = cache.load_cache(site, "public").loaded()
    assert kept.outputs is not None and kept.derived.assembled is not None
    facts = [fact for record in kept.outputs.records.values() for fact in record.facts]
    assert len(facts) > len(set(facts))  # outputs read the same facts...
    assert len({id(fact) for fact in facts}) == len(set(facts))  # ...as the same objects
    paths = [path for entry, _ in kept.entries.values() if entry is not None for path in entry.key_lines]
    assert len({id(path) for path in paths}) == len(set(paths)) < len(paths)
    graph = kept.derived.assembled.linked.graph
    out = {(url, link.url): link.sentences for url, links in graph.cites.items() for link in links}
    into = {(link.url, url): link.sentences for url, links in graph.cited_by.items() for link in links}
    assert out and out.keys() == into.keys()
    assert all(into[pair] is sentences for pair, sentences in out.items())
    scopes = [occ.scope for occ, _ in graph.edges]  # the citing texts' province
    assert len({id(scope) for scope in scopes}) == len(set(scopes)) < len(scopes)
    unasked = [inner for _, _, inner in kept.derived._values.values() if not inner]
    assert len(unasked) > 1 and len({id(inner) for inner in unasked}) == 1


def test_equal_citations_and_links_of_different_bodies_are_one_object_in_the_loaded_cache(tmp_path: Path):
    """Bodies that cite one document alike: their parses' equal citations, and their kept bodies' links to
    that document (href and title), are each one object, not one per citation (base/shared.py)."""
    files = {f"content/van-ban/d{i}.md": doc(number=f"{i + 1}-NQ/TU", title=f"Văn bản {i}",
                                             body=f"Thực hiện Nghị quyết số 1-NQ/TU. Đoạn {i}.\n\n"
                                                  f"Thực hiện Nghị quyết số 1-NQ/TU. Đoạn {i} nữa.")
             for i in range(4)}
    site = make_site(tmp_path / "site", files)
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    kept = cache.load_cache(site, "public").loaded()
    citations = [raw.citation for parsed in kept.memo.parsed.values() for raw in parsed.citations]
    assert len(citations) == 8 and len(set(citations)) < 8  # each paragraph's alike in every body...
    assert len({id(citation) for citation in citations}) == len(set(citations))  # ...as one object
    links = [link for (name, _), (inputs, _, _) in kept.derived._values.items() if name == "body"
             for link in inputs[1] if link is not None]
    assert len(links) == 8 and len(set(links)) == 1
    assert len({id(link) for link in links}) == 1


def test_a_shared_table_gives_the_first_equal_value_and_starts_again_once_full():
    shared = Shared[tuple[str, ...]](limit=2)
    first, second = tuple(["a"]), tuple(["b"])
    assert shared.one(first) is first and shared.one(tuple(["a"])) is first
    assert shared.one(second) is second
    third = tuple(["c"])
    assert shared.one(third) is third  # the third value: the table starts again from it
    again = tuple(["a"])
    assert shared.one(again) is again and shared.one(tuple(["c"])) is third


UNREADABLE = "không đọc được bộ nhớ đệm .sitegen-cache/"


def test_an_unreadable_cache_is_said_built_again_and_a_new_one_written(tmp_path: Path):
    site = make_site(tmp_path / "site", FILES)
    out = tmp_path / "out"
    assert not build(site, BuildOptions(out=out)).failed()
    (name,) = bases(site)
    (site / ".sitegen-cache" / name).write_bytes(b"\x80\x05 broken")
    (site / "content/van-ban/d1.md").write_text(doc(number="2-NQ/TU", title="Đã sửa"), encoding="utf-8")
    result = build(site, BuildOptions(out=out))
    page = out / "van-ban/nghi-quyet-02-nq-tu-2021/index.html"
    assert not result.failed() and "Đã sửa" in page.read_text(encoding="utf-8")
    assert [n for n in result.notices if UNREADABLE in n and name in n] == [result.notices[0]]
    assert cache.load_cache(site, "public").loaded().site is not None
    assert build(site, BuildOptions(out=out)).notices == []  # the new cache is read without a word


def test_a_damaged_cache_database_is_said_by_the_command_and_replaced(tmp_path: Path):
    site = make_site(tmp_path / "site", FILES)
    command = [sys.executable, "-m", "sitegen", "build", "--site", str(site), "--no-search"]
    assert subprocess.run(command, capture_output=True, text=True, timeout=300).returncode == 0
    db = site / ".sitegen-cache/public.sqlite"
    data = bytearray(db.read_bytes())
    data[:100] = b"\x00" * 100  # SQLite's header gone: "file is not a database"
    db.write_bytes(bytes(data))
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    said = [line for line in (done.stdout + done.stderr).splitlines() if UNREADABLE in line]
    assert len(said) == 1 and "public.sqlite" in said[0] and said[0].startswith("cảnh báo:"), said
    assert cache.load_cache(site, "public").loaded().site is not None  # a new cache was written
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and UNREADABLE not in again.stdout + again.stderr


def test_a_cache_of_another_version_is_dropped_without_a_word(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    site = make_site(tmp_path / "site", FILES)
    assert not build(site, BuildOptions(out=tmp_path / "out")).failed()
    monkeypatch.setattr(cache, "code_version", lambda: "another sitegen")
    result = build(site, BuildOptions(out=tmp_path / "out"))
    assert not result.failed() and result.notices == []


def test_the_cache_version_moves_with_any_model_module_so_an_old_format_is_never_read(
        monkeypatch: pytest.MonkeyPatch):
    """The base is pickled model objects: a type whose pickled form changes (graph.Link became a tuple)
    must not load an old base as the new one. The version digests every module of the package, the
    citation model's included."""
    import sitegen.cite.graph

    before = cache.code_version.__wrapped__()
    model, read = Path(sitegen.cite.graph.__file__), Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read(path) + (b"\n#" if path == model else b""))
    assert cache.code_version.__wrapped__() != before


def test_verify_says_when_it_cannot_keep_its_scans(tmp_path: Path):
    site = make_site(tmp_path / "site", FILES)
    assert not build(site, BuildOptions()).failed()
    (site / ".sitegen-cache/public-verify.pickle").mkdir()  # where the scans go: not a file to replace
    done = subprocess.run([sys.executable, "-m", "sitegen", "verify", "--site", str(site)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "cảnh báo: không ghi được kết quả kiểm tra vào bộ nhớ đệm" in done.stdout + done.stderr


ALIASED = "date: 2021-03-06\naliases: [\"Nghị quyết về văn bản 0\"]\n"
CITING = "---\ntitle: Tin\ndate: 2022-01-01\n---\nTheo Nghị quyết về văn bản 0, tỉnh triển khai.\n"


def test_bodies_let_go_once_parsed_are_read_again_for_a_new_table_of_named_forms(tmp_path: Path):
    """A build keeps each body's parse, not its Markdown (in memory and in the disk cache); when a new named
    form makes every body parse again, the bodies are read from their files: the same pages as a build
    without a cache."""
    site = make_site(tmp_path / "site", {**FILES, "content/tin-bai/tin.md": CITING})
    first = build(site, BuildOptions(out=tmp_path / "out"))
    assert not first.errors
    kept = cache.load_cache(site, "public").loaded()
    assert kept.entries and all(entry is None or entry.body is None for entry, _ in kept.entries.values())
    named = doc(number="1-NQ/TU", title="Văn bản 0", body="Thực hiện Nghị quyết số 2-NQ/TU. Đoạn 0.")
    (site / "content/van-ban/d0.md").write_text(named.replace("date: 2021-03-06\n", ALIASED),
                                                encoding="utf-8")
    again = build(site, BuildOptions(out=tmp_path / "out"))
    fresh = build(site, BuildOptions(out=tmp_path / "fresh", use_disk_cache=False))
    assert not again.errors and not fresh.errors
    assert 'class="cite"' in (tmp_path / "out/tin-bai/tin/index.html").read_text(encoding="utf-8")
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "fresh")


def test_a_file_changed_while_its_body_is_read_again_fails_the_build(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    """A body read again from a file that changed since the build loaded it is never taken for it: the build
    fails naming the file (the previous output stays), and the next build uses what the file now says."""
    from sitegen.pipeline import parse

    site = make_site(tmp_path / "site", {**FILES, "content/tin-bai/tin.md": CITING})
    assert not build(site, BuildOptions(out=tmp_path / "out")).errors
    before = tree_digest(tmp_path / "out")
    named = doc(number="1-NQ/TU", title="Văn bản 0", body="Thực hiện Nghị quyết số 2-NQ/TU. Đoạn 0.")
    (site / "content/van-ban/d0.md").write_text(named.replace("date: 2021-03-06\n", ALIASED),
                                                encoding="utf-8")
    parse_many = parse.Memo.parse_many

    def edited_meanwhile(self: parse.Memo, *args: object, **kwargs: object) -> None:
        (site / "content/van-ban/d3.md").write_text(doc(number="4-NQ/TU", title="Văn bản 3",
                                                        body="Đoạn viết lại."), encoding="utf-8")
        parse_many(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parse.Memo, "parse_many", edited_meanwhile)
    failed = build(site, BuildOptions(out=tmp_path / "out"))
    assert [(d.code, d.file) for d in failed.errors] == [("changed-while-building", "content/van-ban/d3.md")]
    assert tree_digest(tmp_path / "out") == before
    monkeypatch.setattr(parse.Memo, "parse_many", parse_many)
    again = build(site, BuildOptions(out=tmp_path / "out"))
    assert not again.errors
    assert "Đoạn viết lại." in (tmp_path / "out/van-ban/nghi-quyet-04-nq-tu-2021/index.html").read_text(
        encoding="utf-8")


def test_templates_compiled_by_one_build_are_reused_and_an_edited_one_is_compiled_again(tmp_path: Path):
    """Jinja's bytecode cache in the cache folder: a new process finds the templates compiled, and a site
    template edited since is compiled from its new source."""
    site = make_site(tmp_path / "site", FILES)
    command = [sys.executable, "-m", "sitegen", "build", "--site", str(site), "--no-search"]
    template = site / "templates/page.html"
    (site / "content/gioi-thieu.md").write_text("---\ntitle: Giới thiệu\n---\nBản tin.\n", encoding="utf-8")

    def built(word: str) -> str:
        template.parent.mkdir(exist_ok=True)
        template.write_text('{% extends "base.html" %}{% block main %}<p>' + word + "</p>{% endblock %}",
                            encoding="utf-8")
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return (site / "output/gioi-thieu/index.html").read_text(encoding="utf-8")

    assert "<p>Một</p>" in built("Một")
    compiled = sorted((site / ".sitegen-cache/templates").iterdir())
    assert compiled, "no template kept compiled"
    assert "<p>Hai</p>" in built("Hai") and "<p>Một</p>" not in built("Ba")


@pytest.mark.parametrize("damage", ["cut", "gone"])
def test_a_base_whose_texts_are_cut_or_gone_is_said_and_built_whole(tmp_path: Path, damage: str):
    """The texts of the base (bodies, parsed and filled HTML) are in a file beside its pickle: damaged, the
    cache is unreadable (said), never a page with a wrong text."""
    site = make_site(tmp_path / "site", FILES)
    out = tmp_path / "out"
    assert not build(site, BuildOptions(out=out)).failed()
    (name,) = bases(site)
    texts = site / ".sitegen-cache" / name.replace(".pickle", ".texts")
    if damage == "cut":
        texts.write_bytes(texts.read_bytes()[: texts.stat().st_size // 2])
    else:
        texts.unlink()
    (site / "content/van-ban/d1.md").write_text(doc(number="2-NQ/TU", title="Đã sửa"), encoding="utf-8")
    result = build(site, BuildOptions(out=out))
    assert not result.failed() and [n for n in result.notices if UNREADABLE in n] == result.notices[:1]
    fresh = tmp_path / "fresh"
    assert not build(site, BuildOptions(out=fresh, use_disk_cache=False)).failed()
    assert tree_digest(out) == tree_digest(fresh)
    assert build(site, BuildOptions(out=out)).notices == []  # the new cache is read without a word


def test_saving_the_cache_leaves_no_utf8_copy_on_the_texts(tmp_path: Path):
    """Pickling a str attaches its UTF-8 form to it for good (it counts in sys.getsizeof): the base's texts
    are written apart, so a save leaves the bodies as they were, and they load back equal."""
    site = make_site(tmp_path / "site", FILES)
    kept = cache.BuildCache()
    assert not build(site, BuildOptions(out=tmp_path / "out"), cache=kept).failed()
    texts = [e.body for e, _ in kept.entries.values() if e is not None and e.body is not None]
    texts += [p.html for p in kept.memo.parsed.values()]
    assert kept.site is not None and kept.site.documents
    texts += [d.body_html for d in kept.site.documents]
    assert texts and all(not t.isascii() for t in texts[:1])  # Vietnamese: not Latin-1, no UTF-8 form yet
    sizes = [sys.getsizeof(t) for t in texts]
    cache.save_cache(site, kept, "public")
    assert [sys.getsizeof(t) for t in texts] == sizes
    loaded = cache.load_cache(site, "public").loaded()
    assert loaded.site == kept.site and loaded.entries == kept.entries
    assert loaded.memo.parsed == kept.memo.parsed


def test_texts_are_read_from_the_base_only_when_asked_and_copied_unread_into_a_new_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A build after one edit reads the texts of what it parses, assembles or renders again, not every
    body of the base; a new base written by such a build copies the texts nobody read, and reads back as the
    cache of a build that read them all."""
    files = FILES | {f"content/van-ban/e{i}.md": doc(number=f"{i + 20}-NQ/TU", title=f"Khác {i}",
                                                     body=f"Một văn bản khác, đoạn {i}.") for i in range(12)}
    site = make_site(tmp_path / "site", files)
    out = tmp_path / "out"
    assert not build(site, BuildOptions(out=out)).failed()
    read: list[tuple[int, int]] = []
    text = lazytext.Texts.text

    def counted(self: lazytext.Texts, offset: int, size: int) -> str:
        if (offset, size) not in self.decoded:
            read.append((offset, size))
        return text(self, offset, size)

    monkeypatch.setattr(lazytext.Texts, "text", counted)
    kept = cache.load_cache(site, "public").loaded()
    assert kept.site is not None and read == []  # loaded: every text still in its file
    lazy = [d for d in kept.site.documents if "_lazy" in d.__dict__]
    assert len(lazy) == len(kept.site.documents) == 18
    monkeypatch.setattr(cache, "COMPACT", 0.0)  # this build writes a new base: the unread texts are copied
    edit(site)
    result = build(site, BuildOptions(out=out))
    assert not result.failed() and result.notices == [] and len(result.rendered) < len(result.outputs)
    assert 0 < len(read) <= 12  # the edited document's and the one it no longer cites (of 18 x 3 texts)
    assert len(bases(site)) == 1 and delta(site) == {}
    monkeypatch.undo()
    loaded = cache.load_cache(site, "public").loaded()
    fresh = cache.BuildCache()
    assert not build(site, BuildOptions(out=tmp_path / "fresh", use_disk_cache=False), cache=fresh).failed()
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")
    assert loaded.site is not None and loaded.site == fresh.site
    assert loaded.memo.parsed == fresh.memo.parsed and loaded.entries.keys() == fresh.entries.keys()
    assert [d.body_html for d in loaded.site.documents] == [d.body_html for d in fresh.site.documents]
    assert build(site, BuildOptions(out=out)).notices == []


def test_a_changed_row_that_refers_to_a_row_made_anew_or_gone_is_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A changed row refers to the objects of other rows by their place: when the row it refers to holds
    another object now (made anew) or is gone, and it is not itself made anew (a kept value not asked
    again), it is written again, so that it loads as the object the build held, never another's."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)  # the changed rows stay beside the base
    site = tmp_path / "site"
    site.mkdir()
    same, tagged = object(), object()  # the row as loaded: not made anew; a tuple of the loaded tag

    def saved(values: dict[tuple[str, str], object]) -> dict[tuple[str, str], object]:
        kept = cache.load_cache(site, "public").loaded()
        assert kept.unreadable == ""
        last = kept.derived._values
        values = {key: (last[("tag", "a")][1],) if value is tagged else value
                  for key, value in values.items()}
        kept.derived._values = {key: last[key] if value is same else ((), value, frozenset())
                                for key, value in values.items()}
        cache.save_cache(site, kept, "public")
        loaded = cache.load_cache(site, "public").loaded()
        assert loaded.unreadable == ""
        return {key: value for key, (_, value, _) in loaded.derived._values.items()}

    first, second = Tag("a", "Một"), Tag("a", "Hai")
    assert saved({("tag", "a"): first, ("list", ""): ()})  # the base
    rows = saved({("tag", "a"): same, ("list", ""): tagged})  # the list refers to the tag's row
    assert delta(site).keys() == {"d:list\0", "root"}
    assert rows[("list", "")][0] is rows[("tag", "a")]  # type: ignore[index]
    rows = saved({("tag", "a"): second, ("list", ""): same})  # the tag made anew, the list not
    assert rows[("list", "")] == (first,) and rows[("tag", "a")] == second
    rows = saved({("list", ""): same})  # the tag's row gone
    assert rows == {("list", ""): (first,)}
    rows = saved({("tag", "a"): second, ("list", ""): same})  # its place used again
    assert rows[("list", "")] == (first,)


def test_a_full_assemble_writes_the_rows_of_the_bodies_whose_diagnostics_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A citation edit takes the full assemble, which lists every body's diagnostics anew: an equal list
    keeps its row, so the next build does not load a row per page."""
    monkeypatch.setattr(cache, "COMPACT", 100.0)
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    (site / "content/van-ban/d4.md").write_text(
        doc(number="5-NQ/TU", title="Văn bản 4", body="Thực hiện Nghị quyết số 1-NQ/TU. Đoạn 4."),
        encoding="utf-8")
    result = build(site, options)
    assert not result.failed() and result.notices == []
    assert [k for k, data in delta(site).items() if data and k.startswith("a:bodies")] == []
    assert not build(site, BuildOptions(out=tmp_path / "fresh", use_disk_cache=False)).failed()
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "fresh")


def test_an_output_edited_in_place_or_deleted_by_hand_is_written_again(tmp_path: Path):
    """The last build's record of what it wrote is checked by one `stat` an output (size and mtime), not
    trusted: a page edited in place (same size) or deleted is made again; the others are left as they are."""
    site = make_site(tmp_path / "site", FILES)
    out = tmp_path / "out"
    options = BuildOptions(out=out)
    assert not build(site, options).failed()
    pages = sorted(out.glob("van-ban/*/index.html"))
    edited, deleted, kept = pages[0], pages[1], pages[2]
    good, kept_stat = edited.read_bytes(), kept.stat()
    edited.write_bytes(good.upper())  # the same size (ASCII letters only), another mtime:
    os.utime(edited, ns=(kept_stat.st_atime_ns, kept_stat.st_mtime_ns + 10**9))  # a later edit, surely
    deleted_bytes = deleted.read_bytes()
    deleted.unlink()
    result = build(site, options)
    assert not result.failed()
    assert edited.read_bytes() == good and deleted.read_bytes() == deleted_bytes
    assert kept.stat().st_mtime_ns == kept_stat.st_mtime_ns  # not written again


@pytest.mark.parametrize("forked", [True, False])
@pytest.mark.parametrize("disk", [False, True])
def test_texts_spilled_before_the_render_workers_fork_give_the_same_pages_and_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, disk: bool, forked: bool):
    """A build that renders many pages writes the parses' and records' texts to a temporary file before its
    workers fork (cache_base.spill), so neither it nor they hold them: the pages are the same bytes, the
    objects hold the place of their text, and a build after an edit (serve's cache in memory, or the disk
    cache it saved) gives what a fresh build gives. Rendered in this process (serve's first build), each
    output's texts go back to their places once it is made (lazytext.transient): none stays read."""
    from sitegen.build import render, spill
    from sitegen.pipeline.render import pool

    fresh_out = tmp_path / "fresh"
    assert not build(make_site(tmp_path / "plain", FILES), BuildOptions(out=fresh_out),
                     cache=cache.BuildCache()).failed()
    monkeypatch.setattr(render, "PARALLEL_MIN", 0)
    monkeypatch.setattr(spill, "PARALLEL_MIN", 0)
    if forked:
        monkeypatch.setattr(pool, "PARALLEL_MIN", 0)  # and forked workers read them from the file
    site, out = make_site(tmp_path / "site", FILES), tmp_path / "out"
    kept = None if disk else cache.BuildCache()
    assert not build(site, BuildOptions(out=out), cache=kept).failed()
    assert tree_digest(out) == tree_digest(fresh_out)
    if kept is not None:
        assert kept.site is not None and kept.site.documents
        assert all("_lazy" in d.__dict__ and "body_html" not in d.__dict__ for d in kept.site.documents)
        assert not any(d.__dict__["_lazy"][1].decoded for d in kept.site.documents)
        assert all("_lazy" in p.__dict__ for p in kept.memo.parsed.values())
        bodies = [v for (name, _), (_, v, _) in kept.derived._values.items() if name == "body"]
        assert bodies and all(type(v) is lazytext.LazyStr for v in bodies)
    edit(site)
    assert not build(site, BuildOptions(out=out), cache=kept).failed()
    edited = make_site(tmp_path / "edited", FILES)
    edit(edited)
    assert not build(edited, BuildOptions(out=fresh_out), cache=cache.BuildCache()).failed()
    assert tree_digest(out) == tree_digest(fresh_out)


def test_the_places_of_shared_objects_leave_plain_ones_out_and_loaded_rows_still_share():
    """`refs` gives each object of sitegen's own types the first row (or kept tuple's item) that holds it;
    strings, tuples and the like are never looked up by the pickler, so they have no place (40 % fewer at
    10,000 documents), and a row pickled with the places loads as the same objects again."""
    from sitegen.pipeline import cache_rows

    tag, other, text, names = Tag("a", "Một"), Tag("b", "Hai"), "văn bản", ("x", "y")
    rows: dict[str, object] = {"d:tag\0a": ((), tag, frozenset()),
                               "d:list\0": ((), (tag, other, text, names, None), frozenset()),
                               "d:text\0": ((), text, frozenset()), "d:names\0": ((), names, frozenset()),
                               "o:page": other, "root": (tag,)}
    places, types = cache_rows.refs(rows)
    assert places == {id(tag): ("d:tag\0a", -1), id(other): ("d:list\0", 1)}
    assert types == {Tag}
    used: dict[str, frozenset[str]] = {}
    delta = {key: cache_rows.dumps(rows[key], places, types, key, used) for key in ("d:tag\0a", "d:list\0")}
    assert used == {"d:tag\0a": frozenset(), "d:list\0": frozenset({"d:tag\0a"})}
    loaded = cache_rows.Loader({}, delta).all()
    assert loaded["d:list\0"][1][0] is loaded["d:tag\0a"][1]  # type: ignore[index]
    assert loaded["d:list\0"][1][2:] == (text, names, None)  # type: ignore[index]


@dataclass(frozen=True)
class Holder:
    items: tuple[object, ...]


def test_a_field_made_of_other_rows_kept_tuples_is_written_as_their_keys(monkeypatch: pytest.MonkeyPatch):
    """The site model's edges are the kept runs of each citing page's edges end to end: the site row refers to
    each run by its row's key (66,082 edges -> ~8,000 references at 10,000 documents), not to each edge; it
    loads as the same objects, and the rows it refers to are known (a save writes it again when they move).
    A tuple that is not whole runs end to end is written as before, a reference an item."""
    from sitegen.pipeline import cache_rows

    a, b, c = Tag("a", "Một"), Tag("b", "Hai"), Tag("c", "Ba")
    base: dict[str, object] = {"d:edges\0x": ((), (a, b), frozenset()), "d:edges\0y": ((), (c,), frozenset())}
    rows = base | {"site": Holder((a, b, c)), "other": Holder((b, c))}
    places, types = cache_rows.refs(rows)
    used: dict[str, frozenset[str]] = {}
    delta = {key: cache_rows.dumps(rows[key], places, types, key, used, rows) for key in ("site", "other")}
    runs = frozenset({"d:edges\0x", "d:edges\0y"})
    assert used == {"site": runs, "other": runs}
    referred = cache_rows.Loader.referred
    calls: list[str] = []
    monkeypatch.setattr(cache_rows.Loader, "referred",
                        lambda self, key, index: calls.append(key) or referred(self, key, index))
    loader = cache_rows.Loader(dict(base), dict(delta))
    loaded = loader.all()
    site, other = loaded["site"], loaded["other"]
    assert isinstance(site, Holder) and isinstance(other, Holder)
    assert all(map(operator.is_, site.items, (a, b, c))) and all(map(operator.is_, other.items, (b, c)))
    assert calls == ["d:edges\0x", "d:edges\0y"]  # `other`'s two items; `site`'s none: one call, its keys
    assert loader.used == used


def test_parses_spilled_after_the_parse_stage_stay_at_their_places_through_assemble(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Many parses made anew are written out right after the parse stage (build/spill.parses), and
    assemble fills each body's links from its place without taking the parse's HTML back into the heap
    (lazytext.peek): after a build rendered in one process, every parse still holds its place, and the
    pages are a fresh build's bytes."""
    from sitegen.build import render, spill

    fresh_out = tmp_path / "fresh"
    assert not build(make_site(tmp_path / "plain", FILES), BuildOptions(out=fresh_out),
                     cache=cache.BuildCache()).failed()
    monkeypatch.setattr(render, "PARALLEL_MIN", 0)
    monkeypatch.setattr(spill, "PARALLEL_MIN", 0)
    spills: list[int] = []
    real = spill.cache_base.spill

    def counting(folder: Path | None, objects: object, derived: object) -> OSError | None:
        spills.append(1)
        return real(folder, objects, derived)  # type: ignore[arg-type]

    monkeypatch.setattr(spill.cache_base, "spill", counting)
    kept = cache.BuildCache()
    out = tmp_path / "out"
    assert not build(make_site(tmp_path / "site", FILES), BuildOptions(out=out), cache=kept).failed()
    assert tree_digest(out) == tree_digest(fresh_out)
    assert len(spills) == 2  # the parses after parse, the records before the render
    assert kept.memo.parsed and all("html" not in p.__dict__ and "_lazy" in p.__dict__
                                    for p in kept.memo.parsed.values())


def test_an_edit_rendered_in_this_process_spills_no_texts_and_gives_a_fresh_builds_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The texts go out of the heap before the render when workers will fork, or after a first build (serve
    keeps its model); an edit that renders many pages in this process (serve's watcher thread is alive: no
    fork) does not pass over every kept text again (~0.5 s of CPU a mid-list edit at 10,000 documents): its
    pages are a fresh build's. With one thread, the same edit forks, and spills first."""
    import threading

    from sitegen.build import render, spill
    from sitegen.pipeline.render import pool

    monkeypatch.setattr(render, "PARALLEL_MIN", 0)
    monkeypatch.setattr(pool, "PARALLEL_MIN", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    calls: list[bool] = []  # for each spill before the render: would the render fork?
    real = spill.before_fork

    def counting(*args: object) -> None:
        calls.append(pool.forks(2, 1))
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(spill, "before_fork", counting)
    site, out, kept = make_site(tmp_path / "site", FILES), tmp_path / "out", cache.BuildCache()
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)  # as serve's watcher: renders stay in this process
    watcher.start()
    try:
        assert not build(site, BuildOptions(out=out), cache=kept).failed()
        assert calls == [False]  # the first build's texts, rendered here
        edit(site)
        assert not build(site, BuildOptions(out=out), cache=kept).failed()
        assert calls == [False]  # the edit's render: here, no spill
    finally:
        stop.set()
        watcher.join()
    edited, fresh_out = make_site(tmp_path / "edited", FILES), tmp_path / "fresh"
    edit(edited)
    assert not build(edited, BuildOptions(out=fresh_out), cache=cache.BuildCache()).failed()
    assert tree_digest(out) == tree_digest(fresh_out)
    calls.clear()
    (site / "content/van-ban/d1.md").write_text(doc(number="2-NQ/TU", title="Đổi lần nữa"), encoding="utf-8")
    assert not build(site, BuildOptions(out=out), cache=kept).failed()
    assert calls == [True]  # one thread: the edit's render forks, its texts spilled first


def test_texts_that_cannot_be_spilled_stay_in_memory_and_verbose_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """No temporary file can be made (a full or read-only disk): the texts stay where they were, the pages
    are the same bytes, and `sitegen build -v` says why (before, nothing said it)."""
    import tempfile

    from click.testing import CliRunner

    from sitegen.base.oserrors import describe
    from sitegen.build import render, spill
    from sitegen.cli import cli

    fresh_out = tmp_path / "fresh"
    assert not build(make_site(tmp_path / "plain", FILES), BuildOptions(out=fresh_out),
                     cache=cache.BuildCache()).failed()
    monkeypatch.setattr(render, "PARALLEL_MIN", 0)
    monkeypatch.setattr(spill, "PARALLEL_MIN", 0)

    def no_file(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_file)
    site, out = make_site(tmp_path / "site", FILES), tmp_path / "out"
    result = build(site, BuildOptions(out=out), cache=cache.BuildCache())
    assert not result.failed() and tree_digest(out) == tree_digest(fresh_out)
    reason = describe(OSError(28, "full"), tempfile.gettempdir())
    line = catalog.MSG["texts_not_spilled"].format(reason=reason)
    assert result.verbose == [line, line]  # after the parse stage, before the render
    said = CliRunner().invoke(cli, ["build", "--site", str(site), "--out", str(tmp_path / "out2"),
                                    "--no-search", "-v"])
    assert said.exit_code == 0, said.output
    assert catalog.MSG["texts_not_spilled"].split("(")[0] in said.output


def test_a_text_set_anew_inside_transient_stays(tmp_path: Path):
    """transient puts back only the texts read from their places, never a value set since."""
    path = tmp_path / "texts"
    path.write_bytes("một hai".encode())
    texts = lazytext.Texts(path)

    class Held(lazytext.LazyText):
        pass

    read, rewritten = Held(), Held()
    for obj in (read, rewritten):
        obj.__dict__["_lazy"] = ("body", texts, 0, len("một".encode()))
    with lazytext.transient():
        assert read.body == rewritten.body == "một"  # type: ignore[attr-defined]
        rewritten.__dict__["body"] = "khác"
    assert "body" not in read.__dict__ and read.__dict__["_lazy"][2:] == (0, 5) and texts.decoded == {}
    assert rewritten.__dict__["body"] == "khác"
    assert read.body == "một"  # type: ignore[attr-defined]  # read again, and kept outside transient
    assert "_lazy" not in read.__dict__


def test_a_base_is_written_after_the_heap_gives_its_free_pages_back(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    """cache_base.write trims the heap (malloc_trim) before it pickles: the pickler's memo is mapped anew, and
    at 10,000 documents it came on top of ~0.2 GB of free pages the render and search stages left (the cold
    build's peak); the base reads back as the rows written."""
    from sitegen.pipeline import cache_base

    calls: list[str] = []
    dump = cache_base._Pickler.dump
    monkeypatch.setattr(cache_base, "_trim", lambda: calls.append("trim"))
    monkeypatch.setattr(cache_base._Pickler, "dump",
                        lambda self, obj: (calls.append("dump"), dump(self, obj)))
    rows: dict[str, object] = {"d:x\0": ((), "văn bản", frozenset()), "root": (1, "a")}
    name = cache_base.write(tmp_path, "public", rows)
    assert calls == ["trim", "dump"]
    assert cache_base.read(tmp_path / name) == rows


def test_a_render_worker_collects_its_own_cycles_not_what_it_inherited():
    """The build pauses the collector and forked workers inherit the pause (build/__init__.py): a render
    worker starts it again (render/pool.py), with what it inherited frozen, so that only what it makes is
    collected (each page's cycles), never the pages it shares with its parent."""
    import gc
    import multiprocessing

    from sitegen.pipeline.render import pool

    def worker(parent: int) -> None:
        gc.disable()
        pool._start_worker(parent)
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        os._exit(0 if gc.isenabled() and gc.get_freeze_count() > 0 and gc.collect() >= 1 else 1)

    child = multiprocessing.get_context("fork").Process(target=worker, args=(os.getpid(),))
    child.start()
    child.join(30)
    assert child.exitcode == 0


def test_outputs_made_here_leave_no_cycles_while_the_collector_is_paused(monkeypatch: pytest.MonkeyPatch):
    """Many outputs made in this process (serve's first build, a template edit: serve's watcher thread keeps
    them here) while the build pauses the collector: the cycles each one's making leaves are collected as the
    outputs come (render/pool.py), not held to the end of the build (its peak at 10,000 documents)."""
    import gc
    import weakref

    from sitegen.pipeline.render import pool

    class Node:
        loop: object = None

    left: list[weakref.ref[Node]] = []

    def made(task: pool.Task, index: int) -> int:
        node = Node()
        node.loop = node  # a cycle: only the collector frees it
        left.append(weakref.ref(node))
        return index

    monkeypatch.setattr(pool, "_made", made)
    total = pool.COLLECTED_MIN
    task = pool.Task(None, [None] * total, (), {}, lambda path, key: False)  # type: ignore[arg-type]
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert list(pool.make_many(task, workers=1)) == list(range(total))
        assert not gc.isenabled()  # still paused: the build's
        assert sum(ref() is not None for ref in left) < pool.COLLECT_EVERY
    finally:
        if enabled:
            gc.enable()


def test_the_parse_stage_gives_its_parses_to_spill_as_they_come(monkeypatch: pytest.MonkeyPatch):
    """parse_many hands its parses to `spill` SPILL_EVERY at a time as they come (the build writes their
    HTML out of the heap then: held to the end of the stage, they were its peak at 10,000 documents); the
    rest is the build's to spill after the stage (build/spill.parses)."""
    from conftest import REPO

    from sitegen.pipeline import config as config_mod
    from sitegen.pipeline import frontmatter, parse, sources

    cfg, _ = config_mod.load_config(REPO)
    entries = [e for s in sources.read_sources(REPO)
               if (e := frontmatter.load_entry(s, {"types": cfg.types})[0])]
    monkeypatch.setattr(parse, "SPILL_EVERY", 3)
    memo = parse.Memo()
    memo.use_aliases(parse.alias_table(entries, cfg)[0])
    given: list[list[parse.Parsed]] = []
    memo.parse_many(entries, workers=1, spill=lambda made: given.append(list(made)))
    assert len(entries) >= 7
    assert [len(made) for made in given] == [3] * (len(entries) // 3)
    kept = {id(p) for p in memo.parsed.values()}
    assert all(id(p) in kept for made in given for p in made)


def test_a_new_process_takes_citations_json_chunks_from_the_last_file_and_encodes_only_what_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`sitegen build` is a new process: citations.json's kept chunks (render/graph_json.py) are none, so a
    title edit encoded every line again. Taken from the file the last build wrote (with the last site model
    of the disk cache), only the edited document's line and those of records made anew are encoded; the file
    is the one a build without the cache makes."""
    site = make_site(tmp_path / "site", FILES)
    options = BuildOptions(out=tmp_path / "out")
    assert not build(site, options).failed()
    encoded: list[str] = []
    doc_line, edge_line = graph_json._doc_line, graph_json._edge_line
    monkeypatch.setattr(graph_json, "_doc_line", lambda r: encoded.append("doc") or doc_line(r))
    monkeypatch.setattr(graph_json, "_edge_line", lambda r: encoded.append("edge") or edge_line(r))
    last = cache.load_cache(site, "public").loaded().site
    assert last is not None and len(last.edges) == 6
    assert not graph_json.seed(last, b'{"documents": [\n],\n"citations": [\n]}\n')  # chunks kept: none taken
    monkeypatch.setattr(graph_json, "_docs", {})  # a new process: nothing kept
    monkeypatch.setattr(graph_json, "_runs", {})
    whole = (tmp_path / "out/citations.json").read_bytes()
    assert not graph_json.seed(last, whole.replace(b'"citations"', b'"edges"'))  # not of its form
    assert not graph_json.seed(last, whole[:-len(b"\n]}\n")] + b",\n {}\n]}\n")  # another number of lines
    assert graph_json._docs == {} and graph_json._runs == {}
    (site / "content/van-ban/d3.md").write_text(doc(number="4-NQ/TU", title="Văn bản 3 sửa",
                                                    body="Thực hiện Nghị quyết số 5-NQ/TU. Đoạn 3."),
                                                encoding="utf-8")
    result = build(site, options)
    assert not result.failed() and "citations.json" in result.rendered
    assert encoded.count("edge") == 0 and 1 <= encoded.count("doc") < 6
    fresh = tmp_path / "fresh"
    assert not build(site, BuildOptions(out=fresh, use_disk_cache=False)).failed()
    assert (tmp_path / "out/citations.json").read_bytes() == (fresh / "citations.json").read_bytes()
    assert b"V\xc4\x83n b\xe1\xba\xa3n 3 s\xe1\xbb\xada" in (fresh / "citations.json").read_bytes()
