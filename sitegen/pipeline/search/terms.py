"""Search keys a page carries for Pagefind beside its visible text (pure string code, used by the templates).

Pagefind 1.5 folds diacritics, but "đ" has no Unicode decomposition, so "dang" never reaches "Đảng"; and it
indexes "04-NQ/TU" as "04nqtu" plus its parts, so "4-NQ/TU" and "NQ/TU" find nothing. Each indexed page
therefore gets two hidden metadata fields (metadata is searched since Pagefind 1.5, with a per-field weight
set in the browser):

- ``sym``: the page's own symbol in compact forms: as written, without leading zeros, type and issuer alone
  ("_s04nqtu _s4nqtu _snqtu", and again without the prefix), "đ" folded to "d" (see SYMBOL_PREFIX);
- ``fold``: each distinct word of the page that contains "đ", folded ("Đảng" -> "dang").

- ``keys`` and ``tkeys``: phrase keys, one per page, for the common multi-word terms of the genre (LEXICON):
  "Ủy ban nhân dân" -> "uybannhandan". Pagefind's index lists every position of every word, so at 10,000
  pages a query made of common syllables ("uy ban nhan dan") downloads megabytes; the search page rewrites
  such phrases to their key, whose index entry holds one position per page. `tkeys` are those of the title and
  weigh more. Keys are folded like everything else ("dang bo" -> "dangbo" also finds "Đảng bộ"), and start
  with KEY_PREFIX ("_kuybannhandan"): Pagefind splits its sorted word list into chunks of about 20,000
  positions and a query downloads the chunk its word falls in; keys sort apart from the words of the text
  (see SYMBOL_PREFIX), so a key query's chunk holds other keys (one position per page each), not the
  positions of common words that sort next to "uybannhandan" ("nghị quyết" at 10,000 pages: 660 KB -> 288 KB
  with "zz" keys, bench/README.md).

The search page (search.js) gets LEXICON and ALIASES from the search page, folds "đ" in symbol-like query
words, and rewrites lexicon phrases; see bench/README.md for what each aid costs and saves.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from sitegen.base.vi import PartialDate, strip_marks
from sitegen.cite.symbols import Symbol, parse_symbol

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
NO_DATE = "0000-00-00"  # pages without a date still need a sort key, or Pagefind drops them when sorting


def plain_text(markup: str) -> str:
    """Text of an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub(" ", markup))


def compact(text: str) -> str:
    """ "04/QĐ-UBND" -> "04qdubnd": diacritics and "đ" folded, lower case, only letters and digits."""
    return _NOT_ALNUM.sub("", strip_marks(unicodedata.normalize("NFC", text)).lower())


def _symbol_forms(sym: Symbol) -> list[str]:
    rest = sym.normalized[len(sym.number):] if sym.number else sym.normalized
    forms = [compact(sym.normalized), compact(sym.key), compact(rest)]
    if sym.year is not None:  # "09/2017/NĐ-CP": also "NĐ-CP" alone
        forms.append(compact(rest.split("/", 2)[-1]))
    return forms


# Symbol keys start with SYMBOL_PREFIX, which no word of a text starts with: a symbol query downloads a
# chunk of keys, and a shard that holds no page with the symbol finds nothing. (Pagefind, finding no word
# that starts with a query word, falls back to the longest word that begins it: "04nqtu" absent, it
# searches "04", and every page dated "04/…" came up in the shards that did not hold the document.) "_"
# (kept inside words by Pagefind, as by "\w"; it also indexes the part after it, "s04nqtu", as it does the
# parts of "04-NQ/TU") sorts after the digits and before the letters. Pagefind 1.5 closes an index chunk
# once it holds 20,000 positions, counting only those of words written without diacritics (those of "ủy"
# sit under a variant of "uy" and are not counted): with "zs", the first chunk of symbol keys also held
# the last common words of the alphabet ("uy", "và", "về", "xã", ~400 KB a shard at 10,000 pages),
# downloaded by every symbol query in every shard (and phrase keys, "zz", took that place once symbol keys
# left it). Between the numbers (words without diacritics: counted) and the words, a chunk of keys holds
# keys and at most the last few numbers; the last chunk of keys also holds the first words of "a" until it
# has counted 20,000 positions (~40 KB a shard at 10,000 pages): phrase keys ("_k…") sort before symbol keys
# so that this chunk is one of symbol keys, the last of which are a code alone ("_subndkgvx"), rarely typed;
# with "_z…" phrase keys, "uy ban nhan dan" fetched it in three shards of twelve.
SYMBOL_PREFIX = "_s"
# Possessive runs from a word's start: the backtracking of "[^\W_]+" at every letter of every word took 1 ms
# of a 12 KB body; a symbol is in one whitespace-free word holding "-" or "/", so only those are searched.
_SYMBOL_TOKEN = re.compile(r"(?<![^\W_])[^\W_]++(?:[-/][^\W_]++)+")


