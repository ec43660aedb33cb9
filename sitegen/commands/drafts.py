"""Drafts in serve's preview: where the preview is built, and how a draft is marked when served.

Drafts (`draft: true`) are built only for the preview, into a folder of its own beside the build cache, so
output/ only ever holds what `sitegen build` (and CI) publish. The marks are added at response time, like the
live-reload script: a banner on a draft's page, a label on every link to one; the files stay as built.
"""

from __future__ import annotations

import html
from pathlib import Path

from sitegen.base import catalog, folders


def preview_output(site_dir: Path, audience: str) -> Path:
    """Where serve builds by default: beside the build cache, so output/ only ever holds a real build."""
    return site_dir / folders.CACHE / f"serve-{audience}"


_DRAFT_STYLE = ("position:sticky;top:0;z-index:9998;margin:0;padding:.6rem 1rem;background:#fff3c4;"
                "color:#3d2f00;border-bottom:2px solid #d9a400;font:15px/1.4 system-ui,sans-serif")


def draft_banner(source: str) -> bytes:
    """Over a draft's page: it is a draft, where it lives, and how to publish it."""
    text = catalog.UI["draft_banner"].format(source=source)
    return (f'<p id="sitegen-draft" role="note" style="{_DRAFT_STYLE}"><strong>'
            f'{html.escape(catalog.UI["draft_label"])}</strong> {html.escape(text)}</p>').encode()


def draft_links(urls: list[str], base_path: str) -> bytes:
    """A style rule labelling every link to a draft, wherever the link is (lists, menus, citations)."""
    if not urls:
        return b""
    hrefs = [base_path.rstrip("/") + url for url in sorted(urls)]
    selector = ",".join(f'a[href="{html.escape(href, quote=True)}"]::after' for href in hrefs)
    label = catalog.UI["draft_label"]  # catalog text: no quote or backslash to escape
    return (f'<style id="sitegen-draft-links">{selector}{{content:" {label}";font:600 .75em system-ui,'
            'sans-serif;background:#fff3c4;color:#3d2f00;border:1px solid #d9a400;border-radius:3px;'
            'padding:0 .3em;margin-left:.35em;white-space:nowrap}</style>').encode()
