"""One document's citations: what its texts, read together, say about each cited document.

- A number without its code ("Chỉ thị 05", "Nghị định 30/2020") takes the symbol of the document's full
  citation of the same type and number ("Chỉ thị số 05-CT/TW"), or the one a Party issuer phrase fixes
  ("Chỉ thị 05 của Bộ Chính trị" -> 05-CT/TW); otherwise it stays a citation without a symbol, named by
  type + number + date or year + issuer. Without "số" and with nothing around it saying which it is
  ("Chỉ thị 05 là …"), it counts only if the document cites that type and number elsewhere.
- Short forms inherit (issue 14, point 6): a citation that writes no date, or no issuer, takes those of the
  nearest citation of the same document (same symbol, or same type and number) that writes them and agrees
  with it, the nearest earlier one first.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache

from .detect import Cand, Citation, scan
from .issuers import issuer_fits, level_of_phrase
from .symbols import Symbol, make_symbol
from .vocab import PARTY_CODE, party_issuer_code


def _num_key(number: str) -> str:
    return number.lstrip("0") or "0"


@lru_cache(maxsize=4096)
def _infer(doc_type: str | None, number: str, issuer: str | None) -> Symbol | None:
    code = party_issuer_code(issuer)
    tc = PARTY_CODE.get(doc_type or "")
    return make_symbol(number, tc, [code], None) if code and tc else None


def _identity(c: Cand) -> tuple[str, ...]:
    if c.symbol is not None:
        return ("s", c.symbol.key)
    return ("n", c.doc_type or "", _num_key(c.number))


def _agree(a: Cand, b: Cand) -> bool:
    """Whether two citations of the same symbol can be of one document (dates and issuers do not differ)."""
    if a.date and b.date and (a.date[0] != b.date[0]
                               or (a.date[1] and b.date[1] and a.date[1:] != b.date[1:])):
        return False
    if a.issuer and b.issuer:
        return " ".join(a.issuer.lower().split()) == " ".join(b.issuer.lower().split()) or (
            level_of_phrase(a.issuer) == level_of_phrase(b.issuer) is not None)
    return True


class _Cands:
    """One document's candidates, in order. Scans are cached and shared: a candidate is copied before the
    document changes it (most never change)."""

    def __init__(self, cands: list[Cand]) -> None:
        self.items = cands
        self._own: set[int] = set()

    def change(self, i: int, **values: object) -> None:
        if i not in self._own:
            self.items[i] = self.items[i].copy()
            self._own.add(i)
        self.items[i].__dict__.update(values)


def _tie_symbols(doc: _Cands) -> list[bool]:
    """Tie numbers without their code to symbols; returns which candidates are kept."""
    cands = doc.items
    known: dict[tuple[str, str], dict[str, Symbol]] = {}
    for c in cands:
        inferred = _infer(c.doc_type, c.number, c.issuer) if c.number_only and c.issuer else None
        if (sym := c.symbol or inferred) is not None and c.doc_type and sym.number:
            known.setdefault((c.doc_type, _num_key(sym.number)), {})[sym.key] = sym
    mentioned = {(c.doc_type, _num_key(c.number)) for c in cands if not c.needs_tie}
    keep = [True] * len(cands)
    for i, c in enumerate(cands):
        symbol = c.symbol
        if c.number_only:
            found = list(known.get((c.doc_type or "", _num_key(c.number)), {}).values())
            if c.legal_year is not None:
                found = [s for s in found if s.year == c.legal_year]
            if len(found) > 1 and c.issuer:
                code = party_issuer_code(c.issuer)
                found = [s for s in found if s.issuer_code == code] or found
            if len(found) == 1:
                symbol = found[0]
            elif not found and c.issuer:
                symbol = _infer(c.doc_type, c.number, c.issuer)
            if c.needs_tie and symbol is None and (c.doc_type, _num_key(c.number)) not in mentioned:
                keep[i] = False  # "Chỉ thị 05 là …" with nothing saying which, nowhere else in the document
                continue
            if (symbol is None or symbol.year is None) and c.legal_year and c.date is None:
                # "Nghị định 30/2020", "nghị quyết 18/2017 của Trung ương" (18-NQ/TW): the year it names
                doc.change(i, date=(c.legal_year, None, None))
            if symbol is not c.symbol:
                doc.change(i, symbol=symbol)
        if c.issuer and not issuer_fits(symbol, c.issuer):
            doc.change(i, issuer=None)
    return keep


def _inherit(doc: _Cands, keep: list[bool]) -> set[int]:
    """Fill a missing date or issuer from the nearest citation of the same document that writes it and
    agrees (earlier first, then later); returns the positions of those that inherited."""
    cands = doc.items
    ids = [_identity(c) if k else None for c, k in zip(cands, keep, strict=True)]
    written = [(c.date, c.issuer) for c in cands]
    # A symbol the document cites as two documents (two dates, two provinces): short forms stay as written.
    distinct: dict[tuple[str, ...], dict[tuple[object, ...], Cand]] = {}
    for c, identity in zip(cands, ids, strict=True):
        if identity is not None and (c.date or c.issuer):
            norm = " ".join(c.issuer.lower().split()) if c.issuer else None
            distinct.setdefault(identity, {})[(c.date, norm)] = c
    torn = {key for key, seen in distinct.items()
            if len(seen) > 1 and any(not _agree(a, b) for a in seen.values() for b in seen.values())}
    inherited: set[int] = set()
    for field_index, key in ((0, "date"), (1, "issuer")):
        need = [i for i, identity in enumerate(ids)
                if identity is not None and identity in distinct and identity not in torn
                and written[i][field_index] is None]
        if not need:
            continue
        sources: dict[int, list[int]] = {i: [] for i in need}
        for order in (range(len(cands)), range(len(cands) - 1, -1, -1)):  # earlier, then later
            last: dict[tuple[str, ...], int] = {}
            for i in order:
                identity = ids[i]
                if identity is None:
                    continue
                if i in sources and identity in last:
                    sources[i].append(last[identity])
                if written[i][field_index] is not None:
                    last[identity] = i
        for i in need:
            for j in sources[i]:
                if getattr(doc.items[i], key) is None and _agree(doc.items[i], cands[j]):
                    doc.change(i, **{key: written[j][field_index]})
                    inherited.add(i)
                    break
    return inherited


def find_in_texts(texts: Sequence[str]) -> list[list[Citation]]:
    """The citations of each text of one document (its paragraphs, in order), read together."""
    scanned = [scan(text) for text in texts]
    doc = _Cands([c for s in scanned for c in s.cands])
    keep = _tie_symbols(doc)
    written_dates = [c.date for c in doc.items]
    inherited = _inherit(doc, keep)
    seen: set[str] = set()
    out: list[list[Citation]] = []
    first = 0
    for reading, text in zip(scanned, texts, strict=True):
        shadow, cands = reading.shadow, reading.cands
        found = []
        for i in range(first, first + len(cands)):
            if not keep[i]:
                continue
            c, as_scanned = doc.items[i], cands[i - first]
            start, end = shadow.start(c.start), shadow.end(c.end)
            year, month, day = c.date if c.date else (None, None, None)
            own = written_dates[i]
            sym = c.symbol
            # The text and issuer phrase as one object per value (66,082 citations of the bench's 10,000
            # documents: 3,766 texts, 33 phrases): the build cache loads each object it holds.
            found.append(Citation(
                start, end, sys.intern(text[start:end]), sym, c.doc_type, year, month, day,
                c.issuer if c.issuer is None else sys.intern(c.issuer),
                short=c.number_only or (own is None and sym is not None and sym.key in seen),
                year_conflict=bool(sym and sym.year and own and own[0] != sym.year),
                number=sym.number if sym else c.number, relation=reading.relation(as_scanned),
                title=reading.title(as_scanned),
                inherited=i in inherited,
            ))
            if sym is not None:
                seen.add(sym.key)
        out.append(found)
        first += len(cands)
    return out


def find_citations(text: str) -> list[Citation]:
    """Citations in `text`, sorted and non-overlapping, with offsets into `text` itself."""
    return find_in_texts([text])[0]
