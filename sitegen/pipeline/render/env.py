"""The Jinja environment: the site's `templates/` folder over the package's theme, file by file."""

from __future__ import annotations

from pathlib import Path

import jinja2

from sitegen.base import folders

THEME = Path(__file__).parents[2] / "theme"
THEME_TEMPLATES = THEME / folders.TEMPLATES
THEME_STATIC = THEME / folders.STATIC


def make_environment(site_templates: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if site_templates is not None and site_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(site_templates)))
    loaders.append(jinja2.FileSystemLoader(str(THEME_TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env
