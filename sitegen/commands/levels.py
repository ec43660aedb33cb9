"""Levels of local government for `sitegen init`: what a bulletin's organisation is called, and the issuer
code its documents carry.

Since 1 July 2025 local government has two levels: the province (tỉnh, thành phố; 34 of them) and the
commune (xã, phường, đặc khu). Districts (huyện, quận, thị xã, thành phố thuộc tỉnh) were abolished; "huyen"
is kept for bulletins that publish the documents of earlier years.
"""

from __future__ import annotations

import re

from sitegen.base.provinces import merged_into
from sitegen.base.vi import same_words_key, slugify

LEVELS = ("tinh", "xa", "huyen")
# The last day districts existed: a district bulletin's example is dated no later.
LAST_DISTRICT_DAY = (2025, 6, 30)

# Words that name a committee, and the letters of its code ("Huyện ủy" -> HU).
_COMMITTEES = (("tinh uy", "TU"), ("thanh uy", "TU"), ("huyen uy", "HU"), ("quan uy", "QU"), ("thi uy", "TU"),
               ("dang uy", "ĐU"))
# Boards of a committee, and the letters before the committee's ("Ban Tuyên giáo Tỉnh ủy" -> BTGTU).
_BOARDS = (("ban tuyen giao va dan van", "BTGDV"), ("ban tuyen giao", "BTG"), ("ban dan van", "BDV"),
           ("ban xay dung dang", "BXDĐ"), ("ban to chuc", "BTC"), ("van phong", "VP"))
_STATE = re.compile(r"(^|\s)(ủy ban|ubnd|hội đồng nhân dân|hđnd)\s|^(sở|phòng)\s")
_STATE_BODIES = (("uy ban nhan dan", "UBND"), ("ubnd", "UBND"), ("hoi dong nhan dan", "HĐND"),
                 ("hdnd", "HĐND"))
_PLACE = re.compile(r"\b(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|dac khu|thi tran)\b")
_SMALL_WORDS = frozenset({"va"})


def _folded(text: str) -> str:
    """Words without marks, lower case: "Ban Tuyên giáo, Dân vận" -> "ban tuyen giao dan van"."""
    return slugify(text).replace("-", " ")


def province_now(province: str) -> str | None:
    """The province an old one became part of on 1 July 2025 (the map of base.provinces), or None if it
    still exists as named. Any spelling: "ha giang" -> "Tuyên Quang"."""
    wanted = _folded(province)
    return next((new for old, new in merged_into().items() if _folded(old) == wanted and old != new), None)


def level_of(name: str) -> str:
    """The level an organisation's name speaks of; a province's when it says none."""
    folded = _folded(name)
    if re.search(r"\b(huyen|quan|thi xa|thi uy)\b", folded):
        return "huyen"
    if re.search(r"\b(xa|phuong|dac khu|thi tran)\b", folded):
        return "xa"
    return "tinh"


def is_state(name: str) -> bool:
    """A body of the state (Ủy ban nhân dân, Hội đồng nhân dân, a Sở or Phòng) rather than of the Party."""
    return _STATE.search(same_words_key(name) + " ") is not None


def _initials(words: str) -> str:
    return "".join(w[0].upper() for w in words.split() if w not in _SMALL_WORDS)


def issuer_code(name: str, level: str) -> str:
    """The code after the slash of the organisation's document numbers: "BTGDVTU", "HU", "ĐU", "UBND"."""
    folded = _folded(name)
    if is_state(name):
        known = next((code for words, code in _STATE_BODIES if folded.startswith(words)), None)
        body = _PLACE.split(folded, maxsplit=1)[0]
        # "Sở Văn hóa, Thể thao và Du lịch" -> SVHTTDL; a Phòng's code leaves out its P: "VHTT"
        return known or _initials(body.removeprefix("phong "))
    committee = next((code for words, code in _COMMITTEES if re.search(rf"\b{words}\b", folded)), None)
    committee = committee or {"tinh": "TU", "huyen": "HU", "xa": "ĐU"}[level]
    if committee == "ĐU":  # a commune's boards issue in the Đảng ủy's name; no board code is attested
        return committee
    board = next((code for words, code in _BOARDS if re.search(rf"\b{words}\b", folded)), "")
    return board + committee


def default_name(level: str, province: str) -> str:
    where = f" {province}" if province else ""
    if level == "huyen":
        return "Ban Tuyên giáo Huyện ủy"
    if level == "xa":
        return "Đảng ủy xã"
    return f"Ban Tuyên giáo và Dân vận Tỉnh ủy{where}"


def example_number(name: str, level: str) -> str:
    """Number 01 of a plan (Kế hoạch) by this organisation: "01-KH/BTGDVTU" (Party), "01/KH-UBND" (state)."""
    code = issuer_code(name, level)
    return f"01/KH-{code}" if is_state(name) else f"01-KH/{code}"


def signer(name: str, level: str) -> tuple[str, str]:
    """(on_behalf, position) of who signs for the organisation: a committee's secretary for its standing
    board, a board's head, a chair for the People's Committee."""
    code = issuer_code(name, level)
    if is_state(name):
        return {"UBND": ("T/M Ủy ban nhân dân", "Chủ tịch"),
                "HĐND": ("T/M Thường trực Hội đồng nhân dân", "Chủ tịch")}.get(
            code, ("", "Trưởng phòng" if _folded(name).startswith("phong ") else "Giám đốc"))
    if code.startswith("VP"):
        return "", "Chánh Văn phòng"
    if code.startswith("B"):
        return "", "Trưởng ban"
    return "T/M Ban Thường vụ", "Bí thư"
