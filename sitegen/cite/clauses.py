"""What the words around a citation say: its relation (from the verb before it) and its trích yếu (after it).

Relation (issue 14, class 7), read on the text without diacritics:
- căn cứ -> can-cu; thực hiện, triển khai, quán triệt -> thuc-hien; theo hướng dẫn, hướng dẫn thực hiện /
  thi hành -> huong-dan; thay thế -> thay-the; sửa đổi, bổ sung -> sua-doi; bãi bỏ -> bai-bo;
- "ban hành", "xét", "theo đề nghị", "sau đây gọi tắt là", "được thay thế bởi" end a relation: what follows
  is issued, proposed, renamed or the replacing document, not what the text acts on (relation None); so does
  a passive "được"/"bị" before thay thế, sửa đổi, bổ sung, bãi bỏ ("Bị thay thế 88/1998/NĐ-CP", "được sửa
  đổi, bổ sung bởi: 1. …");
- a verb that opens a clause (after the start of a sentence, a line, ";" or ":") governs the whole list
  that follows it ("Căn cứ A; B; C") until the sentence ends or another clause verb comes;
- a verb inside a clause ("… của Chính phủ sửa đổi một số điều của Nghị định số 37/2010/NĐ-CP và …")
  governs what follows it within a few words, up to the next ";".
Everything else is a plain mention (None).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from .shadow import base_letters
from .vocab import TYPE_WORDS

_VERBS = {
    "can cu": "can-cu", "thuc hien": "thuc-hien", "trien khai": "thuc-hien", "quan triet": "thuc-hien",
    "theo huong dan": "huong-dan", "huong dan thuc hien": "huong-dan", "huong dan thi hanh": "huong-dan",
    "thay the": "thay-the", "sua doi": "sua-doi", "bo sung": "sua-doi", "bai bo": "bai-bo",
}
_ENDS = ("ban hanh", "xet", "theo de nghi", "goi tat la", "viet tat la", "duoc thay the boi",
         "thay the boi", "thay cho")
_CUE_RE = re.compile(
    r"(?=[cCtTqQhHsSbBxXgGvV])(?<![\w])(?i:" + "|".join(
        sorted((w.replace(" ", " {1,3}") for w in (*_VERBS, *_ENDS)), key=len, reverse=True)) + r")(?!\w)"
)
_KEY = {re.sub(" ", "", w): r for w, r in _VERBS.items()} | {re.sub(" ", "", w): None for w in _ENDS}
# Where a clause opens: the start of the text, of a line, of a sentence, after ";" or ":" (bullets aside).
# Adverbs and a first verb may stand before the verb at a clause's opening ("Tiếp tục thực hiện …",
# "Nghiêm túc thực hiện chỉ đạo … tại Thông báo số …", "; tiếp tục triển khai thực hiện nghiêm …").
_OPEN_RE = re.compile(
    r"(?:^|\n|[.!?…;:] |\( ?)[ \t\-–+•*>|\d.)]*"
    r"(?:(?i:tiếp tục|nghiêm túc|khẩn trương|tổ chức|triển khai|quán triệt|kịp thời|đồng thời|và) +){0,3}$")
_SENTENCE_END_RE = re.compile(r"[.!?…](?: +(?=[A-ZĐÀ-Ỹ\d“\"(])|\s*\n)|\n\s*\n")
_INNER_WORDS = 6  # an inner verb governs a citation at most this many words after it
_WORD_RE = re.compile(r"\S+")


class Relations:
    """The relation verbs of one text, read once (module docstring); `at(start)` answers for a citation
    starting there. `nfc` keeps the text's line breaks; `b` is the same text without diacritics."""

    def __init__(self, nfc: str, b: str) -> None:
        self._nfc = nfc
        self._sentences = [m.end() for m in _SENTENCE_END_RE.finditer(nfc)]
        # start, end, relation, opens a clause, where its reach ends (-1: the clause's end)
        self._cues: list[tuple[int, int, str | None, bool, int]] = []
        passive_end = -1  # end of the last passive verb ("được sửa đổi, bổ sung": both passive)
        for m in _CUE_RE.finditer(b):
            relation = _KEY[m.group().lower().replace(" ", "")]
            if relation in _ACTS and (_passive(b, m.start()) or (
                    passive_end >= 0 and _CHAIN_RE.fullmatch(b, passive_end, m.start()))):
                relation, passive_end = None, m.end()
            elif relation == "thuc-hien" and _named(nfc, b, m.start()):
                relation = _TOPIC
            left = self._sentence_start(m.start())
            self._cues.append((m.start(), m.end(), relation, _clause_opens(nfc, left, m.start()),
                               _aside_end(nfc, m.start(), m.end())))
        self._starts = [c[0] for c in self._cues]

    def _sentence_start(self, pos: int) -> int:
        k = bisect_right(self._sentences, pos) - 1
        return self._sentences[k] if k >= 0 else 0

    def quiet(self, lo: int, hi: int) -> bool:
        """Whether no relation verb (nor a word that ends one) stands between `lo` and `hi`."""
        k = bisect_left(self._starts, lo)
        return k >= len(self._starts) or self._starts[k] >= hi

    def _opens_title(self, relation: str | None, after: int, cue_start: int, cue_end: int,
                     start: int) -> bool:
        """Whether the verb at `cue_start` opens the trích yếu of the citation ending at `after`, so that it
        says what that document does (rule R c): a thay thế/sửa đổi/bãi bỏ anywhere in it; another verb only
        right after the citation or its issuer phrase, and acting on the one at `start`."""
        if not _TITLE_OPENING_RE.fullmatch(self._nfc, after, cue_start):
            return False
        if relation in _ACTS:
            return True
        near = self._nfc[cue_end:start]
        if "\n" in self._nfc[after:cue_start] and not self._nfc[cue_start].islower():
            return False
        return (_ISSUER_ONLY_RE.fullmatch(self._nfc, after, cue_start) is not None and ";" not in near
                and len(_WORD_RE.findall(near)) <= _INNER_WORDS)

    def at(self, start: int, after: int = -1) -> str | None:
        """The relation of a citation starting at `start`; `after`: where the citation before it in the text
        ends, whose trích yếu a verb right after it begins ("Nghị định số 24/2006/NĐ-CP … của Chính phủ sửa
        đổi, bổ sung một số điều của Nghị định số 57/2002/NĐ-CP": NĐ 24 amends NĐ 57, the text does not)."""
        left = max(self._sentence_start(start), start - 600)
        hi = bisect_left(self._starts, start)
        lo = bisect_left(self._starts, left)
        governing: str | None = None
        inner: tuple[str | None, int] | None = None
        for k in range(hi - 1, lo - 1, -1):  # the nearest verbs first: the last opening one governs
            cue_start, cue_end, relation, opens, reach = self._cues[k]
            if cue_end > start or 0 <= reach < start:
                continue
            if relation == _TOPIC:
                # the citation right after a topic phrase or a name has none; farther ones look past it
                between = self._nfc[cue_end:start]
                if inner is None and ";" not in between and len(_WORD_RE.findall(between)) <= _INNER_WORDS:
                    return None
                continue
            if opens:
                governing = relation
                break
            if inner is None:
                inner = (relation, cue_end)
                if 0 <= after <= cue_start and self._opens_title(relation, after, cue_start, cue_end, start):
                    return None
        if inner is not None:
            between = self._nfc[inner[1]:start]
            if ";" not in between and len(_WORD_RE.findall(between)) <= _INNER_WORDS:
                return inner[0]
            if inner[0] is None and ";" not in between:
                return None
        return governing


