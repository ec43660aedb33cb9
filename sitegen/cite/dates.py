"""Vietnamese dates as written in citations and headers: "6/03/2021", "06-3-2021", "9.1.2025", "06 / 7 /2005",
"06 tháng 3 năm 2021", "29 tháng 12/2020", "năm 2023", and a draft's blanks "ngày tháng năm 2023".

The patterns read text without diacritics (`shadow.base_letters`: "ngày" -> "ngay"), so that a date whose
tone marks a copy scrambled ("ngàỷ 24/01/2025") still reads.
"""

from __future__ import annotations

import calendar
import re

from .shadow import base_letters, normalize_text

DateTuple = tuple[int, int | None, int | None]

_SEP = " {0,2}[/.-] {0,2}"
_Y = r"(?:19|20)\d\d(?!\d)"
NUMERIC_DATE = f"(?P<d>\\d{{1,2}}){_SEP}(?P<m>\\d{{1,2}}){_SEP}(?P<y>{_Y})"
# The spaces around "tháng" and "năm" may be lost by a copy ("ngày19tháng01năm2011", "08 tháng 4năm2004").
WORDS_DATE = (
    f"(?P<wd>\\d{{1,2}}) {{0,3}}(?i:thang|thanh) {{0,3}}(?P<wm>\\d{{1,2}})"
    f"(?: {{0,3}},? {{0,2}}(?i:nam) {{0,3}}|{_SEP})(?P<wy>{_Y})"
)
# Drafts leave day and month blank, sometimes with dots or underscores: "ngày    tháng    năm 2023".
BLANK_DATE = f"[._ ]{{0,20}}(?i:thang)[._ ]{{1,20}}(?i:nam) {{1,3}}(?P<by>{_Y})"
# Forms that may follow "ngày" in a citation.
AFTER_NGAY = f"(?:{NUMERIC_DATE}|{WORDS_DATE}|{BLANK_DATE})"
YEAR_ONLY = f"(?i:nam) {{1,3}}(?P<yy>{_Y})"
_WHOLE_RE = re.compile(f"(?:(?i:ngay) {{0,3}})?(?:{AFTER_NGAY})|{YEAR_ONLY}")


def date_from_match(m: re.Match[str]) -> DateTuple | None:
    """(year, month, day) from a match of the patterns above; None if not a real calendar date."""
    g = m.groupdict()
    for y, mo, d in (("y", "m", "d"), ("wy", "wm", "wd")):
        if g.get(y):
            year, month, day = int(g[y]), int(g[mo]), int(g[d])
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
                return year, month, day
            return None
    for y in ("by", "yy"):
        if g.get(y):
            return int(g[y]), None, None
    return None


def parse_vn_date(text: str) -> DateTuple | None:
    """Parse a whole string as a Vietnamese date; None if it is not one."""
    m = _WHOLE_RE.fullmatch(base_letters(normalize_text(text)).strip())
    return date_from_match(m) if m else None
