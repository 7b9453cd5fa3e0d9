"""What the follow-up registers with the mechanisms (loaded by FollowupConfig.ready):
its open datasets (``datasets.py``: cycles, strategic areas, contributions, items,
arenas), its search kinds (``search_kinds.py``: contributions with their items,
standing arenas, strategic areas, each with the visibility rule) and the signals that
keep them current; the learning pages' "bidrag" counter (``learning_counters.py``); and
the system notes it stores in histories (``system_notes.py``), shown in the reader's language."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from resultat.followup import datasets, learning_counters, search_kinds, system_notes  # noqa: F401 - datasets register on import
from resultat.followup.models import (
    Contribution,
    ContributionItem,
    Cycle,
    StandingArena,
    StrategicArea,
)
from resultat.infrastructure.hooks import hook
from resultat.infrastructure.system_notes import register as register_notes
from resultat.search import signals
from resultat.search.registry import FILTER_CHOICES, register

for kind in (search_kinds.CONTRIBUTION, search_kinds.ARENA, search_kinds.AREA):
    register(kind)
FILTER_CHOICES.register(search_kinds.filter_choices)
hook("learning.counters").register(learning_counters.contributions_per_subpriority, key="bidrag")
register_notes(system_notes.NOTES)


def _cycle_saved(sender, instance, created=False, **kwargs):
    """A cycle's state decides whether its texts are public (publish, lock, reopen): after
    the commit, re-index its contributions, what they mention and their areas. Every save
    of the cycle, not only ``cycle_published``: reopening must hide the texts again."""
    if created:
        return
    cycle_id = instance.pk

    def reindex():
        from resultat.search.indexing import index_safely

        contributions = Contribution.objects.filter(cycle_id=cycle_id)
        index_safely("contribution", contributions.values_list("pk", flat=True))
        mentions = ContributionItem.objects.filter(contribution__cycle_id=cycle_id)
        index_safely("initiative", mentions.exclude(initiative=None).values_list("initiative_id", flat=True))
        index_safely("arena", mentions.exclude(arena=None).values_list("arena_id", flat=True))
        index_safely("area", contributions.values_list("area_id", flat=True).distinct())

    transaction.on_commit(reindex, robust=True)


post_save.connect(signals.contribution_saved, sender=Contribution, dispatch_uid="search-contribution")
post_delete.connect(signals.contribution_saved, sender=Contribution, dispatch_uid="search-contribution-del")
post_save.connect(signals.item_saved, sender=ContributionItem, dispatch_uid="search-item")
post_delete.connect(signals.item_saved, sender=ContributionItem, dispatch_uid="search-item-del")
post_save.connect(_cycle_saved, sender=Cycle, dispatch_uid="search-cycle")
signals.reindex_on_save(StandingArena, "arena")
signals.reindex_on_save(StrategicArea, "area")
for relation in (StrategicArea.units.through, StrategicArea.subpriorities.through):
    m2m_changed.connect(signals.related_changed("strategicarea", "area"), sender=relation, dispatch_uid=f"search-area-{relation._meta.label}", weak=False)
