"""`sitegen import FILE... [--out DIR] [--site DIR] [--force]`: read, convert, write, report.

Exit code: 0 every file imported and valid; 1 a file could not be read (not UTF-8, broken .docx) or was
written with fields still to fill; 2 usage: an unsupported file type, or a target that exists (no --force).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sitegen.base import catalog, folders
from sitegen.base.oserrors import describe
from sitegen.pipeline import config as config_mod

from . import SUFFIXES, convert
from .summary import report_lines

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
Echo = Callable[..., None]


def _shown(path: Path) -> str:
    """A path under the current folder relative to it; any other as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def run_import(files: list[Path], out: Path | None, site: Path, force: bool, echo: Echo) -> int:
    msg = catalog.MSG
    error = msg["report_error"] + ": "
    cfg, problems = config_mod.load_config(site)
    types = dict(cfg.types) if cfg is not None else None
    if cfg is None:
        echo(msg["import_no_config"].format(detail="; ".join(p.message for p in problems)), err=True)
    code, written, todo = EXIT_OK, 0, 0
    planned: set[Path] = set()
    for path in files:
        if path.suffix.lower() not in (*SUFFIXES, ".doc"):
            echo(error + msg["import_unsupported"].format(source=_shown(path)), err=True)
            code = max(code, EXIT_USAGE)
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            echo(error + msg["import_failed"].format(source=_shown(path), detail=describe(exc)), err=True)
            code = max(code, EXIT_USAGE)
            continue
        try:
            imp = convert(_shown(path), data, types)
        except Exception as exc:  # noqa: BLE001 -- a bug must not hide the other files' reports behind a traceback
            echo(error + msg["import_internal"].format(source=_shown(path),
                                                         detail=f"{type(exc).__name__}: {exc}"),
                 err=True)
            code = max(code, EXIT_CONTENT)
            continue
        if imp.error is not None or imp.text is None or imp.kind is None:
            for line in report_lines(imp, None):
                echo(error + line, err=True)
            code = max(code, EXIT_CONTENT)
            continue
        folder = out if out is not None else site / folders.CONTENT / imp.kind
        dest, k = folder / f"{imp.stem}.md", 2
        while dest.resolve() in planned:
            dest, k = folder / f"{imp.stem}-{k}.md", k + 1
        planned.add(dest.resolve())
        if dest.exists() and (not force or dest.resolve() == path.resolve()):
            echo(error + msg["import_exists"].format(path=_shown(dest)), err=True)
            code = max(code, EXIT_USAGE)
            continue
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(imp.text, encoding="utf-8")
        except OSError as exc:
            echo(error + msg["import_write_error"].format(path=_shown(dest), detail=describe(exc)),
                 err=True)
            code = max(code, EXIT_USAGE)
            continue
        written += 1
        for line in report_lines(imp, _shown(dest)):
            echo(line)
        if any(d.severity == "error" for d in imp.diagnostics):
            todo += 1
            code = max(code, EXIT_CONTENT)
    if todo:
        echo(msg["import_summary"].format(written=written, total=len(files), todo=todo))
    elif written:
        echo(msg["import_summary_ok"].format(written=written, total=len(files)))
    return code
