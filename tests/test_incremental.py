"""Incremental builds are exact: after any sequence of edits the output equals a fresh full build."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import SITE_YAML, doc, make_site, tree_digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.base.diagnostics import Diagnostic
from sitegen.build import BuildOptions, Deferred, build, write_deferred
from sitegen.build.stages import DEFERRED
from sitegen.cite.graph import Graph, Run
from sitegen.pipeline import assemble_edit
from sitegen.pipeline.cache import BuildCache, load_cache
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.records import Site

NUMBERS = ["04-NQ/TU", "12-HD/HU", "289/KH-UBND", "05-CT/TW", "32a-KH/HU"]
TYPES = ["nghi-quyet", "huong-dan", "ke-hoach", "nghi-quyet", "ke-hoach"]


def document(i: int, title: str = "", body: str = "Nội dung.", date: str = "2021-03-06") -> str:
    return doc(title=title or f"Văn bản {i}", type=TYPES[i], number=NUMBERS[i], date=date, body=body,
               issuer="Tỉnh ủy Hà Nam" if i % 2 else "Huyện ủy Kim Bảng")


def base_site(root: Path) -> Path:
    files = {f"content/van-ban/d{i}.md": document(i) for i in range(3)}
    files["content/tin-bai/t.md"] = ("---\ntitle: Tin\ndate: 2021-05-01\ntags: [A]\n---\nTheo Nghị quyết số "
                                     "04-NQ/TU, ngày 6/3/2021.\n")
    files["content/gioi-thieu.md"] = "---\ntitle: Giới thiệu\n---\nX\n"
    return make_site(root, files)


# Citations of every kind the graph resolves: a number without its code that names no document until
# "number" adds it, a symbol with its year only (ambiguous once "twin" adds a second 04-NQ/TU of 2021), a
# document the site does not hold (a stub), a number without its code read as a stub's.
CITING = ("---\ntitle: Tin {word}\ndate: 2021-06-01\n---\nTheo Kế hoạch số 45 ngày 2/3/2021 của Ủy ban nhân "
          "dân tỉnh Hà Nam, Nghị quyết số 04-NQ/TU năm 2021 của Huyện ủy Kim Bảng, Chỉ thị số 05-CT/TW, ngày "
          "1/2/2020 và Nghị quyết số 04 ngày 6/3/2021 của Huyện ủy Kim Bảng. {word}\n")


def apply(site: Path, op: str, i: int, word: str) -> None:
    path = site / f"content/van-ban/d{i}.md"
    if op == "title":
        path.write_text(document(i, title=f"Văn bản {word}"), encoding="utf-8")
    elif op == "body":
        cited = NUMBERS[(i + 1) % len(NUMBERS)]
        path.write_text(document(i, body=f"Thực hiện Nghị quyết số {cited}, ngày 6/3/2021. {word}"),
                        encoding="utf-8")
    elif op == "prose":  # the body alone, its citations as they were (assemble_edit.py), a link to a file
        cited = NUMBERS[(i + 1) % len(NUMBERS)]
        link = {0: "", 1: " Xem [tin](../tin-bai/t.md).", 2: " Xem [tệp](../tin-bai/khong-co.md)."}
        path.write_text(document(i, body=f"Thực hiện Nghị quyết số {cited}, ngày 6/3/2021.\n\n{word}"
                                 f"{link[len(word) % 3]}"), encoding="utf-8")
    elif op == "repeal":  # relations that change a document's force (status.py), read in its text or declared
        cited = NUMBERS[(i + 1) % len(NUMBERS)]
        verb = ("Thay thế", "Bãi bỏ", "Sửa đổi, bổ sung")[len(word) % 3]
        text = document(i, body=f"{verb} Nghị quyết số {cited}, ngày 6/3/2021 và Chỉ thị số 05-CT/TW, ngày "
                                f"1/2/2020. {word}")
        if len(word) % 2:
            declared = NUMBERS[(i + 2) % len(NUMBERS)]
            text = text.replace("---\n", f'---\nrelations:\n  - {{type: bai-bo, number: "{declared}", date: '
                                          '2021-03-06, issuer: "Tỉnh ủy Hà Nam"}\n', 1)
        path.write_text(text, encoding="utf-8")
    elif op == "date":
        path.write_text(document(i, date=f"20{10 + len(word) % 10}-01-0{1 + i}"), encoding="utf-8")
    elif op == "delete":
        path.unlink(missing_ok=True)
    elif op == "rename":
        if path.exists():
            path.rename(site / f"content/van-ban/moved-{i}-{len(word)}.md")
    elif op == "tag":
        (site / "content/tin-bai/t.md").write_text("---\ntitle: Tin\ndate: 2021-05-01\ntags: "
                                                   f"[{word}]\n---\nBài.\n", encoding="utf-8")
    elif op == "headline":  # titles alone, once the first headline set the rest (assemble_edit.py): an
        # article of u.md's date and a page beside another, each moving in its list
        (site / "content/tin-bai/t.md").write_text(
            f"---\ntitle: Tin {word}\ndate: 2021-06-01\ntags: [A]\n---\nTheo Nghị quyết số 04-NQ/TU, ngày "
            "6/3/2021.\n", encoding="utf-8")
        (site / "content/gioi-thieu.md").write_text(f"---\ntitle: {word}\n---\nX\n", encoding="utf-8")
        (site / "content/lien-he.md").write_text("---\ntitle: Liên hệ\n---\nY\n", encoding="utf-8")
    elif op == "break":
        path.write_text("---\ntitle: [vỡ\n---\n", encoding="utf-8")
    elif op == "template":
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates/page.html").write_text(
            '{% extends "base.html" %}{% block main %}<h1>' + word + " {{ page.title }}</h1>{% endblock %}",
            encoding="utf-8")
    elif op == "untemplate":
        (site / "templates/page.html").unlink(missing_ok=True)
    elif op == "edition":
        (site / "content/ban-tin").mkdir(exist_ok=True)
        (site / "content/ban-tin/2021-so-01.md").write_text(
            f"---\nnumber: 1\ndate: 2021-06-01\ntitle: {word}\nitems: [../van-ban/d{i}.md, "
            f"../tin-bai/t.md]\n---\n{word}\n",
            encoding="utf-8")
    elif op == "unedition":
        (site / "content/ban-tin/2021-so-01.md").unlink(missing_ok=True)
    elif op == "named":  # an article naming its edition: 2021-so-01 (published while "edition" is), or one
        # the site never publishes (an error, until "unnamed")
        (site / "content/tin-bai/n.md").write_text(
            f"---\ntitle: Tin {word}\ndate: 2021-05-0{1 + i}\nedition: 2021-so-0{1 + i % 2}\n"
            "---\nX\n", encoding="utf-8")
    elif op == "unnamed":
        (site / "content/tin-bai/n.md").unlink(missing_ok=True)
    elif op == "cite":
        (site / "content/tin-bai/u.md").write_text(CITING.format(word=word) if len(word) % 2 else
                                                   CITING.format(word=word).replace(" năm 2021", ""),
                                                   encoding="utf-8")
    elif op == "twin":  # a second document with d{i}'s number, issuer and year
        (site / "content/van-ban/twin.md").write_text(
            document(i, date=f"2021-0{4 + len(word) % 3}-01").replace("---\n", "---\nslug: twin\n", 1),
            encoding="utf-8")
    elif op == "untwin":
        (site / "content/van-ban/twin.md").unlink(missing_ok=True)
    elif op == "copy":  # d{i} again under another name, its date too: a duplicate document while d{i} is
        (site / "content/van-ban/copy.md").write_text(
            document(i).replace("---\n", "---\nslug: ban-sao\n", 1), encoding="utf-8")
    elif op == "uncopy":
        (site / "content/van-ban/copy.md").unlink(missing_ok=True)
    elif op == "number":  # what "Kế hoạch số 45 ngày 2/3/2021 của Ủy ban nhân dân tỉnh Hà Nam" names
        (site / "content/van-ban/kh45.md").write_text(
            doc(title=f"Kế hoạch {word}", type="ke-hoach", number="45/KH-UBND",
                issuer="Ủy ban nhân dân tỉnh Hà Nam", date="2021-03-02"), encoding="utf-8")
    elif op == "unnumber":
        (site / "content/van-ban/kh45.md").unlink(missing_ok=True)
    elif op == "link":  # a link to a file beside the site: an error naming it (sources.refused_links)
        beside = site.parent / "beside.md"
        beside.write_text(document(i, title=f"Ngoài {word}"), encoding="utf-8")
        if not (site / "content/van-ban/ngoai.md").is_symlink():
            os.symlink(beside, site / "content/van-ban/ngoai.md")
    elif op == "unlink":
        (site / "content/van-ban/ngoai.md").unlink(missing_ok=True)
    elif op == "image":  # an image of static/ (assets.check: missing until "static" adds it)
        path.write_text(document(i, body=f"{word}\n\n![ảnh](/anh-{len(word) % 2}.png)"), encoding="utf-8")
    elif op == "static":
        (site / "static").mkdir(exist_ok=True)
        picture = site / f"static/anh-{len(word) % 2}.png"
        if picture.exists():
            picture.unlink()
        else:
            picture.write_bytes(b"png")
    elif op == "config":
        (site / "site.yaml").write_text(SITE_YAML.replace("per_page: 2", f"per_page: {1 + len(word) % 3}"),
                                        encoding="utf-8")


OPS = st.sampled_from(["title", "title", "headline", "body", "prose", "prose", "repeal", "date", "delete",
                       "rename", "tag", "break", "template", "untemplate", "config", "edition", "unedition",
                       "named", "unnamed", "cite", "twin", "untwin", "copy", "uncopy", "number", "unnumber",
                       "link", "unlink", "image", "static"])
STEPS = st.lists(st.tuples(OPS, st.integers(0, 4),
                           st.sampled_from(["An", "Đảng", "Ủy ban", "Bắc Ninh", "hoá"])),
                 min_size=1, max_size=6)


def files(site: Path) -> dict[str, tuple[int, bytes]]:
    """Each file of the site with its inode and bytes: what a watcher reports as changed differs here."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_bytes()) for p in site.rglob("*")
            if p.is_file()}


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS, mode=st.sampled_from(["serve", "serve in place", "serve watched", "cli"]),
       settled=st.lists(st.booleans(), min_size=6, max_size=6))
