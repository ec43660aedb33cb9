"""The search index against the pages (`sitegen verify`): an index is published with its pages, so it must
hold exactly the pages of this edition. One that still holds a removed page, or an internal one in the public
edition, would let a reader find their text; one that misses pages hides them from search."""

from __future__ import annotations

from pathlib import Path

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.pipeline.search import pagefind

SHOWN = 3  # URLs named in one message


def check_index(out: Path, shown: str, pages: dict[str, tuple[bool, bool]],
                audience: str) -> list[Diagnostic]:
    """`pages`: output path -> (carries an indexed body, is an internal page). Nothing to check when the
    folder has no index (`--no-search`)."""
    if not any(out.rglob("*.pf_fragment")):
        return []
    where = shown + pagefind.BUNDLE + "/"
    try:
        held = pagefind.indexed_urls(out)
    except ValueError as exc:
        return [Diagnostic("error", "search-index-unreadable", where, 0,
                           catalog.MSG["guard_index_unreadable"].format(detail=exc))]
    by_url = {pagefind.page_url(rel): rel for rel in pages}
    stale = sorted(url for url in held if url not in by_url)
    internal = sorted(url for url in held if url in by_url and pages[by_url[url]][1])
    missing = sorted(url for url, rel in by_url.items() if pages[rel][0] and url not in held)
    diagnostics = []
    if stale:
        diagnostics.append(Diagnostic("error", "search-index-stale", where, 0, catalog.MSG[
            "guard_index_stale"].format(count=len(stale), urls=", ".join(stale[:SHOWN]))))
    if internal and audience == "public":
        diagnostics.append(Diagnostic("error", "search-index-internal", where, 0, catalog.MSG[
            "guard_index_internal"].format(count=len(internal), urls=", ".join(internal[:SHOWN]))))
    if missing:
        diagnostics.append(Diagnostic("warning", "search-index-incomplete", where, 0, catalog.MSG[
            "guard_index_incomplete"].format(count=len(missing), urls=", ".join(missing[:SHOWN]))))
    return diagnostics
