"""The documented production deployment, run for real (docs/deploy.md).

Builds the wheel, installs it with the pinned production requirements into a fresh
virtual environment, runs the documented commands against a new PostgreSQL database
with DEBUG off, starts gunicorn with the production settings and crawls every internal
link as the public and as each role. Any answer >= 500, any missing static file and any
broken internal link fails the test.

This is the test that would have caught the deployment that answered 500 on every HTML
page (a vendored script referred to a source map that collectstatic could not find).
It runs in the PostgreSQL pass (``postgres_only``), so CI runs it on every submission.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import psycopg
import pytest
from django.urls import Resolver404, resolve

from tests.deploy.crawler import Visitor, crawl

pytestmark = pytest.mark.postgres_only

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("administrator", "analyst", "editor", "reviewer")
ADMIN = re.compile(r"^/admin/")


def _run(args, *, env=None, cwd=None, input=None, timeout=600):
    result = subprocess.run(args, env=env, cwd=cwd, input=input, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))} gav {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _install(tmp: Path) -> Path:
    """`pip install --require-hashes -r requirements/prod.txt` and `pip install --no-deps .`
    into a new venv (uv installs the same pinned, hashed files faster when it is there)."""
    venv = tmp / "venv"
    wheels = tmp / "wheels"
    uv = shutil.which("uv")
    if uv:
        _run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)])
        _run([uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), "--require-hashes", "-r", str(ROOT / "requirements" / "prod.txt")])
        _run([uv, "build", "--quiet", "--wheel", "--out-dir", str(wheels), str(ROOT)])
        wheel = next(wheels.glob("resultat-*.whl"))
        _run([uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), "--no-deps", str(wheel)])
    else:
        _run([sys.executable, "-m", "venv", str(venv)])
        pip = str(venv / "bin" / "pip")
        _run([pip, "install", "--quiet", "--require-hashes", "-r", str(ROOT / "requirements" / "prod.txt")])
        _run([pip, "install", "--quiet", "--no-deps", str(ROOT)], cwd=ROOT)
    return venv


def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pattern_of(path: str) -> str:
    parts = urlsplit(path)
    try:
        route = resolve(parts.path).route
    except Resolver404:
        route = parts.path
    if route.startswith("admin/"):
        return route  # the admin's filter and sort links are one kind of page each
    keys = ",".join(sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}))
    return f"{route}?{keys}"


@pytest.fixture
def smoke_database():
    base = os.environ["DATABASE_URL"]
    name = f"resultat_smoke_{os.getpid()}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _database_url(base, name)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_documented_deployment_serves_every_page_to_every_role(tmp_path, smoke_database):
    logging.getLogger("httpx").setLevel(logging.WARNING)
    started = time.monotonic()
    timings = {}
    venv = _install(tmp_path)
    timings["installation"] = time.monotonic() - started
    resultat = str(venv / "bin" / "resultat")
    work = tmp_path / "srv"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RESULTAT_", "DJANGO_")) and k not in ("DEBUG", "DATABASE_URL", "VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        PATH=f"{venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=smoke_database,
        BEHIND_TLS_PROXY="1",
        TRUSTED_PROXIES="127.0.0.1",
        RESULTAT_VAR_DIR=str(tmp_path / "var"),
    )
    # The commands of docs/deploy.md, in order.
    _run([resultat, "migrate", "--noinput"], env=env, cwd=work)
    _run([resultat, "collectstatic", "--noinput"], env=env, cwd=work)
    _run([resultat, "example", "load"], env=env, cwd=work)
    passwords = {}
    for role in ROLES:
        passwords[role] = secrets.token_urlsafe(16)
        _run([resultat, "accounts", "create", f"smoke-{role}", "--role", role, "--email", f"{role}@example.invalid", "--password-stdin"],
             env=env, cwd=work, input=passwords[role] + "\n")
    _run([resultat, "cycle", "open", "2026", "--carry-over", "--submit-by", "2027-01-31"], env=env, cwd=work)

    timings["kommandona"] = time.monotonic() - started - timings["installation"]
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w+")
    server = subprocess.Popen(
        [str(venv / "bin" / "gunicorn"), "resultat.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--timeout", "120"],
        env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn startade inte:\n" + (tmp_path / "gunicorn.log").read_text()[-3000:]
                time.sleep(0.3)

        problems, counts = [], {}
        for who in ("public", *ROLES):
            visitor = Visitor(base)
            try:
                starts = ["/", "/om/", "/oppna-data/", "/api/", "/sok/?q=digitalisering"]
                if who != "public":
                    landing = visitor.login("/konto/logga-in/", f"smoke-{who}", passwords[who])
                    starts = [landing, "/uppfoljning/", "/uppfoljning/mina-uppgifter/", *starts]
                    if who == "administrator":
                        starts.append("/admin/")
                # The admin is crawled once, by the administrator; the staff pages once per
                # kind and role; the public pages twice per kind.
                exclude = None if who == "administrator" else ADMIN
                t0 = time.monotonic()
                result = crawl(visitor, starts, _pattern_of, per_pattern=2 if who == "public" else 1,
                               max_pages=700, budget_seconds=150, exclude=exclude)
                timings[who] = time.monotonic() - t0
            finally:
                visitor.close()
            counts[who] = (len(result.visits), result.skipped_by_pattern)
            problems += [f"{who}: {v.status} {v.url} (länkad från {v.via})" for v in result.errors() + result.broken()]
            problems += [f"{who}: {v.status} {v.url}" for v in result.visits if v.url.startswith("/static/") and v.status != 200]
            assert len(result.visits) > 40, f"{who}: bara {len(result.visits)} sidor nåddes"
        print("sidor per besökare (hämtade, hoppade över som samma sorts sida):", counts)
        print("sekunder:", {k: round(v, 1) for k, v in timings.items()})
        log.flush()
        assert not problems, "\n".join(problems[:40]) + "\n\nserverns logg:\n" + (tmp_path / "gunicorn.log").read_text()[-6000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
