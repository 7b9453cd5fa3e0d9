"""The analyst's chase tools (issue 18): overdue work per unit and editor with a
reminder per person, and the status matrix as XLSX."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from resultat.followup import selectors, services
from resultat.followup.models import Contribution, CycleEvent

State = Contribution.State


@pytest.fixture
def late(cycle, contribution, people, settings):
    """The cycle's deadline five days ago; one draft (still overdue) and one submitted
    text of the area of unit A (not overdue)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cycle.submit_by = timezone.localdate() - timedelta(days=5)
    cycle.save(update_fields=["submit_by"])
    services.save_contribution(contribution, user=people["editor_a"], body="<p>Utkast</p>", base_revision=0)
    done = Contribution.objects.filter(cycle=cycle, area=people["area"]).exclude(pk=contribution.pk).order_by("pk").first()
    services.save_contribution(done, user=people["editor_a"], body="<p>Klart</p>", base_revision=0)
    services.submit(done, people["editor_a"])
    contribution.refresh_from_db()
    return {"draft": contribution, "submitted": done}


def _open_of(cycle, unit):
    return set(cycle.contributions.filter(area__units=unit, state__in=selectors.OPEN_STATES).values_list("pk", flat=True))


def test_overdue_is_grouped_by_unit_then_editor(cycle, people, late):
    work = selectors.overdue_by_unit(cycle)
    assert work.days == 5
    by_code = {u.code: u for u in work.units}
    unit_a, unit_b = by_code[people["unit_a"].code], by_code[people["unit_b"].code]
    assert [e.email for e in unit_a.editors] == [people["editor_a"].email, people["editor_a2"].email]  # Ebba, Erik
    expected_a = _open_of(cycle, people["unit_a"])
    for editor in unit_a.editors:
        pks = {c.pk for c in editor.contributions}
        assert pks == expected_a
        assert late["draft"].pk in pks and late["submitted"].pk not in pks
    assert [e.email for e in unit_b.editors] == [people["editor_b"].email]
    assert {c.pk for c in unit_b.editors[0].contributions} == _open_of(cycle, people["unit_b"])
    assert work.total == cycle.contributions.filter(state__in=selectors.OPEN_STATES).count()


def test_an_assigned_contribution_is_listed_only_under_its_assignee(cycle, people, late):
    services.assign(late["draft"], people["analyst"], people["editor_a2"])
    unit_a = next(u for u in selectors.overdue_by_unit(cycle).units if u.code == people["unit_a"].code)
    lists = {e.email: {c.pk for c in e.contributions} for e in unit_a.editors}
    assert late["draft"].pk in lists[people["editor_a2"].email]
    assert late["draft"].pk not in lists[people["editor_a"].email]


def test_nothing_is_overdue_before_the_deadline(cycle, people):
    work = selectors.overdue_by_unit(cycle, today=cycle.submit_by)
    assert work.total == 0 and work.units == [] and work.days == 0


def test_the_overdue_page_lists_units_editors_and_buttons(client, cycle, people, late):
    client.force_login(people["analyst"])
    page = client.get(reverse("followup:overdue", args=[cycle.year])).content.decode()
    assert people["unit_a"].name in page and people["unit_b"].name in page
    assert people["editor_b"].email in page
    assert page.count("Skicka påminnelse<span") == 3  # Ebba, Erik, Bo
    assert f'value="{people["editor_b"].email}"' in page
    cycle_page = client.get(reverse("followup:cycle", args=[cycle.year])).content.decode()
    assert reverse("followup:overdue", args=[cycle.year]) in cycle_page
    assert reverse("followup:matrix_xlsx", args=[cycle.year]) in cycle_page


