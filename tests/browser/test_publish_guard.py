"""Publishing with guard rails in a real browser, at 1280 and 390 px: the analyst goes
from the cycle page to the completeness view, cannot confirm an incomplete cycle
without a reason, previews the public page, locks and publishes; the page fits the
screen and axe finds nothing. Then a reopen keeps the public page, marked as being
updated."""

import pytest

from resultat.followup import services
from resultat.followup.models import Contribution, Cycle, StrategicArea
from resultat.strategy.models import StrategyVersion
from tests.browser.helpers import login
from tests.factories import load_followup_base
from tests.plugins.snapshots import replay

TEXT = "Fibernätet nådde Sorsele och Dorotea under året."
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def approved_cycle(transactional_db):
    def build():
        qs, users = load_followup_base("analyst", "editor", "reviewer")
        analyst, editor, reviewer = users["analyst"], users["editor"], users["reviewer"]
        area = StrategicArea.objects.get(code="a-digitalisering")
        cycle = services.open_cycle(year=2026, version=StrategyVersion.objects.get(code="aktualisering-2025-26"), question_set=qs,
                                    actor=analyst, reviewers=[reviewer])
        c = Contribution.objects.get(cycle=cycle, area=area, question__code="omvarldsanalys")
        c = services.save_contribution(c, user=editor, body=f"<p>{TEXT}</p>", base_revision=0)
        services.submit(c, editor)
        services.approve(c, reviewer)
        return cycle

    return replay("browser_approved_cycle", build)  # loaded once per process, then replayed as rows


def assert_fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: {scroll} px wide at {width}"


@pytest.mark.parametrize("size", list(WIDTHS))
def test_lock_and_publish_through_the_completeness_view(page, approved_cycle, assert_no_axe_violations, size):
    viewport = WIDTHS[size]
    page.set_viewport_size(viewport)
    login(page, "anna")
    assert page.url.endswith("/uppfoljning/")  # the analyst lands on the follow-up
    page.goto("/uppfoljning/2026/")
    with page.expect_navigation():
        page.get_by_role("link", name="Granska och lås cykeln").click()
    main = page.locator("main")
    assert "Cykeln är inte komplett." in main.inner_text()
    assert "1 av 176 bidrag är godkända" in main.inner_text()
    assert page.get_by_role("table", name="Bidrag per kapitel och strategiskt område").is_visible()
    assert_fits(page, viewport["width"])
    assert_no_axe_violations(page)

    # Confirming without a reason is stopped by the form (required field); nothing happens.
    page.get_by_role("button", name="Ja, lås cykeln").click()
    assert page.url.endswith("/uppfoljning/2026/lock/bekrafta/")
    assert Cycle.objects.get(year=2026).state == Cycle.State.OPEN

    # The preview shows the approved text, marked as a preview.
    with page.expect_navigation():
        page.get_by_role("link", name="De offentliga sidorna för Resultat 2026 som de blir vid publicering").click()
    assert "Förhandsvisning" in page.locator("main").inner_text() and TEXT in page.locator("main").inner_text()
    assert_fits(page, viewport["width"])
    page.go_back()

    page.get_by_label("Skäl (krävs eftersom cykeln inte är komplett)").fill("Tidsfristen har gått ut; övriga områden rapporterar nästa år")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, lås cykeln").click()
    assert "Cykeln är låst." in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Granska och publicera cykeln").click()
    assert_fits(page, viewport["width"])
    page.get_by_label("Skäl (krävs eftersom cykeln inte är komplett)").fill("Beslut i styrgruppen")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, publicera 1 bidrag").click()
    assert "Cykeln är publicerad: 1 bidrag är nu offentligt." in page.locator("main").inner_text()
    assert "Beslut i styrgruppen" in page.locator("main").inner_text()  # the reason on the cycle's events
    assert_fits(page, viewport["width"])

    # Reopened, the public page keeps the published text, marked as being updated.
    page.get_by_label("Skäl (krävs)").fill("Två områden kompletterar")
    with page.expect_navigation():
        page.get_by_role("button", name="Öppna cykeln igen").click()
    page.context.clear_cookies()
    page.goto("/resultat/2026/hela-aret/")  # the texts; the year's page is an overview
    main = page.locator("main").inner_text()
    assert "Uppdatering pågår" in main and TEXT in main
    assert_fits(page, viewport["width"])
    assert_no_axe_violations(page)
