"""SCB's time codes kept as periods (resultat.core.sources.periods)."""

from datetime import date

import pytest

from resultat.core.sources import periods
from resultat.core.sources.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("code", "kind", "year", "number", "canonical", "label", "start"),
    [
        ("2025", "year", 2025, 0, "", "2025", date(2025, 1, 1)),
        ("2026M01", "month", 2026, 1, "2026M01", "jan 2026", date(2026, 1, 1)),
        ("2026M12", "month", 2026, 12, "2026M12", "dec 2026", date(2026, 12, 1)),
        ("2026K1", "quarter", 2026, 1, "2026K1", "2026 kv. 1", date(2026, 1, 1)),
        ("2025Q4", "quarter", 2025, 4, "2025K4", "2025 kv. 4", date(2025, 10, 1)),
        ("2026H2", "half", 2026, 2, "2026H2", "2026 halvår 2", date(2026, 7, 1)),
        ("2026T3", "tertial", 2026, 3, "2026T3", "2026 tertial 3", date(2026, 9, 1)),
        ("2026V05", "week", 2026, 5, "2026V05", "2026 v. 5", date(2026, 1, 26)),
        ("2025/26", "split", 2025, 0, "2025/26", "2025/26", date(2025, 7, 1)),
        ("2025/2026", "split", 2025, 0, "2025/26", "2025/26", date(2025, 7, 1)),
        ("1999/00", "split", 1999, 0, "1999/00", "1999/00", date(1999, 7, 1)),
    ],
)
def test_every_scb_time_code_is_a_period(code, kind, year, number, canonical, label, start):
    p = periods.parse(code)
    assert (p.kind, p.year, p.number, p.code, p.label, p.start) == (kind, year, number, canonical, label, start)
    assert periods.from_stored(p.year, p.code) == p


def test_months_do_not_collapse_into_their_year():
    months = {periods.parse(f"2026M{m:02d}") for m in range(1, 13)}
    assert len(months) == 12
    assert len({p.code for p in months}) == 12


def test_periods_sort_in_time_order():
    codes = ["2026M02", "2025M12", "2026M01", "2025M11"]
    assert [p.code for p in sorted(map(periods.parse, codes))] == ["2025M11", "2025M12", "2026M01", "2026M02"]
    assert sorted([Period(2026, "quarter", 2), Period(2025, "quarter", 4)])[0].code == "2025K4"


@pytest.mark.parametrize("code", ["2026M13", "2026M00", "2026K5", "2026H3", "2026X1", "26", "2025/27", "2025/2027", "2026V54", ""])
def test_unknown_or_impossible_codes_are_refused_with_the_code_named(code):
    with pytest.raises(PeriodError) as exc:
        periods.parse(code)
    assert repr(code) in str(exc.value)


def test_stored_code_must_belong_to_its_year():
    with pytest.raises(PeriodError):
        periods.from_stored(2025, "2026M01")
    assert periods.from_stored(2024, "") == Period(2024)
