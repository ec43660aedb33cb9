"""Find document citations in plain text.

Phrase order, as written in practice (document-symbols.md):
    TYPE WORDS [name] [của ISSUER] [số|Số:] SYMBOL [,] [ngày DATE | năm YYYY | (YYYY)] [của ISSUER] [về …]
A citation has a symbol ("04-NQ/TU") or, written without its code, a type and a number ("Công văn số 215",
"Nghị quyết 57 của Bộ Chính trị", "Nghị định 30/2020"): then its identity is type + number + date or year +
issuer, and `symbol` is None unless the document ties it to one (document.py).

Matching runs on a Shadow of the text: symbols on its normalized copy (`t`), words on its copy without
diacritics (`b`), so case, scrambled tone marks and look-alike letters do not matter. Offsets are mapped
back to the original. Every regex is linear: bounded repeats, or unbounded ones over disjoint classes; the
text before a symbol is only searched within a bounded window.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .around import SO, TYPE_RE, type_key, words_after, words_before
from .clauses import Relations, TitleEnds, title_after
from .dates import DateTuple
from .issuers import issuer_fits, level_of_phrase
from .shadow import Shadow, shadow_of
from .slugs import YEARED_TYPES, glued_numbers, glued_symbols, slug_tail
from .symbols import (
    SYMBOL_RE,
    Symbol,
    canon_type,
    is_type_code,
    make_symbol,
    symbol_from_match,
    symbol_matches,
)
from .vocab import DOC_TYPE_BY_CODE, PARTY_CODE, TYPE_WORDS, issuer_family, party_issuer_code

# After type words: a number without its code ("số 215", "57", "30/2020"). Not a quantity ("5 năm", "6
# tháng", "135 xã"), not part of a longer number or symbol.
_NUMBER_RE = re.compile(
    f" {{1,3}}(?P<so>{SO})?(?P<num>\\d{{1,5}}[a-z]?)(?: {{0,2}}/ {{0,2}}(?P<year>(?:19|20)\\d\\d))?"
    # a hyphen: a code follows, or (spaced) a title line goes on in words ("Quy định 22 - điểm tựa cho …")
    r"(?!\w|[.,:/-]\d|-(?! {0,2}[A-Z]{2,8}(?![\w/-]))| {1,3}-(?! {0,2}[A-Z]{2,8}(?![\w/-])| [a-z])"
    r"| {0,3}/(?! {0,2}[A-Z])| {0,2}%"
    r"| {1,3}(?i:thang|ngay(?! {0,3}\d)|nam(?! {1,3}(?:19|20)\d\d(?! {0,3}-))"
    r"|tuan|lan|xa|nguoi|dong|trieu|ty|ha|km|m2|ca|dong chi|can bo))"
)
_TYPED_NUMBER_RE = re.compile(f"(?P<tw>{TYPE_RE.pattern}){_NUMBER_RE.pattern}")
# A single code after the number: "Nghị định 64/CP", and in old symbols a hyphen ("Nghị định 20-CP",
# "18-HĐBT"; not a type code: "Chỉ thị 05-CT" is a truncated Party symbol, a citation only when a Party issuer
# phrase follows).
_CODE_RE = re.compile(r" {0,2}(?P<sep>[/-]) {0,2}(?P<code>[A-ZĐ][A-ZĐ]{1,7})(?![\w/-])")
_AGAIN_RE = re.compile(r" {1,2}([A-Za-zĐđ]{1,6}/[A-Za-zĐđƯư]{1,8})(?![\w/-])")
_LIST_SEP_RE = re.compile(" {0,3}(?:[,;]|(?:, {0,3})?(?i:va)(?: {1,3}(?i:cac))?) {0,3}")
_COMMA_RE = re.compile(" {0,2}, {0,2}")
_SAME_LIST_SO_RE = re.compile(" {0,3}(?:[,;]|(?:, {0,3})?(?i:va)) {0,3}(?i:so) {0,2}:? {0,2}")
# Words right before a number-only form that say a document is meant ("theo Nghị quyết 26").
_CUE_BEFORE = ("thuc hien", "trien khai", "quan triet", "can cu", "tinh than", "theo", "tai", "ve", "cua",
               "voi", "sau", "trong")
_JOINT_CODES = frozenset({"TTLT", "NQLT"})
# Between two items of a list: the first one's quoted or "về …" title (no sentence end), then ";", ","
# or "và".
_LIST_GAP_RE = re.compile(r"(?:[^.!?;\n]{0,300}?)?(?:[;,]|(?:,? )?và) {1,3}")
_WINDOW = 120
_NAM_RE = re.compile(r" {1,3}(?i:nam) ")
_YEAR_ASIDE_RE = re.compile(r" {0,2}\( {0,2}(?:19|20)\d\d {0,2}\)")  # "(2021)"


@dataclass(frozen=True, init=False)
class Citation:
    start: int
    end: int
    text: str
    symbol: Symbol | None  # None: a number without its code that the text ties to no symbol
    doc_type: str | None
    year: int | None  # the date as written, or (short forms) that of the document's fuller citation
    month: int | None
    day: int | None
    issuer_phrase: str | None  # as written, or inherited like the date
    short: bool
    year_conflict: bool
    number: str = ""  # canonical number ("05", "32a"): the symbol's, or that of a number-only form
    relation: str | None = None  # "can-cu", "thuc-hien", "huong-dan", "thay-the", "sua-doi", "bai-bo"
    title: str | None = None  # trích yếu written after the citation
    inherited: bool = False  # date or issuer taken from the document's fuller citation of it

    def __init__(self, start: int, end: int, text: str, symbol: Symbol | None, doc_type: str | None,
                 year: int | None, month: int | None, day: int | None, issuer_phrase: str | None,
                 short: bool, year_conflict: bool, number: str = "", relation: str | None = None,
                 title: str | None = None, inherited: bool = False) -> None:
        # Written out: the generated __init__ of a frozen dataclass sets each field through
        # object.__setattr__, twice as slow, and dense citations make 70,000 of them per MB (cite_bench).
        self.__dict__.update(
            start=start, end=end, text=text, symbol=symbol, doc_type=doc_type, year=year, month=month,
            day=day, issuer_phrase=issuer_phrase, short=short, year_conflict=year_conflict, number=number,
            relation=relation, title=title, inherited=inherited)


@dataclass
class Cand:
    """A citation found in one text, before the document ties number-only forms to symbols."""

    start: int  # shadow offsets
    end: int
    symbol: Symbol | None
    doc_type: str | None
    date: DateTuple | None
    issuer: str | None
    number: str
    number_only: bool = False
    typed: bool = True  # type words stand before it (False: a bare symbol, "…, 05-NQ/TU")
    legal_year: int | None = None  # "Nghị định 30/2020": the year the truncated symbol carries
    needs_tie: bool = False  # counted only if the document cites the same type and number in full
    written_tu: bool = False  # "TƯ" written: TW, or the Tỉnh ủy of Thừa Thiên Huế (by the issuer phrase)

    def copy(self) -> Cand:
        """A copy the document can change (scans are cached); cheaper than dataclasses.replace."""
        new = Cand.__new__(Cand)
        new.__dict__.update(self.__dict__)
        return new


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


@lru_cache(maxsize=4096)
def _symbol_of(matched: str) -> tuple[Symbol | None, bool, bool]:
    """The symbol of a SYMBOL_PATTERN match, whether its Party hyphen is missing, whether "TƯ" is written."""
    m = SYMBOL_RE.fullmatch(matched)
    if not m:
        return None, False, False
    return symbol_from_match(m), bool(m.groupdict().get("pspace")), "TƯ" in matched.upper()


def _scan_symbols(shadow: Shadow) -> list[Cand]:
    t, b = shadow.text, shadow.base
    out: list[Cand] = []
    prev_end = 0
    for m in symbol_matches(t):
        sym, spaced, tu = _symbol_of(m.group())
        # a state công văn's codes in lower case ("công văn số 215/ubnd-kgvx" of a lower-cased page): no type
        # code vouches for them, so only type words and "số" before them do
        lower = sym is None and not any(ch.isupper() for ch in m.group())
        if (sym is None and not lower) or m.start() < prev_end:
            continue
        start, doc_type, issuer, so = words_before(t, b, max(prev_end, m.start() - _WINDOW), m.start(),
                                                   doc_type_of(sym) if sym else None)
        if lower and doc_type and so:
            sym = _symbol_of(m.group().upper())[0]
        if sym is None:
            continue
        if spaced and doc_type is None and not so:
            continue  # "20 NQ/TW" without type words or "số" before it
        joint = sym.type_code in _JOINT_CODES or "lien-tich" in (doc_type or "")
        sym_end = m.end()
        if sym.system == "party" and (again := _AGAIN_RE.match(t, sym_end)) and again.group(1).upper() == (
                sym.normalized.split("-", 1)[1].upper()):
            sym_end = again.end()  # "Nghị quyết số 37-NQ/TW NQ/TW ngày 24/12/2018": the code written twice
        end, date, after_issuer = words_after(shadow, sym_end, joint)
        if sym.year is not None and date is not None and date[1] is None and date[0] != sym.year:
            end, date, after_issuer = m.end(), None, None  # "111/2022/NĐ-CP năm 2025": another year
        if after_issuer and not issuer_fits(sym, after_issuer) and date and date[1] is None and _NAM_RE.match(
                b[m.end():end]):
            # "Kế hoạch thực hiện Kết luận số 01-KL/TW năm 2024 của Huyện ủy": the year is the plan's
            end, date = m.end(), None
        issuer = issuer or after_issuer
        if tu and issuer and level_of_phrase(issuer) == "province":  # "13-NQ/TƯ của Tỉnh ủy": Thừa Thiên Huế
            sym = make_symbol(sym.number, sym.type_code, ["TU"], None)
        out.append(Cand(start, end, sym, doc_type or doc_type_of(sym), date,
                        issuer if issuer_fits(sym, issuer) else None, sym.number, typed=doc_type is not None,
                        written_tu=tu))
        prev_end = end
    return out


def _scan_glued(shadow: Shadow, fulls: list[Cand]) -> list[Cand]:
    """Queries in lower case that lost their separators ("nghị định 072021nđ cp"): slugs.glued_symbols."""
    out, ends = [], [c.end for c in fulls]  # fulls do not overlap: their ends are in order too
    for start, e, sym, doc_type in glued_symbols(shadow.text, shadow.base):
        k = bisect_right(ends, start)
        if k == len(fulls) or fulls[k].start >= e:
            end, date, issuer = words_after(shadow, e)
            out.append(Cand(start, end, sym, doc_type, date, issuer, sym.number))
    for start, e, num, year, doc_type in glued_numbers(shadow.text, shadow.base):  # "nghị định số 632021"
        k = bisect_right(ends, start)
        if k == len(fulls) or fulls[k].start >= e:
            out.append(Cand(start, e, None, doc_type, None, None, num, number_only=True, legal_year=year))
    return out


def _cue_before(b: str, pos: int) -> bool:
    before = b[max(0, pos - 20):pos].rstrip(" ,:;-(\n").lower()
    for word in _CUE_BEFORE:
        if before.endswith(word):
            k = len(before) - len(word)
            return k == 0 or not before[k - 1].isalpha()
    return False


@lru_cache(maxsize=4096)
def _single_code(number: str, code: str, sep: str = "/") -> Symbol:
    """ "64/CP"; an old hyphenated one keeps its hyphen ("20-CP") and is the same document as "20/CP"."""
    sym = make_symbol(number, None, [code], None)
    return replace(sym, normalized=sym.normalized.replace("/", sep, 1)) if sep != "/" else sym


def _scan_numbers(shadow: Shadow, fulls: list[Cand]) -> list[Cand]:
    """Type words + a number without its code: "Công văn số 215", "Chỉ thị 05", "Nghị định 30/2020",
    "Công văn số 52/VHTT" (a single code after the slash: a symbol)."""
    t, b = shadow.text, shadow.base
    out: list[Cand] = []
    k, n = 0, len(fulls)
    for m in _TYPED_NUMBER_RE.finditer(b):
        start = m.start()
        while k < n and fulls[k].end <= start:
            k += 1
        if k < n and fulls[k].start < m.end():
            continue  # part of a full citation
        doc_type, num = type_key(m.group("tw")), m.group("num")
        if not m.group("year") and (slug := slug_tail(t, start, m.end("num"))) is not None:
            sym, year, end = slug
            if sym is not None:
                end, date, issuer = words_after(shadow, end)  # "… qd ttg ngay 24 thang 4 nam 2020"
                out.append(Cand(start, end, sym, doc_type, date, issuer, sym.number))
                continue
            if doc_type in YEARED_TYPES:  # "bao cao 6 2021": only legal normative types carry a year
                out.append(Cand(start, end, None, doc_type, None, None, num, number_only=True,
                                legal_year=year))
                continue
        if (code := _CODE_RE.match(t, m.end("num"))) and not m.group("year"):
            if code.group("sep") == "-" and is_type_code(code.group("code")):
                # a truncated Party symbol ("Chỉ thị 05-CT"): a citation when a Party issuer phrase fixes its
                # code ("Thông báo Kết luận số 159-TB của Bộ Chính trị" is 159-TB/TW, document.py)
                end, date, issuer = words_after(shadow, code.end())
                if issuer and party_issuer_code(issuer) and PARTY_CODE.get(doc_type) == canon_type(
                        code.group("code")):
                    out.append(Cand(start, end, None, doc_type, date, issuer, num, number_only=True))
                continue
            sym = _single_code(num, code.group("code"), code.group("sep"))
            end, date, issuer = words_after(shadow, code.end())
            out.append(Cand(start, end, sym, doc_type, date, issuer, sym.number))
            continue
        end, date, issuer = words_after(shadow, m.end())
        legal_year = int(m.group("year")) if m.group("year") else None
        capital = t[start].isupper()
        cue = bool(date or issuer or legal_year or (capital and (
            _cue_before(b, start) or title_after(shadow.nfc, b, end))))
        if not (m.group("so") or capital or issuer or (legal_year and doc_type in YEARED_TYPES)):
            # lower case without "số": "báo cáo 6 tuần"; only a fuller citation ties it (not a tag's
            # "nghị định 209/2013": a legal normative type with the year its symbol carries)
            cue = False
        out.append(Cand(start, end, None, doc_type, date, issuer, num, number_only=True,
                        legal_year=legal_year, needs_tie=not (m.group("so") or cue)))
    return out


def _share_in_lists(t: str, cands: list[Cand]) -> None:
    """A list shares the issuer phrase written after its last item ("Quyết định 1853-QĐ/BTGTW … và Quyết
    định số 883-QĐ/BTGTW … của X", "Nghị định 178 và Nghị định 67 của Chính phủ"), and bare symbols after one
    type word share the date written after the last ("các Nghị quyết số 04-NQ/TU, 05-NQ/TU và 06-NQ/TU ngày
    8/5/2021"); a bare number before a bare symbol shares its code ("số 2522, 2523/UBND - VX")."""
    for a, b in zip(reversed(cands[:-1]), reversed(cands[1:]), strict=True):
        if (a.number_only and b.symbol and not b.typed and b.doc_type in (None, a.doc_type)
                and _COMMA_RE.fullmatch(t, a.end, b.start) and a.number.isdigit()):
            # "các Công văn số 2522, 2523/UBND - VX ngày 28/7/2021 của UBND TP": the bare number shares the
            # code (and the date, the issuer) written after the last one
            sym = b.symbol
            a.symbol = make_symbol(a.number, sym.type_code, sym.issuer_code.split("-"), sym.year,
                                   party_order=sym.system == "party")
            a.number_only, a.needs_tie, a.date = False, False, a.date or b.date
        if not _LIST_SEP_RE.fullmatch(t, a.end, b.start):
            continue
        if a.symbol and b.symbol:
            if issuer_family(a.symbol) != issuer_family(b.symbol):
                continue
        elif not (a.number_only and b.number_only and a.doc_type == b.doc_type):
            continue
        if a.issuer is None and b.issuer:
            a.issuer = b.issuer
        if a.needs_tie and not b.needs_tie:
            a.needs_tie = False
        if (a.date is None and b.date and not b.typed and a.symbol and b.symbol
                and a.symbol.type_code == b.symbol.type_code):
            a.date = b.date
    for a, b in zip(cands[:-1], cands[1:], strict=True):
        # "Luật Ngân sách nhà nước số 01/2002/QH11 ngày 16 tháng 12 năm 2002; số 83/2015/QH13 …": a bare
        # symbol after "số" in the same list has the type of the item before, when its symbol is of the same
        # kind and says no type of its own
        if (not b.typed and b.doc_type is None and a.doc_type and a.symbol and b.symbol
                and _SAME_LIST_SO_RE.fullmatch(t, a.end, b.start)
                and (a.symbol.system, a.symbol.type_code) == (b.symbol.system, b.symbol.type_code)):
            b.doc_type = a.doc_type


class Scan:
    """What one text holds: its shadow and its citation-like phrases (in order), and, read when asked, what
    the words around one of them say (relation, trích yếu)."""

    def __init__(self, text: str) -> None:
        self.shadow = shadow = shadow_of(text)
        fulls = _scan_symbols(shadow)
        fulls = sorted(fulls + _scan_glued(shadow, fulls), key=lambda c: c.start)
        cands = sorted(fulls + _scan_numbers(shadow, fulls), key=lambda c: c.start)
        _share_in_lists(shadow.base, cands)
        self.cands = tuple(cands)  # shared by every reader: copied before a change (document.py)
        self._starts = [c.start for c in cands]
        self._relations: Relations | None = None
        self._relation_of: list[str | None] | None = None  # by index in cands, read on first need
        self._title_ends: TitleEnds | None = None

    def prepare(self) -> None:
        """Read the relation verbs now (they are read on first need otherwise)."""
        if self._relations is None and self.cands:
            self._relations = Relations(self.shadow.nfc, self.shadow.base)

    def relation(self, c: Cand) -> str | None:
        return self._read_relations()[bisect_left(self._starts, c.start)]

    def _read_relations(self) -> list[str | None]:
        """Every citation's relation, read in one pass in text order."""
        if self._relation_of is None:
            self.prepare()
            assert self._relations is not None
            out: list[str | None] = []
            before = -1  # where the citation before ends
            for k, c in enumerate(self.cands):
                found = self._relations.at(c.start, before)
                if found is None and k > 0 and out[k - 1] is not None and self._same_list(k - 1):
                    # the next item of a list that a verb inside the sentence governs ("… đã quán triệt các
                    # nội dung Nghị quyết số 18 - NQ/TW “…”; Nghị quyết số 19 - NQ/TW “…”; …"): the same kind
                    # of document after a list separator, with no verb and no sentence end between
                    found = out[k - 1]
                out.append(found)
                before = c.end
            self._relation_of = out
        return self._relation_of

    def _same_list(self, k: int) -> bool:
        """Whether cands k and k + 1 are items of one list."""
        a, b, nfc = self.cands[k], self.cands[k + 1], self.shadow.nfc
        return (nfc[max(a.end, b.start - 4):b.start].rstrip(" ")[-1:] in (";", ",", "à")
                and a.symbol is not None and b.symbol is not None and a.doc_type == b.doc_type
                and _LIST_GAP_RE.fullmatch(nfc, a.end, b.start) is not None
                and issuer_family(a.symbol) == issuer_family(b.symbol)
                and self._relations is not None and self._relations.quiet(a.end, b.start))

    def title(self, c: Cand) -> str | None:
        if self._title_ends is None:
            self._title_ends = TitleEnds(self.shadow.nfc, self.shadow.base)
        return title_after(self.shadow.nfc, self.shadow.base, _issuer_end(self.shadow, c), self._title_ends)


@lru_cache(maxsize=256)
def scan(text: str) -> Scan:
    """The Scan of a text, cached: a body is scanned once however many times it is read."""
    return Scan(text)


def forget_scans() -> None:
    """Empty the caches a scan fills (scans, shadows, symbol matches): the next scan of any text is cold."""
    scan.cache_clear()
    shadow_of.cache_clear()
    symbol_matches.cache_clear()


def _issuer_end(shadow: Shadow, c: Cand) -> int:
    """Where the issuer phrase (and an aside or a year after it) of `c` ends, else the citation's end."""
    if c.issuer is None:
        return c.end
    found = shadow.text.find(c.issuer.split()[0], c.end, c.end + 60)
    end = found + len(c.issuer) if 0 <= found < c.end + 60 else c.end
    if m := _YEAR_ASIDE_RE.match(shadow.text[end:end + 12]):
        end += m.end()
    return end


__all__ = ["TYPE_RE", "TYPE_WORDS", "Cand", "Citation", "Scan", "doc_type_of", "forget_scans", "scan"]
