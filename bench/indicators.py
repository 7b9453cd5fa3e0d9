"""Benchmark: the indicator store and charts.

Usage: .venv/bin/python bench/indicators.py [--runs 3] [--database-url URL]

Sets up a throwaway SQLite database (or the given PostgreSQL URL's database, which must
be empty of indicators), migrates, loads reference data, and measures

1. loading 1 000 000 observations (1 000 indicators x 17 areas x 20 years x 3 genders,
   cut at 1 000 000) with ``services.bulk_insert_observations`` in one transaction;
2. the data behind one chart: ``selectors.chart_data`` for one indicator, 17 areas,
   20 years, 3 genders (1 020 values);
3. one chart's SVG: building the time-series spec from that data and rendering it with
   vl-convert (no cache).

Prints every run and the medians. Targets: 1) <= 60 s, 2) <= 50 ms, 3) <= 200 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AREAS = ["00", "24", "2401", "2403", "2404", "2409", "2417", "2418", "2421", "2422", "2425", "2460", "2462", "2463", "2480", "2481", "2482"]
YEARS = list(range(2005, 2025))
GENDERS = ("T", "K", "M")
TOTAL = 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings"})
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from resultat.core import charts
    from resultat.core.charts.specs import ChartSeries
    from resultat.indicators import selectors, services
    from resultat.indicators.models import Indicator, Observation

    call_command("migrate", verbosity=0)
    call_command("reference", "load", verbosity=0, stdout=open(os.devnull, "w"))
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    per_indicator = len(AREAS) * len(YEARS) * len(GENDERS)
    n_indicators = -(-TOTAL // per_indicator)
    Indicator.objects.bulk_create(
        Indicator(source="kolada", external_id=f"B{i:05d}", title=f"Bänkindikator {i}", unit="procent") for i in range(n_indicators)
    )
    ids = list(Indicator.objects.filter(external_id__startswith="B").order_by("pk").values_list("pk", flat=True))

    def rows():
        n = 0
        for pk in ids:
            for area in AREAS:
                for year in YEARS:
                    for gender in GENDERS:
                        if n >= TOTAL:
                            return
                        n += 1
                        yield (pk, area, year, gender, 50.0 + (n % 997) / 10, "", False, None)

    loads = []
    for run in range(args.runs):
        Observation.objects.all()._raw_delete(Observation.objects.db)
        start = time.perf_counter()
        with transaction.atomic():
            count = services.bulk_insert_observations(rows())
        loads.append(time.perf_counter() - start)
        print(f"load run {run + 1}: {count} observations in {loads[-1]:.1f} s")
    print(f"LOAD 1 000 000 observations: median {statistics.median(loads):.1f} s (target <= 60 s)")

    target = ids[len(ids) // 2]
    data_times = []
    for _ in range(max(30, args.runs)):
        start = time.perf_counter()
        data = selectors.chart_data(target, AREAS, GENDERS)
        data_times.append(time.perf_counter() - start)
    assert sum(len(v) for v in data.values()) == len(AREAS) * len(YEARS) * len(GENDERS)
    print(f"CHART DATA (1 indicator, 17 areas, 20 years, 3 genders = 1 020 values): median {statistics.median(data_times) * 1000:.1f} ms (target <= 50 ms)")

    series = [ChartSeries(a, {y: v for y, (v, _s) in data[(a, "T")].items()}) for a in AREAS[:5]]
    charts.to_svg(charts.time_series(title="uppvärmning", series=series))  # first call starts the JS engine
    svg_times = []
    for i in range(max(10, args.runs)):
        start = time.perf_counter()
        spec = charts.time_series(title=f"Bänkdiagram {i}", series=series, unit="procent", target=(60.0, 2030))
        svg = charts.to_svg(spec)
        svg_times.append(time.perf_counter() - start)
    print(f"CHART SVG (time series, 5 lines x 20 years + target): median {statistics.median(svg_times) * 1000:.0f} ms (target <= 200 ms), {len(svg)} bytes")
    Observation.objects.all()._raw_delete(Observation.objects.db)
    Indicator.objects.filter(external_id__startswith="B").delete()


if __name__ == "__main__":
    main()