def test_incremental_output_equals_a_fresh_full_build(tmp_path_factory, steps, mode, settled):
    """serve: the cache in memory (the last model and what each output read of it); in place: serve's writes,
    file by file into the output, instead of a new tree swapped in; watched: as serve runs, told by its
    watcher which files changed (here: those whose inode or bytes changed), trusting its own output and
    writing citations.json after the reload (build.write_deferred), which the next edit may come before
    (`settled` False: every other file is already the full build's); cli: `sitegen build`, a new process
    each time, with the cache on disk."""
    root = tmp_path_factory.mktemp("inc")
    site = base_site(root / "site")
    apply(site, "cite", 0, "An")
    cache = BuildCache() if mode != "cli" else None  # what `serve` keeps between rebuilds
    watched = mode == "serve watched"
    deferred = Deferred() if watched else None
    options = BuildOptions(out=root / "inc", in_place=mode in ("serve in place", "serve watched"),
                           trust_output=watched, deferred=deferred)
    assert not build(site, options, cache=cache).failed()
    for step, (op, i, word) in enumerate(steps):
        seen = files(site)
        apply(site, op, i % 3 if op != "body" else i % 3, word)
        now = files(site)
        changed = frozenset(p for p in seen.keys() | now.keys() if seen.get(p) != now.get(p))
        before = tree_digest(root / "inc")
        incremental = build(site, replace(options, changed=changed) if watched else options, cache=cache)
        shutil.rmtree(root / "full", ignore_errors=True)
        fresh = BuildCache()  # in memory: a fresh build's job keys, which the incremental ones must equal
        full = build(site, BuildOptions(out=root / "full", use_disk_cache=False), cache=fresh)
        assert [d.format() for d in incremental.diagnostics] == [d.format() for d in full.diagnostics]
        if full.failed():
            assert tree_digest(root / "inc") == before  # a failed build leaves the last good output
            continue
        if deferred is not None and not settled[step] and step < len(steps) - 1:  # the next edit came first
            now_inc, now_full = tree_digest(root / "inc"), tree_digest(root / "full")
            assert {p: d for p, d in now_inc.items() if p not in DEFERRED} == \
                {p: d for p, d in now_full.items() if p not in DEFERRED}
            continue
        if deferred is not None:
            assert cache is not None
            write_deferred(root / "inc", cache, deferred)
            assert not deferred.outputs
        assert tree_digest(root / "inc") == tree_digest(root / "full")
        # each output's job key (the digest of what it is made from) is a fresh build's too: an output kept
        # with a key a fresh build would not give had inputs that moved without a fact saying so
        kept = (cache if cache is not None else load_cache(site, "public")).pages
        assert {p: key for p, (key, _) in kept.items()} == {p: key for p, (key, _) in fresh.pages.items()}


def test_second_build_renders_nothing_and_a_body_edit_renders_only_its_page(tmp_path: Path):
    site = base_site(tmp_path / "site")
    first = build(site)
    assert len(first.rendered) > 20
    again = build(site)  # the cache on disk, as a second `sitegen build` finds it
    assert again.rendered == [] and again.files == {}
    path = site / "content/van-ban/d2.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung đã sửa."),
                    encoding="utf-8")
    edited = build(site)
    assert edited.rendered == ["citations.json", "van-ban/ke-hoach-289-kh-ubnd-2021/index.html"] or \
        edited.rendered == ["van-ban/ke-hoach-289-kh-ubnd-2021/index.html"]
    # the last model and what each output read of it come from the disk cache: only what read it is examined
    assert set(edited.contexts) == {"van-ban/ke-hoach-289-kh-ubnd-2021/index.html", "feed.xml",
                                    "tim-kiem/index.html"}


