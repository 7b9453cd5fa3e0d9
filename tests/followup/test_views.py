"""The follow-up pages through the test client (no JavaScript)."""

from django.urls import reverse

from resultat.followup.models import Contribution, Cycle

State = Contribution.State


def login(client, user):
    client.force_login(user)
    return client


def test_pages_need_login_and_the_right_role(client, cycle, people):
    assert client.get(reverse("followup:cycles")).status_code == 302
    login(client, people["editor_a"])
    assert client.get(reverse("followup:cycles")).status_code == 403
    assert client.get(reverse("followup:cycle", args=[2026])).status_code == 403
    assert client.get(reverse("followup:my_tasks")).status_code == 200


def test_analyst_opens_a_cycle_from_the_form(client, structure, people):
    from resultat.strategy.models import StrategyVersion

    login(client, people["analyst"])
    version = StrategyVersion.objects.get(code="aktualisering-2025-26")
    response = client.post(reverse("followup:cycles"), {"year": 2026, "version": version.pk, "submit_by": "2027-01-31"})
    assert response.status_code == 302 and response["Location"] == reverse("followup:cycle", args=[2026])
    page = client.get(response["Location"]).content.decode()
    assert page.count('class="matrix"') == 7
    assert "Digitalisering" in page
    again = client.post(reverse("followup:cycles"), {"year": 2026, "version": version.pk})
    assert "finns redan" in again.content.decode()


def test_editor_writes_saves_and_submits(client, cycle, contribution, people):
    login(client, people["editor_a"])
    tasks = client.get(reverse("followup:my_tasks")).content.decode()
    assert reverse("followup:contribution", args=[contribution.pk]) in tasks
    page = client.get(reverse("followup:contribution", args=[contribution.pk])).content.decode()
    assert "Vägledning" in page and 'name="base_revision"' in page
    url = reverse("followup:contribution_save", args=[contribution.pk])
    response = client.post(url, {"body": "Första stycket.\n\n- punkt <script>x</script>", "base_revision": 0, "items-TOTAL": 0, "then": "save"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.body.split() == "<p>Första stycket.</p> <ul><li>punkt &lt;script&gt;x&lt;/script&gt;</li></ul>".split()
    response = client.post(url, {"body": "Första stycket.", "base_revision": 1, "items-TOTAL": 0, "then": "submit"})
    contribution.refresh_from_db()
    assert contribution.state == State.SUBMITTED


def test_saving_over_a_newer_version_shows_the_conflict_page(client, contribution, people):
    url = reverse("followup:contribution_save", args=[contribution.pk])
    login(client, people["editor_a"]).post(url, {"body": "Annas text", "base_revision": 0, "items-TOTAL": 0})
    client.logout()
    login(client, people["editor_a2"])
    response = client.post(url, {"body": "Eriks text", "base_revision": 0, "items-TOTAL": 0})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Annas text" in html and "Eriks text" in html
    assert "Sparad version 1 av" in html and f'href="{reverse("followup:contribution", args=[contribution.pk])}"' in html
    contribution.refresh_from_db()
    assert "Annas text" in contribution.body


def test_autosave_with_htmx_returns_a_status_fragment(client, contribution, people):
    login(client, people["editor_a"])
    url = reverse("followup:contribution_save", args=[contribution.pk])
    response = client.post(url, {"body": "Autosparat", "base_revision": 0}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="autosave-status"' in html and 'value="1"' in html and "<html" not in html
    stale = client.post(url, {"body": "Gammal", "base_revision": 0}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409


def test_editor_of_another_unit_is_refused(client, contribution, people):
    login(client, people["editor_b"])
    assert client.get(reverse("followup:contribution", args=[contribution.pk])).status_code == 403
    response = client.post(reverse("followup:contribution_save", args=[contribution.pk]), {"body": "x", "base_revision": 0})
    assert response.status_code == 403


def test_review_and_publish_through_the_pages(client, cycle, contribution, people):
    from resultat.followup import services

    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Klar text</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    login(client, people["reviewer"])
    assert reverse("followup:contribution", args=[c.pk]) in client.get(reverse("followup:review_queue")).content.decode()
    client.post(reverse("followup:contribution_action", args=[c.pk, "return"]), {"comment": ""})
    c.refresh_from_db()
    assert c.state == State.SUBMITTED  # a return needs a comment
    client.post(reverse("followup:contribution_action", args=[c.pk, "approve"]), {"comment": "Bra"})
    c.refresh_from_db()
    assert c.state == State.APPROVED
    client.logout()
    login(client, people["analyst"])
    for action in ("lock", "publish"):
        client.post(reverse("followup:cycle_action", args=[2026, action]), {"confirmed": "yes", "reason": "Bara ett bidrag i testet"})
    assert Cycle.objects.get(pk=cycle.pk).state == Cycle.State.PUBLISHED
    client.logout()
    public = client.get(reverse("results:public_cycle_all", args=[2026])).content.decode()
    assert "Klar text" in public and "Digitalisering" in public
    filtered = client.get(reverse("results:public_cycle_all", args=[2026]), {"fraga": "samverkan"}).content.decode()
    assert "Klar text" not in filtered


def test_revision_page_and_restore(client, contribution, people):
    from resultat.followup import services

    editor = people["editor_a"]
    c = services.save_contribution(contribution, user=editor, body="<p>Ett</p>", base_revision=0)
    c = services.save_contribution(c, user=editor, body="<p>Två</p>", base_revision=1)
    login(client, editor)
    page = client.get(reverse("followup:revision", args=[c.pk, 2])).content.decode()
    assert "<del>" in page and "<ins>" in page
    client.post(reverse("followup:contribution_action", args=[c.pk, "restore"]), {"number": 1, "base_revision": 2})
    c.refresh_from_db()
    assert c.body == "<p>Ett</p>" and c.revision == 3


def test_assign_an_editor(client, contribution, people):
    login(client, people["analyst"])
    url = reverse("followup:contribution_action", args=[contribution.pk, "assign"])
    client.post(url, {"assignee": people["editor_a2"].username})
    contribution.refresh_from_db()
    assert contribution.assignee == people["editor_a2"]
    client.post(url, {"assignee": people["editor_b"].username})  # not an editor of the area
    contribution.refresh_from_db()
    assert contribution.assignee == people["editor_a2"]
    login(client, people["editor_b"])
    assert client.post(url, {"assignee": ""}).status_code == 403


def test_staff_page_survives_state_changes_and_comments_without_a_person(client, contribution, people):
    """Imported and command-line state changes have no actor; a deleted author leaves None.

    The template once resolved ``t.actor.username`` as a filter argument, which raises
    for a missing actor: every imported contribution's staff page was a 500.
    """
    from resultat.followup.models import ReviewComment, StateChange

    StateChange.objects.create(contribution=contribution, from_state="approved", to_state="published", actor=None)
    ReviewComment.objects.create(contribution=contribution, author=None, text="Kommentar utan författare")
    page = login(client, people["analyst"]).get(reverse("followup:contribution", args=[contribution.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "systemet: godkänd → publicerad" in html
    assert "borttagen användare" in html and "Kommentar utan författare" in html
