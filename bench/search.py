"""Benchmark: search latency and full reindex on ten years of reports.

Usage:
  .venv/bin/python bench/search.py [--years 10] [--repeat 10]                    # SQLite (throwaway file)
  .venv/bin/python bench/search.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
                                   # PostgreSQL: creates and drops its own database

Builds a throwaway database with the 2025 edition imported (plus the 2026 demo
cycle), then generates ``--years - 1`` further published years (2016–2024) by
perturbing the 2025 contributions and their items deterministically (sentences
rotated, words swapped with words of other contributions, seeded by year), which gives
about ten times the 2025 edition. Times a full ``rebuild`` of the index (median of 3)
and every query of tests/search/queries.yaml ``--repeat`` times, as the public and as
an analyst, first page (20 hits with snippets) – prints median, p95 and max.
The generated texts are synthetic (Syntetiska demovärden) and stay in the throwaway
database.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def perturb(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 2:
        k = rng.randrange(len(sentences))
        sentences = sentences[k:] + sentences[:k]
    words = " ".join(sentences).split(" ")
    for _ in range(max(1, len(words) // 12)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def generate(years: list[int]) -> int:
    from django.db import transaction

    from resultat.core.markup import markup_to_html
    from resultat.core.richtext import to_plain_text
    from resultat.followup.models import Contribution, ContributionItem, Cycle

    base = Cycle.objects.get(year=2025)
    contributions = list(base.contributions.prefetch_related("items"))
    vocabulary = sorted({w for c in contributions for w in to_plain_text(c.body).split() if w.isalpha() and len(w) > 3})
    made = 0
    with transaction.atomic():
        for year in years:
            rng = random.Random(year)
            cycle = Cycle.objects.create(year=year, version=base.version, question_set=base.question_set, state=Cycle.State.PUBLISHED)
            new = []
            for c in contributions:
                new.append(Contribution(cycle=cycle, area=c.area, chapter=c.chapter, area_order=c.area_order, question=c.question,
                                        body=markup_to_html(perturb(to_plain_text(c.body), rng, vocabulary)), state=Contribution.State.PUBLISHED))
            Contribution.objects.bulk_create(new)
            items = []
            for c, n in zip(contributions, new):
                for it in c.items.all():
                    items.append(ContributionItem(contribution=n, kind=it.kind, order=it.order, title=it.title, text=perturb(it.text, rng, vocabulary) if it.text else "",
                                                  sdg_goal_id=it.sdg_goal_id, sdg_target_id=it.sdg_target_id, arena_id=it.arena_id, initiative_id=it.initiative_id))
            ContributionItem.objects.bulk_create(items)
            made += len(new)
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--postgres", help="server URL; a database resultat_bench_search_<pid> is created there and dropped")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database (to inspect query plans)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="resultat-bench-")
    os.environ.update({"RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "resultat.config.settings"})
    dbname = None
    if args.postgres:
        import psycopg

        dbname = f"resultat_bench_search_{os.getpid()}"
        with psycopg.connect(args.postgres, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{dbname}"')
        os.environ["DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + "/" + dbname
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    try:
        run(args)
    finally:
        if dbname and not args.keep:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(args.postgres, autocommit=True) as con:
                con.execute(f'DROP DATABASE "{dbname}"')


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from resultat.accounts.models import User
    from resultat.search import indexing
    from resultat.search.models import SearchDocument
    from resultat.search.selectors import search
    from tests.search.conftest import load_edition

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_edition()
    print(f"database: {connection.vendor}; 2025 edition + 2026 demo cycle loaded in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    made = generate(list(range(2025 - (args.years - 1), 2025)))
    print(f"generated {made} contributions for {args.years - 1} more years in {time.perf_counter() - started:.1f} s")
    rebuilds = []
    for _ in range(3):
        started = time.perf_counter()
        counts = indexing.rebuild()
        rebuilds.append(time.perf_counter() - started)
    print(f"full reindex: {SearchDocument.objects.count()} documents {dict(counts)}; runs " + ", ".join(f"{t:.1f}" for t in rebuilds) + f" s; median {statistics.median(rebuilds):.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_searchdocument")
    queries = [e["query"] for e in yaml.safe_load((ROOT / "tests" / "search" / "queries.yaml").read_text(encoding="utf-8"))]
    analyst = User.objects.get(username="analytiker")
    for q in queries:  # warm up
        search(q, public=True)
    times = []
    cpu = []
    worst = []
    for user, public in ((None, True), (analyst, False)):
        for q in queries:
            for _ in range(args.repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                res = search(q, user=user, public=public, limit=20)
                ms = (time.perf_counter() - started) * 1000
                cpu.append((time.process_time() - started_cpu) * 1000)
                times.append(ms)
                worst.append((ms, q, res.total))
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"search: {len(times)} timed queries ({len(queries)} queries × {args.repeat} × public/analyst), "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    cpu.sort()
    print(f"  CPU time of this process (SQLite: all of the work; PostgreSQL: without the server's part): "
          f"median {statistics.median(cpu):.1f} ms, p95 {cpu[int(0.95 * len(cpu)) - 1]:.1f} ms")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
    print("slowest:", "; ".join(f"{q!r} {ms:.0f} ms ({n} hits)" for ms, q, n in sorted(worst, reverse=True)[:3]))


if __name__ == "__main__":
    main()
