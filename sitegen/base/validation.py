"""Pydantic validation errors -> Vietnamese diagnostics at the field's file line."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.yamldoc import Path, line_of

# Custom error types whose message already says what was expected.
_SELF_EXPLAINED = ("unknown_type", "date_format", "date_invalid", "bad_symbol")


def translate_error(error: Any, model: type[BaseModel], lines: dict[Path, int], file: str,
                    offset: int) -> Diagnostic:
    loc: Path = tuple(error["loc"])
    field = ".".join(str(p) for p in loc)
    label = _label(model, loc)
    kind = error["type"]
    hint = None
    if kind == "missing":
        message = catalog.MSG["missing"].format(field=field, label=label)
    elif kind == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        message = catalog.MSG["unknown_field"].format(field=field)
        hint = (catalog.MSG["did_you_mean"].format(value=close[0]) if close
                else catalog.MSG["valid_fields"].format(fields=", ".join(known)))
    elif kind in catalog.PYDANTIC:
        expected = catalog.MSG["only_accepts"].format(expected=error.get("ctx", {}).get("expected", ""))
        message = catalog.PYDANTIC[kind].format(field=field, label=label, expected=expected)
    else:
        message = catalog.MSG["invalid"].format(field=field, label=label, detail=error["msg"])
    if kind in _SELF_EXPLAINED:
        message = catalog.MSG["field_problem"].format(field=field, label=label, detail=error["msg"])
    return Diagnostic("error", kind.replace("_", "-"), file, offset + line_of(lines, loc), message,
                      field=field, hint=hint)


def _submodel(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            return current if isinstance(part, int) else None
        annotation = current.model_fields[part].annotation
        args = getattr(annotation, "__args__", ())
        nested = [a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)]
        current = nested[0] if nested else None
    return current


def _field_names(model: type[BaseModel], loc: Path) -> list[str]:
    sub = _submodel(model, loc)
    return list(sub.model_fields) if sub else []


def _label(model: type[BaseModel], loc: Path) -> str:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return ""
    parent = _submodel(model, tuple(names[:-1]))
    info = parent.model_fields.get(names[-1]) if parent else None
    return (info.title or names[-1]) if info else names[-1]


