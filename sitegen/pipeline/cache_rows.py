"""The build cache's rows as they are pickled into its database (cache.py): an object that several rows share
(an entry a value was made from, a parse, a record the site model lists) is pickled once, in its own row, and
referred to from the others (a call of `_referred` with its place); loaded, the references are the same
objects again."""

from __future__ import annotations

import copyreg
import io
import operator
import pickle
from collections.abc import Callable
from itertools import chain, compress, repeat
from typing import Any, cast

ROOT = "root"  # the row of the site model's skeleton, the outputs' records and assemble's per-page state
Ref = tuple[str, int]  # (row key, -1 for the row's object or the index of an element of it)


_PLAIN = {type(None), bool, int, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset}


def _held(key: str, row: Any) -> object:
    """The object a row keeps: an entry's (entry, diagnostics) gives the entry, a kept value's (inputs,
    value, keys asked) the value; any other row is its object."""
    return row[0] if key.startswith("e:") else row[1] if key.startswith("d:") else row


UNSHARED = ("o:", "k:")  # rows nothing refers to: outputs' records, the orders of assemble's per-page maps


def refs(rows: dict[str, object]) -> tuple[dict[int, Ref], set[type]]:
    """id(object) -> where it is kept: each entry, parse, kept value and per-page row (the first row that
    holds it), then the items of kept tuples (the site model's lists of records and edges are made of them);
    and the types of those objects that are sitegen's own (only those are looked up while pickling). Objects
    of plain types (strings, tuples, None...) are left out: the pickler never looks them up (40 % of the
    ~409,000 places at 10,000 documents; the save's pass 0.52-0.79 -> 0.42-0.52 s). The save walks ~130,000
    rows and ~96,000 items at 10,000 documents: each row's type is taken once (`map`), and the rows' places
    are made in C (`compress`, `zip`), not a test and a tuple a row in Python (CPU 0.215 -> 0.196 s)."""
    plain = _PLAIN
    keys = [key for key in rows if key != ROOT and not key.startswith(UNSHARED)]
    held = [row[0] if key[:2] == "e:" else row[1] if key[:2] == "d:" else row  # type: ignore[index]
            for key, row in zip(keys, map(rows.__getitem__, keys), strict=True)]
    kinds = list(map(type, held))
    types = set(kinds)
    tuples = [(key, value) for key, value in zip(keys, held, strict=True)
              if key[:2] == "d:" and isinstance(value, (tuple, list))]
    # reversed: the first place an object has wins, as when it was added one by one
    out: dict[int, Ref] = {}
    for key, value in reversed(tuples):
        for index in range(len(value) - 1, -1, -1):
            item = value[index]
            kind = type(item)
            if kind not in plain:
                out[id(item)] = (key, index)
                types.add(kind)
    own = [kind not in plain for kind in kinds]
    places = list(zip(compress(keys, own), repeat(-1)))
    out.update(zip(map(id, reversed(list(compress(held, own)))), reversed(places), strict=True))
    return out, types - plain


