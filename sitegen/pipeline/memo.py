"""Bodies parsed once: the alias table every parse depends on, and the memo of parses by content hash."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from sitegen.pipeline import parse as markdown
from sitegen.pipeline import schema
from sitegen.cite.aliases import AliasTable, build_table
from sitegen.pipeline.config import SiteConfig
from sitegen.base.diagnostics import Diagnostic
from sitegen.pipeline.frontmatter import Entry

PARALLEL_MIN = 64  # below this, starting worker processes costs more than it saves
_WORKER_PARSER: list[Any] = []  # [(alias table, parser)]


def _parse_in_worker(body: str, aliases: AliasTable) -> markdown.Parsed:
    if not _WORKER_PARSER or _WORKER_PARSER[0][0] != aliases:
        _WORKER_PARSER[:] = [(aliases, markdown.make_parser(aliases))]
    return markdown.parse_body(_WORKER_PARSER[0][1], body)


@dataclass
class Memo:
    """Parsed bodies keyed by content hash; the caller keeps it across builds (serve: in memory)."""

    parsed: dict[str, markdown.Parsed] = field(default_factory=dict)
    aliases: AliasTable = field(default_factory=AliasTable)  # what every parse in `parsed` was made with

    def use_aliases(self, table: AliasTable) -> None:
        """A parse depends on the alias table (named forms become citations): a new table forgets them all."""
        if table != self.aliases:
            self.parsed.clear()
            self.aliases = table

    def parse(self, md: Any, entry: Entry) -> markdown.Parsed:
        if entry.digest not in self.parsed:
            self.parsed[entry.digest] = markdown.parse_body(md, entry.body)
        return self.parsed[entry.digest]

    def parse_many(self, entries: Iterable[Entry], workers: int) -> None:
        """Parse every body not yet known, across `workers` processes when there are many."""
        todo = {e.digest: e.body for e in entries if e.digest not in self.parsed}
        if workers > 1 and len(todo) >= PARALLEL_MIN:
            with ProcessPoolExecutor(workers) as pool:
                parsed = pool.map(_parse_in_worker, todo.values(), repeat(self.aliases),
                                  chunksize=max(1, len(todo) // (workers * 8)))
                self.parsed.update(zip(todo, parsed))
        else:
            md = markdown.make_parser(self.aliases)
            self.parsed.update((digest, markdown.parse_body(md, body)) for digest, body in todo.items())

    def prune(self, entries: Iterable[Entry]) -> None:
        """Forget what no current source needs (deleted or edited files)."""
        live = {e.digest for e in entries}
        self.parsed = {k: v for k, v in self.parsed.items() if k in live}


def alias_table(entries: Iterable[Entry], config: SiteConfig) -> tuple[AliasTable, list[Diagnostic]]:
    """Named forms of documents: site.yaml `aliases`, then each document's front-matter `aliases`."""
    docs = [(e.source, e.meta.aliases, e.meta.number, (e.meta.date.year, e.meta.date.month, e.meta.date.day),
             e.meta.type) for e in sorted(entries, key=lambda e: e.source)
            if isinstance(e.meta, schema.DocumentMeta) and e.meta.aliases and not e.meta.draft]
    table, dropped = build_table(config.aliases, docs)
    return table, [Diagnostic("warning", "alias-conflict", source, 1, message) for source, message in dropped]
