"""The strategy as versioned data.

A region has strategies; a strategy has versions; a version holds the goal tree:
vision → övergripande mål (OverallGoal) → inriktningar (Perspective) →
prioriteringar (Priority) → delprioriteringar (SubPriority) with utmaningar
(Challenge) and behov (Need). Every element carries a ``code`` that is stable
across versions; the level names a strategy uses are data on the version
(``levels``), not code. Writes go through ``services``, reads through ``selectors``.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """The organisation (a region) that owns strategies."""

    slug = models.SlugField(_("kortnamn"), unique=True)
    name = models.CharField(_("namn"), max_length=200)
    area = models.ForeignKey("reference.Area", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("område"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name


class Strategy(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="strategies")
    code = models.SlugField(_("kod"))
    name = models.CharField(_("namn"), max_length=300)
    short_name = models.CharField(_("kortnamn"), max_length=50, blank=True)
    period_start = models.PositiveSmallIntegerField(_("från år"))
    period_end = models.PositiveSmallIntegerField(_("till år"))

    class Meta:
        ordering = ["region__name", "code"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="strategy_unique_code_per_region")]
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")

    def __str__(self) -> str:
        return self.name


class StrategyVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("utkast")
        ADOPTED = "adopted", _("beslutad")
        SUPERSEDED = "superseded", _("ersatt")

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="versions")
    code = models.SlugField(_("kod"), max_length=80)
    name = models.CharField(_("namn"), max_length=300)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    adopted_on = models.DateField(_("beslutad"), null=True, blank=True)
    valid_from = models.PositiveSmallIntegerField(_("gäller från uppföljningsår"))
    language = models.CharField(_("språk"), max_length=8, default="sv")
    source = models.TextField(_("källa"), blank=True)
    source_file = models.CharField(_("källfil"), max_length=300, blank=True)
    notes = models.TextField(_("anmärkningar"), blank=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors", verbose_name=_("föregående version"))
    levels = models.JSONField(_("nivånamn"), default=dict)
    vision_title = models.TextField(_("vision"))
    vision_text = models.TextField(_("visionens text"), blank=True)
    content_hash = models.CharField(_("innehållets kontrollsumma"), max_length=64)
    loaded_at = models.DateTimeField(_("inläst"), auto_now=True)

    class Meta:
        ordering = ["strategy", "valid_from", "code"]
        constraints = [models.UniqueConstraint(fields=["strategy", "code"], name="version_unique_code_per_strategy")]
        verbose_name = _("strategiversion")
        verbose_name_plural = _("strategiversioner")

    def __str__(self) -> str:
        return f"{self.strategy.short_name or self.strategy.name}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:overview", args=[self.strategy.code, self.code])

    def level(self, key: str, plural: bool = False) -> str:
        names = self.levels.get(key) or {}
        return names.get("plural" if plural else "singular") or key


class Element(models.Model):
    """Common fields of every element of a version's goal tree."""

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("kod"), max_length=40)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    source_first_line = models.PositiveIntegerField(_("källrad från"), null=True, blank=True)
    source_last_line = models.PositiveIntegerField(_("källrad till"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code}: {getattr(self, 'title', '')}"[:120]


class LinkedElement(Element):
    """An element that links upward to Agenda 2030 and the policy frameworks."""

    sdg_goals = models.ManyToManyField("reference.SdgGoal", blank=True, related_name="+", verbose_name=_("Agenda 2030-mål"))
    sdg_targets = models.ManyToManyField("reference.SdgTarget", blank=True, related_name="+", verbose_name=_("Agenda 2030-delmål"))
    sdg_basis = models.CharField(_("grund för Agenda 2030-kopplingen"), max_length=300, blank=True)
    framework_items = models.ManyToManyField("reference.FrameworkItem", blank=True, related_name="+", verbose_name=_("nationell strategi och EU-mål"))

    class Meta(Element.Meta):
        abstract = True


def _unique_code(model: str) -> list:
    return [models.UniqueConstraint(fields=["version", "code"], name=f"{model}_unique_code_per_version")]


class OverallGoal(LinkedElement):
    title = models.CharField(_("titel"), max_length=300)
    short_title = models.CharField(_("kort titel"), max_length=120, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta(LinkedElement.Meta):
        constraints = _unique_code("overallgoal")
        verbose_name = _("övergripande mål")
        verbose_name_plural = _("övergripande mål")


class Perspective(Element):
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    requirement = models.TextField(_("vad insatserna ska bidra till"), blank=True)

    class Meta(Element.Meta):
        constraints = _unique_code("perspective")
        verbose_name = _("inriktning")
        verbose_name_plural = _("inriktningar")


class Priority(LinkedElement):
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("titel"), max_length=300)
    introduction = models.TextField(_("inledning"), blank=True)

    class Meta(LinkedElement.Meta):
        constraints = _unique_code("priority")
        verbose_name = _("prioritering")
        verbose_name_plural = _("prioriteringar")

    def get_absolute_url(self) -> str:
        return reverse("strategy:priority", args=[self.version.strategy.code, self.version.code, self.code])


class RelatedPlan(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="related_plans")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=400)
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("relaterad strategi eller plan")
        verbose_name_plural = _("relaterade strategier och planer")

    def __str__(self) -> str:
        return self.title


