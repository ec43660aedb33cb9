"""Command line: build, check, serve, new, schema. Exit codes: 0 ok, 1 content errors, 2 usage/environment."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import click

from sitegen import build as build_mod, catalog, config as config_mod, scaffold, schema, write
from sitegen.diagnostics import Diagnostic
from sitegen.vi import slugify

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

site_option = click.option(
    "--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
    help="Thư mục bản tin (chứa site.yaml, content/, templates/).",
)


def _report(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


class _Progress:
    """A progress bar on a terminal; nothing on CI logs (which get the stage timings instead)."""

    def __init__(self) -> None:
        self.bar = None
        self.enabled = sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < 200:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Đọc nội dung", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)
        if done == total:
            self.bar.__exit__(None, None, None)
            self.bar = None


audience_option = click.option(
    "--audience", type=click.Choice(build_mod.AUDIENCES), default="public", show_default=True,
    help="Bản công khai (public, vào output/) hoặc bản nội bộ (internal, vào output-noi-bo/).",
)


def _run_build(site_dir: Path, out: Path | None, strict: bool, check_only: bool,
               audience: str = "public") -> build_mod.BuildResult:
    try:
        return build_mod.build(site_dir, out, check_only=check_only, strict=strict, progress=_Progress(),
                               audience=audience)
    except write.OutputError as exc:
        click.echo("lỗi: " + catalog.MSG["output_not_ours"].format(path=exc), err=True)
        sys.exit(EXIT_USAGE)
    except OSError as exc:
        click.echo(f"lỗi: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitegen")
def cli() -> None:
    """sitegen: dựng bản tin tĩnh từ văn bản và tin bài viết bằng Markdown."""


@cli.command()
@site_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục xuất (mặc định: output/ cho bản công khai, output-noi-bo/ cho bản nội bộ).")
@audience_option
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--verbose", "-v", is_flag=True, help="In thời gian từng bước.")
def build(site_dir: Path, out: Path | None, audience: str, strict: bool, verbose: bool) -> None:
    """Dựng toàn bộ trang vào thư mục xuất."""
    target = out if out is not None else build_mod.default_output(site_dir, audience)
    result = _run_build(site_dir, out, strict, check_only=False, audience=audience)
    _report(result.diagnostics)
    if verbose or result.failed(strict):
        for stage, seconds in result.timings.items():
            click.echo(f"  {stage:<9} {seconds * 1000:8.1f} ms", err=True)
    if result.failed(strict):
        click.echo(catalog.MSG["build_failed"].format(errors=len(result.errors) or len(result.warnings), out=target), err=True)
        sys.exit(EXIT_CONTENT)
    pages = sum(1 for p in result.outputs if p.endswith(".html"))
    click.echo(catalog.MSG["build_ok"].format(pages=pages, out=target, seconds=sum(result.timings.values())))


@cli.command()
@site_option
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
def check(site_dir: Path, strict: bool) -> None:
    """Kiểm tra nội dung và mẫu trang (mọi tệp, cả tệp nội bộ), không ghi gì."""
    result = _run_build(site_dir, None, strict, check_only=True, audience="internal")
    _report(result.diagnostics)
    counts = {"files": result.sources, "errors": len(result.errors), "warnings": len(result.warnings)}
    if result.failed(strict):
        click.echo(catalog.MSG["check_failed"].format(**counts), err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(catalog.MSG["check_ok"].format(**counts))


@cli.command()
@site_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Thư mục xuất.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Cổng.")
@click.option("--no-build", is_flag=True, help="Không dựng lại, chỉ phục vụ thư mục xuất hiện có.")
@audience_option
def serve(site_dir: Path, out: Path | None, port: int, no_build: bool, audience: str) -> None:
    """Dựng, phục vụ tại http://127.0.0.1:PORT/, tự dựng lại và tải lại trang khi lưu tệp."""
    from sitegen.serve import run

    target = out if out is not None else build_mod.default_output(site_dir, audience)
    try:
        write.check_output(target.absolute())
    except write.OutputError:
        click.echo("lỗi: " + catalog.MSG["output_not_ours"].format(path=target), err=True)
        sys.exit(EXIT_USAGE)
    try:
        run(site_dir, target, port, lambda text: click.echo(text, err=True), build_first=not no_build,
            audience=audience)
    except OSError as exc:  # port in use, folder not readable
        click.echo(f"lỗi: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@cli.command()
@site_option
@click.argument("kind", type=click.Choice(["van-ban", "tin-bai"]))
@click.argument("title", nargs=-1, required=True)
def new(site_dir: Path, kind: str, title: tuple[str, ...]) -> None:
    """Tạo tệp nội dung mới (văn bản hoặc tin bài) với các trường cần điền."""
    text_title = " ".join(title)
    today = datetime.date.today()
    slug = slugify(text_title)[:80].rstrip("-") or "moi"
    path = site_dir / "content" / kind / f"{slug}.md"
    if path.exists():
        click.echo("lỗi: " + catalog.MSG["new_exists"].format(path=path), err=True)
        sys.exit(EXIT_USAGE)
    text = scaffold.new_document(text_title, today) if kind == "van-ban" else scaffold.new_article(text_title, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(catalog.MSG["new_written"].format(path=path))


@cli.command("schema")
@site_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Ghi ra tệp thay vì màn hình.")
def schema_cmd(site_dir: Path, out: Path | None) -> None:
    """Xuất lược đồ front-matter dạng JSON Schema (cho gợi ý trong trình soạn thảo)."""
    cfg, diagnostics = config_mod.load_config(site_dir)
    if cfg is None:
        _report(diagnostics)
        sys.exit(EXIT_CONTENT)
    text = json.dumps(schema.json_schema(dict(cfg.types)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@cli.command()
@click.argument("source", type=click.File("r", encoding="utf-8"))
def cite(source: click.utils.LazyFile) -> None:
    """In các trích dẫn văn bản trong một văn bản thuần (FILE, hoặc - để đọc từ stdin), mỗi dòng một JSON."""
    from sitegen.cite.report import citation_records

    for record in citation_records(source.read()):
        click.echo(json.dumps(record, ensure_ascii=False))


def main() -> None:
    cli(prog_name="sitegen")
