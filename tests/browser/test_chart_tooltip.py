"""The vega tooltip under the site's own Content-Security-Policy: styled by resultat.css
(no injected <style>, so no CSP violation), fixed next to the pointer and hidden when
the pointer leaves – not an unstyled table below the footer."""

from tests.browser.helpers import hover_for_tooltip


def test_tooltip_works_under_the_sites_csp(page, indicators_loaded, blocked_requests):
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.on("pageerror", lambda e: console.append(str(e)))
    page.goto("/indikatorer/kolada/N00914/")
    page.wait_for_selector("[data-chart-view][data-enhanced=true]")
    figure = page.locator("figure[data-chart]").first
    figure.scroll_into_view_if_needed()
    marks = figure.locator(".chart-interactive svg path[role=graphics-symbol], .chart-interactive svg [role=graphics-symbol]")
    assert marks.count() > 0
    tooltip = hover_for_tooltip(page, marks)
    assert tooltip.count() == 1 and tooltip.is_visible(), "no tooltip on hover"
    style = tooltip.evaluate("el => { const s = getComputedStyle(el); return [s.position, s.visibility, s.zIndex]; }")
    assert style[0] == "fixed" and style[1] == "visible"
    box = tooltip.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] < viewport["height"] and 0 <= box["x"] < viewport["width"], box
    assert "<td" in tooltip.inner_html()
    # the page did not grow: nothing was appended below the footer in the flow
    footer_bottom = page.evaluate("document.querySelector('.site-footer').getBoundingClientRect().bottom + window.scrollY")
    assert page.evaluate("document.documentElement.scrollHeight") <= footer_bottom + 1
    page.mouse.move(0, 0)
    page.wait_for_timeout(150)
    assert not tooltip.is_visible()
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m], console
    assert page.locator("style#vega-tooltip-style").count() == 0
    assert blocked_requests == []
