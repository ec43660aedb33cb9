"""The build cache's base: every row in one pickle (shared objects written once, loaded fast), and the texts
of the site beside it, in a file of their own.

The texts are each entry's Markdown, its parsed HTML and its record's filled HTML: three copies of every
body, most of the base's bytes. Pickling a `str` makes CPython attach its UTF-8 form to it for good
(`PyUnicode_AsUTF8AndSize`): the base's save added ~0.35 GB to a cold build's peak at 10,000 documents, and
the copies lived as long as the texts did. Written here with `str.encode`, a copy that goes at once; the
pickle holds where each text is (offset, size), and a text is read back (`os.pread`) when it is first asked
for (base/lazytext.py): a build after one edit reads the few it parses or renders again, not 286 MB at
10,000 documents. Written again into a new base, a text never read is copied as bytes. Both files are named
by one digest of what was written to them; a text file cut short or gone makes the base unreadable (the build
says so and builds whole), never a wrong text.
"""

from __future__ import annotations

import copyreg
import ctypes
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from sitegen.base.files import replacing
from sitegen.base.lazytext import LazyStr, Texts
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.editions import Edition
from sitegen.pipeline.frontmatter import Entry
from sitegen.pipeline.parse import Parsed
from sitegen.pipeline.records import Article, Document, Page

TEXTS: dict[type, str] = {Entry: "body", Parsed: "html", Document: "body_html", Article: "body_html",
                          Page: "body_html", Edition: "body_html"}  # type -> the field of its text
SUFFIX = ".pickle"


def texts_of(base: Path) -> Path:
    """The file of a base's texts."""
    return base.with_suffix(".texts")


class _Hashed:
    """A file being written that digests what goes through it."""

    def __init__(self, file: BinaryIO, sha: Any) -> None:
        self.file, self.sha = file, sha

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.file.write(data)


class _Text:
    """A kept value that is a text (assemble's filled body, derived.py), to be written with the texts."""

    def __init__(self, text: str) -> None:
        self.text = text


class _Pickler(pickle.Pickler):
    """Objects of TEXTS's types are written as a call of `_with_text` with their fields, the text's place
    in the text file instead of the text (their types alone go through Python: `dispatch_table`); a text
    that several objects hold is written once, and loads as one object again."""

    def __init__(self, file: _Hashed, texts: _Hashed) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.texts, self.offset, self.spans = texts, 0, dict[int, tuple[int, int]]()
        self.copied = dict[tuple[int, int, int], tuple[int, int]]()  # (id of Texts, offset, size) -> span
        self.dispatch_table = copyreg.dispatch_table | dict.fromkeys(TEXTS, self._reduce)
        self.dispatch_table[_Text] = self._reduce_text
        self.dispatch_table[LazyStr] = self._reduce_lazy

    def _span(self, text: str) -> tuple[int, int]:
        span = self.spans.get(id(text))  # the rows hold every text while they are written: ids stay theirs
        if span is None:
            data = text.encode()  # a copy that goes at once: the str keeps no UTF-8 form
            self.texts.write(data)
            span = self.spans[id(text)] = (self.offset, len(data))
            self.offset += len(data)
        return span

    def _copy(self, texts: Texts, offset: int, size: int) -> tuple[int, int]:
        """The place of a text of the last base in this one: decoded already, as a `str`; else its bytes."""
        text = texts.decoded.get((offset, size))
        if text is not None:
            return self._span(text)
        span = self.copied.get((id(texts), offset, size))  # the last base's Texts live while this is written
        if span is None:
            self.texts.write(texts.raw(offset, size))
            span = self.copied[(id(texts), offset, size)] = (self.offset, size)
            self.offset += size
        return span

    def _reduce(self, obj: Any) -> Any:
        state = dict(obj.__dict__)
        name = TEXTS[type(obj)]
        lazy = state.pop("_lazy", None)
        if name not in state:  # its text not read since it was loaded
            state[name] = self._copy(*lazy[1:])
        elif state[name] is not None:  # an entry whose Markdown went once parsed (Entry.drop_body) has none
            state[name] = self._span(state[name])
        return _with_text, (type(obj), tuple(state), tuple(state.values()))

    def _reduce_text(self, obj: _Text) -> Any:
        return _text_at, self._span(obj.text)

    def _reduce_lazy(self, obj: LazyStr) -> Any:
        return _text_at, self._copy(obj.texts, obj.offset, obj.size)


