"""Summarise the per-request phase timings written by bench/phases.py (bench/load.py --phases DIR).

    .venv/bin/python bench/phases_report.py DIR/editors DIR/public

Per kind of request: count and p50 / p95 / p99 of each phase (ms); for autosaves also
the slowest 5 % against the rest (mean of each phase), and what ran in the same worker
process at the same time (the interpreter lock is per process: a CPU-heavy request in
the same worker delays every other thread of it).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

FIELDS = ("wall", "cpu", "waiting", "db", "db_cpu", "lock", "commit", "after_commit", "held", "held_max", "gc", "queries")


def load(directory: Path) -> list[dict]:
    out = []
    for f in sorted(directory.glob("*.jsonl")):
        pid = int(f.stem)
        for line in f.read_text().splitlines():
            rec = json.loads(line)
            rec["pid"] = pid
            rec.setdefault("held", 0.0)
            rec.setdefault("held_max", 0.0)
            rec["waiting"] = max(0.0, rec["wall"] - rec["cpu"] - (rec["db"] - rec["db_cpu"]))
            rec["end"] = rec["start"] + rec["wall"] / 1000
            out.append(rec)
    return out


def kind(rec: dict) -> str:
    path = rec["path"]
    if path.endswith("/spara/") and rec["method"] == "POST":
        return "autosave" if rec["htmx"] else "save+lists"
    if path.startswith("/sok/"):
        return "search"
    if path.startswith("/uppfoljning/"):
        return "editor other"
    if path.startswith("/konto/"):
        return "login"
    return "public"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0


def table(records: list[dict], title: str) -> None:
    groups = defaultdict(list)
    for r in records:
        groups[kind(r)].append(r)
    print(f"\n{title}")
    print(f"{'kind':<13}{'n':>6}  " + "  ".join(f"{f:>17}" for f in FIELDS))
    print(" " * 21 + "  ".join(f"{'p50/p95/p99':>17}" for _ in FIELDS))
    for k, rs in sorted(groups.items()):
        cells = []
        for f in FIELDS:
            v = [r[f] for r in rs]
            cells.append(f"{pct(v, 50):.0f}/{pct(v, 95):.0f}/{pct(v, 99):.0f}")
        print(f"{k:<13}{len(rs):>6}  " + "  ".join(f"{c:>17}" for c in cells))


def overlap(rec: dict, others: list[dict]) -> list[dict]:
    return [o for o in others if o is not rec and o["start"] < rec["end"] and o["end"] > rec["start"]]


def tail(editors: list[dict]) -> None:
    autosaves = sorted((r for r in editors if kind(r) == "autosave" and r["status"] == 200), key=lambda r: r["wall"])
    if len(autosaves) < 20:
        return
    cut = int(len(autosaves) * 0.95)
    parts = {"fastest 95 %": autosaves[:cut], "slowest 5 %": autosaves[cut:]}
    print("\nAutosaves: the slowest 5 % against the rest (means, ms)")
    print(f"{'':<14}" + "".join(f"{f:>13}" for f in FIELDS) + f"{'same-worker':>13}{'of them full':>13}{'their cpu':>11}")
    for name, rs in parts.items():
        means = [sum(r[f] for r in rs) / len(rs) for f in FIELDS]
        same = [overlap(r, [o for o in editors if o["pid"] == r["pid"]]) for r in rs]
        n_same = sum(len(s) for s in same) / len(rs)
        n_full = sum(sum(1 for o in s if kind(o) == "save+lists") for s in same) / len(rs)
        cpu_same = sum(sum(o["cpu"] for o in s) for s in same) / len(rs)
        print(f"{name:<14}" + "".join(f"{m:>13.1f}" for m in means) + f"{n_same:>13.2f}{n_full:>13.2f}{cpu_same:>11.0f}")
    print("\nThe ten slowest autosaves:")
    for r in autosaves[-10:]:
        same = overlap(r, [o for o in editors if o["pid"] == r["pid"]])
        print("  " + " ".join(f"{f}={r[f]:.0f}" for f in FIELDS) + f"  same-worker: {len(same)} ("
              + ", ".join(f"{kind(o)} cpu {o['cpu']:.0f}" for o in same) + ")")


def main() -> None:
    dirs = [Path(a) for a in sys.argv[1:]]
    for d in dirs:
        records = load(d)
        table(records, f"{d} ({len(records)} requests)")
        if any(kind(r) == "autosave" for r in records):
            tail(records)


if __name__ == "__main__":
    main()
