"""The public site's own data: reports of accessibility problems (the feedback
mechanism the DOS law requires of the accessibility statement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityReport(models.Model):
    page_url = models.CharField(_("sida"), max_length=500, blank=True)
    description = models.TextField(_("beskrivning av problemet"))
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    language = models.CharField(_("språk"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)
    mailed_to = models.CharField(_("skickad till"), max_length=300, blank=True)
    mail_error = models.TextField(_("fel vid e-post"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rapport om tillgänglighetsproblem")
        verbose_name_plural = _("rapporter om tillgänglighetsproblem")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page_url}"[:100]
