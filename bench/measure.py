"""Measuring helpers for the benchmarks: wall time and the peak memory of every process of a command's tree.

Peak RSS: each process's own high-water mark (`VmHWM` in /proc/PID/status, kept by the kernel, so a sample
taken late still sees the peak) read every `interval` seconds for the command and all its descendants
(parse and render workers, Pagefind's binary); a process that lives less than one interval can be missed,
so the kernel's figure for the whole tree (`wait4`'s ru_maxrss: the largest of the command and its waited-for
descendants) is kept beside it. Percentiles are nearest-rank.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ProcessPeak:
    pid: int
    name: str  # what the process is: "sitegen", "worker", "pagefind", "hugo", ...
    hwm_kb: int


@dataclass
class Run:
    wall: float
    returncode: int
    stdout: str
    stderr: str
    peaks: list[ProcessPeak] = field(default_factory=list)
    tree_max_kb: int = 0  # wait4's ru_maxrss
    cpu: float = 0.0  # user + system seconds of the command and its waited-for descendants (wait4)

    @property
    def peak_kb(self) -> int:
        """The largest single process of the run (sampled, or the kernel's figure if that is larger)."""
        return max([self.tree_max_kb, *(p.hwm_kb for p in self.peaks)])

    def peak_by_name(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.peaks:
            out[p.name] = max(out.get(p.name, 0), p.hwm_kb)
        return out


def _children(pid: int) -> list[int]:
    """The children of every thread of `pid` (the search stage starts its Pagefind runs from pool threads: a
    child is listed under the thread that started it)."""
    out = []
    for task in sorted(Path(f"/proc/{pid}/task").glob("*")):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _tree(root: int) -> list[int]:
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += _children(pid)
    return out


def _hwm_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _name(pid: int, root: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    exe = os.path.basename(argv[0].decode(errors="replace")) if argv and argv[0] else "?"
    text = b" ".join(argv).decode(errors="replace")
    if "pagefind" in exe or "pagefind_bin" in text:
        return "pagefind"
    if exe.startswith("hugo"):
        return "hugo"
    if exe.startswith(("chrom", "headless")):
        return "chromium"
    if pid == root or "sitegen" in exe:
        return "sitegen"
    if exe.startswith("python"):
        return "sitegen worker"
    return exe


class TreeSampler:
    """Samples the peak RSS of every process under `root` until stopped."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root, self.interval = root, interval
        self.peaks: dict[int, ProcessPeak] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> list[ProcessPeak]:
        self._stop.set()
        self._thread.join()
        return sorted(self.peaks.values(), key=lambda p: -p.hwm_kb)

    def sample(self) -> None:
        for pid in _tree(self.root):
            hwm = _hwm_kb(pid)
            if hwm is None:
                continue
            name = _name(pid, self.root)
            known = self.peaks.get(pid)
            if known is None or (name != known.name and name != "?"):  # "?": its command line unreadable
                # New, or it exec'd (Pagefind is forked from sitegen, then exec'd): what it held before was
                # the forked copy of its parent, and the kernel's high-water mark starts again with exec.
                self.peaks[pid] = ProcessPeak(pid, name, hwm)
            elif hwm > known.hwm_kb:
                known.hwm_kb = hwm

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)


def run(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
    input_text: str | None = None,
) -> Run:
    """Run `cmd` to completion, timing it and sampling the memory of its process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
    )
    sampler = TreeSampler(proc.pid).start()
    out: dict[str, str] = {}

    def drain(name: str, stream: Any) -> None:
        out[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=("stdout", proc.stdout)),
        threading.Thread(target=drain, args=("stderr", proc.stderr)),
    ]
    for t in readers:
        t.start()
    if input_text is not None:
        assert proc.stdin is not None
        proc.stdin.write(input_text)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    peaks = sampler.stop()
    for t in readers:
        t.join()
    result = Run(wall, proc.returncode, out.get("stdout", ""), out.get("stderr", ""), peaks, usage.ru_maxrss,
                 usage.ru_utime + usage.ru_stime)
    if check and proc.returncode:
        raise SystemExit(
            f"failed ({proc.returncode}): {' '.join(cmd)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def stats(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def du(path: Path, skip: str | None = None) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not (skip and skip in p.parts))
