"""Values of pure functions kept between builds, so that an edit costs what it changes.

Each value is kept under a name and an item (a source, a URL) with the inputs it was computed from; asked
again, it is computed again only when an input differs (compared by identity, then equality). Entries and
parses come from the build cache by content, so an unchanged file gives the same objects, and the values made
from them are the same objects too: the site model's comparisons (render/outputs.py) then stop at identity.
Everything here is also what a build without it computes: same functions, same results, no second path.
The configuration is an input of every value: a new one drops them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from sitegen.base.lazytext import LazyStr, plain
from sitegen.base.vi import KeptSortKeys, make_collator
from sitegen.pipeline.config import SiteConfig

if TYPE_CHECKING:  # assemble_edit keeps a Derived: only its type is named here
    from sitegen.pipeline.assemble_edit import Assembled

T = TypeVar("T")
_NONE: frozenset[tuple[str, str]] = frozenset()  # no key asked: one object (the cache pickles each frozenset)


class Derived:
    def __init__(self) -> None:
        self.config: SiteConfig | None = None
        self.collator = KeptSortKeys(make_collator())
        # (name, item) -> (inputs, value, the keys asked while computing it: kept with it)
        self._values: dict[tuple[str, str], tuple[tuple[Any, ...], Any, frozenset[tuple[str, str]]]] = {}
        self._asked: set[tuple[str, str]] = set()
        self._computing: list[set[tuple[str, str]]] = []  # the keys asked by each value being computed
        self.assembled: Assembled | None = None  # the last assemble, made under `config`

    def held(self) -> Iterator[Any]:
        """Every kept value and each of its inputs (what cache_base.spill looks through)."""
        for inputs, value, _ in self._values.values():
            yield value
            yield from inputs

    def swap_kept(self, swap: Callable[[Any], Any]) -> None:
        """Each kept value and input `v` replaced by `swap(v)` where that is another object (a text by its
        place: cache_base.spill); the keys asked with it stay."""
        for key, (inputs, value, inner) in list(self._values.items()):
            new = tuple(map(swap, inputs)), swap(value)
            if new[1] is not value or any(a is not b for a, b in zip(new[0], inputs, strict=True)):
                self._values[key] = (*new, inner)

    def begin(self, config: SiteConfig) -> None:
        """A build starts: values made under another configuration are dropped."""
        if config != self.config:
            self._values.clear()
            self.assembled = None
            self.config = config
        self._asked = set()

    def get(self, name: str, item: str, inputs: tuple[Any, ...], compute: Callable[..., T], *args: Any) -> T:
        """compute(*args), kept under (name, item) with `inputs`, which must hold everything it reads. Values
        asked while computing it are kept as long as it is (a kept value is not computed again, so they are
        not asked again)."""
        key = (name, item)
        if self._computing:
            self._computing[-1].add(key)
        kept = self._values.get(key)
        # tuples compare item by item, each by identity first, then equality (in C: asked ~30,000 times by a
        # citation edit at 10,000 documents)
        if kept is not None and kept[0] == inputs:
            if kept[2]:
                self._ask(key, kept[2])
            else:
                self._asked.add(key)
            value = kept[1]
            return value.text() if type(value) is LazyStr else value  # type: ignore[return-value]
        self._asked.add(key)
        self._computing.append(set())
        try:
            value = compute(*args)
        finally:
            asked = self._computing.pop()
            inner = frozenset(asked) if asked else _NONE
        self._values[key] = (inputs, value, inner)
        return value

    def kept(self, name: str, item: str) -> tuple[tuple[Any, ...], Any] | None:
        """The inputs and value kept under (name, item), if any."""
        kept = self._values.get((name, item))
        return (kept[0], plain(kept[1])) if kept is not None else None

    def put(self, name: str, item: str, inputs: tuple[Any, ...], value: Any) -> None:
        """Keep `value` as what get() would compute from `inputs` (its caller made it from the last value
        by a smaller step: taxonomies.resorted)."""
        self._values[(name, item)] = (inputs, value, _NONE)
        self._asked.add((name, item))

    def still(self, name: str, item: str) -> None:
        """The value kept under (name, item) is still this build's (its caller knows its inputs are the
        same): asked, so end() keeps it."""
        key = (name, item)
        kept = self._values.get(key)
        if kept is None:
            return
        if kept[2]:
            self._ask(key, kept[2])
        else:  # asked by nothing else: ~20,000 kept values of a full assemble at 10,000 documents
            self._asked.add(key)

    def _ask(self, key: tuple[str, str], inner: frozenset[tuple[str, str]]) -> None:
        self._asked.add(key)
        for child in inner - self._asked:
            kept = self._values.get(child)
            if kept is not None:
                self._ask(child, kept[2])

    def end(self, partial: bool = False) -> None:
        """A build is done: what it did not ask for (files gone, renamed) is dropped. `partial`: it asked only
        for what its edit changed (assemble_edit.py), the rest is still the last build's: nothing is
        dropped."""
        if not partial:
            if len(self._asked) != len(self._values):  # else every value was asked (asked ⊆ kept)
                self._values = {k: v for k, v in self._values.items() if k in self._asked}
            self.collator.end()
        self._asked = set()
