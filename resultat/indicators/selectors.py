"""Reads of the indicator store for pages, downloads and the report."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_noop

from resultat.core import charts
from resultat.core.charts import maps, web
from resultat.core.charts.specs import (
    SWEDISH,
    SYNTHETIC_NOTE,
    ChartSeries,
    ChartText,
    data_rows,
    format_number,
    gender_series,
    swedish_sort_key,
)
from resultat.core.i18n import translate
from resultat.core.indicators.progress import (
    STATUS_LABELS,
    Comparison,
    Progress,
    Status,
    assess,
    compare_with_country,
)
from resultat.core.sources import areacodes, periods
from resultat.indicators.models import (
    AssessmentOverride,
    Indicator,
    IndicatorLink,
    Observation,
    Source,
)
from resultat.infrastructure import i18n

COUNTRY = "00"
log = logging.getLogger(__name__)


def home_area_code() -> str:
    from resultat.strategy.models import Region

    region = Region.objects.select_related("area").exclude(area=None).first()
    return region.area.code if region else "24"


def municipalities_of(county: str) -> list[tuple[str, str]]:
    """(code, name) of the county's municipalities, in Swedish name order."""
    from resultat.reference.models import Area

    rows = list(Area.objects.filter(parent__code=county, kind="municipality").values_list("code", "name"))
    if not rows:
        rows = [(a.scb_code, a.name) for a in areacodes.all_areas() if a.kind == "municipality" and a.scb_code[:2] == county]
    return sorted(rows, key=lambda r: swedish_sort_key(r[1]))


def area_name(code: str) -> str:
    try:
        return areacodes.name_of(code)
    except ValueError:
        return code


def chart_data(indicator_id: int, areas: list[str], genders: tuple[str, ...] = ("T",)) -> dict[tuple[str, str], dict[Any, tuple[float | None, bool]]]:
    """{(area, gender): {period: (value, synthetic)}} in one query (the data behind one chart).

    The period is the year (an int) when the indicator has annual values only; when
    any value belongs to a shorter period (month, quarter, …) every key is a
    :class:`~resultat.core.sources.periods.Period`, so a series sorts in time order."""
    return _points(list(Observation.objects.filter(
        indicator_id=indicator_id, area_code__in=areas, gender__in=genders
    ).values_list("area_code", "gender", "period", "period_code", "value", "synthetic").order_by()))


def _points(rows: list[tuple]) -> dict[tuple[str, str], dict[Any, tuple[float | None, bool]]]:
    """One indicator's rows (area, gender, period, period code, value, synthetic) as :func:`chart_data` gives them."""
    out: dict[tuple[str, str], dict[Any, tuple[float | None, bool]]] = {}
    sub_annual = any(code for _a, _g, _p, code, _v, _s in rows)
    for area, gender, period, code, value, synthetic in rows:
        key = periods.from_stored(period, code) if sub_annual else period
        out.setdefault((area, gender), {})[key] = (value, synthetic)
    return out


def annual(points: dict[Any, float | None]) -> dict[int, float | None]:
    """Only the whole-year points, keyed by year (the progress assessment works on years)."""
    out: dict[int, float | None] = {}
    for key, value in points.items():
        if isinstance(key, periods.Period):
            if key.is_annual:
                out[key.year] = value
        else:
            out[key] = value
    return out


def _values(points: dict[Any, tuple[float | None, bool]] | None) -> dict[Any, float | None]:
    return {y: v for y, (v, _s) in sorted((points or {}).items())}


def _synthetic(points: dict[int, tuple[float | None, bool]] | None) -> bool:
    return any(s for _v, s in (points or {}).values())


