"""What the two citation scorers (tests/test_cite_accuracy.py, tests/test_cite_real.py) compare alike.

Short forms inherit (issue 14, point 6): a gold row that writes no date (or no issuer) is compared with the
date (issuer) of a row of the same text with the same symbol that writes one, the nearest earlier such row
first, else the nearest later one. This is what `sitegen cite` prints for a short form; the gold rows record
what each surface writes. A row without a symbol (a number without its code) is compared by its number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sitegen.cite.shadow import normalize_text


def norm(value: str | None) -> str | None:
    """Issuer phrases and titles compare after normalization (NFC, tone placement, spaces)."""
    if value is None:
        return None
    return " ".join(normalize_text(value).split()) or None


def number_of(value: str | None) -> str | None:
    """ "05" -> "5", "32a - KH/HU" -> "32a": the number a symbol or a number-only form starts with."""
    m = re.match(r"\d+[a-zđ]?", value or "")
    return (m.group().lstrip("0") or "0") if m else None


def inherited(rows: Sequence[Mapping[str, Any]], key: str) -> list[Any]:
    """Each row's value of `key`, or, when it writes none, that of the nearest row of the same symbol (earlier
    first) that writes one."""
    out = []
    for i, row in enumerate(rows):
        value = row[key]
        if value is None and row["symbol"]:
            same = [r for r in [*rows[:i][::-1], *rows[i + 1:]] if r["symbol"] == row["symbol"] and r[key]]
            value = same[0][key] if same else None
        out.append(value)
    return out


def same_identity(found: Mapping[str, Any], symbol: str | None, number: str | None) -> bool:
    """The symbol printed equals the gold one; without a gold symbol, none is printed and the numbers
    agree."""
    if symbol:
        return bool(found["symbol"] == symbol)
    return found["symbol"] is None and number_of(found["number"]) == number_of(number)
