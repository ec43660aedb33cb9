"""A small citation graph picture for a document page: citers on the left, cited documents on the right.

Pure: data in, SVG markup out (inline in the page, so it needs no script and prints). The picture repeats
the two citation lists printed above it, so it is hidden from assistive technology and out of the tab order
(its boxes stay clickable with a pointer): screen readers and keyboards meet each link once, in the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

ROW = 30
WIDTH = 720
BOX_W = 200
BOX_H = 22
MAX_PER_SIDE = 10


@dataclass(frozen=True)
class Node:
    label: str  # "Nghị quyết 04-NQ/TU"
    href: str
    title: str  # tooltip
    relation: str | None = None


def _box(x: int, y: int, node: Node, css: str) -> str:
    label = node.label if len(node.label) <= 30 else node.label[:29] + "…"
    return (
        f'<a href="{escape(node.href)}" tabindex="-1"><title>{escape(node.title)}</title>'
        f'<rect class="{css}" x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4"/>'
        f'<text x="{x + BOX_W // 2}" y="{y + 15}" text-anchor="middle">{escape(label)}</text></a>'
    )


def graph_svg(center: Node, citers: list[Node], cited: list[Node], more_text: str) -> Markup:
    """`citers` cite the center (arrows in), `cited` are cited by it (arrows out)."""
    left, right = citers[:MAX_PER_SIDE], cited[:MAX_PER_SIDE]
    rows = max(len(left), len(right), 1)
    height = rows * ROW + (ROW if len(citers) > MAX_PER_SIDE or len(cited) > MAX_PER_SIDE else 0) + 10
    cx, cy = (WIDTH - BOX_W) // 2, (rows * ROW - BOX_H) // 2 + 5
    parts = [
        f'<svg class="citegraph" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'aria-hidden="true" focusable="false">',
        '<defs><marker id="mui-ten" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    ]
    for index, node in enumerate(left):
        y = index * ROW + 5
        parts.append(f'<line x1="{BOX_W}" y1="{y + BOX_H // 2}" x2="{cx}" y2="{cy + BOX_H // 2}" '
                     'marker-end="url(#mui-ten)"/>')
        parts.append(_box(0, y, node, "node-in"))
    for index, node in enumerate(right):
        y = index * ROW + 5
        parts.append(f'<line x1="{cx + BOX_W}" y1="{cy + BOX_H // 2}" x2="{WIDTH - BOX_W}" '
                     f'y2="{y + BOX_H // 2}" marker-end="url(#mui-ten)"/>')
        parts.append(_box(WIDTH - BOX_W, y, node, "node-out"))
    parts.append(_box(cx, cy, center, "node-self"))
    if len(citers) > MAX_PER_SIDE or len(cited) > MAX_PER_SIDE:
        parts.append(f'<text x="{WIDTH // 2}" y="{height - 8}" text-anchor="middle" '
                     f'class="more">{escape(more_text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text and attribute value above is escaped
