"""Vega-Lite specifications as plain dicts, and rendering to SVG with vl-convert.

Each chart comes with its data table (rendered beside it) and a text description, so
the information never lives only in the picture."""

from __future__ import annotations

SYNTHETIC_LABEL = "Syntetiska demovärden"


def bar_chart(rows: list[dict], *, category: str, value: str, title: str, category_title: str, value_title: str,
              colour: str | None = None, colour_title: str = "", synthetic: bool = False, horizontal: bool = True) -> dict:
    """A bar chart (stacked when ``colour`` names a field). ``rows`` are plain dicts."""
    subtitle = [SYNTHETIC_LABEL] if synthetic else []
    cat = {"field": category, "type": "nominal", "title": category_title, "sort": "-x" if horizontal else "-y",
           "axis": {"labelLimit": 260}}
    val = {"field": value, "type": "quantitative", "title": value_title, "axis": {"format": ",.0f"}}
    encoding = {"y": cat, "x": val} if horizontal else {"x": cat, "y": val}
    encoding["tooltip"] = [{"field": category, "type": "nominal", "title": category_title},
                           {"field": value, "type": "quantitative", "title": value_title, "format": ",.0f"}]
    if colour:
        encoding["color"] = {"field": colour, "type": "nominal", "title": colour_title,
                             "scale": {"scheme": "tableau10"}}
        encoding["tooltip"].insert(1, {"field": colour, "type": "nominal", "title": colour_title})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "subtitle": subtitle, "subtitleColor": "#8a1c1c", "anchor": "start"},
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": encoding,
        "width": 520,
        "config": {"locale": None, "font": "DejaVu Sans", "view": {"stroke": None}},
    }


SWEDISH_FORMAT = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}


def to_svg(spec: dict) -> str:
    """Render server-side; the SVG is inlined in the page (no JavaScript, no other host)."""
    import vl_convert as vlc

    spec = dict(spec)
    config = dict(spec.get("config") or {})
    config.pop("locale", None)
    spec["config"] = config
    try:
        svg = vlc.vegalite_to_svg(spec, format_locale=SWEDISH_FORMAT)
    except TypeError:  # older vl-convert without locale support
        svg = vlc.vegalite_to_svg(spec)
    return svg


def describe_ranking(rows: list[dict], *, category: str, value: str, unit: str = "kr", top: int = 3) -> str:
    """A plain sentence naming the largest categories, for the chart's text description."""
    totals: dict[str, float] = {}
    for r in rows:
        totals[r[category]] = totals.get(r[category], 0) + float(r[value] or 0)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return "Inga värden."
    def fmt(v: float) -> str:
        return f"{v:,.0f}".replace(",", "\u00a0") + (f"\u00a0{unit}" if unit else "")
    parts = [f"{name} ({fmt(v)})" for name, v in ranked[:top]]
    total = sum(totals.values())
    return f"Störst: {', '.join(parts)}. Totalt {fmt(total)} fördelat på {len(ranked)} kategorier."