def test_a_reminder_to_one_person_reaches_only_that_person(client, cycle, people, late):
    client.force_login(people["analyst"])
    bo = people["editor_b"]
    response = client.post(reverse("followup:remind_one", args=[cycle.year]), {"email": bo.email}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("followup:overdue", args=[cycle.year])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [bo.email]
    unit_b_area = cycle.contributions.filter(area__units=people["unit_b"]).select_related("area").first().area
    assert unit_b_area.name in mail.outbox[0].body and "passerat" in mail.outbox[0].body
    assert people["area"].name not in mail.outbox[0].body
    assert "Påminnelse skickad till" in response.content.decode()
    event = CycleEvent.objects.filter(cycle=cycle).order_by("-id").first()
    assert bo.email in event.comment and event.actor == people["analyst"] and event.from_state == event.to_state == cycle.state


def test_a_reminder_to_someone_without_waiting_work_is_refused(client, cycle, people, late):
    client.force_login(people["analyst"])
    response = client.post(reverse("followup:remind_one", args=[cycle.year]), {"email": "nobody@example.invalid"}, follow=True)
    assert mail.outbox == []
    assert "nobody@example.invalid har inga bidrag som väntar" in response.content.decode()


def test_reminding_everyone_still_works(client, cycle, people, late):
    client.force_login(people["analyst"])
    client.post(reverse("followup:cycle_action", args=[cycle.year, "remind"]))
    assert {m.to[0] for m in mail.outbox} >= {people["editor_a"].email, people["editor_a2"].email, people["editor_b"].email}


@pytest.mark.parametrize("role", ["editor_a", "editor_b", "reviewer"])
def test_only_analysts_use_the_tools(client, cycle, people, late, role):
    client.force_login(people[role])
    assert client.get(reverse("followup:overdue", args=[cycle.year])).status_code == 403
    assert client.get(reverse("followup:matrix_xlsx", args=[cycle.year])).status_code == 403
    assert client.post(reverse("followup:remind_one", args=[cycle.year]), {"email": people["editor_b"].email}).status_code == 403
    assert mail.outbox == []


def test_anonymous_is_sent_to_login(client, cycle, late):
    for name, method in (("overdue", "get"), ("matrix_xlsx", "get"), ("remind_one", "post")):
        response = getattr(client, method)(reverse(f"followup:{name}", args=[cycle.year]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert mail.outbox == []


def test_the_matrix_as_xlsx(client, cycle, people, late):
    client.force_login(people["analyst"])
    response = client.get(reverse("followup:matrix_xlsx", args=[cycle.year]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="status-{cycle.year}.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Matris", "Sammanfattning", "Försenat"]

    matrix = list(wb["Matris"].iter_rows(values_only=True))
    headers = matrix[1]  # row 1 is the note
    assert headers[:2] == ("Kapitel", "Strategiskt område")
    draft = late["draft"]
    row = next(r for r in matrix[2:] if r[0] == draft.chapter.title and r[1] == draft.area.name)
    assert row[headers.index(draft.question.title)] == str(State.DRAFT.label)
    submitted = late["submitted"]
    row = next(r for r in matrix[2:] if r[0] == submitted.chapter.title and r[1] == submitted.area.name)
    assert row[headers.index(submitted.question.title)] == str(State.SUBMITTED.label)
    assert len(matrix) - 2 == sum(len(ch.rows) for ch in selectors.completion_matrix(cycle)[1])

    summary = {r[0]: r[1] for r in list(wb["Sammanfattning"].iter_rows(values_only=True))[2:]}
    total = cycle.contributions.count()
    assert summary[str(State.DRAFT.label)] == 1 and summary[str(State.SUBMITTED.label)] == 1
    assert summary[str(State.NOT_STARTED.label)] == total - 2 and summary["Summa"] == total

    overdue = list(wb["Försenat"].iter_rows(values_only=True))
    assert overdue[1][0] == "Verksamhet"
    bo_rows = [r for r in overdue[2:] if r[2] == people["editor_b"].email]
    assert len(bo_rows) == len(_open_of(cycle, people["unit_b"]))
    assert all(r[0] == people["unit_b"].name and r[6] == 5 for r in bo_rows)
