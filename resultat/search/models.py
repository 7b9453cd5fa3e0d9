"""The search index: one SearchDocument per searchable passage.

Documents are produced by the kinds in ``registry`` (strategy texts, contributions,
their typed items, initiatives, standing arenas …). The full-text index over
``shadow`` (the Snowball-stemmed text, ``resultat.core.search.text``) is not a model
field: on SQLite it is the FTS5 table ``search_fts`` kept in step by triggers, on
PostgreSQL the generated ``tsv`` column with a GIN index (migration 0002).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Visibility(models.TextChoices):
        PUBLISHED = "published", _("publicerad")
        DRAFT = "draft", _("ej publicerad")

    source = models.CharField(max_length=40)  # registry kind that produced it
    source_id = models.PositiveIntegerField()  # the object it was produced from
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("typ"), max_length=40)
    subkind = models.CharField(max_length=40, blank=True)
    title = models.CharField(_("rubrik"), max_length=500)
    context = models.CharField(max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    shadow = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    staff_url = models.CharField(max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    priorities = models.CharField(max_length=300, blank=True)  # "|p-1|"
    subpriorities = models.CharField(max_length=500, blank=True)  # "|dp-1.1|dp-1.2|"
    areas = models.CharField(max_length=1000, blank=True)  # "|a-digitalisering|"
    question = models.CharField(max_length=40, blank=True)
    sdg_goals = models.CharField(max_length=100, blank=True)  # "|4|9|"
    municipalities = models.CharField(max_length=300, blank=True)  # "|2480|"
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLISHED)
    cycle_id = models.PositiveIntegerField(null=True, blank=True)
    area_id = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["source", "source_id"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["year"]),
        ]
        verbose_name = _("sökdokument")
        verbose_name_plural = _("sökdokument")

    def __str__(self) -> str:
        return self.title


class PendingReindex(models.Model):
    """An object whose re-index after a commit failed (logged); `resultat search reindex
    --pending` or a full rebuild re-indexes it and removes the entry."""

    source = models.CharField(max_length=40)
    source_id = models.PositiveIntegerField()
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="search_pending_once")]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"
