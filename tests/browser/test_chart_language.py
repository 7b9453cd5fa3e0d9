"""The interactive chart (vega-embed) on an English page speaks English: axis title and
legend in the drawn view, tooltip field names on hover; the numbers keep the decimal comma."""

import re

from tests.browser.helpers import hover_for_tooltip


def test_interactive_chart_in_english(page, live_server, indicators_loaded, blocked_requests):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto("/indikatorer/kolada/N00914/")
    page.wait_for_selector("[data-chart-view][data-enhanced=true]")
    figure = page.locator("figure[data-chart]").first
    figure.scroll_into_view_if_needed()
    drawn = figure.locator(".chart-interactive svg").first
    words = drawn.locator("text").all_text_contents()
    assert "Year" in words and "Sweden" in words and "År" not in words and "Riket" not in words
    assert any(re.fullmatch(r"\d+,\d", w) for w in words), words  # Swedish numbers in English too
    marks = figure.locator(".chart-interactive svg [role=graphics-symbol]")
    tooltip = hover_for_tooltip(page, marks)
    assert tooltip.is_visible(), "no tooltip on hover"
    text = tooltip.inner_text()
    assert "Year" in text and "År" not in text, text  # ("Serie" → "Series" once the catalogue has it)
    assert blocked_requests == []
