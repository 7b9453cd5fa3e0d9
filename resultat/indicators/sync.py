"""Sync from Kolada and SCB: each batch is fetched completely, then written in one
transaction; a batch that fails stores nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from resultat.core.sources import areacodes, jsonstat, periods
from resultat.core.sources.errors import SourceError
from resultat.core.sources.kolada import KoladaClient, parse_data_page
from resultat.core.sources.scb import ScbClient
from resultat.indicators.models import Indicator, Source
from resultat.indicators.store import (
    Counts,
    IndicatorError,
    Point,
    apply_points,
    refresh_synthetic_flags,
    store_response,
)

Progress = Callable[[str, int, int], None]
BATCH_KPIS = 25  # one Kolada request holds at most 25 KPI ids

@dataclass
class SyncSummary:
    source: str
    requests: int = 0
    batches: int = 0
    counts: Counts = field(default_factory=Counts)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def default_areas() -> list[str]:
    """The country, every region that owns a strategy, and that region's municipalities."""
    from resultat.reference.models import Area
    from resultat.strategy.models import Region

    codes = ["00"]
    for region in Region.objects.select_related("area").exclude(area=None):
        codes.append(region.area.code)
        codes += list(Area.objects.filter(parent=region.area).values_list("code", flat=True))
    if len(codes) == 1:  # no strategy loaded yet: Västerbotten
        codes += ["24"] + [a.scb_code for a in areacodes.all_areas() if a.scb_code.startswith("24") and len(a.scb_code) == 4]
    return list(dict.fromkeys(codes))


def sync_kolada(
    client: KoladaClient,
    *,
    indicators: Sequence[Indicator] | None = None,
    areas: Sequence[str] | None = None,
    since: date | None = None,
    progress: Progress | None = None,
    fail_after: int | None = None,
) -> SyncSummary:
    """Fetch Kolada data for the indicators (25 KPIs per batch) and store it.

    Each batch - KPI metadata plus data for up to 25 KPIs, every page - is fetched
    completely before anything is written, then written in one transaction.  A
    batch that fails is reported in ``summary.failed`` and stores nothing; later
    batches are not attempted (the command exits with an error).
    """
    start = time.perf_counter()
    summary = SyncSummary("kolada")
    indicators = list(indicators if indicators is not None else Indicator.objects.filter(source=Source.KOLADA))
    areas = list(areas or default_areas())
    by_id = {i.external_id: i for i in indicators}
    ids = sorted(by_id)
    batches = [ids[i : i + BATCH_KPIS] for i in range(0, len(ids), BATCH_KPIS)]
    for number, batch in enumerate(batches, start=1):
        if progress:
            progress("Kolada", number - 1, len(batches))
        try:
            meta = client.get_kpis(batch)
            data = client.get_data(batch, areas, None, from_date=since)
        except SourceError as exc:
            summary.requests += getattr(exc, "completed_requests", 0)
            summary.failed.append(f"omgång {number} av {len(batches)} ({', '.join(batch)}): {exc}")
            break
        summary.requests += len(meta.responses) + len(data.responses)
        unknown = sorted(set(batch) - {k.id for k in meta.items})
        if unknown:
            summary.warnings.append(
                f"Kolada känner inte till {', '.join(unknown)}: kontrollera id:t i indikatoruppsättningen"
            )
        without_data = sorted(set(batch) - set(unknown) - {o.kpi for o in data.items})
        if without_data and since is None:
            summary.warnings.append(f"Inga värden för {', '.join(without_data)} i de valda områdena")
        with transaction.atomic():
            for kpi in meta.items:
                ind = by_id.get(kpi.id)
                if ind is None:
                    continue
                ind.title = kpi.title
                ind.title_verified = True
                ind.description = kpi.description or ind.description
                ind.has_gender_split = kpi.is_divided_by_gender
                ind.source_url = f"https://www.kolada.se/verktyg/fri-sokning/?kpis={kpi.id}"
                ind.save(update_fields=["title", "title_verified", "description", "has_gender_split", "source_url", "updated_at"])
            for raw in meta.responses:
                store_response(raw, Source.KOLADA)
            points: list[Point] = []
            for raw in data.responses:
                stored = store_response(raw, Source.KOLADA)
                page = parse_data_page(raw.json(), source=raw.url)
                for obs in page.items:
                    ind = by_id.get(obs.kpi)
                    if ind is None or not areacodes.is_valid(obs.area):
                        continue
                    points.append(Point(ind.pk, obs.area, obs.period, obs.gender, obs.value, obs.status or "", stored.pk, obs.deleted))
            summary.counts.add(apply_points(points, fail_after=fail_after))
            refresh_synthetic_flags(by_id[k].pk for k in batch)
        summary.batches += 1
    if progress:
        progress("Kolada", summary.batches, len(batches))
    summary.seconds = time.perf_counter() - start
    return summary


