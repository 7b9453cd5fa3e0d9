"""The throwaway PostgreSQL cluster of tests/plugins/databases.py starts, answers, stops."""

import os
from pathlib import Path

import pytest

from tests.plugins.databases import (
    PostgresUnavailable,
    ThrowawayCluster,
    describe_url,
    find_postgres_bindir,
    in_ci,
    server_version,
)


@pytest.fixture
def bindir() -> Path:
    found = find_postgres_bindir()
    if found is None:
        message = "initdb/pg_ctl saknas (apt-get install postgresql)"
        if in_ci():
            pytest.fail(f"CI: {message}")
        pytest.skip(message)
    return found


def test_throwaway_cluster_answers_select_1_and_goes_away(bindir):
    import psycopg

    cluster = ThrowawayCluster(bindir)
    cluster.start()
    try:
        directory = cluster.directory
        assert directory is not None and (directory / "data" / "PG_VERSION").exists()
        assert cluster.version and cluster.version.split(".")[0].isdigit()
        if os.geteuid() == 0:
            # initdb refuses root: the cluster belongs to an unprivileged user.
            assert cluster.user and cluster.user != "root"
            assert (directory / "data").stat().st_uid != 0
        # Only a unix socket in the cluster's own directory, no TCP.
        assert list(directory.glob(".s.PGSQL.*"))
        with psycopg.connect(cluster.url, autocommit=True) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
            assert conn.execute("show listen_addresses").fetchone() == ("",)
            assert conn.execute("show server_encoding").fetchone() == ("UTF8",)
        assert server_version(cluster.url) == cluster.version
        assert cluster.running()
    finally:
        cluster.stop()
    assert cluster.directory is None
    assert not directory.exists()
    with pytest.raises(PostgresUnavailable):
        server_version(f"postgresql://postgres@/postgres?host={directory}")
    cluster.stop()  # a second stop is harmless


def test_unreachable_server_is_reported_not_raised_raw():
    with pytest.raises(PostgresUnavailable, match="127.0.0.1:1/postgres"):
        server_version("postgresql://postgres@127.0.0.1:1/postgres")


def test_describe_url_hides_the_password():
    assert describe_url("postgresql://u:hemligt@db:6543/r") == "u@db:6543/r"
    assert describe_url("postgresql://postgres@/postgres?host=/tmp/x") == "postgres@/tmp/x:5432/postgres"
