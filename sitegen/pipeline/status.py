"""Validity status, as the legal portals show it: which documents replace, amend or abolish a document.

A document's front-matter `relations` (thay-the, sua-doi, bai-bo) or a relation the citation engine reads in
its text ("… thay thế Quyết định số …") make an edge from the changing document to the changed one. Only a
document changes a document: an article that reports a replacement changes nothing. Pure functions over the
citation graph's runs of edges (one per citing page and part: cite/graph.py); the result is plain data on
each document (records.Change). The changes each run brings are kept with it, so that the next build reads
again only the runs that changed, and makes again only the changes of the pages those cite or cited.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from sitegen.base.catalog import RELATION_LABELS
from sitegen.cite.graph import Run
from sitegen.pipeline.records import Change

# Strongest first: a document replaced after an amendment is shown as replaced.
KINDS = ("bai-bo", "thay-the", "sua-doi")
UNCHANGED = "khong"  # the search filter's value for a document nothing is known to change
_KIND_OF = {**{label: key for key, label in RELATION_LABELS.items()}, **{key: key for key in RELATION_LABELS}}

K = TypeVar("K")  # a run's key (the graph's: part and citing file)


def relation_key(relation: str | None) -> str | None:
    """The key of a relation given by key or by label ("thay thế" -> "thay-the"), else None."""
    return _KIND_OF.get(relation or "")


def kind_of(relation: str | None) -> str | None:
    """ "thay-the" for a relation that changes its target (by key or by label), else None."""
    kind = relation_key(relation)
    return kind if kind in KINDS else None


@dataclass(frozen=True)
class Changes(Generic[K]):
    """The site's validity status and what each run of edges brought to it, for the next build."""

    of: dict[str, tuple[Change, ...]]  # target URL -> its changes, strongest first then by URL
    # each run that states a change (whatever its page is): its page's URL, whether that page was a document
    # with full text then, and target URL -> the changes the run states
    by_run: dict[K, tuple[str, bool, dict[str, frozenset[Change]]]]


def changes(runs: Mapping[K, Run], into: Mapping[str, Collection[K]], documents: Container[str],
            last: tuple[Mapping[K, Run], Changes[K]] | None = None) -> Changes[K]:
    """Each cited page's changes from the graph's runs of edges (`runs`: one per citing page and part, the
    same object while its edges are the same) and its links-in index (`into`: cited URL -> the keys of the
    runs with an edge to it). `documents`: URLs of the documents with full text (the only sources that
    change anything). `last`: the runs and the changes of the last build: only the runs that are not the
    same object (nor equal), or whose page became or stopped being a document, are read again, and only the
    pages they cite or cited have their changes made again (the others keep their objects). Without it, the
    same steps from nothing: the full build."""
    old_runs, before = last if last is not None else ({}, Changes[K]({}, {}))
    by_run = dict(before.by_run)
    again: set[str] = set()  # the pages whose changes are made again

    def read(key: K, run: Run) -> None:
        had = by_run.pop(key, None)
        if had is not None:
            again.update(had[2])
        stated = _stated(run)
        if stated:
            source = run[0][0].source_url  # a run is one page's
            by_run[key] = (source, source in documents, stated)
            again.update(stated)

    if runs is not old_runs:
        for key, run in runs.items():
            was = old_runs.get(key)
            if was is not run and (was is None or was != run):
                read(key, run)
        for key in old_runs.keys() - runs.keys():
            read(key, ())
    for key, kept in before.by_run.items():  # a page that became, or stopped being, a document
        source, full, stated = kept
        if by_run.get(key) is kept and (source in documents) != full:
            by_run[key] = (source, not full, stated)
            again.update(stated)
    if not again:
        return before if last is not None else Changes({}, by_run)
    of = dict(before.of)
    for target in again:
        found: set[Change] = set()
        for key in into.get(target, ()):
            brought = by_run.get(key)
            if brought is not None and brought[1]:
                found.update(brought[2].get(target, ()))
        made = tuple(sorted(found, key=lambda c: (KINDS.index(c.kind), c.by)))
        if not made:
            of.pop(target, None)
        elif of.get(target) != made:
            of[target] = made
    return Changes(of, by_run)


def _stated(run: Run) -> dict[str, frozenset[Change]]:
    """Target URL -> the changes one run of edges states (its page's relations of a changing kind)."""
    found: dict[str, set[Change]] = {}
    for occ, target in run:
        if occ.relation is None:  # most citations state none
            continue
        kind = kind_of(occ.relation)
        if kind and occ.source_url != target:
            found.setdefault(target, set()).add(Change(kind, occ.source_url))
    return {target: frozenset(made) for target, made in found.items()}


def status(changed_by: tuple[Change, ...]) -> str | None:
    """The strongest change, or None."""
    return changed_by[0].kind if changed_by else None
