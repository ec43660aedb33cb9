"""Upper-case header lines to the case front-matter uses: "HUYỆN ỦY KIM BẢNG" -> "Huyện ủy Kim Bảng".

Official headers print the issuing body, the signing authority and the position in capitals. Front-matter
wants them as written in running text. Known phrases carry their own capitals ("Ban Thường vụ", "Phó Bí
thư"); words after a level word ("tỉnh", "huyện"…) or after "Huyện ủy"/"Đảng ủy" are a place name and get
a capital on each word; everything else is lower case. Unknown names can come out wrong, so the report
asks the editor to check every field converted here.
"""

from __future__ import annotations

import re
import unicodedata

from sitegen.base.vi import collapse_spaces, unify_tones

from .text import is_upper

# Phrase (lower case, old-style tones unified) -> how it is written; mode after it:
# "name": following unknown words are a proper name; "cap": the next unknown word gets a capital.
_PHRASES: dict[str, tuple[str, str]] = {}


def _add(mode: str, *phrases: str) -> None:
    for phrase in phrases:
        _PHRASES[unify_tones(phrase.lower())] = (phrase, mode)


_add("normal", "Ban Thường vụ", "Thường vụ", "Ban Chấp hành", "Ban Tuyên giáo", "Ban Tổ chức", "Ban Dân vận",
     "Ban Tuyên giáo và Dân vận", "Ban Nội chính", "Ban Chỉ đạo", "Ban Bí thư", "Bộ Chính trị",
     "Ủy ban Kiểm tra", "Văn phòng", "Trung tâm Chính trị", "Ủy ban nhân dân", "Hội đồng nhân dân",
     "Ủy ban Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc", "Đảng bộ", "Chi bộ", "Trung ương", "Khối",
     "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Phó Trưởng ban", "Giám đốc",
     "Phó Giám đốc", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Trưởng phòng", "Phó Trưởng phòng",
     "Thường trực", "Ủy viên", "Chủ nhiệm", "Phó Chủ nhiệm", "Tổng Biên tập", "Phó Tổng Biên tập",
     "Đảng Cộng sản Việt Nam", "Nhân dân")
_add("name", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Thị ủy", "Quận ủy", "Đảng ủy",
     "tỉnh", "huyện", "xã", "thành phố", "thị xã", "thị trấn", "quận", "phường")
_add("cap", "Sở", "Phòng", "Ban", "Bộ", "Cục", "Chi cục", "Trường", "Hội")
_ACRONYMS = frozenset({"UBND", "HĐND", "MTTQ", "TW", "TƯ", "UBKT", "BCH", "BTV", "VP", "CP", "TP", "TX", "TT",
                       "TTg", "QH", "VH", "LLCT", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})
_MAX_PHRASE = max(len(p.split()) for p in _PHRASES)
_EDGE_PUNCT_RE = re.compile(r"^(\W*)(.*?)(\W*)$")


def _key(word: str) -> str:
    return unify_tones(word.strip(",.;:()\"'“”").lower())


def _cap(word: str) -> str:
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1 :]
    return word


def _with_edges(original: str, cased: str) -> str:
    """Keep the punctuation around a word ("THAO," -> "thao,")."""
    m = _EDGE_PUNCT_RE.match(original)
    assert m is not None
    return m.group(1) + cased + m.group(3)


def organ_case(text: str) -> str:
    """Case an upper-case name of a body or a position; text not in capitals is returned as written."""
    text = collapse_spaces(text)
    if not is_upper(text):
        return text
    words = text.split(" ")
    keys = [_key(w) for w in words]
    out: list[str] = []
    mode = "normal"
    i = 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            found = _PHRASES.get(" ".join(keys[i : i + size]))
            if found:
                cased, mode = found[0].split(" "), found[1]
                out.extend(_with_edges(w, c) for w, c in zip(words[i : i + size], cased, strict=True))
                i += size
                break
        else:
            word = words[i]
            core = _EDGE_PUNCT_RE.match(word).group(2)  # type: ignore[union-attr]
            if core in _ACRONYMS or (core.isupper() and not any(c in "AĂÂEÊIOÔƠUƯY" for c in _base(core))):
                out.append(word)
            elif mode == "name":
                out.append(_cap(word.lower()))
            elif mode == "cap":
                out.append(_cap(word.lower()))
                mode = "normal"
            else:
                out.append(word.lower())
            i += 1
    return _cap(" ".join(out))


def _base(word: str) -> str:
    """Letters without marks: a capitalized token with no vowel ("HĐND", "BCH") is an acronym."""
    return "".join(c for c in unicodedata.normalize("NFD", word.upper()) if not unicodedata.combining(c))


_AUTHORITY_RE = re.compile(r"^(T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.|THAY MẶT|KÝ THAY|THỪA LỆNH|THỪA ỦY "
                           r"QUYỀN)\s*(.*)$",
                           re.IGNORECASE)


def authority_case(text: str) -> str:
    """"T/M BAN THƯỜNG VỤ" -> "T/M Ban Thường vụ"; "KT. CHỦ TỊCH" -> "KT. Chủ tịch"."""
    text = collapse_spaces(text)
    m = _AUTHORITY_RE.match(text)
    if not m:
        return organ_case(text)
    prefix, rest = m.group(1).upper(), m.group(2)
    return f"{prefix} {organ_case(rest)}".strip() if rest else prefix


def is_authority(text: str) -> bool:
    return _AUTHORITY_RE.match(collapse_spaces(text)) is not None and len(text) < 120


def person_case(text: str) -> str:
    """"NGUYỄN MẠNH TUẤN" -> "Nguyễn Mạnh Tuấn"; a name not in capitals is kept."""
    text = collapse_spaces(text)
    if not is_upper(text):
        return text
    return " ".join(_cap(w.lower()) for w in text.split(" "))


def sentence_case(text: str) -> str:
    """An all-capitals sentence to lower case with a capital first letter (proper names are lost)."""
    return _cap(text.lower()) if is_upper(text) else _cap(text)
