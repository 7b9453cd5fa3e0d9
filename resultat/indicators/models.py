"""The indicator store: indicators, observations, the raw source responses they
came from, links to the strategy's goals and Agenda 2030, and analysts'
assessment overrides."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resultat.core.indicators.progress import STATUS_LABELS, Status


class Source(models.TextChoices):
    KOLADA = "kolada", "Kolada"
    SCB = "scb", "SCB"
    MANUAL = "manual", _("Manuell")


class SourceResponse(models.Model):
    """One raw answer from a source (or one uploaded file), kept for provenance."""

    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    method = models.CharField(_("metod"), max_length=8, default="GET")
    url = models.TextField(_("URL eller fil"))
    params = models.JSONField(_("parametrar"), default=list, blank=True)
    request_body = models.TextField(_("frågans innehåll"), blank=True)
    fetched_at = models.DateTimeField(_("hämtad"))
    status = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, db_index=True)
    content_type = models.CharField(_("innehållstyp"), max_length=100, blank=True)
    body = models.TextField(_("svar"), blank=True)
    synthetic = models.BooleanField(_("syntetiska demovärden"), default=False)
    # What a reader is told the values come from ("SCB, folkmängd 31 december 2024, återgiven
    # i …"); for a file the file name stays in ``url`` as provenance, never as the source.
    citation = models.TextField(_("källhänvisning"), blank=True)

    class Meta:
        ordering = ["-fetched_at"]
        verbose_name = _("källsvar")
        verbose_name_plural = _("källsvar")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.fetched_at:%Y-%m-%d} {self.url[:80]}"


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("högre är bättre")
        LOWER = "lower", _("lägre är bättre")

    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    external_id = models.CharField(_("id hos källan"), max_length=60, help_text=_("t.ex. N01951 (Kolada) eller TAB638 (SCB)"))
    title = models.CharField(_("titel"), max_length=400)
    title_verified = models.BooleanField(
        _("titeln kontrollerad mot källan"), default=True,
        help_text=_("Av om titeln inte är kontrollerad mot källan (ska verifieras)."),
    )
    unit = models.CharField(_("enhet"), max_length=100, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    direction = models.CharField(_("riktning"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    has_gender_split = models.BooleanField(_("uppdelning på kön finns"), default=False)
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=1)
    synthetic = models.BooleanField(
        _("syntetiska demovärden"), default=False,
        help_text=_("Sant om någon observation är syntetisk (demo)."),
    )
    query = models.JSONField(
        _("fråga mot källan"), default=dict, blank=True,
        help_text=_("SCB: {\"table\": \"TAB638\", \"selection\": {…}, \"region\": \"Region\", \"time\": \"Tid\"}"),
    )
    source_url = models.CharField(_("länk till källan"), max_length=500, blank=True, validators=[URLValidator(schemes=["https", "http"])])
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        ordering = ["source", "external_id"]
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="indicator_unique_source_id")]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return f"{self.title} ({self.external_id})"

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.source, self.external_id])

    @property
    def source_label(self) -> str:
        return self.get_source_display()

    @property
    def unit_text(self) -> str:
        """The unit in the active language ("procent" is "per cent" on an English page; a unit
        the catalogue does not know is shown as stored). ``unit`` stays as the source wrote it."""
        from resultat.infrastructure.i18n import chart_text

        return chart_text().unit(self.unit)


class Observation(models.Model):
    class Gender(models.TextChoices):
        TOTAL = "T", _("totalt")
        WOMEN = "K", _("kvinnor")
        MEN = "M", _("män")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area_code = models.CharField(_("område (SCB-kod)"), max_length=8)
    period = models.PositiveSmallIntegerField(_("år"))
    period_code = models.CharField(
        _("period"), max_length=12, blank=True, default="", db_default="",
        help_text=_("Tom för ett helt år; annars källans period, t.ex. 2026M01, 2026K1, 2026H1 eller 2025/26."),
    )
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("värde"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    synthetic = models.BooleanField(_("syntetiskt demovärde"), default=False)
    response = models.ForeignKey(
        SourceResponse, null=True, blank=True, on_delete=models.SET_NULL, related_name="observations",
        verbose_name=_("källsvar"),
    )

    class Meta:
        ordering = ["indicator", "area_code", "period", "period_code", "gender"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area_code", "period", "period_code", "gender"], name="observation_unique_point"),
        ]
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")

    def __str__(self) -> str:
        return f"{self.indicator.external_id} {self.area_code} {self.period_code or self.period} {self.gender}: {self.value}"

    @property
    def period_label(self) -> str:
        """The period in Swedish (2025, jan 2026, 2026 kv. 1, 2025/26)."""
        from resultat.core.sources import periods

        return periods.from_stored(self.period, self.period_code).label


class IndicatorLink(models.Model):
    """An indicator follows up a strategy element (by its stable code) or an SDG goal."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("övergripande mål")
        PERSPECTIVE = "perspective", _("inriktning")
        PRIORITY = "priority", _("prioritering")
        SUBPRIORITY = "subpriority", _("delprioritering")
        SDG = "sdg", _("Agenda 2030-mål")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    strategy = models.ForeignKey(
        "strategy.Strategy", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("strategi"),
    )
    element_code = models.CharField(_("elementets kod"), max_length=40, blank=True, help_text=_("t.ex. dp-1.2, p-3, mal-cirkular, inr-inkludering"))
    sdg_goal = models.ForeignKey(
        "reference.SdgGoal", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("Agenda 2030-mål"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    target_value = models.FloatField(_("målvärde"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    target_direction = models.CharField(
        _("målets riktning"), max_length=8, choices=Indicator.Direction.choices, blank=True,
        help_text=_("Tomt: indikatorns riktning."),
    )
    note = models.TextField(_("anmärkning"), blank=True)
    set_name = models.CharField(_("indikatoruppsättning"), max_length=80, blank=True)

    class Meta:
        ordering = ["kind", "element_code", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="sdg", sdg_goal__isnull=False, strategy__isnull=True)
                    | (~models.Q(kind="sdg") & models.Q(sdg_goal__isnull=True, strategy__isnull=False) & ~models.Q(element_code=""))
                ),
                name="indicatorlink_target_consistent",
            ),
            models.UniqueConstraint(fields=["indicator", "strategy", "element_code"], condition=models.Q(sdg_goal__isnull=True), name="indicatorlink_unique_element"),
            models.UniqueConstraint(fields=["indicator", "sdg_goal"], condition=models.Q(sdg_goal__isnull=False), name="indicatorlink_unique_sdg"),
        ]
        verbose_name = _("indikatorkoppling")
        verbose_name_plural = _("indikatorkopplingar")

    def __str__(self) -> str:
        where = f"Agenda 2030 mål {self.sdg_goal.number}" if self.sdg_goal_id else self.element_code
        return f"{self.indicator.external_id} → {where}"

    @property
    def direction(self) -> str:
        return self.target_direction or self.indicator.direction


class AssessmentOverride(models.Model):
    """An analyst's status replacing the automatic one, with a written justification."""

    STATUS_CHOICES = [(s.value, STATUS_LABELS[s]) for s in Status]

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="overrides")
    status = models.CharField(_("status"), max_length=24, choices=STATUS_CHOICES)
    justification = models.TextField(_("motivering"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("av"))
    created_at = models.DateTimeField(_("när"), auto_now_add=True)
    active = models.BooleanField(_("gäller"), default=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("manuell bedömning")
        verbose_name_plural = _("manuella bedömningar")

    def __str__(self) -> str:
        return f"{self.indicator.external_id}: {self.get_status_display()}"


class SyncJob(models.Model):
    """One fetch of indicator data started from the web interface (see indicators/jobs.py)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("i kö")
        RUNNING = "running", _("pågår")
        DONE = "done", _("klar")
        FAILED = "failed", _("misslyckades")

    state = models.CharField(_("läge"), max_length=8, choices=State.choices, default=State.QUEUED)
    sources = models.JSONField(_("källor"), default=list)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("startad av"))
    created_at = models.DateTimeField(_("startad"), auto_now_add=True)
    started_at = models.DateTimeField(_("började"), null=True, blank=True)
    finished_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("senast hörd"), null=True, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True, blank=True)
    stage = models.CharField(_("steg"), max_length=20, blank=True)
    done = models.PositiveIntegerField(_("klara omgångar"), default=0)
    total = models.PositiveIntegerField(_("omgångar"), default=0)
    summary = models.JSONField(_("sammanfattning"), default=list, blank=True)
    error = models.TextField(_("fel"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("indikatorhämtning")
        verbose_name_plural = _("indikatorhämtningar")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_state_display()}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
