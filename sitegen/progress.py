"""Progress of a long build, stage by stage: a bar per stage on a terminal (rich), plain lines where output
is a log (CI, a pipe, a file), nothing when asked to be quiet.

The build reports `(stage, done, total)` (build.Progress; total 0: a stage whose size is not counted); a
stage ends when the next one starts or the build ends (`close`). Only long builds show anything: a site of
fewer than MIN_SOURCES sources builds in seconds and its log stays as it was.

rich draws without its refresh thread (`auto_refresh=False`, redrawn here at most REFRESH times a second): the
render stage forks its workers only while the process runs one thread (render/pool.py).
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from sitegen.base import catalog

if TYPE_CHECKING:  # rich is imported when a bar is drawn: a build in CI or a pipe never needs it (~0.05 s)
    from rich.progress import Progress, TaskID

MIN_SOURCES = 200  # below this many sources (the load stage's total), a build shows no progress
STAGES = ("load", "parse", "assemble", "render", "search", "write")  # shown; config and sources are instant
REFRESH = 10  # redraws per second at most
LOG_EVERY = 10.0  # seconds between two lines about the same stage in a log


class StageProgress:
    """Callable as build.Progress. `mode`: "bar" (a terminal), "lines" (a log) or "off"; by default "bar"
    when `stream` is a terminal, else "lines"."""

    def __init__(self, stream: TextIO | None = None, mode: str | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.mode = mode or ("bar" if self.stream.isatty() else "lines")
        self.shown = False  # a long build: MIN_SOURCES reached
        self.stage: str | None = None
        self.done = self.total = 0
        self.started = self.logged = self.drawn = 0.0
        self._bars: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.mode == "off" or stage not in STAGES:
            return
        if stage == "load" and total >= MIN_SOURCES:
            self.shown = True
        if not self.shown:
            return
        now = time.monotonic()
        if stage != self.stage:
            self._end()
            self.stage, self.started, self.logged = stage, now, now
            self._begin(stage)
        self.done, self.total = done, total
        if self._bars is not None and self._task is not None:
            self._bars.update(self._task, completed=done, total=total or None,
                              count=f"{done}/{total}" if total else "")
            if now - self.drawn >= 1 / REFRESH or (total and done >= total):
                self._bars.refresh()
                self.drawn = now
        elif self.mode == "lines" and total and done < total and now - self.logged >= LOG_EVERY:
            self._line(catalog.MSG["progress_running"].format(label=self._label(), done=done, total=total))
            self.logged = now

    def close(self) -> None:
        """The build is over: the last stage ends, the bars stay on the terminal as they are."""
        self._end()
        if self._bars is not None:
            self._bars.stop()
            self._bars = None

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _label(self) -> str:
        return catalog.MSG[f"progress_{self.stage}"]

    def _begin(self, stage: str) -> None:
        if self.mode != "bar":
            return
        if self._bars is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream, highlight=False)
            self._bars = Progress(TextColumn("{task.description}"), BarColumn(),
                                  TextColumn("{task.fields[count]}"), TimeElapsedColumn(), console=console,
                                  auto_refresh=False,
                                  redirect_stdout=False, redirect_stderr=False)
            self._bars.start()
        self._task = self._bars.add_task(self._label(), total=None, count="")

    def _end(self) -> None:
        if self.stage is None:
            return
        seconds = time.monotonic() - self.started
        if self._bars is not None and self._task is not None:
            total = self.total or 1  # an uncounted stage is whole when it ends
            self._bars.update(self._task, completed=total, total=total,
                              count=f"{self.total}/{self.total}" if self.total else "")
            self._bars.refresh()
        elif self.mode == "lines":
            key = "progress_counted" if self.total else "progress_uncounted"
            self._line(catalog.MSG[key].format(label=self._label(), done=self.done, total=self.total,
                                               seconds=seconds))
        self.stage, self._task = None, None

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()