_ACTS = frozenset({"thay-the", "sua-doi", "bai-bo"})
# Between a citation and a verb opening its trích yếu: nothing, or its issuer phrase ("Kế hoạch số 248-KH/TU
# ngày 9-8-2019 triển khai thực hiện …", "… của Văn phòng Chính phủ hướng dẫn thi hành …"); not "gắn với", not
# "… của Bộ Chính trị và Kế hoạch thực hiện …".
# A copy's line break may stand before a verb going on in lower case ("… của Văn phòng Chính phủ
# \nhướng dẫn thi hành …").
_ISSUER_ONLY_RE = re.compile(
    r"(?: {1,3}(?i:của)(?:(?! (?i:và) )[^,;:.!?\n]){1,80})?(?: {1,3}| {0,3}\n[ \t]*)")
_TOPIC = "topic"  # a verb in a topic phrase or a document's name (rule R): no relation, not an end either
# Between a citation and a verb that opens its trích yếu: its issuer, a date, "về việc" (no clause break).
_TITLE_OPENING_RE = re.compile(r"(?:[^;:.!?\n]|\n(?![ \t]*\n)){0,80}")  # a copy's line break inside
_PASSIVE_RE = re.compile(r"(?<!\w)(?i:duoc|bi) {1,3}$")
_CHAIN_RE = re.compile(r" {0,3}(?:,|(?i:va)) {0,3}")


