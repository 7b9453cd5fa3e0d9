"""What the follow-up counts for the strategic-learning pages (registered by
``followup/integrations.py`` with the ``learning.counters`` hook, served by
``resultat/learning/selectors.py``): the *filled* rule and the column "bidrag".

A contribution is *filled* when it has text or at least one typed item (docs/learning.md).
"""

from __future__ import annotations

from collections import Counter

from resultat.core.richtext import is_empty
from resultat.followup.models import Contribution


def is_filled(contribution: Contribution) -> bool:
    """Text or typed items (``items`` is best prefetched)."""
    return not is_empty(contribution.body) or bool(contribution.items.all())


def contributions_per_subpriority(cycles) -> dict[tuple[str, int], int]:
    """"bidrag": filled contributions of the areas linked to a sub-priority (by code, so
    versions line up), per (sub-priority code, year) of ``cycles``."""
    counts: Counter = Counter()
    contributions = (
        Contribution.objects.filter(cycle__in=list(cycles))
        .select_related("cycle")
        .prefetch_related("items", "area__subpriorities")
    )
    for c in contributions:
        if is_filled(c):
            for sp in c.area.subpriorities.all():
                counts[(sp.code, c.cycle.year)] += 1
    return dict(counts)
