"""Check the real-passage citation corpus (issue 14) and print its counts.

Usage: python3 tests/annotations/real/check_corpus.py [file.jsonl ...]
With no argument, every *.jsonl beside this script is checked (a.jsonl, b.jsonl, ...).
Standard library only. Conventions: tests/annotations/real/CORPUS.md and tests/annotations/README.md.
Exit status 1 when any error is found.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

PASSAGE_KEYS = {"id", "url", "source", "province", "when", "styles", "classes", "heldout", "text",
                "citations", "negatives"}
PASSAGE_OPTIONAL = {"note", "derived_from", "transform"}
CITATION_KEYS = {"surface", "symbol", "number", "type", "date", "issuer", "relation", "title", "required"}
CITATION_OPTIONAL = {"occurrence", "note"}
STYLES = {"clean", "lower", "caps", "web", "scraped", "news"}
CLASSES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
RELATIONS = {None, "can-cu", "thuc-hien", "huong-dan", "thay-the", "sua-doi", "bai-bo"}
TRANSFORMS = {"lower", "upper"}
TYPES = {
    "Nghị quyết", "Chỉ thị", "Kết luận", "Quy định", "Quyết định", "Hướng dẫn", "Kế hoạch", "Chương trình",
    "Thông báo", "Thông cáo", "Báo cáo", "Tờ trình", "Công văn", "Nghị định", "Thông tư",
    "Thông tư liên tịch", "Luật", "Bộ luật", "Pháp lệnh", "Đề án", "Phương án", "Dự án", "Quy chế",
    "Công điện", "Thông tri",
    "Biên bản", "Văn bản hợp nhất", "Lệnh", "Hiến pháp", "Nghị quyết liên tịch", "Giấy mời", "Điều lệ",
}
BLIND = {"h", "i"}  # blind batches: wholly held out (CORPUS.md)
ID_RE = re.compile(r"^([a-z])-(\d{3,})$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
WHEN_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SYMBOL_BAD = re.compile(r"[\s\u2013\u2014\u2011\u00d0]|TƯ")


def squash(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def valid_date(s: str) -> bool:
    try:
        if len(s) == 4:
            return 1900 <= int(s) <= 2100
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def find_spans(text: str, rows: list, what: str, err) -> list[tuple[int, int]]:
    """Locate each row's surface from where the previous one ended (or at `occurrence`)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, row in enumerate(rows):
        surface = row["surface"] if isinstance(row, dict) else row
        occ = row.get("occurrence") if isinstance(row, dict) else None
        if not isinstance(surface, str) or not surface:
            err(f"{what} {i}: empty or non-string surface")
            spans.append((-1, -1))
            continue
        if occ is not None:
            if not isinstance(occ, int) or occ < 0:
                err(f"{what} {i}: occurrence must be an int >= 0")
                spans.append((-1, -1))
                continue
            start = -1
            for _ in range(occ + 1):
                start = text.find(surface, start + 1)
                if start < 0:
                    break
            if start < 0:
                err(f"{what} {i}: {surface!r} has no occurrence {occ}")
                spans.append((-1, -1))
                continue
            if start < pos:
                err(f"{what} {i}: {surface!r} (occurrence {occ}) is before the previous row: rows out of "
                    "order")
        else:
            start = text.find(surface, pos)
            if start < 0:
                where = "anywhere" if surface not in text else "after the previous row"
                err(f"{what} {i}: {surface!r} not found {where}")
                spans.append((-1, -1))
                continue
        spans.append((start, start + len(surface)))
        pos = start + len(surface)
    return spans


