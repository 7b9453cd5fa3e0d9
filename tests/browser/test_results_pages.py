"""The imported 2025 edition on the public results pages, in Chromium with axe."""

from pathlib import Path

import pytest

from resultat.followup.demo import load_setup_data
from resultat.imports.services import import_report
from resultat.reference import services as reference_services
from resultat.strategy.services import load_strategy_file
from tests.factories import NEW_VERSION, OLD_VERSION

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "vasterbotten" / "resultat-vasterbotten-2025.ocr.txt"


@pytest.fixture
def imported(transactional_db):
    reference_services.load_all()
    load_strategy_file(OLD_VERSION)
    load_strategy_file(NEW_VERSION)
    load_setup_data()
    import_report(REPORT, year=2025)


def test_published_2025_edition_is_readable_and_accessible(page, imported, assert_no_axe_violations):
    page.goto("/resultat/")
    page.get_by_role("link", name="Resultat 2025").click()
    page.wait_for_load_state()
    main = page.locator("main")
    # the year's overview: the contents, then one heading per chapter (7)
    headings = main.get_by_role("heading", level=2).all_inner_texts()
    assert headings[0] == "Innehåll" and len(headings) == 1 + 7, headings
    assert "Västerbotten" in main.inner_text()
    assert_no_axe_violations(page)
    # every text of the year on one page, with its filters
    page.get_by_role("link", name="Hela året på en sida").first.click()
    page.wait_for_load_state()
    assert page.locator("main").get_by_role("heading", level=2).count() == 7
    page.get_by_label("Strategiskt område").select_option("a-digitalisering")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_load_state()
    assert page.locator("article.published").count() == 8
    # the OCR originals are for staff only (tests/followup/test_public_source_text.py)
    assert page.locator("details.source-text").count() == 0
    assert_no_axe_violations(page)
