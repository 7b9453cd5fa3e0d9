"""What the import keeps besides the follow-up's own data: the proof-reader's decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProofDecision(models.Model):
    """An analyst's decision on one suspect word of an imported text: corrected (the
    contribution got a revision with the note "korrektur: X -> Y") or accepted as it
    stands. A re-import of the same file applies the corrections again
    (``proofreading.reapply_body``/``reapply_items``), so they survive it, and accepted words stay off the list.

    ``field`` is "body", or "title"/"text" of the contribution's item number
    ``item_index`` (0-based, in stored order); ``occurrence`` says which whole-word
    occurrence of ``wrong`` in that text (0-based) was meant."""

    class Decision(models.TextChoices):
        CORRECTED = "corrected", _("rättat")
        ACCEPTED = "accepted", _("rätt som det står")

    FIELDS = ("body", "title", "text")

    contribution = models.ForeignKey("followup.Contribution", on_delete=models.CASCADE, related_name="proof_decisions")
    field = models.CharField(max_length=8)
    item_index = models.PositiveIntegerField(null=True, blank=True)
    wrong = models.CharField(max_length=100)
    right = models.CharField(max_length=100, blank=True)
    occurrence = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices)
    revision_number = models.PositiveIntegerField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contribution", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(field__in=("body", "title", "text")), name="proofdecision_field"),
            models.CheckConstraint(
                condition=models.Q(field="body", item_index__isnull=True) | (~models.Q(field="body") & models.Q(item_index__isnull=False)),
                name="proofdecision_item_index",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wrong} -> {self.right}" if self.decision == self.Decision.CORRECTED else self.wrong
