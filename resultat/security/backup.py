"""Backup and restore of the database and the uploaded files (``resultat backup``).

A backup is one tar file:

    manifest.json   engine, time, Django migrations, per-table row counts and checksums,
                    per-file SHA-256 of the media files
    database.sqlite3  (SQLite) made with sqlite3's online backup API: a consistent
                    snapshot while the application keeps running (WAL readers/writers)
    database.dump   (PostgreSQL) ``pg_dump -Fc``, itself a consistent snapshot
    media/...       every file under MEDIA_ROOT

Restore replaces the database (sqlite3 backup API into the live file;
``pg_restore --clean --if-exists --no-owner --single-transaction``) and the media
folder, then recomputes every checksum and fails loudly if anything differs from the
manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, connections

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


# --- checksums ---------------------------------------------------------------------------


def table_checksums(conn=connection) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": ...}} over every table, rows in a fixed order."""
    result = {}
    with conn.cursor() as cursor:
        tables = sorted(conn.introspection.table_names(cursor))
        for table in tables:
            if conn.vendor == "sqlite" and table.startswith("sqlite_"):
                continue
            quoted = conn.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} WHERE 1=0")
            width = len(cursor.description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")
            digest, count = hashlib.sha256(), 0
            for row in cursor.fetchall():
                digest.update(_row_bytes(row))
                count += 1
            result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _row_bytes(row) -> bytes:
    parts = []
    for value in row:
        if isinstance(value, memoryview):
            value = bytes(value)
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        parts.append(repr(value))
    return ("\x1f".join(parts) + "\x1e").encode("utf-8", "surrogatepass")


def media_checksums(root: Path | None = None) -> dict[str, str]:
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# --- PostgreSQL tools ------------------------------------------------------------------------


def _version_key(path: str) -> tuple:
    return tuple(int(part) for part in re.findall(r"\d+", path))


def find_pg_tool(name: str) -> str:
    """pg_dump/pg_restore: $RESULTAT_PG_BINDIR, the newest /usr/lib/postgresql/*/bin, PATH."""
    candidates = []
    if os.environ.get("RESULTAT_PG_BINDIR"):
        candidates.append(Path(os.environ["RESULTAT_PG_BINDIR"]) / name)
    import glob

    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        candidates.append(Path(bindir) / name)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"{name} hittades inte (installera postgresql-client eller sätt RESULTAT_PG_BINDIR)")


def _pg_env_and_args(db: dict) -> tuple[dict, list[str]]:
    env = dict(os.environ)
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if db.get("OPTIONS", {}).get(option):
            env[variable] = db["OPTIONS"][option]
    return env, args


def _run(command: list[str], env: dict, what: str) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BackupError(f"{what} misslyckades ({completed.returncode}): {completed.stderr.strip()[-2000:]}")


# --- create ------------------------------------------------------------------------------------


@dataclass
class BackupSummary:
    path: Path
    engine: str
    tables: int
    rows: int
    files: int
    size: int


def create(out: Path | None = None, alias: str = "default") -> BackupSummary:
    conn = connections[alias]
    db = conn.settings_dict
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = Path(out or Path(settings.VAR_DIR) / "backups" / f"resultat-{stamp}.tar")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="resultat-backup-") as tmp:
        tmp = Path(tmp)
        if conn.vendor == "sqlite":
            db_file = tmp / "database.sqlite3"
            conn.ensure_connection()
            target = sqlite3.connect(db_file)
            try:
                conn.connection.backup(target)
            finally:
                target.close()
            checksums = _checksums_of_sqlite_file(db_file)
        elif conn.vendor == "postgresql":
            db_file = tmp / "database.dump"
            env, args = _pg_env_and_args(db)
            # the checksums are taken inside the same snapshot pg_dump sees
            checksums = _pg_dump_with_checksums(conn, env, args, db["NAME"], db_file)
        else:
            raise BackupError(f"Databasmotorn {conn.vendor} stöds inte")
        media = media_checksums()
        manifest = {
            "format": FORMAT_VERSION, "engine": conn.vendor, "created": stamp,
            "database_file": db_file.name, "tables": checksums, "media": media,
        }
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            media_root = Path(settings.MEDIA_ROOT)
            for name in media:
                tar.add(media_root / name, arcname=f"media/{name}")
        partial.replace(out)  # never a half-written backup under the final name
    return BackupSummary(out, conn.vendor, len(checksums), sum(t["rows"] for t in checksums.values()), len(media), out.stat().st_size)


