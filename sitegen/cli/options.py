"""What the commands of the command line share: exit codes, options, how diagnostics are reported."""

from __future__ import annotations

from pathlib import Path

import click

from sitegen import build as build_mod
from sitegen import report
from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

site_option = click.option(
    "--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
    help="Thư mục bản tin (chứa site.yaml, content/, templates/).",
)

ERROR = catalog.MSG["report_error"] + ": "  # "lỗi: ", before a message on stderr


def report_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


audience_option = click.option(
    "--audience", type=click.Choice(build_mod.AUDIENCES), default="public", show_default=True,
    help="Bản công khai (public, vào output/) hoặc bản nội bộ (internal, vào output-noi-bo/).",
)


format_option = click.option(
    "--format", "fmt", type=click.Choice(report.FORMATS), default="human", show_default=True,
    help="Cách in thông báo: human (cho người đọc), github (chú thích GitHub Actions), json (một báo cáo "
         "JSON).",
)


def reporter_for(fmt: str, command: str, strict: bool, site_dir: Path,
                 quiet: bool = False) -> report.Reporter:
    return report.Reporter(fmt, command, strict, report.site_prefix(site_dir), quiet=quiet)


quiet_option = click.option("--quiet", "-q", is_flag=True,
                            help="Không in tiến độ và tóm tắt; chỉ in lỗi và cảnh báo.")
