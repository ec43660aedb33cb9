"""Vietnamese typography, measured without screenshots: underlines that clear the marks below the letters,
symbols ("289/KH-UBND") that never break across lines (Range.getClientRects in Chromium's layout), and theme
fonts that cover the whole Vietnamese repertoire in every style, so page and PDF never fall back mid-word."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SITE_YAML, doc, make_site, require_tool
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from sample_pages import DESKTOP, PAGE_TYPES, opened, sample_browser

from sitegen.base.vi import PartialDate
from sitegen.commands.print import print_edition

sys.path.insert(0, str(REPO / "tools"))
from subset_fonts import REPERTOIRE, STYLES, VIETNAMESE_LETTERS

FONTS = REPO / "sitegen" / "theme" / "static" / "fonts"
# The dot below (dấu nặng: ạ ị ọ) reaches this far under the baseline in the theme's Noto Serif, in em.
DOT_BELOW = 0.183


@pytest.fixture(scope="module")
def site(sample_output: Path) -> Iterator[tuple[str, Any]]:
    with sample_browser(sample_output) as served:
        yield served


# --- underlines -------------------------------------------------------------------------------------------

UNDERLINES = """() => [...document.querySelectorAll('body a, body *')].filter(e => {
        if (e.closest('svg')) return false;
        const s = getComputedStyle(e);
        return e.tagName === 'A' || s.textDecorationLine.includes('underline');
    }).map(e => {
        const s = getComputedStyle(e);
        return {what: `${e.tagName.toLowerCase()}.${e.className}`, offset: s.textUnderlineOffset,
                size: parseFloat(s.fontSize), skip: s.textDecorationSkipInk};
    })"""


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_link_underlines_clear_of_the_dot_below(site: tuple[str, Any], kind: str):
    root, browser = site
    with opened(browser, root + PAGE_TYPES[kind], DESKTOP) as page:
        styles = page.evaluate(UNDERLINES)
    assert styles
    for style in styles:
        assert style["offset"].endswith("px"), style  # "auto" sits on the dots of ạ, ị, ọ
        assert float(style["offset"][:-2]) >= (DOT_BELOW + 0.05) * style["size"], style
        assert style["skip"] == "auto", style


def test_theme_font_puts_the_dot_below_where_the_underline_rule_assumes():
    font = TTFont(FONTS / "noto-serif-vi-400-normal.woff2")
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    pen = BoundsPen(glyphs)
    glyphs[cmap[ord("ạ")]].draw(pen)
    assert pen.bounds is not None
    assert -pen.bounds[1] / font["head"].unitsPerEm <= DOT_BELOW


# --- symbols stay on one line -------------------------------------------------------------------------------

LINES_OF = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    return tops.size;
}"""


@pytest.mark.parametrize("kind", ["document-long", "document-state", "stub", "list-documents", "term-list",
                                  "edition"])
@pytest.mark.browser
def test_symbols_never_break_across_lines_on_a_narrow_phone(site: tuple[str, Any], kind: str):
    root, browser = site
    with opened(browser, root + PAGE_TYPES[kind], 320) as page:
        symbols = page.locator(".symbol, .nobr")
        assert symbols.count() > 0
        for index in range(symbols.count()):
            symbol = symbols.nth(index)
            if symbol.is_visible():
                assert symbol.evaluate(LINES_OF) == 1, symbol.text_content()


@pytest.mark.browser
def test_line_measure_sees_a_symbol_that_breaks(site: tuple[str, Any]):
    """The measurement itself: a symbol in a box too narrow for it, without the no-break rule, breaks."""
    root, browser = site
    with opened(browser, root, DESKTOP) as page:
        page.evaluate("""() => { const box = document.createElement('p'); box.style.width = '4em';
            box.innerHTML = '<span id="loose">Kế hoạch 289/KH-UBND</span> '
                          + '<span id="kept" class="nobr">289/KH-UBND</span>';
            document.querySelector('main').prepend(box); }""")
        assert page.locator("#loose").evaluate(LINES_OF) > 1
        assert page.locator("#kept").evaluate(LINES_OF) == 1


SYMBOLS = ["45-KH/HU", "289/KH-UBND", "09/2017/NĐ-CP", "1812/QĐ-UBND", "32a-KH/HU", "140-HD/BTGTU",
           "04-NQ/TU", "2448-QĐ/BTGTW", "471/TTr-VHTT", "135/QĐ-TTg", "610-BC/BTGTU", "1086/QĐ-UBND",
           "238/UBND-KGVX"]


