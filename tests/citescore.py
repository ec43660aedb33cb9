"""What the two citation scorers (tests/test_cite_accuracy.py, tests/test_cite_real.py) compare alike.

Short forms inherit (issue 14, point 6): a gold row that writes no date (or no issuer) is compared with the
date (issuer) of a row of the same text with the same symbol that writes one, the nearest earlier such row
first, else the nearest later one. This is what `sitegen cite` prints for a short form; the gold rows record
what each surface writes. A row without a symbol (a number without its code) is compared by its number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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


@dataclass
class Score:
    """Counts of one scoring: true and false positives, misses, right values per field, and the notes."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.right.update(other.right)
        self.notes += other.notes

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, key: str) -> float:
        return self.right[key] / self.tp if self.tp else 1.0

    def figure(self, key: str) -> float:
        """ "recall", "precision", or a field's accuracy."""
        return float(getattr(self, key)) if key in ("recall", "precision") else self.accuracy(key)
