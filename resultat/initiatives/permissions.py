"""Who may change the register: analysts (and administrators) everything; editors the
initiatives linked to their units' strategic areas."""

from __future__ import annotations

from resultat.accounts.models import Role
from resultat.followup.permissions import is_analyst


def can_import(user) -> bool:
    return is_analyst(user)


def can_create(user) -> bool:
    return is_analyst(user) or bool(user and user.is_authenticated and user.has_role(Role.EDITOR))


def can_edit(user, initiative) -> bool:
    if is_analyst(user):
        return True
    if not (user and user.is_authenticated and user.has_role(Role.EDITOR)):
        return False
    return initiative.areas.filter(units__editors=user).exists()


def own_area_ids(user) -> set[int]:
    """The strategic areas of the units ``user`` edits for (what an editor may attach)."""
    if not (user and user.is_authenticated):
        return set()
    from resultat.followup.models import StrategicArea

    return set(StrategicArea.objects.filter(units__editors=user).values_list("pk", flat=True))


def can_review(user) -> bool:
    """Confirm or reject initiatives the report import was unsure of: analysts."""
    return is_analyst(user)
