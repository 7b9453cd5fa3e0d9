"""Reference data that strategies link to: Agenda 2030, national and EU
frameworks, and geographic areas (the country, regions, municipalities)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def best_text_colour(background: str) -> str:
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") else "#ffffff"


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name_sv = models.CharField(_("namn (sv)"), max_length=120)
    name_en = models.CharField(_("namn (en)"), max_length=120)
    title_sv = models.TextField(_("mål (sv)"), blank=True)
    title_en = models.TextField(_("mål (en)"), blank=True)
    colour = models.CharField(_("färg"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Agenda 2030-mål")
        verbose_name_plural = _("Agenda 2030-mål")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_sv

    @property
    def text_colour(self) -> str:
        """Black or white, whichever contrasts more with the goal's colour (WCAG)."""
        return best_text_colour(self.colour)

    @property
    def title(self) -> str:
        if translation.get_language() == "en":
            return self.title_en
        return self.title_sv or self.title_en


class SdgTarget(models.Model):
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("kod"), max_length=8, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    text_en = models.TextField(_("text (en)"))
    text_sv = models.TextField(_("text (sv)"), blank=True)

    class Meta:
        ordering = ["goal__number", "order"]
        verbose_name = _("Agenda 2030-delmål")
        verbose_name_plural = _("Agenda 2030-delmål")

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        """Swedish where a faithful translation exists, otherwise English."""
        if translation.get_language() != "en" and self.text_sv:
            return self.text_sv
        return self.text_en

    @property
    def text_language(self) -> str:
        return "sv" if (translation.get_language() != "en" and self.text_sv) else "en"


class Framework(models.Model):
    """A policy framework a strategy links to (the national strategy, EU cohesion policy)."""

    code = models.SlugField(_("kod"), unique=True)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn (en)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ramverk")
        verbose_name_plural = _("ramverk")

    def __str__(self) -> str:
        return self.name


class FrameworkItem(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("kod"), unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=300)
    title_en = models.CharField(_("titel (en)"), max_length=300, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["framework__order", "order"]
        verbose_name = _("ramverksområde")
        verbose_name_plural = _("ramverksområden")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        if translation.get_language() == "en" and self.title_en:
            return self.title_en
        return self.title


class Area(models.Model):
    """A geographic area: the country, a region (län) or a municipality."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("land")
        REGION = "region", _("region")
        MUNICIPALITY = "municipality", _("kommun")

    code = models.CharField(_("kod"), max_length=8, unique=True, help_text=_("SCB-kod, t.ex. 24 eller 2480"))
    kolada_code = models.CharField(_("Kolada-kod"), max_length=8, unique=True)
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("folkmängd år"), null=True, blank=True)
    population_source = models.CharField(_("källa för folkmängd"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("område")
        verbose_name_plural = _("områden")

    def __str__(self) -> str:
        return self.name

    @property
    def scb_code(self) -> str:
        return self.code
