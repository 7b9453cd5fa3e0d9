"""Reads of the strategy: the current version, a version's tree, exports.

The read rule for strategy versions is here, once: :func:`public_versions` (which
versions anyone may read) and :func:`version_in_force` (which one the public sees by
default). The strategy pages, the open data and API (``datasets.py``) and search
(``search_kinds.py``) read versions through them; tests/strategy/test_read_rule.py
narrows the rule and checks that every reader follows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from resultat.reference.models import SdgGoal
from resultat.strategy.models import (
    Challenge,
    Need,
    OverallGoal,
    Perspective,
    Priority,
    Strategy,
    StrategyVersion,
    SubPriority,
)


def default_strategy() -> Strategy | None:
    qs = Strategy.objects.select_related("region").order_by("code")
    return qs.filter(region__slug=settings.RESULTAT_REGION).first() or qs.first()


def public_versions() -> QuerySet[StrategyVersion]:
    """THE read rule for strategy versions: every loaded version, drafts included. A
    strategy version is a public document, not follow-up text: a proposal such as a
    remissutkast is shown to everyone, signed in or not, marked as a draft and linked to
    the version in force (:func:`version_in_force`); no role is needed to read it."""
    return StrategyVersion.objects.select_related("strategy", "previous")


def current_version(strategy: Strategy) -> StrategyVersion | None:
    """The newest version that is not superseded, else the newest of all."""
    versions = strategy.versions.order_by("-valid_from", "-id")
    return versions.exclude(status=StrategyVersion.Status.SUPERSEDED).first() or versions.first()


def version_in_force(strategy: Strategy) -> StrategyVersion | None:
    """The version the public sees by default: the newest adopted one (the strategy in
    force); a draft such as a remissutkast only when nothing is adopted."""
    readable = public_versions().filter(strategy=strategy).order_by("-valid_from", "-id")
    adopted = readable.filter(status=StrategyVersion.Status.ADOPTED).first()
    return adopted or readable.exclude(status=StrategyVersion.Status.SUPERSEDED).first() or readable.first()


def get_version(strategy_code: str, version_code: str) -> StrategyVersion:
    version = public_versions().select_related("strategy__region").filter(strategy__code=strategy_code, code=version_code).first()
    if version is None:
        raise Http404("Strategiversionen finns inte")
    return version


def versions_of(strategy: Strategy) -> list[StrategyVersion]:
    return list(public_versions().filter(strategy=strategy).order_by("-valid_from", "-id"))


def goals_of(version: StrategyVersion):
    return OverallGoal.objects.filter(version=version).prefetch_related("sdg_goals")


def perspectives_of(version: StrategyVersion):
    return Perspective.objects.filter(version=version)


def priorities_with_subpriorities(version: StrategyVersion):
    return (
        Priority.objects.filter(version=version)
        .select_related("version__strategy")
        .prefetch_related(
            Prefetch("subpriorities", queryset=SubPriority.objects.select_related("version__strategy").order_by("order")),
            "sdg_goals",
        )
    )


def get_priority(version: StrategyVersion, code: str) -> Priority:
    priority = (
        Priority.objects.filter(version=version, code=code)
        .select_related("version__strategy")
        .prefetch_related("related_plans", "sdg_goals", "sdg_targets", "framework_items__framework", "subpriorities")
        .first()
    )
    if priority is None:
        raise Http404("Prioriteringen finns inte i den här versionen")
    return priority


def get_subpriority(version: StrategyVersion, code: str) -> SubPriority:
    sub = (
        SubPriority.objects.filter(version=version, code=code)
        .select_related("priority", "version__strategy")
        .prefetch_related(
            Prefetch("challenges", queryset=Challenge.objects.order_by("order").prefetch_related(Prefetch("needs", queryset=Need.objects.order_by("order")))),
            "perspective_texts__perspective",
            "sdg_goals",
            "sdg_targets__goal",
            "framework_items__framework",
            "priority__sdg_goals",
            "priority__framework_items__framework",
        )
        .first()
    )
    if sub is None:
        raise Http404("Delprioriteringen finns inte i den här versionen")
    return sub


def neighbours(version: StrategyVersion, sub: SubPriority) -> tuple[SubPriority | None, SubPriority | None]:
    ordered = list(SubPriority.objects.filter(version=version).order_by("order").only("code", "number", "title", "order"))
    index = next(i for i, s in enumerate(ordered) if s.pk == sub.pk)
    return (ordered[index - 1] if index > 0 else None, ordered[index + 1] if index + 1 < len(ordered) else None)


def counterparts(element: Priority | OverallGoal | Perspective | SubPriority) -> list[dict[str, Any]]:
    """The same element in the previous and the following versions, by the mapping
    tables (or, without a mapping entry, by the stable code)."""
    model = type(element)
    version = element.version
    found: list[dict[str, Any]] = []
    if version.previous_id:
        codes = list(version.mappings.filter(to_code=element.code).values_list("from_code", flat=True)) or [element.code]
        note = version.mappings.filter(to_code=element.code).values_list("note", flat=True).first() or ""
        for other in model.objects.filter(version=version.previous, code__in=codes).select_related("version__strategy"):
            found.append({"relation": "previous", "element": other, "version": other.version, "note": note})
    for successor in version.successors.all():
        codes = list(successor.mappings.filter(from_code=element.code).values_list("to_code", flat=True)) or [element.code]
        note = successor.mappings.filter(from_code=element.code).values_list("note", flat=True).first() or ""
        for other in model.objects.filter(version=successor, code__in=codes).select_related("version__strategy"):
            found.append({"relation": "next", "element": other, "version": successor, "note": note})
    return found


def red_thread(sub: SubPriority) -> dict[str, Any]:
    """What a sub-priority links to upward: its own links, else its priority's."""
    goals = {g.number: g for g in sub.priority.sdg_goals.all()}
    goals.update({g.number: g for g in sub.sdg_goals.all()})
    for target in sub.sdg_targets.all():
        goals.setdefault(target.goal.number, target.goal)
    items = {i.code: i for i in sub.priority.framework_items.all()}
    items.update({i.code: i for i in sub.framework_items.all()})
    return {
        "sdg_goals": [goals[n] for n in sorted(goals)],
        "framework_items": sorted(items.values(), key=lambda i: (i.framework.order, i.order)),
        "sdg_basis": sub.sdg_basis or sub.priority.sdg_basis,
    }