@dataclass
class Provenance:
    source: str
    external_id: str
    fetched_at: Any
    synthetic: bool
    real: bool
    file: str = ""
    citation: str = ""

    @property
    def text(self) -> str:
        date = f"{self.fetched_at:%Y-%m-%d}" if self.fetched_at else "okänt datum"
        if self.synthetic and not self.real:
            return f"{SYNTHETIC_NOTE} – inte uppgifter från {self.source} ({self.external_id}). Skapade {date}."
        if self.citation:
            text = f"Källa: {self.citation} (inläst {date})"
        elif self.file:
            text = f"Källa: manuellt inlästa värden, {date} (ingen källhänvisning angiven)"
        else:
            text = f"Källa: {self.source} ({self.external_id}), hämtad {date}"
        if self.synthetic:
            text += f". Delvis {SYNTHETIC_NOTE.lower()}: bara värden utan markering är verkliga"
        return text + "."

    @property
    def display_text(self) -> str:
        """``text`` in the page's language. ``text`` itself stays Swedish: it also goes into
        the open data files and the CSV download, which must not change with the reader."""
        date = f"{self.fetched_at:%Y-%m-%d}" if self.fetched_at else gettext("okänt datum")
        note = gettext(SYNTHETIC_NOTE)
        if self.synthetic and not self.real:
            return gettext("%(note)s – inte uppgifter från %(source)s (%(id)s). Skapade %(date)s.") % {
                "note": note, "source": self.source, "id": self.external_id, "date": date}
        if self.citation:
            text = gettext("Källa: %(citation)s (inläst %(date)s)") % {"citation": self.citation, "date": date}
        elif self.file:
            text = gettext("Källa: manuellt inlästa värden, %(date)s (ingen källhänvisning angiven)") % {"date": date}
        else:
            text = gettext("Källa: %(source)s (%(id)s), hämtad %(date)s") % {"source": self.source, "id": self.external_id, "date": date}
        if self.synthetic:
            return gettext("%(text)s. Delvis %(note)s: bara värden utan markering är verkliga.") % {"text": text, "note": note.lower()}
        return text + "."


def provenance(indicator: Indicator) -> Provenance:
    real = Observation.objects.filter(indicator=indicator, synthetic=False).aggregate(m=Max("response__fetched_at"))["m"]
    fake = Observation.objects.filter(indicator=indicator, synthetic=True).aggregate(m=Max("response__fetched_at"))["m"]
    file = citation = ""
    latest = (
        Observation.objects.filter(indicator=indicator, synthetic=False).exclude(response=None)
        .order_by("-response__fetched_at").values_list("response__url", "response__citation").first()
    )
    if latest:
        url, citation = latest
        file = Path(url).name if indicator.source == Source.MANUAL else ""
    return Provenance(indicator.get_source_display(), indicator.external_id, real or fake, fake is not None, real is not None,
                      file, citation)


@dataclass
class Assessment:
    automatic: Progress
    comparison: Comparison
    override: AssessmentOverride | None
    target: tuple[float, int | None] | None

    @property
    def status(self) -> str:
        return self.override.status if self.override else self.automatic.status.value

    @property
    def label(self) -> str:
        """The status in Swedish (open data and the report keep it; a page shows :attr:`label_text`)."""
        return STATUS_LABELS[Status(self.status)]

    @property
    def label_text(self) -> str:
        """The status in the active language."""
        return gettext(self.label)

    @property
    def automatic_label_text(self) -> str:
        return gettext(self.automatic.label)

    @property
    def reason_text(self) -> str:
        """Why there is no automatic assessment, in the active language."""
        return translate(self.automatic.reason, gettext)

    @property
    def comparison_text(self) -> str:
        """The comparison with the country in the active language (``comparison.text`` is Swedish)."""
        return translate(self.comparison.text, gettext)

    @property
    def overridden(self) -> bool:
        return self.override is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "label": self.label,
            "automatic_status": self.automatic.status.value,
            "automatic_label": self.automatic.label,
            "method": self.automatic.method,
            "base_year": self.automatic.base_year,
            "base_value": self.automatic.base_value,
            "current_year": self.automatic.current_year,
            "current_value": self.automatic.current_value,
            "progress_value": self.automatic.progress_value,
            "reason": self.automatic.reason,
            "target": self.target,
            "comparison": self.comparison.text,
            "override": (
                {"status": self.override.status, "justification": self.override.justification,
                 "by": self.override.created_by.get_full_name() or self.override.created_by.get_username(),
                 "at": self.override.created_at.isoformat()}
                if self.override else None
            ),
        }


def assessment(indicator: Indicator, link: IndicatorLink | None = None, county: str | None = None,
               until: int | None = None) -> Assessment:
    """The indicator's status (an analyst's active override, else Open SDG's method on the
    county's whole years), with the values up to and including the year ``until`` if given."""
    county = county or home_area_code()
    data = chart_data(indicator.pk, [county, COUNTRY])
    override = AssessmentOverride.objects.filter(indicator=indicator, active=True).select_related("created_by").first()
    return _assessment_of(indicator, link, data, county, override, until)


