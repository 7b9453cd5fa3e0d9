"""Users and roles.

A role is a Django group with a fixed code (``Role``): administratör, analytiker,
redaktör, granskare. A user may hold several. The anonymous public has no account.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administratör")
    ANALYST = "analyst", _("Analytiker")
    EDITOR = "editor", _("Redaktör")
    REVIEWER = "reviewer", _("Granskare")


ROLE_DESCRIPTIONS = {
    Role.ADMINISTRATOR: _("Förvaltar systemet: användare, roller och strategin."),
    Role.ANALYST: _("Driver uppföljningscykler och tar fram rapporten."),
    Role.EDITOR: _("Skriver sin verksamhets svar på uppföljningsfrågorna."),
    Role.REVIEWER: _("Granskar, återremitterar och godkänner bidrag."),
}


class User(AbstractUser):
    title = models.CharField(_("titel"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    @property
    def roles(self) -> set[str]:
        if not hasattr(self, "_role_cache"):
            self._role_cache = set(self.groups.filter(name__in=Role.values).values_list("name", flat=True))
            if self.is_superuser:
                self._role_cache.add(Role.ADMINISTRATOR)
        return self._role_cache

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.roles]
