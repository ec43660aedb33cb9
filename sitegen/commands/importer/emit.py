"""Front-matter + Markdown for an imported file, and its validation with the site's own schema.

A value the importer could not find is written as an empty placeholder that fails validation ("issuer: \"\""),
with a comment saying what to fill in: nothing is invented, and `sitegen check` will not let it through.
A value inferred rather than read (infer.py) carries a comment saying so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sitegen.base import catalog, yamldoc
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import PartialDate
from sitegen.pipeline import schema
from sitegen.pipeline.frontmatter import split_frontmatter


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class FrontMatter:
    """Ordered lines of front-matter; `missing` are the fields left as placeholders."""

    lines: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def text(self, key: str, value: str | None, required: bool = True, hint: str = "",
             note: str = "") -> None:
        """`note`: a comment after the value (what the editor should know of it)."""
        if value:
            self.lines.append(f"{key}: {quote(value)}" + (f"  # {note}" if note else ""))
        elif required:
            self.lines.append(f"{key}: \"\"  # {catalog.MSG['import_fill'].format(hint=hint or key)}")
            self.missing.append(key)

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def date(self, key: str, value: PartialDate | None, hint: str) -> None:
        if value is None:
            self.lines.append(f"{key}: \"\"  # {catalog.MSG['import_fill'].format(hint=hint)}")
            self.missing.append(key)
        elif value.month is None:
            self.lines.append(f"{key}: {value.year}  # {catalog.MSG['import_year_only_comment']}")
        else:
            self.lines.append(f"{key}: {value.iso()}")

    def items(self, key: str, values: list[str]) -> None:
        if values:
            self.lines.append(f"{key}:")
            self.lines.extend(f"  - {quote(v)}" for v in values)

    def render(self, body: str) -> str:
        return "---\n" + "\n".join(self.lines) + "\n---\n\n" + body.lstrip("\n")


def signer_lines(fm: FrontMatter, on_behalf: str | None, position: str | None, name: str | None) -> None:
    fm.raw("signer:")
    if on_behalf:
        fm.raw(f"  on_behalf: {quote(on_behalf)}")
    for key, value in (("position", position), ("name", name)):
        if value:
            fm.raw(f"  {key}: {quote(value)}")
        else:
            fm.raw(f"  {key}: \"\"  # {catalog.MSG['import_fill'].format(hint=key)}")
            fm.missing.append(f"signer.{key}")


def editorial_hints(fm: FrontMatter) -> None:
    """Fields only an editor can write, as comments (not data, so nothing empty is published)."""
    fm.raw(f"# summary: \"\"   # {catalog.MSG['import_summary_comment']}")
    fm.raw(f"# tags: []        # {catalog.MSG['import_tags_comment']}")


def validate(text: str, kind: str, file: str, types: Mapping[str, Any] | None) -> list[Diagnostic]:
    """The diagnostics `sitegen check` would give this file (front-matter schema, site type vocabulary)."""
    parts = split_frontmatter(text)
    assert parts is not None
    front, _, _ = parts
    try:
        data, lines = yamldoc.load(front)
    except yamldoc.YamlError as exc:  # cannot happen for what emit writes; kept so it never raises
        return [Diagnostic("error", "yaml-syntax", file, 1 + exc.line,
                           catalog.MSG["yaml_syntax"].format(problem=exc.problem))]
    context = {"types": types} if types is not None else {}
    _, diagnostics = schema.validate(kind, data or {}, lines, file, 1, context)
    return diagnostics
