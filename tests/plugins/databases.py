"""Chooses the test database before pytest-django configures Django.

Loaded with ``-p tests.plugins.databases`` (see ``addopts`` in pyproject.toml), so it
is imported before pytest-django reads the settings. The settings read
``DATABASE_URL``; this plugin sets it for the test process:

* default: SQLite. DATABASE_URL is removed, so the settings' default (a SQLite file
  under ``RESULTAT_VAR_DIR``, a temporary directory here) applies, and Django's test
  database for it is in memory, as pytest-django prefers;
* ``RESULTAT_TEST_DB=postgres``: the server in ``RESULTAT_TEST_POSTGRES_URL`` when it is
  given (pytest-django creates and drops its own database ``test_resultat_<pid>``
  there), otherwise a throwaway cluster started from Debian's PostgreSQL binaries in
  a temporary directory (unix socket only, trust auth), stopped and removed at the
  end. As root (initdb refuses root) the cluster runs as the user ``nobody``.

If no PostgreSQL can be had the PostgreSQL run is skipped with a message; with ``CI``
set it fails instead. In the PostgreSQL run only tests that use the database are
collected: the rest already ran in the SQLite pass.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

CLUSTER_USER = "nobody"  # runs initdb/postgres when the tests run as root
_FALSE = {"", "0", "false", "no", "off", "nej"}

# The basics every test process needs, set before anything imports the settings.
# RESULTAT_VAR_DIR keeps secret keys, media and static files of the tests out of var/.
os.environ["RESULTAT_TESTING"] = "1"
os.environ["RESULTAT_DEV"] = "1"
os.environ.pop("DATABASE_URL", None)
_VAR_DIR = tempfile.mkdtemp(prefix="resultat-test-var-")
os.environ["RESULTAT_VAR_DIR"] = _VAR_DIR
atexit.register(shutil.rmtree, _VAR_DIR, True)


def in_ci() -> bool:
    """CI is set and not 0/false/no (CI=true on the CI machines)."""
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def postgres_requested() -> bool:
    return os.environ.get("RESULTAT_TEST_DB", "").strip().lower() in {"postgres", "postgresql", "pg"}


class PostgresUnavailable(Exception):
    """No PostgreSQL could be found or started; the message says why."""


# --- the throwaway cluster --------------------------------------------------------


def _version_key(path: str) -> tuple:
    return tuple(int(part) for part in re.findall(r"\d+", path))


def find_postgres_bindir() -> Path | None:
    """The directory with initdb, pg_ctl and postgres, or None.

    Looks at $RESULTAT_TEST_POSTGRES_BINDIR, ``pg_config --bindir``, the newest
    /usr/lib/postgresql/*/bin (Debian), then initdb on PATH.
    """
    candidates: list[str] = []
    if os.environ.get("RESULTAT_TEST_POSTGRES_BINDIR"):
        candidates.append(os.environ["RESULTAT_TEST_POSTGRES_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            candidates.append(out)
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(os.path.dirname(os.path.realpath(initdb)))
    for candidate in candidates:
        path = Path(candidate)
        if all(os.access(path / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return path
    return None


@dataclass
class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary directory, reachable only by unix socket.

    ``start()`` runs initdb (trust auth, superuser ``postgres``) and ``pg_ctl -w start``;
    ``stop()`` stops it with ``-m immediate`` and removes the directory. As root both
    run as an unprivileged user (``runuser -u nobody``) who owns the directory.
    """

    bindir: Path
    user: str | None = None
    directory: Path | None = None
    version: str = ""
    _started: bool = field(default=False, repr=False)

    @property
    def data_dir(self) -> Path:
        assert self.directory is not None
        return self.directory / "data"

    @property
    def url(self) -> str:
        """DATABASE_URL for the cluster: the socket directory as ``host``."""
        assert self.directory is not None
        return f"postgresql://postgres@/postgres?host={self.directory}"

    @property
    def where(self) -> str:
        return f"tillfälligt kluster, unixsocket i {self.directory}"

    def _command(self, args: list[str]) -> list[str]:
        if self.user is None:
            return args
        if shutil.which("runuser"):
            return ["runuser", "-u", self.user, "--", *args]
        import shlex

        return ["su", "-s", "/bin/sh", self.user, "-c", shlex.join(args)]

    def _run(self, args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            self._command(args),
            cwd=self.directory,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8", "PGTZ": "UTC"},
        )

    def start(self) -> None:
        if os.geteuid() == 0 and self.user is None:
            self.user = CLUSTER_USER
        # Short path: a unix socket path may be at most ~107 bytes. As root use /tmp so
        # the unprivileged user can reach it.
        base = tempfile.gettempdir()
        if os.geteuid() == 0 or len(base) > 60:
            base = "/tmp"
        self.directory = Path(tempfile.mkdtemp(prefix="resultat-pg-", dir=base))
        atexit.register(self.stop)
        try:
            if self.user is not None:
                try:
                    entry = pwd.getpwnam(self.user)
                except KeyError:
                    raise PostgresUnavailable(f"användaren {self.user} finns inte") from None
                os.chown(self.directory, entry.pw_uid, entry.pw_gid)
            os.chmod(self.directory, 0o700)
            self._initdb()
            log = self.directory / "postgres.log"
            options = (
                f"-c listen_addresses='' -c unix_socket_directories='{self.directory}' "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=100 -c shared_buffers=32MB"
            )
            result = self._run(
                [str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(log),
                 "-w", "-t", "60", "-s", "-o", options, "start"]
            )
            self._started = True
            if result.returncode != 0:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise PostgresUnavailable(
                    f"pg_ctl start misslyckades ({result.returncode}): {result.stderr.strip()} {tail}"
                )
            self.version = server_version(self.url)
        except BaseException:
            self.stop()
            raise

    def _initdb(self) -> None:
        base = [str(self.bindir / "initdb"), "-D", str(self.data_dir), "-A", "trust",
                "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"]
        result = self._run([*base, "--locale=C.UTF-8"])
        if result.returncode != 0 and "locale" in (result.stderr + result.stdout).lower():
            shutil.rmtree(self.data_dir, ignore_errors=True)
            result = self._run([*base, "--locale=C"])
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"initdb misslyckades ({result.returncode}): {(result.stderr or result.stdout).strip()}"
            )

    def running(self) -> bool:
        if self.directory is None or not self.data_dir.exists():
            return False
        return self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "status"]).returncode == 0

    def stop(self) -> None:
        """Stop the server and remove the directory. Safe to call twice."""
        if self.directory is None:
            return
        if self._started and self.data_dir.exists():
            try:
                self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate",
                           "-w", "-t", "30", "-s", "stop"], timeout=60)
            except (OSError, subprocess.SubprocessError):
                pass
            self._started = False
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = None


# --- a given server ----------------------------------------------------------------


def server_version(url: str) -> str:
    """``server_version`` of the server at ``url`` (a libpq URL); raises PostgresUnavailable."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5, autocommit=True) as conn:
            return str(conn.execute("show server_version").fetchone()[0])
    except psycopg.Error as exc:
        detail = " ".join(str(exc).split())
        raise PostgresUnavailable(f"kan inte ansluta till {describe_url(url)}: {detail}") from None


def describe_url(url: str) -> str:
    """host:port/db of a PostgreSQL URL, without the password."""
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    host = query.get("host", [None])[-1] or unquote(parsed.hostname or "") or "unixsocket"
    port = parsed.port or 5432
    user = f"{unquote(parsed.username)}@" if parsed.username else ""
    return f"{user}{host}:{port}/{unquote(parsed.path.lstrip('/')) or 'resultat'}"


def unique_database_name() -> str:
    """Unique per run, so parallel runs against one server don't collide."""
    return f"test_resultat_{os.getpid()}"




# --- pytest hooks -------------------------------------------------------------------


@dataclass
class _Choice:
    description: str = ""
    unavailable: str | None = None
    cluster: ThrowawayCluster | None = None


_choice_key = pytest.StashKey[_Choice]()


def choose() -> _Choice:
    """Set DATABASE_URL for this run and say what was chosen."""
    choice = _Choice()
    os.environ.pop("DATABASE_URL", None)  # SQLite; also while no PostgreSQL is found
    if not postgres_requested():
        choice.description = "Testdatabas: SQLite (testdatabasen i minnet)"
        return choice
    try:
        given = os.environ.get("RESULTAT_TEST_POSTGRES_URL", "").strip()
        if given:
            version = server_version(given)
            os.environ["DATABASE_URL"] = given
            choice.description = (
                f"Testdatabas: PostgreSQL {version} på {describe_url(given)} "
                f"(RESULTAT_TEST_POSTGRES_URL), databas {unique_database_name()}"
            )
            return choice
        bindir = find_postgres_bindir()
        if bindir is None:
            raise PostgresUnavailable(
                "varken RESULTAT_TEST_POSTGRES_URL eller initdb/pg_ctl finns "
                "(Debian: apt-get install postgresql)"
            )
        cluster = ThrowawayCluster(bindir)
        choice.cluster = cluster
        _stop_cleanly_on_sigterm()
        cluster.start()
        os.environ["DATABASE_URL"] = cluster.url
        user = f", som {cluster.user}" if cluster.user else ""
        choice.description = (
            f"Testdatabas: PostgreSQL {cluster.version} ({cluster.where}, {bindir}{user})"
        )
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as exc:
        choice.unavailable = str(exc) or type(exc).__name__
        choice.description = f"Testdatabas: ingen PostgreSQL ({exc})"
    return choice


def _stop_cleanly_on_sigterm() -> None:
    """SIGTERM (a CI timeout, kill) ends the run like Ctrl-C, so the cluster is stopped."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:

        def interrupt(signum, frame):
            raise KeyboardInterrupt(f"signal {signum}")

        signal.signal(signal.SIGTERM, interrupt)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser, args) -> None:
    ns = early_config.known_args_namespace
    if getattr(ns, "help", False) or getattr(ns, "version", False):
        return
    early_config.stash[_choice_key] = choose()


def pytest_configure(config: pytest.Config) -> None:
    choice = config.stash.get(_choice_key, None)
    if choice is None or not postgres_requested() or choice.unavailable:
        return
    # pytest-django has loaded the settings by now; give the test database a name of
    # its own so parallel runs on one server don't drop each other's database.
    if "django.conf" in sys.modules:
        from django.conf import settings

        if settings.configured:
            for alias, db in settings.DATABASES.items():
                if db.get("ENGINE", "").endswith("postgresql"):
                    suffix = "" if alias == "default" else f"_{alias}"
                    db.setdefault("TEST", {})["NAME"] = unique_database_name() + suffix


def pytest_report_header(config: pytest.Config) -> list[str]:
    choice = config.stash.get(_choice_key, None)
    return [choice.description] if choice else []


def pytest_sessionstart(session: pytest.Session) -> None:
    choice = session.config.stash.get(_choice_key, None)
    if choice is None:
        return
    if choice.unavailable is None:
        # -q hides the report header; still say which PostgreSQL this run uses.
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if postgres_requested() and reporter is not None and session.config.get_verbosity() < 0:
            reporter.write_line(choice.description)
        return
    if in_ci():
        pytest.exit(f"CI: PostgreSQL-passet kan inte köras: {choice.unavailable}", returncode=1)
    pytest.exit(
        f"PostgreSQL-passet hoppas över: {choice.unavailable}. "
        "Ange RESULTAT_TEST_POSTGRES_URL eller installera postgresql.",
        returncode=0,
    )


# (django_db_blocker is not here: pytest-django's autouse fixtures request it for every test.)
_DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                "django_db_setup", "live_server"}


def uses_database(item: pytest.Item) -> bool:
    """Whether a test touches the database (marker, db fixtures, or a Django TestCase)."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("postgres_only"):
        return True
    if _DB_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None and "django.test" in sys.modules:
        from django.test import TransactionTestCase

        return isinstance(cls, type) and issubclass(cls, TransactionTestCase)
    return False


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In the PostgreSQL run keep only the tests that use the database."""
    if not postgres_requested():
        return
    keep, drop = [], []
    for item in items:
        (keep if uses_database(item) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_unconfigure(config: pytest.Config) -> None:
    choice = config.stash.get(_choice_key, None)
    if choice is not None and choice.cluster is not None:
        choice.cluster.stop()
