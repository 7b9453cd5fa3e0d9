"""The indicator store's low-level writes: bulk insert and upsert of observations,
the synthetic flags and the stored source responses. Callers run them inside their
batch's transaction: a failure half-way leaves nothing of that batch behind."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from resultat.core.sources.http import RawResponse
from resultat.indicators.models import Indicator, Observation, SourceResponse


class IndicatorError(ValueError):
    """Bad input or a failed batch; the message says what and where."""


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
