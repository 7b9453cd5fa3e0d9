"""Strict readers for the JSON documents of the source parsers (Kolada, SCB, JSON-stat):
one implementation of "this field must be an object / a number / a string", each failure a
:class:`~resultat.core.sources.errors.ParseError` naming the JSON path and the source
(URL or fixture) and saying what was expected and what came instead.

The parsers compose the path the way their format reads (``values[3].period``,
``dimension.Tid.category``) and pass the field's full path here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .errors import ParseError, describe


def fail(path: str, problem: str, source: str | None) -> ParseError:
    """The error for ``path`` (raise it)."""
    return ParseError(problem, path, source)


def obj(value: Any, path: str, source: str | None) -> dict[str, Any]:
    """``value`` if it is a JSON object."""
    if not isinstance(value, dict):
        raise fail(path, f"expected an object, got {describe(value)}", source)
    return value


def number(value: Any, path: str, source: str | None) -> float | None:
    """A finite number as float, or None for JSON null; booleans are not numbers."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise fail(path, f"expected a number or null, got {describe(value)}", source)
    try:
        result = float(value)
    except OverflowError:
        raise fail(path, "number is too large", source) from None
    if not math.isfinite(result):
        raise fail(path, f"expected a finite number, got {value!r}", source)
    return result


def opt_str(doc: Mapping[str, Any], key: str, path: str, source: str | None, *, expected: str = "a string or null") -> str | None:
    """``doc[key]`` if it is a string, None if absent or null. ``path`` is the field's path."""
    value = doc.get(key)
    if value is None or isinstance(value, str):
        return value
    raise fail(path, f"expected {expected}, got {describe(value)}", source)
