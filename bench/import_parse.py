"""Benchmark: parsing the whole 2025 report with ``parse_report`` (no Django, no database).

Usage: .venv/bin/python bench/import_parse.py [--runs 5] [REPORT.txt [STRUCTURE.yaml]]

The report defaults to shared/seeds/resultat-vasterbotten-2025.ocr.txt (the directory
``RESULTAT_SHARED_DIR``, else ``shared/`` next to or above the repository), falling back to
the repository's copy in data/reports/vasterbotten/. Times the first call in the process
(it loads the Swedish lexicon and analyses every word) and then ``--runs`` more calls;
prints each time, the median of the later runs, and the counts per chapter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = "resultat-vasterbotten-2025.ocr.txt"


def default_report() -> Path:
    env = os.environ.get("RESULTAT_SHARED_DIR")
    candidates = [Path(env)] if env else []
    candidates += [ROOT / "shared", ROOT.parent / "shared"]
    for shared in candidates:
        if (shared / "seeds" / SEED).is_file():
            return shared / "seeds" / SEED
    return ROOT / "data" / "reports" / "vasterbotten" / SEED


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=None)
    parser.add_argument("structure", nargs="?", type=Path, default=ROOT / "data" / "followup" / "vasterbotten" / "structure-2025.yaml")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()

    import yaml

    from resultat.core.reportparse import ITEM_KINDS, parse_report

    path = args.report or default_report()
    text = path.read_text(encoding="utf-8")
    structure = yaml.safe_load(args.structure.read_text(encoding="utf-8"))

    def timed():
        start = time.perf_counter()
        cpu = time.process_time()
        report = parse_report(text, year=args.year, structure=structure, source=path.name)
        return report, time.perf_counter() - start, time.process_time() - cpu

    report, first, first_cpu = timed()
    print(f"{path} ({len(text.splitlines())} rader)")
    print(f"first call (loads the lexicon): {first:.2f} s (cpu {first_cpu:.2f} s)")
    runs = [timed() for _ in range(args.runs)]
    walls = [r[1] for r in runs]
    cpus = [r[2] for r in runs]
    print("later calls:", " ".join(f"{t:.2f}" for t in walls), f"median {statistics.median(walls):.2f} s (cpu {statistics.median(cpus):.2f} s)")

    counts = report.counts()
    short = {"environment_factor": "factor", "activity": "activity", "arena": "arena", "sdg": "sdg", "initiative": "initiative"}
    print()
    print(f"{'chapter':8} {'sections':>8} {'blocks':>7} " + " ".join(f"{short[k]:>10}" for k in ITEM_KINDS))
    for ch in report.chapters:
        c = counts[ch.code]
        print(f"{ch.code:8} {c['sections']:>8} {c['blocks']:>7} " + " ".join(f"{c['items'][k]:>10}" for k in ITEM_KINDS))
    t = counts["totals"]
    print(f"{'total':8} {t['sections']:>8} {t['blocks']:>7} " + " ".join(f"{t['items'][k]:>10}" for k in ITEM_KINDS))
    print(f"\nchapters {t['chapters']}, areas {t['areas']}, contacts {t['contacts']}, warnings {t['warnings']}")
    for w in report.warnings:
        print(f"  {path.name}:{w.line}: {w.message}")


if __name__ == "__main__":
    main()
