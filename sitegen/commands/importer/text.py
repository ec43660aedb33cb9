"""Repair text damaged by exporting from Word or a web page, where the repair is unambiguous.

Every function here is pure and idempotent, and never drops or changes a letter or digit (property-tested):
NFD -> NFC, non-breaking and other Unicode spaces -> plain spaces, runs of spaces inside a line -> one,
stray Markdown asterisks around a bare number ("Số *12** - HD/HU" -> "Số 12 - HD/HU").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sitegen.base.vi import nfc

# Characters that mean "a space" in exported text; tabs become four spaces of indentation.
_SPACE_CHARS = ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
                "\u205f\u3000")
_SPACE_TABLE = str.maketrans({c: " " for c in _SPACE_CHARS} | {"\t": "    "})
# Invisible characters with no meaning in a bulletin: zero-width space/joiners, BOM, soft hyphen; and
# control characters, which YAML refuses anywhere in a file (even in a comment).
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
                           "\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\u2028": "\n", "\u2029": "\n\n",
                "\x85": "\n"}
_INNER_SPACES_RE = re.compile(r"(?<=\S) {2,}(?=\S)")
# One to three asterisks on each side of a bare number, not part of a longer emphasis run, nor followed by a
# combining mark (removing the asterisk would join the mark onto the number's letter: "*12a*\u0301").
_STARRED_NUMBER_RE = re.compile(r"(?<![*\w])\*{1,3}(\d{1,5}[a-zđ]?)\*{1,3}"
                                "(?![*\\w\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])")


@dataclass
class Fixes:
    """What a repair changed, counted by kind (keys are catalog message keys)."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, n: int = 1) -> None:
        if n:
            self.counts[key] += n


def repair_text(text: str, fixes: Fixes | None = None) -> str:
    """The whole repair: line ends, NFC, spaces, invisible characters, asterisks around numbers."""
    fixes = fixes if fixes is not None else Fixes()
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    text, n = _INVISIBLE_RE.subn("", text)
    fixes.add("fix_invisible", n)
    normalized = nfc(text)
    if normalized != text:
        fixes.add("fix_nfc")
    text = normalized
    fixes.add("fix_nbsp", text.count("\u00a0"))
    lines = [repair_line(line, fixes) for line in text.translate(_SPACE_TABLE).split("\n")]
    return "\n".join(lines)


def repair_line(line: str, fixes: Fixes | None = None) -> str:
    """One line: keep its indentation, collapse inner space runs, drop trailing spaces, fix starred
    numbers."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    body = body.rstrip()
    if not body:
        return ""
    body, n = _INNER_SPACES_RE.subn(" ", body)
    if fixes is not None:
        fixes.add("fix_spaces", n)
    body, n = _STARRED_NUMBER_RE.subn(r"\1", body)
    if fixes is not None:
        fixes.add("fix_asterisks", n)
    return " " * indent + body


# --- helpers for reading lines ----------------------------------------------------------------------

_WRAP_RE = re.compile(r"^(\*{1,3}|_{1,3})(?=\S)(.*?)(?<=\S)\1$")
_HEADING_HASHES_RE = re.compile(r"^(#{1,6})\s+")


def unwrap_emphasis(text: str) -> str:
    """"**1. Mục đích**" -> "1. Mục đích"; only a run that wraps the whole text is removed."""
    text = text.strip()
    for _ in range(3):  # bold inside italic at most; a bound keeps a line of asterisks linear
        if not (m := _WRAP_RE.match(text)):
            break
        text = m.group(2).strip()
    return text


def strip_emphasis(text: str) -> str:
    """"**KẾ HOẠCH**" -> "KẾ HOẠCH"; also a leading or trailing unmatched run ("**T/M BAN", "BÍ THƯ**")."""
    text = unwrap_emphasis(text)
    return text.strip("*_ ").strip() if text.strip("*_ ") else text


def heading_hashes(text: str) -> tuple[int, str]:
    """("## I. Mục đích" -> (2, "I. Mục đích")); (0, text) for a line that is not a Markdown heading."""
    m = _HEADING_HASHES_RE.match(text)
    return (len(m.group(1)), text[m.end():]) if m else (0, text)


def plain(text: str) -> str:
    """A line without Markdown heading hashes and wrapping emphasis, for classification."""
    return strip_emphasis(heading_hashes(text.strip())[1])


def is_upper(text: str) -> bool:
    """True when every letter is upper case (and there are at least two letters)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_rule(text: str) -> bool:
    """Decorative lines of a header: "*", "-----", "_____", "***", "===", "—"."""
    stripped = text.replace(" ", "")
    return bool(stripped) and all(c in "*-_=~—–─•·." for c in stripped)


def letters_of(text: str) -> list[str]:
    """The letters and digits of a text, in order (what a repair must never change)."""
    return [c for c in nfc(text) if c.isalnum()]
