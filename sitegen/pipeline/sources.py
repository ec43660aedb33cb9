"""The only reader of content files: walk, decode, normalize to NFC, hash."""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.base import folders
from sitegen.base.confine import OUTPUT_MARKER, Refusal, refusal
from sitegen.base.vi import nfc


@dataclass(frozen=True)
class Source:
    path: str  # relative to the site folder, "/"-separated: "content/van-ban/a.md"
    text: str | None  # NFC text with "\n" line ends; None when the bytes are not UTF-8
    digest: str  # sha256 of the raw bytes
    error: str | None = None  # when not UTF-8: the line of the first bad byte
    size: int = 0  # bytes


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never meaningful in text; invalid in HTML


def decode(raw: bytes) -> tuple[str | None, str | None]:
    """(NFC text, None), or (None, the 1-based line of the first byte that is not UTF-8, as text)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, str(raw.count(b"\n", 0, exc.start) + 1)
    return nfc(_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))), None


def read_source(site: Path, rel: str) -> Source:
    raw = (site / rel).read_bytes()
    text, error = decode(raw)
    return Source(rel, text, hashlib.sha256(raw).hexdigest(), error, len(raw))


SITE_FOLDERS = (folders.CONTENT, folders.TEMPLATES, folders.STATIC)  # with site.yaml, all a build reads


def walk(site: Path, folder: str,
         skip: Callable[[str], bool]) -> tuple[list[str], list[tuple[str, Refusal]]]:
    """The files under `site/folder` ("/"-separated paths from the site folder), and the links (or
    folders) met on the way that must not be read, with why (confine.refusal). Links that may be followed
    are, each folder once (a loop ends). Names for which `skip` is true are left out unseen."""
    copied = folder != folders.CONTENT  # static/ is published as it is; templates are published once rendered
    files: list[str] = []
    refused: list[tuple[str, Refusal]] = []
    seen: set[str] = set()

    def allowed(rel: str, link: bool, is_dir: bool) -> bool:
        why = refusal(site, site / rel, copied) if link or (is_dir and copied) else None
        if why:
            refused.append((rel, why))
        return why is None

    def visit(rel: str) -> None:
        try:
            entries = sorted(os.scandir(site / rel), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            child = f"{rel}/{entry.name}"
            if skip(entry.name) or not allowed(child, entry.is_symlink(), entry.is_dir()):
                continue
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real not in seen:
                    seen.add(real)
                    visit(child)
            elif entry.is_file():
                files.append(child)

    start = site / folder
    if start.is_dir() and allowed(folder, start.is_symlink(), True):
        seen.add(os.path.realpath(start))
        visit(folder)
    elif start.is_symlink() and not start.exists():
        allowed(folder, True, False)
    return files, refused


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _editor_leftover(name: str) -> bool:
    return name.startswith((".", "_")) or name.endswith("~")


def content_files(site: Path) -> list[str]:
    """Markdown files under content/, sorted; hidden files and folders are skipped (editor backups), and so
    are links that lead out of the site folder (`refused_links` reports them)."""
    return sorted(rel for rel in walk(site, folders.CONTENT, _editor_leftover)[0] if rel.endswith(".md"))


def static_files(site: Path) -> list[str]:
    """Files under static/ ("static/…"), sorted; hidden ones skipped, and links `refused_links` reports."""
    return walk(site, folders.STATIC, _hidden)[0]


def template_files(site: Path) -> list[str]:
    """Files under templates/, as static_files."""
    return walk(site, folders.TEMPLATES, _hidden)[0]


def refused_links(site: Path, last: list[tuple[str, Refusal]] | None = None,
                  changed: frozenset[str] | None = None) -> list[tuple[str, Refusal]]:
    """Every link in the site's folders whose target must not be read, and why; the build reads none of them,
    and each is an error (site.yaml is checked by config). `last` (serve's: what this found at its last
    build) and `changed` (the site paths its watcher saw change since): when no changed path is a link or a
    folder now, nor is or holds a link `last` refused, the site's links are as they were, and `last` is
    returned without a walk of every folder (~25 ms at 10,000 documents, every edit); when they are all in
    templates/ or static/ (a template folder made or removed), only the folders that hold them are walked
    (content/'s links are as `last` found them)."""
    walked: set[str] = set(SITE_FOLDERS)
    if last is not None and changed is not None:
        walked = {rel.split("/")[0] for rel in changed if _reshaped(site, rel, last)}
        if not walked:
            return last
        if not walked <= {folders.TEMPLATES, folders.STATIC}:
            walked = set(SITE_FOLDERS)
    return [found for folder in SITE_FOLDERS
            for found in (walk(site, folder, _editor_leftover if folder == folders.CONTENT else _hidden)[1]
                          if folder in walked else _within(folder, last or []))]


def _within(folder: str, refused: list[tuple[str, Refusal]]) -> list[tuple[str, Refusal]]:
    return [(rel, why) for rel, why in refused if rel.split("/")[0] == folder]


def _reshaped(site: Path, rel: str, refused: list[tuple[str, Refusal]]) -> bool:
    """Could the change of `rel` change what refused_links finds: a link or a folder (made, moved or
    replaced), a built folder's marker (a build into static/ or templates/), or where a refused link was (a
    link replaced by a file, a folder that held one gone, a path through one)?"""
    path = site / rel
    return (os.path.islink(path) or os.path.isdir(path) or path.name == OUTPUT_MARKER or any(
        link == rel or link.startswith(f"{rel}/") or rel.startswith(f"{link}/") for link, _ in refused))


def full(site: Path, src: Source) -> Source:
    """`src` with its text: read again if it came from the disk cache without it (no text, and no decoding
    error to say why)."""
    return read_source(site, src.path) if src.text is None and src.error is None else src


Stat = tuple[int, int, int, int]  # size, mtime, ctime (no tool can set it back), inode
Known = dict[str, tuple[Stat, int, Source]]  # path -> (stat when read, time of the read in ns, what was read)
_SETTLED_NS = 1_000_000_000  # a file changed less than this before it was read may change again unseen


def read_sources(site: Path, known: Known | None = None,
                 changed: frozenset[str] | None = None) -> list[Source]:
    """Every content file, read. With `known` (serve keeps it between builds, and it is updated here), a file
    whose stat is as when it was last read is not read again, if it had settled by then (git's racy check).
    `changed`: the site paths serve's watcher saw change since `known` was made: the other files are taken
    as they were, without a look at the folder or a stat."""
    out = []
    listed, told = _listed(site, known, changed)
    for rel in listed:
        last = known.get(rel) if known is not None else None
        if last is not None and told is not None and rel not in told:
            out.append(last[2])
            continue
        st = os.stat(site / rel)
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if last and last[0] == stat and max(stat[1], stat[2]) < last[1] - _SETTLED_NS:
            out.append(last[2])
            continue
        now = time.time_ns()
        src = read_source(site, rel)
        if known is not None:
            known[rel] = (stat, now, src)
        out.append(src)
    # every path of `out` is in `known` now (kept or just read): any other is a file gone, and there is one
    # only when `known` holds more (no set of every path on each edit)
    if known is not None and len(known) > len(out):
        for rel in known.keys() - {s.path for s in out}:
            del known[rel]
    return out


def _listed(site: Path, known: Known | None,
            changed: frozenset[str] | None) -> tuple[list[str], frozenset[str] | None]:
    """content_files(site); or, when the watcher says what changed since `known` was made, the known files
    with the changed ones added or dropped, and `changed` (a folder or a link among them: the folder is
    walked, and every file looked at)."""
    if changed is None or not known:
        return content_files(site), None
    added, gone = set(), set()
    for rel in changed:
        parts = rel.split("/")
        if parts[0] != folders.CONTENT or len(parts) < 2:
            continue
        path = site / rel
        if os.path.islink(path) or os.path.isdir(path):
            return content_files(site), None
        if any(_editor_leftover(part) for part in parts[1:]) or not rel.endswith(".md"):
            continue
        if os.path.isfile(path):
            added.add(rel)
            gone.discard(rel)
        else:
            gone.add(rel)
            added.discard(rel)
    added -= known.keys()
    gone &= known.keys()
    if not added and not gone:  # the files of the last build (`known` is in their order: sorted in ~0.1 ms,
        return sorted(known), changed  # where a set of its 10,000 paths, sorted, took ~2 ms on each edit)
    return sorted((known.keys() - gone) | added), changed
