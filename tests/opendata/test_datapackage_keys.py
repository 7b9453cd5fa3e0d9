"""datapackage.json declares the references between its tables, and Frictionless
enforces them on the exported files."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.usefixtures("published")

EXPECTED = {
    ("indicator-observations", "indicator"): ("indicators", "id"),
    ("indicator-observations", "geocode"): ("geography", "id"),
    ("indicators", "area"): ("geography", "id"),
    ("priorities", "version"): ("strategy-versions", "id"),
    ("subpriorities", "version"): ("strategy-versions", "id"),
    ("cycles", "version"): ("strategy-versions", "id"),
    ("contribution-items", "contribution"): ("contributions", "id"),
}


def _export(tmp_path):
    call_command("export", "opendata", "--out", str(tmp_path), "--base-url", "https://resultat.example.se",
                 stdout=io.StringIO(), stderr=io.StringIO())
    return tmp_path / "oppna-data"


def test_foreign_keys_are_declared_and_hold(tmp_path):
    from frictionless import validate

    od = _export(tmp_path)
    package = json.loads((od / "datapackage.json").read_text(encoding="utf-8"))
    declared = {
        (r["name"], fk["fields"]): (fk["reference"]["resource"], fk["reference"]["fields"])
        for r in package["resources"] for fk in r["schema"].get("foreignKeys", [])
    }
    assert declared == EXPECTED
    report = validate(str(od / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]


def test_frictionless_refuses_an_observation_whose_area_is_missing(tmp_path):
    from frictionless import validate

    od = _export(tmp_path)
    lines = (od / "geography.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("2480,")]
    assert len(kept) == len(lines) - 1
    (od / "geography.csv").write_text("".join(kept), encoding="utf-8")
    report = validate(str(od / "datapackage.json"))
    assert not report.valid
    errors = report.flatten(["type", "fieldName", "cells"])
    assert errors and all(e[0] == "foreign-key" for e in errors)
    assert any("2480" in (e[2] or []) for e in errors)
