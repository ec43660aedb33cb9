"""The body of a document or article: exported paragraphs -> structured Markdown.

Sections "I."/"II." become `##`; "1."-style section titles `###` (`##` when there are no Roman sections);
"1." items that read as sentences stay an ordered list; "a)" items stay paragraphs with their letter, and the
"-" and "+" lines under them become nested lists;
footnotes ("¹", "[1]") become Markdown footnotes; paragraphs split by a page break are joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.base.vi import collapse_spaces

from .text import Fixes, heading_hashes, is_rule, strip_emphasis, unwrap_emphasis

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "0123456789")
_FOOTDEF_RE = re.compile(rf"^(?:([{_SUPERSCRIPT}]+)|\[\^?(\d{{1,3}})\]:?)\s+(\S.*)$")
_SUP_REF_RE = re.compile(rf"(?<=[^\s{_SUPERSCRIPT}])([{_SUPERSCRIPT}]+)")
_BRACKET_REF_RE = re.compile(r"\[(\d{1,3})\](?!:)")
_MD_REF_RE = re.compile(r"\[\^(\d{1,3})\]")
_ROMAN_RE = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\.\s+(\S.*)$")
_NUM_RE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_SUB_RE = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\)\s+(\S.*)$")
_DASH_RE = re.compile(r"^[-–•*]\s+(\S.*)$")
_PLUS_RE = re.compile(r"^\+\s+(\S.*)$")
_FINAL_RE = re.compile(r"[.!?…:;]$")
_SENTENCE_END_RE = re.compile(r"[.!?…]$")
# Words a sentence cannot end on: a paragraph ending on one was cut by a page break.
_DANGLING = frozenset(["của", "và", "các", "những", "với", "cho", "về", "theo", "trong", "tại", "để", "là",
                       "có", "được", "bị", "từ", "đến", "hoặc", "như", "nhằm", "trên", "dưới", "ở", "mà",
                       "thì", "nhưng", "vì", "do", "bởi", "giữa", "sau", "trước"])


@dataclass
class Unit:
    # para | roman | num | sub | letter | dash | plus | heading | rule | table; "num" -> "item" in lists
    kind: str
    text: str  # text after a "-"/"+" marker; the whole line for numbered and lettered ones
    hashes: int = 0  # heading level written in the input (Markdown, or a Word heading style)
    joined: list[str] = field(default_factory=list)  # parts joined after a page break (text made at the end)

    @property
    def tail(self) -> str:
        return self.joined[-1] if self.joined else self.text

    def length(self) -> int:
        return len(self.text) + sum(len(p) + 1 for p in self.joined)


@dataclass
class Body:
    markdown: str
    headings: int = 0
    list_items: int = 0
    footnotes: int = 0
    unmatched_refs: list[str] = field(default_factory=list)


def classify(line: str) -> Unit:
    indent = len(line) - len(line.lstrip(" "))
    hashes, text = heading_hashes(line.strip())
    if text.startswith("|"):
        return Unit("table", text)  # a Markdown table row (.md input): kept as written
    bare = unwrap_emphasis(text)
    if is_rule(text):
        return Unit("rule", text)
    if (m := _ROMAN_RE.match(bare)) and m.group(1) and m.group(2)[0].isupper():
        return Unit("roman", bare, hashes)
    if _SUB_RE.match(bare) and not _NUM_RE.match(bare):
        return Unit("sub", bare, hashes)
    if _NUM_RE.match(bare):
        return Unit("num", bare, hashes)
    if hashes:
        return Unit("heading", bare, hashes)
    if _LETTER_RE.match(text):
        return Unit("letter", text)
    if m := _PLUS_RE.match(text):
        return Unit("plus", m.group(1))
    if m := _DASH_RE.match(text):
        return Unit("plus" if indent >= 2 else "dash", m.group(1))  # "  - " in Markdown input is nested
    return Unit("para", text)


def _joins(prev: Unit, nxt: Unit) -> bool:
    """A paragraph split by a page break or a soft wrap: the next part starts in lower case after a
    part with no sentence end, or a list item ends on a bare word and the next paragraph goes on."""
    if nxt.kind != "para" or nxt.hashes or prev.kind in ("roman", "rule", "heading", "table") or prev.hashes:
        return False
    first = nxt.text.lstrip("*_“\"(")[:1]
    tail = prev.tail
    if first.islower() and not _SENTENCE_END_RE.search(tail.rstrip("*_")):
        return True
    if not first.isupper() or re.search(r"[\w,]$", tail) is None:
        return False
    last_word = tail.rsplit(" ", 1)[-1].lower()
    return last_word in _DANGLING or (
        prev.kind in ("dash", "plus", "letter") and prev.length() >= 60 or prev.kind == "para"
        and prev.length() >= 200
    )


def _title_like(units: list[Unit], i: int) -> bool:
    """A "1." line that titles a section: no sentence end, or it is followed by its own content."""
    text = strip_emphasis(units[i].text)
    if not _FINAL_RE.search(text):
        return True
    nxt = units[i + 1] if i + 1 < len(units) else None
    return nxt is not None and nxt.kind in ("para", "dash", "plus", "letter") and len(text) <= 300


def _decide_numbered(units: list[Unit]) -> None:
    """Per Roman section, "1." lines are all headings or all list items, by majority."""
    group: list[int] = []

    def close() -> None:
        if group:
            titles = sum(_title_like(units, k) for k in group)
            explicit = any(units[k].hashes for k in group)
            for k in group:
                units[k].kind = "num" if explicit or 2 * titles > len(group) else "item"
            group.clear()

    for k, unit in enumerate(units):
        if unit.kind == "roman":
            close()
        elif unit.kind == "num":
            group.append(k)
    close()


def build_body(lines: list[str], fixes: Fixes) -> Body:
    # "[1]" at the start of a line is a note only if "[1]" is also cited inside some line.
    cited = {m.group(1) for line in lines for m in _BRACKET_REF_RE.finditer(line.strip()) if m.start() > 0}
    units: list[Unit] = []
    footdefs: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            continue
        m = _FOOTDEF_RE.match(line.strip())
        if m and (m.group(1) or m.group(2) in cited or line.strip().startswith("[^")):
            key = (m.group(1) or m.group(2)).translate(_SUP_TO_DIGIT)
            footdefs[str(int(key))] = m.group(3)
            continue
        unit = classify(line)
        if unit.kind == "table" and units and units[-1].kind == "table":
            units[-1].joined.append(unit.text)
            continue
        if units and _joins(units[-1], unit):
            units[-1].joined.append(unit.text)
            fixes.add("fix_joined")
            continue
        units.append(unit)
    for unit in units:
        if unit.joined:
            unit.text = ("\n" if unit.kind == "table" else " ").join([unit.text, *unit.joined])
            unit.joined = []
    _decide_numbered(units)
    body = Body("")
    body.markdown = _render(units, body)
    body.markdown = _footnotes(body.markdown, footdefs, body, fixes)
    return body


_RANK = {"item": 0, "letter": 1, "dash": 2, "plus": 3}


def _render(units: list[Unit], body: Body) -> str:
    has_roman = any(u.kind == "roman" for u in units)
    num_level = 3 if has_roman else 2
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # open list levels: (kind, indent of their content)

    def gap() -> None:
        if out and out[-1] != "":
            out.append("")

    for k, unit in enumerate(units):
        if unit.kind in ("roman", "num", "sub", "heading"):
            level = {"roman": 2, "num": num_level, "sub": num_level + 1}.get(unit.kind, max(2, unit.hashes))
            stack.clear()
            gap()
            out += ["#" * min(level, 6) + " " + collapse_spaces(unwrap_emphasis(unit.text)), ""]
            body.headings += 1
        elif unit.kind == "rule":
            stack.clear()
            gap()
            out += ["***", ""]
        elif unit.kind in _RANK:
            # A kind nests under the kinds ranked above it: numbered item > a) > "-" > "+".
            if not stack:
                gap()
            while stack and _RANK[stack[-1][0]] >= _RANK[unit.kind]:
                stack.pop()
            indent = stack[-1][1] if stack else 0
            if unit.kind == "letter":
                # Markdown has no lettered list: "a) …" stays a paragraph with its own letter (a "- " would
                # add a second marker), and its "-" items follow as a list of the first level ("-", not "+").
                gap()
                out += [" " * indent + unit.text, ""]
                stack.append((unit.kind, indent))
            else:
                marker, text = _item_parts(unit)
                out.append(" " * indent + marker + text)
                stack.append((unit.kind, indent + len(marker)))
            body.list_items += 1
        else:
            nxt = units[k + 1] if k + 1 < len(units) else None
            if stack and nxt is not None and nxt.kind in [s[0] for s in stack]:
                gap()  # a paragraph inside a list item: indent it to the item's content
                out += [" " * stack[-1][1] + unit.text, ""]
                continue
            stack.clear()
            gap()
            out += [unit.text, ""]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _item_parts(unit: Unit) -> tuple[str, str]:
    """(Markdown marker, text): "1. " for a numbered item, "- " for "-" and "+" items."""
    if unit.kind == "item":
        m = _NUM_RE.match(unit.text) or _NUM_RE.match(unwrap_emphasis(unit.text))
        assert m is not None
        return m.group(1) + ". ", m.group(2)
    return "- ", unit.text


def _footnotes(markdown: str, footdefs: dict[str, str], body: Body, fixes: Fixes) -> str:
    """Inline "¹" and "[1]" references to defined notes -> "[^1]"; the notes go to the end."""
    if not footdefs:
        body.unmatched_refs = sorted({m.group(1) for m in _MD_REF_RE.finditer(markdown)})
        return markdown

    def sup(m: re.Match[str]) -> str:
        key = str(int(m.group(1).translate(_SUP_TO_DIGIT)))
        return f"[^{key}]" if key in footdefs else m.group(0)

    def bracket(m: re.Match[str]) -> str:
        return f"[^{m.group(1)}]" if m.group(1) in footdefs else m.group(0)

    markdown = _BRACKET_REF_RE.sub(bracket, _SUP_REF_RE.sub(sup, markdown))
    used = {m.group(1) for m in _MD_REF_RE.finditer(markdown)}
    body.unmatched_refs = sorted(set(footdefs) - used, key=int)
    body.footnotes = len(footdefs)
    fixes.add("fix_footnotes", len(footdefs))
    notes = "\n\n".join(f"[^{k}]: {v}" for k, v in sorted(footdefs.items(), key=lambda kv: int(kv[0])))
    return markdown.rstrip("\n") + "\n\n" + notes + "\n"
