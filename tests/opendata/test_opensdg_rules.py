"""The Open SDG export works with sdg-build as shipped.

sdg-build (open-sdg/sdg-build) is not published on PyPI (the PyPI package called
``sdg`` is an unrelated synthetic-data tool), so these tests replay its rules on the
files the site serves:

* ``sdg/check_csv.py``: Year first, Value last, no white space around column names or
  text cells, Value numeric, no empty rows;
* ``sdg/inputs/InputCsvData.py``: ``pd.read_csv(path, dtype=...)`` - without a dtype,
  pandas makes a column of digits numeric (``00`` -> ``0.0``, ``2480`` -> ``2480.0``);
* ``InputCsvData.convert_filename_to_indicator_id`` (drops ``indicator_``) and
  ``InputMetaFiles`` (the id is the metadata file's name), and Open SDG's filing of an
  indicator under the goal named by the first part of its id unless ``standalone``.
"""

import csv
import fnmatch
import io
import math

import pytest
import yaml

from resultat.core.opendata import opensdg
from resultat.indicators.models import Indicator, Observation

pytestmark = pytest.mark.usefixtures("published")


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def pandas_column(cells: list[str], dtype: str | None) -> list[str]:
    """What ``pd.read_csv`` makes of a column, as text: with ``dtype: str`` the cells stay
    as written; otherwise a column whose every non-blank cell is a number becomes
    numeric - float64 if any cell is blank or has a decimal point, so "00" reads as 0.0."""
    if dtype == "str":
        return cells
    present = [c for c in cells if c != ""]
    if not present or any(_number(c) is None for c in present):
        return cells
    as_float = any(c == "" for c in cells) or any(not c.lstrip("-").isdigit() for c in present)
    out = []
    for c in cells:
        if c == "":
            out.append("nan")
        elif as_float:
            out.append(repr(float(c)))
        else:
            out.append(str(int(c)))
    return out


def _check_csv(name: str, header: list[str], body: list[list[str]]) -> list[str]:
    """sdg/check_csv.py, rule by rule."""
    problems = []
    if header[0] != "Year":
        problems.append(f"{name}: first column not Year")
    if header[-1] != "Value":
        problems.append(f"{name}: last column not Value")
    if any(h != h.strip() for h in header):
        problems.append(f"{name}: white space around a column name")
    for i, row in enumerate(body, start=2):
        if len(row) != len(header):
            problems.append(f"{name} row {i}: {len(row)} cells for {len(header)} columns")
        if all(c == "" for c in row):
            problems.append(f"{name} row {i}: empty row")
        if any(c != c.strip() for c in row):
            problems.append(f"{name} row {i}: white space around a value")
    values = [row[-1] for row in body if row and row[-1] != ""]
    if any(_number(v) is None or math.isnan(_number(v)) for v in values):
        problems.append(f"{name}: Value is not numeric")
    return problems


def _served(client):
    config = yaml.safe_load(client.get("/indikatorer/opensdg/config_data.yml").content)
    data_input = next(i for i in config["inputs"] if i["class"] == "InputCsvData")
    meta_input = next(i for i in config["inputs"] if i["class"] == "InputYamlMeta")
    files = {}
    for ind in Indicator.objects.filter(pk__in=Observation.objects.values("indicator_id")):
        from resultat.indicators.opendata import opensdg_filename, opensdg_meta_filename

        csv_name, meta_name = opensdg_filename(ind), opensdg_meta_filename(ind)
        csv_response = client.get(f"/indikatorer/opensdg/{csv_name}")
        meta_response = client.get(f"/indikatorer/opensdg/meta/{meta_name}")
        assert csv_response.status_code == 200 and meta_response.status_code == 200, csv_name
        files[csv_name] = (csv_response.content.decode("utf-8"), meta_name, yaml.safe_load(meta_response.content))
    return config, data_input, meta_input, files


def test_every_served_csv_passes_sdg_builds_check_csv(client):
    _config, data_input, _meta, files = _served(client)
    assert len(files) >= 10
    problems = []
    for name, (text, _meta_name, _m) in files.items():
        assert fnmatch.fnmatch(name, data_input["path_pattern"])  # the shipped config finds it
        header, body = _rows(text)
        problems += _check_csv(name, header, body)
    assert problems == []


def test_geocode_stays_a_string_with_the_shipped_configuration(client):
    _config, data_input, _meta, files = _served(client)
    assert data_input["dtype"] == {"GeoCode": "str"}
    text, _m, _meta = files["indicator_kolada-N01951.csv"]
    header, body = _rows(text)
    column = [row[header.index("GeoCode")] for row in body]
    assert "00" in column and "2480" in column
    # sdg-build's default reading (no dtype) breaks the codes - the reason for the config.
    default = pandas_column(column, None)
    assert "0.0" in default and "2480.0" in default and "00" not in default
    shipped = pandas_column(column, data_input["dtype"].get("GeoCode"))
    assert shipped == column


def test_indicators_are_standalone_not_filed_under_a_goal_named_after_the_source(client):
    _config, data_input, meta_input, files = _served(client)
    goals = set()
    for name, (_text, meta_name, meta) in files.items():
        assert fnmatch.fnmatch(f"meta/{meta_name}", meta_input["path_pattern"])
        assert meta_input.get("git") is False  # the export is no git repository
        data_id = opensdg.indicator_id_of(name)  # InputCsvData: drops "indicator_"
        meta_id = meta_name.rsplit(".", 1)[0]  # InputMetaFiles: the file name
        assert data_id == meta_id, name
        assert meta["indicator_name"] and meta["published"] is True
        if not meta.get("standalone"):
            goals.add(data_id.split("-")[0])
    # Without standalone: true, Open SDG would invent the goals "kolada", "scb" and "manual".
    assert goals == set()


def test_export_writes_the_configuration_and_metadata_beside_the_csvs(client):
    from resultat.indicators.opendata import opensdg_files

    paths = [p for p, _b in opensdg_files()]
    assert "indikatorer/opensdg/config_data.yml" in paths
    csvs = [p for p in paths if p.endswith(".csv")]
    metas = [p for p in paths if p.startswith("indikatorer/opensdg/meta/")]
    assert csvs and len(csvs) == len(metas)


def test_unknown_metadata_file_is_404(client):
    assert client.get("/indikatorer/opensdg/meta/kolada-N99999.yml").status_code == 404
    assert client.get("/indikatorer/opensdg/meta/indicator_kolada-N01951.csv").status_code == 404
