"""Find document citations in plain text.

Phrase order, as written in practice (document-symbols.md):
    TYPE WORDS [name] [của ISSUER] [số|Số:] SYMBOL [,] [ngày DATE] [của ISSUER]
Matching runs on a Shadow (normalized copy) of the text; offsets are mapped back to the original.
Every regex is linear: bounded repeats, or unbounded ones over disjoint classes; the text before a
symbol is only searched within a bounded window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import AFTER_NGAY, DateTuple, date_from_match
from .symbols import SYMBOL_PATTERN, Shadow, Symbol, make_symbol, normalize_text, symbol_from_match

TYPE_WORDS: dict[str, str] = {
    "nghị quyết": "nghi-quyet", "nghị quyết liên tịch": "nghi-quyet-lien-tich", "chỉ thị": "chi-thi",
    "kết luận": "ket-luan", "quy định": "quy-dinh", "quyết định": "quyet-dinh", "quy chế": "quy-che",
    "hướng dẫn": "huong-dan", "kế hoạch": "ke-hoach", "chương trình": "chuong-trinh",
    "chương trình hành động": "chuong-trinh", "thông báo": "thong-bao", "thông báo kết luận": "thong-bao",
    "thông cáo": "thong-cao", "thông tri": "thong-tri", "báo cáo": "bao-cao", "tờ trình": "to-trinh",
    "đề án": "de-an", "phương án": "phuong-an", "dự án": "du-an", "biên bản": "bien-ban",
    "công văn": "cong-van", "công điện": "cong-dien", "nghị định": "nghi-dinh", "thông tư": "thong-tu",
    "thông tư liên tịch": "thong-tu-lien-tich", "luật": "luat", "bộ luật": "luat", "pháp lệnh": "phap-lenh",
    "văn bản hợp nhất": "van-ban-hop-nhat", "giấy mời": "giay-moi",
}
_TYPE_ALT = "|".join(
    " {1,3}".join(map(re.escape, w.split())) for w in sorted(TYPE_WORDS, key=len, reverse=True)
)
# The leading look-ahead on first letters lets the engine skip most positions quickly.
_FIRST = "".join(sorted({c for w in TYPE_WORDS for c in (w[0], w[0].upper())}))
_TYPE_RE = re.compile(f"(?=[{_FIRST}])(?<!\\w)(?i:{_TYPE_ALT})(?!\\w)")
_SO = "(?i:số) {0,2}:? {0,2}"
# What may sit between the type word and the symbol: nothing, "số", or (after a capitalized type word)
# a short name / "của ISSUER" ending in "số".
_TAIL_RE = re.compile(f" {{1,3}}(?:{_SO})?")
_GAP_RE = re.compile(f"(?: {{1,3}}[^ ,;:.()“”\"\\[\\]\\d][^ ,;:.()“”\"\\[\\]]*){{1,8}} {{1,3}}{_SO}")
_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
_NUMBER_ONLY_RE = re.compile(
    f"(?=[{_FIRST}])(?<!\\w)(?P<tw>(?i:{_TYPE_ALT})) {{1,3}}(?P<so>{_SO})?(?P<num>\\d{{1,5}}[a-z]?)"
    r"(?!\w|[.,:/-]\d| {0,3}[-/]| {0,2}%| {1,3}(?i:tháng|năm)(?!\w))"
)
_DATE_AFTER_RE = re.compile(f" {{0,3}}(?:, {{0,3}})?(?:(?i:ngày) {{0,3}})?{AFTER_NGAY}")
_CUA_RE = re.compile(" {0,3}(?:, {0,3})?(?i:của) {1,3}")
_LIST_SEP_RE = re.compile(" {0,3}(?:[,;]|(?:, {0,3})?(?i:và)) {0,3}")
_WORD_RE = re.compile(r"[^\s,;:.()\[\]“”\"'‘’?!…*/]+")
_WINDOW = 120
_MAX_ISSUER_WORDS = 12

# Lower-case words that continue an issuer name after the given (lower-cased) word.
_LOC = frozenset({"tỉnh", "huyện", "xã", "thành", "quận", "thị"})
_CONT: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "thường": "vụ trực", "bí": "thư", "tuyên": "giáo", "chính": "trị phủ", "chấp": "hành", "trung": "ương",
    "ủy": "ban", "ban": "nhân", "nhân": "dân", "hội": "đồng", "đồng": "nhân", "tổ": "chức quốc",
    "kiểm": "tra", "chỉ": "đạo", "đảng": "bộ ủy đoàn", "tỉnh": "ủy", "huyện": "ủy", "thành": "ủy phố",
    "thị": "ủy xã trấn", "quận": "ủy", "văn": "phòng", "thủ": "tướng", "quốc": "hội", "mặt": "trận",
    "dân": "vận tỉnh huyện xã thành quận thị", "bộ": "tỉnh huyện xã khối", "ubnd": " ".join(_LOC),
    "hđnd": " ".join(_LOC), "ub": " ".join(_LOC),
}.items()}
_ISSUER_STOP = frozenset({"Về", "VỀ", "Và", "Theo", "Thực", "Căn"})

# Type code -> vocabulary key for a symbol with no type words before it (QĐ is ambiguous for Party).
_DOC_TYPE_BY_CODE = {
    "NQ": "nghi-quyet", "CT": "chi-thi", "KL": "ket-luan", "QC": "quy-che", "HD": "huong-dan",
    "KH": "ke-hoach", "CTr": "chuong-trinh", "TB": "thong-bao", "TC": "thong-cao", "BC": "bao-cao",
    "TTr": "to-trinh", "ĐA": "de-an", "PA": "phuong-an", "DA": "du-an", "BB": "bien-ban", "CĐ": "cong-dien",
    "TTLT": "thong-tu-lien-tich", "NĐ": "nghi-dinh", "QyĐ": "quy-dinh", "VBHN": "van-ban-hop-nhat",
    "GM": "giay-moi", "NQLT": "nghi-quyet-lien-tich", "CV": "cong-van",
}
# Vocabulary key -> Party type code, to infer "Chỉ thị 05 của Bộ Chính trị" = 05-CT/TW.
_PARTY_CODE = {
    "nghi-quyet": "NQ", "chi-thi": "CT", "ket-luan": "KL", "quy-dinh": "QĐ", "quyet-dinh": "QĐ",
    "huong-dan": "HD", "ke-hoach": "KH", "chuong-trinh": "CTr", "thong-bao": "TB", "bao-cao": "BC",
    "to-trinh": "TTr", "quy-che": "QC", "de-an": "ĐA", "cong-van": "CV", "thong-tri": "TT",
}
_PARTY_ISSUER_BY_PHRASE = {
    **dict.fromkeys(("bộ chính trị", "ban bí thư", "ban bí thư trung ương", "ban bí thư trung ương đảng",
                     "ban chấp hành trung ương", "ban chấp hành trung ương đảng", "trung ương"), "TW"),
    **dict.fromkeys(("ban thường vụ tỉnh ủy", "tỉnh ủy", "ban chấp hành đảng bộ tỉnh"), "TU"),
    **dict.fromkeys(("ban thường vụ huyện ủy", "huyện ủy", "ban chấp hành đảng bộ huyện"), "HU"),
    "ban tuyên giáo trung ương": "BTGTW", "ban tuyên giáo tỉnh ủy": "BTGTU",
}
_KNOWN, _SEEN = "cite_known", "cite_seen"  # keys in the caller's context dict


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    text: str
    symbol: Symbol | None
    doc_type: str | None
    year: int | None
    month: int | None
    day: int | None
    issuer_phrase: str | None
    short: bool
    year_conflict: bool


@dataclass
class _Cand:
    start: int  # shadow offsets
    end: int
    symbol: Symbol | None
    doc_type: str | None
    date: DateTuple | None
    issuer: str | None
    number_only: bool = False
    number: str = ""


def doc_type_of(sym: Symbol) -> str | None:
    """Vocabulary key implied by the symbol alone, when unambiguous."""
    tc = sym.type_code
    if tc is None:
        return "cong-van" if sym.system == "state" else None
    if tc == "QĐ":
        return None if sym.system == "party" else "quyet-dinh"
    if tc == "TT":
        return "thong-tri" if sym.system == "party" else "thong-tu"
    return _DOC_TYPE_BY_CODE.get(tc)


@lru_cache(maxsize=512)
def _type_key(words: str) -> str:
    return TYPE_WORDS[" ".join(normalize_text(words).lower().split())]


def _level_of_code(sym: Symbol) -> str | None:
    first = sym.issuer_code.split("-")[0]
    if sym.system == "party":
        for suffix, level in (("TW", "central"), ("TU", "province"), ("HU", "district"), ("QU", "district"),
                              ("TXU", "district"), ("ThU", "district")):
            if first.endswith(suffix):
                return level
        return None
    if first in ("CP", "TTg", "VPCP") or first.startswith(("QH", "UBTVQH")):
        return "central"
    return None


def _level_of_phrase(phrase: str) -> str | None:
    low = phrase.lower()
    if any(w in low for w in ("trung ương", "bộ chính trị", "ban bí thư", "chính phủ", "thủ tướng", "quốc hội")):
        return "central"
    if "tỉnh" in low or "thành phố" in low:
        return "province"
    if any(w in low for w in ("huyện", "quận", "thị xã", "thị ủy")):
        return "district"
    return None


def _issuer_fits(sym: Symbol | None, phrase: str | None) -> bool:
    """False when the phrase plainly names another level ("… 35-NQ/TW của Huyện ủy" is the plan's issuer)."""
    if sym is None or phrase is None:
        return True
    a, b = _level_of_code(sym), _level_of_phrase(phrase)
    return a is None or b is None or a == b


def _issuer_at(t: str, pos: int) -> tuple[str, int] | None:
    """Issuer name starting at `pos` ("Ban Thường vụ Tỉnh ủy", "UBND tỉnh"): capitalized words and the
    lower-case words that continue them."""
    words: list[str] = []
    end = p = pos
    while len(words) < _MAX_ISSUER_WORDS:
        m = _WORD_RE.match(t, p)
        if not m:
            break
        w = m.group()
        if words:
            ok = w[0].isupper() or w in _CONT.get(words[-1].lower(), ())
        else:
            ok = w[0].isupper()
        if not ok or w in _ISSUER_STOP or (w[0].isupper() and _TYPE_RE.match(t, p)):
            break
        words.append(w)
        end = m.end()
        sp = end
        while sp < len(t) and sp - end < 3 and t[sp] == " ":
            sp += 1
        if sp == end:
            break
        p = sp
    return (" ".join(words), end) if words else None


def _before(t: str, lo: int, s: int) -> tuple[int, str | None, str | None]:
    """Start of the citation, doc type and issuer phrase from the type words before a symbol at `s`."""
    last = None
    for m in _TYPE_RE.finditer(t, lo, s):
        last = m
    if last is not None:
        if _TAIL_RE.fullmatch(t, last.end(), s):
            return last.start(), _type_key(last.group()), None
        if last.group()[0].isupper() and _GAP_RE.fullmatch(t, last.end(), s):
            gap = t[last.end():s]
            cua = re.search(r"(?<!\w)của ", gap)
            issuer = _issuer_at(t, last.end() + cua.end()) if cua else None
            return last.start(), _type_key(last.group()), issuer[0] if issuer else None
    return s, None, None


def _after(t: str, e: int) -> tuple[int, DateTuple | None, str | None]:
    """End of the citation, date and issuer phrase after a symbol (or number) ending at `e`."""
    end, date, issuer = e, None, None

    def take_date(pos: int) -> None:
        nonlocal end, date
        m = _DATE_AFTER_RE.match(t, pos)
        if m and (found := date_from_match(m)):
            end, date = m.end(), found

    take_date(e)
    m = _CUA_RE.match(t, end)
    if m and (found := _issuer_at(t, m.end())):
        issuer = found[0]
        if date is None:  # "… của Ban Bí thư ngày 5/9/2016": the span then runs through the date
            take_date(found[1])
    return end, date, issuer


@lru_cache(maxsize=4096)
def _symbol_of(matched: str) -> Symbol | None:
    m = _SYMBOL_RE.fullmatch(matched)
    return symbol_from_match(m) if m else None


def _scan_symbols(t: str) -> list[_Cand]:
    out: list[_Cand] = []
    prev_end = 0
    for m in _SYMBOL_RE.finditer(t):
        sym = _symbol_of(m.group())
        if sym is None or m.start() < prev_end:
            continue
        start, doc_type, issuer = _before(t, max(prev_end, m.start() - _WINDOW), m.start())
        end, date, after_issuer = _after(t, m.end())
        issuer = issuer or after_issuer
        out.append(_Cand(start, end, sym, doc_type or doc_type_of(sym), date,
                         issuer if _issuer_fits(sym, issuer) else None))
        prev_end = end
    return out


def _known(ctx: dict) -> dict[tuple[str, str], dict[str, Symbol]]:
    return ctx.setdefault(_KNOWN, {})


def _num_key(number: str) -> str:
    return number.lstrip("0") or "0"


def _register(ctx: dict, doc_type: str | None, sym: Symbol) -> None:
    if doc_type and sym.number:
        _known(ctx).setdefault((doc_type, _num_key(sym.number)), {})[sym.key] = sym


def _infer(doc_type: str, number: str, issuer: str | None) -> Symbol | None:
    code = _PARTY_ISSUER_BY_PHRASE.get(issuer.lower()) if issuer else None
    tc = _PARTY_CODE.get(doc_type)
    return make_symbol(number, tc, [code], None) if code and tc else None


def _resolve(ctx: dict, c: _Cand) -> Symbol | None:
    assert c.doc_type is not None
    found = list(_known(ctx).get((c.doc_type, _num_key(c.number)), {}).values())
    if len(found) > 1 and c.issuer:
        code = _PARTY_ISSUER_BY_PHRASE.get(c.issuer.lower())
        found = [s for s in found if s.issuer_code == code]
    return found[0] if len(found) == 1 else None


def _scan_number_only(t: str, fulls: list[_Cand], ctx: dict) -> list[_Cand]:
    """"Chỉ thị 05", "Công văn số 468": kept only when tied to a symbol, from the context (this text's
    full citations included) or from a central/provincial Party issuer phrase."""
    cands: list[_Cand] = []
    k = 0
    for m in _NUMBER_ONLY_RE.finditer(t):
        tw = m.group("tw")
        if not (m.group("so") or tw[0].isupper()):
            continue
        while k < len(fulls) and fulls[k].end <= m.start():
            k += 1
        if k < len(fulls) and fulls[k].start < m.end():
            continue  # part of a full citation
        end, date, issuer = _after(t, m.end())
        c = _Cand(m.start(), end, None, _type_key(tw), date, issuer, True, m.group("num"))
        if issuer and c.doc_type and not _resolve(ctx, c) and (sym := _infer(c.doc_type, c.number, issuer)):
            _register(ctx, c.doc_type, sym)
        cands.append(c)
    for c in cands:
        c.symbol = _resolve(ctx, c)
        if not _issuer_fits(c.symbol, c.issuer):
            c.issuer = None
    return [c for c in cands if c.symbol is not None]


def _candidates(text: str, ctx: dict) -> tuple[Shadow, list[_Cand]]:
    shadow = Shadow(text)
    fulls = _scan_symbols(shadow.text)
    for c in fulls:
        assert c.symbol is not None
        _register(ctx, c.doc_type, c.symbol)
    cands = sorted(fulls + _scan_number_only(shadow.text, fulls, ctx), key=lambda c: c.start)
    # A list sharing one issuer phrase: "Quyết định 1853-QĐ/BTGTW … và Quyết định số 883-QĐ/BTGTW … của X".
    for a, b in zip(reversed(cands[:-1]), reversed(cands[1:])):
        if (a.issuer is None and b.issuer and a.symbol and b.symbol
                and a.symbol.issuer_code == b.symbol.issuer_code
                and _LIST_SEP_RE.fullmatch(shadow.text, a.end, b.start)):
            a.issuer = b.issuer
    return shadow, cands


def prime_context(text: str, context: dict) -> None:
    """Record in `context` what `text` makes known, so that short forms anywhere in the same document
    (even before their full citation) can be resolved. The plugin calls this for every text first."""
    _candidates(text, context)


def find_citations(text: str, context: dict | None = None) -> list[Citation]:
    """Citations in `text`, sorted and non-overlapping, with offsets into `text` itself.

    `context` is carried across calls for one document. A citation is `short` when it is a number-only
    form or, without a written date, repeats a symbol cited earlier in the document: its identity is
    that of the full citation of the same `symbol.key` in the document.
    """
    ctx = context if context is not None else {}
    shadow, cands = _candidates(text, ctx)
    seen: set[str] = ctx.setdefault(_SEEN, set())
    out: list[Citation] = []
    for c in cands:
        sym = c.symbol
        assert sym is not None
        start, end = shadow.start(c.start), shadow.end(c.end)
        year, month, day = c.date if c.date else (None, None, None)
        out.append(Citation(
            start, end, text[start:end], sym, c.doc_type, year, month, day, c.issuer,
            c.number_only or (c.date is None and sym.key in seen),
            sym.year is not None and year is not None and year != sym.year,
        ))
        seen.add(sym.key)
    return out


__all__ = ["TYPE_WORDS", "Citation", "doc_type_of", "find_citations", "prime_context"]
