"""Writes for accounts: roles as groups, and the demo users of ``make run``."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _

from resultat.accounts.models import Role, User

# Model permissions each role gets in the admin. Object-level rules (which units an
# editor writes for) live in the apps that own the objects.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADMINISTRATOR: ["*"],
    Role.ANALYST: ["strategy.view_*", "reference.view_*"],
    Role.EDITOR: [],
    Role.REVIEWER: [],
}


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    groups = {}
    for role in Role.values:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = set()
        for pattern in ROLE_PERMISSIONS[role]:
            qs = Permission.objects.all()
            if pattern != "*":
                app, codename = pattern.split(".")
                qs = qs.filter(content_type__app_label=app)
                if codename.endswith("*"):
                    qs = qs.filter(codename__startswith=codename[:-1])
                else:
                    qs = qs.filter(codename=codename)
            wanted.update(qs.values_list("pk", flat=True))
        if set(group.permissions.values_list("pk", flat=True)) != wanted:
            group.permissions.set(wanted)
        groups[role] = group
    return groups


class AccountError(Exception):
    """A clear, user-facing reason why an account could not be created."""


@transaction.atomic
def create_account(*, username: str, password: str, role: str, email: str = "", name: str = "") -> User:
    """Create a login with one role; administrators and analysts may use the admin.

    The password must pass the configured validators; an existing username is refused.
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if role not in Role.values:
        raise AccountError(_("Okänd roll %(role)s.") % {"role": role})
    username = username.strip()
    if not username or len(username) > 150 or "\x00" in username:
        raise AccountError(_("Ogiltigt användarnamn."))
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("Användarnamnet %(name)s finns redan.") % {"name": username})
    first, _sep, last = name.strip().partition(" ")
    user = User(username=username, email=email.strip(), first_name=first, last_name=last)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from exc
    user.is_staff = role in (Role.ADMINISTRATOR, Role.ANALYST)
    user.is_superuser = role == Role.ADMINISTRATOR
    user.set_password(password)
    user.save()
    user.groups.set([ensure_roles()[role]])
    return user


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    name: str


DEMO_USERS = [
    DemoUser("admin", "demo-admin-2026", Role.ADMINISTRATOR, "Ada Administratör"),
    DemoUser("analytiker", "demo-analytiker-2026", Role.ANALYST, "Anna Analytiker"),
    DemoUser("redaktor", "demo-redaktor-2026", Role.EDITOR, "Rolf Redaktör"),
    DemoUser("granskare", "demo-granskare-2026", Role.REVIEWER, "Greta Granskare"),
]


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    """Create (or reset) the demo users. Refused outside development."""
    if not (settings.DEV or settings.DEBUG):
        raise ImproperlyConfigured("Demoanvändare skapas bara i utvecklingsläge (RESULTAT_DEV=1); produktion har inga demoanvändare.")
    groups = ensure_roles()
    for demo in DEMO_USERS:
        first, last = demo.name.split(" ", 1)
        user, _ = User.objects.get_or_create(username=demo.username, defaults={"first_name": first, "last_name": last})
        user.first_name, user.last_name = first, last
        user.email = f"{demo.username}@example.invalid"
        user.is_staff = demo.role in (Role.ADMINISTRATOR, Role.ANALYST)
        user.is_superuser = demo.role == Role.ADMINISTRATOR
        user.set_password(demo.password)
        user.save()
        user.groups.set([groups[demo.role]])
    return DEMO_USERS


def start_page(user) -> str:
    """Where a user lands after signing in without a ``next`` page: each role on its own
    work (analysts the follow-up, reviewers what waits for them, editors their tasks);
    others the start page."""
    from django.urls import reverse

    from resultat.accounts.models import Role

    if user.has_role(Role.ANALYST) or user.has_role(Role.ADMINISTRATOR):
        return reverse("followup:cycles")
    if user.has_role(Role.REVIEWER):
        return reverse("followup:review_queue")
    if user.has_role(Role.EDITOR):
        return reverse("followup:my_tasks")
    return reverse("home")
