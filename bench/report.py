"""Benchmark: the full 2025 edition of Resultat as HTML, PDF and DOCX, cold and warm.

Usage: .venv/bin/python bench/report.py [--runs 5] [--formats html,pdf,docx] [--profile pdf]

Loads the example as ``make run`` does (``load_example`` and the synthetic demo values)
into a throwaway SQLite database under a temporary RESULTAT_VAR_DIR, then measures, per
format, the median of ``--runs`` runs of:

* **fresh process, cold chart cache**: ``resultat report build --year 2025 --format F``
  in a new Python process with an empty chart cache directory (what a command-line user
  waits for the first time; Python, Django, the model and every chart);
* **fresh process, warm disk cache**: the same command, the chart cache directory filled
  by an earlier run (what every later command-line build and a new gunicorn worker wait for);
* **in-process, warm**: ``reports.services.render`` again in this process (the memory
  cache holds the charts; what a download from a running server waits for), and the
  model (``report_for``) on its own.

Targets (issue 17), fresh process: HTML ≤ 1 s, PDF ≤ 2 s, DOCX ≤ 2 s.
``--profile F`` prints the top of cProfile for one warm-disk fresh-process build of F.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGETS = {"html": 1.0, "pdf": 2.0, "docx": 2.0}


def _env(var: Path, charts: Path) -> dict:
    """The child's environment. Bytecode is compiled once into a cache under the bench's
    directory (as an installed package has it): with PYTHONDONTWRITEBYTECODE=1 every fresh
    process would compile about 1 100 modules from source first."""
    env = dict(os.environ)
    env.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "resultat.config.settings",
                "RESULTAT_CHART_CACHE_DIR": str(charts), "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(var / "pycache")})
    env.pop("DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _build_command(fmt: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "resultat.cli", "report", "build", "--year", "2025", "--format", fmt, "--out", str(out)]


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system) of each fresh process, by "format/cold" or "format/warm":
less sensitive than wall time to the other jobs on a shared machine."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_process(fmt: str, var: Path, charts: Path, out: Path, label: str = "") -> float:
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(_build_command(fmt, out), env=_env(var, charts), capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"resultat report build --format {fmt} failed:\n{done.stderr or done.stdout}")
    if label:
        CPU.setdefault(label, []).append(_children_cpu() - cpu)
    return seconds


def setup(var: Path) -> None:
    os.environ.update(_env(var, var / "cache" / "charts-inprocess"))
    import django

    django.setup()
    from django.core.management import call_command

    from resultat.example.services import load_example, load_synthetic_demo

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        load_example(stdout=quiet)
        load_synthetic_demo(stdout=quiet)
    print(f"setup (migrate, load_example, synthetic demo): {time.perf_counter() - t:.1f} s")


def profile(fmt: str, var: Path, charts: Path, out: Path) -> None:
    stats = var / f"profile-{fmt}.out"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats), *_build_command(fmt, out)[1:]]
    subprocess.run(cmd, env=_env(var, charts), check=True, capture_output=True, cwd=ROOT)
    import pstats

    print(f"\ncProfile, fresh process with a warm disk cache, {fmt} (cumulative, top 25):")
    pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", default="html,pdf,docx")
    parser.add_argument("--profile", choices=sorted(TARGETS), help="cProfile one warm fresh-process build of this format")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    var = Path(tempfile.mkdtemp(prefix="resultat-bench-report-"))
    out = var / "out"
    try:
        setup(var)
        from resultat.core.charts import render
        from resultat.followup.models import Cycle
        from resultat.reports import services

        cycle = Cycle.objects.filter(year=2025).order_by("-version__valid_from").first()
        t = time.perf_counter()
        report, edition = services.report_for(cycle)
        first_model = time.perf_counter() - t
        n_charts = sum(len(c.indicators) for c in report.chapters)
        print(f"{report.title}: {len(report.chapters)} chapters, {n_charts} indicator charts"
              f" ({'edition ' + str(edition.number) if edition else 'draft'}); model first built in {first_model:.2f} s")

        for fmt in formats:  # compiles the bytecode once (not measured)
            fresh_process(fmt, var, var / "cache" / "warm-up", out)
        rows = []
        for fmt in formats:
            cold, warm = [], []
            for _ in range(args.runs):
                charts = var / "cache" / f"cold-{fmt}"
                shutil.rmtree(charts, ignore_errors=True)
                cold.append(fresh_process(fmt, var, charts, out, f"{fmt}/cold"))
                warm.append(fresh_process(fmt, var, charts, out, f"{fmt}/warm"))  # same directory, now filled
            render.clear_memory()
            services.render(report, fmt)  # fills the memory cache
            inproc = []
            for _ in range(args.runs):
                t = time.perf_counter()
                services.render(report, fmt)
                inproc.append(time.perf_counter() - t)
            rows.append((fmt, cold, warm, inproc))
            print(f"{fmt:<5} fresh cold  {', '.join(f'{x:.2f}' for x in cold)}  median {statistics.median(cold):.2f} s")
            print(f"{fmt:<5} fresh warm  {', '.join(f'{x:.2f}' for x in warm)}  median {statistics.median(warm):.2f} s"
                  f"  (target ≤ {TARGETS[fmt]:.0f} s)")
            print(f"{fmt:<5} in-process  {', '.join(f'{x:.2f}' for x in inproc)}  median {statistics.median(inproc):.2f} s")
        model = []
        for _ in range(args.runs):
            t = time.perf_counter()
            services.report_for(cycle)
            model.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import django, os; django.setup()"], env=_env(var, var / "cache" / "x"), check=True, cwd=ROOT)
        startup = time.perf_counter() - t
        print(f"\nmodel (report_for) in-process median {statistics.median(model):.2f} s; "
              f"a fresh Python process that only runs django.setup(): {startup:.2f} s")
        print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("\n| format | fresh process, cold chart cache (wall / CPU) | fresh process, warm disk cache (wall / CPU) | in-process, warm | target (fresh) |")
        print("|---|---:|---:|---:|---:|")
        for fmt, cold, warm, inproc in rows:
            c_cpu, w_cpu = statistics.median(CPU[f"{fmt}/cold"]), statistics.median(CPU[f"{fmt}/warm"])
            print(f"| {fmt.upper()} | {statistics.median(cold):.2f} s / {c_cpu:.2f} s | **{statistics.median(warm):.2f} s** / {w_cpu:.2f} s | "
                  f"{statistics.median(inproc):.2f} s | ≤ {TARGETS[fmt]:.0f} s |")
        if args.profile:
            charts = var / "cache" / f"cold-{args.profile}"
            if not charts.exists():
                fresh_process(args.profile, var, charts, out)
            profile(args.profile, var, charts, out)
    finally:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
