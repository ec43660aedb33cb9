"""What a cited document is called when its trích yếu is unknown: what the citations tell of it.

"Nghị quyết 04-NQ/TU của Tỉnh ủy Hà Nam, 2021", "Công văn số 468 của UBND tỉnh Hà Nam, 2023",
"Nghị quyết 57-NQ/TW của Bộ Chính trị, 2024" — in lists, links and search results alike, never
"(chưa rõ trích yếu)".
"""

from __future__ import annotations

import re

from sitegen.base.vi import slugify

# Issuer phrases that stop at the level and leave the place to the reader: "Ban Thường vụ Tỉnh ủy", "UBND
# tỉnh", "Ban Chấp hành Đảng bộ tỉnh" -> the province is written after them.
_RELATIVE_END = re.compile(r"(?i:tỉnh ủy|tỉnh uỷ|tỉnh|thành ủy|thành uỷ)$")
_BY_CODE = {"TU": "Tỉnh ủy"}  # with the province, the body a Party code names when no phrase is cited


def issuer_with_place(phrase: str | None, scope: str, issuer_code: str | None = None) -> str:
    """ "Ban Thường vụ Tỉnh ủy" + "Hà Nam" -> "Ban Thường vụ Tỉnh ủy Hà Nam"; "Huyện ủy" + "Hà Nam" ->
    "Huyện ủy (Hà Nam)"; no phrase, code TU -> "Tỉnh ủy Hà Nam"; "" when nothing is known."""
    phrase = " ".join((phrase or "").split())
    if "|" in scope:  # any of the old provinces a merged one was made of
        *first, last = scope.split("|")
        scope = f"{', '.join(first)} hoặc {last}"
    if not phrase and scope and issuer_code in _BY_CODE:
        phrase = _BY_CODE[issuer_code]
    if not scope or slugify(scope) in slugify(phrase):
        return phrase
    if _RELATIVE_END.search(phrase):
        return f"{phrase} {scope}"
    return f"{phrase} ({scope})" if phrase else f"({scope})"


def cited_as(symbol_label: str, issuer: str, year: int | None) -> str:
    """What follows the type's name: "04-NQ/TU của Tỉnh ủy Hà Nam, 2021", "số 468, 2023"."""
    text = symbol_label
    if issuer.startswith("("):
        text += f" {issuer}"
    elif issuer:
        text += f" của {issuer}"
    return f"{text}, {year}" if year else text
