"""The feed takes its newest entries from the lists' heads, never a sort of the whole site: the same entries
in the same order as the sort of every document and article by date and URL, ties of dates included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.base.vi import PartialDate, make_collator
from sitegen.pipeline.records import Article
from sitegen.pipeline.render.pages import _newest
from sitegen.pipeline.taxonomies import newest_first

COLLATOR = make_collator()
dates = st.builds(PartialDate, st.integers(2020, 2022), st.none() | st.integers(1, 2),
                  st.none() | st.integers(1, 2))


def article(index: int, date: PartialDate, title: str) -> Article:
    return Article(f"/tin-bai/{index:03d}/", f"content/tin-bai/{index:03d}.md", title, date, None, None, None,
                   None, (), "")


@given(st.lists(st.tuples(dates, st.sampled_from(["A", "Ă", "B", "Đ"])), max_size=40),
       st.lists(st.tuples(dates, st.sampled_from(["A", "B"])), max_size=40), st.integers(1, 12))
def test_the_feed_heads_give_the_newest_entries_of_a_whole_sort(first: list[tuple[PartialDate, str]],
                                                               second: list[tuple[PartialDate, str]],
                                                               size: int):
    key = newest_first(COLLATOR)
    one = sorted((article(i, d, t) for i, (d, t) in enumerate(first)), key=key)
    two = sorted((article(100 + i, d, t) for i, (d, t) in enumerate(second)), key=key)
    whole = sorted([*one, *two], key=lambda i: (i.date, i.url), reverse=True)[:size]
    heads = sorted([*_newest(one, size), *_newest(two, size)], key=lambda i: (i.date, i.url), reverse=True)
    assert heads[:size] == whole
