"""Profiles behind bench/README.md's explanations: where the time of a cold build and of one edit goes.

    .venv/bin/python bench/profile_build.py cold SITE   # py-spy over the process tree (workers included)
    .venv/bin/python bench/profile_build.py edit SITE   # cProfile of serve's rebuild: a body, a title edit

`cold` samples `sitegen build --no-search` and its worker processes with py-spy (100 Hz) and sums the samples
by function: "self" is time in the function itself, "total" includes what it calls; seconds are samples /
rate, summed over processes (CPU time, not wall). `edit` runs serve's loop in this process
(bench/serve_loop.py's way) and profiles the rebuilds with cProfile. Both write a text summary to
BENCH_DIR/profile-*.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
import tree  # noqa: E402  (this tree's sitegen first: bench/tree.py)

tree.own()

from edits import Corpus  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/sitegen-bench"))  # noqa: S108 - a scratch folder, BENCH_DIR
RATE = 100


def _frame(frame: str) -> str:
    """py-spy's "function (file.py:line)" -> "function (file.py)": one row per function, not per line."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit(':', 1)[0].rsplit('/', 1)[-1].rstrip(')')})" if where else name


def summarize_raw(raw: Path, top: int) -> str:
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    samples = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [_frame(f) for f in stack.split(";")]
        samples += n
        own[frames[-1]] += n
        for name in set(frames):
            total[name] += n
    lines = [f"{samples / RATE:.1f} s of samples (CPU time over all processes)", "",
             "self s  total s  function"]
    for name, n in own.most_common(top):
        lines.append(f"{n / RATE:6.1f} {total[name] / RATE:8.1f}  {name}")
    lines += ["", "total s  function (by inclusive time)"]
    for name, n in total.most_common(top):
        lines.append(f"{n / RATE:7.1f}  {name}")
    return "\n".join(lines)


def cold(site: Path, top: int) -> str:
    out = WORK / f"profile-out-{site.name}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
    raw = WORK / f"profile-cold-{site.name}.raw"
    cmd = [str(BIN / "py-spy"), "record", "--subprocesses", "--rate", str(RATE), "--format", "raw",
           "--nonblocking", "-o", str(raw), "--", str(BIN / "sitegen"), "build", "--site", str(site),
           "--out", str(out), "-v", "--no-search"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    stages = "\n".join(line for line in done.stdout.splitlines() + done.stderr.splitlines() if " ms" in line)
    return f"cold build, wall {wall:.1f} s under py-spy\n{stages}\n\n{summarize_raw(raw, top)}"


def edit(site: Path, top: int, every_kind: bool = False) -> str:
    from serve_loop import Watched

    out = WORK / f"profile-serve-{site.name}"
    shutil.rmtree(out, ignore_errors=True)
    watched = Watched(site, out)  # as in serve: its watcher says what changed
    collections: dict[int, list[float]] = {}  # generation -> seconds of each collection (gc.callbacks)
    began = [0.0]

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            collections.setdefault(info["generation"], []).append(time.perf_counter() - began[0])

    gc.callbacks.append(timed)
    watched.rebuild(edited=False)
    corpus = Corpus(site)
    report = []
    try:
        corpus.warm_up().apply()
        watched.rebuild()
        # a body edit, a title edit, a new citation; or the serve loop's 20 edits
        for one in corpus.plan() if every_kind else corpus.cli_plan():
            profiler = cProfile.Profile()
            collections.clear()
            start = time.perf_counter()
            one.apply()
            profiler.enable()
            result = watched.rebuild()
            profiler.disable()
            wall = time.perf_counter() - start
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
            timings = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in result.timings.items())
            pages = len(result.rendered)
            gcs = ", ".join(f"gen {g}: {len(t)} in {sum(t) * 1000:.0f} ms"
                            for g, t in sorted(collections.items()))
            report.append(f"{one.kind} edit ({one.label}): {wall * 1000:.0f} ms, {pages} pages rendered; "
                          f"{timings}; garbage collections {gcs or 'none'}\n{text.getvalue()}")
    finally:
        corpus.restore()
        watched.stop()
    return "\n\n".join(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["cold", "edit"])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--every-kind", action="store_true", help="edit: the serve loop's 20 edits")
    args = parser.parse_args()
    text = cold(args.site, args.top) if args.what == "cold" else edit(args.site, args.top, args.every_kind)
    target = WORK / f"profile-{args.what}-{args.site.name}.txt"
    target.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\n(written to {target})")


if __name__ == "__main__":
    main()
