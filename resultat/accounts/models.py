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


class LoginThrottle(models.Model):
    """Failed logins counted per account name or per client address, and posts of the
    public forms (accessibility report, password reset) per form and address (see
    throttle.py)."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("konto")
        IP = "ip", _("IP-adress")
        FORM = "form", _("formulär per IP-adress")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("nyckel"), max_length=150)
    failures = models.PositiveIntegerField(_("misslyckade försök"), default=0)
    window_start = models.DateTimeField(_("fönstret började"))
    last_failure = models.DateTimeField(_("senaste misslyckande"), null=True, blank=True)
    locked_until = models.DateTimeField(_("låst till"), null=True, blank=True)

    class Meta:
        verbose_name = _("inloggningsspärr")
        verbose_name_plural = _("inloggningsspärrar")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_throttle_unique_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}: {self.failures}"


class ExternalIdentity(models.Model):
    """A user's account at an OpenID Connect provider (issuer + subject)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities", verbose_name=_("användare"))
    issuer = models.CharField(_("utfärdare"), max_length=300)
    subject = models.CharField(_("subjekt (sub)"), max_length=255)
    created = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_login = models.DateTimeField(_("senaste inloggning"), null=True, blank=True)

    class Meta:
        verbose_name = _("extern identitet")
        verbose_name_plural = _("externa identiteter")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
