"""Files replaced whole or not at all, and files kept by a hard link rather than a copy."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replacing(path: Path, mode: int = 0o644) -> Iterator[BinaryIO]:
    """A file to write that replaces `path` when the block ends without an error: written beside it and
    renamed over it, so a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sitegen-")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with replacing(path) as f:
        f.write(data)


def link_or_copy(source: Path, target: Path) -> None:
    """`target` as a hard link to `source`; a copy where links are not possible (another file system)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
