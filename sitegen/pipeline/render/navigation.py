"""Where a reader is and where a long text goes: breadcrumbs for every page below home, and a document's table
of contents read from its rendered headings. Plain data for the page contexts (so incremental builds see them
as inputs like any other), built by pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from sitegen.base import catalog

MIN_SECTIONS = 3  # a document with fewer headings gets no table of contents


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str  # site-relative; the last crumb is the page itself


def trail(*steps: tuple[str, str]) -> tuple[Crumb, ...]:
    """Home, then `steps` ((label, url) pairs) down to the page itself."""
    return (Crumb(catalog.UI["home"], "/"), *(Crumb(label, url) for label, url in steps))


class _Headings(HTMLParser):
    """(level, id, text) of every h2 and h3 that has an id (markdown's heading anchors give them one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id")
        if tag in ("h2", "h3") and anchor:
            self._open, self._text = (int(tag[1]), anchor), []

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == f"h{self._open[0]}":
            text = " ".join("".join(self._text).split())
            if text:
                self.found.append((self._open[0], self._open[1], text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


def outline(body_html: str) -> tuple[tuple[int, str, str], ...]:
    """The table of contents of a body: its h2/h3 sections, or nothing when it has fewer than
    MIN_SECTIONS (a short text needs none)."""
    parser = _Headings()
    parser.feed(body_html)
    parser.close()
    return tuple(parser.found) if len(parser.found) >= MIN_SECTIONS else ()
