"""The 2025 report page in the site, in Chromium with axe."""

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


def test_report_page_has_toc_anchors_and_no_axe_violations(page, imported, assert_no_axe_violations):
    page.goto("/resultat/2025/")
    page.get_by_role("link", name="Läs rapporten").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="Resultat Västerbotten 2025").is_visible()
    page.locator(".report-toc").get_by_role("link", name="Ett urval av insatser i länet").first.click()
    assert page.url.endswith("#p-1-insatser")
    assert_no_axe_violations(page)
