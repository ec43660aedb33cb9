"""The render stage of a build: what changed is rendered again, into files beside the output."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import jinja2

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.build import spill
from sitegen.build.stages import (
    DEFERRED,
    BuildResult,
    Deferred,
    Progress,
    Reusable,
    counted,
    pages_for,
    timed,
)
from sitegen.pipeline.cache import BuildCache
from sitegen.pipeline.records import Site
from sitegen.pipeline.render import graph_json
from sitegen.pipeline.render.digests import template_digests
from sitegen.pipeline.render.env import environment
from sitegen.pipeline.render.outputs import Outputs, changes, shared_facts
from sitegen.pipeline.render.outputs import Record as OutputRecord
from sitegen.pipeline.render.pages import TEMPLATES, Renderer, Spec
from sitegen.pipeline.render.pool import PARALLEL_MIN, Made, Task, forks, make_many
from sitegen.pipeline.render.view import card


def render_stage(result: BuildResult, site: Site, site_dir: Path, cache: BuildCache, target: Path | None,
            templates_key: str, audience: str, reusable: Reusable,
            progress: Progress | None = None, compiled: Path | None = None,
            deferred: Deferred | None = None) -> set[str]:
    """Render what changed into files beside `target` (result.files; none without a target: the bytes are
    checked and dropped); return the paths whose current output file can be kept. With
    the last build's site model and record of outputs (render/outputs.py; serve keeps them in memory, the disk
    cache for `sitegen build`), only the outputs that read a fact that changed get a context and a digest;
    without them (no cache), every output does. `deferred` (serve's): the outputs of stages.DEFERRED that
    would be made again, and those the last builds left out of date, are left for build.write_deferred
    (their record and file stay the last written ones until then)."""
    reuse: set[str] = set()
    with timed(result, "render", progress):
        env = environment(site_dir / folders.TEMPLATES, site.config, templates_key, compiled)
        try:
            renderer = Renderer(site, env, audience)
            known = cache.outputs if cache.site is not None and target is not None else None
            outputs = known or Outputs()
            facts = changes(cache.site, site, card) if known is not None and cache.site is not None else None
            specs, paths = _specs(renderer, known, facts)
            # every job's template is one of TEMPLATES (Renderer.page): no pass over the records for theirs
            digests = template_digests(env, set(TEMPLATES), cache.templates)
            if facts is None:
                stale = set(paths)
            else:
                if specs.keys() != outputs.records.keys():
                    facts.add(("pageset",))  # pages appeared or went: the sitemap lists them
                stale = outputs.stale(paths, facts, renderer.shared, digests)
            last = cache.site
            cache.site = cache.outputs = None  # until this render is complete
            outputs.forget(outputs.records.keys() - specs.keys())
            todo: list[str] = []
            pending = deferred.outputs if deferred is not None else {}
            later: dict[str, Spec] = {}
            records = outputs.records
            # asked once, not for each of the 13,268 outputs at 10,000 documents on serve's every edit
            deferring = deferred is not None and known is not None
            for path in paths:
                if (deferring and path in DEFERRED and (path in pending or path in stale) and path in records
                        and target is not None and reusable(target, path, records[path].sha)):
                    later[path] = specs[path]  # its record and file stay the last written ones
                    reuse.add(path)
                    continue
                if path not in stale and target is not None and reusable(target, path, records[path].sha):
                    reuse.add(path)
                    continue
                todo.append(path)
            result.contexts += todo
            if known is not None and last is not None and target is not None and graph_json.FILE in todo:
                _seed_graph(target, last, known, reusable)

            def unchanged(path: str, key: str) -> bool:
                """Same digest as the last build's page, whose file the output holds: not rendered."""
                last = cache.pages.get(path)  # (key, sha) of the last build, from the disk cache too
                return last is not None and last[0] == key and target is not None and reusable(
                    target, path, last[1])

            workers = os.cpu_count() or 1
            if len(todo) >= PARALLEL_MIN and (known is None or forks(workers, len(todo))):
                # The texts out of this process's heap, before workers fork, and after a first build (serve
                # keeps its model). Not when an edit renders here (serve's watcher thread: no fork): its few
                # new texts stay; the pass over every kept text cost ~0.5 s of CPU a mid-list edit at 10,000
                # documents.
                spill.before_fork(result, site_dir, cache, site)
            # Jobs (contexts and digests) are made from their specs where they are rendered, in the workers:
            # made here first, every page's context was held at once and inherited by each worker.
            task = Task(renderer, [specs[path] for path in todo], paths, digests, unchanged)
            made = make_many(task, workers=workers, progress=counted(progress, "render"))
            for path, out in zip(todo, made, strict=True):
                page = out.page
                if page is None:  # the output file holds this digest's bytes
                    outputs.keep(path, output_record(out, cache.pages[path][1]))
                    reuse.add(path)
                    continue
                outputs.keep(path, output_record(out))
                cache.views[path] = page.view
                result.rendered.append(path)
                if target is not None and reusable(target, path, page.sha):
                    reuse.add(path)  # same bytes as on disk: keep the file
                elif target is not None:  # written now, not held: the bytes of every page weighed
                    if result.pages is None:
                        result.pages = pages_for(cache, target, audience)
                    result.pages.put(path, page.data)  # 0.9 GB at 10,000 documents
            result.files = result.pages.files if result.pages is not None else {}
            outputs.shared, outputs.templates, outputs.specs = renderer.shared, digests, (specs, paths)
            _follow(cache, paths, todo, outputs)
            cache.site, cache.outputs = site, outputs
            result.outputs = paths
            if deferred is not None:
                deferred.renderer, deferred.outputs = (renderer if later else None), later
                deferred.paths = paths if later else []
        except jinja2.TemplateSyntaxError as exc:
            name = exc.filename or exc.name or "?"
            result.diagnostics.append(_template_diag(site_dir, name, exc.lineno, exc.message or str(exc)))
        except jinja2.TemplateError as exc:
            name, line = _template_frame(exc)
            result.diagnostics.append(_template_diag(site_dir, name, line, str(exc)))
    return reuse


# Facts after which the site has other outputs (Renderer.specs): its lists' items (their URLs, so their count
# and pages), a taxonomy's terms or their items, the editions.
_SHAPE = frozenset({"order", "taxonomy", "editions"})


def _specs(renderer: Renderer, known: Outputs | None,
           facts: set[tuple[str, ...]] | None) -> tuple[dict[str, Spec], list[str]]:
    """Every output the site has (Renderer.specs) and their paths, sorted: the last render's when the facts
    that changed since (render/outputs.changes) leave the site's outputs as they were (a body edit, a title
    that moves no item), else made again (~10-17 ms at 13,268 outputs, every edit). The disk cache does not
    keep them (Outputs.specs): the first render of a process makes them."""
    if known is not None and known.specs is not None and facts is not None and not any(
            fact[0] in _SHAPE for fact in facts):
        return known.specs
    specs = renderer.specs()
    return specs, sorted(specs)


def _seed_graph(target: Path, last: Site, outputs: Outputs, reusable: Reusable) -> None:
    """citations.json's chunks (render/graph_json.py) taken from its file when the output holds the one the
    last build wrote from `last` (a new process keeps none: a title or citation edit encoded every line
    again, ~0.5 s of CPU at 10,000 documents). A file that cannot be read is encoded anew, as before."""
    record = outputs.records.get(graph_json.FILE)
    if record is None or not reusable(target, graph_json.FILE, record.sha):
        return
    try:
        data = (target / graph_json.FILE).read_bytes()
    except OSError:  # nothing taken: the file is made anew and written as any output
        return
    graph_json.seed(last, data)


def _follow(cache: BuildCache, paths: list[str], made: list[str], outputs: Outputs) -> None:
    """cache.pages and cache.views after a render of `made`, by output path in `paths`' order. The same
    outputs in the same order (an edit that adds and removes none): only those made can have another record
    (the others' are the last build's, which cache.pages holds), and their views were set as they were
    rendered; so the maps are updated in place, not made again for every output (~15 ms at 10,000
    documents, every edit)."""
    records = outputs.records
    if list(cache.pages) == paths:
        for path in made:
            cache.pages[path] = (records[path].key, records[path].sha)
    else:
        cache.pages = {path: (records[path].key, records[path].sha) for path in paths}
    if list(cache.views) != paths:
        cache.views = {path: cache.views.get(path) for path in paths}


def output_record(made: Made, sha: str | None = None) -> OutputRecord:
    """An output's record from what making it gave: the facts its context read, its template, its job's
    digest, and the sha of its bytes (`sha`: its file's, when the digest was the last one's and nothing was
    rendered). Its facts are the objects other records hold for the same facts (`shared_facts`)."""
    sha = made.page.sha if made.page is not None else sha
    assert sha is not None
    return OutputRecord(shared_facts(made.reads), made.template, made.key, sha)


def made_here(renderer: Renderer, specs: dict[str, Spec], templates: dict[str, str], paths: list[str],
              ) -> Iterator[tuple[str, Made]]:
    """Each output of `specs` made and rendered in this process, as the render stage makes them
    (render/pool.py), one at a time: (path, what was made; its page never None). `paths`: every output
    path of the renderer's site (the sitemap lists them)."""
    task = Task(renderer, list(specs.values()), paths, templates, _rendered_anew)
    return zip(specs, make_many(task, workers=1), strict=True)


def _rendered_anew(path: str, key: str) -> bool:
    return False


def _template_frame(exc: BaseException) -> tuple[str, int]:
    """Innermost template file and line in a runtime error's traceback (Jinja rewrites frames to them)."""
    found = ("?", 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_diag(site_dir: Path, name: str, line: int, detail: str) -> Diagnostic:
    path = Path(name)
    try:
        shown = path.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        shown = name
    message = catalog.MSG["template_error"].format(template=shown, detail=detail)
    return Diagnostic("error", "template", shown, line or 0, message)
