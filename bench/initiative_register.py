"""The initiative register of the 2025 edition against the hand-labelled key.

    .venv/bin/python bench/initiative_register.py [--list]

Parses shared/seeds/resultat-vasterbotten-2025.ocr.txt (or $RESULTAT_SEED_2025) with the
import's parser, runs resultat.core.reportparse.initiatives.extract_initiatives and prints
recall of the "Ett urval av insatser" items, recall of all named initiatives and precision,
for the tuned part and the held-out part of tests/fixtures/initiatives-key-2025.yaml
separately, plus the extraction time (median of --repeat runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from resultat.core.reportparse import parse_report  # noqa: E402
from resultat.core.reportparse.initiatives import evaluate, extract_initiatives  # noqa: E402

SEED = Path(os.environ.get("RESULTAT_SEED_2025", ROOT / "data/reports/vasterbotten/resultat-vasterbotten-2025.ocr.txt"))
KEY = ROOT / "tests/fixtures/initiatives-key-2025.yaml"
STRUCTURE = ROOT / "data/followup/vasterbotten/structure-2025.yaml"


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f} %" if b else "0/0"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print every extraction (A = created, R = for review)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not SEED.exists():
        print(f"{SEED}: the 2025 seed is missing (set RESULTAT_SEED_2025)", file=sys.stderr)
        return 2
    report = parse_report(SEED.read_text(encoding="utf-8"), year=2025, structure=yaml.safe_load(STRUCTURE.read_text(encoding="utf-8")))
    key = yaml.safe_load(KEY.read_text(encoding="utf-8"))
    times = []
    for _ in range(max(1, args.repeat)):
        t = time.perf_counter()
        register = extract_initiatives(report)
        times.append(time.perf_counter() - t)
    auto = [x for x in register if not x.needs_review]
    print(f"whole report: {len(register)} extractions, {len(auto)} created, {len(register) - len(auto)} for review; "
          f"{sum(1 for x in register if x.urval)} from 'Ett urval av insatser'; "
          f"extraction median {statistics.median(times):.2f} s over {len(times)} runs (shared, noisy machine)")
    for part in key["parts"]:
        r = evaluate(register, key, part)
        print(f"\n[{part}] {key['parts'][part]}")
        print(f"  'Ett urval' recall (found, incl. review): {pct(*r['urval'][:2])}   created only: {pct(*r['urval_auto'][:2])}")
        print(f"  all named recall (found, incl. review):   {pct(*r['all'][:2])}   created only: {pct(*r['all_auto'][:2])}")
        print(f"  all named with a record anywhere in the register (incl. review): {pct(*r['all_register'])}")
        print(f"  precision of created records:             {pct(*r['precision'])}")
        print(f"  for review: {r['review']} ({r['review_matching_key']} of them in the key)")
        print(f"  RV-run flag right (where both say): {pct(*r['rv_flag'])}; kind right: {pct(*r['kind'])}")
        if r["all"][2]:
            print(f"  missed: {r['all'][2]}")
        if r["false_positives"]:
            print(f"  false positives: {r['false_positives']}")
    if args.list:
        for x in register:
            print(f"{x.confidence:.2f} {'R' if x.needs_review else 'A'} {x.kind:9} {x.found_lines[0]:>5} {x.name}" + (f" ({x.acronym})" if x.acronym else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
