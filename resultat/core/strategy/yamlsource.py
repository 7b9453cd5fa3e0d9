"""YAML with line numbers: every value knows the line it came from.

``load_with_lines(text)`` returns ``(data, lines)`` where ``lines`` maps a path
tuple such as ``("priorities", 0, "subpriorities", 2, "goal")`` to the
1-based line number of that value in the file.
"""

from __future__ import annotations

from typing import Any

import yaml


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def load_with_lines(text: str) -> tuple[Any, dict[tuple, int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlSyntaxError(f"YAML-syntaxfel: {problem}", line) from exc
    lines: dict[tuple, int] = {}
    if node is None:
        return None, lines
    constructor = yaml.SafeLoader("")
    data = _build(node, (), lines, constructor)
    return data, lines


def _build(node: yaml.Node, path: tuple, lines: dict[tuple, int], constructor: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if key in result:
                raise YamlSyntaxError(f"nyckeln {key!r} förekommer två gånger", key_node.start_mark.line + 1)
            result[key] = _build(value_node, (*path, key), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*path, i), lines, constructor) for i, child in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)
