"""Issuer phrases of citations: "của Ban Thường vụ Tỉnh ủy", "của bộ chính trị", "CỦA THỦ TƯỚNG CHÍNH PHỦ".

A name is read word by word on the shadow (`t`, for case) and its copy without diacritics (`b`, for the
words), so that tone marks scrambled by a copy ("Bạn Chấp hành Trũng ương") still read as one name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitegen.base.provinces import province_names

from .shadow import base_letters
from .symbols import Symbol

_LOC = "tỉnh huyện xã thành quận thị phường"
# Lower-case words that continue a name after the given word (both without diacritics, lower case).
_CONT_WORDS = {
    "thường": "vụ trực", "vụ": f"{_LOC} đảng", "trực": _LOC, "bí": "thư", "tuyên": "giáo", "chính": "trị phủ",
    "chấp": "hành",
    "trung": "ương", "ương": "đảng", "ủy": "ban xã phường thị", "ban": "nhân chấp thường bí tổ tuyên dân",
    "nhân": "dân", "hội": "đồng nghị", "đồng": "nhân bộ", "tổ": "chức quốc", "chức": "trung",
    "vận": "trung", "phòng": "trung chính", "kiểm": "tra", "chỉ": "đạo", "nghị": "lần", "lần": "thứ",
    "thứ": "nhất hai ba tư bốn năm sáu bảy tám chín mười mười một",
    "mười": "một hai ba bốn lăm năm sáu bảy tám chín", "đảng": "bộ ủy đoàn", "tỉnh": "ủy", "huyện": "ủy",
    "thành": "ủy phố", "thị": "ủy xã trấn đua", "quận": "ủy", "văn": "phòng hóa thư", "thủ": "tướng",
    "tướng": "chính", "quốc": "hội phòng", "mặt": "trận", "dân": f"vận tộc {_LOC}",
    "bộ": f"trưởng {_LOC} khối chính nội tư tài y công giáo xây ngoại thông khoa nông lao văn kế quốc",
    "ubnd": _LOC, "hđnd": _LOC, "ub": _LOC, "hành": "trung đảng", "chủ": "tịch nhiệm", "kinh": "tế",
    "khen": "thưởng", "ngân": "sách hàng", "thể": "thao", "du": "lịch", "phát": "triển", "triển": "nông",
    "lao": "động",
    "thương": "binh mại", "xã": "hội", "liên": "bộ",
    # ministries
    "nội": "vụ", "tư": "pháp", "tài": "chính nguyên", "nông": "thôn nghiệp", "y": "tế",
    "công": "an nghệ thương", "giáo": "dục trung", "xây": "dựng", "ngoại": "giao", "thông": "tin",
    "khoa": "học", "truyền": "thông hình", "đào": "tạo", "đầu": "tư", "môi": "trường", "kế": "hoạch",
}
CONT: dict[str, frozenset[str]] = {}
for _word, _next in _CONT_WORDS.items():  # "thủ"/"thứ"/"thư" share their base letters: merge
    _key = base_letters(_word)
    CONT[_key] = CONT.get(_key, frozenset()) | frozenset(base_letters(_next).split())
# How a name may start in a text written all in lower case ("của bộ chính trị"): its first two words.
_HEADS = frozenset(base_letters(h) for h in (
    "bộ chính", "ban bí", "ban chấp", "ban thường", "ban tổ", "ban tuyên", "ban dân", "chính phủ",
    "thủ tướng",
    "tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "ủy ban", "hội đồng", "quốc hội",
    "trung ương", "văn phòng", "chủ tịch", "bộ nội", "bộ tư", "bộ tài", "bộ y", "bộ công", "bộ giáo",
    "bộ xây", "bộ ngoại", "bộ thông", "bộ khoa", "bộ nông", "bộ lao", "bộ văn", "bộ kế", "bộ quốc",
    *(f"{body} {level}" for body in ("ubnd", "hđnd") for level in _LOC.split()),
))
# In a text written all in lower case, a province's name after "tỉnh" or "thành phố" ("của ubnd tỉnh an
# giang"): its words, without diacritics, by first word, longest first.
_PLACES: dict[str, list[tuple[str, ...]]] = {}
for _name in sorted(province_names(), key=len, reverse=True):
    _words = tuple(base_letters(_name).lower().split())
    _PLACES.setdefault(_words[0], []).append(_words)
# Capitalized words that end a name: what follows it in a sentence, the term ("khóa XII"), dates.
_STOP = frozenset((
    "về", "và", "theo", "thực", "căn", "tại", "khóa", "nhiệm", "ngày", "năm", "số", "giai", "triển", "quán",
    "hướng", "sau", "đến", "từ", "trong", "đã", "v/v",
    "cập", "xem", "chia", "ảnh", "nguồn", "đọc",  # a web page's leftovers after a heading ("Cập nhật lúc …")
    "các", "những",  # a sentence that begins on the next line ("… của Bộ Chính trị\nCác lãnh đạo …")
))
# Names that go on after "và": "Bộ Thông tin và Truyền thông", "Bộ Giáo dục và Đào tạo".
_AND_NAMES = tuple(base_letters(n) for n in (
    "bộ thông tin", "bộ giáo dục", "bộ khoa học", "bộ tài nguyên", "bộ nông nghiệp", "bộ văn hóa, thể thao",
    "bộ lao động - thương binh",
))
_WORD_RE = re.compile(r"[^\s,;:.()\[\]“”\"'‘’?!…*/]+")
_ISSUED_RE = re.compile(r" {1,3}(?i:hanh)(?!\w)")
_TERM_NUMBER = re.compile(r"\d{1,2}")
_MAX_WORDS = 14


def _place_words(b: str, pos: int) -> int:
    """How many words of a province's name start at `pos` (lower case, no diacritics); 0 for none."""
    words = b[pos:pos + 40].lower().split()
    for name in _PLACES.get(words[0] if words else "", ()):
        if tuple(w.strip(",;.:()") for w in words[:len(name)]) == name and (
                len(words) == len(name) or words[len(name) - 1] == name[-1]):
            return len(name)
    return 0


