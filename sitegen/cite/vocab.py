"""Words of citation phrases: type words, issuer-name continuations, Party issuer phrases.

Plain data and small lookups, shared by detection (detect.py) and named forms (aliases.py).
"""

from __future__ import annotations

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

# Lower-case words that continue an issuer name after the given (lower-cased) word.
# Vocabulary key -> the type's name as a type word stands in running text ("quy-dinh" -> "Quy định").
TYPE_NAMES: dict[str, str] = {}
for _word, _key in sorted(TYPE_WORDS.items(), key=lambda kv: len(kv[0])):
    TYPE_NAMES.setdefault(_key, _word[:1].upper() + _word[1:])

_LOC = "tỉnh huyện xã thành quận thị phường"
CONT: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "thường": "vụ trực", "bí": "thư", "tuyên": "giáo", "chính": "trị phủ", "chấp": "hành", "trung": "ương",
    "ủy": "ban xã phường thị", "ban": "nhân", "nhân": "dân", "hội": "đồng nghị", "đồng": "nhân",
    "tổ": "chức quốc",
    "kiểm": "tra", "chỉ": "đạo", "nghị": "lần", "lần": "thứ",
    "thứ": "nhất hai ba tư bốn năm sáu bảy tám chín mười", "mười": "một hai ba bốn lăm năm sáu bảy tám chín",
    "đảng": "bộ ủy đoàn", "tỉnh": "ủy", "huyện": "ủy", "thành": "ủy phố",
    "thị": "ủy xã trấn", "quận": "ủy", "văn": "phòng", "thủ": "tướng", "quốc": "hội phòng", "mặt": "trận",
    "dân": f"vận {_LOC}", "bộ": "tỉnh huyện xã khối", "ubnd": _LOC, "hđnd": _LOC, "ub": _LOC,
    # ministries
    "nội": "vụ", "tư": "pháp", "tài": "chính nguyên", "y": "tế", "công": "an nghệ", "giáo": "dục",
    "xây": "dựng",
    "ngoại": "giao", "thông": "tin", "khoa": "học", "nông": "nghiệp", "truyền": "thông hình", "đào": "tạo",
    "đầu": "tư", "môi": "trường",
}.items()}
ISSUER_STOP = frozenset({"Về", "VỀ", "Và", "Theo", "Thực", "Căn"})
# Names that go on after "và": "Bộ Thông tin và Truyền thông", "Bộ Giáo dục và Đào tạo".
AND_NAMES = frozenset({"bộ thông tin", "bộ giáo dục", "bộ khoa học", "bộ tài nguyên", "bộ nông nghiệp"})

# Type code -> vocabulary key for a symbol with no type words before it (QĐ is ambiguous for Party).
DOC_TYPE_BY_CODE = {
    "NQ": "nghi-quyet", "CT": "chi-thi", "KL": "ket-luan", "QC": "quy-che", "HD": "huong-dan",
    "KH": "ke-hoach", "CTr": "chuong-trinh", "TB": "thong-bao", "TC": "thong-cao", "BC": "bao-cao",
    "TTr": "to-trinh", "ĐA": "de-an", "PA": "phuong-an", "DA": "du-an", "BB": "bien-ban", "CĐ": "cong-dien",
    "TTLT": "thong-tu-lien-tich", "NĐ": "nghi-dinh", "QyĐ": "quy-dinh", "QĐi": "quy-dinh",
    "VBHN": "van-ban-hop-nhat", "GM": "giay-moi", "NQLT": "nghi-quyet-lien-tich", "CV": "cong-van",
}
# Vocabulary key -> Party type code, to infer "Chỉ thị 05 của Bộ Chính trị" = 05-CT/TW.
PARTY_CODE = {
    "nghi-quyet": "NQ", "chi-thi": "CT", "ket-luan": "KL", "quy-dinh": "QĐ", "quyet-dinh": "QĐ",
    "huong-dan": "HD", "ke-hoach": "KH", "chuong-trinh": "CTr", "thong-bao": "TB", "bao-cao": "BC",
    "to-trinh": "TTr", "quy-che": "QC", "de-an": "ĐA", "cong-van": "CV", "thong-tri": "TT",
}
_PARTY_ISSUER_BY_PHRASE = {
    **dict.fromkeys(("bộ chính trị", "ban bí thư", "ban bí thư trung ương", "ban bí thư trung ương đảng",
                     "ban chấp hành trung ương", "ban chấp hành trung ương đảng", "trung ương"), "TW"),
    **dict.fromkeys(("ban thường vụ tỉnh ủy", "tỉnh ủy", "ban chấp hành đảng bộ tỉnh"), "TU"),
    **dict.fromkeys(("ban thường vụ huyện ủy", "huyện ủy", "ban chấp hành đảng bộ huyện"), "HU"),
    **dict.fromkeys(("ban thường vụ thị ủy", "thị ủy"), "TXU"),
    "ban tuyên giáo trung ương": "BTGTW", "ban tuyên giáo tỉnh ủy": "BTGTU",
}
# A commune's or a bloc's Party committee, named with its place: "Đảng ủy xã Khánh Hòa".
_PARTY_ISSUER_PREFIX = (("đảng ủy khối", "ĐUK"), ("ban thường vụ đảng ủy khối", "ĐUK"), ("đảng ủy", "ĐU"),
                        ("ban thường vụ đảng ủy", "ĐU"))


def party_issuer_code(phrase: str | None) -> str | None:
    """Party issuer code a (new-tone, normalized) issuer phrase names, when it names exactly one."""
    if not phrase:
        return None
    low = " ".join(phrase.lower().split())
    if low in _PARTY_ISSUER_BY_PHRASE:
        return _PARTY_ISSUER_BY_PHRASE[low]
    found = [code for prefix, code in _PARTY_ISSUER_PREFIX if low == prefix or low.startswith(prefix + " ")]
    return max(found, key=len) if found else None


_SAME_ISSUER = {"UB": "UBND"}  # the old code of people's committees


def issuer_family(sym: Symbol) -> str:
    """Issuer code for "same issuer" tests in lists ("1200/QĐ-UB" and "44/2005/QĐ-UBND" are one family)."""
    first = sym.issuer_code.split("-")[0]
    return _SAME_ISSUER.get(first, first) if sym.system != "party" else sym.issuer_code
