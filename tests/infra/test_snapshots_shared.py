"""The workers of an xdist run hand each other what ``replay`` built (tests/plugins/snapshots.py)."""

import pickle

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from resultat.accounts.models import User
from tests.plugins import snapshots


def _users_with_groups():
    group = Group.objects.create(name="delad-grupp")
    user = User.objects.create_user(username="delad", password="x" * 16)
    user.groups.add(group)  # an auto-created m2m table: pickled by table name
    return {"user": user, "group": group}


@pytest.fixture
def worker(tmp_path, monkeypatch):
    """This test as a worker of an xdist run with an empty process cache."""
    monkeypatch.setenv(snapshots.SHARED_ENV, str(tmp_path))
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw7")
    monkeypatch.setattr(snapshots, "_CACHE", {})
    monkeypatch.setattr(snapshots, "ENABLED", True)
    return tmp_path


def _rolled_back(action):
    with transaction.atomic():
        value = action()
        transaction.set_rollback(True)
    return value


def test_another_worker_replays_the_file_instead_of_building(db, worker):
    first = _rolled_back(lambda: snapshots.replay("delad", _users_with_groups))
    assert len(list(worker.glob("*.pickle"))) == 1
    assert not User.objects.filter(username="delad").exists()

    snapshots._CACHE.clear()  # another process: nothing in memory, only the file

    def must_not_build():
        raise AssertionError("built again although another worker's file was there")

    def replayed():
        got = snapshots.replay("delad", must_not_build)
        return got, list(User.objects.get(username="delad").groups.values_list("name", flat=True))

    got, groups = _rolled_back(replayed)
    assert groups == ["delad-grupp"]
    assert (got["user"].pk, got["group"].pk) == (first["user"].pk, first["group"].pk)


def test_a_different_starting_state_builds_its_own(db, worker):
    _rolled_back(lambda: snapshots.replay("delad", _users_with_groups))
    snapshots._CACHE.clear()
    Group.objects.create(name="en annan början")  # other row counts: another key
    built = []

    def build():
        built.append(1)
        return _users_with_groups()

    snapshots.replay("delad", build)
    assert built == [1]
    assert len(list(worker.glob("*.pickle"))) == 2


def test_the_claim_makes_others_wait_and_a_failed_build_frees_it(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshots, "WAIT_SECONDS", 0.3)
    builder, waiter = snapshots._Shared(tmp_path, ("k",)), snapshots._Shared(tmp_path, ("k",))
    assert builder.load() is None and builder.owner
    assert waiter.load() is None and not waiter.owner  # waited 0.3 s, then gives up
    builder.release()  # the build failed: no file, the claim is given up
    assert waiter.load() is None and waiter.owner
    waiter.save({"rows": 1})
    waiter.release()  # a saved file keeps its claim: nobody builds it again
    late = snapshots._Shared(tmp_path, ("k",))
    assert late.load() == {"rows": 1} and not late.owner


def test_tables_and_returned_objects_pickle_by_name(db):
    table = next(t for t in snapshots._tables() if t.model._meta.auto_created)
    assert pickle.loads(pickle.dumps(table)) == table
    ref = snapshots._dehydrate(Group(pk=3, name="x"))
    assert pickle.loads(pickle.dumps(ref)) == ref


def test_only_workers_share(monkeypatch, tmp_path):
    monkeypatch.setenv(snapshots.SHARED_ENV, str(tmp_path))
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert snapshots.shared_dir() is None
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    assert snapshots.shared_dir() == tmp_path
