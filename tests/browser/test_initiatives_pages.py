"""The register in a real browser with axe: list with filters, initiative page, import
(upload → preview with errors → fixed file → confirm), the compilation and the matrix."""

import pytest

from resultat.initiatives import demo
from resultat.initiatives.models import FundingDecision, FundingProgramme, FundingSource, Initiative
from resultat.initiatives.programmes import seed_programmes
from tests.browser.helpers import login
from tests.factories import load_followup_base
from tests.initiatives.test_import import _break
from tests.plugins.snapshots import replay


@pytest.fixture
def setup(transactional_db):
    def build():
        _questions, users = load_followup_base("analyst")
        seed_programmes(FundingSource, FundingProgramme)
        demo.load(n=80)
        return users["analyst"]

    return replay("browser_initiatives", build)  # loaded once per process, then replayed as rows


def test_list_detail_compilation_matrix(page, setup, assert_no_axe_violations):
    page.goto("/insatser/")
    assert page.get_by_role("heading", level=1, name="Insatser").is_visible()
    assert page.get_by_text("Syntetiska demovärden").first.is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Program").select_option("esf-plus")
    page.get_by_role("button", name="Visa").click()
    assert "programme=esf-plus" in page.url
    first = page.locator("table tbody th a").first
    name = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(name)
    assert page.get_by_role("heading", name="Finansiering").is_visible()
    assert_no_axe_violations(page)
    page.goto("/insatser/sammanstallning/")
    assert page.locator("figure.chart svg").count() == 3
    assert_no_axe_violations(page)
    page.goto("/insatser/agenda-2030/")
    assert page.get_by_role("heading", name="Målkonflikter").is_visible()
    assert_no_axe_violations(page)


def test_import_preview_fix_confirm(page, setup, assert_no_axe_violations, tmp_path):
    login(page, "anna")
    good = demo.synthetic_file(50, seed=99, prefix="BRW")
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(_break(good, {(5, "Beviljat belopp (kr)"): "mycket"}))
    ok = tmp_path / "rätt.xlsx"
    ok.write_bytes(good)
    page.goto("/insatser/import/")
    assert_no_axe_violations(page)
    page.get_by_label("Fil (XLSX eller CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollera filen").click()
    row = page.locator("table tbody tr").first
    assert row.locator("th").inner_text() == "5" and "”mycket” är inte ett tal" in row.inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Ladda upp en rättad fil").click()
    page.get_by_label("Fil (XLSX eller CSV)").set_input_files(str(ok))
    page.get_by_role("button", name="Kontrollera filen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bekräfta och importera").click()
    assert page.get_by_text("Importen är klar: 50 nya").is_visible()
    assert FundingDecision.objects.filter(external_id__startswith="BRW-").count() == 50
    assert Initiative.objects.filter(external_id__startswith="BRW-").exists()