def _with_text(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> object:  # pragma: no cover
    raise pickle.UnpicklingError("a text outside its base")  # replaced by read()'s own on load


def _text_at(offset: int, size: int) -> str:  # pragma: no cover
    raise pickle.UnpicklingError("a text outside its base")  # replaced by read()'s own on load


def _texts_apart(rows: dict[str, object]) -> dict[str, object]:
    """`rows` with each text a kept value holds itself (a `d:` row: (inputs, value, keys asked); assemble's
    filled body is the value of one and an input of its record's) marked to be written with the texts, so
    that no copy of it is pickled as a str. ASCII texts are their own UTF-8: left as they are."""
    def apart(value: object) -> object:
        return _Text(value) if isinstance(value, str) and not value.isascii() else value

    out = dict(rows)
    for key, row in rows.items():
        if key.startswith("d:") and isinstance(row, tuple):
            inputs, value, *rest = row
            out[key] = (tuple(apart(v) for v in inputs), apart(value), *rest)
    return out


def write(folder: Path, stem: str, rows: dict[str, object]) -> str:
    """All rows, pickled straight into a new file (frame by frame: the whole pickle in memory first was the
    build's peak, +0.5 GB at 10,000 documents), their texts into another; the pickle's name."""
    # The heap's free pages go back to the system first (`_trim`): a cold build's render and search stages
    # leave ~0.2 GB of them at 10,000 documents, and the pickler's memo (a table of every object it wrote,
    # ~3.75 million: 128 MiB, 192 while it grows) came on top of them: the build's peak, 1.07 GB.
    _trim()
    sha = hashlib.sha256()
    new = folder / f"{stem}-base-new{SUFFIX}"
    with replacing(texts_of(new)) as t, replacing(new) as f:
        _Pickler(_Hashed(f, sha), _Hashed(t, sha)).dump(_texts_apart(rows))
    name = f"{stem}-base-{sha.hexdigest()[:16]}{SUFFIX}"
    os.replace(texts_of(new), texts_of(folder / name))
    os.replace(new, folder / name)
    return name


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO, loaders: dict[str, Callable[..., object]]) -> None:
        super().__init__(file)
        self.loaders = loaders

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name in self.loaders:
            return self.loaders[name]
        return super().find_class(module, name)


def read(base: Path) -> dict[str, object]:
    """The rows of a base `write` made, each text left in the text file until it is asked for (one place
    for the objects that share it); a text file shorter than the places it must hold makes it unreadable."""
    texts = Texts(texts_of(base))
    lazy, end = dict[tuple[int, int], LazyStr](), 0

    def text_at(offset: int, size: int) -> LazyStr:
        nonlocal end
        text = lazy.get((offset, size))
        if text is None:
            text = lazy[(offset, size)] = LazyStr(texts, offset, size)
            end = max(end, offset + size)
        return text

    def with_text(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> object:
        nonlocal end
        state = dict(zip(names, values, strict=True))
        name = TEXTS[cls]
        span = state[name]
        if span is not None:
            del state[name]
            state["_lazy"] = (name, texts, *span)  # read when first asked for (base/lazytext.py)
            end = max(end, span[0] + span[1])
        obj: object = object.__new__(cls)
        obj.__dict__.update(state)  # as pickle restores an object's state (frozen dataclasses too)
        return obj

    with base.open("rb") as f:
        rows: dict[str, object] = _Unpickler(f, {"_with_text": with_text, "_text_at": text_at}).load()
    if texts.size() < end:
        raise EOFError(f"{texts_of(base)}: cut short")
    return rows


SPILLED = (Parsed, Document, Article, Page, Edition)  # the types whose text `spill` writes out


def spill(folder: Path | None, objects: Iterable[object], derived: Derived) -> OSError | None:
    """Write the texts of `objects` (parses and records: their HTML, the heaviest part of the site model) to
    a temporary file with no name in `folder` (the system's temporary folder when None) and leave each
    object the place of its text, read again when first asked for (base/lazytext.py), as a base's are; a
    kept value of `derived` that is one of those texts becomes its place too (a `LazyStr`). Done before the
    render workers fork: at 10,000 documents the parses' HTML (~0.26 GB) and the filled bodies (~0.22 GB)
    were held by this process and by each worker for the whole render, and each worker reads only the
    bodies of the pages it renders. A save copies them into the base as bytes. The error (nothing changed)
    when the file cannot be made or written, else None."""
    try:
        file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - its descriptor goes to the Texts
    except OSError as exc:
        if folder is None:
            exc.filename = exc.filename or tempfile.gettempdir()
            return exc
        return spill(None, objects, derived)  # a read-only site folder: the system's temporary folder
    spans: dict[int, tuple[int, int]] = {}
    held: list[str] = []  # every text written, alive until the objects hold their places: ids stay theirs
    lazy: list[tuple[object, str, str]] = []
    offset = 0
    try:
        with file:
            for obj in objects:
                if type(obj) not in SPILLED:
                    continue
                name = TEXTS[type(obj)]
                text = obj.__dict__.get(name)
                if not isinstance(text, str) or not text:
                    continue
                span = spans.get(id(text))
                if span is None:
                    data = text.encode()  # a copy that goes at once: the str keeps no UTF-8 form
                    file.write(data)
                    span = spans[id(text)] = (offset, len(data))
                    offset += len(data)
                    held.append(text)
                lazy.append((obj, name, text))
            file.flush()
            texts = Texts(folder or Path(tempfile.gettempdir()), os.dup(file.fileno()))
    except OSError as exc:
        exc.filename = exc.filename or str(folder or tempfile.gettempdir())
        return exc
    places: dict[int, LazyStr] = {}
    for obj, name, text in lazy:
        state = obj.__dict__
        if state.get(name) is text:  # as pickle restores it: the field gone, its place instead
            del state[name]
            state["_lazy"] = (name, texts, *spans[id(text)])
    def place(v: object) -> object:
        if type(v) is not str or id(v) not in spans:
            return v
        found = places.get(id(v))
        if found is None:
            found = places[id(v)] = LazyStr(texts, *spans[id(v)])
        return found

    derived.swap_kept(place)
    del lazy, held
    _trim()
    return None


def _trim() -> None:
    """Give the heap's free pages back to the system (glibc's `malloc_trim`, ~30 ms at 10,000 documents):
    after a spill, the texts were tens of KB each, in the middle of the heap, and their pages stayed in this
    process's RSS, which forked workers start from; before a base is written, see `write`. Nothing where
    there is no glibc."""
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass
