"""Every write of the indicator store, by concern (a facade kept for the tests and
benchmarks that import ``services``; the app's own code imports the modules):

* ``store``: bulk insert and upsert of observations, synthetic flags, source responses;
* ``sync``: Kolada and SCB sync;
* ``manual_import``: values from a CSV or XLSX file;
* ``sets``: indicator sets (YAML) and their links;
* ``assessment``: an analyst's override of the automatic status;
* ``demo``: the demo values of ``make run``.

Each batch is one transaction: a failure half-way leaves nothing of that batch behind.
Patch names in the module that uses them (e.g. ``sync.default_areas``), not here.
"""

from resultat.indicators.assessment import can_assess, set_override
from resultat.indicators.demo import demo_snapshot
from resultat.indicators.manual_import import ImportResult, import_manual, parse_swedish_number
from resultat.indicators.sets import load_indicator_sets
from resultat.indicators.store import (
    Counts,
    IndicatorError,
    Point,
    apply_points,
    bulk_insert_observations,
    refresh_synthetic_flags,
    store_response,
)
from resultat.indicators.sync import SyncSummary, default_areas, sync_kolada, sync_scb

__all__ = [
    "Counts",
    "ImportResult",
    "IndicatorError",
    "Point",
    "SyncSummary",
    "apply_points",
    "bulk_insert_observations",
    "can_assess",
    "default_areas",
    "demo_snapshot",
    "import_manual",
    "load_indicator_sets",
    "parse_swedish_number",
    "refresh_synthetic_flags",
    "set_override",
    "store_response",
    "sync_kolada",
    "sync_scb",
]
