"""Validity status, as the legal portals show it: which documents replace, amend or abolish a document.

A document's front-matter `relations` (thay-the, sua-doi, bai-bo) or a relation the citation engine reads in
its text ("… thay thế Quyết định số …") make an edge from the changing document to the changed one. Only a
document changes a document: an article that reports a replacement changes nothing. Pure functions over the
citation graph's edges; the result is plain data on each document (records.Change).
"""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.base.catalog import RELATION_LABELS
from sitegen.pipeline.records import Change

# Strongest first: a document replaced after an amendment is shown as replaced.
KINDS = ("bai-bo", "thay-the", "sua-doi")
UNCHANGED = "khong"  # the search filter's value for a document nothing is known to change
_KIND_OF = {**{label: key for key, label in RELATION_LABELS.items()}, **{key: key for key in RELATION_LABELS}}


def relation_key(relation: str | None) -> str | None:
    """The key of a relation given by key or by label ("thay thế" -> "thay-the"), else None."""
    return _KIND_OF.get(relation or "")


def kind_of(relation: str | None) -> str | None:
    """ "thay-the" for a relation that changes its target (by key or by label), else None."""
    kind = relation_key(relation)
    return kind if kind in KINDS else None


def changes(edges: Iterable[tuple[str, str, str | None]],
            documents: set[str]) -> dict[str, tuple[Change, ...]]:
    """(source URL, target URL, relation) edges -> target URL -> its changes, strongest first then by URL.
    `documents`: URLs of the documents with full text (the only sources that change anything)."""
    found: dict[str, set[Change]] = {}
    for source, target, relation in edges:
        if relation is None:  # most citations state none
            continue
        kind = kind_of(relation)
        if kind and source in documents and source != target:
            found.setdefault(target, set()).add(Change(kind, source))
    return {target: tuple(sorted(changes, key=lambda c: (KINDS.index(c.kind), c.by)))
            for target, changes in found.items()}


def status(changed_by: tuple[Change, ...]) -> str | None:
    """The strongest change, or None."""
    return changed_by[0].kind if changed_by else None
