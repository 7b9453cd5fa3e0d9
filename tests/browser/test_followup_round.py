"""The whole yearly round in a real browser, with axe on the editor and review pages:
analyst opens the cycle → editor writes and submits → reviewer returns with a
comment → editor revises and resubmits → reviewer approves → analyst locks and
publishes → the anonymous public sees the text; the matrix follows every step."""

import re

import pytest

from resultat.followup.models import Cycle
from tests.browser.helpers import login
from tests.factories import load_followup_base


@pytest.fixture
def setup(transactional_db):
    return load_followup_base("analyst", "editor", "reviewer")[1]


def matrix_cell(page, question):
    return page.get_by_role("row", name=re.compile("^Digitalisering")).first.locator("td").nth(question)


def test_the_whole_round(page, setup, assert_no_axe_violations):
    # Analyst opens the 2026 cycle.
    login(page, "anna")
    page.goto("/uppfoljning/")
    assert_no_axe_violations(page)
    page.get_by_label("År", exact=True).fill("2026")
    from resultat.strategy.models import StrategyVersion

    page.get_by_label("Strategiversion").select_option(str(StrategyVersion.objects.get(code="aktualisering-2025-26").pk))
    page.get_by_label("Sista dag för bidrag", exact=True).fill("2027-01-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Öppna cykeln").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uppföljning 2026"
    assert matrix_cell(page, 0).inner_text().startswith("ej påbörjad")
    assert_no_axe_violations(page)
    cycle = Cycle.objects.get(year=2026)
    cycle.reviewers.add(setup["reviewer"])

    # Editor writes and submits.
    login(page, "ebba")
    page.goto("/uppfoljning/mina-uppgifter/")
    page.get_by_role("row", name=re.compile("Digitalisering Omvärldsanalys")).get_by_role("link").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    # the formatting toolbar's editor (the textarea behind it is hidden and follows it)
    page.get_by_role("textbox", name="Text", exact=True).click()
    page.keyboard.type("Omvärlden förändras snabbt.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Punktlista").click()
    page.keyboard.type("AI-förordningen")
    page.keyboard.press("Enter")
    page.keyboard.type("NIS2")
    assert page.locator("textarea#id_body").input_value() == "Omvärlden förändras snabbt.\n\n- AI-förordningen\n- NIS2"
    with page.expect_navigation():
        page.get_by_role("button", name="Spara och klarmarkera").click()
    assert "klar för granskning" in page.locator("main").inner_text()
    contribution_url = page.url

    # Reviewer returns it with a comment.
    login(page, "greta")
    page.goto("/uppfoljning/granskning/")
    page.get_by_role("link", name=re.compile("Digitalisering – Omvärldsanalys")).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.get_by_label("Vad behöver ändras? (krävs)").fill("Nämn gärna cybersäkerhetslagen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Återremittera").click()
    assert "återremitterad" in page.locator("main").inner_text()

    # Editor revises and resubmits.
    login(page, "ebba")
    page.goto(contribution_url)
    assert "Nämn gärna cybersäkerhetslagen." in page.locator("main").inner_text()
    page.get_by_role("textbox", name="Text", exact=True).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" och cybersäkerhetslagen")
    assert page.locator("textarea#id_body").input_value().endswith("- NIS2 och cybersäkerhetslagen")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara och klarmarkera").click()

    # Reviewer sees what changed and approves.
    login(page, "greta")
    page.goto(contribution_url)
    assert page.locator(".review-box ins").first.is_visible()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Godkänn").click()
    assert "godkänd" in page.locator("main").inner_text()

    # Analyst sees it in the matrix, locks and publishes.
    login(page, "anna")
    page.goto("/uppfoljning/2026/")
    assert matrix_cell(page, 0).inner_text().startswith("godkänd")
    # Each step through the confirmation page: completeness, then a reason (the cycle is incomplete).
    for link, button in (("Granska och lås cykeln", "Ja, lås cykeln"), ("Granska och publicera cykeln", "Ja, publicera")):
        with page.expect_navigation():
            page.get_by_role("link", name=link).click()
        assert "Cykeln är inte komplett." in page.locator("main").inner_text()
        page.get_by_label("Skäl (krävs eftersom cykeln inte är komplett)").fill("Bara ett bidrag i provet")
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
    assert matrix_cell(page, 0).inner_text().startswith("publicerad")

    # The anonymous public reads it.
    page.context.clear_cookies()
    page.goto("/resultat/")
    page.get_by_role("link", name="Resultat 2026").click()
    page.wait_for_load_state()
    assert "Inga publicerade texter i kapitlet." in page.locator("main").inner_text()  # the overview: one chapter has the text
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Hela året på en sida").first.click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "NIS2 och cybersäkerhetslagen" in main and "Digitalisering" in main
    assert_no_axe_violations(page)