@lru_cache(maxsize=1 << 14)
def _forms(number: str) -> tuple[str, ...]:
    sym = parse_symbol(number) if number else None
    return tuple(_symbol_forms(sym)) if sym is not None else (compact(number),) if number else ()


def symbol_keys(number: str) -> str:
    """A document's own symbol in compact forms, as keys (what a symbol query becomes) and as words (what a
    number in a query prefix-matches: "Nghị quyết 04" -> "04nqtu"); "" if it has none."""
    forms = [f for f in _forms(number) if f]
    return " ".join(dict.fromkeys([*(SYMBOL_PREFIX + f for f in forms), *forms]))


def symbols_in(*texts: str | None) -> str:
    """Keys of the symbols a text names ("Nghị quyết số 04-NQ/TU" -> "_s04nqtu _s4nqtu _snqtu"), each once:
    a symbol query finds the pages that cite a document, as it finds the document by its own keys."""
    seen: dict[str, None] = {}
    for text in texts:
        words = [w for w in plain_text(text).split() if "-" in w or "/" in w] if text else ()
        for token in (token for word in words for token in _SYMBOL_TOKEN.findall(word)):
            if any(c.isalpha() for c in token) and any(c.isdigit() for c in token):
                seen.update(dict.fromkeys(SYMBOL_PREFIX + f for f in _forms(token) if f))
    return " ".join(seen)


@lru_cache(maxsize=8)
def _words(text: str) -> tuple[tuple[str, ...], bool]:
    """The words of a text (HTML allowed) as written, found once for a page's folded words and phrase keys
    (a body is given to both), and whether each folds alone (_FOLDS_ALONE: no character outside it)."""
    plain = plain_text(text)
    return tuple(_WORD.findall(plain)), _FOLDS_ALONE.search(plain) is None


def folded_words(*texts: str) -> str:
    """Distinct words containing "đ"/"Đ" (HTML allowed), folded, in order of first appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        found, alone = _words(text) if text else ((), True)
        words = [w for w in found if "đ" in w or "Đ" in w]
        if words and alone:  # each word folded once per process (_folded_syllables)
            seen.update(dict.fromkeys(map(_FOLDED.__getitem__, words)))
        elif words:  # folded together: one pass, and folding keeps the spaces between them
            seen.update(dict.fromkeys(strip_marks(" ".join(words)).lower().split(" ")))
    return " ".join(seen)


# Multi-word terms of Party and state documents (and province names), as written; matched folded.
LEXICON: tuple[str, ...] = (
    # kinds of documents
    "nghị quyết", "chỉ thị", "kết luận", "quy định", "quyết định", "quy chế", "hướng dẫn", "kế hoạch",
    "chương trình", "đề án", "thông báo", "thông cáo", "thông tri", "báo cáo", "tờ trình", "công văn",
    "công điện", "nghị định", "thông tư", "thông tư liên tịch", "pháp lệnh", "văn bản", "số ký hiệu",
    # bodies and offices
    "ủy ban nhân dân", "hội đồng nhân dân", "ban chấp hành", "ban thường vụ", "thường trực", "ban bí thư",
    "bộ chính trị", "ban tuyên giáo", "ban tổ chức", "ban dân vận", "ban nội chính", "ủy ban kiểm tra",
    "mặt trận tổ quốc", "tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "đảng bộ",
    "chi bộ", "cấp ủy", "trung ương", "chính phủ", "quốc hội", "thủ tướng", "văn phòng", "đảng ủy khối",
    "đoàn thanh niên", "hội liên hiệp phụ nữ", "hội nông dân", "hội cựu chiến binh", "công đoàn",
    "liên đoàn lao động", "sở nội vụ", "thông tin và truyền thông", "công an", "quân sự", "tòa án",
    "viện kiểm sát", "kho bạc", "trung tâm chính trị", "cơ quan", "đơn vị", "tổ chức cơ sở đảng",
    "hệ thống chính trị", "chính quyền", "đoàn thể", "chính trị xã hội",
    # people
    "bí thư", "phó bí thư", "chủ tịch", "phó chủ tịch", "giám đốc", "trưởng ban", "phó trưởng ban",
    "cán bộ", "đảng viên", "công chức", "viên chức", "người lao động", "nhân dân", "đồng chí", "hội viên",
    "đoàn viên", "người đứng đầu",
    # subjects
    "chuyển đổi số", "cải cách hành chính", "công tác tư tưởng", "tư tưởng", "xây dựng đảng",
    "kinh tế xã hội", "quốc phòng", "an ninh", "nông thôn mới", "tham nhũng", "lãng phí", "tiêu cực",
    "tuyên truyền", "giáo dục", "đào tạo", "bồi dưỡng", "văn hóa", "du lịch", "y tế", "môi trường",
    "khoa học", "công nghệ", "công nghệ thông tin", "an sinh xã hội", "dân vận", "kiểm tra", "giám sát",
    "thi đua", "khen thưởng", "kỷ luật", "học tập", "làm theo", "đạo đức", "phong cách",
    "lý luận chính trị", "chính trị", "nền tảng tư tưởng", "đại hội", "nhiệm kỳ", "hội nghị", "sơ kết",
    "tổng kết", "đầu tư", "ngân sách", "tài chính", "đất đai", "xây dựng", "phát triển", "lãnh đạo",
    "chỉ đạo", "triển khai", "thực hiện", "tổ chức thực hiện", "mục đích", "yêu cầu", "nhiệm vụ",
    "giải pháp", "trên địa bàn", "quán triệt", "nâng cao", "chất lượng", "hiệu quả", "tăng cường",
    "đổi mới", "phòng chống", "dịch bệnh", "thanh niên", "phụ nữ", "nông dân", "doanh nghiệp",
    "kinh tế", "xã hội", "tình hình", "báo chí", "thông tin", "mạng xã hội", "dư luận",
    # provinces and cities
    "hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "hà nam", "nam định", "thái bình",
    "ninh bình", "hưng yên", "hải dương", "bắc ninh", "vĩnh phúc", "bắc giang", "quảng ninh", "lạng sơn",
    "cao bằng", "hà giang", "tuyên quang", "lào cai", "yên bái", "thái nguyên", "bắc kạn", "phú thọ",
    "điện biên", "lai châu", "sơn la", "hòa bình", "thanh hóa", "nghệ an", "hà tĩnh", "quảng bình",
    "quảng trị", "thừa thiên huế", "quảng nam", "quảng ngãi", "bình định", "phú yên", "khánh hòa",
    "ninh thuận", "bình thuận", "kon tum", "gia lai", "đắk lắk", "đắk nông", "lâm đồng", "bình phước",
    "tây ninh", "bình dương", "đồng nai", "bà rịa vũng tàu", "long an", "tiền giang", "bến tre",
    "trà vinh", "vĩnh long", "đồng tháp", "an giang", "kiên giang", "hậu giang", "sóc trăng",
    "bạc liêu", "cà mau",
)
# Abbreviations that stand for a lexicon phrase (folded abbreviation -> phrase).
ALIASES: dict[str, str] = {
    "ubnd": "ủy ban nhân dân", "hdnd": "hội đồng nhân dân", "mttq": "mặt trận tổ quốc",
    "bch": "ban chấp hành",
    "btv": "ban thường vụ", "cntt": "công nghệ thông tin", "tphcm": "hồ chí minh",
    "cchc": "cải cách hành chính",
}


def _syllables(text: str) -> list[str]:
    return _WORD.findall(strip_marks(text).lower())  # folding the whole text at once: one C pass


def _fold_alone(char: str) -> bool:
    """Does `char` fold on its own, into characters of its kind? Then a text made of such characters folds
    word by word: its folded words are its words folded one by one (strip_marks maps it character by
    character: Latin, no combining mark to reorder or drop; "\\w" or not, as before folding, never empty)."""
    decomposed = unicodedata.normalize("NFD", char)
    folded = strip_marks(char).lower()
    word = _WORD.fullmatch(char) is not None
    return (_LATIN.fullmatch(decomposed) is not None and not unicodedata.combining(decomposed[0])
            and folded != "" and all((_WORD.fullmatch(c) is not None) == word for c in folded))


_LATIN = re.compile("[\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]+")  # strip_marks' fast path
_FOLDS_ALONE = re.compile("[^" + "".join(re.escape(c) for start, end in ((0, 0x250), (0x1E00, 0x1F00),
                                                                         (0x2000, 0x2070))
                                         for c in map(chr, range(start, end)) if _fold_alone(c)) + "]")


class _Folded(dict[str, str]):
    """Words folded, each once (the words of a site are few): looked up at C speed, made when missing."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 1 << 16:
            self.clear()
        folded = self[word] = strip_marks(word).lower()
        return folded


