"""An analyst's assessment override of an indicator's automatic status."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from resultat.accounts.models import Role
from resultat.core.indicators.progress import Status
from resultat.indicators.models import AssessmentOverride, Indicator
from resultat.indicators.store import IndicatorError


def can_assess(user) -> bool:
    return bool(user and user.is_authenticated and (user.has_role(Role.ANALYST) or user.has_role(Role.ADMINISTRATOR)))


def set_override(indicator: Indicator, user, status: str, justification: str) -> AssessmentOverride | None:
    """Record an analyst's status with a justification; ``status=""`` returns to automatic."""
    if not can_assess(user):
        raise PermissionDenied(gettext("Bara analytiker kan ändra bedömningen."))
    justification = (justification or "").strip()
    if status and status not in {s.value for s in Status}:
        raise IndicatorError(gettext("Okänd status %(status)r") % {"status": status})
    if not justification:
        raise IndicatorError(gettext("Skriv en motivering till bedömningen."))
    with transaction.atomic():
        AssessmentOverride.objects.filter(indicator=indicator, active=True).update(active=False)
        if not status:
            return None
        return AssessmentOverride.objects.create(
            indicator=indicator, status=status, justification=justification, created_by=user,
        )
