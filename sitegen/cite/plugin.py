"""markdown-it-py plugin: mark citations in inline text, link them at render time.

Parsing records what it finds and never needs the document registry; rendering asks
`env[RESOLVE_KEY]` for each citation's (href, title). So a site can parse every file once (the tokens
are cacheable), build its registry from what was found, then render with a resolver.

The core rule is modelled on markdown-it-py's linkify rule: it walks each inline token's children,
skips link contents and code, and inserts `cite_open` / `cite_close` tokens around each citation
(`meta["citation"]` holds the Citation). Adjacent text, text_special and softbreak children are
scanned as one segment, so a citation may span a line break. All segments of a document are read together
(document.py: short forms, numbers without code). It never logs; it catches nothing: a failure surfaces to
the caller, which names the file and the line `env[LINE_KEY]` holds (parse.py).
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, isLinkClose, isLinkOpen
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .aliases import AliasTable, with_aliases
from .detect import Citation, scan
from .document import find_in_texts

ENV_KEY = "sitegen_citations"  # list[Citation], in document order
RESOLVE_KEY = "sitegen_resolve"  # optional callable(Citation) -> (href, title) | None, used at render time
LINES_KEY = "sitegen_citation_lines"  # list[int | None], 0-based source line of each citation in ENV_KEY
LINE_KEY = "sitegen_cite_line"  # 0-based source line of the block being read: where a failure happened
_STACK_KEY = "sitegen_cite_stack"  # render-time: was each open citation rendered as a link
_SEGMENT_TYPES = frozenset({"text", "text_special", "softbreak"})
_HAS_DIGIT = re.compile(r"\d")



class _Segment:
    """A run of adjacent text-like children scanned as one string."""

    def __init__(self, first: int, line: int | None) -> None:
        self.first = first  # index of the first child
        self.pieces: list[tuple[Token, int, int]] = []  # child, start, end in `text`
        self.parts: list[str] = []
        self.length = 0
        self.line = line  # source line of the segment's start
        self._text: str | None = None

    def add(self, tok: Token) -> None:
        content = "\n" if tok.type == "softbreak" else tok.content
        self.pieces.append((tok, self.length, self.length + len(content)))
        self.parts.append(content)
        self.length += len(content)
        self._text = None

    @property
    def text(self) -> str:
        if self._text is None:  # joined once: read once per citation, a long paragraph was quadratic
            self._text = "".join(self.parts)
        return self._text

    def lines(self, cites: list[Citation]) -> list[int | None]:
        """The source line of each citation, counting line breaks once through the text."""
        if self.line is None:
            return [None] * len(cites)
        text, out = self.text, [0] * len(cites)
        pos, line = 0, self.line
        for i in sorted(range(len(cites)), key=lambda i: cites[i].start):
            line += text.count("\n", pos, max(pos, cites[i].start))
            pos = max(pos, cites[i].start)
            out[i] = line
        return list(out)


def _segments(children: list[Token], line: int | None) -> list[_Segment]:
    out: list[_Segment] = []
    cur: _Segment | None = None
    link = html_link = 0
    for i, tok in enumerate(children):
        if tok.type == "link_open":
            link += 1
        elif tok.type == "link_close":
            link = max(0, link - 1)
        elif tok.type == "html_inline":
            html_link += isLinkOpen(tok.content) - isLinkClose(tok.content)
            html_link = max(0, html_link)
        if tok.type in _SEGMENT_TYPES and link == 0 and html_link == 0:
            if cur is None:
                cur = _Segment(i, line)
                out.append(cur)
            cur.add(tok)
        else:
            cur = None
        if line is not None and tok.type in ("softbreak", "hardbreak"):
            line += 1
    return out


def _marker(kind: str, citation: Citation, level: int, line: int | None, context: str) -> Token:
    tok = Token(kind, "a", 1 if kind == "cite_open" else -1)
    tok.level = level
    tok.meta = {"citation": citation, "line": line, "context_text": context}
    return tok


def _text(content: str, like: Token) -> Token:
    tok = Token("text", "", 0)
    tok.content = content
    tok.level = like.level
    return tok


def _split(seg: _Segment, cites: list[Citation]) -> list[Token]:
    """The segment's children with cite_open/cite_close inserted; boundaries inside an unsplittable
    child (text_special, softbreak) move outwards."""
    text = seg.text
    lines = seg.lines(cites)
    level = seg.pieces[0][0].level
    # (position, 0 = close before 1 = open at the same position, token)
    events = sorted(
        [(c.end, 0, i, _marker("cite_close", c, level, lines[i], text)) for i, c in enumerate(cites)]
        + [(c.start, 1, i, _marker("cite_open", c, level, lines[i], text)) for i, c in enumerate(cites)],
        key=lambda e: (e[0], e[1], e[2]),
    )
    out: list[Token] = []
    k = 0
    for tok, ps, pe in seg.pieces:
        if tok.type == "text":
            cur = ps
            while k < len(events) and events[k][0] < pe:
                pos = max(events[k][0], ps)
                if pos > cur:
                    out.append(_text(tok.content[cur - ps:pos - ps], tok))
                    cur = pos
                out.append(events[k][3])
                k += 1
            if cur < pe:
                out.append(_text(tok.content[cur - ps:], tok))
        else:
            after: list[Token] = []
            while k < len(events) and events[k][0] < pe:
                inside = ps < events[k][0]
                (after if inside and events[k][1] == 0 else out).append(events[k][3])
                k += 1
            out.append(tok)
            out.extend(after)
    out.extend(e[3] for e in events[k:])
    return out


def _cite_rule(state: StateCore, aliases: AliasTable | None = None) -> None:
    env = state.env
    found: list[Citation] = env.setdefault(ENV_KEY, [])
    lines: list[int | None] = env.setdefault(LINES_KEY, [])
    work: list[tuple[Token, list[_Segment]]] = []
    for tok in state.tokens:
        if tok.type == "inline" and tok.children and (aliases or _HAS_DIGIT.search(tok.content)):
            line = tok.map[0] if tok.map else None
            work.append((tok, _segments(tok.children, line)))
    for tok, segs in work:  # each text on its own first (scans are cached): a failure names its line
        env[LINE_KEY] = tok.map[0] if tok.map else None
        for seg in segs:
            scan(seg.text).prepare()
    env[LINE_KEY] = work[0][0].map[0] if work and work[0][0].map else None
    per_segment = iter(find_in_texts([seg.text for _, segs in work for seg in segs]))
    for tok, segs in work:
        env[LINE_KEY] = tok.map[0] if tok.map else None
        children = list(tok.children or [])
        new: list[Token] = []
        pos = 0
        for seg in segs:
            cites = next(per_segment)
            if aliases:
                cites = with_aliases(seg.text, cites, aliases)
            if not cites:
                continue
            new.extend(children[pos:seg.first])
            new.extend(_split(seg, cites))
            pos = seg.first + len(seg.pieces)
            found.extend(cites)
            lines.extend(seg.lines(cites))
        if pos:
            new.extend(children[pos:])
            tok.children = new
    env.pop(LINE_KEY, None)


def _render_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: MutableMapping[str, Any]
) -> str:
    citation = tokens[idx].meta.get("citation")
    resolve = env.get(RESOLVE_KEY)
    target = resolve(citation) if callable(resolve) and citation is not None else None
    env.setdefault(_STACK_KEY, []).append(target is not None)
    if target is None:
        return ""
    href, title = target
    return f'<a class="cite" href="{escapeHtml(href)}" title="{escapeHtml(title)}">'


def _render_close(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: MutableMapping[str, Any]
) -> str:
    stack = env.get(_STACK_KEY)
    linked = stack.pop() if stack else False
    if not stack:
        env.pop(_STACK_KEY, None)
    return "</a>" if linked else ""


def citations_plugin(md: MarkdownIt, aliases: AliasTable | None = None) -> None:
    """Register the citation core rule (after linkify, so autolinks are skipped) and render rules.

    `aliases`: names that cite a document without its number ("Nghị quyết Trung ương 4 (khóa XII)").
    """
    def rule(state: StateCore) -> None:
        _cite_rule(state, aliases)

    try:
        md.core.ruler.after("linkify", "sitegen_citations", rule)
    except KeyError:
        md.core.ruler.after("inline", "sitegen_citations", rule)
    md.add_render_rule("cite_open", _render_open)
    md.add_render_rule("cite_close", _render_close)
