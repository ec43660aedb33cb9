"""Vietnamese document symbols ("số, ký hiệu"): grammar, normalization, identity keys.

Pure string code, no Markdown. See /work/shared/domain/document-symbols.md for the grammars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .shadow import normalize_text

# --- codes -------------------------------------------------------------------------------------------

# Type codes of Party and state documents (canonical spelling; case matters for a few). CTHĐ: a Party
# committee's "Chương trình hành động" in some provinces.
TYPE_CODES = (
    "NQ", "QĐ", "QĐi", "QyĐ", "CT", "KL", "QC", "HD", "KH", "CTr", "CTHĐ", "TB", "TC", "BC", "TTr", "ĐA",
    "PA", "DA", "BB", "CV", "CĐ", "TT", "TTLT", "NQLT", "NĐ", "VBHN", "GM", "GGT", "GUQ", "GNP", "SY", "TrS",
    "SL", "BS", "PL",
)
_CANON = {c.upper(): c for c in TYPE_CODES} | {"TTG": "TTg", "THU": "ThU"}
# Type codes whose "Đ" OCR or an ASCII keyboard lost ("04/2008/ND-CP", "418/QD-TTg"): only where a type code
# stands, as a whole group (an issuer's unit may be "ND"; "UBND" ends in it).
_LOOKALIKE_TYPES = {"ND": "NĐ", "QD": "QĐ"}
# Spellings met in copied text: "TƯ" for TW, telex "DD" for "Đ" ("NDD-CP"), a transposed "UVBTVQH".
_SPELLINGS = {"T.Ư": "TW", "TƯ": "TW", "NDD": "NĐ", "QDD": "QĐ", "UVBTVQH": "UBTVQH"}
_PARTY_ISSUER_RE = re.compile(r"[A-ZĐƯ]{0,6}(?:TW|TƯ|TU|HU|QU|ĐU|ĐUK|TXU|ThU|KU)")
# Issuers that make a Party-punctuated symbol ("289-KH/UBND") a state one, unless its type code is one only
# Party bodies use ("571-CV/UBND": a công văn of the Party's committee in the people's committee).
_STATE_ISSUERS = frozenset({"UBND", "HĐND", "UB", "CP", "TTg", "VPCP"})
_PARTY_ONLY_TYPES = frozenset({"CV", "KL"})
_TERM_RE = re.compile(r"(UBTVQH|QH) ?(\d{1,2})")


@lru_cache(maxsize=4096)
def canon_code(code: str) -> str:
    """ "ttg" -> "TTg", "Ctr" -> "CTr", "TƯ" -> "TW", "BTGTƯ" -> "BTGTW", "UBTVQH 14" -> "UBTVQH14"."""
    up = _TERM_RE.sub(r"\1\2", code.upper())
    for wrong, right in _SPELLINGS.items():
        if up.startswith(wrong) or up.endswith(wrong):
            up = up.replace(wrong, right)
    return _CANON.get(up, up)


def canon_type(code: str) -> str:
    """canon_code for a code in a type code's place: "QD" -> "QĐ"."""
    return _LOOKALIKE_TYPES.get(code.upper()) or canon_code(code)


def is_type_code(code: str) -> bool:
    return canon_type(code) in TYPE_CODES


def is_party_issuer(code: str) -> bool:
    return _PARTY_ISSUER_RE.fullmatch(code) is not None


# --- grammar -----------------------------------------------------------------------------------------

