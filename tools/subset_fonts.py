"""Subset the theme's Noto Serif to the Vietnamese repertoire: `make fonts` (a committed-asset step).

Input: tools/fonts/noto-serif-vi-*.woff2, the latin and vietnamese subsets of @fontsource/noto-serif
5.3.0 merged into one file per style (WeasyPrint names embedded fonts by family and style, so two
unicode-range files of one family would overwrite each other's glyphs in the PDF). Output:
sitegen/theme/static/fonts/, same names, keeping only what Vietnamese text and the theme use (REPERTOIRE),
without hinting (browsers and WeasyPrint render outlines unhinted at these sizes) and without glyph names.
The fonts are under the SIL OFL 1.1 (fonts/OFL.txt, copied beside the output); Noto declares no Reserved
Font Name, so a subset keeps its name.

Run with the project's venv: `.venv/bin/python tools/subset_fonts.py` (fontTools and brotli come with
WeasyPrint). Output bytes are deterministic for a given fontTools and brotli.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "fonts"
TARGET = ROOT / "sitegen" / "theme" / "static" / "fonts"
STYLES = ("400-normal", "400-italic", "700-normal", "700-italic")

# The 29 letters of the Vietnamese alphabet with every tone they take (F, J, W, Z come with ASCII):
VIETNAMESE_LETTERS = ("AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMN"
                      "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ")
# Code points kept (those the source font has): ASCII; Latin-1 punctuation and signs (° § « » × ÷ …);
# every Vietnamese letter, both cases, precomposed, and the combining tone marks and modifiers NFD text
# carries; the space a document header uses for blank days (U+2002), dashes, curly quotes, bullet,
# ellipsis, primes, ₫ and €.
REPERTOIRE: frozenset[int] = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0xC0), 0xD7, 0xF7]
    + [ord(c) for c in VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.lower()]
    + [0x0300, 0x0301, 0x0302, 0x0303, 0x0306, 0x0309, 0x031B, 0x0323]
    + [0x2002, 0x2009, 0x200B, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2032, 0x2033,
       0x20AB, 0x20AC, 0x2212]
)


def subset_font(source: Path, target: Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # the sources carry none; drop any hinting tables a newer source might bring
    options.glyph_names = False
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    options.recalc_timestamp = False  # deterministic bytes
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(REPERTOIRE))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        name = f"noto-serif-vi-{style}.woff2"
        subset_font(SOURCE / name, TARGET / name)
        print(f"{name}: {(SOURCE / name).stat().st_size} -> {(TARGET / name).stat().st_size} bytes")
    shutil.copyfile(SOURCE / "OFL.txt", TARGET / "OFL.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