def _assessment_of(indicator: Indicator, link: IndicatorLink | None, data: dict, county: str,
                   override: AssessmentOverride | None, until: int | None) -> Assessment:
    # Assessed on whole years: a monthly or quarterly series has no yearly trend to compare.
    series, country = annual(_values(data.get((county, "T")))), annual(_values(data.get((COUNTRY, "T"))))
    if until is not None:
        series = {y: v for y, v in series.items() if y <= until}
        country = {y: v for y, v in country.items() if y <= until}
    direction = link.direction if link else indicator.direction
    target = (link.target_value, link.target_year) if link and link.target_value is not None else None
    progress = assess(series, direction=direction, target=target[0] if target else None, target_year=target[1] if target else None)
    comparison = compare_with_country(series, country if comparable(indicator) else {}, direction=indicator.direction)
    return Assessment(progress, comparison, override, target)


# The overview of a year groups the six statuses by the way the indicator moves.
TREND_GROUPS: dict[str, tuple[Status, ...]] = {
    "improving": (Status.TARGET_ACHIEVED, Status.SUBSTANTIAL, Status.MODERATE),
    "unchanged": (Status.LIMITED,),  # between 0 and 0.5 % a year in the right direction (or short of the pace a target needs)
    "deteriorating": (Status.DETERIORATION,),
    "not_assessed": (Status.NOT_AVAILABLE,),
}
_GROUP_OF = {status.value: group for group, statuses in TREND_GROUPS.items() for status in statuses}


@dataclass
class StatusCounts:
    """How many of an element's indicators move which way (each indicator once)."""

    improving: int = 0
    unchanged: int = 0
    deteriorating: int = 0
    not_assessed: int = 0
    synthetic: bool = False  # any of the counted indicators has demo values

    @property
    def total(self) -> int:
        return self.improving + self.unchanged + self.deteriorating + self.not_assessed


def _first_links(links: list[IndicatorLink], code: str) -> dict[int, IndicatorLink]:
    """Indicator id -> the link it is counted under for the element ``code``: the element's
    own links first, then (for a priority p-N) its sub-priorities' dp-N.x, as element_links."""
    own = sorted((lk for lk in links if lk.element_code == code), key=lambda lk: (lk.order, lk.pk))
    subs = []
    if code.startswith("p-"):
        subs = sorted((lk for lk in links if lk.element_code.startswith("dp-") and lk.element_code[3:].split(".")[0] == code[2:]),
                      key=lambda lk: (lk.element_code, lk.order, lk.pk))
    first: dict[int, IndicatorLink] = {}
    for link in own + subs:
        first.setdefault(link.indicator_id, link)
    return first


def status_counts(strategy_code: str, element_codes: list[str], *, until: int | None = None,
                  county: str | None = None) -> dict[str, StatusCounts]:
    """Per element code: its indicators (a priority's include its sub-priorities') counted
    by trend, each assessed as :func:`assessment` does, with its first link's target and
    the values up to ``until``. Four queries for any number of elements (one without indicators)."""
    links = list(IndicatorLink.objects.filter(strategy__code=strategy_code).select_related("indicator"))
    chosen = {code: _first_links(links, code) for code in element_codes}
    ids = {i for first in chosen.values() for i in first}
    if not ids:
        return {code: StatusCounts() for code in element_codes}
    county = county or home_area_code()
    rows: dict[int, list[tuple]] = {}
    for ind_id, *row in Observation.objects.filter(indicator_id__in=ids, area_code__in=[county, COUNTRY], gender="T").values_list(
            "indicator_id", "area_code", "gender", "period", "period_code", "value", "synthetic").order_by():
        rows.setdefault(ind_id, []).append(tuple(row))
    overrides = {o.indicator_id: o for o in AssessmentOverride.objects.filter(indicator_id__in=ids, active=True).order_by("created_at", "pk")}  # the newest wins, as .first() above
    out: dict[str, StatusCounts] = {}
    for code, first in chosen.items():
        counts = out[code] = StatusCounts()
        for ind_id, link in first.items():
            a = _assessment_of(link.indicator, link, _points(rows.get(ind_id, [])), county, overrides.get(ind_id), until)
            group = _GROUP_OF[a.status]
            setattr(counts, group, getattr(counts, group) + 1)
            counts.synthetic = counts.synthetic or link.indicator.synthetic
    return out


