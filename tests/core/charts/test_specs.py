import re

import pytest

from resultat.core.charts import (
    SYNTHETIC_NOTE,
    ChartSeries,
    gender_gap,
    municipality_comparison,
    swedish_sort_key,
    time_series,
    to_png,
    to_svg,
    validate,
)
from resultat.core.charts.specs import data_rows, format_number


def _series(synthetic=False):
    return [
        ChartSeries("Västerbottens län", {2020: 1234.5, 2021: 1300.25, 2022: None}, "county", synthetic),
        ChartSeries("Riket", {2020: 1200.0, 2021: 1210.0}, "country"),
        ChartSeries("Umeå", {2020: 1500.0, 2021: 1550.0}, "municipality"),
    ]


def test_swedish_collation_puts_aao_after_z_and_ignores_case_and_accents():
    names = ["Örnsköldsvik", "Åsele", "Ärla", "Zeta", "umeå", "Umeå", "Eskilstuna", "Ésbjerg", "Vännäs", "Vindeln"]
    ordered = sorted(names, key=swedish_sort_key)
    assert ordered[-3:] == ["Åsele", "Ärla", "Örnsköldsvik"]
    assert ordered.index("Zeta") == len(names) - 4
    # accents ignored ("esbjerg" < "eskilstuna"), case only breaks ties
    assert ordered[:4] == ["Ésbjerg", "Eskilstuna", "Umeå", "umeå"]
    assert ordered.index("Vindeln") < ordered.index("Vännäs")  # ä after i


def test_format_number_is_swedish():
    # an exact half is rounded away from zero, as d3-format's toFixed does in the chart
    # itself: 1 234 567,25 → 1 234 567,3; 2.675 is 2.67499… in binary → 2,67 (also in d3)
    assert format_number(1234567.25, 1) == "1\u202f234\u202f567,3"
    assert format_number(-1234567.25, 1) == "\u22121\u202f234\u202f567,3"
    assert format_number(2.675, 2) == "2,67"
    assert format_number(-3.5, 1) == "\u22123,5"
    assert format_number(None) == "–"