_FOLDED = _Folded()


def _folded_syllables(text: str) -> list[str]:
    """The syllables of a text (HTML allowed), folded: `_syllables(plain_text(text))`, word by word from the
    words found once (_words) when every character folds alone."""
    words, alone = _words(text)
    return list(map(_FOLDED.__getitem__, words)) if alone else _syllables(plain_text(text))


KEY_PREFIX = "_k"  # before SYMBOL_PREFIX: between the numbers and the words (see there)
_PHRASES: dict[tuple[str, ...], str] = {tuple(_syllables(p)): KEY_PREFIX + compact(p) for p in LEXICON}
_ALIAS_KEYS = {alias: KEY_PREFIX + compact(phrase) for alias, phrase in ALIASES.items()}
_BY_PAIR: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}  # first two syllables -> phrases
for _phrase, _key in _PHRASES.items():
    _BY_PAIR.setdefault(_phrase[:2], []).append((_phrase, _key))


def phrase_keys(*texts: str | None) -> str:
    """Keys of the lexicon phrases (and aliases) found in the texts (HTML allowed), each once, in order of
    first appearance. A phrase is looked for only when its first two syllables occur side by side: where
    they first do, and further on (a search of the joined syllables) only if it is not there."""
    seen: dict[str, None] = {}
    for text in texts:
        words = _folded_syllables(text) if text else []
        if not words:
            continue
        # each pair of syllables -> where it first occurs (the last value given to a key stays: reversed)
        first = dict(zip(zip(words[-2::-1], words[:0:-1], strict=True), range(len(words) - 2, -1, -1),
                         strict=True))
        found = [(words.index(w), 0, _ALIAS_KEYS[w]) for w in _ALIAS_KEYS.keys() & set(words)]
        joined = ""
        for pair in first.keys() & _BY_PAIR.keys():
            for phrase, key in _BY_PAIR[pair]:
                at = first[pair]
                if len(phrase) > 2 and tuple(words[at:at + len(phrase)]) != phrase:
                    joined = joined or " " + " ".join(words) + " "
                    if (pos := joined.find(" " + " ".join(phrase) + " ")) < 0:
                        continue
                    at = joined.count(" ", 0, pos)  # the syllable it starts at
                found.append((at, len(phrase), key))
        seen.update(dict.fromkeys(key for _, _, key in sorted(found)))
    return " ".join(seen)


def text_keys(*texts: str | None) -> str:
    """The keys of a text: its lexicon phrases, then the symbols it names."""
    return " ".join(k for k in (phrase_keys(*texts), symbols_in(*texts)) if k)


def lexicon_for_browser() -> dict[str, object]:
    """What search.js needs to rewrite queries: folded phrases, folded aliases -> keys, the keys' prefixes."""
    return {"phrases": sorted(" ".join(p) for p in _PHRASES), "aliases": dict(sorted(_ALIAS_KEYS.items())),
            "key_prefix": KEY_PREFIX, "symbol_prefix": SYMBOL_PREFIX}


def date_key(date: PartialDate | None) -> str:
    """Sort key "2021-03-06"; unknown month or day count as 00, no date as 0000-00-00."""
    if date is None:
        return NO_DATE
    return f"{date.year:04d}-{date.month or 0:02d}-{date.day or 0:02d}"
