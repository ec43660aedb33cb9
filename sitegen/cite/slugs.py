"""Citations in the slugs and tags a site lower-cases and strips of diacritics and separators (issue 14, class
1): "nghi dinh so 138 2020 nd cp" is Nghị định 138/2020/NĐ-CP. detect.py reads the type words and the number;
this reads what a slug writes after them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .around import SO, TYPE_RE, type_key
from .symbols import Symbol, canon_type, is_type_code, make_symbol

# A page's slug or tag in lower case without diacritics or separators ("nghi dinh so 138 2020 nd cp",
# "quyet dinh 03 2013 qd ubnd", "nghi quyet so 30 nq cp", "nghi dinh 123 2020 ve hoa don"): after type words
# and a number, a year and/or a type code and its issuer, each a word of its own.
_SLUG_RE = re.compile(
    r" (?P<year>(?:19|20)\d\d)(?: (?P<law>(?:ubtv)?qh\d{1,2})(?![\w])"
    r"| (?P<ytype>[a-z]{2,4}) (?P<yiss>[a-z]{2,8})(?![\w]))?"
    r"| (?P<type>[a-z]{2,4}) (?P<iss>[a-z]{2,8})(?![\w])")
YEARED_TYPES = frozenset({"nghi-dinh", "thong-tu", "quyet-dinh", "nghi-quyet", "luat", "phap-lenh"})
# Issuer codes whose "Đ" a slug writes "d".
_SLUG_CODES = {"HDND": "HĐND", "BLDTBXH": "BLĐTBXH", "BGDDT": "BGDĐT", "DU": "ĐU"}


def slug_tail(t: str, start: int, pos: int) -> tuple[Symbol | None, int | None, int] | None:
    """The symbol (or the year of a truncated one) a slug writes after type words and a number, and where it
    ends; None when the text there is not a slug (capitals or diacritics) or holds no such tail."""
    m = _SLUG_RE.match(t, pos)
    # a tag page may capitalize its first letter ("Nghi dinh 115 2020 nd cp")
    if m is None or not t[start:m.end()].isascii() or t[start + 1:m.end()].lower() != t[start + 1:m.end()]:
        return None
    num = t[t.rfind(" ", start, pos) + 1:pos]
    if m.group("law"):
        return make_symbol(num, None, [m.group("law")], int(m.group("year"))), None, m.end()
    code, iss = (m.group("ytype"), m.group("yiss")) if m.group("year") else (m.group("type"), m.group("iss"))
    year = int(m.group("year")) if m.group("year") else None
    if code is None:
        return None, year, m.end()
    if not is_type_code(code):
        return (None, year, m.end("year")) if year else None
    issuer = _SLUG_CODES.get(iss.upper(), iss)
    return make_symbol(num, canon_type(code), [issuer], year), None, m.end()


# A search query that lost its separators, in lower case ("nghị định 072021nđ cp", "công văn số 4021vpcp cn"):
# the number (and the year) glued to the first code, then the next code as a word, after type words. The glued
# codes are found first (digits are rare), then the type words right before them. Each pattern here starts
# with the character it must start with, as written, and checks the one before after it ("\d(?<!\w.)" is
# "(?<!\w)\d"): the engine then skips the other positions in C (a leading look-ahead, "(?=\d)(?<!\w)", made
# it enter the pattern at every position: twice as slow; around.TYPE_RE likewise).
_GLUED_RE = re.compile(
    r"(?P<digits>\d(?<!\w.)\d{0,8})"
    r"(?:(?P<code>[a-z]{2,6}) (?P<iss>[a-z]{2,8})|(?P<codes>[a-z]{4,12}))(?![\w/-])")
# A slug that names a law before its symbol ("luat ban hanh van ban quy pham phap luat 2015 so 80 2015 qh13"):
# the legislature's code fixes what it is, whatever name stands between the type word and "so".
_LAW_SLUG_RE = re.compile(
    r"(?P<tw>l(?<!\w.)uat|p(?<!\w.)hap lenh|n(?<!\w.)ghi quyet)(?: [a-z0-9]{1,12}){0,16}? so (?P<num>\d{1,4})"
    r" (?P<year>(?:19|20)\d\d) (?P<law>(?:ubtv)?qh\d{1,2})(?![\w])")
_TYPE_BEFORE_RE = re.compile(f"(?P<tw>{TYPE_RE.pattern}) {{1,3}}(?P<so>{SO})?$")


def glued_symbols(t: str, b: str) -> Iterator[tuple[int, int, Symbol, str]]:
    """Start, end, symbol and type key of each glued query in lower case: "072021nđ cp" is 07/2021/NĐ-CP
    (a number, then a year when six or more digits end in one), "4021vpcp cn" of a công văn is 4021/VPCP-CN
    (a state công văn's codes, after "công văn số" only), "021999ttbkh" is 02/1999/TT-BKH (codes glued too,
    with a year only); then slugs that name a law before "so N YYYY qhNN"."""
    for m in _GLUED_RE.finditer(b):
        before = _TYPE_BEFORE_RE.search(b, max(0, m.start() - 30), m.start())
        if before is None or t[before.start():m.end()].lower() != t[before.start():m.end()]:
            continue
        digits, code, iss = m.group("digits"), m.group("code"), m.group("iss")
        year = None
        if len(digits) >= 5 and digits[-4:-2] in ("19", "20"):
            digits, year = digits[:-4], int(digits[-4:])
        if len(digits) > 5 or not digits:
            continue
        if m.group("codes"):
            # every separator lost ("thông tư số 021999ttbkh"): only with a year, the longest type code first
            split = _split_codes(m.group("codes")) if year else None
            if split is None:
                continue
            code, iss = split
        doc_type = type_key(before.group("tw"))
        if is_type_code(code):
            sym = make_symbol(digits, canon_type(code), [_SLUG_CODES.get(iss.upper(), iss)], year)
        elif doc_type == "cong-van" and year is None and before.group("so"):
            sym = make_symbol(digits, None, [code.upper(), iss.upper()], None)
        else:
            continue
        yield before.start(), m.end(), sym, doc_type
    for m in _LAW_SLUG_RE.finditer(b):
        if t[m.start():m.end()].isascii() and t[m.start():m.end()].lower() == t[m.start():m.end()]:
            sym = make_symbol(m.group("num"), None, [m.group("law")], int(m.group("year")))
            yield m.start(), m.end(), sym, type_key(m.group("tw"))


# A query that glued a legal normative document's number to its year and lost the code ("nghị định số
# 632021"): after type words and "số", in lower case, six or seven digits that end in a year.
_GLUED_YEAR_RE = re.compile(r"(?P<num>\d(?<!\w.)\d{0,2})(?P<year>(?:19[4-9]|20[0-4])\d)(?![\w/.,-]\w)")


def glued_numbers(t: str, b: str) -> Iterator[tuple[int, int, str, int, str]]:
    """Start, end, number, year and type key of each "nghị định số 632021" (63/2021) of a lower-case query."""
    for m in _GLUED_YEAR_RE.finditer(b):
        before = _TYPE_BEFORE_RE.search(b, max(0, m.start() - 30), m.start())
        if (before is None or not before.group("so") or t[before.start():m.end()].lower() != t[
                before.start():m.end()] or (doc_type := type_key(before.group("tw"))) not in YEARED_TYPES):
            continue
        yield before.start(), m.end(), m.group("num"), int(m.group("year")), doc_type


def _split_codes(codes: str) -> tuple[str, str] | None:
    """ "ttbkh" -> ("tt", "bkh"): a type code glued to its issuer's."""
    for k in (4, 3, 2):
        if len(codes) - k >= 2 and is_type_code(codes[:k]):
            return codes[:k], codes[k:]
    return None
