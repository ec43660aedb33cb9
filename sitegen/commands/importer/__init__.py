"""`sitegen import`: official documents and news articles (.txt, .md, .docx) -> content Markdown files.

Pure apart from python-docx: `convert(name, data, types)` takes the bytes of one file and returns the
Markdown to write and what was found, not found and repaired, for the editor's report. The CLI decides
where to write. Modules: text (repairs), casing, header (header and closing block), body (structure),
article (web page exports), docx (Word), places (the gazetteer: districts before 1 July 2025, communes
after) and infer (what the header implies but does not print), emit (front-matter, validation), report
(the printed report).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sitegen.base import catalog, folders
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.vi import slugify, strip_marks
from sitegen.cite.symbols import parse_symbol
from sitegen.pipeline import schema
from sitegen.pipeline.frontmatter import split_frontmatter

from .article import parse_article
from .body import Body, build_body
from .emit import FrontMatter, editorial_hints, quote, signer_lines, validate
from .header import looks_like_header, parse_header, parse_tail
from .infer import infer
from .text import Fixes, is_upper, repair_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUFFIXES = (*TEXT_SUFFIXES, ".docx")
_NOTE_RE = re.compile(r"^(?:\[\^\d{1,3}\]:|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+\S")  # a footnote ("[^1]: …", "¹ …")
_LEGACY_FONT_CHARS = frozenset("§¶¬®¸»¼½¾µ·¹ºÆÇ×Þß¦¤£¢¡©ª«Ð")


@dataclass
class Imported:
    source: str
    kind: str | None = None  # folders.DOCUMENTS or folders.ARTICLES; None when the file could not be read
    stem: str = ""
    text: str | None = None
    found: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    missing: list[str] = field(default_factory=list)  # required fields left as placeholders (labels)
    absent: list[str] = field(default_factory=list)  # optional fields not found (labels)
    checks: list[str] = field(default_factory=list)
    fixes: Fixes = field(default_factory=Fixes)
    error: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def label(kind: str, key: str) -> str:
    model = schema.DocumentMeta if kind == folders.DOCUMENTS else schema.ArticleMeta
    info = model.model_fields.get(key.split(".")[0])
    title = info.title if info is not None and info.title else key
    return f"{title} ({key})"


def decode(name: str, data: bytes) -> str:
    """Text of an input file; raises ValueError with a Vietnamese message when it cannot be read."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".docx":
        from .docx import DocxError, docx_to_text

        try:
            return docx_to_text(data)
        except DocxError as exc:
            raise ValueError(catalog.MSG["import_bad_docx"].format(detail=exc)) from None
    if suffix == ".doc":
        raise ValueError(catalog.MSG["import_old_doc"])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(catalog.MSG["import_not_utf8"].format(line=_line_of(data, exc))) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(catalog.MSG["import_not_utf8"].format(line=_line_of(data, exc))) from None


def _line_of(data: bytes, exc: UnicodeDecodeError) -> int:
    return data.count(b"\n", 0, exc.start) + 1


