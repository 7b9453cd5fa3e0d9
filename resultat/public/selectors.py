"""Reads for the public site: the strategy edition shown, and per priority,
sub-priority, strategic area and Agenda 2030 goal the published contributions
year by year.

Which areas serve what (docs/public-site.md):

* a **priority** is served by the strategic areas *placed in its chapter* of the
  report in that year's strategy version (``AreaPlacement`` → ``Chapter.priority``);
* a **sub-priority** is served by the areas that *name it* (``StrategicArea.subpriorities``),
  matched by the sub-priority's stable code, so a link made on one version's
  element also holds for the same code in other versions.

Only published contributions of published cycles are shown, to everyone.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from resultat.followup import visibility as published
from resultat.followup.models import Contribution, ContributionItem, Cycle, StrategicArea
from resultat.public import hooks
from resultat.strategy import selectors as strategy_selectors
from resultat.strategy.models import Priority, StrategyVersion, SubPriority


def site_version() -> StrategyVersion | None:
    """The edition the start page shows: the same current version as the public
    strategy pages (the newest that is not superseded)."""
    strategy = strategy_selectors.default_strategy()
    if strategy is None:
        return None
    return strategy_selectors.current_version(strategy)


def published_cycles() -> list[Cycle]:
    return list(published.published_cycles().order_by("-year"))


def latest_cycle() -> Cycle | None:
    return published.published_cycles().order_by("-year").first()


def headline_indicators() -> list[Any]:
    """Headline indicators with their assessment for the start page. Empty until the
    indicators app registers a provider (hook ``public.headline_indicators``); the start page shows
    the section only when this is non-empty."""
    rows: list[Any] = []
    for provider in HEADLINE_PROVIDERS:
        rows.extend(provider())
    return rows


HEADLINE_PROVIDERS = hooks.HEADLINE_PROVIDERS


@dataclass
class AreaYear:
    area: StrategicArea
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class Year:
    cycle: Cycle
    element: Any = None  # the priority / sub-priority in that year's version
    areas: list[AreaYear] = field(default_factory=list)


def _contributions(cycle: Cycle, area_filter: Q):
    return (
        published.published_contributions()
        .filter(area_filter, cycle=cycle)
        .select_related("area", "question", "chapter")
        .prefetch_related(Prefetch("items", queryset=ContributionItem.objects.select_related("sdg_goal", "sdg_target", "arena", "initiative")))
        .order_by("chapter__order", "area_order", "area__name", "question__order")
    )


def _group(contributions) -> list[AreaYear]:
    grouped: OrderedDict[int, AreaYear] = OrderedDict()
    for c in contributions:
        grouped.setdefault(c.area_id, AreaYear(c.area)).contributions.append(c)
    return list(grouped.values())


def priority_years(code: str) -> list[Year]:
    years = []
    for cycle in published_cycles():
        element = Priority.objects.filter(version=cycle.version, code=code).first()
        areas = Q(area__placements__chapter__version=cycle.version, area__placements__chapter__priority__code=code)
        years.append(Year(cycle, element, _group(_contributions(cycle, areas).distinct())))
    return years


def subpriority_years(code: str) -> list[Year]:
    years = []
    for cycle in published_cycles():
        element = SubPriority.objects.filter(version=cycle.version, code=code).select_related("priority").first()
        areas = Q(area__subpriorities__code=code)
        years.append(Year(cycle, element, _group(_contributions(cycle, areas).distinct())))
    return years


def area_years(area: StrategicArea) -> list[Year]:
    return [Year(cycle, None, _group(_contributions(cycle, Q(area=area)))) for cycle in published_cycles()]


def sdg_citations(goal) -> list[tuple[Cycle, list[tuple[StrategicArea, list[ContributionItem]]]]]:
    """Per published year, per area: the items citing the goal (or one of its targets)."""
    out = []
    for cycle in published_cycles():
        items = (
            published.published_items()
            .filter(Q(sdg_goal=goal) | Q(sdg_target__goal=goal), contribution__cycle=cycle)
            .select_related("contribution__area", "sdg_target")
            .order_by("contribution__chapter__order", "contribution__area_order", "contribution__area__name", "order")
        )
        grouped: OrderedDict[int, tuple] = OrderedDict()
        for item in items:
            grouped.setdefault(item.contribution.area_id, (item.contribution.area, []))[1].append(item)
        if grouped:
            out.append((cycle, list(grouped.values())))
    return out


def element_in_any_version(model, code: str):
    """The element with the code in the site version, else in the newest version that has it."""
    version = site_version()
    found = model.objects.filter(version=version, code=code).first() if version else None
    if found is None:
        found = model.objects.filter(code=code).order_by("-version__valid_from").first()
    return found
