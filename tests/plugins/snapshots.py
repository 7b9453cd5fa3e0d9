"""Build test data once per test process, replay it as rows for every later test.

The shared fixtures (``vasterbotten``, ``structure``, ``people``, ``cycle`` and the
whole-edition loaders in tests/factories.py) run the real loaders: YAML parsing,
validation, the 2025 report import, search indexing, Argon2 password hashes. That took
2–5 s per test. ``replay(name, build)`` runs ``build`` the first time, notes which rows
of which tables it inserted, changed or deleted, and for every later request with the
same starting state writes exactly those rows with plain SQL (``executemany`` on
SQLite, ``COPY`` on PostgreSQL) instead of running the loader again.

Isolation stays what it was: the rows are written in the test's own transaction (or,
for transactional tests, in a transaction of their own before the test flushes the
database), so every test still starts from the state pytest-django gives it and sees
the state the loader would have produced.

The starting state is part of the key: the row count of every model table, the
largest primary key of the tables the loader wrote and of the tables their foreign
keys point to, whether the connection is inside a transaction (in autocommit
``on_commit`` callbacks run at once, so the loader can write more) and the database
name. (Largest keys of other tables are left out on purpose: a transactional test's
flush makes Django recreate its content types with new keys, and a loader that does
not refer to them should still replay after it.) A different starting state builds
afresh and is cached beside the first. After replaying, the counts and those largest
keys must equal what the loader left; if not, the test fails loudly instead of running
on wrong data.

Rows are compared by primary key; a changed row is deleted and inserted again (the
foreign keys Django creates are deferred, so this is safe inside a transaction).
SQLite's FTS5 index follows through its triggers; PostgreSQL's generated ``tsv``
column is computed by the server (it is not a model field, so it is never copied).
Sequences are moved past the largest replayed key on PostgreSQL.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, models, transaction

_CACHE: dict[tuple, Snapshot] = {}
# Starting states per name kept at once (the oldest goes first), so that a loader
# requested from many different states does not keep every one of them in memory.
KEEP_PER_NAME = 3
STATS = {"built": 0, "replayed": 0}
# RESULTAT_TEST_SNAPSHOTS=0 turns replaying off (every fixture runs its loader), e.g.
# to check that a failure is not caused by the replay.
ENABLED = os.environ.get("RESULTAT_TEST_SNAPSHOTS", "1").strip().lower() not in {"0", "false", "no", "off"}
# RESULTAT_TEST_SNAPSHOT_LOG=<file>: one line per request (worker, name, built/replayed,
# seconds, whether inside a transaction), to see which loaders build how often.
LOG = os.environ.get("RESULTAT_TEST_SNAPSHOT_LOG", "")
# RESULTAT_TEST_SNAPSHOTS_SHARED=0: the workers of an xdist run do not hand each other
# what they built (each builds its own, as before).
SHARE = os.environ.get("RESULTAT_TEST_SNAPSHOTS_SHARED", "1").strip().lower() not in {"0", "false", "no", "off"}


def _log(name: str, what: str, started: tuple[float, float], atomic: bool) -> None:
    if LOG:
        cpu, wall = time.process_time() - started[0], time.perf_counter() - started[1]
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(f"{worker}\t{os.getpid()}\t{name}\t{what}\t{cpu:.2f} s cpu\t{wall:.2f} s wall\t{'atomic' if atomic else 'autocommit'}\n")


@dataclass(frozen=True)
class Table:
    name: str
    pk: str
    columns: tuple[str, ...]  # pk first
    model: type[models.Model]

    def __reduce__(self):  # pickled by table name (auto-created m2m models are no module attributes)
        return _table_named, (self.name,)


def _table_named(name: str) -> Table:
    return {t.name: t for t in _tables()}[name]


@dataclass
class TableChange:
    table: Table
    delete: list[Any] = field(default_factory=list)  # primary keys
    insert: list[tuple] = field(default_factory=list)  # whole rows, in Table.columns order


@dataclass
class Snapshot:
    changes: list[TableChange]
    result: Any
    relevant: frozenset[str]  # tables written, and the tables their foreign keys name
    relevant_before: tuple  # their largest keys before the loader ran
    counts_after: tuple  # row count of every table afterwards
    relevant_after: tuple


def _tables() -> list[Table]:
    seen: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        pk = meta.pk.column
        columns = [pk] + [f.column for f in meta.local_concrete_fields if f.column != pk]
        seen[meta.db_table] = Table(meta.db_table, pk, tuple(columns), model)
    return sorted(seen.values(), key=lambda t: t.name)


def _q(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def fingerprint(connection, tables: list[Table]) -> tuple:
    """(table, row count, largest primary key) for every table, in one query."""
    parts = [
        f"SELECT '{t.name}', COUNT(*), CAST(MAX({_q(connection, t.pk)}) AS TEXT) FROM {_q(connection, t.name)}"
        for t in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return tuple(sorted(tuple(row) for row in cursor.fetchall()))


def _select(connection, table: Table) -> str:
    if connection.vendor == "postgresql":
        # Text on PostgreSQL: compares reliably (json, arrays) and goes back with COPY.
        cols = ", ".join([_q(connection, table.pk)] + [f"{_q(connection, c)}::text" for c in table.columns])
    else:
        cols = ", ".join([_q(connection, table.pk)] + [_q(connection, c) for c in table.columns])
    return f"SELECT {cols} FROM {_q(connection, table.name)}"


def _dump(connection, tables: list[Table], only: set[str] | None = None) -> dict[str, dict[Any, tuple]]:
    out: dict[str, dict[Any, tuple]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            if only is not None and table.name not in only:
                continue
            cursor.execute(_select(connection, table))
            out[table.name] = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
    return out


def _diff(tables: list[Table], before: dict, after: dict) -> list[TableChange]:
    changes = []
    for table in tables:
        old, new = before.get(table.name, {}), after.get(table.name, {})
        if old == new:
            continue
        change = TableChange(table)
        change.delete = [pk for pk, row in old.items() if new.get(pk) != row]
        change.insert = [row for pk, row in new.items() if old.get(pk) != row]
        changes.append(change)
    return changes


def _apply(connection, changes: list[TableChange]) -> None:
    with connection.cursor() as cursor:
        for change in changes:
            table = change.table
            for start in range(0, len(change.delete), 500):
                chunk = change.delete[start:start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {_q(connection, table.name)} WHERE {_q(connection, table.pk)} IN ({marks})", chunk)
        for change in changes:
            if not change.insert:
                continue
            table = change.table
            columns = ", ".join(_q(connection, c) for c in table.columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {_q(connection, table.name)} ({columns}) FROM STDIN") as copy:
                    for row in change.insert:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f"INSERT INTO {_q(connection, table.name)} ({columns}) VALUES ({marks})", change.insert)
        if connection.vendor == "postgresql":
            inserted = [c.table.model for c in changes if c.insert]
            for sql in connection.ops.sequence_reset_sql(no_style(), inserted):
                cursor.execute(sql)


# --- the value a loader returns: model instances are fetched again by primary key ------


@dataclass(frozen=True)
class _Ref:
    model: type[models.Model]
    pk: Any

    def __reduce__(self):
        return _ref, (self.model._meta.label, self.pk)


def _ref(label: str, pk: Any) -> _Ref:
    return _Ref(apps.get_model(label), pk)


def _dehydrate(value: Any) -> Any:
    if isinstance(value, models.Model):
        return _Ref(type(value), value.pk)
    if isinstance(value, dict):
        return {k: _dehydrate(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_dehydrate(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"replay: kan inte spara ett värde av typen {type(value).__name__}; returnera modellobjekt, dict, list eller enkla värden")


def _rehydrate(value: Any) -> Any:
    if isinstance(value, _Ref):
        return value.model._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {k: _rehydrate(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_rehydrate(v) for v in value)
    return value


def _counts(fp: tuple) -> tuple:
    return tuple((table, count) for table, count, _ in fp)


def _largest(fp: tuple, tables: frozenset[str]) -> tuple:
    return tuple((table, top) for table, _, top in fp if table in tables)


def _relevant(changes: list[TableChange]) -> frozenset[str]:
    """The tables a replay writes and the tables their foreign keys point to: their
    largest keys must match for the same rows to fit."""
    names = set()
    for change in changes:
        names.add(change.table.name)
        for f in change.table.model._meta.concrete_fields:
            if f.is_relation and f.remote_field and f.remote_field.model:
                names.add(f.remote_field.model._meta.db_table)
    return frozenset(names)


def replay(name: str, build, using: str = "default") -> Any:
    """``build()``'s database writes and return value, built once per starting state."""
    if not ENABLED:
        return build()
    started = (time.process_time(), time.perf_counter())
    connection = connections[using]
    tables = _tables()
    before_fp = fingerprint(connection, tables)
    key = (name, using, connection.settings_dict["NAME"], connection.in_atomic_block, _counts(before_fp))
    snapshot, how = _CACHE.get(key), "replayed"
    shared = None
    if not _fits(snapshot, before_fp) and shared_dir() is not None:
        # Not built in this process: another worker of the run may have built it (or be
        # building it now); its file holds the same rows for the same starting state.
        shared = _Shared(shared_dir(), (name, using, connection.vendor) + key[3:])
        from_file = shared.load()
        if _fits(from_file, before_fp):
            snapshot, how = from_file, "replayed (built by another worker)"
    if _fits(snapshot, before_fp):
        with transaction.atomic(using=using):
            _apply(connection, snapshot.changes)
        after_fp = fingerprint(connection, tables)
        if (_counts(after_fp), _largest(after_fp, snapshot.relevant)) != (snapshot.counts_after, snapshot.relevant_after):
            wrong = sorted(set(_counts(after_fp)) ^ set(snapshot.counts_after))
            raise AssertionError(f"replay({name!r}): databasen efter återuppspelningen skiljer sig från den laddade: {wrong[:6]}")
        STATS["replayed"] += 1
        _keep(key, snapshot)
        _log(name, how, started, key[3])
        return _rehydrate(snapshot.result)
    try:
        result, built = _build(connection, tables, before_fp, build)
        if shared is not None:
            shared.save(built)
    finally:
        if shared is not None:
            shared.release()
    _keep(key, built)
    STATS["built"] += 1
    _log(name, "built" if snapshot is None else "built (largest keys moved)", started, key[3])
    return result


