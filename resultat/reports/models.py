"""The edition's own texts (foreword, introduction, reading guide, contacts'
introduction) with their revisions, and frozen editions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSection(models.Model):
    """One of the edition's own texts outside the chapters: the foreword with its
    signature (code ``forord``), the introduction's sections ("Översikt över rapporten",
    "Tredje året med Resultat Västerbotten" …), the reading guide (code ``las-rapporten``)
    and the contacts' introduction (code ``kontakt``). Imported from the yearly report and
    edited by analysts; every change is a numbered revision (``revision`` is the number of
    the latest, the base of optimistic locking)."""

    FOREWORD = "forord"
    READING_GUIDE = "las-rapporten"
    CONTACTS = "kontakt"

    cycle = models.ForeignKey("followup.Cycle", on_delete=models.CASCADE, related_name="report_sections")
    code = models.SlugField(_("kod"), max_length=80)
    title = models.CharField(_("rubrik"), max_length=300)
    level = models.PositiveSmallIntegerField(_("rubriknivå"), default=1, help_text=_("1 = som ett kapitel, 2 = underrubrik"))
    body = models.TextField(_("text"), blank=True, help_text=_("Sanerad HTML."))
    signature = models.CharField(_("undertecknat av"), max_length=300, blank=True, help_text=_("Bara förordet."))
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    revision = models.PositiveIntegerField(_("version"), default=0)
    source_file = models.CharField(_("källfil"), max_length=300, blank=True)
    source_first_line = models.PositiveIntegerField(null=True, blank=True)
    source_last_line = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="report_section_unique_code")]
        verbose_name = _("rapporttext")
        verbose_name_plural = _("rapporttexter")

    def __str__(self) -> str:
        return f"{self.cycle.year}: {self.title}"


class ReportSectionRevision(models.Model):
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    signature = models.CharField(max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="report_section_revision_unique")]


class AreaHeading(models.Model):
    """The descriptive heading printed over an area's text in the yearly report
    ("Omvärlden påverkar digitalisering"), kept as the area block's sub-title. Written by
    the report import (``resultat.imports.frontmatter.import_area_headings``)."""

    contribution = models.OneToOneField("followup.Contribution", on_delete=models.CASCADE, related_name="report_heading")
    heading = models.CharField(_("underrubrik"), max_length=300)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("områdets underrubrik")
        verbose_name_plural = _("områdenas underrubriker")

    def __str__(self) -> str:
        return self.heading


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
