"""Contract tests against the real Kolada and SCB APIs.

Marked ``live`` (deselected by default in the project's pytest setup) and, as a
second guard, skipped unless ``RESULTAT_LIVE_TESTS=1`` - so the offline suite
never touches the network.  Run them on a schedule to catch API drift::

    RESULTAT_LIVE_TESTS=1 .venv/bin/python -m pytest tests/core/sources -m live \\
        -o addopts="" -p no:django
"""

import os

import pytest

from resultat.core.sources.kolada import KoladaClient
from resultat.core.sources.scb import ScbClient

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        os.environ.get("RESULTAT_LIVE_TESTS") != "1",
        reason="set RESULTAT_LIVE_TESTS=1 to call the real APIs",
    ),
]


def test_kolada_population_of_vasterbotten():
    with KoladaClient() as kolada:
        (kpi,) = kolada.get_kpis(["N01951"]).items
        assert kpi.id == "N01951" and kpi.title
        fetched = kolada.get_data(["N01951"], ["24", "2480"], [2022, 2023])
        totals = {(o.area, o.period): o.value for o in fetched.items if o.gender == "T"}
        assert set(totals) == {("24", 2022), ("24", 2023), ("2480", 2022), ("2480", 2023)}
        assert all(v and v > 100_000 for v in totals.values())
        assert all(r.status == 200 and len(r.sha256) == 64 for r in fetched.responses)


def test_kolada_regions_use_00LL_codes():
    with KoladaClient() as kolada:
        regions = {m.id: m for m in kolada.list_regions().items}
        assert "0024" in regions and regions["0024"].code == "24"


def test_kolada_incremental_answer_parses():
    with KoladaClient() as kolada:
        kolada.get_data(["N01951"], ["24"], [2023, 2024], from_date="2020-01-01")


def test_scb_config_metadata_and_data():
    with ScbClient() as scb:
        cfg = scb.config().value
        assert cfg.max_data_cells > 0 and cfg.max_calls_per_time_window > 0 and cfg.time_window > 0
        meta = scb.get_metadata("TAB638").value
        region = meta.dimension("Region")
        assert "24" in region.codes and "2480" in region.codes
        contents = next(d for d in meta.dimensions if d.role == "metric" or d.id == "ContentsCode")
        time = next(d for d in meta.dimensions if d.role == "time" or d.id == "Tid")
        selection = {
            "Region": ["24", "2480"],
            contents.id: [contents.codes[0]],
            time.id: [time.codes[-1]],
        }
        for d in meta.dimensions:
            if d.id not in selection and not meta.eliminable(d.id):
                selection[d.id] = [d.codes[0]]
        data = scb.get_data("TAB638", selection).value
        assert len(data.rows) >= 2 and all(r.value is None or r.value >= 0 for r in data.rows)


def test_scb_table_search():
    with ScbClient() as scb:
        found = scb.search_tables("folkmängd", page_size=5, max_pages=1).value
        assert found.tables and found.total >= len(found.tables)