_RENAMING = re.compile(r"(?i:\( {0,2}(?:sau day {1,3})?(?:goi|viet) tat la)$")


def _aside_end(nfc: str, start: int, end: int) -> int:
    """Where the reach of a renaming inside parentheses ends: "Thực hiện Kết luận số 48-KL/TW … (gọi tắt là
    Kết luận số 48-KL/TW), Nghị quyết số 35/2023/UBTVQH15 …": the list goes on after the closing
    parenthesis, still governed by "Thực hiện". -1 for every other cue."""
    if _RENAMING.search(base_letters(nfc[max(0, start - 12):end])) is None:
        return -1
    close = nfc.find(")", end, end + 120)
    return close if close >= 0 else -1


def _passive(b: str, pos: int) -> bool:
    """ "đã được thay thế bởi", "Bị thay thế 88/1998/NĐ-CP", "Được sửa đổi 79/2014/QĐ-UBND": the text reports
    what another document did to the one it is about."""
    return _PASSIVE_RE.search(b, max(0, pos - 8), pos) is not None


# Rule R (tests/annotations/real/RELATIONS.md): "về (việc) (tiếp tục) (triển khai) thực hiện …" names what a
# document, body or meeting is about, "Chương trình hành động (của …) thực hiện …", "… kế hoạch hành động thực
# hiện …" name another document and
# "Hội nghị (giao ban việc) quán triệt, triển khai thực hiện …" a meeting: none is what the citing text does.
_TOPIC_RE = re.compile(
    r"(?<!\w)(?:(?i:ve) {1,3}(?:(?i:viec) {1,3})?[“\"]? {0,2}"
    r"|(?i:chuong trinh hanh dong)(?: {1,3}(?i:cua) [^,;:.]{1,60}?)? {1,3}"
    # "Triển khai kế hoạch hành động thực hiện Nghị quyết …": a plan named inside a line (a line that opens
    # with it is the citing plan's own title)
    r"|(?<=\w )(?i:ke hoach hanh dong) {1,3}"
    # a meeting's name: "Hội nghị (trực tuyến toàn quốc) quán triệt và triển khai thực hiện Nghị quyết …"
    r"|(?i:hoi nghi)(?: {1,3}(?i:truc tuyen|toan quoc|giao ban|so ket|tong ket|chuyen de)){0,3} {1,3}"
    r"(?:(?i:viec) {1,3})?(?:(?i:quan triet|trien khai)(?: {0,2},| {1,3}(?i:va)) {1,3})?)"
    r"(?:(?i:tiep tuc|trien khai|to chuc|day manh) {1,3}){0,2}$")


def _named(nfc: str, b: str, pos: int) -> bool:
    """Whether the verb at `pos` is part of a topic phrase or another document's name (rule R c, d), on one
    line."""
    lo = max(0, pos - 90)
    m = _TOPIC_RE.search(b, lo, pos)
    return m is not None and "\n" not in nfc[m.start():pos]


def _clause_opens(nfc: str, left: int, pos: int) -> bool:
    """Whether only bullets, numbering or spaces stand between the clause opening and `pos`."""
    before = nfc[max(left, pos - 40):pos]
    if pos - 40 <= left:
        before = "\n" + before
    m = _OPEN_RE.search(before)
    if m is None:
        return False
    # a copy's line break inside a sentence: the line goes on in lower case after a line that ends without
    # punctuation ("… của Văn phòng Chính phủ\nhướng dẫn thi hành …")
    lo = max(left, pos - 40) + m.start() - (1 if pos - 40 <= left else 0)
    return not (before[m.start():m.start() + 1] == "\n" and nfc[pos].islower() and lo > left
                and nfc[:lo].rstrip(" \t")[-1:].isalnum())


