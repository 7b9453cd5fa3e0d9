"""The contribution editor's toolbar in a real browser: a button formats where the caret
is and leaves the caret there (QA found the list buttons putting it at the start of the
item, so the next words landed before the ones written), by mouse and by keyboard; and
every button's sign is drawn with the site's own fonts (the link button showed a
missing-glyph box)."""

import pytest

from resultat.followup.models import Contribution
from tests.browser.helpers import live_server_without_flush, login, module_site, open_editor_cycle

# One data setup, login and page for the module (the tests only type into the editor):
# each test starts on a freshly loaded editor, with every table put back as it was after
# the setup (tests/browser/helpers.module_site). Per test, the setup and login took
# ~3.5 s of the module's ~4 s a test.


def _load() -> int:
    cycle, area = open_editor_cycle()
    return Contribution.objects.get(cycle=cycle, area=area, question__code="omvarldsanalys").pk


def _log_in(site) -> None:
    site.page.set_viewport_size({"width": 1280, "height": 900})
    login(site.page, "ebba")


@pytest.fixture(scope="module")
def site_start(browser, live_server, django_db_setup, django_db_blocker):
    with module_site(browser, live_server, django_db_blocker, _load, _log_in) as start:
        yield start


@pytest.fixture(autouse=True)
def _live_server_helper(live_server):
    yield from live_server_without_flush(live_server)


@pytest.fixture
def site(site_start):
    """The module's page, logged in as ebba, the tables as the setup left them."""
    site = site_start()
    yield site
    assert not site.errors, site.errors
    assert not site.blocked, site.blocked


@pytest.fixture
def page(site):
    return site.page


@pytest.fixture
def editor(site):
    page = site.page
    page.goto(f"/uppfoljning/bidrag/{site.data}/")
    box = page.get_by_role("textbox", name="Text", exact=True)
    box.click()
    return box


def markup(page):
    return page.locator("textarea#id_body").input_value()


# button name, what "Första raden" plus the typed " och mer" becomes in the light markup
BLOCK_BUTTONS = [
    ("Punktlista", "- Första raden och mer"),
    ("Numrerad lista", "1. Första raden och mer"),
    ("Rubrik", "### Första raden och mer"),
    ("Underrubrik", "#### Första raden och mer"),
]


@pytest.mark.parametrize(("button", "expected"), BLOCK_BUTTONS)
def test_a_block_button_leaves_the_caret_where_it_was(page, editor, button, expected):
    page.keyboard.type("Första raden")
    page.get_by_role("button", name=button, exact=True).click()
    page.keyboard.type(" och mer")
    assert markup(page) == expected


@pytest.mark.parametrize("button", ["Punktlista", "Numrerad lista", "Rubrik", "Vanligt stycke"])
def test_a_block_button_keeps_the_caret_in_the_middle_of_a_line_and_on_the_second_line(page, editor, button):
    page.keyboard.type("Ett stycke före.")
    page.keyboard.press("Enter")
    page.keyboard.type("Andra raden")
    for _ in range(len(" raden")):
        page.keyboard.press("ArrowLeft")
    page.get_by_role("button", name=button, exact=True).click()
    page.keyboard.type(" (x)")
    if button == "Vanligt stycke":  # already a paragraph: nothing changes, the caret stays
        assert markup(page) == "Ett stycke före.\n\nAndra (x) raden"
    else:
        assert markup(page).endswith("Andra (x) raden")
        assert markup(page).startswith("Ett stycke före.\n\n")


def test_a_list_button_by_keyboard_returns_to_the_text_with_the_caret_in_place(page, editor):
    page.keyboard.type("Första raden")
    bullets = page.get_by_role("button", name="Punktlista", exact=True)
    bullets.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('pell-content')")
    page.keyboard.type(" och mer")
    assert markup(page) == "- Första raden och mer"


