"""The follow-up's open datasets: published cycles, strategic areas, contributions,
their typed items and the standing arenas they mention. Registered by
``followup/integrations.py``; every queryset asks ``followup.visibility`` (the one rule)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max, Q

from resultat.core.opendata.openapi import Filter
from resultat.core.opendata.spec import Dataset
from resultat.core.richtext import to_plain_text
from resultat.followup import visibility
from resultat.opendata.registry import (
    AREA,
    SDG,
    SUBPRIORITY,
    YEAR,
    Entry,
    as_date,
    column,
    register,
)
from resultat.strategy.datasets import version_id

REPORT_SOURCE = ("Källa: regionens årliga uppföljning (publicerade bidrag)",)
ORDER = 20
KIND = Filter("kind", "string", "Listpostens typ.", enum=("environment_factor", "activity", "arena", "sdg", "initiative"))


def plain_text(html: str) -> str:
    """The one HTML-to-text of the product (core.richtext.to_plain_text): the API's text
    and the search index's text of a contribution are the same."""
    return to_plain_text(html)


def contribution_id(c) -> str:
    return f"{c.cycle.year}.{c.area.code}.{c.question.code}"


def last_published() -> date | None:
    return as_date(visibility.published_cycles().aggregate(m=Max("published_at"))["m"])


# --- cycles ------------------------------------------------------------------------------------

CYCLES = Dataset(
    name="cycles",
    title_sv="Publicerade uppföljningar",
    title_en="Published follow-up cycles",
    description_sv="Ett år per rad: uppföljningsår, strategiversion och när den publicerades.",
    description_en="One row per year: follow-up year, strategy version and when it was published.",
    fields=(
        column("id", required=True, description="Året som text"),
        column("year", "integer"),
        column("version", description="Strategiversionens id"),
        column("published_at", "datetime", nullable=True),
        column("contributions", "integer", "Antal publicerade bidrag"),
    ),
    sources=REPORT_SOURCE,
    foreign_keys=({"fields": "version", "reference": {"resource": "strategy-versions", "fields": "id"}},),
)


def _cycles(filters):
    from django.db.models import Count

    qs = visibility.published_cycles().annotate(n=Count("contributions", filter=Q(contributions__in=visibility.published_contributions())))
    if "year" in filters:
        qs = qs.filter(year=filters["year"])
    return qs.order_by("year")


def _cycle_row(c) -> dict[str, Any]:
    return {
        "id": str(c.year),
        "year": c.year,
        "version": version_id(c.version),
        "published_at": c.published_at.isoformat() if c.published_at else None,
        "contributions": getattr(c, "n", 0),
    }


register(
    Entry(
        order=ORDER,
        dataset=CYCLES,
        queryset=_cycles,
        serialize=_cycle_row,
        lookup=lambda ident: _cycles({}).filter(year=int(ident)).first() if ident.isdigit() and len(ident) == 4 else None,
        filters=(YEAR,),
        modified=last_published,
    )
)

# --- strategic areas ------------------------------------------------------------------------------

AREAS = Dataset(
    name="strategic-areas",
    title_sv="Strategiska områden",
    title_en="Strategic areas",
    description_sv="Områdena som följs upp år för år, med ansvariga verksamheter och de delprioriteringar de bidrar till.",
    description_en="The areas followed up year by year, with responsible units and the sub-priorities they serve.",
    fields=(
        column("id", required=True, description="Områdets kod"),
        column("name"),
        column("units", "array", "Ansvariga verksamheter"),
        column("subpriorities", "array", "Delprioriteringarnas koder"),
        column("priorities", "array", "Prioriteringarnas koder (kapitelplacering)"),
    ),
    sources=REPORT_SOURCE,
)


def _areas(filters):
    qs = visibility.public_areas().prefetch_related("units", "subpriorities", "placements__chapter")
    if "area" in filters:
        qs = qs.filter(code=filters["area"])
    if "subpriority" in filters:
        qs = qs.filter(subpriorities__code=filters["subpriority"]).distinct()
    return qs.order_by("code")


def _area_row(a) -> dict[str, Any]:
    return {
        "id": a.code,
        "name": a.name,
        "units": sorted({u.name for u in a.units.all()}),
        "subpriorities": sorted({s.code for s in a.subpriorities.all()}),
        "priorities": sorted({p.chapter.code for p in a.placements.all() if p.chapter.priority_id}),
    }


register(Entry(order=ORDER, dataset=AREAS, queryset=_areas, serialize=_area_row, lookup=lambda i: _areas({}).filter(code=i).first(), filters=(AREA, SUBPRIORITY)))

# --- contributions -----------------------------------------------------------------------------------

