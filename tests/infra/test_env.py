"""DATABASE_URL parsing (resultat/config/env.py), which both test passes rely on."""

import pytest

from resultat.config.env import database_from_url


def test_no_url_is_a_sqlite_file_in_var(tmp_path):
    db = database_from_url(None, tmp_path)
    assert db["ENGINE"] == "resultat.infrastructure.sqlite"
    assert db["NAME"] == str(tmp_path / "resultat.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_sqlite_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = database_from_url("sqlite:///data/test.db", tmp_path / "var")
    assert db["ENGINE"] == "resultat.infrastructure.sqlite"
    assert db["NAME"] == "data/test.db"
    assert (tmp_path / "data").is_dir()  # the parent directory is created


def test_sqlite_absolute_path(tmp_path):
    db = database_from_url(f"sqlite:///{tmp_path}/abs.db", tmp_path)
    assert db["NAME"] == str(tmp_path / "abs.db")


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_sqlite_in_memory(url, tmp_path):
    assert database_from_url(url, tmp_path)["NAME"] == ":memory:"


def test_postgresql_url_with_everything(tmp_path):
    db = database_from_url(
        "postgresql://resultat:p%40ss%2Fw@db.example.se:6543/resultat_prod?sslmode=require&conn_max_age=0",
        tmp_path,
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("resultat_prod", "resultat", "p@ss/w")
    assert (db["HOST"], db["PORT"]) == ("db.example.se", "6543")
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_postgres_alias_and_defaults(tmp_path):
    db = database_from_url("postgres://postgres@127.0.0.1:5432/postgres", tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "postgres", "postgres", "", "127.0.0.1", "5432",
    )
    assert db["CONN_MAX_AGE"] == 60 and db["OPTIONS"] == {}
    assert database_from_url("postgresql://localhost", tmp_path)["NAME"] == "resultat"


def test_postgresql_unix_socket_directory(tmp_path):
    # The form the throwaway test cluster uses (tests/plugins/databases.py).
    db = database_from_url("postgresql://postgres@/postgres?host=/tmp/resultat-pg-abc", tmp_path)
    assert (db["HOST"], db["PORT"], db["USER"], db["NAME"]) == ("/tmp/resultat-pg-abc", "", "postgres", "postgres")
    assert "host" not in db["OPTIONS"]


def test_unknown_scheme_is_refused(tmp_path):
    with pytest.raises(ValueError, match="mysql"):
        database_from_url("mysql://u@h/db", tmp_path)


def test_the_test_run_uses_the_chosen_database(db):
    """The plugin's choice reached Django: SQLite normally, PostgreSQL in that pass."""
    import os

    from django.db import connection

    if os.environ.get("RESULTAT_TEST_DB") == "postgres":
        assert connection.vendor == "postgresql"
        # one database per test process; pytest-xdist's workers add their name (gw0, gw1 …)
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        expected = f"test_resultat_{os.getpid()}" + (f"_{worker}" if worker else "")
        assert connection.settings_dict["NAME"] == expected
        with connection.cursor() as cursor:
            cursor.execute("select current_database()")
            assert cursor.fetchone()[0] == expected
    else:
        assert connection.vendor == "sqlite"
        assert connection.is_in_memory_db()
        assert "DATABASE_URL" not in os.environ  # the settings' default: SQLite