# --- titles ------------------------------------------------------------------------------------------

# What may sit between a citation (with its issuer phrase) and its trích yếu.
_TERM_RE = re.compile(r" {0,3},? {0,3}(?:\( {0,2})?(?i:khoa) {1,3}[IVXLC]{1,6}(?: {0,2}\))?")
_INTRO_RE = re.compile(
    r" {0,3}[,:]? {0,3}(?=(?i:ve|v/v|v/v:)(?!\w)|[“\"]"
    r"|(?:quy dinh|huong dan|sua doi|bo sung|ban hanh|phe duyet|bai bo|thay the)(?!\w))"
)
# A defined short name after a citation: "71-NQ/TW (Nghị quyết 71) của Bộ Chính trị", "(Nghị định 30) về …".
ASIDE_RE = re.compile(r" {0,2}\([^()\n]{1,40}\)")
_QUOTED_RE = re.compile(r"[“\"](?:[^”\"\n]|\n(?![ \t]*\n)){4,300}[”\"]")  # never across a paragraph
# Read on the text without diacritics: the end of the clause, the next item of a list of citations ("… và Kế
# hoạch số 16/KH-HĐTĐKT", "… và chỉ đạo của UBND tỉnh tại văn bản số 238/…").
_TYPES = "|".join(sorted({base_letters(w) for w in TYPE_WORDS} | {"van ban"}, key=len, reverse=True))
_TITLE_END_RE = re.compile(
    r";|(?<![Tt][Pp])[.!?…](?= +[A-Z]|\s*$| *\n)|\n\s*\n"
    # "(sau đây gọi tắt là …)", "(gọi tắt là Kết luận số 48-KL/TW)", "(Chỉ thị 05)"
    rf"| {{0,2}}\( {{0,2}}(?i:sau day|sau nay|goi tat|viet tat|{_TYPES})(?!\w)"
    # the next citation of a list: a type word and its number, not the "của Nghị định số …" a title names
    rf"|(?:,| {{1,3}}(?i:va)) {{1,3}}(?=(?:\S+ {{1,3}}){{0,6}}?(?<!cua )(?i:{_TYPES}) {{1,3}}"
    r"(?:(?i:so) {0,2}:? {0,2})?\d)"
    r"| (?i:va) (?=(?i:duoc|da) )"  # "… và được áp dụng kể từ …"
    r"| (?i:do) (?=(?:\S+ ){1,8}(?i:ban hanh))"  # "… do Ủy ban nhân dân tỉnh Bắc Giang ban hành"
    # "… về công tác văn thư thay thế Nghị định …"
    r"| (?=(?i:thay the|bai bo) (?:\S+ ){0,2}(?i:" + _TYPES + r"))"
)
# Read on the text with its diacritics and line breaks: ", huyện đã kiện toàn …" (the sentence's own clause
# begins), a heading in capitals on the next line ("…\nQUYẾT ĐỊNH:").
_CLAUSE_END_RE = re.compile(
    r", {1,3}(?=(?:[\w()]+ {1,3}){0,6}(?i:đã|sẽ|đang|cần|phải|như sau|ban hành|yêu cầu|cho biết)(?!\w))"
    r"|(?<=\w) (?=(?:đã|sẽ|đang) (?!được))"  # "… ở Trung ương đã đề cập …"
    # a line of its own after the title's line: a list item, a table row, a web page's leftovers
    r"|(?<![-,])[ \t]*\n(?=[ \t]*(?:[-–•+*|]|\d+\s*[.)]?\s*[A-ZĐ]"
    r"|(?:Ngày cập nhật|Cập nhật|Ngày đăng|Xem thêm|Tin liên quan|Chia sẻ)(?!\w)))"
)
_LINE_RE = re.compile(r"\n[ \t]*([^\n]*)")
_MAX_TITLE = 320
_ABOUT_QUOTED_RE = re.compile(r"(?i:ve|v/v:?) {1,3}(?=[“\"])")  # "về “…”"


