"""An operating system error, said to the editor in Vietnamese: what went wrong, with which path, and what to
do; never Python's English errno text."""

from __future__ import annotations

import errno
import os

from sitegen.base import catalog

_KEYS = {
    errno.ENOSPC: "os_no_space", errno.EDQUOT: "os_no_space",
    errno.EACCES: "os_permission", errno.EPERM: "os_permission",
    errno.EROFS: "os_read_only",
    errno.EFBIG: "os_too_big",
    errno.ENOENT: "os_gone", errno.ESTALE: "os_gone",
    errno.EEXIST: "os_busy", errno.ENOTEMPTY: "os_busy", errno.EBUSY: "os_busy", errno.ETXTBSY: "os_busy",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.EMFILE: "os_too_many_files", errno.ENFILE: "os_too_many_files",
    errno.ENOTDIR: "os_not_dir", errno.EISDIR: "os_is_dir",
    errno.ELOOP: "os_loop",
}


def user_name() -> str:
    """The account this process writes as."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, OSError):
        return "?"


def describe(exc: OSError, path: object = None) -> str:
    """`exc` in Vietnamese; `path` when the error carries none (or a better one)."""
    where = path if path is not None else exc.filename
    shown = str(os.fsdecode(where)) if isinstance(where, (str, bytes, os.PathLike)) else "?"
    if exc.filename2 is not None and path is None:
        shown += f" → {os.fsdecode(exc.filename2)}"
    code = exc.errno or 0
    key = _KEYS.get(code, "os_other")
    return catalog.MSG[key].format(path=shown, user=user_name(), code=errno.errorcode.get(code, str(code)))
