"""One object for equal immutable values that many records hold (a fact an output read, a front-matter key's
path, the sentences of a citation): the build cache's base pickles each object once and loads it as one
object again, but equal values that are distinct objects are pickled and loaded each on their own, and its
read is the making of those objects. At 10,000 documents 0.79 million of the 2.43 million objects its read
made, and 0.51 million of its 0.87 million strings, were such copies (bench/README.md, session 14). Sharing
them changes no value: every comparison of the model is by equality."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class Shared(Generic[T]):
    """A table of values: `one(value)` is the first value equal to it seen, or `value` itself. Cleared when
    it holds `limit` values (a long `serve` sees ever new facts): what it gave before stays valid."""

    def __init__(self, limit: int = 1_000_000) -> None:
        self._values: dict[T, T] = {}
        self._limit = limit

    def one(self, value: T) -> T:
        found = self._values.setdefault(value, value)
        if found is value and len(self._values) > self._limit:
            self._values = {value: value}
        return found
