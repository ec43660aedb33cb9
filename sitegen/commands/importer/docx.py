"""Word (.docx) -> the plain text the rest of the importer reads, with Markdown where Word knows more.

Heading styles become "#" lines, bold and italic runs `**…**`/`*…*`, automatic numbering its label ("I.",
"1.", "a)"), bullets "-" (and "+" one level down), footnote references `[^n]` with the notes as `[^n]:`
lines at the end. Tables (the two-column header and signature blocks) are read cell by cell, left to right,
so the header reader sees the same lines as in a text export. Reading uses python-docx for the package and
lxml for the parts python-docx has no API for (numbering labels, footnotes).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from sitegen.base import catalog

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_HEADING_RE = re.compile(r"^(?:heading|tiêu đề|title)\s*(\d?)$", re.IGNORECASE)
_STYLE_LEVEL_RE = re.compile(r"^list.*\s(\d)$", re.IGNORECASE)


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el: Any, tag: str) -> str | None:
    child = el.find(_q(tag)) if el is not None else None
    return child.get(_q("val")) if child is not None else None


class DocxError(Exception):
    """The file is not a readable .docx; the message says why, in Vietnamese."""


MAX_PARTS = 10_000  # files in the package; a long report with many images has a few hundred
MAX_XML_PART = 32 << 20  # bytes of one XML part, decompressed: the text of a 500-page document is ~20 MB
MAX_TOTAL = 256 << 20  # bytes of all parts, decompressed (images included)


def _check_package(data: bytes) -> None:
    """Refuse, from the zip directory alone, a package that would decompress into more than a document can
    hold (a zip bomb: 1.5 MB of zip, gigabytes of XML), or that has no main document part. zipfile never
    returns more than an entry's declared size, so the declared sizes bound what reading costs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            if len(infos) > MAX_PARTS:
                raise DocxError(catalog.MSG["docx_too_many_parts"].format(parts=len(infos), limit=MAX_PARTS))
            total = sum(info.file_size for info in infos)
            big = next((i for i in infos if i.filename.endswith((".xml", ".rels"))
                        and i.file_size > MAX_XML_PART), None)
            if big is not None or total > MAX_TOTAL:
                name, size = (big.filename, big.file_size) if big else ("toàn bộ tệp", total)
                limit = MAX_XML_PART if big else MAX_TOTAL
                raise DocxError(catalog.MSG["docx_too_large"].format(part=name, size=round(size / (1 << 20)),
                                                                      limit=limit >> 20))
            main = _main_part(package)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, etree.XMLSyntaxError):
        raise DocxError("không phải tệp .docx (không giải nén được)") from None
    if main is None:
        raise DocxError(catalog.MSG["docx_no_document"])


def _main_part(package: zipfile.ZipFile) -> str | None:
    """The main document part named by the package relationships, if it is in the package."""
    names = set(package.namelist())
    if "_rels/.rels" not in names:
        return None
    rels = etree.fromstring(package.read("_rels/.rels"), etree.XMLParser(resolve_entities=False))
    for rel in rels:
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            target = str(rel.get("Target", "")).lstrip("/")
            return target if target in names else None
    return None


