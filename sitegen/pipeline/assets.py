"""Images a content file shows (body images, front-matter `image` and `cover`) must be files the build
publishes: the site's static/ or the theme's assets. `sitegen verify` finds a missing one as a broken link in
the built pages; this says it earlier, in `check` and `build`, at the file and line that names it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Iterable
from functools import cache
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


def check(items: Iterable[tuple[Entry, Callable[[Entry], str], Iterable[tuple[str, int]]]],
          config: SiteConfig, published: Collection[str]) -> list[Diagnostic]:
    """`items`: (entry, what gives its page URL, (image src, 0-based body line) of its body)."""
    out: list[Diagnostic] = []
    for entry, url_of, images in items:
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
