"""Benchmark: importing 10 000 funding decisions from XLSX and CSV (target ≤ 10 s).

Usage: .venv/bin/python bench/import_initiatives.py [--rows 10000] [--runs 3]

Sets up a throwaway SQLite database (migrate, reference data, the strategy versions),
writes a deterministic synthetic file (``core/funding/synthetic``), then times
``importing.import_file`` (read + check every row + all writes): each run imports
into an empty register inside a transaction that is rolled back afterwards, so every
run does the full work. Then one real import and a re-import (the idempotent path).
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


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings"})
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from resultat.initiatives import demo, importing

    call_command("migrate", verbosity=0)
    call_command("reference", "load", verbosity=0, stdout=open(os.devnull, "w"))
    data = ROOT / "data" / "strategies" / "vasterbotten"
    call_command("strategy", "load", str(data / "rus-2020-2030-uppfoljning-2025.yaml"), str(data / "rus-2020-2030-aktualisering-2025-26.yaml"), stdout=open(os.devnull, "w"))

    for fmt in ("xlsx", "csv"):
        start = time.perf_counter()
        blob = demo.synthetic_file(args.rows, seed=1, fmt=fmt, prefix="BENCH")
        print(f"{fmt}: wrote {args.rows} rows, {len(blob) / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            try:
                with transaction.atomic():
                    result = importing.import_file(blob, f"bench.{fmt}")
                    assert result.preview.ok and result.written["beslut nya"] == args.rows
                    times.append(time.perf_counter() - start)
                    raise Rollback
            except Rollback:
                pass
        print(f"{fmt}: import into an empty register:", " ".join(f"{t:.2f}" for t in times), f"median {statistics.median(times):.2f} s")
    start = time.perf_counter()
    importing.import_file(blob, "bench.csv")
    print(f"csv: first real import {time.perf_counter() - start:.2f} s")
    again = []
    for _ in range(args.runs):
        start = time.perf_counter()
        r = importing.import_file(blob, "bench.csv")
        assert r.written["beslut nya"] == 0 and r.written["beslut ändrade"] == 0
        again.append(time.perf_counter() - start)
    print("csv: re-import (idempotent, nothing changes):", " ".join(f"{t:.2f}" for t in again), f"median {statistics.median(again):.2f} s")


if __name__ == "__main__":
    main()
