"""The parts of an official document around its body: the header and the closing block.

Header (Nghị định 30/2020/NĐ-CP Phụ lục I; Hướng dẫn 36-HD/VPTW): issuing body lines (parent, issuer), the
motto lines, "Số" and symbol, place and date, the type line ("HƯỚNG DẪN") and the trích yếu under it. A Word
export puts the two header columns one after the other in any order, so lines are recognized by what they
are, not where they are. Closing block: "Nơi nhận" with its list, and the signature (T/M, KT., TL. lines,
position, name) before or after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.base.vi import PartialDate, collapse_spaces, strip_marks, unify_tones
from sitegen.cite.dates import parse_vn_date
from sitegen.cite.detect import TYPE_WORDS
from sitegen.cite.shadow import normalize_text
from sitegen.cite.symbols import SYMBOL_PATTERN, parse_symbol

from .casing import authority_case, is_authority, organ_case, person_case, sentence_case
from .text import is_rule, is_upper, plain

_MOTTOS = {"dangcongsanvietnam": "party", "conghoaxahoichunghiavietnam": "state",
           "doclaptudohanhphuc": "state"}
_TYPE_KEYS = {unify_tones(k): v for k, v in TYPE_WORDS.items()}
_NUMBER_RE = re.compile(r"^số\s*:?\s*(.*)$", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(r"^(?:(?P<place>[^,]{1,60}?)\s*,\s*)?(?P<date>ngày\b.*)$", re.IGNORECASE)
_VV_RE = re.compile(r"^V/v\s*:?\s*(.+)$", re.IGNORECASE)
_MARKS = ("mật", "tối mật", "tuyệt mật", "khẩn", "thượng khẩn", "hỏa tốc", "dự thảo", "(dự thảo)")
_LEVEL_START_RE = re.compile(r"^(TỈNH|HUYỆN|XÃ|THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|QUẬN|PHƯỜNG)\b(?!\s+[UỦ][YỶ]\b)")
_FINAL_RE = re.compile(r"[.;:]$")
_RECIPIENTS_RE = re.compile(r"^nơi\s+nhận\s*:?\s*(.*)$", re.IGNORECASE)
_ITEM_RE = re.compile(r"^[-+•–]\s*")
_SIGNED_RE = re.compile(r"^[(\[].*[)\]]$|^(đã\s+ký|ký\s+tên)", re.IGNORECASE)
_NAME_RE = re.compile(r"^[^\W\d_][^\d]{2,60}$")
_PAREN_END_RE = re.compile(r",?\s*\(([^()]+)\)$")
_SECTION_RE = re.compile(r"^([IVXL]{1,6}|\d{1,2})\.\s")
_SYMBOL_RE = re.compile(SYMBOL_PATTERN)


def compact_symbols(text: str) -> str:
    """"Nghị quyết số 04 - NQ/TU" -> "Nghị quyết số 04-NQ/TU" (spaces inside a symbol are export noise)."""
    shadow = normalize_text(text)
    if len(shadow) != len(text):
        return text
    out, pos = [], 0
    for m in _SYMBOL_RE.finditer(shadow):
        out += [text[pos : m.start()], re.sub(r"\s+", "", text[m.start() : m.end()])]
        pos = m.end()
    return "".join(out) + text[pos:]


def _letters_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", strip_marks(text).lower())


def type_key(text: str) -> str | None:
    """Vocabulary key of a type line ("HƯỚNG DẪN" -> "huong-dan"), None if it is not one."""
    return _TYPE_KEYS.get(unify_tones(collapse_spaces(text).lower()))


@dataclass
class Header:
    organ_lines: list[str] = field(default_factory=list)
    parent: str | None = None
    issuer: str | None = None
    system: str | None = None  # from the motto: "party" | "state"
    number: str | None = None
    number_raw: str | None = None
    place: str | None = None
    date: PartialDate | None = None
    date_raw: str | None = None
    type_key: str | None = None
    type_raw: str | None = None
    title: str | None = None
    marks: list[str] = field(default_factory=list)  # "MẬT", "DỰ THẢO"…
    unknown: list[str] = field(default_factory=list)  # header lines not understood (left out of the body)


def looks_like_header(lines: list[str], window: int = 15) -> bool:
    """True when the first lines carry an official document header (motto, number, date line or type)."""
    seen = 0
    for line in lines:
        p = plain(line)
        if not p or is_rule(p):
            continue
        seen += 1
        if seen > window:
            break
        if _letters_key(p) in _MOTTOS or _number(p) or _place_date(p) or (is_upper(p) and type_key(p)):
            return True
    return False


def _number(text: str) -> tuple[str, str, str] | None:
    """("Số 12 - HD/HU" -> (normalized, as written, rest of the line)), the longest prefix that parses."""
    m = _NUMBER_RE.match(text)
    if not m:
        return None
    words = m.group(1).split()
    for k in range(min(len(words), 8), 0, -1):
        raw = " ".join(words[:k])
        sym = parse_symbol(raw)
        if sym is not None:
            return sym.normalized, raw, " ".join(words[k:])
    return None


def _place_date(text: str) -> tuple[str | None, PartialDate, str] | None:
    m = _PLACE_DATE_RE.match(text)
    if not m:
        return None
    parsed = parse_vn_date(m.group("date").rstrip(" ."))
    if parsed is None:
        return None
    year, month, day = parsed
    place = m.group("place")
    return (person_case(place) if place else None), PartialDate(year, month, day), m.group("date")


def parse_header(lines: list[str]) -> tuple[Header, int]:
    """Read the header from the top of `lines`; return it and the index of the first body line."""
    h = Header()
    i, n = 0, len(lines)
    while i < n:
        p = plain(lines[i])
        if not p or is_rule(p):
            i += 1
            continue
        if _letters_key(p) in _MOTTOS:
            h.system = h.system or _MOTTOS[_letters_key(p)]
        elif number := _number(p):
            h.number, h.number_raw, rest = number
            if rest and (pd := _place_date(rest)):
                h.place, h.date, h.date_raw = pd
        elif pd := _place_date(p):
            h.place, h.date, h.date_raw = pd
        elif vv := _VV_RE.match(p):
            h.title, i = _continue_title(["V/v " + vv.group(1)], lines, i + 1)  # công văn keep "V/v"
            continue
        elif is_upper(p) and (key := type_key(p)):
            h.type_key, h.type_raw = key, p
            return h, _read_title(h, lines, i + 1)
        elif unify_tones(p.lower()) in _MARKS:
            h.marks.append(p)
        elif is_upper(p) and len(p) <= 100 and not (h.number and h.date) and not _SECTION_RE.match(p):
            h.organ_lines.append(p)
        elif len(p) <= 100 and not _FINAL_RE.search(p) and not h.title and _before_body(lines, i):
            h.unknown.append(p)
        else:
            break
        i += 1
    _set_organs(h)
    return h, i


def _before_body(lines: list[str], i: int) -> bool:
    """A short unknown line still belongs to the header when a header line follows it closely."""
    ahead = [plain(x) for x in lines[i + 1 : i + 8] if plain(x)]
    return any(_number(p) or _place_date(p) or (is_upper(p) and type_key(p)) for p in ahead)


def _read_title(h: Header, lines: list[str], i: int) -> int:
    """The trích yếu: the first line after the type line, if it reads as one (no ".", ";" or ":" at its
    end); then the lines that continue it. Returns where the body starts."""
    n = len(lines)
    _set_organs(h)
    while i < n and (not lines[i].strip() or is_rule(plain(lines[i]))):
        i += 1
    first = plain(lines[i]) if i < n else ""
    if first and not _FINAL_RE.search(first) and len(first) <= 500:
        h.title, i = _continue_title([first], lines, i + 1)
    return i


def _continue_title(parts: list[str], lines: list[str], i: int) -> tuple[str, int]:
    """Join a trích yếu wrapped over several lines: the next line starts in lower case, or, in an export
    whose paragraphs are separated by blank lines, it follows with no blank line between."""
    n = len(lines)
    blank_separated = 3 * sum(1 for line in lines[:400] if not line.strip()) >= min(len(lines), 400)
    for _ in range(3):  # a trích yếu is a few lines at most
        j = i
        while j < n and not lines[j].strip():
            j += 1
        nxt = plain(lines[j]) if j < n else ""
        wrapped = nxt[:1].islower() or (blank_separated and j == i and nxt[:1].isupper() and not is_upper(nxt)
                                        and not _FINAL_RE.search(nxt))
        if not (nxt and wrapped and not _FINAL_RE.search(parts[-1])
                and sum(map(len, parts)) + len(nxt) <= 500):
            break
        parts.append(nxt)
        i = j + 1
    title = collapse_spaces(" ".join(p for p in parts if not is_rule(p)))
    return compact_symbols(sentence_case(title)), i


def _set_organs(h: Header) -> None:
    """Organ lines -> parent and issuer. A line starting with a level word continues the one above it
    ("ỦY BAN NHÂN DÂN" / "HUYỆN HỚN QUẢN"); otherwise the last line is the issuer, the first the parent."""
    merged: list[str] = []
    for line in h.organ_lines:
        if merged and (_LEVEL_START_RE.match(line) or line.split()[0] in ("VÀ", "CÁC", "&")):
            merged[-1] += " " + line
        else:
            merged.append(line)
    if merged:
        h.issuer = organ_case(merged[-1])
        if len(merged) > 1:
            h.parent = organ_case(merged[0])
        for middle in merged[1:-1]:
            h.unknown.append(middle)


# --- closing block -----------------------------------------------------------------------------------


@dataclass
class Signer:
    on_behalf: str | None
    position: str | None
    name: str | None


@dataclass
class Tail:
    body_end: int
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    unknown: list[str] = field(default_factory=list)


def parse_tail(lines: list[str], start: int) -> Tail:
    """Find "Nơi nhận" and the signature after `start`; the body ends where the first of them begins."""
    at = next((k for k in range(len(lines) - 1, start - 1, -1) if _RECIPIENTS_RE.match(plain(lines[k]))),
              None)
    if at is None:
        sig_start, signer = _signature_before(lines, len(lines), start)
        return Tail(sig_start, signer=signer)
    tail = Tail(at)
    first = _RECIPIENTS_RE.match(plain(lines[at])).group(1)  # type: ignore[union-attr]
    if first:
        tail.recipients.append(_recipient(first))
    k = at + 1
    after: list[str] = []
    while k < len(lines):
        p = plain(lines[k])
        if p and _ITEM_RE.match(p) and not after:
            tail.recipients.append(_recipient(_ITEM_RE.sub("", p)))
        elif p:
            after.append(lines[k])
        k += 1
    if after:
        tail.signer = _signer(after, strict=False)
        if tail.signer is None:
            tail.unknown.extend(plain(x) for x in after)
    else:
        sig_start, tail.signer = _signature_before(lines, at, start)
        tail.body_end = sig_start
    tail.recipients = [r for r in tail.recipients if r]
    return tail


def _recipient(text: str) -> str:
    """"Ban Tuyên giáo Tỉnh ủy, (Báo cáo)" -> "Ban Tuyên giáo Tỉnh ủy (báo cáo)"; "Lưu: VT." -> "Lưu: VT"."""
    text = collapse_spaces(text).rstrip(" ,;.")
    m = _PAREN_END_RE.search(text)
    if m:
        inner = m.group(1)
        if len(inner) > 1 and inner[0].isupper() and inner[1].islower():
            inner = inner[0].lower() + inner[1:]
        text = f"{text[: m.start()].rstrip(' ,;')} ({inner})"
    return text


def _signature_before(lines: list[str], end: int, start: int) -> tuple[int, Signer | None]:
    """A signature block ending at `end`: up to six short lines, the last a name."""
    k = end
    block: list[int] = []
    while k > start and len(block) < 7:
        k -= 1
        p = plain(lines[k])
        if not p:
            continue
        if len(p) > 80 or _FINAL_RE.search(p) and not is_authority(p):
            break
        block.insert(0, k)
    while block:
        signer = _signer([lines[x] for x in block])
        if signer is not None and (signer.on_behalf or signer.position):
            return block[0], signer
        block.pop(0)
    return end, None


def _signer(raw: list[str], strict: bool = True) -> Signer | None:
    """T/M, KT., TL. lines -> on_behalf; other lines -> position; the last line, a person's name -> name.
    `strict` (a block found by looking back from the end): the position must be in capitals."""
    lines = [p for p in (plain(x) for x in raw) if p and not _SIGNED_RE.match(p) and not is_rule(p)]
    if not lines:
        return None
    name = None
    last = lines[-1]
    if _NAME_RE.match(last) and not is_authority(last) and 2 <= len(last.split()) <= 7 \
            and (is_upper(last) or all(w[0].isupper() for w in last.split())) \
            and (len(lines) == 1 or is_upper(lines[-2]) or is_authority(lines[-2]) or not strict):
        name = person_case(lines.pop())
    authority = [authority_case(x) for x in lines if is_authority(x)]
    position = [organ_case(x) for x in lines if not is_authority(x)]
    if strict and any(not is_upper(x) for x in lines if not is_authority(x)) or not (name or authority):
        return None
    return Signer(" ".join(authority) or None, " ".join(position) or None, name)
