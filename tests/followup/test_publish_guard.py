"""Publishing with guard rails (issue 18): the completeness view, the confirmation
page, the preview, and the reason an incomplete cycle needs, in the service, the
views and the CLI."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from resultat.followup import selectors, services
from resultat.followup.models import Contribution, Cycle, CycleEvent

State = Contribution.State


def approve(contribution, people, body="<p>Godkänd text om digitalisering.</p>"):
    c = services.save_contribution(contribution, user=people["editor_a"], body=body, base_revision=contribution.revision)
    services.submit(c, people["editor_a"])
    return services.approve(c, people["reviewer"], "Bra")


def approve_all(cycle, people):
    """Every contribution approved, written straight into the rows (176 full rounds
    through the services would take minutes); the guard reads only states and texts."""
    cycle.contributions.update(state=State.APPROVED, body="<p>Text.</p>")


def test_completeness_counts_per_chapter_area_and_question(cycle, contribution, people):
    approve(contribution, people)
    other = cycle.contributions.filter(area=people["area"]).exclude(pk=contribution.pk).select_related("question")
    submitted, draft, emptied = other[0], other[1], other[2]
    services.save_contribution(submitted, user=people["editor_a"], body="<p>Klar.</p>", base_revision=0)
    services.submit(submitted, people["editor_a"])
    services.save_contribution(draft, user=people["editor_a"], body="<p>Utkast.</p>", base_revision=0)
    services.save_contribution(emptied, user=people["editor_a"], body="<p> </p>", base_revision=0)  # saved, but no text
    result = selectors.completeness(cycle)
    t = result.total
    assert (t.approved, t.submitted, t.draft, t.empty, t.total) == (1, 1, 1, 173, 176)
    assert not t.complete and t.missing == 175
    area_rows = [a for ch in result.chapters for a in ch.areas if a.area_code == people["area"].code]
    assert len(area_rows) == 1
    a = area_rows[0].tally
    assert (a.approved, a.submitted, a.draft, a.empty) == (1, 1, 1, 5)
    assert {c.pk: c.completeness for c in area_rows[0].incomplete}[emptied.pk] == "empty"
    assert sum(ch.tally.total for ch in result.chapters) == 176
    by_question = {q.code: tally for q, tally in result.questions}
    assert by_question[contribution.question.code].approved == 1
    assert sum(tally.total for tally in by_question.values()) == 176


def test_lock_and_publish_refuse_an_incomplete_cycle_without_a_reason(cycle, contribution, people):
    approve(contribution, people)
    with pytest.raises(services.IncompleteCycle, match=r"1 av 176 bidrag är godkända.*Ange ett skäl"):
        services.lock_cycle(cycle, people["analyst"])
    with pytest.raises(services.IncompleteCycle):
        services.lock_cycle(cycle, people["analyst"], reason="   ")
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.OPEN
    services.lock_cycle(cycle, people["analyst"], reason="Två områden lämnar inget i år")
    event = CycleEvent.objects.filter(cycle=cycle).last()
    assert event.to_state == Cycle.State.LOCKED and event.reason == "Två områden lämnar inget i år"
    assert "Ofullständig: 1 av 176" in event.comment
    with pytest.raises(services.IncompleteCycle, match="Bara godkända bidrag publiceras"):
        services.publish_cycle(cycle, people["analyst"])
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.LOCKED
    assert services.publish_cycle(cycle, people["analyst"], reason="Beslut i styrgruppen 3 mars") == 1
    event = CycleEvent.objects.filter(cycle=cycle).last()
    assert event.to_state == Cycle.State.PUBLISHED and event.reason == "Beslut i styrgruppen 3 mars"


def test_a_complete_cycle_needs_no_reason(cycle, people):
    approve_all(cycle, people)
    services.lock_cycle(cycle, people["analyst"])
    assert services.publish_cycle(cycle, people["analyst"]) == 176
    assert CycleEvent.objects.filter(cycle=cycle).last().reason == ""


def test_confirmation_page_shows_completeness_and_previews(client, cycle, contribution, people):
    approve(contribution, people)
    client.force_login(people["analyst"])
    detail = client.get(reverse("followup:cycle", args=[2026])).content.decode()
    confirm_url = reverse("followup:cycle_confirm", args=[2026, "lock"])
    assert confirm_url in detail
    assert f'action="{reverse("followup:cycle_action", args=[2026, "lock"])}"' not in detail  # no one-click lock any more
    page = client.get(confirm_url).content.decode()
    assert "Cykeln är inte komplett." in page
    assert "1 av 176 bidrag är godkända" in page
    assert 'name="reason"' in page and "required" in page and 'name="confirmed" value="yes"' in page
    assert reverse("followup:cycle_preview", args=[2026]) in page and reverse("reports:page", args=[2026]) in page
    assert people["area"].name in page
    preview = client.get(reverse("followup:cycle_preview", args=[2026])).content.decode()
    assert "Förhandsvisning" in preview and "Godkänd text om digitalisering." in preview
    # the public page itself is still a 404 and shows nothing
    client.logout()
    assert client.get(reverse("results:public_cycle", args=[2026])).status_code == 404


def test_guard_pages_are_for_analysts_only(client, cycle, people):
    client.force_login(people["editor_a"])
    assert client.get(reverse("followup:cycle_confirm", args=[2026, "lock"])).status_code == 403
    assert client.get(reverse("followup:cycle_preview", args=[2026])).status_code == 403
    client.force_login(people["analyst"])
    assert client.get(reverse("followup:cycle_confirm", args=[2026, "delete"])).status_code == 404


def test_posting_lock_without_confirmation_leads_to_the_confirmation_page(client, cycle, people):
    approve_all(cycle, people)
    client.force_login(people["analyst"])
    response = client.post(reverse("followup:cycle_action", args=[2026, "lock"]))
    assert response.status_code == 302 and response["Location"] == reverse("followup:cycle_confirm", args=[2026, "lock"])
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.OPEN
    response = client.post(reverse("followup:cycle_action", args=[2026, "lock"]), {"confirmed": "yes"})
    assert response["Location"] == reverse("followup:cycle", args=[2026])
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.LOCKED


def test_incomplete_lock_without_reason_returns_to_the_confirmation_page_with_the_error(client, cycle, contribution, people):
    approve(contribution, people)
    client.force_login(people["analyst"])
    url = reverse("followup:cycle_action", args=[2026, "lock"])
    response = client.post(url, {"confirmed": "yes", "reason": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("followup:cycle_confirm", args=[2026, "lock"])
    assert "Ange ett skäl för att låsa den ändå" in response.content.decode()
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.OPEN
    client.post(url, {"confirmed": "yes", "reason": "Sista dagen har passerat"})
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.LOCKED
    publish = client.post(reverse("followup:cycle_action", args=[2026, "publish"]), {"confirmed": "yes"}, follow=True)
    assert "Bara godkända bidrag publiceras" in publish.content.decode()
    client.post(reverse("followup:cycle_action", args=[2026, "publish"]), {"confirmed": "yes", "reason": "Beslutat"})
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.PUBLISHED
    assert "Skäl" in client.get(reverse("followup:cycle", args=[2026])).content.decode()


def run(*args) -> str:
    out = StringIO()
    call_command("cycle", *args, stdout=out)
    return out.getvalue()


def test_cli_obeys_the_guard(cycle, contribution, people):
    approve(contribution, people)
    with pytest.raises(CommandError, match="Ange ett skäl"):
        run("lock", "2026")
    assert "1 av 176 bidrag godkända" in run("lock", "2026", "--reason", "Tidsfristen har gått ut")
    with pytest.raises(CommandError, match="ange ett skäl för att publicera"):
        run("publish", "2026")
    assert "publicerad: 1 bidrag" in run("publish", "2026", "--reason", "Beslutat")
    assert CycleEvent.objects.filter(cycle=cycle, to_state="published").get().reason == "Beslutat"
