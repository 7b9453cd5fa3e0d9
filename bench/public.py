"""Benchmark: the public site and the API under load (gunicorn on loopback, SQLite).

Usage: .venv/bin/python bench/public.py [--duration 60] [--clients 50] [--workers 3] [--threads 4]

Sets up a throwaway SQLite database (migrate + ``resultat demo setup``: reference data,
both strategy versions, the imported 2025 edition), starts gunicorn on 127.0.0.1 with
DEBUG off, and drives each target for ``--duration`` seconds with ``--clients``
concurrent clients (one thread and one httpx client each, keep-alive, no
If-None-Match – every request is a full answer; the clients are spread over
``--load-processes`` processes, default 2):

* the start page ``/``
* a sub-priority page ``/delprioriteringar/dp-1.2/``
* an API list call ``/api/contributions/?year=2025&limit=20``
* the start page pre-rendered to a file and served by a threaded static server
  (``http.server``), for the ratio

Prints p50/p95/p99 latency (ms), requests per second and errors per target. Target:
p95 ≤ 100 ms, 0 errors. Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"servern svarade inte på {url}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _drive_part(args: tuple[str, int, float, float]) -> tuple[list[float], int, float]:
    url, clients, start_at, duration = args
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop_at = start_at + duration

    def worker(i: int) -> None:
        with httpx.Client(timeout=10) as client:
            client.get(url)  # open the connection before the clock starts
            time.sleep(max(0.0, start_at - time.time()))
            while time.time() < stop_at:
                t0 = time.perf_counter()
                try:
                    r = client.get(url)
                    ok = r.status_code == 200 and len(r.content) > 0
                except httpx.HTTPError:
                    ok = False
                latencies[i].append((time.perf_counter() - t0) * 1000)
                if not ok:
                    errors[i] += 1

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [x for per in latencies for x in per], sum(errors), time.time() - start_at


def drive_processes(url: str, clients: int, duration: float, processes: int) -> dict:
    """The same load spread over several processes (each with its own GIL), so the
    load generator is less of a bottleneck than one process with 50 threads."""
    import multiprocessing

    start_at = time.time() + 2.0
    parts = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_drive_part, [(url, n, start_at, duration) for n in parts if n])
    flat = [x for lat, _, _ in results for x in lat]
    elapsed = max(e for _, _, e in results)
    return {
        "requests": len(flat),
        "rps": len(flat) / elapsed,
        "p50": percentile(flat, 50),
        "p95": percentile(flat, 95),
        "p99": percentile(flat, 99),
        "mean": statistics.fmean(flat) if flat else float("nan"),
        "errors": sum(e for _, e, _ in results),
    }


def drive(url: str, clients: int, duration: float) -> dict:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start_gate = threading.Barrier(clients + 1)
    stop_at: list[float] = [0.0]

    def worker(i: int) -> None:
        with httpx.Client(timeout=10) as client:
            start_gate.wait()
            while time.monotonic() < stop_at[0]:
                t0 = time.perf_counter()
                try:
                    r = client.get(url)
                    ok = r.status_code == 200 and len(r.content) > 0
                except httpx.HTTPError:
                    ok = False
                latencies[i].append((time.perf_counter() - t0) * 1000)
                if not ok:
                    errors[i] += 1

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.monotonic() + duration
    start_gate.wait()
    began = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    flat = [x for per in latencies for x in per]
    return {
        "requests": len(flat),
        "rps": len(flat) / elapsed,
        "p50": percentile(flat, 50),
        "p95": percentile(flat, 95),
        "p99": percentile(flat, 99),
        "mean": statistics.fmean(flat) if flat else float("nan"),
        "errors": sum(errors),
    }


def run_load(url: str, args) -> dict:
    if args.load_processes <= 1:
        return drive(url, args.clients, args.duration)
    return drive_processes(url, args.clients, args.duration, args.load_processes)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="sekunder per mål (standard 60; t.ex. 5 för en snabb körning)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn-processer")
    parser.add_argument("--threads", type=int, default=4, help="trådar per gunicorn-process")
    parser.add_argument("--load-processes", type=int, default=2, help="processer som lastgeneratorn delar klienterna på (1 = en process med alla trådar)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="resultat-bench-public-"))
    env = dict(os.environ, RESULTAT_DEV="1", DEBUG="0", RESULTAT_VAR_DIR=str(tmp), DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", PYTHONPATH=str(ROOT))
    env.pop("RESULTAT_TESTING", None)
    print(f"Förbereder databasen i {tmp} …", flush=True)
    subprocess.run([PYTHON, "-m", "resultat.cli", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "-m", "resultat.cli", "demo", "setup"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    port = free_port()
    gunicorn = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "resultat.config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "-k", "gthread", "--threads", str(args.threads), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        wait_for(base + "/")
        targets = {
            "start page /": base + "/",
            "sub-priority /delprioriteringar/dp-1.2/": base + "/delprioriteringar/dp-1.2/",
            "API /api/contributions/?year=2025&limit=20": base + "/api/contributions/?year=2025&limit=20",
        }
        for name, url in targets.items():
            for _ in range(20):  # warm up every worker
                httpx.get(url, timeout=10)
            print(f"{name}: {args.clients} klienter i {args.duration:.0f} s …", flush=True)
            results[name] = run_load(url, args)
        static_dir = tmp / "static-site"
        static_dir.mkdir()
        (static_dir / "index.html").write_bytes(httpx.get(base + "/", timeout=10).content)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)

    sport = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", sport), functools.partial(QuietHandler, directory=str(static_dir)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        print(f"statisk kopia av startsidan: {args.clients} klienter i {args.duration:.0f} s …", flush=True)
        results["start page, pre-rendered (http.server)"] = run_load(f"http://127.0.0.1:{sport}/index.html", args)
    finally:
        server.shutdown()

    print()
    print(f"{'mål':<48} {'anrop':>8} {'anrop/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'fel':>5}")
    for name, r in results.items():
        print(f"{name:<48} {r['requests']:>8} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['errors']:>5}")
    start, static = results["start page /"], results["start page, pre-rendered (http.server)"]
    print(f"\nStartsidan: Django/gunicorn p95 {start['p95']:.1f} ms mot statisk {static['p95']:.1f} ms "
          f"(kvot {start['p95'] / static['p95']:.1f}); anrop/s {start['rps']:.0f} mot {static['rps']:.0f}.")
    worst = max(r["p95"] for n, r in results.items() if "pre-rendered" not in n)
    print("Mål p95 ≤ 100 ms och 0 fel: " + ("uppfyllt" if worst <= 100 and all(r["errors"] == 0 for r in results.values()) else "INTE uppfyllt"))


if __name__ == "__main__":
    main()
