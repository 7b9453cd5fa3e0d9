"""Domain events: the one place where an app announces something other apps react to.

Publishing a follow-up cycle is the product's central event. It is sent in two steps:

``cycle_publishing``
    sent *inside* the publishing transaction, after the contributions have become
    public. Receivers do what must be atomic with publishing: freezing the report
    edition (a published cycle always has its frozen edition, and an edition that
    refuses, e.g. because it would carry synthetic values, rolls the publishing
    back). A receiver that raises aborts the publication.

``cycle_published``
    sent with ``transaction.on_commit`` once the publication is durable. Receivers do
    what may lag or fail without undoing it: re-indexing search, clearing caches,
    notifications. A receiver that fails is logged; the publication stands.

Both send ``cycle`` (the Cycle instance) and ``actor`` (a user or None for the CLI).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

log = logging.getLogger(__name__)

cycle_publishing = Signal()
cycle_published = Signal()


def announce_publication(cycle, actor) -> None:
    """Send both events for a cycle being published; call inside its transaction."""
    cycle_publishing.send(sender=type(cycle), cycle=cycle, actor=actor)

    def after_commit() -> None:
        for receiver, result in cycle_published.send_robust(sender=type(cycle), cycle=cycle, actor=actor):
            if isinstance(result, Exception):
                log.error("cycle_published receiver %r failed for cycle %s", receiver, cycle.pk, exc_info=result)

    transaction.on_commit(after_commit)
