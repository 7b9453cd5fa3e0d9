"""The reference data as open datasets: the 17 Agenda 2030 goals, their 169 targets
and the geography. Registered by ``reference/integrations.py``."""

from __future__ import annotations

from resultat.core.opendata.openapi import Filter
from resultat.core.opendata.spec import Dataset
from resultat.opendata.registry import MUNICIPALITY, SDG, Entry, column, register
from resultat.reference.models import Area, SdgGoal, SdgTarget

AREA_KIND = Filter("kind", "string", "Områdets typ.", enum=("country", "region", "municipality"))

# --- Agenda 2030 -------------------------------------------------------------------------------------

SDG_GOALS = Dataset(
    name="sdg-goals",
    title_sv="Agenda 2030: de 17 globala målen",
    title_en="Agenda 2030: the 17 goals",
    description_sv="De globala målen med namn på svenska och engelska och FN:s färger.",
    description_en="The Sustainable Development Goals with Swedish and English names and UN colours.",
    fields=(
        column("id", required=True, description="Målets nummer som text"),
        column("number", "integer"),
        column("name_sv"),
        column("name_en"),
        column("title_sv"),
        column("title_en"),
        column("colour"),
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
        order=40,
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
    description_sv="De 169 delmålen; den svenska texten är Resultats egen, inofficiella översättning från FN:s engelska text.",
    description_en="The 169 targets; the Swedish text is Resultat's own unofficial translation from the UN's English text.",
    fields=(column("id", required=True, description="Delmålets kod, t.ex. 9.c"), column("goal", "integer"), column("text_sv"), column("text_en")),
    sources=SDG_GOALS.sources,
)


def _sdg_targets(filters):
    qs = SdgTarget.objects.select_related("goal").order_by("goal__number", "order")
    if "sdg" in filters:
        qs = qs.filter(goal__number=filters["sdg"])
    return qs


register(
    Entry(
        order=40,
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
        column("id", required=True, description="SCB-kod"),
        column("kolada_code"),
        column("kind", description="country, region eller municipality"),
        column("name"),
        column("parent", nullable=True),
        column("population", "integer", nullable=True),
        column("population_year", "integer", nullable=True),
        column("population_source"),
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
        order=40,
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

