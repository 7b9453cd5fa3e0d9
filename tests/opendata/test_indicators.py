"""Indicators on the public site, in the API, the downloads and the export: metadata
with links and assessment (an analyst's override wins), observations with provenance
and the synthetic flag, filters, the DCAT attribution, the Open SDG tidy CSV, the
start-page headline indicators, the municipality and sub-priority sections."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from resultat.core.formats import format_number
from resultat.core.opendata.csvfile import read_rows
from resultat.indicators.models import Indicator, Observation
from tests.opendata.conftest import OVERRIDE_NOTE

pytestmark = pytest.mark.usefixtures("published")


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


def _all(client, url):
    rows, next_url = [], url
    while next_url:
        body = client.get(next_url).json()
        rows += body["results"]
        next_url = body["next"]
    return rows


# --- API: indicators -------------------------------------------------------------------------------


def test_indicator_list_has_metadata_links_and_the_override(client):
    body = client.get("/api/indicators/?limit=500").json()
    assert body["count"] == Indicator.objects.count() >= 19
    rows = {r["id"]: r for r in body["results"]}
    ghg = rows["kolada-N00401"]
    assert ghg["status"] == "limited_progress" and ghg["status_label"] == "Begränsade framsteg"
    assert ghg["overridden"] is True and ghg["override_justification"] == OVERRIDE_NOTE and ghg["override_at"]
    assert ghg["automatic_status"] != "" and ghg["direction"] == "lower" and 13 in ghg["sdg_goals"]
    assert "mal-cirkular" in ghg["goals"] and "dp-4.4" in ghg["subpriorities"]
    pop = rows["scb-TAB638"]  # the example's one synthetic indicator
    assert pop["overridden"] is False and pop["override_justification"] is None and pop["status"] == pop["automatic_status"]
    assert pop["synthetic"] is True and pop["attribution"].startswith("Syntetiska demovärden")
    assert pop["page"] == "/indikatorer/scb/TAB638/" and pop["opensdg_csv"] == "/indikatorer/opensdg/indicator_scb-TAB638.csv"
    edu = rows["kolada-N01982"]  # real: the Kolada snapshot
    assert edu["synthetic"] is False and edu["attribution"].startswith("Källa: Kolada, nyckeltal N01982")
    brp = rows["manual-BRP-LIVSKVALITET"]
    assert brp["synthetic"] is False and brp["latest_year"] == 2025 and brp["latest_value"] == 73 and brp["country_value"] == 46
    assert "Källa:" in brp["attribution"] and "Syntetiska" not in brp["attribution"]
    assert "BRP+ 2025" in brp["attribution"] and ".txt" not in brp["attribution"]  # the real source, not a file name


def test_indicator_filters(client):
    def ids(query):
        return {r["id"] for r in client.get(f"/api/indicators/?limit=500&{query}").json()["results"]}

    assert ids("subpriority=dp-1.3") == {"kolada-N00999"} | {
        f"{i.source}-{i.external_id}" for i in Indicator.objects.filter(links__element_code="dp-1.3")
    }
    assert "kolada-N00999" in ids("subpriority=dp-1.3") and "kolada-N00401" not in ids("subpriority=dp-1.3")
    assert "kolada-N00401" in ids("sdg=13") and "kolada-N00999" not in ids("sdg=13")
    assert ids("indicator=N01951") == ids("indicator=kolada-N01951") == {"kolada-N01951"}
    assert client.get("/api/indicators/?sdg=18").status_code == 400


def test_indicator_detail_gives_each_link_with_target_and_assessment(client):
    r = client.get("/api/indicators/kolada-N07918/")
    assert r.status_code == 200
    data = r.json()
    target = next(lk for lk in data["links"] if lk["element"] == "dp-3.4")
    assert target["target_value"] == 98.0 and target["target_year"] == 2025 and target["kind"] == "subpriority"
    assert any(lk["kind"] == "sdg" and lk["sdg_goal"] == 9 for lk in data["links"])
    assert data["assessment"]["override"] is None and data["assessment"]["method"] == 1
    ghg = client.get("/api/indicators/kolada-N00401/").json()
    assert ghg["assessment"]["override"]["justification"] == OVERRIDE_NOTE and ghg["assessment"]["status"] == "limited_progress"
    assert client.get("/api/indicators/kolada-NOPE/").status_code == 404
    assert client.get("/api/indicators/nosource-N07918/").status_code == 404


# --- API: observations ---------------------------------------------------------------------------------


def test_observations_carry_provenance_and_the_synthetic_flag(client):
    rows = client.get("/api/indicator-observations/?indicator=kolada-N01951&geocode=2480&gender=T").json()["results"]
    by_year = {r["year"]: r for r in rows}
    real = by_year[2022]
    expected = Observation.objects.get(indicator__external_id="N01951", area_code="2480", period=2022, gender="T")
    assert real["value"] == expected.value == 132235 and real["synthetic"] is False
    assert real["id"] == "kolada-N01951.2480.2022.T" and real["area_name"] == "Umeå" and real["area_kind"] == "municipality"
    assert real["fetched_at"] and real["response_url"] and real["attribution"].startswith("Källa:")
    # the snapshot's citation (Kolada, the key figure, the retrieval date), not a file name
    assert real["attribution"].startswith("Källa: Kolada, nyckeltal N01951") and "2024-08-30" in real["attribution"]
    fake = client.get("/api/indicator-observations/?indicator=scb-TAB638&geocode=2480&gender=T&year=2020").json()["results"][0]
    assert fake["synthetic"] is True and fake["attribution"].startswith("Syntetiska demovärden")
    assert "syntetiska demovärden" in fake["response_url"]
    # no detail path (the export would write a file per value): the filters find one
    assert client.get("/api/indicator-observations/kolada-N01951.2480.2022.T/").status_code == 404
    one = client.get("/api/indicator-observations/?indicator=kolada-N01951&geocode=2480&year=2022&gender=T").json()
    assert one["count"] == 1 and one["results"][0] == real


def test_observation_filters(client):
    def rows(query):
        return client.get(f"/api/indicator-observations/?limit=500&{query}").json()

    one = rows("indicator=N01951&municipality=2480&year=2020")
    assert one["count"] == 3 and {r["gender"] for r in one["results"]} == {"T", "K", "M"}
    women = rows("indicator=N01951&geocode=24&gender=K")
    assert women["count"] == 29 and {r["gender"] for r in women["results"]} == {"K"}  # 1994–2022
    sdg = rows("sdg=13&year=2022&geocode=00")
    assert sdg["count"] >= 1 and all(13 in client.get(f"/api/indicators/{r['indicator']}/").json()["sdg_goals"] for r in sdg["results"])
    sub = rows("subpriority=dp-1.3&year=2022&geocode=24&gender=T")
    assert {r["indicator"] for r in sub["results"]} >= {"kolada-N00999"}
    assert rows("indicator=manual-BRP-LIVSKVALITET")["count"] == 2
    assert client.get("/api/indicator-observations/?gender=X").status_code == 400
    assert client.get("/api/indicator-observations/?year=abc").status_code == 400


# --- downloads, catalogue, Open SDG ---------------------------------------------------------------------


def test_downloads_say_which_values_are_synthetic(client):
    text = client.get("/oppna-data/indicator-observations.csv").content.decode("utf-8")
    rows = read_rows(text)
    assert len(rows) == Observation.objects.count()
    assert "synthetic" in rows[0] and {r["synthetic"] for r in rows} == {"true", "false"}
    real = [r for r in rows if r["synthetic"] == "false"]
    assert real and all(not r["attribution"].startswith("Syntetiska") for r in real)
    assert all(r["attribution"].startswith("Syntetiska demovärden") for r in rows if r["synthetic"] == "true")
    data = client.get("/oppna-data/indicator-observations.json").json()
    assert "Syntetiska demovärden" in data["description"]["sv"] and any("Källa: Kolada" in s for s in data["sources"])
    meta = client.get("/oppna-data/indicators.json").json()
    assert "Syntetiska demovärden" in meta["description"]["sv"]


def test_catalogue_keeps_the_source_attributions(client):
    cat = client.get("/oppna-data/katalog.jsonld").json()
    nodes = {n["@id"]: n for n in cat["@graph"]}
    for name in ("indicators", "indicator-observations"):
        node = nodes[f"http://localhost/oppna-data/#{name}"] if f"http://localhost/oppna-data/#{name}" in nodes else next(n for i, n in nodes.items() if i.endswith(f"#{name}"))
        # Free-text attributions are provenance statements (dct:source takes only dataset IRIs).
        assert "dct:source" not in node
        sources = node["dct:provenance"]["rdfs:label"]["@value"]
        assert "Källa: Kolada" in sources and "Källa: SCB" in sources


def test_open_sdg_tidy_csv_per_indicator(client):
    r = client.get("/indikatorer/opensdg/indicator_kolada-N01951.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = read_rows(r.content.decode("utf-8"))
    header = list(rows[0])
    assert header[0] == "Year" and header[-2:] == ["GeoCode", "Value"] and {"Sex", "Geography"} <= set(header)
    assert "Series" not in header  # all real (the Kolada snapshot)
    headline = [row for row in rows if not row["GeoCode"] and not row["Sex"] and not row["Geography"]]
    assert len(headline) == 29 and rows[: len(headline)] == headline  # the county's total per year, first
    umea_2022 = next(row for row in rows if row["GeoCode"] == "2480" and row["Year"] == "2022" and not row["Sex"])
    value = Observation.objects.get(indicator__external_id="N01951", area_code="2480", period=2022, gender="T").value
    assert float(umea_2022["Value"]) == value and umea_2022["Geography"] == "Umeå"
    assert {row["Sex"] for row in rows} == {"", "Female", "Male"}
    fake = read_rows(client.get("/indikatorer/opensdg/indicator_scb-TAB638.csv").content.decode("utf-8"))
    fake_headline = [row for row in fake if not row["GeoCode"] and not row["Sex"] and not row["Geography"]]
    synthetic_series = [row for row in fake if row["Series"] == "Syntetiska demovärden"]
    assert len(fake_headline) == 15 and synthetic_series[: len(fake_headline)] == fake_headline  # headline first within its series
    assert client.get("/indikatorer/opensdg/indicator_kolada-NOPE.csv").status_code == 404
    assert client.get("/indikatorer/opensdg/other.txt").status_code == 404
    index = client.get("/indikatorer/opensdg/").content.decode()
    assert 'href="/indikatorer/opensdg/indicator_manual-BRP-LIVSKVALITET.csv"' in index
    assert 'href="/indikatorer/opensdg/"' in client.get("/oppna-data/").content.decode()
    detail = client.get("/indikatorer/kolada/N01951/").content.decode()
    assert 'href="/indikatorer/opensdg/indicator_kolada-N01951.csv"' in detail


def test_export_writes_the_open_sdg_files_like_the_site(client, tmp_path):
    call_command("export", "opendata", "--out", str(tmp_path), "--base-url", "https://resultat.example.se", stdout=io.StringIO(), stderr=io.StringIO())
    folder = tmp_path / "indikatorer" / "opensdg"
    files = sorted(p.name for p in folder.glob("indicator_*.csv"))
    assert len(files) == Indicator.objects.filter(observations__isnull=False).distinct().count()
    assert (folder / "indicator_kolada-N00401.csv").read_bytes() == client.get("/indikatorer/opensdg/indicator_kolada-N00401.csv").content
    assert (tmp_path / "api" / "indicators" / "kolada-N00401" / "index.json").exists()
    assert [p.name for p in (tmp_path / "api" / "indicator-observations").iterdir()] == ["index.json"]  # no file per value
    assert json.loads((tmp_path / "api" / "indicator-observations" / "index.json").read_text())["count"] == Observation.objects.count()


# --- public pages ------------------------------------------------------------------------------------------


def test_start_page_headline_indicators_with_assessment(client):
    html = client.get("/").content.decode()
    assert "Utvalda indikatorer" in html
    assert "BRP+ livskvalitet, indexvärde" in html and "73 index" in html
    assert "Utsläpp till luft av växthusgaser" in html and "Begränsade framsteg" in html and "manuell bedömning" in html
    section = html.split('id="indicators-heading"')[1].split("</section>")[0]
    from resultat.indicators.models import IndicatorLink

    goal_linked = IndicatorLink.objects.filter(kind="goal", indicator__observations__isnull=False).values("indicator").distinct().count()
    assert section.count('class="card headline-indicator"') == min(4, goal_linked) >= 3
    assert "Syntetiska demovärden" not in section  # all real: the Kolada snapshot and the strategy's figures
    assert "hämtat ur Koladas API 2024-08-30" in section
    brp_card = section.split("BRP+ livskvalitet")[1].split("</li>")[0]
    assert "Syntetiska demovärden" not in brp_card  # BRP+ 2025 is a real figure from the strategy


def test_municipality_page_compares_with_county_and_country(client):
    html = client.get("/kommuner/2480/").content.decode()
    assert 'id="indikatorer-kommun"' in html and "Invånare totalt, antal" in html
    value = Observation.objects.get(indicator__external_id="N01951", area_code="2480", period=2022, gender="T").value
    assert format_number(value, 0) in html
    assert "Västerbottens län" in html and "Riket" in html and "Syntetiska demovärden" in html  # TAB638
    assert 'href="/api/indicator-observations/?geocode=2480"' in html


def test_subpriority_page_shows_its_indicators_with_charts(client):
    html = client.get("/delprioriteringar/dp-1.3/").content.decode()
    assert 'id="indikatorer-dp"' in html
    assert "Nystartade företag" in html
    assert html.count('<figure class="chart"') >= 1 and "<svg" in html and "Syntetiska demovärden" not in html
    assert 'href="/api/indicators/?subpriority=dp-1.3"' in html
    assert "Uppföljningen 2025" in html  # the contributions are still there
    link = next(part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("/indikatorer/kolada/N00999/tid.svg"))
    svg = client.get(link.replace("&amp;", "&"))
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