def svg_for(spec: dict) -> str:
    """The chart's SVG from the one renderer (cached in memory and on disk by spec)."""
    return charts.svg(spec)


def chart_text() -> ChartText:
    """The words of a page's charts in the active language (``infrastructure.i18n.chart_text``)."""
    return i18n.chart_text()


@dataclass
class Chart:
    id: str
    kind: str
    title: str
    spec: dict
    description: str
    table_caption: str
    header: list[str]
    rows: list[list[str]]
    synthetic: bool
    svg: str = ""
    download_base: str = ""
    text: ChartText = SWEDISH

    @property
    def spec_id(self) -> str:
        return f"{self.id}-spec"

    @property
    def page_spec(self) -> dict:
        """The spec for the page's interactive view: no title (the card has it), the card's width."""
        return web.page_spec(self.spec, text=self.text)

    @cached_property
    def page_svgs(self) -> tuple[str, str]:
        """The server-drawn page variants (wide, narrow) shown without JavaScript."""
        return web.page_svg(self.spec, web.WIDE, self.text), web.page_svg(self.spec, web.NARROW, self.text)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "spec": self.spec, "description": self.description,
                "table": {"caption": self.table_caption, "header": self.header, "rows": self.rows}, "synthetic": self.synthetic}


def build_charts(indicator: Indicator, *, link: IndicatorLink | None = None, municipalities: list[str] | None = None,
                 county: str | None = None, render: bool = True, text: ChartText = SWEDISH) -> list[Chart]:
    """The indicator's charts: time series (county, country, chosen municipalities, target),
    municipality comparison for the latest year, and women vs men when the source splits by sex.

    The charts' own words (axes, tooltips, descriptions, table headers) are in ``text``'s
    language: Swedish by default (the report), ``chart_text()`` for a page."""
    county = county or home_area_code()
    munis = municipalities_of(county)
    chosen = [c for c in (municipalities or []) if c in dict(munis)]
    areas = [county, COUNTRY] + [c for c, _ in munis]
    genders = ("T", "K", "M") if indicator.has_gender_split else ("T",)
    data = chart_data(indicator.pk, areas, genders)
    d = indicator.decimals
    unit = text.unit(indicator.unit)
    result: list[Chart] = []

    country = text(gettext_noop("Riket"))
    series = [ChartSeries(area_name(county), _values(data.get((county, "T"))), "county", _synthetic(data.get((county, "T")))),
              ChartSeries(country, _values(data.get((COUNTRY, "T"))), "country", _synthetic(data.get((COUNTRY, "T"))))]
    for code in chosen:
        series.append(ChartSeries(area_name(code), _values(data.get((code, "T"))), "municipality", _synthetic(data.get((code, "T")))))
    target = (link.target_value, link.target_year) if link and link.target_value is not None else None
    spec = charts.time_series(title=indicator.title, series=series, unit=unit, decimals=d, target=target, text=text)
    header, rows = data_rows(series, d, text)
    any_synth = any(s.synthetic for s in series)
    result.append(Chart(f"chart-{indicator.pk}-tid", "tid", indicator.title, spec, spec["description"],
                        f"{indicator.title}: {', '.join(s.label for s in series)}" + _synthetic_suffix(any_synth, text),
                        header, rows, any_synth, text=text))

    years = [y for (a, g), pts in data.items() if g == "T" and len(a) == 4 for y, (v, _s) in pts.items() if v is not None]
    if years:
        year = max(years)
        values = {name: (data.get((code, "T"), {}).get(year, (None, False))[0]) for code, name in munis}
        ref_codes = [] if not comparable(indicator) else [(area_name(county), county), (country, COUNTRY)]
        refs = {name: data.get((code, "T"), {}).get(year, (None, False))[0] for name, code in ref_codes}
        # The reference lines are drawn on the same chart, so their demo values count too.
        synth = any(data.get((code, "T"), {}).get(year, (None, False))[1] for code in [c for c, _ in munis] + [c for _n, c in ref_codes])
        when = text.period(year)  # a year, or the latest month/quarter in the page's language
        spec = charts.municipality_comparison(title=indicator.title, values=values, year=when, unit=unit, decimals=d,
                                              references=refs, synthetic=synth, descending=indicator.direction == "higher",
                                              text=text)
        ordered = sorted(values.items(), key=lambda kv: swedish_sort_key(kv[0]))
        rows = [[name, format_number(v, d)] for name, v in ordered] + [[k, format_number(v, d)] for k, v in refs.items()]
        result.append(Chart(f"chart-{indicator.pk}-kommuner", "kommuner", f"{indicator.title}, {when}", spec, spec["description"],
                            text(gettext_noop("%(title)s per kommun %(year)s"), title=indicator.title, year=when)
                            + _synthetic_suffix(synth, text),
                            [text(gettext_noop("Område")), unit or text(gettext_noop("Värde"))], rows, synth, text=text))
        map_chart = _map_chart(indicator, munis, data, year, text)
        if map_chart is not None:
            result.append(map_chart)

    if indicator.has_gender_split and (data.get((county, "K")) or data.get((county, "M"))):
        women, men = data.get((county, "K")), data.get((county, "M"))
        synth = _synthetic(women) or _synthetic(men)
        spec = charts.gender_gap(title=indicator.title, women=_values(women), men=_values(men), unit=unit, decimals=d,
                                 area=area_name(county), synthetic=synth, text=text)
        header, rows = data_rows(gender_series(_values(women), _values(men), text=text), d, text)
        result.append(Chart(f"chart-{indicator.pk}-kon", "kon", text(gettext_noop("%(title)s – kvinnor och män"), title=indicator.title),
                            spec, spec["description"],
                            text(gettext_noop("%(title)s, kvinnor och män i %(area)s"), title=indicator.title, area=area_name(county))
                            + _synthetic_suffix(synth, text),
                            header, rows, synth, text=text))
    if render:
        for chart in result:
            chart.svg = svg_for(chart.spec)
    return result