def _joins_after_comma(words: list[str], nxt: str) -> bool:
    """ "Bộ Chính trị, Ban Bí thư", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "Liên Bộ Tài chính, Bộ Lao
    động…": the few names that are written with a comma inside."""
    so_far, low = " ".join(words).lower(), nxt.lower()
    return ((so_far == "bo chinh tri" and low.startswith("ban bi thu"))
            or (so_far.endswith("bo truong") and low.startswith("chu nhiem"))
            or (so_far.startswith("lien bo") and low.startswith("bo ")))


def _glued_at(word: str) -> int:
    """Where a word in capitals runs into a capitalized one ("TRỊCăn" -> 3), else 0."""
    if word.isupper() or word.islower() or word.istitle():
        return 0
    for k in range(2, len(word) - 1):
        if word[k - 2:k + 1].isupper() and word[k + 1].islower():
            return k
    return 0


def issuer_at(t: str, b: str, pos: int, joint: bool = False,
              is_type_word: re.Pattern[str] | None = None) -> tuple[str, int] | None:
    """Issuer name starting at `pos`: capitalized words and the lower-case words that continue them; in a
    lower-case text, a name that starts like a known body ("bộ chính trị"). Returns the name as written in
    `t` and where it ends. "và" joins two names of a `joint` document ("Bộ Nội vụ và Văn phòng Chính phủ").
    """
    words: list[str] = []  # base letters, lower case
    start = end = p = pos
    place_left = 0  # words of a province's name still to take (a lower-case text)
    first = _WORD_RE.match(t, pos)
    if first is None:
        return None
    lowercase_head = not first.group()[0].isupper()
    if lowercase_head:
        two = b[pos:pos + 40].lower().split()
        if " ".join(two[:2]).strip(",;.") not in _HEADS:
            return None
    while len(words) < _MAX_WORDS:
        m = _WORD_RE.match(t, p)
        if not m:
            break
        w, wb = m.group(), b[m.start():m.end()].lower()
        capital = w[0].isupper()
        if words:
            prev = words[-1]
            ok = capital or prev == "," or wb in CONT.get(prev, ()) or place_left > 0 or (
                prev in ("thu", "uong") and _TERM_NUMBER.fullmatch(w) is not None)
            if not ok and lowercase_head and prev in ("tinh", "pho"):
                place_left = _place_words(b, m.start())
                ok = place_left > 0
            if w == "-":
                nxt = _WORD_RE.match(t, m.end() + 1)
                ok = place_left > 0 or (nxt is not None and nxt.group()[0].isupper() and nxt.group() != "-")
            elif wb == "va" and (joint or " ".join(words).endswith(_AND_NAMES)):
                nxt = _WORD_RE.match(t, m.end() + 1)
                ok = nxt is not None and (nxt.group()[0].isupper() or lowercase_head) and not (
                    is_type_word and is_type_word.match(b, nxt.start()))
        else:
            ok = capital or lowercase_head
        if not ok or (capital and (w.lower() in _STOP or (is_type_word and is_type_word.match(b, p)))):
            break
        if wb == "ban" and not capital and _ISSUED_RE.match(b, m.end()):
            break  # "… của Ban Thường vụ Tỉnh ủy ban hành ngày 14.12.2020": the verb, not "Ủy ban"
        glued = _glued_at(w)  # a heading in capitals glued to the next sentence ("… BỘ CHÍNH TRỊCăn cứ …")
        words.append(wb[:glued] if glued else wb)
        place_left = max(0, place_left - 1)
        end = m.start() + glued if glued else m.end()
        if glued:
            return " ".join(t[start:end].split()), end
        sp = end
        while sp < len(t) and sp - end < 3 and t[sp] == " ":
            sp += 1
        if sp == end and t.startswith(", ", end):
            nxt = _WORD_RE.match(t, end + 2)
            if nxt and (nxt.group()[0].isupper() or lowercase_head) and _joins_after_comma(
                    words, b[nxt.start():nxt.start() + 30]):
                words.append(",")
                p = end + 2
                continue
        if sp == end:
            break
        p = sp
    while words and words[-1] in ("-", ",", "va"):
        words.pop()
    if not words:
        return None
    end = _end_of(t, start, words)
    return " ".join(t[start:end].split()), end


