"""The indicators on the public site: start-page headline indicators, the
municipality page section and the sub-priority page section. Registered with the
public site's hooks by ``indicators/integrations.py`` (docs/public-site.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext

from resultat.core.charts.specs import format_number
from resultat.core.i18n import translate
from resultat.core.sources import periods
from resultat.indicators import selectors
from resultat.indicators.models import Indicator, IndicatorLink, Observation

HEADLINE_COUNT = 4


def _site_strategy_code() -> str | None:
    from resultat.public.selectors import site_version

    version = site_version()
    return version.strategy.code if version else None


def _value_text(value: float | None, indicator: Indicator) -> str:
    text = format_number(value, indicator.decimals)
    if value is None or not indicator.unit:
        return text
    return f"{text} {indicator.unit_text}"


def headline_indicators() -> list[dict[str, Any]]:
    """The indicators linked to the strategy's overall goals (in the set's order),
    at most HEADLINE_COUNT: the county's latest value, the assessment and the source
    line; ``synthetic`` when any of the values are demo values."""
    strategy = _site_strategy_code()
    if strategy is None:
        return []
    links = IndicatorLink.objects.filter(strategy__code=strategy, kind=IndicatorLink.Kind.GOAL).select_related("indicator").order_by("element_code", "order", "pk")
    county = selectors.home_area_code()
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for link in links:
        ind = link.indicator
        if ind.pk in seen or not ind.observations.exists():
            continue
        seen.add(ind.pk)
        a = selectors.assessment(ind, link, county)
        out.append({
            "title": ind.title,
            "value": _value_text(a.automatic.current_value, ind),
            "year": a.automatic.current_year,
            "area": selectors.area_name(county),
            "assessment": a.label_text,
            "status": a.status,
            "overridden": a.overridden,
            "comparison": a.comparison_text if selectors.comparable(ind) else "",
            "source": selectors.provenance(ind).display_text,
            "synthetic": ind.synthetic,
            "url": ind.get_absolute_url() + (f"?koppling={link.pk}" if link.target_value is not None else ""),
        })
        if len(out) >= HEADLINE_COUNT:
            break
    return out


def municipality_rows(code: str, county: str) -> list[dict[str, Any]]:
    """Per indicator with a value for the municipality: its latest year, and the
    municipality's, the county's and the country's value that year (gender total)."""
    latest_year = dict(
        Observation.objects.filter(area_code=code, gender="T").exclude(value=None)
        .values("indicator_id").annotate(year=Max("period")).values_list("indicator_id", "year")
    )
    if not latest_year:
        return []
    # Within the latest year, the latest period (a monthly table has twelve).
    latest: dict[int, periods.Period] = {}
    rows_of_year = []
    for ind_id, area, period, period_code, value, synthetic in Observation.objects.filter(
        indicator_id__in=latest_year, area_code__in=[code, county, selectors.COUNTRY], gender="T"
    ).values_list("indicator_id", "area_code", "period", "period_code", "value", "synthetic").order_by():
        if latest_year.get(ind_id) != period:
            continue
        key = periods.from_stored(period, period_code)
        rows_of_year.append((ind_id, area, key, value, synthetic))
        if area == code and value is not None and (ind_id not in latest or latest[ind_id] < key):
            latest[ind_id] = key
    values: dict[tuple[int, str, periods.Period], tuple[float | None, bool]] = {
        (ind_id, area, key): (value, synthetic) for ind_id, area, key, value, synthetic in rows_of_year
    }
    rows = []
    for ind in Indicator.objects.filter(pk__in=latest).order_by("title"):
        year = latest[ind.pk]
        own, own_s = values.get((ind.pk, code, year), (None, False))
        cty, cty_s = values.get((ind.pk, county, year), (None, False))
        nat, nat_s = values.get((ind.pk, selectors.COUNTRY, year), (None, False))
        comparable = selectors.comparable(ind)
        rows.append({
            "indicator": ind,
            "year": translate(year.message, gettext),
            "value": format_number(own, ind.decimals),
            "county": format_number(cty, ind.decimals) if comparable else "–",
            "country": format_number(nat, ind.decimals) if comparable else "–",
            "synthetic": own_s or (comparable and (cty_s or nat_s)),
            "provenance": selectors.provenance(ind),
        })
    return rows


def municipality_section(area) -> dict[str, Any] | None:
    county = area.parent.code if area.parent_id else selectors.home_area_code()
    rows = municipality_rows(area.code, county)
    if not rows:
        return None
    return {
        "template": "indicators/_municipality_section.html",
        "rows": rows,
        "county_name": selectors.area_name(county),
        "any_synthetic": any(r["synthetic"] for r in rows),
        "municipality": area,
    }


def subpriority_section(element) -> dict[str, Any] | None:
    """The sub-priority's indicators: the summary table (latest values, assessment,
    source) and each indicator's time series with the shared chart component."""
    links = selectors.element_links(element.version.strategy.code, element.code)
    if not links:
        return None
    rows = selectors.summary_rows(links)
    charts = []
    for row in rows:
        chart = selectors.build_charts(row["indicator"], link=row["link"], render=False, text=selectors.chart_text())[0]
        ind = row["indicator"]
        chart.downloads = [
            ("SVG", f"{ind.get_absolute_url()}tid.svg" + (f"?koppling={row['link'].pk}" if row["link"].target_value is not None else "")),
            ("CSV", f"{ind.get_absolute_url()}data.csv"),
        ]
        charts.append(chart)
    return {
        "template": "indicators/_subpriority_section.html",
        "rows": rows,
        "charts": charts,
        "element": element,
        "any_synthetic": any(r["indicator"].synthetic for r in rows),
    }


def chapter_indicators(priorities: list, year: int) -> dict[int, dict[str, Any]]:
    """For a year's overview (the ``followup.chapter_indicators`` hook): per priority (by
    pk) its indicators counted by trend, assessed on the values up to ``year``, and the
    link to the list of them; a priority that no indicator follows is left out."""
    out: dict[int, dict[str, Any]] = {}
    by_strategy: dict[str, list] = {}
    for priority in priorities:
        by_strategy.setdefault(priority.version.strategy.code, []).append(priority)
    for strategy, members in by_strategy.items():
        counts = selectors.status_counts(strategy, [p.code for p in members], until=year)
        for priority in members:
            if counts[priority.code].total:
                out[priority.pk] = {"counts": counts[priority.code], "year": year,
                                    "url": reverse("indicators:element", args=[strategy, priority.code])}
    return out
