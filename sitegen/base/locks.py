"""An exclusive lock on a file system path, held by one process at a time (`flock`).

Two builds on one output folder (or one cache) would destroy each other's work; the second one waits. The
kernel releases a `flock` when its holder dies, even by `kill -9`, so a killed build never leaves a lock
behind. The lock file holds the holder's process id (for the waiting message) and is removed on release;
a waiter that got the lock on a file already removed tries again on the new one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; builds are not serialised there
    fcntl = None  # type: ignore[assignment]

Waiting = Callable[[str], None]  # told the holder's process id ("" if unknown) once, before waiting


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""


@contextmanager
def exclusive(path: Path, waiting: Waiting | None = None) -> Iterator[None]:
    """Hold `path` locked for the duration; wait (after telling `waiting`) while another process holds it."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None and not told:
                    waiting(_holder(fd))
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if not same:  # the holder removed the file as it let go: lock the new one
                continue
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            try:
                yield
            finally:
                # Remove while still holding it: a waiter on this file then sees it gone and starts over.
                Path(path).unlink(missing_ok=True)
            return
        finally:
            os.close(fd)
