"""Vega-Lite chart specifications built in plain Python (no Django), Swedish
formats and collation, and the one server-side renderer (vl-convert, cached in memory and
on disk; see :mod:`resultat.core.charts.render`)."""

from resultat.core.formats import SYNTHETIC_LABEL

from .render import configure, png, svg, to_png, to_svg, validate
from .specs import (
    SYNTHETIC_NOTE,
    ChartSeries,
    gender_gap,
    municipality_comparison,
    swedish_sort_key,
    time_series,
)

__all__ = [
    "SYNTHETIC_LABEL",
    "SYNTHETIC_NOTE",
    "ChartSeries",
    "configure",
    "gender_gap",
    "municipality_comparison",
    "png",
    "svg",
    "swedish_sort_key",
    "time_series",
    "to_png",
    "to_svg",
    "validate",
]
