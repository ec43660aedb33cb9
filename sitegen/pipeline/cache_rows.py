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


_PLAIN = (type(None), bool, int, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset)


def _shared(obj: object) -> bool:
    """Can be referred to: an instance of one of sitegen's own types (a record, an entry, a parse)."""
    return type(obj) not in _PLAIN


def refs(rows: dict[str, object]) -> tuple[dict[int, Ref], set[type]]:
    """id(object) -> where it is kept: each entry, parse and kept value, then the items of kept tuples (the
    site model's lists of records and edges are made of them); and the types of those objects."""
    refs: dict[int, Ref] = {}
    types: set[type] = set()

    def add(obj: object, ref: Ref) -> None:
        if _shared(obj) and id(obj) not in refs:
            refs[id(obj)] = ref
            types.add(type(obj))

    for key, row in rows.items():
        if key != ROOT:
            add(row[0] if key.startswith("e:") else row[1] if key.startswith("d:") else row,  # type: ignore[index]
                (key, -1))
    for key, row in rows.items():
        value = row[1] if key.startswith("d:") else None  # type: ignore[index]
        if isinstance(value, (tuple, list)):
            for index, item in enumerate(value):
                add(item, (key, index))
    return refs, types


class _Pickler(pickle.Pickler):
    """Objects kept in another row are written as a call of `_referred` with their place. Only their types go
    through Python (`dispatch_table`, looked up in C): strings, numbers and containers are written at C speed,
    and a container kept elsewhere is simply written again (loaded, it is an equal copy)."""

    def __init__(self, file: io.BytesIO, refs: dict[int, Ref], types: set[type], own: str) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.refs, self.own = refs, own
        self.dispatch_table = copyreg.dispatch_table | dict.fromkeys(types, self._reduce)

    def _reduce(self, obj: Any) -> Any:
        ref = self.refs.get(id(obj))
        if ref is None or ref[0] == self.own:
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        return _referred, ref


def _referred(key: str, index: int) -> object:  # pragma: no cover - replaced by Loader.referred on load
    raise pickle.UnpicklingError(f"a reference outside the cache: {key}")


def dumps(obj: object, refs: dict[int, Ref], types: set[type], own: str) -> bytes:
    if not refs:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    file = io.BytesIO()
    _Pickler(file, refs, types, own).dump(obj)
    return file.getvalue()


class Loader:
    """The base's rows, then the changed rows over them, each unpickled once: a reference gives the same
    object everywhere (a row of the delta first, else the base's)."""

    def __init__(self, base: dict[str, object], delta: dict[str, bytes]) -> None:
        self.rows, self.delta, self.busy = base, delta, set[str]()

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
            self.rows[key] = _Unpickler(data, self.referred).load()
            self.busy.discard(key)
        return self.rows[key]

    def referred(self, key: str, index: int) -> object:
        row = self.row(key)
        obj = row[0] if key.startswith("e:") else row[1] if key.startswith("d:") else row
        return obj if index < 0 else obj[index]


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, referred: Callable[[str, int], object]) -> None:
        super().__init__(io.BytesIO(data))
        self.referred = referred

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_referred":
            return self.referred
        return super().find_class(module, name)
