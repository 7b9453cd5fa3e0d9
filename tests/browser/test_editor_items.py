"""The typed lists of the contribution form in a real browser (issue 18): an editor adds
Agenda 2030 goals and targets from the pick-list and an initiative from the register,
removes a row, saves and submits, at 1280 and 390 px, with axe clean, no horizontal
overflow and no console error (the CSP's refusals included). Without JavaScript the same
buttons work as plain form posts."""

import pytest

from resultat.followup.models import Contribution, ContributionItem
from resultat.initiatives.models import Initiative
from tests.browser.helpers import login, open_editor_cycle


@pytest.fixture
def texts(transactional_db):
    Initiative.objects.create(code="bredband-inlandet", name="Bredband i inlandet", acronym="BIL")
    Initiative.objects.create(code="digital-vard", name="Digital vård nära")
    cycle, area = open_editor_cycle()
    return {q: Contribution.objects.get(cycle=cycle, area=area, question__code=q) for q in ("agenda-2030", "insatser", "omvarldsanalys")}


def check_page(page, width, assert_no_axe_violations):
    assert_no_axe_violations(page)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url}: {wide} px wide at {width}"


def visible_target_goals(page, name):
    return page.evaluate(
        "name => Array.from(document.querySelector(`select[name='${name}']`).querySelectorAll('optgroup')).filter(g => !g.hidden).map(g => g.dataset.goal)",
        name,
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_editor_adds_goals_and_an_initiative_saves_and_submits(page, texts, assert_no_axe_violations, width):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "ebba")

    # --- Agenda 2030: goal and target from the pick-list ---------------------------------
    agenda = texts["agenda-2030"]
    page.goto(f"/uppfoljning/bidrag/{agenda.pk}/")
    check_page(page, width, assert_no_axe_violations)
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Agenda 2030-mål, post 1").select_option("9")
    assert visible_target_goals(page, "items-0-sdg_target") == ["9"]  # only goal 9's targets
    page.get_by_label("Delmål (valfritt), post 1").select_option("9.5")
    page.get_by_label("Motivering, post 1").fill("Forskning och innovation i länet.")

    page.get_by_role("button", name="Lägg till Agenda 2030-mål").click()
    assert page.evaluate("window.notReloaded === true")  # inserted without a reload
    goal2 = page.get_by_label("Agenda 2030-mål, post 2")
    assert goal2.evaluate("el => el === document.activeElement")
    page.get_by_role("status").filter(has_text="En ny tom post är tillagd").wait_for()  # said to screen readers
    # a target picked first fills in its goal
    page.get_by_label("Delmål (valfritt), post 2").select_option("8.2")
    assert goal2.input_value() == "8"
    page.get_by_label("Motivering, post 2").fill("Produktivitet genom digitalisering.")

    page.get_by_role("button", name="Lägg till Agenda 2030-mål").click()
    page.get_by_label("Motivering, post 3").fill("Ångrad rad.")
    page.get_by_role("button", name="Ta bort post 3").click()
    assert page.get_by_label("Motivering, post 3").count() == 0
    assert page.get_by_role("button", name="Lägg till Agenda 2030-mål").evaluate("el => el === document.activeElement")
    check_page(page, width, assert_no_axe_violations)

    # the text, with a Backspace joining two paragraphs (Chrome's own join broke the CSP)
    page.get_by_role("textbox", name="Text", exact=True).click()
    page.keyboard.type("Målen vi bidrar till.")
    page.keyboard.press("Enter")
    page.keyboard.type("Mest mål 9.")
    page.keyboard.press("Home")
    page.keyboard.press("Backspace")
    page.keyboard.type(" ")  # the caret is at the join
    assert page.locator(".pell-content").inner_html() == "<p>Målen vi bidrar till. Mest mål 9.</p>"
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").click()
    assert page.get_by_text("Utkastet är sparat").count() == 1
    items = ContributionItem.objects.filter(contribution=agenda).select_related("sdg_goal", "sdg_target").order_by("order")
    assert [(i.sdg_goal.number, i.sdg_target.code, i.text) for i in items] == [
        (9, "9.5", "Forskning och innovation i länet."), (8, "8.2", "Produktivitet genom digitalisering.")]
    assert Contribution.objects.get(pk=agenda.pk).body == "<p>Målen vi bidrar till. Mest mål 9.</p>"
    check_page(page, width, assert_no_axe_violations)

    # --- Initiatives from the register ----------------------------------------------------
    insatser = texts["insatser"]
    page.goto(f"/uppfoljning/bidrag/{insatser.pk}/")
    check_page(page, width, assert_no_axe_violations)
    register = page.locator("datalist#initiative-register option")
    assert register.evaluate_all("os => os.map(o => o.value)") == ["Bredband i inlandet", "Digital vård nära"]
    page.get_by_label("Insats ur registret (valfritt), post 1").fill("bredband i inlandet")
    page.get_by_label("Text, post 1").fill("Fibern nådde Sorsele.")
    page.get_by_role("button", name="Lägg till insats").click()
    page.get_by_label("Insats ur registret (valfritt), post 2").fill("Snöskoter")  # not in the register
    page.get_by_label("Text, post 2").fill("Nya leder.")
    assert not errors, errors
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").click()
    # the refused form is answered 422 (the browser logs that status, and nothing else)
    assert [e for e in errors if "422" not in e] == []
    errors.clear()
    error = page.locator("#items-1-error")
    assert "Ingen insats i registret heter ”Snöskoter”" in error.inner_text()
    assert page.get_by_label("Text, post 2").input_value() == "Nya leder."  # nothing typed is lost
    assert not ContributionItem.objects.filter(contribution=insatser).exists()
    check_page(page, width, assert_no_axe_violations)
    page.get_by_label("Insats ur registret (valfritt), post 2").fill("")
    page.get_by_label("Rubrik (om insatsen inte finns i registret), post 2").fill("Snöskoterleder")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara och klarmarkera").click()
    assert page.get_by_text("Bidraget är klarmarkerat").count() == 1
    saved = Contribution.objects.get(pk=insatser.pk)
    assert saved.state == Contribution.State.SUBMITTED
    assert [(i.initiative_id and i.initiative.code, i.title) for i in saved.items.order_by("order")] == [
        ("bredband-inlandet", "Bredband i inlandet"), (None, "Snöskoterleder")]
    # the submitted page links the initiative to its page in the register
    assert page.get_by_role("link", name="Bredband i inlandet").get_attribute("href") == "/insatser/bredband-inlandet/"
    check_page(page, width, assert_no_axe_violations)

    # Agenda 2030 submitted too
    page.goto(f"/uppfoljning/bidrag/{agenda.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara och klarmarkera").click()
    assert Contribution.objects.get(pk=agenda.pk).state == Contribution.State.SUBMITTED
    check_page(page, width, assert_no_axe_violations)
    assert not errors, errors


