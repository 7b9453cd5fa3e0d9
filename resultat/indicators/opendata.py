"""The indicator store as open data: two registry entries (API, downloads,
datapackage.json, DCAT catalogue, export) and the Open SDG tidy CSV per indicator.

* ``indicators`` – one row per indicator: metadata, links to the strategy's elements
  (by stable code) and Agenda 2030 goals, the assessment shown on the indicator page
  (an analyst's override wins over the automatic status; both are given), the latest
  county and country values and the provenance line.
* ``indicator-observations`` – one row per observation with its provenance: source,
  external id, when the raw response was fetched, its URL and whether the value is a
  synthetic demo value (``synthetic`` = true: "Syntetiska demovärden", not real data).

Registered by ``indicators/integrations.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max, Q, QuerySet

from resultat.core.charts.specs import SYNTHETIC_NOTE
from resultat.core.opendata import opensdg
from resultat.core.opendata.openapi import Filter
from resultat.core.opendata.spec import Dataset, Field
from resultat.indicators import selectors
from resultat.indicators.models import Indicator, IndicatorLink, Observation, Source
from resultat.opendata.registry import MUNICIPALITY, SDG, SUBPRIORITY, YEAR, Entry, register

SOURCES = (
    "Källa: Kolada (RKA, kolada.se)",
    "Källa: SCB (Statistikdatabasen, PxWebApi 2.0)",
    "Källa: manuellt inlästa uppgifter med sin källhänvisning (t.ex. BRP+)",
)
SYNTHETIC_SV = (
    f"{SYNTHETIC_NOTE}: poster med synthetic = true är påhittade demovärden, inte verkliga uppgifter "
    "från källan; de ersätts när regionen hämtar data med 'resultat indicators sync'."
)
SYNTHETIC_EN = (
    "Synthetic demo values (Syntetiska demovärden): records with synthetic = true are made up for the "
    "demonstration, not real data from the source; they are replaced when the region runs 'resultat indicators sync'."
)

INDICATOR = Filter("indicator", "string", "Indikatorns id (kolada-N01951) eller id hos källan (N01951).")
GEOCODE = Filter("geocode", "string", "Områdets SCB-kod: 00 riket, 24 ett län, 2480 en kommun.")
GENDER = Filter("gender", "string", "Kön: T totalt, K kvinnor, M män.", enum=("T", "K", "M"))

STRATEGY_KINDS = {
    IndicatorLink.Kind.GOAL: "goals",
    IndicatorLink.Kind.PERSPECTIVE: "perspectives",
    IndicatorLink.Kind.PRIORITY: "priorities",
    IndicatorLink.Kind.SUBPRIORITY: "subpriorities",
}


def indicator_id(indicator: Indicator) -> str:
    """Stable public id: ``<source>-<external id>`` (kolada-N01951, manual-BRP-LIVSKVALITET)."""
    return f"{indicator.source}-{indicator.external_id}"


def _split_id(ident: str) -> tuple[str, str]:
    source, _, external = ident.partition("-")
    return source, external


def _f(name, type="string", description="", **kw) -> Field:
    return Field(name, type, description, **kw)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _date(value) -> date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") else value


# --- indicators ---------------------------------------------------------------------------------

INDICATORS = Dataset(
    name="indicators",
    title_sv="Indikatorer",
    title_en="Indicators",
    description_sv=(
        "Indikatorerna som följer upp strategins mål, prioriteringar och delprioriteringar och Agenda 2030-målen: "
        "källa, enhet, riktning, kopplingar, bedömning av utvecklingen (automatisk enligt Open SDG:s metod eller "
        f"manuell med motivering) och senaste värden för länet och riket. {SYNTHETIC_SV}"
    ),
    description_en=(
        "The indicators following up the strategy's goals, priorities and sub-priorities and the Agenda 2030 goals: "
        "source, unit, direction, links, assessment of progress (automatic by Open SDG's method or an analyst's "
        f"override with justification) and the latest county and country values. {SYNTHETIC_EN}"
    ),
    fields=(
        _f("id", required=True, description="källa-id hos källan, t.ex. kolada-N01951"),
        _f("source", description="kolada, scb eller manual"),
        _f("source_name", description="Källans namn"),
        _f("external_id", description="Indikatorns id hos källan"),
        _f("title"),
        _f("title_verified", "boolean", "Titeln är kontrollerad mot källan"),
        _f("unit"),
        _f("description"),
        _f("direction", description="higher (högre är bättre) eller lower (lägre är bättre)"),
        _f("has_gender_split", "boolean", "Källan delar upp på kvinnor och män"),
        _f("decimals", "integer", "Antal decimaler som visas"),
        _f("synthetic", "boolean", f"Någon observation är syntetisk ({SYNTHETIC_NOTE})"),
        _f("source_url", description="Indikatorn hos källan"),
        _f("page", description="Indikatorns sida på webbplatsen (sökväg)"),
        _f("opensdg_csv", description="Open SDG tidy CSV (sökväg)"),
        _f("goals", "array", "Övergripande mål (koder)"),
        _f("perspectives", "array", "Inriktningar (koder)"),
        _f("priorities", "array", "Prioriteringar (koder)"),
        _f("subpriorities", "array", "Delprioriteringar (koder)"),
        _f("sdg_goals", "array", "Agenda 2030-mål", items="integer"),
        _f("status", description="Bedömningen som gäller (manuell om en sådan finns)"),
        _f("status_label", description="Bedömningen i text"),
        _f("automatic_status", description="Den automatiska bedömningen"),
        _f("overridden", "boolean", "En analytiker har ändrat bedömningen"),
        _f("override_justification", description="Analytikerns motivering", nullable=True),
        _f("override_at", "datetime", "När bedömningen ändrades", nullable=True),
        _f("comparison", description="Länet jämfört med riket"),
        _f("area", description="Länets SCB-kod som bedömningen gäller"),
        _f("latest_year", "integer", nullable=True),
        _f("latest_value", "number", "Länets senaste värde", nullable=True),
        _f("country_value", "number", "Rikets värde samma år", nullable=True),
        _f("attribution", description="Källa och hämtdatum (eller att värdena är syntetiska)"),
        _f("fetched_at", "datetime", "Senast hämtad", nullable=True),
    ),
    sources=SOURCES,
    keywords=("indikatorer", "Agenda 2030", "Kolada", "SCB", "regional utveckling"),
    foreign_keys=({"fields": "area", "reference": {"resource": "geography", "fields": "id"}},),
)


def _indicators(filters: dict[str, Any]) -> QuerySet:
    qs = Indicator.objects.prefetch_related("links__sdg_goal", "links__strategy")
    if "indicator" in filters:
        qs = qs.filter(_indicator_q(filters["indicator"], prefix=""))
    if "sdg" in filters:
        qs = qs.filter(pk__in=IndicatorLink.objects.filter(sdg_goal__number=filters["sdg"]).values("indicator_id"))
    if "subpriority" in filters:
        qs = qs.filter(pk__in=IndicatorLink.objects.filter(kind=IndicatorLink.Kind.SUBPRIORITY, element_code=filters["subpriority"]).values("indicator_id"))
    return qs.order_by("source", "external_id")


def _indicator_q(value: str, prefix: str) -> Q:
    q = Q(**{f"{prefix}external_id": value})
    source, external = _split_id(value)
    if source in Source.values and external:
        q |= Q(**{f"{prefix}source": source, f"{prefix}external_id": external})
    return q


def _indicator_row(ind: Indicator) -> dict[str, Any]:
    county = selectors.home_area_code()
    a = selectors.assessment(ind, None, county)
    p = selectors.provenance(ind)
    links = list(ind.links.all())
    codes = {key: sorted({lk.element_code for lk in links if lk.kind == kind}) for kind, key in STRATEGY_KINDS.items()}
    comparison_country = a.comparison.country if a.comparison.year == a.automatic.current_year else None
    return {
        "id": indicator_id(ind),
        "source": ind.source,
        "source_name": str(ind.get_source_display()),
        "external_id": ind.external_id,
        "title": ind.title,
        "title_verified": ind.title_verified,
        "unit": ind.unit,
        "description": ind.description,
        "direction": ind.direction,
        "has_gender_split": ind.has_gender_split,
        "decimals": ind.decimals,
        "synthetic": ind.synthetic,
        "source_url": ind.source_url,
        "page": ind.get_absolute_url(),
        "opensdg_csv": opensdg_url(ind),
        **codes,
        "sdg_goals": sorted({lk.sdg_goal.number for lk in links if lk.sdg_goal_id}),
        "status": a.status,
        "status_label": str(a.label),
        "automatic_status": a.automatic.status.value,
        "overridden": a.overridden,
        "override_justification": a.override.justification if a.override else None,
        "override_at": _iso(a.override.created_at) if a.override else None,
        "comparison": str(a.comparison.text) if selectors.comparable(ind) else "Ingen jämförelse med riket (antal).",
        "area": county,
        "latest_year": a.automatic.current_year,
        "latest_value": a.automatic.current_value,
        "country_value": comparison_country if selectors.comparable(ind) else None,
        "attribution": p.text,
        "fetched_at": _iso(p.fetched_at),
    }


def _link_record(link: IndicatorLink, county: str) -> dict[str, Any]:
    a = selectors.assessment(link.indicator, link, county)
    return {
        "kind": link.kind,
        "strategy": link.strategy.code if link.strategy_id else None,
        "element": link.element_code or None,
        "sdg_goal": link.sdg_goal.number if link.sdg_goal_id else None,
        "target_value": link.target_value,
        "target_year": link.target_year,
        "direction": link.direction,
        "status": a.status,
        "status_label": str(a.label),
        "automatic_status": a.automatic.status.value,
        "progress_value": a.automatic.progress_value,
        "base_year": a.automatic.base_year,
        "current_year": a.automatic.current_year,
    }


def _indicator_detail(ind: Indicator) -> dict[str, Any]:
    county = selectors.home_area_code()
    a = selectors.assessment(ind, None, county)
    override = None
    if a.override:
        override = {"status": a.override.status, "justification": a.override.justification, "at": _iso(a.override.created_at)}
    return {
        "assessment": {
            "status": a.status,
            "automatic_status": a.automatic.status.value,
            "method": a.automatic.method,
            "base_year": a.automatic.base_year,
            "base_value": a.automatic.base_value,
            "current_year": a.automatic.current_year,
            "current_value": a.automatic.current_value,
            "progress_value": a.automatic.progress_value,
            "reason": str(a.automatic.reason or ""),
            "override": override,
        },
        "links": [_link_record(lk, county) for lk in ind.links.all()],
    }


_NUM = {"type": ["number", "null"]}
_INT = {"type": ["integer", "null"]}
DETAIL_SCHEMA = {
    "type": "object",
    "properties": {
        "assessment": {
            "type": "object",
            "description": "Den automatiska bedömningen i detalj och en eventuell manuell bedömning",
            "properties": {
                "status": {"type": "string"},
                "automatic_status": {"type": "string"},
                "method": {"type": "integer", "description": "1 utan målvärde, 2 mot målvärde"},
                "base_year": _INT,
                "base_value": _NUM,
                "current_year": _INT,
                "current_value": _NUM,
                "progress_value": _NUM,
                "reason": {"type": "string"},
                "override": {
                    "type": ["object", "null"],
                    "properties": {"status": {"type": "string"}, "justification": {"type": "string"}, "at": {"type": "string", "format": "date-time"}},
                    "required": ["status", "justification", "at"],
                },
            },
            "required": ["status", "automatic_status", "override"],
        },
        "links": {
            "type": "array",
            "description": "Kopplingar med målvärde och bedömningen mot målet",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": list(IndicatorLink.Kind.values)},
                    "strategy": {"type": ["string", "null"]},
                    "element": {"type": ["string", "null"]},
                    "sdg_goal": _INT,
                    "target_value": _NUM,
                    "target_year": _INT,
                    "direction": {"type": "string"},
                    "status": {"type": "string"},
                    "status_label": {"type": "string"},
                    "automatic_status": {"type": "string"},
                    "progress_value": _NUM,
                    "base_year": _INT,
                    "current_year": _INT,
                },
                "required": ["kind", "strategy", "element", "sdg_goal", "target_value", "target_year", "status"],
            },
        },
    },
    "required": ["assessment", "links"],
}


def _indicator_lookup(ident: str) -> Indicator | None:
    source, external = _split_id(ident)
    if source not in Source.values or not external:
        return None
    return _indicators({}).filter(source=source, external_id=external).first()


def _indicators_modified() -> date | None:
    return _date(Indicator.objects.aggregate(m=Max("updated_at"))["m"])


register(
    Entry(
        order=50,
        dataset=INDICATORS,
        queryset=_indicators,
        serialize=_indicator_row,
        lookup=_indicator_lookup,
        detail=_indicator_detail,
        detail_schema=DETAIL_SCHEMA,
        filters=(INDICATOR, SDG, SUBPRIORITY),
        modified=_indicators_modified,
    )
)

# --- observations ---------------------------------------------------------------------------------

OBSERVATIONS = Dataset(
    name="indicator-observations",
    title_sv="Indikatorvärden med källa",
    title_en="Indicator values with provenance",
    description_sv=(
        "Varje värde i indikatorlagret: indikator, område (SCB-kod), år, kön, värde och status, med proveniens – "
        f"källa, id hos källan, när svaret hämtades och dess URL. {SYNTHETIC_SV}"
    ),
    description_en=(
        "Every value in the indicator store: indicator, area (SCB code), year, gender, value and status, with "
        f"provenance – source, the source's id, when the response was fetched and its URL. {SYNTHETIC_EN}"
    ),
    fields=(
        _f("id", required=True, description="indikatorns id.områdeskod.period.kön (perioden: året, eller t.ex. 2026M01)"),
        _f("indicator", description="Indikatorns id (kolada-N01951)"),
        _f("source", description="kolada, scb eller manual"),
        _f("external_id", description="Indikatorns id hos källan"),
        _f("geocode", description="Områdets SCB-kod (00 riket, 24 länet, 2480 kommunen)"),
        _f("area_name"),
        _f("area_kind", description="country, region eller municipality"),
        _f("year", "integer"),
        _f("period", description="Perioden: året (2025), eller källans kortare period: halvår 2026H1, kvartal 2026K1, "
                                 "månad 2026M01, vecka 2026V01, brutet år 2025/26"),
        _f("gender", description="T totalt, K kvinnor, M män"),
        _f("value", "number", nullable=True),
        _f("unit"),
        _f("status", description="Källans status för värdet (t.ex. saknas, preliminärt)"),
        _f("synthetic", "boolean", f"true: {SYNTHETIC_NOTE}, inte en verklig uppgift"),
        _f("fetched_at", "datetime", "När källans svar hämtades", nullable=True),
        _f("response_url", description="Källans svar (URL eller inläst fil)", nullable=True),
        _f("attribution", description="Källa och hämtdatum, eller att värdet är syntetiskt"),
    ),
    sources=SOURCES,
    keywords=("indikatorer", "statistik", "Kolada", "SCB", "kommuner"),
    # Every value belongs to an indicator and an area of the package (Frictionless checks both).
    foreign_keys=(
        {"fields": "indicator", "reference": {"resource": "indicators", "fields": "id"}},
        {"fields": "geocode", "reference": {"resource": "geography", "fields": "id"}},
    ),
)


def _observations(filters: dict[str, Any]) -> QuerySet:
    qs = Observation.objects.select_related("indicator", "response")
    if "indicator" in filters:
        qs = qs.filter(_indicator_q(filters["indicator"], prefix="indicator__"))
    if "geocode" in filters:
        qs = qs.filter(area_code=filters["geocode"])
    if "municipality" in filters:
        qs = qs.filter(area_code=filters["municipality"])
    if "year" in filters:
        qs = qs.filter(period=filters["year"])
    if "gender" in filters:
        qs = qs.filter(gender=filters["gender"])
    if "sdg" in filters:
        qs = qs.filter(indicator_id__in=IndicatorLink.objects.filter(sdg_goal__number=filters["sdg"]).values("indicator_id"))
    if "subpriority" in filters:
        qs = qs.filter(indicator_id__in=IndicatorLink.objects.filter(kind=IndicatorLink.Kind.SUBPRIORITY, element_code=filters["subpriority"]).values("indicator_id"))
    return qs.order_by("indicator__source", "indicator__external_id", "area_code", "period", "period_code", "gender")


def area_kind(code: str) -> str:
    if code == "00":
        return "country"
    return "region" if len(code) == 2 else "municipality"


def attribution(o: Observation) -> str:
    ind = o.indicator
    source = ind.get_source_display()
    if o.synthetic:
        return f"{SYNTHETIC_NOTE} – inte uppgifter från {source} ({ind.external_id})."
    fetched = f"{o.response.fetched_at:%Y-%m-%d}" if o.response_id else "okänt datum"
    if o.response_id and o.response.citation:  # the real source a reader is told, never a file name
        return f"Källa: {o.response.citation} (inläst {fetched})."
    if ind.source == Source.MANUAL and o.response_id:
        return f"Källa: manuellt inlästa värden, {fetched} (ingen källhänvisning angiven)."
    return f"Källa: {source} ({ind.external_id}), hämtad {fetched}."


def _observation_row(o: Observation) -> dict[str, Any]:
    ind = o.indicator
    return {
        "id": f"{indicator_id(ind)}.{o.area_code}.{o.period_code or o.period}.{o.gender}",
        "indicator": indicator_id(ind),
        "source": ind.source,
        "external_id": ind.external_id,
        "geocode": o.area_code,
        "area_name": selectors.area_name(o.area_code),
        "area_kind": area_kind(o.area_code),
        "year": o.period,
        "period": o.period_code or str(o.period),
        "gender": o.gender,
        "value": o.value,
        "unit": ind.unit,
        "status": o.status,
        "synthetic": o.synthetic,
        "fetched_at": _iso(o.response.fetched_at) if o.response_id else None,
        "response_url": o.response.url if o.response_id else None,
        "attribution": attribution(o),
    }


# No detail path for single observations: the record is already flat and complete, the
# filters find any one of them, and the static export would otherwise write one file per
# value (a million for a full Kolada sync).
register(
    Entry(
        order=50,
        dataset=OBSERVATIONS,
        queryset=_observations,
        serialize=_observation_row,
        filters=(INDICATOR, GEOCODE, MUNICIPALITY, YEAR, GENDER, SDG, SUBPRIORITY),
        modified=lambda: _date(Observation.objects.aggregate(m=Max("response__fetched_at"))["m"]),
    )
)

# --- Open SDG tidy CSV ---------------------------------------------------------------------------------

OPENSDG_DIR = "indikatorer/opensdg"
SEX = {"K": "Female", "M": "Male"}


def opensdg_filename(indicator: Indicator) -> str:
    return opensdg.indicator_filename(indicator_id(indicator))


def opensdg_url(indicator: Indicator) -> str:
    return f"/{OPENSDG_DIR}/{opensdg_filename(indicator)}"


def opensdg_observations(indicator: Indicator, county: str | None = None) -> list[opensdg.Observation]:
    """The indicator's observations as Open SDG rows.

    The headline (all disaggregations blank, no GeoCode) is the county's total – this
    site follows one region. The country and the municipalities carry their SCB code in
    ``GeoCode`` and their name in the ``Geography`` disaggregation; women and men are
    ``Sex`` = Female/Male. Synthetic demo values are a separate ``Series``
    ("Syntetiska demovärden"), so they can never pass for real figures."""
    county = county or selectors.home_area_code()
    rows = []
    for area, period, gender, value, synthetic in (
        # Open SDG's Year column holds years: shorter periods (months, quarters) are not exported there.
        Observation.objects.filter(indicator=indicator, period_code="").exclude(value=None)
        .values_list("area_code", "period", "gender", "value", "synthetic").order_by("area_code", "period", "gender")
    ):
        disagg = {}
        if gender in SEX:
            disagg["Sex"] = SEX[gender]
        geocode = ""
        if area != county:
            geocode = area
            disagg["Geography"] = selectors.area_name(area)
        rows.append(opensdg.Observation(year=period, value=value, geocode=geocode, units=indicator.unit,
                                        series=SYNTHETIC_NOTE if synthetic else "", disaggregations=disagg))
    return rows


def opensdg_csv(indicator: Indicator, county: str | None = None) -> bytes:
    return opensdg.tidy_csv(opensdg_observations(indicator, county)).encode("utf-8")


def opensdg_meta_filename(indicator: Indicator) -> str:
    return opensdg.meta_filename(indicator_id(indicator))


def opensdg_meta(indicator: Indicator) -> bytes:
    """The indicator's Open SDG metadata (standalone, so sdg-build does not file
    ``kolada-N01951`` under a goal called "kolada")."""
    return opensdg.meta_yaml(
        indicator_id=indicator_id(indicator),
        name=indicator.title,
        units=indicator.unit,
        source_organisation=indicator.get_source_display(),
        source_url=indicator.source_url,
    ).encode("utf-8")


def opensdg_config() -> bytes:
    return opensdg.config_data_yaml().encode("utf-8")


def opensdg_files() -> list[tuple[str, bytes]]:
    """For ``resultat export opendata`` (hook opendata.extra_files): one tidy CSV and one metadata
    file per indicator that has values, and sdg-build's ``config_data.yml``, at the same
    paths as on the live site."""
    county = selectors.home_area_code()
    out = [(f"{OPENSDG_DIR}/{opensdg.CONFIG_FILENAME}", opensdg_config())]
    for ind in Indicator.objects.filter(pk__in=Observation.objects.values("indicator_id")).order_by("source", "external_id"):
        out.append((f"{OPENSDG_DIR}/{opensdg_filename(ind)}", opensdg_csv(ind, county)))
        out.append((f"{OPENSDG_DIR}/{opensdg.META_DIR}/{opensdg_meta_filename(ind)}", opensdg_meta(ind)))
    return out
