"""The public strategy pages in a real browser: axe (WCAG 2.1 A/AA), keyboard,
language switch and version switcher."""

import pytest

from resultat.reference import services as reference_services
from resultat.strategy.services import load_strategy_file
from tests.factories import NEW_VERSION, OLD_VERSION
from tests.plugins.snapshots import replay

BASE = "/strategi/rus/aktualisering-2025-26"
PAGES = [
    f"{BASE}/",
    f"{BASE}/prioritering/p-3/",
    f"{BASE}/delprioritering/dp-1.2/",
    f"{BASE}/delprioritering/dp-5.3/",
    f"{BASE}/agenda-2030/",
    f"{BASE}/agenda-2030/9/",
    "/strategi/rus/uppfoljning-2025/",
    "/strategi/rus/uppfoljning-2025/prioritering/p-1/",
    "/strategi/rus/jamfor/",
    "/konto/logga-in/",
    "/om/",
]


@pytest.fixture
def strategy_loaded(transactional_db):
    def build():
        reference_services.load_all()
        load_strategy_file(OLD_VERSION)
        load_strategy_file(NEW_VERSION)

    replay("browser_strategy", build)  # loaded once per process, then replayed as rows


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(page, strategy_loaded, assert_no_axe_violations, blocked_requests, path):
    response = page.goto(path)
    assert response.ok, response.status
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
    assert blocked_requests == []


def test_english_interface_has_no_axe_violations(page, strategy_loaded, assert_no_axe_violations):
    page.goto(f"{BASE}/delprioritering/dp-1.2/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="The red thread").is_visible()
    assert page.locator("p.lead").get_attribute("lang") == "sv"
    assert_no_axe_violations(page)


def test_keyboard_skip_link_reaches_main_content(page, strategy_loaded):
    page.goto(f"{BASE}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_navigate_from_overview_to_need_by_keyboard(page, strategy_loaded):
    page.goto(f"{BASE}/")
    link = page.get_by_role("link", name="1.2 Digital transformation")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{BASE}/delprioritering/dp-1.2/")
    page.get_by_role("heading", name="Den röda tråden").scroll_into_view_if_needed()
    first_need = page.locator(".red-thread .thread li ul a").first
    target = first_need.get_attribute("href")
    first_need.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith(target)


def test_version_switcher_and_compare_work(page, strategy_loaded):
    page.goto(f"{BASE}/prioritering/p-5/")
    page.get_by_label("Visa version").select_option("uppfoljning-2025")
    page.get_by_role("button", name="Byt version").click()
    page.wait_for_url("**/strategi/rus/uppfoljning-2025/prioritering/p-5/")
    assert page.get_by_role("heading", level=1).inner_text() == "Västerbotten — En hälsofrämjande region"
    page.get_by_role("link", name="Jämför versionerna").click()
    assert page.get_by_role("heading", name="Jämför versioner av strategin").is_visible()


def test_pages_work_without_javascript(browser, live_server, strategy_loaded):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(f"{BASE}/prioritering/p-5/")
        page.get_by_label("Visa version").select_option("uppfoljning-2025")
        page.get_by_role("button", name="Byt version").click()
        page.wait_for_url("**/strategi/rus/uppfoljning-2025/prioritering/p-5/")
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        context.close()
