"""Who may write what in the follow-up, used by services and views. Who may *read*
what is decided in ``visibility`` (the one rule for every reader)."""

from __future__ import annotations

from resultat.accounts.models import Role
from resultat.followup.visibility import is_analyst

__all__ = ["can_edit", "can_review", "is_analyst"]


def can_edit(user, contribution) -> bool:
    """Editors write only for their own units' areas, while the cycle is open."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if contribution.cycle.state not in ("open", "review"):
        return False
    if contribution.state in ("submitted", "approved", "published"):
        return False
    if not user.has_role(Role.EDITOR):
        return False
    return contribution.area.units.filter(editors=user).exists()


def can_review(user, contribution) -> bool:
    """Reviewers act on the cycles they are assigned to."""
    if not (user and user.is_authenticated and user.is_active and user.has_role(Role.REVIEWER)):
        return False
    return contribution.cycle.reviewers.filter(pk=user.pk).exists()

