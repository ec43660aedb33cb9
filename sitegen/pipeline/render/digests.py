"""Digests of what each output is made from (templates and context), so unchanged outputs are not rendered."""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from sitegen.pipeline import sources
from sitegen.pipeline.editions import Edition
from sitegen.pipeline.records import Article, Document, Page
from sitegen.pipeline.render.env import THEME_TEMPLATES

SHARED_KEYS = frozenset({"site", "ui", "nav"})  # Renderer.common: digested once per build, not once per page


def _with_body_digest(fields: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    def reduce(record: Any) -> tuple[Any, ...]:
        values = tuple(getattr(record, name) for name in fields)
        body = hashlib.sha256(record.body_html.encode("utf-8", "surrogatepass")).digest()
        return type(record), (*values, body)
    return reduce


# Records with a body are digested with their body's digest in its place: CPython keeps the UTF-8 form of
# every str pickled, attached to it for good (1.5 bytes a character of Vietnamese beside the 2 the text
# takes), and the records' bodies live to the end of the build (and in every render worker forked after).
_DISPATCH = copyreg.dispatch_table | {
    cls: _with_body_digest(tuple(f.name for f in dataclasses.fields(cls) if f.name != "body_html"))
    for cls in (Document, Article, Page, Edition)}


def canonical_bytes(data: Any) -> bytes:
    """A complete, C-speed serialisation of plain data (repr was 30 % of a warm build). Pickle's memo makes
    its bytes depend on which equal objects are shared (a freshly parsed body and one from the disk cache
    differ): "fast" mode writes every object in full, so equal data gives equal bytes."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo (nor cycles: the site model has none)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(data)
    return buffer.getvalue()


# References by (name, digest of the source), for this process: content-addressed, so any build may reuse
# them; a first build without a cache (a new site, each test) parsed every template (~0.45 s).
_PARSED: dict[tuple[str, str], tuple[str, ...]] = {}


def _references(env: jinja2.Environment, text: str, name: str, filename: str | None) -> tuple[str, ...]:
    """Templates a template's source extends, includes or imports."""
    return tuple(ref for ref in jinja2.meta.find_referenced_templates(env.parse(text, name, filename)) if ref)


def templates_digest(site_templates: Path | None) -> str:
    """Digest of every template file a site can use (its own and the theme's): cheaper than parsing them."""
    h = hashlib.sha256()
    for root in (site_templates, THEME_TEMPLATES):
        if root is not None and root.is_dir():
            # the site's: links out of the site folder are not read (the build reports them)
            site = root.parent
            paths = ([site / rel for rel in sources.template_files(site)] if root == site_templates
                     else sorted(p for p in root.rglob("*") if p.is_file()))
            for path in paths:
                h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
        h.update(b"\1")
    return h.hexdigest()


def template_digests(env: jinja2.Environment, names: set[str],
                     known: dict[tuple[str, str], tuple[str, ...]] | None = None) -> dict[str, str]:
    """For each template, a digest of its source and of every template it extends, includes or imports.
    `known`: references by (name, source digest), kept by the caller between builds (parsing is the cost);
    left holding only this call's templates."""
    known = known if known is not None else {}
    used: dict[tuple[str, str], tuple[str, ...]] = {}
    sources: dict[str, tuple[str, str | None]] = {}

    def source(name: str) -> str:
        if name not in sources:
            assert env.loader is not None
            text, filename, _ = env.loader.get_source(env, name)
            sources[name] = (text, filename)
        return sources[name][0]

    def closure(name: str, seen: set[str]) -> None:
        if name in seen:
            return
        seen.add(name)
        key = (name, hashlib.sha256(source(name).encode()).hexdigest())
        if key not in known and key not in _PARSED:
            _PARSED[key] = _references(env, source(name), name, sources[name][1])
        used[key] = known[key] if key in known else _PARSED[key]
        for ref in used[key]:
            closure(ref, seen)

    out = {}
    for name in names:
        seen: set[str] = set()
        closure(name, seen)
        h = hashlib.sha256()
        for dep in sorted(seen):
            h.update(dep.encode() + b"\0" + source(dep).encode() + b"\0")
        out[name] = h.hexdigest()
    known.clear()
    known.update(used)
    return out
