"""The report printed for each imported file: what was found, what was not, what was repaired, what to
check."""

from __future__ import annotations

from sitegen.base import catalog, folders

from . import Imported

_FIX_ORDER = ("fix_nfc", "fix_nbsp", "fix_spaces", "fix_invisible", "fix_asterisks", "fix_joined",
              "fix_footnotes",
              "fix_web_tail", "fix_place")


def report_lines(imp: Imported, path: str | None) -> list[str]:
    msg = catalog.MSG
    if imp.error is not None:
        return [msg["import_failed"].format(source=imp.source, detail=imp.error)]
    kind = msg["import_kind_document"] if imp.kind == folders.DOCUMENTS else msg["import_kind_article"]
    out = [msg["import_written"].format(source=imp.source, path=path, kind=kind)]
    if imp.found:
        out.append("  " + msg["import_found"])
        out += [f"    {label}: {value}" for label, value in imp.found]
    if imp.missing or imp.absent:
        out.append("  " + msg["import_not_found"])
        out += ["    " + msg["import_missing"].format(label=label) for label in imp.missing]
        out += ["    " + msg["import_absent"].format(label=label) for label in imp.absent]
    fixes = [(key, imp.fixes.counts[key]) for key in _FIX_ORDER if imp.fixes.counts.get(key)]
    if fixes:
        out.append("  " + msg["import_fixed"])
        out += ["    " + msg[key].format(n=n) for key, n in fixes]
    if imp.checks:
        out.append("  " + msg["import_check"])
        out += [f"    {check}" for check in imp.checks]
    errors = [d for d in imp.diagnostics if d.severity == "error"]
    if errors:
        out.append("  " + msg["import_invalid"].format(count=len(errors)))
        out += ["    " + msg["import_invalid_line"].format(line=d.line, message=d.message) for d in errors]
    return out