def test_time_series_is_valid_and_carries_description_locale_and_target():
    spec = time_series(title="Test", series=_series(), unit="antal", decimals=1, target=(1400, 2030))
    validate(spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "\u202f"
    assert "Västerbottens län: 1\u202f234,5 år 2020, 1\u202f300,3 år 2021" in spec["description"]  # 1300.25: half away from zero, as d3
    assert "Målvärde 1\u202f400,0 år 2030" in spec["description"]
    assert SYNTHETIC_NOTE not in spec["description"] and "subtitle" not in spec["title"]
    # None values are left out of the data, not drawn as zero
    rows = spec["layer"][0]["data"]["values"]
    assert all(r["värde"] is not None for r in rows) and len(rows) == 6


def test_synthetic_data_is_said_in_subtitle_and_description():
    spec = time_series(title="Test", series=_series(synthetic=True))
    assert any(SYNTHETIC_NOTE in line for line in spec["title"]["subtitle"])
    assert SYNTHETIC_NOTE in spec["description"]
    svg = to_svg(spec)
    assert SYNTHETIC_NOTE in svg


def test_svg_uses_swedish_number_format():
    spec = time_series(title="T", series=[ChartSeries("A", {2020: 2500.5, 2021: 2600.5})], decimals=1)
    svg = to_svg(spec)
    labels = re.findall(r">([0-9\u202f\u2212,]+)<", svg)
    assert any("\u202f" in label and "," in label for label in labels), labels
    assert ">2020<" in svg  # years are not thousands-grouped


def test_municipality_comparison_sorted_by_value_then_swedish_name():
    spec = municipality_comparison(
        title="X", year=2024, values={"Åsele": 3.5, "Umeå": 4.0, "Malå": 3.5, "Örebro": None, "Vännäs": 2.0},
        references={"Västerbottens län": 3.2, "Riket": 3.0}, synthetic=True,
    )
    validate(spec)
    order = spec["layer"][0]["layer"][0]["encoding"]["y"]["sort"]
    assert order == ["Umeå", "Malå", "Åsele", "Vännäs"]
    assert "Värde saknas för Örebro" in spec["description"]
    assert SYNTHETIC_NOTE in spec["title"]["subtitle"][0]
    ascending = municipality_comparison(title="X", year=2024, values={"A": 2.0, "B": 1.0}, descending=False)
    assert ascending["layer"][0]["layer"][0]["encoding"]["y"]["sort"] == ["B", "A"]


def test_gender_gap_is_valid_and_describes_gap():
    spec = gender_gap(title="Y", women={2020: 10.0, 2021: 12.0}, men={2020: 11.0, 2021: 11.5}, area="Västerbotten")
    validate(spec)
    assert "Skillnad kvinnor minus män 2021: 0,5" in spec["description"]
    assert to_png(spec)[:4] == b"\x89PNG"


def test_validate_rejects_broken_spec():
    with pytest.raises(ValueError):
        validate({"mark": "nonsense-mark", "data": {"values": []}})


def test_data_rows_table():
    header, rows = data_rows(_series(), 1)
    assert header == ["År", "Västerbottens län", "Riket", "Umeå"]
    assert rows[0][0] == "2020" and rows[0][1] == "1\u202f234,5"


def _marks(spec):
    """Every mark type in a (layered) spec."""
    found = []
    for layer in spec.get("layer", []):
        if "mark" in layer:
            found.append(layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"])
        found += _marks(layer)
    return found


def test_one_year_is_drawn_as_labelled_bars_not_a_line():
    series = [ChartSeries("Västerbottens län", {2024: 1234.5, 2023: None}, "county", True),
              ChartSeries("Riket", {2024: 1100.0}, "country")]
    spec = time_series(title="Ett år", series=series, unit="kr", decimals=1, target=(1500, 2030))
    validate(spec)
    marks = _marks(spec)
    assert "line" not in marks and "bar" in marks and "text" in marks
    rule, bars = spec["layer"]  # the target's rule first, under the bars' value labels
    assert _marks(rule) == ["rule"]
    assert bars["layer"][0]["encoding"]["x"]["title"] == "År 2024"
    assert spec["title"]["subtitle"][0] == "Streckad linje: målvärde 1\u202f500,0 år 2030"
    assert bars["layer"][0]["encoding"]["y"]["scale"]["zero"] is True  # a bar's length is its value
    assert [r["etikett"] for r in bars["data"]["values"]] == ["1\u202f234,5", "1\u202f100,0"]
    assert spec["description"].startswith("Stapeldiagram, ett enda år: Ett år. ")
    assert "Västerbottens län: 1\u202f234,5 år 2024;" in spec["description"]  # said once, not "first, latest"
    assert SYNTHETIC_NOTE in spec["description"] and SYNTHETIC_NOTE in spec["title"]["subtitle"][1]
    svg = to_svg(spec)
    assert ">1\u202f234,5<" in svg and ">1\u202f100,0<" in svg  # the values are written on the chart
    assert SYNTHETIC_NOTE in svg and "<path" in svg


def test_two_years_are_still_lines():
    spec = time_series(title="T", series=[ChartSeries("A", {2023: 1.0, 2024: 2.0})])
    assert _marks(spec) == ["line"]
    assert spec["description"].startswith("Linjediagram")


def test_a_gap_breaks_the_line_and_is_said():
    series = [ChartSeries("A", {2019: 1.0, 2020: 2.0, 2021: None, 2023: 4.0, 2024: 5.0, 2026: 6.0}),
              ChartSeries("B", {2019: 1.5, 2020: 1.6, 2021: 1.7})]
    spec = time_series(title="Lucka", series=series)
    validate(spec)
    layer = spec["layer"][0]
    assert layer["encoding"]["detail"]["field"] == "del"
    runs = {}
    for row in layer["data"]["values"]:
        runs.setdefault((row["serie"], row["del"]), []).append(row["år"][:4])
    assert sorted(runs.values()) == [["2019", "2020"], ["2019", "2020", "2021"], ["2023", "2024"], ["2026"]]
    assert "Värde saknas för A 2021, 2022, 2025." in spec["description"]
    # without the break, A's line would run from 2020 straight to 2023: one path per run
    svg = to_svg(spec)
    paths = re.findall(r'<path[^>]*aria-roledescription="line mark"', svg)
    assert len(paths) == 4, len(paths)


def test_one_year_gender_gap_still_renders():
    spec = gender_gap(title="Y", women={2024: 10.0}, men={2024: 11.0})
    validate(spec)
    assert "line" not in _marks(spec["vconcat"][0])
    assert to_png(spec)[:4] == b"\x89PNG"
