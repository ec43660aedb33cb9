"""The resolution of every citation of the site, kept between builds and updated from the changed pages: the
occurrences grouped per symbol key (and numbers without their code per type and number), each group resolved
by cite/identity.py's rules, and only the groups an edit reaches resolved again. A full build is the same
update from nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sitegen.cite.identity import (
    Identity,
    Known,
    Numbers,
    Occurrence,
    Resolution,
    number_key,
    resolve_numbers,
    resolve_symbols,
)
from sitegen.cite.symbols import Symbol

Ref = tuple[int, str, int]  # (0: a body, 1: front-matter relations; citing file; position): the site's order
PageKey = tuple[int, str]  # (0 or 1, the citing file)
Answer = str | Identity  # a content document's URL, or a stub's identity


@dataclass(frozen=True)
class Resolved:
    """The resolution of every occurrence, kept between builds and updated from the changed pages: the
    citations grouped per symbol key and numbers without their code per type and number, each group's answer
    (numbered within the group), and what they give each occurrence (`answer`) and each stub (its citing
    occurrences). A full build is the same update from `Resolved()`."""

    pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]] = field(default_factory=dict)
    documents: dict[str, Identity] = field(default_factory=dict)
    described: dict[str, tuple[str | None, Symbol]] = field(default_factory=dict)
    docs_by_key: dict[str, tuple[tuple[str, Identity], ...]] = field(default_factory=dict)
    known_docs: dict[str, tuple[Known, ...]] = field(default_factory=dict)  # by number_key
    known_stubs: dict[str, tuple[Known, ...]] = field(default_factory=dict)  # by number_key
    symbol_groups: dict[str, tuple[Ref, ...]] = field(default_factory=dict)
    number_groups: dict[str, tuple[Ref, ...]] = field(default_factory=dict)
    symbols: dict[str, Resolution] = field(default_factory=dict)  # per symbol key
    numbers: dict[str, Numbers] = field(default_factory=dict)  # per number key
    answer: dict[Ref, Answer] = field(default_factory=dict)
    members: dict[Identity, tuple[Ref, ...]] = field(default_factory=dict)  # a stub's own group's citations
    attached: dict[Identity, tuple[Ref, ...]] = field(default_factory=dict)  # numbers read as that stub
    ambiguous: dict[tuple[int, str], tuple[list[tuple[Ref, list[str]]], list[tuple[Ref, list[str]]]]] = \
        field(default_factory=dict)  # (0 symbols / 1 numbers, key) -> (ambiguous, between stubs)
    unresolved: dict[str, tuple[Ref, ...]] = field(default_factory=dict)  # by number_key

    def ordered_ambiguous(self) -> list[tuple[Ref, list[str]]]:
        """Ambiguous occurrences in the order of a resolution of the whole site: those of symbols by
        occurrence, then those between stubs by key; then the same for numbers without their code."""
        out: list[tuple[Ref, list[str]]] = []
        for part in (0, 1):
            keys = sorted(k for k in self.ambiguous if k[0] == part)
            out += sorted(chain.from_iterable(self.ambiguous[k][0] for k in keys), key=_first)
            out += chain.from_iterable(self.ambiguous[k][1] for k in keys)
        return out

    def ordered_unresolved(self) -> list[Ref]:
        return sorted(chain.from_iterable(self.unresolved.values()))


def group_key(occ: Occurrence, ident: Identity) -> tuple[int, str]:
    """(0, symbol key) for a citation with its symbol, else (1, type and number)."""
    c = occ.citation
    return (1, number_key(c.doc_type, c.number)) if c.symbol is None else (0, ident.key)


def resolve(pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]], documents: dict[str, Identity],
            described: dict[str, tuple[str | None, Symbol]], last: Resolved | None = None,
            ) -> tuple[Resolved, set[Ref]]:
    """Tie each occurrence (`pages`: each page's occurrences and their identities, occurrence_identity) to
    a content document (by URL) or a stub identity. `described`: each content document's type and symbol,
    for numbers without their code. Citations are resolved per symbol key, and numbers without their code
    per type and number; from `last`, only the groups of the changed pages' old and new keys, of documents
    that came, went or changed, and of numbers whose candidate stubs changed are resolved again. Returns the
    resolution and the occurrences whose answer may have changed (every one of a changed group)."""
    last = last if last is not None else Resolved()
    old_pages = last.pages
    groups, dirty_symbols, dirty_numbers = _groups_moved(pages, last)
    docs_by_key, known_docs = _documents_known(documents, described, last, dirty_symbols, dirty_numbers)
    symbols, numbers = dict(last.symbols), dict(last.numbers)
    answer, members, attached = dict(last.answer), dict(last.members), dict(last.attached)
    ambiguous, unresolved = dict(last.ambiguous), dict(last.unresolved)
    known_stubs = dict(last.known_stubs)
    touched: set[Ref] = set()
    # what the dirty groups gave, taken back before any is resolved again (an occurrence may change group)
    for key in dirty_symbols:
        _take_back(last.symbol_groups.get(key, ()), symbols.pop(key, None), answer, members, touched)
        ambiguous.pop((0, key), None)
    for key in dirty_numbers:
        _take_back_numbers(key, last.number_groups.get(key, ()), numbers.pop(key, None), answer, members,
                           attached, unresolved, ambiguous, touched)
    for key in sorted(dirty_symbols):
        refs = groups[0].get(key, ())
        before_stubs = [k for k in known_stubs_of(last.symbols.get(key), last.symbol_groups.get(key, ()),
                                                 old_pages)]
        if not refs:
            now_stubs: list[Known] = []
        else:
            group = tuple(pages[(r[0], r[1])][1][r[2]] for r in refs)
            local = resolve_symbols(docs_by_key.get(key, ()), group)
            symbols[key] = local
            for pos, url in local.target.items():
                answer[refs[pos]] = url
            for ident, positions in local.stubs.items():
                members[ident] = tuple(refs[pos] for pos in positions)
                for pos in positions:
                    answer[refs[pos]] = ident
            with_matches = [(refs[pos], m) for pos, m in local.ambiguous if m]
            between = [(refs[pos], m) for pos, m in local.ambiguous if not m]
            if with_matches or between:
                ambiguous[(0, key)] = (with_matches, between)
            touched.update(refs)
            now_stubs = known_stubs_of(local, refs, pages)
        if now_stubs != before_stubs:
            for k in (*before_stubs, *now_stubs):
                nkey = _number_of(k)
                if nkey not in dirty_numbers:
                    dirty_numbers.add(nkey)
                    _take_back_numbers(nkey, last.number_groups.get(nkey, ()), numbers.pop(nkey, None),
                                       answer, members, attached, unresolved, ambiguous, touched)
                fits = [f for f in known_stubs.get(nkey, ()) if f.identity.key != key]
                fits += [f for f in now_stubs if _number_of(f) == nkey]
                put(known_stubs, nkey, tuple(sorted(fits, key=lambda f: ident_order(f.identity))))
    for key in sorted(dirty_numbers):
        refs = groups[1].get(key, ())
        if not refs:
            continue
        items = tuple((pages[(r[0], r[1])][0][r[2]].citation, pages[(r[0], r[1])][1][r[2]]) for r in refs)
        found = resolve_numbers((*known_docs.get(key, ()), *known_stubs.get(key, ())), items)
        numbers[key] = found
        for pos, url in found.named.items():
            answer[refs[pos]] = url
        for pos, ident in found.attach:
            answer[refs[pos]] = ident
            attached[ident] = tuple(sorted((*attached.get(ident, ()), refs[pos])))
        for ident, positions in found.made.stubs.items():
            members[ident] = tuple(refs[pos] for pos in positions)
            for pos in positions:
                answer[refs[pos]] = ident
        named = [(refs[pos], m) for pos, m in found.ambiguous]
        between = [(refs[pos], m) for pos, m in found.made.ambiguous]
        if named or between:
            ambiguous[(1, key)] = (named, between)
        if found.unresolved:
            unresolved[key] = tuple(refs[pos] for pos in found.unresolved)
        touched.update(refs)
    return Resolved(
        pages=pages, documents=documents, described=described, docs_by_key=docs_by_key, known_docs=known_docs,
        known_stubs=known_stubs, symbol_groups=groups[0], number_groups=groups[1], symbols=symbols,
        numbers=numbers, answer=answer, members=members, attached=attached, ambiguous=ambiguous,
        unresolved=unresolved), touched


Groups = dict[int, dict[str, tuple[Ref, ...]]]  # 0: symbol groups, 1: number groups; key -> its occurrences


def _groups_moved(pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]], last: Resolved,
                  ) -> tuple[Groups, set[str], set[str]]:
    """The groups with the occurrences of the pages that changed (are not the last build's objects) or went
    moved to their new groups; the keys of the symbol and number groups that moved."""
    old_pages = last.pages
    changed = [p for p, (occs, _) in pages.items() if (was := old_pages.get(p)) is None or was[0] is not occs]
    changed += [p for p in old_pages if p not in pages]
    moved: dict[tuple[int, str], tuple[set[Ref], list[Ref]]] = {}  # group -> (refs gone, refs come)
    for p in changed:
        for source, sign in ((old_pages.get(p), 0), (pages.get(p), 1)):
            if source is not None:
                for pos, (occ, ident) in enumerate(zip(source[0], source[1], strict=True)):
                    got = moved.setdefault(group_key(occ, ident), (set(), []))
                    ref = (p[0], p[1], pos)
                    if sign:
                        got[1].append(ref)
                    else:
                        got[0].add(ref)
    groups = {0: dict(last.symbol_groups), 1: dict(last.number_groups)}
    for (part, key), (gone, come) in moved.items():
        refs = tuple(sorted([r for r in groups[part].get(key, ()) if r not in gone] + come))
        if refs:
            groups[part][key] = refs
        else:
            groups[part].pop(key, None)
    return groups, {key for part, key in moved if not part}, {key for part, key in moved if part}


def _documents_known(documents: dict[str, Identity], described: dict[str, tuple[str | None, Symbol]],
                     last: Resolved, dirty_symbols: set[str], dirty_numbers: set[str],
                     ) -> tuple[dict[str, tuple[tuple[str, Identity], ...]], dict[str, tuple[Known, ...]]]:
    """The content documents by symbol key, and those a number without its code may name by type and number,
    updated for the documents that came, went or changed; their groups' keys added to the dirty ones."""
    docs_by_key, known_docs = last.docs_by_key, last.known_docs
    if documents == last.documents and described == last.described:
        return docs_by_key, known_docs
    docs_by_key, known_docs = dict(docs_by_key), dict(known_docs)
    for url in changed_keys(documents, last.documents) | changed_keys(described, last.described):
        then, now = last.documents.get(url), documents.get(url)
        if then != now:
            for doc in (then, now):
                if doc is not None:
                    dirty_symbols.add(doc.key)
                    docs = [d for d in docs_by_key.get(doc.key, ()) if d[0] != url]
                    if now is not None and now.key == doc.key:
                        docs.append((url, now))
                    put(docs_by_key, doc.key, tuple(sorted(docs)))
        was_known = _known(url, last.documents, last.described)
        is_known = _known(url, documents, described)
        if was_known != is_known:
            for k in (was_known, is_known):
                if k is not None:
                    nkey = _number_of(k)
                    dirty_numbers.add(nkey)
                    fits = [f for f in known_docs.get(nkey, ()) if f.target != url]
                    if is_known is not None and _number_of(is_known) == nkey:
                        fits.append(is_known)
                    put(known_docs, nkey, tuple(sorted(fits, key=_target)))
    return docs_by_key, known_docs


def changed_keys(now: Mapping[Any, Any], then: Mapping[Any, Any]) -> set[Any]:
    """The keys whose value differs between the two tables (or that one lacks): every other key's value is
    the same, so what is made from it alone is too. Values compared by identity first (a kept page's are
    the last build's objects), a pass over the keys without a call per key."""
    missing = object()
    moved = {key for key, value in now.items()
             if (was := then.get(key, missing)) is not value and was != value}
    return moved | (then.keys() - now.keys())


def put(table: dict[Any, Any], key: Any, value: tuple[Any, ...] | frozenset[Any]) -> None:
    """`table[key] = value`, or the key taken out when `value` is empty (kept tables hold non-empty ones)."""
    if value:
        table[key] = value
    else:
        table.pop(key, None)


def _number_of(known: Known) -> str:
    return number_key(known.doc_type, known.symbol.number)


def _target(known: Known) -> str:
    assert isinstance(known.target, str)
    return known.target


def _known(url: str, documents: dict[str, Identity], described: dict[str, tuple[str | None, Symbol]],
           ) -> Known | None:
    """What a number without its code may name at `url`: a content document with its type and symbol."""
    if url not in documents or url not in described:
        return None
    doc_type, symbol = described[url]
    return Known(url, documents[url], doc_type, symbol)


def known_stubs_of(local: Resolution | None, refs: tuple[Ref, ...],
                   pages: dict[PageKey, tuple[list[Occurrence], list[Identity]]]) -> list[Known]:
    """The stubs of one symbol key's group as numbers without their code may name them: the type its
    citations agree on, the symbol of the first."""
    out = []
    for stub, positions in (local.stubs.items() if local is not None else ()):
        citations = [pages[(refs[p][0], refs[p][1])][0][refs[p][2]].citation for p in positions]
        assert citations[0].symbol is not None
        types = {c.doc_type for c in citations} - {None}
        doc_type = types.pop() if len(types) == 1 else None
        out.append(Known(stub, stub, doc_type, citations[0].symbol))
    return out


def _take_back(refs: tuple[Ref, ...], local: Resolution | None, answer: dict[Ref, Answer],
               members: dict[Identity, tuple[Ref, ...]], touched: set[Ref]) -> None:
    if local is None:
        return
    for ref in refs:
        answer.pop(ref, None)
    for ident in local.stubs:
        members.pop(ident, None)
    touched.update(refs)


def _take_back_numbers(key: str, refs: tuple[Ref, ...], found: Numbers | None, answer: dict[Ref, Answer],
                       members: dict[Identity, tuple[Ref, ...]], attached: dict[Identity, tuple[Ref, ...]],
                       unresolved: dict[str, tuple[Ref, ...]], ambiguous: dict[Any, Any], touched: set[Ref],
                       ) -> None:
    unresolved.pop(key, None)
    ambiguous.pop((1, key), None)
    if found is None:
        return
    for ref in refs:
        answer.pop(ref, None)
    for pos, ident in found.attach:
        left = tuple(r for r in attached.get(ident, ()) if r != refs[pos])
        if left:
            attached[ident] = left
        else:
            attached.pop(ident, None)
    for ident in found.made.stubs:
        members.pop(ident, None)
    touched.update(refs)


def ident_order(ident: Identity) -> tuple[str, str, str]:
    """The order of stubs: by key, date, province."""
    return (ident.key, ident.date.iso() if ident.date else "", ident.scope)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]
