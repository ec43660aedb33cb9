"""Accuracy of citation detection on the corpus of real passages (tests/annotations/real/; conventions in
tests/annotations/real/CORPUS.md).

Detection is what `sitegen cite` prints (`citation_records`). Scoring:
- A detection and a gold row match when their spans overlap (one to one, in text order). A detection that
  overlaps a listed negative is a false positive and matches nothing.
- Recall is over required rows; a detection matched to an optional row (`"required": false`) counts neither
  way; every other detection is a false positive. Precision = true positives / (true + false positives).
- Fields, over matched required rows: symbol (the normalized symbol, and for a number-only row with no
  symbol the number), type, date, issuer, relation, title.
- Short forms inherit: a row that writes no date (or no issuer) is compared as `citescore.inherited` says
  (the nearest row of the same passage and symbol that writes one): what `sitegen cite` prints for a short
  form (issue 14, point 6); the gold rows record what each surface writes.
- Passages whose id number is divisible by 3 are held out: they were not read while the engine was tuned and
  are scored by their own test. The targets: recall and precision >= 0.98, symbol and type >= 0.97,
  dates >= 0.95.

`pytest -s tests/test_cite_real.py` prints the tables overall, per class and per style of passage: for the
development passages with every difference, for the held-out passages and the whole corpus without any (the
held-out passages are not read passage by passage).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from citescore import Score, inherited, norm, number_of

from sitegen.commands.cite import citation_records

REAL = Path(__file__).parent / "annotations" / "real"
FIELDS = ("symbol", "type", "date", "issuer", "relation", "title")
TARGETS = {"recall": 0.98, "precision": 0.98, "symbol": 0.97, "type": 0.97, "date": 0.95}


def load_passages() -> list[dict[str, Any]]:
    out = []
    for path in sorted(REAL.glob("*.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def is_heldout(passage: dict[str, Any]) -> bool:
    # held out: every id number divisible by 3, and the whole blind batches h.jsonl and i.jsonl
    prefix, number = passage["id"].split("-")
    return bool(passage["heldout"]) or int(number) % 3 == 0 or prefix in ("h", "i")


def spans(text: str, rows: Iterable[Any]) -> list[tuple[int, int]]:
    """Each row's surface looked up from where the previous one ended, or at its 0-based `occurrence`."""
    out, pos = [], 0
    for row in rows:
        surface = row if isinstance(row, str) else row["surface"]
        occurrence = None if isinstance(row, str) else row.get("occurrence")
        if occurrence is not None:
            start = -1
            for _ in range(occurrence + 1):
                start = text.find(surface, start + 1)
        else:
            start = text.find(surface, pos)
        assert start >= 0, surface
        out.append((start, start + len(surface)))
        pos = start + len(surface)
    return out


def _title(value: str | None) -> str | None:
    value = norm(value)
    return value.strip(" ,;.:“”\"'…").casefold() if value else None


def score_passage(p: dict[str, Any], found: list[dict[str, Any]]) -> Score:
    s = Score()
    text, rows, pid = p["text"], p["citations"], p["id"]
    gold = list(zip(rows, spans(text, rows), inherited(rows, "date"), inherited(rows, "issuer"), strict=True))
    negatives = spans(text, p["negatives"])
    blocked = {i for i, r in enumerate(found) if any(r["start"] < e and s < r["end"] for s, e in negatives)}
    used: set[int] = set(blocked)
    for row, (gs, ge), date, issuer in gold:
        match = next((i for i, r in enumerate(found) if i not in used and r["start"] < ge and gs < r["end"]),
                     None)
        if match is None:
            if row["required"]:
                s.fn += 1
                s.notes.append(f"{pid}: missed {row['surface']!r} ({row['symbol'] or row['number']})")
            continue
        used.add(match)
        if not row["required"]:
            continue
        s.tp += 1
        r = found[match]
        checks = {
            "symbol": (r["symbol"], row["symbol"]) if row["symbol"] else (
                (r["symbol"], number_of(r["number"])), (None, number_of(row["number"]))),
            "type": (r["type"], row["type"]),
            "date": (r["date"], date),
            "issuer": (norm(r["issuer"]), norm(issuer)),
            "relation": (r.get("relation"), row["relation"]),
            "title": (_title(r.get("title")), _title(row["title"])),
        }
        for key, (got, want) in checks.items():
            if got == want:
                s.right[key] += 1
            else:
                s.notes.append(f"{pid}: {row['surface']!r}: {key} {got!r} != gold {want!r}")
    for i, r in enumerate(found):
        if i not in used or i in blocked:
            s.fp += 1
            why = "overlaps a negative" if i in blocked else "spurious"
            s.notes.append(f"{pid}: {why} {r['surface']!r} ({r['symbol'] or r['number']})")
    return s


