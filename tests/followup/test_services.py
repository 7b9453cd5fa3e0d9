"""The follow-up round: opening, writing, review, lock, publish; permissions,
conflicts, sanitising, carry-over and history."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from resultat.followup import selectors, services
from resultat.followup.models import Contribution, Cycle, StrategicArea
from resultat.strategy.models import StrategyVersion

State = Contribution.State


def test_open_cycle_creates_every_area_and_question(cycle, structure):
    areas = StrategicArea.objects.filter(placements__chapter__version=cycle.version).distinct().count()
    assert areas == 22
    assert cycle.contributions.count() == 22 * 8
    assert cycle.state == Cycle.State.OPEN
    assert set(cycle.contributions.values_list("state", flat=True)) == {State.NOT_STARTED}
    chapters = {c.chapter.code for c in cycle.contributions.select_related("chapter")}
    assert chapters == {"p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "ru"}


def test_second_cycle_same_year_is_refused(cycle, structure, people):
    with pytest.raises(services.FollowupError, match="finns redan"):
        services.open_cycle(year=2026, version=cycle.version, question_set=structure, actor=people["analyst"])


def test_only_analysts_open_cycles(structure, people):
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")
    for who in ("editor_a", "reviewer"):
        with pytest.raises(PermissionDenied):
            services.open_cycle(year=2027, version=version, question_set=structure, actor=people[who])


def test_whole_round(cycle, contribution, people):
    editor, reviewer, analyst = people["editor_a"], people["reviewer"], people["analyst"]
    c = services.save_contribution(contribution, user=editor, body="<p>Första utkastet.</p>", base_revision=0)
    assert c.state == State.DRAFT and c.revision == 1
    services.submit(c, editor)
    services.return_for_revision(c, reviewer, "Mer om AI, tack.")
    c.refresh_from_db()
    assert c.state == State.RETURNED
    c = services.save_contribution(c, user=editor, body="<p>Första utkastet. Nu med AI.</p>", base_revision=c.revision)
    services.submit(c, editor)
    assert selectors.changes_since_submission(c).body == "<p>Första utkastet.</p>"
    services.approve(c, reviewer)
    services.lock_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    assert services.publish_cycle(cycle, analyst, reason="Ofullständig cykel i testet") == 1
    c.refresh_from_db()
    assert c.state == State.PUBLISHED
    assert list(selectors.public_contributions(Cycle.objects.get(pk=cycle.pk))) == [c]
    states = [(s.from_state, s.to_state) for s in selectors.timeline(c)]
    assert states == [
        ("not_started", "draft"), ("draft", "submitted"), ("submitted", "returned"),
        ("returned", "submitted"), ("submitted", "approved"), ("approved", "published"),
    ]
    assert c.state_changes.get(to_state="returned").comment == "Mer om AI, tack."


def test_permissions_per_role(cycle, contribution, people):
    with pytest.raises(PermissionDenied):
        services.save_contribution(contribution, user=people["editor_b"], body="x", base_revision=0)
    with pytest.raises(PermissionDenied):
        services.save_contribution(contribution, user=people["reviewer"], body="x", base_revision=0)
    with pytest.raises(PermissionDenied):
        services.save_contribution(contribution, user=people["analyst"], body="x", base_revision=0)
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Text</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    with pytest.raises(PermissionDenied):
        services.approve(c, people["other_reviewer"])  # not assigned to this cycle
    with pytest.raises(PermissionDenied):
        services.approve(c, people["editor_a"])
    with pytest.raises(PermissionDenied):
        services.save_contribution(c, user=people["editor_a"], body="<p>ändrat efter inskick</p>", base_revision=c.revision)
    with pytest.raises(PermissionDenied):
        services.lock_cycle(cycle, people["reviewer"], reason="Ofullständig cykel i testet")


def test_return_requires_a_comment(cycle, contribution, people):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Text</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    with pytest.raises(services.FollowupError, match="kommentar"):
        services.return_for_revision(c, people["reviewer"], "  ")


def test_nothing_unpublished_is_public(cycle, contribution, people, client):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Hemligt utkast</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    services.approve(c, people["reviewer"])
    assert not selectors.public_contributions(cycle).exists()
    assert client.get("/resultat/2026/").status_code == 404
    from django.contrib.auth.models import AnonymousUser

    from resultat.followup.visibility import can_read

    assert not can_read(AnonymousUser(), c)
    assert not can_read(people["editor_b"], c)


def test_conflict_between_two_editors(contribution, people):
    a, b = people["editor_a"], people["editor_a2"]
    opened = contribution.revision
    services.save_contribution(contribution, user=a, body="<p>Annas version</p>", base_revision=opened)
    with pytest.raises(services.EditConflict) as info:
        services.save_contribution(contribution, user=b, body="<p>Eriks version</p>", base_revision=opened)
    assert "Eriks version" in info.value.body
    contribution.refresh_from_db()
    assert contribution.body == "<p>Annas version</p>" and contribution.revision == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_never_lose_an_update(transactional_db, cycle, contribution, people):
    """Two editors save from the same revision at the same moment: exactly one wins.
    (PostgreSQL: the test database of the SQLite pass is in memory, one connection.)"""
    results = []
    barrier = threading.Barrier(2)

    def save(user, text):
        from django.db import connections

        try:
            barrier.wait()
            services.save_contribution(Contribution.objects.get(pk=contribution.pk), user=user, body=f"<p>{text}</p>", base_revision=0)
            results.append("ok")
        except services.EditConflict:
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(people["editor_a"], "A")), threading.Thread(target=save, args=(people["editor_a2"], "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "ok"]
    assert Contribution.objects.get(pk=contribution.pk).revision == 1


@pytest.mark.parametrize(
    "hostile",
    [
        '<p>Hej<script>alert(1)</script></p>',
        '<img src=x onerror="alert(1)"><p onclick="x()">Klick</p>',
        '<p style="color:red">Stil</p><style>p{}</style>',
        '<a href="javascript:alert(1)">länk</a>',
        '<a href="JaVaScRiPt&#58;alert(1)">länk</a>',
        '<iframe src="https://evil.example"></iframe><p>kvar</p>',
        '<svg onload=alert(1)><p>svg</p></svg>',
    ],
)
def test_hostile_html_is_sanitised_on_save(contribution, people, hostile):
    c = services.save_contribution(contribution, user=people["editor_a"], body=hostile, base_revision=0)
    lowered = c.body.lower()
    for bad in ("<script", "onerror", "onclick", "onload", "style", "javascript:", "<iframe", "<svg", "alert(1)"):
        assert bad not in lowered, (bad, c.body)


def test_revision_history_and_restore(contribution, people):
    editor = people["editor_a"]
    c = services.save_contribution(contribution, user=editor, body="<p>Ett</p>", base_revision=0)
    c = services.save_contribution(c, user=editor, body="<p>Två</p>", base_revision=1)
    c = services.restore_revision(c, editor, 1, base_revision=2)
    assert c.body == "<p>Ett</p>" and c.revision == 3
    revisions = list(c.revisions.values_list("number", "body", "note"))
    assert revisions[0] == (3, "<p>Ett</p>", "Återställd från version 1")
    assert [r[0] for r in revisions] == [3, 2, 1]
    assert all(r.author == editor for r in c.revisions.all())


def test_typed_items_are_validated(cycle, people):
    c = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="agenda-2030")
    with pytest.raises(services.FollowupError, match="Rad 1"):
        services.save_contribution(c, user=people["editor_a"], body="", items=[{"kind": "sdg", "sdg_goal": 18}], base_revision=0)
    with pytest.raises(services.FollowupError, match="9.99"):
        services.save_contribution(c, user=people["editor_a"], body="", items=[{"kind": "sdg", "sdg_goal": 9, "sdg_target": "9.99"}], base_revision=0)
    with pytest.raises(services.FollowupError, match="hör inte till"):
        services.save_contribution(c, user=people["editor_a"], body="", items=[{"kind": "arena", "title": "x"}], base_revision=0)
    c.refresh_from_db()
    assert c.revision == 0 and not c.items.exists()  # nothing half-written
    c = services.save_contribution(c, user=people["editor_a"], body="", items=[{"kind": "sdg", "sdg_goal": 9, "sdg_target": "9.c", "text": "Motivering"}], base_revision=0)
    item = c.items.get()
    assert (item.sdg_goal.number, item.sdg_target.code, item.text) == (9, "9.c", "Motivering")


def test_carry_over_needs_confirmation(cycle, structure, people):
    editor, reviewer, analyst = people["editor_a"], people["reviewer"], people["analyst"]
    c = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="bidrag")
    c = services.save_contribution(c, user=editor, body="<p>Texten 2026.</p>", base_revision=0)
    services.submit(c, editor)
    services.approve(c, reviewer)
    services.lock_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    services.publish_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    next_cycle = services.open_cycle(year=2027, version=cycle.version, question_set=structure, actor=analyst, carry_over=True, reviewers=[reviewer])
    carried = next_cycle.contributions.get(area=people["area"], question__code="bidrag")
    assert carried.body == "<p>Texten 2026.</p>" and carried.state == State.DRAFT and carried.needs_carry_over_confirmation
    assert next_cycle.contributions.exclude(carried_over_from=None).count() == 1
    with pytest.raises(services.FollowupError, match="överförd"):
        services.submit(carried, editor)
    services.confirm_carry_over(carried, editor)
    services.submit(carried, editor)
    other = next_cycle.contributions.get(area=people["area"], question__code="omvarldsanalys")
    assert other.carried_over_from is None and other.state == State.NOT_STARTED
    assert selectors.previous_year(carried).cycle.year == 2026


def test_rewriting_a_carried_text_confirms_it(cycle, structure, people):
    editor, reviewer, analyst = people["editor_a"], people["reviewer"], people["analyst"]
    c = Contribution.objects.get(cycle=cycle, area=people["area"], question__code="bidrag")
    c = services.save_contribution(c, user=editor, body="<p>Gammal</p>", base_revision=0)
    services.submit(c, editor)
    services.approve(c, reviewer)
    services.lock_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    services.publish_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    nxt = services.open_cycle(year=2027, version=cycle.version, question_set=structure, actor=analyst, carry_over=True)
    carried = nxt.contributions.get(area=people["area"], question__code="bidrag")
    carried = services.save_contribution(carried, user=editor, body="<p>Ny text</p>", base_revision=carried.revision)
    assert not carried.needs_carry_over_confirmation


def test_reopen_needs_a_reason_and_keeps_the_published_texts(cycle, contribution, people):
    analyst = people["analyst"]
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>x</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    services.approve(c, people["reviewer"])
    services.lock_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    services.publish_cycle(cycle, analyst, reason="Ofullständig cykel i testet")
    with pytest.raises(services.FollowupError):
        services.reopen_cycle(cycle, analyst, "")
    services.reopen_cycle(cycle, analyst, "Rättelse av siffror")
    cycle.refresh_from_db()
    assert cycle.state == Cycle.State.OPEN and cycle.events.last().comment == "Rättelse av siffror"
    assert Contribution.objects.get(pk=c.pk).state == State.PUBLISHED  # still public (test_reopened_cycle.py)
    assert cycle.published_at is not None


def test_completion_matrix_and_overdue(cycle, contribution, people):
    services.save_contribution(contribution, user=people["editor_a"], body="<p>x</p>", base_revision=0)
    questions, chapters, totals = selectors.completion_matrix(cycle)
    assert len(questions) == 8 and len(chapters) == 7
    assert totals[State.DRAFT] == 1 and totals[State.NOT_STARTED] == 22 * 8 - 1
    assert sum(len(ch.rows) for ch in chapters) == 22
    assert selectors.overdue(cycle, today=date(2027, 1, 1)).count() == 0
    assert selectors.overdue(cycle, today=date(2027, 2, 1)).count() == 22 * 8


def test_reminders_go_to_the_units_editors(cycle, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = services.send_reminders(cycle, today=date(2027, 2, 1))
    recipients = {r.email for r in sent}
    assert people["editor_a"].email in recipients and people["editor_b"].email in recipients
    assert len(mail.outbox) == len(sent)
    message = next(m for m in mail.outbox if m.to == [people["editor_a"].email])
    assert "Digitalisering" in message.body and "passerat" in message.body


def test_deadlines_must_be_in_order(cycle, people):
    with pytest.raises(services.FollowupError, match="ordningen"):
        services.set_deadlines(cycle, people["analyst"], opens_on=date(2027, 3, 1), submit_by=date(2027, 1, 1))
