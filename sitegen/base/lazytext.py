"""Texts kept in a file and read when first asked for: the disk cache's base holds the site's texts (each
entry's Markdown, its parsed HTML, its record's filled HTML: 286 MB at 10,000 documents) in a file of their
own (pipeline/cache_base.py), and a build after one edit reads only the few it renders or parses again.

An object of a `LazyText` type loaded from the base has its text's place (`_lazy`) instead of the text in
its `__dict__`: the first read of the attribute reads the text (`os.pread`, safe in forked workers too) and
puts it where it belongs, so every later read is a plain attribute's. Its comparisons, digests and pickles
read it as any other field's value. A `LazyStr` is a text that a kept value (pipeline/derived.py) holds
itself; derived.py gives its callers the `str`, never the `LazyStr`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

# While `transient()` runs: each text read from its place (the object, the place it came from), and each
# text decoded into a `Texts` (the file, the place), to be put back when it ends.
_Read = tuple[list[tuple[Any, tuple[Any, ...], str]], list[tuple["Texts", tuple[int, int]]]]
_READ: list[_Read] = []


class Texts:
    """An open texts file, read by place; each text decoded once (the objects that share a place share the
    `str`). Open as long as an object refers to it: the file may be replaced or deleted meanwhile (a new
    base), its bytes stay readable through the open descriptor."""

    def __init__(self, path: Path, fd: int | None = None) -> None:
        """`fd`: the file open already (its own from then on), e.g. a temporary file with no name."""
        self.fd = os.open(path, os.O_RDONLY) if fd is None else fd
        self.path = path
        self.decoded: dict[tuple[int, int], str] = {}

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def raw(self, offset: int, size: int) -> bytes:
        data = os.pread(self.fd, size, offset)
        if len(data) != size:
            raise EOFError(f"{self.path}: cut short")
        return data

    def text(self, offset: int, size: int) -> str:
        text = self.decoded.get((offset, size))
        if text is None:
            text = self.decoded[(offset, size)] = self.raw(offset, size).decode()
            if _READ:
                _READ[-1][1].append((self, (offset, size)))
        return text

    def peek(self, offset: int, size: int) -> str:
        """The text at a place, not kept here (decoded again if asked again)."""
        text = self.decoded.get((offset, size))
        return text if text is not None else self.raw(offset, size).decode()

    def __del__(self) -> None:
        fd, self.fd = getattr(self, "fd", -1), -1  # -1: the file could not be opened
        if fd >= 0:
            os.close(fd)


class LazyStr:
    """A text at a place in a texts file, compared as the text it is."""

    __slots__ = ("offset", "size", "texts")

    def __init__(self, texts: Texts, offset: int, size: int) -> None:
        self.texts, self.offset, self.size = texts, offset, size

    def text(self) -> str:
        return self.texts.text(self.offset, self.size)

    def __eq__(self, other: object) -> bool:
        return self.text() == (other.text() if isinstance(other, LazyStr) else other)

    def __hash__(self) -> int:
        return hash(self.text())

    def __reduce__(self) -> tuple[Any, ...]:  # pickled elsewhere than in a base: the text itself
        return str, (self.text(),)


def plain(value: Any) -> Any:
    """`value`, or the text a LazyStr stands for."""
    return value.text() if type(value) is LazyStr else value


def is_loaded(obj: LazyText, name: str) -> bool:
    """Whether the field `name` of `obj` is in the heap (made here, or read from its place already), not
    (only) at its place in a texts file."""
    return name in obj.__dict__


def peek(obj: LazyText, name: str) -> Any:
    """The field `name` of `obj`; a text still at its place is read and left there, not put on the object: a
    text read once (a parse's HTML, read to fill its body's links) does not come back into the heap for the
    rest of the build."""
    state = obj.__dict__
    lazy = state.get("_lazy")
    if name not in state and lazy is not None and lazy[0] == name:
        return lazy[1].peek(lazy[2], lazy[3])
    return getattr(obj, name)


@contextmanager
def transient() -> Iterator[None]:
    """Texts read from their places inside go back to them at the end (the objects hold their places again,
    not the texts; read again if asked again): a process that renders many pages (a render worker, serve)
    kept every body it read (~33 MB of a render worker's 934 MiB peak at 10,000 documents)."""
    read: _Read = ([], [])
    _READ.append(read)
    try:
        yield
    finally:
        _READ.pop()
        for obj, lazy, text in read[0]:
            state = obj.__dict__
            if state.get(lazy[0]) is text and "_lazy" not in state:  # not set to another since
                del state[lazy[0]]
                state["_lazy"] = lazy
        for texts, place in read[1]:
            texts.decoded.pop(place, None)


class LazyText:
    """A type whose objects, loaded from a base, may hold the place of their text (`_lazy`: field name,
    texts file, offset, size) until it is first read."""

    if not TYPE_CHECKING:  # to mypy, these types have their fields only

        def __getattr__(self, name: str) -> Any:
            state = self.__dict__
            lazy = state.get("_lazy")
            if lazy is None or lazy[0] != name:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            text = lazy[1].text(lazy[2], lazy[3])
            state[name] = text
            del state["_lazy"]
            if _READ:
                _READ[-1][0].append((self, lazy, text))
            return text

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__
        lazy = state.get("_lazy")
        if lazy is None:
            return state
        if lazy[0] not in state:
            getattr(self, lazy[0])
        return {k: v for k, v in state.items() if k != "_lazy"}
