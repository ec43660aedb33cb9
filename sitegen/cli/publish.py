"""The commands around publishing a built site: verify, deploy, init, print."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from sitegen import build as build_mod
from sitegen.base import catalog, folders
from sitegen.base.oserrors import describe
from sitegen.cli import options
from sitegen.pipeline import config as config_mod
from sitegen.pipeline import write


def _edition(audience: str) -> str:
    return catalog.MSG["audience_internal" if audience == "internal" else "audience_public"]


@click.command()
@options.site_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục bản dựng (mặc định: output/, hoặc output-noi-bo/ với --audience internal).")
@options.audience_option
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@options.format_option
def verify(site_dir: Path, out: Path | None, audience: str, strict: bool, fmt: str) -> None:
    """Kiểm tra bản dựng trước khi xuất bản: liên kết (cả liên kết trích dẫn), trang trống, XML của nguồn tin
    và sitemap, hai tệp trùng một đường dẫn, đúng bản công khai/nội bộ."""
    from sitegen.commands import verify as verify_mod

    reporter = options.reporter_for(fmt, "verify", strict, site_dir)
    target = out if out is not None else build_mod.default_output(site_dir, audience)
    if not target.is_dir():
        reporter.environment_error(catalog.MSG["deploy_no_output"].format(out=target), options.EXIT_USAGE,
                                   "no-output")
    found = write.output_audience(target)
    if found is None:
        reporter.environment_error(catalog.MSG["deploy_not_ours"].format(out=target), options.EXIT_USAGE,
                                   "output-not-ours")
    if found != audience:
        message = catalog.MSG["verify_wrong_edition"].format(
            out=target, found=_edition(found), expected=_edition(audience))
        reporter.environment_error(message, options.EXIT_USAGE, "wrong-edition")
    cfg, diagnostics = config_mod.load_config(site_dir)
    if cfg is None:
        reporter.diagnostics(diagnostics)
        reporter.finish(options.EXIT_CONTENT)
        return
    try:
        notices: list[str] = []
        diagnostics = verify_mod.verify(target, site_dir, cfg, audience, notices=notices)
        pages = verify_mod.count_pages(verify_mod.output_files(target))
    except OSError as exc:
        reporter.environment_error(describe(exc), options.EXIT_USAGE)
    reporter.diagnostics(diagnostics)
    for notice in notices:
        reporter.info(f"{catalog.MSG['report_warning']}: {notice}", ok=False)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    summary = {"out": str(target), "audience": audience, "pages": pages}
    if errors or (strict and warnings):
        reporter.info(catalog.MSG["verify_failed"].format(out=target, errors=errors, warnings=warnings),
                      ok=False)
        reporter.finish(options.EXIT_CONTENT, **summary)
    reporter.info(catalog.MSG["verify_ok"].format(out=target, audience=_edition(audience), pages=pages))
    reporter.finish(options.EXIT_OK, **summary)


@click.command("deploy")
@options.site_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Bản dựng cần đưa lên (mặc định: output/, hoặc output-noi-bo/ với --internal-target).")
@click.option("--to", "target", required=True, metavar="NƠI-NHẬN",
              help="Thư mục trên máy này, hoặc máy chủ qua rsync/SSH (user@may-chu:/var/www/bantin).")
@click.option("--internal-target", is_flag=True,
              help="Nơi nhận có kiểm soát truy cập (mạng nội bộ): chỉ khi có cờ này mới được đưa bản nội bộ "
                   "lên.")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra và cho biết sẽ làm gì; không ghi.")
@options.format_option
def deploy_cmd(site_dir: Path, out: Path | None, target: str, internal_target: bool, dry_run: bool,
               fmt: str) -> None:
    """Đưa bản dựng lên nơi xuất bản (thư mục, hoặc máy chủ qua rsync/SSH). Nơi nhận được coi là công khai
    trừ khi có --internal-target: bản nội bộ bị từ chối."""
    from sitegen.commands import deploy as deploy_mod

    reporter = options.reporter_for(fmt, "deploy", False, site_dir)
    folder = out if out is not None else build_mod.default_output(site_dir,
                                                                  "internal" if internal_target else "public")
    try:
        done = deploy_mod.deploy(folder, target, internal_target=internal_target, dry_run=dry_run)
    except deploy_mod.DeployError as exc:
        reporter.environment_error(str(exc), options.EXIT_USAGE, "deploy-refused")
    except OSError as exc:
        reporter.environment_error(describe(exc), options.EXIT_USAGE)
    key = "deploy_dry_run" if dry_run else "deploy_ok"
    reporter.info(catalog.MSG[key].format(audience=_edition(done.audience), files=done.files, out=folder,
                                          target=target))
    reporter.finish(options.EXIT_OK, out=str(folder), target=target, audience=done.audience, files=done.files)


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", default=None, metavar="TÊN",
              help='Cơ quan chủ quản, ví dụ "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình", "Đảng ủy xã Kim '
                   'Bình" (tên bản tin: "Bản tin " + TÊN).')
@click.option("--province", default=None, metavar="TỈNH",
              help='Tỉnh, thành phố của bản tin: "Tỉnh ủy", "UBND tỉnh" không ghi tên tỉnh được hiểu là '
                   'tỉnh này.')
@click.option("--level", type=click.Choice(["tinh", "xa", "huyen"]), default=None,
              help="Cấp của cơ quan: tinh (tỉnh, thành phố), xa (xã, phường, đặc khu), huyen (bản tin đăng "
                   "văn bản trước 1/7/2025). Mặc định: đọc từ TÊN, không có thì tinh.")
@click.option("--ci", type=click.Choice(["github", "gitlab", "none"]), default="github", show_default=True,
              help="Tệp CI kèm theo: GitHub Actions, GitLab CI, hoặc không có.")
@click.option("--base-url", default="https://bantin.example.vn/", show_default=True,
              help="Địa chỉ công khai của bản tin (sửa được sau trong site.yaml).")
def init_cmd(folder: Path, name: str | None, province: str | None, level: str | None, ci: str,
             base_url: str) -> None:
    """Tạo kho nội dung bản tin mới: site.yaml, nội dung mẫu, .gitignore và tệp CI."""
    from sitegen.commands import init as init_mod
    from sitegen.commands import provenance

    if folder.exists() and not folder.is_dir():
        click.echo(options.ERROR + catalog.MSG["init_not_folder"].format(folder=folder), err=True)
        sys.exit(options.EXIT_USAGE)
    source = provenance.provenance()
    level = init_mod.resolve_level(name, level)
    files = init_mod.scaffold(name, province, ci, base_url, datetime.date.today(), level, source.requirement)
    cfg, problems = config_mod.parse_config(files[folders.SITE_CONFIG])
    if cfg is None:  # e.g. a --base-url that site.yaml would reject
        for problem in problems:
            click.echo(options.ERROR + problem.message, err=True)
        sys.exit(options.EXIT_USAGE)
    clash = init_mod.existing(folder, files)
    if clash:
        click.echo(options.ERROR + catalog.MSG["init_exists"].format(folder=folder, files=", ".join(clash)),
                   err=True)
        sys.exit(options.EXIT_USAGE)
    try:
        written = init_mod.write_site(folder, files)
    except OSError as exc:
        click.echo(options.ERROR + describe(exc), err=True)
        sys.exit(options.EXIT_USAGE)
    click.echo(catalog.MSG["init_ok"].format(title=cfg.title, folder=folder))
    for rel in written:
        click.echo(f"  {rel}")
    for line in init_mod.notes(files, source, cfg.province, level):
        click.echo(line)
    click.echo(catalog.MSG["init_next"].format(folder=folder))


@click.command("print")
@options.site_option
@click.argument("edition")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp PDF ghi ra (mặc định: ban-in/ban-tin-<tên số>.pdf trong thư mục bản tin).")
@click.option("--size", type=click.Choice(["A4", "A5"], case_sensitive=False), default=None,
              help="Khổ giấy (mặc định: print_size trong site.yaml, hoặc A4).")
def print_cmd(site_dir: Path, edition: str, out: Path | None, size: str | None) -> None:
    """In một số bản tin ra PDF: bìa, mục lục có số trang, toàn văn văn bản và tin bài.

    EDITION là tên tệp trong content/ban-tin/ (không có .md, ví dụ 2020-so-03) hoặc đường dẫn tệp đó.
    """
    from sitegen.commands import print as print_mod

    try:
        result = print_mod.print_edition(site_dir, edition, out, size)
    except print_mod.UnknownEdition as exc:
        message = catalog.MSG["print_unknown"].format(edition=exc.wanted,
                                                      known=", ".join(exc.known)) if exc.known \
            else catalog.MSG["print_none"]
        click.echo(options.ERROR + message, err=True)
        sys.exit(options.EXIT_USAGE)
    except print_mod.PrintUnavailable as exc:
        click.echo(options.ERROR + catalog.MSG["print_unavailable"].format(detail=exc), err=True)
        sys.exit(options.EXIT_USAGE)
    except OSError as exc:
        detail = describe(exc)
        message = catalog.MSG["print_write"].format(out=out or edition, detail=detail)
        click.echo(options.ERROR + message, err=True)
        sys.exit(options.EXIT_USAGE)
    options.report_diagnostics(result.diagnostics)
    if result.errors or result.out is None:
        click.echo(catalog.MSG["print_failed"].format(errors=len(result.errors)), err=True)
        sys.exit(options.EXIT_CONTENT)
    click.echo(catalog.MSG["print_ok"].format(name=result.name, pages=result.pages, size=result.size,
                                              out=result.out))
