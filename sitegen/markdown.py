"""Markdown: one configured markdown-it-py parser. Raw HTML is off: content is text, never markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from sitegen.cite.plugin import RESOLVE_KEY, citations_plugin
from sitegen.vi import slugify


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify, permalink=False)
    md.use(citations_plugin)
    return md


def parse(md: MarkdownIt, text: str) -> tuple[list[Token], dict[str, Any]]:
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    return tokens, env


def render(md: MarkdownIt, tokens: list[Token], env: dict[str, Any], resolve: Callable[..., Any] | None = None) -> str:
    env = dict(env)
    if resolve is not None:
        env[RESOLVE_KEY] = resolve
    return md.renderer.render(tokens, md.options, env)
