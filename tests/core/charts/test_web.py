"""The page variants of the chart specs (core/charts/web.py): the title once (the card's
caption), the card's width, and server-drawn SVGs that fit a phone's card."""

import copy
import re

from resultat.core.charts import render, specs, web
from resultat.core.charts.specs import SYNTHETIC_NOTE, ChartSeries

SERIES = [ChartSeries("Västerbottens län", {2019: 70.1, 2020: 71.5, 2021: 72.0}, "county", synthetic=True),
          ChartSeries("Riket", {2019: 69.0, 2020: 70.2, 2021: 70.8}, "country")]


def _svg_width(svg: str) -> int:
    return int(re.search(r'<svg [^>]*width="(\d+)"', svg).group(1))


def test_page_spec_has_no_title_and_the_cards_width():
    spec = specs.time_series(title="Förvärvsarbetande", series=SERIES, unit="procent")
    before = copy.deepcopy(spec)
    page = web.page_spec(spec)
    assert "title" not in page  # the synthetic subtitle line is the card's badge
    assert page["width"] == "container" and page["autosize"]["type"] == "fit-x"
    assert page["description"] == spec["description"] and page["layer"] is spec["layer"]
    assert spec == before  # the report's and the downloads' spec is untouched
    assert spec["title"]["text"] == "Förvärvsarbetande" and any(s.startswith(SYNTHETIC_NOTE) for s in spec["title"]["subtitle"])


def test_a_target_note_stays_as_a_small_line():
    spec = specs.time_series(title="Ett år", series=[ChartSeries("Län", {2021: 5.0})], target=(6.0, 2030))
    page = web.page_spec(spec, web.WIDE)
    assert page["title"]["text"] == ["Streckad linje: målvärde 6,0 år 2030"]
    svg = render.svg(page)
    assert "Streckad linje" in svg and "Ett år" not in svg


def test_fixed_widths_and_the_narrow_svg_fits_a_phone_card():
    # a 390 px screen leaves the card about 316 px: the narrow picture is drawn about that
    # wide, so CSS scales it by at most ~10 % and the 12 px labels stay legible
    for spec in (specs.time_series(title="T", series=SERIES, unit="procent"),
                 # long municipality names on the axis: drawn narrower so the whole fits
                 specs.municipality_comparison(title="K", values={"Robertsfors": 81.2, "Skellefteå": 79.9, "Vilhelmina": 75.0},
                                               year=2021, unit="procent", references={"Riket": 79.6, "Västerbottens län": 80.0}),
                 specs.gender_gap(title="G", women={2020: 1.0, 2021: 2.0}, men={2020: 1.5, 2021: 2.5}, unit="procent")):
        narrow, wide = (web.page_svg(spec, w) for w in (web.NARROW, web.WIDE))
        assert 270 <= _svg_width(narrow) <= web.NARROW_TOTAL + 3, _svg_width(narrow)
        assert _svg_width(wide) >= web.WIDE
        for svg in (narrow, wide):
            assert "viewBox" in svg and f">{spec['title']['text']}<" not in svg
    assert web.page_spec(specs.time_series(title="T", series=SERIES), web.NARROW)["config"]["legend"]["columns"] == 1


def test_maps_and_concatenated_charts_keep_numeric_widths():
    gap = specs.gender_gap(title="G", women={2020: 1.0, 2021: 2.0}, men={2020: 1.5, 2021: 2.5})
    assert [v["width"] for v in web.page_spec(gap)["vconcat"]] == [web.WIDE, web.WIDE]  # the script fits them
    assert [v["width"] for v in web.page_spec(gap, web.NARROW)["vconcat"]] == [web.NARROW, web.NARROW]
    assert "title" not in web.page_spec(gap)
    fake_map = {"title": {"text": "Karta"}, "width": 420, "height": 483, "projection": {"type": "mercator"}, "layer": []}
    assert web.page_spec(fake_map, web.WIDE)["width"] == 420
    small = web.page_spec(fake_map, web.NARROW)
    assert small["width"] == web.MAP_NARROW and small["height"] == round(483 * web.MAP_NARROW / 420)
