"""Vega-Lite chart specifications built in plain Python (no Django), Swedish
formats and collation, and server-side rendering with vl-convert."""

from .render import to_png, to_svg, validate
from .specs import (
    SYNTHETIC_NOTE,
    ChartSeries,
    gender_gap,
    municipality_comparison,
    swedish_sort_key,
    time_series,
)

__all__ = [
    "SYNTHETIC_NOTE",
    "ChartSeries",
    "gender_gap",
    "municipality_comparison",
    "swedish_sort_key",
    "time_series",
    "to_png",
    "to_svg",
    "validate",
]
