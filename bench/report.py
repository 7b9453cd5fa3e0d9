"""Benchmark: rendering the full 2025 edition as HTML, PDF and DOCX, with 30 charts.

Usage: .venv/bin/python bench/report.py [--runs 5] [--charts 30]

Imports the 2025 edition into a throwaway SQLite database, builds the report model, and
adds ``--charts`` synthetic indicator sections (labelled "Syntetiska demovärden"; the
indicators app is not merged yet, so the real edition has none). Each run renders from the
model with the chart caches emptied, so converting the Vega-Lite specs is part of every
time. Prints each run and the median per format. Targets: HTML ≤ 2 s, PDF ≤ 10 s, DOCX ≤ 5 s.
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


def add_synthetic_indicators(report, n: int) -> None:
    from resultat.core.report import charts
    from resultat.core.report.model import Chart, IndicatorSection, Table

    chapters = report.chapters
    for i in range(n):
        ch = chapters[i % len(chapters)]
        values = [(2018 + k, round(40 + 3 * ((i + k) % 7) + k * 1.5, 1)) for k in range(7)]
        title = f"Demoindikator {i + 1}"
        table = Table(id=f"{ch.id}-demo-{i}-tabell", caption=f"{title}: värden per år ({charts.SYNTHETIC_LABEL})", columns=["År", "Värde"], rows=[[str(y), str(v)] for y, v in values])
        ch.indicators.append(IndicatorSection(
            id=f"{ch.id}-demo-{i}", title=title,
            chart=Chart(spec=charts.synthetic_spec(title, values, "Procent"), alt=f"Linjediagram, {title}, 2018–2024, {charts.SYNTHETIC_LABEL}.", table=table),
            source=charts.SYNTHETIC_LABEL, date="2025-01-01", assessment="Syntetisk bedömning för prestandamätning.", synthetic=True,
        ))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--charts", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings"})
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from resultat.core.report import charts
    from resultat.core.report.docx import render_docx
    from resultat.core.report.html import render_standalone
    from resultat.core.report.pdf import render_pdf
    from resultat.followup.demo import load_setup_data
    from resultat.followup.models import Cycle
    from resultat.imports.services import import_report
    from resultat.reports.builder import build_report

    call_command("migrate", verbosity=0)
    call_command("reference", "load", verbosity=0, stdout=open(os.devnull, "w"))
    data = ROOT / "data" / "strategies" / "vasterbotten"
    call_command("strategy", "load", str(data / "rus-2020-2030-uppfoljning-2025.yaml"), str(data / "rus-2020-2030-aktualisering-2025-26.yaml"), stdout=open(os.devnull, "w"))
    load_setup_data()
    import_report(ROOT / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt", year=2025)
    t = time.perf_counter()
    report = build_report(Cycle.objects.get(year=2025))
    print(f"build model from the database: {time.perf_counter() - t:.2f} s")
    add_synthetic_indicators(report, args.charts)
    print(f"{len(report.chapters)} chapters, {sum(len(c.indicators) for c in report.chapters)} charts ({charts.SYNTHETIC_LABEL})")
    results = {}
    for name, fn in (("html", render_standalone), ("pdf", render_pdf), ("docx", render_docx)):
        times = []
        for _ in range(args.runs):
            charts._svg.cache_clear()
            charts._png.cache_clear()
            start = time.perf_counter()
            out = fn(report)
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
        print(f"{name:<5} runs: {', '.join(f'{x:.2f}' for x in times)}  median {results[name]:.2f} s  ({len(out)} bytes)")


if __name__ == "__main__":
    main()