class _Joined:
    """A tuple field that is the kept tuples of other rows one after another (the site model's edges: each
    citing page's run), to be written as those rows' keys."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys


class _Pickler(pickle.Pickler):
    """Objects kept in another row are written as a call of `_referred` with their place. Only their types go
    through Python (`dispatch_table`, looked up in C): strings, numbers and containers are written at C speed,
    and a container kept elsewhere is simply written again (loaded, it is an equal copy). A field of an
    object written here that is other rows' kept tuples end to end is written as one call of `_joined` with
    their keys, not a reference an item: the site model's 66,082 edges at 10,000 documents, ~8,000 runs."""

    def __init__(self, file: io.BytesIO, refs: dict[int, Ref], types: set[type], own: str,
                 rows: dict[str, object]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.refs, self.own, self.used, self.rows = refs, own, set[str](), rows
        self.dispatch_table = copyreg.dispatch_table | dict.fromkeys(types, self._reduce)
        self.dispatch_table[_Joined] = self._reduce_joined

    def _reduce(self, obj: Any) -> Any:
        ref = self.refs.get(id(obj))
        if ref is None or ref[0] == self.own:
            reduced = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
            state = reduced[2] if len(reduced) > 2 else None
            if type(state) is not dict:
                return reduced
            joined = {name: _Joined(keys) for name, value in state.items()
                      if type(value) is tuple and len(value) > 1 and (keys := self._runs(value))}
            return (*reduced[:2], state | joined, *reduced[3:]) if joined else reduced
        self.used.add(ref[0])
        return _referred, ref

    def _runs(self, value: tuple[Any, ...]) -> tuple[str, ...] | None:
        """The keys of the rows whose kept tuples `value` is, end to end; None if it is not."""
        keys: list[str] = []
        start, refs = 0, self.refs
        while start < len(value):
            ref = refs.get(id(value[start]))
            if ref is None or ref[1] != 0 or ref[0] == self.own or ref[0] not in self.rows:
                return None
            run = _held(ref[0], self.rows[ref[0]])
            if type(run) is not tuple or not all(map(operator.is_, run, value[start:start + len(run)])):
                return None
            keys.append(ref[0])
            start += len(run)
        return tuple(keys) if start == len(value) else None

    def _reduce_joined(self, obj: _Joined) -> Any:
        self.used.update(obj.keys)
        return _joined, (obj.keys,)


def _referred(key: str, index: int) -> object:  # pragma: no cover - replaced by Loader.referred on load
    raise pickle.UnpicklingError(f"a reference outside the cache: {key}")


def _joined(keys: tuple[str, ...]) -> object:  # pragma: no cover - replaced by Loader.joined on load
    raise pickle.UnpicklingError(f"a reference outside the cache: {keys[:1]}")


def dumps(obj: object, refs: dict[int, Ref], types: set[type], own: str,
          used: dict[str, frozenset[str]] | None = None, rows: dict[str, object] | None = None) -> bytes:
    """The row `own` holding `obj`, pickled; `used`: told the rows it refers to; `rows`: the rows `refs`
    was made from (a field made of their kept tuples is written as their keys)."""
    if not refs:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    file = io.BytesIO()
    pickler = _Pickler(file, refs, types, own, rows if rows is not None else {})
    pickler.dump(obj)
    if used is not None:
        used[own] = frozenset(pickler.used)
    return file.getvalue()


class Loader:
    """The base's rows, then the changed rows over them, each unpickled once: a reference gives the same
    object everywhere (a row of the delta first, else the base's)."""

    def __init__(self, base: dict[str, object], delta: dict[str, bytes]) -> None:
        self.rows, self.delta, self.busy = base, delta, set[str]()
        self.loading: list[set[str]] = []
        self.used: dict[str, frozenset[str]] = {}  # a changed row -> the rows it refers to (a base's: none)

    def all(self) -> dict[str, object]:
        for key in list(self.delta):
            self.row(key)
        return self.rows

    def row(self, key: str) -> Any:
        data = self.delta.pop(key, None)
        if data is not None:
            if key in self.busy:
                raise ValueError(f"rows refer to each other: {key}")
            self.busy.add(key)
            if not data:  # deleted since the base
                self.rows.pop(key, None)
                return None
            self.loading.append(set())
            self.rows[key] = _Unpickler(data, self.referred, self.joined).load()
            self.used[key] = frozenset(self.loading.pop())
            self.busy.discard(key)
        return self.rows[key]

    def referred(self, key: str, index: int) -> object:
        self.loading[-1].add(key)
        obj = _held(key, self.row(key))
        return obj if index < 0 else obj[index]  # type: ignore[index]

    def joined(self, keys: tuple[str, ...]) -> tuple[object, ...]:
        self.loading[-1].update(keys)
        return tuple(chain.from_iterable(cast(tuple[object, ...], _held(key, self.row(key))) for key in keys))


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, referred: Callable[[str, int], object],
                 joined: Callable[[tuple[str, ...]], object]) -> None:
        super().__init__(io.BytesIO(data))
        self.loaders = {"_referred": referred, "_joined": joined}

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name in self.loaders:
            return self.loaders[name]
        return super().find_class(module, name)
