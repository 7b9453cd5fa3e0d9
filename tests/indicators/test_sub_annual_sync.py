"""Monthly and quarterly SCB tables synced end to end from stored responses, kept as
periods, charted as periods; a failing table is one line and the others go on."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resultat.core.sources.http import HttpClient
from resultat.core.sources.replay import ReplayTransport
from resultat.core.sources.scb import ScbClient
from resultat.indicators import selectors, services
from resultat.indicators import sync as sync_module
from resultat.indicators.models import Indicator, Observation
from tests.factories import subset_jsonstat

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

BASE = "https://statistikdatabasen.scb.se/api/v2"


def _load(name):
    return json.loads((FIXTURES / "scb" / name).read_text(encoding="utf-8"))


def _metadata(data):
    meta = copy.deepcopy(data)
    meta["value"] = []
    meta.pop("status", None)
    return meta


def _entries(table, data, selection):
    return [
        {"url": f"{BASE}/tables/{table}/metadata?lang=sv", "json": _metadata(data)},
        {"method": "POST", "url": f"{BASE}/tables/{table}/data?lang=sv&outputFormat=json-stat2",
         "json": subset_jsonstat(data, selection)},
    ]


def _replay(tmp_path, entries):
    (tmp_path / "config.json").write_text((FIXTURES / "scb" / "config.json").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = {"responses": [{"url": f"{BASE}/config", "file": "config.json"}] + entries}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _monthly():
    """SCB's recorded TAB6471 (population per month), ages 20–29, total/men/women."""
    ind = Indicator.objects.create(
        source="scb", external_id="TAB6471", title="Folkmängd 20–29 år per månad", unit="antal", decimals=0,
        query={"table": "TAB6471", "region": "Region", "time": "Tid",
               "selection": {"ContentsCode": ["000007SF"], "Alder": ["20-29"], "Kon": ["TotSa", "1", "2"]},
               "gender": {"variable": "Kon", "map": {"TotSa": "T", "1": "M", "2": "K"}}},
    )
    data = _load("TAB6471_data_vasterbotten.json")
    selection = {"Region": ["24"], "Alder": ["20-29"], "Kon": ["TotSa", "1", "2"], "ContentsCode": ["000007SF"]}
    return ind, _entries("TAB6471", data, selection)


def _quarterly():
    ind = Indicator.objects.create(
        source="scb", external_id="HANDMADE_Q", title="Kvartalsvärde (handgjort testsvar)", unit="procent",
        query={"table": "HANDMADE_quarterly", "region": "Region", "time": "Tid", "selection": {"ContentsCode": ["KV01"]}},
    )
    data = _load("HANDMADE_quarterly_data.json")
    return ind, _entries("HANDMADE_quarterly", data, {"Region": ["00", "24"]})


def _client(directory):
    return ScbClient(HttpClient(transport=ReplayTransport(directory), sleep=lambda s: None))


def test_monthly_table_from_scbs_recorded_answer_keeps_every_month(tmp_path, reference):
    ind, entries = _monthly()
    summary = services.sync_scb(_client(_replay(tmp_path, entries)), indicators=[ind], areas=["24"])
    assert summary.ok, summary.failed
    assert summary.counts.new == 12  # 4 months x total, men, women
    got = {(o.period, o.period_code, o.gender): o.value for o in Observation.objects.filter(indicator=ind)}
    # The values of the recorded answer (region 24, ages 20-29), month by month.
    assert got[(2026, "2026M01", "T")] == 36946
    assert got[(2026, "2026M04", "T")] == 36863
    assert got[(2026, "2026M02", "M")] == 19018
    assert got[(2026, "2026M03", "K")] == 17917
    assert {code for _y, code, _g in got} == {"2026M01", "2026M02", "2026M03", "2026M04"}
    # Syncing the same answer again changes nothing.
    again = services.sync_scb(_client(_replay(tmp_path, entries)), indicators=[ind], areas=["24"])
    assert again.ok and again.counts.unchanged == 12 and again.counts.new == 0


def test_quarterly_table_is_stored_and_charted_by_quarter(tmp_path, reference):
    ind, entries = _quarterly()
    summary = services.sync_scb(_client(_replay(tmp_path, entries)), indicators=[ind], areas=["00", "24"])
    assert summary.ok, summary.failed
    stored = Observation.objects.filter(indicator=ind, area_code="24").order_by("period", "period_code")
    assert [(o.period, o.period_code, o.value, o.status) for o in stored] == [
        (2025, "2025K3", 5.9, ""), (2025, "2025K4", None, ".."), (2026, "2026K1", 6.2, ""),
    ]
    assert stored[0].period_label == "2025 kv. 3"
    chart = selectors.build_charts(ind, county="24", render=False)[0]
    assert chart.header[0] == "Period"
    assert [r[0] for r in chart.rows] == ["2025 kv. 3", "2025 kv. 4", "2026 kv. 1"]
    points = chart.spec["layer"][0]["data"]["values"]
    assert {(p["år"], p["period"]) for p in points if p["serie"] == "Riket"} == {
        ("2025-07-01", "2025 kv. 3"), ("2025-10-01", "2025 kv. 4"), ("2026-01-01", "2026 kv. 1")}
    assert chart.spec["layer"][0]["encoding"]["x"]["timeUnit"] == "yearmonthdate"
    assert "2026 kv. 1" in chart.description
    # The open-data rows carry the period and stay unique.
    rows = Observation.objects.filter(indicator=ind)
    from resultat.indicators.opendata import _observation_row

    ids = [_observation_row(o)["id"] for o in rows]
    assert len(set(ids)) == len(ids) == 6
    assert {_observation_row(o)["period"] for o in rows} == {"2025K3", "2025K4", "2026K1"}


