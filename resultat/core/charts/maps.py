"""A choropleth map of a county's municipalities as a Vega-Lite spec.

The boundaries are GeoJSON features shipped with the product
(``data/reference/geo/kommuner.geojson``, from SCB's municipal boundaries; see the
README beside it). The spec carries its geometry inline, so vega-embed in the browser
and vl-convert on the server draw it without any network.

Like the other charts (:mod:`resultat.core.charts.specs`), the map never relies on
colour alone: every municipality is labelled with its value in the description and the
page shows the same numbers in a table; a municipality without a value is drawn in grey
and named in the description.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from resultat.core.charts.specs import (
    SCHEMA,
    SWEDISH,
    SYNTHETIC_NOTE,
    ChartText,
    _config,
    _number_format,
    _title,
    swedish_sort_key,
)
from resultat.core.formats import format_number
from resultat.core.i18n import N_

# Sequential, colour-blind safe blues (light = low); the scheme is reversed when lower is better.
SEQUENTIAL = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"]
MISSING_FILL = "#d9d9d9"


class BoundaryError(ValueError):
    """The boundary file is missing or malformed."""


@lru_cache(maxsize=4)
def _features(path: str) -> tuple[dict, ...]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BoundaryError(f"Gränsfilen finns inte: {p}") from exc
    except json.JSONDecodeError as exc:
        raise BoundaryError(f"{p}, rad {exc.lineno}: inte giltig GeoJSON ({exc.msg})") from exc
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise BoundaryError(f"{p}: en GeoJSON FeatureCollection väntades")
    for index, feature in enumerate(data["features"], start=1):
        code = (feature.get("properties") or {}).get("code")
        if not isinstance(code, str) or not feature.get("geometry"):
            raise BoundaryError(f"{p}: objekt {index} saknar properties.code eller geometry")
    return tuple(data["features"])


def boundaries(path: str | Path, codes: Iterable[str]) -> list[dict]:
    """The features for the given municipality codes (SCB's four digits), in file order."""
    wanted = set(codes)
    return [f for f in _features(str(path)) if f["properties"]["code"] in wanted]


def _shape(feature: dict, value: float | None, decimals: int, unit: str, text: ChartText = SWEDISH) -> dict:
    """One municipality as a GeoJSON feature with its value, label and accessible name."""
    code, name = feature["properties"]["code"], feature["properties"]["name"]
    label = text(N_("värde saknas")) if value is None else format_number(value, decimals)
    return {
        "type": "Feature",
        "geometry": feature["geometry"],
        "properties": {
            "kod": code,
            "namn": name,
            "värde": None if value is None else float(value),
            "etikett": label,
            # each shape's accessible name (axe: svg-img-alt), e.g. "Umeå: 81,2 procent"
            "beskrivning": f"{name}: " + (label if value is None else f"{label} {unit}".strip()),
        },
    }


def _layers(unit_title: str, fmt: str, higher_is_better: bool, any_missing: bool,
            text: ChartText = SWEDISH) -> list[dict]:
    """Grey shapes for municipalities without a value (only when there are any: an empty
    mark container is an unnamed graphics-symbol in the browser), coloured ones for the rest."""
    tooltip = [{"field": "properties.namn", "title": text(N_("Kommun"))}, {"field": "properties.etikett", "title": unit_title}]
    description = {"field": "properties.beskrivning"}
    scheme = SEQUENTIAL if higher_is_better else list(reversed(SEQUENTIAL))
    grey = {
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.8, "fill": MISSING_FILL},
        "transform": [{"filter": "datum.properties['värde'] == null"}],
        "encoding": {"tooltip": tooltip, "description": description},
    }
    coloured = {
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.8},
        "transform": [{"filter": "datum.properties['värde'] != null"}],
        "encoding": {
            "color": {"field": "properties.värde", "type": "quantitative", "title": unit_title,
                      "scale": {"range": scheme}, "legend": {"format": fmt, "orient": "right"}},
            "tooltip": tooltip,
            "description": description,
        },
    }
    return [grey, coloured] if any_missing else [coloured]


def municipality_map(
    *,
    title: str,
    features: list[dict],
    values: Mapping[str, float | None],
    year: int | str,  # a year, or a period label in the language of ``text``
    unit: str = "",
    decimals: int = 1,
    synthetic: bool = False,
    higher_is_better: bool = True,
    subtitle: str | None = None,
    width: int = 420,
    text: ChartText = SWEDISH,
) -> dict[str, Any]:
    """Municipalities coloured by value (``values`` keyed by municipality code); its words
    in the language of ``text`` (see :class:`~resultat.core.charts.specs.ChartText`)."""
    shapes = [_shape(f, values.get(f["properties"]["code"]), decimals, unit, text) for f in features]
    present = [(s["properties"]["namn"], s["properties"]["värde"]) for s in shapes if s["properties"]["värde"] is not None]
    missing = [s["properties"]["namn"] for s in shapes if s["properties"]["värde"] is None]
    ordered = sorted(present, key=lambda nv: swedish_sort_key(nv[0]))
    darker = (N_("Karta över kommunerna: %(title)s, %(year)s. Mörkare färg betyder högre värde.") if higher_is_better
              else N_("Karta över kommunerna: %(title)s, %(year)s. Mörkare färg betyder lägre värde."))
    description = (
        text(darker, title=title, year=year) + " "
        + "; ".join(f"{n} {format_number(v, decimals)}" for n, v in ordered)
        + (f" ({unit})" if unit else "")
        + "."
    )
    if missing:
        description += " " + text(N_("Värde saknas för %(list)s."), list=", ".join(sorted(missing, key=swedish_sort_key)))
    if synthetic:
        description += f" {text(SYNTHETIC_NOTE)}."
    return {
        "$schema": SCHEMA,
        "title": _title(f"{title}, {year}", subtitle, synthetic, text),
        "description": description,
        "width": width,
        "height": round(width * 1.15),
        "projection": {"type": "mercator"},
        "data": {"values": shapes, "format": {"type": "json"}},
        "layer": _layers(unit or text(N_("Värde")), _number_format(decimals), higher_is_better, bool(missing), text),
        "config": _config(text),
    }
