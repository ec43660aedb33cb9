"""Words of citation phrases: type words, type codes, Party issuer phrases.

Plain data and small lookups, shared by detection (detect.py) and named forms (aliases.py).
"""

from __future__ import annotations

from functools import lru_cache

from .shadow import base_letters, normalize_text
from .symbols import Symbol

TYPE_WORDS: dict[str, str] = {
    "nghị quyết": "nghi-quyet", "nghị quyết liên tịch": "nghi-quyet-lien-tich", "chỉ thị": "chi-thi",
    "kết luận": "ket-luan", "quy định": "quy-dinh", "quyết định": "quyet-dinh", "quy chế": "quy-che",
    "hướng dẫn": "huong-dan", "kế hoạch": "ke-hoach", "chương trình": "chuong-trinh",
    "chương trình hành động": "chuong-trinh", "thông báo": "thong-bao", "thông báo kết luận": "thong-bao",
    "thông cáo": "thong-cao", "thông tri": "thong-tri", "báo cáo": "bao-cao", "tờ trình": "to-trinh",
    "đề án": "de-an", "phương án": "phuong-an", "dự án": "du-an", "biên bản": "bien-ban",
    "công văn": "cong-van", "công điện": "cong-dien", "nghị định": "nghi-dinh", "thông tư": "thong-tu",
    "thông tư liên tịch": "thong-tu-lien-tich", "luật": "luat", "bộ luật": "luat", "pháp lệnh": "phap-lenh",
    "văn bản hợp nhất": "van-ban-hop-nhat", "giấy mời": "giay-moi",
}

# Vocabulary key -> the type's name as a type word stands in running text ("quy-dinh" -> "Quy định").
TYPE_NAMES: dict[str, str] = {}
for _word, _key in sorted(TYPE_WORDS.items(), key=lambda kv: len(kv[0])):
    TYPE_NAMES.setdefault(_key, _word[:1].upper() + _word[1:])

# Type code -> vocabulary key for a symbol with no type words before it (QĐ is ambiguous for Party).
DOC_TYPE_BY_CODE = {
    "NQ": "nghi-quyet", "CT": "chi-thi", "KL": "ket-luan", "QC": "quy-che", "HD": "huong-dan",
    "KH": "ke-hoach", "CTr": "chuong-trinh", "TB": "thong-bao", "TC": "thong-cao", "BC": "bao-cao",
    "TTr": "to-trinh", "ĐA": "de-an", "PA": "phuong-an", "DA": "du-an", "BB": "bien-ban", "CĐ": "cong-dien",
    "TTLT": "thong-tu-lien-tich", "NĐ": "nghi-dinh", "QyĐ": "quy-dinh", "QĐi": "quy-dinh",
    "VBHN": "van-ban-hop-nhat", "GM": "giay-moi", "NQLT": "nghi-quyet-lien-tich", "CV": "cong-van",
    "PL": "phap-lenh",
}
# Vocabulary key -> Party type code, to infer "Chỉ thị 05 của Bộ Chính trị" = 05-CT/TW.
PARTY_CODE = {
    "nghi-quyet": "NQ", "chi-thi": "CT", "ket-luan": "KL", "quy-dinh": "QĐ", "quyet-dinh": "QĐ",
    "huong-dan": "HD", "ke-hoach": "KH", "chuong-trinh": "CTr", "thong-bao": "TB", "bao-cao": "BC",
    "to-trinh": "TTr", "quy-che": "QC", "de-an": "ĐA", "cong-van": "CV", "thong-tri": "TT",
}
_CENTRAL = ("bo chinh tri", "ban bi thu", "ban chap hanh trung uong", "trung uong dang", "trung uong")
_PARTY_ISSUER_BY_PHRASE = {
    **dict.fromkeys(("ban thuong vu tinh uy", "tinh uy", "ban chap hanh dang bo tinh", "thuong truc tinh uy"),
                    "TU"),
    **dict.fromkeys(("ban thuong vu huyen uy", "huyen uy", "ban chap hanh dang bo huyen"), "HU"),
    **dict.fromkeys(("ban thuong vu thi uy", "thi uy"), "TXU"),
    "ban tuyen giao trung uong": "BTGTW", "ban tuyen giao tinh uy": "BTGTU",
    "ban to chuc trung uong": "BTCTW", "ban to chuc tinh uy": "BTCTU",
}
# A commune's or a bloc's Party committee, named with its place: "Đảng ủy xã Khánh Hòa".
_PARTY_ISSUER_PREFIX = (("dang uy khoi", "ĐUK"), ("ban thuong vu dang uy khoi", "ĐUK"), ("dang uy", "ĐU"),
                        ("ban thuong vu dang uy", "ĐU"))


@lru_cache(maxsize=4096)
def party_issuer_code(phrase: str | None) -> str | None:
    """Party issuer code an issuer phrase names, when it names exactly one: "Bộ Chính trị", "bộ chính trị,
    ban bí thư" -> TW; "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Hà Giang" -> TU; "Đảng ủy xã Khánh Hòa" -> ĐU."""
    if not phrase:
        return None
    words = normalize_text(phrase).replace(",", " ").split()
    low = base_letters(" ".join(words)).lower()
    if low in _PARTY_ISSUER_BY_PHRASE:
        return _PARTY_ISSUER_BY_PHRASE[low]
    if low.startswith(_CENTRAL) or (low.startswith("hoi nghi") and "trung uong" in low):
        return "TW"
    for prefix, code in _PARTY_ISSUER_BY_PHRASE.items():  # with the place: "Tỉnh ủy Hà Giang"
        n = len(prefix.split())
        if code in ("TU", "HU", "TXU") and low.startswith(prefix + " ") and all(
                w[0].isupper() for w in words[n:]):
            return code
    found = [code for prefix, code in _PARTY_ISSUER_PREFIX if low == prefix or low.startswith(prefix + " ")]
    return max(found, key=len) if found else None


_SAME_ISSUER = {"UB": "UBND"}  # the old code of people's committees


def issuer_family(sym: Symbol) -> str:
    """Issuer code for "same issuer" tests in lists ("1200/QĐ-UB" and "44/2005/QĐ-UBND" are one family)."""
    first = sym.issuer_code.split("-")[0]
    return _SAME_ISSUER.get(first, first) if sym.system != "party" else sym.issuer_code
