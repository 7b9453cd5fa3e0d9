"""Load test: gunicorn on loopback, 50 concurrent clients for 60 s, then a lost-write check.

    .venv/bin/python bench/load.py                               # SQLite (WAL) in a temporary directory
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/resultat_load .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --clients 50 --seconds 60 --editors 30

Prepares a fresh database (migrate, reference data, the Västerbotten strategy and
structure, an open cycle, one editor user per editing client who owns one
contribution), starts gunicorn (gthread) on 127.0.0.1, and runs the clients:
public clients browse the start page, strategy pages, published results, the API and
search (four queries: words, a phrase, an exclusion); editor
clients log in, open their contribution, autosave it (htmx request) every
--autosave-every seconds (default 4, the editor page's own debounce: it saves 4 s after
the last keystroke) with a new text, and submit it at the end. --shared of the editors
(default 10) are editors of *different units* who all cite the same two standing
arenas in their "Samverkan" contribution: they alternate autosaves with full saves of
the form (text and typed list, each save re-indexes the shared arena), so saves of
different units re-index the same search documents at the same moment. (Initiatives
are linked to contributions by the report import, not by the editor's form, so the
shared arenas are what editors can share.) Logins happen before
the measured window starts. Afterwards every contribution's text and
revision in the database is compared with the last save the server acknowledged:
a difference is a lost write. Prints requests, errors, lost writes and p50/p95/p99.
The PostgreSQL database in DATABASE_URL is dropped and created again.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "last-test-losenord-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict, editors: int, shared: int) -> list[tuple[str, int, bool]]:
    """Runs in a child process with the bench environment; returns (username, contribution pk, shared)."""
    code = f"""
import os, django, json
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultat.config.settings")
django.setup()
from datetime import date
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import Group
from resultat.accounts.models import Role, User
from resultat.reference.services import load_all
from resultat.strategy.services import load_strategy_file
from resultat.followup import loaders, services
from resultat.followup.demo import data_dir
from resultat.followup.models import Contribution, StandingArena
from resultat.strategy.models import StrategyVersion
load_all()
strategies = "{ROOT}/data/strategies/vasterbotten"
load_strategy_file(strategies + "/rus-2020-2030-uppfoljning-2025.yaml")
load_strategy_file(strategies + "/rus-2020-2030-aktualisering-2025-26.yaml")
qs = loaders.load_question_set(data_dir() / "questions-default.yaml")
loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml")
analyst = User.objects.create_user("analytiker", password="{PASSWORD}")
analyst.groups.add(Group.objects.get(name=Role.ANALYST))
version = StrategyVersion.objects.get(code="aktualisering-2025-26")
cycle = services.open_cycle(year=2026, version=version, question_set=qs, actor=analyst, deadlines={{"submit_by": date(2027, 1, 31)}})
for code, name in (("gemensam-arena-1", "Gemensamma forumet"), ("gemensam-arena-2", "Länsgruppen för samverkan")):
    StandingArena.objects.create(code=code, name=name)
out = []
editor_group = Group.objects.get(name=Role.EDITOR)
# the shared editors: "Samverkan" of areas of different units
shared, units_taken = [], set()
for c in Contribution.objects.filter(cycle=cycle, question__code="samverkan").select_related("area").order_by("pk"):
    unit = c.area.units.exclude(pk__in=units_taken).first()
    if unit is not None and len(shared) < {shared}:
        units_taken.add(unit.pk)
        shared.append((c, unit))
if len(shared) < {shared}:
    raise SystemExit(f"bara {{len(shared)}} verksamheter med egna områden för --shared")
contributions = list(Contribution.objects.filter(cycle=cycle, area__units__isnull=False).exclude(pk__in=[c.pk for c, _ in shared])
                     .distinct().select_related("area").order_by("pk"))
