"""The only reader of content files: walk, decode, normalize to NFC, hash."""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from sitegen.base import folders
from sitegen.base.vi import nfc


@dataclass(frozen=True)
class Source:
    path: str  # relative to the site folder, "/"-separated: "content/van-ban/a.md"
    text: str | None  # NFC text with "\n" line ends; None when the bytes are not UTF-8
    digest: str  # sha256 of the raw bytes
    error: str | None = None
    size: int = 0  # bytes


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never meaningful in text; invalid in HTML


def decode(raw: bytes) -> tuple[str | None, str | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, str(exc)
    return nfc(_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))), None


def read_source(site: Path, rel: str) -> Source:
    raw = (site / rel).read_bytes()
    text, error = decode(raw)
    return Source(rel, text, hashlib.sha256(raw).hexdigest(), error, len(raw))


def content_files(site: Path) -> list[str]:
    """Markdown files under content/, sorted; hidden files and folders are skipped (editor backups)."""
    root = site / folders.CONTENT
    if not root.is_dir():
        return []
    found = []
    for path in root.rglob("*.md"):
        rel = path.relative_to(site)
        if any(part.startswith((".", "_")) or part.endswith("~") for part in rel.parts) or not path.is_file():
            continue
        found.append(rel.as_posix())
    return sorted(found)


def full(site: Path, src: Source) -> Source:
    """`src` with its text: read again if it came from the disk cache without it (no text, and no decoding
    error to say why)."""
    return read_source(site, src.path) if src.text is None and src.error is None else src


Stat = tuple[int, int, int, int]  # size, mtime, ctime (no tool can set it back), inode
Known = dict[str, tuple[Stat, int, Source]]  # path -> (stat when read, time of the read in ns, what was read)
_SETTLED_NS = 1_000_000_000  # a file changed less than this before it was read may change again unseen


def read_sources(site: Path, known: Known | None = None) -> list[Source]:
    """Every content file, read. With `known` (serve keeps it between builds, and it is updated here), a file
    whose stat is as when it was last read is not read again, if it had settled by then (git's racy check)."""
    out = []
    for rel in content_files(site):
        st = os.stat(site / rel)
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        last = known.get(rel) if known is not None else None
        if last and last[0] == stat and max(stat[1], stat[2]) < last[1] - _SETTLED_NS:
            out.append(last[2])
            continue
        now = time.time_ns()
        src = read_source(site, rel)
        if known is not None:
            known[rel] = (stat, now, src)
        out.append(src)
    if known is not None:
        for rel in known.keys() - {s.path for s in out}:
            del known[rel]
    return out
