"""Worked examples of Open SDG's progress method (see resultat/core/indicators/progress.py)."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultat.core.indicators.progress import (
    Direction,
    Status,
    assess,
    compare_with_country,
    growth,
)


def test_growth_is_compound_annual_rate():
    # 100 -> 121 over two years is 10 % a year.
    assert growth(121, 100, 2022, 2020) == pytest.approx(0.10)


def test_without_target_substantial_progress():
    # 2015: 100, 2020: 110 -> CAGR = 1.1 ** (1/5) - 1 = 1.924 % >= 1.5 % -> substantial.
    p = assess({2014: 90, 2015: 100, 2018: 104, 2020: 110}, direction="higher")
    assert p.method == 1
    assert (p.base_year, p.base_value, p.current_year, p.current_value) == (2015, 100, 2020, 110)
    assert p.progress_value == pytest.approx(1.1 ** 0.2 - 1)
    assert p.status is Status.SUBSTANTIAL


def test_without_target_moderate_limited_and_deterioration():
    # 1 % a year -> moderate (0.5 % <= x < 1.5 %)
    assert assess({2015: 100, 2016: 101}).status is Status.MODERATE
    # 0.2 % a year -> limited
    assert assess({2015: 100, 2016: 100.2}).status is Status.LIMITED
    # falling while higher is better -> deterioration
    assert assess({2015: 100, 2016: 99}).status is Status.DETERIORATION
    # the same fall is progress when lower is better: -1 % -> moderate
    assert assess({2015: 100, 2016: 99}, direction=Direction.LOWER).status is Status.MODERATE


def test_with_target_ratio_of_observed_to_required_growth():
    # Base 2015: 50, target 2030: 80 -> required CAGR = 1.6 ** (1/15) - 1 = 3.183 %.
    # 2020: 58 -> observed CAGR = 1.16 ** (1/5) - 1 = 3.014 % -> ratio 0.947 -> moderate (0.6 <= r < 0.95).
    p = assess({2015: 50, 2020: 58}, target=80, target_year=2030)
    required = 1.6 ** (1 / 15) - 1
    observed = 1.16 ** (1 / 5) - 1
    assert p.method == 2
    assert p.progress_value == pytest.approx(observed / required)
    assert p.status is Status.MODERATE
    # 2020: 59 -> ratio >= 0.95 -> substantial
    assert assess({2015: 50, 2020: 59}, target=80, target_year=2030).status is Status.SUBSTANTIAL


def test_target_achieved_and_lower_is_better_target():
    assert assess({2015: 50, 2020: 81}, target=80, target_year=2030).status is Status.TARGET_ACHIEVED
    # Emissions 6 -> 5 t/inv with target 2 by 2030 (lower is better).
    p = assess({2015: 6.0, 2020: 5.0}, direction="lower", target=2.0, target_year=2030)
    observed = (5 / 6) ** (1 / 5) - 1
    required = (2 / 6) ** (1 / 15) - 1
    assert p.progress_value == pytest.approx(-observed / abs(required))
    # -3.58 % a year observed against -7.06 % needed: ratio 0.507 -> limited (0 <= r < 0.6)
    assert p.progress_value == pytest.approx(0.5070, abs=1e-4)
    assert p.status is Status.LIMITED


def test_base_year_moves_to_first_later_year_and_not_available_cases():
    p = assess({2017: 100, 2019: 103})
    assert p.base_year == 2017
    assert assess({}).status is Status.NOT_AVAILABLE
    assert assess({2020: 5}).status is Status.NOT_AVAILABLE
    assert assess({2010: 5, 2012: 6}).status is Status.NOT_AVAILABLE  # nothing from 2015 on
    assert assess({2015: 5, 2020: -1}).status is Status.NOT_AVAILABLE  # sign change
    assert assess({2015: None, 2016: 3}).status is Status.NOT_AVAILABLE  # None ignored: one point


def test_zero_base_uses_small_number_like_open_sdg():
    p = assess({2015: 0, 2016: 1})
    assert p.status is Status.SUBSTANTIAL
    assert p.progress_value == pytest.approx(1 / 0.001 - 1)


def test_compare_with_country_uses_latest_common_year_and_direction():
    c = compare_with_country({2022: 10, 2023: 12, 2024: 13}, {2022: 11, 2023: 11})
    assert (c.year, c.difference, c.better) == (2023, 1, True)
    assert "Bättre än riket 2023" in c.text
    c = compare_with_country({2023: 12}, {2023: 11}, direction="lower")
    assert c.better is False and "Sämre" in c.text
    assert compare_with_country({2023: 1}, {2022: 1}).year is None


@given(st.dictionaries(st.integers(2015, 2030), st.floats(0.01, 1e6), min_size=2))
def test_status_is_monotone_in_direction(series):
    up = assess(series, direction="higher")
    down = assess(series, direction="lower")
    if up.progress_value is not None:
        assert math.isclose(up.progress_value, -down.progress_value, rel_tol=1e-9, abs_tol=1e-12)
