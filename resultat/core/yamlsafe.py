"""Reading YAML that a person may have written: one safe reader for every data file.

``safe_load(text)`` is ``yaml.safe_load`` through libyaml (when PyYAML has it) with two
refusals made before anything is built, so a small file cannot be made expensive:

* aliases (``*name``): nested ones are the "billion laughs" (500 bytes, gigabytes of
  memory), a recursive one never ends; none of Resultat's formats needs them;
* nesting deeper than ``MAX_DEPTH`` levels (PyYAML's composer recurses per level).

Failures are ``YamlError`` with the 1-based line. Plain Python, no Django.
"""

from __future__ import annotations

from typing import Any

import yaml

from resultat.core.i18n import N_, Message

# libyaml's parser when PyYAML was built with it (the wheels are): about ten times faster
# than the pure-Python one, with the same events, nodes and marks.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 40  # the deepest of Resultat's formats nests about 8 levels


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def check_events(text: str) -> None:
    """Refuse aliases and deep nesting; linear in the file (the parser is iterative)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(Message(N_("YAML-alias (*%(anchor)s) används inte i de här filerna; skriv ut värdet"), anchor=event.anchor), event.start_mark.line + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(Message(N_("för djup nästling (mer än %(MAX_DEPTH)s nivåer)"), MAX_DEPTH=MAX_DEPTH), event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from exc


def _syntax_error(exc: yaml.YAMLError) -> YamlError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return YamlError(Message(N_("YAML-syntaxfel: %(problem)s"), problem=problem), mark.line + 1 if mark is not None else None)


def safe_load(text: str) -> Any:
    """Plain data (dicts, lists, scalars) from YAML text; ``YamlError`` with the line."""
    check_events(text)
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506  (a safe loader)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from exc
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. the date 2025-02-30
        raise YamlError(Message(N_("YAML-fel: ogiltigt värde (%(exc)s)"), exc=exc), None) from exc
