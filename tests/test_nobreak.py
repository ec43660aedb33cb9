"""Symbols that never break: the quick checks that spare a text its shadow skip no symbol."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cite import nobreak, shadow
from sitegen.cite.shadow import Shadow
from sitegen.cite.symbols import SYMBOL_PATTERN


def _spans_of_every_text(text: str) -> list[tuple[int, int]]:
    """The definition: the symbol pattern over the shadow of any text, however unlikely to hold one."""
    sh = Shadow(text)
    return [(sh.start(m.start()), sh.end(m.end())) for m in re.finditer(SYMBOL_PATTERN, sh.text)]


def test_the_shadow_translates_every_character_as_its_table_says():
    table = shadow._TRANSLATE
    assert all(shadow._translate(chr(c)) == chr(c).translate(table) for c in range(0x110000))
    text = "".join(chr(c) for c in range(0x3100))
    assert shadow._translate(text) == text.translate(table)


def test_every_character_the_shadow_reads_as_a_separator_passes_the_quick_check():
    separators = [chr(c) for c, to in shadow._TRANSLATE.items() if to in ("-", "/")]
    assert separators and all(nobreak._SEPARATOR.search(c) for c in [*separators, "-", "/"])


_PIECES = st.sampled_from([
    "04", "12", "2021", "NQ", "TU", "KH", "UBND", "QĐ", "TTg", "ND", "CP", "-", "/", " ", "\u2013", "\u2011",
    "\uff0f", "\u2215", "\xa0", "số ", "Nghị quyết ", "ngày ", "a", "Tỉnh ủy", "\n", "ngày 6/3/2021",
    "20 NQ/TW", "18-2019-TT-BGDĐT",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_symbol_spans_find_what_the_pattern_finds_on_any_text(text: str):
    assert nobreak.symbol_spans(text) == _spans_of_every_text(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_a_text_the_citation_rule_scanned_first_gets_the_same_spans(text: str):
    """The nobreak rule reads the citation rule's shadow and matches of a text (cached): the same spans as a
    fresh shadow's, whichever of the two rules saw the text first."""
    from sitegen.cite.detect import forget_scans, scan

    forget_scans()
    scan(text)
    assert nobreak.symbol_spans(text) == _spans_of_every_text(text)
    forget_scans()


def test_a_title_is_marked_up_once_and_the_same_every_time():
    title = "Triển khai Nghị quyết số 04-NQ/TU ngày 6/3/2021"
    first = nobreak.keep_symbols_whole(title)
    assert first == 'Triển khai Nghị quyết số <span class="nobr">04-NQ/TU</span> ngày 6/3/2021'
    assert nobreak.keep_symbols_whole(title) == first
    assert nobreak.keep_symbols_whole(None) == "" and nobreak.keep_symbols_whole("a < b") == "a &lt; b"
