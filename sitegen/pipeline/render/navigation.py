"""Where a reader is and where a long text goes: breadcrumbs for every page below home, and a document's table
of contents read from its rendered headings. Plain data for the page contexts (so incremental builds see them
as inputs like any other), built by pure functions."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sitegen.base import catalog

MIN_SECTIONS = 3  # a document with fewer headings gets no table of contents


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str  # site-relative; the last crumb is the page itself


def trail(*steps: tuple[str, str]) -> tuple[Crumb, ...]:
    """Home, then `steps` ((label, url) pairs) down to the page itself."""
    return (Crumb(catalog.UI["home"], "/"), *(Crumb(label, url) for label, url in steps))


# Raw HTML is off in bodies (parse.py): every tag of a body is markdown-it's, attributes double-quoted and
# escaped, so a heading is found by one pattern instead of an HTML parser over the whole body (1 s of a cold
# build at 1,000 documents).
_HEADING = re.compile(r'<h([23])\b[^>]*?\sid="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")


def outline(body_html: str) -> tuple[tuple[int, str, str], ...]:
    """The table of contents of a body: its h2/h3 sections, or nothing when it has fewer than
    MIN_SECTIONS (a short text needs none)."""
    found = []
    for m in _HEADING.finditer(body_html):
        text = " ".join(html.unescape(_TAG.sub("", m.group(3))).split())
        if m.group(2) and text:
            found.append((int(m.group(1)), html.unescape(m.group(2)), text))
    return tuple(found) if len(found) >= MIN_SECTIONS else ()
