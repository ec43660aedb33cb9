"""The build cache's rows as they are pickled into its database (cache.py): an object that several rows share
(an entry a value was made from, a parse, a record the site model lists) is pickled once, in its own row, and
referred to from the others (a call of `_referred` with its place); loaded, the references are the same
objects again."""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable
from typing import Any

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
    ~409,000 places at 10,000 documents; the save's pass 0.52-0.79 -> 0.42-0.52 s). Made with
    comprehensions and a loop without a call per item: the save walks ~150,000 rows and ~360,000 items
    at 10,000 documents."""
    plain = _PLAIN
    held = [(key, _held(key, row)) for key, row in rows.items()
            if key != ROOT and not key.startswith(UNSHARED)]
    items = [(key, value) for key, value in held
             if key.startswith("d:") and isinstance(value, (tuple, list))]
    # reversed: the first place an object has wins, as when it was added one by one
    out: dict[int, Ref] = {}
    for key, value in reversed(items):
        for index in range(len(value) - 1, -1, -1):
            item = value[index]
            if type(item) not in plain:
                out[id(item)] = (key, index)
    out.update({id(obj): (key, -1) for key, obj in reversed(held) if type(obj) not in plain})
    types = {type(obj) for _, obj in held}
    types.update(type(item) for _, value in items for item in value)
    return out, types - plain


class _Pickler(pickle.Pickler):
    """Objects kept in another row are written as a call of `_referred` with their place. Only their types go
    through Python (`dispatch_table`, looked up in C): strings, numbers and containers are written at C speed,
    and a container kept elsewhere is simply written again (loaded, it is an equal copy)."""

    def __init__(self, file: io.BytesIO, refs: dict[int, Ref], types: set[type], own: str) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.refs, self.own, self.used = refs, own, set[str]()
        self.dispatch_table = copyreg.dispatch_table | dict.fromkeys(types, self._reduce)

    def _reduce(self, obj: Any) -> Any:
        ref = self.refs.get(id(obj))
        if ref is None or ref[0] == self.own:
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        self.used.add(ref[0])
        return _referred, ref


def _referred(key: str, index: int) -> object:  # pragma: no cover - replaced by Loader.referred on load
    raise pickle.UnpicklingError(f"a reference outside the cache: {key}")


def dumps(obj: object, refs: dict[int, Ref], types: set[type], own: str,
          used: dict[str, frozenset[str]] | None = None) -> bytes:
    """The row `own` holding `obj`, pickled; `used`: told the rows it refers to."""
    if not refs:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    file = io.BytesIO()
    pickler = _Pickler(file, refs, types, own)
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
            self.rows[key] = _Unpickler(data, self.referred).load()
            self.used[key] = frozenset(self.loading.pop())
            self.busy.discard(key)
        return self.rows[key]

    def referred(self, key: str, index: int) -> object:
        self.loading[-1].add(key)
        obj = _held(key, self.row(key))
        return obj if index < 0 else obj[index]  # type: ignore[index]


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, referred: Callable[[str, int], object]) -> None:
        super().__init__(io.BytesIO(data))
        self.referred = referred

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_referred":
            return self.referred
        return super().find_class(module, name)
