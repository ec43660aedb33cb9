"""YAML with positions: parse once, keep the line of every key so schema errors can name `file:line`.

Uses the libyaml C loader when present. Timestamps are not resolved: dates stay strings and the schema
parses them, so "2022-13-45" is a schema error with a message, not a constructor exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from sitegen.base import catalog

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlError(Exception):
    line: int  # 1-based, relative to the YAML text
    problem: str

    code = "yaml-syntax"

    @property
    def message(self) -> str:
        return catalog.MSG["yaml_syntax"].format(problem=self.problem)


class YamlLimit(YamlError):
    """Valid YAML beyond what any bulletin needs: aliases that expand into a bomb, nesting too deep."""

    code = "yaml-limit"

    @property
    def message(self) -> str:
        return catalog.MSG["yaml_limit"].format(problem=self.problem)


MAX_VALUES = 100_000  # values once aliases are expanded; a real front-matter has tens, a site.yaml hundreds
MAX_DEPTH = 50  # nested lists and mappings; real ones go three or four deep


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the lines YAML's marks count (a lone \r is one)


def load(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document; return its data and {path: 1-based line} for every mapping key and item."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_limits(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed bracket or quote is found lines later; the mistake is where it opened.
        if exc.context_mark and exc.context and ("flow" in exc.context or "quoted" in exc.context):
            mark = exc.context_mark
        if exc.context and "quoted" in exc.context and exc.context_mark is not None:
            start = exc.context_mark
            quote = _LINE_BREAK.split(text)[start.line][start.column:start.column + 1]
            message = catalog.YAML_UNCLOSED.get(quote, _explain(exc.problem or ""))
            raise YamlError(start.line + 1, message) from None
        if mark is not None and (opened := _unclosed_quote(text, mark.line)) is not None:
            line, quote = opened
            raise YamlError(line + 1, catalog.YAML_UNCLOSED[quote]) from None
        raise YamlError(mark.line + 1 if mark else 1, _explain(exc.problem or str(exc))) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, str(exc)) from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return data, lines


def _unclosed_quote(text: str, error_line: int) -> tuple[int, str] | None:
    """(0-based line, quote) of a quoted value left open: it ran on over the next lines and was closed by the
    opening quote of a later value, on the line where the parser then failed ('title: "a', then
    'number: "1"')."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > error_line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in catalog.YAML_UNCLOSED
                    and token.start_mark.line < token.end_mark.line == error_line):
                found = (token.start_mark.line, token.style)
    except yaml.YAMLError:
        pass  # scanning stops at the same mistake; what was seen before it is enough
    return found


def _explain(problem: str) -> str:
    return catalog.YAML_PROBLEMS.get(problem, problem)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _check_limits(root: yaml.Node) -> None:
    """Raise YamlLimit unless the document, its aliases expanded, has at most MAX_VALUES values and
    MAX_DEPTH levels. Measured on the node graph, where an alias is one shared node: linear in its size, so
    ten lines of nested aliases (a billion values once expanded) cost microseconds, not gigabytes."""
    size: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth), once its children are measured
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if ready:
            measured = [size[id(c)] for c in _children(node)]
            size[id(node)] = (1 + sum(v for v, _ in measured), 1 + max((d for _, d in measured), default=0))
            open_.discard(id(node))
            continue
        if id(node) in size:
            continue
        if id(node) in open_:  # an alias inside its own anchor: a structure without end
            raise YamlLimit(node.start_mark.line + 1, catalog.MSG["yaml_recursive"])
        open_.add(id(node))
        stack.append((node, True))
        stack += [(c, False) for c in _children(node) if id(c) not in size]
    values, depth = size[id(root)]
    if values <= MAX_VALUES and depth <= MAX_DEPTH:
        return
    line = root.start_mark.line + 1  # at the top-level key that holds the excess, when there is one
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if size[id(value)][0] > MAX_VALUES or size[id(value)][1] >= MAX_DEPTH:
                line = key.start_mark.line + 1
                break
    if values > MAX_VALUES:
        message = catalog.MSG["yaml_too_many"].format(values=_count(values), limit=_count(MAX_VALUES))
        raise YamlLimit(line, message)
    raise YamlLimit(line, catalog.MSG["yaml_too_deep"].format(depth=depth, limit=MAX_DEPTH))


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 1.000.000, as Vietnamese writes it


def _collect_lines(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            if path + (key,) in lines:
                first = lines[path + (key,)]
                raise YamlError(key_node.start_mark.line + 1,
                                catalog.MSG["duplicate_key"].format(key=key, first=first))
            lines[path + (key,)] = key_node.start_mark.line + 1
            _collect_lines(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), lines)


def line_of(lines: dict[Path, int], path: Path) -> int:
    """Line of the deepest known prefix of `path` (a missing key points at its parent)."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)
