"""Automatic progress status in the manner of Open SDG (sdg-build ``ProgressMeasure``).

Open SDG follows Statistics Canada's method.  For one time series (year -> value):

* **base year** - the configured base year (default 2015) or, if the series has no
  value for it, the first later year that has one; **current year** - the latest year.
* **Without a target** (method 1) the progress value is the compound annual growth
  rate ``CAGR = (current / base) ** (1 / (current_year - base_year)) - 1``, signed so
  that a positive number is movement in the desired direction
  (``sign(base) * direction * CAGR``).  Thresholds: substantial ≥ 0.015 (1.5 % a
  year), moderate ≥ 0.005, limited ≥ 0, deterioration < 0.
* **With a target** (method 2) the observed CAGR is divided by the CAGR required to go
  from the base value to the target in the target year:
  ``sign * direction * CAGR_observed / |CAGR_required|``.  Thresholds: substantial ≥
  0.95, moderate ≥ 0.6, limited ≥ 0, deterioration < 0.  If the current value
  already meets the target (≥ for "higher is better", ≤ for "lower is better") the
  status is *target achieved*.
* **Not available** when there are fewer than two years with values, the base year is
  not before the current year, or base and current value have different signs.  A base
  value (or target) of exactly zero is replaced by 0.001, as Open SDG does.

Open SDG's optional "limit" (threshold reduction near a floor) is not implemented.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from resultat.core.i18n import N_, Message

__all__ = [
    "Comparison",
    "Direction",
    "Progress",
    "Status",
    "assess",
    "compare_with_country",
    "growth",
]

DEFAULT_BASE_YEAR = 2015
DEFAULT_TARGET_YEAR = 2030
QUALITATIVE_THRESHOLDS = {"high": 0.015, "med": 0.005, "low": 0.0}
QUANTITATIVE_THRESHOLDS = {"high": 0.95, "med": 0.6, "low": 0.0}


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better (Open SDG "positive")
    LOWER = "lower"  # lower is better (Open SDG "negative", its default)

    @property
    def sign(self) -> int:
        return 1 if self is Direction.HIGHER else -1


class Status(StrEnum):
    TARGET_ACHIEVED = "target_achieved"
    SUBSTANTIAL = "substantial_progress"
    MODERATE = "moderate_progress"
    LIMITED = "limited_progress"
    DETERIORATION = "deterioration"
    NOT_AVAILABLE = "not_available"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


# Swedish msgids: the data (open data, the report) keeps them; a page translates them
# (``{% translate a.label %}``, docs/i18n.md).
STATUS_LABELS = {
    Status.TARGET_ACHIEVED: N_("Målet nått"),
    Status.SUBSTANTIAL: N_("Betydande framsteg"),
    Status.MODERATE: N_("Måttliga framsteg"),
    Status.LIMITED: N_("Begränsade framsteg"),
    Status.DETERIORATION: N_("Försämring"),
    Status.NOT_AVAILABLE: N_("Bedömning saknas"),
}


@dataclass(frozen=True)
class Progress:
    status: Status
    method: int  # 1 without target, 2 with target
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target: float | None = None
    target_year: int | None = None
    direction: Direction = Direction.HIGHER
    progress_value: float | None = None
    reason: str = ""

    @property
    def label(self) -> str:
        return self.status.label


def growth(current: float, base: float, current_year: int, base_year: int) -> float:
    """Compound annual growth rate between two observations."""
    return (current / base) ** (1 / (current_year - base_year)) - 1


def _status(value: float, thresholds: Mapping[str, float]) -> Status:
    if value >= thresholds["high"]:
        return Status.SUBSTANTIAL
    if value >= thresholds["med"]:
        return Status.MODERATE
    if value >= thresholds["low"]:
        return Status.LIMITED
    return Status.DETERIORATION


def assess(
    series: Mapping[int, float | None],
    *,
    direction: Direction | str = Direction.HIGHER,
    target: float | None = None,
    target_year: int | None = None,
    base_year: int = DEFAULT_BASE_YEAR,
) -> Progress:
    """Progress status of one series (year -> value; ``None`` values are ignored)."""
    direction = Direction(direction)
    method = 1 if target is None else 2
    target_year = target_year or (DEFAULT_TARGET_YEAR if target is not None else None)
    points = {int(y): float(v) for y, v in series.items() if v is not None and math.isfinite(v)}
    common = {"method": method, "target": target, "target_year": target_year, "direction": direction}
    if not points:
        return Progress(Status.NOT_AVAILABLE, reason=Message(N_("Inga värden.")), **common)
    current_year = max(points)
    current = points[current_year]
    later = [y for y in points if y >= base_year]
    chosen_base = min(later) if later else None
    if target is not None and (
        (direction is Direction.HIGHER and current >= target)
        or (direction is Direction.LOWER and current <= target)
    ):
        base_value = points.get(chosen_base) if chosen_base is not None else None
        return Progress(
            Status.TARGET_ACHIEVED, base_year=chosen_base, base_value=base_value,
            current_year=current_year, current_value=current, reason=Message(N_("Senaste värdet når målvärdet.")),
            **common,
        )
    if chosen_base is None or chosen_base >= current_year:
        return Progress(
            Status.NOT_AVAILABLE, base_year=chosen_base, current_year=current_year, current_value=current,
            reason=Message(N_("Minst två år med värden från basåret %(year)s behövs."), year=base_year), **common,
        )
    base = points[chosen_base]
    if base == 0:
        base = 0.001
    if (base > 0 > current) or (base < 0 < current):
        return Progress(
            Status.NOT_AVAILABLE, base_year=chosen_base, base_value=base, current_year=current_year,
            current_value=current, reason=Message(N_("Bas- och senaste värdet har olika tecken.")), **common,
        )
    sign = -1 if base < 0 else 1
    observed = growth(current, base, current_year, chosen_base)
    if method == 1:
        value = sign * direction.sign * observed
        status = _status(value, QUALITATIVE_THRESHOLDS)
    else:
        goal = 0.001 if target == 0 else target
        if target_year <= chosen_base or (goal > 0) != (base > 0):
            return Progress(
                Status.NOT_AVAILABLE, base_year=chosen_base, base_value=base, current_year=current_year,
                current_value=current, reason=Message(N_("Målåret måste ligga efter basåret och målet ha basvärdets tecken.")),
                **common,
            )
        required = growth(goal, base, target_year, chosen_base)
        if required == 0:
            return Progress(
                Status.NOT_AVAILABLE, base_year=chosen_base, base_value=base, current_year=current_year,
                current_value=current, reason=Message(N_("Målvärdet är lika med basvärdet.")), **common,
            )
        value = sign * direction.sign * observed / abs(required)
        status = _status(value, QUANTITATIVE_THRESHOLDS)
    return Progress(
        status, base_year=chosen_base, base_value=points[chosen_base], current_year=current_year,
        current_value=current, progress_value=value, **common,
    )


@dataclass(frozen=True)
class Comparison:
    """The county's latest value against the country's in the same year."""

    year: int | None
    county: float | None
    country: float | None
    difference: float | None
    better: bool | None  # None: equal or not comparable

    @property
    def text(self) -> Message:
        """Swedish (a :class:`~resultat.core.i18n.Message`: a page translates it)."""
        if self.year is None or self.difference is None:
            return Message(N_("Ingen jämförelse med riket."))
        if self.better is None:
            return Message(N_("Samma värde som riket %(year)s."), year=self.year)
        if self.better:
            return Message(N_("Bättre än riket %(year)s."), year=self.year)
        return Message(N_("Sämre än riket %(year)s."), year=self.year)


def compare_with_country(
    county: Mapping[int, float | None],
    country: Mapping[int, float | None],
    *,
    direction: Direction | str = Direction.HIGHER,
) -> Comparison:
    """Compare the latest year in which both series have a value."""
    direction = Direction(direction)
    years = sorted(y for y in county if county[y] is not None and country.get(y) is not None)
    if not years:
        return Comparison(None, None, None, None, None)
    year = years[-1]
    a, b = float(county[year]), float(country[year])
    diff = a - b
    better = None if diff == 0 else (diff > 0) == (direction is Direction.HIGHER)
    return Comparison(year, a, b, diff, better)
