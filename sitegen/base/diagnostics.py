"""Errors are data: every problem an editor can cause is a Diagnostic, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sitegen.base import catalog

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str  # stable machine code, e.g. "yaml-syntax", "missing-field"
    file: str  # path relative to the site folder, "/"-separated
    line: int  # 1-based; 0 when the whole file is meant
    message: str  # Vietnamese, for the editor
    field: str | None = None
    hint: str | None = None
    column: int = 0

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = catalog.MSG["report_error" if self.severity == "error" else "report_warning"]
        text = f"{where}: {label}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

