"""Markdown: one configured markdown-it-py parser. Raw HTML is off: content is text, never markup.

Links to other content files ("[xem](../van-ban/a.md)") are rewritten at render time to the page URL
that file gets; the model decides the mapping and rejects links that leave content/.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from sitegen.cite.plugin import RESOLVE_KEY, citations_plugin
from sitegen.vi import slugify

FILE_LINKS_KEY = "sitegen_file_links"  # env at render time: {href as written: URL}


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify, permalink=False)
    md.use(citations_plugin)
    md.add_render_rule("link_open", _render_link_open)
    return md


def parse(md: MarkdownIt, text: str) -> tuple[list[Token], dict[str, Any]]:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    return tokens, env


def render(md: MarkdownIt, tokens: list[Token], env: dict[str, Any], resolve: Callable[..., Any] | None = None,
           file_links: dict[str, str] | None = None) -> str:
    env = dict(env)
    if resolve is not None:
        env[RESOLVE_KEY] = resolve
    if file_links:
        env[FILE_LINKS_KEY] = file_links
    return md.renderer.render(tokens, md.options, env)


def file_link_path(href: str) -> str | None:
    """The file a relative link names ("../a.md#muc" -> "../a.md"), or None for URLs and anchors."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    return path if path.endswith(".md") else None


def file_links(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    """(href, 0-based body line) of every link to a Markdown file."""
    found = []
    for tok in tokens:
        if tok.type != "inline" or not tok.children:
            continue
        for child in tok.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if file_link_path(href) is not None:
                    found.append((href, tok.map[0] if tok.map else 0))
    return found


def resolve_file_link(source: str, href: str) -> str | None:
    """Site-relative path of the file `href` names from `source` ("content/van-ban/a.md"); None if outside."""
    path = file_link_path(href)
    assert path is not None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return target if target.startswith("content/") else None


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: MutableMapping[str, Any]) -> str:
    tok = tokens[idx]
    mapping = env.get(FILE_LINKS_KEY)
    href = str(tok.attrGet("href") or "")
    if mapping and href in mapping:
        tok = tok.copy()  # tokens are cached across builds: never mutate them
        tok.attrs = dict(tok.attrs)
        fragment = urlsplit(href).fragment
        tok.attrSet("href", mapping[href] + (f"#{fragment}" if fragment else ""))
        return self.renderToken([tok], 0, options, env)
    return self.renderToken(tokens, idx, options, env)
