"""Find document citations in plain text.

Phrase order, as written in practice (document-symbols.md):
    TYPE WORDS [name] [của ISSUER] [số|Số:] SYMBOL [,] [ngày DATE] [của ISSUER]
Matching runs on a Shadow (normalized copy) of the text; offsets are mapped back to the original.
Every regex is linear: bounded repeats, or unbounded ones over disjoint classes; the text before a
symbol is only searched within a bounded window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .dates import AFTER_NGAY, DateTuple, date_from_match
from .symbols import SYMBOL_PATTERN, Shadow, Symbol, make_symbol, normalize_text, symbol_from_match
from .vocab import (
    AND_NAMES,
    CONT,
    DOC_TYPE_BY_CODE,
    ISSUER_STOP,
    PARTY_CODE,
    TYPE_WORDS,
    issuer_family,
    party_issuer_code,
)

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
_SINGLE_CODE_RE = re.compile(
    f"(?=[{_FIRST}])(?<!\\w)(?P<tw>(?i:{_TYPE_ALT})) {{1,3}}(?:{_SO})?(?P<num>\\d{{1,5}}[a-z]?) {{0,2}}/ "
    f"{{0,2}}"
    r"(?P<code>[A-ZĐ][A-ZĐ]{1,7})(?![\w/-])"
)
_JOINT_CODES = frozenset({"TTLT", "NQLT"})
_WINDOW = 120
_MAX_ISSUER_WORDS = 12

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
    typed: bool = True  # type words stand before it (False: a bare symbol, "…, 05-NQ/TU")


@dataclass
class DetectContext:
    """What one document's texts have made known so far, carried across `find_citations` calls."""

    known: dict[tuple[str, str], dict[str, Symbol]] = field(default_factory=dict)  # (type, number) -> symbols
    seen: set[str] = field(default_factory=set)  # keys of the symbols cited so far
    scans: dict[str, tuple[Shadow, list[_Cand]]] = field(default_factory=dict)  # full symbols, by text


def doc_type_of(sym: Symbol) -> str | None:
    """Vocabulary key implied by the symbol alone, when unambiguous."""
    tc = sym.type_code
    if tc is None:
        return "cong-van" if sym.system == "state" else None
    if tc == "QĐ":
        return None if sym.system == "party" else "quyet-dinh"
    if tc == "TT":
        return "thong-tri" if sym.system == "party" else "thong-tu"
    return DOC_TYPE_BY_CODE.get(tc)


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
    central = ("trung ương", "bộ chính trị", "ban bí thư", "chính phủ", "thủ tướng", "quốc hội")
    if any(w in low for w in central):
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


def _issuer_at(t: str, pos: int, joint: bool = False) -> tuple[str, int] | None:
    """Issuer name starting at `pos` ("Ban Thường vụ Tỉnh ủy", "UBND tỉnh"): capitalized words and the
    lower-case words that continue them. "và" joins two names of a `joint` document ("Bộ Nội vụ và Văn
    phòng Chính phủ") and is part of a few ministries' names ("Bộ Thông tin và Truyền thông")."""
    words: list[str] = []
    end = p = pos
    while len(words) < _MAX_ISSUER_WORDS:
        m = _WORD_RE.match(t, p)
        if not m:
            break
        w = m.group()
        if words:
            prev = words[-1].lower()
            ok = w[0].isupper() or w in CONT.get(prev, ()) or (prev == "thứ" and w.isdigit())
            if w == "và" and (joint or " ".join(words).lower() in AND_NAMES):
                nxt = _WORD_RE.match(t, m.end() + 1)
                ok = nxt is not None and nxt.group()[0].isupper() and not _TYPE_RE.match(t, nxt.start())
        else:
            ok = w[0].isupper()
        if not ok or w in ISSUER_STOP or (w[0].isupper() and _TYPE_RE.match(t, p)):
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


def _after(t: str, e: int, joint: bool = False) -> tuple[int, DateTuple | None, str | None]:
    """End of the citation, date and issuer phrase after a symbol (or number) ending at `e`."""
    end, date, issuer = e, None, None

    def take_date(pos: int) -> None:
        nonlocal end, date
        m = _DATE_AFTER_RE.match(t, pos)
        if m and (found := date_from_match(m)):
            end, date = m.end(), found

    take_date(e)
    m = _CUA_RE.match(t, end)
    if m and (found := _issuer_at(t, m.end(), joint)):
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
        end, date, after_issuer = _after(t, m.end(), sym.type_code in _JOINT_CODES)
        issuer = issuer or after_issuer
        out.append(_Cand(start, end, sym, doc_type or doc_type_of(sym), date,
                         issuer if _issuer_fits(sym, issuer) else None, typed=doc_type is not None))
        prev_end = end
    return _with_single_code_symbols(t, out)