@pytest.mark.pdf
def test_symbols_never_break_across_lines_in_the_print(tmp_path: Path):
    pdftotext = require_tool("pdftotext")
    # Justified A5 text dense with symbols: a hyphen or slash inside any of them would be a line break chance.
    sentence = " ".join(f"Thực hiện văn bản số {s} về công tác tuyên giáo," for s in SYMBOLS)
    body = "\n\n".join([sentence] * 3)
    files = {
        "content/van-ban/kh.md": doc(title="Về công tác tuyên giáo", type="ke-hoach", number="45-KH/HU",
                                     issuer="Huyện ủy Kim Bảng", date="2022-03-08", body=body),
        "content/ban-tin/2022-so-01.md": ("---\nnumber: 1\nmonth: 3\ndate: 2022-03-20\n"
                                          "items:\n  - ../van-ban/kh.md\n---\n"),
    }
    site = make_site(tmp_path / "site", files, SITE_YAML + "print_size: A5\n")
    result = print_edition(site, "2022-so-01", tmp_path / "so-01.pdf")
    assert not result.errors, [d.format() for d in result.diagnostics]
    command = [pdftotext, "-enc", "UTF-8", str(tmp_path / "so-01.pdf"), "-"]
    read = subprocess.run(command, capture_output=True, text=True, check=True)
    lines = [unicodedata.normalize("NFC", line) for line in read.stdout.splitlines()]
    assert len([line for line in lines if "Thực hiện" in line]) > 20  # the text does wrap, many times
    for symbol in SYMBOLS:
        whole = sum(line.count(symbol) for line in lines)
        assert whole >= 3, f"{symbol} broken across lines ({whole} of 3 whole)"


# --- dates -----------------------------------------------------------------------------------------------

# Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 5 (and the Party's Hướng dẫn 36-HD/VPTW, itself dated "ngày 03
# tháng 4 năm 2018"): days below 10 and the months 1 and 2 take a leading zero; months 3 to 12 do not.
DATES = [
    # (year, month, day), long (info box, article, edition), header (document), short (lists, search)
    ((2022, 3, 8), "ngày 08 tháng 3 năm 2022", "ngày 08 tháng 3 năm 2022", "08/3/2022"),
    ((2018, 4, 3), "ngày 03 tháng 4 năm 2018", "ngày 03 tháng 4 năm 2018", "03/4/2018"),
    ((2020, 2, 15), "ngày 15 tháng 02 năm 2020", "ngày 15 tháng 02 năm 2020", "15/02/2020"),
    ((2024, 1, 2), "ngày 02 tháng 01 năm 2024", "ngày 02 tháng 01 năm 2024", "02/01/2024"),
    ((2019, 12, 20), "ngày 20 tháng 12 năm 2019", "ngày 20 tháng 12 năm 2019", "20/12/2019"),
    ((2021, 10, 9), "ngày 09 tháng 10 năm 2021", "ngày 09 tháng 10 năm 2021", "09/10/2021"),
    ((2023, 11, 30), "ngày 30 tháng 11 năm 2023", "ngày 30 tháng 11 năm 2023", "30/11/2023"),
    ((2021, 2, None), "tháng 02 năm 2021", "ngày \u2002\u2002 tháng 02 năm 2021", "02/2021"),
    ((2021, 9, None), "tháng 9 năm 2021", "ngày \u2002\u2002 tháng 9 năm 2021", "9/2021"),
    ((2023, None, None), "năm 2023", "ngày \u2002\u2002 tháng \u2002\u2002 năm 2023", "2023"),
]


@pytest.mark.parametrize("ymd, long, header, short", DATES, ids=[d[3] for d in DATES])
def test_dates_follow_the_official_rule_for_leading_zeros(ymd: tuple[int, int | None, int | None], long: str,
                                                           header: str, short: str):
    date = PartialDate(*ymd)
    assert (date.long(), date.header(), date.short()) == (long, header, short)


def test_every_day_and_month_follows_the_rule():
    for month in range(1, 13):
        for day in range(1, 29):
            words = PartialDate(2022, month, day).long().split()
            assert words[1] == (f"0{day}" if day < 10 else str(day))
            assert words[3] == (f"0{month}" if month <= 2 else str(month))


# --- fonts ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_theme_font_covers_every_vietnamese_letter_in_each_style(style: str):
    cmap = TTFont(FONTS / f"noto-serif-vi-{style}.woff2").getBestCmap()
    letters = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.lower()
    assert len(set(letters)) == 178  # 89 letters with their tones, both cases
    missing = [c for c in letters + "0123456789.,;:!?()-–—“”‘’…" if ord(c) not in cmap]
    assert missing == []
    assert set(cmap) <= REPERTOIRE | {0x0D}  # subset: nothing outside the Vietnamese repertoire ships


def test_theme_font_covers_the_sample_content():
    cmap = TTFont(FONTS / "noto-serif-vi-400-normal.woff2").getBestCmap()
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    used = {c for text in texts for c in unicodedata.normalize("NFC", text) if c not in "\n\t"}
    assert sorted(c for c in used if ord(c) not in cmap) == []


def test_fonts_ship_with_their_licence():
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence and "Noto Project Authors" in licence
    for style in STYLES:
        font = TTFont(FONTS / f"noto-serif-vi-{style}.woff2")
        names = {r.nameID: r.toUnicode() for r in font["name"].names}
        assert "Noto Project Authors" in names[0] and names[1].startswith("Noto Serif")
