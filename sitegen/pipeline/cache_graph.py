"""The citation graph as the build cache keeps it (cache.py): the kept value `d:graph` (build_graph's inputs
and the graph, which the next build starts from) and assemble's `Linked` (the graph, titles, symbols...) are
split into a small row each (their skeleton: every map emptied) and rows of buckets, each bucket a part of one
map (cut by a stable digest of its keys: a page's source, a symbol key, a URL). A save writes the buckets an
edit changed, not the graph whole (~46 MB at 10,000 documents, 2.0-2.4 s of a citation edit's save): a
citation edit changes the buckets of the groups, stubs and pages it reaches (graph.py's push model keeps the
others' values, the same objects), a title edit the titles' bucket, a body edit none. A bucket whose values
are the last one's (the same objects, or equal ones) keeps its row object, so it is not written again.

Loaded (a base or its changed rows: one path), the buckets are joined into the maps again, the graph once for
both the kept value and `Linked` (the same object, as the build made them), its edges and runs made again
from what it keeps per page (graph.edge_lists, as build_graph makes them).

`put_map` and `join_map` are the one way a map is kept by buckets: the cache's index (cache.py) keeps its maps
by output and by source with them too. A joined map's keys are in the order of their buckets, not in the
order the build made them: what reads these maps looks keys up or sorts them (a test builds with every joined
map reversed and gets the same pages, warnings and job keys as a build without the cache).
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sitegen.cite.graph import Graph, edge_lists
from sitegen.cite.resolve import Resolved
from sitegen.pipeline.assemble_edit import Linked

GRAPH = "d:graph\0"  # the kept value of linking.citation_graph: (inputs, graph, keys asked)
LINKED = "linked"  # the skeleton of assemble's Linked (or, when it is not split, Linked whole)
SPLIT = "linked-split"  # present when the two rows above are skeletons with their buckets
BUCKETS = 256  # per map: a power of two

_LINKED_MAPS = ("symbols", "titles", "by_source", "changed")
_GRAPH_MAPS = ("targets", "cites", "cited_by")
_KEPT_MAPS = ("doc_types", "urls", "targets", "runs", "warnings", "into", "cited_pairs", "stubs", "conflicts")
_RESOLVED_MAPS = tuple(f.name for f in dataclasses.fields(Resolved))


@dataclass
class Joined:
    """Which map object the rows of its buckets hold (the last load's or save's), so that a save with the
    same map takes those rows as they are, without cutting it again."""

    maps: dict[str, dict[Any, Any]] = field(default_factory=dict)  # map name -> the map
    buckets: dict[str, list[str]] = field(default_factory=dict)  # map name -> the keys of its bucket rows
    graph: Graph | None = None  # the graph the row GRAPH holds (its skeleton while pickled: `hollow`)
    inputs: Any = None  # the kept value's inputs that row was made from
    linked: Linked | None = None  # the Linked the row LINKED was made from


def bucket(key: object) -> int:
    """A key's bucket, the same in every process: a string's, or a tuple's second item's (a page's source
    in (part, source) and (part, source, position); a group's key in (part, key)), or an identity's symbol
    key."""
    if type(key) is not str:
        key = key[1] if type(key) is tuple and len(key) > 1 else getattr(key, "key", key)
        if type(key) in (int, tuple):
            key = repr(key)  # plain values: the same text in every process
        elif type(key) is not str:  # a default repr holds an address: another bucket in the next build
            raise TypeError(f"no stable bucket for a key of type {type(key).__name__}")
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & (BUCKETS - 1)


def _row(name: str, index: int) -> str:
    return f"{name}\0{index}"  # `name` holds its prefix: "g:kept.runs", or the index's "written" (cache.py)


_NONE = object()


def put_map(rows: dict[str, object], last: dict[str, object], joined: Joined, was: Joined, name: str,
            values: dict[Any, Any]) -> None:
    """`values` as rows of buckets: the last rows when it is the map they hold; else the last rows of the
    buckets where no key came, went or holds another value (neither the same object nor an equal one), and
    those buckets cut again (each the last row's object when equal: an edit's graph is the last one's but
    for what it reached). Without a last map, every bucket is cut. The one way a map is kept by buckets:
    the citation graph's maps here, the cache index's (cache.py, which passes a copy of each map, as they
    change in place)."""
    then = was.maps.get(name)
    if then is values:
        keys = was.buckets[name]
        rows.update((key, last[key]) for key in keys)
        joined.maps[name], joined.buckets[name] = values, keys
        return
    parts: dict[int, dict[Any, Any]] = {}
    keys = []
    if then is None:
        for key, value in values.items():
            index = bucket(key)
            part = parts.get(index)
            if part is None:
                part = parts[index] = {}
            part[key] = value
    else:
        changed = [k for k, v in values.items() if (was_v := then.get(k, _NONE)) is not v and was_v != v]
        where = {k: bucket(k) for k in (*changed, *(then.keys() - values.keys()))}
        touched = set(where.values())
        for row in was.buckets[name]:
            if int(row.rpartition("\0")[2]) not in touched:
                rows[row] = last[row]
                keys.append(row)
        for index in touched:
            part = parts[index] = {}
            held: Any = last.get(_row(name, index), {})
            part.update((k, values[k]) for k in held if k in values)
        for key in changed:
            parts[where[key]][key] = values[key]
    for index, part in parts.items():
        if not part:
            continue
        row = _row(name, index)
        old: Any = last.get(row)
        if old is not None and len(old) == len(part) and (
                all(old.get(k, part) is v for k, v in part.items()) or old == part):
            part = old
        rows[row] = part
        keys.append(row)
    joined.maps[name], joined.buckets[name] = values, keys


def put(rows: dict[str, object], last: dict[str, object], was: Joined, linked: Linked) -> Joined:
    """Put `linked` and the kept graph it was made with into `rows` as skeletons and buckets (see above);
    `last`: the rows of the last load or save, `was`: what they held. Returns what the rows hold now. When the
    kept graph is not `linked`'s (no derived value), `linked` is one row, whole, as it was. The row GRAPH
    holds the graph itself (other kept values refer to it: status's changes), pickled as its skeleton
    (`hollow`)."""
    joined = Joined()
    kept: Any = rows.get(GRAPH)
    graph = linked.graph
    if kept is None or kept[1] is not graph or graph.kept is None:
        rows[LINKED] = linked
        return joined

    def maps(prefix: str, obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
        for name in names:
            put_map(rows, last, joined, was, f"g:{prefix}.{name}", getattr(obj, name))
        return dict.fromkeys(names, {})

    inputs = list(kept[0])
    for index, value in enumerate(inputs):
        if type(value) is dict:
            put_map(rows, last, joined, was, f"g:in{index}", value)
            inputs[index] = {}
    maps("resolved", graph.kept.resolved, _RESOLVED_MAPS)
    maps("kept", graph.kept, _KEPT_MAPS)
    maps("graph", graph, _GRAPH_MAPS)
    same = was.graph is graph and was.inputs is kept[0] and GRAPH in last
    rows[GRAPH] = last[GRAPH] if same else (tuple(inputs), graph, kept[2])
    skeleton = dict(graph=graph, **maps("linked", linked, _LINKED_MAPS))
    rows[LINKED] = last[LINKED] if was.linked is linked and LINKED in last else replace(linked, **skeleton)
    rows[SPLIT] = True
    joined.graph, joined.inputs, joined.linked = graph, kept[0], linked
    return joined


@contextmanager
def hollow(joined: Joined) -> Iterator[None]:
    """While the rows are pickled, the graph the row GRAPH holds is its skeleton (its maps in buckets), the
    same object: the rows that refer to it (LINKED, status's changes) find it there, as one object on load."""
    graph = joined.graph
    if graph is None or graph.kept is None:
        yield
        return
    whole = (graph.targets, graph.cites, graph.cited_by, graph.edges, graph.runs, graph.kept)
    empty: dict[str, Any] = dict.fromkeys(_RESOLVED_MAPS, {})
    resolved = replace(graph.kept.resolved, **empty)
    empty = dict.fromkeys(_KEPT_MAPS, {})
    graph.kept = replace(graph.kept, resolved=resolved, **empty)
    graph.targets, graph.cites, graph.cited_by, graph.edges, graph.runs = {}, {}, {}, [], []
    try:
        yield
    finally:
        graph.targets, graph.cites, graph.cited_by, graph.edges, graph.runs, graph.kept = whole


def join_map(rows: dict[str, object], joined: Joined, name: str) -> dict[Any, Any]:
    """The map `put_map` kept as `name`'s buckets in `rows`, in the order of its buckets (not the order it
    had: the cache's users look keys up, or sort them)."""
    values: dict[Any, Any] = {}
    keys = []
    for index in range(BUCKETS):
        row = _row(name, index)
        part: Any = rows.get(row)
        if part is not None:
            values.update(part)
            keys.append(row)
    joined.maps[name], joined.buckets[name] = values, keys
    return values


def join(rows: dict[str, object], linked: Any) -> tuple[Linked, tuple[Any, ...] | None, Joined]:
    """`linked` (the row LINKED as loaded) whole, the kept graph's value whole (None when not split), and
    what their rows hold. The graph is filled in place: every row that refers to it holds it whole."""
    joined = Joined()
    kept: Any = rows.get(GRAPH)
    if not rows.get(SPLIT) or kept is None or kept[1] is not linked.graph:
        return linked, None, joined

    def maps(prefix: str, names: tuple[str, ...]) -> dict[str, Any]:
        return {name: join_map(rows, joined, f"g:{prefix}.{name}") for name in names}

    inputs = tuple(join_map(rows, joined, f"g:in{index}") if type(value) is dict else value
                   for index, value in enumerate(kept[0]))
    graph: Graph = kept[1]
    assert graph.kept is not None
    resolved = replace(graph.kept.resolved, **maps("resolved", _RESOLVED_MAPS))
    graph.kept = replace(graph.kept, resolved=resolved, **maps("kept", _KEPT_MAPS))
    for name, values in maps("graph", _GRAPH_MAPS).items():
        setattr(graph, name, values)
    graph.edges, graph.runs = edge_lists(graph.kept)
    whole = replace(linked, **maps("linked", _LINKED_MAPS))
    joined.graph, joined.linked = graph, whole
    joined.inputs = inputs
    return whole, (inputs, graph, kept[2]), joined
