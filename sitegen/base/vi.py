"""Vietnamese text: normalization, tone placement, slugs, dates, collation.

No process-global state: the ICU collator is created by `make_collator()` and passed around (or a
`KeptSortKeys` around it, which keeps the keys it made).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import total_ordering
from typing import TypeAlias

import icu

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tone_moves() -> dict[str, str]:
    """New-style placement -> traditional, both cases, two characters for two: "oá" -> "óa", "uỷ" -> "ủy"."""
    moves: dict[str, str] = {}
    for first, seconds in (("o", "ae"), ("u", "y")):
        for f in (first, first.upper()):
            for s in seconds + seconds.upper():
                for tone in "\u0300\u0301\u0309\u0303\u0323":  # huyền, sắc, hỏi, ngã, nặng
                    moves[f + nfc(s + tone)] = nfc(f + tone) + s
    return moves


_TONE_MOVES = _tone_moves()
# Only open syllables differ between the two conventions (nothing follows the pair), and not after "q":
# "quý" is the same in both.
_NEW_TONE = re.compile(f"(?<![qQ])[oOuU][{''.join(sorted({k[1] for k in _TONE_MOVES}))}]"
                       "(?![^\\W_]|[\u0300-\u036f])")


def unify_tones(text: str) -> str:
    """NFC with new-style tone placement moved to the traditional one: "Tỉnh uỷ" -> "Tỉnh ủy", "hoá" ->
    "hóa". Two characters for two: on NFC text the length is kept, so offsets stay offsets (cite/symbols)."""
    text = text if unicodedata.is_normalized("NFC", text) else nfc(text)
    return _NEW_TONE.sub(lambda m: _TONE_MOVES.get(m.group(), m.group()), text)


# After NFD, Latin text (with general punctuation) carries only combining marks of U+0300-U+036F, which one
# regex removes at C speed; text with other scripts takes the general per-character path.
_LATIN_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x370)
                                        if unicodedata.combining(chr(c))) + "]+")
_NOT_LATIN = re.compile("[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]")


def strip_marks(text: str) -> str:
    """Remove diacritics; "đ" becomes "d" (it has no decomposition of its own)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    if _NOT_LATIN.search(decomposed):
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    return _LATIN_MARKS.sub("", decomposed)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def same_words(text: str) -> str:
    """`text` in NFC, traditional tone placement and single spaces: "Tỉnh  uỷ" -> "Tỉnh ủy"."""
    return collapse_spaces(unify_tones(nfc(text)))


def same_words_key(text: str) -> str:
    """Key under which spellings that differ only in tone placement, case or spacing are equal."""
    return same_words(text).casefold()


def slugify(text: str) -> str:
    """ASCII slug: "Nghị quyết 04-NQ/TU" -> "nghi-quyet-04-nq-tu"."""
    ascii_text = strip_marks(nfc(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date of which only the year may be known (drafts: "ngày   tháng   năm 2023")."""

    year: int
    month: int | None = None
    day: int | None = None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    # The official rule (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 5; the Party's Hướng dẫn 36-HD/VPTW writes
    # the same): a day below 10 and the months 1 and 2 take a leading zero, no other month does, so that
    # nothing can be added in front of them. "ngày 08 tháng 3 năm 2022", "ngày 15 tháng 02 năm 2020".
    def _day(self) -> str:
        return f"{self.day:02d}" if self.day is not None else ""

    def _month(self) -> str:
        if self.month is None:
            return ""
        return f"{self.month:02d}" if self.month <= 2 else str(self.month)

    def long(self) -> str:
        """ "ngày 08 tháng 3 năm 2022"; "tháng 02 năm 2020" or "năm 2023" when less is known."""
        parts = []
        if self.day is not None:
            parts.append(f"ngày {self._day()}")
        if self.month is not None:
            parts.append(f"tháng {self._month()}")
        parts.append(f"năm {self.year}")
        return " ".join(parts)

    def header(self) -> str:
        """Date as on a document header, by the same rule; a draft's blank day and month stay blank."""
        day = self._day() if self.day else "\u2002\u2002"
        month = self._month() if self.month else "\u2002\u2002"
        return f"ngày {day} tháng {month} năm {self.year}"

    def rfc3339(self) -> str:
        """Midnight in Vietnam (UTC+7), as Atom wants; unknown month or day count as the first."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}T00:00:00+07:00"

    def short(self) -> str:
        """ "08/3/2022", "15/02/2020" (the same rule, in figures), "3/2022", or the year alone."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{self._month()}/{self.year}"
        return f"{self._day()}/{self._month()}/{self.year}"


def make_collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi"))


class KeptSortKeys:
    """A collator that keeps the sort keys it made: a build sorts the same titles again, and serve builds
    again on every edit. Keys not asked for during a build are dropped at its end."""

    def __init__(self, collator: icu.Collator) -> None:
        self.collator = collator
        self._keys: dict[str, bytes] = {}
        self._asked: dict[str, bytes] = {}

    def getSortKey(self, text: str) -> bytes:
        key = self._asked.get(text)
        if key is None:
            key = self._keys.get(text)
            if key is None:
                key = bytes(self.collator.getSortKey(text))
            self._asked[text] = key
        return key

    def end(self) -> None:
        self._keys, self._asked = self._asked, {}

    def still(self) -> None:
        """Every key kept is asked for this build (its caller reuses what they sorted): none is dropped."""
        self._asked = {**self._keys, **self._asked}

    def __getstate__(self) -> dict[str, bytes]:
        return self._keys  # the collator is made again on load

    def __setstate__(self, keys: dict[str, bytes]) -> None:
        self.collator, self._keys, self._asked = make_collator(), keys, {}


Collator: TypeAlias = "icu.Collator | KeptSortKeys"


def sort_key(collator: Collator, text: str) -> bytes:
    return bytes(collator.getSortKey(nfc(text)))
