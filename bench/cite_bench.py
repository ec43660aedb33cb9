"""Citation detection on 1 MB of adversarial text per case: the linear-time target of issue 14 (< 1 s each).

    .venv/bin/python bench/cite_bench.py [--runs N]

The cases are those whose growth from 100 KB to 1 MB tests/test_cite_detect.py tests (linear, not timed);
here each is timed at 1 MB, the median of N runs (default 3), as CPU time of this process and wall time. The
machine is shared: CPU time is the figure to compare with the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import tree  # this tree's sitegen first: bench/tree.py

tree.own()
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_cite_detect import ADVERSARIAL  # noqa: E402

from sitegen.cite.detect import forget_scans  # noqa: E402
from sitegen.cite.document import find_citations  # noqa: E402

TARGET = 1.0  # seconds for 1 MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'case':<20}{'MB':>6}{'found':>8}{'cpu s':>8}{'wall s':>8}  target < {TARGET:.1f} s (cpu)")
    worst = 0.0
    for name, text in sorted(ADVERSARIAL.items()):
        cpu, wall, found = [], [], 0
        for _ in range(args.runs):
            forget_scans()  # a cold scan each run
            c0, w0 = time.process_time(), time.perf_counter()
            found = len(find_citations(text))
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
        mb = len(text.encode("utf-8")) / 1_000_000
        per_mb = statistics.median(cpu) / mb
        worst = max(worst, per_mb)
        print(f"{name:<20}{mb:>6.2f}{found:>8}{statistics.median(cpu):>8.2f}{statistics.median(wall):>8.2f}"
              f"{'' if per_mb < TARGET else '  over'}")
    print(f"worst: {worst:.2f} s of CPU per MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
