"""The search page and a strategic-learning page in Chromium, with axe."""

import re

import pytest

from tests.factories import load_edition


@pytest.fixture
def edition_loaded(transactional_db):
    load_edition()  # 2025 edition + 2026 demo cycle, indexed on save


def test_public_search_finds_inflections_and_links_to_the_place(page, edition_loaded, assert_no_axe_violations):
    page.goto("/sok/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sök"
    page.get_by_label("Sökord").fill("kompetensförsörjningen")
    with page.expect_navigation():
        page.get_by_role("button", name="Sök", exact=True).click()
    heading = page.get_by_role("heading", level=2).first.inner_text()
    assert "träffar" in heading
    first = page.locator(".search-hit").first
    assert first.locator("mark").count() >= 1
    href = first.get_by_role("link").first.get_attribute("href")
    assert re.match(r"/resultat/2025/[a-z0-9-]+/#bidrag-", href)  # on its chapter page
    assert_no_axe_violations(page)
    page.get_by_label("Sökord").fill('"hållbar')
    with page.expect_navigation():
        page.get_by_role("button", name="Sök", exact=True).click()
    assert "Citattecknet stängs aldrig" in page.get_by_role("alert").inner_text()
    assert_no_axe_violations(page)
    page.goto(href)
    assert page.locator(href[href.index("#"):]).is_visible()


def test_coverage_page_is_accessible(page, edition_loaded, assert_no_axe_violations):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("analytiker")
    page.get_by_label("Lösenord").fill("demo-analytiker-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    page.goto("/larande/tackning/?ar=2025")
    assert page.get_by_role("heading", level=1).inner_text() == "Täckning 2025"
    assert page.locator("figure.chart svg").count() == 2
    assert page.get_by_role("table").count() == 3
    assert_no_axe_violations(page)
    page.goto("/sok/intern/?q=NIS2")
    assert "Ej publicerad" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
