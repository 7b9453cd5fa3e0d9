"""Indicator pages in a real browser: axe (WCAG 2.1 A/AA), no outside requests, and the
progressive enhancement (server SVG replaced by vega-embed when scripts run)."""

import pytest

PAGES = [
    "/indikatorer/",
    "/indikatorer/kolada/N00914/?kommun=2480",
    "/indikatorer/manual/BRP-LIVSKVALITET/",
    "/indikatorer/strategi/rus/dp-6.2/",
    "/indikatorer/strategi/rus/p-3/",
    "/indikatorer/agenda-2030/3/",
]


@pytest.mark.parametrize("path", PAGES)
def test_indicator_pages_have_no_axe_violations(page, indicators_loaded, assert_no_axe_violations, blocked_requests, path):
    response = page.goto(path)
    assert response.ok, response.status
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
    assert blocked_requests == []


def test_chart_is_enhanced_with_vega_embed_without_eval(page, indicators_loaded, blocked_requests):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/indikatorer/kolada/N00914/")
    page.wait_for_selector("[data-chart-view][data-enhanced=true]", timeout=15000)
    assert page.locator(".chart-interactive svg").count() >= 1
    assert errors == []
    assert blocked_requests == []


def test_charts_work_under_a_strict_csp(page, indicators_loaded, live_server):
    """vega-embed runs with ast: true, so a CSP without 'unsafe-eval' does not break it."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    def with_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"}
        route.fulfill(response=response, headers=headers)

    page.route(f"{live_server.url}/indikatorer/kolada/N00914/", with_csp)
    page.goto("/indikatorer/kolada/N00914/")
    page.wait_for_selector("[data-chart-view][data-enhanced=true]", timeout=15000)
    assert violations == []
