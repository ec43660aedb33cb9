"""`sitegen cite`: the citations of a plain text as JSON records (one per line)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .detect import TYPE_WORDS, Citation, find_citations
from .symbols import SYMBOL_PATTERN, normalize_text, symbol_from_match

_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
# Vocabulary key -> the type's name, capitalized as a type word stands in running text.
_TYPE_NAMES: dict[str, str] = {}
for _word, _key in sorted(TYPE_WORDS.items(), key=lambda kv: len(kv[0])):
    _TYPE_NAMES.setdefault(_key, _word[:1].upper() + _word[1:])


def _number_as_written(text: str, citation: Citation) -> str | None:
    """The symbol's own span inside the citation, as written ("04 - NQ/TU")."""
    if citation.symbol is None:
        return None
    shadow = normalize_text(citation.text)  # same length as the NFC citation text
    for m in _SYMBOL_RE.finditer(shadow):
        symbol = symbol_from_match(m)
        if symbol is not None and symbol.key == citation.symbol.key:
            return citation.text[m.start() : m.end()].strip()
    return citation.symbol.normalized


def _iso(c: Citation) -> str | None:
    if c.year is None:
        return None
    if c.month is None:
        return f"{c.year:04d}"
    if c.day is None:
        return f"{c.year:04d}-{c.month:02d}"
    return f"{c.year:04d}-{c.month:02d}-{c.day:02d}"


def citation_records(text: str) -> list[dict[str, Any]]:
    """Records with offsets into the NFC-normalized text."""
    nfc = unicodedata.normalize("NFC", text)
    return [
        {
            "surface": c.text,
            "start": c.start,
            "end": c.end,
            "type": _TYPE_NAMES.get(c.doc_type) if c.doc_type else None,
            "number": _number_as_written(nfc, c),
            "symbol": c.symbol.normalized if c.symbol else None,
            "date": _iso(c),
            "issuer": c.issuer_phrase,
        }
        for c in find_citations(nfc, {})
        if c.symbol is not None
    ]
