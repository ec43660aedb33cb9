"""The lists after records came or went (a new or deleted file, the stubs it made or let go) are stepped from
the last ones (taxonomies._stepped: the records that went taken out, those that came put in by bisect): the
same lists, term for term, as a sort of every record."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.base.vi import PartialDate
from sitegen.build import load_site
from sitegen.pipeline import assemble, taxonomies
from sitegen.pipeline.derived import Derived
from sitegen.pipeline.records import Site

ROOT = Path(__file__).resolve().parent.parent
_site: list[Site] = []


def sample() -> Site:
    """The sample site's model (content/ of this repository)."""
    if not _site:
        loaded = load_site(ROOT, "internal")
        assert loaded.config is not None
        _site.append(assemble.assemble(loaded.shown, loaded.config, Derived().collator)[0])
    return _site[0]


Records = tuple[list[Any], list[Any], list[Any], list[Any]]


def pick(site: Site, data: st.DataObject) -> Records:
    """Some of the site's records, a few of them with another title or date (a record that went and came)."""
    out = []
    for group in (site.documents, site.articles, site.pages, site.stubs):
        chosen: list[Any] = [r for r in group if data.draw(st.booleans())]
        for n, r in enumerate(chosen):
            change = data.draw(st.sampled_from(["", "", "", "", "title", "date"]))
            if change == "title" and r.title:
                chosen[n] = replace(r, title=data.draw(st.sampled_from(["A", "Ư", r.title + " x", "Đ"])))
            elif change == "date" and r in (*site.documents, *site.articles, *site.stubs):
                chosen[n] = replace(r, date=data.draw(st.sampled_from(
                    [None, PartialDate(2019), PartialDate(2021, 3), PartialDate(2021, 3, 6)])))
        out.append(data.draw(st.permutations(chosen)))
    return out[0], out[1], out[2], out[3]


def lists(records: Records, site: Site, derived: Derived) -> taxonomies.Lists:
    issuers = {r.issuer_slug: r.issuer for group in (records[0], records[3]) for r in group if r.issuer_slug
               or r in records[0]}
    return taxonomies.lists(*records, site.config, derived.collator, issuers, derived)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_lists_stepped_from_the_last_equal_a_sort_of_every_record(data: st.DataObject) -> None:
    site = sample()
    derived = Derived()
    derived.begin(site.config)
    first, then = pick(site, data), pick(site, data)
    lists(first, site, derived)
    derived.end()
    derived.begin(site.config)
    stepped = lists(then, site, derived)
    fresh = Derived()
    fresh.begin(site.config)
    assert stepped == lists(then, site, fresh)


def test_a_record_that_came_and_one_that_went_step_the_lists() -> None:
    """A new document and a stub gone: the lists are stepped (no sort), and equal a sort's."""
    site = sample()
    docs, stubs = list(site.documents), list(site.stubs)
    assert len(docs) > 2 and stubs
    came = docs.pop(len(docs) // 2)
    before = (docs, list(site.articles), list(site.pages), stubs)
    after = ([*docs[:1], came, *docs[1:]], list(site.articles), list(site.pages), stubs[1:])
    derived = Derived()
    derived.begin(site.config)
    lists(before, site, derived)
    last = derived.kept("lists", "")
    assert last is not None
    issuers = {r.issuer_slug: r.issuer for r in (*after[0], *after[3]) if r.issuer_slug or r in after[0]}
    facets = (tuple(map(taxonomies._document_facets, after[0])),
              tuple(map(taxonomies._article_facets, after[1])), tuple(map(taxonomies._page_facets, after[2])),
              tuple(map(taxonomies.stub_facets, after[3])), issuers)
    stepped = taxonomies._stepped(last, facets, (after[0], after[1], after[2], tuple(after[3])), site.config,
                                  derived.collator, issuers)
    assert stepped is not None
    fresh = taxonomies._ordered(after[0], after[1], after[2], tuple(after[3]), site.config, derived.collator,
                                issuers)
    assert stepped == fresh
