"""Notifications (issue 18): e-mail with a direct link and a notifications page when
a text is submitted (to the cycle's reviewers), returned (to its editors, with the
reason) or approved (to its editors); the menu's counts; the return reason at the top
of the text; each role's start page after login."""

import pytest
from django.core import mail
from django.urls import reverse

from resultat.followup import selectors, services
from resultat.followup.models import Notification


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RESULTAT_SITE_URL = "https://resultat.example.se"


def written(contribution, people, text="<p>Utkast om digitalisering.</p>"):
    return services.save_contribution(contribution, user=people["editor_a"], body=text, base_revision=contribution.revision)


def test_submit_notifies_the_reviewers_by_mail_after_commit(cycle, contribution, people, django_capture_on_commit_callbacks):
    c = written(contribution, people)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit(c, people["editor_a"])
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[people["reviewer"].email]]
    assert f"https://resultat.example.se/uppfoljning/bidrag/{c.pk}/" in mail.outbox[0].body
    assert "Att granska" in mail.outbox[0].subject and people["area"].name in mail.outbox[0].subject
    note = Notification.objects.get()
    assert note.user == people["reviewer"] and note.kind == "submitted" and note.unread


def test_return_mails_the_editors_with_the_reason_and_approve_too(cycle, contribution, people, django_capture_on_commit_callbacks):
    c = written(contribution, people)
    services.submit(c, people["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_revision(c, people["reviewer"], "Skriv mer om bredbandet i inlandet.")
    returned = [m for m in mail.outbox if "Återremitterad" in m.subject]
    assert sorted(m.to[0] for m in returned) == sorted([people["editor_a"].email, people["editor_a2"].email])
    assert "Skriv mer om bredbandet i inlandet." in returned[0].body
    assert people["editor_b"].email not in {m.to[0] for m in mail.outbox}  # another unit's editor
    c = services.save_contribution(c, user=people["editor_a"], body="<p>Mer om bredband.</p>", base_revision=c.revision)
    services.submit(c, people["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(c, people["reviewer"], "Bra")
    approved = [m for m in mail.outbox if m.subject.startswith("Godkänd")]
    assert len(approved) == 2
    assert Notification.objects.filter(user=people["editor_a"]).count() == 2


def test_the_assignee_alone_is_told_when_there_is_one(cycle, contribution, people, django_capture_on_commit_callbacks):
    services.assign(contribution, people["analyst"], people["editor_a2"])
    c = written(contribution, people)
    services.submit(c, people["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_revision(c, people["reviewer"], "Mer, tack.")
    assert [m.to for m in mail.outbox if "Återremitterad" in m.subject] == [[people["editor_a2"].email]]


def test_a_failing_mail_server_does_not_break_the_action(cycle, contribution, people, django_capture_on_commit_callbacks, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(services, "send_mail", broken)
    c = written(contribution, people)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(c, people["editor_a"])
    c.refresh_from_db()
    assert c.state == "submitted" and Notification.objects.count() == 1
    assert "Notification mail" in caplog.text


def test_the_actor_is_not_notified_and_a_failed_action_leaves_no_notification(cycle, contribution, people):
    c = written(contribution, people)
    services.submit(c, people["editor_a"])
    with pytest.raises(services.FollowupError):
        services.return_for_revision(c, people["reviewer"], "  ")
    assert Notification.objects.filter(kind="returned").count() == 0
    assert not Notification.objects.filter(user=people["editor_a"]).exists()


def test_notifications_page_counts_and_return_reason(client, cycle, contribution, people, django_capture_on_commit_callbacks):
    c = written(contribution, people)
    services.submit(c, people["editor_a"])
    client.force_login(people["reviewer"])
    page = client.get(reverse("followup:review_queue")).content.decode()
    assert 'Att granska <span class="count">1</span>' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("followup:contribution_action", args=[c.pk, "return"]), {"comment": "Lägg till källor för siffrorna."})
    assert mail.outbox and f"http://testserver/uppfoljning/bidrag/{c.pk}/" in mail.outbox[-1].body  # the link from the request
    client.force_login(people["editor_a"])
    areas = people["unit_a"].areas.count()
    assert selectors.work_counts(people["editor_a"]) == {"tasks": 8 * areas, "review": 0, "unread": 1}  # every text of unit A's areas is open
    menu = client.get(reverse("followup:my_tasks")).content.decode()
    assert f'Mina uppgifter <span class="count">{8 * areas}</span>' in menu
    assert 'Aviseringar <span class="count">1<span class="visually-hidden"> olästa</span></span>' in menu
    listing = client.get(reverse("followup:notifications")).content.decode()
    assert "Lägg till källor för siffrorna." in listing and "återremitterad" in listing
    edit = client.get(reverse("followup:contribution", args=[c.pk])).content.decode()
    assert edit.index("Texten är återremitterad.") < edit.index('id="edit-form"')  # the reason above the form
    assert "Lägg till källor för siffrorna." in edit
    note = Notification.objects.get(user=people["editor_a"])
    response = client.post(reverse("followup:notification_open", args=[note.pk]))
    assert response["Location"] == reverse("followup:contribution", args=[c.pk])
    note.refresh_from_db()
    assert not note.unread
    assert selectors.work_counts(people["editor_a"])["unread"] == 0
    # someone else's notification is not found
    other = Notification.objects.get(user=people["editor_a2"])
    assert client.post(reverse("followup:notification_open", args=[other.pk])).status_code == 404
    client.post(reverse("followup:notifications"))
    client.force_login(people["editor_a2"])
    client.post(reverse("followup:notifications"))
    assert not Notification.objects.filter(read_at=None).exclude(user=people["reviewer"]).exists()
    assert Notification.objects.filter(read_at=None, user=people["reviewer"]).count() == 1  # the reviewer's stays unread


@pytest.mark.parametrize("who,target", [("analyst", "followup:cycles"), ("reviewer", "followup:review_queue"), ("editor_a", "followup:my_tasks")])
def test_each_role_lands_on_its_own_work_after_login(client, people, who, target):
    user = people[who]
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": "x" * 16})
    assert response.status_code == 302 and response["Location"] == reverse(target)


def test_login_with_next_goes_there(client, people):
    response = client.post(reverse("accounts:login") + "?next=/insatser/", {"username": "greta", "password": "x" * 16})
    assert response["Location"] == "/insatser/"


def test_save_and_submit_from_the_form_mails_a_link_to_this_site(client, cycle, contribution, people, django_capture_on_commit_callbacks, settings):
    settings.RESULTAT_SITE_URL = ""
    client.force_login(people["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("followup:contribution_save", args=[contribution.pk]), {"body": "Klar text.", "base_revision": 0, "then": "submit"})
    contribution.refresh_from_db()
    assert contribution.state == "submitted"
    assert [m.to for m in mail.outbox] == [[people["reviewer"].email]]
    assert f"http://testserver/uppfoljning/bidrag/{contribution.pk}/" in mail.outbox[0].body
