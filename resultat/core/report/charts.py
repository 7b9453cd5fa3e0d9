"""Vega-Lite chart specs to SVG and PNG with vl-convert (no browser, no network)."""

from __future__ import annotations

import functools
import json
import re

import vl_convert as vlc

SYNTHETIC_LABEL = "Syntetiska demovärden"


@functools.lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    return vlc.vegalite_to_svg(json.loads(spec_json))


@functools.lru_cache(maxsize=256)
def _png(spec_json: str, scale: float) -> bytes:
    return vlc.vegalite_to_png(json.loads(spec_json), scale=scale)


def _key(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


def svg(spec: dict) -> str:
    """The chart as an SVG document (string), without the XML declaration."""
    text = _svg(_key(spec))
    return re.sub(r"^<\?xml[^>]*>\s*", "", text)


def png(spec: dict, scale: float = 2.0) -> bytes:
    return _png(_key(spec), scale)


def synthetic_spec(title: str, values: list[tuple[str, float]], unit: str = "") -> dict:
    """A small line chart spec of (year, value) pairs, labelled as synthetic demo values."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "subtitle": SYNTHETIC_LABEL},
        "width": 420,
        "height": 180,
        "data": {"values": [{"år": y, "värde": v} for y, v in values]},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "år", "type": "ordinal", "title": "År"},
            "y": {"field": "värde", "type": "quantitative", "title": unit or "Värde"},
        },
    }