def _end_of(t: str, start: int, words: list[str]) -> int:
    """Where the last kept word ends (words are consumed in order, separated by spaces or ", ")."""
    pos = start
    for w in words:
        if w == ",":
            pos = t.index(",", pos) + 1
            continue
        m = _WORD_RE.search(t, pos)
        assert m is not None
        pos = m.end()
    return pos


# --- levels ------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def level_of_code(sym: Symbol) -> str | None:
    first = sym.issuer_code.split("-")[0]
    if sym.system == "party":
        for suffix, level in (("TW", "central"), ("TU", "province"), ("HU", "district"), ("QU", "district"),
                              ("TXU", "district"), ("ThU", "district")):
            if first.endswith(suffix):
                return level
        return None
    if first in ("CP", "TTg", "VPCP") or first.startswith(("QH", "UBTVQH")):
        return "central"
    return None


@lru_cache(maxsize=4096)
def level_of_phrase(phrase: str) -> str | None:
    low = base_letters(phrase).lower()
    central = ("trung uong", "bo chinh tri", "ban bi thu", "chinh phu", "thu tuong", "quoc hoi")
    if any(w in low for w in central):
        return "central"
    if "tinh" in low.split() or "thanh pho" in low:
        return "province"
    if any(w in low for w in ("huyen", "quan ", "thi xa", "thi uy")):
        return "district"
    return None


def issuer_fits(sym: Symbol | None, phrase: str | None) -> bool:
    """False when the phrase plainly names another level ("… 35-NQ/TW của Huyện ủy" is the plan's issuer)."""
    if sym is None or phrase is None:
        return True
    a, b = level_of_code(sym), level_of_phrase(phrase)
    return a is None or b is None or a == b
