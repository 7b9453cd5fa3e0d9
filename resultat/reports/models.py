"""Report texts that are not contributions (foreword) and frozen editions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFrontMatter(models.Model):
    """The foreword of a cycle's report (sanitised HTML) and its signature."""

    cycle = models.OneToOneField("followup.Cycle", on_delete=models.CASCADE, related_name="report_front_matter")
    foreword = models.TextField(_("förord"), blank=True)
    signature = models.CharField(_("undertecknat av"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rapportens förord")
        verbose_name_plural = _("rapporternas förord")


class ReportEdition(models.Model):
    """A frozen edition: the report model as canonical JSON, with its SHA-256 hash.
    Rebuilding from it gives the same content whatever happened to the live data."""

    cycle = models.ForeignKey("followup.Cycle", on_delete=models.PROTECT, related_name="report_editions")
    number = models.PositiveIntegerField(_("nummer"))
    data = models.TextField(_("rapportmodell (JSON)"))
    content_hash = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["cycle", "-number"]
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="report_edition_unique_number")]
        verbose_name = _("utgåva")
        verbose_name_plural = _("utgåvor")

    def __str__(self) -> str:
        return f"{self.cycle.year} utgåva {self.number}"