def docx_to_text(data: bytes) -> str:
    _check_package(data)
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise DocxError("không phải tệp .docx (không giải nén được)") from None
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise DocxError(f"tệp .docx hỏng ({exc.__class__.__name__})") from None
    try:
        reader = _Reader(document)
        return reader.read()
    except (etree.XMLSyntaxError, KeyError, ValueError, AttributeError) as exc:
        raise DocxError(f"nội dung tệp .docx không đọc được ({exc.__class__.__name__})") from None


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Reader:
    document: Any
    levels: dict[tuple[str, int], _Level] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # Word footnote id -> text
    order: list[str] = field(default_factory=list)  # footnote ids in order of reference
    styles: dict[str, Any] = field(default_factory=dict)  # style id -> w:style element

    def __post_init__(self) -> None:
        self._load_numbering()
        self._load_footnotes()

    def read(self) -> str:
        body = self.document.element.body
        paragraphs = list(self._blocks(body))
        out = "\n\n".join(p for p in paragraphs)
        if self.order:
            out += "\n\n" + "\n\n".join(f"[^{i}]: {self.notes.get(n, '')}" for i,
                                        n in enumerate(self.order, 1))
        return out + "\n"

    # --- blocks -------------------------------------------------------------------------------------

    def _blocks(self, parent: Any) -> Iterator[str]:
        for child in parent.iterchildren():
            if child.tag == _q("p"):
                yield self._paragraph(child)
                for box in _text_boxes(child):  # a text box (often the number or the motto) after its anchor
                    yield from self._blocks(box)
            elif child.tag == _q("tbl"):
                for cell in child.iter(_q("tc")):
                    if cell.getparent().getparent() is child:  # this table's cells, not a nested table's
                        yield from self._blocks(cell)
                        yield ""
            elif child.tag == _q("sdt"):
                content = child.find(_q("sdtContent"))
                if content is not None:
                    yield from self._blocks(content)

    def _paragraph(self, p: Any) -> str:
        text = self._runs(p)
        if not text.strip():
            return ""
        ppr = p.find(_q("pPr"))
        style = self._style(_val(ppr, "pStyle"))
        name = (_val(style, "name") or "") if style is not None else ""
        prefix = ""
        level = _val(ppr, "outlineLvl")
        if m := _HEADING_RE.match(name):
            prefix = "#" * (int(m.group(1) or 1) + 1) + " "
        elif level is not None and level.isdigit() and int(level) < 6:
            prefix = "#" * (int(level) + 2) + " "
        label = self._label(ppr, style, name)
        return prefix + label + text.strip()

    # --- runs ---------------------------------------------------------------------------------------

    def _runs(self, p: Any) -> str:
        pieces: list[tuple[str, bool, bool]] = []  # (text, bold, italic)
        for run in p.iter(_q("r")):
            skip = False
            for ancestor in run.iterancestors():
                if ancestor is p:
                    break
                if ancestor.tag in (_q("del"), _q("moveFrom"), _q("txbxContent")):
                    skip = True
                    break
            if skip:
                continue
            rpr = run.find(_q("rPr"))
            bold, italic = _on(rpr, "b"), _on(rpr, "i")
            for el in run:
                if el.tag == _q("t"):
                    pieces.append((el.text or "", bold, italic))
                elif el.tag in (_q("tab"), _q("noBreakHyphen")):
                    pieces.append((" " if el.tag == _q("tab") else "-", bold, italic))
                elif el.tag in (_q("br"), _q("cr")):
                    pieces.append(("\n", False, False))
                elif el.tag == _q("footnoteReference"):
                    pieces.append((self._note_ref(el.get(_q("id")) or ""), False, False))
        return _markdown(pieces)

    def _note_ref(self, note_id: str) -> str:
        if note_id not in self.order:
            self.order.append(note_id)
        return f"[^{self.order.index(note_id) + 1}]"

    # --- styles and numbering -----------------------------------------------------------------------

    def _style(self, style_id: str | None) -> Any:
        if not self.styles:
            self.styles = {s.get(_q("styleId")): s for s in self.document.styles.element.findall(_q("style"))}
        return self.styles.get(style_id) if style_id else None

    def _num_pr(self, ppr: Any, style: Any) -> tuple[str, int] | None:
        seen = 0
        num_pr = ppr.find(_q("numPr")) if ppr is not None else None
        while num_pr is None and style is not None and seen < 10:
            spr = style.find(_q("pPr"))
            num_pr = spr.find(_q("numPr")) if spr is not None else None
            style = self._style(_val(style, "basedOn"))
            seen += 1
        num_id = _val(num_pr, "numId")
        if not num_id or num_id == "0":
            return None
        return num_id, int(_val(num_pr, "ilvl") or 0)

    def _label(self, ppr: Any, style: Any, style_name: str) -> str:
        found = self._num_pr(ppr, style)
        if found is None:
            return ""
        num_id, ilvl = found
        level = self.levels.get((num_id, ilvl))
        m = _STYLE_LEVEL_RE.match(style_name)
        depth = ilvl + (int(m.group(1)) - 1 if m else 0)
        if level is None or level.fmt in ("bullet", "none"):
            return "- " if depth == 0 else "+ "
        counters = self.counters.setdefault(num_id, [None] * 9)
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = self.levels.get((num_id, k))
            return _format(counters[k] or (lvl.start if lvl else 1), lvl.fmt if lvl else "decimal")

        return re.sub(r"%(\d)", number, level.text).strip() + " "

    def _load_numbering(self) -> None:
        try:
            root = self.document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        abstract = {a.get(_q("abstractNumId")): a for a in root.findall(_q("abstractNum"))}
        for num in root.findall(_q("num")):
            definition = abstract.get(_val(num, "abstractNumId"))
            if definition is None:
                continue
            for lvl in definition.findall(_q("lvl")):
                start = _val(lvl, "start")
                self.levels[(num.get(_q("numId")), int(lvl.get(_q("ilvl")) or 0))] = _Level(
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                    int(start) if start and start.isdigit() else 1,
                )

    def _load_footnotes(self) -> None:
        for rel in self.document.part.rels.values():
            if rel.reltype != _FOOTNOTES_RT or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob,
                                    etree.XMLParser(resolve_entities=False, no_network=True))
            for note in root.findall(_q("footnote")):
                if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                paragraphs = [self._runs(p).strip() for p in note.findall(_q("p"))]
                self.notes[note.get(_q("id")) or ""] = " ".join(p for p in paragraphs if p)


def _text_boxes(p: Any) -> list[Any]:
    """Text box contents anchored in a paragraph; the VML copy Word keeps for old readers is skipped."""
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    return [box for box in p.iter(_q("txbxContent"))
            if not any(a.tag == fallback for a in box.iterancestors())
            and not any(a.tag == _q("txbxContent") for a in box.iterancestors())]


def _on(rpr: Any, tag: str) -> bool:
    el = rpr.find(_q(tag)) if rpr is not None else None
    return el is not None and el.get(_q("val"), "true") not in ("0", "false", "off")


def _markdown(pieces: list[tuple[str, bool, bool]]) -> str:
    """Runs -> text with `**`/`*` around bold/italic stretches, one line at a time, spaces kept outside."""
    merged: list[list[Any]] = []
    for text, bold, italic in pieces:
        for k, part in enumerate(text.split("\n")):
            if k:
                merged.append(["\n", False, False])
            if part:
                if merged and merged[-1][1:] == [bold, italic] and merged[-1][0] != "\n":
                    merged[-1][0] += part
                else:
                    merged.append([part, bold, italic])
    out = []
    for text, bold, italic in merged:
        mark = ("**" if bold else "") + ("*" if italic else "")
        core = text.strip()
        if not mark or not core or core.strip("*") == "":
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{mark}{core}{mark[::-1]}{trail}")
    return "".join(out)


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out
