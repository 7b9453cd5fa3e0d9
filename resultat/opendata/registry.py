"""The registry of open datasets: one entry per dataset/API resource.

An entry ties a ``Dataset`` description (fields → CSV columns, JSON records,
Frictionless schema, OpenAPI schema) to a queryset of published rows, a serializer
(one flat record per row), optional filters and an optional detail view. The API,
the downloads, ``datapackage.json``, the DCAT catalogue and ``resultat export
opendata`` all read this list, so adding a dataset is one ``register(...)`` call:

    register(Entry(dataset=Dataset(...), queryset=lambda f: ..., serialize=..., filters=(YEAR, AREA)))

Other apps (initiatives with funding, indicators …) add their entries the same way,
from their own module imported in ``ENTRY_MODULES`` (see docs/api.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import unescape
from importlib import import_module
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils.html import strip_tags

from resultat.core.opendata.openapi import ApiResource, Filter
from resultat.core.opendata.spec import Dataset, Field
from resultat.followup import visibility
from resultat.reference.models import Area, SdgGoal, SdgTarget

# --- filters -----------------------------------------------------------------------------

YEAR = Filter("year", "integer", "Uppföljningsår, t.ex. 2025.", minimum=1900, maximum=2100)
SUBPRIORITY = Filter("subpriority", "string", "Delprioriteringens kod, t.ex. dp-1.2 (stabil mellan versioner).")
AREA = Filter("area", "string", "Det strategiska områdets kod, t.ex. a-digitalisering.")
MUNICIPALITY = Filter("municipality", "string", "Kommunkod (SCB), t.ex. 2480.")
SDG = Filter("sdg", "integer", "Agenda 2030-målets nummer (1–17).", minimum=1, maximum=17)
KIND = Filter("kind", "string", "Listpostens typ.", enum=("environment_factor", "activity", "arena", "sdg", "initiative"))
AREA_KIND = Filter("kind", "string", "Områdets typ.", enum=("country", "region", "municipality"))


@dataclass(frozen=True)
class Entry:
    dataset: Dataset
    queryset: Callable[[dict[str, Any]], QuerySet]  # published rows, filters applied
    serialize: Callable[[Any], dict[str, Any]]  # one flat record (the dataset's fields)
    lookup: Callable[[str], Any] | None = None  # id → object (published) or None
    detail: Callable[[Any], dict[str, Any]] | None = None  # extra keys of the detail object
    detail_schema: dict[str, Any] | None = None
    filters: tuple[Filter, ...] = ()
    modified: Callable[[], date | None] = lambda: None
    api: bool = True
    download: bool = True

    @property
    def name(self) -> str:
        return self.dataset.name

    def api_resource(self) -> ApiResource:
        return ApiResource(self.dataset.name, self.dataset, self.filters, detail=self.lookup is not None, detail_schema=self.detail_schema)

    def rows(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return [self.serialize(obj) for obj in self.queryset(filters or {})]


ENTRIES: dict[str, Entry] = {}
# Modules that call register() for their datasets (the integrator adds e.g.
# "resultat.initiatives.opendata" and "resultat.indicators.opendata").
ENTRY_MODULES: list[str] = []
_loaded = False


def register(entry: Entry) -> Entry:
    if entry.name in ENTRIES and ENTRIES[entry.name] is not entry:
        raise ValueError(f"datamängden {entry.name} är redan registrerad")
    ENTRIES[entry.name] = entry
    return entry


def entries() -> list[Entry]:
    global _loaded
    if not _loaded:
        for module in ENTRY_MODULES:
            import_module(module)
        _loaded = True
    return list(ENTRIES.values())


def get(name: str) -> Entry | None:
    entries()
    return ENTRIES.get(name)


# --- helpers -----------------------------------------------------------------------------


def plain_text(html: str) -> str:
    return unescape(strip_tags(html or "")).strip()


def version_id(version) -> str:
    return f"{version.strategy.code}.{version.code}"


def contribution_id(c) -> str:
    return f"{c.cycle.year}.{c.area.code}.{c.question.code}"


def _date(value) -> date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") else value


def _last_published() -> date | None:
    return _date(visibility.published_cycles().aggregate(m=Max("published_at"))["m"])


def _f(name, type="string", description="", **kw) -> Field:
    return Field(name, type, description, **kw)


STRATEGY_SOURCE = ("Källa: regionens regionala utvecklingsstrategi",)
REPORT_SOURCE = ("Källa: regionens årliga uppföljning (publicerade bidrag)",)

# --- strategy versions ----------------------------------------------------------------------

VERSIONS = Dataset(
    name="strategy-versions",
    title_sv="Strategiversioner",
    title_en="Strategy versions",
    description_sv="Versionerna av den regionala utvecklingsstrategin (status: adopted, superseded eller draft = förslag). API:ts post har hela målträdet.",
    description_en="Versions of the regional development strategy (status: adopted, superseded or draft = proposal). The API record has the full goal tree.",
    fields=(
        _f("id", description="strategikod.versionskod", required=True),
        _f("strategy", description="Strategins kod"),
        _f("strategy_name"),
        _f("version", description="Versionens kod"),
        _f("name"),
        _f("status", description="adopted, superseded eller draft (förslag)"),
        _f("adopted_on", "date", nullable=True),
        _f("valid_from", "integer", "Gäller från uppföljningsår"),
        _f("previous", description="Föregående versions id", nullable=True),
        _f("vision", description="Visionen"),
    ),
    sources=STRATEGY_SOURCE,
    keywords=("regional utvecklingsstrategi", "RUS"),
)


def _versions(filters):
    return visibility.public_versions().order_by("strategy__code", "valid_from", "code")


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
    from resultat.strategy.selectors import export_version

    doc = export_version(v)
    return {"tree": {k: doc[k] for k in ("levels", "vision", "goals", "perspectives", "priorities") if k in doc}}


register(
    Entry(
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
        modified=lambda: _date(visibility.public_versions().aggregate(m=Max("loaded_at"))["m"]),
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
        _f("id", required=True, description="versionens id.kod"),
        _f("version", description="Strategiversionens id"),
        _f("code", description="Stabil kod, t.ex. p-1"),
        _f("number"),
        _f("title"),
        _f("sdg_goals", "array", "Agenda 2030-mål", items="integer"),
    ),
    sources=STRATEGY_SOURCE,
    foreign_keys=({"fields": "version", "reference": {"resource": "strategy-versions", "fields": "id"}},),
)


def _priorities(filters):
    from resultat.strategy.models import Priority

    qs = Priority.objects.filter(version__in=visibility.public_versions()).select_related("version__strategy").prefetch_related("sdg_goals")
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


register(Entry(dataset=PRIORITIES, queryset=_priorities, serialize=_priority_row, lookup=_priority_lookup, filters=(SDG,)))

SUBPRIORITIES = Dataset(
    name="subpriorities",
    title_sv="Delprioriteringar",
    title_en="Sub-priorities",
    description_sv="Delprioriteringarna per version med mål och kopplingar till Agenda 2030-mål och delmål.",
    description_en="Sub-priorities per version with their goal and links to Agenda 2030 goals and targets.",
    fields=(
        _f("id", required=True),
        _f("version"),
        _f("priority", description="Prioriteringens kod"),
        _f("code", description="Stabil kod, t.ex. dp-1.2"),
        _f("number"),
        _f("title"),
        _f("goal", description="Målet för delprioriteringen"),
        _f("sdg_goals", "array", items="integer"),
        _f("sdg_targets", "array"),
    ),
    sources=STRATEGY_SOURCE,
    foreign_keys=({"fields": "version", "reference": {"resource": "strategy-versions", "fields": "id"}},),
)


def _subpriorities(filters):
    from resultat.strategy.models import SubPriority

    qs = (
        SubPriority.objects.filter(version__in=visibility.public_versions())
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


register(Entry(dataset=SUBPRIORITIES, queryset=_subpriorities, serialize=_subpriority_row, lookup=_subpriority_lookup, filters=(SDG, SUBPRIORITY)))

# --- cycles ------------------------------------------------------------------------------------

CYCLES = Dataset(
    name="cycles",
    title_sv="Publicerade uppföljningar",
    title_en="Published follow-up cycles",
    description_sv="Ett år per rad: uppföljningsår, strategiversion och när den publicerades.",
    description_en="One row per year: follow-up year, strategy version and when it was published.",
    fields=(
        _f("id", required=True, description="Året som text"),
        _f("year", "integer"),
        _f("version", description="Strategiversionens id"),
        _f("published_at", "datetime", nullable=True),
        _f("contributions", "integer", "Antal publicerade bidrag"),
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
        dataset=CYCLES,
        queryset=_cycles,
        serialize=_cycle_row,
        lookup=lambda ident: _cycles({}).filter(year=int(ident)).first() if ident.isdigit() and len(ident) == 4 else None,
        filters=(YEAR,),
        modified=_last_published,
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
        _f("id", required=True, description="Områdets kod"),
        _f("name"),
        _f("units", "array", "Ansvariga verksamheter"),
        _f("subpriorities", "array", "Delprioriteringarnas koder"),
        _f("priorities", "array", "Prioriteringarnas koder (kapitelplacering)"),
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


register(Entry(dataset=AREAS, queryset=_areas, serialize=_area_row, lookup=lambda i: _areas({}).filter(code=i).first(), filters=(AREA, SUBPRIORITY)))

# --- contributions -----------------------------------------------------------------------------------

CONTRIBUTIONS = Dataset(
    name="contributions",
    title_sv="Publicerade bidrag",
    title_en="Published contributions",
    description_sv="Varje strategiskt områdes svar på varje fråga i en publicerad uppföljning (text som HTML och som ren text).",
    description_en="Each strategic area's answer to each question in a published follow-up (HTML and plain text).",
    fields=(
        _f("id", required=True, description="år.område.fråga"),
        _f("year", "integer"),
        _f("area", description="Områdets kod"),
        _f("area_name"),
        _f("chapter", description="Kapitlets kod (prioritering eller ru)"),
        _f("priority", description="Prioriteringens kod", nullable=True),
        _f("question", description="Frågans kod"),
        _f("question_title"),
        _f("body_html", description="Texten som begränsad HTML"),
        _f("text", description="Texten utan markering"),
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
        _f("id", required=True, description="bidragets id.typ.löpnummer (1, 2, … inom bidrag och typ)"),
        _f("contribution", description="Bidragets id"),
        _f("year", "integer"),
        _f("area"),
        _f("kind", description="environment_factor, activity, arena, sdg eller initiative"),
        _f("order", "integer"),
        _f("title"),
        _f("text"),
        _f("sdg_goal", "integer", nullable=True),
        _f("sdg_target", nullable=True),
        _f("arena", description="Samverkansytans kod", nullable=True),
        _f("initiative", description="Insatsens kod", nullable=True),
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
        modified=_last_published,
    )
)
register(Entry(dataset=ITEMS, queryset=_items, serialize=_item_row, filters=(YEAR, AREA, SUBPRIORITY, SDG, KIND), modified=_last_published))

# --- standing arenas ----------------------------------------------------------------------------------

ARENAS = Dataset(
    name="arenas",
    title_sv="Fasta samverkansytor",
    title_en="Standing arenas for collaboration",
    description_sv="Stående forum som publicerade bidrag nämner, med områden och år.",
    description_en="Standing forums mentioned in published contributions, with areas and years.",
    fields=(
        _f("id", required=True, description="Samverkansytans kod"),
        _f("name"),
        _f("convenor", description="Sammankallande"),
        _f("members", description="Deltagare"),
        _f("frequency", description="Mötesfrekvens"),
        _f("description"),
        _f("areas", "array", "Områden vars bidrag nämner den"),
        _f("years", "array", items="integer"),
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


register(Entry(dataset=ARENAS, queryset=_arenas, serialize=_arena_row, lookup=lambda i: _arenas({}).filter(code=i).first(), filters=(YEAR, AREA), modified=_last_published))

# --- initiatives (minimal; funding and assessments come with the register) -----------------------------

INITIATIVES = Dataset(
    name="initiatives",
    title_sv="Insatser",
    title_en="Initiatives",
    description_sv="Insatser (projekt, program, nätverk) som publicerade bidrag nämner, med de strategiska områdena.",
    description_en="Initiatives (projects, programmes, networks) mentioned in published contributions, with their strategic areas.",
    fields=(
        _f("id", required=True, description="Insatsens kod"),
        _f("name"),
        _f("description"),
        _f("areas", "array", "Strategiska områden"),
    ),
    sources=REPORT_SOURCE,
)


def _initiatives(filters):
    qs = visibility.public_initiatives().prefetch_related("areas")
    if "area" in filters:
        qs = qs.filter(areas__code=filters["area"]).distinct()
    if "subpriority" in filters:
        qs = qs.filter(areas__subpriorities__code=filters["subpriority"]).distinct()
    if "year" in filters:  # inside the published mentions (a bare mentions__ join would also match drafts)
        qs = qs.filter(mentions__in=visibility.published_items().filter(contribution__cycle__year=filters["year"])).distinct()
    return qs.order_by("code")


def _initiative_row(i) -> dict[str, Any]:
    return {"id": i.code, "name": i.name, "description": i.description, "areas": sorted(a.code for a in i.areas.all())}


register(
    Entry(
        dataset=INITIATIVES,
        queryset=_initiatives,
        serialize=_initiative_row,
        lookup=lambda i: _initiatives({}).filter(code=i).first(),
        filters=(YEAR, AREA, SUBPRIORITY),
        modified=_last_published,
    )
)

# --- Agenda 2030 -------------------------------------------------------------------------------------

SDG_GOALS = Dataset(
    name="sdg-goals",
    title_sv="Agenda 2030: de 17 globala målen",
    title_en="Agenda 2030: the 17 goals",
    description_sv="De globala målen med namn på svenska och engelska och FN:s färger.",
    description_en="The Sustainable Development Goals with Swedish and English names and UN colours.",
    fields=(
        _f("id", required=True, description="Målets nummer som text"),
        _f("number", "integer"),
        _f("name_sv"),
        _f("name_en"),
        _f("title_sv"),
        _f("title_en"),
        _f("colour"),
    ),
    sources=("Källa: FN (Agenda 2030), svensk översättning från Regeringskansliet/Globala målen",),
)


def _sdg_goals(filters):
    qs = SdgGoal.objects.order_by("number")
    if "sdg" in filters:
        qs = qs.filter(number=filters["sdg"])
    return qs


register(
    Entry(
        dataset=SDG_GOALS,
        queryset=_sdg_goals,
        serialize=lambda g: {
            "id": str(g.number),
            "number": g.number,
            "name_sv": g.name_sv,
            "name_en": g.name_en,
            "title_sv": g.title_sv,
            "title_en": g.title_en,
            "colour": g.colour,
        },
        lookup=lambda i: SdgGoal.objects.filter(number=int(i)).first() if i.isdigit() and len(i) <= 2 else None,
        filters=(SDG,),
    )
)

SDG_TARGETS = Dataset(
    name="sdg-targets",
    title_sv="Agenda 2030: delmål",
    title_en="Agenda 2030: targets",
    description_sv="De 169 delmålen; svensk text där en trogen källa finns.",
    description_en="The 169 targets; Swedish text where a faithful source exists.",
    fields=(_f("id", required=True, description="Delmålets kod, t.ex. 9.c"), _f("goal", "integer"), _f("text_sv"), _f("text_en")),
    sources=SDG_GOALS.sources,
)


def _sdg_targets(filters):
    qs = SdgTarget.objects.select_related("goal").order_by("goal__number", "order")
    if "sdg" in filters:
        qs = qs.filter(goal__number=filters["sdg"])
    return qs


register(
    Entry(
        dataset=SDG_TARGETS,
        queryset=_sdg_targets,
        serialize=lambda t: {"id": t.code, "goal": t.goal.number, "text_sv": t.text_sv, "text_en": t.text_en},
        lookup=lambda i: _sdg_targets({}).filter(code=i).first(),
        filters=(SDG,),
    )
)

# --- geography ---------------------------------------------------------------------------------------

GEOGRAPHY = Dataset(
    name="geography",
    title_sv="Geografi: riket, län och kommuner",
    title_en="Geography: country, regions and municipalities",
    description_sv="Områden med SCB- och Kolada-koder och folkmängd med källa.",
    description_en="Areas with SCB and Kolada codes and population with its source.",
    fields=(
        _f("id", required=True, description="SCB-kod"),
        _f("kolada_code"),
        _f("kind", description="country, region eller municipality"),
        _f("name"),
        _f("parent", nullable=True),
        _f("population", "integer", nullable=True),
        _f("population_year", "integer", nullable=True),
        _f("population_source"),
    ),
    sources=("Källa: SCB (koder och folkmängd)",),
)


def _geography(filters):
    qs = Area.objects.select_related("parent").order_by("code")
    if "municipality" in filters:
        qs = qs.filter(code=filters["municipality"])
    if "kind" in filters:
        qs = qs.filter(kind=filters["kind"])
    return qs


register(
    Entry(
        dataset=GEOGRAPHY,
        queryset=_geography,
        serialize=lambda a: {
            "id": a.code,
            "kolada_code": a.kolada_code,
            "kind": a.kind,
            "name": a.name,
            "parent": a.parent.code if a.parent_id else None,
            "population": a.population,
            "population_year": a.population_year,
            "population_source": a.population_source,
        },
        lookup=lambda i: _geography({}).filter(code=i).first(),
        filters=(MUNICIPALITY, AREA_KIND),
    )
)
