"""The serve loop benchmark: 20 edits of six kinds (bench/edits.py) on a generated corpus, each timed from the
file's save to the rebuilt output, reported as p50/p95 (nearest rank) and per kind.

    .venv/bin/python bench/serve_loop.py /tmp/sitegen-bench/site-10000 /tmp/sitegen-bench/serve-10000
    .venv/bin/python bench/serve_loop.py SITE OUT --e2e     # through a real `sitegen serve` process

In-process (the default): what serve's rebuild does, `build(...)` with serve's options and its in-memory
cache, fed by serve's own watcher (its watchdog observer says which files changed; its thread is alive, so
rendering runs as it does in serve). Timed from the write of the file to build's return (output written),
the watcher's notice included, serve's debounce not. The search index is not part of it: serve keeps the
last index and re-indexes in the background; nor is citations.json, which serve writes after the reload
(its CPU reported apart: deferred_cpu_ms).

--e2e: a `sitegen serve` process; each edit is timed from the write to the live-reload event the browser
gets (watchdog's notice, serve's debounce, the rebuild), and serve's background re-indexing runs as it does
for an editor. Results: one JSON object on stdout (--json FILE writes it there too).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import tree  # noqa: E402  (this tree's sitegen first: bench/tree.py)

tree.own()

from edits import KINDS, Corpus  # noqa: E402
from measure import TreeSampler, percentile, stats  # noqa: E402


def summary(times: list[tuple[str, str, float, int]]) -> dict[str, Any]:
    values = [t for _, _, t, _ in times]
    kinds = {
        k: stats([t for kind, _, t, _ in times if kind == k])
        for k in KINDS
        if any(kind == k for kind, *_ in times)
    }
    return {
        "p50_ms": percentile(values, 50) * 1000,
        "p95_ms": percentile(values, 95) * 1000,
        "max_ms": max(values) * 1000,
        "n": len(values),
        "by_kind_ms": {k: {"median": v["median"] * 1000, "max": v["max"] * 1000} for k, v in kinds.items()},
        "edits": [{"kind": k, "file": f, "ms": round(t * 1000, 1), "rendered": r} for k, f, t, r in times],
    }


def cpu_time() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class Watched:
    """serve's watcher (its watchdog observer and the paths it collects) without serve's rebuild thread:
    `rebuild()` waits for the events of the last edit, then builds with what serve passes (the changed paths,
    its own output trusted)."""

    def __init__(self, site: Path, out: Path) -> None:
        from sitegen.build import Deferred
        from sitegen.commands.serve import Rebuilder, watch
        from sitegen.pipeline.cache import BuildCache

        self.site, self.out, self.cache = site, out, BuildCache()
        self.deferred = Deferred()  # citations.json, which serve writes after the reload
        self.rebuilder = Rebuilder(site, lambda: None)
        self.observer = watch(site, self.rebuilder)

    def rebuild(self, edited: bool = True) -> Any:
        from sitegen.build import BuildOptions, build
        from sitegen.commands.serve import keep_heap

        while edited and not self.rebuilder.wanted.is_set():  # the edit's events have not come yet
            time.sleep(0.002)
        time.sleep(0.01 if edited else 0)  # a save's last events (a rename after a write)
        self.rebuilder.wanted.clear()
        options = BuildOptions(out=self.out, keep_search=True, in_place=True, changed=self.rebuilder.take(),
                               trust_output=True, deferred=self.deferred)
        result = build(self.site, options, cache=self.cache)
        assert result.written and not result.errors, [d.format() for d in result.errors]
        if not edited:
            keep_heap()  # as serve does after its first build
        return result

    def write_deferred(self) -> list[str]:
        """What serve writes after the reload (citations.json), outside the edit's time, as its search index
        is."""
        from sitegen.build import write_deferred

        return write_deferred(self.out, self.cache, self.deferred)

    def stop(self) -> None:
        self.observer.stop()


def in_process(site: Path, out: Path, with_document_template: bool) -> dict[str, Any]:
    corpus = Corpus(site)
    shutil.rmtree(out, ignore_errors=True)
    watched = Watched(site, out)
    rebuild = watched.rebuild

    start = time.perf_counter()
    rebuild(edited=False)
    first = time.perf_counter() - start
    times: list[tuple[str, str, float, int]] = []
    stages: dict[str, dict[str, int]] = {}  # edit -> stage -> ms, and how many outputs were examined
    try:
        corpus.warm_up().apply()
        rebuild()
        watched.write_deferred()
        cpu: list[float] = []  # CPU seconds of each edit's rebuild (this process and its render workers)
        deferred_cpu: list[float] = []  # CPU seconds of each write after the reload (citations.json)
        for edit in corpus.plan():
            start, used = time.perf_counter(), cpu_time()
            edit.apply()
            result = rebuild()
            times.append((edit.kind, edit.label, time.perf_counter() - start, len(result.rendered)))
            cpu.append(cpu_time() - used)
            later = cpu_time()
            written = watched.write_deferred()
            if written:
                deferred_cpu.append(cpu_time() - later)
            stages[edit.label] = {k: round(v * 1000) for k, v in result.timings.items()}
            stages[edit.label]["contexts"] = len(result.contexts)
            ms, pages = times[-1][2] * 1000, len(result.rendered)
            line = (f"  {edit.kind:13} {edit.label:40} {ms:8.0f} ms (CPU {cpu[-1] * 1000:.0f} ms) "
                    f"{pages} pages {stages[edit.label]}")
            print(line, file=sys.stderr, flush=True)
        report = {"mode": "in-process", "first_build_s": first, **summary(times), "stages_ms": stages,
                  # on a loaded machine, wall time waits for other processes: CPU time is what the edit cost
                  "cpu_p50_ms": percentile(cpu, 50) * 1000, "cpu_p95_ms": percentile(cpu, 95) * 1000,
                  "cpu_ms": [round(c * 1000, 1) for c in cpu],
                  "deferred_cpu_ms": [round(c * 1000, 1) for c in deferred_cpu]}
        if with_document_template:
            create, remove = corpus.every_document_template()
            start = time.perf_counter()
            create.apply()
            result = rebuild()
            report["every_document_template_ms"] = (time.perf_counter() - start) * 1000
            report["every_document_template_rendered"] = len(result.rendered)
            remove.apply()
            rebuild()
    finally:
        corpus.restore()
        watched.stop()
    return report


class Events:
    """The live-reload event stream of a serve process: (time, event name) of each event, as they arrive."""

    def __init__(self, url: str) -> None:
        self.queue: queue.Queue[tuple[float, str]] = queue.Queue()
        self.response = urllib.request.urlopen(url, timeout=600)  # noqa: S310 - our own local server
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in self.response:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("event: "):
                self.queue.put((time.perf_counter(), line[len("event: ") :]))

    def next_build(self, timeout: float) -> tuple[float, str]:
        """The next reload (or errors) event: the end of a rebuild."""
        deadline = time.perf_counter() + timeout
        while True:
            when, name = self.queue.get(timeout=max(0.1, deadline - time.perf_counter()))
            if name in ("reload", "errors"):
                return when, name

    def drain(self) -> None:
        while not self.queue.empty():
            self.queue.get_nowait()


def end_to_end(site: Path, out: Path, pause: float) -> dict[str, Any]:
    corpus = Corpus(site)
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        str(Path(sys.executable).parent / "sitegen"),
        "serve",
        "--site",
        str(site),
        "--out",
        str(out),
        "--port",
        "0",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(proc.pid, interval=0.2).start()
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append(line.rstrip())
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    times: list[tuple[str, str, float, int]] = []
    try:
        url = None
        while url is None:
            line = lines.get(timeout=1800)
            if m := re.search(r"(http://127\.0\.0\.1:\d+/)", line):
                url = m.group(1)
        first = time.perf_counter() - start
        events = Events(url + "__sitegen/events")
        time.sleep(1.0)
        for number, edit in enumerate([corpus.warm_up(), *corpus.plan()]):
            events.drain()
            begin = time.perf_counter()
            edit.apply()
            when, name = events.next_build(timeout=600)
            assert name == "reload", f"{edit.label}: the rebuild failed: {log[-5:]}"
            if number:  # the first is the warm-up
                rendered = next(
                    (
                        int(m.group(1))
                        for line in reversed(log[-5:])
                        if (m := re.search(r": (\d+) trang", line))
                    ),
                    -1,
                )
                times.append((edit.kind, edit.label, when - begin, rendered))
                print(
                    f"  {edit.kind:13} {edit.label:40} {(when - begin) * 1000:8.0f} ms",
                    file=sys.stderr,
                    flush=True,
                )
            time.sleep(pause)
        report = {"mode": "e2e", "first_build_s": first, **summary(times)}
    finally:
        corpus.restore()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        peaks = sampler.stop()
    report["peak_rss_kb"] = {p.name: p.hwm_kb for p in sorted(peaks, key=lambda p: p.hwm_kb)}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--e2e", action="store_true", help="through a real `sitegen serve` process")
    parser.add_argument(
        "--pause", type=float, default=2.0, help="e2e: seconds between a reload and the next edit"
    )
    parser.add_argument(
        "--document-template",
        action="store_true",
        help="also time a change to the template of every document page (not in p50/p95)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = (
        end_to_end(args.site, args.out, args.pause)
        if args.e2e
        else in_process(args.site, args.out, args.document_template)
    )
    if not args.e2e:
        import resource

        report["peak_rss_kb"] = {
            "serve": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        }
    text = json.dumps(report, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
