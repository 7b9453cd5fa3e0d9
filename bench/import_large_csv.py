"""How long a very large initiatives CSV takes: the preview (read + check) and the confirm
(read + check again + write), on a throwaway SQLite database (issue 15: a 20 MB file,
about 270 000 rows, exceeded gunicorn's default 30 s timeout on confirm).

Usage: .venv/bin/python bench/import_large_csv.py [--rows 95000]   (95 000 rows ≈ 20 MB)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=95_000)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings"})
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from resultat.initiatives import demo, importing

    call_command("migrate", verbosity=0)
    call_command("reference", "load", verbosity=0, stdout=open(os.devnull, "w"))
    data = ROOT / "data" / "strategies" / "vasterbotten"
    call_command("strategy", "load", str(data / "rus-2020-2030-uppfoljning-2025.yaml"), str(data / "rus-2020-2030-aktualisering-2025-26.yaml"), stdout=open(os.devnull, "w"))
    blob = demo.synthetic_file(args.rows, seed=1, fmt="csv", prefix="BIG")
    # At this size the synthetic generator gives a few companies two names; drop those rows.
    bad = {e.row for e in importing.plan_import(blob, "big.csv").errors}
    if bad:
        lines = blob.split(b"\r\n")
        blob = b"\r\n".join(line for n, line in enumerate(lines, start=1) if n not in bad)
    print(f"csv: {args.rows - len(bad)} rows, {len(blob) / 1e6:.1f} MB")
    start = time.perf_counter()
    preview = importing.plan_import(blob, "big.csv")
    print(f"preview (read + check): {time.perf_counter() - start:.1f} s, {len(preview.errors)} errors")
    if preview.errors:
        print("first errors:", "; ".join(str(e) for e in preview.errors[:3]))
        return
    start = time.perf_counter()
    written = importing.apply_import(importing.plan_import(blob, "big.csv"))
    print(f"confirm (read + check + write): {time.perf_counter() - start:.1f} s, {written.get('beslut nya')} new decisions")


if __name__ == "__main__":
    main()
