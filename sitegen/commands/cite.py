"""`sitegen cite`: the citations of a plain text as JSON records (one per line)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sitegen.cite.detect import Citation, find_citations
from sitegen.cite.symbols import SYMBOL_PATTERN, normalize_text, symbol_from_match
from sitegen.cite.vocab import TYPE_NAMES

_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
_SHORT_NUMBER_RE = re.compile(r"\d{1,5}[a-z]?(?:\s{0,2}/\s{0,2}[A-ZĐÐ]{2,8}(?![\w/-]))?")


def _number_as_written(text: str, citation: Citation) -> str | None:
    """The symbol's own span inside the citation, as written ("04 - NQ/TU")."""
    if citation.symbol is None:
        return None
    shadow = normalize_text(citation.text)  # same length as the NFC citation text
    for m in _SYMBOL_RE.finditer(shadow):
        symbol = symbol_from_match(m)
        if symbol is not None and symbol.key == citation.symbol.key:
            return citation.text[m.start() : m.end()].strip()
    # "Chỉ thị 05", "Công văn số 52/VHTT": the number (and single code) as written
    found = _SHORT_NUMBER_RE.search(citation.text)
    return found.group() if found else citation.symbol.normalized


def _iso(c: Citation) -> str | None:
    if c.year is None:
        return None
    if c.month is None:
        return f"{c.year:04d}"
    if c.day is None:
        return f"{c.year:04d}-{c.month:02d}"
    return f"{c.year:04d}-{c.month:02d}-{c.day:02d}"


# "Số: 289/KH-UBND", "Số 12-HD/HU", "**Số:** 5-KH/TU": the header line that numbers the document itself.
_HEADER_NUMBER_RE = re.compile(r"[ \t*_#>]*(?i:số)(?!\w)[ \t\u00a0]*:?[ \t\u00a0*_]*")
HEAD_LINES = 15  # the header block: the first non-blank lines of a document


def own_number_starts(nfc: str) -> set[int]:
    """Offsets where a header line "Số …" of the document's head puts its own number. That number names
    the document itself, not a document it cites."""
    starts: set[int] = set()
    pos = seen = 0
    for line in nfc.splitlines(keepends=True):
        if line.strip():
            seen += 1
            if m := _HEADER_NUMBER_RE.match(line):
                starts.add(pos + m.end())
            if seen >= HEAD_LINES:
                break
        pos += len(line)
    return starts


def citation_records(text: str) -> list[dict[str, Any]]:
    """Records with offsets into the NFC-normalized text; the document's own header number is left out."""
    nfc = unicodedata.normalize("NFC", text)
    own = own_number_starts(nfc)
    return [
        {
            "surface": c.text,
            "start": c.start,
            "end": c.end,
            "type": TYPE_NAMES.get(c.doc_type) if c.doc_type else None,
            "number": _number_as_written(nfc, c),
            "symbol": c.symbol.normalized if c.symbol else None,
            "date": _iso(c),
            "issuer": c.issuer_phrase,
        }
        for c in find_citations(nfc)
        if c.symbol is not None and c.start not in own
    ]
