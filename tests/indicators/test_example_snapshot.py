"""The example's real statistics (the dated Kolada snapshot in data/indicators/vasterbotten/
verkliga/) in what a reader sees: the start page's headline indicators, the charts, and a
published report edition, which still leaves out every indicator with a synthetic value."""

import pytest
from django.core.management import call_command
from django.test import Client

from resultat.indicators import selectors
from resultat.indicators.models import Indicator
from resultat.indicators.public import headline_indicators
from tests.reports.conftest import imported  # noqa: F401  (the 2025 report, a published cycle)


@pytest.fixture
def example(imported):  # noqa: F811
    call_command("indicators", "load-sets")
    call_command("indicators", "demo")
    return imported


def test_start_page_headline_indicators_are_real_and_sourced(example):
    rows = headline_indicators()
    assert len(rows) == 3  # every indicator linked to an overall goal (fewer than HEADLINE_COUNT)
    for row in rows:
        assert not row["synthetic"], row["title"]
        assert row["source"].startswith("Källa: ") and "Syntetiska" not in row["source"]
        assert row["value"] and row["year"]
    kolada = [r for r in rows if "Kolada" in r["source"]]
    assert kolada and all("hämtat ur Koladas API 2024-08-30" in r["source"] for r in kolada)
    html = Client(HTTP_HOST="localhost").get("/").content.decode()
    assert rows[0]["title"] in html and "hämtat ur Koladas API 2024-08-30" in html


def test_most_indicator_charts_show_real_values(example):
    charts = [c for ind in Indicator.objects.all() for c in selectors.build_charts(ind, render=False)]
    real = [c for c in charts if not c.synthetic]
    assert len(charts) >= 30 and len(real) >= 0.8 * len(charts)
    assert {c.kind for c in real} >= {"tid", "kommuner", "karta", "kon"}


def test_a_published_edition_still_refuses_synthetic_values(example):
    from resultat.reports.builder import build_report

    report = build_report(example, include_synthetic=False)
    shown = [ind for ch in report.chapters for ind in ch.indicators]
    assert shown and not any(ind.synthetic for ind in shown)
    assert any(ind.title.startswith("Invånare 25-64 år med eftergymnasial utbildning") for ind in shown)
    notes = " ".join(ch.indicators_note or "" for ch in report.chapters)
    assert "Folkmängd efter region och kön (SCB)" in notes  # the one synthetic indicator, left out
    assert "Syntetiska" not in " ".join(ind.source for ind in shown)
