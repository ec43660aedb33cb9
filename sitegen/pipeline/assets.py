"""Images a content file shows (body images, front-matter `image` and `cover`) must be files the build
publishes: the site's static/ or the theme's assets. `sitegen verify` finds a missing one as a broken link in
the built pages; this says it earlier, in `check` and `build`, at the file and line that names it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import compress
from operator import is_not
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.frontmatter import Entry


def published_path(src: str, page_url: str, config: SiteConfig) -> str | None:
    """The output path an image address names from the page at `page_url` ("" for another site, a data:
    URI or the like), or None when it climbs out of the site."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return ""
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = posixpath.join(page_url, path)
    if path.startswith(config.base_path):
        path = "/" + path[len(config.base_path):]
    segments: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not segments:
                return None
            segments.pop()
        elif part not in ("", "."):
            segments.append(part)
    return "/".join(segments)


@cache
def _image_keys(meta: type[BaseModel]) -> tuple[str, ...]:
    """The front-matter keys of a kind of page that name an image. Asked of a kind without them, pydantic's
    __getattr__ raises: that was most of this check's time at 10,000 documents."""
    return tuple(key for key in ("image", "cover") if key in meta.model_fields)


@dataclass
class Checked:
    """What the last `check` found, kept by serve between builds: an entry is checked again only where the
    list holds another object at its place (an edited file: an unchanged one is the same object, the
    build cache's), or everything when `inputs` (configuration, published files, drafts, the parses' table of
    named forms) or the number of entries changed."""

    inputs: tuple[object, ...] = ()
    entries: list[Entry] = field(default_factory=list)
    found: dict[int, list[Diagnostic]] = field(default_factory=dict)  # place in `entries` -> what it reports


def check(entries: list[Entry], images_of: Callable[[Entry], Iterable[tuple[str, int]]],
          url_of: Callable[[Entry], str], config: SiteConfig, published: Collection[str], drafts: bool,
          kept: Checked | None = None, aliases: object = None) -> list[Diagnostic]:
    """`images_of`: (image src, 0-based body line) of an entry's body; drafts are checked only when built
    (`drafts`). `kept`: the last check's findings (serve's), updated; `aliases`: what the parses were made
    with (a value of `kept`'s inputs)."""
    kept = kept if kept is not None else Checked()
    inputs = (config, published, drafts, aliases)
    if len(entries) == len(kept.entries) and len(kept.inputs) == len(inputs) and \
            all(a is b or a == b for a, b in zip(kept.inputs, inputs, strict=True)):
        places: Iterable[int] = compress(range(len(entries)), map(is_not, entries, kept.entries))
    else:
        kept.found, places = {}, range(len(entries))
    for i in places:
        entry = entries[i]
        found = [] if not drafts and getattr(entry.meta, "draft", False) else \
            _check_one(entry, images_of(entry), url_of, config, published)
        if found:
            kept.found[i] = found
        else:
            kept.found.pop(i, None)
    kept.inputs, kept.entries = inputs, list(entries)
    return [d for i in sorted(kept.found) for d in kept.found[i]]


def _check_one(entry: Entry, images: Iterable[tuple[str, int]], url_of: Callable[[Entry], str],
               config: SiteConfig, published: Collection[str]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    refs = [(src, entry.body_line + line) for src, line in images]
    for key in _image_keys(type(entry.meta)):
        value = getattr(entry.meta, key)
        if isinstance(value, str) and value:
            refs.append((value, entry.key_lines.get((key,), 1)))
    url = url_of(entry) if refs else ""
    for src, line in refs:
        path = published_path(src, url, config)
        if path == "" or (path and path in published):
            continue
        key = "image_outside" if path is None else "image_missing"
        out.append(Diagnostic("error", key.replace("_", "-"), entry.source, line,
                              catalog.MSG[key].format(src=src)))
    return out
