"""What surrounds a citation in a parsed body: its sentence, a quoted trích yếu, a stated relation.

Computed once at parse time, so a cached parse needs no tokens to build the citation graph later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sitegen.base.vi import collapse_spaces
from sitegen.cite.detect import Citation

_SENTENCE_END = re.compile(r"(?<=[.;!?…])\s+(?=[A-ZĐÀ-Ỹ“\"(-])|\n\s*\n")
_QUOTED = re.compile(
    r"^\s*,?\s*(?:của\s[^“\"”.;]{1,90}?\s*)?(?:,\s*)?(?:(?:về|V/v)\s*(?:việc\s*)?)?[“\"]\s*([^”\"]{8,300}?)\s*[”\"]",
    re.IGNORECASE,
)
_RELATION = re.compile(r"^\s*(Thực hiện|Căn cứ|Triển khai|Quán triệt|Xét đề nghị)(?!\w)", re.IGNORECASE)


def sentence_around(text: str, start: int, end: int, limit: int = 320) -> str:
    """The sentence (or clause) holding text[start:end], trimmed to about `limit` characters."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end)
    right = after.start() if after else len(text)
    left = max(left, start - limit // 2)
    right = min(right, end + limit // 2)
    snippet = collapse_spaces(text[left:right])
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


def quoted_title(text_after: str) -> str | None:
    """A trích yếu quoted right after a citation: '… của Ban Bí thư “Về đẩy mạnh…”'."""
    m = _QUOTED.match(text_after[:420])
    if not m:
        return None
    title = collapse_spaces(m.group(1)).strip(" ,;")
    return title[:1].upper() + title[1:] if title else None


@dataclass(frozen=True)
class RawCitation:
    """A citation as found in one body, before the site decides what it names."""

    citation: Citation
    line: int  # 0-based line in the body
    sentence: str
    quoted_title: str | None
    relation: str | None  # "thực hiện", "căn cứ"… when the opening paragraph states it


def collect_raw(tokens: list[Any]) -> list[RawCitation]:
    """Every citation the plugin marked, in document order.

    A citation in the opening (before the first heading) of a paragraph that starts "Thực hiện", "Căn cứ"…
    carries that verb as a typed relation.
    """
    found: list[RawCitation] = []
    heading_seen = False
    for tok in tokens:
        if tok.type == "heading_open":
            heading_seen = True
        if tok.type != "inline" or not tok.children:
            continue
        for child in tok.children:
            if child.type != "cite_open":
                continue
            citation = child.meta["citation"]
            text = child.meta.get("context_text", citation.text)
            relation = None
            if not heading_seen and (m := _RELATION.match(text)):
                relation = m.group(1).lower()
            found.append(RawCitation(citation, child.meta.get("line") or 0,
                                     sentence_around(text, citation.start, citation.end),
                                     quoted_title(text[citation.end:]), relation))
    return found
