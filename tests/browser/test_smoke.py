"""The browser setup works: the start page renders in Chromium and passes axe."""

import pytest


def test_start_page_renders_in_swedish_without_axe_violations(page, assert_no_axe_violations, blocked_requests):
    response = page.goto("/")
    assert response is not None and response.ok, response and response.status
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.title().strip()
    assert_no_axe_violations(page)
    assert blocked_requests == []


def test_requests_outside_the_live_server_are_blocked(page, live_server, blocked_requests):
    fetch_js = """(url) => fetch(url, {mode: "no-cors"})
                   .then(() => "loaded", (error) => "blocked: " + error)"""
    # On our pages the Content-Security-Policy stops the request before it leaves the
    # browser, so the harness never sees it ...
    page.goto("/")
    outcome = page.evaluate(fetch_js, "https://example.com/resultat-csp.js")
    assert outcome.startswith("blocked"), outcome
    assert "https://example.com/resultat-csp.js" not in blocked_requests
    # ... and on a page without that policy the harness itself aborts it.
    page.goto("about:blank")
    outcome = page.evaluate(fetch_js, "https://example.com/resultat-test.js")
    assert outcome.startswith("blocked"), outcome
    assert "https://example.com/resultat-test.js" in blocked_requests

    from playwright.sync_api import Error as PlaywrightError

    with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("http://example.org/")
    assert "http://example.org/" in blocked_requests

    # The live server itself stays reachable (in a new page: the blocked navigation
    # leaves the old one on Chromium's error page).
    other = page.context.new_page()
    assert other.goto(live_server.url + "/").ok
