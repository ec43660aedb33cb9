"""Write: the only code that touches the output folder.

Pages are written as they are rendered (`Pages`), into a staging folder beside the output, so no build holds
every page's bytes at once. An output folder the last build's record describes is updated in place
(update_output): the changed files are in that staging folder beside it, then renamed over their targets in
one pass recorded in a journal before it starts, so the cost follows the changes, not the size of the site,
a failed build leaves the output as it was, and a killed one leaves every page whole (old or new) for the
next build to finish (`recover`). A new folder, or one no record describes, is completed beside it (the
staging folder, with links to the files kept) and swapped in (write_output; deploy does the same). sitegen
deletes only folders that carry its marker.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from sitegen.base import catalog, confine, locks
from sitegen.base.files import atomic_write, link_or_copy
from sitegen.base.oserrors import user_name

MARKER = confine.OUTPUT_MARKER


class OutputError(Exception):
    """The output folder cannot be used; the message is for the editor, the code for CI reports."""

    def __init__(self, message: str, code: str = "output-not-ours") -> None:
        super().__init__(message)
        self.code = code


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def output_audience(out: Path) -> str | None:
    """The edition a folder was built for ("public"/"internal"), from sitegen's marker; None if not ours."""
    try:
        text = (out / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("audience: "):
            return line.split(": ", 1)[1].strip()
    return "public"


@contextmanager
def output_lock(out: Path, waiting: locks.Waiting | None = None) -> Iterator[None]:
    """Only one process at a time writes `out`: the lock is a file beside it (`.<name>.lock`), there only
    while a build holds it."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    with locks.exclusive(out.parent / f".{out.name}.lock", waiting):
        yield


def check_output(out: Path, audience: str | None = None) -> None:
    """Raise OutputError unless `out` is absent, empty, or a folder sitegen built for `audience` (when
    given): a folder of the other edition is never replaced by this one."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not _is_ours(out))):
        raise OutputError(catalog.MSG["output_not_ours"].format(path=out))
    found = output_audience(out)
    if audience is not None and found is not None and found != audience:
        raise OutputError(catalog.MSG["output_other_edition"].format(
            out=out, found=catalog.MSG[f"audience_{found}"], expected=catalog.MSG[f"audience_{audience}"]),
            "output-other-edition")


def _writable(folder: Path) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK | os.X_OK, effective_ids=effective)


def check_replaceable(out: Path, deep: bool = False) -> None:
    """Raise OutputError before anything is written unless this process can replace `out`: make folders
    beside it, rename it, and (`deep`) delete everything in it. A tree it can rename but not empty would be
    swapped out and then stay behind, undeletable."""
    out = out.absolute()
    blocked = None
    if out.parent.exists() and not _writable(out.parent):
        blocked = out.parent
    elif out.is_dir() and not out.is_symlink():
        st, parent = out.stat(), out.parent.stat()
        sticky = parent.st_mode & 0o1000 and os.geteuid() not in (0, st.st_uid, parent.st_uid)
        if not _writable(out) or sticky:
            blocked = out
        elif deep:
            blocked = next((Path(d) for d, _, _ in os.walk(out) if not _writable(Path(d))), None)
    if blocked is not None:
        raise OutputError(catalog.MSG["output_not_writable"].format(out=out, path=blocked, user=user_name()),
                          "output-not-writable")


def _safe_target(root: Path, rel: str) -> Path:
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ValueError(f"unsafe output path: {rel!r}")
    return root.joinpath(*pure.parts)


def _stale(out: Path) -> list[Path]:
    return sorted(p for p in out.parent.glob(f".{out.name}.*-*") if p.is_dir())


def _remove_stale(out: Path, current: Path | None = None) -> None:
    """Folders left by a killed build (ours only; not `current`, this build's pages). A build killed mid-swap
    left the old tree aside: restore it. One that cannot be deleted (files of another account) stays, never
    in the way (`leftovers`). A pass in place that a kill cut short is finished first: its staging folder is
    one of them."""
    recover(out)
    if not out.exists():
        for old in _stale(out):
            if old.name.startswith(f".{out.name}.old-") and _is_ours(old):
                old.rename(out)
                break
    for stale in _stale(out):
        if stale == current:
            continue
        if _is_ours(stale):
            _delete_ours(stale)
        elif not any(stale.iterdir()):
            with suppress(OSError):
                stale.rmdir()  # a deletion killed after its marker went


