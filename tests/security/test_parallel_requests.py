"""Races between real parallel requests, on PostgreSQL.

Each test starts its requests in threads that wait at a barrier and then go through
the whole Django stack at the same moment (middleware, view, service, commit hooks),
each thread with its own test client (its own logged-in session) and its own database
connection, closed at the end. Every race is repeated for several rounds, because a
race that is lost only sometimes must still fail the test on the old code.

PostgreSQL only: the SQLite pass runs its test database in memory with a single
connection, which cannot run two transactions at once (the file database the product
uses serialises writers, IMMEDIATE, which is what these tests check on PostgreSQL).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from django.db import connections
from django.test import Client

from resultat.followup import services
from resultat.followup.models import (
    Contribution,
    ContributionItem,
    Cycle,
    CycleEvent,
    StandingArena,
    StateChange,
)
from resultat.search.models import SearchDocument

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROUNDS = 20
State = Contribution.State


@dataclass
class Outcome:
    status: int | None = None
    error: BaseException | None = None


def in_parallel(*requests) -> list[Outcome]:
    """Run the callables at the same moment in threads; each returns a response."""
    barrier = threading.Barrier(len(requests))
    outcomes = [Outcome() for _ in requests]

    def run(index, request):
        try:
            barrier.wait(timeout=30)
            outcomes[index].status = request().status_code
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            outcomes[index].error = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for outcome in outcomes:
        assert outcome.error is None, repr(outcome.error)
    return outcomes


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def autosave(client, pk, text, base):
    return lambda: client.post(f"/uppfoljning/bidrag/{pk}/spara/", {"body": text, "base_revision": base}, HTTP_HX_REQUEST="true")


def action(client, pk, name, comment=""):
    return lambda: client.post(f"/uppfoljning/bidrag/{pk}/{name}/", {"comment": comment})


def test_save_racing_submit_never_writes_into_a_submitted_contribution(cycle, people):
    c = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="omvarldsanalys")
    services.save_contribution(c, user=people["editor_a"], body="<p>Start.</p>", base_revision=0)
    writer, submitter = client_for(people["editor_a"]), client_for(people["editor_a2"])
    for round_ in range(ROUNDS):
        Contribution.objects.filter(pk=c.pk).update(state=State.DRAFT)
        base = Contribution.objects.get(pk=c.pk).revision
        saved, submitted = in_parallel(autosave(writer, c.pk, f"Ny text {round_}", base), action(submitter, c.pk, "submit"))
        assert saved.status in (200, 403, 422) and submitted.status == 302, (round_, saved, submitted)
        now = Contribution.objects.get(pk=c.pk)
        assert now.state == State.SUBMITTED, round_
        # What was submitted is what is stored: no text arrived after the submit.
        assert now.submitted_revision == now.revision, (round_, now.submitted_revision, now.revision, saved.status)
        assert (saved.status == 200) == (now.revision == base + 1), round_


def test_two_saves_from_one_revision_exactly_one_wins(cycle, people):
    c = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="bidrag")
    a, b = client_for(people["editor_a"]), client_for(people["editor_a2"])
    for round_ in range(ROUNDS):
        base = Contribution.objects.get(pk=c.pk).revision
        first, second = in_parallel(autosave(a, c.pk, f"Annas {round_}", base), autosave(b, c.pk, f"Eriks {round_}", base))
        assert sorted([first.status, second.status]) == [200, 409], round_
        now = Contribution.objects.get(pk=c.pk)
        winner = "Annas" if first.status == 200 else "Eriks"
        assert now.revision == base + 1 and now.body == f"<p>{winner} {round_}</p>", round_
        assert now.revisions.filter(number=base + 1).count() == 1


def test_approve_racing_return_decides_once(cycle, people):
    cycle.reviewers.add(people["other_reviewer"])
    c = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="samverkan")
    services.save_contribution(c, user=people["editor_a"], body="<p>Text.</p>", base_revision=0)
    approver, returner = client_for(people["reviewer"]), client_for(people["other_reviewer"])
    for round_ in range(ROUNDS):
        Contribution.objects.filter(pk=c.pk).update(state=State.SUBMITTED)
        last = StateChange.objects.filter(contribution=c).order_by("-pk").values_list("pk", flat=True).first() or 0
        first, second = in_parallel(action(approver, c.pk, "approve"), action(returner, c.pk, "return", "Mer, tack."))
        assert first.status == second.status == 302, round_
        changes = list(StateChange.objects.filter(contribution=c, pk__gt=last).values_list("from_state", "to_state"))
        assert len(changes) == 1 and changes[0][0] == State.SUBMITTED, (round_, changes)
        assert Contribution.objects.get(pk=c.pk).state == changes[0][1]


def test_locking_racing_review_and_save_leaves_nothing_after_the_lock(cycle, people):
    """Whatever wins, no contribution changes state or text after the cycle's lock."""
    pending = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="samverkan")
    draft = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="bidrag")
    services.save_contribution(pending, user=people["editor_a"], body="<p>Text.</p>", base_revision=0)
    analyst, reviewer, editor = client_for(people["analyst"]), client_for(people["reviewer"]), client_for(people["editor_a"])
    for round_ in range(ROUNDS // 2):
        Cycle.objects.filter(pk=cycle.pk).update(state=Cycle.State.OPEN)
        Contribution.objects.filter(pk=pending.pk).update(state=State.SUBMITTED)
        base = Contribution.objects.get(pk=draft.pk).revision
        locked, approved, saved = in_parallel(
            lambda: analyst.post(f"/uppfoljning/{cycle.year}/lock/", {"confirmed": "yes", "reason": "Ofullständig cykel i testet"}),
            action(reviewer, pending.pk, "approve"),
            autosave(editor, draft.pk, f"Sent {round_}", base),
        )
        assert locked.status == approved.status == 302 and saved.status in (200, 403, 422), (round_, locked, approved, saved)
        lock = CycleEvent.objects.filter(cycle=cycle, to_state=Cycle.State.LOCKED).latest("pk")
        assert not StateChange.objects.filter(contribution__cycle=cycle, at__gt=lock.at).exists(), round_
        assert not draft.revisions.filter(created_at__gt=lock.at).exists(), round_


def test_two_units_saving_with_one_arena_get_no_error_and_a_current_index(cycle, people):
    arena = StandingArena.objects.create(code="vasterbottens-forum", name="Västerbottens forum")
    area_b = people["unit_b"].areas.first()
    mine = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="samverkan")
    theirs = Contribution.objects.get(cycle=cycle, area=area_b, question__code="samverkan")
    editors = {mine.pk: client_for(people["editor_a"]), theirs.pk: client_for(people["editor_b"])}

    def save(pk, text, base):
        data = {"body": text, "base_revision": base, "items-TOTAL": "1", "items-0-kind": "arena", "items-0-arena": arena.code,
                "items-0-text": text}
        return lambda: editors[pk].post(f"/uppfoljning/bidrag/{pk}/spara/", data)

    for round_ in range(ROUNDS):
        bases = {pk: Contribution.objects.get(pk=pk).revision for pk in editors}
        outcomes = in_parallel(*(save(pk, f"Runda {round_} för {pk}", bases[pk]) for pk in editors))
        assert [o.status for o in outcomes] == [302, 302], round_
        for pk in editors:
            assert Contribution.objects.get(pk=pk).revision == bases[pk] + 1
            doc = SearchDocument.objects.get(key=f"contribution:{pk}")
            assert f"Runda {round_} för {pk}" in doc.text, round_  # the index has every committed save
        doc = SearchDocument.objects.get(key=f"arena:{arena.pk}")
        assert set(doc.areas.strip("|").split("|")) == {people["area"].code, area_b.code}, round_
    assert ContributionItem.objects.filter(arena=arena).count() == 2