def test_a_body_edit_read_from_the_disk_cache_makes_again_only_its_own_record(tmp_path: Path):
    """`sitegen build` takes serve's change-driven assemble: the last assemble's per-page state comes back
    from the disk cache (load_cache, then loaded(), as a build reads it), so after a body edit every other
    record, the edges and the lists are the objects the cache held, and the output equals a fresh build's."""
    site = base_site(tmp_path / "site")
    apply(site, "prose", 0, "hoá")
    assert not build(site).failed()
    kept = load_cache(site, "public").loaded()
    last = kept.site
    assert kept.derived.assembled is not None and last is not None and kept.derived.assembled.site is last
    apply(site, "prose", 0, "Đảng")  # the same citation, a link to a file added
    assert not build(site, BuildOptions(), cache=kept).failed()
    edited, now = "/van-ban/nghi-quyet-04-nq-tu-2021/", kept.site
    assert now is not None and "/tin-bai/t/" in now.by_url[edited].body_html
    assert all(now.by_url[url] is item for url, item in last.by_url.items() if url != edited)
    assert now.edges is last.edges and now.taxonomies is last.taxonomies  # no full assemble
    apply(site, "prose", 0, "Ủy ban")  # and by `sitegen build` itself, the cache read from disk
    assert not build(site).failed()
    assert not build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False)).failed()
    assert tree_digest(tmp_path / "full") == tree_digest(site / "output")


def test_title_edit_rerenders_its_lists_and_citers_but_not_unrelated_pages(tmp_path: Path):
    site = base_site(tmp_path / "site")
    build(site)
    (site / "content/van-ban/d0.md").write_text(document(0, title="Tên mới"), encoding="utf-8")
    rendered = set(build(site).rendered)
    assert "van-ban/nghi-quyet-04-nq-tu-2021/index.html" in rendered  # its page
    assert "tin-bai/t/index.html" in rendered  # cites it: the link tooltip shows its title
    assert "van-ban/index.html" in rendered and "feed.xml" in rendered
    assert "gioi-thieu/index.html" not in rendered
    assert "van-ban/huong-dan-12-hd-hu-2021/index.html" not in rendered


def test_template_change_rerenders_only_pages_using_it(tmp_path: Path):
    site = base_site(tmp_path / "site")
    build(site)
    (site / "templates").mkdir()
    (site / "templates/page.html").write_text('{% extends "base.html" %}{% block main %}X{% endblock %}',
                                              encoding="utf-8")
    assert build(site).rendered == ["gioi-thieu/index.html"]


def test_an_edited_template_compiles_again_and_the_others_come_compiled(tmp_path: Path, monkeypatch):
    """serve (no folder for compiled templates): an edited template makes a new environment; the templates
    it did not change are taken compiled (render/env.py keeps them in the process), the edited one compiles
    again and renders its new text."""
    import jinja2

    from sitegen.pipeline.config import load_config
    from sitegen.pipeline.render import env as env_mod

    site = base_site(tmp_path / "site")
    (site / "templates").mkdir()
    page = site / "templates/page.html"
    page.write_text('{% extends "base.html" %}{% block main %}X{% endblock %}', encoding="utf-8")
    cfg = load_config(site)[0]
    assert cfg is not None
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.append(name or "")
        return compile_(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    first = env_mod.environment(site / "templates", cfg, "first")
    first.get_template("page.html"), first.get_template("base.html")
    page.write_text('{% extends "base.html" %}{% block main %}Y{% endblock %}', encoding="utf-8")
    compiled.clear()
    second = env_mod.environment(site / "templates", cfg, "second")
    template, _ = second.get_template("page.html"), second.get_template("base.html")
    assert compiled == ["page.html"]  # base.html came compiled
    assert "".join(template.blocks["main"](template.new_context({}))) == "Y"


def _plain(value: object, path: str, seen: set[int]) -> None:
    """Page contexts hold plain data only: their pickled bytes are the page's digest, and a set (or a pydantic
    model, which carries one) pickles in an order that varies from process to process."""
    import dataclasses

    from sitegen.base.vi import PartialDate

    if id(value) in seen or value is None or isinstance(value, (str, int, float, bytes, PartialDate)):
        return
    seen.add(id(value))
    if isinstance(value, (list, tuple)):
        for k, item in enumerate(value):
            _plain(item, f"{path}[{k}]", seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            _plain(key, f"{path} key", seen)
            _plain(item, f"{path}[{key!r}]", seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _plain(getattr(value, f.name), f"{path}.{f.name}", seen)
    else:
        raise AssertionError(f"{path}: {type(value).__name__} is not plain data")


def test_every_page_context_is_plain_data():
    from conftest import REPO

    from sitegen.base.vi import make_collator
    from sitegen.pipeline import assemble, frontmatter, parse, sources
    from sitegen.pipeline import config as config_mod
    from sitegen.pipeline.render.digests import SHARED_KEYS
    from sitegen.pipeline.render.env import make_environment
    from sitegen.pipeline.render.pages import Renderer

    cfg, _ = config_mod.load_config(REPO)
    entries = [e for s in sources.read_sources(REPO)
               if (e := frontmatter.load_entry(s, {"types": cfg.types})[0])]
    memo = parse.Memo()
    memo.use_aliases(parse.alias_table(entries, cfg)[0])
    memo.parse_many(entries, workers=1)
    site, _ = assemble.assemble(entries, cfg, make_collator(), memo)
    jobs = Renderer(site, make_environment(REPO / "templates", cfg)).jobs()
    assert {job.template for job in jobs} >= {"document.html", "article.html", "edition.html", "stub.html"}
    for job in jobs:
        for key, value in job.context.items():
            if key not in SHARED_KEYS:
                _plain(value, f"{job.path} {key}", set())


@pytest.mark.slow
def test_page_digests_survive_the_disk_cache_and_new_hash_seeds(tmp_path: Path):
    """A warm `sitegen build` in a new process renders nothing: every page's digest equals the last one's."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    keys = []
    for seed in ("1", "2", "3"):
        subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "--no-search"],
                       check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        keys.append({path: key for path, (key, _) in load_cache(site, "public").pages.items()})
    assert keys[0] == keys[1] == keys[2]


def test_unchanged_settled_files_are_not_read_again_but_any_change_is_seen(tmp_path: Path):
    import time

    from sitegen.pipeline.sources import read_sources

    site = make_site(tmp_path / "site",
                     {"content/van-ban/a.md": document(0), "content/van-ban/b.md": document(1)})
    known: dict = {}
    first = read_sources(site, known)
    racy = read_sources(site, known)  # written less than a second before the first read: read again
    assert [s is t for s, t in zip(first, racy, strict=True)] == [False, False]
    time.sleep(1.1)
    read_sources(site, known)
    settled = read_sources(site, known)
    b = site / "content/van-ban/b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("Văn bản 1", "Văn bản 9"),
                 encoding="utf-8")  # same size
    after = read_sources(site, known)
    assert after[0] is settled[0] and after[1] is not settled[1] and "Văn bản 9" in (after[1].text or "")
    b.unlink()
    assert ([s.path for s in read_sources(site, known)] == ["content/van-ban/a.md"] and
            list(known) == ["content/van-ban/a.md"])


def test_a_warm_build_with_nothing_changed_still_repairs_the_output_and_follows_static_files(tmp_path: Path):
    site = base_site(tmp_path / "site")
    assert not build(site).failed()
    out = site / "output"
    good = tree_digest(out)
    page = next(out.glob("van-ban/*/index.html"))
    page.write_text("sửa tay", encoding="utf-8")  # someone edited the published copy
    again = build(site)
    assert again.rendered and tree_digest(out) == good
    (site / "static").mkdir()
    (site / "static/logo.txt").write_text("logo", encoding="utf-8")
    assert build(site).rendered == [] and (out / "logo.txt").read_text(encoding="utf-8") == "logo"
    (site / "static/logo.txt").unlink()
    assert build(site).rendered == [] and not (out / "logo.txt").exists() and tree_digest(out) == good


def test_disk_cache_without_texts_rereads_what_a_new_config_needs(tmp_path: Path):
    """The disk cache keeps sources by stat without their texts: a build that must validate again (site.yaml
    changed) reads them, and its output is a fresh build's."""
    import time

    site = base_site(tmp_path / "site")
    assert not build(site).failed()
    time.sleep(1.1)  # sources settle: the next builds trust their stat
    assert not build(site).failed() and build(site).rendered == []
    (site / "site.yaml").write_text(SITE_YAML.replace("per_page: 2", "per_page: 3"), encoding="utf-8")
    assert not build(site).failed()
    full = build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False))
    assert not full.failed() and tree_digest(site / "output") == tree_digest(tmp_path / "full")
    path = site / "content/van-ban/d1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Văn bản 1", "Văn bản 7"), encoding="utf-8")
    assert "van-ban" in " ".join(build(site).rendered)
    shutil.rmtree(tmp_path / "full")
    build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False))
    assert tree_digest(site / "output") == tree_digest(tmp_path / "full")


