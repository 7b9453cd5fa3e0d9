"""The staff contribution page's timeline and revision list and the cycle page's events show
the notes the system stored (Swedish) in the reader's language; Swedish pages unchanged."""

import re

import pytest
from django.urls import reverse

from resultat.followup import services
from resultat.followup.models import Contribution, StateChange

pytestmark = pytest.mark.django_db
IMPORTED = "Importerad från resultat-vasterbotten-2025.ocr.txt"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def history(contribution, people):
    # the comment imports/services.py stores on an imported text's state change
    StateChange.objects.create(contribution=contribution, from_state="", to_state=contribution.state,
                               comment=IMPORTED, revision_number=contribution.revision)
    StateChange.objects.create(contribution=contribution, from_state=contribution.state, to_state=contribution.state,
                               actor=people["reviewer"], comment="Importerad från Word av mig, se stycke 2")
    c = services.save_contribution(contribution, user=people["editor_a"], body="<p>Ett</p>", base_revision=0)
    c = services.save_contribution(c, user=people["editor_a"], body="<p>Två</p>", base_revision=c.revision)
    return services.restore_revision(c, people["editor_a"], 1, c.revision)


def test_english_history(client, history, people):
    n = Contribution.objects.filter(cycle=history.cycle).count()
    client.force_login(people["analyst"])
    page = _text(client.get(reverse("followup:contribution", args=[history.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Imported from resultat-vasterbotten-2025.ocr.txt" in page
    assert "Importerad från resultat" not in page
    assert "Restored from version 1" in page and "Återställd" not in page
    assert "Importerad från Word av mig, se stycke 2" in page  # a person's comment, as written
    cycle = _text(client.get(reverse("followup:cycle", args=[2026]), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert f"{n} contributions created" in cycle
    assert "bidrag skapade" not in cycle


def test_swedish_history_unchanged(client, history, people):
    n = Contribution.objects.filter(cycle=history.cycle).count()
    client.force_login(people["analyst"])
    page = _text(client.get(reverse("followup:contribution", args=[history.pk]), HTTP_ACCEPT_LANGUAGE="sv").content.decode())
    assert IMPORTED in page and "Återställd från version 1" in page
    assert "Importerad från Word av mig, se stycke 2" in page
    cycle = _text(client.get(reverse("followup:cycle", args=[2026]), HTTP_ACCEPT_LANGUAGE="sv").content.decode())
    assert f"{n} bidrag skapade" in cycle


def test_reminder_note_stored_in_swedish_shown_in_english(client, cycle, contribution, people, settings):
    # an analyst working in English sends a reminder: the event keeps the Swedish text
    # (audit trail), the English cycle page shows it in English
    from datetime import timedelta

    from django.utils import timezone

    from resultat.followup.models import CycleEvent

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cycle.submit_by = timezone.localdate() - timedelta(days=5)
    cycle.save(update_fields=["submit_by"])
    bo = people["editor_b"]
    client.force_login(people["analyst"])
    client.post(reverse("followup:remind_one", args=[cycle.year]), {"email": bo.email}, HTTP_ACCEPT_LANGUAGE="en")
    event = CycleEvent.objects.filter(cycle=cycle).order_by("-id").first()
    assert re.fullmatch(r"Påminnelse skickad till .+ <" + re.escape(bo.email) + r"> \(\d+ bidrag\)", event.comment)
    english = _text(client.get(reverse("followup:cycle", args=[2026]), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert f"Reminder sent to {event.comment.split(' till ')[1].split(' <')[0]} <{bo.email}>" in english.replace("&lt;", "<").replace("&gt;", ">")
    swedish = _text(client.get(reverse("followup:cycle", args=[2026]), HTTP_ACCEPT_LANGUAGE="sv").content.decode())
    assert event.comment in swedish.replace("&lt;", "<").replace("&gt;", ">")