def test_annual_tables_are_stored_as_before(tmp_path, reference):
    ind = Indicator.objects.create(source="scb", external_id="HANDMADE_A", title="Årsvärde", unit="procent",
                                   query={"table": "HANDMADE_annual", "selection": {"ContentsCode": ["KV01"]}})
    data = _load("HANDMADE_quarterly_data.json")
    data["dimension"]["Tid"]["category"] = {"index": {"2024": 0, "2025": 1, "2026": 2}, "label": {"2024": "2024", "2025": "2025", "2026": "2026"}}
    entries = _entries("HANDMADE_annual", data, {"Region": ["00", "24"]})
    summary = services.sync_scb(_client(_replay(tmp_path, entries)), indicators=[ind], areas=["00", "24"])
    assert summary.ok, summary.failed
    assert sorted(Observation.objects.filter(indicator=ind, area_code="24").values_list("period", "period_code")) == [
        (2024, ""), (2025, ""), (2026, "")]
    chart = selectors.build_charts(ind, county="24", render=False)[0]
    assert chart.header[0] == "År" and [r[0] for r in chart.rows] == ["2024", "2025", "2026"]


def test_a_failing_table_is_one_line_and_the_others_are_synced(tmp_path, reference, vasterbotten):
    """A table with an unknown time code fails alone; the monthly and quarterly tables
    are stored, the summary is printed, then the command fails with one line per failure."""
    monthly, m_entries = _monthly()
    quarterly, q_entries = _quarterly()
    bad = Indicator.objects.create(source="scb", external_id="HANDMADE_BAD", title="Okänd tidskod", unit="procent",
                                   query={"table": "HANDMADE_bad", "selection": {"ContentsCode": ["KV01"]}})
    data = _load("HANDMADE_quarterly_data.json")
    data["dimension"]["Tid"]["category"] = {"index": {"2026X1": 0, "2026X2": 1, "2026X3": 2},
                                             "label": {"2026X1": "2026X1", "2026X2": "2026X2", "2026X3": "2026X3"}}
    b_entries = _entries("HANDMADE_bad", data, {"Region": ["00", "24"]})
    # The command syncs indicators in the order of the query set: HANDMADE_BAD comes first.
    d = _replay(tmp_path, b_entries + q_entries + m_entries)
    out = StringIO()
    real_default_areas = sync_module.default_areas
    sync_module.default_areas = lambda: ["00", "24"]
    try:
        with pytest.raises(CommandError) as exc:
            call_command("indicators", "sync", "--source", "scb", "--replay", str(d), stdout=out)
    finally:
        sync_module.default_areas = real_default_areas
    message = str(exc.value)
    failure_lines = [line for line in message.splitlines() if line.startswith("scb:")]
    assert len(failure_lines) == 1
    assert "HANDMADE_BAD" in failure_lines[0] and "'2026X1'" in failure_lines[0]
    assert "förfrågningar" in out.getvalue()  # the summary table was printed first
    # TAB6471 has counties only: the country is left out with a warning, not a failure.
    assert "Varning (scb): TAB6471 (TAB6471) saknar 1 av de valda områdena (00)" in out.getvalue()
    assert not Observation.objects.filter(indicator=bad).exists()
    assert Observation.objects.filter(indicator=quarterly).count() == 6
    assert Observation.objects.filter(indicator=monthly, period_code="2026M04").count() == 3


def test_municipality_page_and_open_sdg_use_periods(reference):
    """The municipality table shows the latest period of the latest year (not an
    arbitrary month), and Open SDG's Year column gets whole years only."""
    from resultat.indicators import public
    from resultat.indicators.opendata import opensdg_observations

    ind = Indicator.objects.create(source="scb", external_id="HANDMADE_M", title="Månadsvärde", unit="procent")
    for code, value in (("2026M01", 1.0), ("2026M03", 3.0), ("2026M02", 2.0), ("2025M12", 9.0)):
        for area in ("2480", "24", "00"):
            Observation.objects.create(indicator=ind, area_code=area, period=int(code[:4]), period_code=code, value=value + len(area))
    (row,) = public.municipality_rows("2480", "24")
    assert row["year"] == "mar 2026"
    assert row["value"] == "7,0" and row["county"] == "5,0" and row["country"] == "5,0"
    assert opensdg_observations(ind, county="24") == []
    Observation.objects.create(indicator=ind, area_code="24", period=2025, value=42.0)
    assert [(o.year, o.value) for o in opensdg_observations(ind, county="24")] == [(2025, 42.0)]


def test_a_source_that_raises_is_one_line_and_the_other_source_still_syncs(tmp_path, reference, vasterbotten):
    """Kolada refusing an id (a ValueError from its planner) fails Kolada alone: SCB is
    synced, the summary printed, and the failure is one line."""
    Indicator.objects.create(source="kolada", external_id="BAD-ID", title="Felaktigt id", unit="antal")
    quarterly, q_entries = _quarterly()
    d = _replay(tmp_path, q_entries)
    out = StringIO()
    real_default_areas = sync_module.default_areas
    sync_module.default_areas = lambda: ["00", "24"]
    try:
        with pytest.raises(CommandError) as exc:
            call_command("indicators", "sync", "--replay", str(d), stdout=out)
    finally:
        sync_module.default_areas = real_default_areas
    failure_lines = [line for line in str(exc.value).splitlines() if line.startswith(("kolada:", "scb:"))]
    assert len(failure_lines) == 1 and failure_lines[0].startswith("kolada:") and "BAD-ID" in failure_lines[0]
    assert "scb" in out.getvalue() and "förfrågningar" in out.getvalue()
    assert Observation.objects.filter(indicator=quarterly).count() == 6
