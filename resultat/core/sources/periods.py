"""Time periods as the sources code them, kept as periods.

SCB's PxWebApi codes the time variable (``Tid``) by the table's frequency:
``2026`` (year), ``2026H1`` (half-year), ``2026T1`` (tertial), ``2026K1``
(quarter; ``2026Q1`` in English tables), ``2026M01`` (month), ``2026V05``
(week; ``2026W05`` in English tables) and ``2025/26`` or ``2025/2026`` (a split
year such as a school year). Kolada has years only.

A :class:`Period` keeps the year it belongs to (the first year of a split year)
and its canonical code; ``code == ""`` for a plain year, so annual data stays
exactly as it was stored before sub-annual periods existed. Periods of the same
table sort in time order; their ``start`` date places them on a chart's time axis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

from resultat.core.i18n import N_, Message

KINDS = ("year", "split", "half", "tertial", "quarter", "month", "week")

# The label's msgids (Swedish, translated at the boundary: Period.message, ChartText.period).
_MONTH_LABELS = (
    N_("jan %(year)s"), N_("feb %(year)s"), N_("mar %(year)s"), N_("apr %(year)s"), N_("maj %(year)s"),
    N_("jun %(year)s"), N_("jul %(year)s"), N_("aug %(year)s"), N_("sep %(year)s"), N_("okt %(year)s"),
    N_("nov %(year)s"), N_("dec %(year)s"),
)
_NUMBERED_LABELS = {
    "half": N_("%(year)s halvår %(number)s"),
    "tertial": N_("%(year)s tertial %(number)s"),
    "quarter": N_("%(year)s kv. %(number)s"),
    "week": N_("%(year)s v. %(number)s"),
}
_PATTERNS = (
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{4})[Hh]([12])"), "half"),
    (re.compile(r"(\d{4})[Tt]([1-3])"), "tertial"),
    (re.compile(r"(\d{4})[KkQq]([1-4])"), "quarter"),
    (re.compile(r"(\d{4})[Mm](0[1-9]|1[0-2])"), "month"),
    (re.compile(r"(\d{4})[VvWw](0[1-9]|[1-4]\d|5[0-3])"), "week"),
    (re.compile(r"(\d{4})/(\d{2}|\d{4})"), "split"),
)
_LETTER = {"half": "H", "tertial": "T", "quarter": "K", "month": "M", "week": "V"}
# Months per period, for the start date of halves, tertials and quarters.
_MONTHS_PER = {"half": 6, "tertial": 4, "quarter": 3, "month": 1}


class PeriodError(ValueError):
    """A time code that is not one of the known period forms."""


@total_ordering
@dataclass(frozen=True)
class Period:
    """One period: ``year`` (first year of a split year), ``kind`` and ``number``
    within the year (half 1–2, tertial 1–3, quarter 1–4, month 1–12, week 1–53; 0
    for a year or a split year)."""

    year: int
    kind: str = "year"
    number: int = 0

    @classmethod
    def annual(cls, year: int) -> Period:
        return cls(int(year))

    @property
    def code(self) -> str:
        """Canonical code, stored beside the year; empty for a plain year."""
        if self.kind == "year":
            return ""
        if self.kind == "split":
            return f"{self.year}/{(self.year + 1) % 100:02d}"
        width = 2 if self.kind in ("month", "week") else 1
        return f"{self.year}{_LETTER[self.kind]}{self.number:0{width}d}"

    @property
    def is_annual(self) -> bool:
        return self.kind == "year"

    @property
    def start(self) -> date:
        if self.kind == "year":
            return date(self.year, 1, 1)
        if self.kind == "split":
            return date(self.year, 7, 1)
        if self.kind == "week":
            return date.fromisocalendar(self.year, self.number, 1)
        return date(self.year, (self.number - 1) * _MONTHS_PER[self.kind] + 1, 1)

    @property
    def label(self) -> str:
        """Swedish label: 2026, 2025/26, 2026 halvår 1, 2026 tertial 2, 2026 kv. 1, jan 2026, 2026 v. 5
        (the data's label: CSV, open data, the report; a page shows :attr:`message` translated)."""
        return str(self.message)

    @property
    def message(self) -> Message:
        """The label as a :class:`~resultat.core.i18n.Message` (its value is :attr:`label`), so a
        page or a chart in English writes "2026 Q1" or "Jan 2026" (``translate(p.message, gettext)``).
        A year and a split year are numbers in every language."""
        if self.kind == "year":
            return Message(str(self.year))
        if self.kind == "split":
            return Message(self.code)
        if self.kind == "month":
            return Message(_MONTH_LABELS[self.number - 1], year=self.year)
        return Message(_NUMBERED_LABELS[self.kind], year=self.year, number=self.number)

    def sort_key(self) -> tuple:
        return (self.start, KINDS.index(self.kind), self.number)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.label


def parse(code: object) -> Period:
    """A source's time code as a :class:`Period`; :class:`PeriodError` names the code."""
    text = str(code).strip()
    for pattern, kind in _PATTERNS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        year = int(m.group(1))
        if kind == "year":
            return Period(year)
        if kind == "split":
            second = m.group(2)
            following = int(second) if len(second) == 4 else (year + 1) % 100
            if (len(second) == 4 and following != year + 1) or (len(second) == 2 and int(second) != following):
                raise PeriodError(Message(N_("Tidskoden %(text)r är inget brutet år (andra året ska följa på det första)"), text=text))
            return Period(year, "split")
        number = int(m.group(2))
        if kind == "week":
            try:
                date.fromisocalendar(year, number, 1)
            except ValueError as exc:
                raise PeriodError(Message(N_("Tidskoden %(text)r: år %(year)s har ingen vecka %(number)s"), text=text, year=year, number=number)) from exc
        return Period(year, kind, number)
    raise PeriodError(
        Message(N_("Okänd tidskod %(text)r: förväntade år (2026), halvår (2026H1), tertial (2026T1), kvartal (2026K1), månad (2026M01), vecka (2026V01) eller brutet år (2025/26)"), text=text)
    )


def from_stored(year: int, code: str) -> Period:
    """The period of a stored observation (``period`` year and ``period_code``)."""
    if not code:
        return Period(int(year))
    period = parse(code)
    if period.year != int(year):
        raise PeriodError(Message(N_("Lagrad tidskod %(code)r hör inte till år %(year)s"), code=code, year=year))
    return period
