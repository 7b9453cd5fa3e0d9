"""Published content only: the one place that decides what the API, the downloads
and the export may show. Drafts never pass, whoever asks (no user argument)."""

from __future__ import annotations

from django.db.models import QuerySet

from resultat.followup.models import Contribution, ContributionItem, Cycle, StandingArena, StrategicArea
from resultat.initiatives.models import Initiative
from resultat.strategy.models import StrategyVersion


def public_versions() -> QuerySet[StrategyVersion]:
    """Every loaded strategy version. A strategy version is a public document (the
    public strategy pages show each, a proposal marked with status "draft"), so the
    API shows the same, with ``status``. "Drafts" in the sense of unpublished
    follow-up texts never appear (see published_contributions)."""
    return StrategyVersion.objects.select_related("strategy", "previous")


def published_cycles() -> QuerySet[Cycle]:
    return Cycle.objects.filter(state=Cycle.State.PUBLISHED).select_related("version__strategy")


def published_contributions() -> QuerySet[Contribution]:
    return Contribution.objects.filter(state=Contribution.State.PUBLISHED, cycle__state=Cycle.State.PUBLISHED)


def published_items() -> QuerySet[ContributionItem]:
    return ContributionItem.objects.filter(
        contribution__state=Contribution.State.PUBLISHED, contribution__cycle__state=Cycle.State.PUBLISHED
    )


def public_arenas() -> QuerySet[StandingArena]:
    return StandingArena.objects.filter(items__in=published_items()).distinct()


def public_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(mentions__in=published_items()).distinct()


def public_areas() -> QuerySet[StrategicArea]:
    """Strategic areas with at least one published contribution."""
    return StrategicArea.objects.filter(contributions__in=published_contributions()).distinct()
