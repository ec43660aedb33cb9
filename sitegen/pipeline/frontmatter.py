"""Load: one source text -> one validated Entry, or diagnostics. Pure: never opens a file."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from sitegen.base import catalog, folders, yamldoc
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.lazytext import LazyText
from sitegen.base.shared import Shared
from sitegen.pipeline import schema
from sitegen.pipeline.sources import Source

MAX_BYTES = 5_000_000  # a 20 MB "document" is a pasted mistake, not a bulletin text
_PATHS = Shared[yamldoc.Path]()  # every entry's ("title",)...: one object each (21 distinct of 162,000)


@dataclass(frozen=True)
class Entry(LazyText):  # its text read when first asked (base/lazytext.py)
    kind: str  # "van-ban" | "tin-bai" | "trang" | "ban-tin"
    source: str  # "content/van-ban/a.md"
    meta: schema.Meta
    # The Markdown, until it is parsed (`drop_body`); `digest` names it, so it takes no part in comparisons.
    body: str | None = field(compare=False)
    body_line: int  # file line of the body's first line
    digest: str
    key_lines: dict[yamldoc.Path, int] = field(default_factory=dict,
                                               compare=False)  # front-matter key -> file line

    def drop_body(self) -> None:
        """Let the body go once its parse is kept (parse.Memo, by `digest`): a build held every body's
        Markdown to its end beside the parsed HTML (0.2 GB at 10,000 documents), and the disk cache saved it.
        Read again from the file (`body_of`) if it must be parsed again (a new table of named forms). In
        place: the entry's identity is what the cache and assemble's kept values refer to."""
        object.__setattr__(self, "body", None)


class ChangedWhileBuilding(Exception):
    """A body read again from its file is not the one loaded: the file changed during the build."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.source = source


def body_of(text: str | None, entry: Entry, digest: str) -> str:
    """`entry`'s body from its file's text read again (digest `digest`); ChangedWhileBuilding when the file
    is no longer the one the entry was loaded from."""
    parts = split_frontmatter(text) if text is not None and digest == entry.digest else None
    if parts is None:
        raise ChangedWhileBuilding(entry.source)
    return parts[1]


def kind_of(path: str) -> str:
    parts = path.split("/")
    section = parts[1] if len(parts) > 2 and parts[0] == folders.CONTENT else ""
    return sys.intern(section) if section in folders.SECTIONS else folders.PAGES


def split_frontmatter(text: str) -> tuple[str, str, int] | None:
    """(yaml, body, body_line) or None when the file has no front-matter; raises ValueError if unclosed."""
    if not text.startswith("---\n"):
        return None
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise ValueError("unclosed")


def load_entry(source: Source, context: dict[str, Any]) -> tuple[Entry | None, list[Diagnostic]]:
    file = source.path
    if source.text is None:
        line = int(source.error) if source.error and source.error.isdigit() else 1
        return None, [Diagnostic("error", "not-utf8", file, line, catalog.MSG["not_utf8"])]
    limit = context.get("max_bytes", MAX_BYTES)
    if source.size > limit:
        message = catalog.MSG["too_large"].format(size=source.size / 1e6, limit=limit / 1e6)
        return None, [Diagnostic("error", "too-large", file, 0, message)]
    try:
        parts = split_frontmatter(source.text)
    except ValueError:
        return None, [Diagnostic("error", "unclosed-frontmatter", file, 1,
                                 catalog.MSG["unclosed_frontmatter"])]
    if parts is None:
        code = "empty-file" if not source.text.strip() else "no-frontmatter"
        return None, [Diagnostic("error", code, file, 1, catalog.MSG[code.replace("-", "_")])]
    front, body, body_line = parts
    try:
        data, lines = yamldoc.load(front)
    except yamldoc.YamlError as exc:
        return None, [Diagnostic("error", exc.code, file, 1 + exc.line, exc.message)]
    kind = kind_of(file)
    meta, diagnostics = schema.validate(kind, data if data is not None else {}, lines, file, 1, context)
    if meta is None:
        return None, diagnostics
    key_lines = {_PATHS.one(path): 1 + line for path, line in lines.items()}
    return Entry(kind, file, meta, body, body_line, source.digest, key_lines), diagnostics
