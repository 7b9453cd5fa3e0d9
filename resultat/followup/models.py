"""The yearly follow-up: units, strategic areas, questions, cycles and contributions.

A follow-up cycle (uppföljningscykel) is one year's round on one strategy version.
Opening it creates one contribution (bidrag) per strategic area × question. Editors
of the area's units write; reviewers return or approve; the analyst locks and
publishes. Every state change and every saved text is recorded. Writes go through
``services``; reads through ``selectors``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    """An organisational unit (verksamhet/enhet) that writes for its areas."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=300)
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="units", verbose_name=_("redaktörer"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("verksamhet")
        verbose_name_plural = _("verksamheter")

    def __str__(self) -> str:
        return self.name


class ContactPerson(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    phone = models.CharField(_("telefon"), max_length=60, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class Chapter(models.Model):
    """A chapter of the yearly report: a priority of a strategy version, or the
    overarching chapter (no priority)."""

    version = models.ForeignKey("strategy.StrategyVersion", on_delete=models.CASCADE, related_name="chapters")
    code = models.SlugField(_("kod"), max_length=40)
    title = models.CharField(_("titel"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    priority = models.ForeignKey("strategy.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="chapter_unique_code_per_version")]
        verbose_name = _("kapitel")
        verbose_name_plural = _("kapitel")

    def __str__(self) -> str:
        return self.title


class StrategicArea(models.Model):
    """A strategic area (strategiskt område) followed up year after year."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=300)
    units = models.ManyToManyField(Unit, blank=True, related_name="areas", verbose_name=_("ansvariga verksamheter"))
    contacts = models.ManyToManyField(ContactPerson, blank=True, related_name="areas", verbose_name=_("kontaktpersoner"))
    subpriorities = models.ManyToManyField("strategy.SubPriority", blank=True, related_name="areas", verbose_name=_("delprioriteringar"))
    active = models.BooleanField(_("aktivt"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("strategiskt område")
        verbose_name_plural = _("strategiska områden")

    def __str__(self) -> str:
        return self.name


class AreaPlacement(models.Model):
    """Where an area sits in a strategy version's report: chapter and order."""

    area = models.ForeignKey(StrategicArea, on_delete=models.CASCADE, related_name="placements")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="placements")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["chapter__order", "order"]
        constraints = [models.UniqueConstraint(fields=["area", "chapter"], name="one_placement_per_chapter")]
        verbose_name = _("placering i kapitel")
        verbose_name_plural = _("placeringar i kapitel")


class QuestionSet(models.Model):
    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("frågeuppsättning")
        verbose_name_plural = _("frågeuppsättningar")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class ItemKind(models.TextChoices):
        ENVIRONMENT_FACTOR = "environment_factor", _("Aktuell omvärldsfaktor")
        ACTIVITY = "activity", _("Exempel på aktivitet")
        ARENA = "arena", _("Fast samverkansyta")
        SDG = "sdg", _("Aktuellt Agenda 2030-mål")
        INITIATIVE = "initiative", _("Insats")

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("kod"), max_length=40)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("rubrik"), max_length=200)
    guidance = models.TextField(_("vägledning"), blank=True)
    used_for = models.TextField(_("används till"), blank=True)
    item_kinds = models.JSONField(_("typade listor"), default=list, blank=True)

    class Meta:
        ordering = ["question_set", "order"]
        constraints = [models.UniqueConstraint(fields=["question_set", "code"], name="question_unique_code_per_set")]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.title


class Cycle(models.Model):
    class State(models.TextChoices):
        PLANNING = "planning", _("planering")
        OPEN = "open", _("öppen")
        REVIEW = "review", _("granskning")
        LOCKED = "locked", _("låst")
        PUBLISHED = "published", _("publicerad")

    year = models.PositiveSmallIntegerField(_("år"))
    version = models.ForeignKey("strategy.StrategyVersion", on_delete=models.PROTECT, related_name="cycles", verbose_name=_("strategiversion"))
    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("frågeuppsättning"))
    state = models.CharField(_("läge"), max_length=16, choices=State.choices, default=State.PLANNING)
    opens_on = models.DateField(_("öppnar"), null=True, blank=True)
    submit_by = models.DateField(_("sista dag för bidrag"), null=True, blank=True)
    review_by = models.DateField(_("granskning klar"), null=True, blank=True)
    publish_on = models.DateField(_("publicering"), null=True, blank=True)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="review_cycles", verbose_name=_("granskare"))
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["version", "year"], name="one_cycle_per_year_and_version")]
        verbose_name = _("uppföljningscykel")
        verbose_name_plural = _("uppföljningscykler")

    def __str__(self) -> str:
        return f"{self.year}"

    # Texts and contribution states change only while the cycle is open (or in review).
    # A locked cycle is frozen for editors *and* reviewers until it is reopened.
    ACTIVE_STATES = (State.OPEN, State.REVIEW)

    @property
    def accepts_changes(self) -> bool:
        return self.state in self.ACTIVE_STATES


