"""Accuracy of citation detection against the hand-annotated set in tests/annotations/ (see its README).

A detected citation is a true positive when it names the gold one (the same normalized symbol, or for a
number without its code no symbol and the same number) and the two spans overlap (one-to-one, in text
order). Detection is what `sitegen cite` prints (`citation_records`). Dates and issuers of short forms are
compared as `citescore.inherited` says. The table of precision / recall / F1 per text and overall, and
per-field accuracy (date, type, issuer) over the true positives, is printed (`pytest -s`) and written to the
pytest tmp dir as accuracy.txt.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from citescore import Score, inherited, norm, number_of, same_identity
from click.testing import CliRunner

from sitegen.cli import cli
from sitegen.commands.cite import citation_records

ANNOTATIONS = Path(__file__).parent / "annotations"
TEXTS = ANNOTATIONS / "texts"
GOLD = ANNOTATIONS / "gold"
NAMES = sorted(p.stem for p in GOLD.glob("*.jsonl"))
THRESHOLD = 0.97
FIELDS = ("date", "type", "issuer")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    symbol: str | None
    date: str | None  # as compared: written, or inherited from the same symbol's fuller row
    type: str | None
    issuer: str | None
    number: str | None = None  # a number without its code ("Công văn số 468"): symbol null


def read_text(name: str) -> str:
    return unicodedata.normalize("NFC", (TEXTS / f"{name}.txt").read_text(encoding="utf-8"))


def load_gold(name: str) -> list[Gold]:
    """Gold rows are in text order; each surface is looked up from the end of the previous one (or at its
    0-based `occurrence` among all occurrences, when given)."""
    text = read_text(name)
    out: list[Gold] = []
    pos = 0
    lines = (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    dates, issuers = inherited(rows, "date"), inherited(rows, "issuer")
    for n, row in enumerate(rows, 1):
        surface = unicodedata.normalize("NFC", row["surface"])
        if "occurrence" in row:
            start = -1
            for _ in range(row["occurrence"] + 1):
                start = text.find(surface, start + 1)
        else:
            start = text.find(surface, pos)
        assert start >= 0, f"{name}.jsonl:{n}: surface not found: {surface!r}"
        pos = start + len(surface)
        out.append(Gold(start, pos, row["symbol"], dates[n - 1], row["type"], issuers[n - 1],
                        row.get("number")))
    return out


def score(name: str, gold: list[Gold], found: list[dict[str, Any]]) -> Score:
    s = Score()
    used: set[int] = set()
    for g in gold:
        match = next((i for i, r in enumerate(found) if i not in used and same_identity(r, g.symbol, g.number)
                      and r["start"] < g.end and g.start < r["end"]), None)
        if match is None:
            s.fn += 1
            s.notes.append(f"{name}: missed {g.symbol or g.number} at {g.start}")
            continue
        used.add(match)
        s.tp += 1
        r = found[match]
        for key, want in (("date", g.date), ("type", g.type), ("issuer", norm(g.issuer))):
            got = norm(r["issuer"]) if key == "issuer" else r[key]
            if got == want:
                s.right[key] += 1
            else:
                s.notes.append(f"{name}: {g.symbol} at {g.start}: {key} {got!r} != gold {want!r}")
    for i, r in enumerate(found):
        if i not in used:
            s.fp += 1
            s.notes.append(f"{name}: spurious {r['symbol'] or r['number']} {r['surface']!r} at {r['start']}")
    return s


def table(scores: dict[str, Score]) -> str:
    head = (f"{'text':<34}{'gold':>5}{'tp':>5}{'fp':>4}{'fn':>4}{'P':>7}{'R':>7}{'F1':>7}"
            f"{'date':>7}{'type':>7}{'issuer':>8}")
    lines = [head, "-" * len(head)]
    total = Score()
    for name, s in scores.items():
        total.add(s)
        lines.append(_row(name, s))
    lines += ["-" * len(head), _row("overall", total)]
    if total.notes:
        lines += ["", "differences:"] + [f"  {m}" for m in total.notes]
    return "\n".join(lines) + "\n"


def _row(name: str, s: Score) -> str:
    acc = "".join(f"{s.accuracy(k):>{8 if k == 'issuer' else 7}.3f}" for k in FIELDS)
    return (f"{name:<34}{s.tp + s.fn:>5}{s.tp:>5}{s.fp:>4}{s.fn:>4}"
            f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{acc}")


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {name: score(name, load_gold(name),
                        citation_records((TEXTS / f"{name}.txt").read_text(encoding="utf-8")))
            for name in NAMES}


def test_annotated_set_is_complete():
    assert len(NAMES) >= 10
    assert {p.stem for p in TEXTS.glob("*.txt")} == set(NAMES)
    assert sum(1 for n in NAMES if n.startswith("seed_")) == 4


def test_precision_and_recall_of_detection(scores: dict[str, Score],
                                           tmp_path_factory: pytest.TempPathFactory):
    report = table(scores)
    print("\n" + report)
    (tmp_path_factory.mktemp("accuracy") / "accuracy.txt").write_text(report, encoding="utf-8")
    total = Score()
    for s in scores.values():
        total.add(s)
    assert total.precision >= THRESHOLD and total.recall >= THRESHOLD, report
    for key in FIELDS:  # fields are reported; a large drop is a regression too
        assert total.accuracy(key) >= 0.9, report


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("seed_")])
def test_cite_command_on_each_seed_prints_exactly_the_annotation(name: str):
    result = CliRunner().invoke(cli, ["cite", str(TEXTS / f"{name}.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    printed = {(r["symbol"], r["start"], r["end"]) for r in records}
    assert len(printed) == len(records)
    assert printed == {(g.symbol, g.start, g.end) for g in load_gold(name)}
    text = read_text(name)
    assert all(text[r["start"]:r["end"]] == r["surface"] for r in records)


@pytest.mark.parametrize("name", NAMES)
def test_every_gold_surface_carries_its_symbol(name: str):
    """Guards the annotation itself: the surface as written contains the symbol's number (or "Chỉ thị 05")."""
    text = read_text(name)
    for g in load_gold(name):
        number = number_of(g.symbol or g.number)
        assert number and number in text[g.start:g.end], (name, g)


def test_own_header_number_is_left_out_only_in_the_head_of_a_document():
    head = "ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 125/UBND-VX\nV/v thực hiện Chỉ thị số 19/CT-TTg\n\n"
    body = "\n".join(["Đoạn văn."] * 20) + "\nSố 12-KH/HU đã đề ra mục tiêu.\n"
    records = citation_records(head + body)
    assert [r["symbol"] for r in records] == ["19/CT-TTg", "12-KH/HU"]
    records = citation_records("**Số:** 5-KH/TU\n\nTheo Kế hoạch số 5-KH/TU.")
    assert [r["symbol"] for r in records] == ["05-KH/TU"]


def test_number_is_as_written():
    records = citation_records("Chỉ thị số 05 - CT/TW ngày 15/5/2016 của Bộ Chính trị. Sơ kết Chỉ thị 05 và "
                               "Công văn số 52/VHTT.")
    assert [(r["number"], r["symbol"]) for r in records] == [
        ("05 - CT/TW", "05-CT/TW"), ("05", "05-CT/TW"), ("52/VHTT", "52/VHTT")]