def _checksums_of_sqlite_file(path: Path) -> dict:
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path), "OPTIONS": {}, "TEST": {}}, alias="backup-check")
    try:
        return table_checksums(wrapper)
    finally:
        wrapper.close()


def _pg_dump_with_checksums(conn, env, args, name, db_file: Path) -> dict:
    """Export a snapshot in a repeatable-read transaction, checksum it, dump it."""
    from django.db import transaction

    conn.close()
    with transaction.atomic(using=conn.alias):
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        checksums = table_checksums(conn)
        _run([find_pg_tool("pg_dump"), *args, "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(db_file), name], env, "pg_dump")
    return checksums


# --- restore -----------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path) as tar:
            member = tar.extractfile("manifest.json")
            manifest = json.load(member)
    except (tarfile.TarError, KeyError, json.JSONDecodeError, OSError) as error:
        raise BackupError(f"{path} är ingen läsbar Resultat-säkerhetskopia: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{path}: okänt format {manifest.get('format')!r}")
    return manifest


def restore(path: Path, alias: str = "default") -> dict:
    path = Path(path)
    manifest = read_manifest(path)
    conn = connections[alias]
    if manifest["engine"] != conn.vendor:
        raise BackupError(f"Säkerhetskopian är från {manifest['engine']}, databasen är {conn.vendor}")
    with tempfile.TemporaryDirectory(prefix="resultat-restore-") as tmp:
        tmp = Path(tmp)
        try:
            with tarfile.open(path) as tar:
                tar.extractall(tmp, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"{path} kunde inte packas upp: {error}") from error
        db_file = tmp / manifest["database_file"]
        if not db_file.is_file():
            raise BackupError(f"{path}: databasfilen {manifest['database_file']} saknas i säkerhetskopian")
        # Verify the extracted copy against the manifest BEFORE touching the live data:
        # a damaged archive must fail here and leave the database and media as they are.
        extracted_media = media_checksums(tmp / "media")
        if conn.vendor == "sqlite":
            try:
                extracted_tables = _checksums_of_sqlite_file(db_file)
            except (sqlite3.DatabaseError, DatabaseError) as error:
                raise BackupError(f"{path}: databasfilen går inte att läsa: {error}") from error
            problems = _differences(manifest, extracted_tables, extracted_media)
        else:
            env, args = _pg_env_and_args(conn.settings_dict)
            # pg_restore --list reads the whole table of contents of the dump
            _run([find_pg_tool("pg_restore"), "--list", str(db_file)], env, "pg_restore --list (kontroll av dumpen)")
            problems = _differences(manifest, None, extracted_media)
        if problems:
            raise BackupError("Säkerhetskopian stämmer inte med sitt manifest; inget har ändrats:\n" + "\n".join(problems))
        if conn.vendor == "sqlite":
            source = sqlite3.connect(db_file)
            try:
                conn.ensure_connection()
                source.backup(conn.connection)
            finally:
                source.close()
        else:
            conn.close()
            _run(
                [find_pg_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 "-d", conn.settings_dict["NAME"], str(db_file)],
                env, "pg_restore",
            )
        _restore_media(tmp / "media", Path(settings.MEDIA_ROOT))
    problems = verify(manifest, conn)
    if problems:
        raise BackupError("Återläsningen stämmer inte med säkerhetskopian:\n" + "\n".join(problems))
    return manifest


def _restore_media(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    if source.exists():
        shutil.copytree(source, staging)
    else:
        staging.mkdir()
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def verify(manifest: dict, conn=connection) -> list[str]:
    """Differences between the live database and media and the manifest (empty: equal)."""
    return _differences(manifest, table_checksums(conn), media_checksums())


def _differences(manifest: dict, tables: dict | None, media: dict) -> list[str]:
    """Each table and file that differs from the manifest; tables=None skips the tables."""
    problems = []
    if tables is not None:
        for table, expected in manifest["tables"].items():
            got = tables.get(table)
            if got is None:
                problems.append(f"tabellen {table} saknas")
            elif got != expected:
                problems.append(f"tabellen {table}: {got['rows']} rader, väntade {expected['rows']} (kontrollsumman skiljer)")
        for table in sorted(set(tables) - set(manifest["tables"])):
            problems.append(f"tabellen {table} finns inte i säkerhetskopian")
    if media != manifest["media"]:
        differing = sorted(set(media) ^ set(manifest["media"]) | {k for k in media if manifest["media"].get(k) not in (None, media[k])})
        problems.append(f"filerna skiljer: {', '.join(differing[:10])}")
    return problems