def sdg_links(version: StrategyVersion, goal: SdgGoal) -> dict[str, list]:
    """Everything in a version that links to one Agenda 2030 goal (directly or by a target)."""
    direct = Q(sdg_goals=goal) | Q(sdg_targets__goal=goal)
    return {
        "goals": list(OverallGoal.objects.filter(direct, version=version).distinct()),
        "priorities": list(Priority.objects.filter(direct, version=version).distinct()),
        "subpriorities": list(SubPriority.objects.filter(direct, version=version).select_related("priority").distinct()),
    }


def _links_out(element) -> dict[str, Any]:
    items = list(element.framework_items.all())
    out: dict[str, Any] = {}
    sdg = [g.number for g in element.sdg_goals.all()]
    if sdg:
        out["sdg_goals"] = sdg
    targets = [t.code for t in element.sdg_targets.all()]
    if targets:
        out["sdg_targets"] = targets
    if element.sdg_basis:
        out["sdg_basis"] = element.sdg_basis
    national = [i.code for i in items if i.framework.code == "nat"]
    eu = [i.code for i in items if i.framework.code != "nat"]
    if national:
        out["national_areas"] = national
    if eu:
        out["eu_objectives"] = eu
    return out


def _lines_out(element) -> dict[str, Any]:
    if element.source_first_line and element.source_last_line:
        return {"source_lines": [element.source_first_line, element.source_last_line]}
    return {}


def _opt(**values) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "")}


def export_version(version: StrategyVersion) -> dict[str, Any]:
    """The version as a document in the strategy file format (docs/strategy-format.md)."""
    strategy = version.strategy
    region = strategy.region
    doc: dict[str, Any] = {
        "format": "resultat-strategy/1",
        "region": _opt(slug=region.slug, name=region.name, area=region.area.code if region.area else None),
        "strategy": _opt(code=strategy.code, name=strategy.name, short_name=strategy.short_name) | {"period": [strategy.period_start, strategy.period_end]},
        "version": _opt(
            code=version.code,
            name=version.name,
            status=version.status,
            adopted_on=version.adopted_on.isoformat() if version.adopted_on else None,
            valid_from=version.valid_from,
            language=version.language,
            source=version.source,
            source_file=version.source_file,
            previous=version.previous.code if version.previous else None,
            notes=version.notes,
        ),
        "levels": version.levels,
        "vision": _opt(title=version.vision_title, text=version.vision_text),
    }
    prefetch = ("sdg_goals", "sdg_targets", "framework_items__framework")
    doc["goals"] = [
        _opt(code=g.code, title=g.title, short_title=g.short_title, text=g.text) | _links_out(g) | _lines_out(g)
        for g in OverallGoal.objects.filter(version=version).prefetch_related(*prefetch)
    ]
    doc["perspectives"] = [
        _opt(code=p.code, title=p.title, description=p.description, requirement=p.requirement) | _lines_out(p)
        for p in Perspective.objects.filter(version=version)
    ]
    priorities = []
    for p in Priority.objects.filter(version=version).prefetch_related(*prefetch, "related_plans"):
        item = _opt(code=p.code, number=p.number, title=p.title, introduction=p.introduction) | _links_out(p)
        plans = [_opt(title=r.title, note=r.note) for r in p.related_plans.all()]
        if plans:
            item["related_plans"] = plans
        subs = []
        for s in (
            SubPriority.objects.filter(priority=p)
            .order_by("order")
            .prefetch_related(*prefetch, "challenges", "needs__challenge", "perspective_texts__perspective")
        ):
            sub = _opt(
                code=s.code, number=s.number, title=s.title, goal=s.goal, context=s.context, strengths=s.strengths, key_actors=s.key_actors
            )
            sub["challenges"] = [{"code": c.code, "label": c.label, "text": c.text} for c in s.challenges.all()]
            sub["needs"] = [
                _opt(code=n.code, label=n.label, challenge=n.challenge.code, title=n.title, text=n.text) for n in s.needs.all()
            ]
            texts = [{"perspective": t.perspective.code, "text": t.text} for t in s.perspective_texts.all()]
            if texts:
                sub["perspectives"] = texts
            subs.append(sub | _links_out(s) | _lines_out(s))
        item["subpriorities"] = subs
        priorities.append(item | _lines_out(p))
    doc["priorities"] = priorities
    mappings = [_opt(**{"from": m.from_code, "to": m.to_code, "note": m.note}) for m in version.mappings.all()]
    if mappings:
        doc["mapping_from_previous"] = mappings
    return doc
