"""The words around a symbol or a number: the type words (and a name or issuer phrase) before it, and the date
and issuer phrase after it ("Nghị quyết của Bộ Chính trị số 57-NQ/TW", "… ngày 22/12/2024 của Bộ Chính trị").
Read on a Shadow of the text (detect.py), with the same linear regexes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clauses import ASIDE_RE
from .dates import AFTER_NGAY, YEAR_ONLY, DateTuple, date_from_match
from .issuers import issuer_at
from .shadow import Shadow, base_letters
from .vocab import TYPE_WORDS

_BASE_TYPES = {base_letters(w): key for w, key in TYPE_WORDS.items()}
_BY_FIRST: dict[str, list[str]] = {}  # first letter -> the type words' patterns, longest first
for _w in sorted(_BASE_TYPES, key=len, reverse=True):
    _BY_FIRST.setdefault(_w[0], []).append(" {1,3}".join(map(re.escape, _w.split())))
# Type words. Each branch starts with its first letter as written in either case, the rest read ignoring case:
# the engine then knows the letters a match can start with and skips every other position in C; a leading
# look-ahead on them ("(?=[BCDG…])(?<!\w)(?i:…)", the pattern before) gave it no such set, and it entered the
# pattern at every position of the text (twice as slow over the corpus' bodies). "(?<!\w.)" after the first
# letter is "(?<!\w)" before it; the branches of one letter keep the longest-first order of the alternation.
TYPE_RE = re.compile("(?:" + "|".join(
    f"{re.escape(case)}(?<!\\w.)(?i:{'|'.join(p[1:] for p in patterns)})"
    for first, patterns in _BY_FIRST.items() for case in dict.fromkeys((first, first.upper()))) + ")(?!\\w)")
SO = "(?i:so) {0,2}:? {0,2}"
# What may sit between type words and a symbol: nothing, "số", or (after a capitalized type word) a short
# name or "của ISSUER" ending in "số" ("Luật Báo chí số …", "Nghị quyết của Bộ Chính trị số …").
_TAIL_RE = re.compile(f" {{1,3}}(?:{SO})?")
_GAP_RE = re.compile(f"(?: {{1,3}}[^ ,;:.()“”\"\\[\\]\\d][^ ,;:.()“”\"\\[\\]]*){{1,8}} {{1,3}}{SO}")
_DATE_AFTER_RE = re.compile(
    f" {{0,3}}(?:, {{0,3}})?(?:(?:(?i:ngay) {{0,3}})?{AFTER_NGAY}|(?P<bare>{YEAR_ONLY})"
    f"|\\( {{0,2}}(?P<py>(?:19|20)\\d\\d) {{0,2}}\\))"
    # a site's list title: a bare year, then words ("Quyết định 439/QĐ-TTg 2023 BCĐ quản lý …"), not a range
    r"|(?<=\w) (?P<sy>(?:19|20)\d\d)(?= {1,3}[^\W\d])"
)
_TERM_RE = re.compile(r" {0,3},? {0,3}(?:\( {0,2})?(?i:khoa) {1,3}[IVXLC]{1,6}(?: {0,2}\))?")
_AFTER_HINT_RE = re.compile(r" {0,3},? {0,3}(?:\d|\(|(?i:ngay|nam|cua|ban hanh|duoc ban hanh))")
# "Nghị định 15/2020/NĐ-CP ban hành ngày 03/02/2020 của Chính phủ": the date and issuer of the document, not
# part of the citation's span. Not "… được ban hành ngày …": the sentence's own verb, whose date may be
# another.
_ISSUED_ON_RE = re.compile(r" {0,3},? {0,3}(?i:ban {1,3}hanh) {1,3}(?=(?i:ngay) {0,3}\d)")
# What introduces the issuer after a citation: "của", "ban hành bởi".
_CUA_RE = re.compile(" {0,3}(?:, {0,3})?(?i:cua|(?:duoc {1,3})?ban {1,3}hanh {1,3}boi) {1,3}")
# After a date, with no "của" (a copy that dropped short words, or a writer who left it out): only a body of
# the Party's centre or the Government ("… ngày 16/6/2022 Hội nghị lần thứ năm Ban Chấp hành Trung ương").
_BARE_ISSUER_RE = re.compile(
    r" (?=(?:Hoi nghi|Ban Chap hanh Trung|Bo Chinh tri|Ban Bi thu|Ban To chuc Trung|Ban Tuyen giao Trung"
    r"|Chinh phu|Thu tuong)(?!\w))")
_CUA_WORD_RE = re.compile(r"(?<!\w)(?i:cua) ")
_LETTER_RE = re.compile(r"[^\W\d_]")
_NGAY_RE = re.compile(r"[ ,]{0,5}(?i:ngay)")


@lru_cache(maxsize=512)
def type_key(words: str) -> str:
    return _BASE_TYPES[" ".join(words.lower().split())]


def words_before(t: str, b: str, lo: int, s: int, code_type: str | None = None,
                 ) -> tuple[int, str | None, str | None, bool]:
    """Start, doc type, issuer phrase from the type words before a symbol at `s`; whether "số" ends it.
    `code_type`: the type the symbol's code says; type words with a name between them and "số" that say
    another are not its own ("… hướng dẫn thi hành một số điều của Luật Đầu tư công và số 161/2016/NĐ-CP")."""
    if _LETTER_RE.search(b, lo, s) is None:
        return s, None, None, False  # no letter: no type word, no "số" (a symbol right after another one)
    last = None
    for m in TYPE_RE.finditer(b, lo, s):
        last = m
    so = b[max(lo, s - 4):s].rstrip(" :").lower().endswith("so")
    if last is not None:
        if _TAIL_RE.fullmatch(b, last.end(), s):
            return last.start(), type_key(last.group()), None, so
        if t[last.start()].isupper() and _GAP_RE.fullmatch(b, last.end(), s) and code_type in (
                None, type_key(last.group())):
            gap = b[last.end():s]
            cua = _CUA_WORD_RE.search(gap)  # "QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ …" too
            found = issuer_at(t, b, last.end() + cua.end(), is_type_word=TYPE_RE) if cua else None
            return last.start(), type_key(last.group()), found[0] if found else None, so
    return s, None, None, so


def words_after(shadow: Shadow, e: int, joint: bool = False) -> tuple[int, DateTuple | None, str | None]:
    """End of the citation, date (or year) and issuer phrase after a symbol (or number) ending at `e`."""
    t, b = shadow.text, shadow.base
    end, date, issuer = e, None, None
    if not _AFTER_HINT_RE.match(b, e):
        return end, date, issuer

    def take_date(pos: int, after_issuer: bool = False) -> None:
        nonlocal end, date
        m = _DATE_AFTER_RE.match(b, pos)
        if not m:
            return
        year = m.group("py") or m.group("sy")
        found = (int(year), None, None) if year else date_from_match(m)
        if found is None:
            return
        bare = m.group("d") and not _NGAY_RE.match(b[pos:m.start("d")])
        if bare and shadow.crosses_line(pos, m.start("d")):
            return  # a page's date on the next line ("Nghị quyết số 18-NQ/TW\n22/12/2024")
        if m.group("sy") and (after_issuer or m.start("sy") != pos + 1):
            return
        if after_issuer and not m.group("py") and not _NGAY_RE.match(b[pos:m.end()]):
            return
        end, date = m.end(), found

    issued = _ISSUED_ON_RE.match(b, e)
    take_date(issued.end() if issued else e)
    span_end = e if issued and date else None
    cua_at = end
    aside = ASIDE_RE.match(t, end)  # a defined short name before "của"
    if aside and _CUA_RE.match(b, aside.end()):
        cua_at = aside.end()
    m = _CUA_RE.match(b, cua_at) or (_BARE_ISSUER_RE.match(b, end) if date else None)
    if m and (found := issuer_at(t, b, m.end(), joint, TYPE_RE)):
        issuer = found[0]
        if date is None:  # "… của Ban Bí thư (khóa XII) ngày 5/9/2016", "… của Tỉnh ủy Hà Nam (2021)"
            term = _TERM_RE.match(b, found[1])  # or "… của Ban Thường vụ Tỉnh ủy ban hành ngày 14.12.2020"
            issued = _ISSUED_ON_RE.match(b, found[1])
            take_date(term.end() if term else issued.end() if issued else found[1], after_issuer=True)
    return span_end or end, date, issuer


__all__ = ["SO", "TYPE_RE", "type_key", "words_after", "words_before"]