_S = " {0,2}"  # spaces tolerated around "-" and "/" (the shadow has only plain spaces)
_NUM = r"(?P<num>\d{1,5}[a-z]?)(?!\d)"
_L = "A-Za-zĐđƯư"
# A code group: letters ("&" inside: "PTĐT&HTKT"), a legislature term ("QH15", "UBTVQH 14").
_CODE = f"[{_L}][{_L}&]{{1,9}}(?:\\d{{1,2}}|(?<=[Qq][Hh]) \\d{{1,2}})?"
# A Party issuer: code groups, or the dotted "T.Ư" some pages write for TƯ ("Thông báo Kết luận số
# 234-TB/T.Ư").
_PISS = f"(?:{_CODE}|[Tt]\\.[Ưư])(?:-{_CODE})?"
_PTYPE = "(?i:" + "|".join(sorted({c.upper() for c in TYPE_CODES}, key=len, reverse=True)) + ")"
_LEGAL_TYPES = "(?i:TTLT|TT|NĐ|NDD|QĐ|NQ|CT)"
_YEAR = r"(?:19|20)\d\d"
_REST = f"{_CODE}(?:{_S}-{_S}{_CODE}){{0,3}}"
_GLUED = "ngày|của|về|năm|và|tại|theo|đã|được"
# Capitals only: the type codes and the issuers (the Government, its Office, a people's committee or council,
# a ministry "B…") a copy that lost its hyphens glues together.
_JTYPE = "TTLT|NĐ|NQ|QĐ|TT|CT|KH|HD|TB|BC"
_JISS = "CP|VPCP|UBND|HĐND|TTg|B[A-ZĐ]{1,7}"
SYMBOL_BODY = (
    f"(?:{_NUM}{_S}/{_S}(?P<lyear>{_YEAR}){_S}/{_S}(?P<law>(?i:UBTVQH|QH) ?\\d{{1,2}})"
    # legal normative, also with "/" after the type code ("183/2010/TTLT/BTC-BNN")
    f"|{_NUM.replace('num', 'gnum')}{_S}/{_S}(?P<gyear>{_YEAR}){_S}/{_S}(?P<gtype>{_CODE}){_S}[-/]{_S}"
    f"(?P<grest>{_REST})"
    # state ("263//KQTĐ-SXD": a doubled slash)
    f"|{_NUM.replace('num', 'snum')}{_S}/{{1,2}}{_S}(?P<sfirst>{_CODE}){_S}-{_S}(?P<srest>{_REST})"
    # Party; without the hyphen ("20 NQ/TW") only after type words or "số" (checked by the caller)
    f"|{_NUM.replace('num', 'pnum')}(?:{_S}-{_S}|(?P<pspace> {{1,2}}))(?P<ptype>{_PTYPE})(?![{_L}])"
    f"{_S}/{_S}(?P<piss>{_PISS})"
    # a file name: every separator a hyphen ("18-2019-TT-BGDĐT")
    f"|{_NUM.replace('num', 'hnum')}-(?P<hyear>{_YEAR})-(?P<htype>{_LEGAL_TYPES})"
    f"-(?P<hrest>{_CODE}(?:-{_CODE})?)"
    # a PDF copy that lost its hyphens: a type code glued to its issuer ("61/2018/NĐCP", "30c/NQCP")
    f"|{_NUM.replace('num', 'jnum')}{_S}/{_S}(?:(?P<jyear>{_YEAR}){_S}/{_S})?"
    f"(?P<jtype>{_JTYPE})(?P<jiss>{_JISS})"
    # the end: not glued to a word, except a lower-case word a PDF's line join glued to a code in capitals
    # ("60-KL/TWngày 16/9/2019", "05-CT/TWvề"), or a date a copy that lost every space glued on
    # ("…số01/2011/TT-BNVngày19tháng01năm2011")
    f")(?:(?![\\w&])|(?<=[A-ZĐƯ])(?=(?:{_GLUED})(?![\\w&])|ngày(?=\\d)))"
)
# A number standing alone: not glued to other digits, letters or list punctuation ("số31" is allowed).
SYMBOL_PATTERN = f"(?:(?<=[sS][ốỐ])|(?<![\\w.,/-])){SYMBOL_BODY}"
_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
# Every symbol starts with a digit (its number): the look-ahead lets the engine skip other positions quickly.
SYMBOL_RE = re.compile(f"(?=\\d){SYMBOL_PATTERN}")
_BLANK_RE = re.compile(
    f"{_S}/{_S}(?P<sfirst>{_CODE}){_S}-{_S}(?P<srest>{_REST})"
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


@lru_cache(maxsize=512)
def symbol_matches(text: str) -> tuple[re.Match[str], ...]:
    """Every SYMBOL_PATTERN match in a shadow's text, in order. Found once for the citation rule and the
    nobreak rule, which read the same shadows (cite/shadow.shadow_of)."""
    return tuple(SYMBOL_RE.finditer(text))


def _canon_number(num: str) -> str:
    """ "4" -> "04"; a number written with more digits keeps them ("0747/2006/QĐ-BTM")."""
    digits = num.rstrip("abcdefghijklmnopqrstuvwxyz")
    if not digits:
        return ""
    return (digits if len(digits) > 2 else str(int(digits)).zfill(2)) + num[len(digits):]


def make_symbol(
    number: str, type_code: str | None, issuers: list[str], year: int | None, party_order: bool = False
) -> Symbol:
    """Build a canonical Symbol. The family follows the issuer code ("22/CT-TW" is Party, "289-KH/UBND"
    is state); an unknown issuer keeps the order it was written in."""
    num = _canon_number(number)
    codes = [canon_code(g) for g in issuers]
    issuer = "-".join(codes)
    party = is_party_issuer(codes[0]) or (party_order and (
        codes[0] not in _STATE_ISSUERS or type_code in _PARTY_ONLY_TYPES))
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


def _cased(*codes: str) -> bool:
    """Codes in capitals (or a canonical mixed case), or all in lower case ("30/2020/nđ-cp"); not a mix of
    a lower-case group with capitals ("12-ct/TW" is fine, "5-ab/Cd" is not a symbol)."""
    # "Đ" left in capitals by a page that lower-cases the rest ("15-2012-qĐ-ubnd") is lower case
    lower = [c for c in codes if not any(ch.isupper() and ch != "Đ" for ch in c)]
    return not lower or len(lower) == len(codes) or all(is_type_code(c) for c in lower)


def symbol_from_match(m: re.Match[str]) -> Symbol | None:
    """Symbol for a match of SYMBOL_PATTERN (or the blank-number pattern). A code in lower case counts
    only where the type code is a known one ("11-ct/tw", "30/2020/nđ-cp")."""
    gd = m.groupdict()
    if gd.get("law"):
        return make_symbol(gd["num"], None, [gd["law"]], int(gd["lyear"]))
    if gd.get("gtype"):
        rest = _groups(gd["grest"])
        if not is_type_code(gd["gtype"]) or not _cased(gd["gtype"], *rest):
            return None
        return make_symbol(gd["gnum"], canon_type(gd["gtype"]), rest, int(gd["gyear"]))
    if gd.get("jtype"):
        year = gd.get("jyear")
        return make_symbol(gd["jnum"], gd["jtype"], [gd["jiss"]], int(year) if year else None)
    if gd.get("htype"):
        rest = _groups(gd["hrest"])
        return make_symbol(gd["hnum"], canon_type(gd["htype"]), rest, int(gd["hyear"])) if _cased(
            gd["htype"], *rest) else None
    if gd.get("ptype"):
        issuers = _groups(gd["piss"])
        if not _cased(gd["ptype"], *issuers):
            return None
        return make_symbol(gd.get("pnum") or "", canon_code(gd["ptype"]), issuers, None, True)
    first, rest = gd["sfirst"], _groups(gd["srest"])
    if is_type_code(first):
        if not _cased(first, *rest):
            return None
        return make_symbol(gd.get("snum") or "", canon_type(first), rest, None)
    if not all(any(ch.isupper() for ch in c) for c in (first, *rest)):
        return None  # a state công văn has no type code to vouch for lower case
    return make_symbol(gd.get("snum") or "", None, [first, *rest], None)


def parse_symbol(text: str) -> Symbol | None:
    """Parse a whole string as a symbol ("04 - NQ/TU", "289/KH-UBND", "/KH-UBND"); None otherwise."""
    norm = normalize_text(text).strip()
    m = _SYMBOL_RE.fullmatch(norm) or _BLANK_RE.fullmatch(norm)
    return symbol_from_match(m) if m else None

