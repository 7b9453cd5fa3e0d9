"""YAML with line numbers: every value knows the line it came from.

``load_with_lines(text)`` returns ``(data, lines)`` where ``lines`` maps a path
tuple such as ``("priorities", 0, "subpriorities", 2, "goal")`` to the
1-based line number of that value in the file.
"""

from __future__ import annotations

from typing import Any

import yaml

from resultat.core.i18n import N_, Message
from resultat.core.yamlsafe import Loader as _Loader
from resultat.core.yamlsafe import YamlError, check_events

# The strategy loader's errors are the shared YAML reader's (aliases and deep nesting
# are refused there, before anything is built).
YamlSyntaxError = YamlError


def load_with_lines(text: str) -> tuple[Any, dict[tuple, int]]:
    try:
        check_events(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlSyntaxError(Message(N_("YAML-syntaxfel: %(problem)s"), problem=problem), line) from exc
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
        raise YamlSyntaxError(Message(N_("YAML-fel: %(problem)s"), problem=problem), node.start_mark.line + 1) from exc
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. the date 2025-02-30
        raise YamlSyntaxError(Message(N_("YAML-fel: ogiltigt värde %(value)s (%(exc)s)"), value=repr(node.value)[:60], exc=exc), node.start_mark.line + 1) from exc


def _build(node: yaml.Node, path: tuple, lines: dict[tuple, int], constructor: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError(Message(N_("en nyckel ska vara en enkel text, inte en lista eller mappning")), key_node.start_mark.line + 1)
            key = _construct(constructor, key_node)
            if key in result:
                raise YamlSyntaxError(Message(N_("nyckeln %(key)r förekommer två gånger"), key=key), key_node.start_mark.line + 1)
            result[key] = _build(value_node, (*path, key), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*path, i), lines, constructor) for i, child in enumerate(node.value)]
    return _construct(constructor, node)