def leftovers(out: Path) -> list[Path]:
    """Folders of ours beside `out` that a build could not delete (the build warns of them); not the staging
    folder of this build's pass, which goes with its journal (`finish`)."""
    pending = _pending(out.absolute())
    return [p for p in _stale(out.absolute()) if _is_ours(p) and p.name != pending]


def _pending(out: Path) -> str:
    """The staging folder the journal beside `out` names, if there is one."""
    try:
        data = json.loads(_journal(out).read_text(encoding="utf-8"))
        return str(data["staging"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _delete_ours(folder: Path) -> None:
    """Delete a folder of ours, its marker last: a deletion killed halfway, or refused (files of another
    account), leaves a folder that still carries the marker, to be tried again and reported."""
    for child in folder.iterdir():
        if child.name != MARKER:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                with suppress(OSError):
                    child.unlink(missing_ok=True)
    if [child.name for child in folder.iterdir()] == [MARKER]:
        shutil.rmtree(folder, ignore_errors=True)


def replace_folder(out: Path, name: str, new: Path) -> None:
    """Swap `new` in as `out/name` (serve installs a search index built in the background)."""
    out = out.absolute()
    if not _is_ours(out):
        raise OutputError(catalog.MSG["output_not_ours"].format(path=out))
    target = _safe_target(out, name)
    old = out / f".{name}.old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():  # the last bundle stays served
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


class Pages:
    """The pages a build renders, written as they come (a build held every page's bytes until write: 0.9 GB
    at 10,000 documents), into a folder of ours beside `out` (`.<name>.new-…`). The write stage renames them
    into `out` (update_output) or completes the folder and swaps it in (write_output); a build that stops
    before discards it, and a killed one leaves it marked as ours, for the next build to delete.

    `flat` (a pass in place will take them: update_output): each file at the folder's top, named by number,
    not at its output path. The pass renames them into `out`, whose folders are there, and the folder is
    left holding its marker alone: at its output path, a page needed a folder of its own made in the
    staging folder and deleted after the pass (~400 folders, 35 ms to 1.2 s of wall time on a loaded disk,
    for an edit in the middle of a list at 10,000 documents). write_output puts them at their paths first
    (`nest`)."""

    def __init__(self, out: Path, audience: str, flat: bool = False) -> None:
        out = out.absolute()
        out.parent.mkdir(parents=True, exist_ok=True)
        self.out, self.audience, self.flat = out, audience, flat
        self.folder = _pages_folder(out, audience)
        self.files: dict[str, Path] = {}  # output path -> its file in `folder`
        self.used = False  # the write stage took the folder over
        self._count = 0  # flat files named so far

    def place(self, rel: str) -> Path:
        """Where the file for output path `rel` goes in the folder: a new name at its top (`flat`), else its
        path (its folders made)."""
        if self.flat:
            self._count += 1
            return self.folder / f"{FLAT}{self._count}"  # a new name (a pass places static files flat too)
        target = _safe_target(self.folder, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def put(self, rel: str, data: bytes) -> None:
        target = self.place(rel)
        target.write_bytes(data)
        self.files[rel] = target

    def nest(self) -> None:
        """Flat files put at their output paths, in a folder of their own (this one goes), so that the folder
        is the tree write_output swaps in."""
        if not self.flat:
            return
        folder = _pages_folder(self.out, self.audience)
        files = {}
        try:
            for rel, source in self.files.items():
                target = files[rel] = _safe_target(folder, rel)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        except BaseException:
            _delete_ours(folder)
            raise
        old, self.folder, self.files, self.flat = self.folder, folder, files, False
        _delete_ours(old)

    def discard(self) -> None:
        """The folder, unless the write stage took it over (it is the output now, or goes with a journal)."""
        if not self.used:
            _delete_ours(self.folder)


FLAT = "#"  # Pages' flat files: "#1", "#2"… (a pass puts static files flat too: no name is taken twice)


def _pages_folder(out: Path, audience: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    os.chmod(folder, 0o755)  # noqa: S103 - it may become the published folder (write_output)
    (folder / MARKER).write_text(f"sitegen\naudience: {audience}\n", encoding="utf-8")
    return folder


IO_THREADS = 8


def _make_dirs(pool: ThreadPoolExecutor, root: Path, targets: Iterable[Path]) -> None:
    """Every parent folder of `targets` under `root` not made yet, shallowest first, each depth level
    concurrently."""
    dirs = {parent for t in targets for parent in t.parents
            if parent != root and parent.is_relative_to(root) and not parent.is_dir()}
    by_depth: dict[int, list[Path]] = {}
    for d in dirs:
        by_depth.setdefault(len(d.parts), []).append(d)
    for depth in sorted(by_depth):
        list(pool.map(os.mkdir, by_depth[depth]))


def _copy(source: Path, target: Path) -> None:
    try:
        shutil.copyfile(source, target)
    except OSError as exc:  # a full disk during sendfile names no file: name the one being written
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise


def _size_mtime(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def write_output(out: Path, pages: Pages | None, copies: dict[str, Path],
                 reuse: frozenset[str] | set[str] = frozenset(),
                 audience: str = "public") -> dict[str, tuple[int, int]]:
    """Replace `out` by exactly `pages` (written already, in their folder: it becomes the new tree),
    `copies` (path -> source file) and `reuse` (paths whose current file in `out` is already right:
    hard-linked, not rewritten). Returns {path: (size, mtime_ns)} of pages and reused files."""
    out = out.absolute()
    check_output(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    check_replaceable(out, deep=True)
    if pages is not None:
        pages.nest()  # the folder becomes the output: each page at its path
    _remove_stale(out, pages.folder if pages is not None else None)
    files = pages.files if pages is not None else {}
    if pages is not None:
        tmp, pages.used = pages.folder, True
    else:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        os.chmod(tmp, 0o755)  # noqa: S103 - a published folder: readable by the web server
        (tmp / MARKER).write_text(f"sitegen\naudience: {audience}\n", encoding="utf-8")
        reuse = set(reuse) - files.keys()  # a later kind wins a clash: copies < reuse < files
        copies = {rel: source for rel, source in copies.items() if rel not in reuse and rel not in files}
        targets = {rel: _safe_target(tmp, rel) for rel in (*copies, *reuse, *files)}
        with ThreadPoolExecutor(IO_THREADS) as pool:  # file-system calls release the GIL and overlap
            _make_dirs(pool, tmp, [targets[rel] for rel in (*copies, *reuse)])
            # a copy from the current output (the search bundle) is linked like a reused page
            jobs: list[Future[object]] = [
                pool.submit(link_or_copy if source.is_relative_to(out) else _copy, source, targets[rel])
                for rel, source in copies.items()]
            jobs += [pool.submit(link_or_copy, _safe_target(out, rel), targets[rel]) for rel in reuse]
            for job in jobs:
                job.result()
            paths = [*files, *reuse]
            stats = dict(zip(paths, pool.map(lambda rel: _size_mtime(targets[rel]), paths), strict=True))
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rmdir(old)
            out.rename(old)
            tmp.rename(out)
            _delete_ours(old)
        else:
            tmp.rename(out)
    except BaseException:
        _delete_ours(tmp)
        raise
    return stats


def update_output(out: Path, pages: Pages, copies: dict[str, Path], reuse: set[str],
                  previous: set[str], audience: str = "public") -> dict[str, tuple[int, int]] | None:
    """Bring `out`, which holds exactly `previous` (paths), to `pages`, `copies` and `reuse` in place, in
    O(changes) rather than the swap's O(site): the new files are in a staging folder beside `out` (the
    pages' folder; a build killed meanwhile leaves `out` untouched), then a journal beside `out` lists every
    rename and deletion, then one pass renames each file over its target (a reader sees the old file or the
    new one, never half of one) and deletes what is no longer built. A build killed during that pass leaves
    each page whole, old or new; the next build finishes the pass from the journal (`recover`). The journal
    stays until the caller has recorded the new state (`finish`). Returns stats of the pages, or None
    (nothing done) if `out` is not a folder of ours for `audience`, or a file stands where a folder must
    go."""
    out = out.absolute()
    if not out.is_dir() or output_audience(out) != audience:
        return None
    # what an earlier build could not delete, and now can (the swap does it too)
    _remove_stale(out, pages.folder)
    files = pages.files
    kept = reuse | {rel for rel, src in copies.items() if rel not in files and _same_file(src, out / rel)}
    copies = {rel: src for rel, src in copies.items() if rel not in kept and rel not in files}
    moves = sorted({*files, *copies})
    gone = sorted(previous - files.keys() - copies.keys() - kept)
    if not all(_fits(out, rel) for rel in moves):
        return None
    _check_touchable(out, [*moves, *gone])
    staging, pages.used = pages.folder, True
    try:
        targets = {rel: pages.files[rel] if rel in files else pages.place(rel) for rel in moves}
        with ThreadPoolExecutor(IO_THREADS) as pool:
            _make_dirs(pool, staging, [targets[rel] for rel in copies])
            jobs: list[Future[object]] = [  # files of the output (the search bundle) linked, others copied
                pool.submit(link_or_copy if src.is_relative_to(out) else _copy, src, targets[rel])
                for rel, src in copies.items()]
            for job in jobs:
                job.result()
            stats = dict(zip(moves, pool.map(lambda rel: _size_mtime(targets[rel]), moves), strict=True))
        sources = [targets[rel].relative_to(staging).as_posix() for rel in moves]
        journal = {"staging": staging.name, "moves": moves, "from": sources, "gone": gone}
        atomic_write(_journal(out), json.dumps(journal, ensure_ascii=False).encode())
    except BaseException:
        _delete_ours(staging)
        raise
    _apply(out, staging, moves, gone, sources)
    return {rel: stats[rel] for rel in files}


def _journal(out: Path) -> Path:
    return out.parent / f".{out.name}.journal"


def _fits(out: Path, rel: str) -> bool:
    """Can a file be renamed to `rel` in `out`: no folder at its place, no file at a folder's place."""
    target = _safe_target(out, rel)
    if target.is_dir() and not target.is_symlink():
        return False
    return all(not parent.exists() or parent.is_dir() for parent in target.parents if parent != out and
               parent.is_relative_to(out))


def _check_touchable(out: Path, rels: Iterable[str]) -> None:
    """Raise OutputError before anything is written unless this process may rename into and delete from
    every folder of `out` that the pass touches; the folder named is the highest one refused."""
    folders = {_safe_target(out, rel).parent for rel in rels}
    for folder in sorted(folders):
        while not folder.exists():
            folder = folder.parent
        if folder.is_relative_to(out) and not _writable(folder):
            while folder.parent != out and folder.parent.is_relative_to(out) and not _writable(folder.parent):
                folder = folder.parent
            raise OutputError(catalog.MSG["output_not_writable"].format(out=out, path=folder,
                                                                        user=user_name()),
                              "output-not-writable")


def _apply(out: Path, staging: Path, moves: list[str], gone: Iterable[str],
           sources: list[str] | None) -> None:
    """The pass the journal describes; again after a kill, it renames only what is still in staging.
    `sources`: where each of `moves` is in staging (None: at its output path, a journal of before
    2026-12-08)."""
    for rel, src in zip(moves, sources if sources is not None else moves, strict=True):
        source, target = _safe_target(staging, src), _safe_target(out, rel)
        if source.exists() or source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for rel in gone:
        target = _safe_target(out, rel)
        target.unlink(missing_ok=True)
        for parent in target.parents:  # folders left empty
            if parent == out:
                break
            try:
                parent.rmdir()
            except OSError:  # not empty (or gone)
                break


def recover(out: Path) -> set[str]:
    """Finish the pass of a build killed while it updated `out` in place (its journal is still there): the
    paths it renamed or deleted, which the last record of `out` no longer describes; empty when none."""
    out = out.absolute()
    journal = _journal(out)
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        raise OSError(getattr(exc, "errno", None), str(exc), str(journal)) from exc
    staging = out.parent / data["staging"]
    moves, gone = list(data["moves"]), list(data["gone"])
    sources = list(data["from"]) if "from" in data else None
    if _is_ours(out) and _is_ours(staging):
        _apply(out, staging, moves, gone, sources)
    finish(out)
    return {*moves, *gone}


def finish(out: Path) -> None:
    """The new state of `out` is recorded (the cache saved): its journal and staging folder go."""
    out = out.absolute()
    pending = _pending(out)
    _journal(out).unlink(missing_ok=True)
    if pending and _is_ours(out.parent / pending):
        _delete_ours(out.parent / pending)


def _same_file(source: Path, target: Path) -> bool:
    try:
        return target.is_file() and (os.path.samefile(source, target) or _same_bytes(source, target))
    except OSError:
        return False


def _same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()

