"""The initiative register (insatser) and its funding.

An initiative is a project, programme, network … that the yearly contributions mention
("Ett urval av insatser"). It carries its period, status, geography, the sub-priorities it
serves (one primary), its assessment on the strategy's inriktningar, its Agenda 2030
impacts and its results. Funding decisions concern an initiative *or* a company
(business support), never an invented project. Decisions and initiatives created by a
spreadsheet import keep their external id, so importing the same file twice changes
nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Initiative(models.Model):
    class Kind(models.TextChoices):
        PROJECT = "project", _("projekt")
        PROGRAMME = "programme", _("program")
        NETWORK = "network", _("nätverk")
        AWARD = "award", _("pris")
        EVENT = "event", _("evenemang")
        STRATEGY = "strategy", _("strategi")
        STUDY = "study", _("utredning")
        FUND = "fund", _("fond")

    class Status(models.TextChoices):
        APPLIED = "applied", _("ansökt")
        GRANTED = "granted", _("beviljad")
        ONGOING = "ongoing", _("pågående")
        FINISHED = "finished", _("avslutad")
        REJECTED = "rejected", _("avslagen")

    class Geography(models.TextChoices):
        COUNTY = "county", _("hela länet")
        REGION10 = "region-10", _("Region 10 (inlandet)")
        UMEAREGIONEN = "umearegionen", _("Umeåregionen")
        SKELLEFTEA = "skelleftea-region", _("Skellefteåregionen")
        NORTH4 = "norra-fyra", _("de fyra nordligaste länen")
        NATIONAL = "national", _("nationellt")
        CROSS_BORDER = "cross-border", _("gränsöverskridande")

    class Review(models.TextChoices):
        CONFIRMED = "confirmed", _("bekräftad")
        NEEDS_REVIEW = "needs_review", _("att granska")
        REJECTED = "rejected", _("avvisad")

    code = models.SlugField(_("kod"), max_length=120, unique=True)
    external_id = models.CharField(_("insats-id"), max_length=80, unique=True, null=True, blank=True, help_text=_("Id i källsystemet; importer matchar på det."))
    name = models.CharField(_("namn"), max_length=300)
    acronym = models.CharField(_("förkortning"), max_length=40, blank=True)
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices, default=Kind.PROJECT)
    description = models.TextField(_("beskrivning"), blank=True)
    lead_organisation = models.CharField(_("projektägare"), max_length=300, blank=True)
    partners = models.TextField(_("samverkanspartner"), blank=True, help_text=_("En per rad."))
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, blank=True)
    run_by_region = models.BooleanField(_("drivs av Region Västerbotten"), null=True, blank=True, help_text=_("Tomt = okänt."))
    municipalities = models.ManyToManyField("reference.Area", blank=True, related_name="initiatives", verbose_name=_("kommuner"), limit_choices_to={"kind": "municipality"})
    geographies = models.JSONField(_("geografier"), default=list, blank=True)
    areas = models.ManyToManyField("followup.StrategicArea", blank=True, related_name="initiatives", verbose_name=_("strategiska områden"))
    subpriorities = models.ManyToManyField("strategy.SubPriority", through="InitiativeSubPriority", blank=True, related_name="initiatives", verbose_name=_("delprioriteringar"))
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    eu_project_id = models.CharField(_("EU-projekt-id"), max_length=60, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    synthetic = models.BooleanField(_("syntetisk demopost"), default=False)
    # Found in an imported report (resultat/core/reportparse/initiatives.py): uncertain finds wait for an analyst.
    review_status = models.CharField(_("granskning"), max_length=16, choices=Review.choices, default=Review.CONFIRMED, db_index=True)
    confidence = models.FloatField(_("säkerhet"), null=True, blank=True, help_text=_("Hur säker importen var på att detta är en namngiven insats (0–1)."))
    funding_note = models.CharField(_("finansiering enligt rapporten"), max_length=300, blank=True)
    period_note = models.CharField(_("period enligt rapporten"), max_length=40, blank=True)
    extraction_note = models.TextField(_("var importen hittade den"), blank=True)
    match_keys = models.JSONField(_("matchningsnycklar"), default=list, blank=True, help_text=_("Vikta namn och förkortningar som en ny import känner igen insatsen på."))
    mentioned_in = models.ManyToManyField("followup.Contribution", blank=True, related_name="mentioned_initiatives", verbose_name=_("nämns i bidrag"))
    revision = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        constraints = [
            models.CheckConstraint(condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name="initiative_period_in_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.code])

    @property
    def partner_list(self) -> list[str]:
        return [p.strip() for p in self.partners.splitlines() if p.strip()]

    def geography_labels(self) -> list[str]:
        labels = dict(self.Geography.choices)
        return [str(labels.get(g, g)) for g in self.geographies]


class InitiativeSubPriority(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="subpriority_links")
    subpriority = models.ForeignKey("strategy.SubPriority", on_delete=models.PROTECT, related_name="initiative_links")
    primary = models.BooleanField(_("primär"), default=False)

    class Meta:
        ordering = ["-primary", "subpriority__priority__order", "subpriority__order"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "subpriority"], name="initiative_subpriority_once"),
            models.UniqueConstraint(fields=["initiative"], condition=Q(primary=True), name="initiative_one_primary_subpriority"),
        ]


class InitiativeEdit(models.Model):
    """History: who changed what in an initiative, field by field."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="edits")
    revision = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict)  # {field label: [before, after]} as text
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["initiative", "-revision"]
        constraints = [models.UniqueConstraint(fields=["initiative", "revision"], name="initiative_edit_unique_revision")]


