"""Counts with correct plurals and state names translated on the analyst's cycle page
("1 godkänd, 2 återremitterade", not "2 godkänd, )"; "öppen", not "open")."""

import re

import pytest
from django.urls import reverse

from resultat.followup import services
from resultat.followup.models import Contribution
from resultat.followup.templatetags.states import state_counts

pytestmark = pytest.mark.django_db
State = Contribution.State


def test_state_counts_plurals_and_no_dangling_comma():
    summary = [("draft", "utkast", 20), ("returned", "återremitterad", 2), ("approved", "godkänd", 1), ("published", "publicerad", 0)]
    assert state_counts(summary) == "20 utkast, 2 återremitterade, 1 godkänd"
    assert state_counts([("approved", "godkänd", 2), ("submitted", "", 1), ("not_started", "", 3)]) == "2 godkända, 1 klar för granskning, 3 ej påbörjade"
    assert state_counts([("draft", "utkast", 0)]) == ""


def test_state_counts_in_english(settings):
    from django.utils import translation

    with translation.override("en"):
        text = state_counts([("approved", "", 1), ("returned", "", 2)])
    assert re.fullmatch(r"1 \S.*, 2 \S.*", text)


def test_cycle_page_captions_and_events(client, cycle, contribution, people):
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Text</p>", base_revision=0)
    services.submit(c, people["editor_a"])
    services.approve(c, people["reviewer"], "Bra")
    client.force_login(people["analyst"])
    html = client.get(reverse("followup:cycle", args=[2026])).content.decode()
    captions = re.findall(r'<span class="muted">\(([^)]*)\)</span>', html)
    assert captions and all(not caption.endswith(", ") and caption.strip() for caption in captions)
    assert any("1 godkänd" in caption for caption in captions)
    assert not re.search(r"\b[2-9]\d* godkänd\b|\b1 godkända\b", html)
    events = html[html.index('id="events-heading"'):]
    assert "öppen" in events
    assert not re.search(r"\b(planning|open|review|locked|published)\b", re.sub(r"<[^>]+>", " ", events))


def test_reminder_message_singular(client, cycle, people, mailoutbox):
    # one editor left with unfinished texts: "1 person", not "1 personer"
    people["unit_a"].editors.remove(people["editor_a2"])
    people["unit_b"].editors.remove(people["editor_b"])
    client.force_login(people["analyst"])
    response = client.post(reverse("followup:cycle_action", args=[2026, "remind"]), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert len(mailoutbox) == 1
    assert "till 1 person." in text
