"""The build cache's index (cache.py) as it is kept on disk: its small fields in one row, and its maps (each
output's job key and the sha of its bytes, where it was written, the sources' stats, what search reads of
each page, the templates, the search shards: 7.35 MB at 10,000 documents) as rows of buckets in a table of
their own, `index_maps`, by cache_graph's put_map/join_map (one path for the citation graph's maps and
these). A save writes the buckets of the outputs and sources its build changed, in the transaction that
writes the index, whose row then holds their skeleton (each map empty); a new base (cache_base.py) leaves
this table as it is.
"""

from __future__ import annotations

import pickle
import sqlite3
from typing import Any

from sitegen.pipeline import cache_graph

TABLE = "index_maps"

Rows = dict[str, object]  # row key -> a bucket of one map (cache_graph.put_map)


def create(db: sqlite3.Connection) -> None:
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, data BLOB NOT NULL)")


def read(db: sqlite3.Connection, state: dict[str, Any]) -> tuple[Rows, cache_graph.Joined]:
    """The rows of the index's maps, and `state` (the index's row, loaded) with each map joined from them: a
    copy, since a build changes these maps in place while the joined ones stay what the rows hold."""
    rows = {key: pickle.loads(data)  # noqa: S301 - written by sitegen
            for key, data in db.execute(f"SELECT key, data FROM {TABLE}")}  # noqa: S608 - a constant
    joined = cache_graph.Joined()
    for name, value in state.items():
        if type(value) is dict:
            state[name] = dict(cache_graph.join_map(rows, joined, name))
    return rows, joined


def put(state: dict[str, Any], last: Rows, was: cache_graph.Joined) -> tuple[Rows, cache_graph.Joined]:
    """The maps of `state` (the index about to be saved) as rows of buckets, each emptied in `state`; a bucket
    whose values are `last`'s keeps its row object. A copy of each map is put: the build changes them in
    place."""
    rows: Rows = {}
    joined = cache_graph.Joined()
    for name, value in state.items():
        if type(value) is dict:
            cache_graph.put_map(rows, last, joined, was, name, dict(value))
            state[name] = {}
    return rows, joined


def write(db: sqlite3.Connection, rows: Rows, last: Rows) -> None:
    """The rows `put` made anew into the table, and those no longer used out of it (in the caller's
    transaction)."""
    made = [(key, pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL))
            for key, row in rows.items() if last.get(key) is not row]
    db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", made)  # noqa: S608 - a constant
    db.executemany(f"DELETE FROM {TABLE} WHERE key = ?", [(key,) for key in last.keys() - rows.keys()])  # noqa: S608
