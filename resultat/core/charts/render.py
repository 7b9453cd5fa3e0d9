"""Server-side rendering of the Vega-Lite specs with vl-convert (bundled Vega-Lite 6.4)."""

from __future__ import annotations

import json
from typing import Any

import vl_convert

from .specs import NUMBER_LOCALE, TIME_LOCALE

VL_VERSION = "6.4"


def to_svg(spec: dict[str, Any]) -> str:
    """SVG text; network access for data is disallowed (data is always inline)."""
    return vl_convert.vegalite_to_svg(
        spec, vl_version=VL_VERSION, allowed_base_urls=[],
        format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE,
    )


def to_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    return vl_convert.vegalite_to_png(
        spec, vl_version=VL_VERSION, scale=scale, allowed_base_urls=[],
        format_locale=NUMBER_LOCALE, time_format_locale=TIME_LOCALE,
    )


def validate(spec: dict[str, Any]) -> dict[str, Any]:
    """Compile to Vega; raises ``ValueError`` with vl-convert's message if the spec is invalid."""
    try:
        return json.loads(json.dumps(vl_convert.vegalite_to_vega(spec, vl_version=VL_VERSION)))
    except Exception as exc:  # vl-convert raises plain ValueError/RuntimeError
        raise ValueError(f"Ogiltig Vega-Lite-specifikation: {exc}") from exc
