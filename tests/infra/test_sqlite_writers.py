"""The SQLite backend's queue for write transactions (resultat/infrastructure/sqlite):
a transaction takes its turn (a thread lock in the process, a file lock across
processes) before BEGIN, gives it up at COMMIT, ROLLBACK or close, and a wait is
bounded by the database's timeout."""

import fcntl
import os
import subprocess
import sys
import threading
import time

import pytest
from django.db import OperationalError, connections

from resultat.config.env import database_from_url
from resultat.infrastructure.sqlite.base import DatabaseWrapper


def wrapper(path, timeout=5):
    settings = {**connections["default"].settings_dict, **database_from_url(f"sqlite:///{path}", path.parent), "TEST": {}}
    settings["OPTIONS"] = {**settings["OPTIONS"], "timeout": timeout}
    return DatabaseWrapper(settings, alias="writers-test")


def begin(db):
    db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(db, how="commit"):
    getattr(db, how)()
    db.set_autocommit(True)


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker):
    # these tests open their own SQLite files with their own connections, not the test database
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "w.sqlite3"
    db = wrapper(path)
    with db.cursor() as c:
        c.execute("CREATE TABLE t (v INTEGER)")
    db.close()
    return path


def test_the_settings_use_the_queueing_backend(tmp_path):
    assert database_from_url(f"sqlite:///{tmp_path}/x.db", tmp_path)["ENGINE"] == "resultat.infrastructure.sqlite"


@pytest.mark.parametrize("how", ["commit", "rollback", "close"])
def test_the_turn_is_taken_at_begin_and_given_up_at_the_end(db_path, how):
    a, b = wrapper(db_path), wrapper(db_path, timeout=0.3)
    begin(a)
    with a.cursor() as c:
        c.execute("INSERT INTO t VALUES (1)")
    # another connection (another thread's, here the same thread) waits for its turn, not in SQLite's busy handler
    started = time.monotonic()
    with pytest.raises(OperationalError, match="writers' queue"):
        begin(b)
    assert 0.25 < time.monotonic() - started < 5
    b.set_autocommit(True)
    if how == "close":
        a.close()
    else:
        end(a, how)
    begin(b)  # the turn is free again
    with b.cursor() as c:
        c.execute("INSERT INTO t VALUES (2)")
    end(b)
    with b.cursor() as c:
        c.execute("SELECT v FROM t ORDER BY v")
        assert [r[0] for r in c.fetchall()] == ([1, 2] if how == "commit" else [2])
    a.close()
    b.close()


def test_a_waiting_thread_starts_as_soon_as_the_turn_is_given_up(db_path):
    a, events = wrapper(db_path), {}
    begin(a)

    def other():
        b = wrapper(db_path)
        begin(b)
        events["started"] = time.monotonic()
        end(b)
        b.close()

    t = threading.Thread(target=other)
    t.start()
    time.sleep(0.4)
    assert "started" not in events  # it waits while a's transaction runs
    released = time.monotonic()
    end(a)
    t.join(5)
    assert events["started"] >= released
    a.close()


def test_another_process_holding_the_queue_makes_a_transaction_wait(db_path):
    code = (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(db_path) + '.writers'!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        db = wrapper(db_path, timeout=0.3)
        with pytest.raises(OperationalError, match="writers' queue"):
            begin(db)
        db.set_autocommit(True)
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(5)
        db2 = wrapper(db_path, timeout=2)
        begin(db2)  # the file lock is free once the other process let go (or died)
        end(db2)
        db2.close()
        db.close()
    finally:
        holder.kill()


def test_no_queue_for_an_in_memory_database(tmp_path):
    settings = {**connections["default"].settings_dict, **database_from_url("sqlite://", tmp_path), "TEST": {}}
    db = DatabaseWrapper(settings, alias="writers-memory")
    begin(db)
    assert db._writer_turn is None and db._writer_fd is None
    end(db)
    db.close()


def test_the_file_lock_is_exclusive_between_open_files(db_path):
    # what the queue relies on: two open files of one lock file exclude each other, also in one process
    fd1, fd2 = (os.open(str(db_path) + ".writers", os.O_RDWR | os.O_CREAT) for _ in range(2))
    fcntl.flock(fd1, fcntl.LOCK_EX)
    with pytest.raises(BlockingIOError):
        fcntl.flock(fd2, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(fd1)
    fcntl.flock(fd2, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(fd2)
