"""What one autosave costs the server: CPU time and database queries (noise-robust,
unlike latency on a shared machine).

    .venv/bin/python bench/autosave_cost.py                    # SQLite in a temporary directory
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/resultat_autosave .venv/bin/python bench/autosave_cost.py
    .venv/bin/python bench/autosave_cost.py --words 3000 --saves 30 --profile

Prepares a fresh database (the PostgreSQL database in DATABASE_URL is dropped and
created again) with the Västerbotten strategy and structure and an open cycle, logs one
editor in with Django's test client and autosaves one contribution (htmx POST, as the
editor page does) --saves times with a new text of --words words each (Swedish words
from the strategy, paragraphs, a list and bold). Prints the CPU time of this process per
autosave (median and mean of the timed saves; the database server's own CPU on
PostgreSQL is not included) and the statements per autosave, listed with --queries.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def sample_text(words: int, seed: int, vocabulary: list[str]) -> str:
    """Editor's markup: paragraphs of ~120 words, one bullet list, some bold."""
    rng = random.Random(seed)
    out, para = [], []
    for i in range(words):
        word = rng.choice(vocabulary)
        para.append(f"**{word}**" if i % 97 == 0 else word)
        if len(para) >= 120:
            out.append(" ".join(para).capitalize() + ".")
            para = []
    if para:
        out.append(" ".join(para) + ".")
    out.insert(len(out) // 2, "\n".join(f"- {rng.choice(vocabulary)} {rng.choice(vocabulary)}" for _ in range(5)))
    return "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--saves", type=int, default=30, help="timed autosaves (after 3 untimed)")
    parser.add_argument("--queries", action="store_true", help="list the statements of one autosave")
    parser.add_argument("--profile", action="store_true", help="cProfile of the timed autosaves (top 40, cumulative)")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="resultat-autosave-"))
    os.environ.update(RESULTAT_DEV="1", RESULTAT_VAR_DIR=str(var), LOG_LEVEL="WARNING")
    os.environ.pop("DEBUG", None)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1].split("?")[0]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{var}/autosave.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultat.config.settings")
    import django

    django.setup()
    from datetime import date

    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from resultat.accounts.models import Role, User
    from resultat.followup import loaders, services
    from resultat.followup.demo import data_dir
    from resultat.followup.models import Contribution
    from resultat.reference.services import load_all
    from resultat.strategy.models import StrategyVersion
    from resultat.strategy.services import load_strategy_file

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)
    load_all()
    strategies = ROOT / "data/strategies/vasterbotten"
    load_strategy_file(strategies / "rus-2020-2030-uppfoljning-2025.yaml")
    load_strategy_file(strategies / "rus-2020-2030-aktualisering-2025-26.yaml")
    qs = loaders.load_question_set(data_dir() / "questions-default.yaml")
    loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
    analyst = User.objects.create_user("analytiker")
    analyst.groups.add(Group.objects.get(name=Role.ANALYST))
    cycle = services.open_cycle(year=2026, version=StrategyVersion.objects.get(code="aktualisering-2025-26"), question_set=qs,
                                actor=analyst, deadlines={"submit_by": date(2027, 1, 31)})
    contribution = Contribution.objects.filter(cycle=cycle, area__units__isnull=False).order_by("pk").first()
    editor = User.objects.create_user("redaktor")
    editor.groups.add(Group.objects.get(name=Role.EDITOR))
    contribution.area.units.first().editors.add(editor)
    call_command("search", "reindex", verbosity=0, stdout=open(os.devnull, "w"))

    vocabulary = sorted(set(re.findall(r"[A-Za-zÅÄÖåäö]{3,}", (strategies / "rus-2020-2030-aktualisering-2025-26.yaml").read_text())))
    client = Client()
    client.force_login(editor)
    save_url = reverse("followup:contribution_save", args=[contribution.pk])
    revision = 0

    def autosave(seed: int) -> None:
        nonlocal revision
        response = client.post(save_url, {"body": sample_text(args.words, seed, vocabulary), "base_revision": revision},
                               HTTP_HX_REQUEST="true")
        if response.status_code != 200:
            raise SystemExit(f"autosave {seed}: {response.status_code} {response.content[:300]!r}")
        revision += 1

    for seed in range(3):  # warm up: the first save makes the draft, caches fill
        autosave(seed)
    reset_queries()  # the test client's request_started signal empties the log: start it empty
    with CaptureQueriesContext(connection) as captured:
        autosave(3)
    statements = [q["sql"] for q in captured.captured_queries]  # now: the next request empties the log
    texts = [sample_text(args.words, 100 + i, vocabulary) for i in range(args.saves)]  # made before timing
    cpu = []
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for text in texts:
        start = time.process_time()
        response = client.post(save_url, {"body": text, "base_revision": revision}, HTTP_HX_REQUEST="true")
        cpu.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, response.status_code
        revision += 1
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    control = [s for s in statements if re.match(r"(BEGIN|COMMIT|SAVEPOINT|RELEASE|ROLLBACK)", s)]
    if args.queries:
        for sql in statements:
            print("  ", sql[:160])
    engine = connection.vendor
    print(f"database: {engine}; text: {args.words} words; timed autosaves: {len(cpu)}")
    print(f"CPU per autosave: median {statistics.median(cpu):.1f} ms, mean {statistics.mean(cpu):.1f} ms "
          f"(min {min(cpu):.1f}, max {max(cpu):.1f})")
    print(f"statements per autosave: {len(statements)} ({len(statements) - len(control)} queries + {len(control)} "
          "transaction control: BEGIN/SAVEPOINT/RELEASE/COMMIT)")
    if url.startswith("postgres"):
        connection.close()
    import shutil

    shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
