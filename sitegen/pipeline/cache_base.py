"""The build cache's base: every row in one pickle (shared objects written once, loaded fast), and the texts
of the site beside it, in a file of their own.

The texts are each entry's Markdown, its parsed HTML and its record's filled HTML: three copies of every
body, most of the base's bytes. Pickling a `str` makes CPython attach its UTF-8 form to it for good
(`PyUnicode_AsUTF8AndSize`): the base's save added ~0.35 GB to a cold build's peak at 10,000 documents, and
the copies lived as long as the texts did. Written here with `str.encode`, a copy that goes at once; the
pickle holds where each text is (offset, size), and a text is read back (`os.pread`) as its object is
loaded. Both files are named by one digest of what was written to them; a text file cut short or gone makes
the base unreadable (the build says so and builds whole), never a wrong text.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from sitegen.base.files import replacing
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
        self.dispatch_table = copyreg.dispatch_table | dict.fromkeys(TEXTS, self._reduce)
        self.dispatch_table[_Text] = self._reduce_text

    def _span(self, text: str) -> tuple[int, int]:
        span = self.spans.get(id(text))  # the rows hold every text while they are written: ids stay theirs
        if span is None:
            data = text.encode()  # a copy that goes at once: the str keeps no UTF-8 form
            self.texts.write(data)
            span = self.spans[id(text)] = (self.offset, len(data))
            self.offset += len(data)
        return span

    def _reduce(self, obj: Any) -> Any:
        state = dict(obj.__dict__)
        name = TEXTS[type(obj)]
        if state[name] is not None:  # an entry whose Markdown went once parsed (Entry.drop_body) has none
            state[name] = self._span(state[name])
        return _with_text, (type(obj), tuple(state), tuple(state.values()))

    def _reduce_text(self, obj: _Text) -> Any:
        return _text_at, self._span(obj.text)


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
    """The rows of a base `write` made, each text read back from the text file (once for the objects that
    share it)."""
    with base.open("rb") as f, texts_of(base).open("rb") as t:
        fd, texts = t.fileno(), dict[tuple[int, int], str]()

        def text_at(offset: int, size: int) -> str:
            text = texts.get((offset, size))
            if text is None:
                data = os.pread(fd, size, offset)
                if len(data) != size:
                    raise EOFError(f"{texts_of(base)}: cut short")
                text = texts[(offset, size)] = data.decode()
            return text

        def with_text(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> object:
            state = dict(zip(names, values, strict=True))
            name = TEXTS[cls]
            if state[name] is not None:
                state[name] = text_at(*state[name])
            obj: object = object.__new__(cls)
            obj.__dict__.update(state)  # as pickle restores an object's state (frozen dataclasses too)
            return obj

        rows: dict[str, object] = _Unpickler(f, {"_with_text": with_text, "_text_at": text_at}).load()
        return rows
