"""Downloads, datapackage.json (validated with frictionless), the DCAT catalogue
and `resultat export opendata`."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.usefixtures("published")


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


def test_csv_and_json_downloads_agree(client):
    csv = client.get("/oppna-data/contributions.csv")
    assert csv["Content-Type"].startswith("text/csv; charset=utf-8") and csv["ETag"]
    text = csv.content.decode("utf-8")
    assert text.startswith("id,year,area,area_name,chapter,priority,question,question_title,body_html,text\r\n")
    data = client.get("/oppna-data/contributions.json").json()
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/" and data["sources"]
    from resultat.core.opendata.csvfile import read_rows

    rows = read_rows(text)
    assert [r["id"] for r in rows] == [r["id"] for r in data["data"]]
    assert client.get("/oppna-data/nothing.csv").status_code == 404


def test_export_writes_everything_and_frictionless_validates_it(tmp_path):
    from frictionless import Package, validate

    out = io.StringIO()
    err = io.StringIO()
    call_command("export", "opendata", "--out", str(tmp_path), "--base-url", "https://resultat.example.se", stdout=out, stderr=err)
    assert "totalt" in out.getvalue() and "klart" in err.getvalue()
    od = tmp_path / "oppna-data"
    assert (od / "datapackage.json").exists() and (od / "katalog.jsonld").exists() and (tmp_path / "api" / "openapi.json").exists()
    assert (tmp_path / "api" / "contributions" / "2025.a-digitalisering.omvarldsanalys" / "index.json").exists()
    report = validate(str(od / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]
    package = Package(str(od / "datapackage.json"))
    names = {r.name for r in package.resources}
    assert {"contributions", "contribution-items", "strategy-versions", "sdg-goals", "geography", "initiatives", "arenas", "indicators", "indicator-observations"} <= names
    assert (tmp_path / "indikatorer" / "opensdg" / "indicator_kolada-N01951.csv").exists()
    cat = json.loads((od / "katalog.jsonld").read_text())
    ids = [n["@id"] for n in cat["@graph"]]
    assert "https://resultat.example.se/oppna-data/#contributions" in ids


def test_export_requires_an_absolute_base_url(tmp_path):
    from django.core.management.base import CommandError

    with override_settings(RESULTAT_SITE_URL=""), pytest.raises(CommandError, match="--base-url"):
        call_command("export", "opendata", "--out", str(tmp_path))


def test_catalogue_licence_and_contact_come_from_settings(client):
    with override_settings(
        RESULTAT_OPENDATA_LICENCE_URL="https://creativecommons.org/publicdomain/zero/1.0/",
        RESULTAT_OPENDATA_CONTACT_EMAIL="oppnadata@region.example",
        RESULTAT_SITE_URL="https://resultat.example.se",
    ):
        cat = client.get("/oppna-data/katalog.jsonld").json()
        pkg = client.get("/oppna-data/datapackage.json").json()
    nodes = {n["@id"]: n for n in cat["@graph"]}
    catalog = cat["@graph"][0]
    assert catalog["dct:license"]["@id"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    contact = next(n for n in cat["@graph"] if "vcard:Organization" in n.get("@type", []))
    assert contact["vcard:hasEmail"]["@id"] == "mailto:oppnadata@region.example"
    ds = nodes["https://resultat.example.se/oppna-data/#contributions"]
    assert ds["dct:modified"]["@value"][:4] >= "2025"
    assert "Källa" in ds["dct:provenance"]["rdfs:label"]["@value"]
    assert pkg["licenses"][0]["name"] == "CC0-1.0"