class InriktningAssessment(models.Model):
    """How the initiative contributes to one of the strategy's inriktningar (perspectives)."""

    class Judgement(models.TextChoices):
        CONTRIBUTES = "contributes", _("bidrar")
        PARTLY = "partly", _("bidrar delvis")
        NOT = "not", _("bidrar inte")
        NOT_ASSESSED = "not_assessed", _("ej bedömt")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="assessments")
    perspective = models.ForeignKey("strategy.Perspective", on_delete=models.PROTECT, related_name="assessments")
    judgement = models.CharField(_("bedömning"), max_length=16, choices=Judgement.choices, default=Judgement.NOT_ASSESSED)
    justification = models.TextField(_("motivering"), blank=True)

    class Meta:
        ordering = ["perspective__order"]
        constraints = [models.UniqueConstraint(fields=["initiative", "perspective"], name="one_assessment_per_perspective")]
        verbose_name = _("bedömning mot inriktning")
        verbose_name_plural = _("bedömningar mot inriktningar")


class SdgImpact(models.Model):
    """An impact on an Agenda 2030 goal (or one of its targets), positive or negative."""

    class Direction(models.TextChoices):
        POSITIVE = "positive", _("positiv")
        NEGATIVE = "negative", _("negativ")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sdg_impacts")
    goal = models.ForeignKey("reference.SdgGoal", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey("reference.SdgTarget", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(_("riktning"), max_length=8, choices=Direction.choices)
    justification = models.TextField(_("motivering"))

    class Meta:
        ordering = ["goal__number", "target__order", "direction"]
        verbose_name = _("påverkan på Agenda 2030")
        verbose_name_plural = _("påverkan på Agenda 2030")

    @property
    def symbol(self) -> str:
        return "+" if self.direction == self.Direction.POSITIVE else "−"


class Result(models.Model):
    """An IATI-like result indicator of an initiative. Numbers are numbers: missing is
    NULL, never 0 or "N/A"."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=60, blank=True)
    baseline_value = models.DecimalField(_("utgångsvärde"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("utgångsår"), null=True, blank=True)
    target_value = models.DecimalField(_("målvärde"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["initiative", "order", "id"]
        verbose_name = _("resultat")
        verbose_name_plural = _("resultat")


class ResultPeriod(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="periods")
    period_start = models.DateField(_("periodens start"))
    period_end = models.DateField(_("periodens slut"))
    actual = models.DecimalField(_("utfall"), max_digits=18, decimal_places=4, null=True, blank=True)
    comment = models.CharField(_("kommentar"), max_length=300, blank=True)

    class Meta:
        ordering = ["result", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["result", "period_start"], name="result_period_once"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="result_period_in_order"),
        ]


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("statliga medel")
        EU = "eu", _("EU-medel")
        MUNICIPAL = "municipal", _("kommunala medel")
        PRIVATE = "private", _("privata medel")
        OTHER = "other", _("övrigt")

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("finansieringskälla")
        verbose_name_plural = _("finansieringskällor")

    def __str__(self) -> str:
        return self.name


class FundingProgramme(models.Model):
    class SupportType(models.TextChoices):
        BUSINESS = "business", _("företagsstöd")
        PROJECT = "project", _("projektmedel")
        COMMERCIAL_SERVICE = "commercial_service", _("stöd till kommersiell service")
        OTHER = "other", _("annan finansiering")

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="programmes")
    support_type = models.CharField(_("stödform"), max_length=24, choices=SupportType.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("finansieringsprogram")
        verbose_name_plural = _("finansieringsprogram")

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    """A company that received business support (företagsstöd)."""

    org_nr = models.CharField(_("organisationsnummer"), max_length=11, unique=True, help_text=_("NNNNNN-NNNN"))
    name = models.CharField(_("namn"), max_length=300)

    class Meta:
        ordering = ["name"]
        verbose_name = _("företag")
        verbose_name_plural = _("företag")

    def __str__(self) -> str:
        return f"{self.name} ({self.org_nr})"


class ImportBatch(models.Model):
    """An uploaded spreadsheet kept between preview and confirmation (and afterwards,
    as the record of what was imported)."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("förhandsgranskning")
        IMPORTED = "imported", _("importerad")
        DISCARDED = "discarded", _("kasserad")

    filename = models.CharField(_("filnamn"), max_length=255)
    data = models.BinaryField()
    checksum = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PREVIEW)
    summary = models.JSONField(default=dict)
    errors = models.JSONField(default=list)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("importerad fil")
        verbose_name_plural = _("importerade filer")


class FundingDecision(models.Model):
    """A decision to grant money, to an initiative or to a company."""

    external_id = models.CharField(_("beslut-id"), max_length=80, unique=True)
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.PROTECT, related_name="funding")
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.PROTECT, related_name="funding")
    programme = models.ForeignKey(FundingProgramme, on_delete=models.PROTECT, related_name="decisions")
    decision_date = models.DateField(_("beslutsdatum"))
    granted_amount = models.DecimalField(_("beviljat belopp (kr)"), max_digits=14, decimal_places=2)
    cofinancing_rate = models.DecimalField(_("medfinansieringsgrad (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    municipality = models.ForeignKey("reference.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="funding_decisions")
    subpriority = models.ForeignKey("strategy.SubPriority", null=True, blank=True, on_delete=models.PROTECT, related_name="funding_decisions")
    payments = models.JSONField(_("utbetalt per år"), default=dict, blank=True)  # {"2025": "120000.00"}
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    synthetic = models.BooleanField(_("syntetiskt demovärde"), default=False)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decision_date", "external_id"]
        verbose_name = _("finansieringsbeslut")
        verbose_name_plural = _("finansieringsbeslut")
        constraints = [
            models.CheckConstraint(condition=(Q(initiative__isnull=False) & Q(company__isnull=True)) | (Q(initiative__isnull=True) & Q(company__isnull=False)), name="decision_initiative_xor_company"),
            models.CheckConstraint(condition=Q(granted_amount__gte=0), name="decision_amount_not_negative"),
            models.CheckConstraint(condition=Q(cofinancing_rate__isnull=True) | (Q(cofinancing_rate__gte=0) & Q(cofinancing_rate__lte=100)), name="decision_rate_is_percent"),
        ]
        indexes = [models.Index(fields=["decision_date"])]

    def __str__(self) -> str:
        return self.external_id

    @property
    def beneficiary(self):
        return self.initiative or self.company
