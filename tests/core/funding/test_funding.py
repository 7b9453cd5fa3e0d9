from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultat.core.charts import svg as to_svg
from resultat.core.funding.charts import bar_chart, describe_ranking
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


def test_compilation_csv_rows_header_first_and_synthetic_column():
    from decimal import Decimal

    from resultat.core.funding.compilation import compilation_csv_rows, compilation_tables

    data = {
        "synthetic": True,
        "by_support": [("Projektstöd", Decimal("100.50"))],
        "by_support_subpriority": [("Projektstöd", "1.2", Decimal("100.50"))],
        "by_municipality": [("Umeå", Decimal("100.50"), 134249, Decimal("100.50") / 134249)],
        "by_programme": [("ESF+", Decimal("100.50"))],
        "by_judgement": [{"perspective": "Omställning", "values": [("bidrar", Decimal("100.50"))]}],
    }
    headers, rows = compilation_csv_rows(data)
    assert headers == ["Tabell", "Nyckel 1", "Nyckel 2", "Beviljat (kr)", "Syntetisk"]
    assert rows[0] == ["Stödform", "Projektstöd", "", "100,50", "ja"]
    assert ["Stödform x delprio", "Projektstöd", "1.2", "100,50", "ja"] in rows
    assert ["Kommun", "Umeå", "", "100,50", "ja"] in rows
    assert ["Inriktning", "Omställning", "bidrar", "100,50", "ja"] in rows
    assert all(len(r) == len(headers) for r in rows)
    assert {r[4] for r in compilation_csv_rows({**data, "synthetic": False})[1]} == {"nej"}
    assert [t for t, _h, _r in compilation_tables(data)] == ["Stödform", "Stödform x delprio", "Kommun", "Program", "Inriktning"]
