"""Deploy: put a built output folder on its target, and refuse what must not be published.

A target is a folder on this machine (copied with the writer's atomic swap, so a web server never sees half a
site, and a folder sitegen did not create is never replaced) or an rsync destination (`user@host:/path`,
`rsync://…`), sent with `rsync -a --delete` over SSH. GitHub and GitLab Pages are published by their own
actions: the workflows deploy into the folder those actions upload (`_site/`, `public/`).

Every target is public unless the caller says it is behind access control (`internal_target`): the internal
edition, recognised by the `audience: internal` line of its `.sitegen-output` marker, is refused anywhere
else.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.base import catalog, children
from sitegen.pipeline import write

_REMOTE = re.compile(r"^(rsync://|[^/\\:]+:)")  # host:path or user@host:path, not C:\ or ./a:b
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


class DeployError(Exception):
    """The deploy was refused or failed; the message is for the editor (Vietnamese)."""


@dataclass(frozen=True)
class Deployed:
    target: str
    audience: str
    files: int
    remote: bool


def is_remote(target: str) -> bool:
    return bool(_REMOTE.match(target)) and not _WINDOWS_DRIVE.match(target)


def check_deployable(out: Path, internal_target: bool) -> str:
    """The edition `out` holds; raise DeployError if it is not a sitegen output or may not go to the
    target."""
    if not out.is_dir():
        raise DeployError(catalog.MSG["deploy_no_output"].format(out=out))
    audience = write.output_audience(out)
    if audience is None:
        raise DeployError(catalog.MSG["deploy_not_ours"].format(out=out))
    if audience != "public" and not internal_target:
        raise DeployError(catalog.MSG["deploy_internal_refused"].format(out=out))
    return audience


def rsync_command(out: Path, target: str, dry_run: bool = False) -> list[str]:
    """Mirror `out` onto the target: the trailing slashes copy the folder's content, not the folder."""
    command = ["rsync", "--archive", "--delete", "--compress", "--human-readable", "--stats"]
    if dry_run:
        command.append("--dry-run")
    return [*command, str(out).rstrip("/") + "/", target.rstrip("/") + "/"]


def remote_path(target: str) -> str:
    if target.startswith("rsync://"):
        return target.removeprefix("rsync://").partition("/")[2]
    return target.split("::", 1)[1] if "::" in target else target.split(":", 1)[1]


def deploy(out: Path, target: str, *, internal_target: bool = False, dry_run: bool = False,
           run: Callable[..., subprocess.CompletedProcess[bytes]] = subprocess.run) -> Deployed:
    audience = check_deployable(out, internal_target)
    files = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*"))
             if p.is_file() and p.name != write.MARKER}
    if is_remote(target):
        if remote_path(target).strip("/.~ ") == "":  # `rsync --delete` onto a root or home folder wipes it
            raise DeployError(catalog.MSG["deploy_bad_target"].format(target=target))
        if shutil.which("rsync") is None:
            raise DeployError(catalog.MSG["deploy_no_rsync"])
        result = run(rsync_command(out, target, dry_run), check=False, preexec_fn=children.preexec())
        if result.returncode != 0:
            message = catalog.MSG["deploy_rsync_failed"].format(code=result.returncode, target=target)
            raise DeployError(message)
        return Deployed(target, audience, len(files), True)
    dest, source = Path(target).resolve(), out.resolve()
    if dest.is_relative_to(source) or source.is_relative_to(dest):
        raise DeployError(catalog.MSG["deploy_bad_target"].format(target=target))
    try:
        write.check_output(dest)
        if not dry_run:
            write.write_output(dest, None, files, audience=audience)
    except write.OutputError as exc:
        raise DeployError(catalog.MSG["deploy_target_not_ours"].format(target=target)) from exc
    return Deployed(str(dest), audience, len(files), False)
