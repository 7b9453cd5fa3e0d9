from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultat.core.funding.charts import bar_chart, describe_ranking, to_svg
from resultat.core.funding.compilation import per_capita, sum_by
from resultat.core.funding.conflicts import Impact, conflict_goals, goal_conflicts


def test_no_conflict_when_one_direction():
    assert goal_conflicts([Impact("a", 7, "positive"), Impact("b", 7, "positive"), Impact("a", 8, "negative")]) == []


def test_conflict_within_one_initiative():
    conflicts = goal_conflicts([Impact("a", 15, "positive", "15.1"), Impact("a", 15, "negative", "15.5")])
    assert [(c.goal, c.scope, c.initiatives) for c in conflicts] == [(15, "initiative", ("a",))]


def test_conflict_across_portfolio():
    conflicts = goal_conflicts([Impact("a", 13, "positive"), Impact("b", 13, "negative"), Impact("c", 13, "positive")])
    assert [(c.goal, c.scope, c.initiatives) for c in conflicts] == [(13, "portfolio", ("a", "b", "c"))]
    assert len(conflicts[0].positive) == 2 and len(conflicts[0].negative) == 1


def test_both_scopes():
    conflicts = goal_conflicts([Impact("a", 9, "positive"), Impact("a", 9, "negative"), Impact("b", 9, "positive")])
    assert {(c.scope, c.initiatives) for c in conflicts} == {("initiative", ("a",)), ("portfolio", ("a", "b"))}


def test_invalid_input():
    with pytest.raises(ValueError):
        goal_conflicts([Impact("a", 18, "positive")])
    with pytest.raises(ValueError):
        goal_conflicts([Impact("a", 1, "neutral")])


@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(1, 17), st.sampled_from(["positive", "negative"])), max_size=40))
def test_conflict_rule_matches_definition(triples):
    impacts = [Impact(i, g, d) for i, g, d in triples]
    expected = {g for g in range(1, 18) if {d for _, gg, d in triples if gg == g} == {"positive", "negative"}}
    assert conflict_goals(impacts) == expected


def test_sum_by_splits_lists_evenly():
    rows = [{"amount": Decimal(300), "m": ["A", "B", "C"], "t": "x"}, {"amount": Decimal(50), "m": "A", "t": "y"}, {"amount": None, "m": "A", "t": "x"}]
    assert sum_by(rows, "m") == {("A",): Decimal(150), ("B",): Decimal(100), ("C",): Decimal(100)}
    assert sum_by(rows, "t", "m")[("y", "A")] == Decimal(50)
    assert per_capita({"A": Decimal(100), "B": Decimal(5)}, {"A": 50}) == {"A": Decimal(2), "B": None}


def test_chart_renders_svg_with_synthetic_label():
    rows = [{"k": "Umeå", "kr": 1000.0}, {"k": "Skellefteå", "kr": 500.0}]
    spec = bar_chart(rows, category="k", value="kr", title="T", category_title="Kommun", value_title="kr", synthetic=True)
    svg = to_svg(spec)
    assert svg.startswith("<svg") and "Syntetiska demovärden" in svg and "Umeå" in svg
    assert describe_ranking(rows, category="k", value="kr").startswith("Störst: Umeå")