def convert(name: str, data: bytes, types: Mapping[str, Any] | None = None) -> Imported:
    imp = Imported(name)
    try:
        raw = decode(name, data)
    except ValueError as exc:
        imp.error = str(exc)
        return imp
    text = repair_text(raw, imp.fixes)
    if not text.strip():
        imp.error = catalog.MSG["import_empty"]
        return imp
    try:
        if split_frontmatter(text) is not None:
            imp.error = catalog.MSG["import_has_frontmatter"]
            return imp
    except ValueError:  # an unclosed "---" is just a rule line
        pass
    if sum(c in _LEGACY_FONT_CHARS for c in text) > max(5, len(text) // 200):
        imp.checks.append(catalog.MSG["import_legacy_font"])
    # Footnotes sit anywhere (a page's foot, or after the signature for Word's): out of the way of the
    # header and closing block, and of the paragraphs a page break split around them.
    lines = [line for line in text.split("\n") if not _NOTE_RE.match(line)]
    notes = [""] + [line for line in text.split("\n") if _NOTE_RE.match(line)]
    if looks_like_header(lines):
        _document(imp, lines, notes, types)
    else:
        _article(imp, lines, notes)
    if not imp.stem:
        imp.stem = slugify(PurePath(name).stem)[:80].rstrip("-") or "nhap"
    assert imp.text is not None and imp.kind is not None
    imp.diagnostics = validate(imp.text, imp.kind, f"{imp.stem}.md", types)
    return imp


def _report_body(imp: Imported, body: Body) -> None:
    if body.markdown.strip():
        imp.found.append((catalog.MSG["import_body_label"], catalog.MSG["import_body_stats"].format(
            headings=body.headings, items=body.list_items, notes=body.footnotes)))
    else:
        imp.checks.append(catalog.MSG["import_no_body"])
    if body.unmatched_refs:
        imp.checks.append(catalog.MSG["import_unmatched_notes"].format(notes=", ".join(body.unmatched_refs)))


def _document(imp: Imported, lines: list[str], notes: list[str], types: Mapping[str, Any] | None) -> None:
    imp.kind = folders.DOCUMENTS
    h, start = parse_header(lines)
    tail = parse_tail(lines, start)
    body = build_body(lines[start : tail.body_end] + notes, imp.fixes)
    symbol = parse_symbol(h.number) if h.number else None
    type_key = h.type_key
    if type_key is None and symbol is not None and types is not None:
        keys = [k for k, info in types.items() if getattr(info, "code", None) == (symbol.type_code or "")]
        if symbol.type_code is None and "cong-van" in types:
            keys = ["cong-van"]
        if len(keys) == 1:
            type_key = keys[0]
            imp.checks.append(catalog.MSG["import_type_from_symbol"].format(type=type_key, number=h.number))
    if type_key and types is not None and type_key not in types:
        imp.checks.append(catalog.MSG["import_type_not_in_site"].format(type=type_key))
    labels = {k: label(folders.DOCUMENTS, k) for k in ("issuer", "parent", "province")}
    inferred = infer(h, symbol, body.markdown, labels)
    inferred.apply(h)
    province = inferred.values.get("province")
    if inferred.place_repaired:
        imp.fixes.add("fix_place")

    fm = FrontMatter()
    fm.text("title", h.title, hint=catalog.MSG["import_hint_title"])
    if type_key and re.fullmatch(r"[a-z0-9-]+", type_key):
        fm.raw(f"type: {type_key}")
    else:
        fm.text("type", type_key, hint=catalog.MSG["import_hint_type"])
    fm.text("number", h.number, hint=catalog.MSG["import_hint_number"])
    fm.text("issuer", h.issuer, hint=catalog.MSG["import_hint_issuer"], note=inferred.comment("issuer"))
    fm.text("parent", h.parent, required=False, note=inferred.comment("parent"))
    fm.text("place", h.place, required=False, note=inferred.comment("place"))
    fm.text("province", province, required=False, note=inferred.comment("province"))
    fm.date("date", h.date, hint=catalog.MSG["import_hint_date"])
    if tail.signer is not None:
        signer_lines(fm, tail.signer.on_behalf, tail.signer.position, tail.signer.name)
    fm.items("recipients", tail.recipients)
    editorial_hints(fm)
    imp.text = fm.render(body.markdown)

    signer = tail.signer
    values: list[tuple[str, str | None]] = [
        ("type", type_key and f"{type_key} ({h.type_raw or h.number})"), ("number", h.number),
        ("issuer", h.issuer), ("parent", h.parent), ("place", h.place), ("province", province),
        ("date", h.date.iso() if h.date else None), ("title", h.title),
        ("signer", " / ".join(x for x in (signer.on_behalf, signer.position, signer.name) if x)
                   if signer else None),
        ("recipients", "; ".join(tail.recipients) or None),
    ]
    for key, value in values:
        if value:
            imp.found.append((label(folders.DOCUMENTS, key), inferred.shown(key, value)))
        elif key not in fm.missing and key != "province":
            imp.absent.append(label(folders.DOCUMENTS, key))
    imp.missing = [label(folders.DOCUMENTS, key) for key in fm.missing]
    _report_body(imp, body)
    if h.date is not None and h.date.month is None:
        imp.checks.append(catalog.MSG["import_year_only"].format(year=h.date.year))
    if symbol is not None and symbol.year and h.date is not None and symbol.year != h.date.year:
        imp.checks.append(catalog.MSG["import_year_conflict"].format(number=h.number, year=h.date.year))
    cased = [key for key in ("parent", "issuer") if getattr(h, key) and key not in inferred.values] if any(
        is_upper(x) for x in h.organ_lines) else []
    if signer is not None:
        cased.append("signer")
    if cased:
        imp.checks.append(catalog.MSG["import_check_case"].format(fields=", ".join(cased)))
    if h.marks:
        imp.checks.append(catalog.MSG["import_marks"].format(marks=", ".join(h.marks)))
    if h.unknown or tail.unknown:
        unknown = " | ".join(h.unknown + tail.unknown)
        imp.checks.append(catalog.MSG["import_unknown_lines"].format(lines=unknown))
    if h.place and not inferred.place_repaired and (other := _spelled_otherwise(h.place, body.markdown)):
        imp.checks.append(catalog.MSG["import_place_variant"].format(place=h.place, other=other))
    imp.checks += inferred.checks
    if symbol is not None and symbol.number == "":
        imp.checks.append(catalog.MSG["import_blank_number"].format(number=h.number))
    if symbol is not None and types is not None:
        imp.stem = _document_stem(type_key, types, symbol.normalized, h, symbol.number == "")


def _spelled_otherwise(name: str, text: str) -> str | None:
    """The same words with other marks in `text` ("Hón Quản" in the header, "Hớn Quản" in the body):
    one of the two is a typing mistake the editor should settle."""
    size = len(name.split())
    if size == 0 or name in text:
        return None
    key = strip_marks(name).casefold()
    words = re.findall(r"\w+", text)
    for k in range(len(words) - size + 1):
        candidate = " ".join(words[k : k + size])
        if candidate != name and strip_marks(candidate).casefold() == key and candidate[0].isupper():
            return candidate
    return None


def _document_stem(type_key: str | None, types: Mapping[str, Any], number: str, h: Any, blank: bool) -> str:
    """The file name the site would give the page: type label, symbol, year (+ place for a blank number)."""
    if not type_key or h.date is None:
        return ""
    info = types.get(type_key)
    words = [getattr(info, "label", type_key), number, str(h.date.year)]
    if blank and h.place:
        words.append(h.place)
    return slugify(" ".join(words))


def _article(imp: Imported, lines: list[str], notes: list[str]) -> None:
    imp.kind = folders.ARTICLES
    art = parse_article(lines)
    body = build_body(art.body + notes, imp.fixes)
    markdown = body.markdown
    if art.caption:
        markdown = f"*{art.caption}*\n\n" + markdown
    fm = FrontMatter()
    fm.text("title", art.title, hint=catalog.MSG["import_hint_title"])
    fm.date("date", art.date, hint=catalog.MSG["import_hint_published"])
    fm.text("author", art.author, required=False)
    if art.caption:
        fm.raw(f"# image: \"/images/…\"   # {catalog.MSG['import_image_comment']}")
        fm.raw(f"# image_caption: {quote(art.caption)}")
    editorial_hints(fm)
    imp.text = fm.render(markdown)
    for key, value in (("title", art.title), ("date", art.date.iso() if art.date else None),
                       ("image_caption", art.caption), ("author", art.author)):
        if value:
            imp.found.append((label(folders.ARTICLES, key), value))
        elif key not in fm.missing:
            imp.absent.append(label(folders.ARTICLES, key))
    imp.missing = [label(folders.ARTICLES, key) for key in fm.missing]
    _report_body(imp, body)
    if art.dropped:
        imp.fixes.add("fix_web_tail", len(art.dropped))
        imp.checks.append(catalog.MSG["import_web_tail"].format(lines=" | ".join(art.dropped[:8])))
    if art.title:
        imp.stem = slugify(art.title)[:80].rstrip("-")
