"""Named locks that serialise whole operations across processes.

``serialise("name")`` inside a transaction waits until no other transaction that took
the same name is still running, and holds the name until this transaction ends. On
PostgreSQL it is an advisory transaction lock (``pg_advisory_xact_lock``); on SQLite
write transactions are IMMEDIATE and run one at a time already, so it does nothing.

Used where a write plans from what the database holds and then inserts rows with
unique keys (an import confirm, the report import): two such writes at the same
moment would both plan "create" and the second would fail on the unique key. With
the lock the second waits, plans again from the first one's result and updates.
"""

from __future__ import annotations

import zlib

from django.db import connection


def lock_key(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


def serialise(name: str) -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("serialise() must be called inside a transaction (transaction.atomic)")
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
