"""Chart words in the reader's language (ChartText): English through a gettext, Swedish by
default and unchanged; numbers Swedish in both (resultat/core/formats.py)."""

import json

from resultat.core.charts import maps, specs, web
from resultat.core.charts.specs import ENGLISH_TIME_LOCALE, SWEDISH, ChartSeries, ChartText
from resultat.core.formats import TIME_LOCALE
from resultat.core.sources import periods

CATALOGUE = {
    "År": "Year", "Värde": "Value", "Serie": "Series", "Kommun": "Municipality", "Period": "Period",
    "Kvinnor": "Women", "Män": "Men", "Kvinnor − män": "Women − men",
    "Syntetiska demovärden": "Synthetic demo values", "inte verkliga uppgifter": "not real data",
    "år %(year)s": "in %(year)s", "År %(year)s": "Year %(year)s",
    "Linjediagram: %(title)s.": "Line chart: %(title)s.",
    "Stapeldiagram, ett enda år: %(title)s.": "Bar chart, a single year: %(title)s.",
    "Stapeldiagram: %(title)s, %(year)s.": "Bar chart: %(title)s, %(year)s.",
    "Värde saknas för %(list)s.": "No value for %(list)s.",
    "Målvärde %(value)s år %(year)s": "Target %(value)s in %(year)s",
    "Streckad linje: %(target)s": "Dashed line: %(target)s",
    "Diagram över kvinnor och män i %(area)s: %(title)s.": "Chart of women and men in %(area)s: %(title)s.",
    "%(title)s i %(area)s": "%(title)s in %(area)s",
    "Skillnad kvinnor minus män %(period)s: %(value)s.": "Difference women minus men %(period)s: %(value)s.",
    "Karta över kommunerna: %(title)s, %(year)s. Mörkare färg betyder högre värde.":
        "Map of the municipalities: %(title)s, %(year)s. A darker colour means a higher value.",
    "värde saknas": "no value",
}
ENGLISH = ChartText(lambda msgid: CATALOGUE.get(msgid, msgid), ENGLISH_TIME_LOCALE)


def series(synthetic=False):
    return [ChartSeries("Västerbottens län", {2020: 1234.5, 2021: None, 2022: 1300.25}, "county", synthetic),
            ChartSeries("Sweden", {2020: 1000.0, 2022: 1100.0}, "country", synthetic)]


def titles(node, out=None):
    """Every "title" string inside a spec (axes, tooltips, legends)."""
    out = [] if out is None else out
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "title" and isinstance(value, str):
                out.append(value)
            titles(value, out)
    elif isinstance(node, list):
        for item in node:
            titles(item, out)
    return out


def test_english_time_series_axes_tooltips_description_and_locale():
    spec = specs.time_series(title="Income", series=series(True), target=(1500.0, 2030), text=ENGLISH)
    encoding = spec["layer"][0]["encoding"]
    assert encoding["x"]["title"] == "Year" and encoding["y"]["title"] == "Value"
    assert [t["title"] for t in encoding["tooltip"]] == ["Series", "Year", "Value"]
    assert spec["description"] == (
        "Line chart: Income. Västerbottens län: 1\u202f234,5 in 2020, 1\u202f300,3 in 2022; Sweden: 1\u202f000,0 in 2020, "
        "1\u202f100,0 in 2022. No value for Västerbottens län 2021; Sweden 2021. Target 1\u202f500,0 in 2030. "
        "Synthetic demo values.")
    assert spec["title"]["subtitle"] == ["Synthetic demo values – not real data"]
    assert spec["layer"][1]["data"]["values"][0]["etikett"] == "Target 1\u202f500,0 in 2030"
    # numbers stay Swedish (one value, one way); month names follow the language
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["time"]["shortMonths"][0] == "Jan"
    words = json.dumps(spec, ensure_ascii=False)
    for swedish in ("\"År\"", "Värde\"", "Serie\"", "Linjediagram", "Syntetiska", "Målvärde", "saknas"):
        assert swedish not in words, swedish


