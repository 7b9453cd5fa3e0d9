"""Indicator charts fill their card and show their title once (issue 18): at 1280 px the
interactive chart is as wide as its card, at 390 px it fits with 12 px labels; without
JavaScript the server-drawn picture for the screen's width is the one shown, scaled to the
card; the chart itself draws no title (the card's caption is it)."""

import pytest

PATH = "/indikatorer/kolada/N00914/"
MEASURE = """() => [...document.querySelectorAll('figure.chart[data-chart]')].map(f => {
  const view = f.querySelector('[data-chart-view]');
  const svg = [...view.querySelectorAll('svg')].find(s => s.getBoundingClientRect().width > 0);
  const box = svg.getBoundingClientRect(), scale = box.width / (svg.viewBox.baseVal?.width || box.width);
  const texts = [...svg.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale);
  return {view: view.clientWidth, svg: box.width, title: f.querySelector('figcaption').childNodes[0].textContent.trim(),
          texts: texts.map(t => t.textContent), smallest: Math.min(...sizes)};
})"""


def _check(page, width):
    charts = page.evaluate(MEASURE)
    assert charts
    for chart in charts:
        assert chart["svg"] <= chart["view"] + 1, chart  # fits its card
        assert chart["title"] not in chart["texts"], chart["title"]  # title once: the caption
        assert chart["smallest"] >= 10.5, (width, chart["smallest"], chart["svg"], chart["texts"][:3])  # labels stay legible
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    return charts


@pytest.mark.parametrize("width", [390, 1280])
def test_interactive_chart_fills_its_card(page, indicators_loaded, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(PATH)
    page.wait_for_selector("[data-chart-view][data-enhanced=true]", timeout=15000)
    page.wait_for_timeout(200)
    time_series = _check(page, width)[0]
    assert time_series["svg"] >= 0.95 * time_series["view"], time_series  # not half the card


@pytest.mark.parametrize("width", [390, 1280])
def test_server_drawn_chart_scales_to_its_card_without_javascript(browser, live_server, indicators_loaded, width):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(PATH)
        time_series = _check(page, width)[0]
        assert time_series["svg"] >= 0.95 * time_series["view"], time_series
        shown = page.locator(".chart-static-narrow" if width < 640 else ".chart-static-wide").first
        assert shown.is_visible()
    finally:
        context.close()
