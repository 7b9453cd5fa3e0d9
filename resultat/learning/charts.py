"""Vega-Lite specs of the learning pages, rendered to inline SVG on the server by the one
renderer (:mod:`resultat.core.charts.render`: Swedish locale, no network, cached in memory
and on disk); no JavaScript, nothing from other hosts. Every chart is shown with a text
description and the same data as a table (in the template)."""

from __future__ import annotations

import hashlib
import json

from resultat.core.charts import render

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def svg(spec: dict) -> str:
    """The chart as SVG markup, marked aria-hidden: the description and the table beside
    it carry the content for assistive technology."""
    return render.svg(spec, aria_hidden=True)


def heatmap(values: list[dict], x: str, y: str, colour: str, *, x_title: str, y_title: str, colour_title: str, text: str | None = None,
            scale: dict | None = None, nominal: bool = False) -> dict:
    colour_enc = {"field": colour, "type": "nominal" if nominal else "quantitative", "title": colour_title}
    if scale:
        colour_enc["scale"] = scale
    layers = [{"mark": {"type": "rect", "stroke": "#ffffff"}, "encoding": {"color": colour_enc}}]
    if text:
        layers.append({"mark": {"type": "text", "fontSize": 10}, "encoding": {"text": {"field": text}, "color": {"value": "#111111"}}})
    return {
        "$schema": SCHEMA,
        "data": {"values": values},
        "encoding": {
            "x": {"field": x, "type": "ordinal", "title": x_title, "sort": None, "axis": {"labelAngle": -40, "labelLimit": 160}},
            "y": {"field": y, "type": "ordinal", "title": y_title, "sort": None, "axis": {"labelLimit": 220}},
        },
        "layer": layers,
        "config": {"font": "DejaVu Sans", "view": {"step": 22}},
    }


def bars(values: list[dict], x: str, y: str, *, x_title: str, y_title: str, colour: str | None = None, colour_title: str = "") -> dict:
    enc = {
        "y": {"field": y, "type": "nominal", "title": y_title, "sort": None, "axis": {"labelLimit": 220}},
        "x": {"field": x, "type": "quantitative", "title": x_title},
    }
    if colour:
        enc["color"] = {"field": colour, "type": "nominal", "title": colour_title}
        enc["yOffset"] = {"field": colour}
    return {"$schema": SCHEMA, "data": {"values": values}, "mark": "bar", "encoding": enc, "config": {"font": "DejaVu Sans"}}


def digest(spec: dict) -> str:
    return hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]
