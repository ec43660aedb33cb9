"""The Jinja environment: the site's `templates/` folder over the package's theme, file by file, and
sitegen's filters. A build takes it from `environment()`, which keeps it for the process: templates compile
once, not once per build (half of a small build's render time), and an edited template (serve) has another
digest, so another environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from sitegen.base import catalog, folders
from sitegen.base.confine import refusal
from sitegen.cite import nobreak
from sitegen.cite.vocab import TYPE_NAMES
from sitegen.pipeline.config import SiteConfig
from sitegen.pipeline.search import terms

THEME = Path(__file__).parents[2] / "theme"
THEME_TEMPLATES = THEME / folders.TEMPLATES
THEME_STATIC = THEME / folders.STATIC
KEPT = 4  # environments kept per process: a serve session needs one, a test run many in turn


class _SiteLoader(jinja2.FileSystemLoader):
    """The site's templates/: a template reached through a link that sources.refused_links reports (to
    /etc/passwd, named robots.txt; to content/) is not read; the build reports the link as an error."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.site = folder.parent

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.site / folders.TEMPLATES / "/".join(jinja2.loaders.split_template_path(template))
        if path.exists() and refusal(self.site, path, copied=True):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


def make_environment(site_templates: Path | None, config: SiteConfig, auto_reload: bool = True,
                     compiled: Path | jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A new environment of its own (print changes its loader and filters). `compiled`: a folder where
    compiled templates are kept between processes, or a cache of them in memory (Jinja's bytecode cache:
    checked against each template's source, so an edited template compiles again)."""
    if isinstance(compiled, Path):
        compiled = jinja2.FileSystemBytecodeCache(str(compiled))
    loaders: list[jinja2.BaseLoader] = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(_SiteLoader(site_templates))
    loaders.append(jinja2.FileSystemLoader(str(THEME_TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
        bytecode_cache=compiled,
    )
    env.filters.update(filters(config))
    return env


def filters(config: SiteConfig) -> dict[str, Callable[..., Any]]:
    """`url` and `abs_url` put the site's base path (and origin) before a site path; the search keys."""
    base = config.base_path

    def url(path: str) -> str:
        return base + path.lstrip("/")

    def abs_url(path: str) -> str:
        return config.origin + url(path)

    return {
        "url": url,
        "abs_url": abs_url,
        "nobr": nobreak.keep_symbols_whole,
        "number": shown_number,
        "search_cited_keys": cited_keys,
        "search_sym": terms.symbol_keys,
        "search_fold": lambda parts: terms.folded_words(*parts),
        "search_date": terms.date_key,
        "search_keys": lambda parts: terms.text_keys(*parts),
    }


def shown_number(number: str) -> str:
    """A document's number as lists and titles show it ("45-KH/HU", a stub's "số 468"); "(chưa có số)" for a
    draft's blank "/KH-UBND"."""
    return catalog.UI["no_number"] if not number.strip() or number.lstrip().startswith("/") else number


# Kinds of documents ("nghiquyet", "kehoach") are left out of what citing sentences say about a cited
# document: "Thực hiện Nghị quyết số 04…" on a plan's page says nothing of the plan being a resolution.
_KIND_KEYS = frozenset(terms.phrase_keys(*TYPE_NAMES.values()).split())


def cited_keys(parts: list[str]) -> str:
    return " ".join(key for key in terms.phrase_keys(*parts).split() if key not in _KIND_KEYS)


class _InMemory(jinja2.BytecodeCache):
    """Compiled templates kept in this process, for builds without a folder for them (serve's): an edited
    template makes a new environment (`environment`), which compiled every template again (~30 ms of CPU a
    template edit at 10,000 documents, 3 of serve's 20 bench edits); now only the edited one compiles. One
    entry per template name and file (Jinja's key), checked against its source as the folder's are."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _InMemory()  # only environment()'s: their filters are the same (print's are not)
_kept: dict[tuple[str, str, str, str, str], jinja2.Environment] = {}


def environment(site_templates: Path, config: SiteConfig, templates_key: str,
                compiled: Path | None = None) -> jinja2.Environment:
    """The environment for these templates (`templates_key`: render/digests.templates_digest of them) and
    this base URL, made once per process. Its templates never change under it, so it does not stat them.
    `compiled`: where a new process finds them compiled (`sitegen build`: in the build cache's folder)."""
    key = (str(site_templates.absolute()), templates_key, config.base_path, config.origin, str(compiled))
    env = _kept.pop(key, None) or make_environment(site_templates, config, auto_reload=False,
                                                  compiled=compiled if compiled is not None else _COMPILED)
    _kept[key] = env  # most recently used last
    while len(_kept) > KEPT:
        del _kept[next(iter(_kept))]
    return env
