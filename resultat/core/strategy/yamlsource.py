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


# libyaml's parser when PyYAML was built with it (the wheels are): about ten times faster
# than the pure-Python one, with the same events, nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40  # a strategy file nests about 8 levels; PyYAML's composer recurses per level


def _check_events(text: str) -> None:
    """Refuse, before anything is built, what makes a small file expensive: aliases
    (``*name``; nested ones are the "billion laughs", a recursive one never ends) and
    nesting deeper than ``MAX_DEPTH`` (a RecursionError in the composer). The parser
    itself is iterative, so this pass is linear in the file."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlSyntaxError(
                f"YAML-alias (*{event.anchor}) används inte i strategifiler; skriv ut värdet", event.start_mark.line + 1,
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(f"för djup nästling (mer än {MAX_DEPTH} nivåer)", event.start_mark.line + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def load_with_lines(text: str) -> tuple[Any, dict[tuple, int]]:
    try:
        _check_events(text)
        node = yaml.compose(text, Loader=_Loader)
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


def _construct(constructor: yaml.SafeLoader, node: yaml.Node) -> Any:
    """One scalar (or key) as PyYAML builds it; its failures name the line."""
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:  # e.g. an unknown tag
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlSyntaxError(f"YAML-fel: {problem}", node.start_mark.line + 1) from exc
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. the date 2025-02-30
        raise YamlSyntaxError(f"YAML-fel: ogiltigt värde {node.value!r:.60} ({exc})", node.start_mark.line + 1) from exc


def _build(node: yaml.Node, path: tuple, lines: dict[tuple, int], constructor: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError("en nyckel ska vara en enkel text, inte en lista eller mappning", key_node.start_mark.line + 1)
            key = _construct(constructor, key_node)
            if key in result:
                raise YamlSyntaxError(f"nyckeln {key!r} förekommer två gånger", key_node.start_mark.line + 1)
            result[key] = _build(value_node, (*path, key), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*path, i), lines, constructor) for i, child in enumerate(node.value)]
    return _construct(constructor, node)
