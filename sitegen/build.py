"""Build: one readable sequence of named, timed stages.

config -> sources -> load -> assemble -> render -> write. Any error stops the build before write, so the
previous output stays as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sitegen import catalog, config as config_mod, load, model, render, sources, write
from sitegen.diagnostics import Diagnostic
from sitegen.vi import make_collator

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    sources: int = 0
    written: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


@contextmanager
def _stage(result: BuildResult, name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        result.timings[name] = time.perf_counter() - start


def static_files(site_dir: Path) -> dict[str, Path]:
    """Theme assets under assets/, then the site's static/ folder at the root (overriding on clashes)."""
    copies = {f"assets/{p.relative_to(render.THEME_STATIC).as_posix()}": p for p in render.THEME_STATIC.rglob("*") if p.is_file()}
    static = site_dir / "static"
    if static.is_dir():
        for p in sorted(static.rglob("*")):
            rel = p.relative_to(static)
            if p.is_file() and not any(part.startswith(".") for part in rel.parts):
                copies[rel.as_posix()] = p
    return dict(sorted(copies.items()))


def build(site_dir: Path, out: Path | None = None, *, check_only: bool = False, strict: bool = False,
          progress: Progress | None = None) -> BuildResult:
    result = BuildResult()
    with _stage(result, "config"):
        cfg, diags = config_mod.load_config(site_dir)
        result.diagnostics += diags
    if cfg is None:
        return result
    with _stage(result, "sources"):
        srcs = sources.read_sources(site_dir)
        result.sources = len(srcs)
    entries = []
    context = {"types": cfg.types}
    with _stage(result, "load"):
        for index, src in enumerate(srcs, 1):
            entry, diags = load.load_entry(src, context)
            result.diagnostics += diags
            if entry is not None:
                entries.append(entry)
            if progress:
                progress("load", index, len(srcs))
    collator = make_collator()
    with _stage(result, "assemble"):
        site, diags = model.assemble(entries, cfg, collator)
        result.diagnostics += diags
    if result.failed(strict) or check_only:
        # Still render on check, to catch template errors, but never write.
        if check_only and not result.failed(strict):
            _render(result, site, site_dir)
        return _sorted(result)
    _render(result, site, site_dir)
    if result.failed(strict):
        return _sorted(result)
    target = out if out is not None else site_dir / "output"
    with _stage(result, "write"):
        write.write_output(target, result.files, static_files(site_dir))
        result.written = True
    return _sorted(result)


def _render(result: BuildResult, site: model.Site, site_dir: Path) -> None:
    with _stage(result, "render"):
        env = render.make_environment(site_dir / "templates")
        try:
            result.files = render.render_site(site, env)
        except jinja2.TemplateSyntaxError as exc:
            name = exc.filename or exc.name or "?"
            result.diagnostics.append(_template_diag(site_dir, name, exc.lineno, exc.message or str(exc)))
        except jinja2.TemplateError as exc:
            name, line = _template_frame(exc)
            result.diagnostics.append(_template_diag(site_dir, name, line, str(exc)))


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


def _sorted(result: BuildResult) -> BuildResult:
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result