def check_citation(c: dict, i: int, text: str, err) -> None:
    if not isinstance(c, dict):
        err(f"citation {i}: not an object")
        return
    missing = CITATION_KEYS - c.keys()
    extra = c.keys() - CITATION_KEYS - CITATION_OPTIONAL
    if missing:
        err(f"citation {i}: missing keys {sorted(missing)}")
    if extra:
        err(f"citation {i}: unknown keys {sorted(extra)}")
    sym = c.get("symbol")
    if sym is not None:
        if not isinstance(sym, str) or not sym or SYMBOL_BAD.search(sym):
            err(f"citation {i}: symbol {sym!r} not normalized (spaces, dashes, TƯ, Ð)")
        elif "/" not in sym and not re.match(r"^\d+[a-zđ]?-[A-ZĐ]", sym):
            err(f"citation {i}: symbol {sym!r} has neither a slash nor an old-style 'N-CODE' form")
        elif unicodedata.normalize("NFC", sym) != sym:
            err(f"citation {i}: symbol not NFC")
    num = c.get("number")
    if num is not None:
        if not isinstance(num, str) or not re.match(r"^\d+[a-zđ]?$", num):
            err(f"citation {i}: number {num!r} must be a string of digits (optional letter)")
        elif isinstance(sym, str) and not re.match(rf"0*{re.escape(num.lstrip('0') or '0')}(?![0-9])", sym):
            err(f"citation {i}: number {num!r} does not start symbol {sym!r} (leading zeros aside)")
        elif isinstance(c.get("surface"), str) and num not in c["surface"]:
            err(f"citation {i}: number {num!r} not in surface {c['surface']!r}")
    t = c.get("type")
    if t is not None and t not in TYPES:
        err(f"citation {i}: type {t!r} not in the vocabulary")
    d = c.get("date")
    if d is not None and (not isinstance(d, str) or not DATE_RE.match(d) or not valid_date(d)):
        err(f"citation {i}: date {d!r} is not YYYY or YYYY-MM-DD")
    if c.get("relation") not in RELATIONS:
        err(f"citation {i}: relation {c.get('relation')!r} unknown")
    if not isinstance(c.get("required"), bool):
        err(f"citation {i}: required must be true or false")
    for field in ("issuer", "title"):
        v = c.get(field)
        if v is None:
            continue
        if not isinstance(v, str) or not v.strip():
            err(f"citation {i}: {field} must be a non-empty string or null")
        elif squash(v) not in squash(text):
            err(f"citation {i}: {field} {v!r} not found in the text")


def check_passage(p: dict, line: int, fname: str, prefix: str, err_all: list) -> None:
    pid = p.get("id", f"line {line}") if isinstance(p, dict) else f"line {line}"

    def err(msg: str) -> None:
        err_all.append(f"{fname}:{line} {pid}: {msg}")

    if not isinstance(p, dict):
        err("not a JSON object")
        return
    missing = PASSAGE_KEYS - p.keys()
    extra = p.keys() - PASSAGE_KEYS - PASSAGE_OPTIONAL
    if missing:
        err(f"missing keys {sorted(missing)}")
        return
    if extra:
        err(f"unknown keys {sorted(extra)}")
    m = ID_RE.match(p["id"]) if isinstance(p["id"], str) else None
    if not m:
        err("id must look like 'a-001'")
    else:
        if m.group(1) != prefix:
            err(f"id prefix {m.group(1)!r} does not match file {fname}")
        held = int(m.group(2)) % 3 == 0 or m.group(1) in BLIND
        if p["heldout"] is not held:
            err(f"heldout must be {held} (id number divisible by 3, or a blind batch h.jsonl / i.jsonl)")
    if not isinstance(p["url"], str) or not re.match(r"^https?://\S+$", p["url"]):
        err("url missing or not an http(s) address")
    for k in ("source", "province"):
        if not isinstance(p[k], str) or not p[k].strip():
            err(f"{k} must be a non-empty string")
    w = p["when"]
    if w is not None and (not isinstance(w, str) or not WHEN_RE.match(w)):
        err(f"when {w!r} must be null, YYYY, YYYY-MM or YYYY-MM-DD")
    if not isinstance(p["styles"], list) or not p["styles"] or not set(p["styles"]) <= STYLES:
        err(f"styles {p['styles']!r} must be a non-empty list of {sorted(STYLES)}")
    if not isinstance(p["classes"], list) or not p["classes"] or not set(p["classes"]) <= CLASSES:
        err(f"classes {p['classes']!r} must be a non-empty list of 0..10")
    text = p["text"]
    if not isinstance(text, str) or not text.strip():
        err("text empty")
        return
    if unicodedata.normalize("NFC", text) != text:
        err("text is not NFC")
    for k in ("derived_from", "transform"):
        if (k in p) != ("derived_from" in p and "transform" in p):
            err("derived_from and transform go together")
    if "transform" in p and p["transform"] not in TRANSFORMS:
        err(f"transform must be one of {sorted(TRANSFORMS)}")
    cits, negs = p["citations"], p["negatives"]
    if not isinstance(cits, list) or not isinstance(negs, list):
        err("citations and negatives must be lists")
        return
    for i, c in enumerate(cits):
        check_citation(c, i, text, err)
    cspans = find_spans(text, [c for c in cits if isinstance(c, dict)], "citation", err)
    for i, n in enumerate(negs):
        if isinstance(n, dict) and set(n) - {"surface", "occurrence"}:
            err(f"negative {i}: an object negative has only 'surface' and 'occurrence'")
    nspans = find_spans(text, negs, "negative", err)
    for i, (ns, ne) in enumerate(nspans):
        for j, (cs, ce) in enumerate(cspans):
            if ns >= 0 and cs >= 0 and ns < ce and cs < ne:
                err(f"negative {i} overlaps citation {j}")
    if not cits and not negs:
        err("a passage without citations needs at least one negative")


