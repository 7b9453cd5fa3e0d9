"""Every write of the indicator store. Each batch is one transaction: a failure
half-way leaves nothing of that batch behind."""

from __future__ import annotations

import csv
import hashlib
import io
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from resultat.accounts.models import Role
from resultat.core import yamlsafe
from resultat.core.indicators.progress import Status
from resultat.core.sources import areacodes, jsonstat, periods
from resultat.core.sources.errors import SourceError
from resultat.core.sources.http import RawResponse
from resultat.core.sources.kolada import KoladaClient, parse_data_page
from resultat.core.sources.scb import ScbClient
from resultat.core.tabular.fastxlsx import column_letter
from resultat.indicators.models import (
    AssessmentOverride,
    Indicator,
    IndicatorLink,
    Observation,
    Source,
    SourceResponse,
)

Progress = Callable[[str, int, int], None]
BATCH_KPIS = 25  # one Kolada request holds at most 25 KPI ids


class IndicatorError(ValueError):
    """Bad input or a failed batch; the message says what and where."""


# ---------------------------------------------------------------------------
# Observations: fast bulk insert and upsert
# ---------------------------------------------------------------------------

_OBS_COLUMNS = ("indicator_id", "area_code", "period", "gender", "value", "status", "synthetic", "response_id")
_OBS_COLUMNS_PERIOD = ("indicator_id", "area_code", "period", "period_code", "gender", "value", "status", "synthetic", "response_id")