class SubPriority(LinkedElement):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="subpriorities")
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("titel"), max_length=300)
    goal = models.TextField(_("mål"))
    context = models.TextField(_("sammanhang"), blank=True)
    strengths = models.TextField(_("styrkor"), blank=True)
    key_actors = models.TextField(_("viktiga aktörer"), blank=True)

    class Meta(LinkedElement.Meta):
        constraints = _unique_code("subpriority")
        verbose_name = _("delprioritering")
        verbose_name_plural = _("delprioriteringar")

    def get_absolute_url(self) -> str:
        return reverse("strategy:subpriority", args=[self.version.strategy.code, self.version.code, self.code])


class SubPriorityPerspective(models.Model):
    """What a sub-priority says under one inriktning."""

    subpriority = models.ForeignKey(SubPriority, on_delete=models.CASCADE, related_name="perspective_texts")
    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["perspective__order"]
        constraints = [models.UniqueConstraint(fields=["subpriority", "perspective"], name="one_text_per_perspective")]
        verbose_name = _("inriktningstext")
        verbose_name_plural = _("inriktningstexter")


class Challenge(Element):
    subpriority = models.ForeignKey(SubPriority, on_delete=models.CASCADE, related_name="challenges")
    label = models.CharField(_("nummer (som i källan)"), max_length=10)
    text = models.TextField(_("text"))

    class Meta(Element.Meta):
        constraints = _unique_code("challenge")
        verbose_name = _("utmaning")
        verbose_name_plural = _("utmaningar")


class Need(Element):
    subpriority = models.ForeignKey(SubPriority, on_delete=models.CASCADE, related_name="needs")
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="needs", verbose_name=_("utmaning"))
    label = models.CharField(_("nummer (som i källan)"), max_length=10)
    title = models.TextField(_("rubrik"))
    text = models.TextField(_("text"), blank=True)

    class Meta(Element.Meta):
        constraints = _unique_code("need")
        verbose_name = _("behov")
        verbose_name_plural = _("behov")


class VersionMapping(models.Model):
    """How an element of the previous version corresponds to one of this version."""

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="mappings")
    order = models.PositiveSmallIntegerField(default=0)
    from_code = models.CharField(_("från kod"), max_length=40)
    to_code = models.CharField(_("till kod"), max_length=40)
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["version", "from_code", "to_code"], name="mapping_unique_pair")]
        verbose_name = _("koppling till föregående version")
        verbose_name_plural = _("kopplingar till föregående version")

    def __str__(self) -> str:
        return f"{self.from_code} → {self.to_code}"
