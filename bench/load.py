"""Load test: gunicorn on loopback, 50 concurrent clients for 60 s, then a lost-write check.

The final configuration (the production deployment of docs/deploy.md), on an otherwise
idle machine:

    .venv/bin/python bench/load.py --split                       # SQLite (WAL) in a temporary directory
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/resultat_load .venv/bin/python bench/load.py --split

--split runs two gunicorns as docs/deploy.md does: the editors' one (2 workers x 4
threads) serves /uppfoljning/ (the editor page and its autosaves; the proxy's location
rule, applied here by the clients), the public one (3 x 8) everything else at a lower
CPU priority (nice 10, systemd's CPUWeight in production). Without --split: one gunicorn
(3 x 8) for everything, the earlier measurements. The last line printed is the verdict:

    VERDICT: PASS|FAIL: autosave p95 N ms (target <= 250 ms), E errors, L lost writes, S stale index entries; ...

PASS needs all four (and the exit status is then 0). The load average at the end is
printed with it: the machine has to be otherwise idle for the latency to mean anything.

Prepares a fresh database (migrate, reference data, the Västerbotten strategy and
structure, an open cycle, one editor user per editing client who owns one
contribution), starts gunicorn (gthread, --timeout 120 as in docs/deploy.md) on
127.0.0.1, and runs the clients: public clients (in a process of their own, as separate
browsers would be) browse the start page, strategy pages, published results, the API and
search (four queries: words, a phrase, an exclusion) without pause; editor
clients log in, open their contribution, autosave it (htmx request) every
--autosave-every seconds (default 4, the editor page's own debounce: it saves 4 s after
the last keystroke) with a new text, and submit it at the end. Each editor starts at its
own random offset within the first period (--start spread, seeded): people do not type
in step. --start poisson also draws every pause at random (exponential, the same mean):
saves of different editors then bunch up now and then, as independent arrivals do.
Until 2026-12-08 every editor saved at the same instant when the window opened
and, sleeping the same period after each answer, kept saving in bursts of up to 25 at
once (--start together reproduces it; the printed "already on their way" count shows
the difference: median 3 / p95 15 together, 1 / 3 spread). --shared of the editors
(default 10) are editors of *different units* who all cite the same two standing
arenas in their "Samverkan" contribution, and --shared-initiatives (default 5) editors
of different units cite the same two initiatives of the register in their "Insatser i
länet" (the editor's "Lägg till insats" rows): they alternate autosaves with full saves
of the form (text and typed list, each save re-indexes the shared arena or initiative),
so saves of different units re-index the same search documents at the same moment.
Logins happen before
the measured window starts. Afterwards every contribution's text and
revision in the database is compared with the last save the server acknowledged:
a difference is a lost write; and every contribution's text with its search document
(stale index entries). Prints requests, errors, lost writes and p50/p95/p99 per kind
of request; with --split also the autosave time as the editors' gunicorn measured it
(its access log), which leaves out the load generator's own delays.
The PostgreSQL database in DATABASE_URL is dropped and created again.

--phases DIR: both gunicorns run the application through bench/phases.py, which writes
per-request phase timings (CPU, database, lock waits, transaction hold, commit hooks, GC
pauses) to DIR/editors and DIR/public; summarise with
`.venv/bin/python bench/phases_report.py DIR/editors DIR/public` (docs/benchmarks.md,
"Where the autosave's tail came from").
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
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
from types import SimpleNamespace

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSWORD = "last-test-losenord-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict, editors: int, shared: int, shared_initiatives: int) -> list[tuple[str, int, str]]:
    """Runs in a child process with the bench environment; returns (username, contribution
    pk, what the editor shares: "" nothing, "arena" the two standing arenas, "initiative"
    the two initiatives)."""
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
from resultat.initiatives.services import save_initiative
initiatives = [save_initiative(None, user=analyst, data={{"name": name, "kind": "project", "status": "ongoing"}}).code
               for name in ("Gemensamma insatsen", "Länsprojektet för kompetens")]
out = []
editor_group = Group.objects.get(name=Role.EDITOR)
def of_different_units(question, n, option):  # n contributions answering question, each with a unit of its own
    found, units = [], set()
    for c in Contribution.objects.filter(cycle=cycle, question__code=question).select_related("area").order_by("pk"):
        unit = c.area.units.exclude(pk__in=units).first()
        if unit is not None and len(found) < n:
            units.add(unit.pk)
            found.append((c, unit))
    if len(found) < n:
        raise SystemExit(f"bara {{len(found)}} verksamheter med egna områden för {{option}}")
    return found
# the editors sharing arenas ("Samverkan") and initiatives ("Insatser i länet"), each of a different unit
shared = of_different_units("samverkan", {shared}, "--shared")
sharing_initiatives = of_different_units("insatser", {shared_initiatives}, "--shared-initiatives")
taken = [c.pk for c, _ in shared + sharing_initiatives]
contributions = list(Contribution.objects.filter(cycle=cycle, area__units__isnull=False).exclude(pk__in=taken)
                     .distinct().select_related("area").order_by("pk"))
plain = {editors} - {shared} - {shared_initiatives}
for i in range({editors}):
    if i < plain:
        c, unit, what = contributions[i * (len(contributions) // plain)], None, ""
    elif i < plain + {shared_initiatives}:
        (c, unit), what = sharing_initiatives[i - plain], "initiative"
    else:
        (c, unit), what = shared[i - plain - {shared_initiatives}], "arena"
    user = User.objects.create_user(f"redaktor{{i}}", password="{PASSWORD}")
    user.groups.add(editor_group)
    (unit or c.area.units.first()).editors.add(user)
    out.append((user.username, c.pk, what))
call_command("search", "reindex", verbosity=0)
print("PREPARED" + json.dumps({{"editors": out, "initiatives": initiatives}}))
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
shared_titles = ["Gemensamma forumet", "Länsgruppen för samverkan", "Gemensamma insatsen", "Länsprojektet för kompetens"]
arenas = {t: sorted(filter(None, areas.split("|"))) for t, areas in SearchDocument.objects.filter(kind__in=["arena", "initiative"], title__in=shared_titles).values_list("title", "areas")}
from django.db.models import Q
from resultat.followup.models import ContributionItem
citing = {t: ContributionItem.objects.filter(Q(arena__name=t) | Q(initiative__name=t)).values("contribution").distinct().count() for t in shared_titles}
print("STATE" + json.dumps({"contributions": {c.pk: [c.body, c.revision, c.state] for c in Contribution.objects.all()}, "stale": stale, "arenas": arenas, "citing": citing}))
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
        self.spans: dict[str, list[tuple[float, float]]] = defaultdict(list)  # (sent, answered), perf_counter

    def record(self, kind: str, seconds: float, ok: bool, what: str, sent: float | None = None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if sent is not None:
                self.spans[kind].append((sent, sent + seconds))
            if not ok:
                self.errors.append(what)


def timed(stats: Stats, kind: str, client: httpx.Client, method: str, url: str, ok=(200, 302), **kw) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = client.request(method, url, **kw)
    except httpx.HTTPError as error:
        stats.record(kind, time.perf_counter() - start, False, f"{method} {url}: {error!r}", sent=start)
        return None
    stats.record(kind, time.perf_counter() - start, response.status_code in ok, f"{method} {url}: {response.status_code}", sent=start)
    return response


def in_flight(spans: list[tuple[float, float]]) -> list[int]:
    """For each request: how many requests of the same list were already on their way
    (sent, not yet answered) when it was sent. Editors who all save at the same moment
    show here as a high count: the requests then queue in the server."""
    counts = []
    for sent, _ in spans:
        counts.append(sum(1 for other_sent, answered in spans if other_sent < sent < answered))
    return counts


def csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


EDITOR_PREFIX = "/uppfoljning/"  # what the proxy sends to the editors' gunicorn in the split deployment (docs/deploy.md)


def public_client(base: str, start, window: dict, stats: Stats):
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


def shared_items(shared: str, window: dict, *texts: str) -> dict:
    """The typed list of a full save: one row per text, citing the shared arenas
    ("arena": the "Samverkan" question) or the shared initiatives ("initiative": "Insatser
    i länet") in turn; nothing for an editor who shares nothing."""
    if not shared:
        return {}
    codes = ["gemensam-arena-1", "gemensam-arena-2"] if shared == "arena" else window["initiatives"]
    field = "arena" if shared == "arena" else "initiative_name"  # the form takes an initiative's name or code
    items = {"items-TOTAL": str(len(texts))}
    for i, text in enumerate(texts):
        items.update({f"items-{i}-kind": shared, f"items-{i}-{field}": codes[i % len(codes)], f"items-{i}-text": text})
    return items


def editor_client(base: str, editor_base: str, start: threading.Barrier, window: dict, stats: Stats, username: str, pk: int, acked: dict,
                  shared: str = ""):
    """``editor_base``: where the proxy's location rule sends /uppfoljning/ (the same as
    ``base`` with one gunicorn). Cookies do not depend on the port, as behind one proxy."""
    # An editor saves every 4 s; gunicorn closes an idle keep-alive connection after 2 s
    # (its default). httpx would reuse a connection idle for up to 5 s and race the server's
    # close ("connection reset by peer" on a POST, which httpx does not retry). Behind the
    # proxy of docs/deploy.md a browser never talks to gunicorn directly, so the editors'
    # client keeps connections for less than the server does.
    limits = httpx.Limits(keepalive_expiry=1.0)
    with httpx.Client(base_url=base, timeout=30, limits=limits) as public_part, \
            httpx.Client(base_url=editor_base, timeout=30, limits=limits) as client:
        try:
            # before the window: not measured, so a starved machine may take long (Argon2, the full editor page)
            page = timed(stats, "login", public_part, "GET", "/konto/logga-in/", timeout=120)
            token = csrf(page.text)
            timed(stats, "login", public_part, "POST", "/konto/logga-in/",
                  data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": "/"}, timeout=120)
            client.cookies = public_part.cookies  # the session and CSRF cookies, as one browser behind one proxy
            page = timed(stats, "editor-page", client, "GET", f"/uppfoljning/bidrag/{pk}/", timeout=120)
            revision = int(re.search(r'name="base_revision" value="(\d+)"', page.text).group(1))
            token = client.cookies.get("csrftoken")
        except Exception:
            print("  fel:", *stats.errors[-3:], sep="\n  ", flush=True)
            start.abort()  # the run cannot be measured: every waiting client and the main thread give up
            raise
        start.wait()  # logins happen before the measured window (Argon2 is slow on purpose)
        stop = window["stop"]
        # People do not start typing at the same moment: each editor's first save comes at
        # its own offset into the first period (--start spread, the default); with
        # --start together all of them save at once and then every period again.
        time.sleep(window["offsets"].get(username, 0.0))
        n = 0
        while time.time() < stop:
            n += 1
            body = f"Text {n} från {username}."
            if shared and n % 2 == 0:
                # a full save of the form: text and the typed list citing both shared arenas or initiatives
                items = shared_items(shared, window, body, f"Möte {n}")
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
            # the editor page autosaves 4 s after the last keystroke; --start poisson draws each pause
            time.sleep(window["pause"](username))
        body = f"Slutlig text från {username}."
        items = shared_items(shared, window, body)
        response = timed(stats, "submit", client, "POST", f"/uppfoljning/bidrag/{pk}/spara/",
                         data={"body": body, "base_revision": revision, "then": "submit", **items}, headers={"X-CSRFToken": token})
        if response is not None and response.status_code == 302:
            acked[pk] = (f"<p>{body}</p>", revision + 1, "submitted")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def browse_process(base: str, clients: int, pipe, niceness: int = 0) -> None:
    """The browsing clients, in a process of their own (forked before any thread starts):
    their Python work does not hold up the editors' clients, as separate browsers would
    not. With ``niceness`` the process gives the CPU to the servers and the editors'
    clients first (the browsers stand in for people on other machines). Waits for the
    window's end time from the pipe, sends back the latencies."""
    if niceness:
        os.nice(niceness)
    stats = Stats()
    window: dict = {}
    ready = threading.Event()

    def go():
        ready.wait()

    threads = [threading.Thread(target=public_client, args=(base, SimpleNamespace(wait=go), window, stats)) for _ in range(clients)]
    for t in threads:
        t.start()
    window["stop"] = pipe.recv()
    ready.set()
    for t in threads:
        t.join()
    pipe.send((dict(stats.latencies), stats.errors))


def start_gunicorn(env: dict, port: int, workers: int, threads: int, nice: int = 0, access_log: Path | None = None,
                   phases: Path | None = None) -> subprocess.Popen:
    app = "resultat.config.wsgi:application"
    if phases:  # bench/phases.py: one JSON line per request with its phase timings
        phases.mkdir(parents=True, exist_ok=True)
        env = {**env, "RESULTAT_PHASES_DIR": str(phases)}
        app = "bench.phases:application"
    command = [sys.executable, "-m", "gunicorn", app, "-b", f"127.0.0.1:{port}",
               "-k", "gthread", "-w", str(workers), "--threads", str(threads), "--timeout", "120", "--log-level", "warning"]
    if access_log:  # the server's own time per request (%(M)s: milliseconds), path first
        command += ["--access-logfile", str(access_log), "--access-logformat", "%(m)s %(U)s %(s)s %(M)s"]
    if nice:
        command = ["nice", "-n", str(nice), *command]
    return subprocess.Popen(command, env=env, cwd=ROOT)


def server_times(log: Path) -> list[float]:
    """Autosave times as the editors' gunicorn measured them (seconds)."""
    out = []
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "POST" and parts[1].endswith("/spara/") and parts[2] == "200":
            out.append(int(parts[3]) / 1000)
    return out


TARGET_MS = 250.0  # issue 15: autosave p95 under this load


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--editors", type=int, default=25, help="how many of the clients are editors")
    parser.add_argument("--shared", type=int, default=10,
                        help="how many of the editors belong to different units and share two standing arenas")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (of the public gunicorn with --split)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (of the public gunicorn with --split)")
    parser.add_argument("--split", action="store_true",
                        help="the production topology of docs/deploy.md: a second gunicorn serves /uppfoljning/ "
                             "(the editors' pages and saves; the proxy's location rule, applied here by the clients), "
                             "the public gunicorn runs at a lower CPU priority (--public-nice)")
    parser.add_argument("--editor-workers", type=int, default=2, help="with --split: the editors' gunicorn workers")
    parser.add_argument("--editor-threads", type=int, default=4, help="with --split: threads per editors' worker")
    parser.add_argument("--public-nice", type=int, default=10,
                        help="with --split: niceness of the public gunicorn (systemd Nice= in docs/deploy.md); 0 for equal priority")
    parser.add_argument("--client-nice", type=int, default=0,
                        help="niceness of the browsing clients' own process (default 0). The browsers stand in for "
                             "people on other machines; on a 2-core machine their Python work competes with the servers "
                             "and with the editors' clients whose latency is measured. 10 = the same priority as the "
                             "public gunicorn they load")
    parser.add_argument("--autosave-every", type=float, default=4.0,
                        help="seconds between an editor's autosaves (the page's own debounce is 4 s; 0.5 is a stress test)")
    parser.add_argument("--start", choices=("spread", "poisson", "together"), default="spread",
                        help="spread (default): each editor starts saving at its own random offset within the first "
                             "--autosave-every seconds (seeded by --seed), as independent people do, then every "
                             "--autosave-every seconds; poisson: random offsets and random pauses too (exponential, "
                             "mean --autosave-every: the same rate, the saves of different editors now and then "
                             "bunch up); together: all editors save at the same moment when the window opens, and "
                             "(each sleeping the same period after its answer) keep saving in bursts: the load of the "
                             "runs before 2026-12-08")
    parser.add_argument("--shared-initiatives", type=int, default=5,
                        help="how many of the editors belong to different units and cite the same two initiatives in "
                             "their \"Insatser i länet\" (full saves alternate with autosaves, as --shared)")
    parser.add_argument("--seed", type=int, default=20261208, help="seed of the editors' start offsets (--start spread)")
    parser.add_argument("--phases", type=Path, default=None,
                        help="write per-request phase timings (bench/phases.py) under this directory, one subdirectory per "
                             "gunicorn (editors, public); summarise with bench/phases_report.py")
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
    shared = min(args.shared, args.editors)
    prepared = prepare(env, args.editors, shared, min(args.shared_initiatives, args.editors - shared))
    editors = [tuple(e) for e in prepared["editors"]]
    port = free_port()
    editor_log = var / "editors-access.log"
    if args.split:
        editor_port = free_port()
        servers = [start_gunicorn(env, port, args.workers, args.threads, nice=args.public_nice,
                                  phases=args.phases and args.phases / "public"),
                   start_gunicorn(env, editor_port, args.editor_workers, args.editor_threads, access_log=editor_log,
                                  phases=args.phases and args.phases / "editors")]
        shape = (f"publik gunicorn {args.workers}×{args.threads} (nice {args.public_nice}) + redaktörernas gunicorn "
                 f"{args.editor_workers}×{args.editor_threads} för {EDITOR_PREFIX}")
    else:
        editor_port = port
        servers = [start_gunicorn(env, port, args.workers, args.threads, phases=args.phases and args.phases / "all")]
        shape = f"en gunicorn {args.workers}×{args.threads}"
    if args.client_nice:
        shape += f"; de surfande klienterna med nice {args.client_nice}"
    shape += {"together": "; redaktörerna börjar samtidigt",
              "spread": f"; redaktörerna börjar var för sig (slumpfrö {args.seed})",
              "poisson": f"; redaktörerna börjar och pausar slumpvis (exponentiellt, slumpfrö {args.seed})"}[args.start]
    base, editor_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{editor_port}"
    browsers = args.clients - len(editors)
    try:
        for server_base in {base, editor_base}:
            for _ in range(150):
                try:
                    httpx.get(server_base + "/", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
        ours, theirs = multiprocessing.get_context("fork").Pipe()
        browser = multiprocessing.get_context("fork").Process(target=browse_process, args=(base, browsers, theirs, args.client_nice))
        browser.start()  # before any thread of this process starts
        stats, acked, window = Stats(), {}, {"autosave_every": args.autosave_every}
        rng = random.Random(args.seed)
        every = args.autosave_every
        window["initiatives"] = prepared["initiatives"]
        window["offsets"] = {u: (0.0 if args.start == "together" else rng.uniform(0, every)) for u, _, _ in editors}
        pauses = {u: random.Random(f"{args.seed}-{u}") for u, _, _ in editors}  # each thread draws from its own
        window["pause"] = ((lambda u: pauses[u].expovariate(1 / every)) if args.start == "poisson" else (lambda u: every))

        def begin():  # runs once, when every editor has logged in: the measured window starts
            window["started"] = time.time()
            window["stop"] = window["started"] + args.seconds
            ours.send(window["stop"])

        start = threading.Barrier(len(editors) + 1, action=begin)
        threads = [threading.Thread(target=editor_client, args=(base, editor_base, start, window, stats, u, pk, acked, sh))
                   for u, pk, sh in editors]
        print(f"{args.clients} klienter ({len(editors)} redaktörer; {browsers} surfande i en egen process) i {args.seconds} s "
              f"mot {shape} (redaktörerna loggar in före mätfönstret) …", flush=True)
        for t in threads:
            t.start()
        try:
            start.wait()
        except threading.BrokenBarrierError:
            browser.kill()
            raise SystemExit("En redaktör kunde inte logga in eller öppna sitt bidrag (se felet ovan); inget mätt.")
        for t in threads:
            t.join()
        latencies, errors = ours.recv()
        browser.join()
        for kind, values in latencies.items():
            stats.latencies[kind].extend(values)
        stats.errors.extend(errors)
        elapsed = time.time() - window["started"]
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
    checked = check(env)
    state = checked["contributions"]
    lost = [pk for pk, want in acked.items() if state[pk] != list(want)]
    # the logins and the first page load happen before the window: shown, not in "alla"
    everything = [x for k, v in stats.latencies.items() if k not in ("login", "editor-page") for x in v]
    print(f"\nDatabas: {engine}; {shape}")
    print(f"redaktörer: {len(editors)}, varav {sum(1 for e in editors if e[2] == 'arena')} i olika verksamheter med två gemensamma "
          f"samverkansytor och {sum(1 for e in editors if e[2] == 'initiative')} i olika verksamheter med två gemensamma insatser")
    print(f"{'typ':<12} {'anrop':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}   (login och editor-page: före mätfönstret)")
    rows = sorted(stats.latencies.items()) + [("alla", everything)]
    if args.split and editor_log.exists() and server_times(editor_log):
        rows.append(("autosave, serverns tid", server_times(editor_log)))
    for kind, values in rows:
        print(f"{kind:<12} {len(values):>7} {percentile(values, 50):>8.1f} {percentile(values, 95):>8.1f} {percentile(values, 99):>8.1f}")
    writes = [span for kind in ("autosave", "save+lists", "submit") for span in stats.spans.get(kind, [])]
    if writes:
        busy = sorted(in_flight(writes))
        print(f"redaktörernas sparningar redan på väg när en sparning skickas: median {busy[len(busy) // 2]}, "
              f"p95 {busy[min(len(busy) - 1, round(0.95 * (len(busy) - 1)))]}, max {busy[-1]} (av {len(editors)} redaktörer)")
    print(f"\nanrop: {len(everything)} ({len(everything) / elapsed:.0f}/s), fel: {len(stats.errors)}, "
          f"förlorade skrivningar: {len(lost)} av {len(acked)} bidrag, klarmarkerade: {sum(1 for v in acked.values() if v[2] == 'submitted')}")
    print(f"sökindex: {len(checked['stale'])} bidrag med inaktuell text i indexet; gemensamma samverkansytor och insatser "
          "(bidrag som anger dem i slutet; områden i sökdokumentet): "
          + ", ".join(f"{key} {checked['citing'].get(key, 0)} bidrag, {len(areas)} områden" for key, areas in sorted(checked["arenas"].items())))
    for error in stats.errors[:10]:
        print("  fel:", error)
    for pk in lost[:10]:
        print(f"  förlorad: bidrag {pk}: databasen {state[pk]!r}, kvitterat {acked[pk]!r}")
    shutil.rmtree(var, ignore_errors=True)
    autosave_p95 = percentile(stats.latencies["autosave"], 95) if stats.latencies.get("autosave") else float("inf")
    load = os.getloadavg()[0]
    ok = not stats.errors and not lost and not checked["stale"] and autosave_p95 <= TARGET_MS
    print(f"\nVERDICT: {'PASS' if ok else 'FAIL'}: autosave p95 {autosave_p95:.0f} ms (target ≤ {TARGET_MS:.0f} ms), "
          f"{len(stats.errors)} errors, {len(lost)} lost writes, {len(checked['stale'])} stale index entries; "
          f"{engine}, {shape}; load average {load:.1f} at the end (the machine should be otherwise idle)")
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    main()
