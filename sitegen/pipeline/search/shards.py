"""Search shards: which Pagefind bundle each indexed page goes to, and when a bundle must be made again.

One Pagefind run holds every page it indexes in memory (about 0.45 MB per page of a bulletin: 4.1 GB at
10,000 pages) and cannot update an index, only make it anew. So the index is split into shards of at
most SHARD_PAGES pages, each made by its own Pagefind run, and the search page merges them in the browser
(Pagefind's `mergeIndex`). A page's shard comes from the bits of a hash of its path: the site starts as one
shard (the bundle at pagefind/, as before), and any shard with more than SHARD_PAGES pages splits in two by
the next bit. The split depends only on the set of pages, so a full build and an incremental one agree, and
a new page moves no other page: growth re-makes the one shard that splits.

A shard is made again only when what Pagefind reads of one of its pages changed (`view`): the elements marked
`data-pagefind-body`, without the `href` and `title` of links, which Pagefind does not index (a changed title
of a cited document changes its citers' link tooltips, not their index).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# At most this many pages per Pagefind run (~0.45 GB of its memory). At 10,000 pages the split gives 16
# shards of ~625 (with 1,250: 4 of ~1,230 and 8 of ~650), so an edit re-indexes ~1/16 of the site. A
# query downloads one index chunk per word and per shard; a phrase or symbol key's chunk holds keys
# (terms.py), ~10 KB a shard whatever its size (bench/README.md, "Search shards of at most 1,000 pages").
SHARD_PAGES = 1000
_BODY = re.compile(rb"data-pagefind-body")
_TAG_NAME = re.compile(rb"<([A-Za-z][A-Za-z0-9-]*)")
_LINK_ATTRS = re.compile(rb'(<a\b[^>]*?)\s(?:href|title)="[^"]*"')
_DATE = re.compile(rb'data-pagefind-sort="date\[data-date\]" data-date="([^"]*)"')


@dataclass(frozen=True)
class PageView:
    """What the search stage needs of a rendered page: a digest of what Pagefind reads, and its date key."""

    digest: str
    date: str


@dataclass(frozen=True)
class Shard:
    """A bundle the output holds: what it was made from, its files, the pages in it."""

    key: str
    files: tuple[str, ...]  # output paths of the bundle's files ("pagefind/s01/index/…")
    pages: tuple[str, ...]  # output paths of the pages it holds


def _element_end(data: bytes, start: int, name: bytes) -> int:
    """End of the element whose start tag begins at `start` (same-name nesting counted)."""
    opener = re.compile(rb"<(/?)" + re.escape(name) + rb"\b[^>]*>", re.IGNORECASE)
    depth = 0
    for m in opener.finditer(data, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return len(data)


def view(data: bytes) -> bytes | None:
    """What Pagefind indexes of a page: its `data-pagefind-body` elements with link targets and titles left
    out; None for a page without one (Pagefind skips it)."""
    parts: list[bytes] = []
    position = 0
    for m in _BODY.finditer(data):
        if m.start() < position:
            continue  # inside the previous body element
        start = data.rfind(b"<", 0, m.start())
        name = _TAG_NAME.match(data, start)
        if start < 0 or name is None:
            continue
        position = _element_end(data, start, name.group(1))
        region = data[start:position]
        while True:
            stripped = _LINK_ATTRS.sub(rb"\1", region)
            if stripped == region:
                break
            region = stripped
        parts.append(region)
    return b"\0".join(parts) if parts else None


def page_view(data: bytes) -> PageView | None:
    """The page as the search stage sees it, or None when Pagefind indexes nothing of it."""
    seen = view(data)
    if seen is None:
        return None
    date = _DATE.search(seen)
    return PageView(hashlib.sha256(seen).hexdigest(), date.group(1).decode() if date else "")


def _bits(path: str) -> int:
    """The first 32 bits of the path's hash, the highest first: which half of each split the path goes to."""
    return int.from_bytes(hashlib.sha256(path.encode()).digest()[:4], "big")


def assign(paths: Iterable[str], limit: int | None = None) -> dict[str, str]:
    """path -> shard name: the prefix of its hash bits ("" while the site fits one shard); at most `limit`
    (SHARD_PAGES) pages a shard."""
    limit = SHARD_PAGES if limit is None else limit
    out: dict[str, str] = {}
    todo: list[tuple[str, list[tuple[int, str]]]] = [("", sorted((_bits(p), p) for p in paths))]
    while todo:
        prefix, members = todo.pop()
        if len(members) <= limit or len(prefix) >= 32:
            out.update((path, prefix) for _, path in members)
            continue
        bit = 1 << (31 - len(prefix))
        todo.append((prefix + "1", [m for m in members if m[0] & bit]))
        todo.append((prefix + "0", [m for m in members if not m[0] & bit]))
    return out


def folder(shard: str) -> str:
    """Where a shard's bundle goes under pagefind/: the bundle itself for the one-shard site (as before
    shards), "s0/", "s10/"… otherwise."""
    return f"s{shard}/" if shard else ""


def key(shard: str, pages: dict[str, str], settings: str) -> str:
    """Digest of what the shard's bundle is made from: its pages' paths and views, and Pagefind's settings."""
    h = hashlib.sha256(f"{shard}\0{settings}\0".encode())
    for path in sorted(pages):
        h.update(f"{path}\0{pages[path]}\0".encode())
    return h.hexdigest()