def _fits(snapshot: Snapshot | None, before_fp: tuple) -> bool:
    return snapshot is not None and _largest(before_fp, snapshot.relevant) == snapshot.relevant_before


def _build(connection, tables: list[Table], before_fp: tuple, build) -> tuple[Any, Snapshot]:
    before = _dump(connection, tables)
    result = build()
    after_fp = fingerprint(connection, tables)
    after = _dump(connection, tables)  # every table: rows may also change in place
    changes = _diff(tables, before, after)
    relevant = _relevant(changes)
    snapshot = Snapshot(
        changes, _dehydrate(result), relevant,
        _largest(before_fp, relevant), _counts(after_fp), _largest(after_fp, relevant),
    )
    return result, snapshot


def _keep(key: tuple, snapshot: Snapshot) -> None:
    """Cache ``snapshot`` as the most recently used, keeping KEEP_PER_NAME per name."""
    _CACHE.pop(key, None)
    same_name = [k for k in _CACHE if k[0] == key[0]]
    for old in same_name[: max(0, len(same_name) - KEEP_PER_NAME + 1)]:
        del _CACHE[old]
    _CACHE[key] = snapshot


# --- shared between the workers of one pytest-xdist run --------------------------------


SHARED_ENV = "RESULTAT_TEST_SNAPSHOT_DIR"
# How long a worker waits for another that is building the same snapshot before it
# builds it itself (a build takes 5-40 s).
WAIT_SECONDS = 240
_made_dir = pytest.StashKey[str]()