CONTRIBUTIONS = Dataset(
    name="contributions",
    title_sv="Publicerade bidrag",
    title_en="Published contributions",
    description_sv="Varje strategiskt områdes svar på varje fråga i en publicerad uppföljning (text som HTML och som ren text).",
    description_en="Each strategic area's answer to each question in a published follow-up (HTML and plain text).",
    fields=(
        column("id", required=True, description="år.område.fråga"),
        column("year", "integer"),
        column("area", description="Områdets kod"),
        column("area_name"),
        column("chapter", description="Kapitlets kod (prioritering eller ru)"),
        column("priority", description="Prioriteringens kod", nullable=True),
        column("question", description="Frågans kod"),
        column("question_title"),
        column("body_html", description="Texten som begränsad HTML"),
        column("text", description="Texten utan markering"),
    ),
    sources=REPORT_SOURCE,
)


def _contributions(filters):
    qs = visibility.published_contributions().select_related("cycle", "area", "chapter__priority", "question")
    if "year" in filters:
        qs = qs.filter(cycle__year=filters["year"])
    if "area" in filters:
        qs = qs.filter(area__code=filters["area"])
    if "subpriority" in filters:
        qs = qs.filter(area__subpriorities__code=filters["subpriority"]).distinct()
    if "sdg" in filters:
        qs = qs.filter(Q(items__sdg_goal__number=filters["sdg"]) | Q(items__sdg_target__goal__number=filters["sdg"])).distinct()
    return qs.order_by("cycle__year", "chapter__order", "area_order", "area__code", "question__order")


def _contribution_row(c) -> dict[str, Any]:
    return {
        "id": contribution_id(c),
        "year": c.cycle.year,
        "area": c.area.code,
        "area_name": c.area.name,
        "chapter": c.chapter.code,
        "priority": c.chapter.priority.code if c.chapter.priority_id else None,
        "question": c.question.code,
        "question_title": c.question.title,
        "body_html": c.body,
        "text": plain_text(c.body),
    }


def _contribution_lookup(ident: str):
    year, _, rest = ident.partition(".")
    area, _, question = rest.partition(".")
    if not (year.isdigit() and len(year) == 4):
        return None
    return _contributions({}).filter(cycle__year=int(year), area__code=area, question__code=question).first()


def _contribution_detail(c) -> dict[str, Any]:
    return {"items": [_item_row(i) for i in c.items.annotate(position=_position()).select_related("contribution__cycle", "contribution__area", "contribution__question", "sdg_goal", "sdg_target__goal", "arena", "initiative").order_by("kind", "order")]}


# --- contribution items -------------------------------------------------------------------------------

ITEMS = Dataset(
    name="contribution-items",
    title_sv="Typade listposter i publicerade bidrag",
    title_en="Typed list items of published contributions",
    description_sv="Omvärldsfaktorer, exempel på aktiviteter, fasta samverkansytor, Agenda 2030-mål och insatser som bidragen listar.",
    description_en="Environment factors, example activities, standing arenas, Agenda 2030 goals and initiatives listed in contributions.",
    fields=(
        column("id", required=True, description="bidragets id.typ.löpnummer (1, 2, … inom bidrag och typ)"),
        column("contribution", description="Bidragets id"),
        column("year", "integer"),
        column("area"),
        column("kind", description="environment_factor, activity, arena, sdg eller initiative"),
        column("order", "integer"),
        column("title"),
        column("text"),
        column("sdg_goal", "integer", nullable=True),
        column("sdg_target", nullable=True),
        column("arena", description="Samverkansytans kod", nullable=True),
        column("initiative", description="Insatsens kod", nullable=True),
    ),
    sources=REPORT_SOURCE,
    foreign_keys=({"fields": "contribution", "reference": {"resource": "contributions", "fields": "id"}},),
)


