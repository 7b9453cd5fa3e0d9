"""Django's SQLite backend with a queue for write transactions (ENGINE
``resultat.infrastructure.sqlite``, set by resultat/config/env.py).

SQLite lets one write transaction run at a time (the settings make every transaction
IMMEDIATE, so it takes the write lock at BEGIN). A writer that finds the lock taken
waits in SQLite's busy handler, which *sleeps and retries*: 1, 2, 5, 10, 15, 20, 25,
25, 25, 50, 50 ms, then 100 ms at a time. It is not told when the lock is released, so
under steady writing a writer that has waited a while polls only every 100 ms and keeps
losing the lock to newcomers that poll every few milliseconds. Measured under
bench/load.py --split --phases (docs/benchmarks.md, "Where the autosave's tail came
from"): the slowest 5 % of autosaves waited 746 ms on average at BEGIN although they
needed 22 ms of CPU and the lock was free most of the time.

Here a transaction first takes its turn in a queue and only then sends BEGIN, so it
finds SQLite's lock free and the busy handler never sleeps:

- threads of one process queue on a ``threading.Lock`` (woken at once when released);
- processes (gunicorn workers, commands) queue on an exclusive ``flock`` of the file
  ``<database>.writers`` next to the database: only the thread holding its process's
  turn polls it, every millisecond, and the kernel releases it if a process dies.

The turn is released at COMMIT, ROLLBACK or close. Waiting is bounded by the database's
``timeout`` option (20 s, the same bound as SQLite's busy time-out); past it the
transaction fails with ``database is locked``, as before. Writes outside a transaction
(autocommit) do not queue; SQLite's busy handler still covers them. In-memory databases
do not queue (they have one connection).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

POLL_SECONDS = 0.001  # how often the thread at the head of its process's queue tries the file lock

_guard = threading.Lock()
_process_turns: dict[str, threading.Lock] = {}


def _process_turn(path: str) -> threading.Lock:
    with _guard:
        return _process_turns.setdefault(path, threading.Lock())


def _forget_after_fork() -> None:
    # a turn held by another thread at fork time would never be released in the child
    global _guard
    _guard = threading.Lock()
    _process_turns.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None
    _writer_turn: threading.Lock | None = None

    def _queue_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}.writers"

    def _take_writer_turn(self) -> None:
        path = self._queue_path()
        if path is None or self._writer_turn is not None:
            return
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        deadline = time.monotonic() + timeout
        turn = _process_turn(path)
        if not turn.acquire(timeout=timeout):
            raise OperationalError("database is locked (waited %.0f s for the writers' queue)" % timeout)
        try:
            if self._writer_fd is None:
                self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            while True:
                try:
                    fcntl.flock(self._writer_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise OperationalError("database is locked (waited %.0f s for the writers' queue)" % timeout) from None
                    time.sleep(POLL_SECONDS)
        except BaseException:
            turn.release()
            raise
        self._writer_turn = turn

    def _give_up_writer_turn(self) -> None:
        turn, self._writer_turn = self._writer_turn, None
        if turn is None:
            return
        try:
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)
        finally:
            turn.release()

    def _start_transaction_under_autocommit(self):
        self._take_writer_turn()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._give_up_writer_turn()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._give_up_writer_turn()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._give_up_writer_turn()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._give_up_writer_turn()
            if self._writer_fd is not None:
                fd, self._writer_fd = self._writer_fd, None
                os.close(fd)