_BREAK_RE = re.compile(r"\n(?=[ \t]*\n)")  # a blank line: a quotation never crosses it
_CLOSING_RE = re.compile("[”\"]")


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every position where a match of `pattern` starts (what `search` from any position would find)."""
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m.start())
        pos = m.start() + 1
    return out


def _first(starts: list[int], lo: int, hi: int) -> int | None:
    k = bisect_left(starts, lo)
    return starts[k] if k < len(starts) and starts[k] < hi else None


class TitleEnds:
    """Where trích yếu can end in one text, found once, so that each citation's title is a look-up instead of
    a scan of the next few hundred characters (dense citations, capitals: issue 14's linear-time benchmark):
    the clause ends of _TITLE_END_RE (read on `b`) and _CLAUSE_END_RE (on `nfc`), the lines in capitals,
    the quotation marks and the blank lines."""

    def __init__(self, nfc: str, b: str) -> None:
        self.nfc, self.b = nfc, b  # each list below is found on first need: a text may have no title

    @cached_property
    def title_ends(self) -> list[int]:
        return _starts(_TITLE_END_RE, self.b)

    @cached_property
    def clause_ends(self) -> list[int]:
        return _starts(_CLAUSE_END_RE, self.nfc)

    @cached_property
    def capitals(self) -> list[int]:
        lines = _LINE_RE.finditer(self.nfc)
        return [m.start() for m in lines if len(m.group(1)) > 3 and m.group(1).isupper()]

    @cached_property
    def quotes(self) -> list[int]:
        return [m.start() for m in _CLOSING_RE.finditer(self.nfc)]

    @cached_property
    def breaks(self) -> list[int]:
        return [m.start() for m in _BREAK_RE.finditer(self.nfc)]

    def quoted_end(self, start: int) -> int | None:
        """End of the quotation opening at `start` (as _QUOTED_RE.match), None if it is not one."""
        close = _first(self.quotes, start + 1, len(self.nfc))
        if close is None or not 4 <= close - start - 1 <= 300:
            return None
        return None if _first(self.breaks, start + 1, close) is not None else close + 1

    def stop(self, pos: int, limit: int) -> int:
        found = (_first(self.title_ends, pos, limit), _first(self.clause_ends, pos, limit),
                 _first(self.capitals, pos, limit))
        return min((f for f in found if f is not None), default=limit)


def title_after(nfc: str, b: str, end: int, ends: TitleEnds | None = None) -> str | None:
    """The trích yếu written right after a citation ending at `end` (after its issuer phrase and term):
    "về …", "V/v …", a quoted name, or, for legal texts, a clause that starts with its verb ("quy định …",
    "hướng dẫn …", "sửa đổi …"), up to the end of the clause. `ends`: the text's TitleEnds, when it is read
    for many citations."""
    pos = end
    if m := _TERM_RE.match(b, pos):
        pos = m.end()
    if (aside := ASIDE_RE.match(b, pos)) and _INTRO_RE.match(b, aside.end()):
        pos = aside.end()  # "Nghị định 30/2020/NĐ-CP (Nghị định 30) về công tác văn thư"
    intro = _INTRO_RE.match(b, pos)
    if intro is None:
        return None
    pos = intro.end()

    def quoted(start: int) -> int | None:
        if ends is not None:
            return ends.quoted_end(start)
        q = _QUOTED_RE.match(nfc, start)
        return q.end() if q else None

    if nfc[pos] in "“\"":
        q_end = quoted(pos)
        return " ".join(nfc[pos:q_end].split()) if q_end else None
    limit = min(len(b), pos + _MAX_TITLE)
    if (about := _ABOUT_QUOTED_RE.match(b[pos:limit])) and (
            q_end := quoted(pos + about.end())):
        return " ".join(nfc[pos:q_end].split())  # "về “…”": the quoted name ends it
    if ends is not None:
        stop_at = ends.stop(pos, limit)
    else:
        found = (_TITLE_END_RE.search(b, pos, limit), _CLAUSE_END_RE.search(nfc, pos, limit))
        stops = [m.start() for m in found if m]
        stops += [m.start() for m in _LINE_RE.finditer(nfc, pos, limit)  # a heading in capitals
                  if len(m.group(1)) > 3 and m.group(1).isupper()][:1]
        stop_at = min(stops) if stops else limit
    title = " ".join(nfc[pos:stop_at].split()).rstrip(" ,:")
    return title if len(title) > 3 else None