BOUNDARY_FILE = Path("reference") / "geo" / "kommuner.geojson"


def _map_chart(indicator: Indicator, munis: list[tuple[str, str]], data: dict, year: int,
               text: ChartText = SWEDISH) -> Chart | None:
    """A map of the county's municipalities for the latest year, when at least two have a
    value and the shipped boundaries cover them (counts, unit "antal", are not mapped:
    a map of totals mostly shows where people live)."""
    from django.conf import settings

    if not comparable(indicator):
        return None
    values = {code: data.get((code, "T"), {}).get(year, (None, False))[0] for code, _name in munis}
    if sum(v is not None for v in values.values()) < 2:
        return None
    try:
        features = maps.boundaries(Path(settings.DATA_DIR) / BOUNDARY_FILE, values)
    except maps.BoundaryError as exc:  # a broken installation: the page still works, the log says why
        log.warning("Ingen karta för %s: %s", indicator, exc)
        return None
    if not features:
        return None
    d = indicator.decimals
    synth = any(data.get((code, "T"), {}).get(year, (None, False))[1] for code in values)
    unit = text.unit(indicator.unit)
    spec = maps.municipality_map(title=indicator.title, features=features, values=values, year=text.period(year), unit=unit,
                                 decimals=d, synthetic=synth, higher_is_better=indicator.direction != "lower", text=text)
    rows = [[name, format_number(values[code], d)] for code, name in munis]
    return Chart(f"chart-{indicator.pk}-karta", "karta", text(gettext_noop("%(title)s, %(year)s – karta"), title=indicator.title, year=text.period(year)),
                 spec, spec["description"],
                 text(gettext_noop("%(title)s per kommun %(year)s, karta"), title=indicator.title, year=text.period(year)) + _synthetic_suffix(synth, text),
                 [text(gettext_noop("Kommun")), unit or text(gettext_noop("Värde"))], rows, synth, text=text)


def _synthetic_suffix(synthetic: bool, text: ChartText = SWEDISH) -> str:
    """" (Syntetiska demovärden)" in the chart's language after a caption, or nothing."""
    return f" ({text(SYNTHETIC_NOTE)})" if synthetic else ""


def comparable(indicator: Indicator) -> bool:
    """Counts (unit "antal") are not compared with the country or drawn beside municipalities."""
    return indicator.unit.strip().lower() != "antal"


def get_indicator(source: str, external_id: str) -> Indicator:
    return get_object_or_404(Indicator, source=source, external_id=external_id)


ELEMENT_KIND_LABELS = dict(IndicatorLink.Kind.choices)


