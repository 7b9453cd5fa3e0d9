"""Web-page variants of the chart specs (the report, the learning pages and the downloads
keep the specs of :mod:`resultat.core.charts.specs` unchanged).

On a page the chart sits in a card (``templates/charts/chart.html``) whose caption already
names it, with the "Syntetiska demovärden" badge beside it, so the page variant

* drops the chart's own title (the title is shown once, by the card) and the synthetic
  subtitle line (the badge says it), but keeps any other subtitle line (the target note
  of a one-period bar chart) as a small line above the plot;
* takes its width from the card: ``"container"`` for the interactive view (vega-embed
  redraws it when the card changes width), or a fixed number of pixels for the
  server-rendered SVG shown without JavaScript, drawn at two sizes (:data:`WIDE`,
  :data:`NARROW`) and scaled by CSS to the card's width through the SVG's viewBox.

Concatenated charts (women and men) and maps cannot be sized by the container in
Vega-Lite: the page script (``static/js/charts.js``) sets their widths from the card
before drawing.
"""

from __future__ import annotations

import re
from typing import Any

from . import render
from .specs import SWEDISH, SYNTHETIC_NOTE, ChartText

WIDE = 880
"""Plot width (pixels) of the SVG drawn for wide screens (a laptop's card is about 1 120 px)."""
NARROW = 230
"""Plot width of the SVG drawn for phones (a 390 px screen leaves the picture 316 px; the
axis labels and padding take the rest), so the labels keep their drawn size."""
MAP_NARROW = 200
"""A map's width on a phone (its legend sits to the right)."""
NARROW_TOTAL = 316
"""The most a phone's picture may be wide with its axes and legend: :func:`page_svg` draws
it narrower when long labels (municipality names) take more room."""


def _height(width: int) -> int:
    return 320 if width >= WIDE else 250


def _subtitle_lines(title: Any, text: ChartText = SWEDISH) -> list[str]:
    if not isinstance(title, dict):
        return []
    sub = title.get("subtitle") or []
    lines = [sub] if isinstance(sub, str) else list(sub)
    labels = (SYNTHETIC_NOTE, text(SYNTHETIC_NOTE))  # the badge beside the card says it
    return [line for line in lines if not line.startswith(labels)]


def page_spec(spec: dict[str, Any], width: int | str = "container", text: ChartText = SWEDISH) -> dict[str, Any]:
    """The spec as a page shows it: no title, ``width`` pixels wide (or ``"container"``).
    ``text`` is the language the spec was built in (its synthetic line is dropped).

    A shallow copy: the data (which may be large, a map's boundaries) is shared with
    ``spec``, which is not changed."""
    out = dict(spec)
    # room on the right for a value written past its bar's end and the last year's label
    out["padding"] = {"left": 5, "top": 5, "right": 32, "bottom": 5}
    if not isinstance(width, int) or width < WIDE:  # a phone (or unknown): the legend in one column
        config = dict(spec.get("config") or {})
        config["legend"] = {**config.get("legend", {}), "columns": 1}
        out["config"] = config
    lines = _subtitle_lines(spec.get("title"), text)
    if lines:
        out["title"] = {"text": lines, "fontSize": 12, "fontWeight": "normal", "color": "#5a1a00", "anchor": "start"}
    else:
        out.pop("title", None)
    if "projection" in spec:  # a map: its own proportions, narrower on a phone
        if isinstance(width, int) and width < WIDE and isinstance(spec.get("width"), int):
            out["width"], out["height"] = MAP_NARROW, round(spec["height"] * MAP_NARROW / spec["width"])
        return out
    numeric = width if isinstance(width, int) else WIDE
    if "vconcat" in spec:  # women and men: the script fits "container" ones to the card
        out["vconcat"] = [{**view, "width": numeric} for view in spec["vconcat"]]
        return out
    out["width"] = width
    if isinstance(spec.get("height"), int):
        out["height"] = _height(numeric)
    if width == "container":
        out["autosize"] = {"type": "fit-x", "contains": "padding"}
    return out


def _svg_width(svg: str) -> int:
    match = re.search(r'<svg [^>]*?width="(\d+(?:\.\d+)?)"', svg)
    return round(float(match.group(1))) if match else 0


def page_svg(spec: dict[str, Any], width: int, text: ChartText = SWEDISH) -> str:
    """The page variant drawn at ``width``; for a phone (``width < WIDE``) drawn again
    narrower when its axes and legend make it wider than :data:`NARROW_TOTAL`, so CSS
    does not have to shrink its labels."""
    svg = render.svg(page_spec(spec, width, text))
    if width < WIDE:
        excess = _svg_width(svg) - NARROW_TOTAL
        if excess > 0 and "projection" not in spec:
            svg = render.svg(page_spec(spec, max(120, width - excess), text))
    return svg
