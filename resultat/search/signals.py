"""Keeping the index current: every save of a source object schedules its re-index
after the transaction commits. The owners connect their models' signals to these
handlers from their ``integrations.py`` (the search app imports no content app), so
the writing code needs no edits; bulk writes that send no signals are covered by a
signal on the object saved with them (a contribution's items are written together
with the contribution; saving a cycle – publishing, locking, reopening – re-indexes
all its contributions, see ``followup/integrations.py``)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def reindex_on_save(model, source: str) -> None:
    """Re-index ``source`` documents of an object of ``model`` when it is saved or deleted."""
    handler = _simple(source)
    post_save.connect(handler, sender=model, dispatch_uid=f"search-{source}-{model._meta.label}", weak=False)
    post_delete.connect(handler, sender=model, dispatch_uid=f"search-{source}-{model._meta.label}-del", weak=False)


def _schedule(source, ids):
    from resultat.search.indexing import schedule

    schedule(source, ids)


schedule_source = _schedule  # for owners' own handlers (e.g. a related model's save)


# Fields an autosave changes: then only the text of the contribution's document is
# rewritten (indexing.schedule_body), not its items, links and mentions.
_TEXT_ONLY = frozenset({"body", "revision", "updated_by", "updated_at", "carry_over_confirmed"})


def contribution_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and frozenset(update_fields) <= _TEXT_ONLY:
        from resultat.search.indexing import rewrite_body_now

        rewrite_body_now(instance.pk, instance.body)
        return
    if update_fields and "body" in update_fields and frozenset(update_fields) <= _TEXT_ONLY | {"state"}:
        # The text saved and the state moved with it (an editor's first save: not
        # started -> draft): the full re-index of this one contribution, in the saving
        # transaction rather than a second one after the commit (see rewrite_body_now).
        from resultat.search.indexing import index_in_transaction

        index_in_transaction("contribution", [instance.pk])
        return
    _schedule("contribution", [instance.pk])


def item_saved(sender, instance, **kwargs):
    _schedule("contribution", [instance.contribution_id])
    for source, pk in (("initiative", instance.initiative_id), ("arena", instance.arena_id)):
        if pk:
            _schedule(source, [pk])


def _simple(source):
    def handler(sender, instance, **kwargs):
        _schedule(source, [instance.pk])

    return handler


def related_changed(model_name: str, source: str):
    """An m2m_changed handler: re-index the ``source`` document of the ``model_name``
    object whose relation changed (the forward side only)."""

    def handler(sender, instance, action, **kwargs):
        if action.startswith("post_") and getattr(instance, "_meta", None) and instance._meta.model_name == model_name:
            _schedule(source, [instance.pk])

    return handler