def _with_single_code_symbols(t: str, fulls: list[_Cand]) -> list[_Cand]:
    """Add "Công văn số 52/VHTT", "Nghị định 64/CP": one code after the slash, counted only after type
    words."""
    extra: list[_Cand] = []
    k = 0
    for m in _SINGLE_CODE_RE.finditer(t):
        while k < len(fulls) and fulls[k].end <= m.start():
            k += 1
        if k < len(fulls) and fulls[k].start < m.end():
            continue
        sym = make_symbol(m.group("num"), None, [m.group("code")], None)
        end, date, issuer = _after(t, m.end())
        extra.append(_Cand(m.start(), end, sym, _type_key(m.group("tw")), date, issuer))
    return sorted(fulls + extra, key=lambda c: c.start) if extra else fulls


def _num_key(number: str) -> str:
    return number.lstrip("0") or "0"


def _register(ctx: DetectContext, doc_type: str | None, sym: Symbol) -> None:
    if doc_type and sym.number:
        ctx.known.setdefault((doc_type, _num_key(sym.number)), {})[sym.key] = sym


def _infer(doc_type: str, number: str, issuer: str | None) -> Symbol | None:
    code = party_issuer_code(issuer)
    tc = PARTY_CODE.get(doc_type)
    return make_symbol(number, tc, [code], None) if code and tc else None


def _resolve(ctx: DetectContext, c: _Cand) -> Symbol | None:
    assert c.doc_type is not None
    found = list(ctx.known.get((c.doc_type, _num_key(c.number)), {}).values())
    if len(found) > 1 and c.issuer:
        code = party_issuer_code(c.issuer)
        found = [s for s in found if s.issuer_code == code]
    return found[0] if len(found) == 1 else None


def _scan_number_only(t: str, fulls: list[_Cand], ctx: DetectContext) -> list[_Cand]:
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


def _candidates(text: str, ctx: DetectContext) -> tuple[Shadow, list[_Cand]]:
    # Full symbols depend on the text alone: scanned once per text, though each text is seen twice
    # (prime_context, then find_citations); copies, as the steps below fill in candidates.
    scans = ctx.scans
    if text not in scans:
        shadow = Shadow(text)
        scans[text] = (shadow, _scan_symbols(shadow.text))
    shadow, scanned = scans[text]
    fulls = [replace(c) for c in scanned]
    for c in fulls:
        assert c.symbol is not None
        _register(ctx, c.doc_type, c.symbol)
    cands = sorted(fulls + _scan_number_only(shadow.text, fulls, ctx), key=lambda c: c.start)
    _share_in_lists(shadow.text, cands)
    return shadow, cands


def _share_in_lists(t: str, cands: list[_Cand]) -> None:
    """A list shares the issuer phrase written after its last item ("Quyết định 1853-QĐ/BTGTW … và Quyết
    định số 883-QĐ/BTGTW … của X"), and bare symbols after one type word share the date written after the
    last ("các Nghị quyết số 04-NQ/TU, 05-NQ/TU và 06-NQ/TU ngày 8/5/2021")."""
    for a, b in zip(reversed(cands[:-1]), reversed(cands[1:]), strict=True):
        if not (a.symbol and b.symbol and issuer_family(a.symbol) == issuer_family(b.symbol)
                and _LIST_SEP_RE.fullmatch(t, a.end, b.start)):
            continue
        if a.issuer is None and b.issuer:
            a.issuer = b.issuer
        if a.date is None and b.date and not b.typed and a.symbol.type_code == b.symbol.type_code:
            a.date = b.date


def prime_context(text: str, context: DetectContext) -> None:
    """Record in `context` what `text` makes known, so that short forms anywhere in the same document
    (even before their full citation) can be resolved. The plugin calls this for every text first."""
    _candidates(text, context)


def find_citations(text: str, context: DetectContext | None = None) -> list[Citation]:
    """Citations in `text`, sorted and non-overlapping, with offsets into `text` itself.

    `context` is carried across calls for one document. A citation is `short` when it is a number-only
    form or, without a written date, repeats a symbol cited earlier in the document: its identity is
    that of the full citation of the same `symbol.key` in the document.
    """
    ctx = context if context is not None else DetectContext()
    shadow, cands = _candidates(text, ctx)
    seen = ctx.seen
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


__all__ = ["TYPE_WORDS", "Citation", "DetectContext", "doc_type_of", "find_citations", "prime_context"]
