"""`sitegen cite`: the citations of a plain text as JSON records (one per line)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sitegen.cite.detect import Citation
from sitegen.cite.document import find_citations
from sitegen.cite.shadow import normalize_text
from sitegen.cite.symbols import SYMBOL_PATTERN, symbol_from_match
from sitegen.cite.vocab import TYPE_NAMES, TYPE_WORDS

_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
_SHORT_NUMBER_RE = re.compile(
    r"\d{1,5}[a-z]?(?:\s{0,2}/\s{0,2}(?:[A-ZĐÐ]{2,8}(?![\w/-])|(?:19|20)\d\d)|\s{0,2}-\s{0,2}[A-ZĐÐ]{2,8}(?![\w/-]))?")


def _number_as_written(citation: Citation) -> str | None:
    """The symbol's own span inside the citation, as written ("04 - NQ/TU"), or the number of a form
    without its code ("05", "30/2020", "52/VHTT", "20-CP")."""
    if citation.symbol is not None:
        shadow = normalize_text(citation.text)  # same length as the NFC citation text
        for m in _SYMBOL_RE.finditer(shadow):
            symbol = symbol_from_match(m)
            if symbol is None and (upper := _SYMBOL_RE.fullmatch(m.group().upper())):
                symbol = symbol_from_match(upper)  # a công văn in lower case ("215/ubnd-kgvx")
            if symbol is not None and symbol.key == citation.symbol.key:
                return citation.text[m.start() : m.end()].strip()
    # the number the symbol (or the form) starts with: not a year or a name's number before it ("luat … 2015
    # so 80 2015 qh13"); glued to its year ("021999ttbkh", "nghị định số 632021"), the canonical one
    own = citation.symbol.number if citation.symbol is not None else citation.number
    numbers = [m.group() for m in _SHORT_NUMBER_RE.finditer(citation.text)]
    mine = [n for n in numbers if re.sub(r"^0+|[^\da-z].*$", "", n) == own.lstrip("0")]
    return mine[0] if mine else own or (numbers[0] if numbers else None)


def _iso(c: Citation) -> str | None:
    if c.year is None:
        return None
    if c.month is None:
        return f"{c.year:04d}"
    if c.day is None:
        return f"{c.year:04d}-{c.month:02d}"
    return f"{c.year:04d}-{c.month:02d}-{c.day:02d}"


# --- the document's own number ---------------------------------------------------------------------

# "Số: 289/KH-UBND", "Số 12-HD/HU", "**Số:** 5-KH/TU": the header line that numbers the document itself.
_HEADER_NUMBER_RE = re.compile(r"[ \t*_#>]*(?i:số)(?!\w)[ \t\u00a0]*:?[ \t\u00a0*_]*")
HEAD_LINES = 15  # the header block: the first non-blank lines of a document
_MARKUP = " \t\u00a0|*_#>"
# Before the number on its line (or alone on the line above): "Số:", "Số hiệu:", "Nghị quyết số:".
_TYPE_WORDS = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))
_LABEL_RE = re.compile(f"(?i:(?:{_TYPE_WORDS}) số|số(?: hiệu)?)[ \\t\u00a0]*:?")
_ABOVE_RE = re.compile(r"(?i:số(?: hiệu)?)[ \t\u00a0]*:?")
# After it on its line: nothing, the next table cell, the place and date, the motto of a flattened header.
_AFTER_RE = re.compile(r"(?:$|\||[^,\n]{1,40}, (?i:ngày)|(?i:loại văn bản)|ĐẢNG CỘNG SẢN|CỘNG HÒA|CỘNG HOÀ)")


_PLACE_DATE_RE = re.compile(r"[^,\n]{1,40}, (?i:ngày)")


def own_number_starts(nfc: str) -> set[int]:
    """Offsets where a header line "Số …" of the document's head puts its own number."""
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


def is_own_number(nfc: str, c: Citation, head: set[int]) -> bool:
    """Whether a citation is the number of the document itself: in its head ("Số: 289/KH-UBND" among the
    first lines), or anywhere in a header's shape: a line "Số:", "Số hiệu:", "Nghị quyết số:" with the number
    and nothing but a table cell, the place and date or the motto after it ("Số 09 -KH/ĐU ĐẢNG CỘNG SẢN
    VIỆT NAM" of a header flattened into one line), or "Số:" alone on the line above the number."""
    if c.start in head:
        return True
    digit = re.search(r"\d", c.text)
    number_at = c.start + (digit.start() if digit else 0)
    line_start = nfc.rfind("\n", 0, number_at) + 1
    before = nfc[line_start:number_at].strip(_MARKUP)
    if not before:
        above_end = line_start - 1
        above = nfc[nfc.rfind("\n", 0, max(0, above_end)) + 1:max(0, above_end)].strip(_MARKUP)
        return above_end > 0 and _ABOVE_RE.fullmatch(above) is not None
    line_end = nfc.find("\n", c.end)
    after = nfc[c.end:line_end if line_end >= 0 else len(nfc)].strip(_MARKUP)
    if _AFTER_RE.match(after) is None:
        return False
    if _LABEL_RE.fullmatch(before) is not None:
        # "thông tư số 021999ttbkh" alone on its line: a search query or a tag in lower case, not a header's
        # label ("Thông tư số:", "số:" of a lower-cased copy)
        return not (before[:1].islower() and not before.startswith("số") and not before.endswith(":"))
    # a header flattened into one line: "Số:" after a table cell or the motto's rule ("----- Số: 826/QĐ-TTg
    # Hà Nội, ngày 09 tháng 06 năm 2010"), then the motto or the place and date
    flattened = re.search(r"(?:^|[*|] ?|-{3,} ?)(?i:số)[ \t]*:?$", before) is not None
    return flattened and (after.startswith(("ĐẢNG", "CỘNG")) or _PLACE_DATE_RE.match(after) is not None)


def citation_records(text: str) -> list[dict[str, Any]]:
    """Records with offsets into the NFC-normalized text; the document's own header number is left out.
    A citation without its code has `symbol` null and its `number`; `date` and `issuer` of a short form are
    those of the fuller citation of the same document (`sitegen cite` README section)."""
    nfc = unicodedata.normalize("NFC", text)
    head = own_number_starts(nfc)
    return [
        {
            "surface": c.text,
            "start": c.start,
            "end": c.end,
            "type": TYPE_NAMES.get(c.doc_type) if c.doc_type else None,
            "number": _number_as_written(c),
            "symbol": c.symbol.normalized if c.symbol else None,
            "date": _iso(c),
            "issuer": c.issuer_phrase,
            "relation": c.relation,
            "title": c.title,
        }
        for c in find_citations(nfc)
        if not is_own_number(nfc, c, head)
    ]