def _scb_gender(coordinates: dict[str, str], query: dict) -> str | None:
    spec = query.get("gender")
    if not spec:
        return "T"
    code = coordinates.get(spec["variable"])
    return spec.get("map", {}).get(code)


def _scb_selection(query: dict, areas: Sequence[str], region_var: str, time_var: str) -> dict:
    selection = dict(query.get("selection", {}))
    selection[region_var] = [areacodes.to_scb(a) for a in areas]
    selection.setdefault(time_var, "*")
    # JSON fields do not keep key order on PostgreSQL (jsonb): sort so requests are reproducible.
    return {k: selection[k] for k in sorted(selection)}


def _scb_points(ind: Indicator, query: dict, responses, region_var: str, time_var: str) -> list[Point]:
    """Store each response and read its rows as points (time codes kept as periods)."""
    points = []
    for raw in responses:
        stored = store_response(raw, Source.SCB)
        if raw.method != "POST":
            continue
        dataset = jsonstat.parse_dataset(raw.json(), source=raw.url)
        for row in dataset.rows:
            c = dict(row.coordinates)
            gender = _scb_gender(c, query)
            if gender is None or not areacodes.is_valid(c.get(region_var, "")):
                continue
            if time_var not in c:
                raise IndicatorError(f"Tidsvariabeln {time_var!r} saknas i svaret från {raw.url}")
            try:
                period = periods.parse(c[time_var])
            except periods.PeriodError as exc:
                raise IndicatorError(f"{exc} (variabel {time_var}, {raw.url})") from exc
            points.append(Point(ind.pk, areacodes.normalise(c[region_var]), period.year, gender, row.value,
                                row.status or "", stored.pk, period_code=period.code))
    return points


def _scb_sum_genders(ind: Indicator, points: list[Point]) -> list[Point]:
    """For a table without a total: T is women + men for each area and period (both needed)."""
    parts: dict[tuple, dict[str, Point]] = {}
    for p in points:
        parts.setdefault((p.area, p.period, p.period_code), {})[p.gender] = p
    totals = []
    for (area, period, code), by_gender in parts.items():
        k, m = by_gender.get("K"), by_gender.get("M")
        if k and m and k.value is not None and m.value is not None and "T" not in by_gender:
            totals.append(Point(ind.pk, area, period, "T", k.value + m.value, "summa K+M", k.response_id,
                                period_code=code))
    return totals


def _sync_scb_table(client: ScbClient, ind: Indicator, areas: Sequence[str], summary: SyncSummary) -> None:
    """Fetch and store one SCB indicator's table; a failure goes to ``summary.failed``."""
    query = ind.query or {}
    table = query.get("table") or ind.external_id
    region_var, time_var = query.get("region", "Region"), query.get("time", "Tid")
    selection = _scb_selection(query, areas, region_var, time_var)
    try:
        # Many tables have counties only (or municipalities only): ask for the areas the table has.
        result = client.get_data(table, selection, partial=(region_var,))
    except (SourceError, ValueError) as exc:
        summary.requests += getattr(exc, "completed_requests", 0)
        summary.failed.append(f"{ind.external_id} ({table}): {exc}")
        return  # the other tables are independent: go on with them
    summary.requests += len(result.responses)
    missing = result.value.skipped.get(region_var)
    if missing:
        summary.warnings.append(
            f"{ind.external_id} ({table}) saknar {len(missing)} av de valda områdena "
            f"({', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}); de övriga hämtades"
        )
    try:
        with transaction.atomic():
            points = _scb_points(ind, query, result.responses, region_var, time_var)
            if (query.get("gender") or {}).get("total") == "sum":
                points += _scb_sum_genders(ind, points)
            summary.counts.add(apply_points(points))
            refresh_synthetic_flags([ind.pk])
    except (IndicatorError, SourceError) as exc:
        summary.failed.append(f"{ind.external_id} ({table}): {exc}")
        return
    summary.batches += 1


def sync_scb(
    client: ScbClient,
    *,
    indicators: Sequence[Indicator] | None = None,
    areas: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> SyncSummary:
    """One batch per SCB indicator: its table query (``Indicator.query``), chunked and paced by the client.

    Time codes are kept as periods (``resultat.core.sources.periods``): a monthly or
    quarterly table stores one observation per month or quarter. A table that fails
    (source error, unknown time code, inconsistent answer) is reported in
    ``summary.failed``, stores nothing, and the other tables are still synced."""
    start = time.perf_counter()
    summary = SyncSummary("scb")
    indicators = list(indicators if indicators is not None else Indicator.objects.filter(source=Source.SCB))
    areas = list(areas or default_areas())
    for number, ind in enumerate(indicators, start=1):
        if progress:
            progress("SCB", number - 1, len(indicators))
        _sync_scb_table(client, ind, areas, summary)
    if progress:
        progress("SCB", summary.batches, len(indicators))
    summary.seconds = time.perf_counter() - start
    return summary