@pytest.mark.parametrize(("button", "mark"), [("Fetstil", "**"), ("Kursiv stil", "*")])
def test_bold_and_italic_at_the_caret_go_on_from_it(page, editor, button, mark):
    page.keyboard.type("Vanlig text")
    page.get_by_role("button", name=button, exact=True).click()
    page.keyboard.type(" betonad")
    page.get_by_role("button", name=button, exact=True).click()
    page.keyboard.type(" slut")
    assert markup(page) == f"Vanlig text {mark}betonad{mark} slut"


def test_bold_on_a_selection_keeps_the_selection(page, editor):
    page.keyboard.type("Ett viktigt ord")
    for _ in range(len("ord")):
        page.keyboard.press("Shift+ArrowLeft")
    page.get_by_role("button", name="Fetstil", exact=True).click()
    assert page.evaluate("window.getSelection().toString()") == "ord"
    page.keyboard.press("ArrowRight")
    page.keyboard.type("!")
    assert markup(page) in ("Ett viktigt **ord!**", "Ett viktigt **ord**!")


def test_the_link_button_links_the_selection_and_returns_the_caret(page, editor):
    page.keyboard.type("Läs mer hos regionen")
    for _ in range(len("regionen")):
        page.keyboard.press("Shift+ArrowLeft")
    page.once("dialog", lambda dialog: dialog.accept("https://www.regionvasterbotten.se/"))
    page.get_by_role("button", name="Länk", exact=True).click()
    assert page.evaluate("document.activeElement.classList.contains('pell-content')")
    page.keyboard.press("ArrowRight")
    page.keyboard.type(".")
    assert markup(page).startswith("Läs mer hos [regionen")
    assert markup(page).endswith(".")


def test_a_cancelled_link_leaves_the_text_and_the_caret(page, editor):
    page.keyboard.type("Ingen länk")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Länk", exact=True).click()
    page.keyboard.type(" här")
    assert markup(page) == "Ingen länk här"


# Draws each non-blank character of each toolbar button in the button's own font and
# compares it with what that font draws for an unassigned code point (U+0378): the
# missing-glyph box. A sign the fonts lack (the old link button's U+1F517) is that box.
MISSING_GLYPHS_JS = """() => {
  function draw(text, font) {
    const canvas = document.createElement('canvas');
    canvas.width = 64; canvas.height = 64;
    const ctx = canvas.getContext('2d');
    ctx.font = font; ctx.fillStyle = '#000'; ctx.fillText(text, 8, 44);
    return Array.from(ctx.getImageData(0, 0, 64, 64).data).join();
  }
  const missing = [];
  for (const button of document.querySelectorAll('.pell-actionbar button')) {
    const style = getComputedStyle(button);
    const font = `${style.fontWeight} 32px ${style.fontFamily}`;
    const box = draw('\\u0378', font);
    for (const ch of Array.from(button.textContent)) {
      if (ch.trim() && draw(ch, font) === box) missing.push(`${button.getAttribute('aria-label')}: U+${ch.codePointAt(0).toString(16).toUpperCase()}`);
    }
  }
  return missing;
}"""


@pytest.mark.parametrize(("language", "name"), [("sv", "Länk"), ("en", "Link")])
def test_every_toolbar_sign_is_drawn_and_the_link_button_is_named(site, language, name):
    page = site.page
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    try:
        page.goto(f"/uppfoljning/bidrag/{site.data}/")
        toolbar = page.get_by_role("toolbar")
        toolbar.wait_for()
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate(MISSING_GLYPHS_JS) == []
        link = toolbar.get_by_role("button", name=name, exact=True)
        assert link.inner_text().strip() == ""  # no character sign: a drawing
        icon = link.locator("svg")
        box = icon.bounding_box()
        assert box and box["width"] >= 12 and box["height"] >= 12
        stroke = icon.evaluate("svg => getComputedStyle(svg).stroke")
        assert stroke == link.evaluate("b => getComputedStyle(b).color")  # drawn in the text's colour
        assert icon.get_attribute("aria-hidden") == "true"
        assert toolbar.locator("[style]").count() == 0  # the Content-Security-Policy refuses inline styles
    finally:
        page.context.clear_cookies(name="django_language")
