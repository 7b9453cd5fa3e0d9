"""The indicator section's words: a caption that states the finding from the table's own
cells and the trend assessment, an assessment line that does not contradict itself, a
table with every year; and the imprint's date."""

from resultat.core.report.model import Table
from resultat.reports import services
from resultat.reports.adapters import assessment_text, finding
from resultat.reports.builder import build_report

SERIES = Table("t", "BRP", ["År", "Västerbottens län", "Riket"],
               [["2015", "15,4", "15,0"], ["2016", "15,5", "15,1"], ["2024", "15,8", "16,2"]])
ONE_YEAR = Table("t", "BRP+", ["År", "Västerbottens län", "Riket"], [["2025", "73", "46"]])


def test_finding_states_the_comparison_and_the_trend():
    a = {"status": "moderate_progress", "label": "Måttliga framsteg", "base_year": 2015, "current_year": 2024,
         "comparison": "Sämre än riket 2024."}
    assert finding(SERIES, a, "procent") == (
        "Västerbottens län ligger sämre till än riket 2024: 15,8 mot 16,2 (procent). "
        "Måttliga framsteg sedan 2015: från 15,4 till 15,8."
    )


def test_finding_for_a_single_year_and_without_the_country():
    a = {"status": "not_available", "label": "Bedömning saknas", "base_year": None, "comparison": "Bättre än riket 2025.",
         "reason": "Minst två år med värden från basåret 2015 behövs."}
    assert finding(ONE_YEAR, a, "index") == "Västerbottens län ligger bättre till än riket 2025: 73 mot 46 (index)."
    alone = Table("t", "x", ["År", "Västerbottens län"], [["2023", "1"], ["2024", "2"]])
    assert finding(alone, {"status": "not_available", "comparison": "Ingen jämförelse med riket."}) == "Västerbottens län 2024: 2."


def test_assessment_line_does_not_say_missing_and_then_assess():
    a = {"status": "not_available", "label": "Bedömning saknas", "comparison": "Bättre än riket 2025.",
         "reason": "Minst två år med värden från basåret 2015 behövs."}
    text = assessment_text(a)
    assert "Bedömning saknas" not in text
    assert text == "Utvecklingen över tid bedöms inte (minst två år med värden från basåret 2015 behövs). Bättre än riket 2025."
    assert assessment_text({"status": "deterioration", "label": "Försämring", "comparison": "Ingen jämförelse med riket."}) == "Försämring."


def test_imprint_date_is_the_publication_date(imported):
    """Västerbotten's profile gives no date for 2025 (the original prints none): the imprint
    shows the day the cycle was published, not an empty line; a cycle never published shows none."""
    from django.utils import timezone

    report = build_report(imported)
    assert report.profile.imprint.diarienummer == ""
    published = f"{timezone.localtime(imported.published_at):%Y-%m-%d}"
    assert report.profile.imprint.date == published
    assert ("Datum", published) in report.profile.imprint_lines()
    edition = services.edition_report(services.freeze_edition(imported))
    assert edition.profile.imprint.date == published
    imported.state, imported.published_at = imported.State.LOCKED, None  # never published
    assert build_report(imported).profile.imprint.date == ""