def test_the_buttons_work_without_javascript(browser, live_server, texts):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False, viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        login(page, "ebba")
        c = texts["omvarldsanalys"]
        page.goto(f"/uppfoljning/bidrag/{c.pk}/")
        page.get_by_label("Text", exact=True).fill("Mitt utkast.")
        page.get_by_label("Rubrik, post 1").fill("AI-förordningen")
        with page.expect_navigation():
            page.get_by_role("button", name="Lägg till omvärldsfaktor").click()
        assert page.get_by_label("Text", exact=True).input_value() == "Mitt utkast."
        assert page.get_by_label("Rubrik, post 1").input_value() == "AI-förordningen"
        new = page.get_by_label("Rubrik, post 2")
        assert new.evaluate("el => el === document.activeElement")  # autofocus, no script
        new.fill("NIS2")
        with page.expect_navigation():
            page.get_by_role("button", name="Lägg till omvärldsfaktor").click()
        page.get_by_label("Rubrik, post 3").fill("Bort")
        with page.expect_navigation():
            page.get_by_role("button", name="Ta bort post 3").click()
        assert page.get_by_label("Rubrik, post 3").count() == 0
        assert Contribution.objects.get(pk=c.pk).revision == 0  # nothing saved yet
        # Enter in a row's field saves the form (it does not remove a row)
        page.get_by_label("Rubrik, post 2").press("Enter")
        page.wait_for_load_state()
        assert page.get_by_text("Utkastet är sparat").count() == 1
        assert list(ContributionItem.objects.filter(contribution=c).order_by("order").values_list("title", flat=True)) == ["AI-förordningen", "NIS2"]
        # the Agenda 2030 targets: every goal's group is there
        page.goto(f"/uppfoljning/bidrag/{texts['agenda-2030'].pk}/")
        assert page.get_by_label("Delmål (valfritt), post 1").locator("optgroup").count() == 17
    finally:
        context.close()


CARET = """([selector, index, at]) => {
    const el = document.querySelectorAll('.pell-content ' + selector)[index];
    const text = el.firstChild;
    const range = document.createRange();
    range.setStart(text, at === 'end' ? text.length : 0);
    range.collapse(true);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""


def test_joining_blocks_writes_no_inline_style(page, texts):
    """Backspace and Delete across paragraphs, list items and headings: the editor joins
    them itself (Chrome's join writes style="…", refused by the CSP)."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, "ebba")
    page.goto(f"/uppfoljning/bidrag/{texts['omvarldsanalys'].pk}/")
    content = page.locator(".pell-content")
    content.click()
    content.evaluate("el => { el.innerHTML = '<p>Ett</p><ul><li>A</li><li>B</li></ul><h3>Rubrik</h3><p>Två</p>'; }")

    page.evaluate(CARET, ["li", 1, "start"])
    page.keyboard.press("Backspace")  # B joins A
    assert content.inner_html() == "<p>Ett</p><ul><li>AB</li></ul><h3>Rubrik</h3><p>Två</p>"
    page.keyboard.type("-")
    assert content.inner_html() == "<p>Ett</p><ul><li>A-B</li></ul><h3>Rubrik</h3><p>Två</p>"
    page.evaluate(CARET, ["li", 0, "start"])
    page.keyboard.press("Backspace")  # the list's first item becomes a paragraph
    assert content.inner_html() == "<p>Ett</p><p>A-B</p><h3>Rubrik</h3><p>Två</p>"
    page.evaluate(CARET, ["h3", 0, "end"])
    page.keyboard.press("Delete")  # the paragraph after joins the heading
    assert content.inner_html() == "<p>Ett</p><p>A-B</p><h3>RubrikTvå</h3>"
    page.evaluate(CARET, ["h3", 0, "start"])
    page.keyboard.press("Backspace")  # the heading joins the paragraph before
    assert content.inner_html() == "<p>Ett</p><p>A-BRubrikTvå</p>"
    # a selection across two paragraphs
    page.evaluate("""() => {
        const ps = document.querySelectorAll('.pell-content p');
        const range = document.createRange();
        range.setStart(ps[0].firstChild, 1);
        range.setEnd(ps[1].firstChild, 2);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
    }""")
    page.keyboard.press("Backspace")
    assert content.inner_html() == "<p>EBRubrikTvå</p>"
    assert page.locator("textarea#id_body").input_value() == "EBRubrikTvå"
    assert not errors, errors
