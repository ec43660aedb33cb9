"""Peak RSS per stage of one cold build, and of every process of it (render workers, Pagefind).

    .venv/bin/python bench/stage_memory.py SITE OUT [--search]

The build runs in a child process (so that it forks its render workers as `sitegen build` does: a sampling
thread in the building process would make it render in one process); the child reads its own high-water mark
(`VmHWM`) at each stage boundary and resets it (`/proc/self/clear_refs`), so each row is the peak within that
stage; the parent samples every process of the tree (bench/measure.py). SITE's `.sitegen-cache/` and OUT are
deleted first: a cold build.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import tree  # this tree's sitegen first: bench/tree.py

tree.own()


def _status() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) // 1024
    return out


def inner(site: Path, out: Path, search: bool) -> None:
    from sitegen import build as b

    rows: list[tuple[str, int, int, float]] = []
    current, start = ["sources"], time.perf_counter()  # config and sources tell no progress

    def mark(name: str) -> None:
        status = _status()
        rows.append((current[0], status["VmHWM"], status["VmRSS"], time.perf_counter() - start))
        Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from here
        current[0] = name

    def progress(stage: str, done: int, total: int) -> None:
        if stage != current[0]:
            mark(stage)

    save = b.save_cache

    def saving(*args: Any, **kwargs: Any) -> None:
        mark("cache_save")
        save(*args, **kwargs)
        mark("end")

    b.save_cache = saving  # type: ignore[assignment]
    result = b.build(site, b.BuildOptions(out=out, search=search, progress=progress))
    if current[0] != "end":
        mark("end")
    if result.errors:
        raise SystemExit(str(result.errors[:3]))
    print(f"{'stage':12} {'peak MB':>8} {'RSS at its end MB':>18} {'s':>7}")
    for name, peak, rss, when in rows:
        print(f"{name:12} {peak:8} {rss:18} {when:7.1f}")
    print("stage times:", {k: round(v, 1) for k, v in result.timings.items()})


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    site, out, search = Path(args[0]), Path(args[1]), "--search" in sys.argv
    if "--inner" in sys.argv:
        inner(site, out, search)
        return
    from measure import run

    shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    done = run([sys.executable, __file__, *sys.argv[1:], "--inner"])
    print(done.stdout, end="")
    peaks = ", ".join(f"{name} {kb // 1024}" for name, kb in sorted(done.peak_by_name().items()))
    print(f"peak MB by process: {peaks}; wall {done.wall:.1f} s, CPU {done.cpu:.1f} s")


if __name__ == "__main__":
    main()
