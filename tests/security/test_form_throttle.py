"""The public forms that store or mail something – the accessibility report and the
password reset – are throttled per client address like the login: over the limit the
answer is 429 with a Swedish message, and nothing is stored or mailed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from resultat.accounts.models import LoginThrottle, Role
from resultat.public.models import AccessibilityReport
from tests.factories import make_user

LIMIT = {"limit": 3, "window": 900}
REPORT = {"page_url": "/kommuner/", "description": "Tabellen läses fel i NVDA.", "email": "a@b.example", "website": ""}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mailbox")]


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RESULTAT_ACCESSIBILITY_EMAIL = "tillganglighet@region.example"


@override_settings(RESULTAT_FORM_THROTTLE=LIMIT)
def test_accessibility_report_is_throttled_per_address():
    client = Client(REMOTE_ADDR="10.0.0.5")
    answers = [client.post(reverse("site:accessibility"), REPORT).status_code for _ in range(10)]
    assert answers == [302] * 3 + [429] * 7
    assert AccessibilityReport.objects.count() == 3 and len(mail.outbox) == 3
    refused = client.post(reverse("site:accessibility"), REPORT)
    assert "För många försök från din adress" in refused.content.decode() and "inget har skickats" in refused.content.decode()
    # another address is not affected
    assert Client(REMOTE_ADDR="10.0.0.6").post(reverse("site:accessibility"), REPORT).status_code == 302


@override_settings(RESULTAT_FORM_THROTTLE=LIMIT, RESULTAT_TRUSTED_PROXIES=["10.0.0.1"])
def test_behind_the_proxy_the_client_address_counts_not_the_proxy():
    def post(client_ip):
        return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_ip).post(reverse("site:accessibility"), REPORT).status_code

    assert [post("198.51.100.7") for _ in range(4)] == [302, 302, 302, 429]
    assert post("198.51.100.8") == 302
    # a forged left-most entry does not give a new address
    assert post("1.2.3.4, 198.51.100.7") == 429


@override_settings(RESULTAT_FORM_THROTTLE=LIMIT)
def test_the_window_ends():
    client = Client(REMOTE_ADDR="10.0.0.5")
    for _ in range(4):
        client.post(reverse("site:accessibility"), REPORT)
    LoginThrottle.objects.filter(kind=LoginThrottle.Kind.FORM).update(window_start=timezone.now() - timedelta(seconds=901))
    assert client.post(reverse("site:accessibility"), REPORT).status_code == 302


@override_settings(RESULTAT_FORM_THROTTLE=LIMIT)
def test_password_reset_is_throttled_per_address():
    user = make_user("ebba", Role.EDITOR)
    client = Client(REMOTE_ADDR="10.0.0.5")
    answers = [client.post(reverse("accounts:password_reset"), {"email": user.email}).status_code for _ in range(10)]
    assert answers == [302] * 3 + [429] * 7
    assert len(mail.outbox) == 3
    refused = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert "För många försök från din adress" in refused.content.decode()
