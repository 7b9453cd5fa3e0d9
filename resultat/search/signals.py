"""Keeping the index current: every save of a source object schedules its re-index
after the transaction commits. Signals, so the writing apps need no edits; bulk
writes that send no signals are covered by a signal on the object saved with them
(a contribution's items are written together with the contribution; publishing a
cycle saves the cycle, which re-indexes all its contributions)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save


def connect() -> None:
    from resultat.followup.models import Contribution, ContributionItem, Cycle, StandingArena
    from resultat.initiatives.models import Initiative
    from resultat.strategy.models import StrategyVersion

    post_save.connect(_contribution, sender=Contribution, dispatch_uid="search-contribution")
    post_delete.connect(_contribution, sender=Contribution, dispatch_uid="search-contribution-del")
    post_save.connect(_item, sender=ContributionItem, dispatch_uid="search-item")
    post_delete.connect(_item, sender=ContributionItem, dispatch_uid="search-item-del")
    post_save.connect(_cycle, sender=Cycle, dispatch_uid="search-cycle")
    post_save.connect(_simple("initiative"), sender=Initiative, dispatch_uid="search-initiative", weak=False)
    post_delete.connect(_simple("initiative"), sender=Initiative, dispatch_uid="search-initiative-del", weak=False)
    m2m_changed.connect(_initiative_areas, sender=Initiative.areas.through, dispatch_uid="search-initiative-areas")
    post_save.connect(_simple("arena"), sender=StandingArena, dispatch_uid="search-arena", weak=False)
    post_delete.connect(_simple("arena"), sender=StandingArena, dispatch_uid="search-arena-del", weak=False)
    post_save.connect(_simple("strategy"), sender=StrategyVersion, dispatch_uid="search-strategy", weak=False)
    post_delete.connect(_simple("strategy"), sender=StrategyVersion, dispatch_uid="search-strategy-del", weak=False)


def _schedule(source, ids):
    from resultat.search.indexing import schedule

    schedule(source, ids)


# Fields an autosave changes: then only the text of the contribution's document is
# rewritten (indexing.schedule_body), not its items, links and mentions.
_TEXT_ONLY = frozenset({"body", "revision", "updated_by", "updated_at", "carry_over_confirmed"})


def _contribution(sender, instance, update_fields=None, **kwargs):
    if update_fields and frozenset(update_fields) <= _TEXT_ONLY:
        from resultat.search.indexing import rewrite_body_now

        rewrite_body_now(instance.pk, instance.body)
        return
    _schedule("contribution", [instance.pk])


def _item(sender, instance, **kwargs):
    _schedule("contribution", [instance.contribution_id])
    for source, pk in (("initiative", instance.initiative_id), ("arena", instance.arena_id)):
        if pk:
            _schedule(source, [pk])


def _cycle(sender, instance, created=False, **kwargs):
    if created:
        return
    from resultat.followup.models import Contribution

    cycle_id = instance.pk

    def ids():
        return list(Contribution.objects.filter(cycle_id=cycle_id).values_list("pk", flat=True))

    from django.db import transaction

    from resultat.search.indexing import index_safely

    def reindex():
        from resultat.followup.models import ContributionItem

        index_safely("contribution", ids())
        mentions = ContributionItem.objects.filter(contribution__cycle_id=cycle_id)
        index_safely("initiative", mentions.exclude(initiative=None).values_list("initiative_id", flat=True))
        index_safely("arena", mentions.exclude(arena=None).values_list("arena_id", flat=True))

    transaction.on_commit(reindex, robust=True)


def _simple(source):
    def handler(sender, instance, **kwargs):
        _schedule(source, [instance.pk])

    return handler


def _initiative_areas(sender, instance, action, **kwargs):
    if action.startswith("post_") and getattr(instance, "_meta", None) and instance._meta.model_name == "initiative":
        _schedule("initiative", [instance.pk])
