"""What the initiative register counts for the strategic-learning pages (registered by
``initiatives/integrations.py`` with the ``learning.counters`` hook, served by
``resultat/learning/selectors.py``): the column "insatser"."""

from __future__ import annotations

from collections import defaultdict

from resultat.followup.models import ContributionItem


def initiatives_per_subpriority(cycles) -> dict[tuple[str, int], int]:
    """"insatser": distinct initiatives that the contributions of the areas linked to a
    sub-priority mention, per (sub-priority code, year) of ``cycles`` (a mention is an
    item, so its contribution is filled)."""
    mentions = (
        ContributionItem.objects.filter(contribution__cycle__in=list(cycles))
        .exclude(initiative=None)
        .values_list("contribution__area__subpriorities__code", "contribution__cycle__year", "initiative_id")
        .distinct()
    )
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for code, year, initiative_id in mentions:
        if code:
            seen[(code, year)].add(initiative_id)
    return {k: len(v) for k, v in seen.items()}
