"""Command line: build, check, serve, new, import, schema, cite (verify, deploy, init, print: publish.py).
Exit codes: 0 ok, 1 content errors, 2 usage/environment."""

from __future__ import annotations

import datetime
import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import IO

import click

from sitegen import build as build_mod
from sitegen import report
from sitegen.base import catalog, folders
from sitegen.base.oserrors import describe
from sitegen.build import BuildOptions
from sitegen.cli import publish
from sitegen.cli.options import (
    ERROR,
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    audience_option,
    format_option,
    quiet_option,
    report_diagnostics,
    reporter_for,
    site_option,
)
from sitegen.commands import new as new_mod
from sitegen.pipeline import config as config_mod
from sitegen.pipeline import schema, write
from sitegen.progress import StageProgress


def _run_build(site_dir: Path, out: Path | None, strict: bool, check_only: bool,
               audience: str = "public", search: bool = False,
               reporter: report.Reporter | None = None, quiet: bool = False) -> build_mod.BuildResult:
    reporter = reporter or report.Reporter("human", "build")
    try:
        with StageProgress(mode="off" if quiet else None) as progress:
            return build_mod.build(site_dir,
                                   BuildOptions(out=out, check_only=check_only, strict=strict,
                                                progress=progress, audience=audience, search=search,
                                                waiting=lambda text: click.echo(text, err=True)))
    except write.OutputError as exc:
        reporter.environment_error(str(exc), EXIT_USAGE, exc.code)
    except OSError as exc:
        kept = "" if check_only else " " + catalog.MSG["output_kept"]
        reporter.environment_error(describe(exc) + kept, EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitegen")
def cli() -> None:
    """sitegen: dựng bản tin tĩnh từ văn bản và tin bài viết bằng Markdown.

    \b
    Mã thoát:
      0  thành công
      1  nội dung có lỗi (hoặc có cảnh báo khi dùng --strict)
      2  sai cách gọi lệnh hoặc lỗi môi trường (thư mục, quyền ghi, rsync…)
    """


@cli.command()
@site_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục xuất (mặc định: output/ cho bản công khai, output-noi-bo/ cho bản nội bộ).")
@audience_option
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--verbose", "-v", is_flag=True, help="In thời gian từng bước.")
@click.option("--no-search", is_flag=True, help="Không lập chỉ mục tìm kiếm (dựng nhanh hơn; ô tìm kiếm "
                                                "không có kết quả).")
@quiet_option
@format_option
def build(site_dir: Path, out: Path | None, audience: str, strict: bool, verbose: bool, no_search: bool,
          quiet: bool, fmt: str) -> None:
    """Dựng toàn bộ trang vào thư mục xuất."""
    reporter = reporter_for(fmt, "build", strict, site_dir, quiet)
    target = out if out is not None else build_mod.default_output(site_dir, audience)
    result = _run_build(site_dir, out, strict, check_only=False, audience=audience, search=not no_search,
                        reporter=reporter, quiet=quiet)
    reporter.diagnostics(result.diagnostics)
    for notice in result.notices:
        reporter.info(f"{catalog.MSG['report_warning']}: {notice}", ok=False)
    if verbose:
        for line in result.verbose:
            reporter.info(f"  {line}", ok=False)
        for stage, seconds in result.timings.items():
            reporter.info(f"  {stage:<9} {seconds * 1000:8.1f} ms", ok=False)
    summary = {"out": str(target), "audience": audience}
    if result.failed(strict):
        reporter.info(catalog.MSG["build_failed"].format(errors=len(result.errors) or len(result.warnings),
                                                         out=target), ok=False)
        reporter.finish(EXIT_CONTENT, **summary)
    if result.search is not None and not result.search.diagnostics:
        index, seconds = result.search, result.timings["search"]  # the stage's wall: its runs overlap
        reporter.info(catalog.MSG["search_kept"] if index.kept else
                      catalog.MSG["search_indexed"].format(pages=index.pages, seconds=seconds))
    pages = sum(1 for p in result.outputs if p.endswith(".html"))
    reporter.info(catalog.MSG["build_ok"].format(pages=pages, out=target,
                                                 seconds=sum(result.timings.values())))
    reporter.finish(EXIT_OK, **summary, pages=pages)


@cli.command()
@site_option
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@quiet_option
@format_option
def check(site_dir: Path, strict: bool, quiet: bool, fmt: str) -> None:
    """Kiểm tra nội dung và mẫu trang (mọi tệp, cả tệp nội bộ), không ghi gì."""
    reporter = reporter_for(fmt, "check", strict, site_dir, quiet)
    result = _run_build(site_dir, None, strict, check_only=True, audience="internal", reporter=reporter,
                        quiet=quiet)
    reporter.diagnostics(result.diagnostics)
    counts = {"files": result.sources, "errors": len(result.errors), "warnings": len(result.warnings)}
    if result.failed(strict):
        reporter.info(catalog.MSG["check_failed"].format(**counts), ok=False)
        reporter.finish(EXIT_CONTENT, files=result.sources)
    reporter.info(catalog.MSG["check_ok_warnings" if counts["warnings"] else "check_ok"].format(**counts))
    reporter.finish(EXIT_OK, files=result.sources)


@cli.command()
@site_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục dựng bản xem trước (mặc định: trong .sitegen-cache/; output/ không bị đụng tới).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Cổng.")
@click.option("--no-build", is_flag=True, help="Không dựng ngay khi bắt đầu; phục vụ thư mục xuất hiện có.")
@audience_option
def serve(site_dir: Path, out: Path | None, port: int, no_build: bool, audience: str) -> None:
    """Xem trước: dựng (cả bản nháp, có đánh dấu), phục vụ tại http://127.0.0.1:PORT/, tự dựng lại và tải lại
    trang khi lưu tệp."""
    from sitegen.commands.drafts import preview_output
    from sitegen.commands.serve import run

    target = out if out is not None else preview_output(site_dir, audience)
    try:
        write.check_output(target.absolute(), audience)
    except write.OutputError as exc:
        click.echo(ERROR + str(exc), err=True)
        sys.exit(EXIT_USAGE)
    try:
        run(site_dir, target, port, lambda text: click.echo(text, err=True), build_first=not no_build,
            audience=audience)
    except OSError as exc:  # port in use, folder not readable
        click.echo(ERROR + describe(exc, None if exc.filename else f"127.0.0.1:{port}"), err=True)
        sys.exit(EXIT_USAGE)


@cli.command()
@site_option
@click.argument("kind", type=click.Choice(list(folders.SECTIONS)))
@click.argument("title", nargs=-1)
@click.option("--type", "type_key", default=None, metavar="LOẠI",
              help="Loại văn bản (khóa trong 'types' của site.yaml, ví dụ ke-hoach). Mặc định: đọc từ đầu "
                   "tiêu đề (\"Báo cáo …\" là bao-cao).")
@click.option("--number", default="", metavar="SỐ",
              help='Số ký hiệu của văn bản ("45-KH/HU"), hoặc số thứ tự của số bản tin (3).')
def new(site_dir: Path, kind: str, title: tuple[str, ...], type_key: str | None, number: str) -> None:
    """Tạo tệp nội dung mới (văn bản, tin bài hoặc số bản tin) ở dạng bản nháp (draft: true), với các
    trường cần điền."""
    try:
        path, text = new_mod.plan(site_dir, kind, " ".join(title), type_key, number, datetime.date.today())
    except new_mod.NewRefused as exc:
        click.echo(ERROR + str(exc), err=True)
        sys.exit(EXIT_USAGE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(catalog.MSG["new_written"].format(path=path))


@cli.command("import")
@site_option
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục ghi tệp Markdown (mặc định: content/van-ban/ hoặc content/tin-bai/ của bản tin).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def import_cmd(site_dir: Path, files: tuple[Path, ...], out: Path | None, force: bool) -> None:
    """Nhập văn bản, tin bài từ tệp Word (.docx) hoặc văn bản thuần (.txt, .md) thành tệp Markdown có
    front-matter; in những gì tìm thấy, không tìm thấy và cần kiểm tra."""
    from sitegen.commands.importer.run import run_import

    sys.exit(run_import(list(files), out, site_dir, force, click.echo))


@cli.command("schema")
@site_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi ra tệp thay vì màn hình.")
def schema_cmd(site_dir: Path, out: Path | None) -> None:
    """Xuất lược đồ front-matter dạng JSON Schema (cho gợi ý trong trình soạn thảo)."""
    cfg, diagnostics = config_mod.load_config(site_dir)
    if cfg is None:
        report_diagnostics(diagnostics)
        sys.exit(EXIT_CONTENT)
    text = json.dumps(schema.json_schema(dict(cfg.types)), ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@cli.command()
@click.argument("source", type=click.File("r", encoding="utf-8"))
def cite(source: IO[str]) -> None:
    """In các trích dẫn văn bản trong một văn bản thuần (FILE, hoặc - để đọc từ stdin), mỗi dòng một JSON."""
    from sitegen.commands.cite import citation_records

    for record in citation_records(source.read()):
        click.echo(json.dumps(record, ensure_ascii=False))


for command in (publish.verify, publish.deploy_cmd, publish.init_cmd, publish.print_cmd):
    cli.add_command(command)


ONE_SHOT = frozenset({"build", "check"})  # commands whose process ends with the build: see main()


def main() -> None:
    # asyncio logs its own housekeeping in English on stderr ("Unknown child process pid …" when Pagefind's
    # service ends early); what it means for the editor comes back as a diagnostic.
    logging.getLogger("asyncio").addHandler(logging.NullHandler())
    logging.getLogger("asyncio").propagate = False
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command not in ONE_SHOT:
        cli(prog_name="sitegen")
        return
    # `sitegen build` (CI's command on every push) ends its process with its build: the build's objects (the
    # cache's model and rows, ~1.5 GB at 10,000 documents) are left to the operating system. Collected and
    # freed one by one, at the build's end (the collector, paused for the build, ran a full pass once it was
    # enabled again) and at the interpreter's exit, they cost ~0.8 s of CPU after a one-edit build
    # (bench/README.md). Everything it prints is flushed first; nothing of it runs at exit (its render
    # workers, Pagefind and progress bars are done when the build returns).
    gc.disable()
    try:
        cli(prog_name="sitegen")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # sys.exit("message"), as Python prints it
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that went away (`| head`): Python's own exit code for it
        code = code or 120
    os._exit(code or 0)
