"""Issue 18's edit figures at one corpus size, quicker than `make bench`: the serve loop three times (the
medians of their p50 and p95), the CLI build after one edit (body, title, new citation) after a cold publish
build, and `hugo server`'s own rebuild time after an edit, with the load average before and after.

    .venv/bin/python bench/edit_figures.py /tmp/sitegen-bench/site-10000 serve cli hugo

The corpus comes from bench/make_corpus.py. Writes /tmp/sitegen-bench/edit-figures-<what>-<site>.json.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import tree  # noqa: E402  (this tree's sitegen first: bench/tree.py)

tree.own()

import beside_hugo as hugo  # noqa: E402
from edits import Corpus  # noqa: E402
from measure import run  # noqa: E402
from run import BIN, WORK, stages  # noqa: E402


def serve(site: Path) -> dict[str, Any]:
    loops = []
    for i in range(3):
        r = run([sys.executable, str(ROOT / "bench/serve_loop.py"), str(site),
                 str(WORK / f"serve-{site.name}")])
        data = json.loads(r.stdout.splitlines()[-1]) | {"peak_kb": r.peak_kb, "load": os.getloadavg()}
        loops.append(data)
        print(f"serve loop {i + 1}: p50 {data['p50_ms']:.0f} ms, p95 {data['p95_ms']:.0f} ms, "
              f"load {data['load']}", flush=True)
    return {"p50_ms": statistics.median(r["p50_ms"] for r in loops),
            "p95_ms": statistics.median(r["p95_ms"] for r in loops), "runs": loops}


def cli(site: Path) -> dict[str, Any]:
    out = WORK / f"out-{site.name}"
    shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(BIN / "sitegen"), "build", "--site", str(site), "--out", str(out), "-v"]
    cold = run(cmd)
    print(f"publish (cold + search) {cold.wall:.1f} s, stages {stages(cold)}", flush=True)
    corpus, edits = Corpus(site), list[dict[str, Any]]()
    try:
        for edit in corpus.cli_plan():
            edit.apply()
            r = run(cmd)
            edits.append({"kind": edit.kind, "wall": r.wall, "stages": stages(r), "peak_kb": r.peak_kb,
                          "load": os.getloadavg()})
            print(f"cli edit ({edit.kind}) {r.wall:.2f} s, stages {stages(r)}", flush=True)
    finally:
        corpus.restore()
    return {"publish": {"wall": cold.wall, "stages": stages(cold), "peak_kb": cold.peak_kb},
            "median_s": statistics.median(e["wall"] for e in edits),
            "search_median_s": statistics.median(e["stages"].get("search", 0) for e in edits), "edits": edits}


def main() -> None:
    site, what = Path(sys.argv[1]), sys.argv[2:]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    report: dict[str, Any] = {"site": str(site), "commit": commit.stdout.strip()}
    report["load_before"] = os.getloadavg()
    if "serve" in what:
        report["serve"] = serve(site)
    if "cli" in what:
        report["cli"] = cli(site)
    if "hugo" in what:
        dest = WORK / f"hugo-{site.name}"
        hugo.hugo_site(site, dest)
        report["hugo_server_edit_s"] = hugo.server_edits(dest, 3)
    report["load_after"] = os.getloadavg()
    target = WORK / f"edit-figures-{'-'.join(what)}-{site.name}.json"
    target.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k not in ("serve", "cli")}), flush=True)


if __name__ == "__main__":
    main()