def test_parallel_confirms_of_overlapping_imports_write_each_decision_once(vasterbotten, people):
    from resultat.initiatives import demo, importing
    from resultat.initiatives.models import (
        FundingDecision,
        FundingProgramme,
        FundingSource,
        ImportBatch,
        Initiative,
    )
    from resultat.initiatives.programmes import seed_programmes

    seed_programmes(FundingSource, FundingProgramme)
    analyst = client_for(people["analyst"])
    for round_ in range(5):
        data = demo.synthetic_file(20, seed=round_, prefix=f"R{round_}")
        batches = [importing.upload(data, f"{name}.xlsx", people["analyst"])[0] for name in ("a", "b")]
        outcomes = in_parallel(*(lambda b=b: analyst.post(f"/insatser/import/{b.pk}/bekrafta/") for b in batches))
        assert [o.status for o in outcomes] == [302, 302], round_
        assert FundingDecision.objects.filter(external_id__startswith=f"R{round_}-").count() == 20, round_
        # each initiative of the file exists once and carries its decisions
        assert not Initiative.objects.filter(external_id__startswith=f"R{round_}-", funding=None).exists(), round_
        assert ImportBatch.objects.filter(pk__in=[b.pk for b in batches], state=ImportBatch.State.IMPORTED).count() == 2


def test_two_report_imports_at_once_give_one_cycle_and_no_error(vasterbotten):
    """`resultat import report` run twice at the same moment (two operators, a retried
    job): the second waits for the first and then changes nothing."""
    from resultat.followup import loaders
    from resultat.followup.demo import data_dir
    from resultat.imports import services as imports
    from tests.imports.test_import_report import REPORT

    loaders.load_question_set(data_dir() / "questions-default.yaml")
    outcomes = []

    def run():
        try:
            outcomes.append(imports.import_report(REPORT, year=2025))
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcomes.append(exc)
        finally:
            connections.close_all()

    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=lambda: (barrier.wait(timeout=30), run())) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(not isinstance(o, BaseException) for o in outcomes), outcomes
    assert Cycle.objects.filter(year=2025).count() == 1
    created = sorted(o.totals["bidrag skapade"] for o in outcomes)
    assert created[0] == 0 and created[1] > 150  # the second import found everything in place
    assert Contribution.objects.filter(cycle__year=2025).count() == created[1]


def test_two_analysts_starting_an_indicator_fetch_at_once_get_one_job(monkeypatch):
    """With no job queued there is no row to lock: the start is serialised by a named lock,
    so two analysts clicking "Starta hämtningen" at the same moment start one fetch."""
    from resultat.accounts.models import Role
    from resultat.indicators import jobs
    from resultat.indicators.models import SyncJob
    from tests.factories import make_user

    monkeypatch.setattr(jobs, "launch_process", lambda job: None)
    analysts = [make_user("anna", Role.ANALYST), make_user("arne", Role.ANALYST)]
    for _ in range(ROUNDS // 4):
        SyncJob.objects.all().delete()
        outcomes = in_parallel(*(lambda c=client_for(a): c.post("/indikatorer/hamtning/") for a in analysts))
        assert [o.status for o in outcomes] == [302, 302]
        assert SyncJob.objects.count() == 1