def test_serve_makes_again_only_the_contexts_that_read_what_an_edit_changed(tmp_path: Path):
    """With the last model in memory (serve), an output's context is made again only when something it read
    changed: a body edit touches its own page (and the outputs that read whole records: feed, search), not
    the lists, terms or other documents; a title edit also the pages that list or cite it."""
    site = base_site(tmp_path / "site")
    cache, options = BuildCache(), BuildOptions(out=tmp_path / "out", in_place=True)
    assert len(build(site, options, cache=cache).contexts) > 20
    assert build(site, options, cache=cache).contexts == []
    d2, d0 = site / "content/van-ban/d2.md", site / "content/van-ban/d0.md"
    d2.write_text(d2.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung đã sửa."), encoding="utf-8")
    body = build(site, options, cache=cache)
    assert set(body.contexts) == {"van-ban/ke-hoach-289-kh-ubnd-2021/index.html", "feed.xml",
                                  "tim-kiem/index.html"}
    assert body.rendered == ["van-ban/ke-hoach-289-kh-ubnd-2021/index.html"]
    d0.write_text(document(0, title="Tên mới"), encoding="utf-8")
    title = set(build(site, options, cache=cache).contexts)
    assert {"van-ban/nghi-quyet-04-nq-tu-2021/index.html", "tin-bai/t/index.html", "van-ban/index.html",
            "index.html", "citations.json"} <= title
    assert "gioi-thieu/index.html" not in title and "van-ban/huong-dan-12-hd-hu-2021/index.html" not in title


def test_a_page_that_refers_to_a_document_reads_its_card_not_its_record(tmp_path: Path):
    """A document's JSON-LD names the documents it is based on (isBasedOn) by type and number, which its card
    holds: a body edit of the one it refers to (its record changes, not its card) leaves the referring page's
    context alone; a title edit (its card) makes it again."""
    site = base_site(tmp_path / "site")
    based = site / "content/van-ban/d3.md"
    based.write_text(doc(title="Văn bản dựa trên", type="ke-hoach", number="77/KH-UBND", date="2021-04-01",
                         issuer="Tỉnh ủy Hà Nam", body="Nội dung.").replace(
        "---\n", '---\nrelations:\n  - {type: can-cu, number: "289/KH-UBND", date: 2021-03-06, '
        'issuer: "Huyện ủy Kim Bảng"}\n', 1), encoding="utf-8")
    cache, options = BuildCache(), BuildOptions(out=tmp_path / "out", in_place=True)
    assert not build(site, options, cache=cache).failed()
    page = "van-ban/ke-hoach-77-kh-ubnd-2021/index.html"
    html = (tmp_path / "out" / page).read_text(encoding="utf-8")
    based_on = html.split('"isBasedOn":', 1)[1].split("]", 1)[0]  # d2's page, not a stub's
    assert "/van-ban/ke-hoach-289-kh-ubnd-2021/" in based_on
    assert '"legislationIdentifier":"289/KH-UBND"' in based_on
    d2 = site / "content/van-ban/d2.md"
    d2.write_text(d2.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung đã sửa."), encoding="utf-8")
    body = build(site, options, cache=cache)
    assert set(body.contexts) == {"van-ban/ke-hoach-289-kh-ubnd-2021/index.html", "feed.xml",
                                  "tim-kiem/index.html"}
    d2.write_text(document(2, title="Tên mới"), encoding="utf-8")
    assert page in build(site, options, cache=cache).contexts


def assembler(site: Path, derived: Derived | None = None) -> Callable[[], tuple[Site, list[Diagnostic]]]:
    """Assembles `site` as it is now twice, fresh and from the last assemble's kept values (serve's, in
    `derived` when given), checks that both give the same model and diagnostics, returns the kept one's."""
    from sitegen.base.vi import make_collator
    from sitegen.pipeline import assemble, frontmatter, parse, sources
    from sitegen.pipeline import config as config_mod

    cfg, _ = config_mod.load_config(site)
    assert cfg is not None
    memo, derived = parse.Memo(), derived if derived is not None else Derived()

    def assembled() -> tuple[Site, list[Diagnostic]]:
        entries = [e for s in sources.read_sources(site)
                   if (e := frontmatter.load_entry(s, {"types": cfg.types})[0])]
        fresh, fresh_diags = assemble.assemble(entries, cfg, make_collator())
        kept, kept_diags = assemble.assemble(entries, cfg, derived.collator, memo, derived=derived)
        assert kept == fresh and kept_diags == fresh_diags
        return kept, kept_diags

    return assembled


def test_a_body_edit_that_keeps_its_citations_makes_again_only_its_own_record(tmp_path: Path):
    """Assemble driven by the changed items: an edited body whose citations read as before gets a new record,
    every other record is the last model's object, and the model equals a fresh assemble's; an edit that
    changes what a body cites is a full assemble (a new graph), equal to a fresh one too."""
    site = base_site(tmp_path / "site")
    apply(site, "prose", 0, "An")
    assembled = assembler(site)
    first, _ = assembled()
    apply(site, "prose", 0, "Đảng")  # the same citation, a link to a file added
    second, _ = assembled()
    edited = "/van-ban/nghi-quyet-04-nq-tu-2021/"
    assert second.by_url[edited] != first.by_url[edited] and "/tin-bai/t/" in second.by_url[edited].body_html
    assert all(second.by_url[url] is item for url, item in first.by_url.items() if url != edited)
    assert second.edges is first.edges and second.taxonomies is first.taxonomies
    apply(site, "prose", 0, "An")  # a link to no file: the body's error, said again by the next edit too
    assert [d.file for d in assembled()[1] if d.code == "bad-link"] == ["content/van-ban/d0.md"]
    apply(site, "prose", 2, "Bắc Ninh")
    assert [d.file for d in assembled()[1] if d.code == "bad-link"] == ["content/van-ban/d0.md",
                                                                        "content/van-ban/d2.md"]
    apply(site, "body", 0, "An")  # cites another document now: the graph is made again
    third, _ = assembled()
    assert third.edges is not second.edges and third.edges != second.edges


def test_a_title_edit_makes_again_its_record_and_its_citers_and_moves_it_in_its_lists(tmp_path: Path):
    """A title edit keeps the page's URL and what it brings to the citation graph: its record and those of the
    pages citing it (their links show its title) are made again, it moves in its lists (a bisect, not a sort),
    every other record and the graph are the last model's objects, and the model equals a fresh assemble's."""
    site = base_site(tmp_path / "site")
    assembled = assembler(site)
    first, _ = assembled()
    edited, citer = "/van-ban/nghi-quyet-04-nq-tu-2021/", "/tin-bai/t/"
    assert [d.url for d in first.documents][0] == edited  # "Văn bản 0" first of three of one date
    (site / "content/van-ban/d0.md").write_text(document(0, title="Xây dựng"), encoding="utf-8")
    second, _ = assembled()
    assert second.by_url[edited].title == "Xây dựng" and "Xây dựng" in second.by_url[citer].body_html
    assert all(second.by_url[url] is item for url, item in first.by_url.items() if url not in (edited, citer))
    assert second.edges is first.edges
    assert [d.url for d in second.documents][-1] == edited  # moved after "Văn bản 1", "Văn bản 2"
    (site / "content/van-ban/d0.md").write_text(document(0, title="Văn bản 0").replace(
        "---\n", "---\nsummary: Tóm tắt.\n", 1), encoding="utf-8")
    third, _ = assembled()
    assert third.by_url[edited].summary == "Tóm tắt." and [d.url for d in third.documents][0] == edited
    (site / "content/van-ban/d0.md").write_text(document(0, title="Xây dựng"), encoding="utf-8")
    assembled()
    apply(site, "body", 1, "An")  # a full assemble after the move: the lists it keeps are the moved ones
    assert [d.url for d in assembled()[0].documents][-1] == edited


def test_a_citation_edit_or_a_new_or_deleted_file_makes_again_only_the_records_whose_inputs_changed(
        tmp_path: Path):
    """The graph made again (a citation added, a file that a citation now names, that file deleted): the
    records of pages whose entry, links in and out, targets and their titles are the same are the last
    model's objects; the model equals a fresh assemble's."""
    site = base_site(tmp_path / "site")
    apply(site, "cite", 0, "An")  # u.md cites "Kế hoạch số 45 …", which no file holds yet: a stub
    assembled = assembler(site)
    first, _ = assembled()
    citing = "/van-ban/ke-hoach-289-kh-ubnd-2021/"
    apply(site, "body", 2, "An")  # d2 cites 05-CT/TW now: another stub's citers
    second, _ = assembled()
    assert second.edges != first.edges
    assert [url for url, item in first.by_url.items() if second.by_url.get(url) is not item] == [citing]
    apply(site, "number", 0, "An")  # the file "Kế hoạch số 45 …" names: u.md's link, the stub gone
    third, _ = assembled()
    new = {url for url in third.by_url if url not in second.by_url}
    assert new == {"/van-ban/ke-hoach-45-kh-ubnd-2021/"}
    remade = {url for url, item in second.by_url.items() if third.by_url.get(url) is not item}
    assert remade == {"/tin-bai/u/", *(url for url in second.by_url if url not in third.by_url)}
    apply(site, "unnumber", 0, "An")
    fourth, _ = assembled()
    assert fourth.by_url.keys() == second.by_url.keys() and fourth.by_url["/tin-bai/u/"] != third.by_url[
        "/tin-bai/u/"]


def test_a_citation_edit_whose_stubs_stay_makes_the_graph_from_the_last_without_a_full_assemble(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A body that cites otherwise while every stub stays (assemble_edit._recited): the graph made from the
    last one, no pass over every page (assemble's `_assemble` runs only for the fresh assemble the model is
    compared with); the records made again are the citing page's, those of the pages it cites or cited and
    of a stub whose links in or changes moved; model and diagnostics (a citation's type conflict) equal a
    fresh assemble's. A citation that makes a new stub is a full assemble."""
    from sitegen.pipeline import assemble as assemble_mod

    full: list[int] = []
    whole = assemble_mod._assemble

    def counted(*args: Any, **kwargs: Any) -> Any:
        full.append(1)
        return whole(*args, **kwargs)

    monkeypatch.setattr(assemble_mod, "_assemble", counted)
    site = base_site(tmp_path / "site")
    apply(site, "cite", 0, "An")  # u.md cites the stub 05-CT/TW of 2020, among others
    assembled = assembler(site)
    last, _ = assembled()
    d0, d1, stub = ("/van-ban/nghi-quyet-04-nq-tu-2021/", "/van-ban/huong-dan-12-hd-hu-2021/",
                    "/van-ban/chi-thi-05-ct-tw-2020/")
    for op, i, remade, diagnostics in (
            ("body", 0, {d0, d1}, ["citation-type-conflict"]),  # d0 cites d1 ("Nghị quyết" of a hướng dẫn)
            ("repeal", 0, {d0, d1, stub}, ["citation-type-conflict"]),  # … and repeals d1 and the stub
            ("image", 0, {d0, d1, stub}, [])):  # … and cites nothing
        full.clear()
        apply(site, op, i, "Đảng")
        now, diags = assembled()
        assert len(full) == 1  # the fresh assemble's alone
        assert {url for url, item in last.by_url.items() if now.by_url.get(url) is not item} == remade
        assert [d.code for d in diags if d.code.startswith("citation")] == diagnostics
        assert now.edges != last.edges
        last = now
    full.clear()
    apply(site, "body", 2, "An")  # d2 cites 05-CT/TW of 2021: a new stub
    assert assembled()[0].by_url.keys() > last.by_url.keys() and len(full) == 2


def test_the_graph_keeps_each_pages_targets_as_one_tuple_while_they_are_the_same(tmp_path: Path):
    """Each page's targets (the cited page of each citation of its body, in text order) are one tuple per
    page, the last build's object while they are the same: a citation edit gives only the edited page a new
    one (and new edges and links out), and the records read their links from it (the same model as a fresh
    assemble: `assembler`)."""
    site = base_site(tmp_path / "site")
    derived = Derived()
    assembled = assembler(site, derived)
    assembled()
    before = derived.assembled
    assert before is not None
    targets = before.linked.graph.targets
    citing = "/van-ban/ke-hoach-289-kh-ubnd-2021/"
    assert targets and all(isinstance(t, tuple) for t in targets.values())
    apply(site, "body", 2, "An")  # d2 (the page at `citing`) cites 05-CT/TW now
    assembled()
    after = derived.assembled
    assert after is not None and after.linked.graph is not before.linked.graph
    now = after.linked.graph.targets
    assert now[citing] != targets.get(citing)
    assert all(now[url] is t for url, t in targets.items() if url != citing)
    runs = dict(before.linked.graph.runs)  # each page's edges, and its links out: the same objects
    assert [url for url, run in after.linked.graph.runs if runs.get(url) is not run] == [citing]
    assert all(after.linked.graph.cites[url] is links for url, links in before.linked.graph.cites.items()
               if url != citing)
    assert sum(1 for t in now[citing] if t) == after.site.by_url[citing].body_html.count('class="cite"')
    titles = before.linked.titles  # the link titles of the pages whose entry and symbol are the same: kept
    assert all(after.linked.titles[url] is title for url, title in titles.items() if url in before.claimed
               and after.claimed.get(url) is before.claimed[url])
    # a title and a citation changed: a full assemble, its new link title
    (site / "content/van-ban/d2.md").write_text(document(2, title="Văn bản Đảng", body="Thực hiện Nghị quyết "
                                                         "số 04-NQ/TU, ngày 6/3/2021."), encoding="utf-8")
    assembled()
    assert derived.assembled is not None and "Văn bản Đảng" in str(derived.assembled.linked.titles[citing])


def test_a_graph_made_from_the_last_names_what_it_made_again_and_only_that_is_compared(tmp_path: Path):
    """A graph made from the last one (build_graph's `last`) names the URLs whose targets and links out, and
    those whose links in, it made again (`Since`): a citation edit, the citing page and what it cites.
    kept_pages compares only those; given a graph not made from the last one (a loaded one: another stamp)
    it compares every URL, and keeps the same pages."""
    site = base_site(tmp_path / "site")
    derived = Derived()
    assembled = assembler(site, derived)
    assembled()
    before = derived.assembled
    assert before is not None and before.linked.graph.since is None  # made from nothing
    apply(site, "body", 2, "An")  # d2 (the page at `citing`) cites 05-CT/TW now: a stub
    assembled()
    after = derived.assembled
    assert after is not None
    graph, citing = after.linked.graph, "/van-ban/ke-hoach-289-kh-ubnd-2021/"
    assert graph.since is not None and graph.since.stamp is before.linked.graph.stamp
    assert graph.since.shown == {citing}
    assert graph.since.cited == {link.url for link in graph.cites[citing]} != set()
    # the entries and parses of a build with the cache (the same objects while a file is the same)
    claimed = {**before.claimed, citing: after.claimed[citing]}
    parsed = {**before.parsed, citing: after.parsed[citing]}
    kept = assemble_edit.kept_pages(before, claimed, parsed, after.linked)
    assert kept == set(claimed) - {citing}
    for other in (replace(graph, since=None), replace(graph, stamp=object())):
        linked = replace(after.linked, graph=other)
        assert assemble_edit.kept_pages(before, claimed, parsed, linked) == kept


def test_serve_writes_citations_json_after_the_reload_and_a_second_edit_leaves_no_stale_file(tmp_path: Path):
    """serve's builds leave citations.json (the whole graph, no page reads it) out of date on disk, for
    build.write_deferred after the reload; an edit that comes before that write is built over it, and the
    write then gives the newest graph: the output equals a full build's."""
    site = base_site(tmp_path / "site")
    cache, deferred = BuildCache(), Deferred()
    options = BuildOptions(out=tmp_path / "inc", in_place=True, trust_output=True, deferred=deferred)
    assert not build(site, options, cache=cache).failed()
    assert not deferred.outputs  # the first build writes everything
    first = (tmp_path / "inc/citations.json").read_bytes()
    apply(site, "cite", 0, "An")
    edited = build(site, options, cache=cache)
    assert "citations.json" not in edited.rendered  # nor the sitemap: a stub came
    assert sorted(deferred.outputs) == ["citations.json", "sitemap.xml"]
    assert (tmp_path / "inc/citations.json").read_bytes() == first  # the reload did not wait for it
    apply(site, "twin", 0, "Đảng")  # a second edit before the write
    assert not build(site, options, cache=cache).failed()
    assert sorted(deferred.outputs) == ["citations.json", "sitemap.xml"]
    assert write_deferred(tmp_path / "inc", cache, deferred) == ["citations.json", "sitemap.xml"]
    assert not deferred.outputs
    assert not build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False)).failed()
    assert tree_digest(tmp_path / "inc") == tree_digest(tmp_path / "full")
    assert (tmp_path / "inc/citations.json").read_bytes() != first
    again = build(site, options, cache=cache)  # nothing changed: nothing rendered, nothing left to write
    assert again.rendered == [] and not deferred.outputs
    assert write_deferred(tmp_path / "inc", cache, deferred) == []


def test_serve_writes_the_sitemap_of_a_page_come_or_gone_after_the_reload(tmp_path: Path):
    """A page that comes or goes changes the sitemap (every output path, every document's date): serve's
    build leaves it, as citations.json, to build.write_deferred after the reload, which lists the paths of the
    build that left it: the output then equals a full build's."""
    site = base_site(tmp_path / "site")
    cache, deferred = BuildCache(), Deferred()
    options = BuildOptions(out=tmp_path / "inc", in_place=True, trust_output=True, deferred=deferred)
    assert not build(site, options, cache=cache).failed()
    first = (tmp_path / "inc/sitemap.xml").read_bytes()
    apply(site, "copy", 1, "")  # a new page
    edited = build(site, options, cache=cache)
    assert "sitemap.xml" not in edited.rendered and "sitemap.xml" in deferred.outputs
    assert (tmp_path / "inc/sitemap.xml").read_bytes() == first
    assert "sitemap.xml" in write_deferred(tmp_path / "inc", cache, deferred) and not deferred.outputs
    assert not build(site, BuildOptions(out=tmp_path / "full", use_disk_cache=False)).failed()
    assert tree_digest(tmp_path / "inc") == tree_digest(tmp_path / "full")
    assert b"ban-sao" in (tmp_path / "inc/sitemap.xml").read_bytes()


def test_the_graph_resolves_again_only_the_groups_an_edit_reaches(tmp_path: Path):
    """The push model of the citation graph (cite/resolve.resolve, cite/graph.build_graph): a citation edit
    resolves again only the groups of the changed page's old and new keys (each group's resolution is the
    last build's object otherwise), stubs of other bases keep their objects, and the graph equals one made
    from nothing (`last` None, the full build's path) field by field, diagnostics in the same order."""
    from sitegen.cite.graph import build_graph
    from sitegen.pipeline import linking

    site = base_site(tmp_path / "site")
    apply(site, "cite", 0, "An")  # u.md: a stub, a number read as a stub's, one that names nothing
    calls: list[tuple[tuple[object, ...], object]] = []
    real = linking.build_graph

    def spy(*args: object) -> object:
        made = real(*args)  # type: ignore[arg-type]
        calls.append((args, made))
        return made

    linking.build_graph = spy  # type: ignore[assignment]
    try:
        derived = Derived()
        assembled = assembler(site, derived)
        assembled()
        before = derived.assembled
        assert before is not None and before.linked.graph.kept is not None
        was = before.linked.graph.kept.resolved
        apply(site, "body", 2, "An")  # d2, which cited nothing, cites 05-CT/TW (u.md cites it too: a stub)
        calls.clear()
        assembled()
        after = derived.assembled
        assert after is not None and after.linked.graph.kept is not None
        now = after.linked.graph.kept.resolved
        reached = {key for key in was.symbols.keys() | now.symbols.keys()
                   if was.symbols.get(key) is not now.symbols.get(key)}
        assert reached == {"5-ct/tw"} and len(was.symbols) > 1  # the other keys: the last build's objects
        assert now.numbers and all(now.numbers[key] is local for key, local in was.numbers.items())
        kept_stubs = {s.url: s for s in before.linked.graph.stubs}
        assert any(kept_stubs.get(s.url) is s for s in after.linked.graph.stubs)
        incremental = [made for args, made in calls if args[-1] is not None]
        assert incremental, "the kept assemble made its graph from the last one"
        for args, made in calls:
            if args[-1] is None:
                continue
            full = build_graph(*args[:-1])  # type: ignore[arg-type]
            assert isinstance(made, type(full))
            for name in ("targets", "stubs", "cites", "cited_by", "edges", "runs"):
                assert getattr(made, name) == getattr(full, name), name
            assert [d.format() for d in made.diagnostics] == [d.format() for d in full.diagnostics]
    finally:
        linking.build_graph = real  # type: ignore[assignment]


def test_a_citation_edit_makes_again_the_changes_of_only_the_pages_it_reaches(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    """Validity status from the graph's runs of edges (status.changes): an edit reads again only the runs the
    graph made again, and makes again the changes of only the pages those cite or cited; the others keep
    their objects, an edit that states no change keeps the last result whole, and each result equals one made
    from nothing (the full build's path), as the model equals a fresh assemble's (`assembler`)."""
    from sitegen.pipeline import status

    site = base_site(tmp_path / "site")
    apply(site, "cite", 0, "An")  # u.md cites 05-CT/TW, which no file holds: a stub
    apply(site, "repeal", 0, "Đảng")  # d0 abolishes 12-HD/HU (d1) and 05-CT/TW
    apply(site, "repeal", 1, "An")  # d1 amends 289/KH-UBND (d2) and 05-CT/TW
    read: list[str] = []
    real = status._stated

    def spy(run: Run) -> object:
        read.append(run[0][0].source if run else "")
        return real(run)

    monkeypatch.setattr(status, "_stated", spy)
    derived = Derived()
    assembled = assembler(site, derived)

    def kept() -> tuple[status.Changes[Any], Graph]:
        made = derived.kept("changes", "")
        assert made is not None and derived.assembled is not None
        graph = derived.assembled.linked.graph
        assert made[0][0] is graph and made[1].of is derived.assembled.linked.changed and graph.kept
        full_texts = {url for url in graph.kept.urls.values() if url.startswith("/van-ban/")}
        assert made[1] == status.changes(graph.kept.runs, graph.kept.into, full_texts)  # from nothing
        return made[1], graph

    def edit(*how: Any) -> list[str]:
        """Applies an edit and assembles; the runs the kept assemble read (after the fresh one's, all)."""
        apply(site, *how)
        read.clear()
        assembled()
        assert derived.assembled is not None and derived.assembled.linked.graph.kept is not None
        return read[len(derived.assembled.linked.graph.kept.runs):]

    site_model, _ = assembled()
    first, _ = kept()
    d1, d2, stub = ("/van-ban/huong-dan-12-hd-hu-2021/", "/van-ban/ke-hoach-289-kh-ubnd-2021/",
                    "/van-ban/chi-thi-05-ct-tw-2020/")
    assert {url: [(c.kind, c.by) for c in changes] for url, changes in first.of.items()} == {
        d1: [("bai-bo", "/van-ban/nghi-quyet-04-nq-tu-2021/")], d2: [("sua-doi", d1)],
        stub: [("bai-bo", "/van-ban/nghi-quyet-04-nq-tu-2021/"), ("sua-doi", d1)]}
    assert site_model.by_url[stub].changed_by == first.of[stub]
    # d0 amends them now: the one run the graph made again is read, d1's and the stub's changes made again
    assert edit("repeal", 0, "An") == ["content/van-ban/d0.md"]
    second, _ = kept()
    assert second.of[d1][0].kind == "sua-doi" and second.of[d2] is first.of[d2]
    assert second.of[stub] != first.of[stub]
    assert all(second.by_run[key] is made for key, made in first.by_run.items()
               if key[1] != "content/van-ban/d0.md")
    assert edit("body", 2, "An") == ["content/van-ban/d2.md"]  # cites 05-CT/TW now, no change stated
    assert kept()[0] is second  # the last result whole
    read_again = edit("delete", 0, "An")  # d0 gone: its runs' changes taken back
    fourth, _ = kept()
    assert "" in read_again and "content/van-ban/d0.md" not in read_again
    assert d1 not in fourth.of and fourth.of[d2] is first.of[d2] and [c.by for c in fourth.of[stub]] == [d1]


def test_stubs_are_placed_again_in_order_when_a_url_was_taken_across_bases():
    """A stub's URL is the first of its base's forms no page or earlier stub holds; when a stub passed over
    one that a stub of another base holds, placing one base again could differ from placing all in order:
    then every stub is placed again (stubs.place says so by None)."""
    from sitegen.cite.identity import Identity
    from sitegen.cite.stubs import StubInfo, place

    def made(key: str, base: str, url: str = "") -> tuple[Identity, tuple[tuple[()], StubInfo, str, str]]:
        ident = Identity(key, None, "")
        info = StubInfo(ident, None, key, None, (), None, None)
        return ident, ((), info, base, url)

    stubs = dict([made("a", "x"), made("b", "x"), made("c", "x"), made("bz", "x-2")])
    placed, crossed = place(stubs, frozenset(), None)  # type: ignore[arg-type, misc]
    by_key = {ident.key: url for ident, url in placed.items()}
    assert by_key == {"a": "/van-ban/x/", "b": "/van-ban/x-khong-ro-ngay/", "bz": "/van-ban/x-2/",
                      "c": "/van-ban/x-3/"} and crossed
    stubs = {i: (s[0], s[1], s[2], by_key[i.key]) for i, s in stubs.items() if i.key != "bz"}
    assert place(stubs, frozenset(), {"x-2"}) is not None  # nothing of base x-2 left to place
    assert place(stubs, frozenset(), {"x"}) == ({i: by_key[i.key] if i.key != "c" else "/van-ban/x-2/"
                                                  for i in stubs}, False)
    blocked = {**stubs, **dict([made("bz", "x-2", "/van-ban/x-2/")])}
    assert place({i: (s[0], s[1], s[2], "" if i.key == "c" else s[3]) for i, s in blocked.items()},
                  frozenset(), {"x"}) is None


def test_serve_checks_images_again_where_an_entry_or_the_published_files_changed(tmp_path: Path):
    """assets.check keeps what it found per entry (cache.checked): an edit checks its entry again, a static
    file added or removed checks every one."""
    site = base_site(tmp_path / "site")
    cache = BuildCache()
    options = BuildOptions(out=tmp_path / "out")

    def missing() -> list[tuple[str, int]]:
        found = build(site, options, cache=cache).diagnostics
        return [(d.file, d.line) for d in found if d.code == "image-missing"]

    assert missing() == []
    apply(site, "image", 1, "An")
    assert missing() == [("content/van-ban/d1.md", 10)]
    apply(site, "body", 0, "An")  # another entry edited: d1's finding is kept
    assert missing() == [("content/van-ban/d1.md", 10)]
    apply(site, "static", 1, "An")
    assert missing() == []
    apply(site, "image", 2, "An")
    assert missing() == []
    apply(site, "static", 1, "An")
    assert missing() == [("content/van-ban/d1.md", 10), ("content/van-ban/d2.md", 10)]
    apply(site, "image", 1, "Đảng")  # /anh-0.png: missing too
    assert missing() == [("content/van-ban/d1.md", 10), ("content/van-ban/d2.md", 10)]
    apply(site, "title", 1, "An")  # no image now
    assert missing() == [("content/van-ban/d2.md", 10)]


def test_a_document_that_comes_or_goes_reads_again_only_the_documents_that_moved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A file added or deleted is a full assemble, whose graph is made from the last one: the documents a
    number without its code may name (resolve._known) and the duplicate-document warnings are made again
    for the documents that came, went or changed alone, not for every document of the site, with the same
    model and diagnostics as a fresh assemble (`assembler`), a duplicate that comes and goes included."""
    from sitegen.cite import graph as graph_mod
    from sitegen.cite import resolve as resolve_mod

    site = base_site(tmp_path / "site")
    for i in range(3, 5):
        (site / f"content/van-ban/d{i}.md").write_text(document(i), encoding="utf-8")
    derived = Derived()
    assembled = assembler(site, derived)
    assembled()
    known: list[str] = []
    duplicated: list[int] = []
    real_known, real_duplicates = resolve_mod._known, graph_mod._duplicate_documents

    def known_spy(url: str, *args: Any) -> Any:
        known.append(url)
        return real_known(url, *args)

    def duplicates_spy(documents: dict[str, Any]) -> Any:
        duplicated.append(len(documents))
        return real_duplicates(documents)

    monkeypatch.setattr(resolve_mod, "_known", known_spy)
    monkeypatch.setattr(graph_mod, "_duplicate_documents", duplicates_spy)
    copy = site / "content/van-ban/copy.md"
    for step in ("copy", "delete", "copy", "number"):
        known.clear()
        duplicated.clear()
        if step == "copy":  # d1 again under another name: a duplicate document
            copy.write_text(document(1).replace("---\n", "---\nslug: ban-sao\n", 1), encoding="utf-8")
        elif step == "delete":
            copy.unlink()
        else:
            apply(site, "number", 0, "An")
        site_model, diagnostics = assembled()
        duplicate = [d for d in diagnostics if d.code == "duplicate-document"]
        assert len(duplicate) == (step != "delete"), step
        every = len(site_model.documents)  # 5 or 6, each with its symbol
        # the fresh assemble reads every document (first), the kept one those of the identities that moved
        assert duplicated[0] == every and duplicated[1:] == [2 if step == "copy" else 1], (step, duplicated)
        assert len(known) == 2 * every + 2, (step, known)  # twice per document, fresh; twice the moved one


def test_the_list_of_outputs_is_made_again_only_after_an_edit_that_can_change_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every output the site has (Renderer.specs: a pass over the whole model, ~10-17 ms at 10,000 documents)
    is the last render's after an edit that leaves the site's lists, taxonomies and editions with the same
    items (a body edit); made again after one that changes them; the output is a full build's each time."""
    from sitegen.pipeline.render.pages import Renderer

    made: list[str] = []
    real = Renderer.specs

    def spy(self: Renderer) -> Any:
        made.append("specs")
        return real(self)

    monkeypatch.setattr(Renderer, "specs", spy)
    site = base_site(tmp_path / "site")
    cache = BuildCache()
    options = BuildOptions(out=tmp_path / "inc", in_place=True, trust_output=True)
    assert not build(site, options, cache=cache).failed() and made == ["specs"]
    steps = (("prose", "Chi", False), ("tag", "Mới", True), ("prose", "Bình", False), ("body", "An", False),
             ("edition", "Số", True), ("unedition", "", True), ("date", "Hà", True), ("delete", "", True))
    for number, (op, word, again) in enumerate(steps):
        made.clear()
        apply(site, op, 0, word)
        assert not build(site, options, cache=cache).failed()
        assert made == (["specs"] if again else []), op
        full = tmp_path / f"full-{number}"
        assert not build(site, BuildOptions(out=full, use_disk_cache=False)).failed()
        assert tree_digest(tmp_path / "inc") == tree_digest(full), op
