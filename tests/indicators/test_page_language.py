"""An indicator page in English says everything the code writes in English: the period
labels of a sub-annual series ("2025 Q1", not "2025 kv. 1") in the data table, the chart
spec and the server-drawn SVG; the assessment state, its reason and the comparison with
the country; the unit. The indicator's title (content from the source) stays Swedish,
and the CSV download keeps the Swedish labels (data)."""

import json
import re

import pytest
from django.test import Client

from resultat.indicators.models import Indicator, Observation

pytestmark = pytest.mark.django_db


def english_client() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"  # the language switcher's cookie
    return client


def page_specs(html: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script id="chart-[^"]*-spec" type="application/json">(.*?)</script>', html, re.S)]


def visible(html: str) -> str:
    """The page without its scripts (the specs are checked on their own)."""
    return re.sub(r"<script.*?</script>", "", html, flags=re.S)


@pytest.fixture
def quarterly(reference):
    ind = Indicator.objects.create(source="scb", external_id="HANDMADE_Q", title="Kvartalsvärde", unit="procent")
    for quarter in (1, 2, 3, 4):
        for area, base in (("24", 10.0), ("00", 20.0), ("2480", 30.0)):
            Observation.objects.create(indicator=ind, area_code=area, period=2025, period_code=f"2025K{quarter}", value=base + quarter)
    return ind


def test_english_page_writes_periods_assessment_and_unit_in_english(quarterly):
    html = english_client().get(quarterly.get_absolute_url()).content.decode()
    assert '<html lang="en"' in html
    # period labels: the data table, the specs (tooltips, description) and the SVG drawn without JavaScript
    assert '<th scope="row">2025 Q1</th>' in html and '<th scope="row">2025 Q4</th>' in html
    assert "kv. " not in html
    specs = page_specs(html)
    assert specs and "2025 Q1" in json.dumps(specs, ensure_ascii=False)
    # the assessment (no whole years: none), its reason and the comparison
    assert "No assessment" in html and "Bedömning saknas" not in html
    assert "No values." in html and "Inga värden." not in html
    assert "No comparison with Sweden." in html and "Ingen jämförelse med riket." not in html
    # the unit, on the page and as the chart's axis title
    assert "per cent" in visible(html) and "procent" not in visible(html)
    assert specs[0]["layer"][0]["encoding"]["y"]["title"] == "per cent"
    # the title is the source's, in Swedish
    assert "Kvartalsvärde" in html


def test_swedish_page_and_the_csv_keep_the_swedish_labels(quarterly):
    html = Client().get(quarterly.get_absolute_url()).content.decode()
    assert '<th scope="row">2025 kv. 1</th>' in html and "Bedömning saknas" in html and "procent" in html
    csv = english_client().get(f"{quarterly.get_absolute_url()}data.csv").content.decode("utf-8-sig")
    assert "2025 Q1" not in csv


def test_english_assessment_and_comparison_of_an_annual_series(reference):
    ind = Indicator.objects.create(source="scb", external_id="HANDMADE_A", title="Årsvärde", unit="procent", direction="higher")
    for year, county, country in ((2015, 50.0, 50.0), (2018, 45.0, 52.0), (2022, 40.0, 55.0)):
        Observation.objects.create(indicator=ind, area_code="24", period=year, value=county)
        Observation.objects.create(indicator=ind, area_code="00", period=year, value=country)
    html = english_client().get(ind.get_absolute_url()).content.decode()
    assert "Deterioration" in html and "Försämring" not in html
    assert "Worse than Sweden in 2022." in html and "Sämre än riket" not in html
    sv = Client().get(ind.get_absolute_url()).content.decode()
    assert "Försämring" in sv and "Sämre än riket 2022." in sv