def shared_dir() -> Path | None:
    """The run's shared directory, in a worker of an xdist run (None otherwise)."""
    directory = os.environ.get(SHARED_ENV)
    if not directory or not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return Path(directory) if os.path.isdir(directory) else None


class _Shared:
    """One snapshot's file in the shared directory, and its claim (a lock file made
    with O_EXCL): the worker that claims it builds and writes the file; the others
    wait for the file. The claim stays after the file is written (so nobody builds
    again) and is given up only when the build failed."""

    def __init__(self, directory: Path, key: tuple):
        digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32]
        self.path = directory / f"{digest}.pickle"
        self.claim = directory / f"{digest}.claim"
        self.owner = False
        self.saved = False

    def load(self) -> Snapshot | None:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            if self.path.exists():
                with self.path.open("rb") as f:
                    return pickle.load(f)
            try:
                os.close(os.open(self.claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                self.owner = True
                return None
            except FileExistsError:
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.2)

    def save(self, snapshot: Snapshot) -> None:
        if self.owner:
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.part")
            with partial.open("wb") as f:
                pickle.dump(snapshot, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
            self.saved = True

    def release(self) -> None:
        if self.owner and not self.saved:
            self.claim.unlink(missing_ok=True)


def pytest_configure(config: pytest.Config) -> None:
    """The controller of an xdist run makes the directory its workers share (they
    inherit the environment); removed at the end of the run."""
    if not ENABLED or not SHARE or os.environ.get(SHARED_ENV) or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if not getattr(config.option, "numprocesses", None):
        return
    directory = tempfile.mkdtemp(prefix="resultat-test-replay-")
    os.environ[SHARED_ENV] = directory
    config.stash[_made_dir] = directory
    atexit.register(shutil.rmtree, directory, True)  # also when unconfigure never runs


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = config.stash.get(_made_dir, None)
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        os.environ.pop(SHARED_ENV, None)


# --- put a committed database back between the tests of one module -------------------


@dataclass
class Saved:
    """Every model table's rows at one moment (``capture``), to ``restore`` later."""

    rows: dict[str, dict[Any, tuple]]
    fingerprint: tuple


def capture(using: str = "default") -> Saved:
    connection = connections[using]
    tables = _tables()
    return Saved(_dump(connection, tables), fingerprint(connection, tables))


def restore(saved: Saved, using: str = "default") -> int:
    """Write back the rows ``saved`` holds: what was inserted since is deleted, what was
    changed or deleted is written again (in one transaction). For a module whose tests
    share data committed once (a browser module with its own live server) instead of a
    flush and a reload per test. Returns the number of rows written or deleted; fails if
    the tables do not then hold exactly the saved rows' count and largest keys."""
    connection = connections[using]
    tables = _tables()
    changes = _diff(tables, _dump(connection, tables), saved.rows)
    if changes:
        with transaction.atomic(using=using):
            _apply(connection, changes)
    now = fingerprint(connection, tables)
    if now != saved.fingerprint:
        wrong = sorted(set(now) ^ set(saved.fingerprint))
        raise AssertionError(f"restore: tabellerna skiljer sig från de sparade: {wrong[:6]}")
    return sum(len(c.delete) + len(c.insert) for c in changes)
