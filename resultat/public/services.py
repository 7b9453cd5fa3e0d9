"""Writes of the public site: storing an accessibility report and e-mailing it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from resultat.public.models import AccessibilityReport

log = logging.getLogger(__name__)


def report_accessibility_problem(*, description: str, page_url: str = "", name: str = "", email: str = "", language: str = "") -> AccessibilityReport:
    """Store the report, then e-mail it to RESULTAT_ACCESSIBILITY_EMAIL.

    The report is kept even if the e-mail fails (the error is stored with it and
    logged), so nothing a visitor reports is lost.
    """
    with transaction.atomic():
        report = AccessibilityReport.objects.create(description=description.strip(), page_url=page_url.strip(), name=name.strip(), email=email.strip(), language=language)
    recipient = settings.RESULTAT_ACCESSIBILITY_EMAIL
    body = "\n".join(
        [
            "Ny rapport om ett tillgänglighetsproblem på Resultat.",
            "",
            f"Sida: {report.page_url or '(inte angiven)'}",
            f"Namn: {report.name or '(inte angivet)'}",
            f"E-post: {report.email or '(inte angiven)'}",
            f"Språk: {report.language}",
            f"Inkom: {report.created_at:%Y-%m-%d %H:%M}",
            "",
            report.description,
        ]
    )
    try:
        send_mail(f"Tillgänglighetsproblem: {report.page_url or 'Resultat'}"[:150], body, settings.DEFAULT_FROM_EMAIL, [recipient])
        report.mailed_to = recipient
        report.save(update_fields=["mailed_to"])
    except Exception as exc:  # noqa: BLE001 - the report is stored; the failure is recorded
        log.exception("Kunde inte skicka rapporten om tillgänglighetsproblem %s", report.pk)
        report.mail_error = f"{type(exc).__name__}: {exc}"[:2000]
        report.save(update_fields=["mail_error"])
    return report
