"""The Open SDG tidy CSV (open-sdg docs/data-format.md) for one indicator.

Columns: ``Year`` first, then ``Units`` and ``Series`` when any observation has
them, then the disaggregation columns (sorted by name), ``GeoCode`` (second last,
when any observation has one) and ``Value`` last. A blank cell means "all/total";
the row whose disaggregations are all blank is the headline. Rows are sorted so the
headline comes first within each year ordering Open SDG expects (by disaggregation,
then year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from resultat.core.opendata.csvfile import write_rows

RESERVED = ("Year", "Units", "Series", "GeoCode", "Value")


@dataclass(frozen=True)
class Observation:
    year: int
    value: float | int | None
    geocode: str = ""
    units: str = ""
    series: str = ""
    disaggregations: Mapping[str, str] = field(default_factory=dict)


class TidyError(ValueError):
    pass


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def tidy_rows(observations: Iterable[Observation]) -> tuple[list[str], list[dict[str, Any]]]:
    obs = list(observations)
    disaggregations: set[str] = set()
    seen: set[tuple] = set()
    for i, o in enumerate(obs, start=1):
        for key in o.disaggregations:
            if key in RESERVED:
                raise TidyError(f"observation {i}: disaggregeringen {key!r} krockar med en reserverad kolumn")
        disaggregations.update(k for k, v in o.disaggregations.items() if v not in ("", None))
        identity = (o.year, o.units, o.series, o.geocode, tuple(sorted((k, v) for k, v in o.disaggregations.items() if v)))
        if identity in seen:
            raise TidyError(f"observation {i}: dubblett för år {o.year} med samma uppdelning")
        seen.add(identity)
    columns = ["Year"]
    if any(o.units for o in obs):
        columns.append("Units")
    if any(o.series for o in obs):
        columns.append("Series")
    columns += sorted(disaggregations)
    if any(o.geocode for o in obs):
        columns.append("GeoCode")
    columns.append("Value")
    rows = []
    for o in obs:
        row: dict[str, Any] = {"Year": o.year, "Units": o.units, "Series": o.series, "GeoCode": o.geocode, "Value": _number(o.value)}
        for key in disaggregations:
            row[key] = o.disaggregations.get(key, "") or ""
        rows.append(row)

    def order(row):
        disagg = tuple(row[k] for k in sorted(disaggregations))
        headline = not any(disagg) and not row["GeoCode"]
        return (row["Units"], row["Series"], not headline, row["GeoCode"], disagg, row["Year"])

    rows.sort(key=order)
    return columns, rows


def tidy_csv(observations: Iterable[Observation]) -> str:
    columns, rows = tidy_rows(observations)
    return write_rows(columns, rows)


def indicator_filename(indicator_id: str) -> str:
    """Open SDG's file name: ``indicator_1-1-1.csv`` from ``1.1.1`` (dots to dashes)."""
    safe = indicator_id.strip().replace(".", "-").replace("/", "-").replace(" ", "-")
    if not safe:
        raise TidyError("indikatorn saknar id")
    return f"indicator_{safe}.csv"
