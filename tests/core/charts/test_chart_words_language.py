"""The words the core writes into charts and pages follow the page's language: period
labels ("2026 kv. 1"), units ("procent"), assessment states and reasons, the comparison
with the country and the funding charts' subtitle and description. Swedish stays the
default (the report, the downloads, the open data files).

The translation here is a small dictionary standing in for Django's gettext (the core
imports no Django); the English catalogue's own entries are checked by
tests/config/test_i18n.py."""

import json

from resultat.core.charts.specs import ChartSeries, ChartText, data_rows, gender_gap, time_series
from resultat.core.funding.charts import bar_chart, describe_ranking
from resultat.core.i18n import translate
from resultat.core.indicators.progress import STATUS_LABELS, Comparison, Status, assess
from resultat.core.sources.periods import Period, parse

ENGLISH = {
    "%(year)s kv. %(number)s": "%(year)s Q%(number)s",
    "%(year)s halvår %(number)s": "%(year)s H%(number)s",
    "%(year)s tertial %(number)s": "%(year)s T%(number)s",
    "%(year)s v. %(number)s": "%(year)s week %(number)s",
    "maj %(year)s": "May %(year)s",
    "okt %(year)s": "Oct %(year)s",
    "procent": "per cent",
    "antal år": "years",
    "Syntetiska demovärden": "Synthetic demo values",
    "Störst: %(largest)s. Totalt %(total)s; antal kategorier: %(count)s.":
        "Largest: %(largest)s. Total %(total)s; number of categories: %(count)s.",
    "Inga värden.": "No values.",
    "Begränsade framsteg": "Limited progress",
    "Sämre än riket %(year)s.": "Worse than Sweden in %(year)s.",
    "Bättre än riket %(year)s.": "Better than Sweden in %(year)s.",
    "Minst två år med värden från basåret %(year)s behövs.": "At least two years with values from the base year %(year)s are needed.",
    "Period": "Period",
    "Kvinnor": "Women",
    "Män": "Men",
}


def english(msgid: str) -> str:
    return ENGLISH.get(msgid, msgid)


EN = ChartText(english)


def test_period_labels_translate_and_stay_swedish_as_data():
    cases = {"2026K1": ("2026 kv. 1", "2026 Q1"), "2026H2": ("2026 halvår 2", "2026 H2"),
             "2026T3": ("2026 tertial 3", "2026 T3"), "2026V05": ("2026 v. 5", "2026 week 5"),
             "2026M05": ("maj 2026", "May 2026"), "2026M10": ("okt 2026", "Oct 2026"),
             "2025/26": ("2025/26", "2025/26"), "2026": ("2026", "2026")}
    for code, (swedish, in_english) in cases.items():
        period = parse(code)
        assert period.label == swedish == str(period)
        assert translate(period.message, english) == in_english
        assert EN.period(period) == in_english
    assert EN.period(2024) == "2024"


def quarterly() -> list[ChartSeries]:
    points = {Period(2025, "quarter", q): float(q) for q in (1, 2, 3, 4)}
    return [ChartSeries("Västerbottens län", points, "county"), ChartSeries("Riket", {p: v + 1 for p, v in points.items()}, "country")]


def test_an_english_chart_has_english_period_labels_in_tooltips_description_and_table():
    spec = time_series(title="Kvartal", series=quarterly(), unit="procent", text=EN)
    rows = spec["layer"][0]["data"]["values"]
    assert [r["period"] for r in rows[:4]] == ["2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"]
    assert "kv." not in json.dumps(spec, ensure_ascii=False)
    assert "2025 Q1" in spec["description"]
    header, table = data_rows(quarterly(), 1, EN)
    assert [r[0] for r in table] == ["2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"]
    # the report and the downloads: Swedish as before
    sv = time_series(title="Kvartal", series=quarterly(), unit="procent")
    assert [r["period"] for r in sv["layer"][0]["data"]["values"][:2]] == ["2025 kv. 1", "2025 kv. 2"]
    assert [r[0] for r in data_rows(quarterly(), 1)[1]][:1] == ["2025 kv. 1"]


def test_the_gender_gap_bars_of_an_english_chart_have_english_periods():
    women = {Period(2025, "month", m): 1.0 + m for m in (4, 5)}
    men = {Period(2025, "month", m): 2.0 + m for m in (4, 5)}
    spec = gender_gap(title="Månad", women=women, men=men, text=EN)
    assert [r["period"] for r in spec["vconcat"][1]["data"]["values"]] == ["apr 2025", "May 2025"]
    assert "maj 2025" not in json.dumps(spec, ensure_ascii=False)


def test_units_known_to_the_catalogue_are_translated_others_stay():
    assert EN.unit("procent") == "per cent" and EN.unit("år") == "years"
    assert EN.unit("ton CO2-ekv/inv") == "ton CO2-ekv/inv" and EN.unit("") == ""
    assert ChartText().unit("procent") == "procent" and ChartText().unit("år") == "år"
    assert ChartText(lambda msgid: msgid).unit("år") == "år"  # untranslated: as the source wrote it


def test_funding_chart_subtitle_and_description_follow_the_language():
    rows = [{"k": "Umeå", "kr": 300.0}, {"k": "Skellefteå", "kr": 100.0}]
    spec = bar_chart(rows, category="k", value="kr", title="Granted", category_title="Municipality",
                     value_title="SEK", synthetic=True, text=EN)
    assert spec["title"]["subtitle"] == ["Synthetic demo values"]
    text = describe_ranking(rows, category="k", value="kr", text=EN)
    assert text.startswith("Largest: Umeå") and "number of categories: 2" in text and "Störst" not in text
    assert describe_ranking([], category="k", value="kr", text=EN) == "No values."
    assert describe_ranking(rows, category="k", value="kr").startswith("Störst: Umeå")


def test_assessment_states_reasons_and_comparison_translate_and_stay_swedish_as_data():
    assert english(STATUS_LABELS[Status.LIMITED]) == "Limited progress"
    progress = assess({2024: 1.0}, direction="higher")
    assert progress.reason == "Minst två år med värden från basåret 2015 behövs."
    assert translate(progress.reason, english) == "At least two years with values from the base year 2015 are needed."
    worse = Comparison(2022, 1.0, 2.0, -1.0, False)
    assert worse.text == "Sämre än riket 2022." and translate(worse.text, english) == "Worse than Sweden in 2022."
    better = Comparison(2022, 2.0, 1.0, 1.0, True)
    assert better.text == "Bättre än riket 2022." and translate(better.text, english) == "Better than Sweden in 2022."