def load(path: Path, errors: list) -> list[dict]:
    out = []
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{path.name}: not UTF-8 ({e})")
        return out
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            errors.append(f"{path.name}:{n}: blank line")
            continue
        try:
            out.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            errors.append(f"{path.name}:{n}: invalid JSON ({e})")
    return out


def report(title: str, ps: list[dict]) -> None:
    real = [p for p in ps if "derived_from" not in p]
    derived = [p for p in ps if "derived_from" in p]
    provinces = Counter(p["province"] for p in real)
    classes = Counter(c for p in real for c in p["classes"])
    styles = Counter(s for p in real for s in p["styles"])
    cits = [c for p in real for c in p["citations"]]
    req = sum(1 for c in cits if c.get("required"))
    negs = sum(len(p["negatives"]) for p in real)
    neg_rich = sum(1 for p in real if p["negatives"])
    held = sum(1 for p in real if p["heldout"])
    dates = Counter(("after" if (p["when"] or "") >= "2025-07" else "before") if p["when"] else "unknown"
                    for p in real)
    print(f"== {title}")
    print(f"passages: {len(ps)} ({len(real)} real, {len(derived)} derived); held out (real): {held}")
    print(f"distinct provinces/bodies (real): {len(provinces)}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(provinces.items())))
    print("per class (real passages): " + ", ".join(f"{k}: {classes.get(k, 0)}" for k in sorted(CLASSES)))
    print("per style (real passages): " + ", ".join(f"{k}: {styles.get(k, 0)}" for k in sorted(STYLES)))
    print(f"text date: before 1/7/2025 {dates['before']}, after {dates['after']}, unknown {dates['unknown']}")
    print(f"citations (real): {len(cits)} ({req} required, {len(cits) - req} optional); "
          f"with symbol {sum(1 for c in cits if c.get('symbol'))}, without "
          f"{sum(1 for c in cits if not c.get('symbol'))}")
    print("relations: " + ", ".join(f"{k}: {v}" for k, v in
                                     sorted(Counter(str(c.get('relation')) for c in cits).items())))
    print(f"negatives (real): {negs} in {neg_rich} passages; negative-rich (class 0): {classes.get(0, 0)}")
    if derived:
        print("derived passages: " + ", ".join(f"{p['id']} <- {p['derived_from']} ({p['transform']})"
                                               for p in derived))


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] if argv else sorted(HERE.glob("*.jsonl"))
    errors: list[str] = []
    per_file: dict[str, list[dict]] = {}
    seen: dict[str, str] = {}
    for path in files:
        prefix = path.stem[:1]
        ps = []
        for n, p in load(path, errors):
            check_passage(p, n, path.name, prefix, errors)
            if isinstance(p, dict) and isinstance(p.get("id"), str):
                if p["id"] in seen:
                    errors.append(f"{path.name}:{n}: id {p['id']} already used in {seen[p['id']]}")
                seen[p["id"]] = path.name
            if isinstance(p, dict) and p.keys() >= PASSAGE_KEYS:
                ps.append(p)
        per_file[path.name] = ps
    # a derived passage may come from another collector's file ("d-052" <- "b-005")
    known = set(seen) | {q["id"] for f in sorted(HERE.glob("*.jsonl")) for _, q in load(f, [])
                         if isinstance(q, dict) and isinstance(q.get("id"), str)}
    for name, ps in per_file.items():
        for p in ps:
            if "derived_from" in p and p["derived_from"] not in known:
                errors.append(f"{name}: {p['id']} derived from unknown {p['derived_from']}")
    for name, ps in per_file.items():
        report(name, ps)
    if len(per_file) > 1:
        report("all files", [p for ps in per_file.values() for p in ps])
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nno errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
