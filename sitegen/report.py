"""Where diagnostics go: a human report (default), GitHub annotations, or one JSON report.

The formatting functions are pure (strings in, strings out); `Reporter` is the thin part that prints.
Rules that matter to CI:
- GitHub reads workflow commands from the job log: `::error file=…,line=…,title=…::message`. Property values
  escape `%`, `\\r`, `\\n`, `:` and `,`; the message escapes `%`, `\\r`, `\\n` (as @actions/core does), so no
  text from a content file can end the command early or start another one.
- GitHub shows at most 10 error annotations per step, so with `--format github` every diagnostic also goes
  to the job summary ($GITHUB_STEP_SUMMARY) as a table.
- With `--format json` standard output carries only the JSON report; everything else goes to stderr.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

import click

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic

FORMATS = ("human", "github", "json")
JSON_VERSION = 1
SUMMARY_ROWS = 300  # a job summary holds 1 MiB; a few hundred rows say enough


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def site_prefix(site_dir: Path, cwd: Path | None = None) -> str:
    """The site folder as seen from the working directory ("" when they are the same), so that paths in
    annotations are relative to the repository root, where the CI job runs."""
    here = (cwd or Path.cwd()).resolve()
    site = site_dir.resolve()
    try:
        rel = site.relative_to(here).as_posix()
    except ValueError:
        return site.as_posix() + "/"
    return "" if rel == "." else rel + "/"


def shown_path(diagnostic: Diagnostic, prefix: str) -> str:
    if not diagnostic.file or diagnostic.file.startswith("/"):
        return diagnostic.file
    return prefix + diagnostic.file


def full_message(diagnostic: Diagnostic) -> str:
    return diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")


def github_line(diagnostic: Diagnostic, strict: bool = False, prefix: str = "") -> str:
    """One annotation. Under --strict a warning fails the job, so it is shown as an error and says why."""
    promoted = strict and diagnostic.severity == "warning"
    command = "error" if diagnostic.severity == "error" or promoted else "warning"
    props = []
    path = shown_path(diagnostic, prefix)
    if path:
        props.append(f"file={escape_property(path)}")
    if diagnostic.line:
        props.append(f"line={diagnostic.line}")
        if diagnostic.column:
            props.append(f"col={diagnostic.column}")
    props.append("title=" + escape_property(f"sitegen {diagnostic.code}"))
    message = full_message(diagnostic)
    if promoted:
        message = catalog.MSG["report_strict_warning"].format(message=message)
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def diagnostic_record(diagnostic: Diagnostic, prefix: str = "") -> dict[str, Any]:
    return {
        "severity": diagnostic.severity,
        "code": diagnostic.code,
        "file": shown_path(diagnostic, prefix),
        "line": diagnostic.line,
        "column": diagnostic.column,
        "field": diagnostic.field,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
    }


def _version() -> str:
    try:
        return metadata.version("sitegen")
    except metadata.PackageNotFoundError:
        return "0"


def json_report(command: str, diagnostics: list[Diagnostic], *, ok: bool, strict: bool, exit_code: int,
                prefix: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "tool": "sitegen",
        "version": _version(),
        "format_version": JSON_VERSION,
        "command": command,
        "ok": ok,
        "exit_code": exit_code,
        "strict": strict,
        "errors": sum(d.severity == "error" for d in diagnostics),
        "warnings": sum(d.severity == "warning" for d in diagnostics),
        **extra,
        "diagnostics": [diagnostic_record(d, prefix) for d in diagnostics],
    }


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def step_summary(command: str, diagnostics: list[Diagnostic], prefix: str = "") -> str:
    """A Markdown table of every diagnostic, for the GitHub job summary."""
    errors = sum(d.severity == "error" for d in diagnostics)
    head = catalog.MSG["report_summary_title"].format(command=command, errors=errors,
                                                      warnings=len(diagnostics) - errors)
    rows = [f"### {head}", "", catalog.MSG["report_summary_header"], "|---|---|---|---|"]
    for d in diagnostics[:SUMMARY_ROWS]:
        level = catalog.MSG["report_error" if d.severity == "error" else "report_warning"]
        path = shown_path(d, prefix)
        rows.append(f"| `{_cell(path)}` | {d.line or ''} | {level} | {_cell(full_message(d))} |")
    if len(diagnostics) > SUMMARY_ROWS:
        rows.append("")
        rows.append(catalog.MSG["report_summary_more"].format(count=len(diagnostics) - SUMMARY_ROWS))
    return "\n".join(rows) + "\n\n"


@dataclass
class Reporter:
    """Prints what a command found in the chosen format. One per command run."""

    fmt: str
    command: str
    strict: bool = False
    prefix: str = ""  # the site folder seen from the working directory: GitHub wants repository paths
    quiet: bool = False  # --quiet: sentences that say all went well are not printed
    seen: list[Diagnostic] = field(default_factory=list)

    @property
    def machine(self) -> bool:
        return self.fmt == "json"

    def diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self.seen += diagnostics
        if self.fmt == "human":
            for d in diagnostics:
                click.echo(d.format(), err=True)
        elif self.fmt == "github":
            for d in diagnostics:
                click.echo(github_line(d, self.strict, self.prefix))
            self._write_summary(diagnostics)

    def info(self, text: str, ok: bool = True) -> None:
        """A human sentence (summary, timings). JSON keeps standard output for the report alone."""
        if self.quiet and ok:
            return
        click.echo(text, err=self.machine or not ok)

    def finish(self, exit_code: int, **extra: Any) -> None:
        """Print the JSON report (json only) and leave with `exit_code` (0 returns normally)."""
        if self.machine:
            report = json_report(self.command, self.seen, ok=exit_code == 0, strict=self.strict,
                                 exit_code=exit_code, **extra)
            click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        if exit_code:
            sys.exit(exit_code)

    def environment_error(self, message: str, exit_code: int = 2, code: str = "environment") -> NoReturn:
        """A usage or environment problem (not a content error): always said on stderr, and where the
        chosen format looks for it (an annotation, the JSON report); then exit."""
        click.echo(catalog.MSG["report_error"] + ": " + message, err=True)
        if self.fmt == "github":
            click.echo(f"::error title={escape_property('sitegen ' + code)}::{escape_data(message)}")
        elif self.machine:
            self.seen.append(Diagnostic("error", code, "", 0, message))
        self.finish(exit_code)
        sys.exit(exit_code)

    def _write_summary(self, diagnostics: list[Diagnostic]) -> None:
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        if not target or not diagnostics:
            return
        try:
            with open(target, "a", encoding="utf-8") as f:
                f.write(step_summary(self.command, diagnostics, self.prefix))
        except OSError:
            pass  # the annotations are already printed; a summary is a convenience