def _position():
    """An item's place among the items of its contribution and kind (1, 2, …) by
    (order, id) – independent of any filter, so ids stay stable."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery

    from resultat.followup.models import ContributionItem

    before = (
        ContributionItem.objects.filter(contribution=OuterRef("contribution"), kind=OuterRef("kind"))
        .filter(Q(order__lt=OuterRef("order")) | Q(order=OuterRef("order"), id__lte=OuterRef("id")))
        .order_by()
        .values("contribution")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(before, output_field=IntegerField())


def _items(filters):
    qs = visibility.published_items().annotate(position=_position()).select_related(
        "contribution__cycle", "contribution__area", "contribution__question", "sdg_goal", "sdg_target__goal", "arena", "initiative"
    )
    if "year" in filters:
        qs = qs.filter(contribution__cycle__year=filters["year"])
    if "area" in filters:
        qs = qs.filter(contribution__area__code=filters["area"])
    if "kind" in filters:
        qs = qs.filter(kind=filters["kind"])
    if "sdg" in filters:
        qs = qs.filter(Q(sdg_goal__number=filters["sdg"]) | Q(sdg_target__goal__number=filters["sdg"]))
    if "subpriority" in filters:
        qs = qs.filter(contribution__area__subpriorities__code=filters["subpriority"]).distinct()
    return qs.order_by("contribution__cycle__year", "contribution__area__code", "contribution__question__order", "kind", "order", "id")


def _item_position(i) -> int:
    position = getattr(i, "position", None)
    if position is None:
        position = (
            type(i).objects.filter(contribution_id=i.contribution_id, kind=i.kind).filter(Q(order__lt=i.order) | Q(order=i.order, id__lte=i.id)).count()
        )
    return position


def _item_row(i) -> dict[str, Any]:
    c = i.contribution
    return {
        "id": f"{contribution_id(c)}.{i.kind}.{_item_position(i)}",
        "contribution": contribution_id(c),
        "year": c.cycle.year,
        "area": c.area.code,
        "kind": i.kind,
        "order": i.order,
        "title": i.title,
        "text": i.text,
        "sdg_goal": i.sdg_goal.number if i.sdg_goal_id else (i.sdg_target.goal.number if i.sdg_target_id else None),
        "sdg_target": i.sdg_target.code if i.sdg_target_id else None,
        "arena": i.arena.code if i.arena_id else None,
        "initiative": i.initiative.code if i.initiative_id else None,
    }


ITEM_SCHEMA_REF = "#/components/schemas/ContributionItems"

register(
    Entry(
        order=ORDER,
        dataset=CONTRIBUTIONS,
        queryset=_contributions,
        serialize=_contribution_row,
        lookup=_contribution_lookup,
        detail=_contribution_detail,
        detail_schema={
            "type": "object",
            "properties": {"items": {"type": "array", "items": {"$ref": ITEM_SCHEMA_REF}}},
            "required": ["items"],
        },
        filters=(YEAR, AREA, SUBPRIORITY, SDG),
        modified=last_published,
    )
)
register(Entry(order=ORDER, dataset=ITEMS, queryset=_items, serialize=_item_row, filters=(YEAR, AREA, SUBPRIORITY, SDG, KIND), modified=last_published))

# --- standing arenas ----------------------------------------------------------------------------------

ARENAS = Dataset(
    name="arenas",
    title_sv="Fasta samverkansytor",
    title_en="Standing arenas for collaboration",
    description_sv="Stående forum som publicerade bidrag nämner, med områden och år.",
    description_en="Standing forums mentioned in published contributions, with areas and years.",
    fields=(
        column("id", required=True, description="Samverkansytans kod"),
        column("name"),
        column("convenor", description="Sammankallande"),
        column("members", description="Deltagare"),
        column("frequency", description="Mötesfrekvens"),
        column("description"),
        column("areas", "array", "Områden vars bidrag nämner den"),
        column("years", "array", items="integer"),
    ),
    sources=REPORT_SOURCE,
)


def _arenas(filters):
    from django.db.models import Prefetch

    qs = visibility.public_arenas().prefetch_related(
        Prefetch("items", queryset=visibility.published_items().select_related("contribution__area", "contribution__cycle"), to_attr="published")
    )
    # Each condition stays inside the published items: a separate filter on the
    # many-valued relation would join all items again, drafts included.
    if "area" in filters:
        qs = qs.filter(items__in=visibility.published_items().filter(contribution__area__code=filters["area"])).distinct()
    if "year" in filters:
        qs = qs.filter(items__in=visibility.published_items().filter(contribution__cycle__year=filters["year"])).distinct()
    return qs.order_by("code")


def _arena_row(a) -> dict[str, Any]:
    published = getattr(a, "published", None)
    if published is None:
        published = list(visibility.published_items().filter(arena=a).select_related("contribution__area", "contribution__cycle"))
    pairs = {(i.contribution.area.code, i.contribution.cycle.year) for i in published}
    return {
        "id": a.code,
        "name": a.name,
        "convenor": a.convenor,
        "members": a.members,
        "frequency": a.frequency,
        "description": a.description,
        "areas": sorted({p[0] for p in pairs}),
        "years": sorted({p[1] for p in pairs}),
    }


register(Entry(order=ORDER, dataset=ARENAS, queryset=_arenas, serialize=_arena_row, lookup=lambda i: _arenas({}).filter(code=i).first(), filters=(YEAR, AREA), modified=last_published))