def test_english_single_year_bars_comparison_gender_and_table():
    bars = specs.time_series(title="T", series=[ChartSeries("A", {2024: 2.0}), ChartSeries("B", {2024: 3.0})],
                             target=(5.0, 2030), text=ENGLISH)
    assert bars["description"].startswith("Bar chart, a single year: T.")
    assert bars["title"]["subtitle"] == ["Dashed line: target 5,0 in 2030"]
    assert "Year 2024" in titles(bars) and "Series" in titles(bars)
    comparison = specs.municipality_comparison(title="T", values={"Umeå": 2.0, "Åsele": None}, year=2024, text=ENGLISH)
    assert comparison["description"] == "Bar chart: T, 2024. Umeå 2,0. No value for Åsele."
    assert {"Municipality", "Value"} <= set(titles(comparison)) and "Kommun" not in titles(comparison)
    gender = specs.gender_gap(title="T", women={2020: 1.0, 2021: 2.0}, men={2020: 0.5, 2021: 1.0},
                              area="Västerbotten", text=ENGLISH)
    assert gender["title"]["text"] == "T in Västerbotten"
    assert gender["description"].startswith("Chart of women and men in Västerbotten: T. Women: 1,0 in 2020")
    assert gender["description"].endswith("Difference women minus men 2021: 1,0.")
    assert {"Women − men", "Year"} <= set(titles(gender))
    assert [s.label for s in specs.gender_series({}, {}, text=ENGLISH)] == ["Women", "Men"]
    assert specs.data_rows(series(), 1, ENGLISH) == (["Year", "Västerbottens län", "Sweden"],
                                                     [["2020", "1\u202f234,5", "1\u202f000,0"], ["2022", "1\u202f300,3", "1\u202f100,0"]])
    monthly = {periods.parse("2024M01"): 1.0, periods.parse("2024M02"): 2.0}
    assert specs.data_rows([ChartSeries("A", monthly)], 1, ENGLISH)[0][0] == "Period"


def test_english_map():
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [20, 64]},
                 "properties": {"code": code, "name": name}} for code, name in (("2480", "Umeå"), ("2460", "Vännäs"))]
    spec = maps.municipality_map(title="T", features=features, values={"2480": 1.0, "2460": None}, year=2024, text=ENGLISH)
    assert spec["description"].startswith("Map of the municipalities: T, 2024. A darker colour means a higher value.")
    assert spec["description"].endswith("No value for Vännäs.")
    assert "Municipality" in titles(spec) and "Kommun" not in titles(spec)
    assert spec["data"]["values"][1]["properties"]["beskrivning"] == "Vännäs: no value"


def test_swedish_is_the_default_and_unchanged():
    assert specs.time_series(title="T", series=series(True), target=(1.0, 2030)) == \
        specs.time_series(title="T", series=series(True), target=(1.0, 2030), text=SWEDISH)
    spec = specs.time_series(title="Inkomst", series=series(True))
    encoding = spec["layer"][0]["encoding"]
    assert encoding["x"]["title"] == "År" and encoding["y"]["title"] == "Värde"
    assert [t["title"] for t in encoding["tooltip"]] == ["Serie", "År", "Värde"]
    assert spec["description"].startswith("Linjediagram: Inkomst. Västerbottens län: 1\u202f234,5 år 2020")
    assert spec["title"]["subtitle"] == ["Syntetiska demovärden – inte verkliga uppgifter"]
    assert spec["config"]["locale"]["time"] == TIME_LOCALE
    assert specs.data_rows(series())[0][0] == "År"
    assert [s.label for s in specs.gender_series({}, {})] == ["Kvinnor", "Män"]


def test_page_variant_drops_the_translated_synthetic_line_and_keeps_the_target_note():
    bars = specs.time_series(title="T", series=[ChartSeries("A", {2024: 2.0}, synthetic=True)],
                             target=(5.0, 2030), text=ENGLISH)
    page = web.page_spec(bars, text=ENGLISH)
    assert page["title"]["text"] == ["Dashed line: target 5,0 in 2030"]
    assert web.page_spec(bars)["title"]["text"][-1] == "Synthetic demo values – not real data"  # told the wrong language


def test_english_month_names_are_drawn_and_cached_apart():
    monthly = {periods.parse(code): float(i) for i, code in enumerate(["2024M01", "2024M05", "2024M10", "2025M03"])}
    swedish = specs.time_series(title="T", series=[ChartSeries("A", monthly)])
    english = specs.time_series(title="T", series=[ChartSeries("A", monthly)], text=ENGLISH)
    from resultat.core.charts import render

    assert render.cache_key(swedish, "svg") != render.cache_key(english, "svg")
    sv_svg, en_svg = render.svg(swedish), render.svg(english)
    assert ">okt 2024<" in sv_svg and ">Oct 2024<" not in sv_svg
    assert ">Oct 2024<" in en_svg and ">okt 2024<" not in en_svg
    assert ">Period<" in en_svg and ">1,0<" in en_svg  # Swedish decimal comma in English too
