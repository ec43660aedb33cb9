"""The text "shadow" used for matching: a normalized copy of a text (NFC, one kind of space, one kind of
dash, new tone placement) that keeps a map back to the original offsets, and its copy without diacritics.

Pure string code, no Markdown.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property, lru_cache

from sitegen.base.vi import strip_marks, unify_tones

# --- characters --------------------------------------------------------------------------------------

_SPACES = "\t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# 1:1 replacements only, so the shadow keeps the length of its NFC source.
_TRANSLATE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "-" for c in _DASHES},
     "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\uff0f": "/", "\u2215": "/"}
)
# The characters the table changes, found at C speed: a text holds few distinct ones (line breaks, a no-break
# space, an en dash), each replaced in one pass. str.translate looks every character up (6x slower).
_TO_TRANSLATE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATE) + "]")


def _translate(text: str) -> str:
    """`text.translate(_TRANSLATE)` (1:1 replacements, none of them by a character the table changes)."""
    for c in set(_TO_TRANSLATE.findall(text)):
        text = text.replace(c, _TRANSLATE[ord(c)])
    return text


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER_RE = re.compile(f"[^{_COMBINING}][{_COMBINING}]+|[{_COMBINING}]+", re.DOTALL)


_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")


def _keep_paragraph_breaks(nfc: str, shadow: str) -> str:
    """A blank line stays "\n" in the shadow: no citation, date or issuer phrase runs across paragraphs."""
    pieces, pos = [], 0
    for m in _BLANK_LINE_RE.finditer(nfc):
        pieces += [shadow[pos:m.start()], "\n" * (m.end() - m.start())]
        pos = m.end()
    return "".join(pieces) + shadow[pos:] if pieces else shadow


# A list, not a dict: str.translate looks it up faster, and leaves code points past its end unchanged.
_BASE = [b if c >= 0xC0 and len(b := strip_marks(chr(c))) == 1 and b.isascii() else chr(c)
         for c in range(0x1F00)]


def base_letters(text: str) -> str:
    """`text` with Vietnamese letters reduced to their base letter ("ự" -> "u", "Đ" -> "D"), same length."""
    return text.translate(_BASE)


def normalize_text(text: str) -> str:
    """NFC, look-alike letters, spaces and dashes unified, new tone placement (length of NFC kept)."""
    out = _translate(unicodedata.normalize("NFC", text))
    return unify_tones(out)


class Shadow:
    """A normalized copy of `original` with a map from shadow offsets back to original offsets."""

    def __init__(self, original: str) -> None:
        self.original = original
        # Pieces: shadow start, original start, shadow length, original length, identity (1:1 chars).
        self._sh: list[int] = []
        self._pieces: list[tuple[int, int, int, bool]] = []
        if unicodedata.is_normalized("NFC", original):
            parts = [original]
            self._add(0, 0, len(original), len(original), True)
        else:
            parts = self._build(original)
        nfc = "".join(parts)
        self.text = _keep_paragraph_breaks(nfc, unify_tones(_translate(nfc)))
        self.nfc = nfc  # the NFC text the shadow's offsets index: its line breaks are kept

    @cached_property
    def base(self) -> str:
        """The text without diacritics ("Nghị qưỹết" -> "Nghi quyet"), one character for one: words are
        matched on it, so scrambled or missing tone marks and "đ"/"d" still read as the same word. Made on
        first use: the nobreak rule reads only `text`."""
        return base_letters(self.text)

    def crosses_line(self, s: int, e: int) -> bool:
        """Whether the original text between shadow offsets `s` and `e` holds a line break."""
        return "\n" in self.nfc[s:e]

    def _add(self, sh: int, orig: int, sh_len: int, orig_len: int, identity: bool) -> None:
        self._sh.append(sh)
        self._pieces.append((orig, sh_len, orig_len, identity))

    def _build(self, original: str) -> list[str]:
        parts: list[str] = []
        sh = pos = 0

        def plain(end: int) -> None:
            nonlocal sh, pos
            seg = original[pos:end]
            norm = unicodedata.normalize("NFC", seg)
            if len(norm) == len(seg):
                self._add(sh, pos, len(seg), len(seg), True)
                parts.append(norm)
                sh += len(norm)
            else:  # rare: singletons that expand; map char by char
                for i, ch in enumerate(seg):
                    n = unicodedata.normalize("NFC", ch)
                    self._add(sh, pos + i, len(n), 1, len(n) == 1)
                    parts.append(n)
                    sh += len(n)
            pos = end

        for m in _CLUSTER_RE.finditer(original):
            if m.start() > pos:
                plain(m.start())
            norm = unicodedata.normalize("NFC", m.group())
            self._add(sh, m.start(), len(norm), len(m.group()), False)
            parts.append(norm)
            sh += len(norm)
            pos = m.end()
        if pos < len(original):
            plain(len(original))
        return parts

    def start(self, s: int) -> int:
        """Original offset for a span starting at shadow offset `s`."""
        if s >= len(self.text):
            return len(self.original)
        k = bisect_right(self._sh, s) - 1
        orig, _, _, identity = self._pieces[k]
        return orig + (s - self._sh[k]) if identity else orig

    def end(self, e: int) -> int:
        """Original offset for a span ending (exclusive) at shadow offset `e`."""
        if e <= 0:
            return 0
        k = bisect_right(self._sh, e - 1) - 1
        orig, _, orig_len, identity = self._pieces[k]
        return orig + (e - self._sh[k]) if identity else orig + orig_len


@lru_cache(maxsize=512)
def shadow_of(text: str) -> Shadow:
    """The Shadow of `text`, shared (a Shadow is never changed): the citation rule scans each run of a
    paragraph's text, and the nobreak rule, after it, reads the text tokens between citations, most of which
    are whole runs of the same text (71 % of the characters it shadows in the 1,000-document corpus)."""
    return Shadow(text)
