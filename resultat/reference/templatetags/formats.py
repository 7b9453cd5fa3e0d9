"""Template filters for numbers and dates, written by the one formatter
(:mod:`resultat.core.formats`), so a value on a page reads exactly as in its chart, in the
report and in the exports. Numbers stay Swedish in the English interface (the charts and
the report are Swedish; docs/architecture.md, "One format").

    {% load formats %}
    {{ value|number }}          12 345
    {{ value|number:1 }}        12 345,7
    {{ value|number:"-2" }}     12 345,67, but 12 345 for a whole number (as floatformat)
    {{ amount|kronor }}         12 345 kr
    {{ share|percent }}         45,3 %      (a value already in percent)
    {{ day|swedish_date }}      2025-03-01  ({{ day|swedish_date:"long" }}: 1 mars 2025)
"""

from __future__ import annotations

from django import template

from resultat.core import formats

register = template.Library()


def _decimals(arg) -> int:
    try:
        return int(arg)
    except (TypeError, ValueError) as exc:
        raise template.TemplateSyntaxError(f"antalet decimaler måste vara ett heltal, inte {arg!r}") from exc


def _auto(value, decimals: int) -> int:
    """floatformat's negative precision: that many decimals, none for a whole number."""
    if decimals >= 0:
        return decimals
    try:
        whole = float(value) == int(float(value))
    except (TypeError, ValueError, OverflowError):
        return -decimals
    return 0 if whole else -decimals


@register.filter
def number(value, decimals=0) -> str:
    return formats.format_number(value, _auto(value, _decimals(decimals)))


@register.filter
def kronor(value, decimals=0) -> str:
    return formats.format_kronor(value, _decimals(decimals))


@register.filter
def percent(value, decimals=1) -> str:
    return formats.format_percent(value, _decimals(decimals))


@register.filter
def swedish_date(value, style="iso") -> str:
    return formats.format_date(value, str(style), missing=formats.MISSING)