def bulk_insert_observations(rows: Iterable[Sequence[Any]], *, batch_size: int = 1000, period_codes: bool = False) -> int:
    """Insert new observations fast: multi-row ``INSERT ... VALUES (...), (...)`` statements
    of ``batch_size`` plain tuples ``(indicator_id, area_code, period, gender, value, status,
    synthetic, response_id)`` (no model instances, no COPY; the same on SQLite and PostgreSQL).
    Annual values leave ``period_code`` to its database default (empty); with
    ``period_codes=True`` each tuple carries it after ``period``.

    For loading into an empty indicator (demo snapshot, benchmarks, first sync);
    duplicates violate the unique constraint and abort the surrounding transaction.
    """
    table = connection.ops.quote_name(Observation._meta.db_table)
    names = _OBS_COLUMNS_PERIOD if period_codes else _OBS_COLUMNS
    columns = ", ".join(connection.ops.quote_name(c) for c in names)
    one = "(" + ", ".join(["%s"] * len(names)) + ")"
    # SQLite allows at most 32 766 parameters per statement (older builds 999).
    limit = getattr(connection.features, "max_query_params", None) or 32766
    batch_size = max(1, min(batch_size, limit // len(names)))
    full_sql = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([one] * batch_size)
    total = 0
    batch: list[Any] = []
    n = 0
    with connection.cursor() as cursor:
        for row in rows:
            batch.extend(row)
            n += 1
            if n == batch_size:
                cursor.execute(full_sql, batch)
                total += n
                batch, n = [], 0
        if n:
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([one] * n), batch)
            total += n
    return total


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.new += other.new
        self.changed += other.changed
        self.deleted += other.deleted
        self.unchanged += other.unchanged


@dataclass(frozen=True)
class Point:
    indicator_id: int
    area: str
    period: int
    gender: str
    value: float | None
    status: str
    response_id: int | None
    deleted: bool = False
    synthetic: bool = False
    period_code: str = ""  # empty for a whole year; else e.g. 2026M01 (resultat.core.sources.periods)


def apply_points(points: Sequence[Point], *, fail_after: int | None = None) -> Counts:
    """Insert, update or delete observations so the store matches ``points``.

    Must run inside a transaction (the callers' batch). ``fail_after`` is for tests:
    raise after that many rows were written, to prove the batch rolls back.
    """
    counts = Counts()
    if not points:
        return counts
    indicator_ids = {p.indicator_id for p in points}
    existing: dict[tuple, tuple[int, float | None, str, bool]] = {}
    for pk, ind, area, period, code, gender, value, status, synthetic in Observation.objects.filter(
        indicator_id__in=indicator_ids, area_code__in={p.area for p in points}
    ).values_list("pk", "indicator_id", "area_code", "period", "period_code", "gender", "value", "status", "synthetic"):
        existing[(ind, area, period, code, gender)] = (pk, value, status, synthetic)
    to_insert, to_update, to_delete = [], [], []
    seen: set[tuple] = set()
    for p in points:
        key = (p.indicator_id, p.area, p.period, p.period_code, p.gender)
        if key in seen:
            raise IndicatorError(
                f"Samma observation två gånger i en omgång: indikator {p.indicator_id}, område {p.area}, "
                f"period {p.period_code or p.period}, kön {p.gender}"
            )
        seen.add(key)
        old = existing.get(key)
        if p.deleted:
            if old is not None:
                to_delete.append(old[0])
            continue
        if old is None:
            to_insert.append((p.indicator_id, p.area, p.period, p.period_code, p.gender, p.value, p.status, p.synthetic, p.response_id))
        elif (old[1], old[2], old[3]) != (p.value, p.status, p.synthetic):
            to_update.append(Observation(pk=old[0], value=p.value, status=p.status, synthetic=p.synthetic, response_id=p.response_id))
        else:
            counts.unchanged += 1
    written = 0
    for chunk_start in range(0, len(to_insert), 2000):
        chunk = to_insert[chunk_start : chunk_start + 2000]
        bulk_insert_observations(chunk, period_codes=True)
        written += len(chunk)
        if fail_after is not None and written >= fail_after:
            raise IndicatorError(f"Avbrott efter {written} rader (test)")
    Observation.objects.bulk_update(to_update, ["value", "status", "synthetic", "response"], batch_size=2000)
    Observation.objects.filter(pk__in=to_delete).delete()
    counts.new, counts.changed, counts.deleted = len(to_insert), len(to_update), len(to_delete)
    return counts


def refresh_synthetic_flags(indicator_ids: Iterable[int] | None = None) -> None:
    qs = Indicator.objects.all() if indicator_ids is None else Indicator.objects.filter(pk__in=list(indicator_ids))
    synthetic_ids = set(
        Observation.objects.filter(indicator__in=qs, synthetic=True).values_list("indicator_id", flat=True).distinct()
    )
    for ind in qs:
        flag = ind.pk in synthetic_ids
        if ind.synthetic != flag:
            Indicator.objects.filter(pk=ind.pk).update(synthetic=flag)


def store_response(raw: RawResponse, source: str, *, synthetic: bool = False) -> SourceResponse:
    return SourceResponse.objects.create(
        source=source, method=raw.method, url=raw.url, params=[list(p) for p in raw.params],
        request_body=raw.request_body or "", fetched_at=raw.fetched_at, status=raw.status,
        sha256=raw.sha256, content_type=raw.content_type or "", body=raw.body, synthetic=synthetic,
    )


# ---------------------------------------------------------------------------
# Sync from Kolada and SCB
# ---------------------------------------------------------------------------


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
        query = ind.query or {}
        table = query.get("table") or ind.external_id
        region_var, time_var = query.get("region", "Region"), query.get("time", "Tid")
        selection = dict(query.get("selection", {}))
        selection[region_var] = [areacodes.to_scb(a) for a in areas]
        selection.setdefault(time_var, "*")
        # JSON fields do not keep key order on PostgreSQL (jsonb): sort so requests are reproducible.
        selection = {k: selection[k] for k in sorted(selection)}
        try:
            # Many tables have counties only (or municipalities only): ask for the areas the table has.
            result = client.get_data(table, selection, partial=(region_var,))
        except (SourceError, ValueError) as exc:
            summary.requests += getattr(exc, "completed_requests", 0)
            summary.failed.append(f"{ind.external_id} ({table}): {exc}")
            continue  # the other tables are independent: go on with them
        summary.requests += len(result.responses)
        missing = result.value.skipped.get(region_var)
        if missing:
            summary.warnings.append(
                f"{ind.external_id} ({table}) saknar {len(missing)} av de valda områdena "
                f"({', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}); de övriga hämtades"
            )
        try:
            with transaction.atomic():
                points = []
                for raw in result.responses:
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
                if (query.get("gender") or {}).get("total") == "sum":
                    # The table has no total: T is women + men for each area and period (both needed).
                    parts: dict[tuple, dict[str, Point]] = {}
                    for p in points:
                        parts.setdefault((p.area, p.period, p.period_code), {})[p.gender] = p
                    for (area, period, code), by_gender in parts.items():
                        k, m = by_gender.get("K"), by_gender.get("M")
                        if k and m and k.value is not None and m.value is not None and "T" not in by_gender:
                            points.append(Point(ind.pk, area, period, "T", k.value + m.value, "summa K+M", k.response_id,
                                                period_code=code))
                summary.counts.add(apply_points(points))
                refresh_synthetic_flags([ind.pk])
        except (IndicatorError, SourceError) as exc:
            summary.failed.append(f"{ind.external_id} ({table}): {exc}")
            continue
        summary.batches += 1
    if progress:
        progress("SCB", summary.batches, len(indicators))
    summary.seconds = time.perf_counter() - start
    return summary


# ---------------------------------------------------------------------------
# Manual import (CSV / XLSX)
# ---------------------------------------------------------------------------

REQUIRED_COLUMNS = ("indikator", "område", "år", "värde")
OPTIONAL_COLUMNS = ("kön", "titel", "enhet", "beskrivning", "riktning", "status", "decimaler")


@dataclass
class ImportResult:
    indicators: list[str]
    counts: Counts
    rows: int
    response: SourceResponse | None = None


def parse_swedish_number(text: Any) -> float | None:
    """``"1 234,5"`` / ``"73"`` / ``73.0`` -> float; empty -> None; ValueError otherwise."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    s = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("\u2212", "-")
    if s in ("", "..", "-"):
        return None
    if "," in s and "." in s:
        raise ValueError(f"tvetydigt tal {text!r} (både komma och punkt)")
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        raise ValueError(f"inte ett tal: {text!r} (skriv t.ex. 73,5)") from None


def _read_table(path: Path, content: bytes) -> list[list[Any]]:
    """The file's rows (row n of the file is item n - 1). XLSX through the bounded streaming
    reader (``core/tabular/fastxlsx``: Excel's sheet limits, zip-bomb and string caps); a
    NUL (PostgreSQL cannot store it) or a malformed file is an error with row and column."""
    from resultat.core.tabular import TabularError
    from resultat.core.tabular.fastxlsx import read_rows

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import zipfile
        from xml.etree.ElementTree import ParseError

        rows: list[list[Any]] = []
        try:
            reader = read_rows(content)
            next(reader)
            for number, values in reader:
                rows.extend([] for _ in range(number - 1 - len(rows)))
                rows.append(values)
        except TabularError as exc:
            raise IndicatorError(f"{path.name}, {exc}") from None
        except (zipfile.BadZipFile, KeyError, ValueError, ParseError, EOFError, OSError) as exc:
            raise IndicatorError(f"{path.name}: kan inte läsa Excel-filen ({exc})") from None
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IndicatorError(f"{path.name}: filen är inte UTF-8") from None
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", delimiters=";,\t")
    reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    try:
        for row in reader:
            for i, value in enumerate(row):
                if "\x00" in value:
                    raise IndicatorError(f"{path.name}, rad {reader.line_num}, kolumn {column_letter(i)}: innehåller ett NUL-tecken (\\0), som inte kan sparas")
            rows.append(row)
    except csv.Error as exc:
        raise IndicatorError(f"{path.name}, rad {len(rows) + 1}: kan inte läsas som CSV ({exc})") from None
    return rows


def import_manual(path: str | Path, *, source_label: str = "", synthetic: bool = False) -> ImportResult:
    """Read manual indicator values from CSV (``;`` or ``,``) or XLSX; all or nothing.

    Columns (first row, case-insensitive): indikator, område, år, värde, and
    optionally kön (T/K/M), titel, enhet, beskrivning, riktning (högre/lägre),
    status, decimaler.  ``område`` is an SCB or Kolada code or an area name.
    Every problem is reported with row number and column.
    """
    path = Path(path)
    content = path.read_bytes()
    table = _read_table(path, content)
    if not table:
        raise IndicatorError(f"{path.name}: filen är tom")
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise IndicatorError(f"{path.name}, rad 1: kolumn(er) saknas: {', '.join(missing)} (finns: {', '.join(h for h in header if h)})")
    col = {name: header.index(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in header}
    names = {a.name.casefold(): a.scb_code for a in areacodes.all_areas()}
    names["sverige"] = "00"
    errors: list[str] = []
    parsed = []
    meta: dict[str, dict[str, Any]] = {}

    def cell(row, name):
        i = col.get(name)
        return row[i] if i is not None and i < len(row) else None

    def where(rownum, name):
        return f"{path.name}, rad {rownum}, kolumn {column_letter(col[name])} ({name})"

    for rownum, row in enumerate(table[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        ind = str(cell(row, "indikator") or "").strip()
        if not ind:
            errors.append(f"{where(rownum, 'indikator')}: tomt")
            continue
        raw_area = str(cell(row, "område") or "").strip()
        area = None
        if areacodes.is_valid(raw_area):
            area = areacodes.normalise(raw_area)
        elif raw_area.casefold() in names:
            area = names[raw_area.casefold()]
        else:
            errors.append(f"{where(rownum, 'område')}: okänt område {raw_area!r} (ange SCB-kod som 24 eller 2480, eller namn)")
        try:
            year_value = parse_swedish_number(cell(row, "år"))
            if year_value is None or year_value != int(year_value) or not 1900 <= year_value <= 2100:
                raise ValueError(f"förväntade ett år, fick {cell(row, 'år')!r}")
            year = int(year_value)
        except ValueError as exc:
            errors.append(f"{where(rownum, 'år')}: {exc}")
            year = None
        try:
            value = parse_swedish_number(cell(row, "värde"))
        except ValueError as exc:
            errors.append(f"{where(rownum, 'värde')}: {exc}")
            value = None
        gender = str(cell(row, "kön") or "T").strip().upper() if "kön" in col else "T"
        if gender not in ("T", "K", "M"):
            errors.append(f"{where(rownum, 'kön')}: förväntade T, K eller M, fick {gender!r}")
        info = meta.setdefault(ind, {})
        for name in ("titel", "enhet", "beskrivning", "riktning", "decimaler"):
            v = cell(row, name)
            if v not in (None, "") and name not in info:
                info[name] = (str(v).strip(), rownum)
        status = str(cell(row, "status") or "").strip()[:20]
        parsed.append((rownum, ind, area, year, gender, value, status))
    for ind, info in meta.items():
        direction = info.get("riktning", ("högre", 0))
        if direction[0].lower() not in ("högre", "lägre", "higher", "lower"):
            errors.append(f"{where(direction[1], 'riktning')}: förväntade 'högre' eller 'lägre', fick {direction[0]!r}")
        if "titel" not in info and not Indicator.objects.filter(source=Source.MANUAL, external_id=ind).exists():
            errors.append(f"{path.name}: indikatorn {ind!r} är ny och behöver en titel (kolumn titel)")
    seen = {}
    for rownum, ind, area, year, gender, *_ in parsed:
        key = (ind, area, year, gender)
        if None not in key and key in seen:
            errors.append(f"{path.name}, rad {rownum}: samma indikator, område, år och kön som rad {seen[key]}")
        seen.setdefault(key, rownum)
    if errors:
        raise IndicatorError(f"{len(errors)} fel i {path.name}:\n" + "\n".join(errors))

    with transaction.atomic():
        if table and path.suffix.lower() in (".xlsx", ".xlsm"):
            buf = io.StringIO()
            csv.writer(buf, delimiter=";").writerows([["" if v is None else v for v in r] for r in table])
            body = buf.getvalue()
        else:
            body = content.decode("utf-8-sig")
        response = SourceResponse.objects.create(
            source=Source.MANUAL, method="FILE", url=path.name, citation=source_label.strip(), fetched_at=timezone.now(),
            sha256=hashlib.sha256(content).hexdigest(), content_type="text/csv" if path.suffix.lower() == ".csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            body=body, synthetic=synthetic,
        )
        indicators: dict[str, Indicator] = {}
        for ind_id, info in meta.items():
            defaults = {}
            if "titel" in info:
                defaults["title"] = info["titel"][0]
            if "enhet" in info:
                defaults["unit"] = info["enhet"][0]
            if "beskrivning" in info:
                defaults["description"] = info["beskrivning"][0]
            if "riktning" in info:
                defaults["direction"] = "lower" if info["riktning"][0].lower() in ("lägre", "lower") else "higher"
            if "decimaler" in info:
                defaults["decimals"] = int(parse_swedish_number(info["decimaler"][0]) or 0)
            indicator, _ = Indicator.objects.update_or_create(source=Source.MANUAL, external_id=ind_id, defaults=defaults)
            indicators[ind_id] = indicator
        genders = {}
        points = []
        for _rownum, ind, area, year, gender, value, status in parsed:
            genders.setdefault(ind, set()).add(gender)
            points.append(Point(indicators[ind].pk, area, year, gender, value, status, response.pk, synthetic=synthetic))
        counts = apply_points(points)
        for ind, gs in genders.items():
            if {"K", "M"} <= gs and not indicators[ind].has_gender_split:
                Indicator.objects.filter(pk=indicators[ind].pk).update(has_gender_split=True)
        refresh_synthetic_flags(i.pk for i in indicators.values())
    return ImportResult(sorted(indicators), counts, len(parsed), response)


# ---------------------------------------------------------------------------
# Indicator sets (YAML in data/indicators/)
# ---------------------------------------------------------------------------

KIND_BY_PREFIX = {"mal-": "goal", "inr-": "perspective", "p-": "priority", "dp-": "subpriority"}


def _kind_of(code: str) -> str | None:
    for prefix, kind in KIND_BY_PREFIX.items():
        if code.startswith(prefix):
            return kind
    return None


def load_indicator_sets(paths: Iterable[str | Path]) -> dict[str, int]:
    """Upsert indicators and their links from indicator-set YAML files, in one transaction.

    Validates every element code against the strategy (any of its versions) and
    every SDG number; errors name the file and the entry (``indicators[3].links[1]``).
    """
    from resultat.reference.models import SdgGoal
    from resultat.strategy.models import OverallGoal, Perspective, Priority, Strategy, SubPriority

    docs = []
    errors = []
    for path in map(Path, paths):
        try:
            doc = yamlsafe.safe_load(path.read_text(encoding="utf-8"))
        except yamlsafe.YamlError as exc:
            errors.append(f"{path}:{exc.line or ''}: ogiltig YAML ({exc})")
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("indicators"), list):
            errors.append(f"{path}: förväntade nycklarna 'set', 'strategy' och en lista 'indicators'")
            continue
        docs.append((path, doc))
    sdg_numbers = set(SdgGoal.objects.values_list("number", flat=True))
    totals = {"indikatorer": 0, "kopplingar": 0}
    plans = []
    for path, doc in docs:
        strategy = Strategy.objects.filter(code=doc.get("strategy", "")).first()
        if strategy is None:
            errors.append(f"{path}: strategin {doc.get('strategy')!r} finns inte (läs in den först)")
            continue
        codes = set()

        for model in (OverallGoal, Perspective, Priority, SubPriority):
            codes |= set(model.objects.filter(version__strategy=strategy).values_list("code", flat=True))
        for i, entry in enumerate(doc["indicators"]):
            at = f"{path}: indicators[{i}]"
            if not isinstance(entry, dict):
                errors.append(f"{at}: förväntade ett objekt")
                continue
            source, ext = entry.get("source"), str(entry.get("id", "")).strip()
            if source not in Source.values:
                errors.append(f"{at}.source: förväntade kolada, scb eller manual, fick {source!r}")
            if not ext:
                errors.append(f"{at}.id: saknas")
            if not entry.get("title"):
                errors.append(f"{at}.title: saknas")
            if entry.get("direction", "higher") not in ("higher", "lower"):
                errors.append(f"{at}.direction: förväntade higher eller lower")
            for j, link in enumerate(entry.get("links") or []):
                lat = f"{at}.links[{j}]"
                if not isinstance(link, dict):
                    errors.append(f"{lat}: förväntade ett objekt")
                    continue
                if "sdg" in link:
                    if link["sdg"] not in sdg_numbers:
                        errors.append(f"{lat}.sdg: okänt Agenda 2030-mål {link['sdg']!r}")
                elif link.get("element") not in codes or _kind_of(str(link.get("element"))) is None:
                    errors.append(f"{lat}.element: {link.get('element')!r} finns inte i strategin {strategy.code}")
                target = link.get("target")
                if target is not None and (not isinstance(target, dict) or not isinstance(target.get("value"), (int, float))):
                    errors.append(f"{lat}.target: förväntade {{value: tal, year: år, direction: higher|lower}}")
            plans.append((strategy, doc.get("set", path.stem), entry))
    if errors:
        raise IndicatorError(f"{len(errors)} fel i indikatoruppsättningarna:\n" + "\n".join(errors))
    goals = {g.number: g for g in SdgGoal.objects.all()}
    with transaction.atomic():
        for strategy, set_name, entry in plans:
            defaults = {
                "title": entry["title"],
                "title_verified": bool(entry.get("title_verified", True)),
                "unit": entry.get("unit", ""),
                "description": entry.get("description", ""),
                "direction": entry.get("direction", "higher"),
                "has_gender_split": bool(entry.get("gender", False)),
                "decimals": int(entry.get("decimals", 1)),
                "query": entry.get("query", {}),
            }
            indicator, _ = Indicator.objects.update_or_create(source=entry["source"], external_id=str(entry["id"]), defaults=defaults)
            totals["indikatorer"] += 1
            for order, link in enumerate(entry.get("links") or []):
                target = link.get("target") or {}
                values = {
                    "order": order,
                    "target_value": target.get("value"),
                    "target_year": target.get("year"),
                    "target_direction": target.get("direction", ""),
                    "note": link.get("note", ""),
                    "set_name": set_name,
                }
                if "sdg" in link:
                    IndicatorLink.objects.update_or_create(indicator=indicator, sdg_goal=goals[link["sdg"]], defaults={"kind": "sdg", **values})
                else:
                    code = link["element"]
                    IndicatorLink.objects.update_or_create(
                        indicator=indicator, strategy=strategy, element_code=code, sdg_goal=None,
                        defaults={"kind": _kind_of(code), **values},
                    )
                totals["kopplingar"] += 1
    return totals


# ---------------------------------------------------------------------------
# Assessment override
# ---------------------------------------------------------------------------


def can_assess(user) -> bool:
    return bool(user and user.is_authenticated and (user.has_role(Role.ANALYST) or user.has_role(Role.ADMINISTRATOR)))


def set_override(indicator: Indicator, user, status: str, justification: str) -> AssessmentOverride | None:
    """Record an analyst's status with a justification; ``status=""`` returns to automatic."""
    if not can_assess(user):
        raise PermissionDenied(gettext("Bara analytiker kan ändra bedömningen."))
    justification = (justification or "").strip()
    if status and status not in {s.value for s in Status}:
        raise IndicatorError(gettext("Okänd status %(status)r") % {"status": status})
    if not justification:
        raise IndicatorError(gettext("Skriv en motivering till bedömningen."))
    with transaction.atomic():
        AssessmentOverride.objects.filter(indicator=indicator, active=True).update(active=False)
        if not status:
            return None
        return AssessmentOverride.objects.create(
            indicator=indicator, status=status, justification=justification, created_by=user,
        )


# ---------------------------------------------------------------------------
# Demo snapshot
# ---------------------------------------------------------------------------

DEMO_FIRST_YEAR, DEMO_LAST_YEAR = 2010, 2024
# Plausible levels for the synthetic demo values of `make run` (labelled "Syntetiska
# demovärden" wherever shown), by unit: the county's level in 2024 lies in the first range,
# municipalities within ±25 % of it, and the yearly trend in the second range. Without
# them a life expectancy of 4.9 years or a GRP of 14 kr per inhabitant looked like data.
DEMO_LEVELS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "procent": ((35.0, 85.0), (-0.01, 0.015)),
    "procent av BRP": ((1.5, 4.0), (-0.02, 0.03)),
    "ton/inv": ((3.0, 8.0), (-0.04, 0.0)),
    "per 1 000 inv": ((2.0, 8.0), (-0.02, 0.02)),
    "kr/inv": ((420_000.0, 560_000.0), (0.0, 0.04)),
    "per 100 000 inv": ((15.0, 40.0), (-0.04, 0.01)),
    "per inv": ((1.0, 4.0), (-0.02, 0.03)),
    "år": ((80.5, 83.5), (0.0, 0.002)),
    "dagar": ((20.0, 35.0), (-0.03, 0.01)),
    "index": ((40.0, 80.0), (-0.01, 0.02)),
}
DEMO_DEFAULT_LEVEL = ((10.0, 100.0), (-0.02, 0.03))
SEED_FILE = "shared/seeds/rus-vasterbotten-2020-2030-aktualisering-2025-26.txt"
_RUS = "Regional utvecklingsstrategi för Västerbottens län 2020–2030, aktualisering 2025–26"
# What the reader is told the seed figures come from (the strategy quotes them).
SEED_CITATIONS = {
    "N01951": f"folkmängd 31 december 2024 per kommun, återgiven i {_RUS} (fotnot 1)",
    "BRP-LIVSKVALITET": f"BRP+ 2025, indexvärde för livskvalitet, återgivet i {_RUS} (avsnittet om länets utgångsläge)",
}


def _rng(*parts: Any) -> random.Random:
    return random.Random(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest())


def demo_snapshot(*, replace: bool = False) -> dict[str, int]:
    """Fill indicators without observations with deterministic synthetic values
    (flagged ``synthetic``) and store the real figures the seeds give:

    * population 31/12 2024 per municipality (reference geography, from the strategy seed) for N01951;
    * BRP+ life-quality index 2025: Västerbotten 73, the country 46 (strategy seed lines 421–428).
    """
    from resultat.reference.models import Area

    areas = default_areas()
    totals = {"syntetiska": 0, "verkliga": 0}
    if replace:
        todo = True
    else:
        filled_now = set(Observation.objects.values_list("indicator_id", flat=True).distinct())
        todo = Indicator.objects.exclude(pk__in=filled_now).exists()
    if not todo:
        return totals
    with transaction.atomic():
        fetched = timezone.now()
        synthetic_source = SourceResponse.objects.create(
            source=Source.MANUAL, method="DEMO", url="resultat demo setup (syntetiska demovärden)", fetched_at=fetched,
            sha256=hashlib.sha256(b"resultat-demo-synthetic-v1").hexdigest(), body="Syntetiska demovärden, deterministiskt genererade (seed per indikator).",
            synthetic=True,
        )
        real_source = SourceResponse.objects.create(
            source=Source.MANUAL, method="FILE", url=SEED_FILE, fetched_at=fetched,
            sha256=hashlib.sha256(b"seed-figures-v1").hexdigest(),
            body="Folkmängd 31/12 2024 per kommun (fotnot 1, rad 433–435, 488–489); BRP+ 2025 livskvalitet Västerbotten 73, riket 46 (rad 421–428).",
            citation=SEED_CITATIONS["N01951"],
        )
        brp_source = SourceResponse.objects.create(
            source=Source.MANUAL, method="FILE", url=SEED_FILE, fetched_at=fetched,
            sha256=hashlib.sha256(b"seed-figures-brp-v1").hexdigest(),
            body="BRP+ 2025 livskvalitet Västerbotten 73, riket 46 (rad 421–428).",
            citation=SEED_CITATIONS["BRP-LIVSKVALITET"],
        )
        qs = Indicator.objects.all()
        if replace:  # everything the demo wrote: synthetic values and the seed figures
            from django.db.models import Q

            Observation.objects.filter(Q(synthetic=True) | Q(response__url=SEED_FILE)).delete()
        filled = set(Observation.objects.values_list("indicator_id", flat=True).distinct())
        population = dict(Area.objects.filter(kind="municipality", population_year=2024).exclude(population=None).values_list("code", "population"))
        county = next((c for c in areas if len(c) == 2 and c != "00"), "24")
        munis = [c for c in areas if len(c) == 4]
        years = range(DEMO_FIRST_YEAR, DEMO_LAST_YEAR + 1)
        for ind in qs:
            if ind.pk in filled:
                continue
            if ind.source == Source.MANUAL and ind.external_id == "BRP-LIVSKVALITET":
                rows = [(ind.pk, county, 2025, "T", 73.0, "", False, brp_source.pk), (ind.pk, "00", 2025, "T", 46.0, "", False, brp_source.pk)]
                totals["verkliga"] += bulk_insert_observations(rows)
                continue
            real = ind.source == Source.KOLADA and ind.external_id == "N01951"
            r = _rng(ind.source, ind.external_id)
            (low, high), (trend_low, trend_high) = DEMO_LEVELS.get(ind.unit, DEMO_DEFAULT_LEVEL)
            trend = r.uniform(trend_low, trend_high)
            counts = ind.unit == "antal"
            whole_population = real or any(word in ind.title.lower() for word in ("folkmängd", "invånare totalt"))
            scale = 1.0 if whole_population else r.uniform(0.02, 0.2)
            level = r.uniform(low, high)
            totals_t: dict[tuple[str, int], float] = {}
            for code in munis:
                ra = _rng(ind.external_id, code)
                anchor = (population.get(code) or 5000) * scale if counts else level * ra.uniform(0.75, 1.25)
                area_trend = trend + ra.uniform(-0.01, 0.01)
                for year in years:
                    totals_t[(code, year)] = anchor * (1 + area_trend) ** (year - DEMO_LAST_YEAR) * (1 + ra.gauss(0, 0.01))
            rc = _rng(ind.external_id, county)
            for year in years:
                if counts:
                    totals_t[(county, year)] = sum(totals_t[(c, year)] for c in munis)
                    totals_t[("00", year)] = totals_t[(county, year)] * 37.5 * (1 + rc.gauss(0, 0.005))
                else:
                    totals_t[(county, year)] = level * (1 + trend) ** (year - DEMO_LAST_YEAR) * (1 + rc.gauss(0, 0.01))
                    totals_t[("00", year)] = level * 0.97 * (1 + trend * 0.8) ** (year - DEMO_LAST_YEAR) * (1 + rc.gauss(0, 0.005))
            if ind.unit == "procent":
                totals_t = {key: min(value, 99.0) for key, value in totals_t.items()}
            rows = []
            for (code, year), value in totals_t.items():
                if real and code in population and year == 2024:
                    rows.append((ind.pk, code, year, "T", float(population[code]), "", False, real_source.pk))
                    continue
                t_value = round(value, ind.decimals)
                rows.append((ind.pk, code, year, "T", t_value, "", True, synthetic_source.pk))
                if ind.has_gender_split:
                    rg = _rng(ind.external_id, code, "kön")
                    if counts:
                        women = round(t_value * rg.uniform(0.485, 0.505), 0)
                        men = t_value - women
                    else:
                        gap = rg.uniform(-0.08, 0.08)
                        women, men = round(t_value * (1 + gap), ind.decimals), round(t_value * (1 - gap), ind.decimals)
                        if ind.unit == "procent":
                            women, men = min(women, 99.5), min(men, 99.5)
                    rows.append((ind.pk, code, year, "K", women, "", True, synthetic_source.pk))
                    rows.append((ind.pk, code, year, "M", men, "", True, synthetic_source.pk))
            n = bulk_insert_observations(rows)
            n_real = sum(1 for row in rows if not row[6])
            totals["verkliga"] += n_real
            totals["syntetiska"] += n - n_real
        refresh_synthetic_flags()
    return totals
