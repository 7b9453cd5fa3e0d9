"""Vega-Lite specifications of the funding charts as plain dicts, and the sentence that
describes them. Rendered by the one renderer, :func:`resultat.core.charts.svg` (Swedish
locale, cached).

Each chart comes with its data table (rendered beside it) and a text description, so
the information never lives only in the picture.

The words the module writes itself (the synthetic subtitle, the description) are Swedish
msgids written through a :class:`~resultat.core.charts.specs.ChartText`, as the indicator
charts' are: Swedish by default (the report), the page's language on a page. The titles
the caller passes are already in the page's language."""

from __future__ import annotations

from resultat.core.charts.specs import SWEDISH, ChartText
from resultat.core.formats import SYNTHETIC_LABEL, format_number
from resultat.core.i18n import N_


def bar_chart(rows: list[dict], *, category: str, value: str, title: str, category_title: str, value_title: str,
              colour: str | None = None, colour_title: str = "", synthetic: bool = False, horizontal: bool = True,
              text: ChartText = SWEDISH) -> dict:
    """A bar chart (stacked when ``colour`` names a field). ``rows`` are plain dicts."""
    subtitle = [text(SYNTHETIC_LABEL)] if synthetic else []
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
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }


def describe_ranking(rows: list[dict], *, category: str, value: str, unit: str = "kr", top: int = 3,
                     text: ChartText = SWEDISH) -> str:
    """A plain sentence naming the largest categories, for the chart's text description
    (in ``text``'s language; the category names are data and stay as they are)."""
    totals: dict[str, float] = {}
    for r in rows:
        totals[r[category]] = totals.get(r[category], 0) + float(r[value] or 0)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return text(N_("Inga värden."))
    def fmt(v: float) -> str:
        return format_number(v, 0, unit=unit)
    parts = [f"{name} ({fmt(v)})" for name, v in ranked[:top]]
    total = sum(totals.values())
    return text(N_("Störst: %(largest)s. Totalt %(total)s; antal kategorier: %(count)s."),
                largest=", ".join(parts), total=fmt(total), count=len(ranked))
