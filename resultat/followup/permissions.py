"""Who may do what in the follow-up. One place, used by services and views."""

from __future__ import annotations

from resultat.accounts.models import Role


def is_analyst(user) -> bool:
    return bool(user and user.is_authenticated and (user.has_role(Role.ANALYST) or user.has_role(Role.ADMINISTRATOR)))


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


def can_read(user, contribution) -> bool:
    """The public reads only what is published; staff read what their role touches."""
    if contribution.state == "published" and contribution.cycle.state == "published":
        return True
    if not (user and user.is_authenticated):
        return False
    if is_analyst(user):
        return True
    if user.has_role(Role.REVIEWER) and contribution.cycle.reviewers.filter(pk=user.pk).exists():
        return True
    return user.has_role(Role.EDITOR) and contribution.area.units.filter(editors=user).exists()
