"""An indicator page in English shows its charts' words in English (the SVG drawn for
no-JS, the page spec for vega-embed, the data tables); the Swedish page, the report's
charts and the downloads stay Swedish. Numbers are Swedish in both languages."""

import json
import re

import pytest
from django.utils import translation

from resultat.indicators import selectors
from resultat.indicators.models import Indicator

pytestmark = pytest.mark.django_db

PAGE = "/indikatorer/kolada/N00914/"


def headers(html: str) -> list[str]:
    return re.findall(r'<th scope="col"(?: class="num")?>([^<]*)</th>', html)


def page_specs(html: str) -> list[dict]:
    return [json.loads(s) for s in re.findall(r'<script id="chart-[^"]*-spec" type="application/json">(.*?)</script>', html, re.S)]


def test_english_page_shows_english_chart_text_and_tables(client, demo):
    swedish = client.get(PAGE).content.decode()  # drawn first: the English page must not reuse its pictures
    client.cookies["django_language"] = "en"  # the language switcher's cookie
    english = client.get(PAGE).content.decode()
    assert '<html lang="en"' in english

    # the data tables' headers
    assert "Year" in headers(english) and "Sweden" in headers(english) and "Area" in headers(english)
    assert "År" not in headers(english) and "Riket" not in headers(english)
    assert "År" in headers(swedish) and "Riket" in headers(swedish) and "Område" in headers(swedish)

    # the server-drawn SVG (axis title, legend) and the spec vega-embed draws
    svgs = re.findall(r'<div class="chart-static chart-static-wide">(.*?)</div>', english, re.S)
    assert any(">Year<" in svg for svg in svgs) and any(">Sweden<" in svg for svg in svgs)
    assert not any(">År<" in svg or ">Riket<" in svg for svg in svgs)
    time_spec = page_specs(english)[0]
    tooltip = time_spec["layer"][0]["encoding"]["tooltip"]
    assert tooltip[1]["title"] == "Year" and time_spec["layer"][0]["encoding"]["x"]["title"] == "Year"
    assert time_spec["config"]["locale"]["time"]["months"][0] == "January"
    sv_spec = page_specs(swedish)[0]
    assert sv_spec["layer"][0]["encoding"]["x"]["title"] == "År" and sv_spec["config"]["locale"]["time"]["months"][0] == "januari"

    # numbers: the same Swedish figures in both languages
    sv_rows = re.findall(r'<td class="num">([^<]*)</td>', swedish)
    assert sv_rows and sv_rows == re.findall(r'<td class="num">([^<]*)</td>', english)
    assert any("," in cell for cell in sv_rows)


def test_report_charts_and_downloads_stay_swedish_in_an_english_request(client, demo):
    indicator = Indicator.objects.get(source="kolada", external_id="N00914")
    with translation.override("en"):
        report = selectors.build_charts(indicator, render=False)  # the report's default
        page = selectors.build_charts(indicator, render=False, text=selectors.chart_text())
    assert report[0].header[0] == "År" and "Riket" in report[0].header
    assert report[0].spec["layer"][0]["encoding"]["x"]["title"] == "År"
    assert page[0].header[0] == "Year" and "Sweden" in page[0].header
    client.cookies["django_language"] = "en"
    svg = client.get(f"{PAGE}tid.svg").content.decode()
    assert ">År<" in svg and ">Riket<" in svg