def score_split(heldout: bool | None, files: frozenset[str] | None = None,
                ) -> tuple[Score, dict[str, Score], dict[str, Score]]:
    """Scores of the development passages (False), the held-out ones (True) or the whole corpus (None), of
    the files named (by their letter) or of every file."""
    total, by_class, by_style = Score(), {}, {}
    for p in load_passages():
        if heldout is not None and is_heldout(p) != heldout:
            continue
        if files is not None and p["id"].split("-")[0] not in files:
            continue
        s = score_passage(p, citation_records(p["text"]))
        total.add(s)
        for c in p["classes"]:
            by_class.setdefault(f"class {c}", Score()).add(s)
        for style in p["styles"]:
            by_style.setdefault(style, Score()).add(s)
    classes = dict(sorted(by_class.items(), key=lambda kv: int(kv[0].split()[1])))
    return total, classes, dict(sorted(by_style.items()))


def table(title: str, total: Score, by_class: dict[str, Score], by_style: dict[str, Score],
          notes: bool = True) -> str:
    head = f"{title:<12}{'gold':>6}{'tp':>5}{'fp':>4}{'fn':>4}" + "".join(
        f"{k[:6]:>8}" for k in ("recall", "precision", *FIELDS))
    lines = [head, "-" * len(head)]

    def row(name: str, s: Score) -> str:
        return f"{name:<12}{s.tp + s.fn:>6}{s.tp:>5}{s.fp:>4}{s.fn:>4}" + "".join(
            f"{s.figure(k):>8.3f}" for k in ("recall", "precision", *FIELDS))

    lines.append(row("overall", total))
    lines.append("")
    lines += [row(name, s) for name, s in by_class.items()]
    lines.append("")
    lines += [row(name, s) for name, s in by_style.items()]
    if notes and total.notes:
        lines += ["", "differences:", *(f"  {n}" for n in total.notes)]
    return "\n".join(lines) + "\n"


def _unmet(total: Score) -> list[str]:
    return [f"{k} {total.figure(k):.3f} < {v}" for k, v in TARGETS.items() if total.figure(k) < v]


def test_corpus_is_large_enough_and_split_by_id():
    passages = load_passages()
    assert len(passages) >= 150
    assert len({p["province"] for p in passages}) >= 30
    assert all(p["heldout"] == (int(p["id"].split("-")[1]) % 3 == 0 or p["id"].startswith(("h-", "i-")))
               for p in passages)


def test_development_passages_meet_the_targets():
    total, by_class, by_style = score_split(heldout=False)
    report = table("development", total, by_class, by_style)
    print("\n" + report)
    assert not _unmet(total), report


def test_whole_corpus_meets_the_targets():
    """Issue 14's acceptance: every real passage, development and held-out, scored against the targets. Only
    the aggregate table is printed: it holds held-out passages."""
    total, by_class, by_style = score_split(heldout=None)
    report = table("whole", total, by_class, by_style, notes=False)
    print("\n" + report)
    assert not _unmet(total), report


# The held-out figures measured once after the last tuning round (2026-12-06, round 14g: a-g by id, and the
# blind batches h.jsonl and i.jsonl, 405 passages: recall 737/752, precision 737/741, symbol 724/737, type
# 736/737, date 705/737; README "Citation accuracy on real text"), rounded down: a regression floor, not the
# targets, which the whole-corpus test asserts. Raise them when the figures rise; never lower them to pass.
# (Each round that adds held-out passages changes the set they measure: set anew then, and say so here.)
HELDOUT_FLOOR = {"recall": 0.980, "precision": 0.994, "symbol": 0.982, "type": 0.998, "date": 0.956}
# The files whose held-out passages those figures were measured on. A file added later brings held-out
# passages nobody has measured: the whole-corpus test scores them, and the floor is set anew on the larger
# set when the integrator measures it once, after the engine's last change.
HELDOUT_FLOOR_FILES = frozenset("abcdefghi")


def test_heldout_passages_hold_their_regression_floor():
    """The passages whose id number is divisible by 3, never read while tuning: only the aggregate table is
    printed (never a passage's differences), and the assertion is the floor the held-out figures reached at
    the end of the tuning (HELDOUT_FLOOR), not the targets, which the whole-corpus test asserts."""
    total, by_class, by_style = score_split(heldout=True, files=HELDOUT_FLOOR_FILES)
    report = table("held out", total, by_class, by_style, notes=False)
    print("\n" + report)
    below = [f"{k} {total.figure(k):.3f} < {v}" for k, v in HELDOUT_FLOOR.items() if total.figure(k) < v]
    assert not below, report
