"""Stub records: a page for each document cited but not in content/, with what its citations agree on (type,
issuer, title) and a URL made from its type, symbol and year, placed around the pages' URLs and the other
stubs'. Kept between builds with the citation graph (graph.py): made again only for the stubs an edit
reaches, and placed again only within the URL bases that changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import collapse_spaces, slugify
from sitegen.cite.identity import Identity, Occurrence
from sitegen.cite.resolve import PageKey, Ref, Resolved, ident_order
from sitegen.cite.symbols import Symbol

if TYPE_CHECKING:  # what build_graph kept (graph.py imports this module)
    from sitegen.cite.graph import Kept


@dataclass(frozen=True)
class StubInfo:
    identity: Identity
    symbol: Symbol | None  # None: cited by its number only ("Công văn số 468 ngày 12/3/2023 của UBND tỉnh")
    number: str  # "04", "468"
    doc_type: str | None  # vocabulary key, when the citations agree on one
    types_seen: tuple[str, ...]
    issuer_phrase: str | None
    title: str | None

    @property
    def label(self) -> str:
        """The symbol, or "số 468" for a document cited by its number only."""
        return self.symbol.normalized if self.symbol else f"số {self.number}"


def trich_yeu(title: str) -> str:
    """A title as cited ("về đột phá …", "“Đẩy mạnh …”", "VỀ VIỆC …") as a stub shows it: no quotation
    marks, sentence case, first letter in capitals."""
    title = collapse_spaces(title).strip(" ,;:.“”\"'")
    if title.isupper():
        title = title.lower()
    return title[:1].upper() + title[1:]


def stub_info(identity: Identity, occurrences: Iterable[Occurrence]) -> StubInfo:
    occs = list(occurrences)
    types = Counter(o.citation.doc_type for o in occs if o.citation.doc_type)
    issuers = Counter(collapse_spaces(o.citation.issuer_phrase) for o in occs if o.citation.issuer_phrase)
    # A title in capitals ("VỀ VIỆC …" of a heading) only when no citation writes it in running text.
    cited = [o.citation.title for o in occs if o.citation.title]
    titles = Counter(trich_yeu(t) for t in cited if not t.isupper()) or Counter(trich_yeu(t) for t in cited)
    first = sorted(occs, key=lambda o: (o.citation.short, o.source, o.line))[0].citation
    return StubInfo(
        identity=identity,
        symbol=first.symbol,
        number=first.symbol.number if first.symbol else first.number,
        doc_type=types.most_common(1)[0][0] if types else None,
        types_seen=tuple(sorted(types)),
        issuer_phrase=issuers.most_common(1)[0][0] if issuers else None,
        title=_first_most_common(titles),
    )


def _first_most_common(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    best = max(counter.values())
    return sorted(k for k, v in counter.items() if v == best)[0]


StubMade = tuple[tuple[Occurrence, ...], StubInfo, str, str]  # citing occurrences, info, URL base, URL


def make_stubs(res: Resolved, touched: set[Ref],
               pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]], plain: frozenset[Ref],
               claimed: set[str], label_of: Callable[[str | None], str],
               before: Kept | None) -> tuple[dict[Identity, StubMade], dict[Identity, Diagnostic], bool]:
    """Every stub: its citing occurrences, info, URL base and URL, and the warning when its citations
    disagree on its type; from `before`, made again only for the stubs the touched occurrences name (before
    or now), and placed again only within the bases of stubs that came, went or changed base, or that a page
    that came or went may take a URL of (the rest keep their URLs). Also: whether a stub's URL was taken by
    a stub of another base (then every stub is placed again, in order, as the first build did)."""
    stubs = dict(before.stubs) if before is not None else {}
    conflicts = dict(before.conflicts) if before is not None else {}
    maybe = {a for ref in touched if isinstance(a := res.answer.get(ref), Identity)}
    if before is not None:
        maybe |= {a for ref in touched if isinstance(a := before.resolved.answer.get(ref), Identity)}
    bases: set[str] = set()
    for ident in maybe:
        refs = [r for r in (*res.members.get(ident, ()), *res.attached.get(ident, ())) if r not in plain]
        had = stubs.get(ident)
        if not refs:
            if had is not None:
                del stubs[ident]
                conflicts.pop(ident, None)
                bases.add(had[2])
            continue
        citing = tuple(pages[(r[0], r[1])][0][r[2]] for r in refs)
        if had is not None and had[0] == citing:
            continue
        info = stub_info(ident, citing)
        if had is not None and had[1] == info:
            info = had[1]
        base = had[2] if had is not None and had[1] is info else _stub_base(info, label_of)
        if had is None or had[2] != base:
            bases.add(base)
            if had is not None:
                bases.add(had[2])
            stubs[ident] = (citing, info, base, "")
        else:
            stubs[ident] = (citing, info, base, had[3])
        conflicts.pop(ident, None)
        if len(info.types_seen) > 1:
            first = citing[refs.index(min(refs))]
            message = catalog.MSG["cite_type_conflict"].format(
                symbol=info.label, types=", ".join(label_of(t) for t in info.types_seen))
            conflicts[ident] = Diagnostic("warning", "citation-type-conflict", first.source, first.line,
                                          message)
    claimed_now = frozenset(claimed)
    if before is not None and claimed_now != before.claimed:
        came = [u.removeprefix("/van-ban/") for u in claimed_now ^ before.claimed
                if u.startswith("/van-ban/")]
        bases |= {s[2] for table in (stubs, before.stubs) for s in table.values()
                  if any(u.startswith(s[2]) for u in came)}
    crossed = before.crossed if before is not None else False
    if bases:
        made = None if before is None or crossed else place(stubs, claimed_now, bases)
        if made is None:
            made = place(stubs, claimed_now, None)
            assert made is not None
        placed, crossed = made
        for ident, url in placed.items():
            citing, info, base, _ = stubs[ident]
            stubs[ident] = (citing, info, base, url)
    return stubs, conflicts, crossed


def place(stubs: dict[Identity, StubMade], claimed: frozenset[str], bases: set[str] | None,
          ) -> tuple[dict[Identity, str], bool] | None:
    """The URL of each stub of `bases` (None: of every stub), in the stubs' order, around the pages' URLs
    and the other stubs', and whether a stub passed over a URL a stub of another base holds; None when,
    with `bases`, one would (a global order decides then: every stub is placed again)."""
    holder: dict[str, str | None] = dict.fromkeys(claimed)
    if bases is not None:
        holder.update((s[3], s[2]) for s in stubs.values() if s[2] not in bases)
    crossed = False
    placed: dict[Identity, str] = {}
    for ident in sorted((i for i, s in stubs.items() if bases is None or s[2] in bases), key=ident_order):
        _, info, base, _ = stubs[ident]
        url, skipped = _stub_url(base, info, holder)
        if any(holder[u] is not None and holder[u] != base for u in skipped):
            if bases is not None:
                return None
            crossed = True
        holder[url] = base
        placed[ident] = url
    return placed, crossed


def _stub_base(info: StubInfo, label_of: Callable[[str | None], str]) -> str:
    year = info.identity.date.year if info.identity.date else None
    return slugify(f"{label_of(info.doc_type)} {info.label} {year or ''}")


def _stub_url(base: str, info: StubInfo, taken: dict[str, str | None]) -> tuple[str, list[str]]:
    """A stub's URL from its base, the first not `taken`; and the URLs it passed over."""
    ident = info.identity
    skipped: list[str] = []
    # Local documents always carry their province, so a URL does not move when another province's
    # document with the same symbol is cited later.
    scope = slugify(ident.scope)
    for suffix in (scope, f"{scope}-{ident.date.iso() if ident.date else 'khong-ro-ngay'}"):
        url = f"/van-ban/{base}{'-' + suffix.strip('-') if suffix.strip('-') else ''}/"
        if url not in taken:
            return url, skipped
        skipped.append(url)
    n = 2
    while (url := f"/van-ban/{base}-{n}/") in taken:
        skipped.append(url)
        n += 1
    return url, skipped
