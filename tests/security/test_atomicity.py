"""Every multi-step write is all or nothing: a failure injected half-way leaves every
table exactly as it was (compared with the per-table checksums of the backup module).

Inventory of multi-step writes and where each is proven (docs/security.md):
  imports.import_report          tests/imports/test_import_report.py (failure half-way)
  strategy.load_strategy_document tests/strategy/test_load.py (failure half-way)
  reference.load_all             here
  followup.loaders.load_structure / load_question_set   here
  followup.open_cycle / publish_cycle / reopen_cycle / lock_cycle   here
  followup.save_contribution (text, list items, revision)          here
  followup.submit / approve / return_for_revision (state + event)    here
  security.backup.restore        PostgreSQL: pg_restore --single-transaction;
                                 SQLite: the backup API replaces the file in one step
"""

from datetime import date

import pytest

from resultat.followup import loaders, services
from resultat.followup.demo import data_dir
from resultat.followup.models import Contribution, Cycle
from resultat.reference import services as reference_services
from resultat.security.backup import table_checksums
from resultat.strategy.models import StrategyVersion


class Injected(Exception):
    pass


def fail_after(original):
    def wrapper(*args, **kwargs):
        original(*args, **kwargs)
        raise Injected("fel injicerat halvvägs")

    return wrapper


def explode(*args, **kwargs):
    raise Injected("fel injicerat halvvägs")


def assert_unchanged(call):
    before = table_checksums()
    with pytest.raises(Injected):
        call()
    after = table_checksums()
    changed = [t for t in before if before[t] != after.get(t)]
    assert not changed, f"ändrade tabeller efter ett avbrutet anrop: {changed}"


def test_reference_load_all(db, monkeypatch):
    reference_services.load_all()
    from resultat.reference.models import SdgGoal

    SdgGoal.objects.filter(number=17).delete()  # so the reload has something to write
    monkeypatch.setattr(reference_services, "load_geography", explode)
    assert_unchanged(reference_services.load_all)


def test_load_structure(vasterbotten, monkeypatch):
    loaders.load_question_set(data_dir() / "questions-default.yaml")
    monkeypatch.setattr(loaders, "ensure_chapters", fail_after(loaders.ensure_chapters))
    assert_unchanged(lambda: loaders.load_structure(data_dir() / "vasterbotten" / "structure-2025.yaml"))


def test_load_question_set(vasterbotten, monkeypatch):
    from resultat.followup.models import Question

    original = Question.save
    calls = {"n": 0}

    def save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise Injected("fel vid tredje frågan")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Question, "save", save)
    monkeypatch.setattr(Question.objects, "bulk_create", explode, raising=False)
    assert_unchanged(lambda: loaders.load_question_set(data_dir() / "questions-default.yaml"))


def test_open_cycle(structure, people, monkeypatch):
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")
    monkeypatch.setattr(services, "_cycle_event", explode)
    assert_unchanged(lambda: services.open_cycle(
        year=2030, version=version, question_set=structure, actor=people["analyst"], reviewers=[people["reviewer"]],
        deadlines={"submit_by": date(2031, 1, 31)},
    ))
    assert not Cycle.objects.filter(year=2030).exists()


def approved(contribution, people):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Text</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    return services.approve(c, people["reviewer"], "Bra")


def test_publish_and_reopen_cycle(cycle, contribution, people, monkeypatch):
    approved(contribution, people)
    services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    with monkeypatch.context() as m:
        m.setattr(services, "_cycle_event", explode)
        assert_unchanged(lambda: services.publish_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet"))
    services.publish_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet")
    monkeypatch.setattr(services, "_cycle_event", explode)
    assert_unchanged(lambda: services.reopen_cycle(cycle, people["analyst"], "Rättelse"))
    assert Contribution.objects.get(pk=contribution.pk).state == "published"


def test_lock_cycle(cycle, people, monkeypatch):
    monkeypatch.setattr(services, "_cycle_event", explode)
    assert_unchanged(lambda: services.lock_cycle(cycle, people["analyst"], reason="Ofullständig cykel i testet"))


def test_save_contribution(contribution, people, monkeypatch):
    """The text is updated (revision counter raised) before the revision row is written."""
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Första</p>", base_revision=0)
    from resultat.followup.models import Revision

    monkeypatch.setattr(Revision.objects, "create", explode)
    assert_unchanged(lambda: services.save_contribution(c, user=people["editor_a"], body="<p>Andra</p>", base_revision=c.revision, items=[]))


@pytest.mark.parametrize("step", ["submit", "approve", "return_for_revision"])
def test_state_changes(contribution, people, monkeypatch, step):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Text</p>", base_revision=0)
    if step != "submit":
        c = services.submit(c, people["editor_a"])
    from resultat.followup.models import Contribution as Model

    monkeypatch.setattr(Model, "save", fail_after(Model.save))
    calls = {
        "submit": lambda: services.submit(c, people["editor_a"]),
        "approve": lambda: services.approve(c, people["reviewer"], "Bra"),
        "return_for_revision": lambda: services.return_for_revision(c, people["reviewer"], "Skriv om"),
    }
    assert_unchanged(calls[step])