class CycleEvent(models.Model):
    """A change of a cycle's state (opened, locked, published, reopened …)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    reason = models.TextField(
        _("skäl"), blank=True, help_text=_("Varför en ofullständig cykel låstes eller publicerades, eller varför den öppnades igen.")
    )

    class Meta:
        ordering = ["at", "id"]


class Contribution(models.Model):
    """One strategic area's answer to one question in one cycle."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("ej påbörjad")
        DRAFT = "draft", _("utkast")
        SUBMITTED = "submitted", _("klar för granskning")
        RETURNED = "returned", _("återremitterad")
        APPROVED = "approved", _("godkänd")
        PUBLISHED = "published", _("publicerad")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="contributions")
    area = models.ForeignKey(StrategicArea, on_delete=models.PROTECT, related_name="contributions")
    chapter = models.ForeignKey(Chapter, on_delete=models.PROTECT, related_name="contributions")
    area_order = models.PositiveSmallIntegerField(default=0)
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="contributions")
    body = models.TextField(_("text"), blank=True)
    state = models.CharField(_("läge"), max_length=16, choices=State.choices, default=State.NOT_STARTED)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_contributions")
    revision = models.PositiveIntegerField(_("version"), default=0, help_text=_("Ökar vid varje sparning; skyddar mot att skriva över någon annans ändring."))
    carried_over_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    carry_over_confirmed = models.BooleanField(default=False)
    joint_with = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="joint_parts", help_text=_("Texten skrivs gemensamt med ett annat områdes bidrag."))
    source_file = models.CharField(max_length=300, blank=True)
    source_first_line = models.PositiveIntegerField(null=True, blank=True)
    source_last_line = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.TextField(_("källtext (före reparation)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_revision = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["cycle", "chapter__order", "area_order", "question__order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "area", "question"], name="one_contribution_per_area_and_question")]
        indexes = [models.Index(fields=["cycle", "state"])]
        verbose_name = _("bidrag")
        verbose_name_plural = _("bidrag")

    def __str__(self) -> str:
        return f"{self.cycle.year} · {self.area} · {self.question}"

    @property
    def needs_carry_over_confirmation(self) -> bool:
        return self.carried_over_from_id is not None and not self.carry_over_confirmed


class ContributionItem(models.Model):
    """A typed list item inside a contribution (omvärldsfaktor, aktivitet, samverkansyta,
    Agenda 2030-mål, insats)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=24, choices=Question.ItemKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("rubrik"), max_length=400, blank=True)
    text = models.TextField(_("text"), blank=True)
    sdg_goal = models.ForeignKey("reference.SdgGoal", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sdg_target = models.ForeignKey("reference.SdgTarget", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    arena = models.ForeignKey("followup.StandingArena", null=True, blank=True, on_delete=models.PROTECT, related_name="items")
    initiative = models.ForeignKey("initiatives.Initiative", null=True, blank=True, on_delete=models.PROTECT, related_name="mentions")
    source_first_line = models.PositiveIntegerField(null=True, blank=True)
    source_last_line = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.TextField(blank=True)

    class Meta:
        ordering = ["contribution", "kind", "order"]
        verbose_name = _("listpost")
        verbose_name_plural = _("listposter")


class StandingArena(models.Model):
    """A standing arena for collaboration (fast samverkansyta), linked from many years."""

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=300)
    convenor = models.CharField(_("sammankallande"), max_length=300, blank=True)
    members = models.TextField(_("deltagare"), blank=True)
    frequency = models.CharField(_("mötesfrekvens"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("fast samverkansyta")
        verbose_name_plural = _("fasta samverkansytor")

    def __str__(self) -> str:
        return self.name


class Revision(models.Model):
    """A saved version of a contribution's text and items."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    items = models.JSONField(default=list)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["contribution", "-number"]
        constraints = [models.UniqueConstraint(fields=["contribution", "number"], name="revision_unique_number")]


class StateChange(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=16)
    to_state = models.CharField(max_length=16)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    revision_number = models.PositiveIntegerField(null=True)

    class Meta:
        ordering = ["at", "id"]

    @staticmethod
    def _state_label(value: str) -> str:
        return Contribution.State(value).label if value in Contribution.State.values else value

    @property
    def from_state_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_state_label(self) -> str:
        return self._state_label(self.to_state)


class ReviewComment(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("kommentar"))
    passage = models.TextField(_("stycke som kommentaren gäller"), blank=True)
    revision_number = models.PositiveIntegerField(null=True)

    class Meta:
        ordering = ["created_at", "id"]


class Notification(models.Model):
    """A message to one user about a contribution: submitted (to the cycle's reviewers),
    returned (to its editors, with the reason) or approved (to its editors). Shown on
    the user's notifications page; also sent by e-mail after the commit."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("klar för granskning")
        RETURNED = "returned", _("återremitterad")
        APPROVED = "approved", _("godkänd")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("meddelande"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")

    @property
    def unread(self) -> bool:
        return self.read_at is None
