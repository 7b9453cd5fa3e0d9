"""Benchmark: importing the whole 2025 edition (parse + repair + write).

Usage: .venv/bin/python bench/import_report.py [--runs 5]

Sets up a throwaway SQLite database (migrate, reference data, both strategy
versions, question set), then times ``import_report`` on the seed: first as dry
runs into an empty year (all the writes, rolled back), then one real import, then
re-imports over it (the idempotent path). Prints each run and the medians.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings"})
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from resultat.followup.demo import load_setup_data
    from resultat.imports.services import import_report

    call_command("migrate", verbosity=0)
    call_command("reference", "load", verbosity=0, stdout=open(os.devnull, "w"))
    data = ROOT / "data" / "strategies" / "vasterbotten"
    call_command("strategy", "load", str(data / "rus-2020-2030-uppfoljning-2025.yaml"), str(data / "rus-2020-2030-aktualisering-2025-26.yaml"), stdout=open(os.devnull, "w"))
    load_setup_data()
    report = ROOT / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"

    def timed(**kwargs) -> float:
        start = time.perf_counter()
        import_report(report, year=2025, **kwargs)
        return time.perf_counter() - start

    # Dry runs on the empty cycle: parse, repair and write everything, then roll back.
    dry = [timed(dry_run=True) for _ in range(args.runs)]
    print("full import into an empty year (dry run, rolled back):", " ".join(f"{t:.2f}" for t in dry), f"median {statistics.median(dry):.2f} s")
    first = timed()
    print(f"first real import: {first:.2f} s")
    again = [timed() for _ in range(args.runs)]
    print("re-import (idempotent, nothing changes):", " ".join(f"{t:.2f}" for t in again), f"median {statistics.median(again):.2f} s")


if __name__ == "__main__":
    main()
