"""The municipality map: shipped boundaries, inline geometry, words for every value."""

import json
from pathlib import Path

import pytest

from resultat.core.charts import maps

BOUNDARIES = Path(__file__).resolve().parents[3] / "data" / "reference" / "geo" / "kommuner.geojson"
VASTERBOTTEN = ["2401", "2403", "2404", "2409", "2417", "2418", "2421", "2422", "2425", "2460", "2462", "2463", "2480",
                "2481", "2482"]


def test_the_shipped_boundaries_cover_every_municipality_once():
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in data["features"]]
    assert len(codes) == 290 == len(set(codes))
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert {f["geometry"]["type"] for f in data["features"]} <= {"Polygon", "MultiPolygon"}


def test_a_county_gets_its_own_municipalities():
    features = maps.boundaries(BOUNDARIES, VASTERBOTTEN)
    assert sorted(f["properties"]["code"] for f in features) == VASTERBOTTEN
    assert {f["properties"]["name"] for f in features} >= {"Umeå", "Skellefteå", "Åsele", "Malå"}


def test_the_map_names_every_value_and_what_is_missing():
    features = maps.boundaries(BOUNDARIES, ["2480", "2482", "2418"])
    spec = maps.municipality_map(title="Andel", features=features, values={"2480": 81.24, "2482": 79.0, "2418": None},
                                 year=2024, unit="procent", decimals=1, synthetic=True)
    assert "Skellefteå 79,0; Umeå 81,2 (procent)." in spec["description"]  # Swedish name order, one decimal
    assert "Värde saknas för Malå." in spec["description"]
    assert "Syntetiska demovärden" in spec["description"] and "Syntetiska demovärden" in json.dumps(spec["title"], ensure_ascii=False)
    shapes = spec["data"]["values"]
    assert [s["properties"]["etikett"] for s in shapes if s["properties"]["kod"] == "2418"] == ["värde saknas"]
    # every shape has an accessible name in the SVG (axe: svg-img-alt)
    assert [s["properties"]["beskrivning"] for s in shapes] == ["Malå: värde saknas", "Umeå: 81,2 procent", "Skellefteå: 79,0 procent"]
    assert all("description" in layer["encoding"] for layer in spec["layer"])


def test_lower_is_better_reverses_the_colours():
    features = maps.boundaries(BOUNDARIES, ["2480", "2482"])
    up = maps.municipality_map(title="T", features=features, values={"2480": 1, "2482": 2}, year=2024)
    down = maps.municipality_map(title="T", features=features, values={"2480": 1, "2482": 2}, year=2024, higher_is_better=False)
    assert len(up["layer"]) == 1  # no municipality without a value: no empty (unnamed) layer for them
    assert up["layer"][0]["encoding"]["color"]["scale"]["range"] == list(reversed(down["layer"][0]["encoding"]["color"]["scale"]["range"]))
    assert "Mörkare färg betyder lägre värde" in down["description"]


def test_the_map_renders_offline_to_svg():
    from resultat.core import charts

    features = maps.boundaries(BOUNDARIES, VASTERBOTTEN)
    spec = maps.municipality_map(title="T", features=features, values={c: float(i) for i, c in enumerate(VASTERBOTTEN)}, year=2024)
    charts.validate(spec)
    svg = charts.to_svg(spec)
    assert svg.startswith("<svg") and svg.count("<path") >= 15


@pytest.mark.parametrize("text, message", [
    ("{ trasig", "rad 1: inte giltig GeoJSON"),
    ('{"type": "Feature"}', "en GeoJSON FeatureCollection väntades"),
    ('{"type": "FeatureCollection", "features": [{"properties": {}, "geometry": null}]}', "objekt 1 saknar properties.code"),
])
def test_a_broken_boundary_file_is_a_clear_error(tmp_path, text, message):
    path = tmp_path / "gränser.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(maps.BoundaryError, match=message):
        maps.boundaries(path, ["2480"])
