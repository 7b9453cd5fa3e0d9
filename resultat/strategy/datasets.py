"""The strategy's open datasets: strategy versions (with the goal tree in the API),
priorities and sub-priorities. Registered by ``strategy/integrations.py``."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Q

from resultat.core.opendata.spec import Dataset
from resultat.opendata.registry import SDG, SUBPRIORITY, Entry, as_date, column, register
from resultat.strategy import selectors

STRATEGY_SOURCE = ("Källa: regionens regionala utvecklingsstrategi",)
ORDER = 10


def public_versions():
    """The versions open data may publish: the strategy's one read rule,
    :func:`resultat.strategy.selectors.public_versions` (looked up when called, so the
    datasets can never keep a rule of their own)."""
    return selectors.public_versions()


def version_id(version) -> str:
    return f"{version.strategy.code}.{version.code}"


# --- strategy versions ----------------------------------------------------------------------

VERSIONS = Dataset(
    name="strategy-versions",
    title_sv="Strategiversioner",
    title_en="Strategy versions",
    description_sv="Versionerna av den regionala utvecklingsstrategin (status: adopted, superseded eller draft = förslag). API:ts post har hela målträdet.",
    description_en="Versions of the regional development strategy (status: adopted, superseded or draft = proposal). The API record has the full goal tree.",
    fields=(
        column("id", description="strategikod.versionskod", required=True),
        column("strategy", description="Strategins kod"),
        column("strategy_name"),
        column("version", description="Versionens kod"),
        column("name"),
        column("status", description="adopted, superseded eller draft (förslag)"),
        column("adopted_on", "date", nullable=True),
        column("valid_from", "integer", "Gäller från uppföljningsår"),
        column("previous", description="Föregående versions id", nullable=True),
        column("vision", description="Visionen"),
    ),
    sources=STRATEGY_SOURCE,
    keywords=("regional utvecklingsstrategi", "RUS"),
)


def _versions(filters):
    return public_versions().order_by("strategy__code", "valid_from", "code")


def _version_row(v) -> dict[str, Any]:
    return {
        "id": version_id(v),
        "strategy": v.strategy.code,
        "strategy_name": v.strategy.name,
        "version": v.code,
        "name": v.name,
        "status": v.status,
        "adopted_on": v.adopted_on.isoformat() if v.adopted_on else None,
        "valid_from": v.valid_from,
        "previous": version_id(v.previous) if v.previous_id else None,
        "vision": v.vision_title,
    }


def _version_lookup(ident: str):
    strategy, _, code = ident.partition(".")
    return _versions({}).filter(strategy__code=strategy, code=code).first()


def _version_detail(v) -> dict[str, Any]:
    doc = selectors.export_version(v)
    return {"tree": {k: doc[k] for k in ("levels", "vision", "goals", "perspectives", "priorities") if k in doc}}


register(
    Entry(
        order=ORDER,
        dataset=VERSIONS,
        queryset=_versions,
        serialize=_version_row,
        lookup=_version_lookup,
        detail=_version_detail,
        detail_schema={
            "type": "object",
            "properties": {"tree": {"type": "object", "description": "Hela målträdet i strategiformatet (docs/strategy-format.md)"}},
            "required": ["tree"],
        },
        modified=lambda: as_date(public_versions().aggregate(m=Max("loaded_at"))["m"]),
    )
)

# --- priorities and sub-priorities ------------------------------------------------------------

PRIORITIES = Dataset(
    name="priorities",
    title_sv="Prioriteringar",
    title_en="Priorities",
    description_sv="Strategins prioriteringar per version, med kopplingar till Agenda 2030.",
    description_en="The strategy's priorities per version, with links to Agenda 2030.",
    fields=(
        column("id", required=True, description="versionens id.kod"),
        column("version", description="Strategiversionens id"),
        column("code", description="Stabil kod, t.ex. p-1"),
        column("number"),
        column("title"),
        column("sdg_goals", "array", "Agenda 2030-mål", items="integer"),
    ),
    sources=STRATEGY_SOURCE,
    foreign_keys=({"fields": "version", "reference": {"resource": "strategy-versions", "fields": "id"}},),
)


def _priorities(filters):
    from resultat.strategy.models import Priority

    qs = Priority.objects.filter(version__in=public_versions()).select_related("version__strategy").prefetch_related("sdg_goals")
    if "sdg" in filters:
        qs = qs.filter(Q(sdg_goals__number=filters["sdg"]) | Q(sdg_targets__goal__number=filters["sdg"])).distinct()
    return qs.order_by("version__strategy__code", "version__valid_from", "order")


def _priority_row(p) -> dict[str, Any]:
    return {
        "id": f"{version_id(p.version)}.{p.code}",
        "version": version_id(p.version),
        "code": p.code,
        "number": p.number,
        "title": p.title,
        "sdg_goals": [g.number for g in p.sdg_goals.all()],
    }


def _split_lookup(ident: str) -> tuple[str, str, str]:
    strategy, _, rest = ident.partition(".")
    version, _, code = rest.partition(".")
    return strategy, version, code


def _priority_lookup(ident: str):
    s, v, c = _split_lookup(ident)
    return _priorities({}).filter(version__strategy__code=s, version__code=v, code=c).first()


register(Entry(order=ORDER, dataset=PRIORITIES, queryset=_priorities, serialize=_priority_row, lookup=_priority_lookup, filters=(SDG,)))

SUBPRIORITIES = Dataset(
    name="subpriorities",
    title_sv="Delprioriteringar",
    title_en="Sub-priorities",
    description_sv="Delprioriteringarna per version med mål och kopplingar till Agenda 2030-mål och delmål.",
    description_en="Sub-priorities per version with their goal and links to Agenda 2030 goals and targets.",
    fields=(
        column("id", required=True),
        column("version"),
        column("priority", description="Prioriteringens kod"),
        column("code", description="Stabil kod, t.ex. dp-1.2"),
        column("number"),
        column("title"),
        column("goal", description="Målet för delprioriteringen"),
        column("sdg_goals", "array", items="integer"),
        column("sdg_targets", "array"),
    ),
    sources=STRATEGY_SOURCE,
    foreign_keys=({"fields": "version", "reference": {"resource": "strategy-versions", "fields": "id"}},),
)


def _subpriorities(filters):
    from resultat.strategy.models import SubPriority

    qs = (
        SubPriority.objects.filter(version__in=public_versions())
        .select_related("version__strategy", "priority")
        .prefetch_related("sdg_goals", "sdg_targets")
    )
    if "sdg" in filters:
        qs = qs.filter(Q(sdg_goals__number=filters["sdg"]) | Q(sdg_targets__goal__number=filters["sdg"])).distinct()
    if "subpriority" in filters:
        qs = qs.filter(code=filters["subpriority"])
    return qs.order_by("version__strategy__code", "version__valid_from", "order")


def _subpriority_row(s) -> dict[str, Any]:
    return {
        "id": f"{version_id(s.version)}.{s.code}",
        "version": version_id(s.version),
        "priority": s.priority.code,
        "code": s.code,
        "number": s.number,
        "title": s.title,
        "goal": s.goal,
        "sdg_goals": [g.number for g in s.sdg_goals.all()],
        "sdg_targets": [t.code for t in s.sdg_targets.all()],
    }


def _subpriority_lookup(ident: str):
    # the code itself contains a dot (dp-1.2): strategy.version.dp-1.2
    strategy, _, rest = ident.partition(".")
    version, _, code = rest.partition(".")
    return _subpriorities({}).filter(version__strategy__code=strategy, version__code=version, code=code).first()


register(Entry(order=ORDER, dataset=SUBPRIORITIES, queryset=_subpriorities, serialize=_subpriority_row, lookup=_subpriority_lookup, filters=(SDG, SUBPRIORITY)))

