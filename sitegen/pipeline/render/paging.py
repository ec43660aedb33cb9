"""How a list is cut into pages so that a new or deleted item changes few of them (archive paging).

A list is shown newest first. Its pages are numbered from the **oldest** (`trang/1/` holds the oldest
`per_page` items, `trang/2/` the next ones…), each page still newest first, and the newest items are on the
list's own URL, which is what readers see first. Numbered from the newest (the usual way), a new item moves
every item by one and changes every page of the list (~560 list pages at 10,000 documents); numbered from the
oldest, page k always holds the same items (the (k-1)·per_page+1-th to the k·per_page-th oldest), so:

- a new item (the newest) changes the own page; once every `per_page` additions a new numbered page appears
  (the newest block fills) and the page before it gets its "newer" link;
- a deleted item changes the pages from its own to the newest (the items newer than it move by one);
- an old bookmark of `trang/N/` always shows the same items: those were the N-th newest page before this
  paging (2026-12), they are the N-th oldest now; the heading ("— Trang N") and the pager say where it is.

The own page is never a short page: it holds the newest partial block merged with the newest full block,
`per_page` to `2·per_page - 1` items (all of them when the list is shorter than `per_page`). So a list of
n items has max(1, n // per_page) pages: the own page and the numbered pages 1 … n // per_page - 1.

Numbered pages show nothing that depends on the whole list (no "page k of N", no count), or each new item
would change them all. The pager says "Mới hơn" (newer, rel="prev") and "Cũ hơn" (older, rel="next") in
reading order, "Mới nhất" (the own page) and "Cũ nhất" (trang/1/).

Cited documents without full text (stubs) are a second sequence of the same list, paged the same way at
`{list}/duoc-dan/` after the documents with full text, in reading order: the oldest document page's "older"
link leads to the stub group's own page. Kept apart, a new stub (a citation of a document the bulletin does
not publish) changes only the stub group's pages, not the documents'. A list of stubs alone pages them at its
own URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STUBS = "duoc-dan/"  # the stub group's folder under a list's URL


def page_count(count: int, per_page: int) -> int:
    """Pages of a sequence of `count` items: its own page and the numbered pages below it."""
    return max(1, count // per_page)


def numbers(count: int, per_page: int) -> range:
    """The page numbers of a sequence: 0 (its own page) and 1 … (numbered from the oldest)."""
    return range(page_count(count, per_page))


def bounds(count: int, per_page: int, number: int) -> tuple[int, int]:
    """[start, end) into the newest-first sequence of page `number` (0: the own page)."""
    total = page_count(count, per_page)
    if number == 0:
        return 0, count - (total - 1) * per_page
    start = count - number * per_page
    return start, start + per_page


def url_of(base: str, number: int) -> str:
    return base if number == 0 else f"{base}trang/{number}/"


def stub_base(base: str, full: int) -> str:
    """Where a list's stubs are paged: its own URL when it has no document with full text."""
    return f"{base}{STUBS}" if full else base


@dataclass(frozen=True)
class Pager:
    """One page of a sequence and its links. `number` 0 is the sequence's own page (the newest items), 1 …
    counted from the oldest. Made by `pager`: a numbered page's links depend only on whether it is the newest
    numbered page (and on the list's other part being empty or not), like its `Block`."""

    number: int
    url: str
    items: tuple[Any, ...]
    newer_url: str | None  # rel="prev"
    older_url: str | None  # rel="next"
    newest_url: str | None  # the own page, when it is not already the "newer" link
    oldest_url: str | None  # trang/1/, when it is not already the "older" link (nor this page)
    before: str | None = None  # the page read before this sequence: the documents' oldest, for the stub group
    after: str | None = None  # the page read after this sequence's oldest: the stub group


def pager(base: str, number: int, total: int, items: tuple[Any, ...], before: str | None = None,
          after: str | None = None) -> Pager:
    """Page `number` of a sequence of `total` pages at `base`. `before`: the page read just before the
    sequence's own page (the stub group comes after the documents' oldest page); `after`: the page read after
    its oldest page."""
    if number == 0:
        newer, older = before, (url_of(base, total - 1) if total > 1 else after)
    else:
        newer = url_of(base, 0 if number + 1 >= total else number + 1)
        older = url_of(base, number - 1) if number > 1 else after
    first = url_of(base, 1)
    return Pager(number, url_of(base, number), items, newer, older,
                 base if number and newer != base else None,
                 first if number != 1 and total > 1 and older != first else None, before, after)


@dataclass(frozen=True)
class Block:
    """What a numbered page of a list shows besides its cards (render/view.py notes it as the page's fact,
    render/outputs.py compares it between builds): its items, whether it is the newest numbered page (its
    "newer" link is the own page), whether the list's other part has items (the stub group's place and the
    link to it)."""

    items: tuple[str, ...]
    newest: bool
    other: bool


def block(full: Sequence[str], stubs: Sequence[str], part: str, number: int, per_page: int) -> Block:
    urls, other = (full, stubs) if part == "full" else (stubs, full)
    start, end = bounds(len(urls), per_page, number)
    return Block(tuple(urls[start:end]), number + 1 >= page_count(len(urls), per_page), bool(other))


def blocks(full: Sequence[str], stubs: Sequence[str], per_page: int) -> dict[tuple[str, str], Block]:
    """(part, number) -> block of every numbered page of a list."""
    return {(part, str(n)): block(full, stubs, part, n, per_page)
            for part, urls in (("full", full), ("stubs", stubs)) for n in numbers(len(urls), per_page) if n}
