"""Per-request phase timings for bench/load.py --phases: a WSGI wrapper around the
application that writes one JSON line per request to $RESULTAT_PHASES_DIR/<pid>.jsonl.

Fields per request (milliseconds): ``wall`` (the wrapper's call until the response body
is consumed), ``cpu`` (this thread's CPU time, time.thread_time: Python, templates and
the database library's own work), ``db`` (wall time inside database statements),
``db_cpu`` (this thread's CPU inside them), ``lock`` (wall time of the statements that
wait for a lock: SQLite's BEGIN IMMEDIATE and COMMIT, PostgreSQL's FOR SHARE / FOR UPDATE
reads and advisory locks), ``after_commit`` (the search index's commit hooks), ``held`` and ``held_max`` (how long
the request's transactions ran from BEGIN to COMMIT: on SQLite the write lock is held
that long), ``gc``
(garbage-collection pauses of the whole process while the request ran: they stop every
thread), ``queries``; also ``path``, ``method``, ``status`` and ``start`` (epoch s).
``wall - cpu - (db - db_cpu)`` is the time the request was ready to run but waited for
a core or for the interpreter lock (GIL) held by another thread of the worker.

Not part of the product: gunicorn runs ``bench.phases:application`` instead of
``resultat.config.wsgi:application`` only when bench/load.py is given --phases.
bench/phases_report.py summarises the files.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time

from resultat.config.wsgi import application as _django_app

_OUT = os.environ.get("RESULTAT_PHASES_DIR", "")
_local = threading.local()
_write_lock = threading.Lock()
_gc = {"total": 0.0, "start": 0.0}
_files: dict[int, object] = {}


def _gc_callback(phase, info):
    if phase == "start":
        _gc["start"] = time.perf_counter()
    else:
        _gc["total"] += time.perf_counter() - _gc["start"]


gc.callbacks.append(_gc_callback)

_LOCKING = ("BEGIN", "COMMIT")


def _is_lock(sql: str) -> bool:
    head = sql.lstrip()[:16].upper()
    if head.startswith(_LOCKING):
        return True
    tail = sql[-40:].upper()
    return "FOR SHARE" in tail or "FOR UPDATE" in tail or "FOR NO KEY UPDATE" in tail or "PG_ADVISORY" in sql.upper()


def _db_wrapper(execute, sql, params, many, context):
    rec = getattr(_local, "rec", None)
    if rec is None:
        return execute(sql, params, many, context)
    w0, c0 = time.perf_counter(), time.thread_time()
    try:
        return execute(sql, params, many, context)
    finally:
        dw, dc = time.perf_counter() - w0, time.thread_time() - c0
        rec["db"] += dw
        rec["db_cpu"] += dc
        rec["queries"] += 1
        if _is_lock(sql):
            rec["lock"] += dw


def _install_db_wrapper():
    from django.db import connections
    from django.db.backends.signals import connection_created

    def attach(sender, connection, **kwargs):
        if _db_wrapper not in connection.execute_wrappers:
            connection.execute_wrappers.append(_db_wrapper)

    connection_created.connect(attach, weak=False)
    for conn in connections.all(initialized_only=True):
        attach(None, conn)


def _install_commit_timer():
    from resultat.search import indexing

    original = indexing._run_pending

    def timed_run_pending():
        rec = getattr(_local, "rec", None)
        t0 = time.perf_counter()
        try:
            return original()
        finally:
            if rec is not None:
                rec["after_commit"] += time.perf_counter() - t0

    indexing._run_pending = timed_run_pending


_install_db_wrapper()
_install_commit_timer()
# Django's BEGIN for SQLite goes through connection.cursor(): wrapped like any statement.
# The wrapper sees "BEGIN IMMEDIATE"; COMMIT goes through the driver, not a cursor, so
# commits are timed here by wrapping the backend's _commit.
from django.db.backends.base.base import BaseDatabaseWrapper  # noqa: E402

_original_commit = BaseDatabaseWrapper._commit


def _timed_commit(self):
    rec = getattr(_local, "rec", None)
    if rec is None:
        return _original_commit(self)
    w0, c0 = time.perf_counter(), time.thread_time()
    try:
        return _original_commit(self)
    finally:
        dw = time.perf_counter() - w0
        rec["db"] += dw
        rec["db_cpu"] += time.thread_time() - c0
        rec["lock"] += dw
        rec["commit"] += dw


BaseDatabaseWrapper._commit = _timed_commit

# How long each transaction ran (from the end of BEGIN, i.e. once SQLite's write lock is
# held, to the end of COMMIT or ROLLBACK): ``held`` (sum per request) and ``held_max``.
_original_set_autocommit = BaseDatabaseWrapper.set_autocommit
_original_rollback = BaseDatabaseWrapper._rollback


def _tx_end(self):
    t0 = getattr(self, "_phases_tx_start", None)
    rec = getattr(_local, "rec", None)
    if t0 is not None and rec is not None:
        held = time.perf_counter() - t0
        rec["held"] += held
        rec["held_max"] = max(rec["held_max"], held)
    self._phases_tx_start = None


def _timed_set_autocommit(self, autocommit, *args, **kwargs):
    result = _original_set_autocommit(self, autocommit, *args, **kwargs)
    if not autocommit:
        self._phases_tx_start = time.perf_counter()
    return result


def _commit_and_end(self):
    try:
        return _timed_commit(self)
    finally:
        _tx_end(self)


def _rollback_and_end(self):
    try:
        return _original_rollback(self)
    finally:
        _tx_end(self)


BaseDatabaseWrapper.set_autocommit = _timed_set_autocommit
BaseDatabaseWrapper._commit = _commit_and_end
BaseDatabaseWrapper._rollback = _rollback_and_end


def _write(rec: dict) -> None:
    if not _OUT:
        return
    pid = os.getpid()
    with _write_lock:
        f = _files.get(pid)
        if f is None:
            f = _files[pid] = open(os.path.join(_OUT, f"{pid}.jsonl"), "a", buffering=1)  # noqa: SIM115
        f.write(json.dumps(rec) + "\n")


class _Body:
    def __init__(self, inner, finish):
        self.inner, self.finish = inner, finish

    def __iter__(self):
        yield from self.inner

    def close(self):
        try:
            if hasattr(self.inner, "close"):
                self.inner.close()
        finally:
            self.finish()


def application(environ, start_response):
    rec = {"db": 0.0, "db_cpu": 0.0, "lock": 0.0, "commit": 0.0, "after_commit": 0.0, "held": 0.0, "held_max": 0.0, "queries": 0}
    _local.rec = rec
    status = {}
    w0, c0, g0 = time.perf_counter(), time.thread_time(), _gc["total"]
    start = time.time()

    def sr(s, headers, exc_info=None):
        status["code"] = int(s.split()[0])
        return start_response(s, headers, exc_info) if exc_info else start_response(s, headers)

    def finish():
        _local.rec = None
        out = {
            "path": environ.get("PATH_INFO", ""), "method": environ.get("REQUEST_METHOD", ""),
            "htmx": environ.get("HTTP_HX_REQUEST", "") == "true", "status": status.get("code", 0),
            "start": round(start, 3), "queries": rec["queries"],
            "wall": (time.perf_counter() - w0) * 1000, "cpu": (time.thread_time() - c0) * 1000,
            "gc": (_gc["total"] - g0) * 1000,
        }
        for k in ("db", "db_cpu", "lock", "commit", "after_commit", "held", "held_max"):
            out[k] = rec[k] * 1000
        _write(out)

    try:
        body = _django_app(environ, sr)
    except BaseException:
        finish()
        raise
    return _Body(body, finish)
