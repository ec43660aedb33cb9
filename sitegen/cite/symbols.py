"""Vietnamese document symbols ("số, ký hiệu"): grammar, normalization, identity keys.

Pure string code, no Markdown. Also home of the text "shadow" used for matching: a normalized copy of a
text (NFC, one kind of space, one kind of dash, new tone placement) that keeps a map back to the original
offsets. See /work/shared/domain/document-symbols.md for the grammars.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from sitegen.base.vi import unify_tones

# --- characters --------------------------------------------------------------------------------------

_SPACES = "\t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# 1:1 replacements only, so the shadow keeps the length of its NFC source.
_TRANSLATE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "-" for c in _DASHES},
     "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\uff0f": "/", "\u2215": "/"}
)
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


def normalize_text(text: str) -> str:
    """NFC, look-alike letters, spaces and dashes unified, new tone placement (length of NFC kept)."""
    out = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
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
        self.text = _keep_paragraph_breaks(nfc, unify_tones(nfc.translate(_TRANSLATE)))

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


# --- codes -------------------------------------------------------------------------------------------

# Type codes of Party and state documents (canonical spelling; case matters for a few).
TYPE_CODES = (
    "NQ", "QĐ", "QĐi", "QyĐ", "CT", "KL", "QC", "HD", "KH", "CTr", "TB", "TC", "BC", "TTr", "ĐA", "PA", "DA",
    "BB", "CV", "CĐ", "TT", "TTLT", "NQLT", "NĐ", "VBHN", "GM", "GGT", "GUQ", "GNP", "SY", "TrS", "SL", "BS",
)
_CANON = {c.upper(): c for c in TYPE_CODES} | {"TTG": "TTg", "THU": "ThU"}
_PARTY_ISSUER_RE = re.compile(r"[A-ZĐƯ]{0,6}(?:TW|TƯ|TU|HU|QU|ĐU|ĐUK|TXU|ThU)")
# Issuers that make a Party-punctuated symbol ("289-KH/UBND") a state one.
_STATE_ISSUERS = frozenset({"UBND", "HĐND", "UB", "CP", "TTg", "VPCP"})


def canon_code(code: str) -> str:
    up = code.upper()
    return _CANON.get(up, up)


def is_type_code(code: str) -> bool:
    return code.upper() in _CANON and _CANON[code.upper()] in TYPE_CODES


def is_party_issuer(code: str) -> bool:
    return _PARTY_ISSUER_RE.fullmatch(code) is not None


# --- grammar -----------------------------------------------------------------------------------------

_S = " {0,2}"  # spaces tolerated around "-" and "/" (the shadow has only plain spaces)
_NUM = r"(?P<num>\d{1,5}[a-z]?)(?!\d)"
_CODE = r"[A-ZĐƯ][A-Za-zĐđƯư]{1,9}\d{0,2}"
_PTYPE = "|".join(sorted({v for c in TYPE_CODES for v in (c, c.upper())}, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
SYMBOL_BODY = (
    f"(?:{_NUM}{_S}/{_S}(?P<lyear>{_YEAR}){_S}/{_S}(?P<law>(?:UBTVQH|QH)\\d{{1,2}})"
    f"|{_NUM.replace('num', 'snum')}{_S}/{_S}(?:(?P<syear>{_YEAR}){_S}/{_S})?"
    f"(?P<sfirst>{_CODE}){_S}-{_S}(?P<srest>{_CODE}(?:{_S}-{_S}{_CODE}){{0,3}})"
    f"|{_NUM.replace('num', 'pnum')}{_S}-{_S}(?P<ptype>{_PTYPE})(?![A-Za-zĐđ]){_S}/{_S}"
    f"(?P<piss>{_CODE}(?:-{_CODE})?))(?!\\w)"
)
# A number standing alone: not glued to other digits, letters or list punctuation ("số31" is allowed).
SYMBOL_PATTERN = f"(?:(?<=[sS][ốỐ])|(?<![\\w.,/-])){SYMBOL_BODY}"
_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
_BLANK_RE = re.compile(
    f"{_S}/{_S}(?P<sfirst>{_CODE}){_S}-{_S}(?P<srest>{_CODE}(?:{_S}-{_S}{_CODE}){{0,3}})"
    f"|-{_S}(?P<ptype>{_PTYPE}){_S}/{_S}(?P<piss>{_CODE}(?:-{_CODE})?)"
)


@dataclass(frozen=True)
class Symbol:
    number: str            # canonical number ("04", "32a"), "" for a draft's blank number
    type_code: str | None  # None for a state công văn and for laws/ordinances (N/YYYY/QH15)
    issuer_code: str       # party: after "/"; state/legal: groups after the type code joined by "-"
    year: int | None       # only when the symbol carries it (legal normative)
    system: str            # "party" | "state" | "legal"
    normalized: str
    key: str


def _canon_number(num: str) -> str:
    digits = num.rstrip("abcdefghijklmnopqrstuvwxyz")
    if not digits:
        return ""
    return str(int(digits)).zfill(2) + num[len(digits):]


def make_symbol(
    number: str, type_code: str | None, issuers: list[str], year: int | None, party_order: bool = False
) -> Symbol:
    """Build a canonical Symbol. The family follows the issuer code ("22/CT-TW" is Party, "289-KH/UBND"
    is state); an unknown issuer keeps the order it was written in."""
    num = _canon_number(number)
    codes = [canon_code(g) for g in issuers]
    issuer = "-".join(codes)
    party = is_party_issuer(codes[0]) or (party_order and codes[0] not in _STATE_ISSUERS)
    if year is not None:
        system = "legal"
        norm = f"{num}/{year}/{type_code}-{issuer}" if type_code else f"{num}/{year}/{issuer}"
    elif type_code and party:
        system, norm = "party", f"{num}-{type_code}/{issuer}"
    else:
        system = "state"
        norm = f"{num}/{type_code}-{issuer}" if type_code else f"{num}/{issuer}"
    key_num = num.lstrip("0") or ("0" if num else "")
    return Symbol(num, type_code, issuer, year, system, norm, (key_num + norm[len(num):]).lower())


def _groups(text: str) -> list[str]:
    return [g.strip() for g in text.split("-")]


def symbol_from_match(m: re.Match[str]) -> Symbol | None:
    """Symbol for a match of SYMBOL_PATTERN (or the blank-number pattern)."""
    gd = m.groupdict()
    if gd.get("law"):
        return make_symbol(gd["num"], None, [gd["law"]], int(gd["lyear"]))
    if gd.get("ptype"):
        return make_symbol(gd.get("pnum") or "", canon_code(gd["ptype"]), _groups(gd["piss"]), None, True)
    first, rest = gd["sfirst"], _groups(gd["srest"])
    year = int(gd["syear"]) if gd.get("syear") else None
    if is_type_code(first):
        return make_symbol(gd.get("snum") or "", canon_code(first), rest, year)
    if year is not None:
        return None  # legal symbols always carry a type code
    return make_symbol(gd.get("snum") or "", None, [first, *rest], None)


def parse_symbol(text: str) -> Symbol | None:
    """Parse a whole string as a symbol ("04 - NQ/TU", "289/KH-UBND", "/KH-UBND"); None otherwise."""
    norm = normalize_text(text).strip()
    m = _SYMBOL_RE.fullmatch(norm) or _BLANK_RE.fullmatch(norm)
    return symbol_from_match(m) if m else None