plain = {editors} - {shared}
for i in range({editors}):
    if i < plain:
        c, unit = contributions[i * (len(contributions) // plain)], None
    else:
        c, unit = shared[i - plain]
    user = User.objects.create_user(f"redaktor{{i}}", password="{PASSWORD}")
    user.groups.add(editor_group)
    (unit or c.area.units.first()).editors.add(user)
    out.append((user.username, c.pk, unit is not None))
call_command("search", "reindex", verbosity=0)
print("PREPARED" + json.dumps(out))
"""
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    import json

    return json.loads(result.stdout.split("PREPARED", 1)[1])


def check(env: dict) -> dict:
    code = """
import os, django, json
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultat.config.settings")
django.setup()
from resultat.core.richtext import to_plain_text
from resultat.followup.models import Contribution
from resultat.search.models import SearchDocument
docs = dict(SearchDocument.objects.filter(source="contribution", kind="contribution").values_list("source_id", "text"))
stale = [c.pk for c in Contribution.objects.exclude(body="") if docs.get(c.pk, "").strip() != to_plain_text(c.body).strip()]
arenas = {t: sorted(filter(None, areas.split("|"))) for t, areas in SearchDocument.objects.filter(kind="arena", title__in=["Gemensamma forumet", "Länsgruppen för samverkan"]).values_list("title", "areas")}
print("STATE" + json.dumps({"contributions": {c.pk: [c.body, c.revision, c.state] for c in Contribution.objects.all()}, "stale": stale, "arenas": arenas}))
"""
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    import json

    data = json.loads(result.stdout.split("STATE", 1)[1])
    data["contributions"] = {int(k): v for k, v in data["contributions"].items()}
    return data


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def record(self, kind: str, seconds: float, ok: bool, what: str):
        with self.lock:
            self.latencies[kind].append(seconds)
            if not ok:
                self.errors.append(what)


def timed(stats: Stats, kind: str, client: httpx.Client, method: str, url: str, ok=(200, 302), **kw) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = client.request(method, url, **kw)
    except httpx.HTTPError as error:
        stats.record(kind, time.perf_counter() - start, False, f"{method} {url}: {error!r}")
        return None
    stats.record(kind, time.perf_counter() - start, response.status_code in ok, f"{method} {url}: {response.status_code}")
    return response


def csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def public_client(base: str, start: threading.Barrier, window: dict, stats: Stats):
    urls = ["/", "/strategi/", "/strategi/rus/aktualisering-2025-26/", "/strategi/rus/aktualisering-2025-26/prioritering/p-1/",
            "/strategi/rus/aktualisering-2025-26/delprioritering/dp-1.2/", "/strategi/rus/aktualisering-2025-26/agenda-2030/", "/resultat/", "/om/",
            "/delprioriteringar/dp-1.2/", "/api/subpriorities/", "/sok/?q=digitalisering", "/sok/?q=kompetensf%C3%B6rs%C3%B6rjning",
            "/sok/?q=%22h%C3%A5llbar+tillv%C3%A4xt%22", "/sok/?q=innovation+-turism"]
    with httpx.Client(base_url=base, timeout=30) as client:
        start.wait()
        stop = window["stop"]
        i = 0
        while time.time() < stop:
            url = urls[i % len(urls)]
            timed(stats, "search" if url.startswith("/sok/") else "public", client, "GET", url)
            i += 1


def editor_client(base: str, start: threading.Barrier, window: dict, stats: Stats, username: str, pk: int, acked: dict, shared: bool = False):
    with httpx.Client(base_url=base, timeout=30) as client:
        page = timed(stats, "login", client, "GET", "/konto/logga-in/")
        token = csrf(page.text)
        timed(stats, "login", client, "POST", "/konto/logga-in/", data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": "/"})
        page = timed(stats, "editor-page", client, "GET", f"/uppfoljning/bidrag/{pk}/")
        revision = int(re.search(r'name="base_revision" value="(\d+)"', page.text).group(1))
        token = client.cookies.get("csrftoken")
        start.wait()  # logins happen before the measured window (Argon2 is slow on purpose)
        stop = window["stop"]
        n = 0
        while time.time() < stop:
            n += 1
            body = f"Text {n} från {username}."
            if shared and n % 2 == 0:
                # a full save of the form: text and the typed list citing both shared arenas
                items = {"items-TOTAL": "2", "items-0-kind": "arena", "items-0-arena": "gemensam-arena-1", "items-0-text": body,
                         "items-1-kind": "arena", "items-1-arena": "gemensam-arena-2", "items-1-text": f"Möte {n}"}
                response = timed(stats, "save+lists", client, "POST", f"/uppfoljning/bidrag/{pk}/spara/",
                                 data={"body": body, "base_revision": revision, **items}, headers={"X-CSRFToken": token})
                ok = response is not None and response.status_code == 302
            else:
                response = timed(stats, "autosave", client, "POST", f"/uppfoljning/bidrag/{pk}/spara/",
                                 data={"body": body, "base_revision": revision}, headers={"HX-Request": "true", "X-CSRFToken": token})
                ok = response is not None and response.status_code == 200
            if ok:
                revision += 1
                acked[pk] = (f"<p>{body}</p>", revision, "draft")
            time.sleep(window["autosave_every"])  # the editor page autosaves 4 s after the last keystroke
        body = f"Slutlig text från {username}."
        items = {"items-TOTAL": "1", "items-0-kind": "arena", "items-0-arena": "gemensam-arena-1", "items-0-text": body} if shared else {}
        response = timed(stats, "submit", client, "POST", f"/uppfoljning/bidrag/{pk}/spara/",
                         data={"body": body, "base_revision": revision, "then": "submit", **items}, headers={"X-CSRFToken": token})
        if response is not None and response.status_code == 302:
            acked[pk] = (f"<p>{body}</p>", revision + 1, "submitted")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--editors", type=int, default=25, help="how many of the clients are editors")
    parser.add_argument("--shared", type=int, default=10,
                        help="how many of the editors belong to different units and share two standing arenas")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--autosave-every", type=float, default=4.0,
                        help="seconds between an editor's autosaves (the page's own debounce is 4 s; 0.5 is a stress test)")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="resultat-load-"))
    env = {**os.environ, "RESULTAT_DEV": "1", "RESULTAT_VAR_DIR": str(var), "LOG_LEVEL": "WARNING",
           "LOGIN_IP_LIMIT": "100000"}
    env.pop("DEBUG", None)
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1].split("?")[0]
        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        import psycopg

        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        engine = "PostgreSQL"
    else:
        env["DATABASE_URL"] = f"sqlite:///{var}/load.sqlite3"
        engine = "SQLite (WAL)"
    print(f"Förbereder databasen ({engine}) …", flush=True)
    editors = prepare(env, args.editors, min(args.shared, args.editors))
    port = free_port()
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "resultat.config.wsgi:application", "-b", f"127.0.0.1:{port}",
         "-k", "gthread", "-w", str(args.workers), "--threads", str(args.threads), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        stats, acked, window = Stats(), {}, {"autosave_every": args.autosave_every}

        def begin():  # runs once, when every client is ready: the measured window starts
            window["started"] = time.time()
            window["stop"] = window["started"] + args.seconds

        start = threading.Barrier(args.clients, action=begin)
        threads = [threading.Thread(target=editor_client, args=(base, start, window, stats, u, pk, acked, sh)) for u, pk, sh in editors]
        threads += [threading.Thread(target=public_client, args=(base, start, window, stats)) for _ in range(args.clients - len(editors))]
        print(f"{args.clients} klienter ({len(editors)} redaktörer) i {args.seconds} s mot gunicorn {args.workers}×{args.threads} "
              "(redaktörerna loggar in före mätfönstret) …", flush=True)
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - window["started"]
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    checked = check(env)
    state = checked["contributions"]
    lost = [pk for pk, want in acked.items() if state[pk] != list(want)]
    # the logins and the first page load happen before the window: shown, not in "alla"
    everything = [x for k, v in stats.latencies.items() if k not in ("login", "editor-page") for x in v]
    print(f"\nDatabas: {engine}")
    print(f"redaktörer: {len(editors)}, varav {sum(1 for e in editors if e[2])} i olika verksamheter med två gemensamma samverkansytor")
    print(f"{'typ':<12} {'anrop':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}   (login och editor-page: före mätfönstret)")
    for kind, values in sorted(stats.latencies.items()) + [("alla", everything)]:
        print(f"{kind:<12} {len(values):>7} {percentile(values, 50):>8.1f} {percentile(values, 95):>8.1f} {percentile(values, 99):>8.1f}")
    print(f"\nanrop: {len(everything)} ({len(everything) / elapsed:.0f}/s), fel: {len(stats.errors)}, "
          f"förlorade skrivningar: {len(lost)} av {len(acked)} bidrag, klarmarkerade: {sum(1 for v in acked.values() if v[2] == 'submitted')}")
    print(f"sökindex: {len(checked['stale'])} bidrag med inaktuell text i indexet; gemensamma samverkansytor: "
          + ", ".join(f"{key} {len(areas)} områden" for key, areas in sorted(checked["arenas"].items())))
    for error in stats.errors[:10]:
        print("  fel:", error)
    for pk in lost[:10]:
        print(f"  förlorad: bidrag {pk}: databasen {state[pk]!r}, kvitterat {acked[pk]!r}")
    shutil.rmtree(var, ignore_errors=True)
    sys.exit(1 if stats.errors or lost or checked["stale"] else 0)


if __name__ == "__main__":
    main()
