"""A document symbol never breaks across lines ("45-⏎KH/HU"): each one is wrapped in <span class="nobr">.

Symbols are found with the citation grammar (symbols.SYMBOL_PATTERN) on the normalized shadow of the text
(the citation rule's own shadow and matches when the text is one it scanned: shadow.shadow_of and
symbols.symbol_matches), so "04 - NQ/TU" and "289/KH‑UBND" are kept whole as written. Two entry points: a
markdown-it core rule for bodies (it splits text tokens, after the citation rule has made its links, so a
symbol inside a citation link is wrapped inside the link), and `keep_symbols_whole` for plain strings a
template shows (titles, summaries).
The theme's `.nobr { white-space: nowrap }` does the rest, in the browser and in WeasyPrint's PDF.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup, escape

from sitegen.cite.shadow import shadow_of
from sitegen.cite.symbols import symbol_matches

# Every symbol has a digit and a "/" or "-" (as the shadow writes them: dashes and slashes of other forms
# too): a text without both gets no shadow (most pieces of a body between its citations).
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile("[-/\u2010-\u2015\u2212\ufe58\ufe63\uff0d\uff0f\u2215]")
_OPEN, _CLOSE = '<span class="nobr">', "</span>"


def symbol_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of every symbol in it."""
    if not (_DIGIT.search(text) and _SEPARATOR.search(text)):
        return []
    shadow = shadow_of(text)
    return [(shadow.start(m.start()), shadow.end(m.end())) for m in symbol_matches(shadow.text)]


def keep_symbols_whole(text: str | None) -> Markup:
    """`text` escaped for HTML, each symbol in it wrapped so that it stays on one line."""
    return _kept_whole(text or "")


@lru_cache(maxsize=1 << 16)
def _kept_whole(text: str) -> Markup:
    """keep_symbols_whole, once per distinct text: a title is shown on its page and in every list, card and
    citing page that names it (55,000 calls for 1,000 documents, a few thousand distinct texts)."""
    out, pos = [], 0
    for start, end in symbol_spans(text):
        symbol = escape(text[start:end])
        out += [escape(text[pos:start]), Markup('<span class="nobr">'), symbol, Markup("</span>")]
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _split(token: Token) -> list[Token]:
    spans = symbol_spans(token.content)
    if not spans:
        return [token]
    text, out, pos = token.content, [], 0
    for start, end in spans:
        if start > pos:
            out.append(_text(text[pos:start]))
        out += [_html(_OPEN), _text(text[start:end]), _html(_CLOSE)]
        pos = end
    if pos < len(text):
        out.append(_text(text[pos:]))
    return out


def _rule(state: StateCore) -> None:
    for block in state.tokens:
        if block.type == "inline" and block.children:
            block.children = [piece for child in block.children
                              for piece in (_split(child) if child.type == "text" else [child])]


def nobreak_plugin(md: MarkdownIt) -> None:
    """Register the rule last among the core rules: text is joined and citation links are made by then."""
    md.core.ruler.push("sitegen_nobreak", _rule)