def element_links(strategy_code: str, code: str) -> list[IndicatorLink]:
    """Links to an element and - for a priority - to its sub-priorities (dp-N.x under p-N)."""
    qs = IndicatorLink.objects.filter(strategy__code=strategy_code).select_related("indicator")
    if code.startswith("p-"):
        number = code[2:]
        links = [lk for lk in qs.filter(element_code__startswith="dp-") if lk.element_code[3:].split(".")[0] == number]
        links = list(qs.filter(element_code=code)) + sorted(links, key=lambda lk: (lk.element_code, lk.order))
        return links
    return list(qs.filter(element_code=code).order_by("order", "pk"))


def sdg_links(number: int) -> list[IndicatorLink]:
    return list(IndicatorLink.objects.filter(sdg_goal__number=number).select_related("indicator").order_by("order", "pk"))


def summary_rows(links: list[IndicatorLink], county: str | None = None) -> list[dict[str, Any]]:
    """One row per indicator for lists: latest county and country values, status, provenance."""
    county = county or home_area_code()
    out = []
    seen = set()
    for link in links:
        ind = link.indicator
        if (ind.pk, link.element_code) in seen:
            continue
        seen.add((ind.pk, link.element_code))
        a = assessment(ind, link, county)
        out.append({
            "indicator": ind,
            "link": link,
            "assessment": a,
            "latest_year": a.automatic.current_year,
            "latest": format_number(a.automatic.current_value, ind.decimals),
            "country": format_number(a.comparison.country, ind.decimals) if a.comparison.year == a.automatic.current_year else "–",
            "provenance": provenance(ind),
        })
    return out


def subpriority_indicators(strategy_code: str, code: str, *, render_svg: bool = False) -> list[dict[str, Any]]:
    """For the report: a sub-priority's indicators as plain data – chart specs (and SVG if asked),
    short table rows, source line with date, assessment, synthetic flag."""
    county = home_area_code()
    result = []
    for link in element_links(strategy_code, code):
        ind = link.indicator
        built = build_charts(ind, link=link, county=county, render=render_svg)
        a = assessment(ind, link, county)
        p = provenance(ind)
        main = built[0]
        result.append({
            "id": ind.external_id,
            "source": ind.source,
            "title": ind.title,
            "title_verified": ind.title_verified,
            "unit": ind.unit,
            "direction": ind.direction,
            "synthetic": ind.synthetic,
            "source_text": p.text,
            "fetched_at": p.fetched_at.isoformat() if p.fetched_at else None,
            "assessment": a.as_dict(),
            "target": {"value": link.target_value, "year": link.target_year, "direction": link.direction} if link.target_value is not None else None,
            "chart": {**main.as_dict(), "svg": main.svg} if render_svg else main.as_dict(),
            "table": {"header": main.header, "rows": main.rows[-5:]},
            "url": ind.get_absolute_url(),
        })
    return result


def label_links(links: list[IndicatorLink]) -> list[IndicatorLink]:
    """Give each strategy link ``element_title``: the element's number and name in the
    strategy's current version ("6.1 Digital infrastruktur"), or the newest version that
    has the code; "" when no version has it. Readers see names, not codes like dp-6.1."""
    from resultat.strategy import selectors as strategy_selectors
    from resultat.strategy.models import OverallGoal, Perspective, Priority, SubPriority

    by_strategy: dict[int, list[IndicatorLink]] = {}
    for link in links:
        link.element_title = ""
        if link.strategy_id and link.element_code:
            by_strategy.setdefault(link.strategy_id, []).append(link)
    for strategy_links in by_strategy.values():
        strategy = strategy_links[0].strategy
        version = strategy_selectors.current_version(strategy)
        codes = {link.element_code for link in strategy_links}
        titles: dict[str, str] = {}
        for model in (SubPriority, Priority, OverallGoal, Perspective):
            elements = model.objects.filter(version__strategy=strategy, code__in=codes - titles.keys())
            # the current version first, then the newest version that has the code
            for element in sorted(elements, key=lambda e: (e.version_id != getattr(version, "pk", None), -e.version.valid_from)):
                if element.code not in titles:
                    number = getattr(element, "number", "")
                    titles[element.code] = f"{number} {element.title}".strip()
        for link in strategy_links:
            link.element_title = titles.get(link.element_code, "")
    return links
