"""The public site in Chromium: axe-core (WCAG 2.1 A/AA) on every public page
template, in Swedish and English; keyboard use; the report form without JavaScript."""

import pytest

from tests.factories import load_published_edition

PAGES = [
    "/",
    "/prioriteringar/p-1/",
    "/delprioriteringar/dp-1.2/",
    "/delprioriteringar/dp-1.3/",  # indicators: table and charts
    "/omraden/",
    "/omraden/a-digitalisering/",
    "/kommuner/",
    "/kommuner/2480/",
    "/globala-malen/",
    "/globala-malen/9/",
    "/tillganglighet/",
    "/tillganglighet/tack/",
    "/oppna-data/",
    "/api/",
    "/indikatorer/opensdg/",
]


@pytest.fixture
def edition(transactional_db):
    load_published_edition()


def test_every_public_page_passes_axe_in_both_languages(page, edition, assert_no_axe_violations, blocked_requests):
    for url in PAGES:
        page.goto(url)
        assert page.get_by_role("heading", level=1).count() == 1, url
        assert_no_axe_violations(page)
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    for url in PAGES:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en"
        assert_no_axe_violations(page)
    # the accessibility form with errors shown
    page.goto("/tillganglighet/")
    page.get_by_role("button", name="Send the report").or_(page.get_by_role("button", name="Skicka rapporten")).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    assert blocked_requests == []


def test_keyboard_skip_link_and_navigation(page, edition):
    page.goto("/delprioriteringar/dp-1.2/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Hoppa till innehållet" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # tab through to the first area link of the year and follow it with Enter
    page.goto("/prioriteringar/p-1/")
    link = page.locator("main a[href='/omraden/a-digitalisering/']").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/omraden/a-digitalisering/")


def test_language_switch_and_report_form_work_without_javascript(browser, live_server, edition):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto("/kommuner/")
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en" and page.url.endswith("/kommuner/")
        page.goto("/tillganglighet/")
        page.locator("#id_description").fill("Kontrasten i sidfoten är för låg.")
        page.locator("form.report-form button[type=submit]").click()
        page.wait_for_load_state()
        assert "/tillganglighet/tack/" in page.url
        from resultat.public.models import AccessibilityReport

        assert AccessibilityReport.objects.filter(description__startswith="Kontrasten").exists()
    finally:
        context.close()


def test_subpriority_indicator_charts_work_with_and_without_javascript(page, edition, assert_no_axe_violations, blocked_requests):
    """The indicator section of a sub-priority page: the server-rendered SVG and table
    are the chart without JavaScript; with it, vega-embed draws the interactive view."""
    page.goto("/delprioriteringar/dp-2.1/")  # three indicators in the example's set
    section = page.locator("section[aria-labelledby='indikatorer-dp']")
    assert section.get_by_role("heading", level=2, name="Indikatorer").count() == 1
    assert section.locator("figure.chart").count() >= 2
    page.wait_for_function("document.querySelectorAll(\"section[aria-labelledby='indikatorer-dp'] [data-chart-view][data-enhanced=true]\").length >= 2", timeout=15000)
    assert_no_axe_violations(page)
    page.goto("/")
    cards = page.locator(".headline-indicator")
    # the example's headline indicators are real (the Kolada snapshot): no synthetic badge
    assert cards.count() >= 3 and page.locator(".headline-indicator .badge-synthetic").count() == 0
    cards.first.get_by_role("link").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/indikatorer/" in page.url
    assert_no_axe_violations(page)
    assert blocked_requests == []
