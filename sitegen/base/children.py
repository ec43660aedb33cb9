"""Child processes die with sitegen.

A build killed with `kill -9` runs no code of its own, so nothing it does at exit can stop its children:
Pagefind and the forked parse and render workers would live on, holding their memory (the workers waited
forever on a queue nobody would fill). Each child asks the kernel instead, as it starts, to kill it when its
parent dies (Linux `PR_SET_PDEATHSIG`); a child started after its parent already died exits at once.
Elsewhere this is a no-op.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


_PRCTL = _load_prctl()  # looked up here, not in the child: a forked child should only make the call


def die_with_parent(parent: int | None = None) -> None:
    """Call in a child process (a pool's initializer, a subprocess's preexec_fn): SIGKILL it when the thread
    that started it ends. `parent`: the parent's pid, to catch a parent that died before the call."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def forked_parent() -> int | None:
    """This process's pid when a multiprocessing pool forks its workers from it (what `die_with_parent`
    checks a worker's parent against); None when they start from a spawned or forkserver process."""
    method = multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0]
    return os.getpid() if method == "fork" else None


def preexec(parent: int | None = None) -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess.Popen (None where there is nothing to do)."""
    if _PRCTL is None:
        return None
    parent = os.getpid() if parent is None else parent
    return lambda: die_with_parent(parent)
